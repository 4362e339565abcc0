"""Blocking keys for company names: which stored names could match a name at all.

`identity.key_score(a, b) > 0` holds only when one of these holds:

1. the same letters without spaces;
2. one name's set of words is a subset of the other's (at least one word not
   generic: "Capital" names nothing on its own);
3. CJK: one name, spaces removed, contains the other (2+ characters);
4. a fuzzy ratio of at least `NAME_FUZZY_MIN` on the names without spaces.

Each stored name is written under a few short strings ("blocks"), and a new name
computes the blocks that any name matching it must have. A lookup is then a
handful of indexed equality queries whose answers are about as many as the
matches, however many names are stored. The candidates found are a superset of
the matches; `key_score` still decides. This module only computes strings; the
table lives in storage.events_names.

Fuzzy matches use the pigeonhole partition of PassJoin (Li et al., VLDB 2011):
rapidfuzz's ratio is 100 * (1 - indel / (la + lb)), so ratio >= 90 allows at most
`max_edits(l)` = 2l/9 edits for a stored name of length l whatever the other
name's length (the length gap is itself an edit). Split the stored name into
max_edits + 1 segments: some segment survives the edits unchanged, and lies in
the new name at most max_edits characters from where it was.
"""

from __future__ import annotations

from itertools import combinations

from storage import identity as ident

# Names with more distinct words than this are junk from the extractor more often
# than companies; subsets of their words are not enumerated (2**n), their words
# are listed one by one instead (a fallback that stays rare).
MAX_SUBSET_WORDS = 8
# CJK names up to this many characters are stored under every substring, so a
# shorter name they contain is found by equality; longer ones by their bigrams.
MAX_CJK_SUBSTRINGS = 24


def squash(key: str) -> str:
    return key.replace(" ", "")


def words(key: str) -> tuple[str, ...]:
    return tuple(sorted(set(key.split())))


def max_edits(length: int) -> int:
    """The most indel edits a ratio of 90 allows for a name of `length` characters."""
    return (2 * length) // 9


def segments(text: str) -> list[tuple[int, str]]:
    """(start, piece): `text` cut into max_edits + 1 pieces, longer ones last."""
    n = len(text)
    parts = max_edits(n) + 1
    short, extra = divmod(n, parts)
    out, start = [], 0
    for i in range(parts):
        size = short + (1 if i >= parts - extra else 0)
        out.append((start, text[start : start + size]))
        start += size
    return out


def _subsets(ws: tuple[str, ...]):
    for size in range(1, len(ws) + 1):
        for combo in combinations(ws, size):
            yield " ".join(combo)


def stored_blocks(key: str) -> set[str]:
    """The blocks a stored name is written under."""
    sq, ws = squash(key), words(key)
    blocks = {"s:" + sq, "t:" + " ".join(ws)}
    blocks |= {"w:" + w for w in ws}
    if len(ws) <= MAX_SUBSET_WORDS:
        # "u:" + any subset of its words: a shorter name all of whose words it has finds it.
        blocks |= {"u:" + s for s in _subsets(ws)}
    else:
        blocks |= {"L:" + w for w in ws}
    blocks |= {f"f:{len(sq)}:{i}:{piece}" for i, (_, piece) in enumerate(segments(sq))}
    if ident.CJK.search(sq):
        if len(sq) <= MAX_CJK_SUBSTRINGS:
            blocks |= {"c:" + sq[i:j] for i in range(len(sq)) for j in range(i + 2, len(sq) + 1)}
        else:
            blocks |= {"C:" + sq[i : i + 2] for i in range(len(sq) - 1)}
    return blocks


def probe_blocks(key: str) -> tuple[set[str], list[list[str]], set[str]]:
    """What to look up for a new name: (blocks any of which may hold a match by
    words, letters or containment; groups of blocks that such a match holds all
    of, for the rare long names; blocks any of which a fuzzy match holds)."""
    sq, ws = squash(key), words(key)
    any_of = {"s:" + sq}
    all_of: list[list[str]] = []
    if ws:
        if len(ws) <= MAX_SUBSET_WORDS:
            any_of.add("u:" + " ".join(ws))               # stored names with all its words
            any_of |= {"t:" + s for s in _subsets(ws)}    # stored names made of some of its words
        else:
            # Stored names made of some of its words: one of them is among its words.
            any_of |= {"w:" + w for w in ws}
        all_of.append(["L:" + w for w in ws])             # long stored names with all its words
    if ident.CJK.search(sq) and len(sq) >= 2:
        # stored names it contains, and stored names that contain it
        any_of |= {"s:" + sq[i:j] for i in range(len(sq)) for j in range(i + 2, len(sq) + 1)}
        any_of.add("c:" + sq)
        all_of.append(["C:" + sq[i : i + 2] for i in range(len(sq) - 1)])
    fuzzy = _fuzzy_probes(sq) if len(key) >= ident.NAME_FUZZY_MIN_LEN else set()
    return any_of, all_of, fuzzy


def _fuzzy_probes(sq: str) -> set[str]:
    """Blocks of stored names within a ratio of 90 of `sq`.

    For a stored name of length l and this one of length n, at most (l + n) // 10
    edits (ratio >= 90 bounds the indel distance, which bounds Levenshtein's). A
    segment's start moves by s = insertions - deletions before it, and the
    length gap d = n - l left after it takes |d - s| more edits, so
    |s| + |d - s| <= edits: s lies between (d - edits) / 2 and (d + edits) / 2.
    """
    n = len(sq)
    out: set[str] = set()
    # Stored lengths l with |l - n| <= (l + n) // 10; l <= 2n is plenty.
    for length in range(1, 2 * n + 2):
        edits = (length + n) // 10
        gap = n - length
        if abs(gap) > edits:
            continue
        low, high = -((edits - gap) // 2), (edits + gap) // 2
        for i, (start, piece) in enumerate(segments("x" * length)):
            size = len(piece)
            for pos in range(max(0, start + low), min(n - size, start + high) + 1):
                out.add(f"f:{length}:{i}:{sq[pos : pos + size]}")
    return out
