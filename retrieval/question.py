"""One analysis of the user's question, made once per reading and passed to every later step.

Retrieval, evidence selection, the refusal decision and every generator used to re-derive what they needed
from the raw string, each in its own way, so an informal question that retrieval understood ("nq57 bcd lao
cai") could still be refused by a check that never saw its spelled-out form. Here the question is read once:
normalised, restored (diacritics) and expanded (abbreviations), with the kind of fact it asks for, the
document numbers it cites, the places it names (with how sure we are) and the words that distinguish it
from a near-miss (names, numbers, negation).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, reduce

from bcd import vietnamese as vn
from retrieval.acronyms import AcronymReader
from retrieval.asked import (CARRIED_TOPIC, COUNT_THEN_WHICH, DOCUMENT_ASKED, Asked, asked_document_type, read_asked,
                             roles_in)
from retrieval.committees import asked_committee
from retrieval.coverage import KeyTerms, key_terms
from retrieval.names import CorpusNames
from retrieval.restore import DiacriticRestorer

# what happens on a date, not what a document is: the subject of "… ngày nào" when the question names a document
# a meeting held, and what asks a deadline instead ("phải hoàn thành … trước ngày nào?")
_MEETING_HELD = re.compile(r"(?<!\w)(?:họp|hội nghị|phiên họp|cuộc họp|hội thảo|diễn ra|khai mạc)(?!\w)")
_DEADLINE_WORDS = re.compile(r"(?<!\w)(?:hoàn thành|thời hạn|hạn|xong|trước ngày|chậm nhất|phải)(?!\w)")
_EVENT = re.compile(r"(?<!\w)(?:diễn ra|tổ chức|khai mạc|bế mạc|hội nghị|phiên họp|cuộc họp|hội thảo|họp|sơ kết|"
                    r"tổng kết|phát động|ra mắt|khánh thành|"
                    # or a deadline a document sets: never the date it was itself issued on
                    r"hoàn thành|thời hạn|hạn chót|trước ngày)(?!\w)")


class EmptyQueryError(ValueError):
    """A question with nothing to search for."""


# The kind of fact a question asks for, from its question words. Cues are matched on the accented text;
# their folded forms only when the question was typed without diacritics, so "bộ máy" never reads as
# "mấy" (how many) and "hồ sơ" never as "họ" (they). Order matters: "năm nào" is a date, not a count.
_KIND_CUES: list[tuple[str, str]] = [
    # a way to reach a body ("số điện thoại hoặc email của cơ quan thường trực"): only a number, an address or a
    # link written out answers it, not the body's name
    ("contact", r"(?:số\s+)?điện thoại|số fax|e-?mail|thư điện tử|hotline|đường dây nóng|"
                r"địa chỉ (?:website|trang web|trang thông tin|liên hệ)"),
    # what a thing is likened to ("Bí thư ví Nghị quyết 57 như cái gì?", "được coi như gì", "hình ảnh ẩn dụ nào"): a
    # figure of speech, which a speech gives in quotes ("được coi như một “khoán 10”")
    ("likeness", r"(?:ví|coi|xem|so sánh)\s+(?:[^?]{1,60}?\s+)?(?:như|giống|với|là)\s+(?:một\s+)?(?:cái\s+|điều\s+)?"
                 r"(?:gì|những gì)|giống (?:như )?(?:cái )?gì|(?:hình ảnh|ẩn dụ|cách ví|hình tượng)(?:\s+ẩn dụ)?"
                 r"\s+(?:nào|gì)"),
    ("doc_number", r"số hiệu|văn bản số|số mấy|ký hiệu|(?<!ký )số văn bản|" + DOCUMENT_ASKED),
    # ("mỗi năm bao nhiêu cán bộ" counts people each year: no year asked)
    ("date", r"ngày nào|khi nào|bao giờ|thời gian nào|thời hạn nào|hạn chót nào|hạn cuối nào|lúc nào|ngày mấy|"
             r"tháng nào|"
             r"(?<!mỗi )(?<!hằng )(?<!hàng )(?:năm nào|năm bao nhiêu|năm mấy)|"
             r"thời điểm nào|thế kỷ nào|thập niên nào|giai đoạn nào|hồi nào|ngày bao nhiêu|hôm nào|bữa nào|"
             # a unit of time before "mấy"/"nào" names one ("tháng mấy"); after it counts them ("mấy tháng")
             r"tháng mấy|quý mấy|quý nào|tuần nào|tuần mấy|"
             # "Thời gian tổ chức phiên họp …" asks when it took place (not "… kéo dài bao lâu", how long)
             r"(?:thời gian|thời điểm)\s+(?:tổ chức|diễn ra|khai mạc|bế mạc|họp|ban hành|ký|thông qua)"
             r"(?![^?]*bao lâu)"),
    # ("mấy quy định gì", "gồm mấy ai": how many and which, answered by naming them: a list, not a count)
    ("count", r"bao nhiêu|mấy(?!(?:\s+\w+){0,3}?\s+(?:gì|nào|ai)(?!\w))|tỷ lệ|tỉ lệ|số lượng|phần trăm|bao lâu|bao xa"),
    # "Cơ quan phối hợp của nhiệm vụ … là gì?", "… thì cơ quan thường trực là ai?" ask for bodies, as "cơ quan nào
    # phối hợp" does (before "ai", a person)
    ("organisation", r"(?:^|thì\s+|(?<=[,:])\s*)(?:cơ quan|đơn vị)\s+"  # (":" after a heading: "KH 99: cơ quan …")
                     r"(?:chủ trì|phối hợp|thường trực|đầu mối|tham mưu|thực hiện)"
                     r"(?:(?=[^?]*(?<!tên)\slà\s+(?:gì|ai|những\s+\w+(?:\s+\w+)?\s+nào)\s*\??$)|"
                     r"(?![^?]*\s(?:gì|nào|sao|bao|mấy|đâu|khi|không|ai)(?!\w)))"),  # (or of no other question word)
    # whom a report goes to is a body ("… định kỳ báo cáo ai?": "báo cáo Ban Thường vụ Tỉnh ủy")
    ("organisation", r"(?:báo cáo|trình|xin ý kiến)(?:\s+(?:kết quả|định kỳ))?\s+(?:(?:cho|lên|về|với)\s+)?ai"
                     r"(?!\s+(?:là|làm|giữ|chủ trì))"),
    ("person", r"ai|người nào|đồng chí nào|đ/c nào|ông nào|bà nào|vị nào|nhân vật nào|người đứng đầu|"
               r"(?<!cơ quan )(?<!ban )lãnh đạo nào|thành viên nào|đại biểu nào|cán bộ nào"),
    ("organisation", r"cơ quan nào|đơn vị nào|tổ chức nào|(?<!cơ )sở nào|(?<!cán )(?<!toàn )bộ nào|ban nào|"
                     r"ban chỉ đạo nào|công ty nào|trường nào|"
                     # "viện quốc gia nào" asks for an institute, not a country
                     r"(?:viện|học viện|trung tâm|quỹ|ngân hàng|bệnh viện|hội đồng|ủy ban|(?<!hội )(?<!quảng )trường)"
                     r"(?:\s+\w+){1,2}\s+nào"),  # ("trường đại học nào" asks for a university, "hội trường" a hall)
    # ("đứng ở đâu so với cả nước" asks a standing, not a place)
    ("place", r"(?<!cấp )tỉnh nào|địa phương nào|(?<!đứng )ở đâu|tại đâu|nơi nào|nước nào|quốc gia nào|thành phố nào|"
              r"vùng nào|khu vực nào|đâu là nơi|địa điểm nào|địa bàn nào|"
              # a hall or a square is a place ("hội trường nào" holds no school, "trường nào")
              r"(?:hội trường|quảng trường|phòng họp|trụ sở)\s+nào|"
              r"(?<!cấp )(?:huyện|xã|phường|thị xã|thị trấn|thôn|bản|quận)\s+nào"),  # "những huyện nào chậm …"
]


def _cue(cue: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The cue as a whole-word pattern, accented and folded."""
    return re.compile(rf"(?<!\w)(?:{cue})(?!\w)"), re.compile(rf"(?<!\w)(?:{vn.fold(cue)})(?!\w)")


