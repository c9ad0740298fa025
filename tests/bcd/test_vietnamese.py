from datetime import date

import pytest

from bcd import vietnamese as vn


@pytest.mark.parametrize(("variant", "canonical"), [
    ("hoà", "hòa"), ("hoá", "hóa"), ("thuý", "thúy"), ("Khoẻ", "Khỏe"), ("thuỷ", "thủy"),
])
def test_tone_placement_variants_normalise_to_one_form(variant: str, canonical: str) -> None:
    assert vn.normalize(variant) == canonical
    assert vn.tokenize(f"văn {variant}") == vn.tokenize(f"văn {canonical}")


@pytest.mark.parametrize("word", ["quý", "hoàng", "thuyền", "khoa", "của", "Quỳnh"])
def test_tone_placement_leaves_other_syllables_alone(word: str) -> None:
    assert vn.normalize(word) == word


def test_normalize_composes_decomposed_unicode() -> None:
    decomposed = "Chi\u0309 đa\u0323o"
    assert vn.normalize(decomposed) == "Chỉ đạo"


def test_fold_removes_every_diacritic() -> None:
    assert vn.fold("Ban Chỉ đạo Đặng Khánh Toàn") == "Ban Chi dao Dang Khanh Toan"
    assert vn.has_diacritics("Chỉ") and not vn.has_diacritics("chi dao")


def test_tokens_keep_numbers_whole() -> None:
    assert vn.tokenize("có 4.607 trạm, đạt 84,2% ngày 22/12/2024") == [
        "có", "4.607", "trạm", "đạt", "84,2", "ngày", "22/12/2024"]


def test_sentences_never_split_inside_numbers() -> None:
    text = "Toàn tỉnh có 4.607 trạm. Tỷ lệ số hóa đạt 84,2%. “Muốn như vậy” phải làm. Ngày 17/11 họp."
    sentences = [text[a:b] for a, b in vn.split_sentences(text)]
    assert sentences == ["Toàn tỉnh có 4.607 trạm.", "Tỷ lệ số hóa đạt 84,2%.", "“Muốn như vậy” phải làm.",
                         "Ngày 17/11 họp."]


def test_a_closing_bracket_ends_a_sentence_only_after_a_stop() -> None:
    """"Ủy viên Ban Thường vụ (BTV) Tỉnh ủy" goes on after its bracket; "(đạt 84,2%.) Tiếp" ends there; a list
    item's marker opening a line stands apart from the sentence it numbers."""
    text = "Dự có Ủy viên Ban Thường vụ (BTV) Tỉnh ủy. Kết quả (đạt 84,2%.) Tiếp theo.\nb) Đến năm 2030: đạt 2%."
    assert [text[a:b] for a, b in vn.split_sentences(text)] == [
        "Dự có Ủy viên Ban Thường vụ (BTV) Tỉnh ủy.", "Kết quả (đạt 84,2%.)", "Tiếp theo.", "b)",
        "Đến năm 2030: đạt 2%."]


def test_sentence_spans_index_the_original_text() -> None:
    text = "Dòng một.\n\n  Dòng hai có câu. Câu ba!"
    spans = vn.split_sentences(text)
    assert [text[a:b] for a, b in spans] == ["Dòng một.", "Dòng hai có câu.", "Câu ba!"]


def test_document_numbers_in_every_written_form() -> None:
    text = ("Nghị quyết số 57-NQ/TW, Nghị quyết số 57 NQ/TW, Chương trình 35-CTr/TU, Quyết định 1407-QĐ/TU, "
            "Nghị quyết 03/NQ-CP, Kế hoạch 29/UBND-KH ngày 21/2/2025, giai đoạn 2021-2025")
    assert vn.find_doc_numbers(text) == ["57-NQ/TW", "35-CTr/TU", "1407-QĐ/TU", "03/NQ-CP", "29/UBND-KH"]
    assert vn.doc_number_key("57-NQ/TW") == vn.doc_number_key("57 nq tw")


