"""The `fundwatch` command line.

Commands live in small modules beside this one, each exposing `register(group)`,
so the CLI grows by adding a module. Prefect is imported only by the commands
that run flows, so `fundwatch extract` or `fundwatch events list` start fast.
"""

from __future__ import annotations

import sys

import click

from flows.settings import ConfigError, Config, load_config

CONFIG_HELP = "TOML config file (default: $FUNDWATCH_CONFIG, else the packaged default)."


def config_option(func):
    """The shared --config option; commands receive the loaded `Config` as `config`."""

    def load(ctx: click.Context, param: click.Parameter, value: str | None) -> Config:
        try:
            return load_config(value)
        except ConfigError as exc:
            raise click.UsageError(str(exc)) from exc  # exit code 2, message names the key

    return click.option(
        "--config", "config", callback=load, metavar="FILE", help=CONFIG_HELP, expose_value=True
    )(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fundwatch")
def cli() -> None:
    """fundwatch: finds startup funding rounds in the news, the moment they are published."""


def _register_all() -> None:
    from flows import cli_alerts, cli_events, cli_extraction, cli_feeds, cli_inspect, cli_run

    for module in (cli_run, cli_extraction, cli_feeds, cli_events, cli_alerts, cli_inspect):
        module.register(cli)


_register_all()


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        sys.exit(130)
