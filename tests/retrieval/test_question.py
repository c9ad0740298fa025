"""The one question analysis: kinds, places, entities, informal forms (no corpus, no model)."""

from __future__ import annotations

import pytest

from retrieval.acronyms import AcronymReader
from retrieval.question import EmptyQueryError, analyse_question, named_places
from tests.questions import NAM_DINH_HEAD


@pytest.mark.parametrize(("question", "kind"), [
    ("Hội nghị diễn ra vào năm nào?", "date"),
    ("Trận Waterloo xảy ra khi nào?", "date"),
    ("Có bao nhiêu xã hoàn thành?", "count"),
    ("co bao nhieu xa hoan thanh", "count"),
    ("Người chủ trì phiên họp là ai?", "person"),
    ("Cơ quan nào chủ trì việc lắp đặt?", "organisation"),
    ("Cơ quan phối hợp của nhiệm vụ “Lắp đặt trạm 5G” là gì?", "organisation"),  # the bodies of that column
    ("Cơ quan chủ trì nhiệm vụ “Lắp đặt trạm 5G”?", "organisation"),  # asking nothing else
    ("Thế trong Kế hoạch 31 thì cơ quan thường trực là ai?", "organisation"),  # a body, though asked "ai"
    ("Sở Nội vụ định kỳ báo cáo ai?", "organisation"),  # whom a report goes to is a body
    ("Ai báo cáo kết quả tại hội nghị?", "person"),  # who reports is someone
    ("Ai là Trưởng ban Chỉ đạo tỉnh Sơn La?", "person"),
    ("Huyện Mường Tè đứng thứ mấy cả tỉnh về chuyển đổi số?", "count"),
    ("Cơ quan thường trực phải báo cáo khi nào?", "date"),
    ("Nhiệm vụ của cơ quan thường trực là gì?", None),  # its duties, not a body
    ("Lễ khai mạc diễn ra tại hội trường nào?", "place"),  # a hall, not a school ("trường nào")
    ("Em học trường nào?", "organisation"),
    ("Lễ ký kết được tổ chức ở đâu?", "place"),
    ("Tỉnh đứng ở đâu so với cả nước về chuyển đổi số?", None),  # a standing, not a place
    ("Văn bản đó có số hiệu gì?", "doc_number"),
    ("Bộ máy của Ban Chỉ đạo được tổ chức ra sao?", None),  # "máy" is not "mấy"
    ("Tỷ lệ hồ sơ trực tuyến đạt được nhờ những giải pháp gì?", "count"),
    ("Bộ đề nghị lập viện quốc gia nào?", "organisation"),  # an institute, not a country
    ("Doanh nghiệp đến từ quốc gia nào?", "place"),
    ("So sánh người đứng đầu hai Ban Chỉ đạo.", "person"),
    ("Những chương trình hành động cấp tỉnh nào đã được ban hành?", "doc_number"),  # "cấp tỉnh" is a level
    ("Tỉnh nào ban hành chương trình hành động sớm nhất?", "place"),
    ("Đơn vị nào chủ trì lễ phát động?", "organisation"),  # "vị nào" inside "đơn vị nào" asks for no person
    ("Vị nào chủ trì lễ phát động?", "person"),
    ("Tại lễ phát động, những lãnh đạo nào đã phát biểu?", "person"),  # leaders, members, delegates are people
    ("Tổ công tác có những thành viên nào?", "person"),
    ("Cơ quan lãnh đạo nào chỉ đạo lễ phát động?", None),  # a leading body is no person
    ("Tên gọi nào được Abd AI-Rahman dùng cho thiên hà?", None),  # "AI" is part of a name
    ("AI LÀ NGƯỜI CHỦ TRÌ?", "person"),
    ("Diễn tập được tổ chức vào tháng mấy?", "date"),  # a unit of time before "mấy" names one
    ("Diễn tập kéo dài mấy tháng?", "count"),  # ... after it counts them
    ("dien tap to chuc quy may", "date"),
    ("Ngày hội sẽ được tổ chức ở địa điểm nào?", "place"),
    ("Những xã nào chưa nộp báo cáo quý?", "place"),  # a local unit asked for
    ("Thời hạn hoàn thành?", "date"),  # a deadline named alone (a follow-up) asks a date
    ("Lò Văn Mạnh là ai?", "role"),  # the posts of someone named
    ("Bà Quàng Thị Hoa giữ chức vụ gì ở Sở?", "role"),
    ("Bà Quàng Thị Hoa giữ chức vụ chuyên môn gì?", "role"),  # (two words qualify the post)
    ("Bà Quàng Thị Hoa có vai trò j ở Sở?", "role"),  # (shorthand spelled out)
    ("Ai là Giám đốc Sở Y tế?", "person"),  # someone in a post
    ("còn phó giám đốc là ai? (Lò Văn Mạnh)", "person"),  # the person of a carried topic is not the one asked
    ("Giám đốc Sở Y tế tỉnh Sơn La tên là gì?", "person"),  # a name asked of someone in a role
    ("Hai vị phát biểu đầu tiên tên gì?", "person"),
    ("Chương trình mới của tỉnh có tên là gì?", None),  # a name asked of something
    ("Đơn vị phối hợp của dự án có tên là gì?", None),  # "đơn vị" is a unit, no "vị" (person)
    ("Đ/c PCT UBND tỉnh nào phát biểu về đất đai?", "person"),  # the comrade, not the province
    ("Tại hội nghị ở Yên Bái, Giám đốc Sở Tài chính tỉnh nào báo cáo?", "person"),  # its province is named
    ("Giám đốc Sở Tài chính tỉnh nào báo cáo trước?", "place"),  # none named: which province's
    ("Đồng chí Lò Văn Mạnh đề nghị tập trung vào lĩnh vực nào?", None),
    ("Kế hoạch của Tỉnh ủy Sơn La là số bao nhiêu?", "doc_number"),  # a document's number, not a count
    ("Kế hoạch đạt con số bao nhiêu?", "count"),
    ("Thời gian tổ chức lễ ra quân của huyện", "date"),  # when it took place, asked without a question word
    ("Thời gian tổ chức lễ ra quân kéo dài bao lâu?", "count"),  # how long
    ("Thời gian qua huyện đã làm được gì?", None),
    ("Về ký số văn bản ở huyện, chỉ tiêu đặt ra là gì?", None),  # signing digitally ("ký số") asks no number
    ("Văn bản đó có số văn bản là gì?", "doc_number"),
    ("Nghị quyết đặt chỉ tiêu mỗi năm bao nhiêu cán bộ được bồi dưỡng?", "count"),  # each year: no year asked
    ("hang nam bao nhieu doanh nghiep duoc ho tro", "count"),
    ("Nhiệm vụ đó hoàn thành năm nào?", "date"),
    ("Phải đạt trong thời hạn nào?", "date"),  # a deadline asked with "nào"
    # a way to reach a body: its number or address, not its name
    ("Xin số điện thoại của văn phòng Sở để hỏi thủ tục", "contact"),
    ("email cua to giup viec la gi", "contact"),
    ("Cơ quan nào trực đường dây nóng?", "contact"),
])
def test_kind_of_fact(question: str, kind: str | None) -> None:
    assert analyse_question(question).kind == kind


