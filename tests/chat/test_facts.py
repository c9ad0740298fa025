"""Fact finders: the forms a fact takes in real sentences, and never what the question already says."""

from __future__ import annotations

import pytest

from bcd import vietnamese as vn
from chat.facts import asked_fact_spans, fact_spans


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Đế quốc Đức được tuyên bố thành lập ngày 18 tháng 1 năm 1871 tại Versailles.", "ngày 18 tháng 1 năm 1871"),
    ("Hội nghị diễn ra sáng 13/01/2025 tại Hà Nam.", "sáng 13/01/2025"),
    ("Trận đánh diễn ra năm 1815.", "năm 1815"),
    ("Kiến trúc này phát triển vào thế kỷ XIX.", "thế kỷ XIX"),
    ("Kết quả được công bố trong tháng 10/2025.", "tháng 10/2025"),
])
def test_dates_in_their_usual_forms(sentence: str, expected: str) -> None:
    assert expected in fact_spans("date", sentence)


def test_quantities_are_not_dates_or_document_numbers() -> None:
    assert fact_spans("count", "Theo Nghị quyết 57-NQ/TW ngày 22/12/2024, tỉnh lắp đặt 4.607 trạm phát sóng.") == [
        "4.607 trạm phát"]
    assert not fact_spans("count", "Nghị quyết 57-NQ/TW ban hành ngày 22/12/2024.")
    assert fact_spans("count", "Tỷ lệ đạt 84,2% so với kế hoạch.")[0].startswith("84,2%")


def test_ways_to_reach_a_body_are_numbers_and_addresses_written_out() -> None:
    found = fact_spans("contact", "Mọi thông tin liên hệ Văn phòng, điện thoại (0218) 3 852 123, thư điện tử "
                                  "vanphong@sokhcn.gov.vn hoặc trang https://sokhcn.gov.vn/lien-he.")
    assert found == ["(0218) 3 852 123", "vanphong@sokhcn.gov.vn", "https://sokhcn.gov.vn/lien-he"]
    # dates, periods and document numbers are no telephone numbers
    assert not fact_spans("contact", "Giai đoạn 2025-2030, theo Nghị quyết số 57-NQ/TW ngày 22/12/2024, đạt 0,5%.")


def test_names_foreign_and_vietnamese() -> None:
    assert "Otto von Bismarck" in fact_spans("person", "Thủ tướng lúc đó là Otto von Bismarck.")
    assert "Đặng Khánh Toàn" in fact_spans("person", "Đồng chí Đặng Khánh Toàn, Bí thư Tỉnh ủy, chủ trì.")
    # surnames of ethnic minorities and rare Kinh ones, none in the surname list this replaced: names come
    # from the title before them, not from a list of the corpus's officials
    for sentence, name in (("Đồng chí Ksor Phước Hà, Phó Chủ tịch UBND tỉnh, phát biểu chỉ đạo.", "Ksor Phước Hà"),
                           ("Ông Y Thanh Hà Niê Kđăm, Trưởng ban, kết luận hội nghị.", "Y Thanh Hà Niê Kđăm"),
                           ("Bà Lò Thị Luyến - Giám đốc Sở Tư pháp báo cáo.", "Lò Thị Luyến")):
        assert name in fact_spans("person", sentence), sentence


def test_the_question_own_words_are_not_the_answer() -> None:
    sentence = "Đồng chí Đặng Khánh Toàn, Trưởng Ban Chỉ đạo, chủ trì hội nghị."
    assert "Đặng Khánh Toàn" not in fact_spans("person", sentence, "Ông Đặng Khánh Toàn giữ chức vụ gì?")
    assert fact_spans(None, sentence) == []


def test_a_cited_document_s_own_date_not_the_next_one() -> None:
    sentence = ("Tỉnh đã triển khai Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Nghị quyết số "
                "03/NQ-CP ngày 09/01/2025 của Chính phủ")
    assert fact_spans("date", sentence, "Nghị quyết 03/NQ-CP ban hành ngày nào?", ["3nqcp"]) == ["ngày 09/01/2025"]
    assert fact_spans("date", sentence, "Nghị quyết 57-NQ/TW ban hành ngày nào?", ["57nqtw"]) == ["ngày 22/12/2024"]
    other = ("Triển khai Nghị quyết số 57 NQ/TW, Tỉnh ủy đã ban hành Chương trình hành động số 54-CTr/TU, "
             "ngày 24/02/2025")
    assert fact_spans("date", other, "Nghị quyết 57-NQ/TW ban hành ngày nào?", ["57nqtw"]) == []
    assert fact_spans("date", other, "Chương trình hành động ban hành ngày nào?") == ["ngày 24/02/2025"]


ROW = ("5. Nhiệm vụ: Lắp camera giám sát giao thông tại 30 nút giao; Cơ quan chủ trì: Công an tỉnh; Cơ quan phối "
       "hợp: Sở Xây dựng; Thời hạn hoàn thành: Quý I/2027; Sản phẩm: 30 nút giao có camera")


@pytest.mark.parametrize(("question", "value"), [
    ("Cơ quan nào chủ trì lắp camera giám sát giao thông?", "Công an tỉnh"),
    ("Đơn vị nào phối hợp lắp camera tại các nút giao?", "Sở Xây dựng"),
    ("Việc lắp camera giám sát phải hoàn thành khi nào?", "Quý I/2027"),
    ("Ai ký kế hoạch lắp camera?", None),  # no column is named
])
def test_a_table_rows_answer_is_the_cell_under_the_column_the_question_names(question: str, value: str | None) -> None:
    from chat.facts import asked_cell

    assert asked_cell(question, ROW) == value
    assert asked_cell(question, "Sáng 17/11, Ban Chỉ đạo họp: thống nhất 3 nội dung; giao Công an tỉnh.") is None


