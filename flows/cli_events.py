"""`fundwatch` commands: events (list, show, export) and stats."""

from __future__ import annotations

import csv
import sys
import unicodedata
from contextlib import contextmanager

import click

from flows.cli_common import CONFIG_HELP, load_config_or_usage_error
from flows.terminal import echo, json_text, plain

CSV_FIELDS = [
    "id", "company", "amount", "currency", "amount_usd", "round", "extension", "status",
    "lead_investors", "investors", "valuation_amount", "valuation_currency", "announced_on",
    "first_seen", "source_count", "source_urls",
]


def config_option(func):
    return click.option("--config", "config_path", metavar="FILE", default=None, help=CONFIG_HELP)(func)


@contextmanager
def open_events_db(config_path: str | None, write: bool = False):
    """The configured database; config problems are usage errors (exit code 2).

    Read-only unless `write`: inspecting needs no write access and runs no
    migration (storage.readonly), so it works on a file the user may only read.
    """
    from storage import open_db
    from storage.db import StorageError
    from storage.readonly import open_db_readonly

    config = load_config_or_usage_error(config_path)
    try:
        db = open_db(config.db_path) if write else open_db_readonly(config.db_path)
    except StorageError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        yield db
    finally:
        db.conn.close()


def money(amount, currency) -> str:
    """600000000, USD -> 'USD 600M'; undisclosed -> '-'."""
    if amount is None:
        return "-"
    value = float(amount)
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            text = f"{value / size:.2f}".rstrip("0").rstrip(".") + suffix
            break
    else:
        text = f"{value:g}"
    return f"{currency or '?'} {text}"


def _dump(obj) -> str:
    return json_text(obj, indent=2)


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(text: str, width: int) -> str:
    out, used = "", 0
    for c in text:
        w = _width(c)
        if used + w > width:
            break
        out, used = out + c, used + w
    return out + " " * (width - used)


def _table(rows: list[list], headers: list[str]) -> str:
    cells = [headers, ["-" * len(h) for h in headers]] + [[str(x) for x in r] for r in rows]
    widths = [min(40, max(_width(r[i]) for r in cells)) for i in range(len(headers))]
    cells[1] = ["-" * w for w in widths]
    return "\n".join("  ".join(_cell(v, w) for v, w in zip(r, widths)).rstrip() for r in cells)


def _show_text(event: dict) -> str:
    lines = [
        f"#{event['id']}  {event['company']}  {money(event['amount'], event['currency'])}"
        f"  {event['round']}{' (extension)' if event['extension'] else ''}  {event['status']}",
        f"  amount in USD: {money(event['amount_usd'], 'USD')}   announced: {event['announced_on'] or '-'}"
        f"   first seen: {event['first_seen']}   updated: {event['updated_at']}",
        f"  lead: {', '.join(event['lead_investors']) or '-'}",
        f"  investors: {', '.join(event['investors']) or '-'}",
        f"  valuation: {money(*(event['valuation'] or {}).values()) if event['valuation'] else '-'}",
        f"  names: {', '.join(event['aliases']) or '-'}   main news: {'yes' if event['main'] else 'background only'}",
        f"  evidence: {event['evidence'] or '-'}",
    ]
    conflicts = event.get("conflicts") or {}
    if conflicts:
        lines.append("conflicts between sources:")
        for fieldname, values in conflicts.items():
            lines.append(f"  {fieldname}:")
            for v in values:
                if fieldname in ("amount", "valuation"):
                    what = money(v["amount"], v["currency"])
                    if v.get("chosen"):
                        what += "  [chosen]"
                    elif v.get("same_after_conversion"):
                        what += "  [same money after conversion]"
                elif fieldname == "round":
                    what = v["round"]
                else:
                    what = ", ".join(v["lead_investors"])
                ids = ", ".join(s["article_id"] for s in v["sources"])
                lines.append(f"    {what}  <- {ids}")
    lines.append(f"sources ({len(event['sources'])}):")
    for s in event["sources"]:
        lines += [
            f"  [{s['article_id']}] {s['published'] or 'undated'} {s['lang'] or ''}  {s['title'] or ''}",
            f"    {s['url']}",
            f"    {s['company']}: {money(s['amount'], s['currency'])}, {s['round']}"
            f"{' extension' if s['extension'] else ''}, {s['status']}{'' if s['main'] else ', background mention'}",
            f"    lead: {', '.join(s['lead_investors']) or '-'}; investors: {', '.join(s['investors']) or '-'};"
            f" valuation: {money(s['valuation']['amount'], s['valuation']['currency']) if s['valuation'] else '-'}",
            f"    evidence: {s['evidence'] or '-'}",
        ]
        for c in s.get("copies") or []:
            lines.append(f"    syndicated copy: {c['url']} ({c['article_id']})")
    return "\n".join(lines)


