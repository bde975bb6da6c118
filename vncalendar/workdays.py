"""Vietnamese working days: weekends, public holidays and swapped Saturdays, from `holidays`."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@lru_cache(maxsize=64)
def _holidays_of(year: int) -> holidays.HolidayBase:
    # English names so that lookups by name do not depend on the translation catalogue.
    return holidays.country_holidays("VN", years=year, language="en_US")


class WorkingCalendar:
    """Answer which days public servants work, counting Tết, 30/4, 1/5, 2/9 and swapped days."""

    def holiday_name(self, day: date) -> str | None:
        """Name of the public holiday on that day, if any."""
        name = _holidays_of(day.year).get(day)
        return str(name) if name is not None else None

    def is_working_day(self, day: date) -> bool:
        """True on a day offices are open (a Saturday swapped for a holiday counts as working)."""
        return bool(_holidays_of(day.year).is_working_day(day))

    def next_working_day(self, day: date) -> date:
        """The first working day on or after day."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def previous_working_day(self, day: date) -> date:
        """The last working day on or before day."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def closing_day(self, deadline: date) -> date:
        """The day a time limit ending on deadline closes: the deadline itself, or the working
        day after it when it falls on a weekend or public holiday (Civil Code 2015, art. 148.5):
        work handed in that day is on time."""
        return self.next_working_day(deadline)

    def reminder_day(self, deadline: date, days_before: int, *, working_days: bool = False) -> date:
        """The day a reminder days_before a deadline goes out: counted back from the day the
        deadline closes, in working days or in calendar days; a calendar count landing on a day
        off moves to the working day before, so a deadline after Tết is announced before Tết."""
        closes = self.closing_day(deadline)
        if working_days:
            return self.subtract_working_days(closes, days_before)
        return self.previous_working_day(closes - timedelta(days=days_before))

    def latest_missed(self, today: date) -> date:
        """The latest deadline already missed on today: one on or before it closed on a working
        day before today; a later one closes today or after."""
        return self.previous_working_day(today - timedelta(days=1))

    def add_working_days(self, start: date, count: int) -> date:
        """The count-th working day after start (start itself not counted); count >= 0."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        while count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def subtract_working_days(self, start: date, count: int) -> date:
        """The count-th working day before start (start itself not counted); count >= 0."""
        if count < 0:
            raise ValueError("count must not be negative")
        day = start
        while count:
            day -= timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def nth_working_day(self, year: int, month: int, nth: int) -> date | None:
        """The nth working day of a month (nth >= 1), None when the month has fewer."""
        day = self.add_working_days(date(year, month, 1) - timedelta(days=1), nth)
        return day if day.month == month else None

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many working days end lies after start."""
        if end <= start:
            return -self.working_days_between(end, start) if end < start else 0
        return sum(
            1
            for offset in range(1, (end - start).days + 1)
            if self.is_working_day(start + timedelta(days=offset))
        )

    def lunar_new_year(self, year: int) -> date:
        """The first day of the lunar year (mùng 1 Tết) that falls in the given solar year."""
        days = _holidays_of(year).get_named("Lunar New Year", lookup="exact")
        if not days:
            raise ValueError(f"no Lunar New Year known for {year}")
        return min(days)
