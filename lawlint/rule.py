"""The vocabulary every check speaks: spans, fixes, violations and the Rule base class.

Positions are offsets into the decoded text of a document; line and column are
only computed when a violation is reported (see ``Document.position``).
"""
from __future__ import annotations

import enum
import inspect
import re
import reprlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Mapping

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.document import Document

CODE_PATTERN = re.compile(r"^[A-Z]{2,4}\d{3}$")
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


_SHOWN = reprlib.Repr()
_SHOWN.maxstring = _SHOWN.maxother = 60
_SHOWN.maxlist = _SHOWN.maxdict = _SHOWN.maxtuple = _SHOWN.maxset = 6
_SHOWN.maxlevel = 3


def shown(value: Any) -> str:
    """``repr(value)`` cut short: an error message never shows (or builds) a huge value."""
    return _SHOWN.repr(value)


class ConfigError(Exception):
    """A configuration, rule option or pack problem the user must fix (exit status 2)."""


class Severity(str, enum.Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    @property
    def label(self) -> str:
        """The Chinese word shown next to the English severity."""
        return _LABELS[self]

    @classmethod
    def parse(cls, value: Any, where: str = "severity") -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ConfigError(f"{where}: {severity_problem(value)}") from None


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


def severity_problem(value: Any) -> str:
    """The one message for a severity lawlint does not know, wherever it was written."""
    return f"无效的严重程度 {shown(value)}（可选 {'、'.join(s.value for s in reversed(Severity))}）"

# How sure a rule's findings are, and the Chinese word shown for it.  ``high``: a finding
# is a defect unless the text is unusual; ``medium``: most findings are, some need a second
# look; ``low``: a hint to check.  A single finding that is a guess is reported as info
# whatever the rule's severity (``Rule.violation(..., guess=True)``).
CONFIDENCE_LABELS = {"high": "高", "medium": "中", "low": "低"}
_LABELS = {Severity.INFO: "提示", Severity.WARNING: "警告", Severity.ERROR: "错误"}


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of offsets into ``Document.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"invalid span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text in ``span`` by ``text`` (an insertion has an empty span)."""

    span: Span
    text: str


class Applicability(str, enum.Enum):
    """How far a fix may be trusted (as ruff's): ``safe`` fixes are applied by ``--fix``;
    ``unsafe`` ones — right when the finding is, but possibly not the writer's intent (a
    completed 发文字号, a guess) — only with ``--unsafe-fixes``; ``display-only`` ones are
    shown as a suggestion and never applied."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"

    @property
    def rank(self) -> int:
        """Higher is safer: the less safe of two is ``min`` by rank."""
        return _APPLICABILITY_RANKS[self]

    @property
    def label(self) -> str:
        return _APPLICABILITY_LABELS[self]

    @classmethod
    def parse(cls, value: Any, where: str = "applicability") -> Applicability:
        if isinstance(value, Applicability):
            return value
        try:
            return cls(str(value).lower())
        except ValueError:
            raise ConfigError(f"{where}: 无效的值 {shown(value)}（可选 safe、unsafe、display-only）") from None

    def at_most(self, ceiling: Applicability) -> Applicability:
        return self if self.rank <= ceiling.rank else ceiling


class Availability(str, enum.Enum):
    """Whether a rule's findings come with a fix: always, sometimes or never (as ruff's)."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NEVER = "never"

    @property
    def label(self) -> str:
        return _AVAILABILITY_LABELS[self]


_APPLICABILITY_RANKS = {Applicability.DISPLAY_ONLY: 0, Applicability.UNSAFE: 1, Applicability.SAFE: 2}
_APPLICABILITY_LABELS = {Applicability.SAFE: "安全", Applicability.UNSAFE: "需确认", Applicability.DISPLAY_ONLY: "仅供参考"}
_AVAILABILITY_LABELS = {Availability.ALWAYS: "总是", Availability.SOMETIMES: "有时", Availability.NEVER: "无"}


@dataclass(frozen=True, slots=True)
class Fix:
    """One or more edits that together correct a violation, and how far they may be trusted."""

    edits: tuple[Edit, ...]
    description: str = ""
    applicability: Applicability = Applicability.SAFE

    @property
    def safe(self) -> bool:
        """Deprecated: ``applicability is Applicability.SAFE``."""
        return self.applicability is Applicability.SAFE

    @classmethod
    def replace(cls, span: Span, text: str, description: str = "",
                applicability: Applicability = Applicability.SAFE) -> Fix:
        return cls((Edit(span, text),), description or f"改为“{text}”", applicability)

    @classmethod
    def delete(cls, span: Span, description: str = "删除",
               applicability: Applicability = Applicability.SAFE) -> Fix:
        return cls((Edit(span, ""),), description, applicability)

    def at_most(self, ceiling: Applicability) -> Fix:
        """This fix, no safer than ``ceiling``."""
        wanted = self.applicability.at_most(ceiling)
        return self if wanted is self.applicability else Fix(self.edits, self.description, wanted)


