"""``lawlint.engine.prefilter`` skips a pattern when the text lacks what every match contains:
a shortcut that must never hide a match."""
import re

import pytest

from lawlint.document import Document
from lawlint.engine.prefilter import (
    Presence,
    _character_class,
    blocks_holding,
    finditer_lines,
    holds_any,
    needs,
    possible,
    scanner,
    uses_line_anchors,
)

PATTERNS = [
    r"锟斤拷|(?:烫){3,}|(?:屯){3,}",
    r"(?:\d{4}|[XＸ×]{2,4})年[XＸ×]{1,2}月(?:[XＸ×]{1,2}日)?",
    r"(?<!。)。。(?!。)",
    r"(?<=[\u4e00-\u9fff，、])(?:\.{3,6}|。{3,6}|…{3,})",
    r"(?:坚定|做到)([“\"‘]?四个意识)",
    r"\d(?<![\d年.’'/\-－]\d)\d年(?=\d{1,2}月|度|底|初|末|上半年|下半年)",
    r"a{2,}b",
    r"截止(?:目前|到)?",
    r"(?:^|(?<=[。；：]))(第[一二三])、",
    r"[^，]{2}x",
    r"(?i:ab)c",
]
TEXTS = [
    "", "乱码锟斤拷在此", "烫烫烫", "烫烫", "2024年X月X日", "××年×月", "工作完成。。下一步", "工作完成。。。",
    "完成...", "坚定“四个意识”", "做到四个意识", "24年3月", "2024年3月", "aab", "ab", "aaab", "截止目前",
    "第一、加强领导", "要求：第二、压实", "xyx", "ABc", "abc", "上半年24年度",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_possible_never_hides_a_match(pattern):
    compiled = re.compile(pattern)
    for text in TEXTS:
        if compiled.search(text):
            assert possible(compiled, text), (pattern, text)


@pytest.mark.speedup
def test_what_every_match_contains():
    assert needs(re.compile(r"锟斤拷|(?:烫){3,}")) == ("any", ("锟斤拷", "烫烫烫"))
    assert needs(re.compile(r"a{2,}b")) == ("all", ("aa", frozenset("b")))
    assert needs(re.compile(r"(?=度|底)x")) == ("all", (frozenset("度底"), frozenset("x")))  # re merges 度|底 into [度底]
    assert needs(re.compile(r"(?i)abc")) is None  # case-insensitive: not analysed
    assert needs(re.compile(r"\d+|[^a]")) is None  # a branch that needs nothing


@pytest.mark.speedup
def test_a_text_lacking_what_is_needed_is_skipped():
    pattern = re.compile(r"(?:\d{4}|[XＸ×]{2,4})年[XＸ×]{1,2}月")
    assert not possible(pattern, "2024年3月完成")
    assert possible(pattern, "2024年X月完成")
    assert not possible(re.compile("。。"), "完成。下一步。")


@pytest.mark.parametrize("compile_after", [0, 10**9])
def test_presence_answers_as_the_set_of_characters_does(monkeypatch, compile_after):
    """Small sets are searched character by character, large ones as one class (or, until
    enough documents asked for it, from the text's characters); asked again, in any order,
    the answers stay those of the plain set."""
    import random

    from lawlint.engine import prefilter

    monkeypatch.setattr(prefilter, "_COMPILE_AFTER", compile_after)
    monkeypatch.setattr(prefilter, "_asked", {})

    rng = random.Random(7)
    alphabet = "年月日的法治政府〔〕【】“”‘’《》，。、；：？！,.;:?!()（）\"'「」『』-]^\\ xX×0123456789\u3400\u4e00\u9fa5\U00020000"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        presence, plain = Presence(text), frozenset(text)
        for _ in range(6):
            chars = frozenset(rng.sample(alphabet, rng.randrange(1, 20)))
            assert presence.any_of(chars) is (not plain.isdisjoint(chars)), (text, chars)
            assert presence.any_of(chars) is (not plain.isdisjoint(chars))
            char = rng.choice(alphabet)
            assert presence.holds(char) is (char in plain)


def test_a_character_class_matches_exactly_its_characters():
    chars = frozenset("abcx-]^\\" + "".join(map(chr, range(0x4E00, 0x4E40))) + "\u9fa5\U00020000")
    pattern = _character_class(chars)
    for code in [*range(0, 0x80), *range(0x4DF0, 0x4E50), 0x9FA4, 0x9FA5, 0x9FA6, 0x20000, 0x20001]:
        assert bool(pattern.fullmatch(chr(code))) is (chr(code) in chars), hex(code)


@pytest.mark.speedup
def test_a_document_tells_which_characters_it_holds():
    doc = Document("他说：\"截止目前\"。")
    assert holds_any(doc, frozenset("\"'")) and not holds_any(doc, frozenset("「」『』"))
    assert holds_any(doc, frozenset(map(chr, range(0x4E00, 0x9FA6))))  # a large set: one class search


def _spans(pattern, text):
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


def _case_texts():
    import pathlib

    import yaml

    for path in sorted((pathlib.Path(__file__).parent / "cases").glob("*.yml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")).values():
            if isinstance(case, dict):
                yield from (v for k, v in case.items() if k in ("pass", "fail") and isinstance(v, str))


def _rule_patterns():
    import importlib
    import pkgutil

    import lawlint.checks
    from lawlint.engine.linter import Linter

    modules = [importlib.import_module(f"lawlint.checks.{m.name}") for m in pkgutil.iter_modules(lawlint.checks.__path__)]
    modules += [importlib.import_module(f"lawlint.{name}") for name in ("lang.dates", "document.metadata", "document.sentences", "lang.docnumbers")]
    for module in modules:
        yield from (v for v in vars(module).values() if isinstance(v, re.Pattern))
    for rule in Linter().rules:
        for value in vars(type(rule)).values():
            values = value if isinstance(value, (list, tuple)) else [value]
            yield from (v for v in values if isinstance(v, re.Pattern))


@pytest.mark.speedup
def test_scanner_finds_the_same_matches():
    patterns = [re.compile(p) for p in PATTERNS] + [
        re.compile(r"(?:^|(?<=[。；：;:]))([ \t]*\d{1,2})、", re.MULTILINE),
        re.compile(r"(?<![\d.／/])(?P<y>(?:19|20)\d{2})(?P<s>[./／])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})"),
        re.compile(r"[。！？]|(?<=.)\."), re.compile(r"(?<!x)y?"), re.compile(r"\b\w+")]
    patterns += list(_rule_patterns())
    texts = TEXTS + ["2024.3.1完成。1、加强。2、落实；3、推进", "a.b。c", "一、二、三个月", "xyz y yy"]
    texts += list(_case_texts())
    changed = 0
    for pattern in patterns:
        fast = scanner(pattern)
        changed += fast is not pattern
        for text in texts:
            assert _spans(fast, text) == _spans(pattern, text), (pattern.pattern, text)
    assert changed >= 10  # the rules' slow-starting patterns are sped up


@pytest.mark.speedup
def test_scanner_wraps_only_patterns_that_start_slowly():
    lookbehind = re.compile(r"(?<![\d.])(?:19|20)\d{2}\.")
    assert scanner(lookbehind).pattern.startswith("(?=[12])")
    for pattern in [r"[12]\d{3}", r"(?:19|20)\d{2}", r"(?<!x)y?", r"(?<!x).y", r"(?<!x)[^a]", r"(?i)(?<!x)abc",
                    r"^\d+年"]:
        compiled = re.compile(pattern)
        assert scanner(compiled) is compiled, pattern


def _anchored_searches():
    """Every (pattern, anchor) pair the rules search with ``finditer_lines``."""
    from lawlint.checks import (
        approximate_number,
        dotted_date,
        malformed_date,
        meeting_before_document,
        year_numerals,
    )
    from lawlint.lang import dates

    return [(dates._STANDARD_RE, dates.MONTH_DAY_ANCHOR), (malformed_date._MONTH_DAY, dates.MONTH_DAY_ANCHOR),
            (approximate_number._APPROX, approximate_number._APPROX_ANCHOR),
            (dotted_date._DOTTED, dotted_date._DOTTED_ANCHOR), (year_numerals._YEAR, year_numerals._YEAR_ANCHOR),
            (meeting_before_document._CONGRESS, meeting_before_document._CONGRESS_ANCHOR)]


_PIECES = ["2024", "20", "24", "1", "3", "12", "05", "０５", "年", "月", "日", "、", "一", "二", "三", "九", "十九",
           "二〇二四", "二0二", "○", "零", ".", "/", "／", "党的", "大", "精神", "召开", "个", "次", "人", "项",
           " ", "\t", "　", "\n", "，", "。", "工作", "x",
           # whole matches, for the pieces around them to break or extend
           "3月5日", "2024年3月1日", "2024年 03 月 5日", "2024.3.1", "2024/03/05", "3、5个", "二〇二四年", "二零二四 年",
           "十九大精神", "党的二十大", "二十一大召开"]


def _drafts(count: int, seed: int = 4):
    import random

    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 40))) for _ in range(count)]


