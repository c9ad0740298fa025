"""The offline answerer on the shipped corpus: facts in the answer text, citations quoting the source."""

import pytest

from tests.questions import (AND_DIEN_BIEN, AND_LAO_CAI, BAC_KAN_SCIENCE_DIRECTOR, CAO_BANG_HEAD, CAPITAL_OF_FRANCE,
                             GOLD_PRICE, HA_NAM_BRIDGES, HIS_OTHER_ROLE, LAO_CAI_SPENDING, LAO_CAI_STATIONS,
                             NAM_DINH_HEAD, NAM_DINH_HEAD_FOLDED)

NAM_DINH = "nam-dinh-ban-chi-dao-hop-phien-dau-tien"


@pytest.mark.parametrize(("question", "fact"), [
    (NAM_DINH_HEAD, "Đặng Khánh Toàn"),
    (LAO_CAI_STATIONS, "4.607"),
    ("Hội nghị toàn quốc về khoa học, công nghệ diễn ra ngày nào?", "13/01/2025"),
    ("Kế hoạch của UBND tỉnh Nam Định thực hiện chương trình hành động có số hiệu gì?", "29/UBND-KH"),
    (LAO_CAI_SPENDING, "574 tỷ đồng"),
    # refused in this wording until the sentence's context (the one before it: "Hội nghị … trực tuyến …") became
    # one of the answerability model's features
    (HA_NAM_BRIDGES, "252"),
    (BAC_KAN_SCIENCE_DIRECTOR, "Hoàng Văn Thiên"),
])
def test_factoid_answers_contain_the_fact(service, question: str, fact: str) -> None:
    result = service.answer(question)
    assert not result.refused
    assert fact in result.answer
    assert any(fact in c.quote for c in result.citations)


def test_citations_quote_the_cleaned_document_exactly(service, indexed_settings) -> None:
    result = service.answer(NAM_DINH_HEAD)
    assert result.citations and "[1]" in result.answer
    for c in result.citations:
        text = (indexed_settings.data_dir / "documents" / f"{c.doc_id}.txt").read_text("utf-8")
        assert text[c.start:c.end] == c.quote
        assert c.source.endswith(".txt") and c.title and c.chunk_id.startswith(c.doc_id)
    assert result.citations[0].doc_id == NAM_DINH
    assert [c.n for c in result.citations] == list(range(1, len(result.citations) + 1))


@pytest.mark.parametrize("question", [
    GOLD_PRICE,
    CAPITAL_OF_FRANCE,
    CAO_BANG_HEAD,
    "Đội tuyển bóng đá nữ Việt Nam từng dự World Cup vào năm nào?",
])
def test_unrelated_questions_are_refused(service, question: str) -> None:
    result = service.answer(question)
    assert result.refused and result.citations == []
    assert "không đề cập" in result.answer


def test_question_without_diacritics_is_answered(service) -> None:
    result = service.answer(NAM_DINH_HEAD_FOLDED)
    assert not result.refused and "Đặng Khánh Toàn" in result.answer


def test_follow_up_uses_the_history(service) -> None:
    from chat.generators.base import Turn

    history = [Turn("user", NAM_DINH_HEAD), Turn("assistant", "Đồng chí Đặng Khánh Toàn [1]")]
    result = service.answer(HIS_OTHER_ROLE, history=history)
    assert "Đặng Khánh Toàn" in result.standalone_question
    assert not result.refused and "Bí thư Tỉnh ủy" in result.answer
    assert result.citations[0].doc_id == NAM_DINH
    follow = service.answer(AND_DIEN_BIEN, history=history)
    assert follow.standalone_question == NAM_DINH_HEAD.replace("Nam Định", "Điện Biên")
    assert not follow.refused and "Trần Quốc Cường" in follow.answer


def test_follow_up_about_the_head_of_the_lao_cai_committee(service) -> None:
    """A member of the committee is named in the same report as its head: the answer is the head (it was An
    Hoàng Linh, "thành viên Ban chỉ đạo", until a person had to hold the role the question names)."""
    from chat.generators.base import Turn

    history = [Turn("user", NAM_DINH_HEAD), Turn("assistant", "Đồng chí Đặng Khánh Toàn [1]")]
    follow = service.answer(AND_LAO_CAI, history=history)
    assert follow.standalone_question == NAM_DINH_HEAD.replace("Nam Định", "Lào Cai")
    assert not follow.refused and "Trịnh Việt Hùng" in follow.answer


