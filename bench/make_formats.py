"""Make Word, PDF, OFD and web-page twins of plain-text drafts, formatted as offices format them.

    python bench/make_formats.py examples                      # the bundled examples' .docx, .pdf, .ofd and .html
    python bench/make_formats.py out/ a.txt b.txt --pdf --header "青山县司法局"   # for measurements

The .docx is laid out after GB/T 9704—2012: A4, 仿宋 三号 body with a two-character first-line
indent, the title centered in 小标宋 二号, the 落款 right-aligned, the page number “— 1 —” in
the footer; the .pdf is that .docx converted by LibreOffice (``soffice``, as offices export
PDFs), so it has real embedded fonts and page-number lines; the .html wraps the text in the
chrome of a county government's web page (navigation, breadcrumbs, publication date, share
and print buttons, footer); the .ofd (GB/T 33190) sets the text as that page would print it
(版心 156 × 225 mm, 28 characters a line, 22 lines a page, one TextObject a line, “— 1 —”
below), as the 公文 exchange systems publish them.  Which lines are the title, the 落款 or web chrome is what lawlint
itself finds in the text, so that the twins hold the same words as the .txt.
"""
from __future__ import annotations

import argparse
import html
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lawlint.document import CHROME, SIGNATURE, TITLE, Document  # noqa: E402
from lawlint.document.loaders import decode  # noqa: E402
from lawlint.lang.text import BLANKS  # noqa: E402

# The bundled examples that get twins: the .txt → (which twins, the twins' name)
EXAMPLES = {
    "青山县司法局2024年度法治政府建设工作报告.txt": (("docx", "pdf", "ofd"), "青山县司法局2024年度法治政府建设工作报告"),
    "网页转载-青山县人民政府2024年法治政府建设情况（GB18030编码）.txt": (("html",), "网页-青山县人民政府2024年法治政府建设情况"),
}


def read_text(path: Path) -> str:
    return decode(path.read_bytes())[0]


def kinds_of_lines(text: str) -> dict[int, str]:
    """Line number → block kind, as lawlint lays the text out."""
    doc = Document(text, "x.txt")
    kinds = {}
    for block in doc.blocks:
        first = doc.position(block.pieces[0].start)[0]
        last = doc.position(block.pieces[-1].end)[0]
        for number in range(first, last + 1):
            kinds.setdefault(number, block.kind)
    return kinds


def make_docx(text: str, target: Path, header: str | None = None) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.size = Pt(16)
    normal.font.name = "仿宋_GB2312"
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋_GB2312")
    normal.paragraph_format.line_spacing = Pt(28.95)
    normal.paragraph_format.space_after = Pt(0)
    kinds = kinds_of_lines(text)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip(BLANKS)
        paragraph = document.add_paragraph()
        kind = kinds.get(number)
        if line:
            run = paragraph.add_run(line)
            if kind == TITLE:
                run.font.size = Pt(22)
                run.font.name = "方正小标宋简体"
                run.element.rPr.rFonts.set(qn("w:eastAsia"), "方正小标宋简体")
        fmt = paragraph.paragraph_format
        if kind == TITLE:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == SIGNATURE:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            fmt.right_indent = Pt(64)  # 右空四字
        else:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY  # 两端对齐, as 公文 are set
            if raw[:1] in BLANKS and line:
                fmt.first_line_indent = Pt(32)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.add_run(" —")
    if header:
        head = section.header.paragraphs[0]
        head.text = header
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.core_properties.author = "lawlint"
    document.save(str(target))


