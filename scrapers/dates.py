"""Entry dates: feedparser's parsed value first, then dateparser for local-language dates.

A page or feed date outside [EARLIEST, now + 1 day] is a mistake or a trap, not
news: year 9999 would list its round first for ever, 1900 or year 1 would keep
it out of every "recent" alert window. Such a date counts as unknown, and the time
fundwatch first saw the item stands in for it. A date in the next 24 hours is a
timezone slip and becomes now.
"""

from __future__ import annotations

import calendar
import time
from datetime import datetime, timedelta, timezone
from functools import lru_cache

# No funding news this project reads predates the web; an earlier date is wrong.
EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)
FUTURE_SLACK = timedelta(days=1)


def iso(dt: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the second."""
    return dt.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def to_utc(dt: datetime) -> datetime | None:
    """`dt` in UTC; None when that falls outside datetime's range (year 1 at +05:00, 9999 at -05:00)."""
    try:
        return (dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None


def plausible(dt: datetime | None, now: datetime) -> datetime | None:
    """`dt` in UTC when it can be a publication date seen at `now`; the future
    slack becomes `now`; anything else None (unknown)."""
    dt = to_utc(dt) if dt is not None else None
    if dt is None or dt < EARLIEST or dt > now + FUTURE_SLACK:
        return None
    return min(dt, now)


def from_struct(value: time.struct_time | None) -> datetime | None:
    """feedparser's `*_parsed` (already UTC) to an aware datetime."""
    if not value:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)
    except (OverflowError, ValueError, OSError):
        return None


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # noqa: PLC0415 - slow import, only when a date needs it

    return dateparser


def parse_date(raw: str | None, lang: str | None = None) -> datetime | None:
    """A date string in any common format or language ("Seg, 24 Set 2018", "3. März 2025")."""
    if not raw or not raw.strip() or len(raw) > 200:
        return None
    try:  # ISO 8601 (meta tags, Atom): no need for the heavy parser
        return to_utc(datetime.fromisoformat(raw.strip().replace("Z", "+00:00")))
    except ValueError:
        pass
    settings = {"TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": True, "PREFER_DAY_OF_MONTH": "first"}
    parser = _dateparser()
    languages = [lang] if lang and lang in _languages() else None
    try:
        dt = parser.parse(raw.strip(), languages=languages, settings=settings)
        if dt is None and languages:
            dt = parser.parse(raw.strip(), settings=settings)
    except Exception:  # dateparser raises assorted errors on garbage
        return None
    if dt is None:
        return None
    return to_utc(dt)


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from dateparser.languages.loader import default_loader  # noqa: PLC0415

    return frozenset(default_loader.get_locale_map().keys())


def entry_dates(parsed: datetime | None, raw: str | None, lang: str | None, now: datetime) -> tuple[str, str | None]:
    """(published, published_raw): missing or implausible -> `now` (first seen)."""
    dt = plausible(parsed or parse_date(raw, lang), now) or now
    return iso(dt), raw
