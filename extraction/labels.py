"""Item labels: "Kivano: Das Münchner Startup, das ..., erhält 5 Mio. Euro".

Round-ups, newsletters and tickers lead each item with the company's name and a colon, and
the sentence after the colon tells the company only by a description ("Das Münchner
Startup", "Die Berliner App für ...", "750.000 Euro für das Dortmunder Logistik-Startup").
No sentence pattern names the company there, and an invented name made of everyday words
("Nachtschicht", "Revierdaten") would not pass as a name on its own. The layout itself is
the evidence: a rare word before the colon, a description of a company right after it.
"""

from __future__ import annotations

import re

from extraction.names import describes_company
from extraction.plausibility import zipf

# one to three capitalised words, then a colon that ends the label
_LABEL = re.compile(r"(?P<name>[A-Z0-9ÄÖÜ][\w.&+'’-]*(?: [A-Z0-9ÄÖÜ&][\w.&+'’-]*){0,2}) ?: +(?=\S)")
# a section word ("Fazit:", "Update:", "Hintergrund:") is common; a company's name is not
_SECTION_ZIPF = 3.8


def item_label(sentence: str, lang: str) -> tuple[str, int] | None:
    """The label of "Name: <a description of a company> ..." and where the text after the colon
    starts; None when the sentence has no such label."""
    m = _LABEL.match(sentence)
    if not m:
        return None
    name = m.group("name")
    if " " not in name and zipf(name, lang) >= _SECTION_ZIPF:
        return None
    rest = sentence[m.end():]
    if not describes_company(rest, lang):
        return None
    return name, m.end()
