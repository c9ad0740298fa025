"""Acronyms no table lists, read as the corpus writes them out: "CQS" chính quyền số, "HB" Hòa Bình, "HTTT" hệ
thống thông tin.

Officials abbreviate a phrase by the initials of its syllables, and make up new ones as they type ("BCĐ xây dựng
CQS tỉnh HB"); `bcd/data/abbreviations.tsv` lists the common ones of the domain, never all. An acronym the corpus
never writes as such is read here as the phrase with those initials that the corpus uses most often, when it
clearly outnumbers every other phrase with the same initials; otherwise it is left as typed.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from bcd import vietnamese as vn

MIN_COUNT = 2  # a phrase written once is no evidence of what a short acronym means ...
SPECIFIC_LETTERS = 5  # ... but five initials or more in a row are: once is enough ("CBCCVC")
# the texts read per acronym, at most (~0.25 s a megabyte on these machines): a large corpus's first few
# megabytes tell which phrase dominates as well as all of it would, and a question does not wait long
MAX_CHARS = 2_000_000
MAX_KEPT = 4096  # meanings kept (found or not)
DOMINANCE = 2.0  # ... and it must be written this many times as often as the next phrase with its initials
# an acronym as typed: two to six capitals, not part of a document number ("12-NQ/TU") or a Roman numeral
_ACRONYM = re.compile(r"(?<![\w/&-])[A-ZĐ]{2,6}(?![\w/&-])")
# (in lower case, only letters no syllable is spelled of, without a vowel: "cqs", "dvc"; not an English word)
_LOWER_ACRONYM = re.compile(r"(?<![\w/&-])[bcdfghjklmnpqrstvwxzđ]{3,6}(?![\w/&-])")
# a Roman numeral as numerals are written ("IV", "XII"; "LC" is no numeral, Lào Cai's initials are)
_ROMAN = re.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")


class AcronymReader:
    """The meanings of acronyms in `texts`, found on first use and kept (each needs a pass over the texts)."""

    def __init__(self, texts: Sequence[str], provinces: Sequence[str] = ()) -> None:
        self._texts = texts
        self._provinces = provinces  # those the documents are about
        self._meanings: dict[tuple[str, Beside], str | None] = {}
        self._lock = threading.Lock()

    def meaning(self, acronym: str, beside: Beside = (frozenset(), frozenset())) -> str | None:
        """The phrase `acronym` stands for (as the corpus writes it, lower-cased; a province by its name), or None.
        "NĐ" and "ND" are asked apart: the first wants a syllable with "đ". `beside`: the words typed right
        before it and right after it (folded), which settle what the letters alone do not."""
        alone = self._kept(acronym, (frozenset(), frozenset()))
        # (the words beside it need a pass of their own: only when the letters alone say nothing)
        if alone is not None or not any(beside):
            return alone
        both = self._kept(acronym, beside)
        if both is not None or not all(beside):
            return both
        # a word typed on one side may be one the corpus never writes there ("đ/c CT UBND": no "đồng chí Chủ tịch
        # UBND" in it, but "Chủ tịch UBND" often): each side alone, when only one says something or both agree,
        # and never a phrase that repeats the word typed on the other side ("Bí thư TT ủy": no "thư thư tỉnh")
        sides = {self._kept(acronym, (beside[0], frozenset())), self._kept(acronym, (frozenset(), beside[1]))}
        sides.discard(None)
        meaning = sides.pop() if len(sides) == 1 else None
        words = vn.fold(meaning or "").lower().split()
        return meaning if words and not (words[0] in beside[0] or words[-1] in beside[1]) else None

    def _kept(self, acronym: str, beside: Beside) -> str | None:
        key = (acronym, beside)
        with self._lock:
            if key not in self._meanings:
                if len(self._meanings) >= MAX_KEPT:
                    self._meanings.clear()  # whoever types capitals at random does not grow the process
                self._meanings[key] = self._find(vn.fold(acronym).lower(), acronym, beside)
            return self._meanings[key]

    def _find(self, initials: str, acronym: str, beside: Beside) -> str | None:
        # the syllables in a row, or a list of them ("CBCCVC": "cán bộ, công chức, viên chức")
        # (matched overlapping: "chủ tịch thường trực" holds "tịch thường" and "thường trực")
        pattern = re.compile(r"(?<!\w)(?=(" + r",? ".join(f"{c}[a-z]*" for c in initials) + r")(?!\w))")
        written = re.compile(rf"(?<![\w/&-]){re.escape(acronym)}(?![\w/&-])")
        phrases: Counter[str] = Counter()
        around: Counter[str] = Counter()  # written beside one of the words typed beside the acronym
        read = 0
        for text in self._texts:
            if read > MAX_CHARS:
                break
            read += len(text)
            if written.search(text):
                return None  # the corpus uses the acronym itself: it is a word of its own here
            lowered = " ".join(vn.normalize(text).lower().split())
            folded = vn.fold(lowered)
            if len(folded) != len(lowered):
                continue  # offsets are shared by both forms below
            for m in pattern.finditer(folded):
                phrase = lowered[m.start(1):m.end(1)]
                words = phrase.replace(",", "").split()
                if words[0] not in vn.STOPWORDS and words[-1] not in vn.STOPWORDS and _initials_agree(acronym, words) \
                        and _whole_items(phrase):
                    phrases[phrase] += 1
                    if any(beside) and _agree(beside, _neighbours(folded, m.start(1), m.end(1))):
                        around[phrase] += 1
        meaning = _dominant(phrases, 1 if len(initials) >= SPECIFIC_LETTERS else MIN_COUNT)
        if meaning is not None and len(initials) > 2:
            return meaning
        # two letters stand for too many phrases: only a province ("HB" Hòa Bình, "LC" Lào Cai), and only when no
        # other phrase with its initials is as common ("HN" is "hội nghị" as often as "Hà Nam") ...
        if meaning is not None and (province := _province(meaning)):
            return province
        # ... or the phrase the corpus writes beside the same words: "HN đôn đốc" is the "hội nghị đôn đốc" the
        # corpus writes, "Phó Chủ tịch TT" its "Phó Chủ tịch thường trực"
        beside_meaning = _dominant(around, 1)  # (the words beside it are the evidence: once is enough)
        return beside_meaning and (_province(beside_meaning) or beside_meaning)

    def spell_out(self, text: str, folded: bool = False) -> str:
        """`text` with each acronym that `bcd/data/abbreviations.tsv` does not list replaced by its meaning, folded
        for a question typed without diacritics (its restoration puts them back)."""
        if text.isupper():
            return text  # a question typed in capitals ("AI LÀ NGƯỜI CHỦ TRÌ?") holds no acronym to read

        def replace(m: re.Match[str]) -> str:
            if _ROMAN.fullmatch(m.group()) or m.group() in _listed() or _province(m.group().lower()):
                return m.group()  # (a province's own short form, "HCM", is its name already)
            # (the words beside it are read, with the abbreviations around them spelled out, only when its
            # letters alone say nothing)
            meaning = self.meaning(m.group()) or self.meaning(m.group(), _typed_beside(text, m.start(), m.end())) \
                or (self.province(m.group()) if not text[:m.start()].strip() and (
                    _SETTING.match(text, m.end()) or not _NUMBERED.match(text, m.end()))  # ("NĐ triển khai …")
                    or _PROVINCE_BEFORE.search(text, 0, m.start())
                    or _AT.search(text, 0, m.start()) and not _NUMBERED.match(text, m.end()) else None)
            return m.group() if meaning is None else vn.fold(meaning) if folded else meaning

        def lowered(m: re.Match[str]) -> str:  # "bcđ cqs": an acronym typed in lower case, read as in capitals
            if vn.fold(m.group()) in _listed_folded() or _province(m.group()) or (
                    meaning := self.meaning(m.group().upper())) is None:
                return m.group()
            return vn.fold(meaning) if folded else meaning

        return _LOWER_ACRONYM.sub(lowered, _ACRONYM.sub(replace, text))


    def province(self, acronym: str) -> str | None:
        """The one province the documents are about whose name has these initials ("NĐ" Nam Định), or None. Read
        only where the acronym stands as the question's setting: a corpus may write a province's name too seldom
        for its initials to stand out among its phrases, and "HN" elsewhere is "hội nghị" as often as "Hà Nam"."""
        found = {p for p in self._provinces if len(words := vn.normalize(p).lower().split()) == len(acronym)
                 and vn.fold("".join(w[0] for w in words)) == vn.fold(acronym).lower()
                 and _initials_agree(acronym, words)}
        return found.pop() if len(found) == 1 else None


# an acronym opening the question before a colon or comma ("NĐ: UBND tỉnh ra KH số mấy …?"), or after "tỉnh",
# "Tỉnh ủy" or "TU" ("BTV TU ND …"), or its People's Committee ("UBND NĐ ban hành …")
_SETTING = re.compile(r"\s*[:,]")
_PROVINCE_BEFORE = re.compile(r"(?<!\w)(?:(?i:tỉnh|tinh)(?:\s+(?i:ủy|uỷ|uy))?|TU|UBND|HĐND"
                              r"|(?i:ủy ban nhân dân|uỷ ban nhân dân|uy ban nhan dan))\s+$")
# or after "ở", "tại" ("Ở ND, UBND tỉnh …"), where no number follows it as one follows a decree's ("tại NĐ 13/2023")
_AT = re.compile(r"(?<!\w)(?i:ở|tại|o|tai)\s+$")
_NUMBERED = re.compile(r"\s*(?:số\s+|so\s+)?\d")


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    """The short forms `bcd/data/abbreviations.tsv` lists (the table spells them out, not the corpus)."""
    return frozenset(a.short for a in vn.abbreviations())


@lru_cache(maxsize=1)
def _listed_folded() -> frozenset[str]:
    """The listed short forms as typed in lower case without diacritics ("bcd" of "BCĐ"): the table's to spell out."""
    return frozenset(vn.fold(short).lower() for short in _listed())


