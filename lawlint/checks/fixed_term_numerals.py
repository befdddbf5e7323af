from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.lang.text import int_to_cn
from lawlint.rule import Availability, Fix, Rule, Severity

_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
# Each pattern with a character every match contains: a block without it is not scanned.
_PATTERNS = [
    ("党", re.compile(r"党的(?P<a>\d{1,2})大")),
    ("届", re.compile(rf"(?P<a>{_N})届(?:全国人大|全国政协|中央)?(?P<b>{_N})中全会")),
    ("届", re.compile(rf"(?P<a>{_N})届全国人大(?P<b>{_N})次会议")),
    ("五", re.compile(r"(?P<q>[“\"]?)(?P<a>\d{1,2})五(?P<q2>[”\"]?)(?=规划|普法|计划|时期|期间)")),
]


def _cn(number: str) -> str:
    return number if not number.isdigit() else int_to_cn(int(number))


class FixedTermNumerals(Rule):
    """届次、全会、“五年规划”等固定说法用了阿拉伯数字。

    党的代表大会、届次、全会、人大会议的次数，以及“八五”普法、“十四五”规划这类
    已定型的说法，用汉字数字。修改建议把阿拉伯数字换成汉字数字，“十四五”等加引号。

    ## 原因
    GB/T 15835—2011 规定：已定型的含汉字数字的词语、表示届次等的数字用汉字数字
    （如“十一届全国人大一次会议”不写为“11届全国人大1次会议”）。

    ## 错误示例
    ```
    深入学习贯彻党的20大和20届3中全会精神，落实8五普法规划，编制14五规划。
    ```

    ## 正确示例
    ```
    深入学习贯彻党的二十大和二十届三中全会精神，落实“八五”普法规划，编制“十四五”规划。
    ```
    """

    code = "NU001"
    name = "fixed-term-numerals"
    summary = "届次、全会、“五年规划”等固定说法用了阿拉伯数字"
    severity = Severity.ERROR
    basis = "GB/T 15835—2011 第4章（汉字数字的选用：已定型的含汉字数字的词语）"
    fix_availability = Availability.ALWAYS

    def check(self, doc: Document):
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            taken = -1
            for anchor, pattern in _PATTERNS:
                if anchor not in block.text:
                    continue
                for m in pattern.finditer(block.text):
                    groups = [g for g in ("a", "b") if g in m.groupdict() and m[g]]
                    if not any(m[g].isdigit() for g in groups) or m.start() < taken:
                        continue
                    good = m[0]
                    for g in sorted(groups, key=lambda g: m.start(g), reverse=True):
                        local = m.start(g) - m.start()
                        good = good[:local] + _cn(m[g]) + good[local + len(m[g]):]
                    if "q" in m.groupdict():
                        good = f"“{_cn(m['a'])}五”"
                    span = block.span_of(m.start(), m.end())
                    quote = lambda t: t if t.startswith("“") else f"“{t}”"  # noqa: E731
                    yield self.violation(span, f"{quote(m[0])}应写作{quote(good)}（届次、全会和定型的说法用汉字数字）",
                                         fix=Fix.replace(span, good))
