"""Grouping mentions into rounds, and choosing each round's canonical values.

Pure functions over mention dicts (rows of `event_sources`); no database.

Clustering is deterministic and depends only on the SET of mentions, never on the
order they arrived: mentions are visited in a canonical order (main reports
first, then by date, article id, position in the article) and each joins the
best-scoring round where it meets the identity rule (storage.identity) with at
least one member and contradicts none (`contradicts`: same article, extension or
not, different round labels, dates beyond the window, amounts more than
`AMOUNT_TOLERANCE_NAMED_ROUND` apart), or starts a new one.
The storage layer re-runs it over every mention whose company name could match,
so recording the same articles in any order yields the same rounds.

Canonical values (the `events` row), per field:
- amount / currency: the value most sources report (amounts within 1 % in one
  currency are one value; a main report counts 1, a background mention 0.5), then
  the most precise (most significant digits: 211 million over 200 million), then
  the earliest report. Valuation the same way, among sources that give one.
- round: the most reported known label, then the most specific, then the earliest.
- lead investors: every name any source calls a lead; investors: every name any
  source lists (leads included), spelled as most sources spell it.
- status: announced over reported over in_talks; main: any source reports it as
  its news; confidence: the highest; evidence: that of the source of the amount.
- company: the name most main reports use, then the one with most identifying words,
  then the shortest ("Tier Mobility" over "Tier", "SenseTime" over "SenseTime Group Ltd"),
  then the earliest report's.
Differing amounts, valuations, rounds and leads are kept in `conflicts`.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta
from typing import Any

from storage import identity as ident

STATUS_RANK = {"announced": 3, "reported": 2, "in_talks": 1}
SAME_VALUE = 0.01


def _date_lo(m: dict) -> date:
    span = ident.parse_day_range(m.get("published"))
    return span[0] if span else date.max


def order_key(m: dict) -> tuple:
    """The canonical visiting order of mentions."""
    return (0 if m.get("main") else 1, _date_lo(m), str(m["article_id"]), int(m.get("event_index") or 0))


def _interval(m: dict):
    if "_interval" not in m:
        m["_interval"] = ident.mention_interval(m.get("published"), bool(m.get("main")), m.get("status"))
    return m["_interval"]


def _day(m: dict):
    if "_day" not in m:
        m["_day"] = ident.reference_date(m.get("published"))
    return m["_day"]


def _money(m: dict, field: str = "amount", currency: str = "currency"):
    return (m.get(field), m.get(currency), _day(m))


def compatible(a: dict, b: dict) -> bool:
    """The identity rule between two mentions, apart from the company name."""
    if a["article_id"] == b["article_id"]:
        return False
    if bool(a.get("extension")) != bool(b.get("extension")):
        return False
    if not ident.round_compatible(a.get("round"), b.get("round")):
        return False
    if not ident.intervals_close(_interval(a), _interval(b)):
        return False
    rumour = "in_talks" in (a.get("status"), b.get("status"))
    if not ident.amounts_compatible(_money(a), _money(b), rumour=rumour):
        if not (_same_round_named(a, b) and ident.amounts_compatible(
            _money(a), _money(b), tolerance=ident.AMOUNT_TOLERANCE_NAMED_ROUND
        )):
            return False
    if a.get("amount") is None or b.get("amount") is None:
        return _undisclosed_ok(a, b)
    return True


def contradicts(a: dict, b: dict) -> bool:
    """Facts that cannot both describe one round, whatever else its sources say: one
    article, an extension and not, two different round labels, dates too far apart,
    or amounts further apart than even two reports naming the round alike may be."""
    if a["article_id"] == b["article_id"] or bool(a.get("extension")) != bool(b.get("extension")):
        return True
    if not ident.round_compatible(a.get("round"), b.get("round")):
        return True
    if not ident.intervals_close(_interval(a), _interval(b)):
        return True
    return not ident.amounts_compatible(_money(a), _money(b), tolerance=ident.AMOUNT_TOLERANCE_NAMED_ROUND)


def _same_round_named(a: dict, b: dict) -> bool:
    """Two dated main reports that name the round alike: the same series label, or the same
    valuation. A company has one Series B; weeks apart, two Series B reports are one round
    even when one counts a tranche or the debt part and the other does not."""
    if not (a.get("main") and b.get("main")) or None in _interval(a) + _interval(b):
        return False
    ra, rb = (a.get("round") or ""), (b.get("round") or "")
    if ra == rb and ra.startswith("series_"):
        return True
    if a.get("valuation_amount") is None or b.get("valuation_amount") is None:
        return False
    return ident.amounts_compatible(
        _money(a, "valuation_amount", "valuation_currency"), _money(b, "valuation_amount", "valuation_currency")
    )


def _undisclosed_ok(a: dict, b: dict) -> bool:
    """Without an amount on both sides, a name and a date are not enough unless both are
    dated main reports (two outlets' news of the same week). Otherwise they must agree
    on something that identifies a round: the same series or seed-stage label, the same
    valuation, or a shared lead investor."""
    if a.get("main") and b.get("main") and None not in _interval(a) + _interval(b):
        return True
    ra, rb = (a.get("round") or "unknown"), (b.get("round") or "unknown")
    if ra == rb and (ra.startswith("series_") or ra in ident.SEED_STAGE):
        return True
    if a.get("valuation_amount") is not None and b.get("valuation_amount") is not None:
        if ident.amounts_compatible(
            _money(a, "valuation_amount", "valuation_currency"), _money(b, "valuation_amount", "valuation_currency")
        ):
            return True
    leads_a = {ident.person_key(x) for x in a.get("lead_investors") or []} - {""}
    leads_b = {ident.person_key(x) for x in b.get("lead_investors") or []} - {""}
    return bool(leads_a & leads_b)


_parsed: dict[str, tuple] = {}


def json_list(text: str):
    """`json.loads(text)` for the stored JSON arrays of names, each distinct text
    parsed once: regrouping reads the same few ("[]", a lead's name) again and
    again. A fresh list each time, as json.loads gives."""
    cached = _parsed.get(text)
    if cached is None:
        value = json.loads(text)
        if not isinstance(value, list):
            return value
        if len(_parsed) >= 65536:  # a writer serving for weeks stays flat
            _parsed.clear()
        cached = _parsed[text] = tuple(value)
    return list(cached)


def mention_names(m: dict) -> list[str]:
    if "_names" not in m:
        keys = m.get("name_keys")
        if isinstance(keys, str):
            keys = json_list(keys)
        m["_names"] = list(keys or [m["company_key"]])
    return m["_names"]


class _Round:
    """A round being built, with summaries that answer "does any member contradict this
    mention?" (`contradicts`, exactly) without visiting every member."""

    def __init__(self) -> None:
        self.members: list[dict] = []
        self.names: set[str] = set()
        self.articles: set[str] = set()
        self.extensions: set[bool] = set()
        self.labels: set[str] = set()
        self.max_lo = self.min_hi = None  # over members with a bounded end
        self.raw: dict[str, tuple[int, int]] = {}  # currency -> (min, max) amount
        self.usd: dict[str, tuple[float, float] | None] = {}  # currency -> (min, max) in USD
        self.no_currency: list[dict] = []  # amounts printed without a currency

    def add(self, m: dict) -> None:
        self.members.append(m)
        self.names.update(mention_names(m))
        self.articles.add(m["article_id"])
        self.extensions.add(bool(m.get("extension")))
        self.labels.add((m.get("round") or "unknown").lower())
        lo, hi = _interval(m)
        if lo is not None:
            self.max_lo = lo if self.max_lo is None else max(self.max_lo, lo)
        if hi is not None:
            self.min_hi = hi if self.min_hi is None else min(self.min_hi, hi)
        amount, currency = m.get("amount"), (m.get("currency") or "").upper()
        if amount is None:
            return
        if not currency:
            self.no_currency.append(m)
            return
        low, high = self.raw.get(currency, (amount, amount))
        self.raw[currency] = (min(low, amount), max(high, amount))
        usd = ident.to_usd(amount, currency, _day(m))
        if currency in self.usd and (self.usd[currency] is None or usd is None):
            self.usd[currency] = None
        elif usd is not None:
            u_low, u_high = self.usd.get(currency) or (usd, usd)
            self.usd[currency] = (min(u_low, usd), max(u_high, usd))
        else:
            self.usd[currency] = None

    def contradicted(self, m: dict) -> bool:
        """`any(contradicts(m, o) for o in self.members)`, from the summaries."""
        if m["article_id"] in self.articles or self.extensions - {bool(m.get("extension"))}:
            return True
        if any(not ident.round_compatible(m.get("round"), label) for label in self.labels):
            return True
        lo, hi = _interval(m)
        gap = timedelta(days=ident.WINDOW_DAYS)
        if lo is not None and self.min_hi is not None and lo > self.min_hi + gap:
            return True
        if hi is not None and self.max_lo is not None and self.max_lo > hi + gap:
            return True
        amount, currency = m.get("amount"), (m.get("currency") or "").upper()
        if amount is None:
            return False
        if not currency:
            return any(contradicts(m, o) for o in self.members if o.get("amount") is not None)
        if any(contradicts(m, o) for o in self.no_currency):
            return True
        limit = ident.AMOUNT_TOLERANCE_NAMED_ROUND
        usd = None
        for cur, span in self.raw.items():
            if cur == currency:
                if any(ident.relative_gap(amount, x) > limit for x in span):
                    return True
                continue
            usd = usd if usd is not None else ident.to_usd(amount, currency, _day(m))
            uspan = self.usd.get(cur)
            if usd is None or uspan is None:
                return True
            if any(ident.relative_gap(usd, x) > max(limit, ident.AMOUNT_TOLERANCE_FX) for x in uspan):
                return True
        return False


def _join_score(m: dict, rnd: _Round) -> float:
    """0 when `m` cannot join; otherwise higher is a better fit."""
    # The full rule with one member, and no contradiction with any.
    if rnd.contradicted(m):
        return 0.0
    name = max(ident.key_score(a, b) for a in mention_names(m) for b in rnd.names)
    if name <= 0:
        return 0.0
    members = rnd.members
    if not any(compatible(m, o) for o in members):
        return 0.0
    score = name
    for o in members:
        if m.get("amount") is not None and o.get("amount") is not None:
            ua = ident.to_usd(m["amount"], m.get("currency") or "USD", _day(m))
            ub = ident.to_usd(o["amount"], o.get("currency") or "USD", _day(o))
            if ua and ub:
                score += 1.0 - ident.relative_gap(ua, ub)
                break
    if any((m.get("round") or "unknown") == (o.get("round") or "unknown") != "unknown" for o in members):
        score += 0.25
    return score


def cluster(
    mentions: list[dict], settled: list[dict] = (), matches: dict[str, set[str]] | None = None
) -> list[list[dict]]:
    """Mentions grouped into rounds; clusters and members in canonical order.

    `settled`: mentions that all come before `mentions` in the canonical order, already
    grouped by an earlier run (their `event_id`). The greedy pass never revisits a
    decision, so those groups are what a full run would make; passing them saves
    redoing them when an article adds mentions.

    `matches`: for each name of `mentions`, every name with key_score > 0 against it
    (storage.events_names.matches). A round none of whose names is among them scores
    0, so only rounds holding one are scored: the same choice, without scoring every
    round of a large group for every mention.
    """
    rounds: list[_Round] = []
    by_event: dict = {}
    by_name: dict[str, list[int]] = {}  # name -> indexes in `rounds` of the rounds that have it

    def add(index: int, m: dict) -> None:
        rnd = rounds[index]
        fresh = [n for n in mention_names(m) if n not in rnd.names]
        rnd.add(m)
        for n in fresh:
            by_name.setdefault(n, []).append(index)

    for m in sorted(settled, key=order_key):
        index = by_event.get(m["event_id"])
        if index is None:
            index = by_event[m["event_id"]] = len(rounds)
            rounds.append(_Round())
        add(index, m)
    for m in sorted(mentions, key=order_key):
        names = mention_names(m)
        if matches is None or any(n not in matches for n in names):
            candidates = range(len(rounds))
        else:
            candidates = sorted({i for n in names for other in matches[n] for i in by_name.get(other, ())})
        best, best_score = None, 0.0
        for i in candidates:
            s = _join_score(m, rounds[i])
            if s > best_score:
                best, best_score = i, s
        if best is None:
            best = len(rounds)
            rounds.append(_Round())
        add(best, m)
    return [r.members for r in rounds]


# ---------------------------------------------------------------- canonical values
def _weight(m: dict) -> float:
    return 1.0 if m.get("main") else 0.5


def _value_buckets(members: list[dict], field: str, currency: str) -> list[dict]:
    """Distinct reported values of a money field, best first (see module docstring)."""
    buckets: list[dict] = []
    for m in members:
        amount = m.get(field)
        if amount is None:
            continue
        cur = (m.get(currency) or "").upper() or None
        for b in buckets:
            if b["currency"] == cur and ident.relative_gap(b["amount"], amount) <= SAME_VALUE:
                b["members"].append(m)
                break
        else:
            buckets.append({"amount": amount, "currency": cur, "members": [m]})
    for b in buckets:
        exact = Counter(m[field] for m in b["members"])
        b["amount"] = max(exact, key=lambda v: (exact[v], ident.precision_digits(v), -v))
        b["votes"] = sum(_weight(m) for m in b["members"])
        b["first"] = min(order_key(m) for m in b["members"])
    buckets.sort(key=lambda b: (-b["votes"], -ident.precision_digits(b["amount"]), b["first"]))
    return buckets


def _names(members: list[dict], field: str) -> list[str]:
    """Union of investor names over sources, most reported first, one spelling each."""
    spellings: dict[str, Counter] = {}
    votes: Counter = Counter()
    first: dict[str, tuple] = {}
    for m in members:
        for name in m.get(field) or []:
            key = ident.person_key(name) or name.lower()
            spellings.setdefault(key, Counter())[name] += 1
            votes[key] += 1
            first.setdefault(key, (order_key(m), len(first)))
            first[key] = min(first[key], (order_key(m), first[key][1]))
    keys = sorted(votes, key=lambda k: (-votes[k], first[k]))
    return [max(spellings[k], key=lambda s: (spellings[k][s], len(s), s)) for k in keys]


def _source_ref(m: dict) -> dict:
    return {"article_id": m["article_id"], "url": m.get("url")}


def canonical(members: list[dict]) -> dict[str, Any]:
    """The `events` row values (without id and timestamps) and the conflicts of a round."""
    members = sorted(members, key=order_key)
    main = [m for m in members if m.get("main")] or members
    names = Counter(m["company"] for m in main)
    first_use = {}
    for i, m in enumerate(main):
        first_use.setdefault(m["company"], i)
    company = max(names, key=lambda n: (names[n], len(ident.company_key(n)), -len(n), -first_use[n]))

    amounts = _value_buckets(members, "amount", "currency")
    chosen = amounts[0] if amounts else None
    vals = _value_buckets(members, "valuation_amount", "valuation_currency")
    rounds = Counter(m.get("round") or "unknown" for m in members if ident.round_specificity(m.get("round")))
    round_first = {r: min(order_key(m) for m in members if (m.get("round") or "unknown") == r) for r in rounds}
    round_order = sorted(rounds, key=lambda r: (-rounds[r], -ident.round_specificity(r), round_first[r]))
    round_label = round_order[0] if round_order else "unknown"

    # A background mention's article is not the round's date: background-only rounds
    # have no announced_on, and convert at their earliest source's rate.
    dated = sorted(
        (m for m in members if ident.parse_day_range(m.get("published"))),
        key=lambda m: (0 if m.get("main") else 1, ident.parse_day_range(m["published"])[0]),
    )
    announced_on = str(dated[0]["published"])[:10] if dated and dated[0].get("main") else None
    rate_day = ident.reference_date(dated[0]["published"]) if dated else None
    amount = chosen["amount"] if chosen else None
    currency = chosen["currency"] if chosen else None
    evidence_from = (chosen["members"] if chosen else main)
    evidence_from = sorted(evidence_from, key=lambda m: (0 if m.get("main") else 1, order_key(m)))
    conflicts: dict[str, Any] = {}
    if len(amounts) > 1:
        conflicts["amount"] = _money_conflict(amounts, rate_day)
    if len(vals) > 1:
        conflicts["valuation"] = _money_conflict(vals, rate_day)
    if len(rounds) > 1:
        conflicts["round"] = [
            {"round": r, "sources": [_source_ref(m) for m in members if (m.get("round") or "unknown") == r]}
            for r in round_order
        ]
    lead_sets: dict[tuple, list[dict]] = {}
    for m in members:
        leads = tuple(sorted({ident.person_key(x) for x in m.get("lead_investors") or []}))
        if leads:
            lead_sets.setdefault(leads, []).append(m)
    if len(lead_sets) > 1:
        conflicts["lead_investors"] = [
            {"lead_investors": list(ms[0].get("lead_investors") or []), "sources": [_source_ref(m) for m in ms]}
            for _, ms in sorted(lead_sets.items(), key=lambda kv: (-len(kv[1]), order_key(kv[1][0])))
        ]
    leads = _names(members, "lead_investors")
    investors = _names([{**m, "investors": list(m.get("lead_investors") or []) + list(m.get("investors") or [])} for m in members], "investors")
    status = max((m.get("status") or "announced" for m in members), key=lambda s: STATUS_RANK.get(s, 0))
    return {
        "company": company,
        "company_key": ident.company_key(company),
        "amount": amount,
        "currency": currency,
        "amount_usd": ident.to_usd(amount, currency, rate_day) if amount else None,
        "round": round_label,
        "extension": 1 if any(m.get("extension") for m in members) else 0,
        "status": status,
        "lead_investors": json.dumps(leads, ensure_ascii=False),
        "investors": json.dumps(investors, ensure_ascii=False),
        "valuation_amount": vals[0]["amount"] if vals else None,
        "valuation_currency": vals[0]["currency"] if vals else None,
        "main": 1 if any(m.get("main") for m in members) else 0,
        "confidence": max((m["confidence"] for m in members if m.get("confidence") is not None), default=None),
        "evidence": evidence_from[0].get("evidence") if evidence_from else None,
        "announced_on": announced_on,
        "source_count": len({m["article_id"] for m in members}),
        "conflicts": json.dumps(conflicts, ensure_ascii=False, sort_keys=True),
    }


def _money_conflict(buckets: list[dict], day: date | None) -> list[dict]:
    top = buckets[0]
    top_usd = ident.to_usd(top["amount"], top["currency"], day)
    out = []
    for b in buckets:
        usd = ident.to_usd(b["amount"], b["currency"], day)
        out.append(
            {
                "amount": b["amount"],
                "currency": b["currency"],
                "amount_usd": round(usd) if usd is not None else None,
                "chosen": b is top,
                # "73 Mio. Euro" beside "$80M": the same money in another currency.
                "same_after_conversion": bool(
                    b is not top
                    and usd is not None
                    and top_usd is not None
                    and b["currency"] != top["currency"]
                    and ident.relative_gap(usd, top_usd) <= ident.AMOUNT_TOLERANCE_FX
                ),
                "sources": [_source_ref(m) for m in b["members"]],
            }
        )
    return out
