"""Round-up items that open with their company's name and a dash (or a heading of their own).

"Kivano — La start-up lyonnaise, qui ..., lève 3 millions d'euros", "Pelvo — A fintech carioca
recebeu ...", "Orbix — Un round da 2 milioni per la startup ...": a weekly round-up gives each
item its company as a heading before a dash, and the sentence after the dash calls it by a
description ("la biotech marseillaise", "a agtech goiana") or not at all. The item's round is
the heading's company. Only a text with two or more such headings is a round-up: a single
"PARIS — " line is a dateline.
"""

from __future__ import annotations

import re

from extraction.names import is_descriptor, places
from extraction.plausibility import UNCOMMON, plausible_name, zipf

# (a bullet may lead, a bracketed town may follow the name: "• Tributei (São Paulo) — A regtech ...")
_ITEM = re.compile(r"^[→•·*>\s]*(?P<name>[A-ZÀ-Ý0-9][\w'’&.+-]*(?:\s[A-ZÀ-Ý0-9][\w'’&.+-]*){0,2})"
                   r"(?:\s\([^()]{1,30}\))?\s[—–]\s+(?=\S)")
# "→ Ondaria (Bilbao). La plataforma ... cierra una serie A": the heading is a sentence of its own,
# the name and its bracketed town; the item is the sentence after it
_ITEM_ALONE = re.compile(r"^[→•·*>\s]*(?P<name>[A-ZÀ-Ý0-9][\w'’&.+-]*(?:\s[A-ZÀ-Ý0-9][\w'’&.+-]*){0,2})"
                         r"\s\([^()]{1,30}\)[.:]?$")


# "Bäckerbox" on a line of its own, the item in the sentence below: a bare name as a heading counts
# only where three or more items of a list are so laid out
_NAME_ALONE = re.compile(r"^[→•·*>\s]*(?P<name>[A-ZÀ-Ý0-9][\w'’&.+-]*(?:\s[A-ZÀ-Ý0-9][\w'’&.+-]*){0,2})$")
_MIN_BARE = 3


def item_headings(sentences: list[str], lang: str, body: str, head: str | None) -> dict[int, str]:
    """Sentence index -> the company named by its item heading, in a round-up of such items."""
    found = {}
    bare = set()
    for i, sentence in enumerate(sentences):
        m = _ITEM.match(sentence)
        alone = None if m else _ITEM_ALONE.match(sentence.strip()) or _bare_heading(sentences, i)
        if alone and i + 1 < len(sentences):
            if not alone.group(0).rstrip().endswith((")", ").", "):")):
                bare.add(i + 1)
            m, i = alone, i + 1
        if not m:
            continue
        name = m.group("name")
        if name.lower() in places() or any(is_descriptor(t) for t in name.split()):
            continue
        # a bare heading of a list laid out so is its own evidence, if no everyday word
        if not (plausible_name(name, lang, body, head) or i in bare and all(zipf(t, lang) < UNCOMMON for t in name.split())):
            continue
        if name.isupper():  # "BIOPLUME": the spelling the article uses elsewhere, if any
            for text in (head or "", body):
                for w in re.finditer(rf"(?i)(?<![\w-]){re.escape(name)}(?![\w-])", text):
                    if not w.group(0).isupper():
                        name = w.group(0)
                        break
                if not name.isupper():
                    break
        found[i] = name
    if len(bare & set(found)) < _MIN_BARE:
        found = {i: n for i, n in found.items() if i not in bare}
    return found if len(set(found.values())) >= 2 else {}


def _bare_heading(sentences: list[str], i: int) -> re.Match[str] | None:
    """A name alone on its line, followed by a sentence (not by another short line)."""
    m = _NAME_ALONE.match(sentences[i].strip())
    if not m or i + 1 >= len(sentences) or len(sentences[i + 1].split()) < 6:
        return None
    return m


# a word of the item's description right before the name: "Die App für Parkplatz-Sharing"
_IN_DESCRIPTION = re.compile(r"(?i)\b(?:für|von|aus|mit|for|of|from|pour|de|para|per|voor)\s+$")


def keeps_own_name(name: str | None, heading: str, lang: str, body: str, head: str | None,
                   sentence: str = "") -> bool:
    """Whether a name the sentence reader found in an item stands (another company named in full),
    rather than a description or a place ("a startup de Belo Horizonte") the heading replaces."""
    if not name or name.lower() == heading.lower():
        return bool(name)
    at = sentence.find(name)
    if at > 0 and _IN_DESCRIPTION.search(sentence, max(0, at - 8), at) and heading not in sentence:
        return False  # what the item's company offers, not another company
    if not name[:1].isupper() or name.lower() in places():
        return False
    if any(zipf(t, lang) >= UNCOMMON for t in name.split()):
        return False
    return plausible_name(name, lang, body, head)
