"""Brands styled in lower case ("zapt levanta US$ 15 milhões", "loodz, een start-up die ...").

The name readers want a capital letter. A lower-case word is taken for a styled brand when the
article itself shows it: it opens a sentence, a line or a headline in lower case (where prose
writes a capital), it stands in a name slot right before a comma or a bracket ("nubbi, que ...",
"pagaloo (Madrid)"), it recurs (or leads a round-up item: "kolo (Paris) : ..."), it is never written with a capital, and it is no word of the
lexicons. Such words are capitalised for the extraction (same length, so offsets hold) and given
back their own spelling in the events.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

_TOKEN = re.compile(r"(?<![\w@./'’-])([a-zà-ÿ][a-zà-ÿ0-9]{2,})(?![\w@/'’-]|\.\w)")
_OPENS = re.compile(r"(?:^|\n)[\s→•*·>-]*$|[.!?]\s+$|\s[–—]\s+$")
_SLOT = re.compile(r",| \(")
_LABEL = re.compile(r" \([^()\n]{1,60}\)(?: [–—-]| ?[:.]) ")
# a round-up item's label opens its line, after a bullet if any: "• brightloop (Austin; HVAC) — $8M"
_LINE_START = re.compile(r"(?:^|\n)[ \t→•*·>-]*$")
# words of the languages the lexicons do not hold (English and German are code, not data)
_FUNCTION = {
    "and", "the", "that", "which", "who", "with", "for", "from", "has", "had", "are", "they", "companies",
    "und", "der", "die", "das", "den", "dem", "des", "von", "als", "auch", "ist", "ein", "eine", "nicht",
    "que", "qui", "une", "des", "les", "pour", "dans", "por", "para", "con", "una", "uno", "per", "che",
    "een", "het", "van", "voor", "met", "dat", "die",
}


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    words: set[str] = set(_FUNCTION)
    data = resources.files("extraction") / "data"
    sources = [p for p in (data / "lexicons").iterdir() if p.name.endswith(".toml")]
    sources.append(data / "descriptors.txt")
    for src in sources:
        words.update(w.lower() for w in re.findall(r"[^\W\d_]{3,}", src.read_text(encoding="utf-8")))
    return frozenset(words)


def brands(title: str | None, text: str) -> dict[str, str]:
    """Styled lower-case brand -> its capitalised form, for the article `title` + `text`."""
    full = (title or "") + "\n" + (text or "")
    if _SPANNING in full:
        return _brands_of(full, [(m.group(1), m.start(), m.end()) for m in _TOKEN.finditer(full)])
    # a brand needs a name slot somewhere: only the few words that stand in one are followed
    # further, each at its own places (str.find), instead of every lower-case word of the article
    tokens = []
    for word in _slot_words(full):
        start = 0
        while (i := full.find(word, start)) >= 0:
            start = i + 1
            m = _TOKEN.match(full, i)
            if m is not None and m.end() == i + len(word):
                tokens.append((word, i, m.end()))
    return _brands_of(full, tokens)


# the one character of the token class that is no word character: a token holding it may
# enclose a shorter one, and the article is then read token by token
_SPANNING = "\u00f7"


def _in_token(ch: str) -> bool:
    return "a" <= ch <= "z" or "\u00e0" <= ch <= "\u00ff" or "0" <= ch <= "9"  # _TOKEN's [a-zà-ÿ0-9]


def _slot_words(full: str) -> set[str]:
    """The words of `_TOKEN` that stand right before a name slot (a comma or a bracket), read
    back from each slot: a token ends there only where its run of letters does."""
    words: set[str] = set()
    for slot in _SLOT.finditer(full):
        end = start = slot.start()
        while start > 0 and _in_token(full[start - 1]):
            start -= 1
        if end - start >= 3:
            m = _TOKEN.match(full, start)
            if m is not None and m.end() == end:
                words.add(m.group(1))
    return words


def _brands_of(full: str, tokens: list[tuple[str, int, int]]) -> dict[str, str]:
    """The brands among `tokens` (word, start, end): every token of a word that stands in a
    name slot somewhere, or every token of the article."""
    counts: dict[str, int] = {}
    opens: set[str] = set()
    slots: set[str] = set()
    labels: set[str] = set()  # "kolo (Paris) : ...": a round-up item's label, enough on its own
    for w, start, end in tokens:
        counts[w] = counts.get(w, 0) + 1
        if _SLOT.match(full, end):
            slots.add(w)
    # a brand needs a name slot somewhere; the costlier look-behinds run only for such words
    for w, start, end in tokens:
        if w not in slots:
            continue
        if start == 0 or _OPENS.search(full[max(0, start - 6):start]):
            opens.add(w)
        if _LABEL.match(full, end) and _LINE_START.search(full[max(0, start - 6):start]):
            labels.add(w)
    out: dict[str, str] = {}
    for w in opens & slots:
        cap = w[0].upper() + w[1:]
        if counts[w] < 2 and w not in labels or w in _lexicon_words() or _stands_alone(cap, full):
            continue
        out[w] = cap
    return out


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # re's \w


def _stands_alone(word: str, text: str) -> bool:
    r"""`re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", text)`, read at each place the word
    stands (str.find) instead: a pattern led by a look-behind is tried at every offset of the
    article, and was compiled anew for each word."""
    start = 0
    while (i := text.find(word, start)) >= 0:
        start = i + 1
        end = i + len(word)
        if (i == 0 or not _is_word_char(text[i - 1])) and (end == len(text) or not _is_word_char(text[end])):
            return True
    return False


def capitalise(text: str | None, names: dict[str, str]) -> str | None:
    if not text or not names:
        return text
    pattern = re.compile(r"(?<![\w@./'’-])(" + "|".join(map(re.escape, names)) + r")(?![\w@/'’-]|\.\w)")
    return pattern.sub(lambda m: names[m.group(1)], text)


def restore(events: list, names: dict[str, str]) -> list:
    """Give the styled brands back their lower-case spelling in `events`."""
    if not names:
        return events
    back = {cap: low for low, cap in names.items()}
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, back)) + r")(?!\w)")

    def fix(s: str) -> str:
        return pattern.sub(lambda m: back[m.group(1)], s) if isinstance(s, str) else s

    for e in events:
        e.company = fix(e.company)
        e.evidence = fix(e.evidence)
        e.lead_investors = [fix(x) for x in e.lead_investors]
        e.investors = [fix(x) for x in e.investors]
        if hasattr(e, "aliases") and isinstance(e.aliases, list):
            e.aliases = [fix(x) for x in e.aliases]
    return events
