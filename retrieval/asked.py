"""What a question asks of the fact it wants, beyond its kind: the role a "who" names ("Giám đốc Sở Y tế"), what
a "how many" counts ("bao nhiêu doanh nghiệp công nghệ số"), an amount of money, the kind of document or
institution a "which" names ("kế hoạch nào", "sở nào").

Read once per question (`retrieval.question.Question.asked`, from its spelled-out reading); chat/facts holds
each candidate sentence against it. The vocabularies are general administrative Vietnamese, not any
document's officials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bcd import vietnamese as vn

# "chương trình hành động cấp tỉnh nào", "kế hoạch nào": which document, answered by its number
DOCUMENT_ASKED = (r"(?:văn bản|nghị quyết|chương trình hành động|chương trình|kế hoạch|quyết định|chỉ thị|kết luận|"
                  r"đề án|quy chế|hướng dẫn|công văn)(?:\s+cấp\s+\w+)?\s+nào")


# The heads of the roles a "who" question names ("ai làm Trưởng ban", "Bí thư Tỉnh ủy là ai"), folded: general
# administrative and historical vocabulary, not any document's officials. "Phó" makes a deputy's role of the
# head after it ("phó trưởng", "phó chủ tịch"); "bộ trưởng" is not "trưởng".
ROLE_HEADS = ("truong", "chu tich", "bi thu", "giam doc", "thu tuong", "tong thong", "chanh", "chu nhiem",
              "hieu truong", "bo truong", "thu truong", "vien truong", "cuc truong", "vua", "hoang de",
              "tong bi thu", "uy vien", "to truong", "doi truong", "thu ky", "chanh van phong")
_ROLE = re.compile(r"(?<!\w)(?:pho\s+)?(?:" + "|".join(sorted(ROLE_HEADS, key=len, reverse=True)) + r")(?!\w)")


# What a role's complement stops at: a place ("Bí thư Tỉnh ủy Hà Nam", "Chủ tịch tỉnh"), the rest of the question
# or a break in the sentence. The first two words after the head are compared ("Giám đốc Sở Y tế" is not
# "Giám đốc Viễn thông", nor "Giám đốc Sở Tài chính"; "Trưởng ban" is "Trưởng Ban Chỉ đạo").
_COMPLEMENT_STOP = frozenset("là ai của hiện nay ở tại và với cùng đâu nào gì được do thì có không những tỉnh thành "
                             "huyện xã quận phường vậy v dự tham ký phát đã đang sẽ hôm đó ấy này kia còn".split())
# ("v": "vậy" as a phone types it; what the holder does ("Phó Trưởng ban dự hôm đó", "Trưởng ban ký") is no part of
# the role, nor a word pointing back ("trưởng ban đó", "Phó Trưởng ban còn lại": the committee said before)
# what the holder says or does, in two syllables ("đồng chí Trưởng ban đề nghị …"), folded; not "chỉ đạo", which
# names a body ("Trưởng Ban Chỉ đạo")
_COMPLEMENT_VERBS = frozenset({"de nghi", "yeu cau", "phat bieu", "ket luan", "nhan manh", "chu tri", "khang dinh",
                               "bao cao", "trinh bay", "quan ly", "phu trach", "giao nhiem"})
_COMPLEMENT_BREAK = re.compile(r"[,;:.()\[\]\-–—]|\s(?:đồng chí|ông|bà)\s")
COMPLEMENT_WORDS = 2
_COMMITTEE_PLACES = frozenset({"tỉnh", "thành", "huyện", "quận", "xã", "phường"})

Role = tuple[str, tuple[str, ...]]  # folded head ("pho chu tich") and the first words of its complement


def roles_in(text: str) -> set[Role]:
    """The roles `text` names, each with the first words of its complement."""
    lowered = vn.expand_abbreviations(vn.normalize(text)).lower()
    folded = vn.fold(lowered)
    if len(folded) != len(lowered):  # offsets below are shared by both forms
        folded = lowered
    roles = set()
    for m in _ROLE.finditer(folded):
        complement: list[str] = []
        words = re.findall(r"[^\W_]+|&", _COMPLEMENT_BREAK.split(lowered[m.end():], maxsplit=1)[0])
        for i, word in enumerate(words):
            # a place ends it ("Chủ tịch tỉnh"), but a party committee is a body ("Chánh Văn phòng Tỉnh ủy" is not
            # "Chánh Văn phòng Ủy ban nhân dân tỉnh")
            committee = word in _COMMITTEE_PLACES and words[i + 1:i + 2] == ["ủy"]
            if len(complement) == COMPLEMENT_WORDS or (word in _COMPLEMENT_STOP and not committee) or _ROLE.fullmatch(
                    vn.fold(word)) or vn.fold(" ".join(words[i:i + 2])) in _COMPLEMENT_VERBS:
                break
            if complement and complement[-1] == vn.fold(word):
                continue  # "trưởng ban BCĐ" spelled out is "trưởng ban Ban Chỉ đạo": one "ban"
            complement.append(vn.fold(word))
        roles.add((" ".join(m.group().split()), tuple(complement)))
    return roles


# "người đứng đầu" (the one at the head), "thủ trưởng" (an agency's head) ask for whoever holds a head's role,
# whichever it is
_HEAD_OF = re.compile(r"(?<!\w)(?:(?:người\s+)?đứng\s+đầu|thủ\s+trưởng(?!\s+(?:các|những|cơ quan,)))(?!\w)",
                      re.IGNORECASE)  # (not the heads of many: "thủ trưởng các sở, ban, ngành")
HEAD_ROLES = frozenset({"truong", "chu tich", "bi thu", "giam doc", "thu tuong", "tong thong", "chanh",
                        "chanh van phong",
                        "chu nhiem", "hieu truong", "bo truong", "vien truong", "cuc truong", "tong bi thu",
                        "to truong", "doi truong"})


# "Ngoài X (ra), …", "Ngoài X thì …", "Bên cạnh X, …", "ngoài X còn …": folded, at the question's start or after
# the setting it opens with ("QĐ 1875: ngoài X, …", "Tại hội nghị …, ngoài X còn …"): what it sets aside
ASIDE = re.compile(r"(?:[^:?]*:|[^:,?]*,)?\s*(?:ngoai|ben canh|tru)\s+(?P<x>[^,?]+?)(?:\s+ra)?"
                   r"(?:,|\s+thi\s|\s+(?=con\s))")


# "(không phải X)", "(trừ X)" anywhere: a bracket setting X aside ("Phó Trưởng ban (không phải Phó Trưởng ban thường
# trực) là ai?"), folded
_ASIDE_BRACKET = re.compile(r"\(\s*(?:khong phai|khong tinh|khong ke|tru|ngoai)\s+(?P<x>[^()]+?)\s*\)")


def set_aside(folded: str) -> re.Match[str] | None:
    """What a folded question sets aside, opening with it or in a bracket; the match's "x" group."""
    return ASIDE.match(folded) or _ASIDE_BRACKET.search(folded)


