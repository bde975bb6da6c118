"""The Vietnamese lunar calendar: a lunar day ("Rằm tháng Tám", "ngày 23 tháng Chạp") as a date.

Hồ Ngọc Đức's published method: new moons and the sun's longitude from Meeus' series, days
counted at UTC+7, which is why a Vietnamese month may start a day before the Chinese one (Tết
1985 fell on 21 January in Vietnam, on 20 February in China). The eleventh month holds the winter
solstice; a lunar year of thirteen months repeats the first month without a major solar term.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

_TIME_ZONE = 7.0  # hours east of UTC
_SYNODIC_MONTH = 29.530588853
_EPOCH = 2415021.076998695  # the new moon of 1 January 1900, as a Julian day
_JULIAN_DAY_OF_ORDINAL_ZERO = 1721425  # date.toordinal() + this = the Julian day number


def _julian_day(day: date) -> int:
    return day.toordinal() + _JULIAN_DAY_OF_ORDINAL_ZERO


def _date_of(julian_day: int) -> date:
    return date.fromordinal(julian_day - _JULIAN_DAY_OF_ORDINAL_ZERO)


def _new_moon(k: int) -> float:
    """The k-th new moon after 1 January 1900, as a Julian day (Meeus, Astronomical Algorithms)."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    rad = math.pi / 180
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * rad)
    sun = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * rad
    moon = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * rad
    latitude = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * rad
    correction = (
        (0.1734 - 0.000393 * t) * math.sin(sun)
        + 0.0021 * math.sin(2 * sun)
        - 0.4068 * math.sin(moon)
        + 0.0161 * math.sin(2 * moon)
        - 0.0004 * math.sin(3 * moon)
        + 0.0104 * math.sin(2 * latitude)
        - 0.0051 * math.sin(sun + moon)
        - 0.0074 * math.sin(sun - moon)
        + 0.0004 * math.sin(2 * latitude + sun)
        - 0.0004 * math.sin(2 * latitude - sun)
        - 0.0006 * math.sin(2 * latitude + moon)
        + 0.0010 * math.sin(2 * latitude - moon)
        + 0.0005 * math.sin(2 * moon + sun)
    )
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd + correction - delta_t


def _new_moon_day(k: int) -> int:
    """The Julian day number, in Vietnam, of the k-th new moon."""
    return math.floor(_new_moon(k) + 0.5 + _TIME_ZONE / 24)


def _sun_sector(julian_day: int) -> int:
    """Which twelfth of the ecliptic the sun is in at the start of that day in Vietnam (0-11)."""
    t = (julian_day - 0.5 - _TIME_ZONE / 24 - 2451545.0) / 36525
    t2 = t * t
    rad = math.pi / 180
    anomaly = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    longitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    longitude += (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(rad * anomaly)
    longitude += (0.019993 - 0.000101 * t) * math.sin(rad * 2 * anomaly)
    longitude += 0.000290 * math.sin(rad * 3 * anomaly)
    radians = (longitude * rad) % (2 * math.pi)
    return math.floor(radians / math.pi * 6)


@lru_cache(maxsize=256)
def _eleventh_month(year: int) -> int:
    """The first day of the lunar month holding the winter solstice of that solar year."""
    k = math.floor((_julian_day(date(year, 12, 31)) - 2415021) / _SYNODIC_MONTH)
    start = _new_moon_day(k)
    if _sun_sector(start) >= 9:  # the sun already past 270 degrees: the solstice is before
        start = _new_moon_day(k - 1)
    return start


def _leap_month_offset(eleventh: int) -> int:
    """How many months after the eleventh the first month without a major solar term comes."""
    k = math.floor((eleventh - _EPOCH) / _SYNODIC_MONTH + 0.5)
    offset = 1
    sector = _sun_sector(_new_moon_day(k + offset))
    while True:
        previous = sector
        offset += 1
        sector = _sun_sector(_new_moon_day(k + offset))
        if sector == previous or offset >= 14:
            return offset - 1


def lunar_to_solar(day: int, month: int, year: int, *, leap: bool = False) -> date:
    """The date of a lunar day: ``year`` is the solar year in which that lunar year begins
    (mùng 1 Tết of 2024 is 10/02/2024, so 23 tháng Chạp of lunar 2023 is 02/02/2024).

    Raises ValueError for a day that does not exist: a 30th in a month of 29 days, a leap month
    the year does not have.
    """
    if not (1 <= month <= 12 and 1 <= day <= 30):
        raise ValueError(f"no lunar day {day}/{month}")
    if month < 11:
        first, second = _eleventh_month(year - 1), _eleventh_month(year)
    else:
        first, second = _eleventh_month(year), _eleventh_month(year + 1)
    k = math.floor(0.5 + (first - _EPOCH) / _SYNODIC_MONTH)
    offset = (month - 11) % 12
    if second - first > 365:  # thirteen months between the two solstices: one is a leap month
        leap_offset = _leap_month_offset(first)
        leap_month = (leap_offset - 2) % 12
        if leap and month != leap_month:
            raise ValueError(f"lunar year {year} has no leap month {month}")
        if leap or offset >= leap_offset:
            offset += 1
    elif leap:
        raise ValueError(f"lunar year {year} has no leap month")
    start = _new_moon_day(k + offset)
    if start + day - 1 >= _new_moon_day(k + offset + 1):
        raise ValueError(f"lunar month {month} of {year} has no day {day}")
    return _date_of(start + day - 1)


def last_day_kept(day: int, month: int, year: int, *, leap: bool = False) -> date:
    """A lunar day, the 30th of a month of 29 days being its last day ("30 Tết" is the eve of
    Tết whether the twelfth month has 29 or 30 days)."""
    try:
        return lunar_to_solar(day, month, year, leap=leap)
    except ValueError:
        if day != 30:
            raise
        return lunar_to_solar(29, month, year, leap=leap)


def next_lunar_day(day: int, month: int, on_or_after: date, *, leap: bool = False) -> date:
    """The first date on or after ``on_or_after`` that is that day of that lunar month (of its
    leap repetition: the one of the lunar years around that date that has it).

    Raises ValueError for a leap month none of them has."""
    for year in (on_or_after.year - 1, on_or_after.year, on_or_after.year + 1):
        try:
            found = last_day_kept(day, month, year, leap=leap)
        except ValueError:
            continue  # that year has no such leap month
        if found >= on_or_after:
            return found
    raise ValueError(f"no leap month {month} near {on_or_after}")
