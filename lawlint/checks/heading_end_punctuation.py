from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, Document
from lawlint.rule import Availability, Fix, Rule, Severity

_TOP_LEVEL = "。；，;,."   # 一、 headings and unnumbered ones
_LOWER_LEVELS = "；，;,"   # （一） and below: a full stop is common and accepted
_CLAUSE = re.compile(r"[，,；;：:]")
_LONGEST_HEADING = 40  # words: a longer numbered line with clauses is a sentence
_STATEMENT_START = re.compile(r"(?:要|应当?|须|必须|务必|各|请|同意|原则同意|不同意|你[们单位县市区乡镇局])")


class HeadingEndPunctuation(Rule):
    """独立成行的标题末尾带了点号。

    独立成行的一级标题（一、）和无序号标题末尾不加句号、逗号、分号；二级及以下
    标题末尾不加逗号、分号。二级标题后紧接正文的“（一）加强组织领导。市委……”
    是常见的写法，不会报出；独立成行的二级标题以句号结尾也不报。带序号的句子不是
    标题，以句号结尾是对的：批复的批复意见（“一、同意……。二、……要……。”）、讲话
    中分条的要求，以及下面没有正文、一条接一条的列举项。
    公文标题末尾的标点由 ST003 检查。

    ## 原因
    GB/T 15834—2011 附录说明，标题末尾通常不用点号；GB/T 9704—2012 7.3.3 的
    各级标题也不带句末标点。

    ## 错误示例
    ```
    一、主要举措和成效。
    （二）完善制度体系；
    ```

    ## 正确示例
    ```
    一、主要举措和成效
    （一）加强组织领导。市委召开专题会议……
    ```
    """

    code = "PU009"
    name = "heading-end-punctuation"
    summary = "独立成行的标题末尾带了点号"
    severity = Severity.WARNING
    basis = "GB/T 15834—2011 附录（标题的标点用法）；GB/T 9704—2012 7.3.3"
    fix_availability = Availability.ALWAYS

    def check(self, doc: Document):
        blocks = doc.blocks
        for index, block in enumerate(blocks):
            if block.kind != HEADING:
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if following is not None and following.line == block.line:
                continue  # run into a paragraph on the same line
            if block.numbering is not None and _is_statement(block, following):
                continue
            last = block.text.rstrip()[-1:]
            if last and last in (_TOP_LEVEL if block.level <= 1 else _LOWER_LEVELS):
                end = len(block.text.rstrip())
                span = block.span_of(end - 1, end)
                yield self.violation(span, f"独立成行的标题末尾不应有“{last}”", fix=Fix.delete(span, "删除标题末尾的标点"))


def _is_statement(block, following) -> bool:
    """A numbered sentence rather than a heading: it opens as a statement does (要…
    同意… 各…), it is too long for a heading and has clauses, or it is an item of a
    list with no text under it."""
    words = block.text[block.numbering.end - block.numbering.start:].lstrip()
    if _STATEMENT_START.match(words) or (len(words) > _LONGEST_HEADING and _CLAUSE.search(words)):
        return True
    under = following is not None and (following.kind == PARAGRAPH or (
        following.kind == HEADING and following.numbering is not None
        and following.numbering.level > block.numbering.level))
    return not under
