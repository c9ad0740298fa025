"""Diacritic restoration of a question typed without diacritics."""

from __future__ import annotations

from retrieval.restore import DiacriticRestorer

NEWS = ["Báo cáo nhiều nội dung về chuyển đổi số của tỉnh.", "Ban Chỉ đạo tỉnh họp phiên đầu tiên.",
        "Tỉnh có nhiều trạm thu phát sóng."]


def test_interrogative_words_are_restored_against_news_words() -> None:
    restorer = DiacriticRestorer(NEWS)
    assert restorer.restore("tinh co bao nhieu tram") == "tỉnh có bao nhiêu trạm"
    assert restorer.restore("ban chi dao tinh hop khi nao") == "ban chỉ đạo tỉnh họp khi nào"


def test_what_lies_between_the_words_stays_as_typed() -> None:
    """A percent sign, a bracket, a document number's dashes say what is asked: restoring the words around them
    keeps them ("bao nhiêu %" asks a share, not a count)."""
    restorer = DiacriticRestorer(NEWS)
    assert restorer.restore("tinh co bao nhieu % tram (nam 2026)?") == "tỉnh có bao nhiêu % trạm (năm 2026)?"
    assert restorer.restore("  Tinh 57-NQ/TW  ") == "tỉnh 57-nq/tw"


def test_no_question_phrasing_of_our_own_set_is_built_in() -> None:
    """Only the interrogative word class is known beyond the corpus: phrases that our Q&A set happens to use
    ("giữ chức vụ gì", "số hiệu gì", "tỷ lệ") are not restored from an empty corpus (issue 19)."""
    restorer = DiacriticRestorer([], prior_weight=0)
    assert restorer.restore("giu chuc vu gi") == "giu chuc vu gì"
    assert restorer.restore("so hieu gi ty le") == "so hieu gì ty le"
    assert DiacriticRestorer([], interrogative_weight=0, prior_weight=0).restore("bao nhieu") == "bao nhieu"


def test_the_general_language_prior_restores_what_a_small_corpus_never_says() -> None:
    """Words the corpus never uses ("doanh nghiệp", "giá vàng") stay as typed without the prior; with it (the
    embedding model's vocabulary) they come back as the common words, while the corpus's own words and
    bigrams still decide its phrases."""
    without = DiacriticRestorer(NEWS, prior_weight=0)
    assert without.restore("tinh co bao nhieu doanh nghiep") == "tỉnh có bao nhiêu doanh nghiep"
    assert without.restore("gia vang") == "gia vang"
    with_prior = DiacriticRestorer(NEWS)
    assert with_prior.restore("tinh co bao nhieu doanh nghiep") == "tỉnh có bao nhiêu doanh nghiệp"
    assert with_prior.restore("gia vang") == "giá vàng"
    assert with_prior.restore("ban chi dao tinh hop khi nao") == "ban chỉ đạo tỉnh họp khi nào"


def test_a_saved_restorer_restores_the_same(tmp_path) -> None:
    """Saved and loaded back (as a start does instead of recounting every text): the same counts, in the
    same order (ties between accented forms go to the first seen), so the same readings."""
    texts = NEWS + ["Đào tạo nguồn nhân lực; đạo đức công vụ; dao động giá.", "Tỉnh Đắk Lắk, tỉnh Đăk Nông."]
    built = DiacriticRestorer(texts)
    built.save(tmp_path / "restorer.json")
    loaded = DiacriticRestorer.load(tmp_path / "restorer.json")
    assert list(loaded._unigrams.items()) == list(built._unigrams.items())
    assert loaded._bigrams == built._bigrams and loaded._forms == built._forms
    for question in ("dao tao nguon nhan luc", "tinh dak lak co bao nhieu tram", "dao duc cong vu la gi"):
        assert loaded.restore(question) == built.restore(question)


def test_a_particle_ending_a_question_comes_back_as_a_particle() -> None:
    """"… tháng mấy ha" is "hả" and "… mấy nhi" is "nhỉ", though the corpus writes "hạ tầng" and "Nhị" and never a
    particle: the particles after question words are counted like the question words."""
    corpus = NEWS + ["Hạ tầng số của tỉnh.", "Hạ tầng viễn thông.", "Giải Nhị.", "Họp trong tháng 3."]
    restorer = DiacriticRestorer(corpus, prior_weight=0)
    assert restorer.restore("tinh hop thang may ha") == "tỉnh họp tháng mấy hả"
    assert restorer.restore("tinh co may tram nhi") == "tỉnh có mấy trạm nhỉ"
    assert restorer.restore("ha tang so") == "hạ tầng số"
    assert DiacriticRestorer(corpus, prior_weight=0, interrogative_weight=0).restore("thang may ha").endswith("hạ")


def test_a_follow_up_s_carried_topic_stays_apart_once_restored() -> None:
    """The restorer gives words only; a follow-up typed without diacritics keeps its carried topic in brackets, so
    what it asks itself ("còn kế hoạch … thì sao?") is still told from what the earlier question asked ("… chương
    trình hành động số mấy")."""
    from retrieval.question import analyse_question

    question = analyse_question("con ke hoach cua ubnd tinh thi sao (ban chi dao tinh chuong trinh hanh dong so may)",
                                DiacriticRestorer(NEWS))
    assert question.dense_text.endswith(")") and "(" in question.dense_text, question.dense_text
    assert question.asked.document_type == "kế hoạch"
