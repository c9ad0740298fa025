"""Which sentences of the retrieved passages answer the question, and how likely — before any generation.

Each candidate sentence gets features that say something about any question, not about our own questions:
how much of the question's weighted key terms it holds (and its passage holds), whether it holds the
question's distinctive words (names, numbers — what an adversarial near-miss changes), its rarest words and
word pairs, whether it states the kind of fact asked for, negation agreeing, and where retrieval put its
passage. A small logistic model (`eval/answerability.py` fits it on data apart from what we report on, and
ships it as `bcd/data/answerability.json`) turns them into the probability that the sentence answers the
question. The same ranking serves the extractive answer, the excerpts an LLM sees and the refusal: the
service refuses when the best probability is under the threshold, whatever generator is configured.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from bcd import vietnamese as vn
from chat import sections, speakers
from chat.citations import document_label
from chat.facts import (
    ORGANISATION,
    RUNNING_VERBS,
    asked_fact_spans,
    holds_role,
    labelled_cells,
    role_spans,
    spans_asked,
    states_asked_fact,
    whole_spans,
)
from chat.generators.base import Passage
from ingest.instructions import is_instruction
from ingest.official import unpack_spans
from retrieval.asked import CARRIED_TOPIC, counted_words, roles_in
from retrieval.committees import names_committee
from retrieval.coverage import coverage, passage_terms
from retrieval.hybrid import Hit
from retrieval.names import LOCAL_UNITS
from retrieval.question import QUOTED, Question, number_is_of_type

CANDIDATES = 12  # sentences scored by the model, after a cheap pre-ranking by key-term coverage
FACT_CANDIDATES = 4  # and at most this many further down that state the kind of fact asked
LIST_KEEP_RATIO = 0.6
KEEP_RATIO = 0.9
MAX_OPEN_SENTENCES = 2
MAX_ENUMERATION = 8  # sentences of an announced enumeration ("… như: A. B. C.") quoted after its first
# "như:", "gồm:", "sau:": a sentence announcing that a list follows
_ANNOUNCES_LIST = re.compile(r"(?<!\w)(?:như|gồm|bao gồm|sau|là)\s*:\s*\S", re.IGNORECASE)
_NEGATION = frozenset({"không", "chưa", "chẳng", "chả"})

FEATURES = ("coverage", "passage_coverage", "entity_coverage", "passage_entity_coverage", "rare_coverage",
            "rarest_missing", "pair_overlap", "has_fact", "kind_asked", "fact_missing", "fact_coverage", "rank",
            "dense", "bm25", "negation_mismatch", "length", "doc_numbers_ok", "places_ok", "context_coverage")

FACT = FEATURES.index("has_fact")
CITED = FEATURES.index("doc_numbers_ok")


@dataclass(frozen=True)
class AnswerabilityModel:
    """Standardised features → logistic probability that a sentence answers the question."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float
    info: dict[str, object]

    @classmethod
    def load(cls, path: Path | None = None) -> AnswerabilityModel:
        text = (path.read_text(encoding="utf-8") if path is not None else
                resources.files("bcd").joinpath("data/answerability.json").read_text(encoding="utf-8"))
        data = json.loads(text)
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"answerability model {path or 'bcd/data/answerability.json'} was fitted on other "
                             f"features ({data['features']}); refit it with `python -m eval.answerability`")
        return cls(np.array(data["mean"]), np.array(data["scale"]), np.array(data["coef"]),
                   float(data["intercept"]), float(data["threshold"]), data.get("info", {}))

    def probability(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))


@lru_cache(maxsize=4)
def default_model(path: str | None = None) -> AnswerabilityModel:
    return AnswerabilityModel.load(Path(path) if path else None)


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    passage: Passage
    coverage: float
    score: float  # probability that the sentence answers the question
    has_fact: bool
    start: int  # offset in the passage, to find the sentences that follow it
    features: tuple[float, ...] = ()

    @property
    def province(self) -> str:
        return vn.fold(self.passage.hit.metadata.get("province") or "").lower()


def _pairs(tokens: list[str]) -> set[tuple[str, str]]:
    return set(zip(tokens, tokens[1:]))


@dataclass(frozen=True)
class _Asked:
    """What every candidate is compared with, from the question: computed once per ranking."""

    rare: list[str]  # the three heaviest key terms
    top_weight: float
    pairs: set[tuple[str, str]]  # adjacent content words
    province: bool  # a province asked for ("tỉnh nào"): "của tỉnh …" in a province's report answers

    @classmethod
    def of(cls, question: Question) -> _Asked:
        weights = question.key.weights
        rare = [t for t, _ in sorted(weights.items(), key=lambda kv: -kv[1])[:3]]
        return cls(rare, max(weights.values(), default=1.0),
                   _pairs([vn.fold(t) for t in vn.content_tokens(question.dense_text)]),
                   question.kind == "place" and _WHICH_PROVINCE.search(vn.fold(question.dense_text)) is not None)


@dataclass(frozen=True)
class _PassageView:
    """What every sentence of one passage shares: computed once per passage, not once per sentence."""

    passage: Passage
    rank: int
    context: float  # the passage's own key-term coverage
    folded: str
    cased: str  # its text folded with its capitals kept: where names are
    about: str  # its document's province and title (what "toàn tỉnh" refers to), folded with their capitals
    province: str
    doc_numbers: set[str]  # the question's document numbers it (or its document's other chunks found) cites
    document: str  # its document, when that is what the question asks for (`own_document`)
    dense: float  # its dense score, relative to the best passage's
    bm25: float  # its BM25 score, relative to the best passage's

    @classmethod
    def of(cls, question: Question, passage: Passage, rank: int, top_dense: float, top_bm25: float) -> _PassageView:
        hit = passage.hit
        province = hit.metadata.get("province") or ""
        cased = vn.fold(vn.normalize(passage.text))
        return cls(passage, rank, coverage(question.key, passage.text, hit.metadata.get("province")),
                   " ".join(cased.lower().split()), cased, vn.fold(vn.normalize(f"{province} {hit.title}")),
                   vn.fold(province).lower(),
                   cited_numbers(question, passage) | question.numbers_cited_by(passage.elsewhere),
                   own_document(question, passage), hit.signals.get("dense", 0.0) - top_dense,
                   hit.signals.get("bm25", 0.0) / top_bm25 if top_bm25 > 0 else 0.0)


# Facts a news report states in its lead ("Sáng ngày 13/01/2025, … tổ chức hội nghị …"): when and where the event
# happened, whichever passage of the report matched the question's words best
_LEAD_KINDS = frozenset({"date", "place"})


def answer_passages(question: Question, contexts: list[Hit], count: int) -> list[Passage]:
    """The passages an answer is drawn from: the `count` best contexts, and for a question about when or where,
    the opening chunk of their documents when retrieval found it further down."""
    chosen = contexts[:count]
    if question.kind in _LEAD_KINDS:
        documents = {hit.doc_id for hit in chosen}
        chosen += [hit for hit in contexts[count:]
                   if hit.doc_id in documents and hit.metadata.get("chunk_index") == 0]
    elif question.is_list and question.kind is not None and not question.provinces:
        # "những chương trình hành động nào …" of no province: each document may hold one, found further down
        documents = {hit.doc_id for hit in chosen}
        for hit in contexts[count:]:
            if hit.doc_id not in documents:
                chosen.append(hit)
                documents.add(hit.doc_id)
    if question.kind == "count" and question.asked.counted and not any(
            asked_fact_spans(question, hit.text) for hit in chosen) and (
            counting := next((hit for hit in contexts[count:] if asked_fact_spans(question, hit.text)), None)):
        # "có bao nhiêu đảng viên … dự hội nghị …?": the passage counting them comes first, though the meeting's other
        # passages share more of the question's words
        chosen.insert(0, counting)
    return [Passage(i + 1, hit, elsewhere=" ".join(other.text for other in contexts
                                                  if other.doc_id == hit.doc_id and other.chunk_id != hit.chunk_id))
            for i, hit in enumerate(chosen)]


def about_document(passage: Passage) -> str:
    """What a passage's document says it is about as a whole, which its paragraphs further down do not repeat:
    its number, title and subject ("Kế hoạch 99/KH-UBND … Triển khai thực hiện Nghị quyết số 57-NQ/TW …",
    "Kết luận … tại phiên họp thứ hai năm 2025")."""
    meta = passage.hit.metadata
    return " ".join(str(meta.get(name) or "") for name in ("doc_number", "title", "subject")).strip()


def cited_numbers(question: Question, passage: Passage) -> set[str]:
    """The question's document numbers a passage is about: those it cites, its own document's number (a
    plan's budget paragraph never repeats "Kế hoạch 99/KH-UBND", its header does) and those its document's
    title and subject cite (the plan implements Nghị quyết 57)."""
    return question.numbers_cited_by(passage.text) | question.numbers_cited_by(about_document(passage))


def _has(folded: str, entity: str) -> bool:
    """Whether folded text holds `entity` as whole syllables ("57" is not in "2057", "anh" not in "thanh"); a
    date's day and month with or without a leading zero ("13/1/2025" is "13/01/2025")."""
    if _DATE.fullmatch(entity):
        pattern = _DATE_PART.sub(lambda m: rf"{m.group(1)}0?{m.group(2)}", entity)
        return re.search(rf"(?<![\w/]){pattern}(?![\w/])", folded) is not None
    return re.search(rf"(?<!\w){re.escape(entity)}(?!\w)", folded) is not None


def _names(cased: str, entity: str) -> bool:
    """Whether folded text that keeps its capitals holds `entity` as the question does: a name the question
    capitalises ("Pháp", "Tô Lâm") where the text capitalises it too, not as a common word ("giải pháp");
    numbers and dates as `_has` finds them."""
    if not entity[:1].isalpha():
        return _has(cased.lower(), entity)
    return any(m.group()[0].isupper()
               for m in re.finditer(rf"(?<!\w){re.escape(entity)}(?!\w)", cased, re.IGNORECASE))


_DATE = re.compile(r"\d{1,2}/\d{1,2}(?:/\d{4})?")
_DATE_PART = re.compile(r"(^|/)0?(\d)(?=/|$)")  # a one-digit day or month, zero-padded or not


def own_document(question: Question, passage: Passage) -> str:
    """The document a passage is of, named as citations name it, when the question asks which document says
    something ("Văn bản nào quy định Sở … là cơ quan thường trực?", "Kế hoạch nào …?") and the passage is of a
    numbered document of the kind asked, not one the question cites: its sentence stating what is asked answers by
    standing in it. "" otherwise."""
    meta = passage.hit.metadata
    number = str(meta.get("doc_number") or "")
    if question.kind != "doc_number" or not question.asked.which_document or not number or \
            vn.doc_number_key(number) in question.doc_numbers:
        return ""
    kinds = [kind for kind in (question.asked.document_type, question.asked.also_type) if kind]
    if kinds and not any(number_is_of_type(vn.doc_number_key(number), kind) for kind in kinds):
        return ""
    return document_label(meta)


def sentence_features(question: Question, asked: _Asked, view: _PassageView, sentence: str,
                      own: float, context: float, counted_list: bool = False) -> tuple[float, ...]:
    """The model's inputs for one sentence (`own`: its key-term coverage; `context`: that of the sentence
    with the one before it and its document's title, which often say what it is about: "Toàn tỉnh có 252
    điểm cầu" after "Hội nghị toàn quốc … 13/01/2025"), in the order of FEATURES."""
    cased = vn.fold(vn.normalize(sentence))
    folded = " ".join(cased.lower().split())
    tokens = [vn.fold(t) for t in vn.tokenize(sentence)]
    entities = question.entities
    entity = (sum(_names(cased, e) or _names(view.about, e) for e in entities) / len(entities)) if entities else 1.0
    passage_entity = (sum(_names(view.cased, e) for e in entities) / len(entities)) if entities else 1.0
    words = set(tokens)
    rare_cov = (sum(all(p in words for p in t.split("_")) for t in asked.rare) / len(asked.rare)) if asked.rare \
        else 1.0
    missing = [w for t, w in question.key.weights.items() if not all(p in words for p in t.split("_"))]
    rarest_missing = max(missing, default=0.0) / asked.top_weight
    pair = len(asked.pairs & _pairs(tokens)) / len(asked.pairs) if asked.pairs else 0.0
    fact = counted_list or states_asked_fact(question, sentence) or (
        asked.province and bool(view.province) and bool(_THE_PROVINCE.search(sentence))) or bool(view.document)
    negated = any(t in _NEGATION for t in vn.tokenize(sentence))
    joined = folded + " " + view.folded
    numbers_ok = all(n in view.doc_numbers for n in question.doc_numbers)
    places_ok = not question.provinces or any(p == view.province or p in joined for p in question.provinces)
    return (own, view.context, entity, passage_entity, rare_cov, rarest_missing, pair, float(fact),
            float(question.kind is not None), float(question.kind is not None and not fact), own * float(fact),
            1.0 / (1.0 + view.rank), view.dense, view.bm25,
            float(negated != question.negated), math.log1p(len(tokens)), float(numbers_ok), float(places_ok),
            context)


# "tỉnh nào", "địa phương nào" (folded): a province asked for, not a venue ("tổ chức ở địa điểm nào?")
_WHICH_PROVINCE = re.compile(r"(?<!\w)(?:tinh|dia phuong)\s+nao(?!\w)", re.IGNORECASE)
# "trên địa bàn tỉnh", "toàn tỉnh": the province a sentence refers to without naming it is its document's
# ("Tỉnh"/"tỉnh", "nào"/"ủy" in either case; only a true capital after it starts a province's name)
_THE_PROVINCE = re.compile(rf"(?<!\w)(?i:tỉnh)(?!\s+[{vn.UPPERCASE_LETTERS}])(?!\s+(?i:nào|ủy|uỷ))")


@dataclass(frozen=True)
class Candidate:
    """A sentence of a passage with its key-term coverage and the model's inputs (empty for those past the
    pre-ranking's head)."""

    text: str
    passage: Passage
    start: int
    coverage: float
    features: tuple[float, ...]


def _header_spans(passage: Passage) -> dict[str, tuple[int, int]]:
    """The spans, within the passage, of its document's header fields by name ({} for an excerpt or a text with
    none)."""
    meta = passage.hit.metadata
    if not meta.get("header_spans") or passage.excerpt is not None:
        return {}
    offset = int(meta.get("start", 0))
    return {name: (a - offset, b - offset) for name, (a, b) in unpack_spans(str(meta["header_spans"])).items()}


# the trích yếu is a sentence about the subject, the legal bases and the recipients are lines of the text like any
# other: evidence for questions that do not cite the document (the other fields, issuer, number, date, kind and
# signer, answer questions about the document only)
_TEXT_FIELDS = ("subject", "bases", "recipients")


def _asks_else_of_it(question: Question, passage: Passage) -> bool:
    """Whether the question cites the passage's document and asks something other than its subject: its subject
    line ("về phát triển … đến năm 2030, tầm nhìn đến năm 2045") then restates the question's reference, and answers
    only what it states."""
    number = passage.hit.metadata.get("doc_number")
    return bool(question.doc_numbers) and question.document_field != "subject" and bool(number) \
        and vn.doc_number_key(str(number)) in question.doc_numbers


# a news photo's caption that only shows the scene ("Toàn cảnh hội nghị.", "Quang cảnh cuộc họp."): no date,
# number or name in it ("Quang cảnh hội nghị chiều 17/11." says when)
_CAPTION = re.compile(rf"\s*(?:Toàn cảnh|Quang cảnh|Một góc)(?:\s+[^\s\d.;:{vn.UPPERCASE_LETTERS}][^\s\d.;:]*){{0,5}}"
                      r"\s*\.?\s*$")


# a numbered section heading, written in capitals: "II. QUAN ĐIỂM, MỤC TIÊU", "3. NHIỆM VỤ"
_SECTION_HEADING = re.compile(r"(?:(?:PHẦN|Phần)\s+)?(?:[IVXLC]+|\d+(?:\.\d+)*)[.)]\s+\S.*")


def _section_heading(text: str, start: int) -> bool:
    """Whether the sentence at `start` is on a line of its own that is a numbered heading in capitals."""
    line = text[text.rfind("\n", 0, start) + 1:].split("\n", 1)[0].strip()
    m = _SECTION_HEADING.fullmatch(line)
    return m is not None and any(c.isalpha() for c in line) and line.upper() == line


def _speaker_named(named: set[str], text: str, start: int, sentence: str) -> str:
    """The name of whoever says the sentence at `start` when the question names them and the sentence does not
    (""Muốn như vậy mỗi thành viên Ban Chỉ đạo phải …"" is Trịnh Việt Hùng's, named in the sentence before): what
    the sentence says is theirs, as if it named them; "" otherwise."""
    if not named or vn.person_names(sentence) or (span := speakers.speaker_sentence(text, start)) is None:
        return ""
    return next((n for n in vn.person_names(text[span[0]:span[1]]) if vn.fold(n).lower() in named), "")


