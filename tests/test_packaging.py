"""The built wheel carries lawlint/data and works without the source tree."""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    [built] = out.glob("lawlint-*.whl")
    return built


def test_wheel_contains_the_data_folder(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {p.relative_to(ROOT).as_posix() for p in (ROOT / "lawlint" / "data").rglob("*.yml")}
    assert len(shipped) > 30 and shipped <= set(names)
    assert "lawlint/data/locale/zh/LC_MESSAGES/lawlint.mo" in names  # click's texts in Chinese


def test_wheel_finds_its_data_without_the_checkout(wheel, tmp_path):
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    draft = tmp_path / "draft.txt"
    draft.write_text("依据国办发[2024]第012号文件。\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    where = subprocess.run([sys.executable, "-c", "import lawlint.engine.resources as r; print(r.data_root())"],
                           capture_output=True, text=True, cwd=tmp_path, env=env, check=True).stdout.strip()
    assert Path(where).is_relative_to(unpacked)
    proc = subprocess.run([sys.executable, "-m", "lawlint", "check", "--isolated", str(draft)],
                          capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, env=env)
    assert proc.returncode == 1 and "DN001" in proc.stdout, proc.stderr


def test_every_pre_commit_hook_entry_is_a_command():
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["lawlint", "lawlint-fix"]  # ids are permanent: only ever added
    for hook in hooks:
        program, command = hook["entry"].split()[:2]
        assert program == "lawlint" and command in ("check",)
        assert hook["language"] == "python"