def test_places_are_names_not_common_words() -> None:
    assert [p.name for p in named_places(NAM_DINH_HEAD)] == ["Nam Định"]
    assert named_places("Biển Thái Bình Dương rộng bao nhiêu?") == []  # neither Thái Bình nor Bình Dương
    assert named_places("Nhân dân mong muốn hòa bình và độc lập như thế nào?") == []  # peace, not Hòa Bình
    # a name written with a spaced hyphen is one name, capitalised
    assert [p.name for p in named_places("Bí thư Tỉnh ủy Bà Rịa - Vũng Tàu yêu cầu gì?")] == ["Bà Rịa - Vũng Tàu"]
    assert named_places("Quân đội đã bình định vùng đất này khi nào?") == []  # the verb
    assert [p.name for p in named_places("UBND Lào Cai giao nhiệm vụ gì?")] == ["Lào Cai"]
    guess = named_places("truong ban chi dao tinh lao cai la ai")
    assert [(p.name, p.confidence) for p in guess] == [("Lào Cai", 1.0)]  # "tinh" introduces it
    lower = named_places("ket qua cua lao cai ra sao")
    assert [(p.name, p.confidence) for p in lower] == [("Lào Cai", 1.0)]  # no everyday word is spelled so
    for everyday in ("dien bien cua hoi nghi the nao", "nhân dân mong muốn hòa bình ra sao"):  # a guess only
        assert [p.confidence for p in named_places(everyday)] == [0.5], everyday
    # lower case but for abbreviations and the first letter a phone capitalises: named all the same
    for informal in ("pho truong ban TT BCĐ nam dinh la ai", "Pho truong ban BCĐ nam dinh la ai"):
        assert [(p.name, p.confidence) for p in named_places(informal)] == [("Nam Định", 1.0)], informal
    # restored, a homograph spelled as the province is the province ("điện biên", not "diễn biến"); one spelled
    # alike either way ("hòa bình") stays a guess
    assert [p.confidence for p in named_places("dien bien giam doc so la ai", "điện biên giám đốc sở là ai")] == [1.0]
    assert [p.confidence for p in named_places("dien bien cua hoi nghi", "diễn biến của hội nghị")] == [0.5]
    assert [p.confidence for p in named_places("hoa binh co may so", "hòa bình có mấy sở")] == [0.5]


