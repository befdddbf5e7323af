from __future__ import annotations

import re

from lawlint.document import HEADING, PARAGRAPH, Document
from lawlint.lang.text import BLANKS, HAN
from lawlint.rule import Applicability, Availability, Fix, Rule, Severity, Violation

# Dashes and their keyboard stand-ins; ― and ─ are how some code pages and fonts show the
# halves of a 破折号, so two of them (or of —) are a 破折号 to the eye and are left alone.
_DASHES = "-－−–‐‑—―─"
_TWO_EM = frozenset("—―─")
_RUN = re.compile(f"[{_DASHES}]+")
_CHINESE = re.compile(f"[{HAN}“‘《（(〈【]")
_HAN_CHAR = re.compile(f"[{HAN}]")
# The Han characters on each side of a lone — taken for a 破折号 (a range or a short pair of
# names such as 蛇口—赤湾 has fewer on its left).
_LONG_SIDE = 8


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _two_em(run: str) -> bool:
    return len(run) == 2 and _TWO_EM.issuperset(run)


def _han_run(text: str, i: int, step: int) -> int:
    """How many Han characters follow (step 1) or precede (step -1) position ``i``."""
    n = 0
    while 0 <= i < len(text) and _HAN_CHAR.match(text[i]):
        n += 1
        i += step
    return n


class DashForm(Rule):
    """破折号的写法不对。

    破折号是占两个字位置的“——”。列举事项的各行以“--”“－－”“-”或单个“—”开头的，
    中文中用两个短横线“--”代替破折号的，报出并给出修改建议“——”（列举分承的各项之前
    用破折号是标准允许的用法，也可改用“一是”“（一）”等序次语）。汉字之间单个的一字线“—”
    两边都是长句时，多半是想写破折号，作为提示报出；年份、页码、“蛇口—赤湾”这类起止和
    “街道—社区—小区”这类递进的一字线都是对的，不会报出。

    ## 原因
    GB/T 15834—2011 4.10：破折号的形式是“——”，可用于事项列举分承的各项之前。
    4.13：一字线“—”、短横线“-”是连接号，标示起止、连接号码，不能当作破折号。

    ## 错误示例
    ```
    --全年办理行政复议案件120件，纠错率8.5%。
    全区首部区级规章—《青山区物业管理办法》草案启动起草。
    ```

    ## 正确示例
    ```
    ——全年办理行政复议案件120件，纠错率8.5%。
    全区首部区级规章——《青山区物业管理办法》草案启动起草。
    2021—2025年，推进蛇口—赤湾连接线建设，构建“街道—社区—小区”三级网络。
    ```
    """

    code = "PU011"
    name = "dash-form"
    summary = "破折号的写法不对"
    severity = Severity.WARNING
    basis = "GB/T 15834—2011 4.10（破折号）、4.13（连接号）"
    fix_availability = Availability.ALWAYS
    fix_note = "单个“—”当破折号用时，改为“——”需确认（也可能应改用序次语或删去）"
    needs = _DASHES

    def check(self, doc: Document):
        for block in doc.blocks_of(HEADING, PARAGRAPH):
            text = block.text
            for m in _RUN.finditer(text):
                run, i, j = m[0], m.start(), m.end()
                if _two_em(run) or len(run) > 3:
                    continue  # a 破折号, or a rule of dashes
                before, after = text[i - 1:i], text[j:].lstrip(BLANKS)[:1]
                span = block.span_of(i, j)
                if not text[:i].strip(BLANKS):
                    if _CHINESE.match(after or " "):
                        yield self.violation(
                            span, f"列举事项前的“{run}”应为破折号“——”（列举分承的各项之前用破折号；"
                                  "也可改用“一是”“（一）”等序次语）", fix=Fix.replace(span, "——"))
                elif len(run) == 2:
                    if before.isdigit() and after.isdigit():
                        continue  # a range: PU005
                    if (_HAN_CHAR.match(before or " ") and not _ascii_word(after)) or (
                            _CHINESE.match(after or " ") and not _ascii_word(before)):
                        yield self.violation(span, f"“{run}”不是中文标点：作破折号应写作“——”",
                                             fix=Fix.replace(span, "——"))
                elif run == "—" and self._lone_dash(text, i):
                    yield Violation(self.code, self.name, Severity.INFO,
                                    "单个的“—”是一字线（连接号），用来标示起止；此处若是破折号，应写作“——”",
                                    span, Fix.replace(span, "——", applicability=Applicability.UNSAFE))

    @staticmethod
    def _lone_dash(text: str, i: int) -> bool:
        """A single — between long runs of Han characters, not one link of a chain (A—B—C)."""
        before = i - 1 - (text[i - 1:i] in ("》", "”"))  # a title or quotation may touch the dash
        after = i + 1 + (text[i + 1:i + 2] in ("《", "“"))
        left, right = _han_run(text, before, -1), _han_run(text, after, 1)
        if left < _LONG_SIDE or right < _LONG_SIDE:
            return False
        return "—" not in text[before - left:i] and "—" not in text[after:after + right + 1]
