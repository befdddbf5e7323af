"""Files lawlint derives once from its dependencies' data and keeps between runs.

A run of ``lawlint check`` on one file is what a pre-commit user waits for; work that
depends only on an installed package (jieba's dictionary, OpenCC's tables) is done
on the first run and read back afterwards.  Everything here is a cache: when it
cannot be read or written, the work is simply done again.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable


def cache_dir() -> Path:
    """``$LAWLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/lawlint`` or ``~/.cache/lawlint``."""
    configured = os.environ.get("LAWLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lawlint"


def entry(kind: str, source: str | Path, suffix: str) -> Path:
    """Where ``kind`` derived from the file ``source`` is kept: named after the source's
    size and modification time, so that an upgraded package gets a new entry."""
    stat = os.stat(source)
    return cache_dir() / f"{kind}-{stat.st_size}-{stat.st_mtime_ns}{suffix}"


def read_text(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_text(path: Path, text: str) -> None:
    publish(path, lambda partial: partial.write_text(text, encoding="utf-8"))


def publish(path: Path, write: Callable[[Path], None]) -> None:
    """``write`` the entry under a temporary name, then rename it: a reader never sees
    half a file.  Any failure just leaves no entry."""
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        write(partial)
        os.replace(partial, path)
    except Exception:  # no cache, no harm
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass
