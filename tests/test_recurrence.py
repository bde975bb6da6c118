"""The deadlines of a periodic duty: each period keeps the schedule's day of the month, or its
count of working days."""

from __future__ import annotations

from datetime import date

import pytest

from ingest.deadlines import parse_deadline
from vncalendar.recurrence import MONTH_END, next_occurrence


@pytest.mark.parametrize(
    ("deadline", "every", "expected"),
    [
        (date(2023, 3, 20), "monthly", date(2023, 4, 20)),  # "trước ngày 20 hằng tháng"
        (date(2023, 1, 31), "monthly", date(2023, 2, 28)),  # no 31/02: the last day
        # A deadline on February's last day is the 28th of a duty on the 28th, not a month end
        # (this test said 31/03 when the schedule followed month ends).
        (date(2023, 2, 28), "monthly", date(2023, 3, 28)),
        (date(2024, 1, 30), "monthly", date(2024, 2, 29)),  # no 30/02: the last day
        (date(2023, 12, 25), "monthly", date(2024, 1, 25)),
        (date(2023, 3, 31), "quarterly", date(2023, 6, 30)),
        (date(2023, 12, 31), "quarterly", date(2024, 3, 31)),
        (date(2023, 3, 15), "quarterly", date(2023, 6, 15)),
        (date(2023, 6, 15), "semiannual", date(2023, 12, 15)),  # "trước ngày 15/6 và 15/12"
        (date(2023, 12, 15), "semiannual", date(2024, 6, 15)),
        (date(2023, 12, 31), "semiannual", date(2024, 6, 30)),  # no 31/06: the last day
        (date(2023, 12, 31), "yearly", date(2024, 12, 31)),
        (date(2024, 2, 29), "yearly", date(2025, 2, 28)),
        (date(2023, 3, 10), "weekly", date(2023, 3, 17)),
    ],
)
def test_next_occurrence(deadline: date, every: str, expected: date) -> None:
    assert next_occurrence(deadline, every) == expected


def _schedule(
    first: date, every: str, day: int | None, count: int, *, working_day: int | None = None
) -> list[date]:
    deadlines = [first]
    while len(deadlines) < count:
        deadlines.append(next_occurrence(deadlines[-1], every, day, working_day=working_day))
    return deadlines


def test_a_duty_on_the_30th_is_back_on_the_30th_after_february() -> None:
    assert _schedule(date(2024, 1, 30), "monthly", 30, 5) == [
        date(2024, 1, 30),
        date(2024, 2, 29),
        date(2024, 3, 30),
        date(2024, 4, 30),
        date(2024, 5, 30),
    ]


def test_a_duty_first_due_on_a_clamped_day_keeps_its_own_day() -> None:
    # "trước ngày 30 hằng tháng" from 31/01/2024 is first due 29/02.
    assert _schedule(date(2024, 2, 29), "monthly", 30, 3) == [
        date(2024, 2, 29),
        date(2024, 3, 30),
        date(2024, 4, 30),
    ]


def test_a_duty_on_the_28th_stays_on_the_28th() -> None:
    assert _schedule(date(2023, 2, 28), "monthly", 28, 3) == [
        date(2023, 2, 28),
        date(2023, 3, 28),
        date(2023, 4, 28),
    ]


def test_a_month_end_duty_follows_the_month_ends() -> None:
    assert _schedule(date(2023, 2, 28), "monthly", 31, 4) == [
        date(2023, 2, 28),
        date(2023, 3, 31),
        date(2023, 4, 30),
        date(2023, 5, 31),
    ]


def test_a_quarterly_duty_keeps_its_day_of_the_quarters_last_month() -> None:
    assert _schedule(date(2023, 3, 20), "quarterly", 20, 5) == [
        date(2023, 3, 20),
        date(2023, 6, 20),
        date(2023, 9, 20),
        date(2023, 12, 20),
        date(2024, 3, 20),
    ]
    # "hằng quý" from a day in May: the quarter's end, 31/12 too.
    assert _schedule(date(2023, 6, 30), "quarterly", 31, 4) == [
        date(2023, 6, 30),
        date(2023, 9, 30),
        date(2023, 12, 31),
        date(2024, 3, 31),
    ]


def test_a_six_monthly_duty_keeps_its_day_of_each_half_year() -> None:
    # "trước ngày 31/5 và 30/11 hằng năm": the 31st, on November's last day.
    assert _schedule(date(2023, 5, 31), "semiannual", 31, 4) == [
        date(2023, 5, 31),
        date(2023, 11, 30),
        date(2024, 5, 31),
        date(2024, 11, 30),
    ]
    # Each half-year's last day: 30/06, 31/12.
    assert _schedule(date(2023, 6, 30), "semiannual", MONTH_END, 3) == [
        date(2023, 6, 30),
        date(2023, 12, 31),
        date(2024, 6, 30),
    ]


def test_a_yearly_duty_on_29_february_is_back_on_it_in_leap_years() -> None:
    assert _schedule(date(2024, 2, 29), "yearly", 29, 5) == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
    ]


