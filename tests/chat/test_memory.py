"""Follow-up rewriting: everyday words are not follow-up cues, and a refusal is never the topic."""

from __future__ import annotations

from chat.generators.base import Turn
from chat.memory import is_follow_up, last_answered, standalone_question
from chat.prompt import REFUSAL
from tests.questions import AND_DIEN_BIEN, GOLD_PRICE, HIS_OTHER_ROLE, NAM_DINH_HEAD


def test_everyday_words_are_not_follow_up_cues() -> None:
    for question in ("Tỷ lệ hồ sơ trực tuyến của Lào Cai đạt bao nhiêu?",
                     "Tỉnh hỗ trợ doanh nghiệp khởi nghiệp sáng tạo bằng cách nào?",
                     "Khoản nợ đọng xây dựng cơ bản của tỉnh được xử lý ra sao?"):
        assert not is_follow_up(question), question
    assert is_follow_up(HIS_OTHER_ROLE)
    assert is_follow_up("con lao cai thi sao")  # typed without diacritics: the folded cues apply


def test_a_question_opened_as_a_sequel_is_a_follow_up() -> None:
    """"Thế UBND tỉnh có kế hoạch số mấy?" goes on from the question before (which province's committee);
    "Thế nào là …?" asks how, and "Theo …" or "Thể lệ …" open nothing."""
    for question in ("Thế Sở Tài chính được giao nhiệm vụ gì trong kế hoạch?", "Vậy việc ấy do sở nào đảm nhận?",
                     "the so tai chinh duoc giao nhiem vu gi trong ke hoach"):
        assert is_follow_up(question), question
    for question in ("Thế nào là chính quyền số theo kế hoạch của tỉnh Yên Bái?",
                     "the nao la chinh quyen so theo ke hoach cua tinh yen bai",
                     "Theo kế hoạch của tỉnh Yên Bái, Sở Tài chính được giao nhiệm vụ gì?",
                     "Thể lệ cuộc thi sáng kiến chuyển đổi số của tỉnh Yên Bái được ban hành khi nào?"):
        assert not is_follow_up(question), question


def test_a_standalone_question_is_not_rewritten_with_the_previous_one() -> None:
    history = [Turn("user", NAM_DINH_HEAD), Turn("assistant", "Đặng Khánh Toàn [1]")]
    question = "Tỷ lệ hồ sơ trực tuyến của Lào Cai đạt bao nhiêu?"
    assert standalone_question(question, history) == question


def test_a_refusal_never_becomes_the_topic() -> None:
    history = [Turn("user", NAM_DINH_HEAD),
               Turn("assistant", "Đồng chí Đặng Khánh Toàn, Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo [1]"),
               Turn("user", GOLD_PRICE), Turn("assistant", REFUSAL)]
    assert last_answered(history)[0] == NAM_DINH_HEAD
    rewritten = standalone_question(HIS_OTHER_ROLE, history)
    assert "Đặng Khánh Toàn" in rewritten and "vàng" not in rewritten
    only_refused = [Turn("user", GOLD_PRICE), Turn("assistant", REFUSAL)]
    assert standalone_question(HIS_OTHER_ROLE, only_refused) == HIS_OTHER_ROLE


def test_someone_set_aside_leaves_the_conversation_s_province_with_the_question() -> None:
    """"Ngoài ông ấy, ai …?" asks of another person in the same province; "Ông ấy …?" of that person alone,
    whom the name says enough about. A sentence's capitalised first word is nobody's name."""
    history = [Turn("user", "Ở Yên Bái, Giám đốc Sở nào báo cáo tại buổi làm việc?"),
               Turn("assistant", "Trần Văn Khải — Theo dõi buổi làm việc có: Trần Văn Khải, Giám đốc Sở Tài chính. "
                                 "[1]")]
    assert standalone_question("Ngoài ông ấy, ai là Phó Giám đốc Sở phát biểu?", history) == \
        "Ngoài Trần Văn Khải, ai là Phó Giám đốc Sở phát biểu? (Yên Bái)"
    assert standalone_question("Ông ấy đang kiêm nhiệm những việc nào?", history) == \
        "Trần Văn Khải đang kiêm nhiệm những việc nào?"


def test_a_body_referred_back_to_is_the_one_the_last_answer_opened_with() -> None:
    history = [Turn("user", "Kế hoạch 30 giao cơ quan nào chủ trì kiểm tra việc thực hiện?"),
               Turn("assistant", "Sở Nội vụ — Sở Nội vụ chủ trì kiểm tra; định kỳ hằng quý báo cáo UBND tỉnh. [1]")]
    assert standalone_question("Cơ quan đó báo cáo ai?", history) == "Sở Nội vụ báo cáo ai?"
    plain = [history[0], Turn("assistant", "Sở Nội vụ chủ trì kiểm tra. [1]")]  # no short answer to name it
    assert standalone_question("Cơ quan đó báo cáo ai?", plain).startswith("Cơ quan đó báo cáo ai?")
    # a body whose name goes on in lower case, first of two facts a part was answered with
    lead = "Trung tâm Giám sát điều hành đô thị thông minh"
    two = [history[0], Turn("assistant", f"- {lead}; Tháng 9/2026 — Nhiệm vụ: Kiểm tra; Cơ quan chủ trì: {lead} [1]")]
    assert standalone_question("Ai là giám đốc đơn vị đó?", two) == \
        "Ai là giám đốc Trung tâm Giám sát điều hành đô thị thông minh?"


def test_a_province_s_own_body_named_without_the_province_is_the_conversation_s() -> None:
    """"Bí thư Tỉnh ủy …", "UBND tỉnh …", "toàn tỉnh …" name no province yet speak of one: in a conversation, the one
    it is about; "tỉnh nào", "các tỉnh" and a named province speak of none."""
    from chat.memory import of_an_unnamed_province

    assert of_an_unnamed_province("Bí thư Tỉnh ủy nói gì về vai trò của doanh nghiệp?")
    assert of_an_unnamed_province("bi thu TU phat bieu gi ve doanh nghiep")
    assert of_an_unnamed_province("Toàn tỉnh có bao nhiêu trạm phát sóng?")
    assert not of_an_unnamed_province("Bí thư Tỉnh ủy Lào Cai nói gì về doanh nghiệp?")
    assert not of_an_unnamed_province("Những tỉnh nào đã họp Ban Chỉ đạo?")
    assert not of_an_unnamed_province("Tổng Bí thư nói gì về doanh nghiệp?")


def test_after_a_question_asking_only_fields_of_a_document_the_topic_is_that_document() -> None:
    """"ban hanh ngay nao, can cu vao dau" of "ctr 31" asked only about the programme (cited by a short reference):
    the next question carries "ctr 31", not "ban hanh ngay can cu", which would make it one about a document's
    date; nor does "ban hành" carried in a topic make a plan's deadline the plan's own date."""
    from chat.generators.base import Turn
    from chat.memory import standalone_question
    from retrieval.question import analyse_question

    history = [Turn("user", "ctr 31 cua TU Tay Ninh ban hanh ngay nao, can cu vao dau"),
               Turn("assistant", "Chương trình hành động 31-CTr/TU được ban hành ngày 10/06/2025. [1]")]
    question = "cac huyen uy phai xd KH thuc hien xong truoc khi nao"
    reading = standalone_question(question, history)
    assert reading.startswith(question) and "ban hanh" not in reading and "ctr 31" in reading, reading
    assert analyse_question(f"{question} (ban hanh ngay can cu ctr 31 ky)").document_field is None


def test_a_bare_other_body_asks_the_earlier_question_of_it() -> None:
    history = [Turn("user", "Theo Kế hoạch 30, Sở Y tế phải làm gì?"), Turn("assistant", "- Sở Y tế … [1]")]
    assert standalone_question("Còn Sở KHCN?", history) == "Theo Kế hoạch 30, Sở Khoa học và Công nghệ phải làm gì?"
    assert standalone_question("the con so noi vu thi sao", history) == "Theo Kế hoạch 30, Sở Nội vụ phải làm gì?"
    assert standalone_question("Còn trạm y tế xã?", history).startswith("Còn trạm y tế xã?")  # no listed body


def test_another_of_the_kind_the_earlier_question_named_asks_it_again_of_that_one() -> None:
    """"còn cấp xã thì sao?" after "… ở cấp tỉnh đạt bao nhiêu?" is the same question of the communes; a follow-up
    asking something the earlier question did not ask is not."""
    history = [Turn("user", "Tỷ lệ văn bản được ký số ở cấp tỉnh đạt bao nhiêu?"),
               Turn("assistant", "100% — … [1]")]
    assert standalone_question("còn cấp xã thì sao?", history) == "Tỷ lệ văn bản được ký số ở cấp xã đạt bao nhiêu?"
    assert standalone_question("Thế còn cấp huyện?", history) == "Tỷ lệ văn bản được ký số ở cấp huyện đạt bao nhiêu?"
    folded = standalone_question("còn cấp xã thì sao?", [Turn("user", "ty le van ban duoc ky so o cap tinh dat bao "
                                                              "nhieu?"), history[1]])
    assert folded.startswith("ty le van ban duoc ky so o cap xã dat"), folded  # typed without diacritics before
    assert standalone_question("còn cấp xã thì ai chủ trì?", history) != (
        "Tỷ lệ văn bản được ký số ở cấp xã đạt bao nhiêu?")  # asks something else: not the same question

def test_a_post_alone_names_nothing_the_conversation_did_not() -> None:
    """"Ai là phó trưởng ban thường trực?" after a question about one province's committee asks of that one."""
    history = [Turn("user", "Ban Chỉ đạo tỉnh Yên Bái họp phiên đầu tiên khi nào?"),
               Turn("assistant", "Sáng 12/5 — Sáng 12/5, Ban Chỉ đạo tỉnh họp phiên đầu tiên. [1]")]
    assert "yên bái" in standalone_question("Còn người làm phó trưởng ban thường trực là ai vậy?", history).lower()


def test_a_short_question_about_another_place_is_not_the_previous_question_swapped() -> None:
    """Only a bare place ("Còn tỉnh Lào Cai thì sao?") repeats the previous question about it."""
    history = [Turn("user", NAM_DINH_HEAD), Turn("assistant", "Đặng Khánh Toàn [1]")]
    assert "Điện Biên" in standalone_question(AND_DIEN_BIEN, history)
    assert "Trưởng" in standalone_question(AND_DIEN_BIEN, history)
    for question in ("Lào Cai có mấy trạm?", "lao cai co may tram?"):
        rewritten = standalone_question(question, history)
        assert rewritten.startswith(question) and "Nam Định" not in rewritten, rewritten


def test_a_short_new_question_is_answered_as_the_user_wrote_it(service) -> None:
    history = [Turn("user", NAM_DINH_HEAD), Turn("assistant", "Đồng chí Đặng Khánh Toàn [1]")]
    for question in ("Lào Cai có mấy trạm?", "so tram o lao cai la may?"):
        result = service.answer(question, history)
        assert not result.refused and "4.607" in result.answer, (question, result.answer[:300])
    follow_up = service.answer(AND_DIEN_BIEN, history)  # a real follow-up stays one
    assert not follow_up.refused and "Trần Quốc Cường" in follow_up.answer, follow_up.answer[:300]


