from __future__ import annotations

import re

from lawlint.document import PARAGRAPH, Document
from lawlint.rule import Rule, Severity, Span

_ENDS = "。！？!?…”’）)》」』】；;：:"
_PROSE = re.compile(r"[，,、]")
# A task closed by its tag: ……完善权责清单。〔责任单位：县司法局〕
# (its text may hold one level of parentheses: 〔责任单位：各县（市）司法局〕)
_TRAILING_TAG = re.compile(r"[（(〔【［\[](?:[^（）()〔〕【】［］\[\]]|[（(][^（）()〔〕【】［］\[\]]{1,20}[）)]){1,60}"
                           r"[）)〕】］\]]$")


class ParagraphEndPunctuation(Rule):
    """段落末尾缺少句末点号。

    一段正文写完应以句号（或问号、叹号）结束；以引号、括号、书名号收尾时，它们
    前面应有句末点号。只检查像句子的段落（有逗号或顿号、不太短）；引出下文的冒号、
    列举项的分号不报。PDF 转换断开的行已先接回，所以报出的是真正缺了句号的段落，
    也可能是转载时丢了结尾的段落。

    ## 原因
    GB/T 15834—2011 规定句号用于句末；段末缺少句号，读者无法判断这一段是否完整。

    ## 错误示例
    ```
    凡与经济、社会管理和公共服务有关的政务，只要不涉及保密内容，都予以公开
    ```

    ## 正确示例
    ```
    凡与经济、社会管理和公共服务有关的政务，只要不涉及保密内容，都予以公开。
    ```
    """

    code = "PU010"
    name = "paragraph-end-punctuation"
    summary = "段落末尾缺少句末点号"
    severity = Severity.WARNING
    basis = "GB/T 15834—2011 4.1（句号）"
    options = {"min_chars": 15}

    def check(self, doc: Document):
        cut = doc.meta.truncated  # the text stops there (ST006), it did not forget its 。
        for block in doc.blocks_of(PARAGRAPH):
            if block is cut:
                continue
            text = block.text.rstrip()
            if len(text) < self.config["min_chars"] or not _PROSE.search(text) or text[-1] in _ENDS:
                continue
            tag = _TRAILING_TAG.search(text)
            if tag and text[:tag.start()].rstrip()[-1:] in _ENDS:
                continue
            end = block.pieces[-1].end
            yield self.violation(Span(end - 1, end), f"段落末尾“……{text[-8:]}”缺少句号")
