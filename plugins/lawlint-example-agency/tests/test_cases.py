"""The plugin's rules, tested with lawlint's public helper (the plugin must be installed)."""
from pathlib import Path

import pytest

from lawlint.testing import cases_in, run_case


@pytest.mark.parametrize("case", cases_in(Path(__file__).parent / "cases"), ids=lambda c: c.id)
def test_case(case):
    run_case(case)
