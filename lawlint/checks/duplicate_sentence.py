from __future__ import annotations

from lawlint.document import Document, Segment
from lawlint.lang.similarity import (
    clause_keys,
    same_item,
    sentence_keys,
    sentences_to_compare,
    substance,
)
from lawlint.rule import Rule, Severity


def quote(segment: Segment, limit: int = 24) -> str:
    text = segment.text
    return text if len(text) <= limit else text[:limit] + "…"


class DuplicateSentence(Rule):
    """句子或分句重复。

    去掉标点和空格后，与前文某个句子或分句完全相同的句子或分句。报告后出现的一处，
    并指出前一处所在的行。标题不参加比较；去掉标点后短于 `min_chars` 个字的分句
    （如“加强组织领导”这类常用短语）不算重复。分句只在同一段内重复时报告；不同段落
    间重复的分句，须不短于 `far_min_chars` 个字才报告，因为“为高质量发展提供法治
    保障”这类提法在不同部分各用一次是常见的写法。同一段中“一是……；二是……”或分号
    隔开的各项是并列的，项与项之间按不同段落对待。

    计算长度时，固定提法（“深入学习宣传贯彻习近平法治思想”“以习近平新时代中国特色
    社会主义思想为指导”，清单在 `lawlint/data/lists/formulas.yml`）和括注的标签（每项任务后的
    “〔责任单位：县司法局〕”）不算内容：只由它们组成的句子或分句重复出现，不是重复。

    ## 原因
    《党政机关公文处理工作条例》第十九条要求公文“内容简洁……文字精练”。同一句话
    说两遍，多半是修改稿件时复制粘贴留下的。

    ## 错误示例
    ```
    全面落实行政执法公示制度，严格规范公正文明执法。全面落实行政执法公示制度，
    严格规范公正文明执法。
    ```

    ## 正确示例
    ```
    全面落实行政执法公示制度，严格规范公正文明执法。
    ```

    ```
    1. 完善权责清单制度。动态调整权责清单。〔责任单位：县司法局〕
    2. 规范行政执法行为。推行说理式执法。〔责任单位：县司法局〕
    ```
    """

    code = "RP001"
    name = "duplicate-sentence"
    summary = "句子或分句重复"
    severity = Severity.WARNING
    basis = "《党政机关公文处理工作条例》第十九条（三）"
    options = {"min_chars": 12, "far_min_chars": 20}

    def check(self, doc: Document):
        minimum = self.config["min_chars"]
        keys = sentence_keys(doc)
        seen: dict[str, Segment] = {}
        repeated: set[int] = set()
        for index, (sentence, key) in enumerate(zip(doc.sentences, keys)):
            if len(key) < minimum:
                continue
            first = seen.setdefault(key, sentence)
            if first is not sentence and substance(sentence.text, key) >= minimum:
                repeated.add(index)
                yield self._report(doc, sentence, first, "句子")
        clauses: dict[str, Segment] = {}
        # a clause repeating another (or a sentence) shares a run of `minimum` characters with it
        for clause, key in clause_keys(doc, sentences_to_compare(doc, max(minimum, 1))):
            if len(key) < minimum or clause.sentence in repeated or key == keys[clause.sentence]:
                continue  # short, in a repeated sentence, or a one-clause sentence (compared above)
            first = seen.get(key) or clauses.setdefault(key, clause)
            if first is clause:
                continue
            needed = minimum if same_item(doc, first, clause) else self.config["far_min_chars"]
            if len(key) >= needed and substance(clause.text, key) >= needed:
                yield self._report(doc, clause, first, "分句")

    def _report(self, doc: Document, later: Segment, first: Segment, what: str):
        line = doc.position(first.span.start)[0]
        return self.violation(later.span, f"{what}“{quote(later)}”与第{line}行的内容重复，请删除或合并")
