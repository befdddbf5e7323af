"""Dropping the findings a document or the configuration silences.

Two sources: suppressions (``lawlint.document.suppressions``: Markdown comments and
what a loader put in ``Document.suppressions``) and the per-rule ``allow`` lists of the
configuration — exact strings or patterns; a finding is allowed when it lies inside an
occurrence of one in the document (``allow: [《关于加强社会主义法制建设的决定》]`` for WD001
silences the findings inside that title, wherever it is quoted).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from lawlint.document import Document
from lawlint.document.suppressions import Suppression, from_comments, markdown
from lawlint.engine.registry import Registry
from lawlint.rule import Violation


@dataclass(frozen=True)
class Allowance:
    """One entry of a rule's ``allow`` list: an exact string or a compiled pattern."""

    text: str | None = None
    pattern: re.Pattern | None = None

    def ranges(self, text: str) -> Iterable[tuple[int, int]]:
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                yield m.start(), m.end()
            return
        needle = self.text or ""
        if not needle:
            return
        at = text.find(needle)
        while at != -1:
            yield at, at + len(needle)
            at = text.find(needle, at + 1)


def active(doc: Document) -> list[Suppression]:
    """The document's suppressions for this run (memoised: LL001 reads the same ones after
    they were applied)."""
    return doc.memo(_collect)


def _collect(doc: Document) -> list[Suppression]:
    """The loader's suppressions, the Markdown comments' and the reviewers' comments
    ``lawlint: ignore …`` (``Document.comments``, which the docx loader fills)."""
    return [*doc.suppressions, *(markdown(doc.text) if doc.format == "md" else ()),
            *from_comments(doc.comments)]


def apply(doc: Document, violations: list[Violation], registry: Registry, ran: Sequence[str],
          allowed: dict[str, list[Allowance]]) -> list[Violation]:
    """``violations`` without the silenced ones; each suppression is marked with what it
    silenced (``used``), the codes no rule answers to (``unknown``) and whether every rule
    it names ran (``checked``).  ``ran``: the codes of the rules that ran on ``doc``."""
    suppressions = active(doc)
    if allowed and violations:
        violations = _allow(doc.text, violations, allowed)
    if not suppressions:
        return violations
    size = len(doc.text)
    keyed = []
    for s in suppressions:
        keys, unknown = _keys(registry, s.codes)
        s.used, s.unknown = set(), unknown
        s.checked = bool(ran) and all(any(code.startswith(k) for code in ran) for k in keys.values())
        keyed.append((s, keys))
    kept = []
    for v in violations:
        hit = False
        for s, keys in keyed:
            if not s.covers(v.span.start, size):
                continue
            if not s.codes:
                s.used.add("")
                hit = True
                continue
            for token, key in keys.items():
                if v.code.startswith(key):
                    s.used.add(token)
                    hit = True
        if not hit:
            kept.append(v)
    return kept


def _keys(registry: Registry, codes: Sequence[str]) -> tuple[dict[str, str], tuple[str, ...]]:
    """Each written code as the code prefix it stands for (a rule name for its code), and
    those that stand for no rule."""
    keys: dict[str, str] = {}
    unknown = []
    for token in codes:
        entry = registry.lookup(token)
        if entry is not None:
            keys[token] = entry.code
        elif re.fullmatch(r"[A-Za-z]{2,4}\d{0,3}", token) and any(c.startswith(token.upper())
                                                                    for c in registry.by_code):
            keys[token] = token.upper()
        else:
            unknown.append(token)
    return keys, tuple(unknown)


def _allow(text: str, violations: list[Violation], allowed: dict[str, list[Allowance]]) -> list[Violation]:
    ranges: dict[str, list[tuple[int, int]]] = {}
    kept = []
    for v in violations:
        entries = allowed.get(v.code)
        if entries:
            if v.code not in ranges:
                ranges[v.code] = [r for a in entries for r in a.ranges(text)]
            if any(start <= v.span.start and v.span.end <= end for start, end in ranges[v.code]):
                continue
        kept.append(v)
    return kept
