"""The sweep: ask the database what is due, claim each reminder, send one digest per chat.

The order is what makes it safe: claims are committed before anything is sent, so a second
sweep (or a second instance) finds them taken; the Telegram message id is recorded after. A crash
between Telegram's acceptance and that record is the one window where a reminder can repeat, at
most once, when the claim goes stale and is taken back.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from jobs.policy import (
    DueReminder,
    ReminderSettings,
    TaskSchedule,
    Urgency,
    escalations_due,
    is_first_overdue,
    reminders_due,
)
from storage import ledger, tasks
from storage.db import Database
from storage.models import Chat, ChatPurpose, Member, Reminder, ReminderStatus, Role
from storage.tasks import TaskView
from vncalendar import Clock, WorkingCalendar

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DigestItem:
    """One task in a digest."""

    view: TaskView
    urgency: Urgency
    days_left: int


@dataclass(frozen=True)
class Digest:
    """What one chat receives from one sweep: its agency's reminders, or the escalations."""

    items: list[DigestItem]
    today: date
    escalation: bool = False
    language: str | None = None  # the chat's chosen language; None for the bot's own


class ChatUnavailable(Exception):
    """The chat will not take messages from us any more (blocked, kicked, deleted)."""


class ChatMoved(Exception):
    """The group became a supergroup with a new id."""

    def __init__(self, new_chat_id: int) -> None:
        super().__init__(f"chat moved to {new_chat_id}")
        self.new_chat_id = new_chat_id


class TransientError(Exception):
    """A failure worth trying again soon: a 5xx, a timeout, a network error, a flood wait."""


SendDigest = Callable[[int, Digest], Awaitable[int]]
"""Delivers a digest to a Telegram chat id and returns the message id; raises the errors above."""


@dataclass(frozen=True)
class Planned:
    """A reminder routed to a chat."""

    chat: Chat
    reminder: DueReminder


@dataclass
class SweepReport:
    """What one sweep did (or, dry, would do), for logs, the CLI and the demo."""

    day: date
    working_day: bool = True
    dry_run: bool = False
    sent: list[tuple[int, list[int], int]] = field(default_factory=list)  # chat, tasks, message
    failed: list[tuple[int, list[int], str]] = field(default_factory=list)
    planned: list[tuple[int, list[int]]] = field(default_factory=list)  # dry run: chat, tasks
    already_claimed: int = 0


