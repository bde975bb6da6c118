"""Directive metadata: number, kind, title, issue date, issuer and signer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.metadata import attachment_range, body_range, read_metadata
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


def test_a_number_whose_code_is_spaced_or_whose_so_lost_its_mark() -> None:
    """ "Số : 15 / PGDĐT- TH" keeps the code after its dash; a scan's "S :" is still "Số:"."""
    spaced = read_metadata(Document(["Số : 15 / PGDĐT- TH An Phú, ngày 02 tháng 03 năm 2015"]))
    scanned = read_metadata(Document(["S :215/UBND-KT", "V/v báo cáo"]))
    assert (spaced.number, scanned.number) == ("15/PGDĐT-TH", "215/UBND-KT")


def test_the_issuer_is_the_letterhead_left_of_the_motto() -> None:
    """Both columns of the letterhead run together on each line: the issuer is the left part."""
    meta = read_metadata(
        Document(
            [
                "UBND HUYỆN AN PHÚ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "PHÒNG NỘI VỤ Độc lập - Tự do - Hạnh phúc",
                "Số: 31/PNV An Phú, ngày 02 tháng 03 năm 2015",
                "Kính gửi: Các cơ quan, đơn vị.",
            ]
        )
    )
    assert meta.issuer == "UBND HUYỆN AN PHÚ PHÒNG NỘI VỤ"


def test_the_issuer_stops_at_the_motto_wrapped_or_misread() -> None:
    """The motto wrapped after its first word, or half read by a scan, still ends the issuer."""
    wrapped = read_metadata(
        Document(["SỞ", "Y TẾ |", "CỘNG", "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |", "Số: 8/SYT-NV |"])
    )
    scanned = read_metadata(Document(["BỘ Y TẾ CỘNG HOÀ XÃ : HỦ NGHĨA VIỆT NAM", "Số: 8/BYT-KCB"]))
    assert (wrapped.issuer, scanned.issuer) == ("SỞ Y TẾ", "BỘ Y TẾ")


def test_an_urgency_mark_under_the_number_is_no_part_of_the_issuer() -> None:
    meta = read_metadata(
        Document(
            [
                "UBND TỈNH AN GIANG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "SỞ Y TẾ Độc lập - Tự do - Hạnh phúc",
                "Số: 12/SYT-NV An Giang, ngày 02 tháng 03 năm 2015",
                "KHẨN",
                "Kính gửi: Các bệnh viện",
            ]
        )
    )
    assert meta.issuer == "UBND TỈNH AN GIANG SỞ Y TẾ"


def test_a_web_pages_weekday_and_time_line_is_no_place_and_date() -> None:
    """ "Thứ hai, ngày 01/06/2020 | 10:22 AM": when a page was posted, not where and when the
    document was signed; nor is the time an issuer."""
    meta = read_metadata(
        Document(
            [
                "Tập trung ứng phó với nắng nóng",
                "Thứ hai, ngày 01/06/2020 | 10:22 AM (GMT +7)",
                "Ngày 25/5, UBND tỉnh đã ban hành Công văn số 79/UBND-KTN về ứng phó nắng nóng.",
            ]
        )
    )
    assert (meta.issued_on, meta.issuer) == (None, None)


def test_a_kind_heading_in_capitals_then_its_title_in_plain_words() -> None:
    meta = read_metadata(
        Document(["CÔNG ĐIỆN Chủ động ứng phó bão số 5", "Chủ tịch UBND tỉnh yêu cầu:", "1. ..."])
    )
    assert (meta.kind, meta.title) == ("Công điện", "Chủ động ứng phó bão số 5")


def test_a_short_letters_signature_title_is_no_part_of_its_issuer() -> None:
    meta = read_metadata(
        Document(
            [
                "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |",
                "Số: 5/UBND-VX | An Giang, ngày 02 tháng 03 năm 2015 |",
                "Kính gửi: Sở Y tế",
                "Sở Y tế rà soát, báo cáo trước ngày 15/3/2015.",
                "Nơi nhận: | KT. CHỦ TỊCH |",
            ]
        )
    )
    assert meta.issuer == "ỦY BAN NHÂN DÂN"


