"""The offline default: answer with the source's own words, so nothing can be invented.

A factoid question ("ai", "khi nào", "bao nhiêu", "ở đâu", "số hiệu", "cơ quan nào") is answered with the
fact first — a piece of the best sentence, chosen by `chat.facts` — then that sentence with its citation.
Lists and questions over several provinces get one line per sentence, each naming its document's province
when it differs. Every word of the answer is in the sentence it cites.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bcd import vietnamese as vn
from chat.evidence import (ScoredSentence, completes_each_other, listed_count, own_document, rank_sentences, select,
                           speaks_second)
from chat import sections
from chat.citations import document_label
from chat.facts import PAIRED_UNITS, asked_cell, asked_fact_spans, names_day, whole_spans
from chat.generators.base import Passage, Turn
from retrieval.asked import counted_words
from retrieval.question import CARRIED_TOPIC, Question, analyse_question, number_is_of_type

COUNTED_PHRASE = 4  # words naming what a counted list's opening line counts ("nhiệm vụ trọng tâm")


class ExtractiveGenerator:
    """Picks and orders source sentences; `idf` weighs the question's terms (rare words count more)."""

    name = "extractive"

    def __init__(self, idf: Callable[[str], float], max_sentences: int = 3) -> None:
        if max_sentences <= 0:
            raise ValueError("max_sentences must be > 0")
        self.idf = idf
        self.max_sentences = max_sentences

    def generate(self, question: str, passages: list[Passage], history: list[Turn]) -> str:
        """The generator interface, for callers without an analysis (the chat service passes its own)."""
        analysed = analyse_question(question, idf=self.idf)
        return self.answer(analysed, rank_sentences(analysed, passages))

    def answer(self, question: Question, ranked: list[ScoredSentence]) -> str:
        chosen = select(question, ranked, self.max_sentences)
        if not chosen:
            return ""
        if count := listed_count(question, chosen):  # a number no sentence states: the lines listing them, counted
            noun = counted_words(question.dense_text, limit=COUNTED_PHRASE, phrase=True)
            return "\n".join([f"Có {count} {noun}:", *_bullets(chosen)])
        if question.kind is not None and len(question.provinces) <= 1 and completes_each_other(question, chosen):
            # ("lúc ban hành NQ 12 và đến phiên họp thứ 2": the resolution's figure, the meeting's, each named)
            return "\n".join(f"- {document_label(s.passage.hit.metadata)}: {_quoted_with_fact(question, s)}"
                             for s in chosen)
        if len(chosen) == 1 or (question.kind is not None and not question.is_list and len(question.provinces) <= 1):
            # (a sentence for each kind asked, when it takes two; who spoke, and what they said)
            quoted = chosen if question.kinds or speaks_second(chosen) else chosen[:1]
            fact = "; ".join(f for f in [lead_facts(question, quoted[0]), *_other_kinds_facts(question, quoted)] if f)
            text = " ".join(f"{_DASH.sub('', s.text)} [{s.passage.n}]" for s in quoted)
            if not fact and (before := referred_back(question, quoted[0])) and before not in text:
                text = f"{before} [{quoted[0].passage.n}] {text}"
            return f"{fact} — {text}" if fact else text
        # one fact asked of several provinces: each bullet opens with its province's fact ("- Lào Cai: 1,5% — …")
        # (and each document a list of documents asked for: "Những văn bản nào quy định …?")
        asked = question if question.kind is not None and (not question.is_list or question.kind == "doc_number") \
            else None
        return "\n".join(_bullets(chosen, asked))


def _quoted_with_fact(question: Question, sentence: ScoredSentence) -> str:
    text = f"{_DASH.sub('', sentence.text)} [{sentence.passage.n}]"
    return f"{fact} — {text}" if (fact := lead_facts(question, sentence)) else text


# a sentence opening with words that point back ("Đây là …", "Đó là chỉ đạo của …", "Điều này giúp …") and what
# it then says of them ("một trong những di vật độc đáo")
_POINTS_BACK = re.compile(r"\W*(?:Đây|Đó|Điều (?:này|đó)|Việc (?:này|đó)|Nó|Chúng|Họ)(?:\s+(?:chính|cũng|đều))?"
                          r"(?:\s+là)?\s+(?P<said>.*)", re.S)
