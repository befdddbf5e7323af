"""Telling, from the characters a document contains, that a pattern cannot match it.

Scanning an 8,000-character report with one regular expression costs CPython's
``re`` 50–400 µs, and lawlint has dozens of patterns that match nowhere in most
reports.  Every match of ``锟斤拷|(?:烫){3,}`` contains 锟斤拷 or 烫烫烫; every match of
``(?:\\d{4}|[XＸ×]{2,4})年[XＸ×]{1,2}月`` contains 年, 月 and one of X, Ｘ, ×.  ``needs``
reads those conditions off the parsed pattern once; ``possible`` tests them with
searches for characters and substrings in the text (C speed, each answer kept per
document by ``Presence``).  Anything the analysis does not understand needs nothing,
so the answer errs only towards scanning.

When a pattern may match, ``finditer_lines`` searches it only on the lines where a
short "anchor" does (an anchor starting with a rarer character than the pattern's
first one), and ``scanner`` makes a pattern that starts slowly fail sooner.
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Iterator

from lawlint.engine import speedups

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.document import Block, Document

try:  # the parser behind re: re._parser since 3.11, sre_parse before
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# A condition: a set (the text contains one of these characters), a string (the text
# contains it), or ("all"|"any", conditions).
Need = frozenset | str | tuple

_LARGEST_RANGE = 4096  # [一-龥] is a requirement worth testing; [\u0000-\uffff] is not
_REPEATS = tuple(getattr(sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(sre, name))


@lru_cache(maxsize=4096)
def needs(pattern: re.Pattern) -> Need | None:
    """What every match of ``pattern`` contains, or None when nothing is known (always
    None without speed-ups)."""
    if not speedups.ENABLED or not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    try:
        return _sequence(_parsed(pattern))
    except Exception:  # an unfamiliar parse tree: scan as usual
        return None


@lru_cache(maxsize=4096)
def _parsed(pattern: re.Pattern):
    """The parse tree of ``pattern``, shared by ``needs`` and ``scanner``."""
    return sre_parse.parse(pattern.pattern, pattern.flags)


_FEW_CHARACTERS = 8  # up to this many, one substring search each; more, one search for a class
# Compiling a class of many characters (a Han range) costs 1-5 ms: a set asked for by fewer
# documents than this is answered from the text's distinct characters (about 0.3 ms for a
# report), so that a one-file run compiles none; then the class is compiled and reused.
_COMPILE_AFTER = 3
_asked: dict[frozenset, int] = {}


class Presence:
    """Which characters a text holds, found by searching it for them (C speed) and kept
    per character set.  Building the set of all the characters of an 8,000-character
    report costs about 4 M machine instructions (a string object for each character), far
    more than the searches a run makes.  Pass the same frozensets again to reuse answers."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._answers: dict[frozenset, bool] = {}
        self._held: dict[str, bool] = {}
        self._characters: frozenset[str] | None = None  # the text's distinct characters, when needed

    def holds(self, char: str) -> bool:
        found = self._held.get(char)
        if found is None:
            found = self._held[char] = char in self.text
        return found

    def any_of(self, chars: frozenset[str]) -> bool:
        found = self._answers.get(chars)
        if found is None:
            if len(chars) <= _FEW_CHARACTERS:
                found = any(map(self.holds, chars))
            elif _asked.get(chars, 0) >= _COMPILE_AFTER:
                found = _character_class(chars).search(self.text) is not None
            else:
                if len(_asked) < 4096:
                    _asked[chars] = _asked.get(chars, 0) + 1
                if self._characters is None:
                    self._characters = frozenset(self.text)
                found = not self._characters.isdisjoint(chars)
            self._answers[chars] = found
        return found


@lru_cache(maxsize=1024)
def _character_class(chars: frozenset[str]) -> re.Pattern:
    """``[…]`` matching exactly ``chars``, consecutive code points written as ranges."""
    codes = sorted(map(ord, chars))
    parts, start = [], 0
    for i in range(1, len(codes) + 1):
        if i == len(codes) or codes[i] != codes[i - 1] + 1:
            first, last = chr(codes[start]), chr(codes[i - 1])
            parts.append(re.escape(first) if first == last else f"{re.escape(first)}-{re.escape(last)}")
            start = i
    return re.compile(f"[{''.join(parts)}]")


def holds_any(doc: Document, chars: frozenset[str]) -> bool:
    """Does the text of ``doc`` hold one of ``chars``?  The answer is kept for the same
    frozenset.  Without speed-ups always yes: the answer may only be used to skip work
    that would find nothing."""
    return not speedups.ENABLED or doc.presence.any_of(chars)


