"""The outbox of notices to the coordinators (an extension request to decide, an agency's chat
lost): queued in the transaction that gives rise to them, claimed before sending, each part
recorded as Telegram takes it.

A notice is queued claimed by the instance that queues it, which sends it at once. A claim is
taken back, as the reminder ledger's is (storage.ledger), by one conditional UPDATE: after a
failure while tries remain, or once its holder went quiet for ClaimPolicy.stale_after. Two
instances taking back the same notice at once never both get it (PostgreSQL checks the
condition again on the row the first committed; SQLite runs one writer at a time). A notice is
kept out of the reminder ledger on purpose: a chat sent anything there counts as having had its
morning digest, and a coordinator would miss that day's escalations.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, exists, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage import access
from storage.ledger import ClaimPolicy
from storage.models import (
    Agency,
    Chat,
    ExtensionRequest,
    ExtensionStatus,
    Notice,
    NoticeKind,
    NoticeStatus,
    Task,
    TaskStatus,
)
from storage.tasks import TaskView, get_task


@dataclass(frozen=True)
class ExtensionNotice:
    """A request's notice to one coordinator chat, claimed for sending."""

    row: Notice
    request: ExtensionRequest
    view: TaskView


@dataclass(frozen=True)
class ChatLostNotice:
    """The notice that an agency's chat stopped taking reminders (and was paused), to one
    coordinator chat; row.reason is Telegram's refusal (see bot.delivery.why_unavailable)."""

    row: Notice
    chat: Chat
    agency: Agency | None


Outgoing = ExtensionNotice | ChatLostNotice


def _dialect(session: AsyncSession) -> str:
    assert session.bind is not None
    return session.bind.dialect.name


async def _queue(
    session: AsyncSession,
    *,
    kind: NoticeKind,
    subject_id: int,
    chat_ids: Sequence[int],
    reason: str | None,
    now: datetime,
    instance: str,
) -> list[Notice]:
    """Queue a notice to each chat, claimed by this instance for its first try."""
    insert = pg_insert if _dialect(session) == "postgresql" else sqlite_insert
    ids = []
    for chat_id in chat_ids:
        statement = (
            insert(Notice)
            .values(
                kind=kind,
                subject_id=subject_id,
                chat_id=chat_id,
                reason=reason,
                parts_sent=0,
                status=NoticeStatus.CLAIMED,
                attempts=1,
                claimed_at=now,
                claimed_by=instance,
                created_at=now,
            )
            # The same occasion queued twice (a unit of work run again) is one notice.
            .on_conflict_do_nothing(index_elements=["kind", "subject_id", "chat_id", "created_at"])
            .returning(col(Notice.id))
        )
        if (queued := (await session.exec(statement)).scalar_one_or_none()) is not None:
            ids.append(int(queued))
    return await _rows(session, ids)


async def _rows(session: AsyncSession, ids: Sequence[int]) -> list[Notice]:
    if not ids:
        return []
    query = select(Notice).where(col(Notice.id).in_(ids)).order_by(col(Notice.id))
    return list((await session.exec(query)).all())


async def extension_requested(
    *,
    session: AsyncSession,
    request: ExtensionRequest,
    view: TaskView,
    chat_ids: Sequence[int],
    now: datetime,
    instance: str,
) -> list[ExtensionNotice]:
    """Queue a new request's notice to each coordinator chat, in the transaction that saves the
    request: no other sender can see the request before its notices."""
    assert request.id is not None
    rows = await _queue(
        session,
        kind=NoticeKind.EXTENSION_REQUEST,
        subject_id=request.id,
        chat_ids=chat_ids,
        reason=None,
        now=now,
        instance=instance,
    )
    return [ExtensionNotice(row, request, view) for row in rows]