@lru_cache(maxsize=256)
def asked_roles(question: str) -> frozenset[Role]:
    """The roles a question names ("Phó Trưởng ban" → {("pho truong", ("ban",))}, "Giám đốc Sở Y tế tỉnh …" →
    {("giam doc", ("so", "y"))}; "người đứng đầu" → every head's role, of anything), but not one it sets aside
    ("ngoài Bí thư Tỉnh ủy còn những lãnh đạo nào …" asks for the others)."""
    text = vn.normalize(question)
    if (aside := set_aside(vn.fold(text).lower())) is not None:  # (folding keeps offsets)
        text = text[:aside.start("x")] + text[aside.end("x"):]
    roles = {_of_the_subject(text, role) for role in roles_in(text)}
    return frozenset(roles | ({(head, ()) for head in HEAD_ROLES} if _HEAD_OF.search(text) else set()))


# "<body> do ai làm <role>": the body is what the role is of ("Hội đồng tư vấn quốc gia … do ai làm chủ tịch" asks
# for its chairman, not the chairman of the National Assembly)
_WHO_HOLDS = re.compile(r"(?P<body>[^\W\d]+(?:\s+[^\W\d]+)+?)(?:\s+\S+){0,12}?\s+(?:do\s+)?ai\s+(?:làm|giữ chức|giữ)\s+"
                        r"(?P<role>[^\W\d]+(?:\s+[^\W\d]+){0,3})\s*[?.]?\s*$")