def test_a_city_named_with_its_level_or_its_short_form_is_named() -> None:
    """"Thành phố Hồ Chí Minh" introduces itself (its "phố" is no name word), and "HCM" is its name, not an acronym
    the corpus happens to spell ("hiện các mục"): a city the documents never speak of is then refused, not
    answered with another province's meeting."""
    for question in ("BCĐ của Thành phố Hồ Chí Minh họp khi nào?", "BCĐ của TP.HCM họp khi nào?",
                     "bcđ của tp hcm họp khi nào?"):
        assert [(p.name, p.confidence) for p in named_places(question)] == [("Hồ Chí Minh", 1.0)], question
    reader = AcronymReader(["Rà soát, hiện các mục tiêu. Hiện các mục đã xong. Thực hiện các mục tiêu."])
    assert reader.spell_out("BCĐ của TP.HCM họp khi nào?") == "BCĐ của TP.HCM họp khi nào?"
    assert reader.spell_out("bcđ của tp hcm họp khi nào?") == "bcđ của tp hcm họp khi nào?"


def test_distinctive_words_and_negation() -> None:
    q = analyse_question("Năm 1871 Otto von Bismarck không làm gì?")
    assert "1871" in q.entities and "otto von bismarck" in q.entities
    assert q.negated
    assert not analyse_question("Ông làm gì?").negated
    assert analyse_question("Ai ký Nghị quyết 57-NQ/TW?").doc_numbers == ["57nqtw"]


def test_a_name_s_leading_title_is_not_part_of_it() -> None:
    """"Tỉnh Sơn La" is written "Sơn La" in "Sơn La tổ chức …", "Ông Lò Văn Mạnh" "đồng chí Lò Văn Mạnh"."""
    assert analyse_question("Tỉnh Sơn La mời Ông Lò Văn Mạnh dự họp ngày nào?").entities == ["son la", "lo van manh"]


def test_informal_question_is_spelled_out_once() -> None:
    q = analyse_question("truong bcd tinh nam dinh la ai")
    assert q.folded and "Ban Chỉ đạo" in q.dense_text
    assert "ban" in q.key.weights and "chi" in q.key.weights  # the refusal check sees the spelled-out form
    assert q.provinces == ["nam dinh"]
    formal = analyse_question("truong bcd tinh nam dinh la ai", informal=False)
    assert formal.dense_text == formal.text and not formal.folded


def test_a_listed_abbreviation_typed_in_lower_case_beside_accented_words_is_spelled_out() -> None:
    q = analyse_question("ủy viên bcđ chuyển đổi số tỉnh Sơn La là những ai")
    assert "Ban Chỉ đạo" in q.dense_text and "bcd" not in q.key.weights
    assert q.is_list  # "những ai": every one of them


def test_empty_question() -> None:
    with pytest.raises(EmptyQueryError):
        analyse_question(" ?! ")


