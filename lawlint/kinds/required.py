from __future__ import annotations

from lawlint.document.parts import (
    anchor,
    cut_off,
    find_in_headings,
    find_parts,
    mentioned,
    sections,
)
from lawlint.engine.profiles import Part
from lawlint.engine.schema import check_keys, compile_pattern
from lawlint.kinds.base import YamlRule, regex_list

_ELEMENT_KEYS = {"id": str, "name": str, "headings": regex_list, "since": int, "optional": bool}


def check_elements(src, value, *path):
    if value == "profile":
        return
    if not isinstance(value, list) or not value:
        raise src.error("“elements” 应为 profile（取文档类型的必备部分）或要素列表", *path)
    for i, item in enumerate(value):
        check_keys(src, item, _ELEMENT_KEYS, *path, i, required=("name", "headings"))


def _stops_mid_sentence(doc) -> bool:
    cut = doc.meta.truncated
    return cut is not None and not cut.part


class Required(YamlRule):
    """Parts or elements a document must have, each recognised by synonyms.

    ``elements: profile`` takes the document profile's mandatory parts (and the report
    year from which they apply); otherwise each element lists ``name``, ``headings``
    (regular expressions) and optionally ``since`` (first report year it applies to)
    and ``optional``.  Under ``heading`` scope (the default) an element counts only as
    a first- or second-level heading.  ``in_order: true`` also reports elements out of
    the listed order.  One finding per missing element, at the title; the message's
    ``{note}`` says how sure it is.  A part the text still speaks of in a sentence, or
    any part of a document without section headings, is a guess (info).  Nothing is
    reported for a text that stops mid-sentence (ST006 says so), nor, for the profile's
    parts, for a report that holds only its first part and no 落款.
    """

    kind = "required"
    keys = {"elements": check_elements, "since": int, "in_order": bool}
    required = ("elements",)
    fields = ("element", "profile", "note")
    default_message = "缺少“{element}”"
    default_scope = ("heading",)

    @classmethod
    def compile(cls, src, data):
        elements = data["elements"]
        if elements == "profile":
            parts = None
        else:
            parts = tuple(
                (Part(e.get("id") or e["name"], e["name"], tuple(compile_pattern(src, h) for h in e["headings"]),
                      None, e.get("optional", False)), e.get("since"))
                for e in elements)
        return {"inline": parts, "since": data.get("since"), "in_order": data.get("in_order", False)}

    def check(self, doc):
        profile = doc.profile
        year = doc.meta.report_year.value if doc.meta.report_year else None
        if self.inline is None:
            if profile is None or not profile.parts:
                return
            parts = [(p, profile.parts_since) for p in profile.parts]
        else:
            parts = list(self.inline)
        since = self.since
        if since is not None and year is not None and year < since:
            return
        parts = [p for p, first in parts if first is None or year is None or year >= first]
        if self.inline is None and self.scope == ("heading",):
            found = find_parts(doc)
        elif self.scope == ("heading",):
            found = find_in_headings(doc, parts)
        else:
            found = self._find_in_text(doc, parts)
        if cut_off(doc) if self.inline is None else _stops_mid_sentence(doc):
            return  # the rest of the text is lost: the parts may be in it
        where = anchor(doc)
        name = profile.title if profile is not None and profile.title else "此类文档"
        structured = bool(sections(doc))
        for part in parts:
            if part.optional or part.id in found:
                continue
            spoken = mentioned(doc, part)
            if not structured and (spoken or part.topical):
                continue  # no sections at all: a part said in the text is all one can ask
            if spoken:
                note = "（正文中有零星提及，但没有单列成部分；请确认）"
            elif not structured:
                note = "（全文没有分部分的标题，据正文判断）"
            else:
                note = ""
            yield self.report(where, element=part.name, profile=name, note=note, guess=bool(note))
        if self.in_order:
            yield from self._order(parts, found)

    def _find_in_text(self, doc, parts):
        found = {}
        for unit in self.units(doc):
            for part in parts:
                if part.id not in found and part.matches(unit.text):
                    found[part.id] = unit
        return found

    def _order(self, parts, found):
        placed = [(i, found[p.id]) for i, p in enumerate(parts) if p.id in found and hasattr(found[p.id], "heading")]
        for rank, item in placed:
            if item.nested:
                continue
            later = [other for r, other in placed
                     if r < rank and not other.nested and other.heading.span.start > item.heading.span.start]
            if later:
                first = min(later, key=lambda f: f.heading.span.start)
                yield self.violation(item.heading.span, f"“{item.part.name}”应位于“{first.part.name}”之后")
