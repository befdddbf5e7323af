"""lawlint's cache can be damaged or planted, but never changes findings nor hangs a run:
the folder is private, every entry is checked (owner, permissions, format, checksum)
and rebuilt when it fails, and jieba's own cache in the shared temporary folder is
never read."""
from __future__ import annotations

import faulthandler
import marshal
import os
import random
import sqlite3
import stat
import sys
import tempfile
import time
from pathlib import Path

import pytest

from lawlint.checks import script_mixing
from lawlint.engine import cache
from lawlint.engine.linter import Linter
from lawlint.lang import words

POSIX = hasattr(os, "geteuid")
TEXT = ("关于2024年法治政府建设情况的报告\n\n一、主要举措和成效\n\n"
        "我们进一步进一步完善各项制度，推动經濟高质量发展。"
        "全面提升行政执法人员的业务能力和依法行政水平。全面提高行政执法人员的业务能力和依法行政水平。\n")
CODES = {"WD007", "TX005", "RP002"}  # findings that rest on jieba's dictionary and OpenCC's list


def _reset(monkeypatch) -> None:
    """jieba, the table and the OpenCC list are loaded again by the next lint."""
    import jieba

    monkeypatch.setattr(jieba, "dt", jieba.Tokenizer())
    monkeypatch.setattr(words, "_tokenizer", None)
    words.cut.cache_clear()
    words.tokens.cache_clear()
    script_mixing._traditional_characters.cache_clear()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    """Entries built by a clean run, and its findings (built once: a table takes a second)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        folder = tmp_path_factory.mktemp("pristine") / "lawlint"
        monkeypatch.setenv("LAWLINT_CACHE_DIR", str(folder))
        monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("tmp")))
        _reset(monkeypatch)
        clean = findings()
        _reset(monkeypatch)
    return folder, clean


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """A cache folder holding a clean run's entries and a temporary folder, both of the
    test's own; what the next lint loads comes from them."""
    folder = tmp_path / "cache" / "lawlint"
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    _reset(monkeypatch)
    yield folder, temp, lambda: _reset(monkeypatch)
    _reset(monkeypatch)


@pytest.fixture
def built(fresh, pristine):
    """``fresh`` with a copy of the clean run's entries; the clean run's findings."""
    folder, temp, reset = fresh
    source, clean = pristine
    folder.mkdir(parents=True, mode=0o700)
    for path in source.iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
        os.chmod(folder / path.name, 0o600)
    return folder, temp, reset, clean


def findings() -> list[tuple]:
    found = Linter(entry_points=False).lint_text(TEXT)
    return [(v.code, v.span.start, v.span.end, v.message) for v in found]


def entries(folder: Path) -> dict[str, Path]:
    """The cache entries by kind: the OpenCC list, the jieba table and its checksum."""
    found = {}
    for path in folder.iterdir():
        kind = "opencc" if path.name.startswith("opencc") else "sum" if path.name.endswith(".sum") else "table"
        found[kind] = path
    return found


@pytest.mark.speedup
def test_clean_run_builds_private_entries(fresh, pristine):
    folder, _, reset = fresh
    first = findings()
    assert first == pristine[1]
    assert CODES <= {f[0] for f in first}
    if POSIX:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    kept = entries(folder)
    assert sorted(kept) == ["opencc", "sum", "table"]
    for path in kept.values():
        if POSIX:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
    stamps = {p: p.stat().st_mtime_ns for p in kept.values()}
    reset()
    assert findings() == first
    assert {p: p.stat().st_mtime_ns for p in kept.values()} == stamps  # read back, not rebuilt


