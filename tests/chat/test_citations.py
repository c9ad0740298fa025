"""The paragraph around a cited quote, shared by the web page's source cards and Zalo's /nguon."""

from __future__ import annotations

from pathlib import Path

from chat.citations import QuotedParagraph, quoted_paragraph

TEXT = "Tiêu đề bài viết\nĐoạn một. Trưởng Ban là ông A. Câu sau.\nĐoạn hai.\n"


def citation(text: str, quote: str, doc_id: str = "doc-1") -> dict[str, object]:
    start = text.index(quote)
    return {"n": 1, "doc_id": doc_id, "quote": quote, "start": start, "end": start + len(quote)}


def test_the_paragraph_is_cut_around_the_quote(tmp_path: Path) -> None:
    (tmp_path / "doc-1.txt").write_text(TEXT, encoding="utf-8")
    found = quoted_paragraph(tmp_path, citation(TEXT, "Trưởng Ban là ông A."))
    assert found == QuotedParagraph("Đoạn một. ", "Trưởng Ban là ông A.", " Câu sau.")


def test_a_document_updated_since_the_answer_gives_no_paragraph(tmp_path: Path) -> None:
    cited = citation(TEXT, "Trưởng Ban là ông A.")
    updated = "Một dòng mới ở đầu văn bản, dài hơn câu được trích.\n" + TEXT
    (tmp_path / "doc-1.txt").write_text(updated, encoding="utf-8")
    assert quoted_paragraph(tmp_path, cited) is None  # the span now holds other words: the caller shows the quote


def test_a_missing_document_or_a_foreign_doc_id_gives_no_paragraph(tmp_path: Path) -> None:
    assert quoted_paragraph(tmp_path, citation(TEXT, "Đoạn hai.")) is None
    (tmp_path.parent / "outside.txt").write_text(TEXT, encoding="utf-8")
    assert quoted_paragraph(tmp_path, citation(TEXT, "Đoạn hai.", doc_id="../outside")) is None


def test_a_quote_is_named_by_the_section_at_its_own_offset() -> None:
    from chat.citations import section_and_label

    chunk = {"title": "Kế hoạch số 99/KH-UBND: Triển khai Nghị quyết 57", "official_name": "Kế hoạch 99/KH-UBND",
             "section": "mục II.2", "sections": "120:mục II.3|180:mục II.3.a|260:"}
    assert section_and_label(chunk, 100) == ("mục II.2", "Kế hoạch 99/KH-UBND, mục II.2")
    assert section_and_label(chunk, 200) == ("mục II.3.a", "Kế hoạch 99/KH-UBND, mục II.3.a")
    assert section_and_label(chunk, 300) == ("", "Kế hoạch 99/KH-UBND")  # past the body: the signature
    article = {"title": "Hội nghị Ban Chỉ đạo tỉnh", "section": "", "sections": ""}
    assert section_and_label(article, 50) == ("", "Hội nghị Ban Chỉ đạo tỉnh")


def test_a_list_answer_keeps_one_bullet_a_line() -> None:
    from chat.citations import resolve_citations
    from chat.generators.base import Passage
    from retrieval.hybrid import Hit

    text = "- Yêu cầu các phòng báo cáo số liệu;\n- Kiến nghị điều chỉnh kế hoạch."
    passage = Passage(1, Hit("d:0", "d", text, 1.0, {"chunk_index": 0}))
    cited = resolve_citations("- Yêu cầu các phòng báo cáo số liệu; [1]\n- Kiến nghị điều chỉnh kế hoạch. [1]",
                              [passage])
    assert cited.text.splitlines() == ["- Yêu cầu các phòng báo cáo số liệu; [1]",
                                       "- Kiến nghị điều chỉnh kế hoạch. [2]"]  # each quote its own citation
