"""Questions about a document itself — when it was issued, by whom, on what — answered from the sentences
that cite it the official way.

Vietnamese administrative and Party texts cite a document in a fixed order: type, number, date, issuer,
subject ("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển ..."), or name the
issuer first ("UBND tỉnh ban hành Kế hoạch số 29/UBND-KH ngày 21/2/2025 ..."). Reading that grammar, not
the sentences' overlap with the question, finds the field asked even when the same sentence goes on to cite
other documents with their own dates. Every citation of the number in the documents the caller may read is
read; the value stated most often wins, and the answer quotes the sentence that states it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bcd import vietnamese as vn
from chat.citations import document_label
from chat.evidence import ScoredSentence
from chat.generators.base import Passage
from ingest.byline import read_byline
from ingest.official import unpack_spans
from retrieval.asked import roles_in
from retrieval.filters import PUBLIC, SearchFilters, Viewer
from retrieval.hybrid import Hit, HybridRetriever
from retrieval.question import Question, number_is_of_type

_DATE = re.compile(r"^[\s,]*ngày\s+(?P<date>" + vn.FULL_DATE_PATTERN + ")")
_ISSUER_AFTER = re.compile(r"^[\s,]*của\s+")
_SUBJECT = re.compile(r"^[\s,]*(?:về việc\s+|về\s+)?((?<=về\s)[^;.()]+|(?:thành lập|quy định|phê duyệt)\s+[^;.()]+)")
# where the sentence goes on after the subject: "... quốc gia được coi như ...", "... quốc gia là ..."
_PREDICATE = re.compile(r"\s+(?:được|là|đã|sẽ|đang|còn|một lần nữa|nhằm|với mục tiêu)\s")
_BANS = re.compile(r"\s+(?:đã\s+|vừa\s+)?ban hành\s+\D{0,40}$")
# words that end an issuer's name: "của Bộ Chính trị về ...", "của UBND tỉnh ngày ..."
_STOP = re.compile(r"(?:về|ngày|số|tại|thực hiện|nhằm|đã|vừa|thành lập|ban hành|trên|cho|với|để|trong|từ|đến)(?!\w)")
_NEXT_DOCUMENT = re.compile(rf"[,;]?\s+(?:và\s+)?(?:{'|'.join(vn.DOC_TYPES)})\s+(?:số\s+)?\d", re.IGNORECASE)
MAX_ISSUER_WORDS = 7
MAX_CITATIONS = 200
MAX_SUBJECT_WORDS = 30


def _issuer(words: list[str]) -> str | None:
    """A name made of `words` (in reading order, already cut at punctuation and stop words): it must start
    with a capital letter and be short, as an organisation's name is."""
    if not words or len(words) > MAX_ISSUER_WORDS or not words[0][:1].isupper():
        return None
    return " ".join(words)


@dataclass(frozen=True)
class Citation:
    """One sentence that cites the document, and what it says of it."""

    hit: Hit
    sentence: str
    fields: dict[str, str]  # date, issuer, subject: the ones this sentence states


def read_citation(sentence: str, start: int, end: int) -> dict[str, str]:
    """The fields a sentence states about the document number at [start, end)."""
    fields: dict[str, str] = {}
    rest = sentence[end:]
    if date := _DATE.match(rest):
        fields["date"] = date.group("date")
        rest = rest[date.end():]
    if of := _ISSUER_AFTER.match(rest):
        rest = rest[of.end():]
        words: list[str] = []
        for word in re.finditer(r"\S+", rest):
            if _STOP.match(rest, word.start()) or word.group()[0] in ",;.()":
                break
            words.append(word.group().rstrip(",;.()"))
            if word.group()[-1] in ",;.()":
                break
        if issuer := _issuer(words):
            fields["issuer"] = issuer
            rest = rest[len(" ".join(words)):]
    elif bans := _BANS.search(sentence[:start]):
        before = re.split(r"[,;.():]", sentence[:bans.start()])[-1].split()
        while before and not before[0][:1].isupper():
            before = before[1:]
        if issuer := _issuer(before[-MAX_ISSUER_WORDS:] if len(before) > MAX_ISSUER_WORDS else before):
            fields["issuer"] = issuer
    if subject := _SUBJECT.match(rest):
        text = _PREDICATE.split(_NEXT_DOCUMENT.split(subject.group(1), maxsplit=1)[0], maxsplit=1)[0].strip(" ,")
        words = text.split()
        fields["subject"] = " ".join(words[:MAX_SUBJECT_WORDS]) + (" …" if len(words) > MAX_SUBJECT_WORDS else "")
    return fields


