import re
from pathlib import Path

import pytest

from ingest.chunk import chunk_document
from ingest.clean import clean

NUMBER = re.compile(r"\d+(?:[.,]\d+)+")


@pytest.fixture(scope="module")
def documents(corpus_dir: Path) -> dict[str, str]:
    return {p.stem: clean(p.read_text(encoding="utf-8")).text for p in sorted(corpus_dir.glob("*.txt"))}


def test_chunks_map_back_to_their_spans_and_cover_the_text(documents: dict[str, str]) -> None:
    for doc_id, text in documents.items():
        chunks = chunk_document(doc_id, text, 1000, 200)
        assert chunks and all(text[c.start:c.end] == c.text for c in chunks)
        covered = set()
        for c in chunks:
            covered.update(range(c.start, c.end))
        letters = {i for i, ch in enumerate(text) if not ch.isspace()}
        assert letters <= covered, f"{doc_id}: text outside every chunk"
        assert [c.index for c in chunks] == list(range(len(chunks)))


def test_no_chunk_boundary_inside_a_number(documents: dict[str, str]) -> None:
    for doc_id, text in documents.items():
        for chunk in chunk_document(doc_id, text, 300, 60):
            for boundary in (chunk.start, chunk.end):
                for m in NUMBER.finditer(text):
                    assert not (m.start() < boundary < m.end()), f"{doc_id}: cut inside {m.group()}"


def test_chunks_respect_size_and_overlap_long_paragraphs(documents: dict[str, str]) -> None:
    text = documents["dien-bien-phien-hop-thu-nhat-ban-chi-dao-57"]
    chunks = chunk_document("db", text, 400, 120)
    assert max(len(c.text) for c in chunks) <= 400
    overlapping = sum(1 for a, b in zip(chunks, chunks[1:]) if b.start < a.end)
    assert overlapping >= 3


def test_chunks_end_on_sentence_boundaries_when_sentences_fit(documents: dict[str, str]) -> None:
    text = documents["lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025"]
    for chunk in chunk_document("lc", text, 1000, 200):
        assert chunk.text.rstrip()[-1] in ".!?…”\"" or chunk.end == len(text) or text[chunk.end] == "\n"


def test_ids_are_stable_and_content_addressed(documents: dict[str, str]) -> None:
    text = documents["ha-nam-hoi-nghi-toan-quoc-dot-pha-khcn-cds"]
    first = [c.chunk_id for c in chunk_document("hn", text, 1000, 200)]
    assert first == [c.chunk_id for c in chunk_document("hn", text, 1000, 200)]
    changed = [c.chunk_id for c in chunk_document("hn", text.replace("252 điểm cầu", "253 điểm cầu"), 1000, 200)]
    # a local edit touches only the chunks holding that sentence (at most 3 with overlap)
    assert changed != first and len(set(changed) & set(first)) >= len(first) - 3


# --- Structured documents -----------------------------------------------------------------------------

PLAN = "\n".join([
    "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH", "Số: 99/KH-UBND", "KẾ HOẠCH", "Triển khai chuyển đổi số năm 2026",
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ.",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Cụ thể hóa các nhiệm vụ của Chương trình hành động số 25-CTr/TU thành nhiệm vụ có sản phẩm rõ ràng.",
    "2. Các sở, ngành chủ động bố trí nhân lực, kinh phí; bảo đảm hoàn thành đúng tiến độ.",
    "II. NHIỆM VỤ VÀ GIẢI PHÁP",
    "1. Hoàn thiện thể chế",
    "a) Xây dựng Nghị quyết của Hội đồng nhân dân tỉnh về chính sách hỗ trợ doanh nghiệp đổi mới công nghệ.",
    "b) Rà soát, bãi bỏ các quy định không còn phù hợp, gây cản trở hoạt động khoa học và công nghệ.",
    "2. Phát triển nguồn nhân lực số",
    "Mỗi năm tổ chức 12 lớp bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã. " * 6
    + "Sở Nội vụ tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh trước ngày 15/12 hằng năm.",
    "3. Phát triển hạ tầng số",
    "a) Hạ tầng viễn thông:",
    "- Phủ sóng di động 4G, 5G cho 43 thôn, xóm còn vùng lõm sóng ở huyện Đà Bắc và huyện Mai Châu;",
    "- Nâng cấp mạng truyền số liệu chuyên dùng cấp xã, bảo đảm băng thông tối thiểu 100 Mbps.",
    "b) Dữ liệu số: xây dựng Kho dữ liệu dùng chung của tỉnh, kết nối Nền tảng tích hợp dữ liệu quốc gia.",
    "III. DANH MỤC NHIỆM VỤ",
    "1. Nhiệm vụ: Xây dựng Kho dữ liệu dùng chung; Cơ quan chủ trì: Trung tâm Phục vụ hành chính công; "
    "Thời hạn: Quý IV/2026; Sản phẩm: Kho dữ liệu vận hành",
    "2. Nhiệm vụ: Tổ chức 12 lớp bồi dưỡng kỹ năng số; Cơ quan chủ trì: Sở Nội vụ; Thời hạn: Năm 2026; "
    "Sản phẩm: 600 cán bộ được bồi dưỡng",
    "3. Nhiệm vụ: Phủ sóng 5G cho 43 thôn, xóm; Cơ quan chủ trì: Sở Khoa học và Công nghệ; "
    "Thời hạn: Quý III/2026; Sản phẩm: 43 thôn có sóng",
    "Nơi nhận:", "- Như trên;", "- Lưu: VT."])


