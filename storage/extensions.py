"""Extension requests: an agency asks for more time, a coordinator decides. The notices that
tell the coordinators of a request are storage.notices'."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.access import Caller, task_to_act_on
from storage.errors import (
    AlreadyDecided,
    AlreadyDone,
    BadExtensionDate,
    CoordinatorsOnly,
    ExtensionBeyondPeriod,
    ExtensionPending,
    NoDeadline,
    RequestNotFound,
    Withdrawn,
)
from storage.models import (
    ExtensionRequest,
    ExtensionStatus,
    Task,
    TaskStatus,
)
from storage.tasks import WORKING_DAYS, TaskView, audit, get_task, next_deadline


def _outdated(request: ExtensionRequest, task: Task) -> bool:
    """The request asked to move a deadline the task no longer has: the period closed, the
    task was done or withdrawn, or its deadline changed since."""
    return task.status != TaskStatus.OPEN or task.deadline != request.current_deadline


def _gone(deadline: date, today: date) -> bool:
    """A deadline already over on today: it closed on a day before (a deadline on a day off runs
    until the next working day, WorkingCalendar.closing_day)."""
    return WORKING_DAYS.closing_day(deadline) < today


def _lapsed(request: ExtensionRequest, today: date) -> bool:
    """The day the request asked for is over: granted now, it would set a deadline already
    gone (request_extension refuses to ask for one)."""
    return _gone(request.requested_deadline, today)


def _expire(
    session: AsyncSession,
    request: ExtensionRequest,
    *,
    actor: int | None,
    now: datetime,
    why: str | None = None,
) -> None:
    request.status, request.decided_by, request.decided_at = ExtensionStatus.EXPIRED, actor, now
    session.add(request)
    assert request.id is not None
    audit(
        session,
        task_id=request.task_id,
        action="extension_expired",
        actor=actor,
        now=now,
        detail=f"{request.id}: asked to move {request.current_deadline}"
        + (f" ({why})" if why else ""),
    )


async def _pending(session: AsyncSession, task_id: int) -> Sequence[ExtensionRequest]:
    query = select(ExtensionRequest).where(
        ExtensionRequest.task_id == task_id, ExtensionRequest.status == ExtensionStatus.PENDING
    )
    return (await session.exec(query)).all()


async def expire_outdated(
    *, session: AsyncSession, task: Task, actor: int | None, now: datetime
) -> None:
    """Expire the task's pending requests to move a deadline it no longer has."""
    assert task.id is not None
    for request in await _pending(session, task.id):
        if _outdated(request, task):
            _expire(session, request, actor=actor, now=now)


def latest_extension(
    task: Task,
    *,
    lead_days: int,
    chased_until: Callable[[date], date],
    working_days: bool = False,
) -> date | None:
    """The latest day a recurring task's current period may be extended to; None when no day
    after its deadline will do.

    The sweep moves a periodic task past a missed period only once the next period's reminders
    have begun (lead_days before it, counted as the policy counts them: working_days,
    WorkingCalendar.reminder_day) and the missed period's own chase is over
    (chased_until its deadline: its escalation to the coordinators): see
    storage.tasks.roll_missed_periods. An extended period that is missed all the same must be
    done with its chase by then, or the next period would go unreminded until after its own
    deadline. A weekly duty reminded 7 days ahead has no such day.
    """
    assert task.deadline is not None
    begins = WORKING_DAYS.reminder_day(next_deadline(task), lead_days, working_days=working_days)
    latest = begins - timedelta(days=1)
    while latest > task.deadline and chased_until(latest) >= begins:
        latest -= timedelta(days=1)
    return latest if latest > task.deadline else None


async def task_to_extend(*, session: AsyncSession, caller: Caller, task_id: int) -> TaskView:
    """The task if the caller may ask for more time for it: theirs to act on (task_to_act_on),
    open, and with a deadline; raises as task_to_act_on does, or AlreadyDone, Withdrawn or
    NoDeadline."""
    view = await task_to_act_on(session=session, caller=caller, task_id=task_id)
    if view.task.status == TaskStatus.DONE:
        raise AlreadyDone(task_id)
    if view.task.status == TaskStatus.WITHDRAWN:
        raise Withdrawn(task_id)
    if view.task.deadline is None:
        raise NoDeadline(task_id)
    return view


