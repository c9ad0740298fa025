"""Which passages and sentences an answer is drawn from."""

from __future__ import annotations

from chat.evidence import answer_passages
from retrieval.hybrid import Hit
from retrieval.question import analyse_question


def _hit(doc: str, index: int, text: str = "") -> Hit:
    return Hit(f"{doc}:{index}", doc, text or f"{doc} {index}", 1.0, {"chunk_index": index})


def test_a_when_or_where_question_also_reads_the_opening_of_the_reports_it_found() -> None:
    """A news report says when and where in its lead ("Sáng ngày 13/01/2025, … tổ chức hội nghị …"), while the
    question's other words ("quán triệt nghị quyết") match later paragraphs best: the lead of a document among
    the best passages is read too, when retrieval found it further down; other documents' leads are not."""
    contexts = [_hit("ha-nam", 4), _hit("nam-dinh", 1), _hit("ha-nam", 5), _hit("lao-cai", 0), _hit("ha-nam", 0)]
    when = answer_passages(analyse_question("Hội nghị toàn quốc quán triệt nghị quyết diễn ra khi nào?"), contexts, 3)
    assert [p.hit.chunk_id for p in when] == ["ha-nam:4", "nam-dinh:1", "ha-nam:5", "ha-nam:0"]
    assert [p.n for p in when] == [1, 2, 3, 4]
    who = answer_passages(analyse_question("Ai phát biểu tại hội nghị toàn quốc?"), contexts, 3)
    assert [p.hit.chunk_id for p in who] == ["ha-nam:4", "nam-dinh:1", "ha-nam:5"]
