"""lawlint — a linter for Chinese government documents (公文).

Public API for plugin authors: ``hookimpl``, ``Rule``, ``Violation``, ``Fix``,
``Edit``, ``Span``, ``Severity``, ``Document``.  They are imported when first used, so
that ``lawlint.command`` can set up the regular-expression cache before the modules
defining them compile their patterns.
"""
from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["Block", "ConfigError", "Document", "Edit", "Fix", "Rule", "Segment", "Severity", "Span",
           "Violation", "hookimpl", "__version__"]

_HOMES = {"Block": "document", "Document": "document", "Segment": "document", "hookimpl": "hookspecs",
          "ConfigError": "rule", "Edit": "rule", "Fix": "rule", "Rule": "rule", "Severity": "rule", "Span": "rule",
          "Violation": "rule"}

if TYPE_CHECKING:
    from lawlint.document import Block, Document, Segment
    from lawlint.hookspecs import hookimpl
    from lawlint.rule import ConfigError, Edit, Fix, Rule, Severity, Span, Violation


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        value = getattr(import_module(f"lawlint.{_HOMES[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lawlint' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
