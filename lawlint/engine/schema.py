"""Reading YAML written by people (config, profiles, packs) and pointing at their mistakes.

Errors name the file, the line and the key, in Chinese, because the author of a
config or a rule pack may be a 法制科 staff member rather than a programmer.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml

from lawlint.rule import ConfigError, shown

# libyaml's parser when PyYAML was built with it: the rule packs load several times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Values counted with every alias expanded.  A config, profile or pack is a few hundred;
# a list of 50,000 terms is still far below.  Nested aliases (&a [*b, *b, …]) reach
# billions of values in a few hundred bytes: such a file is refused before it is used.
MAX_NODES = 200_000

def brief(value: Any, limit: int = 60) -> str:
    """A string from the file as a message quotes it (others as ``shown``), at most
    ``limit`` characters."""
    if not isinstance(value, str):
        return shown(value)
    return value if len(value) <= limit else value[:limit] + "…"


class LazyPattern:
    """A regular expression compiled when first used.  The shipped rule packs hold hundreds
    of patterns, and in a typical report nine in ten are never searched:
    ``lawlint.engine.prefilter`` rules them out from the pattern text (``pattern``, ``flags``)
    without compiling them.  Everything else is the compiled pattern's."""

    __slots__ = ("pattern", "flags", "_compiled")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.flags = _inline_flags(pattern)
        self._compiled: re.Pattern | None = None

    @property
    def compiled(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


_FLAG_LETTERS = {"a": re.ASCII, "i": re.IGNORECASE, "L": re.LOCALE, "m": re.MULTILINE, "s": re.DOTALL,
                 "u": re.UNICODE, "x": re.VERBOSE}
_LEADING_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")


def _inline_flags(pattern: str) -> int:
    """The flags ``re.compile(pattern).flags`` has: those set at its start (where Python
    3.11 requires global flags), and UNICODE unless ASCII."""
    flags, at = 0, 0
    while (m := _LEADING_FLAGS.match(pattern, at)) is not None:
        for letter in m[1]:
            flags |= _FLAG_LETTERS[letter]
        at = m.end()
    return flags if flags & re.ASCII else flags | re.UNICODE


def compile_pattern(src: YamlSource, text: str) -> re.Pattern | LazyPattern:
    """A pattern of a YAML file: a user's compiled now (it was validated, and ``re`` keeps
    the compilation), lawlint's own when first used."""
    return re.compile(text) if src.check_patterns else LazyPattern(text)


class YamlSource:
    """Parsed YAML plus the node tree, so that an error can say which line it is on."""

    def __init__(self, text: str, name: str) -> None:
        self.name = name
        # Files written by users are refused when they are alias bombs, and their patterns
        # when they may backtrack catastrophically (lawlint.engine.regex_safety); lawlint's own
        # files are checked by its tests instead.
        self.check_patterns = not _shipped(name)
        loader = SAFE_LOADER(text)
        try:
            self.root = loader.get_single_node()
            if self.root is not None and self.check_patterns:
                _check_size(self.root, name)
            self.data = loader.construct_document(self.root) if self.root is not None else None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"{name}:{mark.line + 1}" if mark else name
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ConfigError(f"{where}: YAML 语法错误（{brief(problem, 200)}）") from None
        except RecursionError:
            raise ConfigError(f"{name}: YAML 嵌套过深") from None
        finally:
            loader.dispose()

    def line_of(self, *path: Any) -> int | None:
        node = self.root
        line = node.start_mark.line + 1 if node is not None else None
        for key in path:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == key:
                        line, node = k.start_mark.line + 1, v
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return line

    def where(self, *path: Any) -> str:
        line = self.line_of(*path)
        return f"{self.name}:{line}" if line else self.name

    def error(self, message: str, *path: Any) -> ConfigError:
        return ConfigError(f"{self.where(*path)}: {message}")


def _children(node: yaml.Node) -> list:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return node.value
    return []


def _check_size(root: yaml.Node, name: str) -> None:
    """Refuse a document holding more than ``MAX_NODES`` values once its aliases are
    expanded, or an alias inside the value it names.  Each node is visited once (the size
    of a node named by several aliases is counted once and reused), without recursion."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # on the path from the root: an alias to one of them is a loop
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            open_nodes.discard(key)
            size = 1 + sum(sizes[id(child)] for child in _children(node))
            if size > MAX_NODES:
                line = node.start_mark.line + 1
                raise ConfigError(f"{name}:{line}: YAML 内容过多（展开别名后超过 {MAX_NODES:,} 个值），"
                                  "不像是配置或规则；请检查别名（*name）是否层层嵌套")
            sizes[key] = size
            continue
        if key in sizes:
            continue
        if key in open_nodes:
            raise ConfigError(f"{name}:{node.start_mark.line + 1}: YAML 别名引用了包含它自己的值（循环引用）")
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


def check_keys(src: YamlSource, mapping: Any, allowed: Mapping[str, Any], *path: Any,
               required: tuple[str, ...] = ()) -> dict:
    """``mapping`` must be a mapping whose keys are in ``allowed`` (key → type or checker)."""
    if mapping is None:
        mapping = {}
    if not isinstance(mapping, Mapping):
        raise src.error(f"{_label(path)}应为映射（键: 值），实际为 {_kind(mapping)}", *path)
    for key, value in mapping.items():
        if key not in allowed:
            known = "、".join(allowed)
            raise src.error(f"未知的键 “{brief(key)}”（可用的键：{known}）", *path, key)
        expected = allowed[key]
        if isinstance(expected, type) or isinstance(expected, tuple):
            if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
                raise src.error(f"“{brief(key)}” 应为{_type_name(expected)}，实际为 {_kind(value)}", *path, key)
        elif callable(expected):
            expected(src, value, *path, key)
    for key in required:
        if key not in mapping:
            raise src.error(f"缺少必需的键 “{key}”", *path)
    return dict(mapping)


def check_regex(src: YamlSource, value: Any, *path: Any) -> re.Pattern | None:
    """``value`` compiled, and refused when it may backtrack catastrophically; None for
    lawlint's own files, whose patterns are compiled when first used (their tests compile
    and time every one)."""
    if not isinstance(value, str):
        raise src.error(f"“{path[-1]}” 应为正则表达式字符串，实际为 {_kind(value)}", *path)
    if not getattr(src, "check_patterns", True):
        return None
    try:
        compiled = re.compile(value)
    except re.error as exc:
        raise src.error(f"正则表达式 “{brief(value)}” 有误：{exc}", *path) from None
    check_safety(src, compiled, *path)
    return compiled


def check_safety(src: YamlSource, pattern: re.Pattern, *path: Any) -> None:
    """Refuse a pattern with nested or adjacent variable quantifiers over overlapping
    characters (``lawlint.engine.regex_safety``)."""
    from lawlint.engine.regex_safety import UnsafePattern, check

    try:
        check(pattern.pattern, pattern.flags)
    except UnsafePattern as exc:
        raise src.error(f"正则表达式 “{brief(pattern.pattern)}” 不安全：{exc}", *path) from None


_DATA = str(Path(__file__).resolve().parent.parent / "data")


def _shipped(name: str) -> bool:
    """Is ``name`` a file of lawlint's own data (``lawlint/data``)?"""
    root = _DATA
    return name.startswith(root.rstrip("/\\") + ("/" if "/" in root else "\\"))


