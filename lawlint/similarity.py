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
from itertools import chain, compress
from typing import Callable, Hashable, Sequence

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
    cleaned = _cleaned(texts)
    if cleaned is None:
        return [normalise(t) for t in texts]
    return cleaned.lower().split("\x00") if texts else []


def _cleaned(texts: Sequence[str]) -> str | None:
    """The texts without their non-word characters, joined by NUL; None when that needs
    more than one pass (a text holding NUL, or characters that NFKC changes)."""
    joined = "\x00".join(texts)
    if joined.count("\x00") != max(len(texts) - 1, 0):
        return None  # a text holding the separator itself
    cleaned = _NOT_WORD_OR_SEPARATOR.sub("", joined)
    return cleaned if unicodedata.is_normalized("NFKC", cleaned) else None


def normalised_keys(doc) -> tuple[list[str], list[str]]:
    """``normalise`` of every sentence and of every clause of ``doc`` (two lists parallel
    to ``doc.sentences`` and ``doc.clauses``), computed once per document and shared by
    the rules.

    What lies between the clauses of a sentence (marks, blanks) is never a word
    character, so a sentence's key is its clauses' cleaned texts joined (and then lower-
    cased): the text is cleaned once, not twice.  Where joining changes the result (NFKC
    composing characters across a clause boundary) sentences are normalised on their own.
    """
    memo = doc.cache.get("normalised")
    if memo is None:
        sentences, clauses = doc.sentences, doc.clauses
        cleaned = _cleaned([c.text for c in clauses])
        if cleaned is None or not clauses:
            memo = (normalise_all([s.text for s in sentences]), normalise_all([c.text for c in clauses]))
        else:
            by_sentence: list[list[str]] = [[] for _ in sentences]
            for clause, piece in zip(clauses, cleaned.split("\x00")):
                by_sentence[clause.sentence].append(piece)
            joined = "\x00".join(map("".join, by_sentence))
            if not unicodedata.is_normalized("NFKC", joined):
                sentence_keys = normalise_all([s.text for s in sentences])
            else:
                sentence_keys = joined.lower().split("\x00")
            memo = (sentence_keys, cleaned.lower().split("\x00"))
        doc.cache["normalised"] = memo
    return memo


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
    common = len(sa & sb)  # |sa - sb| = |sa| - common
    matched = min(len(a) - len(sa) + common, len(b) - len(sb) + common)
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

    A fingerprint is the smallest gram of a window, chosen by its characters (so the
    choice does not depend on the process's hash seed), and kept as the string itself:
    strings cache their hash, so counting and intersecting them is about twice as
    fast as doing so with their hashes.  Above ``COMPACT_ABOVE`` characters only the
    hashes are kept (a fifth of the memory: a 5 MB document keeps millions of grams).
    Texts are processed joined in large chunks: C-level list building and counting
    instead of a few Python calls per text.
    """

    COMPACT_ABOVE = 1_000_000

    def __init__(self, run: int) -> None:
        self.run = run
        self.gram = min(GRAM, run)
        self.window = run - self.gram + 1
        self._minima: dict[str, list[Hashable]] = {}
        self._counts: Counter[Hashable] = Counter()  # how often each fingerprint was seen
        self._repeated: set[Hashable] | None = None
        self._compact: bool | None = None  # fingerprints are hashes, not grams: decided by the first texts added

    def add(self, texts: Sequence[str]) -> None:
        if self._compact is None:
            self._compact = sum(map(len, texts)) > self.COMPACT_ABOVE
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

    def of(self, text: str, within: str | None = None) -> set[Hashable]:
        """The fingerprints of ``text``, read off those of ``within`` if it contains it."""
        if len(text) < self.run:  # shorter than one window: the text is its own fingerprint
            return {hash(text) if self._compact else text}
        return set(self._prints(text, within))

    def shared(self, text: str, within: str | None = None) -> set[Hashable]:
        """The fingerprints of ``text`` seen more than once among all the texts added: a
        superset of those it shares with any other text, found by counting once instead
        of intersecting sets text by text.  A text shorter than one window shares
        nothing (equal texts are added once)."""
        if len(text) < self.run:
            return set()
        prints = self._prints(text, within)  # may add the text, and so change the counts
        if self._repeated is None:
            counts = self._counts
            self._repeated = set(compress(counts, map((1).__lt__, counts.values())))
        return self._repeated.intersection(prints)

    def _prints(self, text: str, within: str | None) -> list[Hashable]:
        if text in self._minima:
            return self._minima[text]
        if within is not None and within in self._minima:
            at = within.find(text)
            if at != -1:
                return self._minima[within][at:at + len(text) - self.run + 1]
        self.add([text])
        return self._minima[text]

    def _add_chunk(self, texts: list[str]) -> None:
        if not texts:
            return
        gram = self.gram
        joined = "\x00".join(texts)  # normalised text has no control characters
        grams = [joined[i:i + gram] for i in range(len(joined) - gram + 1)]
        smallest = grams if self.window == 1 else list(map(min, *(grams[k:] for k in range(self.window))))
        if self._compact:
            smallest = list(map(hash, smallest))
        # windows across a separator are counted too: more candidates, never fewer
        self._counts.update(smallest)
        self._repeated = None
        start = 0
        for text in texts:
            count = len(text) - self.run + 1
            self._minima[text] = smallest[start:start + count] if count > 0 else []
            start += len(text) + 1


def first_similar(shared: Sequence[set[Hashable]], confirm: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """For each text ``j``, given by the fingerprints it may share with other texts
    (``Fingerprinter.shared``), an earlier text ``i`` sharing one that ``confirm(i, j)``
    accepts; returns the pairs ``(i, j)``.  Every pair with a common run of the
    fingerprinter's ``run`` characters is a candidate; candidates sharing more
    fingerprints (more text) are tried first, the earlier one first among equals.  A
    text matched to an earlier one is not indexed itself: a cluster of near-copies is
    compared with its first member.
    """
    index: dict[Hashable, list[int]] = {}
    pairs = []
    for j, fps in enumerate(shared):
        if not fps:
            continue  # nothing else in the document has any of its fingerprints
        postings = [index[fp] for fp in fps if fp in index]
        if not postings:
            ranked = []
        elif len(postings) == 1:
            ranked = postings[0]  # in order already, all sharing one fingerprint
        else:
            overlap = Counter(chain.from_iterable(postings))
            ranked = sorted(overlap, key=lambda i: (-overlap[i], i))
        match = next((i for i in ranked[:MAX_CONFIRMS] if confirm(i, j)), None)
        if match is not None:
            pairs.append((match, j))
            continue
        for fp in fps:  # j was not matched: it may be the first of its kind
            postings = index.setdefault(fp, [])
            if len(postings) < MAX_CANDIDATES:
                postings.append(j)
    return pairs
