"""``check --fix``, ``--unsafe-fixes`` and ``--diff``: files written back byte for byte."""
from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawlint import fix as fixer
from lawlint.document import Document
from lawlint.engine import autofix
from lawlint.engine.autofix import FixTask, fix_file, splice, write_back
from lawlint.engine.config import Config
from lawlint.engine.linter import Linter
from lawlint.rule import Edit, Fix, Rule, Span

# A draft with safe fixes (half-width commas between Han characters, 截止→截至) and one
# unsafe one (a comma with Chinese on its left only); its own sentences.
DRAFT = ("关于2024年度法治政府建设情况的报告\n"
         "\n"
         "一、主要工作\n"
         "我们健全了制度,规范了程序,截止年底已全部完成。\n"
         "全年共办理案件,30件。\n")
FIXED_SAFE = ("关于2024年度法治政府建设情况的报告\n"
              "\n"
              "一、主要工作\n"
              "我们健全了制度，规范了程序，截至年底已全部完成。\n"
              "全年共办理案件,30件。\n")


def _encoded(text: str, encoding: str, newline: str) -> bytes:
    text = text.replace("\n", newline)
    if encoding == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return text.encode(encoding)


@pytest.mark.parametrize("encoding, newline", [("gbk", "\r\n"), ("utf-8-sig", "\n"), ("utf-8-sig", "\r\n"),
                                               ("utf-16", "\r\n"), ("gb18030", "\n")])
def test_fix_round_trip_is_byte_for_byte(cli, tmp_path, encoding, newline):
    path = tmp_path / "报告.txt"
    path.write_bytes(_encoded(DRAFT, encoding, newline))
    run = cli("check", "--isolated", "--fix", str(path))
    assert path.read_bytes() == _encoded(FIXED_SAFE, encoding, newline)
    assert "已自动修改 3 处（1 个文件）" in run.out and "仍有" in run.out
    assert ":5:8: PU001" in run.out  # the unsafe one remains, reported at its place


def test_unsafe_fixes_also_apply_the_unsafe_ones(cli, tmp_path):
    path = tmp_path / "报告.txt"
    path.write_bytes(_encoded(DRAFT, "gbk", "\r\n"))
    run = cli("check", "--isolated", "--fix", "--unsafe-fixes", str(path))
    assert path.read_bytes() == _encoded(FIXED_SAFE.replace("案件,30", "案件，30"), "gbk", "\r\n")
    assert "已自动修改 4 处（1 个文件）" in run.out and "PU001" not in run.out


def test_diff_shows_the_changes_and_changes_nothing(cli, tmp_path):
    path = tmp_path / "报告.txt"
    original = _encoded(DRAFT, "gbk", "\r\n")
    path.write_bytes(original)
    run = cli("check", "--isolated", "--diff", str(path))
    assert run.code == 1 and path.read_bytes() == original
    assert f"--- {path}\n+++ {path}\n" in run.out
    assert "-我们健全了制度,规范了程序,截止年底已全部完成。\r\n+我们健全了制度，规范了程序，截至年底已全部完成。\r\n" in run.out
    assert "\n 全年共办理案件,30件。\r\n" in run.out  # the unsafe fix is not applied: a context line
    assert "1 个文件可以修改，共 3 处" in run.err
    clean = tmp_path / "clean.txt"
    clean.write_text(FIXED_SAFE.replace("案件,30", "案件30"), encoding="utf-8")
    nothing = cli("check", "--isolated", "--diff", str(clean))
    assert nothing.code == 0 and nothing.out == "" and "没有可以自动修改的内容" in nothing.err