def test_a_who_question_naming_a_role_gets_the_person_holding_it() -> None:
    """A member named in the same passage as the head is not the head; a deputy is not the head either."""
    head = "Ai giữ cương vị Trưởng ban của Ban Chỉ đạo tỉnh Quảng Trị?"
    deputy = "Ai giữ cương vị Phó Trưởng ban của Ban Chỉ đạo tỉnh Quảng Trị?"
    member = "Đồng chí Lê Văn Mạnh, thành viên Ban Chỉ đạo, báo cáo kết quả chuyển đổi số."
    both = ("Dự họp có đồng chí Hồ Thị Lan - Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo; đồng chí Phan Minh Đức - "
            "Phó Chủ tịch UBND tỉnh, Phó Trưởng Ban Chỉ đạo.")
    titled = "Trưởng Ban Chỉ đạo Hồ Thị Lan kết luận phiên họp."
    assert fact_spans("person", member, head) == []
    assert fact_spans("person", both, head) == ["Hồ Thị Lan"]
    assert fact_spans("person", both, deputy) == ["Phan Minh Đức"]
    assert fact_spans("person", titled, head) == ["Hồ Thị Lan"]
    assert fact_spans("person", both, "Người đứng đầu Ban Chỉ đạo tỉnh Quảng Trị là ai?") == ["Hồ Thị Lan"]
    listed = "1. Trưởng ban: Bà Hồ Thị Lan, Bí thư Tỉnh ủy.\n2. Phó Trưởng ban: Ông Phan Minh Đức, Phó Chủ tịch."
    assert [fact_spans("person", line, q) for line in listed.splitlines() for q in (head, deputy)] == \
        [["Hồ Thị Lan"], [], [], ["Phan Minh Đức"]]
    assert fact_spans("person", member, "Ai báo cáo kết quả chuyển đổi số?") == ["Lê Văn Mạnh"]  # no role asked


def test_a_roles_complement_must_agree_with_the_question() -> None:
    """"Giám đốc Sở Y tế" is neither the director of another department nor of a company; "Trưởng ban" is the
    head of the committee named in full, and an abbreviation is its expansion."""
    health = "Giám đốc Sở Y tế tỉnh Quảng Trị là ai?"
    assert fact_spans("person", "- Bà Lê Thị Hoa, Giám đốc Sở Tài chính;", health) == []
    assert fact_spans("person", "- Ông Trần Văn Nam, Giám đốc Viễn thông Quảng Trị.", health) == []
    assert fact_spans("person", "- Ông Trần Văn Nam, Giám đốc Sở Y tế.", health) == ["Trần Văn Nam"]
    assert fact_spans("person", "Phó Trưởng ban: Ông Xa Văn Lộc, Giám đốc Sở Khoa học và Công nghệ.",
                      "Ai là Giám đốc Sở KH&CN?") == ["Xa Văn Lộc"]
    assert fact_spans("person", "Trưởng Ban Chỉ đạo Hồ Thị Lan kết luận.", "Trưởng ban là đồng chí nào?") == [
        "Hồ Thị Lan"]
    assert fact_spans("person", "Dự họp có đồng chí Hồ Thị Lan, Phó Bí thư Tỉnh ủy.",
                      "Đồng chí nào giữ chức Bí thư Tỉnh ủy?") == []
    # an abbreviated complement is compared by its initials ("TT" is "Thường trực", not "Thường vụ")
    first_deputy = "Đ/c PCT TT UBND tỉnh Quảng Trị nào phát biểu?"
    assert fact_spans("person", "Đồng chí Lê Văn Hòa - Phó Chủ tịch Thường trực UBND tỉnh phát biểu.",
                      first_deputy) == ["Lê Văn Hòa"]
    assert fact_spans("person", "Đồng chí Lê Văn Hòa - Phó Chủ tịch Thường vụ Hội đồng phát biểu.",
                      first_deputy) == []


@pytest.mark.parametrize(("question", "sentence", "expected"), [
    ("Tỉnh có bao nhiêu doanh nghiệp công nghệ số?", "Toàn tỉnh có 252 điểm cầu với 44.881 đảng viên.", []),
    ("Hội nghị được nối tới bao nhiêu điểm cầu?", "Toàn tỉnh có 252 điểm cầu với 44.881 đảng viên.", ["252 điểm cầu"]),
    ("Tỉnh có bao nhiêu doanh nghiệp công nghệ số?", "Số doanh nghiệp công nghệ số đạt 120.", ["120"]),
    ("Ngân sách hỗ trợ bao nhiêu tiền?", "Ngân sách Trung ương hỗ trợ 38,2 tỷ đồng.", ["38,2 tỷ đồng"]),  # measured
    ("Tỉnh có bao nhiêu doanh nghiệp công nghệ số?", "Có 40 doanh nghiệp khởi nghiệp sáng tạo.", []),  # others
    ("Có bao nhiêu tân binh khác?", "Curtis tìm ra thêm 11 tân tinh khác.", ["11 tân tinh"]),  # a typo
    ("Vận tốc là bao nhiêu?", "Các thiên hà tiến về nhau với vận tốc 100 đến 140 km/s.", ["100 đến 140 km"]),  # a range
    ("Tỉnh có mấy đơn vị đào tạo?", "Tỉnh có 2 đơn vị là Trường Cao đẳng và Phân hiệu Đại học.", ["2 đơn vị"]),
    # the unit opens with the noun counted: "điểm" ending "trọng điểm" is no "điểm thi"
    ("Huyện có bao nhiêu điểm thi?", "Huyện tập trung vào 4 trọng điểm là giao thông và thủy lợi.", []),
    ("Huyện có bao nhiêu điểm thi?", "Huyện bố trí hai trăm điểm thi.", ["hai trăm điểm thi"]),
    ("Xã có bao nhiêu trạm bơm?", "Xã có 12 trạm bơm.", ["12 trạm bơm"]),  # "trạm" is no "trăm"
])
def test_a_how_many_question_is_answered_by_a_number_of_what_it_counts(question: str, sentence: str,
                                                                      expected: list[str]) -> None:
    assert fact_spans("count", sentence, question) == expected


