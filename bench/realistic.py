"""Reports as dirty as real web and PDF copies, for measuring lawlint where it is slowest.

Copies of 法治政府建设年度报告 taken from government sites, reposting sites and PDFs carry
hundreds of findings each: the copy turned most of the full-width ，：；（） into ASCII, a
PDF left a space at every line width, a mirror site put some characters into traditional
script, an encoding slip left mojibake, and the page's navigation and footer came along.
This module writes such reports.

The body paragraphs are either taken at run time from folders of real documents named by
the caller (nothing from them is stored in the repository: the reports go to an output
folder) or written by ``generate.Writer``; either way each paragraph is first made clean
(full-width marks, no stray spaces, simplified script) and then damaged at rates drawn per
report, so that the density of defects does not depend on where the text came from.  The
same seed and the same source folders give byte-identical reports.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from generate import BUREAUS, HEADS, LEVELS, PLACES, Writer, paragraph

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_HAN_RE = re.compile(f"[{HAN}]")
_CJK = f"{HAN}\u3000-\u303f\uff01-\uff60\u201c\u201d\u2014\u2026"

# --- turning a real paragraph into a clean one -------------------------------------------------
_TO_FULL = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "?": "？", "!": "！"}
_HALF_NEAR_CJK = re.compile(f"(?<=[{_CJK}])[,;:()?!]|[,;:()?!](?=[{_CJK}])")
_SPACE_IN_HAN = re.compile(f"(?<=[{_CJK}])[ \t\u00a0\u3000]+(?=[{_CJK}])")
_STRAIGHT_PAIR = re.compile(r'"([^"\n]{1,40})"')
_LEAD_MARKER = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]"
                          r"|第[一二三四五六七八九十]+[，、]?)\s*")
_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*(?:-|－|~|～|–|——|--)\s*((?:19|20)\d\d)(?=\s*[年）)])")
_SENTENCE_END = "。！？"


def _normalise(text: str, t2s) -> str:
    text = text.strip(" \t\u3000\u00a0\ufeff")
    text = _SPACE_IN_HAN.sub("", text)
    text = _HALF_NEAR_CJK.sub(lambda m: _TO_FULL[m[0]], text)
    text = _HALF_NEAR_CJK.sub(lambda m: _TO_FULL[m[0]], text)  # ASCII marks side by side: ),
    text = _STRAIGHT_PAIR.sub(r"“\1”", text)
    text = _YEAR_RANGE.sub(r"\1—\2", text)
    text = text.replace("》、《", "》《").replace("”、“", "”“")
    if t2s is not None:
        converted = t2s.convert(text)
        if len(converted) == len(text):
            text = converted
    return _LEAD_MARKER.sub("", text)


def load_paragraphs(sources: list[Path], min_chars: int = 60) -> list[str]:
    """Body paragraphs of the .txt files under ``sources``, made clean, each once, in a stable order.

    A paragraph is a line of at least ``min_chars`` characters, mostly Chinese, ending a
    sentence, without the markup of a table or a page (``|``, ``http``) and without mojibake.
    """
    t2s = _opencc("t2s")
    seen: set[str] = set()
    out: list[str] = []
    for source in sources:
        files = [source] if source.is_file() else sorted(source.rglob("*.txt"))
        for path in files:
            try:
                raw = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for line in raw.splitlines():
                text = _normalise(line, t2s)
                if len(text) < min_chars or text[-1] not in _SENTENCE_END:
                    continue
                if "|" in text or "http" in text or "\ufffd" in text or "锟" in text:
                    continue
                if len(_HAN_RE.findall(text)) < 0.7 * len(text):
                    continue
                if text not in seen:
                    seen.add(text)
                    out.append(text)
    return out


_CONVERTERS: dict[str, object] = {}


def _opencc(name: str):
    """OpenCC's converter ``name`` (loaded once), or None without OpenCC."""
    if name not in _CONVERTERS:
        try:
            import opencc
        except ImportError:  # pragma: no cover - opencc is one of lawlint's dependencies
            return None
        _CONVERTERS[name] = opencc.OpenCC(name)
    return _CONVERTERS[name]


# --- damage --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rates:
    """How a copy damaged one report (drawn per report by ``draw``)."""

    ascii_marks: float     # share of ，：；（）？！ turned into ASCII
    straight_quotes: bool  # “” turned into ""
    pdf_width: int         # a space every this many characters (0: not a PDF copy)
    pdf_share: float       # share of paragraphs wrapped so
    traditional: float     # share of paragraphs from a traditional-script mirror
    scattered: int         # single traditional words elsewhere
    mojibake: int          # places where an encoding slip left mojibake
    hyphen_years: bool     # 2021—2025 written 2021-2025
    chrome: bool           # web page navigation and footer around the text


