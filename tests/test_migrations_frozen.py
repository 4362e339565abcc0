"""A released migration is never edited: a file that already applied it would never see the edit.

That happened twice (0002_event_sources gained `name_keys`; the views changed
without a migration) and every database made before stopped taking writes. So:

- RELEASED lists every migration that has shipped, with a checksum of its code
  (comments and formatting do not count). If this test fails because a checksum
  changed, put the old code back and ADD a new migration at the end of its set
  that brings existing files to the new shape (see storage/events.py 0003 for a
  column added only where missing).
- SCHEMA is the checksum of the schema a new file gets from exactly those
  migrations. It catches an edit outside a migration function that changes what
  a released migration creates (the VIEWS of storage/inspect.py): add a new
  migration that recreates the views, then record it here.

After adding a migration, record it: run this file, and copy the new entries it
prints into RELEASED and SCHEMA.
"""

from __future__ import annotations

import ast
import hashlib
import inspect
import sqlite3
import textwrap

from storage import open_db
from storage.db import migration_sets

RELEASED = {
    ("fundwatch.feeds", "0001_feeds"): "bd4a7d4464d8bcd4",
    ("fundwatch.feeds", "0002_feeds_content_hash"): "456a76f3671a011a",
    ("fundwatch.feeds", "0003_entries_todo"): "74459953470aeec6",
    ("fundwatch.feeds", "0004_feeds_entries_left_out"): "facd903b825e3cf6",
    ("fundwatch.events", "0001_events"): "1e65da321d614551",
    ("fundwatch.events", "0002_event_sources"): "573b1ac53ac62866",
    ("fundwatch.events", "0003_event_sources_name_keys"): "63190683b66902ee",
    ("fundwatch.events", "0004_event_name_index"): "75775aa5c5ccc0b6",
    ("fundwatch.events", "0005_event_articles_url_index"): "ffe7f3004231b679",
    ("fundwatch.events", "0006_event_name_links"): "abfe97a5918bf24b",
    ("fundwatch.outbox", "0001_outbox_and_deliveries"): "6338e1e9ddce3f0c",
    ("fundwatch.inspect", "0001_articles_fts"): "b2b61081d1ccfc10",
    ("fundwatch.inspect", "0002_views"): "5622af249eff406c",
    ("fundwatch.inspect", "0003_views_shared_live_definition"): "96e4d798283f925d",
    ("fundwatch.inspect", "0004_views_feed_todo"): "37e33a4cbd77b809",
    ("fundwatch.digests", "0001_weekly_digests"): "6cb2aa7fc3d804a1",
}
SCHEMA = "df5d6e98c5bcf10e"


def code_checksum(fn) -> str:
    """The function's code as Python reads it: comments, blank lines and layout do not count."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    return hashlib.sha256(ast.unparse(tree).encode()).hexdigest()[:16]


def current() -> dict[tuple[str, str], str]:
    return {(s.name, m.name): code_checksum(m.fn) for s in migration_sets() for m in s._migrations}


def schema_checksum(tmp_path) -> str:
    path = tmp_path / "new.db"
    open_db(path).conn.close()
    conn = sqlite3.connect(path)
    virtual = [r[0] for r in conn.execute("select name from sqlite_master where sql like 'create virtual%'")]
    rows = [
        (kind, name, " ".join(sql.split()))
        for kind, name, sql in conn.execute("select type, name, sql from sqlite_master order by type, name")
        # SQLite's own objects and FTS5's shadow tables are not ours to freeze.
        if sql and not name.startswith(("sqlite_", "_sqlite_"))
        and not any(name.startswith(f"{v}_") for v in virtual)
    ]
    conn.close()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def test_released_migrations_are_never_edited_or_removed():
    now = current()
    missing = sorted(set(RELEASED) - set(now))
    assert not missing, f"released migrations were removed or renamed: {missing}"
    edited = sorted(k for k, v in RELEASED.items() if now[k] != v)
    assert not edited, (
        f"released migrations were edited: {edited}. Restore them and add a new migration "
        "at the end of the set instead (see this file's docstring)."
    )


def test_the_released_migrations_still_make_the_released_schema(tmp_path):
    now = current()
    unrecorded = {k: v for k, v in now.items() if k not in RELEASED}
    checksum = schema_checksum(tmp_path)
    if unrecorded:
        # A new migration is on its way; its author records it with the new schema.
        # Until then it must at least come after every released one of its set.
        print("record these new migrations in RELEASED:", unrecorded, "and SCHEMA =", repr(checksum))
        for s in migration_sets():
            names = [m.name for m in s._migrations]
            released = [i for i, n in enumerate(names) if (s.name, n) in RELEASED]
            new = [i for i, n in enumerate(names) if (s.name, n) in unrecorded]
            assert not new or not released or min(new) > max(released), f"{s.name}: add migrations at the end"
        return
    assert checksum == SCHEMA, (
        f"the schema of a new file changed (now {checksum}) but no migration was added: "
        "files made before would never get the change. Add a migration that makes it."
    )
