"""Fit the answerability model that ranks evidence sentences and decides refusals.

    python -m eval.answerability [--viquad ../shared/bench/viquad-dev] [--own eval/data/train_answerability.jsonl …]
                                 [--budget 0.08] [--out bcd/data/answerability.json]

Training data, none of it what we report on:
- the "fit" half of a reading-comprehension set in the viquad-dev format (split by article: `bcd eval
  --split report` scores the other half), indexed in data/bench/viquad;
- questions written about the shipped corpus for training (`eval/data/train_answerability.jsonl`) and the
  learning halves of the questions two sessions that saw only the documents wrote about it
  (`eval/data/fresh_dev.jsonl`, `eval/data/outsider_dev.jsonl`), indexed in data/bench/own. The evaluation set
  `eval/data/qa.jsonl`, the gates and the held-out halves (`fresh_hold`, `outsider_hold`) are never read here.
  `eval/data/third_dev.jsonl` (a third such session's questions) is a learning set for the rules, not for the
  model: fitted with it (`--own … eval/data/third_dev.jsonl`), the threshold for the same false-refusal budget
  falls to 0.47 and off-topic questions ("Thủ đô của nước Pháp là gì?") pass it.

Each question goes through the real retrieval and the evidence pre-ranking; every candidate sentence with
features becomes one row, labelled 1 when the question is answerable and the sentence holds its answer (a
gold string, or an evidence span / all key facts). A logistic regression on standardised features is
fitted; the refusal threshold is the largest one that refuses at most `--budget` of the answerable training
questions. The JSON records the features, the weights, the threshold and what it was fitted on.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from bcd.settings import Settings
from chat.evidence import FEATURES, AnswerabilityModel, answer_passages, candidates, rank_sentences, select, support
from chat.generators.base import Passage
from eval.dataset import QAItem, load_qa, split
from eval.metrics import auc, gold_contained, key_fact_correct
from retrieval.filters import TRUSTED
from retrieval.hybrid import HybridRetriever

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "bcd" / "data" / "answerability.json"
SHIPPED_CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def holds_answer(item: QAItem, sentence: str) -> bool:
    if not item.answerable:
        return False
    if item.reading_comprehension:
        return gold_contained(sentence, item.answers)
    squeezed = " ".join(sentence.split())
    return any(" ".join(e.split()) in squeezed or squeezed in " ".join(e.split()) for e in item.evidence) or \
        key_fact_correct(sentence, item.facts)


def indexed_retriever(corpus: Path, data_dir: Path) -> HybridRetriever:
    """A retriever over `corpus`, ingested into its own store under `data_dir` (unchanged files are skipped)."""
    from ingest.pipeline import Ingestor

    settings = Settings(data_dir=data_dir)
    print(Ingestor(settings).ingest([corpus], progress=sys.stderr.isatty()).summary(), file=sys.stderr)
    return HybridRetriever(settings)


# The direction each feature may push the probability: more of the question's words, names, word pairs, the
# fact asked for, a better retrieval rank can only raise it; a rare question word missing, the fact missing or
# negation disagreeing can only lower it (0: either way). Fitting within these signs keeps the model from
# learning quirks of its training questions that would not hold on others.
SIGNS = {"coverage": 1, "passage_coverage": 1, "entity_coverage": 1, "passage_entity_coverage": 1,
         "rare_coverage": 1, "rarest_missing": -1, "pair_overlap": 1, "has_fact": 1, "kind_asked": 0,
         "fact_missing": -1, "fact_coverage": 1, "rank": 1, "dense": 1, "bm25": 1, "negation_mismatch": -1,
         "length": 0, "doc_numbers_ok": 1, "places_ok": 1, "context_coverage": 1}
L2 = 1.0
DOMAIN_WEIGHT = 3.0  # a row from questions about steering-committee text counts this many times a Wikipedia row


def question_rows(retriever: HybridRetriever, items: list[QAItem]) -> list[tuple[QAItem, list, list[Passage]]]:
    """(item, candidates with features, passages) per single-turn question."""
    settings = retriever.settings
    out = []
    for item in items:
        if item.history:
            continue  # a follow-up's meaning depends on its conversation
        question = retriever.analyse(item.question)
        hits = retriever.search(question, k=settings.top_k, viewer=TRUSTED)
        passages = answer_passages(question, hits, settings.answer_passages)
        out.append((item, question, passages))
    return out


def fit_logistic(x: np.ndarray, y: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, float]:
    """Weighted, class-balanced, L2-regularised logistic regression whose coefficients keep the signs in
    SIGNS (bounded L-BFGS). `x` is standardised."""
    from scipy.optimize import minimize

    positive = y == 1
    balance = np.where(positive, len(y) / (2 * max(positive.sum(), 1)), len(y) / (2 * max((~positive).sum(), 1)))
    w = weights * balance
    w = w / w.sum()

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ theta[:-1] + theta[-1]
        p = 1.0 / (1.0 + np.exp(-z))
        value = float(np.sum(w * (np.logaddexp(0, z) - y * z))) + 0.5 * L2 / len(y) * float(theta[:-1] @ theta[:-1])
        gradient = np.append(x.T @ (w * (p - y)) + L2 / len(y) * theta[:-1], np.sum(w * (p - y)))
        return value, gradient

    bounds = [(0, None) if SIGNS[f] > 0 else (None, 0) if SIGNS[f] < 0 else (None, None) for f in FEATURES]
    result = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", bounds=bounds + [(None, None)])
    return result.x[:-1], float(result.x[-1])


def fit(rows: list[tuple[QAItem, object, list[Passage]]], budget: float) -> tuple[dict, dict]:
    features, labels, groups_of_rows, weights = [], [], [], []
    for number, (item, question, passages) in enumerate(rows):
        for candidate in candidates(question, passages):  # type: ignore[arg-type]
            if candidate.features:
                features.append(candidate.features)
                labels.append(int(holds_answer(item, candidate.text)))
                groups_of_rows.append(number)
                weights.append(1.0 if item.reading_comprehension else DOMAIN_WEIGHT)
    x, y, w = np.array(features), np.array(labels), np.array(weights)
    groups = np.array(groups_of_rows)
    stats_cv = cross_validated_auc(rows, x, y, groups, w)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    coef, intercept = fit_logistic((x - mean) / scale, y, w)
    model = AnswerabilityModel(mean, scale, coef, intercept, 0.5, {})
    supports = {True: [], False: []}
    for item, question, passages in rows:
        ranked = rank_sentences(question, passages, model)  # type: ignore[arg-type]
        supports[item.answerable].append(support(question, select(question, ranked, 3)))  # type: ignore[arg-type]
    answerable = np.array(sorted(supports[True]))
    threshold = float(np.quantile(answerable, budget)) if answerable.size else 0.5
    stats = {**stats_cv, "rows": int(len(y)), "positive_rows": int(y.sum()), "questions": len(rows),
             "answerable": len(supports[True]), "unanswerable": len(supports[False]),
             "support_auc_in_sample": auc(supports[True], supports[False]),
             "false_refusal_in_sample": float(np.mean(answerable < threshold)) if answerable.size else None,
             "unanswerable_refused_in_sample": (float(np.mean(np.array(supports[False]) < threshold))
                                                if supports[False] else None)}
    data = {"features": list(FEATURES), "mean": mean.tolist(), "scale": scale.tolist(),
            "coef": coef.tolist(), "intercept": intercept,
            "threshold": threshold}
    return data, stats


def cross_validated_auc(rows: list, x: np.ndarray, y: np.ndarray, groups: np.ndarray, weights: np.ndarray,
                        folds: int = 5) -> dict[str, float | None]:
    """Question-level AUC of the best sentence's probability, each question scored by a model fitted
    without it (folds by question): how well the features generalise, for choosing them without touching
    the reported half."""
    best = np.zeros(len(rows))
    for fold in range(folds):
        test = groups % folds == fold
        mean, scale = x[~test].mean(axis=0), x[~test].std(axis=0)
        scale[scale == 0] = 1.0
        coef, intercept = fit_logistic((x[~test] - mean) / scale, y[~test], weights[~test])
        probabilities = 1.0 / (1.0 + np.exp(-(((x[test] - mean) / scale) @ coef + intercept)))
        for group, probability in zip(groups[test], probabilities):
            best[group] = max(best[group], probability)
    answerable = np.array([item.answerable for item, _, _ in rows])
    return {"support_auc_cross_validated": auc(list(best[answerable]), list(best[~answerable]))}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--viquad", type=Path, default=Path("../shared/bench/viquad-dev"),
                        help="a viquad-dev folder (questions.jsonl, corpus/); its 'fit' half is used")
    parser.add_argument("--own", type=Path, nargs="+",
                        default=[Path("eval/data/train_answerability.jsonl"), Path("eval/data/fresh_dev.jsonl"),
                                 Path("eval/data/outsider_dev.jsonl")],
                        help="training questions about the shipped corpus (one file or more)")
    parser.add_argument("--corpus", type=Path, default=SHIPPED_CORPUS, help="what --own asks about")
    parser.add_argument("--budget", type=float, default=0.08, help="false refusals allowed on training data")
    parser.add_argument("--data-dir", type=Path, default=Path("data/bench"), help="where the indexes live")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    rows = []
    sources = []
    if (args.viquad / "questions.jsonl").exists():
        items = split(load_qa(args.viquad / "questions.jsonl"), "fit")
        rows += question_rows(indexed_retriever(args.viquad / "corpus", args.data_dir / "viquad"), items)
        sources.append(f"{args.viquad.name} fit half ({len(items)} questions)")
    else:
        print(f"note: {args.viquad} not found; fitting on {args.own} alone", file=sys.stderr)
    own = [path for path in args.own if path.exists()]
    if own:
        retriever = indexed_retriever(args.corpus, args.data_dir / "own")
        for path in own:
            items = load_qa(path)
            rows += question_rows(retriever, items)
            sources.append(f"{path.name} ({len(items)} questions)")
    if not rows:
        parser.error("no training questions found")
    data, stats = fit(rows, args.budget)
    data["info"] = {"trained_on": sources, "false_refusal_budget": args.budget, **stats}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(data["info"], ensure_ascii=False, indent=1))
    print("coefficients:", {f: round(c, 3) for f, c in zip(FEATURES, data["coef"])})
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