def _match(cue: tuple[re.Pattern[str], re.Pattern[str]], lowered: str, without: bool) -> re.Match[str] | None:
    """Where the cue occurs: on the accented text, or folded when the question was typed without diacritics; in a
    question typed partly with them ("tổng kinh phí nq 12 hoa binh la bao nhieu", a phone's autocorrect giving up
    half-way) the folded cue matches only a part typed without them, since its pattern has none."""
    found = cue[0].search(lowered) or cue[1].search(lowered if without else _plain_words(lowered))
    if found is not None or without:
        return found
    # a cue typed half with diacritics, half without ("tên la gì"): every word typed with them is one of the cue's
    return next((m for m in cue[1].finditer(_folded(lowered))
                 if _typed_partly(cue[0].pattern, lowered[m.start():m.end()])), None)


def _typed_partly(cue: str, span: str) -> bool:
    """Whether `span` writes some words of a cue without diacritics and the rest as the cue spells them."""
    words = re.findall(r"\w+", span)
    accented = [w for w in words if vn.fold(w) != w]
    return bool(accented) and len(accented) < len(words) and set(accented) <= _cue_words(cue)


@lru_cache(maxsize=None)
def _cue_words(cue: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", cue))


def _matches(cue: tuple[re.Pattern[str], re.Pattern[str]], lowered: str, without: bool) -> list[re.Match[str]]:
    """Every place `_match` may find the cue ("Sở nào …, đơn vị nào …": the "vị nào" of the second is part of a
    longer cue wherever the first match of another lies)."""
    return [*cue[0].finditer(lowered), *cue[1].finditer(lowered if without else _plain_words(lowered))]


@lru_cache(maxsize=64)  # (asked once per cue of a question: kept for the few questions of a turn)
def _folded(lowered: str) -> str:
    return vn.fold(lowered)


@lru_cache(maxsize=64)
def _plain_words(lowered: str) -> str:
    """The text with every word that carries a diacritic blanked out (offsets kept): its parts typed plain."""
    return re.sub(r"\w+", lambda m: m.group() if vn.fold(m.group()) == m.group() else " " * len(m.group()), lowered)


_KIND_PATTERNS = [(name, _cue(cue)) for name, cue in _KIND_CUES]
_COUNT_THEN_WHICH_FOLDED = re.compile(vn.fold(COUNT_THEN_WHICH.pattern))
_NAME_ASKED = _cue(r"tên là gì|tên gì|họ tên|họ và tên")  # a name asked, of someone or of something
_SOMEONE = _cue(r"(?<!đơn )vị(?! trí)|người|đồng chí|đ/c|ông|bà|cán bộ")  # not "đơn vị", "vị trí"
_NUMBER_OF_DOCUMENT = re.compile(r"(?<!\w)(?<!con )số bao nhiêu(?!\w)")  # not "con số" (a figure)
# (a role, not what its holder asks of another: "đồng chí Trưởng ban đề nghị … phối hợp với cơ quan nào" asks a body)
# "mấy X đó/ấy/kia": a few things said before, pointed back at ("mấy ổng" of southern speech too), not a count
_REFERRING_FEW = re.compile(r"(?<!\w)(?:mấy|may)(?:\s+\w+){1,3}?\s+(?:đó|này|ấy|kia|ay)(?!\w)|(?<!\w)mấy ổng(?!\w)")
_COMRADE_IN_ROLE = _cue(r"(?:đồng chí|đ/c)\s+(?P<role>(?:(?!\s(?:với|cho|để|đề nghị|yêu cầu|giao|phối hợp)\s)[^,;?])"
                        r"{1,60}?)\s+nào")
_ROLE_OF_WHICH_PROVINCE = _cue(r"(?P<role>(?:[^\W\d]+\s+){1,7}tỉnh)\s+nào")  # "Chủ tịch UBND tỉnh nào"
# why the asker asks, before a colon: no part of what is asked ("Nhằm đối chiếu tiến độ họp của các tỉnh: …")
_PURPOSE_FIRST = re.compile(r"^(?:nhằm|để|phục vụ|với mục đích|nham|de|phuc vu|voi muc dich)\s[^:?]{3,120}:\s*",
                            re.IGNORECASE)
# What a question asks about a document it cites (one number, written out or short): its subject, who
# issued it, when. Matched like the kind cues.
_DOCUMENT_CUES: list[tuple[str, str]] = [
    # when it takes effect, which its own closing sentence says ("có hiệu lực kể từ ngày ký"), not its date
    ("effect", r"hiệu lực"),
    ("signer", r"ai ký|người ký|do ai ký|ký bởi|ai là người ký|ai đã ký|chữ ký của ai|nào ký|nào đã ký|"
               r"ký thay[^?]{0,100}?là ai|"  # "Vị lãnh đạo ký thay Chủ tịch ban hành KH 99 là ai?"
               r"ký thay(?: cho)? ai|thay mặt ai|"  # on whose behalf: "KT. Trưởng ban", "T/M Ủy ban nhân dân"
               r"nào thay mặt [^?]{0,40} ký|"
               r"ký[^?]{0,60}?(?:với |bằng |ở )?(?:tư cách|cương vị|chức vụ|chức danh|thẩm quyền) (?:gì|nào)"),  # and
    # as whom, by what authority ("KT. Trưởng ban")
    ("number", r"số hiệu|số ký hiệu|số mấy|ký hiệu là gì|mang số"),
    ("subject", r"về vấn đề gì|về việc gì|về nội dung gì|về gì|nói về|nội dung gì|nội dung chính|đề cập|trích yếu|"
                r"thành lập(?:\s+(?!ngày|năm|tháng|khi|lúc|bao)\S+){0,3}\s+(?:gì|nào)"),  # "thành lập BCĐ gì"
    # who receives it ("gửi tới những cơ quan Trung ương nào", "nơi nhận") and what it is issued on ("căn cứ vào
    # những văn bản nào"), before the issuer's "cơ quan nào"
    ("recipients", r"nơi nhận|(?:được )?gửi (?:tới|đến|cho|về|lên)(?:\s+[^\s?]+){0,5}?\s+(?:nào|ai|đâu)|"
                   r"gửi (?:những )?ai|gửi (?:những |các )?(?:nơi )?đâu|"
                   # "gửi những nơi nào", "gửi TW những nơi nào"
                   r"gửi(?:\s+[^\s?]+){0,2}?\s+(?:những |các )?(?:nơi|cơ quan|đơn vị)(?: \S+)? nào|"
                   # "có gửi Bộ Chính trị không?": whether one is among them
                   r"có (?:được )?gửi(?:\s+[^\s?]+){1,8}?\s+không|"
                   r"(?:ai|cơ quan nào|đơn vị nào|những ai) (?:được )?nhận"  # the document, not "nhận hỗ trợ"
                   rf"(?=\s*(?:[?.!,;]|$|văn bản|{'|'.join(sorted(vn.DOC_TYPES, key=len, reverse=True))}))"),
    ("bases", r"căn cứ (?:vào )?(?:những |các )?(?:văn bản |luật |cơ sở )?(?:nào|gì|đâu)|căn cứ pháp lý|cơ sở pháp lý|"
              r"dựa (?:trên|vào) (?:những |các )?(?:văn bản|căn cứ|cơ sở)(?: pháp lý)? (?:nào|gì)"),
    # ("giao ai ban hành quy chế …" asks who is to issue something else; "cơ quan đảng nào" is still the issuer)
    ("issuer", r"cơ quan(?: đảng| nhà nước| chính quyền)? nào|(?<!giao )(?<!cho )ai ban hành|ban hành bởi|do ai|"
               r"của ai|cấp nào"),
    ("date", r"ngày nào|ngày tháng(?: năm)? nào|khi nào|bao giờ|thời gian nào|lúc nào|ngày mấy|ngày bao nhiêu|"
             r"thời điểm nào|hồi nào|hôm nào|"
             r"(?<!từ )ngày (?:ban hành|ký)(?! \S+ nào)"),  # "ngày ban hành của NQ 12" (not "kể từ ngày ban hành")
]
# A question is about the document when it asks how the document came to be ("ban hành", "ký") or when,
# apart from the reference, the issuer's name and the question words, it says almost nothing else
# ("NQ57 về vấn đề gì?"); "Hội nghị của Ban Chỉ đạo Nghị quyết 57 diễn ra khi nào?" asks about a meeting.
_ISSUING = r"ban hành|(?<!chữ )ký(?! số)|ra đời|thông qua|có hiệu lực|" \
    r"(?:(?<=\d )|(?<=tu )|(?<=ubnd )|(?<=bcđ ))ra(?= (?:ngày|hôm|hồi|khi|lúc|bao giờ|vào|năm|tháng))"
# (not "chữ ký số", "ký số văn bản"; "NQ 12 ra ngày nào", "12-NQ/TU ra hồi nào" as it is spoken: issued right after
# the document's number, not "diễn ra", "đề ra")
_ISSUING_PATTERNS = _cue(_ISSUING)
_REFERENCE_WORDS = frozenset(vn.fold(w) for w in " ".join([*vn.DOC_TYPES, *vn.DOC_TYPES.values()]).lower().split())
MAX_OTHER_WORDS = 2
# what only a document has, however the question describes it ("Quyết định 1875 thành lập BCĐ chính quyền số Hòa
# Bình căn cứ vào những văn bản nào?" names its subject besides its number)
_OF_DOCUMENTS_ONLY = frozenset({"bases", "recipients"})
# "… là quyết định của ai?": what "của ai" asks of is the document (its kind named right before), folded
_TYPE_WORDS = sorted({vn.fold(t).lower() for t in (*vn.DOC_TYPES, *vn.DOC_TYPES.values())}, key=len, reverse=True)
_OF_THE_DOCUMENT = re.compile(rf"(?<!\w)(?:{'|'.join(_TYPE_WORDS)}|van ban|la)\s*$")
# (unless it asks more besides: "… căn cứ vào văn bản nào và triển khai cho năm nào?"), folded
_ASKS_MORE = re.compile(r"(?<!\w)(?:nao|gi|ai|bao nhieu|dau|may|sao)(?!\w)")
_DOCUMENT_PATTERNS = [(name, _cue(cue)) for name, cue in _DOCUMENT_CUES]
# a news article and who wrote it ("Bài viết về … là của đơn vị nào?", "tin này ai viết?")
# ("Tin về phiên họp …", not "thông tin về …")
_ARTICLE = _cue(r"bài viết|bài báo|bản tin|tin bài|bài đăng|bài tin|(?:bài|tin) (?:này|đó|ấy|trên)|"
                r"(?<!thông )(?:bài|tin) về")
_AUTHOR = _cue(r"ai viết|tác giả|người viết|ai đưa tin|nguồn tin|nguồn nào|nguồn từ đâu|của ai|của đơn vị nào|"
               r"của cơ quan nào|do ai|do đơn vị nào|do cơ quan nào|(?:đơn vị|cơ quan) nào (?:viết|đăng|thực hiện)|"
               r"ai thực hiện|ai đăng|phóng viên nào|ai chụp|người chụp")
_TYPE_PATTERNS = _cue("|".join(sorted(vn.DOC_TYPES, key=len, reverse=True)))
_LIST_CUE = re.compile(r"(?<!\w)(?:những|các)(?!\w).*(?<!\w)(?:nào|gì)(?!\w)|"
                       r"(?<!\w)(?:gồm|liệt kê|kể tên|kể ra|so sánh|danh sách|những ai|nhung ai|"
                       r"(?:kể|nêu)\s+(?:vài|một vài|một số|mấy)|"  # "Kể vài quy định …"
                       r"mấy(?:\s+\w+){0,3}?\s+(?:gì|nào|ai))(?!\w)")  # "ban hành mấy quy định gì"
_LIST_CUE_FOLDED = re.compile(vn.fold(_LIST_CUE.pattern))  # ("nhung nhiem vu gi", "liet ke")
_NEGATION = frozenset({"không", "chưa", "chẳng", "chả", "đừng", "chớ"})
_PLACE_INTRO = re.compile(r"(?:tỉnh|thành phố|tp\.?|huyện|xã|tinh|thanh pho)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Place:
    name: str  # canonical province name
    confidence: float  # 1.0 written as a name or introduced by "tỉnh"; 0.5 a lower-case question's guess


@dataclass(frozen=True)
class Question:
    """What every step needs to know about one reading of the question."""

    text: str  # normalised, as typed (an acronym no table lists spelled out)
    dense_text: str  # what is embedded: diacritics restored, abbreviations spelled out
    terms: list[str]  # lexical terms, as for a chunk at ingest
    folded: bool  # typed without diacritics: match the folded index
    kind: str | None = None  # doc_number, date, count, person, organisation, place, role (of a person it names),
    # contact, likeness (a figure of speech)
    # each kind asked with the clause asking it, in order, when clauses ask several ("Phiên họp … ngày nào, ai chủ
    # trì?" → (("date", "Phiên họp … ngày nào"), ("person", "ai chủ trì"))); () when one kind is asked
    kinds: tuple[tuple[str, str], ...] = ()
    is_list: bool = False
    doc_numbers: list[str] = field(default_factory=list)  # comparable keys (vn.doc_number_key)
    number_references: dict[str, str] = field(default_factory=dict)  # key → short reference ("57-nq")
    document_field: str | None = None  # asked about the one document it names: signer, number, subject, issuer,
    # date; or the byline of the news article it describes (author)
    also_asked: tuple[str, ...] = ()  # more fields asked of it: "do ai ký, ký ngày nào?" → ("date",)
    document_type: str | None = None  # the kind of document it names ("quyết định"), number or not
    places: list[Place] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)  # folded names and numbers the question states
    unknown_names: list[str] = field(default_factory=list)  # names it states that the corpus never writes
    # of them, the documents (by number) and departments: what no document's header, citation or task row speaks of
    unknown_references: list[str] = field(default_factory=list)
    departments: frozenset[str] = frozenset()  # the provincial departments it names (vn.departments_named)
    negated: bool = False
    ordinals: frozenset[int] = frozenset()  # "phiên họp thứ hai" → {2}: its evidence must state the same
    key: KeyTerms = field(default_factory=lambda: KeyTerms({}, []))

    @property
    def asked(self) -> Asked:
        """What it asks of its fact (a role, a counted thing, money, a kind of document or institution), read
        from its spelled-out reading once (`read_asked` keeps it)."""
        return read_asked(self.dense_text, self.folded)

    @property
    def committee(self) -> frozenset[str]:
        """The distinctive words of the steering committee it names, read from its spelled-out reading
        ("BCĐ CĐS tỉnh X" → {chuyen, doi}); empty when it names none."""
        return asked_committee(self.dense_text)

    @property
    def asks_event_date(self) -> bool:
        """A date asked of something that happened ("hội nghị diễn ra ngày nào", "hội nghị quán triệt Nghị quyết
        57 tổ chức ngày nào"), not of a document it names ("KH 29 ra ngày nào"). The event is read from the
        restored reading, so "hoi nghi quan triet nq 57 to chuc ngay nao" asks about the meeting too."""
        return self.kind == "date" and self.document_field is None and (
            not self.doc_numbers or bool(_EVENT.search(self.dense_text.lower())))

    @property
    def asks_meeting_date(self) -> bool:
        """The day a meeting took place ("Tổ công tác họp phiên thứ nhất ngày nào?"), not a deadline it set."""
        lowered = self.dense_text.lower()
        return self.kind == "date" and bool(_MEETING_HELD.search(lowered)) and not _DEADLINE_WORDS.search(lowered)

    @property
    def provinces(self) -> list[str]:
        return confident_provinces(self.places)

    def numbers_cited_by(self, text: str) -> set[str]:
        """The question's document numbers that `text` cites, written out or by short reference (a passage
        that says "Nghị quyết 57" cites 57-NQ/TW when that is what the question's "NQ57" means)."""
        if not self.doc_numbers:
            return set()  # (nothing to look for: the text is not read)
        written = {vn.doc_number_key(n) for n in vn.find_doc_numbers(text)}
        short = set(vn.short_references(text)) if self.number_references else set()
        return {key for key in self.doc_numbers if key in written or self.number_references.get(key) in short}


def confident_provinces(places: list[Place]) -> list[str]:
    """Folded lower-case names of the places named with confidence (not a lower-case question's guess)."""
    return [vn.fold(p.name).lower() for p in places if p.confidence >= 1.0]


def analyse_question(question: str, restorer: DiacriticRestorer | None = None,
                     idf: Callable[[str], float] | None = None, informal: bool = True,
                     references: Mapping[str, set[str]] | None = None,
                     acronyms: AcronymReader | None = None, names: CorpusNames | None = None) -> Question:
    """The question read once. `restorer` restores diacritics of a question typed without them, `idf`
    weighs its words (rare words count more); `informal=False` turns both and the abbreviations off.
    `references` (the corpus's full numbers by short reference) let "NQ57" mean 57-NQ/TW when the corpus
    cites exactly one such document; `acronyms` spell out an acronym no table lists ("CQS") as the corpus
    writes it, before anything else reads the question; `names` tells the names the corpus never writes."""
    text = " ".join(vn.normalize(question).split())
    if not vn.tokenize(text):
        raise EmptyQueryError("the question is empty: type a question in Vietnamese")
    text = _PURPOSE_FIRST.sub("", text) or text  # "Nhằm đối chiếu …: phiên họp … ngày nào?" asks what follows
    unknown_names = names.unknown(text) if names is not None else []
    unknown_references = names.unknown_departments(CARRIED_TOPIC.sub("", text)) if names is not None else []
    # typed without diacritics: what the user typed, whatever a follow-up's carried topic (with them) adds
    # (and whatever name a follow-up's rewriting put in: "Trần Quốc Cường muon DB ra khoi nhom nao?" is typed plain)
    typed = CARRIED_TOPIC.sub("", text)
    without = not vn.has_diacritics(reduce(lambda t, name: t.replace(name, " "), vn.person_names(typed), typed))
    if informal and acronyms is not None:
        text = acronyms.spell_out(text, folded=without)
    if informal:
        # a listed form of three letters or more is no syllable in any case: "bcđ", "khcn" typed in lower case
        # beside accented words are the BCĐ and KHCN of the table too
        expanded = vn.expand_abbreviations(text, loose=True)
        dense_text = _restored(expanded, restorer) if without and restorer is not None else expanded
        terms = vn.lexical_terms(text, loose=True)
    else:
        dense_text, terms = text, vn.lexical_terms(text, abbreviations=False)
    lowered = text.lower()
    # the kind asked read from the question spelled out: "bn điểm cầu" asks "bao nhiêu", "nói j" asks "gì"
    # (not from a follow-up's carried topic: "KH đó có tổng kinh phí bao nhiêu? (… chương trình hành động số mấy
    # …)" asks an amount, whatever the earlier question asked)
    spelled = expanded if informal else text
    # (nor from words quoted as a name: "Nhiệm vụ “… người đứng đầu …” là gì?" asks no person)
    asking = QUOTED.sub(" ", CARRIED_TOPIC.sub("", spelled))
    # "Thời hạn hoàn thành?" alone (a follow-up) asks a date as surely as "khi nào"
    kind = _asked_kind(asking, without) or _deadline_alone(_CLAUSE.split(asking)[0], without) or (
        _asked_kind(QUOTED.sub(" ", spelled), without))  # ("Thế còn mục tiêu đến năm 2030? (… bao nhiêu …)" asks
    # what that one did)
    # "Xa Văn Lộc là ai?", "Ông Hà Quang Tuấn giữ chức vụ gì?" (or "vai trò j", spelled out): the posts of someone
    # the user names (not someone in a follow-up's carried topic: "còn phó trưởng ban là ai? (Hà Quang Tuấn)" asks
    # for another person)
    if kind in (None, "person") and _match(_ROLE_ASKED, spelled.lower(), without) and vn.person_names(
            CARRIED_TOPIC.sub("", text)):
        kind = "role"
    kinds = _clause_kinds(asking, without) if kind is not None else ()
    lowered = QUOTED.sub(" ", lowered)  # what else the question asks is read outside its quotations too
    numbers = cited_numbers(text, references or {})
    terms += [f"§{key}" for key in numbers if f"§{key}" not in terms]
    if references:  # "Kế hoạch 98" where the corpus cites no document numbered 98: a name it never writes
        numbered = {r.split("-")[0] for r in references}  # ("Kế hoạch số 29" is the corpus's "29/UBND-KH")
        unknown_references += [r for r in vn.short_references(CARRIED_TOPIC.sub("", text))
                               if r.split("-")[0] not in numbered and not vn.YEAR.fullmatch(r.split("-")[0])]
        # and "Quyết định 1888/QĐ-UBND" written out where the corpus cites no such number
        cited = set().union(*references.values())
        unknown_references += [key for key in numbers if key not in cited and key not in unknown_references]
    places = named_places(text, dense_text if without and informal else None)
    # "CTr hành động" names a chương trình hành động, spelled out
    document_type = _named_type(lowered, without) or _named_type(spelled.lower(), without)
    key = key_terms(dense_text, idf or (lambda _: 1.0), confident_provinces(places))
    restored = dense_text.lower() if without and informal and restorer is not None else None
    field = (_document_field(spelled, without, restored) if len(numbers) == 1 and not _names_another(
        document_type, numbers) else _field_of_named_document(lowered, without, document_type, restored)
        if document_type else None)
    if field is None and not numbers and _match(_ARTICLE, lowered, without) and _match(_AUTHOR, lowered, without):
        field = "author"  # "Bài viết về hội nghị … là của đơn vị nào?": its byline
    return Question(
        text=text, dense_text=dense_text, terms=terms, folded=without and informal, kind=kind, kinds=kinds,
        is_list=asks_a_list(lowered),
        doc_numbers=list(numbers), number_references=numbers, places=places,
        document_field=field, also_asked=_other_fields(spelled, field, without),
        document_type=document_type,
        entities=_entities(text, dense_text) if informal else _entities(text),
        negated=any(t in _NEGATION for t in vn.tokenize(text)), ordinals=frozenset(vn.ordinals(dense_text)),
        key=key, unknown_names=[*unknown_names, *unknown_references], unknown_references=unknown_references,
        departments=frozenset(vn.departments_named(text)))


def _restored(text: str, restorer: DiacriticRestorer) -> str:
    """The text's diacritics restored, a follow-up's carried topic restored apart (each part's words read with their
    own neighbours) and still in brackets, so that what the question itself asks stays told from what it
    carries."""
    topic = CARRIED_TOPIC.search(text)
    if topic is None:
        return restorer.restore(text)
    return f"{restorer.restore(text[:topic.start()])} ({restorer.restore(topic.group().strip(' ()'))})"


def asked_kind(text: str) -> str | None:
    """The kind of fact a clause asks for ("… là ai" a person, "… ngày nào" a date), typed either way."""
    lowered = vn.normalize(text).lower()
    return _asked_kind(lowered, not vn.has_diacritics(lowered))


def _asked_kind(text: str, without: bool) -> str | None:
    """The first kind (in cue order) whose cue is not part of a longer cue of another kind: "đơn vị nào" asks
    for an organisation, though "vị nào" alone asks for a person. A cue written in capitals in a question that
    is not ("Abd AI-Rahman") is part of a name. A name asked of someone the question names by a role or as a
    person ("Giám đốc Sở … tên là gì?", "Hai vị đó tên gì?") asks for a person; of anything else ("Chương
    trình này tên là gì?") for no kind of fact."""
    lowered = text.lower()
    # (typed without diacritics, a place's last word is no cue's first: "ha nam bao nhieu dang vien" asks no year)
    places = _province_spans(lowered) if without else []
    found = [(name, m) for name, cue in _KIND_PATTERNS for m in _matches(cue, lowered, without)
             if (text.isupper() or not text[m.start():m.end()].replace(" ", "").isupper())
             and not any(a < m.start() < b for a, b in places)]
    kinds = [(name, m) for name, m in found if not any(
        other.start() <= m.start() and m.end() <= other.end() and other.end() - other.start() > m.end() - m.start()
        for _, other in found)]
    referring = _REFERRING_FEW.search(lowered)  # "Mấy trung tâm đó do cơ quan nào quản lý?" counts nothing
    # ("mấy nhóm …, là những nhóm nào" asks which, as "những … nào" does)
    counted_then_named = (_COUNT_THEN_WHICH_FOLDED.search(_folded(lowered)) if without
                          else COUNT_THEN_WHICH.search(lowered))
    kinds = [(name, m) for name, m in kinds if not (name == "count" and counted_then_named
                                                    and m.start() == counted_then_named.start())]
    kind = next((name for name, m in kinds if not (referring and name == "count" and m.start() == referring.start())),
                kinds[0][0] if kinds else None)
    if kind is None and _match(_NAME_ASKED, lowered, without) and (
            _match(_SOMEONE, lowered, without) or roles_in(text)):
        return "person"
    if kind == "count" and _NUMBER_OF_DOCUMENT.search(lowered) and asked_document_type(lowered):
        return "doc_number"  # "chương trình hành động của Tỉnh ủy là số bao nhiêu?" asks its number
    comrade = _match(_COMRADE_IN_ROLE, lowered, without)
    if kind in ("place", "organisation") and comrade and roles_in(text[comrade.start("role"):comrade.end("role")]):
        return "person"  # "đ/c PCT TT UBND tỉnh nào": the comrade in that role is asked for, not the province
    # "Tại điểm cầu Hà Nam, Chủ tịch UBND tỉnh nào tham dự …?": a question that names its province asks which
    # holder of the role, not which province
    role = _match(_ROLE_OF_WHICH_PROVINCE, lowered, without)
    if kind == "place" and role and roles_in(text[role.start("role"):role.end("role")]) and any(
            p.confidence >= 1.0 for p in named_places(text[:role.start()] + text[role.end():])):
        return "person"
    return kind


# words quoted as a name ("Nhiệm vụ “Xây dựng Kho dữ liệu dùng chung” do ai chủ trì?"): what is asked of, not what is
# asked
QUOTED = re.compile(r"[“\"][^“”\"]{3,}[”\"]")
_CLAUSE = re.compile(r"[,;?]|\s+(?:và|va)\s+")


def _clause_kinds(text: str, without: bool) -> tuple[tuple[str, str], ...]:
    """The kinds of fact the question's clauses ask, in order, when it has more than one clause asking ("… ngày
    nào, ai chủ trì?"; "Kinh phí … là bao nhiêu, chiếm bao nhiêu % tổng chi?" asks one kind twice, of two
    things)."""
    kinds = [(kind, clause.strip()) for clause in _CLAUSE.split(text)
             if (kind := _asked_kind(clause, without) or _deadline_alone(clause, without))]
    return tuple(kinds) if len(kinds) > 1 else ()


_ROLE_ASKED = _cue(r"(?:giữ|đảm nhiệm|đảm nhận|có|ở)\s+(?:những\s+)?(?:chức vụ|chức|vị trí|chức danh|vai trò|cương vị)"
                   r"(?:\s+\w+){0,2}\s+(?:gì|nào)|là ai|là người nào|chức vụ (?:gì|nào)|chức vụ của"
                   r"|kiêm(?:\s+nhiệm)?(?:\s+(?:những|các))?(?:\s+chức(?:\s+vụ|\s+danh)?)?\s+(?:gì|nào)")  # "kiêm gì?"
_DEADLINE_ALONE = _cue(r"^\s*(?:thời hạn(?:\s+hoàn thành)?|hạn chót|hạn hoàn thành|thời gian hoàn thành|"
                       r"thời gian thực hiện)"
                       r"(?:\s+là)?\s*$")


def _deadline_alone(clause: str, without: bool) -> str | None:
    """"…, thời hạn?": a clause naming a deadline alone asks for it (a date)."""
    lowered = clause.lower()
    return "date" if _DEADLINE_ALONE[0].match(lowered) or without and _DEADLINE_ALONE[1].match(lowered) else None


def _named_type(lowered: str, without: bool) -> str | None:
    """The kind of document the question names ("quyết định", "ke hoach"), as vn.DOC_TYPES spells it."""
    match = _match(_TYPE_PATTERNS, lowered, without)
    if match is None:
        return None
    folded = vn.fold(match.group()).lower()
    return next(name for name in vn.DOC_TYPES if vn.fold(name) == folded)


def _names_another(document_type: str | None, numbers: Mapping[str, str]) -> bool:
    """Whether the kind of document named first is not the kind of the one number cited ("Chương trình hành
    động thực hiện Nghị quyết 57 mang số hiệu gì?" asks about the programme)."""
    if document_type is None or len(numbers) != 1:
        return False
    return not number_is_of_type(next(iter(numbers)), document_type)


def asks_a_list(text: str) -> bool:
    """Whether a question asks for a list ("những nhiệm vụ nào", "liệt kê", "nhung ai"), typed either way."""
    lowered = vn.normalize(text).lower()
    return bool(_LIST_CUE.search(lowered) or (not vn.has_diacritics(lowered) and _LIST_CUE_FOLDED.search(lowered)))


def number_is_of_type(key: str, document_type: str) -> bool:
    """Whether a cited number (a comparable key, vn.doc_number_key) is of a kind of document: its symbol starts
    with the kind's code (57-NQ/TW, 99/KH-UBND) or ends with it (29/UBND-KH, issuer first)."""
    symbols = key.lstrip("0123456789")
    code = vn.fold(vn.DOC_TYPES[document_type]).lower()
    return symbols.startswith(code) or symbols.endswith(code)


def _field_of_named_document(lowered: str, without: bool, document_type: str | None,
                             restored: str | None = None) -> str | None:
    """What a question naming a kind of document (not by its number) asks about it: who signed it or its
    number (always about a document, unless another kind stands right before the cue: "theo tờ trình số
    mấy?"), its issuer, date or subject only when it asks how the document came to be ("Quyết định thành lập
    Ban Chỉ đạo ban hành ngày nào?", not "Hội nghị … diễn ra khi nào?")."""
    name, cue = next(((name, m) for name, pattern in _DOCUMENT_PATTERNS
                      if (m := _match(pattern, lowered, without))), (None, None))
    if name is None or cue is None:
        return None
    adjacent = _type_right_before(lowered, cue.start(), without)
    if adjacent is not None and adjacent != document_type:
        return None
    return name if name in ("signer", "number") or name in _OF_DOCUMENTS_ONLY or _asks_how_it_came_to_be(
        lowered, without, restored) else None  # (only a document has recipients or bases)


def fields_asked(question: str, without: bool | None = None) -> list[str]:
    """The fields of a document a text asks ("do ai ký, ký ngày nào" → signer, date), in its order; a cue inside
    a longer one counts once ("do ai" of "do ai ký" asks for the signer, not the issuer). `without`: typed without
    diacritics (as the text's own, when not told: a spelled-out "(Chương trình 25)" carried with a question typed
    plain has them)."""
    lowered = vn.normalize(question).lower()
    without = not vn.has_diacritics(lowered) if without is None else without
    found = sorted(((m.start(), -len(m.group()), name) for name, (accented, folded) in _DOCUMENT_PATTERNS
                    for pattern in ((accented, folded) if without else (accented,))
                    for m in pattern.finditer(lowered)))
    kept: list[tuple[int, int, str]] = []
    for start, negative_length, name in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, start - negative_length, name))
    return list(dict.fromkeys(name for _, _, name in kept))