def test_a_part_referring_back_by_a_title_asks_it_of_the_person_named_before() -> None:
    """"Bà Lò Thị Mai giữ chức vụ gì, và bà đã ký quyết định nào?": asked alone, "bà" names no one; a part with a
    name of its own keeps it."""
    from chat.memory import question_parts

    assert question_parts("Bà Lò Thị Mai giữ chức vụ gì trong Ban Chỉ đạo tỉnh Sơn La, và bà đã ký quyết định "
                          "nào?")[1].startswith("Bà Lò Thị Mai đã ký quyết định nào")
    assert question_parts("Bà Lò Thị Mai giữ chức vụ gì trong Ban Chỉ đạo tỉnh Sơn La, và bà Hà Thị Lan đã ký quyết "
                          "định nào?")[1].startswith("Bà Hà Thị Lan đã ký quyết định nào")


def test_a_compound_question_is_split_only_into_questions_that_stand_alone() -> None:
    from chat.memory import question_parts

    two = "Ai chủ trì phiên họp của tỉnh Nam Định và ai chủ trì phiên họp của tỉnh Điện Biên?"
    assert question_parts(two) == ["Ai chủ trì phiên họp của tỉnh Nam Định?",
                                   "Ai chủ trì phiên họp của tỉnh Điện Biên?"]
    assert question_parts("sơn la có mấy trạm phát sóng và ai chủ trì phiên họp của điện biên") == [
        "sơn la có mấy trạm phát sóng?", "ai chủ trì phiên họp của điện biên?"]  # lower case kept
    assert question_parts("Hội nghị toàn quốc diễn ra ngày nào, còn hội nghị đôn đốc của Lào Cai diễn ra hôm "
                          "nào?") == ["Hội nghị toàn quốc diễn ra ngày nào?",
                                      "Hội nghị đôn đốc của Lào Cai diễn ra hôm nào?"]
    assert question_parts("Kế hoạch đặt mục tiêu hỗ trợ bao nhiêu hợp tác xã chuyển đổi số, trong khi báo cáo cho "
                          "biết mới có bao nhiêu hợp tác xã dùng phần mềm kế toán?") == [
        "Kế hoạch đặt mục tiêu hỗ trợ bao nhiêu hợp tác xã chuyển đổi số?",
        "Báo cáo cho biết mới có bao nhiêu hợp tác xã dùng phần mềm kế toán?"]  # "trong khi" joins two too
    assert question_parts("son la co may tram phat song va ai chu tri phien hop cua dien bien") == [
        "son la co may tram phat song?", "ai chu tri phien hop cua dien bien?"]  # typed without diacritics
    for one in ("so khoa hoc va cong nghe duoc giao nhiem vu gi",  # "va" inside a name, without diacritics
                "truong ban cua nam dinh va dien bien la ai",
                "ban chi dao co bo may va nhan su ra sao"):  # "may" of "bộ máy" asks nothing
        assert question_parts(one) == [one], one
    for one in ("Sở Khoa học và Công nghệ được giao nhiệm vụ gì?",  # "và" inside a name
                "Trưởng ban của Nam Định và Điện Biên là ai?",  # two subjects of one question
                "Tỉnh muốn ứng dụng công nghệ số vào đâu và nhằm mục đích gì?",  # a part without its own topic
                # another field of the document the first part cites: one question about one document
                "Kế hoạch 45/KH-UBND ban hành ngày nào và do cơ quan nào ban hành?"):
        assert question_parts(one) == [one], one
    # a second part with a topic of its own stands alone, though it asks "ngày nào"
    assert len(question_parts("Kế hoạch 45/KH-UBND ban hành ngày nào và lễ ra quân của huyện diễn ra ngày nào?")) == 2


def test_a_heading_before_a_colon_is_what_both_parts_ask_about() -> None:
    """"X: A bao nhiêu, còn B bao nhiêu?" asks X of both; a heading the second part already says is not carried,
    and one setting places beside each other ("Cả A và B đều nói về X: …") heads each part with X alone, each part
    asking of its own place."""
    from chat.memory import question_parts

    assert question_parts("So sánh số xã có cáp quang: huyện Mai Sơn đạt bao nhiêu, còn huyện Sông Mã mới có "
                          "bao nhiêu?") == ["So sánh số xã có cáp quang: huyện Mai Sơn đạt bao nhiêu?",
                                            "Số xã có cáp quang: huyện Sông Mã mới có bao nhiêu?"]
    assert question_parts("KH 31: số trạm BTS mới lắp dc bn? kế hoạch Q3/2027 là bn?") == [
        "KH 31: số trạm BTS mới lắp dc bn?", "KH 31: kế hoạch Q3/2027 là bn?"]  # shorthand asks too
    assert question_parts("Về cổng dịch vụ công: Sơn La có mấy cổng, do ai vận hành; còn Yên Bái hẹn nâng cấp "
                          "cổng dịch vụ công khi nào?")[1] == "Yên Bái hẹn nâng cấp cổng dịch vụ công khi nào?"
    assert question_parts("Cả Sơn La và Yên Bái đều thiếu kỹ sư: Sơn La đánh giá ra sao, còn Yên Bái cần "
                          "thêm bao nhiêu kỹ sư?") == ["Về thiếu kỹ sư: Sơn La đánh giá ra sao?",
                                                       "Về thiếu kỹ sư: Yên Bái cần thêm bao nhiêu kỹ sư?"]
    assert question_parts("Cả Sơn La và Yên Bái đều nhắc tới trung tâm điều hành thông minh: Sơn La kiến nghị gì, còn "
                          "Yên Bái giao sở nào xây dựng?") == [
        "Về trung tâm điều hành thông minh: Sơn La kiến nghị gì?",
        "Về trung tâm điều hành thông minh: Yên Bái giao sở nào xây dựng?"]
    # a heading's place no part asks of says what the question asks: kept whole, as typed
    assert question_parts("Cả Sơn La và Yên Bái đều thiếu kỹ sư: Sơn La đánh giá ra sao, còn Lai Châu cần "
                          "thêm bao nhiêu kỹ sư?")[0] == "Cả Sơn La và Yên Bái đều thiếu kỹ sư: Sơn La đánh giá ra sao?"


def test_of_several_joints_the_one_after_a_comma_splits() -> None:
    from chat.memory import question_parts

    assert question_parts("Vốn cho giáo dục và đào tạo của Sơn La chiếm bao nhiêu phần trăm, và theo Kế hoạch 31 "
                          "thì vốn cho y tế và dân số của Yên Bái là bao nhiêu?") == [
        "Vốn cho giáo dục và đào tạo của Sơn La chiếm bao nhiêu phần trăm?",
        "Theo Kế hoạch 31 thì vốn cho y tế và dân số của Yên Bái là bao nhiêu phần trăm?"]  # the unit carried


def test_provinces_side_by_side_make_one_question_each_unless_related() -> None:
    from chat.memory import place_parts

    assert place_parts("So sánh người đứng đầu Ban Chỉ đạo của Lào Cai và Nam Định.") == [
        ("Lào Cai", "Người đứng đầu Ban Chỉ đạo của Lào Cai."),
        ("Nam Định", "Người đứng đầu Ban Chỉ đạo của Nam Định.")]
    assert place_parts("Phó Trưởng ban của tỉnh Nam Định và tỉnh Điện Biên là những ai?") == [
        ("Nam Định", "Phó Trưởng ban của tỉnh Nam Định là những ai?"),
        ("Điện Biên", "Phó Trưởng ban của tỉnh Điện Biên là những ai?")]
    assert place_parts("Trưởng ban của tỉnh Nam Định và của tỉnh Điện Biên lần lượt là ai?") == [
        ("Nam Định", "Trưởng ban của tỉnh Nam Định là ai?"), ("Điện Biên", "Trưởng ban của tỉnh Điện Biên là ai?")]
    assert place_parts("lao cai va tinh nam dinh co bao nhieu tram") == [
        ("Lào Cai", "lao cai co bao nhieu tram"), ("Nam Định", "nam dinh co bao nhieu tram")]
    for one in ("Hợp tác giữa Lào Cai và Hà Giang thế nào?",  # a relation between the two
                "Lào Cai học tập kinh nghiệm của Nam Định ra sao?",  # not side by side
                "Hội nghị của Nam Định có bao nhiêu đại biểu?"):
        assert place_parts(one) == [], one


def test_one_question_asked_of_two_sources_is_asked_of_each() -> None:
    """"X theo A và theo B là bao nhiêu?" (the preposition repeated before each source) is two questions, each
    retrieved and answered from its own document; "lần lượt" (respectively) goes."""
    from chat.memory import question_parts

    assert question_parts("Kinh phí cho chuyển đổi số theo Kế hoạch 99 và theo Nghị quyết 12 lần lượt là bao "
                          "nhiêu?") == ["Kinh phí cho chuyển đổi số theo Kế hoạch 99 là bao nhiêu?",
                                        "Kinh phí cho chuyển đổi số theo Nghị quyết 12 là bao nhiêu?"]
    assert question_parts("Giám đốc Sở Tài chính phát biểu tại hội nghị và Giám đốc Sở Nội vụ báo cáo tại phiên họp "
                          "lần lượt là ai?") == ["Giám đốc Sở Tài chính phát biểu tại hội nghị là ai?",
                                                 "Giám đốc Sở Nội vụ báo cáo tại phiên họp là ai?"]
    assert question_parts("Sở Y tế được giao việc gì trong Kế hoạch 31 và trong Thông báo 9, thời hạn lần lượt là "
                          "khi nào?") == ["Sở Y tế được giao việc gì trong Kế hoạch 31, thời hạn là khi nào?",
                                          "Sở Y tế được giao việc gì trong Thông báo 9, thời hạn là khi nào?"]
    for one in ("Tỉnh có bao nhiêu xã trong vùng lõm sóng?", "Trưởng ban ở Nam Định và ở Điện Biên?",
                "Trưởng ban của Nam Định và Điện Biên lần lượt là ai?"):
        assert question_parts(one) == [one]  # one source, or no question after the second one


def test_a_second_part_asking_how_many_of_nothing_counts_what_the_first_counts() -> None:
    from chat.memory import question_parts

    assert question_parts("Nghị quyết đặt mục tiêu bao nhiêu doanh nghiệp công nghệ số vào năm 2030, còn kế hoạch "
                          "năm 2026 hỗ trợ thành lập mới bao nhiêu?") == [
        "Nghị quyết đặt mục tiêu bao nhiêu doanh nghiệp công nghệ số vào năm 2030?",
        "Kế hoạch năm 2026 hỗ trợ thành lập mới bao nhiêu doanh nghiệp công nghệ số?"]
    assert question_parts("Điện Biên có bao nhiêu trường học vùng cao, còn Bắc Kạn có bao nhiêu bệnh viện?") == [
        "Điện Biên có bao nhiêu trường học vùng cao?", "Bắc Kạn có bao nhiêu bệnh viện?"]  # its own noun kept
    restated = question_parts("Tỷ lệ số hóa hồ sơ đất đai của Sơn La năm 2025 là bao nhiêu, còn việc số hóa sổ đất "
                              "đai cấp xã của Yên Bái mới được bao nhiêu?")  # what it measures, in its own words
    assert restated[1] == "Việc số hóa sổ đất đai cấp xã của Yên Bái mới được bao nhiêu?", restated


