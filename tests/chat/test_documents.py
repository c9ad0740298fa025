"""Questions about a document itself, answered from the sentences that cite it the official way."""

from __future__ import annotations

from pathlib import Path

import pytest

from bcd import vietnamese as vn
from bcd.settings import Settings
from chat.documents import read_citation
from chat.service import ChatService
from ingest.pipeline import Ingestor
from retrieval.filters import Viewer
from retrieval.question import analyse_question
from tests.documents import DECISION
from tests.services import service_over


def fields(sentence: str, number: str) -> dict[str, str]:
    sentence = vn.normalize(sentence)
    start, end = next((a, b) for n, a, b in vn.doc_number_spans(sentence) if n == number)
    return read_citation(sentence, start, end)


@pytest.mark.parametrize(("sentence", "number", "expected"), [
    ("Thực hiện Nghị quyết số 12-NQ/TU ngày 05/3/2025 của Ban Thường vụ Tỉnh ủy về chuyển đổi số trong cơ quan "
     "đảng; các sở đã xây dựng kế hoạch.", "12-NQ/TU",
     {"date": "05/3/2025", "issuer": "Ban Thường vụ Tỉnh ủy", "subject": "chuyển đổi số trong cơ quan đảng"}),
    ("Ngày 10/4, UBND tỉnh vừa ban hành Kế hoạch số 45/KH-UBND ngày 10/4/2025 triển khai đề án.", "45/KH-UBND",
     {"date": "10/4/2025", "issuer": "UBND tỉnh"}),
    ("Hội nghị công bố Quyết định số 88-QĐ/TU thành lập Ban Chỉ đạo về chuyển đổi số của tỉnh.", "88-QĐ/TU",
     {"subject": "thành lập Ban Chỉ đạo về chuyển đổi số của tỉnh"}),
    # two documents in one sentence: each keeps its own date and issuer
    ("Tỉnh đã thực hiện Nghị quyết số 01/NQ-CP ngày 06/01/2025 của Chính phủ, Nghị quyết số 02/NQ-CP ngày "
     "08/01/2025 của Chính phủ.", "02/NQ-CP", {"date": "08/01/2025", "issuer": "Chính phủ"}),
    ("Nghị quyết số 05-NQ/TW ngày 01/11/2016 về đổi mới mô hình tăng trưởng được coi là bước ngoặt.", "5-NQ/TW",
     {"date": "01/11/2016", "subject": "đổi mới mô hình tăng trưởng"}),
])
def test_an_official_citation_is_read_field_by_field(sentence: str, number: str, expected: dict[str, str]) -> None:
    assert fields(sentence, number) == expected


@pytest.mark.parametrize(("question", "field"), [
    ("Nghị quyết 57 do cơ quan nào ban hành?", "issuer"),
    ("nq57 noi ve van de gi", "subject"),
    ("Nghị quyết số 57-NQ/TW ra đời khi nào?", "date"),
    ("Phiên họp của Ban Chỉ đạo Nghị quyết 57 tỉnh Điện Biên diễn ra khi nào?", None),  # about a meeting
    ("Ban Chỉ đạo Nghị quyết 57 tỉnh Nam Định do ai làm Trưởng ban?", None),
    ("Bản tin về phiên họp của tỉnh Yên Bái do ai viết?", "author"),  # a news article's byline
    ("tin nay cua co quan nao", "author"),
    ("Tin về hội nghị của tỉnh Yên Bái do ai viết và ai chụp ảnh?", "author"),  # "tin về …" is an article
    ("Thông tin về hội nghị của tỉnh Yên Bái do cơ quan nào công bố?", None),  # "thông tin về" is no article
    ("Bài phát biểu của đồng chí Bí thư do ai chuẩn bị?", None),  # a speech, no article
    # its citation in full (number, date, issuer) is no other topic
    ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị Ban Chấp hành Trung ương Đảng là về việc gì?",
     "subject"),
    ("nghi quyet 57 ngay 22 thang 12 nam 2024 de cap van de gi", "subject"),
    ("Nghị quyết 57 thành lập cơ quan nào?", "subject"),  # what a document establishes is what it is about
    ("Thông báo 9/TB-BCĐ là kết luận của phiên họp diễn ra ngày nào?", None),  # the meeting's date
])
def test_only_questions_about_the_document_itself_go_to_its_citations(question: str, field: str | None) -> None:
    assert analyse_question(question, references={"57-nq": {"57nqtw"}}).document_field == field


