"""A heading's section answers the question the heading matched."""

from __future__ import annotations

from bcd import vietnamese as vn
from chat.sections import continued, heading_above, headings_above, items_between, lines, named_heading, section

DECISION = """Điều 1. Thành lập Tổ công tác số của huyện.
Điều 2. Nhiệm vụ, quyền hạn của Tổ công tác
1. Nhiệm vụ:
a) Theo dõi tiến độ số hóa hồ sơ;
b) Tổng hợp báo cáo hằng quý.
2. Quyền hạn:
a) Đề nghị các phòng cung cấp số liệu;
b) Kiến nghị điều chỉnh kế hoạch.
Điều 3. Quyết định có hiệu lực kể từ ngày ký."""

REPORT = """1. Kết quả đạt được
Đã có 30 xã kết nối mạng chuyên dùng.
2. Khó khăn, vướng mắc
Còn 5 xã chưa có cáp quang; kinh phí bố trí chậm.
3. Nhiệm vụ thời gian tới
a) Hoàn thành cáp quang trước quý II."""


def _quoted(text: str, heading: str, question: str) -> str | None:
    span = section(text, text.index(heading), set(vn.tokenize(question)))
    return None if span is None else text[span[0]:span[1]]


def test_a_heading_answers_with_the_lines_it_heads_up_to_the_next_of_its_rank() -> None:
    assert _quoted(REPORT, "Khó khăn, vướng mắc", "những khó khăn vướng mắc nào") == \
        "Còn 5 xã chưa có cáp quang; kinh phí bố trí chậm."
    article = _quoted(DECISION, "Nhiệm vụ, quyền hạn", "nhiệm vụ và quyền hạn gồm những gì")
    assert article is not None and article.startswith("1. Nhiệm vụ:") and article.endswith("điều chỉnh kế hoạch.")


def test_a_section_whose_parts_are_headings_runs_over_each_part_s_paragraph() -> None:
    """"II. GIẢI PHÁP" heads "1. …" and its paragraph, "2. …" and its: a paragraph after a numbered heading is that
    part's text, not the text going on after a list."""
    plan = ("II. GIẢI PHÁP\n1. Hoàn thiện thể chế\nRà soát các quy định về dữ liệu mở.\n2. Phát triển nhân lực\n"
            "Bồi dưỡng kỹ năng số cho 500 công chức.\nIII. KINH PHÍ\nNgân sách huyện bảo đảm.")
    quoted = _quoted(plan, "GIẢI PHÁP", "những nhóm giải pháp nào")
    assert quoted is not None and quoted.startswith("1. Hoàn thiện") and quoted.endswith("500 công chức.")


def test_the_one_part_the_question_names_is_quoted_alone() -> None:
    assert _quoted(DECISION, "Nhiệm vụ, quyền hạn", "tổ công tác có những quyền hạn gì") == \
        "a) Đề nghị các phòng cung cấp số liệu;\nb) Kiến nghị điều chỉnh kế hoạch."


def test_a_sentence_an_item_or_a_heading_with_nothing_under_it_heads_no_section() -> None:
    assert _quoted(DECISION, "Thành lập Tổ công tác", "thành lập") is None  # ends as a sentence
    assert _quoted(DECISION, "Theo dõi tiến độ", "theo dõi") is None  # an item
    assert _quoted("1. Kết quả đạt được\n2. Khó khăn", "Kết quả", "kết quả") is None
    assert [line.rank for line in lines(DECISION)[:4]] == [0, 0, 2, 4]


ROSTER = """Điều 1. Thành lập Tổ công tác chuyển đổi số của huyện Mường Tè, gồm các thành viên sau:
1. Tổ trưởng: Ông Lê Văn Nam, Phó Chủ tịch UBND huyện.
2. Các thành viên:
- Bà Hà Thị Lan, Trưởng phòng Văn hóa;
- Ông Vi Văn Tâm, Trưởng phòng Nội vụ.
Điều 2. Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ."""

NEWS = """Huyện đề ra ba nhóm giải pháp như sau:
- Hoàn thiện hạ tầng số;
- Đào tạo cán bộ.
Huyện sẽ sơ kết vào cuối năm."""


