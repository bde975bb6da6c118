"""The Vietnamese deadline grammar, as tables of real phrases and the dates they mean.

Unless a row says otherwise, the issue date (``ref``) is 5 January 2023, the day of the meeting in
shared/samples/thong-bao-ket-luan-2023.txt (a Thursday; Tết Quý Mão fell on Sunday 22 January 2023
and offices were closed from Friday 20 to Thursday 26 January).
"""

from __future__ import annotations

import csv
import math
import unicodedata
from datetime import date, time
from pathlib import Path

import pytest

from bench import bench_deadlines
from ingest.deadlines import (
    KINDS,
    RECURRENCES,
    Deadline,
    find_deadlines,
    parse_deadline,
    section_deadline,
)
from tests.conftest import SAMPLE
from vncalendar import WorkingCalendar
from vncalendar.recurrence import Recurrence

REF = date(2023, 1, 5)
DATA = Path(__file__).parent / "data" / "deadline_phrases.tsv"
BLIND = Path(__file__).parent / "data" / "deadline_phrases_blind.tsv"


def read(text: str, ref: date = REF) -> tuple[date | None, str, str | None]:
    deadline = parse_deadline(text, ref)
    return deadline.date, deadline.kind, deadline.recurrence


# -- "trước ngày X", "chậm nhất ngày X", "hạn chót X": a day, by default X itself ----------------

EXPLICIT_DATES = [
    ("báo cáo chậm nhất đến ngày 15/3/2023", date(2023, 3, 15)),
    ("trước ngày 15/3/2023", date(2023, 3, 15)),
    ("trước ngày 15 tháng 3 năm 2023", date(2023, 3, 15)),
    ("chậm nhất ngày 15/3", date(2023, 3, 15)),
    ("hạn chót 15/03/2023", date(2023, 3, 15)),
    ("xong trước 30/6", date(2023, 6, 30)),
    ("hoàn thành trước ngày 30/6/2023", date(2023, 6, 30)),
    ("báo cáo UBND tỉnh chậm nhất là ngày 20/01/2023", date(2023, 1, 20)),
    ("Hạn xử lý: 15/03/2023", date(2023, 3, 15)),
    ("thời hạn hoàn thành: 31/3/2023", date(2023, 3, 31)),
    ("gửi Sở Tài chính trước ngày 10/01", date(2023, 1, 10)),
    # A date without a year is the next one on or after the issue date.
    ("trước ngày 04/01", date(2024, 1, 4)),
    ("trước ngày 05/01", date(2023, 1, 5)),
    ("trước ngày 29/02", date(2024, 2, 29)),
    ("báo cáo kết quả bằng văn bản trước ngày 20.7.2023", date(2023, 7, 20)),
    ("trước ngày 15-3-2023", date(2023, 3, 15)),
    ("trước ngày 15/3/23", date(2023, 3, 15)),
    ("chậm nhất vào ngày 15 tháng Ba", date(2023, 3, 15)),
    ("trước ngày 31 tháng 12 năm sau", date(2024, 12, 31)),
    # The yearly report of 2023, due in January of the year after: not 15/01/2023.
    ("báo cáo năm trước ngày 15/01 năm sau", date(2024, 1, 15)),
    ("đến ngày 30/9/2023", date(2023, 9, 30)),
    ("tổ chức thực hiện từ ngày 01/3 đến ngày 31/3/2023", date(2023, 3, 31)),
    ("báo cáo trước ngày 20", date(2023, 1, 20)),
    # Two days that share a month: the later one, in that month (not the 3rd of next month).
    ("vào ngày 03 và 04/6/2023", date(2023, 6, 4)),
    # The cue after the date; the opening's comma makes no place and date of issue of it.
    (
        "Theo hướng dẫn này, ngày 25/5/2023 là hạn cuối các trường hoàn thành hồ sơ",
        date(2023, 5, 25),
    ),
    # dateparser reads what the grammar does not know, after a clear cue.
    ("hạn chót: 2023-03-15", date(2023, 3, 15)),
]


@pytest.mark.parametrize(("text", "expected"), EXPLICIT_DATES)
def test_explicit_dates(text: str, expected: date) -> None:
    assert read(text) == (expected, "date", None)


YEAR_KEPT = [
    # "tháng 3.2024": March 2024, its last day 31/03/2024 (not "tháng 3" alone: 31/03/2023).
    ("Sở Nội vụ hoàn thành trong tháng 3.2024", date(2024, 3, 31)),
    ("cuối tháng 3.2024", date(2024, 3, 31)),
    # "ngày 15 tháng 3.2024": 15/03/2024 (not "ngày 15 tháng 3" alone: 15/03/2023).
    ("trước ngày 15 tháng 3.2024", date(2024, 3, 15)),
    # "ngày 15/3 năm 2024": 15/03/2024 (not "ngày 15/3" alone: the next 15/3, 15/03/2023).
    ("trước ngày 15/3 năm 2024", date(2024, 3, 15)),
    ("chậm nhất ngày 15-3 năm 2024", date(2024, 3, 15)),
]


@pytest.mark.parametrize(("text", "expected"), YEAR_KEPT)
def test_a_written_year_is_not_dropped_for_the_issue_year(text: str, expected: date) -> None:
    """An officer imports a directive of 05/01/2023 whose task says "trong tháng 3.2024" or
    "trước ngày 15/3 năm 2024" (the year written after a dot, or after the day and month with
    "năm"). The year is written, so the deadline is in 2024: 31/03/2024 or 15/03/2024. Read up
    to "tháng 3" / "ngày 15/3" only, the year would be dropped and, as for a date without a
    year, the next one after the issue date taken: 31/03/2023 or 15/03/2023, a year early, with
    no warning."""
    deadline = parse_deadline(text, REF)
    assert deadline.date == expected, (deadline.date, deadline.phrase)


def test_tomorrow_is_the_day_after_the_letter() -> None:
    """ "trước 16 giờ ngày mai", "trước 10 giờ sáng mai": an urgent letter's next day, with its
    hour; told of ("đã ... vào ngày mai", "Ngày mai, ... đã họp"), no deadline."""
    assert parse_deadline("Báo cáo trước 16 giờ ngày mai.", REF).date == date(2023, 1, 6)
    assert parse_deadline("Báo cáo trước 16 giờ ngày mai.", REF).time == time(16, 0)
    urgent = "Sở Xây dựng khẩn trương kiểm tra, báo cáo UBND tỉnh trước 10 giờ sáng mai."
    assert read(urgent) == (date(2023, 1, 6), "date", None)
    assert read("Ngày mai, Sở Y tế đã tổ chức họp.") == (None, "none", None)
    assert read("Hoa mai nở sớm.") == (None, "none", None)


def test_the_day_of_next_month_is_not_a_day_of_june() -> None:
    """ "tháng sau" is the month after, "tháng sáu" June: only the tone tells them apart;
    "tháng tới" is the month after too, "tháng này" the letter's own."""
    assert read("báo cáo trước ngày 10 tháng sau") == (date(2023, 2, 10), "date", None)
    assert read("báo cáo trước ngày 10 tháng sáu") == (date(2023, 6, 10), "date", None)
    assert read("bao cao truoc ngay 10 thang sau")[0] == date(2023, 2, 10)
    assert read("báo cáo trước ngày 10 tháng tư") == (date(2023, 4, 10), "date", None)
    assert read("báo cáo trước ngày 10 tháng tới") == (date(2023, 2, 10), "date", None)
    assert read("báo cáo vào ngày 25 tháng này") == (date(2023, 1, 25), "date", None)


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
    """A document writes "trước ngày 15／3／2023" with full-width slashes (or "15\\3\\2023"). The
    deadline is 15/03/2023 (or, if the grammar cannot read the separator, no date and the
    officer is asked), never "trước ngày 15" read alone as "the next 15th after 05/01/2023" =
    15/01/2023, two months early and silent; likewise "tháng 3／2024" is 31/03/2024, never
    31/03/2023."""
    deadline = parse_deadline(text, REF)
    assert deadline.date != wrong, deadline.phrase
    assert deadline.date in (meant, None)


@pytest.mark.parametrize(
    ("text", "ref", "expected"),
    [
        ("hạn 15/03/99", date(2024, 3, 1), date(1999, 3, 15)),
        ("trước ngày 20/11/98", date(1998, 11, 2), date(1998, 11, 20)),
    ],
)
def test_a_two_digit_year_is_in_the_century_nearest_the_issue_date(
    text: str, ref: date, expected: date
) -> None:
    """A year written with two digits belongs to the century that puts the date nearest the
    issue date: in a 2024 directive "15/03/99" is 1999 (not 2099, 75 years ahead), "15/3/25" is
    2025; in a 1998 one "20/11/98" is 1998, not 2098."""
    assert parse_deadline(text, ref).date == expected


def test_a_two_digit_year_long_past_is_no_deadline_without_a_cue() -> None:
    """ "15/03/99" alone in a 2024 directive is 1999, a date long past with no word making it a
    deadline: it tells what happened then, and the task gets no date (read as 2099, it was a
    deadline 75 years ahead)."""
    assert read("15/03/99", date(2024, 3, 1)) == (None, "none", None)


@pytest.mark.parametrize(
    "text",
    [
        "các đơn vị triển khai Công văn số 15/10/23 của Sở Y tế",
        "liên hệ Trung tâm tại số nhà 12/3/25 đường Nguyễn Trãi",
    ],
)
def test_a_number_with_slashes_is_no_date(text: str) -> None:
    """ "số 15/10/23" is a document's number, "số nhà 12/3/25" a house in an alley: read with
    a two-digit year, they were deadlines on 15/10/2023 and 12/03/2025."""
    assert read(text) == (None, "none", None)


# -- a day and a month in words: "ngày mười lăm tháng ba", read only after "ngày" -------------

LETTER_OF_10_JANUARY_2024 = date(2024, 1, 10)

SPELLED_DATES = [
    # "năm 2024" is the year, not the day "năm" (five) of another month.
    ("trước ngày mười lăm tháng ba năm 2024", date(2024, 3, 15)),
    # Without a year, the next one on or after the letter's date, as in figures.
    ("chậm nhất ngày hai mươi tháng mười hai", date(2024, 12, 20)),
    ("ngày mùng năm tháng sáu", date(2024, 6, 5)),
    ("trước ngày mồng năm tháng sáu", date(2024, 6, 5)),
    ("trước ngày mồng 5 tháng 6", date(2024, 6, 5)),
    # "tư" for four and "mốt" for one after "mươi", "lăm" for five after "mười".
    ("hoàn thành trước ngày hai mươi tư tháng tư", date(2024, 4, 24)),
    ("trước ngày ba mươi mốt tháng một", date(2024, 1, 31)),
    ("chậm nhất ngày hai mươi mốt tháng mười một năm 2024", date(2024, 11, 21)),
    ("báo cáo trước ngày mười lăm tháng sau", date(2024, 2, 15)),
    ("bao cao truoc ngay muoi lam thang ba", date(2024, 3, 15)),
    # "một số" is no day: only the number after "ngày" is.
    ("Hoàn thành một số nhiệm vụ trước ngày hai mươi tháng mười hai", date(2024, 12, 20)),
]


@pytest.mark.parametrize(("text", "expected"), SPELLED_DATES)
def test_a_day_and_a_month_in_words(text: str, expected: date) -> None:
    assert read(text, LETTER_OF_10_JANUARY_2024) == (expected, "date", None)


def test_a_day_in_words_that_no_month_has_is_impossible() -> None:
    assert read("trước ngày ba mươi mốt tháng tư", LETTER_OF_10_JANUARY_2024) == (
        None,
        "impossible",
        None,
    )


def test_a_day_in_words_of_thang_gieng_or_chap_is_lunar_as_in_figures() -> None:
    # Mùng 1 Tết Quý Mão is 22/01/2023; the 23rd of tháng Chạp of Nhâm Dần, 14/01/2023.
    assert read("hoàn thành trước ngày mười tháng Giêng") == (date(2023, 1, 31), "lunar", None)
    assert read("trước ngày hai mươi ba tháng Chạp") == (date(2023, 1, 14), "lunar", None)
    assert read("xong trước ngày mồng tám tháng Giêng năm 2024") == (
        date(2024, 2, 17),
        "lunar",
        None,
    )


def test_mong_is_mung_before_a_day_of_tet() -> None:
    assert read("Các xã hoàn thành trước mồng 10 Tết", date(2024, 1, 5)) == (
        date(2024, 2, 19),
        "lunar",
        None,
    )


# -- months: the last day of the month ----------------------------------------------------------

MONTHS = [
    ("trong tháng 01/2023", date(2023, 1, 31)),
    ("trong tháng 01", date(2023, 1, 31)),
    ("tháng 3/2023", date(2023, 3, 31)),
    ("tháng 3 năm 2024", date(2024, 3, 31)),
    ("cuối tháng 3", date(2023, 3, 31)),
    ("hoàn thành chậmnhất là tháng 6/2023", date(2023, 6, 30)),  # a scan ran two words together
    ("hoàn thành trong tháng 02", date(2023, 2, 28)),
    ("trong tháng 2/2024", date(2024, 2, 29)),
    ("trình UBND tỉnh trong tháng 12", date(2023, 12, 31)),
    ("Thời gian hoàn thành: tháng 4/2023", date(2023, 4, 30)),
    ("trong tháng này", date(2023, 1, 31)),
    ("trong tháng tới", date(2023, 2, 28)),
    ("trong tháng Giêng", date(2023, 1, 31)),
    # Before a month begins is the end of the one before; "no later than" it, its end.
    ("hoàn thành kiểm kê đất đai trước tháng 10", date(2023, 9, 30)),
    ("xong trước tháng 10-2023", date(2023, 9, 30)),
    ("gửi hồ sơ về Phòng GD-ĐT trước đầu tháng 4/2023", date(2023, 3, 31)),
    ("không muộn hơn tháng 6/2023", date(2023, 6, 30)),
    ("Hoàn thành trước cuối tháng 6/2023.", date(2023, 6, 30)),  # its end, not May's
    ("Hoàn thành trong tháng 5, các tháng tiếp theo tiếp tục duy trì.", date(2023, 5, 31)),
    # A plan's item that opens with its month: work to do then, not what happened then.
    (
        "Trong tháng 6 năm 2023, Sở Tư pháp tổ chức hội nghị tập huấn cho cán bộ pháp chế.",
        date(2023, 6, 30),
    ),
    ("Trong tháng 5/2023, UBND các huyện ban hành kế hoạch thực hiện.", date(2023, 5, 31)),
    (
        "Trong tháng 4/2023, các sở, ngành rà soát, báo cáo kết quả thực hiện các nhiệm vụ đã được"
        " giao.",
        date(2023, 4, 30),
    ),
    # Cutting conditions of business is work, not a relief that lasts until then.
    (
        "Bộ trưởng Bộ Công Thương rà soát phương án cắt giảm điều kiện kinh doanh bảo đảm đạt mục"
        " tiêu cắt giảm tối thiểu 30%, trình Thủ tướng phê duyệt trong tháng 11 năm 2023.",
        date(2023, 11, 30),
    ),
    (
        "Sở Nội vụ xây dựng phương án tinh giảm biên chế, trình UBND tỉnh trong tháng 9 năm 2023.",
        date(2023, 9, 30),
    ),
    # "giám sát", "Giám đốc" are no "giảm" (a relief) once their marks are folded away.
    (
        "Sở Y tế tổ chức kiểm tra, giám sát an toàn thực phẩm, hoàn thành trong tháng 3/2023.",
        date(2023, 3, 31),
    ),
    ("Phòng Khảo thí báo cáo Giám đốc Sở trong tháng 3/2023.", date(2023, 3, 31)),
    ("Bộ Tài chính hỗ trợ các tỉnh miền núi, hoàn thành trong tháng 7/2023.", date(2023, 7, 31)),
    # Work to bring something down is no relief either.
    (
        "Sở Giao thông vận tải xây dựng đề án giảm ùn tắc giao thông, trình UBND tỉnh trong tháng"
        " 9/2023.",
        date(2023, 9, 30),
    ),
    # The money, then the month the item is due: the month stands.
    (
        "Trang bị máy tính cho bộ phận một cửa (nguồn ngân sách tỉnh; tháng 6/2023).",
        date(2023, 6, 30),
    ),
    ("thời gian: tháng 4 - tháng 6/2023", date(2023, 6, 30)),  # a range, due at its end
    # A plan's item as dashed fields: what, who, when.
    ("Triển khai bệnh án điện tử - Sở Y tế - Tháng 12/2023.", date(2023, 12, 31)),
]


@pytest.mark.parametrize(("text", "expected"), MONTHS)
def test_months_end_on_their_last_day(text: str, expected: date) -> None:
    assert read(text) == (expected, "month", None)


# -- quarters, Roman or Arabic -----------------------------------------------------------------

QUARTERS = [
    ("quý I/2023", date(2023, 3, 31)),
    ("trong quý II năm 2024", date(2024, 6, 30)),
    ("quý 3", date(2023, 9, 30)),
    ("hoàn thành trong quý IV/2023", date(2023, 12, 31)),
    ("trong quý 2/2023", date(2023, 6, 30)),
    ("Thời gian hoàn thành: Quý II/2024", date(2024, 6, 30)),
    ("trong quý này", date(2023, 3, 31)),
    ("Quý I - Quý II/2023", date(2023, 6, 30)),
    ("cuối quý", date(2023, 3, 31)),
    # A period that ends the clause after the body the work is submitted to.
    (
        "Bộ Tài nguyên và Môi trường nghiên cứu, trình Thủ tướng Chính phủ Quý II năm 2024.",
        date(2024, 6, 30),
    ),
]


@pytest.mark.parametrize(("text", "expected"), QUARTERS)
def test_quarters_end_on_their_last_day(text: str, expected: date) -> None:
    assert read(text) == (expected, "quarter", None)


def test_a_quarter_written_with_a_leading_zero() -> None:
    """ "trong quý 02/2024" (the quarter written with a leading zero, as months are: "tháng
    01/2023"): quarter II of 2024, which ends 30/06/2024."""
    deadline = parse_deadline("Sở Tài chính hoàn thành trong quý 02/2024.", REF)
    assert deadline.date == date(2024, 6, 30), deadline


# -- parts of a year and whole years ------------------------------------------------------------

YEARS = [
    ("6 tháng đầu năm", date(2023, 6, 30), "half_year"),
    ("trong 6 tháng đầu năm 2024", date(2024, 6, 30), "half_year"),
    ("6 tháng cuối năm", date(2023, 12, 31), "half_year"),
    ("9 tháng đầu năm", date(2023, 9, 30), "half_year"),
    ("nửa đầu năm", date(2023, 6, 30), "half_year"),
    ("cuối năm", date(2023, 12, 31), "year"),
    ("cuối năm 2024", date(2024, 12, 31), "year"),
    ("năm 2023", date(2023, 12, 31), "year"),
    ("trong năm 2023", date(2023, 12, 31), "year"),
    ("hoàn thành trong năm nay", date(2023, 12, 31), "year"),
    ("Thời gian thực hiện: năm 2024", date(2024, 12, 31), "year"),
]


@pytest.mark.parametrize(("text", "expected", "kind"), YEARS)
def test_parts_of_years(text: str, expected: date, kind: str) -> None:
    assert read(text) == (expected, kind, None)


