"""Do Word, PDF and OFD copies of real texts give the findings of the texts?  For each text its
twins are made as offices make them (``bench/make_formats.py``: Word layout, LibreOffice's PDF
with page numbers and a running header, an OFD set in the GB/T 9704 版心), each is linted, and
the findings are compared with the text's once places are left aside.

    python bench/twins_check.py TEXTS... [--out DIR] [--header 青山县司法局] [--no-pdf]

Prints one line per text and twin: findings of the text, of the twin, and what differs.
Nothing is written but the twins (in a temporary folder unless --out)."""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import make_formats  # noqa: E402

from lawlint.engine.linter import Linter  # noqa: E402
from lawlint.engine.runner import read  # noqa: E402

# places as each form names them: 第3行, 第3—5行, 第12段, 第1页第3行至第1页第5行 …
_PLACES = re.compile(r"(?:第\d+页)?第\d+[段行](?:至(?:第\d+页)?第\d+[段行])?|第\d+[—–-]\d+行")


def findings(linter: Linter, path: Path) -> Counter:
    result = read(linter, str(path))
    if result.error:
        return Counter({("error", result.error): 1})
    return Counter((f.code, _PLACES.sub("#", f.message)) for f in result.findings)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="+", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--header")
    parser.add_argument("--no-pdf", action="store_true", help="no PDF (it needs LibreOffice)")
    args = parser.parse_args(argv)
    linter = Linter()
    same = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for index, source in enumerate(args.texts):
            text = make_formats.read_text(source)
            stem = folder / f"{index:03d}"
            make_formats.make_docx(text, stem.with_suffix(".docx"), args.header)
            make_formats.make_ofd(text, stem.with_suffix(".ofd"))
            twins = [stem.with_suffix(".docx"), stem.with_suffix(".ofd")]
            if not args.no_pdf:
                make_formats.make_pdf(stem.with_suffix(".docx"), stem.with_suffix(".pdf"))
                twins.append(stem.with_suffix(".pdf"))
            expected = findings(linter, source)
            for twin in twins:
                got = findings(linter, twin)
                total += 1
                same += got == expected
                missing, extra = expected - got, got - expected
                line = f"{source.name} {twin.suffix}: text {sum(expected.values())}, twin {sum(got.values())}"
                if missing or extra:
                    line += "".join(f"\n    - {code} {message[:90]}" for (code, message) in missing)
                    line += "".join(f"\n    + {code} {message[:90]}" for (code, message) in extra)
                print(line, flush=True)
    print(f"{same}/{total} twins give the findings of their text")
    return 0 if same == total else 1


if __name__ == "__main__":
    sys.exit(main())
