"""Which site a URL belongs to: its registrable domain ("eTLD+1": example.co.uk for www.news.example.co.uk).

A page may claim another URL as its identity (`<link rel=canonical>`, `og:url`).
Within one site that is how syndication and tracking parameters collapse to one
article; across sites it is a claim nobody can check, and believing it lets any
page take over another site's article (the real one is then never fetched, and
the claimant's text is reported under the other site's URL). So a claim counts
only within the page's own registrable domain.

The Public Suffix List comes from `tld`, which ships a copy of the list inside
the package and reads only that file (it downloads a newer one only when
`tld.utils.update_tld_names()` is called, which fundwatch never does). It is
already installed with trafilatura (through courlan), so it adds nothing.
tldextract was the other candidate: it fetches the list over the network on
first use unless configured not to, and a cycle must not depend on that.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlsplit


@lru_cache(maxsize=4096)
def registrable_domain(url: str) -> str | None:
    """'https://www.news.example.co.uk/a' -> 'example.co.uk'; an IP address or a host on
    no public suffix (localhost, *.test) stands for itself; None when there is no host."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if not host:
        return None
    from tld import get_fld  # noqa: PLC0415 - loads the suffix list, only when first needed

    return get_fld(host, fix_protocol=True, fail_silently=True) or host


def same_site(a: str, b: str) -> bool:
    """True when both URLs belong to one registrable domain."""
    site = registrable_domain(a)
    return site is not None and site == registrable_domain(b)
