"""lawlint's own contributions, registered through the same hooks as any plugin."""
from __future__ import annotations

from lawlint.document import loaders
from lawlint.engine import resources
from lawlint.engine.hookspecs import hookimpl


@hookimpl
def register_rules():
    from lawlint.checks import (
        adverbial_de,
        approximate_number,
        dash_form,
        doc_number_in_title,
        dotted_date,
        doubled_character,
        duplicate_sentence,
        expression_near_miss,
        fixed_term_numerals,
        goal_formula,
        halfwidth_punctuation,
        heading_end_punctuation,
        heading_numbering,
        inconsistent_dates,
        late_report,
        malformed_date,
        malformed_doc_number,
        mandatory_part_order,
        meeting_before_document,
        near_duplicate,
        paragraph_end_punctuation,
        regulation_title,
        repeated_phrase,
        request_in_report,
        script_mixing,
        series_order,
        signature,
        straight_quotes,
        stray_character,
        stray_space,
        title,
        truncated_text,
        unbalanced_marks,
        unused_suppression,
        web_chrome,
        year_numerals,
        year_range,
    )

    return [
        # ST structure (ST001 is a YAML rule in lawlint/data/packs/structure)
        mandatory_part_order.MandatoryPartOrder, title.Title, signature.Signature,
        heading_numbering.HeadingNumbering, truncated_text.TruncatedText,
        # DN 发文字号, DT dates, RP repetition
        malformed_doc_number.MalformedDocNumber, malformed_date.MalformedDate,
        inconsistent_dates.InconsistentDates, late_report.LateReport, year_range.YearRange,
        duplicate_sentence.DuplicateSentence, near_duplicate.NearDuplicate, repeated_phrase.RepeatedPhrase,
        # PU punctuation (the rest are YAML rules in lawlint/data/packs/punctuation)
        halfwidth_punctuation.HalfwidthPunctuation, straight_quotes.StraightQuotes,
        unbalanced_marks.UnbalancedMarks, heading_end_punctuation.HeadingEndPunctuation,
        paragraph_end_punctuation.ParagraphEndPunctuation, dash_form.DashForm,
        doc_number_in_title.DocNumberInTitle,
        # NU numbers
        fixed_term_numerals.FixedTermNumerals, year_numerals.YearNumerals,
        approximate_number.ApproximateNumber, dotted_date.DottedDate,
        # WD wording
        doubled_character.DoubledCharacter, series_order.SeriesOrder,
        meeting_before_document.MeetingBeforeDocument, goal_formula.GoalFormulaPeriod,
        regulation_title.RegulationTitle, request_in_report.RequestInReport,
        expression_near_miss.ExpressionNearMiss, stray_character.StrayCharacter, adverbial_de.AdverbialDe,
        # TX text hygiene
        stray_space.StraySpace, web_chrome.WebChrome, script_mixing.ScriptMixing,
        # LL lawlint's own comments
        unused_suppression.UnusedSuppression,
    ]


@hookimpl
def register_kinds():
    from lawlint.kinds.conditional import Conditional
    from lawlint.kinds.consistency import Consistency
    from lawlint.kinds.existence import Existence
    from lawlint.kinds.occurrence import Occurrence
    from lawlint.kinds.repetition import Repetition
    from lawlint.kinds.required import Required
    from lawlint.kinds.substitution import Substitution

    return [Existence, Substitution, Occurrence, Repetition, Consistency, Conditional, Required]


@hookimpl
def register_packs():
    from lawlint.engine.packs import pack_folders

    return pack_folders(resources.data_root() / "packs")


@hookimpl
def register_profiles():
    folder = resources.data_root() / "profiles"
    return resources.yaml_files(folder)


@hookimpl
def register_formatters():
    from lawlint.output.ci import (
        ConciseFormatter,
        GithubFormatter,
        GitlabFormatter,
        JunitFormatter,
        SarifFormatter,
    )
    from lawlint.output.csv import CsvFormatter
    from lawlint.output.formatters import (
        JsonFormatter,
        JsonLinesFormatter,
        TextFormatter,
    )
    from lawlint.output.html import HtmlFormatter

    return [TextFormatter, JsonFormatter, JsonLinesFormatter, ConciseFormatter, GithubFormatter, GitlabFormatter,
            JunitFormatter, SarifFormatter, HtmlFormatter, CsvFormatter]


@hookimpl
def register_file_types():
    from lawlint.document import formats

    return [*loaders.TEXT_EXTENSIONS, *formats.FORMATS]


@hookimpl(trylast=True)
def load_document(path, data, options):
    """Word, PDF and web pages (``lawlint.document.formats``, each library imported when its
    format is met); then plain text and Markdown, also any file named explicitly that no
    other loader took."""
    from lawlint.document import formats

    return formats.load(path, data, options) or loaders.load(path, data)
