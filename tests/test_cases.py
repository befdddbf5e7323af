"""Every rule's YAML cases (tests/cases/*.yml), run through the public helper."""
from pathlib import Path

import pytest

from lawlint.testing import cases_in, run_case

CASES = cases_in(Path(__file__).parent / "cases")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case(case):
    run_case(case, entry_points=False)



@pytest.mark.speedup
def test_a_case_shows_an_anchor_that_hides_a_finding(tmp_path):
    """An agency's YAML rule promises its anchor is on every line holding a match; its cases check it."""
    from lawlint.testing import Case

    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "QY001.yml").write_text(
        "name: short-year\nsummary: 年份简写\nextends: existence\ntokens: ['\\d\\d年度']\nanchor: '年度计划'\n",
        encoding="utf-8")
    plugin = tmp_path / "agency.py"
    plugin.write_text("from pathlib import Path\nfrom lawlint import hookimpl\nPREFIX = 'QY'\n\n\n@hookimpl\n"
                      "def register_packs():\n    return [Path(__file__).parent / 'pack']\n", encoding="utf-8")
    text = "关于工作的报告\n一是24年度工作完成。\n二是25年度工作安排。\n"  # two findings the anchor hides
    case = Case("QY001", "short_year", text, True, ["2:3", "3:3"])
    with pytest.raises(AssertionError, match="the anchor hides findings"):
        run_case(case, plugins=[str(plugin)], entry_points=False)
    (tmp_path / "pack" / "QY001.yml").write_text(
        "name: short-year\nsummary: 年份简写\nextends: existence\ntokens: ['\\d\\d年度']\nanchor: '年度'\n",
        encoding="utf-8")
    run_case(case, plugins=[str(plugin)], entry_points=False)
