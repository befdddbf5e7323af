"""Loading plugins and collecting what each contributes.

lawlint's built-ins, installed plugins (entry-point group ``lawlint``) and local
plugin files are registered with one pluggy manager.  The entry-point name is the
plugin's rule-code prefix (2–4 capital letters, as flake8 does); every code it
registers must start with it.  The core's prefixes are reserved.

A plugin that fails to import, or raises while registering, becomes one warning
naming its distribution and version, and the run continues without it (as
sqlfluff does); ``--require-plugins`` turns that into an error.
"""
from __future__ import annotations

import importlib.util
import os
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Sequence

import pluggy

import lawlint
from lawlint.engine import builtin, hookspecs
from lawlint.engine.registry import CORE_PREFIXES, PREFIX, prefix_problem
from lawlint.rule import ConfigError

ENTRY_POINT_GROUP = "lawlint"
# What a plugin can register, and how `lawlint plugins` names it.
CONTRIBUTIONS = {
    "register_rules": "规则", "register_kinds": "规则种类", "register_packs": "规则包",
    "register_profiles": "文档类型", "register_formatters": "输出格式", "register_file_types": "文件类型",
}


@dataclass
class PluginInfo:
    name: str                        # the name registered with pluggy
    distribution: str = ""
    version: str = ""
    source: str = ""                 # built-in / entry point / local file
    prefixes: tuple[str, ...] | None = None   # code prefixes it may use; None: any not reserved
    contributions: dict[str, list] = field(default_factory=dict)
    commands: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        """How messages name the plugin: its distribution and version, or its file."""
        if self.distribution:
            return f"{self.distribution} {self.version}".strip()
        return self.name


class Plugins:
    """The plugin manager, the loaded plugins and their contributions."""

    def __init__(self, warn: Callable[[str], None] | None = None) -> None:
        self.pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
        self.pm.add_hookspecs(hookspecs)
        self.warn = warn
        self.infos: list[PluginInfo] = []
        self.failures: list[str] = []
        self._objects: list[Any] = []  # the plugin registered for each of ``infos``
        self._add(builtin, PluginInfo("lawlint", "lawlint", lawlint.__version__, "built-in", CORE_PREFIXES))

    def copy(self) -> Plugins:
        """The same plugins in a manager of their own, to which a configuration's plugin files
        are added without reaching the other configurations' linters (nothing is imported again)."""
        other = Plugins(self.warn)
        for plugin, info in zip(self._objects[1:], self.infos[1:]):
            other._add(plugin, replace(info, contributions={}, commands=list(info.commands)))
        other.failures = list(self.failures)
        return other

    # -- loading -------------------------------------------------------------------------
    def load_entry_points(self) -> None:
        """Installed plugins; ``LAWLINT_LOAD_PLUGINS`` (comma-separated distribution names,
        empty for none) limits which are loaded, as datasette's DATASETTE_LOAD_PLUGINS does."""
        only = os.environ.get("LAWLINT_LOAD_PLUGINS")
        allowed = None if only is None else {n.strip().lower() for n in only.split(",") if n.strip()}
        if not _may_declare_plugins():
            return
        import importlib.metadata

        for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            dist = getattr(ep, "dist", None)
            info = PluginInfo(ep.name, dist.metadata["Name"] if dist else "?", dist.version if dist else "?",
                              "entry point", (ep.name,))
            if self.pm.has_plugin(ep.name) or (allowed is not None and info.distribution.lower() not in allowed):
                continue
            if not PREFIX.match(ep.name) or ep.name in CORE_PREFIXES:
                why = "是 lawlint 保留的前缀" if ep.name in CORE_PREFIXES else "应为 2～4 个大写字母"
                raise ConfigError(f"插件 {info.label} 的入口点名称 “{ep.name}” 是它的规则代码前缀，{why}")
            try:
                plugin = ep.load()
            except (Exception, SystemExit) as exc:  # a broken plugin must not stop the run
                self._fail(info, "加载失败", exc)
                continue
            self._add(plugin, info)

    def load_file(self, path: str | Path) -> None:
        """A plugin given as a .py file (``--plugin`` or ``plugins:`` in the config).  A missing
        file is an error; one that raises (or exits) on import is a warning, as for an
        installed plugin, and the run goes on without it."""
        file = Path(path)
        if not file.is_file():
            raise ConfigError(f"找不到插件文件 {path}")
        name = f"lawlint_local_{re.sub(r'[^0-9A-Za-z_]', '_', file.stem)}"
        spec = importlib.util.spec_from_file_location(name, file)
        module = importlib.util.module_from_spec(spec)
        try:
            sys.modules[name] = module
            spec.loader.exec_module(module)
        except (Exception, SystemExit) as exc:
            sys.modules.pop(name, None)
            self._fail(PluginInfo(str(file), "", "", "local file"), "加载失败", exc)
            return
        prefix = getattr(module, "PREFIX", None)
        if prefix is not None and (not isinstance(prefix, str) or not PREFIX.match(prefix) or prefix in CORE_PREFIXES):
            raise ConfigError(f"插件文件 {path} 的 PREFIX “{prefix}” 应为 2～4 个大写字母，且不是 lawlint 保留的前缀")
        self._add(module, PluginInfo(str(file), "", "", "local file", (prefix,) if prefix else None))

    def _add(self, plugin: Any, info: PluginInfo) -> None:
        try:
            self.pm.register(plugin, name=info.name)
            self._check_pending(info)
            info.contributions = self._collect(info)
        except ConfigError:
            raise
        except (Exception, SystemExit) as exc:
            if self.pm.has_plugin(info.name):
                self.pm.unregister(name=info.name)
            self._fail(info, "注册时出错", exc)
            return
        self.infos.append(info)
        self._objects.append(plugin)

    def _check_pending(self, info: PluginInfo) -> None:
        try:
            self.pm.check_pending()
        except pluggy.PluginValidationError as exc:
            self.pm.unregister(name=info.name)
            raise ConfigError(f"插件 {info.label} 实现了未定义的钩子：{exc}") from None

    def _caller(self, hook: str, name: str) -> pluggy.HookCaller:
        """The hook ``hook`` of the plugin registered as ``name`` alone: called through pluggy,
        each implementation gets only the arguments it declares, and what a plugin
        contributes (or what fails) is told apart from the others'."""
        own = self.pm.get_plugin(name)
        return self.pm.subset_hook_caller(hook, [p for p in self.pm.get_plugins() if p is not own])

    def _collect(self, info: PluginInfo) -> dict[str, list]:
        collected: dict[str, list] = {}
        for hook in CONTRIBUTIONS:
            for result in self._caller(hook, info.name)():
                collected.setdefault(hook, []).extend(result or ())
        for rule in collected.get("register_rules", []):
            check_code(getattr(rule, "code", ""), info)
        return collected

    def _fail(self, info: PluginInfo, what: str, exc: BaseException) -> None:
        where = f"（入口点 {info.name}）" if info.source == "entry point" else " "  # a local file's label is its path
        why = f"调用了 sys.exit({exc.code!r})" if isinstance(exc, SystemExit) else f"{type(exc).__name__}: {exc}"
        message = f"插件 {info.label}{where}{what}，已跳过：{why}"
        self.failures.append(message)
        if self.warn:
            self.warn(message)

    # -- using ---------------------------------------------------------------------------
    def contributions(self, hook: str) -> list[tuple[Any, PluginInfo]]:
        return [(item, info) for info in self.infos for item in info.contributions.get(hook, [])]

    def add_commands(self, cli) -> None:
        """Let plugins add click subcommands (``register_commands``)."""
        for info in self.infos:
            before = set(cli.commands)
            try:
                self._caller("register_commands", info.name)(cli=cli)
            except (Exception, SystemExit) as exc:
                self._fail(info, "添加命令时出错", exc)
            info.commands = sorted(set(cli.commands) - before)

    def require(self, names: Sequence[str]) -> None:
        """Each name (distribution or prefix) must be a loaded plugin."""
        loaded = {n.lower() for info in self.infos for n in (info.name, info.distribution) if n}
        for name in names:
            if name.lower() not in loaded:
                failed = [f for f in self.failures if name.lower() in f.lower()]
                raise ConfigError(failed[0] if failed else f"要求的插件 {name} 没有安装")


