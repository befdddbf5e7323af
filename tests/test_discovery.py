"""Which configuration a file gets: the nearest one above it, never above the repository
root or the home folder, never one another user may have planted; --show-settings and
--verbose say which."""
import json
import os

import pytest

DRAFT = ("青山县司法局2024年度法治政府建设工作报告\n"
         "一、2024年推进法治政府建设的主要举措和成效\n"
         "全年办理行政许可事项214件，按期办结率100%。全年办理行政许可事项214件，按期办结率100%。\n"
         "依据青政办发[2023]第07号文件。\n"
         "青山县司法局\n"
         "2025年3月5日\n")


def draft(folder, name="报告.txt"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(DRAFT, encoding="utf-8")
    return str(folder / name)


def config(folder, text, name=".lawlint.yaml"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def codes_by_file(run):
    found = {}
    for v in json.loads(run.out)["violations"]:
        found.setdefault(v["path"], set()).add(v["code"])
    return {path: sorted(codes) for path, codes in found.items()}


def codes_of(cli, path, *args):
    run = cli("check", "--format", "json", *args, path)
    assert "Traceback" not in run.err
    return sorted({v["code"] for v in json.loads(run.out)["violations"]})


@pytest.mark.parametrize("marker", [".git", ".hg"])
def test_discovery_stops_at_the_repository_root(cli, tmp_path, monkeypatch, marker):
    config(tmp_path, "select: [DN]\n")                  # above the repository: not this project's
    (tmp_path / "repo" / marker).mkdir(parents=True)
    path = draft(tmp_path / "repo" / "drafts")
    monkeypatch.chdir(tmp_path / "repo" / "drafts")
    assert "ST001" in codes_of(cli, path)
    config(tmp_path / "repo", "select: [DN]\n")         # at the root itself: found
    assert codes_of(cli, path) == ["DN001"]


def test_a_git_file_marks_a_root_too(cli, tmp_path):
    """Worktrees and submodules have a .git file, not a folder."""
    config(tmp_path, "select: [DN]\n")
    (tmp_path / "repo").mkdir()
    (tmp_path / "repo" / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")
    assert "ST001" in codes_of(cli, draft(tmp_path / "repo" / "sub"))


def test_discovery_stops_at_the_home_folder(cli, tmp_path, monkeypatch):
    config(tmp_path, "select: [DN]\n")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = draft(tmp_path / "home" / "drafts")
    assert "ST001" in codes_of(cli, path)
    config(tmp_path / "home", "select: [DN]\n")
    assert codes_of(cli, path) == ["DN001"]


def test_each_file_gets_the_nearest_configuration(cli, tmp_path, monkeypatch):
    config(tmp_path, "select: [DN]\n")
    config(tmp_path / "b", "select: [RP001]\n")
    a, b, c = draft(tmp_path / "a"), draft(tmp_path / "b"), draft(tmp_path / "b" / "c")
    monkeypatch.chdir(tmp_path / "a")  # the working directory does not decide
    run = cli("check", "--format", "json", a, b, c)
    assert codes_by_file(run) == {a: ["DN001"], b: ["RP001"], c: ["RP001"]}
    run = cli("check", "--format", "json", str(tmp_path))
    assert codes_by_file(run) == {a: ["DN001"], b: ["RP001"], c: ["RP001"]}
    run = cli("check", "--format", "json", "--config", str(tmp_path / ".lawlint.yaml"), a, b, c)
    assert codes_by_file(run) == {a: ["DN001"], b: ["DN001"], c: ["DN001"]}


def test_the_nearest_configuration_in_a_parallel_run(cli, tmp_path):
    config(tmp_path / "one", "select: [DN]\n")
    config(tmp_path / "two", "select: [RP001]\nfail-on: error\n")
    for i in range(10):
        draft(tmp_path / "one", f"{i}.txt")
        draft(tmp_path / "two", f"{i}.txt")
    serial = cli("check", "--format", "json", "-j", "1", str(tmp_path))
    parallel = cli("check", "--format", "json", "-j", "2", str(tmp_path))
    assert parallel.out == serial.out and parallel.code == serial.code == 1
    assert {tuple(codes) for codes in codes_by_file(parallel).values()} == {("DN001",), ("RP001",)}
    # fail-on is each configuration's own: RP001 (a warning) does not fail the files under two/
    assert cli("check", str(tmp_path / "two")).code == 0


def test_a_folders_plugins_do_not_reach_another_folder(cli, tmp_path):
    plugin = tmp_path / "one" / "rules.py"
    plugin.parent.mkdir()
    plugin.write_text(
        "from lawlint import Rule, Span, hookimpl\n"
        "class Local(Rule):\n"
        "    '''本地规则。'''\n"
        "    code, name, summary = 'QL001', 'local-rule', '本地规则'\n"
        "    def check(self, doc):\n"
        "        yield self.violation(Span(0, 1))\n"
        "@hookimpl\n"
        "def register_rules():\n"
        "    return [Local]\n", encoding="utf-8")
    config(tmp_path / "one", "plugins: [rules.py]\nselect: [QL, DN]\n")
    config(tmp_path / "two", "select: [DN]\n")
    one, two = draft(tmp_path / "one"), draft(tmp_path / "two")
    assert codes_by_file(cli("check", "--format", "json", one, two)) == {one: ["DN001", "QL001"], two: ["DN001"]}
    assert codes_by_file(cli("check", "--format", "json", two, one)) == {one: ["DN001", "QL001"], two: ["DN001"]}


# -- configurations another user may have planted -----------------------------------------
PLANTED = "select: [PU]\nplugins: [planted.py]\n"
PLUGIN = "import pathlib\npathlib.Path(__file__).with_name('ran').write_text('yes')\n"


@pytest.fixture
def shared(tmp_path):
    """A shared folder holding a configuration and the plugin it names, and a draft below."""
    config(tmp_path / "shared", PLANTED)
    (tmp_path / "shared" / "planted.py").write_text(PLUGIN, encoding="utf-8")
    return tmp_path / "shared", draft(tmp_path / "shared" / "work")


def test_a_configuration_owned_by_another_user_is_refused(cli, shared, monkeypatch):
    folder, path = shared
    planted = folder / ".lawlint.yaml"
    if os.geteuid() == 0:  # root may give the file away (root's own files are trusted)
        os.chown(planted, 4242, -1)
    else:  # a user may not: this user is then someone else
        monkeypatch.setattr(os, "geteuid", lambda: os.stat(planted).st_uid + 4242)
    owner = os.stat(planted).st_uid
    run = cli("check", "--format", "json", path)
    assert run.err == (f"lawlint: 警告：配置文件 {planted} 属于其他用户（uid {owner}），可能是别人"
                       f"放置的，已忽略（不用其中的任何设置和插件）；确认可信后可用 --config {planted} 指定\n")
    assert not (folder / "ran").exists()           # its plugin never ran
    assert "ST001" in {v["code"] for v in json.loads(run.out)["violations"]}  # its select was not used


def test_a_configuration_anybody_may_write_is_refused(cli, shared):
    folder, path = shared
    (folder / ".lawlint.yaml").chmod(0o666)
    run = cli("check", "--format", "json", path, str(folder / "work" / "报告.txt"))
    assert run.err.count("\n") == 1  # warned once for the two files
    assert run.err.startswith(f"lawlint: 警告：配置文件 {folder / '.lawlint.yaml'} 所有用户都可以修改，可能是别人放置的")
    assert not (folder / "ran").exists()
    assert "ST001" in {v["code"] for v in json.loads(run.out)["violations"]}
    # named with --config, the user vouches for it
    run = cli("check", "--format", "json", "--config", str(folder / ".lawlint.yaml"), path)
    assert run.err == "" and (folder / "ran").exists()
    assert {v["code"] for v in json.loads(run.out)["violations"]} <= {"PU001", "PU002", "PU003", "PU004", "PU005",
                                                                     "PU006", "PU007", "PU008", "PU009", "PU010"}


def test_a_root_owned_configuration_is_trusted(tmp_path, monkeypatch):
    from lawlint.engine.config import distrust

    path = config(tmp_path, "select: [DN]\n")
    if os.stat(path).st_uid != 0:
        pytest.skip("needs a file owned by root")
    monkeypatch.setattr(os, "geteuid", lambda: 4242)
    assert distrust(path) is None


# -- saying which configuration is used ---------------------------------------------------
def test_verbose_names_the_configuration(cli, tmp_path):
    path = config(tmp_path, "select: [DN]\n")
    one = draft(tmp_path / "a")
    run = cli("check", "--verbose", "--quiet", one)
    assert run.err == f"lawlint: 配置文件：{path}；1 个文件\n"
    run = cli("check", "-v", "--quiet", "--isolated", one)
    assert run.err == "lawlint: 配置文件：无（--isolated：忽略配置文件，使用默认设置）；1 个文件\n"


def test_show_settings(cli, tmp_path):
    path = config(tmp_path, "select: [DN, RP001]\nrules:\n  RP001: {min_chars: 16, severity: info}\nfail-on: error\n"
                            "per-file-ignores:\n  'a/*': [RP]\nmax-size: 5\n")
    one = draft(tmp_path / "a")
    run = cli("check", "--show-settings", one)
    assert run.code == 0 and run.err == ""
    lines = [line.split("（可用：")[0] for line in run.out.splitlines()]
    assert lines[:9] == [
        f"{one}：",
        f"  配置文件：{path}",
        "  文档类型：自动识别：fazhi-report",
        "  fail-on：error",
        "  文件大小上限：5 MB",
        "  规则包：hygiene、numbers、punctuation、structure、wording",
        "  插件：无",
        "  本文件不检查（per-file-ignores）：RP",
        "  启用的规则（2 条）：",
    ]
    assert lines[9] == "    DN001  malformed-doc-number  error"
    assert lines[10] == "    RP001  duplicate-sentence  info  min_chars=16  far_min_chars=20  passage_sentences=4"
    run = cli("check", "--show-settings", "--isolated", "--profile", "gongwen", "--select", "DN001", one)
    assert run.out.splitlines()[1:3] == ["  配置文件：无（--isolated：忽略配置文件，使用默认设置）", "  文档类型：gongwen（指定）"]
