"""Output formats for CI services and editors: ``concise``, ``github``, ``gitlab``,
``junit`` and ``sarif``, and the per-rule counts of ``--statistics``.

Each writes a file's findings when it gets them, as ``json`` does: only a few numbers
per file or per rule are kept for the end.  What a document holds reaches these
outputs only through escaping that its format defines (workflow-command escapes, JSON,
XML with the characters XML cannot carry written as ``\\xNN``), so a document cannot
forge an annotation or break the report.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote

from lawlint import __version__
from lawlint.output import interface
from lawlint.output.formatters import Formatter, Summary, TextFormatter, printable
from lawlint.rule import Severity

if TYPE_CHECKING:  # pragma: no cover
    from lawlint.engine.linter import FileResult
    from lawlint.engine.results import Finding


def _dumps(value) -> str:
    """JSON on one line; U+2028/U+2029 escaped as jsonl does (some readers split lines on them)."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class ConciseFormatter(TextFormatter):
    """``path:line:col: CODE [severity] message``, one line per finding, never grouped."""

    name = "concise"
    description = "每个问题一行（位置、代码、严重程度、说明），不合并、不摘录原文"

    def __init__(self, stream, **options) -> None:
        super().__init__(stream, **options)
        self.show_all = True
        self.summary_line = not self.quiet
        self.quiet = True

    def finish(self, summary: Summary) -> None:
        if self.summary_line:
            self.quiet = False
            super().finish(summary)


# -- GitHub Actions workflow commands ------------------------------------------------------
_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def github_data(text: str) -> str:
    """A workflow command's message: %, CR and LF escaped as the runner unescapes them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A property value (file, title): also : and , which end a value."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    """``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message``: GitHub
    Actions shows each as an annotation on the line of the pull request."""

    name = "github"
    description = "GitHub Actions 的工作流注释（::error file=…::…）"

    def file(self, result: FileResult) -> None:
        path = github_property(result.path)
        if result.error:
            self.write(f"::error file={path},title=lawlint::{github_data(result.error)}")
        for f in result.findings:
            level = _GITHUB_LEVELS.get(f.severity, "warning")
            where = f"line={f.line},col={f.column}"
            if (f.end_line, f.end_column) != (f.line, f.column):
                where += f",endLine={f.end_line},endColumn={f.end_column}"
            self.write(f"::{level} file={path},{where},title={github_property(f.code)}::"
                       f"{github_data(f'{f.code} {f.message}')}")


# -- GitLab Code Quality ---------------------------------------------------------------------
_GITLAB_SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


class GitlabFormatter(Formatter):
    """GitLab Code Quality: a JSON list of ``{description, check_name, fingerprint, severity,
    location: {path, lines: {begin}}}``.  The fingerprint is the path, the rule, the message
    and how many equal findings came before in the file — not the line — so that a finding
    keeps its fingerprint when lines are added above it and GitLab does not call it new."""

    name = "gitlab"
    description = "GitLab 代码质量报告（Code Quality JSON）"

    def start(self) -> None:
        self.written = 0
        self.stream.write("[")

    def file(self, result: FileResult) -> None:
        seen: dict[tuple[str, str], int] = {}
        items = []
        if result.error:
            items.append(("lawlint", result.error, "critical", 1, 1))
        for f in result.findings:
            items.append((f.code, f.message, _GITLAB_SEVERITIES.get(f.severity, "minor"), f.line, f.column))
        for code, message, severity, line, column in items:
            occurrence = seen[(code, message)] = seen.get((code, message), -1) + 1
            key = "\0".join((result.path, code, message, str(occurrence)))
            record = {"description": f"{code} {message}", "check_name": code,
                      "fingerprint": hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest(),
                      "severity": severity,
                      "location": {"path": result.path, "lines": {"begin": line},
                                   "positions": {"begin": {"line": line, "column": column}}}}
            self.stream.write(("," if self.written else "") + "\n  " + _dumps(record))
            self.written += 1

    def finish(self, summary: Summary) -> None:
        self.stream.write("\n]\n" if self.written else "]\n")


# -- JUnit XML --------------------------------------------------------------------------------
# What XML 1.0 cannot hold at all (not even as a character reference); written as \xNN.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _xml_text(text: str) -> str:
    from xml.sax.saxutils import escape  # only JUnit needs it (it pulls in urllib and http)

    return escape(_NOT_XML.sub(lambda m: f"\\x{ord(m[0]):02x}", text))


def _xml_attr(text: str) -> str:
    from xml.sax.saxutils import quoteattr

    return quoteattr(_NOT_XML.sub(lambda m: f"\\x{ord(m[0]):02x}", text), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


class JunitFormatter(Formatter):
    """JUnit XML: one ``<testsuite>`` per file; in it one ``<testcase>`` per rule that found
    something, with one ``<failure>`` per finding, or a single passing testcase for a clean
    file; a file that could not be read is an ``<error>``.  CI services show these as tests."""

    name = "junit"
    description = "JUnit XML（每个文件一个 testsuite，每条规则一个 testcase，每个问题一个 failure）"

    def start(self) -> None:
        self.write('<?xml version="1.0" encoding="UTF-8"?>')
        self.write('<testsuites name="lawlint">')

    def file(self, result: FileResult) -> None:
        path = _xml_attr(result.path)
        by_code: dict[str, list[Finding]] = {}
        for f in result.findings:
            by_code.setdefault(f.code, []).append(f)
        tests = max(1, len(by_code))
        errors = 1 if result.error else 0
        self.write(f'  <testsuite name={path} tests={_xml_attr(str(tests))} failures="{len(by_code)}" '
                   f'errors="{errors}" skipped="0">')
        if result.error:
            self.write(f'    <testcase name="lawlint" classname={path} file={path}>')
            self.write(f'      <error message={_xml_attr(result.error)} type="InputError"/>')
            self.write("    </testcase>")
        elif not by_code:
            self.write(f'    <testcase name="lawlint" classname={path} file={path}/>')
        for code, group in by_code.items():
            self.write(f'    <testcase name={_xml_attr(code)} classname={path} file={path} '
                       f'line="{group[0].line}">')
            for f in group:
                body = f"{result.path}:{f.line}:{f.column}: {f.code} [{interface.tag(f.severity)}] {f.message}"
                self.write(f'      <failure message={_xml_attr(f.message)} type={_xml_attr(f.code)}>'
                           f'{_xml_text(body)}</failure>')
            self.write("    </testcase>")
        self.write("  </testsuite>")

    def finish(self, summary: Summary) -> None:
        self.write("</testsuites>")


# -- SARIF 2.1.0 ------------------------------------------------------------------------------
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
DOCS_URL_VARIABLE = "LAWLINT_DOCS_URL"


def artifact_uri(path: str) -> str:
    """A path as a SARIF artifact URI: relative paths as relative references (``/``-separated,
    percent-encoded UTF-8), absolute ones as ``file:`` URIs."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), errors="surrogateescape")  # a name's undecodable bytes as they are


