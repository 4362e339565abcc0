"""Text clean-up and sentence splitting, tuned for news excerpts (bullets, tickers, headlines)."""

from __future__ import annotations

import html
import re
import unicodedata

MAX_CHARS = 60_000  # articles are far shorter; a 5 MB blob is cut, never scanned whole
MAX_SENTENCE = 700

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]+")
_SPACE = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
# runs of spaces other than one plain space (rewriting every plain space cost more than the rest)
_SPACES = re.compile(rf" {_SPACE}+|(?! ){_SPACE}+")
_WIDE_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # _SPACE outside ASCII
# characters that print as nothing: news sites put soft hyphens and zero-width spaces inside long
# words ("Finanzierungs\u00adrunde", "Mil\u00adlionen") so that browsers may break them; a word with
# one inside is no word to a pattern, so they go (zero-width joiners and byte-order marks alike)
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# a line broken inside a sentence (a hard-wrapped feed summary or e-mail, a <br> mid-sentence):
# "raised $5\nmillion in a seed round". A line of running text (_WRAP_WIDTH characters or more)
# that ends in a word, comma or amount and a next line that opens in lower case are one sentence;
# a table's cells and list lines are short ("Seed" over "aws Gründungsfonds (Lead)")
# (the look-behind stands after the "\n", covering it too: led by a literal, the search skips
# ahead to each line break instead of trying the look-behind at every offset; same matches)
_WRAPPED = re.compile(r"\n(?<=[\w,$€£%)]\n)(?=[a-zà-öø-ÿß])")
_WRAP_WIDTH = 40
# HTML character references left in text (a feed that escapes twice, a page copied as source):
# "5&nbsp;Mio.&nbsp;&euro;", "Ventures &amp; Partners"; only complete ones, with their semicolon
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# "4, 5 Milliarden" (machine translation) -> "4,5 Milliarden"
_SPLIT_DECIMAL = re.compile(
    r"(?<![\d,.])(\d{1,3}), (\d{1,2})(?=\s?(?:Mrd|Milliard|Mio|Million|billion|million|bn\b|mn\b))"
)
# what a split decimal needs ("\d, \d"), found much faster: led by the literal ", ", which `re`
# skips ahead to, with the digit before it checked from there
_DIGIT_COMMA_DIGIT = re.compile(r", (?<=\d, )\d")
_ABBREV = {
    "mio", "mrd", "inc", "co", "corp", "ltd", "dr", "mr", "mrs", "ms", "prof", "st", "no", "nr",
    "vs", "etc", "bzw", "ca", "u.a", "z.b", "d.h", "jr", "sr", "rs", "tsd", "mill", "mln", "e.v",
    "bspw", "inkl", "zzgl", "gmbh", "ag", "s.a", "n.v", "b.v", "u.s", "jan", "feb", "aug", "sept",
    "oct", "nov", "dec", "okt", "dez", "abs", "vgl", "sog", "usw", "evtl", "ggf", "approx", "est",
}
# currency abbreviations written before a figure ("Fr. 12 Mio.", "SFr. 3 Mio.") end no sentence
_CURRENCY_ABBREV = {"fr", "sfr"}
# a sentence ends before a capital, also where a page lost its line breaks and a bullet
# follows ("... company. - Pale Blue Dot, a young ...")
_BOUNDARY = re.compile(
    r"(?<=[.!?…])[\"'”“»)]*\s+(?:[-•*–—▪►]\s+)?(?=[\"'„“«(\[]?[A-ZÄÖÜ0-9\u4e00-\u9fff$€£])")
_STOP = re.compile(r"[.!?…]")
_LAST_WORD = re.compile(r"([\w.]+)\.$")
_LAST_WORD_REVERSED = re.compile(r"\.([\w.]+)")
_LETTER_ROUND = re.compile(r"(?i)\b(?:series|serie|série|round|runde)[\s-][a-k]\.$")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]?")
_DAY = re.compile(r"\d{1,2}")
_CODE_END = re.compile(r"[A-Za-z]-\d+$")  # "KV-11", "GPT-4": a product's code, never "am 1.-3. März"
_CJK_BOUNDARY = re.compile(r"(?<=[。！？；])")
_CJK_STOP = re.compile(r"[。！？；]")
# also emoji bullets of social posts: keycap digits ("1️⃣"), arrows and markers ("👉", "🔹", "✅")
# a ranked list's place marks an item as a bullet does: "Platz 1: X mit 50 Mio.", "No. 3: X",
# "#2 X (Dublin) – £4.5M", "1º lugar: X", "Al 2° posto: X", "3e : X". A word or an ordinal needs its
# colon ("1º de março", "1° gennaio" are dates); "#2" and "2º" need the item's capital after them.
_RANK = (r"(?:(?:Platz|Rang|Place|Rank|Puesto|Posición|Plaats|No|Nr|N[°º])\.?\s?\d{1,2}"
         r"|(?:Al\s+)?\d{1,2}\s?(?:[º°ª]|e|er|ère|ème|st|nd|rd|th)(?:\s(?:lugar|posto|place|plaats|puesto))?)\s?:"
         r"|#\d{1,2}\s(?=[A-ZÀ-Ý])|\d{1,2}[º°ª]\s(?=[A-ZÀ-Ý])")
