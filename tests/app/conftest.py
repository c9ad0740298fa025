"""An index with assigned tasks for the task surfaces' tests (CLI, API, page): the session's news articles, the
shipped plan (its appendix task table, read by the real extraction), and two plans of our own, one public and
one restricted to the group "lanh-dao", whose tasks are then set in the real task store row by row, so what the
surfaces must show is known exactly whatever the extraction makes of them."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import CORPUS

PLAN_SAMPLE = CORPUS / "samples" / "mau-ke-hoach-99-kh-ubnd-trien-khai-nghi-quyet-57.pdf"
PUBLIC_ID, SECRET_ID = "ke-hoach-88-son-la", "ke-hoach-mat-son-la"
SECRET_GROUP, SECRET_WORDS = "lanh-dao", "Mật Thư Bảy"
PUBLIC_PLAN = """ỦY BAN NHÂN DÂN TỈNH SƠN LA
Số: 88/KH-UBND
Ngày 05/01/2026
KẾ HOẠCH
Thực hiện chuyển đổi số năm 2026
I. NHIỆM VỤ
1. Sở Khoa học và Công nghệ chủ trì, phối hợp với Sở Tài chính xây dựng kho dữ liệu dùng chung, hoàn thành trước ngày 31/3/2026.
2. Sở Tài chính chủ trì bố trí kinh phí thực hiện Kế hoạch, hoàn thành trong quý II/2026.
3. Văn phòng UBND tỉnh theo dõi, đôn đốc việc thực hiện Kế hoạch, thực hiện thường xuyên.
4. Công an tỉnh chủ trì, phối hợp với Sở Khoa học và Công nghệ, Sở Văn hóa, Thể thao và Du lịch bảo đảm an toàn thông tin cho kho dữ liệu, hoàn thành trong năm 2027.
"""
SECRET_PLAN = """ỦY BAN NHÂN DÂN TỈNH SƠN LA
Số: 89/KH-UBND
Ngày 06/01/2026
KẾ HOẠCH
Triển khai Đề án Mật Thư Bảy
1. Sở Ngoại vụ chủ trì rà soát nhân sự Đề án Mật Thư Bảy, hoàn thành trước ngày 15/02/2026.
"""
# (line of the plan that holds the task, lead, partners, deadline as written, due, recurring)
PUBLIC_TASKS = [
    ("1. Sở Khoa học và Công nghệ chủ trì", "Sở Khoa học và Công nghệ", ["Sở Tài chính"], "trước ngày 31/3/2026",
     date(2026, 3, 31), False),
    ("2. Sở Tài chính chủ trì", "Sở Tài chính", [], "quý II/2026", date(2026, 6, 30), False),
    ("3. Văn phòng UBND tỉnh", "Văn phòng UBND tỉnh", [], "thường xuyên", None, True),
    ("4. Công an tỉnh chủ trì", "Công an tỉnh", ["Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch"],
     "năm 2027", date(2027, 12, 31), False),
]
SECRET_TASKS = [("1. Sở Ngoại vụ chủ trì", "Sở Ngoại vụ", [], "trước ngày 15/02/2026", date(2026, 2, 15), False)]
TODAY = date(2026, 5, 1)  # the day the tests count overdue from: the first public task and the secret one are late


@dataclass(frozen=True)
class TaskIndex:
    settings: object  # bcd.settings.Settings
    plan_id: str  # the shipped plan's document id

    @property
    def data_dir(self) -> Path:
        return self.settings.data_dir  # type: ignore[attr-defined]


def _seed(settings, doc_id: str, doc_name: str, rows: list[tuple]) -> None:  # type: ignore[no-untyped-def]
    """Set a document's tasks in the store: one per row, spanning the line of the stored text it names."""
    from ingest.tasks import Task, TaskStore

    text = (settings.data_dir / "documents" / f"{doc_id}.txt").read_text(encoding="utf-8")
    tasks = []
    for n, (line_start, lead, partners, deadline, due, recurring) in enumerate(rows, 1):
        start = text.index(line_start)
        end = text.index("\n", start) if "\n" in text[start:] else len(text)
        tasks.append(Task(task_id=f"{doc_id}-{n}", doc_id=doc_id, doc_name=doc_name,
                          text=text[start:end].split(" ", 1)[1], lead=lead, lead_as_written=lead,
                          partners=list(partners), output=None, deadline_text=deadline, due=due,
                          recurring=recurring, section=f"mục I.{n}", start=start, end=end))
    store = TaskStore(settings.tasks_db)
    store.replace(doc_id, tasks, text_hash=store.text_hashes()[doc_id])  # the text's, as the ingest recorded


@pytest.fixture(scope="session")
def task_index(indexed_settings, tmp_path_factory: pytest.TempPathFactory) -> TaskIndex:
    from bcd.settings import Settings
    from ingest.pipeline import Ingestor

    root = tmp_path_factory.mktemp("tasks")
    shutil.copytree(indexed_settings.data_dir, root / "data")
    settings = Settings(data_dir=root / "data")
    (root / "docs").mkdir()
    public, secret = root / "docs" / f"{PUBLIC_ID}.txt", root / "docs" / f"{SECRET_ID}.txt"
    public.write_text(PUBLIC_PLAN, encoding="utf-8")
    secret.write_text(SECRET_PLAN, encoding="utf-8")
    ingestor = Ingestor(settings)
    for paths, groups in (([PLAN_SAMPLE, public], []), ([secret], [SECRET_GROUP])):
        report = ingestor.ingest(paths, groups=groups, progress=False)
        assert not report.failed, report.failed
    _seed(settings, PUBLIC_ID, "Kế hoạch 88/KH-UBND", PUBLIC_TASKS)
    _seed(settings, SECRET_ID, "Kế hoạch 89/KH-UBND", SECRET_TASKS)
    return TaskIndex(settings, PLAN_SAMPLE.stem)


def served_copy(task_index: TaskIndex, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    data_dir = tmp_path_factory.mktemp(name) / "data"
    shutil.copytree(task_index.data_dir, data_dir)
    return data_dir
