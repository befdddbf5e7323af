"""Files lawlint derives once from its dependencies' data and keeps between runs.

A run of ``lawlint check`` on one file is what a pre-commit user waits for; work that
depends only on an installed package (jieba's dictionary, OpenCC's tables) is done
on the first run and read back afterwards.  Everything here is a cache: when it
cannot be read or written, the work is simply done again.
"""
from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """``$LAWLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/lawlint`` or ``~/.cache/lawlint``."""
    configured = os.environ.get("LAWLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lawlint"


def read_text(name: str) -> str | None:
    try:
        return (cache_dir() / name).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def write_text(name: str, text: str) -> None:
    """Written under a temporary name and renamed, so a reader never sees half a file."""
    path = cache_dir() / name
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass
