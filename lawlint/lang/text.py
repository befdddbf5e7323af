"""Character classes and numeral helpers shared by the document model and the checks."""
from __future__ import annotations

import functools
import re

HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")

# Indentation and stray blanks seen in real copies: ASCII, NBSP, ideographic and en/em spaces.
BLANKS = " \t\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff"

FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "o": 0, "0": 0,
              "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}


def has_han(text: str) -> bool:
    return HAN_RE.search(text) is not None


def ascii_digits(text: str) -> str:
    return text.translate(FULLWIDTH_DIGITS)


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral up to 999: 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105."""
    if not text:
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def cn_digits_to_int(text: str) -> int | None:
    """Digit-by-digit value, as years are written: 二〇二五 → 2025 (also 二0二五, 二○二五)."""
    digits = []
    for ch in text:
        if ch not in _CN_DIGITS:
            return None
        digits.append(str(_CN_DIGITS[ch]))
    return int("".join(digits)) if digits else None




def int_to_cn(value: int) -> str:
    """1 → 一, 12 → 十二, 21 → 二十一 (heading numerals), 100 → 一百, 105 → 一百零五, 110 → 一百一十
    (the numeral after 九十九); Arabic digits from 1,000 on."""
    digits = "零一二三四五六七八九"
    if value < 10:
        return digits[value]
    if value >= 1000:
        return str(value)
    if value >= 100:
        hundreds, rest = divmod(value, 100)
        head = digits[hundreds] + "百"
        return head if not rest else head + ("零" + digits[rest] if rest < 10 else "一" * (rest < 20) + int_to_cn(rest))
    tens, ones = divmod(value, 10)
    head = "十" if tens == 1 else digits[tens] + "十"
    return head + (digits[ones] if ones else "")


def squeeze(text: str) -> str:
    """Remove every blank (spaces left by PDF conversion included)."""
    return re.sub(f"[{BLANKS}\r\n]+", "", text)


# Chinese text around a mark: Han characters and full-width punctuation.
@functools.cache
def _cjk_re() -> re.Pattern:
    """Compiled when first asked for (a Han class costs re a millisecond or two to compile)."""
    return re.compile(f"[{HAN}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2026\u201c\u201d\u2018\u2019]")


def is_cjk(ch: str) -> bool:
    return bool(ch) and _cjk_re().match(ch) is not None


def neighbours(text: str, i: int, j: int | None = None) -> tuple[str, str]:
    """The nearest non-blank characters before ``i`` and after ``j`` (default ``i + 1``)."""
    j = i + 1 if j is None else j
    left = i - 1
    while left >= 0 and text[left] in BLANKS:
        left -= 1
    right = j
    while right < len(text) and text[right] in BLANKS:
        right += 1
    return (text[left] if left >= 0 else ""), (text[right] if right < len(text) else "")


# Marks jieba never puts inside a word (no blank among them: words with blanks between them
# are still side by side).  jieba segments each run between such marks on its own.
_SEGMENT_CUTS = re.compile("[，。、；：？！“”‘’《》〈〉（）【】〔〕「」『』…—·,;:?!()\\[\\]{}\"']+")
SEGMENT_PIECES_ABOVE = 20_000


def segment_pieces(text: str, above: int | None = None):
    """``text`` as (offset, piece) for word segmentation: itself, or — past ``above``
    characters (default ``SEGMENT_PIECES_ABOVE``: a whole file on one line) — the pieces
    between punctuation marks.  The words of a piece are those of the whole text there, and
    two words with a mark between them are never side by side: rules comparing neighbouring
    words find the same, without segmenting megabytes at once."""
    if len(text) <= (SEGMENT_PIECES_ABOVE if above is None else above):
        yield 0, text
        return
    start = 0
    for m in _SEGMENT_CUTS.finditer(text):
        if m.start() > start:
            yield start, text[start:m.start()]
        start = m.end()
    if start < len(text):
        yield start, text[start:]
