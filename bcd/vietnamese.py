"""Vietnamese text handling shared by ingest and retrieval.

Documents and questions must meet on the same forms: the same Unicode composition, the same tone-mark
placement ("hoà" and "hòa" are one word), the same tokens, the same abbreviations and document numbers.
Keeping every such rule here is what guarantees that the index and the query agree.
"""

from __future__ import annotations

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


def normalize(text: str) -> str:
    """NFC with one tone-mark convention; the form every stored and queried text is put in."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _NEW_STYLE_TONE.sub(_move_tone, decomposed))


def fold(text: str) -> str:
    """Remove every diacritic ("Chỉ đạo" -> "Chi dao"): what a phone keyboard without Telex produces."""
    stripped = _COMBINING.sub("", unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))


def has_diacritics(text: str) -> bool:
    return fold(text) != text


# --- Tokens -------------------------------------------------------------------------------------

# A number with its thousands or decimal separators: "4.607", "84,2", "1.000.000".
NUMBER_PATTERN = r"\d+(?:[.,]\d+)*"
# The same, and dates and fractions written with slashes, read as one piece: "4.607", "22/12/2024".
NUMBER_TOKEN_PATTERN = r"\d+(?:[.,/]\d+)*"
# Numbers keep their inner separators so "4.607", "84,2" and "22/12/2024" stay one token.
_TOKEN = re.compile(NUMBER_TOKEN_PATTERN + r"|[^\W\d_]+", re.UNICODE)

STOPWORDS: frozenset[str] = frozenset(
    """là của và các những có được trong cho với về ai gì nào bao nhiêu đâu khi thế không tại theo đã sẽ
    thì mà này đó ấy một như để từ đến do bị lại cũng rất nhiều hơn ra vào ở trên dưới hay hoặc nên vì
    nếu sao hãy xin biết vậy ạ nhé à ư hả chứ tôi bạn ông bà anh chị em họ chúng ta mình nêu cho hỏi
    điều việc người cái gồm những nhỉ đang vẫn còn""".split()
)
# Folded forms are only checked for tokens typed without diacritics; "ban"/"chi" stay (Ban Chỉ đạo).
FOLDED_STOPWORDS: frozenset[str] = frozenset(fold(w) for w in STOPWORDS) - {"ban", "chi"}


def tokenize(text: str) -> list[str]:
    """Lower-cased syllable tokens of normalised text (the unit of the lexical index)."""
    return _TOKEN.findall(normalize(text).lower())


# Vietnamese interrogative words and the fixed expressions they form (the closed word class a grammar lists,
# not any question set's phrasings). Questions are full of them and news articles rarely contain them, so
# diacritic restoration counts them beside the corpus ("bao nhieu" is "bao nhiêu", not "báo nhiều").
INTERROGATIVES = (
    "ai", "gì", "nào", "đâu", "sao", "mấy", "bao nhiêu", "bao giờ", "bao lâu", "bao xa", "khi nào", "lúc nào",
    "thế nào", "như thế nào", "ra sao", "tại sao", "vì sao", "làm sao", "ở đâu", "là gì", "là ai",
)

# Question frames say what kind of answer is wanted, not what it is about; they carry no topic.
_QUESTION_FRAMES = re.compile(
    r"\b(?:giu chuc vu gi|giu chuc gi|chuc vu gi|gom nhung gi|nhung gi|noi dung gi|nhu the nao|the nao|"
    r"ra sao|vi sao|tai sao|o dau|khi nao|bao gio|la ai|la gi|dien ra)\b"
)


def content_tokens(text: str) -> list[str]:
    """Tokens that carry meaning: stop words, question words and question frames removed."""
    tokens = tokenize(text)
    folded = " ".join(fold(t) for t in tokens)
    framed = {m.start() for m in _QUESTION_FRAMES.finditer(folded)}
    drop: set[int] = set()
    if framed:  # map character offsets of frame matches back to token positions
        offsets = [0]
        for t in tokens[:-1]:
            offsets.append(offsets[-1] + len(fold(t)) + 1)
        for m in _QUESTION_FRAMES.finditer(folded):
            drop.update(i for i, o in enumerate(offsets) if m.start() <= o < m.end())
    return [t for i, t in enumerate(tokens) if i not in drop and t not in STOPWORDS
            and not (t == fold(t) and t in FOLDED_STOPWORDS)]


_NAME_RUN = re.compile(rf"(?<![\w])[{UPPERCASE_LETTERS}][^\W\d_]*(?:[\s-]+(?:(?:von|van|de|der|di|du|la|le|bin)\s+)?"
                       rf"[{UPPERCASE_LETTERS}][^\W\d_]*)*")


def name_runs(text: str) -> list[tuple[int, str]]:
    """(offset, text) of each run of capitalised words ("Otto von Bismarck", "Ban Chỉ đạo" is "Ban" alone),
    except a text's first word standing alone (its capital says nothing) and all-caps abbreviations."""
    runs = []
    for match in _NAME_RUN.finditer(text):
        value = match.group().strip()
        words = value.split()
        if (match.start() == 0 and len(words) == 1) or all(w.isupper() and len(w) > 1 for w in words):
            continue
        runs.append((match.start(), value))
    return runs


