"""Questions about assigned tasks: recognised from the question, answered from the task store as a complete
list in which every task cites its own row; other questions, and restricted documents' tasks, stay out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bcd.settings import Settings
from chat.service import ChatService
from chat.tasks import _period, task_query
from ingest.pipeline import Ingestor
from retrieval.filters import Viewer
from retrieval.question import analyse_question

AGENCIES = ["Sở Khoa học và Công nghệ", "Sở Nội vụ", "Công an tỉnh"]


def _identity(name: str) -> str:
    return {"Sở KH&CN": "Sở Khoa học và Công nghệ"}.get(name, name)


@pytest.mark.parametrize(("text", "expected"), [
    ("đến hạn trong tháng 2/2026", (date(2026, 2, 1), date(2026, 2, 28))),
    ("trong quý III/2026", (date(2026, 7, 1), date(2026, 9, 30))),
    ("đến hạn trong quý 4 năm 2025", (date(2025, 10, 1), date(2025, 12, 31))),
    ("phải hoàn thành trong năm 2027", (date(2027, 1, 1), date(2027, 12, 31))),
    ("xong trước ngày 15/3/2026", (None, date(2026, 3, 15))),
    ("của kế hoạch", (None, None)),
])
def test_the_period_a_question_asks_about(text: str, expected: tuple[date | None, date | None]) -> None:
    assert _period(text) == expected


@pytest.mark.parametrize(("question", "agency", "lead_only", "is_task"), [
    ("Sở Nội vụ chủ trì những nhiệm vụ nào?", "Sở Nội vụ", True, True),
    ("Công an tỉnh được giao bao nhiêu việc?", "Công an tỉnh", False, True),
    ("Nhiệm vụ nào phải xong trong tháng 3/2026?", None, False, True),
    ("Ai là Giám đốc Sở Nội vụ?", None, False, False),  # about a person, not tasks
    ("Những nhiệm vụ trọng tâm của tỉnh là gì?", None, False, False),  # nothing the store can filter on
    # one date asked of a meeting about tasks, naming a committee no task is assigned to: not a refusal
    ("Hội nghị đôn đốc các nhiệm vụ của Ban Chỉ đạo tỉnh diễn ra khi nào?", None, False, False),
    ("Sở Nội vụ được giao bao nhiêu nhiệm vụ?", "Sở Nội vụ", False, True),  # a count of tasks still is
    # who assigns them is not whom they are assigned to
    ("Kể tên các nhiệm vụ mà Ban Chỉ đạo giao cho Sở Nội vụ.", "Sở Nội vụ", False, True),
    ("Những nhiệm vụ mà Trưởng Ban Chỉ đạo giao là gì?", None, False, False),
    # which tasks and their deadline: the list gives each task's
    ("Sở Nội vụ chủ trì nhiệm vụ nào, thời hạn khi nào?", "Sở Nội vụ", True, True),
    ("Kế hoạch giao Sở Nội vụ làm gì, hạn bao giờ?", "Sở Nội vụ", False, True),  # what it is to do, and by when
    # one task, named by its words or asked which of two agencies leads it: one fact
    ("Nhiệm vụ có sản phẩm “Báo cáo đánh giá” là nhiệm vụ gì, Sở Nội vụ chủ trì phải không?", None, False, False),
    ("Nhiệm vụ đào tạo công chức là những việc gì, Công an tỉnh hay Sở Nội vụ chủ trì?", None, False, False),
    ("Sở Nội vụ có mấy nhóm nhiệm vụ?", None, False, False),  # groups, not tasks
])
def test_which_questions_are_about_tasks(question: str, agency: str | None, lead_only: bool, is_task: bool) -> None:
    query = task_query(analyse_question(question), AGENCIES, {}, _identity)
    assert (query is not None) == is_task
    if query is not None:
        assert (query.agency, query.lead_only) == (agency, lead_only)


PLAN = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 305/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Tây Ninh, ngày 10 tháng 01 năm 2026
KẾ HOẠCH
Ứng dụng trí tuệ nhân tạo trong cơ quan nhà nước năm 2026
I. NHIỆM VỤ CỤ THỂ
1. Nhiệm vụ: Xây dựng trợ lý ảo hỗ trợ công chức tra cứu văn bản; Đơn vị chủ trì: Sở Khoa học và Công nghệ; Đơn vị phối hợp: Văn phòng Ủy ban nhân dân tỉnh; Thời gian hoàn thành: Tháng 9/2026; Kết quả: Trợ lý ảo vận hành
2. Nhiệm vụ: Đào tạo kỹ năng sử dụng trí tuệ nhân tạo cho 500 công chức; Đơn vị chủ trì: Sở Nội vụ; Đơn vị phối hợp: Sở Khoa học và Công nghệ; Thời gian hoàn thành: Quý II/2026; Kết quả: 500 công chức được đào tạo
3. Nhiệm vụ: Đánh giá an ninh mạng các hệ thống trí tuệ nhân tạo; Đơn vị chủ trì: Công an tỉnh; Đơn vị phối hợp: Sở Khoa học và Công nghệ; Thời gian hoàn thành: Hằng năm; Kết quả: Báo cáo đánh giá
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Lâm
"""
RESTRICTED = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 306/KH-UBND
Tây Ninh, ngày 12 tháng 01 năm 2026
KẾ HOẠCH
Bảo vệ bí mật nhà nước năm 2026
1. Nhiệm vụ: Rà soát danh mục bí mật Mật Lam Chín; Đơn vị chủ trì: Sở Nội vụ; Thời gian hoàn thành: Tháng 5/2026
CHỦ TỊCH
Trần Văn Lâm
"""


@pytest.fixture(scope="module")
def tasks_service(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    folder = tmp_path_factory.mktemp("plans")
    (folder / "ke-hoach-ai.txt").write_text(PLAN, encoding="utf-8")
    (folder / "ke-hoach-mat.txt").write_text(RESTRICTED, encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("tasks-data"))
    ingestor = Ingestor(settings)
    assert not ingestor.ingest([folder / "ke-hoach-ai.txt"], progress=False).failed
    assert not ingestor.ingest([folder / "ke-hoach-mat.txt"], groups=["bao-mat"], progress=False).failed
    return ChatService(settings)


def _checks_out(service: ChatService, citation) -> bool:  # type: ignore[no-untyped-def]
    text = (service.settings.data_dir / "documents" / f"{citation.doc_id}.txt").read_text(encoding="utf-8")
    return text[citation.start:citation.end] == citation.quote


@pytest.mark.slow
def test_every_task_of_an_agency_is_listed_and_cites_its_row(tasks_service: ChatService) -> None:
    result = tasks_service.answer("So KH&CN phoi hop thuc hien nhung nhiem vu nao?")
    assert result.generator == "tasks" and not result.refused
    quotes = [c.quote for c in result.citations]
    assert len(quotes) == 3  # leads one, partner in two: every row that names it
    assert all(any(w in q for q in quotes) for w in ("trợ lý ảo", "500 công chức", "an ninh mạng"))
    assert all(_checks_out(tasks_service, c) for c in result.citations)
    assert "Mật Lam Chín" not in result.answer  # a restricted plan's task is not shown to the public


def test_agencies_named_side_by_side_make_one_question_each() -> None:
    """"KH 7 giao so noi vu, VP UBND lam gi?" asks each agency's tasks: one question each, labelled with the agency's
    own name, however it was typed (abbreviated, without diacritics, with or without "tỉnh"); agencies joined by
    what one does with the other ("phối hợp với") are no such list."""
    from chat.tasks import agency_parts

    known = ["Sở Nội vụ", "Sở Tài chính", "Văn phòng Ủy ban nhân dân tỉnh", "Sở Khoa học và Công nghệ"]
    assert agency_parts("KH 7 giao so noi vu, VP UBND lam gi, han bao gio", known) == [
        ("Sở Nội vụ", "KH 7 giao so noi vu lam gi, han bao gio"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "KH 7 giao VP UBND lam gi, han bao gio")]
    assert [a for a, _ in agency_parts("Nhiệm vụ của Sở KH&CN và của Sở Tài chính là gì?", known)] == [
        "Sở Khoa học và Công nghệ", "Sở Tài chính"]
    assert agency_parts("Sở Tài chính phối hợp với Sở Nội vụ làm gì?", known) == []
    assert agency_parts("Sở Tư pháp và Sở Nội vụ làm gì?", known) == []  # one the store does not know


@pytest.mark.slow
def test_lead_only_and_period_questions_narrow_the_list(tasks_service: ChatService) -> None:
    lead = tasks_service.answer("Sở Khoa học và Công nghệ chủ trì những nhiệm vụ nào?")
    assert [c.quote.split(";")[0] for c in lead.citations] == [
        "1. Nhiệm vụ: Xây dựng trợ lý ảo hỗ trợ công chức tra cứu văn bản"]
    due = tasks_service.answer("Nhiệm vụ nào đến hạn trong quý II/2026?")
    assert due.generator == "tasks" and len(due.citations) == 1 and "500 công chức" in due.citations[0].quote
    # each task says what it is to deliver, as its row does: how it is checked as done
    assert "sản phẩm: Trợ lý ảo vận hành" in lead.answer and "sản phẩm: 500 công chức được đào tạo" in due.answer


@pytest.mark.slow
def test_a_reader_of_the_group_sees_the_restricted_task(tasks_service: ChatService) -> None:
    question = "Sở Nội vụ được giao những nhiệm vụ nào?"
    public = tasks_service.answer(question)
    insider = tasks_service.answer(question, viewer=Viewer(frozenset({"bao-mat"})))
    assert "Mật Lam Chín" not in public.answer and "Mật Lam Chín" in insider.answer
    assert len(insider.citations) == len(public.citations) + 1


@pytest.mark.slow
def test_an_ordinary_question_still_goes_to_retrieval(tasks_service: ChatService) -> None:
    result = tasks_service.answer("Kế hoạch ứng dụng trí tuệ nhân tạo do ai ký?")
    assert result.generator != "tasks" and "Trần Văn Lâm" in result.answer


def test_one_fact_about_one_task_is_not_a_list_question() -> None:
    for question in ("Cơ quan nào chủ trì xây dựng trợ lý ảo?", "Việc đào tạo 500 công chức hạn khi nào?"):
        assert task_query(analyse_question(question), AGENCIES, {}, _identity) is None


@pytest.mark.slow
def test_a_committee_s_own_duties_are_no_unknown_agency_s_tasks() -> None:
    """A task table never assigns to the steering committee: "Quyết định … giao cho Ban Chỉ đạo … những nhiệm vụ gì?"
    asks for the duties its founding text writes, which retrieval finds; an agency no task names is refused."""
    committee = task_query(analyse_question("Quyết định thành lập giao cho Ban Chỉ đạo chuyển đổi số của huyện "
                                            "những nhiệm vụ gì?"), AGENCIES, {}, _identity)
    assert committee is None or not committee.unknown_agency
    unknown = task_query(analyse_question("Sở Giao thông được giao những nhiệm vụ gì?"), AGENCIES, {}, _identity)
    assert unknown is not None and unknown.unknown_agency


@pytest.mark.slow
def test_the_tasks_a_named_document_gives_an_agency_it_gives_none_are_refused(tasks_service: ChatService) -> None:
    """Công an tỉnh has a task in plan 305, none in plan 306: asked of 306, its tasks for others are no answer."""
    insider = Viewer(frozenset({"bao-mat"}))
    none = tasks_service.answer("Kế hoạch 306/KH-UBND đề ra việc gì cho Công an tỉnh?", viewer=insider)
    assert none.refused and not none.citations and "Mật Lam Chín" not in none.answer
    own = tasks_service.answer("Kế hoạch 306/KH-UBND đề ra việc gì cho Sở Nội vụ?", viewer=insider)
    assert not own.refused and "Mật Lam Chín" in own.answer


def test_the_tasks_of_an_agency_no_document_names_are_refused(tasks_service: ChatService) -> None:
    result = tasks_service.answer("Sở Y tế chủ trì những nhiệm vụ nào?")
    assert result.refused and not result.citations


def test_a_task_named_in_a_plan_s_body_and_again_as_its_row_is_one_task() -> None:
    """The row says more (who leads, partners, output) and stands for both; a task of another document, or one
    whose words only share a beginning word with it, stays."""
    from chat.tasks import _once_each
    from ingest.tasks import Task

    body = Task("t1", "kh", "Kế hoạch 7", "Mở 5 lớp tập huấn an toàn thông tin cho cấp xã trong năm 2026.",
                deadline_text="trong năm 2026", start=10, end=70)
    row = Task("t2", "kh", "Kế hoạch 7", "Mở 5 lớp tập huấn an toàn thông tin cho cấp xã", lead="Sở Nội vụ",
               partners=["Công an tỉnh"], deadline_text="Tháng 8/2026", start=400, end=480)
    other_plan = Task("t3", "kh2", "Kế hoạch 8", "Mở 5 lớp tập huấn an toàn thông tin cho cấp xã", start=5, end=50)
    other_task = Task("t4", "kh", "Kế hoạch 7", "Mở cổng dữ liệu mở của tỉnh", lead="Sở Nội vụ", start=500, end=530)
    kept = _once_each([body, row, other_plan, other_task])
    assert sorted(t.task_id for t in kept) == ["t2", "t3", "t4"]


@pytest.mark.slow
def test_an_agency_s_tasks_say_which_it_leads_and_which_it_takes_part_in(tasks_service: ChatService) -> None:
    result = tasks_service.answer("Những nhiệm vụ nào được giao cho Sở Khoa học và Công nghệ?")
    first, *_ = result.answer.splitlines()
    assert "(chủ trì 1, phối hợp 2)" in first  # it leads the assistant, takes part in the training and the audit
    assert "trợ lý ảo" in result.citations[0].quote  # what it leads comes first
    lead = tasks_service.answer("Sở Khoa học và Công nghệ chủ trì những nhiệm vụ nào?")
    assert "phối hợp" not in lead.answer.splitlines()[0]


@pytest.mark.slow
def test_a_task_of_the_list_just_given_is_asked_about_by_its_place(tasks_service: ChatService) -> None:
    from chat.generators.base import Turn

    question = "Những nhiệm vụ nào được giao cho Sở Khoa học và Công nghệ?"
    listed = tasks_service.answer(question)
    second = next(line for line in listed.answer.splitlines() if line.startswith("2. "))
    history = [Turn("user", question), Turn("assistant", listed.answer)]
    due = tasks_service.answer("Nhiệm vụ thứ 2 hạn khi nào?", history)
    assert not due.refused and due.citations
    task = second.split(". ", 1)[1].split(" (")[0]
    assert task in due.citations[0].quote  # the second task's row, and its deadline read from it
    assert due.answer.startswith(second.split("thời hạn: ")[1].split(";")[0])


def test_overdue_tasks_say_the_day_they_are_counted_on_and_what_the_documents_cannot_say() -> None:
    from chat.tasks import TaskQuery

    described = TaskQuery(overdue=True, as_of=date(2026, 3, 1)).describe()
    assert "tính đến ngày 01/03/2026" in described and "không cho biết" in described


APPENDED = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 400/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Tây Ninh, ngày 10 tháng 01 năm 2026
KẾ HOẠCH
Phát triển dữ liệu số năm 2026
I. NHIỆM VỤ
1. Sở Tài chính chủ trì bố trí kinh phí thực hiện Kế hoạch trong quý I/2026.
2. Các sở, ngành thực hiện các nhiệm vụ tại Phụ lục kèm theo Kế hoạch này.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Trần Văn Lâm
PHỤ LỤC
DANH MỤC NHIỆM VỤ NĂM 2026
1. Nhiệm vụ: Xây dựng kho dữ liệu dùng chung; Đơn vị chủ trì: Sở Khoa học và Công nghệ; Thời gian hoàn thành: \
Tháng 9/2026
2. Nhiệm vụ: Số hóa hồ sơ đất đai; Đơn vị chủ trì: Sở Nông nghiệp và Môi trường; Thời gian hoàn thành: Tháng 12/2026
3. Nhiệm vụ: Đào tạo kỹ năng dữ liệu cho 300 công chức; Đơn vị chủ trì: Sở Nội vụ; Thời gian hoàn thành: Quý III/2026
"""


