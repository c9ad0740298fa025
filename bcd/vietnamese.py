"""Vietnamese text handling shared by ingest and retrieval.

Documents and questions must meet on the same forms: the same Unicode composition, the same tone-mark
placement ("hoà" and "hòa" are one word), the same tokens, the same abbreviations and document numbers.
Keeping every such rule here is what guarantees that the index and the query agree.
"""

from __future__ import annotations

import calendar
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

# --- Unicode and tone marks ----------------------------------------------------------------------

UPPERCASE_LETTERS = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isalpha() and c.isupper())
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
_COMBINING = re.compile(r"[\u0300-\u036f]")
# In decomposed text: "oa"/"oe"/"uy" ending a syllable with the tone on the second vowel ("hoá", "thuý")
# is moved to the first vowel ("hóa", "thúy"), the placement the source documents use. "qu" + "y" is a
# consonant + vowel, so "quý" is left alone.
_NEW_STYLE_TONE = re.compile(
    r"(?<![qQ])(?P<v1>[oO])(?P<v2>[aAeE])(?P<tone>[" + _TONE_MARKS + r"])(?![\w\u0300-\u036f])"
    r"|(?<![qQ])(?P<u1>[uU])(?P<u2>[yY])(?P<utone>[" + _TONE_MARKS + r"])(?![\w\u0300-\u036f])"
)


def _move_tone(match: re.Match[str]) -> str:
    if match.group("v1"):
        return match.group("v1") + match.group("tone") + match.group("v2")
    return match.group("u1") + match.group("utone") + match.group("u2")


# "Ð"/"ð" (U+00D0/U+00F0, the Icelandic eth) look like "Đ"/"đ" and stand for them in some Vietnamese web text
# ("Ðây là …"): read as what they mean, they match and fold like the letter the writer meant
_ETH = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})


def normalize(text: str) -> str:
    """NFC with one tone-mark convention; the form every stored and queried text is put in."""
    decomposed = unicodedata.normalize("NFD", text.translate(_ETH))
    return unicodedata.normalize("NFC", _NEW_STYLE_TONE.sub(_move_tone, decomposed))


def fold(text: str) -> str:
    """Remove every diacritic ("Chỉ đạo" -> "Chi dao"): what a phone keyboard without Telex produces."""
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))


def strip_tones(text: str) -> str:
    """Remove the five tone marks, keeping the letters' own marks ("tiễn" -> "tiên", "sở" -> "sơ", not "so"): how a
    word reads whatever tone a restorer or a hurried typist gave it."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))


def has_diacritics(text: str) -> bool:
    """Whether the text is typed with Vietnamese diacritics; an abbreviation's "Đ" ("QĐ 1875 ai lam truong ban",
    "BCĐ") says nothing about how the rest was typed."""
    if fold(text) == text:
        return False
    return "Đ" not in text or fold(stripped := _CAPITAL_D_ABBREVIATION.sub("", text)) != stripped


_CAPITAL_D_ABBREVIATION = re.compile(r"(?<!\w)[A-Z]*Đ[A-ZĐ]*(?!\w)")


# --- Tokens -------------------------------------------------------------------------------------

# A number with its thousands or decimal separators: "4.607", "84,2", "1.000.000".
NUMBER_PATTERN = r"\d+(?:[.,]\d+)*"
# The same, and dates and fractions written with slashes, read as one piece: "4.607", "22/12/2024".
NUMBER_TOKEN_PATTERN = r"\d+(?:[.,/]\d+)*"
# Numbers keep their inner separators so "4.607", "84,2" and "22/12/2024" stay one token.
TOKEN = re.compile(NUMBER_TOKEN_PATTERN + r"|[^\W\d_]+", re.UNICODE)  # a syllable or a number

STOPWORDS: frozenset[str] = frozenset(
    """là của và các những có được trong cho với về ai gì nào bao nhiêu đâu khi thế không tại theo đã sẽ
    thì mà này đó ấy một như để từ đến do bị lại cũng rất nhiều hơn ra vào ở trên dưới hay hoặc nên vì
    nếu sao hãy xin biết vậy ạ nhé à ư hả chứ tôi bạn ông bà anh chị em họ chúng ta mình nêu cho hỏi
    điều việc người cái gồm những nhỉ đang vẫn còn hở nha mấy đều tất cả làm v muốn nữa""".split()
)  # "v": "vậy" as a phone types it ("… ai làm trưởng ban v?"); "muốn": what the asker says someone wants, a modal;
# "nữa": "còn … gì nữa?" asks for more, it names nothing
# Folded forms are only checked for tokens typed without diacritics; "ban"/"chi" stay (Ban Chỉ đạo), "nha" (nhà),
# "may" (máy), "lam" (Tô Lâm, lâm nghiệp), "dang" (đảng viên).
FOLDED_STOPWORDS: frozenset[str] = frozenset(fold(w) for w in STOPWORDS) - {"ban", "chi", "nha", "may", "lam", "dang"}


def tokenize(text: str) -> list[str]:
    """Lower-cased syllable tokens of normalised text (the unit of the lexical index)."""
    return TOKEN.findall(normalize(text).lower())


# Vietnamese interrogative words and the fixed expressions they form (the closed word class a grammar lists,
# not any question set's phrasings). Questions are full of them and news articles rarely contain them, so
# diacritic restoration counts them beside the corpus ("bao nhieu" is "bao nhiêu", not "báo nhiều").
INTERROGATIVES = (
    "ai", "gì", "nào", "đâu", "sao", "mấy", "bao nhiêu", "bao giờ", "bao lâu", "bao xa", "khi nào", "lúc nào",
    "thế nào", "như thế nào", "ra sao", "tại sao", "vì sao", "làm sao", "ở đâu", "là gì", "là ai",
)
# The particles a spoken question ends with ("… tháng mấy hả", "… là ai nhỉ", "… bao nhiêu vậy"), another closed
# class: typed without diacritics they must come back as particles, not as "hạ" or "nhị" (a rare word that
# the answer would then be held to).
PARTICLES = ("nhỉ", "hả", "hở", "vậy", "thế", "à", "ạ", "nhé", "nha", "chứ")

# Question frames say what kind of answer is wanted, not what it is about; they carry no topic. Matched on the
# accented words, folded only in a question typed without diacritics ("Sơn La, ai …" has no "là ai").
_FRAMES = ("giữ chức vụ gì|giữ chức gì|chức vụ gì|"
           # who holds a post, asked by the post: "Ai giữ vị trí Trưởng Ban Chỉ đạo …?", "ai đảm nhiệm …"
           "ai (?:giữ|nắm giữ|đảm nhiệm|đảm nhận)(?: (?:vị trí|cương vị|chức vụ|chức|vai trò))?|"
           # a deadline asked, which a document writes "trước ngày …", "hoàn thành trong …", never "hạn chót"
           "hạn chót|hạn cuối|"
           # what kind of post is asked ("giữ chức vụ chuyên môn gì", "chức danh chính nào"): no topic either
           "(?:chức vụ|chức danh)(?: (?!của|trong|tại|ở|theo)\\w+){1,2} (?:gì|nào)|"
           "gồm những gì|những gì|nội dung gì|như thế nào|thế nào|ra sao|"
           "vì sao|tại sao|ở đâu|khi nào|bao giờ|là ai|tên là gì|tên gì|họ và tên|họ tên|là gì|diễn ra|"
           "người đứng đầu|đứng đầu|kể tên|liệt kê|kể ra|giúp (?:em|tôi|mình|cháu)|"
           # who said it, or what: reports write "nhấn mạnh", "khẳng định", seldom "nói"
           "ai nói|nói gì|nói những gì|"
           # how many in all: "có tổng cộng bao nhiêu điểm cầu" counts what "có 252 điểm cầu" does
           "tổng cộng|cả thảy|tất cả là|"
           # the form a request wants, not its topic: "Tôi cần danh sách … (chỉ cần tên từng nhóm)"
           "(?:tôi|em|mình) cần|chỉ cần|cho (?:tôi|em|mình) xin|danh sách|tên từng|tên các|"
           "(?:kể|nêu) (?:vài|một vài|một số|mấy)|"
           # pointing at where it is written, not what it is about: "… được quy định trong Kế hoạch 99 là …"
           "(?:được )?(?:quy định|nêu|đề ra|ghi) (?:trong|tại)")
_QUESTION_FRAMES = re.compile(rf"(?<!\w)(?:{_FRAMES})(?!\w)")
_FOLDED_QUESTION_FRAMES = re.compile(rf"(?<!\w)(?:{fold(_FRAMES)})(?!\w)")


def content_tokens(text: str) -> list[str]:
    """Tokens that carry meaning: stop words, question words and question frames removed."""
    tokens = tokenize(text)
    plain = not has_diacritics(text)  # folded forms only in text typed without any ("Lào Cai" keeps "cai")
    joined = " ".join(tokens)
    frames = list((_FOLDED_QUESTION_FRAMES if plain else _QUESTION_FRAMES).finditer(joined))
    drop: set[int] = set()
    if frames:  # map character offsets of frame matches back to token positions
        offsets = [0]
        for t in tokens[:-1]:
            offsets.append(offsets[-1] + len(t) + 1)
        for m in frames:
            drop.update(i for i, o in enumerate(offsets) if m.start() <= o < m.end())
    return [t for i, t in enumerate(tokens) if i not in drop and t not in STOPWORDS
            and not (plain and t in FOLDED_STOPWORDS)]


_NAME_RUN = re.compile(rf"(?<![\w])[{UPPERCASE_LETTERS}][^\W\d_]*(?:[\s-]+(?:(?:von|van|de|der|di|du|la|le|bin)\s+)?"
                       rf"[{UPPERCASE_LETTERS}][^\W\d_]*)*")


def name_runs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each run of capitalised words ("Otto von Bismarck", "Ban Chỉ đạo" is "Ban" alone),
    except a text's first word standing alone (its capital says nothing) and all-caps abbreviations."""
    runs = []
    for match in _NAME_RUN.finditer(text):
        value, start = match.group().strip(), match.start()
        words = value.split()
        if start == 0 and len(words) > 1 and words[0].lower() in STOPWORDS:
            # "Còn Hòa Bình …", "Theo Nghị quyết …": a function word opening the text is capitalised for that
            cut = value.index(words[1])
            start, value, words = start + cut, value[cut:], words[1:]
        if words and words[-1].lower() in _PART_WORDS and _NUMBERED_AFTER.match(text, match.end()):
            value = value[:value.rindex(words[-1])].rstrip()  # "Như Điều 3": the article cited, no name's word
            words = words[:-1]
        if not words or (start == 0 and len(words) == 1) or all(w.isupper() and len(w) > 1 for w in words):
            continue
        runs.append((start, value))
    return runs


