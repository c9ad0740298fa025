"""Task extraction measured against the hand-labelled tasks of the five sample documents.

    python -m eval.tasks_eval [--formats docx pdf scan] [--out eval/out/tasks.json]

eval/data/samples_tasks.jsonl holds every task the samples assign (written by hand from
eval/data/samples/*.txt: table rows and numbered paragraphs that give an agency work or a deadline). The
samples are rendered in each format (`eval.samples`), each format ingested by the real pipeline into its own
temporary data directory (so the store's tasks are what `bcd tasks` would list), and the store's tasks
matched one-to-one to the labelled ones of the same document by text similarity. Per field and per format:
precision (predicted values that are right / values predicted) and recall (right values / labelled values);
partners count per agency. "task" is detection itself: a predicted task matched to a labelled one.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from bcd import vietnamese as vn
from bcd.settings import Settings
from eval.report import markdown_table
from eval.samples import FORMATS, load_samples, render

LABELS = Path(__file__).resolve().parent / "data" / "samples_tasks.jsonl"
FIELDS = ("task", "text", "lead", "partners", "deadline_text", "due", "recurring", "output")
MATCH_RATIO = 0.6  # below this two texts are not the same task (OCR noise stays well above it)


def load_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def same(a: Any, b: Any) -> bool:
    """Equal up to case, spacing, tone placement and trailing punctuation."""
    def norm(x: Any) -> str:
        return " ".join(vn.normalize(str(x)).casefold().split()).strip(" .;,")
    return norm(a) == norm(b)


def _value(task: dict[str, Any], name: str) -> Any:
    value = task.get(name)
    return value if value not in ("", [], False) else None


def match(predicted: list[dict[str, Any]], labelled: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted index, labelled index), most similar texts first."""
    scores = sorted(((difflib.SequenceMatcher(None, vn.normalize(p["text"]).casefold(),
                                              vn.normalize(l["text"]).casefold()).ratio(), i, j)
                     for i, p in enumerate(predicted) for j, l in enumerate(labelled)
                     if p["doc"] == l["doc"]), reverse=True)
    pairs, used_p, used_l = [], set(), set()
    for ratio, i, j in scores:
        if ratio >= MATCH_RATIO and i not in used_p and j not in used_l:
            pairs.append((i, j))
            used_p.add(i)
            used_l.add(j)
    return pairs