NEIGHBOUR_REACH = 40  # characters read on each side of a phrase for the words beside it


Beside = tuple[frozenset[str], frozenset[str]]  # words right before, words right after


def _neighbours(folded: str, start: int, end: int) -> Beside:
    """The word right before and the word right after `folded[start:end]`, lower-case."""
    before = re.findall(r"\w+", folded[max(0, start - NEIGHBOUR_REACH):start])[-1:]
    after = re.findall(r"\w+", folded[end:end + NEIGHBOUR_REACH])[:1]
    return frozenset(before), frozenset(after)


def _agree(typed: Beside, written: Beside) -> bool:
    """Whether a phrase is written beside what was typed beside the acronym, on each side something was typed
    ("Phó Chủ tịch TT UBND": "thường trực" between "tịch" and "UBND", not "thư tỉnh" of "Bí thư Tỉnh ủy")."""
    return all(not words or words & seen for words, seen in zip(typed, written))


def _typed_beside(text: str, start: int, end: int) -> Beside:
    """The words typed right before and after an acronym, folded, as typed and spelled out ("PCT" and "tịch"
    before "TT"), stop words left out."""
    before, after = text[:start], text[end:]
    stop = vn.FOLDED_STOPWORDS  # ("ban" is no "bạn" here: "Phó Trưởng ban TT")
    return (frozenset(w for form in (before, vn.expand_abbreviations(before))
                      for w in re.findall(r"\w+", vn.fold(form).lower())[-1:] if w not in stop),
            frozenset(w for form in (after, vn.expand_abbreviations(after))
                      for w in re.findall(r"\w+", vn.fold(form).lower())[:1] if w not in stop))


def _province(phrase: str) -> str | None:
    return next((name for name, names in vn.province_patterns() if names.fullmatch(vn.fold(phrase))), None)


def _initials_agree(acronym: str, words: list[str]) -> bool:
    """An "Đ" typed stands for a syllable with "đ" ("NĐ" is not "nhân dân"); a "D" for either."""
    return all(letter != "Đ" or word.startswith("đ") for letter, word in zip(acronym.upper(), words))


def _whole_items(phrase: str) -> bool:
    """Whether each item of a phrase written as a list has two syllables or more, as a list of words does ("cán bộ,
    công chức, viên chức"): "bổ, quản lý" is the end of one word and the start of another ("phân bổ, quản lý")."""
    return "," not in phrase or all(len(item.split()) >= 2 for item in phrase.split(","))


def _dominant(counts: Counter[str], least: int) -> str | None:
    """The most frequent, when it is seen at least `least` times and clearly ahead of the next one."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]):
        return None
    return ranked[0][0]