def test_the_start_middle_and_end_of_a_period() -> None:
    """ "đầu tháng 3" is due by the 10th (the month's first ten days), "giữa tháng 3" by the 15th
    (mid-March, as an officer reads it; not the 20th, the end of the middle ten days, which
    would remind an agency after the day meant), "cuối tháng 3", "cuối quý II" and "cuối năm
    2024" on their last day. "đầu năm 2024", "giữa năm 2024" and "đầu quý II" have no customary
    day (January, the first quarter, before or after Tết?): no date, for the officer to give,
    rather than a guess that reminds too early or too late. The kinds say which day was taken
    ("early_month", "mid_month"), not "month", whose deadline is the month's end."""
    assert read("đầu tháng 3") == (date(2023, 3, 10), "early_month", None)
    assert read("giữa tháng 3") == (date(2023, 3, 15), "mid_month", None)
    assert read("hoàn thành giữa tháng 3/2024") == (date(2024, 3, 15), "mid_month", None)
    assert read("cuối tháng 3") == (date(2023, 3, 31), "month", None)
    assert read("cuối quý II") == (date(2023, 6, 30), "quarter", None)
    assert read("cuối năm 2024") == (date(2024, 12, 31), "year", None)
    for vague in ("đầu năm 2024", "hoàn thành đầu năm 2024", "giữa năm 2024", "đầu quý II"):
        assert read(vague) == (None, "none", None), vague


def test_the_thirds_of_a_month_by_their_names() -> None:
    """ "thượng tuần" is a month's first ten days, "trung tuần" the middle ten, "hạ tuần" the
    last: due by the 10th, the 20th and the month's end."""
    assert read("hoàn thành trong thượng tuần tháng 4") == (date(2023, 4, 10), "early_month", None)
    assert read("trung tuần tháng 4/2024") == (date(2024, 4, 20), "mid_month", None)
    assert read("tổ chức vào hạ tuần tháng 5 năm 2024") == (date(2024, 5, 31), "month", None)
    assert read("Hằng năm, báo cáo trong trung tuần tháng 12") == (
        date(2023, 12, 20),
        "recurring",
        "yearly",
    )


def test_a_day_in_brackets_within_the_period_before_it_is_the_deadline() -> None:
    """ "trong tháng 3 (trước ngày 25/3)" says which day of March; a bracket with a day outside
    the period, or one that only restates ("(trước Tết)"), leaves the period's own."""
    assert read("Hoàn thành trong tháng 3 năm 2023 (trước ngày 25/3/2023).")[0] == date(2023, 3, 25)
    assert read("Hoàn thành trong quý I/2023 (chậm nhất ngày 20/3/2023).")[0] == date(2023, 3, 20)
    assert read("Hoàn thành trong tháng 3 năm 2023 (trước ngày 25/4/2023).")[0] == date(2023, 3, 31)
    assert read("Hoàn thành trước ngày 20/01/2023 (trước Tết).")[0] == date(2023, 1, 20)
    # A bracket that goes on to name a phase of the work dates that phase, not the whole.
    phase = "Hoàn thành trong năm 2023 (trước ngày 30/6/2023 hoàn thành giai đoạn 1)."
    assert read(phase)[0] == date(2023, 12, 31)


def test_a_month_after_a_yearly_step_in_its_sentence_is_that_month_every_year() -> None:
    """ "Hằng năm, ... trong tháng 3" is March of every year: the next one, and again after it;
    a year written ("tháng 3/2024"), or a step in another sentence, leaves the month alone."""
    written = date(2024, 3, 20)
    assert read("Hằng năm, báo cáo trong tháng 2", written) == (
        date(2025, 2, 28),
        "recurring",
        "yearly",
    )
    assert read("Định kỳ hằng năm, báo cáo trước giữa tháng 3", written) == (
        date(2025, 3, 15),
        "recurring",
        "yearly",
    )
    assert read("Hằng năm, báo cáo trong tháng 3/2024", written) == (
        date(2024, 3, 31),
        "month",
        None,
    )
    assert read("Hằng năm tổng kết; báo cáo trong tháng 4", written) == (
        date(2024, 4, 30),
        "month",
        None,
    )


def test_the_first_days_of_a_month_counted_end_on_the_last_of_them() -> None:
    """ "15 ngày đầu tháng 3" are the 1st to the 15th, "tuần đầu tháng 3" the first week: not
    the 10th that "đầu tháng 3" alone means."""
    assert read("hoàn thành trong 15 ngày đầu tháng 3") == (date(2023, 3, 15), "early_month", None)
    assert read("tổ chức vào tuần đầu tháng 3") == (date(2023, 3, 7), "early_month", None)
    assert read("báo cáo 5 ngày đầu tháng 2") == (date(2023, 2, 5), "early_month", None)
    # Weeks counted: two weeks are fourteen days.
    assert read("hoàn thành trong 2 tuần đầu tháng 3") == (date(2023, 3, 14), "early_month", None)
    assert read("hoàn thành trong hai tuần đầu tháng 3")[0] == date(2023, 3, 14)


def test_the_start_of_the_month_a_letter_is_written_in_is_this_months_not_next_years() -> None:
    """Written on 20 March, "đầu tháng 3" is this March's first days, already gone: no date
    a year away; said as a limit ("trước giữa tháng 3"), the day itself, late as it is."""
    written = date(2024, 3, 20)
    assert read("báo cáo đầu tháng 3", written) == (None, "none", None)
    assert read("hoàn thành trước giữa tháng 3", written) == (date(2024, 3, 15), "mid_month", None)
    assert read("báo cáo đầu tháng 4", written) == (date(2024, 4, 10), "early_month", None)


# -- relative periods, counted from the day after the issue date --------------------------------

RELATIVE = [
    # 6, 9, 10, 11, 12 January: weekends skipped.
    ("trong 05 ngày làm việc", date(2023, 1, 12), "working_days"),
    ("05 (năm) ngày làm việc", date(2023, 1, 12), "working_days"),
    # 6 ... 19 January, then Tết closes offices until the 27th.
    ("trong 10 ngày làm việc", date(2023, 1, 19), "working_days"),
    ("trong 12 ngày làm việc", date(2023, 1, 30), "working_days"),
    ("Sở Tài chính báo cáo UBND tỉnh trong 10 ngày làm việc", date(2023, 1, 19), "working_days"),
    (
        "trong thời hạn 03 ngày làm việc kể từ ngày nhận được văn bản",
        date(2023, 1, 10),
        "working_days",
    ),
    ("trong vòng 10 ngày", date(2023, 1, 15), "relative_days"),
    ("trong 10 ngày kể từ ngày ký", date(2023, 1, 15), "relative_days"),
    ("trong mười ngày", date(2023, 1, 15), "relative_days"),
    ("trong vòng mười lăm ngày", date(2023, 1, 20), "relative_days"),
    ("trong hai mươi ngày", date(2023, 1, 25), "relative_days"),
    ("chậm nhất 30 ngày", date(2023, 2, 4), "relative_days"),
    ("trong 30 ngày kể từ ngày 15/3/2023", date(2023, 4, 14), "relative_days"),
    (
        "Kể từ ngày 15/3/2023, trong 30 ngày các đơn vị hoàn thành",
        date(2023, 4, 14),
        "relative_days",
    ),
    (
        "kể từ ngày 15 tháng 3 năm 2023, trong vòng 10 ngày làm việc",
        date(2023, 3, 29),
        "working_days",
    ),
    # REF is Thursday 05/01/2023: the working week ends on Friday, unless a day is named.
    ("các đơn vị báo cáo trong tuần này", date(2023, 1, 6), "weeks"),
    ("hoàn thành trong tuần.", date(2023, 1, 6), "weeks"),  # bare, at the clause's end
    ("hoàn thành trong tuần tới", date(2023, 1, 13), "weeks"),
    ("báo cáo trước thứ Hai tuần sau", date(2023, 1, 9), "weeks"),
    ("trong 02 tuần", date(2023, 1, 19), "weeks"),
    ("trong vòng một tuần", date(2023, 1, 12), "weeks"),
    ("trong 03 tháng", date(2023, 4, 5), "months_relative"),
    ("trong sáu tháng", date(2023, 7, 5), "months_relative"),
]


@pytest.mark.parametrize(("text", "expected", "kind"), RELATIVE)
def test_relative_periods(text: str, expected: date, kind: str) -> None:
    assert read(text) == (expected, kind, None)


def test_working_days_use_the_calendar_given() -> None:
    class ClosedOnTheNinth(WorkingCalendar):
        def is_working_day(self, day: date) -> bool:
            return day != date(2023, 1, 9) and super().is_working_day(day)

    deadline = parse_deadline("trong 05 ngày làm việc", REF, calendar=ClosedOnTheNinth())
    assert deadline.date == date(2023, 1, 13)


# The nth working day of a month, weekends and public holidays skipped: February 2024 opens on a
# Thursday and its working days are 1, 2, 5, 6, 7 (Tết's days off begin on the 8th); in
# September 2024, 2/9 and 3/9 are days off; 01/01/2024 is a holiday, so January's third working
# day was the 4th, before the letter: the next is February's.
WORKING_DAY_OF_A_MONTH = [
    ("ngày làm việc thứ 5 của tháng sau", date(2024, 2, 7), "date", None),
    ("báo cáo chậm nhất vào ngày làm việc thứ ba của tháng sau", date(2024, 2, 5), "date", None),
    ("trong 05 ngày làm việc đầu tiên của tháng 4", date(2024, 4, 5), "date", None),
    ("trong ngày làm việc đầu tiên của tháng 9/2024", date(2024, 9, 4), "date", None),
    ("ngày làm việc thứ 3 hằng tháng", date(2024, 2, 5), "recurring", "monthly"),
    (
        "Các xã báo cáo UBND huyện vào ngày làm việc thứ 3 hàng tháng.",
        date(2024, 2, 5),
        "recurring",
        "monthly",
    ),
]


@pytest.mark.parametrize(("text", "expected", "kind", "recurrence"), WORKING_DAY_OF_A_MONTH)
def test_the_nth_working_day_of_a_month(
    text: str, expected: date, kind: str, recurrence: str | None
) -> None:
    assert read(text, date(2024, 1, 10)) == (expected, kind, recurrence)


def test_a_working_day_no_month_has_is_impossible() -> None:
    text = "ngày làm việc thứ 25 của tháng sau"
    assert read(text, date(2024, 1, 10)) == (None, "impossible", None)


def test_after_the_nth_working_day_is_no_deadline() -> None:
    text = "Sau ngày làm việc thứ 5 của tháng sau, Sở Tài chính tổng hợp số liệu."
    assert read(text, date(2024, 1, 10)) == (None, "none", None)


def test_before_the_nth_working_day_can_exclude_it() -> None:
    text = "trước ngày làm việc thứ 5 của tháng sau"
    deadline = parse_deadline(text, date(2024, 1, 10), before_is_inclusive=False)
    assert deadline.date == date(2024, 2, 6)


def test_hours_are_counted_like_days() -> None:
    """A directive of Thursday 05/01/2023 asks for a report "trong 24 giờ". Its hour of issue is
    not known, so hours run, as days do, from the start of the next day: 24 hours is Friday
    06/01, 48 hours Saturday 07/01, 72 hours Sunday 08/01; a count under a day is the next day
    too (the latest it can end). Office hours are eight to a working day. "trước 14 giờ" is a
    time of day, "trong 24 giờ qua / tới" a window, "mưa 100mm trong 3 giờ" a rate, a test's
    result "trong vòng 72 giờ" how recent it is, and hours
    counted from an event the document does not date are for the officer to set."""
    assert read("trong 24 giờ") == (date(2023, 1, 6), "hours", None)
    assert read("trong 24h") == (date(2023, 1, 6), "hours", None)
    assert read("trong vòng 48 giờ") == (date(2023, 1, 7), "hours", None)
    assert read("trong 72 giờ kể từ ngày ký") == (date(2023, 1, 8), "hours", None)
    assert read("trong 72 giờ kể từ khi nhận được văn bản") == (date(2023, 1, 8), "hours", None)
    assert read("trong 12 giờ") == (date(2023, 1, 6), "hours", None)
    assert read("trong 48 giờ kể từ ngày 15/3/2023") == (date(2023, 3, 17), "hours", None)
    # Friday 06/01 and Monday 09/01.
    assert read("trong 16 giờ làm việc") == (date(2023, 1, 9), "hours", None)
    for not_a_span in (
        "trước 14 giờ",
        "trong 24 giờ qua",
        "trong 24 giờ tới",
        "nguy cơ mưa có cường suất lớn trên 100mm trong 3 giờ",
        "trong 72 giờ kể từ khi xảy ra sự cố",
        "phải báo cáo trong 24 giờ từ khi phát hiện ổ dịch",
        # Counted from an event the clause names before the period.
        "UBND các huyện khi phát hiện ổ dịch phải tổ chức tiêu hủy lợn bệnh trong vòng 24 giờ.",
        "Khi xảy ra sự cố, các đơn vị báo cáo Sở Công Thương trong vòng 02 ngày.",
        "lượng mưa trong 24 giờ phổ biến từ 50 - 100mm",
        "trong 24 - 48 giờ tới",
        # How recent a test must be.
        "người đến phải có kết quả xét nghiệm âm tính với SARS-CoV-2 trong vòng 72 giờ",
    ):
        assert read(not_a_span) == (None, "none", None), not_a_span


def test_hours_said_as_tieng_are_counted_like_hours() -> None:
    """ "tiếng" is the spoken word for hours: "trong 72 tiếng" is a span of 72 hours, as "trong 72
    giờ" is, and "trong 24 tiếng qua" a window past."""
    assert read("trong 72 tiếng") == (date(2023, 1, 8), "hours", None)
    assert read("trong vòng 48 tiếng đồng hồ") == (date(2023, 1, 7), "hours", None)
    assert read("trong 24 tiếng qua") == (None, "none", None)


def test_a_forecast_ends_where_a_clause_with_its_own_deadline_begins() -> None:
    """A forecast is no deadline, but the clause after it that sets one, past a comma or a
    semicolon, still does."""
    for text in (
        "Dự báo mưa lớn, các đơn vị báo cáo trước ngày 10/01/2023",
        "Dự báo mưa lớn trong 24 giờ tới; các đơn vị báo cáo trước ngày 10/01/2023",
    ):
        assert read(text) == (date(2023, 1, 10), "date", None), text
    text = "Dự báo mưa lớn trong 24 giờ tới, các đơn vị báo cáo trong 3 ngày"
    assert read(text) == (date(2023, 1, 8), "relative_days", None)


def test_a_range_of_hours_is_no_date() -> None:
    """ "trong 24 - 48 giờ tới" is a window of hours, not the 24th of a 48th month: read as an
    impossible date, it ranked first and hid the report's day."""
    text = "Trong 24 - 48 giờ tới có mưa lớn. Các đơn vị báo cáo trước ngày 10/01/2023."
    assert read(text) == (date(2023, 1, 10), "date", None)


# -- Tết, from the lunar calendar -----------------------------------------------------------------

TET = [
    # Mùng 1 Tết Quý Mão is 22/01/2023: "trước Tết" is the day before.
    ("trước Tết Nguyên đán", REF, date(2023, 1, 21)),
    ("hoàn thành trước Tết", REF, date(2023, 1, 21)),
    ("trước Tết Nguyên đán Giáp Thìn 2024", REF, date(2024, 2, 9)),
    ("trước Tết Nguyên đán Giáp Thìn", REF, date(2024, 2, 9)),
    ("trước Tết Nguyên đán Quý Mão", REF, date(2023, 1, 21)),
    # Offices reopen on Friday 27/01/2023.
    ("ngay sau kỳ nghỉ Tết", REF, date(2023, 1, 27)),
    ("sau Tết", REF, date(2023, 1, 27)),
    ("ngay sau Tết Nguyên đán", REF, date(2023, 1, 27)),
    ("trước kỳ nghỉ Tết", REF, date(2023, 1, 19)),
    # Issued after Tết 2023: the next one (mùng 1 Tết Giáp Thìn is 10/02/2024).
    ("trước Tết Nguyên đán", date(2023, 3, 1), date(2024, 2, 9)),
    ("ngay sau kỳ nghỉ Tết Nguyên đán Giáp Thìn 2024", date(2024, 2, 15), date(2024, 2, 15)),
    ("trước Tết Dương lịch", REF, date(2023, 12, 31)),
    # A feast the people call Tết is not the New Year.
    ("trước Tết Thiếu nhi", REF, None),
]


@pytest.mark.parametrize(("text", "ref", "expected"), TET)
def test_tet(text: str, ref: date, expected: date | None) -> None:
    assert read(text, ref) == (expected, "tet" if expected else "none", None)


def test_mung_10_tet_is_the_tenth_day_of_the_lunar_year() -> None:
    """A notice issued 05/01/2024 says "Các xã hoàn thành trước mùng 10 Tết". Mùng 1 Tết Giáp
    Thìn is 10/02/2024, so mùng 10 Tết (the 10th of tháng Giêng) is 10/02 + 9 days = 19/02/2024,
    the date "trước mùng 10 tháng Giêng" gives; unread, the task would be saved with no
    deadline."""
    deadline = parse_deadline("Các xã hoàn thành trước mùng 10 Tết", date(2024, 1, 5))
    assert deadline.date == date(2024, 2, 19), deadline


def test_a_tet_beyond_the_calendars_years_is_no_date() -> None:
    """The holiday calendar knows Tết up to 2100 (vncalendar.dates.LAST_YEAR). "trước Tết
    Nguyên đán 2101", or "trước Tết" written in 2100 after that year's Tết, gives no date, for
    the officer to give (kind "out_of_range", as any date in a year past 2100), and never
    raises."""
    assert read("trước Tết Nguyên đán 2100") == (date(2100, 2, 8), "tet", None)
    assert read("trước Tết Nguyên đán 2101") == (None, "out_of_range", None)
    assert read("trước Tết", date(2100, 6, 1)) == (None, "out_of_range", None)


# "30 Tết" is the last day of the lunar year, the eve of Tết: the day "trước Tết" gives. Tết Giáp
# Thìn is 10/02/2024 (its twelfth month has 30 days); Tết Ất Tỵ is 29/01/2025, after a twelfth
# month of 29 days, so its "30 Tết" is the 29th, 28/01/2025.
THIRTY_TET = [
    ("trước 30 Tết", date(2024, 1, 10), date(2024, 2, 9)),
    ("trước ngày 30 Tết", date(2024, 1, 10), date(2024, 2, 9)),
    ("hoàn thành trước 30 Tết Nguyên đán", date(2024, 1, 10), date(2024, 2, 9)),
    ("trước 30 Tết Nguyên đán Giáp Thìn", date(2023, 3, 1), date(2024, 2, 9)),
    ("trước 30 Tết", date(2024, 3, 1), date(2025, 1, 28)),
]


@pytest.mark.parametrize(("text", "ref", "expected"), THIRTY_TET)
def test_30_tet_is_the_eve_of_tet_as_before_tet_is(text: str, ref: date, expected: date) -> None:
    assert read(text, ref) == (expected, "lunar", None)
    assert read("trước Tết", ref)[0] == expected


def test_the_30th_of_tet_without_a_due_word_is_no_solar_30th() -> None:
    text = "Vào ngày 30 Tết, các gia đình quây quần bên mâm cơm."
    assert read(text, date(2024, 1, 10)) == (None, "none", None)


# -- lunar days: the Vietnamese lunar calendar (vncalendar.lunar) --------------------------------

