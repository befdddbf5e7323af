"""The document model: positions, lines, blocks, sentences and clauses."""
from conftest import doc_of

from lawlint.document import (
    CHROME,
    ELEMENT,
    HEADING,
    PARAGRAPH,
    SIGNATURE,
    TITLE,
    parse_numbering,
)


def test_positions_are_one_based_code_points_across_crlf():
    doc = doc_of("第一行\r\n第二行𠮷字\r\n")
    offset = doc.text.index("字")
    assert doc.position(offset) == (2, 5)  # 𠮷 (outside the BMP) counts as one column
    assert doc.position(0) == (1, 1)
    assert doc.line_text(2) == "第二行𠮷字"


def test_indentation_and_markdown_marks_are_not_content():
    doc = doc_of("　　一、主要举措\n\u00a0\u00a0正文内容。\n#### （二）完善制度\n- 3. 列表项\n")
    texts = [(line.text, line.md_level) for line in doc.lines]
    assert texts == [("一、主要举措", 0), ("正文内容。", 0), ("（二）完善制度", 4), ("3. 列表项", 0)]
    heading = doc.lines[2]
    assert doc.text[heading.content_start:heading.content_start + 2] == "（二"


def test_gb9704_numbering_levels_and_variants():
    cases = {"一、概况": (1, 1, "、"), "十二、其他": (1, 12, "、"), "（三）制度": (2, 3, ""),
             "(四)制度": (2, 4, ""), "5.执法": (3, 5, "."), "6、执法": (3, 6, "、"),
             "（7）内容": (4, 7, ""), "⑧内容": (5, 8, ""), "（一）、内容": (2, 1, "、"), "一.内容": (1, 1, ".")}
    for text, (level, value, punct) in cases.items():
        n = parse_numbering(text)
        assert (n.level, n.value, n.punct) == (level, value, punct), text


def test_not_numbering():
    for text in ("一是加强组织领导。", "1.5亿元用于执法装备。", "2021年，我区……", "十分重要。", "第一，加强领导。"):
        assert parse_numbering(text) is None, text


def test_chrome_title_elements_body_and_signature():
    doc = doc_of(
        "您现在的位置 : 首页 > 政务公开 > 通知公告\n"
        "关于江海区2017年法治政府建设情况报告\n"
        "文章来源:区党政办公室  更新时间:2017-12-28 17:23\n"
        "【打印本页】\n\n"
        "关于江海区2017年法治政府建设情况报告\n\n"
        "江开〔201753\n\n"
        " 2017年，我区全面推进依法行政工作。\n"
        " 一、2017年法治政府建设情况\n"
        " （一）加强组织保障\n"
        " 成立依法行政工作领导小组。\n\n"
        "               江门市江海区人民政府\n"
        "               20171226\n"
        "【关闭窗口】\n")
    kinds = [(b.kind, b.line) for b in doc.blocks]
    assert kinds == [(CHROME, 1), (TITLE, 6), (ELEMENT, 8), (PARAGRAPH, 10), (HEADING, 11), (HEADING, 12),
                     (PARAGRAPH, 13), (SIGNATURE, 15), (SIGNATURE, 16), (CHROME, 17)]
    assert [h.level for h in doc.headings] == [1, 2]


def test_run_in_heading_is_split_from_its_paragraph():
    doc = doc_of("（一）推进“放管服”改革。继续深化改革任务清单工作。\n")
    heading, paragraph = doc.blocks
    assert (heading.kind, heading.text) == (HEADING, "（一）推进“放管服”改革。")
    assert (paragraph.kind, paragraph.text) == (PARAGRAPH, "继续深化改革任务清单工作。")
    assert doc.text[paragraph.span.start:paragraph.span.end] == paragraph.text


def test_lines_broken_by_pdf_conversion_are_rejoined_with_original_offsets():
    text = "全局干部职工把学习宣传贯彻习近平法治思想作为一项重大政治任务，不折不扣把党中央关于全面依法\n\n治国的决策部署落到实处。要求全局干部职工切实把思想统一起来。\n"
    doc = doc_of(text)
    [paragraph] = doc.paragraphs
    assert len(paragraph.pieces) == 2
    first = doc.sentences[0]
    assert first.text.endswith("全面依法治国的决策部署落到实处。")
    span = first.span
    assert text[span.start:span.end].replace("\n", "") == first.text
    assert doc.position(span.end - 1) == (3, 12)


def test_short_unpunctuated_line_is_a_heading_not_joined():
    doc = doc_of("青山县司法局2024年度法治政府建设工作报告\n2024年，我局扎实推进法治政府建设。\n主要做法\n全年办理行政复议案件86件。\n")
    assert [b.kind for b in doc.blocks] == [TITLE, PARAGRAPH, HEADING, PARAGRAPH]


