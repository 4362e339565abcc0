"""`extract_events`: article title and text -> funding events.

Sentences with money or round cues are read with the grammar of the article's
language; each amount gets a role (round, valuation, or not a round), a company,
a round, a status and the investors named in the same or the next sentences.
Reports of the same round in one text (headline and body) are merged.

This module reads the sentences and drives the steps after the reading; the round label an
amount takes (extraction.round_labels), the readers of rounds whose size is untold
(extraction.unsized) and of headlines (extraction.headlines), the company of
a pronoun or orphan round (extraction.referents), the check of the names in company slots
(extraction.name_slots), valuations (extraction.valuations) and the events themselves
(extraction.events) have modules of their own, as have totals and their parts (extraction.parts),
bracketed round-up lists (extraction.bracketed), public grants (extraction.grants) and a
founder's own post (extraction.posts).
"""

from __future__ import annotations

import re
from bisect import bisect_right

from extraction import lowercase, sieve
from extraction.aggregates import spread_over_many
from extraction.attach import RELATIVE_ASIDE, attach_investors
from extraction.backing import funded_companies, read_backing
from extraction.bracketed import bracketed_names
from extraction.companies import ANAPHORA, Found, bettor, clause_bounds, find_company, money_role
from extraction.drafts import Draft, unsized
from extraction.events import build_events, with_confidence
from extraction.evidence import announcing_company, named_recipient
from extraction.grammar import Grammar, get_grammar
from extraction.grants import read_public_grant
from extraction.headlines import HEADLINE_ITEMS, headline_item, headline_recipient, is_headline
from extraction.items import item_headings, keeps_own_name
from extraction.posts import first_person, post_author
from extraction.labels import Label, amount_for_item, item_label, label_takes
from extraction.language import detect_language
from extraction.listed import is_listed, listed_companies
from extraction.listings import DealLine, column_blocks, deal_lines
from extraction.mentions import MONEY_FOR, entered_company, named_as_backer
from extraction.model import FundingEvent
from extraction.money import Money, parse_money
from extraction.name_slots import plausible_drafts
from extraction.names import name_from_phrase, same_company
from extraction.parts import part_owner, split_totals, whole_of_parts
from extraction.plausibility import plausible_name
from extraction.recipients import recipient_lines, recipient_list
from extraction.referents import article_mentions, resolve_referents
from extraction.round_labels import round_for
from extraction.rounds import find_rounds
from extraction.shared_amounts import each_names, respective_names
from extraction.tables import table_deals
from extraction.subject import find_subject
from extraction.talks import company_in_talks
from extraction.text import normalize, split_lines_and_sentences
from extraction.unsized import RAISED_BY, funding_round_noun, round_without_amount, undisclosed_clause
from extraction.valuations import attach_valuations

MAX_SENTENCES = 400
_ALSO_READ = re.compile(r"(?i)^(?:also read|read also|see also|related|lesen sie auch|mehr zum thema|"
                        r"more from|recommended|weiterlesen|das könnte sie auch|you may also like|you might also like|"
                        r"read more|most popular|more news|more stories|more in|trending|mehr aus|weitere (?:meldungen|artikel|"
                        r"nachrichten|news)|ähnliche artikel|lire aussi|"
                        r"à lire aussi|lee también|leia também|leggi anche|lees ook)\b")
_ROUNDISH = re.compile(r"(?i)round|runde|finanzierung|tour de table|levée|undisclosed|stellig|millionenbetrag|figure (?:sum|amount)|"
                       r"(?:frisches|neues|weiteres) kapital|spritze")
# "Geldgeber investieren 2,5 Millionen in Kivano": an amount without currency that is invested in a
# named company is a round all the same
_INVESTS_BARE = re.compile(r"(?i)\b(?:investier\w*|invest(?:s|ed)?|steck(?:t|en|te|ten)|pump(?:t|en|s|ed))\s+"
                           r"(?:rund |etwa |weitere |knapp |über |about |another )?$")
# (a headline's dash or bar ends its item: "Fernwerk bekommt 3,5 Millionen – Velora sammelt ...")
_BARE_OK = re.compile(r"(?i)\s*(?:[.,;:)]|\s[–—|]\s|$|(?:pour|to|for|in|um|für|de|en|et|and|und|from|von|para|per|voor|op|"
                      r"auprès|bei|with|mit|avec|ein|auf|ab|"
                      # "ottiene 4 milioni da 360 Capital", "capta 2 millones con Kibo": the backers follow
                      r"da|dal|dalla|dai|dagli|con|com|met|van|door)\b)")  # German verb particles: "X sammelt 5 Mio. ein"
