"""The sweep: ask the database what is due, claim each reminder, send one digest per chat.

The order is what makes it safe: claims are committed before anything is sent, so a second
sweep (or a second instance) finds them taken; the Telegram message id is recorded after. A claim
left alone goes stale and another instance takes it back, so the sweep renews its claims while a
send keeps it waiting (a flood wait can last minutes), checks right before each send that they
are still its own, and abandons a send once they are not. What remains is a send already on its
way when the claim is lost, or a crash between Telegram's acceptance and the record (which
waits out a database outage in memory, lost if the bot stops meanwhile): then a reminder can
repeat, at most once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any, TypeVar

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from jobs.policy import (
    ESCALATION_PREFIX,
    DueReminder,
    ReminderSettings,
    TaskSchedule,
    Urgency,
    chased_until,
    escalations_due,
    first_chases_missed,
    is_first_overdue,
    reminders_due,
    uncountable,
)
from storage import access, ledger, notices, tasks
from storage.access import Caller
from storage.db import Database
from storage.models import (
    Chat,
    ChatPurpose,
    Member,
    PeriodOutcome,
    ReminderStatus,
    Role,
    Task,
    TaskPeriod,
    TaskStatus,
)
from storage.tasks import TaskView
from vncalendar import Clock, WorkingCalendar

log = logging.getLogger(__name__)
T = TypeVar("T")
# What Database.retrying gives up on when the database stays away past its retries.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
# How often a record of what Telegram accepted (or a claims' renewal) asks for the database once
# its retries ran out.
RECORD_PAUSE = 2.0


ItemKey = tuple[int, date | None]
"""What tells a digest's items apart: a task and the deadline shown. A missed period escalated
beside its task's current one makes two items of one task."""


def _item_key(view: TaskView) -> ItemKey:
    return view.id, view.task.deadline


@dataclass(frozen=True)
class DigestItem:
    """One task in a digest, at one period."""

    view: TaskView
    urgency: Urgency
    days_left: int
    # The chat may close the task (and ask for more time): the lead agency's chats and the
    # coordinators', not a cooperating agency's.
    may_close: bool

    @property
    def key(self) -> ItemKey:
        return _item_key(self.view)


PartSent = Callable[[int, list[int]], Awaitable[None]]
"""Told of each part of a digest Telegram accepted: its message id and the tasks it carried, a
task once per item of it, in the digest's order."""


@dataclass
class Progress:
    """How far a digest got: the parts Telegram accepted, so that a retry resumes after them."""

    parts: int = 0
    on_part: PartSent | None = None

    async def part_sent(self, message_id: int, task_ids: list[int]) -> None:
        self.parts += 1
        if self.on_part is not None:
            await self.on_part(message_id, task_ids)


@dataclass(frozen=True)
class Digest:
    """What one chat receives from one sweep: its agency's reminders, or the escalations."""

    items: list[DigestItem]
    today: date
    escalation: bool = False
    language: str | None = None  # the chat's chosen language; None for the bot's own
    progress: Progress = field(default_factory=Progress, compare=False)


class ChatUnavailable(Exception):
    """The chat will not take messages from us any more (blocked, kicked, deleted)."""


class ChatMoved(Exception):
    """The group became a supergroup with a new id."""

    def __init__(self, new_chat_id: int) -> None:
        super().__init__(f"chat moved to {new_chat_id}")
        self.new_chat_id = new_chat_id


class TransientError(Exception):
    """A failure worth trying again soon: a 5xx, a timeout, a network error, a flood wait
    (retry_after: the seconds Telegram asked to wait before the next try)."""

    def __init__(self, message: str, *, retry_after: float = 0.0) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ClaimsTakenBack(Exception):
    """Another instance took back claims of the digest being sent: those are its to send now."""

    def __init__(self, ledger_ids: set[int]) -> None:
        super().__init__(f"claims taken back: {sorted(ledger_ids)}")
        self.ledger_ids = ledger_ids