def without_fields(question: str) -> str:
    """The text (lower-cased) without what it asks of a document ("ký ngày nào", "do cơ quan nào ban hành"): what
    it is about."""
    lowered = vn.normalize(question).lower()
    without = not vn.has_diacritics(lowered)
    for _, (accented, folded) in [*_DOCUMENT_PATTERNS, ("issuing", _ISSUING_PATTERNS)]:
        lowered = (folded if without else accented).sub(" ", lowered)
    return lowered


def asks_only_fields(question: str) -> bool:
    """Whether a text asks fields of a document and says almost nothing else ("do cơ quan nào ban hành", "ký
    ngày nào"; not "hội nghị quán triệt diễn ra ngày nào", which has a topic of its own, nor "phiên họp diễn ra
    ngày nào", which asks of a meeting)."""
    rest = without_fields(question)
    return bool(fields_asked(question)) and len(vn.content_tokens(rest)) <= MAX_OTHER_WORDS and \
        not HAPPENING.search(vn.fold(rest))


# what happened rather than a document (folded; not "tổ chức", also an organisation, nor "họp", also "hợp")
HAPPENING = re.compile(r"(?<!\w)(?:dien ra|khai mac|be mac|hoi nghi|phien hop|cuoc hop|hoi thao|so ket|tong ket)"
                        r"(?!\w)")