_INVESTOR_CUE = re.compile(
    r"(?i)led|lead|particip|invest|beteilig|angeführt|backer|geldgeber|dabei|an bord|includ|darunter|"
    r"\bfrom\b|\bvon\b|backed|kommt|stammt|steig|führt|führte|führen|führten|leitet|leitete|leiten|leiteten|"
    r"nahmen (?:[^.]{0,120}) teil\b|unterstütz|führung|leitung|\bhinter (?:der|dem|den)\b|stemm|\btr(?:agen|ägt|ugen)\b|auprès|men[ée]e? par|emmen|conduite|côtés|complètent|"
    r"\bjoined (?:the|this) (?:[\w-]+ )?(?:round|financing|funding|investment)|"
    r"\b(?:joined by|alongside)\b(?=[^.;]{0,60}\b(?:funds?|investors?|backers?|angels?|ventures|capital|partners)\b)|"
    r"\b(?:seed|round|series [a-k]\+?|pre-seed|funding|extension)\s?\((?-i:[A-Z])")


def _pair_alternatives(sentence: str, money: list[Money]) -> list[tuple[Money, list[Money]]]:
    """"73 Millionen Euro (80 Millionen US-Dollar)", "$100m/£64m": one round, two figures."""
    out: list[tuple[Money, list[Money]]] = []
    for m in money:
        if out:
            prev, alts = out[-1]
            last = alts[-1] if alts else prev
            gap = sentence[last.span[1]:m.span[0]]
            if re.fullmatch(r"\s*(?:\(|/|\(\s*(?:ca\.|about|around|rund|etwa|approx\.?|umgerechnet|or|oder|"
                            # "US$ 60 milhões (cerca de R$ 330 milhões)", "(environ 23 millions d'euros)"
                            r"cerca de|environ|soit|près de|aproximadamente|alrededor de|unos|unas|circa|ongeveer|omgerekend)\s*)\s*", gap) \
                    and m.currency != prev.currency:
                alts.append(m)
                continue
        out.append((m, []))
    return out


_SAME_SUBJECT = re.compile(r"(?i)\s*(?:in (?:[\w-]+ ){0,3}?[\w-]+\s*)?,?\s*(?:and|plus|as well as)\s+"
                           r"(?:(?:another|a further|an additional|a|an)\s+)?$")
# "secured $1.5M in seed funding from X and Y, alongside a $250,000 grant from Z": a second round
# of another kind, told after the first one's backers
_ALONGSIDE = re.compile(r"(?i)\s*(?:in (?:[\w-]+ ){0,3}?[\w-]+\s*)?(?:from [^.;$€£]{1,80}?)?,?\s*(?:alongside|along with|"
                        r"together with|in addition to|as well as|and|plus)\s+(?:(?:another|a further|an additional|a|an)\s+)?$")


# "has received a $2.5M grant ..., weeks after closing a $3.2M seed round": the participle's subject
# is the main clause's, its money another round of the same company
_AFTER_OWN_RAISE = re.compile(r"(?i)\b(?:after|before|following|since)\s+(?:closing|raising|securing|landing|bagging|"
                              r"completing|announcing)\s+(?:an?|its|their)\s+(?:[\w-]+\s+){0,2}?$")


def _other_kind_alongside(sentence: str, prev_end: int, money: Money, prev_round: str) -> bool:
    if not _ALONGSIDE.match(sentence[prev_end:money.span[0]]):
        return False
    cue = next(iter(find_rounds(sentence[money.span[1]:money.span[1] + 30])), None)
    # only money of another nature: "$500,000 from angels" alongside a seed is a part of that seed
    return cue is not None and cue.round in ("grant", "debt", "convertible", "crowdfunding") and cue.round != prev_round


# a byline or dateline of a page: "Von Jana Weller · 11. Oktober 2023", "Handwerk Digital · 23.08.2023"
_BYLINE = re.compile(r"(?i)^(?:von|by|par|por|di|door)\s|\b\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d\b|"
                     r"\b(?:19|20)\d\d-\d\d-\d\d\b|\s[·|•]\s")
_GRANTISH = re.compile(r"(?i)\b(?:grants?|grantees|förder\w*|gefördert|zuschuss|zuschüsse|stipendi\w*)\b")


def _grant_or_unknown(context: list[str]) -> str:
    """"grant" where the sentences around a list of funded companies speak of grants."""
    return "grant" if _GRANTISH.search(" ".join(context)) else "unknown"


def _other_money(sentence: str, money: Money, g: Grammar) -> bool:
    """The grammar's negatives call the amount revenue, a fund, a purchase or a total ("Pexel: 5
    millones de facturación para ...", "Kibo: 100 millones para su nuevo fondo"): a headline's amount
    that no verb tells as raised is a round only when none of them is there."""
    start, end = money.span
    checks = ((g.skip_clause, sentence), (g.skip_before, sentence[max(0, start - 60):start]),
              (g.skip_after, sentence[end:end + 45]), (g.cumulative, sentence))
    return any(pattern is not None and sieve.search(pattern, text) for pattern, text in checks) \
        or spread_over_many(sentence[end:])  # "... für drei Startups"


def _status(text: str, g: Grammar) -> str:
    if sieve.search(g.in_talks, text):
        return "in_talks"
    if sieve.search(g.reported, text):
        return "reported"
    return "announced"


