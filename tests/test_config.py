"""Configuration files: discovery, every key, and one clear error for each mistake."""
import json

import pytest

DRAFT = ("青山县司法局2024年度法治政府建设工作报告\n"
         "一、2024年推进法治政府建设的主要举措和成效\n"
         "全年办理行政许可事项214件，按期办结率100%。全年办理行政许可事项214件，按期办结率100%。\n"
         "依据青政办发[2023]第07号文件。\n"
         "青山县司法局\n"
         "2025年3月5日\n")


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "报告.txt").write_text(DRAFT, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "drafts")
    return tmp_path


def codes(cli, *args):
    run = cli("check", "--format", "json", *args, "报告.txt")
    return sorted(v["code"] for v in json.loads(run.out)["violations"])


def write(project, text, name=".lawlint.yaml"):
    (project / name).write_text(text, encoding="utf-8")


def test_found_upward_from_the_working_directory(cli, project):
    assert "ST001" in codes(cli)
    write(project, "select: [DN, DT003]\n")
    assert codes(cli) == ["DN001", "DT003"]


def test_isolated_ignores_it(cli, project):
    write(project, "select: [DN]\n")
    assert "ST001" in codes(cli, "--isolated")


def test_pyproject_table(cli, project):
    write(project, '[tool.lawlint]\nselect = ["DN"]\nignore = []\n', name="pyproject.toml")
    assert codes(cli) == ["DN001"]