MIRRORED_WORDS = 2  # the words after the pointing word that the question must repeat, in order


def referred_back(question: Question, sentence: ScoredSentence) -> str:
    """The sentence right before one that opens by pointing back to it, in its passage, when the question asks
    what is pointed to: it repeats what the sentence says of it ("Một trong những di vật độc đáo … là gì?" and
    "Đây là một trong những di vật độc đáo …"). "" otherwise: "Đó là chỉ đạo của đồng chí X, Bí thư …" answers
    "X còn giữ chức gì?" alone, and a sentence opening its passage points back to nothing quoted."""
    if not (m := _POINTS_BACK.match(sentence.text)):
        return ""
    said = vn.tokenize(vn.fold(m["said"]))[:MIRRORED_WORDS]
    if len(said) < MIRRORED_WORDS or f" {' '.join(said)} " not in f" {' '.join(vn.tokenize(vn.fold(question.text)))} ":
        return ""
    text = sentence.passage.text
    before = [text[a:b].strip() for a, b in vn.split_sentences(text) if b <= sentence.start]
    return before[-1] if before else ""


def _bullets(chosen: list[ScoredSentence], asked: Question | None = None) -> list[str]:
    """One line per sentence, naming its document's province where the sentences are of several; led by the fact
    it states when a fact is `asked`."""
    several = len({s.province for s in chosen}) > 1
    lines, heads = [], []  # heads: (document, rank) of the part headings the lines since are under
    levels, headings = [], []  # each line's depth, and whether it is a heading
    for sentence in chosen:
        # a line under a part's heading quoted before it is indented under it ("1. Hoàn thiện thể chế …", then
        # its "a) …", "b) …"): the list keeps the document's structure
        text, rank = sentence.passage.text, sections.rank_at(sentence.passage.text, sentence.start)
        while heads and (heads[-1][0] != sentence.passage.hit.doc_id or heads[-1][1] >= rank):
            heads.pop()
        indent = "  " * len(heads)
        levels.append(len(heads))
        headings.append(sections.heading_at(text, sentence.start))
        if headings[-1]:
            heads.append((sentence.passage.hit.doc_id, rank))
        province = sentence.passage.hit.metadata.get("province")
        named = province and vn.fold(province).lower() in vn.fold(sentence.text).lower()
        label = f"{province}: " if several and province and not named else ""
        fact = f"{found} — " if asked is not None and (found := _bullet_fact(asked, sentence)) else ""
        # a list line keeps its words, not its own dash: one bullet each ("- Ông A, …;", not "- - Ông A")
        lines.append(f"{indent}- {label}{fact}{_DASH.sub('', sentence.text)} [{sentence.passage.n}]")
    if all(headings):
        return lines  # (the groups a document divides its items into, asked for: its headings)
    # a heading with none of its lines quoted under it says nothing ("- Mục tiêu" beside a goal of another part)
    return [line for i, line in enumerate(lines)
            if not headings[i] or (i + 1 < len(lines) and levels[i + 1] > levels[i])]


def _bullet_fact(question: Question, sentence: ScoredSentence) -> str:
    """What a bullet opens with: the fact asked; of a list of documents, the document a sentence stands in when the
    sentence names none itself (one naming them says which)."""
    if question.kind != "doc_number":
        return lead_facts(question, sentence)
    return "" if asked_fact_spans(question, sentence.text) else own_document(question, sentence.passage)


def lead_facts(question: Question, sentence: ScoredSentence) -> str:
    """The short fact, or one for each kind a question's clauses ask ("… ngày nào, ai chủ trì?" → "Ngày 06 tháng
    11 năm 2025; Hà Quang Tuấn"), in the order asked, those the sentence states."""
    if not question.kinds:
        return short_fact(question, sentence)
    # a clause asking for a list ("là những đơn vị nào") is answered by the quoted sentence, not by one name of it
    facts = [short_fact(replace(question, kind=kind), sentence, clause) for kind, clause in question.kinds
             if kind == question.kind or not _ASKS_MANY.search(clause)]
    return "; ".join(dict.fromkeys(f for f in facts if f))