def _read_sentence(idx: int, sentence: str, g: Grammar, lang: str, drafts: list[Draft],
                   pending_val: list[tuple[int, Money]], background: bool, state: dict) -> None:
    money = parse_money(sentence, lang)  # returns at once when no money cue (MONEY_HINT) is present
    rounds = find_rounds(sentence)
    new: list[Draft] = []
    orphan = False  # an amount of a round whose company we could not tell
    prev_end = 0
    pairs = _pair_alternatives(sentence, money)
    valuations = 0  # amounts read as a valuation: "in talks to raise at a valuation of $2B" tells no size
    prev_amount_end = 0  # where the sentence's previous amount ends (money_role)
    totals = split_totals(sentence, [p for p, _ in pairs])
    respective = respective_names(sentence, [p for p, _ in pairs])
    # "followed by X ($40 Mn), Y ($32 Mn) and Z ($20 Mn)": a round-up's bracketed list, one round each
    bracketed = bracketed_names(sentence, [p for p, _ in pairs], g, state["before"]) if not respective else {}
    respective.update(bracketed)
    listed = state.get("deal_lines", {}).get(idx)
    label = item_label(sentence, lang)
    item = state.get("items", {}).get(idx)  # "Kivano — La start-up ...": a round-up item's heading
    whole_before = whole_of_parts(sentence, [p for p, _ in pairs], drafts, idx)
    if listed:  # "Kivo (Berlin): 5 Millionen Euro von Earlybird" in a list of deals
        new.extend(_deal_line_drafts(listed, idx))
        pairs = []
    # the article's lead: its first sentence, or the first to tell money within its opening
    # ("Quenta builds scheduling software. The company has raised €2 million": the news, not a total)
    lead = idx <= state.get("lead", 0) or (not drafts and not state.get("money_seen")
                                            and idx <= state.get("lead", 0) + 1 + state.get("chrome", 0))
    if pairs:
        state["money_seen"] = True
    for primary, alts in pairs:
        if id(primary) in totals:
            prev_end = (alts[-1] if alts else primary).span[1]
            continue  # "$50M in debt and equity, including a $30M Series B and a $20M loan"
        role = money_role(sentence, primary, g, bool(rounds), lead, prev_amount_end)
        colon = sentence.rfind(": ", 0, primary.span[0])
        if role == "skip" and colon > 0 and not sentence[colon + 1:primary.span[0]].strip() and \
                sieve.search(MONEY_FOR, sentence[:colon]):
            # "Geldregen für Kornwerk: 12 Millionen Euro von Earlybird": the topic says whose money it is
            role = money_role(sentence, primary, g, bool(rounds), lead, prev_amount_end, topic_cue=True)
        prev_amount_end = (alts[-1] if alts else primary).span[1]
        valuations += role == "valuation"
        told = sentence  # the text the amount's company is looked for in
        if role == "round" and colon > 0 and is_headline(sentence) and g.skip_clause is not None and \
                sieve.search(g.skip_clause, sentence[:colon]):
            role = "skip"  # "Börsengang: X nimmt 320 Millionen Euro ein": the topic tells what the money is
        if role == "skip" and colon > 0 and not is_headline(sentence):  # a headline's colon ends a topic
            # "X hat eine Series-A-Runde abgeschlossen: Vier Millionen Euro gibt es von Y": what
            # follows a colon goes on with what precedes it (same length, so spans still hold)
            joined = sentence[:colon] + ", " + sentence[colon + 2:]
            if money_role(joined, primary, g, bool(rounds), lead) == "round":
                role, told = "round", joined
        last = (alts[-1] if alts else primary).span[1]
        if role == "skip" and g.cleft is not None and not sentence[:primary.span[0]].strip(" \"'“„") \
                and g.cleft.match(sentence[last:]):
            # "5 millions d'euros : c'est le montant que vient de lever Tavora": the colon opens the clause
            # that tells whose the amount is (same length, so spans still hold)
            role, told = "round", sentence[:last] + re.sub(r"^(\s*)[:–—]", r"\1,", sentence[last:])
        if role == "valuation":
            pending_val.append((idx, primary))
            prev_end = last
            continue
        if role == "skip" and label and amount_for_item(sentence, label, primary.span[0], last) \
                and not spread_over_many(sentence[last:]) and not (
                # ("Innov'up 2024 : 20 millions d'euros pour les start-up franciliennes": a programme's budget)
                # (only the page's title: further down such a line is a link to another article, or a
                # programme's item, "Venture Kick: 150'000 Franken für drei Startups")
                label.headline and (idx > 0 or _other_money(sentence, primary, g))):
            role = "round"  # "Lagerlicht: 750.000 Euro für das Dortmunder Logistik-Startup"
        headline_name = headline_recipient(sentence, primary, lang, state) if role == "skip" else None
        if headline_name:
            role = "round"  # "6 Millionen Euro für Voltaro": a headline's amount for a rare name
        if role == "skip" and id(primary) in bracketed:
            role = "round"  # the list's funding verb stood in the sentence before
        # "SDTC also provided a $2 million grant", "The Government of Canada is contributing $2.5 million to X"
        grant = read_public_grant(sentence, primary.span[0], last, role == "skip", [
            d.company for d in drafts if 0 < idx - d.sentence <= 2], lang, state["body"], state["head"]) \
            if g.code == "en" else None
        role = "round" if grant else role
        if role != "round":
            prev_end = last
            continue
        whole = next((t for t in totals.values() if t[0] < primary.span[0]), None)
        shared = each_names(told, primary, g)
        if shared:  # "Kivano, Orbix und Ruvido erhalten je 500.000 Euro": one round each
            rnd, ext = round_for(sentence, primary.span[0])
            for name in shared:
                draft = Draft(name, primary, alts, idx, primary.span[0], rnd, ext, how="subject")
                draft.confidence = 0.55 + (0.15 if rounds else 0)
                new.append(draft)
            prev_end = last
            continue
        if grant:
            found = Found(grant.company, grant.how)
        elif headline_name:
            found = Found(headline_name, "object")
        elif id(primary) in respective:  # "A, B and C raised $30M, $26M and $10M, respectively"
            found = Found(respective[id(primary)], "subject")
        else:
            found = find_company(told, primary, g, prev_end if new else 0)
            if found and found.name != ANAPHORA and named_as_backer(told, found.name):
                found = None  # "Luftfilter-Start-up erhält Förderung von aws und FFG": FFG gives, it does not raise
            if not found and g.investor_moves is not None:
                # "Brava Capital entra en el capital de Ulvo con una inversión de 4 millones": the
                # backer's move before the amount names the company, as it does for a round of no size
                moved = read_backing(told[clause_bounds(told, primary.span[0], g)[0]:primary.span[0]], g)
                found = Found(moved.company, "object") if moved and moved.company != ANAPHORA else None
        if label and primary.span[0] >= label[1] and label_takes(
                found, sentence, label, lang, state["body"], state["head"]):
            found = Found(label[0], "subject")  # "Nachtschicht: Die Berliner App ... erhält 2 Mio. Euro"
        money_for = MONEY_FOR.search(sentence, 0, colon) if not found and colon > 0 else None
        if money_for:  # "Frisches Kapital für Voltaro: Speedinvest investiert 6 Mio. Euro"
            name = name_from_phrase(money_for.group("name"), first=True)
            found = Found(name, "object") if name else None
        if not found and colon > 0 and told is sentence and not is_headline(sentence) and \
                g.receive_verbs is not None and sieve.search(g.receive_verbs, sentence[:colon]):
            # "Kivano hat frisches Geld eingesammelt: X und Y investieren 12 Mio. Euro": the clause
            # before the colon names the company
            found = find_company(sentence[:colon] + ", " + sentence[colon + 2:], primary, g, prev_end if new else 0)
        # (a part's own clause may name its lender or backer, "stellt der Kreditgeber X ... bereit",
        # or a word of its kind, "als Venture Debt": the parts of one sum are its company's)
        if whole_before is not None and (not found or found.how in ("gapping", "orphan", "evidence")
                                         or not plausible_name(found.name, lang, state["body"], state["head"])):
            found = Found(whole_before.company, "subject")  # "Davon sind 10 Mio. Euro Eigenkapital ...": a part
        if whole and (not found or found.how == "gapping"):
            found = find_company(sentence, whole[1], g)  # a part goes to the company of the total
        if not found and new and (_SAME_SUBJECT.match(sentence[prev_end:primary.span[0]])
                                  or _AFTER_OWN_RAISE.search(sentence, prev_end, primary.span[0])
                                  or _other_kind_alongside(sentence, prev_end, primary, new[-1].round)):
            found = Found(new[-1].company, "subject")  # "raised $100M in equity and $150M in debt"
        prev_end = last
        if not found and not new:  # "The equity portion, a $6 million Series A, ...": a part of the total before
            owner = part_owner(sentence, primary.span[0], [(d.sentence, d.company) for d in drafts if d.money], idx)
            found = Found(owner, "anaphora") if owner else None
        if (not found or found.name == ANAPHORA and found.how == "anaphora") and not new:
            # "The $12M round was led by Accel, Kornwerk said": who tells the news is whose round it is
            teller = announcing_company(told, g, state["body"], state["head"])
            found = Found(teller, "subject") if teller else found
        if not found and not new:
            # no sentence pattern fits: the one name the evidence marks as the company takes it
            # (a second amount of a sentence that told a round is a part of it: "Rewe at €50M")
            name = named_recipient(told, primary.span[0], g, state["body"], state["head"])
            found = Found(name, "evidence") if name else None
        if not found and state.get("author") and first_person(sentence):
            found = Found(state["author"], "subject")  # a founder's post: "levantamos US$1,2M" is the author's company's
        if not found and g.orphan_cue is not None and sieve.search(g.orphan_cue, sentence):
            # "In der aktuellen Finanzierungsrunde kamen 65 Millionen Euro zusammen": a round
            # told without a name is the article's subject's, if it has a sure one
            found = Found(ANAPHORA, "orphan")
        if item and not (found and keeps_own_name(found.name, item, lang, state["body"], state["head"], told)):
            found = Found(item, "subject")  # "Kivano — La start-up lyonnaise ... lève": the item's company
        if not found or (found.how == "gapping" and not new):
            orphan = True
            continue
        # "un round record da 46 milioni guidato da X": a bare amount right after a round noun is a round
        near_round = g.round_nouns is not None and g.round_nouns.search(
            sentence, max(0, primary.span[0] - 60), primary.span[0])
        if primary.currency is None and not rounds and not alts and not near_round and not (
                found.how in ("subject", "gapping", "listed") and _BARE_OK.match(sentence[primary.span[1]:])) and not (
                found.how == "object" and _INVESTS_BARE.search(sentence, 0, primary.span[0])):
            continue
        k = pairs.index((primary, alts))
        lo = pairs[k - 1][0].span[1] if k else 0
        hi = pairs[k + 1][0].span[0] if k + 1 < len(pairs) else len(sentence)
        if sentence[:primary.span[0]].rstrip().endswith("("):
            hi = primary.span[0]  # "entre capital (6 M€) y deuda (2,5 M€)": a bracketed part's label precedes it
        lo, hi = headline_item(sentence, primary.span[0], lo, hi)
        rnd, ext = round_for(sentence, primary.span[0], (lo, hi), g.subject_verbs if g.code == "en" else None, last)
        draft = Draft(found.name, primary, alts, idx, primary.span[0], rnd, ext, how=found.how)
        backer = bettor(told, primary.span[0], g) if found.how == "object" else None
        if backer and not same_company(backer, found.name):
            draft.investors = [backer]  # "Brightfield Partners bets $12M on Sillon": the bettor backs the round
        if grant:  # the body (or its programme) backs it
            draft.investors = [grant.backer] if grant.backer else []
            draft.round = "grant" if draft.round == "unknown" else draft.round
        draft.confidence = 0.55 + (0.15 if rounds else 0) + (0.1 if found.how == "subject" else 0)
        if found.how == "evidence":
            draft.confidence -= 0.15  # no sentence pattern vouches for the company: weighed evidence only
        new.append(draft)
    _sizeless_rounds(idx, sentence, g, money, rounds, listed, new, state, label)
    state["before"].append(sentence)
    # the article's opening, or an item of a round-up right under its heading ("Kivano" / "+++ ...")
    # ... or a paragraph's first sentence in a round-up told as investors' moves, which opens its
    # item as a heading does ("Elbe Ventures steigt bei Kivano ein. Das Stuttgarter Startup erhält ...")
    opening = idx <= state.get("lead", 0) + 2 + state.get("chrome", 0) or (idx > 0 and state.get("item_head") == idx - 1) \
        or bool(item) or idx in state["move_openings"]
    if is_headline(sentence) and len(sentence.split()) <= 4:
        state["item_head"] = idx
    _moves_and_talks(idx, sentence, g, money, rounds, listed, new, item, opening, background, valuations)
    for d in new if item else []:
        if not keeps_own_name(d.company, item, lang, state["body"], state["head"], sentence):
            d.company = item
        d.heading = d.company == item
    if new:
        _date_and_status(new, sentence, g, background)
        if whole_before is not None and sum(1 for d in new if d.company == whole_before.company) >= 2:
            drafts.remove(whole_before)  # the parts are the rounds, their sum told before is none
        drafts.extend(new)
    if not drafts or idx - drafts[-1].sentence > 12:
        if money and not new and sieve.search(g.skip_clause, sentence):
            state["foreign"] = idx
        return
    recent = [d for d in drafts if idx - d.sentence <= 12]
    item_start = state["item_start"]
    if item_start:
        # a round-up item's backers are its own company's: under "Kivano" / "X investiert 5 Mio. in
        # Kivano", the next item's "Zu den Geldgebern von Lumora gehören Y und Z" gives Y and Z to
        # no round of Kivano's, whether or not Lumora's own round was read
        own = item_start.get(idx, -1)
        recent = [d for d in recent if item_start.get(d.sentence, -1) == own]
        if not recent:
            return
    _name_recent_round(idx, sentence, g, money, rounds, new, recent)
    _read_backers(idx, sentence, g, money, rounds, new, recent, orphan, state)


