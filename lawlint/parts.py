"""Finding required parts (or elements) of a document.

Under ``heading`` scope a part counts only when a heading names it: a first-level
heading (or an unnumbered one), else a second-level heading.  A part mentioned in
one sentence inside another part is missing — the 督察工作规定 asks reports to give
each part its own section.  Under other scopes any text in scope may name it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from lawlint.document import Block, Document
from lawlint.profiles import Part
from lawlint.rule import Span
from lawlint.text import squeeze


@dataclass(frozen=True)
class FoundPart:
    part: Part
    heading: Block
    nested: bool  # found only as a second-level heading inside another section


def heading_words(block: Block) -> str:
    """A heading's text without its sequence marker and blanks."""
    text = block.text
    if block.numbering is not None:
        text = text[block.numbering.end - block.numbering.start:]
    return squeeze(text)


def find_in_headings(doc: Document, parts: Sequence[Part]) -> dict[str, FoundPart]:
    found: dict[str, FoundPart] = {}
    top = [h for h in doc.headings if h.level <= 1]
    second = [h for h in doc.headings if h.level == 2]
    for part in parts:
        for group, nested in ((top, False), (second, True)):
            heading = next((h for h in group if part.matches(heading_words(h))), None)
            if heading is not None:
                found[part.id] = FoundPart(part, heading, nested)
                break
    return found


def find_parts(doc: Document) -> dict[str, FoundPart]:
    """The document profile's parts found under headings (computed once per document)."""
    if "parts" not in doc.cache:
        profile = doc.profile
        doc.cache["parts"] = find_in_headings(doc, profile.parts) if profile is not None else {}
    return doc.cache["parts"]


def anchor(doc: Document) -> Span:
    """Where document-level findings point: the title, else the start of the text."""
    title = doc.title
    return title.span if title is not None else Span(0, 0)