def test_a_short_reference_means_the_one_document_the_corpus_cites() -> None:
    corpus = {"57-nq": {"57nqtw"}, "3-nq": {"3nqcp", "3nqtu"}}
    question = analyse_question("nq57 cua bo chinh tri ban hanh khi nao", references=corpus)
    assert question.doc_numbers == ["57nqtw"] and "§57nqtw" in question.terms
    assert question.numbers_cited_by("Ban Chỉ đạo thực hiện Nghị quyết 57 của tỉnh") == {"57nqtw"}
    assert question.numbers_cited_by("Nghị quyết số 57-NQ/TW ngày 22/12/2024") == {"57nqtw"}
    assert question.numbers_cited_by("Nghị quyết số 03/NQ-CP của Chính phủ") == set()
    assert analyse_question("Nghị quyết 3 nói gì?", references=corpus).doc_numbers == []  # two documents: no guess
    assert analyse_question("nq57 cua bo chinh tri ban hanh khi nao").doc_numbers == []  # nothing known


@pytest.mark.parametrize(("question", "field"), [
    ("Chương trình hành động 31-CTr/TU do đồng chí nào ký?", "signer"),
    ("Phó Bí thư nào thay mặt Ban Thường vụ ký Chương trình 31-CTr/TU?", "signer"),
    ("Ông Lò Văn Mạnh ký Kế hoạch 7/KH-UBND với tư cách gì?", "signer"),  # and as whom: the signature says
    ("Vị lãnh đạo ký thay Chủ tịch ban hành Kế hoạch 7/KH-UBND là ai?", "signer"),  # "KT. CHỦ TỊCH" signs
    ("Chương trình hành động Ban Thường vụ ban hành để thực thi NQ57 có ký hiệu là gì?", "number"),  # the programme's
    ("Quyết định thành lập Ban Chỉ đạo được ban hành theo tờ trình số mấy?", None),  # another document's number
    ("Quyết định 245/QĐ-UBND được ban hành theo tờ trình số mấy?", None),  # ... though the decision is cited
    ("Quyết định 245/QĐ-UBND số mấy?", "number"),
    ("Hội nghị quyết định những nội dung gì?", None),
    ("Kế hoạch 214/KH-UBND gửi tới những sở, ngành nào?", "recipients"),
    ("Những đơn vị nào nhận Chương trình 31-CTr/TU?", "recipients"),
    ("KH 214/KH-UBND gửi những nơi nào", "recipients"),  # no "tới": the places it is sent to all the same
    ("Theo Kế hoạch 214/KH-UBND, đơn vị nào được nhận kinh phí?", None),  # a sum received, not the document
    ("qd 245/qd-ubnd can cu vao nhung van ban nao", "bases"),
    ("Quyết định 245/QĐ-UBND có cơ sở pháp lý là gì?", "bases"),
    ("Kế hoạch 214/KH-UBND có gửi Văn phòng Chính phủ không?", "recipients"),
    # what only a document has, however much of its subject the question says besides
    ("Quyết định 245/QĐ-UBND thành lập Tổ công tác số huyện Mường Tè căn cứ vào những văn bản nào?", "bases"),
    ("Kế hoạch 214/KH-UBND căn cứ vào văn bản nào và triển khai cho năm nào?", None),  # (asks more besides)
    # who is to issue something else, and by when: not the plan's issuer or date
    ("Kế hoạch 214/KH-UBND giao ai ban hành quy chế quản lý dữ liệu, hạn khi nào?", None),
    ("Kế hoạch 214/KH-UBND ban hành ngày nào?", "date"),
    ("Theo đề nghị của ai mà Quyết định 245/QĐ-UBND được ban hành?", None),  # whose proposal, not its issuer
    ("Quyết định 245/QĐ-UBND là quyết định của ai?", "issuer"),
    ("Chương trình 31-CTr/TU do cơ quan đảng nào ban hành?", "issuer"),  # (which of the party's bodies)
    ("Cho biết ngày ban hành của Kế hoạch 214/KH-UBND", "date"),
    ("ngay ky cua qd 245/qd-ubnd", "date"),
    # when it takes effect, which its own sentence says, not its date of issue
    ("Quyết định 245/QĐ-UBND có hiệu lực kể từ ngày ban hành không?", "effect"),
    ("qd 245/qd-ubnd hieu luc tu bao gio", "effect"),
])
def test_what_a_question_asks_about_a_document_it_names(question: str, field: str | None) -> None:
    assert analyse_question(question, references={"57-nq": {"57nqtw"}}).document_field == field


