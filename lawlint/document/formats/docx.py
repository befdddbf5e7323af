"""Word (.docx) documents: the text a reader sees, paragraph by paragraph, with Word's own
numbering written out, and where each piece of it is in the file.

- Body paragraphs in order, each a line (a soft line break inside one starts another line of
  the same paragraph); tables cell by cell, each cell paragraph a line of its own, marked so
  that the layout does not take a cell for a heading or a paragraph; headers, footers and
  footnotes are kept apart (``Document.apart``), not mixed into the body.
- Word's automatic numbering (``w:numPr`` and the ``w:abstractNum`` it points to) is rendered
  as the text Word shows — 一、 （一） 1. （1） — so that the heading rules see it.  That text
  is not in any run: a finding on it is anchored on its paragraph, and no fix edits it.
- Tracked changes are read as if accepted (insertions in, deletions out); field codes are
  left out, field results kept.
- Paragraph roles the text alone may not settle come from Word's formatting: the title (style
  Title, or the centered lines above the body), the 落款 (right-aligned lines at the end).
- Places: ``第12段`` (counting non-empty body paragraphs), ``表1第2行第3列``, and the page
  when Word stored its layout in the file (``w:lastRenderedPageBreak``).

``extract`` returns the text together with the runs behind every character, which
``lawlint annotate`` uses to put comments and tracked changes where the findings are.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from lawlint.document.document import Document
from lawlint.document.formats import require
from lawlint.document.loaders import InputError
from lawlint.document.model import Comment
from lawlint.document.places import Places
from lawlint.lang.text import int_to_cn
from lawlint.rule import Span

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


P, R, T, TAB, BR, CR, TBL, TR, TC, SDT, SDT_CONTENT = map(
    _w, ("p", "r", "t", "tab", "br", "cr", "tbl", "tr", "tc", "sdt", "sdtContent"))
PPR, RPR, NUMPR, ILVL, NUMID, PSTYLE, JC, IND, SZ = map(
    _w, ("pPr", "rPr", "numPr", "ilvl", "numId", "pStyle", "jc", "ind", "sz"))
LAST_PAGE, NOBREAK_HYPHEN, VAL = _w("lastRenderedPageBreak"), _w("noBreakHyphen"), _w("val")
COMMENT_START, COMMENT_END, ID = _w("commentRangeStart"), _w("commentRangeEnd"), _w("id")
# Containers whose runs are part of the paragraph's text.
_CONTAINERS = frozenset(map(_w, ("hyperlink", "ins", "smartTag", "fldSimple", "sdt", "sdtContent",
                                 "customXml", "moveTo", "dir", "bdo")))


@dataclass
class Piece:
    """Characters ``start``..``end`` of the text come from ``node`` (a w:t, w:tab, w:br …) of ``run``."""

    start: int
    end: int
    run: object
    node: object


@dataclass
class Paragraph:
    """One w:p as extracted."""

    element: object
    start: int            # offset of its first character (its numbering, if any)
    text_start: int       # offset of its first character from a run (after the numbering)
    end: int
    pieces: list[Piece] = field(default_factory=list)
    place: dict = field(default_factory=dict)
    align: str = ""
    indent: int = 0       # left indentation in twentieths of a point
    size: int = 0         # largest font size, half-points
    style: str = ""
    cell: bool = False
    first_line: int = 1


@dataclass
class Extracted:
    text: str
    paragraphs: list[Paragraph]
    places: Places
    roles: dict[int, str]
    apart: dict[str, list[str]]
    pages: bool
    comments: list = field(default_factory=list)  # Comment: the 批注 anchored on the text


# -- numbering ------------------------------------------------------------------------------
_TENS = "甲乙丙丁戊己庚辛壬癸"
_ZODIAC = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = str.maketrans("一二三四五六七八九十百", "壹贰叁肆伍陆柒捌玖拾佰")


def format_number(value: int, fmt: str) -> str:
    """``value`` written in Word's number format ``fmt`` (w:numFmt)."""
    if fmt in ("decimal", "") or value <= 0:
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt.startswith("decimalFullWidth"):
        return str(value).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt.startswith("decimalEnclosedCircle"):
        return chr(0x2460 + value - 1) if value <= 20 else str(value)
    if fmt == "decimalEnclosedParen":
        return chr(0x2474 + value - 1) if value <= 20 else f"({value})"
    if fmt == "decimalEnclosedFullstop":
        return chr(0x2488 + value - 1) if value <= 20 else f"{value}."
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "koreanCounting"):
        return int_to_cn(value)
    if fmt in ("chineseLegalSimplified", "japaneseLegal"):
        return int_to_cn(value).translate(_LEGAL)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(value))
    if fmt in ("ideographTraditional", "ideographLegalTraditional"):
        return _TENS[(value - 1) % 10]
    if fmt == "ideographZodiac":
        return _ZODIAC[(value - 1) % 12]
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    out = []
    for number, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out.append(letters)
            value -= number
    return "".join(out)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    legal: bool = False
    style: str = ""