@pytest.mark.parametrize(("question", "opening"), [
    ("Kế hoạch 29/UBND-KH do ai ban hành?", "UBND tỉnh —"),
    ("Quyết định 1407-QĐ/TU về việc gì?", "thành lập BCĐ"),
    ("Nghị quyết số 03/NQ-CP ra đời ngày nào?", "ngày 09/01/2025 —"),
    ("Nghị quyết 57 do cơ quan nào ban hành?", "Bộ Chính trị —"),
])
def test_the_shipped_corpus_answers_from_the_citation(service, question: str, opening: str) -> None:
    answer = service.answer(question)
    assert not answer.refused and answer.answer.startswith(opening) and answer.citations
    assert answer.citations[0].quote in answer.answer


def test_two_fields_one_citation_states_are_answered_from_it_once(service) -> None:
    """"… ban hành ngày nào và do cơ quan nào ban hành?" asks two fields of one resolution (the second part names
    no document of its own: no compound of two questions), and one citation states both."""
    answer = service.answer("Nghị quyết 57 ban hành ngày nào và do cơ quan nào ban hành?")
    assert not answer.refused and len(answer.citations) == 1
    assert "22/12/2024" in answer.answer and "Bộ Chính trị" in answer.answer.split("—")[0]


def test_a_field_no_sentence_states_is_not_invented(service) -> None:
    # the corpus names Chương trình hành động số 35-CTr/TU and its subject, never its date
    assert service.answer("Tỉnh ủy ký Chương trình hành động 35-CTr/TU vào ngày nào?").refused


def test_who_wrote_a_news_article_is_its_byline_or_not_said(service) -> None:
    """The byline closing the article the question describes answers, quoted; an article without one leaves it
    unsaid, whoever else it names."""
    answer = service.answer("Bản tin về cuộc họp đầu tiên của BCĐ Nam Định do phóng viên nào viết?")
    assert not answer.refused and answer.answer.startswith("Nguyễn Hương —"), answer.answer
    assert answer.citations[0].quote.startswith("Tin: Nguyễn Hương")
    assert service.answer("Bài báo về hội nghị đôn đốc nhiệm vụ trọng tâm của Lào Cai do ai viết?").refused
    # who took the photographs, asked too, is credited too
    both = service.answer("Tin về phiên họp thứ nhất của BCĐ tỉnh Nam Định: ai viết tin và ai là người chụp?")
    assert both.answer.startswith("Nguyễn Hương; Ngọc Ánh —"), both.answer


@pytest.mark.slow
def test_a_restricted_documents_citations_stay_restricted(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "bao-cao-mat.txt").write_text(
        "Báo cáo nội bộ\nUBND tỉnh Sơn La đã ban hành Kế hoạch số 77/KH-UBND ngày 15/5/2025 về Đề án Mật Thư "
        "Mười; kinh phí do ngân sách tỉnh bảo đảm.\n", encoding="utf-8")
    (folder / "tin-cong-khai.txt").write_text(
        "Tin công khai\nTỉnh Sơn La tiếp tục triển khai Kế hoạch số 77/KH-UBND trong năm 2025.\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data")
    ingestor = Ingestor(settings)
    ingestor.ingest([folder / "bao-cao-mat.txt"], groups=["lanh-dao"], progress=False)
    ingestor.ingest([folder / "tin-cong-khai.txt"], progress=False)
    service = ChatService(settings)
    question = "Kế hoạch 77/KH-UBND ban hành ngày nào?"
    public = service.answer(question)
    assert "15/5/2025" not in public.answer and all("Mật Thư" not in c.quote for c in public.citations)
    allowed = service.answer(question, viewer=Viewer(frozenset({"lanh-dao"})))
    assert allowed.answer.startswith("ngày 15/5/2025 —")


