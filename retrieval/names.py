"""The names a corpus speaks of: the syllables it writes with a capital.

A question that names something the documents never name ("Thủ đô của nước Pháp là gì?", "Ai là CEO của
Tesla?") cannot be answered from them, however many of its other words match: "pháp" is in "giải pháp",
"nước" in "đất nước". Capitals tell a name from a common word, so a name run the question capitalises none of
whose syllables the corpus ever capitalises is one the documents do not speak of. Only the syllables are
compared (folded: "Phap" typed without diacritics is the same name), and one known syllable is enough for a
run to count as known: a person's title ("Phó Chủ tịch …") or a name the corpus spells a little differently
is never refused for it.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

from bcd import vietnamese as vn

# the texts read at most (a large corpus's first megabytes hold the names it speaks of most)
MAX_CHARS = 20_000_000
_CAPITALISED = re.compile(r"(?<![\w])[A-Z][a-z]*(?!\w)")  # in folded text: Đ is D, every letter ASCII


class CorpusNames:
    """The folded syllables `texts` write capitalised, found on first use (one pass over the texts)."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._texts = texts
        self._known: frozenset[str] | None = None
        self._lock = threading.Lock()

    @property
    def known(self) -> frozenset[str]:
        with self._lock:
            if self._known is None:
                found: set[str] = set()
                read = 0
                for text in self._texts:
                    found.update(w.lower() for w in _CAPITALISED.findall(vn.fold(vn.normalize(text))))
                    read += len(text)
                    if read >= MAX_CHARS:
                        break
                self._known = frozenset(found)
            return self._known

    def unknown(self, question: str) -> list[str]:
        """The name runs of `question` (as typed) none of whose syllables the corpus ever capitalises; a word
        opening a sentence ("… nào? Hạn khi nào?") and one with capitals inside ("CTr", "KH&CN") are no names."""
        runs = []
        for _, run in vn.stated_name_runs(question):
            words = run.split()
            syllables = [vn.fold(w).lower() for w in words if _NAME_WORD.fullmatch(vn.fold(w))]
            if syllables and len(syllables) == len(words) and not any(s in self.known for s in syllables):
                runs.append(run)
        return runs


_NAME_WORD = re.compile(r"[A-Z][a-z]+")  # folded: a capital, then small letters only
