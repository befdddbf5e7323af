from __future__ import annotations

import re

from lawlint.document import HEADING, Document, Numbering
from lawlint.document.parts import heading_words
from lawlint.lang.text import int_to_cn
from lawlint.rule import Availability, Fix, Rule, Severity, Span

# Marks allowed after each level's numeral (GB/T 9704—2012 7.3.3; GB/T 15834 下脚点 after Arabic numerals).
# Decimal outline numbers (1.1 编制目的, 2.3.1 ……), as in 预案 and 技术规范: numbered, but
# not one of the levels of GB/T 9704 7.3.3.
_DECIMAL = re.compile(r"(\d{1,2})[.．]\d")
_ALLOWED = {0: None, 1: ("、",), 2: ("",), 3: (".", "．"), 4: ("",), 5: ("",)}


def _close_deeper(last: dict[int, tuple[Numbering, int]], ended: dict[int, int], level: int) -> None:
    """A heading of ``level`` ends the runs of the levels below it (their last numbers kept)."""
    for deeper in [lvl for lvl in last if lvl > level]:
        ended[deeper] = last.pop(deeper)[0].value


def _label(level: int, value: int) -> str:
    if level == 0:
        return f"第{int_to_cn(value)}部分"
    if level == 1:
        return f"{int_to_cn(value)}、"
    if level == 2:
        return f"（{int_to_cn(value)}）"
    if level == 3:
        return f"{value}."
    if level == 4:
        return f"（{value}）"
    return chr(ord("①") + value - 1) if value <= 20 else str(value)


class HeadingNumbering(Rule):
    """标题序号不连续、重复或标点有误。

    序号跳号、重复、无故重新开始，或序号后的标点用错。

    ## 原因
    GB/T 9704—2012 7.3.3：结构层次序数依次用“一、”“（一）”“1.”“（1）”标注。
    同一层级的序号应从一开始、逐一递增；上级标题变了，下级序号才重新开始。不报的
    写法：跨上级标题连续编号（“（一）”下是1.2.，“（二）”下接着是3.）；目录之后正文
    从头编号（正文第一个标题与目录第一项相同）；不带序号的标题或附件之后重新编号；
    预案等文件中“1.1”“2.3”式的多级编号（不计入各层级的序号）。
    汉字序号后用顿号，带括号的序号后不再加标点，阿拉伯数字后用下脚点“.”。

    ## 错误示例
    ```
    一、主要举措和成效
    （一）加强组织领导
    （二）完善制度体系
    （四）规范行政执法
    1、推行“三项制度”
    （三）、强化监督
    ```

    ## 正确示例
    ```
    一、主要举措和成效
    （一）加强组织领导
    （二）完善制度体系
    （三）规范行政执法
    1.推行“三项制度”
    ```
    """

    code = "ST005"
    name = "heading-numbering"
    summary = "标题序号不连续、重复或标点有误"
    severity = Severity.WARNING
    basis = "GB/T 9704—2012 7.3.3"
    fix_availability = Availability.SOMETIMES

    def check(self, doc: Document):
        last: dict[int, tuple[Numbering, int]] = {}   # each level's latest number in the current run
        ended: dict[int, int] = {}                    # each level's last number in its previous run
        first: dict[int, str] = {}                    # the words of the first heading of each level's run
        part = 0
        for block in doc.blocks:
            decimal = block.numbering is None and block.part == part and _DECIMAL.match(block.text)
            if decimal:
                # 1.1 under 1. is a subsection; a "1.14大……" where item 1 is due is item 1
                # whose text starts with a number
                previous = last.get(3)
                value = int(decimal[1])
                if value == (previous[0].value + 1 if previous else 1):
                    mark = block.span_of(0, len(decimal[1]) + 1)
                    last[3] = (Numbering(3, value, mark.start, mark.end, ".", f"{value}."), block.line)
                    _close_deeper(last, ended, 3)
                continue
            if block.part != part or (block.kind == HEADING and block.numbering is None):
                # an attachment, or a part of the text under an unnumbered heading: numbering starts anew
                part = block.part
                last.clear()
                ended.clear()
                continue
            if block.kind != HEADING:
                continue
            n = block.numbering
            written = doc.text[n.start:n.end]
            yield from self._punctuation(n, written)
            previous = last.get(n.level)
            line = block.line
            span = n.span
            if previous is None:
                continued = ended.get(n.level)
                if n.value != 1 and (continued is None or n.value != continued + 1):
                    yield self.violation(span, f"序号不连续：本层级第一个序号应为“{_label(n.level, 1)}”，此处为“{written}”")
            else:
                before, before_line = previous
                if n.value == before.value:
                    yield self.violation(span, f"序号重复：“{written}”与第{before_line}行的序号相同，"
                                               f"应为“{_label(n.level, before.value + 1)}”")
                elif n.value == 1:
                    # a table of contents, then the text: the first heading comes again
                    if heading_words(block) != first.get(n.level):
                        yield self.violation(span, f"序号重新从“{written}”开始，而第{before_line}行已到"
                                                   f"“{_label(n.level, before.value)}”：上级标题缺失或序号有误")
                elif n.value > before.value + 1:
                    missing = _label(n.level, before.value + 1)
                    yield self.violation(span, f"序号不连续：第{before_line}行“{_label(n.level, before.value)}”"
                                               f"之后应为“{missing}”，此处为“{written}”")
                elif n.value < before.value:
                    yield self.violation(span, f"序号倒退：第{before_line}行已到“{_label(n.level, before.value)}”，"
                                               f"此处为“{written}”")
            if previous is None or n.value == 1:
                first[n.level] = heading_words(block)
            last[n.level] = (n, line)
            _close_deeper(last, ended, n.level)

    def _punctuation(self, n: Numbering, written: str):
        if _ALLOWED[n.level] is None or n.punct in _ALLOWED[n.level]:
            return
        punct_span = Span(n.end - len(n.punct), n.end)
        right = _ALLOWED[n.level][0]
        good = written[:len(written) - len(n.punct)].rstrip(" \t\u3000") + right
        if n.level == 1:
            reason = "汉字数字序号后用顿号"
        elif n.level == 3:
            reason = "阿拉伯数字序号后用下脚点“.”"
        else:
            reason = "带括号或带圈的序号后不加标点"
        fix_span = Span(n.start + len(written[:len(written) - len(n.punct)].rstrip(" \t\u3000")), n.end)
        yield self.violation(punct_span, f"序号“{written}”后的标点有误：{reason}，应为“{good}”",
                             fix=Fix.replace(fix_span, right, f"改为“{good}”"))
