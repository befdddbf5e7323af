"""The batched shortcuts in ``lawlint.lang.similarity`` equal the slow, obvious computation."""
import random
from difflib import SequenceMatcher

from lawlint.document import Document
from lawlint.lang.similarity import (
    Fingerprinter,
    character_overlap,
    character_overlap_bound,
    first_similar,
    normalise,
    normalise_all,
)


def test_batched_normalisation_equals_one_by_one():
    texts = ["全面推进，依法行政。", "ＡＢＣ１２３，好", "a_b c", "", "《法》（2021）", "Ⅻ、第１条"]
    assert normalise_all(texts) == [normalise(t) for t in texts]
    assert normalise_all(["x\x00y", "z"]) == ["xy", "z"]  # a text holding the separator


def test_a_piece_has_the_fingerprints_of_its_own_windows():
    sentence = "着力提高全体干部职工对颁布实施民法典的重大意义的认识水平提升全体干部职工的法律素养"
    clause = "提高全体干部职工对颁布实施民法典的重大意义的认识水平"
    shared = Fingerprinter(12)
    shared.add([sentence])
    assert shared.of(clause, within=sentence) == Fingerprinter(12).of(clause)
    assert Fingerprinter(12).of("太短的文字") == {"太短的文字"}


def test_texts_sharing_a_run_are_candidates_and_the_closest_is_tried_first():
    texts = ["全体干部职工对颁布实施民法典的重大意义的认识水平",   # 0
             "组织全体干部职工学习",                                # 1: no long common run
             "提升全体干部职工对颁布实施民法典的重大意义的认识",     # 2: shares a long run with 0
             "全体干部职工对颁布实施民法典的重大意义的认识水平提高"]  # 3: shares more with 0 than 2 does
    fingerprinter = Fingerprinter(12)
    fingerprinter.add(texts)
    tried = []

    def confirm(i, j):
        tried.append((i, j))
        return False

    assert first_similar([fingerprinter.of(t) for t in texts], confirm) == []
    assert (0, 1) not in tried and (1, 2) not in tried
    assert (0, 2) in tried
    assert [pair for pair in tried if pair[1] == 3][0] == (0, 3)


def test_character_overlap_is_difflib_quick_ratio_and_the_bound_never_below_it():
    rng = random.Random(7)
    alphabet = "法治政府建设依法行政的了和"
    doc = Document("")
    for _ in range(300):
        a = "".join(rng.choices(alphabet, k=rng.randint(1, 30)))
        b = "".join(rng.choices(alphabet[rng.randint(0, 6):], k=rng.randint(1, 30)))
        exact = character_overlap(doc, a, b)
        assert abs(exact - SequenceMatcher(None, a, b).quick_ratio()) < 1e-9
        assert character_overlap_bound(doc, a, b) >= exact - 1e-9
    assert character_overlap_bound(doc, "甲乙丙丁", "戊己庚辛") == 0


def test_document_keys_equal_normalising_each_sentence_and_clause():
    from lawlint.document import Document
    from lawlint.lang.similarity import clause_keys, sentence_keys

    texts = [
        ("一、总体情况\n"
         "　　全面推进依法行政，  严格规范公正文明执法；办结案件1,000件，时间14:53。\n"
         "　　学习《中华人民共和国行政处罚法》，落实“谁执法谁普法，谁服务谁普法”责任制！\n"
         "　　ΑΣ，Β；한국，어……“好。”\n"),
        "　　全面推进依法行政，ＡＢＣ，ｘｙｚ：第１条。\n",  # NFKC changes the clauses: one by one
        "　　全面推进依法行政，\u1100，\u1161。\n",  # conjoining jamo: NFKC composes them across the comma
    ]
    for text in texts:
        doc = Document(text)
        assert sentence_keys(doc) == [normalise(s.text) for s in doc.sentences]
        backwards = range(len(doc.sentences) - 1, -1, -1)  # a fresh document, split in another order
        assert [(c.start, c.text, key) for c, key in clause_keys(Document(text), backwards)] == \
               [(c.start, c.text, normalise(c.text)) for i in backwards for c in doc.clauses_of(i)]
        assert clause_keys(doc, range(len(doc.sentences))) == [(c, normalise(c.text)) for c in doc.clauses]
        assert len(doc.clauses) > len(doc.sentences)


_SHARED = "认真贯彻落实中央关于法治政府建设的决策部署"


