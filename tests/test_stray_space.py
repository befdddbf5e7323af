"""TX001's severities: a space it is sure of is a warning, a guess is a hint (YAML cases
only say where the findings are)."""
from lawlint.rule import Severity
from lawlint.testing import lint

LONE_PHRASES = "　　今年以来，我们始终坚持依法行政 全面建设法治政府，各项工作取得明显成效。\n"
DAMAGE = "　　本年度共清理行政规范性文  件六件，办理复议案件 35 件，落实法律顾  问制度。\n"


def severities(text: str) -> list[Severity]:
    _, found = lint(text, "TX001")
    return [v.severity for v in found]


def test_a_lone_space_between_two_phrases_is_a_hint():
    assert severities(LONE_PHRASES) == [Severity.INFO]


def test_the_same_space_in_a_damaged_document_is_a_warning():
    found = severities(DAMAGE + LONE_PHRASES)
    assert len(found) == 5 and set(found) == {Severity.WARNING}


def test_a_space_splitting_a_word_is_a_warning_even_alone():
    assert severities("　　本年度共清理行政规范性文  件六件。\n") == [Severity.WARNING]


def test_the_configured_severity_applies_to_confident_findings_only():
    _, found = lint(LONE_PHRASES + "　　依法清理规范性文  件。\n", "TX001", options={"severity": "error"})
    assert sorted(v.severity.value for v in found) == ["error", "info"]
