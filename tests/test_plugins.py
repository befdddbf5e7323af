"""Plugins: every hook, prefixes, failures, local plugin files, ``lawlint plugins``.

Each hook in lawlint/hookspecs.py has a ``test_hook_<name>`` here and a section in
docs/plugins.md; the last two tests fail when one is missing (datasette does this).
"""
import importlib
import inspect
import json
import os
import re
import sys
import textwrap
from pathlib import Path

import pytest

from lawlint.engine import hookspecs
from lawlint.engine.linter import Linter
from lawlint.rule import ConfigError

ROOT = Path(__file__).parent.parent
DRAFT = "依据国办发[2024]第012号文件。\n"

RULE = '''
class {cls}(Rule):
    """{summary}"""
    code = "{code}"
    name = "{name}"
    summary = "{summary}"
    severity = Severity.WARNING

    def check(self, doc):
        {body}
'''
HEADER = "from lawlint import Rule, Severity, Span, hookimpl\n"


def rule_source(code, name, body="return []", cls="AgencyRule", summary="机关用语不规范"):
    return RULE.format(cls=cls, code=code, name=name, summary=summary, body=body)


def install(site, dist, prefix, module, source, files=None):
    """A fake installed distribution with a ``lawlint`` entry point (allowed to load)."""
    allowed = [n for n in os.environ.get("LAWLINT_LOAD_PLUGINS", "").split(",") if n]
    os.environ["LAWLINT_LOAD_PLUGINS"] = ",".join([*allowed, dist])
    info = site / f"{dist.replace('-', '_')}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[lawlint]\n{prefix} = {module}\n", encoding="utf-8")
    (site / f"{module}.py").write_text(HEADER + textwrap.dedent(source), encoding="utf-8")
    for name, text in (files or {}).items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWLINT_LOAD_PLUGINS", "")
    path = tmp_path / "site"
    path.mkdir()
    monkeypatch.syspath_prepend(str(path))
    importlib.invalidate_caches()
    yield path
    for name in [m for m in sys.modules if m.startswith("agency_")]:
        del sys.modules[name]


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return path


def codes(run):
    return sorted({v["code"] for v in json.loads(run.out)["violations"]})


# -- one test per hook ---------------------------------------------------------------------

def test_hook_register_rules(cli, site, draft):
    install(site, "agency-rules", "XA", "agency_rules",
            rule_source("XA101", "agency-term", "yield self.violation(Span(0, 2), '请使用本机关规范用语')")
            + "\n@hookimpl\ndef register_rules():\n    return [AgencyRule]\n")
    listed = cli("rules", "--isolated")
    assert re.search(r"^XA101\s+agency-term\s+warning\s+高\s+机关用语不规范\s+agency-rules$", listed.out, re.M)
    assert codes(cli("check", "--isolated", "--format", "json", "--select", "XA,DN", str(draft))) == ["DN001", "XA101"]


def test_hook_register_kinds(cli, site, draft):
    kind = '''
    import re
    from lawlint.kinds.base import YamlRule

    class LongSentence(YamlRule):
        """Sentences longer than ``max_chars``."""
        kind = "long-sentence"
        keys = {"max_chars": int}
        required = ("max_chars",)
        fields = ("count",)
        default_message = "句子有{count}个字，过长"
        default_scope = ("sentence",)

        @classmethod
        def compile(cls, src, data):
            return {"limit": data["max_chars"]}

        def check(self, doc):
            for unit in self.units(doc):
                if len(unit.text) > self.limit:
                    yield self.report(unit.span(0, len(unit.text)), count=len(unit.text))

    @hookimpl
    def register_kinds():
        return [LongSentence]

    @hookimpl
    def register_packs():
        from pathlib import Path
        return [Path(__file__).parent / "agency_kind_pack"]
    '''
    rule = "name: long-sentence\nsummary: 句子过长\nextends: long-sentence\nmax_chars: 10\n"
    install(site, "agency-kind", "XK", "agency_kind", kind, {"agency_kind_pack/XK001.yml": rule})
    run = cli("check", "--isolated", "--format", "json", "--select", "XK", str(draft))
    [found] = json.loads(run.out)["violations"]
    assert (found["code"], found["message"]) == ("XK001", "句子有19个字，过长")


