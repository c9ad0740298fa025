"""The `openai` backend against a local server speaking the OpenAI chat-completions protocol."""

import re

import pytest

from bcd.settings import Settings
from chat.service import ChatService
from tests.fakes.openai_server import FakeOpenAIServer
from tests.questions import AND_DIEN_BIEN, CAPITAL_OF_FRANCE, HIS_OTHER_ROLE, LAO_CAI_STATIONS, NAM_DINH_HEAD


def _passages_of(request: dict) -> dict[int, str]:
    """The numbered passages (excerpts) our prompt put in the last user message, as the 'model' sees them."""
    user = request["messages"][-1]["content"]
    return {int(n): text for n, text in re.findall(r"^\[(\d+)\] [^\n]*\n([^\n]+)", user, flags=re.MULTILINE)}


def _echo_first_passage(request: dict) -> str:
    """A well-behaved model: restates the sentence of passage [1] sharing most words with the question, cites
    it, and cites a passage that does not exist."""
    user = request["messages"][-1]["content"]
    first = user.split("[1] ", 1)[1].split("\n")[1]
    asked = set(user.rsplit("Câu hỏi:", 1)[1].lower().split())
    sentences = re.split(r"(?<=[.!?])\s", first)
    sentence = max(sentences, key=lambda s: len(asked & set(s.lower().split())))
    return f"{sentence} [1][99]"


@pytest.fixture()
def openai_service(indexed_settings: Settings, retriever):
    def build(server: FakeOpenAIServer) -> ChatService:
        settings = indexed_settings.model_copy(update={
            "generator": "openai", "llm_base_url": server.base_url, "llm_model": "test-model",
            "llm_api_key": "secret-key", "llm_timeout_s": 5.0})
        return ChatService(settings, retriever=retriever)
    return build


def test_prompt_citations_checked_and_unknown_markers_dropped(openai_service) -> None:
    with FakeOpenAIServer(_echo_first_passage) as server:
        result = openai_service(server).answer(NAM_DINH_HEAD)
    request = server.requests[0]
    assert request["model"] == "test-model"
    assert server.headers[0]["Authorization"] == "Bearer secret-key"
    system = request["messages"][0]["content"]
    assert request["messages"][0]["role"] == "system" and "trích dẫn" in system and "không đề cập" in system
    shown = _passages_of(request)  # excerpts of the retrieved passages, numbered as the passages are
    assert shown and list(shown) == sorted(shown) and set(shown) <= set(range(1, 6))
    for n, excerpt in shown.items():
        assert all(s in result.contexts[n - 1].text for s in re.split(r"(?<=[.!?]) (?=[A-ZĐ])", excerpt))
    assert f"Câu hỏi: {NAM_DINH_HEAD}" in request["messages"][-1]["content"]
    assert not result.refused and result.generator == "openai"
    assert "[99]" not in result.answer and "[1]" in result.answer
    assert len(result.citations) == 1 and result.citations[0].quote in result.contexts[0].text


def test_model_refusal_despite_evidence_is_replaced_by_quotes(openai_service) -> None:
    """Refusal is decided by the evidence, not by the model: the sources answer this, so they are quoted."""
    with FakeOpenAIServer(lambda r: "Tài liệu hiện có không đề cập đến nội dung này.") as server:
        result = openai_service(server).answer(NAM_DINH_HEAD)
    assert not result.refused and result.generator == "extractive" and "Đặng Khánh Toàn" in result.answer
    assert any("từ chối" in note for note in result.notes) and result.removed_sentences == 0


def test_sentences_with_invented_numbers_or_facts_are_removed(openai_service) -> None:
    def model(request: dict) -> str:
        grounded = _echo_first_passage(request).replace("[99]", "")
        return (f"{grounded} Hội nghị có 987 đại biểu tham dự [1]. "
                "Tỉnh còn xây dựng sân bay quốc tế và cảng biển nước sâu [1].")

    with FakeOpenAIServer(model) as server:
        result = openai_service(server).answer(NAM_DINH_HEAD)
    assert result.generator == "openai" and not result.refused
    assert "987" not in result.answer and "sân bay" not in result.answer and result.answer.endswith("[1]")
    assert (result.generated_sentences, result.removed_sentences) == (3, 2)
    assert any("Đã bỏ 2 câu" in note for note in result.notes)