def blocks_holding(doc: Document, anchor: re.Pattern, *kinds: str) -> list[Block]:
    """The blocks of these kinds where ``anchor`` matches: one search over their text
    (``doc.text_of``) instead of one per block, for a pattern that would be tried at every
    place of every block.  ``anchor`` must match in every block where the pattern does, not
    match a line break, nor look around with a class holding one (the blocks are joined by
    line breaks).  Without speed-ups, all the blocks of these kinds."""
    if not speedups.ENABLED:
        return doc.blocks_of(*kinds)
    text, blocks = doc.text_of(*kinds), doc.blocks_of(*kinds)
    starts = doc.memo(_block_starts, kinds)
    holding = sorted({bisect.bisect_right(starts, m.start()) - 1 for m in anchor.finditer(text)})
    return [blocks[k] for k in holding]


def _block_starts(doc: Document, kinds: tuple[str, ...]) -> list[int]:
    return list(accumulate((len(b.text) + 1 for b in doc.blocks_of(*kinds)), initial=0))


def possible(pattern: re.Pattern, text: str, presence: Presence | None = None) -> bool:
    """False only if ``text`` cannot contain a match of ``pattern``.  ``presence``, a
    ``Presence`` of ``text`` (or of a text containing it), reuses earlier answers."""
    return met(needs(pattern), text, presence)


def met(need: Need | None, text: str, presence: Presence | None = None) -> bool:
    """``possible`` for a pattern's ``needs``, already found."""
    return need is None or _met(need, text, Presence(text) if presence is None else presence)


def _met(need: Need, text: str, presence: Presence) -> bool:
    if isinstance(need, frozenset):
        return presence.any_of(need)
    if isinstance(need, str):  # its characters first: each is searched for once per text
        return all(map(presence.holds, need)) and need in text
    kind, parts = need
    wanted = kind == "all"  # stop at the first part that is missing (all) or present (any)
    for part in parts:
        if _met(part, text, presence) is not wanted:
            return not wanted
    return wanted


def _sequence(items) -> Need | None:
    """All the conditions of the items; consecutive literal characters make one string."""
    parts: list[Need] = []
    run = ""
    for op, av in items:
        literal = _literal_run(op, av)
        if literal is not None:
            run += literal[0]
            if literal[1]:
                continue
        if run:  # the run ends here
            parts.append(run if len(run) > 1 else frozenset(run))
            run = ""
        if literal is None:
            need = _item(op, av)
            if need is not None:
                parts.append(need)
    if run:
        parts.append(run if len(run) > 1 else frozenset(run))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else ("all", tuple(parts))


def _literal_run(op, av) -> tuple[str, bool] | None:
    """The characters a literal item surely contributes, and whether what follows is
    surely adjacent to them (not after ``x{2,}``, which may add more x)."""
    if op is sre.LITERAL:
        return chr(av), True
    if op in _REPEATS:
        low, high, body = av
        if low >= 1 and len(body) == 1 and body[0][0] is sre.LITERAL:
            return chr(body[0][1]) * low, low == high
    return None


def _item(op, av) -> Need | None:
    if op is sre.LITERAL:
        return frozenset(chr(av))
    if op is sre.IN:
        return _charset(av)
    if op is sre.SUBPATTERN:
        _, add_flags, _, body = av
        return None if add_flags & re.IGNORECASE else _sequence(body)
    if op in _REPEATS:
        low, _, body = av
        return _sequence(body) if low >= 1 else None
    if op is sre.BRANCH:
        branches = [_sequence(b) for b in av[1]]
        return None if any(b is None for b in branches) else ("any", tuple(branches))
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _sequence(av)
    if op is sre.ASSERT:  # what a positive look-ahead or look-behind sees is in the text
        return _sequence(av[1])
    return None  # negative look-arounds, anchors, ., \d, negated classes and back-references need nothing


def _charset(items) -> frozenset | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _LARGEST_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:  # NEGATE, CATEGORY (\d, \s), a huge range
            return None
    return frozenset(chars)


def uses_line_anchors(pattern: re.Pattern) -> bool:
    """Does ``pattern`` hold ^ or $, whose meaning MULTILINE changes?  True when unsure:
    the ^ of ``[^】]`` is not one, and a pattern without any needs no MULTILINE copy."""
    if not isinstance(pattern.pattern, str):
        return True
    try:
        return _holds_line_anchor(_parsed(pattern).data)
    except Exception:  # an unfamiliar parse tree
        return True


def _holds_line_anchor(node) -> bool:
    if isinstance(node, sre_parse.SubPattern):
        node = node.data
    if not isinstance(node, (list, tuple)):
        return False
    if len(node) == 2 and node[0] is sre.AT:
        return node[1] in (sre.AT_BEGINNING, sre.AT_END)
    return any(_holds_line_anchor(item) for item in node)