def test_a_line_ended_by_a_colon_heads_what_follows_whatever_its_length() -> None:
    roster = _quoted(ROSTER, "Thành lập Tổ công tác", "kể tên thành viên tổ công tác")
    assert roster is not None and roster.startswith("1. Tổ trưởng") and roster.endswith("Trưởng phòng Nội vụ.")
    # unnumbered, it heads the numbered lines after it, not the paragraph that follows them
    assert _quoted(NEWS, "Huyện đề ra", "giải pháp") == "- Hoàn thiện hạ tầng số;\n- Đào tạo cán bộ."


def test_a_heading_is_named_when_the_question_uses_each_of_its_words() -> None:
    asked = set(vn.tokenize("Báo cáo của huyện nêu những khó khăn, vướng mắc nào?"))
    assert named_heading(REPORT, REPORT.index("Khó khăn"), asked)
    assert not named_heading(REPORT, REPORT.index("Kết quả"), asked)  # "kết quả" is not asked
    assert not named_heading(REPORT, REPORT.index("Còn 5 xã"), asked)  # a line under it, no heading
    # compared with their diacritics: "Nơi nhận" is not named by "kết nối … nhân dân"
    assert not named_heading("Nơi nhận:\n- Thường trực Huyện ủy;\n- Lưu: VT.", 0,
                             set(vn.tokenize("Phải kết nối với Ủy ban nhân dân xã trước ngày nào?")))


CONCLUSION = """Phần thứ hai. NHIỆM VỤ THỜI GIAN TỚI
a) Phòng Nội vụ hoàn thành số hóa hồ sơ trước quý II.
b) Phòng Tài chính bố trí kinh phí.
Tổ công tác thông báo để các phòng biết, thực hiện./.
Nơi nhận:"""


def test_a_part_named_by_its_ordinal_heads_its_items_and_the_text_after_them_is_not_one() -> None:
    assert _quoted(CONCLUSION, "NHIỆM VỤ THỜI GIAN TỚI", "nhiệm vụ thời gian tới") == \
        "a) Phòng Nội vụ hoàn thành số hóa hồ sơ trước quý II.\nb) Phòng Tài chính bố trí kinh phí."


def test_a_heading_is_named_by_its_one_part_the_question_names_or_by_the_kind_of_items_it_announces() -> None:
    duties = set(vn.tokenize("Tổ công tác số của huyện có nhiệm vụ gì?"))
    assert named_heading(DECISION, DECISION.index("Nhiệm vụ, quyền hạn"), duties)  # "1. Nhiệm vụ:" is named
    assert not named_heading(DECISION, DECISION.index("Nhiệm vụ, quyền hạn"),
                             set(vn.tokenize("nhiệm vụ và quyền hạn của tổ là gì")) - {"nhiệm", "vụ", "quyền", "hạn"})
    # "…, gồm các thành viên sau:" is named by the members asked for, whatever else the article's line says
    members = set(vn.tokenize("Thành viên tổ công tác gồm những ai?"))
    assert named_heading(ROSTER, 0, members)
    assert not named_heading(ROSTER, 0, set(vn.tokenize("Tổ công tác gồm những phòng nào?")))


def test_a_line_is_a_case_of_the_nearest_heading_above_it_and_only_items_are_counted() -> None:
    assert heading_above(ROSTER, ROSTER.index("- Bà Hà")) == "Các thành viên:"
    assert heading_above(ROSTER, ROSTER.index("1. Tổ trưởng")).startswith("Thành lập Tổ công tác")
    assert heading_above(ROSTER, 0) == ""
    # the roster's lines: the leader and two members, not the heading "2. Các thành viên:" between them
    assert items_between(ROSTER, ROSTER.index("1. Tổ trưởng"), ROSTER.index("Điều 2")) == 3


def test_a_heading_opening_with_what_a_list_question_asks_for_is_named() -> None:
    """"… ghi nhận những kết quả nào?" names "1. Kết quả đạt được", though "đạt được" is no word of it; the
    heading must open with the things asked ("Nhiệm vụ thời gian tới" is no result)."""
    notice = "1. Kết quả đạt được\nĐã có 30 xã kết nối.\n2. Nhiệm vụ thời gian tới\nHoàn thành cáp quang."
    words = set(vn.tokenize("Phiên họp ghi nhận những kết quả nào?"))
    assert not named_heading(notice, 0, words)
    assert named_heading(notice, 0, words, ("kết", "quả"))
    assert not named_heading(notice, notice.index("2. Nhiệm vụ"), words, ("kết", "quả"))


