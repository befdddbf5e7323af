"""Documents as users have them: Word (.docx; .doc and .wps through LibreOffice), PDF, OFD and
saved web pages, turned into a ``Document`` whose text is what a reader sees.

lawlint's own ``load_document`` hook (``lawlint/engine/builtin.py``) asks ``load`` first and
falls back to plain text; a plugin adds a format the same way.  Each format lives in its own
module and imports its library only when a file of that format is met, so that checking a
.txt never loads python-docx, PDFium, lxml or ofdkit.  A missing library is one line naming the extra
to install (``pip install "lawlint[docx]"``).
"""
from __future__ import annotations

import importlib
import importlib.util
import os

from lawlint.document.loaders import InputError

# extension → format module; the extra that brings its library
FORMATS = {".docx": "docx", ".docm": "docx", ".pdf": "pdf", ".html": "html", ".htm": "html", ".xhtml": "html",
           ".doc": "office", ".wps": "office", ".ofd": "ofd"}
EXTRAS = {"docx": "docx", "office": "docx", "pdf": "pdf", "html": "html", "ofd": "ofd"}
LIBRARIES = {"docx": "docx", "office": "docx", "pdf": "pypdfium2", "html": "lxml", "ofd": "ofdkit"}
NAMES = {"docx": "Word（.docx）文件", "office": "Word 97–2003 或 WPS 文件", "pdf": "PDF 文件", "html": "网页",
         "ofd": "OFD 版式文件"}
# Formats lawlint knows but cannot read yet: the reason is the message.
UNSUPPORTED = {
    ".rtf": "RTF 文件暂不支持：请另存为 .docx",
}


def extension(path: str) -> str:
    return os.path.splitext(path)[1].lower()


def sniff(data: bytes) -> str | None:
    """The format of bytes whose name says nothing (standard input, a .txt that is not text)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        import io
        import zipfile

        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        return "ofd" if "OFD.xml" in names else None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "office"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def kind(path: str, data: bytes) -> str | None:
    """The format module for ``path``: by its extension, else by its first bytes."""
    ext = extension(path)
    if ext in FORMATS:
        return FORMATS[ext]
    return sniff(data)


def load(path: str, data: bytes, options: dict | None = None):
    """A ``Document`` for a Word, PDF or HTML file; None for anything else (plain text)."""
    ext = extension(path)
    if ext in UNSUPPORTED:
        raise InputError(UNSUPPORTED[ext])
    name = kind(path, data)
    if name is None:
        return None
    module = importlib.import_module(f"lawlint.document.formats.{name}")
    return module.load(path, data, options or {})


def require(name: str):
    """Import the library of format ``name``, or say which extra brings it."""
    library = LIBRARIES[name]
    try:
        return importlib.import_module(library)
    except ImportError:
        raise InputError(missing(name)) from None


def missing(name: str) -> str:
    extra = EXTRAS[name]
    return f"读取{NAMES[name]}需要安装 lawlint 的 {extra} 扩展：pip install \"lawlint[{extra}]\"（或 \"lawlint[all]\"）"


def available(name: str) -> bool:
    """Whether the library of format ``name`` is installed (found, not imported)."""
    return importlib.util.find_spec(LIBRARIES[name]) is not None


def skip_reason(path: str) -> str | None:
    """Why a file found in a folder is not checked (None: it is)."""
    ext = extension(path)
    if ext in UNSUPPORTED:
        return UNSUPPORTED[ext]
    name = FORMATS.get(ext)
    if name is None:
        return None
    if not available(name):
        return f"未安装 lawlint[{EXTRAS[name]}]"
    if name == "office" and soffice() is None:
        return "需要 LibreOffice（soffice）转换，或先用 Word/WPS 另存为 .docx"
    return None


def soffice() -> str | None:
    """LibreOffice's command, if installed (``LAWLINT_SOFFICE`` names another)."""
    import shutil

    named = os.environ.get("LAWLINT_SOFFICE")
    if named:
        return shutil.which(named) or (named if os.path.isfile(named) else None)
    return shutil.which("soffice") or shutil.which("libreoffice")
