"""Which passages and sentences an answer is drawn from."""

from __future__ import annotations

from dataclasses import replace

from chat.evidence import answer_passages
from retrieval.hybrid import Hit
from retrieval.question import analyse_question


def _hit(doc: str, index: int, text: str = "") -> Hit:
    return Hit(f"{doc}:{index}", doc, text or f"{doc} {index}", 1.0, {"chunk_index": index})


def test_a_when_or_where_question_also_reads_the_opening_of_the_reports_it_found() -> None:
    """A news report says when and where in its lead ("Sáng ngày 13/01/2025, … tổ chức hội nghị …"), while the
    question's other words ("quán triệt nghị quyết") match later paragraphs best: the lead of a document among
    the best passages is read too, when retrieval found it further down; other documents' leads are not."""
    contexts = [_hit("ha-nam", 4), _hit("nam-dinh", 1), _hit("ha-nam", 5), _hit("lao-cai", 0), _hit("ha-nam", 0)]
    when = answer_passages(analyse_question("Hội nghị toàn quốc quán triệt nghị quyết diễn ra khi nào?"), contexts, 3)
    assert [p.hit.chunk_id for p in when] == ["ha-nam:4", "nam-dinh:1", "ha-nam:5", "ha-nam:0"]
    assert [p.n for p in when] == [1, 2, 3, 4]
    who = answer_passages(analyse_question("Ai phát biểu tại hội nghị toàn quốc?"), contexts, 3)
    assert [p.hit.chunk_id for p in who] == ["ha-nam:4", "nam-dinh:1", "ha-nam:5"]



def test_a_list_of_one_kind_of_fact_across_the_provinces_reads_each_document_found() -> None:
    """"Những kế hoạch nào …" of no province: each province's document may hold one, though retrieval ranks a
    second chunk of the first document above it; a list naming its province, or a question for one fact, does not
    read further down."""
    contexts = [_hit("son-la", 4), _hit("son-la", 5), _hit("son-la", 0), _hit("lai-chau", 2), _hit("yen-bai", 1),
                _hit("lai-chau", 3)]
    plans = answer_passages(analyse_question("Những kế hoạch nào được ban hành để thực hiện chương trình?"), contexts,
                            3)
    assert [p.hit.chunk_id for p in plans] == ["son-la:4", "son-la:5", "son-la:0", "lai-chau:2", "yen-bai:1"]
    for narrower in ("Những kế hoạch nào của tỉnh Sơn La được ban hành?", "Kế hoạch thực hiện chương trình số mấy?"):
        assert len(answer_passages(analyse_question(narrower), contexts, 3)) == 3, narrower


def _selected(question, sentence: str, passage: str = "", **metadata) -> tuple:
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage

    hit = Hit("doc:0", "doc", f"{passage} {sentence}".strip(), 1.0, {"chunk_index": 0, **metadata})
    return (ScoredSentence(sentence, Passage(1, hit), 1.0, 0.9, True, 0),)


def _scored(text: str, score: float, context: str = "", doc_id: str = "doc", **metadata) -> tuple:
    """A ranked sentence with features, in a passage of document `doc_id` reading `context` (the sentence itself by
    default)."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage

    hit = Hit(f"{doc_id}:0", doc_id, context or text, 1.0, {"chunk_index": 0, **metadata})
    return ScoredSentence(text, Passage(1, hit), 0.5, score, True, 0, (1.0,))


def _at_the_meeting(text: str, score: float) -> tuple:
    """A ranked sentence of a report on Sơn La's review meeting."""
    return _scored(text, score, "Hội nghị sơ kết của tỉnh Sơn La.")


def test_a_sentence_about_another_year_does_not_answer_the_year_asked() -> None:
    """"Đến năm 2030 … bao nhiêu?" is not answered by "Đến năm 2026, … đạt 80%" (a target of another year), though
    the passage speaks of 2030 elsewhere; a sentence that names no year still leans on its passage."""
    from chat.evidence import support

    question = analyse_question("Đến năm 2030, tỷ lệ người dân dùng dịch vụ công trực tuyến đạt bao nhiêu?")
    elsewhere = "Tầm nhìn đến năm 2030 và năm 2045."
    other_year = "Đến năm 2026, tỷ lệ người dân dùng dịch vụ công trực tuyến đạt 80%."
    assert support(question, list(_selected(question, other_year, elsewhere))) == 0.0
    assert support(question, list(_selected(question, "Tỷ lệ người dân dùng dịch vụ công trực tuyến đạt 90%.",
                                            elsewhere))) == 0.9
    assert support(question, list(_selected(question, other_year.replace("2026", "2030"), elsewhere))) == 0.9
    # typed without diacritics, or "đến 2030" without "năm": the same year asked
    for typed in ("den nam 2030 ty le nguoi dan dung dich vu cong truc tuyen dat bao nhieu",
                  "Đến 2030 tỷ lệ người dân dùng dịch vụ công trực tuyến đạt bao nhiêu?"):
        assert support(analyse_question(typed), list(_selected(analyse_question(typed), other_year, elsewhere))) == 0.0


def test_a_meeting_s_ordinal_may_be_stated_by_its_document_s_subject() -> None:
    """A conclusion's task paragraph never repeats "phiên họp thứ hai": its document's subject (trích yếu) says it."""
    from chat.evidence import support

    question = analyse_question("Theo kết luận phiên họp thứ 2, Văn phòng phải kết nối hệ thống trước ngày nào?")
    task = "Văn phòng chủ trì kết nối hệ thống với 100% cấp xã trước ngày 15/01/2026."
    assert support(question, list(_selected(question, task))) == 0.0
    assert support(question, list(_selected(question, task, subject="Kết luận tại phiên họp thứ hai năm 2025"))) == 0.9
    assert support(question, list(_selected(question, task, subject="Kết luận tại phiên họp thứ ba năm 2025"))) == 0.0


def test_a_document_named_by_the_question_may_be_cited_by_the_passage_s_document_subject() -> None:
    """A plan's budget paragraph never repeats the resolution it implements; its subject (trích yếu) does."""
    from chat.evidence import support

    question = analyse_question("Kế hoạch triển khai Nghị quyết 57-NQ/TW cần tổng kinh phí bao nhiêu tiền?")
    budget = "Tổng kinh phí thực hiện Kế hoạch năm 2026 dự kiến là 186,5 tỷ đồng."
    assert support(question, list(_selected(question, budget))) == 0.0
    assert support(question, list(_selected(question, budget, subject="Triển khai Nghị quyết số 57-NQ/TW"))) == 0.9


def test_what_the_other_chunks_of_the_document_say_pins_the_meeting_and_the_resolution() -> None:
    """A news report names its meeting ("họp phiên đầu tiên") and the resolution it is about once, in its opening;
    the paragraph holding the fact ("đã công bố Quyết định số …") answers a question naming either, when
    retrieval found that opening too — not when the other chunk found is of another document."""
    from chat.evidence import ScoredSentence, support
    from chat.generators.base import Passage

    opening = _hit("report", 0, "Sáng 5/4, Ban Chỉ đạo tỉnh họp phiên đầu tiên để triển khai Nghị quyết 57-NQ/TW.")
    fact = "Tại hội nghị đã công bố Quyết định số 88-QĐ/TU thành lập Ban Chỉ đạo."
    contexts = [_hit("report", 3, fact), opening, _hit("other", 0, "Phiên họp thứ ba bàn về Nghị quyết 57-NQ/TW.")]
    passages = answer_passages(analyse_question("Quyết định số mấy?"), contexts, 1)
    assert passages[0].elsewhere == opening.text  # its own document's other chunk, not the other document's

    def selected(passage: Passage) -> list[ScoredSentence]:
        return [ScoredSentence(fact, passage, 1.0, 0.9, True, 0)]

    alone = Passage(1, contexts[0])
    for asked in ("Tại phiên họp đầu tiên, quyết định thành lập Ban Chỉ đạo được công bố có số hiệu là gì?",
                  "Hội nghị triển khai Nghị quyết 57-NQ/TW đã công bố quyết định số mấy?"):
        question = analyse_question(asked)
        assert support(question, selected(alone)) == 0.0
        assert support(question, selected(passages[0])) == 0.9
    third = analyse_question("Tại phiên họp thứ ba, quyết định được công bố có số hiệu là gì?")
    assert support(third, selected(passages[0])) == 0.0
    # and the sentence ranks as one of a document the question cites (before those that would be refused)
    from chat.evidence import FEATURES, candidates

    cited = FEATURES.index("doc_numbers_ok")
    question = analyse_question("Hội nghị triển khai Nghị quyết 57-NQ/TW đã công bố quyết định số mấy?")
    assert [c.features[cited] for c in candidates(question, [alone])] == [0.0]
    assert [c.features[cited] for c in candidates(question, passages)] == [1.0]


def test_a_name_the_question_capitalises_is_found_only_where_the_text_capitalises_it() -> None:
    """"Pháp" (France) is not in "giải pháp" (a solution); numbers are found whatever the case around them."""
    from chat.evidence import _names

    assert _names("Hop tac voi Phap ve dao tao", "phap") and _names("Tinh Hoa Binh", "hoa binh")
    assert not _names("Trien khai cac giai phap dot pha", "phap") and not _names("hoa binh the gioi", "hoa binh")
    assert _names("Nghi quyet 57-NQ/TW", "57") and not _names("nam 2057", "57")


def test_a_name_or_number_the_question_states_counts_only_as_whole_syllables() -> None:
    """"57" is not in "2057", nor "anh" in "Thanh Hóa" (the check was a plain substring)."""
    from chat.evidence import _has

    assert _has("tinh hoa binh", "hoa binh") and _has("nghi quyet 57-nq/tw", "57")
    assert not _has("nam 2057", "57") and not _has("thanh hoa", "anh")
    # a date's day and month are the same with or without a leading zero, and only whole
    assert _has("hoi nghi sang 13/01/2025", "13/1/2025") and _has("ngay 3/1/2025", "03/01/2025")
    assert not _has("ngay 113/1/2025", "13/1/2025") and not _has("ngay 13/11/2025", "13/1/2025")


def test_a_close_runner_up_stating_the_years_asked_answers_instead_of_the_best() -> None:
    """"Trong giai đoạn 2019 - 2022 … bao nhiêu phần trăm?" is answered by the sentence of those years, not by this
    year's figure ranked a little higher; a runner-up far below the best is not taken."""
    from chat.evidence import ScoredSentence, select
    from chat.generators.base import Passage

    question = analyse_question("Trong giai đoạn 2019 - 2022, tỉnh xử lý trực tuyến bao nhiêu phần trăm hồ sơ?")
    hit = Hit("doc:0", "doc", "Hồ sơ trực tuyến.", 1.0, {"chunk_index": 0})

    def scored(text: str, score: float) -> ScoredSentence:
        return ScoredSentence(text, Passage(1, hit), 0.5, score, True, 0, (1.0,))

    this_year = scored("Năm nay tỷ lệ hồ sơ xử lý trực tuyến đạt 74%.", 0.95)
    those_years = scored("Giai đoạn 2019 - 2022, tỷ lệ hồ sơ xử lý trực tuyến đạt 61%.", 0.9)
    assert select(question, [this_year, those_years], 3) == [those_years]
    assert select(question, [this_year, scored(those_years.text, 0.5)], 3) == [this_year]


def test_a_sentence_of_the_document_the_question_cites_ranks_before_others() -> None:
    """"… trong Thông báo 15/TB-BCĐ, thời hạn là khi nào?": the notice's own task, though another plan's task row
    shares more words; a sentence of another document would be refused by support() anyway."""
    from chat.evidence import rank_sentences
    from chat.generators.base import Passage

    question = analyse_question("Sở Nội vụ được giao việc gì trong Thông báo 15/TB-BCĐ, thời hạn là khi nào?")
    plan = Hit("plan:0", "plan", "Nhiệm vụ: Tổ chức lớp bồi dưỡng; Cơ quan chủ trì: Sở Nội vụ được giao; Thời hạn "
               "hoàn thành: Tháng 10/2026.", 1.0, {"chunk_index": 0, "doc_number": "99/KH-UBND"})
    notice = Hit("notice:0", "notice", "Sở Nội vụ tham mưu bố trí biên chế, hoàn thành trong tháng 02/2026.", 0.5,
                 {"chunk_index": 0, "doc_number": "15/TB-BCĐ"})
    ranked = rank_sentences(question, [Passage(1, plan), Passage(2, notice)])
    assert ranked[0].passage.hit.doc_id == "notice", [(s.text, s.score) for s in ranked]