def test_a_duty_on_the_third_working_day_is_due_on_each_months_third_working_day() -> None:
    """ "ngày làm việc thứ 3 hằng tháng" in 2026: January's is the 6th (1/1 a holiday, 3-4/1 a
    weekend), February's the 4th, not the 6th; May's the 6th again (30/4, 1/5, then a weekend)."""
    assert _schedule(date(2026, 1, 6), "monthly", None, 5, working_day=3) == [
        date(2026, 1, 6),
        date(2026, 2, 4),
        date(2026, 3, 4),
        date(2026, 4, 3),
        date(2026, 5, 6),
    ]


def test_a_count_of_working_days_skips_tet() -> None:
    """The 11th working day of February 2026 comes after Tết (16/02, its eve, to 20/02 are days
    off): 23/02, where January's day of the month would give Tết's eve."""
    assert _schedule(date(2026, 1, 16), "monthly", None, 3, working_day=11) == [
        date(2026, 1, 16),
        date(2026, 2, 23),
        date(2026, 3, 16),
    ]


def test_a_month_with_fewer_working_days_gives_its_last_one() -> None:
    """February 2026 has 15 working days (Tết): a duty on the 20th is due on its last, 27/02,
    and on March's 20th again."""
    assert _schedule(date(2026, 1, 29), "monthly", None, 3, working_day=20) == [
        date(2026, 1, 29),
        date(2026, 2, 27),
        date(2026, 3, 27),
    ]


def test_a_quarterly_duty_on_a_working_day_counts_it_in_the_quarters_month() -> None:
    # "Báo cáo quý: gửi ngày làm việc thứ 5 của tháng 4": 1/1/2027 is a holiday.
    assert _schedule(date(2026, 7, 7), "quarterly", None, 3, working_day=5) == [
        date(2026, 7, 7),
        date(2026, 10, 7),
        date(2027, 1, 8),
    ]


@pytest.mark.parametrize(
    ("ref", "phrase", "inclusive", "first", "every", "nth"),
    [
        (
            date(2025, 12, 20),
            "ngày làm việc thứ 3 hằng tháng",
            True,
            date(2026, 1, 6),
            "monthly",
            3,
        ),
        (
            date(2025, 12, 20),
            "trong 03 ngày làm việc đầu tiên hằng tháng",
            True,
            date(2026, 1, 6),
            "monthly",
            3,
        ),
        (
            date(2025, 12, 20),
            "- Báo cáo tháng: gửi trước ngày làm việc thứ 5 của tháng sau",
            True,
            date(2026, 1, 8),
            "monthly",
            5,
        ),
        (
            date(2025, 12, 20),
            "Báo cáo quý: gửi ngày làm việc thứ 5 của tháng 4",
            True,
            date(2026, 4, 7),
            "quarterly",
            5,
        ),
        # The day before it is a day of the month, not a count of working days.
        (
            date(2025, 12, 20),
            "trước ngày làm việc thứ 3 hằng tháng",
            False,
            date(2026, 1, 5),
            "monthly",
            None,
        ),
    ],
)
def test_a_duty_on_the_nth_working_day_keeps_the_count_its_phrase_names(
    ref: date, phrase: str, inclusive: bool, first: date, every: str, nth: int | None
) -> None:
    deadline = parse_deadline(phrase, ref, before_is_inclusive=inclusive)
    assert (deadline.date, deadline.recurrence, deadline.schedule_working_day) == (
        first,
        every,
        nth,
    )


@pytest.mark.parametrize(
    ("ref", "phrase", "inclusive", "first", "day"),
    [
        (date(2023, 2, 1), "trước ngày 28 hằng tháng", True, date(2023, 2, 28), 28),
        (date(2024, 2, 1), "trước ngày 30 hằng tháng", True, date(2024, 2, 29), 30),  # clamped
        (date(2024, 2, 1), "trước ngày 30 hằng tháng", False, date(2024, 2, 28), 29),
        (date(2023, 1, 5), "trước ngày 1 hằng tháng", False, date(2023, 1, 31), MONTH_END),
        (date(2023, 2, 1), "báo cáo hằng tháng", True, date(2023, 2, 28), MONTH_END),
        (date(2023, 4, 1), "định kỳ hằng quý", True, date(2023, 6, 30), MONTH_END),
        (date(2023, 3, 1), "trước ngày 20 tháng cuối quý", True, date(2023, 3, 20), 20),
        (date(2024, 1, 1), "trước ngày 29/02 hằng năm", True, date(2024, 2, 29), 29),
        (date(2023, 1, 5), "trước ngày 31/5 và 30/11 hằng năm", True, date(2023, 5, 31), 31),
        (date(2023, 1, 5), "trước ngày 30/6 và 31/12 hằng năm", False, date(2023, 6, 29), 30),
        (date(2023, 1, 1), "- Báo cáo năm: gửi trước ngày 15/12", True, date(2023, 12, 15), 15),
    ],
)
def test_a_duty_keeps_the_day_of_the_month_its_phrase_names(
    ref: date, phrase: str, inclusive: bool, first: date, day: int
) -> None:
    """What a duty's later periods fall on: February's 28th does not make the 30th the 28th."""
    deadline = parse_deadline(phrase, ref, before_is_inclusive=inclusive)
    assert (deadline.date, deadline.schedule_day) == (first, day)


def test_an_unknown_recurrence_is_refused() -> None:
    with pytest.raises(ValueError, match="'daily' is not a valid Recurrence"):
        next_occurrence(date(2023, 3, 10), "daily")
