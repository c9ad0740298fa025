"""Latency and throughput of `POST /api/chat` over real HTTP on loopback.

Starts `bcd serve` on a free port over the configured data directory (ingest first: `bcd ingest corpus`).
After a warm-up, for each concurrency level (default 1, 8 and 32 clients) it sends every question of the
Q&A set (repeated to at least 100 requests), and prints requests/s and p50/p95/p99 latency; JSON is written.

    python -m eval.bench.chat_latency [--concurrency 1 8 32] [--out eval/bench/out/chat_latency.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import numpy as np


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, log_path: Path) -> subprocess.Popen[bytes]:
    log = log_path.open("wb")
    process = subprocess.Popen([sys.executable, "-m", "app.cli", "serve", "--port", str(port)],
                               stdout=log, stderr=log, env=os.environ.copy())
    deadline = time.time() + 180
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited; see {log_path}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.5)
    process.terminate()
    raise SystemExit("server did not start within 180 s")


def load(base: str, questions: list[str], clients: int) -> dict[str, float]:
    """Send every question once, from `clients` concurrent clients; latency per request and overall rate."""
    latencies: list[float] = []
    errors = 0

    def worker(chunk: list[str]) -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=300) as client:
            for question in chunk:
                started = time.perf_counter()
                try:
                    client.post("/api/chat", json={"message": question}).raise_for_status()
                    latencies.append((time.perf_counter() - started) * 1000)
                except httpx.HTTPError:
                    errors += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(worker, [questions[i::clients] for i in range(clients)]))
    elapsed = time.perf_counter() - started
    return {"clients": clients, "requests": len(questions), "errors": errors,
            "requests_per_s": len(latencies) / elapsed, "p50_ms": float(np.percentile(latencies, 50)),
            "p95_ms": float(np.percentile(latencies, 95)), "p99_ms": float(np.percentile(latencies, 99))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=Path("eval/data/qa.jsonl"))
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/chat_latency.json"))
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in args.qa.read_text("utf-8").splitlines() if line.strip()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = start_server(port, args.out.with_suffix(".server.log"))
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as client:
            for question in questions[:5]:  # warm-up: first calls fill caches
                client.post("/api/chat", json={"message": question})
        rows = [load(base, questions * max(1, -(-100 // len(questions))), c) for c in args.concurrency]
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures = {"generator": "extractive", "cpus": os.cpu_count(), "python": platform.python_version(),
               "qa": str(args.qa), "runs": rows}
    args.out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print("| clients | requests | errors | requests/s | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['clients']} | {r['requests']} | {r['errors']} | {r['requests_per_s']:.1f} | {r['p50_ms']:.0f} | "
              f"{r['p95_ms']:.0f} | {r['p99_ms']:.0f} |")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