def citations_of(key: str, retriever: HybridRetriever, filters: SearchFilters | None = None,
                 viewer: Viewer = PUBLIC) -> list[Citation]:
    """Every sentence of the readable documents that cites the document `key` (vn.doc_number_key)."""
    allowed = retriever.allowed_documents(filters, viewer)
    citing = {doc_id for doc_id, meta in retriever.documents().items()
              if (allowed is None or doc_id in allowed)
              and key in {vn.doc_number_key(n) for n in meta.get("doc_numbers", [])}}
    digits = re.match(r"\d+", key)
    found: list[Citation] = []
    for position, (doc_id, *_) in enumerate(retriever.spans):
        text = retriever.texts[position]
        if doc_id not in citing or (digits and digits.group() not in text):
            continue
        if len(found) >= MAX_CITATIONS:  # a document every text cites: enough sentences to vote on
            break
        hit: Hit | None = None
        for s_start, s_end in vn.split_sentences(text):
            sentence = vn.normalize(text[s_start:s_end])
            for number, start, end in vn.doc_number_spans(sentence):
                if vn.doc_number_key(number) == key:
                    hit = hit or Hit(retriever.ids[position], doc_id, text, 1.0, retriever.metadata(position))
                    found.append(Citation(hit, sentence, read_citation(sentence, start, end)))
    return found


def document_answer(question: Question, retriever: HybridRetriever, filters: SearchFilters | None = None,
                    viewer: Viewer = PUBLIC, hits: list[Hit] | None = None) -> tuple[str, list[Passage]] | None:
    """"value — quoted sentence [1]" and its passage, when the question asks a field of the one document it
    names: from that document's own header when the corpus holds it (`hits`, the question's search results,
    find it when the question names its kind and subject but no number), else from the sentences that cite
    it; None otherwise (the ordinary evidence path answers or refuses)."""
    if question.document_field is None:
        return None
    if question.document_field == "author":
        return byline_answer(question, retriever, hits or [])
    fields = (question.document_field, *question.also_asked)  # "do ai ký, ký ngày nào?": each one answered
    document = _named_document(question, retriever, filters, viewer, hits or [])
    if question.document_field == "effect":
        return effect_answer(document, retriever) if document is not None and _same_place(question, document) \
            else None
    if document is not None:
        # ("Chương trình hành động 25 của Tỉnh ủy Lào Cai" is not Hòa Bình's: nothing is said of that one)
        return header_answer(fields, document, retriever) if _same_place(question, document) else None
    if (number := _asked_number(question)) is None:
        return None
    # (a province's document is cited by its own texts: "CTr 54 của Tỉnh ủy Bạc Liêu" is not Nam Định's, cited there)
    citations = [c for c in citations_of(number, retriever, filters, viewer) if _same_place(question, c.hit.metadata)]
    values: dict[int, list[str]] = {}  # by the citation stating them: one sentence may state several fields
    for field in fields:
        if not (stating := [c for c in citations if field in c.fields]):
            continue
        votes = Counter(vn.fold(c.fields[field]).lower() for c in stating)
        best = next(c for c in stating if vn.fold(c.fields[field]).lower() == votes.most_common(1)[0][0])
        values.setdefault(citations.index(best), []).append(
            f"ngày {best.fields[field]}" if field == "date" else best.fields[field])
    passages = [Passage(n, citations[i].hit) for n, i in enumerate(values, 1)]
    lines = [f"{'; '.join(stated)} — {citations[i].sentence} [{n}]" for n, (i, stated) in enumerate(values.items(), 1)]
    return ("\n".join(lines), passages) if passages else None


