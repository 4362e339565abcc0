"""Referents: the company a round told without a name belongs to.

The reader of sentences leaves a round's company open in two ways: a pronoun-like subject ("das
Start-up", "the company", "la jeune pousse") that refers back to a name, and an orphan round told
with no name at all ("In der aktuellen Finanzierungsrunde kamen 65 Millionen Euro zusammen").
Once the whole article is read, the first goes to the company named nearest before it (never a
fund, a backer before the money, or an outlet that reported the news), and the second to the
article's strong subject or to the company its paragraph opens with. A round neither can be given
to is dropped.
"""

from __future__ import annotations

import re

from extraction.companies import ANAPHORA
from extraction.drafts import Draft
from extraction.grammar import Grammar
from extraction.headlines import is_headline
from extraction.mentions import backer_at, company_mentions
from extraction.names import COLUMN_NAME, FUND_NAME, LABEL, is_descriptor, same_company
from extraction.plausibility import UNCOMMON, article_words, described, described_as_investor, plausible_name, zipf
from extraction.posts import about_box_author
from extraction.subject import Subject


# a news source telling of the round: "DealStreetAsia had first reported that the company ..."
# "..., the company told The Bytes": the outlet told, no referent of "the company"
_TOLD_TO = re.compile(r"(?i)\b(?:told|in an interview with)\s+(?:the\s+)?$")
_SOURCE_AFTER = re.compile(r"\s+(?:had |has |have )?(?:first |earlier |previously )?"
                           r"(?:reported|wrote|berichtete|meldete|hatte berichtet|understands|learned|learnt|heard|hears|"
                           r"can (?:reveal|report))\b")  # "Street Talk understands the company ...": a scoop's teller


# what may stand before a paragraph's opening subject: its article, a town's adjective and its
# descriptor ("Die Berliner Snackmarke Kornwerk sammelt ...", "The Austin startup X ...")
_OPENING_ARTICLE = re.compile(r"(?i)(?:die|der|das|the|la|le|el|il|lo|a|o|de|het|l['’])\s")


def _described_opening(before: str) -> bool:
    """`before` is a subject's article, maybe an adjective, and its descriptor: "Die Berliner Snackmarke "."""
    words = before.split()
    return 1 <= len(words) <= 4 and bool(_OPENING_ARTICLE.match(before)) and is_descriptor(words[-1])


def _paragraph_topic(d: Draft, mentions: list[tuple[int, int, str]], lines: list[int],
                     sentences: list[str]) -> str | None:
    """"Nachtschicht aus Berlin baut ... . Visionaries Club investiert 2 Mio. Euro in der
    Seed-Runde": a round-up's paragraph is about the company its first sentence names, so a
    round told there without a name is that company's."""
    line = lines[d.sentence]
    before = [m for m in mentions if m[0] < d.sentence and lines[m[0]] == line]
    names = {m[2] for m in before}
    if len(names) != 1 or any(m[0] == d.sentence for m in mentions if m[2] in names):
        return None  # a paragraph of several companies tells no one whose the round is
    first = min(before)
    # the paragraph must open with the name, as its first sentence's subject, maybe after its article and
    # descriptor (an explicit round's position is its amount's or its cue's: the name is looked for)
    at = sentences[first[0]].find(first[2])
    opens = first[1] == 0 or at == 0 or at > 0 and _described_opening(sentences[first[0]][:at])
    if not opens or (first[0] > 0 and lines[first[0] - 1] == line):
        return None
    return first[2]


def _title_round(explicit: list[Draft], d: Draft, head: str | None) -> str | None:
    """The company of the title's round of the same amount, when an unnamed round is a headline-like
    line under it: a page restates its title with the name left out, or as a deck."""
    if not head or d.money is None or d.sentence > 4:
        return None
    same = [x.company for x in explicit if x.sentence == 0 and x.money is not None
            and x.money.amount == d.money.amount and x.money.currency == d.money.currency]
    return same[0] if same else None


