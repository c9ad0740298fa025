"""Questions the tests ask, written for the tests about facts of the shipped corpus (corpus/).

None of them is a question of eval/data/qa.jsonl (our evaluation set), eval/data/train_answerability.jsonl
(what the answerability model was fitted on) or eval/data/gate.jsonl (the eval gate), nor a near copy of one:
a test that asks the very question a figure was measured or fitted on proves only that the system knows
that question. tests/eval/test_dataset.py fails when one is (these constants and every string literal of the
tests that ends with "?" are checked).
"""

# Ban Chỉ đạo tỉnh Nam Định: "Đồng chí Đặng Khánh Toàn, Bí thư Tỉnh ủy, Trưởng BCĐ chủ trì hội nghị."
NAM_DINH_HEAD = "Ban Chỉ đạo tỉnh Nam Định do ai làm Trưởng ban?"
NAM_DINH_HEAD_FOLDED = "truong ban chi dao cua tinh nam dinh ten la gi"  # typed without diacritics
# a follow-up of NAM_DINH_HEAD: he is also "Bí thư Tỉnh ủy"
HIS_OTHER_ROLE = "Ông ấy còn đảm nhiệm chức vụ nào?"
# a follow-up of NAM_DINH_HEAD about another province: "Trần Quốc Cường, ..., Trưởng Ban Chỉ đạo"
AND_DIEN_BIEN = "Thế còn tỉnh Điện Biên?"
AND_LAO_CAI = "Thế còn tỉnh Lào Cai?"  # "Trịnh Việt Hùng - ..., Trưởng Ban chỉ đạo ..."
# Lào Cai: "toàn tỉnh có 4.607 trạm thu phát sóng liên quan đến hạ tầng viễn thông"
LAO_CAI_STATIONS = "Số trạm thu phát sóng viễn thông ở Lào Cai là bao nhiêu?"
# Lào Cai: "tính từ đầu năm đến hết tháng 10, mức đầu tư đạt 574 tỷ đồng"
LAO_CAI_SPENDING = "Từ đầu năm tới hết tháng 10, Lào Cai đã đầu tư bao nhiêu tiền cho khoa học công nghệ?"
# Lào Cai: "Tính đến nay, Lào Cai đã có 15 tổ chức hoạt động trong lĩnh vực khoa học công nghệ."
LAO_CAI_ORGANISATIONS = "Lào Cai hiện đã có mấy tổ chức làm khoa học công nghệ?"
# Lào Cai: "5 lĩnh vực mũi nhọn ..., gồm: khai khoáng - chế biến sâu, ..." (a long answer)
LAO_CAI_SECTORS = "Năm lĩnh vực mũi nhọn về công nghệ mà Lào Cai chọn là những lĩnh vực nào?"
# Bắc Kạn: "Đồng chí Hoàng Văn Thiên, Tỉnh ủy viên, Giám đốc Sở Khoa học và Công nghệ nêu tóm tắt ..."
BAC_KAN_SCIENCE_DIRECTOR = "Ai đang giữ chức Giám đốc Sở Khoa học và Công nghệ của Bắc Kạn?"
# Hà Nam: "Toàn tỉnh có 252 điểm cầu, trong đó: 01 điểm cầu cấp tỉnh ... và 251 điểm cầu cấp cơ sở"
HA_NAM_BRIDGES = "Tỉnh Hà Nam kết nối bao nhiêu điểm cầu tới hội nghị toàn quốc?"
# Hà Nam: "Sáng ngày 13/01/2025, Bộ Chính trị, Ban Bí thư tổ chức hội nghị toàn quốc về đột phá ..."
NATIONAL_CONFERENCE_DATE = "Hội nghị toàn quốc về phát triển khoa học công nghệ được tổ chức vào ngày nào?"

# Nothing in the documents answers these.
GOLD_PRICE = "Hôm nay giá một lượng vàng SJC là bao nhiêu?"
CAPITAL_OF_FRANCE = "Thành phố nào là thủ đô của nước Pháp?"
CAO_BANG_HEAD = "Trưởng Ban Chỉ đạo của tỉnh Cao Bằng là ai?"  # a province the corpus does not cover