def test_a_follow_up_asking_its_own_question_carries_only_where_the_earlier_one_is_set() -> None:
    """"Còn ai phát biểu kết luận?" after "Ở Bắc Kạn, ai trình bày dự thảo …?" asks its own question in the same
    place: the earlier predicate ("trình bày dự thảo") would bring the earlier answer back. "… thì sao?" asks
    the earlier question again, and a follow-up with no words of its own carries the whole topic."""
    history = [Turn("user", "Tại Sơn La, ai báo cáo dự thảo chương trình thực hiện Nghị quyết 57?"),
               Turn("assistant", "Đồng chí Lò Văn Mạnh [1]")]
    own = standalone_question("Còn ai chủ trì buổi làm việc?", history)
    assert "Sơn La" in own and "Nghị quyết 57" in own and "dự thảo" not in own, own
    again = standalone_question("Còn hạ tầng số của tỉnh thì sao?", history)
    assert "dự thảo" in again and "sơn la" in again.lower(), again
    named = standalone_question("Buổi làm việc đó được tổ chức vào hôm nào?", history)  # what it asked about
    assert "dự thảo" in named, named


def test_a_follow_up_keeps_the_earlier_document_number_whole() -> None:
    """The document registry and the lexical index read "25-CTr/TU" whole; a word of the follow-up drops only
    the same word of the earlier question ("bản" of "văn bản đó" is not the "ban" of "ban hành"); "văn bản này"
    asking a field of the document is the document named."""
    history = [Turn("user", "Kế hoạch số 31/KH-UBND của tỉnh Sơn La ban hành ngày nào?"),
               Turn("assistant", "Ngày 02/03/2025. [1]")]
    assert standalone_question("Người ký văn bản này giữ chức gì?", history) == \
        "Người ký Kế hoạch số 31/KH-UBND giữ chức gì?"
    rewritten = standalone_question("Văn bản này giao Sở nào chủ trì?", history)
    assert "31/KH-UBND" in rewritten and "ban hành" in rewritten and "sơn la" in rewritten.lower(), rewritten


def test_a_subject_that_only_modifies_shares_the_first_one_s_head() -> None:
    """"Chương trình … của Tỉnh ủy A và của Tỉnh ủy B lần lượt là số mấy?" asks the same of each province."""
    from chat.memory import question_parts

    assert question_parts("Kế hoạch chuyển đổi số của UBND tỉnh Sơn La và của UBND tỉnh Lai Châu lần lượt là số "
                          "mấy?") == ["Kế hoạch chuyển đổi số của UBND tỉnh Sơn La là số mấy?",
                                      "Kế hoạch chuyển đổi số của UBND tỉnh Lai Châu là số mấy?"]


def test_an_elliptic_second_part_asks_what_the_first_says_of_what_it_counts() -> None:
    from chat.memory import question_parts

    assert question_parts("Năm 2023 tỉnh còn bao nhiêu xã, bản chưa có điện lưới quốc gia, và đến kỳ họp cuối năm "
                          "2025 của Hội đồng thì còn bao nhiêu?")[1] == \
        "Đến kỳ họp cuối năm 2025 của Hội đồng thì còn bao nhiêu xã, bản chưa có điện lưới quốc gia?"


def test_a_question_naming_nothing_of_its_own_is_about_the_conversation() -> None:
    """"Ai làm trưởng đoàn?" or "Đơn vị nào theo dõi? Báo cáo khi nào?" names no place, body, document or
    number: it asks about what was discussed; a follow-up of a follow-up leans on the first question, and
    "nhiệm vụ đó" refers back like "văn bản đó"."""
    from chat.memory import names_nothing

    assert names_nothing("Ai làm trưởng đoàn?") and names_nothing("Đơn vị nào theo dõi? Báo cáo khi nào?")
    assert not names_nothing("Sơn La có mấy trạm?") and not names_nothing("BCĐ họp mấy lần?")
    # a year is no name: the target of the document being discussed; a number of a document or a day is one
    assert names_nothing("Mục tiêu đến năm 2030 về số trạm là bao nhiêu?")
    assert not names_nothing("Kế hoạch 88 có mấy nhiệm vụ?") and not names_nothing("Phiên họp ngày 12/3 bàn gì?")
    history = [Turn("user", "Theo kế hoạch của tỉnh Sơn La, sở nào chủ trì số hóa hồ sơ đất đai?"),
               Turn("assistant", "Sở Nông nghiệp [1]"), Turn("user", "Hạn khi nào?"), Turn("assistant", "Quý II [1]")]
    again = standalone_question("Đơn vị nào theo dõi việc này?", history)
    assert "đất đai" in again and "sơn la" in again.lower(), again
    assert "đất đai" in standalone_question("Nhiệm vụ đó do ai theo dõi?", history)


def test_a_question_asked_before_two_places_is_asked_of_each() -> None:
    """"Ai chủ trì … tại A và tại B?" asks its question before the places: one question each; with nothing asked
    ("Trưởng ban ở A và ở B?") the places are for place_parts."""
    from chat.memory import question_parts

    assert question_parts("Ai chủ trì buổi làm việc tại Sở Tài chính và tại Sở Y tế?") == [
        "Ai chủ trì buổi làm việc tại Sở Tài chính?", "Ai chủ trì buổi làm việc tại Sở Y tế?"]
    assert question_parts("ai chu tri buoi lam viec tai so tai chinh va tai so y te?") == [
        "ai chu tri buoi lam viec tai so tai chinh?", "ai chu tri buoi lam viec tai so y te?"]  # typed folded
    assert question_parts("truong ban o nam dinh va o dien bien?") == ["truong ban o nam dinh va o dien bien?"]


def test_a_part_after_a_semicolon_drops_the_conjunction_that_opens_it() -> None:
    """"…; còn Sơn La …?": "còn" (and as for) joins the parts; left in, "Còn Sơn La" read as one name."""
    from chat.memory import question_parts

    assert question_parts("Lai Châu hiện có mấy trạm phát sóng 5G, do ai quản lý; còn Sơn La hẹn phủ sóng 5G toàn "
                          "tỉnh khi nào?")[1] == "Sơn La hẹn phủ sóng 5G toàn tỉnh khi nào?"


def test_a_second_part_naming_no_province_asks_of_the_one_the_first_names() -> None:
    """"Lúc ban hành Nghị quyết 12 thì Sơn La còn bao nhiêu bản chưa có điện, và đến kỳ họp cuối năm thì còn bao
    nhiêu?" asks the second of Sơn La too; a part naming its own province keeps it, and a part measuring its
    own rate is not given the first one's."""
    from chat.memory import question_parts

    second = question_parts("Lúc ban hành Nghị quyết 12 thì Sơn La còn bao nhiêu bản chưa có điện lưới, và đến kỳ "
                            "họp cuối năm 2025 của Hội đồng nhân dân thì còn bao nhiêu?")[1]
    assert second.endswith("ở Sơn La?") and "bản chưa có điện lưới" in second, second
    assert question_parts("Sơn La hiện có mấy trung tâm dữ liệu, do ai quản lý; còn Lai Châu hẹn hoàn thành trung "
                          "tâm dữ liệu khi nào?")[1] == "Lai Châu hẹn hoàn thành trung tâm dữ liệu khi nào?"
    rate = question_parts("Tỷ lệ hồ sơ trực tuyến của Sơn La năm 2024 là bao nhiêu, còn tỷ lệ thanh toán trực tuyến "
                          "nêu trong báo cáo quý III là bao nhiêu?")[1]
    assert rate == "Tỷ lệ thanh toán trực tuyến nêu trong báo cáo quý III là bao nhiêu ở Sơn La?", rate


def test_a_part_typed_without_diacritics_stays_so_when_it_is_given_the_province() -> None:
    """The province carried to a second part typed without diacritics is written the same way, so that the
    part is still read as typed without them (its diacritics restored, "dang vien" as "đảng viên"); "dang"
    there counts as a word, so the part stands alone."""
    from chat.memory import question_parts
    from bcd import vietnamese as vn

    parts = question_parts("tinh son la co bao nhieu xa tham gia va bao nhieu dang vien duoc tap huan")
    assert len(parts) == 2 and parts[1].endswith(" o son la?"), parts
    assert not vn.has_diacritics(parts[1])


def test_a_change_from_one_point_to_another_asks_of_each() -> None:
    """"X thay đổi thế nào từ A đến B?" is "giữa A và B" in order: X at A, X at B; a figure "so với" another
    period named with a word before it ("so với kết quả 9 tháng năm 2025") is asked of each period."""
    from chat.memory import question_parts

    assert question_parts("Số bản chưa có điện lưới ở Sơn La thay đổi thế nào từ Kế hoạch 31/KH-UBND đến Báo cáo "
                          "120/BC-UBND?") == [
        "Số bản chưa có điện lưới ở Sơn La Kế hoạch 31/KH-UBND là bao nhiêu?",
        "Số bản chưa có điện lưới ở Sơn La Báo cáo 120/BC-UBND là bao nhiêu?"]
    assert question_parts("Tỷ lệ hồ sơ trực tuyến của huyện giai đoạn 2021-2024 so với kết quả 9 tháng năm 2025?") == [
        "Tỷ lệ hồ sơ trực tuyến của huyện giai đoạn 2021-2024?", "Tỷ lệ hồ sơ trực tuyến của huyện 9 tháng năm 2025?"]
    one = "Huyện đã làm gì từ đầu năm đến nay?"  # no change asked: one question
    assert question_parts(one) == [one]


def test_two_things_each_of_its_own_document_asked_one_predicate_are_asked_each() -> None:
    """"Về X, chỉ tiêu đặt ra trong A và kết quả nêu trong B là gì?": each side names a thing of a document of its
    own, answered from it, the topic said once before the comma carried to both; "X trong A và trong B" is one
    subject of two sources, split as such."""
    from chat.memory import question_parts

    assert question_parts("Về ký số văn bản ở Sơn La, chỉ tiêu đặt ra trong Kế hoạch 31/KH-UBND và kết quả nêu trong "
                          "Báo cáo 120/BC-UBND là gì?") == [
        "Về ký số văn bản ở Sơn La, chỉ tiêu đặt ra trong Kế hoạch 31/KH-UBND là gì?",
        "Về ký số văn bản ở Sơn La, kết quả nêu trong Báo cáo 120/BC-UBND là gì?"]
    assert question_parts("Số bản, xóm chưa có điện nêu trong Kế hoạch 31/KH-UBND và trong Báo cáo 120/BC-UBND là bao "
                          "nhiêu?") == ["Số bản, xóm chưa có điện nêu trong Kế hoạch 31/KH-UBND là bao nhiêu?",
                                        "Số bản, xóm chưa có điện nêu trong Báo cáo 120/BC-UBND là bao nhiêu?"]
    one = "Kế hoạch 31/KH-UBND và Báo cáo 120/BC-UBND là gì?"  # two documents, nothing of them named
    assert question_parts(one) == [one]


def test_a_change_between_two_points_asks_of_each() -> None:
    """"X thay đổi thế nào giữa lúc A và lúc B?" is answered by X at A and X at B, each from its own document;
    "giữa" that joins no two points of a change stays one question."""
    from chat.memory import question_parts

    assert question_parts("Số bản chưa có điện lưới ở Sơn La thay đổi thế nào giữa lúc ra Kế hoạch 31/KH-UBND và "
                          "lúc có Báo cáo 120/BC-UBND?") == [
        "Số bản chưa có điện lưới ở Sơn La lúc ra Kế hoạch 31/KH-UBND là bao nhiêu?",
        "Số bản chưa có điện lưới ở Sơn La lúc có Báo cáo 120/BC-UBND là bao nhiêu?"]
    assert question_parts("Cách làm việc của tổ công tác khác nhau thế nào giữa năm 2024 và năm 2025?")[0] == \
        "Cách làm việc của tổ công tác năm 2024 như thế nào?"
    assert question_parts("so ban chua co dien thay doi the nao giua luc ra ke hoach 31 va luc co bao cao 120?") == [
        "so ban chua co dien luc ra ke hoach 31 la bao nhieu?", "so ban chua co dien luc co bao cao 120 la bao nhieu?"]
    one = "Sở Nội vụ phối hợp thế nào để việc không bị trùng lặp giữa các sở và các huyện?"
    assert question_parts(one) == [one]


