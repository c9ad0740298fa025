"""`bcd eval` on a set in the reading-comprehension format (gold strings, unanswerable flags, sources), with
the naive baseline measured in the same run, and the article split that keeps fitting and reporting apart."""

import json
import os
import subprocess
import sys
from pathlib import Path

from eval.dataset import QAItem, split
from tests.questions import BAC_KAN_SCIENCE_DIRECTOR, LAO_CAI_STATIONS

# Written for these tests about the shipped corpus (the external set's own questions never enter the repo).
ROWS = [
    {"id": "r1", "question": LAO_CAI_STATIONS, "answers": ["4.607"],
     "unanswerable": False, "source": "lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025"},
    {"id": "r2", "question": BAC_KAN_SCIENCE_DIRECTOR, "answers": ["Hoàng Văn Thiên"],
     "unanswerable": False, "source": "bac-kan-hop-ban-chi-dao-bao-cao-thuc-hien-nq57"},
    {"id": "r3", "question": "Giá vé máy bay từ Hà Nội đi Lào Cai là bao nhiêu?", "answers": [],
     "unanswerable": True, "source": "lao-cai-hoi-nghi-don-doc-nhiem-vu-trong-tam-2025"},
]


def test_split_keeps_each_article_on_one_side() -> None:
    items = [QAItem(id=str(i), question="q", answers=["a"], unanswerable=False, source=f"s{i % 5}")
             for i in range(20)]
    fit, report = split(items, "fit"), split(items, "report")
    assert {i.source for i in fit}.isdisjoint({i.source for i in report})
    assert len(fit) + len(report) == 20 and split(items, "all") == items


def test_bcd_eval_reads_the_format_and_reports_the_baseline(indexed_settings, tmp_path: Path) -> None:
    qa = tmp_path / "rc.jsonl"
    qa.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n", encoding="utf-8")
    env = {**os.environ, "BCD_DATA_DIR": str(indexed_settings.data_dir)}
    run = subprocess.run([sys.executable, "-m", "app.cli", "eval", str(qa), "--out", str(tmp_path / "out"),
                          "--no-ablations"], capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "| this assistant |" in run.stdout and "| naive: BM25 top 3" in run.stdout
    report = json.loads((tmp_path / "out" / "report.json").read_text("utf-8"))
    records = {r["id"]: r for r in report["records"]}
    assert records["r1"]["key_fact"] and records["r2"]["key_fact"] and records["r3"]["refused"]
    assert 0.0 < records["r1"]["f1"] < 1.0  # the fact first, then its sentence
    summary, naive = report["summary"], report["answer_baseline"]
    assert summary["overall_correct"] == 1.0 and summary["support_auc"] == 1.0
    assert naive["unanswerable_refused"] == 0.0  # the baseline never refuses
    assert "## Answers beside the naive baseline" in (tmp_path / "out" / "report.md").read_text("utf-8")
