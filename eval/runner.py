"""Run a Q&A set through the real chat service and retriever and score every question.

Answers and latencies come from `ChatService.answer` (follow-ups get their conversation replayed first);
retrieval is scored on the contexts that answer used. Ablations re-run retrieval alone with one stage
switched off at a time, on the same standalone questions, so their differences are the stages' own.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from bcd import vietnamese as vn
from chat.citations import MARKERS
from chat.generators.base import Turn
from chat.grounding import numbers, source_text
from chat.service import ChatService
from eval.dataset import QAItem, uses_sources
from eval.metrics import (auc, gold_contained, key_fact_correct, mean, percentile, retrieval_metrics,
                          token_f1)
from retrieval.filters import TRUSTED
from retrieval.hybrid import Hit, HybridRetriever

INFORMAL_TYPES = ("no-diacritics", "abbrev")
ABLATIONS: list[tuple[str, dict[str, Any]]] = [
    ("lexical only", {"mode": "lexical", "rerank": False}),
    ("dense only", {"mode": "dense", "rerank": False}),
    ("hybrid", {"mode": "hybrid", "rerank": False}),
    ("hybrid + rerank", {"mode": "hybrid", "rerank": True}),
    ("hybrid + rerank, reciprocal-rank fusion", {"mode": "hybrid", "rerank": True, "fusion": "rrf"}),
    ("hybrid + rerank, no informal handling", {"mode": "hybrid", "rerank": True, "informal": False}),
]
DOC_LEVEL_DEPTH = 60  # chunks read to rank 10 distinct documents for source-judged sets


@dataclass
class EvalResult:
    dataset: str
    records: list[dict[str, Any]]
    summary: dict[str, Any]
    by_type: dict[str, dict[str, Any]]
    ablations: list[dict[str, Any]] = field(default_factory=list)
    baseline: dict[str, Any] | None = None
    answer_baseline: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


def ranked_relevance(item: QAItem, hits: list[Hit], doc_level: bool) -> list[bool]:
    """Relevance of each rank; for source-judged sets, ranks are distinct documents (first chunk wins)."""
    if not doc_level:
        return [item.is_relevant(h.text, h.source) for h in hits[:10]]
    seen: dict[str, bool] = {}
    for hit in hits:
        if hit.doc_id not in seen:
            seen[hit.doc_id] = item.is_relevant(hit.text, hit.source)
    return list(seen.values())[:10]


def total_relevant(item: QAItem, retriever: HybridRetriever, doc_level: bool) -> int:
    if doc_level:
        return len(item.relevant_sources)
    sources = {d: m.get("source", "") for d, m in retriever.documents().items()}
    return sum(item.is_relevant(t, sources[span[0]]) for t, span in zip(retriever.texts, retriever.spans))


def _conversation(service: ChatService, item: QAItem) -> list[Turn]:
    turns: list[Turn] = []
    for question in item.history:
        previous = service.answer(question, history=turns, viewer=TRUSTED)
        turns += [Turn("user", question), Turn("assistant", previous.answer)]
    return turns


def run_eval(service: ChatService, items: list[QAItem], dataset: str, ablations: bool = True,
             progress: bool | None = None) -> EvalResult:
    doc_level = uses_sources(items)
    retriever = service.retriever
    show = sys.stderr.isatty() if progress is None else progress
    records = []
    for item in tqdm(items, desc="eval", unit="q", disable=not show):
        records.append(_score_question(service, item, doc_level))
    result = EvalResult(dataset, records, summarise(records), by_type(records))
    if doc_level:
        result.notes.append("Source-judged set: ranks are distinct documents (a document's first chunk).")
    if ablations:
        result.ablations = run_ablations(retriever, items, records, doc_level, show)
    if not doc_level:
        result.answer_baseline = naive_answers(retriever, items)
    return result


def _score_question(service: ChatService, item: QAItem, doc_level: bool) -> dict[str, Any]:
    retriever = service.retriever
    record: dict[str, Any] = {"id": item.id, "type": item.type, "question": item.question,
                              "answerable": item.answerable}
    if doc_level:  # ALQAC-style: retrieval only, no answers to judge
        standalone = item.question
        hits = retriever.search(standalone, k=DOC_LEVEL_DEPTH, viewer=TRUSTED)
        record.update(standalone=standalone, latency_s=None)
    else:
        history = _conversation(service, item)
        stats_before = getattr(service.generator, "stats", None)
        answer = service.answer(item.question, history=history, viewer=TRUSTED)
        stats = getattr(service.generator, "stats", None)
        hits = answer.contexts
        cited = {c.chunk_id for c in answer.citations}
        relevant_cited = sum(item.is_relevant(h.text, h.source) for h in hits if h.chunk_id in cited)
        sources = " ".join(source_text(h) for h in hits if h.chunk_id in cited)
        record.update(standalone=answer.standalone_question, answer=answer.answer, refused=answer.refused,
                      support=round(answer.support, 4), latency_s=answer.latency_s,
                      citations=len(answer.citations), citations_relevant=relevant_cited,
                      key_fact=_correct(item, answer.answer, answer.refused) if item.answerable else None,
                      words=None if answer.refused else len(MARKERS.sub(" ", answer.answer).split()),
                      answered_by=answer.generator, generated_sentences=answer.generated_sentences,
                      removed_sentences=answer.removed_sentences,
                      uncited_numbers=[] if answer.refused else sorted(
                          numbers(MARKERS.sub("", answer.answer)) - numbers(sources)))
        if item.reading_comprehension and item.answerable:
            record["f1"] = 0.0 if answer.refused else token_f1(answer.answer, item.answers)
            record["lead_f1"] = 0.0 if answer.refused else token_f1(opening_fact(answer.answer), item.answers)
        if stats is not None and stats is not stats_before:  # the model ran for this question
            record.update(tokens=stats.tokens, generation_s=round(stats.seconds, 3),
                          first_token_s=round(stats.first_token_s, 3))
    if item.answerable:
        relevance = ranked_relevance(item, hits, doc_level)
        record["retrieval"] = retrieval_metrics(relevance, total_relevant(item, retriever, doc_level))
        record["top"] = [h.chunk_id for h in hits[:5]]
    return record


def opening_fact(answer: str) -> str:
    """What an answer opens with: the short fact before " — " (the extractive answer's "fact — quoted sentence
    [n]"), or the whole answer when it opens with none. Its F1 says how well the fact itself was picked; the
    whole answer's F1 is held down by the quoted sentence that follows it."""
    return answer.split(" — ", 1)[0] if " — " in answer else answer


def _correct(item: QAItem, answer: str, refused: bool) -> bool:
    if refused:
        return False
    if item.reading_comprehension:
        return gold_contained(answer, item.answers)
    return key_fact_correct(answer, item.facts)


def naive_answers(retriever: HybridRetriever, items: list[QAItem]) -> dict[str, Any]:
    """The reference an answer step must beat: BM25 alone finds three chunks, the answer is their sentence
    sharing the most syllables with the question, and it never refuses."""
    records = []
    for item in items:
        hits = retriever.search(item.question, k=3, mode="lexical", rerank=False, viewer=TRUSTED)
        wanted = {vn.fold(t) for t in vn.tokenize(item.question)}
        sentences = [h.text[a:b] for h in hits for a, b in vn.split_sentences(h.text)]
        answer = max(sentences, key=lambda s: len(wanted & {vn.fold(t) for t in vn.tokenize(s)}), default="")
        record: dict[str, Any] = {"answerable": item.answerable, "refused": not answer,
                                  "key_fact": _correct(item, answer, not answer) if item.answerable else None,
                                  "words": len(answer.split()), "support": 1.0 if answer else 0.0}
        if item.reading_comprehension and item.answerable:
            record["f1"] = record["lead_f1"] = token_f1(answer, item.answers) if answer else 0.0
        records.append(record)
    return {"system": "naive: BM25 top 3 + best-overlap sentence, never refuses", **answer_summary(records)}


def answer_summary(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Answer quality over questions answered through the chat service (or a baseline)."""
    answerable = [r for r in records if r["answerable"]]
    unanswerable = [r for r in records if not r["answerable"]]
    out: dict[str, Any] = {
        "overall_correct": mean([float(bool(r["key_fact"])) if r["answerable"] else float(r["refused"])
                                 for r in records]),
        "contain": mean([float(bool(r["key_fact"])) for r in answerable]) if answerable else None,
        "token_f1": mean([r["f1"] for r in answerable]) if any("f1" in r for r in answerable) else None,
        "lead_f1": mean([r["lead_f1"] for r in answerable]) if any("lead_f1" in r for r in answerable) else None,
        "false_refusal_rate": mean([float(r["refused"]) for r in answerable]) if answerable else None,
        "unanswerable_refused": mean([float(r["refused"]) for r in unanswerable]) if unanswerable else None,
        "support_auc": auc([r["support"] for r in answerable], [r["support"] for r in unanswerable]),
        "words_median": percentile([r["words"] for r in answerable if not r["refused"] and r.get("words")], 50),
    }
    return out


def run_ablations(retriever: HybridRetriever, items: list[QAItem], records: list[dict[str, Any]],
                  doc_level: bool, progress: bool) -> list[dict[str, Any]]:
    rows = []
    depth = DOC_LEVEL_DEPTH if doc_level else 10
    pairs = [(i, r) for i, r in zip(items, records) if i.answerable]
    for name, options in tqdm(ABLATIONS, desc="ablations", disable=not progress):
        scored = []
        for item, record in pairs:
            hits = retriever.search(record["standalone"], k=depth, viewer=TRUSTED, **options)
            relevance = ranked_relevance(item, hits, doc_level)
            scored.append((item.type, retrieval_metrics(relevance, total_relevant(item, retriever, doc_level))))
        row: dict[str, Any] = {"config": name, "n": len(scored)}
        for metric in ("hit@1", "hit@3", "hit@5", "hit@10", "mrr@10", "ndcg@10"):
            row[metric] = mean([m[metric] for _, m in scored])
        informal = [m["hit@5"] for t, m in scored if t in INFORMAL_TYPES]
        row["informal hit@5"] = mean(informal) if informal else None
        rows.append(row)
    return rows


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    answerable = [r for r in records if r["answerable"]]
    scored = [r for r in answerable if "retrieval" in r]
    summary: dict[str, Any] = {"questions": len(records), "answerable": len(answerable)}
    for metric in ("hit@1", "hit@3", "hit@5", "hit@10", "mrr@10", "ndcg@10"):
        summary[metric] = mean([r["retrieval"][metric] for r in scored])
    informal = [r["retrieval"]["hit@5"] for r in scored if r["type"] in INFORMAL_TYPES]
    summary["informal hit@5"] = mean(informal) if informal else None
    answered = [r for r in records if "refused" in r]
    if answered:
        summary["key_fact_accuracy"] = mean([float(bool(r["key_fact"])) for r in answered if r["answerable"]])
        citations = sum(r["citations"] for r in answered)
        summary["citation_precision"] = (sum(r["citations_relevant"] for r in answered) / citations
                                         if citations else None)
        summary["refusal_accuracy"] = mean([float(r["refused"] == (not r["answerable"])) for r in answered])
        summary["false_refusal_rate"] = mean([float(r["refused"]) for r in answered if r["answerable"]])
        summary.update({k: v for k, v in answer_summary(answered).items() if k != "false_refusal_rate"})
        latencies = [r["latency_s"] for r in answered]
        summary["latency_p50_s"] = percentile(latencies, 50)
        summary["latency_p95_s"] = percentile(latencies, 95)
        generated = sum(r.get("generated_sentences", 0) for r in answered)
        summary["unsupported_sentence_rate"] = (sum(r.get("removed_sentences", 0) for r in answered) / generated
                                                if generated else None)
        summary["answers_with_uncited_numbers"] = sum(bool(r.get("uncited_numbers")) for r in answered)
        not_refused = [r for r in answered if not r["refused"]]
        summary["extractive_fallback_rate"] = (
            mean([float(r["answered_by"] == "extractive") for r in not_refused])
            if not_refused and any(r["answered_by"] != "extractive" for r in answered) else None)
        decoding = sum(r["generation_s"] - r["first_token_s"] for r in answered if r.get("tokens", 0) > 1)
        decoded = sum(r["tokens"] - 1 for r in answered if r.get("tokens", 0) > 1)
        summary["tokens_per_s"] = decoded / decoding if decoding > 0 else None  # after the prompt is read
        first = [r["first_token_s"] for r in answered if r.get("tokens")]
        summary["first_token_p50_s"] = percentile(first, 50) if first else None
    return summary


def by_type(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    types = sorted({r["type"] for r in records})
    return {t: summarise([r for r in records if r["type"] == t]) for t in types}


def plain_bm25_baseline(items: list[QAItem], corpus: Path) -> dict[str, Any]:
    """Plain BM25 over lower-cased syllables of whole documents, the reference an external set reports."""
    import bm25s

    from bcd.vietnamese import tokenize

    files = sorted(p for p in corpus.rglob("*.txt"))
    index = bm25s.BM25()
    index.index([tokenize(p.read_text(encoding="utf-8")) or [""] for p in files], show_progress=False)
    scored = []
    for item in items:
        scores = index.get_scores(tokenize(item.question))
        order = scores.argsort()[::-1][:10]
        relevance = [files[i].stem in item.relevant_sources for i in order]
        scored.append(retrieval_metrics(relevance, len(item.relevant_sources)))
    return {"config": "plain BM25 (whole documents, syllables)", "n": len(scored),
            **{m: mean([s[m] for s in scored]) for m in ("hit@1", "hit@3", "hit@5", "hit@10", "mrr@10",
                                                           "ndcg@10")}}
