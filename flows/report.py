"""What one monitoring cycle did, for people (summary line, artifacts) and scripts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class CycleReport:
    feeds_due: int = 0
    feeds_ok: int = 0
    feeds_not_modified: int = 0
    feeds_failed: int = 0
    feeds_waiting: int = 0  # not polled this cycle: backing off after errors
    failed_feeds: list[tuple[str, str]] = field(default_factory=list)  # (url, error)
    new_entries: int = 0
    entries_left_out: int = 0  # entries of huge feed documents not read (the oldest)
    new_articles: int = 0
    articles_from_feed_text: int = 0  # page unreachable: extracted from the feed's own text
    syndicated_copies: int = 0
    unreadable_articles: list[tuple[str, str]] = field(default_factory=list)  # (url, error) the extractor failed on
    new_rounds: list[int] = field(default_factory=list)
    new_background: list[int] = field(default_factory=list)
    updated_rounds: list[int] = field(default_factory=list)
    articles_deferred: int = 0  # left on the to-do list for a later cycle (not reached, or may pass later)
    alerts_sent: int = 0
    alerts_failed: int = 0
    alerts_pending: int = 0
    alert_lines: list[str] = field(default_factory=list)
    skipped_reason: str | None = None  # set when the cycle did not run (another one held the lock)
    seconds: float = 0.0

    def summary_line(self) -> str:
        """The contract's last line of `fundwatch run`."""
        if self.skipped_reason:
            return f"cycle skipped: {self.skipped_reason}"
        feeds_ok = self.feeds_ok + self.feeds_not_modified
        line = (
            f"feeds {feeds_ok} ok, {self.feeds_failed} failed"
            + (f", {self.feeds_waiting} waiting after errors" if self.feeds_waiting else "")
            + f"; {self.new_articles} new articles"
        )
        if self.articles_from_feed_text:
            # Pages that could not be had: their rounds come from the feed's shorter text.
            line += f" ({self.articles_from_feed_text} from feed text)"
        line += f"; {len(self.new_rounds)} new rounds"
        if self.new_background:
            line += f" (+{len(self.new_background)} past rounds mentioned)"
        if self.updated_rounds:
            line += f" ({len(self.updated_rounds)} updated)"
        if self.unreadable_articles:
            line += f"; {len(self.unreadable_articles)} articles unreadable"
        if self.articles_deferred:
            line += f"; {self.articles_deferred} articles left for the next cycle"
        line += f"; {self.alerts_sent} alerts sent"
        if self.alerts_failed:
            line += f", {self.alerts_failed} failed (retried next cycle)"
        if self.alerts_pending:
            line += f", {self.alerts_pending} still pending"  # failed ones included: all not delivered
        return line + f" [{self.seconds:.1f}s]"

    def as_dict(self) -> dict:
        return asdict(self)

    def markdown(self) -> str:
        """A short summary for the flow run's Markdown artifact."""
        rows = [
            ("feeds polled", self.feeds_due),
            ("feeds unchanged (304)", self.feeds_not_modified),
            ("feeds failed", self.feeds_failed),
            ("feeds waiting after errors", self.feeds_waiting),
            ("new feed entries", self.new_entries),
            ("new articles", self.new_articles),
            ("articles read from feed text", self.articles_from_feed_text),
            ("articles left for the next cycle", self.articles_deferred),
            ("old feed entries left out (huge feeds)", self.entries_left_out),
            ("syndicated copies", self.syndicated_copies),
            ("new rounds", len(self.new_rounds)),
            ("past rounds mentioned in passing", len(self.new_background)),
            ("updated rounds", len(self.updated_rounds)),
            ("alerts sent", self.alerts_sent),
            ("alerts failed", self.alerts_failed),
        ]
        out = ["# fundwatch cycle", "", "| | |", "|---|---:|"]
        out += [f"| {label} | {value} |" for label, value in rows]
        if self.failed_feeds:
            out += ["", "## Failed feeds", ""]
            out += [f"- `{url}`: {_md_escape(error)}" for url, error in self.failed_feeds]
        return "\n".join(out) + "\n"


def _md_escape(text: str) -> str:
    # Error texts come from remote servers: keep them from forming links or markup.
    return "".join("\\" + c if c in "\\`*_{}[]()#+-.!|<>" else c for c in text)[:300]
