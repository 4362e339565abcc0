"""Recording articles: one row per real round across outlets, languages and copies."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from support_events import art, ev, outbox_spy, snapshot, wire_text  # noqa: F401

from storage import open_db
from storage.events import ArticleRef, export_events, get_event, list_events, record_article_events

NOW = datetime(2026, 1, 1, tzinfo=UTC)
B = 1_000_000_000
M = 1_000_000


def record(db, ref, events):
    return record_article_events(db, ref, events, now=NOW)


def senses(db):
    """The issue's example: one Series C reported in English, German and Chinese."""
    results = [
        record(db, art("en-1", "2018-04-09", "en"), [
            ev("SenseTime", 600 * M, "USD", "series_c", lead=["Alibaba"], investors=["Alibaba", "Temasek"],
               valuation={"amount": 3 * B, "currency": "USD"}, evidence="raised $600 million"),
        ]),
        record(db, art("de-1", "2018-04-10", "de"), [
            ev("SenseTime Group Ltd.", 600 * M, "USD", "unknown", investors=["Alibaba", "Suning"],
               valuation={"amount": 4_500_000_000, "currency": "USD"}, evidence="600 Millionen US-Dollar"),
            ev("SenseTime", 410 * M, "USD", main=False, evidence="2017: 410 Millionen"),
        ]),
        record(db, art("zh-1", "2018-04-11", "zh"), [
            ev("SenseTime", 600 * M, "USD", "series_c", lead=["阿里巴巴"], evidence="6亿美元"),
        ]),
    ]
    return results


def test_one_round_from_three_languages_with_conflicts(fresh_db, outbox_spy):
    results = senses(fresh_db)
    rounds = list_events(fresh_db, company="sensetime")
    assert len(rounds) == 2  # the Series C, and the 2017 round the German article mentions
    c = next(r for r in rounds if r["amount"] == 600 * M)
    assert results[0].new_event_ids == [c["id"]]
    assert c["id"] in results[1].updated_event_ids and c["id"] in results[2].updated_event_ids
    event = get_event(fresh_db, c["id"])
    assert event["source_count"] == 3
    assert [s["article_id"] for s in event["sources"]] == ["en-1", "de-1", "zh-1"]
    assert {s["lang"] for s in event["sources"]} == {"en", "de", "zh"}
    assert event["round"] == "series_c"  # two say Series C, one just "a round"
    assert event["company"] == "SenseTime"
    assert event["lead_investors"][0] == "Alibaba"
    assert {"Alibaba", "Temasek", "Suning"} <= set(event["investors"])
    # valuations differ: kept, both visible, one chosen
    vals = event["conflicts"]["valuation"]
    assert {v["amount"] for v in vals} == {3 * B, 4_500_000_000}
    assert sum(v["chosen"] for v in vals) == 1
    # "a round" is no disagreement with "Series C"; two different leads' spellings are
    assert "round" not in event["conflicts"] and "lead_investors" in event["conflicts"]
    de = next(s for s in event["sources"] if s["article_id"] == "de-1")
    assert de["round"] == "unknown" and de["evidence"] == "600 Millionen US-Dollar"
    # one "new" alert for the round; none for the background mention
    assert outbox_spy.kinds(c["id"]).count("new") == 1
    old = next(r for r in rounds if r["amount"] == 410 * M)
    assert not old["main"] and outbox_spy.kinds(old["id"]) == []
    assert old["announced_on"] is None


def test_rounds_of_one_company_stay_apart(fresh_db, outbox_spy):
    record(fresh_db, art("a", "2017-07-11"), [ev("SenseTime", 410 * M, "USD")])
    record(fresh_db, art("b", "2018-04-09"), [ev("SenseTime", 600 * M, "USD", "series_c")])
    record(fresh_db, art("c", "2018-05-31"), [ev("SenseTime", 620 * M, "USD", "series_c", extension=True)])
    record(fresh_db, art("d", "2018-06-01", "de"), [ev("Sensetime", 620 * M, "USD", "series_c", extension=True)])
    rows = list_events(fresh_db)
    assert sorted((r["amount"], r["source_count"]) for r in rows) == [(410 * M, 1), (600 * M, 1), (620 * M, 2)]
    assert [r["announced_on"] for r in rows] == ["2018-05-31", "2018-04-09", "2017-07-11"]  # newest first
    # the second report of the extension adds no fact: no alert
    assert [k for _, k in outbox_spy.calls] == ["new", "new", "new"]


