"""The ``lawlint`` command.

Exit status: 0 — nothing at or above ``--fail-on``; 1 — findings; 2 — a usage,
configuration or input error (always reported in one line, never a traceback).
"""
from __future__ import annotations

import collections
import contextlib
import copy
import gettext
import itertools
import os
import sys
from pathlib import Path
from typing import Callable, Iterator, Sequence, TextIO

import click

from lawlint import __version__
from lawlint.annotate import annotate as annotate_command
from lawlint.document.loaders import InputError
from lawlint.engine import baseline as baseline_module
from lawlint.engine import config as config_module
from lawlint.engine.catalogue import Catalogue, load_config
from lawlint.engine.linter import FileResult, LinterSet
from lawlint.engine.plugins import CONTRIBUTIONS
from lawlint.engine.plugins import load as load_plugins
from lawlint.engine.registry import UsageError
from lawlint.engine.runner import STDIN, default_jobs, lint_files, read
from lawlint.output import docs, formatters, interface
from lawlint.output.formatters import Summary
from lawlint.rule import ConfigError, Severity

_SKIP_DIRS = {"node_modules", "__pycache__", "venv"}


def _selectors(values: Sequence[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _warn(message: str) -> None:
    click.echo(f"lawlint: {_label('warning')}{formatters.printable(message)}", err=True)  # paths may hold anything


def _error(message: str) -> None:
    click.echo(f"lawlint: {_label('error')}{formatters.printable(message)}", err=True)


def _label(severity: str) -> str:
    return f"{interface.tag(severity)}：" if interface.current() == "zh" else f"{severity}: "


class _ClickTextOption(click.Option):
    """An option of click's own (``--version``) whose help is click's text, looked up when shown:
    the interface language is known only once the command line is read."""

    def __init__(self, *args, click_help: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.click_help = click_help

    def get_help_record(self, ctx: click.Context):
        self.help = gettext.gettext(self.click_help)
        return super().get_help_record(ctx)


class _HelpFormatter(click.HelpFormatter):
    def write_heading(self, heading: str) -> None:
        """“选项：” in Chinese, “Options:” in English."""
        if interface.current() == "zh":
            self.write(f"{'':>{self.current_indent}}{heading}：\n")
        else:
            super().write_heading(heading)


class _Context(click.Context):
    formatter_class = _HelpFormatter


class _Command(click.Command):
    """A command whose help option says “Show this message and exit.” in the interface language
    (click creates that option once per command and keeps it)."""

    context_class = _Context

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = gettext.gettext("Show this message and exit.")
        return option


class _Group(_Command, click.Group):
    command_class = _Command


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        interface.use(value)


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(gettext.gettext("%(prog)s, version %(version)s") % {"prog": "lawlint", "version": __version__})
        ctx.exit()


def _language_option(function):
    return click.option("--lang", type=click.Choice(interface.LANGUAGES), default=None, is_eager=True,
                        expose_value=False, callback=_set_language,
                        help="界面语言：zh（默认）或 en；也可用环境变量 LAWLINT_LANG。")(function)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("-V", "--version", cls=_ClickTextOption, click_help="Show the version and exit.", is_flag=True,
              is_eager=True, expose_value=False, callback=_show_version)
@_language_option
def cli() -> None:
    """lawlint —— 公文检查工具：法治政府建设年度报告的结构、发文字号、日期与重复语句。"""


@cli.command()
@_language_option
@click.argument("paths", nargs=-1)
@click.option("--format", "output_format", default="text", show_default=True, metavar="FORMAT",
              help="输出格式：text、concise（每个问题一行）、json、jsonl（每行一个问题）、github（GitHub Actions 注释）、"
                   "gitlab（GitLab 代码质量）、junit、sarif、html（审核意见网页）、csv（审核意见表）；插件可以增加格式。")
@click.option("--select", multiple=True, metavar="CODES", help="只启用这些规则（代码前缀或名称，可用逗号分隔）。")
@click.option("--ignore", multiple=True, metavar="CODES", help="停用这些规则（代码前缀或名称，可用逗号分隔）。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="使用指定的配置文件（用于全部文件）。")
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
@click.option("--max-size", type=click.FloatRange(min=0), default=None, metavar="MB",
              help=f"大于此值的文档不检查（以状态 2 结束）；默认 {config_module.DEFAULT_MAX_SIZE} MB，0 表示不限。")
@click.option("--statistics", is_flag=True, help="只输出每条规则的问题数（text 或 json 格式）。")
@click.option("--exit-zero", is_flag=True, help="有问题也以状态 0 退出（用法和输入错误仍为 2）。")
@click.option("--output-file", "--output", "-o", "output_path", type=click.Path(dir_okay=False, writable=True),
              default=None, metavar="FILE",
              help="把结果写入文件（UTF-8），而不是标准输出。")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="把标准输入当作这个文件检查：用它的配置文件、per-file-ignores、文件类型，并以它报告位置；"
                   "没有给出文件时即检查标准输入。")
@click.option("--no-cache", is_flag=True, help="不使用检查结果的缓存（默认：未改动的文件直接取上次的结果）。")
@click.option("--show-settings", is_flag=True, help="不检查，列出每个文件所用的配置文件、规则、文档类型和选项。")
@click.option("--verbose", "-v", is_flag=True, help="在标准错误中说明用了哪个配置文件。")
@click.option("--whole-page", is_flag=True,
              help="网页（.html）检查整页文字，栏目、导航等网页残留作为 TX002 报出（默认只检查正文）。")
@click.option("--fix", is_flag=True, help="自动修改能安全修改的问题（就地改写文件，编码、换行和其余字节不变）。")
@click.option("--unsafe-fixes", is_flag=True, help="与 --fix、--diff 同用：需确认的修改也一并应用。")
@click.option("--diff", is_flag=True, help="不改动文件，输出 --fix 会做的修改（统一差异格式）；有可修改的内容时以状态 1 结束。")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="只报告基线文件中没有记录的问题（也可在配置中写 baseline:）。")
@click.option("--write-baseline", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="把这次发现的全部问题记入基线文件（覆盖），以状态 0 结束；以后用 --baseline 只看新问题。")
@click.option("--show-stale", is_flag=True, help="与基线同用：列出基线中已不存在（已改正或已改动）的条目。")
@click.pass_obj
def check(loaded, paths, output_format, select, ignore, config_path, isolated, fail_on, profile, quiet, show_all,
          color, jobs, plugin_files, require_plugins, max_size, statistics, exit_zero, output_path, stdin_filename,
          no_cache, show_settings, verbose, whole_page, fix, unsafe_fixes, diff, baseline_path, write_baseline,
          show_stale) -> int:
    """检查文档（文件、目录或 - 表示标准输入）。

    每个文件使用离它最近的配置文件（从文件所在目录向上找，到仓库根目录或用户主目录为止）。
    """
    configs = LinterSet(loaded, config=config_path, isolated=isolated, warn=_warn,
                        select=_selectors(select) or None, ignore=_selectors(ignore), profile=profile,
                        plugins=list(plugin_files), require=_selectors(require_plugins), max_size=max_size,
                        load_options={"whole_page": True} if whole_page else None)
    if not paths:
        try:
            os.getcwd()
        except OSError:
            raise UsageError("当前目录已不存在（已被删除或移走）：请换一个目录，或给出要检查的文件或目录") from None
    if stdin_filename is not None and not stdin_filename.strip():
        raise UsageError("--stdin-filename: 文件名不能为空")
    paths = paths or ((STDIN,) if stdin_filename else (".",))
    if unsafe_fixes and not (fix or diff):
        raise UsageError("--unsafe-fixes 要与 --fix 或 --diff 一起使用")
    if write_baseline and (fix or diff):
        raise UsageError("--write-baseline 不能与 --fix 或 --diff 同用：请先修改，再记录基线")
    if show_settings:
        for path in paths:
            click.echo(settings_text(configs, stdin_filename if path == STDIN and stdin_filename else path))
        return 0
    skipped: list[tuple[str, str]] = []
    files, missing = collect(paths, lambda folder: configs.linter(folder).file_types, skipped=skipped)
    if output_path is not None:  # last run's report in a folder being checked is not a document
        target = os.path.realpath(output_path)
        files = [f for f in files if f == STDIN or os.path.realpath(f) != target]
    _say_skipped(skipped, files)
    items = [(path, configs.index(stdin_filename if path == STDIN and stdin_filename else path)) for path in files]
    if not configs.linters:  # nothing to read: the configuration is still checked
        configs.index(None)
    formatter_class = next((lin.formatters[output_format] for lin in configs.linters
                            if output_format in lin.formatters), None)
    if formatter_class is None:
        known = dict.fromkeys(name for lin in configs.linters for name in lin.formatters)
        raise UsageError(f"--format: 未知的输出格式 “{output_format}”（可用：{'、'.join(known)}）")
    if statistics and output_format not in ("text", "json"):
        raise UsageError(f"--statistics 只能与 --format text 或 json 一起使用（而不是 {output_format}）")
    if verbose:
        used = collections.Counter(index for _, index in items)
        for index in sorted(used) or [0]:
            _note(f"配置文件：{configs.describe(index)}；{used[index]} 个文件")
    thresholds = [Severity(fail_on) if fail_on else (lin.config.fail_on or Severity.WARNING)
                  for lin in configs.linters]
    task = None
    if fix or diff:  # what fixing needs (difflib, tempfile) is loaded only then
        from lawlint.engine.autofix import FixTask

        task = FixTask(unsafe=unsafe_fixes, write=fix and not diff, diff=diff)
    baselines = _Baselines(baseline_path, configs, write_baseline)
    if show_stale and not (baselines.given or any(lin.config.baseline for lin in configs.linters)):
        raise UsageError("--show-stale 要与 --baseline（或配置中的 baseline:）一起使用")
    # with --fix, standard input's fixed text goes to standard output, the report to standard error
    default_stream = sys.stderr if fix and not diff and STDIN in files else sys.stdout
    with _output(output_path, default_stream) as stream:
        use_color = color == "always" or (color == "auto" and output_path is None and stream.isatty()
                                          and "NO_COLOR" not in os.environ)
        if statistics:
            from lawlint.output.ci import Statistics

            formatter = Statistics(stream, as_json=output_format == "json", color=use_color)
        else:
            formatter = formatter_class(stream, color=use_color, quiet=quiet, show_all=show_all)
        formatter.rules = {rule.code: rule for lin in configs.linters for rule in lin.rules}
        run = _Run(configs, items, thresholds, task, baselines)
        run.lint(formatter, missing, files, jobs, stdin_filename, cache=not no_cache and task is None)
    if write_baseline:
        baselines.write()
    elif show_stale:
        baselines.show_stale()
    run.write_fixed_stdin()
    if run.summary.errors:
        return 2
    if write_baseline:
        return 0
    if diff:
        return 1 if run.changed else 0
    return 1 if run.failing and not exit_zero else 0


class _Run:
    """One ``check`` run: the files linted (or fixed) and reported one by one."""

    def __init__(self, configs: LinterSet, items, thresholds, task, baselines) -> None:
        self.configs, self.items, self.thresholds = configs, items, thresholds
        self.task, self.baselines = task, baselines
        self.summary = Summary()
        self.failing = self.changed = False
        self.fixed_stdin: bytes | None = None

    def lint(self, formatter, missing, files, jobs, stdin_filename, cache: bool) -> None:
        configs, items, diff = self.configs, self.items, self.task is not None and self.task.diff
        if not diff:
            formatter.start()
        stdin = None
        if STDIN in files:
            stdin = _read_stdin(configs.linters[next(index for path, index in items if path == STDIN)].max_size)
        results = itertools.chain((FileResult(path, error=problem) for path, problem in missing),
                                  lint_files(configs.linters, configs.settings, items, jobs or default_jobs(), stdin,
                                             excerpts=bool(formatter.excerpts), task=self.task,
                                             stdin_name=stdin_filename, cache=cache))
        indexes = itertools.chain((None for _ in missing), (index for _, index in items))
        for result, index in zip(results, indexes):
            if result.error:
                _error(f"{result.path}: {result.error}")
            for note in result.notes:
                _warn(f"{result.path}: {note}")
            self.baselines.take(result, index)
            self.summary.add(result)
            if index is not None and any(_SEVERITY_RANKS[f.severity] >= self.thresholds[index].rank
                                         for f in result.findings):
                self.failing = True
            if result.output is not None:
                self.fixed_stdin = result.output
            if diff:
                if result.diff:
                    self.changed = True
                    sys.stdout.write(result.diff)
                continue
            formatter.file(result)  # each file's findings are dropped once reported
        if diff:
            _say_diff(self.summary, self.changed)
        else:
            formatter.finish(self.summary)

    def write_fixed_stdin(self) -> None:
        if self.fixed_stdin is not None:
            sys.stdout.flush()
            sys.stdout.buffer.write(self.fixed_stdin)
            sys.stdout.buffer.flush()


@contextlib.contextmanager
def _output(path: str | None, default: TextIO) -> Iterator[TextIO]:
    """``default`` (standard output), or the ``--output-file`` (UTF-8, its folder created),
    closed after the run."""
    if path is None:
        yield default
        return
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
    except OSError as exc:
        raise UsageError(f"--output-file: 无法写入 {path}（{exc.strerror or exc}）") from None
    with handle:
        yield handle


class _Baselines:
    """The baselines of a run: ``--baseline`` for every file, else each configuration's
    ``baseline:``; or the one being written (``--write-baseline``)."""

    def __init__(self, given: str | None, configs: LinterSet, writing: str | None) -> None:
        self.given = given
        self.configs = configs
        self.writing = baseline_module.Baseline(writing) if writing else None
        self.entries: list[dict] = []
        self.loaded: dict[str, baseline_module.Baseline] = {}

    def _for(self, index: int | None) -> baseline_module.Baseline | None:
        path = self.given or (self.configs.linters[index].config.baseline if index is not None else None)
        if not path:
            return None
        if path not in self.loaded:
            self.loaded[path] = baseline_module.Baseline.load(path)
        return self.loaded[path]

    def take(self, result: FileResult, index: int | None) -> None:
        """Record the result's findings (writing), or drop those the baseline holds."""
        if result.error:
            return
        if self.writing is not None:
            self.entries.extend(baseline_module.record(self.writing, result.path, result.findings))
            return
        baseline = self._for(index)
        if baseline is not None and result.findings:
            result.findings = baseline.new_findings(result.path, result.findings)
            result._violations = None
        elif baseline is not None:
            baseline.new_findings(result.path, [])

    def write(self) -> None:
        assert self.writing is not None
        baseline_module.write(self.writing.path, self.entries)
        _note(f"已把 {len(self.entries)} 个问题记入基线 {self.writing.path}；以后用 --baseline {self.writing.path} "
              f"（或在配置中写 baseline:）只报告新问题")

    def show_stale(self) -> None:
        count = 0
        for baseline in self.loaded.values():
            for entry in baseline.stale():
                count += 1
                click.echo(f"{formatters.printable(entry['path'])}: {entry['code']} 基线中的条目已不存在"
                           f"（原在第 {entry.get('line', '?')} 行：{formatters.printable(str(entry.get('message', '')))}）",
                           err=True)
        if count:
            _note(f"基线中有 {count} 个条目已不存在（问题已改正或原文已改动）；可用 --write-baseline 重新记录")
        else:
            _note("基线中没有过时的条目")


def _say_diff(summary: Summary, changed: bool) -> None:
    if changed:
        _note(f"--diff：{summary.fixed_files} 个文件可以修改，共 {summary.fixed} 处（用 --fix 应用）")
    else:
        _note("--diff：没有可以自动修改的内容")


_SEVERITY_RANKS = {s.value: s.rank for s in Severity}


def _note(message: str) -> None:
    click.echo(f"lawlint: {formatters.printable(message)}", err=True)


def _read_stdin(limit: int) -> bytes:
    """Standard input, but no more than one byte past ``limit`` (the runner refuses it then)."""
    return sys.stdin.buffer.read(limit + 1) if limit else sys.stdin.buffer.read()


def settings_text(configs: LinterSet, path: str) -> str:
    """What ``--show-settings`` prints for ``path``: the configuration file, the document
    profile, the options, the rules with their severity and options."""
    index = configs.index(path)
    linter = configs.linters[index]
    cfg = linter.config
    lines = [f"{formatters.printable(path)}：", f"  配置文件：{formatters.printable(configs.describe(index))}"]
    if linter.forced_profile:
        lines.append(f"  文档类型：{linter.forced_profile}（指定）")
    else:
        detected = ""
        if Path(path).is_file():
            result = read(linter, path)
            detected = f"：{result.profile}" if result.profile else f"（无法读取：{result.error}）"
        lines.append(f"  文档类型：自动识别{detected}（可用：{'、'.join(sorted(linter.profiles))}）")
    lines.append(f"  fail-on：{(cfg.fail_on or Severity.WARNING).value}")
    size = f"{linter.max_size / config_module.MEGABYTE:g} MB" if linter.max_size else "不限"
    lines.append(f"  文件大小上限：{size}")
    packs = [p.name for p in linter.packs if p.enabled]
    lines.append(f"  规则包：{'、'.join(packs) or '无'}")
    plugins = [info.label for info in linter.plugins.infos if info.source != "built-in"]
    lines.append(f"  插件：{'、'.join(plugins) or '无'}")
    skipped = cfg.ignored_for(path)
    if skipped:
        lines.append(f"  本文件不检查（per-file-ignores）：{'、'.join(skipped)}")
    if cfg.baseline:
        lines.append(f"  基线文件：{formatters.printable(str(cfg.baseline))}")
    for key, allowances in cfg.allow.items():
        shown = "、".join(f"“{a.text}”" if a.pattern is None else f"/{a.pattern.pattern}/" for a in allowances)
        lines.append(f"  放过的原文（{key} 的 allow）：{formatters.printable(shown)}")
    lines.append(f"  启用的规则（{len(linter.rules)} 条）：")
    for rule in sorted(linter.rules, key=lambda r: r.code):
        options = "  ".join(f"{k}={v!r}" for k, v in rule.config.items())
        lines.append(f"    {rule.code}  {rule.name}  {rule.severity.value}{'  ' + options if options else ''}")
    return "\n".join(lines)


def _say_skipped(skipped: list[tuple[str, str]], files: list[str]) -> None:
    """One line for the documents found in folders but not checked, by reason; one line
    when .doc/.wps files go through LibreOffice."""
    from lawlint.document import formats

    if skipped:
        reasons: dict[str, list[str]] = {}
        for path, reason in skipped:
            reasons.setdefault(reason, []).append(Path(path).name)
        parts = [f"{'、'.join(names[:5])}{' 等' if len(names) > 5 else ''}（{reason}）"
                 for reason, names in reasons.items()]
        _note(f"跳过了 {len(skipped)} 个文件：{'；'.join(parts)}")
    office = [f for f in files if formats.FORMATS.get(formats.extension(f)) == "office"]
    if office and formats.soffice():
        _note(f"用 LibreOffice 把 {len(office)} 个 .doc/.wps 文件转换为 .docx 后检查（每个约需数秒）")


def collect(paths: Sequence[str], extensions: Callable[[str], Sequence[str]],
            warn: Callable[[str], None] = _warn,
            skipped: list[tuple[str, str]] | None = None) -> tuple[list[str], list[tuple[str, str]]]:
    """Files to check (directories walked for the extensions that ``extensions(folder)`` —
    the file types of the folder's configuration — gives), and (path, problem) for bad paths.
    A subfolder that cannot be listed is a warning: its documents would be missed silently.
    Documents in a folder that cannot be checked here (an extra not installed, a format not
    supported) are added to ``skipped`` with the reason."""
    files: list[str] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        if raw == STDIN:
            files.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            types = extensions(raw)
            left: list[tuple[str, str]] = []
            found = sorted(_walk(raw, types, warn, left))
            if skipped is not None:
                skipped.extend(sorted(left))
            if not found:
                problems.append((raw, f"目录中没有可检查的文档（{'、'.join(types)}）"))
            files.extend(found)
        elif path.is_file():
            files.append(raw)
        elif path.exists():
            problems.append((raw, "不是普通文件"))
        else:
            problems.append((raw, "找不到该文件或目录"))
    return files, problems


def _walk(top: str, extensions: Sequence[str], warn: Callable[[str], None],
          skipped: list[tuple[str, str]] | None = None) -> Iterator[str]:
    """Documents under ``top``, hidden and tool folders skipped, symbolic links to folders not followed;
    documents that cannot be checked here go to ``skipped`` with the reason."""
    from lawlint.document import formats

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else Path(top)
        warn(f"{where}: 无法读取该目录，其中的文档没有检查（{error.strerror or error}）")

    for folder, subfolders, names in os.walk(top, onerror=unreadable):
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and d not in _SKIP_DIRS]
        for name in names:
            file = Path(folder, name)
            suffix = file.suffix.lower()
            if suffix in extensions or suffix in formats.UNSUPPORTED:
                if not file.is_file() or name.startswith(("~$", ".~lock")):  # Word's and LibreOffice's lock files
                    continue
                reason = formats.skip_reason(str(file))
                if reason is None and suffix in extensions:
                    yield str(file)
                elif skipped is not None and reason is not None:
                    skipped.append((str(file), reason))


@cli.command()
@_language_option
@click.option("--format", "output_format", type=click.Choice(["text", "json", "md"]), default="text",
              show_default=True, help="text 为表格，json 供程序读取，md 为规则参考文档（docs/rules.md）。")
@click.option("--isolated", is_flag=True, help="忽略配置文件（配置中的规则包和插件文件不计入）。")
@click.option("--no-plugins", is_flag=True, help="只列出 lawlint 自带的规则。")
@click.pass_obj
def rules(loaded, output_format, isolated, no_plugins) -> int:
    """列出全部规则（含插件和规则包提供的规则）。"""
    catalogue = Catalogue(load_config(None, isolated, _warn), warn=_warn, loaded=None if no_plugins else loaded,
                          entry_points=not no_plugins)
    entries = list(catalogue.registry)
    if output_format == "json":
        import json  # only here: a check run without JSON output never imports it

        click.echo(json.dumps([_rule_record(e) for e in entries], ensure_ascii=False, indent=2))
    elif output_format == "md":
        click.echo(docs.markdown(entries), nl=False)
    else:
        click.echo(docs.table(entries), nl=False)
    return 0


def _rule_record(entry) -> dict:
    rule = entry.rule
    return {"code": rule.code, "name": rule.name, "summary": rule.summary, "severity": rule.severity.value,
            "confidence": rule.confidence,
            "fix": {"availability": rule.fix_availability.value, "applicability": rule.fix_applicability.value,
                    "note": rule.fix_note},
            "basis": rule.basis, "options": dict(rule.options), "plugin": entry.plugin, "pack": entry.pack or None}


@cli.command()
@_language_option
@click.argument("rule")
@click.pass_obj
def explain(loaded, rule) -> int:
    """说明一条规则：依据、原因、错误和正确示例、选项。"""
    registry = Catalogue(load_config(None, False, _warn), warn=_warn, loaded=loaded).registry
    entry = registry.lookup(rule)
    if entry is None:
        raise UsageError(f"未知的规则 “{rule}”（用 lawlint rules 查看全部规则）")
    click.echo(docs.explanation(entry), nl=False)
    return 0


@cli.command()
@_language_option
@click.option("--isolated", is_flag=True, help="忽略配置文件（配置中的插件文件不计入）。")
@click.pass_obj
def plugins(loaded, isolated) -> int:
    """列出已加载的插件：前缀、发行包、版本和它们提供的内容。"""
    catalogue = Catalogue(load_config(None, isolated, _warn), warn=_warn, loaded=loaded)
    packs_by_owner: dict[str, list] = {}
    for pack in catalogue.packs:
        packs_by_owner.setdefault(pack.owner, []).append(pack)
    for info in catalogue.plugins.infos:
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
                names = [p.name for p in catalogue.profiles.values() if p.source in files]
            else:
                names = [getattr(i, "kind", None) or getattr(i, "name", None) or str(i) for i in items]
            if names:
                click.echo(f"    {label} {len(names)}：{'、'.join(map(str, names))}")
        if info.commands:
            click.echo(f"    命令 {len(info.commands)}：{'、'.join(info.commands)}")
    for failure in catalogue.plugins.failures:
        click.echo(f"加载失败：{failure}")
    return 0


cli.add_command(annotate_command, "annotate")


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    chosen = os.environ.get(interface.VARIABLE)
    language = interface.parse(chosen)
    with interface.session(language or interface.DEFAULT):
        if language is None:
            _warn(f"环境变量 {interface.VARIABLE}={chosen} 不是可用的界面语言（{'、'.join(interface.LANGUAGES)}），"
                  "使用中文")
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
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
    except Exception as exc:  # the last line of defence: one line, not a traceback (a plugin's formatter …)
        if os.environ.get("LAWLINT_DEBUG"):
            raise
        _error(f"内部错误：{type(exc).__name__}: {exc}（设置环境变量 LAWLINT_DEBUG=1 可看到调用栈；请报告此问题）")
        return 2
    return result if isinstance(result, int) else 0
