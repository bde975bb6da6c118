"""Periodic duties: the deadlines of a weekly, monthly, quarterly, semiannual or yearly task."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum


class Recurrence(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    SEMIANNUAL = "semiannual"  # every six months: "định kỳ 6 tháng", "trước ngày 15/6 và 15/12"
    YEARLY = "yearly"


_MONTHS = {
    Recurrence.MONTHLY: 1,
    Recurrence.QUARTERLY: 3,
    Recurrence.SEMIANNUAL: 6,
    Recurrence.YEARLY: 12,
}

MONTH_END = 31  # a schedule day that every month clamps to its last day


def on_day(year: int, month: int, day: int) -> date:
    """That day of the month, or the month's last day when the month is shorter."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(day: date, months: int, keep: int) -> date:
    index = day.month - 1 + months
    return on_day(day.year + index // 12, index % 12 + 1, keep)


def next_occurrence(deadline: date, recurrence: Recurrence | str, day: int | None = None) -> date:
    """The deadline of the period after the one due on deadline, by the schedule.

    A monthly, quarterly, semiannual or yearly duty keeps its schedule's day of the month, `day`
    (by default the deadline's own), clamped to the last day of a shorter month: counted from
    the previous deadline alone, the 30th would become the 29th after February and stay there.
    A weekly duty keeps its weekday.
    """
    every = Recurrence(recurrence)
    if every is Recurrence.WEEKLY:
        return deadline + timedelta(days=7)
    return _add_months(deadline, _MONTHS[every], deadline.day if day is None else day)