def test_config_option_names_a_file(cli, project, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("select: [RP001]\n", encoding="utf-8")
    assert codes(cli, "--config", str(other)) == ["RP001"]


def test_command_line_select_replaces_and_ignore_adds(cli, project):
    write(project, "select: [DN]\nignore: [RP]\n")
    assert codes(cli, "--select", "RP,DT003") == ["DT003"]


def test_rule_options_and_severity(cli, project):
    write(project, "select: [RP001, DN001]\nrules:\n  duplicate-sentence: {min_chars: 40}\n  DN001: {severity: info}\n")
    run = cli("check", "--format", "json", "报告.txt")
    assert [(v["code"], v["severity"]) for v in json.loads(run.out)["violations"]] == [("DN001", "info")]
    assert run.code == 0  # info is below the default fail-on (warning)


def test_fail_on(cli, project):
    write(project, "select: [DT003]\nfail-on: error\n")
    assert cli("check", "报告.txt").code == 0


def test_per_file_ignores(cli, project):
    write(project, 'per-file-ignores:\n  "drafts/*": [ST, DT]\n  "*.md": [DN]\n')
    assert codes(cli) == ["DN001", "RP001"]


def test_deadlines_override_the_profile(cli, project):
    write(project, 'select: [DT003]\ndeadlines:\n  signing: {department: "03-10"}\n')
    assert codes(cli) == []


def test_profile(cli, project):
    write(project, "select: [ST001]\nprofile: gongwen\n")
    assert codes(cli) == []


@pytest.mark.parametrize("text, message", [
    ("selcet: [ST]\n", ".lawlint.yaml:1: 未知的键 “selcet”"),
    ("select: ST\n", ".lawlint.yaml:1: “select” 应为字符串列表"),
    ("select: [XX]\n", ".lawlint.yaml 中的 select: 未知的规则代码或名称 “XX”"),
    ("rules:\n  nothing-like-this: {}\n", "未知的规则 “nothing-like-this”"),
    ("rules:\n  RP001: {min_chars: many}\n", "规则 RP001 的选项 “min_chars”应为整数"),
    ("rules:\n  RP001: {max_chars: 3}\n", "规则 RP001（duplicate-sentence）没有选项 “max_chars”"),
    ("rules:\n  RP001:\n    severity: fatal\n", ".lawlint.yaml:3: 无效的严重程度 'fatal'"),
    ("fail-on: always\n", ".lawlint.yaml:1: fail-on：无效的严重程度 'always'（可选 error、warning、info）"),
    ("deadlines:\n  signing: {department: 3月1日}\n", ".lawlint.yaml:2: 期限应写作 “MM-DD”"),
    ("profile: nonsense\n", "未知的文档类型 “nonsense”"),
    ("per-file-ignores:\n  '*.txt': [QQ]\n", "per-file-ignores: 未知的规则代码或名称 “QQ”"),
    ("select: [ST\n", ".lawlint.yaml:2: YAML 语法错误"),
    ("select: []\n", ".lawlint.yaml:1: “select” 是空列表"),
    ("deadlines:\n  signing: {department: '02-30'}\n", ".lawlint.yaml:2: 期限 “02-30” 不是每年都有的日期"),
    ("deadlines:\n  publication: '02-29'\n", ".lawlint.yaml:2: 期限 “02-29” 不是每年都有的日期"),
    ("deadlines:\n  publication: '04-31'\n", ".lawlint.yaml:2: 期限 “04-31” 不是每年都有的日期"),
    ("rules:\n  RP001: {severity: [" + "很长的值, " * 5000 + "]}\n", "无效的严重程度 ['很长的值', '很长的值', '很长的值', '很长的值', '很长的值', '很长的值', ...]"),
    ("a: &a [1, 2]\nselect: &s [*s]\n", ".lawlint.yaml:2: YAML 别名引用了包含它自己的值"),
    ("select: " + "[" * 5000 + "]" * 5000 + "\n", ".lawlint.yaml"),
    ("- just\n- a list\n", ".lawlint.yaml:1: 内容应为映射"),
])
def test_broken_config_is_one_line_and_exit_2(cli, project, text, message):
    write(project, text)
    run = cli("check", "报告.txt")
    assert run.code == 2 and run.out == ""
    assert len(run.err.strip().splitlines()) == 1 and message in run.err, run.err


def test_broken_pyproject(cli, project):
    write(project, '[tool.lawlint]\nselect = "DN"\n', name="pyproject.toml")
    run = cli("check", "报告.txt")
    assert run.code == 2 and "pyproject.toml [tool.lawlint.select]: “select” 应为字符串列表" in run.err


def test_profiles_from_the_config(cli, project):
    (project / "本省.yml").write_text(
        "name: jiangnan\ntitle: 江南省法治政府建设年度报告\nextends: fazhi-report\n"
        "parts:\n  items:\n    - {id: demo, name: 示范创建情况, headings: [示范创建]}\n", encoding="utf-8")
    write(project, "profiles: [本省.yml]\nprofile: jiangnan\nselect: [ST001]\n")
    run = cli("check", "--format", "json", "报告.txt")
    assert [v["message"][:10] for v in json.loads(run.out)["violations"]][-1] == "缺少“示范创建情况”"


BOMB = "".join(f"{name}: &{name} [{', '.join([f'*{previous}'] * 10)}]\n"
               for previous, name in zip("abcdefghi", "bcdefghij")).replace("*a", "x")


def test_a_yaml_alias_bomb_is_refused_at_once(cli, project):
    """Nested aliases: 500 bytes that expand to a billion values.  Refused before anything
    builds or shows the value, with the file and the line."""
    import time

    text = BOMB + "select: *j\n"
    assert len(text.encode()) < 600
    write(project, text)
    started = time.monotonic()
    run = cli("check", "报告.txt")
    assert time.monotonic() - started < 5
    assert run.code == 2 and run.out == "" and len(run.err.strip().splitlines()) == 1
    assert ".lawlint.yaml:" in run.err and "YAML 内容过多" in run.err and len(run.err) < 300


def test_values_in_error_messages_are_cut_short(cli, project):
    """A value just under the limit is shown in a few dozen characters, not in full."""
    write(project, "rules:\n  RP001:\n    min_chars: [&a [" + ", ".join(["很长的值"] * 1000) + "]"
                   + ", *a" * 9 + "]\n")
    run = cli("check", "报告.txt")
    assert run.code == 2 and len(run.err) < 600 and "规则 RP001 的选项 “min_chars”应为整数" in run.err


# -- configurations that used to crash ------------------------------------------------------
@pytest.mark.parametrize("text", ["tool = 1\n", "tool = 'lawlint'\n", "[tool]\nlawlint = [1, 2]\n"])
def test_a_pyproject_whose_tool_is_not_a_table_is_not_a_lawlint_config(cli, project, text):
    write(project, text, name="pyproject.toml")
    run = cli("check", "--format", "json", "报告.txt")
    if "lawlint =" in text:  # a [tool.lawlint] that is not a table: one line, exit 2
        assert run.code == 2 and run.err.strip() == (
            f"lawlint: 错误：{project / 'pyproject.toml'} [tool.lawlint]: 内容应为映射（键: 值），实际为 列表 [1, 2]")
    else:  # another program's business: lawlint lints with its defaults
        assert run.code == 1 and run.err == "" and "ST001" in {v["code"] for v in json.loads(run.out)["violations"]}


def test_a_missing_profiles_file_is_one_line(cli, project):
    write(project, "profiles: [本省.yml]\n")
    run = cli("check", "报告.txt")
    assert run.code == 2 and run.out == ""
    assert run.err == f"lawlint: 错误：.lawlint.yaml 中的 profiles: 找不到文档类型文件 {project / '本省.yml'}\n"


def test_a_profiles_file_that_is_not_utf8_is_one_line(cli, project):
    (project / "本省.yml").write_bytes("name: 本省\n".encode("gbk"))
    write(project, "profiles: [本省.yml]\n")
    run = cli("check", "报告.txt")
    assert run.code == 2 and run.err == (f"lawlint: 错误：{project / '本省.yml'}: 第 6 字节处不是 UTF-8 编码，"
                                         "请另存为 UTF-8 的文档类型文件\n")


def test_the_working_directory_deleted(cli, tmp_path, monkeypatch):
    report = tmp_path / "报告.txt"
    report.write_text(DRAFT, encoding="utf-8")
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    run = cli("check", "--format", "json", str(report))  # no config to find from here: the defaults
    assert run.code == 1 and run.err == "" and json.loads(run.out)["files"][0]["path"] == str(report)
    run = cli("check")
    assert run.code == 2 and run.out == ""
    assert run.err == "lawlint: 错误：当前目录已不存在（已被删除或移走）：请换一个目录，或给出要检查的文件或目录\n"
    assert cli("rules").code == 0


@pytest.fixture
def homeless(monkeypatch):
    """No HOME, and no passwd entry for this user (as in a container run with an arbitrary uid)."""
    import pwd

    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_entry)


def test_no_home_folder_config_discovery(cli, project, homeless):
    from lawlint.engine.config import home_folder

    assert home_folder() is None
    write(project, "select: [DN]\n")
    assert codes(cli) == ["DN001"]


_HOMELESS_RUN = """
import pwd, sys
def no_entry(uid):
    raise KeyError(uid)
pwd.getpwuid = no_entry
from lawlint.cli import main
sys.argv = ["lawlint", *sys.argv[1:]]
sys.exit(main())
"""


def test_no_home_folder_every_rule_runs(project):
    """The lawlint command in a fresh process: nothing cached, no HOME, no passwd entry."""
    import os
    import subprocess
    import sys

    (project / "drafts" / "报告.txt").write_text(DRAFT + "这个机关发佈了通知。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("HOME", "LAWLINT_CACHE_DIR", "XDG_CACHE_HOME")}
    proc = subprocess.run([sys.executable, "-c", _HOMELESS_RUN, "check", "--isolated", "--format", "json", "报告.txt"],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=project / "drafts")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "运行出错" not in proc.stdout
