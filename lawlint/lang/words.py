"""Word segmentation with jieba, loaded on first use and once per process.

Nothing imports jieba until a rule asks for words (``Document.words``).  jieba
itself needs about a second to load its prefix dictionary (it unmarshals a 9 MB
cache into a dict of 500,000 entries), while a report needs the frequencies of a
few thousand fragments.  lawlint therefore keeps the dictionary as an SQLite table
and looks fragments up as jieba asks for them (``_Frequencies``): starting costs
milliseconds, and results are identical.  The table lives in lawlint's private cache
folder (``lawlint.engine.cache``: ``$LAWLINT_CACHE_DIR``, default ``~/.cache/lawlint``) beside a
checksum of it, and is built on first use; a table that is missing, untrusted, does not
match its checksum or does not hold exactly the two tables written is built again, and
a lookup that fails or runs long loads the whole dictionary instead.

jieba's own cache (``jieba.cache`` in the shared temporary folder, which any user can
plant) is never read: when the table cannot be used, lawlint builds the prefix
dictionary from jieba's ``dict.txt`` itself.
"""
from __future__ import annotations

import functools
import os
import sys
import threading
from pathlib import Path

from lawlint.engine import cache, speedups

_tokenizer = None
_lock = threading.Lock()
_FORMAT = 3
_SCHEMA = {("table", "freq"), ("table", "meta")}
_MAX_STEPS = 100_000  # SQLite steps a lookup may take (a point lookup takes a few dozen)
_TICK = 1_000  # SQLite steps between two calls of the progress handler


def tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import logging  # jieba imports it too: not at start-up, when jieba may never load

                jieba = _import_jieba()
                jieba.setLogLevel(logging.WARNING)
                tok = jieba.dt
                if not tok.initialized and not (speedups.ENABLED and _attach_table(tok)):
                    _load_dictionary(tok)
                    if speedups.ENABLED:
                        _save_table(tok)
                _tokenizer = tok
    return _tokenizer


def _import_jieba():
    """jieba imports the deprecated ``pkg_resources`` (0.1 s) only to open its own data
    files, and opens them directly when that import fails."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes the import fail
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def _dictionary(tok) -> tuple[dict, int]:
    """jieba's prefix dictionary and total, built from the dictionary file as
    ``Tokenizer.initialize`` does, without its cache in the temporary folder."""
    with tok.lock:
        return tok.gen_pfdict(tok.get_dict_file())


def _load_dictionary(tok) -> None:
    tok.FREQ, tok.total = _dictionary(tok)
    tok.initialized = True


@functools.lru_cache(maxsize=65536)
def cut(text: str) -> tuple[str, ...]:
    """jieba's precise-mode words of ``text``, without blank tokens (formulaic phrases recur
    across documents, so results are kept for the process)."""
    return tuple(w for w in tokenizer().cut(text, HMM=True) if not w.isspace())


@functools.lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """jieba's words of ``text`` with their offsets, blanks left out."""
    return tuple((w, start, end) for w, start, end in tokenizer().tokenize(text, HMM=True) if not w.isspace())


def is_word(text: str) -> bool:
    """Is ``text`` an entry of jieba's dictionary (not only the beginning of one)?"""
    return bool(tokenizer().FREQ.get(text))


def _table_path(tok) -> Path | None:
    """The table for jieba's bundled dictionary (None for a custom dictionary or no cache)."""
    import jieba

    if tok.dictionary is not None:
        return None
    return cache.entry(f"jieba-{jieba.__version__}-v{_FORMAT}", Path(jieba.__file__).with_name("dict.txt"), ".sqlite")


def _checksum_path(table: Path) -> Path:
    return table.with_name(table.name + ".sum")


def _fingerprint(info: os.stat_result) -> str:
    """What identifies one version of a file: written again, copied or touched, it changes
    (the ctime cannot be set back)."""
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino} {info.st_ctime_ns}"


