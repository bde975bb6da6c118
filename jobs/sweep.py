"""The sweep: ask the database what is due, claim each reminder, send one digest per chat.

The order is what makes it safe: claims are committed before anything is sent, so a second
sweep (or a second instance) finds them taken; the Telegram message id is recorded after. A crash
between Telegram's acceptance and that record is the one window where a reminder can repeat, at
most once, when the claim goes stale and is retaken.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from sqlmodel import col, select

from jobs.policy import DueReminder, ReminderSettings, TaskSchedule, Urgency, reminders_due
from storage import ledger, tasks
from storage.db import Database
from storage.models import Chat, ChatPurpose
from storage.tasks import TaskView
from vncalendar import Clock, WorkingCalendar

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DigestItem:
    """One task in a chat's digest."""

    view: TaskView
    urgency: Urgency
    days_left: int


class ChatUnavailable(Exception):
    """The chat will not take messages from us any more (blocked, kicked, deleted)."""


class ChatMoved(Exception):
    """The group became a supergroup with a new id."""

    def __init__(self, new_chat_id: int) -> None:
        super().__init__(f"chat moved to {new_chat_id}")
        self.new_chat_id = new_chat_id


class DigestSender(Protocol):
    """Delivers a digest to a chat and returns the Telegram message id; raises the errors above."""

    async def __call__(
        self, telegram_chat_id: int, items: list[DigestItem], today: date
    ) -> int: ...


@dataclass
class SweepReport:
    """What one sweep did, for logs, the CLI and the demo."""

    day: date
    working_day: bool = True
    sent: list[tuple[int, list[int], int]] = field(default_factory=list)  # chat, task ids, message
    failed: list[tuple[int, list[int], str]] = field(default_factory=list)
    already_claimed: int = 0


def instance_name() -> str:
    """Who claims: host, process and a random suffix, so a restarted process is a new claimant."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


_URGENCY_ORDER = {Urgency.OVERDUE: 0, Urgency.TODAY: 1, Urgency.SOON: 2}


def _digest_order(item: DigestItem) -> tuple[int, int, int]:
    return (_URGENCY_ORDER[item.urgency], item.days_left, item.view.id)


@dataclass
class Sweep:
    """Everything a sweep needs, wired once by the application."""

    database: Database
    clock: Clock
    calendar: WorkingCalendar
    settings: ReminderSettings
    send: DigestSender
    instance: str = field(default_factory=instance_name)
    claim_policy: ledger.ClaimPolicy = field(default_factory=ledger.ClaimPolicy)
    on_chat_lost: Callable[[Chat, str], Awaitable[None]] | None = None

    async def run(self) -> SweepReport:
        """Send today's reminders once."""
        today = self.clock.today()
        report = SweepReport(day=today, working_day=self.calendar.is_working_day(today))
        if not report.working_day:
            log.info("sweep %s: not a working day, nothing sent", today)
            return report
        batches = await self._claim(today, report)
        for chat, items in batches:
            await self._deliver(chat, items, today, report)
        log.info(
            "sweep %s: %d digests sent, %d failed, %d reminders already claimed",
            today,
            len(report.sent),
            len(report.failed),
            report.already_claimed,
        )
        return report

    async def _claim(
        self, today: date, report: SweepReport
    ) -> list[tuple[Chat, list[tuple[int, DigestItem]]]]:
        """Claim every due reminder, committed before anything is sent."""
        async with self.database.session() as session:
            views = {v.id: v for v in await tasks.open_tasks_with_deadline(session=session)}
            schedules = [
                TaskSchedule(
                    task_id=v.id,
                    deadline=v.task.deadline,
                    lead_agency_id=v.lead.id if v.lead else None,
                    cooperating_agency_ids=frozenset(
                        a.id for a in v.cooperating if a.id is not None
                    ),
                )
                for v in views.values()
                if v.task.deadline is not None
            ]
            due = reminders_due(schedules, today, self.settings, self.calendar)
            chats = (
                await session.exec(
                    select(Chat).where(
                        col(Chat.active).is_(True), Chat.purpose == ChatPurpose.AGENCY
                    )
                )
            ).all()
            chats_of: dict[int, list[Chat]] = {}
            for chat in chats:
                if chat.agency_id is not None:
                    chats_of.setdefault(chat.agency_id, []).append(chat)
            batches: dict[int, tuple[Chat, list[tuple[int, DigestItem]]]] = {}
            now = self.clock.now()
            for reminder in due:
                for chat in chats_of.get(reminder.agency_id, []):
                    assert chat.id is not None
                    claimed = await ledger.claim(
                        session=session,
                        key=ledger.SlotKey(reminder.task_id, chat.id, reminder.slot),
                        now=now,
                        instance=self.instance,
                        policy=self.claim_policy,
                    )
                    if claimed is None:
                        report.already_claimed += 1
                        continue
                    item = _item(views[reminder.task_id], reminder)
                    batches.setdefault(chat.id, (chat, []))[1].append((claimed, item))
        return list(batches.values())

    async def _deliver(
        self, chat: Chat, claimed: list[tuple[int, DigestItem]], today: date, report: SweepReport
    ) -> None:
        """Send one chat's digest and record the outcome; a failing chat never stops the others."""
        ids = [ledger_id for ledger_id, _ in claimed]
        items = sorted((item for _, item in claimed), key=_digest_order)
        task_ids = [item.view.id for item in items]
        try:
            try:
                message_id = await self.send(chat.telegram_id, items, today)
            except ChatMoved as moved:
                await self._move_chat(chat, moved.new_chat_id)
                message_id = await self.send(chat.telegram_id, items, today)
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
        async with self.database.session() as session:
            await ledger.mark_sent(
                session=session, ids=ids, message_id=message_id, now=self.clock.now()
            )
        report.sent.append((chat.telegram_id, task_ids, message_id))

    async def _fail(self, ids: list[int], error: str) -> None:
        async with self.database.session() as session:
            await ledger.mark_failed(session=session, ids=ids, error=error)

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
        async with self.database.session() as session:
            row = await session.get(Chat, chat.id)
            assert row is not None
            for name, value in changes.items():
                setattr(row, name, value)
                setattr(chat, name, value)
            session.add(row)


def _item(view: TaskView, reminder: DueReminder) -> DigestItem:
    return DigestItem(view=view, urgency=reminder.urgency, days_left=reminder.days_left)