# --- an official document's own header ------------------------------------------------------------

OWN_PLAN = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 214/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tây Ninh, ngày 03 tháng 11 năm 2025
KẾ HOẠCH
Chuyển đổi số trong các cơ quan nhà nước giai đoạn 2026 - 2030
Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị và Chương trình hành động số 41-CTr/TU ngày \
10/6/2025 của Tỉnh ủy, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
I. MỤC TIÊU
Đến năm 2030, 100% hồ sơ công việc của cấp tỉnh được xử lý trên môi trường mạng.
II. KINH PHÍ
Kinh phí thực hiện Kế hoạch do ngân sách tỉnh bảo đảm, khoảng 86 tỷ đồng.
Nơi nhận:
- Văn phòng Chính phủ;
- Lưu: VT, KGVX.
TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Lương Thị Ngọc Hân
"""
NEWS = ("Tin hoạt động\nChiều 12/11, Ban Chỉ đạo tỉnh Tây Ninh họp phiên thứ hai; Chủ tịch UBND tỉnh Nguyễn Thanh "
        "Phong chủ trì. Hội nghị thống nhất giao Sở Khoa học và Công nghệ xây dựng kho dữ liệu dùng chung.\n")


@pytest.fixture(scope="module")
def official(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "official", {"ke-hoach-cds.txt": OWN_PLAN, "tin-hop.txt": NEWS})


@pytest.mark.slow
@pytest.mark.parametrize(("question", "value", "quoted"), [
    ("Kế hoạch 214/KH-UBND do ai ký?", "Lương Thị Ngọc Hân", "Lương Thị Ngọc Hân"),
    # the date as its line writes it: every word of the answer's fact is in the quoted line
    ("Kế hoạch chuyển đổi số trong cơ quan nhà nước của Tây Ninh ban hành ngày nào?", "ngày 03 tháng 11 năm 2025",
     "Tây Ninh, ngày 03 tháng 11 năm 2025"),
    ("ke hoach chuyen doi so tay ninh do co quan nao ban hanh", "Ủy ban nhân dân tỉnh Tây Ninh", "ỦY BAN NHÂN DÂN"),
    ("Kế hoạch chuyển đổi số trong các cơ quan nhà nước của tỉnh có số hiệu là gì?", "214/KH-UBND",
     "Số: 214/KH-UBND"),
], ids=["signer", "date", "issuer-informal", "number"])
def test_a_documents_own_header_answers_questions_about_it(official: ChatService, question: str, value: str,
                                                          quoted: str) -> None:
    result = official.answer(question)
    assert not result.refused and value in result.answer
    assert result.citations[0].quote == quoted and result.citations[0].doc_id == "ke-hoach-cds"
    text = (official.settings.data_dir / "documents" / "ke-hoach-cds.txt").read_text(encoding="utf-8")
    assert text[result.citations[0].start:result.citations[0].end] == quoted  # a span the reader can check


@pytest.mark.slow
def test_of_two_documents_cited_the_one_of_the_kind_named_first_is_asked_of(official: ChatService) -> None:
    """"Kế hoạch số 214/KH-UBND thực hiện Chương trình 41-CTr/TU ban hành ngày nào, ai ký?" asks of the plan: its own
    header answers both, though the question cites the programme it carries out too."""
    result = official.answer("Kế hoạch số 214/KH-UBND thực hiện Chương trình hành động 41-CTr/TU ban hành ngày nào, "
                             "ai ký?")
    assert not result.refused and "03 tháng 11 năm 2025" in result.answer and "Lương Thị Ngọc Hân" in result.answer


@pytest.mark.slow
def test_who_holds_a_post_no_sentence_names_is_the_one_who_signed_in_it(official: ChatService) -> None:
    """No sentence names the vice-chairwoman, the plan is signed "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Lương Thị Ngọc Hân":
    she is answered, quoting the signature; the chairman a sentence names is answered from it; a post nobody signs
    in, or the same post of another province, is refused."""
    held = official.answer("Phó Chủ tịch UBND tỉnh Tây Ninh là ai?")
    assert not held.refused and held.answer.startswith("Lương Thị Ngọc Hân")
    assert "Lương Thị Ngọc Hân" in [c.quote for c in held.citations]
    named = official.answer("Chủ tịch UBND tỉnh Tây Ninh là ai?")
    assert not named.refused and "Nguyễn Thanh Phong" in named.answer and "Lương" not in named.answer
    for nobody in ("Bí thư Tỉnh ủy Tây Ninh là ai?", "Phó Chủ tịch UBND tỉnh Sơn La là ai?"):
        assert official.answer(nobody).refused, nobody


@pytest.mark.slow
def test_the_documents_a_person_signed_are_answered_from_their_headers(official: ChatService) -> None:
    """No sentence says what Lương Thị Ngọc Hân signed; the plan's signature does: its number first, quoting the
    signature line. A type of document she signed none of, or someone who signed nothing, is refused; "…, và bà
    đã ký kế hoạch nào?" after a part naming her asks it of her."""
    for asked in ("Bà Lương Thị Ngọc Hân đã ký kế hoạch nào?", "Lương Thị Ngọc Hân ký văn bản gì?",
                  "ba luong thi ngoc han ky van ban nao"):
        signed = official.answer(asked)
        assert not signed.refused and signed.answer.startswith("214/KH-UBND —"), asked
        assert [c.quote for c in signed.citations] == ["Lương Thị Ngọc Hân"], asked
    for unsigned in ("Bà Lương Thị Ngọc Hân đã ký nghị quyết nào?", "Ông Nguyễn Thanh Phong đã ký văn bản nào?"):
        assert official.answer(unsigned).refused, unsigned
    both = official.answer("Bà Lương Thị Ngọc Hân là Phó Chủ tịch tỉnh nào, và bà đã ký kế hoạch nào?")
    assert "214/KH-UBND —" in both.answer


