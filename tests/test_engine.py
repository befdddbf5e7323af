"""The rule engine: plugins through entry points, crash isolation, lazy shared segmentation."""
import importlib
import json
import os
import subprocess
import sys
import textwrap

import pytest

from lawlint.linter import Linter
from lawlint.rule import ConfigError

RULE_MODULE = textwrap.dedent('''
    from lawlint import Rule, Severity, Span, hookimpl

    class {cls}(Rule):
        """{summary}"""
        code = "{code}"
        name = "{name}"
        summary = "{summary}"
        severity = Severity.WARNING

        def check(self, doc):
            {body}

    @hookimpl
    def register_rules():
        return [{cls}]
''')

DRAFT = "依据国办发[2024]第012号文件。\n"


def install(site, dist, prefix, module, source):
    """A fake installed distribution with a ``lawlint`` entry point."""
    info = site / f"{dist.replace('-', '_')}-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[lawlint]\n{prefix} = {module}\n", encoding="utf-8")
    (site / f"{module}.py").write_text(source, encoding="utf-8")


@pytest.fixture
def site(tmp_path, monkeypatch):
    path = tmp_path / "site"
    path.mkdir()
    monkeypatch.syspath_prepend(str(path))
    importlib.invalidate_caches()
    yield path
    for name in [m for m in sys.modules if m.startswith("agency_")]:
        del sys.modules[name]


def rule_source(code, name, body, cls="AgencyRule", summary="机关代字不在本机关名单内"):
    return RULE_MODULE.format(cls=cls, code=code, name=name, summary=summary, body=body)


def test_installed_plugin_rules_are_listed_and_run(cli, site, tmp_path):
    install(site, "agency-rules", "XA", "agency_rules",
            rule_source("XA101", "agency-term", "yield self.violation(Span(0, 2), '请使用本机关规范用语')"))
    run = cli("rules", "--isolated")
    assert "XA101" in run.out and "agency-term" in run.out
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    report = json.loads(cli("check", "--isolated", "--format", "json", str(path)).out)
    assert {"XA101", "DN001"} <= {v["code"] for v in report["violations"]}


def test_a_plugin_that_fails_to_import_is_one_warning(cli, site, tmp_path):
    install(site, "broken-agency", "XB", "agency_broken", "raise ImportError('no module named agency_helpers')\n")
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--isolated", "--select", "DN001", str(path))
    assert run.code == 1 and "DN001" in run.out
    assert run.err.strip() == ("lawlint: 警告：插件 broken-agency 0.1（入口 XB）加载失败，已跳过："
                               "ImportError: no module named agency_helpers")


def test_duplicate_codes_name_both_plugins(site):
    install(site, "agency-one", "XA", "agency_one", rule_source("XA101", "first-rule", "return []"))
    install(site, "agency-two", "XC", "agency_two", rule_source("XA101", "second-rule", "return []"))
    with pytest.raises(ConfigError, match=r"规则 “XA101” 重复：插件 XA 与插件 XC 都注册了它"):
        Linter()


def test_a_crashing_rule_is_one_finding_and_the_others_still_run(cli, site, tmp_path):
    install(site, "agency-crash", "XD", "agency_crash",
            rule_source("XD001", "crashes", "raise ZeroDivisionError('division by zero')"))
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--isolated", "--format", "json", "--select", "XD,DN", str(path))
    violations = json.loads(run.out)["violations"]
    crash = [v for v in violations if v["code"] == "XD001"]
    assert len(crash) == 1 and crash[0]["severity"] == "error" and (crash[0]["line"], crash[0]["column"]) == (1, 1)
    assert "ZeroDivisionError: division by zero" in crash[0]["message"]
    assert any(v["code"] == "DN001" for v in violations)
    assert run.code == 1 and "Traceback" not in run.err


def test_misspelled_hook_is_an_error(tmp_path):
    plugin = tmp_path / "typo.py"
    plugin.write_text("from lawlint import hookimpl\n\n@hookimpl\ndef register_rulez():\n    return []\n",
                      encoding="utf-8")
    with pytest.raises(ConfigError, match="未定义的钩子"):
        Linter(plugins=[str(plugin)], entry_points=False)


def test_builtin_rules_come_through_the_plugin_hook():
    linter = Linter(entry_points=False)
    assert {e.plugin for e in linter.registry} == {"lawlint"}
    assert len(linter.registry) == 11


def _jieba_loaded_after(code: str) -> bool:
    script = f"import sys\nfrom lawlint.testing import lint\n{code}\nprint('jieba' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return proc.stdout.strip() == "True"


NEAR = ("着力提高全体干部职工对颁布实施民法典的重大意义的认识水平，"
        "提升全体干部职工对颁布实施民法典的重大意义的认识水平。")


def test_jieba_is_loaded_only_when_a_rule_needs_words():
    assert not _jieba_loaded_after(f"lint({NEAR!r}, entry_points=False, rule='DN001')")
    assert not _jieba_loaded_after("lint('全面推进依法行政。加快建设法治政府。', entry_points=False)")
    assert _jieba_loaded_after(f"lint({NEAR!r}, entry_points=False, rule='RP002')")


def test_each_text_is_segmented_once(monkeypatch):
    import lawlint.words

    calls = []
    real = lawlint.words.cut
    monkeypatch.setattr(lawlint.words, "cut", lambda text: calls.append(text) or real(text))
    from lawlint.testing import lint

    _, found = lint(NEAR + NEAR.replace("提升", "增强"), "RP002", entry_points=False)
    assert found and len(calls) == len(set(calls))


def test_dictionary_copy_is_written_once_and_read_back(tmp_path):
    script = "from lawlint import words\nprint('|'.join(words.cut('着力提高全体干部职工的认识水平')))"
    env = {**os.environ, "LAWLINT_CACHE_DIR": str(tmp_path)}

    def segment():
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                              check=True).stdout

    assert segment() == "着力|提高|全体|干部职工|的|认识水平\n"
    copies = {p.suffix: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert set(copies) == {".counts", ".words"}
    assert segment() == "着力|提高|全体|干部职工|的|认识水平\n"
    assert {p.suffix: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == copies  # read, not rewritten
    for path in tmp_path.iterdir():
        path.write_bytes(b"\x00broken")
    assert segment() == "着力|提高|全体|干部职工|的|认识水平\n"  # a damaged copy falls back to jieba
    assert (tmp_path / next(p.name for p in tmp_path.iterdir() if p.suffix == ".counts")).stat().st_size > 1000
