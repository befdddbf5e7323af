from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate, compress
from operator import contains, itemgetter

from lawlint.document import PARAGRAPH, Document, Segment
from lawlint.document.sentences import protected
from lawlint.engine import resources
from lawlint.lang.similarity import item_starts, normalise, sentence_keys, substance
from lawlint.rule import Rule, Severity

_NOT_WORDS = re.compile(r"[\W_][\W_]*")
_LONGEST = 40  # the copy of a gram of a first mention is looked for this far (and max_gap) after it
_ENDS = frozenset("，,；;：:。！？!?…")
_CLOSERS = "”’」』）)》〉】\"'"
_SENTENCE_END = frozenset("。；;！!？?…\n")  # as lawlint.document.sentences splits (and paragraph ends)
_MARKS = (",", "：", ":", *_SENTENCE_END)  # the marks between clauses, besides "，"
_OPENERS = "“‘「『（(《〈【\"'"
_LISTING = ("、", "及", "和", "与", "或", "以及")
_CONJUNCTIONS = frozenset("及和与或")
_NUMERALS = frozenset("0123456789〇零一二三四五六七八九十百千万亿两")
_GRAM = 4   # repeated pieces are found from grams of this many characters,
_STEP = 3   # sampled every _STEP positions: any common run of _GRAM + _STEP - 1 holds one
_LAST_LETTERS = itemgetter(slice(-_GRAM, None))
_FEW = 16  # candidates located one by one; more are located from the running sum of lengths
_PIECE = 4  # a near repeat is two exact pieces of at least this many characters
_SLIP = 2   # with at most this many differing characters between them, on either side
_CLAUSE_RATIO = 0.8  # clauses this alike are RP001's and RP002's, not a phrase inside them


@functools.cache
def _organ_heads() -> tuple[str, ...]:
    """Multi-character ends of organ names (领导小组, 委员会): a phrase followed by one
    is part of a name (重大行政执法决定集体讨论领导小组)."""
    return tuple(s for s in resources.data("organs")["suffixes"] if len(s) >= 2)


@dataclass(frozen=True)
class _Repeat:
    """A phrase at ``[i, i_end)`` said again at ``[j, j_end)`` of a key, ``matched`` equal
    characters in one or two pieces (the first ``piece`` long); ``slips`` the differing
    characters between them."""

    i: int
    i_end: int
    j: int
    j_end: int
    matched: int
    piece: int
    slips: str = ""