def _open_table(path: Path):
    """A read-only connection to the table at ``path``, or None unless it holds exactly the
    tables ``_write_table`` makes and its bytes match the SHA-256 kept beside it.  Hashing
    9 MB costs more than a whole lint, so the checksum file also records the table's
    fingerprint (size, times, inode) when it was last verified: a table with that same
    fingerprint is the very file verified, and is not read again."""
    import sqlite3

    kept = cache.read_text(_checksum_path(path))
    if kept is None or kept.count(" ") != 5:
        return None
    digest, size, fingerprint = kept.split(" ", 2)
    try:
        info = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    if not cache.trusted_file(info) or str(info.st_size) != size:
        return None
    if _fingerprint(info) != fingerprint:
        data = cache.read_raw(path)
        if data is None or cache.digest(data) != digest or str(len(data)) != size:
            return None
        cache.write_text(_checksum_path(path), f"{digest} {size} {_fingerprint(os.stat(path))}")
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    connection.set_progress_handler(lambda: 1, _MAX_STEPS)  # a lookup that runs long is stopped
    try:
        schema = {(kind, name) for kind, name in connection.execute("SELECT type, name FROM sqlite_master")}
    except sqlite3.Error:
        schema = None
    if schema != _SCHEMA:
        connection.close()
        return None
    return connection


class _Frequencies(dict):
    """jieba's ``FREQ`` mapping (word or word prefix → count; prefixes count 0), read from
    the table as jieba asks for fragments; each answer, found or not, is kept.  If a
    lookup fails, the whole dictionary is loaded (``complete``) and answers from then on."""

    def __init__(self, path: Path, connection, tok) -> None:
        super().__init__()
        self._path = path
        self._pid = os.getpid()
        self._connection = connection
        self._tok = tok
        self._complete = False
        self._ticks = 0
        connection.set_progress_handler(self._tick, _TICK)
        self.total = self._query("SELECT total FROM meta")

    def _tick(self) -> bool:
        """SQLite's progress handler: stops the lookup under way (returns True) once it
        has taken ``_MAX_STEPS``.  SQLite counts a cached statement's steps over all its
        runs, so a handler called every ``_MAX_STEPS`` would stop a quick lookup once a
        few thousand had been made; the steps are counted here, lookup by lookup."""
        self._ticks += 1
        return self._ticks > _MAX_STEPS // _TICK

    def _query(self, sql: str, *args) -> int | None:
        if self._pid != os.getpid():  # a connection must not cross a fork
            self._connection = _open_table(self._path)
            self._pid = os.getpid()
            if self._connection is None:
                raise OSError("the table changed")
            self._connection.set_progress_handler(self._tick, _TICK)
        self._ticks = 0
        row = self._connection.execute(sql, args).fetchone()
        return None if row is None else row[0]

    def __missing__(self, word: str) -> int | None:
        if self._complete:
            return None
        try:
            count = self._query("SELECT n FROM freq WHERE word = ?", word)
            if count is not None and (not isinstance(count, int) or count < 0):
                raise ValueError(f"frequency {count!r}")
        except Exception:  # a table gone wrong: what it answered so far was checked, the rest comes from jieba
            self._load_all()
            return dict.get(self, word)
        self[word] = count
        return count

    def _load_all(self) -> None:
        freq, total = _dictionary(self._tok)
        self.update(freq)
        self.total = self._tok.total = total
        self._complete = True

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self[word] is not None

    def get(self, word, default=None):
        count = self[word] if isinstance(word, str) else None
        return default if count is None else count


def _attach_table(tok) -> bool:
    try:
        path = _table_path(tok)
        connection = _open_table(path) if path is not None else None
        if connection is None:
            return False
        freq = _Frequencies(path, connection, tok)
        if not isinstance(freq.total, int) or freq.total <= 0:
            return False
    except Exception:  # sqlite3 missing or a damaged table: the dictionary is loaded instead
        return False
    tok.FREQ = freq
    tok.total = freq.total
    tok.initialized = True
    return True


def _save_table(tok) -> None:
    try:
        path = _table_path(tok)
    except OSError:
        return
    if path is None:
        return
    written: list[str] = []
    cache.publish(path, functools.partial(_write_table, tok, written))
    if written:
        try:
            fingerprint = _fingerprint(os.stat(path, follow_symlinks=False))
        except OSError:
            return
        cache.write_text(_checksum_path(path), f"{written[0]} {fingerprint}")


def _write_table(tok, written: list[str], path: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
        connection.executemany("INSERT INTO freq VALUES (?, ?)", tok.FREQ.items())
        connection.execute("CREATE TABLE meta (total INTEGER NOT NULL)")
        connection.execute("INSERT INTO meta VALUES (?)", (tok.total,))
        connection.commit()
    finally:
        connection.close()
    data = path.read_bytes()
    written.append(f"{cache.digest(data)} {len(data)}")
