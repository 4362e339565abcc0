"""`fundwatch` commands: alerts (test, list)."""

from __future__ import annotations

import click

from flows.cli_common import config_option
from flows.terminal import echo, json_text, secho

STATUSES = ("queued", "pending", "sent", "failed", "skipped")


def register(cli: click.Group) -> None:
    """Add this module's commands to the `fundwatch` group."""
    cli.add_command(alerts)


@click.group()
def alerts() -> None:
    """Alert targets and the outbox of alerts.

    Example:

        fundwatch alerts test --config fundwatch.toml
    """


@alerts.command("test")
@config_option
def test_command(config) -> None:
    """Send a test message to every [[alerts]] target; exit 1 if any fails.

    Touches no database: it only checks that each URL reaches its service.

    Example:

        fundwatch alerts test --config fundwatch.toml
    """
    from alerts.delivery import send_test

    if not config.alerts:
        raise click.ClickException(f"{config.source}: no [[alerts]] targets configured")
    from alerts.targets import distinct_labels

    labels = distinct_labels({t.key: t.label for t in config.alerts}, config.alerts)
    failures = 0
    for target, ok, error in send_test(config.alerts):
        if ok:
            echo(f"ok      {labels[target.key]}")
        else:
            failures += 1
            secho(f"failed  {labels[target.key]}: {error}", fg="red")
    if failures:
        raise SystemExit(1)


@alerts.command("list")
@config_option
@click.option("--status", type=click.Choice(STATUSES), help="Only deliveries with this status.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_command(config, status: str | None, limit: int, as_json: bool) -> None:
    """Show the outbox: each alert per target: pending, sent, failed (why), skipped (why).

    "queued" rows are alerts not yet fanned out to targets (no cycle has run
    since, or no target is configured). Newest first.

    Example:

        fundwatch alerts list --config fundwatch.toml --status failed
    """
    from storage import outbox
    from storage.db import StorageError
    from storage.readonly import open_db_readonly

    try:
        db = open_db_readonly(config.db_path)  # a look: no write access needed
    except StorageError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        rows = outbox.listing(db, status=status, limit=limit)
        totals = outbox.counts(db)
    finally:
        db.conn.close()
    if as_json:
        for row in rows:
            echo(json_text(row, ensure_ascii=False))
        return
    echo(", ".join(f"{totals.get(s, 0)} {s}" for s in STATUSES))
    configured, waiting = {t.key for t in config.alerts}, ("pending", "failed")
    if not rows:
        return
    from alerts.targets import distinct_labels

    # Two targets on one server share a label: tell them apart.
    labels = distinct_labels({r["target_key"]: r["target"] or "-" for r in rows if r["target_key"]}, config.alerts)
    for row in rows:
        retry = f"next {row['next_attempt_at']}" if row["status"] == "failed" else ""
        when = row["sent_at"] or retry
        line = (
            f"#{row['outbox_id']:<5} {row['kind']:<6} {row['status']:<8} {row['attempts']:>2}x  "
            f"{(row['company'] or '?')[:28]:<28}  {labels.get(row['target_key'], row['target'] or '-')}"
        )
        if when:
            line += f"  {when}"
        if row["target_key"] and row["target_key"] not in configured and row["status"] in waiting:
            line += "  (target no longer configured)"
        secho(line, fg={"failed": "red", "sent": "green"}.get(row["status"]))
        if row["last_error"]:
            echo(f"        {row['last_error']}")
