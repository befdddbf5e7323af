"""``check --fix`` and ``--diff``: fixes applied in rounds and files written back byte for byte.

A round applies every applicable fix that does not overlap one taken before it (the
others wait), then the new text is linted again, as ruff and sqlfluff do, until nothing
changes — at most ``MAX_ROUNDS`` rounds, and a text seen before ends the loop (two fixes
undoing each other).

Byte-faithfulness: a file is only fixed when its bytes decode to exactly the document's
text and that text encodes back to exactly the same bytes (UTF-8 with or without BOM,
UTF-16 and UTF-32 with their BOM and byte order, GB18030); the new bytes are the
original bytes between the edits, copied, and each replacement encoded alone, in the
file's own encoding, with the file's own line break inside it.  A Word document, or any
file a plugin's loader read, is refused with one line.  Writing back replaces the file
atomically (a temporary file beside it, then a rename) after checking that nobody changed
it since it was read; its permission bits are kept.
"""
from __future__ import annotations

import codecs
import difflib
import os
import re
import stat
import tempfile
from dataclasses import dataclass, replace
from typing import Callable

from lawlint import fix as fixer
from lawlint.document.loaders import InputError, decode
from lawlint.engine.linter import FileResult, Linter
from lawlint.rule import Edit, Violation

MAX_ROUNDS = 10
_FIXABLE_FORMATS = ("txt", "md")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass(frozen=True)
class Codec:
    """How a text file's bytes are made: a BOM, then the text in ``name``."""

    bom: bytes
    name: str

    def encode(self, text: str) -> bytes:
        return text.encode(self.name)


def codec_of(data: bytes, encoding: str) -> Codec:
    """The codec that wrote ``data``, which lawlint's loader decoded as ``encoding``."""
    if encoding == "utf-8-sig":
        return Codec(codecs.BOM_UTF8, "utf-8")
    if encoding in ("utf-16", "utf-32"):
        width = 2 if encoding == "utf-16" else 4
        little = data[:width] == (codecs.BOM_UTF16_LE if width == 2 else codecs.BOM_UTF32_LE)
        return Codec(data[:width], f"{encoding}-{'le' if little else 'be'}")
    return Codec(b"", encoding)


def line_break(text: str) -> str:
    """The file's line break: the most frequent of CRLF, LF and CR (LF when there is none)."""
    crlf = text.count("\r\n")
    lf, cr = text.count("\n") - crlf, text.count("\r") - crlf
    return max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"), key=lambda c: c[0])[1] if crlf or lf or cr else "\n"


def splice(data: bytes, codec: Codec, text: str, edits: list[Edit]) -> bytes:
    """``data`` (the bytes of ``text``) with ``edits`` made: the original bytes between the
    edits are copied, never re-encoded; each replacement is encoded alone.  Raises
    ``ValueError`` when a piece of ``text`` does not encode to the bytes it came from."""
    out, at_char, at_byte = [codec.bom], 0, len(codec.bom)
    for edit in edits:
        kept = codec.encode(text[at_char:edit.span.start])
        removed = codec.encode(text[edit.span.start:edit.span.end])
        if data[at_byte:at_byte + len(kept)] != kept:
            raise ValueError("the text does not encode back to the file's bytes")
        out.append(data[at_byte:at_byte + len(kept)])
        at_byte += len(kept)
        if data[at_byte:at_byte + len(removed)] != removed:
            raise ValueError("the text does not encode back to the file's bytes")
        out.append(codec.encode(edit.text))
        at_byte += len(removed)
        at_char = edit.span.end
    rest = codec.encode(text[at_char:])
    if data[at_byte:] != rest:
        raise ValueError("the text does not encode back to the file's bytes")
    out.append(data[at_byte:])
    return b"".join(out)


class NotFixable(Exception):
    """Why a file cannot be fixed in place (one line, in Chinese)."""


def _is_word(path: str) -> bool:
    return path.lower().endswith((".docx", ".doc", ".wps"))


def _refusal(doc_format: str, path: str) -> str:
    if doc_format == "docx" or _is_word(path):
        return ("Word 文件不能用 --fix 就地修改（会丢失排版），没有改动；"
                "可用 lawlint annotate --track-changes 生成带修订痕迹的副本，在 Word 中逐条接受")
    return f"这种格式（{doc_format}）的文件不能用 --fix 修改，没有改动（只能修改 .txt、.md 等纯文本文件）"


@dataclass
class FixTask:
    """What ``check`` asks of each file in fix mode; sent to worker processes as it is.

    ``write``: replace the file (``--fix``); ``diff``: put a unified diff in the result
    (``--diff``); ``output``: keep the fixed bytes (standard input with ``--fix``)."""

    unsafe: bool = False
    write: bool = False
    diff: bool = False
    output: bool = False

    def run(self, linter: Linter, path: str, data: bytes, excerpts: bool, stdin: bool = False) -> FileResult:
        if stdin:  # never written to a file: with --fix, the fixed text goes to standard output
            task = replace(self, write=False, output=self.write)
        else:
            task = self
        return fix_file(linter, path, data, task, excerpts)