def test_hook_register_packs(cli, site, tmp_path):
    plugin = '''
    @hookimpl
    def register_packs():
        from pathlib import Path
        return [Path(__file__).parent / "agency_terms"]
    '''
    files = {"agency_terms/pack.yml": "title: 本机关用语\nprefix: XP\n",
             "agency_terms/XP001.yml": "name: agency-terms\nsummary: 本机关规范用语\nextends: substitution\n"
                                       "swap:\n  网格化管理: 网格化服务管理\n"}
    install(site, "agency-packs", "XP", "agency_packs", plugin, files)
    path = tmp_path / "t.txt"
    path.write_text("全面推行网格化管理。\n", encoding="utf-8")
    run = cli("check", "--isolated", "--format", "json", "--select", "XP", str(path))
    [found] = json.loads(run.out)["violations"]
    assert found["message"] == "应写作“网格化服务管理”，而非“网格化管理”"
    assert found["fix"]["edits"][0]["replacement"] == "网格化服务管理"
    assert "XP001" in cli("rules", "--isolated").out


def test_hook_register_profiles(cli, site, tmp_path):
    profile = textwrap.dedent('''
        name: jiangnan-fazhi-report
        title: 江南省法治政府建设年度报告
        extends: fazhi-report
        detect:
          title: '^江南省.*法治政府建设.{0,20}报告$'
        parts:
          items:
            - id: demonstration
              name: 法治政府建设示范创建情况
              headings: ['示范创建']
        deadlines:
          signing: {department: "02-15"}
    ''')
    plugin = '''
    @hookimpl
    def register_profiles():
        from pathlib import Path
        return [Path(__file__).parent / "agency_profile.yml"]
    '''
    install(site, "agency-profile", "XR", "agency_profile", plugin, {"agency_profile.yml": profile})
    path = tmp_path / "r.txt"
    path.write_text("江南省青山县司法局2024年度法治政府建设工作报告\n一、主要举措和成效\n甲。\n二、存在的不足和原因\n乙。\n"
                    "三、主要负责人履行推进法治建设第一责任人职责情况\n丙。\n四、2025年工作安排\n丁。\n"
                    "青山县司法局\n2025年2月20日\n", encoding="utf-8")
    run = cli("check", "--isolated", "--format", "json", "--select", "ST001,DT003", str(path))
    report = json.loads(run.out)
    assert report["files"][0]["profile"] == "jiangnan-fazhi-report"
    messages = [(v["code"], v["message"]) for v in report["violations"]]
    assert [code for code, _ in messages] == ["ST001", "DT003"]
    assert messages[0][1].startswith("缺少“法治政府建设示范创建情况”部分：江南省法治政府建设年度报告应以单独标题列出")
    assert messages[1][1] == "成文日期2025年2月20日晚于报送时限：政府部门的2024年度报告应于2025年2月15日前报送"


def test_hook_register_formatters(cli, site, draft):
    plugin = '''
    from lawlint.output.formatters import Formatter

    class Count(Formatter):
        name = "count"
        description = "每个文件的问题数"

        def file(self, result):
            self.write(f"{result.path} {len(result.violations)}")

    @hookimpl
    def register_formatters():
        return [Count]
    '''
    install(site, "agency-format", "XF", "agency_format", plugin)
    run = cli("check", "--isolated", "--format", "count", "--select", "DN", str(draft))
    assert (run.code, run.out) == (1, f"{draft} 1\n")


def _loader_plugin(site):
    plugin = '''
    import json
    from lawlint import Document

    @hookimpl
    def register_file_types():
        return [".gwjson"]

    @hookimpl
    def load_document(path, data):
        if not path.endswith(".gwjson"):
            return None
        return Document(json.loads(data)["正文"], path, "utf-8", "gwjson")
    '''
    install(site, "agency-loader", "XL", "agency_loader", plugin)


def test_hook_register_file_types(cli, site, tmp_path):
    _loader_plugin(site)
    folder = tmp_path / "drafts"
    folder.mkdir()
    (folder / "a.gwjson").write_text(json.dumps({"正文": DRAFT}, ensure_ascii=False), encoding="utf-8")
    (folder / "b.unknown").write_text(DRAFT, encoding="utf-8")
    report = json.loads(cli("check", "--isolated", "--format", "json", "--select", "DN", str(folder)).out)
    assert [f["path"] for f in report["files"]] == [str(folder / "a.gwjson")]


def test_hook_load_document(cli, site, tmp_path):
    _loader_plugin(site)
    path = tmp_path / "a.gwjson"
    path.write_text(json.dumps({"正文": DRAFT}, ensure_ascii=False), encoding="utf-8")
    report = json.loads(cli("check", "--isolated", "--format", "json", "--select", "DN", str(path)).out)
    assert report["files"][0]["format"] == "gwjson"
    assert [(v["line"], v["column"], v["code"]) for v in report["violations"]] == [(1, 3, "DN001")]


