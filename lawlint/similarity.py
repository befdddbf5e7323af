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
from collections import Counter
from typing import Callable, Sequence

_NOT_WORD = re.compile(r"[\W_]+")

GRAM = 10
# Bounds on the work per text, earliest candidates first: only very formulaic text has
# more, and a long document must still take seconds.  A fingerprint already shared by
# MAX_CANDIDATES texts is not indexed any further (as a search engine drops stop words).
MAX_CANDIDATES = 64
MAX_CONFIRMS = 16


def normalise(text: str) -> str:
    text = _NOT_WORD.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):  # full-width letters and digits
        text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text))
    return text.lower()


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


def character_overlap(doc, a: str, b: str) -> float:
    """Multiset ratio 2·|a ∩ b| / (|a| + |b|) of the characters (difflib's ``quick_ratio``)."""
    memo = doc.cache.setdefault("characters", {})
    ca = memo.get(a) or memo.setdefault(a, Counter(a))
    cb = memo.get(b) or memo.setdefault(b, Counter(b))
    if len(ca) > len(cb):
        ca, cb = cb, ca
    common = sum(min(n, cb[ch]) for ch, n in ca.items() if ch in cb)
    return 2 * common / (len(a) + len(b))


def fingerprints(text: str, window: int) -> set[str]:
    """The lexicographically smallest ``GRAM``-gram of each window (deterministic across runs)."""
    grams = [text[i:i + GRAM] for i in range(len(text) - GRAM + 1)] or [text]
    if len(grams) <= window:
        return {min(grams)}
    if window == 1:
        return set(grams)
    return set(map(min, zip(*(grams[k:] for k in range(window)))))


def first_similar(texts: Sequence[str], run: int,
                  confirm: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """For each text ``j``, the earliest ``i < j`` sharing a fingerprint that ``confirm(i, j)``
    accepts; returns the pairs ``(i, j)``.  Every pair with a common run of ``run``
    characters is a candidate.  A text matched to an earlier one is not indexed itself:
    a cluster of near-copies is compared with its first member.
    """
    window = max(1, run - GRAM + 1)
    prints = [fingerprints(text, window) for text in texts]
    seen = Counter(fp for fps in prints for fp in fps)
    index: dict[str, list[int]] = {}
    pairs = []
    for j, fps in enumerate(prints):
        shared = [fp for fp in fps if seen[fp] > 1]
        if not shared:
            continue  # nothing else in the document has any of its fingerprints
        candidates = sorted({i for fp in shared for i in index.get(fp, ())})
        for attempt, i in enumerate(candidates[:MAX_CANDIDATES]):
            if attempt == MAX_CONFIRMS:
                break
            if confirm(i, j):
                pairs.append((i, j))
                break
        else:  # neither matched nor crowded by candidates: j may be the first of its kind
            for fp in shared:
                postings = index.setdefault(fp, [])
                if len(postings) < MAX_CANDIDATES:
                    postings.append(j)
    return pairs