def test_which_institution_asks_for_a_name_of_that_kind() -> None:
    sentence = "Giao Sở Khoa học và Công nghệ chủ trì, phối hợp với Ban Dân tộc và Viện Nông nghiệp."
    assert [s.split()[0] for s in fact_spans("organisation", sentence, "Sở nào được giao chủ trì?")] == ["Sở"]
    assert fact_spans("organisation", sentence, "Trường đại học nào phối hợp?") == []
    assert len(fact_spans("organisation", sentence, "Những cơ quan nào tham gia phối hợp thực hiện?")) >= 3  # any body


def test_a_which_university_or_hall_question_wants_one_of_that_kind_by_its_name() -> None:
    """"trường đại học nào" asks for a university ("các trường đại học" names none), "hội trường nào" for a hall
    (the province a sentence names is no hall, and a hall is no school)."""
    from retrieval.question import analyse_question

    university = "Lớp tập huấn do trường đại học nào giảng dạy cho cán bộ tỉnh Lai Châu?"
    assert analyse_question(university).kind == "organisation"
    assert fact_spans("organisation", "Sở phối hợp với các trường đại học tổ chức lớp tập huấn.", university) == []
    assert fact_spans("organisation", "Trường Đại học Tây Bắc giảng dạy lớp tập huấn.", university)
    hall = "Điểm cầu cấp tỉnh của Lai Châu đặt ở hội trường nào?"
    assert analyse_question(hall).kind == "place"
    assert fact_spans("place", "Lai Châu tổ chức điểm cầu cấp tỉnh để dự hội nghị.", hall) == []
    assert any("Hội trường Tỉnh ủy" in s for s in
               fact_spans("place", "Điểm cầu cấp tỉnh đặt tại Hội trường Tỉnh ủy Lai Châu.", hall))


def test_a_date_in_a_documents_citation_is_not_the_date_of_an_event() -> None:
    from chat.facts import asked_fact_spans
    from retrieval.question import analyse_question

    sentence = "Hội nghị quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị diễn ra sáng 13/01/2025."
    event = analyse_question("Hội nghị quán triệt nghị quyết diễn ra ngày nào?")
    document = analyse_question("Nghị quyết quán triệt tại hội nghị được ban hành ngày nào?")
    assert event.asks_event_date and not document.asks_event_date
    assert asked_fact_spans(event, sentence) == ["sáng 13/01/2025"]
    assert "ngày 22/12/2024" in asked_fact_spans(document, sentence)



def test_a_deadline_a_document_sets_is_not_the_date_it_was_issued() -> None:
    """"CTr 41 yêu cầu các huyện hoàn thành kế hoạch trước ngày nào?" is not answered by "… Chương trình hành động số
    41-CTr/TU, ngày 10/6/2025": that is the programme's own date; a deadline it sets is."""
    from chat.facts import asked_fact_spans
    from retrieval.question import analyse_question

    question = analyse_question("Chương trình hành động 41-CTr/TU yêu cầu các huyện hoàn thành kế hoạch trước ngày "
                                "nào?")
    assert question.asks_event_date
    assert asked_fact_spans(question, "Tỉnh ủy ban hành Chương trình hành động số 41-CTr/TU, ngày 10/6/2025.") == []
    assert asked_fact_spans(question, "Chương trình hành động số 41-CTr/TU yêu cầu các huyện hoàn thành kế hoạch "
                                      "trước ngày 30/9/2025.") == ["trước ngày 30/9/2025"]


def test_which_document_asks_for_numbers_of_that_kind_of_document() -> None:
    sentence = "Tỉnh ủy ban hành Chương trình hành động số 54-CTr/TU thực hiện Nghị quyết số 57-NQ/TW; UBND tỉnh ban " \
               "hành Kế hoạch số 29/UBND-KH."
    assert fact_spans("doc_number", sentence, "Chương trình hành động nào thực hiện nghị quyết?") == ["54-CTr/TU"]
    assert fact_spans("doc_number", sentence, "Kế hoạch nào của UBND tỉnh?") == ["29/UBND-KH"]