def test_a_document_number_typed_in_lower_case_is_read_as_written_in_capitals() -> None:
    """Officials type "kh 42/kh-ubnd" on a phone; a unit such as "120 km/h" or a ratio is no number."""
    text = "theo kh 42/kh-ubnd, tb 7/tb-bcd va 31-nq/tu cua tinh, 18/ubnd-kh; toc do 120 km/h, ty le 3/4"
    assert vn.find_doc_numbers(text) == ["42/KH-UBND", "07/TB-BCD", "31-NQ/TU", "18/UBND-KH"]
    assert vn.doc_number_key("07/TB-BCD") == vn.doc_number_key("7/TB-BCĐ")
    assert [text[a:b] for a, b in vn.reference_spans(text)] == ["42/kh-ubnd", "7/tb-bcd", "31-nq/tu", "18/ubnd-kh"]


def test_dates_take_the_year_of_the_text_and_mark_events() -> None:
    found = vn.find_dates("Sáng 20/3, họp phiên đầu tiên. Chương trình ngày 24/02/2025.")
    assert [(d.value, d.is_event) for d in found] == [(date(2025, 3, 20), True), (date(2025, 2, 24), False)]
    assert vn.find_dates("ngày 31/2/2025") == []


def test_provinces_found_with_or_without_diacritics() -> None:
    mentions = vn.province_mentions("tỉnh Nam Định; nam dinh; Điện Biên Phủ")
    assert mentions["Nam Định"] == 2 and mentions["Điện Biên"] == 1
    assert vn.main_province("Không nêu tỉnh nào.") is None


def test_a_document_s_province_is_one_it_names_as_a_name() -> None:
    """Not words that spell one ("hòa bình", peace), nor part of a longer name ("Thái Bình Dương"); a header in
    capitals and "tỉnh …" before it name one."""
    assert vn.main_province("Vì hòa bình, hòa bình và hòa bình; thủ đô Hà Nội.") == "Hà Nội"
    assert vn.main_province("Thái Bình Dương là đại dương lớn nhất; bờ Thái Bình Dương.") is None
    assert vn.main_province("ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH BAN CHỈ ĐẠO XÂY DỰNG CHÍNH QUYỀN SỐ") == "Hòa Bình"
    assert vn.main_province("Tỉnh Sơn La họp; Sở KH&CN Sơn La báo cáo; Lai Châu dự.") == "Sơn La"


def test_abbreviations_match_their_full_form_both_ways() -> None:
    assert vn.expand_abbreviations("Trưởng BCĐ về KHCN") == "Trưởng Ban Chỉ đạo về khoa học công nghệ"
    assert "bcđ" in vn.abbreviation_tokens("Ban Chỉ đạo tỉnh")
    assert {"ban", "chỉ", "đạo"} <= set(vn.abbreviation_tokens("Trưởng BCĐ"))
    # "KH-CN" is science and technology, not "KH" (a plan) followed by something else
    assert vn.expand_abbreviations("Nghị quyết về KH-CN, theo KH 41") == (
        "Nghị quyết về khoa học và công nghệ, theo Kế hoạch 41")


def test_chat_shorthand_opening_a_sentence_is_spelled_out() -> None:
    """"Bn" opening a question is "bao nhiêu" as surely as "bn" inside one; elsewhere a capital keeps a word as
    typed ("Ng" may start a name)."""
    assert vn.expand_abbreviations("Bn xã đã kết nối? Ko rõ.") == "Bao nhiêu xã đã kết nối? Không rõ."
    assert vn.expand_abbreviations("theo ông Ng Văn A") == "theo ông Ng Văn A"
    assert vn.expand_abbreviations("BCĐ giao cq nào?") == "Ban Chỉ đạo giao cơ quan nào?"
    # a longer form before a shorter one inside it: "Phó TB" is a deputy head, "TB" alone a notice
    assert vn.expand_abbreviations("Phó TB ký TB 12") == "Phó Trưởng ban ký Thông báo 12"



