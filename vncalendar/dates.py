"""Dates as people type them: dd/mm/yyyy (the Vietnamese way) or YYYY-MM-DD."""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VIETNAMESE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")

# No directive this office follows is older: a year before it is a slip of the keyboard.
FIRST_YEAR = 1945
# Nor does any set a deadline further ahead (plans look as far as "tầm nhìn đến năm 2050"):
# 31/12/9999 is someone's way of writing "never", which a deadline cannot mean.
LAST_YEAR = 2100


class NotADate(ValueError):
    """Text that is not a date, a date that does not exist (31/02/2023), or one outside the
    years FIRST_YEAR to LAST_YEAR (01/01/0001): not well formed, like a month of 01/0001."""

    def __init__(self, text: str, well_formed: bool) -> None:
        super().__init__(f"{'no such date' if well_formed else 'not a date'}: {text!r}")
        self.text = text
        self.well_formed = well_formed


def parse_date(text: str) -> date:
    """A date written dd/mm/yyyy (also with . or -) or YYYY-MM-DD, in the years FIRST_YEAR to
    LAST_YEAR; raises NotADate."""
    stripped = text.strip()
    if iso := _ISO.fullmatch(stripped):
        year, month, day = (int(g) for g in iso.groups())
    elif vietnamese := _VIETNAMESE.fullmatch(stripped):
        day, month, year = (int(g) for g in vietnamese.groups())
    else:
        raise NotADate(stripped, well_formed=False)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        # A slip of the keyboard (01/01/0001): refused here, not saved for the reminders to
        # count working days back to year 1.
        raise NotADate(stripped, well_formed=False)
    try:
        return date(year, month, day)
    except ValueError:
        raise NotADate(stripped, well_formed=True) from None


_MONTH = re.compile(r"(\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2})")


def parse_month(text: str) -> tuple[int, int]:
    """A month written mm/yyyy (or yyyy-mm) as (year, month), in the years FIRST_YEAR to
    LAST_YEAR as parse_date; raises ValueError."""
    found = _MONTH.fullmatch(text.strip())
    if found is None:
        raise ValueError(f"not a month: {text!r} (write mm/yyyy)")
    month, year = found.group(1, 2) if found.group(1) else found.group(4, 3)
    if not 1 <= int(month) <= 12 or not FIRST_YEAR <= int(year) <= LAST_YEAR:
        # "13/2023", and "01/0001" or "12/9999" (slips): no deadline is saved outside those
        # years, and counting a duty's periods up to 9999 runs past the last date Python knows.
        raise ValueError(f"not a month: {text!r}")
    return int(year), int(month)
