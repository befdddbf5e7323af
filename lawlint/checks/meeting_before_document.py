from __future__ import annotations

import datetime as dt
import functools
import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine import resources
from lawlint.engine.prefilter import blocks_holding, scanner
from lawlint.lang.dates import format_cn
from lawlint.rule import Rule, Severity

_TERM = r"十[六七八九]|二十[一二]?"


@functools.cache
def _plenums() -> re.Pattern:
    """Compiled when a text first holds 届."""
    return re.compile(rf"(?P<t>{_TERM})届(?P<list>(?:[一二三四五六七八九]中、?)+)全会")


_CONGRESS_ANCHOR = re.compile("大(?<=[六七八九十一二]大)")  # the last character of a term, then 大
_CONGRESS = scanner(re.compile(rf"党的(?P<t>{_TERM})大|(?<![一二三四五六七八九十])(?P<u>{_TERM})大(?=精神|报告|以来|召开|胜利|和)"))


@functools.cache
def _meetings() -> dict[str, dt.date]:
    data = resources.data("political")["meetings"]
    return {name: value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
            for name, value in data.items()}


class MeetingBeforeDocument(Rule):
    """引用了成文时尚未召开的会议。

    文中提到的党的代表大会、中央全会（如“二十届四中全会”，也包括“二十届二中、三中
    全会”这样的合写），召开日期不能晚于文档的成文日期（没有成文日期时用网页发布日期）。
    会议清单和日期在 `lawlint/data/lists/political.yml`，有新会议时补充即可。

    ## 原因
    套用新文稿改写旧报告，或年份写错，常会出现这种时间上不可能的引用。

    ## 错误示例
    ```
    深入学习贯彻党的二十届四中全会精神。
    ……
    2025年2月20日
    ```

    ## 正确示例
    ```
    深入学习贯彻党的二十大和二十届二中、三中全会精神。
    ……
    2025年2月20日
    ```
    """

    code = "WD012"
    name = "meeting-before-document"
    summary = "引用了成文时尚未召开的会议"
    severity = Severity.ERROR
    basis = "各次会议公报（召开日期）；《党政机关公文处理工作条例》第二十条（引文是否准确）"

    def check(self, doc: Document):
        meta = doc.meta
        written = meta.signature.date.value if meta.signature and meta.signature.date else None
        if written is None and meta.publication is not None:
            written = meta.publication.value
        if written is None:
            return
        meetings = _meetings()
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            for m in _plenums().finditer(block.text) if "届" in block.text else ():
                for plenum in re.findall(r"[一二三四五六七八九]中", m["list"]):
                    yield from self._check(block, m, f"{m['t']}届{plenum}全会", meetings, written)
        for block in blocks_holding(doc, _CONGRESS_ANCHOR, TITLE, HEADING, PARAGRAPH):
            for m in _CONGRESS.finditer(block.text):
                yield from self._check(block, m, f"党的{m['t'] or m['u']}大", meetings, written)

    def _check(self, block, m, name, meetings, written):
        held = meetings.get(name)
        if held is not None and held > written:
            yield self.violation(block.span_of(m.start(), m.end()),
                                 f"{name}于{format_cn(held)}召开，晚于本文的成文日期{format_cn(written)}，请核对")
