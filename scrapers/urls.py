"""URL canonicalisation: one spelling per article, so it is stored and fetched once.

`url-normalize` does the RFC 3986 part (scheme and host case, default ports,
dot segments, percent-encoding). Its own `filter_params` keeps only allow-listed
parameters and drops things like `?p=123` that identify WordPress posts, so the
tracking parameters are removed here from an explicit list instead.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from url_normalize import url_normalize

# Parameters that identify a campaign or a click, never the document.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "twclid", "ttclid", "li_fat_id", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
        "_hsenc", "_hsmi", "mkt_tok", "vero_id", "vero_conv", "oly_anon_id", "oly_enc_id",
        "rb_clickid", "s_cid", "ncid", "cmpid", "ocid", "sr_share", "wt_mc", "wt.mc_id",
        "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
        "ref_src", "ref_url", "spm", "guccounter", "guce_referrer", "guce_referrer_sig",
        "feature", "fsrc", "rss", "cmp", "__twitter_impression",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hmb_", "itm_")

# Redirect wrappers whose target is in a query parameter.
_WRAPPERS = {
    # Google Alerts: https://www.google.com/url?rct=j&sa=t&url=<target>&ct=ga&...
    ("google.", "/url"): ("url", "q"),
}
_FEEDBURNER_HOSTS = ("feedproxy.google.com", "feeds.feedburner.com", "feeds2.feedburner.com")


class InvalidURL(ValueError):
    """Not an absolute http(s) URL."""


def _is_tracking(name: str) -> bool:
    low = name.lower()
    return low in TRACKING_PARAMS or low.startswith(TRACKING_PREFIXES)


def unwrap(url: str) -> str:
    """The target of a Google redirect wrapper, else `url` unchanged.

    FeedBurner's `feedproxy.google.com/~r/...` links carry no target; the feed's
    `feedburner:origLink` gives it (see `scrapers.feeds`).
    """
    for _ in range(3):  # wrappers inside wrappers, but never a loop
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        changed = False
        for (host_mark, path), keys in _WRAPPERS.items():
            if (host.startswith(host_mark) or f".{host_mark}" in host) and parts.path == path:
                query = dict(parse_qsl(parts.query))
                for key in keys:
                    target = query.get(key, "")
                    if target.lower().startswith(("http://", "https://")):
                        url, changed = target, True
                        break
        if not changed:
            break
    return url


def is_feedburner(url: str) -> bool:
    return (urlsplit(url).hostname or "").lower() in _FEEDBURNER_HOSTS


def canonicalize(url: str) -> str:
    """One spelling of `url`: unwrapped, normalised, no tracking parameters, no fragment.

    Raises `InvalidURL` for anything that is not an absolute http(s) URL.
    """
    if not isinstance(url, str) or not url.strip():
        raise InvalidURL(f"not a URL: {url!r}")
    raw = unwrap(url.strip())
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InvalidURL(f"not an absolute http(s) URL: {url!r}")
    try:
        normal = url_normalize(raw, filter_params=False)
    except Exception as exc:  # the library raises several types on garbage
        raise InvalidURL(f"cannot normalise {url!r}: {exc}") from exc
    if not normal:
        raise InvalidURL(f"cannot normalise {url!r}")
    parts = urlsplit(normal)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    # Keep the publisher's parameter order (it can matter); re-encode consistently.
    new_query = urlencode(query, doseq=True, safe=":/@!$'()*,;~")
    path = parts.path or "/"
    return urlunsplit((parts.scheme, parts.netloc, path, new_query, ""))


def try_canonicalize(url: str | None) -> str | None:
    """`canonicalize`, or None when `url` is missing or unusable."""
    if not url:
        return None
    try:
        return canonicalize(url)
    except InvalidURL:
        return None


def url_id(canonical_url: str) -> str:
    """A stable id for a canonical URL (hex, 32 characters)."""
    return hashlib.sha256(canonical_url.encode("utf-8")).hexdigest()[:32]


