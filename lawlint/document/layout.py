"""Classifying a document's lines into blocks.

Copies of published reports are messy: web-page chrome above the title and below
the 落款, the title repeated, 发文字号 lines, Markdown marks, paragraphs broken in
the middle of a sentence by PDF conversion.  The order of work:

1. from the end: trailing chrome, 版记 and 附注 lines;
2. a 落款 in the middle followed by an attachment (a 印发通知 and the 方案 it issues):
   the document ends there and the attachment is laid out as part 1 (2, 3 … when
   several attachments follow under their own 附件 labels);
3. otherwise the 落款 at the end (organ lines and 成文日期, a 附注 may sit between);
4. the title: the last title-like line before the body starts;
5. everything above the title is chrome, except 公文 elements (发文机关标志,
   发文字号 …); metadata lines right after it are chrome or elements too;
6. the body: numbered headings (一、 （一） 1. （1） ①), unnumbered short headings,
   and paragraphs, rejoining lines that were broken mid-sentence.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lawlint.document.model import (
    CHROME,
    ELEMENT,
    HEADING,
    PARAGRAPH,
    SIGNATURE,
    TABLE,
    TITLE,
    Block,
    Line,
)
from lawlint.document.numbering import parse_numbering
from lawlint.engine import resources
from lawlint.lang.dates import parse_date_text
from lawlint.lang.text import BLANKS, HAN, has_han, squeeze

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.document.document import Document

_CLAUSE_MARKS = re.compile(r"[，,；;：:]")
_TERMINAL_END = re.compile(r"[。！？!?；;：:…”’）)》」』】\"]$")
_SENTENCE_END = re.compile(r"[。！？!?；;](?:[”’）)》」』\"]*)")
_PROSE_MIN = 50          # a line this long with clause marks is running text, not a title
_TITLE_SEARCH_LINES = 150
_JOIN_GAP = 4            # rejoin broken lines across at most this many blank lines
_SHORT_HEADING = 30      # unnumbered stand-alone headings are at most this long
_FURNITURE = 200         # chrome, titles and 公文 element lines are never longer than this


@dataclass(frozen=True)
class _Patterns:
    chrome: re.Pattern
    organ: re.Pattern
    organ_line: re.Pattern
    title_end: re.Pattern
    doc_number_line: re.Pattern
    header_element: re.Pattern
    trailer_element: re.Pattern
    note: re.Pattern
    addressee: re.Pattern


@functools.cache
def patterns() -> _Patterns:
    chrome = resources.data("web-chrome")
    organs = resources.data("organs")
    kinds = resources.data("document-kinds")
    suffixes = "|".join(sorted(map(re.escape, organs["suffixes"]), key=len, reverse=True))
    organ = rf"[{HAN}（）()·]{{1,40}}?(?:{suffixes})"
    endings = [*kinds["statutory"], *kinds["wrong_endings"], *kinds["attached"]]
    title_end = "|".join(sorted(map(re.escape, endings), key=len, reverse=True))
    sep = f"[{BLANKS}、]+"
    return _Patterns(
        chrome=re.compile("|".join(f"(?:{p})" for p in chrome["line_patterns"])),
        organ=re.compile(organ),
        organ_line=re.compile(rf"(?:{organ})(?:{sep}(?:{organ}))*(?:文件)?"),
        title_end=re.compile(rf"(?:{title_end})$"),
        doc_number_line=re.compile(
            rf"[{HAN}]{{1,15}}[〔\[［(（【]?[{BLANKS}]*[0-9０-９]{{2,4}}[〕\]］)）】]?[{BLANKS}]*第?[0-9０-９]*号?"),
        header_element=re.compile(r"\d{6}|(?:绝密|机密|秘密)(?:★.*)?|特急|加急|平急|特提|签发人[:：].*"),
        trailer_element=re.compile(r"(?:抄送|主送|抄报)[:：].*|.*\d日印发|印发[:：].*"),
        # GB/T 9704—2012 7.3.7 附注: （此件公开发布） （联系人：张三，联系电话：…）
        note=re.compile(r"[（(][^（）()]{2,80}[）)]"),
        addressee=re.compile(
            rf"[{HAN}（）()、，,{BLANKS}]{{1,60}}(?:{suffixes}|部门|单位|机关|各界|处室|科室|组)[：:]"),
    )


def is_chrome(text: str) -> bool:
    return len(text) <= _FURNITURE and patterns().chrome.search(text) is not None


LETTER_SPACED = re.compile(rf"[{HAN}](?:[{BLANKS}]+[{HAN}]){{3,}}")


def is_organ_line(text: str) -> bool:
    text = text.strip(BLANKS)
    if len(text) > 80:
        return False
    if LETTER_SPACED.fullmatch(text):  # 诸 暨 市 科 学 技 术 局: spread out to fill the line
        text = squeeze(text)
    return patterns().organ_line.fullmatch(text) is not None


def is_note(text: str) -> bool:
    """A 附注 line such as （此件公开发布） or （联系人：…）."""
    return len(text) <= _FURNITURE and patterns().note.fullmatch(squeeze(text)) is not None


def _is_trailer(text: str) -> bool:
    """版记 and 附注 lines: 抄送、印发、（此件公开发布）."""
    return len(text) <= _FURNITURE and (patterns().trailer_element.fullmatch(squeeze(text)) is not None
                                        or is_note(text))


_ATTACHMENT_LABEL = re.compile(r"附件[0-9０-９一二三四五六七八九十]{0,3}[:：]?")


def _is_attachment_label(text: str) -> bool:
    """``附件`` / ``附件2`` alone on a line, above an attachment's title."""
    return _ATTACHMENT_LABEL.fullmatch(squeeze(text)) is not None


