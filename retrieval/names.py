"""The names a corpus speaks of: the syllables it writes with a capital.

A question that names something the documents never name ("Thủ đô của nước Pháp là gì?", "Ai là CEO của
Tesla?") cannot be answered from them, however many of its other words match: "pháp" is in "giải pháp",
"nước" in "đất nước". Capitals tell a name from a common word, so a name run the question capitalises none of
whose syllables the corpus ever capitalises is one the documents do not speak of. Only the syllables are
compared (folded: "Phap" typed without diacritics is the same name), and one known syllable is enough for a
run to count as known: a person's title ("Phó Chủ tịch …") or a name the corpus spells a little differently
is never refused for it. A district or commune is its whole name: "huyện Lương Sơn" is no place the documents
speak of when they never write "Lương Sơn", though they write "Lò Văn Sơn" and "Lương Thị …".
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

from bcd import vietnamese as vn

# the texts read at most (a large corpus's first megabytes hold the names it speaks of most)
MAX_CHARS = 20_000_000
_CAPITALISED = re.compile(r"(?<![\w])[A-Z][a-z]*(?!\w)")  # in folded text: Đ is D, every letter ASCII
# two in a row, overlapping ("Bac Mai" and "Mai Chau" in "Da Bac Mai Chau")
_CAPITALISED_PAIR = re.compile(r"(?<![\w])(?=([A-Z][a-z]* [A-Z][a-z]*)(?!\w))")
# a local unit's name follows its kind: "huyện Đà Bắc", "xã Trung Minh" (lower-cased; folded only for a question typed
# without diacritics, where "quan" is "quận" and not "nghĩa quân")
LOCAL_UNITS = "huyện|xã|thị xã|thị trấn|phường|quận"
_LOCAL_UNIT = re.compile(rf"(?<!\w)(?:{LOCAL_UNITS})\s+$")
_FOLDED_LOCAL_UNIT = re.compile(rf"(?<!\w)(?:{vn.fold(LOCAL_UNITS)})\s+$")


class CorpusNames:
    """The folded syllables `texts` write capitalised, found on first use (one pass over the texts)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._read: tuple[frozenset[str], frozenset[str], frozenset[str]] | None = None
        self._lock = threading.Lock()

    def _names(self) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """(capitalised syllables, pairs of them written one after the other, the provincial departments of
        bcd/data/agencies.tsv written in any spelling), read in one pass, once."""
        with self._lock:
            if self._read is None:
                found: set[str] = set()
                pairs: set[str] = set()
                departments: set[str] = set()
                shorts: set[str] = set()
                read = 0
                for text in self._texts:
                    normalised = vn.normalize(text)
                    folded = vn.fold(normalised)
                    found.update(w.lower() for w in _CAPITALISED.findall(folded))
                    shorts.update(_SHORT_FORM.findall(normalised))
                    pairs.update(p.lower() for p in _CAPITALISED_PAIR.findall(folded))
                    departments |= vn.departments_named(folded)
                    read += len(text)
                    if read >= MAX_CHARS:
                        break
                # a body the texts name only by its initials ("Chủ tịch HĐND tỉnh") is named by a question spelling
                # it out ("Chủ tịch Hội đồng nhân dân tỉnh")
                found.update(w.lower() for a in vn.abbreviations() if a.short in shorts
                             for w in _CAPITALISED.findall(vn.fold(a.full)))
                self._read = frozenset(found), frozenset(pairs), frozenset(departments)
            return self._read

    def unknown_departments(self, question: str) -> list[str]:
        """The provincial departments the question names ("Sở Xây dựng", "SXD") that the texts never write, in any
        spelling, by their canonical names: no document speaks of what they do."""
        return sorted(vn.departments_named(question) - self._names()[2])

    @property
    def known(self) -> frozenset[str]:
        return self._names()[0]

    @property
    def known_pairs(self) -> frozenset[str]:
        """Two capitalised syllables the corpus writes one after the other ("luong son" if it names Lương Sơn)."""
        return self._names()[1]

    def unknown(self, question: str) -> list[str]:
        """The name runs of `question` (as typed) none of whose syllables the corpus ever capitalises; a word
        opening a sentence ("… nào? Hạn khi nào?") and one with capitals inside ("CTr", "KH&CN") are no names."""
        runs = []
        for at, run in vn.stated_name_runs(question):
            words = run.split()
            syllables = [vn.fold(w).lower() for w in words if _NAME_WORD.fullmatch(vn.fold(w))]
            if syllables and len(syllables) == len(words) and not any(s in self.known for s in syllables):
                runs.append(run)
            elif len(syllables) == len(words) > 1 and _local_unit_before(question, at) and any(
                    f"{a} {b}" not in self.known_pairs for a, b in zip(syllables, syllables[1:])):
                runs.append(run)  # "huyện Lương Sơn": a district the documents never name
        return runs


_SHORT_FORM = re.compile(r"(?<![\w&])[A-ZĐ][\wĐ&]*[A-ZĐ][\wĐ&]*(?![\w&])")  # "HĐND", "KH&CN", "CTr": two capitals
_NAME_WORD = re.compile(r"[A-Z][a-z]+")  # folded: a capital, then small letters only


def _local_unit_before(question: str, at: int) -> bool:
    before = vn.normalize(question[:at]).lower()
    return bool((_LOCAL_UNIT if vn.has_diacritics(question) else _FOLDED_LOCAL_UNIT).search(before))
