"""`fundwatch demo`: the whole pipeline, offline, on an invented news site."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import click

from flows.demo_server import AlertReceiver, DemoSite
from flows.formatting import format_amount
from flows.prefect_env import configure_prefect

CONFIG_TEMPLATE = """\
# Written by `fundwatch demo`. The demo site's ports change on every run, so this
# config is for inspecting the database, not for polling again.
[storage]
db = "fundwatch.db"

[http]
allow_private_networks = true   # the demo site lives on 127.0.0.1

[[feeds]]
url = "{site}/en/feed.xml"
name = "The Demo Ledger"
lang = "en"

[[feeds]]
url = "{site}/de/atom.xml"
name = "Gründerticker"
lang = "de"

[[alerts]]
url = "{receiver}"
"""


def _fresh_workdir(workdir: Path) -> Path:
    workdir.mkdir(parents=True, exist_ok=True)
    for name in ("fundwatch.db", "fundwatch.db-wal", "fundwatch.db-shm", "fundwatch.db.lock"):
        (workdir / name).unlink(missing_ok=True)
    return workdir / "fundwatch.toml"


def _heading(text: str) -> None:
    click.echo()
    click.secho(text, bold=True)


def run_demo(workdir: Path) -> None:
    config_file = _fresh_workdir(workdir)
    home = configure_prefect(workdir)
    click.secho("fundwatch demo", bold=True, fg="cyan")
    click.echo("An invented news site (English and German feeds, funding stories and look-alikes")
    click.echo("that are not rounds) and an alert receiver run on 127.0.0.1; one cycle reads them.")

    with DemoSite() as site, AlertReceiver() as receiver:
        config_file.write_text(CONFIG_TEMPLATE.format(site=site.url, receiver=receiver.apprise_url), encoding="utf-8")
        click.echo(f"\n  news site       {site.url}/en/feed.xml, {site.url}/de/atom.xml")
        click.echo(f"  alert receiver  {receiver.url}")
        click.echo("\nRunning one cycle (the first start of Prefect's local engine takes a few seconds) ...")

        from flows.ephemeral_server import start_prefect_api

        started = time.perf_counter()
        start_prefect_api(home)  # a temporary Prefect server that ends with the demo, however it ends
        from flows.monitor import run_once

        report = run_once(str(config_file.resolve()))
        elapsed = time.perf_counter() - started
        _show_rounds(workdir / "fundwatch.db", set(report.new_rounds))
        _show_alerts(receiver.received)

    _heading("Cycle")
    click.echo(f"  {report.summary_line()}")
    click.echo(f"  wall time including Prefect start-up: {elapsed:.1f}s")
    _show_next_steps(workdir)


def _show_rounds(db_path: Path, new_ids: set[int]) -> None:
    from storage import open_db
    from storage.events import get_event, list_events

    db = open_db(db_path)
    try:
        events = [get_event(db, e["id"]) for e in list_events(db, limit=100)]
    finally:
        db.conn.close()
    news = [e for e in events if e.get("main")]
    background = [e for e in events if not e.get("main")]
    _heading(f"New funding rounds ({len(news)})")
    if not news:
        click.echo("  none")
    for event in news:
        _show_round(event, new=event["id"] in new_ids)
    if background:
        _heading(f"Past rounds mentioned in passing ({len(background)}): stored, never alerted")
        for event in background:
            amount = format_amount(event.get("amount"), event.get("currency"))
            round_name = (event.get("round") or "unknown").replace("_", " ")
            click.echo(f"  {event['company']}: {amount}, {round_name}")


def _show_round(event: dict, new: bool) -> None:
    amount = format_amount(event.get("amount"), event.get("currency"))
    round_name = (event.get("round") or "unknown").replace("_", " ")
    click.secho(f"  {event['company']}: {amount}, {round_name}", fg="green" if new else None, bold=True)
    leads = event.get("lead_investors") or []
    if leads:
        click.echo(f"      led by    {', '.join(leads)}")
    others = [i for i in event.get("investors") or [] if i not in leads]
    if others:
        click.echo(f"      with      {', '.join(others)}")
    valuation = event.get("valuation")
    if valuation and valuation.get("amount"):
        click.echo(f"      valued at {format_amount(valuation['amount'], valuation.get('currency'))}")
    sources = event.get("sources") or []
    if len(sources) > 1:
        click.echo(f"      {len(sources)} reports, one row:")
    for source in sources:
        click.echo(f"      source    {source.get('url')}")


def _show_alerts(received: list[dict]) -> None:
    _heading(f"Alerts delivered to the local receiver ({len(received)})")
    if not received:
        click.echo("  none")
    for message in received:
        title = message.get("title") or ""
        body = (message.get("message") or message.get("body") or "").strip().splitlines()
        click.echo(f"  > {title or (body[0] if body else '')}")


def _command(name: str) -> str:
    """How the user can call one of our console scripts from here."""
    if shutil.which(name):
        return name
    beside = Path(sys.executable).parent / name
    if beside.exists():
        try:
            return str(beside.relative_to(Path.cwd()))
        except ValueError:
            return str(beside)
    return name


def _show_next_steps(workdir: Path) -> None:
    config = workdir / "fundwatch.toml"
    db = workdir / "fundwatch.db"
    fw = _command("fundwatch")
    _heading("Look at the database")
    click.echo(f"  {fw} events list --config {config}")
    click.echo(f"  {fw} events show 1 --config {config}")
    click.echo(f"  {fw} events export --config {config} --format csv")
    click.echo(f"  {_command('sqlite-utils')} rows {db} events --nl")
    click.echo(f"  {fw} search 'series a' --config {config}")
    click.echo(f"  {fw} report --config {config} --out {workdir / 'report.html'}   # charts: one HTML page")
    click.echo(f"  {fw} ui --config {config}        # Datasette; needs: pip install -e '.[ui]'")
    _heading("Next")
    click.echo(f"  {fw} config > fundwatch.toml         # real funding-news feeds; add [[alerts]]")
    click.echo(f"  {fw} run --config fundwatch.toml     # one cycle, now")
    click.echo(f"  {fw} serve --config fundwatch.toml   # keep polling on the schedule")
