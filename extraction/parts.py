"""Parts of a total told one sentence each, right after it:

    Mkopo Capital has raised $18 million in a mix of equity and debt.
    The equity portion, a $6 million Series A, was led by 4DX Ventures.
    The remaining $12 million is a debt facility from Lendable.

The part sentences name no company: their subject is the part itself ("The equity portion", "The
remaining $12 million"), so it is the company of the total told just before. The parts are the
rounds; the total they add up to is none (`parts_of`).
"""

from __future__ import annotations

import re

# "The equity portion, a $6 million Series A", "The debt tranche of $12 million", "The remaining $12 million"
_PART_SUBJECT = re.compile(
    r"(?i)^\s*(?:the|its) (?:(?:equity|debt|credit|loan|venture|grant) (?:portion|part|component|tranche|piece|side)"
    r"(?:,\s*(?:a|an)| of| was| is| comprises?| consists? of)?|(?:remaining|rest of the|balance of the|other))\s*"
    r"(?:(?:about|around|roughly|some)\s+)?$")
PART_OPENING = re.compile(
    r"(?i)^\s*(?:the|its) (?:(?:equity|debt|credit|loan|venture|grant) (?:portion|part|component|tranche|piece|side)"
    r"|(?:remaining|rest of the|balance of the|other)\s+[$€£\d])")


def part_owner(sentence: str, start: int, recent: list[tuple[int, str]], idx: int) -> str | None:
    """The company of the total a part sentence splits: the latest sized round told in the two
    sentences before (`recent`: (sentence index, company) of sized rounds), or None."""
    if not _PART_SUBJECT.match(sentence[:start]):
        return None
    near = [company for i, company in recent if 0 < idx - i <= 2]
    return near[-1] if near else None