def test_english_words_officials_type_read_as_the_vietnamese_they_stand_for() -> None:
    assert vn.expand_abbreviations("Deadline báo cáo là bao giờ?") == "Thời hạn báo cáo là bao giờ?"
    assert vn.expand_abbreviations("KPI về startup năm nay", loose=True) == \
        "chỉ tiêu về doanh nghiệp khởi nghiệp năm nay"
    assert vn.expand_abbreviations("Sở nào là focal point, ổng yc gì?") == \
        "Sở nào là đầu mối, ông ấy yêu cầu gì?"


def test_lexical_terms_include_words_and_document_numbers() -> None:
    terms = vn.lexical_terms("Chương trình hành động số 35-CTr/TU về khoa học")
    assert "khoa_học" in terms and "35" in terms
    assert "§" + vn.doc_number_key("35-CTr/TU") in terms


def test_date_and_number_patterns_have_one_home() -> None:
    """The patterns chat and retrieval match dates and numbers with are the ones defined here (issue 19)."""
    from chat import facts, grounding
    from retrieval import question

    assert grounding._NUMBER.pattern == vn.NUMBER_PATTERN
    assert question._NUMBER.pattern == vn.NUMBER_TOKEN_PATTERN
    assert vn.DATE_PATTERN in facts._DATE_FORMS.pattern and vn.NUMBER_PATTERN in facts._QUANTITY.pattern
    assert vn.NUMBER_TOKEN_PATTERN in vn.TOKEN.pattern and vn.DATE_PATTERN in vn._DATE.pattern

    # the full date ("22/12/2024" or "22 tháng 12 năm 2024") of headers, citations, deadlines and the task filters
    from app import task_list
    from chat import documents, tasks
    from ingest import metadata, official
    from ingest import tasks as ingest_tasks

    for pattern in (documents._DATE, tasks._BEFORE, task_list._VN_DAY, metadata._DATE_LINE):
        assert vn.FULL_DATE_PATTERN in pattern.pattern
    for pattern in (official._DATE, ingest_tasks._DOC_YEAR, vn._LONG_DATE):
        assert vn.LONG_DATE_PATTERN in pattern.pattern


def test_a_deadline_or_a_filter_date_reads_either_form() -> None:
    from datetime import date

    from app.task_list import parse_day
    from chat.tasks import _period

    assert parse_day("30/6/2026") == parse_day("30 tháng 6 năm 2026") == date(2026, 6, 30)
    assert _period("phải xong trước ngày 30 tháng 6 năm 2026") == (None, date(2026, 6, 30))
    assert _period("phải xong trước ngày 30/6/2026") == (None, date(2026, 6, 30))


def test_a_two_digit_year_is_no_date_but_still_a_date_form() -> None:
    from chat.facts import fact_spans

    assert vn.find_dates("ngày 5/3/25 và ngày 5/3/20251") == []
    assert vn.find_dates("Tối 5/3/2025 họp.")[0].is_event
    assert fact_spans("date", "Họp ngày 5/3/25.") == ["ngày 5/3/25"]


@pytest.mark.parametrize(("text", "references"), [
    ("NQ57 của BCT ban hành ngày nào", ["57-nq"]),
    ("nq 57 ban hanh ngay nao", ["57-nq"]),
    ("Kế hoạch số 99 giao Sở Nội vụ việc gì?", ["99-kh"]),
    ("Chương trình hành động 35 và Chỉ thị 45", ["35-ctr", "45-ct"]),
    ("CTr hành động 35 của Tỉnh ủy, CTrHĐ 36, CTr HĐ 37", ["35-ctr", "36-ctr", "37-ctr"]),  # the code, then the rest
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024", []),  # a full number is find_doc_numbers' job
    ("năm 2025 có 57 nghị quyết mới", []),  # a count, not a reference
])
def test_short_references_to_documents(text: str, references: list[str]) -> None:
    assert vn.short_references(text) == references


