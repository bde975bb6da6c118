"""Periodic duties: the next deadline of a weekly, monthly, quarterly or yearly task."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from enum import StrEnum


class Recurrence(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


_MONTHS = {Recurrence.MONTHLY: 1, Recurrence.QUARTERLY: 3, Recurrence.YEARLY: 12}


def _add_months(day: date, months: int) -> date:
    """Same day of the month, months later; a month-end deadline stays at the month's end."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    at_month_end = day.day == calendar.monthrange(day.year, day.month)[1]
    return date(year, month, last if at_month_end else min(day.day, last))


def next_occurrence(deadline: date, recurrence: Recurrence | str) -> date:
    """The deadline of the period after the one ending on deadline."""
    every = Recurrence(recurrence)
    if every is Recurrence.WEEKLY:
        return deadline + timedelta(days=7)
    return _add_months(deadline, _MONTHS[every])
