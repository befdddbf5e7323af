"""Comparing sentences and clauses without comparing every pair.

``normalise`` removes what does not change meaning (punctuation, blanks,
full-width forms).  ``first_similar`` finds, for each text, an earlier one that a
``confirm`` function accepts, looking only at texts that share a winnowing
fingerprint (Schleimer, Wilkerson and Aiken, "Winnowing: local algorithms for
document fingerprinting", 2003 — the method behind MOSS): the smallest
``GRAM``-character substring of every window of ``window`` consecutive ones.  Two
texts that share a run of ``GRAM + window - 1`` characters are guaranteed to share
a fingerprint (``Fingerprinter``), so a restatement with a long common run is never missed, and a
long document costs about n·log n, not n².
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from itertools import chain
from typing import Callable, Sequence

_NOT_WORD = re.compile(r"[\W_]+")
_NOT_WORD_OR_SEPARATOR = re.compile(r"[^\w\x00]+|_+")

GRAM = 12  # with the default run of 12 characters every gram is a fingerprint: hashing them
# all costs less than choosing window minima, and only longer runs are winnowed
# Bounds on the work per text, the candidates sharing most text first: only very
# formulaic text has more, and a long document must still take seconds.  A fingerprint already shared by
# MAX_CANDIDATES texts is not indexed any further (as a search engine drops stop words).
MAX_CANDIDATES = 64
MAX_CONFIRMS = 8


def normalise(text: str) -> str:
    text = _NOT_WORD.sub("", text)
    if not unicodedata.is_normalized("NFKC", text):  # full-width letters and digits
        text = _NOT_WORD.sub("", unicodedata.normalize("NFKC", text))
    return text.lower()


def normalise_all(texts: Sequence[str]) -> list[str]:
    """``normalise`` of every text, in three C-level passes over the texts joined."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):
        return [normalise(t) for t in texts]  # a text holding the separator itself
    cleaned = _NOT_WORD_OR_SEPARATOR.sub("", joined)
    if not unicodedata.is_normalized("NFKC", cleaned):
        return [normalise(t) for t in texts]
    return cleaned.lower().split("\x00") if texts else []


def normalised(doc, segment) -> str:
    """``normalise(segment.text)``, computed once per document for all its sentences and
    clauses, and shared by the rules."""
    memo = doc.cache.get("normalised")
    if memo is None:
        segments = [*doc.sentences, *doc.clauses]
        memo = doc.cache["normalised"] = dict(zip(map(id, segments), normalise_all([s.text for s in segments])))
    key = id(segment)
    if key not in memo:
        memo[key] = normalise(segment.text)
    return memo[key]


def shares_run(a: str, b: str, length: int) -> bool:
    """Do ``a`` and ``b`` have a common substring of at least ``length`` characters?"""
    if len(a) > len(b):
        a, b = b, a
    return any(a[k:k + length] in b for k in range(len(a) - length + 1))


def character_overlap_bound(doc, a: str, b: str) -> float:
    """An upper bound of ``character_overlap``, from the sets of distinct characters:
    each character of ``a`` missing from ``b`` leaves at least one occurrence unmatched."""
    memo = doc.cache.setdefault("character_sets", {})
    sa = memo.get(a) or memo.setdefault(a, frozenset(a))
    sb = memo.get(b) or memo.setdefault(b, frozenset(b))
    matched = min(len(a) - len(sa - sb), len(b) - len(sb - sa))
    return 2 * matched / (len(a) + len(b))


def character_overlap(doc, a: str, b: str) -> float:
    """Multiset ratio 2·|a ∩ b| / (|a| + |b|) of the characters (difflib's ``quick_ratio``).

    Each text becomes the set of its (character, k-th occurrence) pairs, once per
    document: the size of a set intersection (C speed) is then the multiset overlap.
    """
    memo = doc.cache.setdefault("occurrences", {})
    sa = memo.get(a) or memo.setdefault(a, _occurrences(a))
    sb = memo.get(b) or memo.setdefault(b, _occurrences(b))
    return 2 * len(sa & sb) / (len(a) + len(b))


