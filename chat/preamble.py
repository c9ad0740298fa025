"""What an asker says before the question: greetings and who they are.

Officials and citizens who call in, write to a hotline or type into a chat often open with courtesy and a
self-introduction ("Thưa chương trình, tôi là cán bộ địa chính xã ở huyện Mai Châu. Kế hoạch 99 … bao nhiêu ạ?").
Those sentences name places and things the question does not ask about: the asker's district would be read as
the place asked, their trade as a topic. They are set aside; what the asker says they heard or read about the
documents ("Tôi được biết thông báo … có nêu tên mấy huyện …") stays, since it says what the question is about.
The province the asker lives in stays too when the question names none: "tỉnh" in "Sau khi Tỉnh ủy ban hành …"
is theirs.
"""

from __future__ import annotations

import re

from bcd import vietnamese as vn
from chat.memory import FOLDED_INTERROGATIVE
from retrieval.question import named_places

# (folded, lower-case) courtesy that opens a sentence: "Dạ,", "Alo, đài ơi,", "Thưa chương trình,", "Xin chào …"
_COURTESY = (r"(?:(?:(?:da|vang|alo|a lo|thua|kinh thua|xin chao|kinh chao|chao|kinh gui)(?:\s+[^\W\d]+){0,3}"
             r"|(?:[^\W\d]+\s+){1,3}oi)\s*[,.!]?\s*)*")  # (and a vocative: "Chương trình ơi,", "Đài ơi,")
# the asker speaking of themselves: who they are, where they live or work, that they ask ...
_FIRST_PERSON = re.compile(rf"^{_COURTESY}(?:toi|em|chau|minh|chung toi)\s+")
_IDENTITY = re.compile(r"(?:(?:hien|dang|cung|thi|moi)\s+)?(?:la|o|lam|song|cong tac|co nguoi than|co cau hoi|"
                       r"co viec|xin phep|xin hoi|muon hoi|hoi|nho)(?!\w)")
# "tôi nhớ …" (remembering, accented: not the "nhờ" of asking a favour) says what they know of the documents
_REMEMBERING = re.compile(r"(?<!\w)nhớ(?!\w)")
# (a later clause of the sentence in their voice)
_SPEAKING_LATER = re.compile(r",\s*(?:toi|chau|chung toi)\s+(?!la\b)")
# ... unless they say what they heard or read of the documents, or name one: that is what the question is about
_REPORTING = re.compile(r"(?<!\w)(?:nghe|biet|thay|doc|xem)(?!\w)")
# a sentence of courtesy alone: greetings, wishes, thanks, a call's opening
_COURTESY_ONLY = re.compile(r"^(?:xin chao|kinh chao|chao|chuc|alo|a lo|cam on|xin cam on|da|thua|kinh thua)(?!\w)")
# the host passing a listener's question on: "Chương trình nhận được câu hỏi của chị …", "… chuyển câu hỏi của …:"
_PASSED_ON = re.compile(r"^(?:(?:chuong trinh|dai|ban bien tap)\s+(?:xin\s+)?(?:nhan duoc|chuyen|doc)\s+(?:cau hoi|thu)"
                        r"|cau hoi (?:tiep theo|sau day|cua))(?!\w)")
# (folded) a yes-or-no guess: "Có phải (là) … không?", "Phải chăng …?", "… phải không?", "… đúng không ạ?"
_CHECKED_GUESS = re.compile(r"^(?:(?:co|lieu co)\s+phai\s[^?]*(?:khong|ko|k|chang)|phai chang\s[^?]*"
                            r"|[^?]*\s(?:phai|dung)\s+(?:khong|ko|k))(?:\s+(?:a|vay|nhi))?\s*\?$")
# where the question proper starts inside a sentence that reports it: "… và hỏi: …", "… câu hỏi của chị X: …"
_ASKS_AFTER = re.compile(r"(?<!\w)(?:hoi|cau hoi cua [^:?]{1,80})\s*:\s*")


