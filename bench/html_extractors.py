"""Which way lawlint finds the article in a saved government web page: its own rules on lxml,
trafilatura or readability-lxml, measured on pages made from real texts.

    python bench/html_extractors.py TEXTS...

Each text's lines (less what lawlint takes for web chrome in it) are wrapped in three kinds of
page chrome written for this script, as Chinese government sites lay out their articles:
- ``div``: a modern CMS page (``bench/make_formats.py``: navigation, breadcrumbs, 发布时间 and
  浏览次数 above the article, print/close/share buttons and related articles below, footer);
- ``table``: an old table-laid page, the article's lines separated by ``<br>`` in a cell that
  also holds 【打印】【关闭】, the publication line in the row above;
- ``trs``: a page whose article sits in nested ``<div class="TRS_Editor">`` with ``<span>``
  styling, a sidebar and a long list of related links with long titles.
Reported per extractor and kind of page: seconds per page, the article's paragraphs found
(each source line found in the output), chrome lines that leaked into the output, and whether
the title is there.
"""
from __future__ import annotations

import argparse
import html
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_formats  # noqa: E402

from lawlint.document import CHROME, TITLE  # noqa: E402
from lawlint.document.formats import html as lawlint_html  # noqa: E402
from lawlint.lang.text import BLANKS  # noqa: E402

CHROME_MARKS = ["欢迎访问", "当前的位置", "当前位置", "浏览次数", "打印本页", "关闭窗口", "【打印】", "【关闭】", "相关文章",
                "相关链接", "主办单位", "网站标识码", "ICP备", "分享到", "字体：", "青山县2023年度法治政府建设情况报告",
                "关于开展2024年度", "扫一扫在手机打开当前页", "上一篇", "下一篇", "访问量", "政务服务", "互动交流",
                "关于做好2025年春节期间安全生产工作的通知", "点击数"]

_TABLE_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{title}</title></head>
<body><table width="1000" align="center"><tr><td><img src="/images/banner.jpg"></td></tr>
<tr><td class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">政务服务</a> | <a href="/hdjl/">互动交流</a></td></tr>
<tr><td>当前位置：<a href="/">首页</a>&gt;&gt;<a href="/zwgk/">政务公开</a>&gt;&gt;通知公告</td></tr>
<tr><td align="center" class="title"><b>{title}</b></td></tr>
<tr><td align="center">发布日期：2025年04月10日　　点击数：1024　　【字体：大 中 小】</td></tr>
<tr><td class="bt_content">{body}<br><br><div align="right">【<a href="javascript:print()">打印</a>】【<a href="javascript:close()">关闭</a>】</div></td></tr>
<tr><td>上一篇：<a href="/a/0.html">关于做好2025年春节期间安全生产工作的通知</a><br>下一篇：没有了</td></tr>
<tr><td align="center" class="foot">主办单位：青山县人民政府办公室　网站标识码：3300000001　浙ICP备00000000号</td></tr></table></body></html>
"""

_TRS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="ArticleTitle" content="{title}"><title>{title}_青山县人民政府</title></head>
<body><div class="wrap"><div class="head"><div class="logo">青山县人民政府</div><div class="topnav"><a>首页</a><a>政务公开</a><a>政务服务</a><a>互动交流</a><a>数据开放</a></div></div>
<div class="crumb">当前位置：<a>首页</a> &gt; <a>政务公开</a> &gt; <span>法治政府建设</span></div>
<div class="left"><div class="box"><div class="box-title">相关链接</div><ul>{links}</ul></div></div>
<div class="right"><div class="detail"><div class="detail-title"><h2>{title}</h2></div>
<div class="detail-info"><span>发布时间：2025-04-10</span><span>访问量：2048</span><span class="share">分享到：</span></div>
<div class="detail-content"><div class="TRS_Editor"><div class="TRS_PreAppend">{body}</div></div></div>
<div class="qr">扫一扫在手机打开当前页</div><div class="print"><a>【打印本页】</a><a>【关闭窗口】</a></div></div></div>
<div class="footer">主办单位：青山县人民政府办公室　网站标识码：3300000001　浙ICP备00000000号-1</div></div></body></html>
"""