def test_a_province_after_a_sentence_opening_function_word_is_named() -> None:
    """"… do ai quản lý? Còn Lai Châu …": "Còn" is capitalised for opening the sentence, not part of a name."""
    from retrieval.question import named_places

    assert [p.name for p in named_places("Do ai quản lý? Còn Lai Châu hẹn khi nào?")] == ["Lai Châu"]
    assert named_places("Nhà hát Hòa Bình Lớn ở đâu?") == []  # part of a longer name still


def test_the_fields_asked_of_a_document_in_order_and_whether_nothing_else_is_asked() -> None:
    from retrieval.question import asks_only_fields, fields_asked

    assert fields_asked("Kế hoạch 45/KH-UBND do ai ký, ký ngày nào?") == ["signer", "date"]  # "do ai" of "do ai ký"
    assert fields_asked("ke hoach 45 ban hanh ngay nao, do co quan nao ban hanh") == ["date", "issuer"]
    assert fields_asked("Thông báo 20/TB-BCĐ do cơ quan nào ban hành và mang ngày tháng nào?") == ["issuer", "date"]
    question = analyse_question("Kế hoạch 45/KH-UBND ban hành ngày nào, do ai ký?")
    assert (question.document_field, question.also_asked) == ("signer", ("date",))
    assert asks_only_fields("do cơ quan nào ban hành") and asks_only_fields("ký ngày nào")
    assert not asks_only_fields("lễ ra quân của huyện diễn ra ngày nào")  # a topic of its own


def test_a_question_typed_half_without_diacritics_asks_what_its_plain_half_asks() -> None:
    """"tổng kinh phí … la bao nhieu" (autocorrect giving up half-way) asks an amount like "… là bao nhiêu"; a word
    typed with diacritics is not read as a folded cue ("máy" is no "mấy")."""
    assert analyse_question("tổng kinh phí đề án hoa binh la bao nhieu").kind == \
        analyse_question("tổng kinh phí đề án Hòa Bình là bao nhiêu").kind == "count"
    assert analyse_question("Sở Y tế có máy chủ đặt ở trung tâm dữ liệu tỉnh").kind is None


def test_a_field_of_a_cited_document_is_read_from_the_question_spelled_out() -> None:
    """"… ban hành ngày bn?" asks the document's date as "ngày bao nhiêu" does."""
    question = analyse_question("KH 45/KH-UBND của UBND huyện ban hành ngày bn?")
    assert (question.kind, question.document_field) == ("date", "date")


@pytest.mark.parametrize(("question", "kinds"), [
    ("Phiên họp thứ ba diễn ra ngày nào, ai chủ trì?", ("date", "person")),
    ("Lắp camera tại các nút giao: ai chủ trì, thời hạn?", ("person", "date")),  # a deadline named alone
    ("KH 30 mở bn lớp tập huấn, cơ quan nào chủ trì?", ("count", "organisation")),
    ("Tổng kinh phí là bao nhiêu, ngân sách tỉnh chiếm bao nhiêu?", ("count", "count")),  # of two things
    ("Ai chủ trì phiên họp ngày 12/5?", ()),  # a date stated, not asked
])
def test_the_kinds_a_question_s_clauses_ask(question: str, kinds: tuple[str, ...]) -> None:
    assert tuple(kind for kind, _ in analyse_question(question).kinds) == kinds



def test_a_kind_of_document_named_by_its_abbreviation_is_named() -> None:
    """"CTr hành động" is a chương trình hành động, so "… số bn, ngày nào?" asks that document's number and date."""
    question = analyse_question("Sơn La ban hành CTr hành động số bn, ngày nào?")
    assert question.document_type == "chương trình hành động" and question.document_field == "date"
    assert analyse_question("QĐ 45 ban hành theo Tờ trình số mấy?").document_type == "tờ trình"  # as written first


