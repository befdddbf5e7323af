"""No built-in regular expression backtracks catastrophically, and no document hangs lawlint.

Every pattern reachable from lawlint's modules, rules, packs and profiles (and every
pattern-like string of the shipped YAML) is searched over long adversarial lines made of
the characters it uses itself: a pattern whose work grows with the square of the line
(or worse) takes seconds on a line of 20,000 characters.
"""
from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
import random
import re
import time
import types

import pytest
import yaml

import lawlint
from lawlint.engine import resources
from lawlint.engine.linter import Linter
from lawlint.engine.schema import LazyPattern

SHORT, LONG = 2_000, 20_000
# A search over a 20,000-character line taking longer than this is suspect (linear patterns
# take milliseconds, the slowest 0.3 s); it fails if doubling the line multiplies the
# time by more than 2.8, which a busy machine does not cause and a quadratic pattern does (×4).
SUSPECT = 0.25
DRAFTS = [
    "关于2024年法治政府建设情况的报告\n\n一、主要举措和成效\n\n（一）健全制度。我们进一步完善各项制度，推动經濟发展。"
    "全面提升行政执法人员的业务能力。全面提高行政执法人员的业务能力。依据国办发[2024]第012号文件，"
    "截止2024年底共办理案件1,000件（占15～20%），2024.3.1召开会议，www.example.gov.cn。\n\n"
    "青山县人民政府\n2025年3月5日\n",
    "首页 > 政务公开\n发布时间：2025-04-10\n关于印发《实施方案》的通知\n青政办〔2025〕3号\n各乡镇人民政府：\n"
    "现将《实施方案》印发给你们，请认真贯彻执行。\n\n附件：实施方案\n\n青山县人民政府办公室\n二〇二五年一月六日\n"
    "（此件公开发布）\n抄送：县委办公室。\n【打印本页】【关闭窗口】\n",
]


def _modules() -> list[types.ModuleType]:
    return [importlib.import_module(m.name) for m in pkgutil.walk_packages(lawlint.__path__, "lawlint.")
            if not m.name.endswith("__main__")]


def _reachable_patterns(roots) -> dict[tuple[str, int], re.Pattern]:
    """Compiled patterns held by lawlint's modules, classes and objects (followed through
    containers, attributes and slots)."""
    found: dict[tuple[str, int], re.Pattern] = {}
    seen: set[int] = set()
    stack = list(roots)
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, (str, bytes, int, float, bool, type(None))):
            continue
        seen.add(id(obj))
        if isinstance(obj, LazyPattern):
            obj = obj.compiled
        if isinstance(obj, re.Pattern):
            if isinstance(obj.pattern, str):
                found[(obj.pattern, obj.flags)] = obj
        elif isinstance(obj, types.ModuleType):
            if obj.__name__.startswith("lawlint"):
                stack.extend(vars(obj).values())
        elif isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, (list, tuple, set, frozenset)):
            stack.extend(obj)
        elif isinstance(obj, type):
            if obj.__module__.startswith("lawlint"):
                stack.extend(vars(obj).values())
        elif isinstance(obj, (types.FunctionType, types.BuiltinFunctionType, functools.partial)):
            continue
        elif type(obj).__module__.startswith("lawlint"):
            stack.extend(getattr(obj, "__dict__", {}).values())
            for cls in type(obj).__mro__:
                for slot in getattr(cls, "__slots__", ()):
                    if hasattr(obj, slot):
                        stack.append(getattr(obj, slot))
    return found


