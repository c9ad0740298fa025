"""The shipped Q&A set is well-formed, covers the corpus, and every evidence span is verbatim source text."""

from collections import Counter
from pathlib import Path

import pytest

from eval.dataset import QUESTION_TYPES, DatasetError, load_qa
from ingest.clean import clean

QA = Path(__file__).resolve().parents[2] / "eval" / "data" / "qa.jsonl"
TRAIN = QA.with_name("train_answerability.jsonl")  # fits the answerability model; never evaluated on


@pytest.fixture(scope="module")
def items():
    return load_qa(QA)


@pytest.fixture(scope="module")
def cleaned(corpus_dir: Path) -> dict[str, str]:
    return {p.stem: clean(p.read_text("utf-8")).text for p in corpus_dir.glob("*.txt")}


def test_size_and_type_coverage(items) -> None:
    types = Counter(i.type for i in items)
    assert len(items) >= 80
    assert set(QUESTION_TYPES) - {"open"} <= set(types) <= set(QUESTION_TYPES)
    assert types["unanswerable"] >= 10
    assert types["no-diacritics"] + types["abbrev"] >= 15


def test_every_evidence_span_is_in_a_cleaned_document(items, cleaned) -> None:
    for item in items:
        for span in item.evidence:
            assert any(span in text for text in cleaned.values()), f"{item.id}: {span!r} not in the corpus"


def test_training_questions_are_verbatim_and_apart_from_the_evaluation_set(items, cleaned) -> None:
    from bcd import vietnamese as vn

    train = load_qa(TRAIN)
    assert {i.type for i in train} <= set(QUESTION_TYPES)
    assert sum(not i.answerable for i in train) >= 20 and sum(i.answerable for i in train) >= 40
    for item in train:
        for span in item.evidence:
            assert any(span in text for text in cleaned.values()), f"{item.id}: {span!r} not in the corpus"
    asked = {" ".join(vn.fold(i.question).lower().split()) for i in items}
    assert not [i.id for i in train if " ".join(vn.fold(i.question).lower().split()) in asked]


def test_every_document_is_covered(items, cleaned) -> None:
    covered = {doc for item in items for span in item.evidence for doc, text in cleaned.items() if span in text}
    assert covered == set(cleaned)


def test_answerable_questions_have_facts_and_unanswerable_have_none(items) -> None:
    for item in items:
        assert (item.type == "unanswerable") == (not item.answerable), item.id
        assert bool(item.facts) == item.answerable, item.id
    assert all(i.history for i in items if i.type == "follow-up")


def test_bad_files_are_rejected_with_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "question": "x"}\n{"id": "a", "question": "y"}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="bad.jsonl:2: duplicate id"):
        load_qa(bad)
    bad.write_text('{"id": "a", "question": ""}\n', encoding="utf-8")
    with pytest.raises(DatasetError, match="bad.jsonl:1"):
        load_qa(bad)
