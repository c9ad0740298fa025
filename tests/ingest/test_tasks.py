"""Tasks read from directives: deadlines, agency names, table rows and assignment paragraphs in wordings
the sample documents do not use, and the SQLite store (replace, delete, query, two writing processes)."""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from bcd.vietnamese import canonical_agency, parse_deadline
from ingest.clean import clean
from ingest.loaders import load
from ingest.tasks import Task, TaskStore, extract_tasks, split_agencies


@pytest.mark.parametrize(("text", "due", "recurring"), [
    ("Tháng 6/2026", date(2026, 6, 30), False),
    ("tháng 02/2026", date(2026, 2, 28), False),
    ("Tháng 2 năm 2028", date(2028, 2, 29), False),
    ("Quý II/2026", date(2026, 6, 30), False),
    ("quý 3 năm 2026", date(2026, 9, 30), False),
    ("Quý IV-2025", date(2025, 12, 31), False),
    ("Trước ngày 30/9/2026", date(2026, 9, 30), False),
    ("chậm nhất ngày 05.01.2027", date(2027, 1, 5), False),
    ("ngày 15 tháng 12 năm 2026", date(2026, 12, 15), False),
    ("Năm 2027", date(2027, 12, 31), False),
    ("trước năm 2027", date(2026, 12, 31), False),
    ("Giai đoạn 2026 - 2030", date(2030, 12, 31), False),
    ("6 tháng đầu năm 2026", date(2026, 6, 30), False),
    ("cuối năm 2026", date(2026, 12, 31), False),
    ("06/2026", date(2026, 6, 30), False),
    ("Thường xuyên", None, True),
    ("Hằng năm", None, True),
    ("hàng tháng", None, True),
    ("định kỳ 6 tháng một lần", None, True),
    ("trước ngày 15 tháng 12 hằng năm", None, True),
    ("quy II/2026", date(2026, 6, 30), False),  # typed without diacritics
    ("thuong xuyen", None, True),
    ("2026", date(2026, 12, 31), False),  # a deadline cell holding only a year
    ("Theo tiến độ dự án", None, False),
    ("", None, False),
])
def test_deadline_forms(text: str, due: date | None, recurring: bool) -> None:
    deadline = parse_deadline(text)
    assert (deadline.due, deadline.recurring) == (due, recurring)


def test_a_deadline_without_a_year_takes_the_default_year() -> None:
    assert parse_deadline("Quý I").due is None
    assert parse_deadline("Quý I", default_year=2026).due == date(2026, 3, 31)
    assert parse_deadline("tháng 9", default_year=2026).due == date(2026, 9, 30)
    assert parse_deadline("30/6", default_year=2026).due == date(2026, 6, 30)


def test_in_a_sentence_only_dates_after_a_deadline_word_count() -> None:
    from bcd.vietnamese import deadline_spans

    sentence = "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024, năm 2025 và 30/6, hoàn thành trước ngày 30/6/2026."
    assert [s.due for s in deadline_spans(sentence, 2026, in_sentence=True)] == [date(2026, 6, 30)]


