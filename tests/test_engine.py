"""The rule engine: built-ins through the hooks, crash isolation, lazy shared segmentation."""
import json
import os
import subprocess
import sys

import pytest

from lawlint.engine.linter import Linter
from lawlint.rule import ConfigError

DRAFT = "依据国办发[2024]第012号文件。\n"


def test_builtin_rules_come_through_the_plugin_hook():
    linter = Linter(entry_points=False)
    assert {e.plugin for e in linter.registry} == {"lawlint"}
    packs = {e.pack for e in linter.registry if e.pack}
    assert packs == {"structure", "punctuation", "numbers", "wording", "hygiene"}  # YAML rules in lawlint/data/packs/
    python_rules = [r for r, _ in linter.plugins.contributions("register_rules")]
    assert len(linter.registry) == len(python_rules) + sum(len(p.rules) for p in linter.packs) == 57


def test_a_crashing_rule_is_one_finding_and_the_others_still_run(cli, tmp_path):
    plugin = tmp_path / "crash.py"
    plugin.write_text(
        "from lawlint import Rule, hookimpl\n"
        "class Crashes(Rule):\n"
        "    \"\"\"崩溃。\"\"\"\n"
        "    code, name, summary = 'XD001', 'crashes', '崩溃'\n"
        "    def check(self, doc):\n"
        "        raise ZeroDivisionError('division by zero')\n"
        "@hookimpl\n"
        "def register_rules():\n"
        "    return [Crashes]\n", encoding="utf-8")
    path = tmp_path / "d.txt"
    path.write_text(DRAFT, encoding="utf-8")
    run = cli("check", "--isolated", "--plugin", str(plugin), "--format", "json", "--select", "XD,DN", str(path))
    violations = json.loads(run.out)["violations"]
    crash = [v for v in violations if v["code"] == "XD001"]
    assert len(crash) == 1 and crash[0]["severity"] == "error" and (crash[0]["line"], crash[0]["column"]) == (1, 1)
    assert "ZeroDivisionError: division by zero" in crash[0]["message"]
    assert any(v["code"] == "DN001" for v in violations)
    assert run.code == 1 and "Traceback" not in run.err


NEEDY = """
from lawlint import Rule, Span, hookimpl
CALLS = []
class Needy(Rule):
    \"\"\"用了“甲”。\"\"\"
    code, name, summary, needs = 'XN001', 'needy', '用了“甲”', '甲乙'
    def check(self, doc):
        CALLS.append(doc.text)
        return [self.violation(Span(i, i + 1)) for i, ch in enumerate(doc.text) if ch == '甲']
@hookimpl
def register_rules():
    return [Needy]
"""


@pytest.mark.speedup
def test_a_rule_is_not_run_on_a_document_holding_none_of_the_characters_it_needs(tmp_path):
    plugin = tmp_path / "needy.py"
    plugin.write_text(NEEDY, encoding="utf-8")
    linter = Linter(plugins=[str(plugin)], entry_points=False, select=["XN"])
    calls = sys.modules["lawlint_local_needy"].CALLS
    assert linter.lint_text("没有那两个字。\n") == [] and calls == []
    assert [v.span for v in linter.lint_text("只有乙。\n")] == [] and calls == ["只有乙。\n"]
    assert [v.span.start for v in linter.lint_text("甲在这里。\n")] == [0] and len(calls) == 2


def test_needs_must_be_a_string_of_characters(tmp_path):
    plugin = tmp_path / "needy_set.py"
    plugin.write_text(NEEDY.replace("'甲乙'\n", "{'甲'}\n"), encoding="utf-8")
    with pytest.raises(ConfigError, match="XN001 的 needs 应为字符串"):
        Linter(plugins=[str(plugin)], entry_points=False)


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
    import lawlint.lang.words

    calls = []
    real = lawlint.lang.words.cut
    monkeypatch.setattr(lawlint.lang.words, "cut", lambda text: calls.append(text) or real(text))
    from lawlint.testing import lint

    _, found = lint(NEAR + NEAR.replace("提升", "增强"), "RP002", entry_points=False)
    assert found and len(calls) == len(set(calls))


@pytest.mark.speedup
def test_dictionary_table_is_written_once_and_read_back(tmp_path):
    script = ("import sys\nfrom lawlint.lang import words\nprint('|'.join(words.cut('着力提高全体干部职工的认识水平')))\n"
              "print('pkg_resources' in sys.modules)")
    env = {**os.environ, "LAWLINT_CACHE_DIR": str(tmp_path)}

    def segment():
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env,
                              check=True).stdout

    expected = "着力|提高|全体|干部职工|的|认识水平\nFalse\n"
    assert segment() == expected
    tables = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    assert sorted(name.rsplit(".", 1)[1] for name in tables) == ["sqlite", "sum"]  # the table and its checksum
    assert segment() == expected  # looked up in the table
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == tables  # read, not rewritten
    (table,) = tmp_path.glob("*.sqlite")
    table.write_bytes(b"\x00broken")
    assert segment() == expected  # a damaged table: the dictionary is loaded instead
    assert table.stat().st_size > 100_000  # and the table written again


def test_table_lookups_segment_as_jieba_does(tmp_path, monkeypatch):
    import jieba

    from lawlint.lang import words

    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(tmp_path))
    full = jieba.Tokenizer()
    words._load_dictionary(full)
    words._save_table(full)
    lazy = jieba.Tokenizer()
    assert words._attach_table(lazy) and isinstance(lazy.FREQ, words._Frequencies)
    text = "全面推进依法行政，加快建设法治政府。江开〔2017〕53号文件要求行政机关负责人出庭应诉率达到100%。"
    assert list(lazy.cut(text)) == list(full.cut(text))
    assert list(lazy.tokenize(text)) == list(full.tokenize(text))


def test_traditional_characters_are_found_once_and_read_back(tmp_path, monkeypatch):
    from lawlint.checks import script_mixing
    from lawlint.engine import cache

    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(tmp_path))
    script_mixing._traditional_characters.cache_clear()
    found = script_mixing._traditional_characters()
    assert {"經", "濟", "發"} <= found and "经" not in found
    (kept,) = tmp_path.iterdir()
    cache.write_text(kept, "經")
    script_mixing._traditional_characters.cache_clear()
    assert script_mixing._traditional_characters() == {"經"}  # read back, not computed again
    script_mixing._traditional_characters.cache_clear()