def is_doc_number_line(text: str) -> bool:
    return len(text) <= 40 and patterns().doc_number_line.fullmatch(squeeze(text)) is not None


def _is_header_element(text: str) -> bool:
    p = patterns()
    return len(text) <= _FURNITURE and (is_organ_line(text) or is_doc_number_line(text)
            or p.header_element.fullmatch(squeeze(text)) is not None)


_TITLE_NOTE = re.compile(r"[（(][^（）()]{1,12}[）)]$")


def title_core(title: str) -> str:
    """A title without a trailing note such as （全文） or （2024年修订）."""
    return _TITLE_NOTE.sub("", title)


def _is_title_candidate(text: str) -> bool:
    if len(text) > _FURNITURE:
        return False
    t = squeeze(text)
    if not 6 <= len(t) <= 100 or _CLAUSE_MARKS.search(t) or is_chrome(t):
        return False
    core = title_core(t.rstrip("。.．")).rstrip("。.．")
    if "。" in core or parse_numbering(core) or is_organ_line(core) or parse_date_text(core):
        return False
    return patterns().title_end.search(core) is not None


def _is_title_fallback(text: str) -> bool:
    """A short first line without clause marks: a title, even if its kind is wrong."""
    if len(text) > _FURNITURE:
        return False
    t = squeeze(text)
    return (4 <= len(t) <= 50 and has_han(t) and not _CLAUSE_MARKS.search(t)
            and not _TERMINAL_END.search(t) and not parse_numbering(t)
            and not is_organ_line(t) and not parse_date_text(t) and not is_chrome(t))


def _is_prose(text: str) -> bool:
    if len(text) > _FURNITURE:
        return True
    return len(text) >= _PROSE_MIN and _CLAUSE_MARKS.search(text) is not None


_BLANK_RUN = re.compile(f"[{BLANKS}][{BLANKS}]*")


_RUNNING_MARKS = re.compile(r"[，,；;。]")


def _is_running_text(text: str) -> bool:
    """A sentence of body text (shorter than ``_is_prose`` asks): 现将……印发给你们，请遵照执行。"""
    return len(text) >= 15 and _RUNNING_MARKS.search(text) is not None


def split_organ_date(text: str) -> tuple[int, int] | None:
    """``江门市科学技术局  2019年11月28日`` on one line: where the organ ends and the date
    starts.  Each run of blanks is tried as the cut (no regular expression over the whole
    line: that backtracks on long lines)."""
    if len(text) > _FURNITURE:
        return None
    lead = len(text) - len(text.lstrip(BLANKS))
    body = text.strip(BLANKS)
    for m in _BLANK_RUN.finditer(body):
        date = body[m.end():]
        if len(date) <= 64 and parse_date_text(date) and is_organ_line(body[:m.start()]):
            return lead + m.start(), lead + m.end()
    return None


# A 成文日期 left unfilled in a template (20XX年12月6日): a date line all the same.
_UNFILLED_DATE = re.compile(r"[0-9０-９XxＸ×*〇○零一二三四五六七八九]{2,4}年[0-9０-９XxＸ×*一二三四五六七八九十]{1,2}月"
                            r"[0-9０-９XxＸ×*一二三四五六七八九十]{1,3}日")


def is_unfilled_date(text: str) -> bool:
    text = squeeze(text)
    return (len(text) <= 16 and _UNFILLED_DATE.fullmatch(text) is not None
            and any(c in "XxＸ×*" for c in text))


