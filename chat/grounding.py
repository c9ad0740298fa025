"""Keep only what the cited passages say: every sentence of a generated answer is checked before it is shown.

A small local model writes fluent Vietnamese but also adds facts of its own. A sentence is kept when it cites
a passage that exists, every number in it appears in a cited passage, and most of its weighted key terms do
too; the others are removed (the service falls back to the extractive answer when nothing is left). The
check runs sentence by sentence on a token stream, so a streamed answer shows only checked sentences.

Citation markers: a sentence without one takes the markers of the next cited sentence of its paragraph (a
model often cites once at the end of a paragraph), else of the previous one; markers written right after a
sentence's full stop ("... 2025. [1]") belong to that sentence. A paragraph with no marker at all is
removed: it is not attributed to a passage that happens to contain its words, since a passage planted with
instructions would then "support" an obedient model's output.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bcd import vietnamese as vn
from chat.citations import MARKERS, markers
from chat.generators.base import Passage
from chat.prompt import passage_header
from retrieval.coverage import coverage, key_terms
from retrieval.hybrid import Hit

_LEADING_MARKERS = re.compile(r"^(?:\s*\[\d+(?:\s*[,;]\s*\d+)*\])+")
_NUMBER = re.compile(vn.NUMBER_PATTERN)
_THOUSANDS = re.compile(r"\d{1,3}(?:([.,])\d{3})+")


def numbers(text: str) -> set[str]:
    """The numbers a text states, in one comparable form: "1.000" = "1,000" = "1000", "84,2" = "84.2", "05" =
    "5"; a date or document number counts as its parts ("10/3/2025" → 10, 3, 2025; "57-NQ/TW" → 57)."""
    found: set[str] = set()
    for raw in _NUMBER.findall(vn.normalize(text)):
        match = _THOUSANDS.fullmatch(raw)
        if match and (raw.count(match.group(1)) > 1 or match.group(1) == "."):
            found.add(str(int(re.sub(r"[.,]", "", raw))))
        elif re.fullmatch(r"\d+[.,]\d+", raw):
            whole, frac = re.split(r"[.,]", raw)
            found.add(f"{int(whole)}.{frac.rstrip('0') or '0'}")
        else:
            found.update(str(int(part)) for part in re.split(r"[.,]", raw))
    return found


@dataclass(frozen=True)
class SentenceCheck:
    text: str  # the sentence without its markers
    cited: list[int]  # passage numbers it cites (inherited ones included)
    overlap: float  # weighted share of its key terms found in the cited passages
    missing_numbers: list[str]
    reason: str  # why it was removed; "" when it is grounded

    @property
    def grounded(self) -> bool:
        return not self.reason

    def with_markers(self) -> str:
        return self.text + "".join(f" [{n}]" for n in self.cited)


class GroundingChecker:
    """Checks sentences against passages: `feed` text as it is generated, `finish` at the end; both return the
    sentences decided so far, in order."""

    def __init__(self, passages: list[Passage], idf: Callable[[str], float], min_overlap: float) -> None:
        self._passages = {p.n: p for p in passages}
        self._idf = idf
        self._min_overlap = min_overlap
        self._buffer = ""
        self._paragraph: list[str] = []  # complete sentences of the current paragraph, not yet decided
        self._last_cited: list[int] = []  # markers of the last decided cited sentence of the paragraph

    def feed(self, text: str) -> list[SentenceCheck]:
        self._buffer += text
        decided: list[SentenceCheck] = []
        while "\n" in self._buffer:
            line, self._buffer = self._buffer.split("\n", 1)
            self._add_sentences(line, complete=True)
            decided += self._decide(paragraph_end=True)
        self._add_sentences(self._buffer, complete=False)
        return decided + self._decide(paragraph_end=False)

    def finish(self) -> list[SentenceCheck]:
        self._add_sentences(self._buffer, complete=True)
        self._buffer = ""
        return self._decide(paragraph_end=True)

    def _add_sentences(self, text: str, complete: bool) -> None:
        spans = vn.split_sentences(text)
        done = spans if complete else spans[:-1]
        for start, end in done:
            sentence = text[start:end]
            leading = _LEADING_MARKERS.match(sentence)
            if leading and self._paragraph:  # "... 2025. [1] Next" → [1] belongs to the previous sentence
                self._paragraph[-1] += leading.group(0)
                sentence = sentence[leading.end():]
            if sentence.strip():
                self._paragraph.append(sentence.strip())
        if not complete:
            self._buffer = text[spans[-1][0]:] if spans else text

    def _decide(self, paragraph_end: bool) -> list[SentenceCheck]:
        """Decide sentences from the front of the paragraph while their markers are known. The last complete
        sentence waits (the next one may begin with its markers) unless the paragraph has ended."""
        decided: list[SentenceCheck] = []
        while self._paragraph:
            ready = self._paragraph if paragraph_end else self._paragraph[:-1]
            if not ready:
                break
            own = markers(ready[0])
            if not own:
                later = next((m for s in self._paragraph[1:] if (m := markers(s))), None)
                if later is None and not paragraph_end:
                    break  # a later sentence of this paragraph may still cite
                own = later or self._last_cited
            sentence = self._paragraph.pop(0)
            if own:
                self._last_cited = own
            decided.append(self.check(sentence, own))
        if paragraph_end:
            self._last_cited = []
        return decided

    def check(self, sentence: str, cited: list[int]) -> SentenceCheck:
        plain = MARKERS.sub("", sentence).strip()
        if plain.endswith("?"):
            return SentenceCheck(plain, cited, 0.0, [], "a question, not a statement")
        if not cited:
            return SentenceCheck(plain, [], 0.0, [], "no citation")
        valid = [n for n in cited if n in self._passages]
        if not valid:
            return SentenceCheck(plain, [], 0.0, [], "cites no retrieved passage")
        sources = " ".join(source_text(self._passages[n].hit) for n in valid)
        missing = sorted(numbers(plain) - numbers(sources))
        terms = key_terms(plain, self._idf)
        overlap = coverage(terms, sources) if terms.total else 0.0
        reason = ""
        if missing:
            reason = f"numbers not in the cited passages: {', '.join(missing)}"
        elif overlap < self._min_overlap:
            reason = f"key-term overlap {overlap:.2f} < {self._min_overlap:.2f}"
        return SentenceCheck(plain, valid, overlap, missing, reason)


def source_text(hit: Hit) -> str:
    """What a generator is shown of a passage, in full: its header (title, province, date) and its text."""
    return f"{passage_header(hit)}\n{hit.text}"
