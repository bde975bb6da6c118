"""The shared queries, on a fresh SQLite file and a fresh PostgreSQL database."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from jobs.policy import ReminderSettings, TaskSchedule, chased_until, reminders_due
from storage import access, agencies, directives, extensions, imports, ledger, tasks
from storage import db as db_module
from storage.db import Database
from storage.errors import (
    AlreadyDecided,
    AlreadyDone,
    AmbiguousAgency,
    ChatRegisteredElsewhere,
    ExtensionBeyondPeriod,
    InviteExpired,
    InviteInvalid,
    InviteUsed,
    LeadOnly,
    NotAllowed,
    NotDone,
    PeriodNotStarted,
    TaskNotFound,
    UnknownAgency,
)
from storage.models import (
    Agency,
    Chat,
    ChatPurpose,
    Directive,
    ExtensionRequest,
    ExtensionStatus,
    ImportRequest,
    Invite,
    Member,
    PeriodOutcome,
    ReminderStatus,
    Role,
    Task,
)
from tests.conftest import NOW
from vncalendar import VIETNAM_TZ, WorkingCalendar
from vncalendar.recurrence import MONTH_END

# The sweep's limits on a periodic task's extension (storage.extensions.latest_extension), with
# the default reminder settings.
LEAD_DAYS = max(ReminderSettings().before)


def _chased_until(deadline: date) -> date:
    return chased_until(deadline, ReminderSettings(), WorkingCalendar())


CATALOGUE = [
    agencies.AgencyRow("Sở Tài chính", "STC", ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT")),
    agencies.AgencyRow("Sở Y tế", "SYT"),
    agencies.AgencyRow("Bộ Chỉ huy Quân sự tỉnh", "BCHQS"),
]


async def _catalogue(db: Database) -> dict[str, int]:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=CATALOGUE, now=NOW)
        return {
            a.short_name or a.name: a.id
            for a in await agencies.list_agencies(session=session)
            if a.id
        }


async def test_importing_the_catalogue_twice_changes_nothing(db: Database) -> None:
    async with db.session() as session:
        first = await agencies.import_agencies(session=session, rows=CATALOGUE, now=NOW)
    async with db.session() as session:
        second = await agencies.import_agencies(session=session, rows=CATALOGUE, now=NOW)
        names = [a.name for a in await agencies.list_agencies(session=session)]

    assert (first.created, first.updated) == (3, 0)
    assert (second.created, second.updated) == (0, 0)
    assert names == ["Bộ Chỉ huy Quân sự tỉnh", "Sở Tài chính", "Sở Y tế"]


@pytest.mark.parametrize(
    "written",
    [
        "Sở Tài chính",
        "so tai chinh",
        "  SỞ   TÀI CHÍNH ",
        "STC",
        "Sở KH & ĐT",
        "so ke hoach va dau tu",
    ],
)
async def test_an_agency_is_found_by_any_of_its_names(db: Database, written: str) -> None:
    await _catalogue(db)
    async with db.session() as session:
        agency = await agencies.find_agency(session=session, text=written)

    assert agency.name == "Sở Tài chính"


async def test_an_unknown_or_ambiguous_agency_is_refused(db: Database) -> None:
    await _catalogue(db)
    async with db.session() as session:
        # Saved before imports refused a name two agencies share (import_agencies now does).
        session.add(Agency(name="Sở Y tế dự phòng", aliases=["SYT"], created_at=NOW))
    async with db.session() as session:
        with pytest.raises(UnknownAgency):
            await agencies.find_agency(session=session, text="Sở Ngoại vụ")
        with pytest.raises(AmbiguousAgency) as ambiguous:
            await agencies.find_agency(session=session, text="SYT")

    assert ambiguous.value.candidates == ["Sở Y tế", "Sở Y tế dự phòng"]


def test_the_catalogue_file_names_the_bad_line(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("name,short_name,aliases\nSở Tài chính,STC,Sở KH&ĐT; Sở Kế hoạch và Đầu tư\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,short_name,aliases\nSở Y tế,SYT,\n,X,\n")

    assert agencies.read_catalogue(good) == [
        agencies.AgencyRow("Sở Tài chính", "STC", ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"), line=2)
    ]
    with pytest.raises(agencies.CatalogueError, match=r"bad.csv:3: the name is empty"):
        agencies.read_catalogue(bad)


async def test_open_due_and_overdue_tasks(db: Database) -> None:
    ids = await _catalogue(db)
    async with db.session() as session:
        plan = await tasks.add_task(
            session=session,
            text="Ban hành Kế hoạch chung",
            lead_agency_id=ids["STC"],
            deadline=date(2023, 1, 31),
            now=NOW,
            cooperating_agency_ids=[ids["SYT"]],
        )
        late = await tasks.add_task(
            session=session,
            text="Báo cáo tuyển quân",
            lead_agency_id=ids["BCHQS"],
            deadline=date(2023, 1, 3),
            now=NOW,
        )
        await tasks.add_task(
            session=session,
            text="Kiểm tra, giám sát",
            lead_agency_id=ids["STC"],
            deadline=None,
            now=NOW,
        )
        await tasks.add_task(
            session=session,
            text="Quý I",
            lead_agency_id=ids["STC"],
            deadline=date(2023, 3, 31),
            now=NOW,
        )

    async with db.session() as session:
        finance_open = await tasks.open_tasks(session=session, agency_id=ids["STC"])
        health_open = await tasks.open_tasks(session=session, agency_id=ids["SYT"])
        january = await tasks.due_in_month(
            session=session, agency_id=ids["STC"], year=2023, month=1
        )
        overdue = await tasks.overdue_by_agency(session=session, today=date(2023, 1, 5))

    assert [v.task.text for v in finance_open] == [
        "Ban hành Kế hoạch chung",
        "Quý I",
        "Kiểm tra, giám sát",
    ]
    assert [v.task.text for v in health_open] == ["Ban hành Kế hoạch chung"]
    assert finance_open[0].lead is not None and finance_open[0].lead.name == "Sở Tài chính"
    assert [a.name for a in finance_open[0].cooperating] == ["Sở Y tế"]
    assert [v.id for v in january] == [plan.id]
    assert {name: [v.id for v in views] for name, views in overdue.items()} == {
        "Bộ Chỉ huy Quân sự tỉnh": [late.id]
    }


async def test_done_and_undo_are_audited(db: Database) -> None:
    ids = await _catalogue(db)
    async with db.session() as session:
        task = await tasks.add_task(
            session=session,
            text="Kế hoạch",
            lead_agency_id=ids["STC"],
            deadline=date(2023, 1, 31),
            now=NOW,
        )
    assert task.id is not None
    async with db.session() as session:
        closed = await tasks.mark_done(
            session=session, task_id=task.id, actor=42, note="đã trình", now=NOW, today=NOW.date()
        )
    done = closed.task
    async with db.session() as session:
        with pytest.raises(AlreadyDone):
            await tasks.mark_done(
                session=session, task_id=task.id, actor=42, note=None, now=NOW, today=NOW.date()
            )
    async with db.session() as session:
        reopened = await tasks.undo_done(
            session=session, task_id=task.id, actor=42, now=NOW + timedelta(minutes=1)
        )
    async with db.session() as session:
        with pytest.raises(NotDone):
            await tasks.undo_done(session=session, task_id=task.id, actor=42, now=NOW)
        with pytest.raises(TaskNotFound):
            await tasks.mark_done(
                session=session, task_id=999, actor=42, note=None, now=NOW, today=NOW.date()
            )
        trail = await tasks.audit_trail(session=session, task_id=task.id)

    assert (done.status, done.done_note, done.done_at) == ("done", "đã trình", NOW)
    assert (reopened.status, reopened.done_at) == ("open", None)
    assert [(e.action, e.actor, e.detail) for e in trail] == [
        ("created", None, "2023-01-31"),
        ("done", 42, "đã trình"),
        ("reopened", 42, None),
    ]


async def test_an_invite_binds_a_chat_once_and_expires(db: Database) -> None:
    ids = await _catalogue(db)
    async with db.session() as session:
        code = await access.create_invite(
            session=session,
            agency_id=ids["SYT"],
            role=Role.HEAD,
            now=NOW,
            valid_for=timedelta(days=7),
        )
        stale = await access.create_invite(
            session=session,
            agency_id=ids["SYT"],
            role=Role.STAFF,
            now=NOW,
            valid_for=timedelta(days=7),
        )
    async with db.session() as session:
        registration = await access.redeem_invite(
            session=session,
            code=code,
            user_id=7,
            display_name="Bà Lan",
            chat_id=7,
            chat_title=None,
            now=NOW,
        )
    assert registration.agency is not None and registration.agency.name == "Sở Y tế"
    assert registration.role == Role.HEAD

    later = NOW + timedelta(days=8)
    async with db.session() as session:

        async def stranger_redeems(invite: str, when: datetime) -> None:
            await access.redeem_invite(
                session=session,
                code=invite,
                user_id=8,
                display_name=None,
                chat_id=8,
                chat_title=None,
                now=when,
            )

        with pytest.raises(InviteUsed):
            await stranger_redeems(code, NOW)
        with pytest.raises(InviteExpired):
            await stranger_redeems(stale, later)
        with pytest.raises(InviteInvalid):
            await stranger_redeems("made-up", NOW)
        caller = await access.identify(session=session, user_id=7, chat_id=7)
        stranger = await access.identify(session=session, user_id=8, chat_id=8)
    assert caller.agency is not None and caller.agency.name == "Sở Y tế"
    assert not stranger.is_known


async def test_only_the_agency_and_coordinators_may_see_a_task(db: Database) -> None:
    ids = await _catalogue(db)
    async with db.session() as session:
        task = await tasks.add_task(
            session=session,
            text="Kế hoạch",
            lead_agency_id=ids["STC"],
            deadline=None,
            now=NOW,
            cooperating_agency_ids=[ids["SYT"]],
        )
        assert task.id is not None
        view = await tasks.get_task(session=session, task_id=task.id)
        finance, health, army = [
            await agencies.find_agency(session=session, text=name)
            for name in ("STC", "SYT", "BCHQS")
        ]

    assert access.may_see(access.Caller(1, finance, is_coordinator=False), view)
    assert access.may_see(access.Caller(1, health, is_coordinator=False), view)
    assert access.may_see(access.Caller(1, None, is_coordinator=True), view)
    with pytest.raises(NotAllowed):
        access.check_may_see(access.Caller(1, army, is_coordinator=False), view)


async def test_only_the_lead_agency_and_coordinators_may_close_or_extend_a_task(
    db: Database,
) -> None:
    ids = await _catalogue(db)
    async with db.session() as session:
        task = await tasks.add_task(
            session=session,
            text="Kế hoạch",
            lead_agency_id=ids["STC"],
            deadline=date(2023, 1, 31),
            now=NOW,
            cooperating_agency_ids=[ids["SYT"]],
        )
        assert task.id is not None
        finance, health = [
            await agencies.find_agency(session=session, text=name) for name in ("STC", "SYT")
        ]
        lead = access.Caller(1, finance, is_coordinator=False)
        helper = access.Caller(2, health, is_coordinator=False)
        coordinator = access.Caller(3, None, is_coordinator=True)
        for caller in (lead, coordinator):
            view = await access.task_to_act_on(session=session, caller=caller, task_id=task.id)
            assert view.id == task.id
        with pytest.raises(LeadOnly):
            await access.task_to_act_on(session=session, caller=helper, task_id=task.id)
        with pytest.raises(LeadOnly):
            await extensions.request_extension(
                session=session,
                caller=helper,
                chat_id=-2,
                task_id=task.id,
                new_deadline=date(2023, 2, 28),
                reason=None,
                today=NOW.date(),
                now=NOW,
                lead_days=LEAD_DAYS,
                chased_until=_chased_until,
            )
        seen = await access.visible_task(session=session, caller=helper, task_id=task.id)

    assert seen.id == task.id  # a cooperating agency still follows the task


async def test_a_group_upgraded_to_a_supergroup_keeps_its_binding(db: Database) -> None:
    await _task_and_chat(db)  # Sở Tài chính's group, -100
    async with db.session() as session:
        moved = await access.move_chat(session=session, old_telegram_id=-100, new_telegram_id=-1001)
    async with db.session() as session:
        # Telegram announces it in both chats; the second notice finds nothing left to move.
        again = await access.move_chat(session=session, old_telegram_id=-100, new_telegram_id=-1001)
        caller = await access.identify(session=session, user_id=5, chat_id=-1001)
        old = await access.chat_by_telegram_id(session=session, telegram_id=-100)

    assert moved is not None and moved.telegram_id == -1001
    assert again is None and old is None
    assert caller.agency is not None and caller.agency.name == "Sở Tài chính"


async def _task_and_chat(db: Database) -> tuple[int, int]:
    """A task of Sở Tài chính and the group chat registered for it: what a ledger row names."""
    ids = await _catalogue(db)
    async with db.session() as session:
        task = await tasks.add_task(
            session=session,
            text="Kế hoạch",
            lead_agency_id=ids["STC"],
            deadline=date(2023, 1, 31),
            now=NOW,
        )
        code = await access.create_invite(
            session=session,
            agency_id=ids["STC"],
            role=Role.STAFF,
            now=NOW,
            valid_for=timedelta(days=1),
        )
        await access.redeem_invite(
            session=session,
            code=code,
            user_id=5,
            display_name=None,
            chat_id=-100,
            chat_title="Sở TC",
            now=NOW,
        )
        chat = await access.chat_by_telegram_id(session=session, telegram_id=-100)
    assert task.id is not None and chat is not None and chat.id is not None
    return task.id, chat.id


async def test_a_reminder_is_claimed_once_and_retaken_only_after_failure_or_silence(
    db: Database,
) -> None:
    task_id, chat_id = await _task_and_chat(db)
    key = ledger.SlotKey(task_id, chat_id, "d3:2023-01-31")
    policy = ledger.ClaimPolicy(max_attempts=2, stale_after=timedelta(minutes=10))

    async with db.session() as session:
        first = await ledger.claim(session=session, key=key, now=NOW, instance="a", policy=policy)
    async with db.session() as session:
        rival = await ledger.claim(session=session, key=key, now=NOW, instance="b", policy=policy)
    async with db.session() as session:
        after_silence = await ledger.claim(
            session=session, key=key, now=NOW + timedelta(minutes=11), instance="b", policy=policy
        )
        assert after_silence is not None
        await ledger.mark_failed(
            session=session, ids=[after_silence], error="500 Internal Server Error"
        )
    async with db.session() as session:
        exhausted = await ledger.claim(
            session=session, key=key, now=NOW, instance="a", policy=policy
        )
        rows = await ledger.entries(session=session, task_id=task_id)

    assert first is not None and rival is None and after_silence == first
    assert exhausted is None  # two attempts made, the policy allows two
    assert [(r.status, r.attempts, r.claimed_by, r.error) for r, _ in rows] == [
        (ReminderStatus.FAILED, 2, "b", "500 Internal Server Error")
    ]


async def test_a_monthly_report_moves_to_the_next_month_when_done_and_keeps_its_history(
    db: Database,
) -> None:
    ids = await _catalogue(db)
    async with db.session() as session:
        task = await tasks.add_task(
            session=session,
            text="Báo cáo tháng",
            lead_agency_id=ids["STC"],
            deadline=date(2023, 3, 20),
            recurrence="monthly",
            now=NOW,
        )
    assert task.id is not None
    async with db.session() as session:
        march = await tasks.mark_done(
            session=session,
            task_id=task.id,
            actor=7,
            note="đã gửi",
            now=NOW,
            today=date(2023, 3, 18),
        )
    async with db.session() as session:
        april = await tasks.mark_done(
            session=session, task_id=task.id, actor=7, note=None, now=NOW, today=date(2023, 4, 24)
        )
    async with db.session() as session:
        await tasks.undo_done(
            session=session, task_id=task.id, actor=7, now=NOW
        )  # April, by mistake
        history = await tasks.periods(session=session, task_id=task.id)
        current = await tasks.get_task(session=session, task_id=task.id)

    assert (march.deadline, march.next_deadline) == (date(2023, 3, 20), date(2023, 4, 20))
    assert (april.deadline, april.next_deadline) == (date(2023, 4, 20), date(2023, 5, 20))
    assert [(p.deadline, p.outcome, p.note) for p in history] == [
        (date(2023, 3, 20), "on_time", "đã gửi")
    ]
    assert (current.task.status, current.task.deadline) == ("open", date(2023, 4, 20))


async def test_a_period_that_has_not_begun_cannot_be_closed_in_advance(db: Database) -> None:
    """A second press of the digest's button, or /done twice, must not close next month."""
    task_id, _, _ = await _monthly_report(db)

    async def close(today: date) -> tasks.Closed:
        async with db.session() as session:
            return await tasks.mark_done(
                session=session, task_id=task_id, actor=7, note=None, now=NOW, today=today
            )

    march = await close(date(2023, 3, 28))
    with pytest.raises(PeriodNotStarted) as again:
        await close(date(2023, 3, 28))
    april = await close(date(2023, 4, 1))  # April has begun: its report may be done early

    assert (march.deadline, march.next_deadline) == (date(2023, 3, 31), date(2023, 4, 30))
    assert (again.value.deadline, again.value.starts) == (date(2023, 4, 30), date(2023, 4, 1))
    assert (april.deadline, april.next_deadline) == (date(2023, 4, 30), date(2023, 5, 31))


