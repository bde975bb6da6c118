"""The monthly report: per agency, how the tasks due that month turned out."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import PeriodOutcome, Task, TaskPeriod, TaskStatus
from storage.tasks import TaskView, views_of


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


@dataclass
class MonthReport:
    year: int
    month: int
    today: date
    tz: ZoneInfo  # where the users are: a task done at 06:00 there is done that day
    lines: list[AgencyLine] = field(default_factory=list)
    tasks: list[tuple[TaskView, str]] = field(default_factory=list)  # each task and its outcome

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
    if task.status == TaskStatus.DONE and task.done_at is not None:
        return "on_time" if task.done_at.astimezone(tz).date() <= task.deadline else "late"
    return "overdue" if task.deadline < today else "pending"


async def month_report(
    *, session: AsyncSession, year: int, month: int, today: date, tz: ZoneInfo
) -> MonthReport:
    """Tasks (and periods of recurring tasks) due in the month, counted by lead agency."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    in_month = (col(Task.deadline) >= first) & (col(Task.deadline) <= last)
    current = (await session.exec(select(Task).where(in_month).order_by(col(Task.deadline)))).all()
    periods = (
        await session.exec(
            select(TaskPeriod, Task)
            .join(Task, col(Task.id) == col(TaskPeriod.task_id))
            .where(col(TaskPeriod.deadline) >= first, col(TaskPeriod.deadline) <= last)
        )
    ).all()
    report = MonthReport(year, month, today, tz)
    lines: dict[str, AgencyLine] = {}
    for view in await views_of(session=session, tasks=current):
        outcome = _outcome(view.task, today, tz)
        report.tasks.append((view, outcome))
        _count(lines, view, outcome)
    period_views = await views_of(session=session, tasks=[task for _, task in periods])
    for (period, _), view in zip(periods, period_views, strict=True):
        outcome = "overdue" if period.outcome == PeriodOutcome.MISSED else period.outcome.value
        report.tasks.append((view, outcome))
        _count(lines, view, outcome)
    report.lines = sorted(lines.values(), key=lambda line: line.agency)
    return report


def _count(lines: dict[str, AgencyLine], view: TaskView, outcome: str) -> None:
    name = view.lead.name if view.lead else ""
    line = lines.setdefault(name, AgencyLine(name))
    setattr(line, outcome, getattr(line, outcome) + 1)
