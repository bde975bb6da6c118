"""The reminder ledger: claim a (task, chat, slot) before sending, record what became of it.

A claim is an INSERT that the unique key lets through once, or a conditional UPDATE that takes
back a failed or abandoned claim; both are atomic on SQLite and PostgreSQL, so two sweeps, in one
process or in several, never both send the same reminder.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Chat, Reminder, ReminderStatus


@dataclass(frozen=True)
class SlotKey:
    task_id: int
    chat_id: int
    slot: str


@dataclass(frozen=True)
class ClaimPolicy:
    """When a claim may be taken back: after a failure, or from an instance that went quiet."""

    max_attempts: int = 5
    stale_after: timedelta = timedelta(minutes=10)


def _dialect(session: AsyncSession) -> str:
    assert session.bind is not None
    return session.bind.dialect.name


async def claim(
    *, session: AsyncSession, key: SlotKey, now: datetime, instance: str, policy: ClaimPolicy
) -> int | None:
    """Claim one reminder for this instance: its ledger id, or None when it is not ours to send."""
    insert = pg_insert if _dialect(session) == "postgresql" else sqlite_insert
    statement = (
        insert(Reminder)
        .values(
            task_id=key.task_id,
            chat_id=key.chat_id,
            slot=key.slot,
            status=ReminderStatus.CLAIMED,
            attempts=1,
            claimed_at=now,
            claimed_by=instance,
        )
        .on_conflict_do_nothing(index_elements=["task_id", "chat_id", "slot"])
        .returning(col(Reminder.id))
    )
    inserted = (await session.exec(statement)).scalar_one_or_none()
    if inserted is not None:
        return int(inserted)
    retake = (
        update(Reminder)
        .where(
            col(Reminder.task_id) == key.task_id,
            col(Reminder.chat_id) == key.chat_id,
            col(Reminder.slot) == key.slot,
            or_(
                and_(
                    col(Reminder.status) == ReminderStatus.FAILED,
                    col(Reminder.attempts) < policy.max_attempts,
                ),
                and_(
                    col(Reminder.status) == ReminderStatus.CLAIMED,
                    col(Reminder.claimed_at) < now - policy.stale_after,
                ),
            ),
        )
        .values(
            status=ReminderStatus.CLAIMED,
            claimed_at=now,
            claimed_by=instance,
            attempts=col(Reminder.attempts) + 1,
        )
        .returning(col(Reminder.id))
    )
    retaken = (await session.exec(retake)).scalar_one_or_none()
    return int(retaken) if retaken is not None else None


async def sent_keys(*, session: AsyncSession, task_ids: Sequence[int]) -> set[SlotKey]:
    """The reminders of these tasks already delivered: a sweep need not even try to claim them."""
    if not task_ids:
        return set()
    rows = await session.exec(
        select(Reminder.task_id, Reminder.chat_id, Reminder.slot).where(
            col(Reminder.task_id).in_(task_ids), Reminder.status == ReminderStatus.SENT
        )
    )
    return {SlotKey(task_id, chat_id, slot) for task_id, chat_id, slot in rows.all()}


async def mark_sent(
    *, session: AsyncSession, ids: Sequence[int], message_id: int, now: datetime
) -> None:
    """Record that Telegram accepted the message carrying these reminders."""
    await session.exec(
        update(Reminder)
        .where(col(Reminder.id).in_(ids))
        .values(status=ReminderStatus.SENT, sent_at=now, message_id=message_id, error=None)
    )


async def mark_failed(*, session: AsyncSession, ids: Sequence[int], error: str) -> None:
    """Record a failed attempt; the next sweep takes it back while attempts remain."""
    await session.exec(
        update(Reminder)
        .where(col(Reminder.id).in_(ids))
        .values(status=ReminderStatus.FAILED, error=error[:500])
    )


async def entries(
    *, session: AsyncSession, task_id: int | None = None
) -> list[tuple[Reminder, Chat]]:
    """Ledger rows with their chats, oldest first: what was sent where."""
    query = (
        select(Reminder, Chat)
        .join(Chat, col(Chat.id) == col(Reminder.chat_id))
        .order_by(col(Reminder.id))
    )
    if task_id is not None:
        query = query.where(col(Reminder.task_id) == task_id)
    return list((await session.exec(query)).all())
