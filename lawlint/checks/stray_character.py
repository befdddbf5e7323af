from __future__ import annotations

import functools
import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine import resources
from lawlint.lang.text import HAN
from lawlint.rule import Applicability, Availability, Fix, Rule, Severity


@functools.cache
def _data() -> tuple[frozenset[tuple[str, str]], frozenset[str], re.Pattern]:
    data = resources.data("collocations")["stray_character"]
    pairs = frozenset(tuple(p.split()) for p in data["pairs"])
    firsts = sorted({a for a, _ in pairs}, key=len, reverse=True)
    seconds = sorted({b for _, b in pairs}, key=len, reverse=True)
    pattern = re.compile(f"({'|'.join(firsts)})([{HAN}])({'|'.join(seconds)})")
    return pairs, frozenset(data["allowed"]), pattern


class StrayCharacter(Rule):
    """固定搭配中间多了一个字。

    报告中常见的固定搭配（“营造良好”“积极探索”“深入推进”……，清单在
    `lawlint/data/lists/collocations.yml`）中间夹进了一个无关的字，如“营造安良好”“积极谈探索”，
    多半是改稿或输入时留下的。按 jieba 分词判断多出的字是否单独成词；“积极地探索”
    “营造了良好”“全面抓落实”这类中间用虚词、副词或“抓”“促”的写法是对的，不会报出。

    ## 原因
    《党政机关公文处理工作条例》第二十条把文字用法是否规范列为审核重点。

    ## 错误示例
    ```
    为全县发展营造安良好的法治环境，在依法决策等方面积极谈探索。
    ```

    ## 正确示例
    ```
    为全县发展营造良好的法治环境，营造安全稳定的社会环境，积极探索、积极地推进。
    ```
    """

    code = "WD017"
    name = "stray-character"
    summary = "固定搭配中间多了一个字"
    severity = Severity.WARNING
    basis = "《党政机关公文处理工作条例》第二十条（审核重点：文字用法是否规范）"
    fix_availability = Availability.ALWAYS
    fix_applicability = Applicability.UNSAFE
    fix_note = "多出的字也可能是丢了半个词留下的（如“营造安良好”原为“营造安全良好”），删除需确认"
    uses_words = True

    def check(self, doc: Document):
        pairs, allowed, pattern = _data()
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            text = block.text
            hits = [m for m in pattern.finditer(text)
                    if (m[1], m[3]) in pairs and m[2] not in allowed and m[2] not in (m[1][-1], m[3][0])]
            if not hits:
                continue  # no pair split by a character: no need to segment
            bounds = doc.word_boundaries(text)
            for m in hits:
                if not all(o in bounds for o in (m.start(1), m.start(2), m.end(2), m.end(3))):
                    continue  # the character belongs to a word of its own (jieba)
                span = block.span_of(m.start(2), m.end(2))
                yield self.violation(
                    block.span_of(m.start(), m.end()),
                    f"“{m[0]}”中间多了一个“{m[2]}”：应为“{m[1]}{m[3]}”",
                    fix=Fix.delete(span, f"删除“{m[2]}”"))
