"""Fast "no" for case-insensitive patterns: the words a match cannot do without.

CPython's `re` skips quickly through text for a case-sensitive pattern that starts with
literals, but tries every branch of an IGNORECASE alternation at every offset: the cue
patterns of the grammars ("led|lead|particip|invest|beteilig|...") cost tens of
microseconds per sentence, and most sentences hold none of their words. `search` first
looks for the literal strings that every match must contain (read from the pattern's own
syntax tree, so a pattern edited tomorrow is read the same way) in the lower-cased text;
only when one is there does the pattern itself run. Its answers are the pattern's answers.

Sound because a case-insensitive match of a literal is, in lower case, that literal, save
for the few characters `re` folds beyond `str.lower()` (dotless i, long s, the micro sign,
some Greek and Cyrillic letters, the dotted capital I): a text holding one of those goes
straight to the pattern.
"""

from __future__ import annotations

import re

try:  # the parser and case tables of `re` are internal; without them every search runs the pattern
    from re import _casefix, _compiler, _constants as C, _parser
except ImportError:  # pragma: no cover - other Python implementations
    _parser = None

# shorter required strings are found in nearly every sentence: not worth a sieve
_MIN_LENGTH = 3
# ... but two CJK characters ("领投", "로부터") are a word, as rare as a longer Latin one
_MIN_WIDE_LENGTH = 2
_WIDE = "\u2e80"  # CJK radicals; kana, Han and hangul lie above


def _odd_case_chars() -> str:
    if _parser is None:
        return ""
    chars = {chr(c) for key, values in _casefix._EXTRA_CASES.items() for c in (key, *values)}
    chars.add("\u0130")  # "İ".lower() is two characters
    return "".join(sorted(c for c in chars if not c.isascii()))


_ODD = _odd_case_chars()
_ODD_CASE = re.compile(f"[{re.escape(_ODD)}]") if _ODD else None


_FAR = float("inf")


def _needed(items, state=None) -> dict[str, float] | None:
    """Lower-case strings of which every match of the sequence `items` holds at least one,
    the best such set found (longest shortest member), or None; each with how far from the
    start of a match it may begin at most (inf when a repeat leaves that open)."""
    best: dict[str, float] | None = None

    def consider(option: dict[str, float] | None) -> None:
        nonlocal best
        if option and (best is None or min(map(len, option)) > min(map(len, best))):
            best = option

    run, run_at, at = "", 0.0, 0.0  # `at`: the widest the items so far can be
    for op, av in items:
        if op is C.LITERAL:
            if not run:
                run_at = at
            run += chr(av).lower()
            at += 1
            continue
        consider({run: run_at} if run else None)
        run = ""
        inner = None
        if op is C.SUBPATTERN:
            inner = _needed(av[3].data, state)
        elif op is C.ATOMIC_GROUP:
            inner = _needed(av.data, state)
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _needed(av[2].data, state)  # held by the first repetition
        elif op is C.BRANCH:
            options = [_needed(branch.data, state) for branch in av[1]]
            if all(options):
                inner = {}
                for option in options:
                    for string, reach in option.items():
                        inner[string] = max(reach, inner.get(string, reach))
        if inner:
            consider({string: at + reach for string, reach in inner.items()})
        at += _widest(op, av, state)
    consider({run: run_at} if run else None)
    return best


def _widest(op, av, state) -> float:
    """The most characters one item of a parsed pattern can match."""
    if state is None:
        return _FAR
    hi = _parser.SubPattern(state, [(op, av)]).getwidth()[1]
    return _FAR if hi >= _parser.MAXWIDTH else hi


def _needs(pattern: re.Pattern[str]) -> dict[str, float] | None:
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        return _needs_of(parsed.data, parsed.state)
    except Exception:  # noqa: BLE001 - a pattern this reader does not follow just runs
        return None


def _needs_of(items, state) -> dict[str, float] | None:
    """`_needed`, without sets whose strings are too short to be worth a look."""
    found = _needed(items, state)
    if not found or min(map(len, found)) < _MIN_LENGTH and not _all_wide(found):
        return None
    return found


def _all_wide(strings) -> bool:
    """Every string is at least two CJK characters (nothing below U+2E80)."""
    return all(len(s) >= _MIN_WIDE_LENGTH and min(s) >= _WIDE for s in strings)


def needed_strings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """What `search` looks for before running `pattern`; None when the pattern has no such
    strings (it then always runs)."""
    found = _needs(pattern)
    return frozenset(found) if found else None