def instance_name() -> str:
    """Who claims: host, process and a random suffix, so a restarted process is a new claimant."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def route(
    due: Sequence[DueReminder],
    escalations: Sequence[DueReminder],
    chats: Sequence[Chat],
    heads: dict[int, set[int]],
) -> list[Planned]:
    """Decide which chats hear each reminder.

    An agency's chats hear all of its reminders, except a head's private chat: heads are told
    in private only when a task has just gone overdue, unless that chat is the agency's only one.
    Coordinators' chats hear the escalations.
    """
    by_agency: dict[int, list[Chat]] = {}
    coordinators = []
    for chat in chats:
        if chat.purpose == ChatPurpose.COORDINATORS:
            coordinators.append(chat)
        elif chat.agency_id is not None:
            by_agency.setdefault(chat.agency_id, []).append(chat)
    planned = []
    for reminder in due:
        agency_chats = by_agency.get(reminder.agency_id, [])
        head_ids = heads.get(reminder.agency_id, set())
        staff_chats = [c for c in agency_chats if c.telegram_id not in head_ids]
        for chat in agency_chats:
            is_head_chat = chat.telegram_id in head_ids
            if not is_head_chat or not staff_chats or is_first_overdue(reminder.slot):
                planned.append(Planned(chat, reminder))
    planned += [Planned(chat, reminder) for reminder in escalations for chat in coordinators]
    return planned


@dataclass
class Sweep:
    """Everything a sweep needs, wired once by the application."""

    database: Database
    clock: Clock
    calendar: WorkingCalendar
    settings: ReminderSettings
    send: SendDigest
    instance: str = field(default_factory=instance_name)
    claim_policy: ledger.ClaimPolicy = field(default_factory=ledger.ClaimPolicy)
    # Pauses between tries of a transient failure; the next sweep takes over after the last.
    retry_delays: tuple[float, ...] = (2.0, 8.0)
    on_chat_lost: Callable[[Chat, str], Awaitable[None]] | None = None

    async def run(self, today: date | None = None, *, dry_run: bool = False) -> SweepReport:
        """Send the reminders due today (or on the given day) once; dry: only say what would go."""
        today = today or self.clock.today()
        report = SweepReport(
            day=today, working_day=self.calendar.is_working_day(today), dry_run=dry_run
        )
        if not report.working_day:
            log.info("sweep %s: not a working day, nothing sent", today)
            return report
        views, planned = await self._plan(today, roll_periods=not dry_run)
        if dry_run:
            await self._preview(planned, report)
            return report
        for chat, claimed in await self._claim(planned, report):
            digest = _digest(chat, [plan.reminder for _, plan in claimed], views, today)
            await self._deliver(chat, [ledger_id for ledger_id, _ in claimed], digest, report)
        log.info(
            "sweep %s: %d digests sent, %d failed, %d reminders already claimed",
            today,
            len(report.sent),
            len(report.failed),
            report.already_claimed,
        )
        return report

    async def _plan(
        self, today: date, *, roll_periods: bool
    ) -> tuple[dict[int, TaskView], list[Planned]]:
        """What is due today and where it goes (moving recurring tasks past missed periods)."""

        async def load(
            session: AsyncSession,
        ) -> tuple[list[TaskView], Sequence[Chat], Sequence[Member]]:
            if roll_periods:
                await tasks.roll_missed_periods(
                    session=session,
                    today=today,
                    lead_days=max(self.settings.before, default=0),
                    now=self.clock.now(),
                )
            return (
                await tasks.open_tasks_with_deadline(session=session),
                (await session.exec(select(Chat).where(col(Chat.active).is_(True)))).all(),
                (await session.exec(select(Member).where(Member.role == Role.HEAD))).all(),
            )

        open_views, chats, members = await self.database.retrying(load)
        views = {v.id: v for v in open_views}
        schedules = [
            TaskSchedule(
                task_id=v.id,
                deadline=v.task.deadline,
                lead_agency_id=v.lead.id if v.lead else None,
                cooperating_agency_ids=frozenset(a.id for a in v.cooperating if a.id is not None),
            )
            for v in views.values()
            if v.task.deadline is not None
        ]
        heads: dict[int, set[int]] = {}
        for member in members:
            if member.agency_id is not None:
                heads.setdefault(member.agency_id, set()).add(member.telegram_user_id)
        due = reminders_due(schedules, today, self.settings, self.calendar)
        escalations = escalations_due(schedules, today, self.settings, self.calendar)
        return views, route(due, escalations, chats, heads)

    async def _preview(self, planned: list[Planned], report: SweepReport) -> None:
        """Dry run: what would go out, leaving out what the ledger shows as sent."""
        async with self.database.session() as session:
            sent = {
                (r.task_id, r.chat_id, r.slot)
                for r in (
                    await session.exec(
                        select(Reminder).where(Reminder.status == ReminderStatus.SENT)
                    )
                ).all()
            }
        per_chat: dict[int, list[int]] = {}
        for plan in planned:
            if (plan.reminder.task_id, plan.chat.id, plan.reminder.slot) in sent:
                report.already_claimed += 1
            else:
                per_chat.setdefault(plan.chat.telegram_id, []).append(plan.reminder.task_id)
        report.planned = [(chat, sorted(set(ids))) for chat, ids in per_chat.items()]

    async def _claim(
        self, planned: list[Planned], report: SweepReport
    ) -> list[tuple[Chat, list[tuple[int, Planned]]]]:
        """Claim every planned reminder, committed before anything is sent."""
        now = self.clock.now()

        async def claim_all(session: AsyncSession) -> list[tuple[int | None, Planned]]:
            # One query answers for what went out earlier (a restart, a second run this
            # morning), instead of a refused claim per reminder.
            task_ids = sorted({plan.reminder.task_id for plan in planned})
            sent = await ledger.sent_keys(session=session, task_ids=task_ids)
            results: list[tuple[int | None, Planned]] = []
            for plan in planned:
                assert plan.chat.id is not None
                key = ledger.SlotKey(plan.reminder.task_id, plan.chat.id, plan.reminder.slot)
                if key in sent:
                    results.append((None, plan))
                    continue
                claimed = await ledger.claim(
                    session=session,
                    key=key,
                    now=now,
                    instance=self.instance,
                    policy=self.claim_policy,
                )
                results.append((claimed, plan))
            return results

        batches: dict[int, tuple[Chat, list[tuple[int, Planned]]]] = {}
        for claimed, plan in await self.database.retrying(claim_all):
            if claimed is None:
                report.already_claimed += 1
            else:
                assert plan.chat.id is not None
                batches.setdefault(plan.chat.id, (plan.chat, []))[1].append((claimed, plan))
        return list(batches.values())

    async def _deliver(
        self, chat: Chat, ids: list[int], digest: Digest, report: SweepReport
    ) -> None:
        """Send one chat's digest and record the outcome; a failing chat never stops the others."""
        task_ids = [item.view.id for item in digest.items]
        try:
            message_id = await self._send_with_retries(chat, digest)
        except ChatUnavailable as error:
            await self._lose_chat(chat, str(error))
            await self._fail(ids, f"chat unavailable: {error}")
            report.failed.append((chat.telegram_id, task_ids, str(error)))
            return
        except Exception as error:
            log.warning("digest to chat %s failed: %r", chat.telegram_id, error)
            await self._fail(ids, repr(error))
            report.failed.append((chat.telegram_id, task_ids, repr(error)))
            return
        now = self.clock.now()
        await self.database.retrying(
            lambda session: ledger.mark_sent(
                session=session, ids=ids, message_id=message_id, now=now
            )
        )
        report.sent.append((chat.telegram_id, task_ids, message_id))

    async def _send_with_retries(self, chat: Chat, digest: Digest) -> int:
        """Send, following a migrated group and pausing between tries of a transient failure."""
        delays = list(self.retry_delays)
        while True:
            try:
                return await self.send(chat.telegram_id, digest)
            except ChatMoved as moved:
                await self._move_chat(chat, moved.new_chat_id)
            except TransientError as error:
                if not delays:
                    raise
                delay = delays.pop(0)
                log.info(
                    "digest to chat %s: %s; trying again in %.0fs", chat.telegram_id, error, delay
                )
                await asyncio.sleep(delay)

    async def _fail(self, ids: list[int], error: str) -> None:
        await self.database.retrying(
            lambda session: ledger.mark_failed(session=session, ids=ids, error=error)
        )

    async def _move_chat(self, chat: Chat, new_telegram_id: int) -> None:
        log.info("chat %s became supergroup %s: binding moved", chat.telegram_id, new_telegram_id)
        await self._update_chat(chat, telegram_id=new_telegram_id)

    async def _lose_chat(self, chat: Chat, reason: str) -> None:
        log.warning("chat %s no longer reachable (%s): marked inactive", chat.telegram_id, reason)
        await self._update_chat(chat, active=False)
        if self.on_chat_lost is not None:
            await self.on_chat_lost(chat, reason)

    async def _update_chat(self, chat: Chat, **changes: object) -> None:
        """Change the stored chat and the copy in hand alike."""

        async def write(session: AsyncSession) -> None:
            row = await session.get(Chat, chat.id)
            assert row is not None
            for name, value in changes.items():
                setattr(row, name, value)
            session.add(row)

        await self.database.retrying(write)
        for name, value in changes.items():
            setattr(chat, name, value)


_URGENCY_ORDER = {Urgency.OVERDUE: 0, Urgency.TODAY: 1, Urgency.SOON: 2}


def _digest(chat: Chat, due: list[DueReminder], views: dict[int, TaskView], today: date) -> Digest:
    """The chat's items, most urgent first, one per task."""
    items = {
        r.task_id: DigestItem(view=views[r.task_id], urgency=r.urgency, days_left=r.days_left)
        for r in due
    }
    ordered = sorted(
        items.values(), key=lambda i: (_URGENCY_ORDER[i.urgency], i.days_left, i.view.id)
    )
    return Digest(
        ordered,
        today,
        escalation=chat.purpose == ChatPurpose.COORDINATORS,
        language=chat.language,
    )