async def lose_chat(
    *,
    session: AsyncSession,
    telegram_id: int,
    reason: str,
    configured: Collection[int],
    now: datetime,
    instance: str,
) -> list[ChatLostNotice] | None:
    """Pause a chat the bot may no longer post in, and queue in the same transaction the notice
    of it to each coordinator chat (not to the lost chat itself): None when the chat was paused
    already (the coordinators were told then) or spoke for nothing.

    configured: the coordinators named in the configuration.
    """
    chat = await access.pause_chat(session=session, telegram_id=telegram_id, configured=configured)
    if chat is None:
        return None
    assert chat.id is not None
    coordinators = await access.coordinator_chat_ids(
        session=session, configured=frozenset(configured)
    )
    rows = await _queue(
        session,
        kind=NoticeKind.CHAT_LOST,
        subject_id=chat.id,
        chat_ids=[chat_id for chat_id in coordinators if chat_id != telegram_id],
        reason=reason[:500],
        now=now,
        instance=instance,
    )
    agency = await session.get(Agency, chat.agency_id) if chat.agency_id else None
    return [ChatLostNotice(row, chat, agency) for row in rows]


def _still_wanted() -> ColumnElement[bool]:
    """The notice's subject still needs telling: the request waits for a decision on the
    deadline the task still has, or the chat is still paused; and no later notice of the same
    subject to the same chat replaced it (the chat was lost again)."""
    later = aliased(Notice)
    request_waits = exists(
        select(ExtensionRequest.id)
        .join(Task, col(Task.id) == col(ExtensionRequest.task_id))
        .where(
            col(ExtensionRequest.id) == col(Notice.subject_id),
            col(ExtensionRequest.status) == ExtensionStatus.PENDING,
            col(Task.status) == TaskStatus.OPEN,
            # One whose deadline the task no longer has would only expire when decided.
            col(Task.deadline) == col(ExtensionRequest.current_deadline),
        )
    )
    chat_paused = exists(
        select(Chat.id).where(col(Chat.id) == col(Notice.subject_id), col(Chat.active).is_(False))
    )
    return and_(
        or_(
            and_(col(Notice.kind) == NoticeKind.EXTENSION_REQUEST, request_waits),
            and_(col(Notice.kind) == NoticeKind.CHAT_LOST, chat_paused),
        ),
        ~exists(
            select(later.id).where(
                later.kind == Notice.kind,
                later.subject_id == Notice.subject_id,
                later.chat_id == Notice.chat_id,
                col(later.id) > col(Notice.id),
            )
        ),
    )


def _takeable(now: datetime, policy: ClaimPolicy) -> ColumnElement[bool]:
    """Failed, or claimed by an instance that went quiet."""
    return or_(
        col(Notice.status) == NoticeStatus.FAILED,
        and_(
            col(Notice.status) == NoticeStatus.CLAIMED,
            col(Notice.claimed_at) < now - policy.stale_after,
        ),
    )


async def give_up_spent(
    *, session: AsyncSession, now: datetime, policy: ClaimPolicy
) -> list[Notice]:
    """Give up the notices that would be taken back but have used all their tries: those
    whose holder went quiet on the last try (a failure on it gives up at once)."""
    spent = await session.exec(
        update(Notice)
        .where(_takeable(now, policy), col(Notice.attempts) >= policy.max_attempts)
        .values(status=NoticeStatus.GIVEN_UP)
        .returning(col(Notice.id))
    )
    return await _rows(session, [int(notice_id) for notice_id in spent.scalars().all()])


# Why take_back gave a notice up untried: its chat is no coordinator's now.
NO_LONGER_A_COORDINATOR = "no longer a coordinator chat"


async def take_back(
    *,
    session: AsyncSession,
    now: datetime,
    instance: str,
    policy: ClaimPolicy,
    configured: Collection[int],
) -> list[Outgoing]:
    """Claim for this instance the notices that failed with tries left, or were abandoned, and
    whose subject still needs telling; each resumes after its parts already delivered.

    One to a chat no longer among the coordinators' (a coordinator who left, a coordinators'
    group paused) is given up instead: whoever is there may no longer decide a request, nor
    see the agencies' tasks it quotes. configured: the coordinators named in the configuration.
    """
    coordinators = await access.coordinator_chat_ids(
        session=session, configured=frozenset(configured)
    )
    await session.exec(
        update(Notice)
        .where(_takeable(now, policy), col(Notice.chat_id).not_in(coordinators))
        .values(status=NoticeStatus.GIVEN_UP, error=NO_LONGER_A_COORDINATOR)
    )
    taken = await session.exec(
        update(Notice)
        .where(
            _takeable(now, policy),
            col(Notice.attempts) < policy.max_attempts,
            col(Notice.chat_id).in_(coordinators),
            _still_wanted(),
        )
        .values(
            status=NoticeStatus.CLAIMED,
            claimed_at=now,
            claimed_by=instance,
            attempts=col(Notice.attempts) + 1,
        )
        .returning(col(Notice.id))
    )
    rows = await _rows(session, [int(notice_id) for notice_id in taken.scalars().all()])
    return [await _with_subject(session, row) for row in rows]


