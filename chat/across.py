"""Questions asked of every province at once: "Những tỉnh nào đã họp Ban Chỉ đạo?", "Trưởng Ban Chỉ đạo ở các tỉnh
là ai?", "Mỗi tỉnh đặt mục tiêu gì về chuyển đổi số?".

The single best sentence of one document answers such a question with one province's fact, as if it were all
the documents say. Asked of each province whose documents retrieval finds for it, each in its own words
("Tỉnh Lào Cai đã họp Ban Chỉ đạo?"), the answer says every province's own fact, each cited, and leaves out the
provinces the documents say nothing about.
"""

from __future__ import annotations

import re

from bcd import vietnamese as vn
from retrieval.hybrid import Hit
from retrieval.question import Question

# in folded lower-case text: "những tỉnh (nào)", "các địa phương", "mỗi tỉnh", "từng tỉnh"; "tỉnh nào" alone only
# opening the question ("Tỉnh nào đã …?"): after "của", "ở", "thuộc" it asks which province one thing is of
_EVERY = re.compile(r"(?<!\w)(?:nhung|cac|moi|tung)\s+(?:tinh|dia phuong)(?:\s+nao)?(?!\w)")
_WHICH_OPENING = re.compile(r"\W*(?:(?:hien\s+)?co\s+)?(?:tinh|dia phuong)\s+nao(?!\w)")
# "các tỉnh, thành phố" is the nation's wording (a national document's addressees); "các tỉnh khác" goes on
# from an earlier answer; "các tỉnh ủy" are the provinces' party committees
_NOT_EACH = re.compile(r"\s*,?\s*(?:thanh(?:\s+pho)?|khac|uy|lan can)(?!\w)")
_REPEATED = re.compile(r"\s+(?:deu|đều|lan luot|lần lượt)(?!\w)", re.IGNORECASE)


def asks_every_province(question: Question) -> re.Match[str] | None:
    """The words asking across provinces, in the question's normalised text; None when it names a province or a
    document of one (then it is about that one), or asks no such thing."""
    if question.places:
        return None
    folded = vn.fold(question.text).lower()  # (folding keeps offsets)
    found = _EVERY.search(folded) or _WHICH_OPENING.match(folded)
    if found is None or _NOT_EACH.match(folded, found.end()):
        return None
    return found


def provinces_found(hits: list[Hit]) -> list[str]:
    """The provinces of the documents `hits` come from, in the order of their best hit."""
    return list(dict.fromkeys(str(h.metadata["province"]) for h in hits if h.metadata.get("province")))


def each_province(question: Question, asking: re.Match[str], provinces: list[str]) -> list[tuple[str, str]]:
    """(province, the question asked of it alone) for each of `provinces`: the words asking across provinces
    become "tỉnh X" ("Tỉnh X" opening the question)."""
    text = question.text
    start, end = asking.span()
    opening = not text[:start].strip(" \t\"'“(")
    tail = _REPEATED.sub("", text[end:], count=1) if _REPEATED.match(text[end:]) else text[end:]
    parts = []
    for province in provinces:
        named = f"{'Tỉnh' if opening else 'tỉnh'} {province}"
        lead = text[:start] if not opening else ""
        parts.append((province, f"{lead}{named}{tail}".strip()))
    return parts