def test_a_full_number_and_its_short_reference_meet() -> None:
    assert [vn.full_number_reference(n) for n in ("57-NQ/TW", "03/NQ-CP", "57 NQ/TW", "1407-QĐ/TU")] == [
        "57-nq", "3-nq", "57-nq", "1407-qd"]
    assert vn.full_number_reference("Nghị quyết") is None


def test_the_long_date_form_of_official_documents_is_a_date() -> None:
    found = vn.find_dates("Hòa Bình, ngày 01 tháng 12 năm 2025. Chiều 3 tháng 12 năm 2025, Ban Chỉ đạo họp.")
    assert [(d.value, d.is_event) for d in found] == [(date(2025, 12, 1), False), (date(2025, 12, 3), True)]
    assert vn.find_dates("ngày 31 tháng 2 năm 2025") == [] and vn.find_dates("tháng 12 năm 2025") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Phiên họp thứ hai năm 2025", {2}),
    ("Hội nghị lần thứ IX của Ban Chấp hành", {9}),
    ("lần 3", {3}),
    ("Ngày hội khởi nghiệp lần thứ nhất", {1}),
    ("phiên họp đầu tiên", {1}),  # "first" in its other wording
    ("Hành tinh đầu tiên được tìm thấy", set()),  # a superlative, no meeting's number
    ("vụ phun trào lớn thứ nhất", set()),
    ("Lần đầu tiên, tính năng được trang bị", set()),
    ("Hội nghị đầu năm 2025", set()),  # the start of a year
    ("Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ mười bảy", {17}),  # a number in words, not "mười" and a word
    ("lần thứ hai mươi mốt", {21}),
    ("phiên họp thứ mười năm 2025", {10}),  # "năm" before a year is no unit
    ("vào thế kỷ thứ 16", set()),  # a date
])
def test_ordinals_in_words_digits_and_roman_numerals(text: str, expected: set[int]) -> None:
    assert vn.ordinals(text) == expected


def test_an_institutions_name_is_no_persons_name() -> None:
    assert vn.person_names("Phó Trưởng ban: Ông Xa Văn Lộc, Giám đốc Sở Khoa học và Công nghệ.") == ["Xa Văn Lộc"]
    assert vn.person_names("Bộ trưởng Nguyễn Mạnh Hùng dự họp với Bộ Chính trị.") == ["Nguyễn Mạnh Hùng"]
    # a zone, a department, a border gate, a treasury, a fund or a station is named the same way
    assert vn.person_names("Ông Lý Văn Tư, Trưởng Ban quản lý Khu Kinh tế, cùng Cục Hải quan, Cửa Khẩu Quốc tế, "
                           "Kho bạc Nhà nước, Quỹ Phát triển và Đài Phát thanh.") == ["Lý Văn Tư"]


def test_a_districts_or_communes_name_is_no_persons_name() -> None:
    """"huyện Lạc Thủy" is a place named as people are, capitalised: the word before it says so."""
    assert vn.person_names("Huyện Lạc Thủy và huyện Yên Thủy chậm báo cáo; đồng chí Hà Quang Tuấn chủ trì.") == [
        "Hà Quang Tuấn"]
    assert vn.person_names("Phủ sóng cho các xã thuộc huyện Đà Bắc, thành phố Hòa Bình và xã Tân Lập.") == []
    # a village ("bản", "ấp") is named so too; the "bản" of "văn bản" is no village
    assert vn.person_names("Từ bài học của bản Nậm Kè, ông Lò Văn Mừng chỉ đạo.") == ["Lò Văn Mừng"]
    assert vn.person_names("Theo văn bản Đào Văn Khánh ký ngày 3/5.") == ["Đào Văn Khánh"]


