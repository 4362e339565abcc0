"""Entry dates: feedparser's parsed value first, then dateparser for local-language dates."""

from __future__ import annotations

import calendar
import time
from datetime import datetime, timezone
from functools import lru_cache


def iso(dt: datetime) -> str:
    """ISO 8601 in UTC with a Z, to the second."""
    return dt.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


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
        dt = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
        return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)
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
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    from dateparser.languages.loader import default_loader  # noqa: PLC0415

    return frozenset(default_loader.get_locale_map().keys())


def entry_dates(parsed: datetime | None, raw: str | None, lang: str | None, now: datetime) -> tuple[str, str | None]:
    """(published, published_raw): missing -> `now` (first seen); future -> clamped to `now`."""
    dt = parsed or parse_date(raw, lang)
    if dt is None or dt > now:
        dt = now
    return iso(dt), raw