@pytest.mark.slow
def test_a_question_listing_more_places_than_parts_allowed_is_answered_whole(official: ChatService) -> None:
    """Two provinces side by side make a labelled part each; a question listing more than MAX_PARTS (each part a
    whole answer's work: a list of every province would take seconds) is answered as one question."""
    from chat.service import MAX_PARTS

    two = official.answer("Chủ tịch UBND tỉnh Tây Ninh và tỉnh Sơn La là ai?")
    assert [line.split(":")[0] for line in two.answer.splitlines()] == ["- Tây Ninh", "- Sơn La"]
    many = ["Sơn La", "Lai Châu", "Yên Bái", "Hà Giang", "Cao Bằng", "Lạng Sơn", "Phú Thọ", "Tây Ninh", "Bến Tre"]
    assert len(many) > MAX_PARTS
    whole = official.answer(f"Chủ tịch UBND tỉnh {', '.join(many)} là ai?")
    assert not any(line.startswith(("- Sơn La", "- Lai Châu")) for line in whole.answer.splitlines())


def test_several_fields_asked_of_one_document_are_each_answered_from_its_header(official: ChatService) -> None:
    """"… do ai ký, ký ngày nào?": the signer and the date, each quoting its own header line; "do ai" inside "do ai
    ký" asks for no issuer."""
    result = official.answer("Kế hoạch 214/KH-UBND do ai ký, ký ngày nào?")
    date = "03 tháng 11 năm 2025"  # as its header line writes it
    assert not result.refused and "Lương Thị Ngọc Hân" in result.answer and date in result.answer
    assert "ban hành." not in result.answer.split(date)[0].split("ký")[0]
    quotes = [c.quote for c in result.citations]
    assert "Lương Thị Ngọc Hân" in quotes and "Tây Ninh, ngày 03 tháng 11 năm 2025" in quotes
    assert "ỦY BAN NHÂN DÂN" not in quotes  # the issuer was not asked


