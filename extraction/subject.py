"""The article's subject company: who the news is about.

A funding article is about one company far more often than not, and tells it in its
headline ("Movinga: Investoren pumpen 17 Mio. in ...", "X holt sich ..."), its first
sentence and the names it repeats. Sentences that carry the money often name no one
("Das Start-up bekommt 5 Millionen Euro", "the Bengaluru-based startup raised ...");
they refer to this subject.

Candidates are runs of name-like tokens; each is scored on features that carry from one
article to the next: standing in the headline, in the first sentences, how often the
article repeats it, and whether it looks like a name at all (extraction.plausibility).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from extraction.names import COLUMN_NAME, LEGAL_FORMS, is_descriptor, name_from_phrase, town_adjective
from extraction.plausibility import COMMON, article_words, check_name, zipf

# runs of capitalised tokens (with the connectors names use), e.g. "Black Forest Labs", "N26"
_RUN = re.compile(
    r"(?<![\w.-])(?:[A-ZÄÖÜÀ-Ý0-9][\w.&'’+-]*|[a-z]+[A-Z][\w.&'’+-]*)"
    r"(?:\s(?:&\s)?(?:[A-ZÄÖÜÀ-Ý0-9][\w.&'’+-]*|[a-z]+[A-Z][\w.&'’+-]*))*")
_HEADLINE_SUBJECT = re.compile(r"^\s*(?P<name>[^:–—|]{2,60}?)\s*[:–—|]\s")  # "Movinga: ...", "X – ..."


@dataclass(frozen=True)
class Subject:
    name: str
    score: float
    mentions: int
    up_front: bool = False  # named in the headline or the first sentence

    @property
    def strong(self) -> bool:
        """Sure enough to stand for "das Start-up": named up front and repeated, or repeated
        throughout."""
        return (self.up_front and self.mentions >= 3) or self.mentions >= 5


_FIGURE = re.compile(r"[\d.,:/-]+")
_POSSESSIVE_ENDS = ("’s", "'s")


@lru_cache(maxsize=65536)  # asked for every word of every capitalised run; a pure judgement
def _edge_word(word: str, lang: str) -> bool:
    """A word a name does not start or end with: a date, a number, an everyday word."""
    return bool(_FIGURE.fullmatch(word)) or zipf(word.strip(".,"), lang) >= COMMON


def _candidates(chunk: str, lang: str) -> list[str]:
    out = []
    for m in _RUN.finditer(chunk):
        phrase = m.group(0).strip(".,'’")
        # "Musk’s" is Musk: a possessive ending cut by a plain test (was a pattern, "[’']s$", run
        # on each of the many runs; a run never ends in a newline, so `$` was the very end)
        words = (phrase[:-2] if phrase.endswith(_POSSESSIVE_ENDS) else phrase).split()
        if len(words) > 1:  # most runs are one word, which no owner can stand before
            owner = max((i for i, w in enumerate(words[:-1]) if w.endswith(("’s", "'s"))), default=-1)
            words = words[owner + 1:]  # "Elon Musk's xAI" is about xAI
        if len(words) >= 4:  # a title-case headline, not a name: keep its uncommon stretches
            runs, run = [], []
            for w in words:
                if zipf(w, lang) >= COMMON:
                    runs, run = runs + ([run] if run else []), []
                else:
                    run.append(w)
            # a legal form alone ("S.L" of "Valencia-based Regadío Tech S.L.") names no one
            out += [" ".join(r) for r in runs + ([run] if run else []) if len(" ".join(r)) >= 2
                    and not all(w.lower().replace(".", "") in LEGAL_FORMS for w in r)]
            continue
        # "2022-06 München Personio", "Haben 2019 Planted": datelines and sentence starts fall away
        while words and _edge_word(words[0], lang):
            words = words[1:]
        # "Kulhad & Co", "Regadío Tech S.L.": a legal form ends the name; it is no everyday word
        legal = len(words) > 1 and words[-1].lower().replace(".", "") in LEGAL_FORMS
        while words and _edge_word(words[-1], lang) and not legal:
            words = words[:-1]
        while words and words[-1] == "&":
            words = words[:-1]  # "Kulhad &": a connector cut from the word it joined ends nothing
        # "Berliner Fintech Raisin": descriptors and everyday words before the name fall away, and a
        # town's adjective the language's word list does not know ("Groningse Wolkje")
        # ("Challenger-Bank N26": a compound whose last part is a descriptor is one too)
        while len(words) > 1 and (is_descriptor(words[0]) or "-" in words[0] and is_descriptor(words[0].rsplit("-", 1)[-1])
                                  or words[0].endswith("er") and words[0][:1].isupper()
                                  and words[0][1:].islower() and len(words[0]) > 5 or town_adjective(words[0])):
            words = words[1:]
        name = " ".join(words)
        if len(name) >= 2:
            out.append(name)
    return out


def find_subject(sentences: list[str], lang: str, title: str | None, text: str) -> Subject | None:
    """The company the article is about, or None when no candidate is convincing."""
    headline = title or (sentences[0] if sentences else "")
    scores: Counter[str] = Counter()
    whole = (title or "") + "\n" + text

    def add(name: str, weight: float) -> None:
        scores[name] += weight

    m = _HEADLINE_SUBJECT.match(headline)
    if m and not COLUMN_NAME.search(m.group("name")):  # "Movinga: Investoren pumpen ..." names its subject before the colon
        name = name_from_phrase(m.group("name")) or m.group("name").strip()
        add(name, 3.0)
    for name in _candidates(headline, lang):
        add(name, 2.0)
    up_front = set(scores)
    for k, sentence in enumerate(sentences[:3]):
        for name in _candidates(sentence, lang):
            add(name, 1.5 if k == 0 else 0.75)
            if k == 0 or (k == 1 and sentences[0].strip(" .") == headline.strip(" .")):
                up_front.add(name)  # the body's first sentence, also when the headline leads the text
    best = _best(scores.items(), None, up_front, lang, text, title, whole)
    # a narrative opening may name its company only later: what the article repeats counts too.
    # Such a name has a base of 0, so a score of 3 at most (below): it cannot take the lead from
    # a subject scored above that, and the later sentences then go unread
    if best is not None and best.score > _MENTION_WEIGHT * _MENTIONS_COUNTED:
        return best
    later = Counter(name for sentence in sentences[3:40] for name in _candidates(sentence, lang))
    repeated = [(name, 0.0) for name, n in later.items() if n >= 2 and name not in scores]
    return _best(repeated, best, up_front, lang, text, title, whole)


_MENTION_WEIGHT = 0.5
_MENTIONS_COUNTED = 6


def _best(candidates, best: Subject | None, up_front: set[str], lang: str, text: str, title: str | None,
          whole: str) -> Subject | None:
    """The best of `candidates` (name, base score), in order, and `best` before them."""
    for name, base in candidates:
        if COLUMN_NAME.search(name):
            continue  # "EIC Accelerator", "Startup-Ticker": a programme or a column, never the article's company
        # counting mentions is cheap and rules out most candidates; the name check is not
        mentions = sum(1 for _ in article_words(whole, lang).occurrences(name))
        if mentions < 2 and base < 3.0 or base == 0.0 and mentions < 3:
            continue  # a subject is told more than once
        score = base + min(mentions, _MENTIONS_COUNTED) * _MENTION_WEIGHT
        if best is not None and not (score > best.score or (score == best.score and len(name) > len(best.name))):
            continue  # it could not take the lead however its name check came out
        if not check_name(name, lang, text, title).plausible:
            continue
        best = Subject(name, score, mentions, name in up_front)
    return best
