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

from extraction.listings import read_line
from extraction.money import parse_money
from extraction.names import is_descriptor, places
from extraction.plausibility import UNCOMMON, check_name, plausible_name, zipf
from extraction.rounds import find_rounds

# a bullet may lead: arrows, dots, triangles, or a country's flag ("🇸🇳 Sénégal — Yaatal"), or an
# emoji a newsletter uses as its bullet ("🟢 Tamborim — R$ 150 milhões", "🔹 Zolla – 7 milioni", "➡️", "📌")
_BULLET = (r"^[→•·*>▶►▸■◆✓▪▫●○◇◦\s\U0001F1E6-\U0001F1FF\u2190-\u21FF\u25A0-\u25FF\u2600-\u27BF"
           r"\u2B00-\u2BFF\uFE0F\U0001F300-\U0001FAFF]*")
_NAME = r"(?P<name>[A-ZÀ-Ý0-9][\w'’&.+-]*(?:\s[A-ZÀ-Ý0-9][\w'’&.+-]*){0,2})"
# (a bracketed town may follow the name: "• Tributei (São Paulo) — A regtech ...")
_ITEM = re.compile(_BULLET + _NAME + r"(?:\s\([^()]{1,30}\))?\s[—–]\s+(?=\S)")
# "→ Ondaria (Bilbao). La plataforma ... cierra una serie A": the heading is a sentence of its own,
# the name and its bracketed town; the item is the sentence after it
_ITEM_ALONE = re.compile(_BULLET + _NAME + r"\s\([^()]{1,30}\)[.:]?$")
# "Tintero" / "La plataforma madrileña ... levanta 2,3 M€": a bare name on a line of its own heads
# the item when the next sentence opens with an article (a description of the company) or the name
_NAME_ALONE = re.compile(_BULLET + _NAME + r"$")
_ARTICLE_START = re.compile(r"(?i)^(?:la|el|le|les|los|las|l['’]|a|o|as|os|il|lo|gli|de|het|een|un|une|una|uma|um|the)"
                            r"(?:\s|(?<=['’]))")
# "Vetorial — valor não divulgado", "Opaline SAS – montant non communiqué": the size withheld
_WITHHELD = re.compile(r"(?i)^(?:montant|monto|montante|valor|importo|cifra|bedrag|amount)?\s*"
                       r"(?:non|no|não|niet|not|n\.)\s*\w+\.?$")
_TAIL_PAREN = re.compile(r"\s*\([^()]{1,30}\)\s*$")
_BODY_SENTENCES = 3  # an item's text after a heading line runs a few sentences at most


def _heading_only(tail: str, lang: str) -> bool:
    """The text after a heading's dash is the item's amount (or its withheld size) and nothing more:
    "Lumio (Lyon) – 24 M€", "Paisa Cloud — US$ 22 millones (Serie B)". The item's story follows."""
    bare = _TAIL_PAREN.sub("", tail).strip(" .")
    if not bare or _WITHHELD.match(bare):
        return True
    money = [m for m in parse_money(bare, lang) if m.currency or m.has_scale]
    return len(money) == 1 and not (bare[:money[0].span[0]] + bare[money[0].span[1]:]).strip(" .")


# compiled once: built and looked up in re's cache for every sentence, it cost more than its match
_FLAG_HEADING = re.compile(_BULLET + r"(?P<place>[^—–]{2,40}?)\s[—–]\s+(?P<name>[^—–]{2,40})$")


def _flag_heading(sentence: str, lang: str, body: str, head: str | None) -> str | None:
    """ "🇸🇳 Sénégal — Yaatal": a place, a dash, and the company's name, the heading of its item."""
    if "—" not in sentence and "–" not in sentence:
        return None  # the heading needs its dash; most sentences have none
    m = _FLAG_HEADING.match(sentence.strip())
    if not m:
        return None
    place = _TAIL_PAREN.sub("", m.group("place")).strip().lower()
    name = m.group("name").strip()
    if place not in places() or not re.fullmatch(_NAME, name) or not plausible_name(name, lang, body, head):
        return None
    return name


_PRONOUN_START = re.compile(r"(?i)^(?:elle|il|ella|ela|ele|essa|esso|zij|hij|het bedrijf)\b")


