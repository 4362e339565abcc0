"""What every `fundwatch` command shares: the --config option and its errors."""

from __future__ import annotations

import click

from flows.settings import Config, ConfigError, load_config

CONFIG_HELP = "TOML config file (default: $FUNDWATCH_CONFIG, else the packaged default)."


class ConfigProblem(click.ClickException):
    """A bad config: one line, `Error: FILE: key: why`, exit code 2.

    Not a click.UsageError: that prints the command's usage first, which says
    nothing about a file the user wrote.
    """

    exit_code = 2


def load_config_or_usage_error(path: str | None) -> Config:
    """The config, or an error naming the bad key (exit code 2)."""
    try:
        return load_config(path)
    except ConfigError as exc:
        raise ConfigProblem(str(exc)) from exc


def _load(ctx: click.Context, param: click.Parameter, value: str | None) -> Config:
    return load_config_or_usage_error(value)


# Commands decorated with this receive the loaded `Config` as `config`.
config_option = click.option("--config", "config", metavar="FILE", callback=_load, help=CONFIG_HELP)