def _title_company(explicit: list[Draft], d: Draft, head: str | None) -> str | None:
    """The one company whose round the title tells, for a line among the first under it."""
    if not head or d.sentence > 4:
        return None
    named = {x.company for x in explicit if x.sentence == 0}
    return named.pop() if len(named) == 1 else None


def _main_company(explicit: list[Draft], mentions: list[tuple[int, int, str]], has_title: bool) -> str | None:
    """What "the company" falls back to: the title's round's company, else a name the article
    repeats three times or more, else its first named round's company."""
    if explicit and (explicit[0].sentence == 0 and has_title):
        return explicit[0].company
    counts: dict[str, int] = {}
    for _, _, name in mentions:
        counts[name] = counts.get(name, 0) + 1
    if counts:
        best = max(counts, key=lambda n: counts[n])
        if counts[best] >= 3:
            return best
    return explicit[0].company if explicit else None


def article_mentions(drafts: list[Draft], explicit: list[Draft], sentences: list[str], body: str,
                     head: str | None, lang: str, g: Grammar) -> list[tuple[int, int, str]]:
    """The companies the article names, as (sentence, position, name): the candidates a round
    without a name may belong to."""
    mentions: list[tuple[int, int, str]] = []
    # only pronoun-like subjects need the mentions (an orphan round goes to the strong subject, or
    # to the company its paragraph opens with)
    if any(d.company == ANAPHORA for d in drafts):
        mentions = [(i, pos, name) for i, sentence in enumerate(sentences)
                    for pos, name in company_mentions(sentence, body, lang)]
    mentions += [(d.sentence, d.pos, d.company) for d in explicit]
    # a deal list's name field or a round-up item's heading holds a name whatever its words ("3/
    # Mesure, 900 000 €" over "La start-up rennaise lève 900 000 €")
    fielded = {d.company for d in explicit if d.deal_line or d.heading}
    # an opener ("Así,", "Zo") is a sentence's first word but never a company
    return [m for m in mentions if (m[2] in fielded or plausible_name(m[2], lang, body, head))
            and not (g.openers is not None and g.openers.fullmatch(m[2])) and not COLUMN_NAME.search(m[2])]


def _strong_subject(subject: Subject | None, explicit: list[Draft], g: Grammar, body: str, head: str,
                    lang: str) -> str | None:
    """The article's subject when it surely stands for "das Start-up" all through, else None."""
    # Reports (a grammar with an orphan_cue) call their company "das Start-up" all through;
    # a subject named up front and repeated stands for it (not in round-ups, and never a fund)
    strong = subject.name if g.orphan_cue is not None and subject and subject.strong and not FUND_NAME.search(
        subject.name) else None
    others = {d.company for d in explicit if not same_company(d.company, strong)} if strong else set()
    # a round-up of several companies, or rounds told by name of another company only ("Accel has
    # backed lumo, leading a €22M Series A"): the repeated name is no sure recipient
    if strong and len(others) >= 2:
        strong = None
    if strong and " " not in strong and zipf(strong, lang) >= UNCOMMON and not described(
            strong, article_words(body, lang), lang):
        strong = None  # "Proteine": a known word is no sure subject unless the article calls it a company
    if strong and described_as_investor(strong, article_words(f"{head}\n{body}", lang)):
        strong = None  # "investment firm Kestrel Growth ... typical checks of $15M": the backer is no recipient
    return strong


