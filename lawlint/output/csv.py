"""``--format csv``: the findings as a table (审核意见表) that Excel opens as it is: UTF-8 with
a byte-order mark (without one Excel reads the file as GBK), a header row in Chinese, one row
per finding, rows written as they come."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING

from lawlint.output.formatters import Formatter, Summary, flush_utf8, utf8_writer, where
from lawlint.rule import Severity

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.engine.linter import FileResult

# A cell Excel would run as a formula (=, +, -, @, or a tab or return before them) gets a
# leading apostrophe, which Excel shows as text: the words quoted come from the documents.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

HEADER = ["文件", "位置", "行", "列", "代码", "名称", "严重程度", "问题", "原文", "修改建议", "依据"]


class CsvFormatter(Formatter):
    name = "csv"
    description = "审核意见表（CSV，UTF-8 带 BOM，Excel 可直接打开）：每行一个问题"
    excerpts = True

    def start(self) -> None:
        import csv

        self._buffer = io.StringIO()
        self._csv = csv.writer(self._buffer, lineterminator="\r\n")
        self._write = utf8_writer(self.stream)
        self._row(HEADER, bom=True)

    def _row(self, cells: list, bom: bool = False) -> None:
        self._csv.writerow([f"'{c}" if isinstance(c, str) and c.startswith(_FORMULA_STARTS) else c for c in cells])
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        self._write(("\ufeff" if bom else "") + text)

    def file(self, result: FileResult) -> None:
        if result.error:
            self._row([result.path, "", "", "", "", "", "", f"无法检查：{result.error}", "", "", ""])
            return
        for f in result.findings:
            rule = self.rules.get(f.code)
            quoted = ""
            if f.excerpt is not None:
                text, _, _, start, end = f.excerpt
                quoted = text[max(0, start - 20):end + 20]
            fix = ""
            if f.fix is not None:
                fix = f.fix[0] + ("" if f.fix[1] else "（需人工确认）")
            self._row([result.path, where(f), f.line, f.column, f.code, f.name, Severity(f.severity).label,
                       f.message, quoted, fix, getattr(rule, "basis", "") if rule is not None else ""])

    def finish(self, summary: Summary) -> None:
        flush_utf8(self.stream)
