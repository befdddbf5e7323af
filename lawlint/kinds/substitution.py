from __future__ import annotations

import re

from lawlint.engine.schema import brief, check_keys, check_regex, compile_pattern
from lawlint.kinds.base import YamlRule
from lawlint.rule import Applicability, Availability, ConfigError, Fix


def _applicability(src, value, *path):
    try:
        Applicability.parse(value)
    except ConfigError as exc:
        raise src.error(str(exc).split(": ", 1)[-1], *path) from None


def check_swap(src, value, *path):
    if not isinstance(value, dict) or not value:
        raise src.error("“swap” 应为“错误写法: 正确写法”的映射", *path)
    for wrong, right in value.items():
        pattern = check_regex(src, str(wrong), *path, wrong)
        if isinstance(right, dict):  # {to: 正确写法, applicability: unsafe}
            check_keys(src, right, {"to": str, "applicability": _applicability}, *path, wrong, required=("to",))
            right = right["to"]
        if not isinstance(right, str):
            raise src.error(f"“{brief(wrong)}” 的正确写法应为字符串（或 {{to: 正确写法, applicability: unsafe}}）",
                            *path, wrong)
        if pattern is None:
            continue  # lawlint's own: checked by its tests
        try:
            pattern.sub(right, "")  # the replacement's group references are checked before any match
        except (re.error, IndexError) as exc:
            groups = f"（正则表达式只有 {pattern.groups} 个分组）" if "group" in str(exc) else ""
            raise src.error(f"“{brief(wrong)}” 的正确写法 “{brief(right)}” 有误：{exc}{groups}", *path, wrong) from None


class Substitution(YamlRule):
    """A wrong form and the right one (``swap``: regular expression → replacement, with a fix).

    The replacement may use ``\\1`` for groups; a replacement listing alternatives with
    ``|`` is shown but not applied.  A fix is offered only when the match lies on one
    line (a paragraph broken by PDF conversion is not rewritten across its line break).
    A replacement written ``{to: …, applicability: unsafe}`` makes that swap's fixes
    less safe than the rule's (``applicability:``).
    """

    kind = "substitution"
    keys = {"swap": check_swap}
    required = ("swap",)
    fields = ("match", "expected")
    default_message = "应写作“{expected}”，而非“{match}”"
    fix_availability = Availability.SOMETIMES

    @classmethod
    def compile(cls, src, data):
        swaps = []
        for wrong, right in data["swap"].items():
            applicability = Applicability.SAFE
            if isinstance(right, dict):
                applicability = Applicability.parse(right.get("applicability", "safe"))
                right = right["to"]
            swaps.append((compile_pattern(src, str(wrong)), right, applicability))
        return {"swaps": tuple(swaps)}

    def check(self, doc):
        swaps = [swap for swap in self.swaps if self.anywhere(doc, swap[0])]
        if not swaps:
            return
        for unit in self.units(doc):
            found = []
            for pattern, right, applicability in swaps:
                for m in self.matches(doc, unit, pattern):
                    found.append((m.start(), -m.end(), m, right, applicability))
            taken = -1
            for start, _, m, right, applicability in sorted(found, key=lambda f: (f[0], f[1])):
                if start < taken:
                    continue  # overlaps a longer or earlier match
                taken = m.end()
                expected = m.expand(right)
                span = unit.span(m.start(), m.end())
                fix = None
                if "|" not in expected and doc.text[span.start:span.end] == m[0]:
                    fix = Fix.replace(span, expected, applicability=applicability)
                yield self.report(span, fix, match=m[0], expected=expected)
