"""Word documents: what a reader sees is what lawlint lints — Word's numbering written out,
tables apart, headers and footers apart, tracked changes as accepted — and findings are
placed by paragraph (and page, when Word stored it)."""
import json

import docx
import pytest
import wordfiles

from lawlint.cli import main
from lawlint.document import TABLE, TITLE
from lawlint.document.formats import docx as docx_format
from lawlint.document.formats.docx import Numbering, format_number
from lawlint.document.loaders import InputError
from lawlint.engine.linter import Linter


def lint(data: bytes, path: str = "报告.docx"):
    doc = docx_format.load(path, data, {})
    return doc, Linter().lint_document(doc)


@pytest.mark.parametrize("value, fmt, shown", [
    (1, "chineseCounting", "一"), (11, "chineseCounting", "十一"), (20, "chineseCountingThousand", "二十"),
    (3, "decimalEnclosedCircle", "③"), (27, "upperLetter", "AA"), (4, "lowerRoman", "iv"),
    (12, "decimal", "12"), (5, "decimalFullWidth", "５"), (2, "ideographTraditional", "乙"),
    (3, "chineseLegalSimplified", "叁"), (2024, "ideographDigital", "二〇二四"),
])
def test_word_number_formats(value, fmt, shown):
    assert format_number(value, fmt) == shown


def test_word_numbering_is_written_out_so_headings_are_seen():
    doc, found = lint(wordfiles.report())
    lines = doc.text.splitlines()
    assert "一、2024年推进法治政府建设的主要举措和成效" in lines
    assert "（一）健全执法制度" in lines and "（二）规范执法行为" in lines
    assert "四、2025年推进法治政府建设的主要安排" in lines
    assert [h.numbering.canonical for h in doc.headings if h.numbering] == \
        ["一、", "（一）", "（二）", "二、", "三、", "四、"]
    assert found == []  # a correct report: its table, 落款 and 附注 raise nothing


def test_a_restarted_word_list_is_a_numbering_skip_reported_at_its_paragraph():
    doc, found = lint(wordfiles.report(skip=True))
    assert [(v.code, doc.text[v.span.start:v.span.end]) for v in found] == [("ST005", "（三）")]
    assert doc.places.place(found[0].span.start)["label"] == "第8段"


def test_word_numbering_counts_like_word():
    document = docx.Document()
    num = wordfiles.chinese_numbering(document)
    wordfiles.numbered(document, "甲", 0)
    wordfiles.numbered(document, "乙", 1)
    wordfiles.numbered(document, "丙", 2)
    wordfiles.numbered(document, "丁", 2)
    wordfiles.numbered(document, "戊", 1)       # a deeper level starts again under a new item
    wordfiles.numbered(document, "己", 2)
    document.add_paragraph("")                    # empty paragraphs take no number
    wordfiles.numbered(document, "", 0)
    shared = wordfiles.chinese_numbering(document, num_id=91, share_with=num)
    wordfiles.numbered(document, "庚", 0, shared)  # another list on the same abstract list goes on
    restarted = wordfiles.chinese_numbering(document, num_id=92, share_with=num, starts={0: 1})
    wordfiles.numbered(document, "辛", 0, restarted)  # … unless it has its own start
    text = docx_format.extract(wordfiles.saved(document)).text
    assert [line for line in text.splitlines() if line] == \
        ["一、甲", "（一）乙", "1.丙", "2.丁", "（二）戊", "1.己", "二、庚", "一、辛"]


def test_numbering_of_unknown_lists_and_bullets_adds_nothing():
    numbering = Numbering(None, {})
    assert numbering.label("7", 0) == ""


def test_tables_are_read_cell_by_cell_and_laid_out_apart():
    doc, _ = lint(wordfiles.report())
    cells = [b.text for b in doc.blocks if b.kind == TABLE]
    assert cells == ["序号", "事项", "完成情况", "1.", "执法案卷评查", "已完成", "2.", "执法人员轮训", "已完成"]
    assert "1." not in [h.text for h in doc.headings]  # a 序号 cell is no heading
    table = [b for b in doc.blocks if b.kind == TABLE]
    assert doc.places.place(table[4].span.start) == {"label": "表1第2行第2列", "table": 1, "row": 2, "cell": 2}


