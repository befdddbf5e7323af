"""YAML rule packs: each kind once, a YAML-only pack through the config, and validation."""
import json
import textwrap

import pytest

from lawlint.engine.config import Config
from lawlint.engine.linter import Linter
from lawlint.fix import apply
from lawlint.rule import ConfigError


def make_pack(folder, rules, meta=None):
    folder.mkdir(parents=True, exist_ok=True)
    if meta is not None:
        (folder / "pack.yml").write_text(textwrap.dedent(meta), encoding="utf-8")
    for code, text in rules.items():
        (folder / f"{code}.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def lint(tmp_path, rules, text, meta=None):
    folder = make_pack(tmp_path / "pack", rules, meta)
    linter = Linter(Config(packs=[str(folder)]), select=list(rules), entry_points=False)
    doc = linter.load("<t>", text.encode("utf-8"))
    found = linter.lint_document(doc)
    return doc, [(doc.position(v.span.start), v.code, v.message) for v in found], found


def test_existence(tmp_path):
    rule = """
        name: forbidden-words
        summary: 领导活动慎用“亲自”
        extends: existence
        tokens: ['亲自(?:部署|过问)']
        message: 慎用“{match}”
    """
    _, found, _ = lint(tmp_path, {"QY001": rule}, "局长亲自部署，重大问题亲自过问。\n")
    assert found == [((1, 3), "QY001", "慎用“亲自部署”"), ((1, 12), "QY001", "慎用“亲自过问”")]


def test_substitution_with_fix_exceptions_and_backreferences(tmp_path):
    rule = """
        name: fazhi-not-fazhi
        summary: 法治与法制
        extends: substitution
        swap:
          法制(政府|国家|社会|建设): 法治\\1
        exceptions: ['法制审核']
    """
    doc, found, raw = lint(tmp_path, {"QY002": rule}, "推进法制政府建设，落实法制审核制度。\n")
    assert found == [((1, 3), "QY002", "应写作“法治政府”，而非“法制政府”")]
    assert apply(doc.text, raw) == ("推进法治政府建设，落实法制审核制度。\n", 1)


def test_substitution_does_not_rewrite_across_a_line_break(tmp_path):
    rule = "name: p\nsummary: p\nextends: substitution\nswap:\n  截止目前: 截至目前\n"
    text = "经过一年来的努力，全市行政执法质量明显提升，截止\n目前已办结全部案件。\n"
    _, found, raw = lint(tmp_path, {"QY003": rule}, text)
    assert [f[0] for f in found] == [(1, 23)] and raw[0].fix is None


def test_chinese_token_inside_a_word_and_whole_word(tmp_path):
    anywhere = "name: a\nsummary: a\nextends: existence\ntokens: [法制]\n"
    words = "name: w\nsummary: w\nextends: existence\ntokens: [法制]\nwhole_word: true\n"
    text = "加强法制宣传，完善法制。\n"       # jieba: 法制宣传 is one word; the second 法制 stands alone
    _, found, _ = lint(tmp_path, {"QY004": anywhere}, text)
    assert [f[0] for f in found] == [(1, 3), (1, 10)]
    _, found, _ = lint(tmp_path / "w", {"QY005": words}, text)
    assert [f[0] for f in found] == [(1, 10)]


@pytest.mark.speedup
def test_an_anchor_limits_the_search_to_its_lines(tmp_path):
    rule = """
        name: short-year
        summary: 年份简写
        extends: existence
        tokens: ['\\d\\d年度']
        anchor: '年度'
    """
    text = "关于工作的报告\n一是24年度工作完成。\n二是2024年度计划落实。\n近5年来。\n"
    _, found, _ = lint(tmp_path, {"QY010": rule}, text)
    assert [f[0] for f in found] == [(2, 3), (3, 5)]
    # an anchor that misses a line hides what is on it: the author's promise, checked in the rule's tests
    _, found, _ = lint(tmp_path / "narrow", {"QY011": rule.replace("'年度'", "'工作'")}, text)
    assert [f[0] for f in found] == [(2, 3)]


@pytest.mark.speedup
def test_a_pattern_is_compiled_again_only_for_documents_that_hold_what_it_needs(tmp_path):
    """The scanner and the line-anchored copy of a YAML pattern cost start-up time: they are
    derived only once a document holds what every match contains."""
    from lawlint.kinds.base import _prepared

    rule = """
        name: ruler-line
        summary: 分隔线
        extends: existence
        tokens: ['^(?:——){3,}$']
    """
    folder = make_pack(tmp_path / "pack", {"QY012": rule})
    linter = Linter(Config(packs=[str(folder)]), select=["QY012"], entry_points=False)
    pattern = next(r for r in linter.rules if r.code == "QY012").pattern
    assert linter.lint_document(linter.load("<t>", "关于工作的报告\n没有分隔线。\n".encode())) == []
    assert _prepared(pattern)._fast is None and _prepared(pattern)._fast_lines is False
    found = linter.lint_document(linter.load("<t>", "关于工作的报告\n——————\n".encode()))
    assert [v.code for v in found] == ["QY012"]
    assert _prepared(pattern)._fast_lines is not False


def _drafts_from(texts, count, seed=7):
    """Random drafts made of pieces of ``texts``, blanks and line breaks."""
    import random

    rng = random.Random(seed)
    pieces = sorted({t[i:i + n] for t in texts for n in (1, 2, 4) for i in range(0, len(t), n)}) + [" ", "\n", "\t"]
    return texts + ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(count)]