def test_of_close_task_rows_the_one_whose_task_the_question_names_answers() -> None:
    """"… chủ trì xây dựng kho dữ liệu …?" is the row "Xây dựng kho dữ liệu", though the row about the data
    store's rules scores higher (rows of one table score alike); a row far below the best is not taken."""
    from chat.evidence import ScoredSentence, select
    from chat.generators.base import Passage

    question = analyse_question("Cơ quan nào chủ trì xây dựng kho dữ liệu của tỉnh Sơn La?")
    hit = Hit("doc:0", "doc", "Phụ lục nhiệm vụ.", 1.0, {"chunk_index": 0})

    def row(task: str, lead: str, score: float) -> ScoredSentence:
        text = f"Nhiệm vụ: {task}; Cơ quan chủ trì: {lead}; Thời hạn hoàn thành: Quý IV/2026"
        return ScoredSentence(text, Passage(1, hit), 0.5, score, True, 0, (1.0,))

    rules = row("Ban hành quy chế khai thác kho dữ liệu của tỉnh", "Sở Tư pháp", 0.95)
    build = row("Xây dựng kho dữ liệu của tỉnh", "Trung tâm Dữ liệu", 0.9)
    assert select(question, [rules, build], 3) == [build]
    assert select(question, [rules, row("Xây dựng kho dữ liệu của tỉnh", "Trung tâm Dữ liệu", 0.7)], 3)[0].score == 0.7
    assert select(question, [rules, row(build.text[10:40], "Trung tâm Dữ liệu", 0.5)], 3) == [rules]


def test_of_close_sentences_an_open_question_is_answered_by_the_one_holding_what_it_asks_about() -> None:
    """"Hội nghị … năm 2025 được phát sóng trực tiếp trên kênh nào?": the words before "nào" say what is asked; the
    sentence that only repeats the meeting the rest of the question sets is not the answer, though it scores a
    little higher; a sentence far below the best is taken from the best's own document only."""
    from chat.evidence import focus_terms, select

    question = analyse_question("Hội nghị sơ kết chuyển đổi số của tỉnh Sơn La năm 2025 được phát sóng trực tiếp "
                                "trên kênh nào?")
    assert "kenh" in focus_terms(question) and "son" not in focus_terms(question)

    def scored(text: str, score: float, doc_id: str = "doc") -> tuple:
        return _scored(text, score, "Hội nghị sơ kết chuyển đổi số năm 2025 của tỉnh Sơn La.", doc_id)

    meeting = scored("Sáng 12/3, tỉnh Sơn La tổ chức Hội nghị sơ kết chuyển đổi số năm 2025.", 0.95)
    broadcast = scored("Hội nghị được phát sóng trực tiếp trên kênh truyền hình STV.", 0.9)
    assert select(question, [meeting, broadcast], 3)[0] is broadcast
    assert select(question, [meeting, scored(broadcast.text, 0.5, "other")], 3)[0] is meeting
    assert select(question, [meeting, scored(broadcast.text, 0.3)], 3)[0].text == broadcast.text
    # holding none of it, the best only restates the setting: a runner-up further down that holds it answers
    assert select(question, [meeting, scored(broadcast.text, 0.75)], 3)[0].text == broadcast.text


def test_how_things_stand_is_answered_by_what_stands_not_by_the_target() -> None:
    """"Theo thực trạng …, tỷ lệ … là bao nhiêu?": the resolution's "mới đạt 35%" answers, not its target "Đến năm
    2030: … đạt 90%" that ranks higher; a question about the target keeps the target."""
    from chat.evidence import select

    def scored(text: str, score: float) -> tuple:
        return _scored(text, score, "Nghị quyết về chuyển đổi số của tỉnh Sơn La.")

    target = scored("Đến năm 2030: tỷ lệ hộ gia đình dùng internet cáp quang đạt 90%; kinh tế số chiếm 15% GRDP.", 0.9)
    standing = scored("Tỷ lệ hộ gia đình dùng internet cáp quang mới đạt 35%, thấp hơn bình quân cả nước.", 0.7)
    now = analyse_question("Theo thực trạng nêu trong nghị quyết, tỷ lệ hộ gia đình dùng internet cáp quang là bao "
                           "nhiêu phần trăm?")
    assert select(now, [target, standing], 3)[0] is standing
    then = analyse_question("Tỷ lệ hộ gia đình dùng internet cáp quang phải đạt bao nhiêu phần trăm vào năm 2030?")
    assert select(then, [target, standing], 3)[0] is target
    # a plan's task ("Hỗ trợ … 50% …") says what is to be done, not what stands either
    task = scored("Hỗ trợ tối đa 50% chi phí lắp đặt internet cáp quang cho hộ gia đình ở vùng cao.", 0.9)
    assert select(now, [task, standing], 3)[0] is standing


def test_who_holds_the_other_role_is_not_the_one_in_the_role_set_aside() -> None:
    """"Ngoài Phó Trưởng ban thường trực, Phó Trưởng ban còn lại là ai?": the standing deputy's line ranks first
    for sharing every word; the other deputy's answers."""
    from chat.evidence import select

    question = analyse_question("Tổ công tác số: ngoài Phó Trưởng ban thường trực, Phó Trưởng ban còn lại là ai?")
    standing = _scored("Phó Trưởng ban thường trực: Ông Lò Văn Pha, Giám đốc Sở Nội vụ.", 0.9)
    other = _scored("Phó Trưởng ban: Bà Lường Thị Hoa, Phó Chủ tịch Ủy ban nhân dân huyện.", 0.7)
    assert select(question, [standing, other], 3)[0] is other
    plain = analyse_question("Tổ công tác số: Phó Trưởng ban thường trực là ai?")
    assert select(plain, [standing, other], 3)[0] is standing


def test_a_word_the_question_spells_with_its_diacritics_is_not_held_by_its_folded_twin() -> None:
    """"… trình ra kỳ họp nào?": a task row's "phối hợp" holds no "họp"; the sentence on the session is the answer,
    though the row scores higher."""
    from chat.evidence import select

    question = analyse_question("Đề án nhà ở xã hội của tỉnh Sơn La dự kiến trình ra kỳ họp nào?")
    row = _scored("Nhiệm vụ: Đề án nhà ở xã hội; Cơ quan chủ trì: Sở Xây dựng; Cơ quan phối hợp: Sở Tài chính", 0.9)
    session = _scored("Đề án nhà ở xã hội được trình ra kỳ họp cuối năm 2026 của Hội đồng nhân dân tỉnh.", 0.7)
    assert select(question, [row, session], 3)[0] is session
    # the row is the answer when nothing else speaks of a session
    other = _scored("Đề án nhà ở xã hội được công bố rộng rãi.", 0.7)
    assert select(question, [row, other], 3)[0] is row


def test_a_numbered_heading_in_capitals_is_context_not_an_answer() -> None:
    """"II. QUAN ĐIỂM, MỤC TIÊU" names the section that follows and states nothing; a heading in sentence case
    ("2. Mục tiêu cụ thể") may be the only place a short fact stands, so it stays a candidate."""
    from chat.evidence import candidates
    from chat.generators.base import Passage

    text = ("Kế hoạch chuyển đổi số.\nII. QUAN ĐIỂM, MỤC TIÊU\nChuyển đổi số là nhiệm vụ trọng tâm của tỉnh.\n"
            "2. Mục tiêu cụ thể\nĐến năm 2026 đạt 80%.")
    found = candidates(analyse_question("Quan điểm mục tiêu của kế hoạch chuyển đổi số là gì?"),
                       [Passage(1, Hit("d:0", "d", text, 1.0, {"chunk_index": 0}))])
    texts = [c.text for c in found]
    assert not any("QUAN ĐIỂM" in t for t in texts) and "Mục tiêu cụ thể" in texts, texts


def test_of_close_sentences_a_who_question_is_answered_by_the_one_saying_what_the_person_did() -> None:
    """"Ai là người trình bày báo cáo tại hội nghị …?" asks who reported: of two close sentences naming people,
    the one where someone reports, not the one that only names the meeting's chair; a surname spelled like the
    verb ("Trịnh" and "trình") holds nothing of it."""
    from chat.evidence import focus_terms, select

    question = analyse_question("Ai là người trình bày báo cáo tại hội nghị sơ kết của tỉnh Sơn La?")
    assert {"trinh", "bay", "bao", "cao"} <= set(focus_terms(question)) and "son" not in focus_terms(question)

    chair = _at_the_meeting("Hội nghị sơ kết của tỉnh Sơn La do đồng chí Trịnh Văn Nam, Bí thư Tỉnh ủy, chủ trì.", 0.95)
    report = _at_the_meeting("Đồng chí Lê Thị Mai, Giám đốc Sở Tài chính báo cáo kết quả thực hiện.", 0.9)
    assert select(question, [chair, report], 3)[0] is report
    assert select(question, [chair, _at_the_meeting(report.text, 0.5)], 3)[0] is chair


def test_which_body_asks_about_what_stands_before_its_interrogative() -> None:
    """"… phối hợp với đơn vị nào …?" asks for a partner: of close sentences naming bodies, the one where a body
    is partnered, not the one that only names the speaker's posts."""
    from chat.evidence import focus_terms

    question = analyse_question("Khi kết luận hội nghị, Bí thư Tỉnh ủy đề nghị Sở Nội vụ phối hợp với đơn vị nào?")
    assert question.kind == "organisation" and {"phoi", "hop"} <= set(focus_terms(question))
    assert "ket" not in focus_terms(question)
    # what the body asked for does, said after it: "giao cơ quan nào chủ trì giám sát …?"
    after = analyse_question("Kế hoạch giao cơ quan nào chủ trì giám sát việc thực hiện?")
    assert {"giao", "giam", "sat"} <= set(focus_terms(after))


def test_a_meeting_named_by_its_ordinal_is_answered_from_the_document_about_it_however_far_below() -> None:
    """"Đến phiên họp thứ hai … thì còn bao nhiêu bản?": a resolution's "còn 40 bản" shares more words but names
    no meeting; the conclusion of the second meeting says "Còn 12 bản", far below it. A document about another
    meeting is not taken."""
    from chat.evidence import select

    question = analyse_question("Đến phiên họp thứ hai năm 2025 của Ban Chỉ đạo thì tỉnh còn bao nhiêu bản chưa có "
                                "điện lưới?")
    resolution = _scored("Năm 2025, tỉnh còn 40 bản chưa có điện lưới quốc gia.", 0.95,
                         subject="Nghị quyết về điện nông thôn")
    conclusion = _scored("Còn 12 bản chưa có điện lưới.", 0.5, subject="Kết luận tại phiên họp thứ hai năm 2025")
    assert select(question, [resolution, conclusion], 3)[0] is conclusion
    third = _scored(conclusion.text, 0.5, subject="Kết luận tại phiên họp thứ ba năm 2025")
    assert select(question, [resolution, third], 3)[0] is resolution


def _document(text: str, scores: dict[str, float]) -> list:
    """Ranked sentences of one passage reading `text`: each key of `scores` (a line's opening words) with its
    score, in the order given."""
    from chat.evidence import ScoredSentence
    from chat.generators.base import Passage

    passage = Passage(1, Hit("doc:0", "doc", text, 1.0, {"chunk_index": 0}))
    found = []
    for opening, score in scores.items():
        start = text.index(opening)
        end = text.find("\n", start)
        found.append(ScoredSentence(text[start:end if end > 0 else len(text)], passage, 0.5, score, False, start,
                                    (1.0,)))
    return found


NOTICE = """THÔNG BÁO
Kết luận của Tổ trưởng Tổ công tác số huyện Mường Tè tại phiên họp quý III
1. Kết quả đạt được
Đã có 30 xã kết nối mạng chuyên dùng.
2. Khó khăn, vướng mắc
Còn 5 xã chưa có cáp quang; kinh phí bố trí chậm.
3. Nhiệm vụ thời gian tới
Hoàn thành cáp quang trước quý II."""