def _move_openings(sentences: list[str], lines: list[int], g: Grammar) -> set[int]:
    """The paragraphs' first sentences that tell an investor's move, when two or more such open
    paragraphs about different companies: a round-up told as moves ("Alpenglow Capital steigt bei
    Calyra ein. ..." / "Seedhaus steigt bei Velbix ein. ..."). A single story's later paragraph
    that opens on a move mostly recalls a portfolio or quotes a founder; it stays unread."""
    if g.investor_moves is None:
        return set()
    found = {}
    for idx in range(1, len(sentences)):
        if lines[idx] != lines[idx - 1] and sieve.search(g.investor_moves, sentences[idx]):
            backing = read_backing(sentences[idx], g)
            if backing and backing.company != ANAPHORA:
                found[idx] = backing.company
    return set(found) if len(set(found.values())) >= 2 else set()


def _deal_line_drafts(listed: DealLine, idx: int) -> list[Draft]:
    """The rounds of a line in a list of deals ("Kivo (Berlin): 5 Millionen Euro von Earlybird")."""
    out: list[Draft] = []
    draft = Draft(listed.company, listed.money, [], idx, listed.money.span[0] if listed.money else 0,
                   listed.round, False, how="subject", deal_line=True)
    draft.confidence = 0.6 + (0.15 if listed.round != "unknown" else 0)
    draft.leads, draft.investors = list(listed.leads), list(listed.investors)
    out.append(draft)
    for part, rnd in listed.more:  # "$10M in equity + $40M debt facility": two rounds
        # put before the item's own round, which the backers named next ("Led by X") go to
        out.insert(-1, Draft(listed.company, part, [], idx, part.span[0], rnd, False, how="subject", deal_line=True))
        out[-2].confidence = draft.confidence
    return out