@pytest.mark.parametrize(("written", "canonical"), [
    ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
    ("Sở KHCN", "Sở Khoa học và Công nghệ"),
    ("so khoa hoc va cong nghe", "Sở Khoa học và Công nghệ"),
    ("Sở Khoa học và Công nghệ tỉnh Hòa Bình", "Sở Khoa học và Công nghệ"),
    ("UBND các huyện", "Ủy ban nhân dân các huyện, thành phố"),
    ("Ủy ban nhân dân cấp huyện", "Ủy ban nhân dân các huyện, thành phố"),
    ("VP UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("Công an tỉnh Thái Nguyên", "Công an tỉnh"),
    ("cong an tinh", "Công an tỉnh"),
    ("Tỉnh đoàn Hòa Bình", "Tỉnh đoàn"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("BTV Tỉnh ủy", "Ban Thường vụ Tỉnh ủy"),
    # not listed: kept as written, tone placement normalised
    ("Trung tâm Chuyển đổi số tỉnh Hoà Bình", "Trung tâm Chuyển đổi số tỉnh Hòa Bình"),
    ("các trường đại học ", "Các trường đại học"),
])
def test_agencies_are_canonicalised(written: str, canonical: str) -> None:
    assert canonical_agency(written) == canonical


def test_agency_lists_split_between_agencies_not_inside_names() -> None:
    assert split_agencies("Sở Văn hóa, Thể thao và Du lịch; UBND các huyện, thành phố") == [
        "Sở Văn hóa, Thể thao và Du lịch", "UBND các huyện, thành phố"]
    assert split_agencies("Sở Tài chính và Sở Tư pháp") == ["Sở Tài chính", "Sở Tư pháp"]
    assert split_agencies("Sở Khoa học và Công nghệ") == ["Sở Khoa học và Công nghệ"]
    assert split_agencies("Các sở, ngành liên quan, Bưu điện tỉnh") == ["Các sở, ngành liên quan", "Bưu điện tỉnh"]


PLAN = """ỦY BAN NHÂN DÂN
TỈNH THÁI NGUYÊN
Số: 45/KH-UBND
Thái Nguyên, ngày 10 tháng 3 năm 2026
KẾ HOẠCH
Thực hiện chuyển đổi số ngành y tế
I. MỤC TIÊU
1. Đến năm 2027, 100% bệnh viện tuyến tỉnh triển khai bệnh án điện tử.
2. Sở Y tế bảo đảm 90% trạm y tế xã có kết nối mạng trước ngày 31/12/2026.
II. NHIỆM VỤ CỤ THỂ
1. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính và Bảo hiểm xã hội tỉnh xây dựng đề án bệnh án điện tử, trình UBND tỉnh chậm nhất ngày 30/6/2026.
2. UBND tỉnh giao Sở Xây dựng chủ trì rà soát hạ tầng các bệnh viện, hoàn thành trong quý 3 năm 2026.
3. Sở Nội vụ:
a) Chủ trì tham mưu kiện toàn bộ máy quản lý công nghệ thông tin ngành y tế trong 6 tháng đầu năm 2026;
b) Hướng dẫn các đơn vị tuyển dụng viên chức công nghệ thông tin, báo cáo kết quả hằng quý.
4. Đề nghị Ủy ban MTTQ Việt Nam tỉnh tuyên truyền, vận động nhân dân sử dụng sổ sức khỏe điện tử.
5. Công an tỉnh Thái Nguyên phối hợp Sở KH&CN bảo đảm an ninh mạng cho hệ thống thông tin y tế (thường xuyên).
III. TỔ CHỨC THỰC HIỆN
- Chủ tịch UBND các huyện, thành phố chỉ đạo trạm y tế xã cập nhật dữ liệu trước ngày 15/12/2026;
- Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024, các đơn vị triển khai đúng hạn.
Nơi nhận:
- Bộ Y tế;
- Sở Y tế.
"""


def test_assignment_paragraphs_in_other_wordings() -> None:
    tasks = extract_tasks(PLAN, "kh-45", "Kế hoạch số 45/KH-UBND")
    got = [(t.lead, t.partners, t.deadline_text, t.due, t.recurring) for t in tasks]
    assert got == [
        ("Sở Y tế", ["Sở Tài chính", "Bảo hiểm xã hội tỉnh"], "chậm nhất ngày 30/6/2026", date(2026, 6, 30), False),
        ("Sở Xây dựng", [], "hoàn thành trong quý 3 năm 2026", date(2026, 9, 30), False),
        ("Sở Nội vụ", [], "trong 6 tháng đầu năm 2026", date(2026, 6, 30), False),  # lead from its heading
        ("Sở Nội vụ", [], "hằng quý", None, True),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", [], None, None, False),
        ("Công an tỉnh", ["Sở Khoa học và Công nghệ"], "thường xuyên", None, True),
        ("Ủy ban nhân dân các huyện, thành phố", [], "trước ngày 15/12/2026", date(2026, 12, 15), False),
    ]
    assert tasks[4].lead_as_written == "Ủy ban MTTQ Việt Nam tỉnh"
    assert [t.section for t in tasks[:3]] == ["mục II.1", "mục II.2", "mục II.3.a"]
    for task in tasks:  # the span is the task's words in the text, and ids are stable and distinct
        assert PLAN[task.start:task.end] == task.text and task.doc_id == "kh-45"
        assert task.doc_name == "Kế hoạch số 45/KH-UBND"
    assert [t.task_id for t in extract_tasks(PLAN, "kh-45", "x")] == [t.task_id for t in tasks]
    assert len({t.task_id for t in tasks}) == len(tasks)


def test_targets_cited_dates_and_recipients_are_not_tasks() -> None:
    texts = " ".join(t.text for t in extract_tasks(PLAN, "kh-45", "x"))
    assert "90% trạm y tế" not in texts  # a target under "Mục tiêu", though it names an agency and a date
    assert "22/12/2024" not in texts and "Bộ Y tế" not in texts


def test_a_sentence_of_two_assignments_gives_two_tasks() -> None:
    text = ("II. TỔ CHỨC THỰC HIỆN\n1. Sở Tư pháp thẩm định dự thảo trong tháng 4/2026; giao Sở Tài chính "
            "bố trí kinh phí trước ngày 30/5/2026.\n2. Kế hoạch này thay thế Kế hoạch số 12/KH-UBND ngày 02/3/2025.\n")
    tasks = extract_tasks(text, "d", "d")
    assert [(t.lead, t.due) for t in tasks] == [("Sở Tư pháp", date(2026, 4, 30)), ("Sở Tài chính", date(2026, 5, 30))]
    assert tasks[1].text.startswith("giao Sở Tài chính") and text[tasks[1].start:tasks[1].end] == tasks[1].text


def _docx_table(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    document = Document()
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("DANH MỤC NHIỆM VỤ NĂM 2026")
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(str(path))
    return path


def test_task_table_rows_with_other_column_names(tmp_path: Path) -> None:
    path = _docx_table(tmp_path / "phu-luc.docx",
                       ["STT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Tiến độ",
                        "Sản phẩm dự kiến"],
                       [["1", "Xây dựng cơ sở dữ liệu ngành giáo dục", "Sở GD&ĐT", "Sở Tài chính, Sở KH&CN",
                         "Quý I/2027", "Cơ sở dữ liệu"],
                        ["2", "Tập huấn kỹ năng số cho giáo viên", "Sở Giáo dục và Đào tạo",
                         "UBND các huyện, thành phố", "Hằng năm", "Các lớp tập huấn"],
                        ["3", "Đánh giá mức độ chuyển đổi số", "Sở Nội vụ", "", "Tháng 11/2026", ""]])
    text = clean(load(path).text, crawled=False).text
    tasks = extract_tasks(text, "phu-luc", "Phụ lục")
    assert [(t.text, t.lead, t.partners, t.deadline_text, t.due, t.recurring, t.output) for t in tasks] == [
        ("Xây dựng cơ sở dữ liệu ngành giáo dục", "Sở Giáo dục và Đào tạo",
         ["Sở Tài chính", "Sở Khoa học và Công nghệ"], "Quý I/2027", date(2027, 3, 31), False, "Cơ sở dữ liệu"),
        ("Tập huấn kỹ năng số cho giáo viên", "Sở Giáo dục và Đào tạo", ["Ủy ban nhân dân các huyện, thành phố"],
         "Hằng năm", None, True, "Các lớp tập huấn"),
        ("Đánh giá mức độ chuyển đổi số", "Sở Nội vụ", [], "Tháng 11/2026", date(2026, 11, 30), False, None),
    ]
    assert tasks[0].lead_as_written == "Sở GD&ĐT"
    for task in tasks:  # the span is the whole row line
        assert text[task.start:task.end].split("\n")[0] == text[task.start:task.end]
        assert task.text in text[task.start:task.end]


def test_a_table_without_agency_or_deadline_columns_assigns_nothing(tmp_path: Path) -> None:
    path = _docx_table(tmp_path / "kinh-phi.docx", ["STT", "Nội dung", "Kinh phí (triệu đồng)", "Nguồn vốn"],
                       [["1", "Mua sắm thiết bị", "1.200", "Ngân sách tỉnh"],
                        ["2", "Thuê dịch vụ", "800", "Ngân sách tỉnh"]])
    assert extract_tasks(clean(load(path).text, crawled=False).text, "kp", "kp") == []


def _task(doc_id: str, n: int, lead: str, partners: list[str], due: date | None, recurring: bool = False) -> Task:
    return Task(task_id=f"{doc_id}:{n}", doc_id=doc_id, doc_name=f"Văn bản {doc_id}", text=f"Nhiệm vụ {n}",
                lead=lead, lead_as_written=lead, partners=partners, deadline_text=None, due=due,
                recurring=recurring, section=f"mục {n}", start=10 * n, end=10 * n + 5)


def test_store_replace_delete_and_query(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "tasks.sqlite3")
    kh = "Sở Khoa học và Công nghệ"
    store.replace("a", [_task("a", 1, kh, ["Sở Tài chính"], date(2026, 6, 30)),
                        _task("a", 2, "Sở Tài chính", [kh], date(2025, 12, 31)),
                        _task("a", 3, "Công an tỉnh", [], None, recurring=True)], "hash-a")
    store.replace("b", [_task("b", 1, kh, [], date(2027, 12, 31))], "hash-b")
    assert store.count() == 4 and store.text_hashes() == {"a": "hash-a", "b": "hash-b"}
    ids = lambda tasks: [t.task_id for t in tasks]  # noqa: E731
    for written in ("Sở KH&CN", "so khoa hoc va cong nghe", kh, "SỞ KHOA HỌC VÀ CÔNG NGHỆ"):
        assert ids(store.query(agency=written)) == ["a:1", "b:1"]
        assert ids(store.query(agency=written, role="any")) == ["a:1", "a:2", "b:1"]
    assert ids(store.query(agency="tài chính", role="any")) == ["a:1", "a:2"]  # a part of a name
    assert ids(store.query(due_before=date(2026, 6, 30))) == ["a:1", "a:2"]
    assert ids(store.query(due_after=date(2026, 1, 1), due_before=date(2026, 12, 31))) == ["a:1"]
    assert ids(store.query(doc_ids=["b"])) == ["b:1"] and store.query(doc_ids=[]) == []
    assert ids(store.query(recurring=True)) == ["a:3"]
    assert store.agencies() == ["Công an tỉnh", kh, "Sở Tài chính"]
    back = store.query(agency="Công an tỉnh")[0]
    assert back == _task("a", 3, "Công an tỉnh", [], None, recurring=True)
    store.replace("a", [_task("a", 9, "Sở Nội vụ", [], None)], "hash-a2")  # a new version of document a
    assert ids(store.query()) == ["a:9", "b:1"] and store.text_hashes()["a"] == "hash-a2"
    assert store.query(agency="Sở KH&CN", doc_ids=["a"]) == []
    store.delete("a")
    assert ids(store.query()) == ["b:1"] and "a" not in store.text_hashes()
    assert ids(TaskStore(tmp_path / "tasks.sqlite3").query()) == ["b:1"]  # persisted


def test_a_failed_replace_leaves_the_previous_tasks(tmp_path: Path) -> None:
    store = TaskStore(tmp_path / "tasks.sqlite3")
    store.replace("a", [_task("a", 1, "Sở Nội vụ", [], None)], "h1")
    duplicate = _task("a", 2, "Sở Tư pháp", [], None)
    with pytest.raises(Exception):
        store.replace("a", [duplicate, duplicate], "h2")  # the second insert breaks the primary key
    assert [t.task_id for t in store.query()] == ["a:1"] and store.text_hashes() == {"a": "h1"}


def _writer(path: str, name: str, rounds: int) -> None:
    store = TaskStore(Path(path))
    for r in range(rounds):
        store.replace(name, [_task(name, n, "Sở Nội vụ", ["Sở Tư pháp"], date(2026, 1, 1 + n))
                             for n in range(1 + r % 5)], f"{name}-{r}")


def test_two_processes_write_at_once(tmp_path: Path) -> None:
    path = tmp_path / "tasks.sqlite3"
    TaskStore(path)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(path), name, 40)) for name in ("x", "y")]
    for worker in workers:
        worker.start()
    while any(w.is_alive() for w in workers):  # a reader meanwhile always sees whole documents
        for name in ("x", "y"):
            count = len(TaskStore(path).query(doc_ids=[name]))
            assert count in (0, 1, 2, 3, 4, 5)
    for worker in workers:
        worker.join()
        assert worker.exitcode == 0
    store = TaskStore(path)
    assert store.text_hashes() == {"x": "x-39", "y": "y-39"}
    assert len(store.query(doc_ids=["x"])) == len(store.query(doc_ids=["y"])) == 5


