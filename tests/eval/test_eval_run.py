"""`bcd eval` on the shipped set, end to end: the report is written and the quality bar holds."""

import json
import os
import subprocess
import sys
from pathlib import Path

QA = Path(__file__).resolve().parents[2] / "eval" / "data" / "qa.jsonl"
# The gate: 36 questions written for it about the shipped corpus (factoid, list, multi-document, without
# diacritics, abbreviations, follow-ups, 6 unanswerable ones close to real facts), every answer and evidence span
# checked against the documents by hand. It was never used for tuning: run once with the code as it stood
# (commit b1e6b6b and the work then in progress in the tree), `BCD_DATA_DIR=data/bench/own bcd eval eval/data/gate.jsonl`, which
# measured hit@5 1.000, informal hit@5 1.000, key-fact accuracy 0.833, citation precision 0.707, refusal
# accuracy 0.806, false refusals 0.067 and unanswerable refused 0.167 (1 of 6). The bar below sits about 0.1
# under those figures; the gate questions are kept apart from qa.jsonl and train_answerability.jsonl
# (tests/eval/test_dataset.py). Do not tune on this set: a change that needs a lower bar here is a regression.
GATE = QA.with_name("gate.jsonl")


def test_bcd_eval_writes_a_full_report_and_meets_the_bar(indexed_settings, tmp_path: Path) -> None:
    env = {**os.environ, "BCD_DATA_DIR": str(indexed_settings.data_dir)}
    run = subprocess.run([sys.executable, "-m", "app.cli", "eval", str(GATE), "--out", str(tmp_path)],
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr
    assert "| hybrid + rerank |" in run.stdout and "| lexical only |" in run.stdout
    for name in ("report.json", "report.md", "metric_by_type.png", "latency_hist.png"):
        assert (tmp_path / name).stat().st_size > 0
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    summary = report["summary"]
    assert summary["questions"] == 36 and len(report["by_type"]) == 7
    assert summary["hit@5"] >= 0.90 and summary["informal hit@5"] >= 0.90
    assert summary["key_fact_accuracy"] >= 0.73 and summary["citation_precision"] >= 0.60
    assert summary["refusal_accuracy"] >= 0.70 and summary["false_refusal_rate"] <= 0.17
    assert summary["unanswerable_refused"] >= 0.06  # measured 1 of 6: the refusal is weak on unseen questions
    configs = [row["config"] for row in report["ablations"]]
    assert configs[:4] == ["lexical only", "dense only", "hybrid", "hybrid + rerank"]
    assert "## By question type" in (tmp_path / "report.md").read_text("utf-8")


def test_generators_side_by_side(indexed_settings, tmp_path: Path) -> None:
    """`--generator` twice runs the same questions with each and writes the comparison table; the tiny
    random GGUF stands in for a real model (its gibberish must never survive grounding)."""
    from tests.fakes.tiny_gguf import write_tiny_gguf

    subset = tmp_path / "qa.jsonl"
    lines = QA.read_text("utf-8").splitlines()
    subset.write_text("\n".join(line for line in lines if '"type": "factoid"' in line)[:4000].rsplit("\n", 1)[0]
                      + "\n", encoding="utf-8")
    env = {**os.environ, "BCD_DATA_DIR": str(indexed_settings.data_dir), "BCD_LLAMACPP_N_CTX": "8192",
           "BCD_LLM_MAX_TOKENS": "16", "BCD_LLAMACPP_MODEL_PATH": str(write_tiny_gguf(tmp_path / "tiny.gguf"))}
    run = subprocess.run([sys.executable, "-m", "app.cli", "eval", str(subset), "--out", str(tmp_path / "out"),
                          "--no-ablations", "--generator", "extractive", "--generator", "llamacpp"],
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr
    rows = {line.split("|")[1].strip(): line for line in (tmp_path / "out" / "generators.md").read_text().splitlines()
            if line.startswith("| ") and "generator" not in line}
    assert set(rows) == {"extractive", "llamacpp"}
    tiny = json.loads((tmp_path / "out" / "llamacpp" / "report.json").read_text("utf-8"))
    extractive = json.loads((tmp_path / "out" / "extractive" / "report.json").read_text("utf-8"))
    answered = [r for r in tiny["records"] if not r["refused"]]
    assert answered and all(r["answered_by"] == "extractive" for r in answered)  # nothing of its own survived
    assert tiny["summary"]["tokens_per_s"] and tiny["summary"]["answers_with_uncited_numbers"] == 0
    assert tiny["summary"]["key_fact_accuracy"] == extractive["summary"]["key_fact_accuracy"]
