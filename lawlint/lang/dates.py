"""Recognising dates in the many shapes real 公文 carry them.

GB/T 9704—2012 7.3.5.4 wants 成文日期 as ``2024年1月8日``: Arabic digits, the full
year, no padding zeros.  Real copies also hold 20171226, 2017.12.26, 2024年01月08日,
二〇二五年一月六日 and 24年3月1日; they are recognised here so that the rules can
say exactly what is wrong and offer the canonical form.
"""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from lawlint.engine.prefilter import finditer_lines, scanner
from lawlint.lang.text import BLANKS, ascii_digits, cn_digits_to_int, cn_to_int

STANDARD = "standard"        # 2024年1月8日
PADDED = "padded"            # 2024年01月08日
SHORT_YEAR = "short-year"    # 24年1月8日
COMPACT = "compact"          # 20240108
SEPARATED = "separated"      # 2024.1.8 / 2024-01-08 / 2024/1/8
CHINESE = "chinese"          # 二〇二四年一月八日
LOST_MARKS = "lost-marks"    # 2024 1 8, { 2024 1 8: 年 月 日 lost in conversion

_SP = f"[{BLANKS}]*"
_D = "[0-9０-９]"
_CN = "〇○零Oo0０一二三四五六七八九"

_STANDARD_RE = scanner(re.compile(
    rf"(?<![0-9０-９])(?P<y>{_D}{{4}}|{_D}{{2}}){_SP}年{_SP}(?P<m>{_D}{{1,2}}){_SP}月{_SP}(?P<d>{_D}{{1,2}}){_SP}日"
))
# What every standard date (and every month-and-day date) contains, found by skipping to 月.
MONTH_DAY_ANCHOR = re.compile(rf"月{_SP}\d{{1,2}}{_SP}日")
_CHINESE_RE = re.compile(
    rf"(?P<y>[{_CN}]{{4}})年(?P<m>[一二三四五六七八九十]{{1,2}})月(?P<d>[一二三四五六七八九十]{{1,3}})日"
)
_COMPACT_RE = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])")
# Where conversion lost the glyphs 年 月 日 it leaves blanks or a stray mark such as { ? □;
# one class per gap keeps the pattern linear (parse_date_text also caps the length).
_STRAY = re.escape("{}[]|<>~^_`*#?？□■�")
_LOST_MARKS_RE = re.compile(
    rf"[{BLANKS}{_STRAY}]*(?P<y>(?:19|20)\d{{2}})[{BLANKS}{_STRAY}年]+(?P<m>\d{{1,2}})"
    rf"[{BLANKS}{_STRAY}月]+(?P<d>\d{{1,2}})[{BLANKS}{_STRAY}日]*"
)
_SEPARATED_RE = re.compile(r"(?P<y>(?:19|20)\d{2})(?P<sep>[./\-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})")


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """As ``calendar.monthrange(year, month)[1]``, without importing calendar (and locale)."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _MONTH_DAYS[month - 1]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written: where it sits (offsets into the string searched), its parts and style."""

    start: int
    end: int
    text: str
    year: int
    month: int
    day: int
    style: str

    @property
    def valid(self) -> bool:
        """A real date: the year 0 (``0000年1月1日``, a mistyped or lost year) never was one."""
        if self.style == SHORT_YEAR or not 1 <= self.month <= 12 or not _dt.MINYEAR <= self.year <= _dt.MAXYEAR:
            return False
        return 1 <= self.day <= days_in_month(self.year, self.month)

    @property
    def date(self) -> _dt.date | None:
        return _dt.date(self.year, self.month, self.day) if self.valid else None

    @property
    def canonical(self) -> str | None:
        """The GB/T 9704 form, when it can be derived without guessing."""
        if not self.valid:
            return None
        return f"{self.year}年{self.month}月{self.day}日"


def find_standard_dates(text: str) -> list[DateMention]:
    """Every ``…年…月…日`` date with Arabic digits (any padding, two- or four-digit year)."""
    found = []
    for m in finditer_lines(_STANDARD_RE, MONTH_DAY_ANCHOR, text):
        year_txt, month_txt, day_txt = (ascii_digits(m[g]) for g in ("y", "m", "d"))
        if len(year_txt) == 2:
            style = SHORT_YEAR
            year = 2000 + int(year_txt)
        else:
            year = int(year_txt)
            padded = (len(month_txt) == 2 and month_txt[0] == "0") or (len(day_txt) == 2 and day_txt[0] == "0")
            style = PADDED if padded else STANDARD
        found.append(DateMention(m.start(), m.end(), m[0], year, int(month_txt), int(day_txt), style))
    return found


def parse_date_text(text: str) -> DateMention | None:
    """Read ``text`` as one whole date in any recognised style, else None.

    Blanks are ignored (PDF copies scatter them); the offsets cover ``text`` without
    its leading and trailing blanks.  Three numbers set apart by blanks or a stray mark
    (``2017 6 23``, ``{ 2017 6 23``) are a date whose 年 月 日 were lost, if they make one.
    """
    if len(text) > 64:
        return None
    lead = len(text) - len(text.lstrip(BLANKS))
    body = text.strip(BLANKS)
    start, end = lead, lead + len(body)
    squeezed = re.sub(_SP, "", body)
    if not squeezed or len(squeezed) > 16:
        return None
    half = ascii_digits(squeezed)
    m = _LOST_MARKS_RE.fullmatch(ascii_digits(body))
    if m and not ("年" in body and "月" in body and "日" in body):
        found = DateMention(start, end, body, int(m["y"]), int(m["m"]), int(m["d"]), LOST_MARKS)
        return found if found.valid else None  # three numbers that make no date are no date
    for found in find_standard_dates(squeezed):
        if found.start == 0 and found.end == len(squeezed):
            return DateMention(start, end, body, found.year, found.month, found.day, found.style)
    m = _CHINESE_RE.fullmatch(squeezed)
    if m:
        year = cn_digits_to_int(m["y"])
        month, day = cn_to_int(m["m"]), cn_to_int(m["d"])
        if year and month and day:
            return DateMention(start, end, body, year, month, day, CHINESE)
    m = _COMPACT_RE.fullmatch(half)
    if m:
        return DateMention(start, end, body, int(m["y"]), int(m["m"]), int(m["d"]), COMPACT)
    m = _SEPARATED_RE.fullmatch(half)
    if m:
        return DateMention(start, end, body, int(m["y"]), int(m["m"]), int(m["d"]), SEPARATED)
    return None


_ISO_RE = re.compile(r"(?P<y>(?:19|20)\d{2})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?")


def find_iso_like(text: str) -> DateMention | None:
    """First ``2020-04-08``-like date in a web page's metadata line."""
    m = _ISO_RE.search(ascii_digits(text))
    if not m:
        return None
    return DateMention(m.start(), m.end(), m[0], int(m["y"]), int(m["m"]), int(m["d"]), SEPARATED)


def format_cn(date: _dt.date) -> str:
    """2024年1月8日."""
    return f"{date.year}年{date.month}月{date.day}日"
