from __future__ import annotations

from lawlint.document import Document
from lawlint.document.parts import anchor, ends_early
from lawlint.rule import Rule, Severity, Span


class TruncatedText(Rule):
    """文本在句子中间结束，后面的内容可能丢失。

    最后一段正文没有句末点号、后面也没有落款（或者最后一行是下面没有内容的序号标题），
    多半是转载、复制或格式转换时丢了结尾：正文的其余部分、落款都不在文本里。只报一次，
    报在断开的地方；这时不再逐项报告缺少的落款（ST004）、缺少的必备部分（ST001）和
    这一段缺少的句号（PU010）——补全文本之后再检查它们。公文之后附带的附件（如印发
    通知所附的方案）在中间断开的，不报：公文本身是完整的。年度报告的文本只有第一
    部分（举措和成效）、既没有其余部分也没有落款时，多半也是截断的，以提示（info）
    报出一次，代替逐项的“缺少某部分”和“缺少落款”。

    ## 原因
    《党政机关公文处理工作条例》第九条列出的公文要素（正文、发文机关署名、成文日期等）
    应当齐全；截断的文本无法判断还缺什么。请与原件核对，补全后再检查。

    ## 错误示例
    ```
    二、存在的不足和原因
    一是部分执法人员运用法治思维解决问题的能力还不够强，二是基层法治
    ```

    ## 正确示例
    ```
    二、存在的不足和原因
    一是部分执法人员运用法治思维解决问题的能力还不够强；二是基层法治力量相对薄弱。
    （后接其余部分和落款）
    ```
    """

    code = "ST006"
    name = "truncated-text"
    summary = "文本在句子中间结束，后面的内容可能丢失"
    severity = Severity.WARNING
    basis = "《党政机关公文处理工作条例》第九条（公文要素）"

    def check(self, doc: Document):
        block = doc.meta.truncated
        if block is None:
            if ends_early(doc):
                later = "、".join(f"“{p.name}”" for p in doc.profile.parts if not p.optional and not p.topical)
                yield self.violation(anchor(doc), f"文本只有报告的第一部分，没有落款就结束了：{later}和落款"
                                                  "可能在复制或转换时丢失，请与原件核对", guess=True)
            return
        if block.part:
            return
        text = block.text.rstrip()
        end = block.pieces[-1].end
        yield self.violation(Span(end - 1, end),
                             f"文本在“……{text[-10:]}”处中断，句子没有写完：后面的正文和落款可能在复制或"
                             "转换时丢失（也可能只是漏了句末标点），请与原件核对并补全后再检查")
