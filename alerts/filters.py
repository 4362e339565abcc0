"""Does a target want this alert? One function, `skip_reason`: None means send.

Rules for every target: the round must be the article's news (`main`), still a
live row (not merged into another round), as sure as the target's `min_confidence`
(by default the extractor's calibrated alert threshold), and published within the
target's recent window; "update" alerts only for targets with `updates = true`. Then the
target's own filters, all of which must pass.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta
from typing import Any

from alerts.query import round_date
from alerts.targets import AlertTarget


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return re.findall(r"[a-z0-9]+", folded)


def default_min_confidence() -> float:
    """The extractor's calibrated alert threshold: main events at or above it were real rounds
    at least 95 % of the time on the labelled corpus (extraction/data/confidence.json)."""
    from extraction.confidence import alert_threshold

    return alert_threshold()


def name_matches(wanted: str, name: str) -> bool:
    """'SenseTime' matches 'SenseTime Group Ltd'; 'Sense' does not (whole words, in order)."""
    w, n = _words(wanted), _words(name)
    if not w:
        return False
    return any(n[i : i + len(w)] == w for i in range(len(n) - len(w) + 1))


def skip_reason(
    target: AlertTarget, event: dict[str, Any] | None, kind: str, now: datetime
) -> str | None:
    if event is None:
        return "round no longer in the database"
    if kind == "update" and not target.updates:
        return "updates not wanted (updates = false)"
    if not event.get("main"):
        return "not the article's news (mentioned in passing)"
    if event.get("merged_into"):
        return f"merged into round #{event['merged_into']}"
    published = round_date(event)
    if published is None:
        return "no publication date"
    oldest = (now - timedelta(days=target.recent_days)).date()
    if published < oldest:
        return f"published {published.isoformat()}, older than {target.recent_days} days"
    floor = target.min_confidence if target.min_confidence is not None else default_min_confidence()
    confidence = event.get("confidence")
    if confidence is not None and confidence < floor:
        return f"confidence {confidence:.2f} below min_confidence {floor:.2f} (stored, shown in events list --all)"
    if target.min_amount_usd is not None:
        usd = event.get("usd")
        if usd is None:
            return "amount undisclosed or not convertible to USD (min_amount_usd set)"
        if usd < target.min_amount_usd:
            return f"USD {usd:,.0f} below min_amount_usd {target.min_amount_usd:,.0f}"
    if target.rounds and (event.get("round") or "unknown") not in target.rounds:
        return f"round {event.get('round')} not in rounds"
    if target.languages:
        langs = set(event.get("languages") or [])
        if langs and not langs & set(target.languages):
            return f"languages {', '.join(sorted(langs))} not in languages"
    if target.companies or target.investors:
        names = [event.get("company") or ""]
        people = list(event.get("lead_investors") or []) + list(event.get("investors") or [])
        watched = any(name_matches(w, n) for w in target.companies for n in names) or any(
            name_matches(w, p) for w in target.investors for p in people
        )
        if not watched:
            return "no watched company or investor"
    if target.keywords:
        haystack = " ".join(
            [event.get("company") or "", event.get("evidence") or ""]
            + [s.get("title") or "" for s in event.get("sources") or []]
        )
        if not any(name_matches(k, haystack) for k in target.keywords):
            return "no keyword matched"
    return None
