"""How well reports are grouped into rounds, against labelled `group` ids.

Every case is recorded as one article into a fresh in-memory database through
`record_article_events`, exactly as the flows do; then each stored mention is
mapped back to the labelled event it reports and the resulting rounds are
compared with the labelled ones (a `group` id shared by reports of one real
round; an event without one is a round of its own):

- pairwise precision / recall of the "same round" decisions over all pairs of
  mentions, and their B-cubed counterparts (per mention, averaged);
- rows per real round: stored rounds / labelled rounds among the mentions, and
  for labelled groups alone the mean number of rows each became.

Two sources of events: `gold` records the labelled events themselves, which
isolates the grouping rule from extraction errors; `extracted` records what
`extraction.extract_events` finds (predictions matched to labelled events the
way ../shared/tools/score.py matches them; a prediction that matches nothing is
a round of its own, so merging it into a real round costs precision).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from itertools import combinations
from typing import Any

from extraction.evaluation import match
from storage.events import ArticleRef, record_article_events

FIXED_NOW = datetime(2026, 1, 1, tzinfo=UTC)


# ------------------------------------------------- matching as the extraction scorer does
def match_events(preds: list[dict], golds: list[dict]) -> list[tuple[int, int]]:
    """(prediction index, gold index) pairs, matched exactly as the extraction scorer does."""
    return sorted(match(preds, golds))


# ------------------------------------------------- recording
def gold_as_extraction(event: dict) -> dict:
    """A labelled event in the shape the extractor returns."""
    valuation = event.get("valuation") or None
    return {
        "company": event.get("company"),
        "amount": event.get("amount"),
        "currency": event.get("currency"),
        "round": event.get("round") or "unknown",
        "extension": bool(event.get("extension")),
        "status": event.get("status") or "announced",
        "lead_investors": list(event.get("lead_investors") or []),
        "investors": list(event.get("investors") or []),
        "valuation": {"amount": valuation.get("amount"), "currency": valuation.get("currency")} if valuation else None,
        "main": bool(event.get("main", True)),
        "confidence": 1.0,
        "evidence": event.get("amount_text"),
    }


def _extract(case: dict) -> list[dict]:
    from extraction import extract_events

    found = extract_events(case.get("text") or "", title=case.get("title"), lang=case.get("lang"), published=case.get("published"))
    return [e.as_dict() if hasattr(e, "as_dict") else dict(e) for e in found]


def _ref(case: dict) -> ArticleRef:
    return ArticleRef(
        id=str(case["id"]),
        url=case.get("url") or f"case:{case['id']}",
        title=case.get("title"),
        published=case.get("published"),
        lang=case.get("lang"),
        text=case.get("text"),
    )


def _stored_rounds(db, article_id: str) -> dict[int, int]:
    """event_index -> round id for an article (through the article it copies, if any)."""
    row = db.execute("select duplicate_of from event_articles where article_id = ?", [article_id]).fetchone()
    source = (row[0] if row else None) or article_id
    return {
        r[0]: r[1]
        for r in db.execute("select event_index, event_id from event_sources where article_id = ?", [source]).fetchall()
    }


def _items(cases: list[dict], source: str) -> tuple[list[tuple[str, str, int]], dict[str, int]]:
    """(mention id, labelled round, stored round) for every mention, plus counts."""
    from storage import open_db

    db = open_db(":memory:")
    counts = defaultdict(int)
    recorded: list[tuple[dict, list[dict]]] = []
    for case in cases:
        golds = list(case.get("events") or [])
        preds = [gold_as_extraction(g) for g in golds] if source == "gold" else _extract(case)
        record_article_events(db, _ref(case), preds, now=FIXED_NOW)
        recorded.append((case, preds))
    items = []
    for case, preds in recorded:
        cid = str(case["id"])
        golds = list(case.get("events") or [])
        rounds = _stored_rounds(db, cid)
        if source == "gold":
            pairs = [(i, i) for i in range(len(golds))]
        else:
            pairs = match_events(preds, golds)
        matched = {i for i, _ in pairs}
        for i, j in pairs:
            if i in rounds:
                items.append((f"{cid}#{i}", golds[j].get("group") or f"{cid}#gold{j}", rounds[i]))
        for i in range(len(preds)):
            if i not in matched and i in rounds:
                counts["unmatched_predictions"] += 1
                items.append((f"{cid}#{i}", f"{cid}#spurious{i}", rounds[i]))
        counts["predictions"] += len(preds)
        counts["gold_events"] += len(golds)
        counts["matched"] += len(pairs)
    db.conn.close()
    return items, dict(counts)


# ------------------------------------------------- metrics
def _scores(items: list[tuple[str, str, int]]) -> dict[str, Any]:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for item, gold, pred in items:
        by_gold[gold].add(item)
        by_pred[pred].add(item)
    gold_of = {i: g for i, g, _ in items}
    pred_of = {i: p for i, _, p in items}
    tp = fp = fn = 0
    wrong, missed = [], []
    for (a, ga, pa), (b, gb, pb) in combinations(sorted(items), 2):
        if pa == pb and ga == gb:
            tp += 1
        elif pa == pb:
            fp += 1
            wrong.append((a, b))
        elif ga == gb:
            fn += 1
            missed.append((a, b))
    n = len(items) or 1
    b3p = sum(len(by_pred[pred_of[i]] & by_gold[gold_of[i]]) / len(by_pred[pred_of[i]]) for i, _, _ in items) / n
    b3r = sum(len(by_pred[pred_of[i]] & by_gold[gold_of[i]]) / len(by_gold[gold_of[i]]) for i, _, _ in items) / n
    groups = {g: ms for g, ms in by_gold.items() if len(ms) > 1}
    rows_per_group = [len({pred_of[i] for i in ms}) for ms in groups.values()]

    def ratio(a, b):
        return round(a / b, 4) if b else 1.0

    return {
        "mentions": len(items),
        "labelled_rounds": len(by_gold),
        "stored_rounds": len(by_pred),
        "rows_per_real_round": ratio(len(by_pred), len(by_gold)),
        "multi_source_rounds": len(groups),
        "rows_per_multi_source_round": ratio(sum(rows_per_group), len(rows_per_group)),
        "pairwise_precision": ratio(tp, tp + fp),
        "pairwise_recall": ratio(tp, tp + fn),
        "same_round_pairs": tp + fn,
        "bcubed_precision": round(b3p, 4),
        "bcubed_recall": round(b3r, 4),
        "wrong_merges": wrong,
        "missed_merges": missed,
    }


def evaluate_dedup(cases: list[dict], source: str = "both") -> dict[str, Any]:
    """Group the events of `cases` and score against their `group` ids.

    source: "gold" (labelled events), "extracted" (extraction.extract_events) or
    "both". The extracted part reports an "error" when the extractor is missing.
    """
    report: dict[str, Any] = {"cases": len(cases)}
    modes = ("gold", "extracted") if source == "both" else (source,)
    for mode in modes:
        try:
            items, counts = _items(cases, mode)
        except ImportError as exc:
            report[mode] = {"error": f"extractor not available: {exc}"}
            continue
        report[mode] = {**_scores(items), **counts}
    return report


def format_dedup_report(report: dict[str, Any], show_errors: int = 10) -> str:
    """A readable summary of `evaluate_dedup`'s report."""
    lines = [f"dedup evaluation over {report.get('cases', 0)} cases"]
    for mode in ("gold", "extracted"):
        part = report.get(mode)
        if part is None:
            continue
        title = "labelled events" if mode == "gold" else "extracted events"
        lines.append(f"\n[{mode}] {title}")
        if "error" in part:
            lines.append(f"  {part['error']}")
            continue
        lines += [
            f"  pairwise  precision {part['pairwise_precision']:.3f}  recall {part['pairwise_recall']:.3f}"
            f"  ({part['same_round_pairs']} same-round pairs)",
            f"  B-cubed   precision {part['bcubed_precision']:.3f}  recall {part['bcubed_recall']:.3f}",
            f"  rows per real round {part['rows_per_real_round']:.3f}"
            f"  ({part['stored_rounds']} rows for {part['labelled_rounds']} rounds, {part['mentions']} mentions)",
            f"  rows per multi-source round {part['rows_per_multi_source_round']:.3f}"
            f"  ({part['multi_source_rounds']} rounds reported more than once)",
        ]
        if mode == "extracted":
            lines.append(
                f"  predictions {part.get('predictions', 0)}, matched to labels {part.get('matched', 0)}"
                f" of {part.get('gold_events', 0)}, unmatched {part.get('unmatched_predictions', 0)}"
            )
        for name in ("wrong_merges", "missed_merges"):
            pairs = part.get(name) or []
            if pairs and show_errors:
                lines.append(f"  {name.replace('_', ' ')}: " + ", ".join(f"{a}~{b}" for a, b in pairs[:show_errors]))
    return "\n".join(lines)
