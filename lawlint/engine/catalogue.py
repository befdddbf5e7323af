"""The catalogue: every rule a configuration can use, as classes with their metadata.

Loading plugins, their rule kinds and packs gives the rule classes, who provided each
and the registry (lookup by code or name, selection); nothing is instantiated.  ``lawlint
rules``, ``explain`` and ``plugins`` need no more than this; a ``Linter`` builds on it,
instantiating the selected rules with their options.
"""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Callable, Sequence

from lawlint.engine import config as config_module
from lawlint.engine.config import Config
from lawlint.engine.packs import Pack, load_pack
from lawlint.engine.plugins import PluginInfo, Plugins
from lawlint.engine.plugins import load as load_plugins
from lawlint.engine.profiles import Profile, load_profiles
from lawlint.engine.registry import Entry, Registry
from lawlint.rule import ConfigError


class Catalogue:
    """Plugins (with the configuration's plugin files), rule kinds, packs and the registry
    of rule classes, for one configuration; the profiles when first asked for."""

    def __init__(self, cfg: Config | None = None, *, plugins: Sequence[str] = (), entry_points: bool = True,
                 warn: Callable[[str], None] | None = None, loaded: Plugins | None = None,
                 require: Sequence[str] = ()) -> None:
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

    @cached_property
    def profiles(self) -> dict[str, Profile]:
        """The document profiles: the plugins' and the configuration's files."""
        files = [f for f, _ in self.plugins.contributions("register_profiles")]
        for value in self.config.profiles:
            if not Path(value).exists():
                raise ConfigError(f"{self.config.where('profiles')}: 找不到文档类型文件 {value}")
            files.append(Path(value))
        return load_profiles(files)


def load_config(path: str | None, isolated: bool, warn: Callable[[str], None] | None = None) -> Config:
    """The configuration of a command that works on no file (rules, explain, plugins):
    ``--config``, none with ``--isolated``, else the one found from the working directory."""
    if isolated:
        return Config()
    if path:
        return config_module.load(Path(path))
    found = config_module.Discovery(warn).for_folder(None)
    return config_module.load(found) if found else Config()
