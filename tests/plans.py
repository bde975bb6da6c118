"""Documents the bot's and the command line's tests both import."""

from __future__ import annotations

# The same duty, word for word, under each agency of a plan.
DUTY = (
    "- Định kỳ 6 tháng, báo cáo kết quả thực hiện Kế hoạch về Sở Tài chính trước ngày 15/6"
    " để tổng hợp."
)
WORK = {
    "Sở Y tế": "Kiểm tra các bếp ăn tập thể",
    "Công an tỉnh": "Điều tra các vụ vi phạm về an toàn thực phẩm",
    "Bộ Chỉ huy Quân sự tỉnh": "Kiểm tra bếp ăn của các đơn vị",
}


def food_safety_plan(*agencies: str) -> str:
    """A plan whose every agency's section ends with DUTY: each agency has its own work (task
    1, 3, 5 ...), then the same report (task 2, 4, 6 ...)."""
    lines = [
        "Số: 15/KH-UBND",
        "Lai Châu, ngày 07 tháng 02 năm 2024",
        "KẾ HOẠCH",
        "Bảo đảm an toàn thực phẩm năm 2024",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
    for number, agency in enumerate(agencies or WORK, start=1):
        lines += [f"{number}. {agency}", f"- {WORK[agency]}, hoàn thành trong quý III/2024.", DUTY]
    return "\n".join(lines)


def letter(issued: str, *tasks: str) -> str:
    """Letter 20/UBND-KT of An Giang, issued on that day ("10 tháng 3 năm 2026"), one line a
    task."""
    return f"Số: 20/UBND-KT\nAn Giang, ngày {issued}\nV/v rà soát hộ nghèo\n" + "".join(
        f"{task}\n" for task in tasks
    )


# Letter 125/UBND-TH of Lai Châu: two tasks of Sở Y tế, Sở Tài chính cooperating on the first.
LETTER = """ỦY BAN NHÂN DÂN
TỈNH LAI CHÂU
Số: 125/UBND-TH
V/v kiểm tra an toàn thực phẩm
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Lai Châu, ngày 10 tháng 3 năm 2024
Kính gửi:
- Sở Y tế;
- Sở Tài chính.
Thực hiện chỉ đạo của Thủ tướng Chính phủ, Chủ tịch UBND tỉnh có ý kiến như sau:
1. Giao Sở Y tế chủ trì, phối hợp với Sở Tài chính kiểm tra an toàn thực phẩm trên địa bàn \
tỉnh, báo cáo kết quả trước ngày 15/4/2024.
2. Sở Y tế tổ chức tập huấn cho các cơ sở sản xuất, hoàn thành trong tháng 5/2024.
Nơi nhận:
- Như trên;
- Lưu: VT.
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn An
"""
