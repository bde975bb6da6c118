"""The dates people type (dd/mm/yyyy, YYYY-MM-DD), as tables: what is read and what refused."""

from __future__ import annotations

from datetime import date

import pytest

from bot.texts import Texts, cli_text
from vncalendar.dates import FIRST_YEAR, LAST_YEAR, NotADate, parse_date, parse_month


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("30/04/2023", date(2023, 4, 30)),
        (" 2/9/1945 ", date(1945, 9, 2)),
        ("1.1.1945", date(1945, 1, 1)),
        ("31-12-2100", date(2100, 12, 31)),
        ("2024-02-29", date(2024, 2, 29)),
    ],
)
def test_a_date_is_read_the_vietnamese_way_or_the_iso_way(typed: str, read: date) -> None:
    assert parse_date(typed) == read


@pytest.mark.parametrize(
    ("typed", "well_formed"),
    [
        ("31/02/2023", True),  # no such day
        ("29/02/2023", True),
        ("tháng sau", False),
        ("30/4", False),
        # A year no directive has: a slip of the keyboard, refused like a month of 01/0001.
        # Saved, 01/01/0001 stopped the morning reminders of every agency.
        ("01/01/0001", False),
        ("0001-01-01", False),
        ("31/12/1944", False),
        ("01/01/2101", False),
        ("31/12/9999", False),
    ],
)
def test_what_is_not_a_date_or_not_one_of_the_years_used_is_refused(
    typed: str, well_formed: bool
) -> None:
    with pytest.raises(NotADate) as refused:
        parse_date(typed)

    assert (refused.value.text, refused.value.well_formed) == (typed, well_formed)


def test_the_answer_to_a_refused_date_names_the_years_accepted() -> None:
    # /fix ... han, /fix ngay and /extend answer with bad_date, the command line with not_a_date.
    assert f"năm từ {FIRST_YEAR} đến {LAST_YEAR}" in Texts("vi")("bad_date", text="01/01/0001")
    assert f"a year from {FIRST_YEAR} to {LAST_YEAR}" in Texts("en")("bad_date", text="01/01/0001")
    assert cli_text("not_a_date", text="01/01/0001") == (
        f"“01/01/0001” không phải là ngày: viết dd/mm/yyyy hoặc YYYY-MM-DD, "
        f"năm từ {FIRST_YEAR} đến {LAST_YEAR}"
    )


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("01/2023", (2023, 1)),
        (" 9/1945 ", (1945, 9)),
        ("12.2100", (2100, 12)),
        ("2024-02", (2024, 2)),
    ],
)
def test_a_month_is_read_mm_yyyy_or_yyyy_mm(typed: str, read: tuple[int, int]) -> None:
    assert parse_month(typed) == read


# The years parse_date takes: /report 12/9999 counted a weekly duty's periods past the last
# date Python knows, and the coordinator got only "đã có lỗi".
@pytest.mark.parametrize(
    "typed", ["13/2023", "00/2023", "01/0000", "12/1944", "01/2101", "12/9999"]
)
def test_a_month_that_does_not_exist_or_not_in_the_years_used_is_refused(typed: str) -> None:
    with pytest.raises(ValueError, match="not a month"):
        parse_month(typed)