_NOT_A_BODY = frozenset("tinh thanh huyen xa quan phuong".split())  # folded
_OPENERS = frozenset("cho hỏi xin vậy thế v".split())  # "Cho hỏi …", "… vậy?": no part of the body or the role


def _of_the_subject(question: str, role: Role) -> Role:
    """A role with no complement of its own takes the first words of the body the question opens with, when it
    asks who holds the role of it; a place is no body ("Tỉnh Lào Cai do ai làm chủ tịch" leaves the role open)."""
    if role[1]:
        return role
    words = [w for w in vn.tokenize(vn.expand_abbreviations(question)) if w not in _OPENERS]
    m = _WHO_HOLDS.search(" ".join(words))
    if m is None or vn.fold(m.group("role")) != role[0] or vn.fold(m.group("body").split()[0]) in _NOT_A_BODY:
        return role
    return role[0], tuple(vn.fold(w) for w in m.group("body").split()[:COMPLEMENT_WORDS])


# "sở nào", "viện quốc gia nào", "hội trường nào": the kind of institution or venue asked for, which names of the
# answer start with (a hall is no school: "hội trường" is matched whole, before "trường")
# (not the second syllable of a common word: "những cơ sở nào" asks for facilities, "cán bộ nào" for officials)
_INSTITUTION_ASKED = re.compile(r"(?<!\w)(?<!cơ )(?<!cán )(?<!toàn )(?<!thị )(?<!môi )"
                                r"(hội trường|quảng trường|phòng họp|trụ sở|sở|bộ|viện|học viện|trường|quỹ|"
                                r"ngân hàng|bệnh viện|trung tâm|công ty|hội đồng|ủy ban|cục|tổng cục)(?:\s+\w+){0,2}"
                                r"\s+nào(?!\w)")


_DOCUMENT_ASKED = re.compile(rf"(?<!\w){DOCUMENT_ASKED}(?!\w)")


# "Kế hoạch số mấy", "… mang số hiệu gì": a document's number asked for
_NUMBER_ASKED = re.compile(r"(?<!\w)(?:số mấy|số bao nhiêu|số hiệu|ký hiệu|mang số|số nào)(?!\w)")
_TYPES_LONGEST_FIRST = sorted(vn.DOC_TYPES, key=len, reverse=True)
# a kind of document named without a number after it ("thực hiện Nghị quyết 57" names one the question knows)
_UNNUMBERED_TYPE = re.compile(rf"(?<!\w)({'|'.join(_TYPES_LONGEST_FIRST)})(?!\w)(?!\s+(?:số\s+)?\d)")


@lru_cache(maxsize=256)
def asked_document_type(question: str) -> str | None:
    """The kind of document whose number a question asks for, as vn.DOC_TYPES names it: the one a "which
    document" names ("kế hoạch nào"), or the last one named without a number before "số mấy"/"số hiệu"
    ("Chương trình hành động thực hiện NQ 57 … mang số hiệu gì?" asks a programme's number, not the
    resolution's; "… trên cơ sở tờ trình số mấy?" a submission's)."""
    lowered = vn.normalize(question).lower()
    m = _DOCUMENT_ASKED.search(lowered)
    if m is not None:
        return next((name for name in _TYPES_LONGEST_FIRST if m.group().startswith(name)), None)
    cue = _NUMBER_ASKED.search(lowered)
    named = [t.group(1) for t in _UNNUMBERED_TYPE.finditer(lowered[:cue.start()])] if cue else []
    # "còn kế hoạch của UBND tỉnh thì sao? (… chương trình hành động số mấy …)": the earlier question asked of the
    # kind the follow-up names, not of the one its carried topic names
    own = [t.group(1) for t in _UNNUMBERED_TYPE.finditer(CARRIED_TOPIC.sub("", lowered))] if cue else []
    if own and CARRIED_TOPIC.search(lowered):
        return own[-1]
    if named:
        return named[-1]
    # or the one it opens with: "Số hiệu Chương trình hành động … ở Bắc Kạn là gì?"
    after = _NAMED_AFTER_CUE.match(lowered[cue.end():]) if cue else None
    return after.group(1) if after else None