def make_pdf(docx_path: Path, target: Path) -> None:
    """The .docx exported to PDF by LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice（soffice）才能生成 PDF：apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as folder:
        profile = "file://" + os.path.join(folder, "profile")
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", folder, str(docx_path)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=300)
        shutil.move(os.path.join(folder, docx_path.with_suffix(".pdf").name), target)


# OFD (GB/T 33190) laid out after GB/T 9704—2012, in millimetres: A4, 版心 156 × 225 from
# (28, 37), 28 characters of 三号 (16 pt) to a line and 22 lines to a page.
_OFD_NS = "http://www.ofdspec.org/2016"
_BOX = (28.0, 37.0, 156.0, 225.0)
_BODY, _TITLE_SIZE, _LINES_PER_PAGE = 156.0 / 28, 7.76, 22


def _advance(ch: str, size: float) -> float:
    return size / 2 if ch.isascii() else size


def _wrap(line: str, size: float, width: float) -> list[str]:
    out, current, used = [], "", 0.0
    for ch in line:
        if current and used + _advance(ch, size) > width + 0.01:
            out.append(current)
            current, used = "", 0.0
        current += ch
        used += _advance(ch, size)
    return out + [current] if current else out


def ofd_lines(text: str) -> list[list[tuple[float, float, float, str]]]:
    """Pages of (x, baseline y, size, text) of the text laid out as a printed 公文."""
    kinds = kinds_of_lines(text)
    left, top, width, height = _BOX
    pitch = height / _LINES_PER_PAGE
    pages: list[list] = [[]]
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip(BLANKS)
        kind = kinds.get(number)
        size = _TITLE_SIZE if kind == TITLE else _BODY
        indent = 2 * size if (raw[:1] in BLANKS and line and kind not in (TITLE, SIGNATURE)) else 0.0
        pieces = _wrap(line, size, width - indent) if line else [""]
        for i, piece in enumerate(pieces):
            if len(pages[-1]) == _LINES_PER_PAGE:
                pages.append([])
            used = sum(_advance(ch, size) for ch in piece)
            if kind == TITLE:
                x = left + (width - used) / 2
            elif kind == SIGNATURE:
                x = left + width - 4 * _BODY - used  # 右空四字
            else:
                x = left + (indent if i == 0 else 0.0)
            pages[-1].append((x, top + pitch * (len(pages[-1]) + 1) - 2.0, size, piece))
    return pages


def make_ofd(text: str, target: Path, page_numbers: bool = True) -> None:
    """The text as an OFD file: one TextObject a line, the page number “— 1 —” below."""
    import zipfile
    from xml.sax.saxutils import escape

    pages = ofd_lines(text)
    ns = f'xmlns:ofd="{_OFD_NS}"'

    class Package(zipfile.ZipFile):
        def writestr(self, name, data):  # a fixed time: the same text makes the same bytes
            super().writestr(zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)

    with Package(target, "w") as package:
        package.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} Version="1.0" DocType="OFD">'
                         "<ofd:DocBody><ofd:DocInfo><ofd:DocID>lawlint-example</ofd:DocID><ofd:Creator>lawlint"
                         "</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>"
                         "</ofd:OFD>")
        listed = "".join(f'<ofd:Page ID="{100 + n}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        package.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}>'
                         "<ofd:CommonData><ofd:MaxUnitID>99999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>"
                         "0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
                         f"</ofd:CommonData><ofd:Pages>{listed}</ofd:Pages></ofd:Document>")
        package.writestr("Doc_0/PublicRes.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {ns} BaseLoc="Res">'
                         '<ofd:Fonts><ofd:Font ID="2" FontName="仿宋_GB2312" FamilyName="仿宋"/>'
                         '<ofd:Font ID="3" FontName="方正小标宋简体" FamilyName="小标宋"/></ofd:Fonts></ofd:Res>')
        unit = 1000
        for n, lines in enumerate(pages):
            objects = []
            if page_numbers:
                lines = [*lines, (105.0 - 2.5 * _BODY / 2 - 2, 297 - 28.0, _BODY, f"— {n + 1} —")]
            for x, y, size, piece in lines:
                if not piece:
                    continue
                unit += 1
                deltas = " ".join(f"{_advance(ch, size):.2f}" for ch in piece[:-1])
                font = 3 if size == _TITLE_SIZE else 2
                objects.append(f'<ofd:TextObject ID="{unit}" Boundary="{x:.2f} {y - size:.2f} '
                               f'{sum(_advance(c, size) for c in piece):.2f} {size * 1.2:.2f}" Font="{font}" '
                               f'Size="{size:.2f}"><ofd:TextCode X="0" Y="{size:.2f}"'
                               f'{f" DeltaX={chr(34)}{deltas}{chr(34)}" if deltas else ""}>{escape(piece)}'
                               "</ofd:TextCode></ofd:TextObject>")
            package.writestr(f"Doc_0/Pages/Page_{n}/Content.xml",
                             f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content>'
                             f'<ofd:Layer ID="{unit + 500}">{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')


_NAV = ["首页", "政务公开", "政务服务", "互动交流", "走进青山"]
_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{title} - 青山县人民政府</title>
<meta name="ArticleTitle" content="{title}">
<link rel="stylesheet" href="/static/css/main.css">
<script src="/static/js/jquery.min.js"></script>
</head>
<body>
<div class="top-bar"><span>欢迎访问青山县人民政府门户网站</span> <a href="/wza/">无障碍</a> <a href="/en/">English</a></div>
<div class="header"><img src="/static/img/logo.png" alt="青山县人民政府"><form class="search"><input name="q" placeholder="请输入关键字"><button>搜索</button></form></div>
<ul class="nav">{nav}</ul>
<div class="main">
<div class="sidebar"><h3>政务公开</h3><ul><li><a href="/zwgk/tzgg/">通知公告</a></li><li><a href="/zwgk/zcwj/">政策文件</a></li><li><a href="/zwgk/ghjh/">规划计划</a></li></ul></div>
<div class="content">
<div class="location">您当前的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/tzgg/">通知公告</a></div>
<div class="article">
<h1 class="article-title">{title}</h1>
<div class="article-info">发布时间：{date}　　来源：青山县司法局　　浏览次数：<span id="hits">312</span>　　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="article-content" id="zoom">
{body}
</div>
<div class="article-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a> 分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="related"><h3>相关文章</h3><ul><li><a href="/a/1.html">青山县2023年度法治政府建设情况报告</a></li><li><a href="/a/2.html">关于开展2024年度“八五”普法中期评估的通知</a></li></ul></div>
</div>
</div>
</div>
<div class="footer"><p>主办单位：青山县人民政府办公室　　承办单位：青山县大数据中心</p><p>网站标识码：3300000001　　<a href="https://beian.miit.gov.cn/">浙ICP备00000000号-1</a>　　浙公网安备 33000002000001号</p><p>联系电话：0570-0000000　　地址：青山县人民路1号</p></div>
<script>var _hmt = _hmt || [];</script>
</body>
</html>
"""


