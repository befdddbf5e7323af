"""TX001: spaces between Chinese characters that conversion or copying left behind.

Whether a space is damage is read from the shape of the place and of the document, not
from a word list: a space that splits a jieba word, that stands beside a number, or that
cuts a clause into two pieces of very different length is damage; spaces recurring every
line-width in a paragraph are PDF line wrapping; a document with several of these was
converted, and its other spaces are damage too.  A lone space between two complete
phrases may be meant (a hint); spaces that belong — after a numbering marker, between
the halves of a slogan, in letter-spaced or tabular lines, between joint issuers, where
a copy lost a line break — are not reported.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from lawlint.document import HEADING, PARAGRAPH, TITLE, Block, Document
from lawlint.document.sentences import protected
from lawlint.engine import resources
from lawlint.lang.text import BLANKS, HAN, HAN_RE, is_cjk
from lawlint.rule import Applicability, Availability, Fix, Rule, Severity, Violation

_RUN = re.compile(f"[{BLANKS}][{BLANKS}]*")  # a class first: re skips to it (not so for [...]+)
_CLAUSE_MARKS = frozenset("，。；：、！？,;:!?…")
_SENTENCE_MARKS = re.compile(r"[，。；,;]")
_SENTENCE_ENDS = frozenset("。；！？!?;：:")
_CLOSING_MARKS = frozenset("，。；：、！？）》”’」』〉】")
_WIDE = re.compile(f"[{BLANKS}]{{2}}|\u3000")
_OPENERS, _CLOSERS = "“《〈‘「『", "”》〉’」』"
_PAGE_NUMBER = re.compile(f"[—–－-][—–－-]?[{BLANKS}]*[0-9]{{1,4}}[{BLANKS}]*[—–－-]")  # GB/T 9704 7.5: — 1 —
_DOC_NUMBER_END = re.compile(r"[〔\[［(（][0-9]{4}[〕\]］)）][0-9]{1,4}号$")
_SHORT_LINE = 30     # a line this short without clause marks is a heading, a label or a table row
_HEADING_CHARS = 24  # a numbered heading run into its paragraph is at most this long
_WINDOW = 60         # how far to look for the clause or the quotation around a space
_LOOK = 8            # characters either side given to jieba to see whether a space splits a word

# Verdicts on one space.
_SPLIT, _NUMBER, _CUT, _WRAP, _BEFORE_MARK, _PARALLEL, _LIST, _MARK, _SLOGAN = (
    "split", "number", "cut", "wrap", "before-mark", "parallel", "list", "mark", "slogan")
_CONFIDENT = frozenset({_SPLIT, _NUMBER, _CUT, _WRAP, _BEFORE_MARK})
_WRAPS, _LINE_WIDTH, _WIDTH_SLACK = 4, 15, 3  # four spaces or more at a regular step of at least 15 characters


@dataclass(frozen=True)
class _Shapes:
    """Patterns and names from lawlint/data/lists/stray-space.yml, organs.yml and document-kinds.yml,
    built when a report first has a space between Chinese characters (a Han range costs
    milliseconds to compile)."""

    marker_end: re.Pattern           # a numbering marker ending the text before a space
    marker_start: re.Pattern         # … starting the text after it
    organ_end: re.Pattern            # the characters an organ's name is written with, ending a text
    organ_start: re.Pattern          # … starting it
    date_start: re.Pattern           # a date starting a text: 2024年, 二〇二四年, 二oo九年
    doc_number_start: re.Pattern     # a 发文字号 starting a text: 国函〔2001〕
    label_value: re.Pattern          # a form field: 来源：某某网
    lost_break: re.Pattern           # a sentence end, a space and a numbering marker: 。 二、
    name: re.Pattern                 # a person's name, perhaps letter-spaced: 某  某
    heading_start: re.Pattern        # a numbering marker at the start or after a space
    organ_endings: tuple[str, ...]   # how the name of an organ or a place ends
    kind_endings: tuple[str, ...]    # how the name of a document ends
    law_endings: tuple[str, ...]     # … or of a law
    field_labels: frozenset[str]
    positions: tuple[str, ...]
    min_chars: int
    max_chars: int
    ratio: float
    damaged_at: int


@functools.cache
def _shapes() -> _Shapes:
    data = resources.data("stray-space")
    units = "|".join(sorted(map(re.escape, data["section_units"]), key=len, reverse=True))
    numeral = "[一二三四五六七八九十百零〇两0-9]"
    han_numeral = "[一二三四五六七八九十]"
    marker = (f"第{numeral}{{1,6}}(?:{units})"                          # 第一章 第十二条
              r"|(?P<digits>[0-9]{1,2}(?:[.．][0-9]{1,2}){0,3})[.．、]?"  # 8 附则, 1.1 编制目的, 2.3.1
              f"|{han_numeral}{{1,3}}[、．.]"                            # 一、
              f"|[（(](?:{han_numeral}|[0-9]){{1,3}}[）)][、．.]?"        # （一）
              r"|[①-⑳][、．.]?"
              r"|附件[0-9一二三四五六七八九十]{0,2}[：:]?"
              r"|[表图][0-9]{1,2}(?:[-—.．][0-9]{1,2})?")                # 表1 某某统计表
    starts = (f"第{numeral}{{1,6}}(?:{units})|{han_numeral}{{1,3}}、|[（(](?:{han_numeral}|[0-9]){{1,3}}[）)]"
              r"|[0-9]{1,2}[.．、](?![0-9])|[①-⑳]")
    chars = f"[{HAN}（）()·]"
    kinds = resources.data("document-kinds")
    parallel = data["parallel"]
    return _Shapes(
        marker_end=re.compile(f"(?P<lead>[。；;！？!?：:])?(?:{marker})$"),
        marker_start=re.compile(starts),
        organ_end=re.compile(f"{chars}{{1,40}}$"),
        organ_start=re.compile(f"{chars}{{1,40}}"),
        date_start=re.compile(r"(?:[0-9]{4}|[〇○零oO一二三四五六七八九]{4})年"),
        doc_number_start=re.compile(f"[{HAN}]{{1,10}}[〔\\[［(（][0-9]{{4}}"),
        label_value=re.compile(f"[{HAN}]{{2,6}}[：:]"),
        heading_start=re.compile(f"(?:^|[{BLANKS}])({starts})"),
        lost_break=re.compile(f"[。；！？!?][{BLANKS}][{BLANKS}]*(?:{starts})"),
        name=re.compile(f"[{HAN}](?:[{BLANKS}]{{0,3}}[{HAN}]){{1,3}}(?=$|[{BLANKS}，。,])"),
        organ_endings=(*resources.data("organs")["suffixes"], *data["place_endings"], *data["organ_names"],
                       *data["organ_endings"]),
        kind_endings=(*kinds["statutory"], *kinds["wrong_endings"], *kinds["attached"]),
        law_endings=tuple(data["law_endings"]),
        field_labels=frozenset(data["field_labels"]),
        positions=tuple(data["positions"]),
        min_chars=int(parallel["min_chars"]), max_chars=int(parallel["max_chars"]),
        ratio=float(parallel["ratio"]), damaged_at=int(data["damaged_at"]))


@dataclass
class _Gap:
    block: Block
    start: int
    end: int
    verdict: str
    word: str = ""
    running: bool = True   # in running text, a title or a numbered heading (not a short label or table row)


class StraySpace(Rule):
    """中文之间多了空格。

    PDF 转换、网页复制常在中文之间留下空格（“思想 为指引”“规范性文  件”“关于 2021
    年度”）。公文中汉字与汉字、汉字与数字之间都不空格。空格拆开了一个词（“文  件”）、
    挨着数字（“关于 2021 年度”）、在标点之前，或把一个分句切成长短悬殊的两截（“……思想
    为指引”）时报警告；段落中每隔一行宽就有一处空格（PDF 断行），或全文这样的空格有
    多处时，说明文本经过了转换，其余的空格也报警告。只有一处、又恰好隔开两个完整短语
    的空格，以及标点后的空格，可能是有意的，报提示。

    不会报出：段首缩进；序号后的空格（“1.1 编制目的”“第一条 为……”“一、”后的制表符）；
    引号、书名号、标题中隔开几个并列短语的空格（“创新执法方式 优化营商环境”）；为对齐
    而拉开字距的短行（“总  则”“附  件”）；版心下的页码“— 1 —”；联合行文时机关名称之间
    的空格（“中共中央 国务院”“中共某县委 某县人民政府”）；表格、信息公开目录的栏目
    （“发布机构 某某局”）和署名（“新华社记者 某某 摄”）；复制时代替换行的空格（句末和
    下一个序号之间、标题和主送机关之间、机关署名和成文日期之间）；英文单词前后、数字
    之间的空格；落款和网页残留中的空格。修改建议是删除空格。

    ## 原因
    GB/T 9704—2012 规定正文用3号仿宋体字、每行28字排版，字间距由排版决定；文字中
    夹着的空格会被读成停顿或漏字，检索时也找不到原词。

    ## 错误示例
    ```
    我局坚持以新时代中国特色社会主义思想 为指引，完成部门行政规范性文  件清理工作。
    某市科学技术局关于 2021 年度 法治政府建设情况的报告
    ```

    ## 正确示例
    ```
    我局坚持以新时代中国特色社会主义思想为指引，完成部门行政规范性文件清理工作。
    根据中共中央办公厅 国务院办公厅《法治政府建设与责任落实督察工作规定》，使用 App 办理。
    1.1 编制目的
    第一章 总 则
    围绕“弘扬宪法精神 建设法治社会”主题开展宣传。
    ```
    """

    code = "TX001"
    name = "stray-space"
    summary = "中文之间多了空格"
    severity = Severity.WARNING
    basis = "GB/T 9704—2012 5.2（版面：字号、行数和字数）"
    fix_availability = Availability.ALWAYS
    fix_note = "能断定是多余的空格时删除是安全的；两个短语之间孤立的一个空格（提示）删除需确认"
    uses_words = True

    def check(self, doc: Document):
        gaps: list[_Gap] = []
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            if _RUN.search(block.text):
                gaps.extend(self._gaps(doc, block))
        if not gaps:
            return
        _mark_wrapping(gaps)
        damaged = sum(g.verdict in _CONFIDENT and g.running for g in gaps)
        damaged_doc = damaged >= _shapes().damaged_at
        for gap in gaps:
            if gap.verdict == _SLOGAN and not damaged_doc:
                continue  # the halves of a slogan or a case title: their layout
            confident = (damaged_doc and gap.verdict != _SLOGAN) or (gap.verdict in _CONFIDENT and gap.running)
            yield self._report(gap, damaged if damaged_doc else 0, confident)

    # -- finding the spaces ------------------------------------------------------------
    def _gaps(self, doc: Document, block: Block):
        text = block.text
        quoted = None
        line_start = 0
        for length in (p.end - p.start for p in block.pieces):
            line_end = line_start + length
            line = text[line_start:line_end]
            if _RUN.search(line):
                spared = _spared_in_line(line)
                flattened = _shapes().lost_break.search(line) is not None
                for m in _RUN.finditer(line):
                    s, e = line_start + m.start(), line_start + m.end()
                    if m.start() == 0 or m.end() == len(line) or m.start() in spared:
                        continue
                    left, right = text[s - 1], text[e]
                    if not ((is_cjk(left) and (is_cjk(right) or right.isdigit()))
                            or (left.isdigit() and is_cjk(right))):
                        continue
                    if not (HAN_RE.match(left) or HAN_RE.match(right) or left.isdigit() or right.isdigit()):
                        continue  # between two marks: 【发表评论】 【互动社区】
                    if _belongs(doc, line, m.start(), m.end(), flattened):
                        continue
                    if quoted is None:
                        quoted = protected(text) or b""
                    verdict, word = self._verdict(doc, block, line_start, line_end, s, e, quoted)
                    if not verdict:
                        continue
                    running = (block.kind == TITLE or block.numbering is not None or len(line) >= _SHORT_LINE
                               or _SENTENCE_MARKS.search(line) is not None)
                    if not running and verdict != _SPLIT and _WIDE.match(m[0]):
                        continue  # columns of a form or a list: 日期：3月1日  地点：会议室
                    yield _Gap(block, s, e, verdict, word, running)
            line_start = line_end

    def _verdict(self, doc: Document, block: Block, ls: int, le: int, s: int, e: int,
                 quoted) -> tuple[str | None, str]:
        """What a space is: None where it belongs, else why it is stray."""
        text = block.text
        left, right = text[s - 1], text[e]
        han_left, han_right = HAN_RE.match(left) is not None, HAN_RE.match(right) is not None
        if han_left and han_right and self._joint(text[max(0, s - 20):s], text[e:e + 24], doc):
            return None, ""
        unit = _quotation(text, quoted, s)
        if unit is None and block.kind in (TITLE, HEADING):
            unit = _after_marker(text, block)
        parts = _parts(text, unit or _clause(text, s, e))
        if unit is not None and _is_parallel(parts) and not _names_a_document(text, unit):
            word = _split_word(doc, text, ls, le, s, e) if han_left and han_right else ""
            return (_SPLIT, word) if word else (_SLOGAN, "")
        if right in _CLOSING_MARKS:
            return _BEFORE_MARK, ""   # 思想 ，
        if left.isdigit() or right.isdigit():
            return (_NUMBER, "") if (han_left or han_right) else (_MARK, "")
        if not (han_left and han_right):
            return _MARK, ""          # 。 三是: after a mark, perhaps a layout habit
        word = _split_word(doc, text, ls, le, s, e)
        if word:
            return _SPLIT, word
        if _is_parallel(parts):
            return _PARALLEL, ""
        if all(n <= 4 for n in parts):
            return _LIST, ""
        return _CUT, ""

    @staticmethod
    def _joint(before: str, after: str, doc: Document) -> bool:
        """Two issuing organs side by side: 中共中央办公厅 国务院办公厅, 江门高新区 江海区政府,
        中共中央 国务院: the second name ends where a word ends (not 全局 推进工作部署)."""
        shapes = _shapes()
        endings = shapes.organ_endings
        left = shapes.organ_end.search(before)
        if not left or len(left[0]) < 2 or not left[0].endswith(endings):
            return False
        head = shapes.organ_start.match(after)
        if not head:
            return False
        ends = [i for i in range(2, len(head[0]) + 1) if head[0][:i].endswith(endings)]
        if not ends:
            return False
        bounds = doc.word_boundaries(after)
        return any(end == len(after) or end in bounds for end in ends)

    # -- reporting ---------------------------------------------------------------------
    def _report(self, gap: _Gap, damaged: int, confident: bool) -> Violation:
        block, s, e = gap.block, gap.start, gap.end
        text = block.text
        span = block.span_of(s, e)
        shown = text[max(0, s - 4):s] + "␣" + text[e:e + 4]
        if gap.verdict == _SPLIT:
            why = f"，把“{gap.word}”一词拆开了"
        elif gap.verdict == _NUMBER:
            why = "，公文中汉字与数字之间不空格"
        elif gap.verdict == _BEFORE_MARK:
            why = "，标点前不空格"
        elif gap.verdict == _WRAP:
            why = "，段落中每隔一行宽就有一处，是 PDF 断行留下的"
        elif damaged:
            why = f"（全文有 {damaged} 处这样的空格，多是 PDF 转换或复制留下的）"
        else:
            why = ""
        severity = self.severity if confident else Severity.INFO
        if confident:
            message = f"“{shown}”中间多了空格{why}，应删除"
        elif gap.verdict == _MARK:
            message = f"“{shown}”标点后有空格：公文中标点后不空格，应删除"
        else:
            message = f"“{shown}”中间有空格：公文中汉字之间不空格，如不是有意分隔两个短语，应删除"
        sure = Applicability.SAFE if confident else Applicability.UNSAFE  # a guess: to be confirmed
        return Violation(self.code, self.name, severity, message, span, Fix.delete(span, "删除多余的空格", sure))


def _mark_wrapping(gaps: list[_Gap]) -> None:
    """Spaces recurring every line-width in a paragraph were left by PDF line wrapping: each of
    them is damage, whatever words it falls between."""
    by_block: dict[int, list[_Gap]] = {}
    for gap in gaps:
        if gap.block.kind == PARAGRAPH and gap.verdict != _SLOGAN:
            by_block.setdefault(id(gap.block), []).append(gap)
    for run in by_block.values():
        if len(run) < _WRAPS:
            continue
        steps = [b.start - a.start for a, b in zip(run, run[1:])]
        if min(steps) >= _LINE_WIDTH and max(steps) - min(steps) <= _WIDTH_SLACK:
            for gap in run:
                if gap.verdict not in _CONFIDENT:
                    gap.verdict = _WRAP
                gap.running = True


def _belongs(doc: Document, line: str, i: int, j: int, flattened: bool) -> bool:
    """A space that is part of the layout of its line: after a numbering marker, in a page
    number, in a row of fields, in a byline, or standing for a line break a copy lost
    (``flattened``: the line holds paragraphs run together, 。 二、……)."""
    shapes = _shapes()
    before = line[max(0, i - 20):i]
    m = shapes.marker_end.search(before)
    if m and (m["lead"] or (m.start() == 0 and i <= 20)):
        bare = m["digits"] and m["digits"].isdigit() and line[i - 1].isdigit()  # 8 附则
        if not bare or len(line) <= _SHORT_LINE:
            return True
    for page in _PAGE_NUMBER.finditer(line, max(0, i - 6), min(len(line), j + 6)):
        if page.start() < i and j <= page.end():
            return True
    left_cell = line[:i].rsplit(None, 1)[-1] if line[:i].strip() else ""
    right_cell = line[j:].split(None, 1)[0] if line[j:].strip() else ""
    prose = _SENTENCE_MARKS.search(line) is not None
    # a sentence end and the next numbered item; in a text that lost its line breaks so, a
    # heading run into its paragraph and any space after a sentence end or before a marker
    if line[i - 1] in _SENTENCE_ENDS and shapes.marker_start.match(line, j):
        return True
    segment = _segment_before(line, i)
    if flattened:
        if line[i - 1] in _SENTENCE_ENDS or shapes.marker_start.match(line, j):
            return True
        heading = _last_heading(segment, shapes)
        if (heading and len(heading) <= _HEADING_CHARS and HAN_RE.match(line[i - 1])
                and not _split_word(doc, line, 0, len(line), i, j)):
            return True  # 一、基本情况 2016年以来，……
    # a title run into the addressee or the 发文字号: ……的通知 各县（区）人民政府
    if len(segment) >= 8 and segment.endswith(shapes.kind_endings) and not any(ch in "，,、" for ch in segment):
        return True
    # the 落款 on one line, a 发文字号 between title and organ
    if left_cell.endswith(shapes.organ_endings) and shapes.date_start.match(line, j):
        return True
    if _DOC_NUMBER_END.search(left_cell) or shapes.doc_number_start.match(line, j):
        return True
    # fields of a catalogue row or a form: 发布机构 某某局, 作者：某某 时间：……
    if left_cell.rstrip("：:") in shapes.field_labels or _starts_with_label(right_cell, shapes):
        return True
    if not prose and (shapes.label_value.match(left_cell) or shapes.label_value.match(right_cell)):
        return True
    # a byline: 国务院总理 某某, 新华社记者 某某 摄
    if left_cell.endswith(shapes.positions) and shapes.name.match(line, j):
        return True
    return line[j:j + 1] == "摄" and (j + 1 == len(line) or line[j + 1] in BLANKS + "）)")


def _last_heading(segment: str, shapes: _Shapes) -> str:
    """The text from the last numbering marker of a segment that starts or follows a space:
    一、主要举措和成效 （一）加强组织领导 → （一）加强组织领导."""
    last = None
    for m in shapes.heading_start.finditer(segment):
        last = m
    return segment[last.start(1):] if last else ""


def _segment_before(line: str, i: int) -> str:
    """The text of a line before offset ``i``, back to the last sentence end."""
    start = i
    while start > max(0, i - _WINDOW) and line[start - 1] not in _SENTENCE_ENDS:
        start -= 1
    return line[start:i].strip(BLANKS)


def _starts_with_label(cell: str, shapes: _Shapes) -> bool:
    for n in range(2, min(len(cell), 5) + 1):
        if cell[:n] in shapes.field_labels and (n == len(cell) or cell[n] in "：:"):
            return True
    return False


def _spared_in_line(line: str) -> frozenset[int]:
    """Starts of the spaces of a line that are layout, not damage: letter-spaced short lines
    and labels (总  则, 附  件：, 组  长：), a two-character name padded to align (王  伟),
    the cells of a table row copied as text (组长 王伟 副组长 李明, 索引号 … 发布机构 …)."""
    spared: set[int] = set()
    cells = _RUN.split(line)
    if (len(cells) >= 3 and not _SENTENCE_MARKS.search(line)
            and max(len(HAN_RE.findall(c)) for c in cells) <= 8):
        return frozenset(m.start() for m in _RUN.finditer(line))
    for pattern in _layout_patterns():
        for m in pattern.finditer(line):
            spared.update(r.start() + m.start() for r in _RUN.finditer(m[0]))
    return frozenset(spared)


@functools.cache
def _layout_patterns() -> tuple[re.Pattern, ...]:
    blank, han = f"[{BLANKS}]", f"[{HAN}]"
    return (
        # the whole line (after a numbering marker) spread out: 总  则, 第一章 总 则, 附  件：
        re.compile(f"(?<![{HAN}]){han}(?:{blank}{blank}*{han}){{1,15}}[：:]?$"),
        # a spread-out label: 组  长：
        re.compile(f"(?<![{HAN}]){han}(?:{blank}{blank}*{han}){{1,3}}(?=[：:])"),
        # a two-character name padded to the width of three: 王  伟
        re.compile(f"(?<![{HAN}]){han}(?:{blank}{blank}+|\u3000[{BLANKS}]*){han}(?![{HAN}])"),
    )


def _quotation(text: str, quoted, s: int) -> tuple[int, int] | None:
    """The inside of the “…” or 《…》 around offset ``s`` (None if it is not quoted); a
    quotation the text was cut inside runs to its end."""
    if not (len(quoted) and quoted[s]) and len(text) >= s + _WINDOW:
        return None
    start = end = None
    depth = 0
    for i in range(s - 1, max(-1, s - _WINDOW), -1):
        ch = text[i]
        if ch in _CLOSERS:
            depth += 1
        elif ch in _OPENERS or ch == '"':
            if not depth:
                start = i + 1
                break
            depth -= 1
    depth = 0
    for i in range(s, min(len(text), s + _WINDOW)):
        ch = text[i]
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS or ch == '"':
            if not depth:
                end = i
                break
            depth -= 1
    else:
        if len(text) < s + _WINDOW:
            end = len(text)
    if not (len(quoted) and quoted[s]) and end != len(text):
        return None
    return None if start is None or end is None else (start, end)


def _after_marker(text: str, block: Block) -> tuple[int, int]:
    """A title or heading without its numbering marker."""
    start = 0
    if block.numbering is not None:
        start = block.numbering.end - block.span.start
        if not 0 <= start <= len(text):
            start = 0
    return start, len(text)


def _names_a_document(text: str, unit: tuple[int, int]) -> bool:
    """《某市加快培育高新技术 企业扶持办法》, a title ending in 报告: the name of a document or a
    law, where no space belongs (not the two halves of a slogan)."""
    start, end = unit
    name = text[start:end].rstrip(BLANKS)
    shapes = _shapes()
    in_title_marks = start > 0 and text[start - 1] in "《〈"
    return name.endswith(shapes.kind_endings) or (in_title_marks and name.endswith(shapes.law_endings))


def _clause(text: str, s: int, e: int) -> tuple[int, int]:
    """The clause around a space: bounded by punctuation, quotation marks or the window."""
    stops = _CLAUSE_MARKS.union(_OPENERS, _CLOSERS, "（）()\"")
    start = s
    while start > max(0, s - _WINDOW) and text[start - 1] not in stops:
        start -= 1
    end = e
    while end < min(len(text), e + _WINDOW) and text[end] not in stops:
        end += 1
    return start, end


def _parts(text: str, unit: tuple[int, int]) -> list[int]:
    """How many Han characters each piece of a unit cut by its spaces holds (2024 holds none:
    a number is not a phrase)."""
    return [len(HAN_RE.findall(p)) for p in _RUN.split(text[unit[0]:unit[1]].strip(BLANKS)) if p]


def _is_parallel(parts: list[int]) -> bool:
    """Complete phrases of a slogan or a case title: two of similar length, or three and more
    short ones (立足更高定位 彰显更大作为 推动……高质量发展)."""
    shapes = _shapes()
    if len(parts) < 2 or min(parts) < shapes.min_chars or max(parts) > shapes.max_chars:
        return False
    return len(parts) >= 3 or max(parts) <= shapes.ratio * min(parts)


def _split_word(doc: Document, text: str, ls: int, le: int, s: int, e: int) -> str:
    """The jieba word a space cuts in two (规范性文  件 → 文件), or ''."""
    a = s
    while a > max(ls, s - _LOOK) and HAN_RE.match(text[a - 1]):
        a -= 1
    b = e
    while b < min(le, e + _LOOK) and HAN_RE.match(text[b]):
        b += 1
    left, right = text[a:s], text[e:b]
    if not left or not right:
        return ""
    joined = left + right
    cut = len(left)
    for word, start, end in doc.tokens(joined):
        if start < cut < end:
            return word if _in_dictionary(word) else ""
    return ""


def _in_dictionary(word: str) -> bool:
    """A word of jieba's dictionary, not one its HMM made up across the space (为民初心 勇担
    → 心勇担)."""
    from lawlint.lang.words import tokenizer  # loaded already: the word came from it

    return bool(tokenizer().FREQ.get(word))
