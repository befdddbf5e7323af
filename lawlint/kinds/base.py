"""What every YAML rule kind shares: the common keys, scopes, matching and messages.

A YAML rule becomes a subclass of its kind (``extends:``) whose class attributes
hold the validated YAML, so to the registry, ``lawlint rules`` and ``explain`` it
is a rule like any Python one.  Matching never uses ``\\b`` (it does not work
between Chinese characters); ``whole_word: true`` asks for jieba word boundaries.
"""
from __future__ import annotations

import re
import string
from typing import Any, Callable, ClassVar, Iterator

from lawlint.document import Document
from lawlint.engine import speedups
from lawlint.engine.prefilter import (
    Need,
    anchored_lines,
    met,
    needs,
    scanner,
    uses_line_anchors,
)
from lawlint.engine.schema import YamlSource, brief, check_regex, list_of
from lawlint.rule import Rule, Span, Violation, shown

MAX_WIDTH = 200  # of a format spec in a message
SCOPES = ("document", "title", "heading", "paragraph", "signature", "sentence")
DEFAULT_SCOPE = ("title", "heading", "paragraph")


class Unit:
    """A piece of text a rule looks at, and how its offsets map back to the document."""

    __slots__ = ("text", "_span")

    def __init__(self, text: str, span: Callable[[int, int], Span]) -> None:
        self.text = text
        self._span = span

    def span(self, start: int, end: int) -> Span:
        return self._span(start, end)


def _scope_units(doc: Document, scope: str) -> Iterator[Unit]:
    if scope == "document":
        yield Unit(doc.text, Span)
    elif scope == "title":
        if doc.title is not None:
            yield Unit(doc.title.text, doc.title.span_of)
    elif scope in ("heading", "paragraph", "signature"):
        for block in doc.blocks_of(scope):
            yield Unit(block.text, block.span_of)
    elif scope == "sentence":
        for s in doc.sentences:
            yield Unit(s.text, lambda i, j, s=s: s.block.span_of(s.start + i, s.start + j))


# Characters jieba never puts inside a word: it cuts each run of the others (Han, Latin
# letters, digits, + # & . _ % -) on its own, so the words of a run do not depend on the
# text around it.  Any character missing here only makes the piece segmented larger.
_CUTS = frozenset("，。、；：？！“”‘’《》〈〉（）【】〔〕「」『』…—·,;:?!()[]{}\"' \t\n\r\u3000")
_CUT_SEARCH = 2000  # characters looked at on each side of a match for a cut


