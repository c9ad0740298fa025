"""Acronyms no table lists, read as the corpus writes them out."""

from __future__ import annotations

from retrieval.acronyms import AcronymReader
from retrieval.question import analyse_question

TEXTS = [
    "Ban Chỉ đạo xây dựng chính quyền số tỉnh Hòa Bình họp phiên thứ hai.",
    "Tỉnh Hòa Bình đẩy mạnh xây dựng chính quyền số; hệ thống thông tin báo cáo kết nối cấp xã.",
    "Hội nghị bàn về chính quyền số và hệ thống thông tin của tỉnh Hòa Bình.",
    "Hội nghị tổng kết. Hội nghị sơ kết. Hội nghị giao ban tại Hà Nam.",
    "Ứng dụng AI trong quản lý; trí tuệ nhân tạo AI được thử nghiệm. An ninh mạng, an ninh thông tin.",
    "Bồi dưỡng cán bộ, công chức, viên chức hằng năm.",
]


def test_an_acronym_is_the_phrase_with_its_initials_the_corpus_writes_most() -> None:
    reader = AcronymReader(TEXTS)
    assert reader.meaning("CQS") == "chính quyền số"
    assert reader.meaning("HTTT") == "hệ thống thông tin"
    assert reader.meaning("CBCCVC") == "cán bộ, công chức, viên chức"  # a list of them, once is enough for six
    assert reader.meaning("XYZ") is None  # no such phrase
    assert reader.meaning("AI") is None  # the corpus writes "AI" itself: a word of its own, not "an ninh"


def test_two_letters_are_read_only_as_a_province_no_other_phrase_rivals() -> None:
    reader = AcronymReader(TEXTS)
    assert reader.meaning("HB") == "Hòa Bình"
    assert reader.meaning("HN") is None  # "hội nghị" outnumbers "Hà Nam"


def test_an_informal_question_is_read_with_its_acronyms_spelled_out() -> None:
    reader = AcronymReader(TEXTS)
    question = analyse_question("Phó Trưởng ban phụ trách CQS của tỉnh HB là đ/c nào?", acronyms=reader)
    assert "chính quyền số" in question.dense_text and question.provinces == ["hoa binh"]
    assert question.kind == "person"
    assert "Ban Chỉ đạo" in analyse_question("BCĐ CQS họp khi nào?", acronyms=reader).dense_text  # listed: the table
    folded = analyse_question("truong bcd xay dung CQS tinh nao", acronyms=reader)
    assert "chinh quyen so" in folded.text  # folded: the restorer puts the diacritics back
    assert analyse_question("HỘI NGHỊ CQS LÀ GÌ?", acronyms=reader).text == "HỘI NGHỊ CQS LÀ GÌ?"
    assert "khóa XIII" in analyse_question("Đại hội khóa XIII bầu ai?", acronyms=reader).text  # a Roman numeral


def test_an_acronym_typed_in_lower_case_is_read_as_in_capitals() -> None:
    reader = AcronymReader(TEXTS)
    assert reader.spell_out("phiên họp bcđ cqs thì còn bn") == "phiên họp bcđ chính quyền số thì còn bn"
    assert reader.spell_out("bcd cqs hop khi nao", folded=True) == "bcd chinh quyen so hop khi nao"
    # (a word with a vowel, an English word, or one the table lists stays)
    assert reader.spell_out("data cqs") == "data chính quyền số"
    assert reader.spell_out("ubnd tỉnh") == "ubnd tỉnh"


def test_a_typed_đ_wants_a_syllable_with_đ() -> None:
    texts = ["Ủy ban nhân dân tỉnh Nam Định.", "Hội đồng nhân dân tỉnh Nam Định.", "Nhân dân đồng lòng."]
    reader = AcronymReader(texts)
    assert reader.meaning("NĐ") == "Nam Định"  # "nhân dân" has no "đ"
    assert reader.meaning("ND") is None  # either: "nhân dân" (3) does not outnumber "nam định" (2) twice


def test_two_letters_are_read_by_the_words_typed_beside_them() -> None:
    """"HN tổng kết" is the "hội nghị tổng kết" the corpus writes, though "HN" alone stands for too much; "Phó Chủ
    tịch TT UBND" the "thường trực" written between the same words, not the "thư tỉnh" of "Bí thư Tỉnh ủy" (a
    phrase beside only one of them). Phrases are counted overlapping ("chủ tịch thường trực")."""
    texts = [*TEXTS, "Phó Chủ tịch Thường trực UBND tỉnh dự họp; Bí thư Tỉnh ủy phát biểu; Bí thư Tỉnh ủy kết luận."]
    reader = AcronymReader(texts)
    question = "HN tổng kết có Phó Chủ tịch TT UBND dự không?"
    spelled = reader.spell_out(question)
    assert spelled.startswith("hội nghị tổng kết") and "Phó Chủ tịch thường trực UBND" in spelled, spelled
    assert reader.meaning("HN") is None  # alone, still too many phrases
    assert "TT" in reader.spell_out("Ai là Bí thư TT ủy viên?")  # beside nothing the corpus writes with it


