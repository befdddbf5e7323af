"""A broken plugin never stops the run with a traceback: its rule, its file or the plugin
itself is set aside with one clear line, and everything else is linted."""
import json

import pytest
from test_plugins import DRAFT, HEADER, install, site  # noqa: F401  (site is a fixture)

RULE = '''
class Broken(Rule):
    """坏规则。"""
    code, name, summary = "XE001", "broken-rule", "坏规则"
    severity = Severity.WARNING

    def check(self, doc):
{body}

@hookimpl
def register_rules():
    return [Broken]
'''


def plugin_file(tmp_path, source, name="agency_local.py"):
    path = tmp_path / name
    path.write_text(HEADER + "import sys\nfrom lawlint import Violation\n" + source, encoding="utf-8")
    return str(path)


def rule_plugin(tmp_path, body):
    return plugin_file(tmp_path, RULE.format(body="\n".join("        " + line for line in body.splitlines())))


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return str(path)


def report(run):
    assert "Traceback" not in run.err, run.err
    return json.loads(run.out)


@pytest.mark.parametrize("body, why", [
    ('yield "XE001 第1行有问题"', "产生了不是 Violation 的结果 'XE001 第1行有问题'"),
    ('yield Violation("XE001", "broken-rule", Severity.WARNING, "坏", None)', "问题的位置 span 应为 Span，实际为 None"),
    ('yield Violation("XE001", "broken-rule", "warning", "坏", Span(0, 1))', "严重程度应为 Severity，实际为 'warning'"),
    ("yield self.violation(Span(0, 10_000))", "问题的位置 0..10000 超出了文档"),
    ("sys.exit(3)\nyield", "调用了 sys.exit(3)"),
])
def test_a_rule_yielding_a_malformed_finding_or_exiting_fails_alone(cli, tmp_path, draft, body, why):
    run = cli("check", "--isolated", "--format", "json", "--select", "XE,DN", "--plugin",
              rule_plugin(tmp_path, body), draft)
    found = report(run)["violations"]
    assert [v["code"] for v in found] == ["XE001", "DN001"]  # the other rules ran
    broken = found[0]
    assert (broken["line"], broken["column"], broken["severity"]) == (1, 1, "error")
    assert broken["message"].startswith(f"规则 XE001（broken-rule）运行出错，已跳过本文件的这项检查：{why}")
    assert run.code == 1


def test_a_loader_that_raises_fails_its_file_alone(cli, site, tmp_path, draft):  # noqa: F811
    install(site, "agency-loader", "XL", "agency_loader", '''
    @hookimpl
    def register_file_types():
        return [".gwjson"]

    @hookimpl
    def load_document(path, data):
        if path.endswith(".gwjson"):
            raise KeyError("正文")
    ''')
    broken = tmp_path / "a.gwjson"
    broken.write_text("{}", encoding="utf-8")
    run = cli("check", "--isolated", "--format", "json", "--select", "DN", str(broken), draft)
    assert [f["path"] for f in report(run)["files"]] == [str(broken), draft]
    assert [v["path"] for v in report(run)["violations"]] == [draft]
    assert run.err == f"lawlint: 错误：{broken}: 插件 agency-loader 0.1 读取文件时出错：KeyError: '正文'\n"
    assert run.code == 2


def test_a_loader_that_exits_or_returns_no_document_fails_its_file_alone(cli, site, tmp_path, draft):  # noqa: F811
    install(site, "agency-loader2", "XM", "agency_loader2", '''
    import sys

    @hookimpl
    def load_document(path, data):
        if path.endswith(".exit"):
            sys.exit("bye")
        if path.endswith(".str"):
            return data.decode()
    ''')
    (tmp_path / "a.exit").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "b.str").write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--isolated", "--select", "DN", "--quiet", str(tmp_path / "a.exit"), str(tmp_path / "b.str"),
              draft)
    assert run.err.splitlines() == [
        f"lawlint: 错误：{tmp_path / 'a.exit'}: 插件 agency-loader2 0.1 读取文件时出错：调用了 sys.exit('bye')",
        f"lawlint: 错误：{tmp_path / 'b.str'}: 读取器返回的不是 lawlint.Document，而是 str"]
    assert run.out.startswith(f"{draft}:1:3: DN001") and run.code == 2


def test_sys_exit_when_an_installed_plugin_is_imported_is_a_warning(cli, site, draft):  # noqa: F811
    install(site, "exiting-agency", "XX", "agency_exiting", "import sys\nsys.exit(1)\n")
    run = cli("check", "--isolated", "--select", "DN001", draft)
    assert run.err == "lawlint: 警告：插件 exiting-agency 0.1（入口点 XX）加载失败，已跳过：调用了 sys.exit(1)\n"
    assert run.code == 1 and "DN001" in run.out


def test_sys_exit_in_a_hook_is_a_warning(cli, site, draft):  # noqa: F811
    install(site, "exiting-hook", "XH", "agency_exiting_hook",
            "import sys\n\n@hookimpl\ndef register_rules():\n    sys.exit(0)\n")
    run = cli("check", "--isolated", "--select", "DN001", draft)
    assert run.err == "lawlint: 警告：插件 exiting-hook 0.1（入口点 XH）注册时出错，已跳过：调用了 sys.exit(0)\n"
    assert run.code == 1 and "DN001" in run.out


@pytest.mark.parametrize("source, why", [
    ("raise RuntimeError('缺少数据文件')\n", "RuntimeError: 缺少数据文件"),
    ("sys.exit(2)\n", "调用了 sys.exit(2)"),
])
def test_a_plugin_file_that_fails_on_import_is_a_warning(cli, tmp_path, draft, source, why):
    path = plugin_file(tmp_path, source)
    run = cli("check", "--isolated", "--select", "DN001", "--plugin", path, draft)
    assert run.err == f"lawlint: 警告：插件 {path} 加载失败，已跳过：{why}\n"
    assert run.code == 1 and "DN001" in run.out
    required = cli("check", "--isolated", "--select", "DN001", "--plugin", path, "--require-plugins", path, draft)
    assert required.code == 2 and required.err.splitlines()[-1] == f"lawlint: 错误：插件 {path} 加载失败，已跳过：{why}"


def test_a_rule_that_cannot_be_created_is_one_line(cli, tmp_path, draft):
    path = plugin_file(tmp_path, RULE.format(body="        return []").replace(
        "    def check(self, doc):", "    def __init__(self, **options):\n        raise TypeError('缺少参数')\n\n"
                                   "    def check(self, doc):"))
    run = cli("check", "--isolated", "--plugin", path, draft)
    assert run.code == 2 and run.out == ""
    assert run.err == (f"lawlint: 错误：规则 XE001（broken-rule，来自 {path}）无法创建：TypeError: 缺少参数；"
                       "请向规则作者报告此问题\n")


def test_a_formatter_that_raises_is_one_line(cli, tmp_path, draft, monkeypatch):
    path = plugin_file(tmp_path, '''
from lawlint.output.formatters import Formatter

class Broken(Formatter):
    name = "broken"

    def file(self, result):
        raise ValueError("写不出来")

@hookimpl
def register_formatters():
    return [Broken]
''')
    run = cli("check", "--isolated", "--plugin", path, "--format", "broken", draft)
    assert run.code == 2 and run.err == ("lawlint: 错误：内部错误：ValueError: 写不出来（设置环境变量 LAWLINT_DEBUG=1 "
                                         "可看到调用栈；请报告此问题）\n")
    monkeypatch.setenv("LAWLINT_DEBUG", "1")
    with pytest.raises(ValueError):
        cli("check", "--isolated", "--plugin", path, "--format", "broken", draft)
