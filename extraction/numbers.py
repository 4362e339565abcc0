"""Number words ("elf", "drei", "eleven", "einer halben") to integers.

text2num does the real work: it knows the number grammar of EN, DE, FR, ES, PT,
IT and NL, which a hand-made table would only approximate. It rejects the
inflected articles that German uses as "one" before a scale word ("eine Mio.",
"einer Milliarde"), so those few forms are handled here first.
"""

from __future__ import annotations

from functools import lru_cache

from text_to_num import text2num

SUPPORTED = ("en", "de", "fr", "es", "pt", "it", "nl")

# Forms text2num refuses but news uses right before "Millionen"/"million".
_ONE = {
    "a": 1.0, "an": 1.0, "one": 1.0, "ein": 1.0, "eine": 1.0, "einer": 1.0, "einem": 1.0,
    "einen": 1.0, "eins": 1.0, "un": 1.0, "une": 1.0, "uno": 1.0, "una": 1.0, "um": 1.0,
    "uma": 1.0, "een": 1.0, "half": 0.5, "halbe": 0.5, "halben": 0.5, "halbes": 0.5,
    "demi": 0.5, "medio": 0.5, "mezzo": 0.5, "half a": 0.5, "einer halben": 0.5,
    "eine halbe": 0.5, "a half": 0.5, "anderthalb": 1.5, "eineinhalb": 1.5, "zweieinhalb": 2.5,
    "dreieinhalb": 3.5, "viereinhalb": 4.5, "fünfeinhalb": 5.5,
}


@lru_cache(maxsize=2048)
def word_to_number(words: str, lang: str | None = None) -> float | None:
    """The value of a short number phrase, or None when it is not one.

    >>> word_to_number("elf", "de")
    11.0
    """
    phrase = " ".join(words.lower().replace("-", " ").split())
    if not phrase or len(phrase) > 40:
        return None
    if phrase in _ONE:
        return _ONE[phrase]
    langs = [lang] if lang in SUPPORTED else []
    langs += [code for code in ("en", "de", "fr", "es", "it", "pt", "nl") if code not in langs]
    for code in langs:
        try:
            value = text2num(phrase, code)
        except (ValueError, IndexError, KeyError, TypeError):
            continue
        if value > 0:
            return float(value)
    return None
