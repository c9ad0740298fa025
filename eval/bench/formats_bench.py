"""The same questions answered from DOCX, text PDF and scanned PDF copies of the same documents.

    python -m eval.bench.formats_bench [--formats docx pdf scan] [--out eval/bench/out/formats.json]

The sample documents (`eval.samples`) are rendered in each format into a temporary folder; each format is
ingested into its own data directory (the same embedding model, loaded once) and eval/data/samples_qa.jsonl
is run through the chat service against it (`eval.runner.run_eval`, no ablations). Per format: key-fact
accuracy (and its difference from the text PDF's), refusal figures, hit@1/hit@5, citation precision, how
many questions' evidence some chunk still holds verbatim (what OCR or a loader lost), the header fields read
into metadata (document number and signer against the sources), ingest seconds and pages/s. A DOCX has no
pages of its own: its pages are those of the same document's text PDF, so pages/s compares like with like.
Questions answered in one format and not another are listed: what that format loses.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bcd import vietnamese as vn
from bcd.settings import Settings
from eval.dataset import QAItem, load_qa
from eval.report import markdown_table
from eval.samples import FORMATS, Sample, Signature, load_samples, plain, render

QA = Path(__file__).resolve().parents[1] / "data" / "samples_qa.jsonl"
COLUMNS = ["format", "documents", "pages", "chunks", "ingest_s", "pages_per_s", "key_fact_accuracy",
           "key_fact_vs_pdf", "evidence_in_index", "refusal_accuracy", "false_refusal_rate",
           "unanswerable_refused", "hit@1", "hit@5", "citation_precision", "numbers_read", "signers_read",
           "failed", "load_average_1min"]


def _pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(path).pages)


def _same(a: object, b: str) -> bool:
    return isinstance(a, str) and " ".join(vn.normalize(a).casefold().split()) == " ".join(
        vn.normalize(b).casefold().split())


def expected_header(sample: Sample) -> dict[str, str]:
    number = sample.number.removeprefix("Số:").removeprefix("Số").strip()
    signature = next(b for b in reversed(sample.body) if isinstance(b, Signature))
    return {"doc_number": number, "signer": plain(signature.right[-1])}


def header_read(documents: dict[str, dict[str, Any]], samples: list[Sample]) -> dict[str, Any]:
    """How many documents' number and signer the index holds as the source has them (None: no such key)."""
    by_file = {Path(str(m.get("source", ""))).name: m for m in documents.values()}
    found: dict[str, Any] = {"numbers_read": 0, "signers_read": 0, "headers": {}}
    keyed = False
    for sample in samples:
        meta = next((m for name, m in by_file.items() if name.startswith(sample.file)), {})
        want = expected_header(sample)
        keyed = keyed or "doc_number" in meta
        found["numbers_read"] += _same(meta.get("doc_number"), want["doc_number"])
        found["signers_read"] += _same(meta.get("signer"), want["signer"])
        found["headers"][sample.file] = {k: meta.get(k) for k in ("doc_type", "doc_number", "issuer", "signer")}
    if not keyed:
        found["numbers_read"] = found["signers_read"] = None
    return found


def measure(fmt: str, samples: list[Sample], work: Path, embeddings: Any,
            items: list[QAItem]) -> dict[str, Any]:
    from chat.service import ChatService
    from eval.runner import run_eval
    from ingest.pipeline import Ingestor
    from retrieval.hybrid import HybridRetriever

    folder = work / fmt
    files, pages = [], 0
    for sample in samples:
        written = render(sample, folder / "files" if fmt != "docx" else folder / "pdf-for-pages",
                         (fmt,) if fmt != "docx" else ("pdf",))
        if fmt == "docx":
            files.append(render(sample, folder / "files", ("docx",))["docx"])
            pages += _pages(written["pdf"])
        else:
            files.append(written[fmt])
            pages += _pages(written[fmt])
    settings = Settings(data_dir=folder / "data")
    ingestor = Ingestor(settings, embeddings=embeddings)
    started = time.perf_counter()
    report = ingestor.ingest([folder / "files"], progress=False)
    seconds = time.perf_counter() - started
    retriever = HybridRetriever(settings, embeddings=embeddings)
    service = ChatService(settings, retriever=retriever)
    result = run_eval(service, items, f"samples-{fmt}", ablations=False, progress=False)
    s = result.summary
    row: dict[str, Any] = {
        "format": fmt, "documents": len(files), "pages": pages, "chunks": report.chunks_written,
        "ingest_s": round(seconds, 2), "pages_per_s": round(pages / seconds, 3) if seconds else None,
        "failed": len(report.failed), "warnings": report.warnings,
        **{k: s.get(k) for k in ("key_fact_accuracy", "refusal_accuracy", "false_refusal_rate",
                                 "unanswerable_refused", "hit@1", "hit@5", "citation_precision")},
        "load_average_1min": round(os.getloadavg()[0], 1),
        "key_fact_by_question": {r["id"]: r.get("key_fact") for r in result.records if r["answerable"]},
        "refused_by_question": {r["id"]: r.get("refused") for r in result.records},
        "misses": {r["id"]: r.get("answer", "")[:300] for r in result.records
                   if r["answerable"] and not r.get("key_fact")},
    }
    missing = [i.id for i in items if i.answerable and not any(i.is_relevant(t, "") for t in retriever.texts)]
    row["evidence_in_index"] = sum(i.answerable for i in items) - len(missing)
    row["evidence_lost"] = missing  # spans no chunk holds verbatim: the loader (or OCR) lost or changed them
    row.update(header_read(retriever.documents(), samples))
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--qa", type=Path, default=QA)
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/formats.json"))
    args = parser.parse_args()
    from ingest.embed import get_embeddings

    items = load_qa(args.qa)
    samples = load_samples()
    embeddings = get_embeddings(Settings())
    embeddings.embed_documents(["khởi động mô hình"])  # load the model outside the timings
    with tempfile.TemporaryDirectory() as tmp:
        rows = [measure(fmt, samples, Path(tmp), embeddings, items) for fmt in args.formats]
    answered = {r["format"]: {q for q, ok in r["key_fact_by_question"].items() if ok} for r in rows}
    everywhere = set.intersection(*answered.values()) if answered else set()
    text = next((r for r in rows if r["format"] == "pdf"), None)
    for row in rows:
        if text is not None and row["key_fact_accuracy"] is not None:
            row["key_fact_vs_pdf"] = round(row["key_fact_accuracy"] - text["key_fact_accuracy"], 3)
        row["lost_here"] = sorted(set.union(*answered.values()) - answered[row["format"]])
    result = {"questions": len(items), "answered_in_every_format": len(everywhere), "formats": rows}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(markdown_table(rows, COLUMNS))
    for row in rows:
        if row["lost_here"]:
            print(f"{row['format']}: answered elsewhere but not here: {', '.join(row['lost_here'])}")
        if row["evidence_lost"]:
            print(f"{row['format']}: evidence no chunk holds verbatim: {', '.join(row['evidence_lost'])}")
        for warning in row["warnings"][:3]:
            print(f"{row['format']}: {warning}")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
