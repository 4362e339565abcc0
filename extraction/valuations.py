"""Valuations: which round an amount read as a valuation belongs to.

The reader of sentences sets aside each amount whose role is a valuation ("at a valuation of $2B",
"die Bewertung soll bei 60 Mio. Euro liegen") with the index of its sentence. Once the rounds have
their companies, each goes to the latest round told in the six sentences up to it, when its own
sentence names that round's company, points back to it ("which values the company at", "seine
Bewertung") or names no other company; a valuation of another company ("WeWork, which was valued
at ...") is no round's.
"""

from __future__ import annotations

import re

from extraction.drafts import Draft
from extraction.grammar import Grammar
from extraction.mentions import company_mentions
from extraction.money import Money


# words that point back to the round or its company: "which values the company at", "seine Bewertung"
_REFERS_BACK = re.compile(
    r"(?i)\b(?:it|its|the company|the startup|the firm|das unternehmen|das startup|die firma|"
    r"seine bewertung|ihre bewertung|es|damit|somit|nun|now|"
    # "L'opération ... valoriserait la jeune pousse", "La operación valoraría la compañía": the round
    # or its company told again in the Romance languages and Dutch
    r"l['’]op[ée]ration|la operación|a operação|l['’]operazione|la (?:société|compañía|empresa|società|"
    r"start-?up|jeune pousse)|a (?:empresa|startup|companhia)|l['’]entreprise|l['’]azienda|het bedrijf|de ronde)\b")
_VALUATION_BACK = re.compile(r"(?i)\bdie bewertung\b")


def attach_valuations(pending_val: list[tuple[int, Money]], resolved: list[Draft], sentences: list[str],
                      body: str, g: Grammar) -> None:
    """Sets the valuation of the round each valuation in `pending_val` (sentence index, amount) is of."""
    for idx, val in pending_val:
        near = [d for d in resolved if 0 <= idx - d.sentence <= 6]
        if not near or near[-1].valuation is not None:
            continue
        target = near[-1]
        text_v = sentences[idx][:val.span[0]]
        named = any(len(w) > 2 and w.lower() in text_v.lower() for w in target.company.split())
        others = g.code == "en" and any(w not in target.company for w in re.findall(r"(?<=[a-z,] )[A-Z][\w-]+", text_v))
        # "..., which values the company at": the clause itself points back to the round's company
        back = g.code == "en" and _REFERS_BACK.search(text_v[text_v.rfind(",") + 1:])
        if others and not named and not back:
            continue  # "WeWork, which was valued at ..." is another company's valuation
        unnamed = idx - target.sentence <= 1 and not company_mentions(text_v, body) and not (
            g.code == "en" and re.search(r"(?<=[a-z,] )[A-Z][a-z]+", text_v))
        # "Die Bewertung soll bei rund 60 Mio. Euro liegen": a valuation told a few sentences after the round, of no company named in its own sentence
        told_after = idx - target.sentence <= 3 and _VALUATION_BACK.search(text_v) and not company_mentions(text_v, body)
        if target.sentence == idx or named or _REFERS_BACK.search(text_v) or unnamed or told_after:
            target.valuation = val