def test_sentences_and_clauses_with_ascii_marks():
    doc = doc_of("正文从这里开始，共计1,000人参加。发布于14:53,请及时查看;谢谢!内容.结束\n")
    assert [s.text for s in doc.sentences] == ["正文从这里开始，共计1,000人参加。", "发布于14:53,请及时查看;",
                                               "谢谢!", "内容.", "结束"]
    assert [c.text for c in doc.clauses][:4] == ["正文从这里开始", "共计1,000人参加", "发布于14:53", "请及时查看"]


def test_quoted_titles_and_slogans_are_not_split():
    doc = doc_of("学习《关于加强和改进行政复议工作，推进依法行政的意见》，坚持“以公开为常态，不公开为例外”的原则。\n")
    assert len(doc.sentences) == 1
    assert [c.text for c in doc.clauses] == ["学习《关于加强和改进行政复议工作，推进依法行政的意见》",
                                             "坚持“以公开为常态，不公开为例外”的原则"]


def test_clause_spans_point_at_the_text():
    text = "我局着力提高干部职工法治素养，提升依法行政水平。\n"
    doc = doc_of(text)
    for clause in doc.clauses:
        assert text[clause.span.start:clause.span.end] == clause.text


def _split_one_mark_at_a_time(block, mask):
    """The sentence splitter written plainly: each mark in turn, then the marks and
    closing quotes right after it."""
    from lawlint.document.sentences import _CLOSERS, _TERMINALS, _is_full_stop, _segment

    text, sentences, start, resume = block.text, [], 0, 0
    for i, ch in enumerate(text):
        if i < resume or ch not in _TERMINALS and ch != "." or (mask is not None and mask[i]):
            continue
        if ch == "." and (i == 0 or not _is_full_stop(text, i)):
            continue
        j = i + 1
        while j < len(text) and (text[j] in _TERMINALS or text[j] in _CLOSERS):
            j += 1
        sentences.append(_segment(block, start, j))
        start = resume = j
    sentences.append(_segment(block, start, len(text)))
    return [(s.start, s.end, s.text) for s in sentences if s]


def test_sentence_ends_are_those_of_the_plain_splitter():
    import random

    from lawlint.document import Block
    from lawlint.document.sentences import protected, split_sentences
    from lawlint.rule import Span

    rng = random.Random(9)
    alphabet = ["依法", "行政", "。", "；", "！", "？", ";", "!", "…", ".", "“", "”", "《", "》", "）", "\"", "3", "a", " "]
    for _ in range(600):
        text = "".join(rng.choices(alphabet, k=rng.randint(1, 30)))
        block = Block(PARAGRAPH, (Span(0, len(text)),), text, 1)
        mask = protected(text)
        assert [(s.start, s.end, s.text) for s in split_sentences(block, mask)] == \
               _split_one_mark_at_a_time(block, mask), text


def _clauses_plainly(sentence, mask):
    """The clause splitter written plainly: every clause mark outside quotes, except , and :
    between two digits."""
    from lawlint.document.sentences import _TRAILING, _segment

    text, clauses, start = sentence.block.text, [], sentence.start
    for i in range(sentence.start, sentence.end):
        if text[i] not in "，、：,:。！？!?；;…" or (mask is not None and mask[i]):
            continue
        if text[i] in ",:" and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
            continue
        clauses.append(_segment(sentence.block, start, i))
        start = i + 1
    last = _segment(sentence.block, start, sentence.end)
    clauses.append(last if last and last.text.strip(_TRAILING) else None)
    return [(c.start, c.end, c.text) for c in clauses if c]


def test_clauses_are_those_of_the_plain_splitter():
    import random

    from lawlint.document import Block
    from lawlint.document.sentences import protected, split_clauses, split_sentences
    from lawlint.rule import Span

    rng = random.Random(11)
    alphabet = ["依法", "行政", "，", "、", "：", ",", ":", "。", "；", "1", "0", "“", "”", "《", "》", " ", "…"]
    for _ in range(600):
        text = "".join(rng.choices(alphabet, k=rng.randint(1, 30)))
        block = Block(PARAGRAPH, (Span(0, len(text)),), text, 1)
        mask = protected(text)
        for index, sentence in enumerate(split_sentences(block, mask)):
            assert [(c.start, c.end, c.text) for c in split_clauses(sentence, index, mask)] == \
                   _clauses_plainly(sentence, mask), text


def test_the_numbering_guard_never_hides_a_marker():
    """parse_numbering looks at the first character before trying its patterns: every
    character a marker can start with passes that look."""
    from lawlint.document.numbering import _NUMBERING, _NUMBERING_STARTS, parse_numbering

    tails = ["、", "一、", "1.", "1、", "）", "一）", "1）", "部分"]
    for code in range(0x10000):
        c = chr(code)
        if any(p.match(c + tail) for _, p in _NUMBERING for tail in tails):
            assert c in _NUMBERING_STARTS or c.isdecimal(), repr(c)
    assert parse_numbering("第二部分 工作情况").level == 0 and parse_numbering("３.加强").value == 3
    assert parse_numbering("") is None and parse_numbering("加强领导") is None


