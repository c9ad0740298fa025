"""Follow-up questions rewritten into standalone ones, so retrieval sees what the user means.

"Ông ấy giữ chức gì?" after "Ai là Trưởng BCĐ tỉnh Nam Định?" only makes sense with the earlier question;
the offline rule carries the previous question's topic forward when the new one leans on it.
"""

from __future__ import annotations

import re

from bcd import vietnamese as vn
from chat.generators.base import Turn

_FOLLOW_UP = re.compile(
    r"\b(ong ay|ba ay|anh ay|chi ay|nguoi do|nguoi nay|van ban do|van ban nay|nghi quyet do|nghi quyet nay|"
    r"tinh do|tinh nay|hoi nghi do|cuoc hop do|no|ho|thi sao|con\b|the con|cung vay|vay thi)\b"
)


def is_follow_up(question: str) -> bool:
    folded = vn.fold(vn.normalize(question)).lower()
    return bool(_FOLLOW_UP.search(folded)) or len(vn.content_tokens(question)) <= 2


def standalone_question(question: str, history: list[Turn]) -> str:
    """The question itself, or, for a follow-up, the previous user question followed by this one."""
    previous = next((t.content for t in reversed(history) if t.role == "user"), None)
    if previous is None or not is_follow_up(question):
        return question
    return f"{previous} {question}"