def _refers_back(sentence: str, name: str) -> bool:
    """A later sentence of an item goes on about its company: it opens with an article ("La compañía,
    que ...", "A empresa já havia captado"), a pronoun ("Elle avait levé") or the name itself."""
    return bool(_ARTICLE_START.match(sentence) or _PRONOUN_START.match(sentence)
                or sentence.startswith(name.split()[0]))


def _looks_like_heading(sentence: str) -> bool:
    return bool(_ITEM.match(sentence) or _ITEM_ALONE.match(sentence.strip()) or _NAME_ALONE.match(sentence.strip()))


# "Bäckerbox" on a line of its own, the item in the sentence below (whatever that sentence opens
# with): such a bare name as a heading counts only where three or more items of a list are so laid out
_MIN_BARE = 3


def _next_items_line(sentences: list[str], j: int, name: str, lang: str, body: str, head: str | None) -> bool:
    """"N°5 : Mistral avec 8 M€" under "4e : Fjordly (Paris) – 4,5 M€": the line is the next item's own
    deal line, naming a company of its own that looks like a name (a rare word) or that the text
    goes on about; a field label under a heading ("Objetivo: 600.000 €") is none."""
    listed = read_line(sentences[j], lang)
    if not listed or listed.company.lower() == name.lower():
        return False
    rare = plausible_name(listed.company, lang, body, head) and all(zipf(t, lang) < UNCOMMON for t in listed.company.split())
    return rare or (j + 1 < len(sentences) and listed.company in sentences[j + 1])


def item_headings(sentences: list[str], lang: str, body: str, head: str | None) -> dict[int, str]:
    """Sentence index -> the company named by its item heading, in a round-up of such items.

    A heading line that tells nothing but the name (and its town, amount or flag) heads the
    sentences after it, up to the next heading."""
    found, spans, weak = {}, {}, {}
    loose = set()  # bare names over a sentence of any opening: they need _MIN_BARE of their kind
    bare_weak = {}  # bare names of everyday words ("Kompass") over an item telling a deal
    for i, sentence in enumerate(sentences):
        m = _ITEM.match(sentence)
        if m and m.group("name").lower() in places():
            m = None  # "🇸🇳 Sénégal — Yaatal": the place heads, the name follows (below)
        alone = None if m else _ITEM_ALONE.match(sentence.strip())
        heads_body = False
        if m:
            heads_body = _heading_only(sentence[m.end():], lang)
        elif alone and i + 1 < len(sentences):
            m, heads_body = alone, True
        elif i + 1 < len(sentences) and (bare := _NAME_ALONE.match(sentence.strip())) and (
                _ARTICLE_START.match(sentences[i + 1]) or sentences[i + 1].startswith(bare.group("name").split()[0])):
            m, heads_body = bare, True
        elif bare := _bare_heading(sentences, i):
            m, heads_body = bare, True
            loose.add(i)
        flag = None if m else _flag_heading(sentence, lang, body, head)
        if flag:
            name, heads_body = flag, True
        elif not m:
            continue
        else:
            name = m.group("name")
        if name.lower() in places() or any(is_descriptor(t) for t in name.split()):
            continue
        # a bare heading of a list laid out so is its own evidence, if no everyday word
        if not (plausible_name(name, lang, body, head)
                or i in loose and all(zipf(t, lang) < UNCOMMON for t in name.split())):
            if m is not None and not sentence[m.end():].strip() and not alone and i + 1 < len(sentences) \
                    and check_name(name, lang, body, head).weak and _tells_a_deal(" ".join(sentences[i + 1:i + 3]), lang):
                bare_weak[i] = name
            if m is not None and sentence[m.end():].strip() and not alone and (
                    heads_body or _opens_with_amount(sentence[m.end():], lang)):
                # "🟢 Aula Solar — R$ 3,5 milhões", "• Entrega Já (Recife) — US$ 3 milhões em seed da X":
                # everyday words, kept if others head items alike
                weak[i] = (name, heads_body)
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
        if heads_body:
            spans[i] = name
    if len(loose & set(found)) < _MIN_BARE:
        found = {i: n for i, n in found.items() if i not in loose}
        spans = {i: n for i, n in spans.items() if i not in loose}
    # "Flink", "Kompass", "Wolke": a startup's name is often an everyday word; alone on its line over
    # an item that tells a deal, it heads the item when _MIN_BARE names of the list are laid out alike
    if bare_weak and sum(1 for i in found if _NAME_ALONE.match(sentences[i].strip())) >= _MIN_BARE:
        found.update(bare_weak)
        spans.update(bare_weak)
    if len(set(found.values())) < 2:
        return {}
    # a name of everyday words ("Aula Solar", "Cuida+") heads its item when two or more plausible
    # names head theirs with the same "Name — amount" layout: the list's layout vouches for it
    if sum(1 for i in found if (m := _ITEM.match(sentences[i])) and (
            i in spans or _opens_with_amount(sentences[i][m.end():], lang))) >= 2:
        for i, (name, heads) in weak.items():
            found[i] = name
            if heads:
                spans[i] = name
    starts = sorted(found)
    for i, name in spans.items():
        nxt = next((j for j in starts if j > i), len(sentences))
        for j in range(i + 1, min(nxt, i + 1 + _BODY_SENTENCES)):
            if j > i + 1 and (_looks_like_heading(sentences[j]) or not _refers_back(sentences[j], name)):
                break  # the next item, whose name the checks above did not take, or a new topic
            if _next_items_line(sentences, j, name, lang, body, head):
                break
            found[j] = name
    if len({name for i, name in found.items() if _tells_a_deal(sentences[i], lang)}) < 2:
        return {}  # "TECH MTL — Financement" over a byline ("Marie-Ève Tremblay"): page chrome, no round-up
    return found