def test_the_number_asked_is_of_the_document_named_without_one() -> None:
    """"Chương trình hành động thực hiện NQ 57 … số hiệu gì?" asks the programme's number, not the resolution's
    it names; "… theo tờ trình số mấy?" a submission's."""
    sentence = "Tỉnh ủy ban hành Chương trình hành động số 54-CTr/TU thực hiện Nghị quyết số 57-NQ/TW theo Tờ trình " \
               "số 12/TTr-SKHCN."
    assert fact_spans("doc_number", sentence, "Chương trình hành động thực hiện NQ 57 mang số hiệu gì?") == [
        "54-CTr/TU"]
    assert fact_spans("doc_number", sentence, "Chương trình được ban hành theo tờ trình số mấy?") == ["12/TTr-SKHCN"]
    assert fact_spans("doc_number", "Tỉnh quán triệt Nghị quyết số 57-NQ/TW.",
                      "Kế hoạch thực hiện nghị quyết 57 mang số hiệu gì?") == []


def test_a_place_is_a_province_or_a_name_set_as_a_place() -> None:
    """Not any capitalised word: a task row's labels and bodies name no place ("Sở Giáo dục và Đào tạo")."""
    from chat.facts import FINDERS

    row = "Nhiệm vụ: Tổ chức Ngày hội; Cơ quan chủ trì: Tỉnh đoàn; Cơ quan phối hợp: Sở Giáo dục và Đào tạo; " \
          "Thời hạn hoàn thành: Quý II/2026"
    assert FINDERS["place"](row) == []
    assert FINDERS["place"]("Lễ ra mắt của Ban Tổ chức diễn ra ở Paris, với điểm cầu Sơn La.") == ["Sơn La", "Paris"]
    assert FINDERS["place"]("Ông sinh tại làng Kim Liên, huyện Nam Đàn.") == ["Kim Liên", "Nam Đàn"]
    assert FINDERS["place"]("Năm 1864, Phổ sáp nhập các công quốc Schleswig và Holstein, do Otto von Bismarck "
                            "chỉ huy.") == ["Schleswig", "Holstein"]  # a person is no place
    # "xã hội" (society), "văn bản" (a document), "hồ sơ" (a file) set no commune, village or lake before a name
    assert FINDERS["place"]("Tạo đồng thuận trong xã hội và Nhân dân; gửi văn bản Bộ Tài chính; lập hồ sơ Quốc gia.") \
        == []


def test_a_date_after_another_documents_number_is_not_the_date_of_the_one_asked() -> None:
    """"Chương trình 35-CTr/TU ký khi nào?" is not answered by "… Nghị quyết số 57-NQ/TW ngày 22/12/2024 …", a
    sentence that does not name the programme."""
    sentence = "Tỉnh thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và các nhiệm vụ trọng tâm từ " \
               "tháng 3/2025."
    asked = [vn.doc_number_key("35-CTr/TU")]
    assert fact_spans("date", sentence, "Chương trình 35-CTr/TU ký khi nào?", asked) == ["tháng 3/2025"]
    assert fact_spans("date", sentence, "Chương trình 35-CTr/TU ký ngày nào?", asked) == []  # no day named


def test_a_rate_is_answered_by_a_percentage_and_an_ordinal_counts_nothing() -> None:
    """"Tỷ lệ … là bao nhiêu?" wants "74,2%", not the "hai" of "phiên họp thứ hai" nor "21 sở"."""
    sentence = "Tại phiên họp thứ hai, tỷ lệ hồ sơ trực tuyến đạt 74,2%; hệ thống đã kết nối 21 sở."
    assert fact_spans("count", sentence, "Tỷ lệ hồ sơ trực tuyến là bao nhiêu?") == ["74,2%"]
    assert "21 sở" in fact_spans("count", sentence, "Hệ thống đã kết nối bao nhiêu sở?")
    assert fact_spans("count", "Phiên họp thứ hai của Ban.", "Có bao nhiêu phiên họp?") == []


def test_a_period_is_no_count_and_a_unit_is_a_whole_word() -> None:
    sentence = "Quy hoạch giai đoạn 2021-2025, phù hợp với 35 ngành và 2 triệu người."
    assert fact_spans("count", sentence, "Có bao nhiêu?") == ["35 ngành", "2 triệu người"]


def test_a_number_glued_to_letters_is_a_name_not_a_quantity() -> None:
    assert fact_spans("count", "Sản phẩm: thôn, xóm có sóng 4G/5G; mô hình 3D.") == []
    assert [s[:7] for s in fact_spans("count", "Phủ sóng 4G cho 43 thôn, xóm.")] == ["43 thôn"]


def test_an_amount_of_money_is_answered_only_by_money() -> None:
    """"bao nhiêu tiền" is not answered by a share or a count of something else, typed with diacritics or
    restored without them ("tiễn": the restorer's reading of "tien" in a corpus that says "thực tiễn")."""
    share = "Hỗ trợ 100% hợp tác xã sản xuất cam đưa sản phẩm lên sàn thương mại điện tử."
    amounts = "Ngân sách tỉnh 124,3 tỷ đồng; ngân sách Trung ương hỗ trợ 38,2 tỷ đồng."
    for question in ("Mỗi hợp tác xã được hỗ trợ bao nhiêu tiền?", "lào cai chỉ bao nhiêu tiễn cho khoa học"):
        assert fact_spans("count", share, question) == [], question
        assert "38,2 tỷ đồng" in fact_spans("count", amounts, question), question
    assert fact_spans("count", share, "Bao nhiêu hợp tác xã được hỗ trợ?")  # a count of them is still a count