# the document's own words of when it takes effect ("Quyết định này có hiệu lực kể từ ngày ký"), not what else it
# says is in force ("kết quả giải quyết thủ tục hành chính còn hiệu lực")
_TAKES_EFFECT = re.compile(rf"(?<!\w)(?:này|văn bản|{'|'.join(sorted(vn.DOC_TYPES, key=len, reverse=True))})"
                           r"(?!\w)[^.;\n]{0,80}?(?<!\w)có\s+hiệu\s+lực(?!\w)", re.IGNORECASE)


def effect_answer(meta: dict[str, Any], retriever: HybridRetriever) -> tuple[str, list[Passage]] | None:
    """When the document takes effect, quoting its own sentence that says so ("Nghị quyết này … có hiệu lực kể
    từ ngày ký"): a date of issue is no answer, since a document may take effect later or on conditions."""
    for position, (doc_id, _, start, _) in enumerate(retriever.spans):
        if doc_id != meta["doc_id"] or not (found := _TAKES_EFFECT.search(text := retriever.texts[position])):
            continue
        a, b = next((a, b) for a, b in vn.split_sentences(text) if a <= found.start() < b)
        return f"{' '.join(text[a:b].split())} [1]", [_span_passage(1, position, (start + a, start + b), text[a:b],
                                                                    retriever)]
    return None


def holder_answer(question: Question, retriever: HybridRetriever, filters: SearchFilters | None = None,
                  viewer: Viewer = PUBLIC) -> tuple[str, list[Passage]] | None:
    """Who holds a post the question asks for ("Bí thư Tỉnh ủy Hòa Bình là ai?") when no sentence names them but a
    document of that province's body is signed in that post: "Lường Văn Thịnh — Nghị quyết 12-NQ/TU do Lường Văn
    Thịnh ký [1]. Chức vụ của người ký: Bí thư, T/M Tỉnh ủy [2]." The post must be the one asked, of the body the
    question names (the issuer's name without its province), in the one province it names."""
    if question.kind != "person" or len(question.provinces) != 1 or not (asked := roles_in(question.text)):
        return None
    asked_text = vn.fold(vn.expand_abbreviations(vn.normalize(question.text))).lower()
    allowed = retriever.allowed_documents(filters, viewer)
    for doc_id, meta in sorted(retriever.documents().items()):
        if not meta.get("signer") or not meta.get("signer_position") or not meta.get("header_spans") or (
                allowed is not None and doc_id not in allowed) or vn.fold(str(meta.get("province") or "")).lower() \
                != question.provinces[0]:
            continue
        body = vn.fold(re.sub(rf"\s*{re.escape(str(meta['province']))}\s*$", "", str(meta.get("issuer") or ""))).lower()
        held = roles_in(f"{meta['signer_position']} {body}")
        if not body or body not in asked_text or not any(
                head == own and complement == own_complement[:len(complement)]
                for head, complement in asked for own, own_complement in held):
            continue
        if (signed := header_answer(("signer",), meta, retriever)) is not None:
            return f"{meta['signer']} — {signed[0]}", signed[1]
    return None


# folded: "ký" (a question typed without diacritics restores it "kỳ"), and a document asked for ("văn bản nào",
# "kế hoạch gì")
_SIGNED = re.compile(r"(?<!\w)ky(?!\w)")
_WHICH_DOCUMENT = re.compile(r"(?<!\w)(?:van ban|ke hoach|quyet dinh|nghi quyet|thong bao|chuong trinh(?: hanh dong)?|"
                             r"cong van|bao cao|kh|qd|nq|tb|ctr)\s+(?:gi|nao)(?!\w)")