@dataclass
class _HeldClaims:
    """One chat's claims: the ledger ids of each digest item not yet recorded as sent, in the
    digest's order, and when this instance last made sure they were its own."""

    confirmed_at: datetime
    unsent: dict[ItemKey, list[int]] = field(default_factory=dict)

    def ledger_ids(self) -> set[int]:
        return {ledger_id for ledger_ids in self.unsent.values() for ledger_id in ledger_ids}

    def task_ids(self) -> list[int]:
        return list(dict.fromkeys(task_id for task_id, _ in self.unsent))

    def take_carried(self, task_ids: list[int]) -> list[int]:
        """Take out the items a part carried, named by their tasks (PartSent): each mention
        stands for the task's first item still unsent. Their ledger ids."""
        taken = []
        for task_id in task_ids:
            key = next((key for key in self.unsent if key[0] == task_id), None)
            if key is not None:
                taken += self.unsent.pop(key)
        return taken

    def forget(self, ledger_ids: set[int]) -> None:
        """Let go of claims another instance took back; an item goes with its last claim."""
        for key, held in list(self.unsent.items()):
            self.unsent[key] = [ledger_id for ledger_id in held if ledger_id not in ledger_ids]
            if not self.unsent[key]:
                del self.unsent[key]


Shown = dict[tuple[int, str], TaskView]
"""The task each reminder shows, by task id and slot: a period recorded missed is shown as it
was, not at the period its task has moved on to."""

SendDigest = Callable[[int, Digest], Awaitable[int]]
"""Delivers a digest to a Telegram chat id and returns the first message's id; raises the errors
above. A digest sent in several parts starts after the digest.progress.parts already accepted and
reports each part it sends to progress.part_sent; a sender that does not is taken to have sent
the whole digest in one message when it returns."""


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
    # Due, but their chat has had today's digest: they wait for tomorrow's (never two a day).
    held_back: int = 0
    # Not sent yet and worth another sweep today: failed with tries left, or claimed by a sweep
    # that is still sending or has died (its claim is taken back when it goes stale).
    owed: int = 0


