"""Configuration: ``.lawlint.yaml`` or ``[tool.lawlint]`` in pyproject.toml.

The file is looked for from the working directory upwards; ``--config`` names one
and ``--isolated`` ignores them all.  Unknown keys and bad values stop the run
with one line naming the file, line and key (exit status 2).

```yaml
select: [ST, DN, DT, RP]          # code prefixes or rule names; default: all rules
ignore: [ST002]
per-file-ignores:
  "drafts/*": [RP]
rules:                             # per-rule severity and options, by code or name
  duplicate-sentence: {min_chars: 16}
  DN001: {severity: warning}
profile: fazhi-report              # force a document profile instead of detecting it
deadlines:                         # override the profile's deadlines
  signing: {department: "02-20"}
fail-on: warning                   # lowest severity that makes the exit status 1
packs: [./规则/本机关用语]          # rule-pack folders, or names of packs shipped switched off
plugins: [./lint/local_rules.py]   # plugin files used without packaging
profiles: [./lint/本省年度报告.yml]  # extra document profiles
require-plugins: [lawlint-example-agency]   # exit 2 if these plugins are missing or broken
max-size: 20                       # MB; a larger document is not linted (exit status 2), 0: no limit
baseline: .lawlint-baseline.json   # report only findings not recorded there (check --write-baseline)
```

Paths are relative to the configuration file.
"""
from __future__ import annotations

import fnmatch
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from lawlint.engine.schema import YamlSource, brief, check_keys, check_safety, list_of, month_day
from lawlint.engine.suppress import Allowance
from lawlint.rule import ConfigError, Severity, severity_problem, shown


def _tomllib():
    """tomllib (tomli before Python 3.11), imported when a pyproject.toml is read, not at start-up."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    return tomllib


CONFIG_FILES = (".lawlint.yaml", ".lawlint.yml")
MEGABYTE = 1024 * 1024
DEFAULT_MAX_SIZE = 20  # MB: a report is well under 1 MB; 20 MB is a corpus pasted into one file


@dataclass
class Config:
    path: Path | None = None
    root: Path | None = None  # the folder of ``path``: per-file-ignores are relative to it
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    allow: dict[str, list[Allowance]] = field(default_factory=dict)  # rules' ``allow`` lists, by key
    profile: str | None = None
    deadlines: dict[str, Any] = field(default_factory=dict)
    fail_on: Severity | None = None
    packs: list[str] = field(default_factory=list)
    plugins: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)
    require_plugins: list[str] = field(default_factory=list)
    max_size: float | None = None  # MB (MEGABYTE bytes); None: the default, 0: no limit
    baseline: str | None = None  # a baseline file (lawlint.engine.baseline), relative to the config's folder

    def where(self, key: str) -> str:
        return f"{self.path.name if self.path else '配置'} 中的 {key}"

    def ignored_for(self, path: str) -> list[str]:
        """Selectors that ``per-file-ignores`` applies to ``path``."""
        if not self.per_file_ignores or path in ("-", "<stdin>"):
            return []
        try:
            relative = Path(path).resolve().relative_to((self.root or Path.cwd()).resolve()).as_posix()
        except (ValueError, OSError):  # outside the root, or no working directory to resolve from
            relative = Path(path).as_posix()
        name = Path(path).name
        found: list[str] = []
        for pattern, selectors in self.per_file_ignores.items():
            if fnmatch.fnmatch(relative, pattern) or ("/" not in pattern and fnmatch.fnmatch(name, pattern)):
                found.extend(selectors)
        return found


class _TomlSource:
    """Error reporting for ``[tool.lawlint]``, which has no line numbers after parsing."""

    def __init__(self, name: str, data: Any) -> None:
        self.name = name
        self.data = data

    def error(self, message: str, *path: Any) -> ConfigError:
        key = ".".join(str(p) for p in ("tool", "lawlint", *path))
        return ConfigError(f"{self.name} [{key}]: {message}")


def find(start: Path | None = None) -> Path | None:
    """The nearest configuration file for files in the folder ``start`` (default: the working
    directory): looked for in ``start`` and its parents up to the root of the repository
    (the first folder holding ``.git`` or ``.hg``) or the user's home folder, whichever
    comes first, as ruff and ESLint do — a file that another user left in a shared folder
    above (``/tmp/.lawlint.yaml``) is never reached from inside a project."""
    try:
        directory = (start or Path.cwd()).resolve()
    except OSError:  # the working directory was deleted: no folder to start from
        return None
    home = home_folder()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_lawlint_table(pyproject):
            return pyproject
        if folder == home or (folder / ".git").exists() or (folder / ".hg").exists():
            return None
    return None


class Discovery:
    """Which configuration applies to the files of each folder: the nearest one (``find``),
    looked for once per folder.  One that may have been planted by another user
    (``distrust``) is refused — neither its plugins nor its settings are used — with one
    warning; the files below it are linted with the defaults."""

    def __init__(self, warn: Callable[[str], None] | None = None) -> None:
        self.warn = warn
        self._found: dict[Path | None, Path | None] = {}
        self._refused: set[Path] = set()

    def for_folder(self, folder: Path | None) -> Path | None:
        """For files in ``folder`` (None: the working directory)."""
        if folder not in self._found:
            found = find(folder)
            why = distrust(found) if found is not None else None
            if why:
                if found not in self._refused and self.warn:
                    self.warn(f"配置文件 {found} {why}，可能是别人放置的，已忽略（不用其中的任何设置和插件）；"
                              f"确认可信后可用 --config {found} 指定")
                self._refused.add(found)
                found = None
            self._found[folder] = found
        return self._found[folder]


def home_folder() -> Path | None:
    """The user's home folder, or None when it cannot be told (no HOME and no passwd entry)."""
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        return None