LUNAR = [
    # The days of the first lunar month count from mùng 1 Tết (22/01/2023, 10/02/2024).
    ("hoàn thành trước ngày 10 tháng Giêng", REF, date(2023, 1, 31)),
    ("báo cáo trước Rằm tháng Giêng năm Giáp Thìn", REF, date(2024, 2, 24)),
    ("xong trước mùng 8 tháng Giêng năm 2024", REF, date(2024, 2, 17)),
    ("trước ngày 10 tháng Giêng", date(2023, 3, 1), date(2024, 2, 19)),  # this year's is past
    # The twelfth month ends the lunar year: its days fall in January or February.
    ("hoàn thành trước ngày 23 tháng Chạp", date(2024, 3, 1), date(2025, 1, 22)),
    ("dọn dẹp xong trước 30 tháng Chạp", date(2024, 3, 1), date(2025, 1, 28)),  # 29 days: the 29th
    # A month in figures is lunar when "âm lịch" follows it, not the solar 15/8.
    ("Các xã hoàn thành trước ngày 15/8 âm lịch", date(2024, 3, 1), date(2024, 9, 17)),
    ("trước ngày 10/3 (âm lịch)", date(2024, 3, 1), date(2024, 4, 18)),
    ("báo cáo trước ngày 15 tháng 7 âm lịch", date(2024, 3, 1), date(2024, 8, 18)),
    # The year named after "âm lịch" is kept: not the next 15/8 (17/09/2024), a year early.
    ("trước ngày 15/8 âm lịch năm 2025", date(2024, 3, 1), date(2025, 10, 6)),
    ("trước ngày 15/8 (âm lịch) năm Ất Tỵ", date(2024, 3, 1), date(2025, 10, 6)),
    ("trước Rằm tháng Bảy năm Giáp Thìn", REF, date(2024, 8, 18)),
    # A leap month is the repeated one: 2025 had two sixth months.
    ("báo cáo trước Rằm tháng Sáu nhuận", date(2025, 6, 1), date(2025, 8, 8)),
    ("hoàn thành trước ngày 15/6 nhuận âm lịch", date(2025, 6, 1), date(2025, 8, 8)),
    ("trước Rằm tháng Sáu", date(2025, 6, 1), date(2025, 7, 9)),
    # A feast: "trước" it is the day before, as "trước Tết"; "trước ngày" it names the day.
    ("hoàn thành trước Tết Trung thu năm 2024", REF, date(2024, 9, 16)),
    ("trang trí xong trước Tết Đoan Ngọ", date(2020, 3, 1), date(2020, 6, 24)),  # after a leap 4th
    ("báo cáo trước ngày Giỗ Tổ Hùng Vương", date(2024, 3, 1), date(2024, 4, 18)),
]


@pytest.mark.parametrize(("text", "ref", "expected"), LUNAR)
def test_lunar_days(text: str, ref: date, expected: date) -> None:
    assert read(text, ref) == (expected, "lunar", None)


def test_a_lunar_day_without_a_due_word_is_a_custom_not_a_deadline() -> None:
    assert read("Theo phong tục, vào ngày 23 tháng Chạp, người dân thả cá chép.") == (
        None,
        "none",
        None,
    )
    assert read("Tăng cường phòng cháy trong dịp Rằm tháng Bảy.") == (None, "none", None)


def test_the_months_left_of_a_quarter_or_a_term_are_not_the_years() -> None:
    assert read("Trong hai tháng còn lại của quý I, tập trung thu ngân sách.")[0] == date(
        2023, 3, 31
    )
    assert read("Trong 2 tháng cuối quý, tập trung thu ngân sách.")[0] == date(2023, 3, 31)
    assert read("trong hai tháng còn lại của quý IV năm 2024")[0] == date(2024, 12, 31)
    assert read("Trong 18 tháng còn lại của nhiệm kỳ, hoàn thành các chỉ tiêu.")[0] != date(
        2023, 12, 31
    )


def test_a_sunday_duty_every_week_is_weekly_on_sunday() -> None:
    text = "Đoàn Thanh niên ra quân dọn vệ sinh môi trường vào sáng Chủ nhật hằng tuần."
    assert read(text) == (date(2023, 1, 8), "recurring", "weekly")  # REF is a Thursday


def test_a_leap_month_the_year_does_not_have_is_no_date() -> None:
    assert read("trước Rằm tháng Năm nhuận", date(2025, 6, 1)) == (None, "impossible", None)


def test_a_leap_month_is_lunar_without_the_words_am_lich() -> None:
    """ "tháng 2 nhuận" can only be a lunar month: its day is read by the lunar calendar of the
    year named (not the solar 15/02 of another year), and a leap month the year lacks is none."""
    leap = parse_deadline("hoàn thành trước ngày 15 tháng 2 nhuận năm 2023", REF)
    assert (leap.date, leap.kind) == (date(2023, 4, 5), "lunar")
    missing = parse_deadline("hoàn thành trước ngày 15 tháng 6 nhuận năm 2024", REF)
    assert (missing.date, missing.kind) == (None, "impossible")
    solar = parse_deadline("hoàn thành trước ngày 15 tháng 6 năm 2024", REF)
    assert (solar.date, solar.kind) == (date(2024, 6, 15), "date")


def test_a_lunar_day_that_does_not_exist_is_not_read_as_the_solar_day() -> None:
    """A commune's notice (issued 01/03/2023) says "hoàn thành trước ngày 31/12 âm lịch". A
    lunar month has 29 or 30 days: the 31st of the twelfth lunar month does not exist, so the
    date is impossible (the officer is asked), as "trước ngày 15/13 âm lịch" is. "âm lịch" is
    not dropped to make it the solar 31/12/2023, which would be a month before the lunar year's
    end (lunar 30/12 of Quý Mão is 09/02/2024), without a word."""
    deadline = parse_deadline("Các xã hoàn thành trước ngày 31/12 âm lịch", date(2023, 3, 1))
    assert deadline.date != date(2023, 12, 31), deadline
    assert (deadline.date, deadline.kind) == (None, "impossible"), deadline


def test_a_lunar_day_without_a_due_word_is_never_the_solar_day() -> None:
    """ "ngày 15/8 âm lịch" is Tết Trung thu, 17/09/2024 (issued 01/03/2024), not the solar 15
    August. Alone (a phrase typed to parse-deadline, a plan's time column) it is that lunar
    day; in a sentence with no due word, a custom's day as "vào ngày 23 tháng Chạp" is, and no
    deadline."""
    assert read("ngày 15/8 âm lịch", date(2024, 3, 1)) == (date(2024, 9, 17), "lunar", None)
    assert read("15 tháng 8 (âm lịch)", date(2024, 3, 1)) == (date(2024, 9, 17), "lunar", None)
    text = "Các trường tổ chức vui Tết cho thiếu nhi vào ngày 15/8 âm lịch."
    assert read(text, date(2024, 3, 1)) == (None, "none", None)


@pytest.mark.parametrize(
    "text",
    [
        "Kho bạc thanh toán kịp thời; không để tồn đọng hồ sơ thanh toán vào cuối năm.",
        "gắn kết quả giải ngân với đánh giá, xếp loại thi đua cuối năm.",
        "gắn kết quả giải ngân với đánh giá, xếp loại cán bộ, công chức cuối năm.",
        "Sở Y tế bố trí điểm xét nghiệm nhanh cho lái xe, bảo đảm trả kết quả trong ngày.",
        "Các hộ dân đã canh tác ổn định từ trước năm 2004, không có tranh chấp.",
    ],
)
def test_the_year_end_or_the_day_that_names_no_due_date(text: str) -> None:
    """The year-end rating, a backlog not to leave at the year's end, results the same day, a
    use since a year gone by: when things happen, not when the work is due."""
    assert parse_deadline(text, date(2024, 3, 1)).date is None


def test_a_solar_date_restated_as_lunar_stays_the_solar_date() -> None:
    text = "Tổ chức Lễ Giỗ Tổ vào ngày 18/4/2024 (tức ngày 10/3 âm lịch)"
    assert read(text, date(2024, 3, 1)) == (date(2024, 4, 18), "date", None)


# -- recurring duties: the next occurrence is the deadline ---------------------------------------

RECURRING = [
    ("định kỳ hằng tháng", date(2023, 1, 31), "monthly"),
    # A yearly duty that starts in a later year: its first occurrence is in that year.
    ("gửi Bộ trước ngày 30 tháng 6 hằng năm kể từ năm 2025", date(2025, 6, 30), "yearly"),
    # A monthly duty that starts in a later month: its first occurrence is in that month.
    ("trước ngày 25 hằng tháng, bắt đầu từ tháng 3/2023", date(2023, 3, 25), "monthly"),
    ("trước ngày 10 hằng tháng kể từ tháng 02 năm 2023", date(2023, 2, 10), "monthly"),
    # A weekly one that starts on a later day: the first of its weekday from then.
    ("vào thứ Năm hằng tuần (bắt đầu từ ngày 09/02/2023)", date(2023, 2, 9), "weekly"),
    ("Báo cáo quý gửi trước ngày 05 tháng cuối cùng của mỗi quý", date(2023, 3, 5), "quarterly"),
    # A report named by its period, in a list: its date comes back with it.
    ("- Báo cáo năm: các đơn vị gửi Sở Tài chính trước ngày 15/12.", date(2023, 12, 15), "yearly"),
    ("- Báo cáo 6 tháng: gửi trước ngày 05/7.", date(2023, 7, 5), "yearly"),
    ("• Báo cáo quý gửi trước ngày 05 tháng cuối cùng của mỗi quý", date(2023, 3, 5), "quarterly"),
    ("• Báo cáo 6 tháng gửi trước ngày 05/6", date(2023, 6, 5), "yearly"),
    ("báo cáo hàng tháng", date(2023, 1, 31), "monthly"),
    ("trước ngày 20 hằng tháng", date(2023, 1, 20), "monthly"),
    ("trước ngày 03 hằng tháng", date(2023, 2, 3), "monthly"),
    ("ngày 25 hàng tháng", date(2023, 1, 25), "monthly"),
    (
        "định kỳ hằng tháng báo cáo UBND tỉnh (qua Sở Tài chính) trước ngày 20",
        date(2023, 1, 20),
        "monthly",
    ),
    ("hằng quý", date(2023, 3, 31), "quarterly"),
    ("Tháng 6 hằng năm", date(2023, 6, 30), "yearly"),
    ("báo cáo định kỳ hằng quý", date(2023, 3, 31), "quarterly"),
    ("chậm nhất vào ngày 15 tháng 10 hàng năm", date(2023, 10, 15), "yearly"),
    ("trước ngày 15/12 hằng năm", date(2023, 12, 15), "yearly"),
    ("hằng tuần", date(2023, 1, 6), "weekly"),
    ("vào thứ Hai hằng tuần", date(2023, 1, 9), "weekly"),
    ("thứ Năm hằng tuần", date(2023, 1, 5), "weekly"),
    ("báo cáo hằng tuần về Cục Y tế dự phòng trước 12 giờ thứ Năm", date(2023, 1, 5), "weekly"),
    (
        "Hằng tháng tổng hợp tình hình thực hiện, giải ngân vốn đầu tư công, báo cáo UBND tỉnh và"
        " Thường trực HĐND tỉnh trước ngày 25.",
        date(2023, 1, 25),
        "monthly",
    ),
    ("mỗi tháng", date(2023, 1, 31), "monthly"),
    # A first report on a day, then every month: that day first (not the month's end).
    (
        "báo cáo Thủ tướng trước ngày 20 tháng 01 năm 2023 và hàng tháng",
        date(2023, 1, 20),
        "monthly",
    ),
    ("báo cáo trước ngày 12/01/2023, sau đó định kỳ hằng tháng", date(2023, 1, 12), "monthly"),
]


@pytest.mark.parametrize(("text", "expected", "recurrence"), RECURRING)
def test_recurring(text: str, expected: date, recurrence: str) -> None:
    assert read(text) == (expected, "recurring", recurrence)


@pytest.mark.parametrize(
    "text",
    [
        "báo cáo định kỳ 6 tháng",
        "định kỳ 6 tháng một lần",
        "định kỳ sáu tháng",
        "báo cáo UBND tỉnh 06 tháng/lần",
        "6 tháng một lần tổng hợp, báo cáo",
        "hằng 6 tháng báo cáo kết quả",
        "mỗi 6 tháng đánh giá một lần",
        "nửa năm một lần báo cáo",
        "định kỳ 6 tháng, năm báo cáo UBND tỉnh",
    ],
)
def test_a_six_monthly_step_that_names_no_day_recurs_from_a_day_the_officer_gives(
    text: str,
) -> None:
    """A step of six months says how often, not when (the end of June? mid-June?): every six
    months from the first period's date, which the officer gives, as for "định kỳ hằng năm"
    (both blind labellers read such a step as giving no date)."""
    assert read(text) == (None, "recurring", "semiannual")
    assert parse_deadline(text, REF).step_only


@pytest.mark.parametrize(
    ("text", "ref", "expected", "day"),
    [
        ("báo cáo định kỳ 6 tháng trước ngày 15/6 và 15/12", REF, date(2023, 6, 15), 15),
        (
            "báo cáo định kỳ 6 tháng trước ngày 15/6 và 15/12",
            date(2023, 7, 3),
            date(2023, 12, 15),
            15,
        ),
        ("trước ngày 20/6 và 20/12 hằng năm", REF, date(2023, 6, 20), 20),
        ("trước ngày 20/12 và 20/6 hằng năm", date(2023, 6, 21), date(2023, 12, 20), 20),
        ("06 tháng/lần, chậm nhất ngày 15 tháng 6 và ngày 15 tháng 12", REF, date(2023, 6, 15), 15),
        # Each half-year's last day: the schedule keeps the 31st, June has 30.
        ("mỗi 6 tháng báo cáo trước ngày 30/6 và 31/12", date(2023, 7, 1), date(2023, 12, 31), 31),
    ],
)
def test_a_six_monthly_duty_with_its_two_days_is_due_on_the_next_of_them(
    text: str, ref: date, expected: date, day: int
) -> None:
    """Two days six months apart with a step (six-monthly, or "hằng năm" after both): every six
    months, first on the next of them, so that the December report is reminded too."""
    assert six_monthly(text, ref) == (expected, day)


def six_monthly(text: str, ref: date) -> tuple[date | None, int | None]:
    """The first deadline and the schedule's day of a phrase read as a six-monthly duty."""
    deadline = parse_deadline(text, ref)
    assert (deadline.kind, deadline.recurrence) == ("recurring", "semiannual"), deadline
    return deadline.date, deadline.schedule_day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The half-year report, once a year (as the blind labellers read it).
        ("- Báo cáo 6 tháng: gửi trước ngày 05/7.", (date(2023, 7, 5), "recurring", "yearly")),
        # A period, not a step: no cue, no deadline; with one, the half-year's end.
        ("báo cáo sơ kết 6 tháng đầu năm", (None, "none", None)),
        ("báo cáo định kỳ 6 tháng đầu năm", (None, "none", None)),
        ("hoàn thành trong 6 tháng đầu năm", (date(2023, 6, 30), "half_year", None)),
        # Two days without a step: two stages of one task as likely as a duty.
        ("trước ngày 15/6 và 15/12", (date(2023, 6, 15), "date", None)),
        # A day in a year is once: the step does not repeat it.
        ("định kỳ 6 tháng, báo cáo trước ngày 15/6/2023", (date(2023, 6, 15), "date", None)),
        # "sau" without its marks is "after", not "six".
        ("định kỳ sau tháng 3 báo cáo", (None, "none", None)),
    ],
)
def test_half_years_that_are_no_six_monthly_step(
    text: str, expected: tuple[date | None, str, str | None]
) -> None:
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "ref", "expected", "day"),
    [
        # Issued 01/09: 15/6 has gone by, and the step names 15/12 too.
        ("định kỳ 6 tháng, báo cáo trước ngày 15/6", date(2025, 9, 1), date(2025, 12, 15), 15),
        ("định kỳ 6 tháng, báo cáo trước ngày 15/6", REF, date(2023, 6, 15), 15),
        ("báo cáo 06 tháng/lần vào ngày 20/6", date(2025, 9, 1), date(2025, 12, 20), 20),
        ("mỗi 6 tháng báo cáo chậm nhất ngày 10 tháng 1", date(2023, 3, 1), date(2023, 7, 10), 10),
        # The day written is the schedule's: "31/12" is 30/6 and 31/12, "31/8" the end of
        # February and 31/8.
        ("định kỳ 6 tháng, trước ngày 31/12", date(2023, 1, 10), date(2023, 6, 30), 31),
        ("định kỳ 6 tháng, trước ngày 31/8", date(2023, 1, 10), date(2023, 2, 28), 31),
    ],
)
def test_a_six_monthly_duty_with_one_day_is_due_on_it_and_six_months_on(
    text: str, ref: date, expected: date, day: int
) -> None:
    """A six-month step and one day of the year name two days a year: the day and the same day
    six months on ("định kỳ 6 tháng, báo cáo trước ngày 15/6" is 15/6 and 15/12). The duty is
    semiannual, due on the next of them: read as that date alone, a directive of 01/09 would
    wait nine months for a report due in three, and never ask for it again."""
    assert six_monthly(text, ref) == (expected, day)


@pytest.mark.parametrize(
    "text",
    [
        "Hội nghị sơ kết định kỳ 6 tháng tổ chức ngày 15/7",
        "định kỳ 6 tháng báo cáo, tổ chức hội nghị sơ kết vào ngày 15/7",
    ],
)
def test_the_day_a_six_monthly_meeting_is_held_is_not_its_schedule(text: str) -> None:
    """The day a meeting is held is no due day of a six-month step: read as one, the step named
    15/01 too, a deadline ten days after a January letter that no text gives."""
    assert read(text) == (date(2023, 7, 15), "date", None)


def test_two_days_not_six_months_apart_keep_the_next_and_no_step() -> None:
    """The 15th of June and the 1st of December are not one day every six months: a step from
    the 15th would remind the December report after its day. The next day is the deadline."""
    text = (
        "định kỳ 6 tháng báo cáo kết quả thực hiện về Bộ Khoa học và Công nghệ trước ngày 15 "
        "tháng 6 và trước ngày 01 tháng 12 để tổng hợp, báo cáo Chính phủ"
    )
    assert read(text) == (date(2023, 6, 15), "date", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The work's completion, then the report of its results: the work is the task.
        (
            "UBND các huyện rà soát, kiểm tra các cơ sở, hoàn thành trước ngày 15/6/2023, báo "
            "cáo kết quả về UBND tỉnh trước ngày 20/6/2023.",
            date(2023, 6, 15),
        ),
        # The rule, then its exception.
        (
            "Các trường nộp hồ sơ về Sở trước ngày 28/02/2023, riêng hồ sơ giáo án nộp cho Ban "
            "tổ chức trước ngày 16/3/2023.",
            date(2023, 2, 28),
        ),
        # Steps of one task: the first day to come, so that no reminder comes after a deadline
        # (and the blind labellers mostly took it too).
        (
            "Sở Nội vụ xây dựng báo cáo trình UBND tỉnh trước ngày 10/3/2023; hoàn thiện báo "
            "cáo, gửi Bộ Nội vụ trước ngày 15/3/2023.",
            date(2023, 3, 10),
        ),
        (
            "xây dựng kế hoạch trước ngày 15/3/2023, tổ chức thực hiện trong quý II/2023",
            date(2023, 3, 15),
        ),
        # A span counted from the document says how long; the date beside it, by when.
        (
            "Cuộc điều tra tiến hành trong 25 ngày và kết thúc chậm nhất vào ngày 25/02/2023.",
            date(2023, 2, 25),
        ),
        # ... and so do the days it spans, in brackets after it.
        (
            "Đợt 02: Thực hiện nạo vét trong 03 ngày làm việc (từ ngày 08 đến ngày 10 tháng 3 năm "
            "2023).",
            date(2023, 3, 10),
        ),
        (
            "Cao điểm tập trung trong 10 ngày làm việc (từ ngày 20 tháng 02 năm 2023 đến ngày 03 "
            "tháng 3 năm 2023);",
            date(2023, 3, 3),
        ),
        # What others send in, by when, is not the task's own date.
        (
            "Sở Tài chính trình UBND tỉnh trước ngày 30/4/2023 đối với các hồ sơ hợp lệ do các "
            "đơn vị gửi đến trước ngày 31/3/2023.",
            date(2023, 4, 30),
        ),
        # A day gone by at the issue date (REF, 05/01/2023) yields to one still to come.
        (
            "Các Bộ khẩn trương chi trả chế độ đối với các trường hợp đã có quyết định nghỉ việc "
            "trước ngày 31/12/2022, đảm bảo hoàn thành trước ngày 15/02/2023.",
            date(2023, 2, 15),
        ),
    ],
)
def test_which_of_a_sentences_days_is_its_deadline(text: str, expected: date) -> None:
    assert read(text) == (expected, "date", None)


