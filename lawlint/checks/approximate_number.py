from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine.prefilter import blocks_holding, scanner
from lawlint.lang.text import cn_to_int, int_to_cn
from lawlint.rule import Availability, Fix, Rule, Severity

_UNIT = r"(?=[十百千万]?(?:个|次|天|年|人|家|名|项|倍|位|件|条|种|所|批|遍|周|月|日|小时|分钟|公里|米|元))"
_APPROX_ANCHOR = re.compile("、(?<=[1-9一二三四五六七八九]、)(?=[1-9一二三四五六七八九])")
_APPROX = scanner(re.compile(rf"(?<![\d一二三四五六七八九十、.．])(?P<a>[1-9]|[一二三四五六七八九])、(?P<b>[1-9]|[一二三四五六七八九]){_UNIT}"))


def _value(x: str) -> int:
    return int(x) if x.isdigit() else cn_to_int(x)


class ApproximateNumber(Rule):
    """相邻两数连用表示概数时加了顿号。

    “三四个”“五六天”这样用相邻两个数表示的概数，中间不加顿号，并用汉字数字。
    只检查相邻的两个数（三、四 / 3、4）后面紧跟量词的情况；“一、二级”这类列举和
    序次语不会报出。

    ## 原因
    GB/T 15835—2011：数字连用表示的概数用汉字数字，两个数字之间不用顿号隔开
    （如“二三米”“一两个小时”“三五天”）。

    ## 错误示例
    ```
    三、四个工作日内办结；每月开展3、4次检查。
    ```

    ## 正确示例
    ```
    三四个工作日内办结；每月开展三四次检查；分一、二级响应。
    ```
    """

    code = "NU005"
    name = "approximate-number-dunhao"
    summary = "相邻两数连用表示概数时加了顿号"
    severity = Severity.WARNING
    basis = "GB/T 15835—2011 第4章（汉字数字的选用：概数）"
    fix_availability = Availability.ALWAYS

    def check(self, doc: Document):
        for block in blocks_holding(doc, _APPROX_ANCHOR, TITLE, HEADING, PARAGRAPH):
            for m in _APPROX.finditer(block.text):
                a, b = _value(m["a"]), _value(m["b"])
                if b != a + 1:
                    continue
                good = int_to_cn(a) + int_to_cn(b)
                span = block.span_of(m.start(), m.end())
                yield self.violation(span, f"概数“{m[0]}”中间不加顿号，应写作“{good}”", fix=Fix.replace(span, good))