def _any_of(strings) -> str:
    """A case-sensitive pattern that finds where any of `strings` first starts, as a trie
    ("le(?:ad|d)" for "lead", "led"): at each offset `re` then tries the few branches of the
    next character instead of every string in turn. A string that another one starts with
    ("lead", "leading") ends the branch: where the longer one stands, the shorter does too."""
    trie: dict = {}
    for s in sorted(strings, key=len):
        node = trie
        for ch in s:
            if node.get("") is True:
                break  # a shorter string already ends here
            node = node.setdefault(ch, {})
        else:
            node.clear()
            node[""] = True

    def emit(node: dict) -> str:
        if node.get("") is True:
            return ""
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items())]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    top = [re.escape(ch) + emit(child) for ch, child in sorted(trie.items())]
    return "|".join(top)


class _Sieve:
    """The strings a pattern's matches need, as case-sensitive patterns of literals (`re`
    scans for them in C, skipping ahead): those that stand at most `reach` characters into a
    match, and those that may stand anywhere in it."""

    __slots__ = ("pattern", "near", "far", "reach")

    def __init__(self, pattern: re.Pattern[str], found: dict[str, float] | None = None) -> None:
        found = (found if found is not None else _needs(pattern)) or {}
        near = [string for string, reach in found.items() if reach != _FAR]
        far = [string for string, reach in found.items() if reach == _FAR]
        self.near = re.compile(_any_of(near)).search if near else None
        self.far = re.compile(_any_of(far)).search if far else None
        self.reach = int(max((found[string] for string in near), default=0))
        self.pattern = pattern  # kept so that its id, the key of _SIEVES, is never reused


# by id: hashing a compiled pattern hashes its whole program (microseconds for a large one)
_SIEVES: dict[int, _Sieve] = {}


def _sieve(pattern: re.Pattern[str]) -> _Sieve:
    try:
        return _SIEVES[id(pattern)]
    except KeyError:
        found = _SIEVES[id(pattern)] = _Sieve(pattern)
        return found


def _first(pattern: re.Pattern[str], text: str) -> int:
    """Where a first match of `pattern` may start at the earliest, -1 when it cannot match.
    (Asked a hundred times per article, so written out in one function.)"""
    global _last
    try:
        sieve = _SIEVES[id(pattern)]
    except KeyError:
        sieve = _sieve(pattern)
    near, far = sieve.near, sieve.far
    if near is None and far is None:
        return 0
    last = _last
    if last[0] is text:
        low = last[1]
    else:
        low = text.lower()
        last = _last = (text, low, None)
    # (the odd letters' answer kept with the lower case is read here without a call)
    if not text.isascii() and (odd_letters(text) if last[2] is None else last[2]):
        return 0  # its lower case may lack what the pattern's case folding matches
    if far is not None and far(low):
        return 0  # a string that may stand anywhere in a match: no offset to start from
    m = near(low) if near is not None else None
    # a match holds one of the strings, at most `reach` characters in, and none stands before m
    return max(0, m.start() - sieve.reach) if m is not None else -1


