"""Formats for CI services (github, gitlab, junit, sarif, concise), --statistics,
--exit-zero, --output-file and --stdin-filename."""
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from lawlint.output.ci import artifact_uri, github_data, github_property

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
# DN001 at 1:3, PU001 at 2:3 (a half-width comma); line 3 holds an astral character before a finding
DRAFT = "依据国办发[2024]第012号文件。\n全年,共办理案件。\n𠀀依据国办发[2023]第07号文件。\n"


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "报告.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def run_format(cli, fmt, *paths, select="DN001,PU001"):
    return cli("check", "--isolated", "--select", select, "--format", fmt, *map(str, paths))


# -- github ---------------------------------------------------------------------------------
def test_github_escapes():
    assert github_data("100%\r\n完成") == "100%25%0D%0A完成"
    assert github_property("a,b:c%\n.txt") == "a%2Cb%3Ac%25%0A.txt"


def test_github_annotations(cli, tmp_path):
    path = tmp_path / "a,b:c%.txt"
    path.write_text(DRAFT, encoding="utf-8")
    run = run_format(cli, "github", path)
    assert run.code == 1
    file = str(path).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
    lines = run.out.splitlines()
    assert lines[0].startswith(f"::error file={file},line=1,col=3,endLine=1,endColumn=17,title=DN001::DN001 发文字号")
    assert lines[1] == f"::warning file={file},line=2,col=3,endLine=2,endColumn=4,title=PU001::PU001 半角逗号“,”应为全角“，”"
    assert lines[2].startswith(f"::error file={file},line=3,col=4,")
    assert len(lines) == 3


def test_github_message_cannot_start_a_new_command(cli, tmp_path):
    """A document quoted in a message (TX002 quotes the web residue) cannot end the annotation."""
    path = tmp_path / "d.txt"
    path.write_text("正文。\n【打印本页】%0A::error::伪造\n", encoding="utf-8")
    out = run_format(cli, "github", path, select="TX002").out
    assert out.count("\n") == 1 and out.startswith("::warning ")
    assert "%250A::error::伪造" in out


def test_github_unreadable_file(cli, tmp_path):
    path = tmp_path / "bin.txt"
    path.write_bytes(b"\x00\x01")
    run = run_format(cli, "github", path)
    assert run.code == 2 and run.out.startswith(f"::error file={github_property(str(path))},title=lawlint::")


# -- sarif ----------------------------------------------------------------------------------
def _sarif(cli, *paths, **kwargs):
    run = run_format(cli, "sarif", *paths, **kwargs)
    report = json.loads(run.out)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(report)
    return run, report


