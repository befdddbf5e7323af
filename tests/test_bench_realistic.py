"""bench/realistic.py: dirty reports for the benchmark, reproducible and as dense in findings as real copies."""
from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import realistic  # noqa: E402

from lawlint.engine.linter import Linter  # noqa: E402

# Source documents written for these tests: a web copy with ASCII marks and a stray space,
# a line from a traditional-script mirror, and lines that are not body paragraphs.
WEB_COPY = ("青山县司法局2024年工作情况\n"
            "发布时间:2025-01-10\n"
            "一、全年组织执法人员开展培训,覆盖行政执法人员三百余人次,并对执法 案卷进行集中评查(共评查案卷一百二十卷),"
            "评查结果在系统内通报。\n"
            "(二)持续推进公正文明执法:落实行政执法三项制度;规范行政裁量权基准,做到同案同罚,"
            "对轻微违法行为依法免予处罚并将结果向社会公开。\n"
            "持续推进公正文明执法:落实行政执法三项制度;规范行政裁量权基准,做到同案同罚,"
            "对轻微违法行为依法免予处罚并将结果向社会公开\n"
            "短行也不算段落。\n")
MIRROR = ("全面推進依法行政，健全重大行政決策程序，完善行政規範性文件合法性審核機制，"
          "提升基層執法人員的法治意識，讓群眾在每一件事中感受到公平正義。\n")


@pytest.fixture
def sources(tmp_path):
    folder = tmp_path / "sources"
    (folder / "web").mkdir(parents=True)
    (folder / "web" / "a.txt").write_text(WEB_COPY, encoding="utf-8")
    (folder / "b.txt").write_text(MIRROR + MIRROR, encoding="utf-8")
    (folder / "notes.yaml").write_text("- 不是正文的文件，不读。\n" * 3, encoding="utf-8")
    return folder


def test_paragraphs_are_taken_clean_once_each(sources):
    pool = realistic.load_paragraphs([sources])
    assert pool == [
        "全面推进依法行政，健全重大行政决策程序，完善行政规范性文件合法性审核机制，"
        "提升基层执法人员的法治意识，让群众在每一件事中感受到公平正义。",
        "全年组织执法人员开展培训，覆盖行政执法人员三百余人次，并对执法案卷进行集中评查（共评查案卷一百二十卷），"
        "评查结果在系统内通报。",
        "持续推进公正文明执法：落实行政执法三项制度；规范行政裁量权基准，做到同案同罚，对轻微违法行为依法免予处罚并将结果向社会公开。",
    ]


def test_normalising_keeps_ascii_in_numbers_and_fixes_ranges():
    text = realistic._normalise("办结率98.5%,共1,200件,时间14:30,依据《纲要(2021-2025年)》、《条例》。", None)
    assert text == "办结率98.5%，共1,200件，时间14:30，依据《纲要（2021—2025年）》《条例》。"


def test_pdf_wrap_puts_spaces_between_han_only():
    text = "一二三四五六七八九十" * 3 + "12345" + "一二三四五"
    wrapped = realistic._wrap_spaces(text, 10, 0)
    assert wrapped.replace(" ", "") == text
    assert [i for i, c in enumerate(wrapped) if c == " "] == [10, 21]  # not at 30: a digit follows


def test_same_seed_same_reports(sources, tmp_path):
    first = realistic.generate_realistic(tmp_path / "one", count=3, chars=3000, seed=7, sources=[sources])
    second = realistic.generate_realistic(tmp_path / "two", count=3, chars=3000, seed=7, sources=[sources])
    other = realistic.generate_realistic(tmp_path / "three", count=3, chars=3000, seed=8, sources=[sources])
    texts = [p.read_bytes() for p in first]
    assert texts == [p.read_bytes() for p in second]
    assert texts != [p.read_bytes() for p in other]


def test_source_paragraphs_appear_damaged(sources, tmp_path):
    pool = realistic.load_paragraphs([sources])
    paths = realistic.generate_realistic(tmp_path / "out", count=4, chars=3000, seed=3, sources=[sources],
                                         real_share=1.0)
    lines = [line.strip("　") for p in paths for line in p.read_text(encoding="utf-8").splitlines()]
    t2s = realistic._opencc("t2s")
    restored = {realistic._normalise(line, t2s) for line in lines}
    assert set(pool) <= restored
    assert set(pool).isdisjoint(lines)  # every one of them was changed by the copy


def test_findings_per_report_match_real_copies(tmp_path):
    """About 530 findings a report, most of them ASCII marks (PU001), then traditional
    characters (TX005), as in the corpus the team measured with."""
    paths = realistic.generate_realistic(tmp_path, count=24, chars=8000, seed=1)
    linter = Linter()
    counts: Counter = Counter()
    for path in paths:
        counts.update(v.code for v in linter.lint_bytes(str(path), path.read_bytes()).violations)
    per_report = {code: n / len(paths) for code, n in counts.items()}
    assert 400 < sum(per_report.values()) < 700
    assert 250 < per_report["PU001"] < 420
    assert 30 < per_report["TX005"] < 200
    for code in ("TX001", "PU002", "PU004", "PU005", "TX002", "TX003"):
        assert per_report.get(code, 0) > 0, code


def test_draw_is_a_mix_of_copies():
    rng = random.Random(5)
    rates = [realistic.draw(rng) for _ in range(400)]
    assert 0.8 < sum(r.chrome for r in rates) / 400 < 0.9
    assert 0.3 < sum(bool(r.pdf_width) for r in rates) / 400 < 0.5
    assert sum(r.ascii_marks for r in rates) / 400 > 0.9