async def test_a_missed_period_is_recorded_when_the_next_one_begins(db: Database) -> None:
    ids = await _catalogue(db)
    async with db.session() as session:
        task = await tasks.add_task(
            session=session,
            text="Báo cáo quý",
            lead_agency_id=ids["STC"],
            deadline=date(2023, 3, 31),
            recurrence="quarterly",
            now=NOW,
        )
    assert task.id is not None

    async with db.session() as session:
        chased = await tasks.roll_missed_periods(
            session=session, today=date(2023, 6, 22), lead_days=7, now=NOW
        )
    async with db.session() as session:
        rolled = await tasks.roll_missed_periods(
            session=session, today=date(2023, 6, 23), lead_days=7, now=NOW
        )
    async with db.session() as session:
        # Down for half a year: each missed quarter is recorded, the task is on the current one.
        later = await tasks.roll_missed_periods(
            session=session, today=date(2024, 1, 10), lead_days=7, now=NOW
        )
        history = await tasks.periods(session=session, task_id=task.id)
        current = await tasks.get_task(session=session, task_id=task.id)

    assert (chased, rolled, later) == (
        0,
        1,
        2,
    )  # chased as overdue until the 7-day reminder of 30/06
    assert [(p.deadline, p.outcome) for p in history] == [
        (date(2023, 3, 31), "missed"),
        (date(2023, 6, 30), "missed"),
        (date(2023, 9, 30), "missed"),
    ]
    assert current.task.deadline == date(2023, 12, 31)


async def test_the_ledger_says_which_reminders_already_went_out(db: Database) -> None:
    task_id, chat_id = await _task_and_chat(db)
    sent, pending = (
        ledger.SlotKey(task_id, chat_id, slot) for slot in ("d7:2023-01-31", "d3:2023-01-31")
    )
    policy = ledger.ClaimPolicy()
    async with db.session() as session:
        first = await ledger.claim(session=session, key=sent, now=NOW, instance="a", policy=policy)
        await ledger.claim(session=session, key=pending, now=NOW, instance="a", policy=policy)
        assert first is not None
        await ledger.mark_sent(session=session, ids=[first], message_id=77, now=NOW)
    async with db.session() as session:
        keys = await ledger.sent_keys(session=session, task_ids=[task_id])

    assert keys == {sent}  # claimed but not yet sent does not count


async def _monthly_report(db: Database) -> tuple[int, access.Caller, access.Caller]:
    """Sở Tài chính's monthly report due 31/03/2023: (its id, the lead, a coordinator)."""
    ids = await _catalogue(db)
    async with db.session() as session:
        task = await tasks.add_task(
            session=session,
            text="Báo cáo tháng",
            lead_agency_id=ids["STC"],
            deadline=date(2023, 3, 31),
            recurrence="monthly",
            now=NOW,
        )
        finance = await agencies.find_agency(session=session, text="STC")
    assert task.id is not None
    lead = access.Caller(1, finance, is_coordinator=False)
    return task.id, lead, access.Caller(3, None, is_coordinator=True)


async def _monthly_report_extended(db: Database) -> tuple[int, access.Caller]:
    """The monthly report, extended (by a coordinator) to 05/04."""
    task_id, lead, coordinator = await _monthly_report(db)
    async with db.session() as session:
        with pytest.raises(ExtensionBeyondPeriod):  # April's report is due on 30/04
            await extensions.request_extension(
                session=session,
                caller=lead,
                chat_id=-100,
                task_id=task_id,
                new_deadline=date(2023, 4, 30),
                reason=None,
                today=date(2023, 3, 28),
                now=NOW,
                lead_days=LEAD_DAYS,
                chased_until=_chased_until,
            )
        request, _ = await extensions.request_extension(
            session=session,
            caller=lead,
            chat_id=-100,
            task_id=task_id,
            new_deadline=date(2023, 4, 5),
            reason="chờ số liệu",
            today=date(2023, 3, 28),
            now=NOW,
            lead_days=LEAD_DAYS,
            chased_until=_chased_until,
        )
    assert request.id is not None
    async with db.session() as session:
        await extensions.decide_extension(
            session=session,
            caller=coordinator,
            request_id=request.id,
            approve=True,
            today=date(2023, 3, 28),
            now=NOW,
        )
    return task_id, lead


