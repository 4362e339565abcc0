"""Near-duplicate article text: MinHash signatures and banded lookup in SQLite.

Syndicated copies (one agency or press-release text under several URLs) must count
as one source. datasketch's MinHash gives a compact, deterministic signature of
the set of word 4-grams (character 5-grams for CJK text); the estimated Jaccard
similarity of two signatures is the share of equal slots. Candidates are found
with locality-sensitive banding kept in the `event_article_bands` table, so the
lookup survives restarts and needs no in-memory index: `BANDS` bands of `ROWS`
slots, a pair with Jaccard 0.8 shares a band with probability ~0.998, one with
0.5 with ~0.27; candidates are then checked against `SYNDICATION_JACCARD`.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import numpy as np

NUM_PERM = 128
BANDS = 20
ROWS = 6
SHINGLE_WORDS = 4
SHINGLE_CHARS = 5
MIN_SHINGLES = 30  # shorter texts (title-only items) are not fingerprinted
SYNDICATION_JACCARD = 0.7
SEED = 1

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def shingles(text: str) -> set[str]:
    """Word 4-grams of the normalised text; character 5-grams when it is mostly CJK."""
    norm = unicodedata.normalize("NFKC", text).lower()
    if len(_CJK.findall(norm)) > len(norm) / 4:
        chars = re.sub(r"\s+", "", norm)
        return {chars[i : i + SHINGLE_CHARS] for i in range(max(0, len(chars) - SHINGLE_CHARS + 1))}
    words = re.findall(r"[^\W_]+", norm)
    return {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(0, len(words) - SHINGLE_WORDS + 1))}


def signature(text: str | None) -> bytes | None:
    """The MinHash signature of `text` as bytes, None when too short to compare."""
    if not text:
        return None
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    # Imported here: datasketch pulls in scipy (~0.5 s), which every CLI command
    # that opens the database would otherwise pay.
    from datasketch import MinHash

    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch([g.encode("utf-8") for g in sorted(grams)])
    return mh.hashvalues.astype("<u8").tobytes()


def _values(sig: bytes) -> np.ndarray:
    return np.frombuffer(sig, dtype="<u8")


def bands(sig: bytes) -> list[tuple[int, str]]:
    """(band number, band hash) pairs for the lookup table."""
    vals = _values(sig)
    out = []
    for b in range(BANDS):
        chunk = vals[b * ROWS : (b + 1) * ROWS].tobytes()
        out.append((b, hashlib.blake2b(chunk, digest_size=8).hexdigest()))
    return out


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    va, vb = _values(a), _values(b)
    if len(va) != len(vb) or not len(va):
        return 0.0
    return float(np.count_nonzero(va == vb)) / len(va)


def near_duplicates(db, article_id: str, sig: bytes | None) -> list[tuple[str, float]]:
    """Stored articles whose text is a near-duplicate of `sig`, most similar first."""
    if sig is None or "event_article_bands" not in db.table_names():
        return []
    found: set[str] = set()
    for band, digest in bands(sig):
        for row in db.execute(
            "select article_id from event_article_bands where band = ? and hash = ? and article_id != ?",
            [band, digest, article_id],
        ).fetchall():
            found.add(row[0])
    out = []
    for other in sorted(found):
        row = db.execute("select minhash from event_articles where article_id = ?", [other]).fetchone()
        if row and row[0]:
            sim = similarity(sig, row[0])
            if sim >= SYNDICATION_JACCARD:
                out.append((other, sim))
    out.sort(key=lambda p: (-p[1], p[0]))
    return out


def store_bands(db, article_id: str, sig: bytes | None) -> None:
    db.execute("delete from event_article_bands where article_id = ?", [article_id])
    if sig is None:
        return
    db["event_article_bands"].insert_all(
        [{"band": b, "hash": h, "article_id": article_id} for b, h in bands(sig)]
    )
