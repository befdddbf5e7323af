"""plugins/lawlint-example-agency: installed with pip it adds its rules; removed, they are gone."""
import importlib.metadata
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PLUGIN = ROOT / "plugins" / "lawlint-example-agency"
DRAFT = ("青司字〔2025〕3号\n"
         "青山县司法局关于2024年度法治政府建设情况的报告\n"
         "一、2024年推进法治政府建设的主要举措和成效\n"
         "全体执法人员持有效执法证上岗。\n"
         "县司法局\n2025年2月10日\n")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("site")
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(PLUGIN)], check=True)
    return target


def lawlint(args, tmp_path, site=None):
    env = {k: v for k, v in os.environ.items() if k != "LAWLINT_LOAD_PLUGINS"}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run([sys.executable, "-m", "lawlint", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=tmp_path, env=env)


def test_installed_plugin_rules_appear_and_fire(installed, tmp_path):
    listed = lawlint(["rules", "--isolated"], tmp_path, installed).stdout
    for code in ("XA101", "XA102", "XA201", "XA202"):
        assert code in listed
    (tmp_path / "报告.txt").write_text(DRAFT, encoding="utf-8")
    run = lawlint(["check", "--isolated", "--select", "XA", "报告.txt"], tmp_path, installed)
    assert run.returncode == 1, run.stderr
    lines = [line.split(" [")[0] for line in run.stdout.splitlines() if line.startswith("报告.txt:")]
    assert lines == ["报告.txt:1:1: XA101", "报告.txt:2:1: XA202", "报告.txt:4:10: XA201", "报告.txt:5:1: XA102"]
    plugins = lawlint(["plugins", "--isolated"], tmp_path, installed).stdout
    assert "XA  lawlint-example-agency 0.1.0  （entry point）" in plugins
    assert "规则包 1：xa-terms（2 条规则）" in plugins and "文档类型 1：jiangnan-fazhi-report" in plugins


@pytest.mark.skipif(any(d.metadata["Name"] == "lawlint-example-agency" for d in importlib.metadata.distributions()),
                    reason="the example plugin is installed in this environment")
def test_uninstalled_plugin_rules_are_gone(tmp_path):
    listed = lawlint(["rules", "--isolated"], tmp_path).stdout
    assert "XA101" not in listed and "ST001" in listed


def test_the_plugins_own_tests_pass(installed):
    env = {k: v for k, v in os.environ.items() if k != "LAWLINT_LOAD_PLUGINS"}
    env["PYTHONPATH"] = str(installed)
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(PLUGIN / "tests")],
                          capture_output=True, text=True, env=env, cwd=PLUGIN)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert " passed" in proc.stdout