def make_html(text: str, target: Path, date: str = "2025-04-10 09:30") -> None:
    """The text as the article of a county government's page.  Lines lawlint takes for web
    chrome in the .txt (a copy of such a page) go into the page's chrome, the rest into the
    article: the title as its heading, each other line a paragraph."""
    kinds = kinds_of_lines(text)
    lines = text.splitlines()
    title = next((lines[n - 1].strip(BLANKS) for n, k in sorted(kinds.items()) if k == TITLE), "")
    body = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip(BLANKS)
        kind = kinds.get(number)
        if not line or kind == CHROME:
            continue
        style = ' style="text-align: right;"' if kind == SIGNATURE else (
            ' style="text-align: center;"' if kind == TITLE else ' style="text-indent: 2em;"')
        body.append(f"<p{style}>{html.escape(line)}</p>")
    nav = "".join(f'<li><a href="/{i}/">{name}</a></li>' for i, name in enumerate(_NAV))
    target.write_text(_PAGE.format(title=html.escape(title), date=date, nav=nav, body="\n".join(body)),
                      encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", help="output folder, or “examples” for the bundled examples' twins")
    parser.add_argument("texts", nargs="*", type=Path)
    parser.add_argument("--pdf", action="store_true", help="also the PDF (needs LibreOffice)")
    parser.add_argument("--html", action="store_true", help="also the web page")
    parser.add_argument("--ofd", action="store_true", help="also the OFD file")
    parser.add_argument("--header", help="a running header on every page")
    args = parser.parse_args(argv)
    if args.out == "examples":
        folder = ROOT / "examples"
        jobs = [(folder / name, set(twins), stem) for name, (twins, stem) in EXAMPLES.items()]
    else:
        folder = Path(args.out)
        folder.mkdir(parents=True, exist_ok=True)
        twins = {"docx"} | ({"pdf"} if args.pdf else set()) | ({"html"} if args.html else set()) \
            | ({"ofd"} if args.ofd else set())
        jobs = [(path, twins, path.stem) for path in args.texts]
    for source, twins, name in jobs:
        text = read_text(source)
        stem = folder / name
        if twins & {"docx", "pdf"}:
            make_docx(text, stem.with_suffix(".docx"), args.header)
            if "pdf" in twins:
                make_pdf(stem.with_suffix(".docx"), stem.with_suffix(".pdf"))
            if "docx" not in twins:
                stem.with_suffix(".docx").unlink()
        if "html" in twins:
            make_html(text, stem.with_suffix(".html"))
        if "ofd" in twins:
            make_ofd(text, stem.with_suffix(".ofd"))
        print(f"{source.name}: {'、'.join(sorted(twins))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