# the parts of a legal text cited by number ("Điều 3", "Khoản 2", "Chương II"): a capitalised word that is no name's
_PART_WORDS = frozenset({"điều", "khoản", "điểm", "mục", "chương", "phần", "phụ lục"})
_NUMBERED_AFTER = re.compile(r"\s*(?:\d|[IVXLC]+(?!\w))")


def stated_name_runs(text: str) -> list[tuple[int, str]]:
    """`name_runs` less a lone word opening a sentence after another ("… nào? Hạn khi nào?": "Hạn" is
    capitalised for that, not for being a name), and a word opening the text or a sentence followed by
    abbreviations only ("Chi NS cho KHCN …": "Chi" is capitalised for opening it, "NS" is no name)."""
    return [(at, run) for at, run in name_runs(text)
            if not ((at == 0 or _SENTENCE_OPENS.search(text[:at])) and all(w.isupper() for w in run.split()[1:]))]


_SENTENCE_OPENS = re.compile(r"[.?!:;]\s*$")  # a capital after it opens a sentence


# Words that open a capitalised run without being part of a person's name: titles, ranks, institutions and
# sentence openers (general administrative vocabulary, not any document's officials).
_TITLE_WORDS = frozenset(w.lower() for w in """Chí Ông Bà Ngài Chánh Trưởng Phó Chủ Tịch Bí Thư Giám Đốc Tổng Thủ
    Tướng Bộ Sở Ban Ủy Uỷ Hội Nghị Quyết Thông Báo Chương Trình Kế Hoạch Tỉnh Huyện Xã Phường Đảng Nhà Nước
    Chính Phủ Phòng Trung Tâm Viện Trường Ty Tập Đoàn Đại Học Vua Đế Tử Đội Sáng Chiều Tối Ngày Tháng Năm Theo
    Tại Trong Với Về Cùng Sau Trước Khi Dự Lễ Hiến Pháp Luật Cách Mạng Chiến Tranh Khu Cục Cửa Kho Quỹ Đài""".split())
# Of those, the ones that open an institution's name: what follows them names the institution ("Sở Khoa học",
# "Bộ Chính trị", "Viện Hàn lâm"), never a person.
_INSTITUTION_WORDS = frozenset(w.lower() for w in """Bộ Sở Ban Ủy Uỷ Hội Tỉnh Huyện Xã Phường Đảng Phòng Viện
    Trường Ty Tập Đoàn Đại Đội Chính Khu Cục Cửa Kho Quỹ Đài""".split())


# a Vietnamese syllable, folded: a capitalised one alone is a sentence's first word ("Tham dự …", "Theo …"), not
# a foreign name, which a syllable's shape cannot spell ("Bismarck", "Paris")
_SYLLABLE = re.compile(r"(?:ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?")


def is_syllable(word: str) -> bool:
    """Whether a word is spelt as one Vietnamese syllable can be, with or without its diacritics ("members",
    "data" cannot)."""
    return bool(_SYLLABLE.fullmatch(fold(word).lower()))


# a district, commune, village or the like named right before a capitalised run: the run is that place's name (a
# mountain village is a "bản", a southern one an "ấp" or a "buôn"; not the "bản" of "văn bản")
_LOCAL_UNIT_BEFORE = re.compile(r"(?<!\w)(?i:huyện|xã|phường|quận|thị trấn|thị xã|thôn|xóm|thành phố|(?<!văn )bản|"
                                r"làng|ấp|buôn)\s+$")


# countries a report names as people's nationality ("nhân tài người Việt Nam"), folded
_COUNTRIES = frozenset({"viet nam", "trung quoc", "hoa ky", "han quoc", "nhat ban", "campuchia", "thai lan",
                        "an do", "lien bang nga", "singapore", "israel"})


