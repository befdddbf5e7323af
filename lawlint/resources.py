"""Finding the data shipped in ``rules/`` — inside an installed wheel or in a source checkout."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from lawlint.schema import SAFE_LOADER

if TYPE_CHECKING:  # pragma: no cover
    from importlib.resources.abc import Traversable


@functools.cache
def rules_root() -> Traversable:
    """The ``rules/`` folder: ``lawlint/rules`` in a wheel, the top-level folder in a checkout."""
    here = Path(__file__).resolve().parent
    for folder in (here / "rules", here.parent / "rules"):
        if folder.is_dir():
            return folder
    from importlib import resources  # only where neither is a folder (lawlint imported from a zip)

    packaged = resources.files("lawlint") / "rules"
    if packaged.is_dir():
        return packaged
    raise RuntimeError("lawlint 安装不完整：找不到内置的 rules/ 数据目录")


@functools.cache
def data(name: str) -> Any:
    """A domain data file, ``rules/data/<name>.yml`` (word lists, patterns, synonyms)."""
    return yaml.load((rules_root() / "data" / f"{name}.yml").read_text(encoding="utf-8"), Loader=SAFE_LOADER)
