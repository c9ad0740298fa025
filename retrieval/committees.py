"""Which steering committee a text speaks of, by the words of its name.

A province has several committees ("Ban Chỉ đạo xây dựng chính quyền số tỉnh", "Ban Chỉ đạo Nghị quyết 57 tỉnh",
"Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số"); the head of one is not the
head of another, and a document about one says nothing of the other's meetings. A question that names its
committee is answered only from documents that name a committee of that name. Names are compared as sets of
folded words after abbreviations are spelled out, so "BCĐ CĐS" is "Ban Chỉ đạo … chuyển đổi số"; the committee
of Nghị quyết 57 is also called by its subject, so "57" and "khoa học … chuyển đổi số" name the same one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bcd import vietnamese as vn

_MENTION = re.compile(r"(?<!\w)ban chi dao(?!\w)")
_NAME_END = re.compile(r"[.;:()\n?!\"“”]")  # a name never runs over these
_MAX_WORDS = 20  # ("Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, … chuyển đổi số quốc gia": 18)
# words of a name that tell no committee from another ("Ban Chỉ đạo về phát triển …", "… thực hiện Nghị quyết số")
_GENERIC = frozenset("ve cua va cac phat trien xay dung thuc hien trien khai nghi quyet so nq tw".split())
# where the name ends in a question: the place, the verb or the question word that follows it ("BCĐ chính quyền
# số tỉnh Hòa Bình do ai làm trưởng ban", "BCĐ 57 họp ngày nào", "thành viên BCĐ CĐS gồm những ai", "BCĐ 57 ở X")
_QUESTION_END = frozenset(
    "tinh thanh huyen xa la gom co do da se duoc dang hop phien tai nam ngay ai nao gi bao may nhung trong thi the "
    "voi truong pho uy chu giao ban ket thong phan chi hoi dong lan dot ky to nhiem thang dau cuoi lam o "
    # and the words opening what is said of it: how ("bằng quyết định số mấy"), why, when, whether ("… 57 ko")
    "bang de vi khi sau truoc theo nhu khong chua "
    # and what is asked of its members: their name ("Trưởng BCĐ 57 tên là gì"); "vậy" going on to the question
    "ten vay "
    # and "bên" before its province, as the South says "in" ("BCĐ … bên Điện Biên")
    "ben".split())
_PLACE_WORDS = frozenset("tinh thanh huyen xa".split())
_VOWEL = re.compile(r"[aeiouy]")  # (folded)
# where a committee's name ends in a document: the same, and the verbs it is the subject of ("Trưởng Ban Chỉ đạo
# phát biểu", "Ban Chỉ đạo cần tập trung …", "Ban Chỉ đạo tự giải thể …")
_TEXT_END = _QUESTION_END | frozenset("bieu can cap ghi phoi tu nhan de cho tiep yeu danh phai neu".split())
# Nghị quyết 57's committee by its subject
_NQ57_SUBJECT = frozenset("khoa hoc cong nghe doi moi sang tao chuyen doi".split())
_NQ57_KEY = frozenset("khoa hoc chuyen doi".split())


# an abbreviation given in brackets after what it stands for: "Ban Chỉ đạo (BCĐ) về phát triển khoa học, công nghệ
# (KHCN), …" is one name
_BRACKETED_ABBREVIATION = re.compile(r"\s*\([A-ZĐ&]{2,}\)")


def _folded(text: str, loose: bool) -> str:
    text = _BRACKETED_ABBREVIATION.sub("", vn.normalize(text))
    return vn.fold(vn.normalize(vn.expand_abbreviations(text, loose=loose))).lower()


def _provinces_at(folded: str) -> list[int]:
    return [m.start() for _, pattern in vn.province_patterns() for m in pattern.finditer(folded)]


def _names(text: str, ends: frozenset[str], asked: bool = False) -> list[frozenset[str]]:
    """The distinctive words of each committee name in the text, cut at `ends` or a province. A question's
    (`asked`) is spelled out loosely ("bcd khcn") and kept only when surely a name: introduced by "về" ("BCĐ về
    KHCN", "BCĐ Trung ương về …"), holding a number ("BCĐ 57"), or followed by its province ("BCĐ chính quyền số
    tỉnh X"); in "đại biểu đề nghị BCĐ tập trung …" the words after the committee say what it should do."""
    folded = _folded(text, loose=asked)
    provinces = _provinces_at(folded)
    names = []
    for m in _MENTION.finditer(folded):
        rest = folded[m.end():]
        stop = _NAME_END.search(rest)
        rest = rest[:stop.start()] if stop else rest
        place = min((p - m.end() for p in provinces if p >= m.end()), default=None)
        tokens = vn.tokenize(rest[:place] if place is not None else rest)
        words: list[str] = []
        placed = place is not None
        for word in tokens[:_MAX_WORDS]:
            if word in ends or not (word.isalpha() or word.isdigit()):
                placed = word in _PLACE_WORDS
                break  # (a date or figure: "phiên họp BCĐ tháng 11/2025")
            if asked and not word.isdigit() and not _VOWEL.search(word):
                continue  # initials no table spells out ("QG"): nothing a document's name can be held to
            words.append(word)
            if word.isdigit():
                break  # a number ends a name: "Ban Chỉ đạo Nghị quyết 57 dự hội nghị" (what follows it does)
        else:
            placed = placed and len(tokens) <= _MAX_WORDS
        name = frozenset(words) - _GENERIC
        numbered = any(w.isdigit() for w in name)
        if asked and not (placed or numbered or "ve" in words[:3]):
            continue
        if len(name) > 1 or numbered:  # one word left is a verb's remnant, not a name
            names.append(name)
    return names


@lru_cache(maxsize=256)
def asked_committee(question_text: str) -> frozenset[str]:
    """The distinctive words of the committee a question names ("BCĐ chính quyền số tỉnh X" → {chinh, quyen});
    empty when it names none, only "Ban Chỉ đạo (tỉnh X)", or two (each part of a compound question has its
    own)."""
    named = set(_names(question_text, _QUESTION_END, asked=True))
    return next(iter(named)) if len(named) == 1 else frozenset()


def _with_aliases(name: frozenset[str]) -> frozenset[str]:
    if "57" in name:
        return name | _NQ57_SUBJECT
    if _NQ57_KEY <= name:
        return name | {"57"}
    return name


def names_committee(asked: frozenset[str], text: str) -> bool | None:
    """Whether the text names the asked committee; None when it names no committee at all (nothing to tell)."""
    names = _names(text, _TEXT_END)
    if not names:
        return None
    return any(asked <= _with_aliases(name) for name in names)
