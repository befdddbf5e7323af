"""--write-baseline, --baseline, baseline: in the config, --show-stale."""
from __future__ import annotations

import json

import pytest

DRAFT = ("我们学习了法制建设的要求,推进了各项工作。\n"
         "全年召开会议三次。\n"
         "我们继续加强法制建设。\n")
SELECT = ("--isolated", "--select", "WD001,PU001", "-q")


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "稿件").mkdir()
    (tmp_path / "稿件" / "a.txt").write_text(DRAFT, encoding="utf-8")
    return tmp_path


def test_baseline_survives_a_line_added_above(cli, project):
    written = cli("check", *SELECT, "--write-baseline", "base.json", "稿件")
    assert written.code == 0 and "已把 3 个问题记入基线 base.json" in written.err
    entries = json.loads((project / "base.json").read_text(encoding="utf-8"))["findings"]
    assert [(e["path"], e["code"], e["index"]) for e in entries] == [
        ("稿件/a.txt", "WD001", 0), ("稿件/a.txt", "PU001", 0), ("稿件/a.txt", "WD001", 1)]  # same text: 2nd
    assert cli("check", *SELECT, "--baseline", "base.json", "稿件").code == 0

    (project / "稿件" / "a.txt").write_text("开头新加的一段话。\n\n" + DRAFT, encoding="utf-8")
    run = cli("check", *SELECT, "--baseline", "base.json", "稿件")
    assert run.code == 0 and run.out == ""


def test_only_new_findings_are_reported(cli, project):
    cli("check", *SELECT, "--write-baseline", "base.json", "稿件")
    (project / "稿件" / "a.txt").write_text(DRAFT + "新的一句,有半角逗号。\n", encoding="utf-8")
    run = cli("check", *SELECT, "--baseline", "base.json", "稿件")
    assert run.code == 1 and run.out.splitlines() == ["稿件/a.txt:4:5: PU001 [警告] 半角逗号“,”应为全角“，”"]


def test_a_second_identical_finding_is_new(cli, project):
    """Two findings with the same text are told apart by their order (occurrence index)."""
    cli("check", *SELECT, "--write-baseline", "base.json", "稿件")
    (project / "稿件" / "a.txt").write_text(DRAFT + "我们继续加强法制建设。\n", encoding="utf-8")
    run = cli("check", *SELECT, "--baseline", "base.json", "稿件")
    assert run.out.splitlines() == ["稿件/a.txt:4:7: WD001 [错误] 应写作“法治建设”，而非“法制建设”"]


def test_fixed_findings_drop_out_and_are_shown_stale(cli, project):
    cli("check", *SELECT, "--write-baseline", "base.json", "稿件")
    (project / "稿件" / "a.txt").write_text(DRAFT.replace("要求,推进", "要求，推进"), encoding="utf-8")
    run = cli("check", *SELECT, "--baseline", "base.json", "--show-stale", "稿件")
    assert run.code == 0 and run.out == ""
    assert "稿件/a.txt: PU001 基线中的条目已不存在（原在第 1 行" in run.err
    assert "基线中有 1 个条目已不存在" in run.err
    quiet = cli("check", *SELECT, "--baseline", "base.json", "稿件")
    assert "已不存在" not in quiet.err  # only with --show-stale
    # written again, the fixed one is gone
    cli("check", *SELECT, "--write-baseline", "base.json", "稿件")
    codes = [e["code"] for e in json.loads((project / "base.json").read_text(encoding="utf-8"))["findings"]]
    assert codes == ["WD001", "WD001"]


def test_baseline_from_the_config_relative_to_it(cli, project, monkeypatch):
    (project / ".lawlint.yaml").write_text("select: [WD001, PU001]\nbaseline: base.json\n", encoding="utf-8")
    cli("check", "-q", "--write-baseline", "base.json", "稿件")
    monkeypatch.chdir(project / "稿件")  # paths in the baseline are relative to its own folder
    run = cli("check", "-q", "a.txt")
    assert run.code == 0 and run.out == ""
    assert f"基线文件：{project / 'base.json'}" in cli("check", "--show-settings", "a.txt").out


def test_a_baseline_written_elsewhere_is_found_from_another_folder(cli, project, monkeypatch):
    cli("check", *SELECT, "--write-baseline", "base.json", "稿件")
    monkeypatch.chdir(project / "稿件")
    assert cli("check", *SELECT, "--baseline", "../base.json", "a.txt").out == ""


@pytest.mark.parametrize("content, said", [(None, "找不到基线文件"), ("{", "无法读取基线文件"),
                                           ('{"version": 1, "findings": [{"path": 1}]}', "格式不对")])
def test_a_bad_baseline_is_one_line_and_status_2(cli, project, content, said):
    if content is not None:
        (project / "base.json").write_text(content, encoding="utf-8")
    run = cli("check", *SELECT, "--baseline", "base.json", "稿件")
    assert run.code == 2 and said in run.err and len(run.err.strip().splitlines()) == 1


def test_show_stale_needs_a_baseline(cli, project):
    run = cli("check", *SELECT, "--show-stale", "稿件")
    assert run.code == 2 and "--show-stale" in run.err