def test_searching_only_the_anchored_lines_finds_every_match():
    texts = TEXTS + list(_case_texts()) + _drafts(3000)
    for pattern, anchor in _anchored_searches():
        found = 0
        for text in texts:
            expected = _spans(pattern, text)
            assert _spans(_Anchored(pattern, anchor), text) == expected, (pattern.pattern, text)
            found += len(expected)
        assert found >= 20, pattern.pattern  # the drafts exercise the pattern


@pytest.mark.speedup
def test_an_anchor_missing_some_lines_would_be_caught():
    from lawlint.checks.dotted_date import _DOTTED

    too_narrow = re.compile("/")  # misses 2024.3.1
    assert any(_spans(too_narrow_search, text) != _spans(_DOTTED, text) for text in _drafts(3000)
               for too_narrow_search in [_Anchored(_DOTTED, too_narrow)])


class _Anchored:
    """``finditer_lines`` shaped like a pattern, for ``_spans``."""

    def __init__(self, pattern, anchor):
        self.pattern, self.anchor = pattern, anchor

    def finditer(self, text):
        return finditer_lines(self.pattern, self.anchor, text)


def test_only_real_line_anchors_ask_for_a_multiline_copy():
    from lawlint.kinds.base import _line_anchored

    for pattern in [r"(?:^|(?<=[。]))x", r"a$", r"(?:ab|c(?=$))", r"(?<=^)b", r"(?P<x>a)(?(x)b|^c)"]:
        compiled = re.compile(pattern)
        assert uses_line_anchors(compiled), pattern
        assert _line_anchored(compiled).flags & re.MULTILINE
    for pattern in [r"[^】]*x", r"[\^]", r"a", r"【(?:待|请)[^】]*】"]:
        compiled = re.compile(pattern)
        assert not uses_line_anchors(compiled), pattern
        assert _line_anchored(compiled) is compiled


