"""Reading files: bytes → text → Document, for plain text and Markdown.

Drafts saved by Chinese Windows tools are often GB18030/GBK, Notepad may write
UTF-16 with a BOM (a few editors UTF-32), and the web gives UTF-8.  The encoding found is kept on the
Document (and shown in JSON output).  Anything else — a binary file, bytes that
no supported encoding can read — is an ``InputError``: one line, exit status 2.
"""
from __future__ import annotations

import codecs
import functools
import re

from lawlint.document.document import Document

TEXT_EXTENSIONS = (".txt", ".text", ".md", ".markdown")
MARKDOWN_EXTENSIONS = (".md", ".markdown")

_MAGIC = [
    (b"%PDF", "PDF 文件"),
    (b"PK\x03\x04", "ZIP 或 Word（.docx）文件"),
    (b"\xd0\xcf\x11\xe0", "Office 97–2003（.doc）文件"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"{\\rtf", "RTF 文件"),
]


@functools.cache
def _expected() -> re.Pattern:
    """Characters a decoded Chinese document is made of; anything else in bulk means the
    bytes were not really in that encoding.  Compiled on first use: only GB18030 text
    needs it, and its ranges cost milliseconds to compile."""
    return re.compile(
        "[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2100-\u214f\u2190-\u21ff\u2460-\u24ff\u2500-\u257f"
        "\u25a0-\u25ff\u2600-\u26ff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


_PLAUSIBLE = 0.97


class InputError(Exception):
    """A file lawlint cannot read as a document (message in Chinese, one line)."""


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name); raise InputError for binary or undecodable bytes."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"这是{what}，不是文本；请先另存为 .txt 或 .md")
    if data.startswith(codecs.BOM_UTF8):
        return _text(*_strict(data[3:], "utf-8", "utf-8-sig"))
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00 starts with FF FE
        return _text(*_strict(data, "utf-32", "utf-32"))
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _text(*_strict(data, "utf-16", "utf-16"))
    if b"\x00" in data:  # anywhere: a text with a binary tail is not a document either
        raise InputError(_BINARY)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(_UNKNOWN) from None
    if not _plausible(text):
        raise InputError(_UNKNOWN)
    return text, "gb18030"


_UNKNOWN = "无法识别文本编码（支持 UTF-8、UTF-16、UTF-32、GB18030/GBK）"
_BINARY = "这是二进制文件（含空字节），不是文本"


def _text(text: str, name: str) -> tuple[str, str]:
    """A text decoded from UTF-16 or UTF-32 may still hold NUL characters: binary."""
    if "\x00" in text:
        raise InputError(_BINARY)
    return text, name


def _strict(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(codec), name
    except UnicodeDecodeError as exc:
        raise InputError(f"文件声明为 {name} 编码，但第 {exc.start} 字节处无法解码") from None


def _plausible(text: str) -> bool:
    sample = text[:200_000]
    if not sample:
        return True
    expected = len(_expected().findall(sample))
    return expected / len(sample) >= _PLAUSIBLE


def load(path: str, data: bytes) -> Document:
    text, encoding = decode(data)
    fmt = "md" if path.lower().endswith(MARKDOWN_EXTENSIONS) else "txt"
    return Document(text, path, encoding, fmt)