def candidates(question: Question, passages: list[Passage]) -> list[Candidate]:
    """Every distinct sentence of the passages, pre-ranked by key-term coverage (own, then its passage's);
    the first CANDIDATES carry features."""
    top_dense = max((p.hit.signals.get("dense", 0.0) for p in passages), default=0.0)
    top_bm25 = max((p.hit.signals.get("bm25", 0.0) for p in passages), default=0.0)
    seen: set[str] = set()
    asked_words, listed = _asked_words(question), _listed(question)
    named = {vn.fold(n).lower() for n in vn.person_names(question.text)}  # ("Ông Trịnh Việt Hùng bảo … gì?")
    rows: list[tuple[float, _PassageView, str, int, float, str]] = []
    for rank, passage in enumerate(passages):
        view = _PassageView.of(question, passage, rank, top_dense, top_bm25)
        province = passage.hit.metadata.get("province")
        # the month its document reports is every one of its sentences', as the province is: "Còn 17 thôn, xóm …" of
        # the notice of a meeting held in 11/2025 answers "đến phiên họp tháng 11/2025 còn bao nhiêu thôn …?"
        month = _month_of(passage.hit).removeprefix("tháng ")
        fields = _header_spans(passage)
        header = [span for name, span in fields.items() if name not in _TEXT_FIELDS]
        if (subject := fields.get("subject")) and _asks_else_of_it(question, passage) and (
                question.kind is None or not states_asked_fact(question, passage.text[subject[0]:subject[1]])):
            header.append(subject)  # (it answers what it states: "Kết luận … tại phiên họp thứ hai" the meeting's
            # number)
        previous = ""  # the sentence before, which often says what this one is about
        for start, end in vn.split_sentences(passage.text):
            sentence = passage.text[start:end]
            if is_instruction(sentence):
                continue  # a sentence that gives the assistant orders is never evidence, nor its context
            if _CAPTION.match(sentence):
                continue  # a photo's caption ("Quang cảnh cuộc họp.") states nothing
            before, previous = previous, sentence
            key = " ".join(sentence.split())
            if key in seen or len(sentence.split()) < 3 and not (
                    not sentence.isupper() and len(vn.content_tokens(sentence)) > 1
                    and sections.named_heading(passage.text, start, asked_words, listed)):
                continue  # (a short heading the question names stays: the list under it answers; "QUYẾT ĐỊNH:" no)
            if any(a <= start and end <= b for a, b in header):
                continue  # an official header's own lines ("TỈNH HÒA BÌNH") answer questions about the document only
            if _section_heading(passage.text, start) and not (
                    (question.is_list or question.kind == "count")
                    and sections.named_heading(passage.text, start, asked_words, listed)):
                continue  # "II. QUAN ĐIỂM, MỤC TIÊU" names what follows and states nothing (it stays its context),
                # unless a list or a count names it: "liệt kê/mấy nhiệm vụ trọng tâm" is answered by what it heads
            seen.add(key)
            own = coverage(question.key, f"{sentence} {_speaker_named(named, passage.text, start, sentence)} {month}",
                           province)
            rows.append((own + 0.25 * view.context - 0.03 * rank, view, sentence, start, own, before))
    rows.sort(key=lambda r: -r[0])
    asked = _Asked.of(question)

    def features(view: _PassageView, sentence: str, start: int, own: float, before: str) -> tuple[float, ...]:
        hit = view.passage.hit
        # (what the document as a whole is about counts: its title and subject, a report's lead clause, the headings
        # the sentence is under, its paragraph's opening, the sentence before)
        text = view.passage.text
        headings = " ".join(sections.headings_above(text, start, str(hit.metadata.get("headings") or "")))
        context = coverage(question.key, f"{about_document(view.passage)} {hit.metadata.get('lead') or ''} "
                           f"{hit.metadata.get('issuer') or ''} {_month_of(hit)} {headings} "
                           f"{_paragraph_opening(text, start)} {before} {sentence}", hit.metadata.get("province"))
        return sentence_features(question, asked, view, sentence, own, context,
                                 heads_counted_list(question, text, start) or heads_members(question, text, start)
                                 or _in_role_by_heading(question, text, sentence, start,
                                                        f"{about_document(view.passage)} {hit.title}"))

    # past the head, the first few of the document the question cites that state the kind of fact asked are scored
    # too: "1. Trưởng ban: Ông …" shares few words with a long question about the decision that lists it
    stating = [i for i, row in enumerate(rows[CANDIDATES:], CANDIDATES)
               if question.kind is not None and question.doc_numbers
               and set(question.doc_numbers) <= row[1].doc_numbers and states_asked_fact(question, row[2])]
    stating = stating[:FACT_CANDIDATES]
    # and the headings the question names: "1. Kết quả đạt được" shares one word with "… ghi nhận những kết quả nào?"
    named = [i for i, row in enumerate(rows[CANDIDATES:], CANDIDATES)
             if sections.named_heading(row[1].passage.text, row[3], asked_words, listed)][:FACT_CANDIDATES]
    # and, for a question asking what a thing is likened to ("… ví Nghị quyết 57 như thế nào?"), the sentences that
    # liken ("… được coi như một 'khoán 10'"), which share little else with the setting the question describes
    likening = [i for i, row in enumerate(rows[CANDIDATES:], CANDIDATES)
                if "nhu" in passage_terms(row[2])][:FACT_CANDIDATES] if _likens(question) else []
    scored = set(range(CANDIDATES)) | set(stating) | set(named) | set(likening)
    return [Candidate(s, view.passage, start, own, features(view, s, start, own, before) if i in scored else ())
            for i, (_, view, s, start, own, before) in enumerate(rows)]


def _in_role_by_heading(question: Question, text: str, sentence: str, start: int, about: str = "") -> bool:
    """Whether a listed line names someone in the role a "who" question asks by the heading it is under ("- Ông
    Hoàng Trọng Nghĩa, Giám đốc Viễn thông Hòa Bình." under "4. Các Ủy viên:" is a member asked for)."""
    if question.kind != "person" or not question.asked.roles or not sentence.lstrip().startswith(("-", "+", "•")) \
            or not vn.person_names(sentence):  # (someone named: "- Ban Bí thư," of a list of recipients is no one)
        return False
    # what the question names besides, unless its document or the text before the list says it, the line names
    # ("ủy viên đại diện Sở Giáo dục" is not the member from the police)
    before, line = vn.fold(f"{about} {text[:start]}").lower(), vn.fold(sentence).lower()
    if any(e not in before and e not in line for e in question.entities if not e.isdigit()
           and e not in question.provinces):
        return False
    return states_asked_fact(question, f"{sections.heading_above(text, start)}\n{sentence}")


def _month_of(hit: Hit) -> str:
    """The month of the event or issue its document reports, as a question names it ("tháng 11/2025" of "đến phiên
    họp tháng 11/2025"): every line of a meeting's notice is of that meeting, which its first paragraph dates."""
    dated = str(hit.metadata.get("event_date") or hit.metadata.get("issued_date") or "")
    return f"tháng {int(dated[5:7])}/{dated[:4]}" if re.fullmatch(r"\d{4}-\d\d-\d\d", dated) else ""


def _paragraph_opening(text: str, start: int) -> str:
    """The first sentence of the paragraph holding offset `start`, when that is not the sentence there: who speaks
    or what is reported on ("Phát biểu kết luận, đồng chí Bí thư Tỉnh ủy nhấn mạnh: …") for each sentence after it."""
    line = text.rfind("\n", 0, start) + 1
    if not text[line:start].strip():
        return ""
    first = next(iter(vn.split_sentences(text[line:start])), None)
    return text[line + first[0]:line + first[1]] if first else ""


def rank_sentences(question: Question, passages: list[Passage],
                   model: AnswerabilityModel | None = None) -> list[ScoredSentence]:
    """Every distinct sentence of the passages, the model's most likely answers first (the rest after them,
    in pre-ranking order)."""
    model = model or default_model()
    found = candidates(question, passages)
    head = [c for c in found if c.features]
    probabilities = model.probability(np.array([c.features for c in head])) if head else []
    # a sentence stating the kind of fact asked for comes before any that does not, whatever its words, and one
    # of the documents the question cites before one of another (which support() would refuse)
    scored = sorted((ScoredSentence(c.text, c.passage, c.features[0], float(prob), bool(c.features[FACT]), c.start,
                                    c.features) for c, prob in zip(head, probabilities)),
                    key=lambda s: (question.kind is not None and not s.has_fact, not s.features[CITED], -s.score))
    rest = [ScoredSentence(c.text, c.passage, c.coverage, 0.0,
                           states_asked_fact(question, c.text), c.start)
            for c in found if not c.features]
    return scored + rest


def select(question: Question, ranked: list[ScoredSentence], max_sentences: int) -> list[ScoredSentence]:
    """The sentences an answer should quote: for a single fact, the best sentence alone; otherwise the best
    one and close runners-up (for lists, also the sentences that follow it); for a question naming several
    provinces, the best sentence of each."""
    if not ranked:
        return []
    if len(question.provinces) == 1 and (own := [s for s in ranked if _of_province(s, question.provinces[0])]):
        ranked = own  # "… tỉnh Điện Biên kết luận những gì?" is not answered by another province's meeting
    chosen: list[ScoredSentence] = []
    for province in question.provinces if len(question.provinces) > 1 else []:
        # each province's sentence is picked as a single fact's is, among that province's sentences
        if own := [s for s in ranked if (s.province == province or province in vn.fold(s.text).lower())
                   and s not in chosen]:
            chosen.append(_meeting_requirements(question, own))
    if not chosen and (said := _said_unnamed(question, ranked)):
        return said
    if not chosen:
        chosen.append(_meeting_requirements(question, ranked))
        if not meets_requirements(question, chosen) and (other := _completing(question, ranked, chosen[0])):
            return [chosen[0], other]
    if question.kind == "count" and question.asked.counted and len(chosen) == 1 and (
            not chosen[0].has_fact or heads_counted_list(question, chosen[0].passage.text, chosen[0].start)) and (
            items := _under_heading(question, _named_section(question, chosen[0], ranked), ranked, counting=True)):
        return items  # "có bao nhiêu ủy viên?" that no sentence says: the lines "4. Các Ủy viên:" heads, counted
    if question.is_list and len(chosen) == 1 and len(siblings := _sibling_headings(question, ranked, chosen[0])) > 1:
        return siblings
    if question.is_list and question.kind == "person" and len(chosen) == 1 and len(
            holders := _role_holders(question, ranked, chosen[0])) > 1:
        return holders  # "Trưởng ban và các Phó Trưởng ban gồm những ai?": the lines naming each one in those roles
    if (question.is_list or question.kind is None) and len(chosen) == 1 and not _quoted_line(question, chosen[0]) \
            and (under := _under_heading(question, _named_section(question, chosen[0], ranked), ranked)) and (
            not _lists_asked_facts(question, chosen[0]) or chosen[0] in under):
        return under  # (a sentence listing the facts asked answers, unless it is one line of the section asked)
    if question.kind is not None and not question.is_list and len(chosen) == 1:
        # one fact asked, one sentence stating it: a short answer with one checkable source (and, for a clause
        # asking another kind the sentence does not state, the sentence of its document that does)
        return chosen + _stating_other_kinds(question, ranked, chosen[0])
    if question.kind is not None and question.is_list and chosen[0].has_fact:
        return _adding_facts(question, ranked, chosen, max_sentences)
    announced = _announces_list(chosen[0].text)  # "… khó khăn như: A. B. C." runs to its end
    # an enumeration often runs on in the sentences right after its best one; one it announces is the answer to an
    # open question too ("gặp khó khăn gì?": "… khó khăn như: A. B. C.")
    enumerates = question.is_list or (question.kind is None and announced)
    if enumerates:
        chosen += [s for s in _following(chosen[0], ranked, MAX_ENUMERATION if announced else 2, announced)
                   if s not in chosen]
    ratio = LIST_KEEP_RATIO if question.is_list else KEEP_RATIO
    if not question.is_list and len(question.provinces) <= 1:
        max_sentences = min(max_sentences, MAX_OPEN_SENTENCES)
    if enumerates and announced:
        max_sentences = max(max_sentences, len(chosen))
    top, best = ranked[0].score, ranked[0]
    people = _titled_people(question)
    people = people if people and _names_any(chosen[0], people) else []
    in_role = bool(question.asked.roles) and not _role_of_another(question, chosen[:1])
    for candidate in ranked:
        if len(chosen) >= max_sentences:
            break
        if people and not _names_any(candidate, people):
            continue  # what a person the question names said: not what others said beside
        if in_role and candidate not in chosen and _role_of_another(question, [candidate]):
            continue  # nor what the holder of another role said (the Chủ tịch's, not his deputy's)
        # a runner-up holds the question's words itself, not only through its document's title or the
        # sentence before it (the features that make a sentence right after the best one look as good)
        if candidate not in chosen and candidate.score >= ratio * top and candidate.coverage >= ratio * best.coverage:
            chosen.append(candidate)
    return chosen[:max_sentences]


def _said_unnamed(question: Question, ranked: list[ScoredSentence]) -> list[ScoredSentence]:
    """Who said what the question quotes or words ("Ai nói chuyển đổi số sẽ giúp giảm các chi phí không chính
    thức?"), when the sentence saying it names no one and ranks above every sentence naming someone: the sentence
    naming its speaker (`speakers.speaker_sentence`, in its passage or the retrieved chunk of its document before
    it), then the sentence itself; [] otherwise (a role asked is held by whoever a sentence names in it)."""
    if (said := _said_by_someone(question, ranked)) is None or not (found := _speaker_of(said, ranked)):
        return []
    passage, (start, end) = found
    text = passage.text[start:end]
    key = " ".join(text.split())
    speaker = next((s for s in ranked if " ".join(s.text.split()) == key), None) or ScoredSentence(
        text, passage, 0.0, 0.0, states_asked_fact(question, text), start)
    return [speaker, said] if speaker.has_fact else []


def _said_by_someone(question: Question, ranked: list[ScoredSentence]) -> ScoredSentence | None:
    """For a "who" question asking no role, the best sentence naming no one when it ranks above every sentence
    naming someone: what the question asks who said."""
    if question.kind != "person" or question.asked.roles or question.is_list:
        return None
    named = next((s for s in ranked if s.features and s.has_fact), None)
    said = max((s for s in ranked if s.features and not s.has_fact), key=lambda s: s.score, default=None)
    return None if said is None or named is not None and named.score >= said.score else said


def speaker_cut_off(question: Question, ranked: list[ScoredSentence]) -> Passage | None:
    """The passage of what a "who said" question asks of, when its speaker is named in no passage retrieved: the
    chunk before it may name them (a chunk can open in the middle of what someone said)."""
    said = _said_by_someone(question, ranked)
    return said.passage if said is not None and _speaker_of(said, ranked) is None else None


def _speaker_of(said: ScoredSentence, ranked: list[ScoredSentence]) -> tuple[Passage, tuple[int, int]] | None:
    """The passage and span of the sentence naming who says `said`: in its own passage, or in the chunk before it
    when that chunk was retrieved too (a chunk may open in the middle of what someone said)."""
    if span := speakers.speaker_sentence(said.passage.text, said.start):
        return said.passage, span
    hit = said.passage.hit
    index, start = hit.metadata.get("chunk_index"), hit.metadata.get("start")
    before = next((s.passage for s in ranked if s.passage.hit.doc_id == hit.doc_id and index is not None
                   and s.passage.hit.metadata.get("chunk_index") == int(index) - 1), None)
    if before is None or start is None or before.hit.metadata.get("start") is None:
        return None
    shift = int(start) - int(before.hit.metadata["start"])  # where `said`'s passage begins in the one before
    if not 0 < shift <= len(before.text):
        return None
    span = speakers.speaker_sentence(before.text[:shift] + said.passage.text, shift + said.start)
    return (before, span) if span and span[1] <= len(before.text) else None


def speaks_second(chosen: list[ScoredSentence]) -> bool:
    """Whether a selection is a sentence naming a speaker and the sentence it says (what `_said_unnamed` picks):
    the answer quotes both, the name from the first and what was said from the second."""
    if len(chosen) != 2 or not (found := _speaker_of(chosen[1], chosen)):
        return False
    passage, (start, end) = found
    return " ".join(passage.text[start:end].split()) == " ".join(chosen[0].text.split())


def _of_province(sentence: ScoredSentence, province: str) -> bool:
    """Whether a sentence may speak of the province: its document is of no province, of that one, or names it."""
    return sentence.province in ("", province) or province in vn.fold(sentence.text).lower()


def _lists_asked_facts(question: Question, sentence: ScoredSentence) -> bool:
    """Whether a sentence lists the facts a list question asks itself ("Để cụ thể hóa Nghị quyết số 57-NQ/TW … và
    Nghị quyết số 12-NQ/TU …, Ban Thường vụ … ban hành Chương trình hành động như sau:" for "cụ thể hóa những
    nghị quyết nào?"): what its colon announces is something else. ("Ban Chỉ đạo", and "Ban Chỉ" inside it, is
    one.)"""
    return question.is_list and question.kind is not None and _apart(
        whole_spans(asked_fact_spans(question, sentence.text)), sentence.text) >= 2


def _apart(spans: list[str], text: str) -> int:
    """How many places of the text the spans stand at, overlapping ones as one ("Trưởng Ban Chỉ" and "Ban Chỉ đạo"
    of a title's "Trưởng Ban Chỉ đạo" are one body named, not two)."""
    found = sorted((at, at + len(span)) for span in spans if (at := text.find(span)) >= 0)
    places, end = 0, -1
    for start, stop in found:
        places, end = (places + 1, stop) if start >= end else (places, max(end, stop))
    return places


def _stating_other_kinds(question: Question, ranked: list[ScoredSentence],
                         best: ScoredSentence) -> list[ScoredSentence]:
    """For each clause of a question asking several kinds ("… họp phiên đầu tiên vào ngày nào và do ai chủ trì?")
    that the best sentence neither answers nor speaks of (its own words: "chủ trì"), the best-ranked sentence of
    the same document that states it and says them ("Đồng chí … chủ trì hội nghị."); none where no sentence does."""
    added: list[ScoredSentence] = []
    for kind, clause in question.kinds:
        asked = replace(question, kind=kind)
        own = {vn.fold(t).lower() for t in vn.content_tokens(clause)} - {
            vn.fold(t).lower() for _, other in question.kinds if other != clause for t in vn.content_tokens(other)}
        if asked_fact_spans(asked, best.text) or own & {vn.fold(t).lower() for t in vn.tokenize(best.text)}:
            continue  # (a sentence saying the clause's own words is what it asks about: "… báo cáo Ban Thường vụ")
        stating = next((s for s in ranked if s is not best and s not in added
                        and s.passage.hit.doc_id == best.passage.hit.doc_id and asked_fact_spans(asked, s.text)
                        and own & {vn.fold(t).lower() for t in vn.tokenize(s.text)}), None)
        if stating is not None:
            added.append(stating)
    return added


def names_a_section(question: Question, ranked: list[ScoredSentence]) -> bool:
    """Whether the question names, word for word, a heading of the best sentence's document that heads lines
    ("… những nhiệm vụ trọng tâm nào?" and "Phần thứ ba. NHIỆM VỤ TRỌNG TÂM"): the document's own list answers."""
    if not ranked:
        return False
    heading = _named_section(question, ranked[0], ranked)
    return sections.named_heading(heading.passage.text, heading.start, _asked_words(question),
                                  _listed(question)) and bool(
        _under_heading(question, heading, ranked))


def heading_named_in(question: Question, text: str) -> bool:
    """Whether a line of `text` (a chunk retrieval did not return) is a heading a list question names word for word:
    "… những nhiệm vụ trọng tâm nào?" of a programme whose "Phần thứ ba. NHIỆM VỤ TRỌNG TÂM" opens a chunk that
    shares too few other words with the question to be retrieved."""
    asked, listed = _asked_words(question), _listed(question)
    return question.is_list and any(line.is_heading and sections.named_heading(text, line.start, asked, listed)
                                    for line in sections.lines(text))


def _asked_words(question: Question) -> set[str]:
    """The question's words, lower-cased, with the diacritics it was typed with or restored with, as headings are
    compared with them; a list of people asked ("… gồm những ai?") names the members a line announces ("…, gồm các
    thành viên sau:")."""
    words = set(vn.tokenize(question.dense_text))
    return words | _MEMBERS if question.kind == "person" and question.is_list else words


