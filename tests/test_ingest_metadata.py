"""Directive metadata: number, kind, title, issue date, issuer and signer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.metadata import body_range, read_metadata
from ingest.text import Document, extract_text
from tests.conftest import SAMPLE

DOCUMENTS = Path(__file__).parent / "data" / "documents"


def meta_of(name: str):  # type: ignore[no-untyped-def]
    path = DOCUMENTS / name
    return read_metadata(extract_text(path.read_bytes(), path.name))


def test_sample_without_header() -> None:
    meta = read_metadata(extract_text(SAMPLE.read_bytes(), SAMPLE.name))
    assert meta.number is None
    assert meta.kind == "Thông báo kết luận"
    assert meta.title is not None and meta.title.startswith("Kết luận của Chủ tịch")
    assert meta.issued_on is None  # the meeting date in the body is not the issue date
    assert meta.signer == "Đặng Vũ Bằng"


def test_official_letter() -> None:
    meta = meta_of("cong-van-vpcp-3348-2015.txt")
    assert meta.number == "3348/VPCP-KGVX"
    assert meta.kind == "Công văn"
    assert meta.title == (
        "V/v Chương trình mục tiêu hỗ trợ hạ tầng cụm công nghiệp giai đoạn 2016-2020"
    )
    assert meta.issued_on == dt.date(2015, 5, 12)
    assert meta.issuer == "VĂN PHÒNG CHÍNH PHỦ"
    assert meta.signer == "Nguyễn Khắc Định"


def test_two_column_header_read_from_a_table() -> None:
    meta = meta_of("chi-thi-thanh-hoa-06-2019.txt")
    assert meta.number == "06/CT-UBND"
    assert meta.kind == "Chỉ thị"
    assert meta.title is not None and meta.title.startswith("VỀ VIỆC TẬP TRUNG")
    assert meta.issued_on == dt.date(2019, 5, 2)
    assert meta.issuer == "ỦY BAN NHÂN DÂN"
    assert meta.signer is None


def test_a_header_and_recipients_in_markdown_table_rows() -> None:
    """Text converted to Markdown: the header table's cells in "*...*", "Nơi nhận" in a row."""
    doc = Document(
        [
            "| VĂN PHÒNG CHÍNH PHỦ ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
            "| --- | --- |",
            "| Số: 467/TB-VPCP | *Hà Nội, ngày 14 tháng 10 năm 2024 * |",
            "THÔNG BÁO",
            "1. Bộ Tài chính hoàn thiện dự thảo Đề án.",
            "| *Nơi nhận:* - Thủ tướng Chính phủ; - Lưu: VT. | KT. BỘ TRƯỞNG, CHỦ NHIỆM |",
        ]
    )
    meta = read_metadata(doc)
    assert (meta.number, meta.issued_on) == ("467/TB-VPCP", dt.date(2024, 10, 14))
    assert body_range(doc)[1] == 5


def test_plan_with_wrapped_issuer() -> None:
    meta = meta_of("ke-hoach-lai-chau-1367-2023.txt")
    assert meta.number == "1367/KH-UBND"
    assert meta.kind == "Kế hoạch"
    assert meta.issued_on == dt.date(2023, 4, 17)
    assert meta.issuer == "ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"
    assert meta.signer is None  # "(đã ký)", no name


@pytest.mark.parametrize(
    ("lines", "number", "kind", "signer"),
    [
        (
            [
                "Số 12/TB-UBND",
                "Kiên Giang, ngày 06 tháng 01 năm 2023",
                "THÔNG BÁO",
                "Kết luận của ...",
            ],
            "12/TB-UBND",
            "Thông báo kết luận",
            None,
        ),
        (
            ["Số: 12/TB-VPUBND", "THÔNG BÁO", "Ý kiến chỉ đạo của ..."],
            "12/TB-VPUBND",
            "Thông báo",
            None,
        ),
        (
            [
                "Số: 45/UBND-KT",
                "V/v báo cáo",
                "Kính gửi: Sở Y tế",
                "Đề nghị ...",
                "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Văn An",
            ],
            "45/UBND-KT",
            "Công văn",
            "Lê Văn An",
        ),
        (["Số: 7/CT-UBND", "Hà Nội, ngày 5/3/2024"], "7/CT-UBND", "Chỉ thị", None),
    ],
)
def test_header_forms(lines: list[str], number: str, kind: str, signer: str | None) -> None:
    meta = read_metadata(Document(paragraphs=lines))
    assert (meta.number, meta.kind, meta.signer) == (number, kind, signer)


def test_a_table_right_under_the_heading_is_no_title() -> None:
    doc = Document(
        ["KẾ HOẠCH", "TT | Nội dung | Cơ quan chủ trì | Thời gian", "1 | Rà soát | Sở Y tế | 2024"]
    )
    meta = read_metadata(doc)
    assert (meta.kind, meta.title) == ("Kế hoạch", None)


def test_a_numbered_item_right_under_the_heading_is_no_title() -> None:
    meta = read_metadata(
        Document(["CHỈ THỊ", "1. Các bộ, ngành quán triệt chỉ đạo của Ban Bí thư.", "2. ..."])
    )
    assert meta.kind == "Chỉ thị"
    assert meta.title is None


def test_a_plan_stored_without_its_decision_takes_the_decisions_number_and_date() -> None:
    meta = read_metadata(
        Document(
            [
                "THỦ TƯỚNG CHÍNH PHỦ",
                "KẾ HOẠCH QUỐC GIA",
                "Thích ứng với biến đổi khí hậu giai đoạn 2021 - 2030 (Kèm theo Quyết định số"
                " 1422/QĐ-TTg",
                "Ngày 19 tháng 11 năm 2024 của Thủ tướng Chính phủ)",
                "I. MỤC TIÊU",
            ]
        )
    )
    assert (meta.kind, meta.number, meta.issued_on) == (
        "Kế hoạch",
        "1422/QĐ-TTg",
        dt.date(2024, 11, 19),
    )
    assert meta.title == "QUỐC GIA Thích ứng với biến đổi khí hậu giai đoạn 2021 - 2030"


def test_a_letter_citing_a_decision_kem_theo_keeps_its_own_number_and_month() -> None:
    meta = read_metadata(
        Document(
            [
                "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ",
                "Số:    /UBND-NC",
                "Quảng Trị, ngày    tháng 3 năm 2024",
                "V/v triển khai Kế hoạch cải cách hành chính (ban hành kèm theo Quyết định số"
                " 256/QĐ-UBND ngày 05/02/2021)",
            ]
        )
    )
    assert (meta.kind, meta.number, meta.issued_on) == ("Công văn", None, None)


def test_an_urgent_dispatch_has_no_title_of_its_first_sentence() -> None:
    meta = read_metadata(
        Document(["CÔNG ĐIỆN KHẨN", "Chủ tịch UBND huyện Bình Sơn tổ chức sơ tán ngay các hộ dân."])
    )
    assert meta.kind == "Công điện"
    assert "sơ tán" not in (meta.title or "")  # the first order is a task, not the title


def test_issue_date_is_the_place_date_line() -> None:
    meta = read_metadata(
        Document(["Số: 1/KH-UBND", "Kiên Giang, ngày 06 tháng 01 năm 2023", "KẾ HOẠCH", "Tên"])
    )
    assert meta.issued_on == dt.date(2023, 1, 6)
