"""The funding event record that extraction returns and the rest of fundwatch stores."""

from __future__ import annotations

from dataclasses import dataclass, field

ROUNDS = (
    "pre_seed", "seed", "angel",
    *(f"series_{c}" for c in "abcdefghijk"),
    "bridge", "convertible", "growth", "debt", "grant", "crowdfunding", "strategic", "unknown",
)
STATUSES = ("announced", "reported", "in_talks")


@dataclass
class FundingEvent:
    """One financing round of one company, as a text reports it."""

    company: str
    amount: int | None = None
    currency: str | None = None
    round: str = "unknown"
    extension: bool = False
    status: str = "announced"
    lead_investors: list[str] = field(default_factory=list)
    investors: list[str] = field(default_factory=list)
    valuation: dict | None = None
    main: bool = True
    confidence: float = 0.5
    evidence: str = ""
    # what the confidence was computed from (extraction.confidence); not part of the record
    signals: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.round not in ROUNDS:
            raise ValueError(f"unknown round {self.round!r}")
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")

    def as_dict(self) -> dict:
        """Plain JSON-ready dict; `investors` always includes the leads."""
        investors = list(self.investors)
        known = {n.casefold() for n in investors}
        for lead in self.lead_investors:
            if lead.casefold() not in known:
                investors.insert(0, lead)
                known.add(lead.casefold())
        return {
            "company": self.company,
            "amount": self.amount,
            "currency": self.currency,
            "round": self.round,
            "extension": self.extension,
            "status": self.status,
            "lead_investors": list(self.lead_investors),
            "investors": investors,
            "valuation": dict(self.valuation) if self.valuation else None,
            "main": self.main,
            "confidence": round(max(0.0, min(1.0, self.confidence)), 3),
            "evidence": self.evidence,
        }
