"""After a cycle: the market page beside the database, and the weekly digest when it is due.

`fundwatch-report.html` beside the database always shows the latest cycle's view
(`[report] since`, 30 days by default); the Prefect flow links it from a
Markdown artifact with the weekly figures. With `[report] weekly = true` the
page also goes to the alert targets once per ISO week (market/weekly.py).

Nothing here may fail a cycle: its rounds are stored and alerted already, so
a problem is logged and the next cycle tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from flows.settings import Config

PAGE_NAME = "fundwatch-report.html"
log = logging.getLogger("fundwatch.report")


@dataclass
class AfterCycle:
    page: Path | None = None
    markdown: str = ""
    lines: list[str] = field(default_factory=list)  # what the weekly digest did


def after_cycle(config: Config) -> AfterCycle:
    from market.build import build, write_page
    from market.weekly import send_if_due
    from storage import open_db

    result = AfterCycle()
    try:
        db = open_db(config.db_path)
    except Exception as exc:  # noqa: BLE001 - see the module doc
        log.warning("market report skipped: %s", exc)
        return result
    try:
        html, data = build(db, config.report.since)
        result.page = write_page(html, config.db_path.parent / PAGE_NAME)
        result.markdown = artifact_markdown(data, result.page)
        if config.report.weekly and config.alerts:
            weekly = send_if_due(db, config.alerts, config.report.since, config.db_path.parent / "reports")
            result.lines = weekly.lines
    except Exception as exc:  # noqa: BLE001 - see the module doc
        log.warning("market report: %s: %s", type(exc).__name__, exc)
    finally:
        db.conn.close()
    for line in result.lines:
        log.info(line)
    return result


def artifact_markdown(data, page: Path) -> str:
    """The page's weekly figures as a Markdown table, with a link to the page itself."""
    from alerts.render import money

    out = [f"# The market since {data.since}", "",
           f"{len(data.rounds)} rounds, {money(data.total_usd, 'USD')} disclosed "
           f"({data.disclosed} with an amount); {data.less_certain} less certain left out.", "",
           f"Charts: [{page.name}]({page.resolve().as_uri()}) (open it in a browser)", "",
           "| week | rounds | US dollars |", "|---|---:|---:|"]
    for week in data.weeks:
        label = f"{week.start}" + (" (so far)" if week.partial else "")
        out.append(f"| {label} | {sum(week.rounds.values())} | {money(sum(week.usd.values()), 'USD')} |")
    if data.investors:
        out += ["", "| investor | led | joined |", "|---|---:|---:|"]
        out += [f"| {_md(i['investor'])} | {i['led']} | {i['took_part']} |" for i in data.investors[:10]]
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    from alerts.render import _MD_SPECIAL, clean

    return _MD_SPECIAL.sub(r"\\\1", clean(text))
