"""Calibrated confidence: the model, the alert gate, `events list --all`, and eval's bands."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import click
from click.testing import CliRunner
from support_events import art, ev

from alerts.filters import skip_reason
from alerts.targets import AlertTarget
from extraction import extract_events
from extraction.calibrate import band_table, threshold_for
from extraction.confidence import alert_threshold, model
from extraction.evaluation import format_report, score
from flows import cli_events
from storage import open_db
from storage.events import record_article_events

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_shipped_model_is_a_fitted_one():
    m = model()
    assert m["weights"] and 0.5 < m["alert_threshold"] <= 1.0
    assert m["events"] > 100  # fitted on a labelled corpus, not typed in


def test_a_direct_report_is_surer_than_a_pronoun_in_a_round_up():
    direct = extract_events("Zorvanta, the Berlin fintech startup, raised $20 million in a Series B round "
                            "led by Northwind Capital, with participation from Elmstead Partners. Zorvanta "
                            "will use the money to hire 50 people. Zorvanta was founded in 2019.",
                            title="Zorvanta raises $20M Series B", lang="en")
    assert len(direct) == 1 and direct[0].confidence >= alert_threshold()
    # the same round told through a pronoun, among other companies' rounds, is less sure
    roundup = extract_events("Quellbar raised $3 million. Lindgrun raised $2 million. It raised $20 million "
                             "in a Series B round.", title="Funding this week", lang="en")
    pronoun = [e for e in roundup if e.amount == 20_000_000]
    assert len(pronoun) == 1 and pronoun[0].confidence < alert_threshold() < direct[0].confidence


def test_below_the_threshold_is_stored_but_not_alerted():
    event = {"company": "Zorvanta", "main": 1, "announced_on": "2026-01-01", "first_seen": "2026-01-01T00:00:00Z",
             "confidence": alert_threshold() - 0.05}
    reason = skip_reason(AlertTarget.from_mapping({"url": "json://h/p"}), event, "new", NOW)
    assert reason and "below min_confidence" in reason
    lenient = AlertTarget.from_mapping({"url": "json://h/p", "min_confidence": 0.5})
    assert skip_reason(lenient, event, "new", NOW) is None


def test_min_confidence_is_checked_at_load():
    for bad in (1.5, -0.1, "high", True):
        try:
            AlertTarget.from_mapping({"url": "json://h/p", "min_confidence": bad})
        except ValueError as exc:
            assert str(exc).startswith("min_confidence:")
        else:
            raise AssertionError(f"{bad!r} accepted")


def test_events_list_hides_uncertain_rounds_unless_all(tmp_path):
    db_path = tmp_path / "fw.db"
    db = open_db(db_path)
    record_article_events(db, art("en-1", "2025-12-30", "en"), [ev("Zorvanta", 20_000_000, "USD", confidence=0.99)], now=NOW)
    record_article_events(db, art("en-2", "2025-12-30", "en"), [ev("Quellbar", 5_000_000, "EUR", confidence=0.3)], now=NOW)
    db.conn.close()
    config = tmp_path / "fundwatch.toml"
    config.write_text(f'[storage]\ndb = "{db_path}"\n', encoding="utf-8")
    group = click.Group("fundwatch")
    cli_events.register(group)
    default = CliRunner().invoke(group, ["events", "list", "--config", str(config)], catch_exceptions=False)
    assert "Zorvanta" in default.output and "Quellbar" not in default.output
    assert "1 less certain round" in default.output and "--all" in default.output
    everything = CliRunner().invoke(group, ["events", "list", "--all", "--config", str(config)], catch_exceptions=False)
    assert "Zorvanta" in everything.output and "Quellbar" in everything.output


def test_threshold_is_the_lowest_that_keeps_95_percent():
    probs = [0.99, 0.97, 0.95, 0.9, 0.85, 0.8, 0.7]
    labels = [1, 1, 1, 1, 1, 0, 0]
    assert threshold_for(probs, labels, [True] * 7) == 0.85
    assert [b["events"] for b in band_table(probs, labels)] == [0, 0, 0, 1, 2, 4]


def test_eval_prints_precision_by_band_and_alert_precision():
    cases = [{"id": "a", "lang": "en", "kind": "funding", "events": [{"company": "Zorvanta", "main": True}]}]
    preds = {"a": [{"company": "Zorvanta", "main": True, "confidence": 0.95},
                   {"company": "Nobody", "main": True, "confidence": 0.6}]}
    report = score(cases, preds, threshold=0.9)
    assert report["all"]["alert_events"] == 1 and report["all"]["alert_precision"] == 1.0
    assert report["all"]["confidence_bands"]["0.5-0.7"] == {"events": 1, "precision": 0.0}
    text = format_report(report)
    assert "alerts (main events at confidence >= 0.9): 1 events, precision 1.000" in text
    json.dumps(report)  # --json stays serialisable


def test_alerts_of_kana_and_hangul_names_count_as_real_rounds():
    # the shared scorer's names drop kana and hangul; whether an alert was a real round does not
    cases = [{"id": "k", "lang": "ko", "kind": "funding", "events": [{"company": "누리랩스", "main": True}]}]
    preds = {"k": [{"company": "누리랩스", "main": True, "confidence": 0.97}]}
    report = score(cases, preds, threshold=0.9)
    assert report["all"]["alert_events"] == 1 and report["all"]["alert_precision"] == 1.0


def test_frozen_rows_of_unseen_news_read_back_as_recorded(tmp_path):
    from extraction.calibrate import freeze, labelled_events, unseen_rows

    case = {"id": "u1", "lang": "en", "kind": "funding", "title": None,
            "text": "Quillmoor, a Leeds-based payroll startup, raised $4 million in a seed round led by Fernhill Ventures.",
            "events": [{"company": "Quillmoor", "main": True}]}
    blind = tmp_path / "blind-set.jsonl"
    blind.write_text(json.dumps(case) + "\n", encoding="utf-8")
    rows_file = tmp_path / "rows.jsonl"
    assert freeze([blind], rows_file) == 1
    frozen = unseen_rows(rows_file)
    live = labelled_events([case])
    assert [(cid, main, label) for cid, _, main, label in frozen] == [("blind-set/u1", True, 1)]
    assert frozen[0][1] == live[0][1]  # the same signals, by name


def test_shipped_model_was_fitted_with_unseen_news():
    from importlib import resources

    from extraction.calibrate import UNSEEN, unseen_rows

    rows = unseen_rows(resources.files("extraction").joinpath(UNSEEN))
    m = model()
    assert m["unseen_events"] == len(rows) > 100
    assert set(rows[0][1]) == set(m["weights"])  # recorded with the signals the model weighs


def test_a_set_written_later_is_added_to_the_frozen_rows_with_its_own_commit(tmp_path):
    from extraction.calibrate import freeze, unseen_rows

    def blind(name, company):
        path = tmp_path / f"{name}.jsonl"
        case = {"id": "c1", "lang": "en", "kind": "funding", "title": None,
                "text": f"{company}, a Lisbon-based logistics startup, raised $6 million in a seed round led by Tagus Capital.",
                "events": [{"company": company, "main": True}]}
        path.write_text(json.dumps(case) + "\n", encoding="utf-8")
        return path

    rows_file = tmp_path / "rows.jsonl"
    freeze([blind("first", "Corvelo")], rows_file)
    freeze([blind("second", "Arrastra")], rows_file)
    freeze([blind("second", "Arrastra")], rows_file)  # recorded anew, not twice
    assert sorted(cid for cid, *_ in unseen_rows(rows_file)) == ["first/c1", "second/c1"]
    assert set(json.loads(rows_file.read_text(encoding="utf-8").splitlines()[0])["sets"]) == {"first", "second"}
