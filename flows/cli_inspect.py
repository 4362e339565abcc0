"""`fundwatch` commands for reading the database: search, schema, ui (Datasette)."""

from __future__ import annotations

import importlib.util
import json
import signal
import socket
import subprocess
import sys
import tempfile
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import click

from flows.child_process import dies_with_parent
from flows.cli_common import load_config_or_usage_error
from flows.cli_events import config_option, money, open_events_db
from flows.signals import sigterm_as_interrupt
from flows.terminal import echo, json_text

METADATA_FILE = "datasette_metadata.json"
METADATA_DB_NAME = "fundwatch"  # the database key in the packaged metadata
INSTALL_HINT = (
    "Datasette is not installed. It comes with the optional 'ui' extra:\n"
    "    pip install 'fundwatch[ui]'        (from a checkout: pip install -e '.[ui]')"
)


def _clean(value) -> str:
    """One line of printable text: titles and snippets come from the network."""
    text = "" if value is None else str(value)
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def load_metadata() -> dict:
    """The packaged Datasette metadata (table and column descriptions, canned queries)."""
    return json.loads((resources.files("storage") / METADATA_FILE).read_text(encoding="utf-8"))


def datasette_available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def metadata_for(db_path: str | Path) -> dict:
    """The metadata with its database key renamed to what Datasette calls `db_path` (the file stem)."""
    meta = load_metadata()
    name = Path(db_path).stem
    if name != METADATA_DB_NAME:
        meta["databases"] = {name: meta["databases"][METADATA_DB_NAME]}
    return meta


def datasette_command(db_path: str | Path, metadata_path: str | Path, host: str, port: int,
                      open_browser: bool = False) -> list[str]:
    """The argv that serves `db_path` with Datasette, run by this Python."""
    argv = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(metadata_path),
            "--host", host, "--port", str(port)]
    if open_browser:
        argv.append("--open")
    return argv


@contextmanager
def metadata_file(db_path: str | Path):
    """A path to the metadata for `db_path`: the packaged file itself when the
    database is called fundwatch.db, else a temporary copy under the right name."""
    name = Path(db_path).stem
    if name == METADATA_DB_NAME:
        with resources.as_file(resources.files("storage") / METADATA_FILE) as path:
            yield path
        return
    with tempfile.TemporaryDirectory(prefix="fundwatch-ui-") as tmp:
        path = Path(tmp) / METADATA_FILE
        path.write_text(json.dumps(metadata_for(db_path), ensure_ascii=False, indent=2), encoding="utf-8")
        yield path


def _result_text(i: int, row: dict) -> str:
    where = ", ".join(x for x in (row["lang"], _clean(row["feed"])) if x)
    lines = [
        f"{i}. {(row['published'] or 'undated')[:10]}  {_clean(row['title']) or '(no title)'}"
        + (f"  [{where}]" if where else ""),
        f"   {_clean(row['url'])}",
        f"   {_clean(row['snippet'])}",
    ]
    if row["copy_of"]:
        lines.append(f"   syndicated copy of article {row['copy_of']}")
    for r in row["rounds"]:
        lines.append(
            f"   round #{r['id']}: {_clean(r['company'])}  {money(r['amount'], r['currency'])}  {r['round']}"
            f"{'' if r['main_in_article'] else '  (mentioned in passing)'}"
        )
    return "\n".join(lines)


@click.command("search")
@config_option
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="At most this many articles.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of text.")
def search_command(config_path, query, limit, as_json) -> None:
    """Full-text search over stored articles (titles and texts), best match first.

    Each article comes with the rounds found in it. QUERY may use SQLite FTS5
    syntax (lumora OR kelpie, seri*, title:lumora, "series b"); anything else is
    searched as plain words.

    Example:

        fundwatch search "series b" --limit 5
    """
    from storage.inspect import search_articles

    with open_events_db(config_path) as db:
        rows = search_articles(db, query, limit=limit)
    if as_json:
        echo(json_text(rows, ensure_ascii=False, indent=2, default=str))
        return
    if not rows:
        echo("no articles match")
        return
    echo("\n\n".join(_result_text(i, row) for i, row in enumerate(rows, 1)))


def _schema(db, meta: dict) -> list[dict]:
    described = next(iter(meta["databases"].values()))["tables"]
    out = []
    names = [(n, "table") for n in db.table_names()] + [(n, "view") for n in db.view_names()]
    for name, kind in names:
        if name.startswith(("articles_fts", "sqlite_")):
            continue
        info = described.get(name, {})
        columns = [
            {"name": c.name, "type": c.type or "", "description": info.get("columns", {}).get(c.name, "")}
            for c in (db[name].columns if kind == "table" else db.view(name).columns)
        ]
        out.append({"name": name, "kind": kind, "description": info.get("description", ""), "columns": columns})
    return out