def test_the_same_body_of_two_provinces_makes_one_question_each() -> None:
    """"UBND tỉnh Sơn La và UBND tỉnh Lai Châu ra kế hoạch số mấy?" repeats the body before each province; two
    different bodies are no such pair."""
    from chat.memory import place_parts

    assert [p for _, p in place_parts("UBND tỉnh Sơn La và UBND tỉnh Lai Châu ra kế hoạch số mấy?")] == [
        "UBND tỉnh Sơn La ra kế hoạch số mấy?", "UBND tỉnh Lai Châu ra kế hoạch số mấy?"]
    # two different bodies: each asked of its own province, named as the question names it
    assert [p for _, p in place_parts("Sở Y tế Sơn La và Sở Tài chính Lai Châu được giao việc gì?")] == [
        "Sở Y tế Sơn La được giao việc gì?", "Sở Tài chính Lai Châu được giao việc gì?"]


def test_one_more_thing_of_another_province_after_a_run_of_places_is_a_part_too() -> None:
    """"… ở Sơn La, Lai Châu và hội nghị sơ kết của Ban Chỉ đạo Yên Bái diễn ra ngày nào?": after the run of places
    a third thing is asked the same of another province, named its own way; one named with a setting ("trong Kế
    hoạch 7 của Yên Bái") keeps what was asked before the places."""
    from chat.memory import place_parts

    assert place_parts("Các phiên họp ở Sơn La, Lai Châu và hội nghị sơ kết của Ban Chỉ đạo Yên Bái diễn ra "
                       "ngày nào?") == [
        ("Sơn La", "Các phiên họp ở Sơn La diễn ra ngày nào?"),
        ("Lai Châu", "Các phiên họp ở Lai Châu diễn ra ngày nào?"),
        ("Yên Bái", "Hội nghị sơ kết của Ban Chỉ đạo Yên Bái diễn ra ngày nào?")]
    assert place_parts("Sở Tư pháp có nhiệm vụ gì ở Sơn La và trong Kế hoạch 7 của Yên Bái?") == [
        ("Sơn La", "Sở Tư pháp có nhiệm vụ gì ở Sơn La?"),
        ("Yên Bái", "Sở Tư pháp có nhiệm vụ gì trong Kế hoạch 7 của Yên Bái?")]
    # a clause with its own joints is no such thing
    assert place_parts("Sơn La tổ chức hội nghị và mời đại biểu, cán bộ của Yên Bái tham dự?") == []


def test_a_pronoun_after_a_question_about_a_role_is_the_one_in_that_role() -> None:
    """"ông ấy tên gì?" after "… Phó Chủ tịch Thường trực UBND tỉnh góp ý về chuyện gì?" is the one in that role: a
    name the answer gives someone else is not his; one it gives the role (after its opening fact too) is."""
    asked = "Ở hội nghị của Sơn La, Phó Chủ tịch Thường trực UBND tỉnh góp ý về chuyện gì?"
    other = [Turn("user", asked), Turn("assistant", "Đó là chỉ đạo của đồng chí Lò Văn Ánh - Bí thư Tỉnh ủy. [1]")]
    standalone = standalone_question("ông ấy tên gì?", other)
    assert "Lò Văn Ánh" not in standalone and "phó chủ tịch thường trực" in standalone.lower(), standalone
    holder = [Turn("user", asked), Turn("assistant", "Lò Văn Bình — Đồng chí Lò Văn Bình, Phó Chủ tịch Thường trực "
                                                     "UBND tỉnh góp ý về đất đai. [1]")]
    assert standalone_question("ông ấy tên gì?", holder).startswith("Lò Văn Bình")


def test_a_carried_setting_keeps_its_province_apart_from_the_names_after_it() -> None:
    """"Ở Sơn La, ai là Trưởng Ban Chỉ đạo …?" then "Còn Phó Trưởng ban thường trực là ai?": the setting carried
    names Sơn La apart ("Sơn La Trưởng Ban" would read as one long name, hiding the province)."""
    from retrieval.question import analyse_question

    history = [Turn("user", "Ở Sơn La, ai là Trưởng Ban Chỉ đạo chuyển đổi số tỉnh?"), Turn("assistant", "Ông A [1]")]
    own = standalone_question("Thế Phó Trưởng ban thường trực của ban ấy là ai, giữ chức gì?", history)
    assert [p.name for p in analyse_question(own).places] == ["Sơn La"], own


def test_what_about_another_subject_asking_its_own_question_carries_only_the_setting() -> None:
    """"Thế còn việc X: ai chủ trì, hạn bao giờ?" asks its own question of a new subject: the earlier plan and
    province carry over, the earlier task does not (it would bring the earlier row back); "Thế còn Lai Châu?"
    asks nothing of its own and is the earlier question again."""
    history = [Turn("user", "Trong Kế hoạch 31/KH-UBND của tỉnh Sơn La, nhiệm vụ số hóa hồ sơ do cơ quan nào chủ trì?"),
               Turn("assistant", "Sở Nội vụ [1]")]
    own = standalone_question("Thế còn việc xây dựng trung tâm điều hành thông minh: ai chủ trì, hạn bao giờ?", history)
    assert "31/KH-UBND" in own and "sơn la" in own.lower() and "hồ sơ" not in own, own
    again = standalone_question("Thế còn Lai Châu?", history)
    assert "số hóa hồ sơ" in again and "Lai Châu" in again, again


def test_two_questions_typed_one_after_the_other_are_asked_each_unless_the_second_refers_back() -> None:
    """"Sơn La có mấy trạm 5G và do ai quản lý? Còn Lai Châu hẹn phủ sóng 5G khi nào?" is two questions (the
    capitalised "Còn" opening the second no longer hides Lai Châu); "…? Ông ấy còn giữ chức vụ gì?" leans on the
    first and stays whole."""
    from chat.memory import question_parts

    assert question_parts("Sơn La hiện có mấy trạm phát sóng 5G và do ai quản lý? Còn Lai Châu hẹn phủ sóng 5G toàn "
                          "tỉnh khi nào?") == ["Sơn La hiện có mấy trạm phát sóng 5G và do ai quản lý?",
                                               "Lai Châu hẹn phủ sóng 5G toàn tỉnh khi nào?"]
    whole = "Ai là Trưởng ban Chỉ đạo tỉnh Sơn La? Ông ấy còn giữ chức vụ gì khác?"
    assert question_parts(whole) == [whole]


def test_a_thing_referred_back_to_is_named_as_the_earlier_question_named_it() -> None:
    """"Cũng tại hội nghị đó, ai …?": the meeting the earlier question named, by its name there (up to what that
    question asked of it), not that question's whole topic, whose other words draw other sentences; the capital
    it had for opening that question is not kept (it would read as a name)."""
    earlier = "Hội nghị sơ kết chuyển đổi số năm 2025 của tỉnh Sơn La có công bố quyết định khen thưởng không?"
    history = [Turn("user", earlier), Turn("assistant", "Hội nghị công bố quyết định khen thưởng 12 tập thể. [1]")]
    assert standalone_question("Cũng tại hội nghị đó, ai phát biểu khai mạc?", history) == \
        "Cũng tại hội nghị sơ kết chuyển đổi số năm 2025 của tỉnh Sơn La, ai phát biểu khai mạc?"
    # named by no more than the two words ("diễn ra" opens what was asked), nothing is put in their place
    bare = [Turn("user", "Hội nghị diễn ra ở đâu?"), Turn("assistant", "Tại Hội trường tỉnh. [1]")]
    assert standalone_question("Người chủ trì hội nghị đó tên là gì?", bare) == "Người chủ trì hội nghị đó tên là gì?"


def test_two_documents_figures_set_side_by_side_are_asked_of_each() -> None:
    from chat.memory import labelled_parts, question_parts

    parts = question_parts("Số trường học có mạng cáp quang trong Kế hoạch 45/KH-UBND và số trường được hỗ trợ máy "
                           "tính trong Nghị quyết 08-NQ/TU có khớp nhau không, cụ thể ra sao?")
    assert parts == ["Số trường học có mạng cáp quang trong Kế hoạch 45/KH-UBND là bao nhiêu?",
                     "Số trường được hỗ trợ máy tính trong Nghị quyết 08-NQ/TU là bao nhiêu?"]
    assert [label for label, _ in labelled_parts(parts)] == ["45/KH-UBND", "08-NQ/TU"]
    # one document on both sides is one question
    one = "Số xã có cáp quang và số xã có sóng 4G trong Kế hoạch 45/KH-UBND có giống nhau không?"
    assert question_parts(one) == [one]


def test_another_province_asked_after_a_turn_that_named_none_asks_the_last_question_that_named_one() -> None:
    history = [Turn("user", "Ai là Giám đốc Sở Nội vụ tỉnh Sơn La?"), Turn("assistant", "Lò Văn Pha — … [1]"),
               Turn("user", "Ông ấy hiện phụ trách thêm lĩnh vực nào?"), Turn("assistant", "Lĩnh vực tổ chức. [1]")]
    assert standalone_question("Còn tỉnh Lai Châu thì sao?", history) == "Ai là Giám đốc Sở Nội vụ tỉnh Lai Châu?"


def test_one_figure_asked_of_two_periods_is_asked_of_each() -> None:
    from chat.memory import question_parts

    assert question_parts("Số xã có cáp quang của huyện giai đoạn 2021-2024 và năm 2025 là bao nhiêu?") == [
        "Số xã có cáp quang của huyện giai đoạn 2021-2024 là bao nhiêu?",
        "Số xã có cáp quang của huyện năm 2025 là bao nhiêu?"]
    assert question_parts("so xa co cap quang nam 2024 va nam 2025") == [
        "so xa co cap quang nam 2024?", "so xa co cap quang nam 2025?"]
    # a change between a period and some months of a year: what each stood at
    assert question_parts("Tỷ lệ hồ sơ trực tuyến của huyện giai đoạn 2021-2024 so với 9 tháng năm 2025 thay đổi "
                          "thế nào?") == ["Tỷ lệ hồ sơ trực tuyến của huyện giai đoạn 2021-2024 là bao nhiêu?",
                                          "Tỷ lệ hồ sơ trực tuyến của huyện 9 tháng năm 2025 là bao nhiêu?"]
    one = "Đến năm 2025 và đến năm 2030 huyện đạt bao nhiêu?"  # nothing asked before the periods
    assert question_parts(one) == [one]


def test_another_year_alone_asks_the_same_question_of_it() -> None:
    """"Còn đến 2035 thì sao?" after a question about 2028's targets is that question about 2035; a follow-up that
    asks more than the year keeps its own words."""
    history = [Turn("user", "Kế hoạch chuyển đổi số của huyện đặt chỉ tiêu gì đến năm 2028?"),
               Turn("assistant", "Đến năm 2028: 90% hồ sơ trực tuyến. [1]")]
    assert standalone_question("Còn đến 2035 thì sao?", history) == \
        "Kế hoạch chuyển đổi số của huyện đặt chỉ tiêu gì đến năm 2035?"
    assert "2028" not in standalone_question("con nam 2035 thi sao", history)
    named = [Turn("user", "Tỷ lệ hộ dùng cáp quang của huyện phải đạt bao nhiêu phần trăm vào năm 2028?"),
             Turn("assistant", "90% [1]")]  # what a year's figure is called ("chỉ tiêu", "mục tiêu") is no subject
    assert standalone_question("Thế mục tiêu năm 2035?", named) == \
        "Tỷ lệ hộ dùng cáp quang của huyện phải đạt bao nhiêu phần trăm vào năm 2035?"
    own = standalone_question("Năm 2035 huyện có bao nhiêu doanh nghiệp số?", history)
    assert own.startswith("Năm 2035 huyện có bao nhiêu doanh nghiệp số?")


