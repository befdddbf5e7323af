"""lawlint annotate: comments where the findings are, read back with python-docx and with
LibreOffice; tracked changes that turn the text into the fixed text; the original untouched;
no duplicates on a second run."""
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import wordfiles

from lawlint import fix as fixer
from lawlint.annotate import AUTHOR, _existing, annotate_bytes
from lawlint.cli import main
from lawlint.document.formats import docx as docx_format
from lawlint.engine.linter import Linter

EXAMPLE = Path(__file__).parent.parent / "examples" / "青山县司法局2024年度法治政府建设工作报告.docx"


def comments(data: bytes) -> list[tuple[str, str]]:
    """(anchored words, comment text) of lawlint's comments, in the order of the document."""
    return sorted(_existing(docx.Document(io.BytesIO(data))))


def test_one_comment_per_finding_on_its_words(tmp_path, capsys):
    source = tmp_path / "报告.docx"
    source.write_bytes(EXAMPLE.read_bytes())
    before = source.read_bytes()
    assert main(["annotate", "--isolated", str(source), "-o", str(tmp_path / "审核.docx")]) == 0
    assert source.read_bytes() == before  # the original is never written
    out = (tmp_path / "审核.docx").read_bytes()
    doc = docx_format.load("x.docx", EXAMPLE.read_bytes(), {})
    found = Linter().lint_document(doc)
    made = comments(out)
    assert len(made) == len(found) == 8
    document = docx.Document(io.BytesIO(out))
    assert {c.author for c in document.comments} == {AUTHOR}
    for v in found:  # each comment covers the words of its finding, and says what and how
        words = doc.text[v.span.start:v.span.end] or doc.text[v.span.start - 1]
        match = [text for anchored, text in made if anchored == words and v.code in text]
        assert match, (v.code, words)
        if v.fix is not None:
            assert any("修改建议：" + v.fix.description in text for text in match)
    assert "青政办发[2023]第07号" in [a for a, _ in made]
    # the text is the same: comments add no words
    assert docx_format.extract(out).text == doc.text
    assert "共 8 个问题，加了 8 条批注" in capsys.readouterr().out


def test_a_second_run_adds_no_comment_already_there(tmp_path):
    first, _ = annotate_bytes(EXAMPLE.read_bytes(), "a.docx", Linter())
    second, stats = annotate_bytes(first, "a.docx", Linter())
    assert (stats["comments"], stats["kept"]) == (0, 8)
    assert len(docx.Document(io.BytesIO(second)).comments) == 8


def test_track_changes_make_the_text_the_fixed_text():
    data = EXAMPLE.read_bytes()
    doc = docx_format.load("x.docx", data, {})
    found = Linter().lint_document(doc)
    out, stats = annotate_bytes(data, "x.docx", Linter(), track_changes=True)
    expected, applied = fixer.apply(doc.text, found)
    assert stats["tracked"] == applied == 4
    assert docx_format.extract(out).text == expected  # insertions read as accepted, deletions gone
    body = docx.Document(io.BytesIO(out)).element.body
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    revisions = list(body.iter(f"{w}ins", f"{w}del"))
    assert revisions and {r.get(f"{w}author") for r in revisions} == {AUTHOR}
    deleted = [t.text for t in body.iter(f"{w}delText")]
    assert "[2023]第07号" in "".join(deleted) or "青政办发[2023]第07号" in "".join(deleted)
    # what is fixed is no longer found; the rest keep their comments without duplicates
    again, stats = annotate_bytes(out, "x.docx", Linter(), track_changes=True)
    assert stats["findings"] == len(found) - applied and stats["comments"] == 0


def test_a_finding_on_word_numbering_is_anchored_on_its_paragraph():
    out, stats = annotate_bytes(wordfiles.report(skip=True), "r.docx", Linter(), track_changes=True)
    assert stats == {"findings": 1, "comments": 1, "kept": 0, "tracked": 0}
    ((anchored, text),) = comments(out)
    assert anchored == "规范执法行为" and "ST005" in text  # “（三）” is Word's numbering: no run holds it


def test_annotate_refuses_to_write_over_the_original_and_other_formats(tmp_path, capsys):
    source = tmp_path / "报告.docx"
    source.write_bytes(EXAMPLE.read_bytes())
    assert main(["annotate", "--isolated", str(source), "-o", str(source)]) == 2
    assert "不会修改原文件" in capsys.readouterr().err
    text = tmp_path / "报告.txt"
    text.write_text("青山县。\n", encoding="utf-8")
    assert main(["annotate", "--isolated", str(text)]) == 2
    assert main(["annotate", "--isolated", str(source)]) == 0
    assert (tmp_path / "报告-审核.docx").is_file()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_annotated_file_with_its_comments_and_revisions(tmp_path):
    out, _ = annotate_bytes(EXAMPLE.read_bytes(), "x.docx", Linter(), track_changes=True)
    (tmp_path / "审核.docx").write_bytes(out)
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    folder = tmp_path / "lo"
    for target in ("docx", "pdf"):
        subprocess.run(["soffice", profile, "--headless", "--convert-to", target, "--outdir", str(folder),
                        str(tmp_path / "审核.docx")], check=True, capture_output=True, timeout=180)
    # LibreOffice read the comments where they were, and wrote them back
    assert comments((folder / "审核.docx").read_bytes()) == comments(out)
    assert (folder / "审核.pdf").stat().st_size > 10_000
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(folder / "审核.pdf"),
                        str(folder / "page")], check=True, timeout=60)
        assert (folder / "page-1.png").stat().st_size > 5_000