# a pattern whose matches hold a needed string at most this far in is tried only at the
# offsets just before each place where one of its strings stands (see `_around`)
_WINDOW = 8


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, answered without running the pattern when the text lacks
    every string a match needs, and else run from where its first match may start (the
    match is the same; only its `pos` tells where the search began)."""
    start = _first(pattern, text)
    if start < 0:
        return None
    sieve = _SIEVES[id(pattern)]
    if sieve.far is None and sieve.near is not None and sieve.reach <= _WINDOW and not odd_letters(text):
        return _around(pattern, sieve, text, start)
    try:
        split = _SPLITS[id(pattern)]
    except KeyError:
        split = _SPLITS[id(pattern)] = _split_of(pattern)
    if split is not None and not odd_letters(text):
        return _search_split(split, text)
    return pattern.search(text, start)


def _around(pattern: re.Pattern[str], sieve: _Sieve, text: str, start: int) -> re.Match[str] | None:
    """`pattern.search(text, start)` for a pattern whose every match holds one of its near
    strings at most `reach` characters in (and no far ones): tried at the offsets from `reach`
    before each place where such a string starts, in order. A search would try every offset
    to the end of the text: a big case-insensitive alternation costs ~0.4 us per offset, and
    a common word among its strings (" par" of "menée par") lets many sentences through."""
    low, near, reach = _lower(text), sieve.near, sieve.reach
    # the strings' first place: `start` is reach before it (or 0), so none stands before `start`
    at = near(low, start)
    tried = start  # offsets below this are tried already
    while at is not None:
        place = at.start()
        for pos in range(max(tried, place - reach), place + 1):
            m = pattern.match(text, pos)  # what a search reaching `pos` would find there
            if m is not None:
                return m
        tried = place + 1
        at = near(low, place + 1)  # every offset: a string may start inside another
    return None


# A grammar's clauses of other money ("acquired", "went public", "a deal with X to supply ...")
# are one alternation of a hundred-odd phrases, and a few of them need only a common string
# (" with ", " public"): nearly every sentence passes the sieve, and `re` then tries every
# case-insensitive phrase at every offset (~60 us a sentence). Split into its alternatives, each
# with the strings it needs, only those whose strings the text holds are searched. The answer is
# the same: `re` returns the leftmost match and, at that offset, the first alternative to match
# there; that is the leftmost of the alternatives' own first matches (the earlier alternative on a
# tie), and an alternative whose strings the text lacks matches nowhere in it.

# a pattern splits into this many alternatives at least: on the dev corpus, alternations of
# fewer than a hundred-odd phrases ran as fast whole or faster ...
_MIN_OPTIONS = 120
# ... and at most (nested alternations multiply)
_MAX_OPTIONS = 400


def _one_way_ops() -> frozenset:
    if _parser is None:
        return frozenset()
    # match in one way only, if at all (a lookaround is atomic in `re`): "\b(?:A|B)c" tries
    # A then B at each offset exactly as "\bAc|\bBc" tries its alternatives
    return frozenset((C.LITERAL, C.NOT_LITERAL, C.AT, C.ANY, C.IN, C.ASSERT, C.ASSERT_NOT))


_ONE_WAY = _one_way_ops()


def _alternatives(items: list) -> list[list]:
    """The parsed pattern `items` as the alternatives it amounts to, in the order `re` tries them:
    a group without a number is opened, and an alternation after items that match in one way only
    is multiplied out ("\b(?:A|B)\b" -> "\bA\b", "\bB\b"). Raises ValueError past _MAX_OPTIONS."""
    for k, (op, av) in enumerate(items):
        if op in _ONE_WAY:
            continue
        if op is C.SUBPATTERN and av[0] is None and not av[1] and not av[2]:
            return _alternatives(items[:k] + list(av[3].data) + items[k + 1:])
        if op is C.BRANCH:
            out: list[list] = []
            for branch in av[1]:
                out.extend(_alternatives(items[:k] + list(branch.data) + items[k + 1:]))
                if len(out) > _MAX_OPTIONS:
                    raise ValueError("too many alternatives")
            return out
        break
    return [items]


def _longest_of(strings) -> str:
    """A case-sensitive pattern that matches, where any of `strings` starts, the longest of them
    that starts there (a trie whose shorter strings are optional ends: "lead(?:ing)?")."""
    trie: dict = {}
    for s in strings:
        node = trie
        for ch in s:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer string is tried first

    return "|".join(re.escape(ch) + emit(child) for ch, child in sorted(trie.items()))


class _Split:
    """A pattern's alternatives, each compiled alone and sieved by its own strings, and a finder
    of all their strings at once."""

    __slots__ = ("pattern", "options", "always", "find", "owners")

    def __init__(self, pattern: re.Pattern[str], options: list[tuple[re.Pattern[str], dict | None]]) -> None:
        self.pattern = pattern  # kept so that its id, the key of _SPLITS, is never reused
        self.options = [option for option, _ in options]
        for option, found in options:
            _SIEVES[id(option)] = _Sieve(option, found or {})
            _SPLITS[id(option)] = None
        self.always = [i for i, (_, found) in enumerate(options) if not found]
        needing: dict[str, list[int]] = {}
        for i, (_, found) in enumerate(options):
            for string in found or ():
                needing.setdefault(string, []).append(i)
        # `find` reports the longest string where several start: the shorter ones stand there too
        self.owners = {s: sorted({i for t in needing if s.startswith(t) for i in needing[t]}) for s in needing}
        self.find = re.compile(_longest_of(needing)).search if needing else None


def _split_of(pattern: re.Pattern[str]) -> _Split | None:
    """`pattern` split into its alternatives, or None when it does not split (it has groups, whose
    numbers would change, or too few or too many alternatives)."""
    if pattern.groups or _parser is None or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
        alternatives = _alternatives(list(parsed.data))
        if len(alternatives) < _MIN_OPTIONS:
            return None
        return _Split(pattern, [(_compiler.compile(_parser.SubPattern(parsed.state, items), pattern.flags),
                                 _needs_of(items, parsed.state)) for items in alternatives])
    except Exception:  # noqa: BLE001 - a pattern this reader does not follow runs whole
        return None


# by id, as _SIEVES; None for a pattern that does not split
_SPLITS: dict[int, _Split | None] = {}


def _search_split(split: _Split, text: str) -> re.Match[str] | None:
    """`split.pattern.search(text)` for a text without odd letters: the alternatives whose
    strings the text holds, searched one by one, the leftmost match kept (the first on a tie)."""
    low = _lower(text)
    first = dict.fromkeys(split.always, 0)  # alternative -> where its first string stands
    find, owners = split.find, split.owners
    at = find(low) if find is not None else None
    while at is not None:
        place = at.start()
        for i in owners[at.group()]:
            first.setdefault(i, place)
        at = find(low, place + 1)  # every offset: a string may start inside another
    best = None
    for i in sorted(first):
        option = split.options[i]
        if best is not None:
            # a match of this alternative starts `reach` before its first string at the earliest
            # (anywhere with a string of no bound): it must start before the best so far to win
            sieve = _SIEVES[id(option)]
            if sieve.far is None and first[i] - sieve.reach >= best.start():
                continue
        m = search(option, text)
        if m is not None and (best is None or m.start() < best.start()):
            best = m
    return best


def match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.match(text)`, answered without running the pattern when the text lacks every
    string a match needs, or when its first match cannot start at the text's start."""
    return pattern.match(text) if _first(pattern, text) == 0 else None


