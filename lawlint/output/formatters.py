"""Output formats.  A formatter sees each file's result, then the run's summary.

``text`` is for people: ``path:line:col: CODE [severity] message`` (the severity in the
interface language: ``[错误]`` or ``[error]``), the source line
with the span underlined, the fix if there is one, and a summary line; characters that
a terminal would obey (escape sequences, carriage returns, bidirectional overrides) are
shown escaped, so that a document cannot rewrite the screen.  ``json`` is for programs
and keeps every finding with its fix; ``jsonl`` is one JSON object per finding per line.
Both write each file's findings as they come: memory does not grow with the run.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Mapping, TextIO

import click

from lawlint.engine.results import Finding
from lawlint.output import interface
from lawlint.rule import Severity, Span

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.document import Document
    from lawlint.engine.linter import FileResult

GROUP_AFTER = 5  # more findings than this of one rule in one file are shown as one entry
_LINES_SHOWN = 8
_SEVERITIES = {s.value: s for s in Severity}


@dataclass
class Summary:
    files: int = 0
    errors: int = 0          # files that could not be read
    counts: dict[Severity, int] = field(default_factory=lambda: {s: 0 for s in Severity})
    fixable: int = 0         # findings with a fix
    safe: int = 0            # … that ``--fix`` applies
    unsafe: int = 0          # … that ``--unsafe-fixes`` also applies
    fixed: int = 0           # fixes applied (``--fix``)
    fixed_files: int = 0

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error:
            self.errors += 1
        for f in result.findings:
            self.counts[_SEVERITIES[f.severity]] += 1
            if f.fix is not None:
                self.fixable += 1
                self.safe += f.fix[1] == "safe"
                self.unsafe += f.fix[1] == "unsafe"
        fixed = getattr(result, "fixed", 0)
        self.fixed += fixed
        self.fixed_files += fixed > 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Formatter:
    """Base class; plugins add formats through the ``register_formatters`` hook.

    ``file(result)`` gets each file's ``FileResult``: ``result.findings`` (``Finding``
    records with line and column), ``result.violations`` (the same as ``Violation``
    objects), ``result.encoding``, ``format``, ``profile`` and ``error``.  The
    ``Document`` (``result.document``) is only there when the file was linted in this
    process.  A formatter that wants ``Finding.excerpt`` (the source line around each
    finding) says so with ``excerpts = True``."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    excerpts: ClassVar[bool] = False
    # the rules of the run by code (``Rule`` instances), set by ``lawlint check`` before ``start()``
    rules: Mapping[str, Any] = {}

    def __init__(self, stream: TextIO, *, color: bool = False, quiet: bool = False,
                 show_all: bool = False) -> None:
        self.stream = stream
        self.color = color
        self.quiet = quiet
        self.show_all = show_all

    def start(self) -> None:
        pass

    def file(self, result: FileResult) -> None:
        raise NotImplementedError

    def finish(self, summary: Summary) -> None:
        pass

    def write(self, text: str = "") -> None:
        self.stream.write(text + "\n")


def location(doc: Document, span: Span) -> dict:
    """1-based line and column of a span's start and (exclusive) end."""
    line, column = doc.position(span.start)
    end_line, end_column = doc.position(span.end)
    return {"line": line, "column": column, "end_line": end_line, "end_column": end_column}


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# What a terminal obeys rather than shows: C0 and C1 controls (ESC, CR, BEL, backspace,
# line breaks …, but not the tab), DEL, the bidirectional overrides and isolates that can
# make a line read backwards, and the Unicode line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every character a terminal would act on written as an escape (``\\x1b``)."""
    if text.isascii() and text.isprintable():
        return text
    return _UNSAFE.sub(_escape, text)