@pytest.mark.slow
def test_a_field_of_a_document_then_another_question_of_it_are_both_answered(official: ChatService) -> None:
    """"… ban hành ngày nào, kinh phí khoảng bao nhiêu?": the date from the header, the amount from the plan's
    body (the second question read in the plan the first cites)."""
    result = official.answer("Kế hoạch 214/KH-UBND của UBND tỉnh Tây Ninh ban hành ngày nào, kinh phí khoảng bao "
                             "nhiêu?")
    assert not result.refused and "03 tháng 11 năm 2025" in result.answer and "86 tỷ đồng" in result.answer, \
        result.answer


@pytest.mark.slow
def test_a_list_question_answered_by_one_sentence_leads_with_each_item(official: ChatService) -> None:
    """"Kế hoạch … thực hiện những văn bản nào?": both documents its opening cites, not the nearest one only (nor
    what its "như sau:" announces)."""
    result = official.answer("Kế hoạch 214/KH-UBND được ban hành để thực hiện những văn bản nào?")
    lead = result.answer.split(" — ")[0]
    assert "57-NQ/TW" in lead and "41-CTr/TU" in lead, result.answer


@pytest.mark.slow
def test_a_question_naming_a_documents_issuer_is_answered_from_its_body(official: ChatService) -> None:
    """The issuer the question names ("Kế hoạch của Ủy ban nhân dân tỉnh Tây Ninh") is the document's, stated in its
    header, not in the sentence with the figure."""
    result = official.answer("Kế hoạch của Ủy ban nhân dân tỉnh Tây Ninh đặt mục tiêu đến năm 2030 bao nhiêu phần "
                             "trăm hồ sơ công việc cấp tỉnh được xử lý trên môi trường mạng?")
    assert not result.refused and "100%" in result.answer, result.answer


@pytest.mark.slow
def test_a_document_of_another_ordinal_is_not_answered_for(official: ChatService) -> None:
    """"Kế hoạch … giai đoạn thứ hai … số hiệu là gì?": the plan the corpus holds names no second stage, so its
    number does not answer."""
    assert official.answer("Kế hoạch chuyển đổi số giai đoạn thứ hai của Tây Ninh có số hiệu là gì?").refused
    assert "214/KH-UBND" in official.answer("Kế hoạch chuyển đổi số của Tây Ninh có số hiệu là gì?").answer


@pytest.mark.slow
def test_the_signer_is_said_with_the_post_signed_in_quoting_both_lines(official: ChatService) -> None:
    """Who signed a plan is said as one says it, the name then the post ("do Lương Thị Ngọc Hân, Phó Chủ tịch …,
    ký"), citing the name's line and the post's."""
    result = official.answer("Kế hoạch 214/KH-UBND là do vị lãnh đạo nào ký vậy?")
    assert "Lương Thị Ngọc Hân, Phó Chủ tịch" in result.answer, result.answer
    assert [c.quote for c in result.citations[:2]] == ["Lương Thị Ngọc Hân", "PHÓ CHỦ TỊCH"], result.citations


@pytest.mark.slow
def test_a_follow_up_naming_nothing_is_not_answered_from_another_document(official: ChatService) -> None:
    """"Ai chủ trì?" after a question on Kế hoạch 214/KH-UBND: the plan names no one; read as typed, the news item's
    chair would answer it, but that is another document than the one the conversation is about."""
    from chat.generators.base import Turn

    first = official.answer("Kế hoạch 214/KH-UBND do ai ký?")
    follow_up = official.answer("Ai chủ trì?", [Turn("user", first.question), Turn("assistant", first.answer)])
    assert "Nguyễn Thanh Phong" not in follow_up.answer, follow_up.answer


@pytest.mark.slow
def test_a_meeting_question_is_not_taken_for_a_question_about_a_document(official: ChatService) -> None:
    result = official.answer("Phiên họp thứ hai của Ban Chỉ đạo tỉnh Tây Ninh do ai chủ trì?")
    assert "Nguyễn Thanh Phong" in result.answer and result.citations[0].doc_id == "tin-hop"