@pytest.mark.parametrize("question", ["", "   \n\t "])
def test_empty_question_is_rejected(service, question: str) -> None:
    from chat.service import InvalidQuestionError

    with pytest.raises(InvalidQuestionError, match="empty"):
        service.answer(question)


def test_too_long_question_is_rejected(service) -> None:
    from chat.service import InvalidQuestionError

    with pytest.raises(InvalidQuestionError, match="limit"):
        service.answer("Ban Chỉ đạo " * 1000)


@pytest.mark.parametrize(("near_miss", "stated", "fact"), [
    # an ordinal: the documents report the first meeting, not a second one
    ("Phiên họp thứ hai của Ban Chỉ đạo tỉnh Nam Định diễn ra ngày nào?",
     "Phiên họp đầu tiên của Ban Chỉ đạo tỉnh Nam Định diễn ra ngày nào?", "20/3"),
    # a role's complement: the director of another department
    ("Ai là Giám đốc Sở Tài chính tỉnh Bắc Kạn?", "Giám đốc Sở KH&CN Bắc Kạn là ai?", "Hoàng Văn Thiên"),
    # what a "how many" counts: stations are counted, universities are not
    ("Hạ tầng số của tỉnh Lào Cai có mấy trường đại học?", "Hạ tầng số của tỉnh Lào Cai có mấy trạm thu phát sóng viễn "
     "thông?", "4.607"),
])
def test_a_question_changing_one_qualifier_of_a_stated_fact_is_refused(service, near_miss: str, stated: str,
                                                                       fact: str) -> None:
    """The near miss retrieves the same passage as the stated fact; what it changes is not in that passage."""
    assert service.answer(near_miss).refused
    answered = service.answer(stated)
    assert not answered.refused and fact in answered.answer


def test_the_fact_first_ends_at_a_word_s_end() -> None:
    """"12 lớp bồi" (the count's unit cut after two syllables) reads as a fragment: the fact is carried to the end of
    the word its last syllable begins."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = "Huyện tổ chức 8 lớp bồi dưỡng kỹ năng số cho cán bộ xã trong năm 2026."
    sentence = ScoredSentence(text, Passage(1, Hit("doc:0", "doc", text, 1.0, {})), 0.5, 0.9, True, 0, (1.0,))
    assert short_fact(analyse_question("Huyện tổ chức bao nhiêu lớp bồi dưỡng kỹ năng số?"), sentence) == \
        "8 lớp bồi dưỡng"


def test_of_two_documents_a_sentence_cites_the_one_whose_citation_says_what_the_question_adds_is_the_fact() -> None:
    """"… cụ thể hóa nghị quyết nào của Ban Chấp hành Đảng bộ tỉnh?": the number whose citation goes on "… của Ban
    Chấp hành Đảng bộ tỉnh", not the one cited first; asked of the Politburo's, that one."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = ("Để cụ thể hóa Nghị quyết số 57-NQ/TW của Bộ Chính trị và Nghị quyết số 19-NQ/TU ngày 02/4/2025 của Ban "
            "Chấp hành Đảng bộ tỉnh, Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động như sau:")
    sentence = ScoredSentence(text, Passage(1, Hit("doc:0", "doc", text, 1.0, {})), 0.5, 0.9, True, 0, (1.0,))
    asked = "Chương trình hành động cụ thể hóa nghị quyết nào của {}?"
    assert short_fact(analyse_question(asked.format("Ban Chấp hành Đảng bộ tỉnh")), sentence) == "19-NQ/TU"
    assert short_fact(analyse_question(asked.format("Bộ Chính trị")), sentence) == "57-NQ/TW"


