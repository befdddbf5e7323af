from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.lang.text import is_cjk, neighbours
from lawlint.rule import Applicability, Availability, Edit, Fix, Rule, Severity, Span, Violation

_MARKS = re.compile(r"[,;:?!().]")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
_HALF = frozenset(_FULL)
_NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "括号", ")": "括号", ".": "句号"}
# each mark's message and fix description (``Fix.replace``'s), written once
_WORDING = {mark: (f"半角{_NAMES[mark]}“{mark}”应为全角“{full}”", f"改为“{full}”") for mark, full in _FULL.items()}
# (?:https?://|www\.)\S+ | [A-Za-z0-9._-]+@[A-Za-z0-9.-]+ | [A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+, written
# with the first character as one class so that re skips the Chinese text to it.  The runs
# before @ and before the first dot are capped at 254 characters (an address has at most
# 254): otherwise every letter of a long run without them starts a scan to its end.
_URL = re.compile(r"[A-Za-z0-9._-](?:(?<=h)ttps?://\S+|(?<=w)ww\.\S+|[A-Za-z0-9._-]{0,254}@[A-Za-z0-9.-]+"
                  r"|(?<=[A-Za-z0-9-])[A-Za-z0-9-]{0,254}(?:\.[A-Za-z0-9-]+)+)")


class HalfwidthPunctuation(Rule):
    """中文语境中用了半角标点。

    中文句子里的逗号、分号、冒号、问号、叹号、括号和句号应使用全角形式。数字中的
    标点（1,000、3.5%、14:53）、网址和邮箱、阿拉伯数字序号后的下脚点（1.）、
    英文词句里的标点都不会报出。一个文件里往往整篇都是半角标点（上游转换造成的），
    文本输出会把它们合为一条，JSON 中逐条保留，每一处都附有修改建议。

    ## 原因
    GB/T 15834—2011 适用于汉语书面语；它规定的点号、标号在中文中占一个字的位置，
    即全角形式。半角标点在公文排版中挤在一起，也不符合 GB/T 9704 的版式。

    ## 错误示例
    ```
    2024年,全市办理行政复议案件312件.
    召开党组(扩大)会议:研究部署法治政府建设工作.
    ```

    ## 正确示例
    ```
    2024年，全市办理行政复议案件312件。
    发布时间14:53，纠错率8.5%，网址www.gov.cn，共1,000人参加。
    ```
    """

    code = "PU001"
    name = "halfwidth-punctuation"
    summary = "中文语境中用了半角标点"
    severity = Severity.WARNING
    basis = "GB/T 15834—2011《标点符号用法》（适用于汉语书面语，标点占一个字的位置）"
    fix_availability = Availability.ALWAYS
    fix_note = "标点两边都是汉字（或括号里是中文）时安全；只有一边是汉字时（如“完成,3个”）需确认"
    needs = "".join(sorted(_HALF))

    def check(self, doc: Document):
        code, name, severity = self.code, self.name, self.severity
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            text = block.text
            marks = list(_MARKS.finditer(text))
            if not marks:
                continue
            skip = {i for m in _URL.finditer(text) if re.search(r"[./@:]", m[0]) and not m[0].isdigit()
                    for i in range(m.start(), m.end())}
            offset = block.offset
            for m in marks:
                i, mark = m.start(), m[0]
                if i in skip or not self._chinese(text, i, mark):
                    continue
                at = offset(i)
                span = Span(at, at + 1)  # block.span_of(i, i + 1)
                message, description = _WORDING[mark]
                fix = Fix((Edit(span, _FULL[mark]),), description, _applicability(text, i, mark))
                yield Violation(code, name, severity, message, span, fix)

    @staticmethod
    def _chinese(text: str, i: int, mark: str) -> bool:
        left, right = neighbours(text, i)
        if mark in ",:." and left.isdigit() and right.isdigit():
            return False  # 1,000  14:53  3.5
        if mark == "." and (left.isdigit() or (left.isascii() and left.isalpha())):
            return False  # 1. list markers, abbreviations, English
        if mark in "()":
            return _chinese_parentheses(text, i)
        return is_cjk(left) or is_cjk(right)


def _applicability(text: str, i: int, mark: str) -> Applicability:
    """Safe between two Chinese characters (年,全市), after one at the end of the text
    (工作.), and for parentheses enclosing Chinese; with Chinese on one side only (完成,3个)
    the mark may belong to the other side: to be confirmed."""
    left, right = neighbours(text, i)
    if mark in "()":
        sure = _chinese_parentheses(text, i) and _encloses_chinese(text, i)
    else:
        sure = is_cjk(left) and (is_cjk(right) or (not right and mark in ".;:?!"))
    return Applicability.SAFE if sure else Applicability.UNSAFE


def _encloses_chinese(text: str, i: int) -> bool:
    if text[i] == "(":
        close = text.find(")", i + 1)
        return close != -1 and any(is_cjk(ch) for ch in text[i + 1:close])
    start = text.rfind("(", 0, i)
    return start != -1 and any(is_cjk(ch) for ch in text[start + 1:i])


def _chinese_parentheses(text: str, i: int) -> bool:
    """A pair is Chinese when it encloses Chinese or stands between Chinese on both sides;
    an unpaired parenthesis when Chinese touches it."""
    if text[i] == "(":
        close = text.find(")", i + 1)
        open_, end = i, (close if close != -1 and "(" not in text[i + 1:close] else None)
    else:
        start = text.rfind("(", 0, i)
        open_, end = (start if start != -1 and ")" not in text[start + 1:i] else None), i
    if open_ is None or end is None:
        left, right = neighbours(text, i)
        return is_cjk(left) or is_cjk(right)
    before, _ = neighbours(text, open_)
    _, after = neighbours(text, end)
    return any(is_cjk(ch) for ch in text[open_ + 1:end]) or (is_cjk(before) and is_cjk(after))
