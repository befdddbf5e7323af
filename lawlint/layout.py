"""Classifying a document's lines into blocks.

Copies of published reports are messy: web-page chrome above the title and below
the 落款, the title repeated, 发文字号 lines, Markdown marks, paragraphs broken in
the middle of a sentence by PDF conversion.  The order of work:

1. from the end: trailing chrome, 版记 and 附注 lines, then the 落款 (organ lines and
   成文日期);
2. the title: the last title-like line before the body starts;
3. everything above the title is chrome, except 公文 elements (发文机关标志,
   发文字号 …); metadata lines right after it are chrome or elements too;
4. the body: numbered headings (一、 （一） 1. （1） ①), unnumbered short headings,
   and paragraphs, rejoining lines that were broken mid-sentence.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lawlint import resources
from lawlint.dates import parse_date_text
from lawlint.document import (CHROME, ELEMENT, HEADING, PARAGRAPH, SIGNATURE, TITLE, Block,
                              Document, Line, parse_numbering)
from lawlint.text import BLANKS, HAN, has_han, squeeze

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
        trailer_element=re.compile(r"(?:抄送|主送|抄报)[:：].*|[（(]此件.*[）)]|.*\d日印发|印发[:：].*"),
        addressee=re.compile(
            rf"[{HAN}（）()、，,{BLANKS}]{{1,60}}(?:{suffixes}|部门|单位|机关|各界)[：:]"),
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


def _split_organ_date(text: str) -> tuple[str, str] | None:
    """``江门市科学技术局  2019年11月28日`` on one line."""
    if len(text) > _FURNITURE:
        return None
    m = re.fullmatch(rf"(.+?)[{BLANKS}]+(\S+(?:[{BLANKS}]*\S+){{0,5}})", text)
    if m and is_organ_line(m[1]) and parse_date_text(m[2]):
        return m[1], m[2]
    return None


def build_blocks(doc: Document) -> list[Block]:
    lines = doc.lines
    n = len(lines)
    if not n:
        return []
    kinds: list[str | None] = [None] * n

    # 1. From the end: chrome, 版记/附注, then the 落款.
    end = n
    while end > 0:
        text = lines[end - 1].text
        if is_chrome(text):
            kinds[end - 1] = CHROME
        elif len(text) <= _FURNITURE and patterns().trailer_element.fullmatch(squeeze(text)):
            kinds[end - 1] = ELEMENT
        else:
            break
        end -= 1
    sig_start = _mark_signature(lines, end, kinds)
    body_end = sig_start if sig_start is not None else end

    # 2. The title.
    title_index = _find_title(lines, body_end)
    blocks: list[Block] = []

    # 3. Above and around the title.
    i = 0
    if title_index is not None:
        first = title_index
        if (title_index > 0 and lines[title_index - 1].number == lines[title_index].number - 1
                and _continues_title(lines[title_index - 1].text, lines[title_index].text)):
            first = title_index - 1
        for j in range(first):
            kinds[j] = ELEMENT if _is_header_element(lines[j].text) else CHROME
        blocks.append(_block(TITLE, lines[first:title_index + 1]))
        for j in range(first, title_index + 1):
            kinds[j] = TITLE
        i = _skip_front_matter(lines, title_index + 1, body_end, kinds, after_title=True)
    else:
        i = _skip_front_matter(lines, 0, body_end, kinds, after_title=False)
        if i < body_end - 1 and _is_title_fallback(lines[i].text):
            kinds[i] = TITLE
            blocks.append(_block(TITLE, [lines[i]]))
            i = _skip_front_matter(lines, i + 1, body_end, kinds, after_title=True)

    # 4. The body.
    blocks.extend(_body_blocks(lines, i, body_end, kinds))

    # Chrome runs become one block each; elements and 落款 lines one block per line.
    run: list[Line] = []
    for line, kind in zip(lines, kinds):
        if kind == CHROME:
            run.append(line)
            continue
        if run:
            blocks.append(_block(CHROME, run))
            run = []
        if kind in (ELEMENT, SIGNATURE):
            blocks.append(_block(kind, [line]))
    if run:
        blocks.append(_block(CHROME, run))
    blocks.sort(key=lambda b: b.pieces[0].start)
    return blocks


def _block(kind: str, lines: list[Line], level: int = 0, numbering=None) -> Block:
    pieces = tuple(line.content_span for line in lines)
    return Block(kind, pieces, "".join(line.text for line in lines), lines[0].number, level, numbering)


def _mark_signature(lines: list[Line], end: int, kinds: list) -> int | None:
    """Mark the 落款 (up to three organ lines and the 成文日期) ending at ``end``."""
    if end <= 0:
        return None
    last = end - 1
    text = lines[last].text
    start = None
    if parse_date_text(text) or _split_organ_date(text):
        start = last
        j = last - 1
    else:
        j = last
    while j >= 0 and last - j < 4 and is_organ_line(lines[j].text) and not kinds[j]:
        start = j
        j -= 1
    if start is None:
        return None
    for k in range(start, end):
        kinds[k] = SIGNATURE
    return start


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


def _skip_front_matter(lines: list[Line], i: int, end: int, kinds: list, *, after_title: bool) -> int:
    """Mark chrome and 公文 elements from ``i`` on; return the first body line."""
    addressee = patterns().addressee
    while i < end:
        text = lines[i].text
        if is_chrome(text):
            kinds[i] = CHROME
        elif _is_header_element(text) or (after_title and len(text) <= _FURNITURE
                                          and addressee.fullmatch(squeeze(text))):
            kinds[i] = ELEMENT
        else:
            break
        i += 1
    return i


def _body_blocks(lines: list[Line], start: int, end: int, kinds: list) -> list[Block]:
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
        if paragraph and _continues(paragraph[-1], line):
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
