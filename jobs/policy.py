"""The reminder policy: a pure function of tasks, a date and settings.

Each reminder has a slot key. A task has slots before its deadline (7, 3, 1 and 0 days by default)
and overdue slots after it (every 2 working days). On a given day the policy names only the
*latest* slot whose send day has come: so a task added late, or a bot that was down for a week,
gets the one reminder that still matters, never a burst of stale ones. Send days that fall on a
weekend or public holiday move to the working day before, so a deadline after Tết is announced
before Tết. A deadline on a day off closes on the next working day (WorkingCalendar.closing_day):
that day is its last, and the chase begins after it; slot keys keep the deadline as written. A
deadline before EARLIEST_DEADLINE is left out: the sweep reports it instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from vncalendar import WorkingCalendar
from vncalendar.dates import FIRST_YEAR


@dataclass(frozen=True)
class ReminderSettings:
    """How far ahead and how often to remind; days are calendar days unless working_days."""

    before: tuple[int, ...] = (7, 3, 1, 0)
    cooperating_before: tuple[int, ...] = (3, 0)
    overdue_every: int = 2
    escalate_after: int = 5  # working days overdue before the coordinators are told
    working_days: bool = False


class Urgency(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    SOON = "soon"


@dataclass(frozen=True)
class TaskSchedule:
    """What the policy needs to know of a task."""

    task_id: int
    deadline: date
    lead_agency_id: int | None
    cooperating_agency_ids: frozenset[int] = frozenset()


@dataclass(frozen=True)
class DueReminder:
    """One reminder to send to an agency's chats today."""

    task_id: int
    agency_id: int
    slot: str
    send_on: date
    urgency: Urgency
    days_left: int  # negative when late


# The oldest deadline the policy counts working days around. An older one is a slip of the
# keyboard saved before vncalendar.dates refused it (01/01/0001): counting from it would take the
# holidays of two thousand years, then fall off the calendar (a week before year 1 is no date).
# Far deadlines need no bound: an extension to 31/12/9999 only has days before it counted.
EARLIEST_DEADLINE = date(FIRST_YEAR, 1, 1)

OVERDUE_PREFIX = "late"
FIRST_OVERDUE_PREFIX = f"{OVERDUE_PREFIX}0:"
ESCALATION_PREFIX = "esc:"


def uncountable(tasks: Iterable[TaskSchedule]) -> list[TaskSchedule]:
    """The tasks due before EARLIEST_DEADLINE, which the policy leaves out."""
    return [task for task in tasks if task.deadline < EARLIEST_DEADLINE]


def _countable(tasks: Iterable[TaskSchedule]) -> list[TaskSchedule]:
    return [task for task in tasks if task.deadline >= EARLIEST_DEADLINE]


def is_first_overdue(slot: str) -> bool:
    """The first chase after the deadline: the one a head of agency hears in private."""
    return slot.startswith(FIRST_OVERDUE_PREFIX)


def first_chases_missed(due: Iterable[DueReminder]) -> list[DueReminder]:
    """The first chase of each deadline whose later chase is due instead (the bot was down on
    the first's days): what a head of agency, who hears only the first, has still to hear."""
    return [
        replace(reminder, slot=FIRST_OVERDUE_PREFIX + reminder.slot.split(":", 1)[1])
        for reminder in due
        if reminder.slot.startswith(OVERDUE_PREFIX) and not is_first_overdue(reminder.slot)
    ]


@dataclass(frozen=True)
class _Slot:
    key: str
    send_on: date


def _before_slots(
    deadline: date, offsets: Iterable[int], settings: ReminderSettings, calendar: WorkingCalendar
) -> list[_Slot]:
    return [
        _Slot(
            f"d{offset}:{deadline.isoformat()}",
            calendar.reminder_day(deadline, offset, working_days=settings.working_days),
        )
        for offset in sorted(set(offsets), reverse=True)
    ]


class _WorkingDayIndex:
    """The working days from one date to another, numbered: counting or stepping over years of
    overdue tasks becomes a subtraction and a list lookup instead of a walk through the calendar."""

    def __init__(self, calendar: WorkingCalendar, first: date, last: date) -> None:
        self._first = first
        self._days: list[date] = []  # the working days in (first, last], in order
        self._before: list[int] = []  # for first + i days: how many of them come on or before
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            if offset and calendar.is_working_day(day):
                self._days.append(day)
            self._before.append(len(self._days))

    def between(self, start: date, end: date) -> int:
        """Working days in (start, end], both within the index."""
        return self._before[(end - self._first).days] - self._before[(start - self._first).days]

    def after(self, start: date, count: int) -> date:
        """The count-th working day after start (start itself for 0); it must lie in the index."""
        if not count:
            return start
        return self._days[self._before[(start - self._first).days] + count - 1]