async def test_an_extension_of_a_recurring_task_moves_its_period_not_its_schedule(
    db: Database,
) -> None:
    task_id, _ = await _monthly_report_extended(db)
    async with db.session() as session:
        march = await tasks.mark_done(
            session=session, task_id=task_id, actor=1, note=None, now=NOW, today=date(2023, 4, 3)
        )
    async with db.session() as session:
        await tasks.undo_done(session=session, task_id=task_id, actor=1, now=NOW)
        reopened = await tasks.get_task(session=session, task_id=task_id)
    async with db.session() as session:
        again = await tasks.mark_done(
            session=session, task_id=task_id, actor=1, note=None, now=NOW, today=date(2023, 4, 4)
        )
        history = await tasks.periods(session=session, task_id=task_id)

    assert (march.deadline, march.next_deadline) == (date(2023, 4, 5), date(2023, 4, 30))
    assert reopened.task.deadline == date(2023, 4, 5)  # the undo keeps the extension
    assert (again.deadline, again.next_deadline) == (date(2023, 4, 5), date(2023, 4, 30))
    assert [(p.deadline, p.scheduled_deadline, p.outcome) for p in history] == [
        (date(2023, 4, 5), date(2023, 3, 31), "on_time")
    ]


async def test_a_missed_extended_period_is_followed_by_the_scheduled_one(db: Database) -> None:
    task_id, _ = await _monthly_report_extended(db)
    async with db.session() as session:  # the first sweep after 05/04 chases it
        await tasks.roll_missed_periods(
            session=session, today=date(2023, 4, 6), lead_days=7, now=NOW
        )
    async with db.session() as session:
        # April's deadline, Sunday 30/04 in the holiday, closes on 04/05: seven days before.
        rolled = await tasks.roll_missed_periods(
            session=session, today=date(2023, 4, 27), lead_days=7, now=NOW
        )
        current = await tasks.get_task(session=session, task_id=task_id)

    assert rolled == 1
    assert (current.task.deadline, current.task.scheduled_deadline) == (date(2023, 4, 30), None)


async def _close(db: Database, task_id: int, today: date) -> tasks.Closed:
    async with db.session() as session:
        return await tasks.mark_done(
            session=session, task_id=task_id, actor=1, note=None, now=NOW, today=today
        )


async def _undo(db: Database, task_id: int, period: date | None = None) -> date | None:
    """Undo as /undo (period None) or a ↩️ naming its period does; the deadline it leaves."""
    async with db.session() as session:
        task = await tasks.undo_done(
            session=session, task_id=task_id, actor=1, now=NOW, period=period
        )
    return task.deadline


async def _deadline_and_history(db: Database, task_id: int) -> tuple[date | None, list[Any]]:
    async with db.session() as session:
        current = await tasks.get_task(session=session, task_id=task_id)
        history = await tasks.periods(session=session, task_id=task_id)
    return current.task.deadline, [(p.deadline, p.outcome) for p in history]


async def test_undo_reopens_only_the_last_period_never_one_before_a_missed_one(
    db: Database,
) -> None:
    """Reopening March beside a recorded April would move the task back weeks, and the next
    closing of March would collide with April's record (one record per period)."""
    task_id, _, _ = await _monthly_report(db)
    await _close(db, task_id, date(2023, 3, 28))
    for today in (date(2023, 5, 5), date(2023, 5, 25)):  # April's report never came
        async with db.session() as session:
            await tasks.roll_missed_periods(session=session, today=today, lead_days=7, now=NOW)

    with pytest.raises(tasks.PeriodMissed) as missed:
        await _undo(db, task_id)
    with pytest.raises(tasks.StaleUndo) as stale:  # March's ↩️
        await _undo(db, task_id, date(2023, 3, 31))
    assert missed.value.missed == date(2023, 4, 30)
    assert (stale.value.period, stale.value.latest) == (date(2023, 3, 31), date(2023, 4, 30))
    assert await _deadline_and_history(db, task_id) == (
        date(2023, 5, 31),
        [(date(2023, 3, 31), "on_time"), (date(2023, 4, 30), "missed")],
    )
    closed = await _close(db, task_id, date(2023, 5, 26))  # and May closes as usual
    assert (closed.deadline, closed.next_deadline) == (date(2023, 5, 31), date(2023, 6, 30))


async def test_an_undo_naming_its_period_reopens_it_only_while_it_is_the_last(
    db: Database,
) -> None:
    task_id, _, _ = await _monthly_report(db)
    await _close(db, task_id, date(2023, 3, 28))
    await _close(db, task_id, date(2023, 4, 27))

    with pytest.raises(tasks.StaleUndo):  # March's ↩️, after April was closed too
        await _undo(db, task_id, date(2023, 3, 31))
    assert await _undo(db, task_id, date(2023, 4, 30)) == date(2023, 4, 30)  # April's ↩️
    with pytest.raises(NotDone):  # April's ↩️ again: April is open already
        await _undo(db, task_id, date(2023, 4, 30))
    assert await _deadline_and_history(db, task_id) == (
        date(2023, 4, 30),
        [(date(2023, 3, 31), "on_time")],
    )


async def test_an_extension_asked_for_a_deadline_the_task_no_longer_has_expires(
    db: Database,
) -> None:
    task_id, lead, coordinator = await _monthly_report(db)

    async def ask(until: date) -> int:
        async with db.session() as session:
            request, _ = await extensions.request_extension(
                session=session,
                caller=lead,
                chat_id=-100,
                task_id=task_id,
                new_deadline=until,
                reason=None,
                today=date(2023, 3, 28),
                now=NOW,
                lead_days=LEAD_DAYS,
                chased_until=_chased_until,
            )
        assert request.id is not None
        return request.id

    for_march = await ask(date(2023, 4, 5))
    async with db.session() as session:  # March's report went out after all
        await tasks.mark_done(
            session=session, task_id=task_id, actor=1, note=None, now=NOW, today=date(2023, 3, 30)
        )
    for_april = await ask(date(2023, 5, 5))  # the stale request does not block a new one
    async with db.session() as session:
        with pytest.raises(AlreadyDecided):  # approved late, it would move April's deadline
            await extensions.decide_extension(
                session=session,
                caller=coordinator,
                request_id=for_march,
                approve=True,
                today=date(2023, 3, 30),
                now=NOW,
            )
        current = await extensions.decide_extension(
            session=session,
            caller=coordinator,
            request_id=for_april,
            approve=True,
            today=date(2023, 3, 30),
            now=NOW,
        )
        stale = await session.get(ExtensionRequest, for_march)

    assert stale is not None and stale.status == ExtensionStatus.EXPIRED
    assert current.request.status == ExtensionStatus.APPROVED
    assert current.view.task.deadline == date(2023, 5, 5)
    assert current.view.task.scheduled_deadline == date(2023, 4, 30)


async def _import(
    db: Database, *new_tasks: directives.NewTask, now: datetime = NOW
) -> directives.Saved:
    """Save notice 12/TB-VP with these tasks: the first time, or again as a re-import does
    (at now)."""
    async with db.session() as session:
        directive = await directives.find_imported(
            session=session, sha256="a" * 64, number="12/TB-VP", issued_on=date(2023, 1, 5)
        ) or await directives.add_directive(
            session=session,
            now=NOW,
            number="12/TB-VP",
            issued_on=date(2023, 1, 5),
            source_sha256="a" * 64,
        )
        return await directives.save_tasks(
            session=session, directive=directive, tasks=new_tasks, now=now
        )


async def _extend(db: Database, task_id: int, until: date, *, today: date, approve: bool) -> int:
    """Sở Tài chính asks for a later deadline; a coordinator approves, or has not decided yet."""
    async with db.session() as session:
        finance = await agencies.find_agency(session=session, text="STC")
        request, _ = await extensions.request_extension(
            session=session,
            caller=access.Caller(1, finance, is_coordinator=False),
            chat_id=-100,
            task_id=task_id,
            new_deadline=until,
            reason=None,
            today=today,
            now=NOW,
            lead_days=LEAD_DAYS,
            chased_until=_chased_until,
        )
    assert request.id is not None
    if approve:
        async with db.session() as session:
            await extensions.decide_extension(
                session=session,
                caller=access.Caller(3, None, is_coordinator=True),
                request_id=request.id,
                approve=True,
                today=today,
                now=NOW,
            )
    return request.id


async def test_reimporting_the_same_document_keeps_an_approved_extension(db: Database) -> None:
    ids = await _catalogue(db)
    plan = directives.NewTask("Ban hành Kế hoạch chung", ids["STC"], date(2023, 1, 31))
    (task_id,) = (await _import(db, plan)).added
    await _extend(db, task_id, date(2023, 2, 15), today=date(2023, 1, 20), approve=True)

    again = await _import(db, plan)
    async with db.session() as session:
        view = await tasks.get_task(session=session, task_id=task_id)

    assert (again.added, again.changed, again.unchanged) == ([], [], [task_id])
    assert view.task.deadline == date(2023, 2, 15)


async def test_reimporting_the_same_document_keeps_a_periodic_duty_on_its_period(
    db: Database,
) -> None:
    ids = await _catalogue(db)
    report = directives.NewTask(
        "Báo cáo tình hình hằng tháng", ids["STC"], date(2023, 1, 20), recurrence="monthly"
    )
    (task_id,) = (await _import(db, report)).added
    async with db.session() as session:
        await tasks.mark_done(
            session=session, task_id=task_id, actor=1, note=None, now=NOW, today=date(2023, 1, 18)
        )
    await _extend(db, task_id, date(2023, 2, 24), today=date(2023, 2, 15), approve=True)

    again = await _import(db, report)
    async with db.session() as session:
        view = await tasks.get_task(session=session, task_id=task_id)
        history = await tasks.periods(session=session, task_id=task_id)

    assert again.unchanged == [task_id]
    assert (view.task.deadline, view.task.scheduled_deadline) == (
        date(2023, 2, 24),
        date(2023, 2, 20),
    )
    assert [p.deadline for p in history] == [date(2023, 1, 20)]


