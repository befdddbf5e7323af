"""Rule packs: folders of YAML rules, one rule per file named by its code.

```
lawlint/data/packs/wording/
  pack.yml        # optional: title, description, version, enabled, prefix
  WD001.yml       # one rule: code, name, summary, extends (the kind), …
```

A pack comes from lawlint itself, from a plugin (``register_packs``) or from the
config (``packs:``, a folder).  A pack with ``enabled: false`` is off until the
config names it.  Every mistake — an unknown key, a bad regular expression, a wrong
type, a code outside the owner's prefix — stops the run with the file and line.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from lawlint.engine.registry import CORE_PREFIXES, PREFIX, prefix_problem
from lawlint.engine.resources import read_text, yaml_files
from lawlint.engine.schema import YamlSource, brief, check_keys, compile_pattern
from lawlint.kinds.base import SHARED_KEYS, YamlRule
from lawlint.rule import (
    CODE_PATTERN,
    CONFIDENCE_LABELS,
    NAME_PATTERN,
    Applicability,
    ConfigError,
    Severity,
    severity_problem,
)

if TYPE_CHECKING:  # pragma: no cover
    from importlib.resources.abc import Traversable

PACK_FILE = "pack.yml"
_PACK_KEYS = {"title": str, "description": str, "version": (str, int, float), "enabled": bool, "prefix": str}


@dataclass
class Pack:
    name: str
    folder: str
    owner: str
    title: str = ""
    description: str = ""
    version: str = ""
    enabled: bool = True
    rules: list[type[YamlRule]] = field(default_factory=list)


def load_pack(folder: Traversable | Path, owner: str, prefixes: Iterable[str] | None,
              kinds: Mapping[str, type[YamlRule]]) -> Pack:
    """Read a pack; ``prefixes`` are the code prefixes its owner may use (None: any not reserved)."""
    name = Path(str(folder)).name
    pack = Pack(name, str(folder), owner)
    allowed = tuple(prefixes) if prefixes is not None else None
    meta = folder / PACK_FILE
    if meta.is_file():
        src = YamlSource(read_text(meta, "规则包说明文件"), str(meta))
        data = check_keys(src, src.data, _PACK_KEYS)
        pack.title, pack.description = data.get("title", ""), data.get("description", "")
        pack.version, pack.enabled = str(data.get("version", "")), data.get("enabled", True)
        if "prefix" in data:
            if not PREFIX.match(data["prefix"]):
                raise src.error(f"“prefix” 应为 2～4 个大写字母，实际为 “{data['prefix']}”", "prefix")
            if allowed is None and data["prefix"] in CORE_PREFIXES:
                raise src.error(f"规则包的前缀 “{data['prefix']}” 是 lawlint 保留的前缀（{'、'.join(CORE_PREFIXES)}），"
                                "请换用本机关自己的前缀", "prefix")
            if allowed is not None and data["prefix"] not in allowed:
                raise src.error(f"规则包的前缀 “{data['prefix']}” 不属于其提供者 {owner}（可用：{'、'.join(allowed)}）",
                                "prefix")
            allowed = (data["prefix"],)
    files = [f for f in yaml_files(folder) if f.name != PACK_FILE]
    for file in files:
        pack.rules.append(build_rule(file, owner, allowed, kinds))
    return pack


def build_rule(file: Traversable | Path, owner: str, prefixes: tuple[str, ...] | None,
               kinds: Mapping[str, type[YamlRule]]) -> type[YamlRule]:
    """One YAML rule file → a subclass of its kind."""
    src = YamlSource(read_text(file, "规则文件"), str(file))
    data = src.data
    if not isinstance(data, dict):
        raise src.error("规则文件的内容应为映射（键: 值）")
    if "extends" not in data:
        raise src.error(f"缺少 “extends”（规则种类，可用：{'、'.join(sorted(kinds))}）")
    if not isinstance(data["extends"], str):
        raise src.error(f"“extends” 应为一个规则种类的名称（可用：{'、'.join(sorted(kinds))}），"
                        f"实际为 {data['extends']!r}", "extends")
    kind = kinds.get(data["extends"])
    if kind is None:
        raise src.error(f"未知的规则种类 “{brief(data['extends'])}”（可用：{'、'.join(sorted(kinds))}）", "extends")
    check_keys(src, data, {**SHARED_KEYS, **kind.keys}, required=("name", "summary", *kind.required))
    stem = Path(file.name).stem
    code = data.get("code", stem)
    if not CODE_PATTERN.match(code):
        raise src.error(f"规则代码 “{code}” 格式不对（应如 WD001）", "code")
    if code != stem:
        raise src.error(f"规则代码 “{code}” 与文件名 {file.name} 不一致（一个文件一条规则，以代码命名）", "code")
    _check_prefix(src, code, owner, prefixes)
    if not NAME_PATTERN.match(data["name"]):
        raise src.error(f"规则名称 “{data['name']}” 应为小写连字符形式（如 my-rule）", "name")
    try:
        severity = Severity.parse(data.get("severity", "warning"))
    except ConfigError:
        raise src.error(severity_problem(data["severity"]), "severity") from None
    confidence = data.get("confidence", "high")
    if confidence not in CONFIDENCE_LABELS:
        raise src.error(f"无效的把握程度 “{confidence}”（可选 {'、'.join(CONFIDENCE_LABELS)}）", "confidence")
    try:
        applicability = Applicability.parse(data.get("applicability", kind.fix_applicability))
    except ConfigError:
        raise src.error(f"无效的 applicability “{data['applicability']}”（可选 safe、unsafe、display-only）",
                        "applicability") from None
    message = data.get("message", kind.default_message)
    kind.check_message(src, message)
    scope = data.get("scope", kind.default_scope)
    attrs: dict[str, Any] = {
        "code": code, "name": data["name"], "summary": data["summary"], "severity": severity,
        "confidence": confidence, "from_year": data.get("from_year"), "basis": data.get("basis", ""), "message": message,
        "scope": (scope,) if isinstance(scope, str) else tuple(scope),
        "exceptions": tuple(compile_pattern(src, x) for x in data.get("exceptions") or ()),
        "whole_word": data.get("whole_word", False),
        "anchor": compile_pattern(src, data["anchor"]) if "anchor" in data else None,
        "fix_applicability": applicability, "fix_note": data.get("fix_note", kind.fix_note),
        "doc": data.get("documentation", ""), "source": str(file),
        "__doc__": data.get("documentation", data["summary"]), "__module__": kind.__module__,
    }
    attrs.update(kind.compile(src, data))
    return type(f"{kind.__name__}_{code}", (kind,), attrs)


def _check_prefix(src: YamlSource, code: str, owner: str, prefixes: tuple[str, ...] | None) -> None:
    problem = prefix_problem(code, prefixes)
    if problem:
        raise src.error(f"规则代码 “{code}” {problem}", "code")


def pack_folders(root: Traversable | Path) -> list[Traversable | Path]:
    """The pack folders directly inside ``root`` (those holding YAML files)."""
    if not root.is_dir():
        return []
    return sorted((f for f in root.iterdir() if f.is_dir() and yaml_files(f)), key=lambda f: f.name)