def finditer_lines(pattern: re.Pattern, anchor: re.Pattern, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, run only on the lines where ``anchor`` matches.

    The matches are the same when every line holding a match of ``pattern`` holds a
    match of ``anchor`` (which holds no line break), and ``pattern`` never matches the
    empty string or a line break, nor looks ahead past the line break after its match:
    a look-behind still sees the text before the line.  A pattern starting with a class
    such as a digit is tried at hundreds of places in a report; an anchor starting with
    a rarer character, at a few.  Without speed-ups, every line.
    """
    if not speedups.ENABLED:
        yield from pattern.finditer(text)
        return
    for start, end in anchored_lines(anchor, text):
        yield from pattern.finditer(text, start, end)


def anchored_lines(anchor: re.Pattern, text: str) -> list[tuple[int, int]]:
    """Start and end (past its line break) of each line of ``text`` where ``anchor`` matches."""
    lines: list[tuple[int, int]] = []
    end = -1
    for hit in anchor.finditer(text):
        if hit.start() < end:
            continue  # on a line already found
        start = text.rfind("\n", 0, hit.start()) + 1
        end = text.find("\n", hit.end()) + 1 or len(text)
        lines.append((start, end))
    return lines


# -- where a match can start ----------------------------------------------------------------
# CPython's re finds a match quickly when the pattern starts with a character or a class:
# it skips the positions that cannot start one in a tight C loop.  A pattern starting with
# a look-around or an anchor (“not after a digit”), or with an alternation, is instead
# tried in full at every position, 2–10 times slower.  ``scanner`` puts a look-ahead for
# the possible first characters in front of those — the same matches, found sooner.
# (In front of a pattern that starts with a class it would only get in re's way.)  A
# repeated class (``[…]+``) or an alternation of classes at the start also loses the
# skipping: lawlint's own patterns are written with one class first (``[…][…]*``).

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


@lru_cache(maxsize=4096)
def scanner(pattern: re.Pattern) -> re.Pattern:
    """``pattern``, preceded by a look-ahead for the characters its matches can start
    with; ``pattern`` itself when they are not known (it may match the empty string,
    start with ``.`` or a negated class) or its flags make wrapping it unsafe.  A pattern
    compiled on first use (``schema.LazyPattern``) is compiled here: what is searched is
    always a compiled pattern.  Without speed-ups, ``pattern`` itself."""
    found = _scanner(pattern) if speedups.ENABLED else pattern
    return getattr(found, "compiled", found)


def _scanner(pattern: re.Pattern) -> re.Pattern:
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return pattern
    try:
        items = _parsed(pattern)
        if not _slow_start(items):
            return pattern
        first, nullable = _first_sequence(items)
    except Exception:  # an unfamiliar parse tree
        return pattern
    if first is None or nullable or not first:
        return pattern
    try:
        return re.compile(f"(?=[{''.join(dict.fromkeys(first))}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # e.g. global inline flags, which must stay at the start
        return pattern


def _slow_start(items) -> bool:
    """Does the pattern start with something re cannot skip to: a look-around, a line
    anchor, or an alternation with such a branch (looking into groups)?"""
    if not len(items):
        return False
    op, av = items[0]
    if op is sre.SUBPATTERN:
        return _slow_start(av[3])
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _slow_start(av)
    if op is sre.BRANCH:
        return any(_slow_start(branch) for branch in av[1])
    if op is sre.AT:  # ^ and \A without MULTILINE are tried at the start only
        return av not in (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)
    return op in (sre.ASSERT, sre.ASSERT_NOT)


def _first_sequence(items) -> tuple[list[str] | None, bool]:
    """The class items (as regex text) a match of ``items`` can start with, or None when
    unknown; and whether the sequence can match the empty string."""
    first: list[str] = []
    for op, av in items:
        item, nullable = _first_item(op, av)
        if item is None:
            return None, False
        first += item
        if not nullable:
            return first, False
    return first, True


def _first_item(op, av) -> tuple[list[str] | None, bool]:
    if op is sre.LITERAL:
        return [re.escape(chr(av))], False
    if op is sre.IN:
        return _class_items(av), False
    if op is sre.SUBPATTERN:
        _, add_flags, del_flags, body = av
        return (None, False) if add_flags or del_flags else _first_sequence(body)
    if op in _REPEATS:
        low, _, body = av
        first, nullable = _first_sequence(body)
        return first, nullable or low == 0
    if op is sre.BRANCH:
        first, nullable = [], False
        for branch in av[1]:
            items, empty = _first_sequence(branch)
            if items is None:
                return None, False
            first += items
            nullable = nullable or empty
        return first, nullable
    if op is getattr(sre, "ATOMIC_GROUP", None):
        return _first_sequence(av)
    if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):  # zero-width: the match starts after them
        return [], True
    return None, False  # ., negated literals, back-references, conditionals


def _class_items(items) -> list[str] | None:
    out = []
    for op, av in items:
        if op is sre.LITERAL:
            out.append(re.escape(chr(av)))
        elif op is sre.RANGE:
            out.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is sre.CATEGORY and str(av) in _CATEGORIES:
            out.append(_CATEGORIES[str(av)])
        else:  # NEGATE, and anything unfamiliar
            return None
    return out
