"""Extension requests: an agency asks for more time, a coordinator decides; and the notices
that tell the coordinators of a request, or of an agency's chat lost, kept until delivered."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

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
from storage.models import (
    Agency,
    AuditEntry,
    Chat,
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


# A notice to each coordinator chat is claimed before it is sent and each part Telegram takes is
# recorded, as the sweep does with reminders, so that a notice that failed is sent again and a
# part that arrived never is. The record is kept in the audit trail, not in the reminder ledger:
# a chat sent anything there counts as having had its morning digest, and a coordinator would
# miss that day's escalations. Two kinds of notice share it: an extension request's (under its
# task) and an agency's chat lost (under no task), each with its own actions.


@dataclass(frozen=True)
class Trail:
    """The audit actions that keep one kind of notice; details read "SUBJECT>CHAT", then
    "#PART/PARTS" for a part, ": text" for a claim's reason or a failure's error."""

    claimed: str
    part: str
    failed: str

    @property
    def actions(self) -> list[str]:
        return [self.claimed, self.part, self.failed]


NOTICE_CLAIMED = "extension_notice_claimed"  # detail: "REQUEST>CHAT"
NOTICE_PART = "extension_notice_part"  # detail: "REQUEST>CHAT#PART/PARTS"
NOTICE_FAILED = "extension_notice_failed"  # detail: "REQUEST>CHAT: error"
EXTENSION_NOTICE = Trail(NOTICE_CLAIMED, NOTICE_PART, NOTICE_FAILED)
# detail: "CHAT>COORDINATOR CHAT: reason" (CHAT: the lost chat's row id)
CHAT_LOST_NOTICE = Trail(
    "chat_lost_notice_claimed", "chat_lost_notice_part", "chat_lost_notice_failed"
)
_NOTICE_DETAIL = re.compile(r"^(\d+)>(-?\d+)(?:#(\d+)/(\d+))?(?:: (.*))?$", re.DOTALL)


@dataclass(frozen=True)
class Notice:
    """A request's notice to one coordinator chat (a Telegram id), claimed for sending; the
    first parts_sent parts reached the chat on an earlier try."""

    request: ExtensionRequest
    view: TaskView
    chat_id: int
    parts_sent: int = 0
    trail: ClassVar[Trail] = EXTENSION_NOTICE

    @property
    def key(self) -> str:
        return f"{self.request.id}>{self.chat_id}"

    @property
    def task_id(self) -> int | None:
        return self.request.task_id


@dataclass(frozen=True)
class ChatLostNotice:
    """The coordinators' notice that an agency's chat stopped taking reminders (and was paused),
    to one coordinator chat; reason is Telegram's refusal (see bot.delivery.why_unavailable)."""

    chat: Chat
    agency: Agency | None
    reason: str
    chat_id: int
    parts_sent: int = 0
    trail: ClassVar[Trail] = CHAT_LOST_NOTICE

    @property
    def key(self) -> str:
        return f"{self.chat.id}>{self.chat_id}"

    @property
    def task_id(self) -> int | None:
        return None


AnyNotice = Notice | ChatLostNotice


def _record(
    session: AsyncSession, notice: AnyNotice, action: str, detail: str, now: datetime
) -> None:
    session.add(
        AuditEntry(task_id=notice.task_id, at=now, actor=None, action=action, detail=detail)
    )


def _claim(session: AsyncSession, notice: AnyNotice, now: datetime, *, first: bool) -> None:
    """Claim a notice; a lost chat's first claim says why (a chat lost again is a new notice)."""
    reason = f": {notice.reason}" if first and isinstance(notice, ChatLostNotice) else ""
    _record(session, notice, notice.trail.claimed, f"{notice.key}{reason}"[:500], now)


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
        _claim(session, notice, now, first=True)
    return notices


async def claim_chat_lost_notices(
    *, session: AsyncSession, chat: Chat, reason: str, chat_ids: Sequence[int], now: datetime
) -> list[ChatLostNotice]:
    """Claim the notice that a paused chat was lost, to each coordinator chat (not to the lost
    chat itself), in the transaction that pauses it where there is one."""
    agency = await session.get(Agency, chat.agency_id) if chat.agency_id else None
    notices = [
        ChatLostNotice(chat, agency, reason, chat_id)
        for chat_id in chat_ids
        if chat_id != chat.telegram_id
    ]
    for notice in notices:
        _claim(session, notice, now, first=True)
    return notices