_NAMED_AFTER_CUE = re.compile(rf"\s+(?:của\s+)?({'|'.join(_TYPES_LONGEST_FIRST)})(?!\w)(?!\s+(?:số\s+)?\d)")
CARRIED_TOPIC = re.compile(r"\s*\([^()]*\)\s*$")  # what `chat.memory.standalone_question` appends to a follow-up
# "chương trình hành động và kế hoạch nào": two kinds of document asked at once
_TYPE_BESIDE = re.compile(rf"(?<!\w)({'|'.join(_TYPES_LONGEST_FIRST)})\s+(?:và|hoặc|hay|,)\s+{DOCUMENT_ASKED}(?!\w)")


def _type_asked_beside(question: str) -> str | None:
    """The kind of document asked beside the one a "which document" names ("CTr và KH nào": the programme's)."""
    m = _TYPE_BESIDE.search(CARRIED_TOPIC.sub("", vn.normalize(question).lower()))
    return m.group(1) if m else None


@lru_cache(maxsize=256)
def asked_institution(question: str) -> str | None:
    """The folded head of the institution or venue a "which" question names ("sở nào" → "so", "hội trường nào" →
    "hoi truong")."""
    m = _INSTITUTION_ASKED.search(vn.normalize(question).lower())
    return vn.fold(m.group(1)) if m else None


# "bao nhiêu doanh nghiệp", "mấy trạm": the noun counted, which a quantity answering it is a number of ("lần thứ mấy
# thông qua" asks which time, and counts nothing; "mấy nguồn nào", "mấy mục tiêu gì" ask which, as "những … nào")
_COUNTED = re.compile(r"(?<!\w)(?:bao nhiêu|(?<!thứ )mấy(?!(?:\s+\w+){1,3}?\s+(?:gì|nào|ai)(?!\w)))"
                      r"\s+(?P<noun>[^\W\d_]+)")
# "có mấy nhóm nhiệm vụ, là những nhóm nào": how many, then which of the same things, answered by naming them
COUNT_THEN_WHICH = re.compile(r"(?<!\w)(?:mấy|bao nhiêu)\s+(?P<noun>[^\W\d_]+)[^?.;]{0,60}?[\s,](?:là|gồm|gồm có|"
                              r"bao gồm|kể tên|nêu tên|liệt kê)\s+(?:ra\s+)?(?:những|các)\s+(?:(?P=noun)|gì)(?!\w)")


# What is measured rather than counted: "bao nhiêu tiền" is answered in "tỷ đồng", "bao nhiêu diện tích" in
# "km2", "bao nhiêu phần trăm" with "%" (general measurement vocabulary, first syllables)
# "tiền" folded: a question typed without diacritics may come back "tiễn" from the restorer
_DIMENSIONS_WRITTEN = frozenset("tiền diện dân chiều khoảng thời kinh vốn ngân lượng mức tỷ tỉ phần độ giá tổng số lâu"
                                .split())  # not "xa": folded, it is also "xã"
_DIMENSIONS = frozenset(vn.fold(w) for w in _DIMENSIONS_WRITTEN)
_DIMENSIONS_TONELESS = frozenset(vn.strip_tones(w) for w in _DIMENSIONS_WRITTEN)


def _dimension(word: str, plain: bool) -> bool:
    """Whether `word` measures rather than counts: by its letters in a question typed with diacritics, whatever
    its tone ("sở" is no "số"; "tiễn", a restorer's "tien", is "tiền"), folded in one typed without them."""
    if plain or vn.fold(word) == word:
        return vn.fold(word) in _DIMENSIONS
    return vn.strip_tones(word) in _DIMENSIONS_TONELESS


COUNTED_WORDS = 3  # of what a "how many" counts, compared with a quantity's unit words


