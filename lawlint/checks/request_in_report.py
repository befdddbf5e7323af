from __future__ import annotations

import functools
import re

from lawlint.document import HEADING, PARAGRAPH, Document
from lawlint.document.layout import title_core
from lawlint.engine import resources
from lawlint.rule import Rule, Severity


@functools.cache
def _phrases() -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in resources.data("political")["request_phrases"]))


class RequestInReport(Rule):
    """报告中夹带了请示事项。

    文种是“报告”的文档（法治政府建设年度报告都是）中出现“妥否，请批示”“请批准”
    “恳请……批准”等请示用语时报出。需要上级批准的事项应另行请示。“恳请给予支持”
    这类建议不算请示，不会报出。用语清单在 `lawlint/data/lists/political.yml`。

    ## 原因
    《党政机关公文处理工作条例》第十五条：不得在报告等非请示性公文中夹带请示事项。

    ## 错误示例
    ```
    恳请市政府批准设立法治政府建设专项经费。妥否，请批示。
    ```

    ## 正确示例
    ```
    下一步，我局将积极争取专项经费支持。特此报告。
    ```
    """

    code = "WD015"
    name = "request-in-report"
    summary = "报告中夹带了请示事项"
    severity = Severity.ERROR
    basis = "《党政机关公文处理工作条例》第十五条（四）"

    def check(self, doc: Document):
        title = doc.meta.title
        is_report = (title is not None and title_core(title).endswith("报告")) or (
            doc.profile is not None and bool(doc.profile.parts) and title is None)
        if not is_report:
            return
        for block in doc.blocks_of(HEADING, PARAGRAPH):
            for m in _phrases().finditer(block.text):
                yield self.violation(block.span_of(m.start(), m.end()),
                                     f"报告中不得夹带请示事项（“{m[0]}”），需要批准的事项应另行请示")
