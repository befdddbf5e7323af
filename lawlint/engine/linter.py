"""Running the selected rules on documents.

``Linter`` gathers everything a run needs once — plugins, the rule registry, the
configured rule instances, the profiles — and then lints any number of files.
A rule that raises becomes one internal-error finding for that file under its own
code; the other rules still run.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

from lawlint import fix as fixer
from lawlint.document import Document
from lawlint.document.loaders import InputError
from lawlint.engine import config as config_module
from lawlint.engine.catalogue import Catalogue
from lawlint.engine.config import Config
from lawlint.engine.plugins import Plugins
from lawlint.engine.prefilter import holds_any
from lawlint.engine.profiles import Profile, choose
from lawlint.engine.registry import Entry, decide
from lawlint.engine.results import Finding, resolve
from lawlint.engine.suppress import Allowance
from lawlint.engine.suppress import apply as apply_suppressions
from lawlint.rule import Applicability, ConfigError, Edit, Fix, Rule, Severity, Span, Violation


class FileResult:
    """What linting one file gave: its findings, or why it could not be read (``error``).

    ``findings`` are ``lawlint.engine.results.Finding`` records with line and column, filled in
    by ``resolve`` where the document is; ``violations`` the same as ``Violation`` objects.
    ``document`` is only kept for a file linted in this process."""

    # Set in fix mode (``lawlint.engine.autofix``): fixes applied, the unified diff, the
    # fixed bytes (standard input), and lines to tell the user (a file refused, not written).
    fixed: int = 0
    diff: str | None = None
    output: bytes | None = None
    notes: Sequence[str] = ()

    def __init__(self, path: str, document: Document | None = None, violations: list[Violation] | None = None,
                 error: str | None = None, *, findings: list[Finding] | None = None, encoding: str | None = None,
                 format: str | None = None, profile: str | None = None) -> None:
        self.path = path
        self.document = document
        self._violations = violations
        self.error = error
        self.findings: list[Finding] = findings if findings is not None else []
        if document is not None:
            encoding, format = document.encoding, document.format
            profile = document.profile.name if document.profile else None
        self.encoding, self.format, self.profile = encoding, format, profile

    @property
    def violations(self) -> list[Violation]:
        if self._violations is None:
            self._violations = [f.violation() for f in self.findings]
        return self._violations

    def resolve(self, excerpts: bool = False) -> FileResult:
        """Fill in ``findings`` from the document and its violations."""
        if self.document is not None and self._violations is not None:
            self.document.drop_memos()
            self.findings = resolve(self.document, self._violations, excerpts)
        return self


class Linter:
    """A ``Catalogue`` and the selected rules instantiated with their options: what checking
    documents with one configuration needs."""

    def __init__(self, cfg: Config | None = None, *, select: Sequence[str] | None = None,
                 ignore: Sequence[str] = (), profile: str | None = None, plugins: Sequence[str] = (),
                 entry_points: bool = True, warn: Callable[[str], None] | None = None,
                 loaded: Plugins | None = None, require: Sequence[str] = (), max_size: float | None = None,
                 load_options: dict | None = None) -> None:
        self.config = cfg or Config()
        self.load_options = dict(load_options or {})  # handed to the load_document hook
        megabytes = next(m for m in (max_size, self.config.max_size, config_module.DEFAULT_MAX_SIZE) if m is not None)
        self.max_size = int(megabytes * config_module.MEGABYTE)  # bytes; 0: no limit
        self.catalogue = Catalogue(self.config, plugins=plugins, entry_points=entry_points, warn=warn,
                                   loaded=loaded, require=require)
        self.plugins, self.kinds = self.catalogue.plugins, self.catalogue.kinds
        self.packs, self.registry = self.catalogue.packs, self.catalogue.registry
        if select is not None:
            chosen = self.registry.check_selectors(select, "--select")
        elif self.config.select is not None:
            chosen = self.registry.check_selectors(self.config.select, self.config.where("select"))
        else:
            chosen = None
        ignored = [*self.registry.check_selectors(self.config.ignore, self.config.where("ignore")),
                   *self.registry.check_selectors(ignore, "--ignore")]
        entries = self.registry.selected(chosen, ignored)
        self._check_rule_settings()
        self.rules = [self._instantiate(e) for e in entries]
        self.allowed: dict[str, list[Allowance]] = {}
        for key, allowances in self.config.allow.items():
            self.allowed.setdefault(self.registry.lookup(key).code, []).extend(allowances)
        self.profiles: dict[str, Profile] = self.catalogue.profiles
        self.forced_profile = profile or self.config.profile
        if self.forced_profile and self.forced_profile not in self.profiles:
            raise ConfigError(f"未知的文档类型 “{self.forced_profile}”（可用：{'、'.join(sorted(self.profiles))}）")
        for selectors in self.config.per_file_ignores.values():
            self.registry.check_selectors(selectors, self.config.where("per-file-ignores"))
        self.formatters = {f.name: f for f, _ in self.plugins.contributions("register_formatters")}
        self.file_types = tuple(sorted({e.lower() for e, _ in self.plugins.contributions("register_file_types")}))

    def _check_rule_settings(self) -> None:
        for key in self.config.rules:
            if self.registry.lookup(key) is None:
                raise ConfigError(f"{self.config.where('rules')}: 未知的规则 “{key}”（用 lawlint rules 查看全部规则）")

    @property
    def rules(self) -> list[Rule]:
        return self._rules

    @rules.setter
    def rules(self, rules: list[Rule]) -> None:
        """The rules, with the characters each needs (a rule set replaced stays consistent)."""
        self._rules = list(rules)
        self._needs = [frozenset(r.needs) if r.needs else None for r in self._rules]

    def _instantiate(self, entry: Entry) -> Rule:
        options: dict = {}
        for key in (entry.code, entry.name):
            options.update(self.config.rules.get(key) or {})
        severity = options.pop("severity", None)
        try:
            return entry.rule(severity=severity, **options)
        except ConfigError as exc:
            raise ConfigError(f"{self.config.where('rules')}: {exc}") from None
        except (Exception, SystemExit) as exc:  # a plugin's rule that cannot even be created
            raise ConfigError(f"规则 {entry.code}（{entry.name}，来自 {entry.plugin}）无法创建："
                              f"{_described(exc)}；请向规则作者报告此问题") from None

    # -- linting ---------------------------------------------------------------------------
    def load(self, path: str, data: bytes) -> Document:
        """The document a ``load_document`` hook makes of ``data``.  A loader that raises
        (or exits) or returns something else than a Document fails this file alone."""
        hook = self.plugins.pm.hook.load_document
        try:
            doc = hook(path=path, data=data, options=self.load_options)
        except InputError:
            raise
        except (Exception, SystemExit) as exc:  # a plugin's loader: this file fails, the others go on
            raise InputError(f"{self._loader_label(hook, exc)}读取文件时出错：{_described(exc)}") from None
        if doc is None:
            raise InputError("不支持的文件类型")
        if not isinstance(doc, Document):
            raise InputError(f"读取器返回的不是 lawlint.Document，而是 {type(doc).__name__}")
        return doc

    def _loader_label(self, hook, exc: BaseException) -> str:
        """"插件 X " for the plugin whose ``load_document`` is deepest in the traceback."""
        owners = {impl.function.__code__: impl.plugin_name for impl in hook.get_hookimpls()}
        owner, tb = None, exc.__traceback__
        while tb is not None:
            owner = owners.get(tb.tb_frame.f_code, owner)
            tb = tb.tb_next
        info = next((i for i in self.plugins.infos if i.name == owner), None)
        return f"插件 {info.label} " if info is not None else ""

    def lint_bytes(self, path: str, data: bytes) -> FileResult:
        try:
            doc = self.load(path, data)
        except InputError as exc:
            return FileResult(path, error=str(exc))
        return FileResult(path, doc, self.lint_document(doc))

    def lint_text(self, text: str, path: str = "<text>") -> list[Violation]:
        return self.lint_document(Document(text, path))

    def lint_document(self, doc: Document) -> list[Violation]:
        profile = choose(doc, self.profiles, self.forced_profile)
        if self.config.deadlines:
            profile = profile.with_deadlines(self.config.deadlines)
        doc.profile = profile
        skipped = [*profile.ignore, *self.config.ignored_for(doc.path or "")]
        skipped = self.registry.check_selectors(skipped, f"文档类型 {profile.name} 或 per-file-ignores")
        found: list[Violation] = []
        ran: list[str] = []
        last: list[Rule] = []
        for rule, needs in zip(self.rules, self._needs):
            if skipped and not decide(rule.code, None, skipped):
                continue
            if needs is not None and not rule.after_suppressions and not holds_any(doc, needs):
                ran.append(rule.code)  # it would have found nothing: as if it ran (same with speed-ups off)
                continue
            if rule.from_year is not None and not rule.applies_to(doc):
                continue
            if rule.after_suppressions:
                last.append(rule)
                continue
            ran.append(rule.code)
            found.extend(run_rule(rule, doc))
        found = apply_suppressions(doc, found, self.registry, ran, self.allowed)
        for rule in last:  # LL001: which suppressions silenced nothing
            found.extend(run_rule(rule, doc))
        found.sort(key=lambda v: (v.span.start, v.code, v.span.end))
        return found


INTERNAL_ERROR = "运行出错，已跳过本文件的这项检查"  # in the message of a rule's internal-error finding


def run_rule(rule: Rule, doc: Document) -> list[Violation]:
    """The rule's findings, or one internal-error finding if it raises (or calls sys.exit)
    or yields something that is not a well-formed finding inside the document."""
    try:
        found = list(rule.check(doc))
        for v in found:
            problem = _malformed(v, len(doc.text))
            if problem:
                raise _BadFinding(problem)
        ceiling = rule.fix_applicability
        if ceiling is not Applicability.SAFE:  # the rule's declaration: no fix of it is safer
            found = [v if v.fix is None or v.fix.applicability.rank <= ceiling.rank
                     else replace(v, fix=v.fix.at_most(ceiling)) for v in found]
        return found
    except (Exception, SystemExit) as exc:  # one broken rule must not stop the others
        message = (f"规则 {rule.code}（{rule.name}）{INTERNAL_ERROR}："
                   f"{_described(exc)}。其他检查照常进行；请向规则作者报告此问题")
        return [Violation(rule.code, rule.name, Severity.ERROR, message, Span(0, 0))]


class _BadFinding(Exception):
    """A rule yielded something the formatters cannot report."""


def _described(exc: BaseException) -> str:
    if isinstance(exc, _BadFinding):
        return str(exc)
    if isinstance(exc, SystemExit):
        return f"调用了 sys.exit({exc.code!r})"
    return f"{type(exc).__name__}: {exc}"


def _malformed(v: object, size: int) -> str | None:
    """What is wrong with a finding (None: nothing)."""
    if not isinstance(v, Violation):
        return f"产生了不是 Violation 的结果 {_short(v)}"
    if not isinstance(v.span, Span):
        return f"问题的位置 span 应为 Span，实际为 {_short(v.span)}"
    if v.span.end > size:
        return f"问题的位置 {v.span.start}..{v.span.end} 超出了文档（共 {size} 个字符）"
    if not isinstance(v.severity, Severity):
        return f"严重程度应为 Severity，实际为 {_short(v.severity)}"
    if not isinstance(v.code, str) or not isinstance(v.name, str) or not isinstance(v.message, str):
        return "问题的代码、名称和消息应为字符串"
    fix = v.fix
    if isinstance(fix, Fix) and type(fix.edits) is tuple and len(fix.edits) == 1:
        e = fix.edits[0]  # the usual fix, one edit: checked without building generators
        if not (isinstance(e, Edit) and isinstance(e.span, Span) and isinstance(e.text, str)):
            return f"修改建议应为由 Edit 组成的 Fix，实际为 {_short(fix)}"
        if not isinstance(fix.applicability, Applicability):
            return f"修改建议的 applicability 应为 Applicability，实际为 {_short(fix.applicability)}"
        return "修改建议的位置超出了文档" if e.span.end > size else None
    if v.fix is not None:
        if not isinstance(v.fix, Fix) or not all(isinstance(e, Edit) and isinstance(e.span, Span)
                                                 and isinstance(e.text, str) for e in v.fix.edits):
            return f"修改建议应为由 Edit 组成的 Fix，实际为 {_short(v.fix)}"
        if any(e.span.end > size for e in v.fix.edits):
            return "修改建议的位置超出了文档"
        if fixer.overlapping(v.fix.edits):
            return "修改建议中的几处修改互相重叠"
        if not isinstance(v.fix.applicability, Applicability):
            return f"修改建议的 applicability 应为 Applicability，实际为 {_short(v.fix.applicability)}"
    return None


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


class LinterSet:
    """The linters of one run: one per configuration its files use.

    With ``--isolated`` or ``--config`` every file has the same configuration; otherwise
    each file has the nearest one above it (``config.Discovery``), so that files in
    different folders may be linted with different rules in one run, as ruff does.  Each
    linter gets its own plugin manager when it loads plugin files, so that one folder's
    plugins never reach another's files.  ``settings[i]`` rebuild ``linters[i]`` in a
    spawned worker process."""

    def __init__(self, loaded: Plugins, *, config: str | None = None, isolated: bool = False,
                 warn: Callable[[str], None] | None = None, **options) -> None:
        self.base = loaded
        self.options = options  # select, ignore, profile, plugins, require, max_size
        self.warn = _once(warn) if warn else None
        self.fixed: Config | None = Config() if isolated else (config_module.load(Path(config)) if config else None)
        self.discovery = None if self.fixed is not None else config_module.Discovery(self.warn)
        self.keys: list[Path | None] = []
        self.linters: list[Linter] = []
        self.settings: list[dict] = []
        self._pristine: Plugins | None = None

    def index(self, path: str | None) -> int:
        """The index of the linter for the file ``path`` (a folder: for the files in it;
        None or ``-``: for standard input, from the working directory)."""
        if self.discovery is None:
            key = None
        elif path is None or path == "-":
            key = self.discovery.for_folder(None)
        else:
            p = Path(path)
            key = self.discovery.for_folder(p if p.is_dir() else p.parent)
        if key in self.keys:
            return self.keys.index(key)
        cfg = self.fixed or (config_module.load(key) if key else Config())
        self.linters.append(self._build(cfg))
        self.keys.append(key)
        self.settings.append(dict(cfg=cfg, **self.options))
        return len(self.keys) - 1

    def linter(self, path: str | None) -> Linter:
        return self.linters[self.index(path)]

    def _build(self, cfg: Config) -> Linter:
        loads_files = bool(cfg.plugins or self.options.get("plugins"))
        if not self.linters:  # the first (and usually only) linter uses the run's manager
            if loads_files:
                self._pristine = self.base.copy()
            plugins = self.base
        else:
            source = self._pristine or self.base
            plugins = source.copy() if loads_files else source
        return Linter(cfg, **self.options, warn=self.warn, loaded=plugins)

    def describe(self, index: int) -> str:
        """Which configuration linter ``index`` uses, for ``--verbose`` and ``--show-settings``."""
        if self.fixed is not None:
            return f"{self.fixed.path}（--config 指定）" if self.fixed.path else "无（--isolated：忽略配置文件，使用默认设置）"
        key = self.keys[index]
        return str(key) if key else "无（没有找到配置文件，使用默认设置）"


def _once(warn: Callable[[str], None]) -> Callable[[str], None]:
    """``warn`` that says each thing once (several linters may meet the same plugin file)."""
    said: set[str] = set()

    def once(message: str) -> None:
        if message not in said:
            said.add(message)
            warn(message)
    return once
