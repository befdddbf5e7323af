"""The pieces of a document: lines, numbering markers, blocks and segments.

Everything keeps offsets into ``Document.text`` (the decoded file, without BOM).  A
paragraph broken over several lines by PDF conversion is one ``Block`` made of several
pieces; its ``text`` is the pieces joined, and ``Block.span_of`` maps a range of that
joined text back to the original offsets.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from lawlint.rule import Span

# The kinds of blocks.
TITLE, HEADING, PARAGRAPH, ELEMENT, SIGNATURE, CHROME, TABLE = (
    "title", "heading", "paragraph", "element", "signature", "chrome", "table")


@dataclass(slots=True)
class Line:
    """One physical line; ``text`` is its content without indentation and Markdown marks."""

    number: int
    start: int
    end: int
    content_start: int
    text: str
    md_level: int = 0
    role: str = ""  # what the file's formatting says the line is (``Document.roles``): title, signature, cell

    @property
    def content_span(self) -> Span:
        return Span(self.content_start, self.content_start + len(self.text))


@dataclass(frozen=True, slots=True)
class Comment:
    """A reviewer's comment that the file anchors on ``span`` of the text (a Word 批注): who
    wrote it and what it says.  Set by loaders of formats that have them (``Document.comments``)."""

    span: Span
    author: str
    text: str


@dataclass(frozen=True, slots=True)
class Numbering:
    """A heading's sequence marker as written (一、 （二） 3. （4） ⑤) and its canonical form."""

    level: int
    value: int
    start: int
    end: int
    punct: str
    canonical: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(eq=False, slots=True)
class Block:
    """A title, heading, paragraph, 公文 element, 落款 line or run of web-page chrome."""

    kind: str
    pieces: tuple[Span, ...]
    text: str
    line: int
    level: int = 0
    numbering: Numbering | None = None
    part: int = 0  # 0: the document itself; 1, 2 …: the attachments that follow its 落款
    _starts: tuple[int, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        starts, total = [], 0
        for piece in self.pieces:
            starts.append(total)
            total += piece.end - piece.start
        self._starts = tuple(starts)

    @property
    def span(self) -> Span:
        return Span(self.pieces[0].start, self.pieces[-1].end)

    def offset(self, index: int) -> int:
        """Document offset of character ``index`` of ``self.text``."""
        k = bisect.bisect_right(self._starts, index) - 1
        return self.pieces[k].start + index - self._starts[k]

    def span_of(self, start: int, end: int) -> Span:
        """Document span of ``self.text[start:end]`` (it may cross a line break)."""
        if end <= start:
            at = self.offset(start) if start < len(self.text) else self.pieces[-1].end
            return Span(at, at)
        return Span(self.offset(start), self.offset(end - 1) + 1)


@dataclass(eq=False, slots=True)
class Segment:
    """A sentence or a clause: ``text`` is ``block.text[start:end]``."""

    block: Block
    start: int
    end: int
    text: str
    sentence: int = -1  # for a clause, the index of its sentence in Document.sentences

    @property
    def span(self) -> Span:
        return self.block.span_of(self.start, self.end)
