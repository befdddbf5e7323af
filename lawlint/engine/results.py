"""Findings as the formatters see them: plain records, positions resolved where the document is.

A finding travels from the process that linted the file to the one that writes the
output as one tuple of strings and numbers (``Finding``): its offsets, line and column,
its fix with the positions of each edit, and — for the text output only — the piece of
the source line to show under it.  The document itself stays where it was linted: a
worker sends back a few hundred bytes per finding, never the text, and the parent holds
the findings of one file at a time.
"""
from __future__ import annotations

import dataclasses
import hashlib
import re
from typing import TYPE_CHECKING, NamedTuple

from lawlint.rule import Applicability, Edit, Fix, Severity, Span, Violation

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.document import Document

EXCERPT = 36  # characters shown on each side of a finding in a long line

# (start, end, replacement, line, column, end_line, end_column) of one edit of a fix
EditRecord = tuple[int, int, str, int, int, int, int]
# (description, applicability — an Applicability value: safe, unsafe or display-only —, edits)
FixRecord = tuple[str, str, tuple[EditRecord, ...]]
# (text, cut_left, cut_right, start, end): the part of the line shown, whether text was cut
# on either side, and where the finding's span lies in it
Excerpt = tuple[str, bool, bool, int, int]


class Finding(NamedTuple):
    code: str
    name: str
    severity: str  # a Severity value: error, warning or info
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    fix: FixRecord | None = None
    excerpt: Excerpt | None = None
    place: dict | None = None  # where it is in a Word or PDF file: {"label": "第12段", "paragraph": 12, …}
    anchor: str = ""  # a hash of the finding's text (``anchor``): its baseline fingerprint, not its line

    def violation(self) -> Violation:
        """The finding as the rule made it (for formatters written against ``Violation``)."""
        fix = None
        if self.fix is not None:
            description, applicability, edits = self.fix
            fix = Fix(tuple(Edit(Span(e[0], e[1]), e[2]) for e in edits), description, Applicability(applicability))
        return Violation(self.code, self.name, Severity(self.severity), self.message, Span(self.start, self.end), fix)


def resolve(doc: Document, violations: list[Violation], excerpts: bool = False) -> list[Finding]:
    """``violations`` of ``doc`` as findings, with line and column (and the excerpt, if asked)."""
    position = doc.position
    places = doc.places
    found = []
    for v in violations:
        if places:
            v = relabelled(doc, v)
        start, end = v.span.start, v.span.end
        line, column = position(start)
        end_line, end_column = position(end)
        fix = None
        if v.fix is not None:
            fix = (v.fix.description, v.fix.applicability.value,
                   tuple((e.span.start, e.span.end, e.text, *position(e.span.start), *position(e.span.end))
                         for e in v.fix.edits))
        shown = excerpt(doc, line, column, end_line, end_column) if excerpts else None
        found.append(Finding(v.code, v.name, v.severity.value, v.message, start, end, line, column,
                             end_line, end_column, fix, shown, places.place(start) if places else None,
                             anchor(doc, start, end, line)))
    return found


_LINE_REFERENCE = re.compile(r"第(\d+)(?:[—–-](\d+))?行")


def relabelled(doc: Document, v: Violation) -> Violation:
    """A message that names lines of the extracted text (第7行, 第1—4行) names, in a Word or PDF
    file, the places a reader finds (第5段, 第1页第7行) instead."""
    if "行" not in v.message:
        return v

    def label(number: int) -> str:
        number = min(max(number, 1), len(doc.line_starts))
        record = doc.places.place(doc.line_starts[number - 1])
        return record.get("label", f"第{number}行") if record else f"第{number}行"

    def replace(m: re.Match) -> str:
        first = label(int(m[1]))
        if not m[2]:
            return first
        last = label(int(m[2]))
        return first if last == first else f"{first}至{last}"

    message = _LINE_REFERENCE.sub(replace, v.message)
    return v if message == v.message else dataclasses.replace(v, message=message)


ANCHOR_CONTEXT = 6  # characters of the line on each side that identify a short finding


def anchor(doc: Document, start: int, end: int, line: int) -> str:
    """What identifies a finding whatever its line: a hash of its text with blanks
    normalised — with a few characters of its line on each side when the text is shorter
    than two characters (a half-width comma, a missing mark).  The text itself never
    leaves the process that linted the file."""
    text = doc.text
    if end - start >= 2:
        piece = text[start:end]
    else:
        first = doc.line_starts[line - 1]
        last = doc.line_end(line)
        piece = (text[max(first, start - ANCHOR_CONTEXT):start] + "\x00" + text[start:end] + "\x00"
                 + text[end:max(end, min(last, end + ANCHOR_CONTEXT))])
    piece = " ".join(piece.split())
    return hashlib.blake2b(piece.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def excerpt(doc: Document, line: int, column: int, end_line: int, end_column: int) -> Excerpt:
    """At most ``EXCERPT`` characters on each side of the span (itself cut after twice as many)."""
    text = doc.line_text(line)
    start = column - 1
    end = end_column - 1 if end_line == line else len(text)
    end = min(max(end, start + 1), start + 2 * EXCERPT)
    left = max(0, start - EXCERPT)
    right = min(len(text), end + EXCERPT)
    return text[left:right], left > 0, right < len(text), start - left, min(end, right) - left
