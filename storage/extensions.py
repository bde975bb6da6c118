"""Extension requests: an agency asks for more time, a coordinator decides."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import update
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
from storage.ledger import ClaimPolicy
from storage.models import AuditEntry, ExtensionRequest, ExtensionStatus, Task, TaskStatus
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


# A request's notice to each coordinator chat is claimed before it is sent and each part Telegram
# takes is recorded, as the sweep does with reminders, so that a notice that failed is sent again
# and a part that arrived never is. The record is kept in the audit trail, not in the reminder
# ledger: a chat sent anything there counts as having had its morning digest, and a coordinator
# would miss that day's escalations.
NOTICE_CLAIMED = "extension_notice_claimed"  # detail: "REQUEST>CHAT"
NOTICE_PART = "extension_notice_part"  # detail: "REQUEST>CHAT#PART/PARTS"
NOTICE_FAILED = "extension_notice_failed"  # detail: "REQUEST>CHAT: error"
_NOTICE_DETAIL = re.compile(r"^(\d+)>(-?\d+)(?:#(\d+)/(\d+))?")


@dataclass(frozen=True)
class Notice:
    """A request's notice to one coordinator chat (a Telegram id), claimed for sending; the
    first parts_sent parts reached the chat on an earlier try."""

    request: ExtensionRequest
    view: TaskView
    chat_id: int
    parts_sent: int = 0

    @property
    def key(self) -> str:
        return f"{self.request.id}>{self.chat_id}"


def _record(session: AsyncSession, notice: Notice, action: str, detail: str, now: datetime) -> None:
    audit(
        session, task_id=notice.request.task_id, action=action, actor=None, now=now, detail=detail
    )


def claim_notices(
    *,
    session: AsyncSession,
    request: ExtensionRequest,
    view: TaskView,
    chat_ids: Sequence[int],
    now: datetime,
) -> list[Notice]:
    """Claim a new request's notice to each coordinator chat, in the transaction that saves the
    request: no other sender can see the request before its claims."""
    notices = [Notice(request, view, chat_id) for chat_id in chat_ids]
    for notice in notices:
        _record(session, notice, NOTICE_CLAIMED, notice.key, now)
    return notices


async def record_part(
    *, session: AsyncSession, notice: Notice, part: int, parts: int, now: datetime
) -> None:
    """Telegram took part (counted from 1) of the notice's parts."""
    _record(session, notice, NOTICE_PART, f"{notice.key}#{part}/{parts}", now)


async def record_failure(
    *, session: AsyncSession, notice: Notice, error: str, now: datetime
) -> None:
    """A try failed: the notice may be claimed again at once, while tries remain."""
    _record(session, notice, NOTICE_FAILED, f"{notice.key}: {error}"[:500], now)


@dataclass
class _Progress:
    """How far a notice got, from its audit entries, oldest first."""

    last: str  # the latest action
    last_at: datetime
    parts_sent: int = 0
    delivered: bool = False
    failures: int = 0

    def owed(self, now: datetime, policy: ClaimPolicy) -> bool:
        """Not delivered, and not being sent: it failed with tries left, or its sender went
        quiet (the process died) for longer than a claim lasts."""
        if self.delivered:
            return False
        if self.last == NOTICE_FAILED:
            return self.failures < policy.max_attempts
        return self.last_at < now - policy.stale_after


async def reclaim_notices(
    *, session: AsyncSession, now: datetime, policy: ClaimPolicy
) -> list[Notice]:
    """Claim again the notices of pending requests that failed or were abandoned."""
    # Lock the pending requests first, with an UPDATE because SQLite ignores SELECT ... FOR
    # UPDATE: a second sender (another instance's sweep) waits here, then finds these claims.
    pending = col(ExtensionRequest.status) == ExtensionStatus.PENDING
    await session.exec(
        update(ExtensionRequest).where(pending).values(status=ExtensionStatus.PENDING)
    )
    requests = {
        request.id: request
        for request in (await session.exec(select(ExtensionRequest).where(pending))).all()
    }
    entries = await session.exec(
        select(AuditEntry)
        .where(
            col(AuditEntry.task_id).in_(sorted({r.task_id for r in requests.values()})),
            col(AuditEntry.action).in_([NOTICE_CLAIMED, NOTICE_PART, NOTICE_FAILED]),
        )
        .order_by(col(AuditEntry.id))
    )
    progress: dict[tuple[int, int], _Progress] = {}
    for entry in entries.all():
        found = _NOTICE_DETAIL.match(entry.detail or "")
        if found is None or int(found[1]) not in requests:
            continue
        key = (int(found[1]), int(found[2]))
        state = progress.setdefault(key, _Progress(entry.action, entry.at))
        state.last, state.last_at = entry.action, entry.at
        if entry.action == NOTICE_PART:
            state.parts_sent = int(found[3])
            state.delivered = found[3] == found[4]
        elif entry.action == NOTICE_FAILED:
            state.failures += 1
    notices = []
    for (request_id, chat_id), state in progress.items():
        if not state.owed(now, policy):
            continue
        request = requests[request_id]
        view = await get_task(session=session, task_id=request.task_id)
        if _outdated(request, view.task):
            continue  # nothing left to decide: deciding it, or asking again, expires it
        notice = Notice(request, view, chat_id, state.parts_sent)
        _record(session, notice, NOTICE_CLAIMED, notice.key, now)
        notices.append(notice)
    return notices
