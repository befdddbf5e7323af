"""Every rule's YAML cases (tests/cases/*.yml), run through the public helper."""
from pathlib import Path

import pytest

from lawlint.testing import cases_in, run_case

CASES = cases_in(Path(__file__).parent / "cases")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_case(case):
    run_case(case, entry_points=False)