def test_agency_names_end_where_a_listed_name_ends_and_lists_go_on() -> None:
    text = ("III. TỔ CHỨC THỰC HIỆN\n"
            "1. Sở Tài chính: chủ trì, phối hợp với các sở, ngành liên quan cân đối nguồn vốn trước ngày 31/10/2026.\n"
            "2. Đài Phát thanh và Truyền hình tỉnh, Báo Thái Nguyên mở chuyên mục tuyên truyền thường xuyên.\n"
            "3. Công an tỉnh phối hợp với Sở KH&CN, Văn phòng UBND tỉnh nâng cấp hệ thống giám sát trong năm 2026.\n")
    assert [(t.lead, t.partners) for t in extract_tasks(text, "d", "d")] == [
        ("Sở Tài chính", ["Các sở, ngành liên quan"]),
        ("Đài Phát thanh và Truyền hình tỉnh", ["Báo Thái Nguyên"]),
        ("Công an tỉnh", ["Sở Khoa học và Công nghệ", "Văn phòng Ủy ban nhân dân tỉnh"]),
    ]


def test_an_items_last_words_left_on_their_own_line_belong_to_it() -> None:
    """OCR can leave a wrapped item's last word alone on a line: "... sơ kết vào quý IV năm" / "2027."."""
    text = ("II. TỔ CHỨC THỰC HIỆN\n1. Văn phòng Tỉnh ủy chủ trì tham mưu sơ kết vào quý IV năm\n2027.\n"
            "Chương trình này được phổ biến đến chi bộ.\n")
    [task] = extract_tasks(text, "d", "d")
    assert (task.deadline_text, task.due) == ("vào quý IV năm 2027", date(2027, 12, 31))
    assert text[task.start:task.end] == "Văn phòng Tỉnh ủy chủ trì tham mưu sơ kết vào quý IV năm\n2027"


