"""Near misses made by machine: one detail of an answerable question swapped for one the corpus never writes."""

from __future__ import annotations

import re

from bcd import vietnamese as vn
from eval.dataset import QAItem
from eval.near_misses import near_misses

CORPUS = ["Đến năm 2030, tỉnh Hòa Bình có 350 doanh nghiệp công nghệ số theo Chương trình hành động 25-CTr/TU.",
          "Sở Tài chính chủ trì; Sở Nội vụ phối hợp."]


def item(question: str, **fields: object) -> QAItem:
    return QAItem(id="q1", question=question, answer="350 doanh nghiệp", evidence=[CORPUS[0]], type="factoid",
                  **fields)


def test_each_detail_is_swapped_for_one_the_corpus_never_writes() -> None:
    made = {row["id"].split(":")[-1]: row for row in near_misses(
        [item("Đến năm 2030, CTr 25 của tỉnh Hòa Bình đặt mục tiêu bao nhiêu doanh nghiệp, do Sở Tài chính theo dõi?")],
        CORPUS)}
    assert set(made) == {"year", "province", "number", "department"}
    folded = vn.fold(" ".join(CORPUS)).lower()
    assert "2037" in made["year"]["question"] and "2037" not in folded
    assert "Hòa Bình" not in made["province"]["question"]
    assert "CTr 38" in made["number"]["question"]  # 25 + 13, a number the corpus never writes
    department = re.search(r"do (Sở .+?) theo dõi", made["department"]["question"])
    assert department and vn.fold(department.group(1)).lower() not in folded  # (never "Sở Nội vụ", written there)
    assert all(row["type"] == "unanswerable" and row["answer"] == "" and row["evidence"] == [] for row in made.values())


def test_follow_ups_and_unanswerable_questions_are_left_out() -> None:
    follow_up = item("Còn năm 2030 thì thế nào?", history=["CTr 25 đặt mục tiêu gì?"])
    unanswerable = QAItem(id="q2", question="Đến năm 2030 Sơn La có bao nhiêu doanh nghiệp?", type="unanswerable")
    assert near_misses([follow_up, unanswerable], CORPUS) == []


def test_a_question_typed_without_diacritics_gets_its_swap_without_them() -> None:
    made = near_misses([item("tinh hoa binh co bao nhieu doanh nghiep cong nghe so")], CORPUS)
    assert len(made) == 1 and not vn.has_diacritics(made[0]["question"])


def test_a_head_becomes_a_deputy_and_a_deputy_a_head_where_the_corpus_never_names_that_role() -> None:
    corpus = ["Ông Lò Văn Sơn, Giám đốc Sở Tài chính, và ông Hà Văn An, Phó Giám đốc Sở Nội vụ, dự họp."]
    swapped = {row["id"].split(":")[-1]: row["question"] for row in near_misses(
        [item("Giám đốc Sở Tài chính dự họp là ai?")], corpus)}
    assert swapped["role"] == "Phó Giám đốc Sở Tài chính dự họp là ai?"
    assert {row["question"] for row in near_misses([item("pho giam doc so noi vu du hop la ai")], corpus)
            if row["id"].endswith(":role")} == {"giam doc so noi vu du hop la ai"}
    assert not [row for row in near_misses([item("Phó Giám đốc Sở Tài chính và Giám đốc Sở Tài chính là ai?")],
                                           corpus + ["Phó Giám đốc Sở Tài chính Lê Văn Bình."])
                if row["id"].endswith(":role")]  # (both roles written: no swap makes it unanswerable)