def resolve_referents(drafts: list[Draft], explicit: list[Draft], mentions: list[tuple[int, int, str]],
                      subject: Subject | None, sentences: list[str], lines: list[int], g: Grammar,
                      lang: str, body: str, head: str, item_of: dict[int, str] | None = None) -> list[Draft]:
    """The rounds with their company told: pronoun-like and orphan rounds given the company they
    refer to, those that refer to none left out. `item_of`: the round-up item's company each
    sentence stands under, if the article is a round-up of items."""
    main_company = _main_company([d for d in explicit if plausible_name(d.company, lang, body, head or None)],
                                 mentions, bool(head))
    strong = _strong_subject(subject, explicit, g, body, head, lang)
    funds = {m[2] for m in mentions if FUND_NAME.search(m[2])}  # "True Ventures", and "True" with it
    resolved = []
    # "... für Planted. Erst im März hatte es 15 Mio. abgeschlossen. Nun holte es sich weitere 18 Mio.":
    # a pronoun-like round given a company named near it is itself a mention of that company, for
    # the pronoun-like rounds after it in its paragraph (a new paragraph may open a new item)
    chained: list[tuple[int, int, str]] = []
    for d in drafts:
        if d.company == ANAPHORA and d.how == "orphan":
            topic = strong or _paragraph_topic(d, mentions, lines, sentences)
            if not topic:
                continue
            d.company, d.substituted = topic, True
            d.confidence -= 0.15 if strong else 0.2
        elif d.company == ANAPHORA:
            # "Nordkap Capital investiert 12 Mio. Euro in die Firma": the backer before the money is
            # no referent of "die Firma"
            near = [m for m in mentions if (m[0] == d.sentence and m[1] < d.pos and not backer_at(
                sentences[m[0]], m[1], m[2], d.pos) and not _SOURCE_AFTER.match(sentences[m[0]], m[1] + len(m[2])))
                # an item of its own ("Am Rande: ...") refers to nothing in the items before it
                or 0 < d.sentence - m[0] <= 2 and not LABEL.match(sentences[d.sentence])]
            near += [m for m in chained if 0 < d.sentence - m[0] <= 2 and lines[m[0]] == lines[d.sentence]]
            # "Sequoia Capital has doubled down on X. The firm led the startup's Series B": a fund is
            # no referent of "the startup", whose rounds it backs
            # "... lors d'un tour mené par Noshaq": the round's lead is no referent of its "la jeune entreprise"
            # (its other investors may hold the company itself, read from "setzen auf X", dropped later)
            near = [m for m in near if not any(same_company(m[2], b) for b in d.leads)]
            near = [m for m in near if not any(same_company(m[2], f) for f in funds) and not (
                m[0] != d.sentence and backer_at(sentences[m[0]], m[1], m[2], len(sentences[m[0]])))
                and not _TOLD_TO.search(sentences[m[0]], 0, m[1])]
            # under a round-up's item, "das Startup" is the item's company, or one named in the item
            # ("Insgesamt fließen 1,2 Mio. in das Startup" under "Quellwerk"), never the page's
            # subject or a company of the item above
            under = item_of.get(d.sentence) if item_of else None
            if under:
                near = [m for m in near if item_of.get(m[0]) == under]
            name = max(near)[2] if near else under or strong or main_company
            author = None if near else about_box_author(sentences, d.sentence)
            if author:
                name = author
            if name and any(same_company(name, f) for f in funds):
                continue  # "True Ventures has closed its second fund ... The firm had set a cap of $200M"
            if not near and not strong and not author and name and not any(name in x for x in sentences[:d.sentence + 1]):
                continue  # "la start-up" cannot mean a company the article names only further down
            titled = _title_round(explicit, d, head)
            if titled:  # the page's headline repeated without its name ("La pépite lyonnaise lève 12 millions")
                name = titled
            elif is_headline(sentences[d.sentence]):  # ticker headline: the item below names the company
                ahead = [m for m in mentions if 0 < m[0] - d.sentence <= 2]
                # ... but a deck right under a title that names its company is about that company
                # ("Kora cierra una ronda de 4,5 millones" over "La startup barcelonesa suma además un
                # préstamo de 500.000 euros"), not about the byline below it
                name = _title_company(explicit, d, head) or (min(ahead)[2] if ahead else name)
            if not name:
                continue
            if near and name == max(near)[2]:
                chained.append((d.sentence, d.pos, name))
            d.company = name
            d.confidence -= 0.1
        resolved.append(d)
    return resolved
