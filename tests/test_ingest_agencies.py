"""Agency recognition: catalogue names and aliases, tolerance, unknown agencies, lists, groups."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path

import pytest

from ingest.agencies import AgencyMention, Catalogue, CatalogueEntry, group_members
from ingest.roles import find_roles
from tests.conftest import Cli
from tests.plans import letter

CATALOGUE = Catalogue(
    [
        CatalogueEntry("Sở Tài chính", "STC", ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT")),
        CatalogueEntry(
            "Sở Nông nghiệp và Môi trường",
            "Sở NN&MT",
            ("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", "Sở Tài nguyên và Môi trường"),
        ),
        CatalogueEntry("Sở Y tế"),
        CatalogueEntry("Bộ Chỉ huy Quân sự tỉnh", "Bộ CHQS tỉnh"),
        CatalogueEntry("Công an tỉnh"),
        CatalogueEntry("Văn phòng UBND tỉnh", "VP UBND tỉnh"),
    ]
)


def found(text: str) -> list[tuple[str, str | None, str | None]]:
    return [
        (m.written, m.entry.name if m.entry else None, m.group)
        for m in CATALOGUE.find_mentions(text)
    ]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
        ("Sở KH&ĐT", "Sở Tài chính"),
        ("Sở KH & ĐT", "Sở Tài chính"),
        ("Sở KH và ĐT", "Sở Tài chính"),
        ("SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "Sở Tài chính"),
        ("So Ke hoach va Dau tu", "Sở Tài chính"),
        ("Sở  Kế hoạch  và Đầu tư", "Sở Tài chính"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Môi trường"),
        ("Sở Nông nghiệp & Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"),
        ("Văn phòng Ủy ban nhân dân tỉnh", "Văn phòng UBND tỉnh"),
        ("Văn phòng Uỷ ban nhân dân tỉnh", "Văn phòng UBND tỉnh"),
        ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Công an tỉnh Kiên Giang", "Công an tỉnh"),
    ],
)
def test_catalogue_names_with_tolerance(written: str, name: str) -> None:
    mentions = CATALOGUE.find_mentions(f"Giao {written} chủ trì thực hiện.")
    assert mentions[0].entry is not None and mentions[0].entry.name == name
    if not written.endswith("Kiên Giang"):  # lookup reads whole names only
        assert CATALOGUE.lookup(written) == next(e for e in CATALOGUE.entries if e.name == name)


def test_mentions_map_back_to_the_text() -> None:
    text = "Giao Sở KH&ĐT chủ trì, phối hợp với Sở Y tế."
    for mention in CATALOGUE.find_mentions(text):
        assert text[mention.start : mention.end] == mention.written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sở Ngoại vụ báo cáo", [("Sở Ngoại vụ", None, None)]),
        ("Sở Giao thông vận tải tham mưu", [("Sở Giao thông vận tải", None, None)]),
        ("Ban Quản lý Khu kinh tế tỉnh chủ trì", [("Ban Quản lý Khu kinh tế tỉnh", None, None)]),
        (
            "Bộ Chỉ huy Bộ đội Biên phòng tỉnh phối hợp",
            [("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", None, None)],
        ),
        ("UBND huyện Tân Hiệp rà soát", [("UBND huyện Tân Hiệp", None, None)]),
        (
            "UBND xã Tân Hiệp A và UBND phường Vĩnh Lạc",
            [("UBND xã Tân Hiệp A", None, None), ("UBND phường Vĩnh Lạc", None, None)],
        ),
        (
            "Kho bạc Nhà nước tỉnh, Ngân hàng Nhà nước chi nhánh tỉnh",
            [
                ("Kho bạc Nhà nước tỉnh", None, None),
                ("Ngân hàng Nhà nước chi nhánh tỉnh", None, None),
            ],
        ),
        (
            "Cục Thuế tỉnh và Cục Hải quan",
            [("Cục Thuế tỉnh", None, None), ("Cục Hải quan", None, None)],
        ),
        (
            "Tổ Công tác của Chủ tịch UBND tỉnh (Tổ 770) tăng cường",
            [("Tổ Công tác của Chủ tịch UBND tỉnh (Tổ 770)", None, None)],
        ),
        ("Bộ Kế hoạch và Đầu tư tổng hợp", [("Bộ Kế hoạch và Đầu tư", None, None)]),
        # A project's investor, given work; lowercase, it is whose ("hồ sơ của chủ đầu tư").
        ("Chủ đầu tư phối hợp với các đơn vị", [("Chủ đầu tư", None, None)]),
        ("hồ sơ do chủ đầu tư lập", []),
        (
            "Bộ Tư lệnh Quân khu 5 duy trì nghiêm chế độ trực",
            [("Bộ Tư lệnh Quân khu 5", None, None)],
        ),
        ("BTL Bộ đội Biên phòng chỉ đạo", [("BTL Bộ đội Biên phòng", None, None)]),
        # A Deputy Prime Minister given work by name; "các đồng chí" all of them.
        (
            "Giao Phó Thủ tướng Chính phủ Trần Hồng Hà chỉ đạo",
            [("Phó Thủ tướng Chính phủ Trần Hồng Hà", None, None)],
        ),
        (
            "Phân công các đồng chí Phó Thủ tướng Chính phủ theo dõi",
            [("các đồng chí Phó Thủ tướng Chính phủ", None, None)],
        ),
        ("Phó Thủ tướng kết luận như sau", []),
        # Whose direction is carried out, not one given work.
        ("Thực hiện ý kiến chỉ đạo Phó Thủ tướng Chính phủ Trần Hồng Hà tại Văn bản số 123", []),
        ("Thực hiện chỉ đạo Phó Thủ tướng Trần Lưu Quang", []),
        # The courts and the procuracy, in lowercase as often as not, their heads by title.
        ("Chánh án Tòa án nhân dân tỉnh chỉ đạo", [("Tòa án nhân dân tỉnh", None, None)]),
        (
            "Viện trưởng Viện kiểm sát nhân dân cấp huyện phối hợp",
            [("Viện kiểm sát nhân dân cấp huyện", None, None)],
        ),
        # The press, asked to inform, named as a whole.
        (
            "Các cơ quan truyền thông, báo chí tiếp tục bám sát địa bàn",
            [("Các cơ quan truyền thông, báo chí", None, None)],
        ),
        # A province's newspaper and broadcaster, merged in 2025.
        (
            "Báo và Phát thanh, Truyền hình thành phố đưa tin",
            [("Báo và Phát thanh, Truyền hình thành phố", None, None)],
        ),
        # A ministry's own office, in its letter; "Văn phòng Bộ Y tế" names the ministry.
        ("Giao Văn phòng Bộ tổng hợp chung", [("Văn phòng Bộ", None, None)]),
        # A company's legal form in lowercase before its name.
        (
            "Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô báo cáo",
            [("Công ty cổ phần Khai thác và Chế biến kim loại Thủ Đô", None, None)],
        ),
        # The Party's committees: "các Đảng ủy trực thuộc" are asked as written.
        (
            "Đảng ủy Chính phủ yêu cầu các Đảng ủy trực thuộc thực hiện",
            [("Đảng ủy Chính phủ", None, None), ("các Đảng ủy trực thuộc", None, None)],
        ),
        ("Đảng ủy xã Tân Hiệp chỉ đạo", [("Đảng ủy xã Tân Hiệp", None, None)]),
        ("Huyện ủy Tân Hiệp chỉ đạo", [("Huyện ủy Tân Hiệp", None, None)]),
        ("Tỉnh ủy chỉ đạo", [("Tỉnh ủy", None, None)]),
        ("Các cấp ủy, tổ chức đảng quán triệt", [("Các cấp ủy", None, None)]),
        # "các huyện ủy" are the districts' Party committees, not the districts.
        ("yêu cầu các huyện ủy quán triệt", [("các huyện ủy", None, None)]),
        # A name's parenthesis closes with it, or the name stops before it.
        (
            "Hội đồng Thi đua - Khen thưởng (Văn phòng Bộ) rà soát hồ sơ",
            [("Hội đồng Thi đua - Khen thưởng (Văn phòng Bộ)", None, None)],
        ),
        (
            "Tập đoàn Bưu chính Viễn thông Việt Nam (VNPT chịu trách nhiệm",
            [("Tập đoàn Bưu chính Viễn thông Việt Nam", None, None)],
        ),
    ],
)
def test_unknown_agencies_are_kept_as_written(
    text: str, expected: list[tuple[str, None, None]]
) -> None:
    assert found(text) == expected


def test_lists_name_several_agencies() -> None:
    assert found("đề nghị các Bộ: Tài chính, Tư pháp, Xây dựng nghiên cứu") == [
        ("Bộ Tài chính", None, None),
        ("Bộ Tư pháp", None, None),
        ("Bộ Xây dựng", None, None),
    ]
    assert found("Giám đốc các Sở: Y tế, Kế hoạch và Đầu tư, Giáo dục và Đào tạo;") == [
        ("Sở Y tế", "Sở Y tế", None),
        ("Sở Kế hoạch và Đầu tư", "Sở Tài chính", None),
        ("Sở Giáo dục và Đào tạo", None, None),
    ]
    # "Tài chính - Kế hoạch" is a district office's sector; a list's comma parts two ministries.
    assert found("Các Bộ: Tài chính, Kế hoạch và Đầu tư theo chức năng") == [
        ("Bộ Tài chính", None, None),
        ("Bộ Kế hoạch và Đầu tư", None, None),
    ]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("các sở, ban, ngành", "all_departments"),
        ("các sở, ban, ngành cấp tỉnh", "all_departments"),
        ("các Sở, ban, ngành và địa phương", "all_departments+all_localities"),
        ("các sở ngành và UBND các huyện, thành phố", "all_departments+all_districts"),
        ("UBND các huyện, thị xã, thành phố", "all_districts"),
        ("UBND các huyện/thành phố", "all_districts"),
        ("các sở-ngành liên quan và UBND quận-huyện", "all_departments+all_districts"),
        ("Uỷ ban nhân dân thành phố và các huyện", "all_districts"),
        ("UBND cấp huyện, cấp xã", "all_districts+all_communes"),
        ("Ủy ban nhân dân cấp tỉnh", "all_provinces"),
        ("UBND các xã, phường", "all_communes"),
        ("UBND các phường", "all_communes"),
        ("Ủy ban nhân dân các quận", "all_districts"),
        ("Ủy ban nhân dân các xã, phường, đặc khu", "all_communes"),
        ("UBND các đặc khu", "all_special_zones"),
        ("UBND các đặc khu, xã", "all_communes"),
        ("các địa phương", "all_localities"),
        ("các chủ đầu tư", "all_investors"),
        ("các Bộ, cơ quan ngang Bộ", "all_ministries"),
        ("các bộ, cơ quan trung ương và địa phương", "all_ministries+all_localities"),
        ("các Bộ, cơ quan, địa phương", "all_ministries+all_localities"),
        ("các cơ quan, đơn vị liên quan", "all_related"),
    ],
)
def test_groups_get_a_key(text: str, group: str) -> None:
    mentions = CATALOGUE.find_mentions(f"Đề nghị {text} triển khai.")
    assert [(m.written, m.group, m.entry) for m in mentions] == [(text, group, None)]


LOCAL = [
    CatalogueEntry(name)
    for name in (
        "UBND huyện Tân Phú",
        "Ủy ban nhân dân quận 1",
        "UBND TP. Biên Hòa",
        "UBND thị trấn Tân Phú",
        "Ủy ban nhân dân xã Phú Lộc",
        "UBND phường Tân An",
        "UBND đặc khu Phú Quốc",
        "UBND tỉnh Đồng Nai",
        "Sở Y tế",
    )
]


@pytest.mark.parametrize(
    ("group", "issued_on", "members"),
    [
        (
            "all_districts",
            dt.date(2023, 3, 10),
            ["UBND huyện Tân Phú", "Ủy ban nhân dân quận 1", "UBND TP. Biên Hòa"],
        ),
        (
            "all_communes",
            dt.date(2023, 3, 10),
            [
                "UBND thị trấn Tân Phú",
                "Ủy ban nhân dân xã Phú Lộc",
                "UBND phường Tân An",
                "UBND đặc khu Phú Quốc",
            ],
        ),
        ("all_localities", None, [e.name for e in LOCAL[:7]]),
        ("all_special_zones", dt.date(2026, 3, 10), ["UBND đặc khu Phú Quốc"]),
        # Since 1 July 2025: no district level, no townships; the catalogue keeps them for the
        # tasks of earlier documents.
        ("all_districts", dt.date(2025, 7, 1), []),
        (
            "all_localities",
            dt.date(2026, 3, 10),
            ["Ủy ban nhân dân xã Phú Lộc", "UBND phường Tân An", "UBND đặc khu Phú Quốc"],
        ),
        (
            "all_departments+all_districts",
            dt.date(2025, 6, 30),
            [*(e.name for e in LOCAL[:3]), "Sở Y tế"],
        ),
    ],
)
def test_group_members_by_the_map_of_the_documents_day(
    group: str, issued_on: dt.date | None, members: list[str]
) -> None:
    assert [e.name for e in group_members(group, LOCAL, issued_on=issued_on)] == members


def test_group_members_typed_in_combining_unicode() -> None:
    # Unikey's "Unicode tổ hợp" writes "ờ" as "o" + horn + grave: the same name to the eye.
    entries = [
        CatalogueEntry(unicodedata.normalize("NFD", n))
        for n in ("Sở Tài chính", "UBND phường Tân An")
    ]
    assert group_members("all_departments", entries) == entries[:1]
    assert group_members("all_communes", entries) == entries[1:]


# --------------------------------------------------------------------------------------------
# Groups expanded to the catalogue's agencies, from the file to the preview (nhacviec import)
# --------------------------------------------------------------------------------------------


def _dry_run(cli: Cli, tmp_path: Path, catalogue: str, text: str, *options: str) -> str:
    """`nhacviec import cv.txt --dry-run OPTIONS` of a letter (text), with a catalogue file of
    these rows (name,short_name,aliases): what it prints."""
    (tmp_path / "c.csv").write_text("name,short_name,aliases\n" + catalogue, encoding="utf-8")
    (tmp_path / "cv.txt").write_text(text, encoding="utf-8")
    cli("agencies", "import", "c.csv")
    code, out, err = cli("import", "cv.txt", "--dry-run", *options)
    assert (code, err) == (0, ""), err
    return out


def _expanded(cli: Cli, tmp_path: Path, catalogue: str, text: str) -> list[set[str]]:
    """The agencies of each task of the preview of a letter (text), the groups expanded, with
    a catalogue file of these rows (name,short_name,aliases)."""
    out = _dry_run(cli, tmp_path, catalogue, text, "--expand-groups")
    lines = [line.strip() for line in out.splitlines() if line[:5].strip().rstrip(".").isdigit()]
    return [set(line.split(". ", 1)[1].split(" — ")[0].split(", ")) for line in lines]


def test_communes_and_towns_named_in_full_are_members_of_their_groups(
    cli: Cli, tmp_path: Path
) -> None:
    # A catalogue may write "Ủy ban nhân dân" in full, as the commune's seal does: "UBND các xã,
    # phường" and "UBND các huyện, thị xã, thành phố" stand for those too.
    catalogue = (
        "UBND xã Phú Lộc,,\nỦy ban nhân dân phường Tân An,,\n"
        "UBND huyện Tân Phú,,\nỦy ban nhân dân thành phố Biên Hòa,,\n"
    )
    to_both = letter(
        "10 tháng 3 năm 2023",
        "Giao UBND các xã, phường rà soát hộ nghèo, báo cáo trước ngày 31/3/2023.",
        "Giao UBND các huyện, thị xã, thành phố kiểm tra, báo cáo trước ngày 15/4/2023.",
    )

    lines = _expanded(cli, tmp_path, catalogue, to_both)

    assert lines == [
        {"UBND xã Phú Lộc", "Ủy ban nhân dân phường Tân An"},
        {"UBND huyện Tân Phú", "Ủy ban nhân dân thành phố Biên Hòa"},
    ]


def test_the_special_zones_of_2025_are_among_ubnd_cac_xa_phuong_dac_khu(
    cli: Cli, tmp_path: Path
) -> None:
    # Since 1 July 2025 the level below the province is communes, wards and special zones (đặc
    # khu Phú Quốc): a 2026 letter to "UBND các xã, phường, đặc khu" is theirs.
    task = "Giao UBND các xã, phường, đặc khu rà soát hộ nghèo, báo cáo trước ngày 31/3/2026."

    lines = _expanded(
        cli,
        tmp_path,
        "UBND xã Phú Lộc,,\nUBND phường Rạch Giá,,\nUBND đặc khu Phú Quốc,,\n",
        letter("10 tháng 3 năm 2026", task),
    )

    assert lines == [{"UBND xã Phú Lộc", "UBND phường Rạch Giá", "UBND đặc khu Phú Quốc"}]


def test_a_2026_letter_to_the_localities_is_not_given_to_the_abolished_districts(
    cli: Cli, tmp_path: Path
) -> None:
    # The districts kept in the catalogue for their 2023 tasks were abolished on 1 July 2025
    # (and nothing removes an agency from the catalogue): "các địa phương" of a 2026 letter
    # are the communes and wards.
    catalogue = "UBND huyện Tân Phú,,\nUBND xã Phú Lộc,,\nUBND phường Tân An,,\n"
    task = "Giao các địa phương kiểm tra an toàn thực phẩm, báo cáo trước ngày 15/4/2026."

    assert _expanded(cli, tmp_path, catalogue, letter("10 tháng 3 năm 2026", task)) == [
        {"UBND xã Phú Lộc", "UBND phường Tân An"}
    ]


def test_a_task_for_ubnd_cac_dac_khu_is_found_and_given_to_the_special_zones(
    cli: Cli, tmp_path: Path
) -> None:
    # A 2026 letter to the special zones alone ("UBND các đặc khu"): today the importer finds
    # no agency in it, so no task at all ("Không tìm thấy nhiệm vụ nào").
    zones = letter(
        "10 tháng 3 năm 2026",
        "Giao UBND các đặc khu rà soát quy hoạch ven biển, báo cáo trước ngày 31/3/2026.",
    )
    catalogue = "UBND đặc khu Phú Quốc,,\nUBND đặc khu Kiên Hải,,\nUBND xã Phú Lộc,,\n"

    lines = _expanded(cli, tmp_path, catalogue, zones)

    assert lines == [{"UBND đặc khu Phú Quốc", "UBND đặc khu Kiên Hải"}]


def test_the_ministries_named_alone() -> None:
    mentions = CATALOGUE.find_mentions(
        "Các Bộ là chủ Chương trình gửi hồ sơ; các bộ phận theo dõi."
    )
    assert [(m.written, m.group) for m in mentions] == [("Các Bộ", "all_ministries")]


def test_a_group_in_the_catalogue_is_that_entry() -> None:
    catalogue = Catalogue([CatalogueEntry("UBND các huyện, thành phố", "UBND cấp huyện")])
    (mention,) = catalogue.find_mentions("Giao UBND các huyện, thành phố thực hiện.")
    assert mention.entry is not None and mention.group is None


def test_display_and_unknown_flag() -> None:
    known, unknown = CATALOGUE.find_mentions("Sở KH&ĐT và Sở Ngoại vụ")
    assert known.display == "Sở Tài chính" and not known.is_unknown
    assert unknown.display == "Sở Ngoại vụ" and unknown.is_unknown
    assert isinstance(known, AgencyMention)


def test_superiors_and_common_words_are_not_agencies() -> None:
    assert found("UBND tỉnh giao nhiệm vụ; Số 12/TB-UBND; bộ phận một cửa; sở hữu trí tuệ") == []
    # Words that lose their marks to a head word: a village ("Bản"), a number ("Số").
    assert found("đi kiểm tra tại Bản Giang; Số 12 Nguyễn Huệ; Bố trí kinh phí") == []
    # The Party's Politburo and Secretariat are named whole, though their names end in lowercase.
    assert found("Bộ Chính trị đồng ý chủ trương; Ban Bí thư kết luận") == [
        ("Bộ Chính trị", None, None),
        ("Ban Bí thư", None, None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Đề nghị Hiệu trưởng các trường, Thủ trưởng các đơn vị trực thuộc rà soát",
            [
                ("Hiệu trưởng các trường", None, None),
                ("Thủ trưởng các đơn vị trực thuộc", None, None),
            ],
        ),
        (
            "Hiệu trưởng các trường MN - MG (CL - NCL),",
            [("Hiệu trưởng các trường MN - MG (CL - NCL)", None, None)],
        ),
        (
            "Các cơ sở giáo dục trong toàn tỉnh cho học sinh nghỉ",
            [("Các cơ sở giáo dục", None, None)],
        ),
        (
            "Trưởng Phòng Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố thông tin",
            [("Trưởng Phòng Phòng Giáo dục và Đào tạo các huyện, thị xã, thành phố", None, None)],
        ),
        (
            "Chủ tịch UBND các xã, phường triển khai",
            [("Chủ tịch UBND các xã, phường", None, "all_communes")],
        ),
        ("Giám đốc các sở triển khai", [("Giám đốc các sở", None, "all_departments")]),
        (
            "yêu cầu các ngành, đơn vị và UBND các xã, thị trấn chỉ đạo",
            [("các ngành, đơn vị và UBND các xã, thị trấn", None, "all_departments+all_communes")],
        ),
        ("Giám đốc Sở Y tế chỉ đạo", [("Sở Y tế", "Sở Y tế", None)]),
        (
            "UBND huyện yêu cầu các phòng, ban chuyên môn thuộc UBND huyện báo cáo",
            [("các phòng, ban chuyên môn thuộc UBND huyện", None, None)],
        ),
        ("đề nghị các phòng ban, ngành báo cáo", [("các phòng ban, ngành", None, None)]),
        ("Các phòng chuyên môn rà soát", [("Các phòng chuyên môn", None, None)]),
        (
            "đề nghị các Bộ, cơ quan ngang bộ, cơ quan khác ở trung ương (sau đây gọi là Bộ, cơ "
            "quan trung ương) tập trung chỉ đạo",
            [("Bộ, cơ quan trung ương", None, "all_ministries")],
        ),
        ("giao Sở Y tế (sau đây viết tắt là SYT) chủ trì", [("Sở Y tế", "Sở Y tế", None)]),
        (
            "Các cơ quan, đơn vị được giao chủ trì có trách nhiệm báo cáo",
            [("Các cơ quan, đơn vị được giao chủ trì", None, None)],
        ),
        (
            "Các cơ quan, ban ngành, đoàn thể thị xã ra quân tổng dọn vệ sinh",
            [("Các cơ quan, ban ngành, đoàn thể", None, None)],
        ),
        (
            "Các lực lượng cứu nạn, cứu hộ duy trì lực lượng, phương tiện",
            [("Các lực lượng cứu nạn, cứu hộ", None, None)],
        ),
        ("Lực lượng vũ trang tỉnh sẵn sàng", [("Lực lượng vũ trang tỉnh", None, None)]),
        ("Ủy ban nhân dân 16 phường tổ chức", [("Ủy ban nhân dân 16 phường", None, None)]),
        # A ward's residential units, and a district's departments as its news writes them.
        ("Đề nghị các tổ dân phố tháo dỡ băng rôn", [("các tổ dân phố", None, None)]),
        ("Giao các thôn, bản rà soát hộ nghèo", [("các thôn, bản", None, None)]),
        ("yêu cầu các phòng ngành tập trung", [("các phòng ngành", None, None)]),
        ("Huyện đã yêu cầu các xã tổng hợp số liệu", [("các xã", None, "all_communes")]),
        ("Sở yêu cầu các doanh nghiệp viễn thông chặn đầu số", [("các doanh nghiệp", None, None)]),
        # The public a notice asks, named as a group of people.
        (
            "UBND phường đề nghị các hộ gia đình, cá nhân có đất kê khai",
            [("các hộ gia đình, cá nhân", None, None)],
        ),
        (
            "yêu cầu các tổ chức, cá nhân được cấp phép báo cáo",
            [("các tổ chức, cá nhân", None, None)],
        ),
        # Names by initials, levels, firms and the 2025 forms, as the offices write them.
        ("1. Tỉnh đoàn tổ chức ra quân", [("Tỉnh đoàn", None, None)]),
        ("Đề nghị Thành đoàn Hà Nội phối hợp", [("Thành đoàn Hà Nội", None, None)]),
        ("Đoàn TNCS Hồ Chí Minh tỉnh phát động", [("Đoàn TNCS Hồ Chí Minh tỉnh", None, None)]),
        (
            "TAND tỉnh, VKSND tỉnh phối hợp rà soát",
            [("TAND tỉnh", None, None), ("VKSND tỉnh", None, None)],
        ),
        ("BHXH tỉnh rà soát đối tượng", [("BHXH tỉnh", None, None)]),
        ("Giao BCH Quân sự tỉnh chủ trì diễn tập", [("BCH Quân sự tỉnh", None, None)]),
        ("Đề nghị LĐLĐ tỉnh tuyên truyền", [("LĐLĐ tỉnh", None, None)]),
        (
            "Ngân hàng Chính sách xã hội chi nhánh tỉnh giải ngân",
            [("Ngân hàng Chính sách xã hội chi nhánh tỉnh", None, None)],
        ),
        (
            "Viettel Lâm Đồng, VNPT Lâm Đồng bảo đảm thông tin",
            [("Viettel Lâm Đồng", None, None), ("VNPT Lâm Đồng", None, None)],
        ),
        ("Giao Điện lực Đức Trọng cấp điện cho điểm bầu cử", [("Điện lực Đức Trọng", None, None)]),
        ("Bưu điện tỉnh Lâm Đồng chi trả lương hưu", [("Bưu điện tỉnh Lâm Đồng", None, None)]),
        ("Báo Lâm Đồng mở chuyên mục tuyên truyền", [("Báo Lâm Đồng", None, None)]),
        ("BÁO CÁO KẾT QUẢ THỰC HIỆN", []),
        ("Bão Yagi gây thiệt hại nặng", []),
        (
            "Văn phòng Đăng ký đất đai tỉnh cập nhật dữ liệu",
            [("Văn phòng Đăng ký đất đai tỉnh", None, None)],
        ),
        ("Giao Thuế cơ sở 3 tỉnh Lâm Đồng rà soát", [("Thuế cơ sở 3 tỉnh Lâm Đồng", None, None)]),
        (
            "Giao Thi hành án dân sự tỉnh Lâm Đồng rà soát hồ sơ",
            [("Thi hành án dân sự tỉnh Lâm Đồng", None, None)],
        ),
        ("Giao Công an TP. Hồ Chí Minh rà soát", [("Công an TP. Hồ Chí Minh", None, None)]),
        ("Đề nghị Văn phòng Quốc hội cho ý kiến", [("Văn phòng Quốc hội", None, None)]),
        ("Giao UBND phường 1 rà soát hộ nghèo", [("UBND phường 1", None, None)]),
        ("Đề nghị Thường trực HĐND tỉnh giám sát", [("Thường trực HĐND tỉnh", None, None)]),
        ("Thanh tra Sở Xây dựng kiểm tra công trình", [("Thanh tra Sở Xây dựng", None, None)]),
        # A department's or ministry's own inspectorate, in its own text.
        ("2. Thanh tra Sở: Tổ chức kiểm tra", [("Thanh tra Sở", None, None)]),
        ("Giao Thanh tra Bộ chủ trì thanh tra", [("Thanh tra Bộ", None, None)]),
        (
            "2. Đối với các đại học, học viện, trường đại học",
            [("các đại học, học viện, trường đại học", None, None)],
        ),
        # The places a group's last level names, and those of the group a task concerns.
        (
            "2. Chủ tịch UBND các huyện, thành phố Đà Lạt, Bảo Lộc:",
            [("Chủ tịch UBND các huyện, thành phố Đà Lạt, Bảo Lộc", None, "all_districts")],
        ),
        (
            "UBND các huyện, thành phố Triển khai ngay",
            [("UBND các huyện, thành phố", None, "all_districts")],
        ),
        (
            "4. UBND các xã, thị trấn được kiểm tra chuẩn bị hồ sơ",
            [("UBND các xã, thị trấn được kiểm tra", None, "all_communes")],
        ),
        (
            "Công an các xã, phường, đặc khu tổ chức kiểm tra",
            [("Công an các xã, phường, đặc khu", None, None)],
        ),
        ("Đảng ủy các xã, phường lãnh đạo triển khai", [("Đảng ủy các xã, phường", None, None)]),
        ("đề nghị các cơ quan báo chí tuyên truyền", [("các cơ quan báo chí", None, None)]),
        (
            "Đồn Biên phòng Cửa khẩu quốc tế Lao Bảo tuần tra",
            [("Đồn Biên phòng Cửa khẩu quốc tế Lao Bảo", None, None)],
        ),
        # "Đối với" is no "Đội"; "khám, chữa bệnh" one name; a broadcaster's place ends it.
        (
            "I. ĐỐI VỚI PHÒNG GIÁO DỤC VÀ ĐÀO TẠO CÁC QUẬN, HUYỆN",
            [("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO CÁC QUẬN, HUYỆN", None, None)],
        ),
        ("Cục Quản lý Khám, chữa bệnh hướng dẫn", [("Cục Quản lý Khám, chữa bệnh", None, None)]),
        (
            "Báo và Phát thanh, Truyền hình Quảng Trị tăng thời lượng phát sóng",
            [("Báo và Phát thanh, Truyền hình Quảng Trị", None, None)],
        ),
        # A name ends at the colon of its item; "các sở:" before work, not a list of sectors.
        (
            "- Ban Quản lý dự án đầu tư xây dựng tỉnh: Chỉ đạo nhà thầu",
            [("Ban Quản lý dự án đầu tư xây dựng tỉnh", None, None)],
        ),
        ("- Giám đốc các sở: Chỉ đạo rà soát", [("Giám đốc các sở", None, "all_departments")]),
        # A court's place, a district's office, a school, a park, a branch, a numbered team.
        (
            "Tòa án nhân dân huyện Đức Trọng xét xử",
            [("Tòa án nhân dân huyện Đức Trọng", None, None)],
        ),
        ("Giao Phòng Y tế huyện kiểm tra", [("Phòng Y tế huyện", None, None)]),
        ("Đề nghị Đại học Quốc gia Hà Nội phối hợp", [("Đại học Quốc gia Hà Nội", None, None)]),
        ("Vườn quốc gia Cúc Phương tuần tra", [("Vườn quốc gia Cúc Phương", None, None)]),
        ("Chi nhánh Viettel Lâm Đồng bảo đảm", [("Chi nhánh Viettel Lâm Đồng", None, None)]),
        ("Giao Tổ công tác 1645 rà soát", [("Tổ công tác 1645", None, None)]),
        (
            "Đề nghị Sở, ngành liên quan phối hợp",
            [("Sở, ngành liên quan", None, "all_departments")],
        ),
        ("Trạm Y tế các xã, thị trấn tổ chức", [("Trạm Y tế các xã, thị trấn", None, None)]),
        ("Giao chủ đầu tư khẩn trương", [("chủ đầu tư", None, None)]),
        ("việc lựa chọn chủ đầu tư dự án", []),
        # As papers write them.
        ("UBND H.Long Thành khẩn trương hoàn thành", [("UBND H.Long Thành", None, None)]),
        ("UBND TX.Điện Bàn chỉ đạo", [("UBND TX.Điện Bàn", None, None)]),
        (
            "Bộ GD-ĐT yêu cầu các sở GD-ĐT rà soát",
            [("Bộ GD-ĐT", None, None), ("các sở GD-ĐT", None, None)],
        ),
        ("Các sở chuyên ngành đẩy nhanh", [("Các sở chuyên ngành", None, "all_departments")]),
        # Owners a dispatch sets to work, as the subject of their sentence.
        ("Các chủ rừng hoàn thành làm đường ranh cản lửa", [("Các chủ rừng", None, None)]),
        ("- Các nhà thầu thi công khẩn trương", [("Các nhà thầu thi công", None, None)]),
        ("hỗ trợ các chủ rừng trồng cây", []),
        # A name ends at its verb: after a place, and at verbs of two words.
        (
            "Công an huyện Đức Trọng quản lý chặt chẽ vũ khí",
            [("Công an huyện Đức Trọng", None, None)],
        ),
        ("Giao Sở GTVT thẩm định hồ sơ", [("Sở GTVT", None, None)]),
        ("Trường Đại học Vinh huy động sinh viên", [("Trường Đại học Vinh", None, None)]),
        ("Đề nghị Tỉnh ủy quan tâm, chỉ đạo", [("Tỉnh ủy", None, None)]),
        ("Tỉnh đoàn quán triệt đến các cơ sở đoàn", [("Tỉnh đoàn", None, None)]),
        # Customs, ports, libraries, unions; the 2025 "khu vực"; an office of every province.
        (
            "Giao Hải quan cửa khẩu quốc tế Móng Cái tăng cường",
            [("Hải quan cửa khẩu quốc tế Móng Cái", None, None)],
        ),
        (
            "Giao Cảng vụ Hàng hải Quảng Ninh kiểm tra",
            [("Cảng vụ Hàng hải Quảng Ninh", None, None)],
        ),
        ("Giao Thư viện tỉnh số hóa", [("Thư viện tỉnh", None, None)]),
        ("Giao Công đoàn Viên chức tỉnh vận động", [("Công đoàn Viên chức tỉnh", None, None)]),
        ("Giao Công an đặc khu Vân Đồn bảo đảm", [("Công an đặc khu Vân Đồn", None, None)]),
        ("Giao KBNN khu vực XI phối hợp", [("KBNN khu vực XI", None, None)]),
        (
            "Giao Trung tâm Y tế khu vực Diễn Châu chủ trì",
            [("Trung tâm Y tế khu vực Diễn Châu", None, None)],
        ),
        ("Giao Công an các tỉnh, thành phố chủ trì", [("Công an các tỉnh, thành phố", None, None)]),
        ("Giao Hội Nông dân các xã, phường chủ trì", [("Hội Nông dân các xã, phường", None, None)]),
        ("công đoạn sản xuất", []),
        # Words a name holds that end others.
        ("Giao Cục Người có công chủ trì", [("Cục Người có công", None, None)]),
        ("Tổng cục Hậu cần chủ trì", [("Tổng cục Hậu cần", None, None)]),
        # A district's joint office in every commune; the police's investigators.
        (
            "Giao Văn phòng HĐND và UBND các xã, phường chủ trì",
            [("Văn phòng HĐND và UBND các xã, phường", None, None)],
        ),
        (
            "Giao Cơ quan Cảnh sát điều tra Công an huyện chủ trì",
            [("Cơ quan Cảnh sát điều tra Công an huyện", None, None)],
        ),
        # Firms and facilities heading their own item of a plan.
        (
            "4. Các cơ sở nuôi trồng thủy sản: Theo dõi, giám sát môi trường",
            [("Các cơ sở nuôi trồng thủy sản", None, None)],
        ),
        (
            "- Các cơ sở sản xuất, kinh doanh thực phẩm: chấp hành nghiêm",
            [("Các cơ sở sản xuất, kinh doanh thực phẩm", None, None)],
        ),
        ("Các doanh nghiệp có trách nhiệm: a) nộp báo cáo", []),
        # A name ends where a verb starts: "nhắc nhở", "lưu ý", "đề nghị" ...
        ("Sở GD-ĐT TP HCM nhắc nhở các đơn vị", [("Sở GD-ĐT TP HCM", None, None)]),
        (
            "Chi cục Thú y đề nghị Trung tâm Dịch vụ nông nghiệp các huyện, thị xã tổ chức",
            [
                ("Chi cục Thú y", None, None),
                ("Trung tâm Dịch vụ nông nghiệp", None, None),
                ("các huyện, thị xã", None, "all_districts"),
            ],
        ),
    ],
)
def test_office_holders_and_collectives_are_agencies_as_written(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert found(text) == expected


def test_each_of_the_agencies_just_named_is_no_agency_of_its_own() -> None:
    text = "Giao Sở Y tế và Sở Tài chính, mỗi đơn vị xây dựng 01 kế hoạch"
    assert [written for written, _, _ in found(text)] == ["Sở Y tế", "Sở Tài chính"]
    # Where it opens its clause, it names those who do the work.
    assert found("Trong thời gian tới, mỗi xã bố trí 01 cán bộ") == [("mỗi xã", None, None)]


def test_each_of_the_agencies_just_named_is_not_another_agency(cli: Cli, tmp_path: Path) -> None:
    """In "Giao Sở Y tế và Sở Tài chính, mỗi đơn vị xây dựng 01 kế hoạch", "mỗi đơn vị" is
    each of the two agencies just named: neither a cooperating agency of the task nor one the
    catalogue lacks, which would ask the officer to map a name that is no agency."""
    task_text = (
        "1. Giao Sở Y tế và Sở Tài chính, mỗi đơn vị xây dựng 01 kế hoạch, hoàn thành trước "
        "ngày 30/4/2023."
    )
    out = _dry_run(
        cli,
        tmp_path,
        "Sở Y tế,,\nSở Tài chính,,\n",
        letter("05 tháng 01 năm 2023", task_text),
        "--json",
    )
    (task,) = json.loads(out)["tasks"]

    assert "mỗi đơn vị" not in task["cooperating"]
    assert "mỗi đơn vị" not in task["unknown_agencies"]


def test_bare_plurals_and_common_words_are_no_collective() -> None:
    # "Các đơn vị" alone stands for the addressees; "phòng chống" is no office.
    assert found("Các đơn vị thực hiện trước ngày 24/3/2016.") == []
    assert found("công tác phòng chống bão các huyện") == []
    assert found("Trường hợp cần thiết, Phòng, chống dịch") == []
    assert found("xử lý nghiêm các trường hợp vi phạm") == []  # cases, not schools
    assert found("Mới đây, các đơn vị mới thành lập đã báo cáo") == []  # "mới" (new), not "mỗi"
    assert found("giao cho các cơ quan chức năng chuẩn bị") == [
        ("các cơ quan chức năng", None, None)
    ]
    assert found("giảm các áp lực lên ngân sách") == []  # pressure, not hamlets ("ấp")
    assert found("các tổ chức chính trị - xã hội") == []  # "tổ chức" alone names no one
    assert found("hỗ trợ người dân tại các xã vùng sâu") == []  # where, not who
    assert found("tháo gỡ khó khăn cho các doanh nghiệp nhỏ") == []  # helped, not asked
    assert found("phát triển các làng nghề và các buôn bán nhỏ") == []
    # "TỔ CHỨC THỰC HIỆN" (carrying out) starts as "Tổ Công nghệ Thông tin" does: no team.
    assert found("III. TỔ CHỨC THỰC HIỆN") == []


@pytest.mark.parametrize(
    "name",
    [
        "Phòng Tài chính - Kế hoạch",
        "Ủy ban Dân tộc",
        "Hội Nông dân tỉnh",
        "Đài Phát thanh - Truyền hình Hậu Giang",
        "Trường THCS Hoàng Lương",
        "Đoàn Đại biểu Quốc hội",
        "Phòng Giáo dục và Đào tạo Quận 11",
        "Ban chỉ huy quân sự xã",
        "Tổ Công nghệ Thông tin Quận 8",
        "Phòng Giáo dục và Đào tạo Mộc Châu",
        # Field units of a department.
        "Hạt Kiểm lâm Cam Lâm",
        "Đội Quản lý thị trường số 1",
        "Trạm Khuyến nông",
    ],
)
def test_more_agencies_by_their_head_word(name: str) -> None:
    assert found(f"{name} phối hợp thực hiện") == [(name, None, None)]


def test_a_place_asked_to_act_is_named_as_written() -> None:
    assert found("Chi cục Thủy lợi đề nghị thị xã Kinh Môn huy động nhân lực") == [
        ("Chi cục Thủy lợi", None, None),
        ("thị xã Kinh Môn", None, None),
    ]
    assert found("yêu cầu xã Hòa Chính khắc phục; giao cho thành phố Hà Tĩnh chủ trì") == [
        ("xã Hòa Chính", None, None),
        ("thành phố Hà Tĩnh", None, None),
    ]
    # Where something is, or a verb written with a capital, names no one.
    assert found("tại huyện Kim Sơn có 5 xã; đề nghị huyện Đánh giá lại") == []


def test_facilities_and_firms_asked_to_act_are_named_as_written() -> None:
    assert found("Sở Y tế đề nghị các cơ sở khám chữa bệnh báo cáo") == [
        ("Sở Y tế", "Sở Y tế", None),
        ("các cơ sở khám chữa bệnh", None, None),
    ]
    assert found("yêu cầu các bệnh viện, đề nghị các hợp tác xã, yêu cầu các hộ chăn nuôi") == [
        ("các bệnh viện", None, None),
        ("các hợp tác xã", None, None),
        ("các hộ chăn nuôi", None, None),
    ]
    # A health facility ("cơ sở y tế") is not the Department of Health ("Sở Y tế").
    assert found("đề nghị các cơ sở y tế báo cáo") == [("các cơ sở y tế", None, None)]
    assert found("Sở Y tế phối hợp với các cơ sở y tế trên địa bàn") == [
        ("Sở Y tế", "Sở Y tế", None)
    ]


def test_a_catalogue_name_inside_another_word_is_no_mention() -> None:
    ministry_and_department = Catalogue(
        [CatalogueEntry("Bộ Y tế", None, ()), CatalogueEntry("Sở Y tế", None, ())]
    )

    def named(text: str) -> list[str | None]:
        found = ministry_and_department.find_mentions(text)
        return [m.entry.name if m.entry else None for m in found]

    # Health workers, the whole health sector, a health record: neither the ministry nor the
    # department.
    assert named("các cán bộ y tế tham gia; toàn bộ y tế cơ sở; hồ sơ y tế điện tử") == []
    assert named("cán bộ Sở Y tế và Bộ Y tế kiểm tra") == ["Sở Y tế", "Bộ Y tế"]
    assert named("Giao so y te kiem tra") == ["Sở Y tế"]  # typed without marks


def test_the_forest_rangers_stations_named_alone_and_words_spelt_like_a_unit() -> None:
    assert found("yêu cầu các Hạt Kiểm lâm tăng cường tuần tra") == [("Hạt Kiểm lâm", None, None)]
    # "Đổi", "Trăm" lose their marks to "đội", "trạm": in a heading's capitals, no unit.
    assert found("II. ĐỔI MỚI CÔNG TÁC QUẢN LÝ; TRĂM HỘ DÂN ĐƯỢC HỖ TRỢ") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "vệ" is no "về", "soát" no "rà soát", "cứu" no "nghiên cứu": the name goes on.
        ("Chi cục An toàn vệ sinh thực phẩm: Là đầu mối", "Chi cục An toàn vệ sinh thực phẩm"),
        ("Trung tâm Kiểm soát bệnh tật tỉnh chủ trì", "Trung tâm Kiểm soát bệnh tật tỉnh"),
        ("Viện Nghiên cứu phát triển tỉnh thực hiện", "Viện Nghiên cứu phát triển tỉnh"),
        ("Chi cục Trồng trọt và Bảo vệ thực vật chủ trì", "Chi cục Trồng trọt và Bảo vệ thực vật"),
        (
            "Trung tâm Phục vụ hành chính công tỉnh thực hiện",
            "Trung tâm Phục vụ hành chính công tỉnh",
        ),
        # A verb of two words ends it: "nghiêm túc", "đẩy nhanh", "rà soát".
        ("Chi cục Kiểm lâm nghiêm túc thực hiện", "Chi cục Kiểm lâm"),
        ("Ban Quản lý dự án đẩy nhanh tiến độ", "Ban Quản lý dự án"),
        ("Trung tâm Khuyến nông rà soát lại", "Trung tâm Khuyến nông"),
        # A school: its kind in lowercase, then its name or the place it serves.
        (
            "Trường phổ thông Dân tộc nội trú tỉnh xét tuyển",
            "Trường phổ thông Dân tộc nội trú tỉnh",
        ),
        ("Trường mầm non Hoa Sen tổ chức", "Trường mầm non Hoa Sen"),
        # A council: "Hội đồng nghĩa vụ quân sự huyện", up to "giao cho" (it assigns).
        ("Hội đồng nghĩa vụ quân sự huyện tổ chức Hội trại", "Hội đồng nghĩa vụ quân sự huyện"),
        ("Hội đồng NVQS huyện giao cho các xã", "Hội đồng NVQS huyện"),
        # A council every province and district has, whose name holds a verb and a comma.
        (
            "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh tổ chức",
            "Hội đồng phối hợp phổ biến, giáo dục pháp luật tỉnh",
        ),
        # More verbs end a name; "Giáo dục thường xuyên" and "dự án đầu tư xây dựng" are names.
        ("Chi cục Thủy lợi vận hành hồ chứa", "Chi cục Thủy lợi"),
        ("Ban Quản lý dự án huyện lập hồ sơ", "Ban Quản lý dự án huyện"),
        (
            "Trung tâm Quan trắc tài nguyên và môi trường lấy mẫu",
            "Trung tâm Quan trắc tài nguyên và môi trường",
        ),
        ("Trung tâm Giáo dục thường xuyên tỉnh tổ chức", "Trung tâm Giáo dục thường xuyên tỉnh"),
        ("Chi cục Kiểm lâm thường xuyên kiểm tra", "Chi cục Kiểm lâm"),
        (
            "Ban Quản lý dự án đầu tư xây dựng tỉnh thực hiện",
            "Ban Quản lý dự án đầu tư xây dựng tỉnh",
        ),
        # Where the text has its marks, "thi" (an exam) is no "thì"; typed without them, "lam"
        # may be "lâm".
        ("Hội đồng chấm thi thực hiện", "Hội đồng chấm thi"),
        ("Chi cuc Kiem lam thuc hien kiem tra", "Chi cuc Kiem lam"),
        # The level that closes a name: a lowercase word after it is the verb.
        ("Cục Thuế tỉnh thu hồi nợ đọng thuế", "Cục Thuế tỉnh"),
        ("Trung tâm Truyền thông tỉnh tăng thời lượng đưa tin", "Trung tâm Truyền thông tỉnh"),
        (
            "Ban Chỉ đạo phòng, chống dịch bệnh động vật huyện chỉ đạo tiêm phòng",
            "Ban Chỉ đạo phòng, chống dịch bệnh động vật huyện",
        ),
        # ... but "Bảo hiểm xã hội" and "Ban Quản lý" go on.
        ("Bảo hiểm xã hội tỉnh chủ trì", "Bảo hiểm xã hội tỉnh"),
        # A stop word that is part of the name with the word before or after it.
        ("Trung tâm Dịch vụ việc làm thành phố báo cáo", "Trung tâm Dịch vụ việc làm thành phố"),
        (
            "Văn phòng Điều phối nông thôn mới tỉnh tham mưu",
            "Văn phòng Điều phối nông thôn mới tỉnh",
        ),
        ("Vụ Thị trường trong nước theo dõi sát thị trường", "Vụ Thị trường trong nước"),
        (
            "Công ty TNHH MTV Quản lý công trình thủy lợi Đắk Lắk thường xuyên kiểm tra",
            "Công ty TNHH MTV Quản lý công trình thủy lợi Đắk Lắk",
        ),
        # More verbs: "thành lập", "kiểm soát".
        (
            "Trung tâm Kiểm soát bệnh tật Hà Nội thành lập 05 đoàn",
            "Trung tâm Kiểm soát bệnh tật Hà Nội",
        ),
        (
            "Cục Quản lý chất lượng Nông lâm sản và Thủy sản kiểm soát chặt chẽ",
            "Cục Quản lý chất lượng Nông lâm sản và Thủy sản",
        ),
        # Sectors a name serves, the last after "và".
        (
            "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tổ chức hội chợ",
            "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch",
        ),
        # More kinds of unit: an association, the post, a department's own office.
        ("Hiệp hội Du lịch tỉnh phối hợp quảng bá", "Hiệp hội Du lịch"),
        ("Bưu điện tỉnh bảo đảm chuyển phát", "Bưu điện tỉnh"),
        ("Văn phòng Sở bảo đảm kinh phí", "Văn phòng Sở"),
        ("Đài Phát thanh và Truyền hình tỉnh mở chuyên mục", "Đài Phát thanh và Truyền hình tỉnh"),
        # A unit's verb, then whom its work is for, is no unit of every commune.
        (
            "Phòng Tài chính - Kế hoạch huyện tham mưu bố trí vốn đối ứng cho các xã",
            "Phòng Tài chính - Kế hoạch huyện",
        ),
        # The head of the next agency after "và" starts that agency, not more of this name.
        (
            "UBND huyện Mộ Đức và Chủ tịch UBND thị xã tổ chức cưỡng chế",
            "UBND huyện Mộ Đức",
        ),
        # A unit of every province, "trực thuộc Trung ương" and all.
        (
            "Trung tâm Kiểm soát bệnh tật các tỉnh, thành phố trực thuộc Trung ương báo cáo",
            "Trung tâm Kiểm soát bệnh tật các tỉnh, thành phố trực thuộc Trung ương",
        ),
        # A district's centre named by all it serves, the last after "và".
        (
            "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện tăng thời lượng phát thanh",
            "Trung tâm Văn hóa, Thể thao và Truyền thanh huyện",
        ),
        # A section of an office, named by what it does.
        (
            "Bộ phận chuyên môn Phòng GD&ĐT tham mưu kế hoạch",
            "Bộ phận chuyên môn Phòng GD&ĐT",
        ),
        ("Bộ phận một cửa tiếp nhận hồ sơ", "Bộ phận một cửa"),
        # Two sectors merged into one department (Lào Cai, 2025).
        (
            "Sở Giao thông vận tải - Xây dựng huy động máy móc khắc phục sạt lở",
            "Sở Giao thông vận tải - Xây dựng",
        ),
    ],
)
def test_a_units_name_runs_on_in_lowercase_words_up_to_a_verb(text: str, name: str) -> None:
    assert [m.written for m in Catalogue([]).find_mentions(text)] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("UBND huyện Đánh giá kết quả tháng 10", "UBND huyện"),
        ("Sở Y tế Triển khai kế hoạch tiêm chủng", "Sở Y tế"),
        ("UBND huyện Đông Anh tổ chức hội nghị", "UBND huyện Đông Anh"),
        # The province a sector serves, and a fire board's whole name.
        ("Ngành Giáo dục Quảng Trị yêu cầu", "Ngành Giáo dục Quảng Trị"),
        (
            "Ban chỉ huy phòng cháy, chữa cháy rừng của tỉnh yêu cầu",
            "Ban chỉ huy phòng cháy, chữa cháy rừng của tỉnh",
        ),
        # A pair written with a comma inside the name.
        (
            "Ban chỉ đạo Quốc gia phòng, chống dịch Covid-19 yêu cầu",
            "Ban chỉ đạo Quốc gia phòng, chống dịch Covid-19",
        ),
        (
            "Ban Chỉ đạo phòng cháy, chữa cháy rừng huyện chỉ đạo",
            "Ban Chỉ đạo phòng cháy, chữa cháy rừng huyện",
        ),
    ],
)
def test_where_a_units_name_ends(text: str, name: str) -> None:
    assert [m.written for m in Catalogue([]).find_mentions(text)] == [name]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # The head of a hamlet or an office stands for it.
        ("Trưởng thôn các thôn rà soát danh sách hộ nghèo", "Trưởng thôn các thôn"),
        ("Tổ trưởng các tổ dân phố vận động người dân", "Tổ trưởng các tổ dân phố"),
        ("Trưởng Công an xã báo cáo tình hình", "Trưởng Công an xã"),
        ("Trưởng Thanh tra huyện báo cáo kết quả", "Trưởng Thanh tra huyện"),
        # A school, which the same letters name without their marks.
        ("Trường Công an nhân dân tổ chức tuyển sinh", "Trường Công an"),
        # A ward's offices since 2025.
        (
            "Giao Phòng Kinh tế, Hạ tầng và Đô thị kiểm tra trật tự xây dựng",
            "Phòng Kinh tế, Hạ tầng và Đô thị",
        ),
        ("Phòng Văn hóa - Xã hội phường tổ chức", "Phòng Văn hóa - Xã hội phường"),
        ("Phòng Y tế xã hội hóa dịch vụ", "Phòng Y tế"),
        # A school of two levels, a cooperative.
        ("Giao Trường Tiểu học và THCS Lũng Cú tổ chức", "Trường Tiểu học và THCS Lũng Cú"),
        ("Trường TH&THCS Lũng Cú tổ chức", "Trường TH&THCS Lũng Cú"),
        ("Hợp tác xã Nông nghiệp Triệu Thành nộp số tiền", "Hợp tác xã Nông nghiệp Triệu Thành"),
        ("Liên minh Hợp tác xã tỉnh hỗ trợ", "Liên minh Hợp tác xã tỉnh"),
        # The Party's groups in a body, given work by its committee.
        ("Ban cán sự đảng UBND tỉnh chỉ đạo khắc phục hậu quả", "Ban cán sự đảng UBND tỉnh"),
        ("Ban cán sự đảng Bộ Y tế lãnh đạo ngành", "Ban cán sự đảng Bộ Y tế"),
        ("Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh chỉ đạo", "Đảng đoàn Ủy ban MTTQ Việt Nam tỉnh"),
        # A firm's name ends at its verb, and before a sum.
        ("Yêu cầu Công ty TNHH Minh Phát nộp số tiền 52.000.000 đồng", "Công ty TNHH Minh Phát"),
    ],
)
def test_heads_and_units_of_hamlets_wards_schools_parties_and_firms(text: str, name: str) -> None:
    assert [m.written for m in Catalogue([]).find_mentions(text)] == [name]


def test_the_part_a_unit_plays_in_brackets_after_its_name_is_no_more_of_it() -> None:
    text = "Ban Quản lý dự án đầu tư xây dựng thành phố (Chủ đầu tư) bố trí kinh phí"
    assert [m.written for m in Catalogue([]).find_mentions(text)] == [
        "Ban Quản lý dự án đầu tư xây dựng thành phố",
        "Chủ đầu tư",
    ]


def test_the_committees_of_the_places_named_are_not_every_districts() -> None:
    catalogue = Catalogue([])
    text = "UBND các huyện Hướng Hóa, Đakrông và Ban Quản lý dự án tỉnh tập trung giải ngân."
    assert [(m.written, m.group) for m in catalogue.find_mentions(text)] == [
        ("UBND các huyện Hướng Hóa, Đakrông", None),
        ("Ban Quản lý dự án tỉnh", None),
    ]
    text = "Giao Ủy ban nhân dân các quận Ô Môn, Bình Thủy hoàn thành việc chi trả."
    assert [(m.written, m.group) for m in catalogue.find_mentions(text)] == [
        ("Ủy ban nhân dân các quận Ô Môn, Bình Thủy", None)
    ]
    text = "UBND các thành phố Thủ Dầu Một, Tân Uyên hoàn thành kiểm đếm trước ngày 30/6/2025."
    assert [(m.written, m.group) for m in catalogue.find_mentions(text)] == [
        ("UBND các thành phố Thủ Dầu Một, Tân Uyên", None)
    ]
    # Unnamed, they are every district.
    text = "UBND các huyện tổ chức thực hiện."
    assert [m.group for m in catalogue.find_mentions(text)] == ["all_districts"]


def test_a_provinces_chairman_is_its_committee_unless_a_name_follows() -> None:
    catalogue = Catalogue([])
    text = "Chủ tịch Ủy ban nhân dân tỉnh Hải Dương khẩn trương truy vết, khoanh vùng."
    assert [m.written for m in catalogue.find_mentions(text)] == ["Ủy ban nhân dân tỉnh Hải Dương"]
    text = "Chủ tịch UBND tỉnh Thanh Hóa Nguyễn Đình Xứng vừa có văn bản yêu cầu ..."
    assert catalogue.find_mentions(text) == []


def test_a_place_spelt_like_a_head_without_its_marks_is_no_unit() -> None:
    text = (
        "Tổ chức hội nghị tại các huyện Thới Lai, Phong Điền (Phòng Kế hoạch - Tài chính; quý II)."
    )
    assert [m.written for m in Catalogue([]).find_mentions(text)] == ["Phòng Kế hoạch - Tài chính"]


# --------------------------------------------------------------------------------------------
# Names of 2025 on and of news items, with no catalogue (a fresh install).
# --------------------------------------------------------------------------------------------

EMPTY = Catalogue([])


def as_written(text: str) -> list[tuple[str, str | None]]:
    return [(m.written, m.group) for m in EMPTY.find_mentions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "UBND TPHCM giao chủ tịch UBND phường, xã, đặc khu vận động",
            [("chủ tịch UBND phường, xã, đặc khu", "all_communes")],
        ),
        (
            "yêu cầu UBND các xã, phường, đặc khu sơ tán dân",
            [("UBND các xã, phường, đặc khu", "all_communes")],
        ),
        ("thông báo đến các xã, phường, đặc khu", [("các xã, phường, đặc khu", "all_communes")]),
        (
            "đề nghị các tỉnh, thành phố theo dõi",
            [("các tỉnh, thành phố", "all_provinces")],
        ),
        (
            "đề nghị Ủy ban nhân dân các tỉnh chỉ đạo Sở Nông nghiệp và PTNT",
            [("Ủy ban nhân dân các tỉnh", "all_provinces"), ("Sở Nông nghiệp và PTNT", None)],
        ),
        (
            "giao các sở, ban, ngành liên quan và UBND các quận, huyện, xã, phường ven biển",
            [
                (
                    "các sở, ban, ngành liên quan và UBND các quận, huyện, xã, phường",
                    "all_departments+all_districts+all_communes",
                )
            ],
        ),
        (
            "yêu cầu thủ trưởng các sở, ngành liên quan, Chủ tịch UBND các huyện, thị xã thành phố",
            [
                (
                    "thủ trưởng các sở, ngành liên quan, Chủ tịch UBND các huyện, thị xã thành phố",
                    "all_departments+all_districts",
                )
            ],
        ),
        (
            "yêu cầu giám đốc các sở, ban, ngành thành phố, chủ tịch UBND các phường, xã",
            [
                (
                    "giám đốc các sở, ban, ngành thành phố, chủ tịch UBND các phường, xã",
                    "all_departments+all_communes",
                )
            ],
        ),
        ("đề nghị các bộ, ngành Trung ương", [("các bộ, ngành Trung ương", "all_ministries")]),
        (
            # A ministry's letter to each province, singular; a city's own name is no group.
            "đề nghị Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương chỉ đạo",
            [("Chủ tịch Ủy ban nhân dân tỉnh, thành phố trực thuộc Trung ương", "all_provinces")],
        ),
        (
            "yêu cầu UBND tỉnh, thành phố trực thuộc T.Ư",
            [("UBND tỉnh, thành phố trực thuộc T.Ư", "all_provinces")],
        ),
        ("đề nghị UBND tỉnh, thành phố Hà Nội theo dõi", []),
        (
            "yêu cầu các Bộ quản lý chuyên ngành rà soát",
            [("các Bộ quản lý chuyên ngành", "all_ministries")],
        ),
        (
            "yêu cầu các Bộ quản lý ngành, lĩnh vực rà soát",
            [("các Bộ quản lý ngành, lĩnh vực", "all_ministries")],
        ),
        (
            "Các sở quản lý nhà nước chuyên ngành về hạ tầng kiểm tra",
            [("Các sở quản lý nhà nước chuyên ngành", "all_departments")],
        ),
        # A ministry's department is named like a Cục; "Vụ" is also a crop season, a case, and
        # "Vũ" a family name.
        ("Giao Vụ Kế hoạch - Tài chính chủ trì", [("Vụ Kế hoạch - Tài chính", None)]),
        ("Vụ trưởng Vụ Pháp chế báo cáo", [("Vụ Pháp chế", None)]),
        ("Vụ Đông Xuân 2024 toàn tỉnh gieo trồng", []),
        ("Vụ việc này đã kéo dài", []),
        ("Phó Thủ tướng Vũ Văn Ninh có ý kiến", []),
        # A place that opens a sentence and acts is its government; one described is a place.
        ("Huyện Phong Điền khẩn trương bàn giao mặt bằng", [("Huyện Phong Điền", None)]),
        ("TP Long Xuyên rà soát nhà ở ven sông", [("TP Long Xuyên", None)]),
        ("Huyện Phong Điền có 10 xã ven biển", []),
        ("Tỉnh Sơn La cần tập trung vào một số nhiệm vụ sau:", [("Tỉnh Sơn La", None)]),
        # A commune's own offices.
        ("Đài truyền thanh xã thông báo thường xuyên", [("Đài truyền thanh xã", None)]),
        ("Giao Văn phòng - Thống kê xã tổng hợp", [("Văn phòng - Thống kê xã", None)]),
        # The Party's committees of a province's districts and units.
        (
            "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy quán triệt",
            [("Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy", None)],
        ),
        ("Các đảng ủy phường tổ chức học tập", [("Các đảng ủy phường", None)]),
        # The head of an office in each of a group.
        (
            "Trưởng phòng GD&ĐT các huyện, thành phố, thị xã lập danh sách",
            [("Trưởng phòng GD&ĐT các huyện, thành phố, thị xã", "all_districts")],
        ),
    ],
)
def test_groups_of_the_new_local_units_and_of_news_items(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert as_written(text) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ngành giao thông vận tải theo dõi diễn biến bão", "Ngành giao thông vận tải"),
        (
            "Ngành nông nghiệp và phát triển nông thôn chỉ đạo",
            "Ngành nông nghiệp và phát triển nông thôn",
        ),
        (
            "Ban Chỉ đạo Phòng thủ dân sự quốc gia đề nghị",
            "Ban Chỉ đạo Phòng thủ dân sự quốc gia",
        ),
        (
            "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh chủ động",
            "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn tỉnh",
        ),
        ("Ban Chỉ huy PCTT-TKCN và PTDS tỉnh chỉ đạo", "Ban Chỉ huy PCTT-TKCN và PTDS tỉnh"),
        ("Bộ đội Biên phòng tỉnh kêu gọi tàu thuyền", "Bộ đội Biên phòng tỉnh"),
        ("Công ty Điện lực Quảng Ninh bảo đảm cấp điện", "Công ty Điện lực Quảng Ninh"),
        ("Đài Khí tượng thủy văn tỉnh theo dõi", "Đài Khí tượng thủy văn tỉnh"),
        ("Đài PT-TH tỉnh phổ biến nội dung Thông báo", "Đài PT-TH tỉnh"),
        ("Đài Phát thanh - Truyền hình tỉnh đưa tin", "Đài Phát thanh - Truyền hình tỉnh"),
        ("UBND tỉnh Quảng Nam chủ trì", "UBND tỉnh Quảng Nam"),
        ("yêu cầu UBND TP Đà Lạt đôn đốc", "UBND TP Đà Lạt"),
        ("UBND TP. Đà Lạt nghiêm túc kiểm điểm", "UBND TP. Đà Lạt"),
        (
            "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp chủ trì",
            "Ủy ban Quản lý vốn nhà nước tại doanh nghiệp",
        ),
        ("Kiểm toán Nhà nước phối hợp", "Kiểm toán Nhà nước"),
        ("Thông tấn xã Việt Nam tăng cường thông tin", "Thông tấn xã Việt Nam"),
        ("giao Thống kê tỉnh chủ trì", "Thống kê tỉnh"),
        ("Đề nghị Tổng Liên đoàn Lao động Việt Nam xem xét", "Tổng Liên đoàn Lao động Việt Nam"),
        ("Bộ Văn hoá-Thông tin chủ trì", "Bộ Văn hoá-Thông tin"),
        # A sector named shorter than its department, in lowercase where it is given work.
        ("Ngành giáo dục tổ chức", "Ngành giáo dục"),
        ("UBND tỉnh giao ngành nông nghiệp tỉnh chỉ đạo", "ngành nông nghiệp tỉnh"),
        # The State Bank by its initials, and its provincial branches.
        ("yêu cầu các NHNN chi nhánh tỉnh báo cáo", "NHNN chi nhánh tỉnh"),
        ("Giao Ban tiếp công dân tỉnh theo dõi", "Ban tiếp công dân tỉnh"),
        # The bodies of an election.
        ("Ủy ban bầu cử tỉnh chủ trì, phối hợp", "Ủy ban bầu cử tỉnh"),
        ("Các Tổ bầu cử niêm yết danh sách", "Tổ bầu cử"),
        ("Mỗi trường chọn 01 bài gửi về Phòng GD&ĐT", "Mỗi trường"),
        ("Mỗi cơ quan, đơn vị bố trí 01 thùng thu gom pin thải", "Mỗi cơ quan, đơn vị"),
        # One board for all the parks, and what it is named for kept apart.
        (
            "Ban Quản lý các khu công nghiệp (đối với tài sản trong khu công nghiệp)",
            "Ban Quản lý các khu công nghiệp",
        ),
        (
            "Các cơ quan, đơn vị, xí nghiệp, trường học, bệnh viện, các đơn vị lực lượng vũ trang "
            "và hộ dân treo cờ",
            "Các cơ quan, đơn vị, xí nghiệp, trường học, bệnh viện, các đơn vị lực lượng vũ trang "
            "và hộ dân",
        ),
        ("Tất cả cơ quan, đơn vị và nhà dân phải treo cờ", "Tất cả cơ quan, đơn vị và nhà dân"),
        (
            "Chủ tịch Hội đồng thành viên, Tổng Giám đốc các tập đoàn, tổng công ty nhà nước "
            "khẩn trương triển khai",
            "Chủ tịch Hội đồng thành viên, Tổng Giám đốc các tập đoàn, tổng công ty nhà nước",
        ),
    ],
)
def test_whole_names_as_written_without_a_catalogue(text: str, name: str) -> None:
    assert as_written(text)[0] == (name, None)


def test_a_sector_a_person_and_a_related_group_are_not_read_as_those_names() -> None:
    assert as_written("Ngành, lĩnh vực quản lý") == []
    assert as_written("phát triển ngành nông nghiệp tỉnh") == []  # a sector given no work
    # Whom the people elect: no agency with work to do; the delegation of deputies is one.
    assert as_written("ngày bầu cử Quốc hội khóa XV, HĐND các cấp nhiệm kỳ 2021-2026") == []
    assert as_written("bầu cử đại biểu Quốc hội và đại biểu HĐND các cấp") == []
    assert as_written("Về công tác bầu cử, HĐND tỉnh chủ trì") == [("HĐND tỉnh", None)]
    assert as_written(
        "Để chuẩn bị cho cuộc bầu cử đại biểu Quốc hội, HĐND tỉnh tổ chức kỳ họp"
    ) == [("HĐND tỉnh", None)]
    assert as_written("phối hợp với Đoàn Đại biểu Quốc hội, Hội đồng nhân dân tỉnh") == [
        ("Đoàn Đại biểu Quốc hội", None),
        ("Hội đồng nhân dân tỉnh", None),
    ]
    assert as_written("Phòng GD&ĐT thông báo kế hoạch") == [("Phòng GD&ĐT", None)]
    assert as_written("chỉ đạo Chi cục Kiểm lâm báo cáo") == [("Chi cục Kiểm lâm", None)]
    # "Chủ tịch UBND tỉnh Lâm Minh Thành" is a person; the committee acts only by its own name.
    assert as_written("Chủ tịch UBND tỉnh Lâm Minh Thành chủ trì Hội nghị") == []
    assert as_written("báo cáo UBND tỉnh trước ngày 20/01") == []
    assert as_written("phối hợp với các cơ quan, đơn vị liên quan") == [
        ("các cơ quan, đơn vị liên quan", "all_related")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Vụ" ends a word in a title's capitals ("Nhiệm Vụ", "Dịch Vụ", "Phục Vụ"), and "Vụ Án"
        # is a case: none is a ministry's department.
        (
            "Sở Nội vụ thực hiện Nhiệm Vụ Trọng Tâm về cải cách hành chính",
            [("Sở Nội vụ", None)],
        ),
        ("nâng cao chất lượng Dịch Vụ Khám chữa bệnh", []),
        ("Chương trình Phục Vụ Nhân Dân đón Tết", []),
        ("điều tra Vụ Án Tham Nhũng tại công ty", []),
        ("Vụ Việc Kéo Dài", []),
        ("Giao Vụ An toàn giao thông chủ trì", [("Vụ An toàn giao thông", None)]),
    ],
)
def test_vu_inside_another_word_or_a_case_is_no_department(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert as_written(text) == expected


def test_the_standing_office_of_a_council_acts_for_it() -> None:
    text = "Cơ quan Thường trực Hội đồng Thi đua - Khen thưởng rà soát hồ sơ, báo cáo Bộ trưởng."
    roles = find_roles(text, CATALOGUE.find_mentions(text))
    assert roles.lead is not None and roles.lead.written == "Hội đồng Thi đua - Khen thưởng"


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # "đăng tải" (posts) is no "đang" (is doing): folded, both are "dang".
        (
            "Sở Xây dựng đăng tải thông điệp truyền thông trên bảng quang báo của Thành phố.",
            "Sở Xây dựng",
        ),
        ("Sở Xây dựng đang triển khai dự án nâng cấp bảng quang báo.", None),
        # The standing office of a steering committee acts for it, and those it urges do not.
        (
            "Văn phòng Thường trực Ban Chỉ đạo 389 quốc gia tăng cường kiểm tra, đôn đốc các cơ"
            " quan, lực lượng chức năng.",
            "Ban Chỉ đạo 389 quốc gia",
        ),
        # A service's offices at every level act; the office a taxpayer files with does not.
        ("Cơ quan thuế các cấp tăng cường kiểm tra hồ sơ hoàn thuế.", "Cơ quan thuế các cấp"),
        ("Cơ quan quản lý thuế các cấp rà soát hồ sơ.", "Cơ quan quản lý thuế các cấp"),
        ("Người nộp thuế nộp hồ sơ cho cơ quan thuế quản lý trực tiếp.", None),
        # Whose papers are due by then: theirs to send.
        ("Hạn nộp hồ sơ dự thi của các trường vào ngày 29/02/2024 tại Phòng GD&ĐT.", "các trường"),
        # After the reason, "vì vậy" opens the clause that asks.
        (
            "Quý I là thời điểm Tết Nguyên đán, vì vậy Sở Y tế cần kiểm soát chặt chẽ hàng giả.",
            "Sở Y tế",
        ),
        (
            "Tháng 5 nắng nóng gay gắt; vì vậy Sở Công Thương cần bảo đảm cung cấp điện.",
            "Sở Công Thương",
        ),
        # Whom a news item quotes.
        (
            "Theo ông Nguyễn Văn C, Chủ tịch UBND xã Bình Hải, địa phương đã vận động 12 hộ dân.",
            None,
        ),
        (
            "Theo Đại tá Lê Văn D, Giám đốc Công an tỉnh, lực lượng chức năng tăng cường tuần tra.",
            None,
        ),
        ("Ông Nguyễn Văn C, Giám đốc Sở Y tế, cho biết toàn tỉnh đã tiêm được 95% dân số.", None),
        # Shortcomings told, not work asked.
        ("Sở Xây dựng còn chậm thẩm định thiết kế của 05 dự án.", None),
        # Whose papers, not whose office: "tại Bộ phận một cửa của UBND huyện".
        ("Hạn nhận hồ sơ của các trường trước ngày 28/4/2024.", "các trường"),
        ("Hạn nộp hồ sơ tại Bộ phận một cửa của UBND huyện Núi Thành trước ngày 15/4/2024.", None),
        # A difficulty, not a duty: "do đó Sở Xây dựng gặp khó khăn".
        ("Hồ sơ dự án còn thiếu, do đó Sở Xây dựng gặp khó khăn trong việc thẩm định.", None),
        # "đăng" (posts) is work, "đang" (is doing) tells what is under way.
        (
            "Sở Văn hóa và Thể thao đăng cai tổ chức Giải việt dã toàn tỉnh.",
            "Sở Văn hóa và Thể thao",
        ),
        ("Sở Công Thương đang ký kết thỏa thuận hợp tác với các tỉnh.", None),
    ],
)
def test_who_acts_first_in_a_sentence(text: str, lead: str | None) -> None:
    roles = find_roles(text, Catalogue([]).find_mentions(text))
    assert (roles.lead.written if roles.lead else None) == lead


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A district's one office for its council and its committee.
        ("Văn phòng HĐND và UBND huyện tổng hợp.", [("Văn phòng HĐND và UBND huyện", None)]),
        ("Văn phòng UBND thị xã tổng hợp.", [("Văn phòng UBND thị xã", None)]),
        # Whose district, when the office says: two districts' offices are two offices.
        (
            "Văn phòng HĐND và UBND huyện Núi Thành, Văn phòng HĐND - UBND huyện Phú Ninh",
            [
                ("Văn phòng HĐND và UBND huyện Núi Thành", None),
                ("Văn phòng HĐND - UBND huyện Phú Ninh", None),
            ],
        ),
        ("Văn phòng UBND quận 3 tổng hợp.", [("Văn phòng UBND quận 3", None)]),
    ],
)
def test_an_office_is_named_with_whose_it_is(
    text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert as_written(text) == expected


def test_a_name_ends_before_the_verb_that_follows_it() -> None:
    found = Catalogue([]).find_mentions(
        "Cục Thuế yêu cầu các Chi cục Thuế áp dụng ngay biện pháp; Báo Quảng Nam tăng thời lượng"
        " đưa tin về bão."
    )
    assert [m.written for m in found] == ["Cục Thuế", "Chi cục Thuế", "Báo Quảng Nam"]


def test_a_tax_branch_by_its_number_is_a_name_without_its_place() -> None:
    found = Catalogue([]).find_mentions("Thuế cơ sở 1, Thuế cơ sở 2 lập danh sách hộ kinh doanh.")
    assert [m.written for m in found] == ["Thuế cơ sở 1", "Thuế cơ sở 2"]
    assert Catalogue([]).find_mentions("thu thuế cơ sở hạ tầng") == []


def test_a_list_of_a_districts_offices_after_cac_phong_names_each() -> None:
    found = Catalogue([]).find_mentions("Các phòng: Nội vụ, Dân tộc thành lập đoàn kiểm tra.")
    assert [m.written for m in found] == ["phòng Nội vụ", "phòng Dân tộc"]
    assert Catalogue([]).find_mentions("các phòng chức năng kiểm tra") == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Đề nghị đồng chí Chủ tịch UBND huyện trực tiếp chỉ đạo giải phóng mặt bằng",
            ["UBND huyện"],
        ),
        ("Giao Chủ tịch UBND xã kiểm tra việc cấp phép", ["UBND xã"]),
        ("Giao UBND huyện chỉ đạo các xã", ["UBND huyện", "các xã"]),
        # Alone, the committee writes the document or is reported to.
        ("Chủ tịch UBND huyện chủ trì cuộc họp", []),
        ("báo cáo Chủ tịch UBND huyện trước ngày 20/5", []),
    ],
)
def test_a_committee_named_without_its_place_only_where_it_is_given_work(
    text: str, names: list[str]
) -> None:
    assert [m.written for m in Catalogue([]).find_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Đối với các đồng chí Bí thư chi bộ, Trưởng thôn:",
            ["các đồng chí Bí thư chi bộ, Trưởng thôn"],
        ),
        ("Yêu cầu Trưởng thôn kiểm tra, rà soát số hộ", ["Trưởng thôn"]),
        ("1. Ban điều hành các khu phố:", ["Ban điều hành các khu phố"]),
        # A holder of a group, read as such.
        ("Trưởng thôn các thôn tuyên truyền đến từng hộ", ["Trưởng thôn các thôn"]),
    ],
)
def test_the_heads_of_hamlets_a_commune_asks(text: str, names: list[str]) -> None:
    assert [m.written for m in Catalogue([]).find_mentions(text)] == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Các cơ sở khám bệnh, chữa bệnh thực hiện báo cáo sự cố y khoa",
            "Các cơ sở khám bệnh, chữa bệnh",
        ),
        ("Các phòng GD&ĐT tổ chức phổ biến Thông tư 29", "Các phòng GD&ĐT"),
        ("Các trung tâm y tế khu vực rà soát nhân lực", "Các trung tâm y tế khu vực"),
    ],
)
def test_a_sectors_units_in_lower_case_that_open_a_sentence(text: str, name: str) -> None:
    assert [m.written for m in Catalogue([]).find_mentions(text)] == [name]


def test_places_asked_by_count_are_one_mention() -> None:
    text = "Phó Thủ tướng yêu cầu hai tỉnh Sơn La, Thanh Hóa tập trung thực hiện một số nhiệm vụ:"
    assert [m.written for m in Catalogue([]).find_mentions(text)] == ["hai tỉnh Sơn La, Thanh Hóa"]
