"""Inputs that used to crash a rule: each is linted normally, no rule reports an internal error."""
import pytest

from lawlint.engine.config import Config
from lawlint.engine.linter import Linter

INTERNAL = "运行出错"


@pytest.fixture(scope="module")
def linter():
    return Linter(Config(), entry_points=False)


def internal_errors(found):
    return [(v.code, v.message) for v in found if INTERNAL in v.message]


def test_a_signing_date_in_the_year_zero(linter):
    found = linter.lint_text("青山县司法局关于2024年法治政府建设情况的报告\n现将有关情况报告如下。\n"
                             "青山县司法局\n0000年1月1日\n")
    assert internal_errors(found) == []  # DT002, DT003, WD012 built a date of the year 0
    dt001 = [v for v in found if v.code == "DT001"]
    assert [(v.message, v.fix) for v in dt001] == [("成文日期“0000年1月1日”不存在，请核对", None)]


def test_a_heading_numeral_repeated_after_ninety_nine(linter):
    found = linter.lint_text("九十九、主要举措\n正文内容。\n九十九、存在的不足\n正文内容。\n")
    assert internal_errors(found) == []
    assert "应为“一百、”" in next(v.message for v in found if v.code == "ST005" and v.span.start > 0)


@pytest.mark.parametrize("text", [
    "\ud800",
    "青山县司法局关于2024年\ud800法治政府建设情况的报告\n正文\udfff内容。這個機關發佈通知。\n",
    "\udc80\udcff" * 50 + "\n一、主要举措\n（一）加强组织领导\ud83d\n",
])
def test_lone_surrogates_through_the_library(linter, text):
    found = linter.lint_text(text)
    assert internal_errors(found) == []
    assert all(0 <= v.span.start <= v.span.end <= len(text) for v in found)
    # they stand for characters lost in decoding: reported as encoding damage, where they are
    damage = sorted(v.span.start for v in found if v.code == "TX003")
    assert damage and all(0xD800 <= ord(text[start]) <= 0xDFFF for start in damage)
