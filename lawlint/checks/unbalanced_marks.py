from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Block, Document
from lawlint.lang.text import HAN_RE, is_cjk
from lawlint.rule import Availability, Edit, Fix, Rule, Severity

_PAIRS = {"《": "》", "〈": "〉", "“": "”", "‘": "’", "（": "）", "(": ")", "〔": "〕", "【": "】", "[": "]",
          "［": "］", "<": ">"}
_CLOSERS = {close: open_ for open_, close in _PAIRS.items()}
_MARKS = re.compile("[" + re.escape("".join(_PAIRS) + "".join(_CLOSERS)) + "]")
# Brackets that close each other's kind (（…) is a half-width matter for PU001, not a mismatch).
_FAMILY = {"（": "(", "(": "(", "［": "[", "[": "["}


def _family(ch: str) -> str:
    return _FAMILY.get(ch, ch)


# A title inside a title (《…<…>…》): its marks typed as ASCII, look-alike or mixed angles.
_TITLE = re.compile("《[^《》]*》")
_ANGLE_OPEN, _ANGLE_CLOSE = "<‹＜〈", ">›＞〉"
_INNER = re.compile(f"[{_ANGLE_OPEN}][^{_ANGLE_OPEN}{_ANGLE_CLOSE}《》]*[{_ANGLE_CLOSE}]")
_ANGLES = re.compile(f"[{_ANGLE_OPEN}{_ANGLE_CLOSE}]")


def inner_titles(text: str) -> list[tuple[int, int]]:
    """(opener, closer) offsets of each inner title of a 《》 not marked 〈…〉."""
    found = []
    for title in _TITLE.finditer(text):
        for m in _INNER.finditer(text, title.start() + 1, title.end() - 1):
            if m[0][0] + m[0][-1] != "〈〉" and HAN_RE.search(m[0]):
                found.append((m.start(), m.end() - 1))
    return found


_PLAIN_PAIRS = ("《》", "〈〉", "“”", "（）")
_PLAIN = frozenset("".join(_PLAIN_PAIRS))
_NOT_TITLE_MARKS = str.maketrans("", "", "〈〉“”（）")


def _plainly_balanced(marks: str) -> bool:
    """Whether a paragraph's marks (in order) are only 《》〈〉“”（）, each closing the last one
    opened, with no 《 inside another: nothing to report.  Found by C-level replacements,
    most paragraphs skip the mark-by-mark loop."""
    if not _PLAIN.issuperset(marks) or "《《" in marks.translate(_NOT_TITLE_MARKS):
        return False
    while marks:
        reduced = marks
        for pair in _PLAIN_PAIRS:
            reduced = reduced.replace(pair, "")
        if reduced == marks:
            return False
        marks = reduced
    return True


