"""Extension requests: an agency asks for more time, a coordinator decides. The notices that
tell the coordinators of a request are storage.notices'."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

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
)
from storage.models import (
    ExtensionRequest,
    ExtensionStatus,
    Task,
    TaskStatus,
)
from storage.tasks import TaskView, audit, get_task, next_deadline


def _outdated(request: ExtensionRequest, task: Task) -> bool:
    """The request asked to move a deadline the task no longer has: the period closed, the
    task was done, or its deadline changed since."""
    return task.status == TaskStatus.DONE or task.deadline != request.current_deadline


def _expire(
    session: AsyncSession, request: ExtensionRequest, *, actor: int | None, now: datetime
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
        detail=f"{request.id}: asked to move {request.current_deadline}",
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
) -> tuple[ExtensionRequest, TaskView]:
    """Ask for a later deadline for one of the caller's open tasks; one request at a time.

    For a recurring task the request is for the current period only, so it must end before the
    next period's deadline.
    """
    view = await task_to_act_on(session=session, caller=caller, task_id=task_id)
    task = view.task
    deadline = task.deadline
    if task.status == TaskStatus.DONE:
        raise AlreadyDone(task_id)
    if deadline is None:
        raise NoDeadline(task_id)
    if new_deadline <= deadline or new_deadline < today:
        raise BadExtensionDate(task_id)
    if task.recurrence and new_deadline >= next_deadline(task):
        raise ExtensionBeyondPeriod(task_id)
    for waiting in await _pending(session, task_id):
        if not _outdated(waiting, task):
            raise ExtensionPending(task_id)
        _expire(session, waiting, actor=None, now=now)  # its period closed: ask afresh
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
    """What became of a request: approved, rejected, or expired (request.status says which)."""

    request: ExtensionRequest
    view: TaskView


async def decide_extension(
    *, session: AsyncSession, caller: Caller, request_id: int, approve: bool, now: datetime
) -> Decision:
    """A coordinator approves (the deadline moves) or rejects a pending request.

    A request whose deadline the task no longer has (the period was closed, the task done or
    its deadline changed) expires instead: approving it would move the wrong deadline.
    For a recurring task only the current period moves; the schedule stays.
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
    request.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
    request.decided_by, request.decided_at = caller.user_id, now
    session.add(request)
    if approve:
        old = task.deadline
        if task.recurrence and task.scheduled_deadline is None:
            task.scheduled_deadline = old  # the next period is counted from the schedule
        task.deadline, task.updated_at = request.requested_deadline, now
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
