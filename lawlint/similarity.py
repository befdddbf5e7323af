"""Comparing sentences and clauses without comparing every pair.

``normalise`` removes what does not change meaning (punctuation, blanks,
full-width forms).  ``first_similar`` finds, for each text, an earlier one that a
``confirm`` function accepts, looking only at texts that share a winnowing
fingerprint (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for
document fingerprinting", 2003 — the method behind MOSS): the smallest
``GRAM``-character substring of every window of ``window`` consecutive ones.  Two
texts that share a run of ``GRAM + window - 1`` characters are guaranteed to share
a fingerprint, so a restatement with a long common run is never missed, and a
long document costs about n·log n, not n².
"""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Sequence

_NOT_WORD = re.compile(r"[\W_]+")

GRAM = 6
# Bounds on the work per text, earliest candidates first: only very formulaic text has
# more, and a long document must still take seconds.  A fingerprint already shared by
# MAX_CANDIDATES texts is not indexed any further (as a search engine drops stop words).
MAX_CANDIDATES = 64
MAX_CONFIRMS = 16


def normalise(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text)).lower()


def normalised(doc, segment) -> str:
    """``normalise(segment.text)``, computed once per document and shared by the rules."""
    memo = doc.cache.setdefault("normalised", {})
    key = id(segment)
    if key not in memo:
        memo[key] = normalise(segment.text)
    return memo[key]


def shares_run(a: str, b: str, length: int) -> bool:
    """Do ``a`` and ``b`` have a common substring of at least ``length`` characters?"""
    if len(a) > len(b):
        a, b = b, a
    return any(a[k:k + length] in b for k in range(len(a) - length + 1))


def fingerprints(text: str, window: int) -> set[str]:
    """The lexicographically smallest ``GRAM``-gram of each window (deterministic across runs)."""
    grams = [text[i:i + GRAM] for i in range(len(text) - GRAM + 1)] or [text]
    if len(grams) <= window:
        return {min(grams)}
    return {min(grams[i:i + window]) for i in range(len(grams) - window + 1)}


def first_similar(texts: Sequence[str], run: int,
                  confirm: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """For each text ``j``, the earliest ``i < j`` sharing a fingerprint that ``confirm(i, j)``
    accepts; returns the pairs ``(i, j)``.  Every pair with a common run of ``run``
    characters is a candidate.  A text matched to an earlier one is not indexed itself:
    a cluster of near-copies is compared with its first member.
    """
    window = max(1, run - GRAM + 1)
    index: dict[str, list[int]] = {}
    pairs = []
    for j, text in enumerate(texts):
        prints = fingerprints(text, window)
        candidates = sorted({i for fp in prints for i in index.get(fp, ())})
        for attempt, i in enumerate(candidates[:MAX_CANDIDATES]):
            if attempt == MAX_CONFIRMS:
                break
            if confirm(i, j):
                pairs.append((i, j))
                break
        else:  # neither matched nor crowded by candidates: j may be the first of its kind
            for fp in prints:
                postings = index.setdefault(fp, [])
                if len(postings) < MAX_CANDIDATES:
                    postings.append(j)
    return pairs
