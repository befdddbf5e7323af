"""OFD files (GB/T 33190, the Chinese fixed-layout format of published 公文), read with ofdkit:
the text runs of each page, laid out as a PDF's glyphs are (``pdf.lay_out``: lines by
baseline, page numbers and running headers dropped, lines broken by the page width joined,
places 第3页第12行).  An OFD without text (a scan) is one line saying so."""
from __future__ import annotations

from lawlint.document.document import Document
from lawlint.document.formats import require
from lawlint.document.formats.pdf import _lines, lay_out
from lawlint.document.loaders import InputError

_OUTSIDE = 2.0  # mm beyond the page box where a run still counts as on the page


def _page_chars(page) -> list[tuple[float, float, float, float, str]]:
    """(baseline, x0, x1, size, char) of each character of a page, as ``pdf._lines`` takes them:
    OFD's y grows downwards, so the baseline is turned over; a run's width is shared evenly."""
    x0, y0, width, height = page.box
    out = []
    for run in page.runs:
        text = run.text
        if not text or not (x0 - _OUTSIDE <= run.x <= x0 + width + _OUTSIDE
                            and y0 - _OUTSIDE <= run.y <= y0 + height + _OUTSIDE):
            continue
        step = (run.width / len(text)) if run.width > 0 else run.size
        for i, ch in enumerate(text):
            if ch < " ":
                continue
            left = run.x + i * step
            out.append((-run.y, left, left + step, run.size or 3.5, ch))
    return out


def load(path: str, data: bytes, options: dict) -> Document:
    ofdkit = require("ofd")
    try:
        document = ofdkit.OFDDocument(data)
    except ofdkit.OFDError as exc:
        raise InputError(f"无法作为 OFD 文件读取（{exc}）：文件可能已损坏") from None
    pages = []
    try:
        for index, page in enumerate(document.pages):
            try:
                pages.append(_lines(index + 1, _page_chars(page)))
            except ofdkit.OFDError:
                pages.append([])
    finally:
        document.close()
    return lay_out(path, pages, "ofd")
