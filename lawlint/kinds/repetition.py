from __future__ import annotations

import re

from lawlint.kinds.base import YamlRule, alternation, regex_alternatives
from lawlint.rule import Fix
from lawlint.schema import check_regex
from lawlint.text import BLANKS

# Two equal words side by side need a run of 2–8 characters written twice.  The patterns
# are the cheap ones for CPython's re (\w, and blanks only when the text has any).
_DOUBLED_RUN = re.compile(r"(\w{2,8})\1")
_DOUBLED_RUN_BLANKS = re.compile(r"(\w{2,8})[^\S\n]*\1")


class Repetition(YamlRule):
    """The same jieba word twice in a row (“的的”, “进一步进一步”).

    ``tokens`` (regular expressions) limit the words checked; ``single_chars`` (a
    regular expression) limits which one-character words are checked, since a doubled
    character is usually two words (执行｜行政); ``exceptions`` list words whose
    doubling is legitimate.  Text with nothing of 1–8 characters written twice is
    never segmented.
    Reduplicated words such as 紧紧 and 常常 are single words to jieba and are never
    reported.  The fix deletes the second one.
    """

    kind = "repetition"
    keys = {"tokens": regex_alternatives, "single_chars": check_regex}
    fields = ("match",)
    default_message = "“{match}”重复"
    default_scope = ("paragraph", "heading", "title")
    fixable = True
    uses_words = True

    @classmethod
    def compile(cls, src, data):
        tokens = data.get("tokens") or [".+"]
        single = data.get("single_chars", ".")
        return {"wanted": re.compile(alternation(tokens)),
                "single": re.compile(single),
                "doubled_char": re.compile(f"({single})[^\\S\\n]*\\1")}

    def check(self, doc):
        for unit in self.units(doc):
            if not self._may_repeat(unit.text):
                continue  # two equal words side by side need some text written twice: no jieba needed
            words = doc.tokens(unit.text)
            for (w1, s1, e1), (w2, s2, e2) in zip(words, words[1:]):
                if w1 != w2 or not any(ch.isalnum() for ch in w2) or not self.wanted.fullmatch(w2) \
                        or unit.text[e1:s2].strip():
                    continue  # only words (not marks), side by side
                if (len(w2) == 1 and not self._single_checked(w2)) or self._excepted(w2) or self._excepted(w1 + w2):
                    continue
                span = unit.span(s2, e2)
                delete = unit.span(e1, e2)
                fix = Fix.delete(delete, f"删除重复的“{w2}”") if doc.text[delete.start:delete.end] == unit.text[e1:e2] else None
                yield self.report(span, fix, match=w2)

    def _excepted(self, word: str) -> bool:
        return any(x.fullmatch(word) for x in self.exceptions)

    def _single_checked(self, char: str) -> bool:
        return self.single.fullmatch(char) is not None and not self._excepted(char)

    def _may_repeat(self, text: str) -> bool:
        """A cheap pre-test: a checked character, or a run of letters, written twice in a row."""
        if any(self._single_checked(m[1]) for m in self.doubled_char.finditer(text)):
            return True
        doubled = _DOUBLED_RUN_BLANKS if any(b in text for b in BLANKS) else _DOUBLED_RUN
        return any(not m[1].isdecimal() for m in doubled.finditer(text))