def person_names(text: str) -> list[str]:
    """People's names in `text`: a capitalised run cut at abbreviations ("Trưởng BCĐ Đặng Khánh Toàn") and
    dashes, its leading titles dropped; two or more words, or one word no Vietnamese syllable spells (a
    foreign name such as "Bismarck", not a unit such as "Mbps"); never a province."""
    names = []
    text = normalize(text)
    for at, run in name_runs(text):
        if _LOCAL_UNIT_BEFORE.search(text, 0, at):
            continue  # "huyện Lạc Thủy", "xã Bắc Hà": a place's name
        for part in re.split(r"(?:^|\s+)[A-ZĐ]{2,}(?:\s+|$)|[-–]", run):  # ("GĐ Sở Tài chính": no one)
            words = part.split()
            titles = []
            while words and words[0].lower() in _TITLE_WORDS:
                titles.append(words.pop(0).lower())
            if titles and titles[-1] in _INSTITUTION_WORDS:
                continue
            name = " ".join(words)
            if (len(words) >= 2 or (len(words) == 1 and not has_diacritics(name) and len(name) > 3
                                    and not _SYLLABLE.fullmatch(fold(name).lower())
                                    and re.search(r"[aeiouy]", name.lower()))) \
                    and not province_mentions(name) and fold(name).lower() not in _COUNTRIES:
                names.append(name)  # (a unit such as "Mbps", with no vowel, names no one; "người Việt Nam" no one)
    return list(dict.fromkeys(names))


@lru_cache(maxsize=1)
def _pyvi():  # type: ignore[no-untyped-def]
    from pyvi import ViTokenizer  # loads a CRF model: only when word segmentation is asked for

    return ViTokenizer


_PYVI_LOCK = threading.Lock()  # the CRF tagger is one shared native object


@lru_cache(maxsize=1)
def _pyvi_tagger():  # type: ignore[no-untyped-def]
    from pyvi import ViPosTagger

    return ViPosTagger


def tagged_words(text: str) -> list[tuple[int, str, str]]:
    """(offset, word, part of speech) of pyvi's words of `text` ("Hội nghị", "N"; "diễn ra", "V"), offsets into
    `text` as given (already normalised)."""
    with _PYVI_LOCK:
        words, tags = _pyvi_tagger().postagging(_pyvi().tokenize(text))
    found, cursor = [], 0
    for word, tag in zip(words, tags):
        first = word.split("_")[0]
        at = text.find(first, cursor)
        if at < 0:
            continue
        found.append((at, word.replace("_", " "), str(tag)))
        cursor = at + len(first)
    return found


def compound_words(text: str) -> list[str]:
    """Multi-syllable words found by pyvi ("khoa_học", "chuyển_đổi"), lower-cased."""
    with _PYVI_LOCK:
        segmented = _pyvi().tokenize(normalize(text))
    return [w.lower() for w in segmented.split() if "_" in w and not w.startswith("_")]


# --- Sentences ----------------------------------------------------------------------------------

