"""Facts about a document that several rules need: its title and year, the issuing
organ(s), its own 发文字号, the 落款 with its 成文日期, and the web publication date.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lawlint.document.layout import (
    LETTER_SPACED,
    is_doc_number_line,
    is_organ_line,
    is_unfilled_date,
    patterns,
    split_organ_date,
)
from lawlint.document.model import CHROME, ELEMENT, HEADING, PARAGRAPH, SIGNATURE, Block
from lawlint.engine import resources
from lawlint.engine.prefilter import scanner
from lawlint.lang.dates import DateMention, find_iso_like, parse_date_text
from lawlint.lang.text import BLANKS, cn_digits_to_int, squeeze
from lawlint.rule import Span

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.document.document import Document


_YEAR = scanner(re.compile(rf"(?<![0-9—\-~～至])((?:19|20)\d{{2}}|[二][〇○零][一二三四五六七八九〇○零][〇○零一二三四五六七八九])"
                   rf"[{BLANKS}]*年(?!\s*[—\-~～至])"))
_BRACKETED = re.compile(r"《[^《》]*》|〔[^〔〕]*〕")
_OPENING_CHARS = 300  # the report year is named near the start of the opening paragraph


@dataclass(frozen=True, slots=True)
class Found:
    """A piece of text found in the document, with its span."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Year:
    value: int
    span: Span


@dataclass(frozen=True, slots=True)
class DatedText:
    """A date as written in the document, and where."""

    mention: DateMention
    span: Span

    @property
    def value(self) -> _dt.date | None:
        """The calendar date, or None when the written date does not exist."""
        return self.mention.date


@dataclass(frozen=True, slots=True)
class Signature:
    """The 落款: organ lines and the 成文日期 line (either may be missing)."""

    organs: tuple[Found, ...]
    date: DatedText | None
    span: Span
    unfilled_date: bool = False  # a template's 20XX年×月×日 (TX004 reports it)


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    report_year: Year | None = None
    organs: tuple[str, ...] = ()
    organ_kind: str | None = None
    doc_number: Found | None = None
    signature: Signature | None = None
    publication: DatedText | None = None
    opening: Block | None = None
    truncated: Block | None = None
    extra: dict = field(default_factory=dict)

    @property
    def written_year(self) -> int | None:
        """The year the document was written: its 成文日期, else its publication date, else
        the year after the report year; None when the text gives none of them."""
        for dated in (self.signature.date if self.signature else None, self.publication):
            if dated is not None and dated.value is not None:
                return dated.value.year
        return self.report_year.value + 1 if self.report_year else None


def years_in(block: Block, limit: int | None = None) -> list[Year]:
    """Years written as ``2024年`` in a block (or its first ``limit`` characters),
    ignoring ranges and text inside 《》 and 〔〕."""
    masked = _BRACKETED.sub(lambda m: "＿" * len(m[0]), block.text[:limit])
    return [Year(int(m[1]) if m[1].isdigit() else cn_digits_to_int(m[1]), block.span_of(m.start(1), m.end(1)))
            for m in _YEAR.finditer(masked)]


def extract(doc: Document) -> Metadata:
    meta = Metadata()
    title = doc.title
    if title is not None:
        meta.title = squeeze(title.text)
        years = years_in(title)
        if years:
            meta.report_year = years[0]
    meta.opening = next((b for b in doc.blocks if b.kind == PARAGRAPH), None)
    if meta.report_year is None and meta.opening is not None:
        years = years_in(meta.opening, _OPENING_CHARS)
        if years:
            meta.report_year = years[0]
    meta.signature = _signature(doc)
    meta.publication = _publication(doc)
    meta.doc_number = _own_doc_number(doc)
    meta.organs = _organs(meta)
    meta.organ_kind = organ_kind(meta.organs)
    meta.truncated = _cut_off(doc)
    return meta


# How a piece of running text may end (before any closing quotes and brackets).
_SENTENCE_ENDS = "。！？!?…；;：:"
_CLOSERS = "”’）)》」』】\"'"


def _stops_mid_sentence(text: str) -> bool:
    body = text.rstrip(BLANKS + _CLOSERS)
    return bool(body) and body[-1] not in _SENTENCE_ENDS


# A document may end with a formula that needs no full stop (特此报告 written without 。).
_CLOSING = re.compile(r"(?:特此|专此|此)(?:报告|批复|通知|函告|请示|复)|妥否|以上报告|附件")