def test_paragraphs_with_plainly_balanced_marks_skip_the_loop_without_losing_a_finding(monkeypatch):
    import random

    from lawlint.checks import unbalanced_marks
    from lawlint.checks.unbalanced_marks import UnbalancedMarks

    rng = random.Random(5)
    pairs = ["《》", "〈〉", "“”", "（）", "()", "〔〕", "‘’", "【】"]

    def nested(depth=0):
        parts = []
        for _ in range(rng.randint(0, 3)):
            pair = rng.choice(pairs[:4] * 3 + pairs[4:]) if depth < 3 else None
            parts.append(pair[0] + nested(depth + 1) + pair[1] if pair else rng.choice(["依法", "行政", "2024"]))
        return "".join(parts)

    drafts = []
    for _ in range(3000):
        body = list(nested() or "依法")
        if rng.random() < 0.4:  # a mark lost, or one too many
            if rng.random() < 0.5:
                del body[rng.randrange(len(body))]
            else:
                body.insert(rng.randrange(len(body) + 1), rng.choice("《》〈〉“”（）"))
        drafts.append("关于工作的报告\n要求" + "".join(body) + "。\n")
    rule = UnbalancedMarks()
    fast = [[(v.span, v.message) for v in rule.check(doc_of(text))] for text in drafts]
    taken = sum(unbalanced_marks._plainly_balanced("".join(unbalanced_marks._MARKS.findall(t))) for t in drafts)
    monkeypatch.setattr(unbalanced_marks, "_plainly_balanced", lambda marks: False)
    assert fast == [[(v.span, v.message) for v in rule.check(doc_of(text))] for text in drafts]
    assert sum(map(bool, fast)) > 500 and taken > 500  # both ways are taken


def _series_block_by_block(doc):
    """WD011 written plainly: every series pattern on every block."""
    from lawlint.checks.series_order import _series

    for block in doc.blocks_of(TITLE, HEADING, PARAGRAPH):
        for _name, members, _joiner, _suffix, complete, pattern, member, _ in _series():
            for m in pattern.finditer(block.text):
                found = member.findall(m[0])
                order = [members.index(f) for f in found]
                if order != sorted(order) or len(set(found)) != len(found) or (complete and len(found) < len(members)):
                    yield block.span_of(m.start(), m.end()), m[0]


def test_series_found_on_anchored_lines_of_the_joined_text_are_those_of_each_block():
    import random

    from lawlint.checks.series_order import SeriesOrder, _series

    rng = random.Random(8)

    def listing():
        _, members, joiner, suffix, *_ = rng.choice(_series())
        items = rng.choices(members, k=rng.randint(1, len(members) + 1))
        return "推进" + joiner.join(items) + rng.choice([suffix, "", "，"])

    drafts = ["关于工作的报告\n" + "".join(
        "".join(listing() for _ in range(rng.randint(1, 3))) + "。\n" for _ in range(rng.randint(1, 4)))
        for _ in range(400)]
    rule, found = SeriesOrder(), 0
    for text in drafts:
        doc = doc_of(text)
        reported = sorted((v.span.start, v.span.end) for v in rule.check(doc))
        assert reported == sorted((span.start, span.end) for span, _ in _series_block_by_block(doc)), text
        found += len(reported)
    assert found > 100



def test_memo_computes_once_per_document_function_and_arguments():
    calls = []

    def paragraphs_with(doc, char):
        calls.append(char)
        return [b.text for b in doc.paragraphs if char in b.text]

    def paragraph_count(doc):
        calls.append("count")
        return len(doc.paragraphs)

    doc = doc_of("关于报告\n\n第一段有甲。\n\n第二段有乙。\n")
    assert doc.memo(paragraphs_with, "甲") == ["第一段有甲。"]
    assert doc.memo(paragraphs_with, "乙") == ["第二段有乙。"]
    assert doc.memo(paragraphs_with, "甲") is doc.memo(paragraphs_with, "甲")
    assert doc.memo(paragraph_count) == 2 and doc.memo(paragraph_count) == 2
    assert calls == ["甲", "乙", "count"]
    other = doc_of("关于报告\n\n只有甲。\n")
    assert other.memo(paragraphs_with, "甲") == ["只有甲。"] and calls[-1] == "甲"


def test_memo_keeps_a_block_by_identity_not_by_value():
    doc = doc_of("关于报告\n\n同一句话。\n\n同一句话。\n")
    first, second = doc.paragraphs
    assert first.text == second.text
    assert doc.memo(lambda d, b: b, first) is first
    seen = []
    look = lambda d, b: seen.append(b) or len(seen)  # noqa: E731
    assert (doc.memo(look, first), doc.memo(look, second), doc.memo(look, first)) == (1, 2, 1)