def _withheld_size(sentence: str, g: Grammar) -> bool:
    """The lexicon's words for a withheld size tell a round without a round noun ("heeft een niet nader
    genoemd bedrag opgehaald", "recibió una inversión por un importe no revelado"), unless the price
    is a purchase's or a sale's ("overgenomen voor een niet nader genoemd bedrag")."""
    withheld = sieve.search(g.undisclosed, sentence) if g.undisclosed is not None else None
    return withheld is not None and not sieve.search(g.skip_clause, sentence) and not sieve.search(
        g.skip_before, sentence[:withheld.start()])


def _sizeless_rounds(idx: int, sentence: str, g: Grammar, money: list[Money], rounds: list, listed: DealLine | None,
                     new: list[Draft], state: dict, label: Label | None) -> None:
    """Rounds the sentence tells without an amount of their own: companies said to be funded, a
    round whose size is untold, a listed recipient of a grant."""
    funded = funded_companies(sentence, g) if not money and not listed else []
    for name in funded:  # "X and Y also secured funds this week": an amount-less round each
        new.append(unsized(name, idx, rounds[0].round if rounds else "unknown", "subject"))
    if not money and not listed and not funded and (rounds or sieve.search(_ROUNDISH, sentence) or (
            g.round_nouns and sieve.search(g.round_nouns, sentence)) or _withheld_size(sentence, g)) \
            and sieve.search(g.funding_cue, sentence):
        round_without_amount(idx, sentence, g, rounds, new, state, label)
    tail = undisclosed_clause(sentence, money, g) if money and new and not listed else None
    if tail is not None:  # "...; and spacetech startup Akashyan raised an undisclosed amount from Z"
        known = len(new)
        round_without_amount(idx, sentence[tail[0]:tail[1]], g, find_rounds(sentence[tail[0]:tail[1]]), new, state, None)
        for d in new[known:]:
            d.pos += tail[0]  # where in the whole sentence: investors go to the round nearest before them
    funded_line = state.get("funded_lines", {}).get(idx)
    if funded_line and not money and not listed and not new:
        # "Diese Start-ups werden gefördert:" / "Kivano (Berlin): KI für Praxen": a listed recipient
        new.append(unsized(funded_line, idx, _grant_or_unknown(state["before"][-3:]), "listed"))
    if not money and not listed and not new:
        for name in recipient_list(sentence, state["before"], g):
            # "Zu den geförderten Start-ups gehören X, Y und Z": each got money, its size untold
            new.append(unsized(name, idx, _grant_or_unknown([*state["before"][-2:], sentence]), "listed"))


