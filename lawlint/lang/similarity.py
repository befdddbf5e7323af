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

import bisect
import functools
import re
import unicodedata
from array import array
from collections import Counter
from itertools import chain
from typing import TYPE_CHECKING, Callable, Collection, Hashable, Sequence

if TYPE_CHECKING:
    from lawlint.document import Segment

# A class first (not [...]+): re then skips to it in a tight loop.
_NOT_WORD = re.compile(r"[\W_][\W_]*")
_TITLES = re.compile(r"《[^《》]*》")
_NOT_WORD_OR_SEPARATOR = re.compile(r"[^\w\x00][^\w\x00]*")  # and "_", removed apart: one class scans twice as fast

GRAM = 12  # with the default run of 12 characters every gram is a fingerprint: hashing them
# all costs less than choosing window minima, and only longer runs are winnowed
# Bounds on the work per text, the candidates sharing most text first: only very
# formulaic text has more, and a long document must still take seconds.  A fingerprint already shared by
# MAX_CANDIDATES texts is not indexed any further (as a search engine drops stop words).
MAX_CANDIDATES = 64
MAX_CONFIRMS = 8
# Texts whose character sets are kept at once: a memo, cleared when full, so that a long
# document (hundreds of thousands of clauses) does not keep a set for each.
MEMO_LIMIT = 2_000


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
    cleaned = _NOT_WORD_OR_SEPARATOR.sub("", joined).replace("_", "")
    return cleaned if unicodedata.is_normalized("NFKC", cleaned) else None


def sentence_keys(doc) -> list[str]:
    """``normalise`` of every sentence of ``doc`` (parallel to ``doc.sentences``), computed
    once per document and shared by the rules."""
    return _sentence_memo(doc)[0]


def _sentence_memo(doc) -> tuple[list[str], bool]:
    """The sentence keys, and whether a clause's key is always a piece of its sentence's:
    true when the sentences were cleaned in one pass (NFKC changes nothing, so no character
    composes across a clause boundary) and hold no Σ (whose lower case depends on the next letter)."""
    return doc.memo(_sentence_keys)


def _sentence_keys(doc) -> tuple[list[str], bool]:
    texts = [s.text for s in doc.sentences]
    cleaned = _cleaned(texts)
    if cleaned is None:
        return [normalise(t) for t in texts], False
    return cleaned.lower().split("\x00") if texts else [], "Σ" not in cleaned


def clause_keys(doc, indices: Sequence[int]) -> list[tuple[Segment, str]]:
    """The clauses of the sentences ``indices`` (in that order), each with its ``normalise``d
    text; every sentence is split and normalised once per document, and the list for the
    same ``indices`` is built once (the rules comparing clauses share it: do not modify it)."""
    lists = doc.memo(_clause_key_lists)
    wanted = tuple(indices)
    if wanted not in lists:
        pairs = doc.memo(_clause_keys)  # sentence index -> its (clause, key) pairs
        todo = [i for i in dict.fromkeys(wanted) if i not in pairs]
        if todo:
            split = [doc.clauses_of(i) for i in todo]
            keys = iter(normalise_all([c.text for clauses in split for c in clauses]))
            for i, clauses in zip(todo, split):
                pairs[i] = list(zip(clauses, keys))
        lists[wanted] = list(chain.from_iterable(map(pairs.__getitem__, wanted)))
    return lists[wanted]


def _clause_key_lists(doc) -> dict[tuple[int, ...], list[tuple[Segment, str]]]:
    return {}


def _clause_keys(doc) -> dict[int, list[tuple[Segment, str]]]:
    return {}


def comparison_key(text: str, key: str) -> str:
    """``key`` (``normalise(text)``) without the quoted titles of ``text``: two sentences
    citing the same long title do not share text."""
    return normalise(_TITLES.sub("", text)) if "《" in text else key


def comparison_keys(doc) -> list[str]:
    """``comparison_key`` of every sentence of ``doc``, once per document."""
    return doc.memo(_comparison_keys)


def _comparison_keys(doc) -> list[str]:
    return list(map(comparison_key, (s.text for s in doc.sentences), sentence_keys(doc)))