# A sentence ends at . ! ? … (and closing quotes, a quotation standing as a headline, and a citation marker "[1]")
# when whitespace and a capital, digit or opening quote follow; a closing parenthesis ends one only after such a
# stop ("… (2025).)"), not where a name goes on after it ("Tuyển hầu tước (Elector) Friedrich Wilhelm I"). A dot
# inside a number ("4.607") is never followed by whitespace, so numbers are never cut.
_UPPER = UPPERCASE_LETTERS
SENTENCE_END_PATTERN = rf"(?:(?<=[.!?…\"”’\]])|(?<=[.!?…]\)))\s+(?=[\"“‘(\[]?[{_UPPER}]|\d)"
_SENTENCE_END = re.compile(SENTENCE_END_PATTERN)
# a list item's marker opening a line ("b) Đến năm 2030: …") stands apart from the sentence it numbers, which then
# opens with its own words
_ITEM_MARKER = re.compile(r"\s*\(?(?:[a-zđ]|\d{1,2}|[ivx]{1,4})\)\s+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`; every line break also ends a sentence."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        if marker := _ITEM_MARKER.match(line.group()):
            _append_span(text, start, start + marker.end(), spans)
            start += marker.end()
        for boundary in _SENTENCE_END.finditer(line.group()):
            end = line.start() + boundary.start()
            _append_span(text, start, end, spans)
            start = line.start() + boundary.end()
        _append_span(text, start, line.end(), spans)
    return spans


def _append_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# --- Document numbers ---------------------------------------------------------------------------

_CODE = rf"[{_UPPER}][{_UPPER}a-zđ]{{0,5}}"
# 57-NQ/TW, 35-CTr/TU, 1407-QĐ/TU, 57 NQ/TW  |  03/NQ-CP, 29/UBND-KH
_DOC_NUMBER = re.compile(
    rf"(?<![\w/.-])(?P<n1>\d{{1,5}})[\s]?-[\s]?(?P<t1>{_CODE})/(?P<i1>{_CODE})(?![\w/])"
    rf"|(?<![\w/.-])(?P<n3>\d{{1,5}})\s(?P<t3>{_CODE})/(?P<i3>{_CODE})(?![\w/])"
    rf"|(?<![\w/.-])(?P<n2>\d{{1,5}})/(?P<t2>{_CODE})-(?P<i2>{_CODE})(?![\w/])"
)


def doc_number_spans(text: str) -> list[tuple[str, int, int]]:
    """(canonical number, start, end) of every document number in normalised `text`, in order; one typed in
    lower case ("tb 15/tb-bcd", "kh 99/kh-ubnd", as officials type on a phone) is read as written in capitals."""
    text = normalize(text)
    spans = [(_canonical_number(m), m.start(), m.end()) for m in _DOC_NUMBER.finditer(text)]
    spans += [(_canonical_number(m, upper=True), m.start(), m.end()) for m in _TYPED_NUMBER.finditer(text)
              if not any(a < m.end() and m.start() < b for _, a, b in spans)]
    return sorted(spans, key=lambda span: span[1])


def _canonical_number(m: re.Match[str], upper: bool = False) -> str:
    parts = {name[0]: value for name, value in m.groupdict().items() if value}  # number, type, issuer
    number, first, second = int(parts["n"]), parts["t"], parts["i"]
    if upper:
        first, second = first.upper(), second.upper()
    return f"{number:02d}/{first}-{second}" if m.group("n2") else f"{number}-{first}/{second}"


def find_doc_numbers(text: str) -> list[str]:
    """Document numbers cited in `text`, in canonical form ("57-NQ/TW", "03/NQ-CP"), first-seen order."""
    return list(dict.fromkeys(key for key, _, _ in doc_number_spans(text)))


def doc_number_key(number: str) -> str:
    """Comparable form of a document number: folded, lower-case, no punctuation ("57nqtw")."""
    return re.sub(r"[^0-9a-z]", "", fold(number).lower()).lstrip("0")


# Types of administrative and Party documents and their symbols (Nghị định 30/2020/NĐ-CP, appendix III;
# Hướng dẫn 36-HD/VPTW): what "NQ57", "Nghị quyết 57" or "Kế hoạch số 99" refer to without the full number.
DOC_TYPES = {
    "nghị quyết": "NQ", "nghị định": "NĐ", "quyết định": "QĐ", "chỉ thị": "CT", "thông tư": "TT",
    "kết luận": "KL", "thông báo kết luận": "TB", "thông báo": "TB", "chương trình hành động": "CTr",
    "chương trình": "CTr", "kế hoạch": "KH", "báo cáo": "BC", "hướng dẫn": "HD", "đề án": "ĐA", "quy định": "QĐi",
    "quy chế": "QC", "tờ trình": "TTr", "công văn": "CV", "công điện": "CĐ",
}
# matched on the folded text, so "nghi quyet 57" typed without diacritics counts too
_FOLDED_TYPES = {fold(name): code for name, code in DOC_TYPES.items()}
FOLDED_TYPE_NAMES = "|".join(sorted(_FOLDED_TYPES, key=len, reverse=True))
FOLDED_TYPE = re.compile(rf"(?<!\w)(?:{FOLDED_TYPE_NAMES})(?!\w)")  # a kind of document named, in folded text
# a code with a vowel spells a word in lower case ("tối đa 30%" is no "ĐA 30"): it counts typed in capitals only;
# "nq 57", "kh 99" count however typed
_CODES = sorted({fold(code) for code in DOC_TYPES.values()}, key=len, reverse=True)
_TYPE_CODES = "|".join([*(c for c in _CODES if not re.search("[aeiouy]", c, re.IGNORECASE)),
                        *(f"(?-i:{c})" for c in _CODES if re.search("[aeiouy]", c, re.IGNORECASE))])
# a number typed in lower case counts with a hyphen and the symbol of a kind of document only ("12-nq/tu",
# "1875/qd-ubnd", "29/ubnd-kh"): "140 km/s" is a speed
_TYPED_CODE = "|".join(code.lower().replace("đ", "[dđ]") for code in sorted(set(DOC_TYPES.values()), key=len,
                                                                           reverse=True))
_TYPED_NUMBER = re.compile(
    rf"(?<![\w/.-])(?P<n1>\d{{1,5}})\s?-\s?(?P<t1>{_TYPED_CODE})/(?P<i1>[a-zđ]{{1,6}})(?![\w/])"
    rf"|(?<![\w/.-])(?P<n2>\d{{1,5}})/(?:(?P<t2>{_TYPED_CODE})-(?P<i2>[a-zđ]{{1,6}})"
    rf"|(?P<t4>[a-zđ]{{1,6}})-(?P<i4>{_TYPED_CODE}))(?![\w/])", re.IGNORECASE)
# (a code may be followed by the rest of its name: "CTr hành động 54", "CTrHĐ 54")
_SHORT_REFERENCE = re.compile(
    rf"(?<![\w/-])(?:(?P<name>{FOLDED_TYPE_NAMES})\s+(?:so\s+)?|(?P<code>{_TYPE_CODES})(?:\s?(?:hanh\s+dong|hd))?\s?-?\s?)"
    rf"(?P<n>\d{{1,5}})(?![\w/-])", re.IGNORECASE)


def reference_key(doc_type: str, number: str | int) -> str:
    """What a short reference and a full number have in common: the number and the type ("57-nq")."""
    return f"{int(number)}-{fold(doc_type).lower()}"


def short_references(text: str) -> list[str]:
    """Reference keys of documents cited without their full number ("NQ57", "nq 57", "Nghị quyết số 57",
    "Kế hoạch 99"); a full number ("57-NQ/TW") is left to `find_doc_numbers`."""
    found = []
    for m in _SHORT_REFERENCE.finditer(fold(normalize(text))):
        code = m.group("code") or _FOLDED_TYPES[m.group("name").lower()]
        found.append(reference_key(code, m.group("n")))
    return list(dict.fromkeys(found))


_KIND_BEFORE_NUMBER = re.compile(rf"(?<!\w)(?:{FOLDED_TYPE_NAMES})\s+(?:so\s+)?$")


def short_reference_spans(text: str) -> list[tuple[int, int]]:
    """Where normalised `text` cites documents by short reference ("Nghị quyết 57 tỉnh": its "57" names a
    resolution, it counts nothing); folding keeps the offsets."""
    return [m.span() for m in _SHORT_REFERENCE.finditer(fold(text))]


def full_number_reference(number: str) -> str | None:
    """The reference key of a canonical full number ("57-NQ/TW" → "57-nq"), None if it is not one."""
    m = _DOC_NUMBER.fullmatch(number)
    if m is None:
        return None
    n, t = next((m.group(f"n{i}"), m.group(f"t{i}")) for i in (1, 2, 3) if m.group(f"n{i}"))
    return reference_key(t, n)


# --- Ordinals -----------------------------------------------------------------------------------

# "phiên họp thứ hai", "lần thứ 3", "Hội nghị lần thứ IX": the ordinal after "thứ"/"lần", in words, digits or
# Roman numerals. "Thứ nhất" / "đầu tiên" are left out: "first" is written many ways ("lớn thứ nhất" is
# "lớn nhất", "lần đầu"), a later ordinal only as itself; "thế kỷ thứ 16" is a date, not an ordinal.
_ORDINAL_WORDS = {"hai": 2, "nhì": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
                  "chín": 9, "mười": 10}
# after "mười"/"mươi" the units are written "mốt", "tư", "lăm" too ("hai mươi mốt", "mười lăm"); "năm" before a
# number is a year ("phiên họp thứ mười năm 2025"), not five
_UNITS_AFTER_TEN = {"một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "lăm": 5, "năm": 5, "sáu": 6,
                    "bảy": 7, "tám": 8, "chín": 9}
_TENS_WORDS = "hai|ba|bốn|năm|sáu|bảy|tám|chín"
_SPELLED = (rf"(?:(?:{_TENS_WORDS})\s+mươi|mười)(?:\s+(?:{'|'.join(_UNITS_AFTER_TEN)})(?!\s+\d))?")
_ORDINAL = re.compile(r"(?<!\w)(?<!thế kỷ )(?<!thế kỉ )(?:thứ|lần(?:\s+thứ)?)\s+(?P<n>" + _SPELLED + "|"
                      + "|".join(_ORDINAL_WORDS) + r"|\d{1,3}|[IVXLC]{1,6})(?!\w)"
                      # the first of a series of meetings ("phiên họp thứ nhất", "phiên họp đầu tiên", "lần thứ
                      # nhất"), not a superlative ("hành tinh đầu tiên", "lớn thứ nhất", "lần đầu tiên được trang
                      # bị") nor the start of a period ("hội nghị đầu năm")
                      r"|(?<!\w)(?P<first>(?:phiên họp|phiên|hội nghị|kỳ họp|cuộc họp|khóa|khoá|đợt)\s+"
                      r"(?:thứ\s+(?:nhất|1|I)|đầu tiên)|lần\s+thứ\s+(?:nhất|1|I))(?!\w)", re.IGNORECASE)


def spelled_number(words: str) -> int:
    """The value of a number written in words up to 99 ("mười bảy" → 17, "hai mươi mốt" → 21; 0 if not one)."""
    parts = words.lower().split()
    if len(parts) == 1:
        return _ORDINAL_WORDS.get(parts[0], 0)
    if parts[0] == "mười":
        tens, rest = 10, parts[1:]
    elif len(parts) >= 2 and parts[1] == "mươi":
        tens, rest = 10 * _ORDINAL_WORDS.get(parts[0], 0), parts[2:]
    else:
        return 0
    return tens + (_UNITS_AFTER_TEN.get(rest[0], 0) if rest else 0)


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(numeral: str) -> int:
    values = [_ROMAN_VALUES[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def ordinal_spans(text: str) -> list[str]:
    """Where `text` states an ordinal ("lần thứ mười bảy", "khóa thứ XIII", "phiên họp đầu tiên")."""
    return [m.group() for m in _ORDINAL.finditer(normalize(text))]


_ENUMERATOR_BEFORE = re.compile(r"(?:^|[.:;!?\n(])\s*$")  # what stands before a list point's "Thứ hai,"


def ordinals(text: str) -> set[int]:
    """The ordinals that `text` states, as numbers ("phiên thứ hai", "lần 2", "khóa thứ II" → {2}; "phiên họp
    thứ nhất", "phiên họp đầu tiên" → {1}): a question's ordinal must be stated by its evidence in some form."""
    found = set()
    text = normalize(text)
    for m in _ORDINAL.finditer(text):
        n = m.group("n")
        if m.group().lower().startswith("thứ") and _ENUMERATOR_BEFORE.search(text[:m.start()]) \
                and text[m.end():m.end() + 1] == ",":
            continue  # "Thứ ba, phát triển chính quyền số": the third point of a list, no third meeting
        if m.group("first"):
            found.add(1)
            continue
        value = int(n) if n.isdigit() else spelled_number(" ".join(n.split())) or (_roman(n) if n.isupper() else 0)
        if value >= 2:
            found.add(value)
    return found


# --- Dates --------------------------------------------------------------------------------------

# dd/mm[/yy[yy]] ("22/12/2024", "10/3"), groups d, m, y; never inside a longer run of digits and slashes
# (a document number such as 29/UBND-KH is not a date: its second part is not a number).
DATE_PATTERN = r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2,4}))?(?![\d/])"
# "14 tháng 3 năm 2025", the long form of official documents (and of their header's date line), groups d, m, y
LONG_DATE_PATTERN = r"(?<!\d)(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})(?!\d)"
# a full date in either form ("22/12/2024", "22 / 12 / 2024", "22 tháng 12 năm 2024"), groups d, m, y: what
# document headers, citations ("Nghị quyết số … ngày …") and deadlines ("trước ngày …") write
FULL_DATE_PATTERN = (r"(?<![\d/])(?P<d>\d{1,2})(?:\s*/\s*|\s+tháng\s+)(?P<m>\d{1,2})(?:\s*/\s*|\s+năm\s+)"
                     r"(?P<y>\d{4})(?![\d/])")
