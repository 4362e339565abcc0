"""Scoring of predicted funding events against labelled cases.

The metric is the one of the shared corpus scorer (corpus README, "How extraction
is scored"), implemented here so that `fundwatch eval` and the quality gate work in
any checkout: events match by company name (case, accents, punctuation and legal
suffixes ignored; containment counts), precision over all predictions, recall over
`main` events, strict scores that also need the amount, field accuracies on matched
pairs, and the false-alarm rate on negative cases.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable

LEGAL = {
    "inc", "ltd", "limited", "gmbh", "ag", "se", "sa", "sas", "sarl", "llc", "corp", "corporation",
    "co", "plc", "bv", "nv", "group", "holding", "holdings", "ug", "kg", "gmbhcokg", "pte", "oy",
    "ab", "as", "aps", "spa", "srl", "sl", "the", "company",
}
GOLD_FIELDS = ("company", "amount", "currency", "round", "lead_investors", "investors", "valuation")


def norm_name(name: object) -> str:
    if not name:
        return ""
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"\(.*?\)", " ", s)
    words = re.findall(r"[a-z0-9\u4e00-\u9fff]+", s)
    words = [w for w in words if w not in LEGAL] or words
    return "".join(words)


# Names in Hangul or kana have no letter norm_name keeps, so the shared scorer can never match
# them. Korean and Japanese are also scored with this normaliser, in a line of their own (see
# `native_script_report`); the figures of the shared scorer stay as they are.
NATIVE_SCRIPT_LANGS = ("ja", "ko")
_NATIVE_DROP = re.compile(r"[\W_]+")
# Japanese and Korean legal forms and the separators of transcribed names ("ジュール・ラブズ")
_NATIVE_LEGAL = re.compile(r"株式会社|有限会社|合同会社|㈱|\(주\)|㈜|주식회사")


def norm_name_native(name: object) -> str:
    """norm_name for names in any script: NFC, casefold, legal forms, brackets, spaces and
    punctuation dropped ("スマートニュース株式会社" -> "スマートニュース", "당근 마켓" -> "당근마켓")."""
    if not name:
        return ""
    s = unicodedata.normalize("NFC", str(name)).casefold()
    s = re.sub(r"\(.*?\)", " ", _NATIVE_LEGAL.sub(" ", s))
    words = [w for w in _NATIVE_DROP.split(s) if w]
    words = [w for w in words if w not in LEGAL] or words
    return "".join(words)


def name_score(pred: object, gold_names: Iterable[object], norm: Callable[[object], str] = norm_name) -> float:
    p = norm(pred)
    if not p:
        return 0.0
    best = 0.0
    for gold in gold_names:
        g = norm(gold)
        if not g:
            continue
        if p == g:
            return 1.0
        if min(len(p), len(g)) >= 4 and (p in g or g in p):
            best = max(best, 0.9)
        best = max(best, difflib.SequenceMatcher(None, p, g).ratio())
    return best if best >= 0.85 else 0.0


def amount_ok(pred: tuple, gold: dict) -> bool:
    pa, pc = pred
    if gold.get("amount") is None:
        return pa is None
    if pa is None:
        return False
    alts = [(gold.get("amount"), gold.get("currency"))] + [
        (a.get("amount"), a.get("currency")) for a in gold.get("alt_amounts") or []]
    for ga, gc in alts:
        if ga is not None and (pc or "").upper() == (gc or "").upper() and \
                abs(float(pa) - float(ga)) <= 0.02 * float(ga):
            return True
    return False


def value_ok(pred_val: dict | None, gold_val: dict | None) -> bool:
    if not gold_val or gold_val.get("amount") is None:
        return not pred_val or pred_val.get("amount") is None
    if not pred_val or pred_val.get("amount") is None:
        return False
    for g in [gold_val, *(gold_val.get("alt") or [])]:
        if (pred_val.get("currency") or "").upper() == (g.get("currency") or "").upper() and \
                abs(float(pred_val["amount"]) - float(g["amount"])) <= 0.05 * float(g["amount"]):
            return True
    return False


def names_prf(pred_names: list | None, gold_names: list | None,
              norm: Callable[[object], str] = norm_name) -> tuple[int, int, int]:
    gold_left = list(gold_names or [])
    tp = 0
    for p in pred_names or []:
        for i, g in enumerate(gold_left):
            if name_score(p, [g], norm) > 0:
                tp += 1
                del gold_left[i]
                break
    return tp, len(pred_names or []), len(gold_names or [])


def match(preds: list[dict], golds: list[dict], norm: Callable[[object], str] = norm_name) -> list[tuple[int, int]]:
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(golds):
            s = name_score(p.get("company"), [g.get("company"), *(g.get("aliases") or [])], norm)
            if s:
                bonus = 0.5 if amount_ok((p.get("amount"), p.get("currency")), g) else 0.0
                pairs.append((s + bonus, i, j))
    pairs.sort(reverse=True)
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out


def _div(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def _f1(p: float | None, r: float | None) -> float:
    return round(2 * p * r / (p + r), 4) if p and r else 0.0


def _report(c: dict[str, int]) -> dict:
    p, r = _div(c["pred_matched"], c["pred"]), _div(c["gold_main_matched"], c["gold_main"])
    sp, sr = _div(c["pred_strict"], c["pred"]), _div(c["gold_main_strict"], c["gold_main"])
    return {
        "cases": c["cases"], "gold_main_events": c["gold_main"], "gold_all_events": c["gold_all"],
        "pred_events": c["pred"], "precision": p, "recall_main": r, "f1": _f1(p, r),
        "recall_all": _div(c["gold_all_matched"], c["gold_all"]),
        "strict_precision": sp, "strict_recall_main": sr, "strict_f1": _f1(sp, sr),
        "amount_acc": _div(c["amount_ok"], c["matched"]), "round_acc": _div(c["round_ok"], c["matched"]),
        "lead_p": _div(c["lead_tp"], c["lead_pred"]), "lead_r": _div(c["lead_tp"], c["lead_gold"]),
        "investor_p": _div(c["inv_tp"], c["inv_pred"]), "investor_r": _div(c["inv_tp"], c["inv_gold"]),
        "valuation_acc": _div(c["val_ok"], c["matched"]),
        "negative_cases": c["neg_cases"],
        "negative_false_alarm_rate": _div(c["neg_fp_cases"], c["neg_cases"]),
        "alert_events": c["alert"], "alert_precision": _div(c["alert_real"], c["alert"]),
        "confidence_bands": {name: {"events": c[f"band_{name}"],
                                    "precision": _div(c[f"band_{name}_real"], c[f"band_{name}"])}
                             for name in (_band(lo) for lo, _ in BANDS)},
    }


BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def _band(conf: float) -> str:
    lo, hi = next(b for b in BANDS if b[0] <= conf < b[1] or b == BANDS[-1])
    return f"{lo:.1f}-{min(hi, 1.0):.1f}"


def real_rounds(preds: list[dict], golds: list[dict], lang: str | None,
                norm: Callable[[object], str] = norm_name) -> set[int]:
    """The predictions that are real rounds: those matched to a labelled event by company name.
    Whether a round is real does not depend on the script: a kana or hangul name, which the shared
    normaliser drops, is compared as written (the confidence bands, the alerts, the calibration)."""
    return {i for i, _ in match(preds, golds, norm_name_native if lang in NATIVE_SCRIPT_LANGS else norm)}


def score(cases: list[dict], preds_by_id: dict[str, list[dict]], errors: list | None = None,
          threshold: float | None = None, norm: Callable[[object], str] = norm_name) -> dict:
    """Per-language and overall ("all") metrics; misses and false positives go to `errors`.
    `norm` normalises company and investor names before they are compared.

    Also precision by confidence band, and alert precision: of the main events at or above
    `threshold` (the shipped default alert threshold), how many are real rounds."""
    if threshold is None:
        from extraction.confidence import alert_threshold
        threshold = alert_threshold()
    tallies: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for case in cases:
        pred = preds_by_id.get(str(case["id"]), [])
        golds = case.get("events") or []
        keys = ("all", case.get("lang", "?"))
        for k in keys:
            t = tallies[k]
            t["cases"] += 1
            t["pred"] += len(pred)
            t["gold_all"] += len(golds)
            t["gold_main"] += sum(1 for g in golds if g.get("main", True))
            if case.get("kind") == "negative":
                t["neg_cases"] += 1
                t["neg_fp_cases"] += bool(pred)
        pairs = match(pred, golds, norm)
        matched_preds = real_rounds(pred, golds, case.get("lang"), norm)
        for i, p in enumerate(pred):
            conf, real = float(p.get("confidence") or 0.0), i in matched_preds
            band = _band(conf)
            alert = bool(p.get("main", True)) and conf >= threshold
            for k in keys:
                t = tallies[k]
                t[f"band_{band}"] += 1
                t[f"band_{band}_real"] += int(real)
                t["alert"] += int(alert)
                t["alert_real"] += int(alert and real)
        for i, j in pairs:
            p, g = pred[i], golds[j]
            a_ok = amount_ok((p.get("amount"), p.get("currency")), g)
            checks = {
                "amount_ok": a_ok,
                "round_ok": (p.get("round") or "unknown").lower() == (g.get("round") or "unknown").lower(),
                "val_ok": value_ok(p.get("valuation"), g.get("valuation")),
            }
            lead = names_prf(p.get("lead_investors"), g.get("lead_investors"), norm)
            inv = names_prf(p.get("investors"), g.get("investors"), norm)
            for k in keys:
                t = tallies[k]
                t["matched"] += 1
                t["pred_matched"] += 1
                t["gold_all_matched"] += 1
                if g.get("main", True):
                    t["gold_main_matched"] += 1
                if a_ok:
                    t["pred_strict"] += 1
                    if g.get("main", True):
                        t["gold_main_strict"] += 1
                for name, ok in checks.items():
                    t[name] += int(ok)
                for prefix, (tp, npred, ngold) in (("lead", lead), ("inv", inv)):
                    t[f"{prefix}_tp"] += tp
                    t[f"{prefix}_pred"] += npred
                    t[f"{prefix}_gold"] += ngold
            if errors is not None and not all(checks.values()):
                errors.append({"id": case["id"], "kind": "field", "pred": p,
                               "gold": {k: g.get(k) for k in GOLD_FIELDS},
                               "wrong": [k for k, v in checks.items() if not v]})
        if errors is not None:
            used_p = {i for i, _ in pairs}
            used_g = {j for _, j in pairs}
            for i, p in enumerate(pred):
                if i not in used_p:
                    errors.append({"id": case["id"], "kind": "false_positive", "pred": p})
            for j, g in enumerate(golds):
                if j not in used_g and g.get("main", True):
                    errors.append({"id": case["id"], "kind": "missed",
                                   "gold": {k: g.get(k) for k in ("company", "amount", "currency", "round")}})
    return {k: {**_report(v), "alert_threshold": threshold} for k, v in sorted(tallies.items())}


def predict(cases: list[dict], extract: Callable[..., list] | None = None) -> dict[str, list[dict]]:
    """The extractor's events for each case, by case id."""
    if extract is None:
        from extraction.pipeline import extract_events as extract
    preds = {}
    for case in cases:
        events = extract(case.get("text") or "", title=case.get("title"), lang=case.get("lang"),
                         published=case.get("published"))
        preds[str(case["id"])] = [e.as_dict() if hasattr(e, "as_dict") else e for e in events]
    return preds


