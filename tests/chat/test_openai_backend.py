"""The `openai` backend against a local server speaking the OpenAI chat-completions protocol."""

import re

import pytest

from bcd.settings import Settings
from chat.service import ChatService
from tests.fakes.openai_server import FakeOpenAIServer


def _passages_of(request: dict) -> list[str]:
    """The numbered passages our prompt put in the last user message, as the 'model' sees them."""
    user = request["messages"][-1]["content"]
    return re.findall(r"^\[(\d+)\] ", user, flags=re.MULTILINE)


def _echo_first_passage(request: dict) -> str:
    """A well-behaved model: restates a line of passage [1], cites it, and cites a passage that does not exist."""
    user = request["messages"][-1]["content"]
    first = user.split("[1] ", 1)[1].split("\n")[1]
    sentence = re.split(r"(?<=[.!?])\s", first)[0]
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
        result = openai_service(server).answer("Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?")
    request = server.requests[0]
    assert request["model"] == "test-model"
    assert server.headers[0]["Authorization"] == "Bearer secret-key"
    system = request["messages"][0]["content"]
    assert request["messages"][0]["role"] == "system" and "trích dẫn" in system and "không đề cập" in system
    assert _passages_of(request) == [str(n) for n in range(1, 6)]
    assert "Câu hỏi: Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?" in request["messages"][-1]["content"]
    assert not result.refused and result.generator == "openai"
    assert "[99]" not in result.answer and "[1]" in result.answer
    assert len(result.citations) == 1 and result.citations[0].quote in result.contexts[0].text


def test_model_refusal_is_reported_as_refused(openai_service) -> None:
    with FakeOpenAIServer(lambda r: "Tài liệu hiện có không đề cập đến nội dung này.") as server:
        result = openai_service(server).answer("Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?")
    assert result.refused and result.citations == []


def test_weak_evidence_is_refused_before_the_model_is_asked(openai_service) -> None:
    with FakeOpenAIServer(lambda r: "Paris là thủ đô của Pháp [1].") as server:
        result = openai_service(server).answer("Thủ đô của Pháp là gì?")
    assert result.refused and server.requests == []


def test_answer_without_valid_citations_falls_back_to_extractive(openai_service) -> None:
    with FakeOpenAIServer(lambda r: "Ông Đặng Khánh Toàn là Trưởng Ban [7].") as server:
        result = openai_service(server).answer("Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?")
    assert result.generator == "extractive" and result.notes
    assert not result.refused and "Đặng Khánh Toàn" in result.answer and result.citations


def test_server_errors_are_retried_then_succeed(openai_service) -> None:
    with FakeOpenAIServer(_echo_first_passage) as server:
        server.fail_next = [500, 503]
        result = openai_service(server).answer("Lào Cai có bao nhiêu trạm thu phát sóng?")
    assert len(server.requests) == 3 and result.generator == "openai" and not result.refused


def test_endpoint_down_falls_back_to_extractive_and_says_so(openai_service) -> None:
    with FakeOpenAIServer(_echo_first_passage) as server:
        server.fail_next = [500, 500, 500]
        result = openai_service(server).answer("Lào Cai có bao nhiêu trạm thu phát sóng?")
    assert result.generator == "extractive" and "4.607" in result.answer
    assert any("không phản hồi" in note for note in result.notes)


def test_follow_up_is_rewritten_by_the_llm(openai_service) -> None:
    from chat.generators.base import Turn
    from chat.prompt import REWRITE_PROMPT

    def model(request: dict) -> str:
        if request["messages"][0]["content"] == REWRITE_PROMPT:
            conversation = request["messages"][1]["content"]
            assert "Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?" in conversation and "Câu hỏi cuối:" in conversation
            return "Đồng chí Đặng Khánh Toàn giữ chức vụ gì?"
        return _echo_first_passage(request)

    history = [Turn("user", "Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?"), Turn("assistant", "Đặng Khánh Toàn [1]")]
    with FakeOpenAIServer(model) as server:
        result = openai_service(server).answer("Ông ấy giữ chức vụ gì?", history=history)
    assert result.standalone_question == "Đồng chí Đặng Khánh Toàn giữ chức vụ gì?"
    assert len(server.requests) == 2 and not result.refused


def test_failed_llm_rewrite_falls_back_to_rules(openai_service) -> None:
    from chat.generators.base import Turn

    history = [Turn("user", "Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?"), Turn("assistant", "x")]
    with FakeOpenAIServer(_echo_first_passage) as server:
        server.fail_next = [500, 500, 500]
        result = openai_service(server).answer("Còn tỉnh Lào Cai thì sao?", history=history)
    assert result.standalone_question == "Ai là Trưởng Ban Chỉ đạo tỉnh Lào Cai?"
    assert len(server.requests) == 4 and result.generator == "openai"  # 3 failed rewrites, then the answer