def test_a_section_the_question_names_word_for_word_answers_however_far_below_its_heading_ranks() -> None:
    """The notice's title shares most words with a question naming the notice; the heading the question names
    ("những khó khăn, vướng mắc nào") ranks far below it, yet its lines are the answer, as likely as the title."""
    from chat.evidence import select

    ranked = _document(NOTICE, {"Kết luận của Tổ trưởng": 0.95, "Đã có 30 xã": 0.4, "Khó khăn": 0.3,
                                "Còn 5 xã": 0.2})
    question = analyse_question("Thông báo kết luận phiên họp quý III của Tổ công tác số huyện Mường Tè nêu những "
                                "khó khăn, vướng mắc nào?")
    chosen = select(question, ranked, 3)
    assert [s.text for s in chosen] == ["Còn 5 xã chưa có cáp quang; kinh phí bố trí chậm."]
    assert chosen[0].score == 0.95
    from chat.evidence import names_a_section

    assert names_a_section(question, ranked)  # its list answers, before any store of tasks
    # a question naming no heading keeps the best sentence
    other = analyse_question("Thông báo kết luận phiên họp quý III của Tổ công tác số huyện Mường Tè do ai ban hành?")
    assert select(other, ranked, 3)[0].text.startswith("Kết luận của Tổ trưởng") and not names_a_section(other, ranked)

    # the best sentence one line of the section the question names: the whole section, though that line states a
    # fact asked by itself
    duties = analyse_question("Trong phần nhiệm vụ thời gian tới, những xã nào được giao việc?")
    lines = _document(NOTICE.replace("Hoàn thành cáp quang trước quý II.", "Xã Mù Cả hoàn thành cáp quang trước quý "
                                     "II.\nXã Tà Tổng lắp trạm phát sóng."),
                      {"Xã Mù Cả": 0.9, "Nhiệm vụ thời gian tới": 0.3, "Xã Tà Tổng": 0.2, "Đã có 30 xã": 0.1})
    assert [s.text[:9] for s in select(duties, lines, 3)] == ["Xã Mù Cả ", "Xã Tà Tổn"]


ROSTER = """Điều 1. Thành lập Tổ công tác số huyện Mường Tè, gồm các thành viên sau:
1. Tổ trưởng: Ông Lê Văn Nam, Phó Chủ tịch UBND huyện.
2. Các Ủy viên:
- Bà Hà Thị Lan, Trưởng phòng Văn hóa;
- Ông Vi Văn Tâm, Trưởng phòng Nội vụ.
Điều 2. Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ."""


def test_a_request_asks_for_what_it_names_first_and_a_compound_is_held_whole() -> None:
    """"Cho danh sách các Ủy viên của Tổ công tác …": no question word, the request names what it asks for; the
    article announcing all members holds "thành viên", not "ủy viên", so the section of the members answers."""
    from chat.evidence import focus_terms, select

    question = analyse_question("Cho danh sách các Ủy viên của Tổ công tác số huyện Mường Tè.")
    assert question.is_list and set(focus_terms(question)) == {"uy", "vien", "uy_vien"}  # not "của Tổ …"
    ranked = _document(ROSTER, {"Thành lập Tổ công tác": 0.95, "Các Ủy viên": 0.62, "Tổ trưởng": 0.5,
                                "- Bà Hà": 0.3, "- Ông Vi": 0.3})
    assert [s.text[:8] for s in select(question, ranked, 3)] == ["- Bà Hà ", "- Ông Vi"]
    # asked for every member, the article's own list answers
    members = analyse_question("Kể tên giúp tôi các thành viên của Tổ công tác số huyện Mường Tè.")
    assert len(select(members, ranked, 3)) == 4
    # quoted one bullet each, without the list's own dash
    from chat.generators.extractive import ExtractiveGenerator

    answer = ExtractiveGenerator(lambda term: 1.0).answer(question, ranked)
    assert answer.splitlines() == ["- Bà Hà Thị Lan, Trưởng phòng Văn hóa; [1]",
                                   "- Ông Vi Văn Tâm, Trưởng phòng Nội vụ. [1]"]


def test_an_open_question_whose_best_sentence_announces_a_list_gets_the_list() -> None:
    """"gap kho khan gi" asks no list in words, but the best sentence announces one ("… khó khăn như: …"): the
    sentences it announces are the answer."""
    from chat.evidence import ScoredSentence, select
    from chat.generators.base import Passage

    text = ("Huyện Mường Tè còn gặp một số khó khăn như: Kinh phí cho chuyển đổi số còn thấp. Cán bộ chuyên trách "
            "còn thiếu. Hạ tầng mạng ở vùng cao chưa đồng bộ.")
    passage = Passage(1, Hit("doc:0", "doc", text, 1.0, {"chunk_index": 0}))
    pieces = ["Huyện Mường Tè còn gặp một số khó khăn như: Kinh phí cho chuyển đổi số còn thấp.",
              "Cán bộ chuyên trách còn thiếu.", "Hạ tầng mạng ở vùng cao chưa đồng bộ."]
    ranked = [ScoredSentence(p, passage, 0.5, score, False, text.index(p), (1.0,))
              for p, score in zip(pieces, (0.9, 0.2, 0.1))]
    question = analyse_question("muong te gap kho khan gi trong chuyen doi so")
    assert not question.is_list and question.kind is None
    assert [s.text for s in select(question, ranked, 3)] == pieces


def test_a_code_the_question_states_must_be_in_the_evidence() -> None:
    """"… trạm phát sóng 5G?" is not answered by the count of all stations; "5 G" spaced is the same code."""
    from chat.evidence import support

    question = analyse_question("Huyện Mường Tè có bao nhiêu trạm phát sóng 5G?")
    assert support(question, [_scored("Toàn huyện Mường Tè có 120 trạm phát sóng di động.", 0.9)]) == 0.0
    assert support(question, [_scored("Toàn huyện Mường Tè có 12 trạm phát sóng 5 G.", 0.9)]) == 0.9


def test_the_head_of_a_committee_of_the_centre_is_not_a_province_s() -> None:
    """"Ai là Trưởng Ban Chỉ đạo của tỉnh Sơn La?" is not answered by the central committee's head named in a
    Sơn La report; asked of the central committee, the same sentence answers."""
    from chat.evidence import support

    sentence = ("Hội nghị nghe công bố Quyết định thành lập Ban Chỉ đạo Trung ương về chuyển đổi số, do đồng chí "
                "Nguyễn Văn An làm Trưởng ban.")
    central = _scored(sentence, 0.9, province="Sơn La")
    assert support(analyse_question("Ai là Trưởng Ban Chỉ đạo của tỉnh Sơn La?"), [central]) == 0.0
    assert support(analyse_question("Ai là Trưởng Ban Chỉ đạo Trung ương về chuyển đổi số?"), [central]) == 0.9
    own = _scored("Đồng chí Lò Văn Pha, Ủy viên Ban Chấp hành Trung ương Đảng, Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo "
                  "phát biểu.", 0.9, province="Sơn La")
    assert support(analyse_question("Ai là Trưởng Ban Chỉ đạo của tỉnh Sơn La?"), [own]) == 0.9


def test_the_head_of_one_committee_is_not_the_head_of_another() -> None:
    """A province has several steering committees: "Trưởng BCĐ chính quyền số tỉnh Sơn La" is not answered by the
    head of its Nghị quyết 57 committee, and "BCĐ 57" not by the digital-government one's head; a committee named
    by its subject ("BCĐ CĐS", "BCĐ về KHCN") or by Nghị quyết 57 is the same one; a question naming no committee,
    or a passage naming none, is not held to one."""
    from chat.evidence import support

    nq57 = _scored("Đồng chí Lò Văn Pha, Bí thư Tỉnh ủy, Trưởng Ban Chỉ đạo Nghị quyết 57 tỉnh phát biểu.", 0.9,
                   province="Sơn La")
    digital = _scored("Đồng chí Cầm Thị Mai, Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo chủ trì phiên họp của Ban Chỉ "
                      "đạo xây dựng chính quyền số tỉnh.", 0.9, province="Sơn La")
    by_subject = _scored("Đồng chí Lò Văn Pha, Trưởng Ban Chỉ đạo phát biểu.", 0.9, province="Sơn La",
                         title="Ban Chỉ đạo về phát triển KHCN, ĐMST và CĐS tỉnh Sơn La họp phiên thứ nhất")
    silent = _scored("Đồng chí Lò Văn Pha, Trưởng Ban Chỉ đạo phát biểu.", 0.9, province="Sơn La")
    assert support(analyse_question("Trưởng Ban Chỉ đạo xây dựng chính quyền số Sơn La tên là gì?"), [nq57]) == 0.0
    assert support(analyse_question("ai lam truong bcd chinh quyen so tinh son la"), [digital]) == 0.9
    assert support(analyse_question("Trưởng BCĐ 57 tỉnh Sơn La là ai?"), [digital]) == 0.0
    assert support(analyse_question("Trưởng BCĐ 57 tỉnh Sơn La là ai?"), [by_subject]) == 0.9
    assert support(analyse_question("Trưởng BCĐ CĐS tỉnh Sơn La là ai?"), [by_subject]) == 0.9
    assert support(analyse_question("Ai đứng đầu BCĐ về KHCN của tỉnh Sơn La?"), [nq57]) == 0.9
    assert support(analyse_question("Ai là Trưởng Ban Chỉ đạo tỉnh Sơn La?"), [digital]) == 0.9
    assert support(analyse_question("Trưởng Ban Chỉ đạo chính quyền số Sơn La tên là gì?"), [silent]) == 0.9
    # the name ends at the preposition before its place: "BCĐ 57 ở Sơn La" is the committee "57"
    assert support(analyse_question("Ai phát biểu tại hội nghị BCĐ Nghị quyết 57 ở Sơn La?"), [nq57]) == 0.9


def test_a_thing_asked_at_one_level_is_not_answered_at_others() -> None:
    """"kinh phí cấp xã" is not answered by a sentence giving "kinh phí tỉnh" and "kinh phí Trung ương"; a sentence
    giving it at the level asked answers. A figure given at no level is not a part of the province's (the communes')
    one; anything else given at no level is not held to one."""
    from chat.evidence import support

    question = analyse_question("Dự án hạ tầng số dùng bao nhiêu kinh phí cấp xã?")
    split = "Dự án hạ tầng số dùng 40 tỷ đồng, trong đó kinh phí tỉnh 30 tỷ đồng, kinh phí Trung ương 10 tỷ đồng."
    assert support(question, list(_selected(question, split))) == 0.0
    assert support(question, list(_selected(question, split.replace("kinh phí tỉnh", "kinh phí cấp xã")))) == 0.9
    assert support(question, list(_selected(question, "Dự án hạ tầng số dùng 40 tỷ đồng kinh phí."))) == 0.0
    who = analyse_question("Dự án hạ tầng số cấp xã do cơ quan nào chủ trì?")
    assert support(who, list(_selected(who, "Dự án hạ tầng số do Sở Khoa học và Công nghệ chủ trì."))) == 0.9


def test_the_province_a_sentence_calls_the_province_is_its_document_s() -> None:
    """"Tỉnh nào …?" is answered by "… của tỉnh luôn đạt …" in a province's report (the province is the report's);
    "tỉnh Sơn La" names its own and "Tỉnh ủy" is no province."""
    from chat.evidence import FACT, candidates
    from chat.generators.base import Passage

    question = analyse_question("Tỉnh nào được bộ đánh giá dẫn đầu về dịch vụ công?")
    text = ("Dịch vụ công của tỉnh luôn đạt thứ hạng cao, được bộ đánh giá dẫn đầu cả nước. "
            "Tỉnh ủy được bộ đánh giá cao về dịch vụ công.")
    hit = Hit("doc:0", "doc", text, 1.0, {"chunk_index": 0, "province": "Sơn La"})
    facts = {c.text: bool(c.features[FACT]) for c in candidates(question, [Passage(1, hit)])}
    assert facts == {"Dịch vụ công của tỉnh luôn đạt thứ hạng cao, được bộ đánh giá dẫn đầu cả nước.": True,
                     "Tỉnh ủy được bộ đánh giá cao về dịch vụ công.": False}