def draw(rng: random.Random) -> Rates:
    """One report's damage: most copies are web copies with ASCII marks; some are PDF copies."""
    web = rng.random() < 0.85
    return Rates(
        ascii_marks=1.0 if rng.random() < 0.9 else rng.uniform(0.4, 0.9),
        straight_quotes=rng.random() < 0.4,
        pdf_width=rng.randint(28, 40) if rng.random() < 0.4 else 0,
        pdf_share=rng.uniform(0.15, 0.5),
        traditional=rng.uniform(0.06, 0.18) if rng.random() < 0.35 else 0.0,
        scattered=rng.randint(1, 6),
        mojibake=rng.choice([0, 0, 1, 1, 2, 3]),
        hyphen_years=rng.random() < 0.7,
        chrome=web,
    )


_FULL_MARKS = re.compile("[，：；（）？！]")
_TO_HALF = {v: k for k, v in _TO_FULL.items()}


def _ascii_marks(text: str, rng: random.Random, share: float) -> str:
    return _FULL_MARKS.sub(lambda m: _TO_HALF[m[0]] if rng.random() < share else m[0], text)


def _wrap_spaces(text: str, width: int, offset: int) -> str:
    """The spaces a PDF leaves where its lines wrapped: every ``width`` characters, between Chinese."""
    out, last = [], 0
    for i in range(width - offset % width, len(text), width):
        if _HAN_RE.match(text[i - 1]) and _HAN_RE.match(text[i]):
            out += [text[last:i], " "]
            last = i
    out.append(text[last:])
    return "".join(out)


def _mojibake(text: str, rng: random.Random) -> str:
    """A few characters read with the wrong encoding (UTF-8 bytes decoded as GBK), or lost to U+FFFD."""
    if len(text) < 20:
        return text
    i = rng.randrange(5, len(text) - 5)
    if rng.random() < 0.3:
        return text[:i] + "\ufffd" + text[i + 1:]
    piece = text[i:i + rng.randint(2, 4)]
    return text[:i] + piece.encode("utf-8").decode("gbk", errors="replace") + text[i + len(piece):]


class Damage:
    """Applies one report's ``Rates`` to its lines."""

    def __init__(self, rng: random.Random, rates: Rates) -> None:
        self.rng, self.rates = rng, rates
        self.s2t = _opencc("s2t") if rates.traditional or rates.scattered else None

    def body(self, text: str) -> str:
        rng, r = self.rng, self.rates
        if self.s2t is not None and r.traditional and rng.random() < r.traditional:
            converted = self.s2t.convert(text)
            if len(converted) == len(text):
                text = converted
        if r.hyphen_years:
            text = re.sub(r"((?:19|20)\d\d)—((?:19|20)\d\d)", r"\1-\2", text)
        if r.straight_quotes:
            text = text.replace("“", '"').replace("”", '"')
        text = _ascii_marks(text, rng, r.ascii_marks)
        if r.pdf_width and rng.random() < r.pdf_share:
            text = _wrap_spaces(text, r.pdf_width, rng.randrange(r.pdf_width))
        return text

    def scatter(self, lines: list[str], body: list[int]) -> None:
        """A few traditional words and mojibake spots in random body lines (in place)."""
        rng, r = self.rng, self.rates
        if not body:
            return
        for _ in range(r.scattered if self.s2t is not None else 0):
            k = rng.choice(body)
            line = lines[k]
            if len(line) > 12:
                i = rng.randrange(2, len(line) - 4)
                piece = line[i:i + 2]
                converted = self.s2t.convert(piece)
                if len(converted) == len(piece):
                    lines[k] = line[:i] + converted + line[i + 2:]
        for _ in range(r.mojibake):
            k = rng.choice(body)
            lines[k] = _mojibake(lines[k], rng)


# --- the report ----------------------------------------------------------------------------------
def _chrome_top(rng: random.Random, organ: str, place: str, title: str, year: int) -> list[str]:
    date = f"{year + 1}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
    lines = [rng.choice(["首页 > 政务公开 > 法治政府建设 > 年度报告",
                         f"您现在的位置：首页 > 信息公开 > {place}动态",
                         "当前位置: 首页 >> 政府信息公开 >> 法治政府建设"])]
    if rng.random() < 0.5:
        lines.append(f"索引号：{rng.randint(10**8, 10**9 - 1)}/{year + 1}-{rng.randint(10000, 99999)}")
    lines.append(title)
    lines.append(rng.choice([f"发布时间：{date} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}  来源：{organ}",
                             f"来源: {organ}  发布日期: {date}  浏览次数: {rng.randint(50, 9000)}",
                             f"信息来源：{place}人民政府办公室 更新时间：{date}"]))
    lines.append(rng.choice(["字体：[大 中 小]  【打印本页】  【关闭窗口】", "【字体：大 中 小】 【打印】",
                             "分享到：", "保护视力色："]))
    return lines + [""]


def _chrome_bottom(rng: random.Random, place: str, year: int) -> list[str]:
    lines = ["", rng.choice(["【打印本页】 【关闭窗口】", "【打印】【关闭】", "扫一扫在手机打开当前页"])]
    if rng.random() < 0.6:
        lines.append(f"上一篇：关于公布{year + 1}年度行政执法统计数据的通知")
        lines.append(f"下一篇：{place}{year + 1}年政府信息公开工作年度报告")
    lines.append(rng.choice([f"版权所有：{place}人民政府办公室  网站标识码：{rng.randint(10**9, 10**10 - 1)}",
                             f"主办单位：{place}人民政府  ICP备{rng.randint(10**7, 10**8 - 1)}号"]))
    return lines


