"""The results cache: unchanged files are not linted again, and nothing in the cache folder
— random, truncated, empty or hand-crafted entries, a folder others may write to — can
change what a run reports."""
import json
import os
import random
import stat

import pytest

from lawlint.engine import cache

DRAFTS = {
    "a.txt": "依据国办发[2024]第012号文件,现报告如下。\n全年共办理案件312件。\n",
    "b.md": "# 关于2024年法治政府建设情况的报告\n\n全年,共办理案件。\n",
    "c.txt": "正文。\n",
}
FORMATS = ["text", "json", "sarif", "concise"]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(where))
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in DRAFTS.items():
        (docs / name).write_text(text, encoding="utf-8")
    return where, docs


def entries(where):
    return sorted(p for p in where.glob("result-*.json")) if where.exists() else []


def outputs(cli, docs, *options):
    return {fmt: cli("check", "--isolated", "--format", fmt, *options, str(docs)) for fmt in FORMATS}


def same(left, right):
    for fmt in FORMATS:
        assert (left[fmt].code, left[fmt].out, left[fmt].err) == (right[fmt].code, right[fmt].out, right[fmt].err)


def test_second_run_reads_the_cache_and_reports_the_same(cli, folder, monkeypatch):
    where, docs = folder
    fresh = outputs(cli, docs, "--no-cache")
    assert entries(where) == []  # --no-cache neither reads nor writes
    first = outputs(cli, docs)
    assert len(entries(where)) == 2 * len(DRAFTS)  # with and without excerpts
    assert stat.S_IMODE(os.stat(where).st_mode) == 0o700
    assert all(stat.S_IMODE(os.stat(e).st_mode) == 0o600 for e in entries(where))

    def no_linting(self, path, data):  # the second run must take every file from the cache
        raise AssertionError(f"{path} was linted again")
    monkeypatch.setattr("lawlint.engine.linter.Linter.lint_bytes", no_linting)
    second = outputs(cli, docs)
    monkeypatch.undo()
    same(fresh, first)
    same(fresh, second)


def _plant(entry, kind, rng):
    data = entry.read_bytes()
    header, _, payload = data.partition(b"\n")
    if kind == "random":
        entry.write_bytes(rng.randbytes(rng.randint(1, 400)))
    elif kind == "truncated":
        entry.write_bytes(data[:rng.randint(1, len(data) - 1)])
    elif kind == "empty":
        entry.write_bytes(b"")
    elif kind == "bad-checksum":  # a changed finding without the checksum to match
        entry.write_bytes(data.replace(b"312", b"999").replace(b'"line": 1', b'"line": 2').replace(b"[1, ", b"[2, ") + b" ")
    elif kind == "other-version":
        stored = json.loads(payload)
        stored["version"] += 1
        cache.write(entry, json.dumps(stored).encode())
    elif kind == "other-content":  # checksum right, but made for other bytes of the file
        stored = json.loads(payload)
        stored["digest"] = cache.digest(b"other")
        stored["findings"] = []
        cache.write(entry, json.dumps(stored).encode())
    elif kind == "other-key":
        stored = json.loads(payload)
        stored["key"] = "0" * 64
        stored["findings"] = []
        cache.write(entry, json.dumps(stored).encode())
    elif kind == "bad-shape":  # right key and content, but not findings
        stored = json.loads(payload)
        stored["findings"] = [["DN001", "x", "fatal", "伪造", 0, 0, 1, 1, 1, 1, None, None]] if stored["findings"] \
            else [[1, 2, 3]]
        cache.write(entry, json.dumps(stored).encode())
    elif kind == "not-json":
        cache.write(entry, b"\xff\xfe{")
    elif kind == "directory":
        entry.unlink()
        entry.mkdir()
    elif kind == "symlink":
        target = entry.with_name("elsewhere")
        entry.rename(target)
        entry.symlink_to(target)
    elif kind == "group-writable":
        os.chmod(entry, 0o666)


KINDS = ["random", "truncated", "empty", "bad-checksum", "other-version", "other-content", "other-key", "bad-shape",
         "not-json", "directory", "symlink", "group-writable"]