def _other_kinds_facts(question: Question, quoted: list[ScoredSentence]) -> list[str]:
    """The facts of the kinds the first quoted sentence does not state, each from the first later one that does."""
    facts = []
    for kind, clause in question.kinds:
        asked = replace(question, kind=kind)
        if not asked_fact_spans(asked, quoted[0].text):
            facts += [next((f for s in quoted[1:] if (f := short_fact(asked, s, clause))), "")]
    return [f for f in dict.fromkeys(facts) if f]


MAX_LISTED = 6  # facts a list's lead names; more, and the quoted sentence says them
_PEOPLE_LISTED = re.compile(r"(?<!\w)(?:các|những)\s+(?:đồng chí|đ/c|ông|bà|vị)(?!\w)", re.IGNORECASE)
_ASKS_MANY = re.compile(r"(?<!\w)(?:những|các|nhung|cac)(?!\w)", re.IGNORECASE)


def short_fact(question: Question, sentence: ScoredSentence, clause: str | None = None) -> str:
    """The piece of `sentence` that states the fact asked for (of a document the question cites, when the
    sentence says it: see `fact_spans`); of several, the one nearest the question's own words (those of the
    `clause` asking it, when the question asks several). A "tỉnh nào" question whose sentence names no place gets
    its document's province."""
    asking = clause or question.dense_text
    # a follow-up's own words, not the earlier topic put after them in brackets ("trong đó ngân sách tỉnh bao
    # nhiêu? (kế hoạch 99 tổng kinh phí)" asks the province's share, not the total; "(… giao sở chủ trì)" names no
    # column of a task row)
    own = CARRIED_TOPIC.sub("", asking)
    if (cell := asked_cell(own or asking, sentence.text, context=question.dense_text)) and (
            question.kind != "count" or re.search(r"\d", cell)):  # a row: the column asked (a count is a number)
        return cell
    spans = asked_fact_spans(question, sentence.text)
    if not spans:
        province = sentence.passage.hit.metadata.get("province")
        if question.kind == "place" and province:
            return f"Tỉnh {province}"
        return own_document(question, sentence.passage)  # "Văn bản nào quy định …?": the one it stands in
    spans = whole_spans(spans)
    if question.kind == "date" and question.asks_event_date:
        # when a meeting took place is its day where one is written ("… nhiệm vụ trọng tâm năm 2025, diễn ra
        # chiều 17/11": the year names the tasks)
        spans = [s for s in spans if names_day(s)] or spans
    if question.kind == "count" and len(spans) > 1:
        spans = _total_first(spans, sentence.text, question.dense_text)
    if question.kind == "date" and len(spans) > 1 and (kind := question.asked.document_type or question.document_type) \
            and len(dating := [s for s in spans if _dates_a_document_of(kind, s, sentence.text)]) == 1:
        return _whole_words(dating[0], sentence.text)  # "UBND … ban hành KH số mấy, ngày nào?" of "… Chương trình
        # hành động số 54-CTr/TU, ngày 24/02/2025; UBND tỉnh ban hành Kế hoạch số 29/UBND-KH ngày 21/2/2025 …": the
        # plan's date, written right after its number
    if question.kind == "doc_number" and (beside := question.asked.also_type) and len(spans) > 1:
        # "CTr và KH nào?": the number of each kind asked, in the order asked
        kinds = (beside, question.asked.document_type)
        return "; ".join(dict.fromkeys(s for kind in kinds for s in spans[:MAX_LISTED]
                                       if number_is_of_type(vn.doc_number_key(s), kind)))
    if len(spans) == 1:
        return _whole_words(spans[0], sentence.text)
    if (question.is_list or question.kind == "person" and not question.asked.roles and _PEOPLE_LISTED.search(
            sentence.text[:sentence.text.find(spans[0])])) and len(spans) <= MAX_LISTED:
        # "những nghị quyết nào?": each one the sentence names; "ai chủ trì?" of "… chủ trì … có các đồng chí: A, …;
        # B, …": each of them (a role asked is held by one: "Phó Bí thư Thường trực … là ai?")
        return "; ".join(dict.fromkeys(_whole_words(span, sentence.text) for span in spans))
    text = sentence.text
    folded = vn.fold(text).lower()
    if len(beside := _beside_role(own, spans, folded)) == 1:
        return _whole_words(beside[0], text)
    if question.kind == "doc_number" and (cited := _cited_as_asked(own, spans, folded)):
        return _whole_words(cited, text)
    asked = {vn.fold(t).lower() for t in vn.content_tokens(own if vn.content_tokens(own) else question.dense_text)}
    anchors = [i for t in asked if (i := folded.find(t)) >= 0]
    if not anchors:
        return _whole_words(spans[0], text)

    starts = sorted(at for span in spans if (at := folded.find(vn.fold(span).lower())) >= 0)

    def closeness(span: str) -> tuple[int, int, float, int]:
        """The question's words in the span's part of the sentence, between semicolons or colons ("Tỷ lệ hồ sơ …
        được tiếp nhận, giải quyết … đạt 74,2%" over "; 100% văn bản … được ký số"), then in its own clause
        ("ngân sách Trung ương hỗ trợ 38,2 tỷ đồng"), then how many of the words that lead to it from the fact
        before are the question's ("… tại 100% bệnh viện tuyến tỉnh trong năm 2025 và tuyến huyện trong năm 2026"
        asked of "tuyến huyện": "tỉnh" leads to 2025), then its distance to the nearest of them."""
        at = folded.find(vn.fold(span).lower())
        if at < 0:
            return 0, 0, 0.0, -10**6

        def words_around(boundary: re.Pattern[str]) -> int:
            start = max((m.end() for m in boundary.finditer(folded, 0, at)), default=0)
            end = next((m.start() for m in boundary.finditer(folded, at + len(span))), len(folded))
            return len(asked & set(re.findall(r"\w+", folded[start:end])))

        since = max([b for b in starts if b < at] + [m.end() for m in _PART_END.finditer(folded, 0, at)], default=0)
        leading = [w for w in re.findall(r"[^\W\d_]+", folded[since:at]) if w not in _FOLDED_STOPWORDS]
        share = sum(w in asked for w in leading) / len(leading) if leading else 0.0
        return words_around(_PART_END), words_around(_CLAUSE_END), share, -min(abs(at - a) for a in anchors)

    return _whole_words(max(spans, key=closeness), text)


