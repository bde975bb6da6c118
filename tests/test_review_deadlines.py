"""Adversarial review of the Vietnamese deadline grammar (ingest/deadlines.py).

Each test is a phrase an officer's document really writes, the date the import issue's rules give
it (worked out by hand in the docstring), and what the importer reads instead. Unless a test says
otherwise the issue date is Thursday 05/01/2023 (Tết Quý Mão: mùng 1 on Sunday 22/01/2023,
offices closed Friday 20/01 to Thursday 26/01, reopening Friday 27/01/2023).
"""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from ingest.deadlines import parse_deadline
from tests.conftest import Cli

REF = date(2023, 1, 5)


# -- a year written after a dot, or as "năm YYYY" after a day/month, must not be dropped ----------

YEAR_KEPT = [
    # "tháng 3.2024": March 2024, its last day 31/03/2024. Read: "tháng 3" -> 31/03/2023.
    ("Sở Nội vụ hoàn thành trong tháng 3.2024", date(2024, 3, 31)),
    ("cuối tháng 3.2024", date(2024, 3, 31)),
    # "ngày 15 tháng 3.2024": 15/03/2024. Read: "ngày 15 tháng 3" -> 15/03/2023.
    ("trước ngày 15 tháng 3.2024", date(2024, 3, 15)),
    # "ngày 15/3 năm 2024": 15/03/2024. Read: "ngày 15/3" -> the next 15/3 = 15/03/2023.
    ("trước ngày 15/3 năm 2024", date(2024, 3, 15)),
    ("chậm nhất ngày 15-3 năm 2024", date(2024, 3, 15)),
]


@pytest.mark.parametrize(("text", "expected"), YEAR_KEPT)
def test_a_written_year_is_not_dropped_for_the_issue_year(text: str, expected: date) -> None:
    """An officer imports a directive of 05/01/2023 whose task says "trong tháng 3.2024" or
    "trước ngày 15/3 năm 2024" (the year written after a dot, or after the day and month with
    "năm"). The year is written, so the deadline is in 2024: 31/03/2024 or 15/03/2024.
    Instead the grammar stops at "tháng 3" / "ngày 15/3", drops the year and, as for a date
    without a year, takes the next one after the issue date: 31/03/2023 or 15/03/2023, a year
    early, with no warning (the phrase shown is cut to "tháng 3" / "ngày 15/3")."""
    deadline = parse_deadline(text, REF)
    assert deadline.date == expected, (deadline.date, deadline.phrase)


# -- odd separators must not turn the date into another date --------------------------------------


@pytest.mark.parametrize(
    ("text", "meant", "wrong"),
    [
        # Full-width solidus (U+FF0F), as PDFs typeset with CJK-capable fonts give it.
        ("Sở Xây dựng hoàn thành trước ngày 15／3／2023", date(2023, 3, 15), date(2023, 1, 15)),
        ("hoàn thành trong tháng 3／2024", date(2024, 3, 31), date(2023, 3, 31)),
        # A backslash typed for a slash.
        ("trước ngày 15\\3\\2023", date(2023, 3, 15), date(2023, 1, 15)),
    ],
)
def test_an_odd_separator_does_not_make_another_date(text: str, meant: date, wrong: date) -> None:
    """A document writes "trước ngày 15／3／2023" with full-width slashes (or "15\\3\\2023").
    The deadline is 15/03/2023 (or, if the grammar cannot read the separator, no date and the
    officer is asked). Instead the grammar reads "trước ngày 15" alone as "the next 15th after
    05/01/2023" = 15/01/2023, two months early, silently; likewise "tháng 3／2024" becomes
    31/03/2023 instead of 31/03/2024."""
    deadline = parse_deadline(text, REF)
    assert deadline.date != wrong, deadline.phrase
    assert deadline.date in (meant, None)


# -- an impossible first step must not silently give the task a later date ------------------------

DOCUMENT = """UBND TỈNH ĐỒNG NAI
Số: 16/TB-UBND
Đồng Nai, ngày 05 tháng 01 năm 2023

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban

Chủ tịch UBND tỉnh kết luận, giao nhiệm vụ như sau:
1. Sở Tài chính xây dựng kế hoạch trước ngày 31/4/2023, tổ chức thực hiện trong quý II/2023.
2. Sở Y tế báo cáo kết quả trước ngày 31/6/2023 và trước ngày 31/12/2023.
"""


