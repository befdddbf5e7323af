"""Output formats.  A formatter sees each file's result, then the run's summary.

``text`` is for people: ``path:line:col: CODE [severity] message``, the source line
with the span underlined, the fix if there is one, and a summary line.  ``json``
is for programs and keeps every finding with its fix.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, TextIO

import click

from lawlint.rule import Severity, Span, Violation

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.document import Document
    from lawlint.linter import FileResult

_EXCERPT = 36   # characters shown on each side of a finding in a long line
GROUP_AFTER = 5  # more findings than this of one rule in one file are shown as one entry
_LINES_SHOWN = 8


@dataclass
class Summary:
    files: int = 0
    errors: int = 0          # files that could not be read
    counts: dict[Severity, int] = field(default_factory=lambda: {s: 0 for s in Severity})
    fixable: int = 0

    def add(self, result: "FileResult") -> None:
        self.files += 1
        if result.error:
            self.errors += 1
        for v in result.violations:
            self.counts[v.severity] += 1
            self.fixable += v.fix is not None

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Formatter:
    """Base class; plugins add formats through the ``register_formatters`` hook."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""

    def __init__(self, stream: TextIO, *, color: bool = False, quiet: bool = False,
                 show_all: bool = False) -> None:
        self.stream = stream
        self.color = color
        self.quiet = quiet
        self.show_all = show_all

    def start(self) -> None:
        pass

    def file(self, result: "FileResult") -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        pass

    def write(self, text: str = "") -> None:
        self.stream.write(text + "\n")


def location(doc: "Document", span: Span) -> dict:
    """1-based line and column of a span's start and (exclusive) end."""
    line, column = doc.position(span.start)
    end_line, end_column = doc.position(span.end)
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class TextFormatter(Formatter):
    name = "text"
    description = "供人阅读：位置、问题、原文摘录和修改建议"

    def style(self, text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if self.color else text

    def file(self, result: "FileResult") -> None:
        doc = result.document
        by_code: dict[str, list[Violation]] = {}
        for v in result.violations:
            by_code.setdefault(v.code, []).append(v)
        for v in result.violations:
            group = by_code[v.code]
            if len(group) > GROUP_AFTER and not self.show_all:
                if v is group[0]:
                    self._entry(result.path, doc, v, self._summary(doc, group))
                continue
            self._entry(result.path, doc, v)

    def _summary(self, doc: "Document", group: list[Violation]) -> str:
        """One line for many findings of one rule: how many, where, whether fixable."""
        lines = sorted({doc.position(v.span.start)[0] for v in group})
        shown = "、".join(map(str, lines[:_LINES_SHOWN])) + ("……" if len(lines) > _LINES_SHOWN else "")
        fixable = sum(v.fix is not None for v in group)
        fixes = "，均附有修改建议" if fixable == len(group) else (f"，其中 {fixable} 处附有修改建议" if fixable else "")
        return f"（本文件共 {len(group)} 处，见第 {shown} 行{fixes}；--show-all 逐条列出）"

    def _entry(self, path: str, doc: "Document", v: Violation, note: str = "") -> None:
        where = location(doc, v.span)
        severity = self.style(f"[{v.severity.value}]", fg=_COLORS[v.severity])
        self.write(f"{self.style(path, bold=True)}:{where['line']}:{where['column']}: "
                   f"{self.style(v.code, bold=True)} {severity} {v.message}{note}")
        if not self.quiet:
            self._excerpt(doc, v, where)

    def _excerpt(self, doc: "Document", v: Violation, where: dict) -> None:
        line_no = where["line"]
        text = doc.line_text(line_no)
        start = where["column"] - 1
        end = where["end_column"] - 1 if where["end_line"] == line_no else len(text)
        end = min(max(end, start + 1), start + 2 * _EXCERPT)
        left = max(0, start - _EXCERPT)
        right = min(len(text), end + _EXCERPT)
        shown = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
        pad = display_width(("…" if left else "") + text[left:start])
        width = max(1, display_width(text[start:min(end, right)]))
        gutter = f"{line_no:>5} | "
        self.write(gutter + shown.replace("\t", " "))
        self.write(" " * (len(gutter) - 2) + "| " + " " * pad + self.style("^" * width, fg=_COLORS[v.severity]))
        if v.fix is not None:
            safety = "" if v.fix.safe else "（需人工确认）"
            self.write(" " * (len(gutter) - 2) + f"= 修改建议：{v.fix.description}{safety}")

    def finish(self, summary: Summary) -> None:
        if self.quiet or summary.files == summary.errors:
            return  # nothing was read: the error lines on stderr say it all
        c = summary.counts
        files = f"检查了 {summary.files} 个文件"
        if summary.errors:
            files += f"，{summary.errors} 个无法读取"
        if summary.total:
            fixable = f"；其中 {summary.fixable} 个附有修改建议" if summary.fixable else ""
            self.write(f"共发现 {summary.total} 个问题（错误 {c[Severity.ERROR]}，警告 {c[Severity.WARNING]}，"
                       f"提示 {c[Severity.INFO]}），{files}{fixable}。")
        else:
            self.write(f"未发现问题，{files}。")


class JsonFormatter(Formatter):
    name = "json"
    description = "供程序读取：全部问题及修改建议（JSON）"

    def start(self) -> None:
        self.violations: list[dict] = []
        self.files: list[dict] = []

    def file(self, result: "FileResult") -> None:
        doc = result.document
        entry = {"path": result.path, "violations": len(result.violations)}
        if doc is not None:
            entry.update(encoding=doc.encoding, format=doc.format,
                         profile=doc.profile.name if doc.profile else None)
        if result.error:
            entry["error"] = result.error
        self.files.append(entry)
        for v in result.violations:
            item = {"path": result.path, **location(doc, v.span), "code": v.code, "name": v.name,
                    "severity": v.severity.value, "message": v.message, "fix": None}
            if v.fix is not None:
                item["fix"] = {
                    "description": v.fix.description,
                    "safe": v.fix.safe,
                    "edits": [{"start": e.span.start, "end": e.span.end, "replacement": e.text,
                               **location(doc, e.span)} for e in v.fix.edits],
                }
            self.violations.append(item)

    def finish(self, summary: Summary) -> None:
        report = {
            "violations": self.violations,
            "files": self.files,
            "summary": {"files": summary.files, "unreadable": summary.errors, "violations": summary.total,
                        **{s.value: n for s, n in summary.counts.items()}, "fixable": summary.fixable},
        }
        self.write(json.dumps(report, ensure_ascii=False, indent=2))
