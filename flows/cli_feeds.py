"""`fundwatch` commands: feeds."""

import click


def register(cli: click.Group) -> None:
    """Add this module's commands to the `fundwatch` group."""