def test_an_impossible_first_step_is_flagged_not_replaced_by_a_later_date(
    cli: Cli, tmp_path: Path
) -> None:
    """An officer imports a notice whose task 1 reads "xây dựng kế hoạch trước ngày 31/4/2023,
    tổ chức thực hiện trong quý II/2023" and task 2 "báo cáo kết quả trước ngày 31/6/2023 và
    trước ngày 31/12/2023". April and June have 30 days: 31/4 and 31/6 do not exist. The
    grammar's rule for a task given in steps is the first step's day (so no reminder comes after
    a deadline); here that day does not exist, so, as for "hoàn thành trước ngày 31/4/2023"
    alone, the preview must say the date is not real and ask for one (KHÔNG LƯU ... "không phải
    ngày có thật"). Instead task 1 is ready to save with 30/06/2023 (end of quarter II) and
    task 2 with 31/12/2023, the impossible step vanishing without a word: the first report's
    reminders come two and six months late."""
    (tmp_path / "tb.txt").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "ag.csv").write_text(
        "name,short_name,aliases\nSở Tài chính,STC,\nSở Y tế,SYT,\n", encoding="utf-8"
    )
    code, _out, err = cli("agencies", "import", "ag.csv")
    assert code == 0, err
    code, out, err = cli("import", "tb.txt", "--dry-run")
    assert code == 0, err
    first, second = out.split("  2. ", 1)
    assert "có thật" in first, out
    assert "có thật" in second, out


# -- alternative spellings: "quí" for "quý", "kì"/"kí" for "kỳ"/"ký" ----------------------

SPELLINGS = [
    # "quí" is the older spelling of "quý": quarter I of 2023 ends 31/03/2023. Read: nothing.
    ("Sở Tài chính hoàn thành trong quí I/2023.", date(2023, 3, 31), None),
    ("Sở Y tế hoàn thành trong quí 2 năm 2023.", date(2023, 6, 30), None),
    # A quarterly duty: next quarter end on or after 05/01/2023 is 31/03/2023. Read: nothing.
    ("Sở Tài chính báo cáo định kỳ hằng quí về UBND tỉnh.", date(2023, 3, 31), "quarterly"),
    # "kì nghỉ Tết" = "kỳ nghỉ Tết": offices reopen Friday 27/01/2023. Read: "ngay" (immediate).
    ("Sở Tài chính tổ chức triển khai ngay sau kì nghỉ Tết.", date(2023, 1, 27), None),
    # The last working day before the Tết break (20-26/01/2023) is Thursday 19/01. Read: nothing.
    ("Sở Tài chính hoàn thành trước kì nghỉ Tết.", date(2023, 1, 19), None),
    # 10 days from the signing (05/01), counted from the 6th: 15/01/2023. Read: nothing.
    ("Sở Tài chính báo cáo UBND tỉnh trong 10 ngày kể từ ngày kí.", date(2023, 1, 15), None),
]


@pytest.mark.parametrize(("text", "expected", "recurrence"), SPELLINGS)
def test_alternative_spellings_of_quy_and_ky(
    text: str, expected: date, recurrence: str | None
) -> None:
    """A document written with the other accepted spelling ("quí" for "quý", "kì" for "kỳ",
    "kí" for "ký"): the same deadline as with the usual spelling ("trong quý I/2023" ->
    31/03/2023, "hằng quý" -> quarterly from 31/03/2023, "ngay sau kỳ nghỉ Tết" -> 27/01/2023,
    "trước kỳ nghỉ Tết" -> 19/01/2023, "trong 10 ngày kể từ ngày ký" -> 15/01/2023). Instead the
    task gets no deadline at all (or "ngay", immediate), so it is saved as ongoing work and
    never reminded."""
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.recurrence) == (expected, recurrence), deadline


# -- a quarter written as months are ---------------------------------------------------------


def test_a_quarter_written_with_a_leading_zero() -> None:
    """ "trong quý 02/2024" (the quarter written with a leading zero, as months are: "tháng
    01/2023"): quarter II of 2024 ends 30/06/2024. Instead no deadline is found."""
    deadline = parse_deadline("Sở Tài chính hoàn thành trong quý 02/2024.", REF)
    assert deadline.date == date(2024, 6, 30), deadline


# -- times of day ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "at"),
    [
        # "14h30’" (with the minute mark, as documents type it): 14:30.
        ("Báo cáo gửi về Văn phòng trước 14h30’ ngày 15/3/2024", time(14, 30)),
        # "11 giờ trưa" (eleven in the late morning): 11:00.
        ("Báo cáo gửi về Văn phòng trước 11 giờ trưa ngày 15/3/2024", time(11, 0)),
        # "17g00" (the southern "g" for giờ): 17:00.
        ("Báo cáo gửi về Văn phòng trước 17g00 ngày 15/3/2024", time(17, 0)),
        # "17:00": 17:00.
        ("Báo cáo gửi về Văn phòng trước 17:00 ngày 15/3/2024", time(17, 0)),
    ],
)
def test_the_time_of_day_is_read_in_its_usual_forms(text: str, at: time) -> None:
    """ "trước 14 giờ ngày 15/3/2024" gives 15/03/2024 at 14:00 (the issue's example); the same
    hour typed "14h30’", "11 giờ trưa", "17g00" or "17:00" gives 15/03/2024 with that time.
    Instead the date is read but the time is lost (None), and the phrase shown is cut to
    "ngày 15/3/2024"."""
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.time) == (date(2024, 3, 15), at), deadline.phrase


