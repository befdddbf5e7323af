"""Suppressions: stretches of a document where some rules' findings are silenced.

They come from Markdown comments (``<!-- lawlint-disable-next-line WD001 -->``,
``<!-- lawlint-disable WD001 -->`` … ``<!-- lawlint-enable -->``), read here, and from
loaders: a loader appends ``Suppression`` objects to ``Document.suppressions`` (the docx
loader turns a Word comment ``lawlint: ignore WD001`` into one over the passage it is
anchored to).  The engine (``lawlint.engine.suppress``) drops the findings inside them
and marks which were used, so that LL001 can report the unused and unknown ones.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lawlint.rule import Span

# A directive: the name, then codes up to "-->" on the same line (bounded: linear on any line).
_DIRECTIVE = re.compile(r"<!--[ \t]*lawlint-(disable-next-line|disable|enable)(?![\w-])([^>\n]{0,300})>")
_CODES = re.compile(r"[^\s,，、]+")


@dataclass(eq=False)
class Suppression:
    """Findings of the rules ``codes`` (codes, code prefixes or rule names; empty: every
    rule) that start inside ``span`` are not reported.

    ``directive`` is where the suppression is written — a comment, the passage a Word
    comment is anchored to — and where LL001 reports it when it silenced nothing or names
    an unknown rule; None for a suppression nobody wrote in the document (never reported).
    ``label`` names it in those messages (注释“lawlint-disable-next-line”, Word 批注“lawlint: ignore”)."""

    span: Span
    codes: tuple[str, ...] = ()
    directive: Span | None = None
    label: str = "lawlint 注释"
    # Filled in by the engine on each run: the codes that silenced a finding ("" for a
    # suppression of every rule), the codes no rule answers to, and whether every rule it
    # names ran on the document (only then can it be called unused).
    used: set[str] = field(default_factory=set)
    unknown: tuple[str, ...] = ()
    checked: bool = False

    def covers(self, offset: int, size: int) -> bool:
        """Does a finding starting at ``offset`` (of a text of ``size`` characters) lie in it?"""
        start, end = self.span.start, self.span.end
        return start <= offset < end or offset == end == size


def markdown(text: str) -> list[Suppression]:
    """The suppressions written as comments in a Markdown text.

    ``disable-next-line`` covers the line after the comment's line; ``disable`` runs from
    the end of its comment to the ``enable`` comment that ends it (one naming none of the
    codes ends every open one) or to the end of the text."""
    if "lawlint-" not in text:
        return []
    found: list[Suppression] = []
    open_ranges: list[tuple[Suppression, tuple[str, ...]]] = []
    for m in _DIRECTIVE.finditer(text):
        body = m[2]
        if not body.rstrip().endswith("--"):
            continue  # not a comment that closes on its line
        codes = tuple(_CODES.findall(body.rstrip()[:-2]))
        kind, directive = m[1], Span(m.start(), m.end())
        label = f"注释“lawlint-{kind}”"
        if kind == "disable-next-line":
            start = _after_break(text, _line_end(text, m.end()))
            end = _after_break(text, _line_end(text, start))  # the next line with its line break
            found.append(Suppression(Span(start, end), codes, directive, label))
        elif kind == "disable":
            open_ranges.append((Suppression(Span(m.end(), len(text)), codes, directive, label), codes))
        else:
            still = []
            for suppression, names in open_ranges:
                if not codes or set(names) & set(codes):
                    suppression.span = Span(suppression.span.start, m.start())
                    found.append(suppression)
                else:
                    still.append((suppression, names))
            open_ranges = still
    found.extend(s for s, _ in open_ranges)
    found.sort(key=lambda s: s.span.start)
    return found


# A reviewer's comment (Word 批注) saying "lawlint: ignore WD001 PU001" (colon full- or half-width).
# Matched on the comment's text with its leading blanks stripped: no leading variable
# quantifier, which a search along a line of blanks would retry at every blank.
_IGNORE = re.compile(r"lawlint[ \t]{0,8}[:：][ \t]{0,8}ignore(?![\w-])([^\n]{0,300})", re.IGNORECASE)


def from_comments(comments) -> list[Suppression]:
    """Suppressions for the comments a loader anchored on the text (``Document.comments``:
    objects with ``span`` and ``text``) whose text is ``lawlint: ignore CODES``: over the
    commented passage, reported there by LL001 when they silence nothing."""
    found = []
    for comment in comments:
        m = _IGNORE.match((getattr(comment, "text", "") or "").lstrip(" \t\u3000\n"))
        span = getattr(comment, "span", None)
        if m is None or not isinstance(span, Span):
            continue
        found.append(Suppression(span, tuple(_CODES.findall(m[1])), span, "Word 批注“lawlint: ignore”"))
    return found


def _line_end(text: str, at: int) -> int:
    """Offset of the line break ending the line that holds ``at`` (or the end of the text)."""
    ends = [i for i in (text.find("\n", at), text.find("\r", at)) if i != -1]
    return min(ends) if ends else len(text)


def _after_break(text: str, at: int) -> int:
    """Offset just after the line break at ``at`` (CRLF counts as one); the end of the text."""
    if at >= len(text):
        return len(text)
    return at + 2 if text.startswith("\r\n", at) else at + 1
