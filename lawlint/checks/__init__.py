"""lawlint's built-in Python rules, one module per rule (registered by ``lawlint.engine.builtin``)."""

# 《法治政府建设与责任落实督察工作规定》: cited without article numbers, which the
# available copies do not confirm.
DUCHA_BASIS = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）年度报告有关规定"


def guessed_year_note(doc) -> str:
    """'' when the report year is read from the title; otherwise a note for the message: the
    year was inferred from the opening paragraph of a copy whose title was lost, so findings
    resting on it are guesses (severity info)."""
    year, title = doc.meta.report_year, doc.title
    if year is None or (title is not None and title.span.start <= year.span.start < title.span.end):
        return ""
    return f"（未见标题，报告年度{year.value}年是从正文开头推断的）"
