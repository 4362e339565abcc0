"""`fundwatch feeds`: the health of every feed, for people (a table) or scripts (--json)."""

from __future__ import annotations

import click

from flows.cli_common import load_config_or_usage_error as _load
from flows.terminal import echo, json_text


def _clean(value) -> str:
    """One line of plain text: feed titles and errors come from the network."""
    text = "" if value is None else str(value)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def _cut(value, width: int) -> str:
    text = _clean(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def _when(value: str | None) -> str:
    return value.replace("T", " ").rstrip("Z") if value else "-"


def render_table(rows: list[dict]) -> str:
    if not rows:
        return "No feeds configured."
    header = f"{'ID':>3}  {'STATE':<14} {'FAILS':>5}  {'LAST SUCCESS':<19}  {'LAST NEW ITEM':<19}  {'ENTRIES':>7}  NAME / URL"
    lines = [header]
    for r in rows:
        lines.append(
            f"{r['id']:>3}  {r['state']:<14} {r['consecutive_failures']:>5}  {_when(r['last_success_at']):<19}  "
            f"{_when(r['last_new_item_at']):<19}  {r['entries']:>7}  {_cut(r['name'] or '-', 40)}"
        )
        lines.append(f"{'':>3}  {_cut(r['url'], 110)}")
        if r["disabled_reason"]:
            lines.append(f"{'':>3}  disabled: {_cut(r['disabled_reason'], 100)}")
        if r["last_error"]:
            lines.append(f"{'':>3}  last error: {_cut(r['last_error'], 100)}")
        if r["last_problem"]:
            lines.append(f"{'':>3}  problem: {_cut(r['last_problem'], 100)}")
        if r.get("entries_left_out"):
            lines.append(f"{'':>3}  left out: the last document had {r['entries_left_out']} more entries than are read;"
                         " the newest were kept")
        if r.get("pending"):
            lines.append(f"{'':>3}  to do: {r['pending']} articles still to fetch (next cycle)")
        if r["moved_from"]:
            lines.append(f"{'':>3}  moved from: {_cut(r['moved_from'], 100)}")
        if r["consecutive_failures"] and r["next_poll_at"]:
            lines.append(f"{'':>3}  next try: {_when(r['next_poll_at'])}")
    return "\n".join(lines)


def register(cli: click.Group) -> None:
    """Add this module's commands to the `fundwatch` group."""

    @cli.command("feeds")
    @click.option("--config", "config_path", metavar="FILE",
                  help="TOML config file (default: $FUNDWATCH_CONFIG, else the packaged default).")
    @click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per feed) for scripts.")
    def feeds_command(config_path: str | None, as_json: bool) -> None:
        """Show every feed's health: failures, last error, last success, last new item,
        entries left out of a huge feed, articles still to fetch.

        The stored feeds are first brought in line with the config: new feeds show
        as "never polled", feeds removed from the config stay listed as "not
        configured", feeds that answered 410 Gone as "disabled" with the reason.

        Example:

            fundwatch feeds --config fundwatch.toml
            fundwatch feeds --json | jq '.[] | select(.state != "ok")'
        """
        import storage.feeds as feed_store  # noqa: PLC0415
        from storage.db import StorageError  # noqa: PLC0415
        from storage.readonly import open_db_readonly, shadow_table  # noqa: PLC0415

        config = _load(config_path)
        try:
            db = open_db_readonly(config.db_path)  # a look: no write access needed
        except StorageError as exc:
            raise click.ClickException(str(exc)) from exc
        try:
            # The config is the source of truth: feeds just added show as "never polled".
            # That sync goes to a temporary copy of the feeds table; the file is not written.
            shadow_table(db, "feeds")
            feed_store.sync_feeds(db, config.feeds)
            rows = feed_store.feed_health(db)
        finally:
            db.conn.close()
        if as_json:
            echo(json_text(rows, indent=2, ensure_ascii=False))
        else:
            echo(render_table(rows))