def test_the_kind_asked_is_read_from_the_question_not_its_carried_topic() -> None:
    """"Kế hoạch đó có tổng kinh phí bao nhiêu? (… chương trình số mấy …)": the follow-up asks an amount, whatever
    the earlier question it carries asked; a follow-up asking nothing of its own ("Thế còn năm 2030? (… bao
    nhiêu …)") asks what the earlier one did."""
    from retrieval.question import analyse_question

    assert analyse_question("Kế hoạch đó có tổng kinh phí bao nhiêu? (sơn la chương trình số mấy)").kind == "count"
    assert analyse_question("Thế còn năm 2030? (tỷ lệ hộ dùng cáp quang bao nhiêu)").kind == "count"


def test_a_document_number_typed_in_lower_case_is_cited() -> None:
    """"kh 30/kh-ubnd ban hanh ngay nao": the number typed without capitals is the plan's, as written in them."""
    from retrieval.question import analyse_question

    assert analyse_question("kh 30/kh-ubnd ban hanh ngay nao").doc_numbers == ["30khubnd"]
    assert analyse_question("tỷ lệ đạt 1/2 số xã").doc_numbers == []


def test_a_follow_ups_carried_topic_neither_hides_nor_adds_what_it_asks_of_a_document() -> None:
    """Typed plain, "ban hanh ngay nao, can cu vao dau" asks both fields though its topic is carried spelled out
    ("(Chương trình …)", with diacritics); the "ký" of a topic carried from "do ai ký?" does not make "Phiên họp …
    diễn ra ngày nào?" a question about the notice's own date, while "ký ngày nào?" still is."""
    both = analyse_question("ban hanh ngay nao, can cu vao dau (ctr 31-CTr/TU)")
    assert (both.document_field, both.also_asked) == ("bases", ("date",))
    carried = "(kết luận số 31/TB-BCĐ ký)"
    assert analyse_question(f"Phiên họp được thông báo diễn ra ngày nào? {carried}").document_field is None
    assert analyse_question(f"ký ngày nào? {carried}").document_field == "date"


def test_a_committee_s_name_in_a_question_ends_where_what_is_said_of_it_begins() -> None:
    from retrieval.committees import asked_committee

    # "bằng quyết định số mấy" says how it was set up and "ko" asks whether: neither is part of its name
    assert asked_committee("UBND tỉnh thành lập BCĐ về KHCN và CĐS bằng văn bản nào?") == frozenset(
        "khoa hoc cong nghe chuyen doi".split())  # ("số" is generic)
    assert asked_committee("bi thu co de nghi gi ve nhan su ban chi dao 57 ko") == frozenset({"57"})
    # a number ends the name: what follows it is done by its members ("… 57 dự hội nghị …")
    assert asked_committee("Phó Trưởng Ban Chỉ đạo Nghị quyết 57 dự hội nghị ở Sơn La là ai?") == frozenset({"57"})


def test_a_long_committee_name_in_a_text_holds_every_word_a_question_gives_it() -> None:
    """"Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia" is
    eighteen words: the text's name is read to its end, so the question's "BCĐ TW … quốc gia" is the one it names."""
    from retrieval.committees import asked_committee, names_committee

    asked = asked_committee("Hội nghị đã công bố việc lập BCĐ TW về KHCN, ĐMST và CĐS quốc gia, trong đó ai giữ "
                            "chức Phó Trưởng ban?")
    assert {"trung", "uong", "quoc"} <= asked
    # initials no table spells out ("QG") hold the text to nothing; "vậy" goes on to the question
    assert asked_committee("Hội nghị đã công bố việc lập BCĐ TW về KHCN, ĐMST & CĐS QG, vậy trong đó ai giữ chức "
                           "Phó Trưởng ban?") == asked - {"quoc", "gia"}
    assert names_committee(asked, "Quyết định thành lập Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, "
                                  "đổi mới sáng tạo và chuyển đổi số quốc gia, do đồng chí Tô Lâm làm trưởng Ban")


def test_words_quoted_as_a_name_do_not_say_what_is_asked() -> None:
    """"Nhiệm vụ “… người đứng đầu …” là gì?" names a task by its words: it asks no person, nor a list."""
    quoted = analyse_question("Giải pháp “Người đứng đầu các sở, ngành chịu trách nhiệm về chuyển đổi số” là gì?")
    assert quoted.kind != "person" and not quoted.is_list
    assert analyse_question("Nhiệm vụ “Xây dựng kho dữ liệu” do ai chủ trì?").kind == "person"