class RepeatedPhrase(Rule):
    """一句话里把同一个长短语说了两遍。

    一个分句里出现的、至少 `min_chars` 个字的短语（或只差一两个字的短语），在紧接着的
    下一个分句末尾又出现一次，两处相隔不超过 `max_gap` 个字，例如“推行……清单制度，
    分级分类制定……清单”。第二次可以改用“该清单”“上述事项”这类指代，或者把两处合并。
    这是文风提示（info），是否要改请结合上下文斟酌；在约百份真实公文上，它只报出了
    确实可以改用指代的地方。

    以下情形是自然的写法，不报：书名号内的文件名、引号内的名称（“推进《……条例》
    立法工作，推动出台《……条例》”）；固定提法（`lawlint/data/lists/formulas.yml`，如“习近平
    新时代中国特色社会主义思想”）；第二次出现时只是更长的词组的一部分（“……收费和基金
    目录清单制度，公布……收费和基金项目”）；第二次出现时是列举中的一项（“传达学习甲及乙，
    贯彻落实丙及乙”：列举的文件要写出名称）；分处“一是……，二是……”不同各项的；
    数字不同的并列项（“参保人数达到760万以上，少儿……参保人数达到40万以上”）；第一次
    出现时属于机构名称的（“成立……集体讨论领导小组，对……进行集体讨论”）。两个分句
    整个几乎相同的，由 RP001、RP002 报告。

    ## 原因
    《党政机关公文处理工作条例》第十九条要求公文“内容简洁……文字精练”。一句之内把
    十几个字的名称原样再写一遍，句子冗长，读者还要比对两处是否真的相同。

    ## 错误示例
    ```
    我局全面推行领导干部学法用法重点内容清单制度，分级分类制定领导干部学法用法重点
    内容清单，并在门户网站公布。
    ```

    ## 正确示例
    ```
    我局全面推行领导干部学法用法重点内容清单制度，分级分类制定该清单，并在门户网站公布。
    推进《青山县城市园林绿化管理条例》立法工作，推动出台《青山县城市园林绿化管理条例》。
    ```
    """

    code = "RP003"
    name = "repeated-phrase"
    summary = "一句话里把同一个长短语说了两遍"
    severity = Severity.INFO
    basis = "《党政机关公文处理工作条例》第十九条（三）"
    options = {"min_chars": 12, "max_gap": 40}

    def check(self, doc: Document):
        for index in self._sentences_to_check(doc):
            yield from self._check_sentence(doc, doc.sentences[index], index)

    def _sentences_to_check(self, doc: Document) -> list[int]:
        """The sentences where the last letters of a clause occur in the clause before it:
        a second mention ends a clause (see ``_natural``), so its last letters occur in the
        first, and both clauses hold at least ``min_chars`` characters.  The text is split
        into clauses by searching for one character (unlike a regular expression, which
        Python's ``re`` runs at every character) once the other marks are replaced by it,
        and the clauses are compared in two C-level passes: only the sentences found are
        looked at letter by letter."""
        text = doc.text_of(PARAGRAPH)
        marked = text
        for mark in _MARKS:  # every mark becomes "，": offsets do not change
            if mark in marked:
                marked = marked.replace(mark, "，")
        pieces = marked.split("，")
        found = list(compress(range(1, len(pieces)), map(contains, pieces, map(_LAST_LETTERS, pieces[1:]))))
        minimum = self.config["min_chars"]
        found = [k for k in found if len(pieces[k]) >= minimum and len(pieces[k - 1]) >= minimum]
        if not found:
            return []
        # the offset in the text past the mark after each clause found
        if len(found) > _FEW:
            ends = list(accumulate(map((1).__add__, map(len, pieces))))
        else:
            ends = {k: sum(map(len, pieces[:k + 1])) + k + 1 for k in found}
        starts = self._sentence_starts(doc)
        keys = sentence_keys(doc)
        wanted = set()
        for k in found:
            if text[ends[k] - len(pieces[k]) - 2] in _SENTENCE_END:
                continue  # the mark before the clause ends a sentence
            index = bisect.bisect_right(starts, ends[k] - 1) - 1
            if index >= 0 and len(keys[index]) >= 2 * minimum:
                wanted.add(index)
        return sorted(wanted)

    @staticmethod
    def _sentence_starts(doc: Document) -> list[int]:
        """The offset of each sentence in ``doc.text_of(PARAGRAPH)``."""
        offsets, at = {}, 0
        for block in doc.blocks_of(PARAGRAPH):
            offsets[id(block)] = at
            at += len(block.text) + 1
        return [offsets[id(s.block)] + s.start for s in doc.sentences]

    def _check_sentence(self, doc: Document, sentence: Segment, index: int):
        text = sentence.text
        reported: list[_Repeat] = []
        for rep, why in self.candidates(doc, sentence, index):
            if why or any(r.j <= rep.j < r.j_end for r in reported):
                continue  # natural, or a stretch of text already reported
            reported.append(rep)
            offsets = _keyed(text)[1]
            start, end = offsets[rep.j], offsets[rep.j_end - 1] + 1
            first = text[offsets[rep.i]:offsets[rep.i_end - 1] + 1]
            span = sentence.block.span_of(sentence.start + start, sentence.start + end)
            sure = "一字不差" if not rep.slips else "几乎相同"
            yield self.violation(span, f"“{_short(text[start:end])}”在本句中重复出现（与前面的“{_short(first)}”"
                                       f"{sure}），第二次可改用“该……”“上述……”等指代，或把两处合并"
                                       "（文风提示，请结合上下文斟酌）")

    def candidates(self, doc: Document, sentence: Segment, index: int):
        """Every phrase said twice in ``sentence`` (``doc.sentences[index]``), with the reason
        why the repetition is natural, or None."""
        text = sentence.text
        key, offsets, clauses = _keyed(text)
        mask = protected(text)
        for rep in _repeats(key, self.config["min_chars"], self.config["max_gap"]):
            rep = _within_clauses(rep, clauses)
            while key[rep.j] in _CONJUNCTIONS and rep.piece > 1:  # a phrase starts after 及、和
                rep = _Repeat(rep.i + 1, rep.i_end, rep.j + 1, rep.j_end, rep.matched - 1, rep.piece - 1, rep.slips)
            if rep.matched >= self.config["min_chars"]:
                yield rep, self._natural(doc, sentence, index, key, offsets, clauses, mask, rep)

    def _natural(self, doc: Document, sentence: Segment, index: int, key: str, offsets: list[int],
                 clauses: list[int], mask: bytearray | None, rep: _Repeat) -> str | None:
        """Why this repetition is the natural kind (see the class documentation), if it is."""
        text = sentence.text
        first_start, first_end = offsets[rep.i], offsets[rep.i_end - 1] + 1
        start, end = offsets[rep.j], offsets[rep.j_end - 1] + 1
        between = text[first_end:start]
        if clauses[rep.j] == clauses[rep.i]:
            return "one clause, or items of one enumeration (…会议、…会议)"
        if clauses[rep.j] > clauses[rep.i] + 1:
            return "not in adjacent clauses"
        after = text[end:].lstrip(_CLOSERS)
        if after and after[0] not in _ENDS:
            return "the second is part of a longer phrase (…基金项目), not a whole mention"
        if between.rstrip(_OPENERS).endswith(_LISTING):
            return "the second is an item of a list (A及B): named, never a pronoun"
        items = item_starts(doc, sentence.block)
        if bisect.bisect_right(items, sentence.start + first_start) != bisect.bisect_right(items, sentence.start + start):
            return "items of an enumeration (一是……，二是……): parallel wording"
        if text[first_end:].startswith(_organ_heads()):
            return "the first is part of an organ's name"
        if mask is not None and (mask.find(1, first_start, first_end) != -1 or mask.find(1, start, end) != -1):
            return "a quoted title or name"
        if any(ch in _NUMERALS for ch in rep.slips) or _figures_differ(key, rep):
            return "parallel items with other figures"
        if substance(text[start:end]) < self.config["min_chars"]:
            return "a formula"
        if self._clauses_alike(doc, sentence, index, first_start, start):
            return "two clauses alike: RP001's or RP002's finding"
        return None

    @staticmethod
    def _clauses_alike(doc: Document, sentence: Segment, index: int, first: int, later: int) -> bool:
        """Are the clauses holding the two mentions near copies of each other (RP001's and
        RP002's finding, not a phrase inside two different clauses)?"""
        clauses = doc.clauses_of(index)
        a = next((c for c in clauses if c.start <= sentence.start + first < c.end), None)
        b = next((c for c in clauses if c.start <= sentence.start + later < c.end), None)
        if a is None or b is None or a is b:
            return False
        ka, kb = normalise(a.text), normalise(b.text)
        return SequenceMatcher(None, ka, kb, autojunk=False).ratio() >= _CLAUSE_RATIO