def _moves_and_talks(idx: int, sentence: str, g: Grammar, money: list[Money], rounds: list,
                     listed: DealLine | None, new: list[Draft], item: str | None, opening: bool, background: bool,
                     valuations: int) -> None:
    """Rounds told by another's move: a backer's ("Kestrel Ventures has invested in Vemly"), talks
    ("Kivano is in talks to raise a new round"), a round "raised by" a named company."""
    # further down, a move naming the round's stage is this round's news too ("X führt die Series A
    # bei Y an"); a recalled portfolio ("X, which has invested in Y") names none
    if not money and not listed and not new and (opening or (rounds and rounds[0].round != "unknown" and not background)):
        backing = read_backing(sentence, g, item)  # "Kestrel Ventures has invested in Vemly"
        if backing:
            draft = unsized(backing.company, idx, rounds[0].round if rounds else "unknown",
                             "anaphora" if backing.company == ANAPHORA else "object", backing.pos, 0.45)
            draft.investors = backing.investors
            new.append(draft)
    if not new and not listed and len(money) == valuations and not background:
        talks = company_in_talks(sentence, g)  # "Kivano is in talks to raise a new round"
        if talks:
            new.append(unsized(talks[0], idx, rounds[0].round if rounds else "unknown",
                                "anaphora" if talks[0] == ANAPHORA else "subject", talks[1], 0.4))
    for cue in rounds if money else []:
        by = RAISED_BY.match(sentence[cue.end:])
        name = name_from_phrase(by.group("np")) if by else None
        if name:  # "... followed by a Series C round raised by chip-maker Horizon Robotics"
            draft = Draft(name, None, [], idx, cue.start, cue.round, cue.extension, how="object")
            draft.confidence = 0.45
            new.append(draft)


