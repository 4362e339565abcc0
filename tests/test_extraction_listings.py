"""Deal lists: one round per line, read as fields (extraction.listings), beside look-alikes."""

from __future__ import annotations

import pytest

from extraction import extract_events


def _rounds(text: str, lang: str, title: str | None = None) -> list[tuple]:
    return sorted((e.company, e.amount, e.round) for e in extract_events(text, title=title, lang=lang) if e.main)


def test_bullet_list_with_places_in_brackets() -> None:
    text = ("Finanzierungen im Überblick\n"
            "• Kivo (Berlin): 5 Millionen Euro von Earlybird\n"
            "• Lendora (München): 3 Millionen Euro Seed-Finanzierung\n"
            "• Parkly (Hamburg): 12 Millionen Euro in einer Series-A-Runde, angeführt von Balderton\n")
    assert _rounds(text, "de") == [("Kivo", 5_000_000, "unknown"), ("Lendora", 3_000_000, "seed"),
                                   ("Parkly", 12_000_000, "series_a")]
    kivo = next(e for e in extract_events(text, lang="de") if e.company == "Kivo")
    assert kivo.investors == ["Earlybird"]


def test_dash_separated_fields() -> None:
    text = "Investments der Woche:\nKivo – 5 Mio. Euro – Fintech – Berlin\nLendora – 3 Mio. Euro – Proptech – München\n"
    assert _rounds(text, "de") == [("Kivo", 5_000_000, "unknown"), ("Lendora", 3_000_000, "unknown")]


def test_ticker_with_round_label_first_and_an_undisclosed_amount() -> None:
    text = ("DEALS THIS WEEK\nSERIES A • Hangra • US$ 10.5M • F&B\nSEED • Arumi Foods • US$ 2M • F&B\n"
            "SERIES B • Honesty • Undisclosed • Fintech\n")
    assert _rounds(text, "en") == [("Arumi Foods", 2_000_000, "seed"), ("Hangra", 10_500_000, "series_a"),
                                   ("Honesty", None, "series_b")]


@pytest.mark.parametrize("text,lang", [
    # one line of that shape alone is a headline, not a list
    ("Kivo: 5 Millionen Euro Umsatz im ersten Jahr\nDas Start-up wächst.", "de"),
    # statistics in the same shape
    (("Funding by stage\nSeries A: £166.2M across 8 deals\nSeries B: £61.8M across 2 deals\n"
      "Average Deal Size: £1.6M\nMedian Deal Size: £1.3M\n"), "en"),
    # revenue and takeovers listed like deals
    ("Die Deals der Woche\nKivo (Berlin): 5 Millionen Euro Umsatz\nLendora (München): 3 Millionen Euro Umsatz\n", "de"),
    ("Deals this week\nBouncer – acquired by Stripe – $20M\nKandoo – acquired by Siemens – $80M\n", "en"),
    # a price list has no funding context
    ("Preise der Woche\nKivo Pro – 5 Euro – monatlich\nKivo Max – 9 Euro – monatlich\n", "de"),
])
def test_look_alike_lists_are_no_rounds(text: str, lang: str) -> None:
    assert _rounds(text, lang) == []