def _short(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _keyed(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` without punctuation and blanks, in NFKC lower case (as ``normalise``), with
    the offset in ``text`` of each character, and the number of clause marks before it."""
    chars: list[str] = []
    offsets: list[int] = []
    clauses: list[int] = []
    marks, last = 0, 0
    for m in _NOT_WORDS.finditer(text + "\x00"):  # the pieces of letters between marks and blanks
        piece = text[last:m.start()]
        if piece:
            norm = piece.lower()
            if unicodedata.is_normalized("NFKC", piece) and len(norm) == len(piece) and norm.isalnum():
                chars.append(norm)
                offsets.extend(range(last, m.start()))
                clauses.extend([marks] * len(piece))
            else:  # full-width letters and digits, ligatures: one character at a time
                for k, ch in enumerate(piece, last):
                    for c in unicodedata.normalize("NFKC", ch).lower():
                        if c.isalnum():
                            chars.append(c)
                            offsets.append(k)
                            clauses.append(marks)
        if not _ENDS.isdisjoint(m[0]):
            marks += 1
        last = m.end()
    return "".join(chars), offsets, clauses


def _within_clauses(rep: _Repeat, clauses: list[int]) -> _Repeat:
    """``rep`` cut where either mention would cross a clause mark: a phrase does not run on
    into the next clause (…认识水平，提升… is not one phrase).  A cut near repeat keeps its
    first piece."""
    def room(start: int, end: int) -> int:
        return bisect.bisect_right(clauses, clauses[start], start, end) - start

    first, second = room(rep.i, rep.i_end), room(rep.j, rep.j_end)
    if first == rep.i_end - rep.i and second == rep.j_end - rep.j:
        return rep
    length = min(first, second, rep.piece)
    return _Repeat(rep.i, rep.i + length, rep.j, rep.j + length, length, length)


def _run(key: str, i: int, j: int, limit: int) -> int:
    """Length of the common run of ``key[i:]`` and ``key[j:]``, at most ``limit``."""
    n = 0
    while n < limit and j + n < len(key) and key[i + n] == key[j + n]:
        n += 1
    return n


def _run_back(key: str, i: int, j: int, floor: int) -> int:
    """Length of the common run of ``key[:i]`` and ``key[:j]`` (ending there), not reaching
    below ``floor`` in the first."""
    n = 0
    while i - n - 1 >= floor and key[i - n - 1] == key[j - n - 1]:
        n += 1
    return n


def _repeats(key: str, minimum: int, max_gap: int):
    """Every phrase of ``key`` said twice: an exact run, extended by a second run after
    (or before) at most ``_SLIP`` differing characters on either side; the two mentions
    do not overlap and lie at most ``max_gap`` characters apart."""
    covered: dict[int, int] = {}  # for each distance, where the last common run found ends
    find = key.find
    reach = max_gap + _LONGEST + _GRAM  # how far after a gram of the first mention its copy may lie
    for a in range(0, len(key) - _GRAM + 1, _STEP):
        gram = key[a:a + _GRAM]
        b = find(gram, a + _GRAM, a + reach)
        while b != -1:
            distance = b - a
            if a >= covered.get(distance, -1):  # not inside a run found before: each run once
                back = _run_back(key, a, b, covered.get(distance, 0))
                i, j = a - back, b - back  # the start of the common run
                rep = _extend(key, i, j)
                covered[distance] = i + _run(key, i, j, distance)
                if rep.matched >= minimum and 0 <= rep.j - rep.i_end <= max_gap:
                    yield rep
            b = find(gram, b + 1, a + reach)


def _extend(key: str, i: int, j: int) -> _Repeat:
    """The longest repeat made of the common run at ``i`` and ``j`` and at most one more
    run, after it or before it, past a few differing characters."""
    length = _run(key, i, j, j - i)
    best = _Repeat(i, i + length, j, j + length, length, length)
    if length < _PIECE:
        return best
    for skip_i in range(_SLIP + 1):
        for skip_j in range(_SLIP + 1):
            if not skip_i and not skip_j:
                continue
            i2, j2 = i + length + skip_i, j + length + skip_j  # a run after this one
            if i2 < j:
                more = _run(key, i2, j2, j - i2)
                if more >= _PIECE and length + more > best.matched:
                    slips = key[i + length:i2] + key[j + length:j2]
                    best = _Repeat(i, i2 + more, j, j2 + more, length + more, length, slips)
            i0, j0 = i - skip_i, j - skip_j  # a run before this one
            if i0 > 0 and j0 > i + length:
                more = min(_run_back(key, i0, j0, 0), j0 - i - length)  # the mentions must not overlap
                if more >= _PIECE and length + more > best.matched:
                    slips = key[i0:i] + key[j0:j]
                    best = _Repeat(i0 - more, i + length, j0 - more, j + length, length + more, more, slips)
    return best


def _figures_differ(key: str, rep: _Repeat) -> bool:
    """Do the two mentions follow, or precede, different figures (五星级…、四星级…; …达到50%，
    …达到83%)?  Then they are parallel items, each with its own figure."""
    def figure(at: int, step: int) -> str:
        out = []
        while 0 <= at < len(key) and key[at] in _NUMERALS:
            out.append(key[at])
            at += step
        return "".join(out)

    before = figure(rep.i - 1, -1), figure(rep.j - 1, -1)
    after = figure(rep.i_end, 1), figure(rep.j_end, 1)
    return any(x and y and x != y for x, y in (before, after))
