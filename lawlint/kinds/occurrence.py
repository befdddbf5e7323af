from __future__ import annotations

from lawlint.engine.schema import check_regex, compile_pattern
from lawlint.kinds.base import YamlRule


class Occurrence(YamlRule):
    """How often ``token`` may occur in each unit of the scope: ``min`` and/or ``max``."""

    kind = "occurrence"
    keys = {"token": check_regex, "min": int, "max": int}
    required = ("token",)
    fields = ("match", "count", "min", "max")
    default_message = "“{match}”出现{count}次，超出或不足规定的次数"
    default_scope = ("document",)

    @classmethod
    def compile(cls, src, data):
        if "min" not in data and "max" not in data:
            raise src.error("occurrence 规则需要 “min” 或 “max”")
        for key in ("min", "max"):
            if data.get(key, 0) < 0:
                raise src.error(f"“{key}” 不能为负数（实际为 {data[key]}）", key)
        if data.get("min", 0) > data.get("max", data.get("min", 0)):
            raise src.error(f"“min”（{data['min']}）大于 “max”（{data['max']}），没有文档能满足", "min")
        return {"pattern": compile_pattern(src, data["token"]), "least": data.get("min"), "most": data.get("max")}

    def check(self, doc):
        if self.least is None and not self.anywhere(doc, self.pattern):
            return  # no unit can exceed a maximum
        for unit in self.units(doc):
            found = list(self.matches(doc, unit, self.pattern))
            count = len(found)
            fields = {"count": count, "min": self.least, "max": self.most}
            if self.most is not None and count > self.most:
                m = found[self.most]
                yield self.report(unit.span(m.start(), m.end()), match=m[0], **fields)
            elif self.least is not None and count < self.least:
                shown = found[0][0] if found else self.pattern.pattern
                yield self.report(unit.span(0, min(len(unit.text), 1)), match=shown, **fields)