def _other_fields(text: str, field: str | None, without: bool) -> tuple[str, ...]:
    """The fields of the document asked besides `field`."""
    return () if field is None else tuple(name for name in fields_asked(text, without) if name != field)


def _type_right_before(lowered: str, at: int, without: bool) -> str | None:
    """The kind of document the four words before offset `at` end with ("… theo tờ trình" before "số mấy")."""
    before = " ".join(lowered[:at].split()[-4:])  # ("chương trình hành động": four words)
    adjacent = _named_type(before, without)
    return adjacent if adjacent is not None and vn.fold(before).endswith(vn.fold(adjacent)) else None


def _another_type_before(lowered: str, at: int, without: bool, text: str) -> bool:
    """Whether a kind of document other than the cited one's stands right before the cue at `at` ("Quyết định
    1875/QĐ-UBND … theo tờ trình số mấy?" asks the number of the submission, not the decision's)."""
    adjacent = _type_right_before(lowered, at, without)
    if adjacent is None:
        return False
    numbers = vn.find_doc_numbers(text)
    if len(numbers) == 1:
        return not number_is_of_type(vn.doc_number_key(numbers[0]), adjacent)
    # a document cited by kind and short number ("QĐ 1875 … tại tờ trình số mấy?"): another kind than the cue's
    references = [text[a:b].lower() for a, b in vn.short_reference_spans(text)]
    kind = _named_type(references[0], without) if len(references) == 1 and not numbers else None
    return kind is not None and vn.fold(kind) != vn.fold(adjacent)


