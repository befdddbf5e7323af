"""青山县司法局's lawlint rules: two Python rules, a YAML pack and a provincial profile."""
from __future__ import annotations

from importlib import resources

from lawlint import hookimpl

__version__ = "0.1.0"


@hookimpl
def register_rules():
    from lawlint_example_agency.doc_number_code import DocNumberCode
    from lawlint_example_agency.signature_name import SignatureName

    return [DocNumberCode, SignatureName]


@hookimpl
def register_packs():
    return [resources.files(__name__) / "packs" / "xa-terms"]


@hookimpl
def register_profiles():
    return [resources.files(__name__) / "profiles" / "jiangnan-fazhi-report.yml"]
