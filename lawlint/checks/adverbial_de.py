from __future__ import annotations

import functools
import re

from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine import resources
from lawlint.lang.text import HAN_RE, segment_pieces
from lawlint.rule import Availability, Fix, Rule, Severity


@functools.cache
def _data() -> tuple[re.Pattern, frozenset[str], frozenset[str]]:
    data = resources.data("collocations")["adverbial_de"]
    words = sorted(data["adverbials"], key=len, reverse=True)
    # 得 starting a word (得到, 得以) or a complement needs no segmenting: left out at once
    not_after = re.escape(data["complement_starts"] + "到以益出当力分失体宜知心")
    return (re.compile(f"(?:{'|'.join(words)})得(?![{not_after}])"), frozenset(data["prepositions"]),
            frozenset(data["complement_starts"]))


class AdverbialDe(Rule):
    """状语和动词之间误用了“得”。

    “更好”“认真”“积极”这类词（清单在 `lawlint/data/lists/collocations.yml`）修饰后面的动词时，
    中间用“地”：“更好得学习”应为“更好地学习”。按 jieba 分词判断：“得”单独成词、后面
    是动词短语时才报出；“更好得到落实”“得以实现”“得心应手”里的“得”属于别的词，“认真得很”
    “深入得不够”是补语，都不会报出。

    ## 原因
    结构助词“地”用在状语和中心语之间，“得”用在动词、形容词和补语之间（《现代汉语词典》
    “地”“得”条）；《党政机关公文处理工作条例》第二十条把文字用法是否规范列为审核重点。

    ## 错误示例
    ```
    为使干部更好得学习法律知识，认真得落实学法制度。
    ```

    ## 正确示例
    ```
    为使干部更好地学习法律知识，学法制度更好得到落实，获得学习机会，工作做得扎实。
    ```
    """

    code = "WD018"
    name = "adverbial-de"
    summary = "状语和动词之间误用了“得”"
    severity = Severity.WARNING
    basis = "《现代汉语词典》“地”“得”条；《党政机关公文处理工作条例》第二十条（审核重点：文字用法是否规范）"
    fix_availability = Availability.ALWAYS
    uses_words = True

    def check(self, doc: Document):
        if "得" not in doc.text:
            return
        pattern, prepositions, complements = _data()
        for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
            text = block.text
            hits = [m for m in pattern.finditer(text)]
            if not hits:
                continue  # no adverbial before 得: no need to segment
            for offset, piece in segment_pieces(text):  # a long paragraph: piece by piece, same words
                inside = [m for m in hits if offset <= m.start() and m.end() <= offset + len(piece)]
                if not inside:
                    continue
                yield from self._check_piece(doc, block, piece, offset, inside, prepositions, complements)

    def _check_piece(self, doc: Document, block, piece: str, offset: int, hits, prepositions, complements):
        """The hits (matches in ``block.text``) lying in ``piece``, which starts at ``offset``."""
        tokens = [(w, start + offset, end + offset) for w, start, end in doc.tokens(piece)]
        starts = {start: k for k, (_, start, _) in enumerate(tokens)}
        for m in hits:
            de = m.end() - 1
            k = starts.get(de)
            if k is None or k == 0 or tokens[k][0] != "得" or k + 1 >= len(tokens):
                continue  # 得 is part of a word (得到, 得以, 得分); or a mark follows it
            before, _, _ = tokens[k - 1]
            after, after_start, _ = tokens[k + 1]
            if tokens[k - 1][1] != m.start() or after_start != de + 1:
                continue  # the adverbial is the tail of another word, or a blank follows
            if not self._verb_phrase(after, prepositions, complements):
                continue
            span = block.span_of(de, de + 1)
            yield self.violation(
                block.span_of(m.start(), de + 1 + len(after)),
                f"“{before}得{after}”中状语后应用“地”：应为“{before}地{after}”",
                fix=Fix.replace(span, "地", "改为“地”"))

    @staticmethod
    def _verb_phrase(word: str, prepositions: frozenset[str], complements: frozenset[str]) -> bool:
        """What follows 得 begins a verb phrase, not a complement."""
        if word in prepositions:
            return True
        return len(word) >= 2 and all(HAN_RE.match(c) for c in word) and word[0] not in complements
