"""Article -> funding events: pure functions, no I/O, one grammar module per language."""

from extraction.model import FundingEvent
from extraction.money import Money, format_money, parse_money
from extraction.pipeline import extract_events

__all__ = ["FundingEvent", "Money", "extract_events", "format_money", "parse_money"]
