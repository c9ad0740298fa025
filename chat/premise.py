"""Yes/no questions whose premise the documents contradict: "Nghị quyết 12 được Hội nghị lần thứ mười lăm thông
qua phải không?" is not refused when the documents say "lần thứ mười bảy": the ordinal or figure it states is asked
instead ("… lần thứ mấy …?"), and the answer says no and gives what the documents state.

Only an ordinal or a figure is put in question this way: they are what a premise most often gets wrong, and a
sentence stating another one in their place answers the question that was meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bcd import vietnamese as vn

# "… phải không?", "… đúng không?", "có phải … không?", "… có đúng không?", typed either way
_YES_NO_END = re.compile(r"\s*,?\s*(?:(?:có\s+)?(?:phải|đúng|phai|dung)\s+(?:không|ko|khong|hông|k)|"
                         r"(?:phải|đúng)\s+chứ)\s*(?:ạ|a|vậy|vay|nhỉ|nhi)?\s*[?.!]*\s*$", re.IGNORECASE)
_YES_NO_START = re.compile(r"^\s*(?:có\s+)?(?:phải|phai)\s+(?:là\s+)?", re.IGNORECASE)
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
    values: frozenset[int | str]  # the stated value, compared with what the answer states


def premise(question: str) -> Premise | None:
    """The open question behind a yes/no question stating one ordinal or figure; None for any other question."""
    text = vn.normalize(question).strip()
    end = _YES_NO_END.search(text)
    start = _YES_NO_START.match(text)
    if end is None and not (start and _CLOSING.search(text)):
        return None
    body = text[:end.start()] if end else _CLOSING.sub("", text)
    body = body[start.end():] if start else body
    ordinals = vn.ordinal_spans(body)
    if len(ordinals) == 1 and (values := vn.ordinals(ordinals[0])) and (at := body.find(ordinals[0])) >= 0:
        stated = ordinals[0]
        head = "lần " if stated.lower().startswith("lần") else ""  # "lần thứ mười lăm" → "lần thứ mấy"
        asked = f"{body[:at]}{head}thứ mấy{body[at + len(stated):]}"
        return Premise(f"{asked.rstrip(' ,.')}?", stated, frozenset(values))
    figures = [f for f in _FIGURE.finditer(body) if not vn.YEAR.fullmatch(f.group().strip())
               and not _NUMBERED.search(body[:f.start()])]  # (not "Nghị quyết 12", "Kế hoạch số 99")
    if len(figures) == 1:
        m = figures[0]
        share = "%" in m.group() or "phần trăm" in m.group()
        asked = f"{body[:m.start()]}bao nhiêu{' %' if share else ''} {body[m.end():].lstrip()}"
        return Premise(f"{asked.rstrip(' ,.')}?", m.group().strip(), frozenset({_number(m.group())}))
    return None


def _number(text: str) -> str:
    """A figure as compared: digits and its decimal comma only ("2.000" and "2000" alike)."""
    digits = re.sub(r"[^\d,]", "", text.replace(".", ""))
    return digits.rstrip(",")


def states_the_premise(premise_: Premise, answer: str) -> bool:
    """Whether an answer's opening fact (or a quoted sentence) states what the user believed: the premise holds."""
    lead = answer.split(" — ", 1)[0]
    if all(isinstance(v, int) for v in premise_.values):
        return bool(premise_.values & vn.ordinals(lead))
    return any(_number(f.group()) in premise_.values for f in _FIGURE.finditer(lead))
