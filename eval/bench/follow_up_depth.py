"""How long reading a follow-up takes as the conversation grows (`chat.memory.standalone_question`).

Each follow-up is read with the last answered question as it stands alone, itself read with the turns before it. A
chain of vague follow-ups ("Ai chủ trì?" asked again and again) is the worst case: each turn leans on the one before.
Prints the time of the reading at each depth and writes JSON.

    python -m eval.bench.follow_up_depth [--turns 40] [--out eval/bench/out/follow_up_depth.json]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from chat.generators.base import Turn
from chat.memory import standalone_question


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/follow_up_depth.json"))
    args = parser.parse_args(argv)
    history: list[Turn] = []
    rows = []
    print("| earlier turns | reading ms |\n|---|---|")
    for depth in range(args.turns):
        started = time.perf_counter()
        standalone_question("Ai chủ trì?", history)
        elapsed_ms = (time.perf_counter() - started) * 1000
        rows.append({"earlier_turns": depth, "ms": round(elapsed_ms, 3)})
        if depth % 5 == 0 or depth == args.turns - 1:
            print(f"| {depth} | {elapsed_ms:.2f} |")
        history += [Turn("user", "Ai chủ trì?"), Turn("assistant", f"Sở số {depth} — Sở số {depth} chủ trì [1]")]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"rows": rows}, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
