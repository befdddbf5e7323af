from __future__ import annotations

import functools
import re

import yaml

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine import resources
from lawlint.engine.schema import SAFE_LOADER
from lawlint.rule import Applicability, Availability, Fix, Rule, Severity


@functools.cache
def _expressions() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((item["text"], tuple(item.get("exceptions", ())))
                 for item in resources.data("political")["expressions"])


@functools.cache
def _reported_by_wd009() -> tuple[re.Pattern, ...]:
    """The wrong forms WD009 names (中央依法治国委员会): one finding for them, not two."""
    pack = resources.data_root() / "packs" / "wording" / "WD009.yml"
    swaps = yaml.load(pack.read_text(encoding="utf-8"), Loader=SAFE_LOADER)["swap"]
    return tuple(re.compile(str(wrong)) for wrong in swaps)


def one_edit_away(written: str, canonical: str) -> bool:
    """``written`` is ``canonical`` with one character replaced, or two neighbours
    swapped, or, inside it (not at either end, where the text merely goes on
    differently), one character added or one or two neighbouring characters dropped."""
    if written == canonical:
        return False
    i = 0  # length of the common prefix
    while i < min(len(written), len(canonical)) and written[i] == canonical[i]:
        i += 1
    if len(written) == len(canonical):
        return written[i + 1:] == canonical[i + 1:] or (
            written[i:i + 2] == canonical[i:i + 2][::-1] and written[i + 2:] == canonical[i + 2:])
    if written[0] != canonical[0] or written[-1] != canonical[-1]:
        return False
    if len(written) == len(canonical) + 1:
        return written[i + 1:] == canonical[i:]
    dropped = len(canonical) - len(written)
    return dropped in (1, 2) and written[i:] == canonical[i + dropped:]


class ExpressionNearMiss(Rule):
    """规范表述差了一个字。

    与 `lawlint/data/lists/political.yml` 中的规范表述只差一处的写法：错一个字（“人民当家做主”）、
    多一个字、少一两个字（“履行法治建设第一责任人职责”少了“推进”）、相邻两字颠倒。
    先找规范表述的前半或后半，再比较整句，所以只有长而独特的表述才列入清单；
    与之只差一处的正式说法（如“中央全面依法治国委员会办公室”）作为例外列出。
    WD009 词表中已知的错误写法（“中央依法治国委员会”）由 WD009 报告，这里不重复。
    “压实党政主要负责人推进法治建设第一责任人职责”这样由别的动词带出的说法是对的，不会报出。

    ## 原因
    规范表述出自党的全会决议、党内法规和中央文件，公文引用时应与原文一字不差。

    ## 错误示例
    ```
    坚持党的领导、人民当家做主、依法治国有机统一，党政主要负责人履行法治建设第一责任人职责。
    ```

    ## 正确示例
    ```
    坚持党的领导、人民当家作主、依法治国有机统一，党政主要负责人履行推进法治建设第一责任人职责。
    ```
    """

    code = "WD016"
    name = "expression-near-miss"
    summary = "规范表述差了一个字"
    severity = Severity.WARNING
    basis = "《党政机关公文处理工作条例》第二十条（审核重点：引文是否准确）；党内法规和中央文件中的规范表述"
    fix_availability = Availability.ALWAYS
    fix_applicability = Applicability.UNSAFE
    fix_note = "与规范表述只差一处是模糊比对得出的：原文也可能是另一种说法，或丢了更多的字"

    def check(self, doc: Document):
        text = doc.text_of(TITLE, HEADING, PARAGRAPH)
        wanted = [(c, x) for c, x in _expressions() if c[:len(c) // 2] in text or c[len(c) // 2:] in text]
        if not wanted:
            return
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            for canonical, exceptions in wanted:
                yield from self._block(block, canonical, exceptions)

    def _block(self, block, canonical: str, exceptions: tuple[str, ...]):
        text = block.text
        half = len(canonical) // 2
        if canonical[:half] not in text and canonical[half:] not in text:
            return  # no half of it: nothing near it either
        exact = [(m.start(), m.end()) for m in re.finditer(re.escape(canonical), text)]
        excepted = [(m.start(), m.end()) for x in exceptions for m in re.finditer(re.escape(x), text)]
        n = len(canonical)
        # Where a near-miss may lie: from where the first half starts, or up to where the
        # second half ends; the same length is tried first, then one more, one or two fewer.
        anchors = [(m.start(), [(m.start(), m.start() + k) for k in (n, n + 1, n - 1, n - 2)])
                   for m in re.finditer(re.escape(canonical[:half]), text)]
        anchors += [(m.end() - n, [(m.end() - k, m.end()) for k in (n, n + 1, n - 1, n - 2)])
                    for m in re.finditer(re.escape(canonical[half:]), text)]
        taken: list[tuple[int, int]] = [*exact]
        for _, windows in sorted(anchors, key=lambda a: a[0]):
            for start, end in windows:
                if start < 0 or end > len(text) or any(s < end and start < e for s, e in taken):
                    continue  # the canonical form itself, or reported already
                if any(s <= start and end <= e for s, e in excepted):
                    continue  # a legitimate neighbour of the canonical form
                written = text[start:end]
                if one_edit_away(written, canonical):
                    if any(p.fullmatch(written) for p in _reported_by_wd009()):
                        taken.append((start, end))
                        break  # WD009 reports this known wrong form
                    taken.append((start, end))
                    span = block.span_of(start, end)
                    yield self.violation(span, f"“{written}”应写作“{canonical}”（规范表述）",
                                         fix=Fix.replace(span, canonical))
                    break
