"""Saved web pages: the article and its title by default; with --whole-page the page's own
chrome (menus, breadcrumbs, 浏览次数, footer) is reported as TX002, told apart by the page's
structure rather than by its words."""
from lawlint.cli import main
from lawlint.document.formats import html

ARTICLE = ["2024年，我局扎实推进法治政府建设，各项工作取得新成效。现将有关情况报告如下。",
           "一、主要举措和成效", "全年办理行政许可事项214件，按期办结率100%。",
           "二、存在的不足和原因", "基层执法力量相对薄弱，主要原因是人员配备不足。"]
TITLE = "青山县林业局关于2024年法治政府建设情况的报告"


def page(body: str, head: str = "", charset: str = "utf-8") -> bytes:
    text = (f"<!DOCTYPE html><html><head><meta charset=\"{charset}\"><title>{TITLE}_青山县人民政府</title>{head}"
            "<style>p{{color:red}}</style><script>var hits = '浏览次数';</script></head><body>"
            "<div class=\"nav\"><a href=\"/\">首页</a><a href=\"/zwgk\">政务公开</a><a href=\"/hdjl\">互动交流</a></div>"
            "<div class=\"crumb\">您当前的位置：首页 &gt; 政务公开 &gt; 通知公告</div>"
            f"{body}"
            "<div class=\"foot\">主办单位：青山县人民政府办公室　网站标识码：3300000001</div></body></html>")
    return text.encode("gb18030" if charset == "gb2312" else "utf-8")


def div_page() -> bytes:
    paragraphs = "".join(f"<p style=\"text-indent:2em\">{p}</p>" for p in ARTICLE)
    return page(f"<h1>{TITLE}</h1><div class=\"info\">发布时间：2025-04-10　浏览次数：312</div>"
                f"<div id=\"zoom\">{paragraphs}<p>【打印本页】【关闭窗口】</p></div>"
                "<div class=\"related\"><h3>相关文章</h3><ul><li><a href=\"#\">青山县林业局2023年法治政府建设情况报告</a>"
                "</li><li><a href=\"#\">关于做好2025年森林防火工作的通知</a></li></ul></div>")


def table_page() -> bytes:
    rows = "<br>".join("　　" + p for p in ARTICLE)
    return page(f"<table><tr><td><b>{TITLE}</b></td></tr><tr><td>发布日期：2025年04月10日 点击数：1024</td></tr>"
                f"<tr><td class=\"content\">{rows}<div style=\"display:none\">隐藏的统计代码文字</div></td></tr></table>",
                charset="gb2312")


def test_the_article_and_its_title_come_out_and_the_chrome_stays_out():
    for data in (div_page(), table_page()):
        assert [line.strip("\u3000") for line, _ in html.extract(data)] == [TITLE, *ARTICLE]


def test_whole_page_keeps_everything_and_marks_what_is_not_the_article():
    lines = html.extract(div_page(), whole_page=True)
    inside = [line for line, ours in lines if ours]
    assert inside == [TITLE, *ARTICLE, "【打印本页】【关闭窗口】"]
    outside = [line for line, ours in lines if not ours]
    assert "您当前的位置：首页 > 政务公开 > 通知公告" in outside and "相关文章" in outside
    assert not any("var hits" in line or "color:red" in line for line, _ in lines)


def test_checking_a_page_lints_the_article_and_whole_page_reports_the_chrome(tmp_path, capsys):
    path = tmp_path / "报告.html"
    path.write_bytes(div_page())
    assert main(["check", "--isolated", "--select", "TX002,ST004,ST006", "-q", str(path)]) == 1
    article = capsys.readouterr().out
    assert "TX002" not in article and "ST004" in article  # no 落款 in this article: that is all
    main(["check", "--isolated", "--select", "TX002", "-q", "--whole-page", str(path)])
    whole = capsys.readouterr().out
    assert whole.count("TX002") == 4  # menus and breadcrumbs, the 发布时间 line, 【打印本页】, related and footer
    assert f"{path}:第1段: TX002" in whole


def test_a_declared_charset_is_honoured():
    data = page(f"<h1>{TITLE}</h1><div>{''.join(f'<p>{p}</p>' for p in ARTICLE)}</div>", charset="gb2312")
    assert data.decode("gb18030") and [line for line, _ in html.extract(data)][0] == TITLE


def test_an_html_file_is_no_longer_linted_as_markup(tmp_path, capsys):
    path = tmp_path / "报告.HTM"
    path.write_bytes(div_page())
    main(["check", "--isolated", "-q", str(path)])
    assert "DOCTYPE" not in capsys.readouterr().out