# Words that open a capitalised run without being part of a person's name: titles, ranks, institutions and
# sentence openers (general administrative vocabulary, not any document's officials).
_TITLE_WORDS = frozenset(w.lower() for w in """Chí Ông Bà Ngài Trưởng Phó Chủ Tịch Bí Thư Giám Đốc Tổng Thủ
    Tướng Bộ Sở Ban Ủy Uỷ Hội Nghị Quyết Thông Báo Chương Trình Kế Hoạch Tỉnh Huyện Xã Phường Đảng Nhà Nước
    Chính Phủ Phòng Trung Tâm Viện Trường Ty Tập Đoàn Đại Học Vua Đế Tử Đội Sáng Chiều Tối Ngày Tháng Năm Theo
    Tại Trong Với Về Cùng Sau Trước Khi Dự Lễ Hiến Pháp Luật Cách Mạng Chiến Tranh""".split())


def person_names(text: str) -> list[str]:
    """People's names in `text`: a capitalised run cut at abbreviations ("Trưởng BCĐ Đặng Khánh Toàn") and
    dashes, its leading titles dropped; two or more words, or one word without Vietnamese diacritics (a
    foreign name such as "Bismarck"); never a province."""
    names = []
    for _, run in name_runs(normalize(text)):
        for part in re.split(r"\s+[A-ZĐ]{2,}(?:\s+|$)|[-–]", run):
            words = part.split()
            while words and words[0].lower() in _TITLE_WORDS:
                words.pop(0)
            name = " ".join(words)
            if (len(words) >= 2 or (len(words) == 1 and not has_diacritics(name) and len(name) > 3)) \
                    and not province_mentions(name):
                names.append(name)
    return list(dict.fromkeys(names))


@lru_cache(maxsize=1)
def _pyvi():  # type: ignore[no-untyped-def]
    from pyvi import ViTokenizer  # loads a CRF model: only when word segmentation is asked for

    return ViTokenizer


_PYVI_LOCK = threading.Lock()  # the CRF tagger is one shared native object


def compound_words(text: str) -> list[str]:
    """Multi-syllable words found by pyvi ("khoa_học", "chuyển_đổi"), lower-cased."""
    with _PYVI_LOCK:
        segmented = _pyvi().tokenize(normalize(text))
    return [w.lower() for w in segmented.split() if "_" in w and not w.startswith("_")]


# --- Sentences ----------------------------------------------------------------------------------

