"""Files lawlint derives once from its dependencies' data and keeps between runs.

A run of ``lawlint check`` on one file is what a pre-commit user waits for; work that
depends only on an installed package (jieba's dictionary, OpenCC's tables) is done
on the first run and read back afterwards.  Everything here is a cache: when it
cannot be read, written or trusted, the work is simply done again, and the findings
are the same.

What is trusted: a folder of the user's own (``directory``), created 0700 and refused
when someone else owns it or others may write to it; in it, regular files owned by the
user that nobody else may write to, each opening with a header that names its format
version and holds the SHA-256 and length of what follows (``read``/``write``).  A file
failing any of this is ignored and written again.  Nothing is ever read from a
shared temporary folder.
"""
from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import Callable

FORMAT = 1  # of the header below; a file of another format is rebuilt
_MAGIC = b"LAWLINT-CACHE"
_MAX_BYTES = 64 << 20  # a cache entry larger than this is not one of lawlint's


def cache_dir() -> Path | None:
    """``$LAWLINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/lawlint`` or ``~/.cache/lawlint``; None
    when there is no home to find (no HOME and no passwd entry: a container's arbitrary uid)."""
    configured = os.environ.get("LAWLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = Path.home() / ".cache"
        except (RuntimeError, KeyError, OSError):
            return None
    return Path(base) / "lawlint"


def _uid() -> int | None:
    """The user's id, or None where files have no owner to check (Windows)."""
    getuid = getattr(os, "geteuid", None)
    return getuid() if getuid is not None else None


def trusted_file(info: os.stat_result) -> bool:
    """A regular file of the user's that nobody else may write to."""
    return stat.S_ISREG(info.st_mode) and _trusted(info)


def _trusted(info: os.stat_result) -> bool:
    """Owned by the user, and nobody else may write to it."""
    uid = _uid()
    if uid is None:
        return True
    return info.st_uid == uid and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def directory() -> Path | None:
    """The cache folder, created (0700) if missing; None when it cannot be had or trusted:
    owned by someone else, writable by others, or not a folder."""
    folder = cache_dir()
    if folder is None:
        return None  # no cache: everything is computed each run
    try:
        try:
            info = os.stat(folder)
        except FileNotFoundError:
            folder.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.mkdir(folder, 0o700)
            except FileExistsError:  # another lawlint made it meanwhile: checked below
                pass
            info = os.stat(folder)
        if not stat.S_ISDIR(info.st_mode) or not _trusted(info):
            return None
        if _uid() is not None and stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(folder, 0o700)  # ours and not writable by others: readable by nobody else either
    except OSError:
        return None
    return folder


def entry(kind: str, source: str | Path, suffix: str) -> Path | None:
    """Where ``kind`` derived from the file ``source`` is kept (None: no usable cache folder):
    named after the source's size and modification time, so that an upgraded package gets
    a new entry."""
    folder = directory()
    if folder is None:
        return None
    info = os.stat(source)
    return folder / f"{kind}-{info.st_size}-{info.st_mtime_ns}{suffix}"


def read_raw(path: Path, limit: int = _MAX_BYTES) -> bytes | None:
    """The bytes of ``path`` if it is a regular file (not a link) that the user owns and
    nobody else may write to, and no larger than ``limit``; else None."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _trusted(info) or info.st_size > limit:
            return None
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(fd)


def _header(payload: bytes) -> bytes:
    return b"%s %d %s %d\n" % (_MAGIC, FORMAT, hashlib.sha256(payload).hexdigest().encode(), len(payload))


def read(path: Path | None) -> bytes | None:
    """What ``write`` stored at ``path``, or None when the file is missing, untrusted, of
    another format, or does not match its checksum."""
    data = read_raw(path) if path is not None else None
    if data is None:
        return None
    header, newline, payload = data.partition(b"\n")
    if not newline or header + newline != _header(payload):
        return None
    return payload


def read_text(path: Path | None) -> str | None:
    data = read(path)
    try:
        return data.decode("utf-8") if data is not None else None
    except UnicodeDecodeError:
        return None


def write(path: Path | None, payload: bytes) -> None:
    """Store ``payload`` at ``path`` with a header (format, checksum, length)."""
    if path is not None:
        publish(path, lambda partial: _write_new(partial, _header(payload) + payload))


def write_text(path: Path | None, text: str) -> None:
    write(path, text.encode("utf-8"))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def publish(path: Path, write: Callable[[Path], None]) -> None:
    """``write`` the entry under a temporary name in the (trusted) cache folder, then rename
    it: a reader never sees half a file.  Any failure just leaves no entry."""
    if path.parent != directory():
        return
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        partial.unlink(missing_ok=True)
        write(partial)
        os.chmod(partial, 0o600)
        os.replace(partial, path)
    except Exception:  # no cache, no harm
        try:
            partial.unlink(missing_ok=True)
        except OSError:
            pass

