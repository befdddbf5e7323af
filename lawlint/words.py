"""Word segmentation with jieba, loaded on first use and once per process.

Nothing imports jieba until a rule asks for words (``Document.words``).  jieba
itself needs about a second to load its prefix dictionary (it unmarshals a 9 MB
cache into a dict of 500,000 entries), while a report needs the frequencies of a
few thousand fragments.  lawlint therefore keeps the dictionary as an SQLite table
and looks fragments up as jieba asks for them (``_Frequencies``): starting costs
milliseconds, and results are identical.  The table lives in ``$LAWLINT_CACHE_DIR``
(default ``~/.cache/lawlint``) and is built on first use; if it cannot be read or
written, or jieba uses a custom dictionary, jieba's own loading is used.
"""
from __future__ import annotations

import functools
import os
import sys
import threading
from pathlib import Path

from lawlint import cache

_tokenizer = None
_lock = threading.Lock()
_FORMAT = 2


def tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import logging  # jieba imports it too: not at start-up, when jieba may never load

                jieba = _import_jieba()
                jieba.setLogLevel(logging.WARNING)
                tok = jieba.dt
                if not tok.initialized and not _attach_table(tok):
                    tok.initialize()
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


def loaded() -> bool:
    return _tokenizer is not None


def _table_path(tok) -> Path | None:
    """The table for jieba's bundled dictionary (None for a custom dictionary)."""
    import jieba

    if tok.dictionary is not None:
        return None
    return cache.entry(f"jieba-{jieba.__version__}-v{_FORMAT}", Path(jieba.__file__).with_name("dict.txt"), ".sqlite")


class _Frequencies(dict):
    """jieba's ``FREQ`` mapping (word or word prefix → count; prefixes count 0), read from
    the table as jieba asks for fragments; each answer, found or not, is kept."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        self._pid = -1
        self._connection = None
        self.total = self._query("SELECT total FROM meta")

    def _query(self, sql: str, *args) -> int | None:
        import sqlite3

        if self._pid != os.getpid():  # a connection must not cross a fork
            self._connection = sqlite3.connect(f"{self._path.as_uri()}?mode=ro&immutable=1", uri=True,
                                               check_same_thread=False)
            self._pid = os.getpid()
        row = self._connection.execute(sql, args).fetchone()
        return None if row is None else row[0]

    def __missing__(self, word: str) -> int | None:
        count = self[word] = self._query("SELECT n FROM freq WHERE word = ?", word)
        return count

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self[word] is not None

    def get(self, word, default=None):
        count = self[word] if isinstance(word, str) else None
        return default if count is None else count


def _attach_table(tok) -> bool:
    try:
        path = _table_path(tok)
        if path is None or not path.is_file():
            return False
        freq = _Frequencies(path)
        if not isinstance(freq.total, int) or freq.total <= 0:
            return False
    except Exception:  # sqlite3 missing or a damaged table: jieba's own loading still works
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
    if path is not None:
        cache.publish(path, functools.partial(_write_table, tok))


def _write_table(tok, path: Path) -> None:
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
