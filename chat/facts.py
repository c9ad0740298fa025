"""Where a sentence states the kind of fact a question asks for, in the forms real texts use.

"Khi nào" is answered by "22/12/2024", but also by "ngày 18 tháng 1 năm 1871", "năm 1815", "tháng 10/2025"
or "thế kỷ XIX"; "ai" by "Đặng Khánh Toàn" and by "Otto von Bismarck". The finders return the spans, so the
same code says whether a sentence holds the fact (evidence) and what the short answer is (the extractive
answerer), and the short answer is always a piece of the quoted sentence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection

from bcd import vietnamese as vn
from retrieval.asked import COUNTED_WORDS, Asked, Role, read_asked, roles_in
from retrieval.names import LOCAL_UNITS
from retrieval.question import Question, number_is_of_type

_U = vn.UPPERCASE_LETTERS
_ROMAN = r"[IVXLC]+"
_DATE_FORMS = re.compile(
    # a deadline's bound is part of it: "trước ngày 31/12/2025" is not "ngày 31/12/2025"
    r"(?:(?:trước|chậm nhất là|chậm nhất|không muộn hơn)\s+)?(?:"
    r"(?:(?:sáng|chiều|tối|trưa|đêm)\s+)?(?:ngày\s+)?" + vn.DATE_PATTERN +
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s+năm\s+\d{1,4})?"
    r"|tháng\s+(?:\d{1,2}|" + _ROMAN + r")(?:\s*/\s*\d{4}|\s+năm\s+\d{1,4})?"
    r"|(?:thế kỷ|thế kỉ|thập niên|thập kỷ)\s+(?:thứ\s+)?(?:" + _ROMAN + r"|\d{1,4})(?:\s+(?:TCN|SCN))?"
    r"|quý\s+(?:[1-4]|IV|I{1,3})(?:\s*/\s*\d{4}|\s+năm\s+\d{4})?"  # "Quý II/2026"
    r"|(?:năm|niên khóa|mùa|quý)\s+(?:\d{1,4}(?:\s*[-–]\s*\d{1,4})?|" + _ROMAN + r")(?:\s+(?:TCN|SCN))?"
    r"|(?<![\d.,/])(?:1\d|20)\d\d(?![\d.,/%])"
    r"|(?<!\w)sau khi\s+[^\W\d_]+(?:\s+[^\W\d_]+){1,4})",  # a time set by an event: "sau khi hoàn thành nhiệm vụ"
    re.IGNORECASE,
)
# "một" (also "a": "một số", "một cách"), "năm" (also "year") and "tỷ" (also "tỷ lệ") never start a count
_NUMERAL = r"(?:hai|ba|bốn|sáu|bảy|tám|chín|mười)"
_NUMBER_WORD = r"(?:một|hai|ba|bốn|tư|lăm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|ngàn|triệu|tỷ|tỉ)"
# a bound said before a quantity is part of it ("trên 80%" is not "80%"); what is said after it, its unit, not a
# preposition opening the rest of the sentence ("80% trong quý 1/2026")
_BOUND = r"(?:(?:trên|hơn|dưới|gần|khoảng|xấp xỉ|ít nhất|tối thiểu|tối đa|không quá|không dưới)\s+)?"
_AFTER = r"(?!(?:trong|của|tại|ở|với|cho|và|theo|vào|từ|so|là|được|đã|trên|dưới|đến|tới)(?!\w))"
_LEADING_BOUND = re.compile("^" + _BOUND, re.IGNORECASE)
_QUANTITY = re.compile(
    # a number, or a range, not glued to letters ("4G", "3D" are names)
    r"(?<![\w/.,-])" + _BOUND + vn.NUMBER_PATTERN + r"(?:\s*(?:[-–]|đến|tới)\s*" + vn.NUMBER_PATTERN + r")?(?!\w)"
    r"(?:\s*%|\s+(?:phần trăm|triệu|tỷ|tỉ|nghìn|ngàn|trăm)(?!\w))?(?:\s+" + _AFTER + r"[^\W\d_]+){0,2}"
    rf"|(?<!\w)(?<!thứ ){_NUMERAL}(?:\s+{_NUMBER_WORD})*(?:\s+[^\W\d_]+){{1,2}}",  # "thứ hai" is an ordinal
    re.IGNORECASE,
)
_PERIOD_UNIT = r"(?:ngày|tuần|tháng|quý|năm)"
_OFTEN = re.compile(rf"(?<!\w)(?:(?:định kỳ\s+)?(?:hằng|hàng|mỗi)\s+{_PERIOD_UNIT}"
                    rf"|(?:định kỳ\s+)?(?:\d+|một|hai|ba|sáu)\s+{_PERIOD_UNIT}\s+(?:một|1)\s+lần"
                    rf"|định kỳ\s+(?:(?:\d+|hai|ba|sáu)\s+)?{_PERIOD_UNIT})(?!\w)", re.IGNORECASE)
_PERCENT = re.compile(r"%|(?<!\w)phần trăm(?!\w)", re.IGNORECASE)
# the words of a body's name: capitalised, the first of them and any after "và" with the lower-case syllable
# that completes it ("Sở Khoa học và Công nghệ", "Sở Y tế"); later ones plain ("… tỉnh Lào Cai", not "Lào Cai tổ
# chức"), or written in capitals ("KH&CN")
_END = r"(?=[\s,.;:()]|$)"
_CAPITALS = rf"[{_U}&][{_U}&]+{_END}"
_WORD_PLAIN = rf"[{_U}][^\W\d_]*{_END}"
_WORD_WHOLE = rf"[{_U}](?:[^\W\d_{_U}][^\W\d_]*)?(?:\s+[^\W\d_{_U}][^\W\d_]*)?{_END}"
ORGANISATION = re.compile(
    rf"(?<!\w)(?:Ban|Sở|Bộ|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Công ty|Tập đoàn|Trường|"
    rf"Viện|Hội|Đảng|Quốc hội|Chính phủ|Tổng cục|Cục|Trung tâm|Văn phòng|Học viện|Đại học|Tỉnh đoàn|Thành đoàn|"
    rf"Công an|Hiệp hội|Liên đoàn|Mặt trận)"
    rf"(?:\s+(?:{_CAPITALS}|{_WORD_WHOLE}))?"
    rf"(?:\s+{_CAPITALS}|\s+{_WORD_PLAIN}|\s+và\s+{_WORD_WHOLE}|\s+(?:nhân dân|chỉ đạo|thường vụ|tỉnh|thành phố|ủy|uỷ)"
    rf"(?!\w)){{0,12}}"
)


_DAY = re.compile(vn.DATE_PATTERN + r"|ngày\s+\d", re.IGNORECASE)  # a date that names its day


def names_day(span: str) -> bool:
    """Whether a date names its day ("chiều 17/11", "ngày 06 tháng 11"), not only a month or a year."""
    return bool(_DAY.search(span))


# what sets a date as a deadline right before it: "trước ngày" (part of the span), "hoàn thành trong tháng 02/2026",
# "đến năm 2028", "Thời hạn hoàn thành: Tháng 10/2026"; a meeting's "diễn ra chiều 17/11" is when it took place
_DUE_BEFORE = re.compile(r"(?<!\w)(?:trong|đến|tới|hết|hạn|xong|hoàn thành|kịp)\s*$|:\s*$", re.IGNORECASE)
_DUE_SPAN = re.compile(r"(?:trước|chậm nhất|không muộn hơn)(?!\w)", re.IGNORECASE)


def _due_by(sentence: str, span: str) -> bool:
    """Whether the sentence sets the date `span` as a deadline, not as the time something took place."""
    at = sentence.find(span)
    return bool(_DUE_SPAN.match(span) or _DUE_BEFORE.search(sentence[max(0, at - 24):at]))


def _date_spans(sentence: str) -> list[str]:
    return [m.group().strip() for m in _DATE_FORMS.finditer(sentence)]


# "giai đoạn 2021-2025": a period, no count
_YEAR_RANGE = re.compile(r"(?<![\d.,/])(?:1\d|20)\d\d\s*[-–]\s*(?:1\d|20)\d\d(?![\d/]|[.,]\d)")


_SHORT_QUOTE = re.compile(r"[“\"][^“”\"\n]{1,24}[”\"]")


def _quantity_spans(sentence: str) -> list[str]:
    """Quantities with their unit words; the digits of dates and document numbers (full or short: "Nghị quyết
    57") and ordinals are not quantities."""
    masked = sentence
    for number in vn.find_doc_numbers(sentence):
        masked = masked.replace(number, " " * len(number))
    for a, b in vn.short_reference_spans(masked):
        masked = masked[:a] + " " * (b - a) + masked[b:]
    masked = _YEAR_RANGE.sub(lambda m: " " * len(m.group()), masked)
    for ordinal in vn.ordinal_spans(masked):  # "lần thứ mười bảy" counts nothing ("bảy" in it is no quantity)
        masked = masked.replace(ordinal, " " * len(ordinal))
    for span in _DATE_FORMS.finditer(masked):
        if "/" in span.group() or re.search(r"ngày|tháng|năm|quý|thế kỷ", span.group(), re.IGNORECASE):
            masked = masked[:span.start()] + " " * (span.end() - span.start()) + masked[span.end():]
    return [m.group().strip() for m in _QUANTITY.finditer(masked)]


# units officials count together, a comma between them: "17 thôn, xóm", "3.000 cán bộ, công chức, viên chức"
PAIRED_UNITS = re.compile(r"(?:,\s*(?:xóm|bản|làng|tổ dân phố|phường|thị trấn|công chức|viên chức|người lao động)"
                          r"(?!\w))+")


def _name_spans(sentence: str) -> list[str]:
    return [value for _, value in vn.name_runs(sentence)]


def _body_name_spans(sentence: str) -> list[str]:
    """Capitalised runs that may name a body, less the opening of a kind of document ("Nghị" of "thực hiện Nghị
    quyết"): a resolution carries out nothing; and less the codes of a document's number."""
    folded = vn.fold(sentence).lower()
    numbers = [(a, b) for _, a, b in vn.doc_number_spans(sentence)]  # ("CTr" of "35-CTr/TU" names no body)
    return [value for at, value in vn.name_runs(sentence)
            if not any(folded.startswith(kind, at) for kind in _FOLDED_KINDS if " " in kind)
            and not any(a <= at < b for a, b in numbers)]


_FOLDED_KINDS = tuple(vn.fold(kind) for kind in vn.DOC_TYPES)


def _place_spans(sentence: str) -> list[str]:
    """Provinces, and names a sentence sets as places: after a locative word ("tại Hội trường …", "ở Paris",
    "huyện Đà Bắc", "công quốc Schleswig") or headed by a kind of place ("Trung tâm Hội nghị Quốc gia"); not any
    capitalised word ("Cơ quan chủ trì: Sở Giáo dục và Đào tạo; Thời hạn …" names no place, nor "Steve Jobs")."""
    provinces = [m for m in vn.province_mentions(sentence)]
    venues = [(m.start(), m.end()) for m in _VENUE.finditer(sentence)]  # "Hội trường UBND tỉnh", whole
    units = [m.group() for m in _UNITS.finditer(sentence)]  # "thành phố Hòa Bình và huyện Lương Sơn": both
    return units + provinces + [sentence[a:b].strip() for a, b in venues] + [
        value for at, value in vn.name_runs(sentence) if value not in provinces
        and not any(a <= at < b for a, b in venues)
        and (_LOCATIVE.search(sentence[max(0, at - LOCATIVE_REACH):at]) or _PLACE_HEAD.match(value))]


_UNIT = rf"(?:thành phố|{LOCAL_UNITS})"
_NAMED = rf"[{vn.UPPERCASE_LETTERS}]\w*(?:\s+[{vn.UPPERCASE_LETTERS}]\w*)*"
# local units named together, as one place ("tại thành phố Hòa Bình và huyện Lương Sơn")
_UNITS = re.compile(rf"(?<!\w){_UNIT}\s+{_NAMED}(?:\s*(?:,|và)\s*{_UNIT}\s+{_NAMED})+")
LOCATIVE_REACH = 24  # characters before a name where its locative word stands ("tại trụ sở Ủy ban …")
# general locative vocabulary: prepositions of place and kinds of place or administrative unit
# ("xã hội", society, "văn bản", a document, and "hồ sơ", a file, are no commune, village or lake)
_LOCATIVE = re.compile(r"(?<!\w)(?:tại|ở|trên|đến|tới|từ|về|sang|miền|vùng|huyện|xã(?!\s+hội)|phường|quận|thị xã|"
                       r"thị trấn|thành phố|tỉnh|bang|nước|quốc gia|công quốc|vương quốc|đế quốc|lãnh thổ|thủ đô|"
                       r"điểm cầu|trụ sở|hội trường|khu|làng|thôn|(?<!văn )bản|sông|núi|đảo|biển|châu|hồ(?!\s+sơ))"
                       r"\s+(?:[^\s,;:.()]+\s+){0,2}$", re.IGNORECASE)
# a building or hall named by its kind and whose it is, in lower case after the kind: up to a break
_VENUE = re.compile(r"(?<!\w)(?:(?i:hội trường|trụ sở|phòng họp)|Nhà văn hóa|Nhà văn hoá|Trung tâm Hội nghị)\s+"
                    r"[^,;:.()\n]{2,60}?"
                    r"(?=\s*(?:[,;:.()\n]|$|\s(?:với|và|cùng|có|đã|được)\s))")
_PLACE_HEAD = re.compile(r"(?:Hội trường|Trung tâm Hội nghị|Nhà|Sân|Quảng trường|Khu|Thành phố|Huyện|Xã|Tỉnh|"
                         r"Thủ đô|Đảo|Sông|Núi|Biển|Vịnh|Hồ|Cung|Trụ sở)\s")


# a telephone number ("0218.3852.123", "(0228) 3 636 999", "+84 912 345 678"), an e-mail address or a web address
_CONTACT = re.compile(r"(?<![\w/.-])(?:\+84|\(?0\d{2,3}\)?)[\s.-]?\d{1,4}(?:[\s.-]?\d{2,4}){1,3}(?![\w/-])"
                      r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?:https?://|www\.)[^\s,;]+|(?<![\w@])[\w-]+(?:\.[\w-]+)*"
                      r"\.(?:gov|com|org|edu|net)\.vn(?:/[^\s,;]*)?", re.IGNORECASE)
# a thing likened to another in quotes: "được coi như một “khoán 10”", "là “chìa khóa vàng”", "ví như “đòn bẩy”"
_LIKENED = re.compile(r"(?<!\w)(?:như|là|ví|giống)\s+(?:một\s+|những\s+|các\s+)?[“\"](?P<it>[^“”\"\n]{2,40})[”\"]",
                      re.IGNORECASE)
FINDERS: dict[str, Callable[[str], list[str]]] = {
    "contact": lambda s: [m.group().rstrip(".") for m in _CONTACT.finditer(s)],
    "doc_number": vn.find_doc_numbers,
    "date": _date_spans,
    "count": _quantity_spans,
    "person": vn.person_names,
    "organisation": lambda s: [m.group().strip() for m in ORGANISATION.finditer(s)] + _body_name_spans(s),
    "place": _place_spans,
    "likeness": lambda s: [m.group("it") for m in _LIKENED.finditer(s)],
}


# what a body's name goes on with after its head: "về" and its field, lower-case words to a clause's end
_FIELD = re.compile(r"\s+về(?:,?\s+[^\W\d_]+){1,12}?(?=\s*[;:.()]|\s+về\s|\s*$)")


def _with_field(text: str, names: list[str]) -> list[str]:
    """The names with the field written after them, where one is: a name the question says in full ("viện quốc
    gia nào?") is answered by what follows it."""
    return [f"{name} {field.group().strip()}" for name in names for at in [text.find(name)] if at >= 0
            for field in [_FIELD.match(text, at + len(name))] if field]


ADJACENT_CHARS = 40  # "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị": what stands by a number is its own


def _same_role(asked: Role, stated: Role) -> bool:
    """Same head, and complements agreeing as far as both go (a label "Trưởng ban:" has none to compare); an
    asked word may be the initials of stated ones ("PCT TT UBND" is "Phó Chủ tịch Thường trực UBND")."""
    if asked[0] != stated[0]:
        return False
    words, at = stated[1], 0
    for word in asked[1]:
        if at >= len(words):
            break
        if words[at] == word:
            at += 1
        elif len(word) > 1 and "".join(w[0] for w in words[at:at + len(word)]) == word:
            at += len(word)
        else:
            return False
    return True


def holds_role(text: str, name: str, roles: Collection[Role]) -> bool:
    """Whether the person `name` in `text` is given one of `roles`: in the apposition after the name (up to the
    next person or ";"), or in the title or label just before it ("Trưởng Ban Chỉ đạo Đặng Khánh Toàn",
    "Phó Trưởng ban: Ông …")."""
    at = text.find(name)
    if at < 0:
        return False
    after = re.split(r"[;]|\s(?:đồng chí|ông|bà)\s", text[at + len(name):], maxsplit=1, flags=re.IGNORECASE)[0]
    before = re.split(r"[,;.]", text[:at])[-1]  # a label ("Phó Trưởng ban thường trực: Ông …") is a title too
    stated = roles_in(before) | roles_in(after)
    return any(_same_role(asked, role) for asked in roles for role in stated)


_MONEY = re.compile(r"(?<!\w)(?:đồng|usd|vnd|vnđ|euro)(?!\w)|\$", re.IGNORECASE)  # an amount of money written


# what a quantity's number is written with before its unit: digits, "%", "-", number words ("hai trăm")
_COUNT_WORD = re.compile(rf"[\d.,%–-]+|{_NUMBER_WORD}|phần|trăm|đến|tới", re.IGNORECASE)


def _counts(span: str, noun: tuple[str, ...], sentence: str, share: bool = False) -> bool:
    """A quantity counts the noun when its unit words are it ("120 doanh nghiệp"; "doanh nghiệp công nghệ số"
    is not "doanh nghiệp khởi nghiệp" once both say three words), or when it is a bare number in a sentence
    naming the noun ("số doanh nghiệp đạt 120")."""
    span = _LEADING_BOUND.sub("", span, count=1)
    words = vn.fold(span).lower().split()
    # the unit opens with the noun: "3 trọng điểm" counts no "điểm cầu"
    opening = next(itertools.dropwhile(lambda w: _COUNT_WORD.fullmatch(w) is not None, span.lower().split()), "")
    if vn.fold(opening) == noun[0]:
        after = re.split(r"[,;:.()]", sentence[max(sentence.find(span), 0):].lower(), maxsplit=1)[0].split()
        after = [vn.fold(w) for w in itertools.takewhile(lambda w: w not in vn.STOPWORDS, after[1:])]  # as asked
        unit = after[after.index(noun[0]):] if noun[0] in after else []
        # the head's first syllable and the first modifier's agree (the head's second may be misspelt), or the words
        # after the head stand together a little further on ("12 lớp bồi dưỡng kỹ năng số" are "lớp kỹ năng số")
        return len(noun) < COUNTED_WORDS or len(unit) < COUNTED_WORDS or unit[COUNTED_WORDS - 1] == noun[-1] or any(
            tuple(unit[i:i + len(noun) - 1]) == noun[1:] for i in range(2, 2 + COUNTED_SLACK))
    # a share ("74,2%") is no number of them, unless a share is what is asked; a number of "đơn vị" counts what
    # the sentence calls them ("cơ sở đào tạo … có 2 đơn vị là …")
    bare = all(re.fullmatch(vn.NUMBER_PATTERN + ("%?" if share else ""), w) for w in words) or (
        " ".join(words[1:]) in _CLASSIFIERS and re.fullmatch(vn.NUMBER_PATTERN, words[0]) is not None)
    # the sentence names the whole noun: "có" folded is no "cơ quan"
    folded = " ".join(vn.fold(sentence).lower().split())
    return bare and re.search(rf"(?<!\w){' '.join(noun)}(?!\w)", folded) is not None


COUNTED_SLACK = 2  # words a quantity's unit may put between its head and the rest of what is counted
_CLASSIFIERS = frozenset({"don vi", "nguoi", "cai", "chiec"})  # folded: units that count anything


def fact_spans(kind: str | None, sentence: str, question: str = "", doc_numbers: list[str] | None = None,
               event: bool = False, about_document: bool = True) -> list[str]:
    """`spans_asked` for a question given as text."""
    return spans_asked(kind, sentence, read_asked(question), doc_numbers, event, about_document)


_BEFORE_WHICH = re.compile(r"(\w+)\s+thu\s+may(?!\w)")  # folded: "xếp thứ mấy", "phiên họp thứ mấy", "lần thứ mấy"


def _ordinal_head(folded_question: str) -> str | None:
    """The word a question asks the ordinal of ("xep" in "xếp thứ mấy", "hop" in "phiên họp thứ mấy")."""
    found = _BEFORE_WHICH.search(folded_question)
    return found.group(1) if found else None


def _ordinals_of(text: str, head: str | None) -> list[str]:
    """The ordinals `text` states of the same thing as the question's (`head`): "xếp thứ mấy" is a rank, not
    the "phiên họp thứ nhất" the sentence names its meeting by; any ordinal when the question names no head. The
    head may be the first word of a compound: "phiên thứ mấy" is answered by "phiên họp thứ hai"."""
    spans = []
    for span in vn.ordinal_spans(text):
        at = text.find(span)
        words = re.findall(r"\w+", vn.fold(vn.normalize(text[max(0, at - 30):at] + span)).lower())
        ranked = max((i for i, w in enumerate(words) if w in ("thu", "dau")), default=len(words))
        if head is None or head in words[max(0, ranked - 2):ranked] or vn.fold(span).lower().startswith(head):
            spans.append(span)
    return spans


def spans_asked(kind: str | None, sentence: str, asked: Asked, doc_numbers: list[str] | None = None,
                event: bool = False, about_document: bool = True) -> list[str]:
    """The spans of `sentence` that state a fact of `kind`, leaving out what the question itself says. When the
    question cites documents (`doc_numbers`, comparable keys) and the sentence states a fact right after one
    of them, only spans standing next to it count: they are that document's date, issuer or signer, not the
    date of another document the same sentence goes on to name; when the question asks something else than a
    field of the document (not `about_document`: "ai trình bày dự thảo báo cáo thực hiện NQ 57?") for a person
    or a count, and none stands next to it, any span not standing right after another document's number
    counts. When the date asked is an `event`'s (a meeting took place), a date written as part of a
    document's citation ("Nghị quyết số 57-NQ/TW ngày 22/12/2024") is that document's, not the event's."""
    if kind is None:
        return []
    text = vn.normalize(sentence)
    # "lần thứ mấy" is answered by "lần thứ mười bảy", or by a number where no ordinal is written ("iPhone 4")
    head = _ordinal_head(asked.folded) if kind == "count" and asked.ordinal else None
    found = kind == "count" and asked.ordinal and [
        s for s in _ordinals_of(text, head) if " ".join(vn.fold(s).lower().split()) not in asked.folded]
    if not found and head is not None:
        # no ordinal written: only a number right after a name the question writes ("thế hệ thứ mấy của iPhone":
        # "iPhone 4"), not any ("khoán 10" ranks no meeting; "năm 2025" is no "Nam" Định's; "số 57-NQ/TW" is a
        # document's number)
        folded = vn.fold(text).lower()  # (folding keeps offsets)
        named = set(re.findall(r"\w+", asked.folded)) - {"thu", "may"}
        found = [text[m.start(2):m.end(2)] for m in re.finditer(r"(?<!\w)(\w+)\s+(\d+)(?![\d/-]|[.,]\d)", folded)
                 if m.group(1) in named and not text[m.start(1):m.end(1)].islower()]
    found = found or (FINDERS[kind](text) if head is None else [])

    def not_asked(candidates: list[str]) -> list[str]:
        keys = {s: " ".join(vn.fold(s).lower().split()) for s in candidates}
        return list(dict.fromkeys(s for s in candidates if keys[s] and keys[s] not in asked.folded))

    spans = not_asked(found)
    if kind == "organisation":  # "viện quốc gia nào?": a name the question says, with its field ("Viện Quốc gia
        spans += not_asked(_with_field(text, [s for s in found if s not in spans]))  # về tiêu chuẩn và kiểm định")
    if kind == "person" and not spans and not asked.roles and _BY_WHOM.search(asked.folded):
        # "do ai quản lý?", "ai chủ trì?" are answered by the body a sentence puts a thing in the hands of ("do Văn
        # phòng Tỉnh ủy quản lý", "Văn phòng Tỉnh ủy chủ trì thực hiện")
        spans = not_asked([m.group("agent") for m in _BY_AGENT.finditer(text)] + _running_bodies(text))
    if kind == "person" and not asked.roles and (whose := _WHOSE.search(asked.folded)):
        # "dùng con dấu của ai?" is answered by whose the sentence says the thing is ("con dấu của Sở"), before any
        # name it holds (an owner is what is asked, whatever it shares with the question: "Sở" folds to "số")
        folded = vn.fold(text).lower()  # (folding keeps offsets)
        spans = [owner for m in re.finditer(rf"(?<!\w){whose.group('thing')}\s+cua\s+", folded)
                 if (owner := _owner(text, m.end()))] or spans
    if kind == "person" and not asked.roles and (partner := _WITH_WHOM.search(asked.folded)):
        # "phối hợp với ai?" is answered by whom the sentence says the work is done with ("phối hợp với các doanh
        # nghiệp viễn thông hoàn thành …"), a group no capital marks
        folded = vn.fold(text).lower()
        spans = [found for m in re.finditer(rf"(?<!\w){partner.group('verb')}\s+voi\s+", folded)
                 if (found := _partner(text, m.end(), asked.folded))] or spans
    if kind == "person" and not spans and not asked.roles and (cells := labelled_cells(text)):
        # "ai đứng ra tổ chức?" is answered by a task row's body ("Cơ quan chủ trì: Tỉnh đoàn Hòa Bình"), where
        # a table names no one; a sentence that mentions a body ("thành viên Ban Chỉ đạo đã nghe …") is no answer
        spans = not_asked([m.group().strip() for _, value in cells for m in ORGANISATION.finditer(value)
                           if " " in m.group().strip()])
    if kind == "doc_number" and doc_numbers and not about_document:
        # "văn bản nào để thực hiện NQ 57?" is answered by another document's number, not by the one it cites
        spans = [s for s in spans if vn.doc_number_key(s) not in doc_numbers]
    if kind == "doc_number" and asked.document_type:  # "kế hoạch nào": a KH ("CTr và KH nào": either)
        spans = [s for s in spans if any(number_is_of_type(vn.doc_number_key(s), t)
                                         for t in (asked.document_type, asked.also_type) if t)]
    if kind == "organisation" and asked.institution:  # "sở nào" is answered by a "Sở …"
        spans = [s for s in spans if vn.fold(s).lower().startswith(asked.institution)]
    if kind == "place" and asked.institution:  # "hội trường nào" by a hall ("tại Hội trường UBND tỉnh"), not a province
        spans = [s for s in spans if asked.institution in vn.fold(s).lower()]
    if kind == "count":  # a number in a short quoted name or slogan ("như một “khoán 10”") counts nothing, unless
        # the question names it ("khoán mấy?")
        quoted = [m for m in _SHORT_QUOTE.finditer(text) if not set(
            re.findall(r"[^\W\d_]+", vn.fold(m.group()).lower())) <= set(asked.folded.split())]
        spans = [s for s in spans if not any(s in m.group() for m in quoted)]
    if kind == "count" and asked.counted:  # "44.881 đảng viên" is no count of enterprises
        spans = [s for s in spans if _counts(s, asked.counted, text, share=asked.share)]
    if kind == "count" and asked.often:  # "bao lâu một lần" is answered by "định kỳ hằng năm", "6 tháng một lần"
        spans = not_asked([m.group() for m in _OFTEN.finditer(text)])
    if kind == "count" and asked.amount:  # "bao nhiêu tiền" is not answered by "100% hợp tác xã"
        spans = [s for s in spans if _MONEY.search(s)]
    if kind == "count" and asked.share and not asked.amount:  # "tỷ lệ … bao nhiêu" wants a percentage
        spans = [s for s in spans if _PERCENT.search(s)]
    if kind == "date" and asked.day:
        spans = [s for s in spans if names_day(s)]
    if kind == "date" and asked.deadline:
        spans = [s for s in spans if _due_by(text, s)]
    if kind == "person" and asked.roles:  # a member named beside a head is not the head
        spans = [s for s in spans if holds_role(text, s, asked.roles)]
    if kind == "likeness":
        return spans  # (what a resolution is likened to is no field of its citation, however far from it)
    numbers = vn.doc_number_spans(text)
    if kind == "date" and event:
        spans = [s for s in spans if not any(_CITATION_GAP.fullmatch(text[b:text.find(s)]) for _, _, b in numbers
                                             if text.find(s) >= b)]
    cited = [(a, b) for number, a, b in numbers if vn.doc_number_key(number) in (doc_numbers or [])]

    def after(span: str, ends: list[int]) -> bool:  # (in the same clause: "…57-NQ/TW; đồng chí … Trần Thanh Mẫn
        at = text.find(span)                          # trình bày …" names the next clause's subject)
        return any(0 <= at - b <= ADJACENT_CHARS and ";" not in text[b:at] for b in ends)

    if doc_numbers and about_document and not cited and kind != "doc_number":
        # the sentence does not name the document asked about: what stands right after another one's number
        # ("Nghị quyết số 57-NQ/TW ngày 22/12/2024") is that one's date or issuer
        return [s for s in spans if not after(s, [b for _, _, b in numbers])]
    if cited and kind != "doc_number":
        def before(span: str) -> bool:
            end = text.find(span) + len(span)
            return any(0 <= a - end <= ADJACENT_CHARS and ";" not in text[end:a] for a, _ in cited)

        near = [s for s in spans if after(s, [b for _, b in cited])] or [s for s in spans if before(s)]
        if near or about_document or kind not in ("person", "count"):  # a date, a place, a body by a citation
            return near  # are most often the document's own
        return [s for s in spans if not after(s, [b for _, _, b in numbers])]
    return spans


# "do <agent> <verb>": who runs, leads or carries out a thing (the verbs of running one, a closed set), or issues
# or signs it
RUNNING_VERBS = ("quản lý", "chủ trì", "thực hiện", "tổ chức", "phụ trách", "đầu tư", "vận hành", "theo dõi",
                 "đôn đốc", "giám sát")
# folded "do ai …", "ai quản lý": by whom a thing is run
# "… con dấu của ai": the thing whose owner is asked (folded, its last two words); an owner written after "của" in
# a sentence is a body ("Ủy ban nhân dân tỉnh") or a name's first word ("Sở", "Tỉnh ủy")
_WHOSE = re.compile(r"(?P<thing>\w+\s+\w+)\s+cua\s+ai(?!\w)")
_OWNER = re.compile(rf"[{vn.UPPERCASE_LETTERS}][\w&]*")
_TITLE = re.compile(rf"[{vn.UPPERCASE_LETTERS}]\w*(?:\s+[^\W\d]+){{0,2}}?\s+(?=[{vn.UPPERCASE_LETTERS}])")


_WITH_WHOM = re.compile(r"(?P<verb>phoi hop|hop tac|lam viec|ky ket|lien ket)\s+voi\s+ai(?!\w)")
# where a partner's words end: what the work is ("để", "hoàn thành …"), when, or the question's own words again
_PARTNER_ENDS = frozenset({"de", "nham", "trong", "truoc", "hoan", "thuc", "trien", "to", "xay", "tham",
                           "va", "tai", "o", "theo", "ve", "cho"})
MAX_PARTNER_WORDS = 6


def _partner(text: str, at: int, question: str) -> str:
    """Whom a thing is done with, written at offset `at`: a body by its name, else the words up to what the work
    is ("các doanh nghiệp viễn thông")."""
    if (body := ORGANISATION.match(text, at)) and " " in body.group().strip():
        return body.group().strip()
    asked = set(question.split())
    words: list[str] = []
    for m in re.finditer(r"[^\s,;.:()]+|[,;.:()]", text[at:]):
        folded = vn.fold(m.group()).lower()
        if not m.group()[0].isalnum() or folded in _PARTNER_ENDS or (words and folded in asked) \
                or len(words) == MAX_PARTNER_WORDS:
            break
        words.append(m.group())
    return " ".join(words) if len(words) > 1 else ""


def _owner(text: str, at: int) -> str:
    """Who a thing is said to be of, written at offset `at`: a body ("Ủy ban nhân dân tỉnh"), a post of one
    ("Giám đốc Sở Khoa học và Công nghệ") or a name's first word ("Sở"); "" when nothing capitalised stands there."""
    if (title := _TITLE.match(text, at)) and (body := ORGANISATION.match(text, title.end())):
        return text[at:body.end()].strip()
    found = ORGANISATION.match(text, at) or _OWNER.match(text, at)
    return found.group().strip() if found else ""


_BY_WHOM = re.compile(rf"(?<!\w)(?:do ai|ai (?:{'|'.join(vn.fold(v) for v in RUNNING_VERBS)}))(?!\w)")
# after a body's name (its words in lower case too: "Trung tâm Phục vụ hành chính công chủ trì"): the body runs it
_RUNNING = re.compile(rf"[^,;:.()?]{{0,50}}?\s(?P<verb>{'|'.join(RUNNING_VERBS)})(?!\w)")
# a body named with its field before the verb ("Ban Chỉ đạo về phát triển khoa học, công nghệ, … tỉnh theo dõi")
_RUNNING_WITH_FIELD = re.compile(rf"\s+về(?:,?\s+[^\W\d_]+){{1,16}}?\s(?P<verb>{'|'.join(RUNNING_VERBS)})(?!\w)")
_BY_AGENT = re.compile(r"(?<!\w)do\s+(?P<agent>[^\W\d_][^,;:?()]{1,60}?)\s+(?:"
                       + "|".join((*RUNNING_VERBS, "ban hành", "ký")) + r")(?!\w)")
_CITATION_GAP = re.compile(r"[\s,]*(?:ngày\s*)?")  # between a document's number and its own date


def _running_bodies(text: str) -> list[str]:
    """The bodies a sentence says run a thing ("Văn phòng Tỉnh ủy chủ trì thực hiện"): each the last body named
    before its verb ("Ủy ban nhân dân tỉnh giao Sở Tài chính chủ trì" → "Sở Tài chính")."""
    bodies = list(ORGANISATION.finditer(text))
    return [text[m.start():verb.start("verb")].strip() for i, m in enumerate(bodies)
            if (verb := _RUNNING.match(text, m.end()) or _RUNNING_WITH_FIELD.match(text, m.end())) and not any(
                m.end() <= later.start() < verb.start("verb") for later in bodies[i + 1:])]


def whole_spans(spans: list[str]) -> list[str]:
    """The spans that are no piece of a longer one, which is no fact of its own ("Tỉnh" of "Văn phòng Tỉnh ủy";
    folded, "Phú Yên" the province read in "huyện Phù Yên")."""
    folded = {s: vn.fold(s).lower() for s in spans}
    return [s for s in spans if not any(s != other and folded[s] in folded[other] for other in spans)]


def asked_fact_spans(question: Question, sentence: str) -> list[str]:
    """`fact_spans` for what the analysed question asks."""
    if question.kind == "role":
        spans = role_spans(vn.person_names(question.text), sentence)
        if body := _ROLE_WITHIN.search(vn.fold(vn.expand_abbreviations(question.text)).lower()):
            # "… giữ vai trò gì trong Ban Chỉ đạo?" is answered by his post in that body, not by his other posts
            head = body["body"].split()[0] if body["body"].startswith("ban") else body["body"]  # ("Trưởng ban")
            spans = [span for span in spans if re.search(rf"(?<!\w)(?:{head}|uy vien|thanh vien)(?!\w)",
                                                         vn.fold(vn.expand_abbreviations(span)).lower())]
        return spans
    spans = spans_asked(question.kind, sentence, question.asked, question.doc_numbers, question.asks_event_date,
                        about_document=question.document_field is not None)
    if question.asks_meeting_date:  # nor is a deadline a meeting sets ("… hoàn thành trước ngày 30/6/2026") its day
        text = vn.normalize(sentence)
        spans = [s for s in spans if not _due_by(text, s)]
    return spans


# (folded, abbreviations spelled out) the body a post is asked in: "vai trò gì trong Ban Chỉ đạo (đó)"
_ROLE_WITHIN = re.compile(r"(?:vai tro|chuc vu|chuc danh|vi tri|cuong vi|chuc)\s+(?:gi|nao)\s+(?:o\s+)?trong\s+"
                          r"(?P<body>ban chi dao|hoi dong|to giup viec|uy ban|ban)(?!\w)")


# what a person's posts are followed by in a sentence: what they did ("… Trưởng Ban Chỉ đạo chủ trì phiên họp")
_DEED = re.compile(r"\s(?:chủ trì|phát biểu|khẳng định|nhấn mạnh|đề nghị|yêu cầu|cho biết|dự(?! khuyết)|tham dự|ký|"
                   r"báo cáo|"
                   r"trình bày|kết luận|giao|đánh giá|biểu dương|ghi nhận|đồng ý|làm|là|đã|cùng|và các)(?!\w)")


def role_spans(people: list[str], sentence: str) -> list[str]:
    """The posts a sentence gives the people a question names: the roles written after the name, between commas
    ("đồng chí Hà Quang Tuấn, Chủ tịch Ủy ban nhân dân tỉnh, Trưởng Ban Chỉ đạo chủ trì …" → "Chủ tịch Ủy ban nhân
    dân tỉnh, Trưởng Ban Chỉ đạo"), or the label the name is listed under ("Phó Trưởng ban thường trực: Ông …")."""
    text = vn.normalize(sentence)
    found = []
    for name in people:
        at = text.find(name)
        if at < 0:
            continue
        after = re.split(r"[;:()]|\.(?=\s|$)", text[at + len(name):], maxsplit=1)[0]
        after = re.sub(r"^\s+[-–]\s+", ", ", after)  # "đồng chí Trịnh Việt Hùng - Bí thư Tỉnh ủy, …": a dash, a comma
        posts = []
        for part in after.split(",")[1:]:
            part = _DEED.split(part, maxsplit=1)[0].strip()
            if not part or not roles_in(part):
                break
            posts.append(part)
        label = re.search(r"([^;:.,()]{3,60}):\s*(?:(?:Ông|Bà|Đồng chí|đồng chí)\s+)?$", text[:at])
        if label and roles_in(label.group(1)):
            posts.insert(0, label.group(1).strip())
        if posts:
            found.append(", ".join(posts))
    return found


def states_asked_fact(question: Question, sentence: str) -> bool:
    return bool(asked_fact_spans(question, sentence))


# A task-table row as the loaders write it: "3. Nhiệm vụ: …; Cơ quan chủ trì: …; Thời hạn hoàn thành: …"
_CELL = re.compile(r"(?:^|;\s*)(?:\d+[.)]\s*)?(?P<label>[^:;]{2,40}?):\s*(?P<value>[^;]+)")
MIN_CELLS = 2


def labelled_cells(sentence: str) -> list[tuple[str, str]]:
    """The (column name, value) cells of a table row, [] for an ordinary sentence."""
    cells = [(m.group("label").strip(), m.group("value").strip(" .")) for m in _CELL.finditer(sentence)]
    return cells if len(cells) >= MIN_CELLS and all(len(label.split()) <= 6 for label, _ in cells) else []


NAMED_CELL_SHARE = 0.6  # of a cell's words in the question: the cell is what the question names (a task) …
NAMED_CELL_WORDS = 4  # … when it says that much: a body's short name shares its place with the question


def asked_cell(question: str, sentence: str, context: str = "") -> str | None:
    """The value of the row's cell whose column the question names ("cơ quan nào chủ trì …" → the value under
    "Cơ quan chủ trì"): the column sharing the most words with the question, at least two, more than any
    other column; not a cell whose value the question itself, or the `context` it is asked in, mostly says (the
    task it asks about)."""
    asked = {vn.fold(t).lower() for t in vn.tokenize(vn.normalize(question))}
    said = asked | {vn.fold(t).lower() for t in vn.tokenize(vn.normalize(context))}

    def named(value: str) -> bool:  # the task the question names is what it asks about, not what it asks
        words = {vn.fold(t).lower() for t in vn.content_tokens(value)}
        return len(words) >= NAMED_CELL_WORDS and len(words & said) >= NAMED_CELL_SHARE * len(words)

    tokens = [vn.fold(t).lower() for t in vn.tokenize(vn.normalize(question))]
    asking = [i for i, t in enumerate(tokens) if t in _QUESTION_WORDS]

    def nearness(label: set[str]) -> int:  # "nhiệm vụ … thì sở nào chủ trì": the column named by the question word
        return -min((abs(i - j) for i, t in enumerate(tokens) if t in label for j in asking), default=len(tokens))

    scored = sorted((((len(words & asked), nearness(words)), value) for label, value in
                     labelled_cells(vn.normalize(sentence)) if not named(value)
                     for words in [{vn.fold(t).lower() for t in vn.tokenize(label)}]), key=lambda x: x[0], reverse=True)
    if not scored or scored[0][0][0] < 2 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
        return None
    return scored[0][1]


_QUESTION_WORDS = frozenset({"nao", "ai", "gi", "dau", "may", "bao"})  # folded: the word that asks
