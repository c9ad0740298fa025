"""Who says a sentence that names no one: news reports name a speaker once ("Phát biểu kết luận tại cuộc họp, đồng
chí Trần Quốc Cường, …, Bí thư Tỉnh ủy …") and then report what was said in the sentences after it ("Đồng chí nhấn
mạnh, …", "Từ sự chuyển biến của việc …"), in the same paragraph or, after "đồng chí Bí thư Tỉnh ủy" (the role
again), in the next one."""
from __future__ import annotations

import re

from bcd import vietnamese as vn

# verbs of saying something: after "đồng chí", "ông", "bà" with no name, they refer to a speaker named before
SAYING = "phát biểu|nhấn mạnh|khẳng định|yêu cầu|đề nghị|cho rằng|cho biết|lưu ý|chỉ đạo|kết luận|đề xuất|nói"
# verbs that report speech: a sentence naming someone with one of them opens what that person said
_SPEECH = re.compile(rf"(?<!\w)(?:{SAYING}|chia sẻ|ghi nhận|đánh giá|quán triệt|trình bày|báo cáo|giao)(?!\w)",
                     re.IGNORECASE)
# a verb of saying right after whom the question names ("đồng chí X phát biểu …", "ông X đã nhấn mạnh …")
SAYING_FIRST = re.compile(rf"\s*(?:,[^,]{{1,60}},\s*)?(?:đã\s+|có\s+)?(?:{SAYING})(?!\w)", re.IGNORECASE)
# the speaker referred to again without a name: "Đồng chí nhấn mạnh", "đồng chí Bí thư Tỉnh ủy đề nghị" (the role
# the named sentence gives)
_REFERRED = re.compile(rf"(?<!\w)(?:đồng chí|ông|bà)\s+(?P<role>(?:[^\W\d_]+\s+){{0,6}}?)(?=(?:{SAYING})(?!\w))",
                       re.IGNORECASE)


def reports_speech(text: str) -> bool:
    """Whether the text reports what someone said (a name in a list of those attending says nothing; nor does the
    "Ban Chỉ đạo" they are of)."""
    return bool(_SPEECH.search(_STEERING_BODY.sub(" ", text)))


_QUOTE_MARKS = frozenset('“"«')
_STEERING_BODY = re.compile(r"(?<!\w)ban chỉ đạo(?!\w)", re.IGNORECASE)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + a, start + b) for a, b in vn.split_sentences(text[start:end])]


def speaker_sentence(text: str, start: int) -> tuple[int, int] | None:
    """The span of the sentence naming who says the sentence at offset `start` of `text` (a passage), when that
    sentence names no one itself: the nearest sentence before it in its paragraph that names someone with a verb of
    speech; or, when the paragraph so far refers to its speaker only ("Đồng chí nhấn mạnh", "đồng chí Bí thư Tỉnh
    ủy đề nghị"), the last such sentence of the paragraph before, holding the role the reference gives. None when
    another name comes between, or nothing before names the speaker."""
    line = text.rfind("\n", 0, start) + 1
    before = _sentences(text, line, start)
    end = text.find("\n", start)
    own = next(iter(_sentences(text, start, len(text) if end < 0 else end)), None)
    if own is None or vn.person_names(text[own[0]:own[1]]):
        return None
    for a, b in reversed(before):
        if vn.person_names(text[a:b]):
            return (a, b) if _SPEECH.search(text[a:b]) else None
    referred = [m for a, b in [*before, own] if (m := _REFERRED.search(text[a:b]))]
    quoted = text[line:line + 1] in _QUOTE_MARKS  # a paragraph in quotation marks: the words of whom the one before
    # names as speaking ("Đồng chí X … phát biểu kết luận hội nghị." then "“Muốn như vậy mỗi thành viên …”")
    if not (referred or quoted) or line < 2:
        return None
    role = vn.fold(referred[0].group("role")).lower().strip() if referred else ""
    previous = text.rfind("\n", 0, line - 1) + 1
    while previous > 0 and not text[previous:line].strip():  # (blank lines between paragraphs)
        previous = text.rfind("\n", 0, previous - 1) + 1
    for a, b in reversed(_sentences(text, previous, line)):
        if vn.person_names(text[a:b]):
            said = text[a:b]
            return (a, b) if _SPEECH.search(said) and role in vn.fold(said).lower() else None
    return None
