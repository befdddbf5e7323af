"""Word segmentation with jieba, loaded on first use and once per process.

Nothing imports jieba until a rule asks for words (``Document.words``).  jieba
itself needs about a second to load its prefix dictionary (it unmarshals a 9 MB
cache); lawlint keeps its own copy as a plain list of words plus an array of
counts, which loads in a third of that time and cannot execute code if tampered
with.  The copy lives in ``$LAWLINT_CACHE_DIR`` (default ``~/.cache/lawlint``); if
it cannot be read or written, jieba's own loading is used.
"""
from __future__ import annotations

import array
import functools
import logging
import os
import threading
from pathlib import Path

_tokenizer = None
_lock = threading.Lock()
_FORMAT = 1


def tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tok = jieba.dt
                if not _load_copy(tok):
                    tok.initialize()
                    _save_copy(tok)
                _tokenizer = tok
    return _tokenizer


@functools.lru_cache(maxsize=65536)
def cut(text: str) -> tuple[str, ...]:
    """jieba's precise-mode words of ``text``, without blank tokens (formulaic phrases recur
    across documents, so results are kept for the process)."""
    return tuple(w for w in tokenizer().cut(text, HMM=True) if not w.isspace())


@functools.lru_cache(maxsize=65536)
def tokens(text: str) -> tuple[tuple[str, int, int], ...]:
    """jieba's words of ``text`` with their offsets, blanks left out."""
    return tuple((w, start, end) for w, start, end in tokenizer().tokenize(text, HMM=True) if not w.isspace())


def loaded() -> bool:
    return _tokenizer is not None


def cache_dir() -> Path:
    configured = os.environ.get("LAWLINT_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "lawlint"


def _copy_stem(tok) -> Path | None:
    """Name of the copy for jieba's bundled dictionary (None for a user dictionary)."""
    import jieba

    if tok.dictionary is not None:
        return None
    source = Path(jieba.__file__).with_name("dict.txt")
    stat = source.stat()
    return cache_dir() / f"jieba-{jieba.__version__}-{stat.st_size}-{stat.st_mtime_ns}-v{_FORMAT}"


def _file(stem: Path, kind: str) -> Path:
    return stem.with_name(f"{stem.name}.{kind}")


def _load_copy(tok) -> bool:
    try:
        stem = _copy_stem(tok)
        if stem is None:
            return False
        words = _file(stem, "words").read_text(encoding="utf-8").split("\n")
        counts = array.array("q")
        counts.frombytes(_file(stem, "counts").read_bytes())
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    if len(counts) != len(words) + 1:
        return False
    tok.FREQ = dict(zip(words, counts[1:]))
    tok.total = counts[0]
    tok.initialized = True
    return True


def _save_copy(tok) -> None:
    try:
        stem = _copy_stem(tok)
        if stem is None or "\n" in "".join(tok.FREQ):
            return
        stem.parent.mkdir(parents=True, exist_ok=True)
        words = list(tok.FREQ)
        counts = array.array("q", [tok.total, *(tok.FREQ[w] for w in words)])
        for kind, payload in (("words", "\n".join(words).encode("utf-8")), ("counts", counts.tobytes())):
            partial = _file(stem, f"{kind}.{os.getpid()}.tmp")
            partial.write_bytes(payload)
            os.replace(partial, _file(stem, kind))
    except OSError:
        pass