# an amount of money asked: "bao nhiêu tiền" wants "38,2 tỷ đồng", not a share or a count
# (folded, "tiến độ", "tiến hành", "tiên phong", "tiện ích" are no "tiền")
_MONEY_WORDS = r"(?:tien(?!\s+(?:do|hanh|phong|ich|trinh|bo|toi|si)(?!\w))|kinh phi|von|ngan sach|chi phi|muc dau tu)"
_MONEY_ASKED = re.compile(r"(?<!\w)(?:(?:bao nhieu|may)\s+(?:tien|kinh phi|von|ngan sach)"  # folded
                          # its unit asked: "… bao nhiêu tỷ đồng?", "… bao nhiêu đồng?"
                          r"|(?:bao nhieu|may)\s+(?:(?:nghin\s+)?ty|trieu)\s+dong"
                          r"|(?:bao nhieu|may)\s+(?:(?:ty|trieu)(?:\s+dong)?|dong)(?=\s*[?.,;]|\s*$)"
                          rf"|{_MONEY_WORDS}(?:\s+\S+){{0,6}}?\s+(?:la\s+)?bao nhieu)(?!\w)"
                          # the subject of the whole question: "Kinh phí hoạt động hằng năm của Ban Chỉ đạo … tỉnh
                          # Hòa Bình là bao nhiêu?" measures it however long the phrase naming it
                          rf"|^(?:tong\s+)?{_MONEY_WORDS}(?!\w).*\sbao nhieu\s*\??$")
_SHARE = re.compile(r"(?<!\w)(?:ty le|ti le|phan tram|bao nhieu %)(?!\w)")  # "ngân sách chiếm bao nhiêu phần trăm"


# a price: "giá vàng hôm nay là bao nhiêu" ("gia" folded is also the "gia" of "tham gia": accented only)
_PRICE_ASKED = re.compile(r"(?<!\w)(?<!đánh )giá(?:\s+\S+){0,6}?\s+(?:là\s+)?bao nhiêu(?!\w)")


def asks_amount(question: str) -> bool:
    """Whether the question asks for an amount of money ("bao nhiêu tiền", "vốn điều lệ bao nhiêu", "kinh phí
    là bao nhiêu", "giá … bao nhiêu"), not a share of it, with or without diacritics."""
    question = CARRIED_TOPIC.sub("", question)  # (a follow-up's own words: "… bố trí bao nhiêu (dùng con dấu)")
    folded = folded_question(question)
    return bool(_MONEY_ASKED.search(folded) or _PRICE_ASKED.search(vn.normalize(question).lower())) and \
        not _SHARE.search(folded)


# "Số X … (là) bao nhiêu?", "Tổng số X … là bao nhiêu?": the noun counted opens the question
# (not "số hóa", to digitise: "Số hóa tài liệu … đạt bao nhiêu?" asks a share done, counting no "hóa")
_NUMBER_OF = re.compile(r"(?:tổng\s+)?số\s+(?!hóa(?!\w)|hoá(?!\w))(?:lượng\s+)?(?P<noun>[^\W\d_]+)")
_OPENING_WORD = re.compile(r"\s*(?P<noun>[^\W\d_]+)")
_BARE_COUNT = re.compile(r"(?<!\w)(?:bao nhiêu|mấy)\s*\??\s*$")


_PER = frozenset({"mỗi", "một", "hằng", "hàng"})  # "tăng bao nhiêu mỗi năm" asks a rate, it counts no years


@lru_cache(maxsize=256)
def counted_noun(question: str, plain: bool = False) -> tuple[str, ...] | None:
    """The folded first words of what a "how many" question counts, as a quantity's unit writes them ("bao
    nhiêu doanh nghiệp công nghệ số" → ("doanh", "nghiep", "cong")); None for a bare "là bao nhiêu", a stop
    word such as "người", or a dimension (`plain`: the question was typed without diacritics)."""
    words = counted_words(question, plain=plain)
    return None if words is None else tuple(vn.fold(w) for w in words.split())


# what ends the phrase of a thing counted ("… thôn, xóm chưa có sóng di động | vào năm 2030"): a preposition, a time
# or a conjunction opens another part of the sentence
_PHRASE_BREAKS = frozenset("vào trong tại ở đến từ theo của cho với về năm khi và là thì mà để do bởi nhưng".split()) \
    | frozenset(vn.PARTICLES) | {"rồi", "nè", "luôn", "hông"}  # ("… bao nhiêu phần trăm rồi nè?": said of nothing)


# "có mấy cái", "bao nhiêu chiếc": a classifier counts what the question named before it (folded: a question typed
# without diacritics may come back "cai", the "Cai" of Lào Cai)
_CLASSIFIERS = frozenset({"cai", "chiec"})


