from __future__ import annotations

import bisect
import re

from lawlint.engine.schema import check_regex, compile_pattern
from lawlint.kinds.base import YamlRule, alternation, regex_alternatives
from lawlint.lang.text import BLANKS, segment_pieces
from lawlint.rule import Availability, Fix

# Two equal words side by side need a run of 2–8 characters written twice.  The patterns
# are the cheap ones for CPython's re (\w, and blanks only when the text has any).
_DOUBLED_RUN = re.compile(r"(\w{2,8})\1")
_DOUBLED_RUN_BLANKS = re.compile(r"(\w{2,8})[^\S\n]*\1")
_BLANK = re.compile(f"[{BLANKS}]")


class Repetition(YamlRule):
    """The same jieba word twice in a row (“的的”, “进一步进一步”).

    ``tokens`` (regular expressions) limit the words checked; ``single_chars`` (a
    regular expression) limits which one-character words are checked, since a doubled
    character is usually two words (执行｜行政); ``exceptions`` list words whose
    doubling is legitimate.  Text with nothing of 1–8 characters written twice is
    never segmented.
    Reduplicated words such as 紧紧 and 常常 are single words to jieba and are never
    reported.  ``reduplicable`` (a regular expression) names the words whose doubling may
    be a grammatical form (the tentative 研究研究 of a two-character verb); such a doubling
    is reported only next to a word of ``modifiers`` (regular expressions, or a word
    ending in 地), which that form cannot take: 积极配合配合 after one, 积极积极 as one.
    The fix deletes the second one.
    """

    kind = "repetition"
    keys = {"tokens": regex_alternatives, "single_chars": check_regex, "reduplicable": check_regex,
            "modifiers": regex_alternatives}
    fields = ("match",)
    default_message = "“{match}”重复"
    default_scope = ("paragraph", "heading", "title")
    fix_availability = Availability.SOMETIMES
    uses_words = True

    @classmethod
    def compile(cls, src, data):
        tokens = data.get("tokens") or [".+"]
        single = data.get("single_chars", ".")
        modifiers = data.get("modifiers")
        return {"wanted": compile_pattern(src, alternation(tokens)),
                "single": compile_pattern(src, single),
                "doubled_char": compile_pattern(src, f"({single})[^\\S\\n]*\\1"),
                "reduplicable": compile_pattern(src, data["reduplicable"]) if "reduplicable" in data else None,
                "modifiers": compile_pattern(src, alternation(modifiers)) if modifiers else None}

    def check(self, doc):
        runs = self._units_with_doubled_runs(doc)
        for index, unit in enumerate(self.units(doc)):
            if not self._may_repeat(unit.text, runs is None or index in runs):
                continue  # two equal words side by side need some text written twice: no jieba needed
            for offset, piece in segment_pieces(unit.text):
                if piece is not unit.text and not self._may_repeat(piece):
                    continue
                words = doc.tokens(piece)
                for k, ((w1, _s1, e1), (w2, s2, e2)) in enumerate(zip(words, words[1:])):
                    if w1 != w2 or not any(ch.isalnum() for ch in w2) or not self.wanted.fullmatch(w2) \
                            or piece[e1:s2].strip():
                        continue  # only words (not marks), side by side
                    if (len(w2) == 1 and not self._single_checked(w2)) or self._excepted(w2) \
                            or self._excepted(w1 + w2):
                        continue
                    if self._reduplicated(piece, words, k):  # (a mark before a piece: no word before it)
                        continue
                    s2, e1, e2 = s2 + offset, e1 + offset, e2 + offset
                    span = unit.span(s2, e2)
                    delete = unit.span(e1, e2)
                    fix = (Fix.delete(delete, f"删除重复的“{w2}”")
                           if doc.text[delete.start:delete.end] == unit.text[e1:e2] else None)
                    yield self.report(span, fix, match=w2)

    def _reduplicated(self, text: str, words, k: int) -> bool:
        """Is the doubled word at ``words[k]`` possibly a reduplicated form (研究研究)?  Not
        when it is a modifier itself or follows one right before (积极配合配合)."""
        word = words[k][0]
        if self.reduplicable is None or not self.reduplicable.fullmatch(word):
            return False
        if self._modifier(word):
            return False
        if k:
            before, _, end = words[k - 1]
            if not text[end:words[k][1]].strip() and (before.endswith("地") or self._modifier(before)):
                return False
        return True

    def _modifier(self, word: str) -> bool:
        return self.modifiers is not None and self.modifiers.fullmatch(word) is not None

    def _excepted(self, word: str) -> bool:
        return any(x.fullmatch(word) for x in self.exceptions)

    def _single_checked(self, char: str) -> bool:
        return self.single.fullmatch(char) is not None and not self._excepted(char)

    def _may_repeat(self, text: str, run_possible: bool = True) -> bool:
        """A cheap pre-test: a checked character, or a run of letters, written twice in a row
        (``run_possible``: as far as ``_units_with_doubled_runs`` can tell without blanks)."""
        if any(self._single_checked(m[1]) for m in self.doubled_char.finditer(text)):
            return True
        blanks = _BLANK.search(text) is not None
        if not (blanks or run_possible):
            return False
        doubled = _DOUBLED_RUN_BLANKS if blanks else _DOUBLED_RUN
        return any(not m[1].isdecimal() for m in doubled.finditer(text))

    def _units_with_doubled_runs(self, doc) -> set[int] | None:
        """The units (indices in ``units``) where 2–8 characters may be written twice in a row
        with nothing between: where the text's UTF-16 code units, XORed with those L places
        further on, give L zeros in a row.  Seven big-integer operations on the text of all the
        units at once cost a fraction of the regular expression scan, which then runs only
        on the units found (and on those holding blanks).  None when the text has characters
        outside the BMP (two code units each)."""
        text = self._scope_text(doc)  # the units joined by line breaks
        data = text.encode("utf-16-le", "surrogatepass")
        if len(data) != 2 * len(text):
            return None
        starts, at = [], 0
        for unit in self.units(doc):
            starts.append(at)
            at += len(unit.text) + 1
        codes = int.from_bytes(data, "little")
        found: set[int] = set()
        for length in range(2, 9):
            diff = (codes ^ (codes >> (16 * length))).to_bytes(len(data), "little")
            zeros = b"\0" * (2 * length)
            i = diff.find(zeros)
            while i != -1:
                if i % 2:  # zero bytes across two code units: not a run of equal characters
                    i = diff.find(zeros, i + 1)
                    continue
                unit = bisect.bisect_right(starts, i // 2) - 1
                found.add(unit)
                if unit + 1 == len(starts):
                    break
                i = diff.find(zeros, 2 * starts[unit + 1])  # one finding per unit is enough
        return found