DATE_AFTER_NUMBER = 8  # characters between a document's number and the date written after it (", ngày ")


def _dates_a_document_of(kind: str, span: str, text: str) -> bool:
    """Whether a date stands right after the number of a document of this kind, as its date ("Kế hoạch số
    29/UBND-KH ngày 21/2/2025")."""
    at = text.find(span)
    return at >= 0 and any(0 <= at - end <= DATE_AFTER_NUMBER and number_is_of_type(vn.doc_number_key(number), kind)
                           for number, _, end in vn.doc_number_spans(text))


_WHICH = re.compile(r"(?<!\w)nao(?!\w)")
_CITATION_END = re.compile(r"[,;:()]")


def _cited_as_asked(asking: str, spans: list[str], folded: str) -> str | None:
    """Of a sentence's document numbers, the one whose citation says what the question says after "nào" ("… nghị
    quyết nào của Ban Chấp hành Đảng bộ tỉnh?": "Nghị quyết số 12-NQ/TU ngày 14/3/2025 của Ban Chấp hành Đảng bộ
    tỉnh", not "Nghị quyết số 57-NQ/TW của Bộ Chính trị"), when one says more of it than the others."""
    folded_asking = vn.fold(asking).lower()
    which = list(_WHICH.finditer(folded_asking))
    said = {vn.fold(t).lower() for t in vn.content_tokens(folded_asking[which[-1].end():])} if which else set()
    if not said:
        return None
    starts = sorted(at for span in spans if (at := folded.find(vn.fold(span).lower())) >= 0)

    def citing(span: str) -> int:  # the question's words in the span's citation: to the next number or comma
        at = folded.find(vn.fold(span).lower())
        end = min([b for b in starts if b > at] + [m.start() for m in _CITATION_END.finditer(folded, at + len(span))],
                  default=len(folded))
        return len(said & set(re.findall(r"\w+", folded[at + len(span):end]))) if at >= 0 else 0

    ranked = sorted(spans, key=citing, reverse=True)
    return ranked[0] if citing(ranked[0]) > citing(ranked[1]) else None


# who leads and who takes part, asked ("cơ quan nào chủ trì …", "phối hợp với cơ quan nào"), folded
_LEADS = re.compile(r"(?<!\w)chu tri(?!\w)")
_TAKES_PART = re.compile(r"(?<!\w)phoi hop(?:\s+voi)?(?!\w)")


