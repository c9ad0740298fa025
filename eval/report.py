"""Write an evaluation as report.json, a readable report.md and PNG plots."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from eval.runner import EvalResult

RETRIEVAL_COLUMNS = ("hit@1", "hit@3", "hit@5", "hit@10", "mrr@10", "ndcg@10", "informal hit@5")


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def markdown_table(rows: list[dict[str, Any]], columns: list[str]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(_fmt(row.get(c)) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


def ablation_table(result: EvalResult) -> str:
    rows = ([result.baseline] if result.baseline else []) + result.ablations
    return markdown_table(rows, ["config", *RETRIEVAL_COLUMNS])


GENERATOR_COLUMNS = ["generator", "key_fact_accuracy", "citation_precision", "unsupported_sentence_rate",
                     "answers_with_uncited_numbers", "extractive_fallback_rate", "refusal_accuracy",
                     "false_refusal_rate", "latency_p50_s", "latency_p95_s", "first_token_p50_s", "tokens_per_s"]


def generator_table(results: dict[str, EvalResult]) -> str:
    """The same Q&A set answered by each generator, side by side."""
    return markdown_table([{"generator": name, **r.summary} for name, r in results.items()], GENERATOR_COLUMNS)


ANSWER_COLUMNS = ["system", "overall_correct", "contain", "token_f1", "lead_f1", "false_refusal_rate",
                  "unanswerable_refused", "support_auc", "words_median"]


def answer_table(result: EvalResult) -> str:
    """The chat service's answers beside the naive baseline measured in the same run."""
    rows = [{"system": "this assistant", **result.summary}]
    rows += [result.answer_baseline] if result.answer_baseline else []
    return markdown_table(rows, [c for c in ANSWER_COLUMNS if any(r.get(c) is not None for r in rows)])


def render_markdown(result: EvalResult) -> str:
    s = result.summary
    parts = [f"# Evaluation of `{result.dataset}`", ""]
    parts += [f"- {note}" for note in result.notes]
    parts += ["", "## Summary", "", markdown_table([s], [c for c in s if s.get(c) is not None]), ""]
    if result.answer_baseline:
        parts += ["## Answers beside the naive baseline", "", answer_table(result), ""]
    type_rows = [{"type": t, **v} for t, v in result.by_type.items()]
    columns = ["type", "questions", "hit@5", "mrr@10", "key_fact_accuracy", "refusal_accuracy",
               "false_refusal_rate", "latency_p50_s"]
    parts += ["## By question type", "", markdown_table(type_rows, [c for c in columns if any(
        r.get(c) is not None for r in type_rows)]), ""]
    if result.ablations:
        parts += ["## Ablations (retrieval only, same standalone questions)", "", ablation_table(result), ""]
    failures = [r for r in result.records if _failed(r)]
    if failures:
        parts += ["## Failures", "", "| id | type | question | what went wrong |", "|---|---|---|---|"]
        for r in failures:
            parts.append(f"| {r['id']} | {r['type']} | {r['question'][:80]} | {_why(r)} |")
    return "\n".join(parts) + "\n"


def _failed(record: dict[str, Any]) -> bool:
    if record["answerable"] and record.get("retrieval", {}).get("hit@5", 1.0) == 0.0:
        return True
    if "refused" not in record:
        return False
    if record["refused"] != (not record["answerable"]):
        return True
    return bool(record["answerable"] and not record["key_fact"])


def _why(record: dict[str, Any]) -> str:
    reasons = []
    if record["answerable"] and record.get("retrieval", {}).get("hit@5", 1.0) == 0.0:
        reasons.append("evidence not in top 5")
    if "refused" in record:
        if record["refused"] and record["answerable"]:
            reasons.append(f"false refusal (support {record['support']})")
        elif not record["refused"] and not record["answerable"]:
            reasons.append(f"answered an unanswerable question (support {record['support']})")
        elif record["answerable"] and not record["key_fact"]:
            reasons.append("key fact missing from the answer")
    return "; ".join(reasons)


def plot(result: EvalResult, out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    written = []
    types = list(result.by_type)
    metrics = [m for m in ("hit@5", "key_fact_accuracy", "refusal_accuracy")
               if any(result.by_type[t].get(m) is not None for t in types)]
    fig, ax = plt.subplots(figsize=(9, 4))
    width = 0.8 / max(len(metrics), 1)
    for i, metric in enumerate(metrics):
        values = [result.by_type[t].get(metric) or 0.0 for t in types]
        ax.bar([x + i * width for x in range(len(types))], values, width, label=metric)
    ax.set_xticks([x + width * (len(metrics) - 1) / 2 for x in range(len(types))], types, rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_title("Metric by question type")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(out / "metric_by_type.png", dpi=110)
    written.append(out / "metric_by_type.png")
    plt.close(fig)
    latencies = [r["latency_s"] * 1000 for r in result.records if r.get("latency_s") is not None]
    if latencies:
        fig, ax = plt.subplots(figsize=(6, 3.5))
        ax.hist(latencies, bins=30)
        ax.set_xlabel("answer latency (ms)")
        ax.set_ylabel("questions")
        ax.set_title("Latency of ChatService.answer")
        fig.tight_layout()
        fig.savefig(out / "latency_hist.png", dpi=110)
        written.append(out / "latency_hist.png")
        plt.close(fig)
    return written


def write_report(result: EvalResult, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(asdict(result), ensure_ascii=False, indent=2, default=str),
                                     encoding="utf-8")
    (out / "report.md").write_text(render_markdown(result), encoding="utf-8")
    return [out / "report.json", out / "report.md", *plot(result, out)]