def _cut_off(doc: Document) -> Block | None:
    """The last block when the text stops in the middle of it: a paragraph without its
    closing mark, or a heading with nothing under it, and no 落款 or 版记 after it.  Web
    copies cut at a fixed length and lost ends of conversions look so."""
    for block in reversed(doc.blocks):
        if block.kind == CHROME:
            continue
        text = block.text.rstrip(BLANKS)
        if block.kind == PARAGRAPH:
            if text and not _CLOSING.match(text) and _stops_mid_sentence(text):
                return block
        elif block.kind == HEADING:
            words = text[block.numbering.end - block.numbering.start:] if block.numbering else text
            if not words or words[-1] not in _SENTENCE_ENDS:
                return block
        return None
    return None


def _signature(doc: Document) -> Signature | None:
    lines = [b for b in doc.blocks if b.kind == SIGNATURE and not b.part]
    if not lines:
        return None
    organs: list[Found] = []
    date = None
    unfilled = False
    for block in lines:
        parsed = parse_date_text(block.text)
        if parsed:
            date = DatedText(parsed, block.span_of(parsed.start, parsed.end))
            continue
        if is_unfilled_date(block.text):
            unfilled = True
            continue
        split = split_organ_date(block.text)
        if split:
            organ_end, offset = split
            organs.extend(_split_organs(block, 0, organ_end))
            parsed = parse_date_text(block.text[offset:])
            date = DatedText(parsed, block.span_of(offset + parsed.start, offset + parsed.end))
        else:
            organs.extend(_split_organs(block, 0, len(block.text)))
    span = Span(lines[0].span.start, lines[-1].span.end)
    return Signature(tuple(organs), date, span, unfilled)


def _split_organs(block: Block, start: int, end: int) -> list[Found]:
    text = block.text[start:end].strip(BLANKS)
    if LETTER_SPACED.fullmatch(text):
        lead = block.text.index(text[0], start)
        return [Found(squeeze(text), block.span_of(lead, lead + len(text)))]
    found = []
    for m in re.finditer(rf"[^{BLANKS}、]+", block.text[start:end]):
        found.append(Found(m[0], block.span_of(start + m.start(), start + m.end())))
    return found


@functools.cache
def _publication_patterns() -> tuple[re.Pattern, re.Pattern]:
    data = resources.data("web-chrome")
    return re.compile(data["publication_labels"] + r"\s*[:：]"), re.compile(data["publication_bare"])


def _publication(doc: Document) -> DatedText | None:
    labelled, bare = _publication_patterns()
    for block in doc.blocks:
        if block.kind != CHROME:
            continue
        for piece in block.pieces:
            text = doc.text[piece.start:piece.end]
            label = labelled.search(text)
            if label:
                found = find_iso_like(text[label.end():])
                if found:
                    start = piece.start + label.end() + found.start
                    return DatedText(found, Span(start, start + len(found.text)))
            elif bare.search(text.lstrip("-* ")):
                found = find_iso_like(text)
                if found:
                    start = piece.start + found.start
                    return DatedText(found, Span(start, start + len(found.text)))
    return None


def _own_doc_number(doc: Document) -> Found | None:
    """The document's own 发文字号: an element line before the body that is only a number."""
    for block in doc.blocks:
        if block.kind == PARAGRAPH:
            return None
        if block.kind == ELEMENT and is_doc_number_line(block.text):
            return Found(block.text, block.span)
    return None


def _organs(meta: Metadata) -> tuple[str, ...]:
    if meta.signature and meta.signature.organs:
        return tuple(o.text for o in meta.signature.organs)
    if meta.title:
        head = meta.title.split("关于", 1)[0] if "关于" in meta.title else re.split(r"(?:19|20)\d{2}", meta.title)[0]
        if head and patterns().organ.fullmatch(head):
            return (head,)
        if head and is_organ_line(head):
            return tuple(p for p in re.split(rf"[{BLANKS}、]+", head) if p)
    return ()


@functools.cache
def _kind_patterns() -> list[tuple[str, re.Pattern]]:
    kinds = resources.data("organs")["kinds"]
    return [(kind, re.compile("|".join(f"(?:{p})" for p in pats))) for kind, pats in kinds.items()]


def organ_kind(organs: tuple[str, ...]) -> str | None:
    """``government`` if any organ is a government or party committee, else ``department``…"""
    for kind, pattern in _kind_patterns():
        if any(pattern.search(o) for o in organs):
            return kind
    return None