_ISSUER_AT_END = re.compile(r"của\s+(?:(?!về\s)\S+\s*){0,10}$")  # "của Chủ tịch Ủy ban nhân dân tỉnh Hòa Bình là"
_CITED_DATE = re.compile(r"(?:ngày|ngay)\s+\d{1,2}(?:\s*/\s*\d{1,2}\s*/\s*\d{4}"
                         r"|\s+(?:tháng|thang)\s+\d{1,2}\s+(?:năm|nam)\s+\d{4})")


def _province_spans(folded: str) -> list[tuple[int, int]]:
    """Where a folded text names a province (its words are no cue: "ha nam", "nam dinh")."""
    return [m.span() for _, pattern in vn.province_patterns() for m in pattern.finditer(folded)]


def _asks_how_it_came_to_be(lowered: str, without: bool, restored: str | None = None) -> bool:
    """Whether the question itself asks how a document came to be ("ban hành", "ký"): not a word carried in a
    follow-up's topic ("(… 15/TB-BCĐ ký)" carried from "do ai ký?" asks nothing of the next question), nor what
    is to be issued by a deadline ("Trong Kế hoạch 99, quy chế … phải ban hành trước ngày nào?"). Typed without
    diacritics, a cue the `restored` text reads as part of a longer word is none ("ky nang" is "kỹ năng", not "ký")."""
    own = CARRIED_TOPIC.sub("", lowered)
    cue = _match(_ISSUING_PATTERNS, own, without)
    if cue is not None and without and restored is not None and len(own_restored := CARRIED_TOPIC.sub(
            "", restored)) == len(own):
        places = _province_spans(vn.fold(own))
        words = [(at, at + len(word)) for at, word, _ in vn.tagged_words(own_restored) if " " in word
                 and not any(a <= at < b for a, b in places)]  # ("nam định ký": no "định kỳ")
        cue = next((m for m in _ISSUING_PATTERNS[1].finditer(own)
                    if not any(a <= m.start() < b and (m.start(), m.end()) != (a, b) for a, b in words)), None)
    return cue is not None and not (_TO_BE.search(vn.fold(own[:cue.start()])) or _BY_WHEN.match(vn.fold(
        own[cue.end():])))


