"""Ecosystem check: lint a corpus of real documents and compare with the stored findings.

    python bench/corpus_check.py CORPUS_DIR                 # diff + precision table (exit 1 on a diff)
    python bench/corpus_check.py CORPUS_DIR --update        # accept the current findings
    python bench/corpus_check.py CORPUS_DIR --unjudged      # list the findings nobody has judged
    python bench/corpus_check.py CORPUS_DIR --markdown      # the precision table in Markdown
    python bench/corpus_check.py --set VERDICT ID... [--note TEXT]   # record verdicts

Run it before committing a rule change.  It checks every .txt, .text, .md and .markdown file
under CORPUS_DIR (recursively, skipping hidden folders, as `lawlint check DIR` does) with the
lawlint of this checkout (`python -m lawlint check --no-cache --format json --isolated`, run from the
checkout) and compares the findings with the expected ones stored in --expected FILE
(default bench/corpus_expected.yaml).  Installed lawlint plugins take part, as in any run;
set LAWLINT_LOAD_PLUGINS= (empty) to leave them out.

The expected file holds no document text (the documents are third-party), only, per file
keyed by its path relative to CORPUS_DIR:

    real/004_example.txt:
      - [2, 112, PU005, true]
      - [1, 1, ST001, false, topical headings]     # [line, column, CODE, verdict, note]

A finding is identified by file, line, column and code.  Verdicts:
    true       a right finding: a careful reviewer flags it
    false      a false alarm: lawlint must stay quiet there (a new one is a regression)
    debatable  reviewers could disagree
    unjudged   nobody has judged it yet
Precision = true / (true + false), per rule, per family (the letters of the code) and overall,
counted over the CURRENT findings with the verdicts stored for them; debatable and unjudged
findings do not count ("—" when nothing is judged).

Default run: for each file, `+ path:line:col CODE message` for a new finding (the message cut
to about 60 characters) and `- path:line:col CODE [verdict] (note)` for a stored finding that
is gone; then the precision table.  Exit status 0 when nothing changed, 1 when something did
(a gate), 2 on an error (lawlint crashed or could not read a file, bad expected file, ...).

--update rewrites the expected file with the current findings: stored findings that remain
keep their verdict and note, new ones are `unjudged`, vanished ones are dropped (and listed).
With --rules/--family only the findings of those rules are updated; the others stay as stored.

--set VERDICT ID... stores a verdict (without running lawlint).  An ID is a stored finding as
printed by this script, `path:line:col CODE`, or `path:line:col:CODE`; when one file has several
findings of one code at one position (ST001 lists each missing part at 1:1) they are printed
as CODE#1, CODE#2, ... in stored order, and an ID without #N sets them all.  `-` reads IDs
from standard input, one per line, ignoring lines that name none, e.g.

    python bench/corpus_check.py /work/shared/corpus --unjudged --rules PU005 \\
        | grep 2021 | python bench/corpus_check.py --set true -

--note TEXT sets the note of those findings (a few English words, never quoted document text;
"" removes it); without --note the note is kept.  Record the current findings (--update)
before judging them.

--rules CODE[,CODE] and --family FAMILY[,FAMILY] (repeatable) restrict the diff, the table,
--unjudged and --update to those rules (a finding is shown if either option selects it).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EXPECTED = Path("bench") / "corpus_expected.yaml"
SUFFIXES = (".txt", ".text", ".md", ".markdown")  # lawlint.document.loaders.TEXT_EXTENSIONS
SKIP_DIRS = {"node_modules", "__pycache__", "venv"}  # as lawlint check DIR
VERDICTS = ("true", "false", "debatable", "unjudged")
BATCH_CHARS = 30_000  # command-line budget per lawlint run (Windows allows 32,767)
MESSAGE_CHARS = 60
CODE = re.compile(r"[A-Z]+[0-9]+")
FAMILY = re.compile(r"[A-Z]+")
# An ID inside a line: ":line:col" then CODE (after ":" or blanks), optionally "#N".
ID_TAIL = re.compile(r":(\d+):(\d+)(?::[ \t]*|[ \t]+)([A-Z]+[0-9]+)(?:#(\d+))?(?![A-Za-z0-9])")

HEADER = """\
# Expected findings of lawlint on a corpus of real documents: bench/corpus_check.py.
# Per file (path relative to the corpus folder): [line, column, CODE, verdict] or
# [line, column, CODE, verdict, note].  No document text here: the documents are
# third-party; a note is a few English words.  Verdicts:
#   true       a right finding: a careful reviewer flags it
#   false      a false alarm: lawlint must stay quiet there
#   debatable  reviewers could disagree (not counted in precision)
#   unjudged   not judged yet (not counted in precision)
# Update:  python bench/corpus_check.py CORPUS_DIR --update   (keeps the verdicts of findings that remain)
# Judge:   python bench/corpus_check.py --set false 'path:line:col CODE' --note 'why'
# Several findings of one code at one position (ST001 at a title) keep lawlint's order.
# The script rewrites this file: comments other than this header are not kept.
"""


class Failure(Exception):
    """An error reported in one line, exit status 2."""


@dataclass
class Finding:
    """A finding of the current lawlint."""
    line: int
    column: int
    code: str
    message: str

    @property
    def key(self) -> tuple[int, int, str]:
        return self.line, self.column, self.code


@dataclass
class Entry:
    """A stored finding with its verdict."""
    line: int
    column: int
    code: str
    verdict: str = "unjudged"
    note: str = ""

    @property
    def key(self) -> tuple[int, int, str]:
        return self.line, self.column, self.code

    def row(self) -> list:
        return [self.line, self.column, self.code, self.verdict] + ([self.note] if self.note else [])


def family(code: str) -> str:
    return FAMILY.match(code).group()


# ---------------------------------------------------------------- corpus and lawlint

def collect(corpus: Path) -> list[tuple[str, Path]]:
    """(key, path) of the documents under ``corpus``, sorted by key."""
    found = []
    corpus = corpus.resolve()  # lawlint runs from the checkout, not from here
    for path in corpus.rglob("*"):
        relative = path.relative_to(corpus)
        if (path.suffix.lower() in SUFFIXES and path.is_file()
                and not any(part.startswith(".") or part in SKIP_DIRS for part in relative.parts[:-1])):
            found.append((relative.as_posix(), path))
    return sorted(found)


def batches(files: Sequence[tuple[str, Path]]) -> Iterable[list[tuple[str, Path]]]:
    batch: list[tuple[str, Path]] = []
    size = 0
    for item in files:
        length = len(str(item[1])) + 1
        if batch and size + length > BATCH_CHARS:
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += length
    if batch:
        yield batch


def lint(files: Sequence[tuple[str, Path]]) -> dict[str, list[Finding]]:
    """The current findings per file key, sorted by line, column and code (lawlint's order within)."""
    found: dict[str, list[Finding]] = {key: [] for key, _ in files}
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    for batch in batches(files):
        by_arg = {str(path): key for key, path in batch}
        command = [sys.executable, "-m", "lawlint", "check", "--no-cache", "--format", "json", "--isolated", *by_arg]
        # Run from the checkout so that `-m lawlint` imports this checkout's lawlint.
        proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8",
                              errors="replace")
        try:
            report = json.loads(proc.stdout)
            violations, reports = report["violations"], report["files"]
        except (ValueError, KeyError, TypeError):
            report = None
        if proc.returncode not in (0, 1) or report is None:
            unreadable = [f for f in (reports if report else []) if isinstance(f, dict) and f.get("error")]
            if unreadable:
                first = unreadable[0]
                detail = f"cannot check {by_arg.get(first['path'], first['path'])}: {first['error']}"
                if len(unreadable) > 1:
                    detail += f" (and {len(unreadable) - 1} more files)"
            else:
                lines = [line for line in proc.stderr.splitlines() if line.strip()]
                detail = lines[-1].strip() if lines else "no JSON report and no message"
            raise Failure(f"lawlint exited with status {proc.returncode}: {detail}")
        if proc.stderr.strip():
            sys.stderr.write(proc.stderr)
        for v in violations:
            key = by_arg.get(v["path"])
            if key is None:
                raise Failure(f"lawlint reported a file it was not given: {v['path']}")
            found[key].append(Finding(v["line"], v["column"], v["code"], v["message"]))
    for findings in found.values():
        findings.sort(key=lambda f: f.key)
    return found


