"""``--format html``: a review sheet (审核意见) a reviewer opens in a browser and prints.

One self-contained page — its style inline, no script, no font, image or link to fetch —
in Chinese: a summary by rule family and severity, then each document with its findings in
order, each with where it is (第3页第12行, 第12段 or 行:列), the rule, the message, the
sentence quoted with the offending words highlighted, the 修改建议 and the basis.  Each
document is written as it comes (memory does not grow with the run); the summary, known
only at the end, is written last and shown first (CSS ``order``).
"""
from __future__ import annotations

import datetime as dt
import html
from typing import TYPE_CHECKING

from lawlint import __version__
from lawlint.output.formatters import Formatter, Summary, flush_utf8, utf8_writer, where
from lawlint.rule import Severity

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.engine.linter import FileResult
    from lawlint.engine.results import Finding

FAMILIES = {"ST": "结构", "DN": "发文字号", "DT": "日期", "RP": "重复", "PU": "标点符号", "NU": "数字用法",
            "WD": "用语", "TX": "文本卫生"}
_SENTENCE_ENDS = "。！？；!?;"

_STYLE = """
*{box-sizing:border-box}
body{margin:0;background:#f4f4f0;color:#1d1d1d;font:16px/1.7 "Noto Serif CJK SC","Source Han Serif SC","SimSun","Songti SC",serif}
.page{display:flex;flex-direction:column;max-width:60rem;margin:0 auto;padding:1.5rem}
header{order:-2}
#summary{order:-1}
.documents{display:block}
h1{font-size:1.6rem;margin:0 0 .2rem}
h2{font-size:1.25rem;margin:0;overflow-wrap:anywhere}
.meta{color:#555;font-size:.9rem;margin:0}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.2rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:center}
th:first-child,td:first-child{text-align:left}
.finding{border-top:1px solid #e4e4e4;padding:.7rem 0 .5rem}
.finding:first-of-type{border-top:0}
.head{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
.place{font-weight:bold}
.code{font-family:monospace;color:#444}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;font-size:.85rem;color:#fff}
.error{background:#b3261e}.warning{background:#a15c00}.info{background:#3c6e8f}
blockquote{margin:.4rem 0;padding:.3rem .8rem;background:#fafaf5;border-left:3px solid #bbb}
mark{background:#ffe08a;padding:0 .1rem;border-bottom:2px solid #c62828}
.fix{color:#1b5e20}.basis{color:#555;font-size:.9rem}
.none{color:#1b5e20}.unreadable{color:#b3261e}
@media print{body{background:#fff;font-size:11pt}.page{max-width:none;padding:0}
section{border:0;border-radius:0;padding:.5rem 0;margin:0 0 .5rem}
#summary{break-after:page}h2,.meta,.head{break-after:avoid}.finding,blockquote,tr{break-inside:avoid}
mark{-webkit-print-color-adjust:exact;print-color-adjust:exact}.badge{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def family(code: str) -> str:
    prefix = code.rstrip("0123456789")
    return f"{FAMILIES[prefix]}（{prefix}）" if prefix in FAMILIES else prefix


def place(f: Finding) -> str:
    """第3页第12行, 第12段, or for a text file 第5行第3列."""
    return where(f) if f.place is not None else f"第{f.line}行第{f.column}列"


def quoted(f: Finding) -> str:
    """The sentence around the finding, its words marked; the excerpt cut at sentence ends."""
    if f.excerpt is None:
        return ""
    text, cut_left, cut_right, start, end = f.excerpt
    left = max((text.rfind(c, 0, start) for c in _SENTENCE_ENDS), default=-1)
    right = min((i for i in (text.find(c, end) for c in _SENTENCE_ENDS) if i >= 0), default=-1)
    first = left + 1 if left >= 0 else 0
    last = right + 1 if right >= 0 else len(text)
    before = ("…" if (cut_left and first == 0) else "") + text[first:start]
    after = text[end:last] + ("…" if (cut_right and last == len(text)) else "")
    inside = text[start:end] or "\u2038"  # a mark that is missing: a caret where it goes
    return f"<blockquote>{esc(before)}<mark>{esc(inside)}</mark>{esc(after)}</blockquote>"


class HtmlFormatter(Formatter):
    name = "html"
    description = "审核意见（网页）：按文档列出问题、原文、修改建议和依据，可直接打印"
    excerpts = True

    def start(self) -> None:
        self._write = utf8_writer(self.stream)
        self.counts: dict[str, dict[str, int]] = {}
        self.documents = 0
        at = dt.datetime.now()
        now = f"{at.year}年{at.month}月{at.day}日 {at:%H:%M}"
        self._write("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                    f"<title>审核意见 — lawlint</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<div class=\"page\">\n"
                    f"<header><h1>审核意见</h1><p class=\"meta\">lawlint {esc(__version__)} 生成于 {esc(now)}。"
                    "每条意见写明位置、问题、原文（问题所在的文字已标出）、修改建议和依据。</p></header>\n"
                    "<div class=\"documents\">\n")

    def file(self, result: FileResult) -> None:
        self.documents += 1
        details = [x for x in (result.format and f"格式：{result.format}",
                               result.profile and f"文档类型：{result.profile}") if x]
        out = [f"<section class=\"document\"><h2>{esc(result.path)}</h2>"]
        if result.error:
            out.append(f"<p class=\"unreadable\">无法检查：{esc(result.error)}</p></section>\n")
            self._write("".join(out))
            return
        out.append(f"<p class=\"meta\">{esc('，'.join(details))}{'，' if details else ''}"
                   f"{len(result.findings)} 个问题</p>")
        if not result.findings:
            out.append("<p class=\"none\">未发现问题。</p>")
        for f in result.findings:
            severity = Severity(f.severity)
            row = self.counts.setdefault(family(f.code), {s.value: 0 for s in Severity})
            row[f.severity] += 1
            rule = self.rules.get(f.code)
            out.append("<div class=\"finding\"><div class=\"head\">"
                       f"<span class=\"place\">{esc(place(f))}</span>"
                       f"<span class=\"badge {esc(f.severity)}\">{esc(severity.label)}</span>"
                       f"<span class=\"code\">{esc(f.code)} {esc(f.name)}</span></div>"
                       f"<p>{esc(f.message)}</p>{quoted(f)}")
            if f.fix is not None:
                description, safe, _ = f.fix
                out.append(f"<p class=\"fix\">修改建议：{esc(description)}{'' if safe else '（需人工确认）'}</p>")
            basis = getattr(rule, "basis", "") if rule is not None else ""
            if basis:
                out.append(f"<p class=\"basis\">依据：{esc(basis)}</p>")
            out.append("</div>")
        out.append("</section>\n")
        self._write("".join(out))

    def finish(self, summary: Summary) -> None:
        c = summary.counts
        lines = [f"</div>\n<section id=\"summary\"><h2>概况</h2><p>检查了 {summary.files} 个文件"
                 f"{f'（{summary.errors} 个无法读取）' if summary.errors else ''}，共 {summary.total} 个问题："
                 f"错误 {c[Severity.ERROR]}，警告 {c[Severity.WARNING]}，提示 {c[Severity.INFO]}"
                 f"{f'；其中 {summary.fixable} 个附有修改建议' if summary.fixable else ''}。</p>"]
        if self.counts:
            lines.append("<table><thead><tr><th>类别</th><th>错误</th><th>警告</th><th>提示</th><th>合计</th></tr></thead><tbody>")
            for name, row in sorted(self.counts.items(), key=lambda kv: -sum(kv[1].values())):
                lines.append(f"<tr><td>{esc(name)}</td><td>{row['error']}</td><td>{row['warning']}</td>"
                             f"<td>{row['info']}</td><td>{sum(row.values())}</td></tr>")
            lines.append("</tbody></table>")
        lines.append("</section>\n</div>\n</body>\n</html>\n")
        self._write("".join(lines))
        flush_utf8(self.stream)
