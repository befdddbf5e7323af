"""PDF files with a text layer, read with PDFium (pypdfium2): the text as printed, one line
per paragraph, and for every piece of it the page and the line on that page.

- Only the glyphs on the page count: the spaces and line breaks PDFium makes up from gaps
  (``FPDFText_IsGenerated``) are dropped — Word and LibreOffice leave a gap between Chinese
  and Latin or digits that is no space of the text — and a gap wider than a character
  becomes full-width spaces, as the author typed them.
- Characters are put in lines by their baseline and in a line by their position, since
  PDF producers may draw a line's quotes or digits after the rest.
- Page furniture is dropped: GB/T 9704 page numbers (``— 1 —``, ``第1页 共5页``, ``1/5``)
  at the top or bottom of a page, and running headers and footers (the same text at the
  top or bottom of several pages).
- Lines broken by the page width are joined: a line that reaches the right margin goes on
  in the next line when that one is not indented (or, for a title, is centered) and does not
  start a numbered heading — across a page break too.
- A PDF without text (a scan) is one line saying so.
"""
from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, field

from lawlint.document.document import Document
from lawlint.document.formats import require
from lawlint.document.loaders import InputError
from lawlint.document.numbering import parse_numbering
from lawlint.document.places import Places

_BLANKS = " \t\u3000\u00a0"
# — 1 —  -1-  第 1 页  第1页 共5页  1/5  1, matched once the line's blanks are taken out; every
# quantifier is bounded, so a long line costs no more than a short one at each position.
_PAGE_NUMBER = re.compile(r"[-—–－―~·•_]{0,6}(?:第?\d{1,4}页?(?:[,，/／]?共\d{1,4}页)?|\d{1,4}[/／]\d{1,4})"
                          r"[-—–－―~·•_]{0,6}")
_MIN_TEXT = 20  # characters in the whole file below which it is taken for a scan
_NO_TEXT = {"pdf": "这个 PDF 没有文字层", "ofd": "这个 OFD 文件没有文字"}


@dataclass
class PdfLine:
    page: int
    chars: list = field(default_factory=list)   # (x0, x1, char)
    baseline: float = 0.0
    size: float = 0.0
    text: str = ""
    left: float = 0.0
    right: float = 0.0
    number: int = 0                            # line on its page, counting kept lines


def _page_chars(textpage, raw) -> list[tuple[float, float, float, float, str]]:
    """(baseline, x0, x1, size, char) of each glyph of a page, generated characters left out."""
    count = textpage.count_chars()
    handle = textpage.raw
    out = []
    x, y = ctypes.c_double(), ctypes.c_double()
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    pending = None
    for i in range(count):
        code = raw.FPDFText_GetUnicode(handle, i)
        if raw.FPDFText_IsGenerated(handle, i) == 1:
            continue
        if 0xD800 <= code < 0xDC00:  # the first half of a character outside the BMP
            pending = code
            continue
        if 0xDC00 <= code < 0xE000 and pending is not None:
            code = 0x10000 + ((pending - 0xD800) << 10) + (code - 0xDC00)
        pending = None
        if code < 0x20 or code in (0xFFFE, 0xFFFF):
            continue
        raw.FPDFText_GetCharOrigin(handle, i, ctypes.byref(x), ctypes.byref(y))
        raw.FPDFText_GetCharBox(handle, i, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom),
                                ctypes.byref(top))
        size = raw.FPDFText_GetFontSize(handle, i) or (top.value - bottom.value) or 10.0
        x0 = min(left.value, x.value) if left.value or right.value else x.value
        x1 = max(right.value, x0)
        out.append((y.value, x0, x1, size, chr(code)))
    return out


def _lines(page: int, chars: list) -> list[PdfLine]:
    """Glyphs grouped in lines by baseline (top to bottom), each line read left to right."""
    lines: list[PdfLine] = []
    for baseline, x0, x1, size, ch in sorted(chars, key=lambda c: -c[0]):
        line = lines[-1] if lines else None
        if line is None or abs(line.baseline - baseline) > 0.4 * max(line.size, size):
            line = PdfLine(page, baseline=baseline, size=size)
            lines.append(line)
        line.chars.append((x0, x1, ch))
        line.size = max(line.size, size)
    for line in lines:
        line.chars.sort(key=lambda c: c[0])
        parts, previous = [], None
        for x0, x1, ch in line.chars:
            if previous is not None and ch not in _BLANKS:
                gap = x0 - previous
                if gap > 1.2 * line.size:  # a gap with nothing drawn: blanks the author typed or laid out
                    parts.append("\u3000" * max(1, round(gap / line.size)))
            parts.append(ch)
            previous = x1
        line.text = "".join(parts).rstrip(_BLANKS)
        line.left = line.chars[0][0]
        line.right = line.chars[-1][1]
    return [line for line in lines if line.text.strip(_BLANKS)]


