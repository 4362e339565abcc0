"""A company's own voice: a founder's post or a company's blog, and the company that speaks in it.

A founder's post (a social-network page): its profile headline names the author's company.

"CEO & Co-founder en nubo.ar | Construyendo ...", "CEO @ Kestrel Santé | Ex-AP-HP", "Founder & CEO
presso Mosaico.ai": the line under the author's name says whose company the author runs. The post then
tells its round in the first person, without naming the company ("levantamos US$1,2M", "notre levée
de fonds de 1,8 M€", "abbiamo chiuso un round"): such a round is the author's company's.
A company's own blog post ("Wir haben 2,4 Mio. Euro eingesammelt") ends with its boilerplate
"Über Tinkerly", which names it.
"""

from __future__ import annotations

import re

_ROLE = (r"(?:CEO|CTO|COO|CFO|CPO|Founder|Co-?founder|Cofounder|Co-?fundador[a]?|Cofundador[a]?|Fundador[a]?|"
         r"Co-?fondat(?:eur|rice)|Cofondat(?:eur|rice)|Fondat(?:eur|rice)|Co-?fondatore|Fondatore|"
         r"Oprichter|Mede-?oprichter|Co-?Gründer(?:in)?|Mitgründer(?:in)?|Gründer(?:in)?|Geschäftsführer(?:in)?|"
         r"Managing Director|Directeur général|Directrice générale|Director General|Amministratore delegato)")
# the role (or roles joined by "&", "and", "/"), a preposition or "@", the company, then "|" or the line's end
_PROFILE = re.compile(
    rf"^\s*{_ROLE}(?:\s*(?:&|/|,|and|y|e|et|en|und)\s*{_ROLE})*\s+"
    r"(?:@|at|en|chez|presso|na|no|da|de|di|bij|bei|van|of)\s+"
    r"(?P<name>[^\s|•·,][^|•·,]{0,40}?)\s*(?:[|•·]|$)")
# the first person plural: pronouns and possessives, and the verb endings that carry it where
# Spanish, Portuguese and Italian drop the pronoun ("levantamos", "captamos", "abbiamo chiuso")
_WE = re.compile(r"(?i)\b(?:we|our|wir|unser\w*|nous|notre|nos|nosotros|nuestr[oa]s?|nós|noss[oa]s?|a gente|"
                 r"noi|nostr[oaei]|wij|onze)\b|\b[a-zà-ÿ]{3,}(?:amos|imos|emos|iamo)\b")
_HEAD_LINES = 4  # the profile headline stands right under the author's name, above the post


def post_author(sentences: list[str]) -> str | None:
    """The company a post's profile headline names, if the page opens with one."""
    for sentence in sentences[:_HEAD_LINES]:
        m = _PROFILE.match(sentence)
        if m:
            return m.group("name").strip(" .")
    return None


def first_person(sentence: str) -> bool:
    """The sentence speaks as "we": the post's author's company tells its own news."""
    return bool(_WE.search(sentence))


# a company's own post ("Wir haben 2,4 Mio. Euro eingesammelt") ends with its boilerplate "Über Tinkerly"
_WE_OPENING = re.compile(r"(?i)^\W*(?:wir|we)\b")
_ABOUT_HEADING = re.compile(r"^(?:Über|About) (?P<name>[A-ZÄÖÜ][\w.&-]*(?: [A-ZÄÖÜ][\w.&-]*){0,2})$")


def about_box_author(sentences: list[str], idx: int) -> str | None:
    """The author of a round told as "we" ("Wir haben ... eingesammelt"): the company the page's
    "About" box below names, when it has one."""
    if not _WE_OPENING.match(sentences[idx]):
        return None
    about = next((m for x in sentences[idx + 1:] if (m := _ABOUT_HEADING.match(x.strip()))), None)
    return about.group("name") if about else None