def signed_answer(question: Question, retriever: HybridRetriever, filters: SearchFilters | None = None,
                  viewer: Viewer = PUBLIC) -> tuple[str, list[Passage]] | None:
    """The documents a signer the question names signed ("Bà Đinh Thị Mai Hương đã ký kế hoạch nào?"), of the type
    it asks for, each quoting its signature line: "99/KH-UBND — Kế hoạch 99/KH-UBND do Đinh Thị Mai Hương ký [1]."
    The headers say who signed what; a sentence rarely does."""
    folded = vn.fold(vn.normalize(question.dense_text)).lower()
    typed = vn.normalize(question.text).lower()
    if not _SIGNED.search(folded) or not (question.kind == "doc_number" or _WHICH_DOCUMENT.search(folded)) or (
            vn.has_diacritics(typed) and not re.search(r"(?<!\w)ký(?!\w)", typed)):
        return None  # (typed with diacritics, "kỳ họp" and "kỹ năng" are no signing)
    allowed = retriever.allowed_documents(filters, viewer)
    lines, passages = [], []
    for doc_id, meta in sorted(retriever.documents().items()):
        number, signer = str(meta.get("doc_number") or ""), str(meta.get("signer") or "")
        named = re.search(rf"(?<!\w){re.escape(vn.fold(signer).lower())}(?!\w)", folded) if signer else None
        if not number or not named or (
                allowed is not None and doc_id not in allowed) or question.document_type and not number_is_of_type(
                    vn.doc_number_key(number), question.document_type):
            continue
        spans = unpack_spans(str(meta.get("header_spans") or ""))
        if "signer" not in spans or (
                passage := _line_passage(len(passages) + 1, meta, spans["signer"], retriever)) is None:
            continue
        passages.append(passage)
        lines.append(f"{number} — {_name(meta)} do {signer} ký [{passage.n}].")
    return ("\n".join(lines), passages) if passages else None


# "… thành lập ngày nào?", "… được thành lập theo quyết định nào?" (folded): when a body came to be is the date of
# the document founding it; its own subject says so ("Về việc thành lập Ban Chỉ đạo …")
_FOUNDED = re.compile(r"(?<!\w)(?:thanh lap|ra doi)(?!\w)")
_FOUNDING = re.compile(r"^(?:về việc\s+)?thành lập\s+(?P<body>.+)$", re.IGNORECASE)
_FOUNDING_FIELDS = {"date": ("date",), "doc_number": ("number", "date")}
# what asks when or by which document, besides the body named (folded)
_WHEN_WORDS = frozenset({"ngay", "thang", "nam", "luc", "thoi", "gian", "diem", "duoc", "theo", "so", "hieu", "ky"})
_DOCUMENT_WORDS = frozenset(w for t in (*vn.DOC_TYPES, *vn.DOC_TYPES.values()) for w in vn.tokenize(vn.fold(t)))


def founding_answer(question: Question, retriever: HybridRetriever, filters: SearchFilters | None = None,
                    viewer: Viewer = PUBLIC) -> tuple[str, list[Passage]] | None:
    """When a body was founded, or by which document ("Ban Chỉ đạo chính quyền số Hòa Bình thành lập ngày nào?"):
    the header of the one document whose subject founds a body named by every word the question says of it
    (its province counts as said), quoting its date line (and number); None otherwise. A basis line the founding
    decision cites ("Căn cứ Luật … ngày 19 tháng 02 năm 2025") dates another document."""
    fields = _FOUNDING_FIELDS.get(question.kind or "")
    folded = vn.fold(vn.normalize(question.dense_text)).lower()
    if fields is None or question.document_field is not None or not (founded := _FOUNDED.search(folded)):
        return None
    said = set(vn.content_tokens(folded.replace(founded.group(), " "))) - _WHEN_WORDS - _DOCUMENT_WORDS
    allowed = retriever.allowed_documents(filters, viewer)
    founding = []
    for doc_id, meta in sorted(retriever.documents().items()):
        body = _FOUNDING.match(str(meta.get("subject") or "").strip())
        if body is None or not meta.get("header_spans") or allowed is not None and doc_id not in allowed:
            continue
        named = set(vn.tokenize(vn.fold(f"{body.group('body')} {meta.get('province') or ''}")))
        # (a province the question names is one the document is of: the "nam", "định" of "Nam Định" read as "năm"
        # and the "định" of "quyết định" say nothing of it)
        if said and said <= named and _same_place(question, meta):
            founding.append(meta)
    return header_answer(fields, founding[0], retriever) if len(founding) == 1 else None



