"""Finding the data shipped in ``rules/`` — inside an installed wheel or in a source checkout."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from lawlint.rule import ConfigError
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


def read_text(file: "Traversable | Path", what: str = "文件") -> str:
    """A YAML file written by people (rule, pack, profile): one line saying why it cannot be read."""
    if file.is_dir():
        raise ConfigError(f"{file}: 这是一个目录，不是{what}")
    try:
        return file.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{file}: 第 {exc.start} 字节处不是 UTF-8 编码，请另存为 UTF-8 的{what}") from None
    except OSError as exc:
        raise ConfigError(f"{file}: 无法读取{what}（{exc.strerror or exc}）") from None