def test_headers_footers_and_footnotes_are_kept_apart_from_the_body():
    doc, _ = lint(wordfiles.report())
    assert "— 1 —" not in doc.text
    assert doc.apart["页脚"] == ["— 1 —"] and doc.apart["页眉"] == ["青山县综合行政执法队"]


def test_title_of_two_centered_lines_and_a_right_aligned_organ_without_a_known_suffix():
    document = docx.Document()
    wordfiles.centered(document, "青山县法治政府建设示范创建专班")
    wordfiles.centered(document, "关于2024年示范创建工作情况的报告")
    document.add_paragraph("县委全面依法治县委员会办公室：")
    document.add_paragraph("2024年，专班按照示范创建方案扎实推进各项工作，现将有关情况报告如下。")
    document.add_paragraph("全年召开专班会议6次，协调解决问题21个。")
    wordfiles.right(document, "青山县法治政府建设示范创建专班")
    wordfiles.right(document, "2025年1月15日")
    doc, _ = lint(wordfiles.saved(document))
    assert doc.title.text == "青山县法治政府建设示范创建专班关于2024年示范创建工作情况的报告"
    signature = [b.text for b in doc.blocks if b.kind == "signature"]
    assert signature == ["青山县法治政府建设示范创建专班", "2025年1月15日"]
    # the same lines left-aligned: the text alone does not make the organ a 落款
    plain = docx.Document()
    for line in doc.text.splitlines():
        plain.add_paragraph(line)
    unplaced, _ = lint(wordfiles.saved(plain))
    assert "青山县法治政府建设示范创建专班" not in [b.text for b in unplaced.blocks if b.kind == "signature"]


def test_tracked_changes_read_as_accepted_and_field_codes_left_out():
    document = docx.Document()
    wordfiles.raw_paragraph(document, (
        '<w:r><w:t>全年办理案件</w:t></w:r>'
        '<w:del w:id="1" w:author="张三" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>400</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="张三" w:date="2025-01-01T00:00:00Z"><w:r><w:t>412</w:t></w:r></w:ins>'
        '<w:r><w:t>件，见第</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Ref1 \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页。</w:t></w:r>'))
    assert docx_format.extract(wordfiles.saved(document)).text == "全年办理案件412件，见第3页。"


def test_pages_come_from_the_layout_word_stored():
    document = docx.Document()
    document.add_paragraph("第一页的文字。")
    wordfiles.raw_paragraph(document, '<w:r><w:lastRenderedPageBreak/><w:t>第二页的文字。</w:t></w:r>')
    extracted = docx_format.extract(wordfiles.saved(document))
    assert extracted.pages
    assert extracted.places.place(extracted.text.index("第二页")) == {"label": "第2页第2段", "paragraph": 2, "page": 2}
    # a file without Word's layout (python-docx, LibreOffice) has no page numbers to give
    assert not docx_format.extract(wordfiles.report()).pages