def evaluate(cases: list[dict], extract: Callable[..., list] | None = None,
             errors: list | None = None) -> dict:
    """Run the extractor over labelled cases and score it."""
    return score(cases, predict(cases, extract), errors)


def native_script_report(cases: list[dict], preds_by_id: dict[str, list[dict]]) -> dict:
    """Korean and Japanese scored with names compared in their own script (`norm_name_native`):
    what the shared scorer cannot see. Its own figures, never mixed into `score`'s."""
    own = [c for c in cases if c.get("lang") in NATIVE_SCRIPT_LANGS]
    report = score(own, preds_by_id, norm=norm_name_native) if own else {}
    return {k: v for k, v in report.items() if k != "all"}


def format_native_report(report: dict) -> str:
    """One labelled line per language of `native_script_report`."""
    def cell(v: object) -> str:
        return "-" if v is None else f"{v:.3f}"
    return "\n".join(
        f"{lang} with names in their own script (NFC; not the shared scorer): P {cell(r['precision'])}  "
        f"R {cell(r['recall_main'])}  F1 {cell(r['f1'])}  sF1 {cell(r['strict_f1'])}  "
        f"invR {cell(r['investor_r'])}  negFA {cell(r['negative_false_alarm_rate'])}"
        for lang, r in sorted(report.items()))


