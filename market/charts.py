"""The page's charts, drawn by pygal as inline SVG.

Why pygal: it writes SVG directly in pure Python (a ~150 KB wheel, no
browser, no JavaScript engine, no numpy), so a chart costs milliseconds, the
page needs no script to show it, and it opens the same from a file, an e-mail
attachment or a mail client's preview. Its default look (legends, guides,
hover highlight in CSS) reads well with a few style settings below.

Every chart is rendered with `js=[]` and without pygal's inline config
script: pygal's default adds a tooltip script from the web, which a page meant
for offline reading must not load (the page's Content-Security-Policy would
refuse it anyway). Exact figures are in
the tables beside the charts and printed on the bars.
"""

from __future__ import annotations

import math

import pygal
from pygal.style import Style

from market.data import STAGE_NAMES, MarketData

# One colour per stage, in STAGES order: readable on white, distinct in print.
STAGE_COLOURS = ("#7fb3d5", "#2e86c1", "#1f618d", "#154360", "#d68910", "#aab7b8")
PARTIAL_STYLE = "fill-opacity: 0.45; stroke-dasharray: 4 3; stroke-width: 1.5"

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#2c3e50",
    foreground_strong="#17202a",
    foreground_subtle="#d5dbdb",
    opacity="0.92",
    opacity_hover="1",
    font_family='system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=12,
    title_font_size=16,
    tooltip_font_size=12,
    colors=STAGE_COLOURS,
)


def _drop_scripts(root):
    """pygal always embeds its config as an inline <script> for its tooltip script; with
    no tooltip script it does nothing, and the page's policy (no script) would refuse it."""
    for parent in list(root.iter()):
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return root


def _render(chart) -> str:
    chart.add_xml_filter(_drop_scripts)
    return chart.render(is_unicode=True)


def _config(**extra) -> dict:
    base = dict(
        style=STYLE, js=[], disable_xml_declaration=True, explicit_size=False,
        width=900, height=380, legend_at_bottom=True, legend_at_bottom_columns=3,
        truncate_legend=-1, truncate_label=-1, margin=12, spacing=10,
        print_values=False, show_y_guides=True,
    )
    base.update(extra)
    return base


def count_ticks(largest: float) -> list[int]:
    """Whole-number axis labels (pygal would print 0.5 steps as '0 0 1 1')."""
    top = max(1, int(largest))
    step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10**4, 10**5, 10**6)
                if top / s <= 8)
    return list(range(0, top + step, step))