def test_two_questions_joined_by_one_of_several_and_are_split_there() -> None:
    """"và" also joins words inside a name ("khoa học và công nghệ"); two questions are split at the "và" where one
    ends on its question word or the next opens with one, and a name full of "và" asked once stays whole."""
    from chat.memory import question_parts

    assert question_parts("Ai đứng đầu Hội đồng về khoa học và công nghệ của huyện, và ai là Giám đốc Sở Y tế "
                          "tỉnh Sơn La?") == ["Ai đứng đầu Hội đồng về khoa học và công nghệ của huyện?",
                                              "Ai là Giám đốc Sở Y tế tỉnh Sơn La?"]
    assert question_parts("Đề án về nông nghiệp và nông thôn ban hành ngày nào và hội thảo về đất đai và tài "
                          "nguyên diễn ra ngày nào?") == ["Đề án về nông nghiệp và nông thôn ban hành ngày nào?",
                                                          "Hội thảo về đất đai và tài nguyên diễn ra ngày nào?"]
    whole = "Hội đồng về khoa học và công nghệ và đổi mới do ai làm chủ tịch?"
    assert question_parts(whole) == [whole]


def test_a_bare_field_asked_after_a_document_number_is_asked_of_that_document() -> None:
    """"ngày nào?" after an answer that opened with "12-KH/HU — …" asks that plan's date; after an answer opening
    with no document number, or a question naming something of its own, it does not."""
    history = [Turn("user", "Huyện ủy ban hành kế hoạch số mấy về chuyển đổi số?"),
               Turn("assistant", "12-KH/HU — Huyện ủy đã ban hành Kế hoạch số 12-KH/HU về chuyển đổi số. [1]")]
    assert standalone_question("ngày nào?", history) == "Văn bản số 12-KH/HU ngày nào?"
    assert standalone_question("Ai ký?", history) == "Văn bản số 12-KH/HU ai ký?"
    other = [history[0], Turn("assistant", "Huyện ủy đã ban hành một kế hoạch về chuyển đổi số. [1]")]
    assert not standalone_question("ngày nào?", other).startswith("Văn bản số")


def test_what_an_earlier_question_asked_of_a_document_is_not_carried_as_its_topic() -> None:
    """After "Ký ngày nào?" about a decision, "Đơn vị thường trực của ban đó là đơn vị nào?" is about the decision,
    not about its signing ("ký" would make it ask who issued the decision)."""
    history = [Turn("user", "QĐ 45/QĐ-UBND do ai ký?"),
               Turn("assistant", "Quyết định 45/QĐ-UBND do Lò Văn Pha ký. [1]"),
               Turn("user", "Ký ngày nào?"),
               Turn("assistant", "Quyết định 45/QĐ-UBND được ban hành ngày 02/03/2026. [1]")]
    asked = standalone_question("Đơn vị thường trực của ban đó là đơn vị nào?", history)
    assert "45/QĐ-UBND" in asked and "ký" not in asked.lower().split()


def test_two_documents_after_one_preposition_are_asked_of_each() -> None:
    """"… trong Kế hoạch 12/KH-UBND và Quyết định 45/QĐ-UBND là …": two documents cited by number, each asked; two
    places after one preposition are for place_parts, not this."""
    from chat.memory import question_parts

    assert question_parts("Cơ quan thường trực trong Kế hoạch 12/KH-UBND và Quyết định 45/QĐ-UBND là cơ quan nào?") == [
        "Cơ quan thường trực trong Kế hoạch 12/KH-UBND là cơ quan nào?",
        "Cơ quan thường trực trong Quyết định 45/QĐ-UBND là cơ quan nào?"]
    whole = "Cơ quan thường trực trong huyện Mộc Châu và Yên Châu là cơ quan nào?"
    assert question_parts(whole) == [whole]


def test_two_documents_a_question_cites_side_by_side_are_asked_of_one_by_one() -> None:
    """"Quyết định 12/QĐ-UBND và Kế hoạch 30/KH-UBND do ai ký?" asks each document's signer; "So sánh X trong A và
    B" requests X of each document, the request's verb dropped."""
    from chat.memory import document_parts, question_parts

    assert [p for _, p in document_parts("Quyết định 12/QĐ-UBND và Kế hoạch 30/KH-UBND do ai ký?")] == [
        "Quyết định 12/QĐ-UBND do ai ký?", "Kế hoạch 30/KH-UBND do ai ký?"]
    assert question_parts("So sánh chỉ tiêu về hợp tác xã số trong Kế hoạch 30/KH-UBND và Nghị quyết 08-NQ/HU.") == [
        "Chỉ tiêu về hợp tác xã số trong Kế hoạch 30/KH-UBND.", "Chỉ tiêu về hợp tác xã số trong Nghị quyết 08-NQ/HU."]
    # one document and something else is no pair of documents
    assert question_parts("Quyết định 12/QĐ-UBND và phụ lục kèm theo do ai ký?") == [
        "Quyết định 12/QĐ-UBND và phụ lục kèm theo do ai ký?"]
    assert document_parts("Quyết định 12/QĐ-UBND và phụ lục kèm theo do ai ký?") == []
    # what the question says before the pair goes with each ("Huyện ủy ban hành A và B vào ngày nào?")
    assert [p for _, p in document_parts("Huyện ủy Mai Sơn ban hành Nghị quyết 08-NQ/HU và Kế hoạch 30/KH-HU vào "
                                         "những ngày nào?")] == [
        "Huyện ủy Mai Sơn ban hành Nghị quyết 08-NQ/HU vào những ngày nào?",
        "Huyện ủy Mai Sơn ban hành Kế hoạch 30/KH-HU vào những ngày nào?"]


def test_a_document_named_by_a_demonstrative_is_the_one_the_conversation_last_cited() -> None:
    """"Văn bản đó ai ký?" two turns after "Kế hoạch 30/KH-UBND …": the plan, though the turn between named none."""
    from chat.memory import standalone_question

    history = [Turn("user", "Kế hoạch 30/KH-UBND đặt những nhiệm vụ gì về hạ tầng số?"),
               Turn("assistant", "- Phủ sóng 4G cho 20 thôn. [1]"),
               Turn("user", "Xã nào được ưu tiên?"), Turn("assistant", "Xã Nậm Hàng — … [1]")]
    assert standalone_question("Văn bản đó do ai ký, ký khi nào?", history) == \
        "Kế hoạch 30/KH-UBND do ai ký, ký khi nào?"
    assert standalone_question("quyet dinh nay ky ngay nao", [Turn("user", "QĐ 12/QĐ-UBND thành lập tổ nào?"),
                                                             Turn("assistant", "Tổ công tác số. [1]")]) == \
        "quyet dinh 12/QĐ-UBND ky ngay nao"  # named as the follow-up was typed


def test_a_short_part_asking_of_a_meeting_asks_of_the_one_the_first_part_s_document_reports() -> None:
    """"Thông báo 9/TB-BCĐ ban hành ngày nào và phiên họp diễn ra ngày nào?" asks two dates: the notice's and its
    meeting's, the second read with the notice (a part saying which meeting stands as it is)."""
    from chat.memory import question_parts

    assert question_parts("Thông báo 9/TB-BCĐ ban hành ngày nào và phiên họp diễn ra ngày nào?") == [
        "Thông báo 9/TB-BCĐ ban hành ngày nào?", "Phiên họp diễn ra ngày nào theo Thông báo 9/TB-BCĐ?"]
    parts = question_parts("Kế hoạch 12/KH-UBND ký ngày nào và hội nghị sơ kết chuyển đổi số tỉnh diễn ra khi nào?")
    assert parts[1] == "Hội nghị sơ kết chuyển đổi số tỉnh diễn ra khi nào?"


def test_a_meeting_s_date_is_no_field_of_the_document_reporting_it() -> None:
    """"Phiên họp diễn ra ngày nào theo Thông báo 9/TB-BCĐ?" asks when the meeting took place, not the notice's
    date; "Thông báo 9/TB-BCĐ ban hành ngày nào?" asks the notice's."""
    from retrieval.question import analyse_question

    assert analyse_question("Phiên họp diễn ra ngày nào theo Thông báo 9/TB-BCĐ?").document_field is None
    assert analyse_question("Thông báo 9/TB-BCĐ ban hành ngày nào?").document_field == "date"


def test_a_province_or_document_referred_back_to_is_the_one_the_conversation_named() -> None:
    """"Tỉnh đó …" is the province the earlier question named; "Theo NQ này, …" the resolution it cited, however
    abbreviated ("nq 31" typed without diacritics); a kind of document the conversation did not cite is left as
    typed."""
    history = [Turn("user", "Tỉnh Sơn La đã chi bao nhiêu cho chuyển đổi số năm 2025?"),
               Turn("assistant", "120 tỷ đồng — Tỉnh Sơn La đã chi 120 tỷ đồng. [1]")]
    assert standalone_question("Tỉnh đó đặt mục tiêu gì cho năm 2030?", history) == \
        "Tỉnh Sơn La đặt mục tiêu gì cho năm 2030?"
    unanswered = [Turn("user", "Sơn La họp Ban Chỉ đạo lần đầu khi nào?"), Turn("assistant", REFUSAL)]
    assert standalone_question("Kế hoạch của tỉnh đó số mấy?", unanswered) == "Kế hoạch của tỉnh Sơn La số mấy?"
    led = [Turn("user", "Ai chủ trì phiên họp Ban Chỉ đạo tỉnh Sơn La?"), Turn("assistant", "Ông Lò Văn Mạnh [1]")]
    assert standalone_question("Ông ấy yêu cầu tỉnh đó ưu tiên việc gì?", led) == \
        "Lò Văn Mạnh yêu cầu tỉnh Sơn La ưu tiên việc gì?"  # the person and the province, both
    cited = [Turn("user", "nq 31 son la ho tro bao nhieu doanh nghiep"), Turn("assistant", "40 doanh nghiệp [1]")]
    assert standalone_question("Theo NQ này, cơ quan nào chủ trì giám sát?", cited).startswith(
        "Theo nq 31, cơ quan nào chủ trì giám sát?")
    assert standalone_question("Theo KH này, cơ quan nào chủ trì giám sát?", cited).startswith(
        "Theo KH này, cơ quan nào chủ trì giám sát?")


def test_the_same_question_asked_of_another_subject_is_never_read_as_typed() -> None:
    """"Còn Yên Bái thì sao?" asks the earlier question of Yên Bái and nothing of its own: as typed it would be
    answered by any sentence on Yên Bái; a question of its own beside it is read as typed too."""
    from chat.memory import refers_back

    assert refers_back("Còn Yên Bái thì sao?") and refers_back("con yen bai thi sao")
    assert refers_back("Sơn La cũng vậy?")
    assert not refers_back("Yên Bái có bao nhiêu xã, còn Sơn La thì sao?") and not refers_back("Ai chủ trì?")