def distrust(path: Path) -> str | None:
    """Why a configuration file found by discovery must not be used, or None.

    A file another user owns (root excepted), or that every user may write, may have been
    planted: its ``plugins:`` would run their code, its ``select``/``ignore`` would silence
    lawlint.  POSIX only (elsewhere there is no owner to compare)."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    if st.st_uid not in (os.geteuid(), 0):
        return f"属于其他用户（uid {st.st_uid}）"
    if st.st_mode & stat.S_IWOTH:
        return "所有用户都可以修改"
    return None


def _has_lawlint_table(path: Path) -> bool:
    toml = _tomllib()
    try:
        tool = toml.loads(path.read_text(encoding="utf-8")).get("tool")
    except (toml.TOMLDecodeError, OSError, UnicodeDecodeError):
        return False
    return isinstance(tool, dict) and "lawlint" in tool  # ``tool = 1`` is some other program's business


def load(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"找不到配置文件 {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc}") from None
    if path.name == "pyproject.toml":
        toml = _tomllib()
        try:
            tool = toml.loads(text).get("tool", {})
        except toml.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: TOML 语法错误（{exc}）") from None
        data = tool.get("lawlint", {}) if isinstance(tool, dict) else {}
        src: Any = _TomlSource(str(path), data)
    else:
        src = YamlSource(text, str(path))
        data = src.data
    return _build(src, data, path)


def _selectors(src, value, *path) -> None:
    list_of(str)(src, value, *path)


def _build(src, data: Any, path: Path) -> Config:
    raw = check_keys(src, data, {
        "select": _selectors, "ignore": _selectors, "per-file-ignores": dict, "rules": dict,
        "profile": str, "deadlines": dict, "fail-on": str, "packs": _selectors, "plugins": _selectors,
        "profiles": _selectors, "require-plugins": _selectors, "max-size": _megabytes, "baseline": str,
    })
    if raw.get("select") == []:
        raise src.error("“select” 是空列表，一条规则也不会运行（不写 select 即启用全部规则）", "select")
    for pattern, selectors in (raw.get("per-file-ignores") or {}).items():
        _selectors(src, selectors, "per-file-ignores", pattern)
    rules: dict[str, dict[str, Any]] = {}
    allow: dict[str, list[Allowance]] = {}
    for key, options in (raw.get("rules") or {}).items():
        if not isinstance(options, dict):
            raise src.error(f"规则 “{brief(key)}” 的设置应为映射（如 {{severity: warning}}）", "rules", key)
        if "allow" in options:
            options = dict(options)
            allow[key] = _allowances(src, options.pop("allow"), "rules", key, "allow")
        rules[key] = options
        if "severity" in options:
            try:
                Severity.parse(options["severity"])
            except ConfigError:
                raise src.error(severity_problem(options["severity"]), "rules", key, "severity") from None
    deadlines = check_keys(src, raw.get("deadlines"), {"since": int, "signing": dict, "publication": str},
                           "deadlines")
    for kind, value in (deadlines.get("signing") or {}).items():
        _month_day(src, value, "deadlines", "signing", kind)
    if "publication" in deadlines:
        _month_day(src, deadlines["publication"], "deadlines", "publication")
    fail_on = None
    if "fail-on" in raw:
        try:
            fail_on = Severity.parse(raw["fail-on"])
        except ConfigError:
            raise src.error(f"fail-on：{severity_problem(raw['fail-on'])}", "fail-on") from None
    return Config(
        path=path, root=path.parent, select=raw.get("select"), ignore=list(raw.get("ignore") or []),
        per_file_ignores=dict(raw.get("per-file-ignores") or {}), rules=rules, allow=allow,
        profile=raw.get("profile"), deadlines=deadlines, fail_on=fail_on,
        packs=[_relative(path, p) for p in raw.get("packs") or []],
        plugins=[_relative(path, p) for p in raw.get("plugins") or []],
        profiles=[_relative(path, p) for p in raw.get("profiles") or []],
        require_plugins=list(raw.get("require-plugins") or []),
        max_size=raw.get("max-size"),
        baseline=str(path.parent / raw["baseline"]) if raw.get("baseline") else None,
    )


def _allowances(src, value, *path) -> list[Allowance]:
    """A rule's ``allow`` list: exact strings, or ``{pattern: 正则表达式}`` (checked by
    ``lawlint.engine.regex_safety`` as the packs' patterns are)."""
    import re

    if not isinstance(value, list):
        raise src.error("“allow” 应为列表：原文字符串，或 {pattern: 正则表达式}", *path)
    found = []
    for i, item in enumerate(value):
        if isinstance(item, str) and item:
            found.append(Allowance(text=item))
            continue
        if not (isinstance(item, dict) and set(item) == {"pattern"} and isinstance(item["pattern"], str)
                and item["pattern"]):
            raise src.error(f"第 {i + 1} 项应为非空的原文字符串，或 {{pattern: 正则表达式}}，实际为 {shown(item)}",
                            *path, i)
        try:
            compiled = re.compile(item["pattern"])
        except re.error as exc:
            raise src.error(f"正则表达式 “{brief(item['pattern'])}” 有误：{exc}", *path, i) from None
        check_safety(src, compiled, *path, i)
        found.append(Allowance(pattern=compiled))
    return found


def _relative(config: Path, value: str) -> str:
    """A path in the config is relative to the config's folder; a bare name stays a name."""
    if "/" in value or "\\" in value or value.endswith((".py", ".yml", ".yaml")) or value.startswith("."):
        return str((config.parent / value).resolve())
    return value


def _megabytes(src, value, *path) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value < 1e9:
        raise src.error(f"“max-size” 应为不小于 0 的数（单位 MB，0 表示不限），实际为 {value!r}", *path)


def _month_day(src, value, *path) -> None:
    try:
        month_day(None, value)
    except ConfigError as exc:
        raise src.error(str(exc), *path) from None
