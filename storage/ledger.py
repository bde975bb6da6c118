"""The reminder ledger: claim a (task, chat, slot) before sending, record what became of it.

A claim is an INSERT that the unique key lets through once, or a conditional UPDATE that takes
back a failed or abandoned claim; both are atomic on SQLite and PostgreSQL, so two sweeps, in one
process or in several, never both send the same reminder. A claim is abandoned when its time goes
stale, so the instance holding it renews that time while it sends (hold_claims), and asks again
right before each send whether the claim is still its own. A failed reminder has max_attempts
tries a day: its claim time tells the day of its last try, so a sweep on a later day takes it
back with its tries counted afresh. A sent reminder is never taken back.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, case, false, or_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Chat, ChatPurpose, Reminder, ReminderStatus


@dataclass(frozen=True)
class SlotKey:
    task_id: int
    chat_id: int
    slot: str


@dataclass(frozen=True)
class ClaimPolicy:
    """When a claim may be taken back: after a failure, or from an instance that went quiet."""

    max_attempts: int = 5  # a day: the tries of a reminder still failing go on the next morning
    stale_after: timedelta = timedelta(minutes=10)

    @property
    def renew_after(self) -> timedelta:
        """How often a holder renews its claims: the rest of stale_after is the margin for a
        slow database and for clocks that differ between instances."""
        return self.stale_after / 3


def _dialect(session: AsyncSession) -> str:
    assert session.bind is not None
    return session.bind.dialect.name


async def claim(
    *,
    session: AsyncSession,
    key: SlotKey,
    now: datetime,
    instance: str,
    policy: ClaimPolicy,
    retake_only: bool = False,
    day_began: datetime | None = None,
) -> int | None:
    """Claim one reminder for this instance: its ledger id, or None when it is not ours to send.

    An instance must claim from one sweep at a time: a claim it holds already is taken back
    as left by a sweep of it that ended without sending.
    retake_only: only take back a failed or abandoned claim, never start a new one.
    day_began: when the sweep's day began (local midnight); a claim made before it starts the
    day's tries afresh. None: the tries are not renewed.
    """
    if not retake_only:
        inserted = await _claim_new(session=session, key=key, now=now, instance=instance)
        if inserted is not None:
            return inserted
    return await _retake(
        session=session, key=key, now=now, instance=instance, policy=policy, day_began=day_began
    )


async def _claim_new(
    *, session: AsyncSession, key: SlotKey, now: datetime, instance: str
) -> int | None:
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
    return int(inserted) if inserted is not None else None


def _before(day_began: datetime | None) -> ColumnElement[bool]:
    """The claim was made on an earlier day than the sweep's: its tries start afresh."""
    return false() if day_began is None else col(Reminder.claimed_at) < day_began


def _tries_left(policy: ClaimPolicy, day_began: datetime | None) -> ColumnElement[bool]:
    """A failed reminder worth trying again: tries left today, or none made today."""
    return and_(
        col(Reminder.status) == ReminderStatus.FAILED,
        or_(col(Reminder.attempts) < policy.max_attempts, _before(day_began)),
    )


async def _retake(
    *,
    session: AsyncSession,
    key: SlotKey,
    now: datetime,
    instance: str,
    policy: ClaimPolicy,
    day_began: datetime | None,
) -> int | None:
    # One UPDATE whose condition no longer holds once it has run (the row is claimed, at now):
    # of two instances retaking at once, the second finds nothing to take (PostgreSQL checks the
    # condition again on the row the first committed; SQLite runs one writer at a time).
    retake = (
        update(Reminder)
        .where(
            col(Reminder.task_id) == key.task_id,
            col(Reminder.chat_id) == key.chat_id,
            col(Reminder.slot) == key.slot,
            or_(
                _tries_left(policy, day_began),
                and_(
                    col(Reminder.status) == ReminderStatus.CLAIMED,
                    col(Reminder.claimed_at) < now - policy.stale_after,
                ),
                # Left by an earlier sweep of this instance that was cut short (the database
                # away past its retries): the instance runs one sweep at a time (jobs.sweep),
                # so none of its own is sending it, and waiting for it to go stale would only
                # delay it past the retry sweep that came to send it.
                and_(
                    col(Reminder.status) == ReminderStatus.CLAIMED,
                    col(Reminder.claimed_by) == instance,
                ),
            ),
        )
        .values(
            status=ReminderStatus.CLAIMED,
            claimed_at=now,
            claimed_by=instance,
            attempts=case((_before(day_began), 1), else_=col(Reminder.attempts) + 1),
        )
        .returning(col(Reminder.id))
    )
    retaken = (await session.exec(retake)).scalar_one_or_none()
    return int(retaken) if retaken is not None else None