def test_only_sentences_sharing_text_or_citing_a_title_have_their_clauses_compared():
    from lawlint.document import Document
    from lawlint.lang.similarity import sentences_to_compare

    doc = Document(f"　　一是{_SHARED}，推进严格规范公正文明执法。二是健全行政决策制度体系。"
                   f"三是{_SHARED}。四是学习《中华人民共和国行政处罚法》。\n")
    assert sentences_to_compare(doc, 12) == [0, 2, 3]
    crossing = Document(f"　　一是{_SHARED}。二是健全行政决策制度体系。三是“学习《行政”处罚，法》规定。\n")
    assert sentences_to_compare(crossing, 12) == [0, 1, 2]  # a title crossing a clause mark: all of them
    for odd in ("ΑΣ", "\u1100\u1161"):  # a lower case or NFKC depending on the neighbours: all of them
        assert sentences_to_compare(Document(f"　　一是{_SHARED}。二是健全行政决策制度体系{odd}。\n"), 12) == [0, 1]


def test_comparing_only_those_sentences_finds_what_comparing_all_finds(monkeypatch):
    """Random drafts made of repeated, near-repeated and title-citing clauses: the duplicate
    rules report the same with and without the restriction to sentences sharing text."""
    from lawlint.checks import duplicate_sentence, near_duplicate
    from lawlint.document import Document
    from lawlint.engine.linter import Linter

    pool = [_SHARED, _SHARED.replace("决策", "重大"), "推进严格规范公正文明执法", "学习《中华人民共和国行政处罚法》有关规定",
            "学习《中华人民共和国行政许可法》有关规定", "全面落实行政执法公示制度和重大执法决定法制审核制度",
            "全面落实行政执法公示制度和重大执法决定法制审查制度", "“加强《组织”领导", "确保取得实效》工作",
            "健全行政决策制度体系", "ＡＢＣ行政执法人员培训考核", "开展“谁执法谁普法”普法责任制落实情况检查",
            "一是", "二是"]
    rng = random.Random(11)
    linter = Linter(select=["RP001", "RP002"], entry_points=False)

    def findings(text):
        return [(v.code, v.span, v.message) for v in linter.lint_document(Document(text))]

    drafts = []
    for _ in range(120):
        paragraphs = ["".join("，".join(rng.choices(pool, k=rng.randint(1, 4))) + rng.choice("。；")
                              for _ in range(rng.randint(1, 4))) for _ in range(rng.randint(1, 4))]
        drafts.append("".join(f"　　{p}\n" for p in paragraphs))
    # a quoted title crossing clause marks hides a clause from its sentence's comparison key
    drafts.append("　　“加强《组织”领导，推进严格规范公正文明执法，确保取得实效》工作。同时，推进严格规范公正文明执法，健全行政决策制度体系。\n")
    restricted = [findings(d) for d in drafts]
    assert [code for code, _, _ in restricted[-1]] == ["RP001"]
    everything = lambda doc, run: list(range(len(doc.sentences)))  # noqa: E731
    monkeypatch.setattr(duplicate_sentence, "sentences_to_compare", everything)
    monkeypatch.setattr(near_duplicate, "sentences_to_compare", everything)
    assert [findings(d) for d in drafts] == restricted
    assert sum(code == "RP001" for found in restricted for code, _, _ in found) > 20
    assert sum(code == "RP002" for found in restricted for code, _, _ in found) > 20


def test_long_documents_keep_hashes_and_find_the_same_candidates(monkeypatch):
    texts = ["全体干部职工对颁布实施民法典的重大意义的认识水平", "组织全体干部职工学习",
             "提升全体干部职工对颁布实施民法典的重大意义的认识", "全体干部职工对颁布实施民法典的重大意义的认识水平提高"]

    def candidates():
        fingerprinter = Fingerprinter(12)
        fingerprinter.add(texts)
        tried = []
        first_similar([fingerprinter.shared(t) for t in texts], lambda i, j: tried.append((i, j)) or False)
        return tried, [len(fingerprinter.shared(t)) for t in texts], fingerprinter

    as_grams = candidates()
    monkeypatch.setattr(Fingerprinter, "COMPACT_ABOVE", 10)
    as_hashes = candidates()
    assert as_hashes[:2] == as_grams[:2] and as_grams[0]
    assert all(isinstance(fp, int) for fp in as_hashes[2].of(texts[0]))
    assert all(isinstance(fp, str) for fp in as_grams[2].of(texts[0]))


