from __future__ import annotations

from lawlint.engine.schema import check_regex, compile_pattern
from lawlint.kinds.base import YamlRule


class Conditional(YamlRule):
    """If ``first`` appears, ``second`` must appear too (both regular expressions).

    The first occurrence of ``first`` is reported when ``second`` is nowhere in scope;
    ``second_name`` is how the message names what is missing.
    """

    kind = "conditional"
    keys = {"first": check_regex, "second": check_regex, "second_name": str}
    required = ("first", "second")
    fields = ("match", "second")
    default_message = "出现“{match}”时，应同时写明“{second}”"
    default_scope = ("document",)

    @classmethod
    def compile(cls, src, data):
        return {"first_pattern": compile_pattern(src, data["first"]),
                "second_pattern": compile_pattern(src, data["second"]),
                "second_name": data.get("second_name", data["second"])}

    def check(self, doc):
        if not self.anywhere(doc, self.first_pattern):
            return  # nothing to report
        first = None
        for unit in self.units(doc):
            if any(True for _ in self.matches(doc, unit, self.second_pattern)):
                return
            if first is None:
                m = next(self.matches(doc, unit, self.first_pattern), None)
                if m is not None:
                    first = (unit.span(m.start(), m.end()), m[0])
        if first is not None:
            yield self.report(first[0], match=first[1], second=self.second_name)
