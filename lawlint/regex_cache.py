"""Compiled regular expressions kept between runs of the ``lawlint`` command.

CPython's ``re`` compiles a pattern in Python code, and a character class holding the
Han ranges costs it 1–3 ms (it visits every code point of a range).  The ~300
patterns a run uses took about two fifths of a one-file ``lawlint check``.  What the
compiler produces is a list of integers (the SRE code) that ``re`` hands to
``_sre.compile``; the command keeps those lists in lawlint's cache (``lawlint.cache``)
and rebuilds the patterns from them on later runs.

Safeguards: an entry is stored only when the pattern rebuilt from it equals the one
``re`` compiled (``Pattern.__eq__`` compares the flags, the pattern and the code) and
has the same groups; the file is named after the interpreter build and the SRE
version, so no other Python reads it; a file that cannot be read, or an entry that
``_sre.compile`` rejects, is ignored and the pattern compiled as usual.  Only the
command installs it (``lawlint.command``): importing lawlint as a library leaves
``re`` as it is.
"""
from __future__ import annotations

import atexit
import marshal
import re
import sys
import zlib
from pathlib import Path
from typing import Any, Callable

import _sre

from lawlint import cache

try:
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

MAX_ENTRIES = 5_000  # patterns built from changing data must not grow the file for ever
_NOT_KEPT = re.DEBUG | re.LOCALE  # DEBUG prints while compiling; LOCALE code depends on the locale

_installed: Store | None = None


def path() -> Path:
    build = format(zlib.crc32(sys.version.encode()), "08x")
    return cache.cache_dir() / f"regex-{sys.implementation.cache_tag}-{_sre.MAGIC}-{build}.marshal"


class Store:
    """The cached compilations, served in place of ``compile`` (``re``'s own compiler)."""

    def __init__(self, file: Path, compile: Callable[..., re.Pattern]) -> None:
        self.file = file
        self.compile_uncached = compile
        self.entries: dict[tuple[Any, int], tuple] = _read(file)
        self.added = 0

    def compile(self, pattern: Any, flags: int = 0) -> re.Pattern:
        if not isinstance(pattern, (str, bytes)) or flags & _NOT_KEPT:
            return self.compile_uncached(pattern, flags)
        key = (pattern, int(flags))
        entry = self.entries.get(key)
        if entry is not None:
            try:
                return _sre.compile(pattern, *entry)
            except Exception:  # a damaged entry: compile as usual and store it again
                del self.entries[key]
        compiled = self.compile_uncached(pattern, flags)
        if len(self.entries) < MAX_ENTRIES:
            entry = _entry(pattern, int(flags), compiled)
            if entry is not None:
                self.entries[key] = entry
                self.added += 1
        return compiled

    def save(self) -> None:
        """Write the file again if this run compiled patterns it did not hold."""
        if self.added:
            self.added = 0
            try:
                data = marshal.dumps(self.entries)
            except ValueError:  # runs at exit: a cache that cannot be written is simply not kept
                return
            cache.publish(self.file, lambda partial: partial.write_bytes(data))


def _read(file: Path) -> dict:
    try:
        entries = marshal.loads(file.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


def _entry(pattern: Any, flags: int, compiled: re.Pattern) -> tuple | None:
    """What ``_sre.compile`` needs besides the pattern, computed as ``re``'s compiler does,
    or None unless the pattern rebuilt from it equals ``compiled``."""
    try:
        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        rebuilt = _sre.compile(pattern, *entry)
    except Exception:  # another interpreter's internals: this pattern is not kept
        return None
    if rebuilt != compiled or rebuilt.groups != compiled.groups or rebuilt.groupindex != compiled.groupindex:
        return None
    return entry


def install() -> Store | None:
    """Serve ``re``'s compilations from the cache for the rest of this process, and save
    what it added when the process exits.  CPython only; a second call does nothing."""
    global _installed
    if _installed is None and sys.implementation.name == "cpython" and sys.implementation.cache_tag:
        _installed = Store(path(), _compiler.compile)
        _compiler.compile = _installed.compile
        atexit.register(_installed.save)
    return _installed