def test_compact_fingerprints_counted_by_buckets_are_the_hashes_of_the_repeated_grams(monkeypatch):
    rng = random.Random(11)
    pieces = ["依法行政", "法治政府", "建设", "的", "推进", "制度", "执法", "严格规范公正文明", "ab", "Ａ"]
    for run in (8, 12, 16):
        texts = list({"".join(rng.choices(pieces, k=rng.randint(1, 12))) for _ in range(300)})
        later = ["".join(rng.choices(pieces, k=rng.randint(3, 12))) for _ in range(20)]
        as_grams = Fingerprinter(run)
        as_grams.add(texts)
        monkeypatch.setattr(Fingerprinter, "COMPACT_ABOVE", 10)
        as_hashes = Fingerprinter(run)
        as_hashes.add(texts)
        monkeypatch.undo()
        assert as_hashes._compact and not as_grams._compact
        for text in texts + later:  # texts added later (one by one) change the counts alike
            expected = {hash(fp) for fp in as_grams.shared(text)}
            assert set(as_hashes.shared(text)) == expected
            assert len(as_hashes.shared(text)) == len(expected)
            assert as_hashes.of(text) == {hash(fp) for fp in as_grams.of(text)}
        assert any(as_grams.shared(t) for t in texts) and not all(as_grams.shared(t) for t in texts)


def test_texts_sharing_a_run_share_a_fingerprint_whatever_the_run():
    from lawlint.lang.similarity import shares_run

    rng = random.Random(3)
    pieces = ["依法行政", "法治政府", "建设", "的", "推进", "制度", "执法", "严格规范公正文明"]
    texts = list({"".join(rng.choices(pieces, k=rng.randint(1, 8))) for _ in range(80)})
    for run in (8, 12, 16, 20):
        fingerprinter = Fingerprinter(run)
        fingerprinter.add(texts)
        shared = [fingerprinter.shared(t) for t in texts]
        pairs = [(i, j) for i in range(len(texts)) for j in range(i) if shares_run(texts[i], texts[j], run)]
        assert pairs and all(set(shared[i]) & set(shared[j]) for i, j in pairs)


def test_formulas_and_annotation_tags_are_not_content():
    from lawlint.lang.similarity import substance

    assert substance("深入学习宣传贯彻习近平法治思想") == 0
    assert substance("坚持以习近平新时代中国特色社会主义思想为指导") == 0
    assert substance("〔责任单位：各县（市）司法局、局机关各科室〕") == 0
    assert substance("（牵头单位：县司法局；") == 0 and substance("责任单位：县直各部门、各乡镇人民政府）") == 0
    assert substance("全面落实行政执法公示制度（2021—2025年）") == len(normalise("全面落实行政执法公示制度（2021—2025年）"))
    assert substance("深入学习宣传贯彻习近平法治思想，推动依法履职") == len("推动依法履职")
    assert substance("认真学习《中华人民共和国行政处罚法》") == 16
    assert substance("认真学习《中华人民共和国行政处罚法》", titles=False) == 4


def test_items_of_an_enumeration():
    from lawlint.document import Document
    from lawlint.lang.similarity import same_item

    doc = Document("　　一是加强学习，提升能力；二是统一是非标准，强化监督；三是完善制度。\n"
                   "　　本局分别于3月召开会议；于5月召开会议。全面推进依法行政；持续优化营商环境。\n")
    first, second = doc.sentences[:2]
    assert not same_item(doc, first, second)
    assert same_item(doc, first, doc.clauses_of(0)[1])
    events = [s for s in doc.sentences if "召开" in s.text]
    assert not same_item(doc, *events)
    plain = doc.sentences[-2:]
    assert same_item(doc, *plain)  # a ； outside a list joins one statement
    assert not same_item(doc, first, plain[0])  # another paragraph


def test_character_memos_cleared_when_full_give_the_same_ratios(monkeypatch):
    from lawlint.lang import similarity

    rng = random.Random(5)
    pairs = [("".join(rng.choices("法治政府建设依法行政", k=rng.randint(1, 20))),
              "".join(rng.choices("法治政府建设依法行政", k=rng.randint(1, 20)))) for _ in range(200)]
    unbounded = Document("")
    expected = [(character_overlap(unbounded, a, b), character_overlap_bound(unbounded, a, b)) for a, b in pairs]
    monkeypatch.setattr(similarity, "MEMO_LIMIT", 3)
    bounded = Document("")
    assert [(character_overlap(bounded, a, b), character_overlap_bound(bounded, a, b)) for a, b in pairs] == expected
    assert len(bounded.memo(similarity._occurrence_sets)) <= 4
    assert len(bounded.memo(similarity._character_sets)) <= 4
