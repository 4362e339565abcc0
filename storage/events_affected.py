"""Regrouping after new mentions, visiting only the mentions they can affect.

Recording an article used to re-run the clustering (storage.events_cluster) over
every stored mention of its company names' whole group from the first new
mention on. Where many names are a typo of one another (a farm of numbered
names, a sector of look-alike brands) that group is the whole database, and
each article cost as much as all before it.

The clustering is a greedy pass in canonical order, and a mention's choice
depends only on the rounds that hold a name matching one of its own, as they
stand when it is visited. So a stored mention chooses as it did when it was
recorded unless one of those rounds now stands otherwise ("dirty": it gained a
mention it did not have, lost one, or did not exist). This module replays the
pass from the new mentions, in order, over only:

- the new mentions;
- when a round turns dirty, every later mention holding a name that matches
  one of its names, before or now, and its own later mentions;
- when a mention joins a dirty round, every later mention matching its names.

Every other mention is placed where it is stored; a mention revisited that
chooses as before changes nothing. The dirty rounds are what the full pass
would rewrite; the others it would leave as they are. This assumes what the
full pass already assumes of the mentions before the first new one: that the
stored rounds are what the rule makes of the stored mentions (after a change of
the rule, `fundwatch events regroup`).

Anything outside that (mentions removed, a mention without rounds that is not
new, a name never indexed) raises `Unsupported`, and the caller runs the full
pass instead.
"""

from __future__ import annotations

import bisect
import heapq

from storage import events_cluster as ec
from storage import events_names

CHUNK = events_names.CHUNK


class Unsupported(Exception):
    """A case the replay does not cover: regroup the whole group."""


def _as_mention(row: dict) -> dict:
    m = dict(row)
    for key in ("lead_investors", "investors"):
        m[key] = _json_list(m[key]) if isinstance(m[key], str) else (m[key] or [])
    m["_stored"] = m["event_id"]
    return m


_json_list = ec.json_list


def _chunks(items: list) -> list[list]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def _marks(part: list) -> str:
    return ",".join("?" * len(part))


