"""Follow-up questions rewritten into standalone ones, so retrieval sees what the user means.

"Ông ấy giữ chức gì?" after "Ai là Trưởng BCĐ tỉnh Nam Định?" only makes sense with the earlier question;
the offline rule carries the last *answered* question's topic forward when the new one leans on it. A
question the assistant refused is not a topic: the user is told the documents do not cover it, so a
follow-up continues from what was last answered.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from bcd import vietnamese as vn
from chat.facts import fact_spans, holds_role
from chat.generators.base import Turn
from chat.premise import asks_yes_or_no
from chat.prompt import REFUSAL
from retrieval.asked import CARRIED_TOPIC, counted_words, read_asked, roles_in
from retrieval.question import HAPPENING, asked_kind, asks_only_fields, fields_asked, named_places, number_is_of_type

_PERSON_PRONOUN = re.compile(r"\b(?:[ÔôBb]à|[Ôô]ng|[Đđ]ồng chí|[Nn]gười)\s+(?:ấy|đó|này)\b")
_PERSON_PRONOUN_FOLDED = re.compile(r"\b(?:[Bb]a|[Oo]ng|[Dd]ong chi|[Nn]guoi)\s+(?:ay|do|nay)\b")  # typed so


def _person_pronoun(question: str) -> re.Pattern[str]:
    """The pattern of "ông ấy", "người đó" as the question is typed (folded only without diacritics: "người do
    UBND cử" is no pronoun)."""
    return _PERSON_PRONOUN if vn.has_diacritics(question) else _PERSON_PRONOUN_FOLDED


# Words that lean on an earlier question. Matched on the accented text; the folded forms only for a
# question typed without diacritics, so "hồ sơ", "hỗ trợ" or "nợ" never read as "họ" or "nó".
_FOLLOW_UP_CUES = (r"ông ấy|bà ấy|anh ấy|chị ấy|người đó|người này|văn bản đó|văn bản này|nghị quyết đó|"
                   r"nghị quyết này|tỉnh đó|tỉnh này|hội nghị đó|cuộc họp đó|nó|họ|thì sao|còn|thế còn|cũng vậy|"
                   r"vậy thì")
_FOLLOW_UP = re.compile(rf"(?<!\w)(?:{_FOLLOW_UP_CUES})(?!\w)")
_FOLLOW_UP_FOLDED = re.compile(rf"(?<!\w)(?:{vn.fold(_FOLLOW_UP_CUES)})(?!\w)")
# "… thì sao?", "cũng vậy": the earlier question asked again of another subject
_SAME_QUESTION = re.compile(r"(?<!\w)(?:thì sao|thi sao|cũng vậy|cung vay)(?!\w)")
OWN_PREDICATE_WORDS = 3  # content words, besides those referring back, of a follow-up that asks its own question
# "Còn ai …?", "Thế còn việc X: ai chủ trì?": a question set against the earlier one ("Thế còn Lào Cai?", asking
# nothing of its own, asks the earlier one again)
_CONTRAST = re.compile(r"\s*(?:thế\s+)?còn\s")
# "hội nghị đó", "văn bản này", "người ấy": something the earlier question named
_DEMONSTRATIVE = re.compile(r"(?<=\w)\s+(?:đó|này|ấy|kia)(?!\w)")
# "Thế UBND tỉnh có kế hoạch số mấy?", "Vậy ai chủ trì?": a question opened as a sequel to the one before ("Thế
# nào là …?" asks how)
_SEQUEL = re.compile(r"\s*(?:thế|vậy)\s+(?!(?:nào|thì|là)(?!\w))")
_SEQUEL_FOLDED = re.compile(r"\s*(?:the|vay)\s+(?!(?:nao|thi|la)(?!\w))")


def leans_on_earlier(question: str) -> bool:
    """Whether the question has a word that refers back ("ông ấy", "còn … thì sao", "nhiệm vụ đó"): a follow-up
    for sure."""
    text = vn.normalize(question).lower()
    return bool(_FOLLOW_UP.search(text) or _DEMONSTRATIVE.search(text) or _SEQUEL.match(text)
                or (not vn.has_diacritics(text) and (_FOLLOW_UP_FOLDED.search(text) or _SEQUEL_FOLDED.match(text))))


def is_follow_up(question: str) -> bool:
    """Refers back, or is too short to stand alone (then maybe a new question: see `ChatService`)."""
    return leans_on_earlier(question) or len(vn.content_tokens(question)) <= 2


def names_nothing(question: str) -> bool:
    """Whether a question names no place, person, body, document or number of its own ("Ai chủ trì?",
    "Phối hợp với đơn vị nào? Hạn khi nào?"; a year names none: "Chỉ tiêu đến năm 2030 …?" is the target of the
    document being discussed): in a conversation it is about what was being discussed."""
    text = vn.normalize(question)
    return not (vn.stated_name_runs(text) or vn.province_mentions(text) or re.search(r"\d", vn.YEAR.sub(" ", text))
                or vn.names_by_abbreviation(text))




# a province's own bodies, or the province itself, named without naming which ("Bí thư Tỉnh ủy", "UBND tỉnh", "toàn
# tỉnh"; not "tỉnh nào", nor "các tỉnh")
_PROVINCE_LEVEL = (r"tỉnh ủy|tỉnh uỷ|(?:ủy ban nhân dân|uỷ ban nhân dân|hội đồng nhân dân|toàn|của|cấp|trên địa bàn)"
                   r" tỉnh(?! nào| khác| bạn)")
_UNNAMED_PROVINCE = re.compile(rf"(?<!\w)(?:{_PROVINCE_LEVEL})(?!\w)")
_UNNAMED_PROVINCE_FOLDED = re.compile(rf"(?<!\w)(?:{vn.fold(_PROVINCE_LEVEL)})(?!\w)")


def of_an_unnamed_province(question: str) -> bool:
    """Whether the question speaks of a province's own body or of the province without naming it ("Bí thư Tỉnh ủy
    ví Nghị quyết 57 như thế nào?"): in a conversation, of the province it is about."""
    text = vn.expand_abbreviations(vn.normalize(question)).lower()
    pattern = _UNNAMED_PROVINCE if vn.has_diacritics(text) else _UNNAMED_PROVINCE_FOLDED
    return bool(pattern.search(text)) and not vn.province_mentions(question)


def may_lean_on_earlier(question: str) -> bool:
    """A follow-up, a question with nothing of its own to be about, or one of a province it does not name: read with
    the conversation."""
    return is_follow_up(question) or names_nothing(question) or of_an_unnamed_province(question)


def last_answered(history: list[Turn]) -> tuple[str | None, str]:
    """The last user question that got an answer (not a refusal), as it stands alone (a follow-up of a
    follow-up leans on the first: "Thời hạn là khi nào?" after "Kế hoạch 99 giao ai tổ chức ngày hội?"), and
    that answer."""
    return next(_answered(history), (None, ""))


def _answered(history: list[Turn]) -> Iterator[tuple[str, str]]:
    """(user question as it stands alone, answer) of the turns that got an answer, the latest first."""
    for i in range(len(history) - 1, 0, -1):
        turn, before = history[i], history[i - 1]
        if turn.role == "assistant" and before.role == "user" and not turn.content.startswith(REFUSAL):
            yield standalone_question(before.content, history[:i - 1]), turn.content


def repeats_last_answer(fact: str, sentence: str, last_answer: str) -> bool:
    """Whether a follow-up's reading would lead with the fact the last answer led with, from the sentence it
    quoted ("Ai phát biểu kết luận cuộc họp?" read with "… ai trình bày tóm tắt dự thảo Báo cáo …?" is drawn back
    to the presenter): a new question does not want the fact just given, so the reading missed what it asks."""
    lead = _SHORT_FACT.match(last_answer)
    return bool(fact) and lead is not None and sentence in last_answer and fact == lead.group("fact").strip()


def refers_back(question: str) -> bool:
    """Whether the question refers back by a pronoun or a demonstrative ("ông ấy", "ngày hội đó", "tỉnh này"), or
    asks the earlier question again of something else and nothing of its own ("Còn Bắc Kạn thì sao?"): it means
    nothing without the conversation. (Typed without diacritics, "đó" cannot be told from "do" but after a person:
    "nguoi do" is "người đó".)"""
    text = vn.normalize(question)
    lowered = text.lower()
    asks_again = _SAME_QUESTION.search(lowered) and not _INTERROGATIVE.search(
        _SAME_QUESTION.sub(" ", vn.expand_abbreviations(lowered)))
    return bool(_person_pronoun(text).search(text) or (vn.has_diacritics(text) and _DEMONSTRATIVE.search(lowered))
                or asks_again)


def _last_set(history: list[Turn]) -> str | None:
    """The last answered user question set in a province or a document, as it stands alone."""
    return next((asked for asked, _ in _answered(history)
                 if vn.province_mentions(asked) or vn.reference_spans(asked)), None)


def _that_province(question: str, history: list[Turn], previous: str | None) -> str:
    """"Tỉnh đó đặt mục tiêu … năm 2030 là bao nhiêu?" after a question on Lào Cai: of Lào Cai, nowhere else, also
    when that question was not answered (the user named it); the question unchanged when the conversation named
    no one province."""
    if (province := _PROVINCE_THAT.search(question)) is None:
        return question
    named = next((places for turn in reversed(history) if turn.role == "user"
                  and (places := vn.province_mentions(turn.content))), None)
    places = named if named is not None and len(named) == 1 else vn.province_mentions(
        _last_placed(history) or previous or "")
    if len(places) != 1:
        return question
    return f"{question[:province.start()]}{province.group(1)} {next(iter(places))}{question[province.end():]}"


def _last_placed(history: list[Turn]) -> str | None:
    """The last answered user question that names one province, as it stands alone: what "Còn tỉnh Điện Biên
    thì sao?" asks again when the last question ("Ông ấy còn giữ chức vụ gì?") named none."""
    return next((asked for asked, _ in _answered(history) if len(vn.province_mentions(asked)) == 1), None)


# "cơ quan đó", "đơn vị này", "ban đó": the body the last answer named
_BODY_PRONOUN = re.compile(r"(?<!\w)(?:cơ quan|đơn vị|tổ chức|sở|ban chỉ đạo|ban)\s+(?:đó|này|ấy|trên)(?!\w)",
                           re.IGNORECASE)  # ("trưởng ban đó": of the committee the last answer named)


def _answered_body(answer: str) -> str | None:
    """The body a short answer opens with ("Ủy ban Kiểm tra Tỉnh ủy — … [1]"; of a part answered with two facts,
    "Trung tâm Phục vụ hành chính công tỉnh; Tháng 11/2026 — …", the first), if that is what it opens with: a
    body's name by its head word ("Trung tâm", "Sở"), in whatever case its words go on."""
    lead = answer.split(" — ", 1)[0].lstrip("- ").split("; ")[0].strip() if " — " in answer else ""
    return lead if lead and (found := fact_spans("organisation", lead)[:1]) and lead.startswith(found[0]) else None


_STANDING_WORDS = {"mới", "hiện", "nay", "moi", "hien"}  # "mới đạt", "hiện nay", as typed
_TARGET_WORDS = {"mục", "tiêu", "muc", "tieu", "phấn", "đấu", "phan", "dau"}  # "mục tiêu", "phấn đấu", as typed
_ASIDE = re.compile(r"(?<!\w)(?:ngoài|trừ|ngoai|tru)\s*$", re.IGNORECASE)


_ORDINAL_WORDS = {"nhất": 1, "nhat": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "tu": 4, "bon": 4, "năm": 5, "nam": 5,
                  "sáu": 6, "sau": 6, "bảy": 7, "bay": 7, "tám": 8, "tam": 8, "chín": 9, "chin": 9, "mười": 10,
                  "muoi": 10}
# "nhiệm vụ thứ 3", "ý thứ hai", "mục số 2", "cái cuối cùng": one item of a list, by its place in it
_ITEM_HEAD = r"(?:nhiệm vụ|nhiem vu|ý|y|mục|muc|việc|viec|nội dung|noi dung|điểm|diem|cái|cai|giải pháp|giai phap|" \
             r"chỉ tiêu|chi tieu|văn bản|van ban|người|nguoi|đơn vị|don vi|cơ quan|co quan)"
_ITEM_PLACE = re.compile(rf"(?<!\w)(?:(?P<head>{_ITEM_HEAD})\s+)?(?:(?:thứ|thu|số|so)\s+(?P<n>\d{{1,2}}|"
                         rf"{'|'.join(_ORDINAL_WORDS)})|(?P<last>cuối cùng|cuoi cung)|"
                         r"(?P<first>đầu tiên|dau tien))(?!\w)",
                         re.IGNORECASE)
_BARE_PLACE_BEFORE = re.compile(r"\s*(?:(?:thế|the|vậy|vay)\s+)?(?:(?:còn|con)\s+)?", re.IGNORECASE)
_LISTED = re.compile(r"^(?P<indent>[ \t]*)(?:\d+\.|-)\s+(?P<item>.+?)\s*$", re.MULTILINE)
_ITEM_TAIL = re.compile(r"\s*(?:\[\d+\]\s*)+$|\s*\([^()]*\)\s*$")
_ITEM_DEADLINE = re.compile(r",?\s+(?:hoàn thành|xong|trước ngày|chậm nhất|trong (?:tháng|quý|năm))(?!\w).*$",
                            re.IGNORECASE)
MAX_ITEM_QUESTION_WORDS = 6  # content words besides the item's place: "… là gì?", "Cơ quan phối hợp của …?"


def _last_list(history: list[Turn]) -> tuple[list[str], str, str]:
    """The items of the last answer that listed things, the question it answered and the answer, when what was
    asked since was asked of its items ("Nhiệm vụ thứ 3 hạn khi nào?" after "Nhiệm vụ thứ 3 là gì?" counts in the
    same list; the rows an item's answer quotes are no list of their own); ([], "", "") when none."""
    for i in range(len(history) - 1, 0, -1):
        if history[i].role != "assistant" or history[i - 1].role != "user":
            continue
        if _asks_of_an_item(history[i - 1].content):
            continue
        # (a heading among the bullets, "- Các Ủy viên: [4]" or one whose next bullet is indented under it, is no
        # item: what it heads are)
        found = list(_LISTED.finditer(history[i].content))
        items = [item.group("item") for item, after in zip(found, [*found[1:], None])
                 if not _heads(item, after)]
        return (items, history[i - 1].content, history[i].content) if len(items) >= 2 else ([], "", "")
    return [], "", ""


def _asks_of_an_item(question: str) -> bool:
    """Whether a question asks of an item of a list by its place ("Nhiệm vụ thứ 3 là gì?", "Quan điểm thứ hai?"), not
    of something with an ordinal of its own ("Thông báo kết luận phiên họp thứ hai giao những nhiệm vụ gì?")."""
    text = vn.normalize(question)
    return _item_place(text) is not None or any(_item_place(text, m.group("head")) for m in _NAMED_PLACE.finditer(text))


def _heads(line: re.Match[str], after: re.Match[str] | None) -> bool:
    """Whether a bullet heads those after it: it ends in a colon or the next one is indented under it."""
    return _ITEM_TAIL.sub("", line.group("item")).rstrip().endswith(":") or bool(
        after and len(after.group("indent")) > len(line.group("indent")))


def _items_under(answer: str, head: str) -> list[str]:
    """The items of a listing answer under the one heading that `head` names ("Quyền hạn thứ nhất" of a list whose
    part "- Quyền hạn: [5]" heads two): [] when no heading or several are so named."""
    words = {vn.fold(t).lower() for t in vn.content_tokens(head)}
    found = list(_LISTED.finditer(answer))
    named = [i for i, (line, after) in enumerate(zip(found, [*found[1:], None])) if _heads(line, after)
             and words and words <= {vn.fold(t).lower() for t in vn.content_tokens(_ITEM_TAIL.sub("", line["item"]))}]
    if len(named) != 1:
        return []
    depth, under = len(found[named[0]].group("indent")), []
    for line, after in zip(found[named[0] + 1:], [*found[named[0] + 2:], None]):
        if len(line.group("indent")) <= depth:
            break
        if not _heads(line, after):
            under.append(line.group("item"))
    return under


def _item_place(text: str, listed_by: str = "") -> re.Match[str] | None:
    """Where a question names an item of a list by its place, when that is all it names ("Nhiệm vụ thứ 3 hạn khi
    nào?"; not "Phiên họp thứ hai?", a meeting of its own, nor "nhiệm vụ thứ 3 của Kế hoạch 99"); the item may be
    called by what the list was asked for (`listed_by`, that question: "Quan điểm thứ hai?" after "… có những quan
    điểm nào?")."""
    place = _ITEM_PLACE.search(text)
    if place is not None and not place.group("head") and not _BARE_PLACE_BEFORE.fullmatch(text[:place.start()]):
        asked = {vn.fold(t).lower() for t in vn.content_tokens(listed_by)}
        place = next((m for m in _NAMED_PLACE.finditer(text)
                      if {vn.fold(t).lower() for t in vn.content_tokens(m.group("head"))} <= asked), None)
    if place is None:
        return None
    rest = f"{text[:place.start()]} {text[place.end():]}"
    return place if names_nothing(rest) and len(vn.content_tokens(rest)) <= MAX_ITEM_QUESTION_WORDS else None


# "quan điểm thứ hai", "quyền hạn thứ nhất": a place in a list called by one or two words of its own
_NAMED_PLACE = re.compile(rf"(?<!\w)(?P<head>\w+(?:\s+\w+)?)\s+(?:thứ|thu|số|so)\s+(?P<n>\d{{1,2}}|"
                          rf"{'|'.join(_ORDINAL_WORDS)})(?P<last>(?!))?(?P<first>(?!))?(?!\w)", re.IGNORECASE)


def _place_index(place: re.Match[str], count: int) -> int:
    """The 1-based index a place names in a list of `count` items."""
    if place.group("last"):
        return count
    if place.group("first"):
        return 1
    number = place.group("n").lower()
    return int(number) if number.isdigit() else _ORDINAL_WORDS[number]


def listed_count_if_beyond(question: str, history: list[Turn]) -> int | None:
    """How many items the list just given has, when the question asks for one past its end ("Nhiệm vụ thứ 15 là
    gì?" after nine): the user is told so, not answered from elsewhere; None otherwise."""
    items, listed_by, _ = _last_list(history)
    if len(items) < 2 or (place := _item_place(vn.normalize(question), listed_by)) is None:
        return None
    return len(items) if _place_index(place, len(items)) > len(items) else None


def listed_item(question: str, history: list[Turn]) -> str | None:
    """"Nhiệm vụ thứ 3 là gì?", "Còn ý cuối cùng?" right after an answer that listed things: the question asked of
    that item, named by its words ("Nhiệm vụ “Ban hành quy chế …” là gì?") and followed by the documents and
    provinces the list was asked of; None when the last answer listed nothing, has no such item, or the question
    names something of its own ("nhiệm vụ thứ 3 của Kế hoạch 99")."""
    text = vn.normalize(question)
    items, listed_by, listing = _last_list(history)
    if len(items) < 2 or (place := _item_place(text, listed_by)) is None:
        return None
    if place.group("head") and (under := _items_under(listing, place.group("head"))):
        items = under  # ("Quyền hạn thứ nhất" counts among the lines under "Quyền hạn:")
    if not 1 <= (index := _place_index(place, len(items))) <= len(items):
        return None
    item = items[index - 1]
    while (tail := _ITEM_TAIL.search(item)) and tail.start() > 0:
        item = item[:tail.start()]
    # (its deadline is what may be asked: "… hoàn thành trong tháng 02/2026" stays out of its name)
    item = _ITEM_DEADLINE.sub("", item) or item
    head = place.group("head") or ""
    asked = f"{text[:place.start()]}{head}{' ' if head else ''}“{item.strip(' .;:')}”{text[place.end():]}"
    # (the list's own document: "Nhiệm vụ thứ 3" of Nghị quyết 12's list is not a plan's task of the same words)
    setting = list(dict.fromkeys([*(listed_by[a:b] for a, b in vn.reference_spans(listed_by)),
                                  *vn.province_mentions(listed_by)]))
    return f"{asked} ({', '.join(setting)})" if setting else asked


def standalone_question(question: str, history: list[Turn], own: bool = False) -> str:
    """`_standalone`, read once per question and conversation so far: each earlier turn is read with the turns
    before it (`_answered`), which are read with theirs, so without it a conversation of n turns was read 2^n times
    (a 15-turn follow-up chain took seconds, a 40-message one pinned a core for minutes)."""
    return _standalone(question, tuple(history), own)


@lru_cache(maxsize=4096)
def _standalone(question: str, turns: tuple[Turn, ...], own: bool) -> str:
    """The question itself; for a follow-up, "ông ấy" replaced by the person the last answer named, or
    else this question followed by the key terms of the last answered one (its topic, not its question
    words). `own`: read as a question of its own set where the last one was ("Ai phát biểu kết luận cuộc họp?"
    after "Ở Bắc Kạn, ai trình bày …?" → "… (Bắc Kạn …)"), followed by that one's places, documents and names
    only, when it asks something of its own; more of what the last one asked ("Phối hợp với đơn vị nào?" of its
    task) is read with the last one's topic."""
    history = list(turns)
    if (item := listed_item(question, history)) is not None:
        return item
    previous, last_answer = last_answered(history)
    if previous is None and may_lean_on_earlier(question):
        return _that_province(vn.normalize(question), history, None)  # (the only earlier questions went unanswered)
    if previous is None or not may_lean_on_earlier(question):
        return question
    question = vn.normalize(question)
    names = vn.person_names(last_answer)
    if (roles := roles_in(previous)) and not _WHO_ASKED.search(vn.fold(previous).lower()):
        # "ông ấy" after "… Phó Chủ tịch Thường trực UBND tỉnh góp ý về chuyện gì?" is the one in that role: a name
        # the answer gives someone else ("chỉ đạo của đồng chí X - Bí thư Tỉnh ủy") is not his (then the earlier
        # question's words stand for him, as its topic)
        quoted = _LEAD_FACT.sub("", last_answer)  # (the name a short answer opens with has no title beside it)
        names = [name for name in names if holds_role(quoted, name, roles)]
    if names and (pronoun := _person_pronoun(question).search(question)):
        named = _that_province(_person_pronoun(question).sub(names[0], question, count=1), history, previous)
        named = _named_again(named, previous) or named  # ("… trong Ban Chỉ đạo đó?": the one asked of before)
        # someone other than that person is asked for ("Ngoài ông ấy, ai là Phó Bí thư …?" after "Tại điểm cầu
        # Hà Nam, …?"): the province the conversation is about stays with it, others hold that role elsewhere
        places = vn.province_mentions(previous)
        aside = _ASIDE.search(question[:pronoun.start()])
        return f"{named} ({next(iter(places))})" if aside and len(places) == 1 and not vn.province_mentions(
            question) else named
    if (body := _BODY_PRONOUN.search(question)) and (answered := _answered_body(last_answer)):
        return f"{question[:body.start()]}{answered}{question[body.end():]}"  # "Cơ quan đó báo cáo ai?"
    new_places, old_places = vn.province_mentions(question), vn.province_mentions(previous)
    # "Còn tỉnh Lào Cai thì sao?": only a place, so the same question about it. A question that asks anything
    # besides ("Lào Cai có bao nhiêu trạm?") is its own, never replaced by the previous one.
    alone = next(iter(new_places)) if len(new_places) == 1 else None
    # (or with words of the earlier question only: "còn phiên họp ở Điện Biên thì sao?" after "Ai … tỉnh Nam Định,
    # chủ trì phiên họp đầu tiên?")
    alone = alone if alone and (not _beyond_place(question, alone) or _SAME_QUESTION.search(question) and not
                                _beyond_place(question, alone, previous)) else None
    if alone and (moved := _of_another_province(previous, alone)):
        return moved  # "còn Lào Cai thì sao?" after "… chi cho KHCN của tỉnh đạt bao nhiêu?"
    if alone and not old_places and (placed := _last_placed(history)):
        previous, old_places = placed, vn.province_mentions(placed)  # "Ông ấy còn giữ chức vụ gì?" named none
    if alone and len(old_places) == 1:
        return _replace_province(vn.normalize(previous), next(iter(old_places)), alone)
    if (body := _another_body(question, previous)) is not None:
        return body  # "Còn Sở KHCN?" after "Theo TB 15, Công an tỉnh phải làm gì?": the same question of that body
    if (year := _only_another_year(question, previous)) is not None:
        return year  # "còn đến 2030 thì sao?" after "… đặt mục tiêu gì đến năm 2027?": the same question of 2030
    if (swapped := _another_of_the_kind(question, previous)) is not None:
        return swapped  # "còn tuyến huyện thì năm nào?" after "… bệnh viện tuyến tỉnh phải xong năm nào?"
    if (document := _answered_document(last_answer)) and names_nothing(question) and asks_only_fields(question):
        return f"Văn bản số {document} {question[0].lower()}{question[1:]}"  # "ngày nào?" after "54-CTr/TU — …"
    that_pattern = _DOCUMENT_THAT if vn.has_diacritics(question) else _FOLDED_DOCUMENT_THAT
    if (that := that_pattern.search(question)) and asks_only_fields(question) and (
            document := _cited_document(history)):
        # "Văn bản đó ai ký?" after "Thông báo 15/TB-BCĐ nêu …" and "Huyện nào …?": the document last cited
        named = document if _DOCUMENT_TYPE_FIRST.match(document) else f"{that.group('type')} {document}"
        return f"{question[:that.start()]}{named}{question[that.end():]}"
    answered = _answered_document(last_answer)
    if (document := _ANY_DOCUMENT_THAT.search(question)) and answered and _of_type(answered, document.group("type")):
        # "CTr đó cụ thể hóa NQ nào?" after "25-CTr/TU — Căn cứ …": that programme, named in full; the question
        # stands alone then (the earlier one only found the programme)
        kind = _KIND_BY_CODE.get(document.group("type").lower(), document.group("type"))
        return f"{question[:document.start()]}{kind[:1].upper()}{kind[1:]} {answered}{question[document.end():]}"
    if named := _named_again(question, previous):
        return named  # "Cũng tại hội nghị đó, ai …?" → "Cũng tại Hội nghị toàn quốc ngày 13/01/2025, ai …?"
    if (placed := _that_province(question, history, previous)) != question:
        return placed
    if (document := _ANY_DOCUMENT_THAT.search(question)) and (cited := _cited_document(history)) and \
            _of_type(cited, document.group("type")):
        # "Theo NQ này, cơ quan nào chủ trì …?" after "NQ 12 Hòa Bình hỗ trợ …?": that resolution (and the topic, for
        # what else refers back: "theo văn bản đó thì tỷ lệ này …")
        question = f"{question[:document.start()]}{cited}{question[document.end():]}"
    # the earlier topic, without the earlier place when this question names its own; words are compared as
    # typed ("bản" in "văn bản đó" does not drop the "ban" of "ban hành"), folded for a question typed without
    # diacritics
    same = (lambda t: t.lower()) if vn.has_diacritics(question) else vn.fold
    dropped = {same(u) for u in vn.tokenize(question)}
    asked = read_asked(question)
    if asked.current:  # "hiện nay mới đạt bao nhiêu?" after "Mục tiêu … đến 2030 là bn?": what
        dropped |= set(vn.YEAR.findall(previous)) | _TARGET_WORDS  # stands, not the target nor its year
    elif asked.goal:  # "Vậy phải nâng lên mức nào?" after "… cấp xã mới đạt bao nhiêu?": the target, not what stands
        dropped |= _STANDING_WORDS
    if _OWN_OCCASION.search(question):  # "… theo kết luận phiên họp thứ hai?" after "… đến cuối tháng 10/2025 …?":
        # the figure asked is dated by that meeting, not by the earlier question's month
        dropped |= {same(t) for t in vn.tokenize(previous) if _TIME.fullmatch(t) or t.lower() in _TIME_WORDS
                    or t.lower() in _TIME_EDGES}
    dropped |= _qualifier_set_against(question, previous, same)
    place_words = {same(u) for place in old_places for u in vn.tokenize(place)} | {
        vn.fold(u) for place in old_places for u in vn.tokenize(place)}
    if new_places - old_places:  # folded too: the earlier question may have been typed without diacritics
        dropped |= place_words
    else:  # the earlier place stays whole ("cai" of "mấy cai" typed without diacritics is not Lào Cai's)
        dropped -= place_words
    previous = vn.normalize(previous)
    setting = _setting(previous, dropped, same) if _asks_its_own(question) or (own and _own_question(question)) \
        else ""
    topic = setting or _topic(previous, dropped, same)
    if not (vn.province_mentions(previous) or vn.reference_spans(previous)) and (earlier := _last_set(history)):
        # "hiện nay mới đạt bao nhiêu?" after "Mục tiêu chi cho KHCN đến 2030 là bn?" after "NQ 12 … ban hành ngày
        # nào?": the conversation is still set in that resolution
        topic = " ".join(p for p in (topic, _setting(vn.normalize(earlier), dropped, same)) if p)
    return f"{question} ({topic})" if topic else question


QUALIFIER_WORDS = 2  # words after a role or thing named again that qualify it ("thường trực")


def _qualifier_set_against(question: str, previous: str, same: Callable[[str], str]) -> set[str]:
    """The words qualifying what a bare "còn X?" names in the earlier question: "còn phó trưởng ban?" after "… phó
    trưởng ban thường trực … là ai?" asks of the one who is not "thường trực", so that word is no topic."""
    if (bare := _BARE_CONTRAST.match(question)) is None:
        return set()
    asked = [same(t) for t in vn.tokenize(bare.group("body"))]
    tokens = vn.tokenize(previous)
    earlier = [same(t) for t in tokens]
    for at in range(len(earlier) - len(asked) + 1):
        if asked and earlier[at:at + len(asked)] == asked:
            after = tokens[at + len(asked):at + len(asked) + QUALIFIER_WORDS]
            # (lower-case words only: a name, a place or an abbreviation after it says whose it is)
            qualifier = list(itertools.takewhile(lambda t: t.islower() and t.lower() not in vn.STOPWORDS
                                                 and t.lower() not in _LEVEL_WORDS, after))
            return {same(t) for t in qualifier}
    return set()


_LEVEL_WORDS = frozenset({"tỉnh", "huyện", "xã", "thành", "phố", "tinh", "huyen", "xa"})


# "hội nghị đó", "kế hoạch này": two words naming what the earlier question named, and where that name ends in it:
# a clause mark, a verb's auxiliary or the copula, a determiner opening another noun phrase, a question word
_DEMONSTRATIVE_PHRASE = re.compile(r"(?<!\w)(?P<head>\w+\s+\w+)\s+(?:đó|này|ấy|kia)(?!\w)")
_PHRASE_END = re.compile(r"[,;:?!.]|(?<!\w)(?:có|đã|được|sẽ|là|do|đang|vừa|không|những|các|"
                         + "|".join(sorted(map(re.escape, vn.INTERROGATIVES), key=len, reverse=True)) + r")(?!\w)")


_NAME_TAGS = {"Np", "Ny", "M"}  # the tagger's proper names, abbreviations and numbers


def _named_again(question: str, previous: str) -> str | None:
    """The question with "hội nghị đó" replaced by how the earlier question named it ("Hội nghị toàn quốc ngày
    13/01/2025 có công bố …?" → "Hội nghị toàn quốc ngày 13/01/2025"), and the places and documents the earlier
    question set it in that the name leaves out; None when the earlier question names it by no more than the two
    words (the topic of the earlier question then stands for it)."""
    found = _DEMONSTRATIVE_PHRASE.search(question.lower())
    if found is None or (at := previous.lower().find(found.group("head"))) < 0:
        return None
    after = at + len(found.group("head"))
    end = _PHRASE_END.search(previous.lower(), after)
    # or a verb the tagger reads opening the predicate: right after the two words ("Hội nghị diễn ra …") or after
    # a name or number ("… tỉnh Sơn La tổ chức …"), in lower case ("Nghị quyết 57" is a name; "sơ kết chuyển
    # đổi số", which it also reads as a verb, goes on naming the meeting)
    tagged = [(o, w, t) for o, w, t in vn.tagged_words(previous) if o >= at]
    verb = next((offset for (offset, word, tag), (before, _, before_tag) in zip(tagged[1:], tagged)
                 if offset >= after and tag == "V" and word[:1].islower()
                 and (before < after or before_tag in _NAME_TAGS)), len(previous))
    name = previous[at:min(end.start() if end else len(previous), verb)].strip()
    if len(name.split()) <= 2:
        return None
    if at == 0 and found.start() > 0:  # capitalised for opening the earlier question, not a name: in the middle of
        name = name[0].lower() + name[1:]  # this one "Cuộc họp …" would read as a name no document writes
    named = f"{question[:found.start()]}{name}{question[found.end():]}"
    places_named = vn.province_mentions(named)
    setting = [p for p in vn.province_mentions(previous) if p not in places_named]
    setting += [n for n in vn.find_doc_numbers(previous) if n not in named]
    return f"{named} ({' '.join(setting)})" if setting else named


def _topic(previous: str, dropped: set[str], same: Callable[[str], str]) -> str:
    """An earlier question's content words, its document numbers as written ("25-CTr/TU", which the document
    registry and the lexical index read whole); of an earlier question asking only a document's fields ("Ký ngày
    nào? (QĐ 1875)"), the document alone, not what it asked of it."""
    numbers = _merged(_document_spans(previous))
    rest = previous
    for a, b in reversed(numbers):
        rest = f"{rest[:a]} {rest[b:]}"
    # (what it asked itself: "ban hanh ngay nao, can cu vao dau (ctr 25 hb ky)" asks fields of the programme only)
    if numbers and asks_only_fields(CARRIED_TOPIC.sub("", rest)):
        return " ".join(previous[a:b] for a, b in numbers)
    # a document's number and a province's name are kept whole ("Lào Cai" typed "lao cai": "cai" alone is a stop
    # word), a province only when the follow-up does not set it aside
    whole = sorted([*((a, b) for _, a, b in vn.doc_number_spans(previous)),
                    *(m.span() for _, pattern in vn.province_patterns() for m in pattern.finditer(
                        vn.fold(previous).lower()) if any(same(t) not in dropped for t in vn.tokenize(m.group())))])
    pieces, last = [], 0
    for start, end in [*whole, (len(previous), len(previous))]:
        if start < last:
            continue
        pieces += [t for t in vn.content_tokens(previous[last:start]) if same(t) not in dropped]
        pieces.append(previous[start:end])
        last = end
    return " ".join(p for p in pieces if p)


def _asks_its_own(question: str) -> bool:
    """Whether a follow-up sets its own question against the earlier one ("Còn ai phát biểu kết luận cuộc
    họp?": "còn" contrasts), not the earlier question of another subject ("Còn trung tâm dữ liệu thì sao?"),
    something about what the earlier one named ("Hội nghị đó tổ chức hôm nào?": the meeting it asked about)
    or more of it ("Phối hợp với đơn vị nào?": of the task it asked about). Typed without diacritics, "đó"
    cannot be told from "do" (by): never."""
    text = vn.normalize(question).lower()
    if not vn.has_diacritics(text) or not _CONTRAST.match(text) or _SAME_QUESTION.search(text) \
            or _DEMONSTRATIVE.search(text) or not _INTERROGATIVE.search(text):
        return False
    if (subject := _SET_AGAINST.match(text)) and _INTERROGATIVE.search(subject.group("asked")) and \
            vn.content_tokens(subject.group("subject")) and not _TASK_COLUMN.search(subject.group("subject")):
        return True  # "Còn sơ kết thì khi nào?": a subject of its own, set against the earlier one's
    return len(vn.content_tokens(_TASK_COLUMN.sub(" ", _FOLLOW_UP.sub(" ", text)))) >= OWN_PREDICATE_WORDS


# "Còn <subject> thì <question>?": the subject the question sets against the earlier one's
_SET_AGAINST = re.compile(r"\s*(?:thế\s+)?còn\s+(?P<subject>.+?)\s+thì\s+(?P<asked>.+)")


# the columns of a plan's table of tasks (Nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời hạn hoàn thành, Sản
# phẩm, Kinh phí): "Còn các cơ quan phối hợp thì gồm những ai?" asks another column of the task asked about
# (the columns' names, not the verbs: "Còn ai chủ trì buổi làm việc?" asks its own question)
_TASK_COLUMN = re.compile(r"(?<!\w)(?:(?:cơ quan|đơn vị)\s+(?:chủ trì|phối hợp)|(?:thời\s+)?hạn(?: hoàn thành)?|"
                          r"thời gian hoàn thành|sản phẩm|kinh phí)(?!\w)")  # ("hạn hoàn thành", "hạn" alone)
_FOLDED_TASK_COLUMN = re.compile(vn.fold(_TASK_COLUMN.pattern))


def _own_question(question: str) -> bool:
    """Whether a question that names nothing of its own asks a question of its own ("Ai phát biểu kết luận cuộc
    họp?", "Huyện nào chậm báo cáo định kỳ?" after a question on the same meeting): it is set where the earlier
    one was, but asks nothing of what that one asked. Not one that asks the earlier question again ("… thì
    sao?") or of something the earlier one named ("hội nghị đó …")."""
    text = vn.normalize(question).lower()
    plain = not vn.has_diacritics(text)
    if _SAME_QUESTION.search(text) or (not plain and _DEMONSTRATIVE.search(text)) or not (
            FOLDED_INTERROGATIVE if plain else _INTERROGATIVE).search(text):
        return False
    cues = _FOLLOW_UP_FOLDED if plain else _FOLLOW_UP
    columns = _FOLDED_TASK_COLUMN if plain else _TASK_COLUMN
    return len(vn.content_tokens(columns.sub(" ", cues.sub(" ", text)))) >= OWN_PREDICATE_WORDS


def _document_spans(text: str) -> list[tuple[int, int]]:
    """Where `text` cites documents: full numbers and short references ("CTr 25", "Nghị quyết 57")."""
    return [*((a, b) for _, a, b in vn.doc_number_spans(text)), *vn.short_reference_spans(text)]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans in order, overlapping ones joined ("Nghị quyết số 57-NQ/TW": the short reference inside the
    number)."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return kept


def _setting(previous: str, dropped: set[str], same: Callable[[str], str]) -> str:
    """Where an earlier question is set: the places, documents and names it states ("Ở Bắc Kạn, ai trình bày
    … Nghị quyết 57?" → "Bắc Kạn … Nghị quyết 57"), without what it asked about them, which a follow-up asking
    its own question replaces; "" when it states none."""
    kept = _merged([*_document_spans(previous), *((o, o + len(run)) for o, run in vn.name_runs(previous)),
                    *(m.span() for _, pattern in vn.province_patterns() for m in pattern.finditer(
                        vn.fold(previous).lower()))])
    pieces = [previous[a:b] for a, b in kept]
    # each one apart: "Nam Định Trưởng Ban Chỉ" would read as one long name, and hide the province
    return ", ".join(p for p in pieces if any(same(t) not in dropped for t in vn.tokenize(p)))


_PLACE_WORDS = {"tinh", "thanh", "pho", "tp"}


def _beyond_place(question: str, place: str, previous: str = "") -> bool:
    """Whether the question has a content word besides the place it names (and "tỉnh", "thành phố", and the words
    of the `previous` question)."""
    own = {vn.fold(u) for u in vn.tokenize(f"{place} {previous}")} | _PLACE_WORDS
    return any(vn.fold(t) not in own for t in vn.content_tokens(question))


_YEAR_WORDS = {"nam", "den", "toi"}
_GOAL_WORDS = {vn.fold(w) for w in _TARGET_WORDS} | {"chi"}  # "chỉ tiêu", "mục tiêu", "phấn đấu", folded
_WHO_ASKED = re.compile(r"(?<!\w)(?:ai|nguoi nao|vi nao)(?!\w)")  # (folded) the holder asked for: the answer names him
_SHORT_FACT = re.compile(r"^(?P<fact>[^\n—]{1,60}?) — ")  # an extractive answer's opening fact, before its quote
_LEAD_FACT = re.compile(r"(?m)^(?:- )?" + _SHORT_FACT.pattern[1:])  # the same, opening any line or bullet


_DOCUMENT_TYPES = sorted({*vn.DOC_TYPES, "văn bản"}, key=len, reverse=True)
# "văn bản đó", "quyết định này", "kế hoạch trên": a document named before (typed without diacritics, "van ban
# do"; "do" with them is "by": "Văn bản do ai ký?")
_DOCUMENT_THAT = re.compile(r"(?<!\w)(?P<type>" + "|".join(_DOCUMENT_TYPES) + r")\s+(?:đó|này|ấy|trên|nói trên)(?!\w)",
                            re.IGNORECASE)
_FOLDED_DOCUMENT_THAT = re.compile(r"(?<!\w)(?P<type>" + "|".join(vn.fold(t) for t in _DOCUMENT_TYPES)
                                   + r")\s+(?:do|nay|ay|tren|noi tren)(?!\w)", re.IGNORECASE)


_DOCUMENT_TYPE_FIRST = re.compile(r"(?:" + "|".join(_DOCUMENT_TYPES + [vn.fold(t) for t in _DOCUMENT_TYPES]) + r")\s",
                                  re.IGNORECASE)


# "tỉnh đó", "tỉnh này": the province the conversation is about (typed without diacritics "tinh nay", "tinh ay";
# "tinh do" may be "tỉnh do …", the province by)
_PROVINCE_THAT = re.compile(r"(?<!\w)([Tt]ỉnh|[Tt]inh)\s+(?:đó|này|ấy|nay|ay)(?!\w)")
# "NQ này", "KH đó", "quyết định trên": a document named before, by its kind written out or abbreviated
_ANY_DOCUMENT_THAT = re.compile(r"(?<!\w)(?P<type>" + "|".join(sorted(
    {*_DOCUMENT_TYPES, *(code for code in vn.DOC_TYPES.values())}, key=len, reverse=True))
    + r")\s+(?:đó|này|ấy|trên|nói trên)(?!\w)", re.IGNORECASE)


def _of_type(cited: str, kind: str) -> bool:
    """Whether a cited document ("Nghị quyết 12-NQ/TU", "Thông báo 15/TB-BCĐ") is of the kind a demonstrative
    names ("NQ", "nghị quyết"; "văn bản" is any)."""
    kind = _KIND_BY_CODE.get(kind.lower(), kind.lower())
    if kind == "văn bản":
        return True
    folded = vn.fold(cited).lower()
    return kind in vn.DOC_TYPES and (folded.startswith(vn.fold(kind)) or folded.startswith(
        f"{vn.fold(vn.DOC_TYPES[kind]).lower()} ") or any(  # "nq 12"
        number_is_of_type(vn.doc_number_key(n), kind) for n in vn.find_doc_numbers(cited)))


_KIND_BY_CODE = {code.lower(): kind for kind, code in vn.DOC_TYPES.items()}  # "tb": "thông báo"


def _cited_document(history: list[Turn]) -> str | None:
    """How the latest user turn citing a document cites it ("Thông báo 15/TB-BCĐ", "QĐ 1875"), when it cites one."""
    for turn in reversed(history):
        if turn.role == "user" and (spans := vn.reference_spans(text := vn.normalize(turn.content))):
            return vn.expand_abbreviations(text[spans[0][0]:spans[0][1]]) if len(spans) == 1 else None
    return None


def _answered_document(answer: str) -> str | None:
    """The document number an answer opened with ("54-CTr/TU — Tỉnh ủy đã ban hành …"): what a follow-up asking
    only a document's field ("ngày nào?", "ai ký?") asks about."""
    m = _SHORT_FACT.match(answer)
    numbers = vn.find_doc_numbers(m.group("fact")) if m else []
    return numbers[0] if len(numbers) == 1 else None


# "Còn Sở KHCN?", "thế còn sở nội vụ thì sao": another body set against the earlier question's
_BARE_CONTRAST = re.compile(r"^\s*(?:(?:thế|the)\s+)?(?:còn|con)\s+(?P<body>.+?)(?:\s+(?:thì sao|thi sao))?"
                            r"\s*[?.!]*\s*$", re.IGNORECASE)
MAX_BODY_WORDS = 8  # "Văn phòng Ủy ban nhân dân tỉnh", "Sở Khoa học và Công nghệ"


def _another_body(question: str, previous: str) -> str | None:
    """The earlier question asked of the body a bare "Còn X?" names, when X is a known agency and the earlier
    question names one ("Theo TB 15, Công an tỉnh phải làm gì?" → "Theo TB 15, Sở Khoa học và Công nghệ phải
    làm gì?"); None otherwise."""
    m = _CONTRAST_THEN.match(question) or _BARE_CONTRAST.match(question)
    if m is None or (body := vn.known_agency(m.group("body"))) is None:
        return None
    more = m.groupdict().get("more")  # "còn Sở Nội vụ thì sao, hạn khi nào?": the same question, and one more of it
    words = list(re.finditer(r"\S+", previous))
    for i, first in enumerate(words):  # the longest run of the earlier question's words naming a known agency
        for j in range(min(len(words), i + MAX_BODY_WORDS), i, -1):
            named = previous[first.start():words[j - 1].end()].rstrip(",;:?.")
            if vn.known_agency(named):
                asked = f"{previous[:first.start()]}{body}{previous[first.start() + len(named):]}"
                return f"{asked.rstrip(' ?.')}, {more}?" if more else asked
    return None


_CONTRAST_THEN = re.compile(r"^\s*(?:(?:thế|the)\s+)?(?:còn|con)\s+(?P<body>.+?)\s+(?:thì sao|thi sao)\s*[,;]\s*"
                            r"(?P<more>[^,;]+?)\s*[?.!]*\s*$", re.IGNORECASE)


def _only_another_year(question: str, previous: str) -> str | None:
    """The earlier question asked of the one year this follow-up names and nothing else beside it, where the
    earlier question named one other year; None otherwise."""
    new, old = set(vn.YEAR.findall(question)), set(vn.YEAR.findall(previous))
    if len(new) != 1 or len(old) != 1 or new == old:
        return None
    if any(vn.fold(t) not in new | _YEAR_WORDS | _GOAL_WORDS for t in vn.content_tokens(question)):
        return None  # ("còn chỉ tiêu đến 2030?": what a year's figure is called names no new subject)
    return vn.YEAR.sub(next(iter(new)), vn.normalize(previous))


# "còn tuyến huyện thì năm nào?", "thế còn cấp xã?": another of a kind the earlier question named (folded)
_CONTRAST_OF_KIND = re.compile(r"^\s*(?:the\s+)?con\s+(?P<head>\w+)\s+(?P<kind>\w+(?:\s+\w+)?)"
                               r"(?:\s+thi(?:\s+(?P<rest>[^?.!]*))?)?\s*[?.!]*\s*$")


def _another_of_the_kind(question: str, previous: str) -> str | None:
    """The earlier question asked of another of the kind it named, where this follow-up names the same head word
    with another word after it and asks nothing the earlier question did not ("còn tuyến huyện thì năm nào?" after
    "… bệnh án điện tử tại bệnh viện tuyến tỉnh phải xong năm nào?" → "… bệnh viện tuyến huyện …"); None otherwise."""
    m = _CONTRAST_OF_KIND.match(vn.fold(vn.normalize(question)).lower())
    if m is None or m["head"] in vn.FOLDED_STOPWORDS:
        return None
    earlier = vn.normalize(previous)
    folded = vn.fold(earlier).lower()  # (folding keeps offsets)
    wanted = m["kind"].split()
    found = [f for f in re.finditer(rf"(?<!\w){m['head']}((?:\s+\w+){{{len(wanted)}}})(?!\w)", folded)
             if f.group(1).split() != wanted]
    asked_again = set(vn.content_tokens(m["rest"] or "")) <= {vn.fold(t) for t in vn.tokenize(folded)}
    if len(found) != 1 or not asked_again:
        return None
    start, end = found[0].span(1)
    return f"{earlier[:start]} {vn.normalize(question)[m.start('kind'):m.end('kind')]}{earlier[end:]}"


# "tỉnh" not followed by a province's name: the province the conversation is about ("của tỉnh", "UBND tỉnh"; not
# "Tỉnh ủy", "tỉnh nào", "tỉnh đó")
_BARE_PROVINCE = re.compile(rf"(?<!\w)[Tt]ỉnh(?!\s+(?:ủy|uỷ|nào|đó|này|ấy)(?!\w))(?!\s+[{vn.UPPERCASE_LETTERS}])")


def _of_another_province(previous: str, new: str) -> str | None:
    """The earlier question asked again of another province, when its own words name none but refer to the
    conversation's by a bare "tỉnh" ("Về CĐS, tỉnh đặt mục tiêu gì …? (… Điện Biên …)" → "Về CĐS, tỉnh Nam Định
    đặt mục tiêu gì …?"): the topic it carried from the turns before, of the other province, is left behind."""
    own = CARRIED_TOPIC.sub("", previous)
    bare = _BARE_PROVINCE.search(own)
    if bare is None or vn.province_mentions(own):
        return None
    return f"{own[:bare.end()]} {new}{own[bare.end():]}"


def _replace_province(text: str, old: str, new: str) -> str:
    pattern = re.compile(re.escape(vn.fold(old)), re.IGNORECASE)
    match = pattern.search(vn.fold(text))  # folding keeps length, so offsets carry over
    return text[: match.start()] + new + text[match.end():] if match else f"{text} {new}"


class ConversationError(ValueError):
    """A message list that is not a conversation ending in the user's question; the message says why."""


def split_conversation(messages: list[tuple[str, str]], max_turns: int) -> tuple[str, list[Turn]]:
    """A client-held conversation (OpenAI `messages`, LangChain messages) as the question — its last user
    message — and the history before it. System and developer messages are left out: the documents, not a
    caller's instructions, decide what is answered and when it is refused. The history keeps the last
    `max_turns` exchanges, as a server-held session does."""
    if not messages:
        raise ConversationError("messages is empty: send at least one user message")
    role, question = messages[-1]
    if role != "user":
        raise ConversationError(f"the last message must come from the user (it is from {role!r})")
    history = [Turn(role, text) for role, text in messages[:-1]  # type: ignore[arg-type]
               if role in ("user", "assistant") and text.strip()]
    return question, history[-2 * max_turns:]


_INTERROGATIVE = re.compile(r"(?<!\w)(?:" + "|".join(sorted(map(re.escape, vn.INTERROGATIVES), key=len, reverse=True))
                            + r")(?!\w)")
MIN_PART_TOKENS = 4  # content words a part needs to stand alone ("nhằm mục đích gì?" does not)
# a purpose the question opens with, before a comma: "Nhằm đánh giá …, …", "Để chuẩn bị báo cáo, …"
_PURPOSE_OPENING = re.compile(r"^(?:nhằm|để|với mục đích|nham|de)\s[^,?;:]{3,150},\s*", re.IGNORECASE)


def question_parts(question: str) -> list[str]:
    """The questions a compound one asks ("Nghị quyết 57 ban hành ngày nào và hội nghị quán triệt diễn ra ngày
    nào?", "… ngày nào, còn … hôm nào?" → two), each answered on its own; the question itself when "và" joins
    anything less than two questions that stand alone (two subjects of one question, or a part without a
    topic of its own)."""
    text = vn.normalize(question).strip()
    if (topic := CARRIED_TOPIC.search(text)) and topic.start() > 0:
        # a follow-up's carried topic is of every part, not a part of its own: "Vậy phải nâng lên mức nào, trong
        # thời hạn nào? (… cấp xã … Hòa Bình …)" is split, or not, as the user typed it (so is the topic a part
        # is given by the one before it: "… mới đạt bao nhiêu và BCĐ yêu cầu mức nào? (… số hóa …)")
        parts = question_parts(text[:topic.start()])
        return [f"{part} {topic.group().strip()}" for part in parts] if len(parts) > 1 else [question]
    if (purpose := _PURPOSE_OPENING.match(text)) and len(parts := question_parts(text[purpose.end():])) > 1:
        # "Nhằm đánh giá … ở Hòa Bình, tỷ lệ A và tỷ lệ B là bao nhiêu?": why they ask is theirs, but the places and
        # documents it names are of every part, carried as a follow-up's topic is
        why = purpose.group()
        named = [*dict.fromkeys(p.name for p in named_places(why) if p.confidence >= 1.0),
                 *(why[a:b] for a, b in vn.reference_spans(why))]
        topic = f" ({', '.join(named)})" if named else ""
        return [f"{part[:1].upper()}{part[1:]}" + ("" if CARRIED_TOPIC.search(part) else topic) for part in parts]
    typed_without_diacritics = not vn.has_diacritics(text)
    interrogative = FOLDED_INTERROGATIVE if typed_without_diacritics else _INTERROGATIVE
    for joint in _FOLDED_JOINTS if typed_without_diacritics else _QUESTION_JOINTS:
        if joint in (_QUESTION_JOINTS[AND], _FOLDED_JOINTS[AND]) and (shared := _shared_predicate_parts(text)):
            return shared  # "… trong A và trong B, …": one question of two sources, not two questions
        leaning = False  # a second question after a comma that names nothing of its own: asked of the first's topic
        if joint is _ASKED_COMMA:  # "… đặt mục tiêu gì, Nam Định được đánh giá ra sao": where a question ends
            pieces = _after_asked_comma(text.rstrip(" ?"), interrogative)
            leaning = len(pieces) == 2 and not _names_another(*pieces)
        else:
            pieces = _two_clauses(joint, text.rstrip(" ?"), interrogative)
        typed = pieces[1] if len(pieces) == 2 else ""  # (as typed: what it asks of the first's document, not
        # the document carried to it)
        if len(pieces) == 2 and not (_ASKS_WHO_OR_WHICH.search(pieces[0]) and refers_to_answer(*pieces[::-1])):
            # (not to what the first's answer names, "người đó"; a question asked after the first's "?" names no
            # place of its own: "CTr 25 … trong tháng nào? BCĐ phải báo cáo BTV TU bao lâu một lần?" is of CTr 25)
            carried = _carry_document(pieces[0], pieces[1], any_question=(leaning or joint in (
                _QUESTION_JOINTS[ASKED], _FOLDED_JOINTS[ASKED])) and not _HEADING.match(pieces[0]))  # (a heading
            # "KH 31: …" heads both parts itself; a part after a comma asked of the first's document is of it alone)
            leaning, pieces[1] = leaning and carried == pieces[1], carried
            pieces[1] = _each_document(pieces[0], pieces[1])
        # a question word typed as shorthand asks too ("… mới dc bn %? mục tiêu Q1/2026 là bn?")
        # (a part going on from a verb stands alone with the subject it is asked of: "… và họp định kỳ thế nào?")
        # (two questions each closed by its "?" each ask, however short: "Hạn là ngày nào? Còn Sở Nội vụ …?" after
        # a question on a task, and a yes/no question asks too: "… có đúng là … không? Còn … do ai ký?")
        own_sentences = joint in (_QUESTION_JOINTS[ASKED], _FOLDED_JOINTS[ASKED])
        if len(pieces) == 2 and all((interrogative.search(vn.expand_abbreviations(p).lower())
                                     or own_sentences and asks_yes_or_no(f"{p}?"))
                                    and (own_sentences or len(vn.content_tokens(p)) >= MIN_PART_TOKENS)
                                    for p in (pieces[0], _name_pronoun(pieces[0], _carry_subject(*pieces)))) \
                and not _leaning_question(joint, text, pieces[1]) and not (
                    _more_of_the_document(pieces[0], typed) and not asks_yes_or_no(f"{pieces[0]}?")) \
                and not _more_of_the_row(*pieces) \
                and not (joint in (_QUESTION_JOINTS[AND], _FOLDED_JOINTS[AND]) and _parallel_nouns(*pieces)):
            heading, pieces[0], pieces[1] = _carry_heading(pieces[0], pieces[1])
            pieces[1] = _carry_counted_noun(pieces[0], pieces[1])  # (a heading says of what, not what is counted)
            pieces[1] = _carry_subject(pieces[0], pieces[1])
            pieces[1] = _name_pronoun(pieces[0], pieces[1])
            pieces[1] = _carry_place(pieces[0], pieces[1])
            pieces[1] = _carry_setting(pieces[0], pieces[1])
            pieces[1] = _carry_measured(pieces[0], pieces[1])
            # (a part given a topic is asked before it: "…? (topic)")
            first = pieces[0]
            pieces = [p if p.endswith(")") and "? (" in p else f'{p.rstrip(" ?.")}?' for p in pieces]
            if text[:1].isupper():  # a question typed in lower case stays so (its places are read as such)
                pieces = [f"{p[0].upper()}{p[1:]}" for p in pieces]
            if leaning and not CARRIED_TOPIC.search(pieces[1]) and (topic := _topic_of_first(first, pieces[1])):
                pieces[1] = f"{pieces[1]} ({topic})"  # "… là ai, họp phiên đầu ngày nào?": of the same committee
            # a part may ask two things itself: "… % GRDP năm 2027, năm 2030, và bao nhiêu doanh nghiệp …?"
            return [part for piece in pieces for part in question_parts(piece)]
    return _shared_predicate_parts(text) or _asked_then_referred(text, interrogative) or \
        _document_and_more(text, interrogative) or _role_parts(text) or [question]


PARALLEL_REACH = 3  # words before "và" where the head of a noun it joins stands ("huyện Lạc Thủy và huyện …")


def _parallel_nouns(first: str, second: str) -> bool:
    """Whether "và" joins two nouns of one head rather than two questions ("… việc huyện Lạc Thủy và huyện Yên Thủy
    chậm báo cáo …": two districts of one question): what follows opens with a head word the last words before it
    hold."""
    opening = vn.fold(second.split()[0]).lower() if second.split() else ""
    if _INTERROGATIVE.search(" ".join(first.lower().split()[-ASKING_EDGE + 1:])):
        return False  # a question ends before it: "… của phiên họp nào, và phiên họp đó diễn ra hôm nào?"
    return bool(opening) and opening not in vn.STOPWORDS and not _INTERROGATIVE.match(opening) and \
        opening in {vn.fold(w).lower() for w in first.split()[-PARALLEL_REACH:-1]}


# "người đó", "cơ quan này", "ong ay": whom or which body an earlier answer named, referred to (typed without
# diacritics, "van ban do"; with them, "do" is "by": "Văn bản do ai ký?")
_ANSWER_REFERRED = re.compile(r"(?<!\w)(?:(?:người|ông|bà|đồng chí|vị|anh|chị|cơ quan|đơn vị|văn bản|sở)\s+"
                              r"(?:đó|này|ấy)|(?:nguoi|ong|ba|dong chi|co quan|don vi|van ban)\s+(?:do|nay|ay))(?!\w)",
                              re.IGNORECASE)
# "chương trình đó", "ctr đó": a document an earlier part was answered with, when that part asked which one ("kh 99
# căn cứ ctr nào, ctr đó …"); otherwise the document the question names before ("NQ 57 ban hành ngày nào, và hội
# nghị quán triệt nghị quyết này …")
_TYPE_HEADS = sorted({*vn.DOC_TYPES, *(a.lower() for a in vn.DOC_TYPES.values())}, key=len, reverse=True)
_DOCUMENT_REFERRED = re.compile(
    r"(?<!\w)(?:(?:" + "|".join(_TYPE_HEADS) + r")\s+(?:đó|này|ấy)|(?:"
    + "|".join(sorted({vn.fold(h) for h in _TYPE_HEADS}, key=len, reverse=True)) + r")\s+(?:do|nay|ay))(?!\w)",
    re.IGNORECASE)
_WHICH_DOCUMENT_ASKED = re.compile(r"(?<!\w)(?:" + "|".join(sorted({vn.fold(h) for h in _TYPE_HEADS}, key=len,
                                                                    reverse=True))
                                   + r"|van ban)\s+(?:nao|so may|so bao nhieu)(?!\w)", re.IGNORECASE)
_ASKS_WHO_OR_WHICH = re.compile(r"(?<!\w)(?:ai|nào|nao)(?!\w)", re.IGNORECASE)


# what a task's row says besides who leads it: "cơ quan đó phối hợp với ai", "hạn khi nào" (folded)
_ROW_ASKED = re.compile(r"(?<!\w)(?:phoi hop|chu tri|thoi han|han|san pham|hoan thanh)(?!\w)")


def refers_to_answer(part: str, before: str = "") -> bool:
    """Whether a part of a compound question speaks of what the part `before` it is answered with ("… người đó đang
    giữ chức vụ gì?"; "ctr đó …" after "… căn cứ ctr nào"): asked after that answer, as a follow-up is."""
    return bool(_ANSWER_REFERRED.search(part)) or bool(
        _DOCUMENT_REFERRED.search(part) and _WHICH_DOCUMENT_ASKED.search(vn.fold(before).lower()))


def _asked_then_referred(text: str, interrogative: re.Pattern[str]) -> list[str]:
    """"Người ký TB 15 là ai và theo QĐ 1875 người đó giữ chức vụ gì?": a question asking who (or which body,
    which document), then one about "người đó": two questions, the second asked after the first's answer (see
    `refers_to_answer`); [] when not so built."""
    folded = not vn.has_diacritics(text)
    for joint in (_FOLDED_JOINTS if folded else _QUESTION_JOINTS)[AND:]:  # (after a "?" it stays one question)
        pieces = _two_clauses(joint, text.rstrip(" ?"), interrogative)
        if len(pieces) == 2 and _ASKS_WHO_OR_WHICH.search(pieces[0]) and refers_to_answer(*pieces[::-1]) \
                and not refers_to_answer(pieces[0]) \
                and interrogative.search(vn.expand_abbreviations(pieces[1]).lower()):
            if _BODY_PRONOUN.search(pieces[1]) and _ROW_ASKED.search(vn.fold(pieces[1]).lower()):
                return []  # "Cơ quan nào chủ trì việc X, cơ quan đó phối hợp với ai?": one task's row answers both
            return [f"{p.strip()}?" if not text[:1].isupper() else f"{p.strip()[:1].upper()}{p.strip()[1:]}?"
                    for p in pieces]
    return []


# "Ai là Trưởng ban và Phó Trưởng ban thường trực?": one "who" asked of roles joined by "và" or a comma
_ROLES_JOINED = re.compile(r"(?P<head>.*?(?<!\w)(?:ai|người nào)\s+(?:là|làm|giữ)\s+)(?P<first>[^,?]+?)"
                           r"\s*(?:,|\s(?:và|cùng)\s)\s*(?P<second>[^,?]+?)\s*\??$", re.IGNORECASE)
_FOLDED_ROLES_JOINED = re.compile(vn.fold(_ROLES_JOINED.pattern), re.IGNORECASE)


def _role_parts(text: str) -> list[str]:
    """"Ai là Trưởng ban, Phó Trưởng ban thường trực?" asks who holds each role: one question per role ([] when
    the question is not so built, or what "và" joins is no two roles)."""
    joined = (_ROLES_JOINED if vn.has_diacritics(text) else _FOLDED_ROLES_JOINED).match(text.rstrip())
    if joined is None:
        return []
    first, second = roles_in(joined.group("first")), roles_in(joined.group("second"))
    if not first or not second or first == second:
        return []
    # what sets the second role ("… của BCĐ tỉnh Lào Cai") sets the first too
    setting = _ROLE_SETTING.search(joined.group("second"))
    tail = setting.group() if setting and not _ROLE_SETTING.search(joined.group("first")) else ""
    return [f"{joined.group('head')}{joined.group('first')}{tail}?", f"{joined.group('head')}{joined.group('second')}?"]


_ROLE_SETTING = re.compile(r"\s+(?:của|tại|trong|theo|thuộc|ở|cua|tai|thuoc|o)\s.*$", re.IGNORECASE)


# a clause that opens with a preposition goes on with the one before ("do ai ký, với chức danh gì?"), folded
_CONTINUING = re.compile(r"(?:voi|cho|ve|de|tai|trong|theo|bang|tu|vao|o)\s")


def _document_and_more(text: str, interrogative: re.Pattern[str]) -> list[str]:
    """"TB 15/TB-BCĐ ban hành ngày nào, phiên họp diễn ra ngày nào?", "QĐ 1875 thành lập BCĐ gì, ai làm trưởng
    ban?": a field of the document the first clause cites (its date, its subject), then another question asked
    after a bare comma, of that document or of the meeting it reports: two questions ([] when not so built; a
    second field, "…, ai ký?", is one question of the document; a comma among the places a question names, "Số hiệu
    … ở Bắc Kạn, Nam Định và Hòa Bình là gì?", ends no question)."""
    clauses = re.split(r",\s+", text.rstrip(" ?"))
    if len(clauses) == 3 and (fields_and_more := _fields_and_one_more(clauses, interrogative)):
        return fields_and_more
    if len(clauses) == 2 and (more_then_fields := _more_then_fields(clauses, interrogative)):
        return more_then_fields
    if len(clauses) != 2 or len(vn.reference_spans(clauses[0])) != 1 or vn.reference_spans(clauses[1]) \
            or not fields_asked(clauses[0]) or not all(interrogative.search(vn.expand_abbreviations(c).lower())
                                                       for c in clauses) \
            or _more_of_the_document(*clauses) or _more_of_the_row(*clauses) \
            or _CONTINUING.match(vn.fold(clauses[1]).lower()) \
            and len(vn.content_tokens(clauses[1])) < MIN_PART_TOKENS - 1 \
            or len(vn.split_sentences(clauses[0])) > 1:
        return []  # (a document named in a sentence before the question, "Thông báo 15 là kết luận phiên họp thứ
        # hai. Thế phiên họp thứ nhất diễn ra ngày nào, ai chủ trì?", is not the one both parts ask of)
    # (of the first's province too: "Nam Định … CTr của TU số mấy, còn KH của UBND số mấy?")
    first, second = clauses[0], _carry_place(clauses[0], _carry_document(*clauses, any_question=True))
    second = second.rstrip(" ?")
    return [f"{first}?", f"{second[:1].upper() if text[:1].isupper() else second[:1]}{second[1:]}?"]


def _fields_and_one_more(clauses: list[str], interrogative: re.Pattern[str]) -> list[str]:
    """"NQ 12 ban hành ngày nào, ở Hội nghị Ban Chấp hành lần thứ mấy, ai ký?": fields of the one document the
    first clause cites, asked in all clauses but one, which asks something its text says (here, where it was
    adopted): the fields as one question, that one as another, of that document ([] when not so built)."""
    if len(vn.reference_spans(clauses[0])) != 1 or not fields_asked(clauses[0]) or any(
            vn.reference_spans(c) for c in clauses[1:]):
        return []
    fields = [c for c in clauses[1:] if fields_asked(c) and asks_only_fields(c)]
    others = [c for c in clauses[1:] if c not in fields]
    if len(fields) != 1 or len(others) != 1 or not interrogative.search(vn.expand_abbreviations(others[0]).lower()) \
            or len(vn.content_tokens(others[0])) < MIN_PART_TOKENS - 1:
        return []
    asked = f"{clauses[0]}, {fields[0]}?"
    start, end = vn.reference_spans(clauses[0])[0]
    other = f"{others[0]} theo {clauses[0][start:end]}"  # (of that document, whatever else it names)
    return [asked, f"{other[:1].upper() if clauses[0][:1].isupper() else other[:1]}{other[1:]}?"]


_ISSUED = re.compile(r"(?<!\w)(?:ban hanh|ky|thong qua)(?!\w)")  # (folded) how a document comes to be


def _more_then_fields(clauses: list[str], interrogative: re.Pattern[str]) -> list[str]:
    """"NQ 12 được thông qua tại Hội nghị lần thứ mấy, ngày nào và do ai ký?": something the text of the one document
    the first clause cites says, then only fields of it: that, and the fields asked of the document by its name
    ([] when not so built)."""
    first, rest = clauses
    cited = vn.reference_spans(first)
    # (a field only a document has, its signer or issuer, or its date of issue, asked among them: "…, hạn khi nào?"
    # is a task's deadline)
    if len(cited) != 1 or fields_asked(first) or vn.reference_spans(rest) \
            or not asks_only_fields(rest) or not interrogative.search(vn.expand_abbreviations(first).lower()) \
            or not ({"signer", "issuer"} & set(fields_asked(rest)) or _ISSUED.search(vn.fold(rest).lower())):
        return []
    start, end = cited[0]
    fields = re.sub(r"^(?:và|va)\s+", "", rest)
    return [f"{first}?", f"{first[start:end]} {fields}?"]


ASKING_EDGE = 3  # words at the end of a first question or the start of a second where its question word stands


def _after_asked_comma(text: str, interrogative: re.Pattern[str]) -> list[str]:
    """The text split at the one bare comma that closes a clause asking a question and opens another of something
    else it names ("Điện Biên đặt mục tiêu gì, Nam Định được đánh giá ra sao"); the text alone where none or
    several do. What follows a comma asking more of the same thing ("… ký ngày nào, căn cứ tờ trình số mấy", "…
    do ai ký, với chức danh gì") goes on with the question before it, and so does what follows a question that
    leans on an earlier one ("…? Ai phát biểu về việc này ở Lào Cai, ai chủ trì ở Hòa Bình": of that too)."""
    commas = list(_ASKED_COMMA.finditer(text))
    # (what the second names of its own is named before its next comma: "… bao nhiêu thôn, xóm chưa có sóng, tới
    # phiên họp thứ hai thì còn bao nhiêu" lists "thôn, xóm", and asks again after the second comma)
    edges = (m for i, m in enumerate(commas)
             if "?" not in text[:m.start()]
             and interrogative.search(vn.expand_abbreviations(text[commas[i - 1].end() if i else 0:m.start()]).lower())
             and (_names_another(text[:m.start()], text[m.end():commas[i + 1].start() if i + 1 < len(commas) else None])
                  or _asks_again(text[:m.start()], text[m.end():], interrogative))
             and not _another_field_next(text[:m.start()], text[m.end():]))
    found = list(itertools.islice(edges, 2))  # (two are enough to tell it is not one)
    return [text[:found[0].start()], text[found[0].end():]] if len(found) == 1 else [text]


def _topic_of_first(first: str, second: str) -> str:
    """What the first of two questions asks of, for a second after a comma that names nothing of its own ("Quỹ …
    của Lào Cai có quy mô vốn bao nhiêu, mức cho vay tối đa … là bao nhiêu?": of that fund), as a follow-up's."""
    same = (lambda t: t.lower()) if vn.has_diacritics(first) else vn.fold
    asked = _ASKED_PHRASE.sub(" ", vn.normalize(first))  # (what it asks is no part of the topic: "ngày nào")
    return _topic(asked, {same(u) for u in vn.tokenize(second)}, same)


_ASKED_PHRASE = re.compile(r"(?<!\w)(?:[^\W\d]+\s+)?(?:nào|gì|mấy|nao|gi)(?!\w)"
                           r"|(?<!\w)(?:là ai|bao nhiêu|la ai|bao nhieu)(?!\w)", re.IGNORECASE)


def leans_on_part(part: str, before: str) -> bool:
    """Whether a part of a compound question is asked of what the part before it asks of, given it as its carried
    topic (see `_topic_of_first`): whatever the documents do not say of that, they do not say of this either."""
    topic = CARRIED_TOPIC.search(part)
    if topic is None or CARRIED_TOPIC.search(before):
        return False
    same = (lambda t: t.lower()) if vn.has_diacritics(before) else vn.fold
    return {same(t) for t in vn.tokenize(topic.group())} <= {same(t) for t in vn.tokenize(before)}


def _asks_again(before: str, after: str, interrogative: re.Pattern[str]) -> bool:
    """Whether a comma closes a question (its question word in the last words before it: "… là ai, họp phiên đầu
    ngày nào?") and opens another with a question word of its own, not going on from a preposition ("…, với chức danh
    gì" qualifies the question before it). Each side is read only as far as its question word can stand (a long
    run of commas costs one short reading each)."""
    words = vn.expand_abbreviations(" ".join(before.split()[-KIND_REACH:])).lower().split()
    while words and words[-1] in vn.PARTICLES:
        words.pop()  # ("… là ai vậy, …")
    closing = " ".join(words[-ASKING_EDGE:])
    if not ((asked := list(interrogative.finditer(closing))) and asked[-1].end() == len(closing)):
        return False
    after = " ".join(after.split()[:KIND_REACH])
    spelled = vn.expand_abbreviations(after)
    if _CONTINUING.match(vn.fold(after).lower()) or not interrogative.search(spelled.lower()) \
            or len(vn.content_tokens(after)) < MIN_PART_TOKENS - 1:  # ("…, ai chủ trì?" of each task listed)
        return False
    # (a fact of the same kind asked again is the first put otherwise: "… thấp đến mức nào, chiếm bao nhiêu phần
    # trăm …", "… quy mô vốn bao nhiêu, mức cho vay tối đa … là bao nhiêu": one question)
    kinds = asked_kind(" ".join(words)), asked_kind(spelled)
    return kinds[0] != kinds[1] \
        and not (fields_asked(closing) and fields_asked(after)) \
        and not _only_a_column(after) \
        and not (_HOW_FAR.search(closing) and kinds[1] == "count")
    # (nor fields of one document, answered together; nor a column of the task the first asks of, "…, hạn khi
    # nào"; nor a figure making precise how far or how the first asks: "… thấp đến mức nào, chiếm bao nhiêu %")


KIND_REACH = 24  # words on each side of a comma read for what each asks


FIELD_OPENING_WORDS = 2  # words opening a clause that ask one more field of a document ("ngày nào", "ai ký")


def _another_field_next(before: str, after: str) -> bool:
    """Whether a comma stands between two fields asked of one document ("… ban hành KH số mấy, ngày nào để thực hiện
    CTr …?"): what follows goes on with the question the field before it ends, the document it names is that one's
    purpose, not another question's subject."""
    return bool(fields_asked(" ".join(before.split()[-ASKING_EDGE:]))
                and fields_asked(" ".join(after.split()[:FIELD_OPENING_WORDS])))


# a day, a month, a quarter or a year written in figures ("tháng 11/2025", "13/01", "quý I/2026", "năm 2030"): when
# a clause is asked of
_TIME = re.compile(r"(?<![\w/])\d{1,4}(?:/\d{1,4})+(?![\w/])|(?<![\w/.,])(?:19|20)\d\d(?![\w/.,])"
                   r"|(?<!\w)(?:quý|quy|q)\s*(?:iv|i{1,3}|[1-4])\s*/\s*(?:19|20)\d\d(?!\d)"
                   # ("tháng 10 năm 2025")
                   r"|(?<=tháng )\d{1,2}(?=\s+năm\s)|(?<=thang )\d{1,2}(?=\s+nam\s)", re.IGNORECASE)


def _names_another(first: str, second: str) -> bool:
    """Whether the second clause names a province, a person, a document, a time or a numbered meeting the first does
    not ("… lúc ban hành Nghị quyết 12 là bao nhiêu, đến phiên họp tháng 11/2025 (phiên họp thứ hai) còn bao
    nhiêu": the same thing at another time)."""
    def named(text: str) -> set[str]:
        return ({p.name for p in named_places(text)} | {vn.fold(n).lower() for n in vn.person_names(text)}
                | {vn.doc_number_key(n) for n in vn.find_doc_numbers(text)} | set(vn.short_references(text))
                | set(_TIME.findall(text)) | {" ".join(m.group().split()) for m in _ORDINAL_MEETING.finditer(
                    vn.fold(text).lower())})
    return bool(named(second) - named(first))


# (folded) a meeting named by its number: "phiên họp thứ hai", "hội nghị lần thứ 17", "phiên đầu tiên"
_ORDINAL_MEETING = re.compile(r"(?<!\w)(?:phien hop|phien|hoi nghi|ky hop|cuoc hop)\s+(?:lan\s+)?(?:thu\s+\w+|dau tien)"
                              r"(?!\w)")


def _two_clauses(joint: re.Pattern[str], text: str, interrogative: re.Pattern[str]) -> list[str]:
    """The text split at the joint; where it joins more than two pieces ("Ai đứng đầu Ban Chỉ đạo về … đổi mới sáng
    tạo và chuyển đổi số, và ai là Trưởng ban …?"), at the one joint where a question ends or starts: the words
    before it close with a question word ("… ngày nào và …") or those after it open with one ("… và ai là …");
    else at the one joint after a comma ("…, và theo Nghị quyết 12 thì …", not "khoa học và công nghệ")."""
    pieces = joint.split(text)
    if len(pieces) <= 2:
        return pieces
    edges = [m for m in joint.finditer(text)
             if interrogative.search(" ".join(text[:m.start()].lower().split()[-ASKING_EDGE:]))
             or interrogative.search(" ".join(text[m.end():].lower().split()[:ASKING_EDGE - 1]))]
    if len(edges) != 1:
        edges = [m for m in joint.finditer(text) if m.group().startswith(",")]
    return [text[:edges[0].start()], text[edges[0].end():]] if len(edges) == 1 else pieces


def _carry_document(first: str, second: str, any_question: bool = False) -> str:
    """The second part with the one document the first cites, when it cites none itself and asks of a meeting it
    does not say more of ("Thông báo 15/TB-BCĐ ban hành ngày nào và phiên họp diễn ra ngày nào?": the meeting that
    notice reports) or, `any_question`, anything else it names no place for ("…, ai làm trưởng ban?": the
    decision's)."""
    spans = vn.reference_spans(vn.normalize(first))
    happening = HAPPENING.search(vn.fold(second).lower())
    if len(spans) != 1 or vn.reference_spans(second) or vn.province_mentions(second) or (
            happening and len(vn.content_tokens(second)) >= MIN_PART_TOKENS) or not (happening or any_question) \
            or _kinds_named(second) - _kinds_named(first):
        # (a part that says which meeting, "hội nghị toàn quốc quán triệt …", stands alone; so does one naming
        # another kind of document: "QĐ 1875 …? Còn Thông báo kết luận do ai ký?")
        return second
    start, end = spans[0]
    return f"{second.rstrip(' ?.')} theo {vn.normalize(first)[start:end]}"


# "mỗi văn bản", "từng văn bản", "hai văn bản này": each of the documents the part before cites
_EACH_DOCUMENT = re.compile(r"(?<!\w)(?:mỗi|từng|hai|cả hai|các|moi|tung|ca hai)\s+(?:văn bản|van ban)"
                            r"(?:\s+(?:này|đó|trên|nay|tren))?(?!\w)", re.IGNORECASE)


def _each_document(first: str, second: str) -> str:
    """The second part with the documents the first cites, when it asks of each of them ("Nghị quyết 12-NQ/TU và
    Chương trình hành động 25-CTr/TU ban hành ngày nào, và mỗi văn bản do cơ quan nào ban hành?"); unchanged when
    it names no such thing or the first cites fewer than two."""
    text = vn.normalize(first)
    spans = vn.reference_spans(text)
    if len(spans) < 2 or not (each := _EACH_DOCUMENT.search(second)):
        return second
    cited = " và ".join(text[a:b] for a, b in spans)
    return f"{second[:each.start()]}{cited}{second[each.end():]}"


def _more_of_the_document(first: str, second: str) -> bool:
    """Whether the second part asks another field of the document the first cites and names none itself ("NQ 57
    ban hành ngày nào và do cơ quan nào ban hành?"): one question about one document, answered as such. Not when
    the second names another kind of document ("… CTr của TU số mấy? KH của UBND số mấy?")."""
    return bool(vn.find_doc_numbers(first) or vn.short_references(first)) and not (
        vn.find_doc_numbers(second) or vn.short_references(second)) and asks_only_fields(second) and not (
        _kinds_named(second) - _kinds_named(first))


def _kinds_named(text: str) -> set[str]:
    """The kinds of document a text names, spelled out or abbreviated ("KH của UBND": {"ke hoach"}); not those
    that are verbs as often ("phải báo cáo BTV TU", "quy định", "hướng dẫn")."""
    return {m.group() for m in vn.FOLDED_TYPE.finditer(vn.fold(vn.expand_abbreviations(text)).lower())} - _ALSO_VERBS


_ALSO_VERBS = frozenset({"bao cao", "quy dinh", "huong dan", "thong bao", "ket luan", "de an"})


ROW_PART_WORDS = 3  # content words of a part asking only another column of the task just named ("hạn tháng mấy")


_HOW_FAR = re.compile(r"(?<!\w)(?:mức nào|thế nào|ra sao|muc nao|the nao)\s*$", re.IGNORECASE)


def _only_a_column(part: str) -> bool:
    """Whether a part asks only a column of a task's row and names no task ("hạn hoàn thành khi nào")."""
    return bool(_ROW_ASKED.search(vn.fold(part).lower())) and len(vn.content_tokens(part)) <= ROW_PART_WORDS


def _more_of_the_row(first: str, second: str) -> bool:
    """Whether the second part asks only another column of the task the first asks about ("… giao cơ quan nào chủ
    trì tổ chức 12 lớp …, hạn tháng mấy?"): one task's row answers both, the second alone names no task."""
    own = second
    for a, b in reversed(vn.reference_spans(second)):  # (the document carried to it names no task)
        own = f"{own[:a]} {own[b:]}"
    return bool(_ROW_ASKED.search(vn.fold(first).lower())) and bool(_ROW_ASKED.search(vn.fold(own).lower())) \
        and len([t for t in vn.content_tokens(own) if vn.fold(t).lower() != "theo"]) <= ROW_PART_WORDS


def _leaning_question(joint: re.Pattern[str], text: str, second: str) -> bool:
    """Whether a second question typed after a "?" refers back to the first ("Ai là trưởng ban? Ông ấy còn giữ
    chức vụ gì?"): asked on its own it would lose what it refers to."""
    found = joint.search(text.rstrip(" ?"))
    if found is None or "?" not in found.group() or not leans_on_earlier(second):
        return False
    # ("Ai báo cáo …? Phó Chủ tịch UBND tỉnh đó góp ý gì?": a first naming no province leaves "tỉnh đó" to the
    # conversation's, which each part is asked in)
    place = _PLACE_REFERRED.search(second)
    return not (place and not vn.province_mentions(text[:found.start()])
                and not leans_on_earlier(f"{second[:place.start()]} {second[place.end():]}"))


_PLACE_REFERRED = re.compile(r"(?<!\w)(?:tỉnh|địa phương|tinh|dia phuong)\s+(?:đó|này|ấy|do|nay|ay)(?!\w)",
                             re.IGNORECASE)


# "So sánh tỷ lệ chi …: Lào Cai đạt bao nhiêu, còn Hòa Bình mới đạt bao nhiêu?", "TB 15: … bn %? mục tiêu … là bn?":
# what both parts are about, written once before a colon (a verb that only announces the question left out)
_HEADING = re.compile(r"^(?:(?:so sánh|so sanh|cho biết|cho biet|hỏi|hoi)\s+)?(?P<heading>[^:?]+?)\s*:\s*\S",
                      re.IGNORECASE)


_ASKING_FOR_HELP = frozenset({"giup", "ho", "gium", "dum", "toi", "em", "minh", "voi", "nhe", "a"})  # (folded)


def _request_opening(text: str) -> int:
    """Where the question proper starts after a request that opens it ("so sánh giúp: …"), 0 when none does."""
    m = _HEADING.match(text)
    return text.index(":") + 1 if m and {vn.fold(t) for t in vn.content_tokens(m["heading"])} <= _ASKING_FOR_HELP \
        else 0


def _carry_heading(first: str, second: str) -> tuple[str, str, str]:
    """The heading the first part opens with, and both parts led by it, when the second has none of its own (the
    heading is "" and the parts unchanged otherwise)."""
    m = _HEADING.match(first)
    if m is None or ":" in second:
        return "", first, second
    heading = m.group("heading")
    words, own = {vn.fold(t) for t in vn.content_tokens(heading)}, {vn.fold(t) for t in vn.content_tokens(second)}
    if words <= _ASKING_FOR_HELP:
        return "", first, second  # "so sánh giúp: …" opens a request, it heads nothing (see `_request_opening`)
    # nothing to carry when the second part says it already
    if not words or words <= own:
        return "", first, second
    if (placed := {p.name for p in named_places(heading)}) and (others := named_places(second)):
        # a heading setting places beside each other ("Cả Bắc Kạn và Hòa Bình đều nói về X: Bắc Kạn …, còn Hòa Bình
        # …") heads each part with what it says of them (X), each part asking of its own place
        asked = first.split(":", 1)[1].strip()
        # (only when the parts ask of the places it names, each of its own: else the heading says what it asks)
        named = {p.name for p in named_places(asked)} | {p.name for p in others}
        if not (topic := _topic_of_places(heading)) or not placed <= named:
            return "", first, second
        heading, first = topic, f"{topic}: {asked}"
    if not vn.has_diacritics(second) and vn.has_diacritics(heading):
        heading = vn.fold(heading)
    return heading, first, f"{heading}: {second}"


# what a heading says of the places it sets beside each other, once they are taken out: "Cả Bắc Kạn và Hòa Bình đều
# nhắc tới kho dữ liệu dùng chung" → "kho dữ liệu dùng chung"
_PLACES_SIDE_BY_SIDE = re.compile(r"^(?:cả|ca|hai tỉnh|hai tinh|các tỉnh|cac tinh)?\s*(?P<places>.*?)\s+"
                                  r"(?:đều|deu|cùng|cung)\s+(?:(?:nói|noi|nhắc|nhac|đề cập|de cap|bàn|ban)\s+"
                                  r"(?:về|ve|tới|toi|đến|den)\s+|có\s+|co\s+)?(?P<topic>.+)$", re.IGNORECASE)


def _topic_of_places(heading: str) -> str:
    """"Về X" when the heading is "(Cả) A và B đều (nói về) X" naming places only before "đều"; "" otherwise."""
    m = _PLACES_SIDE_BY_SIDE.match(heading.strip())
    if m is None or not named_places(m.group("places")) or named_places(m.group("topic")):
        return ""
    places = m.group("places")
    for place in named_places(places):
        places = re.sub(re.escape(vn.fold(place.name)), " ", vn.fold(places), flags=re.IGNORECASE)
    if set(vn.fold(places).lower().split()) - {"va", "voi", ","}:
        return ""  # something else stands beside the places: not only places
    topic = m.group("topic")
    return f"Về {topic}" if vn.has_diacritics(topic) else f"ve {topic}"


CARRIED_WORDS = 12  # of the thing counted and what is said of it ("thôn, xóm chưa có sóng di động băng rộng")
_BARE_HOW_MANY = re.compile(r"(?<!\w)(?:bao nhiêu|mấy|bao nhieu|bn)(?=\s*(?:[?.,;!]|$))", re.IGNORECASE)


# a unit the first asks its figure in ("bao nhiêu phần trăm"), carried whatever the second's subject: "…, và theo KH
# 31 thì vốn cho y tế … là bao nhiêu?" asks the share too
_UNITS_CARRIED = frozenset({"phan", "%", "ty", "trieu", "nghin", "dong"})
# words before "là bao nhiêu" that name no subject of their own: a result, a figure, a time
_NO_SUBJECT = frozenset({"kết", "quả", "con", "số", "liệu", "tháng", "năm", "quý", "đến", "tới", "hết", "đầu", "cuối",
                         "thì", "hiện", "nay", "còn", "ket", "qua", "so", "lieu", "thang", "nam", "quy", "den", "toi",
                         "het", "dau", "cuoi", "thi", "hien", "con"})


def _carry_counted_noun(first: str, second: str) -> str:
    """The second part with the noun the first counts, when it asks "bao nhiêu" of nothing ("… bao nhiêu doanh
    nghiệp công nghệ số …, còn kế hoạch hỗ trợ lập mới bao nhiêu?": of the same enterprises)."""
    # (typed as shorthand too: "… còn bn thôn xóm chưa có sóng, tới phiên họp thứ hai thì còn bn")
    words = counted_words(vn.expand_abbreviations(first), limit=CARRIED_WORDS, phrase=True)
    bare = _BARE_HOW_MANY.search(second)
    if not words or bare is None or counted_words(vn.expand_abbreviations(second), limit=CARRIED_WORDS, phrase=True):
        return second
    if vn.fold(words.split()[0]).lower() not in _UNITS_CARRIED and \
            re.search(r"(?<!\w)(?:là|la)\s*$", second[:bare.start()]) and len(
            [t for t in vn.content_tokens(second[:bare.start()]) if not t.isdigit() and t.lower() not in _NO_SUBJECT]
    ) >= 2:
        # "… và băng thông mạng chuyên dùng cấp xã là bao nhiêu?": what it measures is its subject ("kết quả 10
        # tháng năm 2025 là bao nhiêu" names a time, no subject)
        return second
    own = {vn.fold(t) for t in vn.content_tokens(second)}
    counted = {vn.fold(t) for t in vn.content_tokens(words)}
    if len(counted & own) * 2 >= len(counted):
        return second  # "…, còn việc số hóa kết quả … ở cấp xã mới đạt bao nhiêu?" says what it measures itself
    if not vn.has_diacritics(second):
        words = vn.fold(words)
    return f"{second[:bare.end()]} {words}{second[bare.end():]}"


def _carry_place(first: str, second: str) -> str:
    """The second part with the one province the first names, when it names none: "Lúc ban hành Nghị quyết 12
    thì Hòa Bình còn bao nhiêu thôn, …, và đến phiên họp thứ hai năm 2025 thì còn bao nhiêu?" asks the second of
    Hòa Bình too."""
    places = {p.name for p in named_places(first) if p.confidence >= 1.0}
    if len(places) != 1 or named_places(second) or vn.NATIONWIDE.search(second):
        return second  # ("… và tại hội nghị toàn quốc ngày 13/01/2025 ai …?": the country's, not the province's)
    place = places.pop()
    body = second.rstrip(" ?.")
    if not vn.has_diacritics(second):  # the part stays typed as it was, so that its diacritics are restored
        return f"{body} o {vn.fold(place).lower()}{second[len(body):]}"
    return f"{body} ở {place}{second[len(body):]}"


# a part opening with a kind of document too long to be read as a verb ("… , còn thông báo kết luận phiên họp thứ hai
# yêu cầu …"): its own subject
_LONG_KIND_FIRST = re.compile(r"(?:" + "|".join(sorted({form for kind in vn.DOC_TYPES if len(kind.split()) >= 3
                                                        for form in (kind, vn.fold(kind))}, key=len, reverse=True))
                              + r")(?!\w)", re.IGNORECASE)
_TITLE = r"(?:(?:ông|bà|đồng chí|đ/c|ong|ba|dong chi)\s+)?"
# a part naming its own subject: "… và bà đã ký …", "… và người đó …"
_HAS_SUBJECT = re.compile(r"(?:ông|bà|đồng chí|đ/c|người|anh|chị|họ|ong|ba|dong chi|nguoi|chi|ho)(?!\w)",
                          re.IGNORECASE)


# the time or aspect of the first verb, not of the subject ("cấp xã mới đạt …, và phải lên …": "cấp xã phải lên")
_ASPECT_AT_END = re.compile(r"(?:\s+(?:mới|đã|đang|sẽ|vẫn|còn|chỉ|cũng|đều|chưa|không|moi|da|dang|se|van|con|chi|"
                            r"cung|deu|chua|khong))+$", re.IGNORECASE)


_WHO_AT_END = re.compile(r"(?<!\w)la (?:ai|nguoi nao)\s*[?.]?\s*$")  # (folded) a part asking who, ending so


@lru_cache(maxsize=256)  # (question_parts asks it first whether a part stands alone with it, then carries it)
def _carry_subject(first: str, second: str) -> str:
    """The second part with the subject the first opens with, when it goes on from a verb without one: "Ông Xa Văn
    Lộc giữ vai trò gì trong QĐ 1875 và ký TB 15 với tư cách nào?", "Phiên họp thứ nhất … diễn ra ngày nào và kết
    luận những gì?" ask the second of him, of that meeting. The subject: a person the first part opens with, else
    what comes before its first verb, when short."""
    if second[:1].isupper() or _HAS_SUBJECT.match(second) or _LONG_KIND_FIRST.match(second) or \
            vn.person_names(second) or any(start == 0 for start, _ in vn.short_reference_spans(second)):
        return second  # ("… và thông báo 15 của BCĐ đặt hạn …": a document its subject, whatever a tagger reads)
    tagged = vn.tagged_words(second)
    if not tagged or tagged[0][0] != 0 or tagged[0][2] != "V" or tagged[0][1].lower() in _SETTING_WORDS or (
            len(tagged) > 1 and tagged[1][1].lower() in _AFTER_A_NOUN):  # "hội thảo về …", "báo cáo cho biết …"
        return second  # ("hạn khi nào", "mục tiêu 2027 là bao nhiêu": a subject of its own; "theo …", "đến …": a
        # setting of its own)
    if (names := vn.person_names(first)) and (
            person := re.match(_TITLE + re.escape(names[0]) + r"(?!\w)", first, re.IGNORECASE)):
        return f"{person.group(0)} {second}"
    if _WHO_AT_END.search(vn.fold(first).lower()):
        return f"người đó {second}"  # "Vị lãnh đạo ký … là ai và giữ vị trí nào …?": the one the first part answers
    # after the setting the first part opens with ("Theo Kế hoạch 99, cơ quan thường trực theo dõi …"), up to its
    # first verb after a few words ("Phiên họp" is no subject ended by "họp")
    # (a comma that closes no setting is inside the subject: "Nghị quyết … về khoa học, công nghệ và …")
    opening = first.rfind(",", 0, asking.start()) + 1 if (asking := _INTERROGATIVE.search(first.lower())) else 0
    if opening and (first[:opening].split() or [""])[0].lower() not in _SETTING_WORDS:
        opening = 0
    verbs = [at for at, word, tag in vn.tagged_words(first) if tag == "V" and word.lower() not in _SETTING_WORDS
             and len(first[opening:at].split()) >= SUBJECT_MIN_WORDS and (not asking or at < asking.start())]
    subject = _ASPECT_AT_END.sub("", first[opening:verbs[0]].strip()) if verbs else ""
    if not subject or len(subject.split()) > SUBJECT_WORDS or _INTERROGATIVE.search(subject.lower()):
        return second
    return f"{subject} {second}"


# a person referred back to by a title alone, opening a part: "… và bà đã ký văn bản nào?", "… và người đó …"
# (typed without diacritics, not a bare "ong" or "ba": "ba xa nao" is three communes)
_PRONOUN = re.compile(r"(?:ông ấy|bà ấy|người đó|người này|ông|bà|đồng chí|ong ay|ba ay|nguoi do|nguoi nay|"
                      r"dong chi)\s+(?=[^\W\d_])", re.IGNORECASE)


# what asks a figure or a target of something named elsewhere: "Hòa Bình đặt mục tiêu bao nhiêu?"
_MEASURE_WORDS = frozenset({"mục", "tiêu", "chỉ", "đặt", "ra", "bao", "nhiêu", "là", "đạt", "phải", "phấn", "đấu",
                            "mức", "nào", "con", "số", "tỷ", "lệ", "còn", "thì", "được", "cần", "muốn", "đề",
                            "phần", "trăm", "bn", "lên", "tăng", "giảm", "xuống", "nâng", "đưa"})
_TIME_WORDS = frozenset({"quý", "tháng", "năm", "đến", "tới", "trong", "vào", "hết", "giai", "đoạn"})
_TIME_EDGES = frozenset({"cuối", "đầu", "giữa"})
_AT_THE_TIME = frozenset({"lúc", "khi", "thời điểm", "ra", "ban hành"})  # "lúc ra nghị quyết 12": when it was issued
# a follow-up dated by an occasion of its own: a meeting's conclusions or report ("theo kết luận phiên họp thứ hai",
# "tại hội nghị …")
_MEETING = r"(?:phiên họp|hội nghị|cuộc họp)"
_OWN_OCCASION = re.compile(rf"(?<!\w)(?:theo|tại|trong|ở)\s+(?:kết luận|thông báo|báo cáo)?\s*(?:của\s+)?"
                           rf"{_MEETING}(?!\w)", re.IGNORECASE)
_TARGET_ASKED_FOR = re.compile(r"(?<!\w)(?:phai|can|muc tieu|phan dau|chi tieu)(?!\w)")  # (folded)
_FIGURE_ASKED = re.compile(r"(?<!\w)(?:bao nhiêu|mức nào|bn|con số nào)(?!\w)", re.IGNORECASE)
_FOLDED_FIGURE_ASKED = re.compile(vn.fold(_FIGURE_ASKED.pattern), re.IGNORECASE)  # (as typed without diacritics)
# the level a figure is asked at, and the body requiring it: settings of a figure, not what it measures
_SETTING = re.compile(r"(?<!\w)(?:cấp\s+(?:xã|huyện|tỉnh|cơ sở)|(?:ban chỉ đạo|bcđ)(?:\s+(?:yêu cầu|đặt ra|đề ra))?)"
                      r"(?!\w)", re.IGNORECASE)
_FOLDED_SETTING = re.compile(vn.fold(_SETTING.pattern), re.IGNORECASE)
# a meeting a figure is asked at, up to its date or what is asked ("đến phiên họp bcđ chính quyền số tháng 11/2025
# còn bao nhiêu?")
_OCCASION = re.compile(r"(?<!\w)" + _MEETING + r"[^?,;:]*?(?=\s+(?:tháng|ngày|năm|quý|còn|đã|mới|đạt|"
                       r"có|là|bao|\d)(?!\w)|\s*[?,;:]|\s*$)", re.IGNORECASE)
_FOLDED_OCCASION = re.compile(vn.fold(_OCCASION.pattern), re.IGNORECASE)
_REQUIRING = re.compile(r"(?<!\w)(?:yêu cầu|đề ra|đặt ra)(?!\w)", re.IGNORECASE)
_FOLDED_REQUIRING = re.compile(vn.fold(_REQUIRING.pattern), re.IGNORECASE)
# the words that lead to the slot a question asks: "(còn hiệu lực) trước ngày", "(hoàn thành) vào tháng"
_ASKED_SLOT_END = re.compile(r"(?:\s+(?:trước|sau|vào|trong|đến|từ|truoc|vao|den|tu|ngày|tháng|năm|ngay|thang|"
                             r"nam))+\s*$", re.IGNORECASE)


def _matched_words(pattern: re.Pattern[str], text: str, same: Callable[[str], str]) -> set[str]:
    """The words of every match of `pattern` in `text`, compared as `same` makes them."""
    return {same(t) for m in pattern.finditer(text) for t in vn.tokenize(m.group())}


def _carry_measured(first: str, second: str) -> str:
    """The second part with what the first measures, when it asks a figure or target of nothing it names besides a
    place, a level, the body requiring it or the document it is asked from ("Số hóa … ở Lào Cai và ở cấp xã của Hòa
    Bình đạt bao nhiêu? Hòa Bình đặt mục tiêu bao nhiêu?": the target for that digitisation), carried as a
    follow-up's topic is ("…? (topic)"): the thing, not who requires it nor the slot the first asks ("CTr 25 yêu
    cầu số hóa … trước ngày nào": "số hóa …"); the second unchanged otherwise. Typed without diacritics, its words
    are compared folded."""
    plain = not vn.has_diacritics(second)
    same: Callable[[str], str] = (lambda t: vn.fold(t).lower()) if plain else (lambda t: t.lower())
    if not (_FOLDED_FIGURE_ASKED if plain else _FIGURE_ASKED).search(second):
        return second
    places = {p.name for p in named_places(second)}
    own_place = {same(t) for place in places for t in vn.tokenize(place)}
    # (a time it is asked by names nothing measured: "mục tiêu quý I/2026 là bao nhiêu?")
    own_time = _matched_words(_TIME, second, same) | {same(w) for w in _TIME_WORDS}
    # (nor the level it is asked at, nor who requires it: "… cấp xã mới đạt bao nhiêu và Ban Chỉ đạo yêu cầu đạt
    # mức nào trong quý I/2026?" asks both of the first part's digitisation)
    setting_pattern = _FOLDED_SETTING if plain else _SETTING
    setting = _matched_words(setting_pattern, second, same) | {
        same(t) for a, b in vn.reference_spans(second) for t in vn.tokenize(second[a:b])} | _matched_words(
        _FOLDED_OCCASION if plain else _OCCASION, second, same)  # (and the document or the meeting asked of)
    # (and its stance, "mới đạt": what stands is asked of the same thing)
    measuring = {same(w) for w in (*_MEASURE_WORDS, *_STANDING_WORDS)} | own_place | own_time | setting
    # (something it is asked of or at: a place, a setting, or a time of its own, "…, còn tới tháng 11/2025 thì lên
    # bn", unless a target is asked for it, "…, quý I/2026 phải đạt bao nhiêu?", which a plan's own line states)
    if [t for t in vn.content_tokens(second) if same(t) not in measuring] or not places and not setting and not (
            _matched_words(_TIME, second, same) and not _TARGET_ASKED_FOR.search(vn.fold(second).lower())):
        return second
    # (not the syllables of its place: typed without diacritics, the "hoa" of "Hoa Binh" is the one of "so hoa")
    dropped = {same(t) for t in vn.tokenize(second)} - (own_place if plain else set()) | {
        t for place in vn.province_mentions(first) if place not in places
        for t in (*(same(w) for w in vn.tokenize(place)), *vn.tokenize(vn.fold(place).lower()))}
    # (what stands, "mới đạt", is the first part's stance, not the thing measured: a target is asked of it now)
    stance = {same(w) for w in (*_STANDING_WORDS, "đạt", "đã")}
    # (what a document or body requires is the thing, not who requires it: "CTr của Tỉnh ủy yêu cầu số hóa …")
    first = vn.normalize(first)
    first = first[required.end():] if (required := (_FOLDED_REQUIRING if plain else _REQUIRING).search(first)) \
        else first
    # (nor what the first asks of it: "… còn hiệu lực trước ngày nào" asks a deadline, the thing is what precedes)
    if (asked := (FOLDED_INTERROGATIVE if plain else _INTERROGATIVE).search(first.lower())) and asked.start() > 0:
        first = f"{_ASKED_SLOT_END.sub('', first[:asked.start()])} {first[asked.end():]}"
    first = first[_request_opening(first):]  # ("so sánh giúp: …" asks, it names nothing measured)
    settings = setting | _matched_words(setting_pattern, first, same) | _matched_words(_TIME, first, same)
    if setting:  # the second asked of its own document or meeting: not at the first one's ("lúc ra nghị quyết 12")
        settings |= {same(t) for a, b in vn.reference_spans(first) for t in vn.tokenize(first[a:b])} | {
            same(w) for w in _AT_THE_TIME}
    # (the first's time is its own: "giai đoạn 2021 - 2024" is no part of what is measured)
    topic = _topic(first, dropped | stance | settings | {same(w) for w in _TIME_WORDS}, same)
    if not {same(t) for t in vn.content_tokens(topic)} - {same(w) for w in _TIME_WORDS}:
        return second  # a first part naming nothing but when and where ("Đến tháng 11/2025 cấp xã mới đạt …")
    return f"{second.rstrip(' ?')}? ({topic})"


def _name_pronoun(first: str, second: str) -> str:
    """The second part with the person the first names put for the title that refers back to them ("Bà Đinh Thị Mai
    Hương giữ vai trò gì …, và bà đã ký văn bản nào?": asked alone, "bà" names no one)."""
    if (pronoun := _PRONOUN.match(second)) is None or second[pronoun.end()].isupper() or len(
            names := vn.person_names(first)) != 1:
        return second  # (a title before a name of its own: "… và bà Bùi Thị Thu Trang …")
    return f"{pronoun.group().split()[0]} {names[0]} {second[pronoun.end():]}"


# the topic a compound question opens with, before a comma: "Về kho dữ liệu dùng chung, A …, còn B …?"
_OPENING_TOPIC = re.compile(r"^(?:về|đối với|riêng về|liên quan đến|ve|doi voi|rieng ve|lien quan den)\s+"
                            r"[^,?:]{3,80}[,:]\s*", re.IGNORECASE)
_OPENS_SETTING = re.compile(r"^(?:về|đối với|theo|tại|trong|ở|ve|doi voi|tai|o)(?!\w)", re.IGNORECASE)


def _carry_setting(first: str, second: str) -> str:
    """The second part with the topic the first opens with: "Về kho dữ liệu dùng chung, Bắc Kạn được góp ý gì, còn
    Hòa Bình giao cơ quan nào chủ trì?" asks the second of the data store too; a part opening a setting of its
    own keeps it."""
    topic = _OPENING_TOPIC.match(first)
    if topic is None or _OPENS_SETTING.match(second) or {vn.fold(t).lower() for t in vn.content_tokens(
            topic.group(0))} <= {vn.fold(t).lower() for t in vn.content_tokens(second)}:
        return second  # (a part naming the topic itself needs it no more)
    word = second.split()[0]  # (a name it opens with keeps its capital)
    named = any(name.startswith(word) for name in [*vn.person_names(second), *vn.province_mentions(second)])
    return f"{topic.group(0)}{second if named else second[:1].lower() + second[1:]}"


SUBJECT_WORDS = 16  # of a subject carried to a part going on without one: longer, it is no subject alone
SUBJECT_MIN_WORDS = 3
# what follows a noun pyvi tags as a verb, not a verb's object ("hội thảo về đất đai", "báo cáo cho biết")
_AFTER_A_NOUN = frozenset({"về", "của", "cho", "do", "này", "đó", "ấy", "trên", "tại", "ở", "nói", "nêu"})
# words pyvi tags as verbs that open a setting, a link or a purpose, not an action of the subject ("đến phiên họp …
# thì …", "nhằm mục đích gì")
_SETTING_WORDS = frozenset({"theo", "đến", "tới", "về", "ở", "tại", "còn", "thì", "là", "từ", "so", "nhằm", "để",
                            "đối", "trong", "sau", "trước", "cho"})


# "… trong Nghị quyết 12 và trong Thông báo 15 lần lượt là bao nhiêu?": one question asked of two sources, the
# preposition repeated before each; the second source runs to where the question's predicate starts
# (typed with diacritics or without)
_SOURCES = (r"(?<!\w)(?P<p>theo|trong|tại|ở|đối với|tai|o|doi voi)\s+(?P<a>\S.*?),?\s+(?:và|va)\s+{again}"
            r"(?P<b>[^,]+?)(?P<rest>\s+(?:lần lượt|là|có|thì|được|bao nhiêu|mấy|thế nào|ra sao|gì|nào|ai|"
            r"lan luot|la|co|thi|duoc|bao nhieu|may|the nao|gi|nao)(?!\w).*"
            r"|,\s+\S.*"  # or a second question about both after a comma (", thời hạn là khi nào?")
            r"|\s*[?.]?\s*)$")  # or nothing, when asked before: "Ai trình bày báo cáo tại A và tại B?"
_REPEATED = re.compile(_SOURCES.format(again=r"(?P=p)\s+"), re.IGNORECASE)
# the preposition said once sets two sources apart only for two documents cited by number ("… trong Kế hoạch
# 99/KH-UBND và Quyết định 1875/QĐ-UBND là …"), not "trong tỉnh A và B" (place_parts')
REFERENCE_WORDS = 8  # "Thông báo kết luận số 15/TB-BCĐ của Ban Chỉ đạo", at most
_SAID_ONCE = re.compile(_SOURCES.format(again=""), re.IGNORECASE)


# "X thay đổi thế nào giữa lúc A và lúc B?": X asked at each of two points (a document, a time)
# (typed with diacritics or without)
# ("… thay đổi thế nào từ Nghị quyết 12 đến phiên họp thứ hai?": the same two points, in order)
_CHANGE_BETWEEN = re.compile(r"^(?P<x>.+?)\s+(?:thay đổi|biến động|khác nhau|chênh lệch|thay doi|bien dong|khac nhau|"
                             r"chenh lech)(?:\s+(?:như\s+|nhu\s+)?(?:thế nào|ra sao|the nao))?\s+(?:"
                             r"(?:giữa|giua)\s+(?P<a>.+?)\s+(?:và|va)\s+|(?:từ|tu)\s+(?P<since>.+?)\s+(?:đến|tới|sang|"
                             r"den|toi)\s+)(?P<b>[^,;?]+?)\s*[?.]?\s*$", re.IGNORECASE)
# what is measured: asked "là bao nhiêu", anything else "như thế nào"
# (or after where it is: "hòa bình tỷ lệ hồ sơ …")
_MEASURED_WITHIN = re.compile(r"(?<!\w)(?:tỷ lệ|tỉ lệ|ty le|ti le|tổng số|tong so|kinh phí|kinh phi)(?!\w)",
                              re.IGNORECASE)
_MEASURE = re.compile(r"^(?:tổng\s+|tong\s+)?(?:số|tỷ lệ|tỉ lệ|kinh phí|mức|giá trị|ngân sách|vốn|so|ty le|ti le|"
                      r"kinh phi|muc|gia tri|ngan sach|von)(?!\w)", re.IGNORECASE)


# "X trong A và Y trong B có giống nhau không? …": two figures of two documents set side by side
_COMPARED = re.compile(r"^(?P<a>.+?),?\s+(?:và|va)\s+(?P<b>.+?)\s+(?:có\s+|co\s+)?(?:giống nhau|giong nhau|khớp nhau|"
                       r"khop nhau|trùng khớp|trung khop|khớp|khop|bằng nhau|bang nhau|như nhau|nhu nhau|"
                       r"khác nhau|khac nhau)(?!\w).*$", re.IGNORECASE)


_COMPARED_WITH = re.compile(r"^\s*(?:hãy\s+|hay\s+)?(?:so sánh|đối chiếu|so sanh|doi chieu)\s+(?P<a>.+?)\s+"
                            r"(?:với|voi)\s+(?P<b>[^?.]+?)\s*[?.]?\s*$", re.IGNORECASE)


# "X giai đoạn 2021-2024 và năm 2025 là bao nhiêu?": one figure asked of two periods (typed with diacritics or not)
_PERIOD = (r"(?:(?:trong|đến|den|tới|toi)\s+)?(?:giai đoạn|giai doan|năm|nam|quý|quy|tháng|thang)\s+\d[\d\s/–-]*?"
           r"|\d{1,2}\s+(?:tháng|thang)\s+(?:đầu\s+|dau\s+)?(?:(?:năm|nam)\s+)?\d{4}")  # "10 tháng (năm) 2025"
# (what the second period's figure is called may stand before it: "… so với kết quả 10 tháng năm 2025")
_TWO_PERIODS = re.compile(rf"^(?P<head>.+?)\s+(?P<a>{_PERIOD})(?:\s*,\s*|\s*,?\s+(?:và|va|so với|so voi|với|voi)\s+"
                          rf"(?:[^\W\d]+\s+){{0,3}}?)(?P<b>{_PERIOD})"
                          r"(?P<rest>(?:\s+\D.*)?\s*[?.]?)$", re.IGNORECASE)


def _period_parts(text: str) -> list[str]:
    """"Tỷ lệ … giai đoạn 2021 - 2024 và năm 2025 là bao nhiêu?" asks the figure of each period: two questions,
    each answered from what states it ([] when not so built)."""
    m = _TWO_PERIODS.match(text)
    if m is None or not vn.content_tokens(m.group("head")):
        return []
    rest = m.group("rest").strip() or "?"
    if _CHANGE.match(rest):  # "… thay đổi thế nào?" of each period alone: what it stood at
        rest = f"{_asked_of(m.group('head'), text)}?"
    return [f"{m.group('head')} {m.group(side).strip()}{'' if rest.startswith('?') else ' '}{rest}"
            for side in ("a", "b")]


_CHANGE = re.compile(r"(?:thay đổi|biến động|tăng giảm|khác nhau|chênh lệch|thay doi|bien dong|tang giam|khac nhau|"
                     r"chenh lech)(?!\w)", re.IGNORECASE)


def _compared_parts(text: str) -> list[str]:
    """"Số thôn … nêu trong Nghị quyết 12 và số thôn … trong Kế hoạch 99 có giống nhau không?" asks each
    document's figure: two questions, each answered from its own document, side by side ([] unless each side
    cites a document of its own)."""
    m = _COMPARED.match(text) or _COMPARED_WITH.match(text)  # (or "So sánh A (NQ 12) với B nêu trong TB 15")
    if m is None or _MODIFIER.match(m.group("b")):
        return []  # "… trong A và trong B": one subject of two sources (`_REPEATED`)
    cited = [_documents_cited(m.group(side)) for side in ("a", "b")]
    if not all(cited) or cited[0] == cited[1]:
        return []
    return _cased_like(text, [f"{m.group(side)} {_asked_of(m.group(side), text)}?" for side in ("a", "b")])


def _documents_cited(text: str) -> set[str]:
    """The documents a piece of a question cites, by full number or short reference, as comparable keys."""
    return {vn.doc_number_key(n) for n in vn.find_doc_numbers(text)} | set(vn.short_references(text))


def _cased_like(text: str, parts: list[str]) -> list[str]:
    """The parts opening with a capital when the question does (one typed in lower case stays so)."""
    return [part[:1].upper() + part[1:] if text[:1].isupper() else part for part in parts]


# "Về ký số văn bản, chỉ tiêu đặt ra trong CTr 25 và kết quả nêu trong TB 15 là gì?": two things, each of a document
# of its own, asked one predicate (after what the question is about, said once before a comma)
_TWO_CITED = re.compile(r"^(?P<lead>(?:về|ve)\s[^,]*,\s+)?(?P<a>[^,]+?),?\s+(?:và|va)\s+(?P<b>[^,]+?)\s+"
                        r"(?P<rest>(?:lần lượt\s+|"
                        r"lan luot\s+)?(?:là|đạt|ra sao|thế nào|như thế nào|gồm|la|dat|the nao|nhu the nao|gom)(?!\w)"
                        r".*)$", re.IGNORECASE)


def _cited_sides_parts(text: str) -> list[str]:
    """The question asked of each side that cites a document of its own and names something of it besides ("chỉ
    tiêu đặt ra trong CTr 25", "kết quả nêu trong TB 15"): two questions, each answered from its own document ([]
    when not so built; "X trong A và trong B" shares its X: `_REPEATED`)."""
    m = _TWO_CITED.match(text)
    if m is None or _MODIFIER.match(m.group("b")):
        return []  # "… trong A và trong B": one subject of two sources (`_REPEATED`)
    cited = [_documents_cited(m.group(side)) for side in ("a", "b")]
    named = []  # each side names something of its document besides the reference
    for side in ("a", "b"):
        spans = vn.reference_spans(m.group(side))
        rest = "".join(c for i, c in enumerate(m.group(side)) if not any(a <= i < b for a, b in spans))
        named.append(len(vn.content_tokens(_MODIFIER.sub(" ", rest))) >= 2)
    if not all(cited) or cited[0] & cited[1] or not all(named):
        return []
    lead, rest = m.group("lead") or "", _RESPECTIVELY.sub("", f" {m.group('rest')}").strip()
    return _cased_like(text, [f"{lead}{m.group(side)} {rest}" for side in ("a", "b")])


def _change_parts(text: str) -> list[str]:
    """"Số thôn chưa có sóng thay đổi thế nào giữa lúc ra Nghị quyết 12 và lúc có Thông báo 15?" asks the number
    at each: two questions, each retrieved and answered from its own document ([] when not so built)."""
    m = _CHANGE_BETWEEN.match(text)
    points = [m.group("a") or m.group("since"), m.group("b")] if m else []
    if m is None or not all(vn.content_tokens(point) for point in points):
        return []
    return [f"{m.group('x')} {point} {_asked_of(m.group('x'), text)}?" for point in points]


def _asked_of(subject: str, text: str) -> str:
    """What a part asks of its subject: "là bao nhiêu" of what is measured, "như thế nào" of anything else, typed
    as the question was (with diacritics or without)."""
    asked = "là bao nhiêu" if _MEASURE.match(subject) or _MEASURED_WITHIN.search(subject) else "như thế nào"
    return asked if vn.has_diacritics(text) else vn.fold(asked)


_MODIFIER = re.compile(r"(của|ở|tại|trong|theo|cua|o|tai)\s", re.IGNORECASE)  # a subject that only modifies


def _shared_predicate_parts(text: str) -> list[str]:
    """The two questions "X theo A và theo B là bao nhiêu?" asks ("X theo A là bao nhiêu?", "X theo B là bao
    nhiêu?"), or "X và Y lần lượt là ai?" ("X là ai?", "Y là ai?": each subject a question of its own), "lần
    lượt" (respectively) dropped; [] when it is not so built."""
    if change := _change_parts(text) or _compared_parts(text) or _period_parts(text) or _cited_sides_parts(text) \
            or _both_parts(text) or _same_head_parts(text) or _each_place_whos(text):
        return change
    m = _REPEATED.search(text)
    if m is None and (once := _SAID_ONCE.search(text)) and all(
            vn.find_doc_numbers(once[side]) and "," not in once[side] and len(once[side].split()) <= REFERENCE_WORDS
            for side in "ab"):
        m = once  # each side a document's reference, not a clause that cites one
    asks = _INTERROGATIVE if vn.has_diacritics(text) else FOLDED_INTERROGATIVE
    # "So sánh X trong A và B" requests X of each document (of each place: place_parts)
    compared = _COMPARE.match(text) and m is not None and all(vn.find_doc_numbers(m[side]) for side in "ab")
    if m is not None and not m.group("rest").strip(" ?.") and not asks.search(text[:m.start()].lower()) \
            and not compared:
        m = None  # nothing asked before the sources either: "Trưởng ban ở A và ở B?" is for place_parts
    if m is not None and asks.search(m.group("a").lower()):
        m = None  # a first "source" asking something is a question of its own: "Theo A, đơn vị nào chủ trì X, và
        # theo B ai là giám đốc đơn vị đó?"
    if m is not None and vn.content_tokens(m.group("a")) and vn.content_tokens(m.group("b")):
        head, rest = text[:m.start()], _RESPECTIVELY.sub("", m.group("rest"))
        head = _COMPARE.sub("", head) if compared else head
        head = head[:1].upper() + head[1:] if compared and text[:1].isupper() else head
        return [f"{head}{m.group('p')} {m.group(side)}{rest}" for side in ("a", "b")]
    m = _RESPECTIVELY.search(text)
    subjects = re.split(r",?\s+và\s+", text[:m.start()]) if m else []
    if len(subjects) == 2 and (p := _MODIFIER.match(subjects[1])) and (
            cut := vn.fold(subjects[0]).lower().rfind(f" {vn.fold(p.group(1)).lower()} ")) > 0:
        # "Chương trình hành động … của Tỉnh ủy Bắc Kạn và của Tỉnh ủy Nam Định": the second shares the head
        subjects[1] = f"{subjects[0][:cut + 1]}{subjects[1]}"
    elif len(subjects) == 2 and vn.FOLDED_TYPE.match(vn.fold(subjects[1]).lower()) and (
            kinds := list(vn.FOLDED_TYPE.finditer(vn.fold(subjects[0]).lower()))) and kinds[-1].start() > 0:
        # "Số thôn … ở Hòa Bình được Nghị quyết 12 và Thông báo kết luận … nêu lần lượt là bao nhiêu?": two documents
        # saying the same thing, the second shares what is said before the first
        subjects[1] = f"{subjects[0][:kinds[-1].start()]}{subjects[1]}"
    if len(subjects) != 2 or any(len(vn.content_tokens(s)) < MIN_PART_TOKENS for s in subjects):
        return []  # "Trưởng ban của Nam Định và Điện Biên lần lượt là ai?" is for place_parts
    return [f"{subject}{text[m.end():]}" for subject in subjects]




def _both_parts(text: str) -> list[str]:
    """"Tỉnh ủy A và Tỉnh ủy B đều có chương trình …, số hiệu là gì?": two subjects said to do the same thing, each
    asked of on its own ("Tỉnh ủy A có chương trình …, số hiệu là gì?"); [] otherwise."""
    both = _BOTH.search(text)
    asks = _INTERROGATIVE if vn.has_diacritics(text) else FOLDED_INTERROGATIVE
    if both is None or ":" in text[both.end():] or not asks.search(text[both.end():].lower()):
        return []
    # ("Tổng Bí thư với Bí thư Nam Định đều nói …": a role is subject enough)
    subjects = re.split(r",?\s+(?:và|va|với|voi)\s+", _BOTH_OPENING.sub("", text[:both.start()]))
    if len(subjects) != 2 or any(len(vn.content_tokens(s)) < MIN_PART_TOKENS and not roles_in(s)
                                 or asks.search(s.lower()) for s in subjects):
        return []
    return [f"{subject[:1].upper()}{subject[1:]}{text[both.end():]}" for subject in subjects]


def _same_head_parts(text: str) -> list[str]:
    """"Tỷ lệ A … và tỷ lệ B … là bao nhiêu?": two subjects opening with the same words ask the same thing of each
    ("Tỷ lệ A … là bao nhiêu?", "Tỷ lệ B … là bao nhiêu?"); [] otherwise."""
    m = _SAME_HEAD.match(text)
    if m is None:
        return []
    a, b = m.group("a"), m.group("b")
    head = a.split()[:HEAD_SHARED]
    if len(head) < HEAD_SHARED or [w.lower() for w in b.split()[:HEAD_SHARED]] != [w.lower() for w in head] or any(
            len(vn.content_tokens(side)) < MIN_PART_TOKENS for side in (a, b)):
        return []
    a, b = _RESPECTIVELY.sub("", a), _RESPECTIVELY.sub("", b)  # ("… lần lượt là ai?": respectively, no longer)
    return [f"{a} {m.group('rest')}", f"{b[:1].upper()}{b[1:]} {m.group('rest')}"]


_SAME_HEAD = re.compile(r"^(?P<a>[^?]+?),?\s+(?:và|va)\s+(?P<b>[^?]+?)\s+(?P<rest>(?:là|la|đạt|dat)\s+"
                        r"(?:bao nhiêu|bao nhieu|bn|gì|gi|ai)\s*\??)\s*$", re.IGNORECASE)
HEAD_SHARED = 2  # words both subjects open with ("tỷ lệ", "số lượng", "chỉ tiêu")


# "…, còn …", "…, trong khi …", "…, mà …" and ";" set a second question apart more surely than "và", which also
# joins two subjects, and a bare comma sets one apart only where a question ends before it
# ("?" on its own: "…, còn … bao nhiêu? Cho tôi cả hai con số." splits at "còn", not into three)
_ASKED_COMMA = re.compile(r",\s+")
_QUESTION_JOINTS = (re.compile(r",\s*(?:còn|trong khi(?: đó)?|nhưng|mà|rồi)\s+|;\s+(?:còn\s+)?"),
                    re.compile(r"\?\s+(?:còn\s+)?", re.IGNORECASE),
                    re.compile(r",?\s+và\s+"), _ASKED_COMMA)
_FOLDED_JOINTS = (re.compile(r",\s*(?:con|trong khi(?: do)?|nhung|ma|roi)\s+|;\s+(?:con\s+)?"),
                  re.compile(r"\?\s+(?:con\s+)?", re.IGNORECASE),
                  re.compile(r",?\s+va\s+"), _ASKED_COMMA)
ASKED = 1  # the joint "?": a question asked after another
AND = 2  # the joint "và"
# a question typed without diacritics: the interrogatives that fold to no everyday word ("dau" is also "đầu",
# "may" also "máy", "sao" also "sao" the star)
FOLDED_INTERROGATIVE = re.compile(r"(?<!\w)(?:ai|gi|nao|bao nhieu|bao gio|bao lau|o dau|khi nao|the nao|"
                                   r"ra sao|tai sao|vi sao|la gi|la ai|co may)(?!\w)")


# What may stand between two provinces a question names side by side ("Lào Cai và Nam Định", "tỉnh Nam Định và
# tỉnh Điện Biên", "Bắc Kạn, Lào Cai"); "giữa" makes them a relation between the two, which stays one question.
_PLACE_JOIN = re.compile(r"(?:\s*\([^()]{2,100}\))?"  # (the first one's own bracket: "A (theo NQ 12) và B")
                         r"\s*(?:,|và|với|cùng|hoặc|,\s*và|va|voi|cung|hoac|,\s*va)\s*(?:(?:của|cua)\s+)?"
                         r"(?:(?:tỉnh|thành phố|tinh|thanh pho)\s+)?", re.IGNORECASE)  # typed with diacritics or not
# ", và <something of one more province>" after a run of places: at most a short phrase, with no other joint
_ANOTHER_OF_A_PLACE = re.compile(r"\s*,?\s*(?:và|va)\s+(?P<x>(?:(?!\s(?:và|va)\s)[^,;?]){3,90})", re.IGNORECASE)
_LEADING_SETTING = re.compile(r"(?:ở|tại|trong|theo|của|o|tai|cua)\s", re.IGNORECASE)
_TRAILING_SETTING = re.compile(r"\s+(?:ở|tại|trong|theo|của|o|tai|cua)\s*$", re.IGNORECASE)
# "X của tỉnh A và Y của tỉnh B là những ai?": who each is, one question for each
_WHO_OF_BOTH = re.compile(r",?\s+(?:là|la)\s+(?:(?:những|nhung)\s+)?(?:ai|người nào|nguoi nao)\s*[?.]*\s*$",
                          re.IGNORECASE)


_HEAD_OF = re.compile(r"(?<!\w)(?:người đứng đầu|nguoi dung dau)(?!\w)", re.IGNORECASE)


def _each_place_whos(text: str) -> list[str]:
    """"Người đứng đầu BCĐ chính quyền số tỉnh Hòa Bình và Trưởng BCĐ … tỉnh Nam Định là những ai?": one "who"
    question for each side, when each names a province of its own ([] otherwise)."""
    m = _WHO_OF_BOTH.search(text)
    subjects = re.split(r",?\s+(?:và|va)\s+", text[:m.start()]) if m else []
    if len(subjects) != 2:
        return []
    places = [{p.name for p in named_places(s) if p.confidence >= 1.0} for s in subjects]
    if any(len(p) != 1 for p in places) or places[0] == places[1] \
            or not all(roles_in(s) or _HEAD_OF.search(s) for s in subjects) \
            or _CONTINUING.match(vn.fold(subjects[1]).lower()):
        return []  # (each side names its own post: "Trưởng ban của Nam Định và Điện Biên", "Trưởng đoàn ĐBQH tỉnh
        # Hà Nam và tỉnh Nam Định", "… của Nam Định và của BCĐ … Hòa Bình" name one post of two places: place_parts)
    return [f"{subject} là ai?" for subject in subjects]


# "lần lượt là ai": "respectively" has no meaning in a question about one of them
_RESPECTIVELY = re.compile(r"\s+(?:lần lượt|lan luot|tương ứng|tuong ung)(?!\w)", re.IGNORECASE)
# "A và B đều …" (both do it), "Cả A và B đều …": the subjects, each asked of on its own (not "… đều nói về X: A …,
# còn B …", a heading over two questions of their own)
_BOTH = re.compile(r"\s+(?:đều|deu)(?=\s)", re.IGNORECASE)
_BOTH_OPENING = re.compile(r"^\s*(?:cả|ca)\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<!\w)giữa(?!\w)", re.IGNORECASE)
# "Giữa Nam Định và Hòa Bình, tỉnh nào … sớm hơn?": which of them, each one's asked (as the question opens: each
# part keeps what follows, which is not split again)
_WHICH_OF_THEM = re.compile(r"\s*(?:giữa|giua)\s[^,?]+,\s*(?:tỉnh|nơi|địa phương|bên|tinh|noi|dia phuong|ben)\s+"
                            r"(?:nào|nao)(?!\w)", re.IGNORECASE)
_TRAILING_BETWEEN = re.compile(r"(?:^|\s+)(?:giữa|giua)\s+$", re.IGNORECASE)
# "So sánh X của A và B" asks for each one's X: a part about one province asks for its X
_COMPARE = re.compile(r"^(?:hãy\s+|hay\s+)?(?:so sánh|đối chiếu|so sanh|doi chieu)\s+", re.IGNORECASE)


HEAD_WORDS = 4  # of a body's name repeated before each province ("UBND tỉnh A và UBND tỉnh B")


def _repeats_head(text: str, first: int, between: str) -> bool:
    """Whether `between` two provinces is "và" (or a comma) and the words the first one is named after ("UBND tỉnh
    Nam Định và UBND tỉnh Hòa Bình", "Chủ tịch UBND tỉnh Hà Nam, Chủ tịch UBND tỉnh Nam Định": the same body of
    each province)."""
    m = re.fullmatch(r"(?:,\s*(?:và\s+|va\s+)?|,?\s*(?:và|va|với|voi)\s+)(?P<head>.+?)\s*", between, re.IGNORECASE)
    if m is None:
        return False
    head = m.group("head").split()
    before = text[:first].split()
    return 0 < len(head) <= HEAD_WORDS and [w.lower() for w in before[-len(head):]] == [w.lower() for w in head]


def labelled_parts(parts: list[str]) -> list[tuple[str | None, str]]:
    """(label, part) for the parts of a compound question: each part's province when every part names a different
    one ("Ai chủ trì cuộc họp ở Bắc Kạn và ở Điện Biên?"), else its document number when every part cites a
    different one, so each answer says whose it is; no labels otherwise."""
    for named in ([{p.name for p in named_places(vn.normalize(part)) if p.confidence >= 1.0} for part in parts],
                  [{part[a:b] for _, a, b in vn.doc_number_spans(part)} for part in parts]):  # else its document
        labels = [next(iter(names)) if len(names) == 1 else None for names in named]
        if None not in labels and len(set(labels)) == len(labels):
            return list(zip(labels, parts))
    return [(None, part) for part in parts]


def place_parts(question: str) -> list[tuple[str, str]]:
    """(province, question about it alone) for each of the provinces a question names side by side ("So sánh
    người đứng đầu Ban Chỉ đạo của Lào Cai và Nam Định" → one question about each), so each is retrieved
    and answered from its own documents; [] when the question names fewer than two that way."""
    text = vn.normalize(question).strip()
    places = named_places(text)
    confident = {p.name for p in places if p.confidence >= 1.0}
    # a name that may be a common word ("hòa bình", peace) is a place when it stands side by side with one that
    # cannot be ("giữa hòa bình (…) và lào cai (…)")
    named = confident | ({p.name for p in places} if _COMPARE.match(text) and confident else set())
    # ("giữa A và B" is a matter between them, unless each one's is compared: "so sánh X giữa A và B")
    if len(named) < 2 or _BETWEEN.search(text) and not _COMPARE.match(text) and not (
            _WHICH_OF_THEM.match(text) and len(_BETWEEN.findall(text)) == 1):
        return []
    folded = vn.fold(text).lower()  # folding keeps offsets
    spans = sorted((m.start(), m.end(), name) for name, pattern in vn.province_patterns() if name in named
                   for m in pattern.finditer(folded))
    runs = [spans[:1]]
    for span in spans[1:]:
        if _PLACE_JOIN.fullmatch(between := text[runs[-1][-1][1]:span[0]]) or \
                _repeats_head(text, runs[-1][0][0], between):
            runs[-1].append(span)
        else:
            runs.append([span])
    for number, run in enumerate(runs):
        # "… ở Nam Định, Lào Cai và phiên họp thứ hai của Ban Chỉ đạo Hòa Bình diễn ra ngày nào?": after the places
        # one more thing of another province is asked the same, named its own way
        other = runs[number + 1][0] if number + 1 < len(runs) else None
        extra = _ANOTHER_OF_A_PLACE.fullmatch(text[run[-1][1]:other[1]]) if other else None
        names = {name for _, _, name in run}
        if extra is not None and other[2] in names:
            extra = None
        if len(names) >= 2 and names & confident or extra is not None:
            break
    else:
        return []
    start, end = run[0][0], other[1] if extra is not None and other else run[-1][1]
    head = _TRAILING_BETWEEN.sub(lambda m: " " if m.start() else "", text[:start])  # "so sánh X giữa A và B": each
    # one's X
    tail = text[end:]
    # a place's own bracket stays with it ("hòa bình (theo nghị quyết 12) và lào cai (10 tháng năm 2025)")
    run = [(a, own.end() + b if (own := _OWN_ASIDE.match(text[b:])) and i < len(run) - 1 else b, name)
           for i, (a, b, name) in enumerate(run)]
    parts = [head + text[a:b] + tail for a, b, _ in run]
    if extra is None and (own := _OWN_ASIDE.match(tail)):
        # "… của Lào Cai và của Hòa Bình (theo NQ 12) …": the bracket after the last place is that place's own
        parts = [head + text[a:b] + (tail if i == len(run) - 1 else tail[own.end():])
                 for i, (a, b, _) in enumerate(run)]
    elif extra is not None and (own := _OWN_ASIDE.match(tail)):  # (… and after one more thing of another place)
        parts = [head + text[a:b] + tail[own.end():] for a, b, _ in run]
    if extra is not None and other is not None:
        named = extra.group("x")
        # the thing named with its own setting ("trong CTr 25 của Hòa Bình") keeps what was asked before the
        # places ("Văn phòng Tỉnh ủy được nhắc đến với vai trò gì"); a thing named in full stands for it
        lead = _TRAILING_SETTING.sub("", text[:start]) if _LEADING_SETTING.match(named) else ""
        parts.append(f"{lead} {named}{tail}".strip() if lead else named[:1].upper() + named[1:] + tail)
        run = [*run, other]
    parts = [_RESPECTIVELY.sub("", _COMPARE.sub("", part)) for part in parts]
    capital = text[:1].isupper()  # a question typed in lower case stays so (its places are read as such)
    return [(name, part[:1].upper() + part[1:] if capital else part) for (_, _, name), part in zip(run, parts)]


_OWN_ASIDE = re.compile(r"\s*\([^()]{2,100}\)")  # "(theo NQ 12)" right after a place


# between two things a question names side by side: "NQ 12, CTr 25 và KH 99", "(TB 15 hoặc KH 99)", "Sở Nội vụ và
# của Sở Tài chính"
_SIDE_BY_SIDE = re.compile(r"\s*(?:,|;|và|hoặc|với|cùng|,\s*và|va|hoac|voi|cung|,\s*va)\s*"
                           r"(?:(?:của|cua|theo|trong)\s+)?", re.IGNORECASE)  # ("theo KH 99 và theo TB 15")


def one_question_each(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """(label, `text` asking of that one alone) for each thing of the first run of two or more that `text` names side
    by side (`spans`: (start, end, label) in order), the run replaced by each one as written; [] without such a run
    or when its things are one."""
    run: list[tuple[int, int, str]] = []
    for span in spans:
        if run and _SIDE_BY_SIDE.fullmatch(text[run[-1][1]:span[0]]):
            run.append(span)
        elif len(run) >= 2:
            break
        else:
            run = [span]
    if len({vn.fold(label).lower() for *_, label in run}) < 2:
        return []
    start, end = run[0][0], run[-1][1]
    return [(label, text[:start] + text[a:b] + text[end:]) for a, b, label in run]


def document_parts(question: str) -> list[tuple[str, str]]:
    """(document, question about it alone) for each of the documents a question cites side by side ("Các văn bản
    đặt chỉ tiêu về số doanh nghiệp như thế nào (NQ 12, CTr 25, KH 99)?" → one question about each), so each is
    answered from its own document and says whose it is; [] when the question cites fewer than two that way."""
    text = vn.normalize(question).strip()
    # (a question typed all in lower case names its kinds so too: "nq 12-nq/tu và ctr 25-ctr/tu")
    text = vn.expand_abbreviations(text, loose=text == text.lower())
    return one_question_each(text, [(a, b, _as_numbered(text[a:b])) for a, b in vn.reference_spans(text)])


def _as_numbered(reference: str) -> str:
    """A document's reference with its number in capitals as documents write it ("25-ctr/tu" → "25-CTr/TU"): a
    label."""
    for _, start, end in reversed(vn.doc_number_spans(reference)):
        number = reference[start:end].upper()
        for code in _MIXED_CASE_CODES:  # "CTr", "TTr"
            number = re.sub(rf"(?<![A-Z]){code.upper()}(?![A-Z])", code, number)
        reference = f"{reference[:start]}{number}{reference[end:]}"
    return reference


_MIXED_CASE_CODES = sorted({code for code in vn.DOC_TYPES.values() if not code.isupper()}, key=len, reverse=True)
