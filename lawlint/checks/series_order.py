from __future__ import annotations

import functools
import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine import resources
from lawlint.engine.prefilter import blocks_holding
from lawlint.rule import Rule, Severity


@functools.cache
def _series():
    compiled = []
    for item in resources.data("political")["series"]:
        members = item["members"]
        joiner = re.escape(item.get("joiner", "、"))
        alt = "|".join(map(re.escape, members))
        minimum = item.get("min", 3)
        pattern = re.compile(rf"(?:{alt})(?:{joiner}(?:{alt})){{{minimum - 1},}}" + re.escape(item.get("suffix", "")))
        # in every block holding a listing: a joiner then a member (re skips to the joiner), or
        # two members side by side
        anchor = re.compile(alt if minimum < 2 else rf"{joiner}(?:{alt})" if joiner else rf"(?:{alt})(?:{alt})")
        compiled.append((item["name"], members, item.get("joiner", "、"), item.get("suffix", ""),
                         item.get("complete", False), pattern, re.compile(alt), anchor))
    return compiled


class SeriesOrder(Rule):
    """固定表述中各项的顺序或项目不对。

    “科学立法、严格执法、公正司法、全民守法”“法治国家、法治政府、法治社会”
    “四个意识”“四个自信”“严格规范公正文明执法”等固定表述，各项有规定的顺序；
    “四个意识”“四个自信”等还必须列全。列出三项以上（“四个意识”“四个自信”两项
    以上）时检查，给出规范写法。表述清单在 `lawlint/data/lists/political.yml`。

    ## 原因
    这些表述出自中央文件（如《党政主要负责人履行推进法治建设第一责任人职责规定》
    第三条、第四条），顺序本身有含义，引用时应与原文一致。

    ## 错误示例
    ```
    统筹推进科学立法、公正司法、严格执法、全民守法。
    增强政治意识、核心意识、大局意识、看齐意识。
    坚持严格公正规范文明执法。
    ```

    ## 正确示例
    ```
    统筹推进科学立法、严格执法、公正司法、全民守法。
    增强政治意识、大局意识、核心意识、看齐意识。
    ```
    """

    code = "WD011"
    name = "series-order"
    summary = "固定表述中各项的顺序或项目不对"
    severity = Severity.ERROR
    basis = "《党政主要负责人履行推进法治建设第一责任人职责规定》第三条、第四条；党中央有关文件中的规范表述"

    def check(self, doc: Document):
        for name, members, joiner, suffix, complete, pattern, member, anchor in _series():
            for block in blocks_holding(doc, anchor, TITLE, HEADING, PARAGRAPH):
                for m in pattern.finditer(block.text):
                    found = member.findall(m[0])
                    canonical = joiner.join(members) + suffix
                    order = [members.index(f) for f in found]
                    if order != sorted(order) or len(set(found)) != len(found):
                        message = f"“{m[0]}”的顺序不对：{name}应写作“{canonical}”"
                    elif complete and len(found) < len(members):
                        message = f"“{m[0]}”不完整：{name}应写作“{canonical}”"
                    else:
                        continue
                    yield self.violation(block.span_of(m.start(), m.end()), message)