def _pattern_strings(value):
    """The strings of a YAML value that look like regular expressions and compile."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _pattern_strings(k)
            yield from _pattern_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _pattern_strings(v)
    elif isinstance(value, str) and re.search(r"[\\\[\](){}*+?|^$.]", value):
        try:
            yield re.compile(value)
        except re.error:
            pass


@functools.cache
def builtin_patterns() -> dict[tuple[str, int], re.Pattern]:
    modules = _modules()
    roots: list = list(modules)
    for module in modules:  # the patterns lawlint compiles when first needed
        for _name, obj in vars(module).items():
            wrapped = getattr(obj, "__wrapped__", None)
            if inspect.isfunction(wrapped) and hasattr(obj, "cache_info") and obj.__module__ == module.__name__ \
                    and not inspect.signature(obj).parameters:
                roots.append(obj())
    linter = Linter(entry_points=False)
    for text in DRAFTS:  # patterns derived on use (scanners, line-anchored copies)
        linter.lint_text(text)
    roots += [linter, linter.rules, linter.profiles, list(linter.registry)]
    found = _reachable_patterns(roots)
    root = resources.data_root()
    for path in (*(root / "lists").iterdir(), *(root / "profiles").iterdir(),
                 *(f for pack in (root / "packs").iterdir() for f in pack.iterdir())):
        if path.name.endswith(".yml"):
            for pattern in _pattern_strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
                found.setdefault((pattern.pattern, pattern.flags), pattern)
    return found


def _used_only_anchored() -> set[str]:
    """Patterns lawlint only ever matches at one place (``match``/``fullmatch``), where their
    work is one pass; searched, they would retry from every position.  Each is checked with
    ``match`` and ``fullmatch`` instead."""
    from lawlint.checks import year_range
    from lawlint.document import layout
    from lawlint.lang import dates

    return {dates._LOST_MARKS_RE.pattern,  # fullmatch on a date of at most 40 characters (parse_date_text)
            year_range._WITHIN_END_YEAR.pattern,  # match right after a year range
            layout.patterns().trailer_element.pattern}  # fullmatch on a line of at most _FURNITURE characters


_FILLERS = "19 \u3000\ta中.、，。年月日号〔〕《》（）()—-"


def adversarial_lines(pattern: str, n: int) -> list[str]:
    """Lines of ``n`` characters built from the characters of ``pattern`` and the usual
    suspects: one character repeated, a character and a blank alternating, digits with
    blanks, Han with blanks, 《 without 》, repeated punctuation, and random mixtures."""
    alphabet = sorted(set(c for c in pattern if not c.isspace()) | set(_FILLERS))
    rng = random.Random(pattern.encode("utf-8", "surrogatepass"))  # a pattern may hold lone surrogates
    lines = [c * n for c in rng.sample(alphabet, min(8, len(alphabet))) + list("1 中，《a。.")]
    lines += [c * (n - 1) + "§" for c in "1 中a"]  # a run that fails at its very end
    lines += [(c + blank) * (n // 2) for c in "1中a，" for blank in " \u3000"]
    lines += ["".join(rng.choices(alphabet, k=n)) for _ in range(3)]
    lines.append("2024 年共办理 15 件、 23 件、 1024 件。" * (n // 30))
    return lines


def _cost(pattern: re.Pattern, line: str, anchored: bool) -> float:
    started = time.perf_counter()
    if anchored:
        pattern.match(line)
        pattern.fullmatch(line)
    else:
        for _ in pattern.finditer(line):
            pass
    return time.perf_counter() - started


def test_the_collection_finds_the_patterns_of_every_source():
    patterns = builtin_patterns()
    assert len(patterns) > 250
    sources = {"dates": r"(?P<y>(?:19|20)\d{2})", "WD002 pack": "截止", "profile parts": "薄弱环节",
               "web-chrome data": "打印本页", "profiles": "法治", "layout": "抄送"}
    for label, fragment in sources.items():
        assert any(fragment in p for p, _ in patterns), label


def test_every_builtin_pattern_stays_linear_on_adversarial_lines():
    """Each pattern is searched over short lines; its two slowest are searched again at ten
    times the length, within a budget that a quadratic pattern overshoots."""
    import faulthandler

    anchored = _used_only_anchored()
    slow = []
    faulthandler.dump_traceback_later(300, exit=True)  # an exponential pattern would never return
    try:
        _sweep(anchored, slow)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert not slow, "\n".join(slow)


def _sweep(anchored: set[str], slow: list[str]) -> None:
    for (source, _), pattern in sorted(builtin_patterns().items()):
        fixed = source in anchored
        costs = sorted(((_cost(pattern, line, fixed), i) for i, line in enumerate(adversarial_lines(source, SHORT))),
                       reverse=True)
        long_lines = adversarial_lines(source, LONG)
        half_lines = adversarial_lines(source, LONG // 2)
        for _, i in costs[:2]:
            cost = _cost(pattern, long_lines[i], fixed)
            if cost > SUSPECT:  # slow, or a busy machine: does the cost grow faster than the line?
                cost = min(_cost(pattern, long_lines[i], fixed) for _ in range(3))
                half = min(_cost(pattern, half_lines[i], fixed) for _ in range(3))
                if cost > SUSPECT and cost > 2.8 * half:
                    slow.append(f"{cost:.2f}s ({half:.2f}s at half the length) {source[:120]!r} "
                                f"on {long_lines[i][:20]!r}…")


def test_the_anchored_exceptions_are_still_in_use():
    """The patterns excused from searching exist and are used anchored only."""
    import lawlint.checks.year_range as year_range
    import lawlint.document.layout as layout
    import lawlint.lang.dates as dates

    for module, name in ((dates, "_LOST_MARKS_RE"), (year_range, "_WITHIN_END_YEAR"), (layout, "trailer_element")):
        source = inspect.getsource(module)
        uses = re.findall(rf"{name}\.(\w+)\(", source)
        assert uses and set(uses) <= {"match", "fullmatch"}, (name, uses)


def _warm(linter: Linter) -> None:
    linter.lint_text(DRAFTS[0])  # jieba, OpenCC and the lazily compiled patterns loaded


def test_a_short_draft_with_spaced_numbers_and_no_signature_is_quick():
    """The old _split_organ_date regex backtracked ~n⁵ on such a last line."""
    draft = ("关于2024年行政复议和信访工作情况的报告\n\n一、基本情况\n\n今年以来，我局认真贯彻落实上级部署，"
             "扎实推进各项工作，取得一定成效，群众满意度进一步提高。全年组织培训三次，参训人员覆盖全部执法岗位。\n\n"
             "2024 年共办理行政复议案件 15 件、行政诉讼案件 23 件、群众来信来访事项 1024 件。")
    assert 350 <= len(draft.encode()) <= 450
    linter = Linter(entry_points=False)
    _warm(linter)
    started = time.perf_counter()
    found = linter.lint_text(draft)
    assert time.perf_counter() - started < 0.5
    assert "ST004" in {v.code for v in found}  # no 落款: said, not hung on


@pytest.mark.parametrize("name, text", [
    ("digits and blanks", "1 " * 10_000),
    ("spaced numbers", "2024 年共办理 15 件、 23 件、 1024 件 " * 700),
    ("Han and blanks", "中 " * 10_000 + "\n" + "中\u3000" * 10_000),
    ("open title marks", "《" * 20_000 + "\n" + "《法治政府建设" * 3_000),
    ("punctuation", "，" * 20_000 + "\n" + "." * 20_000 + "\n" + "（" * 20_000),
    ("letters and digits", "a" * 20_000 + "\n" + "1" * 20_000 + "\n" + "〔2024" * 4_000),
    ("many short lines", ("一、" + "中" * 50 + "\n") * 400),
])
def test_large_adversarial_documents_go_through_the_whole_linter(name, text):
    linter = Linter(entry_points=False)
    _warm(linter)
    started = time.perf_counter()
    linter.lint_text(text)
    assert time.perf_counter() - started < 10, name