_TITLES = ["《中华人民共和国行政处罚法》", "《中华人民共和国行政许可法》", "《中华人民共和国行政复议法》",
           "《中华人民共和国民法典》", "《中华人民共和国宪法》", "《优化营商环境条例》",
           "《重大行政决策程序暂行条例》", "《中华人民共和国政府信息公开条例》", "《法治政府建设实施纲要（2021—2025年）》",
           "《中华人民共和国行政强制法》"]


def _study_sentence(rng: random.Random) -> str:
    """A list of laws, as reports name what was studied: 》、《 between them."""
    titles = rng.sample(_TITLES, rng.randint(2, 4))
    return f"组织学习{'、'.join(titles)}等法律法规，举办专题讲座{rng.randint(2, 20)}场。"


def _quoted_sentence(rng: random.Random, writer: Writer) -> str:
    slogan = rng.choice(["“放管服”", "“最多跑一次”", "“互联网+监管”", "“双随机、一公开”", "“谁执法谁普法”"])
    return f"深化{slogan}改革，{writer.act(False)}。"


def _next_paragraph(rng: random.Random, writer: Writer, pool: list[str], used: set[int], real_share: float,
                    room: float) -> str:
    """A real paragraph not yet used in this report that fits in ``room`` (a few tries), else a
    generated one, sometimes with a list of laws or a slogan in quotation marks."""
    if pool and rng.random() < real_share:
        for _ in range(8):
            i = rng.randrange(len(pool))
            if i not in used and len(pool[i]) <= room + 40:
                used.add(i)
                return pool[i]
    text = paragraph(writer, int(min(max(room - 40, 60), rng.randint(150, 400))))[2:]
    if rng.random() < 0.3:
        text += _study_sentence(rng) if rng.random() < 0.5 else _quoted_sentence(rng, writer)
    return text


def realistic_report(rng: random.Random, chars: int, pool: list[str], real_share: float) -> str:
    """One report of about ``chars`` characters (chrome included)."""
    rates = draw(rng)
    damage = Damage(rng, rates)
    place = rng.choice(PLACES) + rng.choice(LEVELS)
    government = rng.random() < 0.3
    organ = f"{place}人民政府" if government else place + rng.choice(BUREAUS)
    year = rng.randint(2021, 2025)  # the 纲要 of 2021—2025 it cites was in force
    writer = Writer(rng)
    title = f"{organ}关于{year}年法治政府建设情况的报告"
    lines = _chrome_top(rng, organ, place, title, year) if rates.chrome else []
    lines += [title, "", f"{place}委、{place}人民政府："]
    body: list[int] = []

    def add(text: str) -> None:
        body.append(len(lines))
        lines.append("　　" + damage.body(text))

    add(f"{year}年，{organ}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
        f"认真落实《法治政府建设实施纲要（2021—2025年）》，现将有关情况报告如下。")
    used: set[int] = set()
    size = sum(len(line) for line in lines)
    sections = [f"一、{year}年推进法治政府建设的主要举措和成效", "二、存在的不足和原因",
                "三、党政主要负责人履行推进法治建设第一责任人职责情况", f"四、{year + 1}年推进法治政府建设的主要安排"]
    shares = [0.6, 0.12, 0.1, 0.18]
    budget = chars - size - (400 if rates.chrome else 200) - 700  # the 落款 and the footer; headings
    for title_line, share in zip(sections, shares):
        lines.append("　　" + damage.body(title_line))
        subsections = max(2, int(share * 10))
        for k in range(subsections):
            lines.append("　　" + damage.body(f"（{'一二三四五六七八九十'[k]}）{rng.choice(HEADS)}"))
            target = budget * share / subsections
            written = 0
            while written < target:
                add(text := _next_paragraph(rng, writer, pool, used, real_share, target - written))
                written += len(text)
    damage.scatter(lines, body)
    month, day = rng.randint(1, 2), rng.randint(1, 28)
    lines += ["", f"　　　　　　　　　　　　　　　　{organ}", f"　　　　　　　　　　　　　　　　{year + 1}年{month}月{day}日"]
    if rates.chrome:
        lines += _chrome_bottom(rng, place, year)
    return "\n".join(lines) + "\n"


def generate_realistic(out: Path, count: int = 1000, chars: int = 8000, seed: int = 1,
                       sources: list[Path] | None = None, real_share: float = 0.7) -> list[Path]:
    """Write ``count`` realistic reports to ``out``; paragraphs from ``sources`` with probability
    ``real_share`` (when there are any), the rest from ``Writer``."""
    pool = load_paragraphs(sources) if sources else []
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = out / f"report-{i:04d}.txt"
        path.write_text(realistic_report(rng, chars, pool, real_share), encoding="utf-8")
        paths.append(path)
    return paths
