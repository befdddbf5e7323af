"""The command line: output formats, selection, exit codes, bad input."""
import json
import re
import subprocess
import sys

import pytest
from conftest import FIXTURES

DEFECTIVE = ("江门市科学技术局关于2019年度法治政府建设情况报告\n"
             "发布时间:2020-04-08     浏览次数:194\n"
             "现将有关情况报告如下。\n"
             "依据江府办函〔2015236号文件开展工作。\n"
             "江门市科学技术局\n"
             "2019年11月28日\n")
CLEAN = FIXTURES / "clean" / "county-government-report.txt"


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text(DEFECTIVE, encoding="utf-8")
    return path


def test_text_output_shape(cli, draft):
    run = cli("check", "--isolated", str(draft))
    assert run.code == 1
    assert re.search(rf"^{re.escape(str(draft))}:1:1: ST003 \[错误\] 标题缺少“的”", run.out, re.M)
    assert "    1 | 江门市科学技术局关于2019年度法治政府建设情况报告" in run.out
    assert f"{draft}:4:3: DN001 [错误] 发文字号“江府办函〔2015236号”不规范" in run.out
    assert "应写作“江府办函〔2015〕236号”" in run.out
    assert "= 修改建议：改为“江府办函〔2015〕236号”" in run.out
    assert run.out.rstrip().splitlines()[-1].startswith("共发现 ")
    assert run.err == ""


def test_underline_covers_the_span_in_display_columns(cli, draft):
    lines = cli("check", "--isolated", "--select", "DN001", str(draft)).out.splitlines()
    source, underline = lines[1], lines[2]
    assert source.endswith("依据江府办函〔2015236号文件开展工作。")
    # 依据 is 2 wide characters (4 columns); 江府办函〔 and 号 are 6 wide characters, 2015236 7 narrow ones.
    assert underline.split("| ")[1] == " " * 4 + "^" * (2 * 6 + 7)


def test_json_output(cli, draft):
    run = cli("check", "--isolated", "--format", "json", str(draft))
    assert run.code == 1
    report = json.loads(run.out)
    assert set(report) == {"violations", "files", "summary"}
    dn = next(v for v in report["violations"] if v["code"] == "DN001")
    assert {k: dn[k] for k in ("path", "line", "column", "end_line", "end_column", "name", "severity")} == {
        "path": str(draft), "line": 4, "column": 3, "end_line": 4, "end_column": 16,
        "name": "malformed-doc-number", "severity": "error"}
    assert dn["fix"]["edits"][0]["replacement"] == "〔2015〕236号"
    assert report["files"] == [{"path": str(draft), "violations": len(report["violations"]), "encoding": "utf-8",
                                "format": "txt", "profile": "fazhi-report"}]
    assert report["summary"]["files"] == 1 and report["summary"]["violations"] == len(report["violations"])


def test_clean_document_exits_zero(cli):
    run = cli("check", "--isolated", str(CLEAN))
    assert (run.code, run.out.strip()) == (0, "未发现问题，检查了 1 个文件。")


def test_select_and_ignore_by_prefix_and_name(cli, draft):
    codes = lambda run: sorted({v["code"] for v in json.loads(run.out)["violations"]})  # noqa: E731
    assert codes(cli("check", "--isolated", "--format", "json", "--select", "DT", str(draft))) == ["DT002", "DT003"]
    assert codes(cli("check", "--isolated", "--format", "json", "--select", "DT,malformed-doc-number",
                     "--ignore", "late-report", str(draft))) == ["DN001", "DT002"]
    assert codes(cli("check", "--isolated", "--format", "json", "--select", "DT", "--ignore", "DT00",
                     str(draft))) == []


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_selector_is_a_usage_error(cli, draft, option):
    run = cli("check", "--isolated", option, "XY1", str(draft))
    assert run.code == 2
    assert run.err.strip() == f"lawlint: 错误：{option}: 未知的规则代码或名称 “XY1”（用 lawlint rules 查看全部规则）"


def test_fail_on(cli, draft):
    assert cli("check", "--isolated", "--select", "DT002", str(draft)).code == 1
    assert cli("check", "--isolated", "--select", "DT002", "--fail-on", "error", str(draft)).code == 0
    assert cli("check", "--isolated", "--select", "DN001", "--fail-on", "error", str(draft)).code == 1


def test_stdin(cli):
    run = cli("check", "--isolated", "--select", "DN001", "-", stdin="依据国办发[2024]第012号文件。\n".encode())
    assert run.code == 1
    assert run.out.startswith("<stdin>:1:3: DN001 [错误]")


