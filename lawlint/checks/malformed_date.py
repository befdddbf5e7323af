from __future__ import annotations

import bisect
import datetime as dt
import re

from lawlint.document import ELEMENT, HEADING, PARAGRAPH, Document
from lawlint.document.layout import is_note, is_organ_line, split_organ_date
from lawlint.engine.prefilter import finditer_lines, scanner
from lawlint.lang.dates import (
    CHINESE,
    COMPACT,
    LOST_MARKS,
    MONTH_DAY_ANCHOR,
    PADDED,
    SEPARATED,
    SHORT_YEAR,
    STANDARD,
    DateMention,
    days_in_month,
    find_standard_dates,
    parse_date_text,
)
from lawlint.lang.text import squeeze
from lawlint.rule import Availability, Fix, Rule, Severity, Span

_MONTH_DAY = scanner(re.compile(r"(?<![0-9年])(?P<m>\d{1,2})月(?P<d>\d{1,2})日"))
# GB/T 9704—2012 took effect on 2012-07-01; before it 行政机关 wrote 成文日期 in 汉字.
GBT9704_2012 = dt.date(2012, 7, 1)
_STYLE_REASON = {
    COMPACT: "年、月、日之间缺少“年”“月”“日”",
    SEPARATED: "不应用“.”“-”“/”分隔年月日",
    PADDED: "月、日不编虚位（即1不编为01）",
    CHINESE: "应使用阿拉伯数字，GB/T 9704—2012于2012年7月1日施行后不再用汉字书写",
    SHORT_YEAR: "年份应标全称（四位数字）",
}


class MalformedDate(Rule):
    """成文日期写法不规范或日期不存在。

    检查落款中的成文日期和版记中的印发日期：须用阿拉伯数字将年、月、日标全，年份
    标全称，月、日不编虚位。印发通知后接附件时，通知的落款在全文中间：紧跟在一行
    发文机关名称之后的日期行也按成文日期检查。落款中转换丢了“年”“月”“日”、只剩
    三组数字的日期（如“{ 2017 6 23”）也报出并给出写法。全文中不存在的日期（如
    “2月30日”“13月”）也会报出。
    2012年7月1日以前成文的公文用汉字书写日期（如“二〇一一年三月五日”）是当时的
    规定，不报。

    ## 原因
    GB/T 9704—2012 7.3.5.4：成文日期中的数字“用阿拉伯数字将年、月、日标全，年份
    应标全称，月、日不编虚位（即1不编为01）”。该标准2012年7月1日施行，此前行政
    机关公文用汉字书写成文日期，此后不再适用。

    ## 错误示例
    ```
    20171226
    2017.12.26
    2024年01月08日
    二〇二五年一月六日
    { 2017 6 23
    24年3月1日
    2024年2月30日
    ```

    ## 正确示例
    ```
    2017年12月26日
    2024年1月8日
    2025年1月6日
    二〇一一年三月五日（2012年7月1日以前成文）
    ```
    """

    code = "DT001"
    name = "malformed-date"
    summary = "成文日期写法不规范或日期不存在"
    severity = Severity.ERROR
    basis = "GB/T 9704—2012 7.3.5.4"
    fix_availability = Availability.SOMETIMES

    def check(self, doc: Document):
        reported: set[int] = set()
        signature = doc.meta.signature
        if signature is not None and signature.date is not None and (
                signature.organs or signature.date.mention.style != LOST_MARKS):
            yield from self._formal(signature.date.mention, signature.date.span, "成文日期")
            reported.add(signature.date.span.start)
        for date, span in _inner_signing_dates(doc):
            if span.start not in reported:
                reported.add(span.start)
                yield from self._formal(date, span, "成文日期")
        for block in doc.blocks:
            if block.kind == ELEMENT and block.text.rstrip().endswith("印发"):
                for found in find_standard_dates(block.text):
                    span = block.span_of(found.start, found.end)
                    reported.add(span.start)
                    yield from self._formal(found, span, "印发日期")
        covered = []
        for found in find_standard_dates(doc.text):
            covered.append((found.start, found.end))
            if found.start in reported or found.style == SHORT_YEAR:
                continue
            if not found.valid:
                yield self.violation(Span(found.start, found.end), f"日期“{found.text}”不存在，请核对")
        for m in finditer_lines(_MONTH_DAY, MONTH_DAY_ANCHOR, doc.text):
            k = bisect.bisect_right(covered, (m.start(), float("inf"))) - 1
            if k >= 0 and covered[k][0] <= m.start() < covered[k][1]:
                continue
            month, day = int(m["m"]), int(m["d"])
            if not 1 <= month <= 12 or not 1 <= day <= days_in_month(2024, month):
                yield self.violation(Span(m.start(), m.end()), f"日期“{m[0]}”不存在，请核对")

    def _formal(self, date: DateMention, span: Span, what: str):
        if date.style != SHORT_YEAR and not date.valid:
            yield self.violation(span, f"{what}“{date.text}”不存在，请核对")
            return
        if date.style == CHINESE and date.date < GBT9704_2012:
            return  # 汉字 was the rule for documents signed before GB/T 9704—2012 took effect
        if date.style == STANDARD and squeeze(date.text) == date.canonical:
            return  # blanks inside are the text-hygiene rules' business
        reason = _STYLE_REASON.get(date.style, "写法不规范")
        if date.style == LOST_MARKS:
            reason = "".join(f"“{c}”" for c in "年月日" if c not in date.text) + "在转换或复制中丢失"
        if date.canonical:
            yield self.violation(span, f"{what}“{date.text}”写法不规范（{reason}），应写作“{date.canonical}”",
                                 fix=Fix.replace(span, date.canonical))
        else:
            yield self.violation(span, f"{what}“{date.text}”写法不规范（{reason}）")


_INNER_DATE = re.compile(r"(?:19|20)\d{2}[^0-9]{0,3}\d{1,2}[^0-9]{0,3}\d{1,2}|[〇○零Oo0０一二三四五六七八九]{4}年")


def _inner_signing_dates(doc: Document):
    """成文日期 inside the text: a short date line right after a line of organ names (the
    落款 of a notice followed by its attachment), or an organ line ending with a date."""
    kinds = {piece.start: block.kind for block in doc.blocks for piece in block.pieces}
    body = next((b.span.start for b in doc.blocks if b.kind == PARAGRAPH), None)
    lines = doc.lines
    for k, line in enumerate(lines):
        text = line.text
        if len(text) > 60 or kinds.get(line.content_start) not in (PARAGRAPH, HEADING) \
                or not _INNER_DATE.search(text):
            continue
        if body is None or line.content_start <= body:
            continue  # a 落款 follows body text: a byline under the title is no 成文日期
        parsed = parse_date_text(text)
        offset = line.content_start
        if parsed is None:
            split = split_organ_date(text)
            if split is None:
                continue
            parsed = parse_date_text(text[split[1]:])
            offset += split[1]
        else:
            organ = _organ_above(lines, k)
            if organ is None or lines[organ].content_start <= body:
                continue
        if parsed is not None:
            yield parsed, Span(offset + parsed.start, offset + parsed.end)


def _organ_above(lines, k: int) -> int | None:
    """The line of organ names above line ``k`` (a 附注 such as （此件公开发布） may stand
    between, when conversion moved it), or None."""
    for j in range(k - 1, max(-1, k - 4), -1):
        text = lines[j].text
        if is_organ_line(text):
            return j
        if not is_note(text):
            return None
    return None
