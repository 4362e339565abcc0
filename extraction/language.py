"""Language of an article when the feed does not say, or to check what it says.

Scripts decide first: kana is Japanese, hangul Korean, other Han characters Chinese
(Japanese news mixes kanji with kana, so kana in a Han text tips it to Japanese).
Latin-script text goes to py3langid, restricted to the languages fundwatch reads, so that
a short Spanish headline is not called Galician or Catalan; it ships its model inside the
wheel and classifies an excerpt in well under a millisecond. A feed's `lang` hint is a
prior: it wins unless the text clearly says otherwise (a Spanish feed's headline "Titan
OS capta €50M" is too short to tell from Italian or Portuguese).
"""

from __future__ import annotations

import re
from functools import lru_cache

# languages with a grammar; py3langid picks among these only
LATIN = ("en", "de", "fr", "es", "pt", "it", "nl")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
# below this probability the classifier is guessing and the feed's hint is kept
_SURE = 0.8


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LATIN))
    return identifier


def _script(sample: str) -> str | None:
    letters = sum(ch.isalpha() for ch in sample) or 1
    hangul, kana, han = (len(p.findall(sample)) for p in (_HANGUL, _KANA, _HAN))
    if hangul > letters * 0.15:
        return "ko"
    if kana > letters * 0.05 and kana + han > letters * 0.15:
        return "ja"
    if han > letters * 0.15:
        return "zh"
    return None


def detect_language(text: str, hint: str | None = None) -> str:
    """ISO 639-1 code of `text` ("en", or the hint, when there is too little to tell)."""
    hint = (hint or "").lower()[:2] or None
    sample = text[:450]
    script = _script(sample)  # a CJK headline of six characters says enough
    if script:
        return script
    if len(sample.strip()) < 12:
        return hint or "en"
    if hint and hint not in LATIN and hint not in ("zh", "ja", "ko"):
        return hint  # a Latin-script language without a grammar: trust the feed
    ranked = _identifier().rank(sample)
    code, prob = ranked[0]
    if hint and code != hint and prob < _SURE:
        return hint
    return code or hint or "en"
