"""Bad input returns no events (or valid ones) quickly, never a crash or a hang."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extraction import FundingEvent, extract_events


def _fast(fn, *args, limit: float = 3.0, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    assert time.perf_counter() - start < limit
    return result


@pytest.mark.parametrize("text", ["", " ", "\n\n\n", "\x00\x01\x02", "💸💸💸", "$", "€ Mio. Mrd."])
def test_empty_and_tiny(text: str) -> None:
    assert _fast(extract_events, text) == []


def test_none_and_wrong_types_give_no_events() -> None:
    assert extract_events(None) == []  # type: ignore[arg-type]
    assert extract_events(b"Acme raised $5 million") == []  # type: ignore[arg-type]
    assert extract_events("Acme raised $5 million.", title=42) == []  # type: ignore[arg-type]


def test_binary_junk() -> None:
    junk = os.urandom(300_000).decode("latin-1")
    assert _fast(extract_events, junk) == []


def test_five_megabytes() -> None:
    text = "Das Berliner Startup Quellwerk hat 12 Millionen Euro eingesammelt. " * 80_000
    events = _fast(extract_events, text[:5_000_000])
    assert len(events) <= 1


def test_mixed_scripts() -> None:
    text = "SenseTime 获得 6亿美元 融资. Серия C раунд. Acme Robotics raised $5 million in a seed round. " * 40
    events = _fast(extract_events, text)
    assert all(isinstance(e, FundingEvent) for e in events)


@pytest.mark.parametrize("text", [
    "$" + "1," * 5000 + " million",
    "Acme " + "Big " * 5000 + "raised $5 million led by " + "X, " * 5000,
    "angeführt von " * 3000 + "5 Millionen Euro",
    "(" * 5000 + "$5m" + ")" * 5000,
    "Series " * 10000,
    "a" * 200_000 + " raised $5 million",
])
def test_pathological_patterns_do_not_hang(text: str) -> None:
    _fast(extract_events, text, lang="en")
    _fast(extract_events, text, lang="de")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000), st.one_of(st.none(), st.sampled_from(["en", "de", "fr", "zh", "xx"])))
def test_arbitrary_text_gives_valid_events(text: str, lang: str | None) -> None:
    for event in extract_events(text, lang=lang):
        d = event.as_dict()
        assert d["company"]
        assert 0.0 <= d["confidence"] <= 1.0
        assert d["amount"] is None or d["amount"] > 0
