"""A small news site on a real 127.0.0.1 server, read by one real cycle (no Prefect).

    site = NewsSite(http_server)
    site.story("/a/tidewell", round_text("Tidewell", 11), head='<meta property="article:published_time" content="9999-12-31">')
    db_path, receiver = site.run_cycle(tmp_path)

Each story is an item of /feed.xml (with `pub_date` as its RSS pubDate when
given) and an HTML page with `head` added to its <head>.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from flows.demo_server import AlertReceiver
from support_cycle import plain_cycle
from support_http import Reply

RSS = "application/rss+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


def round_text(company: str, millions: int) -> str:
    """A paragraph the extractor reads as one Series A round of `company`."""
    return (f"{company}, a Lisbon startup that builds software for port logistics, has raised "
            f"€{millions} million in a Series A round led by Atlantic Harbour Ventures. Existing investor "
            "Quay Capital also took part. The company will use the money to expand to Rotterdam and Hamburg.")


class NewsSite:
    def __init__(self, server) -> None:
        self.server = server
        self.items: list[str] = []

    def story(self, path: str, text: str, title: str | None = None, head: str = "",
              pub_date: str | None = None, page_title: str | None = None) -> str:
        title = title or text.split(",")[0] + " raises a Series A"
        url = self.server.url(path)
        date = f"<pubDate>{escape(pub_date)}</pubDate>" if pub_date else ""
        self.items.append(f"<item><title>{escape(title)}</title><link>{url}</link><guid>{url}</guid>{date}"
                          f"<description>{escape(text[:80])}</description></item>")
        page_title = escape(page_title if page_title is not None else title)
        body = "".join(f"<p>{escape(text)}</p>" for _ in range(3))
        html = (f"<html lang='en'><head><title>{page_title}</title>{head}</head><body><article>"
                f"<h1>{page_title}</h1>{body}</article></body></html>")
        self.server.add(path, Reply(200, html.encode("utf-8"), {"Content-Type": HTML}))
        return url

    def feed_url(self) -> str:
        xml = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>News</title>'
               + "".join(self.items) + "</channel></rss>")
        return self.server.add("/feed.xml", Reply(200, xml.encode("utf-8"), {"Content-Type": RSS}))

    def run_cycle(self, tmp_path: Path, alert_format: str | None = None) -> tuple[Path, list[dict]]:
        """One cycle into tmp_path/fundwatch.db; the alerts a webhook receiver got."""
        db_path = tmp_path / "fundwatch.db"
        config = tmp_path / "fundwatch.toml"
        with AlertReceiver() as receiver:
            fmt = f'\nformat = "{alert_format}"' if alert_format else ""
            config.write_text(
                f'[storage]\ndb = "{db_path}"\n[http]\nallow_private_networks = true\njitter_seconds = 0\n'
                f'[[feeds]]\nurl = "{self.feed_url()}"\nlang = "en"\n'
                f'[[alerts]]\nurl = "{receiver.apprise_url}"{fmt}\n',
                encoding="utf-8",
            )
            plain_cycle(config)
            return db_path, list(receiver.received)
