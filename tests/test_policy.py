"""The reminder policy, as tables: what goes out on which day, and what never does."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from jobs.policy import (
    ReminderSettings,
    TaskSchedule,
    escalations_due,
    reminders_due,
    uncountable,
)
from vncalendar import WorkingCalendar

CALENDAR = WorkingCalendar()
DEFAULT = ReminderSettings()
FINANCE, HEALTH = 1, 2


def _due(
    deadline: date, today: date, settings: ReminderSettings = DEFAULT
) -> list[tuple[int, str, str, int]]:
    task = TaskSchedule(
        task_id=10,
        deadline=deadline,
        lead_agency_id=FINANCE,
        cooperating_agency_ids=frozenset({HEALTH}),
    )
    return [
        (r.agency_id, r.slot, r.urgency.value, r.days_left)
        for r in reminders_due([task], today, settings, CALENDAR)
    ]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # Deadline Tuesday 31/01/2023. Seven days before is Tuesday 24/01, in the Tết holiday
        # (20/01 to 26/01), so that reminder goes out on Thursday 19/01, the last working day.
        (date(2023, 1, 18), []),
        (date(2023, 1, 19), [(FINANCE, "d7:2023-01-31", "soon", 12)]),
        # Three days before is Saturday 28/01: Friday 27/01, the first day back, for both.
        (
            date(2023, 1, 27),
            [(FINANCE, "d3:2023-01-31", "soon", 4), (HEALTH, "d3:2023-01-31", "soon", 4)],
        ),
        (
            date(2023, 1, 30),
            [(FINANCE, "d1:2023-01-31", "soon", 1), (HEALTH, "d3:2023-01-31", "soon", 1)],
        ),
        (
            date(2023, 1, 31),
            [(FINANCE, "d0:2023-01-31", "today", 0), (HEALTH, "d0:2023-01-31", "today", 0)],
        ),
        # Overdue: the lead is chased on the next working day, then every two working days.
        (date(2023, 2, 1), [(FINANCE, "late0:2023-01-31", "overdue", -1)]),
        (date(2023, 2, 2), [(FINANCE, "late0:2023-01-31", "overdue", -2)]),
        (date(2023, 2, 3), [(FINANCE, "late1:2023-01-31", "overdue", -3)]),
        (date(2023, 2, 7), [(FINANCE, "late2:2023-01-31", "overdue", -7)]),
    ],
)
def test_a_january_deadline_across_tet(
    today: date, expected: list[tuple[int, str, str, int]]
) -> None:
    assert _due(date(2023, 1, 31), today) == expected


@pytest.mark.parametrize(
    "day_off",
    [date(2023, 1, 21), date(2023, 1, 22), date(2023, 1, 24), date(2024, 4, 30), date(2026, 9, 2)],
)
def test_nothing_goes_out_on_weekends_or_public_holidays(day_off: date) -> None:
    assert _due(day_off + timedelta(days=1), day_off) == []


def test_a_saturday_deadline_closes_on_monday_and_is_announced_on_friday() -> None:
    # Saturday 11/03/2023: the time limit ends on Monday 13/03, the next working day (Civil Code,
    # art. 148.5). Friday 10/03 has the 1-day reminder (Sunday's), Monday the same-day one, and
    # the chase starts on Tuesday.
    assert _due(date(2023, 3, 11), date(2023, 3, 10)) == [
        (FINANCE, "d1:2023-03-11", "soon", 3),
        (HEALTH, "d3:2023-03-11", "soon", 3),
    ]
    assert _due(date(2023, 3, 11), date(2023, 3, 13)) == [
        (FINANCE, "d0:2023-03-11", "today", 0),
        (HEALTH, "d0:2023-03-11", "today", 0),
    ]
    assert _due(date(2023, 3, 11), date(2023, 3, 14)) == [
        (FINANCE, "late0:2023-03-11", "overdue", -1)
    ]


def test_a_deadline_in_the_tet_holiday_closes_on_the_first_day_back() -> None:
    # The Tết holiday of Giáp Thìn ran from 08/02 to 14/02/2024: a deadline on 10/02 closes on
    # Thursday 15/02, and the coordinators hear of it five working days later, on Thursday 22/02.
    assert _due(date(2024, 2, 10), date(2024, 2, 15))[0] == (FINANCE, "d0:2024-02-10", "today", 0)
    assert _due(date(2024, 2, 10), date(2024, 2, 16))[0] == (
        FINANCE,
        "late0:2024-02-10",
        "overdue",
        -1,
    )
    task = TaskSchedule(task_id=10, deadline=date(2024, 2, 10), lead_agency_id=FINANCE)
    assert escalations_due([task], date(2024, 2, 21), DEFAULT, CALENDAR) == []
    assert [r.slot for r in escalations_due([task], date(2024, 2, 22), DEFAULT, CALENDAR)] == [
        "esc:2024-02-10"
    ]


def test_a_late_task_gets_only_the_most_urgent_slot_not_a_burst() -> None:
    # Added (or the bot back) on the day before the deadline: one reminder, the 1-day one.
    assert _due(date(2023, 3, 15), date(2023, 3, 14)) == [
        (FINANCE, "d1:2023-03-15", "soon", 1),
        (HEALTH, "d3:2023-03-15", "soon", 1),
    ]


def test_a_new_deadline_has_new_slots() -> None:
    before = {slot for _, slot, _, _ in _due(date(2023, 3, 15), date(2023, 3, 14))}
    after = {slot for _, slot, _, _ in _due(date(2023, 3, 31), date(2023, 3, 14))}

    assert before.isdisjoint(after)


def test_offsets_can_be_counted_in_working_days() -> None:
    settings = ReminderSettings(before=(3,), cooperating_before=(), working_days=True)

    # Three working days before Monday 13/03/2023 is Wednesday 08/03.
    assert _due(date(2023, 3, 13), date(2023, 3, 7), settings) == []
    assert _due(date(2023, 3, 13), date(2023, 3, 8), settings) == [
        (FINANCE, "d3:2023-03-13", "soon", 5)
    ]


def test_coordinators_hear_of_a_task_five_working_days_overdue() -> None:
    task = TaskSchedule(task_id=10, deadline=date(2023, 3, 15), lead_agency_id=FINANCE)

    def escalated(today: date) -> list[str]:
        return [r.slot for r in escalations_due([task], today, DEFAULT, CALENDAR)]

    assert escalated(date(2023, 3, 21)) == []  # four working days late
    assert escalated(date(2023, 3, 22)) == ["esc:2023-03-15"]
    assert escalated(date(2023, 3, 29)) == ["esc:2023-03-15"]  # same slot: the ledger sends it once
    assert escalated(date(2023, 3, 25)) == []  # a Saturday


def test_a_task_years_overdue_is_chased_every_two_working_days_all_along() -> None:
    # A 2023 notice imported in 2026: the chase keeps its rhythm from the deadline, through
    # every Tết, weekend and swapped Saturday in between.
    deadline = date(2023, 1, 31)
    for today in (date(2026, 3, 2) + timedelta(days=n) for n in range(15)):
        if not CALENDAR.is_working_day(today):
            continue
        ((_, slot, urgency, days_left),) = _due(deadline, today)
        round_ = int(slot.removeprefix("late").split(":")[0])
        assert CALENDAR.add_working_days(deadline, 1 + 2 * round_) <= today
        assert CALENDAR.add_working_days(deadline, 3 + 2 * round_) > today
        assert (urgency, days_left) == ("overdue", (deadline - today).days)


def test_coordinators_hear_of_a_task_years_overdue_with_its_first_escalation_slot() -> None:
    task = TaskSchedule(task_id=10, deadline=date(2023, 1, 31), lead_agency_id=FINANCE)

    (escalation,) = escalations_due([task], date(2026, 3, 2), DEFAULT, CALENDAR)

    assert escalation.slot == "esc:2023-01-31"
    assert escalation.send_on == CALENDAR.add_working_days(date(2023, 1, 31), 5)


def test_a_deadline_mistyped_before_1945_is_left_out_and_the_others_still_counted() -> None:
    # Saved before such dates were refused (/fix 1 han 01/01/0001): counting back from it would
    # take two thousand years of holidays and then fall off the calendar, so it is left out
    # (the sweep logs it) and the task due next to it is reminded as ever.
    slip = TaskSchedule(task_id=1, deadline=date(1, 1, 1), lead_agency_id=FINANCE)
    long_ago = TaskSchedule(task_id=2, deadline=date(1944, 12, 31), lead_agency_id=FINANCE)
    due = TaskSchedule(task_id=3, deadline=date(2023, 3, 1), lead_agency_id=HEALTH)
    today = date(2023, 3, 8)  # five working days after the third task's deadline

    assert uncountable([slip, long_ago, due]) == [slip, long_ago]
    assert [r.task_id for r in reminders_due([slip, long_ago, due], today, DEFAULT, CALENDAR)] == [
        3
    ]
    assert [
        r.task_id for r in escalations_due([slip, long_ago, due], today, DEFAULT, CALENDAR)
    ] == [3]


@pytest.mark.parametrize("settings", [DEFAULT, ReminderSettings(working_days=True)])
def test_a_deadline_at_the_end_of_the_calendar_is_counted_and_not_due_yet(
    settings: ReminderSettings,
) -> None:
    # An extension approved to 31/12/9999 before such dates were refused: nothing is due for
    # eight thousand years, and nothing breaks counting the days before it.
    assert uncountable([TaskSchedule(task_id=1, deadline=date.max, lead_agency_id=FINANCE)]) == []
    assert _due(date.max, date(2023, 3, 8), settings) == []
    assert _due(date.max, date(9999, 12, 31), settings) == [
        (FINANCE, "d0:9999-12-31", "today", 0),
        (HEALTH, "d0:9999-12-31", "today", 0),
    ]
