"""Questions asked of every province at once, answered province by province."""

import re

import pytest

from chat.across import asks_every_province, each_province


@pytest.mark.parametrize("question", [
    "Những tỉnh nào đã tổ chức phiên họp Ban Chỉ đạo?",
    "Ai là Trưởng Ban Chỉ đạo ở các tỉnh?",
    "Tỉnh nào có nhiều trạm phát sóng nhất?",
    "mỗi tỉnh giao cơ quan nào làm thường trực BCĐ",
    "cac dia phuong da so hoa bao nhieu phan tram ho so",
])
def test_questions_asked_of_every_province_are_seen(retriever, question: str) -> None:
    assert asks_every_province(retriever.analyse(question)) is not None


@pytest.mark.parametrize("question", [
    "Chương trình hành động số 35-CTr/TU là của tỉnh nào?",  # which province one thing is of
    "Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định và các tỉnh lân cận?",  # names its province
    "Các tỉnh, thành phố phải làm gì theo Nghị quyết 57?",  # the nation's wording
    "Còn các tỉnh khác thì sao?",  # goes on from an earlier answer
    "Các tỉnh ủy đã ban hành văn bản gì?",
])
def test_other_questions_are_not_split_by_province(retriever, question: str) -> None:
    assert asks_every_province(retriever.analyse(question)) is None


def test_each_province_is_asked_in_the_question_s_own_words(retriever) -> None:
    question = retriever.analyse("Những tỉnh nào đều đã họp Ban Chỉ đạo?")
    parts = each_province(question, asks_every_province(question), ["Lào Cai", "Nam Định"])
    assert parts == [("Lào Cai", "Tỉnh Lào Cai đã họp Ban Chỉ đạo?"), ("Nam Định", "Tỉnh Nam Định đã họp Ban Chỉ đạo?")]
    question = retriever.analyse("Sở Khoa học và Công nghệ ở các tỉnh được giao việc gì?")
    assert each_province(question, asks_every_province(question), ["Điện Biên"]) == [
        ("Điện Biên", "Sở Khoa học và Công nghệ ở tỉnh Điện Biên được giao việc gì?")]


def test_an_answer_across_provinces_cites_each_province_from_its_own_documents(service, retriever) -> None:
    answer = service.answer("Ai là Trưởng Ban Chỉ đạo ở các tỉnh?")
    bullets = [line for line in answer.answer.splitlines() if line.startswith("- ")]
    assert not answer.refused and len(bullets) >= 3, answer.answer
    by_number = {c.n: c for c in answer.citations}
    for bullet in bullets:
        province = bullet[2:].split(":")[0]
        cited = [by_number[int(n)] for n in re.findall(r"\[(\d+)\]", bullet)]
        assert cited, bullet
        # each province's fact quoted from a document about that province, not from another's
        assert {retriever.documents()[c.doc_id].get("province") for c in cited} == {province}, bullet


def test_provinces_the_documents_say_nothing_about_are_left_out(service) -> None:
    # the question asked of a province whose articles do not say it is refused on its own: across provinces it
    # is left out, not listed as a refusal
    answer = service.answer("Những tỉnh nào đã tổ chức phiên họp Ban Chỉ đạo?")
    assert not answer.refused and "không đề cập" not in answer.answer, answer.answer
    assert len(re.findall(r"^- ", answer.answer, re.MULTILINE)) >= 2, answer.answer


def test_a_province_filter_keeps_the_question_whole(service) -> None:
    from retrieval.filters import SearchFilters

    answer = service.answer("Ai là Trưởng Ban Chỉ đạo ở các tỉnh?", filters=SearchFilters(province="Nam Định"))
    assert not answer.answer.startswith("- ")
