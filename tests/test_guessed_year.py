"""Findings resting on a report year inferred from the opening paragraph (the title was
lost in copying) are guesses: severity info, and the message says where the year came from."""
import pytest

from lawlint.rule import Severity
from lawlint.testing import lint

BODY = ("2024年，我局深入推进法治政府建设，现将2024年度法治政府建设情况报告如下。\n"
        "一、2024年推进法治政府建设的主要举措和成效\n全年审查规范性文件12件。\n"
        "二、2024年推进法治政府建设的主要安排\n持续提升行政执法质量。\n青山县司法局\n{date}\n")
TITLE = "青山县司法局2024年度法治政府建设工作报告\n"


@pytest.mark.parametrize("rule, date, count", [("DT002", "2024年12月20日", 2), ("DT003", "2025年3月5日", 1)])
def test_year_from_the_title_gives_warnings(rule, date, count):
    _, found = lint(TITLE + BODY.format(date=date), rule)
    assert len(found) == count
    assert {v.severity for v in found} == {Severity.WARNING}
    assert not any("推断" in v.message for v in found)


@pytest.mark.parametrize("rule, date, count", [("DT002", "2024年12月20日", 2), ("DT003", "2025年3月5日", 1)])
def test_year_from_the_opening_paragraph_gives_infos(rule, date, count):
    _, found = lint(BODY.format(date=date), rule)
    assert len(found) == count
    assert {v.severity for v in found} == {Severity.INFO}
    assert all("报告年度2024年是从正文开头推断的" in v.message for v in found)


def test_findings_not_resting_on_the_report_year_keep_their_severity():
    text = "发布时间：2025-01-05 09:30\n" + BODY.format(date="2025年2月20日")
    _, found = lint(text, "DT002")
    published = [v for v in found if v.message.startswith("发布日期")]
    assert len(published) == 1 and published[0].severity == Severity.WARNING
