from __future__ import annotations

from difflib import SequenceMatcher

from lawlint.checks.duplicate_sentence import quote
from lawlint.document import Document, Segment
from lawlint.rule import Rule, Severity
from lawlint.similarity import (character_overlap, character_overlap_bound, clause_keys, comparison_key,
                                comparison_keys, first_similar, sentence_fingerprints, sentences_to_compare, shares_run)

_CHAR_MARGIN = 0.15


class NearDuplicate(Rule):
    """句子或分句近似重复。

    两个句子（或两个分句）只差一两个词，如“着力提高全体干部职工对……的认识水平，
    提升全体干部职工对……的认识水平”。两者须有至少 `min_common` 个字完全相同的
    连续片段（用文本指纹挑出候选，不两两比较），再用 jieba 分词计算词序列相似度：
    同一段内达到 `threshold`、不同段之间达到 `far_threshold`，即报告后出现的一处，
    并指出前一处所在的行。“提高行政决策的民主化水平，提高行政决策的
    法治化水平”这类排比只共享句式，不算重复。书名号内的文件名不参加比较；去掉
    标点后短于 `min_chars` 个字的分句和各级标题不参加比较；完全相同的由 RP001 报告。

    ## 原因
    《党政机关公文处理工作条例》第十九条要求公文“内容简洁……文字精练”。换了一个
    动词就把同一句话再说一遍，是修改稿件时最难用眼睛发现的重复。

    ## 错误示例
    ```
    着力提高全体干部职工对颁布实施民法典的重大意义的认识水平，提升全体干部职工对
    颁布实施民法典的重大意义的认识水平，提升全体干部职工的法律素养。
    ```

    ## 正确示例
    ```
    着力提高全体干部职工对颁布实施民法典的重大意义的认识水平，提升全体干部职工的
    法律素养。
    ```
    """

    code = "RP002"
    name = "near-duplicate"
    summary = "句子或分句近似重复"
    severity = Severity.WARNING
    basis = "《党政机关公文处理工作条例》第十九条（三）"
    options = {"min_chars": 12, "threshold": 0.8, "far_threshold": 0.9, "min_common": 12}
    uses_words = True

    def check(self, doc: Document):
        minimum = self.config["min_chars"]
        run = self.config["min_common"]
        fingerprinter = sentence_fingerprints(doc, run)
        sentence_keys = comparison_keys(doc)
        sentences = self._units(doc.sentences, sentence_keys, minimum, exclude={})
        shared = {key: fingerprinter.shared(key) for key in sentences}
        reported: set[int] = set()  # sentences already reported: their clauses are not repeated again
        for first, later in self._pairs(doc, sentences, list(shared.values())):
            reported.add(id(later))
            yield self._report(doc, first, later)
        # A clause's fingerprints are read off its sentence's: a clause can share text with
        # another only if its sentence does (or, rarely, if its text is not a piece of its
        # sentence's, when a quoted title crosses a clause mark: such clauses are always compared).
        candidates = [(c, comparison_key(c.text, k)) for c, k in clause_keys(doc, sentences_to_compare(doc, run))
                      if id(doc.sentences[c.sentence]) not in reported]
        clauses = self._units(*zip(*candidates), minimum, exclude=sentences) if candidates else {}
        pieces = {key: sentence_keys[clause.sentence] for key, clause in clauses.items()}
        loose = [key for key, within in pieces.items() if key not in within]
        prints = {key: fingerprinter.shared(key) for key in loose}
        for key, within in pieces.items():
            if key not in prints:
                prints[key] = fingerprinter.shared(key, within) if shared.get(within) or loose else set()
        for first, later in self._pairs(doc, clauses, [prints[key] for key in clauses]):
            yield self._report(doc, first, later)

    def _pairs(self, doc: Document, group: dict[str, Segment], prints: list[set]):
        keys = list(group)

        def repeats(i: int, j: int) -> bool:
            return self._repeats(doc, keys[i], keys[j], group[keys[i]].block is group[keys[j]].block)

        for i, j in first_similar(prints, repeats):
            yield group[keys[i]], group[keys[j]]

    def _report(self, doc: Document, first: Segment, later: Segment):
        line = doc.position(first.span.start)[0]
        return self.violation(later.span, f"“{quote(later)}”与第{line}行的“{quote(first)}”几乎相同，"
                                          "疑为重复表述，请删除或合并")

    def _repeats(self, doc: Document, a: str, b: str, same_paragraph: bool) -> bool:
        """A restatement shares a long run of words; a parallel construction only its frame."""
        needed = self.config["threshold" if same_paragraph else "far_threshold"]
        if 2 * min(len(a), len(b)) / (len(a) + len(b)) < needed - _CHAR_MARGIN:
            return False  # so different in length that few words can match
        # Matched words are matched characters: texts whose characters barely overlap
        # (multiset ratio well under the threshold) need not be segmented at all.
        if character_overlap_bound(doc, a, b) < needed - _CHAR_MARGIN or \
                character_overlap(doc, a, b) < needed - _CHAR_MARGIN:
            return False
        if not shares_run(a, b, self.config["min_common"]):
            return False
        matcher = SequenceMatcher(None, doc.words(a), doc.words(b), autojunk=False)
        # difflib's cheap upper bounds first, as its documentation recommends
        return matcher.real_quick_ratio() >= needed and matcher.quick_ratio() >= needed and matcher.ratio() >= needed

    @staticmethod
    def _units(segments: list[Segment], keys: list[str], minimum: int, exclude: dict) -> dict[str, Segment]:
        """First occurrence of each distinct text (exact repeats are RP001's)."""
        units: dict[str, Segment] = {}
        for segment, key in zip(segments, keys):
            if len(key) >= minimum and key not in exclude:
                units.setdefault(key, segment)
        return units
