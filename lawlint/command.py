"""The ``lawlint`` command as installed (console script and ``python -m lawlint``).

It keeps compiled regular expressions between runs (``lawlint.regex_cache``) before
importing the rest of lawlint, whose modules compile most of their patterns on import.
"""
from __future__ import annotations


def main() -> int:
    from lawlint import regex_cache

    regex_cache.install()
    from lawlint.cli import main as run

    return run()