def test_a_list_announced_at_the_end_of_a_chunk_runs_on_into_the_next() -> None:
    """"… khó khăn như: A." closing its chunk announces a list the next chunk of the document goes on with, to the
    end of its paragraph; the passage it closes is reported for the next chunk to be fetched."""
    from chat.evidence import ScoredSentence, list_cut_short, select
    from chat.generators.base import Passage

    question = analyse_question("Dự án cấp nước của huyện gặp những khó khăn gì?")
    first = Passage(1, Hit("doc:0", "doc", "Dự án khởi công năm 2024.\nDự án cấp nước gặp một số khó khăn như: "
                                           "Thiếu vốn đối ứng.", 1.0, {"chunk_index": 0}))
    second = Passage(2, Hit("doc:1", "doc", "Thiếu nhân lực vận hành. Giải phóng mặt bằng chậm.\nNăm 2026 sẽ "
                                            "hoàn thành.", 0.5, {"chunk_index": 1}))

    def at(passage: Passage, text: str, score: float) -> ScoredSentence:
        return ScoredSentence(text, passage, 0.5, score, False, passage.text.index(text), (1.0,))

    announcing = at(first, "Dự án cấp nước gặp một số khó khăn như: Thiếu vốn đối ứng.", 0.9)
    ranked = [announcing, at(second, "Thiếu nhân lực vận hành.", 0.3),
              at(second, "Giải phóng mặt bằng chậm.", 0.2), at(second, "Năm 2026 sẽ hoàn thành.", 0.25),
              at(first, "Dự án khởi công năm 2024.", 0.1)]
    selected = select(question, ranked, 3)
    assert [s.text for s in selected] == [announcing.text, "Thiếu nhân lực vận hành.", "Giải phóng mặt bằng chậm."]
    assert list_cut_short(question, selected) is first
    assert list_cut_short(question, [ranked[4]]) is None  # the sentence selected announces nothing


def test_who_signed_a_document_is_said_where_it_is_cited_or_in_it() -> None:
    """"Ai ký Quyết định 245-QĐ/HU?" is not answered by a sentence naming someone that does not cite the decision
    (its passage may cite it elsewhere); a sentence citing it answers, and so does the decision's own text."""
    from chat.evidence import support

    question = analyse_question("Ai ký Quyết định số 245-QĐ/HU của Huyện ủy?")
    assert question.document_field == "signer"
    elsewhere = "Hội nghị công bố Quyết định số 245-QĐ/HU thành lập Ban Chỉ đạo."
    person = "Đồng chí Lò Văn Pha, Bí thư Huyện ủy, phát biểu chỉ đạo hội nghị."
    assert support(question, list(_selected(question, person, elsewhere))) == 0.0
    assert support(question, list(_selected(question, "Quyết định số 245-QĐ/HU do đồng chí Lò Văn Pha ký.",
                                            elsewhere))) == 0.9
    assert support(question, list(_selected(question, "T/M HUYỆN ỦY BÍ THƯ Lò Văn Pha", "",
                                            doc_number="245-QĐ/HU"))) == 0.9


def test_a_thing_in_one_agent_s_hands_is_not_answered_by_another_s() -> None:
    """"… do UBND huyện quản lý?" is not answered by "… do Văn phòng Huyện ủy quản lý"; the same agent answers, and
    a question asking which agent is held to none."""
    from chat.evidence import support

    sentence = "Huyện có 3 trạm quan trắc do Văn phòng Huyện ủy quản lý."
    other = analyse_question("Huyện có mấy trạm quan trắc do UBND huyện quản lý?")
    assert support(other, list(_selected(other, sentence))) == 0.0
    same = analyse_question("Huyện có mấy trạm quan trắc do Văn phòng Huyện ủy quản lý?")
    assert support(same, list(_selected(same, sentence))) == 0.9
    which = analyse_question("Trạm quan trắc của huyện do cơ quan nào quản lý?")
    assert support(which, list(_selected(which, sentence))) == 0.9


def test_a_two_word_heading_is_a_candidate_a_two_word_sentence_is_not() -> None:
    """"1. Quan điểm" heads the list a question about the points of view asks for, so it is ranked like any line;
    a two-word sentence in a paragraph ("Quang cảnh.") or a heading's bare number is not."""
    from chat.evidence import candidates
    from chat.generators.base import Passage

    text = ("II. QUAN ĐIỂM, MỤC TIÊU\n1. Quan điểm\n- Người dân là trung tâm của chuyển đổi số.\n"
            "- Dữ liệu là tài nguyên mới.\nQuang cảnh. Hội nghị diễn ra sáng 3/4.")
    question = analyse_question("Đề án chuyển đổi số của huyện nêu những quan điểm nào?")
    texts = [c.text for c in candidates(question, [Passage(1, Hit("doc:0", "doc", text, 1.0, {"chunk_index": 0}))])]
    assert "Quan điểm" in texts and "Quang cảnh." not in texts and "1." not in texts


def test_how_many_members_no_sentence_states_is_counted_from_the_lines_listing_them() -> None:
    """"có bao nhiêu ủy viên?" where no sentence says a number: the lines under "2. Các Ủy viên:" are the
    members, counted and quoted; all members are the leader and the two members ("Có 3 thành viên")."""
    from chat.evidence import listed_count, select, support
    from chat.generators.extractive import ExtractiveGenerator

    ranked = _document(ROSTER, {"Thành lập Tổ công tác": 0.9, "Các Ủy viên": 0.4, "Tổ trưởng": 0.5,
                                "- Bà Hà": 0.3, "- Ông Vi": 0.3})
    question = analyse_question("Tổ công tác số huyện Mường Tè có bao nhiêu ủy viên?")
    chosen = select(question, ranked, 3)
    assert [s.text[:8] for s in chosen] == ["- Bà Hà ", "- Ông Vi"] and listed_count(question, chosen) == 2
    assert support(question, chosen) == 0.9  # as likely to answer as the article that heads them
    answer = ExtractiveGenerator(lambda term: 1.0).answer(question, ranked)
    assert answer.splitlines()[0] == "Có 2 ủy viên:" and len(answer.splitlines()) == 3
    everyone = analyse_question("Tổ công tác số huyện Mường Tè gồm bao nhiêu thành viên?")
    assert listed_count(everyone, select(everyone, ranked, 3)) == 3  # "2. Các Ủy viên:" heads, it is no member
    # a number a sentence states is the answer, not a count of lines
    stated = _document("Tổ công tác số huyện Mường Tè có 7 thành viên.\n" + ROSTER,
                       {"Tổ công tác số huyện Mường Tè có 7": 0.9, "Thành lập Tổ công tác": 0.8})
    stated = [replace(stated[0], has_fact=True), stated[1]]
    assert [s.text for s in select(everyone, stated, 3)] == [stated[0].text]


def test_a_heading_of_another_document_answers_when_the_best_document_has_none() -> None:
    """"Nhiệm vụ của Tổ công tác … là gì?": a meeting notice of the team shares every other word; the decision
    founding it heads the duties, under a heading the question names by one of its parts."""
    from chat.evidence import ScoredSentence, select
    from chat.generators.base import Passage

    notice = Passage(1, Hit("notice:0", "notice", "Kết luận phiên họp của Tổ công tác số huyện Mường Tè", 1.0,
                            {"chunk_index": 0}))
    decision = Passage(2, Hit("decision:0", "decision", DUTIES, 0.8, {"chunk_index": 0}))

    def at(passage: Passage, opening: str, score: float) -> ScoredSentence:
        start = passage.text.index(opening)
        end = passage.text.find("\n", start)
        return ScoredSentence(passage.text[start:end if end > 0 else None], passage, 0.5, score, False, start,
                              (1.0,))

    ranked = [at(notice, "Kết luận", 0.95), at(decision, "Nhiệm vụ, quyền hạn", 0.8),
              at(decision, "Theo dõi", 0.3), at(decision, "Tổng hợp", 0.3), at(decision, "Đề nghị", 0.2)]
    question = analyse_question("Nhiệm vụ của Tổ công tác số huyện Mường Tè là gì?")
    assert [s.text[:8] for s in select(question, ranked, 3)] == ["Theo dõi", "Tổng hợp"]


DUTIES = """Điều 2. Nhiệm vụ, quyền hạn của Tổ công tác
1. Nhiệm vụ:
a) Theo dõi tiến độ số hóa hồ sơ;
b) Tổng hợp báo cáo hằng quý.
2. Quyền hạn:
a) Đề nghị các phòng cung cấp số liệu."""


def test_a_counted_list_a_chunk_s_end_cuts_is_counted_with_its_lines_in_the_next_chunk() -> None:
    """"mấy nhiệm vụ trọng tâm": the part in capitals the question names heads the tasks, two in this chunk and one
    in the next; the service is told to fetch the next chunk, and all three are counted."""
    from chat.evidence import ScoredSentence, list_cut_short, listed_count, select
    from chat.generators.base import Passage

    first = Passage(1, Hit("ctr:2", "ctr", "Phần thứ ba. NHIỆM VỤ TRỌNG TÂM\n1. Số hóa hồ sơ đảng viên.\n"
                                           "2. Đào tạo cán bộ chuyên trách.", 1.0, {"chunk_index": 2}))
    following = Passage(2, Hit("ctr:3", "ctr", "3. Phủ sóng di động cho các thôn.\nPhần thứ tư. TỔ CHỨC THỰC HIỆN\n"
                                               "1. Văn phòng theo dõi, đôn đốc.", 0.5, {"chunk_index": 3}))

    def at(passage: Passage, opening: str, score: float) -> ScoredSentence:
        start = passage.text.index(opening)
        end = passage.text.find("\n", start)
        return ScoredSentence(passage.text[start:end if end > 0 else None], passage, 0.5, score, False, start,
                              (1.0,))

    question = analyse_question("Chương trình hành động của huyện có mấy nhiệm vụ trọng tâm?")
    heading = replace(at(first, "NHIỆM VỤ", 0.9), has_fact=True)
    alone = select(question, [heading, at(first, "Số hóa", 0.3), at(first, "Đào tạo", 0.3)], 3)
    assert listed_count(question, alone) == 2 and list_cut_short(question, alone) is first
    both = select(question, [heading, at(first, "Số hóa", 0.3), at(first, "Đào tạo", 0.3),
                             at(following, "Phủ sóng", 0.2), at(following, "Văn phòng", 0.2)], 3)
    assert [s.text[:7] for s in both] == ["Số hóa ", "Đào tạo", "Phủ són"] and listed_count(question, both) == 3


def test_a_national_thing_is_not_answered_by_a_provincial_one() -> None:
    from chat.evidence import support

    question = analyse_question("Huyện có bao nhiêu đề tài khoa học cấp quốc gia được nghiệm thu?")
    provincial = "Trong năm, 12 đề tài khoa học cấp tỉnh được nghiệm thu."
    assert support(question, list(_selected(question, provincial))) == 0.0
    assert support(question, list(_selected(question, provincial.replace("cấp tỉnh", "cấp quốc gia")))) == 0.9


def test_a_district_or_commune_the_question_names_must_be_named_by_the_evidence() -> None:
    """"riêng huyện Mường Tè còn bao nhiêu xã …" is not answered by the province's count; a passage naming the
    district answers, and a question typed without diacritics names it the same way."""
    from chat.evidence import support

    question = analyse_question("Riêng huyện Mường Tè còn bao nhiêu xã chưa có cáp quang?")
    assert support(question, list(_selected(question, "Toàn tỉnh còn 9 xã chưa có cáp quang."))) == 0.0
    assert support(question, list(_selected(question, "Huyện Mường Tè còn 3 xã chưa có cáp quang."))) == 0.9
    plain = analyse_question("rieng huyen Muong Te con bao nhieu xa chua co cap quang")
    assert support(plain, list(_selected(plain, "Toàn tỉnh còn 9 xã chưa có cáp quang."))) == 0.0
    # named only in another clause of the sentence, the district is said something else of
    apart = "Toàn tỉnh còn 9 xã chưa có cáp quang; huyện Mường Tè và huyện Sìn Hồ chậm nộp báo cáo."
    assert support(question, list(_selected(question, apart))) == 0.0
    assert support(question, list(_selected(question, "Huyện Mường Tè còn 3 xã chưa có cáp quang; toàn tỉnh còn 9 "
                                                      "xã."))) == 0.9
    # named after the count beyond a comma, the district is where the province's count starts, not its scope
    starts = "Kéo cáp quang cho 9 xã chưa có cáp quang, ưu tiên các xã thuộc huyện Mường Tè và huyện Sìn Hồ."
    assert support(question, list(_selected(question, starts))) == 0.0
    scoped = "Kéo cáp quang cho 3 xã thuộc huyện Mường Tè chưa có cáp quang, hoàn thành trong năm 2026."
    assert support(question, list(_selected(question, scoped))) == 0.9


