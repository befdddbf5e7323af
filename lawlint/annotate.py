"""``lawlint annotate 报告.docx -o 报告-审核.docx``: a copy of a Word document with one comment
(批注) per finding, anchored on the text it is about, as a reviewer hands drafts back.

- Comments: author “lawlint”, text = the message, the 修改建议 and the rule (code, name,
  basis).  The runs around a finding are split so that the comment covers its text exactly;
  a finding on Word's automatic numbering (text that is in no run) covers its paragraph.
- ``--track-changes``: each safe fix becomes a tracked revision (``w:del`` of the old runs,
  ``w:ins`` of a run with the new text and the old run's formatting) that the author accepts or
  rejects in Word; fixes that overlap one already made, or touch the numbering, are left to
  the comment.
- The original is never written; a second run on its own output adds no comment that is
  already there (same rule text on the same words), and finds nothing a tracked fix fixed,
  since tracked insertions are read as accepted and deletions as gone.
"""
from __future__ import annotations

import bisect
import copy
import datetime as dt
import io
import os
from pathlib import Path

import click

from lawlint.document.formats import FORMATS, extension
from lawlint.document.loaders import InputError
from lawlint.engine.linter import LinterSet
from lawlint.engine.registry import UsageError
from lawlint.engine.results import relabelled
from lawlint.rule import Severity, Violation

AUTHOR = "lawlint"
INITIALS = "LL"


