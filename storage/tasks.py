"""Tasks: add, list open / due / overdue, close, reopen, withdraw and restore, each change
written to the audit log."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, true
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.agencies import find_agency
from storage.errors import (
    AlreadyDone,
    ClosedAgain,
    DoneNotWithdrawn,
    NotDone,
    NotWithdrawn,
    PeriodClosed,
    PeriodNotOpen,
    PeriodNotStarted,
    StorageError,
    TaskNotFound,
    Withdrawn,
)
from storage.models import (
    Agency,
    AgencyRole,
    AuditEntry,
    Directive,
    ExtensionRequest,
    ExtensionStatus,
    PeriodOutcome,
    Task,
    TaskAgency,
    TaskPeriod,
    TaskStatus,
)
from storage.names import vietnamese_order
from vncalendar import WorkingCalendar
from vncalendar.recurrence import Recurrence, next_occurrence

# Which days are days off is the law's, not a setting: a deadline that falls on one closes on
# the next working day (WorkingCalendar.closing_day), for lists, closings and reports alike.
WORKING_DAYS = WorkingCalendar()
# Longer than any run of days off (Tết with its weekends is nine or ten days).
_LONGEST_DAYS_OFF = timedelta(days=16)


@dataclass(frozen=True)
class TaskView:
    """A task with what a reader needs next to it: its agencies and its directive."""

    task: Task
    lead: Agency | None
    cooperating: tuple[Agency, ...]
    directive: Directive | None

    @property
    def id(self) -> int:
        assert self.task.id is not None
        return self.task.id

    @property
    def agency_ids(self) -> frozenset[int]:
        agencies = ([self.lead] if self.lead else []) + list(self.cooperating)
        return frozenset(a.id for a in agencies if a.id is not None)


def audit(
    session: AsyncSession,
    *,
    task_id: int,
    action: str,
    actor: int | None,
    now: datetime,
    detail: str | None = None,
) -> None:
    """Record one change of a task."""
    session.add(AuditEntry(task_id=task_id, at=now, actor=actor, action=action, detail=detail))


async def add_task(
    *,
    session: AsyncSession,
    text: str,
    lead_agency_id: int,
    deadline: date | None,
    now: datetime,
    cooperating_agency_ids: Sequence[int] = (),
    deadline_text: str | None = None,
    recurrence: str | None = None,
    summary: str | None = None,
    directive_id: int | None = None,
    actor: int | None = None,
    schedule_day: int | None = None,
    schedule_working_day: int | None = None,
    deadline_time: time | None = None,
) -> Task:
    """Create an open task assigned to a lead agency (and helpers).

    A recurring task's periods fall on schedule_day of their month (MONTH_END: its last day),
    by default the first deadline's day; or, given schedule_working_day, on that working day of
    their month.
    """
    if recurrence is not None and deadline is None:
        raise ValueError("a recurring task needs its first deadline")
    task = Task(
        text=text.strip(),
        summary=summary,
        deadline=deadline,
        deadline_text=deadline_text,
        deadline_time=deadline_time if deadline else None,
        recurrence=Recurrence(recurrence).value if recurrence else None,
        schedule_day=(schedule_day or deadline.day) if recurrence and deadline else None,
        schedule_working_day=schedule_working_day if recurrence and deadline else None,
        directive_id=directive_id,
        created_at=now,
        updated_at=now,
    )
    session.add(task)
    await session.flush()
    assert task.id is not None
    session.add(TaskAgency(task_id=task.id, agency_id=lead_agency_id, role=AgencyRole.LEAD))
    for agency_id in dict.fromkeys(cooperating_agency_ids):
        if agency_id != lead_agency_id:
            session.add(
                TaskAgency(task_id=task.id, agency_id=agency_id, role=AgencyRole.COOPERATING)
            )
    audit(
        session,
        task_id=task.id,
        action="created",
        actor=actor,
        now=now,
        detail=deadline.isoformat() if deadline else None,
    )
    await session.flush()
    return task


async def assign_task(
    *,
    session: AsyncSession,
    text: str,
    lead: str,
    deadline: date | None,
    now: datetime,
    cooperating: Sequence[str] = (),
    deadline_text: str | None = None,
    recurrence: str | None = None,
    directive_id: int | None = None,
    actor: int | None = None,
) -> Task:
    """Add a task naming its agencies as people write them: name, short name or alias."""
    lead_agency = await find_agency(session=session, text=lead)
    helpers = [await find_agency(session=session, text=name) for name in cooperating]
    assert lead_agency.id is not None
    return await add_task(
        session=session,
        text=text,
        lead_agency_id=lead_agency.id,
        cooperating_agency_ids=[h.id for h in helpers if h.id is not None],
        deadline=deadline,
        deadline_text=deadline_text,
        recurrence=recurrence,
        directive_id=directive_id,
        actor=actor,
        now=now,
    )


async def views_of(*, session: AsyncSession, tasks: Sequence[Task]) -> list[TaskView]:
    """Attach agencies and directives to tasks in two queries, whatever their number."""
    ids = [t.id for t in tasks if t.id is not None]
    if not ids:
        return []
    links = (
        await session.exec(
            select(TaskAgency, Agency)
            .join(Agency, col(Agency.id) == col(TaskAgency.agency_id))
            .where(col(TaskAgency.task_id).in_(ids))
            .order_by(col(Agency.name))
        )
    ).all()
    directive_ids = {t.directive_id for t in tasks if t.directive_id is not None}
    directives = (
        {
            d.id: d
            for d in (
                await session.exec(select(Directive).where(col(Directive.id).in_(directive_ids)))
            ).all()
        }
        if directive_ids
        else {}
    )
    leads: dict[int, Agency] = {}
    helpers: dict[int, list[Agency]] = {}
    for link, agency in links:
        if link.role == AgencyRole.LEAD:
            leads[link.task_id] = agency
        else:
            helpers.setdefault(link.task_id, []).append(agency)
    return [
        TaskView(
            task=t,
            lead=leads.get(t.id) if t.id is not None else None,
            cooperating=tuple(helpers.get(t.id, [])) if t.id is not None else (),
            directive=directives.get(t.directive_id) if t.directive_id is not None else None,
        )
        for t in tasks
    ]


def _of_agency(agency_id: int | None) -> ColumnElement[bool]:
    if agency_id is None:
        return true()
    return col(Task.id).in_(select(TaskAgency.task_id).where(TaskAgency.agency_id == agency_id))


def _by_urgency() -> tuple[Any, ...]:
    # Tasks without a deadline (ongoing work) go last.
    return (col(Task.deadline).is_(None), col(Task.deadline), col(Task.id))


async def get_task(*, session: AsyncSession, task_id: int) -> TaskView:
    """One task with its agencies; raises TaskNotFound."""
    task = await session.get(Task, task_id)
    if task is None:
        raise TaskNotFound(task_id)
    return (await views_of(session=session, tasks=[task]))[0]


async def open_tasks(*, session: AsyncSession, agency_id: int | None = None) -> list[TaskView]:
    """Open tasks of an agency (lead or cooperating), or of all agencies, most urgent first."""
    query = (
        select(Task)
        .where(Task.status == TaskStatus.OPEN, _of_agency(agency_id))
        .order_by(*_by_urgency())
    )
    return await views_of(session=session, tasks=(await session.exec(query)).all())


async def due_in_month(
    *, session: AsyncSession, agency_id: int | None, year: int, month: int
) -> list[TaskView]:
    """Open tasks whose deadline, as written or as it closes, falls in that calendar month: a
    deadline on Saturday 31/01 closes on Monday 02/02, and is due in February too."""
    first = date(year, month, 1)
    last = date(year, month, calendar.monthrange(year, month)[1])
    query = (
        select(Task)
        .where(Task.status == TaskStatus.OPEN, _of_agency(agency_id))
        .where(col(Task.deadline) >= first - _LONGEST_DAYS_OFF, col(Task.deadline) <= last)
        .order_by(*_by_urgency())
    )
    due = [
        task
        for task in (await session.exec(query)).all()
        if task.deadline is not None
        and (task.deadline >= first or WORKING_DAYS.closing_day(task.deadline) >= first)
    ]
    return await views_of(session=session, tasks=due)


async def overdue_by_agency(
    *, session: AsyncSession, today: date, agency_id: int | None = None
) -> dict[str, list[TaskView]]:
    """Open tasks past their deadline as of today (one on a day off closes on the next working
    day), grouped by lead agency name (in the Vietnamese alphabet's order), oldest first."""
    query = (
        select(Task)
        .where(Task.status == TaskStatus.OPEN, _of_agency(agency_id))
        .where(col(Task.deadline) <= WORKING_DAYS.latest_missed(today))
        .order_by(*_by_urgency())
    )
    grouped: dict[str, list[TaskView]] = {}
    for view in await views_of(session=session, tasks=(await session.exec(query)).all()):
        grouped.setdefault(view.lead.name if view.lead else "", []).append(view)
    return dict(sorted(grouped.items(), key=lambda item: vietnamese_order(item[0])))


async def open_tasks_with_deadline(*, session: AsyncSession) -> list[TaskView]:
    """Every open task that has a deadline: what the reminder policy looks at."""
    query = (
        select(Task)
        .where(Task.status == TaskStatus.OPEN, col(Task.deadline).is_not(None))
        .order_by(*_by_urgency())
    )
    return await views_of(session=session, tasks=(await session.exec(query)).all())


@dataclass(frozen=True)
class Closed:
    """What closing did: for a recurring task, the period closed and the next deadline."""

    task: Task
    deadline: date | None  # the deadline that was met (or missed)
    next_deadline: date | None = None


async def _lock(session: AsyncSession, task_id: int) -> Task:
    task = await session.get(Task, task_id, with_for_update=True)
    if task is None:
        raise TaskNotFound(task_id)
    return task


async def mark_done(
    *,
    session: AsyncSession,
    task_id: int,
    actor: int | None,
    note: str | None,
    now: datetime,
    today: date,
    period: date | None = None,
) -> Closed:
    """Close a task, or this period of a recurring one; raises TaskNotFound, AlreadyDone or
    Withdrawn.

    period, when given, names the period of a recurring task meant (its schedule's deadline,
    as open_period gives it): refused as PeriodClosed once that period has closed, or as
    PeriodNotOpen when another is open, rather than close a period the caller did not mean.
    """
    task = await _lock(session, task_id)
    if task.status == TaskStatus.DONE:
        raise AlreadyDone(task_id)
    if task.status == TaskStatus.WITHDRAWN:
        raise Withdrawn(task_id)
    closed_deadline = task.deadline
    if task.recurrence and closed_deadline is not None:
        starts = await _period_start(session, task_id)
        if period is not None and period != open_period(task):
            if starts is not None and period < starts:
                raise PeriodClosed(task_id, period, closed_deadline)
            raise PeriodNotOpen(task_id, period, closed_deadline)
        if starts is not None and today < starts:
            raise PeriodNotStarted(task_id, closed_deadline, starts)
        on_time = today <= WORKING_DAYS.closing_day(closed_deadline)
        outcome = PeriodOutcome.ON_TIME if on_time else PeriodOutcome.LATE
        await _close_period(session, task, outcome, now=now, actor=actor, note=note)
        detail = f"{closed_deadline.isoformat()} {outcome.value}; next {task.deadline}"
        audit(session, task_id=task_id, action="period_done", actor=actor, now=now, detail=detail)
        await session.flush()
        return Closed(task, closed_deadline, task.deadline)
    task.status = TaskStatus.DONE
    task.done_at, task.done_by, task.done_note, task.updated_at = now, actor, note, now
    session.add(task)
    audit(session, task_id=task_id, action="done", actor=actor, now=now, detail=note)
    await session.flush()
    return Closed(task, closed_deadline)


async def _period_start(session: AsyncSession, task_id: int) -> date | None:
    """The first day of a recurring task's open period: the day after the last closed one's
    scheduled deadline (None before any is closed)."""
    last = await _last_period(session, task_id)
    if last is None:
        return None
    return (last.scheduled_deadline or last.deadline) + timedelta(days=1)


async def _last_period(session: AsyncSession, task_id: int) -> TaskPeriod | None:
    """The latest period recorded of a recurring task, closed or missed."""
    return (
        await session.exec(
            select(TaskPeriod)
            .where(TaskPeriod.task_id == task_id)
            .order_by(col(TaskPeriod.deadline).desc())
            .limit(1)
        )
    ).first()


async def missed_last_periods(*, session: AsyncSession) -> Sequence[TaskPeriod]:
    """The last period recorded of each open recurring task, when it was missed."""
    latest = (
        select(TaskPeriod.task_id, func.max(TaskPeriod.deadline).label("deadline"))
        .group_by(col(TaskPeriod.task_id))
        .subquery()
    )
    query = (
        select(TaskPeriod)
        .join(
            latest,
            and_(
                col(TaskPeriod.task_id) == latest.c.task_id,
                col(TaskPeriod.deadline) == latest.c.deadline,
            ),
        )
        .join(Task, col(Task.id) == col(TaskPeriod.task_id))
        .where(Task.status == TaskStatus.OPEN, TaskPeriod.outcome == PeriodOutcome.MISSED)
    )
    return (await session.exec(query)).all()


def open_period(task: Task) -> date | None:
    """What names a recurring task's open period: its schedule's deadline, which an extension
    does not move (None for a task without a deadline)."""
    return task.scheduled_deadline or task.deadline


def _schedule_day_of(task: Task) -> int:
    """The day of the month a recurring task's periods keep."""
    assert task.deadline is not None
    return task.schedule_day or (task.scheduled_deadline or task.deadline).day


def _following(task: Task, due: date) -> date:
    """The deadline of a recurring task's period after the one due on that day (by its
    schedule): on its working day of the month, or on its day of the month."""
    assert task.recurrence is not None
    return next_occurrence(
        due, task.recurrence, _schedule_day_of(task), working_day=task.schedule_working_day
    )


def next_deadline(task: Task) -> date:
    """The next period's deadline of a recurring task, by its schedule (not by an extension)."""
    assert task.deadline is not None
    return _following(task, task.scheduled_deadline or task.deadline)


def period_deadlines(task: Task, *, start: date, end: date) -> list[date]:
    """The scheduled deadlines of a recurring task's periods from its current one on that fall
    between start and end (both included): what the periods not yet closed will be due on.

    The current period counts by its schedule's deadline, not by an extension of it.
    """
    assert task.deadline is not None
    due = task.scheduled_deadline or task.deadline
    found = []
    while due <= end:
        if due >= start:
            found.append(due)
        due = _following(task, due)
    return found


async def _close_period(
    session: AsyncSession,
    task: Task,
    outcome: PeriodOutcome,
    *,
    now: datetime,
    actor: int | None = None,
    note: str | None = None,
) -> None:
    """Keep the period's outcome and move the task to its next deadline."""
    assert task.id is not None and task.deadline is not None
    session.add(
        TaskPeriod(
            task_id=task.id,
            deadline=task.deadline,
            scheduled_deadline=task.scheduled_deadline,
            outcome=outcome,
            closed_at=now,
            closed_by=actor,
            note=note,
        )
    )
    task.deadline, task.schedule_day = next_deadline(task), _schedule_day_of(task)
    task.scheduled_deadline, task.updated_at = None, now
    task.period_current_from = None  # roll_missed_periods sets it when it moved the task on
    # A period reopened (undo_done) after the next one was extended, and closed again: the next
    # period keeps the extension a coordinator approved for it, which the reopening set aside.
    extended = await _approved_extension(session, task, task.deadline)
    if extended is not None:
        task.scheduled_deadline, task.deadline = task.deadline, extended
    session.add(task)


async def _approved_extension(session: AsyncSession, task: Task, due: date) -> date | None:
    """Where the approved extensions of a recurring task's period due on that day (by its
    schedule) moved its deadline, one after another; None if none did.

    Requests are for the open period only, so those that named this day (or a day an earlier
    one moved it to) were for this period; each ended before the next period's deadline.
    """
    assert task.id is not None
    following, moved = _following(task, due), due
    while True:
        query = (
            select(col(ExtensionRequest.requested_deadline))
            .where(
                ExtensionRequest.task_id == task.id,
                ExtensionRequest.status == ExtensionStatus.APPROVED,
                ExtensionRequest.current_deadline == moved,
                col(ExtensionRequest.requested_deadline) > moved,
                col(ExtensionRequest.requested_deadline) < following,
            )
            .order_by(col(ExtensionRequest.decided_at).desc(), col(ExtensionRequest.id).desc())
            .limit(1)
        )
        later = (await session.exec(query)).first()
        if later is None:
            return None if moved == due else moved
        moved = later


class PeriodMissed(NotDone):
    """The last period of a recurring task was missed (recorded by the sweep), not closed:
    there is no closing to undo, and the closings before it stay closed."""

    def __init__(self, task_id: int, missed: date) -> None:
        super().__init__(task_id)
        self.missed = missed


class StaleUndo(StorageError):
    """An undo named a closed period that is no longer the last one: a later period has been
    recorded since (closed by someone, or missed)."""

    def __init__(self, task_id: int, period: date, latest: date) -> None:
        super().__init__(f"task {task_id}: the period due {period} is not the last one ({latest})")
        self.task_id = task_id
        self.period = period
        self.latest = latest


async def undo_done(
    *,
    session: AsyncSession,
    task_id: int,
    actor: int | None,
    now: datetime,
    period: date | None = None,
    closed_at: datetime | None = None,
) -> Task:
    """Reopen a closed task, or the last period of a recurring one if it was closed (not
    missed); period, when given, names the closed period meant (its deadline), refused as
    StaleUndo once a later one is recorded. Raises TaskNotFound, NotDone, PeriodMissed or
    Withdrawn too.

    closed_at, when given, names the closing of a one-off task meant (its time, to the
    second, as closing_second gives it): refused as ClosedAgain once that closing was undone
    and the task closed again, so that an old ↩️ does not undo a colleague's later closing.

    Only the last period can reopen: the task's deadline goes back to it, and an older one
    reopened beside a later record would collide with that record at its next closing. The
    open period's extension, if it had one, comes back when the reopened one closes again
    (_close_period).
    """
    task = await _lock(session, task_id)
    if task.status == TaskStatus.WITHDRAWN:
        # A withdrawal is no closing to undo: its periods closed before it stay closed.
        raise Withdrawn(task_id)
    if task.recurrence:
        last = await _last_period(session, task_id)
        if period is not None and last is not None and last.deadline > period:
            raise StaleUndo(task_id, period, last.deadline)
        if last is None or (period is not None and last.deadline < period):
            raise NotDone(task_id)  # (the named period is open again already)
        if last.outcome == PeriodOutcome.MISSED:
            raise PeriodMissed(task_id, last.deadline)
        if last.deadline >= (task.deadline or last.deadline):
            raise NotDone(task_id)
        task.deadline, task.scheduled_deadline = last.deadline, last.scheduled_deadline
        task.period_current_from = None
        await session.delete(last)
    elif task.status != TaskStatus.DONE:
        raise NotDone(task_id)
    elif closed_at is not None and closing_second(task) != closed_at:
        raise ClosedAgain(task_id)
    else:
        task.status = TaskStatus.OPEN
        task.done_at = task.done_by = task.done_note = None
    task.updated_at = now
    session.add(task)
    audit(session, task_id=task_id, action="reopened", actor=actor, now=now)
    await session.flush()
    return task


async def withdraw_task(
    *, session: AsyncSession, task_id: int, actor: int | None, reason: str | None, now: datetime
) -> Task:
    """Withdraw a task no longer in force: never reminded, listed or counted again, kept with
    its history; raises TaskNotFound, DoneNotWithdrawn or Withdrawn.

    Unlike closing it as done, which would count it in the month's report as done on time.
    """
    task = await _lock(session, task_id)
    if task.status == TaskStatus.DONE:
        raise DoneNotWithdrawn(task_id)
    if task.status == TaskStatus.WITHDRAWN:
        raise Withdrawn(task_id)
    task.status = TaskStatus.WITHDRAWN
    task.done_at, task.done_by, task.done_note, task.updated_at = now, actor, reason, now
    session.add(task)
    audit(session, task_id=task_id, action="withdrawn", actor=actor, now=now, detail=reason)
    await session.flush()
    # Imported here: storage.extensions builds on this module.
    from storage.extensions import expire_outdated

    await expire_outdated(session=session, task=task, actor=actor, now=now)
    return task


async def restore_task(
    *, session: AsyncSession, task_id: int, actor: int | None, now: datetime, today: date
) -> Task:
    """Put a withdrawn task back in force (withdrawn by mistake, or by a revision itself
    revised); raises TaskNotFound or NotWithdrawn.

    A one-off task keeps its deadline, overdue if that has passed: the work is still owed. A
    recurring duty resumes at its first period not yet over: the periods that fell due while it
    was withdrawn were never reminded, so they are skipped, not recorded as missed.
    """
    task = await _lock(session, task_id)
    if task.status != TaskStatus.WITHDRAWN:
        raise NotWithdrawn(task_id)
    task.status = TaskStatus.OPEN
    task.done_at = task.done_by = task.done_note = None
    skipped = []
    while (
        task.recurrence is not None
        and task.deadline is not None
        and WORKING_DAYS.closing_day(task.deadline) < today
    ):
        skipped.append(task.deadline.isoformat())
        task.deadline, task.schedule_day = next_deadline(task), _schedule_day_of(task)
        task.scheduled_deadline = None
    task.period_current_from = None
    task.updated_at = now
    session.add(task)
    detail = f"skipped {', '.join(skipped)}" if skipped else None
    audit(session, task_id=task_id, action="restored", actor=actor, now=now, detail=detail)
    await session.flush()
    return task


def closing_second(task: Task) -> datetime | None:
    """What names a one-off task's closing: the second it was closed at (None while open).
    Whole seconds, so that a backend keeping less than microseconds still finds it."""
    return task.done_at.replace(microsecond=0) if task.done_at is not None else None


async def roll_missed_periods(
    *,
    session: AsyncSession,
    today: date,
    lead_days: int,
    now: datetime,
    chased_until: Callable[[date], date] | None = None,
    working_days: bool = False,
) -> int:
    """Close as missed the periods of recurring tasks whose next period's reminders have begun
    and whose own chase is over.

    A missed monthly report is chased as overdue until the next month's first reminder is due
    (lead_days before its deadline, counted in working days or not, on the day the reminder
    policy sends it, WorkingCalendar.reminder_day: a first reminder moved to before Tết finds
    the new month current); then the missed month is recorded and the task moves on. A period
    is never closed before chased_until(its deadline) has passed (the day of its escalation to
    the coordinators): a missed weekly report, whose next week's first reminder falls on its
    own deadline, is chased and escalated like any overdue task first. An escalation that did
    not go out by then (the bot down that day, the send failed) is not lost: the sweep
    escalates a task's last period recorded missed too, so that no period waits here on a chat
    that may never take it.
    Nor is a period closed before a sweep has chased it (Task.period_current_from): the day
    after the sweep that made it current, or, for one that something else made current (a late
    /done after that morning's digest, a new task, an undo), the day after the first sweep that
    found it past its deadline, even when its own chase was over by then. Two weeks that close
    on one day (the one due in Tết and the one due the Monday after) are recorded a working day
    apart, the second chased in between; after the bot was down, every period whose day has
    passed after the one it found current is recorded at once.
    Returns how many periods closed.
    """
    query = select(Task).where(
        Task.status == TaskStatus.OPEN,
        col(Task.recurrence).is_not(None),
        col(Task.deadline) < today,
    )

    def closes_after(deadline: date, following: date) -> date:
        """The first day the period due on deadline may be recorded missed, by its own chase."""
        day = max(
            deadline + timedelta(days=1),
            WORKING_DAYS.reminder_day(following, lead_days, working_days=working_days),
        )
        return day if chased_until is None else max(day, chased_until(deadline) + timedelta(days=1))

    closed = 0
    for task in (await session.exec(query.with_for_update())).all():
        assert task.deadline is not None and task.recurrence is not None and task.id is not None
        if task.period_current_from is None:
            # Made current by something else, perhaps after this morning's digest, and not yet
            # found late by a sweep: this one chases it first.
            task.period_current_from = today
            session.add(task)
            continue
        while True:
            closes_on = max(
                closes_after(task.deadline, next_deadline(task)),
                task.period_current_from + timedelta(days=1),
            )
            if closes_on > today:
                break
            missed = task.deadline
            await _close_period(session, task, PeriodOutcome.MISSED, now=now)
            # Current from the day a sweep every working day would have moved the task on: today
            # unless the bot was down, when the periods whose day has passed are recorded too.
            task.period_current_from = WORKING_DAYS.next_working_day(closes_on)
            audit(
                session,
                task_id=task.id,
                action="period_missed",
                actor=None,
                now=now,
                detail=missed.isoformat(),
            )
            closed += 1
    await session.flush()
    return closed


async def periods(*, session: AsyncSession, task_id: int) -> list[TaskPeriod]:
    """The closed periods of a recurring task, oldest first."""
    query = (
        select(TaskPeriod).where(TaskPeriod.task_id == task_id).order_by(col(TaskPeriod.deadline))
    )
    return list((await session.exec(query)).all())


async def audit_trail(*, session: AsyncSession, task_id: int) -> list[AuditEntry]:
    """The changes of a task, oldest first."""
    query = (
        select(AuditEntry)
        .where(AuditEntry.task_id == task_id)
        .order_by(col(AuditEntry.at), col(AuditEntry.id))
    )
    return list((await session.exec(query)).all())