def on_word_boundaries(doc: Document, text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` starts and ends on jieba word boundaries, segmenting only the
    piece of ``text`` between the cuts around it (the same words as segmenting all of ``text``,
    without the memory and time a long paragraph — a whole file on one line — would take)."""
    left = start
    while left > 0 and text[left - 1] not in _CUTS and start - left < _CUT_SEARCH:
        left -= 1
    right = end
    while right < len(text) and text[right] not in _CUTS and right - end < _CUT_SEARCH:
        right += 1
    if (left > 0 and text[left - 1] not in _CUTS) or (right < len(text) and text[right] not in _CUTS):
        left, right = 0, len(text)  # no cut near: the whole text, as jieba would see it
    else:  # the cuts themselves belong to the piece: a word boundary next to a blank is kept
        left, right = max(left - 1, 0), min(right + 1, len(text))
    bounds = doc.word_boundaries(text[left:right] if (left, right) != (0, len(text)) else text)
    return start - left in bounds and end - left in bounds


def _line_anchored(pattern: re.Pattern) -> re.Pattern | None:
    """``pattern`` with ^ and $ matching at every line, to search units joined by line
    breaks; None when that could miss a match (\\A, \\Z).  Kept by ``_prepared``."""
    text = pattern.pattern
    if isinstance(text, str) and ("\\A" in text or "\\Z" in text):
        return None
    if pattern.flags & re.MULTILINE or not uses_line_anchors(pattern):
        return pattern  # nothing that MULTILINE changes: no second compilation
    return re.compile(text, pattern.flags | re.MULTILINE)


class _Prepared:
    """What the kinds derive from a pattern.  What its matches contain (``need``) is found
    at once; its ``scanner`` and the copy with ^ and $ at every line (``_line_anchored``)
    when first asked for: in a typical report the needs of nine patterns in ten are
    missing, and compiling those copies cost more start-up time than the checks."""

    __slots__ = ("pattern", "need", "_fast", "_fast_lines")

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.need: Need | None = needs(pattern)  # what every match contains
        self._fast: re.Pattern | None = None
        self._fast_lines: re.Pattern | None | bool = False  # False: not derived yet

    @property
    def fast(self) -> re.Pattern:
        if self._fast is None:
            self._fast = scanner(self.pattern)
        return self._fast

    @property
    def fast_lines(self) -> re.Pattern | None:
        if self._fast_lines is False:
            anchored = _line_anchored(self.pattern)
            self._fast_lines = None if anchored is None else scanner(anchored)
        return self._fast_lines


_PREPARED: dict[int, _Prepared] = {}


def _anywhere_table(doc: Document) -> dict[tuple[tuple[str, ...], _Prepared], bool]:
    """Per document: may this pattern (its ``_Prepared``) match in the units of this scope?"""
    return {}


def _anchored_lines_table(doc: Document) -> dict[tuple[_Prepared, str], list[tuple[int, int]]]:
    """Per document: the lines of a text where an anchor (its ``_Prepared``) matches."""
    return {}


def _scope_text(doc: Document, scope: tuple[str, ...]) -> str:
    """The units of ``scope`` joined by line breaks: searched once for a pattern of any rule."""
    return "\n".join(unit.text for s in scope for unit in _scope_units(doc, s))


def _prepared(pattern: re.Pattern) -> _Prepared:
    """``_Prepared`` looked up by identity: hashing a compiled pattern (a dict or cache key)
    hashes its whole code, and the kinds ask hundreds of times per document."""
    prep = _PREPARED.get(id(pattern))
    if prep is None or prep.pattern is not pattern:
        prep = _PREPARED[id(pattern)] = _Prepared(pattern)
    return prep


def check_scope(src: YamlSource, value: Any, *path: Any) -> None:
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not values or any(v not in SCOPES for v in values):
        raise src.error(f"“scope” 应为 {'、'.join(SCOPES)} 之一或它们的列表，实际为 {shown(value)}", *path)


def regex_list(src: YamlSource, value: Any, *path: Any) -> None:
    """A list of regular expressions, each compiled on its own."""
    list_of(str)(src, value, *path)
    for i, pattern in enumerate(value):
        check_regex(src, pattern, *path, i)


def alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def regex_alternatives(src: YamlSource, value: Any, *path: Any) -> None:
    """A list of regular expressions matched as one alternation (``alternation``): compiling
    that once validates them all, and ``re`` keeps it for the rule's own compilation."""
    list_of(str)(src, value, *path)
    if not src.check_patterns:
        return  # lawlint's own: compiled when first used
    try:
        re.compile(alternation(value))
    except re.error:
        regex_list(src, value, *path)  # names the faulty item
        raise src.error("这些正则表达式各自正确，但合在一起无法编译（如分组名重复）", *path) from None
    regex_list(src, value, *path)  # each checked for catastrophic backtracking


SHARED_KEYS = {
    "code": str, "name": str, "summary": str, "extends": str, "severity": str, "confidence": str, "from_year": int,
    "scope": check_scope,
    "basis": str, "message": str, "exceptions": regex_list, "documentation": str, "whole_word": bool,
    "anchor": check_regex, "applicability": str, "fix_note": str,
}


class YamlRule(Rule):
    """Base of the rule kinds.  Subclasses declare ``kind``, their own ``keys`` (name →
    type or checker), the fields their messages may use, and ``compile`` the YAML."""

    kind: ClassVar[str] = ""
    keys: ClassVar[dict[str, Any]] = {}
    required: ClassVar[tuple[str, ...]] = ()
    fields: ClassVar[tuple[str, ...]] = ("match",)
    default_message: ClassVar[str] = ""
    default_scope: ClassVar[tuple[str, ...]] = DEFAULT_SCOPE

    # Filled in for each YAML rule by lawlint.engine.packs.
    scope: ClassVar[tuple[str, ...]] = DEFAULT_SCOPE
    message: ClassVar[str] = ""
    exceptions: ClassVar[tuple[re.Pattern, ...]] = ()
    whole_word: ClassVar[bool] = False
    anchor: ClassVar[re.Pattern | None] = None  # found on every line holding a match: only those lines are searched
    source: ClassVar[str] = ""
    doc: ClassVar[str] = ""

    @classmethod
    def compile(cls, src: YamlSource, data: dict) -> dict[str, Any]:
        """Class attributes for this kind's own keys (already type-checked)."""
        return {}

    @classmethod
    def documentation(cls) -> str:
        return f"{cls.summary}\n\n{cls.doc.strip()}" if cls.doc else cls.summary

    @classmethod
    def check_message(cls, src: YamlSource, message: str) -> None:
        """The fields must be this kind's; a format spec may not be computed (``{match:{count}}``)
        nor ask for more than ``MAX_WIDTH`` characters (``{match:>100000000}`` would build a
        string of that size for every finding)."""
        try:
            fields = [(field, spec) for _, field, spec, _ in string.Formatter().parse(message) if field is not None]
        except ValueError as exc:
            raise src.error(f"“message” 格式有误：{exc}", "message") from None
        for name, spec in fields:
            if spec and ("{" in spec or any(len(n) > 4 or int(n) > MAX_WIDTH for n in re.findall(r"\d+", spec))):
                raise src.error(f"“message” 中 {{{brief(name)}:{brief(spec)}}} 的格式说明不可用（宽度、精度至多 {MAX_WIDTH}，"
                                "不能嵌套 {…}）", "message")
        names = [name for name, _ in fields]
        for name in names:
            if name not in cls.fields:
                raise src.error(f"“message” 中的 {{{name}}} 不可用（{cls.kind} 可用：{'、'.join(cls.fields)}）",
                                "message")

    # -- helpers for check() -------------------------------------------------------------
    def units(self, doc: Document) -> Iterator[Unit]:
        for scope in self.scope:
            yield from _scope_units(doc, scope)

    def anywhere(self, doc: Document, pattern: re.Pattern) -> bool:
        """Whether ``pattern`` may match in any unit of this rule's scope.

        A few set look-ups (``lawlint.engine.prefilter``), then one search over all the units at
        once, cached per document, instead of one search per paragraph: most patterns
        match nowhere in most documents.
        """
        if not speedups.ENABLED:
            return True
        prep = _prepared(pattern)
        answers = doc.memo(_anywhere_table)
        key = (self.scope, prep)
        may = answers.get(key)
        if may is None:
            text = self._scope_text(doc)
            may = answers[key] = met(prep.need, text, doc.presence) and (
                prep.fast_lines is None or next(self._finditer(doc, prep.fast_lines, text), None) is not None)
        return may

    def _finditer(self, doc: Document, fast: re.Pattern, text: str) -> Iterator[re.Match]:
        """The matches of ``fast`` (a ``scanner``) in ``text``; with an ``anchor``, searched on
        its lines only (``lawlint.engine.prefilter.finditer_lines``), found once per text for all
        the rule's patterns."""
        if self.anchor is None or not speedups.ENABLED:
            return fast.finditer(text)
        lines = doc.memo(_anchored_lines_table)
        key = (_prepared(self.anchor), text)
        found = lines.get(key)
        if found is None:
            found = lines[key] = anchored_lines(self.anchor, text)
        return (m for start, end in found for m in fast.finditer(text, start, end))

    def _scope_text(self, doc: Document) -> str:
        return doc.memo(_scope_text, self.scope)

    def matches(self, doc: Document, unit: Unit, pattern: re.Pattern) -> Iterator[re.Match]:
        """Matches of ``pattern`` that no exception covers (and, if asked, on word boundaries)."""
        if not self.anywhere(doc, pattern):
            return
        found = [m for m in self._finditer(doc, _prepared(pattern).fast, unit.text) if m.end() > m.start()]
        if not found:
            return
        excepted = [(e.start(), e.end()) for x in self.exceptions for e in x.finditer(unit.text)]
        for m in found:
            if any(s <= m.start() and m.end() <= e for s, e in excepted):
                continue
            if self.whole_word and not on_word_boundaries(doc, unit.text, m.start(), m.end()):
                continue
            yield m

    def report(self, span: Span, fix=None, guess: bool = False, **fields: Any) -> Violation:
        return self.violation(span, self.message.format(**fields), fix=fix, guess=guess)
