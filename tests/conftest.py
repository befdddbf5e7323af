"""Shared helpers: run the CLI in-process, build documents."""
from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from lawlint.cli import main
from lawlint.document import Document

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True, scope="session")
def _hermetic(tmp_path_factory):
    """Keep the tests' copy of the jieba dictionary out of the user's ~/.cache, and ignore
    plugins installed in the environment (tests that need a plugin install their own)."""
    os.environ.setdefault("LAWLINT_CACHE_DIR", str(tmp_path_factory.mktemp("lawlint-cache")))
    os.environ["LAWLINT_LOAD_PLUGINS"] = ""


def pytest_collection_modifyitems(config, items):
    """Tests of a speed-up itself (``@pytest.mark.speedup``) are skipped when the suite runs
    without speed-ups (``LAWLINT_NO_SPEEDUPS=1``): every other test must pass either way."""
    from lawlint.engine import speedups

    if not speedups.ENABLED:
        skip = pytest.mark.skip(reason="tests a speed-up; LAWLINT_NO_SPEEDUPS=1 turns them off")
        for item in items:
            if item.get_closest_marker("speedup"):
                item.add_marker(skip)


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def cli(capsys, monkeypatch):
    """Call ``lawlint`` with arguments (and optional stdin bytes); return code, stdout, stderr."""

    def run(*args: str, stdin: bytes | None = None) -> Run:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def doc_of(text: str, path: str = "<test>") -> Document:
    return Document(text, path)