async def test_a_revised_day_of_a_monthly_duty_does_not_reopen_the_months_already_closed(
    db: Database,
) -> None:
    """A monthly report due on the 20th, January to March reported on time. In April the
    office re-imports the directive, revised: the report is now due on the 25th. The duty
    goes on from April (due 25/04); it must not go back to 25/01 and have the sweep record
    January, February and March as missed, nor chase them as overdue."""
    ids = await _catalogue(db)
    text = "Báo cáo tình hình hằng tháng"
    first = directives.NewTask(text, ids["STC"], date(2023, 1, 20), recurrence="monthly")
    (task_id,) = (await _import(db, first)).added
    await _close_each(db, task_id, date(2023, 1, 18), date(2023, 2, 17), date(2023, 3, 17))

    april = datetime(2023, 4, 10, 9, 0, tzinfo=VIETNAM_TZ)
    revised = directives.NewTask(text, ids["STC"], date(2023, 1, 25), recurrence="monthly")
    await _import(db, revised, now=april)
    async with db.session() as session:
        await tasks.roll_missed_periods(session=session, today=april.date(), lead_days=7, now=april)
    deadline, history = await _deadline_and_history(db, task_id)

    assert history == [
        (date(2023, 1, 20), PeriodOutcome.ON_TIME),
        (date(2023, 2, 20), PeriodOutcome.ON_TIME),
        (date(2023, 3, 20), PeriodOutcome.ON_TIME),
    ]
    assert deadline == date(2023, 4, 25)


async def test_a_deadline_the_document_changed_is_applied_on_reimport(db: Database) -> None:
    ids = await _catalogue(db)
    plan = directives.NewTask("Ban hành Kế hoạch chung", ids["STC"], date(2023, 1, 31))
    report = directives.NewTask(
        "Báo cáo tình hình hằng tháng", ids["STC"], date(2023, 1, 20), recurrence="monthly"
    )
    plan_id, report_id = (await _import(db, plan, report)).added
    asked = await _extend(db, plan_id, date(2023, 2, 15), today=date(2023, 1, 20), approve=False)
    await _extend(db, report_id, date(2023, 1, 25), today=date(2023, 1, 18), approve=True)

    # The notice was reissued: the plan is due at the end of February, the report on the 31st.
    again = await _import(
        db,
        directives.NewTask(plan.text, plan.lead_agency_id, date(2023, 2, 28)),
        directives.NewTask(
            report.text, report.lead_agency_id, date(2023, 1, 31), recurrence="monthly"
        ),
    )
    async with db.session() as session:
        plan_view = await tasks.get_task(session=session, task_id=plan_id)
        report_view = await tasks.get_task(session=session, task_id=report_id)
        request = await session.get(ExtensionRequest, asked)
        trail = await tasks.audit_trail(session=session, task_id=plan_id)

    assert sorted(again.changed) == [plan_id, report_id]
    assert plan_view.task.deadline == date(2023, 2, 28)
    assert request is not None and request.status == ExtensionStatus.EXPIRED
    assert [(e.action, e.detail) for e in trail][-2:] == [
        ("deadline_changed", "2023-01-31 -> 2023-02-28 (re-import)"),
        ("extension_expired", f"{asked}: asked to move 2023-01-31"),
    ]
    # The schedule is the document's again: February's report is due on the 28th.
    assert (report_view.task.deadline, report_view.task.scheduled_deadline) == (
        date(2023, 1, 31),
        None,
    )
    assert tasks.next_deadline(report_view.task) == date(2023, 2, 28)


async def test_a_chat_may_close_what_the_lead_agency_or_a_coordinator_may(db: Database) -> None:
    ids = await _catalogue(db)
    async with db.session() as session:
        task = await tasks.add_task(
            session=session,
            text="Kế hoạch",
            lead_agency_id=ids["STC"],
            deadline=date(2023, 1, 31),
            now=NOW,
            cooperating_agency_ids=[ids["SYT"]],
        )
        for agency_id, role, user_id, chat_id in (
            (ids["STC"], Role.STAFF, 5, -100),  # the lead's group
            (ids["STC"], Role.HEAD, 6, 6),  # its head, in private
            (ids["SYT"], Role.STAFF, 7, -200),  # the cooperating agency's group
            (None, Role.COORDINATOR, 8, 8),
        ):
            code = await access.create_invite(
                session=session, agency_id=agency_id, role=role, now=NOW, valid_for=timedelta(1)
            )
            await access.redeem_invite(
                session=session,
                code=code,
                user_id=user_id,
                display_name=None,
                chat_id=chat_id,
                chat_title=None,
                now=NOW,
            )
        # A coordinator named in the configuration, who never registered.
        await ledger.private_chats(session=session, telegram_ids=[9], now=NOW)
    assert task.id is not None
    async with db.session() as session:
        chats = await access.all_chats(session=session)
        callers = await access.chats_as_callers(session=session, chats=chats, coordinator_ids={9})
        view = await tasks.get_task(session=session, task_id=task.id)

    assert {c.telegram_id: access.may_act(callers[c.id], view) for c in chats if c.id} == {
        -100: True,
        6: True,
        -200: False,
        8: True,
        9: True,
    }


async def _join(
    db: Database,
    agency_id: int | None,
    role: Role,
    user_id: int,
    chat_id: int,
    coordinator_ids: frozenset[int] = frozenset(),
) -> access.Registration:
    """A fresh invite, redeemed by user_id in chat_id."""
    async with db.session() as session:
        code = await access.create_invite(
            session=session, agency_id=agency_id, role=role, now=NOW, valid_for=timedelta(1)
        )
    return await _redeem(db, code, user_id, chat_id, coordinator_ids)


async def _redeem(
    db: Database,
    code: str,
    user_id: int,
    chat_id: int,
    coordinator_ids: frozenset[int] = frozenset(),
) -> access.Registration:
    """An invite redeemed by user_id in chat_id (coordinator_ids: those of the configuration)."""
    async with db.session() as session:
        return await access.redeem_invite(
            session=session,
            code=code,
            user_id=user_id,
            display_name=None,
            chat_id=chat_id,
            chat_title=None,
            now=NOW,
            coordinator_ids=coordinator_ids,
        )


async def _who(db: Database, user_id: int, chat_id: int) -> tuple[str | None, bool]:
    """The agency a person acts for in a chat, and whether they see every agency there."""
    async with db.session() as session:
        caller = await access.identify(session=session, user_id=user_id, chat_id=chat_id)
    return (caller.agency.short_name if caller.agency else None), caller.is_coordinator


FINANCE, HEALTH, BANG = 1, 2, 600


def _chat(
    telegram_id: int,
    agency_id: int | None = None,
    purpose: ChatPurpose = ChatPurpose.AGENCY,
    *,
    registered: bool = True,
    active: bool = True,
) -> Chat:
    row_id = abs(telegram_id) if registered else None
    return Chat(
        id=row_id,
        telegram_id=telegram_id,
        agency_id=agency_id,
        purpose=purpose,
        active=active,
        created_at=NOW,
    )


def _member(user_id: int, role: Role, agency_id: int | None = None) -> Member:
    return Member(telegram_user_id=user_id, role=role, agency_id=agency_id, created_at=NOW)


def _seen(user_id: int, chat: Chat, member: Member | None = None) -> tuple[bool, int | None]:
    """What access.standing says of user_id writing in chat (a chat without a row id: unknown)."""
    return access.standing(
        user_id=user_id,
        chat_id=chat.telegram_id,
        chat=chat if chat.id else None,
        member=member,
        coordinators={BANG},
    )


def test_where_one_asks_decides_what_one_sees() -> None:
    finance_group, nobodys_group = _chat(-100, FINANCE), _chat(-200, registered=False)
    coordinator, health_officer = _member(8, Role.COORDINATOR), _member(7, Role.STAFF, HEALTH)
    # A registered group speaks for what it was registered for, whoever types in it ...
    assert _seen(5, finance_group) == (False, FINANCE)
    assert _seen(8, finance_group, coordinator) == (False, FINANCE)
    assert _seen(BANG, finance_group) == (False, FINANCE)
    assert _seen(7, finance_group, health_officer) == (False, FINANCE)
    assert _seen(5, _chat(-300, None, ChatPurpose.COORDINATORS)) == (True, None)
    # ... a group nobody registered, or one that stopped taking messages, for nobody ...
    assert _seen(8, nobodys_group, coordinator) == (False, None)
    assert _seen(BANG, nobodys_group) == (False, None)
    assert _seen(5, _chat(-100, FINANCE, active=False)) == (False, None)
    # ... and a private chat for its owner.
    assert _seen(8, _chat(8, registered=False), coordinator) == (True, None)
    assert _seen(BANG, _chat(BANG, registered=False)) == (True, None)  # in the configuration
    assert _seen(7, _chat(7, registered=False), health_officer) == (False, HEALTH)
    assert _seen(6, _chat(6, FINANCE), _member(6, Role.HEAD)) == (False, FINANCE)
    assert _seen(9, _chat(9, registered=False), _member(9, Role.STAFF)) == (False, None)  # left


async def test_a_coordinators_invite_tied_to_an_agency_is_never_made_nor_honoured(
    db: Database,
) -> None:
    ids = await _catalogue(db)
    async with db.session() as session:
        with pytest.raises(ValueError, match="for the coordinators"):
            await access.create_invite(
                session=session,
                agency_id=ids["STC"],
                role=Role.COORDINATOR,
                now=NOW,
                valid_for=timedelta(days=7),
            )
        # One an older version made: refused when opened, nobody gets the province's tasks.
        session.add(
            Invite(
                code_hash=access.hash_code("old-code"),
                agency_id=ids["STC"],
                role=Role.COORDINATOR,
                created_at=NOW,
                expires_at=NOW + timedelta(days=7),
            )
        )
    async with db.session() as session:
        with pytest.raises(InviteInvalid):
            await access.redeem_invite(
                session=session,
                code="old-code",
                user_id=7,
                display_name="Bà Lan",
                chat_id=7,
                chat_title=None,
                now=NOW,
            )


async def test_an_invite_does_not_move_a_registered_chat(db: Database) -> None:
    ids = await _catalogue(db)
    await _join(db, ids["STC"], Role.STAFF, 5, -100)  # Sở Tài chính's group
    await _join(db, None, Role.COORDINATOR, 8, -300)  # the coordinators' group
    async with db.session() as session:
        health = await access.create_invite(
            session=session, agency_id=ids["SYT"], role=Role.STAFF, now=NOW, valid_for=timedelta(1)
        )
        coordinator = await access.create_invite(
            session=session, agency_id=None, role=Role.COORDINATOR, now=NOW, valid_for=timedelta(1)
        )

    with pytest.raises(ChatRegisteredElsewhere) as other_agency:
        await _redeem(db, health, 6, -100)
    with pytest.raises(ChatRegisteredElsewhere) as coordinators:
        await _redeem(db, coordinator, 8, -100)
    with pytest.raises(ChatRegisteredElsewhere) as agency_code:
        await _redeem(db, health, 6, -300)

    assert other_agency.value.agency == coordinators.value.agency == "Sở Tài chính"
    assert agency_code.value.agency is None  # the coordinators
    assert await _who(db, 5, -100) == ("STC", False)
    assert await _who(db, 6, -300) == (None, True)
    # Neither code was used up, and the same agency's code again changes nothing.
    assert (await _redeem(db, health, 6, -200)).agency is not None
    assert (await _redeem(db, coordinator, 9, 9)).role == Role.COORDINATOR
    await _join(db, ids["STC"], Role.STAFF, 7, -100)
    assert await _who(db, 7, 7) == ("STC", False)


