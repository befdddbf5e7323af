"""Output that a document cannot forge, JSON written as it comes, compact records between
processes, a size limit per document."""
import io
import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.engine.config import Config
from lawlint.engine.linter import FileResult, Linter
from lawlint.engine.results import Finding
from lawlint.output.formatters import JsonFormatter, Summary, TextFormatter, finding_record, printable

DRAFT = "依据国办发[2024]第012号文件。\n"


# -- control characters in the text output ----------------------------------------------
@pytest.mark.parametrize("raw, shown", [
    ("\x1b[2J", "\\x1b[2J"),                 # clear the screen
    ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),  # OSC: set the terminal's title, ended by BEL
    ("\r未发现问题", "\\x0d未发现问题"),
    ("退格\x08\x08", "退格\\x08\\x08"),
    ("\u202e反向", "\\u202e反向"),
    ("行\u2028分隔", "行\\u2028分隔"),
    ("\x85", "\\x85"),
    ("制表\t符", "制表\t符"),                   # a tab does no harm
    ("正常的文字、《标点》", "正常的文字、《标点》"),
])
def test_printable(raw, shown):
    assert printable(raw) == shown


def test_a_document_cannot_forge_a_line_or_clear_the_screen(cli, tmp_path):
    path = tmp_path / "forged.txt"
    path.write_text("依据国办发[2024]第012号文件\x1b[2J。\x1b[1A\x1b[2K\u202e未发现问题，检查了 1 个文件。\x07\n"
                    "【打印本页】\x1b[31m\n", encoding="utf-8")
    run = cli("check", "--isolated", "--select", "DN001,TX002", str(path))
    assert not any(ch in run.out for ch in "\x1b\x07\u202e\r")
    lines = run.out.splitlines()
    assert lines[1] == ("    1 | 依据国办发[2024]第012号文件\\x1b[2J。\\x1b[1A\\x1b[2K\\u202e未发现问题，检查了 1 个文件。"
                        "\\x07")
    assert lines[2] == "      |     " + "^" * 19  # the underline still lies under the span
    assert "网页残留（“【打印本页】\\x1b[31m”）" in run.out  # a message quoting the document
    assert lines[-1].startswith("共发现 2 个问题")


def test_a_file_name_cannot_break_a_line(cli, tmp_path):
    path = tmp_path / "报告\n未发现问题.txt"
    path.write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--isolated", "--select", "DN001", "--quiet", str(path))
    assert run.out.splitlines() == [f"{tmp_path}/报告\\x0a未发现问题.txt:1:3: DN001 [错误] " + run.out.split(
        " [错误] ")[1].rstrip("\n")]
    run = cli("check", "--isolated", str(tmp_path / "缺失\x1b[2J.txt"))
    assert run.err == f"lawlint: 错误：{tmp_path}/缺失\\x1b[2J.txt: 找不到该文件或目录\n"


# -- JSON written file by file ----------------------------------------------------------
def _results(linter, texts):
    for i, text in enumerate(texts):
        yield linter.lint_bytes(f"{i}.txt", text.encode("utf-8")).resolve()


@pytest.mark.parametrize("texts", [
    [],
    ["正文。\n"],
    [DRAFT, "关于“放管服”改革的报告\n\x1b\u2028\"引号\"\\反斜杠\n", "依据国办发[2024]第013号文件\n"],
])
def test_json_is_one_document_formatted_as_one_dump(texts):
    linter = Linter(Config(), entry_points=False)
    stream = io.StringIO()
    formatter = JsonFormatter(stream)
    summary = Summary()
    formatter.start()
    sizes = []
    for result in _results(linter, texts):
        summary.add(result)
        formatter.file(result)
        sizes.append(len(stream.getvalue()))
    formatter.finish(summary)
    out = stream.getvalue()
    report = json.loads(out)
    assert out == json.dumps(report, ensure_ascii=False, indent=2) + "\n"  # byte for byte as before
    assert len(report["violations"]) == summary.total == sum(f["violations"] for f in report["files"])
    # each file's findings are written when it is reported, not kept to the end
    counts = [f["violations"] for f in report["files"]]
    assert all(after > before for before, after, n in zip([len('{\n  "violations": [')] + sizes, sizes, counts) if n)


_TEXT = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(["", "\"", "\\", "\n", "\u2028", "。"])
_NUMBER = st.integers(0, 10**6)
_ODD = _NUMBER | st.booleans() | st.floats(allow_nan=False) | st.none()  # what a plugin might leave
_EDIT = st.tuples(_NUMBER, _NUMBER, _TEXT, _NUMBER, _NUMBER, _NUMBER, _ODD)
_FIX = st.none() | st.tuples(_TEXT | st.none(), st.sampled_from(["safe", "unsafe", "display-only"]) | _ODD,
                                    st.lists(_EDIT, max_size=3).map(tuple))


@settings(max_examples=300, deadline=None)
@given(path=_TEXT, findings=st.lists(st.builds(
    Finding, _TEXT, _TEXT, st.sampled_from(["error", "warning", "info"]), _TEXT, _NUMBER, _NUMBER,
    _NUMBER | _ODD, _NUMBER, _NUMBER, _NUMBER, _FIX), max_size=3))