def _date_and_status(new: list[Draft], sentence: str, g: Grammar, background: bool) -> None:
    """The status of each new round (announced, reported, in talks), whether it is the article's
    news or a past or background one, and the sentence it was read from."""
    status = _status(sentence, g)
    for d in new:
        c0, c1 = clause_bounds(sentence, d.pos, g)
        w0 = max(c0, d.pos - 90)
        # "X raised $665M, two years after it raised $200M": what follows "after" is the past
        # and "Eighteen months after leaving university, X raised $14M": a fronted "after" phrase,
        # closed by a comma, dates what came before the round
        past = any(not (w0 + m.start() > d.pos and re.search(r"(?i)(?:after|before)$", m.group(0)))
                   and not (m.group(0).lower().endswith("after") and "," in sentence[w0 + m.end():d.pos])
                   for m in sieve.finditer(g.past, sentence[w0:min(c1, d.pos + 70)]))
        d.status = _status(sentence[slice(*headline_item(sentence, d.pos, 0, len(sentence)))], g) \
            if HEADLINE_ITEMS.search(sentence) and is_headline(sentence) else status
        d.main = not (past or background)
        d.evidence = sentence[:400]


def _name_recent_round(idx: int, sentence: str, g: Grammar, money: list[Money], rounds: list, new: list[Draft],
                       recent: list[Draft]) -> None:
    """A sentence that only names the stage of the round told just before gives it its kind."""
    if not new and rounds and recent and recent[-1].round == "unknown" and idx - recent[-1].sentence <= 3 \
            and (re.search(r"(?i)runde|round|finanzierung|funding|financ|ronde|ronda|rodada", sentence) or re.search(
                r"(?i)series|serie|seed", sentence)) and not sieve.search(g.past, sentence) and not money:
        # "Die Series A führt X an" names the round; not a sentence about an earlier round ("a Series B
        # extension last May", "la campagna di crowdfunding a fine 2018") or money of its own
        # a label inside a relative clause recalls another round: "X, der bereits die Seed-Runde angeführt hatte"
        asides = [m.span() for m in RELATIVE_ASIDE.finditer(sentence)]
        cue = next((c for c in rounds if c.round != "unknown" and not any(a <= c.start < b for a, b in asides)), None)
        if cue:
            recent[-1].round = cue.round
            recent[-1].extension = recent[-1].extension or cue.extension


# "The round was led by X": a sentence that opens on the round itself
_ROUND_LED_OPENS = re.compile(r"(?i)\s*(?:the|this) (?:[\w-]+ )?(?:round|financing|raise|investment) (?:was|is|has been) "
                              r"(?:co-)?led by\b")


def _read_backers(idx: int, sentence: str, g: Grammar, money: list[Money], rounds: list, new: list[Draft],
                  recent: list[Draft], orphan: bool, state: dict) -> None:
    """The investors a sentence names, given to the recent rounds; a sentence about other money
    marks the next one's backers as that money's."""
    used = {id(d.money) for d in new if d.money is not None}
    unused = [m for m in money if id(m) not in used]
    other_round = any(re.match(r"\s*(?:[\w-]+\s)?(?:round|runde|finanzierungsrunde|tour de table)\b",
                               sentence[m.span[1]:], re.I) for m in unused)
    if sieve.search(_INVESTOR_CUE, sentence) or (g.investor_cue is not None and sieve.search(g.investor_cue, sentence)):
        # after a sentence about other money (a fund, a deal), "Backed by X" is about that money
        # "una nueva ronda de despidos liderada por ...": the sentence's own round is no funding round
        other_kind = bool(g.round_nouns is not None and sieve.search(g.round_nouns, sentence)
                          and funding_round_noun(sentence, g) is None)
        # "The round was led by X, with ... a €800k participative loan": a sentence that opens on the
        # round itself backs it, whatever part-amount it names later
        orphan = orphan and not _ROUND_LED_OPENS.match(sentence)
        blocked = orphan or other_round or other_kind or state.get("foreign") == idx - 1
        entered = entered_company(sentence)
        if entered:  # "Seedhaus steigt bei Velbix ein": Velbix's backer, whatever round was read before
            recent = [d for d in recent if same_company(d.company, entered)]
        attach_investors(idx, sentence, g, recent, rounds, unused, blocked)
    if unused and not new and sieve.search(g.skip_clause, sentence):
        state["foreign"] = idx