def _random(data: bytes) -> bytes:
    return random.Random(len(data)).randbytes(max(64, len(data) // 3))


def _truncated(data: bytes) -> bytes:
    return data[: len(data) // 2]


def _empty(data: bytes) -> bytes:
    return b""


def _bad_format(data: bytes) -> bytes:
    """The right header and payload, but another format version."""
    return data.replace(b"LAWLINT-CACHE %d " % cache.FORMAT, b"LAWLINT-CACHE 99 ", 1)


def _flipped(data: bytes) -> bytes:
    """One byte changed in the middle: the size is right, the checksum is not."""
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x55]) + data[middle + 1:]


@pytest.mark.speedup
@pytest.mark.parametrize("damage", [_random, _truncated, _empty, _flipped])
def test_damaged_entries_are_rebuilt_and_change_nothing(built, damage):
    folder, _, reset, clean = built
    kept = entries(folder)
    for path in kept.values():
        path.write_bytes(damage(path.read_bytes()))
    reset()
    started = time.monotonic()
    assert findings() == clean
    assert time.monotonic() - started < 20
    reset()
    assert findings() == clean  # the rebuilt entries are good
    assert script_mixing._traditional_characters() >= {"經", "濟"}
    assert isinstance(words.tokenizer().FREQ, words._Frequencies)


def test_an_empty_opencc_list_with_a_valid_header_is_rebuilt(built):
    """The old attack: an empty list turned TX005 off for ever."""
    folder, _, reset, clean = built
    cache.write(entries(folder)["opencc"], b"")
    reset()
    assert findings() == clean
    assert len(cache.read_text(entries(folder)["opencc"])) > 1000


def _recursive_view(path: Path) -> None:
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    connection.executescript(
        "CREATE VIEW freq AS WITH RECURSIVE r(word, n) AS (SELECT 'x', 0 UNION ALL SELECT word || 'x', n + 1 FROM r)"
        " SELECT word, n FROM r WHERE n < 0;"
        "CREATE TABLE meta (total INTEGER NOT NULL); INSERT INTO meta VALUES (60101967);")
    connection.commit()
    connection.close()


@pytest.mark.speedup
@pytest.mark.parametrize("with_checksum", [False, True])
def test_a_table_that_is_a_recursive_view_neither_hangs_nor_changes_findings(built, with_checksum):
    """Even with a checksum that matches (as if written by lawlint), a table holding
    anything but the two tables lawlint writes is refused."""
    folder, _, reset, clean = built
    kept = entries(folder)
    _recursive_view(kept["table"])
    if with_checksum:
        data = kept["table"].read_bytes()
        fingerprint = words._fingerprint(kept["table"].stat())
        cache.write_text(kept["sum"], f"{cache.digest(data)} {len(data)} {fingerprint}")
    reset()
    faulthandler.dump_traceback_later(120, exit=True)  # a hang ends the test run instead of blocking it
    try:
        started = time.monotonic()
        assert findings() == clean
        assert time.monotonic() - started < 20
    finally:
        faulthandler.cancel_dump_traceback_later()


def test_a_lookup_that_runs_long_loads_the_dictionary_instead(fresh):
    """The last line of defence, should a bad table get past the checks: SQLite stops a
    lookup after a bounded number of steps, and the answers come from the dictionary."""
    import jieba

    folder, _, _ = fresh
    table = folder.parent / "view.sqlite"
    folder.parent.mkdir(parents=True, exist_ok=True)
    _recursive_view(table)
    connection = sqlite3.connect(table)
    connection.execute("DROP VIEW freq")
    connection.execute("CREATE VIEW freq AS WITH RECURSIVE r(word, n) AS (SELECT 'x', 0 UNION ALL "
                       "SELECT word || 'x', n + 1 FROM r) SELECT word, n FROM r WHERE n < 0")
    connection.commit()
    connection.set_progress_handler(lambda: 1, words._MAX_STEPS)
    tok = jieba.Tokenizer()
    freq = words._Frequencies(table, connection, tok)
    tok.FREQ, tok.total, tok.initialized = freq, freq.total, True
    reference = jieba.Tokenizer()
    words._load_dictionary(reference)
    started = time.monotonic()
    text = "全面推进依法行政，加快建设法治政府。"
    assert list(tok.cut(text)) == list(reference.cut(text))
    assert time.monotonic() - started < 20
    assert freq._complete and tok.total == reference.total


@pytest.mark.speedup
def test_many_quick_lookups_never_load_the_whole_dictionary(built):
    """SQLite counts a cached statement's steps over all its runs: the bound on a lookup
    is counted lookup by lookup, or a long run would load the dictionary (a second and
    100 MB) after some ten thousand lookups."""
    import jieba

    words.tokenizer()
    freq = jieba.dt.FREQ
    assert isinstance(freq, words._Frequencies)
    for n in range(40_000):
        assert freq.get(f"没有的词{n}") is None
    assert freq.get("法治") and not freq._complete


def _planted_jieba_cache(temp: Path) -> None:
    """A jieba.cache such as anyone may leave in the shared temporary folder: 进一步进一步
    is one word in it."""
    word = "进一步进一步"
    freq = {word[:i]: 0 for i in range(1, len(word))}
    freq[word] = 10**9
    with open(temp / "jieba.cache", "wb") as handle:
        marshal.dump((freq, len(freq)), handle)


@pytest.mark.speedup
def test_jiebas_cache_in_the_temporary_folder_is_never_read(fresh, pristine):
    import jieba

    folder, temp, reset = fresh
    _planted_jieba_cache(temp)
    planted = jieba.Tokenizer()
    planted.initialize()  # jieba itself would load it ...
    assert list(planted.cut("进一步进一步")) == ["进一步进一步"]  # ... and WD007 would be lost
    reset()
    clean = findings()
    assert clean == pristine[1] and "WD007" in {f[0] for f in clean}
    kept = entries(folder)
    lookups = sqlite3.connect(kept["table"])
    assert lookups.execute("SELECT n FROM freq WHERE word = '进一步'").fetchone()[0] > 1  # the real dictionary
    lookups.close()
    for path in kept.values():
        path.unlink()
    reset()
    assert findings() == clean  # no table yet: the dictionary is built from dict.txt, not from /tmp


@pytest.mark.skipif(not POSIX, reason="file owners and modes are POSIX")
def test_entries_writable_by_others_are_ignored(built):
    folder, _, reset, clean = built
    kept = entries(folder)
    opencc = kept["opencc"]
    cache.write_text(opencc, "經")  # a list that would change findings ...
    os.chmod(opencc, 0o666)  # ... in a file anyone may have written
    reset()
    assert findings() == clean
    assert stat.S_IMODE(opencc.stat().st_mode) == 0o600  # written again, privately


@pytest.mark.skipif(not POSIX, reason="file owners and modes are POSIX")
def test_entries_owned_by_someone_else_are_ignored(built, monkeypatch):
    folder, _, reset, clean = built
    opencc = entries(folder)["opencc"]
    cache.write_text(opencc, "經")
    if os.geteuid() == 0:
        os.chown(opencc, 65534, 65534)
    else:  # the test cannot give a file away: lawlint is told it belongs to another user
        real = cache._trusted
        monkeypatch.setattr(cache, "_trusted", lambda info: stat.S_ISDIR(info.st_mode) and real(info))
    reset()
    assert findings() == clean


@pytest.mark.skipif(not POSIX, reason="file owners and modes are POSIX")
def test_a_linked_entry_is_ignored(built, tmp_path):
    folder, _, reset, clean = built
    opencc = entries(folder)["opencc"]
    elsewhere = tmp_path / "elsewhere.txt"
    cache.write_text(opencc, "經")
    os.replace(opencc, elsewhere)
    os.symlink(elsewhere, opencc)
    reset()
    assert findings() == clean


@pytest.mark.skipif(not POSIX, reason="file owners and modes are POSIX")
def test_a_shared_or_foreign_cache_folder_is_not_used(built, monkeypatch):
    folder, _, reset, clean = built
    os.chmod(folder, 0o777)
    assert cache.directory() is None
    reset()
    assert findings() == clean  # computed, not cached
    os.chmod(folder, 0o755)  # ours, not writable by others: used, and made private
    assert cache.directory() == folder and stat.S_IMODE(folder.stat().st_mode) == 0o700
    monkeypatch.setattr(cache, "_uid", lambda: os.geteuid() + 1)
    assert cache.directory() is None  # someone else's


def test_a_missing_cache_folder_is_created_private(tmp_path, monkeypatch):
    folder = tmp_path / "a" / "b" / "lawlint"
    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(folder))
    assert cache.directory() == folder
    if POSIX:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(tmp_path / "file"))
    assert cache.directory() is None and cache.entry("k", __file__, ".txt") is None
    cache.write_text(None, "nothing")  # no folder: nothing is written, nothing fails


