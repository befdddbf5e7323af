from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, SIGNATURE, TITLE, Document
from lawlint.engine.prefilter import blocks_holding, scanner
from lawlint.rule import Availability, Fix, Rule, Severity

_YEAR = scanner(re.compile(r"(?<![〇○零0OoＯ一二三四五六七八九十])[一二][〇○零0OoＯ一二三四五六七八九]{3}(?=[ \t]*年)"))
_YEAR_ANCHOR = re.compile("年(?<=[〇○零0OoＯ一二三四五六七八九 \t]年)")
_ZEROS = "○零0OoＯ"


class YearNumerals(Rule):
    """汉字年份中的“〇”写错。

    “〇”写成了“0”“o”“○”或“零”。

    用汉字书写年份时，数字0写作“〇”（U+3007）。阿拉伯数字0、拉丁字母o、几何圆圈
    “○”（U+25CB，看起来一样）和“零”都不对。

    ## 原因
    GB/T 15835—2011 5.2.5：“0”用作编号时，汉字书写形式为“〇”，如公元2012年写作
    “二〇一二”，不写为“二零一二”。

    ## 错误示例
    ```
    二0二五年  二o二五年  二○二五年  二零二五年
    ```

    ## 正确示例
    ```
    二〇二五年
    ```
    """

    code = "NU004"
    name = "year-numerals"
    summary = "汉字年份中的“〇”写错"
    severity = Severity.ERROR
    basis = "GB/T 15835—2011 5.2.5"
    fix_availability = Availability.ALWAYS

    def check(self, doc: Document):
        for block in blocks_holding(doc, _YEAR_ANCHOR, TITLE, HEADING, PARAGRAPH, SIGNATURE):
            for m in _YEAR.finditer(block.text):
                wrong = [ch for ch in m[0] if ch in _ZEROS]
                if not wrong:
                    continue
                good = "".join("〇" if ch in _ZEROS else ch for ch in m[0])
                span = block.span_of(m.start(), m.end())
                shown = "、".join(f"“{ch}”" for ch in dict.fromkeys(wrong))
                yield self.violation(span, f"年份“{m[0]}”中的{shown}应为“〇”：应写作“{good}”", fix=Fix.replace(span, good))
