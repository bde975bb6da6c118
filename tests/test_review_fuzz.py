"""Inputs found by fuzzing the importer: each is read into a sensible draft or refused in words,
never a traceback, a hang or a date no directive can mean."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from ingest.agencies import Catalogue, CatalogueEntry
from ingest.deadlines import find_deadlines, parse_deadline
from ingest.pipeline import read_directive
from ingest.text import UnreadableDocument

CATALOGUE = Catalogue([CatalogueEntry("Sở Tài chính"), CatalogueEntry("Sở Y tế")])


def directive(date_line: str, opening: str = "") -> bytes:
    """A short official letter whose date line (and first body paragraph) the test chooses."""
    return "\n\n".join(
        [
            "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc",
            "Số: 125/UBND-TH",
            date_line,
            "Kính gửi: Sở Tài chính; Sở Y tế.",
            opening or "Ủy ban nhân dân tỉnh yêu cầu các cơ quan thực hiện như sau:",
            "1. Sở Tài chính rà soát kinh phí, báo cáo UBND tỉnh trong 10 ngày làm việc.",
            "2. Sở Y tế hoàn thành trước ngày 30/6/2023.",
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.",
        ]
    ).encode("utf-8")


@pytest.mark.parametrize("year", ["3023", "0001", "1023", "9999"])
def test_a_date_line_with_an_impossible_year_is_no_issue_date(year: str) -> None:
    """A slip in the date line's year ("năm 3023" for 2023) is no issue date to count deadlines
    from: the importer asks for the issue date, as for a letter that gives none."""
    data = directive(f"Đà Lạt, ngày 15 tháng 3 năm {year}")
    with pytest.raises(UnreadableDocument) as refused:
        read_directive(data, "cong-van.txt", catalogue=CATALOGUE)
    assert refused.value.reason_code == "no_issue_date"
    draft = read_directive(
        data, "cong-van.txt", catalogue=CATALOGUE, issued_on=dt.date(2023, 3, 15)
    )
    assert [task.deadline.date for task in draft.tasks] == [
        dt.date(2023, 3, 29),
        dt.date(2023, 6, 30),
    ]


def test_a_meeting_date_with_an_impossible_year_is_no_reference() -> None:
    """Without a date line, a meeting date in year 9999 is not taken as the reference that
    "trong 10 ngày làm việc" counts from: the importer asks for the issue date."""
    data = directive(
        "Đà Lạt, ngày    tháng    năm",
        "Ngày 05 tháng 01 năm 9999, UBND tỉnh tổ chức họp; yêu cầu các cơ quan như sau:",
    )
    with pytest.raises(UnreadableDocument) as refused:
        read_directive(data, "cong-van.txt", catalogue=CATALOGUE)
    assert refused.value.reason_code == "no_issue_date"


def test_a_blank_day_date_line_with_an_impossible_year_is_no_reference() -> None:
    """ "ngày    tháng 3 năm 3023" (day left blank, year mistyped) is no month to count from."""
    data = directive("Đà Lạt, ngày    tháng 3 năm 3023")
    with pytest.raises(UnreadableDocument) as refused:
        read_directive(data, "cong-van.txt", catalogue=CATALOGUE)
    assert refused.value.reason_code == "no_issue_date"


REF = dt.date(2024, 3, 1)


def test_a_leap_month_is_lunar_without_the_words_am_lich() -> None:
    """ "tháng 2 nhuận" can only be a lunar month: its day is read by the lunar calendar of the
    year named (not the solar 15/02 of another year), and a leap month the year lacks is none."""
    leap = parse_deadline("hoàn thành trước ngày 15 tháng 2 nhuận năm 2023", REF)
    assert (leap.date, leap.kind) == (dt.date(2023, 4, 5), "lunar")
    missing = parse_deadline("hoàn thành trước ngày 15 tháng 6 nhuận năm 2024", REF)
    assert (missing.date, missing.kind) == (None, "impossible")
    solar = parse_deadline("hoàn thành trước ngày 15 tháng 6 năm 2024", REF)
    assert (solar.date, solar.kind) == (dt.date(2024, 6, 15), "date")


def test_a_long_sentence_of_many_phrases_reads_as_a_short_one() -> None:
    """A 23 KB sentence without a full stop, a thousand phrases in it, is read as a short one:
    its first full date is the deadline, each phrase is found once, and a cited document's date
    at its end is still no deadline. (Its speed is measured by bench/bench_long_text.py.)"""
    padding = ", trong 5 ngày làm việc" * 1000
    text = (
        "Sở Tài chính hoàn thành trước ngày 31/3/2024"
        + padding
        + ", theo Công văn số 125/UBND-TH ngày 15/3/2024"
    )
    assert parse_deadline(text, REF).date == dt.date(2024, 3, 31)
    found = find_deadlines(text, REF)
    assert len(found) == 1001
    assert {deadline.date for deadline in found[1:]} == {dt.date(2024, 3, 8)}


def test_a_long_run_of_digits_is_no_deadline() -> None:
    """A run of digits (a table's numbers run together by a PDF's text layer) is no deadline,
    and a document number with letters after its digits is still a cited document."""
    assert parse_deadline("9" * 20_000, REF).kind == "none"
    cited = parse_deadline(
        "Theo Công văn số 12a/UBND-TH ngày 15/3/2024, Sở Tài chính hoàn thành trước 30/6/2024",
        REF,
    )
    assert cited.date == dt.date(2024, 6, 30)


def plan_with_time_cells(cells: list[str]) -> bytes:
    """A plan (.docx) whose task table gives these time cells, one task a row."""
    document = docx.Document()
    for line in [
        "ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG",
        "Số: 125/KH-UBND",
        "Đà Lạt, ngày 15 tháng 3 năm 2023",
        "KẾ HOẠCH",
        "Triển khai nhiệm vụ năm 2023",
        "I. NHIỆM VỤ CỤ THỂ",
    ]:
        document.add_paragraph(line)
    table = document.add_table(rows=1 + len(cells), cols=4)
    header = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"]
    for row, values in zip(
        table.rows,
        [header]
        + [[str(n), "Rà soát kinh phí", "Sở Tài chính", cell] for n, cell in enumerate(cells, 1)],
        strict=True,
    ):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_time_cell_of_a_year_before_1945_is_out_of_range() -> None:
    """A task table's time cell "1930" or "12/1930" (a slip for 2030) is no deadline of 1930:
    it comes out of range, for the officer to correct, as "trước ngày 15/3/1930" does."""
    draft = read_directive(
        plan_with_time_cells(["1930", "12/1930", "1900-1920", "2023", "12/2099"]),
        "ke-hoach.docx",
        catalogue=CATALOGUE,
    )
    assert [(task.deadline.date, task.deadline.kind) for task in draft.tasks] == [
        (None, "out_of_range"),
        (None, "out_of_range"),
        (None, "out_of_range"),
        (dt.date(2023, 12, 31), "year"),
        (dt.date(2099, 12, 31), "month"),
    ]