def byline_answer(question: Question, retriever: HybridRetriever, hits: list[Hit]) -> tuple[str, list[Passage]] | None:
    """Who wrote the news article the question describes: the byline closing the best-ranked document that has
    one (of the province the question names), quoted from its last chunk."""
    seen: set[str] = set()
    for hit in hits:
        if hit.doc_id in seen or not _same_place(question, hit.metadata):
            continue
        seen.add(hit.doc_id)
        last = max((i for i, (doc_id, *_) in enumerate(retriever.spans) if doc_id == hit.doc_id),
                   key=lambda i: retriever.spans[i][1], default=None)
        if last is None or (line := read_byline(text := retriever.texts[last])) is None:
            continue
        start = int(retriever.metadata(last).get("start", 0))
        byline = text[line[0]:line[1]]
        passage = Passage(1, Hit(retriever.ids[last], hit.doc_id, byline, 1.0,
                                 {**retriever.metadata(last), "start": start + line[0], "end": start + line[1]}))
        credited = _credited(byline, bool(_PHOTOS.search(question.text)))
        return (f"{credited} — {byline} [1]" if credited != byline else f"{byline} [1]"), [passage]
    return None


# a credit of a byline: "Tin: Nguyễn Hương", "Ảnh: Ngọc Ánh", "Bài, ảnh: Minh Phúc"
_CREDIT = re.compile(r"(?P<label>(?:tin|bài|ảnh)(?:\s*(?:,|và|-|/)\s*(?:ảnh|bài))?)\s*:\s*(?P<who>[^,;]+)",
                     re.IGNORECASE)
# who took the photographs asked too ("ai viết, ai chụp ảnh?"; not "ảnh hưởng")
_PHOTOS = re.compile(r"(?<!\w)(?:chụp|chup|ảnh(?!\s+hưởng))(?!\w)", re.IGNORECASE)


def _credited(byline: str, photos: bool = False) -> str:
    """Whom a byline credits, without its labels: the writer ("Tin: Nguyễn Hương, Ảnh: Ngọc Ánh" → "Nguyễn
    Hương"), and the photographer too when the question asks who took the photographs ("Nguyễn Hương; Ngọc
    Ánh")."""
    credits = [(m.group("label").lower(), m.group("who").strip()) for m in _CREDIT.finditer(byline)]
    writers = [who for label, who in credits if "tin" in label or "bài" in label]
    shooters = [who for label, who in credits if "ảnh" in label] if photos else []
    named = list(dict.fromkeys([*writers, *shooters]))
    return "; ".join(named) if named else byline


# --- An official document's own header ------------------------------------------------------------------

def named_elsewhere(question: Question, sentences: list[ScoredSentence], retriever: HybridRetriever) -> str | None:
    """The id of the one document of the corpus the question asks something of, named by its number ("Kinh phí của
    CTr 25 là bao nhiêu?"), when the sentences are all of other documents (the plan carrying the programme out
    states its own budget, not the programme's); None otherwise. A question about another kind of document than
    the one it cites ("Kế hoạch triển khai CTr 25 …"), or asking which document ("Văn bản nào triển khai CTr
    25?"), asks of another one."""
    if len(question.doc_numbers) != 1 or not sentences or not _about_cited_number(question) or \
            question.kind == "doc_number":
        return None
    named = [doc_id for doc_id, meta in retriever.documents().items()
             if vn.doc_number_key(str(meta.get("doc_number") or "")) == question.doc_numbers[0]]
    return named[0] if len(named) == 1 and not any(s.passage.hit.doc_id in named for s in sentences) else None