_LINKS = ["青山县人民政府关于印发青山县2024年法治政府建设工作要点的通知", "青山县司法局关于开展2024年度法治政府建设示范创建活动的通知",
          "关于进一步加强行政执法协调监督工作体系建设的实施意见", "青山县2023年度法治政府建设情况报告",
          "关于做好2025年春节期间安全生产工作的通知"]


def article_lines(text: str) -> tuple[str, list[str]]:
    kinds = make_formats.kinds_of_lines(text)
    lines = text.splitlines()
    title = next((lines[n - 1].strip(BLANKS) for n, k in sorted(kinds.items()) if k == TITLE), "")
    body = [line.strip(BLANKS) for n, line in enumerate(lines, 1)
            if line.strip(BLANKS) and kinds.get(n) not in (CHROME,)]
    return title, body


def pages(text: str, folder: Path, stem: str) -> dict[str, tuple[bytes, str, list[str]]]:
    title, body = article_lines(text)  # a text whose title was lost has none on its pages either
    out = {}
    path = folder / f"{stem}-div.html"
    make_formats.make_html(text, path)
    out["div"] = (path.read_bytes(), title, body)
    rows = "<br>\n".join("　　" + html.escape(line) for line in body if line != title)
    out["table"] = (_TABLE_PAGE.format(title=html.escape(title), body=rows).encode("gb18030"), title, body)
    spans = "\n".join(f'<div style="text-indent:2em;"><span style="font-family:仿宋;font-size:16pt;">{html.escape(line)}</span></div>'
                      for line in body if line != title)
    links = "".join(f"<li><a href='#'>{t}</a></li>" for t in _LINKS)
    out["trs"] = (_TRS_PAGE.format(title=html.escape(title), body=spans, links=links).encode("utf-8"), title, body)
    return out


def own(data: bytes) -> str:
    return "\n".join(line for line, _ in lawlint_html.extract(data))


def trafilatura_text(data: bytes) -> str:
    import trafilatura

    return trafilatura.extract(data.decode("utf-8", errors="ignore") if b"gb2312" not in data[:300]
                               else data.decode("gb18030"), include_comments=False, include_tables=True,
                               favor_recall=True) or ""


def readability_text(data: bytes) -> str:
    from lxml import html as lxml_html
    from readability import Document

    text = data.decode("gb18030") if b"gb2312" in data[:300] else data.decode("utf-8")
    document = Document(text)
    summary = lxml_html.fromstring(document.summary())
    return document.short_title() + "\n" + "\n".join(line for line, _ in lawlint_html.lines_of(summary))


EXTRACTORS = {"lawlint (lxml, own rules)": own, "trafilatura": trafilatura_text, "readability-lxml": readability_text}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, default=Path("/tmp/lawlint-html-pages"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    rows: dict[tuple[str, str], list[dict]] = {}
    for index, path in enumerate(args.texts):
        text = make_formats.read_text(path)
        for kind, (data, title, body) in pages(text, args.out, f"{index:03d}").items():
            for name, extractor in EXTRACTORS.items():
                start = time.perf_counter()
                try:
                    out = extractor(data)
                except Exception as exc:
                    out = ""
                    print(f"{name} failed on {path.name} ({kind}): {exc}", file=sys.stderr)
                seconds = time.perf_counter() - start
                found = squeeze(out)
                paragraphs = [squeeze(line) for line in body if squeeze(line)]
                article = squeeze(title + "".join(body))
                leaked = sum(1 for line in out.splitlines() if squeeze(line) and squeeze(line) not in article)
                rows.setdefault((name, kind), []).append({
                    "seconds": seconds, "paragraphs": sum(p in found for p in paragraphs) / max(1, len(paragraphs)),
                    "leaked": leaked, "title": squeeze(title) in found if title else None})
    print(f"{len(args.texts)} texts × 3 kinds of page")
    print("| extractor | page | ms/page | paragraphs found | chrome lines leaked | title kept |")
    print("|---|---|---:|---:|---:|---:|")
    for (name, kind), results in rows.items():
        print(f"| {name} | {kind} | {statistics.mean(r['seconds'] for r in results) * 1000:.1f} | "
              f"{statistics.mean(r['paragraphs'] for r in results):.1%} | {sum(r['leaked'] for r in results)} | "
              f"{sum(bool(r['title']) for r in results)}/{sum(r['title'] is not None for r in results)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