def test_a_quoted_sentence_pointing_back_is_quoted_with_the_one_it_points_to() -> None:
    """"Đây là một trong những di vật độc đáo …" answers "di vật độc đáo là gì?" only with the sentence before it,
    which says what "đây" is; it is quoted alone where the question does not ask what it points to, and so is a
    sentence opening otherwise."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import ExtractiveGenerator
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = ("Làng nghề có từ thế kỷ XV.\nNăm 1994, trống đồng loại một được phát hiện ở xã Phong Mỹ. "
            "Đây là một trong những di vật độc đáo của văn hóa Việt cổ. Hiện vật được trưng bày ở bảo tàng tỉnh.")
    passage = Passage(1, Hit("doc:0", "doc", text, 1.0, {}))
    def answer(start: int, asked: str = "Một trong những di vật độc đáo của văn hóa Việt cổ ở đây là gì?") -> str:
        question = analyse_question(asked)
        end = text.find(".", start) + 1
        best = ScoredSentence(text[start:end], passage, 0.9, 0.9, False, start, (1.0,))
        return ExtractiveGenerator(lambda _: 1.0).answer(question, [best])

    pointing = answer(text.index("Đây là"))
    assert pointing.startswith("Năm 1994, trống đồng loại một") and pointing.count("[1]") == 2, pointing
    assert answer(text.index("Hiện vật")) == "Hiện vật được trưng bày ở bảo tàng tỉnh. [1]"
    assert answer(text.index("Đây là"), "Di vật của văn hóa Việt cổ có gì độc đáo?").startswith("Đây là")


def test_a_follow_up_s_fact_is_the_one_its_own_words_ask() -> None:
    """"trong đó vốn xã hội hóa bao nhiêu? (đề án tổng vốn)": the earlier topic carried in brackets does not pull the
    fact to the total it asked about."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = "Tổng vốn của đề án là 90 tỷ đồng, trong đó vốn ngân sách 60 tỷ đồng, vốn xã hội hóa 30 tỷ đồng."
    sentence = ScoredSentence(text, Passage(1, Hit("doc:0", "doc", text, 1.0, {})), 0.5, 0.9, True, 0, (1.0,))
    question = analyse_question("trong đó vốn xã hội hóa bao nhiêu? (đề án tổng vốn)")
    assert short_fact(question, sentence) == "30 tỷ đồng"


@pytest.mark.parametrize(("level", "year"), [("tuyến xã", "năm 2027"), ("tuyến tỉnh", "năm 2026")])
def test_of_two_years_coordinated_in_one_clause_the_fact_is_the_one_the_question_s_words_lead_to(
        level: str, year: str) -> None:
    """"… tại 100% trạm y tế tuyến tỉnh trong năm 2026 và tuyến xã trong năm 2027": both years sit in one clause
    with the question's words; what leads to each from the fact before tells them apart."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = ("Y tế số: triển khai hồ sơ sức khỏe điện tử tại 100% trạm y tế tuyến tỉnh trong năm 2026 và tuyến xã "
            "trong năm 2027.")
    sentence = ScoredSentence(text, Passage(1, Hit("doc:0", "doc", text, 1.0, {})), 0.5, 0.9, True, 0, (1.0,))
    question = analyse_question(f"Hồ sơ sức khỏe điện tử được triển khai ở trạm y tế {level} vào năm nào?")
    assert short_fact(question, sentence) == year


def test_of_figures_in_parts_of_a_sentence_the_fact_is_the_one_whose_part_holds_the_question_s_words() -> None:
    """A comma inside a part ("được tiếp nhận, giải quyết trực tuyến … đạt 74%") leaves few of the question's words
    in the figure's clause; the part up to the semicolon says what the figure is of."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = ("Tỷ lệ hồ sơ thủ tục hành chính của huyện được tiếp nhận, giải quyết trực tuyến đạt 74%; 100% văn bản đi "
            "của cơ quan hành chính huyện được ký số.")
    sentence = ScoredSentence(text, Passage(1, Hit("doc:0", "doc", text, 1.0, {})), 0.5, 0.9, True, 0, (1.0,))
    question = analyse_question("Tỷ lệ hồ sơ thủ tục hành chính của huyện xử lý trực tuyến là bao nhiêu?")
    assert short_fact(question, sentence) == "74%"


def test_when_a_meeting_took_place_is_its_day_not_a_year_in_its_name() -> None:
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = "Đồng chí Bí thư chủ trì hội nghị sơ kết nhiệm vụ chuyển đổi số năm 2025 của huyện, diễn ra sáng 12/10."
    sentence = ScoredSentence(text, Passage(1, Hit("doc:0", "doc", text, 1.0, {})), 0.5, 0.9, True, 0, (1.0,))
    question = analyse_question("Hội nghị sơ kết nhiệm vụ chuyển đổi số của huyện diễn ra khi nào?")
    assert short_fact(question, sentence) == "sáng 12/10"