def _w(tag: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + tag


class Runs:
    """The runs behind the extracted text, split on demand so that any offset can be a run
    boundary.  ``pieces`` are ``docx.Piece`` records sorted by offset."""

    def __init__(self, extracted) -> None:
        self.extracted = extracted
        self.pieces = [piece for para in extracted.paragraphs for piece in para.pieces]
        self.starts = [piece.start for piece in self.pieces]
        self.paragraph_starts = [para.start for para in extracted.paragraphs]

    def _index(self, offset: int) -> int:
        """The piece holding ``offset`` (-1: none)."""
        k = bisect.bisect_right(self.starts, offset) - 1
        return k if k >= 0 and self.pieces[k].start <= offset < self.pieces[k].end else -1

    def cut(self, offset: int) -> None:
        """Make ``offset`` a run boundary."""
        k = self._index(offset)
        if k < 0:
            return
        piece = self.pieces[k]
        run, node = piece.run, piece.node
        content = [child for child in run if child.tag != _w("rPr")]
        if offset == piece.start and content and content[0] is node:
            return  # already the start of its run
        new = copy.deepcopy(run)
        for child in list(new):
            if child.tag != _w("rPr"):
                new.remove(child)
        position = content.index(node)
        if offset > piece.start:  # inside a w:t: split its text
            keep = offset - piece.start
            tail = copy.deepcopy(node)
            tail.text, node.text = node.text[keep:], node.text[:keep]
            for t in (node, tail):
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            new.append(tail)
            moved = content[position + 1:]
            self.pieces[k:k + 1] = [type(piece)(piece.start, offset, run, node),
                                    type(piece)(offset, piece.end, new, tail)]
            self.starts[k:k + 1] = [piece.start, offset]
            first_moved = k + 2
        else:
            moved = content[position:]
            first_moved = k
        for child in moved:
            new.append(child)  # lxml moves the element
        run.addnext(new)
        j = first_moved  # the pieces of one run are contiguous
        while j < len(self.pieces) and self.pieces[j].run is run:
            self.pieces[j].run = new
            j += 1

    def runs(self, start: int, end: int) -> list:
        """The runs covering exactly ``start``..``end`` (after ``cut`` at both ends)."""
        self.cut(start)
        self.cut(end)
        k = bisect.bisect_left(self.starts, start)
        found = []
        while k < len(self.pieces) and self.pieces[k].start < end:
            run = self.pieces[k].run
            if not found or found[-1] is not run:
                found.append(run)
            k += 1
        return found

    def paragraph_runs(self, offset: int) -> list:
        """All the runs of the paragraph at ``offset`` (for a finding on numbering text)."""
        k = max(0, bisect.bisect_right(self.paragraph_starts, offset) - 1)
        for para in self.extracted.paragraphs[k:]:
            runs = []
            for piece in para.pieces:
                if not runs or runs[-1] is not piece.run:
                    runs.append(piece.run)
            if runs:
                return runs
        return []

    def synthetic(self, start: int, end: int) -> bool:
        """Whether any character of ``start``..``end`` is in no run (Word's numbering)."""
        covered = 0
        k = bisect.bisect_right(self.starts, start) - 1
        k = max(k, 0)
        while k < len(self.pieces) and self.pieces[k].start < end:
            piece = self.pieces[k]
            covered += max(0, min(end, piece.end) - max(start, piece.start))
            k += 1
        text = self.extracted.text[start:end]
        return covered < len(text) - text.count("\n")


def comment_text(v: Violation, rule) -> str:
    lines = [v.message]
    if v.fix is not None and v.fix.description:
        lines.append(f"修改建议：{v.fix.description}{'' if v.fix.safe else '（需人工确认）'}")
    basis = getattr(rule, "basis", "") if rule is not None else ""
    lines.append(f"lawlint {v.code}（{v.name}）" + (f"；依据：{basis}" if basis else ""))
    return "\n".join(lines)


def _existing(document) -> set[tuple[str, str]]:
    """(anchored text, comment text) of the comments lawlint made before."""
    ours = {c.comment_id: c.text for c in document.comments if c.author == AUTHOR}
    if not ours:
        return set()
    found, open_ids = set(), {}
    start, end, t, deleted = _w("commentRangeStart"), _w("commentRangeEnd"), _w("t"), _w("del")
    for element in document.element.body.iter():
        tag = element.tag
        if tag == start:
            key = int(element.get(_w("id"), -1))
            if key in ours:
                open_ids[key] = []
        elif tag == end:
            key = int(element.get(_w("id"), -1))
            if key in open_ids:
                found.add(("".join(open_ids.pop(key)), ours[key]))
        elif tag == t and open_ids and not any(a.tag == deleted for a in element.iterancestors()):
            for parts in open_ids.values():
                parts.append(element.text or "")
    return found


def _outer(run, last: bool = False):
    """Where a comment's range marker goes: beside the run, or beside the tracked deletion
    (and the insertion after it) that holds the run."""
    parent = run.getparent()
    if parent is not None and parent.tag == _w("del"):
        following = parent.getnext()
        return following if last and following is not None and following.tag == _w("ins") else parent
    return run


def _mark(first, last, comment_id: int) -> None:
    """``w:commentRangeStart`` before ``first``, ``w:commentRangeEnd`` and the reference after ``last``."""
    from docx.oxml import OxmlElement

    ident = {_w("id"): str(comment_id)}
    _outer(first).addprevious(OxmlElement("w:commentRangeStart", attrs=ident))
    reference = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    properties.append(OxmlElement("w:rStyle", attrs={_w("val"): "CommentReference"}))
    reference.append(properties)
    reference.append(OxmlElement("w:commentReference", attrs=ident))
    end = _outer(last, last=True)
    end.addnext(reference)
    end.addnext(OxmlElement("w:commentRangeEnd", attrs=ident))


def _run_text(runs: list) -> str:
    return "".join(t.text or "" for run in runs for t in run.iter(_w("t")))


class Revisions:
    """Tracked changes by lawlint: ids above any in the file, one timestamp for the run."""

    def __init__(self, document) -> None:
        ids = [int(e.get(_w("id"))) for e in document.element.body.iter(_w("ins"), _w("del"))
               if (e.get(_w("id")) or "").isdigit()]
        self.next = max(ids, default=0) + 1000
        self.date = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")

    def element(self, tag: str):
        from docx.oxml import OxmlElement

        element = OxmlElement(f"w:{tag}")
        element.set(_w("id"), str(self.next))
        element.set(_w("author"), AUTHOR)
        element.set(_w("date"), self.date)
        self.next += 1
        return element

    def replace(self, runs_map: Runs, start: int, end: int, text: str) -> bool:
        """``start``..``end`` deleted and ``text`` inserted, as tracked revisions."""
        from docx.oxml import OxmlElement

        if start == end:  # an insertion: after the run that ends here, or before the one starting here
            runs_map.cut(start)
            k = bisect.bisect_left(runs_map.starts, start)
            if k > 0 and runs_map.pieces[k - 1].end == start:
                anchor, after = runs_map.pieces[k - 1].run, True
            elif k < len(runs_map.pieces) and runs_map.pieces[k].start == start:
                anchor, after = runs_map.pieces[k].run, False
            else:
                return False
            old = []
        else:
            old = runs_map.runs(start, end)
            if not old:
                return False
            anchor, after = old[-1], True
        ins = self.element("ins")
        if text:
            run = OxmlElement("w:r")
            rpr = anchor.find(_w("rPr"))
            if rpr is not None:
                run.append(copy.deepcopy(rpr))
            t = OxmlElement("w:t")
            t.text = text
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(t)
            ins.append(run)
        for r in old:
            deletion = self.element("del")
            r.addprevious(deletion)
            deletion.append(r)
            for t in list(r.iter(_w("t"))):
                t.tag = _w("delText")
        target = old[-1].getparent() if old else anchor
        if text:
            if after:
                target.addnext(ins)
            else:
                target.addprevious(ins)
        return True


def annotate_bytes(data: bytes, path: str, linter, track_changes: bool = False) -> tuple[bytes, dict]:
    """The annotated copy of the .docx ``data`` and what was done."""
    from lawlint.document.formats import docx as docx_format

    docx = docx_format.require("docx")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise InputError(f"无法作为 Word（.docx）文件读取（{type(exc).__name__}: {exc}）") from None
    existing = _existing(document)
    extracted = docx_format.extract_document(document)
    doc = docx_format.to_document(extracted, path)
    violations = [relabelled(doc, v) for v in linter.lint_document(doc)]
    rules = {rule.code: rule for rule in linter.rules}
    runs_map = Runs(extracted)
    revisions = Revisions(document) if track_changes else None
    stats = {"findings": len(violations), "comments": 0, "kept": 0, "tracked": 0}
    taken: list[tuple[int, int]] = []
    text = extracted.text
    plans = []
    for v in violations:
        start, end = v.span.start, v.span.end
        if start == end:  # a point (a missing mark): the character before it, else after it
            if start > 0 and text[start - 1] != "\n":
                start -= 1
            elif end < len(text) and text[end] != "\n":
                end += 1
        plans.append((v, start, end))
    # tracked changes first: their runs are then wrapped, and the comments go around them
    fixed = set()
    if revisions is not None:
        for v, _, _ in plans:
            if v.fix is None or not v.fix.safe:
                continue
            edits = v.fix.edits
            ranges = [(e.span.start, e.span.end) for e in edits]
            if any(a < tb and ta < b or a == b == ta for a, b in ranges for ta, tb in taken) or any(
                    runs_map.synthetic(a, b) for a, b in ranges):
                continue
            if all(revisions.replace(runs_map, e.span.start, e.span.end, e.text)
                   for e in sorted(edits, key=lambda e: -e.span.start)):
                taken.extend(ranges)
                fixed.add(id(v))
                stats["tracked"] += 1
    for v, start, end in plans:
        runs = [] if runs_map.synthetic(start, end) else runs_map.runs(start, end)
        if not runs:
            runs = runs_map.paragraph_runs(v.span.start)
        if not runs:
            continue
        body = comment_text(v, rules.get(v.code))
        if (_run_text(runs), body) in existing:
            stats["kept"] += 1
            continue
        comment = document.comments.add_comment(text=body, author=AUTHOR, initials=INITIALS)
        _mark(runs[0], runs[-1], comment.comment_id)
        existing.add((_run_text(runs), body))
        stats["comments"] += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue(), stats


def _default_output(source: str) -> str:
    path = Path(source)
    return str(path.with_name(f"{path.stem}-审核.docx"))


@click.command()
@click.argument("source", type=click.Path(dir_okay=False))
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None,
              help="写入的文件（默认：原文件名加“-审核”）。原文件从不修改。")
