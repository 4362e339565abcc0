"""Which company an amount belongs to, and whether the amount is a round at all.

Both questions are answered from the clause around the amount with the patterns
of the article's language grammar; nothing here knows any company by name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extraction import sieve
from extraction.aggregates import is_aggregate, spread_over_many
from extraction.grammar import Grammar
from extraction.headlines import is_headline
from extraction.money import Money
from extraction.names import GERMAN_LEGAL_FORM, is_descriptor, name_from_phrase, places, town_adjective, valid_name
from extraction.numbers import word_to_number
from extraction.plausibility import UNCOMMON, zipf

ANAPHORA = "\x00anaphora"  # placeholder resolved to the company the text is about

_NP_STOP = re.compile(
    r"[,.;:()!?]|\s(?:led|with|which|who|from|at|as|and|und|von|mit|um|zu|bei|wird|hat|ist|"
    r"angeführt|to|for|in|im|auf|nach|after|that|plus|sowie|bzw|soll|will|said|says|"
    r"according|on|has|had|is|was|via|through|during|des|a|an|eine|einen|einer)\b",
)
_LEAD_IN = re.compile(
    r"^(?:(?:insgesamt|rund|weitere|weiteren|nun|damit|auch|jetzt|zudem|außerdem|ebenfalls|"
    r"frische[ns]?|neue[ns]?|also|now|another|a further|some|about|around|nearly|over|more than|"
    r"mehr als|über|etwa|knapp|fast|umgerechnet|gut|und|and|while|whereas|meanwhile)\s+)+",
    re.IGNORECASE,
)
_PREP_START = re.compile(
    r"^(?:in|im|am|an|auf|für|mit|nach|seit|bei|von|vom|vor|zu|zum|zur|aus|über|unter|bereits|"
    r"erst|schon|nun|jetzt|dann|doch|so|damit|dafür|heute|gestern|anfang|ende|zuletzt|insgesamt|"
    r"nur|wie|laut|zusammen|neben|trotz|während|als|dabei|hierfür|dazu|danach|deshalb|daher|darum|"
    r"trotzdem|dennoch|später|inzwischen|mittlerweile|hier|dort|morgen|bisher|bislang|zuvor|vorher|"
    r"anschließend|zunächst|zuerst|schließlich|letztlich|immerhin|allerdings|jedoch|aber|denn|sonst|"
    r"somit|folglich|hierzulande|derzeit|aktuell|momentan|künftig|bald|gleichzeitig|zugleich|ebenso|"
    r"ebenfalls|vielmehr|stattdessen|insbesondere|gemeinsam|erstmals|weiterhin|zusätzlich|dadurch|"
    r"davon|darüber|ferner|sogar|auch|noch|however|meanwhile|today|yesterday|also|additionally|"
    r"moreover|furthermore|still|now|then|here|there|earlier|later|recently|previously|currently|"
    r"in|at|on|for|by|with|from|after|before|since|during|under|over|according|despite|while|among|amongst|"
    r"although|when|if|as|but|so|yet|last|this|next|every|each|one|two|three|en|avec|dans|pour|par|"
    r"sur|chez|après|avant|depuis|selon|enfin|ainsi|puis|cinq|deux|trois|quatre|six|sept|"
    r"huit|neuf|dix)\b",
    re.IGNORECASE,
)
# a fronted time without a preposition: "Vergangene Woche hat das Startup ...", "Letzten Freitag erhielt X"
_DE_TIME = re.compile(r"(?i)^(?:vergangene[nr]?|letzte[nr]?|diese[nr]?|kommende[nr]?|vorige[nr]?|jede[nr]?)\s+"
                      r"(?:woche|wochenende|monat|jahr|quartal|montag|dienstag|mittwoch|donnerstag|freitag|samstag|"
                      r"sonntag)\b")
_DE_RELATIVE = re.compile(  # "der ... entwickelt": a relative clause ends with its lowercase verb
    r"^(?:der|die|das|dessen|deren|welche[rs]?)\s+(?:[a-zäöü0-9]|.*\s[a-zäöü]+$)|^(?:ein|eine|einer|einem|eines)\s")
_BACKS = re.compile(
    r"(?i)\b(?:backs|backed|funds|funded|invests in|invested in|pumps|pumped|unterstützt|finanziert|fördert|förderte)\s+"
    r"(?P<np>[^,.;]{2,60}?)\s+(?:with|mit)\s+(?:(?:a|an|einem|einer)\s+(?:[\w-]+\s+){0,2}(?:of|von|über|in höhe von)\s+)?"
    r"(?:about |around |another |rund |weiteren )?$")
_INVESTED_IN = re.compile(
    r"\b(?:invest(?:s|ed)|co-invested|participated|(?:co-)?led|backed)\s+in\s+(?P<np>(?:[a-z][\w-]*\s+){0,3}"
    r"(?-i:[A-Z])[^,.;]{0,60}?)(?:,[^,.;]{0,60},|\s+(?:as part of|through|via|alongside|with)\b)\s*"
    r"(?:as part of\s+)?(?:(?:a|an|the|its|their)\s+)?$", re.IGNORECASE)
_SOURCES_SAID = re.compile(
    r"^\W*(?:[\w-]+ ){0,4}?(?:sources|people|insiders|persons)\b[^,]{0,60}?\b(?:said|say|says|told [\w ]{2,20}?)\s+(?:that\s+)?",
    re.IGNORECASE)
_SAID_IT = re.compile(
    r"\s(?:said|says|announced|announces|confirmed|confirms|disclosed|revealed|told [\w ]{2,30}?)\b[^,]{0,40}?"
    r"\b(?:that )?(?:it|they)\s+(?:has |had |have |is |was )?(?:just |now |also |recently )?$", re.IGNORECASE)
_PAREN_ANAPHORA = re.compile(
    r"([A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})\s*\((?:the|das|die|der) (?:company|startup|firm|unternehmen|firma)\b[^)]*$")
_RELATIVE = re.compile(r"^(?:der|die|das|dessen|deren|welche[rs]?)\s+[a-zäöü0-9]|^(?:a|an|the|which|who|whose)\b|^[a-z]+(?![A-Za-z])")
_LIST_SUBJECT = re.compile(r"\b(?:together|zusammen|combined|both|altogether)\b", re.I)
_LISTED_NAMES = re.compile(
    r"\b(?:including|such as)\s+[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)*(?:\s*,\s*[A-Z]|\s+and\s+[A-Z])")
_LIST_SEGMENT = re.compile(r"\b(?:including|such as|darunter|wie etwa)\b", re.I)
_POSSESSIVE = re.compile(r"([A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){0,3})[’']s\s+(?:[\w-]+,?\s){0,4}$")
_LISTED = re.compile(  # "Acme —", "Zentro:", "Nexaplan (Berlin):"
    r"^\W{0,3}(?P<num>\d{1,2}[.)]\s+)?(?P<np>[A-Z][\w.&'’-]*(?: [A-Z0-9][\w.&'’-]*){0,3})\s*"
    # "Orbitly (Berlin), $22m", "1. Boltdata, $25m", "Quorra (Austin; HVAC software for landlords) — $8M"
    r"(?:\([^()]{1,60}\)\s*,|(?:\([^()]{1,60}\)\s*)?(?:—|–|-|:|\(|\|)|,)\s*")
_ADVERB_NP = re.compile(r"(?i)overall|elsewhere|separately|altogether|collectively|combined|globally|"
                        r"similarly|likewise|notably|finally|first|second|third|lastly|besides|plus|all in all")
_LISTED_ROUND = re.compile(
    r"(?i)\b(?:series|serie|seed|round|runde|funding|financing|finanzierung|from|led by|von|angeführt|"
    r"pre-seed|angel)\b|[,(]\s*(?:series|serie)")
_JOINS = re.compile(
    r"(?i)\b(?:beim|bei der|bei dem|bei)\s+(?P<np>[^,.;]{2,60}?)\s+(?:ein|eingestiegen|eingestiegen ist)\b")
_GENITIVE = re.compile(
    r"(?i)\b(?:runde|finanzierungsrunde|finanzierung|investment|round|funding)\s+(?:von|des|der|of|bei|for)\s+"
    r"(?P<np>[^,.;]{2,60}?)\s+(?:über|in höhe von|von|of|worth|mit)\s+(?:rund |etwa |knapp |mehr als )?$")
# German grants told with the recipient in the dative: "hat dem Startup X 2 Mio. Euro bewilligt"
_GRANTING_AFTER = re.compile(
    r"(?i)^[^.;:]{0,80}?\b(?:zugesprochen|bewilligt|gewährt|zugesagt|zugeteilt|bereitgestellt|überwiesen|"
    r"überreicht|übergeben|zur verfügung)\b")
# "hat der Saalegrün Bioraffinerie GmbH im Auftrag des Ministeriums einen Zuschuss in Höhe von": the
# dative company of an official grant, asides between it and the grant's noun
_GRANT_DATIVE = re.compile(
    r"\b(?:dem|der)\s+(?P<np>(?:[\w-]+\s+){0,3}?(?-i:[A-ZÄÖÜ])[\w.&-]*(?:\s+(?-i:[A-ZÄÖÜ])[\w.&-]*){0,3}\s+"
    + GERMAN_LEGAL_FORM + r")\b[^.;]{0,140}?\b(?:einen|eine|den|die)\s+(?:[\w-]+\s+){0,2}?"
    r"[\w-]*(?:Förderbescheid|Zuwendungsbescheid|Zuschuss|Förderung|Zuwendung|Finanzierung|Darlehen|Kredit)\w*"
    r"\b[^.;]{0,100}$")
_DATIVE_RECIPIENT = re.compile(
    r"\b(?:dem|der|einem|einer)\s+(?P<np>[^,.;]{2,60}?)\s+(?:(?:rund|etwa|knapp|bis zu|weitere|insgesamt)\s+)?$")
_STAKE_IN = re.compile(
    r"(?i)\s+(?:(?:beteilig(?:t|te|ten|en)|engagier(?:t|te|ten|en)) sich\b[^.;]{0,80}?\ban|"
    # "Der VC X führt eine Finanzierungsrunde über 5 Mio. Euro bei dem Start-up Kivo an"
    r"(?:[\w-]+\s+){0,2}?bei) (?:dem|der|den|das|einem|einer)\s+"
    r"(?P<np>[^,.;]{2,80}?)(?:\s+(?:an|ein|mit))?\s*(?:[,.;]|$)")
_INVESTOR_VERB = re.compile(
    r"\b(?:invest(?:s|ed|iert|ierte|ierten|ieren)|led|leads|leading|co-led|steckt(?:e|en)?|stecken|pumpen|pumpt|backs|backed|"
    r"pumped|poured|put|injected|angeführt|anführt|doubl(?:es|ed|ing) down)\b",
    re.IGNORECASE,
)
_ROUND_NP = re.compile(
    r"(?i)^\W*(?:un|une|le|la|the|a|die|eine|der|das)\s+(?:nouveau |nouvelle |new |neue )?(?:tour de table|levée(?: de fonds)?|"
    r"round|funding round|[\w-]*finanzierungsrunde|[\w-]*runde|[\w-]*finanzierung|investissement|opération|"
    r"series[- ][a-k]|serie[- ][a-k]|seed-runde|series-[a-k]-runde)\s+(?:de|d['’]|of|von|à|über|in höhe von)?\s*$")
# "Die Runde umfasst 12 Millionen Euro", "The round totals $12m": the round told before
_ROUND_SUBJECT = re.compile(
    r"(?i)^\W*(?:die|das|der|the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:[\w-]*runde|finanzierung|investment|round|"
    r"funding|summe)\s+(?:umfasst|umfasste|beträgt|betrug|beläuft sich auf|belief sich auf|hat ein volumen von|"
    r"liegt bei|lag bei|comprises|totals|totalled|totaled|is worth|was worth)\s+"
    r"(?:rund |etwa |knapp |über |mehr als |insgesamt |about |around |some |nearly )?$")
_PRONOUN = re.compile(r"(?i)\b(?:es|it|the company|the startup|the firm|das unternehmen|das startup|"
                      r"la start-?up|l['’]entreprise|la société|la jeune pousse)\b")
_POSS_START = re.compile(r"(?i)^(?:its|their|his|her|our|seine[nmrs]?|ihre[nmrs]?|unsere[nmrs]?)\b")


@dataclass
class Found:
    name: str
    how: str  # subject, object, possessive, fronted, anaphora, gapping


def _cut_np(text: str) -> str:
    team = _TEAM_OF.match(text.lstrip())
    text = text.lstrip()[team.end():] if team else text
    m = _NP_STOP.search(text)
    return (text[:m.start()] if m else text[:80]).strip(" -—–")


# "freut sich das Team von Schraubwerk über 3 Mio. Euro", "the team behind X": the company is the team's
_TEAM_OF = re.compile(r"(?i)^(?:das|the|l['’]|el|o|il|het)\s*(?:gründer)?(?:team|équipe|equipo|equipa|squadra)\s+"
                      r"(?:von|vom|um|hinter|behind|of|at|de|du|del|da|do|di|van|achter)\s+(?=\S)")


_FROM_PLACE = re.compile(r"\s+(?:aus|from|in)\s+(?-i:[A-ZÄÖÜ])[\w-]+$")


def _is_anaphora(np: str, g: Grammar) -> bool:
    np = np.strip()
    if not np:
        return False
    if g.anaphora.search(np):
        return True
    np = _FROM_PLACE.sub("", np)  # "das Fintech aus Hamburg" is "das Fintech"
    toks = np.split()
    return len(toks) <= 5 and toks[0].lower() in ("das", "die", "der", "dem", "den", "the", "this") \
        and is_descriptor(toks[-1]) and all(t.islower() or t.endswith("er") for t in toks[1:-1])


# "... en la que han participado X", "... in which X took part": a relative clause after the
# link names the round's backers or anything else, never the company taking the money
_RELATIVE_OBJECT = re.compile(
    r"(?i)^(?:(?:la|el|los|las|lo|o|a|os|as|il|le|i|gli|les)\s+)?(?:que|qual|quale|quali|cual|cuales|cui|qui|"
    r"dont|lequel|laquelle|lesquels|lesquelles|which|whom|welche[rsmn]?|waarin|waarbij|waarmee)\b")


# a brand written in lower case right after its descriptor, closing the phrase ("das Kölner Startup
# medlo", "the Berlin payroll startup lumo"); only a word the language hardly knows is a name there
_LOWER_BRAND = re.compile(r"(?P<kind>[\w-]+)\s+(?P<name>(?-i:[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*))$")
_RARE_BRAND = 2.0


def _object_name(text: str, g: Grammar) -> str | None:
    np = _cut_np(text)
    if not np or _POSS_START.match(np) or _RELATIVE_OBJECT.match(np.strip()):
        return None
    joined = _JOINED_SECTORS.match(text, text.find(np) + len(np)) if g.code == "en" else None
    if joined and is_descriptor(joined.group("head")):
        # "Indonesian HR and payroll startup Gajiku": the sectors joined by "and" describe the name after them
        name = name_from_phrase(joined.group("rest"), first=True)
        if name and joined.group("rest").startswith(name):
            return name
    owned = _PLACE_POSSESSIVE.match(np)
    if owned and owned.group("place").lower() in places():
        # "leads $30m Series B in Indonesia's Gajiku": the place's company, never the place
        name = name_from_phrase(owned.group("np"), first=True)
        if name and owned.group("np").startswith(name):
            return name
    lower = _LOWER_BRAND.search(np)
    if lower and is_descriptor(lower.group("kind")) and zipf(lower.group("name"), g.code) < _RARE_BRAND:
        return lower.group("name")  # "in das Kölner Startup medlo": a brand written in lower case
    if g.code == "de":  # "in die Kölner Marke Rheinhopfen gesteckt": the verb closes the clause
        np = _TRAILING_VERB.sub("", np) or np
    if _is_anaphora(np, g):
        return ANAPHORA
    rest = re.sub(r"(?i)^(?:the|das|die|den|dem|der)\s+", "", np)
    lead_word = rest.split(" ", 1)[0]
    if lead_word[:1].isupper() and town_adjective(lead_word) and re.match(r"\S+\s+(?-i:[a-zà-ÿ])", rest):
        return None  # "voor Europese groei", "voor de Nederlandse markt": a place's adjective before a noun
    name = name_from_phrase(np, tail=True)
    if name:
        before = [t for t in rest[:rest.rfind(name)].split() if t not in ("—", "–", "-")]
        if before and (is_descriptor(before[-1]) or before[-1].lower() in ("publisher", "maker", "rival")):
            return name  # "AI startup Anthropic", "payments firm SaltPay"
        if rest.startswith(name):
            return name
    if rest[:1].isupper() or rest[:1].isdigit():
        first = name_from_phrase(rest, first=True)
        if first and rest.startswith(first) and rest[len(first):len(first) + 1] not in ("’", "'"):
            return first  # "in WM Motor, ...", "de Quarkslab réalisée auprès de ..."
    return None


_PLACE_POSSESSIVE = re.compile(r"^(?P<place>(?-i:[A-Z])[\w-]+(?: (?-i:[A-Z])[\w-]+)?)['’]s\s+(?P<np>(?-i:[A-Z]).*)$")
_JOINED_SECTORS = re.compile(r"\s+(?:and|&)\s+(?!(?:its|their|the|a|an|other|his|her|rival|fellow)\s)(?:[\w-]+\s+){0,2}?(?P<head>(?-i:[a-z])[\w-]*)\s+(?P<rest>(?-i:[A-Z])[^,;]*)")
_TRAILING_VERB = re.compile(r"(?:\s+(?-i:[a-zäöüß])[\w-]*)+\s*$")
_CALLED = re.compile(r"(?i:\b(?:startup|start-up|company|firm|business|venture|platform|app) "
                     r"(?:called|named|dubbed|known as)) (?P<np>[A-Z][^,;]{0,60})")


def _np_until_plain_word(np: str) -> str:
    """The noun phrase up to the first lower-case word that is no descriptor: Dutch writes its
    descriptors in lower case ("de Amsterdamse betalingsdienstverlener Mollie afgelopen ...")."""
    words, seen_name = np.split(), False
    for k, word in enumerate(words):
        if word[:1].isupper() or word[:1].isdigit():
            seen_name = True
        elif seen_name and not is_descriptor(word) and word.lower() not in ("de", "het", "een", "van", "&"):
            return " ".join(words[:k])
    return np


# "Die Gründer von Kivano, Lea Brandt und Tom Wenz, haben ... eingesammelt", "The founders of Kivano
# have raised": founders raise money for their company, which is the subject in effect
_REPORTED_THAT = re.compile(r"(?i)^.*\b(?:reported|reports|said|says|wrote|writes|noted|revealed|confirmed)\s+that\s+"
                            r"(?=(?-i:[A-Z]))")
# a publication's own scoop: "Street Talk understands X ...", "The Ken has learned that X ..."
_LEARNED = re.compile(r"(?i)^.*\b(?:understands|has (?:learned|learnt|heard)|can (?:reveal|report)|hears|is told)\s+"
                      r"(?:that\s+)?(?=(?-i:[A-Z])|(?:the|this)\s)")
_GAPPED_COMMA = re.compile(r"^\s*(?P<np>[^,;:]{2,60}?),\s*(?:with\s+|con\s+|com\s+|mit\s+|avec\s+|met\s+)?$")
_SAID_THE = re.compile(
    r"(?:^|,\s)(?P<np>[^,]{2,60}?)\s(?:said|says|announced|confirmed|disclosed)\s(?:on \w+ |today )?(?:that\s)?"
    r"(?:the|its|a)\s+(?:new\s+|latest\s+|fresh\s+)?$")
_WITH_FRONT = re.compile(r"(?i)^\W*(?:with|armed with|thanks to|fresh off|on the back of)\s+(?:the\s+|a\s+|an\s+|its\s+|this\s+)?$")
_WITH_FRONT_OTHER = re.compile(r"(?i)^\W*(?:avec|grâce à|forte? de|riche de|con|com|grazie a|met)\s+"
                               # "Com o novo aporte de R$ 50 milhões, a X ...": a few words of the round's own
                               r"(?:(?-i:[a-zà-ÿ][\w'’-]*)\s+){0,4}$")
_DESCRIBED_SUBJECT = re.compile(
    r"(?i)(?:(?:la|le|l['’]|les|el|los|lo|il|o|a|het|de)\s*)?(?P<desc>(?:[\w'’-]+\s+){0,4}?)"
    r"(?P<name>(?-i:[A-ZÄÖÜÉÈ])[\w.&-]*(?:\s(?-i:[A-ZÄÖÜÉÈ])[\w.&-]*){0,2})\s")
_FOUNDERS_OF = re.compile(
    r"^\W*(?:die|den|the|its|seine|ihre) (?:beiden |two |three |drei )?(?:co-?|mit)?(?:gründer(?:innen)?|gründerteam|"
    r"founders?|founding team) (?:von|of|des|der) (?P<name>(?-i:[A-ZÄÖÜ0-9])[\w.&-]*(?: (?-i:[A-ZÄÖÜ])[\w.&-]*){0,3})"
    r"(?:,[^,]{2,80},)?\s+(?:haben|hatten|have|had|sind)?\s*(?:nun |now |jetzt |also |auch )?$", re.I)


def _founders_company(before: str) -> str | None:
    m = _FOUNDERS_OF.match(before.split(": ")[-1])
    # "Die Gründer des Berliner Startups Mietfix": the name after its description
    return (name_from_phrase(m.group("name"), tail=True) or m.group("name")) if m else None


# ... and in Dutch: "Noordkaap Energy uit Groningen zou ...", "Zorgplatform Mantel uit Hasselt haalt ..."
_SEAT_AFTER = re.compile(r"\s+(?:mit (?:Sitz|Hauptsitz|Standort) in|aus|uit|met (?:vestiging|hoofdkantoor) in)"
                         r"\s+[A-ZÄÖÜ][\w-]*(?:\s+[A-ZÄÖÜ][\w-]*)?$")
# "Eighteen months after leaving university, the startup X raised": a time phrase opening the sentence
_TIME_SPAN = re.compile(r"(?i)(?:\d+|[a-z]+|a few|several)\s+(?:days?|weeks?|months?|years?)\s+(?:after|before|later|on)\b")
_DASH_ASIDE_END = re.compile(r"\s*[—–][^—–]{1,150}[—–]\s*$")


# "A Sheffield start-up that recovers lithium ...", "A Hobart startup turning seaweed into film":
# an indefinite description names no company (the place is no name); the article's subject is meant
_INDEFINITE_HEAD = re.compile(r"^(?:A|An)\s+(?P<np>(?:[\w&'’-]+\s+){0,4}?(?P<head>[\w-]+))"
                              r"(?:\s+(?:that|which|who|(?-i:[a-z]+ing))\b.*)?$", re.S)


def _unnamed_description(before: str) -> bool:
    m = _INDEFINITE_HEAD.match(before.strip())
    if not m or not m.group("head")[:1].islower() or not is_descriptor(m.group("head")):
        return False
    # every word before the head is a place or a lower-case qualifier, never a name of two words
    words = m.group("np").split()[:-1]
    return sum(w[:1].isupper() for w in words) <= 1


# a relative pronoun inside an apposition: the names after it are its clause's, not the subject
_RELATIVE_INSIDE = re.compile(r"\b(?:que|qui|che|which|who|that|die|der|das)\b")
# a preposition right before a segment's last name: "... facilities near Columbus", "... offices in Austin"
_PREP_BEFORE_TAIL = re.compile(r"(?i)\b(?:near|in|at|outside|around|across)\s+$")
# a state's or country's abbreviation before "-based": "San Mateo, Calif.-based", "Austin, Texas-based"
_PLACE_BASED = re.compile(r"(?:[A-Z][\w.]*\s)?[A-Z][\w.]*-based\b")


def _en_subject(before: str, relative: re.Pattern[str] = _RELATIVE) -> str | None:
    """"X, a startup that ..., raised" -> X; "Starling was among ... raising" -> Starling.
    `relative`: a comma segment that is a relative clause or apposition, never the subject."""
    # "Em Recife, a Kivo — marketplace de ... — fechou": an aside between dashes right before the verb
    before = _DASH_ASIDE_END.sub(" ", before)
    if (founded := _founders_company(before)) is not None:
        return founded
    if _LIST_SUBJECT.search(before):
        return None
    called = _CALLED.search(before)
    if called:  # "That gig, a startup called Intezer, has just raised"
        name = name_from_phrase(called.group("np"), first=True)
        if name:
            return name
    segments = [s.strip() for s in before.split(",")]
    for k in range(len(segments) - 1, -1, -1):
        seg = _LEAD_IN.sub("", segments[k])
        if k and k == len(segments) - 1 and re.match(r"[a-z][\w-]*(?: [a-z][\w-]*){0,3} [A-Z]", seg):
            # "Meanwhile, in London, insurtech Coverdash closed": the last segment, not a relative clause
            name = name_from_phrase(seg, tail=True)
            words = seg[:seg.rfind(name)].split() if name else []
            if name and words and is_descriptor(words[-1]) and all(w.islower() for w in words):
                return name
        if k + 1 < len(segments) and _PLACE_BASED.match(segments[k + 1]):
            continue  # "Noctua, a four-year-old, San Mateo, Calif.-based maker of ..., has raised": a town and its state
        if _SOURCE_START.match(seg) or k and _AGENT_APPOSITION.match(seg):
            continue  # "Según datos de SpainCap, la inversión ... alcanzó": who tells the figure, not who raised it
            # (and "X, respaldada por Kibo, ha captado": the backer after the subject's comma)
        fronted = k > 0 and all(_PREP_START.match(x) or _TIME_SPAN.match(x) for x in segments[:k])
        if not seg or (k > 0 and relative.match(seg) and not fronted) or (" " not in seg and _PREP_START.match(seg)):
            continue  # a relative clause, or an adverb: "Meanwhile, X raised"
        if _LIST_SEGMENT.search(seg):
            return None
        if re.search(r"\b[A-Z][\w.]*\s+(?:and|&)\s+[A-Z]", seg) and not re.search(r"\s&\s", seg):
            return None  # "UCloud and 51fanli raised" is not one company
        name = name_from_phrase(seg, allow_lower_last=True, tail=True)
        if name and k and seg[:1].islower() and _RELATIVE_INSIDE.search(seg, 0, seg.rfind(name)):
            continue  # "A Rotaz, logtech curitibana que faz entregas para varejistas como Magalu e Renner, está": a relative's object
        if name and k and _PREP_BEFORE_TAIL.search(seg[:seg.rfind(name)]):
            continue  # "X, the operator of two farms near Columbus, which ...": an apposition's place, not a subject
        if name:
            return None if any(_LIST_SEGMENT.search(x) for x in segments[:k]) else name
        if k == 0 or all(not s or relative.match(s) for s in segments[:k]):
            name = name_from_phrase(seg, first=True)
            if name and not _PREP_START.match(seg):
                return name
    return None


# a funding verb in the writer's person ("Cerramos una ronda", "Abbiamo chiuso", "Captamos"): a
# founder's post (extraction.posts), never a left-out subject of the company told before
_FIRST_PERSON_VERB = re.compile(r"(?i)(?:mos|iamo)\b")


def _reported_clause(before: str, g: Grammar) -> str:
    """The part of `before` that holds the verb's subject, after a verb of saying and its "that"
    when the clause there has a subject of its own ("El presidente, X, recordó que los premiados
    han captado ..."); with the subject left out ("Acme anunció que ha cerrado ...") the speaker is
    the subject, and all of `before` is kept."""
    said = list(g.reported_speech.finditer(before)) if g.reported_speech is not None else []
    if not said:
        return before
    rest = before[said[-1].end():]
    core = g.openers.sub("", rest.strip()) if g.openers is not None else rest
    return rest if core.strip(" ,") else before


# a German clause that ends on "investiert" after the amount, without "in" + the company: its
# subject is the investor ("hatte X rund 2,5 Millionen investiert", "... investiert hat")
_INVESTED_AFTER = re.compile(r"(?i)^\s*(?:(?!in\b|an\b|bei\b)[\w-]+\s+){0,2}?(?:investiert|gesteckt)"
                             r"(?:\s+(?:hat|hatte|haben|hatten|hätte|hätten))?\s*(?:$|[.;,])")


# a fronted source, in the languages of the lexicons: "According to PitchBook, ...", "Según datos de X, ..."
_SOURCE_START = re.compile(r"(?i)^(?:according to|selon|d['’]après|laut|según|segundo|secondo|conforme|"
                           r"de acordo com|volgens)\s")


# a fronted channel: "Über die Crowdinvesting-Plattform Seedmatch hat X ...", "Via Companisto sammelt X"
# ("über" before a number is "more than", which _LEAD_IN strips: "Über 20 Angels haben ...")
_CHANNEL_START = re.compile(r"(?i)^(?:über|via)\s+(?![\d.,]+\b)\S")


# a compound of a name and what it is, as German and Dutch write them: "die Lumora-App", "das Kivo-Team",
# "het Lumora-platform"
_NAME_KIND_COMPOUND = re.compile(
    r"^(?i:die|das|der|het|de)\s+(?P<name>(?-i:[A-Z])[\w.]*?)-(?i:app|plattform|platform|team|start-?up|software|dienst|"
    r"marke|merk|bedrijf)\b(?=\s*$|\s+(?-i:[a-zäöü]))")  # never "die Hofladen-Software Ackerkasse": a descriptor


def _de_subject(before: str, relative: re.Pattern[str] | None = None) -> str | None:
    if (founded := _founders_company(before)) is not None:
        return founded
    segments = [s.strip() for s in before.split(",")]
    for seg in reversed(segments):
        if _CHANNEL_START.match(seg):
            continue  # "Über die Plattform Conda hat Kivano ...": the channel, the subject follows the verb
        # "... sammelt 3 Mio. ein und Pflanzpilot holt sich": the particle closes the previous clause
        seg = _LEAD_IN.sub("", re.sub(r"^(?:ein|auf|ab|an|zu|bekannt)\s+(?:und|sowie)\s+", "", seg))
        if not seg or (relative or _DE_RELATIVE).match(seg) or _AGENT_APPOSITION.match(seg):
            continue
        words = seg.split()
        # ... also after a town's adjective: "Policenpilot, Hamburger Insurtech für Gewerbeversicherungen, hat"
        head = 1 if len(words) > 2 and not is_descriptor(words[0]) and (
            town_adjective(words[0]) or words[0].endswith("er")) else 0
        if seg is not segments[0] and seg[:1].isupper() and is_descriptor(words[head]) \
                and any(w.islower() for w in words[head + 1:]):
            continue  # "Die X GmbH, Anbieter einer Plattform für Y, gibt ...": an apposition
        if _PREP_START.match(seg) or _DE_TIME.match(seg):
            continue  # "Im Juli", "Erst im vergangenen Jahr": an adverbial, the subject follows the verb
        compound = _NAME_KIND_COMPOUND.match(seg)
        if compound and max(zipf(compound.group("name"), "de"), zipf(compound.group("name"), "nl")) < UNCOMMON \
                and not is_descriptor(compound.group("name")):  # (German and Dutch both read their subjects here)
            # "Die Lumora-App für Zahnärzte hat ...", "Het Lumora-platform voor tandartsen heeft ..." (never "die
            # Agrar-Software aus Hannover": a sector's word)
            return compound.group("name")
        # "Das Start-up Rheinbogen mit Sitz in Oberbilk hat ...": the seat is no part of the subject's name
        seg = _SEAT_AFTER.sub("", seg) or seg
        # "De Nederlandse bank bunq haalde ...": a name written in lower case right after its descriptor
        name = name_from_phrase(seg, tail=True) or name_from_phrase(seg, allow_lower_last=True, tail=True)
        if name is None and seg is not segments[0] and seg[-1:].islower() and not seg[:1].isupper():
            continue  # "Kivano, 2019 gegründet, hat ...": an apposition that names no one
        return name
    return None


# a participle and "by" right before a name: the name is an agent ("creada por X", "fondata da X")
_FR_OPENING_NAME = re.compile(
    r"\W*(?:(?:le|la|l['’]|les|un|une)\s*)?(?:(?-i:[a-zéèêàçô][\w'’-]*)\s+){0,6}?"
    r"(?P<name>(?-i:[A-ZÉÈŸ0-9])[\w.&-]*(?:\s(?-i:[A-ZÉÈŸ])[\w.&-]*){0,2})\s+(?-i:[a-zéèêàç])", re.I)
_AGENT = re.compile(r"\s[a-zà-ÿ]+[ao]s?\s(?:por|pel[ao]|da|dal|dalla|door)\s+$")
# a participle and its agent between commas: "Wattwerk, unterstützt von Earlybird, erhält ...",
# "X, soutenue par Partech, lève ...", "X, respaldada por Kibo, ha captado ...": the agent backs
# or founded the subject, it is never the subject
_AGENT_APPOSITION = re.compile(
    r"(?i)^(?:(?:unterstützt|finanziert|gefördert|begleitet|angeführt|geführt|gegründet|gestützt|getragen)\s+(?:von|vom|durch)|"
    r"(?:soutenu|financé|accompagné|fondé|créé|mené|porté|incubé|épaulé)e?s?\s+par|"
    r"(?:respaldad|apoyad|financiad|fundad|cread|impulsad|liderad|incubad|participad)[oa]s?\s+por|"
    r"(?:apoiad|financiad|fundad|criad|liderad|investid|incubad)[oa]s?\s+(?:por|pel[oa]s?)|"
    r"(?:sostenut|finanziat|fondat|guidat|supportat|partecipat|incubat)[oaie]\s+da(?:l|lla|i|gli)?|"
    r"(?:gesteund|gefinancierd|opgericht|geleid)\s+door|"
    r"(?:backed|funded|founded|led|supported|incubated)\s+by)\s")
_FR_RELATIVE = re.compile(r"^(?:qui|que|dont|où|lequel|laquelle)\b|^(?:un|une)\s")


# the last sentence's breaks: an amount's role, company and status each ask for them
_last_breaks: tuple[str, object, list[re.Match[str]]] = ("", None, [])


def _breaks(sentence: str, g: Grammar) -> list[re.Match[str]]:
    """Clause breaks, without the two dashes around an aside: "X — a startup that ... — has
    raised" is one clause."""
    global _last_breaks
    last = _last_breaks
    if last[0] is sentence and last[1] is g.clause_break:
        return last[2]
    found = list(g.clause_break.finditer(sentence))
    if "(" in sentence:  # "Ferrolith Inc. (Somerville, MA) will receive ...": a bracket's comma ends no clause
        brackets = [b.span() for b in _BRACKET.finditer(sentence)]
        found = [m for m in found if not any(a < m.start() < b for a, b in brackets)]
    out, k = [], 0
    while k < len(found):
        m = found[k]
        if k + 1 < len(found) and m.group(0) in _DASHES and found[k + 1].group(0) in _DASHES \
                and not _dashed_items(sentence, m, found[k + 1]):
            k += 2
            continue
        out.append(m)
        k += 1
    _last_breaks = (sentence, g.clause_break, out)
    return out


_DASHES = ("—", "–")
_DIGIT = re.compile(r"\d")


def _dashed_items(sentence: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """A headline's dashes between items that each tell a figure ("#DealMonitor – Fernwerk bekommt 3,5
    Millionen – Velora sammelt 6 Millionen ein"), not around an aside ("Kivano – das Startup mit 40
    Mitarbeitern – sammelt 5 Millionen ein": what follows goes on with a verb, not a new name)."""
    return is_headline(sentence) and bool(_DIGIT.search(sentence, first.end(), second.start())) \
        and bool(_DIGIT.search(sentence, second.end())) and sentence[second.end():].lstrip()[:1].isupper()
_BRACKET = re.compile(r"\([^()]{1,60}\)")


def clause_bounds(sentence: str, pos: int, g: Grammar) -> tuple[int, int]:
    start, end = 0, len(sentence)
    for m in _breaks(sentence, g):
        if m.end() <= pos:
            start = m.end()
        elif m.start() >= pos:
            end = m.start()
            break
    return start, end


# a German subordinate clause puts its verb last: "..., während die Düsseldorfer Plattform X eine
# Seed-Runde über 1,5 Mio. Euro abgeschlossen hat", "und das Start-up Y ein Darlehen über ... bekommen hat"
_SUBORDINATE_OPEN = re.compile(r"(?i)^\W*(?:(?:während|wobei|nachdem|weil|da|als|dass|und|sowie)\s+)?(?P<np>(?:der|die|das)\s.+)$")
_OBJECT_START = re.compile(r"(?i)\s(?:ein|eine|einen|einer|rund|etwa|über|knapp|fast|mehr als|weitere)\s|\s\d")
_FINAL_VERB = re.compile(r"(?i)\b(?:eingesammelt|erhalten|bekommen|abgeschlossen|gesichert|geholt|aufgenommen|eingeworben)"
                         r"\s+(?:hat|haben|hatte|hatten)\s*$")


# Dutch subordinate clauses put the verb last: "dat het 7 miljoen euro heeft opgehaald"
_NL_THAT_CLAUSE = re.compile(r"(?i)\b(?:dat|omdat|nadat|waarna)\s+(?P<np>[^,;:]{1,60}?)\s+$")
_NL_FINAL_VERB = re.compile(r"(?i)^\s*(?:[\w-]+\s+){0,4}?(?:(?:heeft|hebben|had|hadden)\s+(?:[\w-]+\s+){0,2}?"
                            r"(?:opgehaald|binnengehaald|gekregen|ontvangen|verzameld)|ophaalt|ophaalde|"
                            r"binnenhaalt|binnenhaalde|krijgt|kreeg|ontvangt|ontving)\b")


def _verb_final_subject(prefix: str, after: str, g: Grammar) -> Found | None:
    opening = _SUBORDINATE_OPEN.match(prefix)
    if not opening or not _FINAL_VERB.search(after.strip(" ,;.–—")):
        return None
    np = opening.group("np")
    cut = _OBJECT_START.search(np)
    np = np[:cut.start()] if cut else np
    if _is_anaphora(np, g):
        return Found(ANAPHORA, "anaphora")
    name = name_from_phrase(np, tail=True)
    return Found(name, "subject") if name else None


_DE_WITH_BEFORE = re.compile(r"(?i)^\W*mit\s+(?:rund\s+|etwa\s+|über\s+|mehr als\s+|knapp\s+)?$")
_DE_WITH_AFTER = re.compile(
    r"(?i)^\s*(?:(?:frische[mn]?|neue[mn]?|zusätzliche[mn]?)\s+(?:kapital|geld|investorengeld)\s+|im rücken\s+|"
    r"in der tasche\s+|aus (?:der|einer) (?:neuen |aktuellen )?(?:finanzierungsrunde|runde)\s+)?,?\s*"
    r"(?:will|wollen|soll|sollen|möchte|möchten|plant|planen|kann|können|geht|baut|treibt|expandiert)\s+")


# a round that is its sentence's subject, its amount before the noun ("The $5 million round was
# led by X") or in an apposition after it ("The round, worth $5 million, was led by X")
_ROUND_NOUNS = (r"round|funding round|financing round|funding|financing|investment|raise|ronda|operación|"
                r"tour de table|tour|levée de fonds|levée|opération|rodada|aporte|operação|aumento di capitale")
_ROUND_ARTICLE = r"(?:the|this|that|la|esta|dicha|le|ce|cette|a|o|il|questo|l['’])"
# "The round, worth $5 million, ...": the amount in an apposition right after the round noun
_ROUND_THEN_AMOUNT = re.compile(
    rf"(?i)^\W*{_ROUND_ARTICLE}\s*(?:{_ROUND_NOUNS}),\s+(?:worth|of|totaling|totalling|valued at|de|d['’]|por|pour|da|di)\s*$")
# "The $5 million round was led by X": only an article (and "new") before the amount, the round noun after it,
# not followed by whose or what for ("the $5 million round of Orvanta", "a $5 million investment in X")
_ARTICLE_THEN_AMOUNT = re.compile(rf"(?i)^\W*{_ROUND_ARTICLE}\s*(?:(?:new|latest|nueva|nouvelle|nova|nuovo)\s+)?$")
_ROUND_NOUN_AFTER = re.compile(rf"(?i)^\s*(?:[\w-]+\s+)?(?:{_ROUND_NOUNS})\b(?!\s+(?:of|for|in|into|de|en|pour|dans|para|em|di)\b)")


def bet_on(sentence: str, start: int, end: int, g: Grammar) -> str | None:
    """The company a backer bets the amount at start..end on: "Brightfield Partners bets $12M on
    Sillon", "mise 12 M€ sur Sillon", "setzt 12 Mio. Euro auf Sillon" (None when the sentence tells
    no bet, or "setzt 12 Mio. Euro um", a turnover)."""
    if g.bet_before is None or g.bet_after is None or not g.bet_before.search(sentence[max(0, start - 40):start]):
        return None
    link = g.bet_after.match(sentence[end:])
    return name_from_phrase(sentence[end + link.end():], first=True) if link else None


def bettor(sentence: str, start: int, g: Grammar) -> str | None:
    """Who bets the amount at `start` (see bet_on): the name that opens the bet's clause and stands
    right before its verb ("Brightfield Partners bets $12M on Sillon" -> Brightfield Partners)."""
    if g.bet_before is None:
        return None
    window = max(0, start - 40)
    verb = g.bet_before.search(sentence[window:start])
    if verb is None:
        return None
    c_start = clause_bounds(sentence, start, g)[0]
    head = sentence[c_start:window + verb.start()].strip(" ,")
    name = name_from_phrase(head, tail=True) if head else None
    return name if name and head.endswith(name) else None


def find_company(sentence: str, money: Money, g: Grammar, prev_end: int = 0) -> Found | None:
    """The company that takes `money` in `sentence`, if the grammar can tell."""
    start, end = money.span
    bet = bet_on(sentence, start, end, g)
    if bet:
        return Found(bet, "object")  # "Brightfield Partners apuesta 20 millones de euros por Ondaria"
    c_start, c_end = clause_bounds(sentence, start, g)
    c_start = max(c_start, prev_end)
    after = sentence[end:c_end]
    prefix = sentence[c_start:start]

    # "$140m round in WM Motor", "28 Millionen Euro für Health-Startup Medwing"
    link = g.object_link.match(after)
    purpose = None  # "X erhält 42 Mio. für Batterie-Analytik": what the money is for, not who gets it
    if link:
        name = _object_name(after[link.end():], g)
        if name:
            found = Found(name, "object" if name != ANAPHORA else "anaphora")
            if not _purpose_link(link.group(0), prefix, sentence[c_start:c_end], g):
                return found
            purpose = found
    elif g.object_anaphora is not None and g.object_anaphora.match(after):
        return Found(ANAPHORA, "anaphora")  # "invierte 3 millones en la startup de Sevilla"
    cleft = g.cleft.match(after) if g.cleft is not None and start - c_start <= 3 else None
    if cleft:  # "5 millions d'euros : c'est le montant que vient de lever Tavora": the amount opens the sentence
        name = name_from_phrase(after[cleft.end():], first=True)
        if name:
            return Found(name, "subject")

    if _ROUND_THEN_AMOUNT.match(prefix) or _ARTICLE_THEN_AMOUNT.match(prefix) and _ROUND_NOUN_AFTER.match(after):
        # "The $5 million round was led by X", "The round, worth $5 million, ...", "La ronda, de 5 millones,
        # fue liderada por X": the round is the subject; whose it is, the sentences before tell
        return Found(ANAPHORA, "anaphora")
    share = minority_stake(sentence[c_start:c_end])
    if share:  # "... übernimmt die Stiftung vier Prozent des Leipziger Unternehmens"
        np = _cut_np(sentence[c_start + share.end():])
        np_text = re.sub(r"^(?:the|das|die|der|dem|den|des)\s+", "", np)
        bare = re.sub(r"(?<=[a-zäöü])e?s$", "", np_text)  # genitive: "des Leipziger Unternehmens"
        if _is_anaphora("das " + np_text, g) or _is_anaphora("das " + bare, g) or _is_anaphora(np, g):
            return Found(ANAPHORA, "anaphora")
        name = _object_name(np, g)
        if name:
            return Found(name, "object" if name != ANAPHORA else "anaphora")
    stake = _STAKE_IN.match(after) if g.code == "de" else None
    if stake and re.match(r"(?i)(?:[\w-]+\s+)?(?:bewertung|höhe|summe|volumen|[\w-]*runde|finanzierung|kurs)\b",
                          stake.group("np")):
        stake = None  # "... bei einer Bewertung von einer Milliarde Euro": the terms, not a company
    if stake:  # "Mit 6 Mio. Euro beteiligt sich der VC X an dem Mannheimer Start-up Chemify"
        # "bei dem Leipziger Lastenrad-Hersteller ein": the article the pattern took makes it a reference
        if _is_anaphora(stake.group("np"), g) or _is_anaphora("dem " + stake.group("np"), g):
            return Found(ANAPHORA, "anaphora")
        name = name_from_phrase(stake.group("np"), tail=True)
        if name:
            return Found(name, "object")

    granted = _GRANTING_AFTER.match(after) if g.code == "de" else None
    # "Die EU hat dem Münchner Startup X 2,5 Mio. Euro zugesprochen": the dative takes it; and "hat
    # der X GmbH einen Förderbescheid der Y über N überreicht", the grant's paper between them
    for dative in (_GRANT_DATIVE.search(sentence[:start]), _DATIVE_RECIPIENT.search(prefix)) if granted else ():
        if dative is None:
            continue
        if _is_anaphora(dative.group("np"), g):
            return Found(ANAPHORA, "anaphora")
        name = name_from_phrase(dative.group("np"), tail=True)
        if name:
            return Found(name, "object")

    gen = sieve.search(_GENITIVE, prefix) or (g.genitive.search(prefix) if g.genitive is not None else None)
    if gen:
        np = _cut_np(gen.group("np") + " ")
        if _is_anaphora(np, g):
            return Found(ANAPHORA, "anaphora")
        name = name_from_phrase(np, tail=True)
        if name:
            return Found(name, "genitive")

    backs = sieve.search(_BACKS, prefix)
    if backs:
        name = name_from_phrase(backs.group("np"), tail=True)
        if name:
            return Found(name, "object")
    inv = sieve.search(_INVESTED_IN, prefix) if g.code == "en" else None
    if inv:  # "Apex Ventures has invested in Lumo, a Swedish fintech, as part of a $7M seed round"
        name = name_from_phrase(inv.group("np"), tail=True)
        if name:
            return Found(name, "object")
    paren = sieve.search(_PAREN_ANAPHORA, prefix)
    if paren and valid_name(paren.group(1)):
        return Found(paren.group(1), "subject")
    if g.code != "de" and sieve.search(_LISTED_NAMES, sentence[clause_bounds(sentence, start, g)[0]:start]):
        return None  # "businesses including X, Y and Z raised $472m": a group total

    handed = _GRANT_GOES_TO.match(after) if g.code == "en" and _AWARD_BEFORE.search(prefix + after[:40]) else None
    if handed:  # "awarded a grant worth $2.9 million over three years to NeuroHaven", "£1.2m ... going to X"
        name = name_from_phrase(handed.group("np"), first=True)
        if name:
            return Found(name, "object")
    awarded = _AWARDED_TO.search(prefix) if g.code == "en" else None
    if awarded:  # "The government has awarded Orbix a £1 million grant": the one awarded, not the subject
        name = name_from_phrase(awarded.group("np"), tail=True)
        if name:
            return Found(name, "object")
    if g.code == "de" and _INVESTED_AFTER.match(after):
        # "In der Seed-Runde hatte Cavalry 2,5 Millionen investiert": the clause's subject put the
        # money in; whose round it was the sentence does not say
        return None
    if g.code == "nl" and (said := _NL_THAT_CLAUSE.search(prefix)) and _NL_FINAL_VERB.match(after):
        # "Rublo maakt bekend dat het 7 miljoen euro heeft opgehaald", "..., zegt dat het bedrijf 5 miljoen
        # euro heeft opgehaald": a subordinate clause's subject stands between "dat" and the amount
        np = said.group("np").strip()
        if np.lower() in ("het", "zij", "ze", "hij") or _is_anaphora(np, g):
            return Found(ANAPHORA, "anaphora")
        name = name_from_phrase(np, tail=True)
        if name:
            return Found(name, "subject")
    verbs = list(sieve.finditer(g.subject_verbs, prefix))
    if not verbs and g.code == "de":
        name = _verb_final_subject(prefix, after, g)
        if name:
            return name
    if verbs:
        verb = verbs[0] if g.code == "de" else verbs[-1]
        if g.code != "de" and len(verbs) >= 2 and re.search(r"\bto\s*$", prefix[verbs[-2].end():verb.start()]):
            verb = verbs[-2]  # "X announces plans to raise $5M": the subject goes with the finite verb
        before = prefix[:verb.start()]
        said = g.reported_speech.search(prefix, verb.start()) if g.reported_speech is not None else None
        if said and said.start() < verb.end() and _reported_clause(prefix, g) != prefix:
            # "la consejera X anunció que el Gobierno destinará 6 millones": the money stands in the
            # clause after the verb of saying, with a subject of its own and no verb of a round
            return None
        if g.apposition is not None:  # "La jeune pousse Fluvia, fondée en 2019, a levé ...": the subject is before it
            before = g.apposition.sub(" ", before)
        if "(" in before:  # "Ferrolith Inc. (Somerville, MA) received ...": the bracket is an aside
            before = _BRACKET.sub(" ", before)
        before = _reported_clause(before, g)
        tail = before.strip().split(",")[-1].strip()
        if g.code == "de" and not tail and "," in before:
            # "Das Start-up, das 2019 von A und B gegründet wurde, erhält ...": the subject stands
            # before its relative clause
            heads = [x.strip() for x in before.split(",") if x.strip() and not _DE_RELATIVE.match(x.strip())]
            tail = heads[-1] if heads else ""
        opener = g.openers.match(tail) if g.verb_second and g.openers is not None and tail else None
        # "Zo haalde Mollie ...": after an opener a verb-second language names its subject next
        if tail and _is_anaphora(tail, g) and not (opener and opener.end() >= len(tail)):
            return Found(ANAPHORA, "anaphora")
        last = before.split()[-1:] if before.strip() else []
        bare = bool(last) and "," not in before and is_descriptor(last[0]) and not name_from_phrase(before, tail=True)
        if bare:
            return Found(ANAPHORA, "anaphora")  # "Flink: Lieferdienst erhält ..."
        if g.code == "de" or g.verb_second:  # Dutch puts its verb second too
            name = _de_subject(g.openers.sub("", before) if g.verb_second and g.openers is not None else before)
            if not name and re.search(r"\s(?:und|and|en)\s*$", before) and "," not in before:
                # "Kivano ist auf der Suche nach Kapital und spricht mit ...": the first verb's subject
                first = name_from_phrase(before, first=True)
                name = first if first and before.lstrip().startswith(first) else None
            if name and not _INVESTOR_VERB.search(prefix[verb.start():]):
                return Found(name, "subject")
            # inverted: "Nun hat sich das Unternehmen ... gesichert", "Im Juli erhielt X ..."
            rest = re.sub(r"^\s*sich\s+", "", prefix[verb.end():])
            np = _cut_np(rest)
            if _is_anaphora(np, g):
                return Found(ANAPHORA, "anaphora")
            name = None
            if np and g.verb_second:  # "de Amsterdamse betalingsdienstverlener Mollie afgelopen kwartaal"
                name = name_from_phrase(_np_until_plain_word(np), tail=True)
            name = name or (name_from_phrase(np, first=True) if np else None)
            if name:
                return Found(name, "subject")
        elif g.code == "fr":
            name = _de_subject(re.sub(r"\s+qui\s*$", " ", before), _FR_RELATIVE)
            if not name and re.search(r"\set\s*$", before) and "," not in before:
                # "Le spécialiste X lui emboîte le pas et fait savoir qu'il a bouclé ...": the subject of
                # the first verb, a name the clause opens with or that follows its description
                opening = _FR_OPENING_NAME.match(before)
                name = name_from_phrase(opening.group("name"), first=True) if opening else None
            if name:
                return Found(name, "subject")
        else:
            if g.openers is not None:  # "En particular, Klar encabezó ...": an opener never begins a name
                before = g.openers.sub("", before)
            if g.pro_drop and not before.strip(" ,") and not sentence[:c_start].strip() \
                    and not _FIRST_PERSON_VERB.search(verb.group(0)):  # (a later clause's is its sentence's subject)
                # "Cierra 1,3 millones con Kibo Ventures" under a round-up item's heading: the subject is
                # left out, as these languages do, and is the company told just before
                return Found(ANAPHORA, "anaphora")
            # "Magnitt and TechCrunch reported that Interswitch secured ...": the reporting clause names no subject
            before = _REPORTED_THAT.sub("", before)
            learned = _LEARNED.match(before)
            if learned:  # "Street Talk understands the company, which sells ..., has begun ...": the reporter is no subject
                before = before[learned.end():]
                if _is_anaphora(before.split(",")[0].strip(), g):
                    return Found(ANAPHORA, "anaphora")
            said = _SAID_IT.search(before)  # "Ridr announced on Wednesday that it had closed ..."
            before = before[:said.start()] if said else _SOURCES_SAID.sub("", before)  # "Sources said X is ..."
            if g.code == "en" and _unnamed_description(before):
                return Found(ANAPHORA, "anaphora")  # "A Sheffield start-up that recycles batteries has ..."
            name = _en_subject(before, g.relative or _RELATIVE)
            agent = _AGENT.search(before[:before.rfind(name)]) if name and g.relative is not None else None
            if agent:
                # "que la fintech creada por Pierpaolo Barbieri acaba de recaudar": the name after
                # "por" made the company; the subject is the noun phrase before it
                head = before[:agent.start()].split(",")[-1]
                return Found(ANAPHORA, "anaphora") if _is_anaphora(head, g) else None
            if name:
                return Found(name, "subject")
    elif prev_end and _GAPPED_COMMA.match(prefix) and ";" in sentence[prev_end:start]:
        # "Kivano raised $100M; Orbix, $20M", "...; la fintech Clip, 20 millones": the verb is left out
        name = name_from_phrase(_GAPPED_COMMA.match(prefix).group("np"), tail=True)
        if name:
            return Found(name, "gapping")
    elif prev_end and (re.search(r"(?:,|\bund|\band|\bet)\s+\S", prefix)
                       or (g.list_split is not None and g.list_split.search(prefix))):
        # gapping: "..., der Bezahldienst Bluecode bekam 20 Mio. Euro und der Spezialist X 8 Mio. Euro",
        # with the language's own "and" where it has one ("... op en softwarebedrijf Messagebird 800 miljoen")
        # (a comma may mark the left-out verb: "Abrix ha captado 5 millones y Bontra, 3 millones")
        # (French "et" too, its grammar having no list splitter: "Abrix a levé 5 millions et Bontra 3 millions")
        part = re.split(r",|\bund\b|\band\b|\bet\b", re.sub(r",\s*$", "", prefix))[-1]
        part = g.list_split.split(part)[-1] if g.list_split is not None else part
        if g.approx is not None:  # "... en platform MessageBird omgerekend 678 miljoen euro"
            part = g.approx.sub("", part)
        name = name_from_phrase(part, tail=True)
        if name:
            return Found(name, "gapping")

    # German fronted amount: "Rund 211 Millionen Euro hat der Anbieter Tier ... zusammenbekommen"
    if (g.code in ("de", "fr") or g.verb_second or g.reads_fronted) and not verbs:
        fronted = g.fronted_verbs.match(after)
        if fronted is None and g.code == "de" and _DE_WITH_BEFORE.search(prefix):
            # "Mit 5 Millionen Euro frischem Kapital will Kivano expandieren": what the money is for,
            # told by the company it came to
            fronted = _DE_WITH_AFTER.match(after)
        if fronted:
            np = _cut_np(after[fronted.end():])
            if _is_anaphora(np, g):
                return Found(ANAPHORA, "anaphora")
            name = name_from_phrase(np, first=True) if np else None
            if name:
                return Found(name, "fronted")

    # round-ups: "le fabricant bruxellois Cowboy (71 millions d'euros)", "Kiwa (€3M)"
    # the cheap test first: the lazy pattern rescans the whole prefix from every offset
    paren = _NAME_PAREN.search(prefix) if re.match(r"\s*[),;]", after) else None
    if paren:
        np = paren.group("np")
        # "Serie B de Félix (75 M USD)": the round's owner follows its label
        name = name_from_phrase(np, tail=True) or name_from_phrase(
            re.split(r"\s(?:de|of|von|di|da|van)\s", np)[-1], tail=True)
        if name:
            return Found(name, "listed")
    # passive: "160 millions d'euros bouclé par Ÿnsect", "$5M raised by Kiwa"
    by = sieve.match(_RAISED_BY_AFTER, after) or (g.passive_by.match(after) if g.passive_by is not None else None)
    if by:
        name = name_from_phrase(_cut_np(by.group("np") + " "), first=True)
        if name:
            return Found(name, "object")

    poss = _POSSESSIVE.search(prefix)
    if poss and valid_name(poss.group(1)):
        name = name_from_phrase(poss.group(1))
        if name:
            return Found(name, "possessive")

    listed = _LISTED.match(sentence[:start])
    if listed and start - listed.end() < 3 and _LISTED_ROUND.search(sentence[end:end + 80]):  # "Acme Robotics — $12M Series A — led by ...", "Zentro: €4M seed"
        name = name_from_phrase(listed.group("np"), tail=True)
        comma = listed.group(0).rstrip().endswith(",") and "(" not in listed.group(0)
        if comma and (_PREP_START.match(listed.group("np")) or _ADVERB_NP.fullmatch(listed.group("np"))):
            name = None  # "Meanwhile, $12 million went into ...": an adverb, not a listed company
        if name and not is_descriptor(name):
            return Found(name, "listed")
    if g.code == "en":
        said = _SAID_THE.search(sentence[c_start:start])
        if said:  # "In a statement, Kivano said the $5 million Series A was led by ..."
            name = name_from_phrase(said.group("np"), tail=True)
            if name:
                return Found(name, "subject")
        if _WITH_FRONT.match(sentence[c_start:start]):
            # "With $5 million in fresh funding from X, Kivano plans to ...": the main clause's subject
            comma = sentence.find(", ", end)
            main = sentence[comma + 2:] if comma > 0 else ""
            np = _cut_np(main)
            if _is_anaphora(np, g):
                return Found(ANAPHORA, "anaphora")
            name = name_from_phrase(np, first=True) if np and main[:1].isupper() else None
            if name and main.startswith(name):
                return Found(name, "subject")
    if g.code not in ("en", "de") and _WITH_FRONT_OTHER.match(sentence[c_start:start]):
        # "Avec 600 millions d'euros fraîchement levés, la start-up française X atteint ...": the
        # main clause's subject, a name after its description
        comma = sentence.find(", ", end)
        main = sentence[comma + 2:] if comma > 0 else ""
        described = _DESCRIBED_SUBJECT.match(main)
        if described and all(w.islower() or is_descriptor(w) for w in described.group("desc").split()):
            name = name_from_phrase(described.group("name"), first=True)
            if name:
                return Found(name, "subject")
        if _is_anaphora(_cut_np(main), g):
            return Found(ANAPHORA, "anaphora")
    joins = _JOINS.search(sentence[c_start:c_end]) if g.code == "de" else None
    if joins:  # "Mit 12 Millionen Euro steigt Bosch beim Startup Kinexon ein"
        np = joins.group("np")
        if _is_anaphora(np, g):
            return Found(ANAPHORA, "anaphora")
        name = name_from_phrase(np, tail=True)
        if name:
            return Found(name, "object")
    if sieve.search(_ROUND_NP, prefix) or sieve.search(_ROUND_SUBJECT, prefix) or _PRONOUN.search(prefix[-60:]) or re.search(
            r"(?i)\b(?:its|their|seine[nmr]?|ihre[nmr]?)\s+(?:[\w-]+\s){0,2}$", prefix) or re.search(
            r"(?i)\b(?:seine[nmr]?|ihre[nmr]?|its|their)\s+(?:[\w-]+\s)?(?:[\w-]*runde|round|finanzierung|funding)",
            sentence):
        return Found(ANAPHORA, "anaphora")
    return purpose


_NAME_PAREN = re.compile(r"(?P<np>[^,;:()]{2,80}?)\s\((?:(?:about|around|rund|environ|ca\.|some)\s)?$")
_RAISED_BY_AFTER = re.compile(
    r"(?i)^\s*(?:[\w-]+\s)?(?:bouclée?s?|levée?s?|réalisée?s?|récoltée?s?|raised|secured|closed|landed|"
    r"eingesammelt|eingeworben|recaudad[oa]s?|levantad[oa]s?|captad[oa]s?|raccolt[oi])\s+"
    r"(?:par|by|von|por|pela|pelo|da|dalla|dal)\s+(?-i:(?P<np>(?:la |le |l['’]|the |der |die |das )?[^,;.]{2,80}))")
_PURPOSE_PREP = re.compile(r"(?i)\b(?:für|for|pour)\s*$")
_SOURCE_PREP = re.compile(r"(?i)(?:^|\s)(?:de|d['’]|del|da|do|dal|dalla|van|from|von|vom)\s*$")
_PASSIVE_BACKERS = re.compile(r"(?i)\b(?:co-)?(?:led|backed|angeführt)\s+(?:by|von)\b")  # names backers, not the subject


def _purpose_link(link: str, prefix: str, clause: str, g: Grammar) -> bool:
    """A "für/for" phrase after an amount that a subject receives names the purpose: the
    company is the subject before the verb ("Lumora erhält 42 Millionen für Batterie-Analytik").
    After giving verbs ("Y investiert 5 Mio. für X") the phrase names the company."""
    if g.receive_verbs is not None and _SOURCE_PREP.search(link):
        # "X reçoit une subvention de 2 millions d'euros de Bpifrance": after a getting verb before
        # the amount, the name after "de" gave the money
        return bool(sieve.search(g.receive_verbs, prefix)) and not sieve.search(_INVESTOR_VERB, prefix)
    if g.receive_verbs is None or not _PURPOSE_PREP.search(link):
        return False
    if not sieve.search(g.subject_verbs, prefix) or sieve.search(_INVESTOR_VERB, _PASSIVE_BACKERS.sub("", clause)):
        return False
    return bool(sieve.search(g.receive_verbs, clause))


_CUMULATIVE_AFTER = re.compile(
    r"(?i)^\W{0,3}(?:[\w-]+\W+){0,4}?(?:to date|so far|in total|all told|insgesamt|bislang|bisher|"
    r"an kapital|seit (?:der )?gründung|since (?:its )?(?:inception|founding|launch)|"
    # "has raised $20 million since it was founded in 2019", "since launching in 2019", "seit 2019"
    r"since (?:it|the company|the startup) (?:was )?(?:founded|started|launched)|since (?:launching|starting|being founded)|"
    r"since (?:19|20)\d\d|seit (?:19|20)\d\d)\b")
# "fördert die Kaltwerk GmbH mit insgesamt 1,3 Millionen Euro aus Zuschüssen und Darlehen": the grant's
# parts summed, not a company's money to date
_GRANT_SUM = re.compile(r"(?i)\b(?:förder\w*|unterstützt|unterstützen)\b[^.;]{0,140}\bmit insgesamt\s+(?:rund\s+)?$")
_VALUATION_AFTER = re.compile(
    r"(?i)^\W{0,3}(?:\w+\W+)?(?:bewertet|taxiert|valuation|post-money|pre-money|firmenbewertung)\b|"
    r"^\W{0,3}wert\b|"  # "ist damit über eine Milliarde Euro wert"
    r"^\W{0,3}(?-i:V)alue\b")  # a title-case headline: "Raise Funds at $4 Billion Value"

_TOTAL_TO = re.compile(
    r"(?i)\b(?:total (?:funding|financing|capital|investment|raised|raise)|funding total|gesamtfinanzierung|"
    r"gesamtsumme|financement total|levée totale)\s+(?:to|of|at|auf|von|à)\s+"
    r"(?:about |around |more than |over |nearly |almost |rund |etwa |über |mehr als |près de |plus de )?$|"
    # "eine Erweiterung der Serie-D-Runde (auf nun insgesamt 570 Millionen)": what the round now adds up to
    r"\bauf (?:nun |jetzt |damit |nunmehr )?insgesamt (?:rund |etwa |über |mehr als )?$")
# a minority stake bought is money into the company: "übernimmt vier Prozent des Unternehmens",
# "acquires a 20% stake in X", "erwirbt 10 Prozent an X"; a majority is a takeover
_STAKE_SHARE = re.compile(
    r"(?i)\b(?:übernimmt|übernehme|übernahm|erwirbt|erwerbe|erwarb|kauft|kaufte|hält künftig|acquires?|acquired|"
    r"buys?|bought|takes?|took|taking|acquiring|buying)\b[^.;:]{0,60}?\s(?:an?\s+|die\s+|den\s+)?(?:stake of\s+)?"
    r"(?P<n>\d{1,2}(?:[.,]\d+)?|[a-zäöüß]+)\s*(?:-\s*)?(?:prozent|%|percent|per cent|-prozentigen?)"
    r"(?:\s+(?:stake|beteiligung|anteile?))?\s+(?:an|in|des|der|of|am)\s")


def minority_stake(clause: str) -> re.Match[str] | None:
    """The match of a minority stake bought in `clause` (below half), or None."""
    m = sieve.search(_STAKE_SHARE, clause)  # most clauses hold no "Prozent", "%" or "percent"
    if not m:
        return None
    n = m.group("n").lower()
    value = float(n.replace(",", ".")) if n[0].isdigit() else word_to_number(n)  # "vier Prozent"
    return m if value is not None and 0 < value < 50 else None


# a public body's grant to a company is a round, though "die EU" or "the government" mark other
# public money: "Die EU unterstützt das Start-up X mit 2,5 Mio. Euro", "has awarded Orbix a grant"
_GRANT_TO_COMPANY = re.compile(
    r"(?i)\b(?:fördert|förderte|unterstützt|unterstützte|finanziert|finanzierte|awarded|awards|granted)\s+"
    # "Mit 2 Mio. Euro fördert das Land Hessen das Startup X": the funder may stand between verb and object
    r"(?:(?:das|die|der)\s+(?-i:[A-ZÄÖÜ])[\w-]+(?:\s+(?-i:[A-ZÄÖÜ])[\w-]+){0,3}\s+(?=(?:das|den|die|dem)\s))?"
    r"(?:(?:das|den|die|dem|der|the|a|an)\s+(?:[\w-]+\s+){0,2}[\w-]*(?:start-?up|unternehmen|firma|fintech|"
    r"biotech|spin-?off|hersteller|anbieter|entwickler|company|firm)\b|(?-i:[A-Z])[\w.&-]*\s+(?:an?\s+)?"
    r"(?:[\w$€£.,-]+\s+){0,3}grant\b)")
# a grant handed to its company after the amount: "... worth $2.9 million over three years to X",
# "with £1.2m of grant funding going to X"
# the size of the deal itself, not a valuation: "a grant worth $2.9 million", "a contract valued at $1.7M"
_DEAL_WORTH = re.compile(r"(?i)\b(?:grant|contract|award|deal|round|financing|funding|investment|loan|facility)s?"
                         r",?\s+(?:worth|valued at)\s+(?:up to |about |around |some |nearly )?$|"
                         # "eine Venture-Debt-Finanzierung von bis zu 20 Millionen Euro": a credit line's size
                         r"(?:finanzierung|darlehen|kredit\w*|förderung|zuschuss|runde)\s+(?:von|über|in höhe von)\s+bis zu\s+$")
_AWARD_BEFORE = re.compile(r"(?i)\b(?:award(?:s|ed)?|grant(?:s|ed)?)\b")
_GRANT_GOES_TO = re.compile(
    r"\s+(?:(?:over|across) (?:the next )?[\w-]+ (?:years?|months?)\s+|of (?:[\w-]+ ){0,2}(?:funding|money)\s+)?"
    r"(?:going |awarded |granted |given )?to\s+(?P<np>(?-i:[A-Z])[\w.&-]*(?:\s(?-i:[A-Z])[\w.&-]*){0,3})")
_AWARDED_TO = re.compile(
    r"\bawarded\s+(?P<np>(?-i:[A-Z])[\w.&-]*(?:\s(?-i:[A-Z])[\w.&-]*){0,3})\s+(?:an?\s+|its\s+)?$")
_JOINT_SUM_BEFORE = re.compile(r"(?i)\b(?:investier(?:en|ten)|invest|invested|stecken|steckten|pumpen|pumpten)\s+"
                               r"(?:gemeinsam\s+|zusammen\s+|together\s+)?(?:insgesamt|in total|a total of)\s+$")
# the investing verbs of the languages other than English and German ("invierte", "ha investito",
# "investiu", "a investi", "investeert"), shared with the mention reader (mentions.backer_at)
LEXICON_INVEST_VERBS = (r"invierte|invierten|invirtió|invirtieron|invertido|investe|investono|investito|investiu|"
                        r"investiram|investi|investit|investissent|investeert|investeren|geïnvesteerd")
_INVESTS_BEFORE = re.compile(rf"(?i)\b(?:investier(?:t|en|te|ten)|invests|invested|{LEXICON_INVEST_VERBS})\s+"
                             r"(?:(?:gemeinsam|zusammen|insgesamt|rund|etwa|knapp|weitere|another|about|nearly)\s+)*$")
# ("en la startup", "nella startup", "na startup", "dans la start-up": the lexicon languages' "into")
_INTO_AFTER = re.compile(r"(?i)^\s+(?:in|into|en|nella|nello|nel|na|no|em|dans)\s")
_FUND_WORD = re.compile(r"(?i)fonds|fondo|fundo|\bfund\b")
_NEXT_CLAUSE = re.compile(r"\s(?:and|while|whereas|und|während|et|y)\s")
_MIN_ROUND = 10_000  # below this an amount is a price, a fee or a ticket, never a round
_PER_SHARE_AFTER = re.compile(
    r"(?i)^\W{0,3}(?:per|a|each|je|pro|par)\s(?:share|ads|aktie|action)\b|"
    r"^\W{0,3}apiece\b")
# an investor's own numbered or new fund right before the amount: "closed its third fund at",
# "its debut fund of", "their new $200 million fund" is told with the amount first and left to the
# clause's words
_OWN_FUND_BEFORE = re.compile(
    r"(?i)\b(?:its|their)\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|debut|new|latest|"
    r"flagship|inaugural|\d+(?:st|nd|rd|th))\s+(?:[\w-]+\s+){0,2}?fund\s+(?:at|of|worth|with|totaling|totalling)\s+"
    r"(?:(?:about|around|nearly|roughly|some|over|more than)\s+)?$")
_PER_SHARE_BEFORE = re.compile(
    r"(?i)\b(?:(?:shares?|stock|ADSs?|aktien?|actions?)\s+(?:[\w-]+\s+){0,2}(?:at|for|zu je|zu|à)|"
    r"(?:share|offer|offering|issue|listing|ipo|strike) price|price range|ausgabepreis|emissionspreis|"
    r"platzierungspreis|aktienkurs|kurs von|prix (?:de l['’]action|d['’]introduction|par action))"
    r"\W+(?:[\w-]+\W+){0,3}$")


def _after_receive_verb(before: str, g: Grammar) -> str:
    """The words from the clause's verb of getting money to the amount: "La plataforma de
    facturación ... levanta 2,3 M€" has its revenue word in the company's description, before the verb."""
    last = None
    for last in g.receive_verbs.finditer(before) if g.receive_verbs is not None else ():
        pass
    return before[last.start():] if last else before


# the backers named after an amount: "raccoglie 900mila euro da Vertis SGR", "liderada pela Kaszek,
# com participação da gestora Astella" (never "de", which also joins the currency and its purpose,
# nor "por"/"par"/"pela": after "recaudados" they name who collects the money)
_BACKERS_AFTER = re.compile(r"(?i)\b(?:auprès|bij|dal|dalla|dai|dagli)\b")
_BACKERS_AFTER_IT = re.compile(r"(?i)\bda\b")


def _telling_part(sentence: str, t_start: int, end: int, c_end: int, g: Grammar) -> str:
    """The words of an amount's clause that tell what the money is: not the backers named after
    the amount, which tell who they are ("levantou US$ 15 milhões ... com participação da gestora
    Astella", "raccoglie 900mila euro da Vertis SGR"), not that the money is a fund's or a loan."""
    if g.investor_cue is None:
        return sentence[t_start:c_end]  # a grammar without words for backers reads the whole clause
    hi = c_end
    for pattern in (g.investor_cue, _BACKERS_AFTER, _BACKERS_AFTER_IT if g.code == "it" else None):
        found = pattern.search(sentence, end, hi) if pattern is not None else None
        if found:
            hi = found.start()
    return sentence[t_start:hi]


_LOCAL_ROUND = re.compile(
    r"(?i)series|serie|seed|runde|round|angel|bridge|brücke|debt|grant|zuschuss|zuschüss|förderung|fördermittel|"
    r"wandeldarlehen|wandelanleihe|(?<!non-)(?<!non )convertible|"  # "non-convertible debentures" are debt paper
    r"fördergeld|förderprogramm|subvention")
_JOINED_CLAUSE = re.compile(r"(?i),\s+(?:and|while|whereas|but|und|während|doch)\s+(?:[\w'’-]+\s+){0,3}?"
                            r"(?:[A-Z][\w.-]+|it|they|the)\b")
# "had raised about $48 million" in a company's portrait is its sum before the news, as "has raised"
_HAS_RAISED = re.compile(r"(?i)\b(?:has|have|had)\s+(?:now\s+|so far\s+|already\s+|previously\s+)?raised\s+"
                         r"(about\s+|some\s+|roughly\s+|around\s+|nearly\s+|more than\s+|over\s+)?$")
# "The startup said on Tuesday it had raised ...": reported news, not a look back
_TOLD_IT_HAD = re.compile(r"(?i)\b(?:said|says|announced|announces|told|confirmed|disclosed)\b[^.;]{0,40}$")
_NAMED_ROUND = re.compile(r"(?i)\b(?:round|series|seed|led|latest|new|fresh)\b")
# "Insgesamt 12 Millionen Euro hat X in seiner jüngsten Finanzierungsrunde eingesammelt": the sum
# of one round, the latest, named in the clause (never beside "seit der Gründung", "to date": a sum of all)
_THIS_ROUND = re.compile(r"(?i)\b(?:jüngsten|aktuellen|neuen|neuesten|laufenden|latest|current|newest)\s+"
                         r"(?:[\w-]+\s+)?(?:[\w-]*runde|round|[\w-]*finanzierung)\b")
_SO_FAR = re.compile(r"(?i)\b(?:seit|bisher|bislang|mittlerweile|to date|so far|since|in total|all told)\b")
# "has raised US$8 million in a mix of equity and debt": one deal's make-up, not a sum of rounds
_FRESH_ROUND = re.compile(r"(?i)round|funding|financing|from|led|series|seed|investment|investors|new|fresh|latest|"
                          r"\ba (?:mix|combination|blend) of\b")


# "X hat 2,5 Millionen Euro in das Startup Gleisblick investiert": the perfect tense puts the
# company between the amount and the participle, where money put into a plant stands too
_INVESTED_IN = re.compile(r"(?i)^\s*in\s+(?P<np>[^,.;]{1,60}?)\s+(?:investiert|gesteckt)\b")


def _invested_in_company(after: str, g: Grammar) -> bool:
    """The German participle clause after an amount names a company, a rare word the money goes
    into ("in das Berliner Start-up Gleisblick investiert"), not a plant or a theme ("in Forschung
    und Entwicklung", "in ihr neues Werk")."""
    found = _INVESTED_IN.match(after) if g.code == "de" else None
    name = name_from_phrase(found.group("np"), tail=True) if found else None
    return bool(name) and all(zipf(word, "de") < UNCOMMON for word in name.split())


# the lower end of a raise's range ("to raise between", "pour lever entre", "para levantar entre",
# "zwischen ... einsammeln" is read from its verb after the amount) and the upper end after it
_RANGE_START = re.compile(r"(?i)\b(?:raise|raising|lever|levantar|captar|recaudar|raccogliere|ophalen)\s+"
                          r"(?P<word>between|entre|tra|tussen)\s+$")
_RANGE_END = re.compile(r"(?i)\b(?:between|entre|tra|tussen|zwischen)\s+(?:[$€£]\s?|us\$\s?|r\$\s?)?[\d.,]+"
                        r"(?:\s?(?:million|billion|millions|milliards?|millones|milhões|milioni|miljoen|millionen|mio\.?|bn|m))?"
                        r"(?:\s(?:de|d['’]|of)\s\w+)?\s+(?:and|et|e|y|und|en)\s+$")
# what a currency-less amount counts when it is no money: people, users, downloads, things
_COUNT_AFTER = re.compile(
    r"(?i)^\s+(?:(?:de|of|di|d['’]|van|an)\s+)?(?:clientes|usuarios|usuários|personas|pessoas|habitantes|pacientes|"
    r"descargas|downloads|users|customers|people|patients|visitors|subscribers|members|vehicles|units|"
    r"nutzer(?:innen)?|kunden|menschen|mitglieder|abonnenten|patienten|utilisateurs|clients|habitants|"
    r"abonnés|utenti|clienti|persone|abbonati|gebruikers|klanten|mensen|leden|abonnees)\b")


def money_role(sentence: str, money: Money, g: Grammar, has_round: bool, lead: bool = False,
               after_amount: int = 0, topic_cue: bool = False) -> str:
    """"round", "valuation" or "skip" for one amount in a sentence (`lead`: the article's first).

    `after_amount`: where the sentence's previous amount ends. "Startups raised a total of $54M
    and fintech X led with a $14M round": what is said of the first amount before "and" (a total)
    is not said of the second.

    `topic_cue`: a topic before a colon tells that the amount is money for a company ("Geldregen für
    X: 12 Mio. Euro von Y"), where the clause itself holds no word of funding."""
    start, end = money.span
    c_start, c_end = clause_bounds(sentence, start, g)
    # the totals checks below read from here: after "and" + a clause of its own (three words or
    # more before this amount), not "$30M, $26M and $10M, respectively"
    t_start = c_start
    link = _NEXT_CLAUSE.search(sentence, after_amount, start) if after_amount else None
    if link and len(sentence[link.end():start].split()) >= 3:
        t_start = max(c_start, link.end())
    before = sentence[max(c_start, start - 60):start]
    after = sentence[end:min(c_end, end + 45)]
    if money.amount < _MIN_ROUND or sieve.match(_PER_SHARE_AFTER, after):
        return "skip"  # a share price ("$18 per share", "zu je 18 Euro je Aktie")
    if money.currency is None and _COUNT_AFTER.match(after):
        return "skip"  # "asegura tener 1,2 millones de clientes", "3 million users": a count, not money
    # the sieve skips the grammar's case-insensitive lists (tried at every offset) where their words are missing
    if (sieve.search(g.valuation_before, sentence[max(c_start, start - 110):start]) or sieve.match(_VALUATION_AFTER, after)) \
            and not _DEAL_WORTH.search(sentence, max(0, start - 60), start):
        return "valuation"
    if sieve.search(_PER_SHARE_BEFORE, before):
        return "skip"  # "pricing its shares at $18", "Ausgabepreis von 18 Euro"
    if _RANGE_END.search(before):
        return "skip"  # "... between $150 million and $200 million": the range's upper end, its lower is the round's
    # "seeking to raise between $150 million and $200 million": a raise's range, its lower end the round's
    # size (the checks below read the text before "between")
    range_start = _RANGE_START.search(before)
    if range_start:
        before = before[:range_start.start("word")]
    if sieve.search(_OWN_FUND_BEFORE, before):
        # "has closed its third fund at $200 million": an investor's own fund, even where the firm's
        # description names the rounds it backs ("the firm that backs startups at seed and Series A")
        return "skip"
    if sieve.search(g.skip_before, _after_receive_verb(before[before.rfind(", ") + 1:], g)) and not _DEAL_WORTH.search(
            sentence, max(0, start - 60), start) or sieve.search(g.skip_after, after) and not _invested_in_company(after, g):
        return "skip"
    clause = sentence[c_start:c_end]
    if g.failed is not None and sieve.search(g.failed, sentence[t_start:c_end]):
        return "skip"  # "hatte vergeblich versucht, eine Anschlussfinanzierung über 5 Mio. Euro aufzutreiben"
    if minority_stake(clause) is not None:
        return "round"  # "Für 46 Mio. Euro übernimmt die Stiftung vier Prozent des Unternehmens"
    # "fördert" alone: a public body funding a theme is no round
    # ... named in this clause, not in one joined after the amount ("Viajio was acquired for €90M, and
    # Tradely shut down after failing to raise a Series B")
    joined = _JOINED_CLAUSE.search(sentence, end, c_end)
    local_round = has_round and bool(sieve.search(_LOCAL_ROUND, sentence[c_start:joined.start() if joined else c_end]))
    if spread_over_many(sentence[end:c_end]):
        return "skip"  # "grants of $100,000 to eighty-one projects"
    if _TOTAL_TO.search(before):
        return "skip"  # "The seed round ... brings its total funding to $7 million": the sum, even beside a round
    # "X und Y investieren insgesamt 15 Mio. Euro in Z": the backers' sum is this round, not a total;
    # and "der Fonds X investiert ... in Z" is a fund putting money into a company, not a fund's news
    into = bool(_INTO_AFTER.match(after))
    joint = into and _JOINT_SUM_BEFORE.search(before)
    backers_into = into and _INVESTS_BEFORE.search(before)
    if (sieve.search(g.cumulative, sentence[max(t_start, start - 110):start]) or sieve.match(_CUMULATIVE_AFTER, after)
            or (g.cumulative_after is not None and g.cumulative_after.match(after))) \
            and not local_round and not joint and not _GRANT_SUM.search(sentence, max(t_start, start - 160), start) \
            and not (sieve.search(_THIS_ROUND, clause) and not sieve.search(_SO_FAR, clause)):
        return "skip"
    skip = sieve.search(g.skip_clause, _telling_part(sentence, t_start, end, c_end, g)) if not local_round else None
    # ("Der Fonds investiert 5 Mio. in X", "Il fondo investe 2 milioni nella startup": the fund's money goes into a company)
    if skip and not _GRANT_TO_COMPANY.search(clause) and not (backers_into and _FUND_WORD.search(skip.group(0))):
        return "skip"
    if not local_round and is_aggregate(sentence, start, end, (t_start, c_end)):
        return "skip"  # totals, thresholds, parts of a sum, plans, market figures
    raised = sieve.search(_HAS_RAISED, sentence[c_start:start])
    if raised and not lead and not sieve.search(_FRESH_ROUND, clause):
        return "skip"
    if raised and not lead and raised.group(1) and not sieve.search(_NAMED_ROUND, clause):
        return "skip"  # "had raised about $48 million from investors": a rounded sum of all rounds  # "Airbnb has raised $2.39 billion": a total, not a round (in the lead it is the news)
    if raised and not lead and raised.group(0).lower().startswith("had") and not sieve.search(_NAMED_ROUND, clause) \
            and not _TOLD_IT_HAD.search(sentence, max(0, c_start - 40), start):
        return "skip"  # "Tally-Ho, founded in 2019, had raised £14m from backers including Seedcamp": its sum so far
    if not topic_cue and not sieve.search(g.funding_cue, clause) and not bet_on(sentence, start, end, g) and not (
            # "anunció al mismo tiempo una línea de deuda de 50 millones": a weak verb with a round's word
            has_round and g.weak_verbs is not None and g.weak_verbs.search(clause)):
        # "Other notable rounds: Pelvo ($5M, Harlow), Tessaro ($3M)": the heading before the colon
        # tells what the bracketed amounts are
        head = sentence[:c_start].rstrip()
        listed = head.endswith(":") and re.match(r"\s*[),;]", after) and sentence[:start].rstrip().endswith("(") \
            and (sieve.search(g.funding_cue, head) or re.search(r"(?i)\b(?:rounds|raises|runden)\b", head))
        # "Kivano raised $100M; Orbix, $20M": a gapped clause borrows the verb of the one before
        gapped = head.endswith(";") and _GAPPED_COMMA.match(sentence[c_start:start]) \
            and sieve.search(g.funding_cue, head)
        if not (listed or gapped):
            return "skip"
    return "round"
