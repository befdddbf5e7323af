"""Comparing sentences and clauses without comparing every pair.

``normalise`` removes what does not change meaning (punctuation, blanks,
full-width forms).  ``similar_pairs`` finds the pairs whose character-bigram sets
have a Jaccard similarity of at least ``threshold`` using prefix filtering
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
from typing import Sequence

_NOT_WORD = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text)).lower()


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def similar_pairs(texts: Sequence[str], threshold: float) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, jaccard)`` with ``i < j`` and bigram Jaccard ≥ ``threshold``."""
    sets = [bigrams(t) for t in texts]
    frequency = Counter(token for s in sets for token in s)
    index: dict[str, list[int]] = defaultdict(list)
    pairs = []
    for j, tokens in enumerate(sets):
        size = len(tokens)
        ordered = sorted(tokens, key=lambda tok: (frequency[tok], tok))
        prefix = ordered[:size - math.ceil(threshold * size) + 1]
        candidates = set()
        for token in prefix:
            candidates.update(index[token])
        for i in candidates:
            other = sets[i]
            if not threshold * size <= len(other) <= size / threshold:
                continue
            score = len(tokens & other) / len(tokens | other)
            if score >= threshold:
                pairs.append((i, j, score))
        for token in prefix:
            index[token].append(j)
    pairs.sort()
    return pairs