def test_a_news_page_has_no_issuer_nor_signer() -> None:
    """A headline, the time it was posted and a byline in capitals: no letterhead, no signature."""
    meta = read_metadata(
        Document(
            [
                "Đôn đốc xử lý các nhiệm vụ quá hạn",
                "PHAN MINH 04/12/2023 16:43",
                "UBND tỉnh vừa có công văn yêu cầu các sở, ngành xử lý dứt điểm nhiệm vụ quá hạn.",
                "TỈNH ĐÔN ĐỐC CÁC SỞ VÌ NHIỆM VỤ QUÁ HẠN ĐÃ BA LẦN CHỦ TỊCH NHẮC VẪN CHƯA XONG.",
                "Minh Phan",
            ]
        )
    )
    assert (meta.issuer, meta.signer) == (None, None)


def test_the_prime_minister_signs_as_thu_tuong() -> None:
    meta = read_metadata(
        Document(
            [
                "THỦ TƯỚNG CHÍNH PHỦ",
                "Số: 9/CT-TTg",
                "CHỈ THỊ",
                "Về việc tăng cường phòng cháy",
                "1. Các bộ, ngành rà soát phương án.",
                "Nơi nhận:",
                "- Lưu: VT, KTN. | THỦ TƯỚNG",
                "Trần Văn Bình",
            ]
        )
    )
    assert meta.signer == "Trần Văn Bình"


def test_a_subject_after_the_number_and_wrapped_onto_the_next_line() -> None:
    """ "Số: ... V/v ..." on one line; the subject's second line ends where "Kính gửi" begins."""
    meta = read_metadata(
        Document(
            [
                "BỘ Y TẾ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Số: 77/BYT-KCB V/v thực hiện các nhiệm vụ được",
                "Chính phủ giao trong lĩnh vực khám bệnh",
                "Kính gửi: Sở Y tế các tỉnh",
                "Sở Y tế các tỉnh báo cáo trước ngày 15/3/2015.",
            ]
        )
    )
    assert meta.title == "V/v thực hiện các nhiệm vụ được Chính phủ giao trong lĩnh vực khám bệnh"
    # With no such line below, the subject is one line: what follows may be the body.
    unclosed = read_metadata(
        Document(["Số: 77/BYT-KCB", "V/v khám bệnh", "Sở Y tế các tỉnh báo cáo trước ngày 15/3."])
    )
    assert unclosed.title == "V/v khám bệnh"


def test_a_subject_and_the_date_line_run_together_from_two_columns() -> None:
    """ "V/v ...    Bắc Ninh, ngày 05 tháng 8 năm 2025": the left column's subject, the right's
    place and date on one line of the text."""
    meta = read_metadata(
        Document(
            [
                "UBND TỈNH BẮC NINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Số: 1872/UBND-KGVX Độc lập - Tự do - Hạnh phúc",
                "V/v phòng, chống dịch sốt xuất huyết Bắc Ninh, ngày 05 tháng 8 năm 2025",
                "Kính gửi: Sở Y tế.",
            ]
        )
    )
    assert (meta.issued_on, meta.title) == (
        dt.date(2025, 8, 5),
        "V/v phòng, chống dịch sốt xuất huyết",
    )


def test_who_enacts_a_decision_is_no_part_of_its_title() -> None:
    meta = read_metadata(
        Document(
            [
                "Số: 12/QĐ-UBND",
                "QUYẾT ĐỊNH",
                "VỀ VIỆC BAN HÀNH KẾ HOẠCH PHÒNG CHỐNG THIÊN TAI",
                "ỦY BAN NHÂN DÂN TỈNH",
                "Căn cứ Luật Phòng, chống thiên tai;",
                "QUYẾT ĐỊNH:",
            ]
        )
    )
    assert meta.title == "VỀ VIỆC BAN HÀNH KẾ HOẠCH PHÒNG CHỐNG THIÊN TAI"
    assert (
        body_range(Document(["QUYẾT ĐỊNH", "VỀ VIỆC X", "ỦY BAN NHÂN DÂN TỈNH", "Căn cứ"]))[0] == 3
    )


@pytest.mark.parametrize(
    "headline",
    [
        "CHỦ TỊCH UBND TỈNH: KHÔNG CHẤP NHẬN LÝ DO KHÁCH QUAN ĐỂ CHẬM GIẢI NGÂN",
        "PHÓ CHỦ TỊCH UBND TỈNH KIỂM TRA TIẾN ĐỘ GIẢI PHÓNG MẶT BẰNG DỰ ÁN ĐƯỜNG VEN BIỂN PHÍA NAM",
    ],
)
def test_a_news_headline_naming_an_office_holder_is_no_signature(headline: str) -> None:
    paragraphs = [
        "Thứ Sáu, 20/08/2021 18:05",
        headline,
        "Sở Kế hoạch và Đầu tư tham mưu điều chuyển vốn, trình UBND tỉnh trước ngày 31/8/2021.",
        "Sở Xây dựng công bố giá vật liệu xây dựng trong tháng 9/2021.",
    ]
    assert body_range(Document(paragraphs))[1] == 4


