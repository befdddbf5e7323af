"""Lint a folder with autocorrect-py (the peer lawlint is compared with), as a user would.

autocorrect-py has no command line: its Python API lints one text at a time
(``autocorrect_py.lint_for(text, filename)``, a Rust extension).  This script does what a
user's script would: read every .txt file under the folder in name order, lint it, and
write all the results as JSON to standard output (as ``autocorrect --lint --format json``
does), one entry per line that autocorrect would change.  With ``-j N`` the files are
shared among N worker processes (``multiprocessing.Pool.imap``, chunks of 16 files, results
in order).

    python bench/peer_autocorrect.py DIR|FILE... [-j N]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import autocorrect_py


def lint(path: str) -> dict:
    text = Path(path).read_text(encoding="utf-8")
    result = autocorrect_py.lint_for(text, path)
    return {"filepath": path,
            "lines": [{"l": r.line, "c": r.col, "new": r.new, "old": r.old, "severity": int(r.severity)}
                      for r in result.lines]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", type=Path, nargs="+", help="folders (their .txt files) or files")
    parser.add_argument("-j", "--jobs", type=int, default=1)
    args = parser.parse_args()
    paths = [str(p) for given in args.paths for p in (sorted(given.rglob("*.txt")) if given.is_dir() else [given])]
    if args.jobs > 1:
        import multiprocessing

        with multiprocessing.Pool(args.jobs) as pool:
            messages = list(pool.imap(lint, paths, chunksize=16))
    else:
        messages = [lint(p) for p in paths]
    json.dump({"count": sum(len(m["lines"]) for m in messages), "messages": messages}, sys.stdout,
              ensure_ascii=False)


if __name__ == "__main__":
    main()
