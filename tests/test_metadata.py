"""Facts the rules rely on: title and year, organs, 发文字号, 落款, publication date."""
import datetime as dt

import pytest
from conftest import doc_of


@pytest.mark.parametrize("line, date", [
    ("发布时间:2020-04-08     浏览次数:194", dt.date(2020, 4, 8)),
    ("- 发布日期:2025-01-07 14:53", dt.date(2025, 1, 7)),
    ("文章来源:区党政办公室  更新时间:2017-12-28 17:23    浏览数:-", dt.date(2017, 12, 28)),
    ("2024-02-26 10:13 浏览次数: 信息来源:市科技局", dt.date(2024, 2, 26)),
])
def test_publication_date_from_web_metadata(line, date):
    doc = doc_of(f"青山县司法局2024年度法治政府建设工作报告\n{line}\n2024年，我局扎实推进法治政府建设。\n")
    assert doc.meta.publication.value == date
    span = doc.meta.publication.span
    assert doc.text[span.start:span.end].startswith(str(date.year))


def test_signing_date_in_page_metadata_is_not_the_publication_date():
    doc = doc_of("青山县司法局2024年度法治政府建设工作报告\n成文日期：2025-01-20\n2024年，我局扎实推进法治政府建设。\n")
    assert doc.meta.publication is None


def test_report_year_from_title_else_opening_paragraph():
    assert doc_of("淮北市人民政府关于2024年法治政府建设情况的报告\n正文。\n").meta.report_year.value == 2024
    doc = doc_of("按照《法治政府建设实施纲要（2021—2025年）》要求，现将我局2023年法治政府建设情况报告如下。\n")
    assert doc.meta.report_year.value == 2023


def test_signature_organs_and_date():
    doc = doc_of("关于江海区2017年法治政府建设情况的报告\n正文内容。\n"
                 "江门高新技术产业开发区管理委员会\n\n江门市江海区人民政府\n\n20171226\n")
    signature = doc.meta.signature
    assert [o.text for o in signature.organs] == ["江门高新技术产业开发区管理委员会", "江门市江海区人民政府"]
    assert signature.date.value == dt.date(2017, 12, 26)
    assert doc.meta.organ_kind == "government"


@pytest.mark.parametrize("title, signature, kind", [
    ("青山县人民政府关于2024年法治政府建设情况的报告", "青山县人民政府", "government"),
    ("青山县司法局2024年度法治政府建设工作报告", "青山县司法局", "department"),
    ("青山县发展和改革委员会关于2024年法治政府建设情况的报告", "青山县发展和改革委员会", "department"),
    ("中共青山县委 青山县人民政府关于2024年法治建设情况的报告", "中共青山县委　青山县人民政府", "government"),
    ("青山县科学技术局关于2024年度法治政府建设情况的报告", None, "department"),
])
def test_organ_kind_from_signature_or_title(title, signature, kind):
    ending = f"{signature}\n2025年2月20日\n" if signature else ""
    assert doc_of(f"{title}\n2024年，扎实推进法治政府建设。\n{ending}").meta.organ_kind == kind


def test_own_document_number_is_the_number_line_near_the_title():
    doc = doc_of("青政发〔2025〕3号\n青山县人民政府关于2024年法治政府建设情况的报告\n"
                 "根据（厅字〔2019〕28号）要求，现将有关情况报告如下。\n")
    assert doc.meta.doc_number.text == "青政发〔2025〕3号"


def test_days_in_month_is_the_calendar_s():
    import calendar

    from lawlint.lang.dates import days_in_month

    for year in [*range(1, 2101), 2400, 9999]:
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1], (year, month)