def test_what_is_to_be_issued_by_a_deadline_is_no_question_about_the_document_s_date() -> None:
    """"Trong Kế hoạch 45, quy chế … phải ban hành trước ngày nào?" asks the deadline the plan sets for the rules,
    not the day the plan itself was issued."""
    assert analyse_question("Trong Kế hoạch 45/KH-UBND, quy chế khai thác dữ liệu phải ban hành trước ngày nào?"
                            ).document_field is None
    assert analyse_question("Kế hoạch 45/KH-UBND ban hành ngày nào?").document_field == "date"


def test_a_document_the_corpus_never_cites_is_a_name_it_never_writes() -> None:
    """"Kế hoạch 98" where the corpus cites only Kế hoạch 99: nothing answers it (not Kế hoạch 99's list); a
    document the corpus cites is known, and without the corpus's references nothing is held against it."""
    references = {"99-kh": {"99khubnd"}, "12-nq": {"12nqtu"}}
    assert analyse_question("Kế hoạch 98 có những nhiệm vụ gì?", references=references).unknown_names == ["98-kh"]
    assert analyse_question("KH 99 có những nhiệm vụ gì?", references=references).unknown_names == []
    assert analyse_question("Kế hoạch 98 có những nhiệm vụ gì?").unknown_names == []


def test_a_list_asked_without_diacritics_is_a_list() -> None:
    from retrieval.question import asks_a_list

    assert asks_a_list("ke hoach 31 co nhung nhiem vu gi") and asks_a_list("liet ke cac uy vien")
    assert not asks_a_list("truong ban la ai") and not asks_a_list("lao cai dat 1,5% nhung son la dat bao nhieu")
    # "Kể vài …", "nêu một số …": a few of a list asked for
    assert asks_a_list("Kể vài quy định tỉnh đã ban hành về dữ liệu.") and asks_a_list("neu mot so giai phap chinh")


def test_how_many_and_which_is_a_list_not_a_count() -> None:
    """"ban hành mấy quy định gì", "gồm mấy ai": how many and which, answered by naming them; "có mấy trạm" and
    "mấy trung tâm dữ liệu, do cơ quan nào …" still count."""
    for question in ("Sơn La ban hành mấy quy định gì về dữ liệu số vậy?", "Tổ công tác gồm mấy ai vậy?",
                     "Hội thảo bàn ở mấy lĩnh vực nào?", "son la ban hanh may quy dinh gi"):
        analysed = analyse_question(question)
        assert analysed.is_list and analysed.kind != "count", question
    assert analyse_question("Sơn La có mấy trạm phát sóng?").kind == "count"
    counted = analyse_question("Sơn La có mấy trung tâm dữ liệu, do cơ quan nào quản lý?")
    assert counted.kind == "count" and not counted.is_list


def test_a_post_after_a_province_does_not_make_its_name_longer() -> None:
    """"ở Lào Cai Trưởng Ban quản lý …": "Trưởng" opens a post; "Thái Bình Dương" goes on as a longer name."""
    assert [p.name for p in named_places("còn ở Lào Cai Trưởng Ban quản lý khu kinh tế báo cáo gì?")] == ["Lào Cai"]
    assert [p.name for p in named_places("còn ở Yên Bái Giám đốc Sở Nội vụ nói gì?")] == ["Yên Bái"]
    assert named_places("còn vùng biển Thái Bình Dương thì sao?") == []


def test_a_number_asked_after_another_kind_of_document_is_not_the_cited_one_s() -> None:
    """"QĐ 245 … tại TTr số mấy?", "Kế hoạch 214 căn cứ chương trình hành động số mấy?": the submission's and the
    programme's numbers (a kind of four words too), though the question cites the decision or the plan by its short
    number; "Kế hoạch 214 số mấy?" asks the plan's."""
    references = {"245-qd": {"245qdubnd"}, "214-kh": {"214khubnd"}}
    for question in ("QĐ 245 ban hành theo đề nghị của GĐ SKHCN tại TTr số mấy?",
                     "Quyết định 245 được ban hành theo tờ trình số mấy?",
                     "Kế hoạch 214 căn cứ chương trình hành động số mấy?"):
        assert analyse_question(question, references=references).document_field is None, question
    assert analyse_question("Kế hoạch 214 số mấy?", references=references).document_field == "number"
