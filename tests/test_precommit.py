"""pre-commit, for real: a repository whose hooks point at this checkout refuses a defective draft.

pre-commit builds the hook's environment with pip, so this test needs the package
index (as any pre-commit user does the first time).
"""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES

ROOT = Path(__file__).parent.parent
DEFECTIVE = ("江门市科学技术局关于2019年度法治政府建设情况的报告\n"
             "依据江府办函〔2015236号文件开展工作。\n"
             "江门市科学技术局\n2020年1月10日\n")


def git(cwd, *args):
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
                          cwd=cwd, check=True, capture_output=True, text=True)


def snapshot(destination: Path) -> str:
    """This checkout's current files (committed or not) as a fresh repository; returns its HEAD."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "snapshot")
    return git(destination, "rev-parse", "HEAD").stdout.strip()


NEEDS_GIT = pytest.mark.skipif(shutil.which("git") is None or not (ROOT / ".git").exists(),
                               reason="needs git and a checkout")


def project_with_hook(tmp_path, extra: str = "", hook: str = "lawlint") -> tuple[Path, dict]:
    """A git repository whose .pre-commit-config.yaml uses this checkout's hook (installed)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    rev = snapshot(hooks)
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n-   repo: {hooks}\n    rev: {rev}\n    hooks:\n    -   id: {hook}\n{extra}", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}
    for name in ("PYTHONPATH", "LAWLINT_LOAD_PLUGINS"):
        env.pop(name, None)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project, env=env, check=True,
                   capture_output=True)
    return project, env


def commit(project, env, name, text):
    (project / name).write_text(text, encoding="utf-8")
    git(project, "add", "-A")
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                           "commit", "-m", f"add {name}"], cwd=project, env=env, capture_output=True,
                          text=True, encoding="utf-8")


@NEEDS_GIT
def test_hook_fails_on_a_defective_draft_and_passes_a_clean_one(tmp_path):
    project, env = project_with_hook(tmp_path)
    refused = commit(project, env, "报告.txt", DEFECTIVE)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "报告.txt:2:3: DN001 [错误]" in output and "应写作“江府办函〔2015〕236号”" in output

    (project / "报告.txt").unlink()
    accepted = commit(project, env, "规范.txt",
                      (FIXTURES / "clean" / "county-government-report.txt").read_text(encoding="utf-8"))
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert re.search(r"^lawlint\.+Passed$", output, re.M), output


@NEEDS_GIT
def test_agency_plugin_as_additional_dependency_flags_its_rule(tmp_path):
    plugin = tmp_path / "hooks" / "plugins" / "lawlint-example-agency"
    project, env = project_with_hook(tmp_path, f"        additional_dependencies: ['{plugin}']\n")
    refused = commit(project, env, "报告.txt",
                     "青山县司法局关于2024年度法治政府建设情况的报告\n全体执法人员持有效执法证上岗。\n"
                     "青山县司法局\n2025年2月10日\n")
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "报告.txt:2:10: XA201 [警告] 应写作“行政执法证”，而非“执法证”" in output


@NEEDS_GIT
def test_fix_hook_mends_the_draft_fails_once_and_the_second_commit_passes(tmp_path):
    project, env = project_with_hook(tmp_path, hook="lawlint-fix")
    clean = (FIXTURES / "clean" / "county-government-report.txt").read_text(encoding="utf-8")
    first, rest = clean.split("。", 1)
    assert "，" in first
    draft = first.replace("，", ",", 1) + "。" + rest  # one half-width comma between Han characters
    refused = commit(project, env, "报告.txt", draft)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert "files were modified by this hook" in output and "已自动修改 1 处" in output, output
    assert (project / "报告.txt").read_text(encoding="utf-8") == clean
    git(project, "add", "-A")
    accepted = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                               "commit", "-m", "fixed"], cwd=project, env=env, capture_output=True,
                              text=True, encoding="utf-8")
    output = accepted.stdout + accepted.stderr
    assert accepted.returncode == 0, output
    assert re.search(r"^lawlint \(fix\)\.+Passed$", output, re.M), output
