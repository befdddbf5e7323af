"""Measure lawlint's speed and memory on a generated corpus (the README's figures).

    python bench/run.py [--count 1000] [--chars 8000] [--repeat 3] [--out bench/out] [--instructions]
    python bench/run.py --realistic [--source DIR ...] [--count 1000] [--repeat 3] [--profile 100]

With ``--realistic`` it measures dirty reports instead (bench/realistic.py: about 500
findings each, as web and PDF copies have them) side by side with a peer, autocorrect-py,
on the same files in the same run: see ``realistic_main``.

Reports, as a Markdown table:
  * the whole corpus: wall time of ``lawlint check --isolated --quiet DIR`` (best of
    ``--repeat`` runs), the CPU time of that run (lawlint and its workers),
    characters per second, peak memory of the largest process;
  * one report, as pre-commit runs it: ``lawlint check --isolated FILE`` wall time,
    for a report without near-duplicate candidates (jieba never loads) and for one
    that needs word segmentation.
With ``--instructions`` (needs valgrind) it also counts the machine instructions lawlint
executes per report, after start-up: unlike seconds, that figure does not change with
the speed of a virtual machine, so runs on different days can be compared.
Every command runs in a fresh process, started from this script.  Memory is the peak
resident set size of the largest process (from the operating system) and, on Linux,
the peak proportional set size of the whole process tree, sampled every 100 ms
(parallel runs start worker processes that share the jieba dictionary).
"""
from __future__ import annotations

import argparse
import compileall
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

LAWLINT = [sys.executable, "-m", "lawlint"]
ROOT = Path(__file__).parent.parent
QUIET_REPORT = ROOT / "tests" / "fixtures" / "clean" / "county-government-report.txt"


def measure(args: list[str], repeat: int) -> tuple[float, float, float, float | None]:
    """Best wall time (s) with the CPU time of that run (s), peak RSS of the largest process
    (MB) and peak PSS summed over the process tree (MB, Linux only) of ``lawlint args``
    over ``repeat`` runs."""
    best, cpu, peak, tree = float("inf"), 0.0, 0.0, None
    for _ in range(repeat):
        command = [sys.executable, "-c", _WRAPPER, *LAWLINT, *args]
        proc = subprocess.run(command, capture_output=True, text=True, check=True)
        seconds, cpu_seconds, rss_kb, tree_kb = proc.stdout.split()
        if float(seconds) < best:
            best, cpu = float(seconds), float(cpu_seconds)
        peak = max(peak, int(rss_kb) / 1024)
        if tree_kb != "-":
            tree = max(tree or 0.0, int(tree_kb) / 1024)
    return best, cpu, peak, tree


def instructions_per_report(files: list[Path], count: int = 20) -> float:
    """Machine instructions (valgrind) of checking ``count`` more reports in one process:
    the difference between a run on ``count + 1`` files and a run on the first one."""
    def run(paths: list[Path]) -> int:
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                   *LAWLINT, "check", "--no-cache", "--isolated", "--quiet", "-j", "1", *map(str, paths)]
        proc = subprocess.run(command, capture_output=True, text=True)
        found = re.search(r"Collected : (\d+)", proc.stderr)
        if found is None:
            raise SystemExit(f"valgrind did not report a count: {proc.stderr.strip()[-300:]}")
        return int(found[1])

    return (run(files[:count + 1]) - run(files[:1])) / count


