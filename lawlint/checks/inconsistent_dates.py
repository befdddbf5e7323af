from __future__ import annotations

import datetime as dt
import re

from lawlint.checks import guessed_year_note
from lawlint.document import Document
from lawlint.document.metadata import years_in
from lawlint.document.parts import find_parts
from lawlint.lang.dates import format_cn
from lawlint.lang.docnumbers import find_doc_numbers
from lawlint.rule import Rule, Severity

# The opening's year (2023年，我县……); 2016年以来 names the start of a longer period, not the year.
_LEADING_YEAR = re.compile(r"^[\s\u3000]*((?:19|20)\d{2})[\s\u3000]*年度?(?!度|以来|来|至今|起|开始)")


class InconsistentDates(Rule):
    """日期前后矛盾。

    检查：成文日期早于所报告年度结束；网页发布日期早于成文日期；文档自身发文字号的
    年份晚于成文日期；标题中的年份与正文开头、“主要举措和成效”部分标题中的年份
    不一致；“下一年度主要安排”部分标题中的年份不是报告年度的下一年。报告年度取自
    标题；转载丢了标题时从正文开头推断，这时依据报告年度的问题只作为提示（info）。

    ## 原因
    年度报告报告的是“上一年度”的工作、“下一年度”的安排，应在报告年度结束后成文、
    在成文后公开。年份写错是转载和套用旧稿时最常见的错误之一。

    ## 错误示例
    ```
    江门市科学技术局关于2019年度法治政府建设情况的报告
    ……
    三、2019年推进法治政府建设的主要安排
    ……
    2019年11月28日
    ```

    ## 正确示例
    ```
    江门市科学技术局关于2019年度法治政府建设情况的报告
    ……
    三、2020年推进法治政府建设的主要安排
    ……
    2020年1月20日
    ```
    """

    code = "DT002"
    name = "inconsistent-dates"
    summary = "日期前后矛盾"
    severity = Severity.WARNING
    basis = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）年度报告有关规定；GB/T 9704—2012 7.3.5"

    def check(self, doc: Document):
        meta = doc.meta
        year = meta.report_year.value if meta.report_year else None
        signature = meta.signature
        signed = signature.date.value if signature and signature.date else None
        profile_parts = doc.profile is not None and bool(doc.profile.parts)
        note = guessed_year_note(doc)  # the report year was inferred: findings resting on it are guesses

        if signed is not None and year is not None and profile_parts and signed <= dt.date(year, 12, 31):
            yield self.violation(
                signature.date.span,
                f"成文日期{format_cn(signed)}早于所报告的{year}年度结束：年度报告应在{year + 1}年成文，"
                f"请核对成文日期或报告年度{note}", guess=bool(note))
        if meta.publication is not None and signed is not None:
            published = meta.publication.value
            if published is not None and published < signed:
                yield self.violation(meta.publication.span,
                                     f"发布日期{format_cn(published)}早于成文日期{format_cn(signed)}，请核对")
        if meta.doc_number is not None and signed is not None:
            for number in find_doc_numbers(meta.doc_number.text):
                if number.year is not None and number.year > signed.year:
                    yield self.violation(meta.doc_number.span,
                                         f"发文字号中的年份{number.year}晚于成文日期{format_cn(signed)}，请核对")
        if year is None or meta.report_year is None or doc.title is None:
            yield from self._parts(doc, year, note)
            return
        title_years = years_in(doc.title)
        if title_years and meta.opening is not None:
            m = _LEADING_YEAR.match(meta.opening.text)
            if m and int(m[1]) != year:
                span = meta.opening.span_of(m.start(1), m.end(1))
                yield self.violation(span, f"正文开头的年份{m[1]}年与标题中的{year}年不一致，请核对")
        yield from self._parts(doc, year, note)

    def _parts(self, doc: Document, year: int | None, note: str):
        if year is None:
            return
        for found in find_parts(doc).values():
            offset = found.part.year_offset
            if offset is None:
                continue
            years = years_in(found.heading)
            if years and years[0].value != year + offset:
                relation = "报告年度" if offset == 0 else f"报告年度{year}年的下一年"
                yield self.violation(
                    years[0].span,
                    f"“{found.part.name}”部分标题中的年份{years[0].value}年与{relation}不符，应为{year + offset}年{note}",
                    guess=bool(note))
