"""Building the plugin manager: lawlint's built-ins, installed plugins, local plugin files.

Each installed plugin (entry-point group ``lawlint``) is loaded on its own: one
that fails to import or register becomes a warning naming its distribution and
version, and the run continues without it (sqlfluff does the same).
"""
from __future__ import annotations

import importlib.metadata
import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import pluggy

from lawlint import builtin, hookspecs
from lawlint.rule import ConfigError

ENTRY_POINT_GROUP = "lawlint"


@dataclass
class PluginInfo:
    name: str
    distribution: str = ""
    version: str = ""
    source: str = ""


@dataclass
class LoadReport:
    plugins: list[PluginInfo] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def make_manager(*, entry_points: bool = True, modules: Sequence[str] = (),
                 warn: Callable[[str], None] | None = None) -> tuple[pluggy.PluginManager, LoadReport]:
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    pm.register(builtin, name="lawlint")
    report = LoadReport([PluginInfo("lawlint", "lawlint", _version("lawlint"), "built-in")])
    if entry_points:
        for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            _load_entry_point(pm, ep, report, warn)
    for module in modules:
        _register_file(pm, module, report)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise ConfigError(f"插件 {pm.get_name(exc.plugin)} 实现了未定义的钩子：{exc}") from None
    return pm, report


def _load_entry_point(pm, ep, report: LoadReport, warn) -> None:
    dist = getattr(ep, "dist", None)
    dist_name = dist.metadata["Name"] if dist is not None else "?"
    dist_version = dist.version if dist is not None else "?"
    if pm.has_plugin(ep.name) or pm.is_blocked(ep.name):
        return
    try:
        plugin = ep.load()
        pm.register(plugin, name=ep.name)
    except Exception as exc:  # a broken plugin must not stop the run
        message = f"插件 {dist_name} {dist_version}（入口 {ep.name}）加载失败，已跳过：{type(exc).__name__}: {exc}"
        report.failures.append(message)
        if warn:
            warn(message)
        return
    report.plugins.append(PluginInfo(ep.name, dist_name, dist_version, "entry point"))


def _register_file(pm, path: str, report: LoadReport) -> None:
    """A plugin given as a .py file (``--plugin`` or ``plugins:`` in the config)."""
    file = Path(path)
    if not file.is_file():
        raise ConfigError(f"找不到插件文件 {path}")
    name = f"lawlint_local_{file.stem}"
    spec = importlib.util.spec_from_file_location(name, file)
    module = importlib.util.module_from_spec(spec)
    try:
        sys.modules[name] = module
        spec.loader.exec_module(module)
        pm.register(module, name=str(file))
    except Exception as exc:
        raise ConfigError(f"插件文件 {path} 加载失败：{type(exc).__name__}: {exc}") from None
    report.plugins.append(PluginInfo(str(file), "", "", "local file"))


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"