def test_a_time_of_the_document_s_own_year_does_not_answer_another_year() -> None:
    """"Năm 2023 … bao nhiêu?" is not answered by "từ đầu năm đến nay … 120 tỷ đồng" in an article of 2024 (its own
    year, not written); the article's own year asked is answered by it, though the year is written nowhere."""
    from chat.evidence import support

    sentence = "Tính từ đầu năm đến nay, tỉnh đã chi 120 tỷ đồng cho chuyển đổi số."
    asked = analyse_question("Năm 2023 tỉnh Sơn La chi bao nhiêu tỷ đồng cho chuyển đổi số?")
    assert support(asked, list(_selected(asked, sentence, event_date="2024-10-02", province="Sơn La"))) == 0.0
    own = analyse_question("Năm 2024 tỉnh Sơn La chi bao nhiêu tỷ đồng cho chuyển đổi số?")
    assert support(own, list(_selected(own, sentence, event_date="2024-10-02", province="Sơn La"))) == 0.9


def test_what_a_named_person_said_is_answered_by_the_sentence_naming_them() -> None:
    """"Đồng chí Lò Văn Mạnh phát biểu về vấn đề gì?": of close sentences, the one naming him, and no other
    speaker's beside it; a quotation right after "… nhấn mạnh:" names its speaker too."""
    from chat.evidence import select

    text = ("Đồng chí Hà Văn Bình phát biểu chỉ đạo tại hội nghị.\nĐồng chí Lò Văn Mạnh tham gia ý kiến về số hóa "
            "hồ sơ đất đai.\nĐồng chí Lò Văn Mạnh nhấn mạnh:\n“Mỗi xã phải có tổ công nghệ số.”")
    ranked = _document(text, {"Đồng chí Hà Văn Bình": 0.9, "Đồng chí Lò Văn Mạnh tham gia": 0.86, "“Mỗi xã": 0.85})
    question = analyse_question("Đồng chí Lò Văn Mạnh phát biểu về vấn đề gì tại hội nghị?")
    assert [s.text[:26] for s in select(question, ranked, 3)] == ["Đồng chí Lò Văn Mạnh tham ",
                                                                  "“Mỗi xã phải có tổ công ng"]


def test_a_share_is_answered_only_by_a_sentence_naming_what_it_is_a_share_of() -> None:
    """"bao nhiêu phần trăm hồ sơ đất đai cấp xã" is not answered by the share of "tài liệu lưu trữ"; one word of
    it left out still answers."""
    from chat.evidence import support

    question = analyse_question("Huyện đã số hóa được bao nhiêu phần trăm hồ sơ đất đai cấp xã?")
    other = "Đến cuối tháng 9, huyện đã số hóa tài liệu lưu trữ đạt 62,5%."
    assert support(question, list(_selected(question, other))) == 0.0
    named = "Đến cuối tháng 9, huyện đã số hóa hồ sơ đất đai của các xã đạt 62,5%."
    assert support(question, list(_selected(question, named))) == 0.9
    assert support(question, list(_selected(question, named.replace(" đất đai", "")))) == 0.0


def test_a_share_asked_is_answered_only_by_the_clause_stating_it_of_what_the_question_measures() -> None:
    """"… bao nhiêu phần trăm hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình?" is not answered by the
    share of documents digitised, though the sentence's next clause speaks of "hồ sơ"; the share of those files is."""
    from chat.evidence import support

    question = analyse_question("Bao nhiêu phần trăm hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình?")
    other = ("Việc số hóa tài liệu, giải quyết thủ tục hành chính đến cuối tháng 10/2025 đạt 84,2%; số hóa dữ liệu "
             "được ứng dụng mạnh trên hồ sơ các cơ quan Đảng.")
    assert support(question, list(_selected(question, other))) == 0.0
    named = "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trực tuyến toàn trình đạt 74,2%."
    assert support(question, list(_selected(question, named))) == 0.9


def test_a_count_asked_at_one_level_is_not_the_count_a_sentence_gives_at_another() -> None:
    """"… bao nhiêu đảng viên dự tại điểm cầu cấp tỉnh?" is not answered by "01 điểm cầu cấp tỉnh (…) và 251 điểm
    cầu cấp cơ sở với 44.881 đảng viên": the members are counted at the grassroots points; asked of those, it is."""
    from chat.evidence import support

    sentence = ("Toàn tỉnh có 252 điểm cầu, trong đó: 01 điểm cầu cấp tỉnh (tại Hội trường UBND tỉnh) và 251 điểm "
                "cầu cấp cơ sở với 44.881 đảng viên tham dự.")
    provincial = analyse_question("Có bao nhiêu đảng viên dự hội nghị tại điểm cầu cấp tỉnh?")
    assert support(provincial, list(_selected(provincial, sentence))) == 0.0
    grassroots = analyse_question("Có bao nhiêu đảng viên dự hội nghị tại các điểm cầu cấp cơ sở?")
    assert support(grassroots, list(_selected(grassroots, sentence))) == 0.9


def test_a_deadline_asked_at_one_level_is_not_one_a_sentence_sets_for_the_units_of_another() -> None:
    """"… cho cấp xã xong trong tháng nào?" is not answered by "… tại các sở, ngành, hoàn thành trong tháng 3/2026":
    the date's own clause names no level, the sentence addresses the province's departments; a sentence addressing
    the communes, or none, answers."""
    from chat.evidence import support

    question = analyse_question("Sở Tài chính phải cấp xong máy tính cho cấp xã trong tháng nào?")
    departments = "Sở Tài chính cấp bổ sung máy tính tại các sở, ngành, hoàn thành trong tháng 3/2026."
    assert support(question, list(_selected(question, departments))) == 0.0
    for answering in (departments.replace("các sở, ngành", "các xã, phường"),
                      "Sở Tài chính cấp bổ sung máy tính, hoàn thành trong tháng 3/2026."):
        assert support(question, list(_selected(question, answering))) == 0.9, answering


def test_a_target_asked_is_not_answered_by_what_stands() -> None:
    """"Đến năm 2027 chi cho khoa học phải đạt bao nhiêu phần trăm?" is not answered by "… mới đạt 0,6%"; a target
    sentence answers."""
    from chat.evidence import support

    question = analyse_question("Đến năm 2027 chi cho khoa học phải đạt bao nhiêu phần trăm tổng chi ngân sách?")
    standing = "Năm 2027 là mốc sơ kết; hiện chi cho khoa học mới đạt 0,6% tổng chi ngân sách địa phương."
    assert support(question, list(_selected(question, standing))) == 0.0
    target = "Đến năm 2027: chi cho khoa học đạt 1,5% tổng chi ngân sách địa phương."
    assert support(question, list(_selected(question, target))) == 0.9


def test_a_count_asked_of_one_district_is_not_a_sentence_naming_none() -> None:
    """"… của riêng huyện Lạc Thủy đạt bao nhiêu?" is not the province's rate, though the notice names the district
    in another paragraph; a sentence naming it, or a district's own document, answers."""
    from chat.evidence import support

    question = analyse_question("Tỷ lệ hồ sơ giải quyết trực tuyến của riêng huyện Lạc Thủy đạt bao nhiêu?")
    notice = "Huyện Lạc Thủy và huyện Yên Thủy chậm báo cáo định kỳ.\n"
    province = replace(_selected(question, "Tỷ lệ hồ sơ giải quyết trực tuyến đạt 74,2%.", notice)[0],
                       start=len(notice))
    assert support(question, [province]) == 0.0
    own = _selected(question, "Tỷ lệ hồ sơ giải quyết trực tuyến đạt 61%.", title="Báo cáo của huyện Lạc Thủy")
    assert support(question, list(own)) == 0.9


def test_an_amount_is_answered_only_by_a_sentence_naming_what_it_is_for() -> None:
    """"Nhà văn hóa huyện được đầu tư bao nhiêu vốn?" is not answered by a plan's total budget; the sentence
    naming the building is, and so is a budget line under a heading that names it; a question about the plan's own
    total names nothing else, and the total answers it."""
    from chat.evidence import support

    question = analyse_question("Nhà văn hóa huyện Mường Tè được đầu tư tổng vốn bao nhiêu?")
    total = "Tổng kinh phí thực hiện Kế hoạch năm 2027 dự kiến là 90 tỷ đồng, trong đó ngân sách tỉnh 60 tỷ đồng."
    assert support(question, list(_selected(question, total))) == 0.0
    named = "Nhà văn hóa huyện Mường Tè được đầu tư 12 tỷ đồng từ ngân sách tỉnh."
    assert support(question, list(_selected(question, named))) == 0.9
    heading = "3. Xây dựng nhà văn hóa huyện Mường Tè\n"
    line = replace(_selected(question, "Kinh phí: 12 tỷ đồng.", heading)[0], start=len(heading))
    assert support(question, [line]) == 0.9
    plan = analyse_question("Tổng kinh phí thực hiện kế hoạch năm 2027 là bao nhiêu?")
    assert support(plan, list(_selected(plan, total))) == 0.9
    # how the total is made up names nothing funded: "được cơ cấu từ những nguồn nào, mỗi nguồn bao nhiêu?"
    sources = analyse_question("Kinh phí kế hoạch năm 2027 được cơ cấu từ những nguồn nào, mỗi nguồn bao nhiêu tiền?")
    assert support(sources, list(_selected(sources, total))) == 0.9


def test_a_question_about_money_is_answered_only_by_a_sentence_speaking_of_money() -> None:
    """"Kinh phí hoạt động của Tổ công tác do nguồn nào bảo đảm?" is not answered by the team's duties; a sentence
    on its funding is, whether it says "kinh phí", an amount or how it is raised."""
    from chat.evidence import support

    question = analyse_question("Kinh phí hoạt động của Tổ công tác chuyển đổi số do nguồn nào bảo đảm?")
    duties = "Tổ công tác chuyển đổi số giúp Chủ tịch huyện chỉ đạo, điều phối chuyển đổi số trên địa bàn."
    assert support(question, list(_selected(question, duties))) == 0.0
    for funded in ("Kinh phí hoạt động của Tổ công tác do ngân sách huyện bảo đảm.",
                   "Tổ công tác được bố trí 300 triệu đồng mỗi năm từ ngân sách huyện.",
                   "Hoạt động của Tổ công tác huy động từ nguồn xã hội hóa."):
        assert support(question, list(_selected(question, funded))) == 0.9, funded
    first = analyse_question("Tổ công tác chuyển đổi số ưu tiên chỉ đạo việc gì?")
    assert support(first, list(_selected(first, duties))) == 0.9  # ("ưu tiên" folds to no "tiền")


def test_a_caption_showing_only_the_scene_is_no_evidence() -> None:
    from chat.evidence import candidates
    from chat.generators.base import Passage

    text = "Quang cảnh buổi làm việc.\nQuang cảnh hội nghị sáng 12/5.\nSở Y tế báo cáo 30 trạm y tế đã kết nối."
    passage = Passage(1, Hit("d:0", "d", text, 1.0, {"chunk_index": 0}))
    found = [c.text for c in candidates(analyse_question("Hội nghị tổng kết diễn ra khi nào?"), [passage])]
    assert "Quang cảnh buổi làm việc." not in found and "Quang cảnh hội nghị sáng 12/5." in found