async def test_an_invite_never_lowers_its_holder(db: Database) -> None:
    ids = await _catalogue(db)
    await _join(db, None, Role.COORDINATOR, BANG, BANG)
    await _join(db, ids["STC"], Role.HEAD, 6, 6)

    # The coordinator sets up the finance group with its staff code; the head then uses one too.
    assert (await _join(db, ids["STC"], Role.STAFF, BANG, -100)).role == Role.COORDINATOR
    assert (await _join(db, ids["STC"], Role.STAFF, 6, -100)).role == Role.HEAD

    assert await _who(db, BANG, BANG) == (None, True)
    async with db.session() as session:
        head = await access.identify(session=session, user_id=6, chat_id=6)
        chat = await access.chat_by_telegram_id(session=session, telegram_id=-100)
    assert head.agency is not None and head.agency.id == ids["STC"]
    assert chat is not None and chat.agency_id == ids["STC"]


async def test_a_configured_coordinator_registers_an_agencys_group_not_himself(
    db: Database,
) -> None:
    """Named in the configuration, Bằng has no member row to stay a coordinator in: the code
    he types in Sở Tài chính's group registers the group. The one he types in his own chat is
    his: a head who is a coordinator too sees every agency while the configuration names him,
    and his own agency once it no longer does."""
    ids = await _catalogue(db)
    configured = frozenset({BANG, 6})

    finance = await _join(db, ids["STC"], Role.STAFF, BANG, -100, configured)
    health = await _join(db, ids["SYT"], Role.HEAD, 6, 6, configured)  # in private

    assert (finance.agency and finance.agency.short_name, finance.role) == (
        "STC",
        Role.COORDINATOR,
    )
    assert (health.agency and health.agency.short_name, health.role) == ("SYT", Role.HEAD)
    assert await _who(db, BANG, -100) == ("STC", False)  # the group speaks for its agency
    assert await _who(db, BANG, BANG) == (None, False)  # and he, unconfigured, for nobody
    assert await _who(db, 6, 6) == ("SYT", False)
    async with db.session() as session:
        members = await access.list_members(session=session)
    assert [(row.user_id, row.role) for row in members] == [(6, Role.HEAD)]


async def test_a_private_chat_gets_a_row_when_its_owner_chooses_a_language(
    db: Database,
) -> None:
    """Lan registered in her agency's group, so her private chat had no row: choosing a
    language makes one, bound to nothing (it takes no agency's reminders)."""
    ids = await _catalogue(db)
    await _join(db, ids["STC"], Role.STAFF, 5, -100)
    async with db.session() as session:
        await access.set_chat_language(session=session, telegram_id=5, language="en", now=NOW)
    async with db.session() as session:
        chat = await access.chat_by_telegram_id(session=session, telegram_id=5)
        chosen = await access.chat_language(session=session, telegram_id=5)

    assert chosen == "en"
    assert chat is not None and (chat.agency_id, chat.purpose, chat.active) == (
        None,
        ChatPurpose.AGENCY,
        True,
    )
    assert await _who(db, 5, 5) == ("STC", False)  # she still acts for her agency there


async def test_a_new_agencys_invite_moves_its_holder_and_frees_the_private_chat(
    db: Database,
) -> None:
    ids = await _catalogue(db)
    await _join(db, ids["STC"], Role.HEAD, 6, 6)

    with pytest.raises(ChatRegisteredElsewhere):  # his private chat speaks for Sở Tài chính
        await _join(db, ids["SYT"], Role.HEAD, 6, 6)
    await _join(db, ids["SYT"], Role.HEAD, 6, -200)  # transferred: he joins Sở Y tế's group

    assert await _who(db, 6, 6) == ("SYT", False)
    await _join(db, ids["SYT"], Role.HEAD, 6, 6)  # and may register his chat for it again
    assert await _who(db, 6, 6) == ("SYT", False)
    # A coordinator's code raises the owner of a private chat, whatever it was registered for.
    await _join(db, None, Role.COORDINATOR, 6, 6)
    assert await _who(db, 6, 6) == (None, True)


async def test_leaving_a_group_ends_the_registration_it_gave(db: Database) -> None:
    ids = await _catalogue(db)
    await _join(db, ids["STC"], Role.STAFF, 5, -100)  # registers the finance group
    await _join(db, ids["STC"], Role.HEAD, 6, 6)  # the head, in private
    await _join(db, ids["SYT"], Role.STAFF, 7, -200)  # a health officer
    await _join(db, None, Role.COORDINATOR, 8, -300)  # the coordinators' group
    await _join(db, None, Role.COORDINATOR, BANG, BANG)

    async def leave(chat_id: int, user_id: int) -> tuple[str | None, str] | None:
        async with db.session() as session:
            lost = await access.leave_chat(session=session, chat_id=chat_id, user_id=user_id)
        return None if lost is None else (lost.agency.name if lost.agency else None, lost.role)

    assert await leave(-100, 6) == ("Sở Tài chính", Role.HEAD)
    assert await leave(-100, 6) is None  # Telegram tells twice: a message and an update
    assert await leave(-100, 7) is None  # a health officer in the finance group
    assert await leave(-100, BANG) is None  # a coordinator who helps the finance group
    assert await leave(-400, 5) is None  # a group nobody registered
    assert await leave(-300, 8) == (None, Role.COORDINATOR)

    assert await _who(db, 6, 6) == (None, False)
    assert await _who(db, 8, 8) == (None, False)
    assert await _who(db, 7, 7) == ("SYT", False)
    assert await _who(db, BANG, BANG) == (None, True)
    assert await _who(db, 5, -100) == ("STC", False)  # the group still speaks for its agency
    async with db.session() as session:
        private = await access.chat_by_telegram_id(session=session, telegram_id=6)
    assert private is not None and private.agency_id is None  # no more reminders there


async def test_a_directive_saved_again_with_other_bytes_is_found_by_its_text(db: Database) -> None:
    async with db.session() as session:
        first = await directives.add_directive(
            session=session, now=NOW, source_sha256="a" * 64, text_sha256="t" * 64
        )
    async with db.session() as session:
        resaved = await directives.find_imported(
            session=session, sha256="b" * 64, number=None, issued_on=None, text_sha256="t" * 64
        )
        another = await directives.find_imported(
            session=session, sha256="c" * 64, number=None, issued_on=None, text_sha256="u" * 64
        )

    assert resaved is not None and resaved.id == first.id
    assert another is None


async def test_what_a_reimport_would_change_is_told_before_saving(db: Database) -> None:
    ids = await _catalogue(db)
    plan = directives.NewTask("Ban hành Kế hoạch chung", ids["STC"], date(2023, 1, 31))
    await _import(db, plan)
    moved = directives.NewTask("Ban hành Kế hoạch chung", ids["STC"], date(2023, 2, 28))
    new = directives.NewTask("Rà soát đầu tư công", ids["STC"], None)

    async with db.session() as session:
        directive = await directives.find_imported(
            session=session, sha256="a" * 64, number=None, issued_on=None
        )
        assert directive is not None
        same = await directives.compare_tasks(session=session, directive=directive, tasks=[plan])
        other = await directives.compare_tasks(
            session=session, directive=directive, tasks=[moved, new, new]
        )
    again = await _import(db, moved, new, new)

    assert same == directives.Changes(added=0, changed=0, unchanged=1)
    assert other == directives.Changes(added=1, changed=1, unchanged=1)
    assert (len(again.added), len(again.changed), len(again.unchanged)) == (1, 1, 1)


async def test_one_duty_of_one_agency_due_on_two_days_is_two_tasks(db: Database) -> None:
    """A plan's table gives Sở Y tế the same line for two quarters: two tasks, each known again
    by the deadline the document gives it; a reissue that moves one moves that one alone."""
    ids = await _catalogue(db)
    june = directives.NewTask("Báo cáo kết quả thực hiện", ids["SYT"], date(2024, 6, 30))
    december = directives.NewTask("Báo cáo kết quả thực hiện", ids["SYT"], date(2024, 12, 31))
    first = await _import(db, june, december)
    again = await _import(db, december, june)
    september = directives.NewTask(june.text, june.lead_agency_id, date(2024, 9, 30))
    async with db.session() as session:
        directive = await directives.find_imported(
            session=session, sha256="a" * 64, number=None, issued_on=None
        )
        assert directive is not None
        would = await directives.compare_tasks(
            session=session, directive=directive, tasks=[september, december, december]
        )
    reissued = await _import(db, september, december, december)
    async with db.session() as session:
        deadlines = [
            (await tasks.get_task(session=session, task_id=task_id)).task.deadline
            for task_id in first.added
        ]

    assert (len(first.added), first.changed, first.unchanged) == (2, [], [])
    assert again.unchanged == first.added[::-1]
    assert would == directives.Changes(added=0, changed=1, unchanged=2)
    assert reissued.changed == first.added[:1]
    assert reissued.unchanged == [first.added[1]] * 2  # said twice: one task still
    assert deadlines == [date(2024, 9, 30), date(2024, 12, 31)]


async def _sent(session: AsyncSession, user_id: int, name: str) -> ImportRequest:
    return await imports.create_request(
        session=session, chat_id=-100, user_id=user_id, file_id=name, file_name=name, now=NOW
    )


async def _previewed(
    session: AsyncSession, user_id: int, name: str, draft: dict[str, Any] | None
) -> tuple[ImportRequest, list[ImportRequest]]:
    """A document sent, then read: its preview, and the older ones it replaced."""
    request = await _sent(session, user_id, name)
    replaced = await imports.open_preview(session=session, request=request, draft=draft)
    assert replaced is not None
    return request, replaced


