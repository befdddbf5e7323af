"""The Document: the decoded text and everything the rules ask of it, computed lazily and
once (lines, blocks, sentences, clauses, metadata, words)."""
from __future__ import annotations

import bisect
import re
from functools import cached_property
from typing import TYPE_CHECKING, Any, Callable, Hashable, TypeVar

from lawlint.document.model import HEADING, PARAGRAPH, TITLE, Block, Comment, Line, Segment
from lawlint.document.suppressions import Suppression
from lawlint.lang.text import BLANKS

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.document.metadata import Metadata
    from lawlint.document.places import Places
    from lawlint.engine.prefilter import Presence
    from lawlint.engine.profiles import Profile


_MD_HEADING = re.compile(r"(#{1,6})[ \t]+")
_MD_LIST = re.compile(r"[-*+][ \t]+")
_LINE_BREAK = re.compile(r"\r\n?|\n")
_SURROGATE = re.compile("[\ud800-\udfff]")
_T = TypeVar("_T")
_MISSING: Any = object()


class Document:
    """A decoded file and everything the rules ask of it, computed lazily and once."""

    def __init__(self, text: str, path: str | None = None, encoding: str = "utf-8",
                 format: str = "txt") -> None:
        if not text.isascii() and _SURROGATE.search(text):
            # Only the library API or a plugin's loader can pass lone surrogates (no decoder
            # lawlint uses makes them); they cannot be encoded, which the rules using jieba's
            # table or OpenCC need.  U+FFFD, as a decoder would put, keeps every offset.
            text = _SURROGATE.sub("\ufffd", text)
        self.text = text
        self.path = path
        self.encoding = encoding
        self.format = format
        self.profile: Profile | None = None
        self._memo: dict[Hashable, Any] = {}
        self._blocks_of: dict[tuple[str, ...], list[Block]] = {}
        self._text_of: dict[tuple[str, ...], str] = {}
        self._clauses: dict[int, list[Segment]] = {}
        self._quoted_masks: dict[Block, bytearray | None] = {}
        self._words: dict[str, tuple[str, ...]] = {}
        self._tokens: dict[str, tuple[tuple[str, int, int], ...]] = {}
        self._boundaries: dict[str, frozenset[int]] = {}
        # Set by the loaders of Word, PDF and HTML files (``lawlint.document.formats``):
        # where each offset is in the user's file (第12段, 第3页第5行); line → role that the
        # file's formatting gives (title, signature, cell); text of the file outside the body;
        # the reviewers' comments the file anchors on the text (Word 批注).
        self.places: Places | None = None
        self.roles: dict[int, str] = {}
        self.apart: dict[str, list[str]] = {}
        self.comments: list[Comment] = []

        # Stretches where findings are silenced, added by loaders (a Word comment
        # "lawlint: ignore WD001"); Markdown comments are read by the engine itself.
        self.suppressions: list[Suppression] = []
    def memo(self, function: Callable[..., _T], *args: Hashable) -> _T:
        """``function(self, *args)``, computed once per document and kept with it: what rules,
        kinds and helpers derive from a document and share.  The function itself (with the
        arguments) is the key, so two users never collide and the value has the type the
        function returns; for many small look-ups, memoise a table (a function returning an
        empty dict) and fill it."""
        key = (function, args) if args else function
        value = self._memo.get(key, _MISSING)
        if value is _MISSING:
            value = self._memo[key] = function(self, *args)
        return value

    def drop_memos(self) -> None:
        """Forget what was memoised: once the rules have run, their memos are not needed to
        report, and on a long document they are most of its memory."""
        self._memo.clear()

    # -- positions -------------------------------------------------------------------------
    # A line ends at \n, \r\n or a lone \r (old Mac files, and converters that mix them):
    # each is one line break, and a line's text never holds one.
    @cached_property
    def line_starts(self) -> list[int]:
        text = self.text
        if "\r" in text:
            return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        starts = [0]
        find = text.find
        at = find("\n")
        while at != -1:
            starts.append(at + 1)
            at = find("\n", at + 1)
        return starts

    def line_end(self, number: int) -> int:
        """Offset where the text of line ``number`` (1-based) ends, before its line break."""
        starts = self.line_starts
        if number >= len(starts):
            return len(self.text)
        end = starts[number] - 1  # the last character of the break
        if end > starts[number - 1] and self.text[end] == "\n" and self.text[end - 1] == "\r":
            end -= 1
        return end

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of ``offset``; columns count code points."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def line_text(self, number: int) -> str:
        return self.text[self.line_starts[number - 1]:self.line_end(number)]

    @cached_property
    def presence(self) -> Presence:
        """Which characters the text holds, searched for and kept (``lawlint.engine.prefilter``)."""
        from lawlint.engine.prefilter import Presence

        return Presence(self.text)

    # -- structure -------------------------------------------------------------------------
    @cached_property
    def lines(self) -> list[Line]:
        """Non-blank lines, with indentation and Markdown marks set apart."""
        lines = []
        text = self.text
        roles = self.roles
        for number, start in enumerate(self.line_starts, 1):
            end = self.line_end(number)
            raw = text[start:end]
            body = raw.lstrip(BLANKS)
            content_start = start + len(raw) - len(body)
            md_level = 0
            m = _MD_HEADING.match(body)
            if m:
                md_level = len(m[1])
            else:
                m = _MD_LIST.match(body)
            if m:
                body = body[m.end():].lstrip(BLANKS)
                content_start = start + len(raw) - len(body)
            body = body.rstrip(BLANKS)
            if body:
                lines.append(Line(number, start, end, content_start, body, md_level,
                                  roles.get(number, "") if roles else ""))
        return lines

    @cached_property
    def blocks(self) -> list[Block]:
        from lawlint.document.layout import build_blocks

        return build_blocks(self)

    def blocks_of(self, *kinds: str) -> list[Block]:
        """The blocks of these kinds, in order (one list per document and kinds: do not modify it)."""
        found = self._blocks_of.get(kinds)
        if found is None:
            found = self._blocks_of[kinds] = [b for b in self.blocks if b.kind in kinds]
        return found

    def text_of(self, *kinds: str) -> str:
        """The text of the blocks of these kinds, one per line, with lines broken by PDF
        conversion rejoined: where to look for a phrase before looking block by block."""
        text = self._text_of.get(kinds)
        if text is None:
            text = self._text_of[kinds] = "\n".join(b.text for b in self.blocks if b.kind in kinds)
        return text

    @property
    def title(self) -> Block | None:
        """The document's own title (an attachment's title is not it)."""
        return next((b for b in self.blocks if b.kind == TITLE and not b.part), None)

    @property
    def headings(self) -> list[Block]:
        return self.blocks_of(HEADING)

    @property
    def paragraphs(self) -> list[Block]:
        return self.blocks_of(PARAGRAPH)

    @cached_property
    def sentences(self) -> list[Segment]:
        from lawlint.document.sentences import split_sentences

        return [s for block in self.paragraphs for s in split_sentences(block, self._quoted(block))]

    @cached_property
    def clauses(self) -> list[Segment]:
        return [c for index in range(len(self.sentences)) for c in self.clauses_of(index)]

    def clauses_of(self, index: int) -> list[Segment]:
        """The clauses of sentence ``index``: split on demand, since the rules comparing
        clauses only need those of sentences that share text with another."""
        from lawlint.document.sentences import split_clauses

        split = self._clauses
        if index not in split:
            sentence = self.sentences[index]
            split[index] = split_clauses(sentence, index, self._quoted(sentence.block))
        return split[index]

    def _quoted(self, block: Block):
        """Which characters of a paragraph lie inside 《》 or “” (computed once per paragraph)."""
        from lawlint.document.sentences import protected

        masks = self._quoted_masks  # a Block is hashed by identity
        if block not in masks:
            masks[block] = protected(block.text)
        return masks[block]

    # -- metadata --------------------------------------------------------------------------
    @cached_property
    def meta(self) -> Metadata:
        """Title, report year, organs, 发文字号, 成文日期, publication date."""
        from lawlint.document.metadata import extract

        return extract(self)

    # -- words -----------------------------------------------------------------------------
    def words(self, text: str) -> tuple[str, ...]:
        """jieba words of ``text``; each distinct text is segmented once per document."""
        cache = self._words
        if text not in cache:
            from lawlint.lang.words import cut

            cache[text] = cut(text)
        return cache[text]

    def tokens(self, text: str) -> tuple[tuple[str, int, int], ...]:
        """jieba words of ``text`` with their offsets in ``text`` (blanks left out)."""
        cache = self._tokens
        if text not in cache:
            from lawlint.lang.words import tokens

            cache[text] = tokens(text)
        return cache[text]

    def word_boundaries(self, text: str) -> frozenset[int]:
        """Offsets in ``text`` where a jieba word starts or ends."""
        cache = self._boundaries
        if text not in cache:
            cache[text] = frozenset(o for _, start, end in self.tokens(text) for o in (start, end))
        return cache[text]