def _index_of_overdue(
    tasks: Sequence[TaskSchedule], today: date, calendar: WorkingCalendar
) -> _WorkingDayIndex:
    """One index from the oldest overdue deadline to today, shared by every task."""
    first = min((t.deadline for t in tasks if t.deadline < today), default=today)
    return _WorkingDayIndex(calendar, first, today)


def _overdue_slot(
    deadline: date,
    closes: date,
    today: date,
    settings: ReminderSettings,
    index: _WorkingDayIndex,
) -> list[_Slot]:
    """The current chase: round r goes out on working day 1 + r * overdue_every after the day
    the deadline closes."""
    if closes >= today:
        return []
    step = max(settings.overdue_every, 1)
    # Today is a working day after the closing day, so late_by >= 1: the first chase is due.
    round_ = (index.between(closes, today) - 1) // step
    day = index.after(closes, 1 + round_ * step)
    return [_Slot(f"{OVERDUE_PREFIX}{round_}:{deadline.isoformat()}", day)]


def _current(slots: list[_Slot], today: date) -> _Slot | None:
    """The latest slot whose day has come; among slots on one day the last listed (most urgent)."""
    current = None
    for slot in slots:
        if slot.send_on <= today and (current is None or slot.send_on >= current.send_on):
            current = slot
    return current


def reminders_due(
    tasks: Iterable[TaskSchedule],
    today: date,
    settings: ReminderSettings,
    calendar: WorkingCalendar,
) -> list[DueReminder]:
    """The reminders to send today, one per task and agency at most; none on a non-working day
    and none for a task due before EARLIEST_DEADLINE."""
    if not calendar.is_working_day(today):
        return []
    tasks = _countable(tasks)
    index = _index_of_overdue(tasks, today, calendar)
    due = []
    for task in tasks:
        closes = calendar.closing_day(task.deadline)
        urgency = (
            Urgency.OVERDUE
            if closes < today
            else Urgency.TODAY
            if closes == today
            else Urgency.SOON
        )
        roles: list[tuple[int, list[_Slot]]] = []
        if task.lead_agency_id is not None:
            lead_slots = _before_slots(task.deadline, settings.before, settings, calendar)
            lead_slots += _overdue_slot(task.deadline, closes, today, settings, index)
            roles.append((task.lead_agency_id, lead_slots))
        helper_slots = _before_slots(task.deadline, settings.cooperating_before, settings, calendar)
        roles += [(agency_id, helper_slots) for agency_id in sorted(task.cooperating_agency_ids)]
        for agency_id, slots in roles:
            slot = _current(slots, today)
            if slot is None:
                continue
            if urgency is Urgency.OVERDUE and not slot.key.startswith(OVERDUE_PREFIX):
                continue  # a helper's schedule ends at the deadline; chasing is the lead's
            due.append(
                DueReminder(
                    task.task_id,
                    agency_id,
                    slot.key,
                    slot.send_on,
                    urgency,
                    (closes - today).days,
                )
            )
    return due


def chased_until(deadline: date, settings: ReminderSettings, calendar: WorkingCalendar) -> date:
    """The day a missed deadline has had all the chasing of its own: its first overdue reminder
    and its escalation to the coordinators, whichever comes later. A periodic duty's missed period
    stays the current one until this day has passed (storage.tasks.roll_missed_periods)."""
    return calendar.add_working_days(
        calendar.closing_day(deadline), max(1, settings.escalate_after)
    )


def escalations_due(
    tasks: Iterable[TaskSchedule],
    today: date,
    settings: ReminderSettings,
    calendar: WorkingCalendar,
) -> list[DueReminder]:
    """Tasks overdue by escalate_after working days or more: each goes to the coordinators once
    (none due before EARLIEST_DEADLINE)."""
    if not calendar.is_working_day(today):
        return []
    tasks = _countable(tasks)
    index = _index_of_overdue(tasks, today, calendar)
    due = []
    for task in tasks:
        closes = calendar.closing_day(task.deadline)
        if closes >= today or task.lead_agency_id is None:
            continue
        late_by = index.between(closes, today)
        if late_by >= settings.escalate_after:
            send_on = index.after(closes, settings.escalate_after)
            due.append(
                DueReminder(
                    task.task_id,
                    task.lead_agency_id,
                    f"{ESCALATION_PREFIX}{task.deadline.isoformat()}",
                    send_on,
                    Urgency.OVERDUE,
                    (closes - today).days,
                )
            )
    return due
