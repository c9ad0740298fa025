"""Follow-up questions rewritten into standalone ones, so retrieval sees what the user means.

"Ông ấy giữ chức gì?" after "Ai là Trưởng BCĐ tỉnh Nam Định?" only makes sense with the earlier question;
the offline rule carries the previous question's topic forward when the new one leans on it.
"""

from __future__ import annotations

import re

from bcd import vietnamese as vn
from chat.generators.base import Turn

_PERSON_PRONOUN = re.compile(r"\b(?:[ÔôBb]à|[Ôô]ng|[Đđ]ồng chí|[Nn]gười)\s+(?:ấy|đó|này)\b")
_FOLLOW_UP = re.compile(
    r"\b(ong ay|ba ay|anh ay|chi ay|nguoi do|nguoi nay|van ban do|van ban nay|nghi quyet do|nghi quyet nay|"
    r"tinh do|tinh nay|hoi nghi do|cuoc hop do|no|ho|thi sao|con\b|the con|cung vay|vay thi)\b"
)


def is_follow_up(question: str) -> bool:
    folded = vn.fold(vn.normalize(question)).lower()
    return bool(_FOLLOW_UP.search(folded)) or len(vn.content_tokens(question)) <= 2


def standalone_question(question: str, history: list[Turn]) -> str:
    """The question itself; for a follow-up, "ông ấy" replaced by the person the last answer named, or
    else this question followed by the key terms of the previous one (its topic, not its question words)."""
    previous = next((t.content for t in reversed(history) if t.role == "user"), None)
    if previous is None or not is_follow_up(question):
        return question
    question = vn.normalize(question)
    last_answer = next((t.content for t in reversed(history) if t.role == "assistant"), "")
    names = vn.person_names(last_answer)
    if names and _PERSON_PRONOUN.search(question):
        return _PERSON_PRONOUN.sub(names[0], question, count=1)
    new_places, old_places = vn.province_mentions(question), vn.province_mentions(previous)
    if len(new_places) == 1 and len(old_places) == 1:  # "Còn tỉnh Lào Cai thì sao?": same question, new place
        return _replace_province(vn.normalize(previous), next(iter(old_places)), next(iter(new_places)))
    topic = " ".join(vn.content_tokens(previous))
    return f"{question} ({topic})"


def _replace_province(text: str, old: str, new: str) -> str:
    pattern = re.compile(re.escape(vn.fold(old)), re.IGNORECASE)
    match = pattern.search(vn.fold(text))  # folding keeps length, so offsets carry over
    return text[: match.start()] + new + text[match.end():] if match else f"{text} {new}"