def sentence_fingerprints(doc, run: int) -> Fingerprinter:
    """A ``Fingerprinter`` holding the comparison key of every sentence of ``doc``, shared by
    the rules (it may hold more texts later: counts only grow, and so the candidates)."""
    return doc.memo(_sentence_fingerprints, run)


def _sentence_fingerprints(doc, run: int) -> Fingerprinter:
    fingerprinter = Fingerprinter(run)
    fingerprinter.add(comparison_keys(doc))
    return fingerprinter


def sentences_to_compare(doc, run: int) -> list[int]:
    """The sentences whose clauses can share a run of ``run`` characters with another clause or
    sentence: those whose comparison key shares one (with another sentence or within
    itself), and those citing a title, whose clauses are checked to be pieces of it.

    A clause's key is a piece of its sentence's, so a clause sharing a run makes its
    sentence share it.  Where that does not hold (see ``_sentence_memo``, or a quoted
    title crossing a clause mark) every sentence is returned.
    """
    return doc.memo(_sentences_to_compare, run)


def _sentences_to_compare(doc, run: int) -> list[int]:
    keys = comparison_keys(doc)
    everything = list(range(len(keys)))
    titled = [i for i, s in enumerate(doc.sentences) if "《" in s.text]
    if not _sentence_memo(doc)[1] or any(comparison_key(clause.text, key) not in keys[clause.sentence]
                                         for clause, key in clause_keys(doc, titled)):
        return everything
    fingerprinter, citing = sentence_fingerprints(doc, run), set(titled)
    return [i for i in everything if i in citing or fingerprinter.shared(keys[i])]


# A bracketed annotation such as 〔责任单位：县司法局〕 or （牵头单位：…；责任单位：…） tags each
# task of a 实施方案 or 工作要点: a label of a few characters, a colon, the organs.  The same tag
# under every task is structure, not repetition.  One level of brackets may nest inside
# (各县（市）交通运输局); a sentence break at the ； inside a tag leaves its parts unclosed, so
# a tag may also run to the end of its text, or start at the beginning and end at a closer.
_TAG_BODY = r"(?:[^〔〕（）()【】\n]|[（(][^〔〕（）()【】\n]*[）)])*"
_TAG = re.compile(r"[〔（(【][^〔〕（）()【】\n:：，,。]{1,8}[:：]" + _TAG_BODY + r"(?:[〕）)】]|$)")
_TAG_TAIL = re.compile(r"^[^〔〕（）()【】\n:：，,。]{1,8}[:：]" + _TAG_BODY + r"[〕）)】]$")
_BRACKETS = frozenset("〔（(【")


@functools.cache
def _formulas() -> re.Pattern:
    from lawlint.engine import resources

    return re.compile("|".join(f"(?:{f})" for f in resources.data("formulas")["formulas"]))


def substance(text: str, key: str | None = None, titles: bool = True) -> int:
    """How many characters of ``normalise(text)`` (``key``, if already computed) are
    content: neither a set phrase of ``lawlint/data/lists/formulas.yml`` (深入学习宣传贯彻习近平
    法治思想) nor a bracketed annotation tag (〔责任单位：县司法局〕).  A clause repeated
    with little content is a formula or a tag, not a duplicate.  Without ``titles`` the
    quoted titles are left out too (``key`` is then the ``comparison_key``)."""
    if not _BRACKETS.isdisjoint(text) or ")" in text or "）" in text:
        stripped = _TAG_TAIL.sub("", _TAG.sub("", text))
        if stripped != text:
            text, key = stripped, normalise(stripped)
            if not titles:
                key = comparison_key(text, key)
    if key is None:
        key = normalise(text) if titles else comparison_key(text, normalise(text))
    return len(key) - sum(m.end() - m.start() for m in _formulas().finditer(key))