async def _with_subject(session: AsyncSession, row: Notice) -> Outgoing:
    if row.kind == NoticeKind.EXTENSION_REQUEST:
        request = await session.get(ExtensionRequest, row.subject_id)
        assert request is not None  # _still_wanted saw it
        return ExtensionNotice(
            row, request, await get_task(session=session, task_id=request.task_id)
        )
    chat = await session.get(Chat, row.subject_id)
    assert chat is not None
    agency = await session.get(Agency, chat.agency_id) if chat.agency_id else None
    return ChatLostNotice(row, chat, agency)


def _held(notice_id: int, instance: str) -> ColumnElement[bool]:
    """The notice is still claimed by this instance (not taken back by another)."""
    return and_(
        col(Notice.id) == notice_id,
        col(Notice.status) == NoticeStatus.CLAIMED,
        col(Notice.claimed_by) == instance,
    )


async def hold_notices(
    *, session: AsyncSession, ids: Collection[int], instance: str, now: datetime
) -> set[int]:
    """Renew this instance's claims of these notices while it sends them (a flood wait can
    outlast ClaimPolicy.stale_after): the ids still its own."""
    if not ids:
        return set()
    renewed = await session.exec(
        update(Notice)
        .where(
            col(Notice.id).in_(sorted(ids)),
            col(Notice.status) == NoticeStatus.CLAIMED,
            col(Notice.claimed_by) == instance,
        )
        .values(claimed_at=now)
        .returning(col(Notice.id))
    )
    return {int(notice_id) for notice_id in renewed.scalars().all()}


async def record_part(
    *,
    session: AsyncSession,
    notice_id: int,
    part: int,
    parts: int,
    instance: str,
    now: datetime,
) -> bool:
    """Telegram took part (counted from 1) of the notice's parts; the last makes it sent.
    Whether the claim is still this instance's (renewed): if not, another took it back after
    this one went quiet, and the rest is the other's to send."""
    delivered = part >= parts
    held = await session.exec(
        update(Notice)
        .where(_held(notice_id, instance))
        .values(
            parts_sent=part,
            claimed_at=now,
            status=NoticeStatus.SENT if delivered else NoticeStatus.CLAIMED,
            sent_at=now if delivered else None,
        )
        .returning(col(Notice.id))
    )
    return held.scalar_one_or_none() is not None


async def record_failure(
    *,
    session: AsyncSession,
    notice_id: int,
    error: str,
    instance: str,
    policy: ClaimPolicy,
    counted: bool = True,
) -> NoticeStatus | None:
    """A try failed: failed (taken back at once by the next sender) while tries remain, else
    given up. None when the claim was no longer this instance's.

    counted=False: Telegram was out of reach or asked to wait (the network, a 5xx, a flood
    wait), which says nothing against the notice: the try is given back. Counted, an outage of
    an hour would spend them all, the bot sweeping every few minutes while reminders are owed.
    """
    attempts = col(Notice.attempts) if counted else col(Notice.attempts) - 1
    recorded = await session.exec(
        update(Notice)
        .where(_held(notice_id, instance))
        .values(
            status=case(
                (attempts >= policy.max_attempts, NoticeStatus.GIVEN_UP),
                else_=NoticeStatus.FAILED,
            ),
            attempts=attempts,
            error=error[:500],
        )
        .returning(col(Notice.status))
    )
    status = recorded.scalar_one_or_none()
    return NoticeStatus(status) if status is not None else None


async def all_notices(*, session: AsyncSession) -> list[Notice]:
    """Every notice, oldest first."""
    return list((await session.exec(select(Notice).order_by(col(Notice.id)))).all())
