"""Extension requests: an agency asks for more time, a coordinator decides."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.access import Caller, visible_task
from storage.errors import (
    AlreadyDecided,
    AlreadyDone,
    BadExtensionDate,
    CoordinatorsOnly,
    ExtensionPending,
    NoDeadline,
    RequestNotFound,
)
from storage.models import ExtensionRequest, ExtensionStatus, Task, TaskStatus
from storage.tasks import TaskView, audit, get_task


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
    """Ask for a later deadline for one of the caller's open tasks; one request at a time."""
    view = await visible_task(session=session, caller=caller, task_id=task_id)
    deadline = view.task.deadline
    if view.task.status == TaskStatus.DONE:
        raise AlreadyDone(task_id)
    if deadline is None:
        raise NoDeadline(task_id)
    if new_deadline <= deadline or new_deadline < today:
        raise BadExtensionDate(task_id)
    pending = await session.exec(
        select(ExtensionRequest).where(
            ExtensionRequest.task_id == task_id, ExtensionRequest.status == ExtensionStatus.PENDING
        )
    )
    if pending.first() is not None:
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
    request: ExtensionRequest
    view: TaskView


async def decide_extension(
    *, session: AsyncSession, caller: Caller, request_id: int, approve: bool, now: datetime
) -> Decision:
    """A coordinator approves (the deadline moves) or rejects a pending request."""
    if not caller.is_coordinator:
        raise CoordinatorsOnly()
    request = await session.get(ExtensionRequest, request_id, with_for_update=True)
    if request is None:
        raise RequestNotFound(request_id)
    if request.status != ExtensionStatus.PENDING:
        raise AlreadyDecided(request_id)
    request.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REJECTED
    request.decided_by, request.decided_at = caller.user_id, now
    session.add(request)
    if approve:
        task = await session.get(Task, request.task_id, with_for_update=True)
        assert task is not None
        old = task.deadline
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