def _about_cited_number(question: Question) -> bool:
    """"Kế hoạch triển khai Nghị quyết 57 ban hành ngày nào?" asks about the plan, not the resolution it
    cites: the kind named first must be the cited number's (or no kind is named)."""
    return question.document_type is None or number_is_of_type(question.doc_numbers[0], question.document_type)


def _asked_number(question: Question) -> str | None:
    """The number of the document a question asks of: the one it cites; of several, the one of the kind it names
    first ("Chương trình hành động số 25-CTr/TU thực hiện Nghị quyết 57 … ban hành ngày nào?" asks of the programme,
    which carries the resolution out); None when none is of that kind."""
    if len(question.doc_numbers) == 1:
        return question.doc_numbers[0] if _about_cited_number(question) else None
    if question.document_type is None:
        return None
    return next((n for n in question.doc_numbers if number_is_of_type(n, question.document_type)), None)


def _named_document(question: Question, retriever: HybridRetriever, filters: SearchFilters | None,
                    viewer: Viewer, hits: list[Hit]) -> dict[str, Any] | None:
    """The metadata of the official document the question is about: the one whose own number it cites, else
    the best-ranked search result of the kind it names."""
    allowed = retriever.allowed_documents(filters, viewer)
    documents = {doc_id: meta for doc_id, meta in retriever.documents().items()
                 if meta.get("header_spans") and (allowed is None or doc_id in allowed)}
    if (key := _asked_number(question)) is not None:
        return next((m for m in documents.values() if vn.doc_number_key(str(m.get("doc_number"))) == key), None)
    if question.document_type is None or len(question.doc_numbers) == 1 and _about_cited_number(question):
        return None
    wanted = vn.fold(vn.DOC_TYPES[question.document_type]).lower()
    for hit in hits:
        meta = documents.get(hit.doc_id)
        if meta and vn.fold(vn.DOC_TYPES.get(str(meta.get("doc_type")).lower(), "")).lower() == wanted \
                and _same_place(question, meta) and question.ordinals <= vn.ordinals(
                    f"{meta.get('title') or ''} {meta.get('subject') or ''}") and _same_years(question, meta) \
                and _same_issuer(question, meta):
            return meta  # ("Thông báo kết luận phiên họp thứ ba …" is not the second meeting's notice)
    return None


# the bodies that issue a province's documents, by family (folded): its council, its people's committee, its party
_ISSUERS = {"council": "hoi dong nhan dan", "government": "uy ban nhan dan",
            "party": "tinh uy|thanh uy|ban thuong vu|ban chap hanh|dang bo"}
# a body said to issue the document asked: "HĐND tỉnh … đã thông qua Nghị quyết …", "Nghị quyết của HĐND tỉnh"
_ISSUER_NAMED = {family: re.compile(rf"(?<!\w)(?:{names})(?!\w)") for family, names in _ISSUERS.items()}
_ISSUING = {family: re.compile(rf"(?<!\w)(?:cua\s+(?:{names})|(?:{names})(?:\s+[^\W\d]+){{0,4}}?\s+(?:da\s+)?"
                               rf"(?:ban hanh|thong qua|ra))(?!\w)") for family, names in _ISSUERS.items()}


def _same_issuer(question: Question, meta: dict[str, Any]) -> bool:
    """A question saying which body issued the document asks about that body's ("HĐND tỉnh … đã thông qua Nghị
    quyết … ngày nào?" is not the resolution of the province's party committee); one naming none, or several,
    says nothing of it."""
    folded = vn.fold(question.dense_text).lower()
    said = [family for family, issuing in _ISSUING.items() if issuing.search(folded)]
    issuer = vn.fold(str(meta.get("issuer") or "")).lower()
    own = [family for family, named in _ISSUER_NAMED.items() if named.search(issuer)]
    return len(said) != 1 or not own or said[0] in own


def _same_years(question: Question, meta: dict[str, Any]) -> bool:
    """A year that tells a document of its kind apart is in its title, its subject or its date ("Thông báo kết luận
    phiên họp thứ hai năm 2026" is not the notice of the meeting of 2025)."""
    own = f"{meta.get('title') or ''} {meta.get('subject') or ''} {meta.get('issued_date') or ''} " \
          f"{meta.get('event_date') or ''}"
    return set(vn.YEAR.findall(question.text)) <= set(re.findall(r"(?:19|20)\d\d", own))


