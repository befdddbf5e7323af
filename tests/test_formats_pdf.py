"""PDF files: the text as printed — page numbers and running headers dropped, lines broken by
the page width joined, blanks PDFium makes up from gaps left out — placed by page and line."""
import json
from pathlib import Path

import pytest

from lawlint.cli import main
from lawlint.document.formats import pdf
from lawlint.document.formats.pdf import PdfLine, _joins
from lawlint.document.loaders import InputError
from lawlint.engine.linter import Linter

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
TWO_PAGES = FIXTURES / "两页报告.pdf"  # bench/make_formats.py 两页报告.txt --pdf --header 青山县交通运输局


def paragraphs(text: str) -> list[str]:
    return [line.strip("\u3000 ") for line in text.splitlines() if line.strip("\u3000 ")]


def test_each_paragraph_comes_out_whole_as_it_was_written():
    doc = pdf.load(str(TWO_PAGES), TWO_PAGES.read_bytes(), {})
    source = (FIXTURES / "两页报告.txt").read_text(encoding="utf-8")
    assert paragraphs(doc.text) == paragraphs(source)


def test_page_numbers_and_the_running_header_are_dropped():
    text = pdf.load(str(TWO_PAGES), TWO_PAGES.read_bytes(), {}).text
    assert "— 1 —" not in text and "— 2 —" not in text
    assert text.count("青山县交通运输局") == 2  # in the title and the 落款, not the header of each page


def test_a_paragraph_across_the_page_break_is_one_line_placed_where_each_piece_is():
    doc = pdf.load(str(TWO_PAGES), TWO_PAGES.read_bytes(), {})
    line = next(x for x in doc.text.splitlines() if x.startswith("落实“谁执法谁普法”"))
    start = doc.text.index(line)
    first = doc.places.place(start)
    last = doc.places.place(start + len(line) - 1)
    assert first["page"] == 1 and last["page"] == 2 and last["page_line"] == 2
    assert first["label"] == f"第1页第{first['page_line']}行"


def test_no_blank_is_made_up_between_chinese_and_digits():
    text = pdf.load(str(TWO_PAGES), TWO_PAGES.read_bytes(), {}).text
    assert "2024年" in text and "286件" in text and "2024 年" not in text


def test_the_pdf_and_its_text_give_the_same_findings_and_its_places_are_pages(tmp_path, capsys):
    source = (FIXTURES / "两页报告.txt").read_text(encoding="utf-8")
    broken = source.replace("286件", "286 件").replace("（三）深化", "（四）深化")
    assert main(["check", "--isolated", "--format", "json", str(TWO_PAGES)]) == 0
    capsys.readouterr()
    # the text twin with two mistakes: both found, on the lines of the text
    path = tmp_path / "两页报告.txt"
    path.write_text(broken, encoding="utf-8")
    main(["check", "--isolated", "--format", "json", str(path)])
    codes = sorted(v["code"] for v in json.loads(capsys.readouterr().out)["violations"])
    assert codes == ["ST005", "TX001"]


def test_a_scan_without_text_is_one_line(capsys):
    with pytest.raises(InputError, match="没有文字层"):
        pdf.load("扫描件.pdf", (FIXTURES / "扫描件.pdf").read_bytes(), {})
    assert main(["check", "--isolated", str(FIXTURES / "扫描件.pdf")]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_a_damaged_pdf_is_one_line():
    with pytest.raises(InputError, match="无法作为 PDF 读取"):
        pdf.load("坏.pdf", b"%PDF-1.7\nnot a pdf at all", {})


def test_pdf_on_standard_input_is_recognised_by_its_bytes():
    result = Linter().lint_bytes("<stdin>", TWO_PAGES.read_bytes())
    assert result.format == "pdf" and result.error is None


def line(text, left, right, baseline, page=1, size=16.0):
    return PdfLine(page, text=text, left=left, right=right, baseline=baseline, size=size)


@pytest.mark.parametrize("previous, current, joined", [
    (line("一段文字排满了一行" * 3, 80, 516, 700), line("接着写完。", 80, 200, 671), True),
    (line("一段文字排满了一行" * 3, 80, 516, 700), line("\u3000\u3000新的一段。", 80, 300, 671), False),
    (line("一段文字排满了一行" * 3, 80, 516, 700), line("二、下一个标题", 80, 250, 671), False),
    (line("这一段在这里结束了。", 112, 300, 700), line("下一段顶格开始", 80, 516, 671), False),
    (line("一段文字排满了一行" * 3, 80, 516, 700), line("隔了很远的一行", 80, 516, 560), False),
    (line("一段文字排满了一行" * 3, 80, 516, 100, page=1), line("翻到下一页接着写", 80, 400, 760, page=2), True),
    (line("很长的标题排满了一整行" * 2, 82, 519, 712, size=22), line("告", 290, 310, 683, size=22), True),
    (line("标题", 270, 330, 712, size=22), line("告", 290, 310, 683, size=22), False),
])
def test_lines_join_only_where_the_page_width_broke_them(previous, current, joined):
    assert _joins(previous, current, 80, 516) is joined


def test_a_numbered_list_going_on_over_the_page_is_no_running_header():
    from lawlint.document.formats.pdf import PdfLine, _furniture

    def page(number, *texts):
        return [PdfLine(number, text=t) for t in texts]

    items = [f"{n}.第{n}项工作已按计划完成。" for n in range(1, 9)]
    pages = [page(1, "青山县司法局", *items[:4], "— 1 —"), page(2, *items[4:], "— 2 —")]
    dropped = {line.text for lines in pages for line in lines if id(line) in _furniture(pages)}
    assert dropped == {"— 1 —", "— 2 —"}
    # the same line at the top of every page is a running header
    pages = [page(n, "青山县司法局文件", f"正文第{n}页。", f"{n}") for n in (1, 2, 3)]
    dropped = {line.text for lines in pages for line in lines if id(line) in _furniture(pages)}
    assert dropped == {"青山县司法局文件", "1", "2", "3"}
