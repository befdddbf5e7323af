"""The bundled examples in Word, PDF, OFD and web-page form (made by bench/make_formats.py from the
.txt examples) give the findings of their .txt twins: same rules, same words, same messages
once the places are left aside — except what only one form holds (a web copy's chrome, which
a saved page keeps out of the article)."""
import re
from collections import Counter
from pathlib import Path

import pytest

from lawlint.engine.linter import Linter
from lawlint.engine.runner import read

EXAMPLES = Path(__file__).parent.parent / "examples"
REPORT = "青山县司法局2024年度法治政府建设工作报告"
WEB_TXT = "网页转载-青山县人民政府2024年法治政府建设情况（GB18030编码）.txt"
WEB_HTML = "网页-青山县人民政府2024年法治政府建设情况.html"
_PLACES = re.compile(r"第\d+页第\d+行|第\d+段至第\d+段|第\d+段|第\d+(?:[—–-]\d+)?行")


def findings(path: Path, whole_page: bool = False) -> Counter:
    linter = Linter(load_options={"whole_page": whole_page})
    result = read(linter, str(path))
    assert result.error is None, result.error
    return Counter((f.code, _PLACES.sub("#", f.message)) for f in result.findings)


def test_the_examples_have_twins():
    for name in (f"{REPORT}.docx", f"{REPORT}.pdf", f"{REPORT}.ofd", WEB_HTML):
        assert (EXAMPLES / name).is_file(), f"run: python bench/make_formats.py examples ({name})"


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".ofd"])
def test_word_and_pdf_twins_give_the_findings_of_the_text(suffix):
    text = findings(EXAMPLES / f"{REPORT}.txt")
    assert len(text) >= 7
    assert findings(EXAMPLES / f"{REPORT}{suffix}") == text


def test_the_saved_page_gives_the_findings_of_its_copy_but_the_chrome_and_its_date():
    copy = findings(EXAMPLES / WEB_TXT)
    page = findings(EXAMPLES / WEB_HTML)
    # the copy's chrome (TX002) and the publication date in it (DT003) are the page's, not the article's
    assert page == Counter({k: n for k, n in copy.items() if k[0] not in ("TX002", "DT003")})
    whole = findings(EXAMPLES / WEB_HTML, whole_page=True)
    assert {k: n for k, n in whole.items() if k[0] != "TX002"} == {k: n for k, n in copy.items() if k[0] != "TX002"}
    assert whole["TX002", "#是网页残留（“欢迎访问青山县人民政府门户网站 无障碍 ……”），不属于公文内容，应删除"] == 1


def test_messages_name_the_places_of_the_form_read():
    linter = Linter()
    result = read(linter, str(EXAMPLES / f"{REPORT}.pdf"))
    st005 = [f.message for f in result.findings if "序号不连续" in f.message]
    assert st005 and "第1页第" in st005[0]
