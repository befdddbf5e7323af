"""Comparing sentences and clauses without comparing every pair.

``normalise`` removes what does not change meaning (punctuation, blanks,
full-width forms).  ``first_similar`` finds, for each text, an earlier one whose
character-bigram set has a Jaccard similarity of at least ``threshold``, using prefix filtering
(Bayardo et al., "Scaling up all pairs similarity search", 2007): tokens are
ordered from rare to frequent, and two sets can only reach the threshold if they
share a token among the first |x| - ⌈t·|x|⌉ + 1 of each.  Only those prefixes are
indexed, so a long document costs about n·log n, not n².
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Callable, Sequence

_NOT_WORD = re.compile(r"[\W_]+")
REPRESENTED = 0.8
# Bounds on the work per text, earliest candidates first: only very formulaic text
# has more, and a long document must still take seconds.
MAX_CANDIDATES = 64
MAX_CONFIRMS = 16


def normalise(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text)).lower()


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def shares_run(a: str, b: str, length: int) -> bool:
    """Do ``a`` and ``b`` have a common substring of at least ``length`` characters?"""
    if len(a) > len(b):
        a, b = b, a
    return any(a[k:k + length] in b for k in range(len(a) - length + 1))


def first_similar(texts: Sequence[str], threshold: float,
                  confirm: Callable[[int, int], bool] = lambda i, j: True) -> list[tuple[int, int]]:
    """For each text ``j``, the earliest ``i < j`` whose bigram Jaccard reaches ``threshold``
    and that ``confirm(i, j)`` accepts; returns the pairs ``(i, j)``.

    A text matched to an earlier one, or almost identical to one (bigram Jaccard ≥
    ``REPRESENTED``), is not indexed itself: a cluster of near-copies is compared with
    its first member only, so the work stays linear in the cluster's size.
    """
    sets = [bigrams(t) for t in texts]
    frequency = Counter(token for s in sets for token in s)
    index: dict[str, list[int]] = defaultdict(list)
    pairs = []
    for j, tokens in enumerate(sets):
        size = len(tokens)
        ordered = sorted(tokens, key=lambda tok: (frequency[tok], tok))
        prefix = ordered[:size - math.ceil(threshold * size) + 1]
        candidates = sorted({i for token in prefix for i in index[token]})
        closest, attempts, examined = 0.0, 0, 0
        for i in candidates:
            other = sets[i]
            if not threshold * size <= len(other) <= size / threshold:
                continue
            examined += 1
            if examined > MAX_CANDIDATES:
                break
            score = len(tokens & other) / len(tokens | other)
            if score >= threshold:
                if confirm(i, j):
                    pairs.append((i, j))
                    break
                closest = max(closest, score)
                attempts += 1
                if attempts == MAX_CONFIRMS:
                    break
        if not pairs or pairs[-1][1] != j:
            if closest < REPRESENTED:
                for token in prefix:
                    index[token].append(j)
    return pairs