_MEMBERS = frozenset({"thành", "viên"})


# "những kết quả nào", "các tồn tại gì": the things a list question asks for, right before its question word
_LISTED = re.compile(r"(?<!\w)(?:những|các)\s+(?P<noun>\w+(?:\s+\w+)?)\s+(?:nào|gì)(?!\w)")


def _listed(question: Question) -> tuple[str, ...]:
    """The content words naming what a list question asks for ("kết quả" of "… ghi nhận những kết quả nào?"), ()
    for any other question: a heading opening with them ("1. Kết quả đạt được") heads the answer."""
    m = _LISTED.search(question.dense_text.lower()) if question.is_list else None
    return tuple(vn.content_tokens(m["noun"])) if m else ()


def _sibling_headings(question: Question, ranked: list[ScoredSentence], best: ScoredSentence) -> list[ScoredSentence]:
    """The headings of one rank in the best sentence's document that open with what a list question asks for, in
    reading order ("… chia các nhiệm vụ thành những nhóm nào?": "I. Nhóm nhiệm vụ về thể chế", "II. Nhóm nhiệm vụ
    về hạ tầng số …"), each as likely to answer as the best: they are the things listed, when there are two or
    more. ("Điều 2. Nhiệm vụ, quyền hạn" and its "1. Nhiệm vụ:" are no two things: one heads the other; nor are the
    sentences of one heading's line.)"""
    listed = _listed(question)
    found: dict[int, dict[str, ScoredSentence]] = {}
    for s in ranked:
        if listed and s.passage.hit.doc_id == best.passage.hit.doc_id and sections.opens_with(
                s.passage.text, s.start, listed):
            # one heading however often retrieved: by its line's words (another chunk may hold it again)
            text = s.passage.text
            line = text[sections.line_start(text, s.start):].split("\n", 1)[0]
            found.setdefault(sections.rank_at(text, s.start), {}).setdefault(" ".join(line.split()), s)
    siblings = max(found.values(), key=len, default={})
    return [replace(s, score=max(s.score, best.score), has_fact=True) for s in sorted(
        siblings.values(), key=lambda s: (int(s.passage.hit.metadata.get("chunk_index") or 0), s.start))]


def _role_holders(question: Question, ranked: list[ScoredSentence], best: ScoredSentence) -> list[ScoredSentence]:
    """The sentences of one document naming someone in a role a list question asks for ("Trưởng ban: Ông …",
    "Phó Trưởng ban thường trực: Ông …", "Phó Trưởng ban: Bà …"), in reading order: of the document naming most of
    them (a report mentioning one of them in passing is not where they are listed)."""
    if not question.asked.roles:
        return []
    by_document: dict[str, list[ScoredSentence]] = {}
    for s in ranked:
        if s.has_fact and any(holds_role(s.text, name, question.asked.roles) for name in vn.person_names(s.text)):
            by_document.setdefault(s.passage.hit.doc_id, []).append(s)
    holders = max(by_document.values(), key=len, default=[])
    return [replace(s, score=max(s.score, best.score)) for s in sorted(
        holders, key=lambda s: (int(s.passage.hit.metadata.get("chunk_index") or 0), s.start))]


def _named_section(question: Question, best: ScoredSentence, ranked: list[ScoredSentence]) -> ScoredSentence:
    """The heading of the best sentence's document that the question names word for word ("Thông báo kết luận
    phiên họp thứ hai … chỉ ra những tồn tại, hạn chế nào?" names "2. Tồn tại, hạn chế" of the notice whose title
    matched best), however far down its short line ranks, as likely to answer as the best; else the best."""
    asked = _asked_words(question)
    document = best.passage.hit.doc_id
    if _named_as_phrase(question, sections.naming_words(best.passage.text, best.start, asked,
                                                         listed := _listed(question))):
        return best
    best_words = set(vn.tokenize(best.text))
    headings = [s for s in ranked
                if s.features and _named_as_phrase(
                    question, naming := sections.naming_words(s.passage.text, s.start, asked, listed))
                and (s.passage.hit.doc_id == document
                     or not naming <= best_words and s.score >= LIST_KEEP_RATIO * best.score)
                and meets_requirements(question, [s])]
    # of the best's document first; else the best-scored of another, as likely as a list's runner-up, when the best
    # sentence does not hold what names it ("Nhiệm vụ của Ban Chỉ đạo X là gì?": the meeting notice of X shares every
    # other word, the decision founding X heads its duties; "mỗi thành viên Ban Chỉ đạo phải thành lập …" is no
    # question about a list of members)
    named = next((s for s in headings if s.passage.hit.doc_id == document), None) or next(iter(headings), None)
    if named is None and question.is_list:
        # "Thông báo kết luận … kết luận những gì?": the notice's title matched best and heads nothing; the line
        # closing its passage that announces what follows, in the question's words ("… kết luận như sau:"), does
        named = next((s for s in ranked if s.passage is best.passage and s.text.rstrip().endswith(":")
                      and sections.heading_ends(s.passage.text, s.start)
                      and {vn.fold(t).lower() for t in vn.content_tokens(s.text)} & {vn.fold(t).lower() for t in asked}
                      and sections.section(best.passage.text, best.start, asked) is None), None)
    return best if named is None else replace(named, score=max(named.score, best.score))


PHRASE_SLACK = 2  # words that may stand among a heading's in the question naming it ("nhiệm vụ và quyền hạn")


def _named_as_phrase(question: Question, naming: set[str]) -> bool:
    """Whether the question writes the words naming a heading together, as the heading's phrase ("… chỉ ra những
    tồn tại, hạn chế nào?" names "2. Tồn tại, hạn chế"), not scattered over its own clauses ("số hóa kết quả giải
    quyết TTHC đạt bao nhiêu" names no "1. Kết quả đạt được")."""
    if not naming:
        return False  # (most sentences name no heading: the question is not read for them)
    tokens = vn.tokenize(question.dense_text)
    present = naming & set(tokens)  # (words it is taken to name by what it asks, "thành viên" of "gồm những ai")
    if len(present) < 2:
        return True
    width = len(present) + PHRASE_SLACK
    return any(present <= set(tokens[i:i + width]) for i, t in enumerate(tokens) if t in present)


def _under_heading(question: Question, heading: ScoredSentence, ranked: list[ScoredSentence],
                   counting: bool = False) -> list[ScoredSentence]:
    """The sentences of the section `heading` heads ("2. Tồn tại, hạn chế" → the line under it), in reading
    order, each as likely to answer as the heading matched; [] when it is no numbered heading. `counting`: every
    line, each item being one of the things counted (a section cut short would be miscounted), when the heading
    is named by what the question counts."""
    text = heading.passage.text
    span = sections.section(text, heading.start, _asked_words(question), whole=counting)
    following = _next_passage(heading.passage, ranked)
    if span is None and not counting and following is not None and sections.heading_ends(text, heading.start) and (
            opening := sections.opening(following.text, sections.rank_at(text, heading.start))):
        # "… kết luận như sau:" ends its chunk: what it heads is the next one's opening lines
        under = sorted((s for s in ranked if s.passage is following and opening[0] <= s.start < opening[1]),
                       key=lambda s: s.start)
        later = _next_passage(following, ranked)  # (and on into the chunk after it, when fetched)
        if later is not None and not following.text[opening[1]:].strip() and (
                more := sections.opening(later.text, sections.rank_at(text, heading.start))):
            under += sorted((s for s in ranked if s.passage is later and more[0] <= s.start < more[1]),
                            key=lambda s: s.start)
        return [replace(s, score=max(s.score, heading.score)) for s in _first_items(under, sections.MAX_SECTION_LINES)]
    if span is None or counting and not heads_counted_list(question, text, heading.start):
        return []
    under = sorted((s for s in ranked if s.passage is heading.passage and span[0] <= s.start < span[1]),
                   key=lambda s: s.start)
    if following is not None and (more := sections.continued(text, span, following.text)):
        # the section runs on into the document's next chunk (fetched by the service: see `list_cut_short`)
        under += sorted((s for s in ranked if s.passage is following and more[0] <= s.start < more[1]),
                        key=lambda s: s.start)
    if counting:
        return [replace(s, score=max(s.score, heading.score), has_fact=not sections.heading_at(text, s.start))
                for s in under]
    # of a section's lines, those stating what the question pins its fact to ("Đến năm 2027: …" of the goals, for
    # "mục tiêu gì cho năm 2027?")
    under = [s for s in under if meets_requirements(question, [s])] or under
    # a line states what its heading names: "- Ông Quách Minh Đức, Giám đốc Công an tỉnh;" under "4. Các Ủy viên:"
    # is a person in the role asked
    return [replace(s, score=max(s.score, heading.score),
                    has_fact=s.has_fact or states_asked_fact(
                        question, f"{sections.heading_above(text, s.start)}\n{s.text}"))
            for s in _first_items(under, sections.MAX_SECTION_LINES)]


def _next_passage(passage: Passage, ranked: list[ScoredSentence]) -> Passage | None:
    """The passage of the document's next chunk among the ranked sentences' passages, if retrieved or fetched."""
    index = passage.hit.metadata.get("chunk_index")
    return next((s.passage for s in ranked if s.passage.hit.doc_id == passage.hit.doc_id and index is not None
                 and s.passage.hit.metadata.get("chunk_index") == int(index) + 1), None)


def _first_items(under: list[ScoredSentence], limit: int) -> list[ScoredSentence]:
    """The sentences of a section up to its `limit`-th item, the headings of its parts not counted."""
    items = [i for i, s in enumerate(under) if not sections.heading_at(s.passage.text, s.start)]
    return under[:items[limit - 1] + 1] if len(items) > limit else under


COUNTED_HEAD = 2  # words of what a question counts that a heading must name ("ủy viên", "nhiệm vụ")


def heads_counted_list(question: Question, text: str, start: int) -> bool:
    """Whether the line at offset `start` of `text` heads a list of the things a "bao nhiêu/mấy X" question counts:
    a heading the question names by X ("4. Các Ủy viên:" for "mấy ủy viên", "Phần thứ ba. NHIỆM VỤ TRỌNG TÂM" for
    "mấy nhiệm vụ trọng tâm"), with lines under it. Its lines state the number asked, by being counted."""
    if question.kind != "count" or not question.asked.counted:
        return False
    return _heads_named_list(question, _counted_head(question.dense_text), text, start)


def heads_members(question: Question, text: str, start: int) -> bool:
    """Whether the line at offset `start` of `text` announces the members a "… gồm những ai?" question asks for
    ("Thành lập Ban Chỉ đạo …, gồm các thành viên sau:"), with lines under it: it states them, by heading them."""
    return question.kind == "person" and question.is_list and _heads_named_list(question, _MEMBERS, text, start)


def _heads_named_list(question: Question, head: frozenset[str], text: str, start: int) -> bool:
    """Whether the line at offset `start` of `text` is a heading named by every word of `head`, with lines under it."""
    asked = _asked_words(question)
    return bool(head) and head <= sections.naming_words(text, start, asked) and \
        sections.section(text, start, asked) is not None


@lru_cache(maxsize=256)  # read once per question, however many sentences are held to it
def _counted_head(question: str) -> frozenset[str]:
    return frozenset(vn.tokenize(counted_words(question, limit=COUNTED_HEAD) or ""))


def listed_count(question: Question, chosen: list[ScoredSentence]) -> int | None:
    """How many things a "bao nhiêu/mấy X" question's answer lists when no sentence states the number: the lines
    of the section headed by X (`select` picks them), headings among them not counted; None otherwise."""
    if question.kind != "count" or len(chosen) < 2 or any(asked_fact_spans(question, s.text) for s in chosen):
        return None
    passages = {s.passage.n: s.passage for s in chosen}  # (a list a chunk's end cut runs on in the next)
    return sum(sections.items_between(passage.text, min(s.start for s in chosen if s.passage is passage),
                                      max(s.start + len(s.text) for s in chosen if s.passage is passage))
               for passage in passages.values()) or None


def _quoted_line(question: Question, sentence: ScoredSentence) -> bool:
    """Whether the question quotes the sentence ("Quan điểm “Người dân và doanh nghiệp là trung tâm …”?", an item
    of a list just given): it asks of that line, not of the section around it."""
    said = vn.fold(sentence.text).lower()
    return any(vn.fold(m.group()[1:-1]).lower().strip(" .;:") in said for m in QUOTED.finditer(question.text))


def _meeting_requirements(question: Question, ranked: list[ScoredSentence]) -> ScoredSentence:
    """The best sentence, unless it misses what the question pins its fact to (a year, an ordinal, a cited
    document) and a close runner-up states it: "trong giai đoạn 2021 - 2024 … bao nhiêu phần trăm" is answered
    by the sentence of those years, not by this year's figure that ranks a little higher. Of close task rows,
    the one whose task the question names ("… chủ trì xây dựng Kho dữ liệu dùng chung?" is the row "Xây dựng
    Kho dữ liệu dùng chung", not "Ban hành quy chế … khai thác Kho dữ liệu dùng chung")."""
    best = ranked[0]
    if (label := _item_label(question.text)) and (item := next((s for s in ranked if _labelled(s, label)), None)):
        return item  # "nhiệm vụ b) giao cho cơ quan nào?": the line lettered "b)", whatever scores higher
    if not meets_requirements(question, [best]):
        # of the runners that meet them, one stating the quarter asked, or the target asked, comes first, if not far
        # behind ("mục tiêu quý I/2026 …": "… bảo đảm đạt trên 80% trong quý 1/2026", not "… mới đạt 46%")
        wide = list(_close_runners(question, ranked, LIST_KEEP_RATIO))
        quarters, target = _quarters(question.text), _asks_a_target(question)
        preferred = quarters and next((s for s in wide if quarters <= _quarters(s.text)), None) or \
            target and next((s for s in wide if _sets_a_goal(s.text)), None)
        runner = next(_close_runners(question, ranked), None)
        if runner is not None and question.kind == "count" and (focus := focus_terms(question)):
            # (of the runners, the one holding what is counted: "Còn 17 thôn, xóm …", not "Tham dự phiên họp …")
            runner = _holding_focus(question, focus, [runner, *(s for s in _close_runners(question, ranked)
                                                                  if s is not runner)])
        return preferred or runner or _of_the_meeting(question, ranked) or _of_the_year(question, ranked) or best
    # "điểm cầu cấp tỉnh được bố trí ở đâu?": the sentence giving that thing at that level ("01 điểm cầu cấp tỉnh
    # (tại Hội trường UBND tỉnh)"), not one that names neither (one addressing the level asked speaks of it: "chỉ đạo
    # cấp xã … bảo đảm đạt trên 80% trong quý 1/2026" is the communes' target)
    if (level := _asked_level(question.text)) and level[1] not in _addressed_levels(best.text) and _other_levels(
            question.text, best.text) is None and (at_level := next(
            (s for s in _close_runners(question, ranked, LIST_KEEP_RATIO)
             if s.has_fact == best.has_fact and _other_levels(question.text, s.text)), None)):
        return at_level
    # "ngoài Phó Trưởng ban thường trực, Phó Trưởng ban còn lại là ai?": not the person in the role set aside (a
    # sentence on a document set aside may still name the other one: "Nghị quyết 57 …, Nghị quyết 03 …")
    if question.kind == "person" and (aside := question.key.aside) and aside <= passage_terms(best.text) and (
            other := next((s for s in _close_runners(question, ranked, LIST_KEEP_RATIO)
                           if s.has_fact == best.has_fact and not aside <= passage_terms(s.text)), None)):
        return other
    # "Đồng chí Nguyễn Thế Phước phát biểu về vấn đề gì?": the sentence naming him, not another speaker's
    if (people := _titled_people(question)) and not _names_any(best, people) and (
            naming := next((s for s in _close_runners(question, ranked, LIST_KEEP_RATIO)
                            if s.has_fact == best.has_fact and _names_any(s, people)), None)):
        return naming
    # "Phó Chủ tịch Thường trực UBND tỉnh góp ý gì?": the sentence naming that role, not one of the Chủ tịch's
    if _role_of_another(question, [best]) and (holder := next(
            (s for s in _close_runners(question, ranked, LIST_KEEP_RATIO) if s.has_fact == best.has_fact
             and {r for r, _ in question.asked.roles} & {r for r, _ in roles_in(s.text)}), None)):
        return holder
    if _asks_what_stands(question) and _sets_a_goal(best.text) and (standing := next(
            (s for s in _close_runners(question, ranked, LIST_KEEP_RATIO)
             if s.has_fact == best.has_fact and not _sets_a_goal(s.text)), None)):
        return standing  # "theo thực trạng …": "… mới đạt 0,6%", not the target "Đến năm 2030: … đạt 2%" nor a
        # plan's task "Ban hành chính sách hỗ trợ tối đa 30% …"
    if not question.is_list and _asks_a_target(question) and not _sets_a_goal(best.text) and (target := next(
            (s for s in _close_runners(question, ranked, LIST_KEEP_RATIO) if s.has_fact == best.has_fact
             and s.passage.hit.doc_id == best.passage.hit.doc_id and _sets_a_goal(s.text)), None)):
        return target  # "… đặt mục tiêu bao nhiêu?": "… bảo đảm đạt trên 80% trong quý 1/2026", not "… mới đạt 46%"
    if (quarters := _quarters(question.text)) and not quarters & _quarters(best.text) and (dated := next(
            (s for s in _close_runners(question, ranked, LIST_KEEP_RATIO)
             if s.has_fact == best.has_fact and quarters <= _quarters(s.text)), None)):
        return dated  # "… phải đạt bao nhiêu trong quý 1/2026?": "… bảo đảm đạt trên 80% trong quý 1/2026", not
        # the figure "mới đạt 46%" of a sentence in the same document that states no quarter (a year alone is
        # often its document's, said elsewhere: no sign which sentence is meant)
    if question.kind == "count" and not question.is_list and (measured := _measuring_runner(question, ranked)):
        return measured
    if question.kind is None and not question.is_list and not _labelled_as_asked(question, best.text) and (
            labelled := next((s for s in _close_runners(question, ranked, LIST_KEEP_RATIO)
                              if _labelled_as_asked(question, s.text)), None)):
        return labelled  # "tầm nhìn đến năm 2045 … là gì?": the line "Tầm nhìn đến năm 2045: Hòa Bình trở thành …",
        # not the title that names it
    if question.kind == "role" and best.has_fact and (fuller := max(
            (s for s in _close_runners(question, ranked) if s.has_fact), key=_posts, default=best)) and \
            _posts(fuller) > _posts(best):
        return fuller  # "… giữ chức gì?": the sentence giving all the posts ("Ủy viên dự khuyết …, Bí thư Tỉnh ủy,
        # Chủ tịch HĐND tỉnh, Trưởng Ban chỉ đạo"), not one giving two
    if (focus := focus_terms(question)) and (held := _holding_focus(question, focus, ranked)) is not best:
        return held
    if not _task_cell(best.text):
        return best
    # rows of one table score alike: any not far behind whose task the question names better is the one asked (by
    # words other than the table's column names: the "hoàn thành" of "thời hạn hoàn thành?" names no task); so is
    # a sentence of a text that writes the task asked where the row writes another ("… hạn hoàn thành Trung tâm dữ
    # liệu tỉnh?": "Xây dựng Trung tâm dữ liệu tỉnh, hoàn thành trước năm 2027", not the row of "Kho dữ liệu dùng
    # chung", which matches by its column names)
    labels = {t.lower() for label, _ in labelled_cells(best.text) for t in vn.tokenize(label)}
    rows = [(_names_task(question, _row_task(s) if _task_cell(s.text) else s.text, labels), s)
            for s in _close_runners(question, ranked, LIST_KEEP_RATIO) if s.has_fact == best.has_fact
            and (_task_cell(s.text) or not _row_answering_all(question, best))]  # (a text stating less does not)
    named, row = max(rows, key=lambda r: r[0], default=(0.0, best))
    return row if named > _names_task(question, _row_task(best), labels) else best