def check_code(code: str, info: PluginInfo) -> None:
    """A rule code must use one of its owner's prefixes (or, for local files, none of the core's)."""
    problem = prefix_problem(code, info.prefixes)
    if problem:
        raise ConfigError(f"插件 {info.label} 注册的规则 {code} {problem}")


def load(*, entry_points: bool = True, modules: Sequence[str] = (),
         warn: Callable[[str], None] | None = None) -> Plugins:
    plugins = Plugins(warn)
    if entry_points:
        plugins.load_entry_points()
    for module in modules:
        plugins.load_file(module)
    return plugins


def _may_declare_plugins(group: str = ENTRY_POINT_GROUP) -> bool:
    """Whether an installed distribution may declare an entry point in ``group``, told
    without importing importlib.metadata (with email, zipfile and csv, about a tenth of a
    one-file run).  The folders on ``sys.path`` are listed for ``*.dist-info`` and
    ``*.egg-info`` as importlib.metadata lists them, and their entry_points.txt read for a
    section naming ``group``.  What this does not look into (a zip or an egg on
    ``sys.path``, an import hook with distributions of its own) answers yes."""
    from importlib.machinery import PathFinder

    if any(hasattr(finder, "find_distributions") and finder is not PathFinder for finder in sys.meta_path):
        return True
    wanted = group.encode()
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg") or os.path.isfile(folder):
            return True
        try:
            names = os.listdir(folder)
        except OSError:  # missing or unreadable: importlib.metadata finds nothing there either
            continue
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as handle:
                    text = handle.read()
            except OSError:
                continue
            if any(line.strip().startswith(b"[") and wanted in line for line in text.splitlines()):
                return True
    return False
