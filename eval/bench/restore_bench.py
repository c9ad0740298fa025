"""Diacritic restoration of questions typed without diacritics, on questions it was not written from.

    python -m eval.bench.restore_bench [--out eval/bench/out/restore.json]

Each question that has diacritics is folded (`vn.fold`, what a phone keyboard without Telex produces) and
restored; a syllable counts as right when the restored one equals the original (lower-cased, normalised).
Sets, each restored with the words of its own index (as `bcd serve` does):
- `train_answerability`: `eval/data/train_answerability.jsonl`, 90 questions on the shipped corpus
  (index `data/bench/own`);
- `viquad report` / `viquad fit`: the two halves of `../shared/bench/viquad-dev` (`eval.dataset.split`),
  questions by UIT annotators on Wikipedia (index `data/bench/viquad`); optional, skipped when absent;
- `qa.jsonl (written from)`: our own Q&A set, the phrasings the former question phrases were taken from,
  shown for contrast only.
Variants: `interrogatives x10 (shipped)` (the restorer as shipped: the index's syllable counts, the
interrogative words `vn.INTERROGATIVES`, a grammar's closed class, counted ten times, and the general-language
prior at `PRIOR_WEIGHT` pseudo-counts; both weights were chosen on the training questions and the viquad fit
half), `no prior (before)` and the prior at x1 and x3, the interrogatives at x3 and x50, `corpus only` (no
question words), `phrases x20 (former)` (the restorer before issue 19: 18 question phrases taken from our Q&A
set counted twenty times) and `corpus + dictionary` (pyvi's general word list counted once, no question
words). Prints a table and writes the
figures as JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

from bcd import vietnamese as vn
from bcd.settings import Settings
from eval.dataset import load_qa, split
from eval.report import markdown_table
from retrieval.restore import INTERROGATIVE_WEIGHT, DiacriticRestorer

VIQUAD = Path("../shared/bench/viquad-dev/questions.jsonl")
# The phrases the restorer counted twenty times until issue 19 (bcd.vietnamese.QUESTION_PHRASES, written
# from our Q&A set's questions): kept here only to measure the former restorer.
FORMER_PHRASES = (
    "bao nhiêu", "ngày nào", "khi nào", "năm nào", "tỉnh nào", "là ai", "là gì", "những gì", "như thế nào",
    "ra sao", "ở đâu", "vì sao", "tại sao", "số mấy", "số hiệu gì", "tỷ lệ", "giữ chức vụ gì", "thì sao",
)


def index_texts(data_dir: Path) -> list[str]:
    """The chunk texts of an index, as `HybridRetriever.refresh` hands them to the restorer."""
    from ingest.store import connect

    settings = Settings(data_dir=data_dir)
    collection = connect(settings).get_collection(settings.collection)
    texts: list[str] = []
    while page := collection.get(include=["documents"], limit=500, offset=len(texts))["documents"]:
        texts.extend(t or "" for t in page)
    return texts


def dictionary_words() -> list[str]:
    """pyvi's word list (31k entries, general Vietnamese, not written for this project)."""
    return resources.files("pyvi").joinpath("models/words.txt").read_text(encoding="utf-8").splitlines()


VARIANTS: dict[str, Callable[[list[str]], DiacriticRestorer]] = {
    f"interrogatives x{INTERROGATIVE_WEIGHT} (shipped)": lambda texts: DiacriticRestorer(texts),
    "no prior (before)": lambda texts: DiacriticRestorer(texts, prior_weight=0),
    "prior x1": lambda texts: DiacriticRestorer(texts, prior_weight=1.0),
    "prior x3": lambda texts: DiacriticRestorer(texts, prior_weight=3.0),
    "interrogatives x3": lambda texts: DiacriticRestorer(texts, interrogative_weight=3),
    "interrogatives x50": lambda texts: DiacriticRestorer(texts, interrogative_weight=50),
    "corpus only": lambda texts: DiacriticRestorer(texts, interrogative_weight=0),
    "phrases x20 (former)": lambda texts: DiacriticRestorer(
        itertools.chain([" ".join(FORMER_PHRASES)] * 20, texts), interrogative_weight=0),
    "corpus + dictionary": lambda texts: DiacriticRestorer(itertools.chain(dictionary_words(), texts),
                                                           interrogative_weight=0),
}


def score(restorer: DiacriticRestorer, questions: Iterable[str]) -> dict[str, float]:
    words = right = marked = marked_right = exact = n = 0
    for question in questions:
        gold = [t.lower() for t in vn.tokenize(question)]
        restored = restorer.restore(vn.fold(question)).split()
        if len(restored) != len(gold):  # folding never changes the tokens; a guard, not an expected case
            restored = (restored + [""] * len(gold))[: len(gold)]
        hits = [g == r for g, r in zip(gold, restored)]
        n += 1
        words += len(gold)
        right += sum(hits)
        exact += all(hits)
        for g, hit in zip(gold, hits):
            if vn.has_diacritics(g):
                marked += 1
                marked_right += hit
    return {"questions": n, "words": words, "word_accuracy": round(right / max(words, 1), 4),
            "accented_word_accuracy": round(marked_right / max(marked, 1), 4),
            "questions_exact": round(exact / max(n, 1), 4)}


def question_sets() -> list[tuple[str, Path, list[str]]]:
    own = Path("data/bench/own")
    sets = [("train_answerability", own, [i.question for i in load_qa(Path("eval/data/train_answerability.jsonl"))])]
    if VIQUAD.exists():
        items = load_qa(VIQUAD)
        for half in ("report", "fit"):
            sets.append((f"viquad {half}", Path("data/bench/viquad"), [i.question for i in split(items, half)]))
    else:
        print(f"{VIQUAD} absent: viquad-dev skipped")
    sets.append(("qa.jsonl (written from)", own, [i.question for i in load_qa(Path("eval/data/qa.jsonl"))]))
    return [(name, data_dir, [q for q in questions if vn.has_diacritics(q)]) for name, data_dir, questions in sets]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("eval/bench/out/restore.json"))
    args = parser.parse_args(argv)
    rows = []
    texts_by_dir: dict[Path, list[str]] = {}
    for name, data_dir, questions in question_sets():
        if data_dir not in texts_by_dir:
            texts_by_dir[data_dir] = index_texts(data_dir)
        for variant, build in VARIANTS.items():
            started = time.perf_counter()
            figures = score(build(texts_by_dir[data_dir]), questions)
            rows.append({"set": name, "variant": variant, **figures,
                         "seconds": round(time.perf_counter() - started, 2)})
    columns = ["set", "variant", "questions", "words", "word_accuracy", "accented_word_accuracy",
               "questions_exact", "seconds"]
    print(markdown_table(rows, columns))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"measured": time.strftime("%Y-%m-%d"), "rows": rows}, ensure_ascii=False,
                                   indent=1) + "\n", encoding="utf-8")
    print(f"written: {args.out}")


if __name__ == "__main__":
    main()