def _same_place(question: Question, meta: dict[str, Any]) -> bool:
    """A question naming a province asks about that province's document, not the best-ranked one of its kind
    ("… tỉnh Sơn La" is not answered from Hòa Bình's decision)."""
    where = vn.fold(f"{meta.get('province') or ''} {meta.get('issuer') or ''}").lower()
    return all(province in where for province in question.provinces)


def spans_in_chunks(retriever: HybridRetriever,
                    wanted: list[tuple[str, tuple[int, int]]]) -> list[tuple[int, str] | None]:
    """For each (document, span), the position of a chunk holding the whole span and the span's text — what
    a citation of a header line or a task row quotes — or None; one pass over the chunks for all of them (a
    task list cites dozens of rows)."""
    found: list[tuple[int, str] | None] = [None] * len(wanted)
    by_document: dict[str, list[int]] = {}
    for i, (doc_id, _) in enumerate(wanted):
        by_document.setdefault(doc_id, []).append(i)
    for position, (doc_id, _, start, end) in enumerate(retriever.spans):
        for i in by_document.get(doc_id, ()):
            a, b = wanted[i][1]
            if found[i] is None and start <= a and b <= end:
                found[i] = position, retriever.texts[position][a - start: b - start]
    return found


def _line_passage(n: int, meta: dict[str, Any], span: tuple[int, int], retriever: HybridRetriever) -> Passage | None:
    """A passage quoting exactly one header line: the chunk that holds it, cut to the line."""
    found = spans_in_chunks(retriever, [(str(meta["doc_id"]), span)])[0]
    if found is None:
        return None
    position, text = found
    return _span_passage(n, position, span, text, retriever)


def _span_passage(n: int, position: int, span: tuple[int, int], text: str, retriever: HybridRetriever) -> Passage:
    """A passage quoting `text`, the span [start, end) of its document that the chunk at `position` holds."""
    return Passage(n, Hit(retriever.ids[position], retriever.spans[position][0], text, 1.0,
                          {**retriever.metadata(position), "start": span[0], "end": span[1]}))


def _name(meta: dict[str, Any]) -> str:
    """What an answer calls a document: as citations do, and "Văn bản" when it has neither name nor title."""
    return document_label(meta) or "Văn bản"


def _date_as_written(meta: dict[str, Any], span: tuple[int, int] | None, retriever: HybridRetriever) -> str:
    """The issue date as the header line writes it ("14 tháng 3 năm 2025" of "Hòa Bình, ngày 14 tháng 3 năm
    2025"), so the answer's words are the quoted line's; dd/mm/yyyy where the line cannot be read."""
    issued = date.fromisoformat(str(meta["issued_date"]))
    found = spans_in_chunks(retriever, [(str(meta["doc_id"]), span)])[0] if span else None
    line = found[1] if found else ""
    for pattern in (vn.LONG_DATE_PATTERN, vn.FULL_DATE_PATTERN):
        for m in re.finditer(pattern, line, re.IGNORECASE):
            if (int(m["d"]), int(m["m"])) == (issued.day, issued.month) and int(m["y"]) % 100 == issued.year % 100:
                return m.group(0)
    return f"{issued.day:02d}/{issued.month:02d}/{issued.year}"


# a title line naming the body whose document it is: "Của ban chấp hành đảng bộ tỉnh về phát triển …"
_OWN_BODY = re.compile(r"của\s+(?P<body>.{3,60}?)\s+về(?!\w)", re.IGNORECASE)
_ON_BEHALF = re.compile(r"T/?M\.?\s+(?P<body>.+?)(?:\s+(?:KT|TL|TUQ)\.?\s.*)?$")


