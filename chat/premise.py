"""Yes/no questions, answered with a verdict: "Nghị quyết 12 được Hội nghị lần thứ mười lăm thông qua phải không?"
is not refused when the documents say "lần thứ mười bảy": what it states is asked instead ("… lần thứ mấy …?"), and
the answer says no and gives what the documents state; a sentence stating it confirms it.

Only one checkable thing is put in question this way — a date, a person, a year, a figure or an ordinal: what a
premise most often gets wrong, and a sentence stating another one in its place answers the question that was meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bcd import vietnamese as vn

# "… phải không?", "… đúng không?", "có phải … không?", "… có đúng không?", typed either way
_YES_NO_END = re.compile(r"\s*,?\s*(?:(?:có\s+)?(?:phải|đúng|phai|dung)\s+(?:không|ko|khong|hông|k)|"
                         r"(?:phải|đúng)\s+chứ)\s*(?:ạ|a|vậy|vay|nhỉ|nhi)?\s*[?.!]*\s*$", re.IGNORECASE)
_YES_NO_START = re.compile(r"^\s*(?:(?:liệu\s+|lieu\s+)?(?:có\s+|co\s+)?(?:phải|phai)\s+(?:là\s+|la\s+)?|"
                           r"(?:có\s+|co\s+)?(?:đúng|dung)\s+(?:là|la)\s+)", re.IGNORECASE)  # ("Có đúng là … không?")
# "Thông báo 15 có phải (có đúng là) do ông Hà Quang Tuấn ký không?": the doubt put in the middle, after what it is of
_YES_NO_MIDDLE = re.compile(r"^(?P<subject>.+?)\s+(?:có|co)\s+(?:phải|phai|đúng|dung)\s+(?:là\s+|la\s+)?"
                            r"(?P<claim>.+?)\s*(?:không|khong|ko)\s*[?.!]*\s*$", re.IGNORECASE)
# a sum of money after its figure ("50 tỷ đồng", "3 triệu"), and a share ("30%")
_AMOUNT_AFTER = re.compile(r"\s*(?:%|phần trăm|tỷ|tỉ|triệu|nghìn tỷ|đồng)(?!\w)", re.IGNORECASE)
_HAS = re.compile(r"(?<!\w)(?:có|co)\s", re.IGNORECASE)  # "… có … không?": the frame of a yes/no question
_CLOSING = re.compile(r"\s*(?:không|khong|ko)\s*[?.!]*\s*$", re.IGNORECASE)
# a figure with what it counts: "30% GRDP", "15 doanh nghiệp", "2.000 cán bộ"
_FIGURE = re.compile(r"(?<![\w/.,-])\d+(?:[.,]\d+)*\s*(?:%|phần trăm)?(?![\w/-])")


# what a document's number follows: its kind, spelled out or abbreviated, or "số"
_NUMBERED = re.compile(r"(?<!\w)(?:" + "|".join(sorted({re.escape(form) for kind in vn.DOC_TYPES
                                                           for form in (kind, vn.fold(kind))}, key=len, reverse=True))
                       + r"|NQ|KH|QĐ|QD|TB|CTr|CT|số|so)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Premise:
    """A yes/no question read as the open question it puts in doubt."""

    asked: str  # "Nghị quyết 12 … Hội nghị … lần thứ mấy thông qua?"
    stated: str  # "lần thứ mười lăm": what the user believes
    kind: str  # "ordinal", "date", "name", "year" or "figure": how an answer is compared with it
    value: object  # the stated value in a comparable form
    # the open question without the year the user set it in ("… cho bao nhiêu cán bộ?" of "… cho 300 cán bộ đến năm
    # 2026 phải không?"), and that year's words: asked when no sentence states it in that year, for the year may be
    # wrong too; None when it states no year beside what it doubts
    unyeared: str | None = None
    year: str | None = None
    figures: tuple[str, ...] = ()  # every figure it states as written ("574 tỷ đồng", "2%"): a "yes" must hold each


def unconfirmed(premise_: Premise, text: str) -> list[str]:
    """The figures the user stated that `text` (the sentences quoted) does not: "… 574 tỷ đồng, chiếm 2% … đúng
    không?" is no "yes" where the quote says "574 tỷ đồng, chiếm 1,5%"."""
    said = {_number(m.group()) for m in _FIGURE.finditer(vn.normalize(text))}
    return [figure for figure in premise_.figures if _number(figure) not in said]