class UnbalancedMarks(Rule):
    """成对的标号不配对。

    在一个段落内检查《》〈〉“”‘’（）〔〕【】的配对：有开无合、有合无开、开合不
    对应（如“(……>”）、书名号内再套书名号（应改用〈〉）。书名号里的书名号写成
    “<……>”“‹……›”“＜……＞”或“〈……>”的，每个里层书名号报一处，修改建议改为“〈……〉”。
    跨段落的长引文每段开头用前引号、只在最后一段末尾用后引号，这是允许的，不会报出。
    文本在句子中间中断时（ST006），最后一段里没来得及合上的标号也不报。

    ## 原因
    GB/T 15834—2011 规定引号、括号、书名号都成对使用，书名号中还要用书名号时，
    里面一层用单书名号〈〉。

    ## 错误示例
    ```
    按照《法治广东建设第二个五年规划(2016-2020年》要求。
    学习《中共中央国务院印发(法治政府建设实施纲要)>的通知》。
    学习《关于印发《行政执法公示办法》的通知》。
    制定《贯彻落实<法治政府建设实施纲要(2021—2025年)>重要举措实施方案》。
    ```

    ## 正确示例
    ```
    按照《法治广东建设第二个五年规划（2016—2020年）》要求。
    学习《关于印发〈行政执法公示办法〉的通知》。
    ```
    """

    code = "PU003"
    name = "unbalanced-marks"
    summary = "成对的标号不配对"
    severity = Severity.ERROR
    basis = "GB/T 15834—2011 4.8（引号）、4.9（括号）、4.15（书名号）"
    fix_availability = Availability.SOMETIMES

    def check(self, doc: Document):
        blocks = doc.blocks_of(TITLE, HEADING, PARAGRAPH)
        cut = doc.meta.truncated  # the text stops there (ST006): what it opened was never closed
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            yield from self._block(block, following, cut_off=block is cut)

    def _block(self, block: Block, following: Block | None, cut_off: bool = False):
        text = block.text
        handled = set()
        if "《" in text and _ANGLES.search(text):
            for i, j in inner_titles(text):
                handled.update((i, j))
                yield self._inner_title(block, i, j)
        if _plainly_balanced("".join(_MARKS.findall(text))):
            return
        stack: list[tuple[str, int]] = []
        for m in _MARKS.finditer(text):
            i, ch = m.start(), m[0]
            if i in handled:
                continue
            if ch in _PAIRS:
                if ch == "<" and not is_cjk(text[i + 1:i + 2]):
                    continue
                if ch == "〔" and text[i + 1:i + 5].isdigit():
                    continue  # the year of a 发文字号: DN001 reports a broken one
                if ch == "《" and any(c == "《" for c, _ in stack):
                    outer = next(j for c, j in stack if c == "《")
                    close = self._inner_close(text, i)
                    fix = None
                    if close is not None:
                        fix = Fix((Edit(block.span_of(i, i + 1), "〈"), Edit(block.span_of(close, close + 1), "〉")),
                                  "里层书名号改为〈〉")
                    yield self.violation(block.span_of(i, i + 1),
                                         f"书名号内又用了书名号（外层始于第{outer + 1}字）：里层应改用“〈〉”", fix=fix)
                stack.append((ch, i))
            elif ch in _CLOSERS:
                if ch == ">" and not is_cjk(text[i - 1:i]):
                    continue
                if ch == "〕" and text[max(0, i - 4):i].isdigit():
                    continue
                want = _family(_CLOSERS[ch])
                depth = next((d for d in range(len(stack) - 1, -1, -1) if _family(stack[d][0]) == want), None)
                if depth is None:
                    if ch in "’" and i and text[i - 1].isascii():
                        continue  # an apostrophe typed as ’
                    if stack and stack[-1][0] in "（(〔【[［<":
                        opener, j = stack.pop()  # （…> : one mismatched pair, reported once
                        yield self.violation(block.span_of(j, j + 1),
                                             f"“{opener}”与“{ch}”不配对，应为“{opener}……{_PAIRS[opener]}”")
                        continue
                    yield self.violation(block.span_of(i, i + 1), f"“{ch}”前面没有对应的“{_CLOSERS[ch]}”")
                    continue
                for opener, j in stack[depth + 1:]:
                    yield self.violation(block.span_of(j, j + 1),
                                         f"“{opener}”没有对应的“{_PAIRS[opener]}”（在“{ch}”之前就结束了）")
                del stack[depth:]
        for opener, j in stack:
            if cut_off or (opener == "“" and self._quotation_continues(text, j, following)):
                continue
            yield self.violation(block.span_of(j, j + 1), f"“{opener}”没有对应的“{_PAIRS[opener]}”")

    def _inner_title(self, block: Block, i: int, j: int):
        """One finding per inner title marked <…>, ‹…›, ＜…＞ or a mix such as 〈…>."""
        inner = block.text[i + 1:j]
        if len(inner) > 30:
            inner = f"{inner[:12]}……{inner[-12:]}"
        fix = Fix((Edit(block.span_of(i, i + 1), "〈"), Edit(block.span_of(j, j + 1), "〉")),
                  "里层书名号改为〈〉")
        return self.violation(block.span_of(i, j + 1),
                              f"书名号内的书名号应使用单书名号：“{block.text[i]}{inner}{block.text[j]}”"
                              f"应为“〈{inner}〉”", fix=fix)

    @staticmethod
    def _inner_close(text: str, start: int) -> int | None:
        """The 》 closing the 《 at ``start`` (the first 》 after it, before any other 《)."""
        close = text.find("》", start + 1)
        other = text.find("《", start + 1)
        return close if close != -1 and (other == -1 or close < other) else None

    @staticmethod
    def _quotation_continues(text: str, j: int, following: Block | None) -> bool:
        """A quotation over several paragraphs opens “ in each and closes only in the last."""
        return (following is not None and following.kind == PARAGRAPH
                and following.text.lstrip().startswith("“") and text.lstrip().startswith("“") and j <= 2)
