from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine import resources
from lawlint.rule import Rule, Severity

_TITLE = re.compile(r"《([^《》]{8,60})》")
_PUNCT = str.maketrans({"(": "（", ")": "）", "-": "—", "－": "—", "~": "—", "～": "—", " ": None, "\u3000": None})


def _plain(title: str) -> str:
    return title.translate(_PUNCT).replace("——", "—")


@functools.cache
def _titles() -> dict[str, str]:
    """Each official title, by its form with punctuation and blanks normalised."""
    return {_plain(t): t for t in resources.data("political")["regulation_titles"]}


class RegulationTitle(Rule):
    """引用的文件名称与正式名称不符。

    报告常引用的法规、党内法规和纲要（清单在 `lawlint/data/lists/political.yml`），书名号内
    的名称与正式名称只差一两个字的（漏字、多字、错字），报出并给出正式名称。只是
    半角括号、连接号写法不同的，由标点规则报告；简称（《行政处罚法》）和地方性文件
    （《广东省法治政府建设实施纲要》）不会报出。

    ## 原因
    《党政机关公文处理工作条例》第二十条要求审核引文是否准确；文件名称写错，
    读者找不到被引用的文件。

    ## 错误示例
    ```
    严格执行《党政主要负责人履行法治建设第一责任人职责规定》。
    落实《法治政府建设实施纲要（20212025年）》。
    ```

    ## 正确示例
    ```
    严格执行《党政主要负责人履行推进法治建设第一责任人职责规定》。
    落实《法治政府建设实施纲要（2021—2025年）》和《行政处罚法》。
    ```
    """

    code = "WD014"
    name = "regulation-title"
    summary = "引用的文件名称与正式名称不符"
    severity = Severity.ERROR
    basis = "《党政机关公文处理工作条例》第二十条（引文是否准确）"
    options = {"max_changes": 3}

    def check(self, doc: Document):
        if "《" not in doc.text:
            return
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            for m in _TITLE.finditer(block.text):
                written = _plain(m[1])
                if written in _titles():
                    continue
                best = _closest(written, self.config["max_changes"])
                if best is not None:
                    yield self.violation(block.span_of(m.start(), m.end()), f"文件名称有误，正式名称是《{best}》")


@functools.lru_cache(maxsize=4096)
def _closest(written: str, max_changes: int) -> str | None:
    """The official title ``written`` misquotes, if any (titles recur: kept per process)."""
    for plain, title in _titles().items():
        if abs(len(plain) - len(written)) > 2:
            continue
        matcher = SequenceMatcher(None, written, plain, autojunk=False)
        if matcher.quick_ratio() < 0.9:
            continue  # too few characters in common: difflib's cheap bound first
        changed = sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")
        if 0 < changed <= max_changes and matcher.ratio() >= 0.9:
            return title
    return None