def test_the_shipped_anchors_never_hide_a_finding():
    import pathlib

    import yaml

    from lawlint.document import Document

    anchored = [rule for rule in Linter(entry_points=False).rules if getattr(rule, "anchor", None) is not None]
    assert {rule.code for rule in anchored} >= {"NU002", "NU003", "PU008"}
    for rule in anchored:
        cases = yaml.safe_load((pathlib.Path(__file__).parent / "cases" / f"{rule.code}.yml").read_text(encoding="utf-8"))
        texts = [v for case in cases.values() if isinstance(case, dict) for k, v in case.items()
                 if k in ("pass", "fail") and isinstance(v, str)]
        plain, findings = type(type(rule).__name__, (type(rule),), {"anchor": None})(**rule.config), 0
        for text in _drafts_from(texts, 1500):
            expected = [(v.span, v.message) for v in plain.check(Document(text))]
            assert [(v.span, v.message) for v in rule.check(Document(text))] == expected, (rule.code, text)
            findings += len(expected)
        assert findings >= 20, rule.code


def test_occurrence(tmp_path):
    rule = """
        name: too-many-firsts
        summary: “第一责任人”不应反复出现
        extends: occurrence
        token: 第一责任人
        max: 1
        message: “{match}”出现{count}次（不超过{max}次）
    """
    _, found, _ = lint(tmp_path, {"QY006": rule}, "第一责任人……第一责任人……第一责任人。\n")
    assert found == [((1, 8), "QY006", "“第一责任人”出现3次（不超过1次）")]


def test_repetition_on_jieba_words(tmp_path):
    rule = "name: doubled\nsummary: 词语重复\nextends: repetition\nexceptions: ['谢谢']\n"
    doc, found, raw = lint(tmp_path, {"QY007": rule}, "紧紧围绕中心工作，进一步进一步加强的的管理。谢谢谢谢。\n")
    assert [(f[0], f[2]) for f in found] == [((1, 13), "“进一步”重复"), ((1, 19), "“的”重复")]
    assert apply(doc.text, raw)[0] == "紧紧围绕中心工作，进一步加强的管理。谢谢谢谢。\n"