def test_a_person_asked_about_an_event_need_not_stand_by_the_cited_document() -> None:
    """The document a question cites only names the subject ("ai trình bày báo cáo thực hiện NQ 57?"): the
    person who did it stands anywhere in the sentence; asked about the document itself (its signer), only
    the name next to its citation counts."""
    sentence = ("Đồng chí Hoàng Văn Thiên, Giám đốc Sở Khoa học và Công nghệ nêu tóm tắt dự thảo Báo cáo kết quả "
                "thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.")
    question = "Ai trình bày tóm tắt dự thảo báo cáo thực hiện Nghị quyết 57-NQ/TW?"
    assert "Hoàng Văn Thiên" in fact_spans("person", sentence, question, ["57nqtw"], about_document=False)
    assert fact_spans("person", sentence, question, ["57nqtw"], about_document=True) == []
    other = ("Tỉnh ủy ban hành Chương trình số 54-CTr/TU do đồng chí Trần Văn An ký ngày 24/02/2025 để cụ thể hóa "
             "các mục tiêu, nhiệm vụ và giải pháp của Nghị quyết số 57-NQ/TW.")
    assert fact_spans("person", other, question, ["57nqtw"], about_document=False) == []  # 54-CTr/TU's signer


def test_a_document_s_short_reference_counts_nothing() -> None:
    """"Ban Chỉ đạo Nghị quyết 57 tỉnh": 57 names the resolution, it is no count of provinces."""
    sentence = "Đồng chí An Hoàng Linh, thành viên Ban chỉ đạo Nghị quyết 57 tỉnh, trình bày 12 nội dung."
    assert [s[:5] for s in fact_spans("count", sentence)] == ["12 nộ"]


def test_which_time_is_answered_by_an_ordinal() -> None:
    from retrieval.question import analyse_question

    question = analyse_question("Nghị quyết được hội nghị lần thứ mấy thông qua?")
    assert question.asked.ordinal
    sentence = "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ mười bảy đã thống nhất ban hành Nghị quyết."
    assert asked_fact_spans(question, sentence) == ["lần thứ mười bảy"]


def test_an_ordinal_answers_only_for_the_same_series() -> None:
    from retrieval.question import analyse_question

    # a rank asked ("xếp thứ mấy") is not the ordinal a meeting is named by, nor the other way round
    rank = analyse_question("Chỉ số chuyển đổi số của tỉnh xếp thứ mấy cả nước?")
    meeting = "Tại phiên họp thứ nhất, Ban Chỉ đạo đã nghe dự thảo báo cáo."
    assert "phiên họp thứ nhất" not in asked_fact_spans(rank, meeting)
    assert asked_fact_spans(rank, "Năm 2024, chỉ số chuyển đổi số của tỉnh xếp thứ 12 cả nước.") == ["thứ 12"]
    which = analyse_question("Ban Chỉ đạo họp phiên họp thứ mấy vào tháng 11?")
    assert asked_fact_spans(which, meeting) == ["phiên họp thứ nhất"]
    # "phiên thứ mấy" is asked of the "phiên họp" a sentence ranks; a number that ranks no meeting is no answer
    short = analyse_question("Phiên họp ngày 06/11/2025 là phiên thứ mấy trong năm?")
    assert asked_fact_spans(short, "Đồng chí Hà Quang Tuấn chủ trì phiên họp thứ hai năm 2025.") == ["thứ hai"]
    likened = "Nghị quyết được coi như một “khoán 10” trong lĩnh vực khoa học, công nghệ."
    assert asked_fact_spans(short, likened) == []
    assert asked_fact_spans(analyse_question("Sản phẩm là iPhone thứ mấy?"), "Hãng ra mắt iPhone 4 năm đó.") == ["4"]
    assert asked_fact_spans(analyse_question("Thế hệ thứ mấy của iPhone có Facetime?"), "Ra mắt iPhone 4, có …") == [
        "4"]  # a number right after a word the question writes
    ranked = analyse_question("Chỉ số chuyển đổi số của tỉnh đang xếp thứ mấy?")
    assert asked_fact_spans(ranked, "Hội nghị quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị.") == []
    meeting = analyse_question("Quyết định được công bố ở phiên họp thứ mấy của Ban Chỉ đạo Nam Định?")
    assert asked_fact_spans(meeting, "Chương trình công tác trọng tâm năm 2025 và những năm tiếp theo.") == []


def test_who_organised_is_answered_by_a_body_where_no_one_is_named() -> None:
    from retrieval.question import analyse_question

    row = "Nhiệm vụ: Tổ chức Ngày hội khởi nghiệp; Cơ quan chủ trì: Tỉnh đoàn Hòa Bình; Thời hạn: Quý II/2026"
    assert "Tỉnh đoàn Hòa Bình" in asked_fact_spans(analyse_question("Ai đứng ra tổ chức ngày hội?"), row)
    named = "Đồng chí Nguyễn Văn An, Bí thư Tỉnh đoàn, chủ trì ngày hội."
    assert asked_fact_spans(analyse_question("Ai đứng ra tổ chức ngày hội?"), named) == ["Nguyễn Văn An"]
    # a sentence that only mentions a body names no one who did it
    mention = "Tại phiên họp thứ nhất, thành viên Ban Chỉ đạo Tỉnh ủy đã nghe dự thảo thông báo."
    assert asked_fact_spans(analyse_question("Ai chủ trì phiên họp thứ nhất?"), mention) == []
    # a role asked wants someone holding it, never a body
    assert asked_fact_spans(analyse_question("Ai là Trưởng ban tổ chức ngày hội?"), row) == []


