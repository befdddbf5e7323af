"""``bench/run.py --realistic``: lawlint and a peer on the same dirty reports, in the same run.

Seconds depend on the machine and on what else runs on it; the ratio of lawlint's time to
a peer's, measured on the same files in the same run (interleaved, repeat by repeat), much
less so.  The peer is autocorrect-py (``pip install autocorrect-py``), a CJK copy linter
written in Rust, run by bench/peer_autocorrect.py as a user would lint a folder with its
Python API, in one process and in two.

With ``--instructions`` (valgrind) it also counts the machine instructions per report of
lawlint and of the peer, a figure that the machine's load and speed do not change.

Every command runs in a fresh process started by a small wrapper that samples the peak
resident set size (``VmHWM`` in /proc/PID/status, a high-water mark kept by the kernel)
of the command and of each of its worker processes every 20 ms, and takes the wall time,
the CPU time of the whole process tree and the largest process's peak RSS from ``wait4``.
Linux only.
"""
from __future__ import annotations

import compileall
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from realistic import generate_realistic

ROOT = Path(__file__).parent.parent
LAWLINT = [sys.executable, "-m", "lawlint"]
PEER = [sys.executable, str(Path(__file__).parent / "peer_autocorrect.py")]
CLEAN_REPORT = ROOT / "tests" / "fixtures" / "clean" / "county-government-report.txt"

# argv: OUTPUT COMMAND...  Prints one JSON object: wall and CPU seconds, the largest process's
# peak RSS (kB, from wait4), the command's own peak RSS and each descendant's (kB, sampled),
# and the CPU seconds of the descendants (sampled: up to 20 ms of each may be missed).
_WRAPPER = r"""
import json, os, subprocess, sys, time

def children(pid):
    kids = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids += [int(c) for c in f.read().split()]
    except OSError:
        pass
    return kids

TICK = os.sysconf("SC_CLK_TCK")

def cpu(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (OSError, IndexError, ValueError):
        return 0.0

def hwm(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0

with open(sys.argv[1], "wb") as sink:
    start = time.perf_counter()
    child = subprocess.Popen(sys.argv[2:], stdout=sink)
    peaks, cpus = {}, {}
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        todo = [child.pid]
        while todo:
            p = todo.pop()
            peaks[p] = max(peaks.get(p, 0), hwm(p))
            cpus[p] = max(cpus.get(p, 0.0), cpu(p))
            todo += children(p)
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
child.returncode = os.waitstatus_to_exitcode(status)
parent = peaks.pop(child.pid, 0)
cpus.pop(child.pid, None)
print(json.dumps({"wall": elapsed, "cpu": usage.ru_utime + usage.ru_stime, "rc": child.returncode,
                  "largest_kb": usage.ru_maxrss, "parent_kb": parent,
                  "workers_kb": [v for k, v in sorted(peaks.items()) if v],
                  "workers_cpu": sum(cpus.values())}))
"""


def run(command: list[str], output: Path | str = os.devnull) -> dict:
    """One measured run of ``command`` with its standard output written to ``output``."""
    proc = subprocess.run([sys.executable, "-c", _WRAPPER, str(output), *command],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"measuring {' '.join(command)} failed: {proc.stderr.strip()[-500:]}")
    result = json.loads(proc.stdout)
    if result["rc"] not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited with {result['rc']}")
    return result


def _mb(kb: float) -> str:
    return f"{kb / 1024 / 1024:.2f} GB" if kb >= 1024 * 1024 else f"{kb / 1024:.0f} MB"


def _seconds(values: list[float]) -> str:
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:.2f} s"
    return f"{med:.2f} s ({min(values):.2f}–{max(values):.2f})"