def test_same_money_in_two_currencies(fresh_db):
    record(fresh_db, art("de-x", "2020-05-26", "de"), [ev("Scanditz", 73 * M, "EUR", "series_c", lead=["G2VP"])])
    record(fresh_db, art("en-x", "2020-05-27", "en"), [ev("Scanditz AG", 80 * M, "USD")])
    (row,) = list_events(fresh_db)
    event = get_event(fresh_db, row["id"])
    assert event["source_count"] == 2
    amounts = {(c["currency"], c["same_after_conversion"]) for c in event["conflicts"]["amount"]}
    assert len(amounts) == 2 and any(flag for _, flag in amounts)
    assert 75 * M < event["amount_usd"] < 85 * M


def test_later_source_adding_valuation_is_an_update_not_a_new_round(fresh_db, outbox_spy):
    first = record(fresh_db, art("n1", "2024-03-01"), [ev("Kelpwise", 12 * M, "EUR", "series_a")])
    second = record(fresh_db, art("n2", "2024-03-03"), [
        ev("Kelpwise GmbH", 12 * M, "EUR", "series_a", valuation={"amount": 60 * M, "currency": "EUR"},
           investors=["Fjord Capital"]),
    ])
    (eid,) = first.new_event_ids
    assert second.new_event_ids == [] and second.updated_event_ids == [eid]
    assert outbox_spy.kinds(eid) == ["new", "update"]
    event = get_event(fresh_db, eid)
    assert event["valuation"] == {"amount": 60 * M, "currency": "EUR"}
    assert event["investors"] == ["Fjord Capital"]
    # a third report adding nothing: no alert at all
    record(fresh_db, art("n3", "2024-03-04"), [ev("Kelpwise", 12 * M, "EUR")])
    assert outbox_spy.kinds(eid) == ["new", "update"]
    assert get_event(fresh_db, eid)["source_count"] == 3


def test_syndicated_copy_is_one_source(fresh_db, outbox_spy):
    text = wire_text("Routora", "$30 million")
    events = [ev("Routora", 30 * M, "USD", "series_b")]
    r1 = record(fresh_db, art("wire", "2025-02-04", text=text, url="https://agency.test/routora"), events)
    r2 = record(fresh_db, art("copy", "2025-02-05", text=wire_text("Routora", "$30 million", 1), url="https://paper.test/x"), events)
    r3 = record(fresh_db, art("own", "2025-02-05", text="Routora has raised thirty million dollars. " * 3), events)
    assert r2.duplicate_of == "wire" and r2.new_event_ids == [] and r2.updated_event_ids == []
    assert r3.duplicate_of is None
    event = get_event(fresh_db, r1.new_event_ids[0])
    assert event["source_count"] == 2
    wire = next(s for s in event["sources"] if s["article_id"] == "wire")
    assert [c["url"] for c in wire["copies"]] == ["https://paper.test/x"]
    assert outbox_spy.kinds(event["id"]).count("new") == 1


def test_copy_arriving_first_yields_to_the_earlier_original(tmp_path):
    text = wire_text("Routora", "$30 million")
    events = [ev("Routora", 30 * M, "USD", "series_b")]
    dbs = []
    for name, order in (("a", ["orig", "copy"]), ("b", ["copy", "orig"])):
        db = open_db(tmp_path / f"{name}.db")
        refs = {
            "orig": art("orig", "2025-02-04", text=text),
            "copy": art("copy", "2025-02-05", text=wire_text("Routora", "$30 million", 2)),
        }
        results = [record(db, refs[k], events) for k in order]
        dbs.append(db)
    assert results[-1].duplicate_of is None  # the original, arriving second, takes over
    assert snapshot(dbs[0]) == snapshot(dbs[1])
    (row,) = list_events(dbs[1])
    (source,) = get_event(dbs[1], row["id"])["sources"]
    assert source["article_id"] == "orig" and source["copies"][0]["article_id"] == "copy"


