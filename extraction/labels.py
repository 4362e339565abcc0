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
from typing import NamedTuple

from extraction.companies import ANAPHORA, Found
from extraction.evidence import CHANNEL_BEFORE
from extraction.headlines import is_headline
from extraction.names import BACKER_KIND, COLUMN_NAME, LABEL, describes_company, is_descriptor, places, town_adjective
from extraction.plausibility import plausible_name, zipf

# a dash after a bracketed town ends a deal line's name field ("Kivano (Berlin) – 3 Mio. Euro")
_PLAIN_LABEL_END = re.compile(r" \([^()]{1,30}\)(?: [–—-]| ?:) ")
_DEFINITE_OPENING = re.compile(r"(?i)(?:das|die|der|the|la|le|el|il|a|o|de|het)\s")
# a section word ("Fazit:", "Update:", "Hintergrund:") is common; a company's name is not
_SECTION_ZIPF = 3.8


# page chrome that labels a link ("RELATED:", "Lesetipp:", "Auch interessant:")
_LINK_LABEL = re.compile(r"(?i)related|lesetipps?|lesetipp der redaktion|auch interessant|siehe auch|see also|also read|"
                         r"read more|read also|weiterlesen|mehr dazu|passend dazu")


class Label(NamedTuple):
    name: str
    end: int  # where the item's text after the label starts
    described: bool  # the text describes a company or opens with its amount: it may take a name's place
    # a headline "Name: <amount> for <purpose>" ("Senzo: 5 millones para conquistar Europa"): no
    # description vouches for the money, so the caller checks it is no revenue, fund or purchase
    headline: bool = False


def item_label(sentence: str, lang: str) -> Label | None:
    """The label of "Name: <a description of a company> ..." (or of any item so laid out, whose
    text may refer to it: "Panen — Openspace Ventures led a Series A in the marketplace"); None
    when the sentence has no such label."""
    m = LABEL.match(sentence)
    if not m:
        return None
    name = m.group("name")
    if _LINK_LABEL.fullmatch(name):
        return None  # "RELATED: Kapsel Labs: ...": a link to another article, not an item's company
    if " " not in name and zipf(name, lang) >= _SECTION_ZIPF or name.lower() in places() or COLUMN_NAME.search(name):
        return None
    rest = sentence[m.end():]
    if _names_its_company(rest, name):
        return None  # "Leoben – Das Montanuni-Spin-off Grüngas Technik GmbH, das ...": a dateline
    # "Tonspur.ai (Berlin) – 3 Mio. Euro Seed für KI-Synchronisation": an item opened by its amount
    opened_by_amount = rest[:1].isdigit() and _PLAIN_LABEL_END.match(sentence, m.end("name"))
    described = bool(describes_company(rest, lang) or opened_by_amount or _placed_and_referred(sentence, m, rest))
    # "Senzo: 5 millones de euros para conquistar Europa", "Senzo : 5 millions d'euros pour ...": a
    # headline whose name before the colon takes the amount that opens what follows, given for a purpose
    headline = not described and is_headline(sentence) and bool(_AMOUNT_OPENS.match(rest)) \
        and not BACKER_KIND.search(name) and plausible_name(name, lang, sentence, sentence)
    return Label(name, m.end(), described or headline, headline)


# an amount first, with its currency sign before it: "5 millones", "$5 million", "R$ 5 milhões", "€5m"
_AMOUNT_OPENS = re.compile(r"(?:(?:[A-Z]{1,3})?[$€£]\s?)?\d")


# "Pflegeplan (Hannover): Die Software für ...", "VitaMed AG (Basel): Die Baselerin sammelt ...":
# a round-up's item whose name carries its bracketed town, and whose text opens with an article and a
# noun, refers to the item's company by any noun (a product, a demonym), not only by a descriptor's
_ARTICLE_NOUN = re.compile(r"(?:Das|Die|Der) (?-i:[A-ZÄÖÜ])[\w-]+\s")


def _placed_and_referred(sentence: str, m: re.Match[str], rest: str) -> bool:
    if not _PLAIN_LABEL_END.match(sentence, m.end("name")) or not _ARTICLE_NOUN.match(rest):
        return False
    noun = rest.split()[1]
    return not BACKER_KIND.search(noun)


