from __future__ import annotations

import re

from lawlint.kinds.base import YamlRule, regex_list
from lawlint.rule import Fix


class Repetition(YamlRule):
    """The same jieba word twice in a row (“的的”, “进一步进一步”).

    ``tokens`` (regular expressions) limit the words checked; ``exceptions`` list
    words whose doubling is legitimate.  Reduplicated words such as 紧紧 and 常常 are
    single words to jieba and are never reported.  The fix deletes the second one.
    """

    kind = "repetition"
    keys = {"tokens": regex_list}
    fields = ("match",)
    default_message = "“{match}”重复"
    default_scope = ("paragraph", "heading", "title")
    fixable = True
    uses_words = True

    @classmethod
    def compile(cls, src, data):
        tokens = data.get("tokens") or [".+"]
        return {"wanted": re.compile("|".join(f"(?:{t})" for t in tokens))}

    def check(self, doc):
        for unit in self.units(doc):
            words = doc.tokens(unit.text)
            for (w1, s1, e1), (w2, s2, e2) in zip(words, words[1:]):
                if w1 != w2 or not self.wanted.fullmatch(w2) or unit.text[e1:s2].strip():
                    continue
                if any(x.fullmatch(w2) or x.fullmatch(w1 + w2) for x in self.exceptions):
                    continue
                span = unit.span(s2, e2)
                delete = unit.span(e1, e2)
                fix = Fix.delete(delete, f"删除重复的“{w2}”") if doc.text[delete.start:delete.end] == unit.text[e1:e2] else None
                yield self.report(span, fix, match=w2)