# ---------------------------------------------------------------- the expected file

def load_expected(path: Path) -> dict[str, list[Entry]]:
    if not path.exists():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        raise Failure(f"{path}{where}: not valid YAML: {error.problem or error.context}") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise Failure(f"{path}: cannot read: {' '.join(str(error).split())}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise Failure(f"{path}: expected a mapping of file paths to lists of findings")
    stored: dict[str, list[Entry]] = {}
    for key, rows in data.items():
        if not isinstance(key, str):
            raise Failure(f"{path}: {key!r}: a file path must be a string")
        if rows is None:
            rows = []
        if not isinstance(rows, list):
            raise Failure(f"{path}: {key}: expected a list of [line, column, CODE, verdict(, note)]")
        stored[key] = [_entry(path, key, row) for row in rows]
        stored[key].sort(key=lambda e: e.key)
    return stored


def _entry(path: Path, key: str, row: object) -> Entry:
    def bad(why: str) -> Failure:
        return Failure(f"{path}: {key}: {row!r}: {why}")

    if not isinstance(row, list) or len(row) not in (4, 5):
        raise bad("expected [line, column, CODE, verdict] or [line, column, CODE, verdict, note]")
    line, column, code, verdict = row[:4]
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 1 for n in (line, column)):
        raise bad("line and column must be positive integers")
    if not isinstance(code, str) or not CODE.fullmatch(code):
        raise bad("the code must look like PU001")
    if isinstance(verdict, bool):
        verdict = "true" if verdict else "false"
    if verdict not in VERDICTS:
        raise bad(f"the verdict must be one of {', '.join(VERDICTS)}")
    note = row[4] if len(row) == 5 else ""
    if not isinstance(note, str):
        raise bad("the note must be a string")
    return Entry(line, column, code, verdict, note)


