from __future__ import annotations

import functools
import re

from lawlint.document import Document
from lawlint.document.layout import title_core
from lawlint.engine import resources
from lawlint.lang.text import BLANKS, squeeze
from lawlint.rule import Applicability, Availability, Edit, Fix, Rule, Severity, Span

_TRAILING = re.compile(rf"[。．.，,；;：:][{BLANKS}]*$")


@functools.cache
def _kinds() -> tuple[tuple[str, ...], dict[str, str], tuple[str, ...]]:
    data = resources.data("document-kinds")
    by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731
    return by_length(data["statutory"]), dict(data["wrong_endings"]), by_length(data["attached"])


class Title(Rule):
    """标题缺失或不规范。

    检查：缺少标题；标题末尾带标点；“关于……”之后缺少“的”；以“关于”开头而文档带有
    发文字号时缺少发文机关名称（提示：版头已有发文机关标志时常省略）；标题未以
    《党政机关公文处理工作条例》第八条规定的十五种文种之一结尾（如用“总结”“汇报”
    “请示报告”）。方案、办法、预案、讲话、解读等不是文种，以它们结尾的标题不查文种。

    ## 原因
    《党政机关公文处理工作条例》第九条：标题由发文机关名称、事由和文种组成，
    即“发文机关 + 关于……的 + 文种”；第八条列出十五种文种（决议、决定、命令（令）、
    公报、公告、通告、意见、通知、通报、报告、请示、批复、议案、函、纪要）。
    标题是一个名词性短语，末尾不加句号。

    ## 错误示例
    ```
    江门市科学技术局关于2019年度法治政府建设情况报告
    关于2024年法治政府建设工作总结
    淮北市人民政府关于2024年法治政府建设情况的报告。
    ```

    ## 正确示例
    ```
    江门市科学技术局关于2019年度法治政府建设情况的报告
    淮北市人民政府关于2024年法治政府建设情况的报告
    静海区2023年度法治政府建设情况报告
    ```
    """

    code = "ST003"
    name = "title"
    summary = "标题缺失或不规范"
    severity = Severity.ERROR
    basis = "《党政机关公文处理工作条例》第八条、第九条（七）；GB/T 9704—2012 7.3.1"
    fix_availability = Availability.SOMETIMES
    fix_note = "删除标题末尾的标点是安全的；在文种前补“的”需确认"

    def check(self, doc: Document):
        block = doc.title
        if block is None:
            yield self.violation(Span(0, 0), "缺少标题：公文应有标题，由发文机关名称、事由和文种组成"
                                             "（如“××市人民政府关于2024年法治政府建设情况的报告”）")
            return
        text = block.text
        trailing = _TRAILING.search(text)
        if trailing:
            span = block.span_of(trailing.start(), trailing.end())
            yield self.violation(span, f"标题末尾不应有标点“{trailing[0].strip(BLANKS)}”，请删除",
                                 fix=Fix.delete(span, "删除标题末尾的标点"))
            text = text[:trailing.start()]
        whole = squeeze(text)
        title = title_core(whole)  # （全文）, （2024年修订） and such notes are not the kind
        note = len(whole) - len(title)
        statutory, wrong, attached = _kinds()
        kind = next((k for k in statutory if title.endswith(k)), None)
        bad = next((w for w in sorted(wrong, key=len, reverse=True) if title.endswith(w)), None)
        if bad and (kind is None or len(bad) > len(kind)):
            if bad == "情况":
                message = "标题缺少文种：应以法定文种结尾，如“……情况的报告”"
            else:
                message = f"“{bad}”不是《党政机关公文处理工作条例》第八条规定的文种，应改用“{wrong[bad]}”"
            yield self.violation(block.span, message)
            return
        if kind is None:
            if not any(title.endswith(a) for a in attached):
                yield self.violation(block.span, "标题未以法定文种结尾（报告、请示、通知、意见、函等十五种之一）")
            return
        if "关于" in title:
            after = title.split("关于", 1)[1]
            if "的" not in after[:-len(kind)]:
                at = len(text.rstrip(BLANKS)) - note - len(kind)
                edit = Edit(block.span_of(at, at), "的")
                yield self.violation(
                    block.span,
                    f"标题缺少“的”：应为“关于……的{kind}”，如“{title[:-len(kind)]}的{kind}”",
                    fix=Fix((edit,), f"在“{kind}”前加“的”", Applicability.UNSAFE),
                )
            if title.startswith("关于") and doc.meta.doc_number is not None:
                # a guess: with the 发文机关标志 above it, the organ is often left out of the title
                yield self.violation(block.span, "标题缺少发文机关名称：带发文字号的公文，标题应由发文机关名称、事由和文种"
                                                 "组成（版头已有发文机关标志、本机关惯例省略的，可不改）", guess=True)
