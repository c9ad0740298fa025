"""Names a question states that the corpus never writes: what the documents cannot speak of."""

from __future__ import annotations

from retrieval.names import CorpusNames
from retrieval.question import analyse_question

TEXTS = [
    "Triển khai các giải pháp đột phá vì sự phát triển của đất nước.",
    "Đồng chí Đặng Khánh Toàn, Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo tỉnh Nam Định chủ trì hội nghị.",
    "Hạn hoàn thành: quý IV năm 2027; Chương trình hành động số 25-CTr/TU.",
]


def test_a_name_the_corpus_never_capitalises_is_unknown_whatever_its_common_word_twins() -> None:
    names = CorpusNames(TEXTS)
    assert names.unknown("Dân số của nước Pháp là bao nhiêu?") == ["Pháp"]  # "giải pháp" is no name
    assert names.unknown("Dan so cua nuoc Phap la bao nhieu") == ["Phap"]  # typed without diacritics, the same name
    assert names.unknown("Ai là CEO của Tesla, bạn của Elon Musk?") == ["Tesla", "Elon Musk"]


def test_titles_known_syllables_sentence_openers_and_mixed_capitals_are_not_refused() -> None:
    names = CorpusNames(TEXTS)
    assert names.unknown("Trưởng Ban Chỉ đạo của Nam Định tên là gì?") == []
    assert names.unknown("Năm 2027 Phó Bí thư Tỉnh ủy Nam Hà chủ trì việc gì?") == []  # one known syllable is enough
    assert names.unknown("Cơ quan nào chủ trì? Hạn khi nào?") == []  # "Hạn" opens a sentence
    assert names.unknown("Theo CTr 25-CTr/TU, KH&CN được giao gì?") == []  # abbreviations, not names
    assert names.unknown("đồng chí toàn là ai") == []  # nothing capitalised, nothing to tell


def test_the_analysis_carries_the_unknown_names_when_given_the_corpus() -> None:
    names = CorpusNames(TEXTS)
    assert analyse_question("Dân số của nước Pháp là bao nhiêu?", names=names).unknown_names == ["Pháp"]
    assert analyse_question("Dân số của nước Pháp là bao nhiêu?").unknown_names == []  # no corpus, no judgement


def test_a_district_is_known_by_its_whole_name() -> None:
    """"huyện Khánh Nam": each syllable is written somewhere (Đặng Khánh Toàn, Nam Định), the district never; one
    the documents write is known, and the same syllables outside a district's name are not held to a pair."""
    names = CorpusNames([*TEXTS, "Phủ sóng cho các xã thuộc huyện Đà Bắc và huyện Mai Châu."])
    assert names.unknown("Huyện Khánh Nam có bao nhiêu trạm?") == []  # a sentence's first word: no district named
    assert names.unknown("Kế hoạch phủ sóng cho huyện Khánh Nam bao nhiêu thôn?") == ["Khánh Nam"]
    assert names.unknown("Kế hoạch phủ sóng cho huyện Mai Châu bao nhiêu thôn?") == []
    assert names.unknown("Đồng chí Khánh Nam chủ trì việc gì?") == []


def test_an_army_is_no_district() -> None:
    """"nghĩa quân Lam Sơn" folds to "quan", as "quận" does; typed with diacritics it names no district."""
    names = CorpusNames([*TEXTS, "Lê Lợi, Lam Sơn."])
    names_split = CorpusNames([*TEXTS, "Lê Lợi ở Lam, còn Sơn ở Thanh Hóa."])
    assert names.unknown("Nghĩa quân Lam Sơn do ai lãnh đạo?") == []
    assert names_split.unknown("Nghĩa quân Lam Sơn do ai lãnh đạo?") == []
    assert names_split.unknown("Trung tâm của quận Lam Sơn ở đâu?") == ["Lam Sơn"]


def test_a_department_the_texts_never_write_is_an_unknown_name_in_any_spelling() -> None:
    names = CorpusNames(["Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính."])
    assert names.unknown_departments("Sở Xây dựng phải báo cáo trước ngày nào?") == ["Sở Xây dựng"]
    assert names.unknown_departments("SXD phai bao cao truoc ngay nao") == ["Sở Xây dựng"]
    assert names.unknown_departments("Sở KH&CN phải báo cáo trước ngày nào?") == []  # written out in the texts
    assert names.unknown_departments("Sở Tài chính và Sở KHCN làm gì?") == []


def test_a_body_the_texts_name_only_by_its_initials_is_known_spelled_out() -> None:
    """"Chủ tịch HĐND tỉnh" names the council: a question writing "Hội đồng nhân dân" names what the texts do."""
    names = CorpusNames(["Đồng chí Lâm Văn Đạt - Chủ tịch HĐND tỉnh phát biểu."])
    assert names.unknown("Chủ tịch Hội đồng nhân dân tỉnh nói gì?") == []
    assert names.unknown("Chủ tịch Mặt trận Tổ quốc tỉnh nói gì?") == ["Mặt", "Tổ"]  # no initials for it