def test_who_enacts_a_decision_after_a_title_in_plain_words_is_no_signature() -> None:
    """ "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH" under the title is who decides; the body goes on."""
    paragraphs = [
        "QUYẾT ĐỊNH",
        "Về việc xử lý sau thanh tra",
        "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
        "Căn cứ Luật Thanh tra;",
        "QUYẾT ĐỊNH:",
        "Điều 1. Giao Thanh tra tỉnh theo dõi, báo cáo trước ngày 15/11/2025.",
        "CHỦ TỊCH",
    ]
    assert read_metadata(Document(paragraphs)).title == "Về việc xử lý sau thanh tra"
    assert body_range(Document(paragraphs)) == (3, 6)
    # The grounds left out: "QUYẾT ĐỊNH:" follows.
    assert body_range(Document(paragraphs[:3] + paragraphs[4:])) == (3, 5)


def test_a_plan_attached_after_a_title_that_runs_on_into_its_kem_theo_line() -> None:
    doc = Document(
        [
            "QUYẾT ĐỊNH:",
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch bảo đảm an toàn giao thông.",
            "Nơi nhận:",
            "- Lưu: VT.",
            "KẾ HOẠCH",
            "Bảo đảm an toàn giao thông năm 2026 (Ban hành kèm theo Quyết định số 602/QĐ-UBND)",
            "1. Sở Xây dựng: Rà soát các điểm đen, hoàn thành trước ngày 30/6/2026.",
        ]
    )
    assert attachment_range(doc, 3) == (6, 7)


def test_an_urgent_dispatchs_title_leaves_out_how_urgent_it_is() -> None:
    meta = read_metadata(Document(["CÔNG ĐIỆN KHẨN: Ứng phó với bão số 3", "Chủ tịch UBND tỉnh"]))
    assert (meta.kind, meta.title) == ("Công điện", "Ứng phó với bão số 3")


def test_a_legal_databases_heading_gives_number_and_date_before_the_title() -> None:
    """ "CHỈ THỊ / CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 5/2001/CT-TTG NGÀY 2 THÁNG 3 NĂM 2001 VỀ ..."."""
    meta = read_metadata(
        Document(
            [
                "CHỈ THỊ",
                "CỦA THỦ TƯỚNG CHÍNH PHỦ SỐ 5/2001/CT-TTG",
                "NGÀY 2 THÁNG 3 NĂM 2001 VỀ VIỆC PHÒNG CHỐNG LỤT BÃO",
                "Trong những năm qua, công tác phòng chống lụt bão đã đạt nhiều kết quả.",
            ]
        )
    )
    assert (meta.number, meta.issued_on, meta.title) == (
        "5/2001/CT-TTG",
        dt.date(2001, 3, 2),
        "VỀ VIỆC PHÒNG CHỐNG LỤT BÃO",
    )


def test_a_pages_own_words_before_the_letterhead_are_no_part_of_the_issuer() -> None:
    meta = read_metadata(
        Document(
            [
                "Công văn 12/TCHQ-GSQL. BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN ------- CỘNG HÒA XÃ HỘI CHỦ"
                " NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
                "Số: 12/TCHQ-GSQL V/v xử lý vướng mắc",
                "Kính gửi: Cục Hải quan các tỉnh",
            ]
        )
    )
    assert meta.issuer == "BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN"


def test_a_subject_written_ve_right_under_the_number_line() -> None:
    """A subject without "V/v" ("Về ...") under the number line; a body's "Về ..." is none."""
    meta = read_metadata(
        Document(
            [
                "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                "Số: 5/GDĐT-VP Cần Thơ, ngày 25 tháng 11 năm 2018",
                "Về cho học sinh nghỉ học",
                "Kính gửi: Chủ tịch UBND các quận, huyện.",
            ]
        )
    )
    body = read_metadata(
        Document(
            [
                "Số: 5/GDĐT-VP",
                "Kính gửi: Chủ tịch UBND các quận, huyện.",
                "Về đề nghị của các trường, Sở yêu cầu:",
            ]
        )
    )
    assert (meta.title, body.title) == ("Về cho học sinh nghỉ học", None)