def test_sarif_is_valid_and_counts_code_points(cli, draft, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("正文。\n", encoding="utf-8")
    run, report = _sarif(cli, draft, clean)
    assert run.code == 1
    (sarif_run,) = report["runs"]
    assert report["version"] == "2.1.0" and sarif_run["columnKind"] == "unicodeCodePoints"
    regions = [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]) for r in sarif_run["results"]]
    assert regions[0] == ("DN001", {"startLine": 1, "startColumn": 3, "endLine": 1, "endColumn": 17})
    assert regions[1] == ("PU001", {"startLine": 2, "startColumn": 3, "endLine": 2, "endColumn": 4})
    # 𠀀 is one code point (two UTF-16 units): the finding after it starts at column 4
    assert regions[2][1]["startColumn"] == 4
    rules = sarif_run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["DN001", "PU001"]
    assert [r["ruleIndex"] for r in sarif_run["results"]] == [0, 1, 0]
    assert "## 原因" in rules[0]["fullDescription"]["text"] and rules[0]["properties"]["basis"].startswith("GB/T 9704")
    assert "helpUri" not in rules[0]
    assert sarif_run["results"][0]["level"] == "error" and sarif_run["results"][1]["level"] == "warning"
    uri = sarif_run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == draft.as_uri()
    assert sarif_run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_help_uri_unreadable_files_and_no_results(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("LAWLINT_DOCS_URL", "https://docs.example.org/lawlint/rules.html")
    bad = tmp_path / "bin.txt"
    bad.write_bytes(b"\x00")
    run, report = _sarif(cli, bad)
    assert run.code == 2
    (sarif_run,) = report["runs"]
    assert sarif_run["results"] == [] and sarif_run["tool"]["driver"]["rules"] == []
    (notification,) = sarif_run["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "error" and sarif_run["invocations"][0]["executionSuccessful"] is False
    good = tmp_path / "d.txt"
    good.write_text(DRAFT, encoding="utf-8")
    _, report = _sarif(cli, good)
    assert report["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"] == \
        "https://docs.example.org/lawlint/rules.html#dn001"


def test_sarif_relative_uris_are_percent_encoded():
    assert artifact_uri("稿件/报告 1.txt") == "%E7%A8%BF%E4%BB%B6/%E6%8A%A5%E5%91%8A%201.txt"
    assert artifact_uri("/tmp/a b.txt") == "file:///tmp/a%20b.txt"
    assert artifact_uri(os.fsdecode(b"a\xff.txt")) == "a%FF.txt"


# -- junit ----------------------------------------------------------------------------------
def test_junit(cli, draft, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("正文。\n", encoding="utf-8")
    odd = tmp_path / "odd.txt"  # a control character XML cannot hold, quoted by TX002's message
    odd.write_text("正文。\n【打印本页】\x1b\x0c<&>\n", encoding="utf-8")
    run = run_format(cli, "junit", draft, clean, odd, select="DN001,PU001,TX002")
    assert run.code == 1
    root = ET.fromstring(run.out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(draft), str(clean), str(odd)]
    first = suites[0]
    assert (first.get("tests"), first.get("failures")) == ("2", "2")
    cases = first.findall("testcase")
    assert [c.get("name") for c in cases] == ["DN001", "PU001"]
    assert len(cases[0].findall("failure")) == 2 and len(cases[1].findall("failure")) == 1
    assert cases[1].find("failure").text == f"{draft}:2:3: PU001 [警告] 半角逗号“,”应为全角“，”"
    assert [(c.get("name"), list(c)) for c in suites[1].findall("testcase")] == [("lawlint", [])]
    assert "\\x1b\\x0c<&>" in suites[2].find("testcase/failure").get("message")


# -- gitlab ---------------------------------------------------------------------------------
def test_gitlab_code_quality(cli, draft):
    run = run_format(cli, "gitlab", draft)
    report = json.loads(run.out)
    assert [(r["check_name"], r["severity"], r["location"]["lines"]["begin"]) for r in report] == [
        ("DN001", "major", 1), ("PU001", "minor", 2), ("DN001", "major", 3)]
    assert all(r["location"]["path"] == str(draft) and r["description"].startswith(r["check_name"] + " ")
               for r in report)
    assert len({r["fingerprint"] for r in report}) == 3


def test_gitlab_fingerprints_survive_lines_added_above(cli, draft):
    before = {r["description"]: r["fingerprint"] for r in json.loads(run_format(cli, "gitlab", draft).out)}
    draft.write_text("新增的一段正文。\n\n" + DRAFT, encoding="utf-8")
    after = json.loads(run_format(cli, "gitlab", draft).out)
    assert {r["description"]: r["fingerprint"] for r in after} == before
    assert after[0]["location"]["lines"]["begin"] == 3


def test_gitlab_equal_findings_differ_by_occurrence(cli, tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("全年,共办理案件,结案率高。\n", encoding="utf-8")
    report = json.loads(run_format(cli, "gitlab", path, select="PU001").out)
    assert report[0]["description"] == report[1]["description"]
    assert report[0]["fingerprint"] != report[1]["fingerprint"]
    empty = tmp_path / "e.txt"
    empty.write_text("正文。\n", encoding="utf-8")
    assert json.loads(run_format(cli, "gitlab", empty).out) == []


# -- concise, --statistics, --exit-zero, --output-file ------------------------------------
def test_concise_is_one_line_per_finding_never_grouped(cli, tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("甲,乙,丙,丁,戊,己,庚。\n", encoding="utf-8")
    run = run_format(cli, "concise", path, select="PU001")
    lines = run.out.splitlines()
    assert lines[:6] == [f"{path}:1:{c}: PU001 [警告] 半角逗号“,”应为全角“，”" for c in (2, 4, 6, 8, 10, 12)]
    assert lines[6].startswith("共发现 6 个问题") and len(lines) == 7
    quiet = cli("check", "--isolated", "--select", "PU001", "--format", "concise", "-q", str(path))
    assert quiet.out.splitlines() == lines[:6]


def test_statistics(cli, draft):
    run = cli("check", "--isolated", "--select", "DN001,PU001", "--statistics", str(draft))
    assert run.code == 1
    assert run.out.splitlines() == ["2  DN001  [错误]  malformed-doc-number  均附有修改建议",
                                    "1  PU001  [警告]  halfwidth-punctuation  均附有修改建议"]
    records = json.loads(cli("check", "--isolated", "--select", "DN001,PU001", "--statistics",
                             "--format", "json", str(draft)).out)
    assert records == [{"code": "DN001", "name": "malformed-doc-number", "severity": "error", "count": 2, "fixable": 2},
                       {"code": "PU001", "name": "halfwidth-punctuation", "severity": "warning", "count": 1,
                        "fixable": 1}]
    bad = cli("check", "--isolated", "--statistics", "--format", "sarif", str(draft))
    assert bad.code == 2 and "--statistics" in bad.err


def test_exit_zero_but_errors_still_count(cli, draft, tmp_path):
    assert cli("check", "--isolated", "--exit-zero", str(draft)).code == 0
    assert cli("check", "--isolated", "--exit-zero", str(tmp_path / "missing.txt")).code == 2


def test_output_file(cli, draft, tmp_path):
    target = tmp_path / "out" / "report.sarif"
    run = cli("check", "--isolated", "--select", "DN001", "--format", "sarif", "-o", str(target), str(draft))
    assert run.code == 1 and run.out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "DN001"
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    run = cli("check", "--isolated", "-o", str(blocked / "x.txt"), str(draft))
    assert run.code == 2 and "--output-file" in run.err


# -- --stdin-filename -----------------------------------------------------------------------
def test_stdin_filename_takes_the_files_configuration_type_and_name(cli, tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / ".lawlint.yaml").write_text('select: [DN001, PU001]\nper-file-ignores:\n  "drafts/*": [DN]\n',
                                           encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    data = DRAFT.encode("utf-8")
    run = cli("check", "--format", "json", "--stdin-filename", "project/drafts/a.txt", stdin=data)
    report = json.loads(run.out)
    assert [v["code"] for v in report["violations"]] == ["PU001"]  # DN ignored for drafts/*
    assert report["violations"][0]["path"] == "project/drafts/a.txt"
    run = cli("check", "--format", "json", "--stdin-filename", "project/final/a.txt", "-", stdin=data)
    assert [v["code"] for v in json.loads(run.out)["violations"]] == ["DN001", "PU001", "DN001"]
    # the type: a Markdown heading marker is structure, not text
    run = cli("check", "--format", "json", "--stdin-filename", "project/final/a.md", stdin=b"# \xe6\xa0\x87\xe9\xa2\x98\n")
    assert json.loads(run.out)["files"][0]["format"] == "md"
    # without it, standard input has the working directory's configuration (none here)
    run = cli("check", "--format", "json", "--select", "DN001", "-", stdin=data)
    assert json.loads(run.out)["violations"][0]["path"] == "<stdin>"
    assert cli("check", "--stdin-filename", " ", stdin=data).code == 2
    shown = cli("check", "--show-settings", "--stdin-filename", "project/drafts/a.txt").out.splitlines()
    assert shown[:2] == ["project/drafts/a.txt：", f"  配置文件：{project / '.lawlint.yaml'}"]
    assert "  本文件不检查（per-file-ignores）：DN" in shown


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "jsonl", "github", "gitlab", "junit", "sarif"])
def test_a_file_name_that_is_not_utf8(cli, tmp_path, fmt):
    """os.walk gives such a name with lone surrogates: every format still writes, to a file too."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / os.fsdecode(b"\xff\xfe.txt")).write_text(DRAFT, encoding="utf-8")
    target = tmp_path / f"out.{fmt}"
    run = cli("check", "--isolated", "--select", "DN001", "--format", fmt, "-o", str(target), str(folder))
    assert run.code == 1, run.err
    out = target.read_text(encoding="utf-8")
    assert "DN001" in out
    if fmt == "sarif":
        assert "%FF%FE.txt" in out
        jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(json.loads(out))
    if fmt == "junit":
        ET.fromstring(out.encode("utf-8"))
