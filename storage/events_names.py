"""Which stored mentions may name the same company as a new one.

Regrouping after a new article must cover every stored mention whose company
could match, transitively (A matches B, B matches C), so that the result is the
same whatever order the articles came in. This module finds that set of company
keys without scoring every stored name in Python.
"""

from __future__ import annotations

import json

from rapidfuzz import fuzz, process

from storage import identity as ident


def component(db, keys: set[str]) -> set[str]:
    """All stored company keys reachable from `keys` through name matches.

    Candidates come from indexes that cover every way `identity.key_score` can be
    positive (a shared word, the same letters without spaces, a fuzzy ratio found by
    rapidfuzz's C scorer, CJK containment), then key_score decides.
    """
    names_of: dict[str, set[str]] = {}
    for primary, keys_json in db.execute("select distinct company_key, name_keys from event_sources").fetchall():
        if primary:
            names_of.setdefault(primary, {primary}).update(json.loads(keys_json or "[]"))
    owners: dict[str, set[str]] = {}  # name key -> primary keys named by it
    for primary, names in names_of.items():
        for name in names:
            owners.setdefault(name, set()).add(primary)
    all_keys = sorted(owners)
    by_token: dict[str, list[str]] = {}
    by_squashed: dict[str, list[str]] = {}
    cjk = []
    for key in all_keys:
        for token in set(key.split()):
            by_token.setdefault(token, []).append(key)
        by_squashed.setdefault(key.replace(" ", ""), []).append(key)
        if ident.CJK.search(key):
            cjk.append(key)
    squashed = [k.replace(" ", "") for k in all_keys]

    def similar(key: str) -> set[str]:
        found = set(by_squashed.get(key.replace(" ", ""), ()))
        for token in key.split():
            found.update(by_token.get(token, ()))
        if len(key) >= ident.NAME_FUZZY_MIN_LEN:
            for _, _, i in process.extract(
                key.replace(" ", ""), squashed, scorer=fuzz.ratio, score_cutoff=ident.NAME_FUZZY_MIN, limit=None
            ):
                found.add(all_keys[i])
        if ident.CJK.search(key):
            found.update(cjk)
        return {k for k in found if ident.key_score(key, k) > 0}

    def neighbours(primary: str) -> set[str]:
        out: set[str] = set()
        for name in names_of.get(primary, {primary}):
            for other in similar(name):
                out |= owners.get(other, set())
        return out

    comp = {k for k in keys if k}
    frontier = list(comp)
    while frontier:
        for other in neighbours(frontier.pop()) - comp:
            comp.add(other)
            frontier.append(other)
    return comp