# Where an item of an enumeration starts inside a paragraph: at a marker opening a clause
# (一是 二是, 其一, 第一，, （1）, ①), and after each ； of a list that a colon or 分别
# introduced (分别于7月3日……；于7月31日……).  A marker must follow a clause mark or open the
# paragraph: 统一是 holds no marker.  Other ； join clauses of one statement.
_ITEM = re.compile(r"[；;。！？!?：:]|分别|[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十](?=[，,、是])"
                   r"|第[一二三四五六七八九十]{1,3}(?=[，,、])|[（(][一二三四五六七八九十\d]{1,2}[）)]|[①-⑳]")
_BEFORE_MARKER = frozenset("，,；;。：:！？!? \t\u3000")


def item_starts(doc, block) -> list[int]:
    """Offsets in ``block.text`` where an item of an enumeration starts (sorted, computed
    once per block and only for the blocks asked about)."""
    return doc.memo(_item_starts, block)  # a Block is hashed by identity


def _item_starts(doc, block) -> list[int]:
    text, starts, listing = block.text, [0], False
    for m in _ITEM.finditer(text):
        mark = m[0]
        if mark in "；;":
            if listing:
                starts.append(m.end())
        elif mark in "。！？!?":
            listing = False
        elif mark in "：:" or mark == "分别":
            listing = True
        elif m.start() == 0 or text[m.start() - 1] in _BEFORE_MARKER:
            starts.append(m.start())
    return starts


def same_item(doc, a: Segment, b: Segment) -> bool:
    """Do ``a`` and ``b`` lie in one paragraph and in one item of its enumerations?  The
    items of 一是……；二是…… are parallel by design: wording they share is parallel wording."""
    if a.block is not b.block:
        return False
    starts = item_starts(doc, a.block)
    return bisect.bisect_right(starts, a.start) == bisect.bisect_right(starts, b.start)


def shares_run(a: str, b: str, length: int) -> bool:
    """Do ``a`` and ``b`` have a common substring of at least ``length`` characters?"""
    if len(a) > len(b):
        a, b = b, a
    return any(a[k:k + length] in b for k in range(len(a) - length + 1))


def character_overlap_bound(doc, a: str, b: str) -> float:
    """An upper bound of ``character_overlap``, from the sets of distinct characters:
    each character of ``a`` missing from ``b`` leaves at least one occurrence unmatched."""
    memo = doc.memo(_character_sets)
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    sa = memo.get(a)
    if sa is None:
        sa = memo[a] = frozenset(a)
    sb = memo.get(b)
    if sb is None:
        sb = memo[b] = frozenset(b)
    common = len(sa & sb)  # |sa - sb| = |sa| - common
    matched = min(len(a) - len(sa) + common, len(b) - len(sb) + common)
    return 2 * matched / (len(a) + len(b))


def character_overlap(doc, a: str, b: str) -> float:
    """Multiset ratio 2·|a ∩ b| / (|a| + |b|) of the characters (difflib's ``quick_ratio``).

    Each text becomes the set of its (character, k-th occurrence) pairs, once per
    document: the size of a set intersection (C speed) is then the multiset overlap.
    """
    memo = doc.memo(_occurrence_sets)
    if len(memo) >= MEMO_LIMIT:
        memo.clear()
    sa = memo.get(a) or memo.setdefault(a, _occurrences(a))
    sb = memo.get(b) or memo.setdefault(b, _occurrences(b))
    return 2 * len(sa & sb) / (len(a) + len(b))


def _character_sets(doc) -> dict[str, frozenset[str]]:
    return {}


def _occurrence_sets(doc) -> dict[str, frozenset[int]]:
    return {}


def _occurrences(text: str) -> frozenset[int]:
    """The (character, k-th occurrence) pairs, as integers (cheaper to hash than tuples)."""
    return frozenset(ord(ch) + k * 0x110000 for ch, n in Counter(text).items() for k in range(n))


_NOTHING: tuple = ()
_CHUNK = 200_000  # characters fingerprinted at once: bounds the transient list of grams
_BUCKETS = 256  # compact fingerprints are counted bucket by bucket (by their low byte)