def test_json_findings_are_written_as_the_indenting_encoder_writes_them(path, findings):
    """Findings are put together without the (pure-Python) indenting encoder: same bytes,
    odd values (a plugin's float, a description that is not text) included."""
    stream = io.StringIO()
    formatter = JsonFormatter(stream)
    formatter.start()
    formatter.file(FileResult(path, findings=findings))
    summary = Summary()
    formatter.finish(summary)
    out = stream.getvalue()
    expected = {"violations": [finding_record(path, f) for f in findings],
                "files": [{"path": path, "violations": len(findings)}],
                "summary": {"files": 0, "unreadable": 0, "violations": 0, "info": 0, "warning": 0, "error": 0,
                            "fixable": 0, "fixed": 0}}
    assert out == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


def test_jsonl_is_one_finding_per_line(cli, tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("依据国办发[2024]第012号文件\u2028。\n依据国办发[2024]第013号文件。\n", encoding="utf-8")
    lines = cli("check", "--isolated", "--select", "DN001", "--format", "jsonl", str(path)).out.split("\n")
    assert lines[-1] == "" and "\u2028" not in "".join(lines)
    records = [json.loads(line) for line in lines[:-1]]
    report = json.loads(cli("check", "--isolated", "--select", "DN001", "--format", "json", str(path)).out)
    assert records == report["violations"] and len(records) == 2


# -- between worker processes -----------------------------------------------------------
def test_a_worker_sends_plain_tuples_and_no_text(tmp_path):
    from lawlint.engine import runner

    path = tmp_path / "d.txt"
    path.write_text(DRAFT + "正文" * 5000 + "。\n", encoding="utf-8")
    runner._workers = [Linter(Config(), entry_points=False)]
    try:
        record = runner._lint(str(path), 0, False)
    finally:
        runner._workers = []

    def plain(value):
        if type(value) is tuple or type(value) is list:
            return all(plain(v) for v in value)
        return value is None or type(value) in (str, int, bool)

    assert plain(record) and len(record[5]) >= 2
    dn = next(f for f in record[5] if f[0] == "DN001")
    assert dn[:3] == ("DN001", "malformed-doc-number", "error") and dn[6:10] == (1, 3, 1, 17)
    assert dn[10][2][0] == (5, 16, "〔2024〕12号", 1, 6, 1, 17)  # the fix's edit, with its position
    assert not any("正文正文" in v for f in record[5] for v in f if isinstance(v, str))


_DIES = '''
import os
from lawlint import Rule, Span, hookimpl

class Dies(Rule):
    """结束进程。"""
    code, name, summary = "XK001", "kills-worker", "结束进程"

    def check(self, doc):
        if doc.path.endswith("07.txt"):
            os._exit(9)
        return []

@hookimpl
def register_rules():
    return [Dies]
'''


def test_a_worker_that_dies_fails_its_files_and_the_run_ends(tmp_path):
    plugin = tmp_path / "dies.py"
    plugin.write_text(_DIES, encoding="utf-8")
    for i in range(24):
        (tmp_path / f"{i:02}.txt").write_text(DRAFT, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "lawlint", "check", "--isolated", "--quiet", "-j", "2",
                           "--plugin", str(plugin), "--select", "DN,XK", str(tmp_path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lost = [line for line in proc.stderr.splitlines() if "工作进程意外退出" in line]
    assert any("/07.txt:" in line for line in lost)
    linted = {line.split(":")[0] for line in proc.stdout.splitlines()}
    assert len(linted) + len(lost) == 24 and not linted & {line.split(": ")[1].rsplit(":", 1)[0] for line in lost}


# -- a size limit per document ----------------------------------------------------------
def test_a_document_over_the_size_limit_is_skipped_with_one_line(cli, tmp_path):
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text(DRAFT * 40_000, encoding="utf-8")  # 1.5 MB
    small.write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--isolated", "--select", "DN001", "--quiet", "--max-size", "1", str(big), str(small))
    assert run.code == 2 and run.out.startswith(f"{small}:1:3: DN001")
    assert run.err == (f"lawlint: 错误：{big}: 文件有 1.5 MB，超过了检查的上限 1 MB，没有检查"
                       "（可用 --max-size 或配置中的 max-size 调整）\n")
    assert cli("check", "--isolated", "--select", "DN001", "--quiet", "--max-size", "0", str(big)).code == 1
    (tmp_path / ".lawlint.yaml").write_text("max-size: 0.5\nselect: [DN001]\n", encoding="utf-8")
    run = cli("check", "--quiet", str(big), str(small))
    assert run.code == 2 and "超过了检查的上限 0.5 MB" in run.err
    assert cli("check", "--quiet", "--max-size", "2", str(big)).code == 1  # the command line wins


def test_standard_input_over_the_size_limit(cli):
    run = cli("check", "--isolated", "--max-size", "0.01", "-", stdin=DRAFT.encode("utf-8") * 400)
    assert run.code == 2 and run.err.startswith("lawlint: 错误：<stdin>: 文件有 ")


@pytest.mark.parametrize("value", ["-1", "lots", "true"])
def test_a_bad_max_size_in_the_config_is_one_line(cli, tmp_path, monkeypatch, value):
    (tmp_path / ".lawlint.yaml").write_text(f"max-size: {value}\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "d.txt")
    assert run.code == 2 and ".lawlint.yaml:1: “max-size” 应为不小于 0 的数" in run.err


def test_the_text_formatter_asks_for_excerpts_only_when_it_shows_them():
    assert TextFormatter(io.StringIO()).excerpts and not TextFormatter(io.StringIO(), quiet=True).excerpts
    assert not JsonFormatter(io.StringIO()).excerpts