def test_a_follow_up_about_how_things_stand_leaves_the_target_behind() -> None:
    """"Hiện nay mới đạt bao nhiêu?" after "Mục tiêu … đến 2030 là bao nhiêu?" asks what stands: the target and
    its year are not carried; the resolution the conversation opened with is, though the last question named
    none."""
    history = [Turn("user", "Nghị quyết 31-NQ/TU của Tỉnh ủy Sơn La ban hành ngày nào?"),
               Turn("assistant", "Ngày 02/03/2025. [1]"),
               Turn("user", "Mục tiêu chi cho chuyển đổi số đến 2030 là bao nhiêu?"),
               Turn("assistant", "3% — Đến năm 2030: chi cho chuyển đổi số đạt 3% tổng chi. [1]")]
    rewritten = standalone_question("Hiện nay mới đạt bao nhiêu?", history)
    assert "2030" not in rewritten and "mục tiêu" not in rewritten.lower(), rewritten
    assert "chuyển đổi số" in rewritten and "31-NQ/TU" in rewritten, rewritten


def test_a_follow_up_asking_its_own_question_has_a_reading_set_only_where_the_earlier_one_is() -> None:
    """"Ai phát biểu bế mạc hội nghị?" after "Ở Sơn La, ai trình bày tham luận về Nghị quyết 57?" asks its own
    question: its `own` reading carries the place and the document, not "trình bày tham luận" (which the first
    reading carries, for a question asking more of the earlier one's subject)."""
    history = [Turn("user", "Ở Sơn La, ai trình bày tham luận về Nghị quyết 57?"),
               Turn("assistant", "Lò Văn Mạnh — Đồng chí Lò Văn Mạnh trình bày tham luận. [1]")]
    own = standalone_question("Ai phát biểu bế mạc hội nghị?", history, own=True)
    assert "Sơn La" in own and "Nghị quyết 57" in own and "tham luận" not in own, own
    assert "tham luận" in standalone_question("Ai phát biểu bế mạc hội nghị?", history)


def test_a_reading_that_gives_the_fact_just_given_repeats_the_last_answer() -> None:
    """A new question does not want the fact the last answer led with, from the sentence it quoted: the reading
    that would lead with it again missed what is asked. Another fact of that sentence is no repeat, nor the same
    fact from another sentence."""
    from chat.memory import repeats_last_answer

    sentence = "Đồng chí Lò Văn Mạnh chủ trì hội nghị; đồng chí Cầm Thị Hoa trình bày báo cáo."
    answer = f"Lò Văn Mạnh — {sentence} [1]"
    assert repeats_last_answer("Lò Văn Mạnh", sentence, answer)
    assert not repeats_last_answer("Cầm Thị Hoa", sentence, answer)
    assert not repeats_last_answer("Lò Văn Mạnh", "Đồng chí Lò Văn Mạnh kết luận hội nghị.", answer)
    assert not repeats_last_answer("", sentence, answer)


def test_a_province_typed_without_diacritics_is_carried_whole() -> None:
    """"cai" of "mấy cai" is a word of the follow-up, yet the earlier question's "lao cai" is carried whole."""
    history = [Turn("user", "lao cai co bao nhieu xa co cap quang?"), Turn("assistant", "120 xã [1]")]
    rewritten = standalone_question("the con tram y te thi co may cai", history)
    assert "lao cai" in rewritten, rewritten


def test_another_column_of_a_task_asked_against_the_earlier_one_is_more_of_that_task() -> None:
    """"Còn cơ quan phối hợp là những đơn vị nào?" after a question on a task asks another column of its row (the
    columns of a plan's table of tasks): the task is carried, not only where it was set."""
    history = [Turn("user", "Kế hoạch 30/KH-UBND Sơn La giao ai tổ chức hội thi tin học trẻ?"),
               Turn("assistant", "Tỉnh đoàn Sơn La — Nhiệm vụ: … [1]")]
    assert "hội thi tin học" in standalone_question("Còn cơ quan phối hợp là những đơn vị nào?", history)


def test_a_document_s_field_and_its_meeting_asked_after_a_bare_comma_are_two_questions() -> None:
    """"tb 9/tb-bcd ban hanh ngay nao, phien hop dien ra ngay nao": the notice's date, then its meeting's (typed
    in lower case, the number is still the notice's); two fields of one document stay one question."""
    from chat.memory import question_parts

    assert question_parts("tb 9/tb-bcd ban hanh ngay nao, phien hop dien ra ngay nao") == [
        "tb 9/tb-bcd ban hanh ngay nao?", "phien hop dien ra ngay nao theo 9/tb-bcd?"]
    assert len(question_parts("Kế hoạch 30/KH-UBND ban hành ngày nào, do ai ký?")) == 1
    # any question of the document after its field; one going on with the field ("với chức vụ gì") stays joined
    assert question_parts("QĐ 412 thành lập hội đồng gì, ai làm chủ tịch hội đồng?") == [
        "QĐ 412 thành lập hội đồng gì?", "Ai làm chủ tịch hội đồng theo QĐ 412?"]
    assert len(question_parts("Kế hoạch 30/KH-UBND do ai ký, với chức vụ gì?")) == 1
    assert len(question_parts("Kế hoạch 30/KH-UBND có những nhiệm vụ nào, ai chủ trì?")) == 1
    # a second field after the first, then what the document is for: one question ("Quyết định 30" is its purpose)
    assert len(question_parts("Tỉnh Yên Bái ra kế hoạch số mấy, ngày nào để cụ thể hóa Quyết định 30?")) == 1


def test_a_subject_set_against_the_earlier_one_leaves_its_subject_behind() -> None:
    """"Còn việc tổng kết kế hoạch thì tiến hành vào lúc nào?" after a question on who leads a task of a plan
    asks about the plan's review, not that task: the plan and its province stay, the task's words do not; "Còn
    cơ quan phối hợp thì gồm những ai?" asks another column of that same task."""
    history = [Turn("user", "Theo Kế hoạch 12 của tỉnh Yên Bái, ai chủ trì xây dựng cổng dữ liệu nông nghiệp?"),
               Turn("assistant", "Sở Nông nghiệp — Sở Nông nghiệp chủ trì xây dựng cổng dữ liệu nông nghiệp. [1]")]
    review = standalone_question("Còn việc tổng kết kế hoạch thì tiến hành vào lúc nào?", history)
    assert "Yên Bái" in review and "Kế hoạch 12" in review and "nông nghiệp" not in review, review
    column = standalone_question("Thế còn cơ quan phối hợp của việc ấy?", history)
    assert "cổng dữ liệu nông nghiệp" in column, column


def test_another_province_set_against_a_question_about_the_province_asks_that_question_of_it() -> None:
    """"Còn Sơn La thì sao?" after "… của tỉnh đạt bao nhiêu?" (which named none: the conversation's province)
    asks that question of Sơn La, not the last question that named a province; the topic the earlier one carried
    from before, of the other province, stays behind."""
    history = [Turn("user", "Kế hoạch 8 của tỉnh Yên Bái ban hành ngày nào?"),
               Turn("assistant", "ngày 3/4/2025 — Kế hoạch 8 được ban hành ngày 3/4/2025. [1]"),
               Turn("user", "Năm 2024 chi cho KHCN của tỉnh đạt bao nhiêu?"),
               Turn("assistant", "0,8% — Năm 2024 chi cho KHCN của tỉnh đạt 0,8% tổng chi. [1]")]
    assert standalone_question("Còn Sơn La thì sao?", history) == "Năm 2024 chi cho KHCN của tỉnh Sơn La đạt bao nhiêu?"
    carried = history[:2] + [Turn("user", "Về CĐS, tỉnh đặt mục tiêu gì?"),
                             Turn("assistant", "Thoát nhóm chỉ số thấp — Tỉnh đặt mục tiêu thoát nhóm thấp. [1]")]
    assert standalone_question("Còn Sơn La thì sao?", carried) == "Về CĐS, tỉnh Sơn La đặt mục tiêu gì?"


def test_one_who_asked_of_two_roles_is_a_question_per_role() -> None:
    """"Ai là Trưởng ban và Phó Trưởng ban của Tổ công tác huyện Mường Tè?" asks who holds each role: two
    questions, what sets the second role setting the first too; "và" joining two actions asks one question."""
    from chat.memory import question_parts

    assert question_parts("Ai là Trưởng ban và Phó Trưởng ban của Tổ công tác huyện Mường Tè?") == [
        "Ai là Trưởng ban của Tổ công tác huyện Mường Tè?", "Ai là Phó Trưởng ban của Tổ công tác huyện Mường Tè?"]
    assert question_parts("ai la to truong, pho to truong thuong truc") == ["ai la to truong?",
                                                                           "ai la pho to truong thuong truc?"]
    assert question_parts("Ai là người đọc báo cáo và phát biểu kết luận?") == [
        "Ai là người đọc báo cáo và phát biểu kết luận?"]


def test_documents_cited_side_by_side_make_one_question_each() -> None:
    """"… như thế nào (KH 7, QĐ 31)?" asks the same of each document it lists, each answered from its own and
    labelled with it; two documents not side by side ("Kế hoạch 7 thực hiện Quyết định 31 thế nào?") are one."""
    from chat.memory import document_parts

    assert document_parts("Các văn bản giao chỉ tiêu về trường học như thế nào (KH 7, QĐ 31)?") == [
        ("Kế hoạch 7", "Các văn bản giao chỉ tiêu về trường học như thế nào (Kế hoạch 7)?"),
        ("Quyết định 31", "Các văn bản giao chỉ tiêu về trường học như thế nào (Quyết định 31)?")]
    assert [p for _, p in document_parts("Quyết định 31/QĐ-UBND và Kế hoạch 7/KH-UBND ký ngày nào?")] == [
        "Quyết định 31/QĐ-UBND ký ngày nào?", "Kế hoạch 7/KH-UBND ký ngày nào?"]
    assert document_parts("Kế hoạch 7 thực hiện Quyết định 31 như thế nào?") == []
    assert document_parts("Quyết định 31 và Quyết định 31 ký ngày nào?") == []  # one document


def test_a_second_part_going_on_from_a_verb_is_asked_of_the_first_part_s_subject() -> None:
    """"Hội nghị sơ kết của huyện Mường Tè diễn ra ngày nào và kết luận những nội dung gì?": the second part asks of
    that meeting, not of any; one opening a setting of its own ("… và đến quý IV thì còn mấy xã?") keeps it, and a
    setting the first opens with ("Theo Kế hoạch 7, …") is no subject."""
    from chat.memory import question_parts

    assert question_parts("Hội nghị sơ kết của huyện Mường Tè diễn ra ngày nào và kết luận những nhiệm vụ trọng tâm "
                          "nào?")[1] == "Hội nghị sơ kết của huyện Mường Tè kết luận những nhiệm vụ trọng tâm nào?"
    assert question_parts("Theo Kế hoạch 7, cơ quan thường trực theo dõi việc thực hiện là cơ quan nào và phải báo "
                          "cáo huyện trước ngày nào?")[1] == "Cơ quan thường trực phải báo cáo huyện trước ngày nào?"
    assert question_parts("Kế hoạch 7 đặt mốc năm nào để mọi xã có cáp quang, và đến quý IV thì còn mấy xã chưa "
                          "có?")[1].startswith("Đến quý IV")
    # the first verb's time ("mới đạt") stays with it: the subject carried is the thing alone
    assert question_parts("Đến quý III, số hóa hồ sơ cấp xã mới đạt bao nhiêu và phải lên mức nào?")[1] == \
        "Số hóa hồ sơ cấp xã phải lên mức nào?"
    # a part too short to stand alone does with the subject it is asked of; one asking a purpose does not
    assert question_parts("Tổ công tác số huyện Mường Tè có những quyền hạn gì và họp định kỳ thế nào?") == [
        "Tổ công tác số huyện Mường Tè có những quyền hạn gì?", "Tổ công tác số huyện Mường Tè họp định kỳ thế nào?"]


