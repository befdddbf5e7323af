"""The ``lawlint`` command.

Exit status: 0 — nothing at or above ``--fail-on``; 1 — findings; 2 — a usage,
configuration or input error (always reported in one line, never a traceback).
"""
from __future__ import annotations

import itertools
import json
import os
import sys
from pathlib import Path
from typing import Sequence

import click

from lawlint import __version__
from lawlint.formatters import Summary
from lawlint.linter import FileResult, Linter, load_config
from lawlint.runner import STDIN, default_jobs, lint_files
from lawlint.loaders import InputError
from lawlint.registry import Registry, UsageError
from lawlint.rule import ConfigError, Severity

_SKIP_DIRS = {"node_modules", "__pycache__", "venv"}


def _selectors(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _warn(message: str) -> None:
    click.echo(f"lawlint: 警告：{message}", err=True)


def _error(message: str) -> None:
    click.echo(f"lawlint: 错误：{message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="lawlint")
def cli() -> None:
    """lawlint —— 公文检查工具：法治政府建设年度报告的结构、发文字号、日期与重复语句。"""


@cli.command()
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", default="text", show_default=True, metavar="text|json",
              help="输出格式。")
@click.option("--select", multiple=True, metavar="CODES", help="只启用这些规则（代码前缀或名称，可用逗号分隔）。")
@click.option("--ignore", multiple=True, metavar="CODES", help="停用这些规则（代码前缀或名称，可用逗号分隔）。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="使用指定的配置文件。")
@click.option("--isolated", is_flag=True, help="忽略所有配置文件。")
@click.option("--fail-on", type=click.Choice([s.value for s in Severity]), default=None,
              help="达到该严重程度即以状态 1 退出（默认 warning）。")
@click.option("--profile", default=None, metavar="NAME", help="指定文档类型（如 fazhi-report），不自动识别。")
@click.option("--quiet", "-q", is_flag=True, help="只输出问题行，不显示原文摘录和汇总。")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="彩色输出。")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="并行进程数（默认为 CPU 核数；文件较少时不并行）。")
def check(paths, output_format, select, ignore, config_path, isolated, fail_on, profile, quiet, color,
          jobs) -> int:
    """检查文档（文件、目录或 - 表示标准输入）。"""
    cfg = load_config(config_path, isolated)
    settings = dict(cfg=cfg, select=_selectors(select) or None, ignore=_selectors(ignore), profile=profile)
    linter = Linter(**settings, warn=_warn)
    formatter_class = linter.formatters.get(output_format)
    if formatter_class is None:
        raise UsageError(f"--format: 未知的输出格式 “{output_format}”（可用：{'、'.join(linter.formatters)}）")
    threshold = Severity(fail_on) if fail_on else (cfg.fail_on or Severity.WARNING)
    stream = sys.stdout
    use_color = color == "always" or (color == "auto" and stream.isatty() and "NO_COLOR" not in os.environ)
    formatter = formatter_class(stream, color=use_color, quiet=quiet)

    files, missing = collect(paths or (".",), linter.file_types)
    summary = Summary()
    formatter.start()
    stdin = sys.stdin.buffer.read() if STDIN in files else None
    results = itertools.chain((FileResult(path, error=problem) for path, problem in missing),
                              lint_files(linter, settings, files, jobs or default_jobs(), stdin))
    for result in results:
        if result.error:
            _error(f"{result.path}: {result.error}")
        summary.add(result)
        formatter.file(result)  # each document is dropped once reported
    formatter.finish(summary)
    if summary.errors:
        return 2
    worst = max((severity.rank for severity, count in summary.counts.items() if count), default=-1)
    return 1 if worst >= threshold.rank else 0


def collect(paths: Sequence[str], extensions: Sequence[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to check (directories walked for known extensions), and (path, problem) for bad paths."""
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        if raw == STDIN:
            files.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                str(p) for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in extensions
                and not any(part.startswith(".") or part in _SKIP_DIRS for part in p.relative_to(path).parts[:-1])
            )
            if not found:
                problems.append((raw, f"目录中没有可检查的文档（{'、'.join(extensions)}）"))
            files.extend(found)
        elif path.is_file():
            files.append(raw)
        elif path.exists():
            problems.append((raw, "不是普通文件"))
        else:
            problems.append((raw, "找不到该文件或目录"))
    return files, problems


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--isolated", is_flag=True, help="忽略配置文件。")
def rules(output_format, isolated) -> int:
    """列出全部规则（含插件提供的规则）。"""
    registry = Linter(load_config(None, isolated), warn=_warn).registry
    if output_format == "json":
        click.echo(json.dumps([_rule_record(e) for e in registry], ensure_ascii=False, indent=2))
        return 0
    rows = [(e.code, e.name, e.rule.severity.value, "是" if e.rule.fixable else "", e.rule.summary, e.plugin)
            for e in registry]
    headers = ("代码", "名称", "严重程度", "可修复", "说明", "来源")
    widths = [max(_width(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    for row in [headers, *rows]:
        click.echo("  ".join(_pad(str(cell), widths[i]) for i, cell in enumerate(row)).rstrip())
    return 0


def _rule_record(entry) -> dict:
    rule = entry.rule
    return {"code": rule.code, "name": rule.name, "summary": rule.summary, "severity": rule.severity.value,
            "fixable": rule.fixable, "basis": rule.basis, "options": dict(rule.options), "plugin": entry.plugin}


def _width(text: str) -> int:
    from lawlint.formatters import display_width

    return display_width(text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


@cli.command()
@click.argument("rule")
def explain(rule) -> int:
    """说明一条规则：依据、原因、错误和正确示例、选项。"""
    registry: Registry = Linter(load_config(None, True), warn=_warn).registry
    entry = registry.lookup(rule)
    if entry is None:
        raise UsageError(f"未知的规则 “{rule}”（用 lawlint rules 查看全部规则）")
    click.echo(render_explanation(entry))
    return 0


def render_explanation(entry) -> str:
    rule = entry.rule
    lines = [
        f"{rule.code} {rule.name} —— {rule.summary}",
        "",
        f"严重程度：{rule.severity.value}（{rule.severity.label}）    可自动修复：{'是' if rule.fixable else '否'}"
        f"    来源：{entry.plugin}",
        f"依据：{rule.basis or '（未注明）'}",
        "",
        rule.documentation(),
    ]
    if rule.options:
        lines += ["", "## 选项"]
        lines += [f"- `{key}`（默认 {value!r}）" for key, value in rule.options.items()]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        result = cli.main(args=list(argv) if argv is not None else None, prog_name="lawlint",
                          standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return 2
    except click.exceptions.Abort:
        _error("已中止")
        return 2
    except (ConfigError, UsageError, InputError) as exc:
        _error(str(exc))
        return 2
    except BrokenPipeError:
        return 1
    return result if isinstance(result, int) else 0