def test_which_day_is_answered_only_by_a_date_naming_its_day() -> None:
    """"ngày nào" is not answered by "năm 2025" (a sentence giving only the year does not say which day);
    "khi nào" may be."""
    dated = "Trong năm 2025, đoàn công tác của Bộ đã làm việc với tỉnh vào ngày 14 tháng 8."
    year_only = "Trong năm 2025, đoàn công tác của Bộ đã làm việc với tỉnh."
    assert fact_spans("date", dated, "Đoàn công tác làm việc với tỉnh vào ngày nào?") == ["ngày 14 tháng 8"]
    assert fact_spans("date", year_only, "Đoàn công tác làm việc với tỉnh vào ngày nào?") == []
    assert fact_spans("date", year_only, "Đoàn công tác làm việc với tỉnh khi nào?") == ["năm 2025"]
    assert fact_spans("date", "Hội nghị diễn ra ngày 20/3/2025.", "Hội nghị diễn ra hôm nào?") == ["ngày 20/3/2025"]


def test_an_office_of_a_party_committee_is_one_organisation_and_its_pieces_are_no_answer() -> None:
    """"Văn phòng Tỉnh ủy" is one body (its "ủy" written in lower case); the answer opens with it whole, not with
    "Tỉnh", a piece of it."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = "Đồng chí đề nghị Sở Nội vụ phối hợp với Văn phòng Tỉnh ủy rà soát quy chế làm việc."
    question = analyse_question("Bí thư đề nghị Sở Nội vụ phối hợp với đơn vị nào để rà soát quy chế?")
    assert "Văn phòng Tỉnh ủy" in fact_spans("organisation", text, question.text)
    sentence = ScoredSentence(text, Passage(1, Hit("d:0", "d", text, 1.0, {"chunk_index": 0})), 0.5, 0.9, True, 0)
    assert short_fact(question, sentence) == "Văn phòng Tỉnh ủy"


@pytest.mark.parametrize(("text", "body"), [
    ("Cơ quan chủ trì: Sở Khoa học và Công nghệ; Cơ quan phối hợp: Công an tỉnh", "Sở Khoa học và Công nghệ"),
    ("Sở Y tế phối hợp với các huyện.", "Sở Y tế"),
    ("Sở Giáo dục và Đào tạo tỉnh Lào Cai tổ chức hội thi.", "Sở Giáo dục và Đào tạo tỉnh Lào Cai"),
    ("Giao Sở KH&CN chủ trì.", "Sở KH&CN"),
])
def test_a_body_s_name_runs_through_its_lower_case_syllables_and_stops_at_the_verb(text: str, body: str) -> None:
    """Vietnamese capitalises the first syllable of each word of a name ("Khoa học"): the name is whole, and the
    verb after it ("tổ chức", "phối hợp") is not part of it."""
    assert body in fact_spans("organisation", text)


def test_a_task_row_answers_who_with_its_bodies_when_the_names_it_holds_are_the_question_s_words() -> None:
    """"… hỗ trợ doanh nghiệp … do sở nào chủ trì, ai phối hợp?": the row's "Doanh" (of "Hiệp hội Doanh nghiệp")
    is a word of the question, not a person; its bodies answer."""
    from retrieval.question import analyse_question

    row = ("Nhiệm vụ: Hỗ trợ doanh nghiệp khởi nghiệp; Cơ quan chủ trì: Sở Công Thương; Cơ quan phối hợp: Hiệp hội "
           "Doanh nghiệp tỉnh; Thời hạn hoàn thành: Năm 2026")
    question = analyse_question("Nhiệm vụ hỗ trợ doanh nghiệp khởi nghiệp do sở nào chủ trì, ai phối hợp?")
    assert question.kind == "person"
    assert asked_fact_spans(question, row) == ["Sở Công Thương", "Hiệp hội Doanh nghiệp tỉnh"]


def test_a_count_of_things_is_a_number_of_them_not_a_share_or_a_folded_homograph() -> None:
    """"bao nhiêu cơ quan" is not answered by a share ("đạt 61,5%") in a sentence that names "cơ quan", nor by a
    bare number in one that only says "có" (folded "co"); a bare number beside the whole noun is, and a share is
    when a share is asked."""
    from retrieval.question import analyse_question

    count = analyse_question("Huyện có bao nhiêu cơ quan đã kết nối mạng chuyên dùng?")
    assert asked_fact_spans(count, "Tỷ lệ kết nối mạng chuyên dùng của các cơ quan đạt 61,5%.") == []
    assert asked_fact_spans(count, "Toàn huyện có 61 xã đã kết nối mạng chuyên dùng.") == []
    assert asked_fact_spans(count, "Số cơ quan đã kết nối mạng chuyên dùng là 61.") == ["61"]
    # a number of "đơn vị" counts what the sentence calls them, when it names them
    assert asked_fact_spans(count, "Về cơ quan đã kết nối mạng chuyên dùng, huyện có 7 đơn vị.") == ["7 đơn vị"]
    assert asked_fact_spans(count, "Huyện có 7 đơn vị đã kết nối mạng chuyên dùng.") == []
    share = analyse_question("Bao nhiêu phần trăm cơ quan đã kết nối mạng chuyên dùng?")
    assert asked_fact_spans(share, "Tỷ lệ kết nối mạng chuyên dùng của các cơ quan đạt 61,5%.") == ["61,5%"]


def test_a_hall_named_by_its_kind_is_one_place_to_its_end() -> None:
    """"tại Hội trường UBND huyện" is the place "Hội trường UBND huyện", not "Hội" (the one capitalised word)."""
    assert fact_spans("place", "Điểm cầu chính đặt tại Hội trường UBND huyện, có 120 đại biểu.") == [
        "Hội trường UBND huyện"]
    assert "Trụ sở Huyện ủy Mộc Châu" in fact_spans("place", "Hội nghị họp tại Trụ sở Huyện ủy Mộc Châu với 80 "
                                                             "đại biểu.")


def test_local_units_named_together_are_one_place() -> None:
    spans = fact_spans("place", "Hai khu làm việc chung hình thành tại thành phố Điện Biên Phủ và huyện Mường Ảng.")
    assert "thành phố Điện Biên Phủ và huyện Mường Ảng" in spans


def test_a_bound_is_part_of_a_quantity_and_a_preposition_after_it_is_not() -> None:
    """"trên 90%" says more than "90%"; "90% trong năm tới" ends where the rest of the sentence starts."""
    sentence = "Phấn đấu tỷ lệ hồ sơ trực tuyến đạt trên 90% trong quý 2/2027, hỗ trợ ít nhất 150 hộ kinh doanh."
    assert fact_spans("count", sentence, "Đạt bao nhiêu?") == ["trên 90%", "ít nhất 150 hộ kinh"]


def test_how_often_is_answered_by_a_frequency_not_by_a_length_of_time() -> None:
    sentence = "Sở Tài chính tổng hợp kết quả, định kỳ hằng quý báo cáo Ủy ban nhân dân tỉnh trong 10 ngày đầu quý."
    assert fact_spans("count", sentence, "Sở Tài chính báo cáo bao lâu một lần?") == ["định kỳ hằng quý"]
    assert fact_spans("count", "Tổ công tác họp 3 tháng 1 lần.", "Tổ công tác mấy tháng một lần họp?") == [
        "3 tháng 1 lần"]
    assert fact_spans("count", "Tổ công tác định kỳ 2 tuần báo cáo Sở.", "Báo cáo bao lâu một lần?") == [
        "định kỳ 2 tuần"]
    assert "định kỳ hằng quý" not in fact_spans("count", sentence, "Sở Tài chính có bao nhiêu ngày để báo cáo?")



def test_the_task_a_question_names_is_not_the_cell_it_asks_for() -> None:
    """"Nhiệm vụ lắp camera … do đơn vị nào chủ trì?" names the "Nhiệm vụ" column only to say which task: the body
    under "Cơ quan chủ trì" answers, also when the task was named earlier in the conversation."""
    from chat.facts import asked_cell

    assert asked_cell("Nhiệm vụ lắp camera giám sát tại 30 nút giao do đơn vị nào chủ trì?", ROW) == "Công an tỉnh"
    # "nhiệm vụ" names the task, "sở nào chủ trì" the column: the one the question word stands by
    assert asked_cell("nhiem vu lap camera thi so nao chu tri", ROW) == "Công an tỉnh"
    assert asked_cell("Nhiệm vụ này có thời gian ra sao?", ROW,
                      context="nhiệm vụ lắp camera giám sát giao thông tại 30 nút giao") is None


def test_a_deadline_keeps_its_bound_and_a_quarter_its_year() -> None:
    assert fact_spans("date", "Sở Y tế hoàn thành việc kết nối trước ngày 30/6/2027.", "Khi nào?") == [
        "trước ngày 30/6/2027"]
    assert fact_spans("date", "Thời hạn hoàn thành: Quý III/2027; Sản phẩm: báo cáo.", "Khi nào?") == ["Quý III/2027"]
    assert fact_spans("place", "Sáng 5/6, tại trụ sở Sở Y tế, Ban Chỉ đạo họp phiên thứ ba.", "Ở đâu?") == [
        "trụ sở Sở Y tế"]


def test_the_posts_of_someone_named_are_those_written_beside_the_name() -> None:
    from chat.facts import role_spans

    assert role_spans(["Lò Văn Mạnh"], "Sáng 5/6, đồng chí Lò Văn Mạnh, Phó Bí thư Huyện ủy, Chủ tịch UBND huyện chủ "
                                       "trì buổi làm việc.") == ["Phó Bí thư Huyện ủy, Chủ tịch UBND huyện"]
    assert role_spans(["Quàng Thị Hoa"], "3. Phó Trưởng ban: Bà Quàng Thị Hoa, Giám đốc Sở Y tế.") == [
        "Phó Trưởng ban, Giám đốc Sở Y tế"]
    assert role_spans(["Quàng Thị Hoa"], "Bà Quàng Thị Hoa phát biểu tại hội nghị.") == []  # no post written


def test_a_person_after_a_cited_document_in_the_next_clause_is_not_the_one_acting_with_it() -> None:
    """"… ai quán triệt Chương trình hành động thực hiện Nghị quyết 57?": the one acting on it, not the subject of
    the clause after the citation's semicolon; a body is no kind of document ("thực hiện Nghị quyết")."""
    from retrieval.question import analyse_question

    from chat.facts import asked_fact_spans, fact_spans

    sentence = ("đồng chí Thủ tướng Lò Văn Mạnh quán triệt Chương trình hành động thực hiện Nghị quyết 57-NQ/TW; "
                "đồng chí Cầm Thị Hoa trình bày tham luận.")
    question = analyse_question("Ai quán triệt Chương trình hành động thực hiện Nghị quyết 57 của tỉnh?")
    assert "Lò Văn Mạnh" in asked_fact_spans(question, sentence)  # (of the two, the nearer the question's words)
    assert "Nghị" not in fact_spans("organisation", "Ủy ban Kiểm tra Tỉnh ủy giám sát việc thực hiện Nghị quyết.")