def test_directories_are_walked_for_documents(cli, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text("依据国办发[2024]第012号文件。\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text("依据国办发[2024]第013号文件。\n", encoding="utf-8")
    (tmp_path / "ignored.csv").write_text("国办发[2024]第014号\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "three.txt").write_text("国办发[2024]第015号\n", encoding="utf-8")
    run = cli("check", "--isolated", "--select", "DN001", "--format", "json", str(tmp_path))
    assert sorted(f["path"] for f in json.loads(run.out)["files"]) == [
        str(tmp_path / "a" / "one.md"), str(tmp_path / "two.txt")]


def test_quiet_prints_only_finding_lines(cli, draft):
    run = cli("check", "--isolated", "--quiet", str(draft))
    assert run.out and all(line.startswith(str(draft)) for line in run.out.splitlines())


def test_color(cli, draft):
    assert "\x1b[" in cli("check", "--isolated", "--color", "always", str(draft)).out
    assert "\x1b[" not in cli("check", "--isolated", "--color", "never", str(draft)).out


def test_profile_option(cli, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("青山县林业局关于2024年工作情况的报告\n一、2024年主要工作情况\n全年完成植树造林1.2万亩。\n"
                    "青山县林业局\n2025年1月10日\n", encoding="utf-8")
    assert cli("check", "--isolated", "--select", "ST001", str(path)).code == 0
    run = cli("check", "--isolated", "--select", "ST001", "--profile", "fazhi-report", str(path))
    assert run.code == 1 and run.out.count("ST001") == 3
    run = cli("check", "--isolated", "--profile", "nonsense", str(path))
    assert run.code == 2 and "未知的文档类型 “nonsense”" in run.err


def test_rules_lists_every_rule(cli):
    run = cli("rules", "--isolated")
    assert run.code == 0
    for code in ("ST001", "ST002", "ST003", "ST004", "ST005", "DN001", "DT001", "DT002", "DT003", "RP001", "RP002"):
        assert re.search(rf"^{code}\s+[a-z-]+\s+(error|warning|info)", run.out, re.M), code
    records = json.loads(cli("rules", "--isolated", "--format", "json").out)
    assert {r["code"]: r["name"] for r in records}["DN001"] == "malformed-doc-number"


@pytest.mark.parametrize("key", ["DN001", "malformed-doc-number", "dn001"])
def test_explain(cli, key):
    run = cli("explain", key)
    assert run.code == 0
    assert run.out.startswith("DN001 malformed-doc-number —— 发文字号格式不规范")
    assert "依据：GB/T 9704—2012 7.2.5" in run.out
    assert "## 错误示例" in run.out and "## 正确示例" in run.out


def test_explain_shows_options(cli):
    assert "- `min_chars`（默认 12）" in cli("explain", "RP001").out


def test_explain_unknown_rule(cli):
    run = cli("explain", "XX999")
    assert run.code == 2 and "未知的规则 “XX999”" in run.err


BAD_INPUTS = {
    "missing path": lambda tmp: str(tmp / "nope.txt"),
    "directory without documents": lambda tmp: (tmp / "d").mkdir() or str(tmp / "d"),
    "binary": lambda tmp: (tmp / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00") and str(tmp / "b.txt"),
    "undecodable": lambda tmp: (tmp / "u.txt").write_bytes(bytes(range(0x80, 0x100)) * 8) and str(tmp / "u.txt"),
}


@pytest.mark.parametrize("kind", BAD_INPUTS)
def test_bad_input_is_one_line_and_exit_2(cli, tmp_path, kind):
    run = cli("check", "--isolated", BAD_INPUTS[kind](tmp_path))
    assert run.code == 2
    assert run.out == ""
    assert len(run.err.strip().splitlines()) == 1 and run.err.startswith("lawlint: 错误：")
    assert "Traceback" not in run.err


def test_bad_input_does_not_stop_the_other_files(cli, tmp_path, draft):
    run = cli("check", "--isolated", "--select", "DN001", str(tmp_path / "missing.txt"), str(draft))
    assert run.code == 2
    assert "DN001" in run.out and "找不到该文件或目录" in run.err


def test_empty_file_is_linted_normally(cli, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    run = cli("check", "--isolated", str(path))
    assert run.code == 1 and "Traceback" not in run.err
    assert f"{path}:1:1: ST003" in run.out


def test_python_dash_m(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("依据国办发[2024]第012号文件。\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "lawlint", "check", "--isolated", "--select", "DN001", str(path)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1 and "DN001" in proc.stdout


def test_version(cli):
    run = cli("--version")
    assert run.code == 0 and run.out.startswith("lawlint，版本 ")


def test_parallel_run_reports_the_same_findings_in_the_same_order(cli, tmp_path):
    texts = [DEFECTIVE, (FIXTURES / "clean" / "notice.txt").read_text(encoding="utf-8"),
             "依据国办发[2024]第012号文件。\n着力提高干部职工对民法典重大意义的认识水平，提升干部职工对民法典重大意义的认识水平。\n"]
    for i in range(24):
        (tmp_path / f"{i:02d}.txt").write_text(texts[i % 3], encoding="utf-8")
    serial = cli("check", "--isolated", "-j", "1", "--format", "json", str(tmp_path))
    parallel = cli("check", "--isolated", "-j", "2", "--format", "json", str(tmp_path))
    assert serial.code == parallel.code == 1
    assert json.loads(parallel.out) == json.loads(serial.out)
    assert sum(v["code"] == "RP002" for v in json.loads(parallel.out)["violations"]) == 8


def test_workers_get_large_chunks_first_and_single_files_last():
    from lawlint.engine.runner import MAX_FILES_PER_CHUNK, _chunks

    paths = [f"{i}.txt" for i in range(1000)]
    chunks = _chunks(paths, 2)
    sizes = [len(c) for c in chunks]
    assert [p for c in chunks for p in c] == paths  # all, once, in order
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == MAX_FILES_PER_CHUNK
    assert sizes[-8:] == [1] * 8 and len(chunks) < 100  # the workers finish together, without a round trip per file


COMMA_HEAVY = "".join(f"第{n}项工作,已经完成,效果良好。\n" for n in range(1, 5)) + "各项工作,均已完成。\n"


def test_many_findings_of_one_rule_are_one_summarised_entry(cli, tmp_path):
    path = tmp_path / "converted.txt"
    path.write_text(COMMA_HEAVY, encoding="utf-8")
    run = cli("check", "--isolated", "--select", "PU001", str(path))
    entries = [line for line in run.out.splitlines() if line.startswith(str(path))]
    assert entries == [f"{path}:1:6: PU001 [警告] 半角逗号“,”应为全角“，”"
                       "（本文件共 9 处，见第 1、2、3、4、5 行，均附有修改建议；--show-all 逐条列出）"]
    assert "共发现 9 个问题" in run.out


def test_show_all_and_json_keep_every_finding(cli, tmp_path):
    path = tmp_path / "converted.txt"
    path.write_text(COMMA_HEAVY, encoding="utf-8")
    run = cli("check", "--isolated", "--select", "PU001", "--show-all", str(path))
    lines = [line.split(": PU001")[0] for line in run.out.splitlines() if ": PU001 " in line]
    assert lines == [f"{path}:{n}:{c}" for n in range(1, 5) for c in (6, 11)] + [f"{path}:5:5"]
    report = json.loads(cli("check", "--isolated", "--select", "PU001", "--format", "json", str(path)).out)
    assert [v["line"] for v in report["violations"]] == [1, 1, 2, 2, 3, 3, 4, 4, 5]


def test_a_few_findings_of_one_rule_are_listed_one_by_one(cli, tmp_path):
    path = tmp_path / "converted.txt"
    path.write_text("第一项工作,已经完成。\n第二项工作,已经完成。\n", encoding="utf-8")
    run = cli("check", "--isolated", "--select", "PU001", str(path))
    assert [line.split(": PU001")[0] for line in run.out.splitlines() if ": PU001 " in line] == [
        f"{path}:1:6", f"{path}:2:6"]
    assert "本文件共" not in run.out


def test_spawned_workers_rebuild_the_linter_and_report_the_same(tmp_path):
    """Where workers are spawned, not forked (Windows, macOS), each rebuilds the linter
    from the settings; the output is that of the one-process run, in order.  (Forked
    workers, which inherit the linter, are the test above.)"""
    for i in range(8):
        (tmp_path / f"a{i:02}.txt").write_text(DEFECTIVE, encoding="utf-8")
        (tmp_path / f"b{i:02}.txt").write_text(CLEAN.read_text(encoding="utf-8"), encoding="utf-8")
    script = ("import multiprocessing, sys; multiprocessing.set_start_method('spawn', force=True); "
              "from lawlint.cli import main; sys.argv = ['lawlint', *sys.argv[1:]]; sys.exit(main())")

    def run(jobs):
        proc = subprocess.run([sys.executable, "-c", script, "check", "--isolated", "--format", "json",
                               "--jobs", jobs, str(tmp_path)], capture_output=True, text=True, encoding="utf-8")
        assert proc.returncode == 1, proc.stderr
        return json.loads(proc.stdout)

    parallel, single = run("2"), run("1")
    assert parallel == single
    assert [f["path"] for f in parallel["files"]] == sorted(str(p) for p in tmp_path.iterdir())
    assert {v["code"] for v in parallel["violations"]} >= {"ST003", "DN001"}


def test_a_run_leaves_the_garbage_collector_as_it_was(cli, draft, tmp_path):
    import gc

    for i in range(16):
        (tmp_path / f"{i:02}.txt").write_text(DEFECTIVE, encoding="utf-8")
    before = gc.get_threshold()
    assert cli("check", "--isolated", str(draft)).code == 1  # in this process
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    assert cli("check", "--isolated", "-j", "2", str(tmp_path)).code == 1  # with worker processes
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0


def test_an_unreadable_subfolder_is_a_warning_not_silence(cli, tmp_path, monkeypatch):
    import os

    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden-from-us.txt").write_text("依据国办发[2024]第012号文件。\n", encoding="utf-8")
    (tmp_path / "open.txt").write_text("依据国办发[2024]第013号文件。\n", encoding="utf-8")
    scandir = os.scandir

    def refusing(path="."):  # what a folder without read permission does (root reads every folder)
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    run = cli("check", "--isolated", "--select", "DN001", "--format", "json", str(tmp_path))
    assert [f["path"] for f in json.loads(run.out)["files"]] == [str(tmp_path / "open.txt")]
    assert run.err == f"lawlint: 警告：{tmp_path / 'locked'}: 无法读取该目录，其中的文档没有检查（Permission denied）\n"
    assert run.code == 1