# -- "trước" exclusive (configurable): a weekday between the cue and the date -------------------


@pytest.mark.parametrize(
    "text",
    ["Hoàn thành trước ngày thứ Sáu, 15/3/2024", "Hoàn thành trước thứ Sáu, ngày 15/3/2024"],
)
def test_exclusive_before_with_the_weekday_named(text: str) -> None:
    """With `[importer] before_is_inclusive = false`, "trước ngày 15/3/2024" is due 14/03/2024.
    Writing the weekday too ("trước ngày thứ Sáu, 15/3/2024": 15/03/2024 is a Friday) means the
    same: 14/03/2024. Instead the weekday separates the cue from the date, which is then read
    with no cue as 15/03/2024: the deadline the office configured as exclusive is a day late."""
    deadline = parse_deadline(text, REF, before_is_inclusive=False)
    assert deadline.date == date(2024, 3, 14), deadline.phrase


# -- year-first dates (read through dateparser) that do not exist --------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # 2023 is not a leap year: there is no 29/02/2023.
        "hạn chót: 2023-02-29",
        # April has 30 days.
        "Sở Tài chính báo cáo trước ngày 2023-04-31.",
        # There is no month 13; read as 13/01/2023 instead (day and month swapped).
        "Sở Tài chính báo cáo trước ngày 2023-13-01.",
    ],
)
def test_a_year_first_date_that_does_not_exist_is_impossible(text: str) -> None:
    """The grammar reads year-first dates ("hạn chót: 2023-03-15" -> 15/03/2023, a row of
    tests/test_deadlines.py), and a day/month date that does not exist ("30/02/2023",
    "trước ngày 31/04/2023") is kind "impossible", so the importer asks the officer for the date
    (KHÔNG LƯU). The same impossible day written year first must be "impossible" too. Instead
    2023-02-29 and 2023-04-31 give kind "none" (the task is saved as having no deadline, ready to
    save, never reminded), and 2023-13-01 silently becomes 13/01/2023."""
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.kind) == (None, "impossible"), deadline


# -- lunar days ---------------------------------------------------------------------------------


def test_a_lunar_day_that_does_not_exist_is_not_read_as_the_solar_day() -> None:
    """A commune's notice (issued 01/03/2023) says "hoàn thành trước ngày 31/12 âm lịch". A
    lunar month has 29 or 30 days: the 31st of the twelfth lunar month does not exist, so the
    date is impossible (the officer is asked), as "trước ngày 15/13 âm lịch" already is. Instead
    "âm lịch" is dropped and the task is due on the solar 31/12/2023, a month before the lunar
    year's end (lunar 30/12 of Quý Mão is 09/02/2024), without a word."""
    deadline = parse_deadline("Các xã hoàn thành trước ngày 31/12 âm lịch", date(2023, 3, 1))
    assert deadline.date != date(2023, 12, 31), deadline
    assert (deadline.date, deadline.kind) == (None, "impossible"), deadline


def test_mung_10_tet_is_the_tenth_day_of_the_lunar_year() -> None:
    """A notice issued 05/01/2024 says "Các xã hoàn thành trước mùng 10 Tết". Mùng 1 Tết Giáp
    Thìn is 10/02/2024, so mùng 10 Tết (the 10th of tháng Giêng) is 10/02 + 9 days =
    19/02/2024, the date "trước mùng 10 tháng Giêng" already gives. Instead no deadline is
    found, and the task is saved with none."""
    deadline = parse_deadline("Các xã hoàn thành trước mùng 10 Tết", date(2024, 1, 5))
    assert deadline.date == date(2024, 2, 19), deadline


def test_29_february_of_a_common_year_written_with_nam_is_impossible() -> None:
    """A task says "hoàn thành trước ngày 29/02 năm 2023". 2023 is not a leap year (2023 is
    not divisible by 4): the date does not exist, kind "impossible", as "trước ngày 29/02/2023"
    already is. Instead the grammar drops "năm 2023", reads "29/02" without a year and takes the
    next 29 February after 05/01/2023: 29/02/2024, a year and two months away, silently."""
    deadline = parse_deadline("Sở Tài chính hoàn thành trước ngày 29/02 năm 2023", REF)
    assert deadline.date != date(2024, 2, 29), deadline
    assert (deadline.date, deadline.kind) == (None, "impossible"), deadline
