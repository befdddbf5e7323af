"""Which PDF library lawlint reads PDFs with: pypdfium2 or pdfminer.six, measured on PDFs made
from real texts the way offices make them (Word layout → LibreOffice export, page numbers
“— 1 —”, a running header on every page).

    python bench/pdf_libraries.py TEXTS... [--out DIR] [--header 青山县司法局]

For each text: its PDF is made (``bench/make_formats.py``), then read by
- ``pdfium-text``: pypdfium2's plain text (``get_text_range``), page by page;
- ``pdfminer-text``: pdfminer.six's ``extract_text``;
- ``pdfium-lawlint``: lawlint's reader (glyphs from PDFium, lines by baseline, furniture dropped, wraps joined);
- ``pdfminer-lawlint``: the same rules fed with pdfminer.six's glyphs (``LTChar``).
Reported per reader: seconds per page, characters right (the text without blanks against the
source's, difflib), paragraphs recovered whole (each source line found as one output line),
blanks inside Chinese text that the source does not have (each a stray-space false alarm),
and page furniture left in.
"""
from __future__ import annotations

import argparse
import difflib
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_formats  # noqa: E402

from lawlint.document.formats import pdf as lawlint_pdf  # noqa: E402
from lawlint.lang.text import BLANKS  # noqa: E402

_HAN_BLANK = re.compile(r"(?<=[\u4e00-\u9fff，。、；：“”《》（）])[ \u3000]+(?=[\u4e00-\u9fff0-9，。、；：“”《》（）])"
                        r"|(?<=[0-9])[ \u3000]+(?=[\u4e00-\u9fff])")
_FURNITURE = re.compile(r"^\s*[—-]\s*\d+\s*[—-]\s*$", re.M)


def pdfium_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    out = []
    for page in document:
        textpage = page.get_textpage()
        out.append(textpage.get_text_range().replace("\r\n", "\n"))
    return "\n".join(out)


def pdfminer_text(data: bytes) -> str:
    import io

    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(data))


def pdfium_lawlint(data: bytes) -> str:
    return lawlint_pdf.load("x.pdf", data, {}).text


def pdfminer_lawlint(data: bytes) -> str:
    """lawlint's rules on pdfminer.six's glyphs."""
    import io

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar, LTTextContainer

    def glyphs(item):
        if isinstance(item, LTChar):
            yield item
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from glyphs(child)

    original = lawlint_pdf._page_chars
    pages = []
    for layout in extract_pages(io.BytesIO(data)):
        chars = [(c.matrix[5], c.x0, c.x1, c.size, c.get_text()) for c in glyphs(layout)
                 if c.get_text() and ord(c.get_text()[0]) >= 0x20]
        pages.append(chars)
    # feed the same line, furniture and joining rules
    lines = [lawlint_pdf._lines(i + 1, chars) for i, chars in enumerate(pages)]
    dropped = lawlint_pdf._furniture(lines)
    kept = [[x for x in page if id(x) not in dropped] for page in lines]
    body = [x for page in kept for x in page]
    left, right = lawlint_pdf._margins(body)
    justified = lawlint_pdf._justified(body, right)
    out, previous = [], None
    for line in body:
        if previous is not None and not lawlint_pdf._joins(previous, line, left, right, justified):
            out.append("\n")
        out.append(line.text)
        previous = line
    del original, LTTextContainer
    return "".join(out)


READERS = {"pdfium-text": pdfium_text, "pdfminer-text": pdfminer_text,
           "pdfium-lawlint": pdfium_lawlint, "pdfminer-lawlint": pdfminer_lawlint}


def squeeze(text: str) -> str:
    return re.sub(f"[{BLANKS}\r\n\f]+", "", text)


def measure(source: str, data: bytes, pages: int, reader) -> dict:
    start = time.perf_counter()
    text = reader(data)
    seconds = time.perf_counter() - start
    src, out = squeeze(source), squeeze(_FURNITURE.sub("", text))
    matcher = difflib.SequenceMatcher(None, src, out, autojunk=False)
    right = sum(block.size for block in matcher.get_matching_blocks())
    paragraphs = [squeeze(line) for line in source.splitlines() if squeeze(line)]
    lines = {squeeze(line) for line in text.splitlines()}
    whole = sum(p in lines for p in paragraphs)
    source_blanks = len(_HAN_BLANK.findall(source))
    return {"s/page": seconds / max(pages, 1), "chars": right / max(len(src), 1),
            "paragraphs": whole / max(len(paragraphs), 1),
            "stray blanks": max(0, len(_HAN_BLANK.findall(text)) - source_blanks),
            "furniture": len(_FURNITURE.findall(text))}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, help="keep the PDFs here")
    parser.add_argument("--header", default="青山县司法局", help="running header (empty: none)")
    args = parser.parse_args(argv)
    import pypdfium2 as pdfium

    folder = args.out or Path(tempfile.mkdtemp(prefix="lawlint-pdfs-"))
    folder.mkdir(parents=True, exist_ok=True)
    results: dict[str, list[dict]] = {name: [] for name in READERS}
    total_pages = 0
    for index, path in enumerate(args.texts):
        source = make_formats.read_text(path)
        docx_path = folder / f"{index:03d}.docx"
        pdf_path = docx_path.with_suffix(".pdf")
        if not pdf_path.exists():
            make_formats.make_docx(source, docx_path, args.header or None)
            make_formats.make_pdf(docx_path, pdf_path)
        data = pdf_path.read_bytes()
        pages = len(pdfium.PdfDocument(data))
        total_pages += pages
        for name, reader in READERS.items():
            results[name].append(measure(source, data, pages, reader))
    print(f"{len(args.texts)} PDFs, {total_pages} pages (PDFs in {folder})")
    keys = ["s/page", "chars", "paragraphs", "stray blanks", "furniture"]
    print("| reader | " + " | ".join(keys) + " |")
    print("|---|" + "---:|" * len(keys))
    for name, rows in results.items():
        cells = [f"{statistics.mean(r['s/page'] for r in rows) * 1000:.1f} ms",
                 f"{statistics.mean(r['chars'] for r in rows):.2%}",
                 f"{statistics.mean(r['paragraphs'] for r in rows):.1%}",
                 str(sum(r["stray blanks"] for r in rows)), str(sum(r["furniture"] for r in rows))]
        print(f"| {name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