# a unit of an administrative level, counted as that level's units ("đơn vị hành chính cấp xã")
_UNIT_OF_LEVEL = re.compile(r"(?:đơn vị|địa phương)(?:\s+hành chính)?\s+cấp\s+"
                            r"(?P<level>huyện|xã|tỉnh|quận|phường)(?!\w)")


def counted_words(question: str, limit: int = COUNTED_WORDS, phrase: bool = False, plain: bool = False) -> str | None:
    """`counted_noun`'s words as the question writes them, lower-cased, at most `limit` ("doanh nghiệp công");
    with `phrase`, what is said of them too, up to a preposition or conjunction ("thôn, xóm chưa có sóng di
    động băng rộng", which an elliptic "… thì còn bao nhiêu?" asks again)."""
    lowered = vn.normalize(question).lower()
    # "trong mấy năm 2021 - 2024" names the years ("the few years"): the quantity asked is another one
    m = next((m for m in _COUNTED.finditer(lowered) if not re.match(r"\s+\d", lowered[m.end():])
              and not COUNT_THEN_WHICH.match(lowered, m.start())), None)
    if m is None and _BARE_COUNT.search(lowered):
        m = _NUMBER_OF.match(lowered)  # "Số thôn, xóm chưa có sóng … là bao nhiêu?" counts hamlets
        if m is None and phrase and (opening := _OPENING_WORD.match(lowered)) and \
                _dimension(opening.group("noun"), plain):
            m = opening  # "Tỷ lệ hồ sơ … xử lý trực tuyến ở Hòa Bình là bao nhiêu": what is measured opens it
    if m is None or m.group("noun") in vn.STOPWORDS or vn.fold(m.group("noun")) in _CLASSIFIERS or (
            m.group("noun") in _PER) or (
            _dimension(m.group("noun"), plain) and not phrase):
        return None  # a dimension is no noun counted, but what is measured may be asked again
    if level := _UNIT_OF_LEVEL.match(lowered, m.start("noun")):
        return level.group("level")  # "bao nhiêu đơn vị cấp huyện" counts districts ("10 huyện, thành phố")
    words: list[str] = []
    for word in re.findall(r"[^\W\d_]+|[^\w\s]", lowered[m.start("noun"):]):
        if phrase and word == "," and words and words[-1] != ",":
            words.append(word)
            continue
        if (not word[0].isalpha() or word in vn.INTERROGATIVES or len(words) - words.count(",") >= limit
                or word in (_PHRASE_BREAKS if phrase else vn.STOPWORDS) or (words and word == "cấp" and not phrase)):
            break  # ("nhiệm vụ cấp tỉnh" counts tasks at a level, which a sentence may name further on)
        words.append(word)
    return " ".join(words).replace(" ,", ",").rstrip(",")


@lru_cache(maxsize=256)
def folded_question(question: str) -> str:
    return " ".join(vn.fold(vn.normalize(question)).lower().split())


_ORDINAL_ASKED = re.compile(r"(?<!\w)thu may(?!\w)")  # folded "thứ mấy": which one of a series
# folded "ngày nào", "hôm nào", "ngày mấy": a day asked, which a year or a month alone does not tell
_DAY_ASKED = re.compile(r"(?<!\w)(?:ngay|hom|bua)\s+(?:nao|may|bao nhieu)(?!\w)")
# folded "thời hạn", "hạn chót", "hạn khi nào", "trước ngày nào", "bao giờ phải xong": a deadline asked, which the
# time a meeting took place does not tell
_DEADLINE_ASKED = re.compile(r"(?<!\w)(?:thoi han|han chot|han cuoi|"
                             r"(?:truoc|cham nhat)\s+(?:ngay|thoi diem|luc)\s+nao|"
                             r"han\s+(?:(?:hoan thanh|xong)\s+)?(?:nao|khi nao|bao gio|"
                             r"la (?:khi nao|bao gio|ngay nao))|"
                             r"(?:phai|hoan thanh|xong)\s+(?:truoc|trong|vao)\s+(?:ngay|thoi gian|khi|luc)\s+nao|"
                             # "phải xong trong tháng nào", "phải hoàn thành năm nào", "xong khi nào"
                             r"(?:phai\s+)?(?:hoan thanh|xong)\s+(?:(?:truoc|trong|vao)\s+)?"
                             r"(?:(?:thang|nam|quy)\s+(?:nao|may)|khi nao|bao gio))"
                             r"(?!\w)")
