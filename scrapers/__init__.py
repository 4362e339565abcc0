"""Network and HTML -> text: one HTTP client, feeds from bytes, article text from HTML.

No Prefect here; parsers take bytes, never URLs. A cycle, as the flow runs it::

    from scrapers.http import HttpSettings, Fetcher
    from scrapers.poll import poll_feeds, fetch_articles
    import storage.feeds as feed_store

    feed_store.sync_feeds(db, config.feeds)             # the config is the source of truth
    due = feed_store.due_feeds(db, now)                 # backoff, Retry-After, max-age respected
    async with Fetcher(config.http) as fetcher:         # one client, global + per-host limits
        polls = await poll_feeds(fetcher, due)          # one FeedPoll per feed, never raises
        new = [e for p in polls for e in feed_store.record_poll(db, p, now)]
        docs = await fetch_articles(fetcher, feed_store.entries_to_fetch(db, new))
    feed_store.save_articles(db, docs)                  # or save_article(db, doc) one by one

Modules: `http` (settings, the client, address checks, size cap, redirects),
`feeds` (parse_feed), `articles` (extract_article), `urls` (canonicalize),
`dates`, `robots`, `poll`, `models` (the dataclasses passed around).
"""
