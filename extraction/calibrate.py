"""Rebuild `data/confidence.json` from a labelled corpus: `python -m extraction.calibrate CASES.jsonl`.

Each extracted event is labelled 1 when it matches a labelled round of the same company (the
scorer's matching, extraction.evaluation.match) and 0 otherwise. An L2-regularised logistic
regression is fitted on the signals of extraction.confidence. The alert threshold is chosen on
out-of-fold predictions (5 folds by case), so it is not judged on the data each model saw:
the lowest confidence at which main events were real rounds at least 95 % of the time.
numpy is needed here only; the extractor reads the weights with plain Python.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path

TARGET_PRECISION = 0.95
FOLDS = 5
L2 = 1.0
# the shrinkage is chosen by out-of-fold log-loss among these: a few hundred events and two
# dozen signals overfit easily, and the weights must hold on news the corpus does not hold
L2_CHOICES = (0.3, 1.0, 3.0, 10.0, 30.0)
BANDS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001)


def labelled_events(cases: list[dict]) -> list[tuple[str, dict[str, float], bool, int]]:
    """(case id, signals, main, label) for every event the extractor finds in `cases`."""
    from extraction.evaluation import match
    from extraction.pipeline import extract_events

    rows = []
    for case in cases:
        events = extract_events(case.get("text") or "", title=case.get("title"), lang=case.get("lang"))
        matched = {i for i, _ in match([e.as_dict() for e in events], case.get("events") or [])}
        for i, e in enumerate(events):
            rows.append((str(case["id"]), e.signals, e.main, int(i in matched)))
    return rows


def fit(x, y, l2: float = L2):
    """Logistic regression by Newton's method; returns (bias, weights)."""
    import numpy as np

    xb = np.hstack([np.ones((x.shape[0], 1)), x])
    w = np.zeros(xb.shape[1])
    reg = np.eye(xb.shape[1]) * l2
    reg[0, 0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (p - y) + reg @ w
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def threshold_for(probs, labels, mains, target: float = TARGET_PRECISION) -> float:
    """The lowest threshold whose main events reach `target` precision (and every higher one)."""
    pairs = sorted(((p, y) for p, y, m in zip(probs, labels, mains) if m), reverse=True)
    best, hits = 1.0, 0
    for n, (p, y) in enumerate(pairs, start=1):
        hits += y
        if hits / n >= target:
            best = p
        elif n >= 20:
            break  # below this, precision only gets worse in practice
    return round(best, 3)


def band_table(probs, labels) -> list[dict]:
    out = []
    for lo, hi in zip(BANDS, BANDS[1:]):
        sel = [y for p, y in zip(probs, labels) if lo <= p < hi]
        out.append({"band": f"{lo:.1f}-{min(hi, 1.0):.1f}", "events": len(sel),
                    "precision": round(sum(sel) / len(sel), 3) if sel else None})
    return out


def main(argv: list[str] | None = None) -> int:
    import numpy as np

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cases", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="default: the package's data/confidence.json")
    args = parser.parse_args(argv)
    cases = [json.loads(line) for line in args.cases.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = labelled_events(cases)
    names = sorted(rows[0][1]) if rows else []
    x = np.array([[r[1][n] for n in names] for r in rows], dtype=float)
    y = np.array([r[3] for r in rows], dtype=float)
    mains = [r[2] for r in rows]
    # out-of-fold probabilities: folds by case, so one article's events never sit on both sides
    ids = sorted({r[0] for r in rows})
    fold_of = {cid: k % FOLDS for k, cid in enumerate(ids)}

    def out_of_fold(l2: float):
        oof = np.zeros(len(rows))
        for k in range(FOLDS):
            test = np.array([fold_of[r[0]] == k for r in rows])
            bias, w = fit(x[~test], y[~test], l2)
            oof[test] = 1 / (1 + np.exp(-np.clip(bias + x[test] @ w, -30, 30)))
        return oof

    def log_loss(p) -> float:
        p = np.clip(p, 1e-6, 1 - 1e-6)
        return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))

    folds = {l2: out_of_fold(l2) for l2 in L2_CHOICES}
    losses = {l2: log_loss(p) for l2, p in folds.items()}
    l2 = min(losses, key=losses.get)
    oof = folds[l2]
    threshold = threshold_for(oof.tolist(), y.tolist(), mains)
    bias, w = fit(x, y, l2)
    model = {
        "_comment": "Built by `python -m extraction.calibrate` from a labelled corpus; do not edit by hand.",
        "corpus": args.cases.name, "events": len(rows), "real_rounds": int(y.sum()),
        "l2": l2, "out_of_fold_log_loss": {str(k): round(v, 4) for k, v in losses.items()},
        "bias": round(bias, 4), "weights": {n: round(float(v), 4) for n, v in zip(names, w)},
        "alert_threshold": threshold,
        "out_of_fold_bands": band_table(oof.tolist(), y.tolist()),
    }
    out = args.out or Path(str(resources.files("extraction").joinpath("data/confidence.json")))
    out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} events, {int(y.sum())} real rounds; L2 {l2} (out-of-fold log-loss "
          f"{losses[l2]:.4f}); alert threshold {threshold} -> {out}")
    for row in model["out_of_fold_bands"]:
        print(f"  confidence {row['band']}: {row['events']:4d} events, precision {row['precision']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
