"""Silencing one finding: the rules' ``allow`` lists and the suppressions a loader adds.
(Markdown comments and LL001 are tested by tests/cases/LL001.yml.)"""
from __future__ import annotations

import pytest

from lawlint.document import Document
from lawlint.document.suppressions import Suppression, markdown
from lawlint.engine import config as config_module
from lawlint.engine.config import Config
from lawlint.engine.linter import Linter
from lawlint.rule import ConfigError, Span

# A historical title keeps its old wording; the same words in the report's own text do not.
TEXT = "我们学习了《关于加强社会主义法制建设的决定》。\n我们继续加强法制建设。\n"


def _config(tmp_path, body: str) -> Config:
    path = tmp_path / ".lawlint.yaml"
    path.write_text(body, encoding="utf-8")
    return config_module.load(path)


def _found(cfg: Config, text: str = TEXT, path: str = "a.txt") -> list[tuple[int, int, str]]:
    linter = Linter(cfg, entry_points=False, select=["WD001", "LL001"])
    doc = linter.load(path, text.encode("utf-8"))
    return [(*doc.position(v.span.start), v.code) for v in linter.lint_document(doc)]


def test_without_allow_both_are_reported(tmp_path):
    assert _found(Config()) == [(1, 15, "WD001"), (2, 7, "WD001")]


def test_allow_an_exact_string_silences_the_findings_inside_it(tmp_path):
    cfg = _config(tmp_path, "rules:\n  WD001:\n    allow: [《关于加强社会主义法制建设的决定》]\n")
    assert _found(cfg) == [(2, 7, "WD001")]


def test_allow_by_rule_name_and_pattern(tmp_path):
    cfg = _config(tmp_path, "rules:\n  fazhi-confusion:\n    allow: [{pattern: '《[^》\\n]{1,40}》'}]\n")
    assert _found(cfg) == [(2, 7, "WD001")]


def test_allow_does_not_reach_other_rules(tmp_path):
    cfg = _config(tmp_path, "rules:\n  PU001:\n    allow: [《关于加强社会主义法制建设的决定》]\n")
    assert _found(cfg) == [(1, 15, "WD001"), (2, 7, "WD001")]


def test_allow_string_shorter_than_the_finding_does_not_silence_it(tmp_path):
    cfg = _config(tmp_path, "rules:\n  WD001:\n    allow: [法制]\n")  # the finding is 法制建设
    assert _found(cfg) == [(1, 15, "WD001"), (2, 7, "WD001")]


@pytest.mark.parametrize("body, said", [
    ("rules:\n  WD001:\n    allow: '《某》'\n", "应为列表"),
    ("rules:\n  WD001:\n    allow: [{regex: '某'}]\n", "pattern"),
    ("rules:\n  WD001:\n    allow: [{pattern: '(某+)+'}]\n", "不安全"),
    ("rules:\n  WD001:\n    allow: [{pattern: '(某'}]\n", "有误"),
    ("rules:\n  WD001:\n    allow: ['']\n", "非空"),
])
def test_bad_allow_lists_stop_the_run_with_one_line(tmp_path, body, said):
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, body)
    assert said in str(caught.value) and "allow" in str(caught.value) and "\n" not in str(caught.value)


def test_allow_from_the_command_line_config(cli, tmp_path):
    (tmp_path / ".lawlint.yaml").write_text("rules:\n  WD001:\n    allow: [《关于加强社会主义法制建设的决定》]\n",
                                            encoding="utf-8")
    draft = tmp_path / "a.txt"
    draft.write_text(TEXT, encoding="utf-8")
    run = cli("check", "--select", "WD001", "-q", str(draft))
    assert run.out.count("WD001") == 1 and ":2:7: WD001" in run.out
    shown = cli("check", "--show-settings", str(draft)).out
    assert "放过的原文（WD001 的 allow）：“《关于加强社会主义法制建设的决定》”" in shown


def test_a_loader_may_add_suppressions(monkeypatch):
    """The docx loader turns a Word comment ``lawlint: ignore WD001`` into a Suppression
    over the commented passage: the finding there is silenced; one that silences nothing
    is reported by LL001 where it is anchored."""
    linter = Linter(Config(), entry_points=False, select=["WD001", "LL001"])
    title = TEXT.index("《")

    def load(path, data):
        doc = Document(data.decode("utf-8"), path, "utf-8", "docx")
        doc.suppressions.append(Suppression(Span(title, TEXT.index("》") + 1), ("WD001",),
                                            Span(title, title + 1), "Word 批注“lawlint: ignore”"))
        doc.suppressions.append(Suppression(Span(0, 5), ("WD001",), Span(0, 5), "Word 批注“lawlint: ignore”"))
        return doc

    monkeypatch.setattr(linter, "load", load)
    doc = linter.load("a.docx", TEXT.encode("utf-8"))
    found = linter.lint_document(doc)
    assert [(doc.position(v.span.start), v.code) for v in found] == [((1, 1), "LL001"), ((2, 7), "WD001")]
    assert "Word 批注“lawlint: ignore”" in found[0].message
    # a suppression without a directive (nobody wrote it in the document) is never reported
    doc = Document(TEXT, "b.txt")
    doc.suppressions.append(Suppression(Span(0, 3), ("WD001",)))
    assert [v.code for v in linter.lint_document(doc)] == ["WD001", "WD001"]


def test_markdown_directives_are_read_in_linear_time():
    import time

    line = "<!-- lawlint-disable " * 2000 + "\n"
    started = time.perf_counter()
    assert markdown(line * 3) == []  # none closes with -->
    assert time.perf_counter() - started < 2


class _Comment:
    """What the docx loader puts in Document.comments: the commented span and the text."""

    def __init__(self, span, text, author="审核人"):
        self.span, self.text, self.author = span, text, author


def test_word_comments_lawlint_ignore_become_suppressions():
    linter = Linter(Config(), entry_points=False, select=["WD001", "LL001"])
    doc = Document(TEXT, "a.docx", "utf-8", "docx")
    title = Span(TEXT.index("《"), TEXT.index("》") + 1)
    doc.comments = [_Comment(title, "lawlint: ignore WD001"),
                    _Comment(Span(0, 2), "lawlint：ignore fazhi-confusion"),   # full-width colon, by name; unused
                    _Comment(Span(0, 2), "这里请再核对一下")]                  # an ordinary comment
    found = linter.lint_document(doc)
    assert [(doc.position(v.span.start), v.code) for v in found] == [((1, 1), "LL001"), ((2, 7), "WD001")]
    assert found[0].message.startswith("Word 批注“lawlint: ignore”：")


def test_fix_leaves_a_suppressed_finding_alone(cli, tmp_path):
    path = tmp_path / "稿件.md"
    text = "<!-- lawlint-disable-next-line PU001 -->\n引用原文,保留半角逗号。\n本行的半角逗号,应当改正。\n"
    path.write_text(text, encoding="utf-8")
    run = cli("check", "--isolated", "--select", "PU001,LL001", "--fix", str(path))
    assert path.read_text(encoding="utf-8") == text.replace("逗号,应当", "逗号，应当")
    assert "已自动修改 1 处" in run.out and "LL001" not in run.out
