"""Random documents made of what real 公文 are made of: no rule raises, every span and every
fix lies inside the document, a fix's edits do not overlap, the outputs stay valid.

In the suite the examples are fixed (``derandomize``) and few; ``bench/fuzz.py`` runs this
test for minutes with many seeds (``LAWLINT_FUZZ_SEED``, ``LAWLINT_FUZZ_EXAMPLES``).
"""
import io
import json
import os

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from lawlint.document import Document
from lawlint.engine.config import Config
from lawlint.engine.linter import FileResult, Linter
from lawlint.fix import overlapping
from lawlint.output.formatters import JsonFormatter, Summary, TextFormatter

HAN = "的一是在了有和人中大为上国以要时到作地于出就分对成会可主发年动同工也能下过法制治政府建设依行县市区局司关报告通知" \
      "意见工作情况主要举措成效存在不足原因推进落实责任第负责人领导加强完善制度执法监督审核决策规范性文件這個機關發佈"
FULL = "，。、；：？！“”‘’《》〈〉（）〔〕【】「」…—～·　"
HALF = ",.;:?!()[]\"'-/~<>%*#_{}|"
DIGITS = "0123456789０１２３４５６７８９〇○零一二三四五六七八九十百两O"
BLANKS = " \t\u00a0\u2002\u3000\u200b\ufeff"
FRAGMENTS = [
    "一、", "二、", "三、", "九十九、", "十、", "（一）", "（二）", "(三)", "1.", "2、", "（1）", "①", "第一部分", "第二部分",
    "关于", "的报告", "的通知", "法治政府建设", "年度报告", "情况报告", "主要举措和成效", "存在的不足和原因",
    "第一责任人职责情况", "主要安排", "青山县司法局", "青山县人民政府", "县委、县政府：", "现将有关情况报告如下。",
    "2024年", "2025年3月5日", "0000年1月1日", "2024年2月30日", "2024年01月08日", "二〇二五年三月二十日", "20240105",
    "2024.3.1", "2021-2025年", "2021—2025年", "24年度", "十四五", "党的二十大", "国办发〔2024〕12号",
    "国办发[2024]第012号", "青政办发〔2023〕", "〔2024〕", "号", "【打印本页】", "浏览次数：", "发布时间：",
    "首页 > 政务公开", "【关闭窗口】", "XXX", "××", "妥否，请批示。", "法制政府", "截止目前", "做出决定", "其它同志",
    "习近平新时代中国特色社会主义思想", "科学立法、严格执法、公正司法、全民守法", "“放管服”", "《行政处罚法》",
    "……", "...", "。。", "，，", "# ", "- ", "　　", "\u3000\u3000",
]
BREAKS = ["\n", "\r\n", "\r", "\n\n"]
piece = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(alphabet=HAN, min_size=1, max_size=12),
    st.text(alphabet=HAN + FULL + HALF + DIGITS + BLANKS, min_size=1, max_size=6),
)
line = st.lists(piece, max_size=8).map("".join)
document = st.tuples(st.lists(line, max_size=24), st.lists(st.sampled_from(BREAKS), min_size=24, max_size=24)).map(
    lambda lb: "".join(text + brk for text, brk in zip(*lb)))
# Lone surrogates only reach lawlint through its library API (no decoder makes them).
surrogates = st.tuples(document, st.lists(st.tuples(st.integers(0, 10_000), st.sampled_from(
    ["\ud800", "\udbff", "\udc00", "\udfff", "\udc80"])), max_size=3)).map(
    lambda ds: _insert(*ds))


def _insert(text: str, inserts) -> str:
    for at, ch in inserts:
        at = at % (len(text) + 1)
        text = text[:at] + ch + text[at:]
    return text


_LINTER = Linter(Config(), entry_points=False)
_EXAMPLES = int(os.environ.get("LAWLINT_FUZZ_EXAMPLES", "150"))
_SEED = os.environ.get("LAWLINT_FUZZ_SEED")
_SETTINGS = settings(max_examples=_EXAMPLES, deadline=None, database=None, derandomize=_SEED is None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _seeded(test):
    return seed(int(_SEED))(test) if _SEED is not None else test


def check_document(text: str) -> None:
    found = _LINTER.lint_text(text, "fuzz.txt")
    size = len(text)
    for v in found:
        assert "运行出错" not in v.message, v.message
        assert 0 <= v.span.start <= v.span.end <= size, (v.code, v.span)
        if v.fix is not None:
            assert all(0 <= e.span.start <= e.span.end <= size for e in v.fix.edits), (v.code, v.fix)
            assert not overlapping(v.fix.edits), (v.code, v.fix)
    document = Document(text, "fuzz.txt")
    result = FileResult("fuzz.txt", document, _LINTER.lint_document(document)).resolve(excerpts=True)
    for f in result.findings:
        assert 1 <= f.line <= f.end_line <= len(document.line_starts)
    out = io.StringIO()
    json_out = JsonFormatter(out)
    json_out.start()
    json_out.file(result)
    summary = Summary()
    summary.add(result)
    json_out.finish(summary)
    assert len(json.loads(out.getvalue())["violations"]) == len(found)
    shown = io.StringIO()
    TextFormatter(shown, show_all=True).file(result)
    assert not any(ch in shown.getvalue() for ch in "\x1b\r\x07\u202e")


@_SETTINGS
@_seeded
@given(document)
def test_random_documents(text):
    check_document(text)


@_SETTINGS
@_seeded
@given(surrogates)
def test_random_documents_with_lone_surrogates(text):
    check_document(text)
