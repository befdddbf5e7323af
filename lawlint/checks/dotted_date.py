from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine.prefilter import blocks_holding, scanner
from lawlint.lang.dates import SEPARATED, DateMention
from lawlint.rule import Availability, Fix, Rule, Severity

_DOTTED_ANCHOR = re.compile(r"[./／](?<=\d[./／])(?=\d)")
_DOTTED = scanner(re.compile(r"(?<![\d.／/])(?P<y>(?:19|20)\d{2})(?P<s>[./／])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\d.／/])"))


class DottedDate(Rule):
    """正文中的日期用了“.”或“/”分隔。

    正文中的日期写作“2024年3月1日”。“2024.3.1”“2024/3/1”报出并给出修改建议；
    “2025-01-07”这样的短横线写法可用于表格、附注，不报。落款中的成文日期由 DT001
    检查。

    ## 原因
    GB/T 15835—2011 第5章规定年月日的表达：用“年”“月”“日”，或按 GB/T 7408 的
    扩展格式用短横线；圆点和斜线都不是规定的写法。

    ## 错误示例
    ```
    2024.3.1召开专题会议；2024/3/15印发实施方案。
    ```

    ## 正确示例
    ```
    2024年3月1日召开专题会议；发布日期：2025-01-07。
    ```
    """

    code = "NU006"
    name = "dotted-date"
    summary = "正文中的日期用了“.”或“/”分隔"
    severity = Severity.WARNING
    basis = "GB/T 15835—2011 第5章（年月日的表达）"
    fix_availability = Availability.ALWAYS

    def check(self, doc: Document):
        for block in blocks_holding(doc, _DOTTED_ANCHOR, TITLE, HEADING, PARAGRAPH):
            for m in _DOTTED.finditer(block.text):
                date = DateMention(m.start(), m.end(), m[0], int(m["y"]), int(m["m"]), int(m["d"]), SEPARATED)
                if not date.valid:
                    continue
                span = block.span_of(m.start(), m.end())
                yield self.violation(span, f"日期“{m[0]}”应写作“{date.canonical}”", fix=Fix.replace(span, date.canonical))
