"""The catalogue of rules: who provided each, lookup by code or name, and selection.

Selection follows flake8 and ruff: ``select`` and ``ignore`` hold code prefixes
(``ST``, ``DN001``) or rule names (``duplicate-sentence``); for each rule the
longest matching selector decides, ``ignore`` winning a tie.  Without ``select``
every registered rule is on.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from lawlint.rule import CODE_PATTERN, NAME_PATTERN, ConfigError, Rule


class UsageError(Exception):
    """A command-line mistake: unknown rule selector, bad option value (exit status 2)."""


@dataclass(frozen=True)
class Entry:
    rule: type[Rule]
    plugin: str          # who provided it: "lawlint", a plugin's distribution, a pack folder
    pack: str = ""       # the pack a YAML rule came from

    @property
    def code(self) -> str:
        return self.rule.code

    @property
    def name(self) -> str:
        return self.rule.name


class Registry:
    def __init__(self, entries: Iterable[Entry]) -> None:
        self.by_code: dict[str, Entry] = {}
        self.by_name: dict[str, Entry] = {}
        for entry in entries:
            self.add(entry)

    def add(self, entry: Entry) -> None:
        rule, plugin = entry.rule, entry.plugin
        if not (isinstance(rule, type) and issubclass(rule, Rule)):
            raise ConfigError(f"{plugin} 注册的 {rule!r} 不是 lawlint.Rule 的子类")
        if not CODE_PATTERN.match(rule.code or ""):
            raise ConfigError(f"{plugin} 的规则 {rule.__name__} 代码 “{rule.code}” 格式不对（应如 AB123）")
        if not NAME_PATTERN.match(rule.name or ""):
            raise ConfigError(f"{plugin} 的规则 {rule.code} 名称 “{rule.name}” 应为小写连字符形式（如 my-rule）")
        if not rule.summary:
            raise ConfigError(f"{plugin} 的规则 {rule.code} 缺少 summary")
        if not isinstance(rule.needs, str):
            raise ConfigError(f"{plugin} 的规则 {rule.code} 的 needs 应为字符串（它的问题必含的字符），"
                              f"实际为 {type(rule.needs).__name__}")
        for key, table in ((rule.code, self.by_code), (rule.name, self.by_name)):
            if key in table:
                other = table[key]
                raise ConfigError(f"规则 “{key}” 重复：{other.plugin} 与 {plugin} 都注册了它")
        self.by_code[rule.code] = entry
        self.by_name[rule.name] = entry

    def __iter__(self):
        return iter(sorted(self.by_code.values(), key=lambda e: e.code))

    def __len__(self) -> int:
        return len(self.by_code)

    def lookup(self, key: str) -> Entry | None:
        return self.by_code.get(key.upper()) or self.by_name.get(key.lower())

    def _selector_key(self, selector: str, where: str) -> str:
        """A selector as a code prefix (a name stands for its full code); unknown ones are errors."""
        if selector.upper() == "ALL":
            return ""
        entry = self.by_name.get(selector.lower())
        if entry:
            return entry.code
        prefix = selector.upper()
        if any(code.startswith(prefix) for code in self.by_code):
            return prefix
        raise UsageError(f"{where}: 未知的规则代码或名称 “{selector}”（用 lawlint rules 查看全部规则）")

    def check_selectors(self, selectors: Sequence[str], where: str) -> list[str]:
        return [self._selector_key(s, where) for s in selectors]

    def selected(self, select: Sequence[str] | None, ignore: Sequence[str]) -> list[Entry]:
        """Entries switched on by checked selectors (see ``check_selectors``)."""
        return [e for e in self if decide(e.code, select, ignore)]


def decide(code: str, select: Sequence[str] | None, ignore: Sequence[str]) -> bool:
    """Is ``code`` on?  The longest matching prefix wins; ignore wins a tie."""
    best_select = max((len(p) for p in select if code.startswith(p)), default=-1) if select is not None else 0
    best_ignore = max((len(p) for p in ignore if code.startswith(p)), default=-1)
    if best_select < 0 and best_ignore < 0:
        return False
    return best_select > best_ignore


# Rule codes: the letters are the owner's prefix (lawlint keeps these), then three digits.
CORE_PREFIXES = ("ST", "DN", "DT", "RP", "PU", "NU", "WD", "TX", "LL")
PREFIX = re.compile(r"^[A-Z]{2,4}$")


def has_prefix(code: str, prefix: str) -> bool:
    """``code`` is one of ``prefix``'s: ``XA101`` is XA's, not X's nor XAB's."""
    return code.startswith(prefix) and not code[len(prefix):len(prefix) + 1].isalpha()


def prefix_problem(code: str, prefixes: tuple[str, ...] | None) -> str | None:
    """Why a plugin or pack with ``prefixes`` (None: a local file or folder, which may use
    any prefix but lawlint's) may not own ``code``; None when it may."""
    if prefixes is None:
        if any(has_prefix(code, p) for p in CORE_PREFIXES):
            return f"使用了 lawlint 保留的前缀（{'、'.join(CORE_PREFIXES)}）"
        return None
    if not any(has_prefix(code, p) for p in prefixes):
        return f"不以它的前缀 {'、'.join(prefixes)} 开头"
    return None