class _Replay:
    def __init__(self, db) -> None:
        self.db = db
        self.cache: dict[int, dict] = {}  # source id -> mention
        self.keys: dict[int, tuple] = {}  # source id -> order key
        self.members_of: dict[int, list[dict]] = {}  # stored round -> its stored mentions, in order
        self.member_keys: dict[int, list[tuple]] = {}  # stored round -> their order keys
        self.matched: dict[str, set[str]] = {}  # name -> names it matches
        self.placed: dict[int, tuple] = {}  # visited mention -> the round it joined
        self.dirty: dict[tuple, list[dict]] = {}  # round -> its members so far
        self.summaries: dict[tuple, ec._Round] = {}  # round -> its summary, of its members so far
        self.names_owned: dict[str, set[int]] = {}  # name -> stored mentions that go by it
        self.heap: list[tuple] = []
        self.queued: set[int] = set()
        self.expanded: set[str] = set()  # names whose later matching mentions are queued
        # Read ahead, in one query each instead of one per visit: the names of queued
        # mentions (their matches are asked for when visited), the names those match
        # (whose owners are read then), and those owners. Nothing writes while the
        # replay runs, so reading earlier reads the same.
        self.pending_names: set[str] = set()
        self.pending_owned: set[str] = set()
        self.pending_load: set[int] = set()

    # ------------------------------------------------------------ reading
    def key(self, m: dict) -> tuple:
        k = self.keys.get(m["id"])
        if k is None:
            k = self.keys[m["id"]] = ec.order_key(m)
        return k

    def load(self, ids) -> list[dict]:
        missing = {i for i in ids if i not in self.cache}
        if missing and self.pending_load:
            # Read with them the mentions the queued ones will read (see `queue`).
            missing |= {i for i in self.pending_load if i not in self.cache}
            self.pending_load = set()
        missing = sorted(missing)
        for part in _chunks(missing):
            cursor = self.db.execute(f"select * from event_sources where id in ({_marks(part)})", part)
            columns = [c[0] for c in cursor.description]
            for values in cursor:
                m = _as_mention(dict(zip(columns, values)))
                self.cache[m["id"]] = m
        return [self.cache[i] for i in ids if i in self.cache]

    def old_members(self, eid: int) -> list[dict]:
        if eid not in self.members_of:
            self.load_rounds({eid})
        return self.members_of[eid]

    def load_rounds(self, eids: set[int]) -> None:
        """The stored mentions of these stored rounds, in one go."""
        todo = sorted(e for e in eids if e not in self.members_of)
        found: dict[int, list[int]] = {e: [] for e in todo}
        for part in _chunks(todo):
            for sid, eid in self.db.execute(
                f"select id, event_id from event_sources where event_id in ({_marks(part)})", part
            ):
                found[eid].append(sid)
        self.load([sid for ids in found.values() for sid in ids])  # one read for all of them
        for eid, ids in found.items():
            self.members_of[eid] = sorted(self.load(ids), key=self.key)
            self.member_keys[eid] = [self.key(x) for x in self.members_of[eid]]

    def owners(self, names: set[str]) -> list[dict]:
        """Stored mentions that go by any of `names`."""
        todo = {n for n in names if n not in self.names_owned}
        if todo and self.pending_owned:
            todo |= {n for n in self.pending_owned if n not in self.names_owned}
            self.pending_owned = set()
        todo = sorted(todo)
        for n in todo:
            self.names_owned[n] = set()
        for part in _chunks(todo):
            for name, sid in self.db.execute(
                f"select name_key, source_id from event_source_names where name_key in ({_marks(part)})", part
            ):
                self.names_owned[name].add(sid)
                self.pending_load.add(sid)
        ids: set[int] = set()
        for n in names:
            ids |= self.names_owned[n]
        return self.load(sorted(ids))

    def matching(self, names: set[str]) -> set[str]:
        """Names that match any of `names` (key_score(name, other) > 0 from `name`'s side)."""
        todo = {n for n in names if n not in self.matched}
        if todo:
            # With them the names of every mention queued so far, which will ask.
            todo |= {n for n in self.pending_names if n and n not in self.matched}
            self.pending_names = set()
            found = events_names.matches(self.db, todo, indexed=True)
            for n in todo:
                self.matched[n] = found.get(n, set())
                self.pending_owned |= self.matched[n]
        out: set[str] = set()
        for n in names:
            out |= self.matched[n]
        return out

    def matched_by(self, names: set[str]) -> set[str]:
        """Names any of `names` is matched by: the mentions that may join a round holding them."""
        out: set[str] = set()
        seen: set[str] = set()
        for part in _chunks(sorted(names)):
            for name, other in self.db.execute(
                f"select name_key, other_key from event_name_links where other_key in ({_marks(part)})", part
            ):
                out.add(name)
                seen.add(other)
        if seen != set(names):
            raise Unsupported("a name without links")  # every indexed name links to itself
        return out

    # ------------------------------------------------------------ rounds
    def ident_of(self, m: dict) -> tuple:
        """The round `m` is in, for a mention before the one being visited."""
        placed = self.placed.get(m["id"])
        if placed is not None:
            return placed
        if m["_stored"] is None:
            raise Unsupported("a stored mention without a round")
        return ("old", m["_stored"])

    def members_before(self, ident: tuple, key: tuple) -> list[dict]:
        if ident in self.dirty:
            return self.dirty[ident]
        old = self.old_members(ident[1])
        return old[: bisect.bisect_left(self.member_keys[ident[1]], key)]

    def summary(self, ident: tuple, members: list[dict]) -> ec._Round:
        """The round as `members` make it (a stored round's first ones, or a dirty
        round's so far), built once: members are only ever appended."""
        n = len(members)
        cached = self.summaries.get(ident)
        if cached is not None and len(cached.members) == n:
            return cached
        # Visited in order, a round is only asked for with more members than the
        # last time, the same ones first: extend that summary instead of building
        # it again (the same adds in the same order: the same summary).
        if cached is None or len(cached.members) > n or any(
            a is not b for a, b in zip(cached.members, members)
        ):
            cached = self.summaries[ident] = ec._Round()
        for x in members[len(cached.members):]:
            cached.add(x)
        return cached

    def queue(self, m: dict, after: tuple) -> None:
        if m["id"] not in self.queued and self.key(m) > after:
            self.queued.add(m["id"])
            heapq.heappush(self.heap, (self.key(m), m["id"]))
            try:
                self.pending_names.update(ec.mention_names(m))
            except (ValueError, TypeError, KeyError):
                pass  # read ahead only: its visit meets the same error, as before

    def queue_matching(self, names: set[str], after: tuple) -> None:
        names = {n for n in names if n} - self.expanded
        if not names:
            return
        self.expanded |= names
        for x in self.owners(self.matched_by(names)):
            self.queue(x, after)

    def make_dirty(self, ident: tuple, key: tuple) -> None:
        if ident in self.dirty:
            return
        if ident[0] == "new":
            self.dirty[ident] = []
            return
        old = self.old_members(ident[1])
        self.dirty[ident] = [x for x in old if self.key(x) < key]
        for x in old:
            self.queue(x, key)
        self.queue_matching({n for x in old for n in ec.mention_names(x)}, key)

    # ------------------------------------------------------------ the pass
    def visit(self, m: dict) -> None:
        key = self.key(m)
        names = set(ec.mention_names(m))
        if not all(names):
            raise Unsupported("a mention without a name")
        candidates: dict[tuple, list[dict]] = {}
        before = [x for x in self.owners(self.matching(names)) if self.key(x) < key]
        if m["_stored"] is not None and all(
            self.placed.get(x["id"], ("old", x["_stored"])) == ("old", x["_stored"])
            and ("old", x["_stored"]) not in self.dirty
            for x in before
        ):
            # Every round it could join stands as when it was recorded (its own
            # among them): it chooses as it did.
            self.placed[m["id"]] = ("old", m["_stored"])
            return
        self.load_rounds({x["_stored"] for x in before if x["id"] not in self.placed} - {None})
        for x in before:
            ident = self.ident_of(x)
            if ident not in candidates:
                candidates[ident] = self.members_before(ident, key)
            if ident in self.dirty and all(y["id"] != x["id"] for y in candidates[ident]):
                raise Unsupported("a mention outside its round")  # the replay's own invariant
        # The full pass scores rounds in the order they were made: by first member.
        best, best_score = None, 0.0
        for ident, members in sorted(candidates.items(), key=lambda kv: self.key(kv[1][0])):
            score = ec._join_score(m, self.summary(ident, members))
            if score > best_score:
                best, best_score = ident, score
        old = m["_stored"]
        if best is None:
            # A round of its own: the stored one it made, if it was that one's first.
            first = self.old_members(old)[0]["id"] if old is not None else None
            best = ("old", old) if first == m["id"] else ("new", m["id"])
        self.placed[m["id"]] = best
        if best != ("old", old):
            if old is not None:
                self.make_dirty(("old", old), key)
            self.make_dirty(best, key)
        if best in self.dirty:
            self.dirty[best].append(m)
            self.queue_matching(names, key)

    def run(self, new: list[dict]) -> list[list[dict]]:
        events_names.index_queued(self.db)
        for m in new:
            self.cache[m["id"]] = m
            self.queue(m, ())
        while self.heap:
            _, mid = heapq.heappop(self.heap)
            self.visit(self.cache[mid])
        clusters = [sorted(ms, key=self.key) for ms in self.dirty.values() if ms]
        return sorted(clusters, key=lambda ms: self.key(ms[0]))


def affected_clusters(db, new: list[dict]) -> list[list[dict]]:
    """The rounds the full pass would rewrite after `new` (mentions without a round,
    as `_as_mention` reads them) were added, each with all its members; the
    full pass leaves every other round as it is stored."""
    return _Replay(db).run(new)
