"""The data shipped inside the package (``lawlint/data``), and reading YAML written by people."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from lawlint.engine.schema import SAFE_LOADER
from lawlint.rule import ConfigError

if TYPE_CHECKING:  # pragma: no cover
    from importlib.resources.abc import Traversable


DATA = Path(__file__).resolve().parent.parent / "data"  # also known to schema._shipped


def data_root() -> Path:
    """The YAML shipped with lawlint, ``lawlint/data``: rule packs (``packs/``), document
    profiles (``profiles/``) and the word lists and patterns the rules read (``lists/``)."""
    return DATA


@functools.cache
def data(name: str) -> Any:
    """A domain data file, ``lawlint/data/lists/<name>.yml`` (word lists, patterns, synonyms)."""
    return yaml.load((DATA / "lists" / f"{name}.yml").read_text(encoding="utf-8"), Loader=SAFE_LOADER)


def yaml_files(folder: Traversable | Path) -> list[Traversable | Path]:
    """The YAML files directly in ``folder`` (names ending in ``.yml`` or ``.yaml``, sorted):
    how every folder of rules, packs and profiles is listed.  A folder so named is listed
    too, and refused with its name when read (``read_text``)."""
    return sorted((f for f in folder.iterdir() if f.name.endswith((".yml", ".yaml"))),
                  key=lambda f: f.name)


def read_text(file: Traversable | Path, what: str = "文件") -> str:
    """A YAML file written by people (rule, pack, profile): one line saying why it cannot be read."""
    if file.is_dir():
        raise ConfigError(f"{file}: 这是一个目录，不是{what}")
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{file}: 第 {exc.start} 字节处不是 UTF-8 编码，请另存为 UTF-8 的{what}") from None
    except OSError as exc:
        raise ConfigError(f"{file}: 无法读取{what}（{exc.strerror or exc}）") from None