def test_background_mention_stores_but_never_alerts(fresh_db, outbox_spy):
    r = record(fresh_db, art("bg", "2022-06-01"), [ev("Hullfish", 8 * M, "USD", "seed", main=False)])
    (eid,) = r.new_event_ids
    assert outbox_spy.calls == []
    assert get_event(fresh_db, eid)["main"] is False
    # the round's own news, later found in an older article: now it is news
    r2 = record(fresh_db, art("news", "2022-05-20"), [ev("Hullfish", 8 * M, "USD", "seed")])
    assert r2.new_event_ids == [eid]
    assert outbox_spy.kinds(eid) == ["new"]


def test_reprocessing_is_idempotent(fresh_db, outbox_spy):
    refs = senses(fresh_db)
    before = snapshot(fresh_db)
    calls = list(outbox_spy.calls)
    again = senses(fresh_db)
    assert snapshot(fresh_db) == before
    assert outbox_spy.calls == calls
    assert all(r.new_event_ids == [] and r.updated_event_ids == [] for r in again)
    assert len(refs) == 3


def test_corrected_extraction_merges_and_old_id_follows(fresh_db, outbox_spy):
    a = record(fresh_db, art("p1", "2021-09-01"), [ev("Ondalux", 100 * M, "USD")])
    b = record(fresh_db, art("p2", "2021-09-02"), [ev("Ondalux", 150 * M, "USD")])
    assert len(list_events(fresh_db)) == 2
    record(fresh_db, art("p2", "2021-09-02"), [ev("Ondalux", 100 * M, "USD")])
    (row,) = list_events(fresh_db)
    assert row["id"] == a.new_event_ids[0] and row["source_count"] == 2
    assert get_event(fresh_db, b.new_event_ids[0])["id"] == row["id"]


def test_split_does_not_alert_twice(fresh_db, outbox_spy):
    record(fresh_db, art("s1", "2021-04-01"), [ev("Parcelon", 100 * M, "USD")])
    record(fresh_db, art("s2", "2021-05-10"), [ev("Parcelon", 100 * M, "USD")])
    assert len(list_events(fresh_db)) == 1
    # an earlier report takes the first one; the last is now too far from it (51 days)
    record(fresh_db, art("s0", "2021-03-20"), [ev("Parcelon", 100 * M, "USD")])
    assert sorted(r["source_count"] for r in list_events(fresh_db)) == [1, 2]
    assert [k for _, k in outbox_spy.calls].count("new") == 1


def test_undisclosed_background_remarks_are_not_merged_on_the_name(fresh_db):
    record(fresh_db, art("d1", "2020-11-10"), [ev("Scootly", 50 * M, "USD", "debt", main=False)])
    record(fresh_db, art("d2", None), [ev("Scootly", None, round="debt", main=False)])
    assert len(list_events(fresh_db)) == 2
    # two outlets' news of an undisclosed seed round in the same week are one round
    record(fresh_db, art("u1", "2024-01-08"), [ev("Quillbee", None)])
    record(fresh_db, art("u2", "2024-01-09"), [ev("Quillbee Inc", None, round="seed", investors=["Acorn"])])
    assert len(list_events(fresh_db, company="quillbee")) == 1


def test_events_of_one_article_are_never_one_round(fresh_db):
    record(fresh_db, art("two", "2021-05-01"), [ev("Veltrio", 10 * M, "EUR"), ev("Veltrio", 10 * M, "EUR", main=False)])
    assert len(list_events(fresh_db)) == 2


def test_one_transaction_per_article(fresh_db, monkeypatch):
    import storage.outbox

    def broken(db, event_id, kind):
        raise RuntimeError("outbox unavailable")

    monkeypatch.setattr(storage.outbox, "enqueue", broken, raising=False)
    with pytest.raises(RuntimeError):
        record(fresh_db, art("t1", "2024-01-01"), [ev("Atomo", 5 * M, "USD")])
    for table in ("events", "event_sources", "event_articles", "event_aliases"):
        assert fresh_db[table].count == 0, table


