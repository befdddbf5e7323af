"""Finding 发文字号 — well-formed or not — in running text.

GB/T 9704—2012 7.2.5: 机关代字〔年份〕序号号 — the full year in 六角括号 〔〕, Arabic
digits, no 第, no padding zeros, and 号 at the end.  Web and PDF copies lose
brackets (江开〔201753, 江府办函〔2015236号) or the year (国发〔〕33号); writers use
[] () （） 【】, 第 and 012, a space before the bracket; converters put look-alikes
(„‟ ﹝﹞ 〖〗) for 〔〕.  A number counts as a 发文字号 attempt only with a strong
signal: a 〔 or 〕 next to a year (or an empty 〔〕 before a sequence number), or another
bracket pair around a year followed by a sequence number and 号 (號 in traditional script).
令号 such as 国务院令第722号 carry no bracketed year and are never matched.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from lawlint.engine import resources
from lawlint.lang.text import BLANKS, HAN, ascii_digits

_SP = f"[{BLANKS}]*"  # the blanks dates allow (lawlint.lang.dates)
_D = "[0-9０-９]"
# 〔〕 and what writers and converters put in its place: look-alike tortoise-shell brackets
# (﹝﹞ 〘〙 ⦗⦘ ❲❳ 〖〗), low and high quotation marks („‟ ‚‛), square, round and 【】 brackets.
OPENS = "〔［【〖﹝〘⦗❲„‚[(（"
CLOSES = "〕］】〗﹞〙⦘❳‟‛])）"
_OPEN, _CLOSE = f"[{re.escape(OPENS)}]", f"[{re.escape(CLOSES)}]"
_HAO = "[号號]"
_LETTER_O = "OoＯ〇○"  # typed for 0 in a year: 国函[20O0]31号  # 號: the traditional script
_PATTERN = re.compile(
    rf"(?P<org>[{HAN}]{{1,15}})(?P<gap>[{BLANKS}]{{0,3}})"
    rf"(?:(?P<open>{_OPEN}){_SP}(?:(?P<year>{_D}[0-9０-９{_LETTER_O}]{{3}}|{_D}{{2}}){_SP})?(?P<close>{_CLOSE})"
    rf"|〔(?P<year2>(?:19|20|１９|２０){_D}{{2}})"
    rf"|(?P<year3>(?:19|20){_D}{{2}})〕)"
    rf"{_SP}(?P<di>第?){_SP}(?P<seq>{_D}*){_SP}(?P<hao>{_HAO}?)"
)
_O_TO_ZERO = str.maketrans(_LETTER_O, "0" * len(_LETTER_O))
_LIST_FOLLOWS = re.compile(rf"[、,，和及至—\-~～]{_SP}{_D}")


@dataclass(frozen=True)
class DocNumber:
    start: int          # start of the shown 机关代字
    number_start: int   # start of the bracketed year (or of the year, if 〔 is missing)
    end: int
    org: str
    text: str           # as written, from number_start to end
    year: int | None
    problems: tuple[str, ...] = field(default=())
    corrected: str | None = None   # the number part as it should be, when unambiguous
    year_lost: bool = False        # 国发〔〕33号: the year was lost, only the writer knows it
    seq: int | None = None         # the sequence number, as a number
    completed: bool = False        # ``corrected`` adds a lost 〔, 〕 or 号: a guess (a digit may be lost too)

    @property
    def shown(self) -> str:
        return self.org + self.text


@functools.cache
def _prefixes() -> re.Pattern:
    words = resources.data("doc-number")["citation_prefixes"]
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def _trim_org(org: str) -> tuple[int, str]:
    cut = 0
    for m in _prefixes().finditer(org):
        if m.end() < len(org):
            cut = m.end()
    return cut, org[cut:]


# Where a number may be: an opening bracket meeting a digit (or an empty pair before one),
# or a year before 〕 (its 〔 lost).  One class first, so that re skips to those characters
# instead of trying every position.
_ANCHOR = re.compile(rf"[{re.escape(OPENS)}〕](?:(?<=〕)(?<=(?:19|20)[0-9]{{2}}〕)"
                     rf"|(?<!〕){_SP}(?:{_D}|{_CLOSE}{_SP}{_D}))")
_HAN_CHAR = re.compile(f"[{HAN}]")
_GAP = BLANKS


def _anchors(text: str):
    """The start of each bracket meeting a digit and of each year closed by 〕, left to right,
    a year not counted inside the bracket-and-digit found just before it."""
    end = 0
    for hit in _ANCHOR.finditer(text):
        at = hit.start() - 4 if text[hit.start()] == "〕" else hit.start()
        if at >= end:
            end = hit.end()
            yield at


def _matches(text: str):
    """``_PATTERN`` matches, tried only where a bracket meets a digit (fast on long texts)."""
    resume = 0
    for at in _anchors(text):
        if at < resume:
            continue
        org_end = at
        while org_end > max(0, at - 3) and text[org_end - 1] in _GAP:  # 朝交发 [2022] 97号
            org_end -= 1
        start = org_end
        while start > max(0, org_end - 19) and _HAN_CHAR.match(text, start - 1):
            start -= 1
        for begin in range(start, org_end):
            m = _PATTERN.match(text, begin)
            if m and m.end() > at:
                resume = m.end()
                yield m
                break


def find_doc_numbers(text: str) -> list[DocNumber]:
    found = []
    for m in _matches(text):
        org = m["org"]
        if org.endswith("令"):
            continue
        seq_raw = m["seq"]
        if m["open"] is not None:
            bracketed = m["open"] == "〔" and m["close"] == "〕"
            if not seq_raw or (not (bracketed and m["year"]) and not m["hao"]):
                continue  # 〔〕 around a year is a strong sign; other brackets or no year need 号
            year_raw = m["year"] or ""
            if year_raw and not year_raw.isdigit() and ascii_digits(year_raw).translate(_O_TO_ZERO)[:2] not in ("19", "20"):
                continue  # a letter O is read as 0 only in a year of this century or the last
        elif m["year2"] is not None:
            if not seq_raw and not m["hao"]:
                continue
            year_raw = m["year2"]
        else:
            if not seq_raw:
                continue
            year_raw = m["year3"]
        found.append(_describe(m, text, year_raw, seq_raw))
    return found


def _describe(m: re.Match, text: str, year_raw: str, seq_raw: str) -> DocNumber:
    problems = []
    number_start = m.start("open") if m["open"] is not None else (
        m.start("year2") - 1 if m["year2"] is not None else m.start("year3"))
    if m["gap"]:
        number_start = m.start("gap")
    if m["open"] is not None and (m["open"] != "〔" or m["close"] != "〕"):
        problems.append(f"年份应使用六角括号“〔〕”，不用“{m['open']}{m['close']}”")
    if m["year2"] is not None:
        problems.append("年份后缺少“〕”")
    if m["year3"] is not None:
        problems.append("年份前缺少“〔”")
    written = text[number_start:m.end()]
    if re.search("[０-９]", written):
        problems.append("年份和序号应使用半角阿拉伯数字")
    year_txt, seq_txt = ascii_digits(year_raw), ascii_digits(seq_raw)
    letters = "".join(dict.fromkeys(c for c in year_txt if c in _LETTER_O))
    if letters:
        problems.append("年份中的" + "".join(f"“{c}”" for c in letters) + "应为数字“0”")
        year_txt = year_txt.translate(_O_TO_ZERO)
    year = int(year_txt) if len(year_txt) == 4 else None
    if year_txt and year is None:
        problems.append("年份应标全称（四位数字）")
    if m["di"]:
        problems.append("序号前不加“第”字")
    if len(seq_txt) > 1 and seq_txt.startswith("0"):
        problems.append("序号不编虚位（1不编为01）")
    hao = m["hao"]
    if seq_txt and not hao and not _LIST_FOLLOWS.match(text, m.end()):
        problems.append("序号后缺少“号”字")
    if re.search(f"[{BLANKS}]", written.rstrip(BLANKS)):
        problems.append("发文字号中不应有空格")
    corrected = None
    if year is not None and seq_txt and int(seq_txt) > 0:
        ending = hao or ("" if _LIST_FOLLOWS.match(text, m.end()) else "号")
        corrected = f"〔{year}〕{int(seq_txt)}{ending}"
    cut, org = _trim_org(m["org"])
    end = m.start() + len(m[0].rstrip(BLANKS))
    completed = m["year2"] is not None or m["year3"] is not None or (corrected is not None and not hao
                                                                     and corrected.endswith("号"))
    return DocNumber(m.start("org") + cut, number_start, end, org, text[number_start:end], year,
                     tuple(problems), corrected, not year_txt, int(seq_txt) if seq_txt else None, completed)