def test_by_whom_is_answered_by_the_body_a_thing_is_in_the_hands_of() -> None:
    """"… do ai quản lý?" is answered by "do Văn phòng Tỉnh ủy quản lý" where no person is named; "mấy cái" counts
    what the question named before it, not "cái"."""
    from dataclasses import replace

    from retrieval.question import analyse_question

    from chat.facts import asked_fact_spans

    sentence = "Về hạ tầng dữ liệu, tỉnh có 3 trung tâm dữ liệu do Sở Khoa học và Công nghệ quản lý."
    assert asked_fact_spans(analyse_question("Trung tâm dữ liệu do ai quản lý?"), sentence) == [
        "Sở Khoa học và Công nghệ"]
    compound = analyse_question("Tỉnh có mấy trung tâm dữ liệu, ai quản lý?")  # "ai quản lý" without "do"
    assert compound.kinds[1][0] == "person" and asked_fact_spans(replace(compound, kind="person"), sentence) == [
        "Sở Khoa học và Công nghệ"]
    run = "Xây dựng kho dữ liệu dùng chung trong năm 2027; Trung tâm Phục vụ hành chính công chủ trì thực hiện."
    assert asked_fact_spans(analyse_question("Kho dữ liệu dùng chung do ai chủ trì?"), run) == [
        "Trung tâm Phục vụ hành chính công"]  # the body before the verb of running it
    handed = "Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì thẩm định kinh phí."
    assert asked_fact_spans(analyse_question("Việc thẩm định kinh phí do ai chủ trì?"), handed) == ["Sở Tài chính"]
    assert analyse_question("Trung tâm dữ liệu thì có mấy cái?").asked.counted is None