SCENARIO = [
    (art("x1", "2018-04-09", "en"), [ev("SenseTime", 600 * M, "USD", "series_c", lead=["Alibaba"])]),
    (art("x2", "2018-04-10", "de"), [ev("SenseTime Group", 600 * M, "USD", valuation={"amount": 3 * B, "currency": "USD"}),
                                     ev("SenseTime", 410 * M, "USD", main=False)]),
    (art("x3", "2018-04-12", "zh"), [ev("Sensetime", 600 * M, "USD", "series_c", valuation={"amount": 4_500_000_000, "currency": "USD"})]),
    (art("x4", "2018-05-31", "en"), [ev("SenseTime", 620 * M, "USD", "series_c", extension=True)]),
    (art("x5", "2017-07-11", "en"), [ev("SenseTime", 410 * M, "USD")]),
    (art("x6", "2020-05-26", "de"), [ev("Scanditz", 73 * M, "EUR", "series_c"), ev("Medwingo", 28 * M, "EUR", "series_b")]),
    (art("x7", "2020-05-27", "en"), [ev("Scanditz", 80 * M, "USD", "series_c", lead=["G2VP"])]),
    (art("x8", "2021-04-01", "en", text=wire_text("Parcelon", "$92 million")), [ev("Parcelon", 92 * M, "USD")]),
    (art("x9", "2021-04-20", "en"), [ev("Parcelon", 109 * M, "USD")]),
    (art("x10", "2021-04-10", "en"), [ev("Parcelon", 100 * M, "USD")]),
    (art("x11", "2021-04-02", "fr", text=wire_text("Parcelon", "$92 million", 3)), [ev("Parcelon", 92 * M, "USD")]),
    (art("x12", None, "de"), [ev("Parcelon", None, round="debt", main=False)]),
]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_any_order_yields_the_same_rows(tmp_path, seed):
    reference = open_db(tmp_path / "in_order.db")
    for ref, events in SCENARIO:
        record(reference, ref, events)
    shuffled = open_db(tmp_path / f"shuffled{seed}.db")
    items = list(SCENARIO)
    random.Random(seed).shuffle(items)
    for ref, events in items:
        record(shuffled, ref, events)
    # and some reprocessed on top
    for ref, events in items[:4]:
        record(shuffled, ref, events)
    assert snapshot(shuffled) == snapshot(reference)


def test_list_filters_and_export_contract(fresh_db):
    for ref, events in SCENARIO:
        record(fresh_db, ref, events)
    assert {r["company"] for r in list_events(fresh_db, min_amount_usd=500 * M)} == {"SenseTime"}
    assert {r["round"] for r in list_events(fresh_db, round="series_b")} == {"series_b"}
    assert [r["company"] for r in list_events(fresh_db, investor="g2vp")] == ["Scanditz"]
    recent = list_events(fresh_db, since="2021-01-01")
    assert recent and all((r["announced_on"] or r["first_seen"]) >= "2021" for r in recent)
    assert "SenseTime" not in {r["company"] for r in recent}
    assert {r["company"] for r in list_events(fresh_db, lang="zh")} == {"SenseTime"}
    assert list_events(fresh_db, lang="fr") == []  # x11 is a syndicated copy of x8, not a source
    assert len(list_events(fresh_db, limit=2)) == 2
    assert list_events(fresh_db, company="SenseTime Group Ltd")  # any spelling finds it
    exported = list(export_events(fresh_db))
    assert len(exported) == len(list_events(fresh_db, limit=None))
    required = {"id", "company", "amount", "currency", "round", "status", "lead_investors", "investors",
                "valuation", "first_seen", "sources"}
    for e in exported:
        assert required <= set(e)
        assert all(set(s) >= {"url", "title", "published"} for s in e["sources"])
    assert get_event(fresh_db, 10_000) is None


def test_article_ref_contract():
    ref = ArticleRef(id="a", url="u", title=None, published=None, lang=None, text=None)
    assert ref.id == "a"


def test_an_event_listed_twice_in_one_article_is_one_source(fresh_db):
    r = record(fresh_db, art("dup", "2022-02-02", "EN"), [
        ev("Mirrorly", 3 * M, "USD", "seed", investors=["Oak"]),
        ev("Mirrorly", 3 * M, "USD", "seed", investors=["Elm"], valuation={"amount": 15 * M, "currency": "USD"}),
    ])
    (eid,) = r.new_event_ids
    event = get_event(fresh_db, eid)
    assert event["investors"] == ["Oak", "Elm"] and event["valuation"]["amount"] == 15 * M
    assert event["sources"][0]["lang"] == "en"


