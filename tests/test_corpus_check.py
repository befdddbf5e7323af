"""bench/corpus_check.py, the ecosystem check: diff against stored findings, verdicts, precision."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "corpus_check.py"

# A notice with a malformed 发文字号 (1:1) and a half-width comma (4:13); nothing else to report.
NOTICE = ("青司发〔202412\n"
          "青山县司法局关于开展普法宣传月活动的通知\n"
          "各乡镇司法所：\n"
          "请各单位结合实际抓好落实,按时报送活动总结。\n"
          "青山县司法局\n"
          "2024年3月5日\n")
# The same notice with the comma corrected and a hyphen in a year range (PU005 at 4:7).
NOTICE_EDITED = NOTICE.replace("结合实际抓好落实,", "按照2024-2025年规划抓好落实，")
# An annual report without sections, silent on three of its mandatory parts: three ST001
# findings at the title (1:3); its text is the measures.
REPORT = ("# 青山县司法局2024年法治政府建设年度报告\n\n"
          "今年全局围绕中心工作开展了法治宣传。\n\n"
          "青山县司法局\n\n"
          "2025年2月10日\n")
NOTICE_KEY = "drafts/2024/notice.txt"


class Run:
    def __init__(self, proc: subprocess.CompletedProcess) -> None:
        self.code, self.out, self.err = proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    (folder / "drafts" / "2024").mkdir(parents=True)
    (folder / NOTICE_KEY).write_text(NOTICE, encoding="utf-8")
    (folder / "report.md").write_text(REPORT, encoding="utf-8")
    (folder / "sources.yaml").write_text("notice: my own draft\n", encoding="utf-8")  # not a document
    return folder


@pytest.fixture
def expected(tmp_path):
    path = tmp_path / "expected.yaml"
    path.write_text("", encoding="utf-8")
    return path


@pytest.fixture
def check(corpus, expected):
    """Run the script on the corpus with the expected file (``corpus=False``: without the folder)."""

    def run(*args: str, stdin: str | None = None, with_corpus: bool = True) -> Run:
        command = [sys.executable, str(SCRIPT), *([str(corpus)] if with_corpus else []),
                   "--expected", str(expected), *args]
        return Run(subprocess.run(command, capture_output=True, text=True, encoding="utf-8", input=stdin))

    return run


def stored(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def lawlint_findings(corpus: Path) -> set[tuple[str, int, int, str]]:
    """What lawlint itself reports on the corpus, keyed as the script keys it."""
    proc = subprocess.run([sys.executable, "-m", "lawlint", "check", "--format", "json", "--isolated", str(corpus)],
                          capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 1, proc.stderr
    return {(Path(v["path"]).relative_to(corpus).as_posix(), v["line"], v["column"], v["code"])
            for v in json.loads(proc.stdout)["violations"]}


def table_row(out: str, name: str) -> list[str]:
    rows = [line.split() for line in out.splitlines() if line.split()[:1] == [name]]
    assert len(rows) == 1, out
    return rows[0][1:]


def test_first_run_shows_every_finding_as_new_and_update_stores_them_unjudged(check, corpus, expected):
    first = check()
    assert first.code == 1
    assert f"+ {NOTICE_KEY}:1:1 DN001 发文字号“青司发〔202412”不规范" in first.out
    assert f"+ {NOTICE_KEY}:4:13 PU001 半角逗号“,”应为全角“，”" in first.out
    # ST001 reports each missing part at the title: told apart by their order.
    assert [line.split()[2] for line in first.out.splitlines() if line.startswith("+ report.md:1:3 ")] == [
        "ST001#1", "ST001#2", "ST001#3"]
    shown = {(m[1], int(m[2]), int(m[3]), m[4])
             for m in re.finditer(r"^\+ (\S+):(\d+):(\d+) ([A-Z]+\d+)", first.out, re.M)}
    assert shown == lawlint_findings(corpus)
    assert table_row(first.out, "DN001") == ["1", "0", "0", "0", "1", "—"]
    assert table_row(first.out, "All") == ["5", "0", "0", "0", "5", "—"]

    assert check("--update").code == 0
    data = stored(expected)
    assert list(data) == [NOTICE_KEY, "report.md"]  # sorted; sources.yaml is no document
    assert data[NOTICE_KEY] == [[1, 1, "DN001", "unjudged"], [4, 13, "PU001", "unjudged"]]
    assert data["report.md"] == [[1, 3, "ST001", "unjudged"]] * 3
    text = expected.read_text(encoding="utf-8")
    assert "  - [4, 13, PU001, unjudged]\n" in text
    # No document text (nor any message, which quotes it) in the stored file: no Chinese at all.
    assert not re.search(r"[\u4e00-\u9fff]", text)

    again = check()
    assert again.code == 0
    assert "No change: 5 findings in 2 files" in again.out
    assert "+ " not in again.out and "- " not in again.out


def test_verdicts_feed_precision_and_survive_edits_and_update(check, corpus, expected):
    check("--update")
    assert check("--set", "true", f"{NOTICE_KEY}:1:1:DN001", with_corpus=False).code == 0
    run = check("--set", "false", f"{NOTICE_KEY}:4:13", "PU001", "--note", "slogan comma", with_corpus=False)
    assert run.code == 0, run.err
    assert check("--set", "debatable", "report.md:1:3 ST001#2", with_corpus=False).code == 0
    data = stored(expected)
    assert data[NOTICE_KEY] == [[1, 1, "DN001", True], [4, 13, "PU001", False, "slogan comma"]]
    assert [row[3] for row in data["report.md"]] == ["unjudged", "debatable", "unjudged"]
    assert "  - [4, 13, PU001, false, slogan comma]\n" in expected.read_text(encoding="utf-8")

    report = check()
    assert report.code == 0
    assert table_row(report.out, "DN001") == ["1", "1", "0", "0", "0", "100.0%"]
    assert table_row(report.out, "PU001") == ["1", "0", "1", "0", "0", "0.0%"]
    assert table_row(report.out, "ST001") == ["3", "0", "0", "1", "2", "—"]
    assert table_row(report.out, "PU") == ["1", "0", "1", "0", "0", "0.0%"]
    assert table_row(report.out, "All") == ["5", "1", "1", "1", "2", "50.0%"]
    markdown = check("--markdown")
    assert markdown.code == 0
    assert "| DN001 | 1 | 1 | 0 | 0 | 0 | 100.0% |" in markdown.out
    assert "| **All** | 5 | 1 | 1 | 1 | 2 | 50.0% |" in markdown.out
    assert "| Family | Findings | True | False | Debatable | Unjudged | Precision |" in markdown.out

    # The comma is corrected and a year range gets a hyphen: one finding goes, one comes.
    (corpus / NOTICE_KEY).write_text(NOTICE_EDITED, encoding="utf-8")
    changed = check()
    assert changed.code == 1
    assert f"- {NOTICE_KEY}:4:13 PU001 [false] (slogan comma)" in changed.out
    assert f"+ {NOTICE_KEY}:4:7 PU005 表示起止应用一字线" in changed.out
    assert "DN001" not in changed.out.split("\n\n")[0]  # unchanged findings are not part of the diff
    assert table_row(changed.out, "PU") == ["1", "0", "0", "0", "1", "—"]

    updated = check("--update")
    assert updated.code == 0
    assert f"- {NOTICE_KEY}:4:13 PU001 [false] (slogan comma)" in updated.out  # dropped, and said so
    data = stored(expected)
    assert data[NOTICE_KEY] == [[1, 1, "DN001", True], [4, 7, "PU005", "unjudged"]]
    assert [row[3] for row in data["report.md"]] == ["unjudged", "debatable", "unjudged"]
    assert check().code == 0


def test_unjudged_lists_findings_whose_ids_set_verdicts_in_bulk(check, expected):
    check("--update")
    check("--set", "false", "report.md:1:3 ST001#1", with_corpus=False)
    listing = check("--unjudged")
    assert listing.code == 0
    lines = listing.out.splitlines()
    assert lines[0] == f"{NOTICE_KEY}:1:1 DN001 发文字号“青司发〔202412”不规范（年份后缺少“〕”；序号后缺少“号”字），" \
                       "应写作“青司发〔2024〕12号”"  # the whole message
    assert [line.split()[0] + " " + line.split()[1] for line in lines[2:]] == [
        "report.md:1:3 ST001#2", "report.md:1:3 ST001#3"]
    assert "4 unjudged findings" in listing.err

    picked = "".join(line + "\n" for line in lines if "ST001" in line) + "\nnot a finding\n"
    assert check("--set", "true", "-", stdin=picked, with_corpus=False).code == 0
    assert [row[3] for row in stored(expected)["report.md"]] == [False, True, True]
    assert check("--unjudged", "--rules", "ST001").out == ""


def test_rules_restrict_the_report_and_the_update(check, corpus, expected):
    check("--update")
    check("--set", "true", f"{NOTICE_KEY}:1:1:DN001", with_corpus=False)
    (corpus / NOTICE_KEY).write_text(NOTICE_EDITED.replace("青司发〔202412", "青司发〔2024〕12号"), encoding="utf-8")
    only_pu = check("--family", "PU")
    assert only_pu.code == 1
    assert f"- {NOTICE_KEY}:4:13 PU001 [unjudged]" in only_pu.out
    assert f"+ {NOTICE_KEY}:4:7 PU005" in only_pu.out
    assert "DN001" not in only_pu.out and "ST001" not in only_pu.out
    assert check("--rules", "ST001").code == 0

    assert check("--update", "--rules", "PU001,PU005").code == 0
    # The vanished DN001 keeps its place and verdict: only PU001 and PU005 were updated.
    assert stored(expected)[NOTICE_KEY] == [[1, 1, "DN001", True], [4, 7, "PU005", "unjudged"]]
    rest = check()
    assert rest.code == 1
    assert f"- {NOTICE_KEY}:1:1 DN001 [true]" in rest.out


def test_unknown_verdicts_and_findings_are_errors_that_change_nothing(check, expected):
    check("--update")
    before = expected.read_text(encoding="utf-8")
    missing = check("--set", "true", f"{NOTICE_KEY}:9:9:PU001", with_corpus=False)
    assert missing.code == 2
    assert missing.err.strip() == (f"corpus_check.py: error: {NOTICE_KEY}:9:9 PU001 is not in {expected}; "
                                   "record the current findings first with --update")
    wrong = check("--set", "maybe", f"{NOTICE_KEY}:1:1:DN001", with_corpus=False)
    assert wrong.code == 2 and "unknown verdict 'maybe'" in wrong.err
    assert expected.read_text(encoding="utf-8") == before

    expected.write_text("report.md:\n  - [1, 3, ST001, perhaps]\n", encoding="utf-8")
    bad = check()
    assert bad.code == 2
    assert len(bad.err.splitlines()) == 1 and "the verdict must be one of" in bad.err


def test_a_file_lawlint_cannot_read_is_a_one_line_error(check, corpus):
    (corpus / "drafts" / "scan.txt").write_bytes(b"\x00\x01\x02 not text")
    run = check()
    assert run.code == 2
    assert run.err.splitlines() == [
        "corpus_check.py: error: lawlint exited with status 2: cannot check drafts/scan.txt: 这是二进制文件（含空字节），不是文本"]
    assert run.out == ""


def test_update_refuses_a_corpus_the_expected_file_was_not_made_for(check, corpus, expected):
    expected.write_text("other/file.txt:\n  - [1, 1, DN001, true]\n", encoding="utf-8")
    run = check("--update")
    assert run.code == 2 and "none of the 2 files" in run.err
    assert stored(expected) == {"other/file.txt": [[1, 1, "DN001", True]]}


def test_a_relative_corpus_folder_is_taken_from_the_current_directory(corpus, expected):
    check = subprocess.run([sys.executable, str(SCRIPT), corpus.name, "--expected", expected.name],
                           cwd=corpus.parent, capture_output=True, text=True, encoding="utf-8")
    assert check.returncode == 1, check.stderr
    assert f"+ {NOTICE_KEY}:1:1 DN001 " in check.stdout