def money_ticks(largest: float) -> list[float]:
    """At most 8 round amounts from 0: 0, $20M, $40M ... (pygal's own steps crowd the axis)."""
    if largest <= 0:
        return [0]
    magnitude = 10 ** math.floor(math.log10(largest / 8))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if largest / (m * magnitude) <= 8)
    return [i * step for i in range(int(largest // step) + 2)]


def decade_ticks(values) -> list[float]:
    """$100K, $1M, $10M ... spanning `values`: one label per power of ten on a log axis."""
    low = math.floor(math.log10(max(min(values), 1)))
    high = math.ceil(math.log10(max(max(values), 1)))
    return [10.0 ** k for k in range(low, max(high, low + 1) + 1)]


def money_short(value: float | None) -> str:
    """USD 12.5M; the axis and bar labels of money charts."""
    if value is None:
        return ""
    for size, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= size:
            return "$" + f"{value / size:.1f}".rstrip("0").rstrip(".") + suffix
    return f"${value:,.0f}"


def week_label(week) -> str:
    text = f"{week.start.day} {week.start:%b}"
    return text + " (so far)" if week.partial else text


def _weekly(data: MarketData, title: str, values: str, formatter) -> str:
    chart = pygal.StackedBar(**_config(
        title=title, value_formatter=formatter, x_label_rotation=-35 if len(data.weeks) > 8 else 0,
        show_minor_x_labels=len(data.weeks) <= 20, x_labels_major_every=max(1, len(data.weeks) // 12),
    ))
    chart.x_labels = [week_label(w) for w in data.weeks]
    if values == "rounds":
        chart.y_labels = count_ticks(max(sum(w.rounds.values()) for w in data.weeks))
    else:
        chart.y_labels = money_ticks(max(sum(w.usd.values()) for w in data.weeks))
    for stage in STAGE_NAMES:
        series = [getattr(w, values)[stage] for w in data.weeks]
        if not any(series):
            continue  # a stage absent from the period gets no legend entry
        chart.add(stage, [
            # The current week is not over: drawn paler and dashed, labelled "(so far)".
            {"value": v, "style": PARTIAL_STYLE} if w.partial else v
            for w, v in zip(data.weeks, series)
        ])
    return _render(chart)


def rounds_per_week(data: MarketData) -> str:
    return _weekly(data, "Rounds per week, by stage", "rounds", lambda v: f"{v:,.0f}")


def money_per_week(data: MarketData) -> str:
    return _weekly(data, "Money raised per week (US dollars), by stage", "usd", money_short)


def amount_by_stage(data: MarketData) -> str:
    """How big rounds of each stage are: a box per stage on a log scale (seed and growth
    differ by three orders of magnitude), whiskers at the smallest and largest round."""
    chart = pygal.Box(**_config(
        title="Round size by stage (US dollars, log scale)", logarithmic=True, box_mode="extremes",
        value_formatter=money_short, show_legend=False, width=540, height=440, x_label_rotation=-30,
    ))
    colours, labels = [], []
    for stage in STAGE_NAMES:
        values = data.by_stage_usd.get(stage)
        if values:
            chart.add(f"{stage} ({len(values)})", values)
            labels.append(f"{stage} ({len(values)})")
            colours.append(STAGE_COLOURS[STAGE_NAMES.index(stage)])
    chart.x_labels = labels
    chart.y_labels = decade_ticks([v for vs in data.by_stage_usd.values() for v in vs])
    chart.config.style = Style(**{**_style_values(), "colors": tuple(colours) or STAGE_COLOURS})
    return _render(chart)


def _style_values() -> dict:
    return {k: getattr(STYLE, k) for k in (
        "background", "plot_background", "foreground", "foreground_strong", "foreground_subtle",
        "opacity", "opacity_hover", "font_family", "label_font_size", "major_label_font_size",
        "legend_font_size", "value_font_size", "title_font_size", "tooltip_font_size")}


def _horizontal(title: str, labels: list[str], series: list[tuple[str, list, str]], stacked=False,
                legend=True, width=900) -> str:
    kind = pygal.HorizontalStackedBar if stacked else pygal.HorizontalBar
    height = max(200, 100 + 30 * len(labels))
    style = Style(**{**_style_values(), "colors": tuple(c for _, _, c in series)})
    chart = kind(**_config(title=title, width=width, height=height, style=style, print_values=True,
                           print_values_position="center" if stacked else "top",
                           show_legend=legend, value_formatter=lambda v: f"{v:,.0f}" if v else ""))
    # pygal draws the first label at the bottom; reversed, the largest comes first.
    chart.x_labels = list(reversed(labels))
    totals = [sum(column) for column in zip(*(values for _, values, _ in series))] if stacked else \
        [v for _, values, _ in series for v in values]
    chart.y_labels = count_ticks(max(totals, default=1))
    for name, values, _ in series:
        chart.add(name, list(reversed(values)))
    return _render(chart)


LANGUAGE_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch",
    "pt": "Portuguese", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "sv": "Swedish",
    "da": "Danish", "no": "Norwegian", "fi": "Finnish", "pl": "Polish", "?": "Unknown",
}


def language_name(code: str) -> str:
    return LANGUAGE_NAMES.get(code, code)


def by_language(data: MarketData) -> str:
    labels = [language_name(code) for code, _ in data.languages]
    return _horizontal("Rounds by language of the source", labels,
                       [("rounds", [n for _, n in data.languages], "#2e86c1")], legend=False, width=540)


def investors(data: MarketData) -> str:
    rows = data.investors
    return _horizontal(
        "Most active investors: rounds led (dark) and joined (light)", [r["investor"] for r in rows],
        [("led the round", [r["led"] for r in rows], "#154360"),
         ("took part", [r["took_part"] for r in rows], "#7fb3d5")], stacked=True, legend=False)


FEED_COLOURS = {"ok": "#27ae60", "failing": "#c0392b", "disabled": "#7f8c8d"}


def feeds(data: MarketData) -> str:
    """Rounds each feed brought in the period; a failing feed's bar is red."""
    chart_rows = data.feeds
    style = Style(**{**_style_values(), "colors": ("#27ae60",)})
    chart = pygal.HorizontalBar(**_config(
        title="Rounds per feed (red: failing, grey: disabled or not polled)", style=style,
        height=max(200, 100 + 30 * len(chart_rows)), show_legend=False, print_values=True,
        value_formatter=lambda v: f"{v:,.0f}"))
    chart.y_labels = count_ticks(max((r["rounds_in_period"] for r in chart_rows), default=1))
    chart.x_labels = [r["name"] or r["url"] for r in reversed(chart_rows)]
    chart.add("rounds", [
        {"value": r["rounds_in_period"], "color": FEED_COLOURS.get(r["state"], "#7f8c8d")}
        for r in reversed(chart_rows)
    ])
    return _render(chart)


def render_all(data: MarketData) -> dict[str, str]:
    """The period's charts that have something to show, by name (the page's section ids).
    The feeds chart is drawn apart: it has something to show even when no round does."""
    out: dict[str, str] = {}
    if data.rounds:
        out["rounds-per-week"] = rounds_per_week(data)
        if data.disclosed:
            out["money-per-week"] = money_per_week(data)
            out["amount-by-stage"] = amount_by_stage(data)
        if data.languages:
            out["languages"] = by_language(data)
        if data.investors:
            out["investors"] = investors(data)
    return out
