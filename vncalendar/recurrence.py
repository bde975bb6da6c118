"""Periodic duties: the deadlines of a weekly, monthly, quarterly, semiannual or yearly task."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum

from vncalendar.workdays import WorkingCalendar


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

# Which days are days off is the law's, not a setting.
_WORKING_DAYS = WorkingCalendar()


def on_day(year: int, month: int, day: int) -> date:
    """That day of the month, or the month's last day when the month is shorter."""
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(day: date, months: int, keep: int) -> date:
    index = day.month - 1 + months
    return on_day(day.year + index // 12, index % 12 + 1, keep)


def _nth_working_day(year: int, month: int, nth: int) -> date:
    """The nth working day of the month, or its last when it has fewer (February in Tết)."""
    found = _WORKING_DAYS.nth_working_day(year, month, nth)
    return found or _WORKING_DAYS.previous_working_day(on_day(year, month, MONTH_END))


def next_occurrence(
    deadline: date,
    recurrence: Recurrence | str,
    day: int | None = None,
    *,
    working_day: int | None = None,
) -> date:
    """The deadline of the period after the one due on deadline, by the schedule.

    A monthly, quarterly, semiannual or yearly duty keeps its schedule's day of the month, `day`
    (by default the deadline's own), clamped to the last day of a shorter month: counted from
    the previous deadline alone, the 30th would become the 29th after February and stay there.
    One on the nth working day of its month ("ngày làm việc thứ 3 hằng tháng"), `working_day`,
    falls on that working day of the next period's month, weekends and public holidays (Tết
    too) skipped, whatever day of the month that is. A weekly duty keeps its weekday.
    """
    every = Recurrence(recurrence)
    if every is Recurrence.WEEKLY:
        return deadline + timedelta(days=7)
    if working_day is not None:
        month = _add_months(deadline, _MONTHS[every], 1)
        return _nth_working_day(month.year, month.month, working_day)
    return _add_months(deadline, _MONTHS[every], deadline.day if day is None else day)