def test_each_kind_a_question_s_clauses_ask_opens_the_answer_in_order() -> None:
    """"… ngày nào, ai chủ trì?" is answered with the day and the person, as asked; a task row gives each column
    asked ("ai chủ trì, thời hạn?")."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import lead_facts
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    def scored(sentence: str) -> ScoredSentence:
        return ScoredSentence(sentence, Passage(1, Hit("d:0", "d", sentence, 1.0, {"chunk_index": 0})), 1.0, 0.9,
                              True, 0)

    meeting = scored("Sáng 12/5/2027, tại Hội trường Tỉnh ủy, đồng chí Lò Văn Mạnh chủ trì phiên họp thứ ba.")
    assert lead_facts(analyse_question("Phiên họp thứ ba diễn ra ngày nào, ai chủ trì?"), meeting) == \
        "Sáng 12/5/2027; Lò Văn Mạnh"
    assert lead_facts(analyse_question("Ai chủ trì phiên họp thứ ba, họp ở đâu?"), meeting) == \
        "Lò Văn Mạnh; Hội trường Tỉnh ủy"
    row = scored("Nhiệm vụ: Lắp camera tại 30 nút giao; Cơ quan chủ trì: Công an tỉnh; Cơ quan phối hợp: Sở Xây dựng; "
                 "Thời hạn hoàn thành: Quý I/2027; Sản phẩm: camera")
    assert lead_facts(analyse_question("Lắp camera tại các nút giao: ai chủ trì, thời hạn?"), row) == \
        "Công an tỉnh; Quý I/2027"
    schools = scored("Huyện có 2 trường nghề là Trường Trung cấp nghề Mai Sơn và Trung tâm Giáo dục thường xuyên.")
    assert lead_facts(analyse_question("Huyện có mấy trường nghề, là những đơn vị nào?"), schools) == \
        "2 trường nghề"  # the list asked is the quoted sentence's, not one name cut from it
    # one kind asked twice, of two things: each clause's own figure
    spent = scored("Năm 2026 tỉnh chi 50 tỷ đồng cho chuyển đổi số, trong đó ngân sách tỉnh 30 tỷ đồng.")
    assert lead_facts(analyse_question("Năm 2026 tỉnh chi bao nhiêu cho chuyển đổi số, ngân sách tỉnh là bao "
                                       "nhiêu?"), spent) == "50 tỷ đồng; 30 tỷ đồng"


def test_a_count_opens_with_the_total_and_its_paired_units() -> None:
    """"bao nhiêu điểm cầu" is the total a sentence breaks down, unless the question names a part ("cấp xã");
    units counted together stay together ("17 thôn, bản")."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = "Toàn tỉnh có 180 điểm cầu, trong đó: 01 điểm cầu cấp tỉnh và 179 điểm cầu cấp xã với 9.500 đảng viên."
    sentence = ScoredSentence(text, Passage(1, Hit("d:0", "d", text, 1.0, {"chunk_index": 0})), 1.0, 0.9, True, 0)
    assert short_fact(analyse_question("Sơn La có bao nhiêu điểm cầu dự hội nghị?"), sentence) == "180 điểm cầu"
    assert short_fact(analyse_question("Sơn La có bao nhiêu điểm cầu cấp xã?"), sentence) != "180 điểm cầu"
    # a total whose count is said at length before "trong đó", and asked at a level it names further on
    text = "Có 12 đề tài khoa học và công nghệ cấp tỉnh được nghiệm thu, trong đó 5 đề tài được chuyển giao."
    sentence = ScoredSentence(text, Passage(1, Hit("d:2", "d", text, 1.0, {"chunk_index": 0})), 1.0, 0.9, True, 0)
    assert short_fact(analyse_question("Sơn La có bao nhiêu đề tài cấp tỉnh được nghiệm thu?"), sentence) == "12 đề tài"
    assert short_fact(analyse_question("Bao nhiêu đề tài được chuyển giao?"), sentence) == "5 đề tài"
    hamlets = "Đến nay còn 17 thôn, bản chưa có điện lưới quốc gia."
    sentence = ScoredSentence(hamlets, Passage(1, Hit("d:1", "d", hamlets, 1.0, {"chunk_index": 1})), 1.0, 0.9, True,
                              0)
    assert short_fact(analyse_question("Còn bao nhiêu thôn chưa có điện lưới?"), sentence) == "17 thôn, bản"