def test_what_stands_now_is_not_answered_by_a_goal_or_a_plan_s_task() -> None:
    """"Hiện nay … có bao nhiêu …?" is not answered by "Hỗ trợ thành lập mới ít nhất 20 …" (to be done) nor by
    "Đến năm 2030, …" (a target); a sentence saying what has been done answers."""
    from chat.evidence import support

    question = analyse_question("Hiện nay huyện có bao nhiêu hợp tác xã ứng dụng thương mại điện tử?")
    for goal in ("b) Hỗ trợ ít nhất 20 hợp tác xã ứng dụng thương mại điện tử.",
                 "Đến năm 2030, 60 hợp tác xã ứng dụng thương mại điện tử."):
        assert support(question, list(_selected(question, goal))) == 0.0, goal
    done = "Đến nay, huyện đã có 12 hợp tác xã ứng dụng thương mại điện tử."
    assert support(question, list(_selected(question, done))) == 0.9
    # a figure to be reached, said anywhere in the sentence ("…, bảo đảm đạt …"), is a goal too
    to_reach = "Các xã đẩy nhanh việc hỗ trợ hợp tác xã, bảo đảm đạt 40 hợp tác xã ứng dụng thương mại điện tử."
    assert support(question, list(_selected(question, to_reach))) == 0.0


def test_a_figure_asked_with_no_target_in_view_is_what_stands_for_each_province() -> None:
    """"chi cho giáo dục chiếm bao nhiêu phần trăm ở Sơn La và Lai Châu?": each province's sentence is picked as
    a single fact's is, so the share spent ("mới đạt 1,2%") is preferred to the target ranking a little higher
    ("Đến năm 2030: … đạt 3%"); a question asking the target ("mục tiêu …") keeps it."""
    from chat.evidence import select

    ranked = [_scored("Đến năm 2030: chi cho giáo dục đạt 3% tổng chi ngân sách của tỉnh.", 0.9, doc_id="sl",
                      province="Sơn La"),
              _scored("Chi cho giáo dục của tỉnh mới đạt 1,2% tổng chi ngân sách.", 0.85, doc_id="sl",
                      province="Sơn La"),
              _scored("Chi cho giáo dục của tỉnh đạt 2,1% tổng chi ngân sách.", 0.8, doc_id="lc", province="Lai Châu")]
    stands = analyse_question("Chi cho giáo dục chiếm bao nhiêu phần trăm tổng chi ngân sách ở Sơn La và Lai Châu?")
    assert [s.text for s in select(stands, ranked, 3)[:2]] == [ranked[2].text, ranked[1].text]
    goal = analyse_question("Mục tiêu chi cho giáo dục đạt bao nhiêu phần trăm tổng chi ngân sách ở Sơn La và Lai "
                            "Châu?")
    assert [s.text for s in select(goal, ranked, 3)[:2]] == [ranked[2].text, ranked[0].text]


def test_a_percentage_asked_is_not_answered_by_a_judgement() -> None:
    from chat.evidence import support

    question = analyse_question("Huyện chi cho chuyển đổi số được bao nhiêu % ngân sách?")
    judged = "Ngân sách chi cho chuyển đổi số của huyện còn thấp, chưa đáp ứng yêu cầu."
    scored = _selected(question, judged)
    unstated = [replace(s, has_fact=False) for s in scored]
    assert support(question, unstated) == 0.0


def test_a_row_is_named_by_its_task_not_by_the_column_names_a_question_repeats() -> None:
    """"Thời hạn hoàn thành? (… Sở Y tế chủ trì …)": the "hoàn thành" of the column's name names no task
    "Hoàn thành …", nor does one shared syllable ("sở" of "cơ sở"); the best row stays."""
    from chat.evidence import select

    rows = ("1. Nhiệm vụ: Số hóa hồ sơ bệnh án; Cơ quan chủ trì: Sở Y tế; Cơ quan phối hợp: Các bệnh viện; "
            "Thời hạn hoàn thành: Quý I/2027; Sản phẩm: hồ sơ số.\n"
            "2. Nhiệm vụ: Hoàn thành cơ sở dữ liệu đất đai; Cơ quan chủ trì: Sở Nông nghiệp và Môi trường; Cơ quan "
            "phối hợp: UBND các huyện; Thời hạn hoàn thành: Năm 2028; Sản phẩm: cơ sở dữ liệu.")
    ranked = _document(rows, {"1. Nhiệm vụ": 0.95, "2. Nhiệm vụ": 0.94})
    question = analyse_question("Thời hạn hoàn thành? (kế hoạch 30 sở y tế chủ trì nhiệm vụ)")
    assert select(question, ranked, 3)[0].text.startswith("1. Nhiệm vụ: Số hóa")


def test_a_meeting_s_year_may_be_written_in_its_document_s_other_retrieved_chunk() -> None:
    """"Ở hội nghị sơ kết năm 2025 …, ai …?": the year names the meeting, written in the article's opening that
    retrieval brought beside the paragraph answering; written nowhere, the year is unmet."""
    from chat.evidence import ScoredSentence, support
    from chat.generators.base import Passage

    question = analyse_question("Ở hội nghị sơ kết năm 2025 của tỉnh Sơn La, Phó Chủ tịch UBND tỉnh là ai?")
    sentence = "Đồng chí Lò Văn Mạnh - Phó Chủ tịch UBND tỉnh phát biểu về số hóa dữ liệu."
    hit = Hit("doc:3", "doc", sentence, 1.0, {"chunk_index": 3, "province": "Sơn La"})

    def scored(elsewhere: str) -> list:
        return [ScoredSentence(sentence, Passage(1, hit, elsewhere=elsewhere), 1.0, 0.9, True, 0)]

    assert support(question, scored("Sáng 12/3, tỉnh Sơn La tổ chức hội nghị sơ kết năm 2025.")) == 0.9
    assert support(question, scored("Sáng 12/3, tỉnh Sơn La tổ chức hội nghị sơ kết.")) == 0.0


def test_a_province_read_after_xa_is_no_commune_the_evidence_must_name() -> None:
    """"… cấp xã Sơn La" (a follow-up's carried topic) is the province's communes: a sentence on the communes of
    the province's documents answers, though no commune "Sơn La" is written."""
    from chat.evidence import support

    question = analyse_question("Tỷ lệ số hóa phải đạt bao nhiêu? (số hóa hồ sơ cấp xã Sơn La)")
    sentence = "Cấp xã đẩy nhanh số hóa hồ sơ, bảo đảm đạt trên 80% trong quý 1/2026."
    assert support(question, list(_selected(question, sentence, province="Sơn La"))) == 0.9


def test_a_month_s_year_asked_must_be_the_one_the_sentence_states() -> None:
    """"đến tháng 10/2024" is not answered by "đến cuối tháng 10/2025 đạt 84%"; "10/2025" asked is."""
    from chat.evidence import support

    sentence = "Tỷ lệ số hóa hồ sơ của tỉnh Sơn La đến cuối tháng 10/2025 đạt 84%."
    for asked, expected in (("10/2024", 0.0), ("10/2025", 0.9), ("6/2025", 0.0)):  # nor another month of it
        question = analyse_question(f"Tỷ lệ số hóa hồ sơ của Sơn La đến tháng {asked} là bao nhiêu?")
        assert support(question, list(_selected(question, sentence, "Năm 2024 và 2025.", province="Sơn La"))) == \
            expected, asked


def test_officials_at_one_level_are_not_those_at_another_though_listed_with_others() -> None:
    """"… bồi dưỡng cho cán bộ cấp huyện?" is not answered by "… cho cán bộ, công chức cấp xã" (the thing heads a
    short list before its level)."""
    from chat.evidence import support

    question = analyse_question("Tỉnh Sơn La tổ chức bao nhiêu lớp bồi dưỡng cho cán bộ cấp huyện?")
    stated = "Tỉnh Sơn La tổ chức 10 lớp bồi dưỡng cho cán bộ, công chức cấp {}."
    assert support(question, list(_selected(question, stated.format("xã"), province="Sơn La"))) == 0.0
    assert support(question, list(_selected(question, stated.format("huyện"), province="Sơn La"))) == 0.9
    # a thing named at length before its level: "… đề tài khoa học và công nghệ cấp tỉnh" gives no national ones
    national = analyse_question("Sơn La có bao nhiêu đề tài cấp quốc gia được nghiệm thu?")
    provincial = "Sơn La có 12 đề tài khoa học và công nghệ cấp tỉnh được nghiệm thu."
    assert support(national, list(_selected(national, provincial, province="Sơn La"))) == 0.0


def test_a_document_s_number_asked_wants_a_sentence_stating_one() -> None:
    """"Chương trình hành động của tỉnh … số bao nhiêu?" is not answered by a sentence about writing such a
    programme that gives no number."""
    from chat.evidence import ScoredSentence, support
    from chat.generators.base import Passage

    question = analyse_question("Chương trình hành động của tỉnh Sơn La số bao nhiêu?")
    assert question.kind == "doc_number"
    for text, stated in (("Sơn La xây dựng Chương trình hành động bám sát thực tiễn của tỉnh.", False),
                         ("Tỉnh ủy Sơn La ban hành Chương trình hành động số 41-CTr/TU.", True)):
        hit = Hit("doc:0", "doc", text, 1.0, {"chunk_index": 0, "province": "Sơn La"})
        found = support(question, [ScoredSentence(text, Passage(1, hit), 1.0, 0.9, stated, 0)])
        assert (found > 0) is stated, text


def test_one_province_asked_is_answered_from_its_own_documents_only() -> None:
    """"Phiên họp thứ hai của BCĐ tỉnh Yên Bái …?" is not answered by another province's second meeting beside
    Yên Bái's first: the other province's sentences leave, and the ordinal is then unmet."""
    from chat.evidence import select, support

    ranked = [_scored("Kết luận của Trưởng Ban Chỉ đạo tại phiên họp thứ hai năm 2025.", 0.9, province="Sơn La"),
              _scored("Phiên họp thứ nhất đã thảo luận dự thảo Chương trình hành động.", 0.8,
                      "Ban Chỉ đạo tỉnh Yên Bái họp phiên thứ nhất. Phiên họp thứ nhất đã thảo luận dự thảo Chương "
                      "trình hành động.", province="Yên Bái")]
    question = analyse_question("Phiên họp thứ hai của Ban Chỉ đạo tỉnh Yên Bái kết luận những gì?")
    selected = select(question, ranked, 3)
    assert [s.province for s in selected] == ["yen bai"] and support(question, selected) == 0.0
    first = analyse_question("Phiên họp thứ nhất của Ban Chỉ đạo tỉnh Yên Bái kết luận những gì?")
    assert support(first, select(first, ranked, 3)) > 0


def test_the_quarter_a_question_pins_is_stated_by_the_sentence_itself() -> None:
    """"… phải đạt bao nhiêu trong quý 1/2026?": the close runner-up that states that quarter, not the current
    figure its document states beside it with no time of its own."""
    from chat.evidence import select

    context = ("Việc số hóa hồ sơ tại cấp xã mới đạt 46%. Các huyện bảo đảm số hóa hồ sơ cấp xã đạt trên 80% trong "
               "quý 1/2026.")
    ranked = [_scored("Việc số hóa hồ sơ tại cấp xã mới đạt 46%.", 0.96, context),
              _scored("Các huyện bảo đảm số hóa hồ sơ cấp xã đạt trên 80% trong quý 1/2026.", 0.9, context)]
    question = analyse_question("Số hóa hồ sơ cấp xã phải đạt bao nhiêu trong quý 1/2026?")
    assert select(question, ranked, 1)[0].text.startswith("Các huyện")
    assert select(analyse_question("Số hóa hồ sơ cấp xã đạt bao nhiêu?"), ranked, 1)[0].text.startswith("Việc")


def test_an_open_question_s_predicate_is_sought_through_the_document_that_holds_its_setting() -> None:
    """"Phiên họp đầu tiên … đã công bố những gì?": the report's lead restates the meeting and holds nothing of
    what was announced; the sentence of the same report that does answers, however far below it ranks."""
    from chat.evidence import select

    context = ("Sáng 5/4, Ban Chỉ đạo tỉnh Yên Bái tổ chức phiên họp đầu tiên. Đồng chí Bí thư Tỉnh ủy chủ trì "
               "phiên họp. Tại phiên họp đã công bố quyết định thành lập tổ giúp việc.")
    ranked = [_scored("Sáng 5/4, Ban Chỉ đạo tỉnh Yên Bái tổ chức phiên họp đầu tiên.", 0.95, context),
              _scored("Đồng chí Bí thư Tỉnh ủy chủ trì phiên họp.", 0.6, context),
              _scored("Tại phiên họp đã công bố quyết định thành lập tổ giúp việc.", 0.3, context)]
    question = analyse_question("Phiên họp đầu tiên của Ban Chỉ đạo tỉnh Yên Bái đã công bố những gì?")
    assert select(question, ranked, 3)[0].text.startswith("Tại phiên họp đã công bố")


