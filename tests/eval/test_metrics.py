import math

import pytest

from eval.metrics import key_fact_correct, percentile, retrieval_metrics


def test_perfect_and_empty_rankings() -> None:
    perfect = retrieval_metrics([True] + [False] * 9, total_relevant=1)
    assert perfect == {"hit@1": 1.0, "hit@3": 1.0, "hit@5": 1.0, "hit@10": 1.0, "mrr@10": 1.0, "ndcg@10": 1.0}
    missed = retrieval_metrics([False] * 10, total_relevant=1)
    assert all(v == 0.0 for v in missed.values())


def test_relevant_at_rank_four() -> None:
    m = retrieval_metrics([False, False, False, True, False], total_relevant=1)
    assert (m["hit@1"], m["hit@3"], m["hit@5"]) == (0.0, 0.0, 1.0)
    assert m["mrr@10"] == pytest.approx(0.25)
    assert m["ndcg@10"] == pytest.approx(1 / math.log2(5))


def test_ndcg_uses_all_relevant_items_of_the_index() -> None:
    one_of_two = retrieval_metrics([True, False], total_relevant=2)
    assert one_of_two["ndcg@10"] == pytest.approx(1 / (1 + 1 / math.log2(3)))


def test_key_facts_match_whatever_the_typing() -> None:
    assert key_fact_correct("Đồng chí Đặng Khánh Toàn, Bí thư", ["dang khanh toan"])
    assert key_fact_correct("có 4.607 trạm và 2 trung tâm", ["4.607", "2 trung tâm"])
    assert not key_fact_correct("có 4.607 trạm", ["4.607", "84,2%"])
    assert not key_fact_correct("bất cứ gì", [])


def test_percentile() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == pytest.approx(2.5)
    assert percentile([], 95) == 0.0


def test_reading_comprehension_scoring() -> None:
    from eval.metrics import auc, gold_contained, token_f1

    assert gold_contained("Ngày 18 tháng 1 năm 1871 [1]", ["18 tháng 1 năm 1871"])
    assert gold_contained("Vùng Thanh Hoá", ["thanh hóa"])  # one tone placement, case-folded
    assert not gold_contained("năm 1870", ["1871"])
    assert token_f1("năm 1871", ["năm 1871"]) == 1.0
    assert token_f1("vào năm 1871 [2].", ["1871"]) == pytest.approx(2 * (1 / 3) / (1 + 1 / 3))
    assert token_f1("không liên quan", ["1871"]) == 0.0
    assert auc([0.9, 0.8], [0.1, 0.2]) == 1.0 and auc([0.1], [0.9]) == 0.0 and auc([0.5], [0.5]) == 0.5
    assert auc([0.5], []) is None


def test_a_date_fact_counts_in_either_written_form() -> None:
    from eval.metrics import contains_fact

    assert contains_fact("Nghị quyết được ban hành ngày 14/03/2025 [1].", "14 tháng 3 năm 2025")
    assert contains_fact("ký ngày 14 tháng 3 năm 2025", "14/3/2025")
    assert not contains_fact("ký ngày 15/03/2025", "14 tháng 3 năm 2025")
    assert not contains_fact("trong năm 2025", "14 tháng 3 năm 2025")
    assert not contains_fact("ngày 14/3/2025 tại Hà Nội", "Hội nghị ngày 14/3/2025 tại Hòa Bình")  # more than a date


def test_a_quarter_fact_counts_in_roman_or_arabic_figures() -> None:
    """A scan's OCR reads "quý I/2026" as "quý 1/2026"; a reader copying the page writes the Roman figure."""
    from eval.metrics import contains_fact

    assert contains_fact("bảo đảm đạt trên 70% trong quý 1/2027 [1]", "trên 70% trong quý I/2027")
    assert contains_fact("hoàn thành trong Quý III/2026", "quý 3/2026")
    assert not contains_fact("hoàn thành trong quý 2/2026", "quý I/2026")
    assert contains_fact("Thời hạn: Quý II/2026", "II/2026")  # (a fact copied without its "quý")


def test_the_opening_fact_of_an_answer_is_what_its_lead_f1_scores() -> None:
    from eval.runner import opening_fact

    assert opening_fact("năm 905 — Quan sát sớm nhất là vào năm 905. [1]") == "năm 905"
    assert opening_fact("Quan sát sớm nhất là vào năm 905. [1]") == "Quan sát sớm nhất là vào năm 905. [1]"