def _opens_with_amount(tail: str, lang: str) -> bool:
    """The item's text after its dash opens with its amount: "US$ 3 milhões em seed da X"."""
    money = [m for m in parse_money(tail, lang) if m.currency or m.has_scale]
    return bool(money) and not tail[:money[0].span[0]].strip()


def _tells_a_deal(sentence: str, lang: str) -> bool:
    """An item of a round-up tells a deal: an amount, a round's name, or its size withheld."""
    return bool(any(m.currency or m.has_scale for m in parse_money(sentence, lang)) or find_rounds(sentence)
                or re.search(r"(?i)\b(?:non|no|não|niet|not)\s+(?:communiqué|revelad|divulgad|comunicad|disclosed|bekend)", sentence))


_ELIDED_DESCRIPTION = re.compile(r"^(?:L|D|l|d)['’](?-i:[a-zà-ÿ])")


def _bare_heading(sentences: list[str], i: int) -> re.Match[str] | None:
    """A name alone on its line, followed by a sentence (not by another short line)."""
    m = _NAME_ALONE.match(sentences[i].strip())
    if not m or i + 1 >= len(sentences) or len(sentences[i + 1].split()) < 6:
        return None
    return m


# a word of the item's description right before the name: "Die App für Parkplatz-Sharing"
_IN_DESCRIPTION = re.compile(r"(?i)\b(?:für|von|aus|mit|for|of|from|pour|de|para|per|voor)\s+$")


# a sentence that opens on a name and introduces it with an apposition: "X, a Brooklyn-based startup ..."
_INTRODUCED = re.compile(r"\.?,\s+(?:a|an)\s")


def keeps_own_name(name: str | None, heading: str, lang: str, body: str, head: str | None,
                   sentence: str = "") -> bool:
    """Whether a name the sentence reader found in an item stands (another company named in full),
    rather than a description or a place ("a startup de Belo Horizonte") the heading replaces."""
    if not name or name.lower() == heading.lower():
        return bool(name)
    if _ELIDED_DESCRIPTION.match(name):
        return False  # "L'agritech emiliana ... raccoglie": an elided article and a description
    at = sentence.find(name)
    if at > 0 and _IN_DESCRIPTION.search(sentence, max(0, at - 8), at) and heading not in sentence:
        return False  # what the item's company offers, not another company
    if not name[:1].isupper() or name.lower() in places():
        return False
    if sentence.startswith(name) and _INTRODUCED.match(sentence, len(name)):
        return True  # "Patchwork, a three-year-old, New York-based platform ..., has raised": the item introduces its own company
    if any(zipf(t, lang) >= UNCOMMON for t in name.split()):
        return False
    return plausible_name(name, lang, body, head)
