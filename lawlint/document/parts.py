"""Finding required parts (or elements) of a document.

Under ``heading`` scope a part counts only when a heading names it: a first-level
heading (or an unnumbered one), else a second-level heading.  A part marked
``topical`` is also found by position: most reports give their measures as topical
sections (一、强化组织领导 …) that name no part.  A part mentioned in one sentence
inside another part is missing — the 督察工作规定 asks reports to give each part its
own section — but less surely so than one the text never speaks of (``mentioned``).
Under other scopes any text in scope may name it.  Only the document itself is
searched, not the attachments after its 落款.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from lawlint.document.document import Document
from lawlint.document.model import Block
from lawlint.engine.profiles import Part
from lawlint.lang.text import squeeze
from lawlint.rule import Span


@dataclass(frozen=True)
class FoundPart:
    part: Part
    heading: Block
    nested: bool  # found only as a second-level heading inside another section
    topical: bool = False  # found by position: topical sections that name no part


def heading_words(block: Block) -> str:
    """A heading's text without its sequence marker and blanks."""
    text = block.text
    if block.numbering is not None:
        text = text[block.numbering.end - block.numbering.start:]
    return squeeze(text)


def find_in_headings(doc: Document, parts: Sequence[Part]) -> dict[str, FoundPart]:
    found: dict[str, FoundPart] = {}
    top = [h for h in doc.headings if h.level <= 1 and not h.part]
    second = [h for h in doc.headings if h.level == 2 and not h.part]
    for part in parts:
        for group, nested in ((top, False), (second, True)):
            heading = next((h for h in group if part.matches(heading_words(h))), None)
            if heading is not None:
                found[part.id] = FoundPart(part, heading, nested)
                break
    _find_topical(doc, parts, found)
    return found


def sections(doc: Document) -> list[Block]:
    """The document's top-level section headings: numbered first-level ones (一、 or
    第一部分), else numbered second-level ones."""
    numbered = [h for h in doc.headings if h.numbering is not None and not h.part]
    top = [h for h in numbered if h.level <= 1]
    return top or [h for h in numbered if h.level == 2]


def _find_topical(doc: Document, parts: Sequence[Part], found: dict[str, FoundPart]) -> None:
    """Top-level sections that name no part, before the last part a heading names, make
    up a ``topical`` part missing from the headings."""
    wanted = [p for p in parts if p.topical and p.id not in found]
    if not wanted:
        return
    named = [f.heading.span.start for f in found.values() if not f.nested]
    limit = max(named) if named else None
    for heading in sections(doc):
        if limit is not None and heading.span.start >= limit:
            break
        words = heading_words(heading)
        if not any(p.matches(words) for p in parts):
            for part in wanted:
                found[part.id] = FoundPart(part, heading, False, topical=True)
            return


def mentioned(doc: Document, part: Part) -> bool:
    """Whether the document's text speaks of ``part`` (in a sentence, not a heading)."""
    return part.mentioned_in(doc.text_of("heading", "paragraph"))


def find_parts(doc: Document) -> dict[str, FoundPart]:
    """The document profile's parts found under headings (computed once per document)."""
    return doc.memo(_parts)


def _parts(doc: Document) -> dict[str, FoundPart]:
    profile = doc.profile
    return find_in_headings(doc, profile.parts) if profile is not None else {}


def ends_early(doc: Document) -> bool:
    """A text with the profile's parts, no 落款 and none of its parts but the first (the
    measures, or topical sections) looks cut after that part: a copy that kept only
    the opening of a report.  A guess: the text may also be a report that lacks them."""
    profile = doc.profile
    if profile is None or not profile.parts or doc.meta.signature is not None or not sections(doc):
        return False
    found = find_parts(doc)
    later = [p for p in profile.parts if not p.optional and not p.topical]
    return bool(later) and not any(p.id in found for p in later) and any(
        f.part.topical or f.heading is sections(doc)[0] for f in found.values())


def cut_off(doc: Document) -> bool:
    """Whether the document itself (not an attachment) stops before its end (ST006)."""
    cut = doc.meta.truncated
    return (cut is not None and not cut.part) or ends_early(doc)


def anchor(doc: Document) -> Span:
    """Where document-level findings point: the title, else the start of the text."""
    title = doc.title
    return title.span if title is not None else Span(0, 0)