def instance_name() -> str:
    """Who claims: host, process and a random suffix, so a restarted process is a new claimant."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def route(
    due: Sequence[DueReminder],
    escalations: Sequence[DueReminder],
    chats: Sequence[Chat],
    heads: dict[int, set[int]],
    coordinator_ids: Collection[int] = (),
    *,
    first_chases: Sequence[DueReminder] = (),
) -> list[Planned]:
    """Decide which chats hear each reminder.

    An agency's chats hear all of its reminders, except a head's private chat: heads are told
    in private only when a task has just gone overdue, unless that chat is the agency's only one.
    They hear first_chases too (jobs.policy.first_chases_missed): a task gone overdue while the
    bot was down is news to them all the same, and the ledger sends each to them once.
    Coordinators' chats hear the escalations: their groups and private chats, and the private
    chats of the coordinators named in the configuration (coordinator_ids).
    """
    by_agency: dict[int, list[Chat]] = {}
    coordinators = []
    for chat in chats:
        if chat.purpose == ChatPurpose.COORDINATORS or chat.telegram_id in coordinator_ids:
            coordinators.append(chat)
        if chat.purpose != ChatPurpose.COORDINATORS and chat.agency_id is not None:
            by_agency.setdefault(chat.agency_id, []).append(chat)

    def heads_apart(agency_id: int) -> tuple[list[Chat], list[Chat]]:
        """The agency's chats that only hear of tasks gone overdue, and the others."""
        agency_chats = by_agency.get(agency_id, [])
        head_ids = heads.get(agency_id, set())
        staff_chats = [c for c in agency_chats if c.telegram_id not in head_ids]
        if not staff_chats:
            return [], agency_chats  # a head's chat as the agency's only one hears everything
        return [c for c in agency_chats if c.telegram_id in head_ids], staff_chats

    planned = []
    for reminder in due:
        head_chats, staff_chats = heads_apart(reminder.agency_id)
        told = staff_chats + head_chats if is_first_overdue(reminder.slot) else staff_chats
        planned += [Planned(chat, reminder) for chat in told]
    for reminder in first_chases:
        planned += [Planned(chat, reminder) for chat in heads_apart(reminder.agency_id)[0]]
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
    # Sends the coordinators' notices queued when a chat was found lost and paused.
    on_chat_lost: Callable[[Sequence[notices.ChatLostNotice]], Awaitable[None]] | None = None
    # Telegram user ids of the coordinators named in the configuration: they hear escalations
    # in private without registering.
    coordinator_ids: Collection[int] = ()
    # Seconds a send in flight is given to finish once the bot stops: enough for a request to
    # be answered, not for a flood wait of minutes (systemd kills a service that takes 90 s).
    # One cut short is recorded as failed, and the next start sends it.
    stop_grace: float = 15.0
    # Sweeps of one process claim under one name, so the ledger cannot keep two of them apart:
    # one that starts while another is sending (a resumed chat's catch-up, the retry job, the
    # first sweep held up by a flood wait past the claims' stale time) waits for it to end.
    _one_at_a_time: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)

    @property
    def stopping(self) -> asyncio.Event:
        """Set when the bot stops: the sweep ends after the send in flight (see stop_grace),
        trying no chat and no retry more, and gives up a unit of work waiting for the database
        (it is the database's own: Database.retrying). Claims it leaves unsent go stale and a
        later sweep takes them back."""
        return self.database.stopping

    async def run(self, today: date | None = None, *, dry_run: bool = False) -> SweepReport:
        """Send the reminders due today (or on the given day) once; dry: only say what would go."""
        if dry_run:
            return await self._run(today, dry_run=True)
        async with self._one_at_a_time:
            if self.stopping.is_set():
                # Told to stop before it began (sending the notices of the sweep's job, or
                # waiting for another sweep): claims made now would only go stale.
                log.info("sweep: the bot is stopping, the reminders wait for its next run")
                return SweepReport(day=today or self.clock.today())
            return await self._run(today, dry_run=False)

    async def _run(self, today: date | None, *, dry_run: bool) -> SweepReport:
        today = today or self.clock.today()
        report = SweepReport(
            day=today, working_day=self.calendar.is_working_day(today), dry_run=dry_run
        )
        if not report.working_day:
            log.info("sweep %s: not a working day, nothing sent", today)
            return report
        views, callers, planned = await self._plan(today, dry_run=dry_run)
        if dry_run:
            await self._preview(planned, today, report)
            return report
        claimed_at = self.clock.now()
        for chat, claimed in await self._claim(planned, today, report, now=claimed_at):
            if self.stopping.is_set():
                log.info(
                    "sweep %s: the bot is stopping, the other chats wait for its next run", today
                )
                break
            assert chat.id is not None
            await self._deliver(
                chat, claimed, views, callers[chat.id], today, report, claimed_at=claimed_at
            )
        keys = [_key(plan) for plan in planned if plan.chat.active]
        report.owed = await self.database.retrying(
            lambda session: ledger.still_owed(
                session=session,
                keys=keys,
                policy=self.claim_policy,
                day_began=self._start_of(today),
            )
        )
        log.info(
            "sweep %s: %d digests sent, %d failed, %d reminders already claimed, "
            "%d left for tomorrow (their chat had today's digest), %d still owed",
            today,
            len(report.sent),
            len(report.failed),
            report.already_claimed,
            report.held_back,
            report.owed,
        )
        return report

    async def _plan(
        self, today: date, *, dry_run: bool
    ) -> tuple[Shown, dict[int, Caller], list[Planned]]:
        """What is due today, where it goes and what each chat may do with it (moving recurring
        tasks past missed periods, unless dry)."""

        async def load(
            session: AsyncSession,
        ) -> tuple[
            list[TaskView],
            Sequence[TaskPeriod],
            Sequence[Chat],
            Sequence[Member],
            dict[int, Caller],
        ]:
            if not dry_run:
                await tasks.roll_missed_periods(
                    session=session,
                    today=today,
                    lead_days=max(self.settings.before, default=0),
                    now=self.clock.now(),
                    chased_until=lambda deadline: chased_until(
                        deadline, self.settings, self.calendar
                    ),
                    working_days=self.settings.working_days,
                )
                await ledger.private_chats(
                    session=session, telegram_ids=self.coordinator_ids, now=self.clock.now()
                )
            chats = (await session.exec(select(Chat).where(col(Chat.active).is_(True)))).all()
            return (
                await tasks.open_tasks_with_deadline(session=session),
                await tasks.missed_last_periods(session=session),
                chats,
                (await session.exec(select(Member).where(Member.role == Role.HEAD))).all(),
                await access.chats_as_callers(
                    session=session, chats=chats, coordinator_ids=self.coordinator_ids
                ),
            )

        open_views, missed, chats, members, callers = await self.database.retrying(load)
        if dry_run:
            # The real sweep gives the configured coordinators who never wrote to the bot a chat
            # row; a dry run writes nothing, so it counts them with rows of its own (not those
            # whose chat is paused: the real sweep leaves a paused chat paused).
            async with self.database.session() as session:
                known = set((await session.exec(select(Chat.telegram_id))).all())
            chats = [
                *chats,
                *(
                    Chat(telegram_id=telegram_id, created_at=self.clock.now())
                    for telegram_id in sorted(set(self.coordinator_ids) - known)
                ),
            ]
        views = {v.id: v for v in open_views}
        schedules = [_schedule(v) for v in views.values()]
        # One task the policy cannot count (due 01/01/0001, saved before such dates were refused)
        # is left out, and said once here: every other task still goes out.
        for task in uncountable(schedules):
            log.error(
                "sweep %s: task %d is due %s, a date the reminders cannot count from: "
                "no reminder for it until its deadline is corrected",
                today,
                task.task_id,
                task.deadline.isoformat(),
            )
        heads: dict[int, set[int]] = {}
        for member in members:
            if member.agency_id is not None:
                heads.setdefault(member.agency_id, set()).add(member.telegram_user_id)
        due = reminders_due(schedules, today, self.settings, self.calendar)
        first_chases = first_chases_missed(due)
        escalations = escalations_due(schedules, today, self.settings, self.calendar)
        # A period recorded missed before the coordinators heard of it (the bot was down on its
        # escalation day, the escalation failed) is escalated all the same, shown as it was, as
        # long as it is its task's last: the roll never waits on a chat that may not take the
        # message, and the ledger sends each escalation once, whichever sweep gets it through.
        missed_views = {
            period.task_id: _as_missed(views[period.task_id], period)
            for period in missed
            if period.task_id in views
        }
        late = escalations_due(
            [_schedule(v) for v in missed_views.values()], today, self.settings, self.calendar
        )
        shown = {(r.task_id, r.slot): views[r.task_id] for r in (*due, *first_chases, *escalations)}
        shown |= {(r.task_id, r.slot): missed_views[r.task_id] for r in late}
        planned = route(
            due,
            [*escalations, *late],
            chats,
            heads,
            self.coordinator_ids,
            first_chases=first_chases,
        )
        return shown, callers, planned

    async def _preview(self, planned: list[Planned], today: date, report: SweepReport) -> None:
        """Dry run: what would go out, leaving out what the ledger shows as sent and what waits
        for tomorrow because its chat has had today's digest."""
        async with self.database.session() as session:
            statuses = await ledger.statuses_of(
                session=session, task_ids=sorted({plan.reminder.task_id for plan in planned})
            )
            had_digest = await ledger.chats_sent_to_since(
                session=session, since=self._start_of(today)
            )
        per_chat: dict[int, list[int]] = {}
        for plan in planned:
            # A chat of the dry run's own (a configured coordinator's) has had nothing yet.
            key = _key(plan) if plan.chat.id is not None else None
            status = statuses.get(key) if key is not None else None
            if status == ReminderStatus.SENT:
                report.already_claimed += 1
            elif status is None and key is not None and key.chat_id in had_digest:
                report.held_back += 1
            else:
                per_chat.setdefault(plan.chat.telegram_id, []).append(plan.reminder.task_id)
        report.planned = [(chat, sorted(set(ids))) for chat, ids in per_chat.items()]

    def _start_of(self, day: date) -> datetime:
        return datetime.combine(day, time(), tzinfo=self.clock.tz)

    async def _claim(
        self, planned: list[Planned], today: date, report: SweepReport, *, now: datetime
    ) -> list[tuple[Chat, list[tuple[int, DueReminder]]]]:
        """Claim every planned reminder at now, committed before anything is sent.

        A chat gets one digest a day: once something reached it today, a later sweep (a retry,
        a restart) only takes back what failed or was abandoned, and what became due since
        waits for tomorrow's digest. A reminder whose tries ran out on an earlier day (the
        policy can name the same one for several days) is tried afresh: "today" is the sweep's
        day on the injected clock, in its time zone, not the UTC date of the claims.
        """
        start_of_day = self._start_of(today)

        async def claim_all(
            session: AsyncSession,
        ) -> list[tuple[int | None, bool, Planned]]:
            # One query answers for what went out earlier (a restart, a second run this
            # morning), instead of a refused claim per reminder.
            task_ids = sorted({plan.reminder.task_id for plan in planned})
            sent = await ledger.sent_keys(session=session, task_ids=task_ids)
            had_digest = await ledger.chats_sent_to_since(session=session, since=start_of_day)
            results: list[tuple[int | None, bool, Planned]] = []
            claimed_now: set[ledger.SlotKey] = set()
            for plan in planned:
                key = _key(plan)
                # A key planned twice is claimed once: a claim of this instance's own is taken
                # back as left by an earlier sweep (ledger.claim).
                if key in sent or key in claimed_now:
                    results.append((None, False, plan))
                    continue
                claimed_now.add(key)
                claimed = await ledger.claim(
                    session=session,
                    key=key,
                    now=now,
                    instance=self.instance,
                    policy=self.claim_policy,
                    retake_only=key.chat_id in had_digest,
                    day_began=start_of_day,
                )
                held_back = claimed is None and key.chat_id in had_digest
                results.append((claimed, held_back, plan))
            return results

        batches: dict[int, tuple[Chat, list[tuple[int, DueReminder]]]] = {}
        for claimed, held_back, plan in await self.database.retrying(claim_all):
            if claimed is not None:
                assert plan.chat.id is not None
                batches.setdefault(plan.chat.id, (plan.chat, []))[1].append(
                    (claimed, plan.reminder)
                )
            elif held_back:
                report.held_back += 1
            else:
                report.already_claimed += 1
        return list(batches.values())

    async def _deliver(
        self,
        chat: Chat,
        claimed: list[tuple[int, DueReminder]],
        views: Shown,
        caller: Caller,
        today: date,
        report: SweepReport,
        *,
        claimed_at: datetime,
    ) -> None:
        """Send one chat's digest and record the outcome; a failing chat never stops the others.

        Each part of a long digest is recorded as sent as soon as Telegram accepts it, so that
        neither a retry nor a later sweep sends its tasks again.
        """
        digest = _digest(chat, caller, [reminder for _, reminder in claimed], views, today)
        held = _HeldClaims(confirmed_at=claimed_at)
        held.unsent = {item.key: [] for item in digest.items}
        for ledger_id, reminder in claimed:
            held.unsent[_item_key(views[reminder.task_id, reminder.slot])].append(ledger_id)
        delivered: list[int] = []
        first_message: int | None = None

        async def record(message_id: int, task_ids: list[int]) -> None:
            nonlocal first_message
            if ids := held.take_carried(task_ids):
                await self._record_sent(ids, message_id)
            delivered.extend(dict.fromkeys(task_ids))
            first_message = first_message or message_id

        digest.progress.on_part = record
        try:
            message_id = await self._send_with_retries(chat, digest, held)
            if message_id is not None:
                # A sender that does not report parts sent the whole digest as one message.
                await record(message_id, [task_id for task_id, _ in held.unsent])
        except ChatUnavailable as error:
            await self._lose_chat(chat, str(error))
            await self._fail(held, f"chat unavailable: {error}")
            report.failed.append((chat.telegram_id, held.task_ids(), str(error)))
        except Exception as error:
            log.warning("digest to chat %s failed: %r", chat.telegram_id, error)
            await self._fail(held, repr(error))
            report.failed.append((chat.telegram_id, held.task_ids(), repr(error)))
        if first_message is not None:
            report.sent.append((chat.telegram_id, delivered, first_message))

    async def _send_with_retries(self, chat: Chat, digest: Digest, held: _HeldClaims) -> int | None:
        """Send what this instance still holds the claims of, following a migrated group and
        pausing between tries of a transient failure; None when no claim is left to send."""
        delays = list(self.retry_delays)
        lost: set[int] = set()
        while True:
            # Right before each try, so that the window in which another instance can take a
            # claim back and send it too is one request, not a flood wait. Claims made sure of
            # less than renew_after ago need no asking: none goes stale that soon.
            if self.clock.now() - held.confirmed_at >= self.claim_policy.renew_after:
                lost |= await self._renew(held)
            if lost:
                held.forget(lost)
                log.info(
                    "digest to chat %s: another instance took back the claims of ledger "
                    "entries %s; not sending them",
                    chat.telegram_id,
                    sorted(lost),
                )
                lost = set()
                if not held.unsent:
                    return None
                digest = _narrowed(digest, set(held.unsent))
            if answered := await self._answered_since_planned(held):
                # Closed by a /done (in this instance or another), or its period done and the
                # task moved on to the next, while the sweep was busy with other chats: a
                # reminder of it now would contradict the answer just given.
                await self._release(answered, "task answered before its reminder went out")
                held.forget(answered)
                if not held.unsent:
                    return None
                digest = _narrowed(digest, set(held.unsent))
            try:
                return await self._send_holding_claims(chat, digest, held)
            except ClaimsTakenBack as taken_back:
                lost = taken_back.ledger_ids
            except ChatMoved as moved:
                await self._move_chat(chat, moved.new_chat_id)
            except TransientError as error:
                if not delays or self.stopping.is_set():
                    raise
                # Never sooner than Telegram asked: a try within a flood wait lengthens it.
                delay = max(delays.pop(0), error.retry_after)
                log.info(
                    "digest to chat %s: %s; trying again in %.0fs", chat.telegram_id, error, delay
                )
                if not await self.pause(delay):
                    raise  # the failure is recorded as it is

    async def _answered_since_planned(self, held: _HeldClaims) -> set[int]:
        """The ledger ids of the unsent items answered since the sweep planned them: their task
        is no longer open (closed, withdrawn), or no longer at the deadline the item shows (a
        recurring task's period done, a deadline moved), unless that is a period recorded
        missed, as the sweep plans those. None when the database cannot say (the send goes on
        as planned, as it does when a renewal meets the database away)."""
        task_ids = held.task_ids()

        async def still_shown(session: AsyncSession) -> set[ItemKey]:
            """What the items may still show: each open task's deadline, and its periods
            recorded missed."""
            open_now = await session.exec(
                select(col(Task.id), col(Task.deadline)).where(
                    col(Task.id).in_(task_ids), col(Task.status) == TaskStatus.OPEN
                )
            )
            shown = {(task_id, due) for task_id, due in open_now.all() if task_id is not None}
            missed = await session.exec(
                select(col(TaskPeriod.task_id), col(TaskPeriod.deadline)).where(
                    col(TaskPeriod.task_id).in_(sorted({task_id for task_id, _ in shown})),
                    col(TaskPeriod.outcome) == PeriodOutcome.MISSED,
                )
            )
            return shown | set(missed.all())

        try:
            still = await self.database.retrying(still_shown, delays=())
        except DATABASE_UNAVAILABLE:
            return set()
        return {
            ledger_id
            for key, ledger_ids in held.unsent.items()
            if key not in still
            for ledger_id in ledger_ids
        }

    async def _release(self, ids: set[int], reason: str) -> None:
        """Let go of claims this instance will not send, as failed: a later sweep takes them
        back if their reminder is due again (a task reopened the same day)."""
        now = self.clock.now()

        async def release(session: AsyncSession) -> None:
            still_held = await ledger.hold_claims(
                session=session, ids=sorted(ids), instance=self.instance, now=now
            )
            await ledger.mark_failed(session=session, ids=sorted(still_held), error=reason)

        await self.database.retrying(release)

    async def _send_holding_claims(self, chat: Chat, digest: Digest, held: _HeldClaims) -> int:
        """One try, the claims renewed while Telegram keeps it waiting (a flood wait can last
        minutes); abandoned if another instance takes one back all the same, or if the bot
        stops and the send does not end within stop_grace (TransientError)."""
        sending = asyncio.ensure_future(
            self.within_stop_grace(lambda: self.send(chat.telegram_id, digest))
        )
        holding = asyncio.ensure_future(self._hold_while_sending(held))
        try:
            await asyncio.wait((sending, holding), return_when=asyncio.FIRST_COMPLETED)
        finally:
            await _cancelled(holding, sending)
        if not sending.cancelled():
            return sending.result()
        # The ids taken back, or the error that stopped their renewal.
        raise ClaimsTakenBack(holding.result())

    async def within_stop_grace(self, send: Callable[[], Awaitable[T]]) -> T:
        """Send (a digest, a notice to the coordinators), cut short stop_grace seconds after
        the bot is told to stop, and not begun once it is: TransientError then, so that the
        send is recorded as failed and the next start sends it."""
        if self.stopping.is_set():
            raise TransientError("the bot is stopping")
        sending = asyncio.ensure_future(send())
        cut_short = asyncio.ensure_future(self._stopped_past_grace())
        try:
            await asyncio.wait((sending, cut_short), return_when=asyncio.FIRST_COMPLETED)
        finally:
            await _cancelled(cut_short, sending)
        if sending.cancelled():
            raise TransientError("the bot stopped while Telegram kept the send waiting")
        return sending.result()

    async def _stopped_past_grace(self) -> None:
        """Return stop_grace seconds after the bot is told to stop."""
        await self.stopping.wait()
        await asyncio.sleep(self.stop_grace)

    async def pause(self, seconds: float) -> bool:
        """Wait before trying a send again, less if the bot is told to stop meanwhile: whether
        to try again (not when stopping, which tries no more)."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), seconds)
        return not self.stopping.is_set()

    async def _hold_while_sending(self, held: _HeldClaims) -> set[int]:
        """Renew the claims every renew_after until one turns out taken back: its ledger ids."""
        while True:
            due = held.confirmed_at + self.claim_policy.renew_after - self.clock.now()
            await asyncio.sleep(max(due.total_seconds(), 0.0))
            try:
                lost = await self._renew(held)
            except DATABASE_UNAVAILABLE:
                # No instance takes a claim back while the database is away: the send goes on,
                # and a part Telegram accepts meanwhile waits for its record (keep_record). Asked
                # again after a pause: once the bot is stopping, the database's retries give up
                # at once.
                await asyncio.sleep(RECORD_PAUSE)
                continue
            if lost:
                return lost

    async def _renew(self, held: _HeldClaims) -> set[int]:
        """Renew this instance's claims of what is unsent: the ledger ids no longer its own."""
        now = self.clock.now()
        ids = sorted(held.ledger_ids())
        still_held = await self.database.retrying(
            lambda session: ledger.hold_claims(
                session=session, ids=ids, instance=self.instance, now=now
            )
        )
        held.confirmed_at = now
        # Asked again: a part recorded as sent meanwhile has left the unsent (and its claims).
        return held.ledger_ids() - still_held

    async def _record_sent(self, ids: list[int], message_id: int) -> None:
        now = self.clock.now()

        async def record(session: AsyncSession) -> set[int]:
            still_held = await ledger.hold_claims(
                session=session, ids=ids, instance=self.instance, now=now
            )
            await ledger.mark_sent(session=session, ids=ids, message_id=message_id, now=now)
            return still_held

        still_held = await self.keep_record(record, f"message {message_id} (reminders {ids})")
        if len(still_held) < len(ids):
            log.warning(
                "message %s carried %d reminders whose claims another instance had taken back "
                "while it was on its way: their chat may have them twice",
                message_id,
                len(ids) - len(still_held),
            )

    async def keep_record(self, write: Callable[[AsyncSession], Awaitable[T]], what: str) -> T:
        """Record what Telegram accepted (a reminder, a notice), however long the database stays
        away: a record given up leaves its claim to go stale, and whoever takes it back sends
        the message again. The record waits in memory, and so does this sweep (nothing more goes
        out that could not be recorded either); the bot stopping meanwhile loses it, and the
        message may then be sent once more after its claim goes stale (logged)."""
        try:
            return await self.database.retrying(write)
        except DATABASE_UNAVAILABLE as error:
            log.warning(
                "%s: accepted by Telegram, recorded when the database is back (%s)",
                what,
                error.orig,
            )
        while True:
            # Asked often, so that the record lands as soon as the database is back, before
            # another instance's sweep can take the claim back (ClaimPolicy.stale_after).
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.stopping.wait(), RECORD_PAUSE)
            try:
                return await self.database.retrying(write, delays=())
            except DATABASE_UNAVAILABLE:
                if self.stopping.is_set():
                    log.error(
                        "%s: accepted by Telegram but not recorded, the database being away as "
                        "the bot stops: it may be sent again once its claim goes stale",
                        what,
                    )
                    raise

    async def _fail(self, held: _HeldClaims, error: str) -> None:
        ids = sorted(held.ledger_ids())
        now = self.clock.now()

        async def fail(session: AsyncSession) -> None:
            # Only the claims still held: one taken back is its new holder's to record.
            still_held = await ledger.hold_claims(
                session=session, ids=ids, instance=self.instance, now=now
            )
            await ledger.mark_failed(session=session, ids=sorted(still_held), error=error)

        await self.database.retrying(fail)

    async def _move_chat(self, chat: Chat, new_telegram_id: int) -> None:
        await self.move_chat(chat.telegram_id, new_telegram_id)
        chat.telegram_id = new_telegram_id  # moved already, if the migration message came first

    async def move_chat(self, old_telegram_id: int, new_telegram_id: int) -> None:
        """Follow a group Telegram says became a supergroup, with everything kept under its old
        id, as the bot does when Telegram's migration message comes first
        (storage.access.move_chat)."""
        log.info("chat %s became supergroup %s: binding moved", old_telegram_id, new_telegram_id)
        await self.database.retrying(
            lambda session: access.move_chat(
                session=session, old_telegram_id=old_telegram_id, new_telegram_id=new_telegram_id
            )
        )

    async def _lose_chat(self, chat: Chat, reason: str) -> None:
        log.warning("chat %s no longer reachable (%s): marked inactive", chat.telegram_id, reason)
        await self.lose_chat(chat.telegram_id, reason)
        chat.active = False

    async def lose_chat(self, telegram_id: int, reason: str) -> bool:
        """Pause a chat the bot may no longer post in and tell the coordinators (on_chat_lost):
        whether this paused it (not when it was paused already, or spoke for nothing)."""
        now = self.clock.now()

        async def lose(session: AsyncSession) -> list[notices.ChatLostNotice] | None:
            # Paused and the coordinators' notices queued in one transaction: none is lost to a
            # crash between, and of two finding the chat lost at once only one queues them.
            return await notices.lose_chat(
                session=session,
                telegram_id=telegram_id,
                reason=reason,
                configured=self.coordinator_ids,
                now=now,
                instance=self.instance,
            )

        queued = await self.database.retrying(lose)
        if queued and self.on_chat_lost is not None:
            await self.on_chat_lost(queued)
        return queued is not None


