from __future__ import annotations

from functools import lru_cache
from itertools import compress
from operator import ne

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine import cache
from lawlint.engine.prefilter import holds_any
from lawlint.rule import Applicability, Availability, Fix, Rule, Severity, Violation

_CONVERTERS: dict[str, object] = {}


def _converter(name: str):
    """OpenCC's phrase-aware converters (显著 and 乾坤 stay as they are), loaded on first use."""
    if name not in _CONVERTERS:
        import opencc

        _CONVERTERS[name] = opencc.OpenCC(name)
    return _CONVERTERS[name]


_FIRST, _LAST = 0x3400, 0xA000  # the Han blocks whose characters are looked at


@lru_cache(maxsize=1)
def _traditional_characters() -> frozenset[str]:
    """Characters OpenCC simplifies on their own: a document without any is simplified
    throughout, and is not converted at all.  Finding them takes OpenCC about 30 ms, so
    they are kept in lawlint's cache (``lawlint.engine.cache``), named after the installed
    OpenCC; a kept list that is not a plausible one is found again."""
    import importlib.util

    spec = importlib.util.find_spec("opencc")
    try:
        path = cache.entry("opencc-traditional", spec.origin, ".txt") if spec and spec.origin else None
    except OSError:
        path = None
    kept = cache.read_text(path)
    if kept is not None and _plausible(kept):
        return frozenset(kept)
    chars = [chr(c) for c in range(_FIRST, _LAST)]
    simplified = _converter("t2s").convert("\n".join(chars)).split("\n")
    if len(simplified) != len(chars):  # pragma: no cover - OpenCC keeps line breaks
        return frozenset(chars)
    found = "".join(c for c, s in zip(chars, simplified) if c != s)
    if found:
        cache.write_text(path, found)
    return frozenset(found)


def _plausible(kept: str) -> bool:
    """Han characters of the blocks looked at, in ascending order, at least one."""
    codes = [ord(c) for c in kept]
    return bool(codes) and _FIRST <= codes[0] and codes[-1] < _LAST and all(a < b for a, b in zip(codes, codes[1:]))


class ScriptMixing(Rule):
    """简体文档中夹着繁体字。

    （繁体文档中夹着简体字时作为提示。）

    用 OpenCC 按词转换全文（“显著”“乾坤”这类简繁同形的词不会被误判），与原文逐字
    比较。以简体为主的文档中的繁体字报为警告并给出简体写法；以繁体为主的文档中的
    简体字只作提示。

    ## 原因
    《中华人民共和国国家通用语言文字法》规定国家机关以规范汉字为公务用字；从港澳台
    或旧稿复制的文字常带进繁体字。

    ## 错误示例
    ```
    推动經濟高质量發展。
    ```

    ## 正确示例
    ```
    推动经济高质量发展，取得显著成效。
    ```
    """

    code = "TX005"
    name = "script-mixing"
    summary = "简体文档中夹着繁体字"
    severity = Severity.WARNING
    basis = "《中华人民共和国国家通用语言文字法》第九条（国家机关以普通话和规范汉字为公务用语用字）"
    fix_availability = Availability.ALWAYS
    fix_note = "简体文档中的繁体字改为简体是安全的；繁体文档中的简体字（提示）改为繁体需确认（简繁转换一对多）"

    def check(self, doc: Document):
        kinds = (TITLE, HEADING, PARAGRAPH)
        blocks = doc.blocks_of(*kinds)
        if not blocks or not holds_any(doc, _traditional_characters()):
            return
        to_simplified = _simplified(doc, blocks, kinds)
        traditional = sum(_differences(b.text, c) for b, c in to_simplified)
        if not traditional:
            return  # neither script is a minority
        # The traditional characters are reported when there are no more of them than
        # simplified ones: the blocks are converted to traditional only until that is
        # known (mostly after a few blocks), not the whole document.
        to_traditional, simplified = [], 0
        convert = _converter("s2t").convert
        for block in blocks:
            converted = convert(block.text)
            to_traditional.append((block, converted))
            simplified += _differences(block.text, converted)
            if simplified >= traditional:
                for block, converted in to_simplified:
                    yield from self._report(block, converted, "繁体字", "简体", self.severity)
                return
        if simplified:
            for block, converted in to_traditional:
                yield from self._report(block, converted, "简体字", "繁体", Severity.INFO)

    def _report(self, block, converted: str, what: str, target: str, severity: Severity):
        text = block.text
        if converted == text or len(converted) != len(text):
            return
        code, name, span_of = self.code, self.name, block.span_of
        sure = Applicability.SAFE if target == "简体" else Applicability.UNSAFE  # s2t is one to many
        for i in compress(range(len(text)), map(ne, text, converted)):
            a, b = text[i], converted[i]
            span = span_of(i, i + 1)
            yield Violation(code, name, severity, f"{what}“{a}”应为{target}“{b}”", span,
                            Fix.replace(span, b, applicability=sure))


def _simplified(doc: Document, blocks, kinds) -> list[tuple]:
    """Each block with its text converted to simplified: one conversion of the blocks'
    text joined by line breaks (no entry of OpenCC's dictionaries holds one, so each line
    converts as on its own), or block by block should a block hold a line break."""
    convert = _converter("t2s").convert
    text = doc.text_of(*kinds)
    converted = convert(text)
    if converted == text:
        return [(b, b.text) for b in blocks]
    parts = converted.split("\n")
    if len(parts) != len(blocks) or any("\n" in b.text for b in blocks):
        return [(b, convert(b.text)) for b in blocks]
    return list(zip(blocks, parts))


def _differences(text: str, converted: str) -> int:
    if converted == text or len(converted) != len(text):
        return 0
    return sum(map(ne, text, converted))
