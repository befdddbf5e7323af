"""The interface language: Chinese by default, English with ``LAWLINT_LANG=en`` or ``--lang en``.

It decides two things: the severity tags of the text outputs (``[错误]`` or ``[error]``)
and click's own texts (``Usage:``, ``Show this message and exit.``, ``Error: No such
option …``, ``Missing argument …``).  click looks its texts up with the standard gettext
functions; lawlint ships their Chinese translations as a gettext catalogue
(``lawlint/data/locale/zh/LC_MESSAGES/lawlint.po`` and its compiled ``.mo``) and, for
the length of one command, makes that catalogue's domain the default one and names the
language in ``LANGUAGE`` — the variable through which GNU gettext is told the language —
putting both back afterwards.  English needs no catalogue: click's texts are English.
lawlint's own messages, rule texts and option help are Chinese in either language.
"""
from __future__ import annotations

import contextlib
import gettext
import os
from typing import Iterator

from lawlint.engine import resources

LANGUAGES = ("zh", "en")
DEFAULT = "zh"
VARIABLE = "LAWLINT_LANG"
DOMAIN = "lawlint"
_TAGS = {"zh": {"error": "错误", "warning": "警告", "info": "提示"}}
_current = DEFAULT


def parse(value: str | None) -> str | None:
    """``zh``, ``en`` (also ``zh_CN``, ``en-US.UTF-8`` …) or None when it names neither."""
    if not value or not value.strip():
        return DEFAULT
    head = value.strip().replace("-", "_").split("_")[0].split(".")[0].lower()
    return head if head in LANGUAGES else None


def current() -> str:
    return _current


def use(language: str) -> None:
    """Switch the interface to ``language`` (one of LANGUAGES) for the rest of the command."""
    global _current
    _current = language
    os.environ["LANGUAGE"] = language


def tag(severity: str) -> str:
    """How the text outputs name a severity: 错误/警告/提示, or error/warning/info in English."""
    return _TAGS.get(_current, {}).get(severity, severity)


@contextlib.contextmanager
def session(language: str) -> Iterator[None]:
    """One command in ``language``: click's texts come from lawlint's catalogue; the gettext
    domain, ``LANGUAGE`` and the language are as before afterwards."""
    global _current
    before = (_current, os.environ.get("LANGUAGE"), gettext.textdomain())
    gettext.bindtextdomain(DOMAIN, str(resources.data_root() / "locale"))
    gettext.textdomain(DOMAIN)
    use(language)
    try:
        yield
    finally:
        _current, saved, domain = before
        gettext.textdomain(domain)
        if saved is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = saved