def test_unsafe_fixes_alone_is_a_usage_error(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--isolated", "--unsafe-fixes", str(path))
    assert run.code == 2 and "--unsafe-fixes" in run.err


def test_fix_of_standard_input_writes_the_fixed_text_to_standard_output(cli):
    run = cli("check", "--isolated", "--fix", "-", stdin=DRAFT.encode("utf-8"))
    assert run.out == FIXED_SAFE
    assert "已自动修改 3 处" in run.err and "PU001" in run.err  # the report goes to standard error


def test_diff_of_standard_input_is_only_the_diff(cli):
    run = cli("check", "--isolated", "--diff", "-", stdin=DRAFT.encode("utf-8"))
    assert run.code == 1 and run.out.startswith("--- <stdin>\n+++ <stdin>\n")
    assert run.out.count("截至年底") == 1  # the + line of the diff, not the fixed text after it


def test_word_file_is_refused_with_one_line(monkeypatch):
    """A loader (the docx one) gives a Word document: --fix refuses it and says what to use."""
    linter = Linter(Config(), entry_points=False)
    monkeypatch.setattr(linter, "load", lambda path, data: Document(DRAFT, path, "utf-8", "docx"))
    result = fix_file(linter, "报告.docx", b"PK\x03\x04...", FixTask(write=True))
    assert result.fixed == 0 and len(result.notes) == 1
    assert "Word" in result.notes[0] and "lawlint annotate --track-changes" in result.notes[0]
    assert any(f.code == "PU001" for f in result.findings)  # still reported


def test_word_file_without_a_reader_is_one_line_too(cli, tmp_path):
    import zipfile

    path = tmp_path / "报告.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    before = path.read_bytes()
    run = cli("check", "--isolated", "--fix", str(path))
    assert run.code == 2 and path.read_bytes() == before
    assert len(run.err.strip().splitlines()) == 1 and "lawlint annotate --track-changes" in run.err


def test_a_file_changed_during_the_run_is_not_overwritten(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    path.write_bytes(b"changed by someone else")
    assert "被其他程序修改" in write_back(str(path), b"old", b"new")
    assert path.read_bytes() == b"changed by someone else"
    assert write_back(str(path), b"changed by someone else", b"new") is None
    assert path.read_bytes() == b"new"
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".lawlint")]  # no temporary file left


def test_write_back_keeps_the_permission_bits(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    assert write_back(str(path), b"old", b"new") is None
    assert os.stat(path).st_mode & 0o777 == 0o640


class _Grows(Rule):
    """Always asks for one more character (a rule whose fixes never end)."""

    code, name, summary = "ZZ901", "grows", "grows"

    def check(self, doc):
        yield self.violation(Span(0, 0), "多一个", fix=Fix.replace(Span(0, 0), "甲"))


class _Overlapping(Rule):
    """Two fixes over the same character: one per round."""

    code, name, summary = "ZZ902", "overlapping", "overlapping"

    def check(self, doc):
        i = doc.text.find("乙")
        if i >= 0:
            yield self.violation(Span(i, i + 1), "一", fix=Fix.replace(Span(i, i + 1), "丙"))
            yield self.violation(Span(i, i + 1), "二", fix=Fix.replace(Span(i, i + 1), "丁"))


def test_rounds_stop_after_the_bound():
    linter = Linter(Config(), entry_points=False, select=["PU001"])
    linter.rules = [_Grows()]
    result = fix_file(linter, "a.txt", "乙。\n".encode(), FixTask(output=True))
    assert result.output == ("甲" * autofix.MAX_ROUNDS + "乙。\n").encode("utf-8")
    assert result.fixed == autofix.MAX_ROUNDS and "轮修改之后仍有" in result.notes[0]


def test_overlapping_fixes_wait_for_the_next_round():
    linter = Linter(Config(), entry_points=False, select=["PU001"])
    linter.rules = [_Overlapping()]
    result = fix_file(linter, "a.txt", "甲乙乙。\n".encode(), FixTask(output=True))
    # round 1: the first 乙 once (the second fix over it waits), round 2: the next 乙 …
    assert result.output == "甲丙丙。\n".encode() and result.fixed == 2 and not result.notes


# -- no byte outside the edits is lost ----------------------------------------------------
_LINTER: Linter | None = None


def _linter() -> Linter:
    global _LINTER
    if _LINTER is None:
        _LINTER = Linter(Config(), entry_points=False)
    return _LINTER


# Pieces of drafts: defects with fixes (some overlapping, some unsafe), correct look-alikes,
# odd characters a copy brings (a non-BMP character, a tab, full-width blanks).
_PIECES = ["关于2023年度工作情况的报告", "我们完成了任务,", "建立了制度;", "截止目前", "(一)", "（二）加强领导",
           "国办发[2024]12号", "2024.3.5", "依法行政。", "年,全市", "“法治”", "\"规范\"", "的的", "  ", "\u3000\u3000",
           "\t", "𠀀字", "A,B", "3.5亿元", "一、二、", "各位,", ".", "第一条", "落款", "2024年1月", "完成了(含", ")"]
_NEWLINES = ["\n", "\r\n", "\r"]
_CODECS = ["utf-8", "utf-8-sig", "utf-16-le-bom", "utf-16-be-bom", "gb18030"]


def _bytes_of(text: str, name: str) -> bytes:
    if name == "utf-8-sig":
        return codecs.BOM_UTF8 + text.encode("utf-8")
    if name == "utf-16-le-bom":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    if name == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be")
    return text.encode(name)


@st.composite
def _documents(draw):
    newline = draw(st.sampled_from(_NEWLINES))
    lines = draw(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join), min_size=1, max_size=8))
    text = newline.join(lines) + draw(st.sampled_from(["", newline]))
    return text, draw(st.sampled_from(_CODECS)), draw(st.booleans())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_documents())