def _acting_body(meta: dict[str, Any]) -> str:
    """The body a document is signed on behalf of ("T/M Ban Thường vụ") when it is a part of the issuer the header
    names, not the issuer itself ("TM. Ủy ban nhân dân" of "Ủy ban nhân dân tỉnh Hòa Bình"); "" otherwise."""
    found = _ON_BEHALF.match(str(meta.get("signer_authority") or ""))
    if not found:
        return ""
    body = found.group("body").strip()
    return "" if vn.fold(body).lower() in vn.fold(str(meta.get("issuer") or "")).lower() else body


def header_answer(fields: Sequence[str], meta: dict[str, Any],
                  retriever: HybridRetriever) -> tuple[str, list[Passage]] | None:
    """The asked fields from the document's header, each quoting the line it stands on."""
    spans = unpack_spans(str(meta.get("header_spans") or ""))
    name = _name(meta)
    parts: list[tuple[str, str | tuple[str, ...]]] = []  # (answer sentence, header field(s) it quotes)
    listed: dict[str, list[str]] = {}  # a field of several items: each on a line of its own, quoting its own line
    for field in fields:
        if field == "signer" and meta.get("signer"):
            # the signer with the post signed in, as one says it ("do Xa Văn Lộc, Phó Trưởng ban thường trực (KT.
            # Trưởng ban), ký"), quoting the name's line and the post's
            post, authority = meta.get("signer_position"), meta.get("signer_authority")
            role = f"{post} ({authority})" if post and authority else str(post or authority or "")
            if role and "position" in spans:
                parts.append((f"{name} do {meta['signer']}, {role}, ký", ("signer", "position")))
            else:
                parts.append((f"{name} do {meta['signer']} ký", "signer"))
        elif field == "issuer" and meta.get("issuer"):
            parts.append((f"{name} do {meta['issuer']} ban hành", "issuer"))
            if body := _acting_body(meta):  # "T/M Ban Thường vụ" under "TỈNH ỦY HÒA BÌNH": that body of it issues
                parts.append((f"Ký thay mặt {body} {meta['issuer']}", "position"))
            if own := _OWN_BODY.match(str(meta.get("subject") or "")):  # "NGHỊ QUYẾT CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH"
                body = own.group("body")
                parts.append((f"{name} là văn bản của {body[:1].upper()}{body[1:]}", "subject"))
        elif field == "date" and meta.get("issued_date"):
            parts.append((f"{name} được ban hành ngày {_date_as_written(meta, spans.get('date'), retriever)}", "date"))
        elif field == "subject" and meta.get("subject"):
            subject = str(meta["subject"])  # a decision's own "Về việc thành lập …" says "về" already
            said = f"{name}: {subject}" if re.match(r"về\s", subject, re.IGNORECASE) else f"{name} về: {subject}"
            parts.append((said, "subject"))
        elif field in ("recipients", "bases") and meta.get(field):
            # (a list from the store, the packed string from a chunk's row)
            items = meta[field] if isinstance(meta[field], list) else str(meta[field]).split("|")
            listed[field] = [str(item) for item in items]
            parts.append((f"{name} {'được gửi tới' if field == 'recipients' else 'được ban hành trên cơ sở'}:", field))
        elif field == "number" and meta.get("doc_number"):
            parts.append((f"Số hiệu của văn bản là {meta['doc_number']}", "number"))
    passages, sentences = [], []
    for text, keys in parts:
        quoted = []
        for key in (keys,) if isinstance(keys, str) else keys:
            if key in spans and (passage := _line_passage(len(passages) + 1, meta, spans[key], retriever)):
                passages.append(passage)
                quoted.append(passage)
        if len(quoted) < (1 if isinstance(keys, str) else len(keys)):
            del passages[len(passages) - len(quoted):]  # (a sentence quotes every line it says, or is not said)
            continue
        marks = " ".join(f"[{p.n}]" for p in quoted)
        sentences.append("".join([text, *(f"\n- {item} {marks}" for item in listed[keys])]) if keys in listed
                         else f"{text} {marks}.")
    return ("\n".join(sentences) if listed else " ".join(sentences), passages) if passages else None
