"""The readers of Word, PDF and web pages are extras: checking a .txt loads none of them, a
missing one is one line naming the extra, and the pre-commit hook's files pattern takes every
format lawlint reads, in any case."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import wordfiles
import yaml

from lawlint.document import formats
from lawlint.document.loaders import TEXT_EXTENSIONS

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples"
LIBRARIES = ("docx", "pypdfium2", "lxml", "ofdkit")

_PROBE = """
import json, sys
from lawlint.cli import main
try:
    main(["check", "--isolated", "--no-cache", "-q", *sys.argv[1:]])  # a cached result reads nothing
except SystemExit:
    pass
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})), file=sys.stderr)
"""


def imported(*paths: str) -> set[str]:
    """Top-level modules imported by ``lawlint check PATHS`` in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *paths], capture_output=True, text=True, timeout=300)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_checking_a_text_file_imports_no_reader_of_other_formats(tmp_path):
    draft = tmp_path / "报告.txt"
    draft.write_text("青山县人民政府关于2024年法治政府建设情况的报告\n", encoding="utf-8")
    assert not imported(str(draft)) & set(LIBRARIES)
    # and the probe sees them when a Word file is met (so the check above can fail)
    assert "docx" in imported(str(EXAMPLES / "青山县司法局2024年度法治政府建设工作报告.docx"))


@pytest.mark.parametrize("name, extra, data", [
    ("报告.docx", "docx", lambda: wordfiles.report()),
    ("报告.pdf", "pdf", lambda: (EXAMPLES / "青山县司法局2024年度法治政府建设工作报告.pdf").read_bytes()),
    ("网页.html", "html", lambda: (EXAMPLES / "网页-青山县人民政府2024年法治政府建设情况.html").read_bytes()),
    ("版式.ofd", "ofd", lambda: (EXAMPLES / "青山县司法局2024年度法治政府建设工作报告.ofd").read_bytes()),
])
def test_a_missing_reader_is_one_line_naming_its_extra(cli, tmp_path, monkeypatch, name, extra, data):
    path = tmp_path / name
    path.write_bytes(data())
    monkeypatch.setitem(sys.modules, formats.LIBRARIES[extra], None)  # as if it were not installed
    run = cli("check", "--isolated", str(path))
    assert run.code == 2 and run.out.count("\n") <= 1
    lines = [line for line in run.err.splitlines() if line.strip()]
    assert len(lines) == 1 and f'pip install "lawlint[{extra}]"' in lines[0]


def test_the_extras_are_declared():
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    (everything,) = extras["all"]
    assert set(formats.EXTRAS.values()) <= set(re.fullmatch(r"lawlint\[([^\]]*)\]", everything).group(1).split(","))
    declared = {re.split(r"[<>=\[ ]", req)[0].lower() for e in formats.EXTRAS.values() for req in extras[e]}
    assert {"python-docx", "pypdfium2", "lxml", "ofdkit"} <= declared


def test_the_precommit_hook_takes_every_format_in_any_case():
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    hook = hooks["lawlint"]
    assert re.compile(hooks["lawlint-fix"]["files"]).search("稿件/报告.TXT")
    pattern = re.compile(hook["files"])  # pre-commit matches with Python's re.search
    for ext in (*TEXT_EXTENSIONS, *formats.FORMATS):
        for name in (f"稿件/报告{ext}", f"稿件/报告{ext.upper()}", f"报告{ext[:2]}{ext[2:].upper()}"):
            assert pattern.search(name), name
    for name in ("图.png", "报告.txt.bak", "报告.docx~", "报告.pdfx", "README"):
        assert not pattern.search(name), name