def test_a_bracketed_or_given_alias_links_scripts(fresh_db):
    record(fresh_db, art("zh-s", "2018-04-09", "zh"), [ev("商汤科技（SenseTime）", 600 * M, "USD", "series_c")])
    record(fresh_db, art("en-s", "2018-04-10", "en"), [ev("SenseTime", 600 * M, "USD")])
    record(fresh_db, art("zh-t", "2018-04-11", "zh"), [ev("商汤", 600 * M, "USD")])
    record(fresh_db, art("en-k", "2021-03-01", "en"), [ev("Kuaishou", 100 * M, "USD", aliases=["快手"])])
    record(fresh_db, art("zh-k", "2021-03-02", "zh"), [ev("快手科技", 100 * M, "USD")])
    rows = list_events(fresh_db)
    assert sorted(r["source_count"] for r in rows) == [2, 3]
    sense = next(r for r in rows if r["source_count"] == 3)
    assert set(sense["aliases"]) == {"商汤科技（SenseTime）", "SenseTime", "商汤"}


def test_the_same_named_round_with_a_tranche_more_or_less(fresh_db):
    record(fresh_db, art("t1", "2023-06-01"), [ev("Gridwise", 40 * M, "USD", "series_b")])
    record(fresh_db, art("t2", "2023-06-02"), [ev("Gridwise", 50 * M, "USD", "series_b")])  # with its debt part
    record(fresh_db, art("t3", "2023-06-02"), [ev("Gridwise", 50 * M, "USD")])
    rows = list_events(fresh_db)
    # t3 meets the rule with the 50M report and contradicts the 40M one in nothing
    assert [r["source_count"] for r in rows] == [3]
    record(fresh_db, art("v1", "2023-09-01"), [ev("Tallyho", 80 * M, "EUR", valuation={"amount": 400 * M, "currency": "EUR"})])
    record(fresh_db, art("v2", "2023-09-03"), [ev("Tallyho", 100 * M, "EUR", valuation={"amount": 410 * M, "currency": "EUR"})])
    assert len(list_events(fresh_db, company="tallyho")) == 1
    # undated or background reports get no such benefit of the doubt
    record(fresh_db, art("w1", None), [ev("Quorix", 40 * M, "USD", "series_a")])
    record(fresh_db, art("w2", None), [ev("Quorix", 50 * M, "USD", "series_a")])
    assert len(list_events(fresh_db, company="quorix")) == 2


def test_alerts_land_in_the_real_outbox_once(fresh_db):
    import storage.outbox

    if not hasattr(storage.outbox, "enqueue") or "outbox" not in fresh_db.table_names():
        pytest.skip("storage.outbox has no enqueue yet")
    senses(fresh_db)
    senses(fresh_db)  # reprocessing adds nothing
    rows = [(r["event_id"], r["kind"]) for r in fresh_db.query("select event_id, kind from outbox order by id")]
    c = next(r["id"] for r in list_events(fresh_db) if r["amount"] == 600 * M)
    assert rows.count((c, "new")) == 1
    assert all(eid == c for eid, _ in rows)  # the background round never alerts
    assert {k for _, k in rows} <= {"new", "update"}


def test_regroup_all_changes_nothing_under_the_same_rule(fresh_db, outbox_spy, monkeypatch):
    from storage import identity
    from storage.events import regroup_all

    for ref, events in SCENARIO:
        record(fresh_db, ref, events)
    before, calls = snapshot(fresh_db), list(outbox_spy.calls)
    result = regroup_all(fresh_db, now=NOW)
    assert snapshot(fresh_db) == before and outbox_spy.calls == calls
    assert result.new_event_ids == [] and result.updated_event_ids == []
    # a narrower window splits the Parcelon reports; nothing is announced again
    monkeypatch.setattr(identity, "WINDOW_DAYS", 5)
    regroup_all(fresh_db, now=NOW)
    assert len(list_events(fresh_db, company="parcelon")) > 2
    assert [k for _, k in outbox_spy.calls].count("new") == [k for _, k in calls].count("new")
