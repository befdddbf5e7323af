from __future__ import annotations

import datetime as dt

from lawlint.checks import DUCHA_BASIS as BASIS
from lawlint.checks import guessed_year_note
from lawlint.document import Document
from lawlint.lang.dates import format_cn
from lawlint.rule import Rule, Severity

_KIND_NAMES = {"government": "各级政府（及党委和政府联合报告）", "department": "政府部门"}


class LateReport(Rule):
    """成文或公开晚于规定时限。

    时限由文档类型给出，可在配置中调整（`deadlines`）。法治政府建设年度报告：
    政府部门的成文日期不晚于次年3月1日，各级政府不晚于次年4月1日；向社会公开
    （网站发布）不晚于次年4月1日。机关类型由落款或标题中的机关名称判断：以
    “人民政府”结尾或为党委的按政府，以局、委、办、厅等结尾的按部门，无法判断的
    按较宽的政府时限。2019年4月15日规定施行前的年度不检查。报告年度取自标题；转载
    丢了标题时从正文开头推断，这时的问题只作为提示（info）。

    ## 原因
    《法治政府建设与责任落实督察工作规定》对年度报告的报送和公开规定了时限。

    ## 错误示例
    ```
    江门市科学技术局关于2019年度法治政府建设情况的报告
    发布时间：2020-04-08
    ```

    ## 正确示例
    ```
    诸暨市科技局2023年度法治政府建设工作报告
    发布时间：2024-02-26
    ```
    """

    code = "DT003"
    name = "late-report"
    summary = "成文或公开晚于规定时限"
    severity = Severity.WARNING
    basis = BASIS

    def check(self, doc: Document):
        profile = doc.profile
        meta = doc.meta
        if profile is None or meta.report_year is None:
            return
        deadlines = profile.deadlines
        year = meta.report_year.value
        note = guessed_year_note(doc)  # the report year was inferred: the findings are guesses
        if deadlines.since is not None and year < deadlines.since:
            return
        signature = meta.signature
        if deadlines.signing and signature is not None and signature.date is not None and signature.date.value:
            kind = meta.organ_kind if meta.organ_kind in deadlines.signing else None
            month, day = deadlines.signing[kind] if kind else max(deadlines.signing.values())
            limit = dt.date(year + 1, month, day)
            signed = signature.date.value
            if signed > limit:
                who = _KIND_NAMES.get(kind, "本类机关") if kind else "各级政府"
                yield self.violation(
                    signature.date.span,
                    f"成文日期{format_cn(signed)}晚于报送时限：{who}的{year}年度报告应于{format_cn(limit)}前报送{note}",
                    guess=bool(note))
        if deadlines.publication and meta.publication is not None and meta.publication.value:
            month, day = deadlines.publication
            limit = dt.date(year + 1, month, day)
            published = meta.publication.value
            if published > limit:
                yield self.violation(
                    meta.publication.span,
                    f"发布日期{format_cn(published)}晚于公开时限：{year}年度报告应于{format_cn(limit)}前向社会公开{note}",
                    guess=bool(note))
