"""The document model: a decoded file, its lines, blocks, sentences and clauses, the parts
and facts (title, 落款, dates) that rules ask about, and how files become documents."""
from lawlint.document.document import Document
from lawlint.document.model import (
    CHROME,
    ELEMENT,
    HEADING,
    PARAGRAPH,
    SIGNATURE,
    TABLE,
    TITLE,
    Block,
    Comment,
    Line,
    Numbering,
    Segment,
)
from lawlint.document.numbering import parse_numbering

__all__ = ["CHROME", "ELEMENT", "HEADING", "PARAGRAPH", "SIGNATURE", "TABLE", "TITLE", "Block", "Comment",
           "Document", "Line", "Numbering", "Segment", "parse_numbering"]
