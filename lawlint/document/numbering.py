"""Heading sequence markers as written: 一、 （二） 3. （4） ⑤ and 第一部分."""
from __future__ import annotations

import re

from lawlint.document.model import Numbering
from lawlint.lang.text import cn_to_int

# GB/T 9704—2012 7.3.3: 一、 / （一） / 1. / （1）; real files also carry 1、 一. （一）、 and ①,
# and long reports group their sections under 第一部分 / 第二部分 (level 0, above 一、).
_NUMBERING = [
    (0, re.compile(r"第(?P<n>[一二三四五六七八九十]{1,3})(?:部分|篇|章)[ \t\u3000]*(?P<p>[、，,．.：:]?)")),
    (1, re.compile(r"(?P<n>[一二三四五六七八九十]{1,3})[ \t\u3000]*(?P<p>[、，,．.：:])")),
    (2, re.compile(r"[（(][ \t\u3000]*(?P<n>[一二三四五六七八九十]{1,3})[ \t\u3000]*[）)][ \t\u3000]*(?P<p>[、，,．.：:]?)")),
    (3, re.compile(r"(?P<n>\d{1,2})[ \t\u3000]*(?P<p>[.．、，,])(?![0-9])")),
    (4, re.compile(r"[（(][ \t\u3000]*(?P<n>\d{1,2})[ \t\u3000]*[）)][ \t\u3000]*(?P<p>[、，,．.]?)")),
    (5, re.compile(r"(?P<n>[①-⑳])[ \t\u3000]*(?P<p>[、，,．.]?)")),
]
_CANONICAL = {0: "第{}部分", 1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）", 5: "{}"}
_NUMBERING_STARTS = frozenset("第一二三四五六七八九十（(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")  # and digits (\d)


def parse_numbering(text: str, offset: int = 0) -> Numbering | None:
    """The sequence marker at the start of ``text`` (offsets shifted by ``offset``)."""
    if text[:1] not in _NUMBERING_STARTS and not text[:1].isdecimal():
        return None  # most lines: no pattern below can match
    for level, pattern in _NUMBERING:
        m = pattern.match(text)
        if not m:
            continue
        raw = m["n"]
        if level in (0, 1, 2):
            value = cn_to_int(raw)
        elif level == 5:
            value = ord(raw) - ord("①") + 1
        else:
            value = int(raw)
        if not value:
            continue
        return Numbering(level, value, offset + m.start(), offset + m.end(), m["p"],
                         _CANONICAL[level].format(raw))
    return None