def test_who_of_a_sentence_naming_several_people_leads_with_each() -> None:
    """"Ai chủ trì …?" of "… chủ trì tại điểm cầu tỉnh có các đồng chí: A, …; B, …" is both of them."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = ("Chủ trì tại điểm cầu tỉnh có các đồng chí: Lò Văn Mạnh, Bí thư Tỉnh ủy; Cầm Thị Hoa, Chủ tịch UBND "
            "tỉnh.")
    sentence = ScoredSentence(text, Passage(1, Hit("d:0", "d", text, 1.0, {"chunk_index": 0})), 1.0, 0.9, True, 0)
    assert short_fact(analyse_question("Ai chủ trì tại điểm cầu tỉnh Sơn La?"), sentence) == \
        "Lò Văn Mạnh; Cầm Thị Hoa"


def test_a_place_s_name_ends_where_a_verb_read_with_it_begins() -> None:
    """"huyện Yên Thủy chậm báo cáo": the word segmenter reads "Yên Thủy chậm" as one word (a verb); the name is the
    fact."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = "Còn 5 xã chưa có cáp quang; huyện Phù Yên và huyện Yên Thủy chậm báo cáo định kỳ."
    sentence = ScoredSentence(text, Passage(1, Hit("d:0", "d", text, 1.0, {"chunk_index": 0})), 1.0, 0.9, True, 0)
    assert short_fact(analyse_question("Những huyện nào chậm báo cáo định kỳ?"), sentence) == \
        "huyện Phù Yên và huyện Yên Thủy"


def test_a_clause_the_best_sentence_does_not_speak_of_is_answered_by_its_document_s_sentence_that_does() -> None:
    """"… họp phiên đầu tiên vào ngày nào và do ai chủ trì?": the opening gives the day, the next sentence who
    chaired; both lead the answer, each sentence cited. A clause whose own words no sentence of the document says
    ("báo cáo ai") takes no other sentence."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import ExtractiveGenerator
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    hit = Hit("d:0", "d", "…", 1.0, {"chunk_index": 0})
    opening = ScoredSentence("Sáng 12/5, Ban Chỉ đạo tỉnh Sơn La họp phiên đầu tiên.", Passage(1, hit), 1.0, 0.9,
                             True, 0)
    chair = ScoredSentence("Đồng chí Lò Văn Mạnh, Bí thư Tỉnh ủy, chủ trì hội nghị.", Passage(1, hit), 0.5, 0.4,
                           True, 60)
    question = analyse_question("Ban Chỉ đạo tỉnh Sơn La họp phiên đầu tiên ngày nào, do ai chủ trì?")
    answer = ExtractiveGenerator(lambda _: 1.0).answer(question, [opening, chair])
    assert answer.startswith("Sáng 12/5; Lò Văn Mạnh — Sáng 12/5,") and answer.count("[1]") == 2, answer
    reported = analyse_question("Ban Chỉ đạo tỉnh Sơn La họp phiên đầu tiên ngày nào, báo cáo ai?")
    assert "Lò Văn Mạnh" not in ExtractiveGenerator(lambda _: 1.0).answer(reported, [opening, chair])


def test_a_count_is_led_by_a_number_and_by_the_part_the_question_names() -> None:
    """"Sở X chủ trì tổ chức bao nhiêu lớp?" of a task row is its number, not the body in the column the question's
    words name; "vốn doanh nghiệp … bao nhiêu?" of a broken-down total is the part named before its amount."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    def scored(sentence: str) -> ScoredSentence:
        return ScoredSentence(sentence, Passage(1, Hit("d:0", "d", sentence, 1.0, {"chunk_index": 0})), 1.0, 0.9,
                              True, 0)

    row = scored("Nhiệm vụ: Tổ chức 8 lớp tập huấn an toàn thông tin; Cơ quan chủ trì: Sở Nội vụ; Cơ quan phối hợp: "
                 "Công an tỉnh; Thời hạn hoàn thành: Quý III/2026")
    assert short_fact(analyse_question("Sở Nội vụ chủ trì tổ chức bao nhiêu lớp tập huấn?"), row) == "8 lớp tập huấn"
    budget = scored("Tổng kinh phí dự kiến là 90 tỷ đồng, trong đó: ngân sách tỉnh 60 tỷ đồng; vốn doanh nghiệp 30 tỷ "
                    "đồng.")
    assert short_fact(analyse_question("Vốn doanh nghiệp đóng góp bao nhiêu?"), budget) == "30 tỷ đồng"
    assert short_fact(analyse_question("Tổng kinh phí dự kiến là bao nhiêu?"), budget) == "90 tỷ đồng"