# an item a question names by its letter: "nhiệm vụ a)", "(mục b)", "điểm c", "ý d" (not "cấp a"; a letter alone is
# no item)
_ITEM_LABEL = re.compile(r"(?<!\w)(?:nhiệm vụ|mục|điểm|ý|khoản|tiết|nhiem vu|muc|diem|khoan)\s*\(?(?P<label>[a-h])"
                         r"(?:\)|(?![\w/-]))", re.IGNORECASE)


def _item_label(question: str) -> str | None:
    found = _ITEM_LABEL.search(CARRIED_TOPIC.sub("", vn.normalize(question)))  # (a follow-up's own letter)
    return found["label"].lower() if found else None


def _labelled(sentence: ScoredSentence, label: str) -> bool:
    """Whether a sentence opens the line lettered `label` ("b) Văn phòng Ủy ban nhân dân tỉnh chủ trì …")."""
    before = sentence.passage.text[max(0, sentence.start - LABEL_REACH):sentence.start]
    return re.search(rf"(?:^|\n)[ \t]*\(?{label}\)[ \t]*$", before, re.IGNORECASE) is not None


LABEL_REACH = 8  # characters before a sentence where its line's letter stands


def _row_task(row: ScoredSentence) -> str:
    """What a task row says its task is: its task cell, its product ("Cơ sở dữ liệu đất đai 10 huyện, thành phố")
    and the headings it stands under ("DANH MỤC NHIỆM VỤ TRIỂN KHAI NĂM 2026"), not the agencies it names."""
    products = [value for label, value in labelled_cells(row.text) if vn.fold(label).lower().startswith("san pham")]
    headings = sections.headings_above(row.passage.text, row.start, str(row.passage.hit.metadata.get("headings") or ""))
    return " ".join([_task_cell(row.text), *products, *headings])


def _names_task(question: Question, task: str, labels: set[str]) -> float:
    """How much of the question's words (not the table's column names) a task cell writes, weighted, compared as
    typed ("sở" is no "số"; folded for a question typed without diacritics)."""
    same = str.lower if vn.has_diacritics(question.text) else (lambda w: vn.fold(w).lower())
    written = {same(t) for t in vn.tokenize(task)}
    folded_labels = {vn.fold(x) for x in labels}
    # (nor a time: "trong năm 2026" is when a task is done, which its table's title says for every row)
    named = [t for t in {t.lower() for t in vn.content_tokens(question.dense_text)}
             if vn.fold(t) not in folded_labels and same(t) in written and not _TIME_WORD.fullmatch(t)]
    # a task is named by a phrase: one shared syllable ("sở" of "cơ sở") names none
    return sum(question.key.weights.get(vn.fold(t), 0.0) for t in named) if len(named) >= TASK_NAMED_WORDS else 0.0


TASK_NAMED_WORDS = 2
_TIME_WORD = re.compile(r"\d[\d/.]*|năm|tháng|quý|ngày|nam|thang|quy|ngay")


# a person the question names by a title ("Đồng chí Nguyễn Thế Phước", "ông Hà Quang Tuấn"), as officials speak
_TITLED = re.compile(rf"(?<!\w)(?i:đồng chí|đ/c|ông|bà)\s+((?:[{vn.UPPERCASE_LETTERS}]\w*\s+){{1,4}}"
                     rf"[{vn.UPPERCASE_LETTERS}]\w*)")


def _titled_people(question: Question) -> list[str]:
    """The folded names of the people the question names by a title (whose words the answer must be of); "đồng chí
    Trưởng BCĐ" names a post, which many sentences hold, not a person."""
    return [vn.fold(m.group(1)).lower() for m in _TITLED.finditer(question.text) if vn.person_names(m.group(1))]


def _speakers_asked(question: Question) -> list[str]:
    """The folded names of the people the question asks what they said ("đồng chí X phát biểu những gì?")."""
    return [vn.fold(m.group(1)).lower() for m in _TITLED.finditer(question.text) if vn.person_names(m.group(1))
            and speakers.SAYING_FIRST.match(question.text, m.end())]


# someone named by a title alone, saying something: "đồng chí Tổng Bí thư yêu cầu …"
_TITLED_SPEAKER = re.compile(r"(?<!\w)(?:đồng chí|ông|bà)\s+(?:[^\W\d_]+\s+){1,6}?(?:" + speakers.SAYING + r")(?!\w)",
                             re.IGNORECASE)


def _said_by_another(sentence: ScoredSentence, people: list[str]) -> bool:
    """Whether a sentence is known not to be what one of `people` said: it names someone without reporting speech
    (a list of those attending), or reports what someone else said, by name or title, or continues another's
    speech; a sentence telling nothing of who says it is not known to be another's."""
    text, passage = sentence.text, sentence.passage.text
    context = passage[max(0, sentence.start - SPEAKER_REACH):sentence.start + len(text)]
    if _names_any(sentence, people):
        return not speakers.reports_speech(context)
    if _speaker_named(set(people), passage, sentence.start, text):
        return False
    if vn.person_names(text) or _TITLED_SPEAKER.search(text):
        return True
    if (span := speakers.speaker_sentence(passage, sentence.start)) is not None and vn.person_names(
            passage[span[0]:span[1]]):
        return True
    # (told by no one: theirs only where the document has them speak at all, in what was retrieved of it)
    return not _speaks_in(f"{passage}\n{sentence.passage.elsewhere}", tuple(people))


@lru_cache(maxsize=256)  # (asked of every sentence of a passage that tells no speaker)
def _speaks_in(text: str, people: tuple[str, ...]) -> bool:
    """Whether a sentence of the text names one of `people` (folded) reporting what they said."""
    return any(any(p in vn.fold(text[a:b]).lower() for p in people) and speakers.reports_speech(text[a:b])
               for a, b in vn.split_sentences(text))


SPEAKER_REACH = 300  # characters before a quotation where the speaker it continues is named


def _names_any(sentence: ScoredSentence, people: list[str]) -> bool:
    """Whether the sentence names one of `people`, or quotes one named just before it ("… nhấn mạnh:" then
    "“Muốn như vậy …”")."""
    text = sentence.text
    before = sentence.passage.text[max(0, sentence.start - SPEAKER_REACH):sentence.start]
    if text[:1] in "“\"'«" or before.rstrip().endswith(":"):
        text = f"{before} {text}"
    folded = vn.fold(text).lower()
    return any(person in folded for person in people)


# what a plan tells to be done, opening its sentence (after a list mark): "b) Hỗ trợ thành lập mới …"
_DIRECTIVE = re.compile(r"\W*(?:[a-zđ0-9]{1,2}[.)]\s+)?(?:Hỗ trợ|Xây dựng|Tổ chức|Hoàn thành|Ban hành|Triển khai|"
                        r"Phấn đấu|Đẩy mạnh|Phát triển|Thành lập|Nâng cấp|Đào tạo|Bồi dưỡng|Phủ sóng|Hình thành)"
                        r"(?!\w)")


_DONE = re.compile(r"(?<!\w)(?:đã|hiện có|mới đạt|đạt được)(?!\w)", re.IGNORECASE)  # what stands, said so


def _asks_what_stands(question: Question) -> bool:
    """Whether a question asks how things stand: said so ("hiện nay"), or a figure asked with no target in view
    ("chi cho KHCN chiếm bao nhiêu phần trăm?" is "mới đạt 0,6%", not "Đến năm 2030: … đạt 2%")."""
    asked = question.asked
    return asked.current or not asked.goal and (asked.share or asked.amount or question.kind == "count")


# a level to be reached, asked ("phải nâng lên mức nào", "đặt mục tiêu bao nhiêu", "cần đạt bao nhiêu"), folded
_TARGET_ASKED = re.compile(r"(?<!\w)(?:(?:phai|can|phan dau)\s+(?:nang\s+)?(?:dat|len|nang)|muc tieu|chi tieu)(?!\w)")


def _asks_a_target(question: Question) -> bool:
    """Whether a question asks the level something is to reach, not where it stands (nor what was done: "… chỉ tiêu
    chữ ký số …, văn bản đi đã được ký số ở mức nào?")."""
    asking = CARRIED_TOPIC.sub("", question.text)  # (a follow-up's topic says what was asked before)
    folded = vn.fold(asking).lower()
    done = re.search(r"(?<!\w)đã(?!\w)", asking.lower()) or question.folded and re.search(r"(?<!\w)da(?!\w)", folded)
    return not question.asked.current and not done and bool(_TARGET_ASKED.search(folded))


# a question's clause after its setting ("Theo TB 15, …", "Trong Kế hoạch 99, …"); where a body it is about opens it
_SETTING_FIRST = re.compile(r"\s*(?:(?:theo|trong|tại|về|ở)\s+[^,?]{1,60},\s*)?", re.IGNORECASE)
# what ends a body's own name: its province, its level ("Công an tỉnh" is the province's Công an)
_BODY_PLACE = re.compile(r"\s+(?:tỉnh|thành phố|huyện|các|của|ở|tại)(?!\w).*$", re.IGNORECASE)
MIN_BODY_WORDS = 2


def _subject_body(question: Question) -> str:
    """The body a question's clause opens with, folded, without its place ("Theo TB 15, Công an tỉnh phải báo cáo
    …" → "cong an"): the sentence answering states that body's doing; "" when a body opens no clause, or it is
    the steering committee every document is of."""
    text = vn.normalize(question.dense_text)
    found = ORGANISATION.match(text, _SETTING_FIRST.match(text).end())  # type: ignore[union-attr]
    if found is None:
        return ""
    body = vn.fold(_BODY_PLACE.sub("", found.group().strip())).lower()
    for province in question.provinces:
        body = body.replace(province, "").strip()
    return "" if len(body.split()) < MIN_BODY_WORDS or body.startswith("ban chi dao") else body


_ITEM_OPENING = re.compile(r"\W*(?:[a-zđ0-9]{1,2}[.)]\s+)?")  # "a) ", "- ", "2. " before a list item's words


def _of_another_body(body: str, sentence: str) -> bool:
    """Whether the sentence is another body's doing: it opens with a body ("Văn phòng Ủy ban nhân dân tỉnh chủ trì
    …") and never names `body` (folded, written out: "UBND tỉnh" is the Ủy ban nhân dân)."""
    own = ORGANISATION.match(sentence, _ITEM_OPENING.match(sentence).end())  # type: ignore[union-attr]
    return own is not None and len(own.group().split()) >= MIN_BODY_WORDS and \
        body not in vn.fold(vn.expand_abbreviations(sentence)).lower()


def _sets_a_goal(sentence: str) -> bool:
    """Whether a sentence says what is to be, a target or a plan's task, not what stands (no "đã" in it)."""
    return bool(_TARGET.match(sentence) or _DIRECTIVE.match(sentence) or _TO_REACH.search(sentence)
                or _BY_A_DEADLINE.search(sentence)) and not _DONE.search(sentence)


# a task to be done by a date: "… chủ trì hoàn thiện …, kết nối với 100% Ủy ban nhân dân cấp xã trước ngày 15/01/2026"
_BY_A_DEADLINE = re.compile(r"(?<!\w)(?:trước ngày|chậm nhất|hoàn thành trong|hoàn thành trước)(?!\w)", re.IGNORECASE)


# a figure to be reached, wherever the sentence says it: "… chỉ đạo cấp xã …, bảo đảm đạt trên 80% trong quý 1/2026"
_TO_REACH = re.compile(r"(?<!\w)(?:bảo đảm|đảm bảo|phải|phấn đấu|cần)\s+đạt(?!\w)", re.IGNORECASE)


# a sentence setting a target: "Đến năm 2030: …", "Phấn đấu đến hết năm 2026 …", "Mục tiêu …"
_TARGET = re.compile(r"\W*(?:[a-zđ0-9]{1,2}[.)]\s+)?(?:(?:đến|tới)\s+(?:hết\s+)?năm\s+20\d\d|phấn đấu|mục tiêu)(?!\w)",
                     re.IGNORECASE)  # (a list's point too: "a) Đến năm 2027: …")


# a quarter of a year, folded: "quý 1/2026", "quý I năm 2026", "quy 1 2026"
_QUARTER = re.compile(r"(?<!\w)quy\s+(iv|i{1,3}|[1-4])\s*(?:/|nam|\s)\s*((?:19|20)\d\d)(?!\d)")


def _quarters(text: str) -> set[tuple[str, str]]:
    """The quarters of a year the text states, as (quarter, year)."""
    return {(str(vn.quarter_number(q)), year) for q, year in _QUARTER.findall(vn.fold(text).lower())}


# a line opening with what it states, after any list mark: "c) Tầm nhìn đến năm 2045: …"
_LABEL_FIRST = re.compile(r"\W*(?:[a-zđ0-9]{1,2}[.)]\s+)?(?P<label>[^:;,.]{3,60}):\s+\S")
LABEL_WORDS = 2  # of the question's words a label must be, at least


def _labelled_as_asked(question: Question, sentence: str) -> bool:
    """Whether a line opens with a label made of the question's own words ("Tầm nhìn đến năm 2045:")."""
    if (m := _LABEL_FIRST.match(sentence)) is None:
        return False
    label = {vn.fold(t).lower() for t in vn.content_tokens(m.group("label"))}
    return len(label) >= LABEL_WORDS and label <= {vn.fold(t).lower() for t in vn.content_tokens(question.dense_text)}


def _posts(sentence: ScoredSentence) -> int:
    """How many posts a sentence gives the people it names."""
    return max((len(posts.split(", ")) for posts in role_spans(vn.person_names(sentence.text), sentence.text)),
               default=0)


MEASURED_MARGIN = 1.5  # how much more of what is measured a runner-up's clause must name than the best's


def _measuring_runner(question: Question, ranked: list[ScoredSentence]) -> ScoredSentence | None:
    """A close runner-up whose clause stating a figure names far more of what the question measures than any such
    clause of the best: "Tỷ lệ chi cho khoa học công nghệ … giai đoạn 2021 - 2024 mới đạt bao nhiêu?" is answered by
    "chi cho khoa học và công nghệ mới đạt 0,6% tổng chi ngân sách địa phương", not by the sentence opening with
    the period that goes on to "tỷ lệ hồ sơ … đạt 68,4%" (years, numbers and places the question pins its figure
    to are left aside: the paragraph may state them once)."""
    pinned = {vn.fold(w).lower() for e in question.entities for w in e.split()}
    weights = {t: w for t, w in question.key.weights.items() if not set(t.split("_")) & pinned
               and not any(c.isdigit() for c in t)}

    def measured(sentence: ScoredSentence) -> float:
        spans = asked_fact_spans(question, sentence.text)
        clauses = [passage_terms(c) for c in re.split(r";|:\s", sentence.text) if any(span in c for span in spans)]
        return max((sum(w for t, w in weights.items() if t in terms) for terms in clauses), default=0.0)

    best = ranked[0]
    if not best.has_fact:
        return None
    held = measured(best)
    return next((s for s in _close_runners(question, ranked, LIST_KEEP_RATIO)
                 if s.has_fact and measured(s) > MEASURED_MARGIN * held + 1.0), None)


def _close_runners(question: Question, ranked: list[ScoredSentence],
                   ratio: float = KEEP_RATIO) -> Iterator[ScoredSentence]:
    """The best sentence's runners-up close enough to answer instead of it (≥ `ratio` of its score, with
    features) that state what the question pins its fact to, in rank order."""
    return (s for s in ranked[1:] if s.features and s.score >= ratio * ranked[0].score
            and meets_requirements(question, [s]))


def _completing(question: Question, ranked: list[ScoredSentence], best: ScoredSentence) -> ScoredSentence | None:
    """A close runner-up of another document that, with `best`, states what the question pins its facts to when
    neither does alone: "… lúc ban hành NQ 12 và đến phiên họp thứ 2 BCĐ còn bao nhiêu thôn" cites a resolution
    and a meeting, and is answered by one sentence of each ("còn 43 thôn" of the resolution, "Còn 17 thôn" of the
    meeting's conclusion); each states the kind of fact asked when the best does."""
    return next((s for s in ranked if s.features and s.passage.hit.doc_id != best.passage.hit.doc_id
                 and s.score >= LIST_KEEP_RATIO * best.score and s.has_fact >= best.has_fact
                 and meets_requirements(question, [best, s])), None)


def completes_each_other(question: Question, chosen: list[ScoredSentence]) -> bool:
    """Whether a selection is two sentences of two documents that state what the question pins its facts to only
    together (what `select` returns when `_completing` found the second): each is answered apart."""
    return len({s.passage.hit.doc_id for s in chosen}) == len(chosen) == 2 and not meets_requirements(
        question, chosen[:1])


def _of_the_meeting(question: Question, ranked: list[ScoredSentence]) -> ScoredSentence | None:
    """The best sentence stating the fact asked in a document about the meeting the question names by its
    ordinal or its month ("… đến phiên họp thứ hai năm 2025 của Ban Chỉ đạo thì còn bao nhiêu thôn?": the conclusion
    "tại phiên họp thứ hai năm 2025" says "Còn 17 thôn, xóm …", though a resolution's "còn 43 thôn, xóm" shares
    more of the question's words), however far below the best; its own score still decides whether it answers."""
    month_years = set(_MONTH_YEAR.findall(question.text))  # or by its month: "phiên họp tháng 11/2025"
    if not question.ordinals and not month_years:
        return None
    return next((s for s in ranked[1:] if s.features and (s.has_fact or question.kind is None)
                 and (question.ordinals <= vn.ordinals(about_document(s.passage)) if question.ordinals
                      else _dated_in(s.passage, month_years))
                 and meets_requirements(question, [s])), None)