async def test_each_officer_has_their_own_preview_in_a_chat(db: Database) -> None:
    async def send(session: AsyncSession, user_id: int, name: str) -> list[str]:
        _, replaced = await _previewed(session, user_id, name, None)
        return [older.file_name for older in replaced]

    async with db.session() as session:
        assert await send(session, 1, "a.txt") == []
        assert await send(session, 2, "b.txt") == []  # another officer's: both stay
        assert await send(session, 1, "c.txt") == ["a.txt"]
        mine = await imports.pending_of(session=session, chat_id=-100, user_id=1)
        theirs = await imports.pending_of(session=session, chat_id=-100, user_id=2)
        assert mine is not None and theirs is not None
        assert (mine.file_name, theirs.file_name) == ("c.txt", "b.txt")
        assert await imports.close(session=session, request=mine, status=imports.SAVED)
        assert not await imports.close(session=session, request=mine, status=imports.CANCELLED)
        assert await imports.pending_of(session=session, chat_id=-100, user_id=1) is None


async def test_previews_follow_the_order_documents_were_sent_in(db: Database) -> None:
    """A big file read last does not replace the preview of one its sender sent after it."""
    async with db.session() as session:
        big, small = await _sent(session, 1, "big.txt"), await _sent(session, 1, "small.txt")
        assert await imports.open_preview(session=session, request=small, draft={}) == []
        assert await imports.open_preview(session=session, request=big, draft={}) is None
        pending = await imports.pending_of(session=session, chat_id=-100, user_id=1)

    assert pending is not None and pending.file_name == "small.txt"
    assert big.status == imports.CANCELLED


async def test_a_preview_decided_or_replaced_keeps_no_draft(db: Database) -> None:
    """A long document's draft weighs a megabyte; nothing reads it once its preview is saved,
    cancelled or replaced by the officer's next document."""

    async def send(session: AsyncSession, name: str) -> ImportRequest:
        request, _ = await _previewed(session, 1, name, {"tasks": [name] * 1000})
        return request

    async with db.session() as session:
        replaced, saved = await send(session, "a.txt"), await send(session, "b.txt")
        assert await imports.close(session=session, request=saved, status=imports.SAVED)
        pending = await send(session, "c.txt")
    async with db.session() as session:
        drafts = {
            request.file_name: request.draft
            for request in (await session.exec(select(ImportRequest))).all()
        }

    assert drafts == {"a.txt": None, "b.txt": None, "c.txt": pending.draft}
    assert replaced.status == imports.CANCELLED and pending.draft is not None


async def _preview(db: Database) -> int:
    async with db.session() as session:
        request, _ = await _previewed(session, 1, "a.txt", {})
        assert request.id is not None
        return request.id


async def test_a_correction_of_many_tasks_is_read_once_and_written_once(db: Database) -> None:
    request_id = await _preview(db)
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement.lstrip().split()[0].upper())

    async with db.session() as session:
        request = await session.get(ImportRequest, request_id)
        assert request is not None
        await imports.correct(session=session, request=request, kind="leads", key="3", value="X")
        event.listen(db.engine.sync_engine, "before_cursor_execute", record)
        try:
            await imports.correct_many(
                session=session,
                request=request,
                kind="dropped",
                keys=[str(n) for n in range(1, 51)],
                value="yes",
            )
        finally:
            event.remove(db.engine.sync_engine, "before_cursor_execute", record)
        assert request.corrections["dropped"] == {str(n): "yes" for n in range(1, 51)}

    assert [s for s in statements if s in {"SELECT", "UPDATE"}] == ["SELECT", "UPDATE"]
    async with db.session() as session:
        stored = await session.get(ImportRequest, request_id)
        assert stored is not None
        assert stored.corrections == {
            "leads": {"3": "X"},
            "dropped": {str(n): "yes" for n in range(1, 51)},
        }


async def test_a_correction_recorded_meanwhile_elsewhere_is_kept(db: Database) -> None:
    request_id = await _preview(db)

    async with db.session() as mine:
        request = await mine.get(ImportRequest, request_id)
        assert request is not None
        async with db.session() as theirs:  # another /fix, handled by another instance
            same = await theirs.get(ImportRequest, request_id)
            assert same is not None
            await imports.correct(session=theirs, request=same, kind="leads", key="2", value="Y")
        await imports.correct_many(
            session=mine, request=request, kind="deadlines", keys=["4", "5"], value="2024-04-30"
        )

    async with db.session() as session:
        stored = await session.get(ImportRequest, request_id)
        assert stored is not None
        assert stored.corrections == {
            "leads": {"2": "Y"},
            "deadlines": {"4": "2024-04-30", "5": "2024-04-30"},
        }


BEFORE_2025 = [
    agencies.AgencyRow("Sở Tài chính", "STC"),
    agencies.AgencyRow("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", ("SKHĐT",)),
    agencies.AgencyRow("Sở Y tế", "SYT"),
]


async def _parts(db: Database, task_id: int) -> tuple[str | None, list[str]]:
    """A task's lead and cooperating agencies, by short name."""
    async with db.session() as session:
        view = await tasks.get_task(session=session, task_id=task_id)
    return (
        view.lead.short_name if view.lead else None,
        sorted(a.short_name or a.name for a in view.cooperating),
    )


