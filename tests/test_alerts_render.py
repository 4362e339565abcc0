"""Messages: the headline people read, the facts, and untrusted text kept in its place."""

from __future__ import annotations

from alerts.render import headline, money, render_digest, render_round, round_name, safe_url


def event(**values):
    base = {
        "company": "SenseTime", "amount": 600_000_000, "currency": "USD", "usd": 6e8, "round": "series_c",
        "extension": 0, "status": "announced", "lead_investors": ["Alibaba"],
        "investors": ["Alibaba", "Temasek", "Suning"], "valuation_amount": 4_500_000_000,
        "valuation_currency": "USD", "evidence": "SenseTime raised $600 million led by Alibaba.",
        "announced_on": "2018-04-09",
        "sources": [{"url": "https://news.example.com/sensetime", "title": "SenseTime raises $600M"}],
    }
    base.update(values)
    return base


def test_headline():
    assert headline(event()) == "SenseTime raised USD 600M (Series C) led by Alibaba"
    assert headline(event(lead_investors=["A", "B", "C"])).endswith("led by A, B and C")
    assert headline(event(status="in_talks")).startswith("SenseTime is in talks to raise USD 600M")
    assert headline(event(status="reported", round="unknown", lead_investors=[])) == "SenseTime reportedly raised USD 600M"
    assert headline(event(amount=None, round="seed", lead_investors=[])) == "SenseTime raised an undisclosed amount (Seed)"
    assert headline(event(), "update").startswith("Update: SenseTime")
    assert headline(event(round="series_b", extension=1)).endswith("(Series B extension) led by Alibaba")


def test_money_and_round_names():
    assert money(1_500_000, "eur") == "EUR 1.5M"
    assert money(2_250_000_000, "USD") == "USD 2.25B"
    assert money(750, "CHF") == "CHF 750"
    assert round_name("pre_seed") == "Pre-seed" and round_name("unknown") == ""


def test_text_body_has_investors_valuation_usd_evidence_and_sources():
    body = render_round(event(currency="EUR", usd=7.4e8), fmt="text").body
    assert "In US dollars: about USD 740M at the ECB rate of 2018-04-09" in body
    assert "Lead investor: Alibaba" in body and "Other investors: Temasek, Suning" in body
    assert "Valuation: USD 4.5B" in body
    assert '"SenseTime raised $600 million led by Alibaba."' in body
    assert "SenseTime raises $600M <https://news.example.com/sensetime>" in body
    assert "In US dollars" not in render_round(event(), fmt="text").body  # already USD


def test_html_escapes_untrusted_text_and_links_only_http():
    hostile = event(
        company='<img src=x onerror="alert(1)">Evil',
        evidence="<script>steal()</script>",
        sources=[{"url": "javascript:alert(1)", "title": "<b>click</b>"},
                 {"url": 'https://ok.test/a"b', "title": "fine"}],
    )
    message = render_round(hostile, fmt="html")
    assert "<script>" not in message.body and "&lt;script&gt;" in message.body
    assert "<img" not in message.body and "&lt;img" in message.body
    assert 'href="javascript' not in message.body and "&lt;b&gt;click&lt;/b&gt;" in message.body
    assert '<a href="https://ok.test/a%22b">fine</a>' in message.body
    assert message.title.startswith('<img src=x onerror="alert(1)">Evil')  # titles are plain text


def test_markdown_escapes_and_links_safely():
    message = render_round(event(company="*Bold* [x](http://evil)", sources=[
        {"url": "https://ok.test/a(b)", "title": "T_i_t_l_e"}]), fmt="markdown")
    assert r"\*Bold\* \[x\](http://evil)" in message.body  # no link can form
    assert "[T\\_i\\_t\\_l\\_e](https://ok.test/a%28b%29)" in message.body


def test_control_characters_and_newlines_cannot_forge_lines():
    message = render_round(event(company="Acme\nSources:\x07 fake", lead_investors=[]), fmt="text")
    assert message.title == "Acme Sources: fake raised USD 600M (Series C)"
    assert "\x07" not in message.body


def test_safe_url():
    assert safe_url("https://a.test/x?y=1") == "https://a.test/x?y=1"
    assert safe_url("ftp://a.test/") is None and safe_url("data:text/html,x") is None
    assert safe_url("https://a.test/x y") is None


def test_digest_lists_each_round_with_its_first_source():
    items = [(event(company=n, sources=[{"url": f"https://n.test/{n}", "title": n}]), "new") for n in ("A", "B", "C")]
    for fmt in ("text", "markdown", "html"):
        message = render_digest(items, fmt)
        assert message.title == "fundwatch: 3 new funding rounds"
        for n in ("A", "B", "C"):
            assert f"https://n.test/{n}" in message.body
    assert render_digest(items, "html").body.count("<li>") == 3