_BULLET = re.compile(r"^\s*(?:[-*•·▪►–—]|\d{1,2}[.)]|\+{3}|" + _RANK
                     + r"|(?:\d{1,2}\ufe0f?\u20e3|[👉🔹🔸🔷🔶✅▶➡🟢🚀💰]\ufe0f?)+)\s*")


# "(?<=\w),(?=...)" led by its comma (the look-behind covers it): the search skips ahead to each
# comma instead of trying the look-behind at every offset; same matches
_COMMA_LEGAL = re.compile(r",(?<=\w,)(?=\s(?:S\.A\.S?|S\.L\.U?|S\.p\.A|S\.r\.l|Lda|Ltda|SAS|SARL|B\.V|N\.V)\.?(?!\w))")
# "(?<=\w)[—–](?=\w)" led by the dash, for the same reason
_WORD_DASH_WORD = re.compile(r"[—–](?<=\w[—–])(?=\w)")


def _table_rows(text: str, at: int) -> bool:
    """Whether the lines on both sides of the line break at `at` are rows of a table ("Alpwerk |
    ZH | USD 15 Mio." / "koala.energy | TI | CHF 4 Mio."): a row opening in lower case starts a row
    of its own, no wrapped continuation of the one above."""
    end = text.find("\n", at + 1)
    return text.count("|", text.rfind("\n", 0, at) + 1, at) >= 2 and \
        text.count("|", at + 1, end if end >= 0 else len(text)) >= 2


# a capitalised sentence opener glued to the lower-case word before it (three letters at least, so
# "LinkedIn", "iPhone" or "McLaren" stay whole: "In" and one-letter words are not among them). The
# pattern is led by the opener's capital, which `re` skips ahead to; the letters before it are
# checked where it stands (led by a look-behind, the search tried every offset: half of normalize)
_GLUED_OPENER = re.compile(r"(?:Der|Die|Das|Wie|Was|Laut|Nach|Auch|Seit|Mit|La|Le|Les|Il|Lo|El|Los|Las|"
                           r"Una|Une|Un|The|This|Het|Een|Uma|Um|Os|As)(?=\s)")
_GLUED_BEFORE = re.compile(r"[a-zäöüßàâçèéêëìîïòôùûúíóñ]{3}")


def _unglue_openings(text: str) -> str:
    """A line break before each opener glued to a lower-case word ("KommentareDas" -> "Kommentare\nDas")."""
    cuts = [m.start() for m in _GLUED_OPENER.finditer(text)
            if m.start() >= 3 and _GLUED_BEFORE.fullmatch(text, m.start() - 3, m.start())]
    if not cuts:
        return text
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]
    return "\n".join(pieces)


# a line of share and comment buttons with their counts ("Teilen0 Kommentare", "Condividi 3 Commenti",
# "Share Tweet Email"): page chrome whose words would otherwise be read as a name
_SHARE_WIDGET = re.compile(
    r"(?im)^[ \t]*(?:(?:teilen|share|condividi|partager|compartir|compartilhar|delen|tweet|tweeten|e-?mail|drucken|print|"
    r"whatsapp|facebook|linkedin|xing)[ \t]*\d*[ \t]*)+(?:\d+[ \t]*)?(?:kommentare?|comments?|commenti|commentaires?|"
    r"comentarios?|comentários?|reacties)?[ \t]*$")


# bold or underlined emphasis in Markdown, within a line: "**Ferrocarril Analytics**", "__Salinera__"
_EMPHASIS = re.compile(r"(?<![\w*])\*\*(?=\S)([^*\n]{1,200}?)(?<=\S)\*\*(?![\w*])|(?<![\w_])__(?=\S)([^_\n]{1,200}?)(?<=\S)__(?![\w_])")


def normalize(text: str) -> str:
    """NFC, no control characters, single spaces, repaired split decimals."""
    if not text:
        return ""
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
    if "&" in text and _ENTITY.search(text):
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    if not text.isascii() and _INVISIBLE.search(text):
        text = _INVISIBLE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text and _WRAPPED.search(text):
        text = _WRAPPED.sub(lambda m: " " if m.start() - text.rfind("\n", 0, m.start()) > _WRAP_WIDTH
                            and not _table_rows(text, m.start()) else "\n", text)
    # a run to rewrite has two plain spaces, a tab or another space character: most texts have
    # none, and the pattern tries every offset to find that out
    if "  " in text or "\t" in text or not text.isascii() and _WIDE_SPACE.search(text):
        text = _SPACES.sub(" ", text)
    if "—" in text or "–" in text:  # the look-behind pattern tries every offset: only when needed
        # "platform—Keep": apposition, not a clause break
        text = _WORD_DASH_WORD.sub(" ", text)
    if ", " in text and _COMMA_LEGAL.search(text):
        # "Caravela Tech, S.A. anunciou": the legal form is the name's last word, not a clause of its own
        text = _COMMA_LEGAL.sub("", text)
    # "Teilen0 KommentareWie aus Investorenkreisen ...", "Condividi0 CommentiLa startup ...": a page's
    # blocks run together; a sentence's opening word glued to the chrome before it starts a block again
    text = _unglue_openings(text)
    if _SHARE_WIDGET.search(text):  # "Teilen0 Kommentare", "Share Tweet Email": a widget's words, no sentence
        text = _SHARE_WIDGET.sub("", text)
    if "**" in text or "__" in text:  # Markdown emphasis a page reader keeps: "**Mimo Kids**" is the name
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    if "///" in text:  # a ticker's items run together with "///" between them: one line each
        text = re.sub(r"(?<=[^\s:])\s*///+\s*(?=\S)", "\n", text)  # never "file:///"
    if "--" in text:  # wire datelines: "BOSTON--(BUSINESS WIRE)--Kivano, ..." keep the name a word of its own
        text = re.sub(r"(?<=[\w)])--(?=[\w(])", " -- ", text)
    return _SPLIT_DECIMAL.sub(r"\1,\2", text) if _DIGIT_COMMA_DIGIT.search(text) else text