def test_a_post_abbreviated_before_a_body_is_no_persons_name() -> None:
    assert vn.person_names("GĐ Sở Tài chính tham gia Ban Chỉ đạo là ai?") == []
    assert vn.person_names("PCT UBND tỉnh Nguyễn Văn Bình dự họp.") == ["Nguyễn Văn Bình"]


def test_a_country_is_no_persons_name() -> None:
    assert vn.person_names("Thu hút nhân tài người Việt Nam ở nước ngoài và chuyên gia Hàn Quốc.") == []


def test_the_form_a_request_wants_is_no_topic() -> None:
    """"Tôi cần danh sách … (chỉ cần tên từng nhóm)" asks for the tasks; the words asking for a list are no topic."""
    assert vn.content_tokens("Tôi cần danh sách các nhiệm vụ (chỉ cần tên từng nhóm)") == ["nhiệm", "vụ", "nhóm"]


def test_who_said_asks_no_topic_of_saying() -> None:
    """Reports write "nhấn mạnh", "khẳng định", seldom "nói": "ai nói …" asks who, "nói" is no word to match."""
    assert vn.content_tokens("Ai nói dữ liệu là tài sản?") == ["dữ", "liệu", "tài", "sản"]
    assert "nói" not in vn.content_tokens("Câu đó do ai nói?")


def test_what_kind_of_post_or_what_is_wanted_is_no_topic() -> None:
    """"giữ chức vụ chuyên môn gì" asks for a post as "giữ chức vụ gì" does; "muốn" says what someone wants, as
    the asker puts it: neither is a word the answering sentence writes."""
    assert vn.content_tokens("Xa Văn Lộc giữ chức vụ chuyên môn gì?") == ["xa", "văn", "lộc", "giữ"]
    assert vn.content_tokens("Ông giữ chức danh chính nào?") == ["giữ"]
    assert "chức" in vn.content_tokens("Chức vụ của ông trong Ban Chỉ đạo là gì?")  # a post named, not its kind
    assert vn.content_tokens("Ông ấy muốn tỉnh đạt mục tiêu gì?") == ["tỉnh", "đạt", "mục", "tiêu"]


def test_a_capitalised_first_word_is_no_foreign_name() -> None:
    """One word with no diacritics is a foreign name only when no Vietnamese syllable is spelled so."""
    assert vn.person_names("Theo dõi buổi làm việc có: Trần Văn Khải. Sau đó Goethe đến Weimar.") == [
        "Trần Văn Khải", "Goethe", "Weimar"]
    assert vn.person_names("Băng thông cấp xã tối thiểu 100 Mbps, cấp huyện 1 Gbps.") == []  # units, no vowel


def test_the_deputy_chairs_abbreviations_are_spelled_out() -> None:
    assert vn.expand_abbreviations("Phó CT Thường trực UBND tỉnh") == "Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh"
    assert vn.expand_abbreviations("PCT UBND tỉnh") == "Phó Chủ tịch Ủy ban nhân dân tỉnh"
    assert "05-CT/" in vn.expand_abbreviations("Chỉ thị số 05-CT/TU")  # a document's code is no chair


def test_officials_shorthand_for_posts_work_and_months_is_spelled_out() -> None:
    assert vn.expand_abbreviations("PTB thường trực và GĐ Sở") == "Phó Trưởng ban thường trực và Giám đốc Sở"
    assert vn.expand_abbreviations("tỷ lệ DVCTT đến hết T9/2025 đạt bn %?") == \
        "tỷ lệ dịch vụ công trực tuyến đến hết tháng 9/2025 đạt bao nhiêu %?"
    assert vn.expand_abbreviations("số hóa TTHC của CQNN trong T3.") == \
        "số hóa thủ tục hành chính của cơ quan nhà nước trong tháng 3."
    # a code or a numbered clause is no month
    assert vn.expand_abbreviations("mẫu T10-A, mục T3.1") == "mẫu T10-A, mục T3.1"
    assert vn.expand_abbreviations("mục tiêu Q2/2027 và Q.4/2026") == "mục tiêu quý 2/2027 và quý 4/2026"
    assert vn.expand_abbreviations("mẫu Q5/2026, mã Q2/A") == "mẫu Q5/2026, mã Q2/A"  # no such quarter, no year