async def request_extension(
    *,
    session: AsyncSession,
    caller: Caller,
    chat_id: int,
    task_id: int,
    new_deadline: date,
    reason: str | None,
    today: date,
    now: datetime,
    lead_days: int,
    chased_until: Callable[[date], date],
    working_days: bool = False,
) -> tuple[ExtensionRequest, TaskView]:
    """Ask for a later deadline for one of the caller's open tasks; one request at a time.

    The day asked for may be one already past that is still running (a holiday, closing
    today). For a recurring task the request is for the current period only, and no later
    than latest_extension (lead_days, chased_until and working_days: the sweep's, as it rolls
    missed periods).
    """
    view = await task_to_extend(session=session, caller=caller, task_id=task_id)
    task = view.task
    deadline = task.deadline
    assert deadline is not None
    if new_deadline <= deadline or _gone(new_deadline, today):
        raise BadExtensionDate(task_id)
    if task.recurrence:
        latest = latest_extension(
            task, lead_days=lead_days, chased_until=chased_until, working_days=working_days
        )
        if latest is None or new_deadline > latest:
            raise ExtensionBeyondPeriod(task_id, next_deadline=next_deadline(task), latest=latest)
    for waiting in await _pending(session, task_id):
        if _outdated(waiting, task):
            _expire(session, waiting, actor=None, now=now)  # its period closed: ask afresh
        elif _lapsed(waiting, today):
            # It can no longer be approved (decide_extension would expire it): it must not
            # stop the agency from asking for a day still ahead.
            _expire(
                session,
                waiting,
                actor=None,
                now=now,
                why=f"{waiting.requested_deadline} had passed when asked again",
            )
        else:
            raise ExtensionPending(task_id)
    request = ExtensionRequest(
        task_id=task_id,
        requested_by=caller.user_id,
        requested_in_chat=chat_id,
        current_deadline=deadline,
        requested_deadline=new_deadline,
        reason=reason,
        created_at=now,
    )
    session.add(request)
    audit(
        session,
        task_id=task_id,
        action="extension_requested",
        actor=caller.user_id,
        now=now,
        detail=f"{deadline} -> {new_deadline}: {reason or ''}".strip(),
    )
    await session.flush()
    return request, view


@dataclass(frozen=True)
class Decision:
    """What became of a request: approved, rejected, or expired (request.status says which);
    lapsed: expired because it was approved after the day it asked for."""

    request: ExtensionRequest
    view: TaskView
    lapsed: bool = False


async def decide_extension(
    *,
    session: AsyncSession,
    caller: Caller,
    request_id: int,
    approve: bool,
    today: date,
    now: datetime,
) -> Decision:
    """A coordinator approves (the deadline moves) or rejects a pending request.

    A request whose deadline the task no longer has (the period was closed, the task done or
    its deadline changed) expires instead: approving it would move the wrong deadline.
    Approved after the day it asked for, it expires too (lapsed): that deadline is gone, the
    agency would be told of a "new deadline" while already late, and the task's reminders and
    escalation would start over for it. It is closed rather than kept waiting: it can never be
    approved now, and while it waited the agency could not ask for a day still ahead. Rejecting
    it stays possible. For a recurring task only the current period moves; the schedule stays.
    """
    if not caller.is_coordinator:
        raise CoordinatorsOnly()
    request = await session.get(ExtensionRequest, request_id, with_for_update=True)
    if request is None:
        raise RequestNotFound(request_id)
    if request.status != ExtensionStatus.PENDING:
        raise AlreadyDecided(request_id)
    task = await session.get(Task, request.task_id, with_for_update=True)
    assert task is not None
    if _outdated(request, task):
        _expire(session, request, actor=caller.user_id, now=now)
        await session.flush()
        return Decision(request, await get_task(session=session, task_id=request.task_id))
    if approve and _lapsed(request, today):
        _expire(
            session,
            request,
            actor=caller.user_id,
            now=now,
            why=f"{request.requested_deadline} had passed when approved",
        )
        await session.flush()
        view = await get_task(session=session, task_id=request.task_id)
        return Decision(request, view, lapsed=True)
    request.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
    request.decided_by, request.decided_at = caller.user_id, now
    session.add(request)
    if approve:
        old = task.deadline
        if task.recurrence and task.scheduled_deadline is None:
            task.scheduled_deadline = old  # the next period is counted from the schedule
        # The hour the document gave was the old day's: the new day is a whole day.
        task.deadline, task.deadline_time = request.requested_deadline, None
        task.updated_at = now
        session.add(task)
        audit(
            session,
            task_id=request.task_id,
            action="deadline_changed",
            actor=caller.user_id,
            now=now,
            detail=f"{old} -> {request.requested_deadline} (extension {request_id})",
        )
    else:
        audit(
            session,
            task_id=request.task_id,
            action="extension_rejected",
            actor=caller.user_id,
            now=now,
            detail=str(request_id),
        )
    await session.flush()
    return Decision(request, await get_task(session=session, task_id=request.task_id))


async def pending_requests(*, session: AsyncSession) -> list[tuple[ExtensionRequest, TaskView]]:
    """The requests waiting for a coordinator's decision, oldest first; not those for a deadline
    the task no longer has (deciding one would only expire it)."""
    query = (
        select(ExtensionRequest)
        .where(ExtensionRequest.status == ExtensionStatus.PENDING)
        .order_by(col(ExtensionRequest.id))
    )
    waiting = []
    for request in (await session.exec(query)).all():
        view = await get_task(session=session, task_id=request.task_id)
        if not _outdated(request, view.task):
            waiting.append((request, view))
    return waiting
