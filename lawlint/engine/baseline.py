"""A baseline: today's findings recorded, so that only new ones are reported.

``check --write-baseline FILE`` records every finding of the run; ``--baseline FILE`` (or
``baseline:`` in the configuration) leaves out those it holds.  A finding is recorded by
its fingerprint, not its line: the file (relative to the baseline's folder), the rule's
code, a hash of the finding's text with blanks normalised (``results.anchor``), and its
occurrence among the findings of that file with the same code and text.  So a line added
above a finding does not make it new; a finding that was fixed drops out, and its entry
is stale (``--show-stale`` lists those).
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Iterable

from lawlint.engine.results import Finding
from lawlint.rule import ConfigError

VERSION = 1

Key = tuple[str, str, str, int]  # (path, code, anchor, occurrence)


def keyed(findings: Iterable[Finding]) -> list[tuple[str, str, int]]:
    """(code, anchor, occurrence) of each finding of one file, in order."""
    seen: Counter = Counter()
    out = []
    for f in findings:
        seen[f.code, f.anchor] += 1
        out.append((f.code, f.anchor, seen[f.code, f.anchor] - 1))
    return out


class Baseline:
    def __init__(self, path: str | Path, entries: list[dict] | None = None) -> None:
        self.path = Path(path)
        self.folder = self.path.resolve().parent
        self.entries = entries or []
        self.index: dict[Key, dict] = {(e["path"], e["code"], e["anchor"], e["index"]): e for e in self.entries}
        self.matched: set[Key] = set()
        self.seen_paths: set[str] = set()

    @classmethod
    def load(cls, path: str | Path) -> Baseline:
        """The baseline in ``path``; a missing or malformed file is a ConfigError (one line)."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"找不到基线文件 {path}（可先用 --write-baseline {path} 生成）") from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ConfigError(f"无法读取基线文件 {path}：{exc}") from None
        entries = data.get("findings") if isinstance(data, dict) else None
        if (not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(entries, list)
                or not all(isinstance(e, dict) and isinstance(e.get("path"), str) and isinstance(e.get("code"), str)
                           and isinstance(e.get("anchor"), str) and type(e.get("index")) is int for e in entries)):
            raise ConfigError(f"基线文件 {path} 格式不对（应由 lawlint check --write-baseline 生成，版本 {VERSION}）")
        return cls(path, entries)

    def key_path(self, path: str) -> str:
        """``path`` as the baseline writes it: relative to its folder, with forward slashes."""
        if path in ("-", "<stdin>"):
            return "<stdin>"
        try:
            return Path(os.path.relpath(Path(path).resolve(), self.folder)).as_posix()
        except ValueError:  # another drive (Windows)
            return Path(path).resolve().as_posix()

    def new_findings(self, path: str, findings: list[Finding]) -> list[Finding]:
        """The findings of ``path`` the baseline does not hold."""
        where = self.key_path(path)
        self.seen_paths.add(where)
        kept = []
        for f, (code, anchor, occurrence) in zip(findings, keyed(findings)):
            key = (where, code, anchor, occurrence)
            if key in self.index:
                self.matched.add(key)
            else:
                kept.append(f)
        return kept

    def stale(self) -> list[dict]:
        """Entries of the files checked in this run (or of files that are gone) that no
        finding matched: fixed, or changed past recognition."""
        found = []
        for key, entry in self.index.items():
            if key in self.matched:
                continue
            if key[0] in self.seen_paths or (key[0] != "<stdin>" and not (self.folder / key[0]).exists()):
                found.append(entry)
        return found


def record(baseline: Baseline, path: str, findings: list[Finding]) -> list[dict]:
    """Baseline entries of one file's findings; line and message are for the reader only."""
    where = baseline.key_path(path)
    return [{"path": where, "code": code, "anchor": anchor, "index": occurrence, "line": f.line,
             "message": f.message} for f, (code, anchor, occurrence) in zip(findings, keyed(findings))]


def write(path: str | Path, entries: list[dict]) -> None:
    """Write the baseline (atomically: a temporary file beside it, then a rename)."""
    path = Path(path)
    import tempfile  # only when a baseline is written (it loads shutil and random)

    text = json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=1) + "\n"
    try:
        fd, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.resolve().parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(partial, path)
    except OSError as exc:
        raise ConfigError(f"无法写入基线文件 {path}：{exc.strerror or exc}") from None