def test_an_identifier_s_letters_are_not_spelled_out() -> None:
    """The "KH" and "UBND" of "99/KH-UBND" are part of a document's number, which stays whole."""
    assert vn.expand_abbreviations("Phụ lục KH 99/KH-UBND của UBND tỉnh") == \
        "Phụ lục Kế hoạch 99/KH-UBND của Ủy ban nhân dân tỉnh"
    assert vn.reference_spans("Theo KH 99/KH-UBND và Nghị quyết 57") == [(8, 18), (22, 35)]
    text = "Theo Kế hoạch số 99/KH-UBND"
    assert [text[a:b] for a, b in vn.reference_spans(text)] == ["Kế hoạch số 99/KH-UBND"]


def test_content_words_keep_names_and_drop_question_words() -> None:
    """Folded stop words apply only to text typed without diacritics ("Lào Cai" keeps "cai"), frames are matched
    on accented words ("Sơn La, ai" asks no "là ai"); "mấy", "đều", "tất cả" say nothing of the topic."""
    assert vn.content_tokens("Lào Cai và Sơn La, ai chủ trì?") == ["lào", "cai", "sơn", "la", "chủ", "trì"]
    assert vn.content_tokens("lao cai cai gi") == ["lao"]
    # "làm" is the light verb of "ai làm trưởng ban" (who is the head), not a topic
    assert vn.content_tokens("Trong mấy năm qua tất cả các tỉnh đều làm gì?") == ["năm", "qua", "tỉnh"]
    assert vn.content_tokens("to lam phat bieu") == ["to", "lam", "phat", "bieu"]  # "lam" typed bare may be Lâm
    assert vn.content_tokens("Giám đốc Sở Tài chính tên là gì?") == ["giám", "đốc", "sở", "tài", "chính"]


def test_a_function_word_opening_the_text_is_not_part_of_the_name_after_it() -> None:
    """"Còn Hòa Bình …" names Hòa Bình; "Còn" is capitalised only for opening the question."""
    from bcd.vietnamese import name_runs

    assert name_runs("Còn Hòa Bình hẹn hoàn thành trung tâm dữ liệu khi nào?") == [(4, "Hòa Bình")]
    assert name_runs("Nguyễn Văn An giữ chức gì?") == [(0, "Nguyễn Văn An")]  # a name opening the text stays whole
    assert name_runs("Theo Kế hoạch, Sơn La làm gì?")[-1] == (15, "Sơn La")


def test_a_document_code_that_spells_a_word_is_a_reference_only_in_capitals() -> None:
    """"tối đa 30%" (at most 30%) cites no "ĐA 30" (đề án); "nq 57" and "kh 99" typed in lower case still cite."""
    assert vn.short_reference_spans("Hỗ trợ tối đa 30% kinh phí chuyển giao công nghệ.") == []
    assert vn.short_reference_spans("Theo Đề án ĐA 12 của tỉnh") == [(11, 16)]  # "ĐA 12"
    assert len(vn.short_reference_spans("theo nq 57 và kh 99")) == 2


def test_an_eth_standing_for_đ_is_read_as_đ() -> None:
    """Some Vietnamese web text writes "Ðây" with the Icelandic eth (U+00D0), which looks the same."""
    assert vn.normalize("Ðây là ðồng chí") == "Đây là đồng chí"
    assert vn.fold(vn.normalize("Ðây")) == "Day"


