"""lawlint's own contributions, registered through the same hooks as any plugin."""
from __future__ import annotations

from lawlint import loaders, resources
from lawlint.hookspecs import hookimpl


@hookimpl
def register_rules():
    from lawlint.checks.duplicate_sentence import DuplicateSentence
    from lawlint.checks.heading_numbering import HeadingNumbering
    from lawlint.checks.inconsistent_dates import InconsistentDates
    from lawlint.checks.late_report import LateReport
    from lawlint.checks.malformed_date import MalformedDate
    from lawlint.checks.malformed_doc_number import MalformedDocNumber
    from lawlint.checks.mandatory_part_order import MandatoryPartOrder
    from lawlint.checks.near_duplicate import NearDuplicate
    from lawlint.checks.signature import Signature
    from lawlint.checks.title import Title

    return [MandatoryPartOrder, Title, Signature, HeadingNumbering,
            MalformedDocNumber, MalformedDate, InconsistentDates, LateReport,
            DuplicateSentence, NearDuplicate]


@hookimpl
def register_kinds():
    from lawlint.kinds.conditional import Conditional
    from lawlint.kinds.consistency import Consistency
    from lawlint.kinds.existence import Existence
    from lawlint.kinds.occurrence import Occurrence
    from lawlint.kinds.repetition import Repetition
    from lawlint.kinds.required import Required
    from lawlint.kinds.substitution import Substitution

    return [Existence, Substitution, Occurrence, Repetition, Consistency, Conditional, Required]


@hookimpl
def register_packs():
    from lawlint.packs import pack_folders

    return pack_folders(resources.rules_root() / "packs")


@hookimpl
def register_profiles():
    folder = resources.rules_root() / "profiles"
    return sorted((f for f in folder.iterdir() if f.name.endswith((".yml", ".yaml"))), key=lambda f: f.name)


@hookimpl
def register_formatters():
    from lawlint.formatters import JsonFormatter, TextFormatter

    return [TextFormatter, JsonFormatter]


@hookimpl
def register_file_types():
    return list(loaders.TEXT_EXTENSIONS)


@hookimpl(trylast=True)
def load_document(path, data):
    """Plain text and Markdown; also any file named explicitly that no other loader took."""
    return loaders.load(path, data)
