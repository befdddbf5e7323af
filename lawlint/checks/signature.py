from __future__ import annotations

from lawlint.document import CHROME, Document
from lawlint.document.parts import cut_off
from lawlint.rule import Rule, Severity, Span


class Signature(Rule):
    """落款缺失或不完整。

    正文之后应有落款：发文机关署名，其下一行为成文日期。

    ## 原因
    GB/T 9704—2012 7.3.5 规定公文应有发文机关署名和成文日期；《党政机关公文处理
    工作条例》第九条把二者列为公文要素。网页转载的报告常常丢掉落款，这样的文本
    无法确认由谁、在何时成文（法治政府建设年度报告的报送时限也无从核对）。

    ## 错误示例
    ```
    ……全力营造高质量发展的科技创新环境。
    ```
    （正文之后没有落款）

    ## 正确示例
    ```
    ……全力营造高质量发展的科技创新环境。

                                        诸暨市科学技术局
                                        2024年1月25日
    ```
    """

    code = "ST004"
    name = "signature"
    summary = "落款缺失或不完整"
    severity = Severity.ERROR
    basis = "GB/T 9704—2012 7.3.5；《党政机关公文处理工作条例》第九条"

    def check(self, doc: Document):
        if cut_off(doc):
            return  # the text stops before its end: ST006 says so once
        signature = doc.meta.signature
        if signature is None:
            yield self.violation(_end(doc), "缺少落款：正文之后应署发文机关名称并在其下一行标注成文日期"
                                            "（如“××市司法局”“2025年2月20日”）")
        elif not signature.organs:
            # a guess: web copies often drop the organ printed with the seal
            yield self.violation(signature.span, "落款缺少发文机关署名：成文日期之上应署发文机关名称"
                                                 "（网页转载常丢掉加盖印章处的署名，请与原件核对）", guess=True)
        elif signature.date is None and not signature.unfilled_date:
            yield self.violation(signature.span, "落款缺少成文日期：发文机关署名之下应标注成文日期（如“2025年2月20日”）")


def _end(doc: Document) -> Span:
    """The last character of the text proper (web chrome below it excluded)."""
    for block in reversed(doc.blocks):
        if block.kind != CHROME:
            end = block.pieces[-1].end
            return Span(end - 1, end)
    return Span(0, 0)
