"""The batched shortcuts in ``lawlint.similarity`` equal the slow, obvious computation."""
import random
from difflib import SequenceMatcher
from types import SimpleNamespace

from lawlint.similarity import (Fingerprinter, character_overlap, character_overlap_bound, first_similar, normalise,
                                normalise_all)


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
    doc = SimpleNamespace(cache={})
    for _ in range(300):
        a = "".join(rng.choices(alphabet, k=rng.randint(1, 30)))
        b = "".join(rng.choices(alphabet[rng.randint(0, 6):], k=rng.randint(1, 30)))
        exact = character_overlap(doc, a, b)
        assert abs(exact - SequenceMatcher(None, a, b).quick_ratio()) < 1e-9
        assert character_overlap_bound(doc, a, b) >= exact - 1e-9
    assert character_overlap_bound(doc, "甲乙丙丁", "戊己庚辛") == 0


def test_document_keys_equal_normalising_each_sentence_and_clause():
    from lawlint.document import Document
    from lawlint.similarity import normalised_keys

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
        sentence_keys, clause_keys = normalised_keys(doc)
        assert sentence_keys == [normalise(s.text) for s in doc.sentences]
        assert clause_keys == [normalise(c.text) for c in doc.clauses]
        assert len(doc.clauses) > len(doc.sentences)


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
