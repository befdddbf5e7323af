"""Rule documentation as views of the registry: ``lawlint explain``, ``lawlint rules``
and ``docs/rules.md`` are rendered by the same code, so they cannot disagree."""
from __future__ import annotations

import re
from typing import Iterable

from lawlint.engine.registry import Entry
from lawlint.output.formatters import display_width
from lawlint.rule import CONFIDENCE_LABELS, Applicability, Availability


def _body(entry: Entry) -> str:
    """The documentation without its first line (which repeats the summary)."""
    lines = entry.rule.documentation().splitlines()
    return "\n".join(lines[1:]).strip()


def _source(entry: Entry) -> str:
    return f"{entry.plugin}（规则包 {entry.pack}）" if entry.pack else entry.plugin


def explanation(entry: Entry) -> str:
    rule = entry.rule
    lines = [
        f"{rule.code} {rule.name} —— {rule.summary}",
        "",
        f"严重程度：{rule.severity.value}（{rule.severity.label}）    把握：{_confidence(rule)}"
        f"    来源：{_source(entry)}",
        f"修改建议：{fix_text(rule)}",
        f"依据：{rule.basis or '（未注明）'}",
        *([f"适用：{rule.from_year}年及以后成文的文档"] if rule.from_year else []),
        "",
        _body(entry),
    ]
    if rule.options:
        lines += ["", "## 选项"]
        lines += [f"- `{key}`（默认 {value!r}）" for key, value in rule.options.items()]
    return "\n".join(lines).rstrip() + "\n"


def _confidence(rule) -> str:
    return CONFIDENCE_LABELS.get(rule.confidence, rule.confidence)


_APPLIES = {Applicability.SAFE: "--fix 自动修改", Applicability.UNSAFE: "--unsafe-fixes 才自动修改",
            Applicability.DISPLAY_ONLY: "不自动修改"}


def fix_label(rule) -> str:
    """The short form for tables: 总是·安全, 有时·需确认 …; empty for a rule without fixes."""
    if rule.fix_availability is Availability.NEVER:
        return ""
    mixed = "*" if rule.fix_note else ""
    return f"{rule.fix_availability.label}·{rule.fix_applicability.label}{mixed}"


def fix_text(rule) -> str:
    """The long form for ``explain`` and docs/rules.md: availability, applicability, note."""
    if rule.fix_availability is Availability.NEVER:
        return "无（只指出问题，不附修改建议）"
    availability = "每个问题都附有" if rule.fix_availability is Availability.ALWAYS else "部分问题附有"
    text = (f"{availability}（{rule.fix_availability.value}）；{rule.fix_applicability.label}"
            f"（{rule.fix_applicability.value}，{_APPLIES[rule.fix_applicability]}）")
    return f"{text}。{rule.fix_note}" if rule.fix_note else text


def table(entries: Iterable[Entry]) -> str:
    rows = [(e.code, e.name, e.rule.severity.value, _confidence(e.rule), fix_label(e.rule),
             e.rule.summary, _source(e)) for e in entries]
    headers = ("代码", "名称", "严重程度", "把握", "修改建议", "说明", "来源")
    widths = [max(display_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    pad = lambda text, width: text + " " * (width - display_width(text))  # noqa: E731
    return "\n".join("  ".join(pad(str(c), widths[i]) for i, c in enumerate(row)).rstrip()
                     for row in [headers, *rows]) + "\n"


def markdown(entries: Iterable[Entry]) -> str:
    """The rule reference (``docs/rules.md``)."""
    entries = list(entries)
    out = ["# lawlint 规则参考", "",
           "本文件由 `lawlint rules --format md --no-plugins --isolated > docs/rules.md` 生成，请勿手工修改。", "",
           "“把握”说明这条规则报出的问题有多可靠：高——基本都是真问题；中——多数是，少数需要人工确认；"
           "低——提示性的，请人工判断。个别拿不准的问题一律以提示（info）报出。", "",
           "“修改建议”说明问题是否附有修改建议（总是、有时）以及能否自动修改：安全——`lawlint check --fix` "
           "自动修改；需确认——只有加上 `--unsafe-fixes` 才自动修改；仅供参考——从不自动修改。"
           "带 * 的规则，部分修改建议比所标的更需确认，见该规则的说明。", "",
           "| 代码 | 名称 | 严重程度 | 把握 | 修改建议 | 说明 |", "|---|---|---|---|---|---|"]
    out += [f"| [{e.code}](#{e.code.lower()}) | {e.name} | {e.rule.severity.value} | {_confidence(e.rule)} | "
            f"{fix_label(e.rule)} | {e.rule.summary} |" for e in entries]
    for e in entries:
        rule = e.rule
        out += ["", f"## {rule.code}", "", f"**{rule.name}** —— {rule.summary}", "",
                f"- 严重程度：{rule.severity.value}", f"- 把握：{_confidence(rule)}", f"- 修改建议：{fix_text(rule)}",
                f"- 依据：{rule.basis or '（未注明）'}", f"- 来源：{_source(e)}"]
        if rule.from_year:
            out.append(f"- 适用：{rule.from_year}年及以后成文的文档")
        if rule.options:
            out.append("- 选项：" + "，".join(f"`{k}`（默认 {v!r}）" for k, v in rule.options.items()))
        out += ["", re.sub(r"^## ", "### ", _body(e), flags=re.M)]
    return "\n".join(out).rstrip() + "\n"