async def record_part(
    *, session: AsyncSession, notice: AnyNotice, part: int, parts: int, now: datetime
) -> None:
    """Telegram took part (counted from 1) of the notice's parts."""
    _record(session, notice, notice.trail.part, f"{notice.key}#{part}/{parts}", now)


async def record_failure(
    *, session: AsyncSession, notice: AnyNotice, error: str, now: datetime
) -> None:
    """A try failed: the notice may be claimed again at once, while tries remain."""
    _record(session, notice, notice.trail.failed, f"{notice.key}: {error}"[:500], now)


@dataclass
class _Progress:
    """How far a notice got, from its audit entries, oldest first."""

    last: str  # the latest action
    last_at: datetime
    trail: Trail
    reason: str = ""  # what its first claim said (a lost chat's reason)
    parts_sent: int = 0
    delivered: bool = False
    failures: int = 0

    def owed(self, now: datetime, policy: ClaimPolicy) -> bool:
        """Not delivered, and not being sent: it failed with tries left, or its sender went
        quiet (the process died) for longer than a claim lasts."""
        if self.delivered:
            return False
        if self.last == self.trail.failed:
            return self.failures < policy.max_attempts
        return self.last_at < now - policy.stale_after


async def _progress(
    session: AsyncSession, trail: Trail, of_tasks: Sequence[int] | None
) -> dict[tuple[int, int], _Progress]:
    """How far each notice of a kind got, by (subject, coordinator chat): those of these tasks,
    or of no task (None)."""
    about = (
        col(AuditEntry.task_id).is_(None)
        if of_tasks is None
        else col(AuditEntry.task_id).in_(sorted(set(of_tasks)))
    )
    entries = await session.exec(
        select(AuditEntry)
        .where(about, col(AuditEntry.action).in_(trail.actions))
        .order_by(col(AuditEntry.id))
    )
    progress: dict[tuple[int, int], _Progress] = {}
    for entry in entries.all():
        found = _NOTICE_DETAIL.match(entry.detail or "")
        if found is None:
            continue
        key = (int(found[1]), int(found[2]))
        if entry.action == trail.claimed and found[5] is not None:
            progress[key] = _Progress(entry.action, entry.at, trail, found[5])  # lost anew
        state = progress.setdefault(key, _Progress(entry.action, entry.at, trail))
        state.last, state.last_at = entry.action, entry.at
        if entry.action == trail.part:
            state.parts_sent = int(found[3])
            state.delivered = found[3] == found[4]
        elif entry.action == trail.failed:
            state.failures += 1
    return progress


async def reclaim_notices(
    *, session: AsyncSession, now: datetime, policy: ClaimPolicy
) -> list[AnyNotice]:
    """Claim again the notices that failed or were abandoned: of pending requests, and of
    chats still paused."""
    return [
        *await _reclaim_extension_notices(session, now, policy),
        *await _reclaim_chat_lost_notices(session, now, policy),
    ]


async def _reclaim_extension_notices(
    session: AsyncSession, now: datetime, policy: ClaimPolicy
) -> list[Notice]:
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
    progress = await _progress(session, EXTENSION_NOTICE, [r.task_id for r in requests.values()])
    notices = []
    for (request_id, chat_id), state in progress.items():
        if request_id not in requests or not state.owed(now, policy):
            continue
        request = requests[request_id]
        view = await get_task(session=session, task_id=request.task_id)
        if _outdated(request, view.task):
            continue  # nothing left to decide: deciding it, or asking again, expires it
        notice = Notice(request, view, chat_id, state.parts_sent)
        _claim(session, notice, now, first=False)
        notices.append(notice)
    return notices


async def _reclaim_chat_lost_notices(
    session: AsyncSession, now: datetime, policy: ClaimPolicy
) -> list[ChatLostNotice]:
    # Locked as above: the paused chats. One registered again meanwhile needs no notice.
    paused = col(Chat.active).is_(False)
    await session.exec(update(Chat).where(paused).values(active=False))
    chats = {chat.id: chat for chat in (await session.exec(select(Chat).where(paused))).all()}
    notices = []
    for (chat_row_id, chat_id), state in (await _progress(session, CHAT_LOST_NOTICE, None)).items():
        chat = chats.get(chat_row_id)
        if chat is None or not state.owed(now, policy):
            continue
        agency = await session.get(Agency, chat.agency_id) if chat.agency_id else None
        notice = ChatLostNotice(chat, agency, state.reason, chat_id, state.parts_sent)
        _claim(session, notice, now, first=False)
        notices.append(notice)
    return notices