def _of_the_year(question: Question, ranked: list[ScoredSentence]) -> ScoredSentence | None:
    """The best sentence stating the fact asked of the year the question names ("mục tiêu … đến 2027 là bao
    nhiêu?": "Đến năm 2027: … toàn trình đạt 85%", though this year's figure shares more of its words), however far
    below the best; its own score still decides whether it answers."""
    asked = set(_IN_YEAR.findall(vn.fold(question.text))) if len(question.provinces) <= 1 else set()
    return next((s for s in ranked[1:] if asked and s.features and s.has_fact
                 and asked & set(_IN_YEAR.findall(vn.fold(s.text))) and meets_requirements(question, [s])), None)


def _dated_in(passage: Passage, month_years: set[tuple[str, str]]) -> bool:
    """Whether the passage's document took place (or was issued) in one of the months, as (month, year)."""
    dated = str(passage.hit.metadata.get("event_date") or passage.hit.metadata.get("issued_date") or "")
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\d", dated)) and (str(int(dated[5:7])), dated[:4]) in month_years


FOCUS_WORDS = 4  # content words right before an open question's interrogative, or right after "ai"
_OPEN_INTERROGATIVE = re.compile(r"(?<!\w)(?:gì|nào|ra sao|thế nào)(?!\w)")
_WHO = re.compile(r"(?<!\w)ai(?:\s+là)?(?:\s+người)?(?!\w)")
_CLAUSE_END = re.compile(r"[,;:?!.()]")
_OPEN_KINDS = (None, "organisation", "place", "likeness")  # asked with "nào"/"gì": "phối hợp với đơn vị nào" asks of
# partners
# what opens a request ("Liệt kê …", "Cho danh sách …", "Nêu …") and what sets the scene of the thing requested
_REQUEST = re.compile(r"\W*(?:(?:hãy|xin|vui lòng)\s+)?(?:cho\s+(?:tôi\s+)?(?:biết|xem|danh sách)|liệt kê|kể tên|"
                      r"kể(?!\s+từ)|nêu|trình bày|tóm tắt|tổng hợp)(?:\s+(?:giúp|cho|hộ)\s+(?:tôi|em|mình|anh|chị))?"
                      r"(?:\s+(?:danh sách|tên|rõ|ra|vài|một vài|một số|mấy))?(?!\w)")
_SETTING = re.compile(r"(?<!\w)(?:của|tại|trong|thuộc|ở|theo|mà|để|được|do)(?!\w)")
_LIKENED = re.compile(r"(?<!\w)(?:như|nhu)(?:\s+(?:cái|điều|thứ|cai|dieu|thu))?\s*$")
# "… ví Nghị quyết 57 như thế nào?": the verb that likens makes "như thế nào" ask what it is likened to (without
# it, "như thế nào" asks how)
_LIKENED_HOW = re.compile(r"(?<!\w)(?:ví|so sánh)(?!\w).*(?<!\w)như thế\s*$")
_CONTRAST_OPENING = re.compile(r"^\s*(?:(?:thế|vậy)\s+)?(?:còn\s+)?")


def _likens(question: Question) -> bool:
    """Whether the question asks what something is likened to ("… ví Nghị quyết 57 như cái gì / như thế nào?")."""
    return focus_terms(question).get("nhu") == 1.0


def focus_terms(question: Question) -> dict[str, float]:
    """The key terms of what a question asks about, with their weights: the words right before an open
    question's last interrogative ("Hội nghị toàn quốc ngày 13/01/2025 về khoa học … được truyền hình trực tiếp
    trên kênh nào?" asks about the broadcast, not the meeting the rest of it sets), or right after "ai" (what
    the person did: "Ai là người trình bày báo cáo tại hội nghị …?"); the compound words they make count too. For
    a date, the question's most distinctive word (what is done when)."""
    text = vn.normalize(question.dense_text).lower()
    if question.kind == "person":  # within the clause: "… là ai, đang giữ chức gì?" says nothing after "ai"
        who = _WHO.search(text)
        words = vn.content_tokens(_CLAUSE_END.split(text[who.end():])[0])[:FOCUS_WORDS] if who else []
        if who and (opening := _done_before_who(question, text, who)) is not None:
            words = opening
    elif question.kind in _OPEN_KINDS and (found := list(_OPEN_INTERROGATIVE.finditer(text))):
        clause = _CLAUSE_END.split(text[:found[-1].start()])[-1]
        words = vn.content_tokens(clause)[-FOCUS_WORDS:]
        if question.kind == "organisation":  # what the body asked for does, said after it ("giao cơ quan nào chủ
            # trì giám sát …?"), as much as the verb that asks for it
            words += vn.content_tokens(_CLAUSE_END.split(text[found[-1].end():])[0])[:FOCUS_WORDS]
        if found[-1].group() == "gì" and _LIKENED.search(clause) or found[-1].group() == "thế nào" and \
                _LIKENED_HOW.search(f"{clause}thế"):
            # "… ví Nghị quyết 57 như cái gì?": what the sentence likens it to ("được coi như một 'khoán 10'"),
            # whatever verb the question likens with
            near = {vn.fold(t) for t in words}
            return {**{t: w for t, w in question.key.weights.items() if set(t.split("_")) <= near}, "nhu": 1.0}
    elif question.kind == "date":
        # what is done when ("Bao giờ thì Hòa Bình sơ kết chương trình hành động …?"): its most distinctive word,
        # not one of the places and documents that set it (word order tells no verb from its object here)
        named = {w for e in question.entities for w in e.split()}
        own = {t: w for t, w in question.key.weights.items() if not set(t.split("_")) & named}
        top = max(own.values(), default=0.0)
        return {t: w for t, w in own.items() if w == top}
    elif question.kind == "count" and not question.asked.counted and (carried := CARRIED_TOPIC.search(text)):
        # "… còn bao nhiêu? (thôn xóm chưa có sóng …)": what is counted is the carried topic's, not the meeting the
        # part itself names
        words = vn.content_tokens(carried.group())
    elif question.kind is None and (request := _REQUEST.match(text)):
        # a request without a question word ("Cho danh sách các Ủy viên của Ban Chỉ đạo …") asks for what it
        # names first; "của …", "tại …" set where to find it
        asked = _SETTING.split(_CLAUSE_END.split(text[request.end():])[0])[0]
        words = vn.content_tokens(asked)[:FOCUS_WORDS]
    else:
        words = []
    near = {vn.fold(t) for t in words}
    return {t: w for t, w in question.key.weights.items() if set(t.split("_")) <= near}


def _done_before_who(question: Question, text: str, who: re.Match[str]) -> list[str] | None:
    """What someone said or did, named before the "ai" that ends its clause ("Ý kiến về số hóa dữ liệu đất đai ở hội
    nghị đó là của ai?"), up to where the setting begins ("ở hội nghị …"): its last content words; None when words
    follow "ai" in its clause or the question names a role someone holds ("Trưởng Ban Chỉ đạo tỉnh X là ai?")."""
    if question.asked.roles or vn.content_tokens(_CLAUSE_END.split(text[who.end():])[0]):
        return None
    opening = _SETTING.split(_CLAUSE_END.split(text[:who.start()])[-1])[0]
    return vn.content_tokens(_CONTRAST_OPENING.sub("", opening))[-FOCUS_WORDS:] or None


def _asked_head(question: Question) -> frozenset[str]:
    """The compound word an open question asks "… nào?" of, as passage terms ({"chuyen_bien"} of "… sự chuyển biến
    nào?"); empty when it asks of a single syllable, a word every sentence may hold, or nothing so."""
    text = vn.normalize(question.dense_text).lower()
    found = list(re.finditer(r"(?<!\w)(\w+)\s+(\w+)\s+nào(?!\w)", CARRIED_TOPIC.sub("", text)))
    if not found or {found[-1].group(1), found[-1].group(2)} & vn.STOPWORDS:
        return frozenset()
    compound = f"{vn.fold(found[-1].group(1))}_{vn.fold(found[-1].group(2))}"
    return frozenset({compound}) if compound in question.key.weights else frozenset()


def _holding_focus(question: Question, focus: dict[str, float], ranked: list[ScoredSentence]) -> ScoredSentence:
    """Of the best sentence and its close runners-up, the one holding most of what an open question asks about
    (the best when none holds more): the runner-up "… truyền hình trực tiếp trên sóng VTV1" rather than the
    sentence that only repeats the meeting the question names."""
    spelled = _accented_forms(question.text)

    def held(sentence: ScoredSentence, labels: bool = False) -> float:
        # (of two sentences, a table row holds what its cells write, not its column names: the "Cơ quan chủ trì" of
        # every task row holds no "cơ quan nào chủ trì giám sát …"; whether the best holds anything asked, "sản
        # phẩm của nhiệm vụ đó?", its column names say too)
        cells = [] if labels else labelled_cells(sentence.text)
        text = " ; ".join(value for _, value in cells) if cells else sentence.text
        for name in vn.person_names(text):  # "Trịnh Việt Hùng" holds no "trình" (bày) of the question
            text = text.replace(name, " ")
        if spelled:  # "phối hợp" holds no "họp" (kỳ họp) of a question typed with its diacritics
            text = _WORD_TOKEN.sub(lambda m: m.group() if _spelled_alike(m.group(), spelled) else " ",
                                   vn.normalize(text))
        present = passage_terms(text)
        # a syllable of a compound the question asks about counts with it only: "thành viên" holds no "ủy viên"
        apart = {p for t in focus if "_" in t and t not in present for p in t.split("_")}
        return sum(w for t, w in focus.items() if t in present and t not in apart)

    best = ranked[0]
    # a best sentence holding none of what an open question asks ("… trên kênh nào?") only restates its setting: a
    # runner-up further down may hold it (not so for a kind of answer: "cơ quan nào" is in every task row) — or,
    # however far down, a sentence of the same document, which is where that setting is ("Ở phiên họp đầu tiên
    # … đã công bố những gì?": not the lead "… tổ chức họp phiên đầu tiên" but "Tại hội nghị đã công bố …")
    # (what is done when: the date asked is of it)
    unheld = question.kind in (None, "date") and not held(best, labels=True)
    # nor does one lacking the thing "… nào?" asks for ("… nhấn mạnh sự chuyển biến nào?": a sentence without any
    # "chuyển biến" only says he spoke)
    unheld = unheld or question.kind is None and not question.is_list and bool(head := _asked_head(question)) and \
        not head <= passage_terms(best.text)
    # a sentence likening nothing does not say what the question asks a thing is likened to
    unheld = unheld or focus.get("nhu") == 1.0 and "nhu" not in passage_terms(best.text)
    # who said or did what the question names ("Ý kiến về số hóa dữ liệu đất đai … là của ai?"): a best sentence
    # holding less than half of it names someone for the setting it shares ("… khi chủ trì hội nghị … 17/11")
    text = vn.normalize(question.dense_text).lower()
    done = question.kind == "person" and (who := _WHO.search(text)) and _done_before_who(question, text, who)
    ratio = LIST_KEEP_RATIO if unheld or done and held(best) < sum(focus.values()) / 2 else KEEP_RATIO
    close = [s for s in _close_runners(question, ranked, ratio) if s.has_fact or question.kind is None]
    if unheld and question.kind is None and not names_a_section(question, ranked):  # (a heading named: its lines)
        close += [s for s in ranked[1:] if s.features and s.passage.hit.doc_id == best.passage.hit.doc_id
                  and s not in close and meets_requirements(question, [s])]
    runner = max(close, key=held, default=best)
    return runner if held(runner) > held(best) else best


_WORD_TOKEN = re.compile(r"\w+")


def _accented_forms(question: str) -> dict[str, set[str]]:
    """The question's words by their folded form, as it spells them ({} for a question typed without
    diacritics, whose words may stand for any of their accented twins)."""
    text = vn.normalize(question).lower()
    if not vn.has_diacritics(text):
        return {}
    forms: dict[str, set[str]] = {}
    for word in _WORD_TOKEN.findall(text):
        forms.setdefault(vn.fold(word), set()).add(word)
    return forms


def _spelled_alike(word: str, spelled: dict[str, set[str]]) -> bool:
    """Whether `word` is not the folded twin of a question word spelled otherwise ("hợp" when it wrote "họp")."""
    lowered = word.lower()
    return lowered in spelled.get(vn.fold(lowered), {lowered})


def _row_answering_all(question: Question, sentence: ScoredSentence) -> bool:
    """Whether a task row states every kind of fact the question's clauses ask ("… do sở nào chủ trì, hạn tháng
    mấy?": its body and its deadline), which no sentence merely holding more of the question's words does."""
    kinds = {kind for kind, _ in question.kinds}
    return len(kinds) >= 2 and bool(_task_cell(sentence.text)) and all(
        spans_asked(kind, sentence.text, question.asked) for kind in kinds)


def _task_cell(sentence: str) -> str:
    """A task row's first cell, the task it is about ("Nhiệm vụ: Xây dựng Kho dữ liệu dùng chung"); "" for a
    sentence that is no table row."""
    cells = labelled_cells(sentence)
    return cells[0][1] if cells else ""


def _adding_facts(question: Question, ranked: list[ScoredSentence], chosen: list[ScoredSentence],
                  max_sentences: int) -> list[ScoredSentence]:
    """A list of facts of one kind ("những chương trình hành động nào"): close runners-up that state one the
    answer does not have yet (a second sentence on the same programme is no new item)."""
    def facts(sentence: ScoredSentence) -> set[str]:  # (a document asked for: the one it stands in, when it names none)
        found = asked_fact_spans(question, sentence.text)
        if question.kind == "doc_number":  # one document, cited by number or stood in
            return {vn.doc_number_key(f) for f in found} or (
                {vn.doc_number_key(str(sentence.passage.hit.metadata["doc_number"]))}
                if own_document(question, sentence.passage) else set())
        return {vn.fold(f).lower() for f in found}

    covered = set().union(*(facts(s) for s in chosen))
    top = ranked[0].score
    for candidate in ranked:
        if len(chosen) >= max_sentences or not candidate.has_fact:
            break  # the ranking puts every sentence stating a fact first
        new = facts(candidate) - covered if candidate not in chosen else set()
        if new and candidate.score >= LIST_KEEP_RATIO * top:
            chosen.append(candidate)
            covered |= new
    return chosen


def _announces_list(sentence: str) -> bool:
    """Whether `sentence` announces a list that goes on in the sentences after it: a colon after "như", "gồm"
    … followed by one item, not by the whole list ("… gồm: A, B, C và D." is complete)."""
    m = _ANNOUNCES_LIST.search(sentence)
    return m is not None and len(re.findall(r"[,;]\s", sentence[m.end() - 1:])) <= 1


def _following(sentence: ScoredSentence, ranked: list[ScoredSentence], count: int = 2,
               announced: bool = False) -> list[ScoredSentence]:
    """The next sentences of the same paragraph as `sentence`, in reading order; for a sentence that announces a
    list and ends its chunk, on into the opening line of the document's next chunk when that is among the passages
    (a chunk that ends otherwise mostly ends a paragraph)."""
    text = sentence.passage.text
    paragraph_end = text.find("\n", sentence.start)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    same = sorted((s for s in ranked if s.passage is sentence.passage and sentence.start < s.start < paragraph_end),
                  key=lambda s: s.start)
    if announced and paragraph_end == len(text) and (after := _next_passage(sentence.passage, ranked)) is not None:
        opening = after.text.find("\n")
        opening = len(after.text) if opening < 0 else opening
        same += sorted((s for s in ranked if s.passage is after and s.start < opening  # not the chunks' overlap
                        and s.text not in text), key=lambda s: s.start)
    return same[:count]


def list_cut_short(question: Question, selection: list[ScoredSentence]) -> Passage | None:
    """The passage of the first selected sentence when it announces a list the question asks for and ends its chunk
    ("… khó khăn như: A." and the chunk stops): the list goes on in the document's next chunk, which the answer
    needs."""
    if not selection or not (question.is_list or question.kind in (None, "count")):
        return None
    best, last = selection[0], selection[-1]
    if question.is_list and len(selection) > 1 and all(sections.heading_at(s.passage.text, s.start) for s in selection):
        return last.passage  # sibling headings ("I. Nhóm …", "II. Nhóm …"): the next may be in the next chunk
    if not last.passage.text[last.start + len(last.text):].strip() and sections.heading_above(
            last.passage.text, last.start):
        return last.passage  # the lines of a heading's section run to the chunk's end: its list may go on
    text = best.passage.text
    ends_chunk = not text[best.start + len(best.text):].strip()
    if ends_chunk and _announces_list(best.text):
        return best.passage
    # a list asked of a document whose best passage ends announcing what follows ("… Trưởng Ban Chỉ đạo kết luận như
    # sau:"): the conclusions, results and tasks are in its next chunk
    return best.passage if question.is_list and text.rstrip().endswith(":") else None


# a code of a number and letters ("5G", "3D"): a technology or standard the answer must name as the question does
_CODE = re.compile(r"(?<![\w/.,-])(\d+)([^\W\d_]+)(?![\w/-])")
# "đến năm 2030", "trong năm 2026", "đến 2030": the year a sentence is about (read on folded text: "den nam 2030")
_IN_YEAR = re.compile(r"(?<!\w)(?:nam|den|toi)\s+((?:19|20)\d\d)(?![\d/]|[.,]\d)", re.IGNORECASE)
# one year asked of alone ("trong năm 2024", not "đến năm 2024"), folded; and a span of years ("2021 - 2024")
_YEAR_ALONE = re.compile(r"(?<!\w)(?<!den )(?<!toi )(?<!het )nam\s+((?:19|20)\d\d)(?![\d/]|[.,]\d|\s*[-–]\s*\d)",
                         re.IGNORECASE)
_YEAR_SPAN = re.compile(r"(?<!\d)(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d(?!\d)")
# a kind of document named by its year ("kế hoạch năm 2026"), folded
_DOCUMENT_YEAR = re.compile(rf"(?<!\w)(?:{'|'.join(sorted({vn.fold(t) for t in vn.DOC_TYPES}, key=len, reverse=True))})"
                            r"\s+nam\s+((?:19|20)\d\d)(?!\d)")


