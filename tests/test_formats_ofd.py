"""OFD files (GB/T 33190) read with ofdkit and laid out as PDFs are: page numbers dropped,
lines broken by the page width joined, places by page and line; a scan is one line."""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest

BENCH = Path(__file__).parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import make_formats  # noqa: E402

from lawlint.document.formats import ofd as ofd_format  # noqa: E402
from lawlint.engine.linter import Linter  # noqa: E402

pytest.importorskip("ofdkit")

DRAFT = ("青山县农业农村局关于2024年法治政府建设情况的报告\n"
         "县委全面依法治县委员会办公室：\n"
         "　　2024年，我局认真落实法治政府建设实施纲要，围绕乡村振兴中心任务，持续规范行政执法行为，"
         "全年开展农资打假专项行动12次，查办案件37件。\n"
         "　　一、主要举措和成效\n" + "".join(f"　　{n}.第{n}项工作已按计划完成，群众满意度明显提升。\n" for n in range(1, 31))
         + "青山县农业农村局\n2025年2月18日\n")


def ofd_bytes(text: str, **options) -> bytes:
    out = io.BytesIO()
    make_formats.make_ofd(text, out, **options)
    return out.getvalue()


def test_paragraphs_come_out_whole_and_page_numbers_are_dropped():
    doc = ofd_format.load("x.ofd", ofd_bytes(DRAFT), {})
    lines = doc.text.splitlines()
    assert lines[2] == DRAFT.splitlines()[2].strip("　")  # wrapped over three lines, one paragraph again
    assert "— 1 —" not in doc.text and "— 2 —" not in doc.text
    assert [line.strip("　") for line in DRAFT.splitlines()] == lines


def test_places_are_page_and_line_and_findings_match_the_text():
    doc = ofd_format.load("x.ofd", ofd_bytes(DRAFT.replace("2月18日", "02月18日")), {})
    assert doc.format == "ofd"
    assert doc.places.place(doc.text.index("30.第30项"))["label"].startswith("第2页第")
    found = [(v.code, doc.text[v.span.start:v.span.end]) for v in Linter().lint_document(doc)]
    assert ("DT001", "2025年02月18日") in found


def test_an_ofd_without_text_is_one_line():
    with pytest.raises(Exception, match="没有文字"):
        ofd_format.load("扫描.ofd", ofd_bytes("", page_numbers=False), {})


def test_a_damaged_ofd_is_one_line(cli, tmp_path):
    path = tmp_path / "坏.ofd"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("Doc_0/Document.xml", "<x/>")
    path.write_bytes(buffer.getvalue())
    run = cli("check", "--isolated", str(path))
    assert run.code == 2 and "无法作为 OFD 文件读取" in run.err and len(run.err.strip().splitlines()) == 1


def test_ofd_on_standard_input_is_recognised_by_its_bytes():
    result = Linter().lint_bytes("<stdin>", ofd_bytes(DRAFT.replace("2月18日", "02月18日")))
    assert result.format == "ofd" and "DT001" in [v.code for v in result.violations]