# A sentence ends at . ! ? … (and closing quotes) when whitespace and a capital, digit or opening quote
# follow. A dot inside a number ("4.607") is never followed by whitespace, so numbers are never cut.
_UPPER = UPPERCASE_LETTERS
SENTENCE_END_PATTERN = rf"(?<=[.!?…\"”’)\]])\s+(?=[\"“‘(\[]?[{_UPPER}]|\d)"
_SENTENCE_END = re.compile(SENTENCE_END_PATTERN)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of `text`; every line break also ends a sentence."""
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
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
    """(canonical number, start, end) of every document number in normalised `text`, in order."""
    spans = []
    for m in _DOC_NUMBER.finditer(normalize(text)):
        if m.group("n2"):
            key = f"{int(m.group('n2')):02d}/{m.group('t2')}-{m.group('i2')}"
        elif m.group("n1"):
            key = f"{int(m.group('n1'))}-{m.group('t1')}/{m.group('i1')}"
        else:
            key = f"{int(m.group('n3'))}-{m.group('t3')}/{m.group('i3')}"
        spans.append((key, m.start(), m.end()))
    return spans


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
_TYPE_NAMES = "|".join(sorted(_FOLDED_TYPES, key=len, reverse=True))
_TYPE_CODES = "|".join(sorted({fold(code) for code in DOC_TYPES.values()}, key=len, reverse=True))
_SHORT_REFERENCE = re.compile(
    rf"(?<![\w/-])(?:(?P<name>{_TYPE_NAMES})\s+(?:so\s+)?|(?P<code>{_TYPE_CODES})\s?-?\s?)(?P<n>\d{{1,5}})(?![\w/-])",
    re.IGNORECASE)


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


def full_number_reference(number: str) -> str | None:
    """The reference key of a canonical full number ("57-NQ/TW" → "57-nq"), None if it is not one."""
    m = _DOC_NUMBER.fullmatch(number)
    if m is None:
        return None
    n, t = next((m.group(f"n{i}"), m.group(f"t{i}")) for i in (1, 2, 3) if m.group(f"n{i}"))
    return reference_key(t, n)


# --- Dates --------------------------------------------------------------------------------------

# dd/mm[/yy[yy]] ("22/12/2024", "10/3"), groups d, m, y; never inside a longer run of digits and slashes
# (a document number such as 29/UBND-KH is not a date: its second part is not a number).
DATE_PATTERN = r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})(?:/(?P<y>\d{2,4}))?(?![\d/])"
_DATE = re.compile(r"(?:(?P<when>sáng|chiều|tối|trưa)\s+(?:ngày\s+)?)?" + DATE_PATTERN, re.IGNORECASE)


@dataclass(frozen=True)
class FoundDate:
    value: date
    is_event: bool  # introduced by "sáng/chiều/tối/trưa": the day the reported event took place


def find_dates(text: str, default_year: int | None = None) -> list[FoundDate]:
    """Dates written dd/mm[/yyyy]; a date without a year takes `default_year` or the text's commonest."""
    text = normalize(text)
    matches = [m for m in _DATE.finditer(text) if not m.group("y") or len(m.group("y")) == 4]  # "5/3/25": no date
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
    mentions = province_mentions(text)
    return mentions.most_common(1)[0][0] if mentions else None


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

    Loose patterns also match a short form typed in lower case without diacritics ("bcd", "khcn"); only
    for forms of three letters or more, since "tu" or "kh" are ordinary syllables."""
    rows = []
    for a in abbreviations():
        short = re.escape(a.short)
        if loose and len(fold(a.short)) >= 3:
            short = f"(?i:{short}|{re.escape(fold(a.short))})"
        rows.append((a, re.compile(rf"(?<![\w&]){short}(?![\w&])"),
                     re.compile(rf"(?<!\w){re.escape(a.full.lower())}(?!\w)")))
    return rows


def expand_abbreviations(text: str, loose: bool = False) -> str:
    """Replace known abbreviations by their full form ("Trưởng BCĐ" -> "Trưởng Ban Chỉ đạo")."""
    text = normalize(text)
    for abbreviation, short, _ in _abbreviation_patterns(loose):
        text = short.sub(abbreviation.full, text)
    return text


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


# --- Lexical terms ------------------------------------------------------------------------------


def lexical_terms(text: str, abbreviations: bool = True, loose: bool = False) -> list[str]:
    """Everything the BM25 index matches on, for a chunk at ingest and for a question at query time:
    syllables, pyvi compound words, both forms of each abbreviation, and document-number keys."""
    terms = tokenize(text) + compound_words(text)
    if abbreviations:
        terms += abbreviation_tokens(text, loose=loose)
    terms += ["§" + doc_number_key(n) for n in find_doc_numbers(text)]
    return terms
