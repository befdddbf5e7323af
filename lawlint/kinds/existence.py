from __future__ import annotations

from lawlint.engine.schema import compile_pattern
from lawlint.kinds.base import YamlRule, alternation, regex_alternatives


class Existence(YamlRule):
    """Tokens or patterns that must not appear (``tokens``: regular expressions)."""

    kind = "existence"
    keys = {"tokens": regex_alternatives}
    required = ("tokens",)
    fields = ("match",)
    default_message = "不应出现“{match}”"

    @classmethod
    def compile(cls, src, data):
        return {"pattern": compile_pattern(src, alternation(data["tokens"]))}

    def check(self, doc):
        if not self.anywhere(doc, self.pattern):
            return  # the usual case: the units are not even listed
        for unit in self.units(doc):
            for m in self.matches(doc, unit, self.pattern):
                yield self.report(unit.span(m.start(), m.end()), match=m[0])