# "phải ban hành …", "giao ai ban hành quy chế …": a thing to be issued (folded)
_TO_BE = re.compile(r"(?<!\w)(?:phai|can|se|duoc giao|giao(?:\s+\S+){1,5}?)\s*$")
_BY_WHEN = re.compile(r"\s*(?:truoc|cham nhat|xong|hoan thanh)(?!\w)")  # "… ban hành trước ngày nào": a deadline


def _document_field(text: str, without: bool, restored: str | None = None) -> str | None:
    """What the question asks about the one document it cites, if it is about that document at all."""
    lowered = text.lower()
    name, cue = next(((name, m) for name, pattern in _DOCUMENT_PATTERNS
                      if (m := _match(pattern, lowered, without))), (None, None))
    if name is None or cue is None or _another_type_before(lowered, cue.start(), without, text):
        return None
    before, after = lowered[:cue.start()], lowered[cue.end():]
    if name == "issuer" and vn.fold(cue.group()) == "cua ai" and not _OF_THE_DOCUMENT.search(vn.fold(before)) and \
            not any(b == len(before.rstrip()) for _, b in vn.reference_spans(text)):
        return None  # "Theo đề nghị của ai mà QĐ 1875 được ban hành?" asks whose proposal, not who issued it
    if _asks_how_it_came_to_be(lowered, without, restored) or name in _OF_DOCUMENTS_ONLY and not _ASKS_MORE.search(
            vn.fold(f"{before} {after}")):
        return name
    # the document's citation is no other word: its number, its date and its issuer's name before the cue
    # ("Quyết định số 1875/QĐ-UBND ngày 20/5/2025 của Chủ tịch UBND tỉnh Hòa Bình là về việc gì?")
    rest = _ISSUER_AT_END.sub(" ", before) + " " + re.sub(r"của\s+(?:\S+\s*){0,4}$", " ", after)
    for number in vn.find_doc_numbers(text):
        rest = rest.replace(number.lower(), " ")
    rest = _CITED_DATE.sub(" ", rest)
    other = [t for t in vn.content_tokens(rest) if not t.isdigit() and vn.fold(t) not in _REFERENCE_WORDS
             and vn.fold(t) not in {"so", "cua"}]
    # (what happens at a meeting is asked of the meeting, wherever it is said: "… là kết luận của phiên họp diễn
    # ra ngày nào?")
    return name if len(other) <= MAX_OTHER_WORDS and not HAPPENING.search(vn.fold(f"{before} {after}")) else None


