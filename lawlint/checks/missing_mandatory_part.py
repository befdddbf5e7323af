from __future__ import annotations

from lawlint.document import Document
from lawlint.parts import find_parts
from lawlint.rule import Rule, Severity, Span

BASIS = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）年度报告有关规定"


def anchor(doc: Document) -> Span:
    """Where document-level findings point: the title, else the start of the text."""
    title = doc.title
    return title.span if title is not None else Span(0, 0)


class MissingMandatoryPart(Rule):
    """缺少法定必备部分。

    文档类型（profile）规定了必须单列的部分。法治政府建设年度报告须报告：上一年度
    推进法治政府建设的主要举措和成效；存在的不足和原因；党政主要负责人履行推进法治
    建设第一责任人职责情况；下一年度主要安排（“其他需要报告的情况”可选）。

    ## 原因
    《法治政府建设与责任落实督察工作规定》列明了年度报告的内容。某一部分只在其他
    部分里一句带过（如在“主要举措”中提到“局长为第一责任人”）不算单列。该规定
    2019年4月15日起施行，报告2019年以前年度的文档不按此检查。各部分可用多种标题
    措辞（工作情况、存在的问题、下一步打算等），同义词见 `rules/profiles/`。

    ## 错误示例
    ```
    一、2023年推进法治政府建设工作举措和成效
    二、存在的不足及原因
    三、2024年工作安排
    ```
    （没有“党政主要负责人履行推进法治建设第一责任人职责情况”部分）

    ## 正确示例
    ```
    一、2023年推进法治政府建设的主要举措和成效
    二、存在的不足和原因
    三、党政主要负责人履行推进法治建设第一责任人职责情况
    四、2024年推进法治政府建设的主要安排
    ```
    """

    code = "ST001"
    name = "missing-mandatory-part"
    summary = "缺少法定必备部分"
    severity = Severity.ERROR
    basis = BASIS

    def check(self, doc: Document):
        profile = doc.profile
        if profile is None or not profile.parts:
            return
        year = doc.meta.report_year
        if profile.parts_since and year is not None and year.value < profile.parts_since:
            return
        found = find_parts(doc)
        for part in profile.parts:
            if part.optional or part.id in found:
                continue
            yield self.violation(
                anchor(doc),
                f"缺少“{part.name}”部分：{profile.title or '此类文档'}应以单独标题列出该部分"
                f"（如“×、{part.name}”），仅在其他部分中一句带过不算",
            )