def test_structured_chunks_start_at_items_or_carry_the_item_they_continue() -> None:
    from ingest.structure import BULLET_KINDS, heading_line, parse

    structure = parse(PLAN)
    opening = {ln.start for ln in structure.lines if ln.opens}
    line_starts = {ln.start for ln in structure.lines}
    for size in (250, 400, 700):
        chunks = chunk_document("kh", PLAN, size, 60)
        assert all(PLAN[c.start:c.end] == c.text and len(c.text) <= size for c in chunks)
        for c in chunks:
            assert c.path == structure.path_at(c.start) and c.section == structure.label_at(c.start)
            if c.start in opening or not c.path:
                continue
            # mid-item only inside an item too long for one chunk, and then with every heading above it
            item = c.path[-1]
            item_end = next((ln.start for ln in structure.lines if ln.opens and ln.start > item.start), len(PLAN))
            assert item_end - item.start > size, f"{size}: chunk {c.index} starts inside a short item"
            assert c.context == " › ".join(heading_line(h) for h in c.path if h.kind not in BULLET_KINDS
                                          and h.start < c.start) != ""
        # a chunk ends where an item ends, unless it is a piece of an item longer than a chunk
        for a, b in zip(chunks, chunks[1:]):
            if b.start >= a.end:
                assert b.start in opening or b.start in line_starts or b.path == a.path


def test_a_heading_line_stays_with_its_first_item_and_a_section_does_not_start_mid_chunk() -> None:
    for size in (250, 400, 700):
        for c in chunk_document("kh", PLAN, size, 60):
            last_line = c.text.rsplit("\n", 1)[-1]
            assert last_line not in ("II. NHIỆM VỤ VÀ GIẢI PHÁP", "1. Hoàn thiện thể chế", "3. Phát triển hạ tầng số",
                                     "III. DANH MỤC NHIỆM VỤ"), f"{size}: chunk {c.index} ends on a bare heading"


def test_table_rows_are_never_split_or_overlapped_when_they_fit() -> None:
    rows = [line for line in PLAN.splitlines() if "; Cơ quan chủ trì:" in line]
    for size in (250, 400, 700):
        chunks = chunk_document("kh", PLAN, size, 60)
        for row in rows:
            start = PLAN.index(row)
            holding = [c for c in chunks if c.start < start + len(row) and start < c.end]
            assert len(holding) == 1 and row in holding[0].text, f"{size}: row split: {row[:40]}"


def test_chunk_sections_name_each_heading_inside_with_its_offset() -> None:
    from ingest.structure import label_in, pack_sections, parse

    structure = parse(PLAN)
    for c in chunk_document("kh", PLAN, 400, 60):
        for offset in range(c.start, c.end, 7):
            assert label_in(c.section, pack_sections(list(c.sections)), offset) == structure.label_at(offset)


def test_news_articles_chunk_by_sentences_without_sections(documents: dict[str, str]) -> None:
    from ingest.chunk import pack, sentence_units

    for doc_id, text in documents.items():
        chunks = chunk_document(doc_id, text, 1000, 200)
        assert [(c.start, c.end) for c in chunks] == pack(sentence_units(text, 1000), 1000, 200)
        assert all(c.path == () and c.section == "" and c.sections == () and c.context == "" for c in chunks)


def test_the_embedding_text_of_a_chunk_inside_a_section_names_its_headings() -> None:
    from ingest.metadata import extract_metadata
    from ingest.pipeline import chunk_metadata, embedding_text

    meta = extract_metadata(PLAN, doc_id="kh", source="kh.txt")
    chunks = chunk_document("kh", PLAN, 250, 60)
    inside = next(c for c in chunks if c.text.startswith("b) Dữ liệu số"))
    text = embedding_text(meta, inside)
    assert text.startswith(meta.title) and "II. NHIỆM VỤ VÀ GIẢI PHÁP › 3. Phát triển hạ tầng số" in text
    stored = chunk_metadata(meta, inside, len(chunks))
    assert stored["section"] == "mục II.3.b" and "hạ_tầng" in stored["lexical"].split()  # the heading's words
    assert stored["headings"] == inside.context  # what evidence reads a sentence at its start to be under


def test_an_appendix_starts_its_own_chunk_with_its_title_lines() -> None:
    text = PLAN + "\n" + "\n".join([
        "PHỤ LỤC", "DANH MỤC NHIỆM VỤ TRIỂN KHAI NĂM 2026", "(Kèm theo Kế hoạch số 99/KH-UBND ngày 01/12/2025)",
        "I. Nhóm nhiệm vụ về thể chế",
        "1. Nhiệm vụ: Ban hành quy chế dữ liệu; Cơ quan chủ trì: Sở Tư pháp; Thời hạn: Quý I/2026"])
    for size in (400, 1000, 3000):
        chunks = chunk_document("kh", text, size, 60)
        appendix = next(c for c in chunks if "PHỤ LỤC" in c.text)
        assert appendix.text.startswith("PHỤ LỤC") and appendix.section == "Phụ lục"
        assert "1. Nhiệm vụ: Ban hành quy chế dữ liệu" in appendix.text  # the heading is never left bare
        assert "Nơi nhận:" in chunks[appendix.index - 1].text