def cited_numbers(text: str, references: Mapping[str, set[str]]) -> dict[str, str]:
    """Comparable keys (vn.doc_number_key) of the document numbers the question cites, each with its short
    reference: written out, or a short reference ("NQ57", "Nghị quyết số 57") that names exactly one
    document number of the corpus (an ambiguous one constrains nothing)."""
    keys = {vn.doc_number_key(n): vn.full_number_reference(n) or "" for n in vn.find_doc_numbers(text)}
    for reference in vn.short_references(text):
        meant = references.get(reference, set())
        if len(meant) == 1:
            keys.setdefault(next(iter(meant)), reference)
    return keys


def named_places(text: str, restored: str | None = None) -> list[Place]:
    """Provinces the question names. A match counts when written as a name (each syllable capitalised and
    not part of a longer name: "Thái Bình Dương" is not "Bình Dương") or introduced by "tỉnh"/"thành phố";
    in a question typed in lower case (but for abbreviations and its first letter) it is a guess (0.5) for a
    name that is also an everyday word, so "hòa bình" (peace) does not pin a province when the question names
    others properly. A question typed without diacritics is read as `restored` (its diacritics put back from the
    corpus's usage): "dien bien truong bcd la ai" restored as "điện biên …", not "diễn biến …", names the
    province."""
    text = vn.normalize(text)
    folded = vn.fold(text).lower()  # folding keeps offsets
    # typed in lower case but for abbreviations ("BCĐ", "TT"), and but for a first letter a phone capitalises
    # when typed without diacritics too ("Pho truong ban nam dinh la ai")
    plain = " ".join(w for w in text.split() if not (w.isupper() and len(w) > 1))
    lower_case_question = plain == plain.lower() or (not vn.has_diacritics(plain) and plain[1:] == plain[1:].lower())
    found: dict[str, float] = {}
    for name, pattern in vn.province_patterns():
        for match in pattern.finditer(folded):
            span = text[match.start():match.end()]
            # (a name whose own form opens with its level, "Thành phố Hồ Chí Minh", introduces itself)
            introduced = bool(_PLACE_INTRO.search(text[:match.start()]) or _PLACE_INTRO.match(span.split(" ")[0]) or
                              _PLACE_INTRO.match(" ".join(span.split(" ")[:2])))
            capitalised = all(w[:1].isupper() for w in span.split() if w[:1].isalpha())  # ("Bà Rịa - Vũng Tàu")
            words_before = text[:match.start()].split()
            # a comma ends a name: "Điện Biên, Lào Cai" names two provinces
            before = words_before[-1] if words_before and words_before[-1][-1:].isalpha() else ""
            after = (text[match.end():].split() or [""])[0]
            # part of a longer name: a capitalised neighbour that is neither the question's first word nor an
            # all-caps abbreviation ("UBND Lào Cai"), nor a function word opening a sentence ("… quản lý? Còn
            # Hòa Bình …")
            opens = len(words_before) <= 1 or words_before[-2][-1:] in ".?!:;" and before.lower() in vn.STOPWORDS
            # (a post or body after it opens a title, not a longer name: "ở Lào Cai Trưởng Ban quản lý …")
            inside_longer = (_is_name_word(before) and not opens) or (
                _is_name_word(after) and vn.fold(after).lower() not in _TITLE_OPENERS)
            if introduced or (capitalised and not inside_longer):
                confidence = 1.0
            elif lower_case_question:
                confidence = 0.5 if _common_word(span) and not _restored_as_name(name, restored) else 1.0
            else:
                continue
            found[name] = max(found.get(name, 0.0), confidence)
    return [Place(name, c) for name, c in found.items()]


