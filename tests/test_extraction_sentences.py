"""Sentence splitting on pages that lost their line breaks (feed summaries, flattened pages)."""

from __future__ import annotations

from extraction import extract_events
from extraction.text import normalize, split_sentences

DIGEST = """Deals

- Swiss medical device company Ferrolab has raised $15 million in a Series A round.

- Pale Ridge, a young Malmö-based investment firm, has closed its fund at €87 million.

- Berlin-based comparison platform Tinkly has raised €40 million in a Series D round. The round was led by Cadence Growth Capital.
"""


def test_a_bullet_after_a_full_stop_starts_a_sentence() -> None:
    flat = " ".join(DIGEST.split())
    sentences = split_sentences(normalize(flat))
    assert any(s.startswith("Pale Ridge, a young") for s in sentences)
    assert any(s.startswith("Berlin-based comparison platform Tinkly") for s in sentences)


def test_flattened_digest_reads_like_the_one_with_line_breaks() -> None:
    def rounds(text: str) -> list[tuple]:
        return sorted((e.company, e.amount, e.round, tuple(e.lead_investors))
                      for e in extract_events(text, lang="en") if e.main)

    expected = [("Ferrolab", 15_000_000, "series_a", ()),
                ("Tinkly", 40_000_000, "series_d", ("Cadence Growth Capital",))]
    assert rounds(DIGEST) == expected
    assert rounds(" ".join(DIGEST.split())) == expected


def test_a_dash_inside_a_sentence_does_not_split_it() -> None:
    sentences = split_sentences(normalize("Ferrolab - the Zurich maker of insulin pumps - raised $15 million."))
    assert sentences == ["Ferrolab - the Zurich maker of insulin pumps - raised $15 million."]


def test_ticker_markers_end_a_headline_also_on_one_line() -> None:
    text = ("Die aktuellen Kurznachrichten: +++ Fintech Zahlwerk gibt Standort Italien auf +++ "
            "Das Berliner Start-up Zahlwerk hat 13 Millionen Euro eingesammelt.")
    sentences = split_sentences(normalize(text))
    assert "Fintech Zahlwerk gibt Standort Italien auf" in sentences
    assert sentences[-1] == "Das Berliner Start-up Zahlwerk hat 13 Millionen Euro eingesammelt."
    assert [(e.company, e.amount) for e in extract_events(text, lang="de")] == [("Zahlwerk", 13_000_000)]


def test_a_product_code_ends_a_sentence_but_a_date_or_an_ordinal_does_not() -> None:
    assert split_sentences(normalize("It licensed its antibody KV-11. Kivora receives $45 million.")) == [
        "It licensed its antibody KV-11.", "Kivora receives $45 million."]
    assert split_sentences(normalize("The firm launched GPT-4. Kivano raised $5 million.")) == [
        "The firm launched GPT-4.", "Kivano raised $5 million."]
    for one in ("Am 10. November sammelte Kivano 5 Mio. Euro ein.", "Vom 1.-3. März tagte der Kongress.",
                "Im 2. Quartal sammelte Kivano 5 Mio. Euro ein."):
        assert split_sentences(normalize(one)) == [one]
