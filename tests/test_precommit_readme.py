"""The README's pre-commit snippets work as written: the `repo: local` one verbatim, the remote one
with its two placeholders (address and commit) filled in as the README says; both leave README.md alone."""
import os
import re
import subprocess
import sys
from pathlib import Path

from test_precommit import DEFECTIVE, NEEDS_GIT, ROOT, commit, git, snapshot

README_TEXT = "# 说明\n\n" + DEFECTIVE  # a defect lawlint would report, in a file the snippets exclude


def snippets() -> list[str]:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## pre-commit\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


def project_with(tmp_path, config: str) -> tuple[Path, dict]:
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])}
    for name in ("PYTHONPATH", "LAWLINT_LOAD_PLUGINS"):
        env.pop(name, None)
    subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=project, env=env, check=True,
                   capture_output=True)
    return project, env


def refuses_drafts_but_not_readmes(project, env, nested: bool):
    """The root README (and, with ``nested``, one in a folder) is not checked; a draft is."""
    if nested:
        (project / "docs").mkdir(exist_ok=True)
        (project / "docs" / "README.md").write_text(README_TEXT, encoding="utf-8")
    accepted = commit(project, env, "README.md", README_TEXT)
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    refused = commit(project, env, "报告.txt", DEFECTIVE)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0 and "报告.txt:2:3: DN001 [错误]" in output, output
    assert "README" not in output


def test_the_readme_has_the_two_snippets():
    local, remote = snippets()
    assert "repo: local" in local and "exclude:" in local
    assert re.search(r"^\s*rev: [0-9a-f]{40}\s", remote, re.M) and "exclude:" in remote


@NEEDS_GIT
def test_local_snippet_verbatim(tmp_path):
    project, env = project_with(tmp_path, snippets()[0])
    refuses_drafts_but_not_readmes(project, env, nested=False)


@NEEDS_GIT
def test_remote_snippet_with_its_placeholders_filled_in(tmp_path):
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    rev = snapshot(hooks)
    config = re.sub(r"(?m)^(-\s+repo: )\S+", lambda m: m[1] + str(hooks), snippets()[1])
    config = re.sub(r"(?m)^(\s+rev: )[0-9a-f]{40}", lambda m: m[1] + rev, config)
    assert str(hooks) in config and rev in config
    project, env = project_with(tmp_path, config)
    refuses_drafts_but_not_readmes(project, env, nested=True)