def _git_commit() -> str:
    try:
        proc = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--", "lawlint"],
                               capture_output=True, text=True).stdout.strip()
        return proc.stdout.strip() + (" (lawlint/ modified)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _peer_version() -> str | None:
    try:
        import importlib.metadata

        return importlib.metadata.version("autocorrect-py")
    except Exception:  # not installed
        return None


def lawlint_findings(output: Path) -> tuple[int, Counter]:
    """Findings in a ``--format json`` output, and their count by rule."""
    with open(output, encoding="utf-8") as f:
        data = json.load(f)
    return len(data["violations"]), Counter(v["code"] for v in data["violations"])


# argv: FILE...  Lints the files in one process, timing (CPU time) each rule's check and, apart,
# the document model the rules share (lines, blocks, sentences, clauses, metadata: built
# right after loading, so that no rule is charged for them).  The first file is linted once
# before, untimed: OpenCC, jieba and compiled patterns load lazily.  Prints JSON: seconds per
# rule, seconds of the document model, seconds of the whole lint_bytes calls, findings per rule.
_RULE_TIMER = r"""
import json, sys, time
from collections import Counter
from lawlint.engine.linter import Linter

linter = Linter()
seconds, found = Counter(), Counter()
MODEL = ("line_starts", "characters", "lines", "blocks", "sentences", "clauses", "meta")

def timed(rule):
    check = rule.check
    def run(doc):
        start = time.process_time()
        out = list(check(doc))
        seconds[rule.code] += time.process_time() - start
        found[rule.code] += len(out)
        return out
    return run

def prebuilt(load):
    def run(path, data):
        doc = load(path, data)
        start = time.process_time()
        for name in MODEL:
            getattr(doc, name, None)
        seconds["document model"] += time.process_time() - start
        return doc
    return run

paths = sys.argv[1:]
with open(paths[0], "rb") as f:
    linter.lint_bytes(paths[0], f.read())
for rule in linter.rules:
    rule.check = timed(rule)
linter.load = prebuilt(linter.load)
total = 0.0
for path in paths:
    with open(path, "rb") as f:
        data = f.read()
    start = time.process_time()
    linter.lint_bytes(path, data)
    total += time.process_time() - start
print(json.dumps({"total": total, "seconds": seconds, "found": found}))
"""


def rule_times(files: list[Path], top: int = 15) -> str:
    """Milliseconds per report spent in each rule's check (lint only, one process), as Markdown."""
    proc = subprocess.run([sys.executable, "-c", _RULE_TIMER, *map(str, files)], capture_output=True, text=True)
    if proc.returncode != 0:
        return f"(timing the rules failed: {proc.stderr.strip()[-300:]})\n"
    data = json.loads(proc.stdout)
    n, total = len(files), data["total"]
    model = data["seconds"].pop("document model", 0.0)
    in_rules = sum(data["seconds"].values())
    out = [f"Lint only (CPU time), one process, {n} realistic reports: {1000 * total / n:.1f} ms per report: "
           f"{1000 * in_rules / n:.1f} ms in the rules' checks, {1000 * model / n:.1f} ms building the document "
           f"model they share (lines, blocks, sentences, clauses, metadata), the rest reading, decoding, "
           f"choosing the document kind and sorting. Word segmentation (jieba) and other caches are "
           f"charged to the first rule that asks for them.", "",
           "| rule | ms per report | share of lint | findings per report |", "|---|---|---|---|"]
    for code, seconds in Counter(data["seconds"]).most_common(top):
        out.append(f"| {code} | {1000 * seconds / n:.2f} | {100 * seconds / total:.1f} % | "
                   f"{data['found'].get(code, 0) / n:.1f} |")
    return "\n".join(out) + "\n"


# argv: STATS_FILE lawlint-arguments...  ``python -m cProfile -o STATS_FILE -m lawlint ...``.
# (Its clock is the wall clock: a CPU-time clock is a system call on Linux and would make
# the profiler's overhead swamp functions called millions of times, such as the JSON encoder's.)
_PROFILER = r"""
import cProfile, runpy, sys
stats_file = sys.argv[1]
sys.argv = ["lawlint", *sys.argv[2:]]
profiler = cProfile.Profile()
profiler.enable()
try:
    runpy.run_module("lawlint", run_name="__main__", alter_sys=True)
except SystemExit:
    pass
finally:
    profiler.disable()
    profiler.dump_stats(stats_file)
"""


def profile(files: list[Path], out: Path, top: int = 15) -> str:
    """cProfile of ``lawlint check --format json -j 1`` on ``files``: the top functions by
    cumulative and by total (own) time, as text."""
    import io
    import pstats

    stats_file = out / "profile.pstats"
    command = [sys.executable, "-c", _PROFILER, str(stats_file),
               "check", "--no-cache", "--isolated", "--format", "json", "-j", "1", *map(str, files)]
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.run(command, stdout=sink, stderr=subprocess.PIPE)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"profiling failed: {proc.stderr.decode()[-500:]}")
    elapsed = time.perf_counter() - start
    text = io.StringIO()
    text.write(f"cProfile, {len(files)} realistic reports, `lawlint check --isolated --format json -j 1`: "
               f"{elapsed:.1f} s wall under the profiler.\n")
    stats = pstats.Stats(str(stats_file), stream=io.StringIO())
    total = max(ct for _, _, _, ct, _ in stats.stats.values())
    entry = ("runpy", "/click/", "lawlint/__main__.py", "lawlint/command.py", "lawlint/cli.py")

    def row(func, primitive, calls, tottime, cumtime) -> str:
        filename, line, name = func
        ncalls = f"{calls}/{primitive}" if calls != primitive else str(calls)
        where = name if filename == "~" else f"{Path(filename).name}:{line}({name})"
        return f"{ncalls:>14} {tottime:8.3f} {cumtime:8.3f} {100 * cumtime / total:5.1f}%  {where}\n"

    header = f"{'ncalls':>14} {'tottime':>8} {'cumtime':>8} {'cum %':>6}  function\n"
    for key, label in (("cumulative", "cumulative"), ("tottime", "total (own)")):
        text.write(f"\nTop {top} by {label} time (the entry chain — runpy, click, cli — left out):\n\n```\n{header}")
        ranked = sorted(stats.stats.items(), key=lambda item: -item[1][3 if key == "cumulative" else 2])
        shown = 0
        for func, (primitive, calls, tottime, cumtime, _) in ranked:
            if any(part in func[0] for part in entry) or func[2] in ("<module>", "<built-in method builtins.exec>"):
                continue
            text.write(row(func, primitive, calls, tottime, cumtime))
            shown += 1
            if shown == top:
                break
        text.write("```\n")
    modules: Counter = Counter()
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():
        if "/lawlint/" in filename:
            modules[filename.split("/lawlint/", 1)[1]] += tottime
    text.write(f"\nOwn time by lawlint module (the time spent in its lines, not in what they call), top {top}:\n\n")
    text.write("| module | own time | share of the run |\n|---|---|---|\n")
    for module, seconds in modules.most_common(top):
        text.write(f"| {module} | {seconds:.3f} s | {100 * seconds / total:.1f} % |\n")
    return text.getvalue()


