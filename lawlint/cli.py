"""The ``lawlint`` command.

Exit status: 0 — nothing at or above ``--fail-on``; 1 — findings; 2 — a usage,
configuration or input error (always reported in one line, never a traceback).
"""
from __future__ import annotations

import copy
import itertools
import json
import os
import sys
from pathlib import Path
from typing import Callable, Iterator, Sequence

import click

from lawlint import __version__, docs
from lawlint.formatters import Summary
from lawlint.linter import FileResult, Linter, load_config
from lawlint.runner import STDIN, default_jobs, lint_files
from lawlint.loaders import InputError
from lawlint.plugins import CONTRIBUTIONS
from lawlint.plugins import load as load_plugins
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
@click.option("--show-all", is_flag=True, help="逐条列出全部问题（默认把同一文件中同一规则的大量问题合为一条）。")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
              help="彩色输出。")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
              help="并行进程数（默认为 CPU 核数；文件较少时不并行）。")
@click.option("--plugin", "plugin_files", multiple=True, metavar="FILE.py", help="使用未打包的插件文件（可重复）。")
@click.option("--require-plugins", multiple=True, metavar="NAMES",
              help="这些插件（发行包名或前缀，逗号分隔）必须已安装且加载成功，否则以状态 2 退出。")
@click.pass_obj
def check(loaded, paths, output_format, select, ignore, config_path, isolated, fail_on, profile, quiet, show_all,
          color, jobs, plugin_files, require_plugins) -> int:
    """检查文档（文件、目录或 - 表示标准输入）。"""
    cfg = load_config(config_path, isolated)
    settings = dict(cfg=cfg, select=_selectors(select) or None, ignore=_selectors(ignore), profile=profile,
                    plugins=list(plugin_files), require=_selectors(require_plugins))
    linter = Linter(**settings, warn=_warn, loaded=loaded)
    formatter_class = linter.formatters.get(output_format)
    if formatter_class is None:
        raise UsageError(f"--format: 未知的输出格式 “{output_format}”（可用：{'、'.join(linter.formatters)}）")
    threshold = Severity(fail_on) if fail_on else (cfg.fail_on or Severity.WARNING)
    stream = sys.stdout
    use_color = color == "always" or (color == "auto" and stream.isatty() and "NO_COLOR" not in os.environ)
    formatter = formatter_class(stream, color=use_color, quiet=quiet, show_all=show_all)

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


def collect(paths: Sequence[str], extensions: Sequence[str],
            warn: Callable[[str], None] = _warn) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to check (directories walked for known extensions), and (path, problem) for bad paths.
    A subfolder that cannot be listed is a warning: its documents would be missed silently."""
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        if raw == STDIN:
            files.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(_walk(raw, extensions, warn))
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


def _walk(top: str, extensions: Sequence[str], warn: Callable[[str], None]) -> Iterator[str]:
    """Documents under ``top``, hidden and tool folders skipped, symbolic links to folders not followed."""
    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else Path(top)
        warn(f"{where}: 无法读取该目录，其中的文档没有检查（{error.strerror or error}）")

    for folder, subfolders, names in os.walk(top, onerror=unreadable):
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and d not in _SKIP_DIRS]
        for name in names:
            file = Path(folder, name)
            if file.suffix.lower() in extensions and file.is_file():
                yield str(file)


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True, help="text 为表格，json 供程序读取，md 为规则参考文档（docs/rules.md）。")
@click.option("--isolated", is_flag=True, help="忽略配置文件（配置中的规则包和插件文件不计入）。")
@click.option("--no-plugins", is_flag=True, help="只列出 lawlint 自带的规则。")
@click.pass_obj
def rules(loaded, output_format, isolated, no_plugins) -> int:
    """列出全部规则（含插件和规则包提供的规则）。"""
    linter = Linter(load_config(None, isolated), warn=_warn, loaded=None if no_plugins else loaded,
                    entry_points=not no_plugins)
    entries = list(linter.registry)
    if output_format == "json":
        click.echo(json.dumps([_rule_record(e) for e in entries], ensure_ascii=False, indent=2))
    elif output_format == "md":
        click.echo(docs.markdown(entries), nl=False)
    else:
        click.echo(docs.table(entries), nl=False)
    return 0


def _rule_record(entry) -> dict:
    rule = entry.rule
    return {"code": rule.code, "name": rule.name, "summary": rule.summary, "severity": rule.severity.value,
            "confidence": rule.confidence, "fixable": rule.fixable, "basis": rule.basis, "options": dict(rule.options), "plugin": entry.plugin,
            "pack": entry.pack or None}


@cli.command()
@click.argument("rule")
@click.pass_obj
def explain(loaded, rule) -> int:
    """说明一条规则：依据、原因、错误和正确示例、选项。"""
    registry: Registry = Linter(load_config(None, False), warn=_warn, loaded=loaded).registry
    entry = registry.lookup(rule)
    if entry is None:
        raise UsageError(f"未知的规则 “{rule}”（用 lawlint rules 查看全部规则）")
    click.echo(docs.explanation(entry), nl=False)
    return 0


@cli.command()
@click.option("--isolated", is_flag=True, help="忽略配置文件（配置中的插件文件不计入）。")
@click.pass_obj
def plugins(loaded, isolated) -> int:
    """列出已加载的插件：前缀、发行包、版本和它们提供的内容。"""
    linter = Linter(load_config(None, isolated), warn=_warn, loaded=loaded)
    packs_by_owner: dict[str, list] = {}
    for pack in linter.packs:
        packs_by_owner.setdefault(pack.owner, []).append(pack)
    for info in linter.plugins.infos:
        owner = info.distribution or info.name
        prefix = "、".join(info.prefixes) if info.prefixes else "-"
        click.echo(f"{prefix}  {info.label}  （{info.source}）")
        for hook, label in CONTRIBUTIONS.items():
            items = info.contributions.get(hook, [])
            if hook == "register_packs":
                items = packs_by_owner.get(owner, [])
                names = [f"{p.name}（{len(p.rules)} 条规则{'' if p.enabled else '，默认关闭'}）" for p in items]
            elif hook == "register_rules":
                names = [r.code for r in items]
            elif hook == "register_profiles":
                files = {str(f) for f in items}
                names = [p.name for p in linter.profiles.values() if p.source in files]
            else:
                names = [getattr(i, "kind", None) or getattr(i, "name", None) or str(i) for i in items]
            if names:
                click.echo(f"    {label} {len(names)}：{'、'.join(map(str, names))}")
        if info.commands:
            click.echo(f"    命令 {len(info.commands)}：{'、'.join(info.commands)}")
    for failure in linter.plugins.failures:
        click.echo(f"加载失败：{failure}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    try:
        loaded = load_plugins(warn=_warn)
        group = copy.copy(cli)
        group.commands = dict(cli.commands)
        loaded.add_commands(group)
        result = group.main(args=list(argv) if argv is not None else None, prog_name="lawlint",
                            standalone_mode=False, obj=loaded)
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