def test_entries_round_trip_and_refuse_tampering(tmp_path, monkeypatch):
    monkeypatch.setenv("LAWLINT_CACHE_DIR", str(tmp_path))
    path = cache.entry("test", __file__, ".txt")
    cache.write_text(path, "法治")
    assert cache.read_text(path) == "法治"
    data = path.read_bytes()
    for bad in (data + b"x", data.replace("法治".encode(), "法制".encode()), data.split(b"\n", 1)[1], _bad_format(data)):
        path.write_bytes(bad)
        assert cache.read_text(path) is None
    assert cache.read_text(tmp_path / "missing.txt") is None
    if sys.platform != "win32":
        os.mkfifo(tmp_path / "fifo")
        assert cache.read_raw(tmp_path / "fifo") is None  # not a regular file: never blocks


@pytest.mark.speedup
def test_a_verified_table_is_not_read_again_until_it_changes(built, monkeypatch):
    """The checksum file records the fingerprint of the table it verified; a table with that
    fingerprint is opened without hashing its 9 MB, any other is hashed first."""
    folder, _, reset, clean = built
    kept = entries(folder)
    reset()
    assert findings() == clean  # copied: another inode, so hashed once and the fingerprint recorded
    recorded = cache.read_text(kept["sum"])
    reads = []
    real = cache.read_raw
    monkeypatch.setattr(cache, "read_raw", lambda path, *a: reads.append(path) or real(path, *a))
    reset()
    assert findings() == clean
    assert kept["table"] not in reads and cache.read_text(kept["sum"]) == recorded
    os.utime(kept["table"])  # touched: no longer the file verified
    reset()
    assert findings() == clean
    assert kept["table"] in reads and cache.read_text(kept["sum"]) != recorded