_DATE = re.compile(r"(?:(?P<when>sáng|chiều|tối|trưa)\s+(?:ngày\s+)?)?" + DATE_PATTERN, re.IGNORECASE)
_LONG_DATE = re.compile(r"(?:(?P<when>sáng|chiều|tối|trưa)\s+)?(?:ngày\s+)?" + LONG_DATE_PATTERN, re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    value: date
    is_event: bool  # introduced by "sáng/chiều/tối/trưa": the day the reported event took place


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Dates written dd/mm[/yyyy] or "14 tháng 3 năm 2025"; a date without a year takes `default_year` or the
    text's commonest."""
    text = normalize(text)
    matches = [m for m in _DATE.finditer(text) if not m.group("y") or len(m.group("y")) == 4]  # "5/3/25": no date
    matches = sorted(matches + list(_LONG_DATE.finditer(text)), key=lambda m: m.start())
    years = Counter(int(m.group("y")) for m in matches if m.group("y"))
    if not years:  # "năm 2025", "tháng 10/2025": the year the article is about
        years = Counter(int(y) for y in re.findall(r"(?<![\d/-])((?:19|20)\d\d)(?![\d-])", text))
    fallback = default_year or (years.most_common(1)[0][0] if years else None)
    dates: list[FoundDate] = []
    for m in matches:
        year = int(m.group("y")) if m.group("y") else fallback
        if year is None:
            continue
        try:
            value = date(year, int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        dates.append(FoundDate(value, is_event=bool(m.group("when"))))
    return dates


# A year written on its own ("đến năm 2030", "2027", "năm 2025," before a comma or a full stop), not part of a
# date, a number ("2.030", "2030,5") or a document's number.
YEAR = re.compile(r"(?<![\d/])(?<!\d[.,])(?:19|20)\d\d(?![\d/]|[.,]\d)")


# --- Provinces ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def province_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """(canonical name, pattern over folded lower-case text) for every province and its other names."""
    text = resources.files("bcd").joinpath("data/provinces.txt").read_text(encoding="utf-8")
    patterns = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        names = [normalize(n.strip()) for n in line.split("|")]
        alternatives = "|".join(re.escape(fold(n).lower()) for n in sorted(names, key=len, reverse=True))
        patterns.append((names[0], re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")))
    return patterns


def province_mentions(text: str) -> Counter[str]:
    """How often each province is named; matched diacritic-insensitively so "nam dinh" counts too."""
    folded = fold(normalize(text)).lower()
    return Counter({name: n for name, pattern in province_patterns() if (n := len(pattern.findall(folded)))})


def main_province(text: str) -> str | None:
    """The province a document is about: the one it names most often written as a name ("Hòa Bình", "HÒA
    BÌNH"), not words that spell one ("hòa bình", peace; "bình định", to settle) nor part of a longer name
    ("Thái Bình Dương", the Pacific)."""
    normalized = normalize(text)
    folded = fold(normalized).lower()  # (folding keeps offsets)
    counts = Counter({name: n for name, pattern in province_patterns() if (n := sum(
        _written_as_name(normalized, m.start(), m.end()) for m in pattern.finditer(folded)))})
    return counts.most_common(1)[0][0] if counts else None


# administrative levels, folded, as "cấp …" names them ("cấp huyện", "cấp cơ sở"), and those below a province
LEVELS = r"(?:tinh|huyen|xa|co so|trung uong|quoc gia|thon|thanh pho|quan|phuong|bo|nganh)"
BELOW_PROVINCE = frozenset({"huyen", "xa", "co so", "thon", "quan", "phuong"})
# a figure or a task of the whole province, and of the whole country
WHOLE_PROVINCE = re.compile(r"(?<!\w)(?:toàn tỉnh|cả tỉnh|trên địa bàn tỉnh)(?!\w)", re.IGNORECASE)
NATIONWIDE = re.compile(r"(?<!\w)(?:toàn quốc|cả nước|toan quoc|ca nuoc)(?!\w)", re.IGNORECASE)


# words a province's name follows as its own ("tỉnh Hòa Bình", "TP Hồ Chí Minh"), not as part of a longer name
_BEFORE_A_PROVINCE = frozenset({"tỉnh", "thành", "phố", "tp", "ở", "tại", "của"})


def _written_as_name(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is written as a proper name standing alone: every syllable capitalised, and, unless
    in capitals throughout, no capitalised syllable joined right before or after it on its line."""
    name = text[start:end]
    if not all(word[:1].isupper() for word in name.split()):
        return False
    if name.isupper():
        return True
    before, after = re.search(r"(?<!\S)(\w+) $", text[:start]), re.match(r" (\w+)(?!\w)", text[end:])

    def titled(word: re.Match[str] | None) -> bool:
        return word is not None and word[1][:1].isupper() and word[1][1:].islower() and word[1].isalpha()

    return not (titled(before) and before[1].lower() not in _BEFORE_A_PROVINCE or titled(after))


# --- Abbreviations ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Abbreviation:
    short: str
    full: str


@lru_cache(maxsize=1)
def abbreviations() -> tuple[Abbreviation, ...]:
    text = resources.files("bcd").joinpath("data/abbreviations.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            short, full = line.split("\t")
            rows.append(Abbreviation(normalize(short.strip()), normalize(full.strip())))
    return tuple(rows)


@lru_cache(maxsize=2)
def _abbreviation_patterns(loose: bool) -> list[tuple[Abbreviation, re.Pattern[str], re.Pattern[str]]]:
    """(abbreviation, pattern of its short form, pattern of its lower-cased full form).

    Loose patterns also match a short form typed in lower case without diacritics ("bcd", "khcn", "dn"): forms
    of three letters or more, and shorter ones no Vietnamese syllable spells ("tu" is a word, "dn" none)."""
    rows = []
    for a in sorted(abbreviations(), key=lambda a: -len(a.short)):  # "Phó TB" before the "TB" inside it
        short = re.escape(a.short)
        if loose and (len(fold(a.short)) >= 3 or not _SYLLABLE.fullmatch(fold(a.short).lower())):
            # (a joined form typed with a space for its joiner: "Sở kh cn" is the "Sở KH&CN" it means)
            spaced = "".join(f"|{re.escape(re.sub('[&-]', ' ', form))}" for form in {a.short, fold(a.short)}
                             if re.search("[&-]", form))
            short = f"(?i:{short}|{re.escape(fold(a.short))}{spaced})"
        rows.append((a, re.compile(rf"(?<![\w&]){short}(?![\w&])"),
                     re.compile(rf"(?<!\w){re.escape(a.full.lower())}(?!\w)")))
    return rows


# How many, as the South says it: "nhiêu" alone ("đạt nhiêu phần trăm?") is "bao nhiêu" (not "nhiều", many: another
# tone); "hông" closing a yes-no question is "không" ("có … hông?"); "dzậy" is "vậy"
_SOUTHERN_HOW_MANY = re.compile(r"(?<![\w&])(?<![Bb]ao )(?<![Bb]ấy )(?<![Bb]ây )nhiêu(?![\w&])")
_SOUTHERN_NOT = re.compile(r"(?<![\w&])hông(?=\s*(?:vậy|ạ|ta|nè|nha|nhỉ)?\s*[?.!]?\s*$)", re.IGNORECASE)
_SOUTHERN_SO = re.compile(r"(?<![\w&])(?:[Dd]zậy|[Zz]ậy)(?![\w&])")  # "Dzậy …?": "Vậy …?"
# "bữa nào" is "ngày nào" (when); "ổng", "bả" are "ông ấy", "bà ấy" (he, she); "bển" is "bên đó"
_SOUTHERN_WORDS = {"bữa nào": "ngày nào", "ổng": "ông ấy", "bả": "bà ấy", "bển": "bên đó"}
# (after a number, "hai ổng", "mấy bả": "hai ông", the two of them, no one referred to as "ông ấy")
_SOUTHERN_WORD = re.compile(r"(?<![\w&])(?<!hai )(?<!mấy )(?<!các )(?<!ba )(?:" + "|".join(_SOUTHERN_WORDS)
                            + r")(?![\w&])", re.IGNORECASE)
# "mấy" before the ones asked who or what, as the South says "các" ("Còn mấy Phó Trưởng ban là ai vậy?"): not "có
# mấy …" nor "mấy … là những ai", which count them first
_SOUTHERN_THE = re.compile(r"(?<![\w&])(?<![Cc]ó )mấy(?=(?:\s+[^\W\d_]+){1,4}\s+(?:là\s+ai|tên\s+gì|là\s+gì)(?![\w&]))")
_COUNTED_SOUTHERN = re.compile(r"(?:(?<=hai )|(?<=mấy )|(?<=các )|(?<=ba ))(?:ổng|bả)(?![\w&])", re.IGNORECASE)


def _as_typed(typed: str, written: str) -> str:
    return written[:1].upper() + written[1:] if typed[:1].isupper() else written


def spoken_question_words(question: str) -> str:
    """A question's words as spoken in the South put as written ("Lào Cai đạt nhiêu phần trăm?" → "… bao nhiêu
    phần trăm?"): read once, before anything else reads the question. Documents never write them so."""
    text = _SOUTHERN_THE.sub("các", _SOUTHERN_HOW_MANY.sub("bao nhiêu", normalize(question)))
    text = _SOUTHERN_SO.sub(lambda m: "Vậy" if m.group()[0].isupper() else "vậy", text)
    text = _SOUTHERN_WORD.sub(lambda m: _as_typed(m.group(), _SOUTHERN_WORDS[m.group().lower()]), text)
    text = _COUNTED_SOUTHERN.sub(lambda m: _as_typed(m.group(), "ông" if m.group().lower() == "ổng" else "bà"), text)
    return _SOUTHERN_NOT.sub("không", text)


def expand_abbreviations(text: str, loose: bool = False) -> str:
    """Replace known abbreviations by their full form ("Trưởng BCĐ" -> "Trưởng Ban Chỉ đạo"), except inside a
    document's number: the "KH" and "UBND" of "99/KH-UBND" are part of an identifier."""
    text = normalize(text)
    pieces, last = [], 0
    for _, start, end in doc_number_spans(text):
        pieces += [_expand(text[last:start], loose), text[start:end]]
        last = end
    return "".join([*pieces, _expand(text[last:], loose)])


def _expand(text: str, loose: bool) -> str:
    for abbreviation, short, _ in _abbreviation_patterns(loose):
        text = short.sub(abbreviation.full, text)
    opening, full = _opening_shorthand()
    text = opening.sub(lambda m: full[m.group()], text)
    text = _MONTH_SHORT.sub(lambda m: f"tháng {m.group(1) or m.group(2)}", text)
    return arabic_quarters(_QUARTER_SHORT.sub(lambda m: f"quý {m.group(1)}", text))


def arabic_quarters(text: str) -> str:
    """"quý I/2026" as "quý 1/2026": a notice writes either (a scan's OCR may read one as the other), a question
    the other."""
    return _QUARTER_ROMAN.sub(lambda m: f"{m.group(1)} {quarter_number(m.group(2))}", text)


def quarter_number(numeral: str) -> int:
    """The quarter a "quý" is followed by, Roman or Arabic ("II" and "2" are both the second)."""
    return _QUARTERS[numeral.lower()]


@lru_cache(maxsize=1)
def _opening_shorthand() -> tuple[re.Pattern[str], dict[str, str]]:
    """Chat shorthand ("bn", "ko": lower case in the list) capitalised because it opens a sentence ("Bn đảng viên
    dự?"), and the full form of each; only there, where a capital says nothing ("Ng" elsewhere may be a name)."""
    full = {a.short.capitalize(): a.full.capitalize() for a in abbreviations() if a.short.islower()}
    alternatives = "|".join(map(re.escape, sorted(full, key=len, reverse=True)))
    return re.compile(rf"(?:^|(?<=[.?!:]\s))(?:{alternatives})(?![\w&])"), full


# "đến cuối T10/2025" (or "t10/2025"), "hết T6": a month as officials shorten it
_MONTH_SHORT = re.compile(r"(?<![\w/&-])(?:[Tt](1[0-2]|0?[1-9])(?=/(?:19|20)\d\d(?![\w/]))"
                          r"|T(1[0-2]|0?[1-9])(?![\w/-]|[.,]\w))")


# "mục tiêu Q1/2026", "trong Q.4/2025": a quarter as officials shorten it
_QUARTER_SHORT = re.compile(r"(?<![\w/&-])[Qq]\.?([1-4])(?=/(?:19|20)\d\d(?![\w/]))")
# "quý I/2026" as "quý 1/2026": a notice writes either, a question the other
_QUARTER_ROMAN = re.compile(r"(?<!\w)((?i:quý|quy))\s+(IV|I{1,3}|iv|i{1,3})(?=/(?:19|20)\d\d(?![\w/]))")


def reference_spans(text: str) -> list[tuple[int, int]]:
    """Where normalised `text` cites documents, by full number with the kind of document before it ("Kế hoạch
    số 99/KH-UBND") or short reference ("Nghị quyết 57"), in order."""
    folded = fold(text).lower()  # folding keeps offsets
    full = []
    for _, start, end in doc_number_spans(text):
        kind = _KIND_BEFORE_NUMBER.search(folded[:start])
        full.append((kind.start() if kind else start, end))
    return sorted([*full, *short_reference_spans(text)])


def abbreviation_tokens(text: str, loose: bool = False) -> list[str]:
    """Tokens to add so that an abbreviation and its full form match each other, both ways."""
    text = normalize(text)
    lowered = text.lower()
    extra: list[str] = []
    for abbreviation, short, full in _abbreviation_patterns(loose):
        if short.search(text):
            extra.extend(tokenize(abbreviation.full))
        if full.search(lowered):
            extra.append(abbreviation.short.lower())
    return extra


def names_by_abbreviation(text: str) -> bool:
    """Whether `text` names something by a listed abbreviation ("BCĐ", "KH") or by the full name one stands
    for ("Ban Chỉ đạo"); an everyday phrase that has an abbreviation ("báo cáo", "doanh nghiệp"), a chat
    shorthand ("bn"), a subject ("KHCN", "CĐS"), a post ("Phó Trưởng ban", "PCT") and a kind of document
    ("kết luận cuộc họp", "KH đó": no one document until a number follows) name nothing."""
    text = normalize(text)
    return any((short.search(text) or full.search(text.lower())) and a.full[:1].isupper()
               and a.full.lower() not in DOC_TYPES
               for a, short, full in _abbreviation_patterns(False) if not _ROLE_OPENING.match(a.full))


# a post, not a body: "Phó Trưởng ban", "Giám đốc", "Tổng Bí thư" name no one until a body follows them
_ROLE_OPENING = re.compile(r"(?:Phó|Giám đốc|Tổng Bí thư|Thủ tướng|Chủ tịch|Trưởng ban|Bí thư|[Đđ]ồng chí)(?!\w)")


# --- Lexical terms ------------------------------------------------------------------------------


def lexical_terms(text: str, abbreviations: bool = True, loose: bool = False) -> list[str]:
    """Everything the BM25 index matches on, for a chunk at ingest and for a question at query time:
    syllables, pyvi compound words, both forms of each abbreviation, and document-number keys."""
    terms = tokenize(text) + compound_words(text)
    if abbreviations:
        terms += abbreviation_tokens(text, loose=loose)
    terms += ["§" + doc_number_key(n) for n in find_doc_numbers(text)]
    if (arabic := arabic_quarters(text)) != text:  # "quý II/2026" is matched by "quý 2/2026" too
        terms += [t for t in tokenize(arabic) if "/" in t and t not in terms]
    return terms


# --- Deadlines (issue 15) -----------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A task's deadline: `due` is the last day of the period named ("quý II/2026" → 30/6/2026), None
    when no date is named or the task recurs without a year; `recurring` for "thường xuyên", "hằng năm"..."""

    due: date | None
    recurring: bool


@dataclass(frozen=True)
class DeadlineSpan:
    start: int
    end: int
    due: date | None
    recurring: bool


_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_YEAR = r"((?:19|20)\d\d)"
_SEP = r"\s*[/.-]\s*"
_OF_YEAR = rf"(?:{_SEP}|\s+(?:nam\s+)?){_YEAR}"
# Patterns over folded, lower-cased text (so "quy II/2026" typed without diacritics reads the same), most
# specific first: a matched span is not read again by a later pattern ("30/9/2026" holds no year alone).
_DEADLINE_FORMS: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(pattern)) for kind, pattern in (
    ("day", rf"(?<![\d/.-])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}{_YEAR}(?![\d/])"),
    ("day", rf"ngay\s+(\d{{1,2}})\s+thang\s+(\d{{1,2}})(?:\s*,?\s*nam\s+{_YEAR})?"),
    ("day", r"(?<=ngay\s)(\d{1,2})/(\d{1,2})()(?![\d/])"),
    ("day", r"(?<=truoc\s)(\d{1,2})/(\d{1,2})()(?![\d/])"),
    ("quarter", rf"quy\s+(iv|i{{1,3}}|[1-4])\b(?:{_OF_YEAR})?"),
    ("half", rf"(?:6|sau)\s+thang\s+(dau|cuoi)\s+nam(?:\s+{_YEAR})?"),
    ("half", rf"(?<!\w)(nua dau|nua cuoi|giua|cuoi|dau)\s+nam(?:\s+{_YEAR})?"),
    ("month", rf"thang\s+(\d{{1,2}})(?!\d)(?:{_OF_YEAR})?(?!\s*(?:nam\s+)?\d)"),
    ("month", rf"(?<![\d/.-])(\d{{1,2}})/{_YEAR}(?![\d/])"),
    ("before_year", rf"truoc\s+(?:nam\s+){_YEAR}(?!\s*-)"),
    ("year", rf"(?:nam|giai\s+doan)\s+{_YEAR}(?:\s*-\s*{_YEAR})?(?![\d/])"),
    ("year", rf"(?<=den\s){_YEAR}(?![\d/])"),
    # a deadline cell may hold a bare "30/6" or "2026"; in a sentence these are too often something else
    ("cell_day", r"(?<![\d/.-])(\d{1,2})/(\d{1,2})()(?![\d/])"),
    ("cell_year", rf"(?<![\d/.-]){_YEAR}(?![\d/.-])"),
)]
_RECURRING = re.compile(
    r"thuong xuyen|lien tuc|(?:dinh ky\s+)?(?:hang|hàng|moi)\s+(?:nam|thang|quy|tuan|ngay)"
    r"|dinh ky(?:\s+(?:\d+|mot|hai|ba|sau)\s+(?:thang|tuan|nam|quy)(?:\s+mot\s+lan)?)?")
# In running text a date is a deadline only after one of these ("ngày 22/12/2024 của Bộ Chính trị" is not)
_DEADLINE_LEAD = re.compile(
    r"(?<!\w)(?:hoan thanh|xong|truoc|trong|den|vao|cham nhat|han|tu nay den)\s*(?:ngay\s*)?$")


def _end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span_due(kind: str, m: re.Match[str], default_year: int | None) -> date | None:
    groups = m.groups()
    kind = kind.removeprefix("cell_")
    try:
        if kind == "day":
            year = int(groups[2]) if groups[2] else default_year
            return date(year, int(groups[1]), int(groups[0])) if year else None
        if kind == "quarter":
            year = int(groups[1]) if groups[1] else default_year
            return _end_of_month(year, 3 * quarter_number(groups[0])) if year else None
        if kind == "half":
            year = int(groups[1]) if groups[1] else default_year
            month = {"dau": 6, "nua dau": 6, "giua": 6}.get(groups[0], 12)
            if m.group(0).startswith("dau"):
                month = 3
            return _end_of_month(year, month) if year else None
        if kind == "month":
            year = int(groups[1]) if groups[1] else default_year
            return _end_of_month(year, int(groups[0])) if year else None
        if kind == "before_year":
            return date(int(groups[0]) - 1, 12, 31)
        if kind == "year":
            return date(int(groups[-1] or groups[0]), 12, 31)
    except (ValueError, TypeError, KeyError):
        return None
    return None


def deadline_spans(text: str, default_year: int | None = None,
                   in_sentence: bool = False) -> list[DeadlineSpan]:
    """Every deadline wording in `text` with its span (offsets into `text`), in order. `in_sentence`: the
    text is a task's sentence, not a deadline cell, so a date counts only after "trước", "trong", "đến",
    "hoàn thành"... (the dates of cited documents are not deadlines); recurrences always count."""
    folded = fold(normalize(text)).lower()
    if len(folded) != len(text):  # offsets must stay those of `text`; a decomposed input is rare
        folded = fold(text).lower()
        if len(folded) != len(text):
            folded = "".join(fold(c).lower()[:1] or " " for c in text)
    taken = [False] * len(folded)
    found: list[DeadlineSpan] = []
    for kind, pattern in _DEADLINE_FORMS:
        for m in pattern.finditer(folded):
            if any(taken[m.start():m.end()]):
                continue
            if in_sentence and kind.startswith("cell_"):
                continue
            if in_sentence and kind not in ("half", "before_year") and not _DEADLINE_LEAD.search(
                    folded[max(0, m.start() - 30):m.start()]):
                continue
            due = _span_due(kind, m, default_year)
            if due is None and kind != "quarter" and kind != "month":
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            found.append(DeadlineSpan(m.start(), m.end(), due, False))
    for m in _RECURRING.finditer(folded):
        if not any(taken[m.start():m.end()]):
            found.append(DeadlineSpan(m.start(), m.end(), None, True))
    return sorted(found, key=lambda s: s.start)


def parse_deadline(text: str, default_year: int | None = None) -> Deadline:
    """A deadline as written ("Trước ngày 30/9/2026", "Quý II/2026", "tháng 6 năm 2026", "Năm 2027",
    "Thường xuyên", "trước ngày 15 tháng 12 hằng năm") → the last day it allows, and whether it recurs. Of
    several dates the latest is the task's; a recurring task whose date names no year has no single due
    date (None)."""
    spans = deadline_spans(text, default_year)
    recurring = any(s.recurring for s in spans)
    dues = [s.due for s in spans if s.due is not None]
    if recurring and not re.search(_YEAR, text):
        dues = []
    return Deadline(max(dues) if dues else None, recurring)


# --- Agencies (issue 15) ------------------------------------------------------------------------

# First words of an agency's name: what tells "Sở Tài chính chủ trì ..." (an assignment) from a sentence.
AGENCY_HEADS = ("Sở", "Ủy ban", "UBND", "Ban", "Văn phòng", "Công an", "Bộ", "Cục", "Chi cục", "Trung tâm",
                "Tỉnh đoàn", "Tỉnh ủy", "Hội", "Hiệp hội", "Liên đoàn", "Liên minh", "Báo", "Đài", "Bưu điện",
                "Viễn thông", "Kho bạc", "Ngân hàng", "Thanh tra", "Đảng ủy", "Đảng đoàn", "Huyện ủy",
                "Thành ủy", "HĐND", "Hội đồng", "Mặt trận", "Trường", "Bệnh viện", "Viện", "Học viện",
                "Tổng công ty", "Công ty", "Bảo hiểm", "Quỹ", "Đoàn", "Tòa án", "Thường trực", "Phòng",
                "Chi nhánh", "Bộ Chỉ huy", "Cảng vụ", "Đoàn Thanh niên", "VP", "BCĐ", "MTTQ", "Tổ công tác")
# "Các ..." names a group of agencies only when one of these follows
_GROUP_NOUNS = ("sở", "ban", "ngành", "cơ quan", "đơn vị", "huyện", "xã", "cấp ủy", "doanh nghiệp", "trường",
                "hội", "địa phương", "tổ chức", "huyện ủy", "thành ủy", "đảng ủy", "bộ", "ủy ban", "ubnd",
                "chi bộ", "đoàn thể", "nhà mạng", "thành viên", "bệnh viện", "tổ", "phòng")


def is_agency_start(text: str) -> bool:
    """Whether `text` begins with an agency's name ("Sở ...", "UBND ...", "Các sở, ngành ...")."""
    text = normalize(text).lstrip()
    if text[:4].lower() == "các " and text[:1] == "C":
        rest = text[4:].lower()
        return any(rest.startswith(noun) and (len(rest) == len(noun) or not rest[len(noun)].isalpha())
                   for noun in _GROUP_NOUNS)
    return any(text.startswith(head) and (len(text) == len(head) or not text[len(head)].isalpha())
               for head in AGENCY_HEADS)


def agency_key(name: str) -> str:
    """The form two spellings of one agency share: abbreviations expanded, no diacritics, case,
    punctuation or "và"/"&" ("Sở KH&CN", "so khoa hoc va cong nghe" → "so khoa hoc cong nghe")."""
    expanded = expand_abbreviations(normalize(name), loose=True)
    words = re.findall(r"\w+", fold(expanded).lower())
    return " ".join(w for w in words if w != "va")


@lru_cache(maxsize=1)
def _agency_table() -> dict[str, str]:
    text = resources.files("bcd").joinpath("data/agencies.tsv").read_text(encoding="utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, _, others = line.partition("\t")
        canonical = normalize(canonical.strip())
        for name in [canonical, *others.split("|")]:
            if name.strip():
                table.setdefault(agency_key(name), canonical)
    return table


@lru_cache(maxsize=1)
def department_spellings() -> dict[str, tuple[str, ...]]:
    """The provincial departments ("Sở …") of bcd/data/agencies.tsv, each with the ways it is written ("Sở KH&CN")."""
    text = resources.files("bcd").joinpath("data/agencies.tsv").read_text(encoding="utf-8")
    found: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        canonical, _, others = line.partition("\t")
        if line.startswith("Sở "):
            found[normalize(canonical.strip())] = (normalize(canonical.strip()),
                                                   *(normalize(n.strip()) for n in others.split("|") if n.strip()))
    return found


@lru_cache(maxsize=1)
def _department_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(s).lower()) for s in sorted(
        spellings, key=len, reverse=True)) + r")(?!\w)")) for name, spellings in department_spellings().items())


def departments_named(text: str) -> set[str]:
    """The provincial departments (bcd/data/agencies.tsv) a text names, in any spelling, by their canonical names."""
    folded = fold(normalize(text)).lower()
    return {name for name, pattern in _department_patterns() if pattern.search(folded)}


@lru_cache(maxsize=8192)
def known_agency(name: str) -> str | None:
    """The canonical name of a listed agency (see `canonical_agency`), None for one not listed."""
    table = _agency_table()
    key = agency_key(name)
    if not key:
        return None
    candidates = [key]
    for province, pattern in province_patterns():  # "Sở Tài chính tỉnh Hòa Bình", "Tỉnh đoàn Hòa Bình"
        m = pattern.search(key)
        if m and m.end() == len(key):
            bare = key[:m.start()].strip()
            bare = bare[:-len(" tinh")] if bare.endswith(" tinh") else bare
            candidates += [f"{bare} tinh", bare]
            break
    if key.endswith(" tinh"):
        candidates.append(key[:-len(" tinh")])
    return next((table[k] for k in candidates if k in table), None)


def canonical_agency(name: str) -> str:
    """One name per agency: "Sở KH&CN", "So khoa hoc va cong nghe", "Sở Khoa học và Công nghệ tỉnh Hòa
    Bình" → "Sở Khoa học và Công nghệ" (bcd/data/agencies.tsv). An agency not listed keeps its name as
    written, tidied (spaces, trailing punctuation, a capital first letter)."""
    found = known_agency(name)
    if found:
        return found
    tidy = " ".join(normalize(name).split()).strip(" ,;.:")
    return tidy[:1].upper() + tidy[1:]
