"""Property: whatever the news says, it cannot add markup, links or lines to an alert."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from alerts.render import clean, render_digest, render_round

ALLOWED_TAGS = {"p", "b", "br", "blockquote", "ul", "li", "a"}
untrusted = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
urls = st.one_of(untrusted, untrusted.map(lambda s: "https://x.test/" + s), st.just("javascript:alert(1)"))


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.hrefs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.hrefs += [v for k, v in attrs if k == "href"]


def event(company, evidence, title, url, investor):
    return {"company": company, "amount": 5_000_000, "currency": "EUR", "usd": 5.4e6, "round": "seed",
            "lead_investors": [investor], "investors": [investor, "Other"], "evidence": evidence,
            "announced_on": "2026-01-02", "sources": [{"url": url, "title": title}]}


@settings(max_examples=150, deadline=None)
@given(untrusted, untrusted, untrusted, urls, untrusted)
def test_html_bodies_only_carry_our_markup(company, evidence, title, url, investor):
    e = event(company, evidence, title, url, investor)
    for message in (render_round(e, fmt="html"), render_digest([(e, "new"), (e, "update")], "html")):
        parser = Tags()
        parser.feed(message.body)
        assert set(parser.tags) <= ALLOWED_TAGS
        assert parser.tags.count("a") == len(parser.hrefs) <= 2
        assert all(h.startswith(("http://", "https://")) for h in parser.hrefs)
        assert "\n" not in message.title and "\r" not in message.title


@settings(max_examples=150, deadline=None)
@given(untrusted, untrusted, untrusted)
def test_text_and_markdown_bodies_keep_their_lines(company, evidence, title):
    assume(clean(evidence))  # an empty evidence sentence is left out, by design
    e = event(company, evidence, title, "https://x.test/a", "Lead")
    neutral = render_round(event("Acme", "Acme raised.", "Title", "https://x.test/a", "Lead"), fmt="text")
    for fmt in ("text", "markdown"):
        body = render_round(e, fmt=fmt).body
        shape = render_round(event("Acme", "Acme raised.", "Title", "https://x.test/a", "Lead"), fmt=fmt)
        assert body.count("\n") == shape.body.count("\n")
    assert neutral.body.count("\n") >= 6
