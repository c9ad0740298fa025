"""Yes/no questions whose premise states an ordinal or a figure: read as the open question they put in doubt."""

from __future__ import annotations

import pytest

from chat.premise import premise, states_the_premise


@pytest.mark.parametrize(("question", "asked", "stated"), [
    ("Nghị quyết 9 được Hội nghị Ban Chấp hành lần thứ mười lăm thông qua phải không?",
     "Nghị quyết 9 được Hội nghị Ban Chấp hành lần thứ mấy thông qua?", "lần thứ mười lăm"),
    ("Sơn La đặt mục tiêu kinh tế số chiếm 30% GRDP vào năm 2030 đúng không?",
     "Sơn La đặt mục tiêu kinh tế số chiếm bao nhiêu % GRDP vào năm 2030?", "30%"),
    ("Có phải Kế hoạch 45 hỗ trợ 20 doanh nghiệp không?", "Kế hoạch 45 hỗ trợ bao nhiêu doanh nghiệp?", "20"),
    ("ke hoach 45 ho tro 20 doanh nghiep phai ko", "ke hoach 45 ho tro bao nhiêu doanh nghiep?", "20"),
])
def test_a_yes_no_question_puts_its_ordinal_or_figure_in_doubt(question: str, asked: str, stated: str) -> None:
    read = premise(question)
    assert read is not None and (read.asked, read.stated) == (asked, stated)


@pytest.mark.parametrize("question", [
    "Sơn La có bao nhiêu doanh nghiệp công nghệ số?",  # an open question
    "Kế hoạch 45 do Sở Tài chính chủ trì phải không?",  # no ordinal, no figure: nothing to ask instead
])
def test_other_questions_have_no_premise_to_doubt(question: str) -> None:
    assert premise(question) is None


def test_the_premise_holds_when_the_answer_states_it() -> None:
    read = premise("Lào Cai có 15 tổ chức khoa học công nghệ phải không?")
    assert read is not None
    assert states_the_premise(read, "15 tổ chức — Tính đến nay, Lào Cai đã có 15 tổ chức … [1]")
    assert not states_the_premise(read, "12 tổ chức — Tính đến nay, Lào Cai đã có 12 tổ chức … [1]")
    ordinal = premise("Nghị quyết được thông qua tại hội nghị lần thứ mười bảy đúng không?")
    assert ordinal is not None and states_the_premise(ordinal, "lần thứ 17 — … [1]")


@pytest.mark.slow
def test_a_wrong_figure_is_corrected_from_the_documents_and_a_right_one_confirmed(service) -> None:  # type: ignore[no-untyped-def]
    wrong = service.answer("Lào Cai đã có 20 tổ chức hoạt động trong lĩnh vực khoa học công nghệ phải không?")
    assert not wrong.refused and wrong.answer.startswith("Không, không phải 20") and "15 tổ chức" in wrong.answer
    assert any("15 tổ chức" in c.quote for c in wrong.citations)  # the figure the documents state, cited
    right = service.answer("Có phải Lào Cai đã có 15 tổ chức hoạt động trong lĩnh vực khoa học công nghệ không?")
    assert not right.refused and right.answer.startswith("Đúng")


def test_a_person_said_to_hold_a_post_is_checked_against_who_holds_it(service) -> None:  # type: ignore[no-untyped-def]
    """"Phạm Đình Nghị là Trưởng Ban Chỉ đạo tỉnh Nam Định phải không?": the sentences quoting him (as Chủ tịch UBND)
    say nothing of that post; who holds it is asked, and the answer says it is someone else."""
    wrong = service.answer("Phạm Đình Nghị là Trưởng Ban Chỉ đạo tỉnh Nam Định phải không?")
    assert wrong.answer.startswith("Không, không phải Phạm Đình Nghị") and "Đặng Khánh Toàn" in wrong.answer
    right = service.answer("Đặng Khánh Toàn là Trưởng Ban Chỉ đạo tỉnh Nam Định phải không?")
    assert right.answer.startswith("Đúng") and "Đặng Khánh Toàn" in right.answer


def test_a_meetings_ordinal_is_checked_against_its_document_which_says_it_once(service) -> None:  # type: ignore[no-untyped-def]
    """A report says once, in its title and lead, which meeting it is of ("… họp phiên đầu tiên"): a sentence of
    it (whose words name no meeting) confirms a question placing that meeting's decision there; another ordinal is
    answered with the one the documents state, not with a number that ranks no meeting ("khoán 10")."""
    right = service.answer("Quyết định 1407-QĐ/TU được công bố ở phiên họp đầu tiên của Ban Chỉ đạo Nam Định, "
                           "đúng không?")
    assert right.answer.startswith("Đúng")
    wrong = service.answer("Quyết định 1407-QĐ/TU được công bố ở phiên họp thứ ba của Ban Chỉ đạo Nam Định, "
                           "đúng không?")
    assert wrong.answer.startswith("Không, không phải thứ ba: phiên đầu tiên")
