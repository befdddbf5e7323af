from __future__ import annotations

from lawlint.document import Document, Segment
from lawlint.lang.similarity import (
    clause_keys,
    same_item,
    sentence_keys,
    sentences_to_compare,
    substance,
)
from lawlint.rule import Rule, Severity, Span


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

    连续 `passage_sentences` 句以上按原来的顺序重复前文（网页转载时整段甚至全文
    出现两遍），只报告一处：从哪一行起的这一段与前文哪几行重复。

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
    options = {"min_chars": 12, "far_min_chars": 20, "passage_sentences": 4}

    def check(self, doc: Document):
        minimum = self.config["min_chars"]
        keys = sentence_keys(doc)
        seen: dict[str, int] = {}
        pairs: list[tuple[int, int]] = []  # (repeating sentence, the sentence it repeats)
        for index, key in enumerate(keys):
            if len(key) < minimum:
                continue
            first = seen.setdefault(key, index)
            if first != index and substance(doc.sentences[index].text, key) >= minimum:
                pairs.append((index, first))
        repeated = {index for index, _ in pairs}
        for run in _runs(pairs, keys):
            if len(run) >= self.config["passage_sentences"]:
                yield self._report_passage(doc, run)
            else:
                for index, first in run:
                    yield self._report(doc, doc.sentences[index], doc.sentences[first], "句子")
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

    def _report_passage(self, doc: Document, run: list[tuple[int, int]]):
        """A passage pasted twice (a web copy holding the text twice) is one finding, not
        one per sentence."""
        (start, first_start), (end, first_end) = run[0], run[-1]
        sentences = doc.sentences
        span = Span(sentences[start].span.start, sentences[end].span.end)
        lines = [doc.position(sentences[i].span.start)[0] for i in (first_start, first_end)]
        where = f"第{lines[0]}行" if lines[0] == lines[1] else f"第{lines[0]}—{lines[1]}行"
        return self.violation(span, f"这一段（{end - start + 1}句，从“{quote(sentences[start])}”起）"
                                    f"与{where}的内容重复，请删除重复的部分")

    def _report(self, doc: Document, later: Segment, first: Segment, what: str):
        line = doc.position(first.span.start)[0]
        return self.violation(later.span, f"{what}“{quote(later)}”与第{line}行的内容重复，请删除或合并")


def _runs(pairs: list[tuple[int, int]], keys: list[str]) -> list[list[tuple[int, int]]]:
    """Repeated sentences grouped while the repeats follow one another as the sentences they
    repeat do (short sentences between them, not compared, the same in both places)."""
    runs: list[list[tuple[int, int]]] = []
    for index, first in pairs:
        if runs:
            last, last_first = runs[-1][-1]
            gap = index - last
            if 0 < gap == first - last_first and first < runs[-1][0][0] and all(
                    keys[last + k] == keys[last_first + k] for k in range(1, gap)):
                runs[-1].append((index, first))
                continue
        runs.append([(index, first)])
    return runs