def _scalar(value: object) -> str:
    """``value`` as a YAML flow scalar (quoted only where YAML needs it)."""
    return yaml.safe_dump([value], default_flow_style=True, allow_unicode=True, width=1 << 30)[1:-2]


def dump_expected(path: Path, stored: dict[str, list[Entry]]) -> None:
    """Write the expected file: files sorted, findings by line, column, code (stable)."""
    out = [HEADER]
    rows: dict[str, list[list]] = {}
    for key in sorted(stored):
        entries = sorted(stored[key], key=lambda e: e.key)
        rows[key] = [e.row() for e in entries]
        if not entries:
            out.append(f"{_scalar(key)}: []\n")
            continue
        out.append(f"{_scalar(key)}:\n")
        for e in entries:
            # The verdict is written plain: true and false read back as booleans, as in the header.
            fields = [str(e.line), str(e.column), _scalar(e.code), e.verdict] + ([_scalar(e.note)] if e.note else [])
            out.append(f"  - [{', '.join(fields)}]\n")
    text = "".join(out)
    # The file must read back as written: a note YAML misreads would cost a verdict later.
    back = {key: [_entry(path, key, row).row() for row in entries or []]
            for key, entries in (yaml.safe_load(text) or {}).items()}
    if back != rows:
        raise Failure(f"{path}: internal error: the expected file would not read back as written")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8", newline="\n")
    os.replace(temporary, path)


