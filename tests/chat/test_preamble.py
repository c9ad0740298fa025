"""What an asker says before the question (greetings, who they are, where they live) is set aside; what they say
they heard or read of the documents stays; the province they live in heads a question that names none."""

from __future__ import annotations

from chat.preamble import without_preamble


def test_greetings_and_a_self_introduction_are_set_aside() -> None:
    asked = without_preamble("Kính chào ban biên tập. Tôi là thợ may ở huyện Kim Bôi. Sở nào chủ trì việc cấp chữ "
                             "ký số cho người dân?")
    assert asked == "Sở nào chủ trì việc cấp chữ ký số cho người dân?"  # (no "huyện Kim Bôi" left to be asked of)


def test_the_province_the_asker_lives_in_heads_a_question_naming_none() -> None:
    asked = without_preamble("Alo, đài ơi, tôi đang sống ở xã Tân Hưng, Quảng Ngãi. Kế hoạch của tỉnh đặt bao nhiêu "
                             "lớp tập huấn?")
    assert asked == "Quảng Ngãi: Kế hoạch của tỉnh đặt bao nhiêu lớp tập huấn?"
    named = without_preamble("Tôi ở Quảng Ngãi. Ở Yên Bái có bao nhiêu lớp tập huấn?")
    assert named == "Ở Yên Bái có bao nhiêu lớp tập huấn?"  # (the question names its own province)


def test_what_the_asker_heard_of_the_documents_stays() -> None:
    asked = without_preamble("Dạ, tôi là giáo viên. Tôi nghe nói kế hoạch có giao Sở Giáo dục mở lớp lập trình. "
                             "Hạn hoàn thành là khi nào ạ?")
    assert asked == "Tôi nghe nói kế hoạch có giao Sở Giáo dục mở lớp lập trình. Hạn hoàn thành là khi nào ạ?"


def test_a_call_s_opening_question_and_a_host_passing_a_question_on_are_no_question() -> None:
    assert without_preamble("A lô, nghe rõ không ạ? Ai ký quyết định thành lập tổ công tác?") == \
        "Ai ký quyết định thành lập tổ công tác?"
    assert without_preamble("Chương trình nhận được câu hỏi của anh Lò Văn Pọm ở Mường La: tổ công tác có mấy "
                            "thành viên?") == "Tổ công tác có mấy thành viên?"


def test_a_question_with_nothing_before_it_or_nothing_after_the_courtesy_is_kept_whole() -> None:
    for question in ("Ai ký quyết định thành lập tổ công tác?", "Xin chào, ai ký quyết định thành lập tổ công tác?",
                     "Tôi là cán bộ xã."):
        assert without_preamble(question) == question


def test_what_the_asker_adds_of_themselves_after_asking_is_set_aside() -> None:
    """"… những quan điểm gì? Tôi cần ghi lại từng ý.": what the asker needs the answer for asks nothing; what they
    want to know said after the question ("Tôi muốn biết …") and a second question stay."""
    assert without_preamble("Quy chế của Sơn La nêu những nguyên tắc gì? Tôi cần ghi lại từng ý.") == \
        "Quy chế của Sơn La nêu những nguyên tắc gì?"
    assert without_preamble("Chào chương trình, tôi là giáo viên. Yên Bái mở mấy lớp? Xin cảm ơn chương trình.") == \
        "Yên Bái mở mấy lớp?"
    assert without_preamble("Quy chế của Yên Bái có 12 điều. Điều nào nói về hội đồng? Xin cảm ơn.") == \
        "Quy chế của Yên Bái có 12 điều. Điều nào nói về hội đồng?"  # (what is said before it stays)
    kept = "Quy chế có mấy nguyên tắc? Tôi muốn biết nguyên tắc thứ hai."
    assert without_preamble(kept) == kept
    assert without_preamble("Ai ký quy chế? Còn ngày nào?") == "Ai ký quy chế? Còn ngày nào?"