@pytest.mark.slow
def test_the_tasks_of_a_plan_s_appendix_are_its_rows_alone(tmp_path: Path) -> None:
    """"Phụ lục Kế hoạch 400 có bao nhiêu nhiệm vụ?" counts the appendix's three rows, not the plan's own paragraphs
    that assign work; asked of the whole plan, all five; "danh mục nhiệm vụ" asks for them as "những nhiệm vụ" does."""
    (tmp_path / "kh-400.txt").write_text(APPENDED, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data")
    assert not Ingestor(settings).ingest([tmp_path / "kh-400.txt"], progress=False).failed
    service = ChatService(settings)
    appendix = service.answer("Phụ lục Kế hoạch 400/KH-UBND có bao nhiêu nhiệm vụ?")
    assert appendix.generator == "tasks" and appendix.answer.startswith("Có 3 nhiệm vụ")
    assert "Sở Tài chính" not in appendix.answer
    assert service.answer("Kế hoạch 400/KH-UBND có bao nhiêu nhiệm vụ?").answer.startswith("Có 5 nhiệm vụ")
    listed = service.answer("Liệt kê danh mục nhiệm vụ trong Phụ lục Kế hoạch 400/KH-UBND")
    assert listed.generator == "tasks" and len(listed.citations) == 3


def test_overdue_is_counted_on_the_day_the_question_names_and_typed_without_diacritics() -> None:
    """"Tính đến ngày 31/12/2025 … quá hạn?" counts on that day (no deadline of its own); "nhiem vu nao qua han"
    asks the same; "… nhiệm vụ thường xuyên" asks the recurring ones."""
    stated = task_query(analyse_question("Tính đến ngày 31/12/2025 Sở Nội vụ có nhiệm vụ nào quá hạn?"), AGENCIES,
                        {}, _identity)
    assert stated is not None and stated.overdue and stated.as_of == date(2025, 12, 31)
    assert stated.due_before is None
    folded = task_query(analyse_question("so noi vu co nhung nhiem vu nao qua han"), AGENCIES, {}, _identity)
    assert folded is not None and folded.overdue
    recurring = task_query(analyse_question("Sở Nội vụ có những nhiệm vụ thường xuyên nào?"), AGENCIES, {}, _identity)
    assert recurring is not None and recurring.recurring