# ---------------------------------------------------------------- comparing

@dataclass
class Row:
    """One line of the diff or of --unjudged."""
    key: str
    line: int
    column: int
    code: str
    ordinal: int  # 1-based among findings of this file with this line, column and code; 0 if alone
    sign: str  # "+", "-" or "" (a listed current finding)
    text: str

    def ident(self) -> str:
        number = f"#{self.ordinal}" if self.ordinal else ""
        return f"{self.key}:{self.line}:{self.column} {self.code}{number}"

    def render(self) -> str:
        head = f"{self.sign} " if self.sign else ""
        return f"{head}{self.ident()} {self.text}".rstrip()


@dataclass
class Comparison:
    current: dict[str, list[tuple[Finding, Entry | None, int]]]  # selected findings, stored entry, ordinal
    vanished: dict[str, list[tuple[Entry, int]]]
    added_files: list[str]
    removed_files: list[str]
    reordered: list[str]  # positions whose verdicts were paired by order although the count changed

    @property
    def new_count(self) -> int:
        return sum(entry is None for found in self.current.values() for _, entry, _ in found)

    @property
    def vanished_count(self) -> int:
        return sum(len(gone) for gone in self.vanished.values())

    @property
    def changed(self) -> bool:
        return bool(self.new_count or self.vanished_count or self.added_files or self.removed_files)


def compare(current: dict[str, list[Finding]], stored: dict[str, list[Entry]],
            selected: Callable[[str], bool]) -> Comparison:
    """Pair current findings with stored ones of the same file, line, column and code.

    Several findings at one position with one code pair up in order (lawlint's order, which
    the expected file keeps)."""
    result = Comparison({}, {}, sorted(set(current) - set(stored)), sorted(set(stored) - set(current)), [])
    for key in sorted(set(current) | set(stored)):
        old: dict[tuple, list[Entry]] = defaultdict(list)
        for entry in stored.get(key, []):
            if selected(entry.code):
                old[entry.key].append(entry)
        new: dict[tuple, list[Finding]] = defaultdict(list)
        for finding in current.get(key, []):
            if selected(finding.code):
                new[finding.key].append(finding)
        paired = []
        for finding in current.get(key, []):
            if not selected(finding.code):
                continue
            group, before = new[finding.key], old.get(finding.key, [])
            index = next(i for i, f in enumerate(group) if f is finding)
            paired.append((finding, before[index] if index < len(before) else None,
                           index + 1 if len(group) > 1 else 0))
        gone = []
        for position, before in old.items():
            now = len(new.get(position, []))
            gone.extend((entry, i + 1 if len(before) > 1 else 0) for i, entry in enumerate(before) if i >= now)
            if now and now != len(before) and len({(e.verdict, e.note) for e in before}) > 1:
                line, column, code = position
                result.reordered.append(f"{key}:{line}:{column} {code}")
        result.current[key] = paired
        result.vanished[key] = gone
    return result


def diff_rows(comparison: Comparison) -> dict[str, list[Row]]:
    rows: dict[str, list[Row]] = {}
    for key in sorted(set(comparison.current) | set(comparison.vanished)):
        found = [Row(key, f.line, f.column, f.code, n, "+", shorten(f.message))
                 for f, entry, n in comparison.current.get(key, []) if entry is None]
        found += [Row(key, e.line, e.column, e.code, n, "-", f"[{e.verdict}]" + (f" ({e.note})" if e.note else ""))
                  for e, n in comparison.vanished.get(key, [])]
        if found:
            rows[key] = sorted(found, key=lambda r: (r.line, r.column, r.code, r.ordinal, r.sign == "+"))
    return rows


def shorten(message: str, limit: int = MESSAGE_CHARS) -> str:
    message = " ".join(message.split())
    return message if len(message) <= limit else message[:limit - 1] + "…"


