"""The key terms of a question and how much of them a sentence holds."""

from __future__ import annotations

from retrieval.coverage import coverage, key_terms, passage_terms


def test_a_compound_word_straddling_a_province_name_is_no_key_term() -> None:
    """"Nam Định vị trí …" segments as "định_vị_trí": the province is weighed as a place, not again as part of a
    word a sentence about Nam Định would never contain (the check compared accented syllables with folded ones)."""
    terms = key_terms("Nam Định vị trí chiến lược trong vùng đồng bằng sông Hồng là gì?", lambda term: 2.0)
    assert not any("dinh" in term for term in terms.weights), terms.weights
    assert terms.weights["chien_luoc"] > 0 and terms.provinces


def test_what_a_question_sets_aside_weighs_least() -> None:
    """"Ngoài vai trò trong Ban Chỉ đạo thì Lê Văn Tâm còn giữ chức vụ gì?" does not ask about the role it sets
    aside: a sentence about that role is no answer, the one naming his other posts need not repeat it."""
    terms = key_terms("Ngoài vai trò trong Ban Chỉ đạo thì Lê Văn Tâm còn giữ chức vụ gì?", lambda term: 2.0)
    assert terms.weights["vai_tro"] < terms.weights["chuc_vu"] and terms.weights["tam"] == 2.0, terms.weights
    plain = key_terms("Vai trò của Lê Văn Tâm trong Ban Chỉ đạo là gì?", lambda term: 2.0)
    assert plain.weights["vai"] == 2.0 and not plain.aside  # asked, not set aside
    # after the setting a question opens with, and what is set aside alone kept apart
    after = key_terms("QĐ 12/QĐ-UBND: ngoài Phó Trưởng ban thường trực, Phó Trưởng ban còn lại là ai?", lambda t: 2.0)
    assert after.aside == {"thuong", "truc", "thuong_truc"} and after.weights["thuong"] < after.weights["pho"]


def test_the_words_asking_for_a_share_are_no_topic() -> None:
    """"… đạt bao nhiêu phần trăm?" asks a share as "bao nhiêu" asks a number: "điểm phần trăm" in a sentence about
    another rate matches nothing asked."""
    key = key_terms("Chi cho khoa học đạt bao nhiêu phần trăm?", lambda _: 1.0)
    assert "phan" not in key.weights and "tram" not in key.weights and "khoa" in key.weights
    assert "phan" in key_terms("Phần trăm hộ dân có cáp quang là bao nhiêu?", lambda _: 1.0).weights


def test_words_about_the_documents_themselves_are_no_topic() -> None:
    """"… được nhắc tên trong tài liệu là ai?" asks nothing of the documents' content with "nhắc", "tên", "tài liệu":
    the sentence naming the person does not repeat them; "số hóa tài liệu" is a topic."""
    terms = key_terms("Giám đốc Sở Tư pháp Sơn La được nhắc tên trong tài liệu là ai?", lambda term: 2.0)
    assert {"nhac", "ten", "tai", "lieu"}.isdisjoint(terms.weights) and terms.weights["giam"] == 2.0, terms.weights
    assert "lieu" in key_terms("Việc số hóa tài liệu lưu trữ đạt bao nhiêu?", lambda term: 2.0).weights


def test_a_date_written_in_words_holds_the_day_and_month_a_question_writes_with_slashes() -> None:
    """"phiên họp ngày 06/11/2025", "đến phiên họp tháng 11/2025": a notice writes "Ngày 06 tháng 11 năm 2025"."""
    terms = passage_terms("Ngày 06 tháng 11 năm 2025, tại trụ sở Ủy ban nhân dân tỉnh, Ban Chỉ đạo họp phiên thứ hai.")
    assert {"06/11/2025", "6/11/2025", "11/2025"} <= terms
    assert {"01/2026", "1/2026", "15/1/2026"} <= passage_terms("hoàn thành trước ngày 15/01/2026")
    assert "3/2025" not in passage_terms("Sáng 20/3, hội nghị khai mạc.")  # no year written: no month of one
    asked = key_terms("Phiên họp ngày 06/11/2025 là phiên thứ mấy?", lambda term: 2.0)
    assert coverage(asked, "Ngày 06 tháng 11 năm 2025, Ban Chỉ đạo họp phiên thứ hai.") > coverage(
        asked, "Ngày 20 tháng 3 năm 2025, Ban Chỉ đạo họp phiên thứ hai.")


def test_what_a_named_document_does_to_the_things_a_list_asks_of_it_weighs_least() -> None:
    """"Thông báo 15 giao những nhiệm vụ gì?" is answered by its tasks, which do not repeat "giao"; "giao Sở Nội vụ
    những nhiệm vụ gì" names to whom, and a verb of the thing asked ("hỗ trợ những doanh nghiệp nào") is its topic."""
    listed = key_terms("Thông báo 15 giao những nhiệm vụ gì?", lambda term: 2.0).weights
    assert listed["giao"] < listed["nhiem"]
    assert key_terms("tb 15 giao nhung nhiem vu gi", lambda term: 2.0).weights["giao"] < 1.0
    assert key_terms("KH 99 giao Sở Nội vụ những nhiệm vụ gì?", lambda term: 2.0).weights["giao"] == 2.0
    assert key_terms("KH 99 hỗ trợ những doanh nghiệp nào?", lambda term: 2.0).weights["ho"] == 2.0
