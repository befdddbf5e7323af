"""Fast paths give exactly what the straightforward way gives: each is compared, on texts
made to hit its corner cases, with a plain implementation written here."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.checks import script_mixing
from lawlint.checks.script_mixing import ScriptMixing, _converter
from lawlint.document import HEADING, PARAGRAPH, TITLE, Document
from lawlint.engine.linter import run_rule
from lawlint.engine.prefilter import holds_any
from lawlint.rule import Applicability, Edit, Fix, Rule, Severity, Span, Violation
from lawlint.testing import cases_in

CASES = Path(__file__).parent / "cases"
EXAMPLES = Path(__file__).parent.parent / "examples"

# Simplified and traditional characters, phrases OpenCC converts although none of their
# characters is converted alone (批覆, 深沈), a compatibility ideograph, blanks and marks.
_PIECES = ["经济", "發展", "推动", "國家", "批覆", "深沈", "乾坤", "显著", "\uf900", "後", "后", "皇后",
           "。", "，", " ", "一、", "（一）", "报告", "关于", "的", "繁體", "简体", "沈阳", "覆盖"]
_LINE = st.lists(st.sampled_from(_PIECES), min_size=0, max_size=12).map("".join)
_DOC = st.lists(_LINE, min_size=1, max_size=8).map(lambda lines: "\n\n".join(lines) + "\n")


def _plain_script_mixing(rule: ScriptMixing, doc: Document) -> list[Violation]:
    """TX005 as first written: every block converted both ways, every character compared."""
    blocks = doc.blocks_of(TITLE, HEADING, PARAGRAPH)
    if not blocks or not holds_any(doc, script_mixing._traditional_characters()):
        return []

    def differences(block, converted):
        if converted == block.text or len(converted) != len(block.text):
            return 0
        return sum(a != b for a, b in zip(block.text, converted))

    def report(block, converted, what, target, severity):
        if len(converted) != len(block.text):
            return []
        out = []
        for i, (a, b) in enumerate(zip(block.text, converted)):
            if a != b:
                span = block.span_of(i, i + 1)
                sure = Applicability.SAFE if target == "简体" else Applicability.UNSAFE  # s2t is one to many
                out.append(Violation(rule.code, rule.name, severity, f"{what}“{a}”应为{target}“{b}”", span,
                                     Fix.replace(span, b, applicability=sure)))
        return out

    to_simplified = [(b, _converter("t2s").convert(b.text)) for b in blocks]
    to_traditional = [(b, _converter("s2t").convert(b.text)) for b in blocks]
    traditional = sum(differences(b, c) for b, c in to_simplified)
    simplified = sum(differences(b, c) for b, c in to_traditional)
    found = []
    if traditional and traditional <= simplified:
        for block, converted in to_simplified:
            found += report(block, converted, "繁体字", "简体", rule.severity)
    elif simplified and simplified < traditional:
        for block, converted in to_traditional:
            found += report(block, converted, "简体字", "繁体", Severity.INFO)
    return found


@settings(max_examples=300, deadline=None)
@given(_DOC)
def test_script_mixing_finds_what_converting_everything_finds(text):
    rule = ScriptMixing()
    assert list(rule.check(Document(text))) == _plain_script_mixing(rule, Document(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=8))
def test_converting_lines_joined_is_converting_each(lines):
    convert = _converter("t2s").convert
    assert convert("\n".join(lines)).split("\n") == [convert(line) for line in lines]


def test_a_document_mostly_traditional_gets_hints_for_its_simplified_characters():
    text = "關於經濟發展的報告\n\n我們推動經濟發展，國家繁榮，后来更好。\n"
    rule = ScriptMixing()
    found = list(rule.check(Document(text)))
    assert found == _plain_script_mixing(rule, Document(text))
    assert found and all(v.severity is Severity.INFO for v in found)


class _Yields(Rule):
    code, name, summary = "XT001", "yields-given", "测试"

    def __init__(self, found):
        super().__init__()
        self.found = found

    def check(self, doc):
        return self.found


_S = Span(0, 1)


@pytest.mark.parametrize("fix, why", [
    (Fix((Edit(_S, "，"),)), None),
    (Fix((Edit(Span(0, 99), "，"),)), "修改建议的位置超出了文档"),
    (Fix(("，",)), "修改建议应为由 Edit 组成的 Fix"),
    (Fix((Edit(None, "，"),)), "修改建议应为由 Edit 组成的 Fix"),
    (Fix((Edit(_S, 1),)), "修改建议应为由 Edit 组成的 Fix"),
    (Fix([Edit(Span(0, 99), "，")]), "修改建议的位置超出了文档"),  # a list, not a tuple
    (Fix((Edit(_S, "，"), Edit(Span(0, 2), "。"))), "修改建议中的几处修改互相重叠"),
    (Fix((Edit(_S, "，"), Edit(Span(1, 2), "。"))), None),
    (Fix(()), None),
    ("改为，", "修改建议应为由 Edit 组成的 Fix"),
])
def test_a_fix_of_one_edit_is_checked_as_any_other(fix, why):
    doc = Document("正文。\n")
    found = run_rule(_Yields([Violation("XT001", "yields-given", Severity.WARNING, "测试", _S, fix)]), doc)
    if why is None:
        assert found[0].fix is fix and found[0].message == "测试"
    else:
        assert found[0].message.startswith("规则 XT001（yields-given）运行出错") and why in found[0].message


def _check_json(folders, *, speedups: bool) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "LAWLINT_NO_SPEEDUPS"}
    if not speedups:
        env["LAWLINT_NO_SPEEDUPS"] = "1"
    run = subprocess.run([sys.executable, "-m", "lawlint", "check", "--isolated", "--format", "json",
                          *map(str, folders)], capture_output=True, env=env, check=False)
    assert run.returncode in (0, 1), run.stderr.decode("utf-8", "replace")
    return json.loads(run.stdout)


def test_without_speedups_the_rule_cases_and_examples_give_the_same_findings(tmp_path):
    """Every speed-up (lawlint.engine.speedups) only skips work that would find nothing:
    with LAWLINT_NO_SPEEDUPS=1 every rule, run on the text of every rule case and on the
    examples, finds exactly the same, message and fix included.  (CI also runs the whole
    suite a second time without speed-ups.)"""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    for i, case in enumerate(cases_in(CASES)):
        (drafts / f"{i:04d}-{case.rule}.txt").write_text(case.text, encoding="utf-8")
    fast = _check_json([drafts, EXAMPLES], speedups=True)
    plain = _check_json([drafts, EXAMPLES], speedups=False)
    assert len(fast["violations"]) > 1000 and len({v["code"] for v in fast["violations"]}) > 50
    assert fast == plain