def print_diff(comparison: Comparison, expected_name: str) -> None:
    rows = diff_rows(comparison)
    for key in sorted(set(rows) | set(comparison.added_files) | set(comparison.removed_files)):
        if key in comparison.added_files:
            print(f"+ {key} (new file in the corpus)")
        if key in comparison.removed_files:
            print(f"- {key} (no longer in the corpus)")
        for row in rows.get(key, []):
            print(row.render())
        print()
    for where in comparison.reordered:
        print(f"note: {where}: the number of findings changed and their verdicts differ; "
              f"verdicts are paired in order, check them")
    if comparison.changed:
        files = len(set(rows) | set(comparison.added_files) | set(comparison.removed_files))
        print(f"{comparison.new_count} new, {comparison.vanished_count} vanished "
              f"(in {files} file{'s' if files != 1 else ''}) compared with {expected_name}")
    else:
        total = sum(len(found) for found in comparison.current.values())
        print(f"No change: {total} findings in {len(comparison.current)} files as in {expected_name}")


# ---------------------------------------------------------------- precision

COLUMNS = ("Findings", "True", "False", "Debatable", "Unjudged", "Precision")


def tally(comparison: Comparison) -> dict[str, Counter]:
    """Verdict counts per rule over the current (selected) findings."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for found in comparison.current.values():
        for finding, entry, _ in found:
            counts[finding.code][entry.verdict if entry else "unjudged"] += 1
    return counts


def figures(counter: Counter) -> list[str]:
    true, false = counter["true"], counter["false"]
    precision = f"{100 * true / (true + false):.1f}%" if true + false else "—"
    return [str(sum(counter[v] for v in VERDICTS))] + [str(counter[v]) for v in VERDICTS] + [precision]


def table_sections(counts: dict[str, Counter]) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    families: dict[str, Counter] = defaultdict(Counter)
    overall: Counter = Counter()
    for code, counter in counts.items():
        families[family(code)].update(counter)
        overall.update(counter)
    return [("Rule", [(code, figures(counts[code])) for code in sorted(counts)]),
            ("Family", [(name, figures(families[name])) for name in sorted(families)]
             + [("All", figures(overall))])]


def print_table(counts: dict[str, Counter]) -> None:
    if not counts:
        print("\nNo findings.")
        return
    for title, rows in table_sections(counts):
        widths = [max(len(title), *(len(name) for name, _ in rows))] + [
            max(len(column), *(len(values[i]) for _, values in rows)) for i, column in enumerate(COLUMNS)]
        print()
        print("  ".join([title.ljust(widths[0])] + [c.rjust(w) for c, w in zip(COLUMNS, widths[1:])]))
        for name, values in rows:
            print("  ".join([name.ljust(widths[0])] + [v.rjust(w) for v, w in zip(values, widths[1:])]))


def print_markdown(counts: dict[str, Counter]) -> None:
    for index, (title, rows) in enumerate(reversed(table_sections(counts))):
        if index:
            print()
        print(f"| {title} | " + " | ".join(COLUMNS) + " |")
        print("|---|" + "---:|" * len(COLUMNS))
        for name, values in rows:
            label = f"**{name}**" if name == "All" else name
            print(f"| {label} | " + " | ".join(values) + " |")


# ---------------------------------------------------------------- commands

def update(comparison: Comparison, stored: dict[str, list[Entry]], current: dict[str, list[Finding]],
           selected: Callable[[str], bool]) -> dict[str, list[Entry]]:
    """The new expected findings: the current ones (verdicts carried over) for the selected rules,
    the stored ones for the others."""
    result: dict[str, list[Entry]] = {}
    for key in sorted(set(current) | set(stored)):
        kept = [entry for entry in stored.get(key, []) if not selected(entry.code)]
        kept += [Entry(f.line, f.column, f.code, entry.verdict, entry.note) if entry
                 else Entry(f.line, f.column, f.code) for f, entry, _ in comparison.current.get(key, [])]
        if key in current or kept:
            result[key] = sorted(kept, key=lambda e: e.key)
    return result


@dataclass
class Target:
    key: str
    line: int
    column: int
    code: str
    ordinal: int  # 0: every stored finding at that position with that code

    def __str__(self) -> str:
        return f"{self.key}:{self.line}:{self.column} {self.code}" + (f"#{self.ordinal}" if self.ordinal else "")


def parse_target(text: str) -> Target | None:
    """The finding named in ``text`` (`path:line:col CODE`, `path:line:col:CODE`, a diff line)."""
    text = text.strip()
    if text[:2] in ("+ ", "- "):
        text = text[2:]
    match = ID_TAIL.search(text)
    if not match or match.start() == 0:
        return None
    line, column, code, ordinal = match.groups()
    return Target(text[:match.start()], int(line), int(column), code, int(ordinal or 0))


def targets_from(tokens: Sequence[str]) -> list[Target]:
    """IDs from the command line (`path:line:col CODE` may come as two words) or, for `-`, stdin."""
    targets: list[Target] = []
    words = list(tokens)
    i = 0
    while i < len(words):
        word = words[i]
        if word == "-":
            targets.extend(t for t in map(parse_target, sys.stdin) if t)
            i += 1
            continue
        if (i + 1 < len(words) and re.search(r":\d+:\d+:?$", word)
                and re.fullmatch(r"[A-Z]+[0-9]+(?:#\d+)?", words[i + 1])):
            word, i = f"{word} {words[i + 1]}", i + 1
        target = parse_target(word)
        if target is None:
            raise Failure(f"{word!r} names no finding: write path:line:col:CODE or 'path:line:col CODE'")
        targets.append(target)
        i += 1
    return targets


def set_verdicts(expected: Path, verdict: str, tokens: Sequence[str], note: str | None) -> int:
    if verdict not in VERDICTS:
        raise Failure(f"unknown verdict {verdict!r}: use one of {', '.join(VERDICTS)}")
    targets = targets_from(tokens)
    if not targets:
        raise Failure("--set needs at least one finding (path:line:col:CODE, or - to read them from stdin)")
    stored = load_expected(expected)
    chosen: dict[int, Entry] = {}
    missing = []
    for target in targets:
        group = [e for e in stored.get(target.key, []) if e.key == (target.line, target.column, target.code)]
        if target.ordinal:
            group = group[target.ordinal - 1:target.ordinal]
        if not group:
            missing.append(str(target))
        chosen.update((id(e), e) for e in group)
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise Failure(f"{missing[0]}{more} is not in {expected}; record the current findings first "
                      f"with --update")
    for entry in chosen.values():
        entry.verdict = verdict
        if note is not None:
            entry.note = " ".join(note.split())
    dump_expected(expected, stored)
    print(f"{verdict}: {len(chosen)} finding{'s' if len(chosen) != 1 else ''} in {expected}")
    return 0


def selection(rules: Sequence[str], families: Sequence[str]) -> tuple[Callable[[str], bool], set[str], set[str]]:
    codes = {c.strip().upper() for value in rules for c in value.split(",") if c.strip()}
    names = {c.strip().upper() for value in families for c in value.split(",") if c.strip()}
    for code in codes:
        if not CODE.fullmatch(code):
            raise Failure(f"--rules: {code!r} is not a rule code like PU001")
    for name in names:
        if not FAMILY.fullmatch(name):
            raise Failure(f"--family: {name!r} is not a family like PU")
    if not codes and not names:
        return (lambda code: True), codes, names
    return (lambda code: code in codes or family(code) in names), codes, names


def display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="corpus_check.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", metavar="CORPUS_DIR", help="folder of documents to check")
    parser.add_argument("--expected", metavar="FILE", type=Path, default=ROOT / DEFAULT_EXPECTED,
                        help=f"expected findings (default {DEFAULT_EXPECTED.as_posix()})")
    parser.add_argument("--rules", action="append", default=[], metavar="CODE[,CODE]",
                        help="only these rules")
    parser.add_argument("--family", action="append", default=[], metavar="FAMILY[,FAMILY]",
                        help="only these families (PU, TX, ...)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--update", action="store_true", help="store the current findings, keeping verdicts")
    mode.add_argument("--unjudged", action="store_true", help="list the current unjudged findings")
    mode.add_argument("--markdown", action="store_true", help="print the precision table as Markdown")
    mode.add_argument("--set", nargs="+", metavar=("VERDICT", "ID"),
                      help="store VERDICT (true, false, debatable, unjudged) for the findings ID...")
    parser.add_argument("--note", metavar="TEXT", help="with --set: the note of those findings")
    args = parser.parse_args(argv)
    if args.note is not None and not args.set:
        parser.error("--note goes with --set")
    if args.set is None and args.corpus is None:
        parser.error("CORPUS_DIR is required (except with --set)")
    if args.set is not None and len(args.set) < 2:
        parser.error("--set needs a verdict and at least one finding ID")
    return args


def run(args: argparse.Namespace) -> int:
    expected: Path = args.expected
    if args.set is not None:
        # A corpus folder may be given (and is not needed); an ID after --note lands here too.
        if args.corpus is not None and parse_target(args.corpus):
            args.set.append(args.corpus)
        return set_verdicts(expected, args.set[0], args.set[1:], args.note)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        raise Failure(f"{corpus}: not a folder")
    selected, codes, names = selection(args.rules, args.family)
    files = collect(corpus)
    if not files:
        raise Failure(f"{corpus}: no {', '.join(SUFFIXES)} files")
    stored = load_expected(expected)
    name = display(expected)
    if not expected.exists():
        print(f"note: {name} does not exist yet (--update creates it)", file=sys.stderr)
    if stored and not set(stored) & {key for key, _ in files}:
        message = (f"none of the {len(files)} files under {corpus} is in {name}: is this the corpus it was made "
                   f"for? (--expected FILE keeps the findings of another corpus)")
        if args.update:
            raise Failure(message)
        print(f"warning: {message}", file=sys.stderr)
    current = lint(files)
    comparison = compare(current, stored, selected)
    for code in sorted(codes):
        if not any(f.code == code for found in current.values() for f in found) and \
                not any(e.code == code for entries in stored.values() for e in entries):
            print(f"note: no finding of {code} in the corpus or in {name}", file=sys.stderr)
    if args.unjudged:
        count = 0
        for key, found in comparison.current.items():
            for finding, entry, ordinal in found:
                if entry is None or entry.verdict == "unjudged":
                    count += 1
                    print(Row(key, finding.line, finding.column, finding.code, ordinal, "",
                              " ".join(finding.message.split())).render())
        print(f"{count} unjudged finding{'s' if count != 1 else ''}", file=sys.stderr)
        if comparison.new_count:
            print(f"note: {comparison.new_count} of them are not in {name} yet: run --update before --set",
                  file=sys.stderr)
        return 0
    if args.markdown:
        if comparison.changed:
            print(f"note: the findings differ from {name} (run without --markdown to see how)", file=sys.stderr)
        print_markdown(tally(comparison))
        return 0
    print_diff(comparison, name)
    if args.update:
        updated = update(comparison, stored, current, selected)
        dump_expected(expected, updated)
        total = sum(len(entries) for entries in updated.values())
        print(f"Wrote {name}: {total} findings in {len(updated)} files "
              f"({comparison.new_count} new, unjudged; {comparison.vanished_count} dropped)")
    print_table(tally(comparison))
    return 0 if args.update or not comparison.changed else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except Failure as error:
        print(f"corpus_check.py: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `... | head`: stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as error:
        print(f"corpus_check.py: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
