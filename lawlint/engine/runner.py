"""Linting many files on several cores, reporting them in the order given.

Each file is linted by the ``Linter`` of its configuration (files in different folders
may have different ones).  Worker processes use the parent's linters (inherited when
processes are forked, rebuilt from the same settings when they are spawned) and send
back, per file, a plain tuple: what was read (encoding, format, profile) and its
findings as ``lawlint.engine.results.Finding`` tuples with line and column already resolved —
never the document's text.  The parent keeps a bounded number of chunks in flight, so
that its memory holds a few files' findings, however many files there are.  A worker that
dies (killed, or a plugin ending the process) fails the files it had, with one line
each, instead of hanging the run.  A handful of files — what pre-commit passes — is
linted in-process: starting workers would cost more.
"""
from __future__ import annotations

import gc
import os
from collections import deque
from typing import Any, Iterator, Protocol, Sequence

from lawlint.engine import result_cache
from lawlint.engine.linter import FileResult, Linter
from lawlint.engine.results import Finding
from lawlint.lang import words

STDIN = "-"
MIN_FILES_PER_JOB = 8
MAX_FILES_PER_CHUNK = 32  # bounds what one message to or from a worker holds
CHUNKS_IN_FLIGHT = 3      # per worker: enough to keep it busy, few enough to bound the parent's memory

_workers: list[Linter | None] = []
_settings: Sequence[dict[str, Any]] = ()


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def too_large(size: int, limit: int) -> str:
    return (f"文件有 {size / 1048576:.1f} MB，超过了检查的上限 {limit / 1048576:g} MB，没有检查"
            "（可用 --max-size 或配置中的 max-size 调整）")


class Task(Protocol):
    """What is done with each file's bytes instead of linting them (``--fix``, the result
    cache): picklable, since it goes to the worker processes."""

    def run(self, linter: Linter, path: str, data: bytes, excerpts: bool, stdin: bool = False) -> FileResult: ...


def read(linter: Linter, path: str, stdin: bytes | None = None, excerpts: bool = False,
         task: Task | None = None, stdin_name: str | None = None, cache: bool = False) -> FileResult:
    """``path`` linted in this process (or given to ``task``), its findings resolved;
    standard input is read as the file ``stdin_name`` (its type and per-file settings) when
    that is given.  With ``cache`` (and no task), a file's findings come from the results
    cache when nothing changed."""
    limit = linter.max_size
    try:
        if path == STDIN:
            data = stdin or b""
            name = stdin_name or "<stdin>"
            if limit and len(data) > limit:
                return FileResult(name, error=too_large(len(data), limit))
            return _run(linter, name, data, excerpts, task, stdin=True)
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if limit and size > limit:
                return FileResult(path, error=too_large(size, limit))
            data = handle.read(limit + 1) if limit else handle.read()
    except OSError as exc:
        return FileResult(path, error=f"无法读取：{exc.strerror or exc}")
    if limit and len(data) > limit:  # it grew while being read
        return FileResult(path, error=too_large(len(data), limit))
    return _run(linter, path, data, excerpts, task, cache=cache)


def _run(linter: Linter, path: str, data: bytes, excerpts: bool, task: Task | None,
         stdin: bool = False, cache: bool = False) -> FileResult:
    if task is not None:
        return task.run(linter, path, data, excerpts, stdin)
    if not cache or stdin:
        return linter.lint_bytes(path, data).resolve(excerpts)
    entry, key, found = result_cache.lookup(linter, path, data, excerpts)
    if found is not None:
        return found
    result = linter.lint_bytes(path, data).resolve(excerpts)
    result_cache.store(entry, key, data, result)
    return result


def _start(settings: Sequence[dict[str, Any]]) -> None:
    """In a spawned worker: the linters are built from the settings when first needed."""
    global _workers, _settings
    _settings = settings
    _workers = [None] * len(settings)
    _collect_less()


def _linter(index: int) -> Linter:
    if _workers[index] is None:
        _workers[index] = Linter(**_settings[index])
    return _workers[index]


def _lint(path: str, index: int, excerpts: bool, task: Task | None = None, cache: bool = False) -> tuple:
    """One file, as the plain tuple sent to the parent."""
    result = read(_linter(index), path, excerpts=excerpts, task=task, cache=cache)
    return (result.path, result.error, result.encoding, result.format, result.profile,
            [tuple(f) for f in result.findings], result.fixed, result.diff, result.output, tuple(result.notes))


