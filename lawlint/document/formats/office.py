"""Word 97–2003 (.doc) and WPS (.wps) files: converted to .docx by LibreOffice when it is
installed (``soffice --headless --convert-to docx``), then read as a .docx.  Without
LibreOffice, one line tells the user to save the file as .docx."""
from __future__ import annotations

import os
import subprocess
import tempfile

from lawlint.document.document import Document
from lawlint.document.formats import docx, extension, soffice
from lawlint.document.loaders import InputError

TIMEOUT = 180  # seconds; a first start of LibreOffice builds its profile


def convert(path: str, data: bytes) -> bytes:
    """The .docx LibreOffice makes of ``data``."""
    command = soffice()
    if command is None:
        raise InputError("这是 Word 97–2003（.doc）或 WPS（.wps）文件：请用 Word 或 WPS 另存为 .docx 后再检查"
                         "（安装了 LibreOffice 时 lawlint 会自动转换）")
    suffix = extension(path) if extension(path) in (".doc", ".wps") else ".doc"
    with tempfile.TemporaryDirectory(prefix="lawlint-office-") as folder:
        source = os.path.join(folder, "document" + suffix)
        with open(source, "wb") as handle:
            handle.write(data)
        profile = "file://" + os.path.join(folder, "profile").replace(os.sep, "/")  # never the user's own
        try:
            subprocess.run([command, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                            "--convert-to", "docx:MS Word 2007 XML", "--outdir", folder, source],
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise InputError(f"LibreOffice 转换失败（{type(exc).__name__}）：请用 Word 或 WPS 另存为 .docx 后再检查") from None
        target = os.path.join(folder, "document.docx")
        if not os.path.isfile(target):
            raise InputError("LibreOffice 无法转换这个文件：请用 Word 或 WPS 另存为 .docx 后再检查")
        with open(target, "rb") as handle:
            return handle.read()


def load(path: str, data: bytes, options: dict) -> Document:
    converted = convert(path, data)
    doc = docx.to_document(docx.extract(converted), path)
    doc.format = extension(path).lstrip(".") or "doc"
    return doc