# Found by a review of session 9's rules on made-up sentences, each read wrongly at first.
REVIEWED = [
    # The completion only where it does not come after the report.
    (
        "Hoàn thành số hóa hồ sơ trước ngày 30/9/2023; báo cáo kết quả thực hiện quý I trước "
        "ngày 25/3/2023.",
        date(2023, 3, 25),
    ),
    # "ngoài ra" adds work; it makes no exception.
    (
        "Các huyện hoàn thành việc kê khai trước ngày 31/3/2023, ngoài ra gửi danh sách đối "
        "tượng trước ngày 20/3/2023.",
        date(2023, 3, 20),
    ),
    # Work due in a year, though a standard is named.
    (
        "Trong năm 2023, các huyện rà soát, đánh giá lại các xã đạt chuẩn nông thôn mới.",
        date(2023, 12, 31),
    ),
    (
        "UBND huyện hoàn thiện hồ sơ công nhận trường đạt chuẩn quốc gia trong năm 2023.",
        date(2023, 12, 31),
    ),
    (
        "UBND huyện Krông Pắc hoàn thành việc lập quy hoạch chung xây dựng nông thôn mới các xã "
        "trong năm 2023.",
        date(2023, 12, 31),
    ),
    # A campaign's own end, beside a daily report.
    (
        "Các đơn vị triển khai chiến dịch tiêm chủng đến hết ngày 31/3/2023, báo cáo kết quả "
        "trước 16h hàng ngày về Sở Y tế.",
        date(2023, 3, 31),
    ),
]


@pytest.mark.parametrize(("text", "expected"), REVIEWED)
def test_what_a_review_found_the_rules_over_reach_on(text: str, expected: date | None) -> None:
    assert parse_deadline(text, date(2023, 3, 10)).date == expected


@pytest.mark.parametrize(
    ("text", "recurrence"),
    [
        ("báo cáo Chính phủ tại phiên họp thường kỳ hằng quý", "quarterly"),
        ("báo cáo Thủ tướng tại phiên họp Chính phủ thường kỳ hằng tháng", "monthly"),
        ("báo cáo UBND tỉnh tại cuộc họp giao ban hằng tháng", "monthly"),
    ],
)
def test_a_report_due_at_a_recurring_meeting_has_no_day(text: str, recurrence: str) -> None:
    # The meeting's day is not written: the step is known, the date is the officer's to set.
    assert read(text) == (None, "none", recurrence)


@pytest.mark.parametrize("text", ["hàng năm", "tổ chức sơ kết, đánh giá hằng năm"])
def test_a_yearly_duty_with_no_month_recurs_from_a_day_the_officer_gives(text: str) -> None:
    # Recurring, but on no day the text names (a report at the year's end? in mid-December?):
    # the first period's date is the officer's to give, as both blind labellers read it.
    deadline = parse_deadline(text, REF)
    assert read(text) == (None, "recurring", "yearly")
    assert deadline.step_only


def test_a_yearly_step_with_no_month_yields_to_a_date_and_is_no_heading_deadline() -> None:
    # Both blind labellers read such a step as giving no date: any date the text gives wins.
    text = "tổ chức sơ kết hằng năm, hoàn thành trước ngày 30/6/2023"
    assert read(text) == (date(2023, 6, 30), "date", None)
    assert read("sơ kết hằng năm, thường xuyên kiểm tra") == (None, "ongoing", None)
    assert section_deadline("II. Nhiệm vụ định kỳ hằng năm", REF) is None


def test_annual_crops_are_no_yearly_duty() -> None:
    assert read("đất trồng lúa nước, đất trồng cây hàng năm khác") == (None, "none", None)


# -- no date: ongoing and immediate ----------------------------------------------------------------

NO_DATE = [
    ("thường xuyên", "ongoing"),
    ("thường xuyên kiểm tra, giám sát", "ongoing"),
    ("liên tục", "ongoing"),
    ("hằng ngày", "ongoing"),
    ("thực hiện lâu dài", "ongoing"),
    ("Thời gian thực hiện: thường xuyên", "ongoing"),
    ("ngay", "immediate"),
    ("khẩn trương", "immediate"),
    ("kịp thời", "immediate"),
    ("triển khai thực hiện ngay", "immediate"),
    ("Sở Y tế khẩn trương triển khai", "immediate"),
    ("ngay lập tức", "immediate"),
    # Counted from an event whose date the document does not give.
    ("trong thời hạn 07 ngày làm việc, kể từ ngày nhận được ý kiến thẩm định", "none"),
    ("trong vòng 05 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ", "none"),
    ("trong 05 ngày làm việc sau khi HĐND tỉnh phê chuẩn", "none"),
    # Another's letter, still to come: not this one.
    ("trong 05 ngày làm việc kể từ ngày nhận được văn bản đề nghị của UBND huyện", "none"),
    ("trong vòng 10 ngày kể từ ngày nhận được thông báo kiểm tra", "none"),
    # What the law allows a procedure, from whenever it starts; how long an extension may be.
    (
        "Thời hạn kiểm tra không quá 10 ngày làm việc theo quy định tại điểm b Khoản 2 Điều 13",
        "none",
    ),
    (
        "Dự thảo đã được đăng tải trên Cổng Thông tin điện tử để lấy ý kiến rộng rãi trong thời"
        " hạn 60 ngày theo quy định.",
        "none",
    ),
    (
        "Niêm yết công khai danh sách tại trụ sở UBND xã trong thời gian 15 ngày theo quy định;"
        " tiếp nhận, giải quyết các ý kiến phản ánh (nếu có).",
        "none",
    ),
    ("có thể gia hạn 01 lần; thời gian gia hạn không quá 15 ngày", "none"),
    # "thường xuyên" saying what a thing is, not how often one acts.
    ("Xử lý lỗi thường xuyên trên Cổng Thông tin một cửa quốc gia.", "none"),
    ("Bố trí từ nguồn chi thường xuyên của đơn vị.", "none"),
    ("Thực hiện các nhiệm vụ thường xuyên theo chức năng.", "none"),
    (
        "Trường hợp có lý do chính đáng thì Chi cục trưởng gia hạn một lần không quá 12 tháng.",
        "none",
    ),
    (
        "quyết định việc gia hạn thời gian kiểm tra nhưng thời gian gia hạn tối đa không quá 02 "
        "ngày",
        "none",
    ),
]


@pytest.mark.parametrize(("text", "kind"), NO_DATE)
def test_ongoing_and_immediate_have_no_date(text: str, kind: str) -> None:
    assert read(text) == (None, kind, None)


def test_today_is_immediate_with_a_date() -> None:
    assert read("báo cáo ngay trong ngày") == (REF, "immediate", None)


# -- what is not a deadline ---------------------------------------------------------------------

NOT_DEADLINES = [
    # A period just past, told of.
    "Trong tháng 12 vừa qua, số hồ sơ giải quyết trễ hạn của các huyện là 40 hồ sơ.",
    "Trong quý IV vừa rồi, tỉnh đã giải ngân 50% kế hoạch vốn.",
    "Bố trí tối thiểu 2% tổng chi ngân sách nhà nước hằng năm cho bảo vệ môi trường.",
    "Đề nghị Sở Tài chính cho ý kiến về mức thu lệ phí và dự toán số thu lệ phí hằng năm.",
    "Việc nạo vét lòng hồ trước mùa mưa hàng năm thực hiện theo Nghị định số 62/2025/NĐ-CP.",
    "cụ thể hóa thành các chương trình, kế hoạch 5 năm và hằng năm để triển khai thực hiện",
    "đánh giá đề xuất tại bài “Giải pháp bớt tiêu tốn hàng trăm tỷ mỗi năm chống hạn cho lúa”",
    "Để có số liệu báo cáo tại Hội nghị triển khai Đề án, dự kiến tổ chức vào đầu tháng 6/2023, "
    "đề nghị các Sở báo cáo số liệu.",
    "dự kiến, đến ngày 20/4, tỉnh sẽ có 6 địa phương hoàn thành mục tiêu cấp căn cước",
    "cấp giống cho nông dân có cây trồng bị thiệt hại do khô hạn gây ra trong năm 2022",
    "Thời gian tiếp công dân trở lại: từ sáng thứ 7, ngày 05/03/2016.",
    "Theo dự kiến, trong tháng 9 và quý IV, lượng vaccine về nhiều.",
    "Dự kiến công tác chấm điểm CCHC kết thúc vào đầu tháng 01/2024.",
    "- Báo cáo Quý I: Tính từ ngày 15 tháng 12 của năm trước kỳ báo cáo đến ngày 14 tháng 3.",
    # How things stood on a day, a goal decades away, an aim, what holds from a year on.
    "Tuy nhiên, đến ngày 24-10, nhiều đơn vị chưa nộp báo cáo thống kê đầu năm học.",
    "Thực hiện cam kết về giảm phát thải ròng bằng “0” vào năm 2050 tại Hội nghị COP26.",
    "hướng tới mục tiêu trên 70% dân số được tiêm vắc xin đến hết quý I/2023, đạt miễn dịch",
    "những nhiệm vụ cần tập trung thực hiện trong năm 2023 và các năm tiếp theo",
    "Chào mừng Đại hội Đảng bộ tỉnh diễn ra từ ngày 13-10-2015 đến ngày 16-10-2015, treo cờ",
    "báo cáo Thủ tướng về tình hình giá thịt lợn những tháng cuối năm 2019",
    "Ngày 05/01, UBND tỉnh ban hành văn bản số 558 Tăng cường các biện pháp phòng, chống dịch "
    "sau Tết Nguyên đán.",
    # The period the figures cover, when an event takes place, a cited document's subject.
    "Bộ đề nghị các sở báo cáo biến động sĩ số học sinh thời điểm từ đầu năm học đến ngày 15/10.",
    "Kỳ thi tốt nghiệp năm 2023 được tổ chức vào các ngày 26, 27, 28, 29/6/2023.",
    "Hội nghị sẽ diễn ra vào ngày 25/3/2023 tại Hội trường UBND tỉnh.",
    "chuẩn bị để tổ chức lễ kỷ niệm và các hoạt động khác xuyên suốt từ 15/8 đến 2/9.",
    "Học sinh phổ thông của tỉnh sẽ tựu trường vào ngày 29/8/2023.",  # the school year's days
    # A dateline alone; a holiday's day; from when a rule applies; a letter dated in brackets.
    "Ngày 14 tháng 03 năm 2023",
    "đảm bảo an ninh, trật tự, an toàn trong dịp nghỉ lễ Quốc khánh 02/9/2023",
    "cung cấp số liệu để tham mưu Bảng giá đất áp dụng ngày 1-1-2024.",
    "Chánh Văn phòng UBND tỉnh vừa có văn bản (ngày 15/3/2023) nhắc báo cáo kết quả.",
    # The days off a holiday gives, each named with its weekday; the weekend every week.
    "cán bộ được nghỉ Tết từ thứ Hai, ngày 04/02/2023 đến hết thứ Sáu, ngày 08/02/2023.",
    "Các đơn vị không thực hiện lịch nghỉ cố định thứ Bảy, Chủ Nhật hàng tuần thì bố trí lịch.",
    "chủ động công bố số ca mắc, ca khỏi bệnh, ca tử vong trong ngày và cộng dồn",  # daily figures
    "quyết định lấy ngày 10-10 hằng năm là Ngày Chuyển đổi số tỉnh.",  # a day observed
    "tổ chức trực, báo cáo tình hình trong dịp nghỉ Lễ 30/4 và 01/5/2023 như sau:",
    "Xã hội 02-12-2023",  # a web page's section and date
    "Điều 2. Thời hạn ủy quyền: Từ ngày 20 tháng 8 năm 2023 đến hết ngày 28 tháng 02 năm 2024.",
    "chào mừng kỷ niệm 60 năm Ngày giải phóng huyện (20/11/1963 – 20/11/2023).",
    "Cán bộ trực Tết được bố trí nghỉ bù vào ngày nghỉ hằng tuần.",
    # How long, not by when: the holiday's days, a stock to last a month after the holiday.
    "Trong 07 ngày nghỉ Tết Nguyên đán năm 2022, toàn tỉnh xảy ra 12 vụ tai nạn giao thông.",
    "các hoạt động của Tuần lễ Văn hóa diễn ra trong tuần.",
    # The day the figures run to; a watch kept so long.
    "Báo cáo tình hình sử dụng nguồn cải cách tiền lương đến hết ngày 31/3/2023 (theo Mẫu 04).",
    "lập danh sách theo dõi sức khỏe trong 14 ngày đối với người về từ vùng dịch.",
    "lấy mẫu xét nghiệm cho công nhân; bảo đảm trả kết quả trong vòng 24 giờ.",  # each time
    "tổng hợp số ca mắc trong tuần",
    "dự trữ đủ thuốc phục vụ trong thời gian nghỉ Tết và 01 tháng sau Tết.",
    # When a web page was posted.
    "21:27 | 24/03/2023",
    "Đời sống - Ngày đăng : 05:55, 27/03/2023",
    "Đức Trí - 04/08/2023, 16:22 GMT+07 | Giáo dục",
    "Cập nhật lúc15:53, Thứ Sáu, 03/02/2023 (GMT+7)",
    "14:6, Thứ Tư, 11-1-2023 (Quang Binh Portal) - Chủ tịch UBND tỉnh yêu cầu các sở trực Tết",
    "Bí thư Huyện ủy kiểm tra tình hình cung cấp nước tại xã Hồng Quảng Ngày cập nhật 19/02/2023",
    # When a place is to reach a standard: a target, not work due; figures as of a month.
    "UBND tỉnh đưa huyện Lai Vung vào kế hoạch đạt chuẩn nông thôn mới vào năm 2023.",
    "Các xã Cẩm Vũ, Cẩm Phúc phấn đấu về đích trong năm 2024 phải huy động nguồn lực.",
    "15 xã đăng ký hoàn thành trong năm 2023 là: Cộng Hòa, Cổ Dũng, An Châu.",
    "Tính đến hết tháng 7, huyện Cẩm Giàng có 9 xã đạt chuẩn NTM.",
    "Cục Văn thư và Lưu trữ nhà nước đề nghị báo cáo tình hình xử lý tài liệu [08-02-2023]",
    "phòng Quản lý đô thị tổng hợp báo cáo về kết quả sau hai tháng triển khai thực hiện quy "
    "trình quản lý trật tự xây dựng",
    "Riêng học sinh lớp 1 sẽ tựu trường ngày 22/8/2023.",
    "14h00’ ngày 06/9, làm việc với UBND huyện.",  # a visit's programme
    "Tuần tới có mưa lớn trên diện rộng.",  # when, not by when
    "Mực nước đạt mức cao nhất năm tại Tân Châu vào khoảng cuối tháng 9, đầu tháng 10.",
    # How long a measure applies, how long a relief lasts.
    "tiếp tục thực hiện các biện pháp hạn chế tụ tập đông người kể từ ngày 16 tháng 4 năm 2023 "
    "cho đến hết ngày 24 tháng 4 năm 2023",
    "hướng dẫn tạm dừng đóng bảo hiểm xã hội đối với các đối tượng bị ảnh hưởng đến hết tháng 6",
    # How long flags and banners hang, the end of the range's month read for its first day too.
    "Các cơ quan, đơn vị và nhà dân treo cờ từ ngày 22-5 đến hết ngày 24-5-2023.",
    "Thời gian thực hiện việc treo cờ Tổ quốc, từ ngày 21 đến hết ngày 25-5-2023.",
    "Thời gian treo băng rôn tuyên truyền đến hết ngày 25-5-2023.",
    "thời gian treo băng zôn, khẩu hiệu từ ngày 25/8/2023 đến hết ngày 3/9/2023",
    "xem xét không tổ chức kiểm tra định kỳ trong năm 2023 đối với các doanh nghiệp",
    "tập trung thực hiện các nhiệm vụ trong tháng 5 và các tháng tiếp theo",  # from then on
    "Tổ chức tập huấn cho cán bộ (nguồn ngân sách tỉnh, năm 2024).",  # the budget's year
    "Tuyên truyền về phòng, chống dịch bệnh (ngân sách tỉnh, năm 2024).",
    "Công tác giám sát được tiến hành thường xuyên, liên tục trong năm 2025.",  # all year round
    "II. NHIỆM VỤ TRỌNG TÂM THÁNG 11 VÀ NHỮNG THÁNG CUỐI NĂM 2025",
    # The year-end season; what must not pile up then; the months a report covers; a benefit.
    "Sở Công Thương bảo đảm nguồn hàng phục vụ nhu cầu của Nhân dân dịp cuối năm.",
    "Tập trung thi công, thanh toán khối lượng; không để dồn khối lượng thanh toán vào cuối năm.",
    # The season's floods; the school year's end, which the calendar does not fix.
    "Các địa phương chủ động phương án ứng phó mưa lũ cuối năm.",
    "Các trường tổ chức tổng kết vào cuối năm học 2019-2020.",
    "Sở Tài chính đánh giá kết quả thực hiện các chỉ tiêu trong 9 tháng năm 2023, báo cáo UBND"
    " tỉnh.",
    "Sở Nội vụ tăng cường kiểm tra việc chi trả trợ cấp xã hội hằng tháng cho các đối tượng.",
    "Giảm 30% tiền thuê đất phải nộp của doanh nghiệp trong năm 2023.",  # a relief
    "Thực hiện Chương trình - Sở Y tế - giai đoạn 2021 - 2025.",  # a span of years, no field
    "Thực hiện Chương trình - Sở Y tế - 2021 - 2025.",
    "Tiếp tục cắt giảm 50% mức thu một số khoản phí, lệ phí đối với doanh nghiệp trong năm 2023.",
    "1. Thời gian Hội thi: Từ ngày 26/3/2023 đến ngày 30/3/2023 (Nếu có thay đổi sẽ thông báo).",
    "Thời gian tổ chức giải dự kiến từ ngày 03/8/2023 đến 02/9/2023.",
    "trong đó dự kiến thời gian tổ chức Lễ kỷ niệm vào ngày 19/4/2023",
    "UBND tỉnh ban hành công văn số 3025 ngày 13/5/2023 về việc hưởng ứng Tuần lễ Quốc gia",
    "Báo SGGP số ra ngày 2-8-2023 có đăng bài “Cát lậu lại tung hoành”.",
    "Mực nước đầu nguồn sông Tiền tăng dần từ giữa tháng 8; mực nước triều sẽ ở mức cao.",
    "Sở rà soát lại các nhiệm vụ có thời hạn hoàn thành trong năm 2025 tại các Kế hoạch",
    "Thực hiện Công văn số 1348/BTNMT-TĐKTTT ngày 09/3/2023 về hưởng ứng Giờ Trái đất năm 2023 "
    "(từ 20h30 đến 21h30 ngày 28/3/2023); UBND tỉnh có ý kiến như sau:",
    "Sở Y tế trình UBND tỉnh kế hoạch năm 2024.",
    "Công văn số 7454/BKHĐT-PTDN ngày 12 tháng 9 năm 2017",
    "Quyết định số 12/QĐ-UBND ngày 05/01/2023",
    "theo Nghị quyết số 95/2014/NQ-HĐND ngày 11/12/2023 của HĐND tỉnh",
    "Kết luận số 71-KL/TU ngày 24/3/2023 của Ban Thường vụ Tỉnh ủy",
    "Công văn số 2221 /UBND-TH ngày 04/12/2023",
    "Ngày 05 tháng 01 năm 2023, UBND tỉnh tổ chức Hội nghị",
    "Ngày 24/5/2023, UBND tỉnh ban hành Công văn",
    "Kiên Giang, ngày 28 tháng 8 năm 2023",
    "đến năm 2030, tầm nhìn đến năm 2050",
    "giai đoạn 2021-2025",
    "Kế hoạch 5 năm 2021-2025",
    "giai đoạn 2021 - 2025",
    "kết quả năm 2022",
    "những mặt được, tồn tại, hạn chế của năm 2022",
    "đạt mục tiêu 7,24% của cả nhiệm kỳ",
    "thu ngân sách của tỉnh phải đạt hơn 73.645 tỷ đồng",
    "GRDP bình quân đầu người phải đạt 3.485 USD",
    "đạt 12/15 chỉ tiêu",
    "Hội nghị Kiểm điểm chỉ đạo điều hành của UBND tỉnh năm 2022¹.",
    "4. Về các kiến nghị:",
    "an toàn giao thông trước, trong và sau Tết",
    "không để hành khách bị ùn ứ tại các bến xe dịp trước và sau Tết.",
    "bảo đảm cung ứng hàng hóa trong và sau Tết Nguyên đán",
    # A condition's day: "Đơn vị nào đến ngày 30.9 giải ngân dưới 60% thì ...".
    "Đơn vị nào đến ngày 30.9 giải ngân dưới 60% thì người đứng đầu phải giải trình",
    "Nếu đến ngày 15/3 chưa hoàn thành thì chủ đầu tư báo cáo lý do.",
    "Quyết định này có hiệu lực thi hành sau 10 ngày kể từ ngày ký.",
    "Quyết định này có hiệu lực kể từ ngày ký.",
    "tăng trưởng bình quân hằng năm đạt 8%",
    "Kế hoạch phát triển kinh tế - xã hội năm 2023",
    "quy định tại Điều 3",
    "Từ ngày 1.1 đến ngày 6.7, UBND tỉnh giao 833 nhiệm vụ",
    "trong 3 tháng qua",
    "hội nghị diễn ra trong 2 ngày",
    "Việt Nam",
    # The moment a count refers to.
    "Tổng kiểm kê tài sản công thuộc phạm vi quản lý của tỉnh thời điểm 0h00 ngày 01 tháng 01 "
    "năm 2026.",
    "số liệu tài sản tại thời điểm 31/12/2025",
    # A plan's targets, not work due.
    "b) Đến hết năm 2030: Có ≥ 60% doanh nghiệp trên địa bàn Tỉnh ứng dụng công nghệ số.",
    "Năm 2026: đạt 95% hồ sơ được giải quyết trực tuyến.",
    # What happened in a month, told at the head of a sentence.
    "Trong tháng 01 năm 2023, do mưa lớn trên địa bàn tỉnh đã xảy ra sạt lở tại nhiều nơi.",
    # A rule's day in a year some event sets.
    "nộp hồ sơ khai lệ phí môn bài chậm nhất là ngày 30 tháng 01 năm sau năm phát sinh thông tin"
    " thay đổi.",
    "nộp lệ phí môn bài chậm nhất là ngày 30 tháng 7 năm kết thúc thời gian miễn.",
]