# (folded) a request opening the question itself: "Xin hỏi", "Cho tôi hỏi là", "Đề nghị cho biết", "Cho mình được
# hỏi": how it is asked, not what ("Xin hỏi về sóng điện thoại …: …" asks of "sóng", not of "xin")
_REQUEST = re.compile(r"^(?:xin|cho|lam on cho|vui long cho|de nghi|de nghi cho|xin cho|cho phep)\s+"
                      r"(?:(?:toi|em|minh|chau|chung toi|tui)\s+)?(?:duoc\s+)?(?P<verb>hoi|biet)(?:\s+la)?"
                      r"\s*[:,]?\s+(?=\S)")


# (folded) a request closing the question, of how to answer, not what: "…, nói sơ sơ nghe?", "…, kể ngắn gọn giúp
# em", "…, giải thích rõ với ạ": a verb of telling, then only words of manner, of whom for and particles
_TELLING = r"(?:noi|ke|giai thich|tom tat|tom luoc|tom|tra loi|cho biet|liet ke|trinh bay)"  # ("tóm ý chính")
_MANNER = r"(?:so|ngan|gon|chi|tiet|ro|cu|the|qua|nhanh|luon|y|chinh|giup|gium|ho|dum|toi|em|minh|tui|voi|" \
          r"nghe|nha|nhe|di|a|ha|nhi|vay|duoc|khong|ko|k)"
_CLOSING_REQUEST = re.compile(rf",\s*(?:(?:(?:anh|chi|ban|ad|admin)\s+)?{_TELLING}(?:\s+{_MANNER})*"
                              # "…, chỉ cần tên thôi cũng được": how much of the answer will do
                              rf"|chi can\s+(?:[^\W\d]+\s+){{0,3}}thoi(?:\s+cung)?(?:\s+{_MANNER})*)"
                              r"\s*(?P<end>[?.!]*)\s*$")
# (folded) the asker's own reading put in doubt: "…, tôi ghi như vậy có đúng không?" asks whether what precedes holds
_OWN_READING_DOUBTED = re.compile(r",?\s*(?:toi|tui|em|minh|chau)\s+(?:ghi|hieu|nho|noi|viet|doc|tinh|nghe|thay)"
                                  r"(?:\s+(?:nhu vay|nhu the|vay|the|la vay|la the))?\s+(?:co\s+)?"
                                  r"(?=(?:dung|phai)\s+(?:khong|ko|k|chua)\s*[?.!]*\s*$)")
# (folded) why the asker asks, opening the question before a comma: "Nhằm đánh giá …, …", "Để chuẩn bị báo cáo, …"
# (what they do with the answer; not a purpose the documents speak of, "Để phát triển hạ tầng số, tỉnh cần làm gì?")
_ASKERS_PURPOSE = re.compile(r"^(?:nham|de|phuc vu|voi muc dich)\s+(?:(?:toi|em|minh|chung toi|tui)\s+)?(?:co the\s+)?"
                             r"(?:danh gia|so sanh|tong hop|chuan bi|nam|doi chieu|kiem tra|theo doi|viet|soan|"
                             r"tham khao|giam sat|tham tra|lam bao cao|bao cao lai)(?!\w)[^,?;:]{0,150},\s*")
# (folded) an aside of the asker's closing the question: "… là ai vậy, tui quên mất tiêu rồi?", "… ngày nào, tôi cần
# gấp": of them, not of the documents (an aside asking something, "…, tôi phải làm gì?", is a question of its own)
_CLOSING_ASIDE = re.compile(r",\s*(?:toi|tui|em|minh|chau|chung toi)\s+(?P<aside>[^,;:?.!]+?)\s*(?P<end>[?.!]*)\s*$")
# (folded) the one asked, addressed before a verb of telling: "Cháu liệt kê giúp tôi …", "Em cho anh biết …"
# (at the start of the question's first sentence or of a later one: "NQ 12 có bốn nhóm. Cháu kể tên các nhóm ấy.")
_ADDRESSED_TELLING = re.compile(rf"(?:^|(?<=[.!?]\s))(?:chau|em|ban|anh|chi|ad|admin)\s+(?:oi\s*,?\s*)?"
                                rf"(?={_TELLING}(?!\w))")


