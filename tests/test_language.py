"""The interface language: click's texts and the severity tags in Chinese by default, in
English with LAWLINT_LANG=en or --lang en; the catalogue and its compiled form agree."""
import ast
import gettext
import os
import re

import pytest

from lawlint.engine.resources import data_root
from lawlint.output import interface

CATALOGUE = data_root() / "locale" / "zh" / "LC_MESSAGES"
DRAFT = "依据国办发[2024]第012号文件,现报告如下。\n"


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def _po_entries():
    """(msgid, msgid_plural, msgstr) of lawlint.po: one-line strings, as the file is written."""
    entries, current = [], {}
    for line in (CATALOGUE / "lawlint.po").read_text(encoding="utf-8").splitlines():
        m = re.match(r'^(msgid|msgid_plural|msgstr|msgstr\[0\]) (".*")$', line)
        if m:
            current[m[1].replace("[0]", "")] = ast.literal_eval(m[2])
            if m[1].startswith("msgstr"):
                entries.append((current["msgid"], current.get("msgid_plural"), current["msgstr"]))
                current = {}
    return entries[1:]  # the header


def test_the_compiled_catalogue_is_the_catalogue():
    with open(CATALOGUE / "lawlint.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    entries = _po_entries()
    assert len(entries) > 40
    for msgid, plural, msgstr in entries:
        if plural is None:
            assert compiled.gettext(msgid) == msgstr
        else:
            assert compiled.ngettext(msgid, plural, 1) == compiled.ngettext(msgid, plural, 5) == msgstr
        # a translation uses only the fields click fills in
        fields = set(re.findall(r"\{(\w+)", msgid + (plural or "")))
        assert set(re.findall(r"\{(\w+)", msgstr)) <= fields, msgid


@pytest.mark.parametrize("how", ["env", "option", "check-option"])  # the default: the other tests, in Chinese
def test_chinese_and_english(cli, draft, monkeypatch, how):
    def run(language, *args):
        if how == "env":
            monkeypatch.setenv("LAWLINT_LANG", language)
            return cli(*args)
        if how == "option":
            return cli("--lang", language, *args)
        return cli(args[0], "--lang", language, *args[1:])

    zh = run("zh", "check", "--isolated", "-q", "--select", "DN001,PU001", str(draft))
    assert zh.out.splitlines()[0].startswith(f"{draft}:1:3: DN001 [错误] ")
    assert zh.out.splitlines()[1].startswith(f"{draft}:1:19: PU001 [警告] ")
    usage = run("zh", "check", "--bogus")
    assert usage.code == 2
    assert usage.err.splitlines() == ["用法： lawlint check [OPTIONS] [PATHS]...",
                                      "用 “lawlint check --help” 查看帮助。", "",
                                      "错误：没有选项 '--bogus'。 （是不是：'--jobs', '--verbose'？）"]
    assert "错误：缺少参数 'RULE'." in run("zh", "explain").err
    helped = run("zh", "check", "-h").out
    assert helped.startswith("用法： lawlint check") and "\n选项：\n" in helped
    assert "显示本帮助并退出。" in helped and "[默认：text]" in helped
    assert run("zh", "check", "--isolated", str(draft.parent / "missing.txt")).err.startswith("lawlint: 错误：")

    en = run("en", "check", "--isolated", "-q", "--select", "DN001,PU001", str(draft))
    assert en.out.splitlines()[0].startswith(f"{draft}:1:3: DN001 [error] 发文字号")  # the message stays Chinese
    assert en.out.splitlines()[1].startswith(f"{draft}:1:19: PU001 [warning] ")
    usage = run("en", "check", "--bogus")
    if how == "check-option":  # the command line is read before the options act: this error is Chinese
        usage = cli("--lang", "en", "check", "--bogus")
    assert usage.err.splitlines() == ["Usage: lawlint check [OPTIONS] [PATHS]...",
                                      "Try 'lawlint check --help' for help.", "",
                                      "Error: No such option '--bogus'. (Did you mean one of: '--jobs', '--verbose'?)"]
    assert "Error: Missing argument 'RULE'." in run("en", "explain").err
    helped = run("en", "check", "-h").out
    assert helped.startswith("Usage: lawlint check") and "\nOptions:\n" in helped
    assert "Show this message and exit." in helped and "[default: text]" in helped
    assert run("en", "check", "--isolated", str(draft.parent / "missing.txt")).err.startswith("lawlint: error: ")


@pytest.mark.parametrize("language, tags", [("zh", ["[错误]", "[警告]", "[提示]"]), ("en", ["[error]", "[warning]", "[info]"])])
def test_every_severity_tag(language, tags):
    import io

    from lawlint.engine.linter import FileResult
    from lawlint.engine.results import Finding
    from lawlint.output.formatters import TextFormatter

    findings = [Finding("XX001", "x", severity, "说明", 0, 1, 1, 1, 1, 2) for severity in ("error", "warning", "info")]
    stream = io.StringIO()
    with interface.session(language):
        TextFormatter(stream, quiet=True).file(FileResult("d.txt", findings=findings))
    assert stream.getvalue().splitlines() == [f"d.txt:1:1: XX001 {tag} 说明" for tag in tags]


def test_the_version(cli, monkeypatch):
    assert cli("--version").out == "lawlint，版本 0.1.0\n"
    monkeypatch.setenv("LAWLINT_LANG", "en_US.UTF-8")
    assert cli("--version").out == "lawlint, version 0.1.0\n"
    assert interface.current() == "zh"  # outside a command: the default again


def test_an_unknown_language_is_a_warning_and_chinese(cli, monkeypatch):
    monkeypatch.setenv("LAWLINT_LANG", "fr")
    run = cli("--version")
    assert run.out == "lawlint，版本 0.1.0\n"
    assert run.err == "lawlint: 警告：环境变量 LAWLINT_LANG=fr 不是可用的界面语言（zh、en），使用中文\n"
    assert cli("--lang", "fr", "--version").code == 2


def test_a_command_leaves_gettext_and_the_environment_as_they_were(cli, monkeypatch):
    monkeypatch.setenv("LANGUAGE", "de")
    domain = gettext.textdomain()
    cli("--lang", "en", "check", "-h")
    assert gettext.textdomain() == domain and os.environ["LANGUAGE"] == "de"
    monkeypatch.delenv("LANGUAGE")
    cli("check", "-h")
    assert "LANGUAGE" not in os.environ and interface.current() == "zh"


@pytest.mark.parametrize("value, parsed", [(None, "zh"), ("", "zh"), ("en", "en"), ("EN", "en"), ("en-GB", "en"),
                                           ("zh_CN.UTF-8", "zh"), ("fr", None), ("english", None)])
def test_parse(value, parsed):
    assert interface.parse(value) == parsed
