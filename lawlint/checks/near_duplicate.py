from __future__ import annotations

import re
from difflib import SequenceMatcher

from lawlint.checks.duplicate_sentence import quote
from lawlint.document import Document, Segment
from lawlint.lang.similarity import (
    character_overlap,
    character_overlap_bound,
    clause_keys,
    comparison_key,
    comparison_keys,
    first_similar,
    same_item,
    sentence_fingerprints,
    sentences_to_compare,
    shares_run,
    substance,
)
from lawlint.rule import Rule, Severity

_CHAR_MARGIN = 0.15
# A word that is a number, a date or a count: 31日, 15:00, 2次, 第三, 十九届.  Two sentences differing
# in one state two facts (two meetings, two figures), not one fact twice.
_CN_COUNT = re.compile(r"第?[〇零一二三四五六七八九十百千万两]+[次个项件人名家年月日号条批届期级]?")


def _numeric(word: str) -> bool:
    return any(ch.isdigit() for ch in word) or _CN_COUNT.fullmatch(word) is not None


class NearDuplicate(Rule):
    """句子或分句近似重复。

    两个句子（或两个分句）只差一两个词，如“着力提高全体干部职工对……的认识水平，
    提升全体干部职工对……的认识水平”。两者须有至少 `min_common` 个字完全相同的
    连续片段（用文本指纹挑出候选，不两两比较），再用 jieba 分词计算词序列相似度：
    同一段内达到 `threshold`，即报告后出现的一处，并指出前一处所在的行。不同段落
    之间，以及同一段中“一是……；二是……”、“分别于……；于……”这类并列的各项之间，
    须达到 `far_threshold`，而且不短于 `far_min_chars` 个字：各部分、各项重提同一个
    目标、项目或做法（“加快建成……”“早日建成……”）是常见的写法，不是重复。

    “提高行政决策的民主化水平，提高行政决策的法治化水平”这类排比只共享句式，
    不算重复；不同之处含有数字、日期的（“7月3日……召开……”“7月31日……召开……”）
    说的是两件事，也不算。书名号内的文件名、固定提法（清单在
    `lawlint/data/lists/formulas.yml`，如“以习近平新时代中国特色社会主义思想为指导”）和括注的
    标签（“〔责任单位：……〕”）不算内容；去掉标点后短于 `min_chars` 个字的分句和
    各级标题不参加比较；完全相同的由 RP001 报告。

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
    options = {"min_chars": 12, "threshold": 0.8, "far_threshold": 0.9, "far_min_chars": 30, "min_common": 12}
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
        content: dict[str, int] = {}

        def repeats(i: int, j: int) -> bool:
            first, later = group[keys[i]], group[keys[j]]
            near = same_item(doc, first, later)
            needed = self.config["min_chars" if near else "far_min_chars"]
            if len(keys[j]) < needed or not self._repeats(doc, keys[i], keys[j], near):
                return False
            key = keys[j]
            if key not in content:
                content[key] = substance(later.text, key, titles=False)
            # a goal, a project or a formula said again elsewhere; a formula or a tag nearby
            return content[key] >= needed

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
        words_a, words_b = doc.words(a), doc.words(b)
        matcher = SequenceMatcher(None, words_a, words_b, autojunk=False)
        # difflib's cheap upper bounds first, as its documentation recommends
        if not (matcher.real_quick_ratio() >= needed and matcher.quick_ratio() >= needed
                and matcher.ratio() >= needed):
            return False
        # the same frame with other figures or dates states another fact
        return not any(_numeric(word) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"
                       for word in (*words_a[i1:i2], *words_b[j1:j2]))

    @staticmethod
    def _units(segments: list[Segment], keys: list[str], minimum: int, exclude: dict) -> dict[str, Segment]:
        """First occurrence of each distinct text (exact repeats are RP001's)."""
        units: dict[str, Segment] = {}
        for segment, key in zip(segments, keys):
            if len(key) >= minimum and key not in exclude:
                units.setdefault(key, segment)
        return units
