"""The chat service's own checks on a question, whichever adapter (API, CLI, Zalo, page) brings it."""

import pytest

from chat.service import InvalidQuestionError


@pytest.mark.parametrize("question", ["\ud800", "Ai là Trưởng Ban Chỉ đạo tỉnh Nam Định?\udcff"])
def test_a_lone_surrogate_is_refused_with_a_clear_error(service, question: str) -> None:
    # "\udcff" is what Python makes of a command-line byte that is not UTF-8 (surrogateescape)
    with pytest.raises(InvalidQuestionError, match="surrogate"):
        service.answer(question)
