"""The reviewers' outputs: --format html (审核意见, one self-contained page, rendered by a real
headless Chromium without console messages) and --format csv (审核意见表 Excel opens), and
--output to write either to a file."""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import html_report  # noqa: E402

from lawlint.document.formats import FORMATS  # noqa: E402
from lawlint.document.loaders import TEXT_EXTENSIONS  # noqa: E402

DRAFT = ("青山县人民政府关于2024年法治政府建设情况的报告\n青政发[2025]第03号\n\n"
         "=HYPERLINK(\"x\") 2024年，我县坚持依法行政<img src=x onerror=alert(1)>,全面推进法治政府建设。\n")
EXAMPLES = Path(__file__).parent.parent / "examples"


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "草稿<b>.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def test_html_is_one_page_that_fetches_nothing_and_escapes_the_document(cli, draft):
    run = cli("check", "--isolated", "--format", "html", str(draft))
    page = run.out
    assert run.code == 1 and page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert not re.search(r"<(?:script|link|img|iframe|object|embed)\b|<[^>]*\s(?:src|href)=|url\(|@import", page, re.I)
    assert "default-src 'none'" in page  # and the browser is told to fetch nothing
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "草稿&lt;b&gt;.txt" in page
    # each finding: place, severity, rule, message, the words marked, the fix, the basis
    assert page.count('<div class="finding">') == 7
    assert ('<span class="place">第2行第1列</span><span class="badge error">错误</span>'
            '<span class="code">DN001 malformed-doc-number</span>') in page
    assert "<mark>青政发[2025]第03号</mark>" in page
    assert "修改建议：改为“青政发〔2025〕3号”" in page and "依据：GB/T 9704—2012 7.2.5" in page
    assert "<mark>,</mark>全面推进法治政府建设。</blockquote>" in page  # the quote ends at the sentence's end
    # summary by family and severity
    assert "共 7 个问题：错误 2，警告 2，提示 3" in page
    assert "<tr><td>结构（ST）</td><td>1</td><td>0</td><td>3</td><td>4</td></tr>" in page


def test_html_names_pages_and_paragraphs_of_word_and_pdf(cli):
    page = cli("check", "--isolated", "--format", "html",
               str(EXAMPLES / "青山县司法局2024年度法治政府建设工作报告.pdf")).out
    assert re.search(r'<span class="place">第1页第\d+行</span>', page)
    page = cli("check", "--isolated", "--format", "html",
               str(EXAMPLES / "青山县司法局2024年度法治政府建设工作报告.docx")).out
    assert re.search(r'<span class="place">第\d+段</span>', page)


def test_csv_opens_in_excel_as_a_table(cli, draft):
    run = cli("check", "--isolated", "--format", "csv", str(draft))
    assert run.out.startswith("\ufeff文件,位置,行,列,代码,名称,严重程度,问题,原文,修改建议,依据\r\n")
    rows = list(csv.reader(io.StringIO(run.out.lstrip("\ufeff"))))
    assert len(rows) == 1 + 7 and {len(r) for r in rows} == {11}
    dn001 = next(r for r in rows if r[4] == "DN001")
    assert dn001[1:4] == ["2:1", "2", "1"] and dn001[6] == "错误"
    assert dn001[9] == "改为“青政发〔2025〕3号”" and dn001[10] == "GB/T 9704—2012 7.2.5"
    # a quote beginning like a formula is shown as text, not run
    pu002 = next(r for r in rows if r[4] == "PU002")
    assert pu002[8].startswith("'=HYPERLINK(")


def test_output_writes_the_report_to_a_file_and_a_second_run_does_not_check_it(cli, draft, tmp_path):
    out = tmp_path / "审核意见.html"
    run = cli("check", "--isolated", "--format", "html", "-o", str(out), str(tmp_path))
    assert run.code == 1 and run.out == ""
    first = out.read_text(encoding="utf-8")
    assert "草稿&lt;b&gt;.txt" in first and "审核意见.html</h2>" not in first
    run = cli("check", "--isolated", "--format", "html", "-o", str(out), str(tmp_path))
    assert "审核意见.html</h2>" not in out.read_text(encoding="utf-8")  # last run's report is no document
    csv_out = tmp_path / "意见表.csv"
    cli("check", "--isolated", "--format", "csv", "--output", str(csv_out), str(draft))
    assert csv_out.read_bytes().startswith(b"\xef\xbb\xbf") and b"\r\n" in csv_out.read_bytes()
    made = tmp_path / "新目录" / "x.html"  # a missing folder is created
    assert cli("check", "--isolated", "-o", str(made), str(draft)).code == 1 and made.exists()
    run = cli("check", "--isolated", "-o", str(draft / "x.html"), str(draft))  # under a file: impossible
    assert run.code == 2 and "--output-file" in run.err


needs_chromium = pytest.mark.skipif(html_report.chromium() is None, reason="Chromium is not installed")


@needs_chromium
def test_the_console_check_sees_what_a_page_does_wrong(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">"
                   "<p>x</p><script>console.error('boom')</script>", encoding="utf-8")
    _, console = html_report.render(bad)
    assert console  # the check below can fail


@needs_chromium
def test_chromium_renders_the_review_sheet_without_console_messages(cli, tmp_path):
    out = tmp_path / "审核意见.html"
    cli("check", "--isolated", "--format", "html", "-o", str(out), str(EXAMPLES))
    shot, printed = tmp_path / "shot.png", tmp_path / "printed.pdf"
    dom, console = html_report.render(out, f"--screenshot={shot}", "--window-size=1100,1500",
                                      f"--print-to-pdf={printed}", "--no-pdf-header-footer")
    assert console == []
    # the summary, written last, is in the page; every document is there
    assert "概况" in dom and dom.count('<section class="document">') == len(
        [p for p in EXAMPLES.iterdir() if p.suffix in (*TEXT_EXTENSIONS, *FORMATS)])
    assert shot.stat().st_size > 50_000 and printed.read_bytes().startswith(b"%PDF")
    # printed: the summary on the first page (in Chinese, as text), the documents from the second
    import pypdfium2

    pdf = pypdfium2.PdfDocument(printed.read_bytes())
    first, second = (pdf[i].get_textpage().get_text_range() for i in (0, 1))
    assert "审核意见" in first and "概况" in first and str(EXAMPLES) not in first
    assert second.lstrip().startswith(str(EXAMPLES))