class Numbering:
    """Word's list numbering: the levels of each abstract list, the lists (w:num) that use them
    and their counters, advanced paragraph by paragraph as Word does."""

    def __init__(self, numbering, styles: dict[str, _Style]) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int], bool]] = {}
        self.counters: dict[object, dict[int, int]] = {}
        if numbering is None:
            return
        for a in numbering.iter(_w("abstractNum")):
            levels = {}
            for lvl in a.iter(_w("lvl")):
                level = _Level()
                start, fmt, text = lvl.find(_w("start")), lvl.find(_w("numFmt")), lvl.find(_w("lvlText"))
                if start is not None:
                    level.start = _int(start.get(VAL), 1)
                if fmt is not None:
                    level.fmt = fmt.get(VAL) or "decimal"
                if text is not None:
                    level.text = text.get(VAL) or ""
                level.legal = lvl.find(_w("isLgl")) is not None
                pstyle = lvl.find(PSTYLE)
                level.style = pstyle.get(VAL, "") if pstyle is not None else ""
                levels[_int(lvl.get(_w("ilvl")), 0)] = level
            self.abstract[a.get(_w("abstractNumId"))] = levels
        for num in numbering.iter(_w("num")):
            ref = num.find(_w("abstractNumId"))
            overrides = {}
            for over in num.iter(_w("lvlOverride")):
                start = over.find(_w("startOverride"))
                if start is not None:
                    overrides[_int(over.get(_w("ilvl")), 0)] = _int(start.get(VAL), 1)
            self.nums[num.get(_w("numId"))] = (ref.get(VAL) if ref is not None else "", overrides, bool(overrides))

    def label(self, num_id: str, ilvl: int | None, style: str = "") -> str:
        """The numbering text of the next item of list ``num_id`` at level ``ilvl``."""
        if num_id not in self.nums:
            return ""
        abstract_id, overrides, own = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        if ilvl is None:  # numbering from a paragraph style: the level that names the style
            ilvl = next((i for i, lv in levels.items() if style and lv.style == style), 0)
        level = levels.get(ilvl)
        if level is None:
            return ""
        # lists that share an abstract list without their own start values share its counters (as Word does)
        counters = self.counters.setdefault(num_id if own else ("abstract", abstract_id), {})
        start = overrides.get(ilvl, level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none"):
            return ""
        out, i, text = [], 0, level.text
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                k = int(text[i + 1]) - 1
                other = levels.get(k, _Level())
                value = counters.get(k, overrides.get(k, other.start))
                out.append(format_number(value, "decimal" if level.legal and k != ilvl else other.fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        return "".join(out)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# -- styles ---------------------------------------------------------------------------------
@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    align: str = ""
    size: int = 0
    num_id: str = ""
    ilvl: int | None = None
    indent: int | None = None


def _styles(styles_element) -> dict[str, _Style]:
    found: dict[str, _Style] = {}
    if styles_element is None:
        return found
    for s in styles_element.iter(_w("style")):
        style = _Style()
        name = s.find(_w("name"))
        style.name = (name.get(VAL) if name is not None else "") or ""
        based = s.find(_w("basedOn"))
        style.based_on = based.get(VAL, "") if based is not None else ""
        ppr = s.find(PPR)
        if ppr is not None:
            style.align = _align(ppr)
            style.indent = _indent(ppr)
            numpr = ppr.find(NUMPR)
            if numpr is not None:
                num = numpr.find(NUMID)
                lvl = numpr.find(ILVL)
                style.num_id = num.get(VAL, "") if num is not None else ""
                style.ilvl = _int(lvl.get(VAL), 0) if lvl is not None else None
        rpr = s.find(RPR)
        if rpr is not None:
            sz = rpr.find(SZ)
            style.size = _int(sz.get(VAL), 0) if sz is not None else 0
        found[s.get(_w("styleId"), "")] = style
    return found


def _inherited(styles: dict[str, _Style], style_id: str, attribute: str):
    """A style's property, or the nearest one its ``basedOn`` chain sets."""
    seen = set()
    while style_id and style_id not in seen:
        seen.add(style_id)
        style = styles.get(style_id)
        if style is None:
            return None
        value = getattr(style, attribute)
        if value not in ("", None, 0):
            return value
        style_id = style.based_on
    return None


def _align(ppr) -> str:
    jc = ppr.find(JC)
    value = jc.get(VAL, "") if jc is not None else ""
    return {"start": "left", "end": "right"}.get(value, value)


def _indent(ppr) -> int | None:
    ind = ppr.find(IND)
    if ind is None:
        return None
    left = ind.get(_w("left")) or ind.get(_w("start"))
    chars = ind.get(_w("leftChars")) or ind.get(_w("startChars"))
    if chars is not None:  # hundredths of a character; about 16 pt (320 twips) a character in 公文
        return _int(chars, 0) * 320 // 100
    return _int(left, 0) if left is not None else None


# -- extraction -----------------------------------------------------------------------------
class _Builder:
    def __init__(self, numbering: Numbering, styles: dict[str, _Style], pages: bool) -> None:
        self.numbering = numbering
        self.styles = styles
        self.pages = pages
        self.page = 1
        self.chunks: list[str] = []
        self.offset = 0
        self.line = 1
        self.paragraphs: list[Paragraph] = []
        self.counted = 0      # non-empty body paragraphs
        self.tables = 0
        self.ranges: dict[str, list[int]] = {}  # comment id → [start, end] offsets of its range
        self._marks: list[tuple[object, str, int]] = []  # (start or end, id, characters before) in a paragraph
        self._chars = 0

    def emit(self, text: str) -> None:
        self.chunks.append(text)
        self.offset += len(text)
        self.line += text.count("\n")

    def body(self, container) -> None:
        for child in container:
            if child.tag in (COMMENT_START, COMMENT_END):  # a range starting or ending between paragraphs
                self._mark(child.tag, child.get(ID), self.offset + (child.tag == COMMENT_START and self.offset > 0))
            elif child.tag == P:
                self.paragraph(child)
            elif child.tag == TBL:
                self.tables += 1
                self.table(child, self.tables)
            elif child.tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.body(content)

    def table(self, tbl, number: int) -> None:
        for r, tr in enumerate(tbl.iter(TR), 1):
            if tr.getparent() is not tbl and tr.getparent().getparent() is not tbl:  # rows of nested tables: below
                continue
            c = 0
            for tc in tr.iter(TC):
                if tc.getparent() is not tr:
                    continue
                c += 1
                tcpr = tc.find(_w("tcPr"))
                merge = tcpr.find(_w("vMerge")) if tcpr is not None else None
                if merge is not None and merge.get(VAL) != "restart":
                    continue  # the continuation of a vertically merged cell holds nothing
                for child in tc:
                    if child.tag == P:
                        self.paragraph(child, cell=(number, r, c))
                    elif child.tag == TBL:
                        self.table(child, number)

    def paragraph(self, p, cell: tuple[int, int, int] | None = None) -> None:
        if self.offset:
            self.emit("\n")
        ppr = p.find(PPR)
        style_id, num_id, ilvl, align, indent = "", "", None, "", None
        if ppr is not None:
            pstyle = ppr.find(PSTYLE)
            style_id = pstyle.get(VAL, "") if pstyle is not None else ""
            numpr = ppr.find(NUMPR)
            if numpr is not None:
                num = numpr.find(NUMID)
                lvl = numpr.find(ILVL)
                num_id = num.get(VAL, "") if num is not None else ""
                ilvl = _int(lvl.get(VAL), 0) if lvl is not None else 0
            align = _align(ppr)
            indent = _indent(ppr)
        if not num_id and style_id:
            num_id = _inherited(self.styles, style_id, "num_id") or ""
            ilvl = _inherited(self.styles, style_id, "ilvl")
        para = Paragraph(p, self.offset, self.offset, self.offset, cell=cell is not None, style=style_id,
                         first_line=self.line)
        para.align = align or _inherited(self.styles, style_id, "align") or ""
        para.indent = indent if indent is not None else (_inherited(self.styles, style_id, "indent") or 0)
        style_size = _inherited(self.styles, style_id, "size") or _inherited(self.styles, "", "size") or 0
        # Runs first (pages and text), numbering after: an empty paragraph takes no number.
        pieces: list[tuple[str, object, object]] = []
        self._marks, self._chars = [], 0
        self._runs(p, pieces)
        text = "".join(t for t, _, _ in pieces)
        label = ""
        if num_id and num_id != "0" and text.strip():
            label = self.numbering.label(num_id, ilvl, style_id)
        if label:
            self.emit(label)
        para.text_start = self.offset
        for chunk, run, node in pieces:
            if chunk:
                para.pieces.append(Piece(self.offset, self.offset + len(chunk), run, node))
                self.emit(chunk)
            sz = run.find(RPR).find(SZ) if run.find(RPR) is not None else None
            size = _int(sz.get(VAL), 0) if sz is not None else style_size
            para.size = max(para.size, size)
        para.end = self.offset
        for tag, comment, before in self._marks:
            self._mark(tag, comment, para.text_start + before)
        if cell is not None:
            para.place = {"label": f"表{cell[0]}第{cell[1]}行第{cell[2]}列", "table": cell[0], "row": cell[1],
                          "cell": cell[2]}
        elif (label + text).strip():
            self.counted += 1
            para.place = {"label": f"第{self.counted}段", "paragraph": self.counted}
        else:
            para.place = {"label": f"第{self.counted}段之后的空段", "paragraph": self.counted}
        if self.pages:
            para.place["page"] = para.page = self._page_of_start
            para.place["label"] = f"第{self._page_of_start}页{para.place['label']}"
        self.paragraphs.append(para)

    def _runs(self, container, out: list, top: bool = True) -> None:
        if top:
            self._page_of_start = None
        for child in container:
            tag = child.tag
            if tag == R:
                self._run(child, out)
            elif tag in _CONTAINERS:
                self._runs(child, out, top=False)
            elif tag in (COMMENT_START, COMMENT_END):
                self._marks.append((tag, child.get(ID), self._chars))
        if top and self._page_of_start is None:
            self._page_of_start = self.page

    def _run(self, run, out: list) -> None:
        for node in run:
            tag = node.tag
            if tag == T:
                text = node.text or ""
            elif tag == TAB:
                text = "\t"
            elif tag in (BR, CR):
                kind = node.get(_w("type"))
                text = "" if kind in ("page", "column") else "\n"
            elif tag == NOBREAK_HYPHEN:
                text = "-"
            elif tag == LAST_PAGE:
                self.page += 1
                continue
            else:  # rPr, field codes, deleted text, drawings and text boxes, footnote marks …
                continue
            if text and self._page_of_start is None:
                self._page_of_start = self.page
            out.append((text, run, node))
            self._chars += len(text)

    def _mark(self, tag, comment: str | None, offset: int) -> None:
        if comment is None:
            return
        span = self.ranges.setdefault(comment, [offset, offset])
        if tag == COMMENT_START:
            span[0] = offset
        else:
            span[1] = offset


def extract(data: bytes) -> Extracted:
    """The text of a .docx file and where each piece of it comes from."""
    docx = require("docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # a damaged or foreign zip: python-docx raises many kinds
        raise InputError(f"无法作为 Word（.docx）文件读取（{type(exc).__name__}: {exc}）；"
                         "请用 Word 或 WPS 打开后重新保存") from None
    return extract_document(document)


def extract_document(document) -> Extracted:
    part = document.part
    body = document.element.body
    try:
        numbering_element = part.numbering_part.element
    except (KeyError, NotImplementedError):
        numbering_element = None
    try:
        styles_element = part.styles.element
    except (KeyError, NotImplementedError):
        styles_element = None
    styles = _styles(styles_element)
    pages = next(body.iter(LAST_PAGE), None) is not None
    builder = _Builder(Numbering(numbering_element, styles), styles, pages)
    builder.body(body)
    text = "".join(builder.chunks)
    places = Places()
    for para in builder.paragraphs:
        places.add(para.start, para.place)
    roles = _roles(builder.paragraphs, text)
    return Extracted(text, builder.paragraphs, places, roles, _apart(document), pages,
                     _comments(document, builder.ranges))


def _comments(document, ranges: dict[str, list[int]]) -> list[Comment]:
    """The 批注 anchored on the text, in the order of the text (a comment whose range is gone,
    or a file python-docx cannot read the comments of, gives none)."""
    if not ranges:
        return []
    try:
        found = {str(c.comment_id): c for c in document.comments}
    except Exception:
        return []
    out = []
    for comment, (start, end) in ranges.items():
        c = found.get(comment)
        if c is not None and start <= end:
            out.append(Comment(Span(start, end), c.author or "", c.text or ""))
    return sorted(out, key=lambda c: (c.span.start, c.span.end))


# -- roles ----------------------------------------------------------------------------------
_TITLE_STYLES = {"title", "标题"}
_TITLE_MAX_LINES = 3
_SIGNATURE_MAX = 5
_SIGNATURE_INDENT = 3200  # twips: ten characters of 16 pt, far right of where body text starts


def _lines_of(para: Paragraph, text: str) -> list[int]:
    return list(range(para.first_line, para.first_line + text.count("\n", para.start, para.end) + 1))


def _roles(paragraphs: list[Paragraph], text: str) -> dict[int, str]:
    """Line → role, where Word's formatting says what a line is: ``title``, ``signature``, ``cell``."""
    from lawlint.document.layout import is_doc_number_line, is_organ_line
    from lawlint.lang.dates import parse_date_text

    roles: dict[int, str] = {}
    for para in paragraphs:
        if para.cell:
            for line in _lines_of(para, text):
                roles[line] = "cell"
    body = [p for p in paragraphs if not p.cell and text[p.start:p.end].strip()]
    if not body:
        return roles

    def words(p: Paragraph) -> str:
        return text[p.start:p.end].strip()

    styled = [p for p in body[:10] if _style_name(p).lower() in _TITLE_STYLES]
    if styled:
        title = styled
    else:  # the centered lines above the first line that is not centered, less 发文机关标志 and 发文字号
        title = []
        for p in body:
            if p.align not in ("center", "distribute"):
                break
            line = words(p)
            if title and (line.startswith(("（", "(", "——", "--")) or parse_date_text(line)):
                break  # a date, a note or a subtitle under the title
            if is_doc_number_line(line) or (line.endswith("文件") and is_organ_line(line[:-2])):
                title = []
                continue
            if title and body.index(p) != body.index(title[-1]) + 1:
                title = []
            title.append(p)
        if len(title) == len(body) or sum(len(_lines_of(p, text)) for p in title) > _TITLE_MAX_LINES:
            title = []
    for p in title:
        for line in _lines_of(p, text):
            roles[line] = "title"
    count = 0
    for p in reversed(body):
        line = words(p)
        if line.startswith(("（", "(", "抄送", "印发", "附件")) and count == 0:
            continue  # 附注 and 版记 below the 落款
        if p.align == "right" or p.indent >= _SIGNATURE_INDENT:
            for number in _lines_of(p, text):
                roles[number] = "signature"
            count += 1
            if count < _SIGNATURE_MAX:
                continue
        break
    return roles


def _style_name(para: Paragraph) -> str:
    return para.style  # the style id; python-docx files and Word both use "Title" for it


def _apart(document) -> dict[str, list[str]]:
    """Headers, footers and footnotes: text of the file that is not part of the body."""
    apart: dict[str, list[str]] = {"页眉": [], "页脚": [], "脚注": []}
    for section in document.sections:
        for name, parts in (("页眉", (section.header, section.first_page_header, section.even_page_header)),
                            ("页脚", (section.footer, section.first_page_footer, section.even_page_footer))):
            for hf in parts:
                if hf.is_linked_to_previous:
                    continue
                for p in hf.paragraphs:
                    if p.text.strip() and p.text.strip() not in apart[name]:
                        apart[name].append(p.text.strip())
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/footnotes") and not rel.is_external:
            from lxml import etree

            root = etree.fromstring(rel.target_part.blob)
            for note in root.iter(_w("footnote")):
                if note.get(_w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                line = "".join(t.text or "" for t in note.iter(T)).strip()
                if line:
                    apart["脚注"].append(line)
    return {k: v for k, v in apart.items() if v}


def load(path: str, data: bytes, options: dict) -> Document:
    extracted = extract(data)
    return to_document(extracted, path)


def to_document(extracted: Extracted, path: str) -> Document:
    doc = Document(extracted.text, path, "utf-8", "docx")
    doc.places = extracted.places
    doc.roles = extracted.roles
    doc.apart = extracted.apart
    doc.comments = extracted.comments
    return doc