def test_two_kinds_of_document_asked_at_once_lead_with_a_number_of_each() -> None:
    """"… ban hành CTr và KH nào?": the programme's number and the plan's, in the order asked; "kế hoạch nào?"
    alone, the plan's."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from chat.generators.extractive import short_fact
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    text = ("Tỉnh ủy Sơn La đã ban hành Chương trình hành động số 31-CTr/TU ngày 2/3/2025; UBND tỉnh ban hành Kế "
            "hoạch số 40/KH-UBND ngày 9/3/2025.")
    sentence = ScoredSentence(text, Passage(1, Hit("doc:0", "doc", text, 1.0, {})), 0.5, 0.9, True, 0, (1.0,))
    both = analyse_question("Sơn La đã ban hành CTr và KH nào để thực hiện nghị quyết?")
    assert short_fact(both, sentence) == "31-CTr/TU; 40/KH-UBND"
    plan = analyse_question("Sơn La đã ban hành kế hoạch nào để thực hiện nghị quyết?")
    assert short_fact(plan, sentence) == "40/KH-UBND"


def _of_document(text: str, score: float, doc_id: str, n: int, **metadata: str):
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage
    from retrieval.hybrid import Hit

    hit = Hit(f"{doc_id}:0", doc_id, text, 1.0, {"chunk_index": 0, **metadata})
    return ScoredSentence(text, Passage(n, hit), 0.6, score, True, 0, (1.0,))


def test_a_figure_asked_at_two_documents_is_answered_by_one_sentence_of_each() -> None:
    """"… lúc ban hành Nghị quyết 12-NQ/TU và đến phiên họp thứ hai còn bao nhiêu thôn?": no sentence is of both
    the resolution and the meeting; the resolution's figure and the meeting conclusion's answer together, each
    named by its document and cited. Another sentence of the same document, or one far less likely, does not."""
    from chat.generators.extractive import ExtractiveGenerator
    from retrieval.question import analyse_question

    question = analyse_question("Số thôn chưa có sóng di động lúc ban hành Nghị quyết 12-NQ/TU và đến phiên họp "
                                "thứ hai của Ban Chỉ đạo còn bao nhiêu?")
    meeting = _of_document("Còn 17 thôn, xóm chưa có sóng di động.", 0.9, "tb15", 1,
                           official_name="Thông báo 15/TB-BCĐ", title="Kết luận tại phiên họp thứ hai năm 2025")
    resolution = _of_document("Còn 43 thôn, xóm chưa có sóng di động băng rộng.", 0.8, "nq12", 2,
                              official_name="Nghị quyết 12-NQ/TU", doc_number="12-NQ/TU")
    answer = ExtractiveGenerator(lambda _: 1.0).answer(question, [meeting, resolution])
    assert answer.splitlines() == ["- Thông báo 15/TB-BCĐ: 17 thôn, xóm — Còn 17 thôn, xóm chưa có sóng di động. [1]",
                                   "- Nghị quyết 12-NQ/TU: 43 thôn, xóm — Còn 43 thôn, xóm chưa có sóng di động băng "
                                   "rộng. [2]"], answer
    unlikely = _of_document(resolution.text, 0.3, "nq12", 2, official_name="Nghị quyết 12-NQ/TU",
                            doc_number="12-NQ/TU")
    assert "43" not in ExtractiveGenerator(lambda _: 1.0).answer(question, [meeting, unlikely])


def test_one_fact_asked_of_several_provinces_leads_each_province_s_bullet() -> None:
    """"Sơn La và Lai Châu có bao nhiêu trạm 5G?": one bullet per province, each naming it and opening with its
    own figure, then its quoted sentence and citation."""
    from chat.generators.extractive import ExtractiveGenerator
    from retrieval.question import analyse_question

    question = analyse_question("Sơn La và Lai Châu hiện có bao nhiêu trạm phát sóng 5G?")
    son_la = _of_document("Toàn tỉnh hiện có 120 trạm phát sóng 5G.", 0.9, "sl", 1, province="Sơn La")
    lai_chau = _of_document("Đến nay có 85 trạm phát sóng 5G được lắp đặt.", 0.8, "lc", 2, province="Lai Châu")
    answer = ExtractiveGenerator(lambda _: 1.0).answer(question, [son_la, lai_chau])
    assert sorted(answer.splitlines()) == [
        "- Lai Châu: 85 trạm phát sóng — Đến nay có 85 trạm phát sóng 5G được lắp đặt. [2]",
        "- Sơn La: 120 trạm phát sóng — Toàn tỉnh hiện có 120 trạm phát sóng 5G. [1]"], answer


def test_which_document_says_something_is_answered_by_the_document_its_sentence_stands_in() -> None:
    """"Văn bản nào quy định …?": a sentence of a numbered document stating it answers by standing in it, the
    answer led by the document's name; of a list of documents, each bullet names its own; a news article (no
    number) or a document of another kind than the one asked ("kế hoạch nào") states no document."""
    from chat.evidence import own_document
    from chat.generators.extractive import ExtractiveGenerator
    from retrieval.question import analyse_question

    plan = _of_document("Sở Tài chính là cơ quan thường trực, tổng hợp báo cáo hằng quý.", 0.9, "kh31", 1,
                        official_name="Kế hoạch 31/KH-UBND", doc_number="31/KH-UBND")
    decision = _of_document("Sở Tài chính là cơ quan thường trực của Tổ công tác.", 0.85, "qd7", 2,
                            official_name="Quyết định 7/QĐ-UBND", doc_number="7/QĐ-UBND")
    article = _of_document("Sở Tài chính là cơ quan thường trực, báo cáo viên cho biết.", 0.8, "tin", 3,
                           title="Huyện họp tổ công tác")
    which = analyse_question("Văn bản nào quy định Sở Tài chính là cơ quan thường trực?")
    answer = ExtractiveGenerator(lambda _: 1.0).answer(which, [plan, decision])
    assert answer.startswith("Kế hoạch 31/KH-UBND — Sở Tài chính là cơ quan thường trực"), answer
    assert own_document(which, article.passage) == ""
    assert own_document(analyse_question("Quyết định nào quy định Sở Tài chính là cơ quan thường trực?"),
                        plan.passage) == ""
    assert own_document(analyse_question("Sở Tài chính là cơ quan thường trực theo những văn bản nào?"),
                        decision.passage) == "Quyết định 7/QĐ-UBND"
    listed = analyse_question("Những văn bản nào giao Sở Tài chính làm cơ quan thường trực?")
    assert ExtractiveGenerator(lambda _: 1.0).answer(listed, [plan, decision]).splitlines() == [
        "- Kế hoạch 31/KH-UBND — Sở Tài chính là cơ quan thường trực, tổng hợp báo cáo hằng quý. [1]",
        "- Quyết định 7/QĐ-UBND — Sở Tài chính là cơ quan thường trực của Tổ công tác. [2]"]


def test_who_leads_and_who_takes_part_are_read_beside_their_verbs() -> None:
    """"Cơ quan nào chủ trì …, phối hợp với cơ quan nào?" of "Sở Nội vụ chủ trì, phối hợp với Sở Tài chính bố trí
    biên chế": the body before "chủ trì", then the one after "phối hợp với" (not the one nearest the task's words)."""
    from chat.generators.extractive import ExtractiveGenerator
    from retrieval.question import analyse_question

    sentence = _of_document("Sở Nội vụ chủ trì, phối hợp với Sở Tài chính bố trí biên chế cán bộ chuyên trách.", 0.9,
                            "kh", 1)
    both = analyse_question("Cơ quan nào chủ trì bố trí biên chế cán bộ chuyên trách, phối hợp với cơ quan nào?")
    answer = ExtractiveGenerator(lambda _: 1.0).answer(both, [sentence])
    assert answer.startswith("Sở Nội vụ; Sở Tài chính — "), answer
    partner = analyse_question("Sở Nội vụ phối hợp với cơ quan nào bố trí biên chế cán bộ chuyên trách?")
    assert ExtractiveGenerator(lambda _: 1.0).answer(partner, [sentence]).startswith("Sở Tài chính — ")
