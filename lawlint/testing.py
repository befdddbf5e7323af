"""Test helpers for rule authors — lawlint's own tests use them, and so can plugins.

A case file is YAML: ``rule:`` names the rule under test, every other top-level
key is a case (its name becomes the pytest id)::

    rule: DN001

    correct_number_passes:
      pass: |
        国办发〔2024〕12号

    brackets_and_leading_zero:
      fail: 依据国办发[2024]第012号文件
      violations: ["1:3 DN001"]        # line:column CODE (CODE may be left out)
      fix: 依据国办发〔2024〕12号文件    # the text after applying the rule's fixes

    options_and_profile:
      options: {severity: warning}     # the rule's options, as in the config file
      profile: fazhi-report            # force a document profile (default: detected)
      fail: …
      violations: […]

    markdown_with_other_rules:
      path: 报告.md                    # the file name the text is read as (its format: .md, .txt)
      also: [PU001]                    # more rules to run (their findings are listed too)
      fail: …
      violations: ["3:1", "5:2 PU001"]

A ``pass`` case must produce no finding; a ``fail`` case exactly the listed ones.  A
YAML rule with an ``anchor`` must find the same without it: the anchor only saves time.

    # tests/test_cases.py
    from lawlint.testing import cases_in, run_case
    import pytest

    @pytest.mark.parametrize("case", cases_in("tests/cases"), ids=lambda c: c.id)
    def test_case(case):
        run_case(case)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import yaml

from lawlint import fix as fixer
from lawlint.engine.config import Config
from lawlint.engine.linter import Linter

_CASE_KEYS = {"pass", "fail", "violations", "fix", "options", "profile", "unsafe", "description", "path", "also"}
_EXPECTED = re.compile(r"^(\d+):(\d+)(?:\s+([A-Z]{2,4}\d{3}))?$")


@dataclass
class Case:
    rule: str
    name: str
    text: str
    should_fail: bool
    violations: list[str] = field(default_factory=list)
    fix: str | None = None
    options: dict[str, Any] = field(default_factory=dict)
    profile: str | None = None
    unsafe: bool = False
    source: str = ""
    path: str = "<case>"
    also: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"{self.rule}-{self.name}"


def load_cases(path: str | Path) -> list[Case]:
    path = Path(path)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "rule" not in data:
        raise ValueError(f"{path}: a case file needs a top-level 'rule:'")
    rule = str(data["rule"])
    cases = []
    for name, body in data.items():
        if name == "rule":
            continue
        if not isinstance(body, dict) or ("pass" in body) == ("fail" in body):
            raise ValueError(f"{path}: case {name!r} needs exactly one of 'pass:' or 'fail:'")
        unknown = set(body) - _CASE_KEYS
        if unknown:
            raise ValueError(f"{path}: case {name!r} has unknown keys {sorted(unknown)}")
        fails = "fail" in body
        if fails and not body.get("violations"):
            raise ValueError(f"{path}: fail case {name!r} must list its expected 'violations:'")
        cases.append(Case(rule, str(name), body["fail" if fails else "pass"], fails,
                          [str(v) for v in body.get("violations") or []], body.get("fix"),
                          dict(body.get("options") or {}), body.get("profile"), bool(body.get("unsafe")),
                          str(path), str(body.get("path") or "<case>"), [str(a) for a in body.get("also") or []]))
    return cases


def cases_in(folder: str | Path) -> list[Case]:
    """Every case of every ``*.yml`` file in ``folder`` (sorted, for stable test ids)."""
    return [c for f in sorted(Path(folder).glob("*.yml")) for c in load_cases(f)]


def _linter(rule: str | None, options: dict | None, profile: str | None, plugins: Sequence[str],
            entry_points: bool, also: Sequence[str] = ()) -> Linter:
    cfg = Config(rules={rule: dict(options)} if rule and options else {})
    return Linter(cfg, select=[rule, *also] if rule else None, profile=profile, plugins=plugins,
                  entry_points=entry_points)


def lint(text: str, rule: str | None = None, *, options: dict | None = None, profile: str | None = None,
         plugins: Sequence[str] = (), entry_points: bool = True, path: str = "<case>"):
    """Lint ``text`` with one rule (code or name; all rules if None); return (document, violations)."""
    linter = _linter(rule, options, profile, plugins, entry_points)
    doc = linter.load(path, text.encode("utf-8"))
    return doc, linter.lint_document(doc)


def run_case(case: Case, *, plugins: Sequence[str] = (), entry_points: bool = True) -> None:
    """Assert that ``case`` behaves as written; the failure message shows what was found."""
    linter = _linter(case.rule, case.options, case.profile, plugins, entry_points, case.also)
    code = linter.registry.lookup(case.rule).code
    doc = linter.load(case.path, case.text.encode("utf-8"))
    found = linter.lint_document(doc)
    got = []
    for v in found:
        line, column = doc.position(v.span.start)
        got.append(f"{line}:{column} {v.code}")
    shown = "\n".join(f"  {g}  {v.message}" for g, v in zip(got, found)) or "  (none)"
    _assert_anchor_hides_nothing(case, linter, code, doc)
    if not case.should_fail:
        assert not found, f"{case.id}: expected no violation, found:\n{shown}"
        return
    expected = [_normalise(e, code) for e in case.violations]
    assert sorted(got) == sorted(expected), f"{case.id}: expected {sorted(expected)}, found:\n{shown}"
    if case.fix is not None:
        fixed, _ = fixer.apply(doc.text, found, unsafe=case.unsafe)
        assert fixed == case.fix, f"{case.id}: fixed text differs:\n{fixed!r}\n!=\n{case.fix!r}"


def _assert_anchor_hides_nothing(case: Case, linter: Linter, code: str, doc) -> None:
    rule = next((r for r in linter.rules if r.code == code), None)
    if getattr(rule, "anchor", None) is None:
        return
    plain = type(type(rule).__name__, (type(rule),), {"anchor": None})(**rule.config)
    with_anchor = [(v.span, v.message) for v in rule.check(doc)]
    fresh = linter.load(case.path, doc.text.encode("utf-8"))  # nothing cached by the anchored search
    fresh.profile = doc.profile
    without = [(v.span, v.message) for v in plain.check(fresh)]
    hidden = [(span.start, span.end, message) for span, message in without if (span, message) not in with_anchor]
    assert with_anchor == without, f"{case.id}: the anchor hides findings: {hidden}"


def _normalise(expected: str, rule: str) -> str:
    m = _EXPECTED.match(expected.strip())
    if not m:
        raise ValueError(f"expected violation {expected!r} is not 'line:column [CODE]'")
    return f"{m[1]}:{m[2]} {m[3] or rule}"


__all__ = ["Case", "cases_in", "lint", "load_cases", "run_case"]