def test_a_second_part_without_a_subject_is_asked_of_the_person_the_first_opens_with() -> None:
    """"Ông Lò Văn Mạnh giữ chức gì trong QĐ 31 và ký KH 7 với tư cách nào?": the second part asks of him too; so
    does one whose subject only refers back to her ("… và bà ký …": her name put for it)."""
    from chat.memory import question_parts

    assert question_parts("Ông Lò Văn Mạnh giữ chức gì trong QĐ 31 và ký KH 7 với tư cách nào?") == [
        "Ông Lò Văn Mạnh giữ chức gì trong QĐ 31?", "Ông Lò Văn Mạnh ký KH 7 với tư cách nào?"]
    assert question_parts("Bà Cầm Thị Hoa giữ chức gì trong QĐ 31 và bà ký KH 7 với tư cách nào?") == [
        "Bà Cầm Thị Hoa giữ chức gì trong QĐ 31?", "Bà Cầm Thị Hoa ký KH 7 với tư cách nào?"]


def test_the_topic_a_compound_question_opens_with_is_asked_of_each_part() -> None:
    """"Về trạm y tế xã, Sơn La được hỗ trợ gì, còn Lai Châu giao cơ quan nào chủ trì?" asks the second of the health
    stations too; a part naming the topic itself, or opening a setting of its own, is left as it is."""
    from chat.memory import question_parts

    assert question_parts("Về trạm y tế xã, Sơn La được hỗ trợ những gì, còn Lai Châu giao cơ quan nào chủ trì "
                          "thực hiện?")[1] == "Về trạm y tế xã, Lai Châu giao cơ quan nào chủ trì thực hiện?"
    assert question_parts("Về trạm y tế: Sơn La có mấy trạm đạt chuẩn, còn Lai Châu hẹn hoàn thành trạm y tế "
                          "huyện khi nào?")[1] == "Lai Châu hẹn hoàn thành trạm y tế huyện khi nào?"


def test_a_bare_comma_splits_only_where_a_question_ends_and_another_of_something_else_begins() -> None:
    """"Về X, Lào Cai … gì, Bắc Kạn … ra sao": two provinces asked one after the other, each part keeping the
    setting; a comma before more of the same thing ("…, căn cứ văn bản nào", "…, với chức danh gì") or after a
    question leaning on an earlier one splits nothing, and ", mà" sets a second question apart as ", còn" does."""
    from chat.memory import question_parts

    assert question_parts("Về cổng dữ liệu mở, Lào Cai giao sở nào thực hiện, Bắc Kạn triển khai ra sao?") == [
        "Về cổng dữ liệu mở, Lào Cai giao sở nào thực hiện?", "Về cổng dữ liệu mở, Bắc Kạn triển khai ra sao?"]
    assert question_parts("Điện Biên có bao nhiêu phần trăm hồ sơ trực tuyến, Nam Định đặt mục tiêu gì?") == [
        "Điện Biên có bao nhiêu phần trăm hồ sơ trực tuyến?", "Nam Định đặt mục tiêu gì?"]
    for whole in ("Kế hoạch chuyển đổi số của tỉnh ký ngày nào, căn cứ văn bản nào?",
                  "Quyết định thành lập tổ công tác do ai ký, với chức danh gì?",
                  # (after a question leaning on the one before: both of that)
                  "Cổng dữ liệu mở được nhắc thế nào ở Bắc Kạn? Ai báo cáo việc này ở Bắc Kạn, ai chủ trì ở Lào Cai?"):
        assert question_parts(whole) == [whole]
    assert question_parts("Hà Nam mở bao nhiêu điểm cầu trực tuyến, mà Điện Biên tổ chức hội nghị ở đâu?") == [
        "Hà Nam mở bao nhiêu điểm cầu trực tuyến?", "Điện Biên tổ chức hội nghị ở đâu?"]


def test_an_item_of_the_list_just_given_is_named_by_its_place_in_it() -> None:
    from chat.memory import listed_item

    listed = [Turn("user", "Sở Tư pháp được giao những việc gì?"),
              Turn("assistant", "Có 3 nhiệm vụ giao cho Sở Tư pháp:\n1. Rà soát văn bản quy phạm (thời hạn: Quý I/2026)"
                                " [1]\n2. Thẩm định dự thảo nghị quyết [2]\n3. Tập huấn pháp luật về dữ liệu [3]")]
    assert listed_item("Nhiệm vụ thứ 2 nói về việc gì?", listed) == \
        "Nhiệm vụ “Thẩm định dự thảo nghị quyết” nói về việc gì?"
    assert listed_item("con viec thu ba han khi nao", listed) == "con viec “Tập huấn pháp luật về dữ liệu” han khi nao"
    # the first item's details in brackets and its citation are no part of its name
    assert listed_item("Còn cái đầu tiên?", listed) == "Còn cái “Rà soát văn bản quy phạm”?"
    assert listed_item("Ý cuối cùng do ai chủ trì?", listed) == "Ý “Tập huấn pháp luật về dữ liệu” do ai chủ trì?"
    # asked of the same item again, the list still counts; past its end, or naming its own, it is no item
    again = [*listed, Turn("user", "Nhiệm vụ thứ 2 nói về việc gì?"),
             Turn("assistant", "Thẩm định dự thảo nghị quyết. [1]")]
    assert listed_item("Nhiệm vụ thứ 2 hạn khi nào?", again) == "Nhiệm vụ “Thẩm định dự thảo nghị quyết” hạn khi nào?"
    assert listed_item("Nhiệm vụ thứ 5 nói về việc gì?", listed) is None
    # a heading among the bullets is no item: the people it heads are
    members = [Turn("user", "Ban Chỉ đạo gồm những ai?"),
               Turn("assistant", "- Trưởng ban: Ông A. [1]\n- Các Ủy viên: [2]\n- Ông B, Giám đốc Sở. [3]")]
    assert listed_item("Người thứ hai là ai?", members) == "Người “Ông B, Giám đốc Sở” là ai?"
    # nor is one whose next bullet is indented under it: "1. Thể chế" heads its tasks
    parts = [Turn("user", "Kế hoạch có những nhiệm vụ gì?"),
             Turn("assistant", "- Thể chế [1]\n  - Ban hành quy chế [2]\n  - Rà soát quy định [3]\n- Hạ tầng [4]\n"
                               "  - Phủ sóng xã vùng cao [5]")]
    assert listed_item("Nhiệm vụ thứ 3 nói về việc gì?", parts) == \
        "Nhiệm vụ “Phủ sóng xã vùng cao” nói về việc gì?"
    assert listed_item("Cơ quan phối hợp của nhiệm vụ thứ nhất là gì?", parts) == \
        "Cơ quan phối hợp của nhiệm vụ “Ban hành quy chế” là gì?"  # (a column of it asked)
    assert listed_item("Nhiệm vụ thứ 2 của Kế hoạch 99 là gì?", listed) is None
    assert listed_item("Phiên họp thứ hai?", listed) is None  # a meeting of its own, not the list's
    assert listed_item("Phiên họp thứ hai của Ban Chỉ đạo diễn ra ở đâu và bàn những gì?", listed) is None
    # after an answer that listed nothing, nothing is referred to
    plain = [Turn("user", "Ai ký Kế hoạch?"), Turn("assistant", "Trần Văn Lâm — … [1]")]
    assert listed_item("Nhiệm vụ thứ 2 nói về việc gì?", plain) is None


def test_the_same_thing_asked_at_two_times_is_two_questions() -> None:
    """"… lúc ban hành Nghị quyết 12 là bao nhiêu, đến tháng 11/2025 còn bao nhiêu?": the second clause names a time
    the first does not, so each is asked on its own with the subject the first names."""
    from chat.memory import question_parts

    parts = question_parts("Số xã chưa có internet ở Sơn La: lúc ban hành Nghị quyết 9 là bao nhiêu, đến phiên họp "
                           "tháng 11/2025 còn bao nhiêu?")
    assert len(parts) == 2 and "11/2025" in parts[1] and "Sơn La" in parts[1] and "internet" in parts[1]


def test_a_target_asked_after_where_things_stand_carries_no_word_of_what_stands() -> None:
    """"Vậy phải nâng lên mức nào?" after "… cấp xã mới đạt bao nhiêu?": the target, so "mới" (what stands) is not
    carried; and a carried topic is of every part of a compound follow-up, not a reason to split it."""
    from chat.memory import question_parts

    history = [Turn("user", "Tỷ lệ số hóa hồ sơ ở cấp xã của Sơn La mới đạt bao nhiêu?"),
               Turn("assistant", "46% — … cấp xã mới đạt 46%. [1]")]
    standalone = standalone_question("Vậy phải nâng lên mức nào?", history)
    assert "số hóa" in standalone and "mới" not in standalone.split("?", 1)[1]
    carried = "Vậy phải nâng lên mức nào, trong thời hạn nào? (số hóa hồ sơ cấp xã Sơn La)"
    assert question_parts(carried) == [carried]


def test_an_item_past_the_end_of_the_list_just_given_is_counted_not_looked_for() -> None:
    from chat.memory import listed_count_if_beyond, listed_item

    listed = [Turn("user", "Sở Tư pháp được giao những việc gì?"),
              Turn("assistant", "Có 2 nhiệm vụ:\n1. Rà soát văn bản (thời hạn: Quý I/2026) [1]\n"
                                "2. Tập huấn pháp luật [2]")]
    assert listed_count_if_beyond("Nhiệm vụ thứ 15 nói về việc gì?", listed) == 2
    assert listed_count_if_beyond("Nhiệm vụ thứ 2 nói về việc gì?", listed) is None
    assert listed_count_if_beyond("Phiên họp thứ mười là gì?", listed) is None  # a meeting of its own
    # its deadline is no part of an item's name: it may be what is asked
    dated = [Turn("user", "Sở Nội vụ làm gì?"),
             Turn("assistant", "- Rà soát biên chế, hoàn thành trong tháng 02/2026. [1]\n- Tập huấn pháp luật. [2]")]
    assert listed_item("Việc thứ nhất hạn khi nào?", dated) == "Việc “Rà soát biên chế” hạn khi nào?"


def test_a_question_about_whom_the_first_part_names_is_asked_after_its_answer() -> None:
    """"Người ký … là ai và theo QĐ … người đó giữ chức vụ gì?": two questions, the second about the person the
    first one's answer names (asked after it, as a follow-up is); "người đó" is no document of the first part."""
    from chat.memory import question_parts, refers_to_answer

    parts = question_parts("Người ký Thông báo 7/TB-BCĐ là ai và theo Quyết định 210/QĐ-UBND người đó giữ chức vụ gì?")
    assert parts == ["Người ký Thông báo 7/TB-BCĐ là ai?", "Theo Quyết định 210/QĐ-UBND người đó giữ chức vụ gì?"]
    assert refers_to_answer(parts[1]) and not refers_to_answer(parts[0])
    folded = question_parts("nguoi ky kh 31 la ai, nguoi do giu chuc gi trong bcd")
    assert folded == ["nguoi ky kh 31 la ai?", "nguoi do giu chuc gi trong bcd?"]  # (not "… theo kh 31")
    # more of the same task's row ("cơ quan đó phối hợp với ai") is one question: the row answers both
    whole = "Cơ quan nào chủ trì việc phủ sóng cho 6 bản, cơ quan đó phối hợp với ai?"
    assert question_parts(whole) == [whole]
    # a person named in the conversation stands for "nguoi do" typed without diacritics, as for "người đó"
    history = [Turn("user", "Kế hoạch 31/KH-UBND do ai ký?"),
               Turn("assistant", "Kế hoạch 31/KH-UBND do Lò Văn Mạnh ký. [1]")]
    assert "Lò Văn Mạnh" in standalone_question("nguoi do giu chuc gi trong bcd?", history)


