"""The `bcd` console script, run as a user runs it (a subprocess) against the session's real index."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.questions import CAPITAL_OF_FRANCE, GOLD_PRICE, LAO_CAI_STATIONS, NAM_DINH_HEAD


def bcd(settings, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "BCD_DATA_DIR": str(settings.data_dir)}
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, env=env,
                          input=stdin, timeout=300)


def test_ask_answers_with_a_citation_quoting_the_sentence(indexed_settings) -> None:
    run = bcd(indexed_settings, "ask", NAM_DINH_HEAD)
    assert run.returncode == 0, run.stderr
    assert "Đặng Khánh Toàn" in run.stdout.splitlines()[0]
    assert "[1]" in run.stdout and "“Đồng chí Đặng Khánh Toàn, Bí thư Tỉnh ủy, Trưởng" in run.stdout


def test_ask_json_and_refusal(indexed_settings) -> None:
    run = bcd(indexed_settings, "ask", "--json", GOLD_PRICE)
    data = json.loads(run.stdout)
    assert data["refused"] is True and data["citations"] == [] and len(data["contexts"]) == 10


def test_ask_batch_writes_one_json_line_per_question(indexed_settings, tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text("\n".join(json.dumps(q, ensure_ascii=False) for q in [
        {"id": "a", "question": LAO_CAI_STATIONS},
        {"id": "b", "question": CAPITAL_OF_FRANCE},
        {"id": "c", "question": ""},
    ]) + "\nnot json\n", encoding="utf-8")
    run = bcd(indexed_settings, "ask", "--batch", str(questions))
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", "c", 4]
    first = rows[0]
    assert set(first) == {"id", "question", "answer", "refused", "citations", "contexts"}
    assert "4.607" in first["answer"] and not first["refused"]
    assert set(first["citations"][0]) == {"n", "doc_id", "title", "chunk_id", "quote", "source"}
    assert len(first["contexts"]) == 10
    assert set(first["contexts"][0]) == {"doc_id", "chunk_id", "source", "text", "score"}
    assert first["contexts"][0]["source"].endswith(".txt")
    assert rows[1]["refused"] is True
    assert "error" in rows[2] and "error" in rows[3]


def test_search_json_and_filters(indexed_settings) -> None:
    run = bcd(indexed_settings, "search", "Trưởng Ban Chỉ đạo", "-k", "3", "--json", "--province", "Hà Nam")
    rows = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(rows) == 3 and {r["doc_id"] for r in rows} == {"ha-nam-hoi-nghi-toan-quoc-dot-pha-khcn-cds"}
    bad = bcd(indexed_settings, "search", "x", "--date-from", "2025-13-01")
    assert bad.returncode == 2 and "bad filter" in bad.stderr


def test_docs_lists_the_corpus(indexed_settings) -> None:
    run = bcd(indexed_settings, "docs", "--json")
    docs = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(docs) == 5 and {d["province"] for d in docs} == {"Điện Biên", "Bắc Kạn", "Lào Cai", "Hà Nam",
                                                                 "Nam Định"}
    assert all(d["instructions"] == [] for d in docs)  # no sentence of the news addresses the assistant


def test_docs_shows_an_uploaded_plans_date_title_and_one_chunk(tmp_path: Path) -> None:
    from bcd.settings import Settings

    plan = tmp_path / "ke-hoach-215.txt"
    plan.write_text("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG\nSố: 215/KH-UBND\nNgày 01/12/2025\nKẾ HOẠCH\n"
                    "Triển khai chuyển đổi số năm 2026\nCăn cứ Nghị quyết số 57-NQ/TW của Bộ Chính trị;\n"
                    "Sở Khoa học và Công nghệ tỉnh Cao Bằng chủ trì.\n", encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "data")
    assert bcd(settings, "ingest", str(plan)).returncode == 0
    run = bcd(settings, "docs")
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\t") == ["ke-hoach-215", "Cao Bằng", "2025-12-01", "1 chunk",
                                      "Kế hoạch số 215/KH-UBND: Triển khai chuyển đổi số năm 2026\n"]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["ingest", "/no/such/path"], 2, "not found"),
    (["delete", "no-such-doc"], 1, "no document"),
    (["ask"], 2, "give a question"),
    (["ask", "   "], 2, "empty"),
    (["eval", "eval/data/qa.jsonl", "--k", "2"], 2, "choose one of 1, 3, 5, 10"),
    (["eval", "eval/data/qa.jsonl", "--split", "half"], 2, "unknown split"),
])
def test_errors_are_clear_and_exit_non_zero(indexed_settings, args: list[str], code: int, message: str) -> None:
    run = bcd(indexed_settings, *args)
    assert run.returncode == code and message in run.stderr


def test_ingest_leaves_the_search_view_of_the_new_revision_for_the_next_start(indexed_settings, tmp_path: Path,
                                                                             corpus_dir: Path) -> None:
    """`bcd ingest` brings the retriever's saved view up to the store it wrote, so a server started after it
    reads no chunk back (issue 17)."""
    import shutil

    from retrieval.hybrid import HybridRetriever
    from tests.conftest import index_copy

    settings = index_copy(indexed_settings, tmp_path)
    HybridRetriever(settings)  # a view saved at the copied revision
    new = tmp_path / "ban-tin-moi.txt"
    shutil.copy(sorted(corpus_dir.glob("*.txt"))[0], new)
    new.write_text(new.read_text("utf-8") + "\nBan Chỉ đạo bổ sung 12 trạm phát sóng lưỡng dụng.\n", "utf-8")
    run = bcd(settings, "ingest", str(new))
    assert run.returncode == 0, run.stderr
    assert "search view of" in run.stderr and "(updated)" in run.stderr
    started = HybridRetriever(settings)
    assert started.loaded_from == "revision" and "ban-tin-moi" in started.documents()