def test_hook_register_commands(cli, site):
    plugin = '''
    import click

    @hookimpl
    def register_commands(cli):
        @cli.command()
        def hello():
            """问候。"""
            click.echo("你好")
    '''
    install(site, "agency-command", "XC", "agency_command", plugin)
    assert cli("hello").out == "你好\n"
    assert "命令 1：hello" in cli("plugins", "--isolated").out


def test_hooks_are_called_with_only_the_arguments_an_implementation_declares(cli, site, tmp_path):
    """pluggy passes each implementation the arguments it names: a loader that only reads the
    bytes, a register_commands that only needs to run code, are both valid plugins."""
    plugin = '''
    import json
    from lawlint import Document

    CALLED = []

    @hookimpl
    def register_file_types():
        return [".gwjson"]

    @hookimpl
    def load_document(data):
        if not data.startswith(b"{"):
            return None
        return Document(json.loads(data)["正文"], None, "utf-8", "gwjson")

    @hookimpl
    def register_commands():
        CALLED.append("register_commands")
    '''
    install(site, "agency-partial", "XP", "agency_partial", plugin)
    path = tmp_path / "a.gwjson"
    path.write_text(json.dumps({"正文": DRAFT}, ensure_ascii=False), encoding="utf-8")
    run = cli("check", "--isolated", "--format", "json", "--select", "DN", str(path))
    assert run.err == ""
    assert [(v["line"], v["column"], v["code"]) for v in json.loads(run.out)["violations"]] == [(1, 3, "DN001")]
    assert sys.modules["agency_partial"].CALLED == ["register_commands"]


def test_rules_explain_and_plugins_read_the_catalogue_without_creating_rules(cli, site, draft):
    """Listing and explaining rules needs their classes only: a rule that cannot even be
    created is still listed and explained; checking a document reports it."""
    source = rule_source("XR101", "needs-setup", summary="本机关用语不规范").replace(
        "    def check(self, doc):", "    def __init__(self, **options):\n        raise RuntimeError('未配置')\n\n"
                                   "    def check(self, doc):")
    install(site, "agency-lazy", "XR", "agency_lazy", source + "\n@hookimpl\ndef register_rules():\n    return [AgencyRule]\n")
    listed = json.loads(cli("rules", "--isolated", "--format", "json").out)
    assert {"code": "XR101", "plugin": "agency-lazy"}.items() <= next(r for r in listed if r["code"] == "XR101").items()
    explained = cli("explain", "XR101")
    assert explained.code == 0 and "本机关用语不规范" in explained.out
    plugins = cli("plugins", "--isolated")
    assert plugins.code == 0 and "规则 1：XR101" in plugins.out
    run = cli("check", "--isolated", str(draft))
    assert run.code == 2 and "规则 XR101（needs-setup，来自 agency-lazy）无法创建：RuntimeError: 未配置" in run.err


def test_plugin_hooks_have_tests():
    hooks = [name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction)
             if hasattr(getattr(hookspecs, name), "lawlint_spec")]
    assert len(hooks) == 8
    missing = [h for h in hooks if f"test_hook_{h}" not in globals()]
    assert not missing, f"hooks without a test_hook_<name>: {missing}"


def test_plugin_hooks_are_documented():
    text = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    for name, spec in inspect.getmembers(hookspecs, inspect.isfunction):
        if hasattr(spec, "lawlint_spec"):
            signature = f"{name}({', '.join(inspect.signature(spec).parameters)})"
            assert f"### {signature}" in text, f"docs/plugins.md lacks a section “### {signature}”"


# -- prefixes and failures -----------------------------------------------------------------

def test_codes_must_start_with_the_entry_point_prefix(site):
    install(site, "agency-one", "XA", "agency_one",
            rule_source("XB101", "other") + "\n@hookimpl\ndef register_rules():\n    return [AgencyRule]\n")
    with pytest.raises(ConfigError, match=r"^插件 agency-one 0.1 注册的规则 XB101 不以它的前缀 XA 开头$"):
        Linter()


