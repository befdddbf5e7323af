"""Applying fixes to text: non-overlapping edits, from the end backwards, never losing text.

An edit that overlaps one already taken is left for a later round (as ruff and
sqlfluff do); unsafe fixes are only applied when asked for, display-only ones never.
"""
from __future__ import annotations

from typing import Iterable

from lawlint.rule import Applicability, Edit, Violation


def apply(text: str, violations: Iterable[Violation], *, unsafe: bool = False) -> tuple[str, int]:
    """Return the text with every applicable fix applied, and how many fixes were applied."""
    chosen: list[tuple[Edit, ...]] = []
    taken: list[tuple[int, int]] = []
    for v in sorted(violations, key=lambda v: (v.span.start, v.code)):
        if v.fix is None or not applies(v.fix.applicability, unsafe):
            continue
        ranges = [(e.span.start, e.span.end) for e in v.fix.edits]
        if any(_overlaps(r, t) for r in ranges for t in taken):
            continue
        taken.extend(ranges)
        chosen.append(v.fix.edits)
    edits = sorted((e for group in chosen for e in group), key=lambda e: (e.span.start, e.span.end), reverse=True)
    for edit in edits:
        text = text[:edit.span.start] + edit.text + text[edit.span.end:]
    return text, len(chosen)


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
