"""Retrieval and answer latency, and resident memory, as the index grows.

    python -m eval.bench.query_bench [--sizes 1000 10000 100000] [--out eval/bench/out/query.json]

Each size is an index of the generated corpus (`eval.bench.generated`) in `data/bench/index-SIZE`, built
once with `bcd ingest` and reused: build it with
    python -m eval.bench.query_bench --build SIZE
(about 3 min for 1k chunks and 35 min for 10k on 2 cores; 100k takes about 6 h, so it is left to a bigger
machine or a night). Each size is measured in a fresh process: resident memory after loading the service,
then every question of the Q&A set twice through `HybridRetriever.search` and `ChatService.answer`.
Writes JSON and a PNG of latency against index size.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from bcd.settings import Settings
from eval.report import markdown_table
from eval.bench.generated import generate

CHUNKS_PER_DOCUMENT = 4.3  # measured on the generated corpus (437 chunks for 100 documents)


def index_dir(size: int) -> Path:
    return Path("data/bench") / f"index-{size}"


def build(size: int) -> None:
    from ingest.pipeline import Ingestor

    documents = int(size / CHUNKS_PER_DOCUMENT) + 1
    paths = generate(Path("data/bench/generated"), documents)
    report = Ingestor(Settings(data_dir=index_dir(size))).ingest(paths, progress=True)
    print(report.summary())


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(size: int, qa: Path) -> dict[str, float]:
    """Run in a fresh process: load, then time every question twice."""
    from chat.service import ChatService

    questions = [json.loads(line)["question"] for line in qa.read_text("utf-8").splitlines() if line.strip()]
    started = time.perf_counter()
    service = ChatService(Settings(data_dir=index_dir(size)))
    load_s = time.perf_counter() - started
    memory = rss_mb()
    for question in questions[:5]:
        service.answer(question)
    retrieval, answer = [], []
    for question in questions * 2:
        t0 = time.perf_counter()
        service.retriever.search(question)
        retrieval.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        service.answer(question)
        answer.append((time.perf_counter() - t0) * 1000)
    row = {"size": size, "chunks": service.retriever.size, "load_s": round(load_s, 1),
           "rss_mb": round(memory, 0), "rss_after_mb": round(rss_mb(), 0)}
    for name, values in (("retrieval", retrieval), ("answer", answer)):
        for q in (50, 95, 99):
            row[f"{name}_p{q}_ms"] = round(float(np.percentile(values, q)), 1)
    return row


def plot(rows: list[dict[str, float]], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    sizes = [r["chunks"] for r in rows]
    for name, style in (("retrieval", "-o"), ("answer", "--s")):
        for q in (50, 95):
            ax.plot(sizes, [r[f"{name}_p{q}_ms"] for r in rows], style, label=f"{name} p{q}")
    ax.set_xscale("log")
    ax.set_xlabel("chunks in the index")
    ax.set_ylabel("latency (ms)")
    ax.set_title("Latency against index size (2 cores)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--build", type=int, help="build the index of this size and stop")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # used by the parent process
    parser.add_argument("--qa", type=Path, default=Path("eval/data/qa.jsonl"))
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/query.json"))
    args = parser.parse_args()
    if args.build:
        return build(args.build)
    if args.measure:
        print(json.dumps(measure(args.measure, args.qa)))
        return
    rows = []
    for size in args.sizes:
        if not index_dir(size).exists():
            print(f"skipping {size}: no index; build it with --build {size}", file=sys.stderr)
            continue
        run = subprocess.run([sys.executable, "-m", "eval.bench.query_bench", "--measure", str(size),
                              "--qa", str(args.qa)], capture_output=True, text=True, env=os.environ.copy())
        if run.returncode != 0:
            raise SystemExit(run.stderr[-2000:])
        rows.append(json.loads(run.stdout.strip().splitlines()[-1]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    plot(rows, args.out.with_suffix(".png"))
    columns = list(rows[0]) if rows else []
    print(markdown_table(rows, columns))
    print(f"written to {args.out} and {args.out.with_suffix('.png')}")


if __name__ == "__main__":
    main()
