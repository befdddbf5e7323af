"""Long fuzzing runs: tests/test_fuzz.py with many seeds and many examples.

    python bench/fuzz.py [--minutes 10] [--examples 2000] [--first-seed 1]

Runs the fuzz test again and again in fresh pytest processes, each with its own seed
(LAWLINT_FUZZ_SEED) and --examples examples per test (LAWLINT_FUZZ_EXAMPLES), until
--minutes have passed; stops at the first failure and prints it, with the seed that
reproduces it (hypothesis shrinks the document first):

    LAWLINT_FUZZ_SEED=17 LAWLINT_FUZZ_EXAMPLES=2000 python -m pytest tests/test_fuzz.py
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--examples", type=int, default=2000)
    parser.add_argument("--first-seed", type=int, default=1)
    args = parser.parse_args()
    deadline = time.monotonic() + args.minutes * 60
    seed, runs = args.first_seed, 0
    while time.monotonic() < deadline:
        env = dict(os.environ, LAWLINT_FUZZ_SEED=str(seed), LAWLINT_FUZZ_EXAMPLES=str(args.examples))
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider",
                               str(ROOT / "tests" / "test_fuzz.py")], cwd=ROOT, env=env, capture_output=True,
                              text=True, encoding="utf-8")
        runs += 1
        if proc.returncode != 0:
            print(proc.stdout[-6000:])
            print(f"seed {seed} failed: LAWLINT_FUZZ_SEED={seed} LAWLINT_FUZZ_EXAMPLES={args.examples} "
                  "python -m pytest tests/test_fuzz.py")
            return 1
        print(f"seed {seed}: {2 * args.examples} documents, no failure", flush=True)
        seed += 1
    print(f"{runs} runs, {runs * 2 * args.examples} documents, no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
