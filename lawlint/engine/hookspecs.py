"""The hooks through which lawlint's own rules and every plugin's contributions arrive.

A plugin is a module (or object) with functions marked ``@hookimpl`` whose names
are the hooks below; it may accept fewer arguments than the spec.  Plugins are
found through the ``lawlint`` entry-point group, whose entry-point name is the
plugin's rule-code prefix (``XA = "lawlint_example_agency"``).  lawlint registers
its own built-ins through these same hooks (``lawlint/builtin.py``).
"""
from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("lawlint")
hookimpl = pluggy.HookimplMarker("lawlint")


@hookspec
def register_rules():
    """Return a list of ``lawlint.Rule`` subclasses provided by this plugin."""


@hookspec
def register_kinds():
    """Return a list of YAML rule kinds: ``lawlint.kinds.base.YamlRule`` subclasses with a unique ``kind``."""


@hookspec
def register_packs():
    """Return a list of rule-pack folders (paths or importlib.resources files), each holding YAML rules."""


@hookspec
def register_profiles():
    """Return a list of document-profile YAML files (paths or importlib.resources files)."""


@hookspec
def register_formatters():
    """Return a list of output ``lawlint.output.formatters.Formatter`` subclasses, each with a unique ``name``."""


@hookspec
def register_file_types():
    """Return the file extensions (``".docx"``) this plugin's ``load_document`` reads in directories."""


@hookspec(firstresult=True)
def load_document(path, data, options):
    """Turn ``data`` (the bytes of ``path``) into a ``lawlint.Document``, or return None to pass.

    ``options``: how the user asked documents to be read (``{"whole_page": True}`` for
    ``--whole-page``); a loader may leave the argument out."""


@hookspec
def register_commands(cli):
    """Add subcommands to the ``lawlint`` click group ``cli``."""