def _occurrences(text: str) -> frozenset[int]:
    """The (character, k-th occurrence) pairs, as integers (cheaper to hash than tuples)."""
    return frozenset(ord(ch) + k * 0x110000 for ch, n in Counter(text).items() for k in range(n))


_CHUNK = 200_000  # characters fingerprinted at once: bounds the transient list of grams


class Fingerprinter:
    """Winnowing fingerprints for texts sharing runs of ``run`` characters, and for any
    piece of a text already fingerprinted (a clause of a sentence) without computing
    them again: a window lying inside the piece lies inside the text.

    The smallest gram of a window is chosen by its characters, so the choice does not
    depend on the process's hash seed; only its hash is kept, to save memory on long
    documents.  Texts are processed joined in large chunks: two passes of C-level list
    building instead of a few Python calls per text.
    """

    def __init__(self, run: int) -> None:
        self.run = run
        self.gram = min(GRAM, run)
        self.window = run - self.gram + 1
        self._minima: dict[str, list[int]] = {}

    def add(self, texts: Sequence[str]) -> None:
        chunk: list[str] = []
        size = 0
        for text in texts:
            if text in self._minima:
                continue
            self._minima[text] = []  # a placeholder keeps duplicates out of the chunk
            chunk.append(text)
            size += len(text) + 1
            if size >= _CHUNK:
                self._add_chunk(chunk)
                chunk, size = [], 0
        self._add_chunk(chunk)

    def of(self, text: str, within: str | None = None) -> set[int]:
        """The fingerprints of ``text``, read off those of ``within`` if it contains it."""
        count = len(text) - self.run + 1  # windows lying wholly inside the text
        if count < 1:  # shorter than one window: the text is its own fingerprint
            return {hash(text)}
        if text in self._minima:
            return set(self._minima[text])
        if within is not None and within in self._minima:
            at = within.find(text)
            if at != -1:
                return set(self._minima[within][at:at + count])
        self.add([text])
        return set(self._minima[text])

    def _add_chunk(self, texts: list[str]) -> None:
        if not texts:
            return
        gram = self.gram
        joined = "\x00".join(texts)  # normalised text has no control characters
        grams = [joined[i:i + gram] for i in range(len(joined) - gram + 1)]
        smallest = grams if self.window == 1 else map(min, *(grams[k:] for k in range(self.window)))
        hashed = list(map(hash, smallest))
        start = 0
        for text in texts:
            count = len(text) - self.run + 1
            self._minima[text] = hashed[start:start + count] if count > 0 else []
            start += len(text) + 1


def first_similar(prints: Sequence[set[int]], confirm: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """For each text ``j`` (given by its fingerprints), an earlier text ``i`` sharing a
    fingerprint that ``confirm(i, j)`` accepts; returns the pairs ``(i, j)``.  Every
    pair with a common run of the fingerprinter's ``run`` characters is a candidate;
    candidates sharing more fingerprints (more text) are tried first, the earlier one
    first among equals.  A text matched to an earlier one is not indexed itself: a
    cluster of near-copies is compared with its first member.
    """
    repeated = {fp for fp, n in Counter(chain.from_iterable(prints)).items() if n > 1}
    index: dict[int, list[int]] = {}
    pairs = []
    for j, fps in enumerate(prints):
        shared = fps & repeated
        if not shared:
            continue  # nothing else in the document has any of its fingerprints
        postings = [index[fp] for fp in shared if fp in index]
        if len(postings) == 1:
            ranked = postings[0]  # in order already, all sharing one fingerprint
        else:
            overlap = Counter(chain.from_iterable(postings))
            ranked = sorted(overlap, key=lambda i: (-overlap[i], i))
        match = next((i for i in ranked[:MAX_CONFIRMS] if confirm(i, j)), None)
        if match is not None:
            pairs.append((match, j))
            continue
        for fp in shared:  # j was not matched: it may be the first of its kind
            postings = index.setdefault(fp, [])
            if len(postings) < MAX_CANDIDATES:
                postings.append(j)
    return pairs