# Runs lawlint as a grandchild so that RUSAGE_CHILDREN covers it and its worker processes;
# on Linux it also samples the proportional set size (PSS: shared pages counted once,
# split between the processes that share them) of the whole process tree every 100 ms.
_WRAPPER = """
import os, resource, subprocess, sys, time

def tree_rss(pid):
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                total += next(int(l.split()[1]) for l in f if l.startswith("Pss:"))
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo += [int(c) for c in f.read().split()]
        except (OSError, StopIteration):
            pass
    return total

start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
tree = 0 if os.path.exists("/proc/self/smaps_rollup") else None
sampled = 0.0
while True:
    if tree is not None and time.perf_counter() - sampled >= 0.1:  # reading /proc costs ~0.5 ms a process
        sampled = time.perf_counter()
        tree = max(tree, tree_rss(child.pid))
    try:
        child.wait(timeout=0.02)  # returns as soon as lawlint ends: the wall time is not rounded up
        break
    except subprocess.TimeoutExpired:
        pass
elapsed = time.perf_counter() - start
assert child.returncode in (0, 1), f"lawlint exited with {child.returncode}"
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, "-" if tree is None else tree)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--instructions", action="store_true",
                        help="also count machine instructions per report with valgrind (a minute or two)")
    parser.add_argument("--realistic", action="store_true",
                        help="dirty reports, lawlint side by side with autocorrect-py (bench/realistic_run.py)")
    parser.add_argument("--source", type=Path, action="append", default=[], metavar="DIR",
                        help="with --realistic: take paragraphs from the .txt files under DIR (repeatable)")
    parser.add_argument("--seed", type=int, default=1, help="with --realistic: the corpus's seed")
    parser.add_argument("--one-file-runs", type=int, default=15,
                        help="with --realistic: runs of the one-file check (the median is shown)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="with --realistic: also profile a single-process JSON run on N reports (cProfile)")
    parser.add_argument("--profile-only", action="store_true", help="with --profile: skip the timed runs")
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind")
    if args.realistic:
        from realistic_run import realistic_main

        realistic_main(args)
        return
    if args.source or args.profile:
        parser.error("--source and --profile need --realistic")

    corpus = args.out / f"corpus-{args.count}x{args.chars}"
    if not corpus.is_dir():
        shutil.rmtree(corpus, ignore_errors=True)
        generate(corpus, args.count, args.chars)
    files = sorted(corpus.glob("*.txt"))
    characters = sum(len(f.read_text(encoding="utf-8")) for f in files)

    # Byte-compile lawlint as pip does when it installs a wheel (a checkout run with
    # PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every run).
    import lawlint

    compileall.compile_dir(Path(lawlint.__file__).parent, quiet=1)
    # build lawlint's cache (jieba table, OpenCC characters, compiled regular expressions), warm the OS cache
    measure(["check", "--no-cache", "--isolated", "--quiet", str(files[0])], 1)
    rows = []
    jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    mb = lambda value: "n/a" if value is None else f"{value:.0f} MB"  # noqa: E731
    for label, extra in ((f"{len(files)} reports, {jobs} processes", []),
                         (f"{len(files)} reports, 1 process", ["-j", "1"])):
        seconds, cpu, peak, tree = measure(["check", "--no-cache", "--isolated", "--quiet", *extra, str(corpus)], args.repeat)
        rows.append((label, f"{seconds:.2f} s", f"{cpu:.2f} s", f"{characters / seconds / 1e6:.2f} M", mb(peak),
                     mb(tree)))
    for label, path in (("1 report, no segmentation needed", QUIET_REPORT),
                        ("1 report, jieba loaded (RP002 confirms candidates)", files[0])):
        seconds, cpu, peak, tree = measure(["check", "--no-cache", "--isolated", str(path)], max(args.repeat, 5))
        rows.append((label, f"{seconds:.2f} s", f"{cpu:.2f} s", "—", mb(peak), mb(tree)))

    print(f"Corpus: {len(files)} generated reports, {characters:,} characters ({corpus}).")
    print(f"Machine: {platform.python_implementation()} {platform.python_version()}, {jobs} CPUs, "
          f"{platform.machine()}, {time.strftime('%Y-%m-%d')}.")
    print()
    print("| run | wall time | CPU time | characters/s | peak memory, largest process | peak memory, all processes |")
    print("|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if args.instructions:
        print()
        per_report = instructions_per_report(files)
        print(f"Machine instructions per report after start-up (valgrind): {per_report / 1e6:.1f} M")


if __name__ == "__main__":
    main()