def list_of(item_type: type | tuple) -> Callable:
    def check(src: YamlSource, value: Any, *path: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, item_type) for v in value):
            raise src.error(f"“{path[-1]}” 应为{_type_name(item_type)}列表", *path)
    return check


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_MONTH_DAY = re.compile(r"(0?[1-9]|1[0-2])-(0?[1-9]|[12]\d|3[01])")


def month_day(src: YamlSource | None, value: Any, *path: Any) -> tuple[int, int]:
    """A deadline written ``MM-DD`` (``"04-01"``), a day that every year has."""
    m = _MONTH_DAY.fullmatch(value) if isinstance(value, str) else None
    message = None
    if not m:
        message = f"期限应写作 “MM-DD”（如 \"04-01\"），实际为 {shown(value)}"
    elif int(m[2]) > _DAYS_IN_MONTH[int(m[1]) - 1]:  # of a common year: 02-29 is not every year's
        message = f"期限 “{value}” 不是每年都有的日期（{int(m[1])}月没有{int(m[2])}日）"
    if message:
        raise src.error(message, *path) if src else ConfigError(message)
    return int(m[1]), int(m[2])


def _label(path: tuple) -> str:
    return f"“{path[-1]}” " if path else "内容"


def _type_name(expected: Any) -> str:
    names = {str: "字符串", int: "整数", bool: "布尔值", list: "列表", dict: "映射", float: "数值"}
    if isinstance(expected, tuple):
        return "或".join(names.get(t, t.__name__) for t in expected)
    return names.get(expected, getattr(expected, "__name__", str(expected)))


def _kind(value: Any) -> str:
    if value is None:
        return "空值"
    return {str: "字符串", int: "整数", bool: "布尔值", list: "列表", dict: "映射", float: "数值"}.get(
        type(value), type(value).__name__) + f" {shown(value)}"
