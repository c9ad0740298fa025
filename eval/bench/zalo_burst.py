"""A burst of simultaneous signed Zalo OA events against `bcd serve` on loopback.

    python -m eval.bench.zalo_burst [--events 100] [--data-dir data/bench/zalo] [--out eval/bench/out/zalo_burst.json]

Zalo redelivers an event for hours when its webhook does not answer 200 within 2 s, so what counts is the
acknowledgement, not the answer. The benchmark ingests the shipped corpus into `--data-dir` once, starts a
local stand-in for the OA API (it records each reply and when it came), starts `bcd serve` pointed at it,
answers one warm-up event, then fires `--events` signed `user_send_text` events from as many users at once
(questions of the Q&A set) while polling `/health`. It reports p50/p99/max acknowledgement time, how many
took over 2 s, the statuses (accepted, or busy when the answer queue was full), `/health` latency during the
burst, and the time until every user had a reply. Loopback only; bounded in events and time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from eval.bench.chat_latency import free_port, start_server

APP_ID, OA_SECRET = "bench-app", "bench-oa-secret"


class FakeOA:
    """Accepts `POST /v3.0/oa/message/cs` (any access token) and records, per user, when each reply came."""

    def __init__(self) -> None:
        self.replies: dict[str, list[tuple[float, str]]] = {}
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
                with fake.lock:
                    fake.replies.setdefault(body["recipient"]["user_id"], []).append(
                        (time.perf_counter(), body["message"]["text"]))
                data = json.dumps({"error": 0, "message": "Success", "data": {"message_id": "1"}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def first_reply(self, user_id: str) -> float | None:
        with self.lock:
            return self.replies[user_id][0][0] if self.replies.get(user_id) else None


def signed_event(user_id: str, text: str) -> tuple[bytes, dict[str, str]]:
    timestamp = str(int(time.time() * 1000))
    body = json.dumps({"app_id": APP_ID, "event_name": "user_send_text", "timestamp": timestamp,
                       "sender": {"id": user_id}, "recipient": {"id": "oa"},
                       "message": {"text": text, "msg_id": uuid.uuid4().hex}}, ensure_ascii=False).encode()
    mac = hashlib.sha256(APP_ID.encode() + body + timestamp.encode() + OA_SECRET.encode()).hexdigest()
    return body, {"content-type": "application/json", "X-ZEvent-Signature": f"mac={mac}"}


def ensure_index(data_dir: Path) -> None:
    if (data_dir / "chroma").exists():
        return
    print(f"ingesting corpus/ into {data_dir} (once)", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "app.cli", "ingest", "corpus"], check=True,
                   env={**os.environ, "BCD_DATA_DIR": str(data_dir)})


def burst(base: str, fake: FakeOA, questions: list[str], events: int, wait_s: float) -> dict[str, Any]:
    users = [f"burst-{uuid.uuid4().hex[:8]}-{i}" for i in range(events)]
    prepared = [signed_event(user, questions[i % len(questions)]) for i, user in enumerate(users)]
    acks: list[tuple[float, int, str]] = [(float("nan"), 0, "")] * events
    health: list[float] = []
    gate, done = threading.Barrier(events + 1), threading.Event()

    def send(i: int) -> None:
        with httpx.Client(timeout=60) as client:
            body, headers = prepared[i]
            gate.wait()
            started = time.perf_counter()
            try:
                response = client.post(f"{base}/zalo/oa/webhook", content=body, headers=headers)
                status = response.json().get("status", "") if response.status_code == 200 else response.text[:80]
                acks[i] = (time.perf_counter() - started, response.status_code, status)
            except httpx.HTTPError as exc:
                acks[i] = (time.perf_counter() - started, 0, type(exc).__name__)

    def poll_health() -> None:
        with httpx.Client(timeout=60) as client:
            while not done.is_set():
                started = time.perf_counter()
                client.get(f"{base}/health")
                health.append(time.perf_counter() - started)
                time.sleep(0.1)

    senders = [threading.Thread(target=send, args=(i,)) for i in range(events)]
    for t in senders:
        t.start()
    poller = threading.Thread(target=poll_health)
    poller.start()
    gate.wait()
    started = time.perf_counter()
    for t in senders:
        t.join()
    acked = time.perf_counter()
    deadline = time.time() + wait_s
    while time.time() < deadline and any(fake.first_reply(u) is None for u in users):
        time.sleep(0.1)
    done.set()
    poller.join()
    seconds = np.array([a[0] for a in acks])
    firsts = [fake.first_reply(u) for u in users]
    replied = [f for f in firsts if f is not None]
    return {"events": events, "ok": sum(a[1] == 200 for a in acks), "statuses": dict(Counter(a[2] for a in acks)),
            "ack_p50_s": float(np.percentile(seconds, 50)), "ack_p99_s": float(np.percentile(seconds, 99)),
            "ack_max_s": float(seconds.max()), "acks_over_2s": int((seconds > 2).sum()),
            "all_acked_s": acked - started, "health_requests": len(health),
            "health_p50_s": float(np.percentile(health, 50)), "health_max_s": float(max(health)),
            "users_replied": len(replied), "last_reply_s": (max(replied) - started) if replied else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, nargs="+", default=[100])
    parser.add_argument("--data-dir", type=Path, default=Path("data/bench/zalo"))
    parser.add_argument("--qa", type=Path, default=Path("eval/data/qa.jsonl"))
    parser.add_argument("--wait", type=float, default=300, help="Longest wait for the last reply, seconds.")
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/zalo_burst.json"))
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in args.qa.read_text("utf-8").splitlines() if line.strip()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    ensure_index(args.data_dir)
    load_before = os.getloadavg()  # other work on the machine: the figures are only as good as this
    fake = FakeOA()
    os.environ.update({  # no refresh token: the access token is used as it is, the fake accepts any
        "BCD_DATA_DIR": str(args.data_dir), "BCD_ZALO_OA_APP_ID": APP_ID, "BCD_ZALO_OA_SECRET_KEY": OA_SECRET,
        "BCD_ZALO_OA_ACCESS_TOKEN": "bench-token", "BCD_ZALO_OA_REFRESH_TOKEN": "",
        "BCD_ZALO_OA_API_BASE": fake.url, "BCD_ZALO_RATE_LIMIT_PER_MINUTE": "1000"})
    port = free_port()
    server = start_server(port, args.out.with_suffix(".server.log"))
    base = f"http://127.0.0.1:{port}"
    try:
        warm = burst(base, fake, questions, 1, min(args.wait, 120))  # models and caches loaded before the burst
        if warm["users_replied"] != 1:
            raise SystemExit(f"the warm-up event got no reply; see {args.out.with_suffix('.server.log')}")
        rows = [burst(base, fake, questions, n, args.wait) for n in args.events]
    finally:
        server.terminate()
        server.wait(timeout=30)
    figures = {"cpus": os.cpu_count(), "load_average_before": load_before, "load_average_after": os.getloadavg(),
               "runs": rows}
    args.out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print("| events | 200s | statuses | ack p50 | ack p99 | ack max | acks > 2 s | /health p50 / max during burst "
          "| users replied | last reply |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(r["statuses"].items()))
        last = f"{r['last_reply_s']:.1f} s" if r["last_reply_s"] is not None else "-"
        print(f"| {r['events']} | {r['ok']} | {statuses} | {r['ack_p50_s'] * 1000:,.0f} ms | "
              f"{r['ack_p99_s'] * 1000:,.0f} ms | {r['ack_max_s'] * 1000:,.0f} ms | {r['acks_over_2s']} | "
              f"{r['health_p50_s'] * 1000:,.0f} / {r['health_max_s'] * 1000:,.0f} ms | {r['users_replied']} | "
              f"{last} |")
    print(f"{os.cpu_count()} CPUs, load average (1/5/15 min) before {load_before}, after "
          f"{figures['load_average_after']}; written to {args.out}")


if __name__ == "__main__":
    main()
