"""Latency of `POST /api/chat` over real HTTP on loopback, one client, every question of a Q&A set.

Starts `bcd serve` on a free port over the configured data directory (ingest first: `bcd ingest corpus`),
asks each question once after a warm-up, prints p50/p95/p99 and writes them to JSON.

    python -m eval.bench.chat_latency [--qa eval/data/qa.jsonl] [--out eval/bench/out/chat_latency.json]
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
from pathlib import Path

import httpx
import numpy as np


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, log_path: Path) -> subprocess.Popen[bytes]:
    log = log_path.open("wb")
    process = subprocess.Popen([sys.executable, "-m", "bcd.cli", "serve", "--port", str(port)],
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qa", type=Path, default=Path("eval/data/qa.jsonl"))
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/chat_latency.json"))
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in args.qa.read_text("utf-8").splitlines() if line.strip()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = start_server(port, args.out.with_suffix(".server.log"))
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
            for question in questions[:5]:  # warm-up: first calls fill caches
                client.post("/api/chat", json={"message": question})
            latencies = []
            for question in questions:
                started = time.perf_counter()
                response = client.post("/api/chat", json={"message": question})
                latencies.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures = {"requests": len(latencies), "p50_ms": float(np.percentile(latencies, 50)),
               "p95_ms": float(np.percentile(latencies, 95)), "p99_ms": float(np.percentile(latencies, 99)),
               "max_ms": float(max(latencies)), "generator": "extractive", "cpus": os.cpu_count(),
               "python": platform.python_version(), "qa": str(args.qa)}
    args.out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print("| requests | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|")
    print(f"| {figures['requests']} | {figures['p50_ms']:.0f} | {figures['p95_ms']:.0f} | "
          f"{figures['p99_ms']:.0f} | {figures['max_ms']:.0f} |")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