# how things stand, not where they should be: "theo thực trạng …", "hiện nay", "đến nay", "mới đạt bao nhiêu"
_CURRENT = re.compile(r"(?<!\w)(?:thuc trang|hien nay|hien tai|hien dang|den nay|moi dat|moi chi|"
                      # "hiện chiếm", "hiện có" (not the "hiện" of "thực hiện", "thể hiện", "phát hiện")
                      r"(?<!thuc )(?<!the )(?<!phat )(?<!xuat )hien\s+(?:chiem|co|dat|con|la)|"
                      r"(?<!bao gio )(?<!khi nao )moi co|"  # ("bao giờ mới có": when there will be)
                      r"da(?:\s+\w+){1,4}?\s+(?:bao nhieu|may))(?!\w)")  # ("đã kết nối được với bao nhiêu …")

# where things should be, folded: a target, a plan's figure, a year ahead ("mục tiêu", "phải đạt", "đến năm 2030")
_GOAL = re.compile(r"(?<!\w)(?:muc tieu|chi tieu|phan dau|dat ra|de ra|yeu cau|phai|can dat|du kien|tam nhin|"
                   r"dinh huong|huong toi|it nhat|toi thieu|ke hoach|kh|chuong trinh|ctr|"
                   r"(?:den|toi|vao|den het)\s+(?:nam\s+)?20(?:2[6-9]|[3-9]\d))(?!\w)")

# folded "bao lâu một lần", "mấy tháng một lần", "tần suất", "định kỳ bao lâu": how often
_OFTEN = re.compile(r"(?<!\w)(?:(?:bao lau|may (?:ngay|tuan|thang|quy|nam))\s+(?:mot|1)\s+lan|tan suat|"
                    r"dinh ky (?:bao lau|the nao|ra sao))(?!\w)")


@dataclass(frozen=True)
class Asked:
    """What one question asks of its fact (see the module's docstring)."""

    folded: str  # the question folded, lower-cased, one space: what a span must not merely repeat
    roles: frozenset[Role]
    counted: tuple[str, ...] | None
    amount: bool
    document_type: str | None
    institution: str | None
    ordinal: bool = False  # "lần thứ mấy": answered by "lần thứ mười bảy", not by a number of things
    share: bool = False  # "tỷ lệ … bao nhiêu", "bao nhiêu phần trăm": answered by a percentage
    day: bool = False  # "ngày nào": answered by "20/3" or "ngày 06 tháng 11", not by "năm 2025"
    current: bool = False  # "hiện nay", "theo thực trạng": answered by what stands, not by a target ("Đến năm 2030")
    often: bool = False  # "bao lâu một lần": answered by how often ("định kỳ hằng năm"), not by a length of time
    also_type: str | None = None  # "ban hành CTr và KH nào": a number of the programme is asked beside the plan's
    goal: bool = False  # "mục tiêu", "phải đạt", "đến năm 2030": a target may answer (else a figure is what stands)
    which_document: bool = False  # "văn bản nào", "kế hoạch nào": a document is asked for, not a named one's number
    deadline: bool = False  # "thời hạn nào", "hạn chót": answered by a date something is due by, not when one met


@lru_cache(maxsize=256)
def read_asked(question: str, plain: bool = False) -> Asked:
    """(`plain`: the question was typed without diacritics, `question` is its restored reading.)"""
    folded = folded_question(question)
    return Asked(folded, asked_roles(question), counted_noun(question, plain), asks_amount(question),
                 asked_document_type(question), asked_institution(question), bool(_ORDINAL_ASKED.search(folded)),
                 bool(_SHARE.search(folded)), bool(_DAY_ASKED.search(folded)), bool(_CURRENT.search(folded)),
                 bool(_OFTEN.search(folded)), _type_asked_beside(question), bool(_GOAL.search(folded)),
                 bool(_DOCUMENT_ASKED.search(vn.normalize(question).lower())), bool(_DEADLINE_ASKED.search(folded)))