def _csv_row(event: dict) -> dict:
    row = _csv_values(event)
    return {k: plain(v) if isinstance(v, str) else v for k, v in row.items()}


def _csv_values(event: dict) -> dict:
    valuation = event.get("valuation") or {}
    return {
        **{k: event.get(k) for k in CSV_FIELDS},
        "lead_investors": "; ".join(event["lead_investors"]),
        "investors": "; ".join(event["investors"]),
        "valuation_amount": valuation.get("amount"),
        "valuation_currency": valuation.get("currency"),
        "source_urls": " ".join(s["url"] or "" for s in event["sources"]),
    }


@click.group("events")
def events_group() -> None:
    """Funding rounds: one row per real round, with every article that reports it."""


def _parsed(parse):
    """A click callback that turns `parse`'s ValueError into a usage error naming the option."""

    def callback(ctx: click.Context, param: click.Parameter, value):
        if value is None:
            return None
        try:
            return parse(value)
        except ValueError as exc:
            raise click.BadParameter(str(exc), ctx=ctx, param=param) from exc

    return callback


def _since(value: str) -> str:
    from storage.filters import since_date

    return since_date(value)


def _round(value: str) -> str:
    from storage.filters import round_label

    return round_label(value)


@events_group.command("list")
@config_option
@click.option("--since", metavar="DATE", callback=_parsed(_since),
              help="Only rounds announced (else first seen) on or after DATE: 2025-01-31, 2025-01, or 7d, 2w back.")
@click.option("--min-amount", type=click.FloatRange(min=0), metavar="USD", help="Only rounds of at least this many US dollars.")
@click.option("--round", "round_", metavar="ROUND", callback=_parsed(_round),
              help="Only this round: seed, series_a, 'Series A', pre-seed, ...")
@click.option("--company", help="Company name or part of it (any name the round is known by).")
@click.option("--investor", help="Investor name or part of it.")
@click.option("--lang", help="Only rounds with a source in this language (en, de, ...).")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="At most this many rounds.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of a table.")
@click.option("--all", "show_all", is_flag=True,
              help="Also rounds the extractor was less sure of than the alert threshold (never alerted).")
@click.option("--wide", is_flag=True, help="Also an INVESTORS column: every investor, not only the leads.")
def list_command(config_path, since, min_amount, round_, company, investor, lang, limit, as_json,
                 show_all, wide) -> None:
    """List stored rounds, newest first.

    Rounds whose confidence is below the extractor's calibrated alert threshold are stored but
    hidden (and never alerted); --all lists them too. A past round that articles only mention
    in passing is marked "*": its date is when fundwatch first read of it, not when it was raised.

    Example:

        fundwatch events list --since 2025-01-01 --min-amount 10000000 --lang de
    """
    from extraction.confidence import alert_threshold
    from storage.events import list_events
    from storage.events_query import count_below_confidence

    floor = None if show_all else alert_threshold()
    with open_events_db(config_path) as db:
        rows = list_events(
            db, since=since, min_amount_usd=min_amount, round=round_, company=company,
            investor=investor, lang=lang, limit=limit, min_confidence=floor,
        )
        hidden = 0 if floor is None else count_below_confidence(db, floor)
    if as_json:
        echo(_dump(rows))
        return
    footer = (f"{hidden} less certain round{'s' if hidden != 1 else ''} (confidence below {floor:.2f}) "
              "not shown: --all lists them") if hidden else ""
    if not rows:
        echo("no rounds" + (f"; {footer}" if footer else ""))
        return
    headers = ["ID", "DATE", "COMPANY", "AMOUNT", "IN USD", "ROUND", "SOURCES", "LEAD", "CONF"]
    if wide:
        headers.insert(-1, "INVESTORS")
    echo(_table([_list_row(e, wide) for e in rows], headers))
    if any(not e["main"] for e in rows):
        echo(PAST_NOTE)
    if footer:
        echo(footer)