def _lint_chunk(items: list[tuple[str, int]], excerpts: bool, task: Task | None = None,
                cache: bool = False) -> list[tuple]:
    return [_lint(path, index, excerpts, task, cache) for path, index in items]


def _result(record: tuple) -> FileResult:
    path, error, encoding, format, profile, findings, fixed, diff, output, notes = record
    result = FileResult(path, error=error, encoding=encoding, format=format, profile=profile,
                        findings=[Finding._make(f) for f in findings])
    result.fixed, result.diff, result.output, result.notes = fixed, diff, output, notes
    return result


def _chunks(paths: list, jobs: int) -> list[list]:
    """Guided scheduling: large chunks first (few round trips to the workers), then ever
    smaller ones, so that the workers run out of files at about the same time."""
    chunks, start = [], 0
    while start < len(paths):
        size = max(1, min(MAX_FILES_PER_CHUNK, (len(paths) - start) // (jobs * 4)))
        chunks.append(paths[start:start + size])
        start += size
    return chunks


def lint_files(linters: Sequence[Linter], settings: Sequence[dict[str, Any]], items: list[tuple[str, int]],
               jobs: int, stdin: bytes | None = None, excerpts: bool = False,
               task: Task | None = None, stdin_name: str | None = None,
               cache: bool = False) -> Iterator[FileResult]:
    """Results for ``items`` — (path, index of its linter) — in order; ``settings[i]`` rebuild
    ``linters[i]`` in spawned worker processes.  ``task`` does something else than linting
    with each file (``read``).  The collector's settings, changed for the run, are restored
    afterwards."""
    threshold = gc.get_threshold()
    try:
        yield from _lint_files(linters, settings, items, jobs, stdin, excerpts, task, stdin_name, cache)
    finally:  # the caller's process goes on as it was
        gc.unfreeze()
        gc.set_threshold(*threshold)


def _lint_files(linters: Sequence[Linter], settings: Sequence[dict[str, Any]], items: list[tuple[str, int]],
                jobs: int, stdin: bytes | None, excerpts: bool, task: Task | None,
                stdin_name: str | None, cache: bool) -> Iterator[FileResult]:
    global _workers
    jobs = min(jobs, len(items) // MIN_FILES_PER_JOB)
    if jobs <= 1 or any(path == STDIN for path, _ in items):
        _collect_less()
        for path, index in items:
            yield read(linters[index], path, stdin, excerpts, task, stdin_name, cache)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context()
    initializer, initargs = _start, (list(settings),)
    if context.get_start_method() == "fork":
        if any(rule.uses_words for linter in linters for rule in linter.rules):
            words.tokenizer()  # jieba imported, and on a first run its table built, once rather than per worker
        _workers, initializer, initargs = list(linters), _collect_less, ()  # forked workers inherit them
        gc.freeze()  # what is built so far is shared with the workers: keep the collector from copying its pages
    chunks = deque(_chunks(items, jobs))
    pending: deque = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=initializer, initargs=initargs)
    try:
        broken: str | None = None
        while chunks or pending:
            while chunks and len(pending) < jobs * CHUNKS_IN_FLIGHT and broken is None:
                chunk = chunks.popleft()
                try:
                    pending.append((chunk, pool.submit(_lint_chunk, chunk, excerpts, task, cache)))
                except BrokenProcessPool as exc:
                    broken = str(exc) or type(exc).__name__
                    chunks.appendleft(chunk)
            if not pending:
                break
            chunk, future = pending.popleft()
            try:
                records = future.result() if broken is None else None
            except BrokenProcessPool as exc:
                broken, records = str(exc) or type(exc).__name__, None
            if records is None:
                for path, _ in chunk:
                    yield FileResult(path, error=_lost(broken))
                continue
            for record in records:
                yield _result(record)
        for chunk in chunks:  # never sent: the pool broke first
            for path, _ in chunk:
                yield FileResult(path, error=_lost(broken))
    finally:  # also when the caller stops early (a closed pipe): what is queued is not linted
        pool.shutdown(wait=True, cancel_futures=True)


def _lost(why: str | None) -> str:
    return f"检查这个文件的工作进程意外退出，没有检查（{why}）"


def _collect_less() -> None:
    """Linting makes many short-lived objects and few reference cycles: the cyclic
    collector, run every 700 allocations by default, costs about 7 % of the time.
    What exists before linting (rules, compiled patterns) is never garbage: frozen."""
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