@click.command("schema")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the schema as JSON.")
@click.option("--upgrade", is_flag=True, help="First bring a file from an older fundwatch up to date (writes).")
def schema_command(config_path, as_json, upgrade) -> None:
    """Describe the database: every table and view, its columns and what they mean.

    Reading commands never change the file; --upgrade applies the schema steps a
    file written by an older fundwatch lacks (a cycle does that too).

    Example:

        fundwatch schema --config fundwatch.toml
    """
    with open_events_db(config_path, write=upgrade) as db:
        schema = _schema(db, load_metadata())
    if as_json:
        echo(json_text(schema, ensure_ascii=False, indent=2))
        return
    blocks = []
    for t in schema:
        width = max((len(c["name"]) for c in t["columns"]), default=0)
        lines = [f"{t['name']} ({t['kind']}): {t['description'] or '-'}"]
        lines += [f"  {c['name']:<{width}}  {c['type']:<7}  {c['description']}".rstrip() for c in t["columns"]]
        blocks.append("\n".join(lines))
    echo("\n\n".join(blocks))


def _stop(process: subprocess.Popen, grace: float = 10.0) -> None:
    """Stop Datasette after Ctrl-C (a terminal sends it the signal too; a parent
    process may have signalled only us): interrupt, wait a little, then kill."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def port_taken(host: str, port: int) -> str | None:
    """Why Datasette could not listen on (host, port), or None when it can.

    Checked first so that `ui` says so instead of printing an address that
    something else answers on. SO_REUSEADDR as uvicorn sets it: a port left in
    TIME_WAIT is free.
    """
    if not port:
        return None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        return f"cannot listen on {host}: {exc.strerror}"
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == 98:  # EADDRINUSE
                return f"port {port} on {host} is taken; choose another with --port (0: any free port)"
            return f"cannot listen on {host}:{port}: {exc.strerror}"
    return None


@click.command("ui")
@config_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True, help="Port (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open a web browser on it.")
@click.option("--metadata", "print_metadata", is_flag=True,
              help="Print the Datasette metadata for the configured database and exit (to run Datasette yourself).")
def ui_command(config_path, host, port, open_browser, print_metadata) -> None:
    """Browse the database in Datasette, with descriptions and canned queries (needs the 'ui' extra).

    Runs until interrupted (Ctrl-C). Install Datasette with pip install 'fundwatch[ui]'.

    Example:

        fundwatch ui --config fundwatch.toml --port 8001 --open
        fundwatch ui --config fundwatch.toml --metadata > metadata.json
    """
    if print_metadata:
        # Datasette files canned queries under the database's file stem; the
        # packaged metadata says `fundwatch`, so it is renamed for this file.
        config = load_config_or_usage_error(config_path)
        echo(json_text(metadata_for(config.db_path), ensure_ascii=False, indent=2))
        return
    if not datasette_available():
        raise click.ClickException(INSTALL_HINT)
    config = load_config_or_usage_error(config_path)
    if not config.db_path.exists():
        raise click.ClickException(f"no database at {config.db_path} yet: `fundwatch run` creates it")
    problem = port_taken(host, port)
    if problem:
        raise click.ClickException(problem)
    with open_events_db(config_path) as db:  # refuses a file from another version: the views must exist
        db_path = Path(db.conn.execute("pragma database_list").fetchone()[2])
    # SIGTERM too must stop Datasette and remove the temporary metadata folder.
    sigterm_as_interrupt()
    with metadata_file(db_path) as meta_path:
        argv = datasette_command(db_path, meta_path, host, port, open_browser)
        if port:
            echo(f"Datasette on http://{host}:{port}/ (Ctrl-C stops it)", err=True)
        # Killed outright (SIGKILL), `ui` cannot stop Datasette: the kernel does.
        process = subprocess.Popen(dies_with_parent(argv))
        try:
            code = process.wait()
        except KeyboardInterrupt:
            _stop(process)
            return
    if code:
        sys.exit(code if code > 0 else 1)


def register(cli: click.Group) -> None:
    """Add this module's commands to the `fundwatch` group."""
    cli.add_command(search_command)
    cli.add_command(schema_command)
    cli.add_command(ui_command)
