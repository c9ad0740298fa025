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
_ROMAN = re.compile(r"[IVXLCDM]+")


class AcronymReader:
    """The meanings of acronyms in `texts`, found on first use and kept (each needs a pass over the texts)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._meanings: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def meaning(self, acronym: str) -> str | None:
        """The phrase `acronym` stands for (as the corpus writes it, lower-cased; a province by its name), or None.
        "NĐ" and "ND" are asked apart: the first wants a syllable with "đ"."""
        with self._lock:
            if acronym not in self._meanings:
                if len(self._meanings) >= MAX_KEPT:
                    self._meanings.clear()  # whoever types capitals at random does not grow the process
                self._meanings[acronym] = self._find(vn.fold(acronym).lower(), acronym)
            return self._meanings[acronym]

    def _find(self, initials: str, acronym: str) -> str | None:
        # the syllables in a row, or a list of them ("CBCCVC": "cán bộ, công chức, viên chức")
        pattern = re.compile(r"(?<!\w)" + r",? ".join(f"{c}[a-z]*" for c in initials) + r"(?!\w)")
        written = re.compile(rf"(?<![\w/&-]){re.escape(acronym)}(?![\w/&-])")
        phrases: Counter[str] = Counter()
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
                phrase = lowered[m.start():m.end()]
                words = phrase.replace(",", "").split()
                if words[0] not in vn.STOPWORDS and words[-1] not in vn.STOPWORDS and _initials_agree(acronym, words):
                    phrases[phrase] += 1
        meaning = _dominant(phrases, 1 if len(initials) >= SPECIFIC_LETTERS else MIN_COUNT)
        if meaning is None or len(initials) > 2:
            return meaning
        # two letters stand for too many phrases: only a province ("HB" Hòa Bình, "LC" Lào Cai), and only when no
        # other phrase with its initials is as common ("HN" is "hội nghị" as often as "Hà Nam")
        return next((name for name, names in vn.province_patterns() if names.fullmatch(vn.fold(meaning))), None)

    def spell_out(self, text: str, folded: bool = False) -> str:
        """`text` with each acronym that `bcd/data/abbreviations.tsv` does not list replaced by its meaning, folded
        for a question typed without diacritics (its restoration puts them back)."""
        if text.isupper():
            return text  # a question typed in capitals ("AI LÀ NGƯỜI CHỦ TRÌ?") holds no acronym to read

        def replace(m: re.Match[str]) -> str:
            if _ROMAN.fullmatch(m.group()) or m.group() in _listed():
                return m.group()
            meaning = self.meaning(m.group())
            return m.group() if meaning is None else vn.fold(meaning) if folded else meaning

        return _ACRONYM.sub(replace, text)


@lru_cache(maxsize=1)
def _listed() -> frozenset[str]:
    """The short forms `bcd/data/abbreviations.tsv` lists (the table spells them out, not the corpus)."""
    return frozenset(a.short for a in vn.abbreviations())


def _initials_agree(acronym: str, words: list[str]) -> bool:
    """An "Đ" typed stands for a syllable with "đ" ("NĐ" is not "nhân dân"); a "D" for either."""
    return all(letter != "Đ" or word.startswith("đ") for letter, word in zip(acronym.upper(), words))


def _dominant(counts: Counter[str], least: int) -> str | None:
    """The most frequent, when it is seen at least `least` times and clearly ahead of the next one."""
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[0][1] < DOMINANCE * ranked[1][1]):
        return None
    return ranked[0][0]
