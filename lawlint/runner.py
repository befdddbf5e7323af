"""Linting many files on several cores, reporting them in the order given.

Each worker process uses the parent's ``Linter`` (inherited when processes are forked,
rebuilt from the same settings when they are spawned) and sends back
the decoded text with the violations; the parent rebuilds a light ``Document`` for
the formatter (positions are computed from the text).  A handful of files — what
pre-commit passes — is linted in-process: starting workers would cost more.
"""
from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from typing import Any, Iterator

from lawlint import words
from lawlint.document import Document
from lawlint.linter import FileResult, Linter
from lawlint.rule import Violation

STDIN = "-"
MIN_FILES_PER_JOB = 8
MAX_FILES_PER_CHUNK = 32  # bounds what one message to or from a worker holds

_worker: Linter | None = None


@dataclass
class _Outcome:
    path: str
    text: str | None
    encoding: str
    format: str
    profile: str | None
    violations: list[Violation]
    error: str | None


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def read(linter: Linter, path: str, stdin: bytes | None = None) -> FileResult:
    try:
        if path == STDIN:
            return linter.lint_bytes("<stdin>", stdin or b"")
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return FileResult(path, error=f"无法读取：{exc.strerror or exc}")
    return linter.lint_bytes(path, data)


def _start(settings: dict[str, Any]) -> None:
    global _worker
    _worker = Linter(**settings)
    _collect_less()


def _lint(path: str) -> _Outcome:
    result = read(_worker, path)
    doc = result.document
    if doc is None:
        return _Outcome(path, None, "", "", None, [], result.error)
    return _Outcome(path, doc.text, doc.encoding, doc.format, doc.profile.name if doc.profile else None,
                    result.violations, None)


def _lint_chunk(paths: list[str]) -> list[_Outcome]:
    return [_lint(path) for path in paths]


def _chunks(paths: list[str], jobs: int) -> list[list[str]]:
    """Guided scheduling: large chunks first (few round trips to the workers), then ever
    smaller ones, so that the workers run out of files at about the same time."""
    chunks, start = [], 0
    while start < len(paths):
        size = max(1, min(MAX_FILES_PER_CHUNK, (len(paths) - start) // (jobs * 4)))
        chunks.append(paths[start:start + size])
        start += size
    return chunks


def lint_files(linter: Linter, settings: dict[str, Any], paths: list[str], jobs: int,
               stdin: bytes | None = None) -> Iterator[FileResult]:
    """Results for ``paths`` in order; ``settings`` rebuild ``linter`` in worker processes.
    The collector's settings, changed for the run, are restored afterwards."""
    threshold = gc.get_threshold()
    try:
        yield from _lint_files(linter, settings, paths, jobs, stdin)
    finally:  # the caller's process goes on as it was
        gc.unfreeze()
        gc.set_threshold(*threshold)


def _lint_files(linter: Linter, settings: dict[str, Any], paths: list[str], jobs: int,
                stdin: bytes | None) -> Iterator[FileResult]:
    global _worker
    jobs = min(jobs, len(paths) // MIN_FILES_PER_JOB)
    if jobs <= 1 or STDIN in paths:
        _collect_less()
        for path in paths:
            yield read(linter, path, stdin)
        return
    import multiprocessing

    context = multiprocessing.get_context()
    initializer, initargs = _start, (settings,)
    if context.get_start_method() == "fork":
        if any(rule.uses_words for rule in linter.rules):
            words.tokenizer()  # jieba imported, and on a first run its table built, once rather than per worker
        _worker, initializer, initargs = linter, _collect_less, ()  # forked workers inherit it, patterns compiled
        gc.freeze()  # what is built so far is shared with the workers: keep the collector from copying its pages
    with context.Pool(jobs, initializer=initializer, initargs=initargs) as pool:
        for outcomes in pool.imap(_lint_chunk, _chunks(paths, jobs)):
            for outcome in outcomes:
                yield _rebuild(linter, outcome)


def _collect_less() -> None:
    """Linting makes many short-lived objects and few reference cycles: the cyclic
    collector, run every 700 allocations by default, costs about 7 % of the time.
    What exists before linting (rules, compiled patterns) is never garbage: frozen."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def _rebuild(linter: Linter, outcome: _Outcome) -> FileResult:
    if outcome.text is None:
        return FileResult(outcome.path, error=outcome.error)
    doc = Document(outcome.text, outcome.path, outcome.encoding, outcome.format)
    doc.profile = linter.profiles.get(outcome.profile) if outcome.profile else None
    return FileResult(outcome.path, doc, outcome.violations)