@pytest.mark.parametrize("prefix, why", [("ST", "是 lawlint 保留的前缀"), ("agency", "应为 2～4 个大写字母")])
def test_entry_point_name_is_a_valid_unreserved_prefix(site, prefix, why):
    install(site, "agency-bad", prefix, "agency_bad", "")
    with pytest.raises(ConfigError, match=f"插件 agency-bad 0.1 的入口点名称 “{prefix}” 是它的规则代码前缀，{why}"):
        Linter()


def test_duplicate_code_names_both_providers(site, tmp_path):
    install(site, "agency-one", "XA", "agency_one",
            rule_source("XA101", "first-rule") + "\n@hookimpl\ndef register_rules():\n    return [AgencyRule]\n")
    local = tmp_path / "local.py"
    local.write_text(HEADER + rule_source("XA101", "second-rule")
                     + "\n@hookimpl\ndef register_rules():\n    return [AgencyRule]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"规则 “XA101” 重复：agency-one 与 {re.escape(str(local))} 都注册了它"):
        Linter(plugins=[str(local)])


def test_a_plugin_that_fails_to_import_is_one_warning(cli, site, draft):
    install(site, "broken-agency", "XB", "agency_broken", "raise ImportError('no module named agency_helpers')\n")
    run = cli("check", "--isolated", "--select", "DN001", str(draft))
    assert run.code == 1 and "DN001" in run.out
    assert run.err == ("lawlint: 警告：插件 broken-agency 0.1（入口点 XB）加载失败，已跳过："
                       "ImportError: no module named agency_helpers\n")


def test_a_plugin_that_raises_while_registering_is_one_warning(cli, site, draft):
    install(site, "raising-agency", "XR", "agency_raising",
            "@hookimpl\ndef register_rules():\n    raise RuntimeError('数据文件缺失')\n")
    run = cli("check", "--isolated", "--select", "DN001", str(draft))
    assert run.code == 1
    assert run.err == "lawlint: 警告：插件 raising-agency 0.1（入口点 XR）注册时出错，已跳过：RuntimeError: 数据文件缺失\n"


def test_load_plugins_limits_the_installed_plugins(cli, site, draft, monkeypatch):
    install(site, "agency-rules", "XA", "agency_rules",
            rule_source("XA101", "agency-term") + "\n@hookimpl\ndef register_rules():\n    return [AgencyRule]\n")
    assert "XA101" in cli("rules", "--isolated").out
    monkeypatch.setenv("LAWLINT_LOAD_PLUGINS", "")
    assert "XA101" not in cli("rules", "--isolated").out


def test_require_plugins(cli, site, draft):
    install(site, "broken-agency", "XB", "agency_broken", "raise ImportError('no module named agency_helpers')\n")
    run = cli("check", "--isolated", "--require-plugins", "broken-agency", str(draft))
    assert run.code == 2 and run.out == ""
    assert run.err.splitlines()[-1] == ("lawlint: 错误：插件 broken-agency 0.1（入口点 XB）加载失败，已跳过："
                                        "ImportError: no module named agency_helpers")
    run = cli("check", "--isolated", "--require-plugins", "lawlint-nowhere", str(draft))
    assert run.code == 2 and run.err.splitlines()[-1] == "lawlint: 错误：要求的插件 lawlint-nowhere 没有安装"


def test_local_plugin_from_the_command_line_and_the_config(cli, tmp_path, monkeypatch):
    plugin = tmp_path / "lint" / "local_rules.py"
    plugin.parent.mkdir()
    plugin.write_text(HEADER + "PREFIX = 'QY'\n" + rule_source("QY001", "local-term", "yield self.violation(Span(0, 1))")
                      + "\n@hookimpl\ndef register_rules():\n    return [AgencyRule]\n", encoding="utf-8")
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--isolated", "--format", "json", "--select", "QY,DN", "--plugin", str(plugin), str(path))
    assert codes(run) == ["DN001", "QY001"]
    (tmp_path / ".lawlint.yaml").write_text("plugins: [lint/local_rules.py]\nselect: [QY]\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert codes(cli("check", "--format", "json", "d.txt")) == ["QY001"]


def test_local_plugin_may_not_use_core_prefixes(tmp_path):
    plugin = tmp_path / "mine.py"
    plugin.write_text(HEADER + rule_source("WD901", "mine") + "\n@hookimpl\ndef register_rules():\n    return [AgencyRule]\n",
                      encoding="utf-8")
    with pytest.raises(ConfigError, match="的规则 WD901 使用了 lawlint 保留的前缀"):
        Linter(plugins=[str(plugin)], entry_points=False)


def test_misspelled_hook_is_an_error(tmp_path):
    plugin = tmp_path / "typo.py"
    plugin.write_text("from lawlint import hookimpl\n\n@hookimpl\ndef register_rulez():\n    return []\n",
                      encoding="utf-8")
    with pytest.raises(ConfigError, match="未定义的钩子"):
        Linter(plugins=[str(plugin)], entry_points=False)


def test_plugins_command_lists_prefix_distribution_and_contents(cli, site):
    install(site, "agency-rules", "XA", "agency_rules",
            rule_source("XA101", "agency-term") + "\n@hookimpl\ndef register_rules():\n    return [AgencyRule]\n")
    run = cli("plugins", "--isolated")
    assert run.code == 0
    assert "ST、DN、DT、RP、PU、NU、WD、TX、LL  lawlint " in run.out
    assert "XA  agency-rules 0.1  （entry point）\n    规则 1：XA101\n" in run.out
    assert re.search(r"规则包 5：.*structure（1 条规则）", run.out)


# -- finding installed plugins without importing importlib.metadata ------------------------

def _declare(site, dist, entry_points):
    info = site / f"{dist}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


def test_the_plugin_pre_check_says_yes_whenever_importlib_metadata_finds_one(site):
    """Random entry_points.txt files: whenever importlib.metadata finds an entry point of the
    group, the pre-check must have said yes (a no would lose an agency's plugin)."""
    import importlib.metadata
    import random

    from lawlint.engine.plugins import _may_declare_plugins

    group = "lawlint_probe"
    lines = [f"[{group}]", f"[ {group} ]", f"[[{group}]]", f"# [{group}]", "[console_scripts]",
             f"{group} = x:main", "XA = agency_x", "", "  ", f"[{group}.extra]", f"[{group.upper()}]"]
    rng = random.Random(11)
    said = []
    for k in range(60):
        _declare(site, f"dist{k}", "\n".join(rng.choice(lines) for _ in range(rng.randint(1, 4))) + "\n")
        found = list(importlib.metadata.entry_points(group=group))
        said.append(_may_declare_plugins(group))
        assert said[-1] or not found, k
        for info in site.iterdir():
            if info.name.startswith(f"dist{k}-"):
                for file in info.iterdir():
                    file.unlink()
                info.rmdir()
    assert True in said and False in said  # both answers were exercised


def test_the_plugin_pre_check_answers_yes_where_it_cannot_look(site, monkeypatch):
    from lawlint.engine.plugins import _may_declare_plugins

    _declare(site, "tool", "[console_scripts]\nlawlint_probe = tool:main\n")
    assert not _may_declare_plugins("lawlint_probe")
    _declare(site, "agency", "[lawlint_probe]\nXA = agency_x\n")
    assert _may_declare_plugins("lawlint_probe")
    for what in ("agency-0.1.dist-info/entry_points.txt", "agency-0.1.dist-info/METADATA"):
        (site / what).unlink()
    (site / "agency-0.1.dist-info").rmdir()
    archive = site / "bundle.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.syspath_prepend(str(archive))
    assert _may_declare_plugins("lawlint_probe")  # a zip on sys.path: importlib.metadata decides
    sys.path.remove(str(archive))
    assert not _may_declare_plugins("lawlint_probe")

    class Hook:
        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Hook])
    assert _may_declare_plugins("lawlint_probe")  # distributions of its own: importlib.metadata decides


def test_a_run_without_installed_plugins_does_not_import_importlib_metadata(tmp_path):
    """Imported exactly when the pre-check finds a distribution that may declare a plugin."""
    import subprocess

    from lawlint.engine.plugins import _may_declare_plugins

    draft = tmp_path / "d.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    code = ("import sys\nfrom lawlint.cli import main\nsys.argv = ['lawlint', 'check', '--isolated', sys.argv[1]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('imported' if 'importlib.metadata' in sys.modules else 'not imported')\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("LAWLINT_LOAD_PLUGINS", None)
    run = subprocess.run([sys.executable, "-c", code, str(draft)], capture_output=True, text=True, env=env,
                         cwd=tmp_path)
    expected = "imported" if _may_declare_plugins() else "not imported"  # not imported in lawlint's own test env
    assert run.stdout.strip().splitlines()[-1] == expected, run.stderr


def test_the_version_shown_is_the_installed_one():
    import importlib.metadata

    import lawlint

    assert lawlint.__version__ == importlib.metadata.version("lawlint")
    assert f'version = "{lawlint.__version__}"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