class SarifFormatter(Formatter):
    """SARIF 2.1.0, one run.  Regions are 1-based lines and columns counted in Unicode code
    points (``columnKind: unicodeCodePoints``), the end column exclusive, as SARIF defines
    them; a Chinese character is one column.  The rules that found something are described
    in ``tool.driver.rules`` (summary, full documentation, basis, and ``helpUri`` when
    ``LAWLINT_DOCS_URL`` names where docs/rules.md is published).  Files that could not be
    read are tool execution notifications; results are written as they come."""

    name = "sarif"
    description = "SARIF 2.1.0（GitHub 代码扫描等工具读取）"

    def start(self) -> None:
        self.written = 0
        self.codes: dict[str, int] = {}
        self.failures: list[dict] = []
        schema = json.dumps(SARIF_SCHEMA)
        self.stream.write(f'{{\n  "$schema": {schema},\n  "version": "2.1.0",\n  "runs": [\n    {{\n      "results": [')

    def file(self, result: FileResult) -> None:
        uri = artifact_uri(result.path)
        if result.error:
            self.failures.append({"level": "error", "message": {"text": result.error},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
        for f in result.findings:
            index = self.codes.setdefault(f.code, len(self.codes))
            record = {
                "ruleId": f.code, "ruleIndex": index, "level": _SARIF_LEVELS.get(f.severity, "warning"),
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri},
                    "region": {"startLine": f.line, "startColumn": f.column,
                               "endLine": f.end_line, "endColumn": f.end_column},
                }}],
            }
            if f.fix is not None and isinstance(f.fix[0], str) and f.fix[0]:
                record["properties"] = {"fix": f.fix[0]}
            self.stream.write(("," if self.written else "") + "\n        " + _dumps(record))
            self.written += 1

    def _rule(self, code: str) -> dict:
        rule = self.rules.get(code)
        if rule is None:  # a plugin's formatter may be given findings of rules it does not know
            return {"id": code}
        described = {"id": code, "name": rule.name,
                     "shortDescription": {"text": rule.summary or rule.name},
                     "fullDescription": {"text": rule.documentation().strip() or rule.summary or rule.name},
                     "defaultConfiguration": {"level": _SARIF_LEVELS.get(Severity(rule.severity).value, "warning")},
                     "properties": {"basis": rule.basis, "confidence": rule.confidence}}
        base = os.environ.get(DOCS_URL_VARIABLE, "").strip()
        if base:
            described["helpUri"] = f"{base}#{code.lower()}"
        return described

    def finish(self, summary: Summary) -> None:
        driver = {"name": "lawlint", "version": __version__, "semanticVersion": __version__,
                  "rules": [self._rule(code) for code in self.codes]}
        invocation = {"executionSuccessful": not summary.errors,
                      "toolExecutionNotifications": self.failures}
        rest = json.dumps({"tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
                           "invocations": [invocation]}, ensure_ascii=False, indent=2)
        rest = rest[1:-1].strip("\n").replace("\n", "\n    ")
        self.stream.write(("\n      ]," if self.written else "],") + "\n    " + rest + "\n    }\n  ]\n}\n")


# -- --statistics ----------------------------------------------------------------------------
class Statistics(Formatter):
    """``--statistics``: how many findings each rule made (most first), not the findings."""

    name = "statistics"

    def __init__(self, stream, *, as_json: bool = False, **options) -> None:
        super().__init__(stream, **options)
        self.as_json = as_json

    def start(self) -> None:
        self.counts: dict[str, list] = {}

    def file(self, result: FileResult) -> None:
        for f in result.findings:
            entry = self.counts.setdefault(f.code, [f.name, f.severity, 0, 0])
            entry[2] += 1
            entry[3] += f.fix is not None

    def finish(self, summary: Summary) -> None:
        rows = sorted(self.counts.items(), key=lambda item: (-item[1][2], item[0]))
        if self.as_json:
            self.write(json.dumps([{"code": code, "name": name, "severity": severity, "count": count,
                                    "fixable": fixable} for code, (name, severity, count, fixable) in rows],
                                  ensure_ascii=False, indent=2))
            return
        width = max((len(str(entry[2])) for _, entry in rows), default=1)
        for code, (name, severity, count, fixable) in rows:
            note = "" if not fixable else ("  均附有修改建议" if fixable == count else f"  {fixable} 个附有修改建议")
            self.write(f"{count:>{width}}  {printable(code)}  [{interface.tag(severity)}]  {printable(name)}{note}")