PAST_NOTE = ("* a past round, only mentioned in passing (no article reports it as news); "
             "its date is when fundwatch first read of it")


def _list_row(e: dict, wide: bool) -> list:
    """One round as a row of `events list`."""
    past = not e["main"]
    row = [
        e["id"], (e["announced_on"] or e["first_seen"][:10]) + ("*" if past else ""), e["company"],
        money(e["amount"], e["currency"]), money(e["amount_usd"], "USD"),
        e["round"] + ("+ext" if e["extension"] else ""), e["source_count"],
        ", ".join(e["lead_investors"]) or "-",
        "-" if e.get("confidence") is None else f"{e['confidence']:.2f}",
    ]
    if wide:
        others = [i for i in e["investors"] if i not in e["lead_investors"]]
        row.insert(-1, ", ".join(others) or "-")
    return row


@events_group.command("show")
@config_option
@click.argument("event_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the round as JSON.")
def show_command(config_path, event_id, as_json) -> None:
    """Show one round: its values, every source with its own values and evidence, and conflicts.

    Example:

        fundwatch events show 42
    """
    from storage.events import get_event

    with open_events_db(config_path) as db:
        event = get_event(db, event_id)
    if event is None:
        raise click.ClickException(f"no round with id {event_id}")
    echo(_dump(event) if as_json else _show_text(event))


@events_group.command("export")
@config_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
def export_command(config_path, fmt, output) -> None:
    """Export every stored round with its sources, one JSON object per line or CSV.

    Example:

        fundwatch events export --format csv --output rounds.csv
    """
    from storage.events import export_events

    with open_events_db(config_path) as db:
        out = open(output, "w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if fmt == "jsonl":
                for event in export_events(db):
                    out.write(json_text(event) + "\n")
            else:
                writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
                writer.writeheader()
                for event in export_events(db):
                    writer.writerow(_csv_row(event))
        finally:
            if output:
                out.close()


@events_group.command("regroup")
@config_option
def regroup_command(config_path) -> None:
    """Regroup every stored report into rounds from scratch, after a change of the identity rule.

    Round ids are kept where a round keeps most of its sources; no round is announced twice.

    Example:

        fundwatch events regroup --config fundwatch.toml
    """
    from storage.events import regroup_all

    with open_events_db(config_path, write=True) as db:
        result = regroup_all(db)
    echo(f"{len(result.new_event_ids)} rounds new or newly main, {len(result.updated_event_ids)} changed")


@click.command("stats")
@config_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats_command(config_path, as_json) -> None:
    """Counts over stored rounds: rounds, sources, by round, by currency, top investors.

    Example:

        fundwatch stats --json
    """
    from storage.events import stats

    with open_events_db(config_path) as db:
        counts = stats(db)
    if as_json:
        echo(_dump(counts))
        return
    lines = [
        f"rounds: {counts['rounds']} ({counts['main_rounds']} reported as news, the rest background mentions)",
        f"sources: {counts['sources']} from {counts['articles']} articles"
        f" ({counts['syndicated_copies']} syndicated copies not counted)",
        "by round: " + (", ".join(f"{k} {v}" for k, v in counts["by_round"].items()) or "-"),
        "by currency: " + (", ".join(f"{k} {v}" for k, v in counts["by_currency"].items()) or "-"),
        "top investors: " + (", ".join(f"{i['investor']} ({i['rounds']})" for i in counts["top_investors"]) or "-"),
    ]
    echo("\n".join(lines))


def register(cli: click.Group) -> None:
    """Add this module's commands to the `fundwatch` group."""
    cli.add_command(events_group)
    cli.add_command(stats_command)