def without_request(question: str) -> str:
    """The question without the request it opens or closes with ("Cho tôi hỏi Nghị quyết 12 ra ngày nào?" →
    "Nghị quyết 12 ra ngày nào?"; "… mục tiêu gì, nói sơ sơ nghe?" → "… mục tiêu gì?"); the question itself
    when that is all it says."""
    if (closing := _CLOSING_REQUEST.search(vn.fold(question).lower())) and closing.start() >= MIN_REST:
        question = question[:closing.start()] + (closing["end"] or "?")
    if (doubted := _OWN_READING_DOUBTED.search(vn.fold(question).lower())) and doubted.start() >= MIN_REST:
        question = f"{question[:doubted.start()]} {question[doubted.end():]}"
    if (aside := _CLOSING_ASIDE.search(folded := vn.fold(question).lower())) and not FOLDED_INTERROGATIVE.search(
            aside["aside"]) and FOLDED_INTERROGATIVE.search(folded, 0, aside.start()) and aside.start() >= MIN_REST \
            and not re.search(r"\d", aside["aside"]):  # (a figure they give is a claim the answer is held to)
        question = question[:aside.start()] + (aside["end"] or "?")
    for addressed in reversed(list(_ADDRESSED_TELLING.finditer(vn.fold(question).lower()))):
        if len(question) - addressed.end() >= MIN_REST:
            rest = question[addressed.end():]
            upper = question[addressed.start():addressed.start() + 1].isupper()
            question = question[:addressed.start()] + (f"{rest[:1].upper()}{rest[1:]}" if upper else rest)
    if (purpose := _ASKERS_PURPOSE.match(vn.fold(question).lower())) and len(question) - purpose.end() >= MIN_REST:
        # "Nhằm đánh giá tiến độ ở Hòa Bình, tỷ lệ … là bao nhiêu?": why they ask, not what (its province stays)
        rest = question[purpose.end():]
        question = _with_province(question[:purpose.end()], f"{rest[:1].upper()}{rest[1:]}")
    request = _REQUEST.match(vn.fold(question).lower())  # (folding keeps offsets)
    if request is None or len(question) - request.end() < MIN_REST or question[
            request.start("verb"):request.end("verb")].lower() not in _ASKING_VERBS:  # (not "Cho Hội …")
        return question
    rest = question[request.end():]
    return f"{rest[:1].upper()}{rest[1:]}" if question[:1].isupper() else rest


_ASKING_VERBS = frozenset({"hỏi", "hoi", "biết", "biet"})
MIN_REST = 8  # characters a question must go on with after its request to be one ("Xin hỏi ạ?" is none)


# a bracketed gloss: "đổi mới sáng tạo (innovation)", "Kho dữ liệu dùng chung (shared data)"
_BRACKETED = re.compile(r"\s*\(([^()]{1,60})\)")
_FOREIGN_SHARE = 0.5  # of a bracket's words that are no Vietnamese syllable, for it to be a gloss in another language


def without_glosses(question: str) -> str:
    """The question without the words of another language it explains its terms with, in brackets: no document
    writes them, so they would count as words the documents lack ("… vùng lõm sóng (no-signal areas) …"). A
    bracket of Vietnamese words, typed with or without diacritics, an abbreviation ("(BCĐ)", "(KHCN)") or a number
    stays."""
    def gloss(match: re.Match[str]) -> str:
        inner = match.group(1)
        words = re.findall(r"[^\W\d_]+", inner)
        if not words or vn.has_diacritics(inner) or re.search(r"\d", inner) or any(w.isupper() for w in words):
            return match.group()
        foreign = [w for w in words if not vn.is_syllable(w)]
        return "" if len(foreign) >= _FOREIGN_SHARE * len(words) else match.group()
    return _BRACKETED.sub(gloss, question)