# a day and month, with or without its year ("10/11/2025", "21/3", "14 tháng 3 năm 2025")
_DAY = re.compile(r"(?<![\d/])(\d{1,2})(?:\s*/\s*|\s+tháng\s+)(\d{1,2})(?:(?:\s*/\s*|\s+năm\s+)(\d{4}))?(?![\d/])",
                  re.IGNORECASE)
# the word a stated thing follows, which its question word takes the place of with it
_LEAD_WORD = {kind: re.compile(rf"(?<!\w)(?:{words})\s+$", re.IGNORECASE) for kind, words in {
    "date": "ngày", "year": "năm", "name": "ông|bà|đồng chí|đ/c", "ordinal": r"(?!x)x", "figure": r"(?!x)x"}.items()}
_ASKING = {"ordinal": "thứ mấy", "date": "ngày nào", "name": "ai", "year": "năm nào", "figure": "bao nhiêu"}


def asks_yes_or_no(question: str) -> bool:
    """Whether a question asks yes or no ("… có đúng là … không?", "… phải không?"): a question with no question
    word of its own, which a compound question may hold before another ("… phải không? Còn … bao nhiêu?")."""
    text = vn.normalize(question).strip()
    return bool(_YES_NO_END.search(text) or _CLOSING.search(text) and _HAS.search(text))


def premise(question: str) -> Premise | None:
    """The open question behind a yes/no question stating one checkable thing — a date, a person or a figure, else a
    year, else an ordinal (which otherwise name the meeting or time asked about: "Phiên họp thứ hai diễn ra ngày 10/11
    phải không?" doubts the date); None for any other question, or one stating several such things."""
    text = vn.normalize(question).strip()
    end = _YES_NO_END.search(text)
    start = _YES_NO_START.match(text)
    middle = None if end or start else _YES_NO_MIDDLE.match(text)
    if end is None and not (start and _CLOSING.search(text)) and middle is None:
        return None
    if middle is not None:
        body = f"{middle.group('subject')} {middle.group('claim')}"
    else:
        body = text[:end.start()] if end else _CLOSING.sub("", text)
        body = body[start.end():] if start else body
    claims = _claims(body)
    # a year or an ordinal beside a date, person or figure sets when or which ("… 30% GRDP vào năm 2030", "Phiên họp
    # thứ hai … ngày 10/11"); alone, it is what is doubted
    chosen = next((tier for tier in ([c for c in claims if c[0] in ("date", "name", "figure")],
                                     [c for c in claims if c[0] == "year"],
                                     [c for c in claims if c[0] == "ordinal"]) if tier), [])
    if len(chosen) > 1 and all(c[0] == "figure" for c in chosen):
        # "… dành 50 tỷ đồng cho việc phủ sóng 43 thôn, xóm": the amount is doubted, the count names what it is for
        chosen = [c for c in chosen if c[1][1] < len(body) and _AMOUNT_AFTER.match(body, c[1][1])] or chosen
    if len(chosen) > 1 and all(c[0] == "figure" for c in chosen):
        chosen = chosen[:1]  # several figures: the first is asked, a "yes" must hold every one (`unconfirmed`)
    if len(chosen) != 1:
        return None
    kind, (a, b), value = chosen[0]
    stated = body[a:b]
    if lead := _LEAD_WORD[kind].search(body[:a]):  # "ngày 10/11" → "ngày nào", "ông Hà Quang Tuấn" → "ai"
        a = lead.start()
    asking = "bao nhiêu %" if kind == "figure" and value[1] else _ASKING[kind]  # type: ignore[index]
    asked = f"{body[:a]}{'lần ' if stated.lower().startswith('lần') else ''}{asking}{body[b:]}"
    years = [span for claim, span, _ in claims if claim == "year"] if kind != "year" else []
    unyeared = year = None
    if len(years) == 1 and (phrase := _YEAR_PHRASE.search(asked)):
        year = phrase.group().strip(" ,")
        unyeared = _question(asked[:phrase.start()] + " " + asked[phrase.end():])
    figures = tuple(body[a:b].strip() for claim, (a, b), _ in claims if claim == "figure")
    return Premise(_question(asked), stated, kind, value, unyeared, year, figures)