async def hold_claims(
    *, session: AsyncSession, ids: Sequence[int], instance: str, now: datetime
) -> set[int]:
    """Renew this instance's claims among these reminders: the ids it still holds.

    The others were taken back (this instance went quiet past the stale time) or already have an
    outcome: they are not this instance's to send, nor to record as failed.
    """
    if not ids:
        return set()
    renewed = await session.exec(
        update(Reminder)
        .where(
            col(Reminder.id).in_(ids),
            col(Reminder.status) == ReminderStatus.CLAIMED,
            col(Reminder.claimed_by) == instance,
        )
        .values(claimed_at=now)
        .returning(col(Reminder.id))
    )
    return {int(ledger_id) for ledger_id in renewed.scalars().all()}


async def sent_keys(*, session: AsyncSession, task_ids: Sequence[int]) -> set[SlotKey]:
    """The reminders of these tasks already delivered: a sweep need not even try to claim them."""
    statuses = await statuses_of(session=session, task_ids=task_ids)
    return {key for key, status in statuses.items() if status == ReminderStatus.SENT}


async def statuses_of(
    *, session: AsyncSession, task_ids: Sequence[int]
) -> dict[SlotKey, ReminderStatus]:
    """Where each reminder of these tasks stands in the ledger (only these tasks': the ledger
    holds years of reminders)."""
    if not task_ids:
        return {}
    rows = await session.exec(
        select(Reminder.task_id, Reminder.chat_id, Reminder.slot, Reminder.status).where(
            col(Reminder.task_id).in_(task_ids)
        )
    )
    return {
        SlotKey(task_id, chat_id, slot): ReminderStatus(status)
        for task_id, chat_id, slot, status in rows.all()
    }


async def chats_sent_to_since(*, session: AsyncSession, since: datetime) -> set[int]:
    """The chats (ids) that were sent something at or after since: today's digest is theirs."""
    rows = await session.exec(
        select(Reminder.chat_id)
        .where(
            Reminder.status == ReminderStatus.SENT,
            # A reminder is sent soon after its (last) claim; bounding the claim time lets the
            # (status, claimed_at) index find the rows instead of reading years of ledger.
            col(Reminder.claimed_at) >= since - timedelta(days=1),
            col(Reminder.sent_at) >= since,
        )
        .distinct()
    )
    return set(rows.all())


async def still_owed(
    *,
    session: AsyncSession,
    keys: Collection[SlotKey],
    policy: ClaimPolicy,
    day_began: datetime | None = None,
) -> int:
    """How many of these reminders are not sent yet but will be sendable again today: claimed
    (by a sweep still running or one that died) or failed with tries left (see claim)."""
    if not keys:
        return 0
    rows = await session.exec(
        select(Reminder.task_id, Reminder.chat_id, Reminder.slot).where(
            col(Reminder.task_id).in_(sorted({key.task_id for key in keys})),
            or_(
                col(Reminder.status) == ReminderStatus.CLAIMED,
                _tries_left(policy, day_began),
            ),
        )
    )
    wanted = set(keys)
    return sum(
        1 for task_id, chat_id, slot in rows.all() if SlotKey(task_id, chat_id, slot) in wanted
    )


async def private_chats(
    *, session: AsyncSession, telegram_ids: Collection[int], now: datetime
) -> None:
    """Make sure each of these people (coordinators named in the configuration, who need not
    register) has a chat row: the ledger records what it sends them against one."""
    insert = pg_insert if _dialect(session) == "postgresql" else sqlite_insert
    for telegram_id in sorted(telegram_ids):
        await session.exec(
            insert(Chat)
            .values(
                telegram_id=telegram_id, purpose=ChatPurpose.AGENCY, active=True, created_at=now
            )
            .on_conflict_do_nothing(index_elements=["telegram_id"])
        )


async def mark_sent(
    *, session: AsyncSession, ids: Sequence[int], message_id: int, now: datetime
) -> None:
    """Record that Telegram accepted the message carrying these reminders.

    A reminder already recorded as sent keeps its first message: a later one is a repeat.
    """
    await session.exec(
        update(Reminder)
        .where(col(Reminder.id).in_(ids), col(Reminder.status) != ReminderStatus.SENT)
        .values(status=ReminderStatus.SENT, sent_at=now, message_id=message_id, error=None)
    )


async def mark_failed(*, session: AsyncSession, ids: Sequence[int], error: str) -> None:
    """Record a failed attempt; a later sweep takes it back while the day's tries remain, or
    on a later day.

    Only a claim still pending can fail: a reminder another instance has sent in the meantime
    stays sent, or a sweep would take it back and send it again.
    """
    await session.exec(
        update(Reminder)
        .where(col(Reminder.id).in_(ids), col(Reminder.status) == ReminderStatus.CLAIMED)
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