def test_a_date_asked_is_of_the_question_s_most_distinctive_word() -> None:
    """"Bao giờ thì tỉnh Yên Bái sơ kết chương trình hành động?": of close sentences with a time, the one that says
    when the review ("sơ kết") is, not the programme's own date that repeats its name."""
    from chat.evidence import select

    rare = {"so": 2.0, "ket": 2.0}  # (folded, as the index weighs them)
    question = analyse_question("Bao giờ thì tỉnh Yên Bái sơ kết chương trình hành động?",
                                idf=lambda t: rare.get(t, 0.5))
    context = ("Căn cứ Chương trình hành động ngày 2/5/2025 của Tỉnh ủy Yên Bái, tỉnh ban hành kế hoạch năm 2026. "
               "Văn phòng Tỉnh ủy tham mưu sơ kết vào quý IV năm 2027.")
    ranked = [_scored("Căn cứ Chương trình hành động ngày 2/5/2025 của Tỉnh ủy Yên Bái, tỉnh ban hành kế hoạch năm "
                      "2026.", 0.93, context, province="Yên Bái"),
              _scored("Văn phòng Tỉnh ủy tham mưu sơ kết vào quý IV năm 2027.", 0.8, context, province="Yên Bái")]
    assert select(question, ranked, 1)[0].text.startswith("Văn phòng Tỉnh ủy tham mưu sơ kết")


def test_a_sentence_deep_in_a_paragraph_is_read_with_the_paragraph_s_opening() -> None:
    """"Phát biểu kết luận, đồng chí Bí thư Tỉnh ủy nhấn mạnh: …" says who speaks for every sentence of its
    paragraph: the third one's context holds the speaker (a new paragraph's sentence does not have it)."""
    from chat.evidence import FEATURES, candidates
    from chat.generators.base import Passage

    question = analyse_question("Bí thư Tỉnh ủy nhấn mạnh điều gì về dữ liệu dân cư?")
    opening = "Phát biểu kết luận, đồng chí Bí thư Tỉnh ủy nhấn mạnh vai trò của các ngành."
    middle = "Các sở cần phối hợp chặt chẽ hơn nữa."
    asked = "Phải làm sạch dữ liệu dân cư trong năm nay."

    def context(text: str) -> float:
        found = candidates(question, [Passage(1, Hit("doc:0", "doc", text, 1.0, {"chunk_index": 0}))])
        row = next(c for c in found if c.text == asked)
        return row.features[FEATURES.index("context_coverage")]

    assert context(f"{opening} {middle} {asked}") > context(f"{opening} {middle}\n{asked}")


def test_headings_of_one_rank_opening_with_what_a_list_asks_for_are_the_things_listed() -> None:
    """"… thành những nhóm nào?": the appendix's "I. Nhóm …" headings; "Điều 2. Nhiệm vụ, quyền hạn" and the "1.
    Nhiệm vụ:" under it are no two things listed, one heads the other."""
    from chat.evidence import ScoredSentence, _sibling_headings
    from chat.generators.base import Passage

    def ranked(text: str, heads: list[str]) -> list[ScoredSentence]:
        passage = Passage(1, Hit("doc:0", "doc", text, 1.0, {"chunk_index": 0}))
        return [ScoredSentence(h, passage, 0.5, 0.5, False, text.index(h), (1.0,)) for h in heads]

    appendix = ("PHỤ LỤC\nI. Nhóm nhiệm vụ về thể chế\n1. Ban hành quy chế.\nII. Nhóm nhiệm vụ về hạ tầng số\n"
                "1. Phủ sóng.")
    groups = ranked(appendix, ["Nhóm nhiệm vụ về hạ tầng số", "Nhóm nhiệm vụ về thể chế", "Ban hành quy chế."])
    found = _sibling_headings(analyse_question("Phụ lục chia các nhiệm vụ thành những nhóm nào?"), groups, groups[0])
    assert [s.text for s in found] == ["Nhóm nhiệm vụ về thể chế", "Nhóm nhiệm vụ về hạ tầng số"]
    decision = ("Điều 2. Nhiệm vụ, quyền hạn của Ban Chỉ đạo\n1. Nhiệm vụ:\na) Chỉ đạo, điều phối.\n2. Quyền hạn:\n"
                "a) Yêu cầu.")
    duties = ranked(decision, ["Nhiệm vụ, quyền hạn của Ban Chỉ đạo", "Nhiệm vụ:"])
    assert len(_sibling_headings(analyse_question("Ban Chỉ đạo có những nhiệm vụ gì?"), duties, duties[0])) < 2


def test_a_line_announcing_members_states_the_people_a_who_list_asks_for() -> None:
    """"… gồm những ai?" is answered by the lines "…, gồm các thành viên sau:" heads: that line states them, by
    heading them (a question for something else, or a single person, does not read it so)."""
    from chat.evidence import heads_members

    text = ("Điều 1. Thành lập Tổ công tác chuyển đổi số huyện Mường Tè, gồm các thành viên sau:\n"
            "1. Tổ trưởng: Ông Lò Văn Ánh, Chủ tịch UBND huyện.\n2. Tổ phó: Bà Lò Thị Bình, Trưởng phòng Nội vụ.\n"
            "Điều 2. Tổ công tác họp mỗi quý một lần.")
    assert heads_members(analyse_question("Quyết định thành lập Tổ công tác huyện Mường Tè gồm những ai?"), text, 0)
    assert not heads_members(analyse_question("Tổ công tác huyện Mường Tè có nhiệm vụ gì?"), text, 0)
    assert not heads_members(analyse_question("Ai là tổ trưởng Tổ công tác huyện Mường Tè?"), text, 0)


def test_who_said_what_the_question_names_before_its_who_is_the_one_saying_it() -> None:
    """"Ý kiến về an toàn dữ liệu y tế ở hội nghị sơ kết … là của ai?" names what was said before "ai": the sentence
    where someone speaks of it answers, though the sentence naming the meeting's chair shares more of the setting
    and ranks higher; a role the question names ("Trưởng Ban … là ai?") is no such thing."""
    from chat.evidence import focus_terms, select

    question = analyse_question("Ý kiến về an toàn dữ liệu y tế ở hội nghị sơ kết của tỉnh Sơn La là của ai?")
    assert {"du", "lieu", "y", "te"} <= set(focus_terms(question)) and "son" not in focus_terms(question)

    chair = _at_the_meeting("Đồng chí Trịnh Văn Nam, Bí thư Tỉnh ủy, chủ trì hội nghị sơ kết của tỉnh Sơn La.", 0.95)
    speaker = _at_the_meeting("Đồng chí Lê Thị Mai, Giám đốc Sở Y tế nêu ý kiến về an toàn dữ liệu y tế.", 0.75)
    assert select(question, [chair, speaker], 3)[0] is speaker
    assert not focus_terms(analyse_question("Trưởng Ban Chỉ đạo tỉnh Sơn La là ai?"))


def test_the_members_of_a_body_are_not_answered_by_another_body_s_members() -> None:
    """"Tổ giúp việc của Ban Chỉ đạo … gồm những ai?" is not answered by the lines the committee's own founding line
    heads; those lines answer who the committee's members are."""
    from chat.evidence import ScoredSentence, support
    from chat.generators.base import Passage

    text = ("Điều 1. Thành lập Ban Chỉ đạo chuyển đổi số tỉnh Sơn La, gồm các thành viên sau:\n"
            "1. Trưởng ban: Ông Trịnh Văn Nam, Chủ tịch Ủy ban nhân dân tỉnh.\n"
            "2. Phó Trưởng ban: Bà Lê Thị Mai, Giám đốc Sở Khoa học và Công nghệ.")
    passage = Passage(1, Hit("qd:0", "qd", text, 1.0, {"chunk_index": 0}))
    lines = [ScoredSentence(line.split(". ", 1)[1], passage, 0.5, 0.9, True, text.index(line.split(". ", 1)[1]),
                            (1.0,)) for line in text.splitlines()[1:]]
    helpers = analyse_question("Theo Quyết định thì tổ giúp việc của Ban Chỉ đạo chuyển đổi số gồm những ai?")
    committee = analyse_question("Ban Chỉ đạo chuyển đổi số gồm những ai?")
    assert support(helpers, lines) == 0.0
    assert support(committee, lines) > 0.0


def test_the_sentences_of_one_heading_s_line_are_one_heading_not_the_things_listed() -> None:
    """"Phần thứ hai. CÁC CHỈ TIÊU CHỦ YẾU" reads as two sentences: they are one heading, not two things a "những chỉ
    tiêu gì" question lists; the lines under it are."""
    from chat.evidence import ScoredSentence, select
    from chat.generators.base import Passage

    text = ("Phần thứ hai. CÁC CHỈ TIÊU CHỦ YẾU\n1. Đến năm 2026, 80% người dân có tài khoản định danh điện tử.\n"
            "2. Đến năm 2030, có 350 doanh nghiệp công nghệ số.\nPhần thứ ba. NHIỆM VỤ TRỌNG TÂM")
    passage = Passage(1, Hit("ctr:1", "ctr", text, 1.0, {"chunk_index": 1}))

    def sentence(words: str, score: float) -> ScoredSentence:
        return ScoredSentence(words, passage, 0.5, score, False, text.index(words), (1.0,))

    ranked = [sentence("CÁC CHỈ TIÊU CHỦ YẾU", 0.9), sentence("Phần thứ hai.", 0.5),
              sentence("Đến năm 2026, 80% người dân có tài khoản định danh điện tử.", 0.4),
              sentence("Đến năm 2030, có 350 doanh nghiệp công nghệ số.", 0.4)]
    chosen = select(analyse_question("Chương trình có những chỉ tiêu gì?"), ranked, 6)
    assert [s.text for s in chosen if "Đến năm" in s.text] == [ranked[2].text, ranked[3].text]


def test_what_a_thing_is_likened_to_is_said_by_the_sentence_likening_it() -> None:
    """"Bí thư ví Nghị quyết 9 như cái gì?": the sentence saying the resolution "được coi như" something answers,
    though the sentence naming the secretary ranks higher; "Như thế nào là …?" asks how, likening nothing."""
    from chat.evidence import focus_terms

    question = analyse_question("Bí thư Tỉnh ủy Sơn La ví Nghị quyết 9 như cái gì?")
    assert focus_terms(question).get("nhu") == 1.0
    assert "nhu" not in focus_terms(analyse_question("Như thế nào là dữ liệu mở?"))

    assert _likening_answers(question, "Bí thư Tỉnh ủy Sơn La phát biểu tại hội nghị về Nghị quyết 9.",
                             "Đồng chí Trịnh Văn Nam, Bí thư Tỉnh ủy, chủ trì hội nghị về Nghị quyết 9.",
                             "Đồng chí khẳng định Nghị quyết 9 được coi như một cuộc cách mạng về dữ liệu.")


