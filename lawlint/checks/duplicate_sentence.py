from __future__ import annotations

from lawlint.document import Document, Segment
from lawlint.rule import Rule, Severity
from lawlint.similarity import clause_keys, sentence_keys, sentences_to_compare


def quote(segment: Segment, limit: int = 24) -> str:
    text = segment.text
    return text if len(text) <= limit else text[:limit] + "…"


class DuplicateSentence(Rule):
    """句子或分句重复。

    去掉标点和空格后，与前文某个句子或分句完全相同的句子或分句。报告后出现的一处，
    并指出前一处所在的行。标题不参加比较；去掉标点后短于 `min_chars` 个字的分句
    （如“加强组织领导”这类常用短语）不算重复。分句只在同一段内重复时报告；不同段落
    间重复的分句，须不短于 `far_min_chars` 个字才报告，因为“为高质量发展提供法治
    保障”这类提法在不同部分各用一次是常见的写法。

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
            if first is not sentence:
                repeated.add(index)
                yield self._report(doc, sentence, first, "句子")
        clauses: dict[str, Segment] = {}
        # a clause repeating another (or a sentence) shares a run of `minimum` characters with it
        for clause, key in clause_keys(doc, sentences_to_compare(doc, max(minimum, 1))):
            if len(key) < minimum or clause.sentence in repeated or key == keys[clause.sentence]:
                continue  # short, in a repeated sentence, or a one-clause sentence (compared above)
            first = seen.get(key) or clauses.setdefault(key, clause)
            if first is not clause and (first.block is clause.block or len(key) >= self.config["far_min_chars"]):
                yield self._report(doc, clause, first, "分句")

    def _report(self, doc: Document, later: Segment, first: Segment, what: str):
        line = doc.position(first.span.start)[0]
        return self.violation(later.span, f"{what}“{quote(later)}”与第{line}行的内容重复，请删除或合并")