COLUMNS = [("cases", "cases"), ("P", "precision"), ("R", "recall_main"), ("F1", "f1"),
           ("sF1", "strict_f1"), ("amount", "amount_acc"), ("round", "round_acc"),
           ("leadP", "lead_p"), ("leadR", "lead_r"), ("invP", "investor_p"), ("invR", "investor_r"),
           ("val", "valuation_acc"), ("negFA", "negative_false_alarm_rate")]


def format_report(report: dict) -> str:
    """A fixed-width table, one row per language and "all" last."""
    def cell(v: object) -> str:
        if v is None:
            return "-"
        return f"{v:.3f}" if isinstance(v, float) else str(v)
    rows = [["lang", *[h for h, _ in COLUMNS]]]
    for lang in sorted(report, key=lambda k: (k == "all", k)):
        rows.append([lang, *[cell(report[lang].get(key)) for _, key in COLUMNS]])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in rows]
    overall = report.get("all")
    if overall and "confidence_bands" in overall:
        lines.append("")
        lines.append("confidence  events  precision (share that are real rounds)")
        for name, band in overall["confidence_bands"].items():
            lines.append(f"{name:>10}  {band['events']:6d}  {cell(band['precision'])}")
        lines.append(f"alerts (main events at confidence >= {overall['alert_threshold']}): "
                     f"{overall['alert_events']} events, precision {cell(overall['alert_precision'])}")
    return "\n".join(lines)


def format_errors(errors: list[dict]) -> str:
    return "\n".join(json.dumps(e, ensure_ascii=False) for e in errors)
