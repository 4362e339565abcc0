"""Property: the stored rounds depend on the set of articles, never on their order."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support_events import art, ev, snapshot, wire_text

from storage import open_db
from storage.events import record_article_events

NOW = datetime(2026, 1, 1, tzinfo=UTC)

event_st = st.builds(
    lambda company, amount, currency, rnd, main, lead: ev(
        company, amount, currency, rnd, main=main, lead=[lead] if lead else []
    ),
    st.sampled_from(["Acme", "Acme Robotics", "ACME Robotics GmbH", "Beta", "Betta"]),
    st.sampled_from([None, 10_000_000, 10_500_000, 11_000_000, 12_000_000, 20_000_000]),
    st.sampled_from(["USD", "EUR"]),
    st.sampled_from(["unknown", "seed", "series_a"]),
    st.booleans(),
    st.sampled_from([None, "Northwind"]),
)
article_st = st.tuples(
    st.sampled_from([None, "2024-01-05", "2024-01-20", "2024-02-10", "2024-03-30", "2024-02"]),
    st.lists(event_st, min_size=0, max_size=2),
)


def recorded(reports) -> list[dict]:
    """The rounds a fresh database holds after recording `reports` in this order."""
    db = open_db(":memory:")
    try:
        for ref, events in reports:
            record_article_events(db, ref, events, now=NOW)
        return snapshot(db)
    finally:
        db.conn.close()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(article_st, min_size=1, max_size=7), st.randoms(use_true_random=False))
def test_order_does_not_matter(articles, rnd):
    reports = [(art(f"a{i}", published), events) for i, (published, events) in enumerate(articles)]
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert recorded(reports) == recorded(shuffled)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(article_st, article_st, st.booleans()), min_size=1, max_size=6),
    st.randoms(use_true_random=False),
)
def test_reprocessing_with_new_extractions_equals_recording_the_last_ones(articles, rnd):
    """Articles recorded, then some re-recorded with a different extraction, end as if
    only their last extraction had ever been recorded, in whatever order."""
    first = [(art(f"a{i}", a[0]), a[1]) for i, (a, _, _) in enumerate(articles)]
    again = [(art(f"a{i}", b[0]), b[1]) for i, (_, b, redo) in enumerate(articles) if redo]
    final = {ref.id: (ref, events) for ref, events in first + again}
    last = list(final.values())
    rnd.shuffle(last)
    assert recorded(first + again) == recorded(last)


TEXTS = [None, wire_text("Acme", "$10 million"), wire_text("Acme", "$10 million", 1),
         wire_text("Acme", "$10 million", 2), wire_text("Beta", "$20 million")]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(article_st, st.sampled_from(TEXTS)), min_size=1, max_size=6),
    st.randoms(use_true_random=False),
)
def test_syndicated_copies_in_any_order(articles, rnd):
    reports = [(art(f"a{i}", a[0], text=text), a[1]) for i, (a, text) in enumerate(articles)]
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert recorded(reports) == recorded(shuffled)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(article_st, article_st, st.sampled_from(TEXTS), st.booleans()), min_size=1, max_size=6),
    st.randoms(use_true_random=False),
)
def test_reprocessing_copies_equals_recording_the_last_ones(articles, rnd):
    first = [(art(f"a{i}", a[0], text=t), a[1]) for i, (a, _, t, _) in enumerate(articles)]
    again = [(art(f"a{i}", b[0], text=t), b[1]) for i, (_, b, t, redo) in enumerate(articles) if redo]
    final = {ref.id: (ref, events) for ref, events in first + again}
    last = list(final.values())
    rnd.shuffle(last)
    assert recorded(first + again) == recorded(last)


mention_st = st.fixed_dictionaries({
    "article_id": st.sampled_from(["a", "b", "c", "d"]),
    "event_index": st.just(0),
    "company": st.just("Acme"),
    "company_key": st.just("acme"),
    "amount": st.sampled_from([None, 10_000_000, 12_000_000, 14_000_000, 30_000_000]),
    "currency": st.sampled_from([None, "USD", "EUR", "GBP", "XYZ"]),
    "round": st.sampled_from(["unknown", "seed", "series_a", "growth"]),
    "extension": st.booleans(),
    "status": st.sampled_from(["announced", "in_talks"]),
    "main": st.booleans(),
    "published": st.sampled_from([None, "2019-01-05", "2019-02-28", "2019-05", "2024-01-05"]),
})


@settings(max_examples=300, deadline=None)
@given(st.lists(mention_st, min_size=1, max_size=6), mention_st)
def test_round_summaries_agree_with_every_member(members, m):
    """The clustering's shortcut answers exactly what asking each member would."""
    from storage.events_cluster import _Round, contradicts

    rnd = _Round()
    for o in members:
        rnd.add(o)
    assert rnd.contradicted(m) == any(contradicts(m, o) for o in members)
