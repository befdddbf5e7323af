"""The load-time check of user patterns: nested and adjacent variable quantifiers over
overlapping characters are refused, everyday patterns are not."""
import re

import pytest

from lawlint.engine.regex_safety import UnsafePattern, check

REFUSED = [
    r"(a+)+$", r"(a*)*b", r"(\d+\s?)+", r"(?:\w{1,3})*x", r"(a|aa)+", r"(a|a)+", r"(x+x+)+y",
    r"(?:[一-龥]+、?)+", r"(\w+\s*)+$", r"(.*)+", r"(?P<n>\d+)*\.",
    r"\d+\d+", r".*.*x", r"\s*\d*\s*x", r"[^》]*[^《]*x", r"(?:法制|法治|法制建设)+", r"年\s*(?:\d{1,2}\s*)*月",
    r"(?x) (a +) + $  # verbose: the same nesting", r"(?:\d\d*)+", r"(?:.\s+\d*?)*x", r"(a?)+b", r"(?:(?<!b)*?a)+",
    r"(?:a+?a?b)+c",
]
ACCEPTED = [
    r"(?:\s*\d)+", r"\d+年", r"[一-龥]+\d+", r"(?:第[一二三]条|第[四五]款)+", r"法制(政府|国家|社会|建设)", r"[^》]*》",
    r"(?<![0-9])(?P<y>[0-9]{4})年(?P<m>[0-9]{1,2})月", r"截止(?:目前|到|今年|\d{4}年)", r"(?:报告|报送)+",
    r"\d+\s+\d+", r"(?x) a+  # a comment\n b+", r"[A-Za-z0-9._-]+@[A-Za-z0-9.-]+", r"(?:https?://|www\.)\S+",
    r"[\u3400-\u4dbf]{2,}[ \t]+\d+", r"(?i)draft\s+report", r"(?:\d{1,2}[.．]){2}", r"[（(][一二三四五六七八九十]+[)）]",
    r"\[\s*打印\s*\]", r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$", r"([的了])\1", r"a{2}b{3}", r"[]a]+[^]a]+c", r"\u4e00+\x41+",
    r".{0,24}(?:报告|情况).{0,24}", r"(x)?(?(1)a+|b+)c", r"(?#comment)a+b+",
]


@pytest.mark.parametrize("pattern", REFUSED)
def test_refused(pattern):
    re.compile(pattern)
    with pytest.raises(UnsafePattern):
        check(pattern)


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_accepted(pattern):
    re.compile(pattern)
    check(pattern)


def test_the_message_says_where():
    with pytest.raises(UnsafePattern, match="第 3 个字符处"):
        check(r"年月(\d+)+")


def test_a_refused_pattern_is_really_slow_and_its_rewrite_is_not():
    """What the check guards against, on a line of 24 characters."""
    import time

    line = "1" * 24 + "x"
    started = time.perf_counter()
    re.search(r"^(\d+)+$", line)
    slow = time.perf_counter() - started
    started = time.perf_counter()
    re.search(r"^\d+$", line)
    assert slow > 50 * (time.perf_counter() - started)


def test_an_unsafe_pattern_in_a_profile_stops_the_run_with_file_and_line(cli, tmp_path, monkeypatch):
    (tmp_path / "本省.yml").write_text("name: local\nextends: fazhi-report\ndetect:\n  title: '(?:\\S+\\s*)+建设'\n",
                                      encoding="utf-8")
    (tmp_path / ".lawlint.yaml").write_text("profiles: [./本省.yml]\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("正文。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "d.txt")
    assert run.code == 2 and run.out == "" and len(run.err.splitlines()) == 1
    assert "本省.yml:4: 正则表达式 “(?:\\S+\\s*)+建设” 不安全" in run.err