def test_a_part_asking_two_periods_after_a_comma_is_asked_of_each() -> None:
    """"… chiếm bao nhiêu % GRDP năm 2027, năm 2030, và bao nhiêu doanh nghiệp …?": the first part asks one figure
    of two years, each a question; the parts of a part are parts too."""
    from chat.memory import question_parts

    parts = question_parts("Sơn La đặt chỉ tiêu kinh tế số chiếm bao nhiêu % GRDP năm 2026, năm 2030, và bao nhiêu "
                           "hợp tác xã chuyển đổi số năm 2030")
    assert len(parts) == 3 and "2026" in parts[0] and "2030" not in parts[0] and "GRDP năm 2030" in parts[1]
    assert "hợp tác xã" in parts[2]


def test_a_bracket_right_after_the_last_place_is_that_place_s_own() -> None:
    """"… của Lai Châu và của Sơn La (theo NQ 9) là bao nhiêu?": the resolution is Sơn La's source, not asked of
    Lai Châu."""
    from chat.memory import place_parts

    parts = dict(place_parts("Tỷ lệ chi cho khoa học trên tổng chi ngân sách của Lai Châu và của Sơn La (theo NQ 9) "
                             "là bao nhiêu?"))
    assert "NQ 9" not in parts["Lai Châu"] and "(theo NQ 9)" in parts["Sơn La"]


def test_an_item_is_called_by_what_the_list_was_asked_for_and_counted_under_its_part() -> None:
    """"Quan điểm thứ hai?" after "… có những quan điểm nào?" is the list's second item, followed by the list's
    document; "Quyền hạn thứ nhất" counts among the lines under "Quyền hạn:"; the rows an item's answer quoted
    are no new list ("Nhiệm vụ thứ 20?" is still counted against the list)."""
    from chat.memory import listed_count_if_beyond, listed_item

    views = [Turn("user", "Nghị quyết 9-NQ/TU có những quan điểm nào?"),
             Turn("assistant", "- Lấy người dân làm trung tâm. [1]\n- Dữ liệu là tài nguyên. [2]\n"
                               "- Bảo đảm an toàn thông tin. [3]")]
    assert listed_item("Quan điểm thứ hai?", views) == "Quan điểm “Dữ liệu là tài nguyên”? (Nghị quyết 9-NQ/TU)"
    assert listed_item("Phiên họp thứ hai?", views) is None  # a meeting, not what the list was asked for
    powers = [Turn("user", "Tổ công tác có nhiệm vụ, quyền hạn gì?"),
              Turn("assistant", "- Nhiệm vụ: [1]\n  - Theo dõi tiến độ số hóa. [2]\n  - Tổng hợp báo cáo. [3]\n"
                                "- Quyền hạn: [4]\n  - Yêu cầu các phòng báo cáo. [5]\n  - Kiến nghị khen thưởng. [6]")]
    assert listed_item("Quyền hạn thứ nhất là gì?", powers) == "Quyền hạn “Yêu cầu các phòng báo cáo” là gì?"
    asked = [*powers, Turn("user", "Nhiệm vụ thứ 2 ai chủ trì?"),
             Turn("assistant", "- Nhiệm vụ: Tổng hợp báo cáo; chủ trì: Phòng Nội vụ [1]\n- Nhiệm vụ: …; [2]")]
    assert listed_count_if_beyond("Nhiệm vụ thứ 20?", asked) == 4
    # a list asked of something with an ordinal of its own is a list all the same
    meeting = [Turn("user", "Thông báo kết luận phiên họp thứ hai giao những nhiệm vụ gì?"),
               Turn("assistant", "- Sở Nội vụ bố trí biên chế. [1]\n- Công an tỉnh diễn tập ứng cứu sự cố. [2]")]
    assert listed_item("Nhiệm vụ thứ 2 ai chủ trì?", meeting) == \
        "Nhiệm vụ “Công an tỉnh diễn tập ứng cứu sự cố” ai chủ trì?"


def test_documents_periods_and_places_asked_side_by_side_in_more_words_are_asked_each() -> None:
    """"… theo KH 31 và theo TB 7?" asks each document; "… giai đoạn 2021-2024 và đến phiên họp tháng 11/2025?" each
    period; "… của Lai Châu và số thôn … của Sơn La (theo NQ 9)?" each place, the bracket Sơn La's own."""
    from chat.memory import document_parts, place_parts, question_parts

    assert [label for label, _ in document_parts("Thời hạn phủ sóng theo KH 31 và theo TB 7?")] == [
        "Kế hoạch 31", "Thông báo 7"]
    periods = question_parts("Tỷ lệ hồ sơ trực tuyến giai đoạn 2021-2024 và đến phiên họp tháng 11/2025?")
    assert len(periods) == 2 and "2021-2024" in periods[0] and "11/2025" in periods[1]
    parts = dict(place_parts("Số trạm phát sóng của Lai Châu và số thôn chưa có sóng của Sơn La (theo NQ 9)?"))
    assert "NQ 9" not in parts["Lai Châu"] and "(theo NQ 9)" in parts["Sơn La"]


def test_a_target_asked_by_its_quarter_after_what_stands_carries_the_thing_measured() -> None:
    """"X ở Sơn La mới đạt bao nhiêu phần trăm, mục tiêu quý II/2027 là bao nhiêu?": the quarter sets the second
    part apart, and it asks the target of X (not of what "mới đạt", the first part's stance), typed with
    diacritics or without."""
    from chat.memory import question_parts

    first, second = question_parts("Cấp xã ở Sơn La số hóa hồ sơ đất đai mới đạt bao nhiêu phần trăm, mục tiêu quý "
                                   "II/2027 là bao nhiêu?")
    assert first == "Cấp xã ở Sơn La số hóa hồ sơ đất đai mới đạt bao nhiêu phần trăm?"
    assert second.startswith("Mục tiêu quý II/2027 là bao nhiêu") and "hồ sơ đất đai" in second, second
    assert "mới" not in second and "đạt" not in second, second
    plain = question_parts("cap xa o Son La so hoa ho so dat dai moi dat bao nhieu phan tram, muc tieu quy II/2027 "
                           "la bao nhieu")
    assert len(plain) == 2 and "so hoa" in plain[1] and "moi" not in plain[1], plain  # (folded, "đạt" is "đất")


def test_a_document_referred_back_by_its_abbreviation_is_the_one_the_last_answer_opened_with() -> None:
    """"CTr đó cụ thể hóa NQ nào?" after "41-CTr/TU — Căn cứ Chương trình hành động số 41-CTr/TU …": that programme,
    named in full, the question standing alone; a part of a compound question referring so is asked after the
    first part's answer."""
    from chat.memory import question_parts, refers_to_answer

    history = [Turn("user", "kh 30 căn cứ ctr nào"),
               Turn("assistant", "41-CTr/TU — Căn cứ Chương trình hành động số 41-CTr/TU ngày 10/6/2025 của Tỉnh ủy, "
                                 "UBND tỉnh ban hành Kế hoạch như sau: [1]")]
    assert standalone_question("ctr đó cụ thể hóa nq nào?", history) == "Chương trình 41-CTr/TU cụ thể hóa nq nào?"
    asked = "kế hoạch 30 căn cứ chương trình nào"
    assert refers_to_answer("chương trình đó cụ thể hóa gì", asked) and refers_to_answer("ctr do cu the hoa gi", asked)
    assert not refers_to_answer("Kế hoạch do ai ban hành?", asked)  # with diacritics, "do" is "by"
    # a document named before, not asked for: the question's own ("… NQ 57 ban hành ngày nào, và hội nghị quán
    # triệt nghị quyết này …")
    assert not refers_to_answer("hội nghị quán triệt nghị quyết này diễn ra khi nào", "NQ 57 ban hành ngày nào")
    assert question_parts("kh 30 căn cứ ctr nào, ctr đó cụ thể hóa nq nào của tỉnh") == [
        "kh 30 căn cứ ctr nào?", "ctr đó cụ thể hóa nq nào của tỉnh?"]



def test_a_part_going_on_from_one_asking_who_is_asked_of_the_one_it_answers() -> None:
    """"Người ký thay Chủ tịch … là ai và giữ vị trí nào trong Tổ công tác?": the second part is asked of whoever the
    first is answered with (not of "người ký thay Chủ tịch", which no sentence of the team's members writes)."""
    from chat.memory import question_parts

    assert question_parts("Người ký thay Chủ tịch ban hành Kế hoạch 30/KH-UBND là ai và giữ vị trí nào trong Tổ công "
                          "tác dữ liệu số?") == ["Người ký thay Chủ tịch ban hành Kế hoạch 30/KH-UBND là ai?",
                                                 "Người đó giữ vị trí nào trong Tổ công tác dữ liệu số?"]


def test_a_department_referred_to_is_the_one_the_last_answer_named() -> None:
    """"giám đốc sở đó" after an answer naming a department asks of that department's head."""
    history = [Turn("user", "Sở nào trình bày báo cáo sơ kết tại hội nghị của tỉnh Yên Bái?"),
               Turn("assistant", "Sở Thông tin và Truyền thông — Sở Thông tin và Truyền thông trình bày báo cáo sơ "
                                 "kết. [1]")]
    assert standalone_question("Vậy ai đang là giám đốc sở đó?", history) == \
        "Vậy ai đang là giám đốc Sở Thông tin và Truyền thông?"


def test_a_part_asking_of_each_document_asks_of_those_the_part_before_cites() -> None:
    """"…, và mỗi văn bản do cơ quan nào ban hành?": the documents the first part cites, each."""
    from chat.memory import question_parts

    assert question_parts("Quyết định 45/QĐ-UBND và Kế hoạch 31/KH-UBND ký ngày nào, và mỗi văn bản do cơ quan nào "
                          "ban hành?")[1] == "Quyết định 45/QĐ-UBND và Kế hoạch 31/KH-UBND do cơ quan nào ban hành?"
    assert question_parts("Quyết định 45/QĐ-UBND ký ngày nào, và mỗi văn bản do cơ quan nào ban hành?")[1] == \
        "Mỗi văn bản do cơ quan nào ban hành?"  # (one document cited: nothing to share out)


def test_each_earlier_turn_is_read_once_however_long_the_conversation() -> None:
    """A follow-up is read with the last answered question as it stands alone, which is read with the ones before it:
    each earlier turn once, so a 30-turn chain of "Ai chủ trì?" is read in 30 steps, not 2^30 (it pinned a core)."""
    from chat.memory import _standalone

    history: list[Turn] = []
    for n in range(30):
        history += [Turn("user", "Ai chủ trì?"), Turn("assistant", f"Sở số {n} — Sở số {n} chủ trì hội nghị [1]")]
    before = _standalone.cache_info().misses
    standalone_question("Ai chủ trì?", history)
    assert _standalone.cache_info().misses - before <= len(history) // 2 + 1