def score(predicted: list[dict[str, Any]], labelled: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision and recall per field, and the mistakes (for reading, not for tuning to)."""
    pairs = match(predicted, labelled)
    counts = {f: {"right": 0, "predicted": 0, "labelled": 0} for f in FIELDS}
    mistakes: list[dict[str, Any]] = []
    counts["task"] = {"right": len(pairs), "predicted": len(predicted), "labelled": len(labelled)}
    partner_of = {i: j for i, j in pairs}
    for name in FIELDS[1:]:
        for i, p in enumerate(predicted):
            l = labelled[partner_of[i]] if i in partner_of else None
            if name == "partners":
                got, want = p.get("partners") or [], (l or {}).get("partners") or []
                right = sum(any(same(g, w) for w in want) for g in got)
                counts[name]["predicted"] += len(got)
                counts[name]["right"] += right
                if l is not None and (right != len(got) or right != len(want)):
                    mistakes.append({"field": name, "text": l["text"][:80], "got": got, "want": want})
                continue
            got = _value(p, name)
            want = _value(l, name) if l is not None else None
            counts[name]["predicted"] += got is not None
            ok = got is not None and want is not None and same(got, want)
            counts[name]["right"] += ok
            if l is not None and not ok and (got is not None or want is not None):
                mistakes.append({"field": name, "text": l["text"][:80], "got": got, "want": want})
        for l in labelled:
            counts[name]["labelled"] += len(l.get("partners") or []) if name == "partners" else (
                _value(l, name) is not None)
    unmatched_p = sorted(set(range(len(predicted))) - set(partner_of))
    unmatched_l = sorted(set(range(len(labelled))) - {j for _, j in pairs})
    fields = {}
    for name, c in counts.items():
        fields[name] = {**c, "precision": round(c["right"] / c["predicted"], 3) if c["predicted"] else None,
                        "recall": round(c["right"] / c["labelled"], 3) if c["labelled"] else None}
    return {"fields": fields, "mistakes": mistakes,
            "extra": [predicted[i]["text"][:100] for i in unmatched_p],
            "missed": [labelled[j]["text"][:100] for j in unmatched_l]}


def extract_format(fmt: str, work: Path, embeddings: Any) -> tuple[list[dict[str, Any]], float]:
    """Render the samples in one format, ingest them, and read the store's tasks back."""
    from ingest.pipeline import Ingestor
    from ingest.tasks import TaskStore

    samples = load_samples()
    folder = work / fmt
    for sample in samples:
        render(sample, folder / "files", (fmt,))
    if fmt == "scan":  # render() writes the text PDF the scan is made from beside it; only the scan counts
        for path in (folder / "files").glob("*.pdf"):
            if not path.stem.endswith("-ban-quet"):
                path.unlink()
    settings = Settings(data_dir=folder / "data")
    started = time.perf_counter()
    report = Ingestor(settings, embeddings=embeddings).ingest([folder / "files"], progress=False)
    seconds = time.perf_counter() - started
    if report.failed:
        raise RuntimeError(f"{fmt}: {report.failed}")
    files = sorted((s.file for s in samples), key=len, reverse=True)
    predicted = []
    for task in TaskStore(settings.tasks_db).query():
        row = task.to_dict()
        row["doc"] = next(f for f in files if task.doc_id.startswith(f))
        predicted.append(row)
    return predicted, seconds


def _quarter(day: str) -> tuple[int, int]:
    value = date.fromisoformat(day)
    return value.year, (value.month - 1) // 3 + 1


def list_answers(data_dir: Path, labelled: list[dict[str, Any]], embeddings: Any) -> dict[str, Any]:
    """The completeness of list answers: every lead agency's "… chủ trì những nhiệm vụ nào?" and every
    quarter's "Nhiệm vụ nào đến hạn trong quý …?" asked of the chat service; recall = labelled tasks of that
    agency or quarter cited in the answer, precision = cited rows that are such a task (none invented)."""
    from chat.service import ChatService
    from retrieval.filters import TRUSTED
    from retrieval.hybrid import HybridRetriever

    settings = Settings(data_dir=data_dir)
    service = ChatService(settings, retriever=HybridRetriever(settings, embeddings))
    questions: list[tuple[str, list[dict[str, Any]]]] = []
    for agency in sorted({t["lead"] for t in labelled if t["lead"]}):
        questions.append((f"{agency} chủ trì những nhiệm vụ nào?", [t for t in labelled if t["lead"] == agency]))
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}
    for year, quarter in sorted({_quarter(t["due"]) for t in labelled if t["due"] and not t["recurring"]}):
        questions.append((f"Những nhiệm vụ nào đến hạn trong quý {roman[quarter]}/{year}?",
                          [t for t in labelled if t["due"] and not t["recurring"] and _quarter(t["due"]) == (year, quarter)]))
    found = expected = cited = right = complete = 0
    failures = []
    for question, wanted in questions:
        answer = service.answer(question, viewer=TRUSTED)
        quotes = [vn.fold(vn.normalize(c.quote)).lower() for c in answer.citations]
        hits = [t for t in wanted if any(vn.fold(vn.normalize(t["text"])).lower() in q for q in quotes)]
        good = [q for q in quotes if any(vn.fold(vn.normalize(t["text"])).lower() in q for t in wanted)]
        found, expected = found + len(hits), expected + len(wanted)
        cited, right = cited + len(quotes), right + len(good)
        complete += len(hits) == len(wanted) and len(good) == len(quotes)
        if len(hits) < len(wanted) or len(good) < len(quotes):
            failures.append({"question": question, "expected": len(wanted), "found": len(hits),
                             "cited": len(quotes), "right": len(good)})
    return {"questions": len(questions), "complete": complete, "recall": found / max(expected, 1),
            "precision": right / max(cited, 1), "failures": failures}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), choices=FORMATS)
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--out", type=Path, default=Path("eval/out/tasks.json"))
    args = parser.parse_args(argv)
    from ingest.embed import get_embeddings

    labelled = load_labels(args.labels)
    embeddings = get_embeddings(Settings())
    rows, details = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in args.formats:
            predicted, seconds = extract_format(fmt, Path(tmp), embeddings)
            result = score(predicted, labelled)
            result["lists"] = lists = list_answers(Path(tmp) / fmt / "data", labelled, embeddings)
            details[fmt] = result
            print(f"{fmt}: list answers complete for {lists['complete']}/{lists['questions']} questions, "
                  f"recall {lists['recall']:.3f}, precision {lists['precision']:.3f}", flush=True)
            for name, f in result["fields"].items():
                rows.append({"format": fmt, "field": name, **f})
            print(f"{fmt}: {len(predicted)} tasks extracted, ingest {seconds:.1f} s", flush=True)
    table = markdown_table(rows, ["format", "field", "precision", "recall", "right", "predicted", "labelled"])
    print(table)
    for fmt, result in details.items():
        for kind in ("missed", "extra"):
            for text in result[kind]:
                print(f"{fmt} {kind}: {text}")
        for m in result["mistakes"]:
            print(f"{fmt} {m['field']}: got {m['got']!r}, want {m['want']!r} ({m['text']})")
    out = {"labelled_tasks": len(labelled), "load_average_1min": round(os.getloadavg()[0], 1),
           "rows": rows, "details": details}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
