"""Peak memory and wall time of `lawlint check --format json` on large runs.

    python bench/memory.py [--count 5000] [--megabytes 10] [--out bench/out] [--only NAME]

Runs, each in a fresh process started from this script (stdout to a file):
  * reports:            --count generated reports (bench/generate.py), as written;
  * converted reports:  the same reports with their full-width commas made half-width, as a
                        PDF conversion leaves them: about 400 PU001 findings each, what makes
                        the JSON output large;
  * one document:       one --megabytes document of generated reports put end to end,
                        commas half-width (tens of thousands of findings in one file);
  * one line:           one --megabytes document on a single line (random common characters,
                        a malformed 发文字号 now and then), as tests/test_big_inputs.py builds.
For each: wall time, the peak resident set size of the lawlint process (VmHWM) and of the
largest worker process, sampled every 50 ms from /proc (Linux only), the largest peak the
kernel recorded for the process and its workers (wait4), and the size of the output.  Set
PYTHONPATH to another checkout to measure that one (the command is `python -m lawlint`, run
from the output folder).
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate, report

ROOT = Path(__file__).parent.parent
COMMON = ("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定"
          "行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些")


def _peak_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


def measure(args: list[str], out: Path) -> dict:
    """Run lawlint with ``args``; its wall time and peak memory (MB)."""
    start = time.perf_counter()
    with open(out, "wb") as stdout, open(out.with_suffix(".err"), "wb") as stderr:
        # run from the output folder: `python -m` puts the working directory first on sys.path,
        # and a checkout's own lawlint there would win over PYTHONPATH
        child = subprocess.Popen([sys.executable, "-m", "lawlint", *args], stdout=stdout, stderr=stderr,
                                 cwd=out.parent)
        parent, workers = 0, {}
        while True:
            parent = max(parent, _peak_kb(child.pid))
            for pid in _children(child.pid):
                workers[pid] = max(workers.get(pid, 0), _peak_kb(pid))
            finished, status, usage = os.wait4(child.pid, os.WNOHANG)
            if finished:
                break
            time.sleep(0.05)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"lawlint exited with {code}: {out.with_suffix('.err').read_text()[-500:]}")
    return {"seconds": seconds, "parent": parent / 1024, "worker": max(workers.values(), default=0) / 1024,
            "largest": usage.ru_maxrss / 1024, "output": out.stat().st_size / 1e6}


def corpus(folder: Path, count: int, converted: bool) -> Path:
    if not (folder / "done").exists():
        generate(folder, count)
        if converted:
            for path in folder.glob("*.txt"):
                path.write_text(path.read_text(encoding="utf-8").replace("，", ","), encoding="utf-8")
        (folder / "done").write_text("")
    return folder


def one_document(path: Path, megabytes: int) -> Path:
    if not path.exists():
        rng, parts, size = random.Random(3), [], 0
        while size < megabytes * 1_000_000:
            part = report(rng, 8000, rng.random() < 0.35).replace("，", ",")
            parts.append(part)
            size += len(part.encode("utf-8")) + 1
        path.write_text("\n".join(parts), encoding="utf-8")
    return path


def one_line(path: Path, megabytes: int) -> Path:
    if not path.exists():
        rng, parts, size = random.Random(7), [], 0
        while size < megabytes * 1_000_000:
            clauses = ["".join(rng.choices(COMMON, k=rng.randint(6, 18))) for _ in range(rng.randint(1, 4))]
            if rng.random() < 0.05:
                clauses.append("依据国办发[2024]第012号文件")
            part = "，".join(clauses) + "。"
            parts.append(part)
            size += len(part.encode("utf-8"))
        path.write_text("".join(parts), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--megabytes", type=int, default=10)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    parser.add_argument("--only", action="append", help="run only these (reports, converted, document, line)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    runs = {
        "reports": lambda: corpus(args.out / f"memory-{args.count}", args.count, False),
        "converted": lambda: corpus(args.out / f"memory-{args.count}-converted", args.count, True),
        "document": lambda: one_document(args.out / f"memory-{args.megabytes}mb.txt", args.megabytes),
        "line": lambda: one_line(args.out / f"memory-{args.megabytes}mb-line.txt", args.megabytes),
    }
    labels = {"reports": f"{args.count} reports", "converted": f"{args.count} reports, half-width commas",
              "document": f"one {args.megabytes} MB document, half-width commas",
              "line": f"one {args.megabytes} MB single-line document"}
    print("| run | wall time | peak RSS, lawlint | peak RSS, largest worker | largest (kernel) | JSON output |")
    print("|---|---|---|---|---|---|")
    for name, make in runs.items():
        if args.only and name not in args.only:
            continue
        target = make()
        m = measure(["check", "--no-cache", "--isolated", "--format", "json", str(target)], args.out / f"memory-{name}.json")
        worker = f"{m['worker']:.0f} MB" if m["worker"] else "—"
        print(f"| {labels[name]} | {m['seconds']:.1f} s | {m['parent']:.0f} MB | {worker} | {m['largest']:.0f} MB "
              f"| {m['output']:.1f} MB |", flush=True)
    print(f"\n{os.cpu_count()} CPUs; {sys.implementation.name} {sys.version.split()[0]}; {time.strftime('%Y-%m-%d')}")


if __name__ == "__main__":
    main()
