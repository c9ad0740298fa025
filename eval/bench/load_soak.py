"""Load and soak of `bcd serve` on loopback: many simulated users holding conversations.

    python -m eval.bench.load_soak [--users 50] [--seconds 60] [--session-ttl 30] [--out eval/bench/out/load.json]

Starts `bcd serve` over the configured data directory with a short session lifetime, then each simulated
user loops for the given time: start a conversation, ask two questions of the Q&A set in it, wait a little.
Reports requests, errors, requests/s and p50/p95/p99 latency, and samples the server's resident memory every
10 s (a soak: run with --seconds 600 and check that memory stays flat while sessions expire). Bounded in
users and time, loopback only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import threading
import time
from pathlib import Path

import httpx
import numpy as np

from eval.bench.chat_latency import free_port, start_server


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--session-ttl", type=float, default=30)
    parser.add_argument("--qa", type=Path, default=Path("eval/data/qa.jsonl"))
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/load.json"))
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in args.qa.read_text("utf-8").splitlines() if line.strip()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    os.environ["BCD_SESSION_TTL_S"] = str(args.session_ttl)
    port = free_port()
    server = start_server(port, args.out.with_suffix(".server.log"))
    base = f"http://127.0.0.1:{port}"
    latencies: list[float] = []
    errors: list[str] = []
    memory: list[tuple[float, float]] = []
    stop = time.time() + args.seconds

    def user(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(base_url=base, timeout=120) as client:
            while time.time() < stop:
                session = None
                for question in rng.sample(questions, 2):
                    started = time.perf_counter()
                    try:
                        body = {"message": question, **({"session_id": session} if session else {})}
                        response = client.post("/api/chat", json=body)
                        response.raise_for_status()
                        session = response.json()["session_id"]
                        latencies.append((time.perf_counter() - started) * 1000)
                    except httpx.HTTPError as exc:
                        errors.append(f"{type(exc).__name__}: {exc}"[:200])
                time.sleep(rng.uniform(0.0, 0.5))

    def sample() -> None:
        begin = time.time()
        while time.time() < stop:
            memory.append((round(time.time() - begin), rss_mb(server.pid)))
            time.sleep(10)

    threads = [threading.Thread(target=user, args=(i,)) for i in range(args.users)]
    threads.append(threading.Thread(target=sample))
    started = time.time()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        memory.append((round(time.time() - started), rss_mb(server.pid)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    elapsed = time.time() - started
    figures = {"users": args.users, "seconds": args.seconds, "session_ttl_s": args.session_ttl,
               "requests": len(latencies) + len(errors), "errors": len(errors), "error_samples": errors[:5],
               "requests_per_s": len(latencies) / elapsed,
               "p50_ms": float(np.percentile(latencies, 50)), "p95_ms": float(np.percentile(latencies, 95)),
               "p99_ms": float(np.percentile(latencies, 99)), "rss_mb_samples": memory}
    args.out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print("| users | seconds | requests | errors | requests/s | p50 ms | p95 ms | p99 ms | RSS first → last |")
    print("|---|---|---|---|---|---|---|---|---|")
    print(f"| {args.users} | {args.seconds:.0f} | {figures['requests']} | {len(errors)} | "
          f"{figures['requests_per_s']:.1f} | {figures['p50_ms']:.0f} | {figures['p95_ms']:.0f} | "
          f"{figures['p99_ms']:.0f} | {memory[0][1]:.0f} → {memory[-1][1]:.0f} MB |")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
