"""Running the selected rules on documents.

``Linter`` gathers everything a run needs once — plugins, the rule registry, the
configured rule instances, the profiles — and then lints any number of files.
A rule that raises becomes one internal-error finding for that file under its own
code; the other rules still run.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from lawlint import config as config_module
from lawlint.config import Config
from lawlint.document import Document
from lawlint.loaders import InputError
from lawlint.packs import Pack, load_pack
from lawlint.plugins import PluginInfo, Plugins
from lawlint.plugins import load as load_plugins
from lawlint.profiles import Profile, choose, load_profiles
from lawlint.registry import Entry, Registry, decide
from lawlint.rule import ConfigError, Rule, Severity, Span, Violation


@dataclass
class FileResult:
    path: str
    document: Document | None = None
    violations: list[Violation] = field(default_factory=list)
    error: str | None = None


class Linter:
    def __init__(self, cfg: Config | None = None, *, select: Sequence[str] | None = None,
                 ignore: Sequence[str] = (), profile: str | None = None, plugins: Sequence[str] = (),
                 entry_points: bool = True, warn: Callable[[str], None] | None = None,
                 loaded: Plugins | None = None, require: Sequence[str] = ()) -> None:
        self.config = cfg or Config()
        self.plugins = loaded if loaded is not None else load_plugins(entry_points=entry_points, warn=warn)
        for module in [*self.config.plugins, *plugins]:
            self.plugins.load_file(module)
        self.plugins.require([*self.config.require_plugins, *require])
        self.kinds = self._kinds()
        self.packs = self._packs()
        entries = [Entry(rule, info.distribution or info.name) for rule, info in
                   self.plugins.contributions("register_rules")]
        entries += [Entry(rule, pack.owner, pack.name) for pack in self.packs if pack.enabled for rule in pack.rules]
        self.registry = Registry(entries)
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
        self.rules: list[Rule] = [self._instantiate(e) for e in entries]
        files = [f for f, _ in self.plugins.contributions("register_profiles")]
        files += [Path(p) for p in self.config.profiles]
        self.profiles: dict[str, Profile] = load_profiles(files)
        self.forced_profile = profile or self.config.profile
        if self.forced_profile and self.forced_profile not in self.profiles:
            raise ConfigError(f"未知的文档类型 “{self.forced_profile}”（可用：{'、'.join(sorted(self.profiles))}）")
        for selectors in self.config.per_file_ignores.values():
            self.registry.check_selectors(selectors, self.config.where("per-file-ignores"))
        self.formatters = {f.name: f for f, _ in self.plugins.contributions("register_formatters")}
        self.file_types = tuple(sorted({e.lower() for e, _ in self.plugins.contributions("register_file_types")}))

    def _kinds(self) -> dict[str, type]:
        kinds: dict[str, tuple[type, PluginInfo]] = {}
        for kind, info in self.plugins.contributions("register_kinds"):
            name = getattr(kind, "kind", "")
            if not name:
                raise ConfigError(f"插件 {info.label} 注册的规则种类 {kind!r} 没有 kind 名称")
            if name in kinds:
                raise ConfigError(f"规则种类 “{name}” 重复：{kinds[name][1].label} 与 {info.label} 都注册了它")
            kinds[name] = (kind, info)
        return {name: kind for name, (kind, _) in kinds.items()}

    def _packs(self) -> list[Pack]:
        packs = [load_pack(folder, info.distribution or info.name, info.prefixes, self.kinds)
                 for folder, info in self.plugins.contributions("register_packs")]
        where = self.config.where("packs")
        for value in self.config.packs:
            folder = Path(value)
            if folder.is_dir():
                pack = load_pack(folder, str(folder), None, self.kinds)
                pack.enabled = True
                packs.append(pack)
                continue
            named = [p for p in packs if p.name == value]
            if not named:
                if folder.exists() or "/" in value or "\\" in value:
                    raise ConfigError(f"{where}: 找不到规则包目录 {value}")
                known = "、".join(sorted({p.name for p in packs}))
                raise ConfigError(f"{where}: 未知的规则包 “{value}”（可用：{known}）")
            for pack in named:
                pack.enabled = True
        return packs

    def _check_rule_settings(self) -> None:
        for key in self.config.rules:
            if self.registry.lookup(key) is None:
                raise ConfigError(f"{self.config.where('rules')}: 未知的规则 “{key}”（用 lawlint rules 查看全部规则）")

    def _instantiate(self, entry: Entry) -> Rule:
        options: dict = {}
        for key in (entry.code, entry.name):
            options.update(self.config.rules.get(key) or {})
        severity = options.pop("severity", None)
        try:
            return entry.rule(severity=severity, **options)
        except ConfigError as exc:
            raise ConfigError(f"{self.config.where('rules')}: {exc}") from None

    # -- linting ---------------------------------------------------------------------------
    def load(self, path: str, data: bytes) -> Document:
        doc = self.plugins.pm.hook.load_document(path=path, data=data)
        if doc is None:
            raise InputError("不支持的文件类型")
        return doc

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
        for rule in self.rules:
            if skipped and not decide(rule.code, None, skipped):
                continue
            if rule.from_year is not None and not rule.applies_to(doc):
                continue
            found.extend(run_rule(rule, doc))
        found.sort(key=lambda v: (v.span.start, v.code, v.span.end))
        return found


def run_rule(rule: Rule, doc: Document) -> list[Violation]:
    """The rule's findings, or one internal-error finding if it raises."""
    try:
        return list(rule.check(doc))
    except Exception as exc:  # one broken rule must not stop the others
        message = (f"规则 {rule.code}（{rule.name}）运行出错，已跳过本文件的这项检查："
                   f"{type(exc).__name__}: {exc}。其他检查照常进行；请向规则作者报告此问题")
        return [Violation(rule.code, rule.name, Severity.ERROR, message, Span(0, 0))]


def load_config(path: str | None, isolated: bool) -> Config:
    if isolated:
        return Config()
    if path:
        return config_module.load(Path(path))
    found = config_module.find()
    return config_module.load(found) if found else Config()
