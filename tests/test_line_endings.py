"""\\n, \\r\\n and a lone \\r are each one line break, mixed in one file or not."""
import json

import pytest
from conftest import FIXTURES, doc_of

from lawlint.engine.config import Config
from lawlint.engine.linter import Linter
from lawlint.output.formatters import location

DRAFT = ("青山县司法局关于2024年法治政府建设情况的报告\n"
         "\n"
         "县委、县人民政府：\n"
         "　　2024年，我局认真落实法治政府建设各项任务。现将有关情况报告如下。\n"
         "　　一、2024年推进法治政府建设的主要举措和成效\n"
         "　　全年办理行政许可事项214件，依据青政办发[2023]第07号文件开展工作。\n"
         "　　三、存在的不足和原因\n"
         "　　执法人员培训还不够系统。\n"
         "\n"
         "　　　　　　　　青山县司法局\n"
         "　　　　　　　　2025年03月05日\n")


def with_breaks(text: str, style: str) -> str:
    """``text`` (written with \\n) with its line breaks as ``style``: crlf, cr, or mixed
    (\\r\\n, \\r, \\n in turn; never a \\r before an empty line ending in \\n, which would
    be one \\r\\n break)."""
    lines = text.split("\n")
    if style in ("crlf", "cr"):
        return ("\r\n" if style == "crlf" else "\r").join(lines)
    breaks = [("\r\n", "\r", "\n")[i % 3] for i in range(len(lines) - 1)]
    breaks = ["\n" if b == "\r" and lines[i + 1] == "" else b for i, b in enumerate(breaks)]
    return "".join(line + b for line, b in zip(lines, breaks)) + lines[-1]


def test_each_kind_of_break_starts_a_line():
    doc = doc_of("甲\r乙\r\n丙\n\r丁")
    assert doc.line_starts == [0, 2, 5, 7, 8]
    assert [doc.line_text(n) for n in range(1, 6)] == ["甲", "乙", "丙", "", "丁"]
    assert [(line.number, line.text) for line in doc.lines] == [(1, "甲"), (2, "乙"), (3, "丙"), (5, "丁")]
    assert doc.position(doc.text.index("丁")) == (5, 1)
    assert doc.position(doc.text.index("丙")) == (3, 1)
    assert [doc.line_end(n) for n in range(1, 6)] == [1, 3, 6, 7, 9]


def test_a_crlf_break_is_one_break_and_never_part_of_the_line():
    doc = doc_of("第一行\r\n\r\n第三行\r\n")
    assert [doc.line_text(n) for n in range(1, 5)] == ["第一行", "", "第三行", ""]
    line = doc.lines[1]
    assert (line.number, line.text, line.end) == (3, "第三行", doc.text.index("\r", line.start))


@pytest.mark.parametrize("style", ["crlf", "cr", "mixed"])
@pytest.mark.parametrize("name", ["draft", "county-government-report.txt", "notice.txt"])
def test_findings_are_at_the_same_line_and_column_whatever_the_breaks(style, name):
    text = DRAFT if name == "draft" else (FIXTURES / "clean" / name).read_text(encoding="utf-8")
    linter = Linter(Config(), entry_points=False)

    def findings(text):
        doc = doc_of(text)
        return [(tuple(location(doc, v.span).values()), v.code, v.message) for v in linter.lint_document(doc)]

    expected = findings(text)
    assert findings(with_breaks(text, style)) == expected
    if name == "draft":  # the draft's own defects, found at the same places
        assert {(where[:2], code) for where, code, _ in expected} >= {((6, 20), "DN001"), ((7, 3), "ST005"),
                                                                    ((11, 9), "DT001")}


def test_text_output_shows_the_line_of_a_cr_only_file(cli, tmp_path):
    path = tmp_path / "cr.txt"
    path.write_bytes(with_breaks(DRAFT, "cr").encode("utf-8"))
    run = cli("check", "--isolated", "--select", "DN001", str(path))
    assert run.out.splitlines()[:2] == [
        f"{path}:6:20: DN001 [错误] 发文字号“青政办发[2023]第07号”不规范（年份应使用六角括号“〔〕”，不用“[]”；"
        "序号前不加“第”字；序号不编虚位（1不编为01）），应写作“青政办发〔2023〕7号”",
        "    6 | 　　全年办理行政许可事项214件，依据青政办发[2023]第07号文件开展工作。"]
    report = json.loads(cli("check", "--isolated", "--select", "DN001", "--format", "json", str(path)).out)
    assert [(v["line"], v["column"], v["end_line"], v["end_column"]) for v in report["violations"]] == [(6, 20, 6, 34)]
