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
from collections import Counter
from functools import lru_cache

# languages with a grammar; py3langid picks among these only
LATIN = ("en", "de", "fr", "es", "pt", "it", "nl")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
# below this probability the classifier is guessing and the feed's hint is kept
_SURE = 0.8


@lru_cache(maxsize=1)
def _identifier():
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    keep = [i for i, code in enumerate(classes) if code in LATIN]
    # Only the columns of our languages are kept (what `set_languages` selects, without the
    # full 28 MB table it holds on to), and as float32: scoring float16 converts every time.
    table = np.ascontiguousarray(ptc[:, keep], dtype=np.float32)
    identifier = _identifier_class()(table, pc[keep], [classes[i] for i in keep], nextmove, output,
                                     norm_probs=True, tk_row=row)
    identifier.window_walk = _WindowWalk.of(identifier)
    return identifier


# py3langid finds its byte n-gram features with a DFA walked byte by byte in Python, a third
# of a millisecond per excerpt. Its DFA forgets all but the last WINDOW bytes (from any state,
# the same WINDOW bytes lead to the same state: `forgets_after` checks this on the model), so
# the state after each byte is the state the DFA reaches from its start on the WINDOW bytes
# ending there, and numpy walks all those windows at once, WINDOW steps in all.
WINDOW = 6
# the model that was checked (tests/test_extraction_languages.py); any other is walked as before
_CHECKED_MODEL = 0xDE4991B5


@lru_cache(maxsize=1)
def _identifier_class():
    from py3langid.langid import LanguageIdentifier

    class Identifier(LanguageIdentifier):
        __slots__ = ("window_walk",)

        def _raw_score(self, text):
            walk = self.window_walk
            if walk is None:
                return super()._raw_score(text)
            return walk.raw_score(self, text)

    return Identifier


def model_fingerprint(identifier) -> int:
    import zlib

    import numpy as np

    crc = zlib.crc32(memoryview(identifier.tk_nextmove).cast("B"))
    crc = zlib.crc32(np.asarray(identifier.tk_output, dtype=np.int64).tobytes(), crc)
    return zlib.crc32(np.asarray(identifier._rowbase, dtype=np.int64).tobytes(), crc)  # noqa: SLF001


def forgets_after(identifier, limit: int = 12) -> int | None:
    """The fewest bytes after which the DFA's state no longer depends on where it started (for
    every start state and every byte string), or None when `limit` bytes are not enough.
    Follows every pair (state from some start, state from the initial state) under the same
    input until all pairs agree; a few seconds for the shipped model."""
    import numpy as np

    nextmove = np.asarray(identifier.tk_nextmove)
    rowbase = np.asarray(identifier._rowbase, dtype=np.int64)  # noqa: SLF001
    states = len(rowbase)
    byte = np.arange(256)
    pairs = np.arange(states, dtype=np.int64) * states  # (any state, the initial state 0)
    for steps in range(1, limit + 1):
        left = nextmove[rowbase[pairs // states][:, None] + byte].astype(np.int64)
        right = nextmove[rowbase[pairs % states][:, None] + byte].astype(np.int64)
        differ = left != right
        pairs = np.unique(left[differ] * states + right[differ])
        if not len(pairs):
            return steps
    return None


class _WindowWalk:
    """py3langid's byte walk (`visit_counts`) and `_raw_score`, windows at a time."""

    def __init__(self, identifier) -> None:
        import numpy as np
        from py3langid.langid import RAW_FLOOR

        self.np = np
        moves = identifier.tk_nextmove  # an array.array: seen in place, not copied
        self.nextmove = np.frombuffer(moves, dtype=f"u{moves.itemsize}")
        self.rowbase = np.asarray(identifier._rowbase, dtype=np.intp)  # noqa: SLF001
        self.output = np.asarray(identifier.tk_output, dtype=np.intp)
        self.floor = RAW_FLOOR

    @classmethod
    def of(cls, identifier) -> _WindowWalk | None:
        try:
            if model_fingerprint(identifier) != _CHECKED_MODEL:
                return None
            return cls(identifier)
        except (AttributeError, ImportError, TypeError, ValueError):
            return None

    def visits(self, text: bytes):
        """Features in order of first occurrence, with their counts, as `visit_counts` gives
        them (the order fixes how the scores are summed): the same Counter of the same list."""
        np = self.np
        nextmove, rowbase = self.nextmove, self.rowbase
        state, head = 0, []
        for byte in text[:WINDOW - 1]:  # too few bytes for a whole window: walked one by one
            state = int(nextmove[rowbase[state] + byte])
            head.append(state)
        states = np.array(head, dtype=np.intp)
        ends = len(text) - WINDOW + 1  # windows ending at bytes WINDOW-1 .. len-1
        if ends > 0:
            data = np.frombuffer(text, dtype=np.uint8).astype(np.intp)
            tail = np.zeros(ends, dtype=np.intp)
            for k in range(WINDOW):
                tail = nextmove[rowbase[tail] + data[k:k + ends]]
            states = np.concatenate((states, tail))
        features = self.output[states]
        features = features[features >= 0]
        return Counter(features.tolist()) if len(features) else None

    def raw_score(self, identifier, text: bytes):
        visits = self.visits(text)
        if visits:
            return identifier._sparse_score(visits, identifier.nb_ptc)  # noqa: SLF001
        # no features: 0.0 under norm_probs (uniform, abstain), the floor otherwise
        fill = 0.0 if identifier._norm_probs else self.floor  # noqa: SLF001
        return self.np.full(len(identifier.nb_classes), fill, dtype=self.np.float32)


def _script(sample: str) -> str | None:
    if not _CJK.search(sample):
        return None  # no kana, Han or hangul at all: the counting below would find none
    letters = sum(map(str.isalpha, sample)) or 1
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