def test_a_spelled_ordinal_is_no_quantity() -> None:
    """"Hội nghị lần thứ mười bảy đã thảo luận" counts nothing: "bảy … thảo" is no quantity of it."""
    from chat.facts import fact_spans

    assert fact_spans("count", "Hội nghị lần thứ mười bảy đã thảo luận; tỉnh có 3 trung tâm dữ liệu.") == [
        "3 trung tâm"]


def test_the_codes_of_a_document_s_number_name_no_body() -> None:
    """"… Chương trình hành động số 12-CTr/TU về …": "CTr" and "TU" are the number's codes, no organisation a
    question asking "cơ quan nào" could be answered with."""
    spans = fact_spans("organisation",
                       "Hội nghị cho ý kiến vào Chương trình hành động số 12-CTr/TU của Tỉnh ủy Sơn La.")
    assert not any(s in ("CTr", "TU", "CTr/TU") for s in spans) and any("Tỉnh ủy" in s for s in spans), spans


def test_which_document_is_not_answered_by_the_document_the_question_cites() -> None:
    """"Nam Định đã ban hành văn bản nào để thực hiện NQ 57?": "54-CTr/TU" of the sentence naming both, and nothing
    in one that names Nghị quyết 57 alone."""
    from retrieval.question import analyse_question

    # (the corpus cites one Nghị quyết 57: "NQ 57" is 57-NQ/TW)
    references = {vn.full_number_reference("57-NQ/TW"): {vn.doc_number_key("57-NQ/TW")}}
    question = analyse_question("Nam Định đã ban hành văn bản nào để thực hiện NQ 57?", references=references)
    assert question.kind == "doc_number" and question.doc_numbers == [vn.doc_number_key("57-NQ/TW")]
    assert asked_fact_spans(question, "Thực hiện Nghị quyết số 57-NQ/TW sâu rộng trong cả hệ thống chính trị.") == []
    both = "Triển khai Nghị quyết số 57-NQ/TW, Tỉnh ủy đã ban hành Chương trình hành động số 54-CTr/TU."
    assert asked_fact_spans(question, both) == ["54-CTr/TU"]


def test_whose_a_thing_is_is_answered_by_the_body_a_sentence_says_it_is_of() -> None:
    """"Tổ công tác dùng con dấu của ai?" is answered by "… sử dụng con dấu của Sở …" (a body named by its first word),
    not by a sentence naming a post; a thing the sentence does not name has no owner in it."""
    from retrieval.question import analyse_question

    question = analyse_question("Tổ công tác chuyển đổi số dùng con dấu của ai?")
    assert asked_fact_spans(question, "Phòng Văn hóa là cơ quan thường trực, sử dụng con dấu của Phòng trong hoạt "
                                      "động của Tổ.") == ["Phòng"]
    (owner,) = asked_fact_spans(question, "Tổ sử dụng con dấu của Ủy ban nhân dân huyện Mường Tè.")
    assert owner.startswith("Ủy ban nhân dân")  # (the body, not "Mường Tè" read as a person's name)
    assert asked_fact_spans(question, "Tổ làm việc theo chế độ kiêm nhiệm của Phòng Văn hóa.") == []
    proposal = analyse_question("Theo đề nghị của ai mà Tổ công tác được thành lập?")
    assert asked_fact_spans(proposal, "Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12.") == [
        "Giám đốc Sở Nội vụ"]  # (a post of a body)