# Province names that are also everyday words: "hòa bình" (peace), "bình định" (to pacify), "thái bình" (peaceful);
# and, once the diacritics are gone, "dien bien" (diễn biến, developments), "da nang" (đa năng), "hai phong" (two
# rooms). Elsewhere a province named in a lower-case question is named for sure ("giam doc so … bac kan").
_HOMOGRAPHS = frozenset({"hòa bình", "bình định", "thái bình"})
_FOLDED_HOMOGRAPHS = frozenset({vn.fold(n) for n in _HOMOGRAPHS} | {"dien bien", "da nang", "hai phong"})


def _common_word(span: str) -> bool:
    lowered = " ".join(vn.normalize(span).lower().split())
    return (lowered in _FOLDED_HOMOGRAPHS) if not vn.has_diacritics(lowered) else lowered in _HOMOGRAPHS


def _restored_as_name(name: str, restored: str | None) -> bool:
    """Whether restoration spelled the province's name where its everyday homograph is spelled otherwise."""
    spelled = vn.normalize(name).lower()
    return restored is not None and spelled not in _HOMOGRAPHS and re.search(
        rf"(?<!\w){re.escape(spelled)}(?!\w)", vn.normalize(restored).lower()) is not None


# the first word of a post, a body or a kind of document, folded: capitalised after a place, it does not make the
# place's name longer ("ở Hòa Bình Kế hoạch 99 giao …")
_TITLE_OPENERS = frozenset("truong pho chu bi giam ban so uy hoi".split()) | {
    vn.fold(kind.split()[0]).lower() for kind in vn.DOC_TYPES}


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word[:1].isalpha() and not word.isupper() and not _PLACE_INTRO.search(word)


_NUMBER = re.compile(vn.NUMBER_TOKEN_PATTERN)


def _entities(*readings: str) -> list[str]:
    """Folded names (runs of capitalised words) and numbers the question states, in any of its readings (each
    read on its own: the first word of a reading is capitalised for opening it, not for being a name)."""
    found = [_LEADING_TITLE.sub("", vn.fold(value).lower()) for text in readings for _, value in vn.name_runs(text)]
    found += [number for text in readings for number in _NUMBER.findall(text)]
    return list(dict.fromkeys(v for v in found if v))


# what opens a name without being part of how documents write it ("Tỉnh Hà Nam" is "Hà Nam" in "Hà Nam tổ chức …",
# "Ông Quách Minh Đức" is "đồng chí Quách Minh Đức" elsewhere), folded
_LEADING_TITLE = re.compile(r"^(?:(?:tinh|thanh pho|tp|huyen|xa|phuong|ong|ba|dong chi|d/c|anh|chi)\s+)+")