def build_blocks(doc: Document) -> list[Block]:
    lines = doc.lines
    cells: list[Line] = []
    chrome: list[list[Line]] = []
    if doc.roles:  # laid out apart: a Word table's cells (neither headings nor paragraphs), a page's chrome
        cells = [line for line in lines if line.role == "cell"]
        for line in lines:
            if line.role == "chrome":
                if chrome and chrome[-1][-1].number == line.number - 1:
                    chrome[-1].append(line)
                else:
                    chrome.append([line])
        if cells or chrome:
            lines = [line for line in lines if line.role not in ("cell", "chrome")]
    n = len(lines)
    if not n:
        return [_block(TABLE, [line]) for line in cells] + [_block(CHROME, run) for run in chrome]
    kinds: list[str | None] = [None] * n

    # 1. From the end: chrome, 版记/附注.
    end = n
    while end > 0:
        text = lines[end - 1].text
        if is_chrome(text):
            kinds[end - 1] = CHROME
        elif _is_trailer(text):
            kinds[end - 1] = ELEMENT
        else:
            break
        end -= 1

    # 2./3. The 落款: in the middle when an attachment follows it, else at the end (page
    # residue the chrome patterns do not know may follow it: a licence, a link list).
    attachment = _find_attachment(lines, end, kinds)
    if attachment is not None:
        body_end = attachment[0]
    else:
        end = _residue_after_signature(lines, end, kinds)
        sig_start = _mark_signature(lines, end, kinds)
        body_end = sig_start if sig_start is not None else end

    # 4. The title: the lines the file's formatting marks as the title, else found by their text.
    titled = [k for k in range(body_end) if lines[k].role == "title"]
    title_index = titled[-1] if titled else _find_title(lines, body_end)
    blocks: list[Block] = []

    # 5. Above and around the title.
    i = 0
    if title_index is not None:
        first = titled[0] if titled else title_index
        if (not titled and title_index > 0 and lines[title_index - 1].number == lines[title_index].number - 1
                and _continues_title(lines[title_index - 1].text, lines[title_index].text)):
            first = title_index - 1
        for j in range(first):
            text = lines[j].text
            kinds[j] = CHROME if is_chrome(text) or not _is_header_element(text) else ELEMENT
        blocks.append(_block(TITLE, lines[first:title_index + 1]))
        for j in range(first, title_index + 1):
            kinds[j] = TITLE
        i = _skip_front_matter(lines, title_index + 1, body_end, kinds)
    else:
        i = _skip_front_matter(lines, 0, body_end, kinds)
        if i < body_end - 1 and _is_title_fallback(lines[i].text):
            kinds[i] = TITLE
            blocks.append(_block(TITLE, [lines[i]]))
            i = _skip_front_matter(lines, i + 1, body_end, kinds)

    # 6. The body, then the attachments.
    breaks = [line.number for line in cells]
    blocks.extend(_body_blocks(lines, i, body_end, kinds, breaks))
    parts = [0] * n
    if attachment is not None:
        blocks.extend(_attachment_blocks(lines, attachment[1], end, kinds, parts))

    # Chrome runs become one block each; elements and 落款 lines one block per line.
    run: list[Line] = []
    for index, (line, kind) in enumerate(zip(lines, kinds)):
        if kind == CHROME:
            run.append(line)
            continue
        if run:
            blocks.append(_block(CHROME, run))
            run = []
        if kind in (ELEMENT, SIGNATURE):
            blocks.append(_block(kind, [line], part=parts[index]))
    if run:
        blocks.append(_block(CHROME, run))
    blocks.extend(_block(TABLE, [line]) for line in cells)
    blocks.extend(_block(CHROME, run) for run in chrome)
    blocks.sort(key=lambda b: b.pieces[0].start)
    return blocks


def _block(kind: str, lines: list[Line], level: int = 0, numbering=None, part: int = 0) -> Block:
    pieces = tuple(line.content_span for line in lines)
    return Block(kind, pieces, "".join(line.text for line in lines), lines[0].number, level, numbering, part)


def _is_date_line(text: str) -> bool:
    return parse_date_text(text) is not None or split_organ_date(text) is not None or is_unfilled_date(text)


def _signature_start(lines: list[Line], date_index: int, kinds: list) -> int | None:
    """The first line of a 落款 whose 成文日期 is on line ``date_index``: up to three organ
    lines above it (a 附注 such as （此件公开发布） copied between them is passed over)."""
    if split_organ_date(lines[date_index].text):
        return date_index
    j = date_index - 1
    while j >= 0 and is_note(lines[j].text) and not kinds[j]:
        j -= 1
    start = None
    while j >= 0 and date_index - j < 6 and _is_organ(lines[j]) and not kinds[j]:
        start = j
        j -= 1
    return start


