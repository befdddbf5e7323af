"""One switch for every speed-up that must not change a finding.

lawlint skips work it can prove useless: a rule whose declared characters (``Rule.needs``)
a document does not hold is not run; a pattern is not searched where the characters its
matches contain (``lawlint.engine.prefilter``) are missing, is searched with a look-ahead
for its possible first characters, and only on the lines where its anchor matches; words are
looked up in a table instead of loading jieba's whole dictionary.  Each is only right if
its premise is: with ``LAWLINT_NO_SPEEDUPS=1`` in the environment (read once, at start-up)
lawlint does everything the plain way, and the test suite, run a second time so, must give
the same findings.
"""
from __future__ import annotations

import os

ENABLED: bool = os.environ.get("LAWLINT_NO_SPEEDUPS", "").strip() in ("", "0")