def test_fix_changes_no_byte_outside_its_edits(document):
    """The bytes written are the original bytes with each round's chosen edits made, and
    nothing else: the same loop done on the text (str) and encoded in the file's own codec
    must give exactly the same bytes."""
    text, name, unsafe = document
    data = _bytes_of(text, name)
    linter = _linter()
    result = fix_file(linter, "d.txt", data, FixTask(unsafe=unsafe, output=True))
    if result.error:  # not read as text (a short GB18030 text that looks like noise): nothing written
        assert result.output is None and result.fixed == 0
        return
    expected_text, applied = text, 0
    for _ in range(autofix.MAX_ROUNDS):
        found = linter.lint_bytes("d.txt", _bytes_of(expected_text, name))
        edits, count = fixer.choose(found.violations, unsafe=unsafe, text=expected_text)
        if not count:
            break
        expected_text = fixer.apply_edits(expected_text, edits)
        applied += count
    if result.notes:  # a refusal leaves the file as it was
        assert result.output == data and result.fixed == 0
        return
    assert result.output == _bytes_of(expected_text, name)
    assert result.fixed == applied


@settings(max_examples=300, deadline=None)
@given(text=st.lists(st.sampled_from(["甲", "乙", ",", "\r\n", "\n", "𠀀", "a", "。"]), max_size=30).map("".join),
       codec=st.sampled_from(_CODECS), cuts=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 3),
                                                             st.sampled_from(["", "，", "丙丁", "\n"])), max_size=4))
def test_splice_copies_the_bytes_between_edits(text, codec, cuts):
    """Each stretch of the original between two edits reappears byte for byte in the output."""
    edits, taken = [], []
    for start, length, replacement in cuts:
        start = min(start, len(text))
        span = (start, min(len(text), start + length))
        if any(fixer._overlaps(span, t) for t in taken):
            continue
        taken.append(span)
        edits.append(Edit(Span(*span), replacement))
    edits.sort(key=lambda e: (e.span.start, e.span.end))
    data = _bytes_of(text, codec)
    info = autofix.codec_of(data, {"utf-8-sig": "utf-8-sig", "gb18030": "gb18030", "utf-8": "utf-8"}.get(
        codec, "utf-16"))
    out = splice(data, info, text, edits)
    assert out == _bytes_of(fixer.apply_edits(text, edits), codec)
    at_char, at_out = 0, len(info.bom)
    for edit in edits + [Edit(Span(len(text), len(text)), "")]:
        kept = info.encode(text[at_char:edit.span.start])
        original_at = len(info.bom) + len(info.encode(text[:at_char]))
        assert out[at_out:at_out + len(kept)] == data[original_at:original_at + len(kept)]
        at_out += len(kept) + len(info.encode(edit.text))
        at_char = edit.span.end


# -- applicability and availability shown to users -----------------------------------------
def test_rules_explain_and_json_show_applicability_and_availability(cli, tmp_path):
    import json

    listed = {r["code"]: r["fix"] for r in json.loads(cli("rules", "--isolated", "--no-plugins", "--format", "json").out)}
    assert listed["PU001"]["availability"] == "always" and listed["PU001"]["applicability"] == "safe"
    assert "需确认" in listed["PU001"]["note"]  # some of its fixes are less safe
    assert listed["DN001"]["availability"] == "sometimes" and listed["RP001"]["availability"] == "never"
    table = cli("rules", "--isolated", "--no-plugins").out
    assert any(line.startswith("PU001") and "总是·安全*" in line for line in table.splitlines())
    assert "修改建议：每个问题都附有（always）；安全（safe，--fix 自动修改）" in cli("explain", "PU001").out
    path = tmp_path / "a.txt"
    path.write_text(DRAFT, encoding="utf-8")
    report = json.loads(cli("check", "--isolated", "--select", "PU001", "--format", "json", str(path)).out)
    fixes = {(v["line"], v["column"]): v["fix"]["applicability"] for v in report["violations"]}
    assert fixes == {(4, 8): "safe", (4, 14): "safe", (5, 8): "unsafe"}