# a year a sentence states as its own time, not a day's ("ngày 22/12/2024" of a document's citation)
_YEAR_OF_ITS_OWN = re.compile(r"(?<![\d.,/])(?:19|20)\d\d(?![\d/]|[.,]\d)")
_A_YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?!\d|[.,]\d)")  # "2024" of "2021 - 2024," and of "11/2024"
_MONTH_YEAR = re.compile(r"(?<![\d/])0?([1-9]|1[0-2])/((?:19|20)\d\d)(?![\d/])")  # "10/2025": a month of a year
# a time of the year the document is dated, written without its number ("tính từ đầu năm", "năm nay"), folded
_THIS_YEAR = re.compile(r"(?<!\w)(?:tu dau nam|dau nam den nay|nam nay)(?!\w)")


def _own_year(sentence: ScoredSentence) -> str:
    """The year of the sentence's document when the sentence speaks of it without writing it ("từ đầu năm"), else
    ""."""
    meta = sentence.passage.hit.metadata
    dated = str(meta.get("event_date") or meta.get("issued_date") or "")[:4]
    return dated if not vn.YEAR.search(sentence.text) and _THIS_YEAR.search(vn.fold(sentence.text).lower()) else ""


def meets_requirements(question: Question, sentences: list[ScoredSentence]) -> bool:
    """Whether the sentences (with their passages and documents) state what the question pins its fact to: the
    documents it cites, the years, days and ordinals it states, the agent it puts a thing in the hands of, the level it
    asks a thing at; a sentence about another year of its own ("Đến năm 2026, … đạt 80%") does not answer "đến
    năm 2030", nor one giving a span of years ("Giai đoạn 2021 - 2024") one year of it, nor one naming other tiers
    ("tuyến tỉnh", "tuyến huyện") the communes' ("trạm y tế xã")."""
    joined = " ".join(s.text for s in sentences)
    elsewhere = " ".join({s.passage.elsewhere for s in sentences})  # the document's other retrieved chunks
    if question.doc_numbers and not set(question.doc_numbers) <= (
            question.numbers_cited_by(f"{joined} {elsewhere}")
            | set().union(*(cited_numbers(question, s.passage) for s in sentences))):
        return False
    own_years = [_own_year(s) for s in sentences]
    context = " ".join([joined, *own_years, *{f"{s.passage.text} {about_document(s.passage)}" for s in sentences}])
    if any(year not in f"{context} {elsewhere}" for year in vn.YEAR.findall(question.text)):
        return False  # "kinh phí cho năm 2027?" is not answered by the passage about 2026 (a meeting's year, "hội
        # nghị … nhiệm vụ trọng tâm năm 2025", may be written in its document's retrieved opening)
    if _day_unwritten(question.text, f"{context} {elsewhere}"):
        return False  # "Cuộc họp … diễn ra sáng 15/1 phải không?" is not answered where no document dates it so
    if any(not re.search(rf"(?<![\w/.,-]){m.group(1)}\s?{m.group(2)}(?![\w/-])", context, re.IGNORECASE)
           for m in _CODE.finditer(question.text)):
        return False  # "bao nhiêu trạm phát sóng 5G?" is not answered by the count of all stations
    # (one subject's: with two provinces the year may pin only one of them, "… Lào Cai (10 tháng năm 2025) với
    # Hòa Bình …")
    asked_years = set(_IN_YEAR.findall(vn.fold(question.text))) if len(question.provinces) <= 1 else set()
    # (a year naming the document asked of is no year of the fact: "theo kế hoạch năm 2026 …, … cho bao nhiêu …" is
    # answered by that plan's row due in 2027)
    asked_years -= {year for year in _DOCUMENT_YEAR.findall(vn.fold(question.text).lower())
                    if all(year in f"{s.passage.hit.title} {about_document(s.passage)}" for s in sentences)}
    if asked_years and not any(year in joined for year in asked_years) and (
            _IN_YEAR.search(vn.fold(joined)) or _YEAR_OF_ITS_OWN.search(joined)):  # ("Giai đoạn 2021 - 2024, …")
        return False
    # "Riêng trong năm 2024, … bao nhiêu?" is not answered by "Giai đoạn 2021 - 2024, … 27 nhiệm vụ": a period's figure
    # is no one year's
    alone = set(_YEAR_ALONE.findall(vn.fold(question.text))) if not _YEAR_SPAN.search(question.text) else set()
    if alone and len(question.provinces) <= 1 and any(year in span for span in _YEAR_SPAN.findall(joined)
                                                      for year in alone) \
            and not any(year in _YEAR_SPAN.sub(" ", joined) for year in alone):
        return False
    # "đến tháng 10/2024" (or "6/2025") is not answered by "đến cuối tháng 10/2025 đạt 84,2%": the month of the year
    # a figure stands at is part of it
    month_years = set(_MONTH_YEAR.findall(question.text))
    if month_years and (stated := set(_MONTH_YEAR.findall(joined))) and not stated & month_years:
        return False
    # nor "đến phiên họp tháng 11/2025 đạt bao nhiêu?" by "Giai đoạn 2021 - 2024, … đạt 68,4%": a sentence dated by
    # years of its own, none the month's
    if month_years and len(question.provinces) <= 1 and (years := set(_A_YEAR.findall(joined))) and \
            not years & {y for _, y in month_years}:  # (of two provinces, the month may pin only one)
        return False
    # nor "đến phiên họp tháng 11/2025 còn bao nhiêu thôn …?" by a resolution's "còn 43 thôn, xóm …", which neither
    # it nor its document dates in that month (a meeting's notice is of its month in every line)
    if month_years and not _MONTH_YEAR.search(joined) and not any(_dated_in(s.passage, month_years)
                                                                   for s in sentences) \
            and not {f"{int(m)}/{y}" for m, y in month_years} & passage_terms(context):
        return False
    if asked_years and all(year and year not in asked_years for year in own_years):
        return False  # "Năm 2024 … bao nhiêu?" is not "tính từ đầu năm đến hết tháng 10, … 574 tỷ" of a 2025 article
    if _the_other_stage(question.dense_text, joined):
        return False  # "… tổng kết toàn diện vào năm nào?" is not answered by "… tham mưu sơ kết vào quý IV năm 2027"
    if _another_agent(question.dense_text, joined):
        return False  # "… do UBND tỉnh quản lý" is not answered by "… do Văn phòng Tỉnh ủy quản lý"
    if (levels := _other_levels(question.text, joined)) is not None and not levels:
        return False  # "ngân sách cấp huyện" is not answered by "ngân sách tỉnh …; ngân sách Trung ương …"
    if _level_unaddressed(question, joined):
        return False  # "riêng ở cấp xã" is not the whole province's figure
    if _other_tiers_only(question.text, joined):
        return False  # "trạm y tế xã … năm nào?" is not "bệnh viện tuyến tỉnh trong năm 2025 và tuyến huyện …"
    if (speakers_asked := _speakers_asked(question)) and all(_said_by_another(s, speakers_asked) for s in sentences):
        return False  # "đồng chí Đinh Thị Lụa phát biểu chỉ đạo những gì?" is not answered by what others said
    if question.kind == "count" and _another_measure(question.dense_text, joined):
        return False  # "dẫn đầu về chỉ số đổi mới sáng tạo" is not "dẫn đầu cả nước về chỉ số chuyển đổi số"
    # "phiên họp thứ ba" is not the second one's report; a meeting's ordinal is said once in its document
    return not question.ordinals or question.ordinals <= vn.ordinals(f"{context} {elsewhere}")


_DAY_MONTH = re.compile(r"(?<![\w/.,-])(\d{1,2})/(\d{1,2})(?:/\d{4})?(?![\w/-])")
_OWN_DATE_GAP = re.compile(r"[\s,]*(?:ngày|ngay)?\s*$", re.IGNORECASE)  # between a document's number and its date


def _day_unwritten(question: str, context: str) -> bool:
    """Whether the question states a day ("sáng 15/1", "ngày 13/01/2025") that the passages, their documents and
    the documents' other retrieved chunks write nowhere ("13/1", "ngày 13 tháng 01" are the same day); a date the
    question gives a document it cites ("Nghị quyết 57 ngày 22/12/2024") is that document's, held to its number."""
    folded = None
    cited = vn.reference_spans(question)
    for m in _DAY_MONTH.finditer(question):
        day, month = int(m.group(1)), int(m.group(2))
        if not (1 <= day <= 31 and 1 <= month <= 12) or any(
                _OWN_DATE_GAP.fullmatch(question[end:m.start()]) for _, end in cited if end <= m.start()):
            continue
        folded = folded if folded is not None else vn.fold(context).lower()
        if not re.search(rf"(?<![\w/.,-])0?{day}\s*/\s*0?{month}(?!\d)|(?<!\w)ngay\s+0?{day}\s+thang\s+0?{month}(?!\d)",
                         folded):
            return True
    return False


# "do <agent> <verb>": who runs, leads or carries out a thing (folded)
_BY_AGENT = re.compile(r"(?<!\w)do\s+(?P<agent>[^,;:?()]{2,50}?)\s+"
                       rf"(?P<verb>{'|'.join(vn.fold(v) for v in RUNNING_VERBS)})(?!\w)")
_ASKING_AGENT = re.compile(r"(?<!\w)(?:ai|nao|gi)(?!\w)")


