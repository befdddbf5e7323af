"""Telling, from the characters a document contains, that a pattern cannot match it.

Scanning an 8,000-character report with one regular expression costs CPython's
``re`` 50–400 µs, and lawlint has dozens of patterns that match nowhere in most
reports.  Every match of ``锟斤拷|(?:烫){3,}`` contains 锟斤拷 or 烫烫烫; every match of
``(?:\\d{4}|[XＸ×]{2,4})年[XＸ×]{1,2}月`` contains 年, 月 and one of X, Ｘ, ×.  ``needs``
reads those conditions off the parsed pattern once; ``possible`` tests them with
a few set look-ups against the document's characters and substring searches (C
speed) in its text.  Anything the analysis does not understand needs nothing, so
the answer errs only towards scanning.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Union

try:  # the parser behind re: re._parser since 3.11, sre_parse before
    from re import _constants as sre, _parser as sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

# A condition: a set (the text contains one of these characters), a string (the text
# contains it), or ("all"|"any", conditions).
Need = Union[frozenset, str, tuple]

_LARGEST_RANGE = 4096  # [一-龥] is a requirement worth testing; [\u0000-\uffff] is not
_REPEATS = tuple(getattr(sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(sre, name))


@lru_cache(maxsize=4096)
def needs(pattern: re.Pattern) -> Need | None:
    """What every match of ``pattern`` contains, or None when nothing is known."""
    if not isinstance(pattern.pattern, str) or pattern.flags & re.IGNORECASE:
        return None
    try:
        return _sequence(sre_parse.parse(pattern.pattern, pattern.flags))
    except Exception:  # an unfamiliar parse tree: scan as usual
        return None


def possible(pattern: re.Pattern, text: str, characters: frozenset[str] | None = None) -> bool:
    """False only if ``text`` cannot contain a match of ``pattern``.  ``characters``, the
    set of characters of ``text`` (or of a text containing it), saves building it."""
    need = needs(pattern)
    return need is None or _met(need, text, frozenset(text) if characters is None else characters)


def _met(need: Need, text: str, characters: frozenset[str]) -> bool:
    if isinstance(need, frozenset):
        return not characters.isdisjoint(need)
    if isinstance(need, str):  # set look-ups first: a substring search costs microseconds
        return characters.issuperset(need) and need in text
    kind, parts = need
    if kind == "all":
        return all(_met(p, text, characters) for p in parts)
    return any(_met(p, text, characters) for p in parts)


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
