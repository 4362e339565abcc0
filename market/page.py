"""The whole page as one HTML string: styles and charts inline, nothing fetched, no script.

It must open from a file, an e-mail attachment or a mail client's preview, so
it carries everything itself, and a Content-Security-Policy that forbids any
fetch and any script: a chart library that one day adds a web font or a
remote script shows up as a refused load (the browser test looks for those)
instead of a page that quietly needs the internet.

Text from the news (company and investor names, titles, URLs) is escaped;
only http(s) URLs become links. Key figures carry `data-*` attributes with the
raw numbers, so tests and scripts read them without parsing "USD 12.5M".
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from alerts.render import clean, money, round_name
from market import charts
from market.data import MarketData

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'"

CSS = """
:root { color-scheme: light; --ink: #17202a; --muted: #5d6d7e; --line: #e5e8e8; --accent: #1f618d; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: #f4f6f7; }
main { max-width: 1080px; margin: 0 auto; padding: 28px 20px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 12px; }
.sub { color: var(--muted); margin: 0 0 20px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px; margin-bottom: 16px; }
.card, section { background: #fff; border: 1px solid var(--line); border-radius: 10px; }
.card { padding: 14px 16px; }
.card .n { font-size: 26px; font-weight: 650; display: block; }
.card .l { color: var(--muted); font-size: 13px; }
section { padding: 18px 20px; margin: 16px 0; }
.pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.pair section { margin: 0; }
.chart svg { width: 100%; height: auto; display: block; }
.note { color: var(--muted); font-size: 14px; margin: 6px 0 0; }
.empty { font-size: 17px; padding: 28px 20px; text-align: center; color: var(--muted); }
table { width: 100%; border-collapse: collapse; font-size: 14px; }
th, td { text-align: left; padding: 7px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
a { color: var(--accent); }
.state-failing { color: #c0392b; font-weight: 600; }
.state-ok { color: #1e8449; }
footer { color: var(--muted); font-size: 13px; margin-top: 24px; }
@media print { body { background: #fff; } section, .card { break-inside: avoid; } }
"""


def _e(value) -> str:
    return escape(clean(value), quote=True)


def _link(url: str | None, label: str) -> str:
    """A link only for http(s) URLs; anything else stays text."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(label)}</a>'
    return _e(label)


def _usd(value: float | None) -> str:
    return "undisclosed" if value is None else money(value, "USD")


def render(data: MarketData, title: str = "fundwatch: the market at a glance") -> str:
    body = [_header(data, title)]
    if data.rounds_ever == 0:
        body.append('<section class="empty" id="no-rounds">No rounds in the database yet: '
                    "nothing has been found so far. Run a cycle (<code>fundwatch run</code>) and look again.</section>")
    elif not data.rounds:
        body.append(f'<section class="empty" id="no-rounds">No rounds between {data.since:%-d %B %Y} and '
                    f"{data.today:%-d %B %Y}{_left_out_clause(data)}.</section>")
    else:
        svgs = charts.render_all(data)
        body.append(_chart_section("rounds-per-week", svgs,
                                   "The current week is not over: its bars are paler and dashed."))
        if "money-per-week" in svgs:
            body.append(_chart_section("money-per-week", svgs,
                                       f"Disclosed amounts only: {data.disclosed} of {len(data.rounds)} rounds."))
        body.append(_largest(data))
        body.append('<div class="pair">')
        if "amount-by-stage" in svgs:
            body.append(_chart_section("amount-by-stage", svgs,
                                       "Each box spans the middle half of the rounds; whiskers reach the "
                                       "smallest and the largest. In brackets: rounds with an amount."))
        if "languages" in svgs:
            body.append(_chart_section("languages", svgs,
                                       "A round reported in two languages counts in both."))
        body.append("</div>")
        if "investors" in svgs:
            body.append(_chart_section("investors", svgs,
                                       "Leads are counted apart from the other investors of a round."))
    body.append(_feeds(data))
    body.append(f"<footer>Made by <code>fundwatch report</code> on {data.generated_at:%Y-%m-%d %H:%M} UTC. "
                "Only live rounds reported as some article's news; US dollars at the ECB reference rate "
                "of each round's date.</footer>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head>\n<body><main>\n"
        + "\n".join(body) + "\n</main></body></html>\n"
    )


def _left_out_clause(data: MarketData) -> str:
    parts = []
    if data.less_certain:
        parts.append(f"{data.less_certain} less certain round{'s' if data.less_certain != 1 else ''} left out")
    if data.background:
        parts.append(f"{data.background} past round{'s' if data.background != 1 else ''} mentioned in passing")
    return f" ({'; '.join(parts)})" if parts else ""


def _header(data: MarketData, title: str) -> str:
    largest = data.largest[0] if data.largest else None
    cards = [
        ("rounds", len(data.rounds), f"{len(data.rounds):,}", "rounds"),
        ("total-usd", round(data.total_usd), _usd(data.total_usd) if data.disclosed else "-",
         f"raised ({data.disclosed} disclosed)"),
        ("median-usd", "" if data.median_usd is None else round(data.median_usd),
         _usd(data.median_usd) if data.median_usd is not None else "-", "median round"),
        ("largest-usd", round(largest.usd) if largest else "", _usd(largest.usd) if largest else "-",
         f"largest: {_e(largest.company)}" if largest else "largest round"),
    ]
    html = [f"<h1>{_e(title)}</h1>",
            f'<p class="sub">Rounds dated {data.since:%-d %B %Y} to {data.today:%-d %B %Y}</p>',
            '<div class="cards">']
    html += [f'<div class="card"><span class="n" data-figure="{key}" data-value="{raw}">{shown}</span>'
             f'<span class="l">{label}</span></div>' for key, raw, shown, label in cards]
    html.append("</div>")
    notes = []
    if data.less_certain:
        notes.append(f'<span data-figure="less-certain" data-value="{data.less_certain}">{data.less_certain}</span> '
                     f"less certain round{'s' if data.less_certain != 1 else ''} (confidence below "
                     f"{data.threshold:.2f}, like <code>fundwatch events list</code>) left out")
    if data.background:
        notes.append(f'<span data-figure="background" data-value="{data.background}">{data.background}</span> '
                     f"past round{'s' if data.background != 1 else ''} only mentioned in passing not counted")
    if notes:
        html.append(f'<p class="note" id="left-out">{"; ".join(notes)}.</p>')
    return "\n".join(html)


def _chart_section(name: str, svgs: dict[str, str], note: str) -> str:
    return (f'<section class="chart" id="{name}">{svgs[name]}'
            f'<p class="note">{escape(note)}</p></section>')


def _largest(data: MarketData) -> str:
    rows = []
    for i, r in enumerate(data.largest, 1):
        sources = " ".join(_link(s["url"], f"[{n}]") for n, s in enumerate(r.sources, 1)) or "-"
        rows.append(
            f'<tr data-event-id="{r.id}" data-usd="{round(r.usd)}"><td class="num">{i}</td>'
            f"<td>{_e(r.company)}</td><td class=\"num\">{_e(money(r.amount, r.currency))}</td>"
            f'<td class="num">{_e(_usd(r.usd))}</td><td>{_e(round_name(r.round) or "not given")}</td>'
            f"<td>{_e(', '.join(r.lead_investors)) or '-'}</td><td>{_e(r.date)}</td><td>{sources}</td></tr>")
    if not rows:
        body = '<p class="note">No round of the period disclosed its amount.</p>'
    else:
        body = ("<table><thead><tr><th class=\"num\">#</th><th>Company</th><th class=\"num\">Amount</th>"
                "<th class=\"num\">In US dollars</th><th>Stage</th><th>Lead</th><th>Date</th><th>Sources</th>"
                "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
                '<p class="note">US dollars at the ECB reference rate of the round\'s date.</p>')
    return f'<section id="largest"><h2>The largest rounds</h2>{body}</section>'


def _feeds(data: MarketData) -> str:
    if not data.feeds:
        return '<section id="feeds"><h2>Feeds</h2><p class="note">No feeds polled yet.</p></section>'
    rows = "".join(
        f'<tr data-feed-id="{f["id"]}" data-rounds="{f["rounds_in_period"]}"><td>{_link(f["url"], f["name"] or f["url"])}</td>'
        f'<td class="num">{f["rounds_in_period"]}</td>'
        f'<td class="state-{_e(f["state"]).replace(" ", "-")}">{_e(f["note"])}</td>'
        f'<td>{_e((f["last_success_at"] or "never")[:16].replace("T", " "))}</td>'
        f'<td class="num">{f["articles"]}</td></tr>'
        for f in data.feeds)
    return (f'<section class="chart" id="feeds">{charts.feeds(data)}'
            "<table><thead><tr><th>Feed</th><th class=\"num\">Rounds</th><th>State</th>"
            "<th>Last success (UTC)</th><th class=\"num\">Articles</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>")