def test_doc_number_anchors_are_those_of_the_plain_two_branch_search():
    """``docnumbers`` skips to brackets and 〕; it must try the places the plain search found."""
    import random

    from lawlint.lang.docnumbers import _D, CLOSES, OPENS, _anchors

    blanks = "[ \t\u3000\u00a0]*"
    plain = re.compile(rf"[{re.escape(OPENS)}]{blanks}(?:{_D}|[{re.escape(CLOSES)}]{blanks}{_D})|(?:19|20)[0-9]{{2}}〕")
    rng = random.Random(3)
    pieces = ["〔", "〕", "[", "]", "（", "）", "(", "【", "„", "‟", "﹝", "2024", "2017", "19", "20", "53", "５", " ",
              "号", "江开", "办"]
    drafts = ["".join(rng.choices(pieces, k=rng.randint(1, 20))) for _ in range(4000)] + list(_case_texts())
    for text in drafts:
        assert list(_anchors(text)) == [m.start() for m in plain.finditer(text)], text


def test_patterns_written_class_first_match_as_their_plain_forms():
    """CPython's re skips ahead only to a pattern's first class or literal; an alternation or
    a repeated class is tried at every position.  The rewritten forms must match the same."""
    import random

    from lawlint.checks import halfwidth_punctuation, stray_space
    from lawlint.document import sentences
    from lawlint.lang import similarity
    from lawlint.lang.text import BLANKS

    pairs = [
        (halfwidth_punctuation._URL,
         r"(?:https?://|www\.)\S+|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"),
        (sentences._SENTENCE_END, r"(?:[。！？!?；;…]|(?<=.)\.)[" + re.escape(sentences._AFTER_END) + "]*"),
        (stray_space._RUN, f"[{BLANKS}]+"),
        (similarity._NOT_WORD, r"[\W_]+"),
        (similarity._NOT_WORD_OR_SEPARATOR, r"[^\w\x00]+"),
    ]
    rng = random.Random(2)
    pieces = ["http", "https", "://", "www", ".", "gov", "cn", "@", "a", "1", "-", "_", " ", "\u3000", "\t", "\n",
              "中", "/", "。", "！", "?", "；", "…", "”", "）", "'", "h", "w", "\x00", "，"]
    drafts = ["".join(rng.choices(pieces, k=rng.randint(0, 14))) for _ in range(20000)]
    for fast, plain in pairs:
        plain = re.compile(plain)
        for text in drafts:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], (plain, text)


@pytest.mark.speedup
def test_blocks_holding_an_anchor_are_those_where_it_matches_one_by_one():
    from lawlint.checks import (
        approximate_number,
        dotted_date,
        meeting_before_document,
        year_numerals,
    )
    from lawlint.document import HEADING, PARAGRAPH, SIGNATURE, TITLE, Document

    anchors = [dotted_date._DOTTED_ANCHOR, year_numerals._YEAR_ANCHOR, approximate_number._APPROX_ANCHOR,
               meeting_before_document._CONGRESS_ANCHOR]
    kinds = (TITLE, HEADING, PARAGRAPH, SIGNATURE)
    held = 0
    for text in _drafts(1500, seed=6):
        doc = Document("关于工作的报告\n" + text.replace("\n", "。\n"))
        for anchor in anchors:
            holding = blocks_holding(doc, anchor, *kinds)
            assert holding == [b for b in doc.blocks_of(*kinds) if anchor.search(b.text)], (anchor.pattern, text)
            held += len(holding)
    assert held > 500
