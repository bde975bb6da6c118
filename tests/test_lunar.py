"""The lunar calendar behind "Rằm tháng Tám", "ngày 23 tháng Chạp" and "Giỗ Tổ Hùng Vương"."""

from datetime import date

import holidays
import pytest

from vncalendar.lunar import last_day_kept, lunar_to_solar, next_lunar_day


def test_every_tet_and_hung_kings_day_the_holidays_package_knows() -> None:
    # Two lunar days the state observes, every year from 1975 to 2099: mùng 1 Tết and the 10th
    # of the third month (a public holiday since 2007).
    known = holidays.country_holidays("VN", years=range(1975, 2100), language="en_US")
    lunar_days = {"Lunar New Year": (1, 1), "Hung Kings' Commemoration Day": (10, 3)}
    checked = 0
    for day, name in known.items():
        if name in lunar_days:
            assert lunar_to_solar(*lunar_days[name], day.year) == day, (name, day)
            checked += 1
    assert checked == 125 + (2099 - 2007 + 1)


@pytest.mark.parametrize(
    ("lunar", "solar"),
    [
        # Vietnam counts at UTC+7: Tết 1985 came a month before China's (20/02/1985).
        ((1, 1, 1985), date(1985, 1, 21)),
        ((15, 8, 2024), date(2024, 9, 17)),  # Tết Trung thu
        # 2020 repeated its fourth month: Tết Đoan Ngọ came after the leap month.
        ((5, 5, 2020), date(2020, 6, 25)),
        # 2025 repeated its sixth month: Rằm tháng Bảy (Vu Lan) and Trung thu came late.
        ((15, 7, 2025), date(2025, 9, 6)),
        ((15, 8, 2025), date(2025, 10, 6)),
        # The twelfth month of the lunar year that began in 2023 ends in the solar year 2024.
        ((23, 12, 2023), date(2024, 2, 2)),
    ],
)
def test_a_lunar_day_as_a_date(lunar: tuple[int, int, int], solar: date) -> None:
    assert lunar_to_solar(*lunar) == solar


def test_the_leap_month_is_asked_for_by_name() -> None:
    assert lunar_to_solar(15, 6, 2025, leap=True) == date(2025, 8, 8)
    with pytest.raises(ValueError, match="no leap month 5"):
        lunar_to_solar(15, 5, 2025, leap=True)


def test_a_day_that_does_not_exist() -> None:
    # The twelfth month of the lunar year 2024 has 29 days: Tết 2025 fell on 29/01/2025.
    with pytest.raises(ValueError, match="no day 30"):
        lunar_to_solar(30, 12, 2024)
    with pytest.raises(ValueError, match="no lunar day 1/13"):
        lunar_to_solar(1, 13, 2024)
    # Where a text says "30 Tết", it means the month's last day.
    assert last_day_kept(30, 12, 2024) == date(2025, 1, 28)


def test_the_next_such_day() -> None:
    assert next_lunar_day(15, 8, date(2024, 3, 1)) == date(2024, 9, 17)
    assert next_lunar_day(15, 8, date(2024, 9, 17)) == date(2024, 9, 17)
    assert next_lunar_day(15, 8, date(2024, 9, 18)) == date(2025, 10, 6)
    # In January, the twelfth month of the lunar year begun last February is still to come.
    assert next_lunar_day(23, 12, date(2024, 1, 10)) == date(2024, 2, 2)
    assert next_lunar_day(15, 6, date(2025, 6, 1), leap=True) == date(2025, 8, 8)
    with pytest.raises(ValueError, match="no leap month 5"):
        next_lunar_day(15, 5, date(2025, 6, 1), leap=True)
