"""LL001: a suppression that silences nothing, or names a rule lawlint does not have.

Like ruff's RUF100: a ``lawlint-disable`` comment left after the text was corrected, or
with a mistyped code, would otherwise silence a future finding or nothing at all without
anyone knowing.  It runs after the other rules, once their findings are filtered
(``Rule.after_suppressions``); an unused suppression is only reported when every rule it
names ran on the document (a rule switched off cannot have used it).
"""
from __future__ import annotations

from lawlint.document import Document
from lawlint.engine.suppress import active
from lawlint.rule import Rule, Severity


class UnusedSuppression(Rule):
    """不起作用的 lawlint 抑制注释（没有抑制任何问题，或规则代码不存在）。

    ## 原因
    抑制注释（`<!-- lawlint-disable-next-line WD001 -->` 等）用来放过某一处确实无误的写法。
    原文改正以后注释还留着，或者代码写错了，它就什么也不抑制；留着的注释还会在以后悄悄放过同一处新出现的问题。
    应删去不起作用的注释，或改正其中的规则代码。

    ## 错误示例
    ```markdown
    <!-- lawlint-disable-next-line PU001 -->
    本行没有半角标点，这条注释不起作用。

    <!-- lawlint-disable-next-line XX999 -->
    没有 XX999 这条规则。
    ```

    ## 正确示例
    ```markdown
    <!-- lawlint-disable-next-line PU001 -->
    引用原文时保留了半角逗号,这里确实不改。
    ```
    """

    code = "LL001"
    name = "unused-suppression"
    summary = "不起作用的 lawlint 抑制注释（没有抑制任何问题，或规则代码不存在）"
    severity = Severity.WARNING
    basis = "lawlint 的抑制注释约定（见 docs/configuration.md）；非公文标准要求"
    after_suppressions = True

    def check(self, doc: Document):
        for s in active(doc):
            if s.directive is None:
                continue
            if not s.codes:
                if s.checked and not s.used:
                    yield self.violation(s.directive, f"{s.label}没有抑制任何问题，请删去")
                continue
            unused = [c for c in s.codes if c not in s.used and c not in s.unknown] if s.checked else []
            if not unused and not s.unknown:
                continue
            where = "下一行" if "next-line" in s.label else "它覆盖的范围内"
            parts = []
            if s.unknown:
                parts.append(f"规则代码 {'、'.join(s.unknown)} 不存在（lawlint rules 可查看全部规则）")
            if unused:
                parts.append(f"{where}没有 {'、'.join(unused)} 的问题")
            if len(unused) + len(s.unknown) == len(s.codes):
                advice = "这条注释不起作用，请删去或改正"
            else:
                advice = f"请删去或改正其中的 {'、'.join([*s.unknown, *unused])}"
            yield self.violation(s.directive, f"{s.label}：{'；'.join(parts)}，{advice}")
