"""Documentation generated from the registry must be current."""
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_rules_reference_is_up_to_date(cli):
    run = cli("rules", "--format", "md", "--no-plugins", "--isolated")
    assert run.code == 0
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert run.out == current, "docs/rules.md is stale: run  lawlint rules --format md --no-plugins --isolated > docs/rules.md"


def test_rules_reference_covers_every_builtin_rule(cli):
    import json

    codes = [r["code"] for r in json.loads(cli("rules", "--format", "json", "--no-plugins", "--isolated").out)]
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert codes and all(f"\n## {code}\n" in text for code in codes)
