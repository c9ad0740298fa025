"""`bcd eval` on the shipped set, end to end: the report is written and the quality bar holds."""

import json
import os
import subprocess
import sys
from pathlib import Path

QA = Path(__file__).resolve().parents[2] / "eval" / "data" / "qa.jsonl"


def test_bcd_eval_writes_a_full_report_and_meets_the_bar(indexed_settings, tmp_path: Path) -> None:
    env = {**os.environ, "BCD_DATA_DIR": str(indexed_settings.data_dir)}
    run = subprocess.run([sys.executable, "-m", "bcd.cli", "eval", str(QA), "--out", str(tmp_path)],
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