def _last_word(before: str) -> str | None:
    """`_LAST_WORD.search(before).group(1)` ("U.S" of "in the U.S."), or None. The search
    starts a try at every word and reads it to its end; read backwards from the final stop,
    the same run of word characters and dots is one anchored match."""
    if not before.endswith(".") or "\n" in before:
        m = _LAST_WORD.search(before) if before.endswith((".", ".\n")) else None
        return m.group(1) if m else None
    m = _LAST_WORD_REVERSED.match(before[::-1])
    return m.group(1)[::-1] if m else None


# "mln." is no German "Mio." before a capitalised noun: the languages that write it ("€14 mln euro",
# "5 mln di euro") put the currency in lower case, so a capitalised word after it starts a sentence
# (its currency codes and names aside: "€14 mln. EUR", "mln. Euro")
_NEW_SENTENCE_AFTER_MLN = re.compile(r"(?!(?:EUR|USD|GBP|CHF|Euro|Dollar|US-Dollar|Franken)\b)[A-ZÀ-Ý]")


def _split_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    # a boundary follows a stop; the look-behind would be tried at every offset before the first
    stop = _STOP.search(line)
    for m in _BOUNDARY.finditer(line, stop.end()) if stop else ():
        before = line[start:m.start()].rstrip("\"'”“»)")
        token = _last_word(before)
        if token is not None:
            token = token.lower()
            letter_round = len(token) == 1 and _LETTER_ROUND.search(before)
            # a product's code ends a sentence as any word does: "its antibody KV-11. Kivora receives
            # ...", "launched GPT-4. Kivano ..." (the number is neither an initial nor a day)
            code = token.isdigit() and _CODE_END.search(before.rstrip(".")) is not None
            if token == "mln" and _NEW_SENTENCE_AFTER_MLN.match(line, m.end()):
                pass  # "naar €14 mln. In 2021 haalde ...": a sentence ends on the scale word
            elif not letter_round and not code and (token in _ABBREV or len(token) == 1 or _INITIALS.fullmatch(token)):
                continue  # "J. Smith", "U.S." -- but "... in a Series A. Kestrel led" ends a sentence
            if _DAY.fullmatch(token) and not code:  # "am 10. November"
                continue
            if token in _CURRENCY_ABBREV and line[m.end():m.end() + 1].isdigit():
                continue  # "über Fr. 12 Mio. abgeschlossen": Swiss francs before their figure
        pieces.append(line[start:m.start()].strip())
        start = m.end()
    pieces.append(line[start:].strip())
    out = []
    for piece in pieces:
        # the look-behind is tried at every offset: split only where a CJK stop is
        for part in _CJK_BOUNDARY.split(piece) if _CJK_STOP.search(piece) else (piece,):
            while len(part) > MAX_SENTENCE:
                cut = part.rfind(", ", 0, MAX_SENTENCE)
                cut = cut if cut > MAX_SENTENCE // 2 else MAX_SENTENCE
                out.append(part[:cut])
                part = part[cut:].lstrip(", ")
            if part.strip():
                out.append(part.strip())
    return out


# "+++ Fintech Penta gibt Standort Italien auf +++": a ticker headline between markers
_TICKER_MARK = re.compile(r"\s*\+{3}\s*")


def split_sentences(text: str) -> list[str]:
    """Sentences of a normalized text; lines (bullets, ticker items, headlines) never merge."""
    return split_lines_and_sentences(text)[0]


def split_lines_and_sentences(text: str) -> tuple[list[str], list[int]]:
    """The sentences of split_sentences and, for each, the number of the line (a paragraph, an
    item of a list) it stands on."""
    out: list[str] = []
    lines: list[int] = []
    # every ticker mark holds "+++"; the pattern's leading \s* makes it try every offset
    for number, line in enumerate((_TICKER_MARK.sub("\n", text) if "+++" in text else text).split("\n")):
        line = _BULLET.sub("", line).strip(" +")
        if line:
            parts = _split_line(line)
            out.extend(parts)
            lines.extend([number] * len(parts))
    return out, lines
