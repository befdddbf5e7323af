from __future__ import annotations

import functools
import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine import resources
from lawlint.rule import Rule, Severity

_FORMULA = re.compile(r"职能科学、权责法定(?:、[\u4e00-\u9fff]{4})+")


@functools.cache
def _periods():
    return [(tuple(f["period"]), f["plan"], f["members"]) for f in resources.data("political")["goal_formulas"]]


class GoalFormulaPeriod(Rule):
    """法治政府建设目标的表述与纲要期次不符。

    2015—2020年的纲要要求建设“职能科学、权责法定、执法严明、公开公正、廉洁高效、
    守法诚信的法治政府”；2021—2025年的纲要改为“职能科学、权责法定、执法严明、
    公开公正、智能高效、廉洁诚信、人民满意的法治政府”。两者混用、或用了另一期的
    表述，都报出并给出本期的写法。报告年度不明时只查混用。表述在
    `lawlint/data/lists/political.yml`，新一期纲要发布后补充即可。

    ## 原因
    目标表述随纲要期次变化，引用时应与报告年度适用的纲要一致。

    ## 错误示例
    ```
    加快建设职能科学、权责法定、执法严明、公开公正、廉洁高效、守法诚信、人民满意的法治政府。
    ```
    （新旧表述混用）

    ## 正确示例
    ```
    加快建设职能科学、权责法定、执法严明、公开公正、智能高效、廉洁诚信、人民满意的法治政府。
    ```
    """

    code = "WD013"
    name = "goal-formula-period"
    summary = "法治政府建设目标的表述与纲要期次不符"
    severity = Severity.WARNING
    basis = "《法治政府建设实施纲要（2015—2020年）》《法治政府建设实施纲要（2021—2025年）》总体目标"

    def check(self, doc: Document):
        year = doc.meta.report_year.value if doc.meta.report_year else None
        periods = _periods()
        current = next((p for p in periods if year is not None and p[0][0] <= year <= p[0][1]), None)
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            for m in _FORMULA.finditer(block.text):
                items = m[0].split("、")
                known = [p for p in periods if items == p[2][:len(items)] and len(items) >= len(p[2]) - 1]
                span = block.span_of(m.start(), m.end())
                if not known:
                    target = current or periods[-1]
                    yield self.violation(span, f"目标表述混用了不同纲要的提法：{target[1]}的表述是“{'、'.join(target[2])}”")
                elif current is not None and current not in known:
                    yield self.violation(span, f"{year}年度应使用{current[1]}的表述“{'、'.join(current[2])}”，"
                                               f"此处是{known[0][1]}的表述")