def fix_file(linter: Linter, path: str, data: bytes, task: FixTask, excerpts: bool = False,
             keep: Callable[[FileResult], list[Violation]] | None = None) -> FileResult:
    """Lint ``path`` (whose bytes are ``data``), fix it in rounds, and return the findings of
    the fixed text, with ``fixed`` (fixes applied), ``diff``, ``output`` and ``notes`` set.
    ``keep`` picks the findings that may be fixed (default: all).  When the file cannot be
    fixed or written back, the findings are those of the file as it is."""
    keep = keep or _all
    first = linter.lint_bytes(path, data)
    if first.error and _is_word(path):  # no Word reader installed: say what --fix does with Word files too
        first.error = f"{first.error}。{_refusal('docx', path)}"
    if first.error or first.document is None:
        return first
    wanted = keep(first)
    if not _fixable(wanted, task.unsafe):
        return _finish(first.resolve(excerpts), task, data)
    doc = first.document
    try:
        codec = _checked_codec(data, doc.text, doc.format, doc.encoding, path)
    except NotFixable as exc:
        return _finish(first.resolve(excerpts), task, data, notes=[str(exc)])
    result, text, current, applied = first, doc.text, data, 0
    seen = {text}
    notes: list[str] = []
    newline = line_break(text)
    for _ in range(MAX_ROUNDS):
        edits, count = fixer.choose(wanted, unsafe=task.unsafe, text=text)
        if not count:
            break
        edits = [Edit(e.span, _with_line_break(e.text, newline)) for e in edits]
        new_text = fixer.apply_edits(text, edits)
        try:
            new_data = splice(current, codec, text, edits)
        except (ValueError, UnicodeEncodeError):
            notes.append("有的修改无法用文件原来的编码写出，没有应用")
            break
        again = linter.lint_bytes(path, new_data)
        if again.error or again.document is None or again.document.text != new_text:
            notes.append("修改后的文件无法按原样读回，这一轮的修改没有应用；请报告此问题")
            break
        result, text, current, applied = again, new_text, new_data, applied + count
        wanted = keep(result)
        if text in seen:
            notes.append("有两处修改互相抵消（改了又改回），已停止；请报告此问题")
            break
        seen.add(text)
    else:
        if _fixable(wanted, task.unsafe):
            notes.append(f"{MAX_ROUNDS} 轮修改之后仍有可修改的问题，已停止；请报告此问题")
    if current == data:
        return _finish(first.resolve(excerpts), task, data, notes=notes)
    if task.write:
        problem = write_back(path, data, current)
        if problem:
            return _finish(first.resolve(excerpts), task, data, notes=[*notes, problem])
    result.resolve(excerpts)
    if task.diff:
        result.diff = unified_diff(path, doc.text, text)
    return _finish(result, task, current, applied, notes)


def _fixable(violations: list[Violation], unsafe: bool) -> bool:
    return any(v.fix is not None and fixer.applies(v.fix.applicability, unsafe) for v in violations)


def _finish(result: FileResult, task: FixTask, data: bytes, applied: int = 0,
            notes: list[str] | None = None) -> FileResult:
    result.fixed = applied
    result.notes = list(notes or [])
    if task.output:
        result.output = data
    return result


def _all(result: FileResult) -> list[Violation]:
    return result.violations


def _checked_codec(data: bytes, text: str, doc_format: str, encoding: str, path: str) -> Codec:
    if doc_format not in _FIXABLE_FORMATS:
        raise NotFixable(_refusal(doc_format, path))
    try:
        decoded, _ = decode(data)
    except InputError:
        decoded = None
    codec = codec_of(data, encoding)
    try:
        same = decoded == text and codec.bom + codec.encode(text) == data
    except (UnicodeEncodeError, LookupError):
        same = False
    if not same:
        raise NotFixable("文件的内容无法按原编码逐字节还原，为免改动修改以外的字节，没有修改")
    return codec


def _with_line_break(replacement: str, newline: str) -> str:
    """A replacement's line breaks written as the file writes them."""
    if "\n" not in replacement and "\r" not in replacement:
        return replacement
    return re.sub(r"\r\n|\r|\n", lambda _: newline, replacement)


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff (``--- path``, ``+++ path``) of the two texts, each line with its own
    line break; characters a terminal would obey inside a line are shown escaped."""
    from lawlint.output.formatters import printable

    def lines(text: str) -> list[str]:
        found = []
        for m in _LINE.finditer(text):
            line = m[0]
            body = line.rstrip("\r\n")
            found.append(printable(body) + line[len(body):])
        return found

    old, new = lines(before), lines(after)
    shown = printable(path)
    out = []
    for line in difflib.unified_diff(old, new, shown, shown):
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def write_back(path: str, original: bytes, new: bytes) -> str | None:
    """Replace the file at ``path`` (symbolic links followed) by ``new``, atomically, if it
    still holds ``original``; None when done, else why not (one line, in Chinese)."""
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
        if info.st_nlink > 1:
            return "文件有多个硬链接，替换会使其他链接仍是旧内容，没有写回（请先复制为独立的文件）"
        with open(real, "rb") as handle:
            if handle.read(len(original) + 1) != original:
                return "文件在检查期间被其他程序修改，没有写回修改（请重新运行）"
        folder, name = os.path.split(real)
        fd, partial = tempfile.mkstemp(prefix=f".{name}.", suffix=".lawlint", dir=folder or ".")
    except OSError as exc:
        return f"无法写回：{exc.strerror or exc}"
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(new)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(partial, stat.S_IMODE(info.st_mode))
        now = os.stat(real)
        if (now.st_size, now.st_mtime_ns, now.st_ino) != (info.st_size, info.st_mtime_ns, info.st_ino):
            os.unlink(partial)
            return "文件在检查期间被其他程序修改，没有写回修改（请重新运行）"
        os.replace(partial, real)
    except OSError as exc:
        try:
            os.unlink(partial)
        except OSError:
            pass
        return f"无法写回：{exc.strerror or exc}"
    return None
