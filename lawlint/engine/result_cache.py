"""Findings of unchanged files kept between runs, as ruff's ``.ruff_cache`` does.

An entry is looked up by the file's path and everything that decides its findings
(``fingerprint``): lawlint's version and the size and modification time of each of its
source and data files, the versions of the libraries the rules use and of the Python
that runs them, the resolved configuration, the plugins (names, versions, and the files
of every rule, kind, pack and profile they contribute), and the rules with their
severity and options.  The entry holds the SHA-256 of the file's bytes: a changed file
is linted again and its entry replaced, so the cache holds one entry per file and
configuration.

Entries live in lawlint's cache folder (``lawlint.engine.cache``: the user's own, 0700,
refused when someone else owns it or others may write to it) and are read with its
checks (owner, permissions, format version, checksum and length).  An entry that fails
any check, names another key or another file content, or does not have the shape of
findings is ignored and rebuilt: the cache can make a run faster, never change what it
reports.  Files that could not be read and files with an internal error of a rule are
not kept.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import weakref
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lawlint import __version__
from lawlint.engine import cache
from lawlint.engine.linter import INTERNAL_ERROR, FileResult
from lawlint.engine.results import Finding

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.engine.linter import Linter

FORMAT = 1  # of the entries' contents; another format is rebuilt
_PREFIX = "result-"
_LIBRARIES = ("jieba-", "opencc-", "pyyaml-", "pluggy-")
_STRINGS = range(0, 4)   # code, name, severity, message
_NUMBERS = range(4, 10)  # start, end, line, column, end_line, end_column
_package_stamp: str | None = None
_fingerprints: weakref.WeakKeyDictionary[Linter, str] = weakref.WeakKeyDictionary()  # once per linter


def _stamp(path: str | os.PathLike | None) -> tuple:
    """A file's identity for the key: its path, size and modification time (or that it is missing)."""
    if not path:
        return ("",)
    try:
        info = os.stat(path)
    except OSError:
        return (str(path), None)
    return (str(path), info.st_size, info.st_mtime_ns)


def _folder_stamps(folder: str | os.PathLike) -> list[tuple]:
    stamps = []
    for top, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        stamps.extend(_stamp(os.path.join(top, name)) for name in sorted(names) if not name.endswith(".pyc"))
    return stamps


def _library_versions() -> list[str]:
    """The installed versions of the libraries the rules use, from the names of their
    ``.dist-info`` folders (importlib.metadata costs a run that has no plugins its import)."""
    found = []
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        found.extend(name for name in names if name.lower().endswith((".dist-info", ".egg-info"))
                     and name.lower().startswith(_LIBRARIES))
    return sorted(found)


def package_stamp() -> str:
    """lawlint's version, its files (an edited checkout is a new lawlint), the libraries and Python."""
    global _package_stamp
    if _package_stamp is None:
        root = Path(__file__).resolve().parent.parent
        _package_stamp = repr((FORMAT, __version__, sys.version, _library_versions(), _folder_stamps(root)))
    return _package_stamp


def _module_file(cls: Any) -> str | None:
    module = sys.modules.get(getattr(cls, "__module__", ""), None)
    return getattr(module, "__file__", None)


def fingerprint(linter: Linter) -> str:
    """What, besides the file, decides the findings ``linter`` makes."""
    rules = [(r.code, r.name, f"{type(r).__module__}.{type(r).__qualname__}", str(r.severity),
              repr(sorted(r.config.items())), _stamp(_module_file(type(r)))) for r in linter.rules]
    plugins = [(i.name, i.distribution, i.version, i.source) for i in linter.plugins.infos]
    plugin_files = sorted(repr(_stamp(getattr(p, "__file__", None) or _module_file(type(p))))
                          for p in linter.plugins.pm.get_plugins())
    kinds = [(name, _stamp(_module_file(kind))) for name, kind in sorted(linter.kinds.items())]
    packs = [(p.name, p.owner, p.version, p.enabled, _folder_stamps(p.folder) if os.path.isdir(str(p.folder)) else ())
             for p in linter.packs]
    profiles = [(name, _stamp(p.source)) for name, p in sorted(linter.profiles.items())]
    key = repr((package_stamp(), repr(linter.config), linter.forced_profile, linter.max_size, rules, plugins,
                plugin_files, kinds, packs, profiles))
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def _key(linter: Linter, path: str, excerpts: bool) -> str:
    value = _fingerprints.get(linter)
    if value is None:
        value = _fingerprints[linter] = fingerprint(linter)
    where = f"{value}\0{os.path.abspath(path)}\0{path}\0{int(excerpts)}"
    return hashlib.sha256(where.encode("utf-8", "surrogatepass")).hexdigest()


def _entry(key: str) -> Path | None:
    folder = cache.directory()
    return folder / f"{_PREFIX}{key[:40]}.json" if folder is not None else None


def lookup(linter: Linter, path: str, data: bytes, excerpts: bool) -> tuple[Path | None, str, FileResult | None]:
    """(where the entry is, its key, the cached result or None)."""
    key = _key(linter, path, excerpts)
    entry = _entry(key)
    text = cache.read_text(entry)
    if text is None:
        return entry, key, None
    try:
        stored = json.loads(text)
        if not (isinstance(stored, dict) and stored.get("version") == FORMAT and stored.get("key") == key
                and stored.get("digest") == cache.digest(data)):
            return entry, key, None
        encoding, fmt, profile = (stored.get(k) for k in ("encoding", "format", "profile"))
        if not all(v is None or isinstance(v, str) for v in (encoding, fmt, profile)):
            return entry, key, None
        findings = [_finding(item) for item in stored["findings"]]
    except (ValueError, KeyError, TypeError, IndexError):
        return entry, key, None
    return entry, key, FileResult(path, findings=findings, encoding=encoding, format=fmt, profile=profile)


def _tuples(value: Any) -> Any:
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _finding(item: Any) -> Finding:
    if not isinstance(item, list) or len(item) != len(Finding._fields):
        raise ValueError("not a finding")
    if not all(isinstance(item[i], str) for i in _STRINGS):
        raise ValueError("not a finding")
    if not all(type(item[i]) is int for i in _NUMBERS):
        raise ValueError("not a finding")
    if item[2] not in ("error", "warning", "info"):
        raise ValueError("not a finding")
    return Finding._make(_tuples(v) for v in item)


def store(entry: Path | None, key: str, data: bytes, result: FileResult) -> None:
    """Keep ``result`` unless the file could not be read or a rule failed on it."""
    if entry is None or result.error or any(INTERNAL_ERROR in f.message for f in result.findings):
        return
    try:
        text = json.dumps({"version": FORMAT, "key": key, "digest": cache.digest(data), "encoding": result.encoding,
                           "format": result.format, "profile": result.profile,
                           "findings": [list(f) for f in result.findings]})
    except (TypeError, ValueError):  # a plugin's finding holding something JSON cannot keep
        return
    cache.write_text(entry, text)
