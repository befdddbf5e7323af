"""Word segmentation with jieba, loaded on first use and once per process.

jieba needs about a second to load its dictionary, so nothing imports it until a
rule actually asks for words (``Document.words``); documents cache the results.
"""
from __future__ import annotations

import logging
import threading

_tokenizer = None
_lock = threading.Lock()


def tokenizer():
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _tokenizer = jieba.dt
    return _tokenizer


def cut(text: str) -> tuple[str, ...]:
    """jieba's precise-mode words of ``text``, without blank tokens."""
    return tuple(w for w in tokenizer().cut(text, HMM=True) if not w.isspace())


def loaded() -> bool:
    return _tokenizer is not None