def test_items_under_an_assigning_heading_inherit_its_agency() -> None:
    text = ("I. NHIỆM VỤ\n1. Sở Nội vụ chủ trì thực hiện các nhiệm vụ sau:\n"
            "a) Tham mưu sắp xếp bộ máy các cơ quan chuyên môn trước ngày 30/6/2026;\n"
            "b) Hướng dẫn đánh giá cán bộ hằng năm.\n2. Công an tỉnh:\n- Bảo đảm an ninh mạng thường xuyên;\n"
            "- Điều tra các vụ lừa đảo qua mạng.\n3. Nhiệm vụ khác:\na) Sở Tư pháp rà soát văn bản trong quý I/2026.\n")
    got = [(t.lead, t.due, t.recurring, t.text) for t in extract_tasks(text, "d", "d")]
    assert got == [
        ("Sở Nội vụ", date(2026, 6, 30), False, "Tham mưu sắp xếp bộ máy các cơ quan chuyên môn trước ngày 30/6/2026"),
        ("Sở Nội vụ", None, True, "Hướng dẫn đánh giá cán bộ hằng năm"),
        ("Công an tỉnh", None, True, "Bảo đảm an ninh mạng thường xuyên"),
        ("Công an tỉnh", None, False, "Điều tra các vụ lừa đảo qua mạng"),
        ("Sở Tư pháp", date(2026, 3, 31), False, "Sở Tư pháp rà soát văn bản trong quý I/2026"),
    ]  # the heading lines themselves are not tasks