def finditer(pattern: re.Pattern[str], text: str):
    """`pattern.finditer(text)`, or nothing when the text lacks every string a match needs."""
    start = _first(pattern, text)
    if start < 0:
        return iter(())
    sieve = _SIEVES[id(pattern)]
    if sieve.far is None and sieve.near is not None and sieve.reach <= _WINDOW and not odd_letters(text):
        # the first match found as `search` finds it: none (most texts the sieve lets through
        # here), or where the matches begin
        first = _around(pattern, sieve, text, start)
        if first is None:
            return iter(())
        start = first.start()
    return pattern.finditer(text, start)


def first_start(pattern: re.Pattern[str], text: str) -> int:
    """A place no match of `pattern` in `text` starts before (0 when the sieve cannot tell), or -1
    when it cannot match: `pattern.finditer(text, first_start(...))` finds what it finds from 0."""
    return _first(pattern, text)


def may_match(pattern: re.Pattern[str], text: str) -> bool:
    """False only when `pattern` cannot match `text`: it lacks every string a match needs."""
    return _first(pattern, text) >= 0


class _Group:
    """A list of patterns with one sieve for all of them: the strings that any of them needs.
    Most sentences hold none of a grammar's lead or participant cues, and one look then
    answers for the whole list instead of one per pattern."""

    __slots__ = ("patterns", "always", "needs")

    def __init__(self, patterns) -> None:
        self.patterns = tuple(patterns)
        # a pattern without needed strings may match anything: it is always tried
        self.always = [p for p in self.patterns if _sieve(p).near is None and _sieve(p).far is None]
        strings = {string for p in self.patterns for string in (_needs(p) or ())}
        self.needs = re.compile(_any_of(strings)).search if strings else None


# by id of the list (kept in the value, and compared, so that a reused id is noticed)
_GROUPS: dict[int, _Group] = {}


def candidates(patterns: list[re.Pattern[str]], text: str) -> list[re.Pattern[str]]:
    """Those of `patterns` that may match `text`, in order: all of them when the text holds a
    string that one of them needs, else only those that need no string. Meant for long-lived
    lists (a grammar's); a list built per call would be sieved anew each time."""
    group = _GROUPS.get(id(patterns))
    if group is None or group.patterns != tuple(patterns):
        group = _GROUPS[id(patterns)] = _Group(patterns)
    if group.needs is None or not text.isascii() and odd_letters(text):
        return patterns
    return patterns if group.needs(_lower(text)) else group.always


def _lower(text: str) -> str:
    """`text.lower()`, shared with `_first` for the last text asked about."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    low = text.lower()
    _last = (text, low, None)
    return low


# the last text asked about, its lower case and whether it holds odd letters (None: not yet
# known): several patterns are asked about one sentence
_last: tuple[str, str, bool | None] = ("", "", False)


def odd_letters(text: str) -> bool:
    """Does `text` hold a letter that `re` folds beyond `str.lower()`?"""
    global _last
    if text.isascii() or not _ODD_CASE:  # every odd letter is outside ASCII; `isascii` reads a flag
        return False
    last = _last
    if last[0] is text and last[2] is not None:
        return last[2]
    odd = bool(_ODD_CASE.search(text))
    _last = (text, last[1] if last[0] is text else text.lower(), odd)
    return odd
