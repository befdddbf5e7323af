"""The code passes ruff with the rules chosen in pyproject.toml ([tool.ruff]); CI runs the
same check, and ruff is in the test extras so that every developer's suite runs it too."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_ruff_finds_nothing():
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                         cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