def without_preamble(question: str) -> str:
    """The question without the sentences before it that greet or say who the asker is (and without a host's
    "… câu hỏi của chị X:" before it), the asker's province put before it when the question names none; the
    question itself when nothing is set aside or nothing would be left."""
    sentences = [question[a:b].strip() for a, b in vn.split_sentences(question)]
    asking = next((i for i, s in enumerate(sentences) if s.endswith("?") and not _courtesy_asked(s)), None)
    dropped = False
    if asking is not None:
        # what the asker adds of themselves after asking ("… quan điểm gì? Tôi cần ghi lại từng ý.", "Xin cảm ơn.")
        # and a guess put to be checked after asking who, what or when ("… là ai? Có phải Chủ tịch UBND tỉnh
        # không?"): the answer to the first settles it, and its words are no part of what is asked
        after = [s for s in sentences[asking + 1:] if (s.endswith("?") or not _own(s)) and not (
            _CHECKED_GUESS.match(vn.fold(vn.normalize(s)).lower())
            and FOLDED_INTERROGATIVE.search(vn.fold(vn.normalize(sentences[asking])).lower()))]
        dropped, sentences = len(after) < len(sentences) - asking - 1, sentences[:asking + 1] + after
    if asking is None or asking == 0 and not _ASKS_AFTER.search(vn.fold(sentences[0]).lower()):
        return " ".join(sentences) if dropped else question
    kept, aside = [], []
    for sentence in sentences[:asking]:
        (aside if _own(sentence) else kept).append(sentence)
    last = vn.normalize(sentences[asking])
    if (reported := _ASKS_AFTER.search(vn.fold(last).lower())) and "?" not in last[:reported.start()]:
        aside.append(last[:reported.start()])
        last = last[reported.end():]  # (folding keeps offsets)
    rest = [*kept, last, *sentences[asking + 1:]]
    if not (aside or dropped) or not "".join(rest).strip():
        return question
    text = " ".join(s for s in rest if s)
    text = f"{text[:1].upper()}{text[1:]}"
    return _with_province(" ".join(aside), text)


def _courtesy_asked(sentence: str) -> bool:
    """Whether a sentence asks nothing but whether the call goes through ("Alo, alo, đài nghe rõ không ạ?")."""
    folded = vn.fold(vn.normalize(sentence)).lower()
    return bool(_COURTESY_ONLY.match(folded)) and not FOLDED_INTERROGATIVE.search(folded)


def _own(sentence: str) -> bool:
    """Whether a sentence is the asker's courtesy or words about themselves ("Alo, đài nghe rõ không ạ?")."""
    folded = vn.fold(vn.normalize(sentence)).lower()
    if person := _FIRST_PERSON.match(folded):
        if _REMEMBERING.search(vn.normalize(sentence).lower()) and (
                vn.FOLDED_TYPE.search(folded) or vn.reference_spans(sentence)):
            return False  # "Tôi nhớ Bắc Kạn có Chương trình hành động số 35-CTr/TU …": what the question is about
        return bool(_IDENTITY.match(folded, person.end())) or not (
            _REPORTING.search(folded) or vn.FOLDED_TYPE.search(folded) or vn.reference_spans(sentence))
    if _SPEAKING_LATER.search(folded):  # "Lào Cai là tỉnh vùng cao, tôi vẫn lo chỗ sóng yếu.": a worry of theirs
        return not (_REPORTING.search(folded) or vn.FOLDED_TYPE.search(folded) or vn.reference_spans(sentence))
    return bool(_COURTESY_ONLY.match(folded) and not vn.reference_spans(sentence) or _PASSED_ON.match(folded))


def _with_province(aside: str, question: str) -> str:
    """The question headed by the provinces the asker's own words name, when it names none itself ("… người thân
    ở cả Điện Biên và Nam Định. … ở hai tỉnh này, …")."""
    if named_places(question):
        return question
    places = list(dict.fromkeys(p.name for p in named_places(aside) if p.confidence >= 1.0))
    return f"{' và '.join(places)}: {question}" if places else question