def test_repetition_scans_with_the_regex_only_the_paragraphs_where_a_run_may_be_doubled():
    import random

    from lawlint.document import Document
    from lawlint.kinds.repetition import _DOUBLED_RUN

    linter = Linter(select=["WD007"], entry_points=False)
    rule = linter.rules[0]
    doc = Document("标题\n\n　　推进依法行政，坚持依法行政依法行政。\n\n　　全面推进，健全制度。\n\n"
                   "　　2020年，法治政府建设积极积极推进。\n\n　　规范文件管理。\n")
    units = [u.text for u in rule.units(doc)]
    found = rule._units_with_doubled_runs(doc)
    assert {units[i] for i in found} == {"推进依法行政，坚持依法行政依法行政。", "2020年，法治政府建设积极积极推进。"}
    assert [v.message for v in linter.lint_document(doc)] == ["“依法行政”重复", "“积极”重复"]
    assert rule._units_with_doubled_runs(Document("　　依法行政𠀀依法行政𠀀。\n")) is None  # outside the BMP

    rng = random.Random(5)  # every paragraph holding a doubled run (2 to 8 characters) is found
    words = ["依法", "行政", "法治政府", "建设", "，", "的", "2020", "坚持", "推进", "年"]
    for _ in range(50):
        doc = Document("".join(f"　　{''.join(rng.choices(words, k=rng.randint(1, 12)))}。\n\n" for _ in range(8)))
        units = [u.text for u in rule.units(doc)]
        found = rule._units_with_doubled_runs(doc)
        assert {i for i, u in enumerate(units) if _DOUBLED_RUN.search(u)} <= found


def test_consistency(tmp_path):
    rule = """
        name: one-date-style
        summary: 日期写法前后一致
        extends: consistency
        either:
          阿拉伯数字: '\\d{4}年\\d{1,2}月\\d{1,2}日'
          汉字数字: '[〇一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日'
    """
    _, found, _ = lint(tmp_path, {"QY008": rule}, "2024年3月1日召开会议，二〇二四年五月八日再次召开。\n")
    assert found == [((1, 15), "QY008", "全文写法应统一：前文用的是“2024年3月1日”，此处为“二〇二四年五月八日”")]


def test_conditional(tmp_path):
    rule = """
        name: abbreviation-needs-full-name
        summary: 简称应先写全称
        extends: conditional
        first: 依法治县办
        second: 全面依法治县委员会办公室
        second_name: 县委全面依法治县委员会办公室
    """
    _, found, _ = lint(tmp_path, {"QY009": rule}, "报送依法治县办备案。\n")
    assert found == [((1, 3), "QY009", "出现“依法治县办”时，应同时写明“县委全面依法治县委员会办公室”")]
    _, found, _ = lint(tmp_path / "b", {"QY009": rule}, "县委全面依法治县委员会办公室（简称依法治县办）。\n")
    assert found == []


def test_required_with_inline_elements_order_and_since(tmp_path):
    rule = """
        name: provincial-extra-part
        summary: 缺少本省要求的部分
        extends: required
        since: 2022
        in_order: true
        elements:
          - name: 法治政府建设示范创建情况
            headings: ['示范创建']
          - name: 下一年度工作安排
            headings: ['安排|打算']
    """
    text = "青山县人民政府关于{}年法治政府建设情况的报告\n一、{}年工作安排\n甲。\n二、示范创建情况\n乙。\n"
    _, found, _ = lint(tmp_path, {"QY010": rule}, text.format(2023, 2024))
    assert [(f[0], f[2]) for f in found] == [((2, 1), "“下一年度工作安排”应位于“法治政府建设示范创建情况”之后")]
    _, found, _ = lint(tmp_path / "b", {"QY010": rule}, "青山县人民政府关于2023年法治政府建设情况的报告\n一、工作安排\n甲。\n")
    assert found == [((1, 1), "QY010", "缺少“法治政府建设示范创建情况”")]
    _, found, _ = lint(tmp_path / "c", {"QY010": rule}, "青山县人民政府关于2021年法治政府建设情况的报告\n一、工作安排\n甲。\n")
    assert found == []


