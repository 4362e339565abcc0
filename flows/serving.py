"""`fundwatch serve`: the monitoring flow as a scheduled deployment, in the foreground."""

from __future__ import annotations

import os
from pathlib import Path

import click

from flows.local_server import LocalPrefectServer
from flows.settings import Config
from flows.signals import sigterm_as_interrupt


def serve_forever(config: Config, config_path: str | None, name: str, home: Path) -> None:
    sigterm_as_interrupt()
    server = None
    if not os.environ.get("PREFECT_API_URL"):
        server = LocalPrefectServer(home)
        click.echo(f"starting a local Prefect server (state in {home}) ...")
        os.environ["PREFECT_API_URL"] = server.start()
        ui = os.environ["PREFECT_API_URL"].removesuffix("/api")
        click.echo(f"Prefect UI: {ui}")
    try:
        # Imported only now: Prefect reads PREFECT_API_URL at import time.
        from flows.monitor import monitor

        schedule = config.schedule
        when = f"every {schedule.interval_seconds}s" if schedule.interval_seconds else f"cron {schedule.cron!r}"
        click.echo(f"serving deployment fundwatch-monitor/{name}, {when}; Ctrl-C to stop")
        monitor.serve(
            name=name,
            interval=schedule.interval_seconds,
            cron=schedule.cron,
            parameters={"config_path": config_path},
            print_starting_message=False,
        )
    except KeyboardInterrupt:
        click.echo("stopping")
    finally:
        if server:
            server.stop()
