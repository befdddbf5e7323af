"""Splitting paragraphs into sentences (at 。！？；…) and sentences into clauses (at ，、：).

Real copies often carry ASCII marks instead of full-width ones, so ``, ; : ? !``
split too, except between digits (1,000 and 14:53), and ``.`` ends a sentence only
after Chinese text.  Text inside 《》 and “” is never split: a quoted title or slogan
stays whole.
"""
from __future__ import annotations

import re

from lawlint.document.model import Block, Segment
from lawlint.lang.text import BLANKS, HAN_RE

_TERMINALS = frozenset("。！？!?；;…")
_CLOSERS = frozenset("”’」』）)》〉】\"'")
_PAIRS = {"《": "》", "“": "”", "〈": "〉"}
_STRIP = BLANKS + "\r\n"


_QUOTE_MARK = re.compile('[《》“”〈〉"]')


def protected(text: str) -> bytearray | None:
    """Mask of the characters inside matched 《》, 〈〉, “” (and paired ASCII quotes)."""
    marks = [(m.start(), m[0]) for m in _QUOTE_MARK.finditer(text)]
    if not marks:
        return None
    mask = bytearray(len(text))
    stack: list[tuple[str, int]] = []
    ascii_open = -1
    balanced_ascii = sum(ch == '"' for _, ch in marks) % 2 == 0
    for i, ch in marks:
        if ch in _PAIRS:
            stack.append((ch, i))
        elif ch in "》”〉":
            for depth in range(len(stack) - 1, -1, -1):
                if _PAIRS[stack[depth][0]] == ch:
                    start = stack[depth][1]
                    mask[start:i + 1] = b"\x01" * (i + 1 - start)
                    del stack[depth:]
                    break
        elif balanced_ascii:
            if ascii_open < 0:
                ascii_open = i
            else:
                mask[ascii_open:i + 1] = b"\x01" * (i + 1 - ascii_open)
                ascii_open = -1
    return mask


def _is_full_stop(text: str, i: int) -> bool:
    """An ASCII '.' used as 句号: after Chinese text and not inside a number or a URL."""
    before = text[i - 1] if i else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if after.isascii() and after.isalnum():
        return False
    return bool(before) and (HAN_RE.match(before) is not None or before in _CLOSERS)


def _segment(block: Block, start: int, end: int, sentence: int = -1) -> Segment | None:
    piece = block.text[start:end]
    body = piece.strip(_STRIP)  # at C speed: indexing one character at a time makes a string of it
    if not body:
        return None
    if len(body) != len(piece):
        start += len(piece) - len(piece.lstrip(_STRIP))
        end = start + len(body)
    return Segment(block, start, end, body, sentence)


_AFTER_END = "".join(sorted(_TERMINALS | _CLOSERS))  # what a sentence's end mark takes along (。”）)
# An end mark, or a '.' after something on its line; then the marks and quotes it takes along.
# The class comes first so that re skips to it (an alternation is tried at every position).
_SENTENCE_END = re.compile(r"[。！？!?；;….](?:(?<!\.)|(?<=..))[" + re.escape(_AFTER_END) + "]*")
_CLAUSE_MARK = re.compile(r"[，、：,:。！？!?；;…]")
_TRAILING = _AFTER_END + "."  # what may follow a sentence's last clause


def split_sentences(block: Block, mask: bytearray | None) -> list[Segment]:
    """``mask`` is ``protected(block.text)``."""
    text = block.text
    search = _SENTENCE_END.search
    sentences = []
    start = 0
    m = search(text)
    while m is not None:
        i = m.start()
        if (mask is not None and mask[i]) or (text[i] == "." and not _is_full_stop(text, i)):
            m = search(text, i + 1)  # not an end: the marks after it may be
            continue
        seg = _segment(block, start, m.end())
        if seg:
            sentences.append(seg)
        start = m.end()
        m = search(text, start)
    seg = _segment(block, start, len(text))
    if seg:
        sentences.append(seg)
    return sentences


def split_clauses(sentence: Segment, index: int, mask: bytearray | None) -> list[Segment]:
    """``mask`` is ``protected(sentence.block.text)``; ``index`` the sentence's position."""
    block, text = sentence.block, sentence.block.text
    cuts = [m.start() for m in _CLAUSE_MARK.finditer(text, sentence.start, sentence.end)]
    if mask is not None and mask.find(1, sentence.start, sentence.end) != -1:
        cuts = [i for i in cuts if not mask[i]]
    if "," in sentence.text or ":" in sentence.text:  # not between digits (1,000 and 14:53)
        last = len(text) - 1
        cuts = [i for i in cuts
                if not (text[i] in ",:" and 0 < i < last and text[i - 1].isdigit() and text[i + 1].isdigit())]
    clauses = []
    start = sentence.start
    for i in cuts:
        seg = _segment(block, start, i, index)
        if seg:
            clauses.append(seg)
        start = i + 1
    seg = _segment(block, start, sentence.end, index)
    if seg and seg.text.strip(_TRAILING):
        clauses.append(seg)
    return clauses
