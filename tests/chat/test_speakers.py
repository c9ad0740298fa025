"""Who said a sentence that names no one: the speaker a news report names once, before what they said."""

import pytest

from chat.speakers import speaker_sentence
from tests.documents import indexed

CLOSING = ("Phát biểu bế mạc, đồng chí Lò Văn Mừng, Bí thư Huyện ủy, ghi nhận ý kiến của các xã. Đồng chí lưu ý, "
           "mỗi bản phải có một tổ công nghệ số. Việc thu phí nước sạch cần công khai hằng quý.")


def _span_text(text: str, said: str) -> str | None:
    span = speaker_sentence(text, text.index(said))
    return None if span is None else text[span[0]:span[1]]


def test_a_sentence_naming_no_one_is_said_by_whom_its_paragraph_named_with_a_verb_of_speech() -> None:
    assert _span_text(CLOSING, "Việc thu phí").startswith("Phát biểu bế mạc, đồng chí Lò Văn Mừng")
    assert _span_text(CLOSING, "Đồng chí lưu ý").startswith("Phát biểu bế mạc")
    assert _span_text(CLOSING, "Phát biểu bế mạc") is None  # it names its speaker itself
    # a name with no verb of speech opens no one's words
    assert _span_text("Đồng chí Lò Văn Mừng dự hội nghị. Mỗi bản phải có tổ công nghệ số.", "Mỗi bản") is None
    # a paragraph of its own says nothing of an earlier paragraph's speaker unless it refers to them
    assert _span_text(f"{CLOSING}\nCác xã đã lắp 40 trạm phát sóng.", "Các xã đã lắp") is None


def test_a_speaker_referred_to_by_role_is_the_one_the_paragraph_before_names_in_that_role() -> None:
    named = "Đồng chí Lò Văn Mừng, Bí thư Huyện ủy, phát biểu kết luận hội nghị."
    referred = ("Phát biểu kết luận, đồng chí Bí thư Huyện ủy đề nghị các xã rà soát. "
                "Đồng chí nhấn mạnh: Dữ liệu là tài sản.")
    text = f"{named}\n\n{referred}"
    assert _span_text(text, "Đồng chí nhấn mạnh") == named
    assert _span_text(text, "Phát biểu kết luận, đồng chí Bí thư") == named
    # the role the reference gives must be the named person's
    other = "Đồng chí Lò Văn Mừng, Chủ tịch UBND huyện, phát biểu kết luận hội nghị."
    assert _span_text(f"{other}\n{referred}", "Đồng chí nhấn mạnh") is None


def test_who_said_a_phrase_is_answered_with_the_speaker_s_name_quoting_both_sentences() -> None:
    from chat.evidence import ScoredSentence, select, support
    from chat.generators.base import Passage
    from chat.generators.extractive import ExtractiveGenerator
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    passage = Passage(1, Hit("h:0", "h", CLOSING, 1.0, {"chunk_index": 0}))
    opening, said = CLOSING.index("Phát biểu"), CLOSING.index("Đồng chí lưu ý")
    ranked = [ScoredSentence(CLOSING[opening:said].strip(), passage, 0.3, 0.3, True, opening, (1.0,)),
              ScoredSentence(CLOSING[said:CLOSING.index(" Việc")], passage, 0.9, 0.8, False, said, (1.0,))]
    question = analyse_question("Ai lưu ý mỗi bản phải có một tổ công nghệ số?")
    assert select(question, ranked, 3) == ranked
    assert support(question, ranked) == pytest.approx(0.8)
    answer = ExtractiveGenerator(lambda _: 1.0).answer(question, ranked)
    assert answer.startswith("Lò Văn Mừng — Phát biểu bế mạc") and "tổ công nghệ số. [1]" in answer, answer
    # a role asked is held by whoever a sentence names in it: not read from a speaker
    assert select(analyse_question("Ai là Bí thư Huyện ủy?"), ranked, 3) == ranked[:1]


def test_the_word_naming_a_quotation_is_no_key_term() -> None:
    from retrieval.question import analyse_question

    for asked in ('Câu "mỗi bản một tổ công nghệ số" do ai nói?', 'cau "moi ban mot to cong nghe so" la cua ai'):
        assert "cau" not in analyse_question(asked).key.weights, asked
    assert "cau" in analyse_question("Cầu Thê Húc được xây năm nào?").key.weights


ARTICLE = """Huyện Mường Nhé sơ kết chuyển đổi số năm 2026
Ngày 20/6/2026, Ban Chỉ đạo chuyển đổi số huyện Mường Nhé họp sơ kết sáu tháng đầu năm. Các xã đã lắp đặt 40 trạm \
phát sóng di động mới và số hóa 12.000 hồ sơ hộ tịch.
Phát biểu kết luận, đồng chí Lò Văn Mừng, Bí thư Huyện ủy, Trưởng Ban Chỉ đạo ghi nhận kết quả các xã đã đạt được. \
Đồng chí nhấn mạnh, các xã cần rà soát lại toàn bộ danh mục thủ tục hành chính trong quý III. Từ bài học của bản \
Nậm Kè, cần "đi từng ngõ, gõ từng nhà" để hướng dẫn người dân cài đặt ứng dụng định danh điện tử.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory):
    from chat.service import ChatService

    # the speaker's sentence and what they said fall in two chunks; retrieval finds the second only
    settings = indexed(tmp_path_factory.mktemp("speaker"), {"muong-nhe-so-ket.txt": ARTICLE}, chunk_size=300,
                       chunk_overlap=0, answer_passages=1, top_k=1)
    return ChatService(settings)


def test_a_speaker_named_in_the_chunk_before_is_fetched(service) -> None:
    chunks = service.retriever.texts
    quote = next(i for i, text in enumerate(chunks) if "đi từng ngõ" in text)
    assert "Lò Văn Mừng" not in chunks[quote]  # the speaker is named in another chunk
    result = service.answer('Câu "đi từng ngõ, gõ từng nhà" do ai nói?')
    assert not result.refused, result.answer
    assert result.answer.startswith("Lò Văn Mừng"), result.answer
    assert "đi từng ngõ" in result.answer


def test_what_someone_the_question_names_said_counts_as_naming_them() -> None:
    """"Ông Lò Văn Mừng bảo cần làm gì …?": the sentence saying it names no one, its paragraph's speaker is him; it
    is pre-ranked as if it named him, as it is not for someone else."""
    from chat.evidence import candidates
    from chat.generators.base import Passage
    from retrieval.coverage import coverage
    from retrieval.hybrid import Hit
    from retrieval.question import analyse_question

    passage = Passage(1, Hit("h:0", "h", ARTICLE, 1.0, {"chunk_index": 0}))

    def said(asked: str, adding: str = "") -> tuple[float, float]:
        question = analyse_question(asked)
        found = next(c for c in candidates(question, [passage]) if "đi từng ngõ" in c.text)
        return found.coverage, coverage(question.key, f"{found.text} {adding}")

    ranked, as_if_named = said("Ông Lò Văn Mừng bảo cần làm gì để hướng dẫn người dân?", "Lò Văn Mừng")
    assert ranked == pytest.approx(as_if_named)
    ranked, as_written = said("Ông Nguyễn Văn An bảo cần làm gì để hướng dẫn người dân?")
    assert ranked == pytest.approx(as_written)  # (he is not the one who said it)