HELD_OUT = """file: mau-ke-hoach-17-kh-ubnd-chuyen-doi-so-y-te
ship: pdf
style: state
left: ỦY BAN NHÂN DÂN / **TỈNH THÁI NGUYÊN**
number: Số: 17/KH-UBND
right: **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** / **Độc lập - Tự do - Hạnh phúc**
date: Thái Nguyên, ngày 05 tháng 01 năm 2026
type: KẾ HOẠCH
summary: Chuyển đổi số ngành y tế năm 2026
title: Văn bản mẫu - Kế hoạch chuyển đổi số ngành y tế (dùng cho kiểm thử)
---
# I. MỤC TIÊU
Đến hết năm 2026, 100% bệnh viện tuyến tỉnh triển khai bệnh án điện tử.
# II. NHIỆM VỤ TRỌNG TÂM
1. Giao Sở Y tế chủ trì, phối hợp với Bảo hiểm xã hội tỉnh kết nối dữ liệu khám chữa bệnh, xong trước 30/4/2026.
2. Sở Nội vụ:
a) Tham mưu bố trí biên chế công nghệ thông tin cho các bệnh viện trong quý III năm 2026;
b) Tổng hợp kết quả, báo cáo UBND tỉnh định kỳ hằng quý.
# III. TỔ CHỨC THỰC HIỆN
Các nhiệm vụ cụ thể tại danh mục dưới đây.
@table 6 34 18 18 12 12
STT | Nội dung công việc | Đơn vị chủ trì | Đơn vị phối hợp | Thời gian hoàn thành | Kết quả
1 | Số hóa hồ sơ sức khỏe cá nhân | Sở Y tế | UBND các huyện, TP | 2026 | Hồ sơ điện tử
2 | Triển khai thanh toán không dùng tiền mặt tại bệnh viện | ^ | Ngân hàng Nhà nước chi nhánh tỉnh | Quý 4/2026 | Bệnh viện thu phí qua ngân hàng
3 | Đào tạo kỹ năng số cho nhân viên y tế | Sở GD&ĐT | Sở Y tế; Trường Cao đẳng Y tế | Hằng năm | Các lớp đào tạo
@end
@sign
**Nơi nhận:**
- Bộ Y tế,
- Lưu: VT.
@right
**TM. ỦY BAN NHÂN DÂN**
**CHỦ TỊCH**
**Trịnh Việt Hùng**
@end
"""


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_held_out_plan_read_from_docx_and_pdf(tmp_path: Path, fmt: str) -> None:
    """A plan in wordings and column names the five samples do not use, rendered like them, read back."""
    from eval.samples import parse, render

    source = tmp_path / "held-out.txt"
    source.write_text(HELD_OUT, "utf-8")
    path = render(parse(source), tmp_path / "out", (fmt,))[fmt]
    text = clean(load(path).text, crawled=False).text
    got = [(t.lead, t.partners, t.deadline_text, t.due, t.recurring, t.output)
           for t in extract_tasks(text, "kh-17", "Kế hoạch số 17/KH-UBND")]
    assert got == [
        ("Sở Y tế", ["Bảo hiểm xã hội tỉnh"], "xong trước 30/4/2026", date(2026, 4, 30), False, None),
        ("Sở Nội vụ", [], "trong quý III năm 2026", date(2026, 9, 30), False, None),
        ("Sở Nội vụ", [], "định kỳ hằng quý", None, True, None),
        ("Sở Y tế", ["Ủy ban nhân dân các huyện, thành phố"], "2026", date(2026, 12, 31), False, "Hồ sơ điện tử"),
        ("Sở Y tế", ["Ngân hàng Nhà nước chi nhánh tỉnh"], "Quý 4/2026", date(2026, 12, 31), False,
         "Bệnh viện thu phí qua ngân hàng"),
        ("Sở Giáo dục và Đào tạo", ["Sở Y tế", "Trường Cao đẳng Y tế"], "Hằng năm", None, True, "Các lớp đào tạo"),
    ]