def _article_sentences(body: str, head: str, g: Grammar, lang: str) -> tuple[list[str], list[int], dict]:
    """The sentences to read (the title first, unless the body opens with it), the line of each, and
    the state the reader of sentences shares: where the news opens, the rows of deal lists and
    tables, the listed recipients, a round-up's item headings and a post's author."""
    sentences, lines = split_lines_and_sentences(body)
    sentences, lines = sentences[:MAX_SENTENCES], lines[:MAX_SENTENCES]
    # "lead": index of the body's first sentence, the news itself; "before": the sentences read so far
    state: dict = {"lead": 0, "before": [], "body": body, "head": head or None}
    if head and not (sentences and sentences[0].strip(" .") == head.strip(" .")):
        sentences.insert(0, head)
        lines.insert(0, -1)
        state["lead"] = 1
    # byline and date lines under the headline ("Handwerk Digital · 23.08.2023 · Redaktion") push the
    # article's opening down by as many sentences
    # (the word count first: most opening sentences are longer, and _BYLINE tries every offset)
    state["move_openings"] = _move_openings(sentences, lines, g)
    state["chrome"] = sum(1 for x in sentences[state["lead"]:state["lead"] + 4] if len(x.split()) <= 12 and _BYLINE.search(x))
    # a table's rows, read by their header's columns, before the lists without one
    state["deal_lines"] = {**column_blocks(sentences, lang), **deal_lines(sentences, lang, lines), **table_deals(sentences, lang)}
    state["funded_lines"] = recipient_lines(sentences, g)
    state["items"] = item_headings(sentences, lang, body, head or None)
    # the round-up item each sentence stands in, by the index of its heading: an item runs to the
    # next heading, past the sentences its heading was seen to head (none before the first heading)
    starts = [i for i in sorted(state["items"]) if state["items"].get(i - 1) != state["items"][i]]
    state["item_start"] = {i: starts[bisect_right(starts, i) - 1] for i in range(starts[0], len(sentences))} if starts else {}
    state["author"] = post_author(sentences)  # "CEO @ Kestrel Santé | ...": a founder's own post
    return sentences, lines, state


def _read_article(sentences: list[str], g: Grammar, lang: str, state: dict) -> tuple[list[Draft], list[tuple[int, Money]]]:
    """Every sentence read in turn: the rounds it tells, and the valuations set aside for the rounds
    they will be attached to; a link list's headlines under "Also read" are marked as background."""
    drafts: list[Draft] = []
    pending_val: list[tuple[int, Money]] = []
    background = False
    for idx, sentence in enumerate(sentences):
        if _ALSO_READ.match(sentence):
            background = True  # "Also read:" and the link headlines under it
        elif background and not is_headline(sentence):
            background = False
        if background:
            state.setdefault("links", set()).add(idx)
        _read_sentence(idx, sentence, g, lang, drafts, pending_val, background, state)
    return drafts, pending_val


def _extract(text: str, title: str | None, lang: str | None) -> list[FundingEvent]:
    body = normalize(text or "")
    head = normalize(title or "").replace("\n", " ").strip()
    if not body and not head:
        return []
    sample = (head + " " + body[:1000])
    letters = sum(map(str.isalpha, sample))
    if letters < 0.4 * len(sample.strip() or "x"):
        return []
    lang = (lang or detect_language(sample)).lower()[:2]
    g = get_grammar(lang)
    if g.custom is not None:
        return with_confidence(g.custom(body, head or None), body)
    sentences, lines, state = _article_sentences(body, head, g, lang)
    drafts, pending_val = _read_article(sentences, g, lang, state)
    if not drafts:
        return []  # no round told: the subject, names and mentions below would serve nothing

    explicit = [d for d in drafts if d.company != ANAPHORA]
    mentions = article_mentions(drafts, explicit, sentences, body, head or None, lang, g)
    subject = find_subject(sentences, lang, head or None, body)
    item_of = {i: state["items"][start] for i, start in state["item_start"].items()} or None
    resolved = resolve_referents(drafts, explicit, mentions, subject, sentences, lines, g, lang, body, head, item_of)
    resolved = plausible_drafts(resolved, lang, body, head or None, subject.name if subject else None)
    listed = listed_companies(body)  # "BigBox Retail Corp. (NYSE: BBX)": a listed company's money is no startup round
    resolved = [d for d in resolved if not is_listed(d.company, listed)] if listed else resolved
    # "Lesen Sie auch: Hamburger Logistiker investiert ...": a link's headline tells another
    # article's round; the company it leaves unnamed is never this article's subject
    # (nor the last item of a list above it: "Related: The most active seed investors" names no company)
    resolved = [d for d in resolved if not (d.sentence in state.get("links", ()) and (
        d.substituted or d.how == "anaphora" or d.company not in sentences[d.sentence]))]
    attach_valuations(pending_val, resolved, sentences, body, g)
    return build_events(resolved, subject, head, body, lang)


def extract_events(text: str, title: str | None = None, lang: str | None = None,
                   published: str | None = None) -> list[FundingEvent]:
    """Funding events reported in an article (empty when there are none).

    `lang` is detected when None; `published` is accepted for callers' convenience.
    """
    if not isinstance(text, str) or (title is not None and not isinstance(title, str)):
        return []
    if lang is not None and not isinstance(lang, str):
        lang = None
    try:
        styled = lowercase.brands(title, text)  # "zapt levanta ...": brands styled in lower case
        events = _extract(lowercase.capitalise(text, styled), lowercase.capitalise(title, styled), lang)
        return lowercase.restore(events, styled)
    except (ValueError, IndexError, KeyError, RecursionError, re.error):
        # A text the patterns were never meant for must cost one article, not the flow run.
        return []
