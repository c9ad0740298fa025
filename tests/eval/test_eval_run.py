"""`bcd eval` on the shipped set, end to end: the report is written and the quality bar holds."""

import json
import os
import subprocess
import sys
from pathlib import Path

QA = Path(__file__).resolve().parents[2] / "eval" / "data" / "qa.jsonl"


def test_bcd_eval_writes_a_full_report_and_meets_the_bar(indexed_settings, tmp_path: Path) -> None:
    env = {**os.environ, "BCD_DATA_DIR": str(indexed_settings.data_dir)}
    run = subprocess.run([sys.executable, "-m", "app.cli", "eval", str(QA), "--out", str(tmp_path)],
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr
    assert "| hybrid + rerank |" in run.stdout and "| lexical only |" in run.stdout
    for name in ("report.json", "report.md", "metric_by_type.png", "latency_hist.png"):
        assert (tmp_path / name).stat().st_size > 0
    report = json.loads((tmp_path / "report.json").read_text("utf-8"))
    summary = report["summary"]
    assert summary["questions"] >= 80 and len(report["by_type"]) == 7
    assert summary["hit@5"] >= 0.95 and summary["informal hit@5"] >= 0.90
    assert summary["refusal_accuracy"] >= 0.90 and summary["false_refusal_rate"] <= 0.05
    assert summary["key_fact_accuracy"] >= 0.80 and summary["citation_precision"] >= 0.65
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