def test_a_list_point_s_thirdly_is_no_third_meeting() -> None:
    """"Thứ ba, phát triển …" opens the third point of a list: a question about "phiên họp thứ ba" is not met by
    it; "phiên họp thứ ba" and "Lần thứ 2, hội nghị …" still state their ordinals."""
    assert vn.ordinals("Thứ ba, phát triển chính quyền số.") == set()
    assert vn.ordinals("Kết luận như sau: thứ hai, hoàn thiện thể chế.") == set()
    assert vn.ordinals("Phiên họp thứ ba của Ban Chỉ đạo.") == {3}
    assert vn.ordinals("Tại phiên họp thứ hai, tỷ lệ đạt 74%.") == {2}
    assert vn.ordinals("Lần thứ 2, hội nghị được tổ chức trực tuyến.") == {2}


def test_tagged_words_carry_their_offsets_into_the_text() -> None:
    text = vn.normalize("Hội nghị của tỉnh Sơn La diễn ra ngày 13/01/2025?")
    tagged = vn.tagged_words(text)
    assert all(text[offset:].startswith(word.split()[0]) for offset, word, _ in tagged)
    assert ("Sơn La", "Np") in {(word, tag) for _, word, tag in tagged}
    assert (25, "diễn", "V") in tagged and (44, "2025", "M") in tagged  # "13/01/2025" is read in pieces


def test_an_abbreviation_s_d_says_nothing_of_how_the_rest_was_typed() -> None:
    assert not vn.has_diacritics("QĐ 1875 ai lam truong ban") and not vn.has_diacritics("CĐS, ĐMST cua BCĐ")
    assert vn.has_diacritics("BCĐ tỉnh") and vn.has_diacritics("AI LÀ NGƯỜI CHỦ TRÌ?") and vn.has_diacritics("Đà Bắc")


def test_a_short_abbreviation_typed_plain_is_spelled_out_only_where_no_word_is_spelled_alike() -> None:
    """"dn", "nq" typed in lower case without diacritics are no Vietnamese syllable: they can only be the
    abbreviation; "tu" (tu sửa, tu dưỡng) is a word, so it is spelled out only as typed, "TU"."""
    loose = vn.expand_abbreviations("nq 15 muon co bao nhieu dn, tu sua tru so", loose=True)
    assert loose == "Nghị quyết 15 muon co bao nhieu doanh nghiệp, tu sua tru so"
    assert vn.expand_abbreviations("nq 15 muon co bao nhieu dn") == "nq 15 muon co bao nhieu dn"  # strict: as typed


def test_where_a_thing_is_written_is_no_topic() -> None:
    """"được quy định trong Kế hoạch 12" points at the document; "quy định" that is the topic stays."""
    assert "quy" not in vn.content_tokens("Cơ quan thường trực được quy định trong Kế hoạch 12 là cơ quan nào?")
    assert "quy" in vn.content_tokens("Những quy định nào cản trở hoạt động khoa học?")


def test_a_subject_or_a_kind_of_document_abbreviated_names_nothing() -> None:
    """"KHCN", "CĐS" are subjects, "kết luận" or "KH đó" a kind of document with no number: a question with only
    these names nothing of its own (it is about the conversation); "BCĐ", "UBND" name bodies."""
    assert not vn.names_by_abbreviation("Chi cho KHCN và CĐS của tỉnh đạt bao nhiêu?")
    assert not vn.names_by_abbreviation("Đồng chí nào đọc kết luận hội nghị?")
    assert not vn.names_by_abbreviation("KH đó có tổng kinh phí bao nhiêu?")
    assert vn.names_by_abbreviation("Trưởng BCĐ là ai?") and vn.names_by_abbreviation("UBND tỉnh giao việc gì?")
    # a word capitalised for opening the question, then abbreviations, is no name
    assert vn.stated_name_runs("Chi NS cho KHCN đạt bao nhiêu?") == []
    assert vn.stated_name_runs("Theo ông Lò Văn Mạnh, NS đạt bao nhiêu?") == [(9, "Lò Văn Mạnh")]