def test_weak_evidence_is_refused_before_the_model_is_asked(openai_service) -> None:
    with FakeOpenAIServer(lambda r: "Paris là thủ đô của Pháp [1].") as server:
        result = openai_service(server).answer(CAPITAL_OF_FRANCE)
    assert result.refused and server.requests == []


def test_answer_without_valid_citations_falls_back_to_extractive(openai_service) -> None:
    with FakeOpenAIServer(lambda r: "Ông Đặng Khánh Toàn là Trưởng Ban [7].") as server:
        result = openai_service(server).answer(NAM_DINH_HEAD)
    assert result.generator == "extractive" and result.notes
    assert not result.refused and "Đặng Khánh Toàn" in result.answer and result.citations


def test_answer_missing_the_fact_asked_for_gets_the_quote_that_states_it(openai_service) -> None:
    def model(request: dict) -> str:  # grounded, but no person for "ai"
        return "Hội nghị của Ban Chỉ đạo tỉnh Nam Định bàn về phát triển khoa học, công nghệ [1]."

    with FakeOpenAIServer(model) as server:
        result = openai_service(server).answer(NAM_DINH_HEAD)
    assert result.generator == "openai" and result.answer.startswith("Hội nghị của Ban Chỉ đạo")
    assert "Đặng Khánh Toàn" in result.answer and any("thông tin được hỏi" in n for n in result.notes)
    assert [c.n for c in result.citations] == list(range(1, len(result.citations) + 1))


def test_follow_up_reading_the_documents_support_best_is_kept(openai_service) -> None:
    from chat.generators.base import Turn
    from chat.prompt import REWRITE_PROMPT

    def model(request: dict) -> str:  # a small model's rewrite that loses the subject
        if request["messages"][0]["content"] == REWRITE_PROMPT:
            return "Còn những điều gì đang xảy ra?"
        return _echo_first_passage(request)

    history = [Turn("user", NAM_DINH_HEAD), Turn("assistant", "Đặng Khánh Toàn [1]")]
    with FakeOpenAIServer(model) as server:
        result = openai_service(server).answer(AND_DIEN_BIEN, history=history)
    assert result.standalone_question == NAM_DINH_HEAD.replace("Nam Định", "Điện Biên") and not result.refused


def test_server_errors_are_retried_then_succeed(openai_service) -> None:
    with FakeOpenAIServer(_echo_first_passage) as server:
        server.fail_next = [500, 503]
        result = openai_service(server).answer(LAO_CAI_STATIONS)
    assert len(server.requests) == 3 and result.generator == "openai" and not result.refused


def test_endpoint_down_falls_back_to_extractive_and_says_so(openai_service) -> None:
    with FakeOpenAIServer(_echo_first_passage) as server:
        server.fail_next = [500, 500, 500]
        result = openai_service(server).answer(LAO_CAI_STATIONS)
    assert result.generator == "extractive" and "4.607" in result.answer
    assert any("không phản hồi" in note for note in result.notes)


def test_follow_up_is_rewritten_by_the_llm(openai_service) -> None:
    from chat.generators.base import Turn
    from chat.prompt import REWRITE_PROMPT

    def model(request: dict) -> str:
        if request["messages"][0]["content"] == REWRITE_PROMPT:
            conversation = request["messages"][1]["content"]
            assert NAM_DINH_HEAD in conversation and "Câu hỏi cuối:" in conversation
            return "Đồng chí Đặng Khánh Toàn còn đảm nhiệm chức vụ nào?"
        return _echo_first_passage(request)

    history = [Turn("user", NAM_DINH_HEAD), Turn("assistant", "Đặng Khánh Toàn [1]")]
    with FakeOpenAIServer(model) as server:
        result = openai_service(server).answer(HIS_OTHER_ROLE, history=history)
    assert result.standalone_question == "Đồng chí Đặng Khánh Toàn còn đảm nhiệm chức vụ nào?"
    assert len(server.requests) == 2 and not result.refused


def test_failed_llm_rewrite_falls_back_to_rules(openai_service) -> None:
    from chat.generators.base import Turn

    history = [Turn("user", NAM_DINH_HEAD), Turn("assistant", "x")]
    with FakeOpenAIServer(_echo_first_passage) as server:
        server.fail_next = [500, 500, 500]
        result = openai_service(server).answer(AND_DIEN_BIEN, history=history)
    assert result.standalone_question == NAM_DINH_HEAD.replace("Nam Định", "Điện Biên")
    assert len(server.requests) == 4 and result.generator == "openai"  # 3 failed rewrites, then the answer