def _question(text: str) -> str:
    return f"{' '.join(text.split()).rstrip(' ,.')}?"


# a year a claim is set in: "đến năm 2026", "vào năm 2025", "trong năm 2027", "năm 2026"
_YEAR_PHRASE = re.compile(r",?\s*(?:(?:đến|tới|vào|trong|đến hết|trước)\s+)?(?:năm\s+)?"
                          r"(?<![\d/])(?:19|20)\d\d(?![\d/])",
                          re.IGNORECASE)


def _claims(body: str) -> list[tuple[str, tuple[int, int], object]]:
    """What a yes/no question states that a sentence can confirm or contradict, with where it stands."""
    claims: list[tuple[str, tuple[int, int], object]] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or y <= a for x, y in taken)

    for m in _DAY.finditer(body):
        claims.append(("date", m.span(), (int(m.group(1)), int(m.group(2)))))
        taken.append(m.span())
    for name in vn.person_names(body):
        if (at := body.find(name)) >= 0 and free(at, at + len(name)):
            claims.append(("name", (at, at + len(name)), vn.fold(name).lower()))
            taken.append((at, at + len(name)))
    for stated in vn.ordinal_spans(body):
        if (at := body.find(stated)) >= 0 and free(at, at + len(stated)) and (values := vn.ordinals(stated)):
            claims.append(("ordinal", (at, at + len(stated)), frozenset(values)))
            taken.append((at, at + len(stated)))
    for m in vn.YEAR.finditer(body):
        if free(*m.span()):
            claims.append(("year", m.span(), m.group()))
            taken.append(m.span())
    for m in _FIGURE.finditer(body):
        if free(*m.span()) and not _NUMBERED.search(body[:m.start()]):  # (not "Nghị quyết 12", "Kế hoạch số 99")
            share = "%" in m.group() or "phần trăm" in m.group()
            claims.append(("figure", m.span(), (_number(m.group()), share)))
            taken.append(m.span())
    return claims


def _number(text: str) -> str:
    """A figure as compared: digits and its decimal comma only ("2.000" and "2000" alike)."""
    digits = re.sub(r"[^\d,]", "", text.replace(".", ""))
    return digits.rstrip(",")


def states_the_premise(premise_: Premise, text: str) -> bool:
    """Whether a text (an answer's opening fact, or a quoted sentence) states what the user believed."""
    kind, value = premise_.kind, premise_.value
    if kind == "ordinal":
        return bool(value & vn.ordinals(text))  # type: ignore[operator]
    if kind == "date":
        return any((int(m.group(1)), int(m.group(2))) == value for m in _DAY.finditer(vn.normalize(text)))
    if kind == "name":
        return str(value) in vn.fold(text).lower()
    if kind == "year":
        return str(value) in vn.YEAR.findall(text)
    return any(_number(m.group()) == value[0] for m in _FIGURE.finditer(text))  # type: ignore[index]


def short_fact(answer: str) -> str:
    """What an answer states first: the fact it opens with, or its first sentence."""
    return answer.split(" — ", 1)[0] if " — " in answer else re.split(r"(?<=[.!?])\s", answer, maxsplit=1)[0]
