"""Name slots: whether the company a round was given is a name at all.

The reader of sentences fills a round's company slot with what stands where a name should:
"Nachdem", "der Personalsoftware-Spezialist", "Deutsche Fintechs", "Matt Jones, founder of Orbix",
"Online Bank Qonto". Once the article is read, each is checked: a name stays, a person with a job
title gives way to the company they work for, a sector or an investor's own fund tells no round,
and a word that names nothing gives way to the article's subject when it has a sure one (never in
a round-up of several companies). Investors that are no names are dropped, and a title-case
headline's descriptors are trimmed off a name another round tells without them.
"""

from __future__ import annotations

from extraction.drafts import Draft
from extraction.names import FUND_NAME, is_descriptor, leader_company, same_company
from extraction.plausibility import COMMON, PLURAL_KIND, UNCOMMON, check_name, employer, plausible_name, zipf


def _trim_descriptors(drafts: list[Draft], lang: str) -> None:
    """"Online Bank Qonto Raised $552M" beside "Qonto raised ...": a title-case headline capitalises
    its descriptors, so a name that ends with another round's name after everyday words is that name."""
    names = {d.company for d in drafts}
    for d in drafts:
        words = d.company.split()
        for k in range(len(words) - 1, 0, -1):  # the shortest tail first: "Online Bank Qonto" is Qonto
            tail = " ".join(words[k:])
            # "AI Coding Startup Parallax" beside "Parallax AI": the same name with its legal or trade suffix
            # (a tail that is an everyday word, "Robotics" of "Carbon Robotics", must be the other name)
            others = [n for n in names if n != d.company and (n == tail or same_company(tail, n) and all(
                zipf(w, lang) < UNCOMMON for w in tail.split()))]
            if others and all(
                    is_descriptor(w) or zipf(w, lang) >= COMMON for w in words[:k]):
                d.company = tail
                break


# the plural articles of languages that put one before a sector ("Las fintech españolas", "Os
# bancos", "Les start-up françaises"): left alone in a name slot, they tell a plural subject
_PLURAL_ARTICLES = {"es": ("los", "las"), "pt": ("os", "as"), "it": ("i", "gli", "le"), "fr": ("les", "des")}


# what a deal list's or a table's name field may hold and still be a name ("Cuore Digitale", "Honest")
_EVERYDAY = ("an everyday word", "everyday words in title case")


def plausible_drafts(drafts: list[Draft], lang: str, body: str, head: str | None,
                      subject: str | None) -> list[Draft]:
    """Rounds whose company slot holds no name ("Nachdem", "der Personalsoftware-Spezialist")
    belong to the article's subject when it has one, and are dropped otherwise; investors
    that are no names ("Zeiten", "US-Fonds") are dropped."""
    out = []
    for d in drafts:
        d.company = leader_company(d.company) or d.company  # "Kornwerk-Chefin Anna Maier hat 12 Mio. eingesammelt"
    checks = {d.company: check_name(d.company, lang, body, head) for d in drafts}
    named = {name for name, check in checks.items() if check.plausible}
    # a round-up names several companies: a nameless round there is no round of the subject,
    # and a rarer word in a name slot among other names is a name too
    names = {name for name, check in checks.items() if check.plausible or check.weak}
    others = [n for n in names if not (subject and same_company(n, subject))]
    roundup = len(names) >= 3 or len(others) >= 2
    weak = {name for name, check in checks.items() if check.weak}
    if roundup or not subject:  # with no better candidate, a rarer word in a name slot stays
        named |= weak
    for d in drafts:
        if FUND_NAME.search(d.company) and d.round == "unknown" and not (d.leads or d.investors):
            continue  # "Corviglia Capital Fund raised $500M": an investor's own fund, not a round
        if d.company in weak:
            d.confidence -= 0.1
            d.weak_name = True
        works_at = employer(d.company, body) if checks[d.company].reason == "a person with a job title" else None
        if works_at and plausible_name(works_at, lang, body, head):
            d.company = works_at  # "Matt Jones, founder of Orbix, raised ...": Orbix raised
            d.confidence -= 0.1
        elif checks[d.company].reason == PLURAL_KIND:
            continue  # "Deutsche Fintechs haben ... eingesammelt": a sector's total, nobody's round
        elif (d.deal_line and checks[d.company].reason in _EVERYDAY) or d.heading:
            # "SERIES B • Honest • Undisclosed": a deal list's name field holds a name even when
            # the name is an everyday word; so does a round-up item's heading, whatever the check
            # said of it (kept, but marked weak: either way no sentence vouched for the name)
            d.weak_name = True
            d.confidence -= 0.1
        elif d.company.lower() in _PLURAL_ARTICLES.get(lang, ()):
            continue  # "Las constructech españolas levantan 80 millones": a plural subject, a sector's total
        elif d.company not in named:
            backers = d.leads + d.investors
            if not subject or roundup or FUND_NAME.search(subject) or any(same_company(subject, n) for n in backers):
                continue
            d.company = subject
            d.confidence -= 0.15
            d.substituted = True
        d.leads = [n for n in d.leads if plausible_name(n, lang, body, head, investor=True)
                   and not same_company(n, d.company)]  # a company never leads its own round
        d.investors = [n for n in d.investors if plausible_name(n, lang, body, head, investor=True)
                       and not same_company(n, d.company)]  # "Investoren glauben an Mavrik" names no backer
        out.append(d)
    _trim_descriptors(out, lang)
    return out
