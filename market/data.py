"""What the page shows, read from the database in a few queries over the views.

Which rounds count: live ones (the views hide merged-away rows), dated within
the period (`rounds.date`: announced, else first seen), reported as some
article's news (`main`; a 2019 round mentioned in passing today would otherwise
land in this week's money), and at least as sure as the extractor's alert
threshold, like `fundwatch events list`. The rounds left out for the last two
reasons are counted, so the page can say so.

Amounts in US dollars come from alerts.query.usd_amount: the stored
`amount_usd` (ECB rate of the round's date), else converted at that date.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from statistics import median
from typing import Any

from alerts.query import _json_list, usd_amount  # the alerts' reading of a round's row

# Round labels grouped into the stages a reader compares; order = stacking order.
STAGES: tuple[tuple[str, frozenset[str]], ...] = (
    ("Pre-seed & seed", frozenset({"pre_seed", "seed", "angel"})),
    ("Series A", frozenset({"series_a"})),
    ("Series B", frozenset({"series_b"})),
    ("Series C and later", frozenset({f"series_{c}" for c in "cdefghijk"} | {"growth"})),
    ("Debt, grants & other", frozenset()),  # everything not named elsewhere
    ("Stage not given", frozenset({"unknown", ""})),
)
OTHER_STAGE = "Debt, grants & other"
STAGE_NAMES = tuple(name for name, _ in STAGES)

TOP_ROUNDS = 15
TOP_INVESTORS = 15

_PERIOD = re.compile(r"^\s*(\d+)\s*([dw])\s*$", re.IGNORECASE)


def stage_of(label: str | None) -> str:
    label = (label or "unknown").lower()
    for name, labels in STAGES:
        if label in labels:
            return name
    return OTHER_STAGE


def parse_since(text: str, today: date) -> date:
    """'30d' -> 30 days before today, '12w' -> 12 weeks, '2026-01-01' -> that day."""
    match = _PERIOD.match(text or "")
    if match:
        n, unit = int(match.group(1)), match.group(2).lower()
        return today - timedelta(days=n * (7 if unit == "w" else 1))
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ValueError(f"--since: expected a number of days or weeks (30d, 12w) or a date (YYYY-MM-DD), got {text!r}") from None


def _day(value: str | None) -> date | None:
    """'2026-11-03' or '2026-11' (some sources give only the month: its first day)."""
    if not value:
        return None
    text = str(value)[:10]
    try:
        return date.fromisoformat(text if len(text) == 10 else text[:7] + "-01")
    except ValueError:
        return None


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class Round:
    id: int
    company: str
    amount: float | None
    currency: str | None
    usd: float | None
    round: str
    stage: str
    date: str
    lead_investors: list[str]
    sources: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Week:
    start: date                       # the Monday
    partial: bool                     # the current week: not over yet
    rounds: dict[str, int]            # stage -> rounds
    usd: dict[str, float]             # stage -> US dollars (disclosed amounts only)


@dataclass
class MarketData:
    since: date
    today: date
    generated_at: datetime
    threshold: float
    rounds: list[Round]               # the rounds that count, newest first
    less_certain: int                 # left out: confidence below the threshold
    background: int                   # left out: only mentioned in passing
    rounds_ever: int                  # live rounds in the whole database (0: a fresh one)
    weeks: list[Week]
    largest: list[Round]
    by_stage_usd: dict[str, list[float]]
    languages: list[tuple[str, int]]  # (language code, rounds with a source in it)
    investors: list[dict[str, Any]]   # investor, led, took_part (not as lead), rounds
    feeds: list[dict[str, Any]]       # feed_health row + rounds_in_period + note

    @property
    def total_usd(self) -> float:
        return sum(r.usd for r in self.rounds if r.usd is not None)

    @property
    def disclosed(self) -> int:
        return sum(1 for r in self.rounds if r.usd is not None)

    @property
    def median_usd(self) -> float | None:
        values = [r.usd for r in self.rounds if r.usd is not None]
        return median(values) if values else None


# The period's rounds, as one subquery every other query reuses.
COUNTED = """
select id from rounds
where date >= :since and main = 1 and (confidence is null or confidence >= :threshold)
"""


def gather(db, since: date, threshold: float | None = None, now: datetime | None = None) -> MarketData:
    """Everything the page shows for rounds dated `since` or later."""
    if threshold is None:
        from extraction.confidence import alert_threshold

        threshold = alert_threshold()
    now = now or datetime.now(UTC)
    today = now.date()
    params = {"since": since.isoformat(), "threshold": float(threshold)}
    rows = list(db.query(
        "select id, company, amount, currency, amount_usd, round, date, announced_on, first_seen, "
        f"lead_investors from rounds where id in ({COUNTED}) order by date desc, id desc", params))
    rounds = [
        Round(id=r["id"], company=r["company"], amount=r["amount"], currency=r["currency"],
              usd=usd_amount(r), round=r["round"] or "unknown", stage=stage_of(r["round"]),
              date=r["date"] or "", lead_investors=_json_list(r["lead_investors"]))
        for r in rows
    ]
    one = lambda sql: db.execute(sql, params).fetchone()[0]  # noqa: E731
    less_certain = one("select count(*) from rounds where date >= :since and main = 1 and confidence < :threshold")
    background = one("select count(*) from rounds where date >= :since and main = 0 "
                     "and (confidence is null or confidence >= :threshold)")
    largest = sorted((r for r in rounds if r.usd is not None), key=lambda r: (-r.usd, -r.id))[:TOP_ROUNDS]
    _attach_sources(db, largest)
    by_stage: dict[str, list[float]] = defaultdict(list)
    for r in rounds:
        if r.usd is not None and r.usd > 0:
            by_stage[r.stage].append(r.usd)
    return MarketData(
        since=since, today=today, generated_at=now, threshold=float(threshold), rounds=rounds,
        less_certain=less_certain, background=background,
        rounds_ever=db.execute("select count(*) from rounds").fetchone()[0],
        weeks=_weeks(rounds, since, today), largest=largest,
        by_stage_usd={s: sorted(by_stage[s]) for s in STAGE_NAMES if by_stage.get(s)},
        languages=_languages(db, params), investors=_investors(db, params),
        feeds=_feeds(db, params, now),
    )


def _attach_sources(db, rounds: list[Round]) -> None:
    if not rounds:
        return
    by_id = {r.id: r for r in rounds}
    marks = ", ".join("?" for _ in by_id)
    for row in db.query(
        f"select event_id, url, title, published, lang from event_sources where event_id in ({marks}) "
        "order by published is null, published, article_id", list(by_id)):
        sources = by_id[row["event_id"]].sources
        if row["url"] and all(s["url"] != row["url"] for s in sources):
            sources.append(row)


def _weeks(rounds: list[Round], since: date, today: date) -> list[Week]:
    """Every ISO week from the one holding `since` to the current one, empty weeks included."""
    first, current = monday(since), monday(today)
    starts = []
    day = first
    while day <= current:
        starts.append(day)
        day += timedelta(days=7)
    weeks = {d: Week(d, d == current, dict.fromkeys(STAGE_NAMES, 0), dict.fromkeys(STAGE_NAMES, 0.0))
             for d in starts}
    for r in rounds:
        day = _day(r.date)
        # A date ahead of today (a source's clock) is shown in the current week.
        start = min(monday(day), current) if day else current
        week = weeks.get(max(start, first))
        week.rounds[r.stage] += 1
        if r.usd is not None:
            week.usd[r.stage] += r.usd
    return [weeks[d] for d in starts]


def _languages(db, params: dict) -> list[tuple[str, int]]:
    """Rounds with at least one source in each language (a round in two languages counts in both),
    the same rule as `fundwatch events list --lang`."""
    rows = db.query(
        "select coalesce(nullif(lower(lang), ''), '?') as lang, count(distinct event_id) as n "
        f"from event_sources where event_id in ({COUNTED}) group by 1 order by n desc, lang", params)
    return [(r["lang"], r["n"]) for r in rows]


def _investors(db, params: dict) -> list[dict[str, Any]]:
    """The most active investors of the period: rounds led and rounds joined without leading."""
    rows = db.query(
        "select investor, sum(lead) as led, count(*) - sum(lead) as took_part, count(*) as rounds "
        f"from investor_rounds where event_id in ({COUNTED}) group by investor "
        f"order by rounds desc, led desc, investor limit {TOP_INVESTORS}", params)
    return [dict(r) for r in rows]


def _feeds(db, params: dict, now: datetime) -> list[dict[str, Any]]:
    """Every configured feed (and any other that brought rounds): its state and its rounds."""
    produced = Counter()
    # The feed_health view's rule (a syndicated copy counts the rounds of the article it
    # copies), written from the rounds' side so that SQLite can use the indexes.
    for row in db.query(
        f"with src as (select distinct event_id, article_id from event_sources where event_id in ({COUNTED})), "
        "arts as (select s.event_id, a.feed_id from src s join articles a on a.id = s.article_id "
        "  union all select s.event_id, a.feed_id from src s "
        "  join event_articles ea on ea.duplicate_of = s.article_id join articles a on a.id = ea.article_id) "
        "select feed_id, count(distinct event_id) as n from arts group by feed_id", params):
        produced[row["feed_id"]] = row["n"]
    stamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    feeds = []
    for row in db.query("select * from feed_health"):
        row = dict(row)
        row["rounds_in_period"] = produced.get(row["id"], 0)
        if row["state"] == "not configured" and not row["rounds_in_period"]:
            continue
        row["note"] = _feed_note(row, stamp)
        feeds.append(row)
    return feeds


def _feed_note(row: dict, stamp: str) -> str:
    """One phrase a person reads: fine, failing (and until when it waits), disabled ..."""
    state = row["state"]
    if state == "disabled":
        return f"disabled: {row.get('disabled_reason') or 'gone'}"
    if state == "never polled":
        return "not polled yet"
    if state == "not configured":
        return "removed from the config"
    if state == "failing":
        failures = row["consecutive_failures"]
        text = f"failed {failures} time{'s' if failures != 1 else ''} in a row"
        waiting = row.get("next_poll_at")
        if waiting and waiting > stamp:
            text += f", waits until {waiting[:16].replace('T', ' ')} UTC"
        return text + (f": {row['last_error']}" if row.get("last_error") else "")
    return "ok"