async def _cancelled(*tasks: asyncio.Future[Any]) -> None:
    """Cancel those still running, and let each unwind (a part's record finishes or rolls
    back) before going on."""
    for task in tasks:
        if not task.done():
            task.cancel()
            await asyncio.wait((task,))


_URGENCY_ORDER = {Urgency.OVERDUE: 0, Urgency.TODAY: 1, Urgency.SOON: 2}


def _schedule(view: TaskView) -> TaskSchedule:
    """What the reminder policy needs of a task with a deadline."""
    assert view.task.deadline is not None
    return TaskSchedule(
        task_id=view.id,
        deadline=view.task.deadline,
        lead_agency_id=view.lead.id if view.lead else None,
        cooperating_agency_ids=frozenset(a.id for a in view.cooperating if a.id is not None),
    )


def _as_missed(view: TaskView, period: TaskPeriod) -> TaskView:
    """The task as it was in a period recorded missed (a copy, apart from the session)."""
    task = Task.model_validate(
        view.task,
        update={"deadline": period.deadline, "scheduled_deadline": period.scheduled_deadline},
    )
    return replace(view, task=task)


def _key(plan: Planned) -> ledger.SlotKey:
    assert plan.chat.id is not None
    return ledger.SlotKey(plan.reminder.task_id, plan.chat.id, plan.reminder.slot)


def _narrowed(digest: Digest, keys: set[ItemKey]) -> Digest:
    """The digest cut down to these items, as a new message: its earlier parts carried others."""
    return replace(
        digest,
        items=[item for item in digest.items if item.key in keys],
        progress=Progress(on_part=digest.progress.on_part),
    )


def _digest(
    chat: Chat, caller: Caller, due: list[DueReminder], views: Shown, today: date
) -> Digest:
    """The chat's items, most urgent first, one per task and deadline shown (a chat both an
    agency's and the coordinators' hears of a task once, not as a reminder and an escalation);
    an escalation list when that is all."""
    shown = [
        DigestItem(
            view=views[r.task_id, r.slot],
            urgency=r.urgency,
            days_left=r.days_left,
            may_close=access.may_act(caller, views[r.task_id, r.slot]),
        )
        for r in due
    ]
    items = {item.key: item for item in shown}
    ordered = sorted(
        items.values(), key=lambda i: (_URGENCY_ORDER[i.urgency], i.days_left, i.view.id)
    )
    return Digest(
        ordered,
        today,
        # A coordinator's own chat may also be an agency's: then one digest carries both.
        escalation=all(r.slot.startswith(ESCALATION_PREFIX) for r in due),
        language=chat.language,
    )
