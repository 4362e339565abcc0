"""The weekly digest: the market page to every alert target, at most once per ISO week.

Called after each cycle when `[report] weekly = true`. The first cycle of a new
ISO week (UTC) sends; the rest of the week finds the week's rows in
`weekly_digests` and sends nothing, across restarts (storage/digests.py has the
claim rule). A send that failed is tried again by the next cycle of the week.

The message is a short summary in the target's own format (text, Markdown or
HTML: the largest rounds, the totals) with the page attached as an HTML file;
it goes through the alerts' own transport (apprise, deadlines, the
Idempotency-Key `fundwatch-weekly-<week>-<target>`). Signed webhooks carry the
summary only: their body is signed JSON that fundwatch writes itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path

from alerts import transport
from alerts.render import Message, clean, money, round_name
from alerts.targets import AlertTarget
from market.build import build, write_page
from market.data import MarketData
from storage import digests

TOP = 5


def iso_week(now: datetime) -> str:
    year, week, _ = now.astimezone(UTC).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class WeeklyOutcome:
    week: str
    page: Path | None = None
    lines: list[str] = field(default_factory=list)


def send_if_due(db, targets: Sequence[AlertTarget], since: str, page_dir: Path,
                now: datetime | None = None) -> WeeklyOutcome:
    """Send this week's digest to every target that has not had it; see the module doc."""
    now = now or datetime.now(UTC)
    week = iso_week(now)
    outcome = WeeklyOutcome(week)
    unique = list({t.key: t for t in targets}.values())
    done = {r["target_key"]: r["status"] for r in digests.of_week(db, week)}
    due = [t for t in unique if done.get(t.key) in (None, "failed")]
    if not due:
        return outcome
    # The page is built before any claim: a page that fails to build claims nothing.
    html, data = build(db, since, now=now)
    outcome.page = write_page(html, page_dir / f"fundwatch-report-{week}.html")
    for target in due:
        if not digests.claim(db, week, target.key, target.label, now):
            continue  # another process took it meanwhile
        fmt = "text" if target.secret else transport.native_format(target)
        attachments = () if target.secret else (str(outcome.page),)
        message = Message(f"fundwatch weekly, {week}: {_headline(data)}", summary(data, fmt), fmt, attachments)
        ok, error = transport.send(target, message, f"fundwatch-weekly-{week}-{target.key}")
        digests.finish(db, week, target.key, ok, error, now)
        outcome.lines.append(f"weekly {'sent  ' if ok else 'failed'} {target.label}  {week}"
                             + ("" if ok else f": {error} (tried again next cycle)"))
    return outcome


def _headline(data: MarketData) -> str:
    if not data.rounds:
        return f"no rounds since {data.since:%-d %b}"
    text = f"{len(data.rounds)} round{'s' if len(data.rounds) != 1 else ''} since {data.since:%-d %b}"
    return text + (f", {money(data.total_usd, 'USD')} disclosed" if data.disclosed else "")


def summary(data: MarketData, fmt: str) -> str:
    """The message body: totals and the largest rounds; the page itself is attached."""
    lines = [_headline(data) + "."]
    if data.less_certain:
        lines.append(f"{data.less_certain} less certain rounds left out.")
    rounds = [
        f"{clean(r.company)}: {money(r.amount, r.currency)} ({money(r.usd, 'USD')}"
        + (f", {round_name(r.round)}" if round_name(r.round) else "") + ")"
        + (f", led by {clean(', '.join(r.lead_investors))}" if r.lead_investors else "")
        for r in data.largest[:TOP]
    ]
    closing = "The full report (charts, investors, feeds) is attached as an HTML page."
    if fmt == "html":
        items = "".join(f"<li>{escape(x)}</li>" for x in rounds)
        return ("".join(f"<p>{escape(x)}</p>" for x in lines)
                + (f"<p>The largest rounds:</p><ol>{items}</ol>" if rounds else "")
                + f"<p>{escape(closing)}</p>")
    if fmt == "markdown":
        from alerts.render import _MD_SPECIAL  # the alerts' own escaping of untrusted text

        md = lambda x: _MD_SPECIAL.sub(r"\\\1", x)  # noqa: E731
        body = [md(x) for x in lines]
        if rounds:
            body += ["", "The largest rounds:", ""] + [f"{i}. {md(x)}" for i, x in enumerate(rounds, 1)]
        return "\n".join(body + ["", closing])
    body = lines + ([""] + ["The largest rounds:"] + [f"{i}. {x}" for i, x in enumerate(rounds, 1)]
                    if rounds else [])
    return "\n".join(body + ["", closing])