def test_a_plan_s_line_is_under_every_heading_above_it_nearest_first() -> None:
    plan = ("II. NHIỆM VỤ, GIẢI PHÁP\n1. Hoàn thiện thể chế\na) Ban hành chính sách hỗ trợ.\n"
            "2. Phát triển hạ tầng số, dữ liệu số\na) Hạ tầng viễn thông:\n- Phủ sóng 5G.\nb) Dữ liệu số:\n"
            "- Xây dựng Kho dữ liệu dùng chung;\n- Số hóa hồ sơ.")
    assert headings_above(plan, plan.index("- Số hóa")) == [
        "Dữ liệu số:", "Phát triển hạ tầng số, dữ liệu số", "NHIỆM VỤ, GIẢI PHÁP"]
    # a sibling's heading ("a) Hạ tầng viễn thông:") and an earlier part ("1. Hoàn thiện thể chế") are not above it
    assert headings_above(plan, plan.index("- Phủ sóng")) == [
        "Hạ tầng viễn thông:", "Phát triển hạ tầng số, dữ liệu số", "NHIỆM VỤ, GIẢI PHÁP"]
    assert headings_above(plan, 0) == []
    # a chunk cut inside "2. …": the headings above its start count until a line of the chunk closes them
    chunk = "- Phủ sóng 5G.\n3. Chuyển đổi số\n- Số hóa hồ sơ."
    outer = "II. NHIỆM VỤ, GIẢI PHÁP › 2. Phát triển hạ tầng số"
    assert headings_above(chunk, 0, outer) == ["Phát triển hạ tầng số", "NHIỆM VỤ, GIẢI PHÁP"]
    assert headings_above(chunk, chunk.index("- Số hóa"), outer) == ["Chuyển đổi số", "NHIỆM VỤ, GIẢI PHÁP"]


def test_a_section_a_chunk_s_end_cuts_goes_on_in_the_next_chunk_up_to_the_next_part() -> None:
    first = "Phần thứ hai. NHIỆM VỤ TRỌNG TÂM\n1. Số hóa hồ sơ.\n2. Đào tạo cán bộ."
    following = "3. Phủ sóng 4G.\n4. Lập kho dữ liệu.\nPhần thứ ba. TỔ CHỨC THỰC HIỆN\n1. Phòng Nội vụ theo dõi."
    span = section(first, 0, set(vn.tokenize("những nhiệm vụ trọng tâm nào")))
    assert span is not None
    more = continued(first, span, following)
    assert more is not None and following[more[0]:more[1]] == "3. Phủ sóng 4G.\n4. Lập kho dữ liệu."
    assert continued(first + "\nPhần thứ ba. KẾT LUẬN", span, following) is None  # it ended in its own chunk


CONCLUDED = """Sau khi nghe báo cáo, Tổ trưởng kết luận như sau:
1. Kết quả đạt được
Đã có 30 xã kết nối mạng chuyên dùng.
2. Nhiệm vụ thời gian tới
a) Phòng Văn hóa hoàn thành cáp quang trước quý II.
b) Phòng Nội vụ bố trí cán bộ chuyên trách.
Tổ công tác thông báo để các đơn vị thực hiện./."""


def test_a_line_announcing_numbered_parts_heads_each_part_and_its_paragraph() -> None:
    """"… kết luận như sau:" heads "1. Kết quả đạt được" and its paragraph, "2. …" and its items, up to the closing
    line; a heading ending its chunk heads the next chunk's opening lines."""
    from chat.sections import heading_ends, opening

    quoted = _quoted(CONCLUDED, "Sau khi nghe", "tổ trưởng kết luận những gì")
    assert quoted is not None and "30 xã" in quoted and quoted.endswith("bố trí cán bộ chuyên trách.")
    chunk, rest = CONCLUDED.split("\n", 1)
    assert heading_ends(chunk, 0) and not heading_ends(CONCLUDED, 0)
    span = opening(rest, lines(chunk)[0].rank)
    assert span is not None and rest[span[0]:span[1]].endswith("bố trí cán bộ chuyên trách.")
