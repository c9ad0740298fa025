"""The page's pieces without a browser: source cards, the documents table and filters, error messages."""

from pathlib import Path
from types import SimpleNamespace

from app.ui import ANY, document_choices, documents_table, question_error, source_cards
from chat.service import InvalidQuestionError
from retrieval.question import EmptyQueryError

TEXT = ("KẾ HOẠCH\nChuyển đổi số năm 2026\nI. MỤC TIÊU\nĐến năm 2026 có 100% hồ sơ trực tuyến.\n"
        "II. NHIỆM VỤ\nSở Khoa học và Công nghệ chủ trì xây dựng nền tảng số dùng chung của tỉnh.\n")
DOC = {"doc_id": "ke-hoach-cds", "title": "Kế hoạch: Chuyển đổi số năm 2026", "province": "Cao Bằng",
       "event_date": "2025-12-01", "n_chunks": 2, "source": "/srv/bcd/data/uploads/9f2c.txt", "url": ""}


def backend(tmp_path: Path, docs: list[dict]) -> SimpleNamespace:
    (tmp_path / "documents").mkdir(exist_ok=True)
    (tmp_path / "documents" / "ke-hoach-cds.txt").write_text(TEXT, encoding="utf-8")
    retriever = SimpleNamespace(documents=lambda: {d["doc_id"]: d for d in docs})
    return SimpleNamespace(service=SimpleNamespace(retriever=retriever),
                           settings=SimpleNamespace(data_dir=tmp_path, max_question_chars=2000))


def citation(n: int, quote: str, chunk: int, source: str = "/srv/bcd/data/uploads/9f2c.txt") -> dict:
    start = TEXT.index(quote)
    return {"n": n, "doc_id": "ke-hoach-cds", "title": DOC["title"], "chunk_id": f"ke-hoach-cds#{chunk:04d}-ab",
            "quote": quote, "source": source, "url": "", "start": start, "end": start + len(quote)}


def test_two_chunks_of_one_document_are_told_apart_and_no_server_path_is_shown(tmp_path: Path) -> None:
    cards = source_cards(backend(tmp_path, [DOC]), [
        citation(1, "Đến năm 2026 có 100% hồ sơ trực tuyến.", 0),
        citation(2, "Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng số dùng chung của tỉnh.", 1)])
    summaries = [part.split("</summary>")[0] for part in cards.split("<summary>")[1:]]
    assert len(summaries) == 2 and summaries[0] != summaries[1]
    assert "I. MỤC TIÊU · Đoạn 1/2" in summaries[0] and "II. NHIỆM VỤ · Đoạn 2/2" in summaries[1]
    assert "“Sở Khoa học và Công nghệ chủ trì xây dựng…”" in summaries[1]  # the first ten words
    assert "/srv" not in cards and "uploads" not in cards and "9f2c.txt" in cards  # the base name only
    assert "Cao Bằng · 01/12/2025" in cards


def test_a_windows_path_is_cut_to_its_file_name_and_a_link_replaces_it(tmp_path: Path) -> None:
    cited = citation(1, "Đến năm 2026 có 100% hồ sơ trực tuyến.", 0, source="C:\\data\\corpus\\ke-hoach.txt")
    assert "C:" not in source_cards(backend(tmp_path, [DOC]), [cited])
    cited["url"] = "https://example.vn/ke-hoach"
    cards = source_cards(backend(tmp_path, [DOC]), [cited])
    assert "ke-hoach.txt" not in cards and 'href="https://example.vn/ke-hoach"' in cards


def test_the_document_filter_offers_titles_and_the_table_has_every_column() -> None:
    assert document_choices([DOC]) == [(ANY, ANY), ("Kế hoạch: Chuyển đổi số năm 2026", "ke-hoach-cds")]
    table = documents_table([DOC])
    for header in ("Tiêu đề", "Tỉnh", "Ngày", "Số đoạn"):
        assert f"<th>{header}</th>" in table
    assert "01/12/2025" in table and "/srv" not in table


def test_question_errors_are_vietnamese() -> None:
    assert question_error(InvalidQuestionError("the question is 2500 characters long; the limit is 2000"),
                          "a" * 2500, 2000) == "Câu hỏi dài 2500 ký tự, vượt quá giới hạn 2000 ký tự. Hãy rút gọn câu hỏi."
    assert question_error(EmptyQueryError("the question is empty"), "???", 2000).startswith(
        "Câu hỏi chưa có từ nào để tra cứu")


def test_a_source_card_names_the_document_and_the_quotes_section(tmp_path: Path) -> None:
    cited = citation(1, "Sở Khoa học và Công nghệ chủ trì xây dựng nền tảng số dùng chung của tỉnh.", 1)
    cards = source_cards(backend(tmp_path, [DOC]), [{**cited, "section": "mục II",
                                                     "label": "Kế hoạch 215/KH-UBND, mục II"}])
    assert "<summary>[1] Kế hoạch 215/KH-UBND, mục II<span" in cards
    old = source_cards(backend(tmp_path, [DOC]), [cited])  # stored before labels existed: the title
    assert f"<summary>[1] {DOC['title']}<span" in old