def _is_organ(line: Line) -> bool:
    """An organ line of a 落款: by its text, or placed as one (right-aligned in a Word file)."""
    return line.role == "signature" or is_organ_line(line.text)


def _mark_signature(lines: list[Line], end: int, kinds: list) -> int | None:
    """Mark the 落款 (up to three organ lines and the 成文日期) ending at ``end``."""
    if end <= 0:
        return None
    last = end - 1
    if _is_date_line(lines[last].text):
        start = _signature_start(lines, last, kinds)
        if start is None:
            start = last  # a date alone: the organ lines are missing
    else:
        start = None
        j = last
        while j >= 0 and last - j < 4 and _is_organ(lines[j]) and not kinds[j]:
            start = j
            j -= 1
    if start is None:
        return None
    for k in range(start, end):
        kinds[k] = ELEMENT if is_note(lines[k].text) else SIGNATURE
    return start


_ATTACHMENT_LOOKAHEAD = 40  # an attachment's text starts within this many lines of its title
# 1.1 编制目的: the decimal section numbers of 预案 and 标准 (their table of contents too)


@functools.cache
def _decimal_heading() -> re.Pattern:
    """Compiled when first needed (an attachment after a 落款)."""
    return re.compile(rf"\d{{1,2}}(?:[.．]\d{{1,2}})+[{BLANKS}]*[{HAN}]")




_RESIDUE_LINES = 3  # at most this many unknown lines of page residue after a 落款


def _residue_after_signature(lines: list[Line], end: int, kinds: list) -> int:
    """Nothing of a 公文 follows its 落款 but 附注, 版记 and attachments (marked before):
    up to three other lines after body text, an organ line and a 成文日期 are the page's,
    not the document's.  Returns the new end of the document."""
    for d in range(end - 2, max(end - 2 - _RESIDUE_LINES, -1), -1):
        if _is_date_line(lines[d].text):
            start = _signature_start(lines, d, kinds)
            if start is None or (start == d and not split_organ_date(lines[d].text)):
                continue
            if not any(_is_running_text(lines[k].text) for k in range(start)) or any(
                    parse_numbering(lines[k].text) for k in range(d + 1, end)):
                return end  # no text above it (a byline), or text of the document below it
            for k in range(d + 1, end):
                kinds[k] = CHROME
            return d + 1
    return end


def _find_attachment(lines: list[Line], end: int, kinds: list) -> tuple[int, int] | None:
    """A 落款 in the middle of the text with an attachment after it: a 印发通知 and the
    方案 it issues, copied as one page.  Returns (first 落款 line, first attachment line)
    and marks the 落款 and the 附注 and 附件 label lines between them."""
    for d in range(1, end - 2):
        if not _is_date_line(lines[d].text):
            continue
        start = _signature_start(lines, d, kinds)
        if start is None and _is_running_text(lines[d - 1].text) and lines[d - 1].text.endswith("。"):
            start = d  # a 成文日期 right under the text: the organ's name went with the seal
        if start is None or not any(_is_running_text(lines[k].text) for k in range(start)):
            continue
        k = d + 1
        while k < end and _is_trailer(lines[k].text):
            k += 1
        label = k < end and _is_attachment_label(lines[k].text)
        t = k + 1 if label else k
        if t >= end or not (_is_title_candidate(lines[t].text)
                            or (label and _is_title_fallback(lines[t].text))):
            continue
        # an attachment has a body: a paragraph or a heading soon after its title
        body = range(t + 1, min(end, t + 1 + _ATTACHMENT_LOOKAHEAD))
        if not any(_is_running_text(lines[b].text) or parse_numbering(lines[b].text)
                   or _decimal_heading().match(lines[b].text) for b in body):
            continue
        for j in range(start, d + 1):
            kinds[j] = ELEMENT if is_note(lines[j].text) else SIGNATURE
        for j in range(d + 1, t):
            kinds[j] = ELEMENT
        return start, t
    return None