@pytest.mark.parametrize(
    "text",
    [
        "Báo cáo năm gửi trước ngày 15 tháng 02 của năm liền kề sau năm báo cáo.",
        "Các sở, ngành báo cáo kết quả gửi Sở Nội vụ trước ngày 15 tháng 01 năm sau năm thực hiện.",
        "Định kỳ hằng năm, các đơn vị gửi báo cáo về Sở Tài chính trước ngày 20 tháng 01 năm sau"
        " năm kế hoạch.",
    ],
)
def test_a_yearly_reports_day_in_the_year_after_the_one_it_covers_is_due(text: str) -> None:
    assert read(text)[0] is not None


def test_a_document_number_that_ends_its_sentence_has_no_title_after_it() -> None:
    text = (
        "Thống nhất với đề xuất của Sở Tài chính tại Tờ trình số 123/TTr-STC. Giao Sở Y tế hoàn "
        "thiện hồ sơ trước ngày 30/4/2024."
    )
    assert read(text)[0] == date(2024, 4, 30)


def test_work_on_a_relief_is_due_by_its_own_date() -> None:
    text = "Sở Tài chính hướng dẫn miễn, giảm học phí, hoàn thành trước ngày 30/6/2023."
    assert read(text)[0] == date(2023, 6, 30)
    text = "Nghiên cứu giảm lãi suất cho vay nhà ở xã hội, báo cáo Thủ tướng trong tháng 02/2023."
    assert read(text)[0] == date(2023, 2, 28)
    assert read("Giảm 30% tiền thuê đất trong năm 2023.")[0] is None  # the relief's period


@pytest.mark.parametrize(
    ("line", "due", "phrase"),
    [
        ("Ngày 8/7-17/7/2023: Các trường THPT nhận đơn phúc khảo bài thi.", date(2023, 7, 17),
         "Ngày 8/7-17/7/2023"),
        ("- Ngày 18-19/6/2023: Các trường được chọn nhận hồ sơ thi.", date(2023, 6, 19),
         "Ngày 18-19/6/2023"),
    ],
)  # fmt: skip
def test_a_schedule_line_over_days_is_due_on_the_last(line: str, due: date, phrase: str) -> None:
    deadline = parse_deadline(line, REF)
    assert (deadline.date, deadline.phrase) == (due, phrase)
    # The same days opening a news item's sentence are when something happened.
    assert read(line.lstrip("- ").replace(":", ",", 1))[0] is None


def test_a_day_wins_over_year_end_alone() -> None:
    text = "UBND phường kiểm tra công tác treo cờ vào ngày 09/10/2023 và xét danh hiệu cuối năm."
    assert read(text)[0] == date(2023, 10, 9)
    # "vào cuối năm" is a cued step, after the day the work is due: the day comes first.
    later = "Sở Y tế hoàn thành trước ngày 15/10/2023 và tổng kết vào cuối năm."
    assert read(later)[0] == date(2023, 10, 15)


def test_a_daily_report_over_a_period_has_no_deadline() -> None:
    text = (
        "Các Bộ: Quốc phòng, Công an báo cáo nhanh tình hình từng ngày trong dịp nghỉ Lễ (từ ngày "
        "30 tháng 4 đến ngày 03 tháng 5), gửi hỏa tốc đến Văn phòng Chính phủ trước 14 giờ 00."
    )
    assert read(text)[0] is None
    daily = (
        "Trước 16h00 hàng ngày kể từ ngày 26/12/2023 trở đi đến hết ngày 31/12/2023 thực hiện "
        "báo cáo số tiền lũy kế đến cuối kỳ báo cáo."
    )
    assert read(daily, date(2023, 12, 16))[0] is None
    # Work over the same period is due at its end.
    assert read("Sở Y tế tổ chức kiểm tra từ ngày 29/4 đến ngày 03/5/2023.")[0] == date(2023, 5, 3)


def test_by_a_day_that_opens_the_sentence_is_a_deadline() -> None:
    assert read("Đến ngày 30/4, các địa phương phải hoàn thành việc rà soát.")[0] == date(
        2023, 4, 30
    )


def test_a_range_of_months_is_due_at_its_end() -> None:
    """The end of a range is its deadline, its start is when the work begins: "từ giữa tháng 3
    đến cuối tháng 4" is due on 30/04, not the 15/03 its start names."""
    assert read("Các địa phương thực hiện từ tháng 3/2023 đến tháng 5/2023.")[0] == date(
        2023, 5, 31
    )
    assert read("triển khai từ giữa tháng 3 đến cuối tháng 4 năm 2023") == (
        date(2023, 4, 30),
        "month",
        None,
    )
    assert read("từ đầu tháng 3 đến giữa tháng 4") == (date(2023, 4, 15), "mid_month", None)


def test_the_time_set_for_work_or_a_report_about_an_event_is_a_deadline() -> None:
    assert read("Thời gian tổ chức thực hiện: từ ngày 01/3/2023 đến ngày 30/4/2023.")[0] == date(
        2023, 4, 30
    )
    assert read("Các đơn vị báo cáo thời gian tổ chức hội nghị trước ngày 15/3/2023.")[0] == date(
        2023, 3, 15
    )


@pytest.mark.parametrize("text", NOT_DEADLINES)
def test_not_deadlines(text: str) -> None:
    ref = date(2023, 7, 8) if "6.7" in text else REF
    assert parse_deadline(text, ref) == Deadline(date=None, kind="none", recurrence=None, phrase="")


# -- the same without diacritics ------------------------------------------------------------------

NO_DIACRITICS = [
    ("truoc ngay 15/3/2023", date(2023, 3, 15), "date", None),
    ("cham nhat ngay 15/3", date(2023, 3, 15), "date", None),
    ("quy I/2023", date(2023, 3, 31), "quarter", None),
    ("trong quy II nam 2024", date(2024, 6, 30), "quarter", None),
    ("trong thang 01/2023", date(2023, 1, 31), "month", None),
    ("6 thang dau nam", date(2023, 6, 30), "half_year", None),
    ("trong 05 ngay lam viec", date(2023, 1, 12), "working_days", None),
    ("trong vong muoi ngay", date(2023, 1, 15), "relative_days", None),
    ("truoc Tet Nguyen dan", date(2023, 1, 21), "tet", None),
    ("ngay sau ky nghi Tet", date(2023, 1, 27), "tet", None),
    ("dinh ky hang thang", date(2023, 1, 31), "recurring", "monthly"),
    ("truoc ngay 20 hang thang", date(2023, 1, 20), "recurring", "monthly"),
    ("thuong xuyen", None, "ongoing", None),
    ("khan truong", None, "immediate", None),
    ("thuc hien ngay", None, "immediate", None),
    ("TRƯỚC NGÀY 15/3/2023", date(2023, 3, 15), "date", None),
]


@pytest.mark.parametrize(("text", "expected", "kind", "recurrence"), NO_DIACRITICS)
def test_without_diacritics_or_in_capitals(
    text: str, expected: date | None, kind: str, recurrence: str | None
) -> None:
    assert read(text) == (expected, kind, recurrence)


SPELLINGS = [
    # "quí" is the older spelling of "quý": quarter I of 2023 ends 31/03/2023.
    ("Sở Tài chính hoàn thành trong quí I/2023.", date(2023, 3, 31), None),
    ("Sở Y tế hoàn thành trong quí 2 năm 2023.", date(2023, 6, 30), None),
    # A quarterly duty: next quarter end on or after 05/01/2023 is 31/03/2023.
    ("Sở Tài chính báo cáo định kỳ hằng quí về UBND tỉnh.", date(2023, 3, 31), "quarterly"),
    # "kì nghỉ Tết" = "kỳ nghỉ Tết": offices reopen Friday 27/01/2023 (not "ngay", immediate).
    ("Sở Tài chính tổ chức triển khai ngay sau kì nghỉ Tết.", date(2023, 1, 27), None),
    # The last working day before the Tết break (20-26/01/2023) is Thursday 19/01.
    ("Sở Tài chính hoàn thành trước kì nghỉ Tết.", date(2023, 1, 19), None),
    # 10 days from the signing (05/01), counted from the 6th: 15/01/2023.
    ("Sở Tài chính báo cáo UBND tỉnh trong 10 ngày kể từ ngày kí.", date(2023, 1, 15), None),
]


@pytest.mark.parametrize(("text", "expected", "recurrence"), SPELLINGS)
def test_alternative_spellings_of_quy_and_ky(
    text: str, expected: date, recurrence: str | None
) -> None:
    """A document written with the other accepted spelling ("quí" for "quý", "kì" for "kỳ", "kí"
    for "ký") gets the same deadline as with the usual spelling ("trong quý I/2023" ->
    31/03/2023, "hằng quý" -> quarterly from 31/03/2023, "ngay sau kỳ nghỉ Tết" -> 27/01/2023,
    "trước kỳ nghỉ Tết" -> 19/01/2023, "trong 10 ngày kể từ ngày ký" -> 15/01/2023). Unread, the
    task would get no deadline (or "ngay", immediate) and be saved as ongoing work, never
    reminded."""
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.recurrence) == (expected, recurrence), deadline


# -- impossible dates: reported, never raised -----------------------------------------------------

IMPOSSIBLE = ["30/02/2023", "32/1", "trước ngày 31/04/2023", "trước ngày 30/02", "tháng 13/2023"]
# Years the calendar does not count (vncalendar.dates): saved, the sweep could never count them.
OUT_OF_RANGE = [
    "trước ngày 15/3/9999",
    "trước ngày 15/3/1900",
    "hoàn thành trước ngày 31 tháng 12 năm 2101",
    "trước tháng 3/1900",
    "trong quý I/9999",
    "hoàn thành trước năm 1900",
    "hoàn thành trước 15 Mar 9999",  # through dateparser
    "trước Tết Nguyên đán 2101",
    "trước Tết Trung thu năm 2101",
    "hoàn thành trước Rằm tháng Tám năm 2101",
    "trước ngày 15/8 âm lịch năm 1900",
]


@pytest.mark.parametrize("text", IMPOSSIBLE)
def test_impossible_dates(text: str) -> None:
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.kind) == (None, "impossible")
    assert deadline.phrase  # the officer sees what could not be read


@pytest.mark.parametrize("text", OUT_OF_RANGE)
def test_a_date_in_a_year_the_calendar_does_not_count_is_no_date_with_its_reason(
    text: str,
) -> None:
    """A solar, lunar or Tết date in a year outside 1945-2100 is one behaviour: no date, kind
    "out_of_range" (the day exists, its year is what the officer must correct), never "a date
    that does not exist" for one spelling and no deadline at all for another."""
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.kind) == (None, "out_of_range")
    assert deadline.phrase  # the officer sees what could not be read


@pytest.mark.parametrize(
    "text",
    [
        # 2023 is not a leap year: there is no 29/02/2023.
        "hạn chót: 2023-02-29",
        # April has 30 days.
        "Sở Tài chính báo cáo trước ngày 2023-04-31.",
        # There is no month 13; not 13/01/2023 either (the day and month swapped).
        "Sở Tài chính báo cáo trước ngày 2023-13-01.",
    ],
)
def test_a_year_first_date_that_does_not_exist_is_impossible(text: str) -> None:
    """The grammar reads year-first dates ("hạn chót: 2023-03-15" -> 15/03/2023, a row of
    tests/test_deadlines.py), and a day/month date that does not exist ("30/02/2023", "trước
    ngày 31/04/2023") is kind "impossible", so the importer asks the officer for the date (KHÔNG
    LƯU). The same impossible day written year first is "impossible" too: kind "none" would save
    the task as having no deadline (ready to save, never reminded), and 2023-13-01 is not
    silently made 13/01/2023."""
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.kind) == (None, "impossible"), deadline


def test_29_february_of_a_common_year_written_with_nam_is_impossible() -> None:
    """A task says "hoàn thành trước ngày 29/02 năm 2023". 2023 is not a leap year (2023 is not
    divisible by 4): the date does not exist, kind "impossible", as "trước ngày 29/02/2023" is.
    "năm 2023" is not dropped to read "29/02" without a year, which would take the next 29
    February after 05/01/2023: 29/02/2024, a year and two months away, silently."""
    deadline = parse_deadline("Sở Tài chính hoàn thành trước ngày 29/02 năm 2023", REF)
    assert deadline.date != date(2024, 2, 29), deadline
    assert (deadline.date, deadline.kind) == (None, "impossible"), deadline


@pytest.mark.parametrize(
    "text",
    [
        *("", "   ", "¹²³", "ngày", "tháng", "quý", "năm", "trước", "////", "0/0/0", "99/99/9999"),
        *("trước ngày 15/0 và 15/6 hằng năm", "trước ngày 0/6 và 0/12 hằng năm"),
    ],
)
def test_odd_input_never_raises(text: str) -> None:
    assert parse_deadline(text, REF).kind in KINDS


def test_a_long_run_of_digits_is_no_deadline() -> None:
    """A run of digits (a table's numbers run together by a PDF's text layer) is no deadline,
    and a document number with letters after its digits is still a cited document."""
    assert parse_deadline("9" * 20_000, REF).kind == "none"
    cited = parse_deadline(
        "Theo Công văn số 12a/UBND-TH ngày 15/3/2024, Sở Tài chính hoàn thành trước 30/6/2024",
        REF,
    )
    assert cited.date == date(2024, 6, 30)


# -- options -----------------------------------------------------------------------------------

EXCLUSIVE = [
    ("trước ngày 15/3/2023", date(2023, 3, 14)),
    ("chậm nhất ngày 15/3/2023", date(2023, 3, 15)),  # "at the latest" is always the day itself
    ("trước ngày 01/3", date(2023, 2, 28)),
    ("trước tháng 6/2023", date(2023, 5, 31)),
    ("trước ngày 20 hằng tháng", date(2023, 1, 19)),
    # "trước" is of the hour: the day itself is due.
    ("trước 14 giờ ngày 15/3/2023", date(2023, 3, 15)),
    ("trước 9 giờ sáng, ngày 15/3", date(2023, 3, 15)),
    ("trước 16h00 ngày 20", date(2023, 1, 20)),
]


def test_before_a_quarter_or_a_year_is_the_end_of_the_one_before() -> None:
    assert read("hoàn thành trước quý III/2023") == (date(2023, 6, 30), "quarter", None)
    assert read("Báo cáo kết quả trước cuối quý III/2023") == (date(2023, 9, 30), "quarter", None)
    assert read("hoàn thành trước năm 2024") == (date(2023, 12, 31), "year", None)


@pytest.mark.parametrize(("text", "expected"), EXCLUSIVE)
def test_before_can_exclude_the_day_named(text: str, expected: date) -> None:
    assert parse_deadline(text, REF, before_is_inclusive=False).date == expected


