"""Correct drafts stay quiet under every rule; the example drafts find what they were written with."""
import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from lawlint.testing import lint

EXAMPLES = Path(__file__).parent.parent / "examples"
CLEAN = sorted((FIXTURES / "clean").iterdir()) + sorted(EXAMPLES.glob("规范示例*"))


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_correct_drafts_produce_no_finding(path):
    _, found = lint(path.read_text(encoding="utf-8"), path=str(path), entry_points=False)
    assert [(v.code, v.message) for v in found] == []


def test_examples_show_the_defects_they_were_written_with(cli):
    report = json.loads(cli("check", "--isolated", "--format", "json", str(EXAMPLES)).out)
    by_file = {}
    for v in report["violations"]:
        by_file.setdefault(Path(v["path"]).name, set()).add(v["code"])
    report_codes = {"ST001", "ST005", "DN001", "RP002", "DT001", "DT003"}
    assert by_file == {
        "青山县司法局2024年度法治政府建设工作报告.txt": report_codes,
        # its Word, PDF and OFD twins (tests/test_twins.py compares them finding by finding)
        "青山县司法局2024年度法治政府建设工作报告.docx": report_codes,
        "青山县司法局2024年度法治政府建设工作报告.pdf": report_codes,
        "青山县司法局2024年度法治政府建设工作报告.ofd": report_codes,
        # the saved page: its article only (the copy's chrome and publication date are the page's)
        "网页-青山县人民政府2024年法治政府建设情况.html": {"DN001", "DT001"},
        "临河市人民政府关于2023年法治政府建设情况报告.md": {"ST003", "RP001", "DT002"},
        "网页转载-青山县人民政府2024年法治政府建设情况（GB18030编码）.txt": {"DT003", "DN001", "DT001", "TX002"},
        "青山县市场监督管理局2024年度法治政府建设工作报告（用语和标点）.txt": {
            "TX001", "NU001", "PU001", "PU005", "WD001", "WD004", "WD002", "NU003", "PU004", "PU002", "NU005",
            "WD006", "PU006"},
    }
    encodings = {Path(f["path"]).name: f["encoding"] for f in report["files"]}
    assert encodings["网页转载-青山县人民政府2024年法治政府建设情况（GB18030编码）.txt"] == "gb18030"
