"""Render lawlint's HTML review sheet (``--format html``) in headless Chromium: the page's
console messages (a blocked fetch, a script error) and a screenshot and a printed PDF to look at.

    python bench/html_report.py                  # the bundled examples → docs/images/html-report.png
    python bench/html_report.py --pdf out.pdf    # also print it as a reviewer would

Uses /usr/bin/chromium (or $LAWLINT_CHROMIUM) with a fresh profile, no network services.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
# what Chromium logs (with --enable-logging=stderr) for each message of the page's console
_CONSOLE = re.compile(r":CONSOLE[:(][^\]]*\]\s*(.*)")


def chromium() -> str | None:
    found = os.environ.get("LAWLINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return found if found and Path(found).exists() else None


def render(page: Path, *outputs: str, timeout: int = 120) -> tuple[str, list[str]]:
    """Open ``page`` in a fresh headless Chromium: (its DOM after loading, its console messages).
    ``outputs``: more flags, e.g. ``--screenshot=FILE`` or ``--print-to-pdf=FILE``."""
    browser = chromium()
    if browser is None:
        raise FileNotFoundError("chromium")
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
                               *outputs, "--dump-dom", page.resolve().as_uri()],
                              capture_output=True, text=True, timeout=timeout, check=True)
    return done.stdout, [m.group(1) for m in map(_CONSOLE.search, done.stderr.splitlines()) if m]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images" / "html-report.png")
    parser.add_argument("--pdf", type=Path, default=None)
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "examples")])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "审核意见.html"
        # relative paths in the report, as a user running it in the project would see them
        subprocess.run([sys.executable, "-m", "lawlint", "check", "--isolated", "--format", "html", "-o", str(report),
                        *[os.path.relpath(p, ROOT) for p in args.paths]], cwd=ROOT, check=False)
        outputs = [f"--screenshot={args.out.resolve()}", "--window-size=1100,1500", "--hide-scrollbars"]
        if args.pdf:
            outputs.append(f"--print-to-pdf={args.pdf.resolve()}")
            outputs.append("--no-pdf-header-footer")
        _, console = render(report, *outputs)
    for message in console:
        print("console:", message)
    print(f"{args.out}{' and ' + str(args.pdf) if args.pdf else ''}: {len(console)} console messages")
    return 1 if console else 0


if __name__ == "__main__":
    sys.exit(main())
