"""The monthly report: per agency, how the tasks due that month turned out."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import (
    ExtensionRequest,
    ExtensionStatus,
    PeriodOutcome,
    Task,
    TaskPeriod,
    TaskStatus,
)
from storage.names import vietnamese_order
from storage.tasks import WORKING_DAYS, TaskView, period_deadlines, views_of


@dataclass
class AgencyLine:
    """One agency's month: tasks due, and what became of them."""

    agency: str
    on_time: int = 0
    late: int = 0
    overdue: int = 0  # due in the month, past, still open (or a missed period)
    pending: int = 0  # due later in the month, still open

    @property
    def due(self) -> int:
        return self.on_time + self.late + self.overdue + self.pending


@dataclass(frozen=True)
class ReportRow:
    """One line of the task list: a task, or one closed period of a periodic task."""

    view: TaskView
    outcome: str  # on_time, late, overdue or pending
    deadline: date  # the period's own deadline, for a period
    done_at: datetime | None  # when it was closed (None: still open, or the period was missed)
    note: str | None
    extended_from: date | None = None  # the deadline before an approved extension


@dataclass
class MonthReport:
    year: int
    month: int
    today: date
    tz: ZoneInfo  # where the users are: a task done at 06:00 there is done that day
    lines: list[AgencyLine] = field(default_factory=list)
    tasks: list[ReportRow] = field(default_factory=list)  # by deadline

    @property
    def total(self) -> AgencyLine:
        total = AgencyLine("")
        for line in self.lines:
            total.on_time += line.on_time
            total.late += line.late
            total.overdue += line.overdue
            total.pending += line.pending
        return total


def _outcome(task: Task, today: date, tz: ZoneInfo) -> str:
    assert task.deadline is not None
    closes = WORKING_DAYS.closing_day(task.deadline)
    if task.status == TaskStatus.DONE and task.done_at is not None:
        return "on_time" if task.done_at.astimezone(tz).date() <= closes else "late"
    return _open_outcome(closes, today)


def _open_outcome(closes: date, today: date) -> str:
    return "overdue" if closes < today else "pending"


async def month_report(
    *, session: AsyncSession, year: int, month: int, today: date, tz: ZoneInfo
) -> MonthReport:
    """Tasks (and periods of recurring tasks) due in the month, counted by lead agency; a
    withdrawn task is not counted."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    in_month = (col(Task.deadline) >= first) & (col(Task.deadline) <= last)
    # A withdrawn task was no longer asked for: neither done nor overdue. The periods a periodic
    # duty closed before it was withdrawn were asked for, and count.
    in_force = col(Task.status) != TaskStatus.WITHDRAWN
    current = (
        await session.exec(select(Task).where(in_month, in_force).order_by(col(Task.deadline)))
    ).all()
    periods = (
        await session.exec(
            select(TaskPeriod, Task)
            .join(Task, col(Task.id) == col(TaskPeriod.task_id))
            .where(col(TaskPeriod.deadline) >= first, col(TaskPeriod.deadline) <= last)
        )
    ).all()
    rows = []
    extended = await _deadlines_before_extension(session, current)
    for view in await views_of(session=session, tasks=current):
        task = view.task
        assert task.deadline is not None and task.id is not None
        outcome = _outcome(task, today, tz)
        rows.append(
            ReportRow(
                view,
                outcome,
                task.deadline,
                task.done_at,
                task.done_note,
                extended.get(task.id),
            )
        )
    period_views = await views_of(session=session, tasks=[task for _, task in periods])
    for (period, _), view in zip(periods, period_views, strict=True):
        # The period's own deadline and closing, not the task's: it has moved on since.
        missed = period.outcome == PeriodOutcome.MISSED
        rows.append(
            ReportRow(
                view,
                _PERIOD_OUTCOMES[period.outcome],
                period.deadline,
                None if missed else period.closed_at,
                period.note,
                period.scheduled_deadline,
            )
        )
    rows += await _periods_to_come(session, first, last, today)
    report = MonthReport(year, month, today, tz)
    report.tasks = sorted(rows, key=lambda row: (row.deadline, row.view.id))
    lines: dict[str, AgencyLine] = {}
    for row in report.tasks:
        name = row.view.lead.name if row.view.lead else ""
        line = lines.setdefault(name, AgencyLine(name))
        setattr(line, row.outcome, getattr(line, row.outcome) + 1)
    report.lines = sorted(lines.values(), key=lambda line: vietnamese_order(line.agency))
    return report


async def _deadlines_before_extension(
    session: AsyncSession, tasks: Sequence[Task]
) -> dict[int, date]:
    """The deadline each task had before the extensions that gave it its current one: a
    periodic duty's period by its schedule, a one-off task's before the first of the approved
    requests that led, one after the other, to its deadline."""
    before: dict[int, date] = {}
    one_off: dict[int, Task] = {}
    for task in tasks:
        if task.id is None:
            continue
        if task.recurrence:
            if task.scheduled_deadline is not None and task.scheduled_deadline != task.deadline:
                before[task.id] = task.scheduled_deadline
        else:
            one_off[task.id] = task
    if not one_off:
        return before
    approved = (
        await session.exec(
            select(ExtensionRequest).where(
                col(ExtensionRequest.task_id).in_(one_off),
                col(ExtensionRequest.status) == ExtensionStatus.APPROVED,
            )
        )
    ).all()
    moved_to: dict[tuple[int, date], date] = {
        (asked.task_id, asked.requested_deadline): asked.current_deadline for asked in approved
    }
    for task_id, task in one_off.items():
        day = task.deadline
        seen: set[date] = set()
        while day is not None and (task_id, day) in moved_to and day not in seen:
            seen.add(day)
            day = moved_to[(task_id, day)]
        if day is not None and day != task.deadline:
            before[task_id] = day
    return before


async def _periods_to_come(
    session: AsyncSession, first: date, last: date, today: date
) -> list[ReportRow]:
    """The periods of open periodic duties due in the month after their current one (a weekly
    report's other Fridays, next month's report seen from this one): due, not closed yet."""
    periodic = (
        await session.exec(
            select(Task).where(
                col(Task.status) == TaskStatus.OPEN,
                col(Task.recurrence).is_not(None),
                col(Task.deadline) <= last,
            )
        )
    ).all()
    coming = [
        (task, day)
        for task in periodic
        for day in period_deadlines(task, start=first, end=last)
        if day != (task.scheduled_deadline or task.deadline)  # the current one is counted above
    ]
    due = list({id(task): task for task, _ in coming}.values())  # views of those only
    views = {view.id: view for view in await views_of(session=session, tasks=due)}
    return [
        ReportRow(
            views[task.id], _open_outcome(WORKING_DAYS.closing_day(day), today), day, None, None
        )
        for task, day in coming
        if task.id is not None
    ]


_PERIOD_OUTCOMES = {
    PeriodOutcome.ON_TIME: "on_time",
    PeriodOutcome.LATE: "late",
    PeriodOutcome.MISSED: "overdue",
}
