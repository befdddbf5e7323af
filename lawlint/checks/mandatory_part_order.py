from __future__ import annotations

from lawlint.checks import DUCHA_BASIS as BASIS
from lawlint.document import Document
from lawlint.document.parts import find_parts
from lawlint.rule import Rule, Severity


class MandatoryPartOrder(Rule):
    """必备部分的顺序与规定不一致。

    ## 原因
    《法治政府建设与责任落实督察工作规定》按“主要举措和成效—不足和原因—第一责任人
    履职情况—下一年度安排”的顺序列出年度报告内容。顺序不是硬性要求，调整顺序的
    报告也常见，因此仅作提示。只比较以一级标题列出的部分。

    ## 错误示例
    ```
    一、主要举措及成效
    二、党政主要负责人履行推进法治建设第一责任人职责情况
    三、存在的不足和原因
    ```

    ## 正确示例
    ```
    一、主要举措及成效
    二、存在的不足和原因
    三、党政主要负责人履行推进法治建设第一责任人职责情况
    ```
    """

    code = "ST002"
    name = "mandatory-part-order"
    summary = "必备部分的顺序与规定不一致"
    severity = Severity.INFO
    basis = BASIS

    def check(self, doc: Document):
        profile = doc.profile
        if profile is None or not profile.parts:
            return
        found = find_parts(doc)
        placed = [(profile.parts.index(f.part), f) for f in found.values() if not f.nested]
        for rank, part in placed:
            later = [f for r, f in placed if r < rank and f.heading.span.start > part.heading.span.start]
            if later:
                first = min(later, key=lambda f: f.heading.span.start)
                yield self.violation(
                    part.heading.span,
                    f"“{part.part.name}”部分位于“{first.part.name}”之前；规定的顺序是："
                    + "—".join(p.name for p in profile.parts if not p.optional),
                )
