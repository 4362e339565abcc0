"""The `fundwatch` command line.

Commands live in small modules beside this one, each exposing `register(group)`,
so the CLI grows by adding a module. Prefect is imported only by the commands
that run flows, so `fundwatch extract` or `fundwatch events list` start fast.
"""

from __future__ import annotations

import sys

import click

@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(None, "--version", "-V", package_name="fundwatch", prog_name="fundwatch")
def cli() -> None:
    """fundwatch: finds startup funding rounds in the news, the moment they are published."""


def _register_all() -> None:
    from flows import cli_alerts, cli_events, cli_extraction, cli_feeds, cli_inspect, cli_report, cli_run

    for module in (cli_run, cli_extraction, cli_feeds, cli_events, cli_alerts, cli_inspect, cli_report):
        module.register(cli)


_register_all()


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