class Fingerprinter:
    """Winnowing fingerprints for texts sharing runs of ``run`` characters, and for any
    piece of a text already fingerprinted (a clause of a sentence) without computing
    them again: a window lying inside the piece lies inside the text.

    A fingerprint is the smallest gram of a window, chosen by its characters (so the
    choice does not depend on the process's hash seed), and kept as the string itself:
    strings cache their hash, so counting and intersecting them is about twice as
    fast as doing so with their hashes.  Above ``COMPACT_ABOVE`` characters only the
    hashes are kept, in arrays of machine integers (8 bytes each, not a string or an
    int object), and the repeated ones are found by counting one bucket of them at a
    time instead of keeping a counter of every fingerprint: a 10 MB document has millions.
    Texts are processed in large batches: C-level list building and counting instead
    of a few Python calls per text.
    """

    COMPACT_ABOVE = 1_000_000

    def __init__(self, run: int) -> None:
        self.run = run
        self.gram = min(GRAM, run)
        self.window = run - self.gram + 1
        self._minima: dict[str, Sequence[Hashable]] = {}
        self._counts: Counter[Hashable] = Counter()  # how often each fingerprint was seen (grams)
        self._buckets: list[array] = []  # every fingerprint added, by its low byte (hashes)
        self._repeated: set[Hashable] | None = None
        self._shared: dict[str, Collection[Hashable]] = {}  # answers of ``shared`` until the counts change
        self._compact: bool | None = None  # fingerprints are hashes, not grams: decided by the first texts added

    def add(self, texts: Sequence[str]) -> None:
        if self._compact is None:
            self._compact = sum(map(len, texts)) > self.COMPACT_ABOVE
            if self._compact:
                self._buckets = [array("q") for _ in range(_BUCKETS)]
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

    def shared(self, text: str, within: str | None = None) -> Collection[Hashable]:
        """The fingerprints of ``text`` seen more than once among all the texts added,
        each once (a tuple, or an array of hashes, in no particular order; empty when
        none): a superset of those it shares with any other text, found by counting
        once instead of intersecting sets text by text.  A text shorter than one window shares nothing
        (equal texts are added once).  The answer is kept for the next caller asking
        about the same text."""
        if len(text) < self.run:
            return _NOTHING
        if text in self._shared:
            return self._shared[text]
        prints = self._prints(text, within)  # may add the text, and so change the counts
        if self._repeated is None:
            self._repeated = self._find_repeated()
        repeated = self._repeated
        if repeated.isdisjoint(prints):  # most texts share nothing: testing allocates nothing
            found = _NOTHING
        else:  # a tuple is a third of a set's size; an array of hashes holds no int objects
            found = (array("q", repeated.intersection(prints)) if self._compact
                     else tuple(repeated.intersection(prints)))
        self._shared[text] = found
        return found

    def _find_repeated(self) -> set[Hashable]:
        if not self._compact:
            return {fp for fp, n in self._counts.items() if n > 1}  # faster than compress here
        repeated: set[Hashable] = set()
        for bucket in self._buckets:  # equal hashes share a bucket: each counted apart
            repeated.update(fp for fp, n in Counter(bucket).items() if n > 1)
        return repeated

    def _prints(self, text: str, within: str | None) -> Sequence[Hashable]:
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
        grams = [text[i:i + gram] for text in texts for i in range(len(text) - gram + 1)]  # each text's, in a row
        smallest: Sequence[Hashable] = grams if self.window == 1 else list(map(min, *(grams[k:] for k in range(self.window))))
        # windows across two texts' grams are counted too: more candidates, never fewer
        if self._compact:
            smallest = array("q", map(hash, smallest))
            buckets, mask = self._buckets, _BUCKETS - 1
            for fp in smallest:
                buckets[fp & mask].append(fp)
        else:
            self._counts.update(smallest)
        del grams
        self._repeated = None
        self._shared = {}
        start = 0
        for text in texts:
            count = len(text) - self.run + 1
            self._minima[text] = smallest[start:start + count] if count > 0 else []
            start += max(len(text) - gram + 1, 0)


def first_similar(shared: Sequence[Collection[Hashable]], confirm: Callable[[int, int], bool]) -> list[tuple[int, int]]:
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
            postings = index.get(fp)
            if postings is None:
                index[fp] = [j]
            elif len(postings) < MAX_CANDIDATES:
                postings.append(j)
    return pairs
