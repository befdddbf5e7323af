"""lawlint — a linter for Chinese government documents (公文).

Public API for plugin authors: ``hookimpl``, ``Rule``, ``Violation``, ``Fix``,
``Edit``, ``Span``, ``Severity``, ``Applicability``, ``Availability``, ``Document``.
"""
__version__ = "0.1.0"

from lawlint.document import Block, Document, Segment
from lawlint.engine.hookspecs import hookimpl
from lawlint.rule import (
    Applicability,
    Availability,
    ConfigError,
    Edit,
    Fix,
    Rule,
    Severity,
    Span,
    Violation,
)

__all__ = ["Applicability", "Availability", "Block", "ConfigError", "Document", "Edit", "Fix", "Rule", "Segment",
           "Severity", "Span", "Violation", "hookimpl", "__version__"]