def test_scopes(tmp_path):
    rule = "name: s\nsummary: s\nextends: existence\ntokens: [亲自]\nscope: [title]\n"
    _, found, _ = lint(tmp_path, {"QY011": rule}, "局长亲自抓法治建设的报告\n局长亲自部署。\n")
    assert [f[0] for f in found] == [(1, 3)]


def test_yaml_only_pack_named_in_the_config(cli, tmp_path, monkeypatch):
    """The issue's scenario: a pack in a temporary folder, named in .lawlint.yaml, no Python."""
    make_pack(tmp_path / "规则" / "本机关", {
        "QY101": """
            name: preferred-terms
            summary: 使用本机关规范用语
            extends: substitution
            swap:
              执证上岗: 持证上岗
        """,
        "QY102": """
            name: no-fazhi-typo
            summary: 法制与法治
            extends: existence
            tokens: [法制]
            exceptions: [法制审核, 法制机构]
        """,
        "QY103": """
            name: demonstration-part
            summary: 缺少示范创建部分
            extends: required
            elements:
              - name: 法治政府建设示范创建情况
                headings: [示范创建]
        """,
    }, meta="title: 本机关规则\nprefix: QY\n")
    (tmp_path / ".lawlint.yaml").write_text("packs: [规则/本机关]\nselect: [QY]\n", encoding="utf-8")
    (tmp_path / "报告.txt").write_text("青山县司法局2024年度法治政府建设工作报告\n一、主要举措\n"
                                     "行政执法人员执证上岗，推进法制政府建设，落实法制审核制度。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = json.loads(cli("check", "--format", "json", "报告.txt").out)
    found = [(v["line"], v["column"], v["code"]) for v in report["violations"]]
    assert found == [(1, 1, "QY103"), (3, 7, "QY101"), (3, 14, "QY102")]
    fix = report["violations"][1]["fix"]
    assert fix["edits"][0]["replacement"] == "持证上岗"
    rules = cli("rules").out
    assert "QY101" in rules and "规则包 本机关" in rules


def test_packs_shipped_switched_off_are_enabled_by_name(tmp_path):
    folder = make_pack(tmp_path / "packs" / "strict", {"QY201": "name: x\nsummary: x\nextends: existence\ntokens: [亲自]\n"},
                       meta="enabled: false\nprefix: QY\n")
    plugin = tmp_path / "p.py"
    plugin.write_text(f"from lawlint import hookimpl\nPREFIX = 'QY'\n@hookimpl\ndef register_packs():\n"
                      f"    from pathlib import Path\n    return [Path({str(folder)!r})]\n", encoding="utf-8")
    off = Linter(Config(), plugins=[str(plugin)], entry_points=False)
    assert off.registry.lookup("QY201") is None
    on = Linter(Config(packs=["strict"]), plugins=[str(plugin)], entry_points=False)
    assert on.registry.lookup("QY201").pack == "strict"
    with pytest.raises(ConfigError, match="未知的规则包 “nothing”"):
        Linter(Config(packs=["nothing"]), entry_points=False)


BROKEN = {
    "unknown key": ("QY301", "name: x\nsummary: x\nextends: existence\ntokens: [a]\ntoken: [b]\n",
                    "QY301.yml:5: 未知的键 “token”"),
    "bad regex": ("QY302", "name: x\nsummary: x\nextends: existence\ntokens: ['(法制']\n",
                  "QY302.yml:4: 正则表达式 “(法制” 有误"),
    "tokens that cannot be one alternation": (
        "QY310", "name: x\nsummary: x\nextends: existence\ntokens: ['(?P<w>法制)', '(?P<w>持岗)']\n",
        "QY310.yml:4: 这些正则表达式各自正确，但合在一起无法编译"),
    "wrong type": ("QY303", "name: x\nsummary: x\nextends: occurrence\ntoken: a\nmax: many\n",
                   "QY303.yml:5: “max” 应为整数"),
    "unknown kind": ("QY304", "name: x\nsummary: x\nextends: spelling\n", "QY304.yml:3: 未知的规则种类 “spelling”"),
    "code and file name differ": ("QY305", "code: QY399\nname: x\nsummary: x\nextends: existence\ntokens: [a]\n",
                                  "QY305.yml:1: 规则代码 “QY399” 与文件名 QY305.yml 不一致"),
    "reserved prefix": ("WD901", "name: x\nsummary: x\nextends: existence\ntokens: [a]\n",
                        "WD901.yml:1: 规则代码 “WD901” 使用了 lawlint 保留的前缀"),
    "message field": ("QY306", "name: x\nsummary: x\nextends: existence\ntokens: [a]\nmessage: 应为{expected}\n",
                      "QY306.yml:5: “message” 中的 {expected} 不可用"),
    "missing summary": ("QY307", "name: x\nextends: existence\ntokens: [a]\n", "QY307.yml:1: 缺少必需的键 “summary”"),
    "bad scope": ("QY308", "name: x\nsummary: x\nextends: existence\ntokens: [a]\nscope: page\n",
                  "QY308.yml:5: “scope” 应为"),
    "bad anchor": ("QY311", "name: x\nsummary: x\nextends: existence\ntokens: [a]\nanchor: '(年'\n",
                   "QY311.yml:5: 正则表达式 “(年” 有误"),
    "negative max": ("QY312", "name: x\nsummary: x\nextends: occurrence\ntoken: a\nmax: -1\n",
                     "QY312.yml:5: “max” 不能为负数"),
    "min above max": ("QY313", "name: x\nsummary: x\nextends: occurrence\ntoken: a\nmin: 3\nmax: 2\n",
                      "QY313.yml:5: “min”（3）大于 “max”（2）"),
    "missing group": ("QY314", "name: x\nsummary: x\nextends: substitution\nswap:\n  法制(政府): 法治\\9\n",
                      "QY314.yml:5: “法制(政府)” 的正确写法 “法治\\9” 有误：invalid group reference 9"),
    "unknown group name": ("QY315", "name: x\nsummary: x\nextends: substitution\nswap:\n  法制(政府): 法治\\g<x>\n",
                           "QY315.yml:5: “法制(政府)” 的正确写法 “法治\\g<x>” 有误"),
    "huge width": ("QY316", "name: x\nsummary: x\nextends: existence\ntokens: [a]\nmessage: '{match:>100000000}'\n",
                   "QY316.yml:5: “message” 中 {match:>100000000} 的格式说明不可用"),
    "nested width": ("QY317", "name: x\nsummary: x\nextends: occurrence\ntoken: a\nmax: 1\nmessage: '{match:>{count}}'\n",
                     "QY317.yml:6: “message” 中 {match:>{count}} 的格式说明不可用"),
    "kind not a name": ("QY318", "name: x\nsummary: x\nextends: [existence]\ntokens: [a]\n",
                        "QY318.yml:3: “extends” 应为一个规则种类的名称"),
    "nested quantifiers": ("QY320", "name: x\nsummary: x\nextends: existence\ntokens: ['（(?:\\d+\\s?)+）']\n",
                           "QY320.yml:4: 正则表达式 “（(?:\\d+\\s?)+）” 不安全：重复的分组内又有可变次数的量词"),
    "adjacent quantifiers": ("QY321", "name: x\nsummary: x\nextends: substitution\nswap:\n  '(\\d+)\\s*(\\d+)年': '\\1\\2年'\n",
                             "QY321.yml:5: 正则表达式 “(\\d+)\\s*(\\d+)年” 不安全：两个不限次数的量词相邻"),
    "ambiguous branches": ("QY322", "name: x\nsummary: x\nextends: existence\ntokens: [a]\nexceptions: ['(?:局|局局)+长']\n",
                           "QY322.yml:5: 正则表达式 “(?:局|局局)+长” 不安全：重复的分组内有开头相同的分支"),
    "unsafe anchor": ("QY323", "name: x\nsummary: x\nextends: existence\ntokens: [a]\nanchor: '.*.*年'\n",
                      "QY323.yml:5: 正则表达式 “.*.*年” 不安全"),
    "bad name": ("QY309", "name: My Rule\nsummary: x\nextends: existence\ntokens: [a]\n",
                 "QY309.yml:1: 规则名称 “My Rule” 应为小写连字符形式"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_pack_mistakes_point_at_file_and_line(tmp_path, case):
    code, text, message = BROKEN[case]
    folder = make_pack(tmp_path / "pack", {code: text})
    with pytest.raises(ConfigError) as error:
        Linter(Config(packs=[str(folder)]), entry_points=False)
    assert str(error.value).startswith(str(folder / message.split(":")[0])) and message in str(error.value)


def test_code_outside_the_pack_prefix(tmp_path):
    folder = make_pack(tmp_path / "pack", {"QZ001": "name: x\nsummary: x\nextends: existence\ntokens: [a]\n"},
                       meta="prefix: QY\n")
    with pytest.raises(ConfigError, match=r"QZ001.yml:1: 规则代码 “QZ001” 不以它的前缀 QY 开头"):
        Linter(Config(packs=[str(folder)]), entry_points=False)


def test_broken_pack_through_the_cli_is_one_line(cli, tmp_path, monkeypatch):
    make_pack(tmp_path / "pack", {"QY302": BROKEN["bad regex"][1]})
    (tmp_path / ".lawlint.yaml").write_text("packs: [./pack]\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("正文。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "d.txt")
    assert run.code == 2 and run.out == "" and len(run.err.splitlines()) == 1
    assert "QY302.yml:4: 正则表达式 “(法制” 有误" in run.err


def test_builtin_st001_is_a_required_rule_in_rules_packs():
    entry = Linter(entry_points=False).registry.lookup("ST001")
    assert entry.pack == "structure" and entry.rule.kind == "required"
    assert entry.rule.source.replace("\\", "/").endswith("lawlint/data/packs/structure/ST001.yml")


def test_a_pack_may_not_take_a_reserved_prefix(tmp_path):
    folder = make_pack(tmp_path / "pack", {"ST901": "name: x\nsummary: x\nextends: existence\ntokens: [a]\n"},
                       meta="title: 本机关\nprefix: ST\n")
    with pytest.raises(ConfigError, match=r"pack.yml:2: 规则包的前缀 “ST” 是 lawlint 保留的前缀"):
        Linter(Config(packs=[str(folder)]), entry_points=False)


def test_modest_message_formats_still_work(tmp_path):
    rule = "name: x\nsummary: x\nextends: existence\ntokens: ['亲自']\nmessage: '慎用“{match:>4}”{match!r}'\n"
    _, found, _ = lint(tmp_path, {"QY319": rule}, "局长亲自部署。\n")
    assert found == [((1, 3), "QY319", "慎用“  亲自”'亲自'")]


def test_safe_user_patterns_are_accepted(tmp_path):
    """Quantifiers next to each other over characters that cannot meet, or nested with a
    required separator, are linear and accepted."""
    rule = ("name: x\nsummary: x\nextends: existence\n"
            "tokens: ['(?:\\s*\\d)+号', '[一-龥]+\\d+件', '\\d+\\s+\\d+', '(?:第[一二三]条|第[四五]款)+', '[^》]*》']\n")
    _, found, _ = lint(tmp_path, {"QY324": rule}, "办理15件。\n")
    assert found == [((1, 1), "QY324", "不应出现“办理15件”")]


def test_the_shipped_packs_and_profiles_pass_the_check_for_user_patterns(monkeypatch):
    """lawlint's own YAML (skipped at run time: its tests time it instead) is safe by the
    same rules, so an agency copying it gets no refusal."""
    from lawlint.engine import schema

    checked = []
    real = schema.check_safety
    monkeypatch.setattr(schema, "_shipped", lambda name: False)
    monkeypatch.setattr(schema, "check_safety", lambda *args: checked.append(args) or real(*args))
    Linter(entry_points=False)
    assert len(checked) > 100


def test_shipped_patterns_are_compiled_when_first_used_with_the_flags_re_gives_them():
    """lawlint's own packs keep their patterns uncompiled until a document may match them;
    the flags the prefilter reads from the text are those ``re`` compiles."""
    import re

    from lawlint.document import Document
    from lawlint.engine.schema import LazyPattern

    linter = Linter(entry_points=False)
    lazy = [value for rule in linter.rules for value in vars(type(rule)).values() if isinstance(value, LazyPattern)]
    lazy += [p for rule in linter.rules for value in vars(type(rule)).values() if isinstance(value, tuple)
             for item in value for p in (item if isinstance(item, tuple) else (item,)) if isinstance(p, LazyPattern)]
    assert len(lazy) > 50 and all(p._compiled is None for p in lazy)
    for p in lazy:
        assert p.flags == re.compile(p.pattern).flags, p.pattern
    for text, flags in (("(?i)abc", re.I | re.U), ("(?a)(?m)x", re.A | re.M), ("x(?i:y)", re.U)):
        assert LazyPattern(text).flags == flags == re.compile(text).flags
    linter.lint_document(Document("关于2024年工作的报告\n截止目前，法制政府建设。\n"))
    assert any(p._compiled is not None for p in lazy) and any(p._compiled is None for p in lazy)


# -- packs that used to crash with a traceback -----------------------------------------------
def _broken(folder):
    with pytest.raises(ConfigError) as error:
        Linter(Config(packs=[str(folder)]), entry_points=False)
    return str(error.value)


def test_extends_as_a_list_is_one_line(tmp_path):
    folder = make_pack(tmp_path / "pack", {"QY320": "name: x\nsummary: x\nextends: [existence]\ntokens: [a]\n"})
    assert _broken(folder).startswith(f"{folder / 'QY320.yml'}:3: “extends” 应为一个规则种类的名称（可用：")


@pytest.mark.parametrize("name", ["QY321.yml", "pack.yml"])
def test_a_pack_file_that_is_not_utf8_is_one_line(tmp_path, name):
    folder = make_pack(tmp_path / "pack", {})
    (folder / name).write_bytes("name: 错别字\nsummary: x\n".encode("gb18030"))
    assert _broken(folder) == f"{folder / name}: 第 6 字节处不是 UTF-8 编码，请另存为 UTF-8 的" + (
        "规则包说明文件" if name == "pack.yml" else "规则文件")


def test_a_rule_file_that_is_a_folder_is_one_line(tmp_path):
    folder = make_pack(tmp_path / "pack", {"QY322": "name: x\nsummary: x\nextends: existence\ntokens: [a]\n"})
    (folder / "QY323.yml").mkdir()
    assert _broken(folder) == f"{folder / 'QY323.yml'}: 这是一个目录，不是规则文件"


def test_a_broken_pack_file_through_the_cli_is_one_line(cli, tmp_path, monkeypatch):
    make_pack(tmp_path / "pack", {})
    (tmp_path / "pack" / "QY324.yml").write_bytes(b"name: \xff\xfe\n")
    (tmp_path / ".lawlint.yaml").write_text("packs: [./pack]\n", encoding="utf-8")
    (tmp_path / "d.txt").write_text("正文。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("check", "d.txt")
    assert run.code == 2 and run.out == "" and run.err.count("\n") == 1 and "Traceback" not in run.err


def test_word_boundaries_of_the_piece_around_a_match_are_those_of_the_whole_text():
    """whole_word segments only the piece between cuts (punctuation, blanks) around a match:
    jieba segments each run between them on its own, so the answer is the same."""
    import random

    from lawlint.document import Document
    from lawlint.kinds.base import on_word_boundaries

    rng = random.Random(11)
    pieces = ["行政", "规范性", "文件", "使行", "行使", "职权", "进一度", "推进", "法治", "政府", "建设", "ABC", "2024",
              "年", "，", "。", "、", " ", "\u3000", "\n", "《", "》", "-", ".", "%", "促使", "行政性", "规范"]
    for _ in range(60):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        doc = Document(text)
        whole = doc.word_boundaries(text)
        for _ in range(30):
            start = rng.randint(0, len(text) - 1)
            end = rng.randint(start + 1, min(len(text), start + 6))
            assert on_word_boundaries(doc, text, start, end) == (start in whole and end in whole), (text, start, end)


@pytest.mark.parametrize("code", ["WD007", "WD008", "WD018"])
def test_a_long_paragraph_is_segmented_piece_by_piece(monkeypatch, code):
    """Past SEGMENT_PIECES_ABOVE characters WD007 (the repetition kind), WD008 and WD018 segment the
    pieces between punctuation marks, not the whole paragraph (a file on one line): the
    findings are the same."""
    import random

    from lawlint.document import Document
    from lawlint.lang import text as text_module

    rule = next(r for r in Linter(entry_points=False).rules if r.code == code)
    rng = random.Random(3)
    pieces = ["工作", "进一步", "的", "的的", "积极", "积极积极", "推进", "推进 推进", "法治", "，", "。", "、", " ",
              "\u3000", "（", "）", "2024", "年", "ABC", "“", "”", "紧紧", "县县", "加强", "加强　加强", "；",
              "元谋县", "县卫生健康局", "市市场监管局", "全县", "县直单位", "村村通", "省", "市",
              "认真得", "更好得", "积极得", "深入得", "学习", "落实", "得到", "得很", "推动", "得以"]
    found = 0
    for _ in range(150):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 50))) + "\n"
        whole = [(v.span, v.message, v.fix) for v in rule.check(Document(text))]
        with monkeypatch.context() as m:
            m.setattr(text_module, "SEGMENT_PIECES_ABOVE", 0)
            pieced = [(v.span, v.message, v.fix) for v in rule.check(Document(text))]
        assert pieced == whole, text
        found += bool(whole)
    assert found > 5  # the texts do hold what the rule reports


@pytest.mark.speedup
def test_existence_searches_only_the_tokens_a_document_can_hold_and_finds_the_same():
    """A token whose characters a document lacks is left out of the alternation searched
    (``Existence._possible``): the findings are those of the whole alternation."""
    import pathlib

    import yaml

    from lawlint.document import Document

    rules = [rule for rule in Linter(entry_points=False).rules if getattr(rule, "kind", "") == "existence" and len(rule.tokens) > 1]
    assert {rule.code for rule in rules} >= {"TX003", "TX004", "TX006"}
    for rule in rules:
        cases = yaml.safe_load((pathlib.Path(__file__).parent / "cases" / f"{rule.code}.yml").read_text(encoding="utf-8"))
        texts = [v for case in cases.values() if isinstance(case, dict) for k, v in case.items()
                 if k in ("pass", "fail") and isinstance(v, str)]
        whole = type(type(rule).__name__, (type(rule),), {"_possible": lambda self, doc: self.pattern})(**rule.config)
        findings, pruned = 0, 0
        for text in _drafts_from(texts, 1500):
            doc = Document(text)
            expected = [(v.span, v.message) for v in whole.check(Document(text))]
            assert [(v.span, v.message) for v in rule.check(doc)] == expected, (rule.code, text)
            findings += len(expected)
            pruned += rule._possible(doc) is not rule.pattern
        assert findings >= 5 and pruned >= 20, rule.code


def test_existence_keeps_every_token_when_the_tokens_hold_groups(tmp_path):
    """In the alternation the second token's \\1 is the first token's group, never set when
    the second is tried: it matches nothing, and must not start matching 丙丙 when the first
    token, which 丙丙丁 cannot hold, is left out."""
    rule = r"""
        name: doubled-after-mark
        summary: 测试
        extends: existence
        tokens: ['(甲)乙', '(丙)\1', '丁+']
        message: “{match}”
    """
    _, found, _ = lint(tmp_path, {"QY001": rule}, "丙丙丁。\n")
    assert found == [((1, 3), "QY001", "“丁”")]
