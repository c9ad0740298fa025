"""Official documents the tests write, made up for the tests (a province the shipped corpus does not cover), so a
reader's or an answer's test asks of text no evaluation set was written from."""

# a decision whose body opens with two legal bases and a proposal, and whose recipients end with the archive copy
DECISION = """ỦY BAN NHÂN DÂN
TỈNH TÂY NINH
Số: 502/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Tây Ninh, ngày 14 tháng 7 năm 2025
QUYẾT ĐỊNH
Về việc kiện toàn Tổ công tác chuyển đổi số tỉnh
CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TÂY NINH
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;
Căn cứ Kế hoạch số 214/KH-UBND ngày 03/11/2025 của Ủy ban nhân dân tỉnh;
Theo đề nghị của Giám đốc Sở Khoa học và Công nghệ.
QUYẾT ĐỊNH:
Điều 1. Kiện toàn Tổ công tác chuyển đổi số tỉnh do Giám đốc Sở Khoa học và Công nghệ làm Tổ trưởng.
Điều 2. Tổ công tác báo cáo kết quả hằng quý.
Nơi nhận:
- Như Điều 3;
- Bộ Khoa học và Công nghệ;
- Văn phòng Chính phủ;
- Lưu: VT.
CHỦ TỊCH
Nguyễn Văn Mạnh
"""
