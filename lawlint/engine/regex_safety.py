"""Refusing user patterns that backtrack catastrophically, before they run.

CPython's ``re`` backtracks: ``(a+)+$`` takes exponential time on ``aaa…ab``, and
``\\d+\\s*\\d+`` cubic time on a long run of digits.  Agencies write patterns in their
rule packs and profiles, so lawlint reads each one at load time and refuses those with

* nested quantifiers — a repeated group where one repetition could end at several places:
  a variable quantifier at its end can take what the group starts with, or one at its
  start what it ends with, or two inside compete (``(a+)+``, ``(\\d+\\s?)+``,
  ``(?:\\d\\d*)+``, ``(?:\\w{1,3})*``); a group holding an alternation whose branches can
  start alike (``(a|aa)+``); a repeated part that can match the empty string (``(a?)+``);
* adjacent quantifiers — two unbounded quantifiers over overlapping characters with
  nothing but optional items between them (``\\d+\\d+``, ``.*.*``, ``\\s*\\d*\\s*``).

The check reads the pattern text with a small parser of its own (the syntax of
``re``, which has already accepted the pattern), keeps for every character class what
it can match (ranges, ``\\d \\w \\s``, their negations, ``.``), and answers "overlap"
whenever it is unsure: it may refuse a harmless pattern, never the reverse for the
forms above.  A single quantifier that fails at the end of a long line
(``\\d+年`` on 20,000 digits) costs time proportional to the square of the line and
is not refused: lines of real documents are short.  Nor are some polynomial shapes the
rules above do not see (a group repeated a few times, ``{1,3}``, whose length varies in
its middle): the check catches the classic forms, it does not prove a pattern linear.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

UNBOUNDED = 100  # a repeat allowing more than this many extra copies counts as unbounded


class UnsafePattern(ValueError):
    """The pattern may backtrack catastrophically; the message says where and why."""


# -- character sets ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Chars:
    """What one position can match: code-point ranges and categories, possibly negated.
    ``anything`` stands for ``.`` and for sets too complex to reason about."""

    ranges: tuple[tuple[int, int], ...] = ()
    categories: frozenset[str] = frozenset()  # d w s, D W S
    negated: bool = False
    anything: bool = False



ANY = Chars(anything=True)
_CATEGORY_TEST = {"d": str.isdecimal, "s": str.isspace, "w": lambda c: c.isalnum() or c == "_"}
_SMALL = 70_000  # code points of a class's ranges that are all tried
# Characters tried besides those of the ranges: ASCII, the usual blanks, fullwidth digits and
# letters, Han, punctuation: where \d \s \w and their negations differ.
_COMMON = tuple(range(128)) + (0xA0, 0x2002, 0x2003, 0x2009, 0x200B, 0x3000, 0xFEFF, 0xFF10, 0xFF21, 0x4E00,
                               0x6CD5, 0x3400, 0xF900, 0x3001, 0x300A, 0xFF0C, 0x2014, 0x00E9, 0x0660, 0x2160)


def _in_category(code: int, category: str) -> bool:
    inside = _CATEGORY_TEST[category.lower()](chr(code))
    return inside if category.islower() else not inside


def _contains(chars: Chars, code: int) -> bool:
    if chars.anything:
        return True
    inside = any(lo <= code <= hi for lo, hi in chars.ranges) or any(_in_category(code, c) for c in chars.categories)
    return inside != chars.negated


def _samples(chars: Chars) -> list[int]:
    total = sum(hi - lo + 1 for lo, hi in chars.ranges)
    if total <= _SMALL:
        return [c for lo, hi in chars.ranges for c in range(lo, hi + 1)]
    return [c for lo, hi in chars.ranges for c in (lo - 1, lo, (lo + hi) // 2, hi, hi + 1) if c >= 0]


def overlap(a: Chars, b: Chars) -> bool:
    """Can one character match both?  Decided on the characters of their ranges (all of
    them up to 70,000) and on characters where categories differ; True when unsure."""
    if a.anything or b.anything or (a.negated and b.negated):
        return True
    if not (a.negated or b.negated or a.categories or b.categories):
        return any(lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in a.ranges for lo2, hi2 in b.ranges)
    if sum(hi - lo + 1 for lo, hi in a.ranges + b.ranges) > 2 * _SMALL:
        return True
    return any(_contains(a, c) and _contains(b, c) for c in (*_samples(a), *_samples(b), *_COMMON))


def union(sets: list[Chars]) -> Chars:
    if not sets:
        return Chars()
    if len(sets) == 1:
        return sets[0]
    if any(s.anything or s.negated for s in sets):
        return ANY
    return Chars(tuple(r for s in sets for r in s.ranges), frozenset(c for s in sets for c in s.categories))


# -- the parse tree ---------------------------------------------------------------------------
@dataclass
class Node:
    kind: str  # char, seq, alt, repeat, group, look, empty, backref
    chars: Chars | None = None
    items: list[Node] = field(default_factory=list)
    low: int = 1
    high: int | None = 1
    at: int = 0  # offset in the pattern text, for messages


class _Parser:
    """Reads the syntax of ``re`` (the pattern is known to compile)."""

    def __init__(self, text: str, verbose: bool) -> None:
        self.text = text
        self.i = 0
        self.verbose = verbose

    def parse(self) -> Node:
        node = self._alternation()
        return node

    def _peek(self, k: int = 0) -> str:
        j = self.i + k
        return self.text[j] if j < len(self.text) else ""

    def _skip_verbose(self) -> None:
        while self.verbose and self.i < len(self.text):
            c = self.text[self.i]
            if c.isspace():
                self.i += 1
            elif c == "#":
                end = self.text.find("\n", self.i)
                self.i = len(self.text) if end < 0 else end + 1
            else:
                break

    def _alternation(self) -> Node:
        start = self.i
        branches = [self._sequence()]
        while self._peek() == "|":
            self.i += 1
            branches.append(self._sequence())
        return branches[0] if len(branches) == 1 else Node("alt", items=branches, at=start)

    def _sequence(self) -> Node:
        start = self.i
        items: list[Node] = []
        while True:
            self._skip_verbose()
            c = self._peek()
            if c in ("", "|", ")"):
                break
            atom = self._atom()
            if atom is None:
                continue
            items.append(self._quantified(atom))
        return Node("seq", items=items, at=start)

    def _quantified(self, atom: Node) -> Node:
        while True:
            self._skip_verbose()
            c = self._peek()
            if c in "*+?" and c:
                self.i += 1
                low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
            elif c == "{":
                m = re.compile(r"\{(\d*)(?:(,)(\d*))?\}").match(self.text, self.i)
                if not m or (not m[1] and not m[2]):
                    return atom  # a literal {
                self.i = m.end()
                low = int(m[1]) if m[1] else 0
                high = low if not m[2] else (int(m[3]) if m[3] else None)
            else:
                return atom
            if self._peek() in ("?", "+") and self._peek():
                self.i += 1  # lazy or possessive: the same choices, tried in another order
            atom = Node("repeat", items=[atom], low=low, high=high, at=atom.at)

    def _atom(self) -> Node | None:
        start = self.i
        c = self.text[self.i]
        if c == "(":
            return self._group()
        if c == "[":
            return Node("char", chars=self._class(), at=start)
        if c == ".":
            self.i += 1
            return Node("char", chars=ANY, at=start)
        if c in "^$":
            self.i += 1
            return Node("empty", at=start)
        if c == "\\":
            return self._escape(in_class=False)
        self.i += 1
        return Node("char", chars=Chars(((ord(c), ord(c)),)), at=start)

    def _group(self) -> Node | None:
        start = self.i
        self.i += 1
        kind = "group"
        if self._peek() == "?":
            self.i += 1
            c = self._peek()
            if c == "#":
                self.i = self.text.index(")", self.i) + 1
                return None
            if c == ":" or c == ">":
                self.i += 1
            elif c == "P" and self._peek(1) == "<":
                self.i = self.text.index(">", self.i) + 1
            elif c == "P" and self._peek(1) == "=":
                self.i = self.text.index(")", self.i) + 1
                return Node("backref", at=start)
            elif c in "=!":
                self.i += 1
                kind = "look"
            elif c == "<" and self._peek(1) in "=!":
                self.i += 2
                kind = "look"
            elif c == "(":
                self.i = self.text.index(")", self.i) + 1  # (?(1)yes|no): the branches follow
                kind = "group"
            else:  # inline flags: (?i) or (?i:…)
                m = re.compile(r"[aiLmsux]*(?:-[imsx]+)?").match(self.text, self.i)
                self.i = m.end()
                if self._peek() == ")":
                    self.i += 1
                    return None
                self.i += 1  # the :
        body = self._alternation()
        self.i += 1  # the )
        return Node(kind, items=[body], at=start)

    _ESCAPED_CATEGORY = set("dDsSwW")

    def _escape(self, in_class: bool) -> Node:
        start = self.i
        self.i += 1
        c = self._peek()
        self.i += 1
        if c in self._ESCAPED_CATEGORY:
            return Node("char", chars=Chars(categories=frozenset(c)), at=start)
        if not in_class and c in "AZbB":
            return Node("empty", at=start)
        if c.isdigit() and not in_class:
            if c == "0" or (self._peek().isdigit() and self._peek(1).isdigit() and c in "01234567"):
                m = re.compile(r"[0-7]{0,2}").match(self.text, self.i)
                self.i = m.end()
                return Node("char", chars=Chars(((int(c + m[0], 8),) * 2,)), at=start)
            m = re.compile(r"\d?").match(self.text, self.i)
            self.i = m.end()
            return Node("backref", at=start)
        code = self._escaped_code(c)
        return Node("char", chars=Chars(((code, code),)), at=start)

    def _escaped_code(self, c: str) -> int:
        simple = {"n": 10, "t": 9, "r": 13, "f": 12, "v": 11, "a": 7, "b": 8}
        if c in simple:
            return simple[c]
        widths = {"x": 2, "u": 4, "U": 8}
        if c in widths:
            digits = self.text[self.i:self.i + widths[c]]
            self.i += widths[c]
            return int(digits, 16)
        if c == "N":
            end = self.text.index("}", self.i)
            import unicodedata

            name = self.text[self.i + 1:end]
            self.i = end + 1
            return ord(unicodedata.lookup(name))
        if c in "01234567":
            m = re.compile(r"[0-7]{0,2}").match(self.text, self.i)
            self.i = m.end()
            return int(c + m[0], 8)
        return ord(c)

    def _class(self) -> Chars:
        self.i += 1
        negated = self._peek() == "^"
        if negated:
            self.i += 1
        ranges: list[tuple[int, int]] = []
        categories: set[str] = set()
        first = True
        while True:
            c = self._peek()
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            code = self._class_code(categories)
            if code is None:
                continue
            if self._peek() == "-" and self._peek(1) not in ("]", ""):
                self.i += 1
                high = self._class_code(categories)
                if high is None:  # [a-\d]: not a range
                    ranges.append((code, code))
                    ranges.append((ord("-"), ord("-")))
                    continue
                ranges.append((code, high))
            else:
                ranges.append((code, code))
        return Chars(tuple(ranges), frozenset(categories), negated)

    def _class_code(self, categories: set[str]) -> int | None:
        c = self.text[self.i]
        if c == "\\":
            node = self._escape(in_class=True)
            if node.chars.categories:
                categories.update(node.chars.categories)
                return None
            return node.chars.ranges[0][0]
        self.i += 1
        return ord(c)


# -- the analysis -----------------------------------------------------------------------------
def _nullable(node: Node) -> bool:
    if node.kind in ("empty", "look", "backref"):
        return True
    if node.kind == "char":
        return False
    if node.kind == "seq":
        return all(_nullable(n) for n in node.items)
    if node.kind == "alt":
        return any(_nullable(n) for n in node.items)
    if node.kind == "repeat":
        return node.low == 0 or _nullable(node.items[0])
    return _nullable(node.items[0])  # group


def _chars(node: Node) -> Chars:
    """Every character ``node`` can consume."""
    if node.kind == "char":
        return node.chars
    if node.kind in ("empty", "look"):
        return Chars()
    if node.kind == "backref":
        return ANY
    return union([_chars(n) for n in node.items])


def _variable(node: Node) -> bool:
    return node.kind == "repeat" and (node.high is None or node.high > node.low)


def _unbounded(node: Node) -> bool:
    return node.kind == "repeat" and (node.high is None or node.high - node.low > UNBOUNDED)


def _edge(node: Node, last: bool, wanted) -> list[Node]:
    """The repeats satisfying ``wanted`` that can consume the first (or last) character
    of what ``node`` matches."""
    if node.kind == "repeat":
        found = [node] if wanted(node) else []
        return found + _edge(node.items[0], last, wanted)
    if node.kind in ("group",):
        return _edge(node.items[0], last, wanted)
    if node.kind == "alt":
        return [r for n in node.items for r in _edge(n, last, wanted)]
    if node.kind == "seq":
        found: list[Node] = []
        for item in (reversed(node.items) if last else node.items):
            found += _edge(item, last, wanted)
            if not _nullable(item):
                break
        return found
    return []


def _alternations(node: Node) -> list[Node]:
    if node.kind == "alt":
        return [node] + [a for n in node.items for a in _alternations(n)]
    if node.kind in ("look",):
        return []
    return [a for n in node.items for a in _alternations(n)]


def _first(node: Node) -> Chars:
    """Characters a non-empty match of ``node`` can start with."""
    if node.kind == "char":
        return node.chars
    if node.kind in ("empty", "look"):
        return Chars()
    if node.kind == "backref":
        return ANY
    if node.kind == "seq":
        sets = []
        for item in node.items:
            sets.append(_first(item))
            if not _nullable(item):
                break
        return union(sets)
    if node.kind == "alt":
        return union([_first(n) for n in node.items])
    return _first(node.items[0])


def _last(node: Node) -> Chars:
    """Characters a non-empty match of ``node`` can end with."""
    if node.kind == "seq":
        sets = []
        for item in reversed(node.items):
            sets.append(_last(item))
            if not _nullable(item):
                break
        return union(sets)
    if node.kind == "alt":
        return union([_last(n) for n in node.items])
    if node.kind in ("group", "repeat"):
        return _last(node.items[0])
    return _first(node)


def _compete(x: Node, y: Node) -> bool:
    """Can the boundary between repeat ``x`` and the following repeat ``y`` move: ``y``
    take characters that ``x`` consumed, or ``x`` those ``y`` did?"""
    body_x, body_y = x.items[0], y.items[0]
    return overlap(_chars(body_x), _first(body_y)) and overlap(_last(body_x), _chars(body_y))


def _fixed(node: Node) -> list[Chars] | None:
    """The characters of each position when ``node`` always matches one fixed length."""
    if node.kind == "char":
        return [node.chars]
    if node.kind in ("empty", "look"):
        return []
    if node.kind == "seq":
        out: list[Chars] = []
        for item in node.items:
            part = _fixed(item)
            if part is None:
                return None
            out += part
        return out
    if node.kind == "group":
        return _fixed(node.items[0])
    if node.kind == "repeat" and node.low == node.high:
        part = _fixed(node.items[0])
        return None if part is None else part * node.low
    return None


def _branches_ambiguous(a: Node, b: Node) -> bool:
    if not overlap(_first(a), _first(b)) and not (_nullable(a) or _nullable(b)):
        return False
    fa, fb = _fixed(a), _fixed(b)
    if fa is not None and fb is not None and len(fa) == len(fb):
        return all(overlap(x, y) for x, y in zip(fa, fb))  # one position apart: never the same text
    return True


def _problem(node: Node) -> tuple[int, str] | None:
    """(offset, reason) of the first construct that can backtrack catastrophically."""
    for child in node.items:
        found = _problem(child)
        if found:
            return found
    if node.kind == "repeat" and (node.high is None or node.high >= 2):
        body = node.items[0]
        ends = _edge(body, True, _variable)
        starts = _edge(body, False, _variable)
        # Where one repetition ends and the next begins must be fixed by the text: not when a
        # variable quantifier at the end can take what the next repetition starts with (or
        # the other way round), nor when two variable quantifiers inside compete.
        first, last = _first(body), _last(body)
        if _nullable(body) and (node.high is None or node.high > UNBOUNDED):
            return node.at, "重复的部分可以匹配空串（如 (a?)+、(?=x)*），回溯时要尝试的分法极多"
        if any(overlap(_chars(x.items[0]), first) for x in ends) \
                or any(overlap(last, _chars(y.items[0])) for y in starts) \
                or any(_compete(x, y) for x in ends for y in starts) \
                or _adjacent(body, _variable) is not None:
            return node.at, "重复的分组内又有可变次数的量词，同一段文字可以有多种分法（嵌套量词）"
        for alt in _alternations(body):
            branches = alt.items
            for i, a in enumerate(branches):
                for b in branches[i + 1:]:
                    if _branches_ambiguous(a, b):
                        return alt.at, "重复的分组内有开头相同的分支（如 (a|aa)+），同一段文字可以有多种分法"
    if node.kind == "seq":
        at = _adjacent(node, _unbounded, nested=False)
        if at is not None:
            return at, "两个不限次数的量词相邻、可匹配相同的字符（相邻量词）"
    return None


def _adjacent(node: Node, wanted, nested: bool = True) -> int | None:
    """Offset of a quantifier ``wanted`` that competes with an earlier one ``wanted`` across
    nothing but optional items, in the sequence ``node`` (and, if ``nested``, in the
    sequences inside it); None if there is none."""
    if nested:
        for child in node.items:
            if child.kind != "look":
                found = _adjacent(child, wanted)
                if found is not None:
                    return found
    if node.kind != "seq":
        return None
    items = node.items
    for i, left in enumerate(items):
        ends = _edge(left, True, wanted)
        if not ends:
            continue
        for j in range(i + 1, len(items)):
            for y in _edge(items[j], False, wanted):
                if any(_compete(x, y) for x in ends):
                    return y.at
            if not _nullable(items[j]):
                break
    return None


def check(pattern: str, flags: int = 0) -> None:
    """Raise ``UnsafePattern`` if ``pattern`` (which ``re`` compiles) has nested or adjacent
    variable quantifiers over overlapping characters."""
    verbose = bool(re.compile(pattern, flags).flags & re.VERBOSE)
    try:
        tree = _Parser(pattern, verbose).parse()
    except (ValueError, IndexError, KeyError):  # something this parser does not follow
        raise UnsafePattern("lawlint 无法分析这个正则表达式的结构，请改用更简单的写法") from None
    found = _problem(tree)
    if found:
        at, reason = found
        raise UnsafePattern(f"{reason}，在第 {at + 1} 个字符处；这种写法遇到长行时可能运行极慢甚至卡死")
