"""Which stored mentions may name the same company as a new one.

Regrouping after a new article must cover every stored mention whose company
could match, transitively (A matches B, B matches C), so that the result is the
same whatever order the articles came in. This module finds that set of company
keys from two indexed tables, so the cost of a lookup follows the size of the
answer, not the number of stored mentions:

- `event_source_names` (source id, name key, company key): every name a stored
  mention goes by. Triggers on `event_sources` keep it (migration 0004 in
  storage.events), so no writer can forget it.
- `event_name_blocks` (block, name key): each name under the short strings that
  any matching name can compute from itself (storage.name_blocks). Blocks are
  computed in Python, so the insert trigger only queues a name it has not seen
  (`event_name_queue`); `component` indexes the queue first. Blocks of names no
  mention uses any more stay: they find a name without owners, which costs a
  lookup and changes nothing.
- `event_name_links` (name key, other key): for each indexed name, every indexed
  name it matches by the rule (`similar`), written when either was indexed, so
  `matches` and `component` read matches instead of recomputing them.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from storage import identity as ident
from storage import name_blocks

CHUNK = 500  # host parameters per query, well under SQLite's limit


def index_queued(db) -> int:
    """Write the blocks and links of names the triggers queued; returns how many names."""
    names = [r[0] for r in db.execute("select name_key from event_name_queue").fetchall()]
    if not names:
        return 0
    rows = [(block, name) for name in names for block in name_blocks.stored_blocks(name)]
    db.conn.executemany("insert or ignore into event_name_blocks (block, name_key) values (?, ?)", rows)
    if "event_name_links" in db.table_names():
        # All blocks first, so names queued together find one another.
        links = set()
        for name in names:
            for other in _near(db, name):
                # The rule read both ways: each name's links then hold every match,
                # whichever of the two was indexed first.
                if ident.key_score(name, other) > 0:
                    links.add((name, other))
                if ident.key_score(other, name) > 0:
                    links.add((other, name))
        db.conn.executemany(
            "insert or ignore into event_name_links (name_key, other_key) values (?, ?)", sorted(links)
        )
    for part in _chunks(names):
        db.execute(f"delete from event_name_queue where name_key in ({_marks(part)})", part)
    return len(names)


def _chunks(items: list) -> list[list]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def _marks(part: list) -> str:
    return ",".join("?" * len(part))


def _names_in(db, blocks: set[str]) -> set[str]:
    found: set[str] = set()
    for part in _chunks(sorted(blocks)):
        rows = db.execute(f"select distinct name_key from event_name_blocks where block in ({_marks(part)})", part)
        found.update(r[0] for r in rows)
    return found


def candidates(db, key: str) -> tuple[set[str], set[str]]:
    """Stored names that may match `key`: (by words, letters or containment; by a
    fuzzy ratio only). Together a superset of those with key_score > 0."""
    any_of, all_of, fuzzy = name_blocks.probe_blocks(key)
    found = _names_in(db, any_of)
    for group in all_of:
        # A match holds all of them, so it holds the first CHUNK too (still a superset).
        blocks = sorted(set(group))[:CHUNK]
        if not blocks:
            continue
        found.update(
            r[0]
            for r in db.execute(
                f"select name_key from event_name_blocks where block in ({_marks(blocks)})"
                " group by name_key having count(*) = ?",
                [*blocks, len(blocks)],
            )
        )
    return found, _names_in(db, fuzzy) - found


def _near(db, key: str) -> set[str]:
    """Candidates of `candidates`, those found by a fuzzy block only if their ratio is
    high enough: still a superset of the matches, either way round (the blocks and
    the ratio are symmetric)."""
    exact, fuzzy = candidates(db, key)
    # A fuzzy candidate matches only through the ratio (any other way would have
    # found it among `exact`), so rapidfuzz's C scorer drops most of them first.
    fuzzy_list = sorted(fuzzy)
    near = process.extract(
        name_blocks.squash(key), [name_blocks.squash(k) for k in fuzzy_list],
        scorer=fuzz.ratio, score_cutoff=ident.NAME_FUZZY_MIN, limit=None,
    )
    return exact | {fuzzy_list[i] for _, _, i in near}


def similar(db, key: str) -> set[str]:
    """Stored names that match `key` by the identity rule."""
    return {k for k in _near(db, key) if ident.key_score(key, k) > 0}


def matches(db, names: set[str], indexed: bool = False) -> dict[str, set[str]]:
    """`similar` for each of `names`, read from the links written when names were
    indexed; a name never indexed (no link, not even to itself) is looked up.
    `indexed`: the caller has just run `index_queued`."""
    if not indexed:
        index_queued(db)
    out: dict[str, set[str]] = {}
    if "event_name_links" in db.table_names():
        for part in _chunks(sorted(n for n in names if n)):
            for name, other in db.execute(
                f"select name_key, other_key from event_name_links where name_key in ({_marks(part)})", part
            ):
                out.setdefault(name, set()).add(other)
    for name in names:
        if name not in out:
            out[name] = similar(db, name) if name else set()
    return out


def component(db, keys: set[str]) -> set[str]:
    """All stored company keys reachable from `keys` through name matches.

    A company key stands for every name its mentions go by (aliases, bracketed
    names), as in storage.identity's rule 1; a key no mention has any more
    stands for itself. Walked a level at a time, a few queries per level.
    """
    index_queued(db)
    comp = {k for k in keys if k}
    frontier = set(comp)
    seen_names: set[str] = set()
    while frontier:
        names = set(frontier)
        for part in _chunks(sorted(frontier)):
            names.update(
                r[0]
                for r in db.execute(
                    f"select distinct name_key from event_source_names where company_key in ({_marks(part)})", part
                )
            )
        names -= seen_names
        seen_names |= names
        matched: set[str] = set()
        for found in matches(db, names).values():
            matched |= found
        owners: set[str] = set()
        for part in _chunks(sorted(matched)):
            owners.update(
                r[0]
                for r in db.execute(
                    f"select distinct company_key from event_source_names where name_key in ({_marks(part)})", part
                )
            )
        frontier = owners - comp
        comp |= frontier
    return comp
