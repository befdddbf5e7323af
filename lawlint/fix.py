"""Applying fixes to text: non-overlapping edits, from the end backwards, never losing text.

An edit that overlaps one already taken is left for a later round (as ruff and
sqlfluff do); unsafe fixes are only applied when asked for, display-only ones never.
``lawlint.engine.autofix`` runs the rounds and writes files back byte for byte.
"""
from __future__ import annotations

from typing import Iterable

from lawlint.rule import Applicability, Edit, Violation


def apply(text: str, violations: Iterable[Violation], *, unsafe: bool = False) -> tuple[str, int]:
    """Return the text with every applicable fix applied, and how many fixes were applied."""
    edits, count = choose(violations, unsafe=unsafe)
    return apply_edits(text, edits), count


def choose(violations: Iterable[Violation], *, unsafe: bool = False,
           text: str | None = None) -> tuple[list[Edit], int]:
    """The edits of the fixes applied in one round, sorted, and how many fixes they make.

    Fixes are taken in the order of their findings; one whose edits overlap an edit already
    taken waits for the next round.  With ``text``, a fix that would cut a CRLF line break
    in two is never taken (it would leave a lone CR, a line break of its own)."""
    chosen: list[Edit] = []
    taken: list[tuple[int, int]] = []
    count = 0
    for v in sorted(violations, key=lambda v: (v.span.start, v.code)):
        if v.fix is None or not applies(v.fix.applicability, unsafe):
            continue
        ranges = [(e.span.start, e.span.end) for e in v.fix.edits]
        if any(_overlaps(r, t) for r in ranges for t in taken):
            continue
        if text is not None and any(_splits_crlf(text, offset) for r in ranges for offset in r):
            continue
        taken.extend(ranges)
        chosen.extend(v.fix.edits)
        count += 1
    chosen.sort(key=lambda e: (e.span.start, e.span.end))
    return chosen, count


def apply_edits(text: str, edits: list[Edit]) -> str:
    """``text`` with non-overlapping ``edits`` made: the pieces between them kept as they are."""
    pieces, at = [], 0
    for edit in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        pieces.append(text[at:edit.span.start])
        pieces.append(edit.text)
        at = edit.span.end
    pieces.append(text[at:])
    return "".join(pieces)


def applies(applicability: Applicability, unsafe: bool) -> bool:
    """Whether ``--fix`` (with ``--unsafe-fixes`` if ``unsafe``) applies a fix of this applicability."""
    return applicability is Applicability.SAFE or (unsafe and applicability is Applicability.UNSAFE)


def overlapping(edits: Iterable[Edit]) -> bool:
    """Whether two of ``edits`` (of one fix) overlap, or insert at the same point."""
    ranges = sorted((e.span.start, e.span.end) for e in edits)
    return any(_overlaps(a, b) for a, b in zip(ranges, ranges[1:]))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:  # insertions collide only at the same point or strictly inside
        return a[0] == b[0] or b[0] < a[0] < b[1] or a[0] < b[0] < a[1]
    return a[0] < b[1] and b[0] < a[1]


def _splits_crlf(text: str, offset: int) -> bool:
    return 0 < offset < len(text) and text[offset - 1] == "\r" and text[offset] == "\n"