def _likening_answers(question, context: str, chair: str, likened: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether `select` answers with the sentence likening (scored 0.6) rather than the one naming the chair (0.9),
    both in a passage reading `context`."""
    from chat.evidence import select

    ranked = [_scored(chair, 0.9, context), _scored(likened, 0.6, context)]
    return select(question, ranked, 3)[0] is ranked[1]


def test_a_verb_that_likens_makes_how_ask_what_a_thing_is_likened_to() -> None:
    """"… đồng chí Trưởng BCĐ ví NQ 57 như thế nào?" asks what the resolution is likened to, as "như cái gì" does
    ("như thế nào" alone asks how); "đồng chí Trưởng BCĐ" names a post, which many sentences hold, not a person
    whose own sentences alone answer."""
    from chat.evidence import _titled_people, focus_terms

    question = analyse_question("Tại phiên họp đầu tiên, đồng chí Trưởng BCĐ ví NQ 57 như thế nào?")
    assert focus_terms(question).get("nhu") == 1.0
    assert "nhu" not in focus_terms(analyse_question("Nghị quyết 57 được đánh giá như thế nào?"))
    assert _titled_people(question) == []
    assert _titled_people(analyse_question("Đồng chí Trần Quốc Cường phát biểu gì?")) == ["tran quoc cuong"]

    assert _likening_answers(question, "Ban Chỉ đạo tỉnh họp phiên đầu tiên về Nghị quyết 57.",
                             "Đồng chí Đặng Khánh Toàn, Bí thư Tỉnh ủy, Trưởng BCĐ chủ trì hội nghị về Nghị quyết 57.",
                             "Trưởng BCĐ khẳng định, Nghị quyết 57 được coi như một \"khoán 10\" trong lĩnh vực KHCN.")


def test_a_section_of_parts_is_quoted_to_its_item_limit_and_answered_as_nested_bullets() -> None:
    """A plan's "II. NHIỆM VỤ" with three parts of four items: the limit on a section's lines counts items, not
    the parts' headings, and the answer keeps the document's structure — each item indented under its part."""
    from chat.generators.extractive import ExtractiveGenerator
    from chat.sections import MAX_SECTION_LINES

    parts = ["1. Chuyển đổi số trong cơ quan nhà nước", "2. Hạ tầng số của huyện", "3. Nhân lực số"]
    body = "\n".join(f"{part}\n" + "\n".join(f"{'abcd'[i]}) Việc {n * 4 + i + 1} của phần {n + 1} được giao cho xã."
                                               for i in range(4)) for n, part in enumerate(parts))
    plan = f"KẾ HOẠCH chuyển đổi số huyện Mường Tè\nII. NHIỆM VỤ, GIẢI PHÁP\n{body}\nIII. KINH PHÍ\nNgân sách huyện."
    scores = {"NHIỆM VỤ, GIẢI PHÁP": 0.9, **{line[:12]: 0.3 for line in body.split("\n")}}
    question = analyse_question("Kế hoạch chuyển đổi số huyện Mường Tè có những nhiệm vụ, giải pháp gì?")
    answer = ExtractiveGenerator(lambda _: 1.0).answer(question, _document(plan, scores))
    lines = answer.splitlines()
    assert sum(line.startswith("  - ") and "Việc" in line for line in lines) == MAX_SECTION_LINES < 12, answer
    assert lines[0].startswith("- 1. Chuyển đổi số") and lines[1].startswith("  - a) Việc 1 "), answer
    assert lines[5].startswith("- 2. Hạ tầng số") and lines[6].startswith("  - a) Việc 5 "), answer


def test_a_figure_asked_at_a_meeting_s_month_is_not_a_sentence_of_other_years_but_that_meeting_s() -> None:
    """"… đến phiên họp tháng 11/2025 đạt bao nhiêu?": a resolution's "Giai đoạn 2021 - 2024, … đạt 68,4%" states
    years of its own, none of them the month's; the notice of the meeting held that month answers, though ranked
    lower."""
    from chat.evidence import meets_requirements, select

    question = analyse_question("Tỷ lệ hồ sơ trực tuyến của tỉnh Sơn La đến phiên họp tháng 11/2025 đạt bao nhiêu?")
    said = "Giai đoạn 2021 - 2024, tỷ lệ hồ sơ trực tuyến của tỉnh đạt 61,2%."
    past = _scored(said, 0.95, f"Nghị quyết năm 2025 của Tỉnh ủy Sơn La. {said}", doc_id="nq",
                   issued_date="2025-03-14", province="Sơn La")
    meeting = _scored("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 72,5%.", 0.6, doc_id="tb", event_date="2025-11-10",
                      province="Sơn La")
    other = _scored("Tỷ lệ hồ sơ trực tuyến toàn trình đạt 70,1%.", 0.7, doc_id="tb9", event_date="2025-09-02",
                    province="Sơn La")
    assert not meets_requirements(question, [past]) and meets_requirements(question, [meeting])
    assert [s.text for s in select(question, [past, other, meeting], 3)] == [meeting.text]


def test_a_sentence_stating_none_of_the_kinds_a_question_asks_does_not_support_it() -> None:
    """"… sẽ đặt ở đâu, diện tích bao nhiêu?": a sentence that only says such a park is needed states neither the
    place nor the area; one stating the area does."""
    from chat.evidence import ScoredSentence, support
    from chat.facts import states_asked_fact

    question = analyse_question("Khu công nghệ số mà tỉnh Sơn La định xây dựng sẽ đặt ở đâu, diện tích bao nhiêu?")
    assert len(question.kinds) == 2
    for text, supported in (("Tỉnh Sơn La cần có khu công nghệ số để ứng dụng thành tựu khoa học.", False),
                            ("Khu công nghệ số của tỉnh Sơn La có diện tích 120 ha.", True)):
        (selected,) = _selected(question, text, province="Sơn La")
        selected = ScoredSentence(text, selected.passage, 1.0, 0.9, states_asked_fact(question, text), 0)
        assert (support(question, [selected]) > 0) is supported, text


def test_a_rank_asked_is_answered_only_by_a_sentence_stating_one() -> None:
    """"… đứng thứ mấy …?" is not answered by a sentence that only says the place should rise."""
    from chat.evidence import ScoredSentence, support
    from chat.facts import states_asked_fact

    question = analyse_question("Chỉ số chuyển đổi số của tỉnh Sơn La đứng thứ mấy cả nước?")
    for text, supported in (("Tỉnh Sơn La phải thay đổi vị trí về chỉ số chuyển đổi số trong cả nước.", False),
                            ("Chỉ số chuyển đổi số của tỉnh Sơn La đứng thứ 21 cả nước.", True)):
        (selected,) = _selected(question, text, province="Sơn La")
        selected = ScoredSentence(text, selected.passage, 1.0, 0.9, states_asked_fact(question, text), 0)
        assert (support(question, [selected]) > 0) is supported, text


def test_a_target_of_the_year_asked_is_the_sentence_of_that_year_however_far_below() -> None:
    """"… mục tiêu đến 2028 là bao nhiêu?": this year's figure and a past period's share more of its words, yet state
    no 2028 ("Giai đoạn 2021 - 2024" is a year of its own); the goal "Đến năm 2028: … đạt 90%" answers."""
    from chat.evidence import select

    question = analyse_question("Tỷ lệ hồ sơ trực tuyến của tỉnh Sơn La: mục tiêu đến 2028 là bao nhiêu?")
    now = _scored("Tỷ lệ hồ sơ trực tuyến của tỉnh đạt 72,5%.", 0.95, doc_id="tb", province="Sơn La")
    past = _scored("Giai đoạn 2021 - 2024, tỷ lệ hồ sơ trực tuyến của tỉnh đạt 61,2%.", 0.8, doc_id="nq",
                   province="Sơn La")
    goal = _scored("Đến năm 2028: dịch vụ công trực tuyến toàn trình đạt 90%.", 0.5, doc_id="nq", province="Sơn La")
    assert [s.text for s in select(question, [now, past, goal], 3)] == [goal.text]


def test_a_target_asked_by_its_quarter_is_the_runner_stating_it_when_the_best_misses_the_year() -> None:
    """The best sentence states no 2027; of the runners that do, the one setting the target in that quarter answers
    ("… bảo đảm đạt trên 80% trong quý 2/2027"), though one stating where things stand ranks above it."""
    from chat.evidence import select

    question = analyse_question("Mục tiêu quý II năm 2027 về số hóa hồ sơ của Sơn La là bao nhiêu phần trăm?")
    ranked = [_scored("Số hóa hồ sơ của Sơn La năm 2025 đạt 74%.", 0.9),
              _scored("Đến đầu năm 2027, số hóa hồ sơ của Sơn La mới đạt 46%.", 0.85),
              _scored("Các huyện chỉ đạo số hóa hồ sơ, bảo đảm đạt trên 80% trong quý II năm 2027.", 0.6)]
    assert select(question, ranked, 3)[0] is ranked[2]


def test_a_rate_asked_is_stated_by_a_clause_writing_what_it_is_the_rate_of() -> None:
    """"Tỷ lệ hồ sơ … giải quyết trực tuyến toàn trình … đạt bao nhiêu?" is not answered by the rate of documents
    digitised (its clause writes neither "trực tuyến" nor "toàn trình"), nor, asked of the communes, by the rate a
    clause gives of the province's offices; a clause writing one of those words answers, however it puts the rest."""
    from chat.evidence import support

    def idf(term: str) -> float:  # (rare words weigh most, as the lexical index says)
        return 3.0 if set(term.split("_")) & {"truc", "tuyen", "toan", "trinh", "di", "ky"} else 1.0

    online = analyse_question("Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình năm 2025 đạt bao "
                              "nhiêu?", idf=idf)
    digitised = "Việc số hóa hồ sơ, giải quyết thủ tục hành chính đến tháng 10/2025 đạt 81%; dữ liệu được dùng lại."
    assert support(online, list(_selected(online, digitised))) == 0.0
    stated = "Trong năm 2025, tỷ lệ hồ sơ được xử lý trực tuyến toàn trình đạt 62%; 90% văn bản được ký số."
    assert support(online, list(_selected(online, stated))) == 0.9
    signed = analyse_question("Tỷ lệ văn bản đi của Ủy ban nhân dân cấp xã được ký số đạt bao nhiêu?", idf=idf)
    provincial = "Hồ sơ trực tuyến đạt 62%; 100% văn bản đi của cơ quan hành chính cấp tỉnh được ký số."
    assert support(signed, list(_selected(signed, provincial))) == 0.0
    assert support(signed, list(_selected(signed, provincial.replace("cấp tỉnh", "cấp xã")))) == 0.9


def test_a_thing_told_apart_by_its_number_is_not_another_of_its_numbers() -> None:
    """"… tài khoản định danh điện tử mức độ 3?" is not answered by "… mức độ 2 đạt 80%"; asked of "mức độ 2", or
    of a sentence naming no level, it is (a document's number or a time is no such name)."""
    from chat.evidence import _numbered, support

    question = analyse_question("Đến năm 2027 tỉnh phấn đấu bao nhiêu phần trăm người dân có tài khoản định danh điện "
                                "tử mức độ 3?")
    stated = "Đến năm 2027, 85% người dân có tài khoản định danh điện tử mức độ 2."
    assert support(question, list(_selected(question, stated))) == 0.0
    assert support(question, list(_selected(question, stated.replace("mức độ 2", "mức độ 3")))) == 0.9
    assert support(question, list(_selected(question, stated.replace(" mức độ 2", "")))) == 0.9
    assert _numbered("Kế hoạch 99 giao bao nhiêu nhiệm vụ trong quý 3?") == []


def test_a_share_the_question_states_of_one_thing_is_not_the_same_share_of_another() -> None:
    """"… tại 100% trạm y tế xã trong năm nào?" is not answered by "… tại 100% bệnh viện tuyến tỉnh trong năm 2025";
    asked of the hospitals, it is, and so by a sentence stating no such share."""
    from chat.evidence import support

    question = analyse_question("Bệnh án điện tử phải triển khai tại 100% trạm y tế xã trong năm nào?")
    hospitals = "Triển khai bệnh án điện tử tại 100% bệnh viện tuyến tỉnh trong năm 2026."
    assert support(question, list(_selected(question, hospitals))) == 0.0
    assert support(question, list(_selected(question, hospitals.replace("bệnh viện tuyến tỉnh", "trạm y tế xã")))) \
        == 0.9
    assert support(question, list(_selected(question, "Bệnh án điện tử được triển khai trong năm 2026."))) == 0.9
    # the share written as an abbreviation the sentence spells out
    linked = analyse_question("VP UBND tỉnh phải kết nối HTTT với 100% UBND cấp xã trước ngày nào?")
    spelled = "Văn phòng Ủy ban nhân dân tỉnh kết nối hệ thống với 100% Ủy ban nhân dân cấp xã trước ngày 15/01/2026."
    assert support(linked, list(_selected(linked, spelled))) == 0.9
