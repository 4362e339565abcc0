"""`fundwatch demo`: the whole pipeline, offline, on an invented news site."""

from __future__ import annotations

import shutil
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
    configure_prefect(workdir)
    click.secho("fundwatch demo", bold=True, fg="cyan")
    click.echo("An invented news site (English and German feeds, funding stories and look-alikes")
    click.echo("that are not rounds) and an alert receiver run on 127.0.0.1; one cycle reads them.")

    with DemoSite() as site, AlertReceiver() as receiver:
        config_file.write_text(CONFIG_TEMPLATE.format(site=site.url, receiver=receiver.apprise_url), encoding="utf-8")
        click.echo(f"\n  news site       {site.url}/en/feed.xml, {site.url}/de/atom.xml")
        click.echo(f"  alert receiver  {receiver.url}")
        click.echo("\nRunning one cycle (the first start of Prefect's local engine takes a few seconds) ...")

        from flows.monitor import run_once

        started = time.perf_counter()
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
    _heading(f"Rounds found ({len(events)})")
    if not events:
        click.echo("  none")
    for event in events:
        amount = format_amount(event.get("amount"), event.get("currency"))
        round_name = (event.get("round") or "unknown").replace("_", " ")
        line = f"  {event['company']}: {amount}, {round_name}"
        click.secho(line, fg="green" if event["id"] in new_ids else None)
        if event.get("lead_investors"):
            click.echo(f"      led by {', '.join(event['lead_investors'])}")
        others = [i for i in event.get("investors") or [] if i not in (event.get("lead_investors") or [])]
        if others:
            click.echo(f"      with {', '.join(others)}")
        valuation = event.get("valuation")
        if valuation and valuation.get("amount"):
            click.echo(f"      valued at {format_amount(valuation['amount'], valuation.get('currency'))}")
        if not event.get("main"):
            click.echo("      (a past round mentioned in passing: stored, never alerted)")
        sources = event.get("sources") or []
        label = "source" if len(sources) == 1 else f"{len(sources)} sources, one row"
        for source in sources:
            click.echo(f"      {label}: {source.get('url')}")
            label = " " * len(label)


def _show_alerts(received: list[dict]) -> None:
    _heading(f"Alerts delivered to the local receiver ({len(received)})")
    if not received:
        click.echo("  none")
    for message in received:
        title = message.get("title") or ""
        body = (message.get("message") or message.get("body") or "").strip().splitlines()
        click.echo(f"  > {title or (body[0] if body else '')}")


def _show_next_steps(workdir: Path) -> None:
    config = workdir / "fundwatch.toml"
    db = workdir / "fundwatch.db"
    _heading("Look at the database")
    click.echo(f"  fundwatch events list --config {config}")
    click.echo(f"  fundwatch events show 1 --config {config}")
    click.echo(f"  fundwatch events export --config {config} --format csv")
    click.echo(f"  sqlite-utils rows {db} events --nl")
    if shutil.which("datasette"):
        click.echo(f"  datasette {db}")
    else:
        click.echo(f"  pip install datasette && datasette {db}")
    _heading("Next")
    click.echo("  fundwatch config > fundwatch.toml      # real funding-news feeds; add [[alerts]]")
    click.echo("  fundwatch run --config fundwatch.toml  # one cycle, now")
    click.echo("  fundwatch serve --config fundwatch.toml  # keep polling on the schedule")
