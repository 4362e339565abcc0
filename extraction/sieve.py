"""Fast "no" for case-insensitive patterns: the words a match cannot do without.

CPython's `re` skips quickly through text for a case-sensitive pattern that starts with
literals, but tries every branch of an IGNORECASE alternation at every offset: the cue
patterns of the grammars ("led|lead|particip|invest|beteilig|...") cost tens of
microseconds per sentence, and most sentences hold none of their words. `search` first
looks for the literal strings that every match must contain (read from the pattern's own
syntax tree, so a pattern edited tomorrow is read the same way) in the lower-cased text;
only when one is there does the pattern itself run. Its answers are the pattern's answers.

Sound because a case-insensitive match of a literal is, in lower case, that literal, save
for the few characters `re` folds beyond `str.lower()` (dotless i, long s, the micro sign,
some Greek and Cyrillic letters, the dotted capital I): a text holding one of those goes
straight to the pattern.
"""

from __future__ import annotations

import re

try:  # the parser and case tables of `re` are internal; without them every search runs the pattern
    from re import _casefix, _constants as C, _parser
except ImportError:  # pragma: no cover - other Python implementations
    _parser = None

# shorter required strings are found in nearly every sentence: not worth a sieve
_MIN_LENGTH = 3


def _odd_case_chars() -> str:
    if _parser is None:
        return ""
    chars = {chr(c) for key, values in _casefix._EXTRA_CASES.items() for c in (key, *values)}
    chars.add("\u0130")  # "İ".lower() is two characters
    return "".join(sorted(c for c in chars if not c.isascii()))


_ODD = _odd_case_chars()
_ODD_CASE = re.compile(f"[{re.escape(_ODD)}]") if _ODD else None
ODD_CASE = _ODD_CASE  # for other modules' own sieves (extraction.money)


def _needed(items) -> frozenset[str] | None:
    """Lower-case strings of which every match of the sequence `items` holds at least one,
    the best such set found (longest shortest member), or None."""
    best: frozenset[str] | None = None

    def consider(option: frozenset[str] | None) -> None:
        nonlocal best
        if option and (best is None or min(map(len, option)) > min(map(len, best))):
            best = option

    run = ""
    for op, av in items:
        if op is C.LITERAL:
            run += chr(av).lower()
            continue
        consider(frozenset([run]) if run else None)
        run = ""
        if op is C.SUBPATTERN:
            consider(_needed(av[3].data))
        elif op is C.ATOMIC_GROUP:
            consider(_needed(av.data))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_needed(av[2].data))
        elif op is C.BRANCH:
            options = [_needed(branch.data) for branch in av[1]]
            if all(options):
                consider(frozenset().union(*options))
    consider(frozenset([run]) if run else None)
    return best


def needed_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """What `search` looks for before running `pattern`; None when the pattern has no such
    strings (it then always runs)."""
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        needs = _needed(_parser.parse(pattern.pattern, pattern.flags).data)
    except Exception:  # noqa: BLE001 - a pattern this reader does not follow just runs
        return None
    if not needs or min(map(len, needs)) < _MIN_LENGTH:
        return None
    return needs


# by id: hashing a compiled pattern hashes its whole program (microseconds for a large one);
# the pattern is kept in the value so that its id is never reused
_SIEVES: dict[int, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}


def _sieve(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    needs = needed_strings(pattern)
    # one case-sensitive alternation of literals: `re` scans for it in C, skipping ahead
    return re.compile("|".join(re.escape(s) for s in sorted(needs))) if needs else None


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, answered without running the pattern when the text lacks
    every string a match needs."""
    return pattern.search(text) if may_match(pattern, text) else None


def finditer(pattern: re.Pattern[str], text: str):
    """`pattern.finditer(text)`, or nothing when the text lacks every string a match needs."""
    return pattern.finditer(text) if may_match(pattern, text) else iter(())


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when `pattern` cannot match `text`: it lacks every string a match needs."""
    try:
        sieve = _SIEVES[id(pattern)][1]
    except KeyError:
        sieve = _sieve(pattern)
        _SIEVES[id(pattern)] = (pattern, sieve)
    if sieve is None or sieve.search(_lower(text)):
        return True
    # every odd letter is outside ASCII, and `isascii` reads one flag of the string
    return not text.isascii() and bool(_ODD_CASE and _ODD_CASE.search(text))


_last: tuple[str, str] = ("", "")


def _lower(text: str) -> str:
    """`text.lower()`, kept for the next call: several patterns are asked about one sentence."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    low = text.lower()
    _last = (text, low)
    return low
