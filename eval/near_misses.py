"""Near misses made by machine: each answerable question of a set with one detail swapped for one the corpus never
writes — a year, a province, a document's number, a provincial department, a meeting's ordinal, a head's role for
its deputy's or the reverse ("Giám đốc Sở Tài chính" → "Phó Giám đốc Sở Tài chính") — so the documents no longer
answer it.

Why: written near misses are few (18 a set) and each tests one detail; the check that a question's details are in
its evidence needs hundreds. A swapped detail the corpus never writes cannot be answered from it, so every such
question is unanswerable by construction, with no one judging it. A follow-up is left out (its history would
have to be swapped too).

    python -m eval.near_misses eval/data/qa.jsonl … --out near.jsonl   (then: bcd eval near.jsonl --no-ablations)
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path
from typing import Any

from bcd import vietnamese as vn
from bcd.settings import Settings
from eval.dataset import load_qa
from retrieval.asked import roles_in
from retrieval.hybrid import HybridRetriever

_YEAR = re.compile(r"(?<![\d/.\-])(20[1-4]\d)(?![\d/])")
# a document's number as a question writes it: "NQ 57", "Kế hoạch số 99", "1875/QĐ-UBND", "25-CTr/TU"
_NUMBER = re.compile(r"(?i)(?<!\w)(?:(?:nq|kh|qđ|qd|tb|ctr|kl|nghị quyết|nghi quyet|kế hoạch|ke hoach|quyết định|"
                     r"quyet dinh|chương trình|chuong trinh|thông báo|thong bao)\s*(?:số\s*|so\s*)?)"
                     r"(?P<a>\d{1,4})(?!\d)"
                     r"|(?<![\w/])(?P<b>\d{1,4})(?=\s*[-/](?:NQ|KH|QĐ|QD|TB|CTr|KL)\b)")
YEAR_STEPS = (7, 9, -8)  # a year this far from the one asked, the first the corpus never writes
NUMBER_STEPS = (13, 31, 7)


def _swapped_year(question: str, corpus: str) -> str | None:
    if (m := _YEAR.search(question)) is None:
        return None
    year = int(m.group(1))
    new = next((str(year + step) for step in YEAR_STEPS if str(year + step) not in corpus), None)
    return None if new is None else question[:m.start(1)] + new + question[m.end(1):]


def _swapped_province(question: str, absent: list[str], rng: random.Random) -> str | None:
    folded = vn.fold(question).lower()  # (folding keeps offsets)
    for _, pattern in vn.province_patterns():
        if m := pattern.search(folded):
            new = rng.choice(absent)
            return question[:m.start()] + (new if vn.has_diacritics(question) else vn.fold(new)) + question[m.end():]
    return None


def _swapped_number(question: str, corpus: str) -> str | None:
    if (m := _NUMBER.search(question)) is None:
        return None
    group = "a" if m.group("a") else "b"
    number = int(m.group(group))
    new = next((str(number + step) for step in NUMBER_STEPS
                if not re.search(rf"(?<![\d/.,]){number + step}(?!\d)", corpus)), None)
    return None if new is None else question[:m.start(group)] + new + question[m.end(group):]


# a meeting or a time told by its ordinal: "phiên họp thứ hai", "lần thứ nhất", "phien hop thu hai"
_ORDINAL = re.compile(r"(?i)(?<!\w)(?P<noun>phiên họp|phien hop|hội nghị|hoi nghi|kỳ họp|ky hop|phiên|phien|lần|lan)"
                      r"\s+(?:thứ|thu)\s+(?P<ordinal>nhất|nhat|hai|ba|tư|tu|năm|nam|sáu|sau|bảy|bay|tám|tam)(?!\w)")
ORDINALS = ("hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")


def _swapped_ordinal(question: str, corpus: str) -> str | None:
    if (m := _ORDINAL.search(question)) is None:
        return None
    noun = vn.fold(m.group("noun")).lower()
    new = next((o for o in ORDINALS if vn.fold(o) != vn.fold(m.group("ordinal")).lower()
                and f"{noun} thu {vn.fold(o)}" not in corpus), None)
    if new is None:
        return None
    return question[:m.start("ordinal")] + (new if vn.has_diacritics(question) else vn.fold(new)) + \
        question[m.end("ordinal"):]


def _swapped_department(question: str, absent: list[str], rng: random.Random) -> str | None:
    folded = vn.fold(question).lower()  # (folding keeps offsets)
    for spellings in vn.department_spellings().values():
        for spelling in sorted(spellings, key=len, reverse=True):
            if m := re.search(rf"(?<!\w){re.escape(vn.fold(spelling).lower())}(?!\w)", folded):
                new = rng.choice(absent)
                return question[:m.start()] + (new if vn.has_diacritics(question) else vn.fold(new)) + \
                    question[m.end():]
    return None


def _swapped_role(question: str, written: str) -> str | None:
    """A role of a body with "Phó" put in or taken out ("Giám đốc Sở Tài chính" → "Phó Giám đốc Sở Tài chính"),
    where no document writes the new role of that body (`written`: the corpus spelled out, folded)."""
    folded = vn.fold(question).lower()  # (folding keeps offsets)
    for role, of in sorted(roles_in(question)):
        # not "trưởng" alone (also the end of "môi trường"), nor a role of a province ("Bí thư Lào Cai": its deputy
        # may be written as of the province's party committee)
        if not of or len(role.split()) == 1 or vn.province_mentions(" ".join(of)):
            continue
        new = role.removeprefix("pho ") if role.startswith("pho ") else f"pho {role}"
        phrase = re.escape(" ".join([new, *of]))  # (a head's role is not the end of its deputy's: "phó giám đốc")
        if re.search(rf"(?<!\w)(?<!pho ){phrase}(?!\w)", written) or not (
                m := re.search(rf"(?<!\w){re.escape(role)}(?!\w)", folded)):
            continue
        if role.startswith("pho "):
            return question[:m.start()] + question[m.start() + len("pho "):]
        deputy = "Phó " if question[m.start()].isupper() else "phó "
        return question[:m.start()] + (deputy if vn.has_diacritics(question) else vn.fold(deputy)) + \
            question[m.start():]
    return None


def near_misses(items: list[Any], corpus_texts: list[str], seed: int = 7, prefix: str = "") -> list[dict[str, Any]]:
    """The near misses of the answerable, standalone questions: up to one per kind of swap, each unanswerable."""
    corpus = vn.fold(" ".join(corpus_texts)).lower()
    absent = [name for name, pattern in vn.province_patterns() if not pattern.search(corpus)]
    written = vn.departments_named(" ".join(corpus_texts))
    unwritten = [name for name in vn.department_spellings() if name not in written]
    spelled = vn.fold(vn.expand_abbreviations(" ".join(corpus_texts))).lower()
    rng = random.Random(seed)
    made: list[dict[str, Any]] = []
    for item in items:
        if not item.answerable or item.history or item.reading_comprehension:
            continue
        swaps = {"year": _swapped_year(item.question, corpus),
                 "province": _swapped_province(item.question, absent, rng) if absent else None,
                 "number": _swapped_number(item.question, corpus),
                 "department": _swapped_department(item.question, unwritten, rng) if unwritten else None,
                 "ordinal": _swapped_ordinal(item.question, corpus),
                 "role": _swapped_role(item.question, spelled)}
        made += [{"id": f"{prefix}{item.id}:{kind}", "question": question, "answer": "", "evidence": [],
                  "type": "unanswerable", "history": []} for kind, question in swaps.items() if question]
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", type=Path, help="Q&A sets in our format")
    parser.add_argument("--out", type=Path, required=True, help="where the near misses go (JSONL)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    retriever = HybridRetriever(Settings())
    if not retriever.texts:
        print("the index is empty: ingest the corpus first (`bcd ingest corpus`)", file=sys.stderr)
        return 1
    made = [row for path in args.sets
            for row in near_misses(load_qa(path), retriever.texts, args.seed, prefix=f"{path.stem}:")]
    args.out.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in made), encoding="utf-8")
    print(f"{len(made)} near misses → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