def realistic_main(args) -> None:
    if not Path("/proc/self/status").exists():
        raise SystemExit("--realistic samples /proc: Linux only")
    corpus = args.out / f"realistic-{args.count}x{args.chars}-seed{args.seed}"
    shutil.rmtree(corpus, ignore_errors=True)  # sources may have changed: always rebuilt (a few seconds)
    generate_realistic(corpus, args.count, args.chars, args.seed, args.source)
    files = sorted(corpus.glob("*.txt"))
    characters = sum(len(f.read_text(encoding="utf-8")) for f in files)
    import lawlint

    compileall.compile_dir(Path(lawlint.__file__).parent, quiet=1)
    run([*LAWLINT, "check", "--no-cache", "--isolated", "--quiet", str(files[0])])  # lawlint's cache built, OS cache warm
    jobs = len(os.sched_getaffinity(0))
    print(f"Corpus: {len(files)} realistic reports, {characters:,} characters, seed {args.seed}, paragraphs from "
          f"{', '.join(map(str, args.source)) or 'the generator only'} ({corpus}).")
    print(f"Machine: {platform.python_implementation()} {platform.python_version()}, {jobs} CPUs, "
          f"{platform.machine()}, {time.strftime('%Y-%m-%d %H:%M')}, load average at start "
          f"{os.getloadavg()[0]:.1f}; lawlint {_git_commit()}, autocorrect-py {_peer_version() or 'not installed'}.")
    if not args.profile_only:
        _timed(args, corpus, files)
    if args.instructions:
        print()
        print(instructions(files))
    if args.profile:
        print()
        with tempfile.TemporaryDirectory() as tmp:
            print(profile(files[:args.profile], Path(tmp)))
        print(rule_times(files[:args.profile]))


def _instructions(command: list[str]) -> int:
    proc = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    found = re.search(r"Collected : (\d+)", proc.stderr)
    if found is None:
        raise SystemExit(f"valgrind did not report a count: {proc.stderr.strip()[-300:]}")
    return int(found[1])


def instructions(files: list[Path], count: int = 20) -> str:
    """Machine instructions per report, lawlint (JSON, one process) and autocorrect-py (one
    process): the difference between a run on ``count + 1`` reports and a run on the first.
    Unlike seconds, the count does not change with the machine's load or speed."""
    lawlint = [*LAWLINT, "check", "--no-cache", "--isolated", "--format", "json", "-j", "1"]
    rows = [("lawlint `check --format json -j 1`", lawlint)]
    if _peer_version() is not None:
        rows.append(("autocorrect-py, 1 process", PEER))
    out = [f"Machine instructions per report (valgrind callgrind; run on {count + 1} reports minus run on 1):", "",
           "| program | instructions per report |", "|---|---|"]
    counted = []
    for label, command in rows:
        each = (_instructions([*command, *map(str, files[:count + 1])])
                - _instructions([*command, str(files[0])])) / count
        counted.append(each)
        out.append(f"| {label} | {each / 1e6:,.1f} M |")
    if len(counted) == 2:
        out += ["", f"Ratio lawlint/autocorrect-py in instructions: {counted[0] / counted[1]:.1f}."]
    return "\n".join(out)