@lru_cache(maxsize=256)  # a question's agents, read once however many sentences it is held to
def _agents(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    folded = vn.fold(vn.expand_abbreviations(vn.normalize(text))).lower()
    return tuple((m.group("verb"), frozenset(m.group("agent").split())) for m in _BY_AGENT.finditer(folded))


# terms of one kind that exclude each other: a review half-way ("sơ kết") is not the final one ("tổng kết")
_STAGES = (("so ket", "tong ket"),)


def _the_other_stage(question: str, sentences: str) -> bool:
    """Whether the question names one of two terms that exclude each other and the sentences only the other."""
    asked, said = vn.fold(vn.normalize(question)).lower(), vn.fold(vn.normalize(sentences)).lower()

    def has(text: str, term: str) -> bool:
        return re.search(rf"(?<!\w){term}(?!\w)", text) is not None

    return any(has(asked, a) and not has(asked, b) and has(said, b) and not has(said, a)
               for pair in _STAGES for a, b in (pair, pair[::-1]))


def _another_agent(question: str, sentences: str) -> bool:
    """Whether the question sets its thing in the hands of one agent ("… do UBND tỉnh quản lý") and the sentences
    put it, by the same verb, in another's only; a question asking who ("do cơ quan nào quản lý") sets none."""
    asked = [(verb, words) for verb, words in _agents(question) if not _ASKING_AGENT.search(" ".join(words))]
    if not asked:
        return False
    stated = _agents(sentences)
    return any(any(verb == other for other, _ in stated) and not any(
        verb == other and words <= theirs for other, theirs in stated) for verb, words in asked)


# administrative levels, folded: what "cấp …" qualifies a budget, a connection point or a unit with
_ASKED_LEVEL = re.compile(rf"(?<!\w)([^\W\d]+\s+[^\W\d]+)\s+cap\s+({vn.LEVELS})(?!\w)")


# a measure named by what it is of: "chỉ số chuyển đổi số", "tỷ lệ hồ sơ …" (folded)
_MEASURE = re.compile(r"(?<!\w)(?:chi so|ty le)\s+(\w+)\s+(\w+)")


def _another_measure(question: str, sentences: str) -> bool:
    """Whether the question asks a measure of one thing ("chỉ số đổi mới sáng tạo") where the sentences name the
    same kind of measure only of others, and never the question's thing."""
    folded = vn.fold(sentences).lower()
    stated, words = {m.groups() for m in _MEASURE.finditer(folded)}, set(re.findall(r"\w+", folded))
    # (the thing measured named by words the sentences lack: "tỷ lệ người trưởng thành" is "tỷ lệ người dân trưởng
    # thành"; "tỷ lệ đó" names nothing)
    return any(stated and asked not in stated and not set(asked) <= words and not set(asked) & _FOLDED_STOPWORDS
               for asked in (m.groups() for m in _MEASURE.finditer(vn.fold(question).lower())))


_FOLDED_STOPWORDS = frozenset(vn.fold(w) for w in vn.STOPWORDS)


# "riêng ở cấp huyện", "riêng cấp xã": the part of a whole asked for, folded
_ONLY_AT = re.compile(rf"(?<!\w)rieng\s+(?:(?:o|tai|cua|cho|doi voi)\s+)?cap\s+({vn.LEVELS})(?!\w)")


def _level_unaddressed(question: Question, text: str) -> bool:
    """Whether the question asks for the part of a province at a level the text does not address: "riêng ở cấp xã"
    is not the whole province's figure, "tỷ lệ hồ sơ … cấp huyện đạt bao nhiêu?" is not answered by a figure no level
    is named for, nor "bao nhiêu trạm … ở các xã biên giới?" by what "toàn tỉnh có"."""
    addressed = _addressed_levels(text)
    if (only := _part_asked(question.text)) and only not in addressed:
        return True
    if question.kind != "count":
        return False
    if (level := _asked_level(question.text)) and level[1] in vn.BELOW_PROVINCE and level[1] not in addressed:
        return True
    return bool(vn.WHOLE_PROVINCE.search(text) and (_addressed_levels(question.text) & vn.BELOW_PROVINCE) - addressed)


# a tier of service named by "tuyến" or "cấp" ("bệnh viện tuyến tỉnh", "trường cấp huyện"), and a unit below the
# province the question names bare ("trạm y tế xã"; not "xã hội", society, nor a place asked or named: "những huyện
# nào chậm báo cáo", "huyện Lạc Thủy", "các xã thuộc huyện …"), both accented
_TIER_NAMED = re.compile(r"(?<!\w)(?:tuyến|cấp)\s+(tỉnh|huyện|xã|trung ương|cơ sở)(?!\w)", re.IGNORECASE)
_UNIT_BELOW = re.compile(r"(?<!\w)(?<!các )(?<!những )(?<!mỗi )(?<!từng )(?<!ở )(?<!tại )(?<!của )(?<!thuộc )"
                         r"(?:cấp\s+|tuyến\s+)?(huyện|xã)(?!\s+(?:hội|nào|thuộc|[A-ZĐ]))(?!\w)")


def _other_tiers_only(question: str, text: str) -> bool:
    """Whether the question asks of a thing at a level below the province that the text gives only at other tiers it
    names ("tuyến tỉnh", "tuyến huyện" answer nothing of the communes' health stations)."""
    asked = {vn.fold(m).lower() for m in _UNIT_BELOW.findall(vn.normalize(question))}
    named = {vn.fold(m).lower() for m in _TIER_NAMED.findall(vn.normalize(text))}
    return bool(asked and named and not asked & (named | _addressed_levels(text)))


@lru_cache(maxsize=256)
def _part_asked(question: str) -> str | None:
    """The level a question asks the part of a whole at ("huyen" of "… riêng ở cấp huyện …"), folded."""
    only = _ONLY_AT.search(vn.fold(question).lower())
    return only.group(1) if only else None


@lru_cache(maxsize=256)
def _asked_level(question: str) -> tuple[str, str] | None:
    """("ngan sach", "huyen") of "… ngân sách cấp huyện …", folded; None when no thing is asked at a level."""
    asked = _ASKED_LEVEL.search(vn.fold(question).lower())
    return None if asked is None else (asked.group(1), asked.group(2))


# what stands, said so ("mới đạt 0,6%", "đã đạt", "hiện có"): no target
_STANDS = re.compile(r"(?<!\w)(?:mới|đã|hiện|hiện nay)\s+(?:đạt|có)(?!\w)", re.IGNORECASE)
# the parts of a sentence a figure belongs to: between commas, semicolons, brackets, "và" or "với"
_FIGURE_CLAUSES = re.compile(r"[;,()]|\s(?:và|với)\s")


def _stated_at_another_level(question: Question, sentence: str, level: str) -> bool:
    """Whether every fact the sentence states of the kind asked stands in a part of it that names another level than
    the one asked, and none names that one ("01 điểm cầu cấp tỉnh (…) và 251 điểm cầu cấp cơ sở với 44.881 đảng
    viên": the party members are counted at the grassroots points)."""
    spans = asked_fact_spans(question, sentence)
    folded = vn.fold(sentence).lower()  # (folding keeps offsets)
    parts = [(m.start(), m.end()) for m in re.finditer(r"[^;,()]+", sentence)]

    def levels_near(span: str) -> set[str]:
        at = sentence.find(span)
        start, end = next(((a, b) for a, b in parts if a <= at < b), (0, len(sentence)))
        before = _FIGURE_CLAUSES.split(folded[start:at])[-1]
        own = f"{before}{folded[at:end]}"  # (the figure's own part: "251 điểm cầu cấp cơ sở với 44.881 …")
        return set(re.findall(rf"(?<!\w)cap\s+({vn.LEVELS})(?!\w)", folded[start:end] if not before else own))

    near = [levels_near(span) for span in spans if span in sentence]
    if near and not any(near):  # no figure's own part names a level: the levels the sentence addresses do
        addressed = _addressed_levels(sentence)
        return bool(addressed) and level not in addressed
    return bool(near) and all(found and level not in found for found in near)


# the levels a sentence addresses without "cấp": "tại các sở, ngành" (the province's departments), "các huyện,
# thành phố", "các xã, phường"
_ADDRESSED = {"tinh": re.compile(r"(?<!\w)(?:các sở|sở, ban, ngành|sở, ngành)(?!\w)", re.IGNORECASE),
              "huyen": re.compile(r"(?<!\w)(?:các huyện|huyện, thành phố|huyện, thị xã)(?!\w)", re.IGNORECASE),
              "xa": re.compile(r"(?<!\w)(?:các xã|xã, phường|xã, thị trấn)(?!\w)", re.IGNORECASE)}


# (a sentence is read with its diacritics: the "cấp bổ sung" of "provide more" is no "cấp bộ")
_LEVEL_NAMED = re.compile(r"(?<!\w)cấp\s+(tỉnh|huyện|xã|cơ sở|trung ương|quốc gia|thôn|thành phố|quận|phường|bộ|"
                          r"ngành)(?!\w)", re.IGNORECASE)


def _addressed_levels(sentence: str) -> set[str]:
    """The levels a sentence names, by "cấp …" or by the plural of its units, folded ("xa", "tinh", …)."""
    return {vn.fold(m).lower() for m in _LEVEL_NAMED.findall(vn.normalize(sentence))} | {
        level for level, named in _ADDRESSED.items() if named.search(sentence)}


def _other_levels(question: str, sentences: str) -> bool | None:
    """For a question that qualifies a thing by its level ("ngân sách cấp huyện", "điểm cầu cấp xã"): whether the
    sentences give that thing at the level asked, when they give it at some level (None when they give it at
    none, or the question asks of no level)."""
    if (asked := _asked_level(question)) is None:
        return None
    thing, level = asked
    # (the thing may head a short list: "cán bộ, công chức cấp xã" gives the officials at the commune level)
    # (or be named at length before its level: "27 nhiệm vụ khoa học và công nghệ cấp tỉnh")
    folded = vn.fold(sentences).lower()
    given = re.findall(rf"(?<!\w){re.escape(thing)}(?:,\s+[^\W\d]+(?:\s+[^\W\d]+)?)*\s+(?:cap\s+)?({vn.LEVELS})(?!\w)",
                       folded) + re.findall(rf"(?<!\w){re.escape(thing)}(?:\s+[^\W\d]+){{1,{LEVEL_GAP}}}?\s+cap\s+"
                                            rf"({vn.LEVELS})(?!\w)", folded)
    return (level in given) if given else None


LEVEL_GAP = 5  # words that may name a thing further before "cấp <level>"


# what a document says of itself: asked of one, the answer's sentence cites it or is in it
_FIELDS_OF_ITS_OWN = frozenset({"signer", "issuer", "date"})


def support(question: Question, selection: list[ScoredSentence]) -> float:
    """How likely the selection answers the question (0..1): the model's probability for its best sentence;
    0 when a hard requirement is unmet (a cited document number, a named province, a year, a day or an ordinal the
    question states absent from it; no one in the role a "who" question names, no time for "when", no place for
    "where"; a committee the question names that the evidence's documents call otherwise; a signer, issuer or
    date of a document asked where the document is not cited; a name the question states that no document
    writes; a noun the stating sentences qualify otherwise; a role they name only as its head's or its deputy's; a
    figure asked per recipient that they state only as a whole; a year stated for another clause than the one
    asked); 1 for the line the question names by its letter ("nhiệm vụ b)") stating the kind of fact asked."""
    if not selection or not meets_requirements(question, selection) or question.document_field == "author":
        return 0.0  # (who wrote a news article its byline says, answered from it: no sentence of the article)
    joined = " ".join(s.text for s in selection)
    stating = [s for s in selection if s.has_fact]  # (the sentences stating a fact of the kind asked)
    if not stating and (
            question.kind == "count" and (question.asked.counted or question.asked.amount or question.asked.share
                                          or question.asked.ordinal)
            or question.kind == "person" and question.asked.roles
            or question.kind in ("date", "place", "doc_number", "likeness")
            or question.kind == "organisation" and question.asked.institution):
        return 0.0  # "bao nhiêu trạm" wants a number of them, "bao nhiêu tiền" an amount of money, "bao nhiêu %"
        # a percentage (not "còn thấp"), "Ai là Giám đốc Sở Y tế?" someone in that role, "ngày nào" a time (a
        # report's lead states it when it is said), "ở địa điểm nào" a place, "số bao nhiêu" a document's number,
        # "trường đại học nào" a university by its name ("các trường đại học" names none), "ví như gì" a likeness
    if len(question.kinds) > 1 and not stating and not question.is_list:
        return 0.0  # "… sẽ đặt ở đâu, diện tích bao nhiêu?": a sentence stating neither the place nor the area
    provinces = {s.province for s in selection}
    folded = vn.fold(joined).lower()
    if any(p not in provinces and p not in folded for p in question.provinces):
        return 0.0
    if question.committee and all(names_committee(question.committee, _with_context(s)) is False for s in selection):
        return 0.0  # "Trưởng BCĐ xây dựng chính quyền số tỉnh X" is not the head of X's Ban Chỉ đạo Nghị quyết 57
    if question.document_field in _FIELDS_OF_ITS_OWN and question.doc_numbers and not set(question.doc_numbers) <= (
            question.numbers_cited_by(joined) | set().union(*(question.numbers_cited_by(
                str(s.passage.hit.metadata.get("doc_number") or "")) for s in selection))):
        return 0.0  # who signed "Quyết định 1407" is said where the decision is cited, or in the decision itself
    if (group := _members_of(question)) and not any(group in _folded_spelled(" ".join(
            [s.text, *sections.headings_above(s.passage.text, s.start)])) for s in selection):
        return 0.0  # "Tổ giúp việc của Ban Chỉ đạo gồm những ai?" is not answered by the committee's own members
    if question.unknown_names:
        return 0.0  # "Thủ đô của nước Pháp?": no document names "Pháp" ("giải pháp" is no name)
    if question.asked.current and stating and all(_sets_a_goal(s.text) for s in stating):
        return 0.0  # "Hiện nay có bao nhiêu doanh nghiệp …?" is not answered by "Hỗ trợ thành lập mới ít nhất 15 …"
    if question.kind == "count" and _TO_REACH.search(question.text) and stating and all(
            _STANDS.search(_stating_clause(question, s.text)) and not _sets_a_goal(s.text) for s in stating):
        return 0.0  # "đến năm 2027 … phải đạt bao nhiêu phần trăm?" is not answered by "… mới đạt 0,6%"
    if (level := _asked_level(question.text)) and stating and all(
            _stated_at_another_level(question, s.text, level[1]) for s in stating):
        return 0.0  # "… đảng viên dự tại điểm cầu cấp tỉnh?" is not "… 251 điểm cầu cấp cơ sở với 44.881 đảng viên"
    if stating and all(_level_unaddressed(question, s.text) for s in stating):
        return 0.0  # "… riêng ở cấp huyện đạt bao nhiêu?" is not the province's whole figure, which names no level
    if (measured := _share_of(question)) and all(
            _unnamed(measured, _stating_clause(question, s.text), question) > MAX_SHARE_WORDS_MISSING
            for s in stating):
        return 0.0  # "bao nhiêu phần trăm dữ liệu đất đai" is not answered by the share of "tài liệu" digitised
    if (numbered := _numbered(question.text)) and stating and all(
            _numbered_otherwise(numbered, s.text) for s in stating):
        return 0.0  # "… tài khoản định danh điện tử mức độ 3?" is not answered by "… mức độ 2 đạt 80%"
    if (qualified := _qualified_nouns(question.dense_text)) and stating \
            and all(_qualified_otherwise(qualified, s.text) for s in stating):
        return 0.0  # "… hỗ trợ doanh nghiệp lớn tối đa bao nhiêu …?" is not "… 30% … cho doanh nghiệp nhỏ và vừa"
    if (shares := _shares_stated(question.dense_text)) and stating and all(
            _share_of_another(shares, s.text) for s in stating):
        return 0.0  # "… triển khai tại 100% trạm y tế xã trong năm nào?" is not answered by "… tại 100% bệnh viện
        # tuyến tỉnh trong năm 2025"
    if (rated := _rate_of(question)) and stating and not any(
            not level or not _stated_at_another_level(question, clause, level[1])
            for s in stating for clause in _rated_clauses(question, s.text, rated)):
        return 0.0  # "Tỷ lệ hồ sơ … giải quyết trực tuyến toàn trình …?" is not answered by the share of "tài liệu"
        # digitised, a clause holding neither "trực tuyến" nor "toàn trình"; "tỷ lệ văn bản đi … cấp xã được ký số"
        # not by "100% văn bản đi của cơ quan hành chính cấp tỉnh được ký số"
    if (body := _subject_body(question)) and stating and all(
            _of_another_body(body, s.text) for s in stating):
        return 0.0  # "Theo TB 15, Công an tỉnh phải báo cáo … trước ngày nào?" is not answered by the Văn phòng's task
    if question.kind == "count" and not question.is_list and (unit := _each_unit(question)) and stating and not any(
            re.search(rf"(?<!\w)mỗi\s+{re.escape(unit)}(?!\w)", s.text.lower()) for s in stating):
        return 0.0  # "Mỗi doanh nghiệp … được hỗ trợ bao nhiêu tiền?" is not answered by the plan's whole budget
    if question.kind == "date" and stating and all(
            _dated_in_another_clause(question, s.text) for s in stating):
        return 0.0  # "… mỗi trường trung học phổ thông có ít nhất một phòng học STEM là năm nào?" is not answered by
        # "… tuyến huyện trong năm 2026; mỗi trường trung học phổ thông có ít nhất một phòng học STEM"
    if _role_of_another(question, selection):
        return 0.0  # "Phó Giám đốc Sở Tài chính nào …?" is not answered by "Bà …, Giám đốc Sở Tài chính"
    if question.departments and stating and (
            named := vn.departments_named(" ".join(s.text for s in stating))) and not question.departments <= named:
        return 0.0  # "Hạn chót để Sở Giáo dục và Đào tạo bố trí … là lúc nào?" is not answered by what a sentence
        # sets Sở Nội vụ to do (a sentence naming no department may still be the one asked of: a row of its table)
    money, funded = _about_money(question), _funded(question)
    headed = {id(s): _under_headings(s) for s in selection} if money or funded else {}  # (read once for both)
    if money and not any(_speaks_of_money(headed[id(s)]) for s in selection):
        return 0.0  # "Kinh phí hoạt động của Ban Chỉ đạo do nguồn nào bảo đảm?" is not answered by its duties
    if funded and all(_unnamed(funded, headed[id(s)], question) > len(funded) / 2 for s in stating):
        return 0.0  # "Trung tâm dữ liệu tỉnh … được đầu tư bao nhiêu?" is not answered by a plan's total budget
    # (not a province's name read after "xã": "… cấp xã Hòa Bình" of a carried topic is the province's communes)
    if (units := [u for u in _local_units(question.text) if u not in question.provinces]) and any(
            not re.search(rf"(?<!\w){re.escape(unit)}(?!\w)", passages)
            for passages in [vn.fold(" ".join({f"{s.passage.text} {about_document(s.passage)}" for s in selection})
                                     ).lower()] for unit in units):
        return 0.0  # "riêng huyện Đà Bắc còn bao nhiêu thôn …" is not answered by the province's count (a district's
        # own document names it in its title)
    if units and stating and all(
            _unit_apart(units, s.text, question) for s in stating):
        return 0.0  # "huyện X còn bao nhiêu thôn …?" is not "Còn 17 thôn …; …; huyện X chậm báo cáo"
    if units and question.kind == "count" and stating and all(
            not _names_a_unit(units, s) for s in stating):
        return 0.0  # "tỷ lệ … của riêng huyện Lạc Thủy?" is not the province's rate, which names no district (the
        # district is named in another paragraph of the same notice)
    if question.kind == "person" and question.asked.roles and question.provinces and not _CENTRAL.search(
            question.dense_text) and all(_of_a_central_body(s.text, asked_fact_spans(question, s.text))
                                         for s in stating):
        return 0.0  # "Trưởng BCĐ … tỉnh Hà Nam" is not "Ban Chỉ đạo Trung ương …, do đồng chí Tô Lâm làm trưởng Ban"
    if (label := _item_label(question.text)) and any(_labelled(s, label) for s in stating):
        return 1.0  # the line the question names by its letter, stating the kind of fact asked, in the document cited
    return max(s.score for s in selection)


MAX_SHARE_WORDS_MISSING = 1  # of what a share is asked of: one word may be put otherwise
SHARE_PHRASE_WORDS = 12  # "phần trăm người dân trưởng thành có chữ ký số cá nhân"


_RATE = re.compile(r"(?<!\w)(?:tỷ lệ|tỉ lệ|ty le|ti le)\s+(?P<of>.+)", re.IGNORECASE)
_RATE_END = re.compile(r"(?<!\w)(?:của|ở|tại|trong|năm|đến|đạt|là|bao|mấy|thế|ra|so|cua|o|tai|trong|nam|den|dat|"
                       r"la)(?!\w)|[,;:?(]", re.IGNORECASE)
RATE_WORDS = 2  # of what a rate is asked of, its heaviest words: a stating clause must write one


def _rate_of(question: Question) -> set[str]:
    """The heaviest key terms (folded) of what "tỷ lệ …" asks the rate of ("tỷ lệ hồ sơ … giải quyết trực tuyến
    toàn trình": "toàn trình", "trực tuyến"), up to where its setting or the question begins; one of them a clause
    stating the rate writes, however the rest is put ("xử lý trực tuyến" for "tiếp nhận, giải quyết trực
    tuyến"). Empty when no rate is asked so."""
    if question.kind != "count":
        return set()
    own = CARRIED_TOPIC.sub("", question.dense_text)
    if rate := _RATE.search(own):
        of = rate.group("of")
        of = of[:end.start()] if (end := _RATE_END.search(of)) else of
    elif question.asked.share and (reached := _REACHED.search(own)) and not _POINTING_BACK.search(reached["of"]):
        # what reaches the share, in the words right before the verb: after what sets the question ("NQ 12 … đánh
        # giá", "mục tiêu đến 2030"), not "con số đó", which points back
        of = reached.group("of")
        for start, end in reversed(vn.reference_spans(of)):  # (a document cited sets it: "theo NQ 12")
            of = f"{of[:start]} {of[end:]}"
        of = next((part for part in reversed(_SUBJECT_START.split(vn.fold(of).lower())) if vn.content_tokens(part)), "")
    else:
        return set()
    places = {vn.fold(w).lower() for place in question.provinces for w in place.split()}
    # ("mức chi cho KHCN": the level is what is asked, the spending what it is the level of)
    # (nor its period's years)
    words = {vn.fold(t).lower() for t in vn.content_tokens(of) if not t.isdigit()} - places - {"muc"}
    weights = {t: w for t, w in question.key.weights.items() if set(t.split("_")) <= words}
    # a compound counts as one word, as heavy as its heaviest syllable ("xử lý" is one word, not two); a longer run
    # the segmenter joined ("hành chính trực tuyến") is its words
    compounds = [t for t in weights if t.count("_") == 1]
    units = {c: max(weights.get(s, weights[c]) for s in c.split("_")) for c in compounds}
    units |= {t: w for t, w in weights.items() if "_" not in t and not any(t in c.split("_") for c in compounds)}
    return {t for t, _ in sorted(units.items(), key=lambda tw: (-tw[1], tw[0]))[:RATE_WORDS]}


# "… chi cho KHCN phải đạt bao nhiêu %", "số hóa dữ liệu đất đai đã đạt bao nhiêu phần trăm": a share asked of
# what reaches it, named before the verb
_REACHED = re.compile(r"(?P<of>.+?)\s+(?:(?:đã|phải|sẽ|mới|cần|được|dự kiến|phấn đấu|hiện nay|hiện|nay|vẫn|chỉ|"
                      r"đang)\s+)*"
                      r"(?:đạt|chiếm|lên)"
                      r"(?:\s+(?:được|khoảng|tới|đến|ít nhất|tối thiểu))?\s+(?:bao nhiêu|mấy|bn)(?!\w)", re.IGNORECASE)
# (folded) where the words naming what is measured start: after a verb of saying, a target's name, a year, a clause
_SUBJECT_START = re.compile(r"(?<!\w)(?:muc tieu|chi tieu|danh gia|cho biet|neu|noi|ghi nhan|xac dinh|theo|thi|la|ve|"
                            r"trong do|"
                            r"rieng|phan dau)(?!\w)|(?<![\w/])(?:19|20)\d\d(?![\w/])|[,;:]")
_POINTING_BACK = re.compile(r"(?<!\w)(?:đó|này|ấy|kia)(?!\w)", re.IGNORECASE)


# a thing told apart by a small number written after it, as a name ("mức độ 3", "giai đoạn 2", "tuyến 1"), not a
# quantity of the noun after it ("nhóm 20 địa phương"), a date, a share, a time or a document's number (folded)
_NUMBERED = re.compile(r"(?<!\w)(?P<head>[a-z]+\s+[a-z]+)\s+(?P<n>\d{1,2})(?=\s*(?:[?.,;:)]|$)|\s+(?:va|la|cua|tai|o|"
                       r"trong|den|duoc|cho|thi|khong|dat|chiem|co|phai|nam)(?!\w))")
_NOT_NAMING = frozenset({"thang", "quy", "nam", "ngay", "tuan", "phien", "lan", "khoa", "so", "thu", "top", "muc",
                         "dieu", "khoan", "chuong", "phan", "lop", "dot", "hang", "ty", "trieu", "nghin"})


def _numbered(question: str) -> list[tuple[str, str]]:
    """(head, number) of each thing the question tells apart by a number after it, folded ("muc do", "3")."""
    folded = vn.fold(vn.normalize(question)).lower()
    for _, a, b in vn.doc_number_spans(folded):
        folded = folded[:a] + " " * (b - a) + folded[b:]
    heads = [w for type_name in vn.DOC_TYPES for w in vn.fold(type_name).split()] + [
        vn.fold(code).lower() for code in vn.DOC_TYPES.values()]
    return [(m["head"], m["n"]) for m in _NUMBERED.finditer(folded)
            if m["head"].split()[-1] not in _NOT_NAMING and m["head"].split()[-1] not in heads]


def _numbered_otherwise(numbered: list[tuple[str, str]], sentence: str) -> bool:
    """Whether the sentence tells one of those things apart by another number, and by the asked one nowhere."""
    folded = vn.fold(vn.normalize(sentence)).lower()
    for head, n in numbered:
        written = re.findall(rf"(?<!\w){re.escape(head)}\s+(\d{{1,2}})(?![\d/]|[.,]\d)", folded)
        if written and n not in written:
            return True
    return False


@lru_cache(maxsize=256)
def _passage_roles(text: str) -> frozenset[tuple[str, tuple[str, ...]]]:
    """The roles a passage names, read once however many of its sentences are weighed."""
    return frozenset(roles_in(text))


def _role_of_another(question: Question, selection: list[ScoredSentence]) -> bool:
    """Whether the selection's passages name a role the question names only as its head's or only as its deputy's
    ("Phó Giám đốc Sở Tài chính" asked, "Giám đốc Sở Tài chính" said; "Phó Tổng Bí thư" asked, "Tổng Bí thư" said):
    they speak of someone else. Roles of the same body first, else of a body with the same first word, else (a role
    of two words or more: "trưởng" alone also ends "môi trường") of any; and the chair of a people's committee or
    council asked where the passages give that post of the other one only."""
    if not question.asked.roles:
        return False
    said = set().union(*(_passage_roles(f"{s.passage.text}. {about_document(s.passage)}") for s in selection))
    for role, of in question.asked.roles:
        head = role.removeprefix("pho ")
        alike = [(r, body) for r, body in said if r.removeprefix("pho ") == head]
        tiers = ([r for r, body in alike if body == of], [r for r, body in alike if body[:1] == of[:1]],
                 [r for r, _ in alike] if len(head.split()) > 1 else [])
        if (same := next((tier for tier in tiers if tier), [])) and role not in same:
            return True
        # the chair of one council or committee asked where only another's is given ("Chủ tịch UBND tỉnh" asked;
        # "Chủ tịch HĐND tỉnh" and "Phó Chủ tịch Thường trực UBND tỉnh" said): someone else, whatever the words
        # between post and body ("Phó Chủ tịch Thường trực UBND" is a "Phó Chủ tịch UBND")
        if of[:1] and of[0] in _COUNCILS and any(r == role and body[:1] and body[0] in _COUNCILS and body[0] != of[0]
                                                 for r, body in said) and not any(
                _holds_post(role, of, f"{s.passage.text}. {about_document(s.passage)}") for s in selection):
            return True
    return False


# the first words of a province's councils and committees, folded: "Ủy ban nhân dân", "Hội đồng nhân dân"
_COUNCILS = frozenset({"uy", "hoi"})


@lru_cache(maxsize=1024)
def _holds_post(role: str, of: tuple[str, ...], text: str) -> bool:
    """Whether `text` names the role of that body, up to two words between them, its deputy's not counted."""
    folded = vn.fold(vn.expand_abbreviations(vn.normalize(text))).lower()
    body = r"\s+".join(map(re.escape, of))
    pattern = rf"(?<!\w)(?<!pho ){re.escape(role)}(?:\s+[^\W_]+){{0,2}}?\s+{body}(?!\w)"
    return re.search(pattern, folded) is not None


@lru_cache(maxsize=1024)
def _qualified_nouns(text: str) -> tuple[tuple[str, str], ...]:
    """(noun, adjective after it) of each noun a sentence qualifies ("doanh nghiệp", "nhỏ"), folded, as pyvi tags
    them; tagged once per text (support() weighs a question and its sentences more than once a turn)."""
    tagged = vn.tagged_words(vn.normalize(text))
    return tuple((vn.fold(noun).lower(), vn.fold(adjective).lower()) for (_, noun, n), (_, adjective, a)
                 in zip(tagged, tagged[1:]) if n == "N" and a == "A")


def _qualified_otherwise(asked: tuple[tuple[str, str], ...], sentence: str) -> bool:
    """Whether the sentence qualifies a noun the question qualifies with another adjective, and writes the
    question's nowhere ("doanh nghiệp lớn" and "… cho doanh nghiệp nhỏ và vừa"): it states the fact of something
    else."""
    said = _qualified_nouns(sentence)
    words = {vn.fold(t) for t in vn.tokenize(sentence)}
    # (pyvi may take a word after the adjective into it: "thông minh vậy" is still "thông minh")
    return any(noun == other_noun and not (asked_words := set(adjective.split())) & set(other.split())
               and not asked_words <= words for noun, adjective in asked for other_noun, other in said)


# a share the question states of something ("tại 100% trạm y tế xã"): the figure and the two words after it, folded
_SHARE_STATED = re.compile(r"(?<![\d.,])(?P<n>\d{1,3}(?:[.,]\d+)?)\s*%\s+(?P<of>[a-z]+(?:\s+[a-z]+)?)")


def _shares_stated(question: str) -> list[tuple[str, str]]:
    """(figure, what it is a share of) of each share the question states rather than asks ("100%", "tram y")."""
    return [(m["n"], m["of"]) for m in _SHARE_STATED.finditer(vn.fold(vn.normalize(question)).lower())]


def _share_of_another(shares: list[tuple[str, str]], sentence: str) -> bool:
    """Whether the sentence states one of those figures of something else, and of what the question says nowhere."""
    folded = vn.fold(vn.normalize(sentence)).lower()
    for n, of in shares:
        written = [m["of"] for m in _SHARE_STATED.finditer(folded) if m["n"] == n]
        if written and not any(w.split()[0] == of.split()[0] for w in written):
            return True
    return False


def _rated_clauses(question: Question, sentence: str, rated: set[str]) -> list[str]:
    """The clauses of a sentence (between semicolons) stating a fact of the kind asked and writing one of the
    heaviest words of what a rate is asked of."""
    return [c for c in sentence.split(";") if rated & passage_terms(c) and asked_fact_spans(question, c)]


# "mỗi doanh nghiệp", "mỗi xã": what a figure is asked per (not a period, "mỗi năm", which a text words many ways)
_EACH = re.compile(r"(?<!\w)mỗi\s+(?P<unit>\w+)", re.IGNORECASE)
_PERIODS = frozenset({"năm", "tháng", "quý", "ngày", "tuần", "kỳ", "lần", "đợt", "giai"})
# "mỗi tỉnh", "mỗi nơi", "mỗi văn bản", "mỗi đồng chí": each of the places, documents or people the question sets
# side by side, each answered on its own, not a unit a figure is given per
_SIDES = frozenset({"tỉnh", "nơi", "bên", "văn", "đồng", "địa", "tài"})


def _each_unit(question: Question) -> str | None:
    """The first word of what a count is asked per ("doanh" of "mỗi doanh nghiệp … bao nhiêu tiền?"), as the
    question is read with its diacritics; None for none, for a period, or for each of the sides compared."""
    each = _EACH.search(vn.normalize(question.dense_text))
    return unit if each and (unit := each["unit"].lower()) not in _PERIODS | _SIDES else None


# a time that opens a sentence ("Đến hết năm 2025, …"; after a label: "Mục tiêu: đến năm 2030, …") is of all of it
_OPENING_TIME = re.compile(r"^(?:[^:;,]{1,60}:\s*)?(?:đến|tới|trong|từ|hết|năm|giai đoạn|quý|tháng|ngày)(?!\w)[^,;]*,",
                           re.IGNORECASE)


# a clause that only names who carries out what the clause before it sets ("Văn phòng Tỉnh ủy chủ trì thực hiện.")
_AGENT_CLAUSE = re.compile(r"\s*(?:do\s+)?[^\W\d][^,;:]{0,60}?\s(?:chủ trì|phối hợp|thực hiện|phụ trách)"
                           r"(?:\s+thực hiện)?\s*[./]*\s*", re.IGNORECASE)


def _dated_in_another_clause(question: Question, sentence: str) -> bool:
    """Whether the clause of a sentence (between semicolons) that the question is asked of states no time, and the
    time the sentence states is another clause's own (not one opening the sentence, which dates every clause)."""
    clauses: list[str] = []
    for clause in (c for c in sentence.split(";") if c.strip()):
        if clauses and _AGENT_CLAUSE.fullmatch(clause):  # "…trong năm 2026; Văn phòng Tỉnh ủy chủ trì thực hiện.":
            clauses[-1] += f";{clause}"  # who carries it out is part of the task before, dated with it
        else:
            clauses.append(clause)
    if len(clauses) < 2 or labelled_cells(sentence):
        return False  # (a table row's cells are one record: its deadline is its task's)
    own = max(clauses, key=lambda c: coverage(question.key, c))
    if asked_fact_spans(question, own):
        return False
    opening = _OPENING_TIME.match(clauses[0].strip())
    return not (opening and asked_fact_spans(question, opening.group()))


def _stating_clause(question: Question, sentence: str) -> str:
    """The clauses of a sentence (between semicolons) that state a fact of the kind asked, or the whole sentence:
    "… việc giải quyết thủ tục hành chính … đạt 84,2%; số hóa dữ liệu được ứng dụng mạnh trên hồ sơ …" states its
    share of what its own clause names, not of the "hồ sơ" the next one speaks of."""
    clauses = [c for c in sentence.split(";") if asked_fact_spans(question, c)]
    return " ".join(clauses) or sentence


def _share_of(question: Question) -> list[str]:
    """The words of what "bao nhiêu phần trăm …" asks the share of ("dữ liệu đất đai"), as typed ([] for a share
    asked otherwise: "tỷ lệ … là bao nhiêu" names what is measured where retrieval weighs it, and is paraphrased
    as often: "xử lý trực tuyến" for "tiếp nhận, giải quyết trực tuyến")."""
    if not question.asked.share:
        return []
    plain = not vn.has_diacritics(question.text)
    phrase = counted_words(question.dense_text, limit=SHARE_PHRASE_WORDS, phrase=True, plain=plain) or ""
    words = phrase.replace(",", " ").split()
    return words[2:] if [vn.fold(w) for w in words[:2]] == ["phan", "tram"] else []


# money spoken of: asked of ("kinh phí", "vốn") and, in a sentence, also as an amount ("24 tỷ đồng") or how it is
# raised ("đầu tư", "xã hội hóa"); with diacritics ("đầu tiên" and "ưu tiên" fold to a "tien" that is no money),
# typed without them only by words that fold to nothing else
_MONEY_ASKED_OF = re.compile(r"(?<!\w)(?:kinh phí|ngân sách|vốn|tiền|chi phí)(?!\w)")
_FOLDED_MONEY_ASKED_OF = re.compile(r"(?<!\w)(?:kinh phi|ngan sach|chi phi)(?!\w)")
_MONEY_SPOKEN = re.compile(r"(?<!\w)(?:kinh phí|ngân sách|vốn|tiền|chi phí|tài chính|đầu tư|xã hội hóa|"
                           r"\d[\d.,]*\s*(?:tỷ|triệu|nghìn|ngàn)?\s*đồng)(?!\w)")


def _about_money(question: Question) -> bool:
    """Whether the question asks something of money (how much, from where, for what), not a share of it."""
    text = vn.normalize(question.dense_text).lower()
    asked = _MONEY_ASKED_OF if vn.has_diacritics(text) else _FOLDED_MONEY_ASKED_OF
    return not question.asked.share and bool(asked.search(text))


def _speaks_of_money(text: str) -> bool:
    return bool(_MONEY_SPOKEN.search(vn.normalize(text).lower()))


# what every question asking an amount says besides what is funded (folded syllables): the money, how it is made
# up or shared out ("được cơ cấu từ những nguồn nào", "phân bổ"), a document
_MONEY_TALK = frozenset(
    "tong kinh phi von tien ngan sach chi dau tu muc nguon nam thang tinh so ke hoach nghi quyet chuong trinh "
    "quyet dinh thong bao co cau phan bo".split())


def _funded(question: Question) -> list[str]:
    """The nouns naming what an amount of money is asked for ("Trung tâm dữ liệu" of "Trung tâm dữ liệu tỉnh …
    được đầu tư tổng vốn bao nhiêu?"), their syllables as typed: not the money's, a province's or a document's
    ([] when it names nothing else, asks no amount, or is typed without diacritics, where parts of speech are
    guesses)."""
    text = question.dense_text
    if not question.asked.amount or not vn.has_diacritics(text):
        return []
    for _, a, b in sorted(vn.doc_number_spans(text), key=lambda span: -span[1]):
        text = text[:a] + " " + text[b:]
    places = {w for p in question.provinces for w in p.split()}
    words = [w for _, word, tag in vn.tagged_words(text) if tag in ("N", "Np") for w in word.split()
             if (folded := vn.fold(w).lower()) not in _MONEY_TALK and folded not in places and not w.isdigit()]
    return words if len(words) >= MIN_FUNDED_WORDS else []


MIN_FUNDED_WORDS = 2  # one word left ("hội nghị") is too little to tell what is funded


# "<body> (bao) gồm những ai / những thành viên nào": the body whose members a question asks for, after any "theo …
# thì" or clause before it; its head words end where what tells it apart begins ("của", "cho", a province …)
_MEMBERS_ASKED = re.compile(r"(?:^|(?<=[,:;]\s))(?:.*?\sthì\s)?(?:thành phần\s+(?:của\s+)?)?(?P<group>[^,:;?]+?)\s+"
                            r"(?:bao\s+)?gồm\s+(?:những|các)\s+(?:ai|thành viên|người|đồng chí)(?!\w)")
_GROUP_END = re.compile(r"\s(?:của|cho|về|thuộc|ở|tại|trong|tỉnh|do|được|đã|hiện)(?!\w)")
_BODY_OF_MEMBERS = re.compile(r"(?:tổ|ban|hội đồng|đoàn|nhóm|tiểu ban|bộ phận|ủy ban|uỷ ban|hội)\s", re.IGNORECASE)
GROUP_HEAD_WORDS = 3  # "tổ giúp việc", "Ban Chỉ đạo", "Hội đồng thẩm định"


def _members_of(question: Question) -> str | None:
    """The head words, folded, of the body whose members a who-list names ("to giup viec" of "Theo QĐ 1875 thì tổ
    giúp việc của Ban Chỉ đạo … gồm những ai?"); None for any other question or a head of one word."""
    if question.kind != "person" or not question.is_list:
        return None
    m = _MEMBERS_ASKED.search(question.dense_text.lower())
    if m is None:
        return None
    group = _GROUP_END.split(m["group"], maxsplit=1)[0]
    words = vn.tokenize(group)[:GROUP_HEAD_WORDS]
    # a body that has members ("tổ", "ban", "hội đồng" …), not those in a role ("các cơ quan phối hợp gồm những ai":
    # the agencies a task names)
    return _folded_spelled(" ".join(words)) if len(words) > 1 and _BODY_OF_MEMBERS.match(group) else None


def _folded_spelled(text: str) -> str:
    return " ".join(vn.tokenize(vn.fold(vn.expand_abbreviations(text)).lower()))


def _under_headings(sentence: ScoredSentence) -> str:
    """A sentence with the headings it is under, its paragraph's opening, what its document is about and who
    issued it: where a budget line's subject is named."""
    text, start = sentence.passage.text, sentence.start
    headings = sections.headings_above(text, start, str(sentence.passage.hit.metadata.get("headings") or ""))
    return " ".join([*headings, _paragraph_opening(text, start), about_document(sentence.passage),
                     str(sentence.passage.hit.metadata.get("issuer") or ""), sentence.text])


def _unnamed(words: list[str], sentence: str, question: Question) -> int:
    """How many of `words` the sentence does not write (as typed; folded for a question typed without
    diacritics)."""
    same = str.lower if vn.has_diacritics(question.text) else (lambda w: vn.fold(w).lower())
    written = {same(t) for t in vn.tokenize(sentence)}
    return sum(same(w) not in written for w in words if w not in vn.STOPWORDS)


# a district, commune or ward the question names: "huyện Đà Bắc", "xã Bắc Hà" (a city is also a province's name)
_LOCAL_NAME = rf"\s+((?:[{vn.UPPERCASE_LETTERS}]\w*)(?:\s+[{vn.UPPERCASE_LETTERS}]\w*)*)"
_LOCAL_NAMED = re.compile(rf"(?<!\w)(?i:{LOCAL_UNITS}){_LOCAL_NAME}")
# typed without diacritics ("huyen Da Bac"): not the "quan" of "co quan", nor a "xa" that is "far"
_FOLDED_LOCAL_NAMED = re.compile(rf"(?<!\w)(?<!co\s)(?i:{vn.fold(LOCAL_UNITS)}){_LOCAL_NAME}")


def _local_units(question: str) -> list[str]:
    """The names of the districts, communes or wards the question names, folded: the evidence's passages must
    name them too."""
    text = vn.normalize(question)
    named = _LOCAL_NAMED if vn.has_diacritics(text) else _FOLDED_LOCAL_NAMED
    units = [vn.fold(m.group(1)).lower() for m in named.finditer(text)]
    if text == text.lower() and vn.has_diacritics(text):  # typed with no capitals ("khu làm việc chung ở huyện mai
        # châu"): two syllables after the unit's word, none a function or question word, are its name (as most are)
        units += [vn.fold(f"{m.group(1)} {m.group(2)}") for m in _LOWER_LOCAL_NAMED.finditer(text)
                  if not {m.group(1), m.group(2)} & _FUNCTION_WORDS and f"{m.group(1)} {m.group(2)}" not in _UNIT_WORDS
                  and text[:m.start()].split()[-1:] != ["cơ"]]  # (not the "quan" of "cơ quan")
    return units


# (not a level, a plural or a count: "cấp xã", "các huyện", "10 huyện, thành phố")
_LOWER_LOCAL_NAMED = re.compile(rf"(?<!\w)(?<!cấp\s)(?<!tuyến\s)(?<!các\s)(?<!những\s)(?<!mỗi\s)(?<!từng\s)"
                                rf"(?<!\d\s)(?<!mấy\s)(?<!nhiêu\s)(?:{LOCAL_UNITS})\s+(\w+)\s+(\w+)(?!\w)")
_FUNCTION_WORDS = frozenset(vn.STOPWORDS) | {"nào", "gì", "ai", "đâu", "mấy", "bao", "phải", "cần", "chậm", "đạt",
                                             "làm", "còn", "nên", "mới", "vẫn", "chưa"}
_UNIT_WORDS = frozenset({"thành phố", "thị xã", "thị trấn", "vùng cao", "vùng sâu", "miền núi"})


def _names_a_unit(units: list[str], sentence: ScoredSentence) -> bool:
    """Whether the sentence, the headings it is under or its document's title names one of the districts or
    communes asked (folded)."""
    said = vn.fold(" ".join([sentence.text, about_document(sentence.passage),
                             *sections.headings_above(sentence.passage.text, sentence.start)])).lower()
    return any(re.search(rf"(?<!\w){re.escape(unit)}(?!\w)", said) for unit in units)


def _unit_apart(units: list[str], sentence: str, question: Question) -> bool:
    """Whether the sentence names the district or commune asked only apart from the fact asked: in another clause
    (between semicolons), or after it beyond a comma ("cho 43 thôn, xóm còn vùng lõm sóng, ưu tiên các xã thuộc
    huyện Đà Bắc": the count is the province's, the district is where it starts). That part says something else
    of it."""
    spans = asked_fact_spans(question, sentence)
    folded = vn.fold(sentence).lower()
    mentions = [m.start() for u in units for m in re.finditer(rf"(?<!\w){re.escape(u)}(?!\w)", folded)]
    if not spans or not mentions:
        return False

    def apart(span: str) -> bool:
        at = folded.find(vn.fold(span).lower())
        end = at + len(span)
        return at >= 0 and all(";" in folded[min(m, end):max(m, at)] or (m > end and "," in folded[end:m])
                               for m in mentions)

    return all(apart(span) for span in spans)


def _with_context(sentence: ScoredSentence) -> str:
    """The sentence's passage, its document's other retrieved chunks and what the document is about: where the
    committee a sentence speaks of is named."""
    passage = sentence.passage  # (the sentence is part of its passage's text)
    return "\n".join((passage.text, passage.elsewhere, about_document(passage)))


# a committee of the centre, not of a province ("Ban Chỉ đạo Trung ương về …", "Ban Chỉ đạo quốc gia")
_CENTRAL = re.compile(r"(?<!\w)(?:ban chỉ đạo|bcđ)\s+(?:trung ương|quốc gia)(?!\w)", re.IGNORECASE)


def _of_a_central_body(sentence: str, people: list[str]) -> bool:
    """Whether each person a sentence gives the role is given it in a clause about a committee of the centre:
    named after "Ban Chỉ đạo Trung ương" with no ";" between."""
    return bool(people) and all(any(";" not in sentence[m.end():at] for m in _CENTRAL.finditer(sentence, 0, at))
                                for at in (sentence.find(person) for person in people))
