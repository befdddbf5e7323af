from __future__ import annotations

import functools
import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.layout import patterns
from lawlint.rule import Fix, Rule, Severity
from lawlint.text import BLANKS, HAN, is_cjk

_RUN = re.compile(f"[{BLANKS}][{BLANKS}]*")  # a class first: re skips to it (not so for [...]+)


@functools.cache
def _places() -> tuple[re.Pattern, re.Pattern]:
    """A place name ending a text, and one starting it: compiled when a report first has a
    space between Chinese characters (a Han range costs milliseconds to compile)."""
    place = "(?:省|市|县|区|州|旗|盟|镇|乡)"
    return re.compile(f"[{HAN}]{place}$"), re.compile(f"[{HAN}]{{1,8}}?{place}")


class StraySpace(Rule):
    """中文之间多了空格。

    PDF 转换、网页复制常在中文之间留下空格（“思想 为指引”“规范性文  件”“关于 2021
    年度”）。公文中汉字与汉字、汉字与数字之间都不空格。不会报出：段首缩进；联合
    行文时两个机关名称之间的空格（“中共中央办公厅 国务院办公厅”）；英文单词前后的
    空格；数字之间的空格；落款和网页残留中的空格。修改建议是删除空格。

    ## 原因
    GB/T 9704—2012 规定正文用3号仿宋体字、每行28字排版，字间距由排版决定；文字中
    夹着的空格会被读成停顿或漏字，检索时也找不到原词。

    ## 错误示例
    ```
    以习近平新时代中国特色社会主义思想 为指引，完成部门行政规范性文  件清理工作。
    韶关市科学技术局关于 2021 年度 法治政府建设情况的报告
    ```

    ## 正确示例
    ```
    以习近平新时代中国特色社会主义思想为指引，完成部门行政规范性文件清理工作。
    根据中共中央办公厅 国务院办公厅《法治政府建设与责任落实督察工作规定》，使用 App 办理。
    ```
    """

    code = "TX001"
    name = "stray-space"
    summary = "中文之间多了空格"
    severity = Severity.WARNING
    basis = "GB/T 9704—2012 5.2（版面：字号、行数和字数）"
    fixable = True

    def check(self, doc: Document):
        organ = patterns().organ
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            text = block.text
            for m in _RUN.finditer(text):
                if m.start() == 0 or m.end() == len(text):
                    continue
                left, right = text[m.start() - 1], text[m.end()]
                if not ((is_cjk(left) and (is_cjk(right) or right.isdigit()))
                        or (left.isdigit() and is_cjk(right))):
                    continue
                before = text[max(0, m.start() - 20):m.start()]
                after = text[m.end():m.end() + 24]
                if self._joint(before, after, organ):
                    continue
                span = block.span_of(m.start(), m.end())
                shown = text[max(0, m.start() - 4):m.start()] + "␣" + text[m.end():m.end() + 4]
                yield self.violation(span, f"“{shown}”中间多了空格，应删除", fix=Fix.delete(span, "删除多余的空格"))

    @staticmethod
    def _joint(before: str, after: str, organ: re.Pattern) -> bool:
        """Two issuing organs side by side: 中共中央办公厅 国务院办公厅, 江门高新区 江海区政府."""
        place_end, place_start = _places()
        ends_organ = re.search(f"(?:{organ.pattern})$", before) or place_end.search(before)
        starts_organ = organ.match(after) or place_start.match(after)
        return bool(ends_organ and starts_organ)
