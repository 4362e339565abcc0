"""The market at a glance: one self-contained HTML page of what the database found.

    data.gather(db, since)  -> MarketData   (SQL over the views; live, sure, main rounds)
    charts.render_all(data) -> {name: svg}  (pygal, inline SVG, no script)
    page.render(data)       -> str          (the whole page: styles inline, no network)
    weekly.send_if_due(...)                 (the page to the alert targets once per ISO week)

Nothing here imports Prefect; flows/ calls it from the CLI and the cycle.
"""
