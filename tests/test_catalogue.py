"""Meta-tests over the rule registry: every rule is documented and tested."""
from pathlib import Path

import pytest

from lawlint.engine.catalogue import Catalogue
from lawlint.rule import CODE_PATTERN, NAME_PATTERN, Availability
from lawlint.testing import load_cases

CASES = Path(__file__).parent / "cases"
ENTRIES = list(Catalogue(entry_points=False).registry)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.code)
def test_rule_is_documented(entry):
    rule = entry.rule
    assert CODE_PATTERN.match(rule.code) and NAME_PATTERN.match(rule.name)
    assert rule.summary and rule.basis
    doc = rule.documentation()
    assert doc.splitlines()[0].rstrip("。") == rule.summary.rstrip("。")
    positions = [doc.find(section) for section in ("## 原因", "## 错误示例", "## 正确示例")]
    assert -1 not in positions and positions == sorted(positions), rule.code


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.code)
def test_rule_has_firing_and_quiet_cases(entry):
    path = CASES / f"{entry.code}.yml"
    assert path.is_file(), f"no {path.name}"
    cases = load_cases(path)
    assert {c.rule for c in cases} == {entry.code}
    assert any(c.should_fail for c in cases) and any(not c.should_fail for c in cases)
    if entry.rule.fix_availability is not Availability.NEVER:
        assert any(c.fix is not None for c in cases), f"{entry.code} is fixable but no case checks a fix"
