from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine.prefilter import blocks_holding
from lawlint.rule import Availability, Fix, Rule, Severity

# Where a range may be: a dash or 至/到 after a digit (or after 2021年), or 年 after eight digits.
_ANCHOR = re.compile(r"[—\-－–~～至到年](?:(?<=\d[—\-－–~～至到])|(?<=\d年[—\-－–~～至到])|(?<=\d{8}年))")
_RANGE = re.compile(
    r"(?<![0-9A-Za-z\-－/.．])(?P<a>(?:19|20)\d{2})(?P<ya>年?)[ \t]*(?P<dash>——|－－|[—\-－–~～至到])[ \t]*"
    r"(?P<b>(?:19|20)\d{2})(?![0-9\-－/.．])"
)
# 2021年至2023年底 and 2023年—2023年6月 are periods within the end year, not impossible ranges.
_WITHIN_END_YEAR = re.compile(r"[ \t]*(?:\d|[底初末中]|上半|下半)")
_LOST_DASH = re.compile(r"(?<![0-9A-Za-z\-－/.．])(?P<a>(?:19|20)\d{2})(?P<b>(?:19|20)\d{2})(?=年)")
_LONGEST_PERIOD = 50  # years: 2021—2035, 2020—2050; eight digits spanning more are no period


class YearRange(Rule):
    """年份起止范围不成立或丢了连接号。

    规划、纲要的期限写作“2021—2025年”。终止年份不晚于起始年份的范围（如
    “（2023-2023）”“2025—2023年”）一定写错了，请核对原文；复制时丢了连接号、
    两个年份连成八位数字的（如“（20212025年）”）报出并改为“2021—2025年”。只看
    后接“年”或单独括注的年份范围：日期、编号、电话号码、索引号等数字串不报，
    “20171226”这样的日期由 DT001 检查。

    ## 原因
    GB/T 15834—2011 4.13：标示时间的起止用一字线“—”。《党政机关公文处理工作条例》
    第二十条要求审核时间、数字是否准确：期限的起止颠倒或相同、连接号丢失，引用的
    文件名称就与原件不符。

    ## 错误示例
    ```
    《青山县乡村振兴规划（2023-2023）》
    2025—2023年
    《青山县法治政府建设实施方案（20212025年）》
    ```

    ## 正确示例
    ```
    《法治政府建设实施纲要（2021—2025年）》
    2023年1月—2023年6月
    联系电话：20212025
    ```
    """

    code = "DT004"
    name = "malformed-year-range"
    summary = "年份起止范围不成立或丢了连接号"
    severity = Severity.ERROR
    basis = "GB/T 15834—2011 4.13（连接号）；《党政机关公文处理工作条例》第二十条"
    fix_availability = Availability.SOMETIMES

    def check(self, doc: Document):
        for block in blocks_holding(doc, _ANCHOR, TITLE, HEADING, PARAGRAPH):
            text = block.text
            for m in _RANGE.finditer(text):
                start, end = int(m["a"]), int(m["b"])
                if end > start:
                    continue
                after = m.end()
                if text.startswith("年", after):
                    if _WITHIN_END_YEAR.match(text, after + 1):
                        continue
                elif not (m.start() > 0 and text[m.start() - 1] in "（(" and text[after:after + 1] in "）)"):
                    continue  # only a range of years: followed by 年, or alone in brackets
                shown = m[0] + ("年" if text.startswith("年", after) else "")
                yield self.violation(block.span_of(m.start(), after),
                                     f"年份范围“{shown}”不成立：终止年份{end}年不晚于起始年份{start}年，请核对")
            for m in _LOST_DASH.finditer(text):
                start, end = int(m["a"]), int(m["b"])
                if not start < end <= start + _LONGEST_PERIOD:
                    continue
                span = block.span_of(m.start(), m.end())
                good = f"{start}—{end}"
                yield self.violation(span, f"“{m[0]}年”丢了连接号，应写作“{good}年”",
                                     fix=Fix.replace(span, good))
