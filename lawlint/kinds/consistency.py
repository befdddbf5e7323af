from __future__ import annotations

from lawlint.engine.schema import check_regex, compile_pattern
from lawlint.kinds.base import YamlRule


def check_either(src, value, *path):
    if not isinstance(value, dict) or len(value) < 2:
        raise src.error("“either” 应为至少两种写法的映射（名称: 正则表达式）", *path)
    for name, pattern in value.items():
        check_regex(src, pattern, *path, name)


class Consistency(YamlRule):
    """Only one of several alternatives in a document (``either``: name → regular expression).

    The alternative used first sets the style; occurrences of the others are reported.
    """

    kind = "consistency"
    keys = {"either": check_either}
    required = ("either",)
    fields = ("match", "first", "expected")
    default_message = "全文写法应统一：前文用的是“{first}”，此处为“{match}”"
    default_scope = ("document",)

    @classmethod
    def compile(cls, src, data):
        return {"alternatives": tuple((str(n), compile_pattern(src, p)) for n, p in data["either"].items())}

    def check(self, doc):
        alternatives = [(name, pattern) for name, pattern in self.alternatives if self.anywhere(doc, pattern)]
        if len(alternatives) < 2:
            return  # one way of writing it cannot be inconsistent
        found = []
        for unit in self.units(doc):
            for name, pattern in alternatives:
                for m in self.matches(doc, unit, pattern):
                    found.append((unit.span(m.start(), m.end()), name, m[0]))
        if not found:
            return
        found.sort(key=lambda f: f[0].start)
        first_span, first_name, first_text = found[0]
        for span, name, text in found:
            if name != first_name:
                yield self.report(span, match=text, first=first_text, expected=first_name)