def test_text_and_json_output_name_the_paragraph(tmp_path, capsys):
    path = tmp_path / "报告.docx"
    path.write_bytes(wordfiles.report(skip=True))
    assert main(["check", "--isolated", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"{path}:第8段: ST005" in out
    assert "第6段“（一）”之后应为“（二）”" in out  # the message names paragraphs too, not lines
    main(["check", "--isolated", "--format", "json", str(path)])
    record = json.loads(capsys.readouterr().out)["violations"][0]
    assert (record["place"], record["paragraph"], record["line"]) == ("第8段", 8, 9)
    assert record["column"] == 1


def test_a_damaged_docx_is_one_line(tmp_path, capsys):
    path = tmp_path / "坏.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["check", "--isolated", str(path)]) == 2
    err = capsys.readouterr().err
    assert "无法作为 Word（.docx）文件读取" in err and len(err.strip().splitlines()) == 1


def test_a_missing_extra_is_one_line_naming_it(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "docx", None)  # as if python-docx were not installed
    path = tmp_path / "报告.docx"
    path.write_bytes(wordfiles.report())
    assert main(["check", "--isolated", str(path)]) == 2
    err = capsys.readouterr().err
    assert 'pip install "lawlint[docx]"' in err and len(err.strip().splitlines()) == 1


def test_docx_given_on_standard_input_is_recognised_by_its_bytes():
    linter = Linter()
    result = linter.lint_bytes("<stdin>", wordfiles.report(skip=True))
    assert result.format == "docx" and [v.code for v in result.violations] == ["ST005"]


def test_doc_without_libreoffice_is_one_line_telling_to_save_as_docx(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LAWLINT_SOFFICE", str(tmp_path / "没有这个程序"))
    path = tmp_path / "旧稿.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert main(["check", "--isolated", str(path)]) == 2
    assert "另存为 .docx" in capsys.readouterr().err


def test_folders_list_the_documents_they_skip_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LAWLINT_SOFFICE", str(tmp_path / "没有这个程序"))
    (tmp_path / "报告.docx").write_bytes(wordfiles.report())
    (tmp_path / "报告.DOCX").write_bytes(wordfiles.report(skip=True))  # extensions in any case
    (tmp_path / "~$报告.docx").write_bytes(b"lock")                     # Word's lock file: not a document
    (tmp_path / "纪要.rtf").write_bytes(b"{\\rtf1 }")
    (tmp_path / "旧稿.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "照片.png").write_bytes(b"\x89PNG")
    assert main(["check", "--isolated", "-q", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    notes = [line for line in captured.err.splitlines() if "跳过" in line]
    assert len(notes) == 1
    assert "跳过了 2 个文件" in notes[0] and "纪要.rtf（RTF 文件暂不支持" in notes[0] and "旧稿.doc（需要 LibreOffice" in notes[0]
    assert "照片.png" not in captured.err and "~$" not in captured.out
    assert captured.out.count("ST005") == 1


def test_a_folder_of_word_files_without_the_extra_says_why_nothing_was_checked(tmp_path, capsys, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "docx" else real(name, *a))
    (tmp_path / "报告.docx").write_bytes(wordfiles.report())
    assert main(["check", "--isolated", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "报告.docx（未安装 lawlint[docx]）" in err and "目录中没有可检查的文档" in err


def test_stdin_and_explicit_names_of_other_files_still_go_to_the_text_reader():
    with pytest.raises(InputError, match="PNG"):
        Linter().load("图.png", b"\x89PNG\r\n")
    assert Linter().load("a.txt", "青山县。\n".encode()).format == "txt"


def test_title_blocks_from_word_style_title():
    document = docx.Document()
    document.add_paragraph("青山县司法局2024年度工作要点", style="Title")
    document.add_paragraph("一是深入学习贯彻习近平法治思想。")
    doc, _ = lint(wordfiles.saved(document))
    assert [b.text for b in doc.blocks if b.kind == TITLE] == ["青山县司法局2024年度工作要点"]


def test_word_comments_are_exposed_on_the_words_they_cover():
    """Word 批注 as ``Document.comments`` (span, author, text): what a suppression such as
    ``lawlint: ignore WD001`` anchored on a passage needs."""
    document = docx.Document()
    num = wordfiles.chinese_numbering(document)
    wordfiles.numbered(document, "基本情况", 0, num)
    p = document.add_paragraph("全年办理")
    run = p.add_run("行政复议案件")
    p.add_run("36件。")
    document.add_comment(run, text="lawlint: ignore WD001", author="张三")
    first = document.add_paragraph("上半年开展专项检查。")
    second = document.add_paragraph("下半年组织集中培训。")
    document.add_comment([first.runs[0], second.runs[0]], text="两段合并", author="李四")
    doc = docx_format.load("x.docx", wordfiles.saved(document), {})
    found = [(doc.text[c.span.start:c.span.end], c.author, c.text) for c in doc.comments]
    assert found == [("行政复议案件", "张三", "lawlint: ignore WD001"),
                     ("上半年开展专项检查。\n下半年组织集中培训。", "李四", "两段合并")]
    assert doc.text.startswith("一、基本情况\n")  # the numbering before the comment's paragraph counts
    # a file without comments has none, and plain text has none
    assert docx_format.load("y.docx", wordfiles.report(), {}).comments == []
