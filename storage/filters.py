"""Filter values as people write them, turned into what the database stores.

A filter that can never match is a mistake, not an empty answer: `--round
'Series A'` compared with the stored `series_a`, or `--since yesterday` compared
as text with `2025-...` dates, used to list nothing and say nothing. These
parsers accept the usual ways of writing a value and raise ValueError naming
what is allowed for the rest.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from extraction.model import ROUNDS

# Words people add around a label that the stored label does not have.
_ROUND_ALIASES = {
    "preseed": "pre_seed",
    "angel_round": "angel",
    "seed_round": "seed",
    "convertible_note": "convertible",
    "bridge_round": "bridge",
    "venture_debt": "debt",
    "debt_financing": "debt",
    "growth_equity": "growth",
    "crowdfunding_round": "crowdfunding",
    "crowd_funding": "crowdfunding",
}


def round_label(text: str) -> str:
    """'Series A', 'series-a', 'SeriesA', 'Pre-Seed' -> the stored label; ValueError otherwise."""
    key = re.sub(r"[^a-z0-9]+", "_", str(text).strip().lower()).strip("_")
    key = re.sub(r"^series_?([a-k])(?:_round)?$", r"series_\1", key)
    key = _ROUND_ALIASES.get(key, key)
    if key not in ROUNDS:
        raise ValueError(f"{text!r} is not a round label (allowed: {', '.join(ROUNDS)}; 'Series A' works too)")
    return key


_RELATIVE = re.compile(r"^(\d+)\s*([dw])$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def since_date(text: str, today: date | None = None) -> str:
    """'2025-01-31', '2025-01', '2025', '7d', '2w' -> the ISO date (prefix) to compare with.

    Stored dates are ISO text, so a year or month works as a prefix: `2025-01` is on
    or after the first of January 2025. ValueError for anything else.
    """
    value = str(text).strip().lower()
    relative = _RELATIVE.match(value)
    if relative:
        days = int(relative.group(1)) * (7 if relative.group(2) == "w" else 1)
        return ((today or date.today()) - timedelta(days=days)).isoformat()
    if _DATE.match(value):
        try:
            date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
        except ValueError:
            pass
        else:
            return value
    raise ValueError(f"expected a date (2025-01-31, 2025-01) or a time back from today (7d, 2w), got {text!r}")
