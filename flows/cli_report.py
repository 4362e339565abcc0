"""`fundwatch report`: the market at a glance, as one self-contained HTML page."""

from __future__ import annotations

import sys
import time
from datetime import date

import click

from flows.cli_events import config_option, open_events_db


@click.command()
@config_option
@click.option("--since", default="30d", show_default=True, metavar="PERIOD",
              help="Rounds dated within the last N days or weeks (30d, 12w), or since a date (YYYY-MM-DD).")
@click.option("--out", "out", default="report.html", show_default=True, type=click.Path(dir_okay=False),
              help="Where to write the page.")
def report(config_path: str | None, since: str, out: str) -> None:
    """Write one HTML page of the period's rounds: charts, largest rounds, investors, feeds.

    The page carries its styles and charts inline and loads nothing: it opens
    from a file or an e-mail attachment, offline. Only live rounds reported as
    news and at least as sure as the alert threshold count (like `events list`);
    the page says how many others were left out. An empty period or a new
    database gives a page that says so.

    Example: fundwatch report --config fundwatch.toml --since 12w --out market.html
    """
    from market.build import build, write_page
    from market.data import parse_since

    try:
        parse_since(since, date.today())  # a bad period is a usage error, before any work
    except ValueError as exc:
        raise click.BadParameter(str(exc).split(": ", 1)[-1], param_hint="--since") from exc
    started = time.perf_counter()
    with open_events_db(config_path) as db:
        html, data = build(db, since)
    try:
        path = write_page(html, out)
    except OSError as exc:
        click.secho(f"error: cannot write {out}: {exc.strerror or exc}", fg="red", err=True)
        sys.exit(1)
    left_out = f"; {data.less_certain} less certain left out" if data.less_certain else ""
    click.echo(f"{path}: {len(data.rounds)} rounds since {data.since}{left_out}; "
               f"{len(html.encode()) / 1024:.0f} KB in {time.perf_counter() - started:.2f}s")


def register(cli: click.Group) -> None:
    cli.add_command(report)
