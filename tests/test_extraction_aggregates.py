"""Totals, thresholds, parts, plans and market figures are no rounds; each beside a real round."""

from __future__ import annotations

import pytest

from extraction import extract_events


@pytest.mark.parametrize("text,lang", [
    ("Schweizer Startups haben im zweiten Quartal 1,4 Milliarden Franken eingesammelt.", "de"),
    ("Innerhalb von zehn Jahren konnte Quellwerk so mehr als 125 Millionen Euro einsammeln.", "de"),
    ("Nine startups each raised $500 million or more last month.", "en"),
    ("Der Fonds Lindgrün Capital will 500 Millionen Euro in junge Fintechs investieren.", "de"),
    ("Zehn Millionen Euro des Investments sollen in den Ausbau des Teams fließen.", "de"),
])
def test_aggregates_are_no_rounds(text: str, lang: str) -> None:
    assert extract_events(text, lang=lang) == []


@pytest.mark.parametrize("text,lang,amount", [
    ("Das Kölner Startup Quellwerk hat 12 Millionen Euro eingesammelt.", "de", 12_000_000),
    ("Zorvanta raised $500 million in a Series D round led by Northwind Capital.", "en", 500_000_000),
    ("Quellwerk hat in einer Series-A-Runde 8 Millionen Euro eingesammelt, die in den Ausbau des Teams fließen.", "de", 8_000_000),
])
def test_the_look_alike_rounds_stay(text: str, lang: str, amount: int) -> None:
    assert [e.amount for e in extract_events(text, lang=lang)] == [amount]