def test_two_letters_are_read_by_one_side_when_the_corpus_never_writes_the_other_beside_them() -> None:
    """"đ/c CT UBND tỉnh": the corpus writes "Chủ tịch UBND" but never "đồng chí Chủ tịch UBND"; the side it does
    write settles what the letters alone (as often "công tác") do not. Sides that disagree settle nothing."""
    reader = AcronymReader(["Chủ tịch UBND tỉnh dự họp.", "Chủ tịch UBND huyện phát biểu.",
                            "Tăng cường công tác chuyên môn.", "Đẩy mạnh công tác thi đua."])
    assert reader.meaning("CT") is None
    assert reader.meaning("CT", (frozenset({"c", "chi"}), frozenset({"ubnd", "uy"}))) == "chủ tịch"
    assert reader.meaning("CT", (frozenset({"cuong"}), frozenset({"ubnd"}))) is None  # "công tác" vs "chủ tịch"


def test_letters_that_are_no_roman_numeral_are_read_as_initials() -> None:
    """"LC" holds only numeral letters but is no numeral (150 is CL): Lào Cai's initials; "IV" stays a numeral."""
    from retrieval.acronyms import AcronymReader

    reader = AcronymReader(["Lào Cai họp Ban Chỉ đạo. Tỉnh Lào Cai có 15 tổ chức khoa học. Lào Cai có hai trường."])
    assert reader.spell_out("LC có mấy tổ chức khoa học?") == "Lào Cai có mấy tổ chức khoa học?"
    assert reader.spell_out("Quý IV có mấy tổ chức?") == "Quý IV có mấy tổ chức?"


def test_two_letters_standing_as_the_question_s_setting_are_the_province_with_those_initials() -> None:
    # the documents write "Nam Định" once (too seldom for its initials to stand out among their phrases); typed as
    # what the question is about ("NĐ: …", "tỉnh NĐ") it is the one province of the documents with those initials
    texts = ["Tỉnh Nam Định họp Ban Chỉ đạo.", "Nghị định quy định chi tiết.", "Tỉnh tổ chức hội nghị."]
    reader = AcronymReader(texts, provinces=["Nam Định", "Hà Nam", "Hòa Bình"])
    assert reader.province("NĐ") == "Nam Định" and reader.province("ND") == "Nam Định"
    assert reader.province("HB") == "Hòa Bình" and reader.province("LC") is None  # not a province of theirs
    assert "Nam Định" in reader.spell_out("NĐ: UBND tỉnh ban hành KH số mấy?")
    assert "Nam Định" in reader.spell_out("Ai chủ trì họp BCĐ tỉnh NĐ?")
    assert "Nam Định" in reader.spell_out("BTV TU ND ban hành CTr số mấy?")  # after the province's party committee
    assert "Nam Định" in reader.spell_out("Tại NĐ, sở nào chủ trì việc số hóa?")  # where the question is set
    assert "Nam Định" in reader.spell_out("UBND NĐ ra KH số mấy?")  # after the province's People's Committee
    assert "Nam Định" not in reader.spell_out("Theo NĐ 13 thì sao?")  # elsewhere two letters are not read so
    assert "Nam Định" not in reader.spell_out("Quy định tại NĐ 13 là gì?")  # (a decree's number follows)
    assert AcronymReader(texts, provinces=["Nam Định", "Nam Đàn"]).province("NĐ") is None  # two: none


def test_a_phrase_read_for_an_acronym_starts_and_ends_with_whole_words() -> None:
    """"BQL" is not "bổ, quản lý", the end of "phân bổ" and the next word, however often the corpus writes it; a
    list of whole words ("cán bộ, công chức, viên chức") still is one phrase."""
    texts = ["Phân bổ, quản lý ngân sách. Rà soát phân bổ, quản lý vốn. Kiểm tra phân bổ, quản lý tài sản."] * 2
    assert AcronymReader(texts).meaning("BQL") is None
    assert AcronymReader(TEXTS).meaning("CBCCVC") == "cán bộ, công chức, viên chức"


def test_the_table_spells_out_the_administration_s_standard_acronyms() -> None:
    question = analyse_question("BQL KKT tỉnh Lào Cai báo cáo gì tại HN? TTr số mấy? TTPVHCC chủ trì gì?")
    assert "Ban Quản lý Khu Kinh tế" in question.dense_text and "Tờ trình" in question.dense_text
    assert "Trung tâm Phục vụ hành chính công chủ trì gì" in question.dense_text


def test_a_word_beside_it_is_read_though_it_folds_to_a_stop_word() -> None:
    """"Phó Trưởng ban TT": "ban" folds like "bạn" (a stop word), but typed beside "TT" it says which phrase with
    those initials is meant, "thường trực" among "thông tin", "thủ tục", "trực tuyến"."""
    reader = AcronymReader(["Phó Trưởng ban thường trực Ban Chỉ đạo chủ trì.", "Thông tin, thủ tục trực tuyến.",
                            "Hệ thống thông tin; thủ tục hành chính; dịch vụ trực tuyến.", "Trưởng ban thường trực."])
    assert reader.meaning("TT") is None  # the letters alone: too many phrases
    assert reader.spell_out("Ai giữ chức Phó Trưởng ban TT?") == "Ai giữ chức Phó Trưởng ban thường trực?"