def test_a_year_is_read_before_a_comma_or_a_full_stop_but_not_inside_a_number_or_a_date() -> None:
    assert vn.YEAR.findall("Tính đến năm 2032, Hòa Bình đạt bao nhiêu? Đến 2030.") == ["2032", "2030"]
    assert vn.YEAR.findall("2.030 người, 2030,5 tỷ, ngày 1/2/2025, số 2025/QĐ") == []


def test_departments_are_named_in_any_spelling_by_their_canonical_names() -> None:
    assert vn.departments_named("Sở KH&CN phối hợp với Sở Tài chính, SNV") == {
        "Sở Khoa học và Công nghệ", "Sở Tài chính", "Sở Nội vụ"}
    assert vn.departments_named("so giao duc va dao tao chu tri") == {"Sở Giáo dục và Đào tạo"}
    assert vn.departments_named("Ủy ban nhân dân tỉnh chủ trì") == set()


def test_a_quarter_in_roman_figures_reads_as_the_same_quarter_in_arabic_ones() -> None:
    """A notice writes "quý 1/2026", a question "quý I/2026" (or "Q1/2026"): one term for retrieval and coverage."""
    for written in ("quý I/2026", "Q1/2026", "quý 1/2026"):
        assert "1/2026" in vn.tokenize(vn.expand_abbreviations(f"đạt 90% trong {written}")), written
    assert vn.expand_abbreviations("Quý IV/2025 và quý iii/2026") == "Quý 4/2025 và quý 3/2026"
    assert vn.expand_abbreviations("Nhiệm vụ I/2026") == "Nhiệm vụ I/2026"  # (a figure no quarter is named by)
    assert "3/2027" in vn.lexical_terms("Thời hạn: Quý III/2027") and "3/2027" in vn.lexical_terms("trong quý 3/2027")


def test_a_part_of_a_legal_text_cited_by_number_is_no_name() -> None:
    """"- Như Điều 3," (a recipient line) names no one; a person called Điều is still named."""
    assert vn.person_names("- Như Điều 3,") == [] and vn.person_names("Theo Chương II, Mục 4 thì sao?") == []
    assert vn.person_names("Bà Lê Thị Điều phát biểu.") == ["Lê Thị Điều"]


def test_southern_spoken_question_words_are_put_as_written() -> None:
    from bcd.vietnamese import spoken_question_words

    assert spoken_question_words("Sơn La đạt nhiêu phần trăm?") == "Sơn La đạt bao nhiêu phần trăm?"
    assert spoken_question_words("Bao nhiêu trạm? Bấy nhiêu thôi.") == "Bao nhiêu trạm? Bấy nhiêu thôi."
    assert spoken_question_words("Có nhiều trạm không?") == "Có nhiều trạm không?"  # "nhiều" (many) is not it
    assert spoken_question_words("Sơn La có kế hoạch đó hông?") == "Sơn La có kế hoạch đó không?"
    assert spoken_question_words("Dzậy quy chế đó ban hành ngày nào?") == "Vậy quy chế đó ban hành ngày nào?"


def test_a_joined_short_form_typed_with_a_space_for_its_joiner_is_read() -> None:
    """"Sở kh cn" is the "Sở KH&CN" it means (a phone has no "&" at hand); a short form typed alone keeps its own
    reading ("kh" is no "khoa học")."""
    assert vn.expand_abbreviations("Sở kh cn tỉnh giao gì?", loose=True) == "Sở khoa học và công nghệ tỉnh giao gì?"
    assert vn.expand_abbreviations("Sở KH ĐT và Sở gd dt", loose=True) == \
        "Sở kế hoạch và đầu tư và Sở giáo dục và đào tạo"
    assert vn.expand_abbreviations("KH của tỉnh", loose=True) == "Kế hoạch của tỉnh"
    assert vn.expand_abbreviations("Sở kh cn tỉnh") == "Sở kh cn tỉnh"  # (a document's text: as written)
