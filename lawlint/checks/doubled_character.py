from __future__ import annotations

import functools
import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine import resources
from lawlint.lang.text import segment_pieces
from lawlint.rule import Availability, Fix, Rule, Severity


@functools.cache
def _checked() -> frozenset[str]:
    return frozenset(c for c in resources.data("doubled-characters")["checked"] if len(c) == 1)


@functools.cache
def _prefixed() -> tuple[str, ...]:
    return tuple(resources.data("doubled-characters")["prefixed_words"])


def _begins_word(char: str, after: str) -> bool:
    """Does ``char`` begin a word with the text ``after`` it (会前, 县长, 市本级)?"""
    from lawlint.lang.words import is_word

    return after.startswith(_prefixed()) or any(is_word(char + after[:k]) for k in range(1, min(len(after), 3) + 1))


@functools.cache
def _doubled() -> re.Pattern:
    """A checked character written twice in a row."""
    return re.compile("([" + re.escape("".join(sorted(_checked()))) + r"])\1")


class DoubledCharacter(Rule):
    """一个字紧挨着多写了一遍。

    地名、机关名称的最后一个字（县、市、区、局、委……，清单在
    `lawlint/data/lists/doubled-characters.yml`）又多写了一遍，如“元谋县县卫生健康局”。
    按 jieba 分词判断：“市市场监管局”（市｜市场）、“全县县直单位”（全县｜县直）、
    “县县通”“村村通”都不会报出。后一个字与后面的字组成词的也不报：“党组会会前学法”
    （会前）、“元谋县县长”（县长）、“吉安市市本级”（本级，见同一数据文件）。修改建议是
    删除多出的字。其他词语的重复由 WD007 检查。

    ## 原因
    《党政机关公文处理工作条例》第二十条把文字用法是否规范列为审核重点；这种重字
    通常是改稿时留下的。

    ## 错误示例
    ```
    元谋县县卫生健康局牵头落实。
    ```

    ## 正确示例
    ```
    元谋县卫生健康局牵头落实；市市场监管局配合；实现村村通。
    局党组会会前学法12次；吉安市市本级财政预算。
    ```
    """

    code = "WD008"
    name = "doubled-character"
    summary = "一个字紧挨着多写了一遍"
    severity = Severity.WARNING
    basis = "《党政机关公文处理工作条例》第二十条（审核重点：文字用法是否规范）"
    fix_availability = Availability.ALWAYS
    uses_words = True

    def check(self, doc: Document):
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            text = block.text
            if not _doubled().search(text):
                continue  # no place or organ character written twice: no need to segment
            checked = _checked()
            for offset, piece in segment_pieces(text):  # a long paragraph: piece by piece, same words
                if piece is not text and not _doubled().search(piece):
                    continue
                tokens = doc.tokens(piece)
                for (w1, _s1, e1), (w2, s2, e2) in zip(tokens, tokens[1:]):
                    s2, e2 = s2 + offset, e2 + offset
                    if len(w1) >= 2 and len(w2) == 1 and e1 + offset == s2 and w1[-1] == w2 and w2 in checked \
                            and not _begins_word(w2, text[e2:e2 + 3]):
                        span = block.span_of(s2, e2)
                        yield self.violation(span, f"“{w1}{w2}”多了一个“{w2}”",
                                             fix=Fix.delete(span, f"删除多出的“{w2}”"))