async def test_a_merged_agency_hands_everything_to_todays_and_its_names_with_it(
    db: Database,
) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
        ids = {a.short_name: a.id for a in await agencies.list_agencies(session=session)}
    planning, finance, health = ids["Sở KH&ĐT"], ids["STC"], ids["SYT"]
    assert planning and finance and health

    async def add(lead: int, *cooperating: int) -> int:
        async with db.session() as session:
            task = await tasks.add_task(
                session=session,
                text=f"Nhiệm vụ {lead} {cooperating}",
                lead_agency_id=lead,
                cooperating_agency_ids=cooperating,
                deadline=date(2023, 1, 31),
                now=NOW,
            )
        assert task.id is not None
        return task.id

    alone, led, helped, both_help, untouched = (
        await add(planning),
        await add(planning, finance),  # today's agency helped the old one
        await add(finance, planning),
        await add(health, planning, finance),
        await add(health),
    )
    await _join(db, planning, Role.STAFF, 5, -100)  # the planning department's group
    await _join(db, planning, Role.HEAD, 6, 6)  # its director, in private
    async with db.session() as session:
        unused = await access.create_invite(
            session=session, agency_id=planning, role=Role.STAFF, now=NOW, valid_for=timedelta(9)
        )
        planning_dept = await session.get(Agency, planning)
        request, _ = await extensions.request_extension(
            session=session,
            caller=access.Caller(5, planning_dept, is_coordinator=False),
            chat_id=-100,
            task_id=alone,
            new_deadline=date(2023, 2, 15),
            reason=None,
            today=date(2023, 1, 20),
            now=NOW,
            lead_days=LEAD_DAYS,
            chased_until=_chased_until,
        )
        notice = await directives.add_directive(session=session, now=NOW, number="12/TB-VP")
        notice.corrections = {"leads": {"ke hoach chung": planning, "phong dich": health}}
        session.add(notice)

    async with db.session() as session:
        merged = await agencies.merge_agencies(
            session=session, old="Sở Kế hoạch và Đầu tư", into="Sở Tài chính", now=NOW
        )

    assert merged == agencies.Merged(
        old="Sở Kế hoạch và Đầu tư",
        into="Sở Tài chính",
        tasks=4,
        pending_extensions=1,
        groups=1,
        members=2,
        merged_names=("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "SKHĐT"),
    )
    assert await _parts(db, alone) == ("STC", [])
    assert await _parts(db, led) == ("STC", [])  # not cooperating on its own task
    assert await _parts(db, helped) == ("STC", [])
    assert await _parts(db, both_help) == ("SYT", ["STC"])
    assert await _parts(db, untouched) == ("SYT", [])
    assert await _who(db, 5, -100) == ("STC", False)
    assert await _who(db, 6, 6) == ("STC", False)
    async with db.session() as session:
        listed = [a.name for a in await agencies.list_agencies(session=session)]
        found = await agencies.find_agency(session=session, text="so ke hoach va dau tu")
        # The director acts on the request's task for today's agency; the request waits still.
        director = await access.identify(session=session, user_id=6, chat_id=6)
        await access.task_to_act_on(session=session, caller=director, task_id=alone)
        waiting = await session.get(ExtensionRequest, request.id)
        trail = await tasks.audit_trail(session=session, task_id=led)
        kept = await session.get(Directive, notice.id)
    assert listed == ["Sở Tài chính", "Sở Y tế"]
    assert found.name == "Sở Tài chính"
    assert waiting is not None and waiting.status == ExtensionStatus.PENDING
    assert [(e.action, e.detail) for e in trail][-1] == (
        "agency_merged",
        "Sở Kế hoạch và Đầu tư -> Sở Tài chính (lead)",
    )
    assert kept is not None and kept.corrections == {
        "leads": {"ke hoach chung": finance, "phong dich": health}
    }
    async with db.session() as session:  # an invite made for the old agency is for today's
        later = await access.redeem_invite(
            session=session,
            code=unused,
            user_id=7,
            display_name=None,
            chat_id=7,
            chat_title=None,
            now=NOW,
        )
    assert later.agency is not None and later.agency.name == "Sở Tài chính"


async def test_a_merge_names_two_agencies_of_the_catalogue(db: Database) -> None:
    await _catalogue(db)
    async with db.session() as session:
        # Saved before imports refused a name two agencies share (import_agencies now does).
        session.add(Agency(name="Sở Y tế dự phòng", aliases=["SYT"], created_at=NOW))

    async def merge(old: str, into: str) -> agencies.Merged:
        async with db.session() as session:
            return await agencies.merge_agencies(session=session, old=old, into=into, now=NOW)

    with pytest.raises(UnknownAgency):
        await merge("Sở Ngoại vụ", "STC")
    with pytest.raises(UnknownAgency):
        await merge("STC", "Sở Ngoại vụ")
    with pytest.raises(AmbiguousAgency):
        await merge("SYT", "STC")
    with pytest.raises(agencies.SameAgency) as same:
        await merge("Sở KH&ĐT", "Sở Tài chính")  # a former name of today's agency
    assert same.value.name == "Sở Tài chính"
    async with db.session() as session:
        assert len(await agencies.list_agencies(session=session)) == 4


async def test_names_merged_into_an_agency_follow_it_into_a_later_merger(db: Database) -> None:
    async with db.session() as session:
        await agencies.import_agencies(
            session=session,
            rows=[
                agencies.AgencyRow("Sở Giao thông vận tải", "Sở GTVT"),
                agencies.AgencyRow("Sở Xây dựng", "SXD"),
                agencies.AgencyRow("Sở Hạ tầng", "SHT"),  # a later reorganisation, say
            ],
            now=NOW,
        )

    async def merge(old: str, into: str) -> agencies.Merged:
        async with db.session() as session:
            return await agencies.merge_agencies(session=session, old=old, into=into, now=NOW)

    await merge("Sở Giao thông vận tải", "Sở Xây dựng")
    second = await merge("Sở Xây dựng", "Sở Hạ tầng")
    with pytest.raises(agencies.SameAgency):
        await merge("Sở GTVT", "SHT")  # merged already
    async with db.session() as session:
        found = await agencies.find_agency(session=session, text="so giao thong van tai")

    assert second.merged_names == ("Sở Xây dựng", "SXD", "Sở Giao thông vận tải", "Sở GTVT")
    assert (found.name, found.aliases, found.merged_names) == (
        "Sở Hạ tầng",
        [],
        ["Sở Xây dựng", "SXD", "Sở Giao thông vận tải", "Sở GTVT"],
    )


async def test_an_operator_ends_a_registration_as_leaving_its_group_would(db: Database) -> None:
    ids = await _catalogue(db)
    await _join(db, ids["STC"], Role.STAFF, 5, -100)  # registers the finance group
    await _join(db, ids["STC"], Role.HEAD, 6, 6)  # the head, in private
    await _join(db, ids["SYT"], Role.STAFF, 7, -200)  # a health officer, in their group only
    await _join(db, None, Role.COORDINATOR, 8, 8)

    async def remove(user_id: int) -> tuple[str | None, Role, bool]:
        async with db.session() as session:
            removal = await access.remove_member(session=session, user_id=user_id)
        gone = removal.registration
        return (gone.agency.name if gone.agency else None), gone.role, removal.private_chat

    async def members() -> list[tuple[int, str | None, Role]]:
        async with db.session() as session:
            rows = await access.list_members(session=session)
        return [
            (row.user_id, row.agency.short_name if row.agency else None, row.role) for row in rows
        ]

    assert await members() == [
        (8, None, Role.COORDINATOR),
        (6, "STC", Role.HEAD),
        (5, "STC", Role.STAFF),
        (7, "SYT", Role.STAFF),
    ]
    assert await remove(6) == ("Sở Tài chính", Role.HEAD, True)
    assert await remove(7) == ("Sở Y tế", Role.STAFF, False)
    assert await remove(8) == (None, Role.COORDINATOR, True)

    assert await _who(db, 6, 6) == (None, False)
    assert await _who(db, 7, 7) == (None, False)
    assert await _who(db, 8, 8) == (None, False)
    assert await _who(db, 5, -100) == ("STC", False)  # a group still speaks for its agency
    assert await _who(db, 7, -200) == ("SYT", False)
    assert await members() == [(5, "STC", Role.STAFF)]
    with pytest.raises(access.NotAMember) as again:
        await remove(6)
    with pytest.raises(access.NotAMember) as stranger:
        await remove(999)
    assert (again.value.known, stranger.value.known) == (True, False)


async def _monthly_duty(
    db: Database, first: date, day: int | None = None, *, working_day: int | None = None
) -> int:
    """Sở Tài chính's monthly report, first due on first, then on day (by default first's), or
    on each month's working_day-th working day."""
    ids = await _catalogue(db)
    async with db.session() as session:
        task = await tasks.add_task(
            session=session,
            text="Báo cáo tình hình giải ngân",
            lead_agency_id=ids["STC"],
            deadline=first,
            recurrence="monthly",
            schedule_day=day,
            schedule_working_day=working_day,
            now=NOW,
        )
    assert task.id is not None
    return task.id


async def _close_each(db: Database, task_id: int, *days: date) -> list[date | None]:
    """Close the current period on each day; the next deadline each time."""
    found = []
    for today in days:
        async with db.session() as session:
            closed = await tasks.mark_done(
                session=session, task_id=task_id, actor=1, note=None, now=NOW, today=today
            )
        found.append(closed.next_deadline)
    return found


async def test_a_duty_on_the_30th_is_due_on_the_30th_again_after_february(db: Database) -> None:
    task_id = await _monthly_duty(db, date(2024, 1, 30))

    assert await _close_each(
        db, task_id, date(2024, 1, 29), date(2024, 2, 27), date(2024, 3, 28), date(2024, 4, 29)
    ) == [date(2024, 2, 29), date(2024, 3, 30), date(2024, 4, 30), date(2024, 5, 30)]


async def test_a_duty_on_the_third_working_day_is_due_on_each_months_third(db: Database) -> None:
    """ "ngày làm việc thứ 3 hằng tháng", first due 06/01/2026 (1/1 a holiday, 3-4/1 a weekend):
    February's third working day is the 4th, not the 6th; May's the 6th (30/4, 1/5, a weekend)."""
    task_id = await _monthly_duty(db, date(2026, 1, 6), working_day=3)
    async with db.session() as session:
        saved = (await tasks.get_task(session=session, task_id=task_id)).task
    ahead = tasks.period_deadlines(saved, start=date(2026, 1, 1), end=date(2026, 5, 31))

    assert await _close_each(
        db, task_id, date(2026, 1, 6), date(2026, 2, 4), date(2026, 3, 4), date(2026, 4, 3)
    ) == [date(2026, 2, 4), date(2026, 3, 4), date(2026, 4, 3), date(2026, 5, 6)]
    assert ahead == [
        date(2026, 1, 6),
        date(2026, 2, 4),
        date(2026, 3, 4),
        date(2026, 4, 3),
        date(2026, 5, 6),
    ]


async def test_missed_periods_of_a_duty_on_the_30th_keep_its_day(db: Database) -> None:
    task_id = await _monthly_duty(db, date(2024, 1, 30))
    async with db.session() as session:  # the first sweep after 30/01 chases January
        await tasks.roll_missed_periods(
            session=session, today=date(2024, 1, 31), lead_days=7, now=NOW
        )
    async with db.session() as session:  # then the bot is down until 25/04
        rolled = await tasks.roll_missed_periods(
            session=session, today=date(2024, 4, 25), lead_days=7, now=NOW
        )
        history = await tasks.periods(session=session, task_id=task_id)
        current = await tasks.get_task(session=session, task_id=task_id)

    assert rolled == 3
    assert [p.deadline for p in history] == [
        date(2024, 1, 30),
        date(2024, 2, 29),
        date(2024, 3, 30),
    ]
    assert current.task.deadline == date(2024, 4, 30)


@pytest.mark.parametrize(
    ("missed", "working_days", "first_reminder"),
    [
        # January's report, due 31/01/2023, is first reminded on 19/01, the last working day
        # before Tết, not on 24/01 (seven days before, in Tết).
        (date(2022, 12, 31), False, date(2023, 1, 19)),
        # Counted in working days, seven before Tuesday 31/01 is 13/01.
        (date(2022, 12, 31), True, date(2023, 1, 13)),
        # April's report, due Sunday 30/04/2023, closes on Thursday 04/05 after the holidays;
        # seven working days before that is 20/04.
        (date(2023, 3, 31), True, date(2023, 4, 20)),
    ],
)
async def test_a_missed_month_gives_way_on_the_day_the_next_ones_first_reminder_goes_out(
    db: Database, missed: date, working_days: bool, first_reminder: date
) -> None:
    """A month recorded missed only once the next month's reminders have begun must give way
    on the day the policy sends the first of them: a day later, it is never sent."""
    settings = ReminderSettings(working_days=working_days)
    calendar = WorkingCalendar()
    task_id = await _monthly_duty(db, missed, MONTH_END)

    async def roll(today: date) -> int:
        async with db.session() as session:
            return await tasks.roll_missed_periods(
                session=session,
                today=today,
                lead_days=max(settings.before),
                now=NOW,
                chased_until=lambda deadline: chased_until(deadline, settings, calendar),
                working_days=working_days,
            )

    async with db.session() as session:
        view = await tasks.get_task(session=session, task_id=task_id)
    following = tasks.next_deadline(view.task)
    (reminder,) = reminders_due(
        [TaskSchedule(task_id, following, lead_agency_id=1)], first_reminder, settings, calendar
    )

    assert (reminder.slot, reminder.send_on) == (f"d7:{following.isoformat()}", first_reminder)
    assert await roll(calendar.subtract_working_days(first_reminder, 1)) == 0
    assert await roll(first_reminder) == 1


@pytest.mark.parametrize(
    ("first", "day", "then"),
    [
        # "trước ngày 28 hằng tháng", issued 10/02/2023: the 28th, not the month's end.
        (date(2023, 2, 28), 28, [date(2023, 3, 28), date(2023, 4, 28)]),
        # "trước ngày 30 hằng tháng", issued 31/01/2024: February's last day, then the 30th.
        (date(2024, 2, 29), 30, [date(2024, 3, 30), date(2024, 4, 30)]),
        # "hằng tháng" names no day: the month's end, February's too.
        (date(2023, 2, 28), MONTH_END, [date(2023, 3, 31), date(2023, 4, 30)]),
    ],
)
async def test_a_duty_keeps_the_day_of_the_month_it_was_given(
    db: Database, first: date, day: int, then: list[date]
) -> None:
    task_id = await _monthly_duty(db, first, day)

    assert await _close_each(db, task_id, first, first + timedelta(days=1)) == then


async def test_an_extended_period_of_a_duty_on_the_30th_leaves_the_next_on_the_30th(
    db: Database,
) -> None:
    task_id = await _monthly_duty(db, date(2024, 1, 30))
    await _close_each(db, task_id, date(2024, 1, 29))
    await _extend(db, task_id, date(2024, 3, 5), today=date(2024, 2, 26), approve=True)
    async with db.session() as session:
        view = await tasks.get_task(session=session, task_id=task_id)
        ahead = tasks.period_deadlines(view.task, start=date(2024, 2, 1), end=date(2024, 5, 31))

    assert (view.task.deadline, view.task.scheduled_deadline) == (
        date(2024, 3, 5),
        date(2024, 2, 29),
    )
    assert ahead == [date(2024, 2, 29), date(2024, 3, 30), date(2024, 4, 30), date(2024, 5, 30)]
    assert await _close_each(db, task_id, date(2024, 3, 4), date(2024, 3, 29)) == [
        date(2024, 3, 30),
        date(2024, 4, 30),
    ]


async def test_a_schedule_a_reimport_restarts_keeps_the_documents_new_day(db: Database) -> None:
    ids = await _catalogue(db)
    report = directives.NewTask(
        "Báo cáo tình hình hằng tháng", ids["STC"], date(2024, 1, 20), recurrence="monthly"
    )
    (task_id,) = (await _import(db, report)).added
    # Reissued: the report is due on the 30th.
    await _import(
        db, directives.NewTask(report.text, ids["STC"], date(2024, 1, 30), recurrence="monthly")
    )

    assert await _close_each(db, task_id, date(2024, 1, 29), date(2024, 2, 28)) == [
        date(2024, 2, 29),
        date(2024, 3, 30),
    ]


@pytest.mark.parametrize(
    ("first", "resumes"),
    [
        (date(2023, 1, 25), date(2023, 4, 25)),  # not 25/03: March is closed, on the 20th
        (date(2023, 1, 10), date(2023, 4, 10)),  # an earlier day: still April's report
        (date(2023, 6, 25), date(2023, 6, 25)),  # from June on: the document's first date
    ],
)
async def test_a_reimport_moves_the_open_period_of_a_periodic_duty_to_its_new_day(
    db: Database, first: date, resumes: date
) -> None:
    """A monthly report due on the 20th, closed January to March; April's, extended to 28/04.
    The directive, revised, gives another day: April's report moves to it, and the months
    closed stay closed."""
    ids = await _catalogue(db)
    report = directives.NewTask(
        "Báo cáo tình hình hằng tháng", ids["STC"], date(2023, 1, 20), recurrence="monthly"
    )
    (task_id,) = (await _import(db, report)).added
    await _close_each(db, task_id, date(2023, 1, 18), date(2023, 2, 17), date(2023, 3, 17))
    await _extend(db, task_id, date(2023, 4, 28), today=date(2023, 4, 5), approve=True)

    revised = directives.NewTask(report.text, ids["STC"], first, recurrence="monthly")
    again = await _import(db, revised)
    async with db.session() as session:
        view = await tasks.get_task(session=session, task_id=task_id)
        history = await tasks.periods(session=session, task_id=task_id)
        trail = await tasks.audit_trail(session=session, task_id=task_id)

    assert again.changed == [task_id]
    assert (view.task.deadline, view.task.scheduled_deadline) == (resumes, None)
    assert view.task.imported_deadline == first
    assert [p.deadline for p in history] == [date(2023, m, 20) for m in (1, 2, 3)]
    assert ("deadline_changed", f"2023-04-28 -> {resumes} (re-import)") in [
        (e.action, e.detail) for e in trail
    ]
    assert tasks.next_deadline(view.task) == resumes.replace(month=resumes.month + 1)


async def test_a_reimport_that_moves_the_open_period_waits_for_a_sweep_to_chase_it(
    db: Database,
) -> None:
    """A monthly report whose February period a sweep found late (so it may be recorded missed
    the next day): the revised directive moves the period to another day, a period no sweep
    has chased yet, which is not recorded missed before one has."""
    ids = await _catalogue(db)
    report = directives.NewTask(
        "Báo cáo tình hình hằng tháng", ids["STC"], date(2023, 1, 20), recurrence="monthly"
    )
    (task_id,) = (await _import(db, report)).added
    async with db.session() as session:
        task = await session.get(Task, task_id)
        assert task is not None
        task.period_current_from = date(2023, 1, 21)
        session.add(task)

    revised = directives.NewTask(report.text, ids["STC"], date(2023, 1, 25), recurrence="monthly")
    assert (await _import(db, revised)).changed == [task_id]

    async with db.session() as session:
        task = await session.get(Task, task_id)
    assert task is not None and task.period_current_from is None


async def test_a_revised_task_is_the_saved_one_whose_words_are_most_alike(db: Database) -> None:
    """A revision that moves a deadline in the sentence and adds a word elsewhere changes no
    task's identity; a task of another lead, or worded otherwise, is not taken for it; the
    saved task no new one is stays open and is told."""
    ids = await _catalogue(db)
    review = directives.NewTask(
        "Rà soát đầu tư công, báo cáo trước ngày 15/3/2023.",
        ids["STC"],
        date(2023, 3, 15),
        deadline_text="trước ngày 15/3/2023",
    )
    inspect = directives.NewTask("Kiểm tra an toàn thực phẩm.", ids["SYT"], date(2023, 3, 20))
    trained = directives.NewTask("Tập huấn cán bộ y tế cơ sở.", ids["SYT"], date(2023, 4, 30))
    first = await _import(db, review, inspect, trained)
    moved = directives.NewTask(
        "Rà soát đầu tư công, báo cáo trước ngày 31/3/2023.",
        ids["STC"],
        date(2023, 3, 31),
        deadline_text="trước ngày 31/3/2023",
    )
    reworded = directives.NewTask(
        "Kiểm tra an toàn vệ sinh thực phẩm.", ids["SYT"], date(2023, 3, 20)
    )
    other_lead = directives.NewTask("Kiểm tra an toàn thực phẩm.", ids["STC"], None)
    unlike = directives.NewTask("Báo cáo số liệu tiêm chủng.", ids["SYT"], date(2023, 3, 20))

    async with db.session() as session:
        directive = await directives.find_imported(
            session=session, sha256="a" * 64, number=None, issued_on=None
        )
        assert directive is not None
        would = await directives.review_tasks(
            session=session, directive=directive, tasks=[moved, reworded, other_lead, unlike]
        )
    again = await _import(db, moved, reworded, other_lead, unlike)
    async with db.session() as session:
        texts = [
            (await tasks.get_task(session=session, task_id=task_id)).task.text
            for task_id in first.added
        ]

    assert would.changes == directives.Changes(added=2, changed=1, unchanged=1)
    assert would.reworded == 2
    assert [(t.id, t.lead) for t in would.left_open] == [(first.added[2], "Sở Y tế")]
    assert again.changed == first.added[:1] and again.unchanged == first.added[1:2]
    assert again.reworded == first.added[:2] and len(again.added) == 2
    assert texts == [moved.text, reworded.text, trained.text]


async def test_an_unnumbered_directive_is_found_by_its_kind_title_date_and_signer(
    db: Database,
) -> None:
    async with db.session() as session:
        first = await directives.add_directive(
            session=session,
            now=NOW,
            kind="Thông báo",
            title="Kết luận của Chủ tịch UBND tỉnh tại Hội nghị",
            issued_on=date(2023, 1, 5),
            signer="Lâm Minh Thành",
            source_sha256="a" * 64,
            text_sha256="t" * 64,
        )
        first.corrections = {"issued": {"read": "2023-01-04", "to": "2023-01-05"}}
        session.add(first)

    async def find(**differs: object) -> int | None:
        given: dict[str, Any] = {
            "kind": "THÔNG BÁO",
            "title": "Kết luận của Chủ tịch UBND tỉnh tại hội nghị",
            "issued_on": date(2023, 1, 5),
            "signer": "Lâm Minh Thành",
            "number": None,
            **differs,
        }
        async with db.session() as session:
            found = await directives.find_imported(
                session=session, sha256="b" * 64, text_sha256="u" * 64, **given
            )
        return found.id if found is not None else None

    assert await find() == first.id
    assert await find(issued_on=date(2023, 1, 4)) == first.id  # as the document gave it
    assert await find(signer=None) == first.id
    assert await find(title="Kết luận của Chủ tịch UBND tỉnh tại Hội nghị khác") is None
    assert await find(issued_on=date(2023, 1, 6)) is None
    assert await find(signer="Nguyễn Văn A") is None
    assert await find(kind="Công văn") is None
    assert await find(number="5/TB-VP") is None


async def _weekly_report_swept(db: Database) -> tuple[int, Callable[[date], Awaitable[int]]]:
    """A weekly report first due Friday 06/03/2026 (escalated five working days later, 13/03),
    and the sweep's roll of missed periods on a given day."""
    ids = await _catalogue(db)
    async with db.session() as session:
        task = await tasks.add_task(
            session=session,
            text="Báo cáo tuần",
            lead_agency_id=ids["STC"],
            deadline=date(2026, 3, 6),
            recurrence="weekly",
            now=NOW,
        )
    assert task.id is not None
    settings, calendar = ReminderSettings(), WorkingCalendar()

    async def roll(today: date) -> int:
        async with db.session() as session:
            return await tasks.roll_missed_periods(
                session=session,
                today=today,
                lead_days=7,  # the next week's first reminder falls on this week's deadline
                now=NOW,
                chased_until=lambda deadline: chased_until(deadline, settings, calendar),
            )

    return task.id, roll


async def test_a_missed_week_is_not_recorded_before_its_chase_and_escalation_are_over(
    db: Database,
) -> None:
    task_id, roll = await _weekly_report_swept(db)

    # Chased and escalated until 13/03; recorded as missed the next morning.
    rolled = [await roll(date(2026, 3, day)) for day in (9, 10, 13, 14)]
    async with db.session() as session:
        on_14 = (await tasks.get_task(session=session, task_id=task_id)).task.deadline
    # Down a month: each week is recorded, the task is on the week still being chased.
    later = await roll(date(2026, 4, 15))
    async with db.session() as session:
        history = await tasks.periods(session=session, task_id=task_id)
        current = (await tasks.get_task(session=session, task_id=task_id)).task.deadline

    assert rolled == [0, 0, 0, 1] and on_14 == date(2026, 3, 13)
    assert later == 4 and current == date(2026, 4, 10)  # 10/04: escalated 17/04
    assert [(p.deadline, p.outcome) for p in history] == [
        (date(2026, month, day), "missed")
        for month, day in ((3, 6), (3, 13), (3, 20), (3, 27), (4, 3))
    ]


async def test_a_duty_added_after_its_first_weeks_escalation_is_chased_before_it_is_recorded(
    db: Database,
) -> None:
    """A weekly report first due Friday 06/03/2026 is added on Monday 16/03, when that week's
    chase and escalation (13/03) are over: the morning's sweep chases it rather than record it
    as missed unseen; the next records it, and the week of 13/03 is current."""
    task_id, roll = await _weekly_report_swept(db)  # added on Monday 16/03

    rolled = [await roll(date(2026, 3, day)) for day in (16, 16, 17)]
    async with db.session() as session:
        current = (await tasks.get_task(session=session, task_id=task_id)).task.deadline

    assert rolled == [0, 0, 1]  # the second sweep of 16/03 (a retry) records nothing either
    assert current == date(2026, 3, 13)


async def test_a_postgresql_server_that_never_answers_is_given_up_after_the_connect_timeout(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A host that takes the connection and then says nothing (a firewall that drops packets,
    a hung server) fails each try after the connect timeout instead of holding it for ever: the
    retries, and a stop, can go on."""
    monkeypatch.setattr(db_module, "CONNECT_TIMEOUT", 1)
    held: list[asyncio.StreamWriter] = []  # kept open, never answered

    async def say_nothing(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        held.append(writer)

    silent = await asyncio.start_server(say_nothing, "127.0.0.1", 0)
    port = silent.sockets[0].getsockname()[1]
    database = Database(f"postgresql://nhacviec@127.0.0.1:{port}/test")

    async def select_one(session: AsyncSession) -> Any:
        return (await session.exec(select(1))).one()

    try:
        with pytest.raises(OperationalError):
            # The timeout only guards against a hang.
            await asyncio.wait_for(database.retrying(select_one, delays=()), timeout=60)
    finally:
        await database.dispose()
        silent.close()
    assert held  # the server was reached: the try ended on the timeout, not on a refusal
