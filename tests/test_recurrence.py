"""The next deadline of a periodic duty."""

from __future__ import annotations

from datetime import date

import pytest

from vncalendar.recurrence import next_occurrence


@pytest.mark.parametrize(
    ("deadline", "every", "expected"),
    [
        (date(2023, 3, 20), "monthly", date(2023, 4, 20)),  # "trước ngày 20 hằng tháng"
        (date(2023, 1, 31), "monthly", date(2023, 2, 28)),  # month end stays month end
        (date(2023, 2, 28), "monthly", date(2023, 3, 31)),
        (date(2024, 1, 30), "monthly", date(2024, 2, 29)),  # no 30/02: the last day
        (date(2023, 12, 25), "monthly", date(2024, 1, 25)),
        (date(2023, 3, 31), "quarterly", date(2023, 6, 30)),  # quarter end stays quarter end
        (date(2023, 12, 31), "quarterly", date(2024, 3, 31)),
        (date(2023, 3, 15), "quarterly", date(2023, 6, 15)),
        (date(2023, 12, 31), "yearly", date(2024, 12, 31)),
        (date(2024, 2, 29), "yearly", date(2025, 2, 28)),
        (date(2023, 3, 10), "weekly", date(2023, 3, 17)),
    ],
)
def test_next_occurrence(deadline: date, every: str, expected: date) -> None:
    assert next_occurrence(deadline, every) == expected


def test_an_unknown_recurrence_is_refused() -> None:
    with pytest.raises(ValueError, match="'daily' is not a valid Recurrence"):
        next_occurrence(date(2023, 3, 10), "daily")