def _escape(m: re.Match) -> str:
    code = ord(m[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


class TextFormatter(Formatter):
    name = "text"
    description = "供人阅读：位置、问题、原文摘录和修改建议"

    @property
    def excerpts(self) -> bool:  # type: ignore[override]
        return not self.quiet

    def style(self, text: str, **kwargs) -> str:
        return click.style(text, **kwargs) if self.color else text

    def file(self, result: FileResult) -> None:
        path = printable(result.path)
        by_code: dict[str, list[Finding]] = {}
        for f in result.findings:
            by_code.setdefault(f.code, []).append(f)
        for f in result.findings:
            group = by_code[f.code]
            if len(group) > GROUP_AFTER and not self.show_all:
                if f is group[0]:
                    self._entry(path, f, self._summary(group))
                continue
            self._entry(path, f)

    def _summary(self, group: list[Finding]) -> str:
        """One line for many findings of one rule: how many, where, whether fixable."""
        fixable = sum(f.fix is not None for f in group)
        fixes = "，均附有修改建议" if fixable == len(group) else (f"，其中 {fixable} 处附有修改建议" if fixable else "")
        if group[0].place is not None:  # a Word or PDF file: its paragraphs or pages
            labels = list(dict.fromkeys(f.place["label"] for f in group if f.place))
            shown = "、".join(labels[:_LINES_SHOWN]) + ("……" if len(labels) > _LINES_SHOWN else "")
            return f"（本文件共 {len(group)} 处，见{shown}{fixes}；--show-all 逐条列出）"
        lines = sorted({f.line for f in group})
        shown = "、".join(map(str, lines[:_LINES_SHOWN])) + ("……" if len(lines) > _LINES_SHOWN else "")
        return f"（本文件共 {len(group)} 处，见第 {shown} 行{fixes}；--show-all 逐条列出）"

    def _entry(self, path: str, f: Finding, note: str = "") -> None:
        severity = _SEVERITIES[f.severity]
        tag = self.style(f"[{interface.tag(f.severity)}]", fg=_COLORS[severity])
        self.write(f"{self.style(path, bold=True)}:{where(f)}: "
                   f"{self.style(printable(f.code), bold=True)} {tag} {printable(f.message)}{note}")
        if not self.quiet and f.excerpt is not None:
            self._excerpt(f, severity)

    def _excerpt(self, f: Finding, severity: Severity) -> None:
        text, cut_left, cut_right, start, end = f.excerpt
        before, inside = _shown(text[:start]), _shown(text[start:end])
        shown = ("…" if cut_left else "") + before + inside + _shown(text[end:]) + ("…" if cut_right else "")
        pad = display_width(("…" if cut_left else "") + before)
        width = max(1, display_width(inside))
        gutter = f"{f.line if f.place is None else '':>5} | "
        self.write(gutter + shown)
        self.write(" " * (len(gutter) - 2) + "| " + " " * pad + self.style("^" * width, fg=_COLORS[severity]))
        if f.fix is not None:
            description, applicability, _ = f.fix
            safety = _SAFETY.get(applicability, "")
            self.write(" " * (len(gutter) - 2) + f"= 修改建议：{printable(description)}{safety}")

    def finish(self, summary: Summary) -> None:
        if self.quiet or summary.files == summary.errors:
            return  # nothing was read: the error lines on stderr say it all
        c = summary.counts
        files = f"检查了 {summary.files} 个文件"
        if summary.errors:
            files += f"，{summary.errors} 个无法读取"
        fixed = f"已自动修改 {summary.fixed} 处（{summary.fixed_files} 个文件）；" if summary.fixed else ""
        if summary.total:
            fixable = f"；其中 {summary.fixable} 个附有修改建议{fix_hint(summary)}" if summary.fixable else ""
            self.write(f"{fixed}{'仍有' if fixed else '共发现'} {summary.total} 个问题（错误 {c[Severity.ERROR]}，"
                       f"警告 {c[Severity.WARNING]}，提示 {c[Severity.INFO]}），{files}{fixable}。")
        else:
            self.write(f"{fixed}{'不再有问题' if fixed else '未发现问题'}，{files}。")


# How the text output marks a fix that ``--fix`` does not apply.
_SAFETY = {"unsafe": "（需确认：--unsafe-fixes 才自动修改）", "display-only": "（仅供参考，不自动修改）"}


def fix_hint(summary: Summary) -> str:
    """What ``--fix`` and ``--unsafe-fixes`` would do, as ruff says it: （3 个可用 --fix 自动修改，…）."""
    parts = []
    if summary.safe:
        parts.append(f"{summary.safe} 个可用 --fix 自动修改")
    if summary.unsafe:
        parts.append(f"{summary.unsafe} 个需确认，加 --unsafe-fixes 才修改")
    return f"（{'，'.join(parts)}）" if parts else ""


def _shown(text: str) -> str:
    """A piece of a source line as shown: tabs as one blank, controls escaped."""
    return printable(text.replace("\t", " "))


def where(f: Finding) -> str:
    """``line:column``, or for a Word or PDF file the place a reader finds: ``第3页第12段``."""
    if f.place is not None and f.place.get("label"):
        return printable(f.place["label"])
    return f"{f.line}:{f.column}"


def utf8_writer(stream: TextIO):
    """A function writing text as UTF-8 whatever the stream's encoding (a Chinese Windows
    console or redirect is GBK): straight to the bytes under a text stream that is not UTF-8.
    For the formats that are files (html, csv)."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "").replace("_", "")
    buffer = getattr(stream, "buffer", None)
    if buffer is None or encoding in ("utf8", "utf8sig"):
        return stream.write
    stream.flush()
    return lambda text: buffer.write(text.encode("utf-8"))


def flush_utf8(stream: TextIO) -> None:
    stream.flush()
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        buffer.flush()


def finding_record(path: str, f: Finding) -> dict:
    """A finding as the JSON formats write it (with ``place`` and its numbers — ``paragraph``,
    ``page`` … — for a Word or PDF file)."""
    item = {"path": path, "line": f.line, "column": f.column, "end_line": f.end_line, "end_column": f.end_column,
            "code": f.code, "name": f.name, "severity": f.severity, "message": f.message, "fix": None}
    if f.place is not None:
        item["place"] = f.place.get("label", "")
        item.update((k, v) for k, v in f.place.items() if k != "label" and k not in item)
    if f.fix is not None:
        description, applicability, edits = f.fix
        item["fix"] = {
            "description": description,
            "applicability": applicability,
            "edits": [{"start": e[0], "end": e[1], "replacement": e[2], "line": e[3], "column": e[4],
                       "end_line": e[5], "end_column": e[6]} for e in edits],
        }
    return item


def _finding_json(path: str, f: Finding, string) -> str | None:
    """``finding_record`` as the indenting encoder writes it inside the list, put together
    directly: that encoder is pure Python (``indent`` turns off the C one) and took most of
    the output's time.  ``path`` is already encoded; ``string`` encodes a str.  None when a
    value is not a plain str, int or bool, or the finding has a place: the encoder writes it."""
    numbers = (f.line, f.column, f.end_line, f.end_column)
    if f.place is not None:  # a Word or PDF file's place: the encoder writes it
        return None
    if not (all(type(n) is int for n in numbers) and all(isinstance(t, str) for t in f[:4])):
        return None
    head = (f'{{\n      "path": {path},\n      "line": {f.line},\n      "column": {f.column},\n'
            f'      "end_line": {f.end_line},\n      "end_column": {f.end_column},\n'
            f'      "code": {string(f.code)},\n      "name": {string(f.name)},\n'
            f'      "severity": {string(f.severity)},\n      "message": {string(f.message)},\n      "fix": ')
    if f.fix is None:
        return head + "null\n    }"
    description, applicability, edits = f.fix
    if not isinstance(description, str) or not isinstance(applicability, str):
        return None
    parts = []
    for e in edits:
        if not (isinstance(e[2], str) and all(type(n) is int for n in (e[0], e[1], *e[3:]))):
            return None
        parts.append(f'\n          {{\n            "start": {e[0]},\n            "end": {e[1]},\n'
                     f'            "replacement": {string(e[2])},\n            "line": {e[3]},\n'
                     f'            "column": {e[4]},\n            "end_line": {e[5]},\n'
                     f'            "end_column": {e[6]}\n          }}')
    listed = "[" + ",".join(parts) + "\n        ]" if parts else "[]"
    return (f'{head}{{\n        "description": {string(description)},\n'
            f'        "applicability": {string(applicability)},\n        "edits": {listed}\n      }}\n    }}')


def file_record(result: FileResult) -> dict:
    entry = {"path": result.path, "violations": len(result.findings)}
    if result.encoding is not None:
        entry.update(encoding=result.encoding, format=result.format, profile=result.profile)
    if result.error:
        entry["error"] = result.error
    return entry


class JsonFormatter(Formatter):
    """One JSON document, ``{"violations": [...], "files": [...], "summary": {...}}``, written
    finding by finding (the list of files, a few numbers each, is kept for the end)."""

    name = "json"
    description = "供程序读取：全部问题及修改建议（JSON）"

    def start(self) -> None:
        self.files: list[dict] = []
        self.written = 0
        import json  # imported by the JSON formats only: a text run does without it

        self._encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
        self._string = json.JSONEncoder(ensure_ascii=False).encode  # a str: one call of the C escaper
        self.stream.write('{\n  "violations": [')

    def file(self, result: FileResult) -> None:
        self.files.append(file_record(result))
        encode, write = self._encoder.encode, self.stream.write
        string = self._string
        path = string(result.path) if isinstance(result.path, str) else None
        for f in result.findings:
            text = _finding_json(path, f, string) if path is not None else None
            if text is None:
                text = encode(finding_record(result.path, f)).replace("\n", "\n    ")
            write((",\n    " if self.written else "\n    ") + text)
            self.written += 1

    def finish(self, summary: Summary) -> None:
        rest = self._encoder.encode({
            "files": self.files,
            "summary": {"files": summary.files, "unreadable": summary.errors, "violations": summary.total,
                        **{s.value: n for s, n in summary.counts.items()}, "fixable": summary.fixable,
                        "fixed": summary.fixed},
        })
        self.stream.write(("\n  ]," if self.written else "],") + rest[1:] + "\n")


def _dumps(value, **options) -> str:
    import json  # imported by the JSON formats only: a text run does without it

    return json.dumps(value, **options)


class JsonLinesFormatter(Formatter):
    """One finding per line, as a JSON object (the fields of ``json``'s violations); nothing else."""

    name = "jsonl"
    description = "供程序逐行读取：每行一个问题（JSON Lines）"

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            line = _dumps(finding_record(result.path, f), ensure_ascii=False)
            # U+2028 and U+2029 are valid in JSON but break lines for readers that split on them
            self.stream.write(line.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n")