@pytest.mark.parametrize("kind", KINDS)
def test_planted_entries_never_change_the_findings(cli, folder, kind):
    where, docs = folder
    fresh = outputs(cli, docs, "--no-cache")
    outputs(cli, docs)
    rng = random.Random(kind)
    for entry in entries(where):
        _plant(entry, kind, rng)
    same(fresh, outputs(cli, docs))
    if kind != "directory":  # a bad entry is written again (a folder in its place stays a miss)
        assert all(cache.read(e) is not None for e in entries(where))
        same(fresh, outputs(cli, docs))


def test_a_folder_others_may_write_to_is_not_used(cli, folder):
    where, docs = folder
    where.mkdir(mode=0o700)
    os.chmod(where, 0o777)
    fresh = outputs(cli, docs, "--no-cache")
    same(fresh, outputs(cli, docs))
    assert entries(where) == []


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to give the folder away")
def test_a_folder_owned_by_someone_else_is_not_used(cli, folder):
    where, docs = folder
    fresh = outputs(cli, docs, "--no-cache")
    outputs(cli, docs)
    planted = entries(where)
    for entry in planted:  # entries as lawlint writes them, but claiming no findings
        stored = json.loads(cache.read(entry))
        stored["findings"] = []
        cache.write(entry, json.dumps(stored).encode())
    assert cli("check", "--isolated", "--format", "json", str(docs)).out.count('"code"') == 0  # while trusted
    os.chown(where, 12345, 12345)
    same(fresh, outputs(cli, docs))
    assert entries(where) == planted  # nothing written there either


def test_what_decides_the_findings_is_in_the_key(cli, folder, tmp_path):
    where, docs = folder
    target = docs / "a.txt"
    config = tmp_path / "lawlint.yaml"

    def codes(*options):
        report = json.loads(cli("check", "--format", "json", *options, str(target)).out)
        return [(v["code"], v["line"], v["severity"]) for v in report["violations"]]
    config.write_text("select: [DN001, PU001]\n", encoding="utf-8")
    assert codes("--config", str(config)) == [("DN001", 1, "error"), ("PU001", 1, "warning")]
    config.write_text("select: [DN001, PU001]\nrules:\n  DN001: {severity: info}\n", encoding="utf-8")
    assert codes("--config", str(config)) == [("DN001", 1, "info"), ("PU001", 1, "warning")]
    assert codes("--config", str(config), "--select", "PU001") == [("PU001", 1, "warning")]
    target.write_text("\n" + DRAFTS["a.txt"], encoding="utf-8")  # the file changed
    assert codes("--config", str(config)) == [("DN001", 2, "info"), ("PU001", 2, "warning")]
    # a plugin file edited in place: its rule's new findings, not the cached ones
    plugin = tmp_path / "local_rules.py"
    source = ('from lawlint import Rule, Severity, Span, hookimpl\n'
              'class Local(Rule):\n    code = "XL001"\n    name = "local"\n    summary = "s"\n'
              '    severity = Severity.WARNING\n'
              '    def check(self, doc):\n        yield self.violation(Span(0, 1), "{}")\n'
              '@hookimpl\ndef register_rules():\n    return [Local]\n')
    plugin.write_text(source.format("甲"), encoding="utf-8")
    first = json.loads(cli("check", "--isolated", "--format", "json", "--select", "XL", "--plugin", str(plugin),
                           str(target)).out)["violations"]
    plugin.write_text(source.format("乙乙"), encoding="utf-8")
    second = json.loads(cli("check", "--isolated", "--format", "json", "--select", "XL", "--plugin", str(plugin),
                            str(target)).out)["violations"]
    assert [v["message"] for v in first] == ["甲"] and [v["message"] for v in second] == ["乙乙"]


def test_a_rules_internal_error_is_not_kept(cli, folder, tmp_path):
    where, docs = folder
    plugin = tmp_path / "broken.py"
    plugin.write_text('from lawlint import Rule, hookimpl\n'
                      'class Broken(Rule):\n    code = "XB001"\n    name = "broken"\n    summary = "s"\n'
                      '    def check(self, doc):\n        raise RuntimeError("boom")\n'
                      '@hookimpl\ndef register_rules():\n    return [Broken]\n', encoding="utf-8")
    run = cli("check", "--isolated", "--quiet", "--select", "XB", "--plugin", str(plugin), str(docs / "c.txt"))
    assert "运行出错" in run.out
    assert entries(where) == []