def _timed(args, corpus: Path, files: list[Path]) -> None:
    json_out = args.out / "realistic-lawlint.json"
    commands = [("`lawlint check --format json -j 2`", "json",
                 [*LAWLINT, "check", "--no-cache", "--isolated", "--format", "json", "-j", "2", str(corpus)], json_out),
                ("`lawlint check --quiet -j 2`", "quiet",
                 [*LAWLINT, "check", "--no-cache", "--isolated", "--quiet", "-j", "2", str(corpus)], os.devnull)]
    peer = _peer_version() is not None
    if peer:
        commands += [("autocorrect-py, 1 process", "peer1", [*PEER, str(corpus)], args.out / "realistic-peer.json"),
                     ("autocorrect-py, 2 processes", "peer2", [*PEER, str(corpus), "-j", "2"], os.devnull)]
    results: dict[str, list[dict]] = {key: [] for _, key, _, _ in commands}
    for _ in range(args.repeat):  # interleaved: a change in the machine's load touches every command
        for _, key, command, output in commands:
            results[key].append(run(command, output))
    found, by_rule = lawlint_findings(json_out)
    peer_found = json.loads(Path(args.out / "realistic-peer.json").read_text(encoding="utf-8"))["count"] if peer else 0
    counts = {"json": found, "quiet": found, "peer1": peer_found, "peer2": peer_found}

    print(f"Findings per report (lawlint's JSON): {found / len(files):.0f}; by rule: "
          + ", ".join(f"{code} {n / len(files):.0f}" for code, n in by_rule.most_common(8)) + ".")
    if peer:
        print(f"autocorrect-py: {peer_found / len(files):.0f} lines to change per report "
              "(it reports a line once, whatever it changes in it).")
    print(f"Load average at end {os.getloadavg()[0]:.1f}. {args.repeat} run(s) of each command, interleaved; "
          "times are the median (min–max), memory the highest of the runs; the CPU split between the "
          "parent and its workers is that of the fastest run.")
    print()
    print("| command | wall time | CPU time | CPU, parent / workers | peak RSS, parent | peak RSS, each worker | "
          "largest process | findings | findings/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, key, _, _ in commands:
        rows = results[key]
        walls = [r["wall"] for r in rows]
        workers = max((r["workers_kb"] for r in rows), key=lambda w: max(w, default=0))
        split = min(rows, key=lambda r: r["wall"])
        print(f"| {label} | {_seconds(walls)} | {_seconds([r['cpu'] for r in rows])} | "
              f"{split['cpu'] - split['workers_cpu']:.1f} / {split['workers_cpu']:.1f} s | "
              f"{_mb(max(r['parent_kb'] for r in rows))} | {', '.join(map(_mb, workers)) or '—'} | "
              f"{_mb(max(r['largest_kb'] for r in rows))} | {counts[key]:,} | "
              f"{counts[key] / statistics.median(walls):,.0f} |")
    if peer:
        print()
        for key, what in (("peer1", "1 process"), ("peer2", "2 processes")):
            for measure in ("wall", "cpu"):
                ratios = [a[measure] / b[measure] for a, b in zip(results["json"], results[key])]
                print(f"- lawlint `--format json -j 2` / autocorrect-py ({what}), {measure} time: "
                      f"{statistics.median(ratios):.1f} (runs: {', '.join(f'{r:.1f}' for r in ratios)})")
    json_out.unlink(missing_ok=True)

    print()
    print(f"One file, `lawlint check --isolated FILE`, {args.one_file_runs} runs each, fresh process each time:")
    print()
    print("| file | median wall | min | max | median CPU | peak RSS |")
    print("|---|---|---|---|---|---|")
    realistic_file = files[0]
    for label, path in ((f"realistic report ({realistic_file.name}, "
                         f"{len(realistic_file.read_text(encoding='utf-8')):,} characters)", realistic_file),
                        (f"clean report ({CLEAN_REPORT.relative_to(ROOT)})", CLEAN_REPORT)):
        rows = [run([*LAWLINT, "check", "--no-cache", "--isolated", str(path)]) for _ in range(args.one_file_runs)]
        walls = [r["wall"] for r in rows]
        print(f"| {label} | {statistics.median(walls):.3f} s | {min(walls):.3f} s | {max(walls):.3f} s | "
              f"{statistics.median(r['cpu'] for r in rows):.3f} s | {_mb(max(r['largest_kb'] for r in rows))} |")