@click.option("--track-changes", is_flag=True, help="把可以安全自动修改的问题写成修订（接受或拒绝由作者决定）。")
@click.option("--select", multiple=True, metavar="CODES", help="只启用这些规则（代码前缀或名称，可用逗号分隔）。")
@click.option("--ignore", multiple=True, metavar="CODES", help="停用这些规则（代码前缀或名称，可用逗号分隔）。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="使用指定的配置文件。")
@click.option("--isolated", is_flag=True, help="忽略所有配置文件。")
@click.option("--profile", default=None, metavar="NAME", help="指定文档类型（如 fazhi-report），不自动识别。")
@click.pass_obj
def annotate(loaded, source, output, track_changes, select, ignore, config_path, isolated, profile) -> int:
    """在 Word 文档的副本中为每个问题加一条批注（.docx；装有 LibreOffice 时也可以是 .doc、.wps）。"""
    if not os.path.isfile(source):
        raise UsageError(f"找不到文件 {source}")
    kind = FORMATS.get(extension(source))
    if kind not in ("docx", "office"):
        raise UsageError(f"annotate 只处理 Word 文档（.docx，或借助 LibreOffice 的 .doc、.wps）：{source}")
    output = output or _default_output(source)
    if os.path.exists(output) and os.path.samefile(source, output):
        raise UsageError("不会修改原文件：请用 -o 指定另一个文件")
    selectors = [p.strip() for value in select for p in value.split(",") if p.strip()]
    ignored = [p.strip() for value in ignore for p in value.split(",") if p.strip()]
    configs = LinterSet(loaded, config=config_path, isolated=isolated, select=selectors or None, ignore=ignored,
                        profile=profile, warn=lambda m: click.echo(f"lawlint: 警告：{m}", err=True))
    linter = configs.linter(source)
    with open(source, "rb") as handle:
        data = handle.read()
    if kind == "office":
        from lawlint.document.formats import office

        click.echo("lawlint: 用 LibreOffice 把文件转换为 .docx 后加批注", err=True)
        data = office.convert(source, data)
        if not output.lower().endswith(".docx"):
            output = str(Path(output).with_suffix(".docx"))
    annotated, stats = annotate_bytes(data, source, linter, track_changes)
    with open(output, "wb") as handle:
        handle.write(annotated)
    parts = [f"加了 {stats['comments']} 条批注"]
    if stats["kept"]:
        parts.append(f"{stats['kept']} 条此前已有，没有重复添加")
    if track_changes:
        parts.append(f"{stats['tracked']} 处改正写成了修订")
    click.echo(f"{output}：共 {stats['findings']} 个问题，{'，'.join(parts)}。")
    return 0


__all__ = ["annotate", "annotate_bytes", "Severity"]