@pytest.mark.parametrize(
    "text",
    ["Hoàn thành trước ngày thứ Sáu, 15/3/2024", "Hoàn thành trước thứ Sáu, ngày 15/3/2024"],
)
def test_exclusive_before_with_the_weekday_named(text: str) -> None:
    """With `[importer] before_is_inclusive = false`, "trước ngày 15/3/2024" is due 14/03/2024.
    Writing the weekday too ("trước ngày thứ Sáu, 15/3/2024": 15/03/2024 is a Friday) means the
    same: 14/03/2024. The weekday does not separate the cue from the date: read with no cue, the
    date would be 15/03/2024, a day late for an office that configured "trước" as exclusive."""
    deadline = parse_deadline(text, REF, before_is_inclusive=False)
    assert deadline.date == date(2024, 3, 14), deadline.phrase


@pytest.mark.parametrize(
    ("text", "expected", "at"),
    [
        ("trước 14 giờ ngày 15/3/2024", date(2024, 3, 15), time(14, 0)),
        (
            "Báo cáo gửi về Văn phòng UBND tỉnh trước 14 giờ, ngày 05/12/2023.",
            date(2023, 12, 5),
            time(14, 0),
        ),
        ("trước 16h30 ngày 20/3", date(2023, 3, 20), time(16, 30)),
        ("trước 3 giờ chiều ngày 20/3", date(2023, 3, 20), time(15, 0)),
        # A day with no month, as "trước ngày 20" alone: the next 20th.
        ("trước 16h00 ngày 20", date(2023, 1, 20), time(16, 0)),
    ],
)
def test_time_of_day(text: str, expected: date, at: time) -> None:
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.time) == (expected, at)


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
    hour typed "14h30’", "11 giờ trưa", "17g00" or "17:00" gives 15/03/2024 with that time, not
    the date alone with the time lost."""
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.time) == (date(2024, 3, 15), at), deadline.phrase


@pytest.mark.parametrize(
    ("text", "expected", "recurrence", "day", "at"),
    [
        ("trước 16 giờ ngày 20 hằng tháng", date(2023, 1, 20), "monthly", 20, time(16, 0)),
        ("chậm nhất 17h00 ngày 25 hằng tháng", date(2023, 1, 25), "monthly", 25, time(17, 0)),
        ("hằng tháng, gửi trước 16 giờ ngày 20", date(2023, 1, 20), "monthly", 20, time(16, 0)),
        ("trước 16 giờ ngày 20/3 hằng năm", date(2023, 3, 20), "yearly", 20, time(16, 0)),
        ("hằng năm, gửi trước 16 giờ ngày 20/3", date(2023, 3, 20), "yearly", 20, time(16, 0)),
    ],
)
def test_the_hour_of_a_recurring_duty_is_not_its_day(
    text: str, expected: date, recurrence: str, day: int, at: time
) -> None:
    for inclusive in (True, False):  # "trước" is of the hour: the day itself stays due
        deadline = parse_deadline(text, REF, before_is_inclusive=inclusive)
        assert (deadline.date, deadline.kind, deadline.recurrence) == (
            expected,
            "recurring",
            recurrence,
        )
        assert (deadline.schedule_day, deadline.time) == (day, at)


# -- phrases are exact substrings of the input ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Sở Tài chính báo cáo UBND tỉnh trong 10 ngày làm việc.", "trong 10 ngày làm việc"),
        ("Sở KH&ĐT hoàn thành trong tháng 01/2023.", "hoàn thành trong tháng 01/2023"),
        ("Các đơn vị gửi báo cáo trước ngày 20 hằng tháng.", "trước ngày 20 hằng tháng"),
        ("Ngay sau kỳ nghỉ Tết, phải bắt tay ngay vào công việc", "Ngay sau kỳ nghỉ Tết"),
        ("trình UBND tỉnh TRƯỚC NGÀY 15/3/2023!", "TRƯỚC NGÀY 15/3/2023"),
    ],
)
def test_phrase_is_the_substring_read(text: str, phrase: str) -> None:
    assert parse_deadline(text, REF).phrase == phrase


def test_decomposed_input_maps_back_to_the_original_characters() -> None:
    text = unicodedata.normalize("NFD", "Sở Xây dựng hoàn thành trước ngày 15/3/2023.")
    deadline = parse_deadline(text, REF)
    assert deadline.date == date(2023, 3, 15)
    assert deadline.phrase in text
    assert unicodedata.normalize("NFC", deadline.phrase) == "hoàn thành trước ngày 15/3/2023"


# -- sentences: one deadline chosen among several -------------------------------------------------

SENTENCES = [
    # A dated deadline wins over "khẩn trương"; the final completion date over an earlier step.
    ("Sở Xây dựng khẩn trương hoàn thành trước ngày 15/3/2023", date(2023, 3, 15), "date"),
    ("thường xuyên theo dõi, báo cáo kết quả trước ngày 30/6/2023", date(2023, 6, 30), "date"),
    (
        "Theo Quyết định số 12/QĐ-UBND ngày 05/01/2023, các sở hoàn thành trong quý I/2023",
        date(2023, 3, 31),
        "quarter",
    ),
    (
        "Căn cứ Kế hoạch số 45/KH-UBND ngày 10/02/2023, gửi báo cáo trước ngày 10/3",
        date(2023, 3, 10),
        "date",
    ),
    ("thường xuyên kiểm tra; kịp thời xử lý", None, "ongoing"),
    # A document number split after its hyphen is no title that hides what follows.
    (
        "đánh giá kết quả thực hiện Nghị quyết số 57- NQ/TW và yêu cầu đưa vào sử dụng ngay trong"
        " quý 2/2023",
        date(2023, 6, 30),
        "quarter",
    ),
    # A firm cue keeps a date that is already past, as written (the preview flags it).
    ("khẩn trương báo cáo chậm nhất đến ngày 20/12/2022", date(2022, 12, 20), "date"),
    # Reporting at a future monthly meeting gives its month; the meeting itself does not.
    (
        "báo cáo Chính phủ tại phiên họp Chính phủ thường kỳ tháng 8 năm 2023",
        date(2023, 8, 31),
        "month",
    ),
    ("Ngày 30/5, UBND tỉnh họp phiên thường kỳ tháng 5/2023 để đánh giá kết quả", None, "none"),
    # A quoted order keeps the date it gives; a quoted title has none.
    (
        "yêu cầu Chủ tịch UBND phường “Thời gian xử lý xong chậm nhất là ngày 10-6-2023”",
        date(2023, 6, 10),
        "date",
    ),
    # A cited document's subject ends where the sentence goes on to hand the work in, or where
    # the period that ends the sentence starts.
    (
        "Bộ Công Thương sửa đổi Nghị định số 52/2013/NĐ-CP về thương mại điện tử trong quý III"
        " năm 2023.",
        date(2023, 9, 30),
        "quarter",
    ),
    (
        "đề xuất sửa đổi Quyết định số 66/2009/QĐ-TTg ngày 24 tháng 4 năm 2009 về chính sách nhà"
        " ở cho công nhân, trình Thủ tướng Chính phủ trong quý IV năm 2023",
        date(2023, 12, 31),
        "quarter",
    ),
]


@pytest.mark.parametrize(("text", "expected", "kind"), SENTENCES)
def test_one_deadline_per_sentence(text: str, expected: date | None, kind: str) -> None:
    assert read(text)[:2] == (expected, kind)


# Phrasings first met after the grammar was written (each once read wrong).
LATER_FINDS = [
    ("báo cáo trước 17 giờ 00 phút, ngày 10/01/2023", date(2023, 1, 10), "date", None),
    ("trước ngày 20/01/2023 (trước Tết Nguyên đán)", date(2023, 1, 20), "date", None),
    ("thực hiện trong Quý II-III/2023", date(2023, 9, 30), "quarter", None),
    ("hoàn thành trong tháng 3-4/2023", date(2023, 4, 30), "month", None),
    (
        "báo cáo kết quả về UBND tỉnh (qua Sở Nội vụ) trước ngày 15 của tháng cuối quý",
        date(2023, 3, 15),
        "recurring",
        "quarterly",
    ),
    ("Báo cáo định kỳ hằng năm trước ngày 15/12", date(2023, 12, 15), "recurring", "yearly"),
]


@pytest.mark.parametrize(("text", "expected", "kind", "recurrence"), LATER_FINDS)
def test_later_finds(text: str, expected: date, kind: str, recurrence: str | None) -> None:
    assert read(text) == (expected, kind, recurrence)


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
    assert parse_deadline(text, REF).date == date(2024, 3, 31)
    found = find_deadlines(text, REF)
    assert len(found) == 1001
    assert {deadline.date for deadline in found[1:]} == {date(2023, 1, 12)}


# -- dates that tell when something happened, not by when it is due ---------------------------

NARRATED = [
    # An issuing, signing or meeting verb, or a past-tense marker, follows the date in its clause.
    "Ngày 14/3/2023 Sở Tài chính ban hành Công văn hướng dẫn quyết toán",
    "Trước đó, ngày 20/01/2023, UBND tỉnh đã có văn bản chỉ đạo các sở",
    "vào ngày 10/02/2023, Chủ tịch UBND tỉnh chủ trì cuộc họp với các huyện",
    "Ngày ngày 06 tháng 01 năm 2023, Sở Nội vụ đã có Tờ trình số 05/TTr-SNV",
    # A part of the day or "lúc" with a date, setting the scene.
    "Sáng nay 05/01/2023, Phó Chủ tịch UBND tỉnh ký ban hành Kế hoạch kiểm tra",
    "Sau khi nhận được chỉ đạo, chiều 12-1, lãnh đạo Sở họp với các huyện",
    "Vào lúc 15h30 ngày 06/01, Chủ tịch UBND tỉnh có công điện khẩn",
    "(ĐN)- Ngày 06-01, Quyền Chủ tịch UBND tỉnh chủ trì buổi làm việc với Sở Xây dựng",
    "(Bgdif.com.vn) Ngày 02/8/2023, Chủ tịch UBND tỉnh đã thăm và kiểm tra dự án",
    "Ngày 13 và 14 tháng 4 năm 2023, một số báo chí phản ánh Sở Tài nguyên và Môi trường dùng "
    "xe công đi lễ chùa",
    # A news dateline before the date.
    "Cổng thông tin điện tử tỉnh - Ngày 11/01, UBND tỉnh ban hành văn bản số 1246",
    "Theo bản tin (lúc 16 giờ ngày 05.01.2023), không khí lạnh tăng cường",
    # A document cited by its date alone.
    "Thực hiện công điện khẩn ngày 10-1 của Bộ Y tế về phòng, chống dịch",
    "Công văn ngày 15/3 của Bộ Tài chính",
]


def test_an_earlier_letters_deadline_told_of_is_none_once_past() -> None:
    told = (
        "Ngày 09/02/2023, Bộ Y tế đã có Công văn số 949/BYT-KH-TC gửi Ủy ban nhân dân các tỉnh về "
        "việc đánh giá Bộ Tiêu chí quốc gia về y tế xã, thời hạn gửi về Bộ Y tế trước ngày "
        "23/02/{year}."
    )
    assert parse_deadline(told.format(year=2023), date(2023, 5, 30)).date is None
    # Still to come, it is the letter's deadline the news item reports.
    assert parse_deadline(told.format(year=2023), date(2023, 2, 10)).date == date(2023, 2, 23)


@pytest.mark.parametrize(
    "text",
    [
        "Cục Cảnh sát quản lý hành chính đã có Văn bản số 787/C06-P3 ngày 29/01/2026 đề nghị Cục"
        " Đăng kiểm Việt Nam ban hành văn bản hướng dẫn trước ngày 05/02/2026, nhưng đến nay vẫn"
        " chưa ban hành.",
        "Ngày 09/02/2026, Bộ Y tế đã có Công văn số 949 yêu cầu gửi báo cáo trước ngày 23/02/2026.",
    ],
)
def test_a_letter_sent_before_and_its_deadline_past_are_told_of(text: str) -> None:
    assert parse_deadline(text, date(2026, 5, 11)).date is None
    # This letter's own request, though past, is still its deadline (overdue).
    assert parse_deadline("Đề nghị báo cáo trước ngày 05/02/2026.", date(2026, 5, 11)).date == (
        date(2026, 2, 5)
    )


def test_each_years_tasks_judged_are_no_yearly_duty() -> None:
    text = (
        "Đưa chỉ tiêu bảo vệ môi trường vào chỉ tiêu đánh giá kết quả thực hiện nhiệm vụ hằng năm"
        " của các cấp ủy, chính quyền."
    )
    deadline = parse_deadline(text, date(2026, 9, 7))
    assert (deadline.date, deadline.recurrence) == (None, None)
    assert parse_deadline("Sở Nội vụ tổng kết hằng năm.", date(2026, 9, 7)).recurrence == "yearly"


def test_the_day_of_issue_written_with_no_cue_is_the_documents_date() -> None:
    assert read("05/01/2023") == (None, "none", None)
    assert read("Tỉnh tập trung giải phóng mặt bằng các dự án trọng điểm (05/01/2023)")[0] is None
    # Another day alone, or the day of issue with a cue, is still a date.
    assert read("06/01/2023")[0] == date(2023, 1, 6)
    assert read("báo cáo trước ngày 05/01/2023")[0] == date(2023, 1, 5)
    assert read("Họp vào ngày 05/01/2023")[0] == date(2023, 1, 5)


@pytest.mark.parametrize("text", NARRATED)
def test_narrated_dates_are_not_deadlines(text: str) -> None:
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.recurrence) == (None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A purpose clause ("để ...") is what the date is for, not what happened on it.
        (
            "Các đơn vị gửi hồ sơ vào ngày 10/02/2023 để UBND tỉnh ban hành kế hoạch",
            date(2023, 2, 10),
        ),
        # A deadline cue is never narrative, whatever follows.
        ("Sở Y tế chủ trì tổ chức Hội nghị trước ngày 20/3/2023", date(2023, 3, 20)),
        ("trình UBND tỉnh trước ngày 15/3/2023 để ban hành", date(2023, 3, 15)),
    ],
)
def test_deadlines_next_to_issuing_words(text: str, expected: date) -> None:
    assert read(text)[:2] == (expected, "date")


# -- windows, states and cut-offs are not deadlines ----------------------------------------------

WINDOWS = [
    # A range that opens its clause and is closed by a comma frames the clause.
    "Từ ngày 20/01/2023 đến hết ngày 26/01/2023, các cơ quan bố trí lịch trực Tết",
    "do không khí lạnh nên từ ngày 12.1 đến ngày 15.1, vùng núi có rét đậm",
    "Giám đốc Sở yêu cầu: từ ngày 10/01 đến ngày 20/01, các phòng bố trí trực",
    # How long a state lasts, its days named after it: never a span counted from the document.
    "Các cơ quan treo cờ Tổ quốc trong 5 ngày, từ ngày 12-01-2023 đến hết ngày 16-01-2023.",
    # When a rule starts, with a clock time.
    "Quy định này áp dụng từ 0h00 ngày 10/01/2023",
    "áp dụng từ 12 giờ ngày 15/01/2023",
    # The cut-off or period of reported figures.
    "số liệu tổng hợp được tính đến hết ngày 31/3/2023",
    "Số liệu báo cáo quý tính từ ngày 01/01 đến ngày 31/3 của năm báo cáo",
    # The state of things on a day.
    "Đến ngày 15.1, UBND huyện vẫn chưa gửi báo cáo",
    "Đến ngày 31/3/2023, toàn tỉnh đã giải ngân 40% kế hoạch vốn",
    # How long a state lasts.
    "cho học sinh tiếp tục nghỉ học đến hết ngày 12/01/2023",
    "Các địa phương tạm dừng tổ chức lễ hội đến hết tháng 2/2023",
    "tạm đình chỉ hoạt động của cơ sở đến ngày 20/01/2023",
    # Counting windows and rates.
    "số ca mắc mới trong 7 ngày liên tiếp tăng trên 20%",
    "do số ca xác định được nguồn lây trong 14 ngày vượt ngưỡng",
    "tỷ lệ hồ sơ giải quyết đúng hạn hằng năm đạt trên 95%",
    "tỷ lệ giải ngân hằng tháng đạt 10%",
    # The subject of a numbered, cited document.
    "Thực hiện Chỉ thị số 05/CT-UBND ngày 02/01/2023 của UBND tỉnh về việc tăng cường kỷ luật, "
    "kỷ cương hành chính hằng năm",
    "Ngày 03/01/2023, UBND tỉnh có Công văn số 15/UBND-VX về việc tạm dừng tổ chức đối thoại "
    "trong quý I/2023.",
    # The day of an event.
    "bảo đảm an toàn trong ngày bầu cử",
    "Xử lý trong ngày các hồ sơ tiếp nhận",
]


@pytest.mark.parametrize("text", WINDOWS)
def test_windows_states_and_cutoffs_are_not_deadlines(text: str) -> None:
    deadline = parse_deadline(text, REF)
    assert (deadline.date, deadline.recurrence) == (None, None)


# -- a schedule's steps: the days still to come, and work over named days ------------------------

SCHEDULE_STEPS = [
    # A date that opens its sentence and is still to come says when the work is done ...
    ("Ngày 25/01, Sở Giáo dục và Đào tạo thông báo điểm chuẩn của từng trường.", date(2023, 1, 25)),
    ("Theo Sở GD-ĐT, ngày 23/01, Trường THPT chuyên tiến hành xét tuyển.", date(2023, 1, 23)),
    # ... one already past, or one that tells what was done or held, does not.
    ("Ngày 03/01, Sở Giáo dục và Đào tạo thông báo điểm chuẩn.", None),
    ("Ngày 25/01, Sở Giáo dục và Đào tạo đã thông báo điểm chuẩn.", None),
    ("Ngày 25/01, UBND tỉnh họp phiên thường kỳ tháng 1.", None),
    ("07h00’ ngày 25/01, đoàn xuất phát đi kiểm tra.", None),
    # Work over named days is due on the last; a duty over them is not due at all.
    ("Trong 2 ngày (23-24/01), các trường THPT nhận hồ sơ đăng ký dự tuyển.", date(2023, 1, 24)),
    ("Các trường nhận hồ sơ trong các ngày 23-24/01.", date(2023, 1, 24)),
    ("Từ ngày 27-28/01, Sở phê duyệt danh sách học sinh trúng tuyển.", date(2023, 1, 28)),
    ("Từ ngày 20/01 đến ngày 28/01, các cơ quan bố trí lịch trực Tết.", None),
    # A forecast after its source, a measure over the days, an event: no work due by their end.
    ("Theo Đài KTTV tỉnh, từ ngày 12-14/01, trên các sông xuất hiện một đợt lũ.", None),
    ("Từ ngày 12-14/01, vùng biển ven bờ có gió mạnh cấp 6.", None),
    ("Từ ngày 20/01 đến hết ngày 28/01, Công an tỉnh tăng cường tuần tra, kiểm soát.", None),
    ("Ngày 25/01, Sở Nội vụ tổ chức Hội nghị tổng kết công tác năm.", None),
    # A day without its year far ahead is last year's, told: "Ngày 29/12, ..." in January.
    ("Ngày 29/12, Đoàn kiểm tra liên ngành yêu cầu UBND huyện khắc phục.", None),
    # A count of days from a day given in brackets.
    ("Các huyện hoàn thành việc rà soát trong 30 ngày (từ ngày 10/01/2023).", date(2023, 2, 9)),
]


@pytest.mark.parametrize(("text", "expected"), SCHEDULE_STEPS)
def test_a_schedules_steps(text: str, expected: date | None) -> None:
    assert parse_deadline(text, REF).date == expected


STILL_DEADLINES = [
    # "đã qua" of something else than the month: passed inspection.
    ("Hoàn thành trong tháng 12, đã qua kiểm tra chất lượng", date(2023, 12, 31), "month"),
    # "vừa qua" after a comma opens a clause of what was done lately, not the period's past.
    (
        "Các đơn vị hoàn thành trong tháng 3/2023, vừa qua UBND tỉnh đã có văn bản đôn đốc.",
        date(2023, 3, 31),
        "month",
    ),
    (
        "Hoàn thành trong quý II/2023, vừa rồi Sở đã có văn bản hướng dẫn.",
        date(2023, 6, 30),
        "quarter",
    ),
    # An obligation after "Đến ngày X," makes it a deadline again.
    ("Đến ngày 30/6/2023, các đơn vị phải hoàn thành việc rà soát", date(2023, 6, 30), "date"),
    # "đến" after a task, not a state; an extension is a new deadline.
    ("Các địa phương tiếp tục thực hiện đến ngày 30/9/2023", date(2023, 9, 30), "date"),
    ("Gia hạn thời gian thực hiện đến ngày 30/6/2023", date(2023, 6, 30), "date"),
    # The months left of the year.
    ("Trong hai tháng còn lại, phấn đấu hoàn thành tổng thu ngân sách", date(2023, 12, 31), "year"),
    # A date alone, a due word before a section's date.
    ("15/3/2023", date(2023, 3, 15), "date"),
    ("Hạn chót 02-12-2023", date(2023, 12, 2), "date"),
    # What a review found the new traps took (session 8): work over a window with a state word in
    # it, a due time with a colon, a spending deadline, a holiday as a goal, a cue before "áp
    # dụng", "trước cuối tháng", the school year's day after a due word, a Sunday duty, the
    # month and more, and a date that others send in by.
    (
        "Sở Y tế kiểm tra việc duy trì điều kiện an toàn thực phẩm từ ngày 01/4 đến ngày "
        "30/4/2023.",
        date(2023, 4, 30),
        "date",
    ),
    ("kiểm tra an toàn các cầu treo từ ngày 10/3 đến ngày 30/3/2023.", date(2023, 3, 30), "date"),
    (
        "Tổ chức treo cờ, trang trí, thời gian từ ngày 15/4 đến ngày 25/4/2023.",
        date(2023, 4, 25),
        "date",
    ),
    ("Hạn chót nộp hồ sơ: 17:00, ngày 20/3/2023.", date(2023, 3, 20), "date"),
    ("Các đơn vị chốt số liệu 17:00 ngày 20/3/2023 và gửi về Sở.", date(2023, 3, 20), "date"),
    (
        "Thời hạn sử dụng kinh phí đến hết ngày 31/12/2023, quá hạn phải nộp trả.",
        date(2023, 12, 31),
        "date",
    ),
    (
        "thời hạn giấy phép hết hiệu lực vào ngày 30/6/2023, các cơ sở phải nộp hồ sơ gia hạn "
        "trước ngày 30/5/2023.",
        date(2023, 5, 30),
        "date",
    ),
    ("Phấn đấu thông xe kỹ thuật tuyến đường trong dịp lễ 30/4/2023.", date(2023, 4, 30), "date"),
    (
        "Các đơn vị áp dụng hóa đơn điện tử, chậm nhất áp dụng ngày 01/7/2023.",
        date(2023, 7, 1),
        "date",
    ),
    ("Hoàn thành các điều kiện trước khi tựu trường 29/8/2023.", date(2023, 8, 29), "date"),
    (
        "Sở Tài chính trình UBND tỉnh trước ngày 30/4/2023 đối với các hồ sơ hợp lệ do các đơn vị "
        "gửi đến trước ngày 31/3/2023.",
        date(2023, 4, 30),
        "date",
    ),
    # A holiday's day after a due cue; work over days named with their weekdays.
    ("báo cáo nhanh tình hình dịp Tết Nguyên đán trước ngày 20/01/2023", date(2023, 1, 20), "date"),
    ("Các đơn vị báo cáo trước dịp lễ Quốc khánh 02/9/2023", date(2023, 9, 2), "date"),
    (
        "Các đơn vị kiểm tra từ thứ Hai, ngày 06/02/2023 đến hết thứ Sáu, ngày 10/02/2023.",
        date(2023, 2, 10),
        "date",
    ),
    # A clock time written with a colon, after its cue or its day, is a due time.
    ("Các đơn vị gửi báo cáo trước 16:00 ngày 15/3/2023", date(2023, 3, 15), "date"),
    ("gửi báo cáo trước ngày 15/3/2023, 16:00", date(2023, 3, 15), "date"),
    ("hạn chót 10:00 ngày 20/3/2023", date(2023, 3, 20), "date"),
    # Days written with dots; poultry ("gia cầm") is no ban ("cấm") that the range frames.
    (
        "Từ ngày 12.3-30.4, các địa phương tiêm phòng cho gia súc, gia cầm trong diện phải tiêm.",
        date(2023, 4, 30),
        "date",
    ),
    # A range whose first day gives no month runs in the month of its last.
    ("Các đơn vị kiểm tra từ ngày 21 đến hết ngày 25-5-2023", date(2023, 5, 25), "date"),
    # Work besides a state: the range ends the work.
    (
        "Các đơn vị treo cờ và hoàn thành báo cáo từ ngày 01/3 đến ngày 31/3/2023",
        date(2023, 3, 31),
        "date",
    ),
    # A range after its verb, even with a comma after it, keeps its end.
    (
        "Tổ chức kiểm tra từ ngày 01/3 đến ngày 31/3/2023, bảo đảm an toàn",
        date(2023, 3, 31),
        "date",
    ),
    # A past tense or an issuing verb later in the predicate does not make the date narrative.
    (
        "Các địa phương tiếp tục thực hiện đến ngày 30/9/2023 các nhiệm vụ đã được giao",
        date(2023, 9, 30),
        "date",
    ),
    (
        "Các sở nộp hồ sơ vào ngày 15/3/2023 theo Kế hoạch UBND tỉnh đã ban hành",
        date(2023, 3, 15),
        "date",
    ),
    # A task after the state is what "đến" ends.
    (
        "Các cơ sở đã dừng hoạt động phải hoàn thành khắc phục đến ngày 30/6/2023",
        date(2023, 6, 30),
        "date",
    ),
    # A counting window starting from the issue date is still a deadline.
    ("trong 14 ngày kể từ ngày nhận được văn bản", date(2023, 1, 19), "relative_days"),
    ("trong 07 ngày làm việc kể từ ngày nhận được Công văn này", date(2023, 1, 16), "working_days"),
    # "trong ngày" followed by a link word is within the day.
    ("Các huyện báo cáo UBND tỉnh trong ngày để tổng hợp", REF, "immediate"),
    # The subject of a cited document ends where the task begins.
    (
        "Sở Tư pháp tham mưu sửa đổi Quyết định số 12/2020/QĐ-UBND về việc ban hành quy chế "
        "phối hợp hoàn thành trong quý II/2023",
        date(2023, 6, 30),
        "quarter",
    ),
    (
        "Căn cứ Quyết định số 12/QĐ-UBND ngày 05/01/2023 về việc ban hành quy chế, các sở báo cáo "
        "UBND tỉnh trong tháng 3/2023",
        date(2023, 3, 31),
        "month",
    ),
    # Without diacritics "tinh" may be "tỉnh": no cut-off is read into it.
    ("bao cao UBND tinh den ngay 30/6/2023", date(2023, 6, 30), "date"),
]


# The date after "báo cáo/trình <recipient>" that closes the sentence is the task's; a period
# earlier in it is what the task is about.
REPORTED = [
    (
        "Bộ Ngoại giao đề xuất miễn thị thực cho khách du lịch đến hết năm 2023, trước hết là "
        "các vùng không có dịch, báo cáo Thủ tướng Chính phủ trong tháng 3 năm 2023.",
        date(2023, 3, 31),
        "month",
    ),
    # Steps: the last is still the task's completion.
    (
        "Sở Y tế hoàn thành trước ngày 15/3/2023; báo cáo UBND tỉnh trước ngày 20/3/2023.",
        date(2023, 3, 20),
        "date",
    ),
    # "sau Tết" after an activity is when it happens; the explicit date is the due date.
    (
        "Tất cả các sở báo cáo tổng hợp tình hình, đề xuất những công việc cần chỉ đạo, điều hành "
        "sau Tết, gửi UBND tỉnh trước 8h00 ngày 19/01/2023.",
        date(2023, 1, 19),
        "date",
    ),
    # What follows "để" is what the work is for: someone else's step.
    (
        "Sở Y tế báo cáo UBND tỉnh trước ngày 10/3/2023 để tổng hợp, hoàn thành dự thảo trước "
        "ngày 30/3/2023.",
        date(2023, 3, 10),
        "date",
    ),
    (
        "Dự kiến hoàn thành việc sắp xếp đơn vị hành chính cấp xã trước ngày 30/6 để đến ngày "
        "1/7, các đơn vị hành chính cấp xã được vận hành theo tổ chức mới.",
        date(2023, 6, 30),
        "date",
    ),
]


@pytest.mark.parametrize(("text", "expected", "kind"), [*STILL_DEADLINES, *REPORTED])
def test_real_deadlines_beside_windows(text: str, expected: date, kind: str) -> None:
    assert read(text)[:2] == (expected, kind)


# -- recurring reports that name their day, numbers repeated in words -----------------------------

RECURRING_WITH_A_DAY = [
    (
        "- Chậm nhất ngày 10 (mười) của tháng báo cáo đối với báo cáo định kỳ hằng tháng;",
        date(2023, 1, 10),
        "monthly",
    ),
    ("Chậm nhất ngày 20 đối với báo cáo định kỳ hằng tháng", date(2023, 1, 20), "monthly"),
    ("gửi chậm nhất ngày 03 đối với báo cáo hằng tháng", date(2023, 2, 3), "monthly"),
    (
        "- Báo cáo định kỳ hằng quý: chậm nhất vào ngày 18 của tháng cuối quý.",
        date(2023, 3, 18),
        "quarterly",
    ),
    (
        "Chậm nhất ngày 06 (sáu) của tháng cuối quý đối với báo cáo hằng quý",
        date(2023, 3, 6),
        "quarterly",
    ),
    (
        "- Báo cáo định kỳ hằng năm: gửi chậm nhất là ngày 10/12 hằng năm.",
        date(2023, 12, 10),
        "yearly",
    ),
    (
        "Chậm nhất ngày 30 (ba mươi) tháng 11 (mười một) đối với báo cáo định kỳ hằng năm.",
        date(2023, 11, 30),
        "yearly",
    ),
    ("trước ngày 05 (năm) tháng 12 (mười hai) hằng năm", date(2023, 12, 5), "yearly"),
]


@pytest.mark.parametrize(("text", "expected", "recurrence"), RECURRING_WITH_A_DAY)
def test_recurring_reports_with_their_day(text: str, expected: date, recurrence: str) -> None:
    assert read(text) == (expected, "recurring", recurrence)


def test_recurring_day_before_moves_when_exclusive() -> None:
    text = "trước ngày 20 đối với báo cáo định kỳ hằng tháng"
    assert parse_deadline(text, REF, before_is_inclusive=False).date == date(2023, 1, 19)


QUARTERLY_WITH_A_DAY = [
    # In the quarter's last month, as "trước ngày 20 hằng tháng" is in its month.
    ("trước ngày 20 hằng quý", REF, date(2023, 3, 20)),
    ("ngày 20 hằng quý", REF, date(2023, 3, 20)),
    ("gửi vào ngày 20 mỗi quý", REF, date(2023, 3, 20)),
    ("Báo cáo định kỳ hằng quý trước ngày 20", REF, date(2023, 3, 20)),
    # The day's month places it in the quarter: the 20th of each quarter's last month, or the
    # 15th of its first.
    ("Báo cáo hằng quý trước ngày 20/3", REF, date(2023, 3, 20)),
    ("Báo cáo hằng quý, chậm nhất ngày 15/1", date(2023, 1, 20), date(2023, 4, 15)),
    ("chậm nhất ngày 20 đối với báo cáo định kỳ hằng quý", REF, date(2023, 3, 20)),
    # That day of March is past: June's.
    ("trước ngày 20 hằng quý", date(2023, 3, 25), date(2023, 6, 20)),
    # After the quarter: the report of the issue date's quarter, in April.
    ("trước ngày 15 của tháng đầu quý sau", REF, date(2023, 4, 15)),
    ("chậm nhất ngày 10 tháng đầu của quý tiếp theo", date(2023, 3, 25), date(2023, 4, 10)),
    (
        "Chậm nhất ngày 15 của tháng đầu quý sau đối với báo cáo định kỳ hằng quý",
        REF,
        date(2023, 4, 15),
    ),
    # The four days of a year written out: every quarter, not the last of them every year.
    ("Báo cáo quý gửi trước ngày 20/3, 20/6, 20/9 và 20/12 hằng năm", REF, date(2023, 3, 20)),
]


@pytest.mark.parametrize(("text", "ref", "expected"), QUARTERLY_WITH_A_DAY)
def test_a_quarterly_duty_keeps_its_day(text: str, ref: date, expected: date) -> None:
    """A quarterly report whose day is given is due on that day, not at the quarter's end: the
    20th of the quarter's last month (Nghị định 09/2019/NĐ-CP closes a quarter's figures on the
    14th of its last month, and the provinces' rules set the report a few days later in that
    month), or of the next quarter's first month when the text says so; and every later
    quarter keeps the day (``schedule_day``)."""
    deadline = parse_deadline(text, ref)
    assert (deadline.date, deadline.kind, deadline.recurrence) == (
        expected,
        "recurring",
        "quarterly",
    )
    assert deadline.schedule_day == expected.day


def test_the_31st_of_every_quarter_is_the_last_day_of_june_and_september() -> None:
    """ "ngày 31 của tháng cuối quý" issued in April is due on 30 June, June's last day, as every
    later quarter's report is (the duty keeps the 31st: 30/09, 31/12), not skipped to 31
    December for want of a 31 June."""
    deadline = parse_deadline("chậm nhất ngày 31 của tháng cuối quý", date(2023, 4, 15))
    assert (deadline.date, deadline.recurrence, deadline.schedule_day) == (
        date(2023, 6, 30),
        "quarterly",
        31,
    )


def test_a_rule_spelled_like_every_quarter_is_no_quarterly_duty() -> None:
    """ "mọi quy định" (every rule) flattens to the words of "mỗi quý" (every quarter): written
    with its diacritics it is no quarterly step, and the day before it stays the deadline."""
    assert read("chậm nhất ngày 20 theo mọi quy định") == (date(2023, 1, 20), "date", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("thuc hien moi quy dinh cua phap luat", (None, "none", None)),
        ("cham nhat ngay 20 theo moi quy dinh", (date(2023, 1, 20), "date", None)),
        ("hoan thanh truoc ngay 20 moi quy dinh", (date(2023, 1, 20), "date", None)),
        ("bao cao dinh ky quy dinh tai Thong tu 01", (None, "none", None)),
        ("o cuoi quy trinh xu ly", (None, "none", None)),
        # The period word itself still makes a step, or a quarter.
        ("bao cao moi quy mot lan", (date(2023, 3, 31), "recurring", "quarterly")),
        ("ngay 20 hang quy", (date(2023, 3, 20), "recurring", "quarterly")),
        ("cuoi quy", (date(2023, 3, 31), "quarter", None)),
    ],
)
def test_a_rule_without_diacritics_is_no_quarter_either(
    text: str, expected: tuple[date | None, str, str | None]
) -> None:
    """Without diacritics "quy" is "quý" (a quarter) only where no word follows that makes it
    another: "moi quy dinh" is "mọi quy định" (every rule), "quy trình" a procedure."""
    assert read(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("chậm nhất ngày 15 (mười lăm) tháng 3 (ba) năm 2023", date(2023, 3, 15)),
        ("truoc ngay 15 (muoi lam) thang 3", date(2023, 3, 15)),
        ("trước ngày 25 (hai mươi lăm) tháng 02", date(2023, 2, 25)),
    ],
)
def test_numbers_repeated_in_words(text: str, expected: date) -> None:
    assert read(text) == (expected, "date", None)


def test_phrase_keeps_the_words_in_parentheses() -> None:
    text = "Chậm nhất ngày 15 (mười lăm) tháng 3 (ba) năm 2023."
    assert parse_deadline(text, REF).phrase == "Chậm nhất ngày 15 (mười lăm) tháng 3 (ba) năm 2023"


# -- lists of periods under one cue run to the last ----------------------------------------------

PERIOD_LISTS = [
    ("hoàn thành các nhiệm vụ trong tháng 11, tháng 12 năm 2023", date(2023, 12, 31), "month"),
    ("trong tháng 5 và tháng 6", date(2023, 6, 30), "month"),
    ("hoàn thành trong tháng 2, tháng 3/2024", date(2024, 3, 31), "month"),
    ("trong quý I và quý II năm 2023", date(2023, 6, 30), "quarter"),
    ("thực hiện trong quý II, quý III/2023", date(2023, 9, 30), "quarter"),
    ("Tháng 11, 12/2023", date(2023, 12, 31), "month"),  # a plan table's time column
    ("trong tháng 11 và 12 năm 2023", date(2023, 12, 31), "month"),
]


@pytest.mark.parametrize(("text", "expected", "kind"), PERIOD_LISTS)
def test_lists_of_periods(text: str, expected: date, kind: str) -> None:
    assert read(text) == (expected, kind, None)


# -- a plan's table row, its cells joined by "|": a period alone in a cell is its time column ----

TABLE_ROWS = [
    ("8 | Trình phê duyệt Quy hoạch | Bộ Xây dựng | Tháng 12, năm 2023", date(2023, 12, 31)),
    ("18 | Hoàn thiện chính sách | Thông tư | Bộ Công Thương | Quý II năm 2023", date(2023, 6, 30)),
    ("12/2023 | Trình Thủ tướng phê duyệt nhiệm vụ | Vụ Vật liệu xây dựng", date(2023, 12, 31)),
    # In running text a period needs its cue, a month its word: these are no deadlines.
    ("Kết quả quý II năm 2023 của Bộ Công Thương | Báo cáo", None),
    ("Công văn số 12/2023 | Vụ Pháp chế", None),
    ("Bộ Xây dựng | 12/2023 đã có 5 văn bản", None),
    # A row with a start and an end column is due at its end; an end that never comes
    # ("Thường xuyên") makes the row no dated one.
    ("1 | Xây dựng kế hoạch | Sở Nội vụ | Tháng 3/2023 | Tháng 12/2023", date(2023, 12, 31)),
    ("2 | Lập quy hoạch vùng | Sở Xây dựng | Quý I/2023 | Quý IV/2023", date(2023, 12, 31)),
    ("3 | Rà soát thủ tục | Sở Tư pháp | 02/2023 | 06/2023", date(2023, 6, 30)),
    ("4 | Kiểm tra an toàn thực phẩm | Sở Y tế | Quý II/2023 | Thường xuyên", None),
    # Years in the time column: until the last one's end; in running text, a horizon.
    ("Cập nhật dữ liệu | Sở Tài chính | Các sở, ngành | Năm 2023 - 2024", date(2024, 12, 31)),
    ("5 | Rà soát quy hoạch | Sở Xây dựng | 2023-2025", date(2025, 12, 31)),
    ("Thực hiện Kế hoạch giai đoạn 2023 - 2024 | Sở Xây dựng", None),
    ("Kế hoạch | Sở Tài chính | Giai đoạn 2023 - 2024", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), TABLE_ROWS)
def test_a_period_alone_in_a_table_cell_is_the_rows_deadline(
    text: str, expected: date | None
) -> None:
    assert read(text)[0] == expected


def test_a_holidays_year_and_the_lunar_years_last_days_are_no_deadline() -> None:
    heading = (
        "Người sử dụng lao động lựa chọn phương án nghỉ tết Âm lịch, nghỉ lễ Quốc khánh năm 2024:"
    )
    assert section_deadline(heading, REF) is None
    assert section_deadline("Về một số nhiệm vụ trọng tâm năm 2024:", REF) is not None
    assert read("Lựa chọn nghỉ 01 ngày cuối năm Quý Mão và 04 ngày đầu năm Giáp Thìn.")[0] is None
    assert read("hoàn thành cuối năm 2023")[0] == date(2023, 12, 31)


def test_one_of_two_days_is_a_choice_not_a_span() -> None:
    text = "Dịp lễ Quốc khánh: nghỉ ngày 02/9/2023 và lựa chọn nghỉ 01 trong 02 ngày liền kề."
    assert read(text)[0] == date(2023, 9, 2)
    assert read("báo cáo trong 02 ngày")[0] == date(2023, 1, 7)


def test_recurring_duty_wins_in_a_sentence() -> None:
    text = "Thường xuyên kiểm tra; định kỳ hằng quý báo cáo UBND tỉnh"
    assert read(text) == (date(2023, 3, 31), "recurring", "quarterly")


# -- the sample notice -------------------------------------------------------------------------

SAMPLE_SENTENCES = [
    (
        "Sở Kế hoạch và Đầu tư căn cứ vào Nghị quyết của Chính phủ, Tỉnh ủy, HĐND tỉnh về phương "
        "hướng nhiệm vụ 2023, phối hợp các sở ngành, tham mưu UBND tỉnh ban hành Kế hoạch triển "
        "khai thực hiện theo hướng tích hợp, ban hành 01 Kế hoạch chung, hoàn thành trong tháng "
        "01/2023.",
        date(2023, 1, 31),
        "month",
    ),
    (
        "Sở Kế hoạch và Đầu tư khẩn trương trình phê duyệt Kế hoạch phát triển kinh tế - xã hội "
        "của các huyện/thành phố để làm cơ sở triển khai, đối UBND các địa phương (chưa gửi hồ "
        "sơ) yêu cầu đẩy nhanh tiến độ hoàn thành, gửi hồ sơ về Sở Kế hoạch và Đầu tư thẩm định "
        "trình UBND tỉnh phê duyệt; hoàn thành trong tháng 01/2023.",
        date(2023, 1, 31),
        "month",
    ),
    ("trọng tâm là nhiệm vụ phải thực hiện trong quý I/2023.", date(2023, 3, 31), "quarter"),
    (
        "Ngay sau kỳ nghỉ Tết, phải bắt tay ngay vào công việc để thúc đẩy các hoạt động kinh tế - "
        "xã hội, thực hiện các mục tiêu, chỉ tiêu đề ra của năm 2023. Bảo đảm đúng tiến độ, chất "
        "lượng đối với các nhiệm vụ được giao, trọng tâm là nhiệm vụ phải thực hiện trong "
        "quý I/2023.",
        date(2023, 3, 31),
        "quarter",
    ),
    (
        "Thứ hai, thường xuyên kiểm tra, giám sát để đôn đốc tiến độ thực hiện; kịp thời phát hiện "
        "những hạn chế, bất cập trong quá trình tổ chức thực hiện để có biện pháp khắc phục "
        "kịp thời.",
        None,
        "ongoing",
    ),
    (
        "Tăng cường kiểm tra đảm bảo an toàn vệ sinh thực phẩm, phòng chống cháy nổ, an ninh trật "
        "tự, an toàn giao thông trước, trong và sau Tết.",
        None,
        "none",
    ),
]


@pytest.mark.parametrize(("text", "expected", "kind"), SAMPLE_SENTENCES)
def test_sample_sentences(text: str, expected: date | None, kind: str) -> None:
    assert read(text)[:2] == (expected, kind)


def test_section_heading_gives_its_tasks_a_deadline() -> None:
    heading = "4. Về một số nhiệm vụ trọng tâm tháng 01/2023"
    deadline = section_deadline(heading, REF)
    assert deadline is not None
    assert (deadline.date, deadline.kind, deadline.phrase) == (
        date(2023, 1, 31),
        "month",
        "tháng 01/2023",
    )
    # The same words inside a task sentence are not a deadline of their own.
    assert parse_deadline(heading, REF).kind == "none"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("II. NHIỆM VỤ TRỌNG TÂM QUÝ II/2024", date(2024, 6, 30)),
        ("Về các nhiệm vụ trọng tâm của năm 2023:", date(2023, 12, 31)),
        ("3. Tổ chức thực hiện", None),
        ("5. Về các kiến nghị:", None),
        # A heading that asks for work by a date: the date, not the year of a cited document.
        (
            "2. Bộ Tài chính thực hiện các kết luận tại Thông báo số 09/TB-VPCP ngày 11 tháng 01"
            " năm 2024, trình Thủ tướng Chính phủ trước ngày 20 tháng 10 năm 2024. Trong đó:",
            date(2024, 10, 20),
        ),
    ],
)
def test_section_headings(heading: str, expected: date | None) -> None:
    deadline = section_deadline(heading, REF)
    assert (deadline.date if deadline else None) == expected


def test_every_deadline_of_the_sample_in_order() -> None:
    found = find_deadlines(SAMPLE.read_text(encoding="utf-8"), REF)
    dated = [(d.date, d.kind) for d in found if d.date is not None]
    assert dated == [
        (date(2023, 1, 31), "month"),
        (date(2023, 1, 31), "month"),
        (date(2023, 1, 27), "tet"),
        (date(2023, 3, 31), "quarter"),
    ]
    assert "ongoing" in {d.kind for d in found}
    assert all(d.phrase for d in found)
    # Nothing from the meeting date, cited documents, footnotes, horizons or figures.
    assert not any(d.date and d.date.year != 2023 for d in found)


def test_find_deadlines_returns_them_in_text_order() -> None:
    text = "Báo cáo trước ngày 15/3/2023; tổ chức thực hiện trong quý II/2023; định kỳ hằng tháng."
    assert [(d.date, d.kind, d.recurrence) for d in find_deadlines(text, REF)] == [
        (date(2023, 3, 15), "date", None),
        (date(2023, 6, 30), "quarter", None),
        (date(2023, 1, 31), "recurring", "monthly"),
    ]


def test_vocabulary() -> None:
    assert set(RECURRENCES) == {"weekly", "monthly", "quarterly", "semiannual", "yearly"}
    assert set(RECURRENCES) == {r.value for r in Recurrence}  # what storage repeats a task by
    assert "none" in KINDS


# -- the labelled set --------------------------------------------------------------------------


def as_labelled(deadline: Deadline) -> str | None:
    """The recurrence as the labels write it (the bench compares so)."""
    return bench_deadlines.as_labelled(deadline.recurrence)


def _labelled() -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def test_labelled_set_is_large_and_sourced() -> None:
    rows = _labelled()
    assert len(rows) >= 120
    assert all(row["source"].strip() for row in rows)
    assert all(row["expected_recurrence"] in ("", *RECURRENCES) for row in rows)


def test_accuracy_on_the_labelled_set() -> None:
    rows = _labelled()
    calendar = WorkingCalendar()
    misses = []
    for row in rows:
        deadline = parse_deadline(row["text"], date.fromisoformat(row["ref"]), calendar=calendar)
        got = (deadline.date.isoformat() if deadline.date else "", as_labelled(deadline) or "")
        if got != (row["expected_deadline"], row["expected_recurrence"]):
            misses.append((row["text"], got))
    accuracy = 1 - len(misses) / len(rows)
    assert accuracy >= 0.97, misses


# Regression guards on the blind phrase tables, not measures: (table, right, rows) when their
# misses were last read. Each table was written by someone who never saw the parser, but its
# misses were read to choose rules (the first set's 26 of 161 at 83.9%: narrative dates,
# recurring reports with a day, windows and lists of periods; blind set 2's at 87.0%: events,
# statutory durations, relief periods, cited documents without a code), so the accuracy on it is
# no longer a blind measurement. The floor is that figure rounded down to the whole percent,
# minus one point: it catches a rule that breaks what the set covers, and leaves room for a
# deliberate trade-off of a row or two, not for the set to be fitted further.
BLIND_TABLES = [(BLIND, 159, 159), (BLIND.with_name("deadline_phrases_blind2.tsv"), 1145, 1242)]


@pytest.mark.parametrize(("table", "right_then", "rows_then"), BLIND_TABLES)
def test_accuracy_on_the_blind_sets_does_not_fall(
    table: Path, right_then: int, rows_then: int
) -> None:
    with table.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    calendar = WorkingCalendar()
    right = 0
    for row in rows:
        deadline = parse_deadline(row["text"], date.fromisoformat(row["ref"]), calendar=calendar)
        got = (deadline.date.isoformat() if deadline.date else "", as_labelled(deadline) or "")
        right += got == (row["expected_deadline"], row["expected_recurrence"])
    floor = (math.floor(100 * right_then / rows_then) - 1) / 100
    assert right / len(rows) >= floor, f"{right}/{len(rows)}"


# A monthly duty's day that a month lacks is that month's last day, as in its later periods
# (vncalendar.recurrence), not the same day of a later month: February's period is not skipped.
SHORT_MONTHS = [
    ("định kỳ báo cáo trước ngày 30 hằng tháng", date(2024, 1, 31), date(2024, 2, 29)),
    ("ngày 31 hàng tháng", date(2023, 4, 10), date(2023, 4, 30)),
    ("hằng tháng, trước ngày 30, báo cáo UBND tỉnh", date(2023, 2, 1), date(2023, 2, 28)),
    ("trước ngày 29 hằng tháng", date(2023, 2, 28), date(2023, 2, 28)),
]


@pytest.mark.parametrize(("text", "ref", "expected"), SHORT_MONTHS)
def test_a_monthly_day_a_month_lacks_is_its_last_day(text: str, ref: date, expected: date) -> None:
    assert read(text, ref) == (expected, "recurring", "monthly")


# "dự kiến" (planned) after a cue leaves it a cue: a plan's "Thời gian thực hiện: dự kiến quý
# IV/2024" is due then.
PLANNED_PERIODS = [
    ("Thời gian thực hiện: dự kiến quý IV/2024.", date(2024, 8, 20), date(2024, 12, 31)),
    ("Thời gian hoàn thành dự kiến: tháng 10/2024.", date(2024, 8, 20), date(2024, 10, 31)),
    ("- Thời gian: Dự kiến tháng 11/2024.", date(2024, 8, 20), date(2024, 11, 30)),
]


@pytest.mark.parametrize(("text", "ref", "expected"), PLANNED_PERIODS)
def test_a_planned_period_after_a_cue_is_due(text: str, ref: date, expected: date) -> None:
    assert read(text, ref)[0] == expected


# "trong 3 tháng tới" is three months from the letter, not the 3rd of next month ("ngày 3 tháng
# tới" is that day).
MONTHS_AHEAD = [
    ("Hoàn thành trong 2 tháng tới.", date(2024, 8, 20), date(2024, 10, 20), "months_relative"),
    ("trong 03 tháng tới, các huyện hoàn thành", REF, date(2023, 4, 5), "months_relative"),
    ("báo cáo trước ngày 3 tháng tới", REF, date(2023, 2, 3), "date"),
]


@pytest.mark.parametrize(("text", "ref", "expected", "kind"), MONTHS_AHEAD)
def test_months_ahead_are_counted(text: str, ref: date, expected: date, kind: str) -> None:
    assert read(text, ref)[:2] == (expected, kind)


# A plan's list of quarters written once ("Quý III, IV năm 2024", "quý II và III/2024") runs to
# the last, as "quý II và quý III" does.
QUARTER_LISTS = [
    ("Thời gian thực hiện: Quý III, IV năm 2024.", date(2024, 8, 20), date(2024, 12, 31)),
    ("hoàn thành trong quý II và III/2023", REF, date(2023, 9, 30)),
    ("trong quý I, II, III năm 2023", REF, date(2023, 9, 30)),
]


@pytest.mark.parametrize(("text", "ref", "expected"), QUARTER_LISTS)
def test_a_list_of_quarters_runs_to_the_last(text: str, ref: date, expected: date) -> None:
    assert read(text, ref)[0] == expected


def test_working_days_before_an_event_have_no_date() -> None:
    text = "Chậm nhất 05 ngày làm việc trước ngày tổ chức Hội nghị, gửi tài liệu về Ban Tổ chức."
    assert read(text)[:2] == (None, "none")


def test_the_day_things_were_issued_before_is_which_a_rule_covers_not_a_deadline() -> None:
    text = "Người có văn bằng được cấp trước ngày 01/01/2024 thì được cấp giấy phép hành nghề."
    assert read(text)[:2] == (None, "none")
    assert read("Các dự án đã được phê duyệt từ ngày 01/7/2025 tiếp tục thực hiện.")[0] is None
    assert read("Hồ sơ phải được cấp trước ngày 15/3/2023.")[0] == date(2023, 3, 15)


def test_the_hour_an_event_is_held_at_keeps_its_day_no_deadline() -> None:
    assert read("Lễ phát động được tổ chức vào 8 giờ 00 ngày 26/3/2023.") == (None, "none", None)
    assert read("Hội nghị sẽ diễn ra vào lúc 14h00 ngày 15/3/2023.") == (None, "none", None)


# A count before "trong" is a choice among days only after a verb of choosing ("nghỉ 01 trong 02
# ngày"): after a name's number ("Chỉ thị số 05", "Điều 15", "tháng 12") the days are a span.
NUMBERED_BEFORE_A_SPAN = [
    ("Thực hiện Chỉ thị số 05 trong 30 ngày.", date(2023, 2, 4)),
    ("Báo cáo tháng 12 trong 5 ngày làm việc.", date(2023, 1, 12)),
    (
        "Theo khoản 2 Điều 15 trong 10 ngày kể từ ngày nhận được văn bản, các đơn vị trả lời.",
        date(2023, 1, 15),
    ),
]


@pytest.mark.parametrize(("text", "expected"), NUMBERED_BEFORE_A_SPAN)
def test_a_numbered_name_before_a_span_is_no_choice_among_days(text: str, expected: date) -> None:
    assert read(text)[0] == expected


def test_a_day_of_next_month_without_ngay_is_a_day_after_other_cues_than_trong() -> None:
    assert read("Hoàn thành trước 15 tháng tới.")[:2] == (date(2023, 2, 15), "date")
    assert read("Chậm nhất 20 tháng này các đơn vị gửi báo cáo.")[:2] == (date(2023, 1, 20), "date")


def test_a_due_day_between_a_cited_number_and_whom_it_is_sent_to_is_kept() -> None:
    """ "về Sở Nội vụ" is whom the report goes to, not the subject of the cited letter."""
    text = "Thực hiện Công văn số 5/UBND, báo cáo trước ngày 20/3/2023 về Sở Nội vụ."
    assert read(text)[0] == date(2023, 3, 20)
    text = "Thực hiện Kế hoạch số 12/KH-UBND, định kỳ trước ngày 20 hằng tháng báo cáo về Sở Y tế."
    assert read(text) == (date(2023, 1, 20), "recurring", "monthly")


def test_a_steps_day_in_brackets_is_its_day() -> None:
    text = "Báo cáo hằng quý (trước ngày 15 của tháng cuối quý)."
    assert read(text, date(2026, 12, 21)) == (date(2027, 3, 15), "recurring", "quarterly")
    text = "Tổ công tác họp giao ban hằng tuần (thứ Năm)."
    assert read(text, date(2026, 11, 30)) == (date(2026, 12, 3), "recurring", "weekly")
    text = "Hằng tuần, trước thứ Năm, các huyện báo cáo."
    assert read(text, date(2026, 11, 30)) == (date(2026, 12, 3), "recurring", "weekly")


def test_days_from_an_event_count_from_the_day_it_gives_in_brackets() -> None:
    text = "Trong 07 ngày kể từ ngày kết thúc Hội nghị (ngày 12/01/2023), các đơn vị gửi báo cáo."
    assert read(text) == (date(2023, 1, 19), "relative_days", None)
    text = "Trong thời hạn 20 ngày kể từ ngày Nghị quyết này có hiệu lực (ngày 01/02/2023)."
    assert read(text) == (date(2023, 2, 21), "relative_days", None)


def test_days_counted_from_another_decision_have_no_date() -> None:
    for text in (
        "Hoàn thành trong 10 ngày kể từ ngày có quyết định thu hồi đất.",
        "Hoàn thành trong 10 ngày kể từ ngày Kế hoạch được phê duyệt.",
        "Hoàn thành trong vòng 10 ngày kể từ ngày Quyết định phê duyệt có hiệu lực.",
        "Các đơn vị bàn giao hồ sơ trong vòng 10 ngày sau khi có quyết định sáp nhập.",
        "Công bố thủ tục trong 05 ngày làm việc kể từ ngày văn bản quy phạm pháp luật có hiệu lực.",
    ):
        assert read(text)[0] is None, text
    assert read("Nộp trong 10 ngày kể từ ngày ký Kết luận thanh tra.")[0] == date(2023, 1, 15)
    text = "Báo cáo trong vòng 30 ngày kể từ ngày nhận được thông báo kết quả kiểm tra."
    assert read(text)[0] is None
    # Days after Tết count from the holiday, not from the document (signed in December).
    due = read("Gửi về Sở chậm nhất 05 ngày làm việc sau Tết.", date(2026, 12, 1))[0]
    assert due is not None and due > date(2027, 2, 6)


def test_a_holiday_named_between_truoc_and_its_day() -> None:
    ref = date(2026, 6, 10)
    assert read("Hoàn thành trước ngày Quốc khánh 2/9.", ref)[0] == date(2026, 9, 2)
    assert read("Hoàn thành trước dịp lễ 30/4.", ref)[0] == date(2027, 4, 30)
    assert read("Bảo đảm an ninh trong dịp lễ 30/4.", ref)[0] is None


def test_the_first_week_of_a_month_written_with_tien_or_cua() -> None:
    ref = date(2026, 11, 30)
    for text in (
        "Báo cáo trong tuần đầu tháng 12/2026.",
        "Báo cáo trong tuần đầu của tháng 12/2026.",
        "Báo cáo trong tuần đầu tiên của tháng 12/2026.",
    ):
        assert read(text, ref)[:2] == (date(2026, 12, 7), "early_month"), text


def test_a_duty_held_each_year_is_yearly() -> None:
    text = "Sở Tài chính có nhiệm vụ hằng năm tổng hợp, báo cáo UBND tỉnh kết quả thực hiện."
    assert read(text)[1:] == ("recurring", "yearly")


def test_the_weekday_wednesday_before_its_date_is_no_start_of_a_period() -> None:
    """ "thứ Tư" folds to the "từ" (from) that opens a period: "trước thứ Tư ngày 07/02/2024"
    is due that Wednesday."""
    assert parse_deadline("gửi về Sở trước thứ Tư ngày 07/02/2024.", REF).date == date(2024, 2, 7)


def test_a_count_from_an_end_the_text_does_not_date_gives_no_date() -> None:
    text = "Sau khi Đoàn kết thúc kiểm tra, trong vòng 05 ngày làm việc các đơn vị gửi báo cáo."
    assert parse_deadline(text, REF).date is None