@dataclass(frozen=True, slots=True)
class Violation:
    """One finding: what is wrong, where, and optionally how to fix it."""

    code: str
    name: str
    severity: Severity
    message: str
    span: Span
    fix: Fix | None = None


class Rule:
    """Base class of every check, built-in or from a plugin.

    Subclasses set the class attributes below and implement ``check``.  The
    class docstring is the rule's documentation (Markdown, in Chinese): its first
    paragraph repeats the summary, then ``## 原因``, ``## 错误示例`` and
    ``## 正确示例`` sections.  YAML rule kinds set the same attributes per instance.
    """

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    severity: Severity = Severity.ERROR
    basis: ClassVar[str] = ""
    options: ClassVar[Mapping[str, Any]] = {}
    # Whether findings come with a fix, and the most a fix of this rule may be trusted: a
    # fix the check makes safe counts as ``fix_applicability`` when that is less safe.
    # ``fix_note`` says, for the documentation, which fixes are less safe than the rest.
    fix_availability: ClassVar[Availability] = Availability.NEVER
    fix_applicability: ClassVar[Applicability] = Applicability.SAFE
    fix_note: ClassVar[str] = ""
    confidence: ClassVar[str] = "high"  # a key of CONFIDENCE_LABELS
    from_year: ClassVar[int | None] = None  # documents written before this year are not checked
    uses_words: ClassVar[bool] = False  # calls Document.words (jieba): loaded up front for parallel runs
    # Characters every finding needs: a document holding none of them is not checked by the
    # rule (a speed-up, see lawlint.engine.speedups).  "" runs the rule on every document.
    needs: ClassVar[str] = ""

    # Runs after the others, once their findings are filtered by the document's
    # suppressions (LL001 reports the suppressions that silenced nothing).
    after_suppressions: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """A plugin written before ``fix_availability`` may still say ``fixable = True``."""
        super().__init_subclass__(**kwargs)
        if "fixable" in cls.__dict__ and "fix_availability" not in cls.__dict__:
            cls.fix_availability = Availability.SOMETIMES if cls.__dict__["fixable"] else Availability.NEVER

    def __init__(self, severity: Any = None, **options: Any) -> None:
        if severity is not None:
            self.severity = Severity.parse(severity, f"{self.code}.severity")
        self.config = self.validate_options(options)

    @classmethod
    def validate_options(cls, given: Mapping[str, Any]) -> dict[str, Any]:
        """Merge ``given`` over the declared defaults, refusing unknown keys and wrong types."""
        merged = dict(cls.options)
        for key, value in given.items():
            if key not in cls.options:
                known = "、".join(cls.options) or "无"
                raise ConfigError(f"规则 {cls.code}（{cls.name}）没有选项 “{key}”（可用选项：{known}）")
            merged[key] = _coerce_option(cls, key, cls.options[key], value)
        return merged

    def check(self, doc: Document) -> Iterable[Violation]:
        raise NotImplementedError

    def applies_to(self, doc: Document) -> bool:
        """False for a document written before ``from_year`` (a usage that was then right);
        a document whose date the text does not give is checked."""
        if self.from_year is None:
            return True
        year = doc.meta.written_year
        return year is None or year >= self.from_year

    def violation(self, span: Span, message: str | None = None, *, fix: Fix | None = None,
                  guess: bool = False) -> Violation:
        """A finding of this rule; one that is a guess (``guess=True``) is info, never more,
        and its fix is never safe."""
        severity = Severity.INFO if guess else self.severity
        if guess and fix is not None:
            fix = fix.at_most(Applicability.UNSAFE)
        return Violation(self.code, self.name, severity, message or self.summary, span, fix)

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or cls.summary)


def _coerce_option(rule: type[Rule], key: str, default: Any, value: Any) -> Any:
    where = f"规则 {rule.code} 的选项 “{key}”"
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif isinstance(default, float):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif isinstance(default, str):
        if isinstance(value, str):
            return value
    elif isinstance(default, (list, tuple)):
        if isinstance(value, (list, tuple)):
            return type(default)(value)
    elif isinstance(default, Mapping):
        if isinstance(value, Mapping):
            return dict(value)
    else:
        return value
    raise ConfigError(f"{where}应为{_TYPE_NAMES.get(type(default), type(default).__name__)}，实际为 {shown(value)}")


_TYPE_NAMES = {bool: "布尔值", int: "整数", float: "数值", str: "字符串", list: "列表", tuple: "列表", dict: "映射"}