def _attachment_blocks(lines: list[Line], start: int, end: int, kinds: list, parts: list) -> list[Block]:
    """Attachments from line ``start`` (its title) on: each under its title is part 1, 2 …;
    a later 附件 label followed by a title begins the next one."""
    blocks: list[Block] = []
    part, i = 1, start
    while i < end:
        kinds[i] = TITLE
        blocks.append(_block(TITLE, [lines[i]], part=part))
        parts[i] = part
        j = i + 1
        while j < end and not (_is_attachment_label(lines[j].text) and j + 1 < end
                               and _is_title_fallback(lines[j + 1].text)):

            j += 1
        sig = _mark_signature(lines, j, kinds) if j == end else None
        body_end = sig if sig is not None and sig > i + 1 else j
        for block in _body_blocks(lines, i + 1, body_end, kinds):
            block.part = part
            blocks.append(block)
        for k in range(i + 1, j):
            parts[k] = part
        if j < end:  # the next attachment's label
            kinds[j] = ELEMENT
            parts[j] = part + 1
            i = j + 1
            part += 1
        else:
            break
    return blocks


def _find_title(lines: list[Line], body_end: int) -> int | None:
    best = None
    for i in range(min(body_end, _TITLE_SEARCH_LINES)):
        text = lines[i].text
        numbering = parse_numbering(text)
        if numbering and numbering.level <= 2:
            break
        if _is_title_candidate(text):
            best = i
        elif best is not None and _is_prose(text):
            break
    return best


def _continues_title(previous: str, title: str) -> bool:
    """A title broken over two lines: ``××市人民政府关于2024年`` / ``法治政府建设情况的报告``."""
    p = squeeze(previous)
    return ("关于" in p and "关于" not in title and len(p) <= 40 and not _CLAUSE_MARKS.search(p)
            and not is_chrome(p) and not _TERMINAL_END.search(p))


def _skip_front_matter(lines: list[Line], i: int, end: int, kinds: list) -> int:
    """Mark chrome and 公文 elements (the 主送机关 among them, also in a copy that lost its
    title) from ``i`` on; return the first body line."""
    addressee = patterns().addressee
    while i < end:
        text = lines[i].text
        if is_chrome(text):
            kinds[i] = CHROME
        elif _is_header_element(text) or (len(text) <= _FURNITURE and addressee.fullmatch(squeeze(text))):
            kinds[i] = ELEMENT
        else:
            break
        i += 1
    return i


def _body_blocks(lines: list[Line], start: int, end: int, kinds: list, breaks: list[int] = ()) -> list[Block]:
    """``breaks``: numbers of lines laid out apart (a Word table's) that no paragraph runs across."""
    blocks: list[Block] = []
    paragraph: list[Line] = []

    def close() -> None:
        if paragraph:
            blocks.append(_block(PARAGRAPH, paragraph))
            paragraph.clear()

    for i in range(start, end):
        line = lines[i]
        kinds[i] = PARAGRAPH
        text = line.text
        numbering = parse_numbering(text, line.content_start)
        if numbering:
            close()
            kinds[i] = HEADING
            cut = _heading_length(text, numbering.end - line.content_start)
            head = Line(line.number, line.start, line.end, line.content_start, text[:cut].rstrip(BLANKS))
            blocks.append(_block(HEADING, [head], numbering.level, numbering))
            rest = text[cut:]
            body = rest.lstrip(BLANKS)
            if body:
                offset = line.content_start + len(text) - len(body)
                paragraph.append(Line(line.number, line.start, line.end, offset, body))
            continue
        if paragraph and _continues(paragraph[-1], line) and not (
                breaks and bisect.bisect(breaks, paragraph[-1].number) != bisect.bisect(breaks, line.number)):
            paragraph.append(line)
            continue
        close()
        if (line.md_level and len(text) <= 60) or _is_standalone_heading(text, i, end):
            kinds[i] = HEADING
            blocks.append(_block(HEADING, [line]))
        else:
            paragraph.append(line)
    close()
    return blocks


def _heading_length(text: str, marker_end: int) -> int:
    """Where the heading ends on a numbered line: after its first sentence, or the whole line."""
    m = _SENTENCE_END.search(text, marker_end)
    return m.end() if m else len(text)


def _continues(previous: Line, line: Line) -> bool:
    """``line`` carries on a sentence that PDF conversion broke at the end of ``previous``."""
    prev = previous.text
    if _TERMINAL_END.search(prev) or line.md_level:
        return False
    if line.number - previous.number > _JOIN_GAP + 1:
        return False
    return len(prev) >= 20 or _CLAUSE_MARKS.search(prev) is not None


def _is_standalone_heading(text: str, index: int, end: int) -> bool:
    if len(text) > _FURNITURE:
        return False
    t = squeeze(text)
    return (index < end - 1 and 2 <= len(t) <= _SHORT_HEADING and has_han(t)
            and not re.search(r"[，,；;：:。！？!?…]", t) and not parse_date_text(t))
