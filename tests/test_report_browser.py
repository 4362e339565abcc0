"""The report page in a real headless Chromium: it loads with no error, and every chart drew.

Chromium comes from Debian's packages; tests/support_browser.py installs it when
it can (root with apt-get) and the test skips, saying why, where it cannot.
"""

from __future__ import annotations

import pytest

from support_browser import Browser, chromium
from support_report import demo_cycle, fundwatch

# For each chart section: its series (pygal's g.series), how many of them have a
# value mark (bar, box: class "reactive") that the browser laid out with a
# non-zero size, and the size of the chart on the page. (A zero bar or a box of
# one round is legitimately flat, so marks are judged per series.)
MEASURE = """
(() => {
  const charts = {};
  const drawn = m => { const b = m.getBBox(); return b.width > 0 || b.height > 0; };
  for (const section of document.querySelectorAll('section.chart')) {
    const series = [...section.querySelectorAll('svg g.plot:not(.text-overlay):not(.overlay) > g.series')];
    const marks = section.querySelectorAll('svg .reactive').length;
    const shown = series.filter(s => [...s.querySelectorAll('.reactive')].some(drawn)).length;
    const box = section.querySelector('svg').getBoundingClientRect();
    charts[section.id] = {series: series.length, drawn: shown, marks, width: box.width, height: box.height};
  }
  return {charts, scripts: document.scripts.length, title: document.title};
})()
"""
# Installing Chromium (first run on a new machine) may take longer than the suite's 300 s.
pytestmark = pytest.mark.timeout(900)

CHARTS = {"rounds-per-week", "money-per-week", "amount-by-stage", "languages", "investors", "feeds"}


@pytest.fixture(scope="module")
def browser_path():
    path, why = chromium()
    if path is None:
        pytest.skip(why)
    return path


def test_the_page_opens_in_chromium_without_errors_and_every_chart_draws(browser_path, tmp_path):
    config = demo_cycle(tmp_path)
    done = fundwatch("report", "--config", str(config), "--out", "page.html", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    page = tmp_path / "page.html"
    with Browser(browser_path, width=1200, height=900) as browser:
        seen = browser.inspect(page.resolve().as_uri(), MEASURE)
    # No script error, no console error, no refused or failed load (the page fetches nothing).
    assert seen["problems"] == []
    value = seen["value"]
    assert value["scripts"] == 0
    assert set(value["charts"]) == CHARTS
    for name, chart in value["charts"].items():
        assert chart["marks"] > 0 and chart["series"] > 0 and chart["drawn"] == chart["series"], (name, chart)
        assert chart["width"] > 300 and chart["height"] > 100, (name, chart)
    png = seen["png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
    (tmp_path / "page.png").write_bytes(png)


def test_the_browser_check_catches_a_page_that_reaches_out(browser_path, tmp_path):
    """The check above is not blind: a remote script or an inline one is reported."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
        "<script src=\"https://cdn.example.test/x.js\"></script></head>"
        "<body><script>throw new Error('boom')</script></body></html>", encoding="utf-8")
    with Browser(browser_path) as browser:
        seen = browser.inspect(page.resolve().as_uri(), "1")
    text = " ".join(seen["problems"])
    assert "cdn.example.test" in text and "Content Security Policy" in text
