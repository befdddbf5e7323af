"""The command's cache of compiled regular expressions: rebuilt patterns are the ones
``re`` compiles, damaged files are ignored, and only the command uses it."""
from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lawlint import regex_cache
from lawlint.regex_cache import Store

pytestmark = pytest.mark.skipif(sys.implementation.name != "cpython", reason="the cache is for CPython only")

compile_uncached = regex_cache._compiler.compile  # re's own compiler (the tests never install the cache)

PATTERNS = [
    (r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+", 0),
    (r"(?P<year>(?:19|20)\d{2})年(?P<month>\d{1,2})月(?:(?P<day>\d{1,2})日)?", 0),
    (r"^第[一二三四五六七八九十]+[章节条]", re.MULTILINE),
    (r"(?<![\d年.’'/\-－])\d\d年(?=\d{1,2}月|度)", 0),
    (r"([的了和与及])\1", 0),
    (r"draft\s+report", re.IGNORECASE),
    (r"a.b", re.DOTALL),
    (r"\w+", re.ASCII),
    (r"  spaced  # comment\n  pattern", re.VERBOSE),
    (rb"[\x80-\xff]+", 0),
    (r"(a)|(b)|(?:c)", 0),
    (r"", 0),
]
TEXTS = ["2024年3月5日报告", "第三章\n第十二条", "24年3月的的", "DRAFT   Report a\nb é", "abc", "", "   spaced pattern"]


def _fresh(file: Path) -> tuple[Store, list]:
    """A Store on ``file`` that records which patterns it had to compile."""
    compiled: list = []

    def counting(pattern, flags=0):
        compiled.append(pattern)
        return compile_uncached(pattern, flags)

    return Store(file, counting), compiled


def _same(a: re.Pattern, b: re.Pattern) -> None:
    assert a == b  # flags, pattern and code
    assert (a.groups, dict(a.groupindex)) == (b.groups, dict(b.groupindex))
    for text in TEXTS:
        subject = text.encode() if isinstance(a.pattern, bytes) else text
        assert [m.span() + m.groups() for m in a.finditer(subject)] == \
               [m.span() + m.groups() for m in b.finditer(subject)]


def test_a_saved_pattern_is_rebuilt_without_compiling_and_equals_res_own(tmp_path):
    file = tmp_path / "regex.marshal"
    store, compiled = _fresh(file)
    first = [store.compile(p, f) for p, f in PATTERNS]
    assert len(compiled) == len(PATTERNS) and store.added == len(PATTERNS)
    store.save()

    again, compiled = _fresh(file)
    rebuilt = [again.compile(p, f) for p, f in PATTERNS]
    assert compiled == []  # every one came from the file
    for (pattern, flags), a, b in zip(PATTERNS, first, rebuilt):
        assert a is not b
        _same(b, compile_uncached(pattern, flags))
    again.save()
    assert again.added == 0


def test_every_pattern_lawlint_compiles_is_rebuilt_equal(tmp_path):
    """The patterns of a real run (rules, YAML packs, layout, dates) stored by the command,
    then each entry rebuilt and compared with what re compiles."""
    env = {**os.environ, "LAWLINT_CACHE_DIR": str(tmp_path)}
    draft = Path(__file__).parent / "fixtures" / "clean" / "county-government-report.txt"
    subprocess.run([sys.executable, "-m", "lawlint", "check", "--isolated", str(draft)], env=env, check=True,
                   capture_output=True)
    entries = marshal.loads(regex_cache_file(tmp_path).read_bytes())
    assert len(entries) > 200
    store, compiled = _fresh(regex_cache_file(tmp_path))
    for pattern, flags in entries:
        _same(store.compile(pattern, flags), compile_uncached(pattern, flags))
    assert compiled == []


def regex_cache_file(folder: Path) -> Path:
    (file,) = folder.glob("regex-*.marshal")
    return file


def test_the_command_gives_the_same_findings_with_and_without_the_cache(tmp_path):
    env = {**os.environ, "LAWLINT_CACHE_DIR": str(tmp_path)}
    draft = tmp_path / "draft.txt"
    draft.write_text("关于2024年法治政府建设情况的报告\n\n　　截止目前，我县持岗上证人员达到24年3月的水平。\n", encoding="utf-8")
    runs = [subprocess.run([sys.executable, "-m", "lawlint", "check", "--isolated", "--format", "json", str(draft)],
                           env=env, capture_output=True, text=True) for _ in range(2)]
    assert regex_cache_file(tmp_path).stat().st_size > 0
    assert [r.returncode for r in runs] == [1, 1]
    assert runs[0].stdout == runs[1].stdout
    codes = {v["code"] for v in json.loads(runs[1].stdout)["violations"]}
    assert {"WD002", "WD004", "NU002"} <= codes


def test_an_entry_is_kept_only_if_the_rebuilt_pattern_equals_the_compiled_one(tmp_path, monkeypatch):
    real = regex_cache._compiler

    class OtherCompiler:  # what another interpreter's compiler might produce: valid code, but not re's
        @staticmethod
        def _code(parsed, flags):
            return real._code(regex_cache._parser.parse("法治"), flags)

    monkeypatch.setattr(regex_cache, "_compiler", OtherCompiler)
    store, _ = _fresh(tmp_path / "regex.marshal")
    pattern = store.compile(r"法治\d+", 0)
    assert pattern.match("法治2") and not pattern.match("法治")
    assert store.entries == {} and store.added == 0


@pytest.mark.parametrize("content", [b"", b"\x00garbage\xff", marshal.dumps([1, 2, 3])])
def test_an_unreadable_file_is_ignored_and_written_again(tmp_path, content):
    file = tmp_path / "regex.marshal"
    file.write_bytes(content)
    store, compiled = _fresh(file)
    assert store.compile(r"\d+年", 0).match("2024年")
    assert compiled == [r"\d+年"]
    store.save()
    assert list(marshal.loads(file.read_bytes())) == [(r"\d+年", 0)]


def test_a_damaged_entry_is_compiled_again_and_replaced(tmp_path):
    file = tmp_path / "regex.marshal"
    store, _ = _fresh(file)
    store.compile(r"\d+年", 0)
    flags, code, *rest = store.entries[(r"\d+年", 0)]
    file.write_bytes(marshal.dumps({(r"\d+年", 0): (flags, [7, 7, 7], *rest)}))
    again, compiled = _fresh(file)
    assert again.compile(r"\d+年", 0).match("2024年")
    assert compiled == [r"\d+年"] and again.entries[(r"\d+年", 0)][1] == code


def test_debug_and_locale_patterns_and_parsed_ones_are_not_stored(tmp_path, capsys):
    store, compiled = _fresh(tmp_path / "regex.marshal")
    store.compile(r"ab", re.DEBUG)
    store.compile(rb"\w+", re.LOCALE)
    store.compile(regex_cache._parser.parse("xy"), 0)
    assert store.entries == {} and len(compiled) == 3


def test_saving_what_cannot_be_written_keeps_no_file_and_raises_nothing(tmp_path):
    store, _ = _fresh(tmp_path / "regex.marshal")
    store.compile(r"\d+", 0)
    store.entries[("x", 0)] = (object(),)
    store.save()
    assert not (tmp_path / "regex.marshal").exists()


def test_the_file_stops_growing_at_its_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(regex_cache, "MAX_ENTRIES", 3)
    store, _ = _fresh(tmp_path / "regex.marshal")
    for n in range(5):
        assert store.compile(f"x{{{n}}}", 0).fullmatch("x" * n)
    assert len(store.entries) == 3


def test_importing_lawlint_as_a_library_leaves_re_alone():
    code = ("import re, lawlint; from lawlint.linter import Linter; Linter().lint_text('关于报告\\n\\n正文。')\n"
            f"import {regex_cache._compiler.__name__} as compiler; print(compiler.compile.__module__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == compile_uncached.__module__ == regex_cache._compiler.__name__


def test_public_names_are_imported_on_first_use():
    code = ("import sys, lawlint; before = 'lawlint.rule' in sys.modules; from lawlint import Rule, hookimpl; "
            "print(before, Rule.__module__, 'lawlint.rule' in sys.modules, "
            "sorted(set(lawlint.__all__) - set(dir(lawlint))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "lawlint.rule", "True", "[]"]
    with pytest.raises(AttributeError):
        __import__("lawlint").no_such_name