def _furniture(pages: list[list[PdfLine]]) -> set[int]:
    """ids of the lines that are page numbers or running headers and footers: a running header
    is at the top (a footer at the bottom) of at least two pages and of half of them at least,
    the same but for its numbers (第3期) — unless it reads as text (a sentence's end, a numbered
    item: a list going on at the top of each page).  Lines of one page, or the end of one page
    and the top of the next, are never that."""
    dropped: set[int] = set()
    tops: Counter = Counter()
    bottoms: Counter = Counter()
    for lines in pages:
        tops.update({_shape(x.text) for x in lines[:2]})
        bottoms.update({_shape(x.text) for x in lines[-2:]})
    enough = max(2, (len(pages) + 1) // 2)
    for lines in pages:
        if not lines:
            continue
        for line in (lines[0], lines[-1]):
            if len(line.text) <= 40 and _PAGE_NUMBER.fullmatch("".join(line.text.split())):
                dropped.add(id(line))
        if len(pages) > 1:
            for edge, counts in ((lines[:2], tops), (lines[-2:], bottoms)):
                for line in edge:
                    if counts[_shape(line.text)] >= enough and len(line.text) <= 60:
                        dropped.add(id(line))
    return dropped


def _shape(text: str) -> str:
    text = text.replace(" ", "").replace("\u3000", "")
    if text.endswith(("。", "；", "：", "，")) or parse_numbering(text) is not None:
        return text  # body text: only the same words again make it a running header
    return re.sub(r"\d+", "#", text)


def _margins(lines: list[PdfLine]) -> tuple[float, float]:
    """The left edge of body text (the commonest line start) and its right edge."""
    lefts = Counter(round(line.left) for line in lines)
    left = min(lefts.most_common(3), key=lambda kv: kv[0])[0] if lefts else 0
    # the right margin: the edge most full lines reach (a justified paragraph's lines)
    rights = sorted(line.right for line in lines)
    right = rights[int(0.9 * (len(rights) - 1))] if rights else 0
    return left, right


def _justified(lines: list[PdfLine], right: float) -> bool:
    """Whether the body text is justified (两端对齐, as 公文 are): most long lines end at the margin."""
    long = [line for line in lines if len(line.text) >= 15]
    return bool(long) and sum(abs(line.right - right) < 0.5 * line.size for line in long) >= 0.5 * len(long)


def _joins(previous: PdfLine, line: PdfLine, left: float, right: float, justified: bool = True) -> bool:
    """Whether ``line`` goes on with the paragraph that ``previous`` ends (a wrap).  A justified
    line that wraps ends at the margin; a ragged one (left-aligned text) may end two characters
    short of it, when the next word or an opening bracket did not fit."""
    size = previous.size
    slack = (0.8 if justified else 2.5) * size
    if abs(previous.size - line.size) > 0.6 or previous.right < right - slack:
        return False  # not the same type, or the line did not reach the margin
    if line.text[:1] in _BLANKS or parse_numbering(line.text):
        return False  # an indented first line, a numbered heading
    if line.page == previous.page and previous.baseline - line.baseline > 2.6 * size:
        return False  # a gap between them
    if line.left <= left + 0.5 * size:
        return True
    # a title wrapped and centered: the rest sits in the middle, well away from both margins
    before, after = line.left - left, right - line.right
    centered = before > 3 * size and after > 3 * size and abs(before - after) < 2 * size
    return centered and size > 0


def load(path: str, data: bytes, options: dict) -> Document:
    pdfium = require("pdf")
    raw = pdfium.raw
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(f"无法作为 PDF 读取（{exc}）：文件可能已损坏或设有密码") from None
    pages: list[list[PdfLine]] = []
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            try:
                pages.append(_lines(index + 1, _page_chars(textpage, raw)))
            finally:
                textpage.close()
                page.close()
    finally:
        document.close()
    return lay_out(path, pages, "pdf")


def lay_out(path: str, pages: list[list[PdfLine]], fmt: str) -> Document:
    """The document of a fixed-layout file's lines, page by page (PDF, OFD): page numbers and
    running headers dropped, the lines the page width broke joined, each place 第3页第12行.
    A file with (almost) no text is a scan: one clear line, not a wall of findings."""
    if sum(len(line.text) for lines in pages for line in lines) < _MIN_TEXT:
        raise InputError(f"{_NO_TEXT[fmt]}（{len(pages)} 页，像是扫描件或图片）：请用 OCR 识别成文字，"
                         "或检查原始的 Word 文件")
    dropped = _furniture(pages)
    kept = [[line for line in lines if id(line) not in dropped] for lines in pages]
    body = [line for lines in kept for line in lines]
    left, right = _margins(body)
    justified = _justified(body, right)
    for lines in kept:
        for number, line in enumerate(lines, 1):
            line.number = number
    chunks: list[str] = []
    places = Places()
    offset, previous = 0, None
    for line in body:
        if previous is not None:
            if _joins(previous, line, left, right, justified):
                if previous.text[-1:].isascii() and previous.text[-1:].isalpha() and line.text[:1].isascii() \
                        and line.text[:1].isalpha():
                    chunks.append(" ")
                    offset += 1
            else:
                chunks.append("\n")
                offset += 1
        places.add(offset, {"label": f"第{line.page}页第{line.number}行", "page": line.page,
                            "page_line": line.number})
        chunks.append(line.text)
        offset += len(line.text)
        previous = line
    doc = Document("".join(chunks), path, "utf-8", fmt)
    doc.places = places
    return doc