def _beside_role(asking: str, spans: list[str], folded: str) -> list[str]:
    """Of a sentence's bodies, those in the role a clause asks for: the one right before "chủ trì" for "cơ quan nào
    chủ trì …?" ("Sở Tài chính chủ trì, phối hợp với Sở KH&CN …"), those right after "phối hợp với" for "phối hợp với
    cơ quan nào?"; [] when the clause asks neither."""
    asked = vn.fold(asking).lower()
    if _TAKES_PART.search(asked):
        return [s for s in spans if (at := folded.find(vn.fold(s).lower())) > 0
                and re.search(r"phoi hop(?:\s+voi)?\s*$", folded[:at])]
    if _LEADS.search(asked):
        return [s for s in spans if (at := folded.find(vn.fold(s).lower())) >= 0
                and re.match(r"[\s,]*chu tri(?!\w)", folded[at + len(s):])]
    return []


# (after what the total counts, said at length: "27 nhiệm vụ khoa học và công nghệ cấp tỉnh được nghiệm thu, trong đó")
_BREAKDOWN = re.compile(r"(?:\s+[^\W\d]+){0,12}?\s*[,(:;]?\s*(?:trong đó|bao gồm|gồm)(?!\w)", re.IGNORECASE)
QUALIFIER_WORDS = 3  # after a part's count, what sets it apart: "251 điểm cầu | cấp cơ sở" …
QUALIFIER_NAMED = 2  # … of which a question naming that part says two ("cấp cơ sở"; one may be a word's syllable)


def _total_first(spans: list[str], sentence: str, question: str) -> list[str]:
    """A total a sentence breaks down ("252 điểm cầu, trong đó: 01 … cấp tỉnh … và 251 … cấp cơ sở") answers a
    count, unless the question names what sets one of the parts apart ("… cấp cơ sở")."""
    asked = {t.lower() for t in vn.content_tokens(question)}  # (the question's reading, diacritics restored)
    totals, parts = [], []
    for span in spans:
        start = sentence.find(span)
        (totals if _BREAKDOWN.match(sentence, start + len(span)) else parts).append((span, start))

    def qualifiers(start: int, span: str) -> set[str]:  # the words after a part's count, and those naming it before
        before = re.split(r"[,;:]", sentence[:start])[-1]  # ("…; nguồn xã hội hóa và vốn doanh nghiệp 24 tỷ đồng")
        return {t.lower() for t in [*vn.content_tokens(sentence[start + len(span):])[:QUALIFIER_WORDS],
                                    *vn.content_tokens(before)[-QUALIFIER_WORDS:]]}

    if len(totals) != 1 or any(len(asked & qualifiers(start, span)) >= QUALIFIER_NAMED for span, start in parts):
        return spans
    return [totals[0][0]]


def _whole_words(span: str, sentence: str) -> str:
    """The span carried to the end of the word its last syllable begins ("12 lớp bồi" → "12 lớp bồi dưỡng", "Khu
    Kinh" → "Khu Kinh tế"), and over the units counted with it ("17 thôn" → "17 thôn, xóm"): a fact cut inside a
    word or a pair of units reads as a fragment."""
    at = sentence.find(span)
    if at < 0:
        return span
    end = at + len(span)
    # not into a verb a name was read together with ("huyện Yên Thủy | chậm báo cáo", tagged as one word; "Luật
    # Phá sản" is one word)
    word_end = next((offset + len(word) for offset, word, tag in vn.tagged_words(sentence)
                     if offset < end < offset + len(word) and not (
                         tag.startswith("V") and sum(w[:1].isupper() for w in word.split()) > 1)), end)
    if paired := PAIRED_UNITS.match(sentence, word_end):
        word_end = paired.end()
    return sentence[at:word_end]


_DASH = re.compile(r"^[-–•+*]\s+")
_CLAUSE_END = re.compile(r"[;:()]|[,.](?=\s|$)")  # "124,3" is a number, not two clauses
_FOLDED_STOPWORDS = frozenset(vn.fold(w).lower() for w in vn.STOPWORDS)
_PART_END = re.compile(r"[;:()]|\.(?=\s|$)")
