"""The indexed name lookup finds exactly what a scan of every stored name finds.

storage.events_names answers "which stored company keys may name the same
company?" from indexed blocks (storage.name_blocks). The answer must be the
scan's: every stored name scored against the new one with identity.key_score.
Names here are built to hit each way two names can match: the same letters
without spaces, a subset of words, generic words, CJK containment, typos.
"""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import events_names, name_blocks, open_db
from storage import identity as ident

SYLLABLES = ["vo", "lo", "cop", "ter", "lu", "mo", "ra", "kel", "pie", "tier", "zen", "ka", "bo", "ti", "qu", "an", "ta"]
WORDS = ["mobility", "capital", "labs", "ai", "health", "scalable", "green", "smart", "one", "x"]
CJK_PARTS = ["商汤", "宇树", "智能", "科技", "字节", "跳动", "小米", "汽车"]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 2:
        return text
    i = rng.randrange(len(text))
    return rng.choice([text[:i] + text[i + 1 :], text[:i] + rng.choice("aeiouxz") + text[i:], text[:i] + "q" + text[i + 1 :]])


def random_name(rng: random.Random, known: list[str]) -> str:
    roll = rng.random()
    if known and roll < 0.35:
        base = rng.choice(known)
        pick = rng.random()
        if pick < 0.3:
            return _typo(rng, base)
        if pick < 0.55:
            return f"{base} {rng.choice(WORDS)}"
        if pick < 0.75:
            parts = base.split()
            return " ".join(parts[: max(1, len(parts) - 1)])
        return base.replace(" ", "") if rng.random() < 0.5 else " ".join(base)
    if roll < 0.5:
        return "".join(rng.choice(CJK_PARTS) for _ in range(rng.randint(1, 3)))
    return " ".join([_word(rng)] + [rng.choice(WORDS + [_word(rng)]) for _ in range(rng.randint(0, 2))])


def scan_similar(stored_names: set[str], key: str) -> set[str]:
    return {k for k in stored_names if ident.key_score(key, k) > 0}


def _store(db, rows: list[tuple[str, list[str]]], first: int = 0) -> None:
    for i, (company, aliases) in enumerate(rows, first):
        db["event_sources"].insert(
            {
                "article_id": f"a{i}",
                "event_index": 0,
                "company": company,
                "company_key": ident.company_key(company),
                "name_keys": json.dumps(ident.name_keys(company, aliases), ensure_ascii=False),
                "round": "unknown",
                "status": "announced",
            }
        )


def test_every_match_of_a_scan_is_found_and_no_other(tmp_path):
    rng = random.Random(14)
    db = open_db(tmp_path / "names.db")
    known: list[str] = []
    rows = []
    for _ in range(600):
        name = random_name(rng, known)
        known.append(ident.company_key(name) or name)
        aliases = [random_name(rng, known)] if rng.random() < 0.1 else []
        rows.append((name, aliases))
    _store(db, rows)
    events_names.index_queued(db)
    stored = {r[0] for r in db.execute("select distinct name_key from event_source_names")}
    probes = [ident.company_key(random_name(rng, known)) for _ in range(400)] + sorted(stored)[:200]
    for key in probes:
        if key:
            assert events_names.similar(db, key) == scan_similar(stored, key), key


LETTERS = "abcdeklmnorstuvxyz "
EDITS = st.lists(st.tuples(st.sampled_from("idr"), st.integers(0, 40), st.sampled_from(LETTERS)), max_size=4)


def _edited(text: str, edits) -> str:
    for op, pos, letter in edits:
        pos = pos % (len(text) + 1)
        if op == "i":
            text = text[:pos] + letter + text[pos:]
        elif op == "d":
            text = text[:pos] + text[pos + 1 :]
        else:
            text = text[:pos] + letter + text[pos + 1 :]
    return text


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=LETTERS, min_size=1, max_size=40), EDITS)
def test_blocks_never_miss_a_matching_pair(a, edits):
    """b is a after a few edits: whenever the rule matches them, the blocks meet."""
    b = _edited(a, edits)
    a, b = ident.company_key(a), ident.company_key(b)
    if not a or not b or ident.key_score(a, b) == 0:
        return
    for new, stored_name in ((a, b), (b, a)):
        any_of, all_of, fuzzy = name_blocks.probe_blocks(new)
        stored = name_blocks.stored_blocks(stored_name)
        assert (any_of | fuzzy) & stored or any(set(g) <= stored for g in all_of if g), (new, stored_name)


def test_a_lookup_reads_only_its_blocks(tmp_path):
    """Thousands of unrelated names stored: a new name's candidates stay few."""
    rng = random.Random(3)
    db = open_db(tmp_path / "many.db")
    _store(db, [(" ".join(_word(rng) for _ in range(2)) + " zz", []) for _ in range(3000)])
    events_names.index_queued(db)
    exact, fuzzy = events_names.candidates(db, "volocopter")
    assert len(exact | fuzzy) < 100


def test_the_index_follows_deletes_and_renames(tmp_path):
    db = open_db(tmp_path / "edit.db")
    _store(db, [("Tier Mobility", []), ("Lumora", ["Lumora Health"])])
    assert events_names.component(db, {"tier"}) == {"tier", "tier mobility"}
    db.execute("update event_sources set company_key = 'kelpie', name_keys = '[\"kelpie\"]' where company = 'Tier Mobility'")
    assert events_names.component(db, {"tier"}) == {"tier"}
    assert events_names.component(db, {"lumora health"}) == {"lumora health", "lumora"}
    db.execute("delete from event_sources where company = 'Lumora'")
    assert events_names.component(db, {"lumora health"}) == {"lumora health"}


def _random_store(tmp_path, name: str, seed: int = 14, count: int = 600):
    rng = random.Random(seed)
    db = open_db(tmp_path / name)
    known: list[str] = []
    rows = []
    for _ in range(count):
        company = random_name(rng, known)
        known.append(ident.company_key(company) or company)
        rows.append((company, [random_name(rng, known)] if rng.random() < 0.1 else []))
    # Stored in two goes: names indexed earlier must also link to names indexed later.
    _store(db, rows[: count // 2])
    events_names.index_queued(db)
    _store(db, rows[count // 2 :], first=count // 2)
    events_names.index_queued(db)
    return db


def test_the_links_are_what_a_scan_finds(tmp_path):
    """Each indexed name's links hold every stored name the rule matches it with."""
    db = _random_store(tmp_path, "links.db")
    stored = {r[0] for r in db.execute("select distinct name_key from event_source_names")}
    found = events_names.matches(db, stored | {"tier", "商汤"})
    for key in stored | {"tier", "商汤"}:
        assert found[key] == scan_similar(stored, key), key


def test_a_file_from_before_the_links_gets_them(tmp_path):
    db = _random_store(tmp_path, "old.db", seed=5, count=200)
    want = {r[0]: set() for r in db.execute("select distinct name_key from event_source_names")}
    for name, other in db.execute("select name_key, other_key from event_name_links"):
        want[name].add(other)
    # The file as 0005 left it: no links table, its names indexed.
    db.execute("drop table event_name_links")
    db.execute("delete from _sqlite_migrations where name = '0006_event_name_links'")
    db.conn.commit()
    db.conn.close()
    db = open_db(tmp_path / "old.db")
    assert events_names.matches(db, set(want)) == want