# what follows an item's amount when the item's description is its recipient
_FOR_ITEM = re.compile(r"\s+(?:für|gehen an|fließen an|fließen in|for|go to|goes to|pour|para|per|voor)\s")
# ... and in a headline, the purpose it is for: "para conquistar Europa", "to take on Europe", "für die Expansion"
_FOR_PURPOSE = re.compile(r"\s+(?:für|for|to|pour|para|per|voor)\s+(?:(?:die|das|den|the|la|le|l['’]|el|a|o|il|de|het)\s+)?(?-i:[a-zà-ÿ])")
_FOR_PLACE_ADJECTIVE = re.compile(r"\s+(?:für|for|to|pour|para|per|voor)\s+(?:(?:de|het|the)\s+)?((?-i:[A-ZÀ-Ý])\w+)\s+(?-i:[a-zà-ÿ])")
_FOR_BEFORE = re.compile(r"(?i)\b(?:für|for|pour|para|per|voor)\s+$")
# a word of the item's description before a name: "Der Kieler Anbieter von Küstenschutz-Sensoren"
_IN_DESCRIPTION = re.compile(r"(?i)\b(?:von|für|aus|mit|of|for|from|de|des|du|di|del|van|voor)\s+(?:[\w-]+\s+){0,2}$")


def amount_for_item(sentence: str, label: Label, start: int, end: int) -> bool:
    """The item opens with the amount at start..end, given for its description: "Lagerlicht:
    750.000 Euro für das Dortmunder Logistik-Startup"."""
    if label.headline:
        place = _FOR_PLACE_ADJECTIVE.match(sentence, end)  # "Senzo: 5 miljoen euro voor Europese groei"
        return start == label.end and bool(_FOR_PURPOSE.match(sentence, end) or place and town_adjective(place.group(1)))
    return label.described and start == label.end and bool(_FOR_ITEM.match(sentence, end))


_DEMONYM_OF_TOWN = re.compile(r"(\w{3,})(?:erin|erinnen)")


def label_takes(found: Found | None, sentence: str, label: Label, lang: str, body: str,
                head: str | None) -> bool:
    """In an item led by a company's name, the company the sentence tells only by a reference or
    a description ("Das Essener Startup", "die Berliner App für ... und Einzelhandel") is the label's."""
    if found is not None and found.name == ANAPHORA:
        return True  # "... led a Series A in the agri-input marketplace": the item's company
    if found is not None and _channel(sentence, label, found.name):
        return True  # "Via crowdfundingplatform X haalde de bezorger ... op": X is the channel
    if not label.described:
        return False
    if found is None or found.how in ("evidence", "orphan", "gapping"):
        return True
    if found.name == label[0]:
        return False
    if _DEMONYM_OF_TOWN.fullmatch(found.name) and _DEMONYM_OF_TOWN.fullmatch(found.name).group(1).lower() in places():
        return True  # "Die Baselerin sammelt ...": the company called by its town, as a person would be
    at = sentence.find(found.name, label[1])
    if at > 0 and _IN_DESCRIPTION.search(sentence, label[1], at):
        return True  # the name completes the description: what the company offers, not who it is
    if at > 0 and sentence[label[1]:label[1] + 1].isdigit() and _FOR_BEFORE.search(sentence, label[1], at):
        return True  # "3 Mio. Euro Seed für KI-Synchronisation": what the item's money is for
    return not plausible_name(found.name, lang, body, head)


def _channel(sentence: str, label: Label, name: str) -> bool:
    at = sentence.find(name, label[1])
    return at > 0 and bool(CHANNEL_BEFORE.search(sentence[max(label[1], at - 60):at]))


def _names_its_company(rest: str, label: str) -> bool:
    """The text after the label opens with a description and the name it describes ("Das
    Montanuni-Spin-off Grüngas Technik GmbH"): the label before it is a town's dateline."""
    if not _DEFINITE_OPENING.match(rest):
        return False
    words = rest.split()[1:6]
    first = words[0].strip(",;:") if words else ""
    if first[:1].isupper() and not (is_descriptor(first) or town_adjective(first) or first.endswith("-based")):
        # "Die Kesselgas Technik GmbH, ein Spin-off ...": a name right after the article
        return first != label and len(words) > 1 and words[1][:1].isupper()
    k = next((i for i, w in enumerate(words[:4]) if is_descriptor(w.strip(",;:"))), None)
    if k is None or k + 1 >= len(words) or words[k].endswith((",", ";", ":")):
        return False
    following = words[k + 1]
    return following[:1].isupper() and following.strip(",;:") != label and not is_descriptor(following)
