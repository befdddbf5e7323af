from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.lang.text import is_cjk
from lawlint.rule import Availability, Fix, Rule, Severity

_CORNER = {"「": "“", "」": "”", "『": "‘", "』": "’"}
_QUOTES = re.compile("[“”‘’\"'「」『』]")
_SUSPECTS = frozenset("\"'「」『』")


class StraightQuotes(Rule):
    """中文语境中用了直引号或直角引号。

    横排中文用弯引号“”和‘’。ASCII 直引号 `"` `'` 按出现顺序配对，修改建议给出
    对应的前引号或后引号；以“开始、以 `"` 结束的，也指出来。直角引号「」『』用于
    竖排文字，横排公文中改为“”‘’。英文中的引号和撇号不会报出。

    ## 原因
    GB/T 15834—2011 规定引号的形式为“”和‘’；「」『』是竖排文字的引号。

    ## 错误示例
    ```
    深化"放管服"改革，实现“一网通办"。
    推行「双随机、一公开」监管。
    ```

    ## 正确示例
    ```
    深化“放管服”改革，实现“一网通办”。
    The "one-stop" service.
    ```
    """

    code = "PU002"
    name = "straight-quotes"
    summary = "中文语境中用了直引号或直角引号"
    severity = Severity.WARNING
    basis = "GB/T 15834—2011 4.8（引号）"
    fix_availability = Availability.ALWAYS
    needs = "".join(sorted(_SUSPECTS))

    def check(self, doc: Document):
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            text = block.text
            if _SUSPECTS.isdisjoint(text):
                continue
            opened = {'"': False, "'": False}
            for m in _QUOTES.finditer(text):
                i, ch = m.start(), m[0]
                if ch in "“”":
                    opened['"'] = ch == "“"
                elif ch in "‘’":
                    opened["'"] = ch == "‘"
                elif ch in "\"'":
                    closing = opened[ch]
                    opened[ch] = not closing
                    if ch == "'" and i and text[i - 1].isascii() and text[i - 1].isalpha():
                        continue  # an apostrophe (don't)
                    if not self._chinese(text, i, closing):
                        continue
                    right = ("”" if closing else "“") if ch == '"' else ("’" if closing else "‘")
                    span = block.span_of(i, i + 1)
                    what = "直引号" if ch == '"' else "直单引号"
                    role = "后引号" if closing else "前引号"
                    yield self.violation(span, f"中文中应使用弯引号：此处的{what} {ch} 应为{role} {right}",
                                         fix=Fix.replace(span, right, f"改为{role} {right}"))
                elif ch in _CORNER:
                    span = block.span_of(i, i + 1)
                    yield self.violation(span, f"横排文字应使用弯引号：此处的 {ch} 应为 {_CORNER[ch]}",
                                         fix=Fix.replace(span, _CORNER[ch], f"改为 {_CORNER[ch]}"))

    @staticmethod
    def _chinese(text: str, i: int, closing: bool) -> bool:
        """Chinese context: the quoted words (after an opener, before a closer) or the outside neighbour."""
        inside = text[max(0, i - 12):i] if closing else text[i + 1:i + 13]
        outside = text[i + 1:i + 2] if closing else text[i - 1:i] if i else ""
        return any(is_cjk(ch) for ch in inside) or is_cjk(outside)
