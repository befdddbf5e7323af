"""Word documents built for the tests with python-docx: Word's automatic numbering, tables,
alignment, tracked changes, fields, headers and footers — written as Word writes them."""
from __future__ import annotations

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

W = nsdecls("w")


def chinese_numbering(document, abstract_id: int = 90, num_id: int = 90, starts: dict | None = None,
                      share_with: int | None = None) -> int:
    """A multilevel list 一、 / （一） / 1. / （1）, as a 公文 template defines it; returns its numId.
    ``share_with``: a new w:num on the abstract list of that numId; ``starts``: level → startOverride."""
    numbering = document.part.numbering_part.element
    if share_with is None:
        numbering.insert(0, parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="{abstract_id}"><w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>'
            '<w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/>'
            '<w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/>'
            '<w:suff w:val="nothing"/></w:lvl>'
            '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="（%4）"/>'
            '<w:suff w:val="nothing"/></w:lvl>'
            '</w:abstractNum>'))
    else:
        abstract_id = int(document.part.numbering_part.element.xpath(
            f'./w:num[@w:numId="{share_with}"]/w:abstractNumId/@w:val')[0])
    overrides = "".join(f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
                        for lvl, value in (starts or {}).items())
    numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                               f'{overrides}</w:num>'))
    return num_id


def numbered(document, text: str, level: int, num_id: int = 90):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def centered(document, text: str):
    paragraph = document.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph


def right(document, text: str):
    paragraph = document.add_paragraph(text)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return paragraph


def raw_paragraph(document, inner_xml: str):
    """A paragraph written as XML (tracked changes, fields, page breaks …)."""
    p = parse_xml(f"<w:p {W}>{inner_xml}</w:p>")
    document.element.body.insert(len(document.element.body) - 1, p)  # before w:sectPr
    return p


def saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def report(numbering: bool = True, skip: bool = False) -> bytes:
    """A 2024 法治政府建设 report of a county bureau as offices write it in Word: a two-line centered
    title, Word numbering for the headings (``skip``: the second （…） heading numbered （三）
    by a restart, as happens when a list is copied in), a table, a right-aligned 落款 whose
    organ name has no standard suffix, and a 附注."""
    document = docx.Document()
    num = chinese_numbering(document) if numbering else None
    centered(document, "青山县综合行政执法队")
    centered(document, "关于2024年法治政府建设情况的报告")
    document.add_paragraph("")
    document.add_paragraph("县委全面依法治县委员会办公室：")
    document.add_paragraph("2024年，我队坚持以习近平法治思想为指导，扎实推进严格规范公正文明执法。现将有关情况报告如下。")

    def heading(text: str, level: int, literal: str, numbered_as: int | None = None):
        if numbering:
            numbered(document, text, level, numbered_as or num)
        else:
            document.add_paragraph(literal + text)

    heading("2024年推进法治政府建设的主要举措和成效", 0, "一、")
    heading("健全执法制度", 1, "（一）")
    document.add_paragraph("修订行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，全年公示执法信息326条。")
    if skip:
        restart = chinese_numbering(document, num_id=91, share_with=num, starts={1: 3})
        heading("规范执法行为", 1, "（三）", restart)
    else:
        heading("规范执法行为", 1, "（二）")
    document.add_paragraph("全年办理行政处罚案件412件，案卷评查合格率100%。主要数据如下表。")
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate([["序号", "事项", "完成情况"], ["1.", "执法案卷评查", "已完成"],
                             ["2.", "执法人员轮训", "已完成"]]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    heading("存在的不足和原因", 0, "二、")
    document.add_paragraph("基层执法人员专业能力还有差距，主要原因是培训方式比较单一。")
    heading("党政主要负责人履行推进法治建设第一责任人职责情况", 0, "三、")
    document.add_paragraph("队长带头学法述法，对重大执法决定逐一把关。")
    heading("2025年推进法治政府建设的主要安排", 0, "四、")
    document.add_paragraph("持续开展执法人员全员轮训，推动执法质量稳步提升。")
    document.add_paragraph("")
    right(document, "青山县综合行政执法队")
    right(document, "2025年2月20日")
    document.add_paragraph("（此件公开发布）")
    document.sections[0].footer.paragraphs[0].text = "— 1 —"
    document.sections[0].header.paragraphs[0].text = "青山县综合行政执法队"
    return saved(document)
