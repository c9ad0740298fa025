"""A generated corpus for scale benchmarks only (never for quality figures).

Documents are recombined from the real sentences of the shipped corpus, with the province, dates and
numbers varied, so that tokenisation, chunking and embedding cost what real documents cost. Built
deterministically (seeded) and cached: `generate(folder, n)` only writes the files that are missing.
"""

from __future__ import annotations

import hashlib
import random
import re
from pathlib import Path

from bcd import vietnamese as vn
from ingest.clean import clean

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
PROVINCES = ["An Giang", "Bắc Ninh", "Cao Bằng", "Đà Nẵng", "Đồng Nai", "Gia Lai", "Hà Tĩnh", "Hải Phòng",
             "Khánh Hòa", "Lâm Đồng", "Nghệ An", "Ninh Bình", "Phú Thọ", "Quảng Ninh", "Quảng Trị", "Sơn La",
             "Tây Ninh", "Thái Nguyên", "Tuyên Quang", "Vĩnh Long", "Lai Châu", "Cà Mau", "Huế", "Hưng Yên"]
ORIGINAL_PROVINCES = ["Điện Biên", "Bắc Kạn", "Lào Cai", "Hà Nam", "Nam Định"]
CHUNKS_PER_DOCUMENT = 4.3  # measured on the generated corpus (437 chunks for 100 documents)


def text_key(text: str) -> str:
    """The key a precomputed vector of `text` is stored under (benchmarks that load exported vectors)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def corpus_sentences() -> list[str]:
    sentences = []
    for path in sorted(CORPUS.glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8")).text
        sentences += [text[a:b] for a, b in vn.split_sentences(text) if len(text[a:b].split()) >= 8]
    return sentences


def _vary(sentence: str, rng: random.Random, province: str) -> str:
    for original in ORIGINAL_PROVINCES:
        sentence = sentence.replace(original, province)
    sentence = re.sub(r"\b\d{1,2}/\d{1,2}/20\d\d\b",
                      lambda _: f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.randint(2021, 2026)}",
                      sentence)
    return re.sub(r"(?<![\d/.,-])\d{2,3}(?![\d/.,-])", lambda m: str(rng.randint(10, 999)), sentence)


def generate(folder: Path, n_documents: int, seed: int = 57) -> list[Path]:
    """Write (or reuse) `n_documents` generated documents under `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    sentences = corpus_sentences()
    paths = []
    for i in range(n_documents):
        path = folder / f"gen-{i:06d}.txt"
        paths.append(path)
        if path.exists():
            continue
        rng = random.Random(seed * 1_000_003 + i)
        province = rng.choice(PROVINCES)
        body = [_vary(s, rng, province) for s in rng.sample(sentences, rng.randint(10, 18))]
        title = f"Ban Chỉ đạo tỉnh {province} họp phiên thứ {rng.randint(1, 12)} năm {rng.randint(2021, 2026)}"
        paragraphs = [" ".join(body[j:j + 3]) for j in range(0, len(body), 3)]
        path.write_text("\n".join([title, *paragraphs]) + "\n", encoding="utf-8")
    return paths
