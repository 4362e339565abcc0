"""`fundwatch run`, `demo`, `serve` and `config`: the commands that run cycles."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import click

from flows.prefect_env import configure_prefect
from flows.cli_common import CONFIG_HELP
from flows.cli_common import load_config_or_usage_error as _load
from flows.settings import Config, default_config_text


def _check_database(config: Config) -> None:
    """Fail fast, before Prefect starts, when the database cannot be used."""
    from storage import open_db
    from storage.db import StorageError
    from storage.health import check_file

    try:
        check_file(config.db_path)  # before open_db, which would migrate (write) the file
        open_db(config.db_path).conn.close()
    except StorageError as exc:
        click.secho(f"error: {exc}", fg="red", err=True)
        sys.exit(1)


def _warn_without_feeds(config: Config) -> None:
    """A config with no [[feeds]] runs, and finds nothing, forever: say so once."""
    if not config.feeds:
        click.secho(f"warning: {config.source} lists no feeds ([[feeds]] url = ...): there is nothing to poll",
                    fg="yellow", err=True)


def _config_path_for_flow(path: str | None) -> str | None:
    chosen = path or os.environ.get("FUNDWATCH_CONFIG")
    return str(Path(chosen).resolve()) if chosen else None


def run_cycle_command(config_path: str | None, config: Config, use_prefect: bool = True):
    if not use_prefect:
        from flows.cycle import run_plain
        from flows.market_cycle import after_cycle

        report = run_plain(config)
        if not report.skipped_reason:
            # What the Prefect flow does after its cycle (flows/monitor.py): page, weekly digest.
            report.alert_lines += after_cycle(config).lines
        return report
    # ERROR: the command prints failed feeds and unreadable articles itself, once;
    # Prefect's console copy of the same warnings would show each twice.
    home = configure_prefect(config.db_path.parent, console_level="ERROR")
    # Our own temporary server rather than Prefect's: it dies with this process, even on SIGKILL.
    from flows.ephemeral_server import start_prefect_api

    server_ready = start_prefect_api(home, wait=False)
    from flows.monitor import run_once  # Prefect and the cycle's modules load while the server starts
    from flows.stages import prepare_writer

    # The server takes seconds more to answer, and this process would only wait:
    # the store step's one-time loading is done meanwhile instead of during the cycle.
    threading.Thread(target=prepare_writer, name="prepare-writer").start()
    server_ready()
    return run_once(_config_path_for_flow(config_path))


def _run_or_exit(config_path: str | None, config: Config, use_prefect: bool):
    """Run the cycle; a database that cannot be written stops it with a clear message and exit 1."""
    from storage.db import write_failure

    try:
        return run_cycle_command(config_path, config, use_prefect)
    except Exception as exc:
        message = write_failure(exc)
        if message is None:
            raise
        click.secho(f"error: {message}", fg="red", err=True)
        sys.exit(1)


@click.command()
@click.option("--config", "config_path", metavar="FILE", help=CONFIG_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the cycle report as JSON, alone on stdout (the summary goes to stderr).")
@click.option("--no-prefect", "no_prefect", is_flag=True,
              help="Run the cycle as plain function calls: no Prefect server to start, no run records.")
def run(config_path: str | None, as_json: bool, no_prefect: bool) -> None:
    """Poll every due feed once, now, and store and alert what is new.

    Work left undone by a cycle that died (killed, disk full) is done first.
    Exit code 0 when the cycle completed, even if some feeds failed (they are
    listed); 2 for a bad config, 1 when the database cannot be used or written
    (a full disk: nothing is lost, the next cycle resumes). The last line is a
    one-line summary.

    Example: fundwatch run --config fundwatch.toml
    """
    config = _load(config_path)
    _warn_without_feeds(config)
    _check_database(config)
    report = _run_or_exit(config_path, config, use_prefect=not no_prefect)
    for url, error in report.failed_feeds:
        click.echo(f"feed failed: {url}: {error}", err=True)
    for url, error in report.unreadable_articles:
        click.echo(f"could not extract rounds from {url}: {error}", err=True)
    if as_json:
        # Only the JSON on stdout, for `| jq`; the lines for people go to stderr.
        import json

        click.echo(json.dumps(report.as_dict(), indent=2, default=str))
    for line in report.alert_lines:
        click.echo(line, err=as_json)
    click.echo(report.summary_line(), err=as_json)


@click.command()
@click.option("--dir", "workdir", default="fundwatch-demo", show_default=True, type=click.Path(file_okay=False), help="Where the demo writes its database and config.")
def demo(workdir: str) -> None:
    """Run the whole pipeline offline on a small invented news site.

    Serves English and German feeds and articles on 127.0.0.1, runs one cycle
    into a fresh SQLite file, delivers alerts to a local webhook receiver, and
    shows what was found and how to look at the database.

    Example: fundwatch demo
    """
    from flows.demo import run_demo
    from flows.signals import sigterm_as_interrupt

    sigterm_as_interrupt()  # the demo's servers stop on SIGTERM as on Ctrl-C
    try:
        run_demo(Path(workdir))
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
        sys.exit(130)


@click.command()
@click.option("--config", "config_path", metavar="FILE", help=CONFIG_HELP)
@click.option("--name", default="fundwatch", show_default=True, help="Deployment name.")
def serve(config_path: str | None, name: str) -> None:
    """Keep polling on the config's schedule, in the foreground, until Ctrl-C.

    Serves the monitoring flow as a Prefect deployment. With PREFECT_API_URL
    set it uses that server; otherwise it starts a local Prefect server
    (SQLite, 127.0.0.1, state beside the database), whose UI shows the runs,
    and stops it on exit.

    Example: fundwatch serve --config fundwatch.toml
    """
    config = _load(config_path)
    _warn_without_feeds(config)
    _check_database(config)
    home = configure_prefect(config.db_path.parent, console_level="INFO")
    from flows.serving import serve_forever

    serve_forever(config, _config_path_for_flow(config_path), name, home)


@click.command()
@click.option("--config", "config_path", metavar="FILE", help=CONFIG_HELP)
@click.option("--since", metavar="DATE", help="Only articles published on or after DATE (YYYY-MM-DD).")
def reextract(config_path: str | None, since: str | None) -> None:
    """Run the current extractor again over every stored article.

    For after an extractor upgrade: each article's rounds are recorded anew in
    place of what the older extractor found; progress is shown as it goes.
    Holds the cycle lock, so a scheduled cycle that starts meanwhile skips.

    Example: fundwatch reextract --config fundwatch.toml --since 2026-01-01
    """
    from flows.cycle_lock import CycleBusy
    from flows.reextract import count_articles, reextract as run_reextract

    config = _load(config_path)
    _check_database(config)
    total = count_articles(config.db_path, since)
    try:
        with click.progressbar(length=total, label="re-extracting", file=sys.stderr,
                               show_pos=True, show_eta=True) as bar:
            report = run_reextract(config.db_path, since, on_article=lambda _row: bar.update(1))
    except CycleBusy as exc:
        click.secho(f"error: {exc}; try again when it has finished", fg="red", err=True)
        sys.exit(1)
    click.echo(report.summary_line())


@click.command(name="config")
def show_config() -> None:
    """Print the packaged default configuration, to copy and edit.

    Example: fundwatch config > fundwatch.toml
    """
    click.echo(default_config_text(), nl=False)


def register(cli: click.Group) -> None:
    """Add this module's commands to the `fundwatch` group."""
    for command in (run, demo, serve, reextract, show_config):
        cli.add_command(command)