@pytest.mark.slow
def test_issuer_and_type_filters_keep_only_matching_official_documents(official: ChatService) -> None:
    from retrieval.filters import TRUSTED, SearchFilters

    retriever = official.retriever
    for filters in (SearchFilters(issuer="UBND tỉnh Tây Ninh"), SearchFilters(doc_type="KH"),
                    SearchFilters(doc_type="ke hoach")):
        hits = retriever.search("Sở Khoa học và Công nghệ", k=10, filters=filters, viewer=TRUSTED)
        assert hits and {h.doc_id for h in hits} == {"ke-hoach-cds"}
    assert not retriever.search("ngân sách", k=10, filters=SearchFilters(doc_type="Quyết định"), viewer=TRUSTED)
    meta = retriever.documents()["ke-hoach-cds"]
    assert (meta["doc_type"], meta["doc_number"], meta["signer"]) == ("Kế hoạch", "214/KH-UBND", "Lương Thị Ngọc Hân")
    assert "doc_type" not in retriever.documents()["tin-hop"]


@pytest.mark.slow
def test_a_follow_up_about_the_document_just_discussed_is_answered_from_its_citation(
        tmp_path_factory: pytest.TempPathFactory) -> None:
    """"Người ký văn bản đó là ai?" after a question about Kế hoạch 214/KH-UBND: the reading that carries the
    number is answered by the plan's own signature, though no sentence of it scores as an answer, and the
    user's own words, which a news item about someone signing something seems to answer, are not taken."""
    from chat.generators.base import Turn

    folder = tmp_path_factory.mktemp("signed")
    (folder / "ke-hoach-cds.txt").write_text(OWN_PLAN, encoding="utf-8")
    (folder / "tin-ky.txt").write_text("Tin hoạt động\nNgười ký văn bản gửi các sở là ông Trần Văn Bình, Chánh Văn "
                                      "phòng Ủy ban nhân dân tỉnh Bình Phước.\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("signed-data"))
    assert not Ingestor(settings).ingest([folder], progress=False).failed
    service = ChatService(settings)
    first = service.answer("Kế hoạch số 214/KH-UBND của Tây Ninh được ban hành vào ngày nào?")
    assert not first.refused
    history = [Turn("user", first.question), Turn("assistant", first.answer)]
    result = service.answer("Người ký văn bản đó là ai?", history)
    assert "214/KH-UBND" in result.standalone_question
    assert not result.refused and "Lương Thị Ngọc Hân" in result.answer, result.answer


@pytest.fixture(scope="module")
def decision(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "decision", {"quyet-dinh-to-cong-tac.txt": DECISION, "tin-hop.txt": NEWS})


@pytest.mark.slow
@pytest.mark.parametrize(("question", "values", "block"), [
    ("Quyết định số 502/QĐ-UBND của Chủ tịch UBND tỉnh được ban hành dựa trên những văn bản nào?",
     ["Luật Tổ chức chính quyền địa phương", "Kế hoạch số 214/KH-UBND"], ("Căn cứ Luật", "Theo đề nghị")),
    ("qd 502/QD-UBND tay ninh can cu phap ly la gi", ["Luật Tổ chức chính quyền địa phương"],
     ("Căn cứ Luật", "Theo đề nghị")),
    ("Văn bản 502/QĐ-UBND về tổ công tác được gửi đến những cơ quan nào?",
     ["Bộ Khoa học và Công nghệ", "Văn phòng Chính phủ"], ("Nơi nhận:", "- Lưu")),
    ("Quyết định 502/QĐ-UBND gửi lên những cơ quan Trung ương nào?",
     ["Bộ Khoa học và Công nghệ", "Văn phòng Chính phủ"],
     ("Nơi nhận:", "- Lưu")),
], ids=["bases", "bases-informal", "recipients", "recipients-up"])
def test_what_a_document_is_issued_on_and_who_receives_it_come_from_its_own_lines(
        decision: ChatService, question: str, values: list[str], block: tuple[str, str]) -> None:
    """Each basis and each recipient, from the "Căn cứ" lines and the "Nơi nhận" list, on a line of its own citing
    the line it stands on (not the proposal "Theo đề nghị …", not the archive copy "Lưu: VT")."""
    result = decision.answer(question)
    assert not result.refused and all(v in result.answer for v in values), result.answer
    assert "Theo đề nghị" not in result.answer and "Lưu" not in result.answer
    text = (decision.settings.data_dir / "documents" / "quyet-dinh-to-cong-tac.txt").read_text(encoding="utf-8")
    for value in values:
        line = next(line for line in result.answer.splitlines() if value in line)
        citation = next(c for c in result.citations if c.n == int(line.rsplit("[", 1)[1].rstrip("]")))
        assert citation.doc_id == "quyet-dinh-to-cong-tac" and text[citation.start:citation.end] == citation.quote
        assert value in citation.quote and text.index(block[0]) <= citation.start < citation.end <= text.index(block[1])


FOUNDING = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 77/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Tây Ninh, ngày 02 tháng 4 năm 2026
QUYẾT ĐỊNH
Về việc thành lập Tổ công tác dữ liệu số tỉnh Tây Ninh
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;
QUYẾT ĐỊNH:
Điều 1. Thành lập Tổ công tác dữ liệu số tỉnh Tây Ninh do Phó Chủ tịch UBND tỉnh làm Tổ trưởng.
Điều 2. Quyết định có hiệu lực kể từ ngày ký.
CHỦ TỊCH
Nguyễn Văn Mạnh
"""


@pytest.fixture(scope="module")
def founding(tmp_path_factory: pytest.TempPathFactory) -> ChatService:
    return service_over(tmp_path_factory, "founding", {"qd-77-to-cong-tac.txt": FOUNDING, "tin-hop.txt": NEWS})


@pytest.mark.slow
def test_when_a_body_was_founded_is_its_founding_decision_s_date(founding: ChatService) -> None:
    """"Tổ công tác … thành lập ngày nào?" is the date of the decision whose subject founds it, quoting its date line
    (not the law its basis line cites, dated too); a body of another province, or one the decision does not found,
    is not answered from it."""
    for asked in ("Tổ công tác dữ liệu số Tây Ninh được thành lập ngày nào?",
                  "to cong tac du lieu so thanh lap khi nao"):
        result = founding.answer(asked)
        assert not result.refused and "02 tháng 4 năm 2026" in result.answer and "19 tháng 02" not in result.answer
        assert result.citations[0].quote == "Tây Ninh, ngày 02 tháng 4 năm 2026", asked
    for other in ("Tổ công tác dữ liệu số tỉnh Bình Phước thành lập ngày nào?",
                  "Ban Chỉ đạo chuyển đổi số Tây Ninh thành lập ngày nào?"):
        assert "02 tháng 4 năm 2026" not in founding.answer(other).answer, other


@pytest.mark.slow
def test_when_a_document_takes_effect_is_its_own_sentence_saying_so(founding: ChatService,
                                                                    official: ChatService) -> None:
    """"… có hiệu lực từ khi nào?" quotes the decision's "Quyết định có hiệu lực kể từ ngày ký", not its date line;
    a plan that says nothing of it is not answered with its date of issue."""
    result = founding.answer("Quyết định 77/QĐ-UBND có hiệu lực từ khi nào?")
    assert not result.refused and "có hiệu lực kể từ ngày ký" in result.citations[0].quote
    text = (founding.settings.data_dir / "documents" / "qd-77-to-cong-tac.txt").read_text(encoding="utf-8")
    assert text[result.citations[0].start:result.citations[0].end] == result.citations[0].quote
    assert "03 tháng 11 năm 2025" not in official.answer("Kế hoạch 214/KH-UBND có hiệu lực từ ngày nào?").answer
