"""Which of the profile's parts a document has, found under its headings.

A part counts only when a heading names it: a first-level heading (or an
unnumbered one), else a second-level heading.  A part mentioned in one sentence
inside another part is missing — that is what the 督察工作规定 asks reports to avoid.
"""
from __future__ import annotations

from dataclasses import dataclass

from lawlint.document import Block, Document
from lawlint.profiles import Part
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


def find_parts(doc: Document) -> dict[str, FoundPart]:
    if "parts" in doc.cache:
        return doc.cache["parts"]
    found: dict[str, FoundPart] = {}
    profile = doc.profile
    if profile is not None and profile.parts:
        top = [h for h in doc.headings if h.level <= 1]
        second = [h for h in doc.headings if h.level == 2]
        for part in profile.parts:
            for group, nested in ((top, False), (second, True)):
                heading = next((h for h in group if part.matches(heading_words(h))), None)
                if heading is not None:
                    found[part.id] = FoundPart(part, heading, nested)
                    break
    doc.cache["parts"] = found
    return found
