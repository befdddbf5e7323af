from __future__ import annotations

from lawlint import Rule, Severity, Span
from lawlint.lang.docnumbers import find_doc_numbers


class DocNumberCode(Rule):
    """本机关发文字号的机关代字不在名单内。

    文档自身的发文字号（标题上方或下方单独一行）所用的机关代字，必须是本机关
    登记过的代字之一（选项 `codes`）。

    ## 原因
    《党政机关公文处理工作条例》第九条：发文字号由发文机关代字、年份、发文顺序号
    组成。本机关的代字是固定的，用错代字的公文无法归档，也可能与其他机关的文号重复。

    ## 错误示例
    ```
    青司字〔2025〕3号
    青山县司法局关于2024年度法治政府建设情况的报告
    ```

    ## 正确示例
    ```
    青司发〔2025〕3号
    青山县司法局关于2024年度法治政府建设情况的报告
    ```
    """

    code = "XA101"
    name = "agency-doc-number-code"
    summary = "本机关发文字号的机关代字不在名单内"
    severity = Severity.ERROR
    basis = "《党政机关公文处理工作条例》第九条（五）；青山县司法局公文处理办法"
    options = {"codes": ["青司发", "青司函", "青司办"]}

    def check(self, doc):
        own = doc.meta.doc_number
        if own is None:
            return
        allowed = self.config["codes"]
        for number in find_doc_numbers(own.text):
            if number.org not in allowed:
                start = own.span.start + number.start
                yield self.violation(
                    Span(start, start + len(number.org)),
                    f"机关代字“{number.org}”不是本机关的代字，应为{'、'.join(f'“{c}”' for c in allowed)}之一",
                )
