"""The reminder engine end to end: who hears what, on which days, after outages and holidays."""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
import time
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import OperationalError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.app import RETRY_SWEEP, SWEEP_JOB, build_sweep, sweep_job
from bot.config import DatabaseSettings, Settings
from bot.services import services_of
from bot.telegram_server import Fault
from jobs.policy import ReminderSettings
from jobs.sweep import ChatMoved, Digest, SendDigest, Sweep, TransientError
from storage import access, agencies, ledger, notices, tasks
from storage.db import Database, sync_url
from storage.migrate import upgrade
from storage.models import Chat, ExtensionRequest, Reminder, ReminderStatus, Role
from storage.notices import take_back
from tests.harness import JSON, Harness, health_then_finance, linked, running_bot
from vncalendar import VIETNAM_TZ, Clock, ManualClock, WorkingCalendar

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=START) as harness:
        yield harness


def _days(bot: Harness, chat: JSON) -> list[str]:
    """The dates of the digests a chat received."""
    return [m["text"].splitlines()[0].rsplit(" ", 1)[-1] for m in bot.reminders_in(chat)]


async def _sweep_every_day(bot: Harness, first: date, last: date) -> None:
    day = first
    while day <= last:
        bot.at(day)
        await bot.sweep()
        day += timedelta(days=1)


def _retries_scheduled(bot: Harness) -> int:
    assert bot.application.job_queue is not None
    return len(bot.application.job_queue.get_jobs_by_name(RETRY_SWEEP))


async def _ledger(bot: Harness) -> list[tuple[str, ReminderStatus]]:
    return [(slot, status) for slot, status, _ in await _tries(bot.database)]


async def _tries(db: Database) -> list[tuple[str, ReminderStatus, int]]:
    """Each ledger row's reminder, status and the tries made on the day of its last claim."""
    async with db.session() as session:
        rows = (await session.exec(select(Reminder).order_by(col(Reminder.id)))).all()
    return [(r.slot, r.status, r.attempts) for r in rows]


# Claims go stale after 10 minutes (claim_timeout); the bot sweeps again a minute after that.
RETRY_AFTER = timedelta(minutes=11)


async def test_the_head_hears_only_the_first_overdue_and_coordinators_the_escalation(
    bot: Harness,
) -> None:
    lan, hung, bang = (bot.server.add_user(n) for n in ("Lan", "Hùng", "Bằng"))
    group, head, office = (
        bot.server.add_group("Sở Tài chính", [lan]),
        bot.server.add_private_chat(hung),
        bot.server.add_private_chat(bang),
    )
    await bot.register(lan, group, "STC")
    await bot.register(hung, head, "STC", Role.HEAD)
    await bot.register(bang, office, None, Role.COORDINATOR)
    task = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))

    await _sweep_every_day(bot, date(2023, 3, 6), date(2023, 3, 24))

    assert _days(bot, group) == [
        "08/03/2023",
        "10/03/2023",
        "14/03/2023",
        "15/03/2023",
        "16/03/2023",
        "20/03/2023",
        "22/03/2023",
        "24/03/2023",
    ]
    assert _days(bot, head) == ["16/03/2023"]
    escalations = [
        m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
    ]
    assert len(escalations) == 1
    assert escalations[0].splitlines()[0] == "⚠️ Nhiệm vụ quá hạn cần đôn đốc — 22/03/2023"
    assert f"#{task} Kế hoạch" in escalations[0] and "quá hạn 7 ngày" in escalations[0]


async def test_a_head_hears_of_a_task_gone_overdue_even_when_the_bot_was_down_that_day(
    sqlite_url: str,
) -> None:
    """Heads hear in private only of a task that has just gone overdue (its first chase). The
    task is due Wednesday 15/03/2023; the bot is down on Thursday and Friday and back on Monday
    20/03: the group gets its catch-up digest, and the head is told too, on 20/03, though the
    first chase's day has passed. A reminder is never lost to the bot being down."""
    start = datetime(2023, 3, 13, 9, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start) as bot:
        lan, hung = bot.server.add_user("Lan"), bot.server.add_user("Hùng")
        group, head = bot.server.add_group("Sở Tài chính", [lan]), bot.server.add_private_chat(hung)
        await bot.register(lan, group, "STC")
        await bot.register(hung, head, "STC", Role.HEAD)
        task = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        await _sweep_every_day(bot, date(2023, 3, 14), date(2023, 3, 15))
        in_group = len(bot.reminders_in(group))

        await bot.restart(datetime(2023, 3, 20, 8, 30, tzinfo=VIETNAM_TZ))  # down 16/03-19/03
        await bot.server.wait_for_messages(
            len(bot.server.sent_messages(group["id"])) + 1, chat_id=group["id"], timeout=10
        )
        await _sweep_every_day(bot, date(2023, 3, 20), date(2023, 3, 24))

        assert len(bot.reminders_in(group)) > in_group  # the group was chased
        told = [m["text"] for m in bot.reminders_in(head)]
        assert any(f"#{task} Kế hoạch" in text and "quá hạn" in text for text in told), told


async def test_nothing_goes_out_over_tet_and_a_deadline_after_it_is_announced_before(
    bot: Harness,
) -> None:
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    # Tết Giáp Thìn: offices closed from Thursday 08/02/2024 to Wednesday 14/02/2024.
    await bot.add_task("Báo cáo sau Tết", "STC", date(2024, 2, 16))

    await _sweep_every_day(bot, date(2024, 2, 1), date(2024, 2, 16))

    days = _days(bot, group)
    assert days == ["07/02/2024", "15/02/2024", "16/02/2024"]
    assert "còn 9 ngày" in bot.reminders_in(group)[0]["text"]  # the 7- and 3-day reminders, merged


def _digest_of(bot: Harness, chat: JSON, day: str) -> str:
    """The digest a chat received on that day ("19/01/2023"), or "" if none."""
    found = [m["text"] for m in bot.reminders_in(chat) if m["text"].splitlines()[0].endswith(day)]
    assert len(found) <= 1, found
    return found[0] if found else ""


async def test_a_monthly_report_after_tet_is_announced_before_tet_even_when_december_was_missed(
    sqlite_url: str,
) -> None:
    """A monthly report missed in December, due again 31/01/2023: its first reminder falls on
    Thursday 19/01, the last working day before Tết, as a one-off task's due 31/01 does. The
    19/01 digest announces both, "còn 12 ngày": January's report does not wait for 24/01
    (seven calendar days before, in Tết) and is not first heard of on 27/01, "còn 4 ngày"."""
    start = datetime(2022, 12, 20, 9, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start) as bot:
        lan = bot.server.add_user("Lan")
        group = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, group, "STC")
        report = await bot.add_task(
            "Báo cáo tháng", "STC", date(2022, 12, 31), recurrence="monthly"
        )
        plan = await bot.add_task("Kế hoạch", "STC", date(2023, 1, 31))

        await _sweep_every_day(bot, date(2023, 1, 9), date(2023, 1, 27))

        before_tet = _digest_of(bot, group, "19/01/2023")
        assert f"#{plan} Kế hoạch\n    ⏰ hạn 31/01/2023, còn 12 ngày" in before_tet
        assert f"#{report} Báo cáo tháng\n    ⏰ hạn 31/01/2023, còn 12 ngày" in before_tet, (
            before_tet
        )


async def test_after_ten_days_down_one_digest_with_what_still_matters(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    await bot.add_task("Đã quá hạn", "STC", date(2023, 3, 10))
    await bot.add_task("Sắp đến hạn", "STC", date(2023, 3, 22))
    await bot.add_task("Còn xa", "STC", date(2023, 4, 28))
    bot.at(date(2023, 3, 6))
    await bot.sweep()

    await bot.restart(datetime(2023, 3, 20, 8, 30, tzinfo=VIETNAM_TZ))  # down from 07/03 to 19/03
    await bot.server.wait_for_messages(2 + 1, chat_id=group["id"], timeout=10)
    await bot.sweep()  # the morning sweep after the start-up one sends nothing more

    catch_up = bot.reminders_in(group)[-1]["text"]
    assert _days(bot, group) == ["06/03/2023", "20/03/2023"]
    assert "Đã quá hạn" in catch_up and "quá hạn 10 ngày" in catch_up
    assert "Sắp đến hạn" in catch_up and "còn 2 ngày" in catch_up
    assert "Còn xa" not in catch_up


async def test_a_long_digest_is_split_cleanly_under_telegrams_limit(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    long_text = "Tham mưu UBND tỉnh ban hành kế hoạch triển khai thực hiện nghị quyết " * 3
    ids = [await bot.add_task(f"{n}. {long_text}", "STC", date(2023, 3, 15)) for n in range(60)]
    bot.at(date(2023, 3, 8))

    await bot.sweep()

    parts = [m for m in bot.server.sent_messages(group["id"]) if "⏰" in m.get("text", "")]
    assert len(parts) >= 2
    assert all(len(m["text"]) <= 4096 for m in parts)
    sent_at = [
        c.time for c in bot.server.calls("sendMessage") if c.params["chat_id"] == group["id"]
    ]
    parts_sent_at = sent_at[-len(parts) :]
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(parts_sent_at))  # ~1 message/s a chat
    listed = [int(n) for m in parts for n in re.findall(r"^#(\d+) ", m["text"], flags=re.MULTILINE)]
    assert listed == ids  # every task once, in order
    assert [("reply_markup" in m) for m in parts] == [False] * (len(parts) - 1) + [True]
    assert len(parts[-1]["reply_markup"]["inline_keyboard"]) == 20  # the most urgent get buttons


async def _due_today(bot: Harness) -> JSON:
    """Sở Tài chính's group, whose task is due today, 15/03/2023 (the clock at 08:00)."""
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    await bot.add_task("Báo cáo quý I", "STC", date(2023, 3, 15))
    bot.at(date(2023, 3, 15))
    return group


async def test_a_deadline_day_reminder_that_fails_at_eight_goes_out_later_that_day_once(
    bot: Harness,
) -> None:
    group = await _due_today(bot)
    # Telegram is unreachable for the three tries of the morning sweep.
    bot.server.inject(Fault.bad_gateway(), method="sendMessage", chat_id=group["id"], times=3)

    await bot.sweep()
    assert bot.reminders_in(group) == []
    assert _retries_scheduled(bot) == 1

    await bot.sweep_again_later(RETRY_AFTER)  # 08:11, Telegram is back
    assert _days(bot, group) == ["15/03/2023"]
    assert "Đến hạn hôm nay" in bot.reminders_in(group)[0]["text"]
    assert _retries_scheduled(bot) == 0  # nothing is owed any more

    bot.at(date(2023, 3, 16))
    await bot.sweep()
    assert _days(bot, group) == ["15/03/2023", "16/03/2023"]
    assert await _ledger(bot) == [
        ("d0:2023-03-15", ReminderStatus.SENT),
        ("late0:2023-03-15", ReminderStatus.SENT),
    ]


async def _run_jobs_scheduled_today(bot: Harness) -> None:
    """Fire whatever the bot scheduled besides its daily sweep (a sweep again later today)."""
    assert bot.application.job_queue is not None
    for job in bot.application.job_queue.jobs():
        if job.name != SWEEP_JOB:
            job.schedule_removal()
            await job.run(bot.application)
    await bot.server.wait_until_idle()


async def test_a_head_who_unblocks_the_bot_on_the_deadline_day_gets_that_days_reminder(
    bot: Harness,
) -> None:
    """The deadline-day digest meets a chat whose owner had blocked the bot; he unblocks it and
    writes at 09:00 (told "reminders will reach this chat again"). The chat taking messages
    again the same working day, the reminder that failed on it goes out that day, once: the
    "due today" reminder is not lost to tomorrow's overdue one."""
    deadline = date(2023, 3, 15)
    hung = bot.server.add_user("Hùng")
    health = bot.server.add_private_chat(hung)
    await bot.register(hung, health, "SYT")
    await bot.add_task("Phòng dịch", "SYT", deadline)
    bot.server.inject(Fault.blocked(), method="sendMessage", chat_id=health["id"])
    bot.at(deadline)
    await bot.sweep()  # he had blocked the bot: his chat is paused
    assert bot.reminders_in(health) == []

    bot.at(deadline, hour=9)
    resumed, _ = await bot.say(hung, health, "/tasks", replies=2)  # he unblocked it
    assert resumed["text"].startswith("✅ Bạn đã mở lại bot")
    await bot.server.wait_until_idle()
    # Whatever sends it (at once, or a sweep scheduled again for today), it goes out today.
    bot.at(deadline, hour=10)
    await _run_jobs_scheduled_today(bot)

    digests = bot.reminders_in(health)
    assert len(digests) == 1, "the deadline-day reminder never reached him"
    assert "Phòng dịch" in digests[0]["text"]


async def test_a_group_given_back_the_right_to_post_gets_that_days_reminder(
    sqlite_url: str,
) -> None:
    """Lan takes the bot's right to post in her group at 07:50 on 15/03/2023 by mistake and gives
    it back at 09:00; the bot answers "nhóm tiếp tục nhận nhắc việc như trước". The group gets
    that morning's digest, "hôm nay", the same day, once it may post again: the task due that
    day is not first heard of on 16/03, already "quá hạn 1 ngày"."""
    start = datetime(2023, 3, 13, 9, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start) as bot:
        lan = bot.server.add_user("Lan")
        group = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, group, "STC")
        task = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        await _sweep_every_day(bot, date(2023, 3, 14), date(2023, 3, 14))

        bot.at(date(2023, 3, 15), 7)
        bot.server.restrict_bot(group, lan)
        await bot.server.wait_until_idle()
        bot.at(date(2023, 3, 15), 8)
        await bot.sweep()
        bot.at(date(2023, 3, 15), 9)
        before = len(bot.server.sent_messages(group["id"]))
        bot.server.add_bot_back(group, lan)
        messages = await bot.server.wait_for_messages(before + 1, chat_id=group["id"])
        (resumed,) = messages[before:]
        assert resumed["text"].startswith("✅ Bot đã có thể gửi tin trở lại"), resumed["text"]
        bot.at(date(2023, 3, 15), 10)
        await _run_jobs_scheduled_today(bot)
        await _sweep_every_day(bot, date(2023, 3, 16), date(2023, 3, 16))

        on_the_day = _digest_of(bot, group, "15/03/2023")
        assert f"#{task} Kế hoạch\n    ⏰ hạn 15/03/2023, hôm nay" in on_the_day, [
            m["text"] for m in bot.reminders_in(group)
        ]


async def test_a_morning_whose_database_is_out_of_reach_at_eight_still_gets_its_digest(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    # PostgreSQL is restarted (an upgrade, a fail-over) at 08:00 for longer than Database's own
    # retries. sweep_job runs extensions.resend_notices (which reads the notices' outbox) before
    # its try/except around the sweep, so the OperationalError ends the job: no sweep, and no
    # retry sweep scheduled ("run again later rather than lose the morning" never happens):
    # the deadline day's reminder is lost.
    group = await _due_today(bot)
    # "Longer than its retries": no pause between tries, so the test does not wait 90 s.
    defaults = Database.retrying.__kwdefaults__
    assert defaults is not None
    monkeypatch.setitem(defaults, "delays", ())
    calls = 0

    async def database_down_at_eight(**kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OperationalError("SELECT ...", {}, Exception("server closed the connection"))
        return await take_back(**kwargs)

    monkeypatch.setattr(notices, "take_back", database_down_at_eight)

    await bot.sweep()
    if _retries_scheduled(bot):
        await bot.sweep_again_later(RETRY_AFTER)  # the database is back

    digests = bot.reminders_in(group)
    assert len(digests) == 1
    assert "15/03/2023" in digests[0]["text"]


async def test_a_unit_of_work_waiting_for_the_database_gives_way_when_the_bot_stops(
    db: Database,
) -> None:
    """The database out of reach, a unit of work pauses before trying again (an hour here):
    told that the bot stops, Database.retrying ends the pause and gives the error up, without
    another try. Its work is safe to repeat, and is left to the next start."""
    tries = 0
    failed = asyncio.Event()

    async def unreachable(session: AsyncSession) -> None:
        nonlocal tries
        tries += 1
        failed.set()
        raise OperationalError("SELECT ...", {}, Exception("connection refused"))

    retrying = asyncio.ensure_future(db.retrying(unreachable, delays=(3600.0,)))
    await failed.wait()
    db.stopping.set()

    with pytest.raises(OperationalError):
        await asyncio.wait_for(retrying, timeout=60)  # a guard against waiting out the hour
    assert tries == 1


@pytest.mark.postgres
async def test_a_stop_while_postgres_is_away_leaves_the_claimed_reminders_to_the_next_start(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """PostgreSQL goes out of reach while Telegram keeps the morning's first digest waiting,
    and systemd stops the bot: the stop ends while the database is still away, rather than
    after the pauses of Database.retrying (about 90 s, when systemd kills the bot; an hour
    here), and says in one line that what is owed waits for the next start. Nothing is
    recorded as sent: the claims left behind go stale, and the next start sends each digest
    once."""
    hour = {**(Database.retrying.__kwdefaults__ or {}), "delays": (3600.0,)}
    monkeypatch.setattr(Database.retrying, "__kwdefaults__", hour)
    async with linked(postgres_url) as (link, url), running_bot(url, start=START) as bot:
        health, finance, _ = await health_then_finance(bot)
        await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        bot.at(date(2023, 3, 8))
        # One try a digest; Telegram does not answer the health group's in time (the bot
        # waits 1 s), and the sweep must then record the failure.
        services_of(bot.application).sweep.retry_delays = ()
        bot.server.inject(
            Fault(502, "Bad Gateway", delay=5), method="sendMessage", chat_id=health["id"]
        )
        assert bot.application.job_queue is not None
        bot.application.job_queue.run_once(sweep_job, when=0)  # a job, as the morning's is
        await bot.wait_for_refusal(502)  # both digests claimed, the first on its way
        await link.cut()

        await asyncio.wait_for(bot.stack.aclose(), timeout=60)  # a guard against the hour
        await link.open()

        assert await _ledger(bot) == [
            ("d7:2023-03-15", ReminderStatus.CLAIMED),
            ("d7:2023-03-15", ReminderStatus.CLAIMED),
        ]
        left = [
            r.getMessage()
            for r in caplog.records
            if r.name == "bot.app" and r.levelno >= logging.WARNING
        ]
        assert left == [
            "the bot is stopping with the database out of reach: "
            "the reminders still owed are left to its next start"
        ]
        await bot.restart(datetime(2023, 3, 8, 8, 15, tzinfo=VIETNAM_TZ), sweep_at_start=False)
        await bot.sweep()
        assert [len(bot.reminders_in(chat)) for chat in (health, finance)] == [1, 1]
        assert await _ledger(bot) == [
            ("d7:2023-03-15", ReminderStatus.SENT),
            ("d7:2023-03-15", ReminderStatus.SENT),
        ]


async def _tries_run_out_on_wednesday_morning(bot: Harness) -> JSON:
    """Sở Tài chính's group, whose task is due on 15/03/2023, and a Telegram unreachable from
    08:00 to about 08:45 on 08/03 (the 7-day reminder's day): the morning sweep and the four
    retries after it fail, three tries each, and the reminder has had its five tries."""
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    await bot.add_task("Ban hành Kế hoạch chung", "STC", date(2023, 3, 15))
    bot.server.inject(Fault.bad_gateway(), method="sendMessage", chat_id=group["id"], times=15)
    for sweep in range(5):
        bot.clock.set(datetime(2023, 3, 8, 8, 0, tzinfo=VIETNAM_TZ) + sweep * RETRY_AFTER)
        await bot.sweep()
    assert bot.reminders_in(group) == []
    assert await _tries(bot.database) == [("d7:2023-03-15", ReminderStatus.FAILED, 5)]
    return group


async def test_a_reminder_whose_tries_ran_out_in_a_morning_outage_goes_out_the_next_morning(
    database_url: str,
) -> None:
    async with running_bot(database_url, start=START) as bot:
        group = await _tries_run_out_on_wednesday_morning(bot)

        # Thursday 09/03, Telegram is back: the 7-day reminder is still the latest whose day has
        # come (the 3-day one is Friday's), and it gets the day's tries afresh.
        bot.at(date(2023, 3, 9))
        await bot.sweep()
        bot.at(date(2023, 3, 9), hour=10)  # a later sweep that day (a restart) sends it no more
        await bot.sweep()

        assert _days(bot, group) == ["09/03/2023"]
        assert "Ban hành Kế hoạch chung" in bot.reminders_in(group)[0]["text"]
        assert await _tries(bot.database) == [("d7:2023-03-15", ReminderStatus.SENT, 1)]


async def test_the_day_of_the_tries_is_the_offices_not_utcs(bot: Harness) -> None:
    group = await _tries_run_out_on_wednesday_morning(bot)

    # 06:30 on Thursday in Hà Nội is still Wednesday in UTC, the day the five tries were made.
    bot.at(date(2023, 3, 9), hour=6)
    bot.clock.advance(timedelta(minutes=30))
    await bot.sweep()

    assert _days(bot, group) == ["09/03/2023"]


async def test_a_sweep_that_died_holding_claims_is_finished_the_same_day(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    task = await bot.add_task("Báo cáo quý I", "STC", date(2023, 3, 15))
    # 08:00:05 on the deadline day a sweep claimed the reminder, and its process died before
    # Telegram answered.
    async with bot.database.session() as session:
        chat = (await session.exec(select(Chat).where(Chat.telegram_id == group["id"]))).one()
        assert chat.id is not None
        await ledger.claim(
            session=session,
            key=ledger.SlotKey(task, chat.id, "d0:2023-03-15"),
            now=datetime(2023, 3, 15, 8, 0, 5, tzinfo=VIETNAM_TZ),
            instance="host:4242:dead00",
            policy=ledger.ClaimPolicy(),
        )
        await session.commit()

    # Restarted ten seconds later, the sweep finds the claim still fresh and leaves it...
    await bot.restart(datetime(2023, 3, 15, 8, 0, 15, tzinfo=VIETNAM_TZ), sweep_at_start=False)
    await bot.sweep()
    assert bot.reminders_in(group) == []
    # ...then takes it back once it has gone stale, the same morning.
    await bot.sweep_again_later(RETRY_AFTER)
    assert _days(bot, group) == ["15/03/2023"]
    assert "Đến hạn hôm nay" in bot.reminders_in(group)[0]["text"]


async def test_no_sweep_is_scheduled_after_office_hours(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    await bot.add_task("Báo cáo quý I", "STC", date(2023, 3, 15))
    # Started late in the afternoon: a retry would come at 17:01, after office hours.
    bot.clock.set(datetime(2023, 3, 15, 16, 50, tzinfo=VIETNAM_TZ))
    bot.server.inject(Fault.bad_gateway(), method="sendMessage", chat_id=group["id"], times=3)

    await bot.sweep()

    assert _retries_scheduled(bot) == 0  # tomorrow's digest carries the task, as overdue


async def test_a_morning_sweep_the_running_bot_slept_through_goes_out_when_it_wakes(
    database_url: str,
) -> None:
    """The bot keeps running while the machine sleeps through 08:00 (a suspended virtual
    machine), or while its clock is stepped forward by hours (NTP correcting a clock read from a
    hardware clock kept in local time: 7 hours in Việt Nam). When it wakes at 13:00, within
    office hours, the morning's digest goes out then: no process restarted, so no start-up
    catch-up sends it, and the next morning's would come a day late."""
    async with running_bot(database_url, start=START) as bot:
        group = await _due_today(bot)
        assert bot.application.job_queue is not None
        (job,) = bot.application.job_queue.get_jobs_by_name(SWEEP_JOB)
        assert job.next_t is not None
        told = len(bot.server.sent_messages(group["id"]))
        bot.clock.set(datetime(2023, 3, 15, 13, 0, tzinfo=VIETNAM_TZ))

        # The machine's clock (APScheduler reads it) is five hours past the morning's sweep.
        with time_machine.travel(job.next_t + timedelta(hours=5), tick=True):
            bot.application.job_queue.scheduler.wakeup()
            await bot.server.wait_for_messages(told + 1, chat_id=group["id"])

        assert _days(bot, group) == ["15/03/2023"]


def _listed(messages: list[JSON]) -> list[int]:
    return [int(n) for m in messages for n in re.findall(r"^#(\d+) ", m["text"], re.MULTILINE)]


async def _a_long_digest(bot: Harness) -> tuple[JSON, list[int]]:
    """A group whose digest on 08/03/2023 takes several messages: (the group, its task ids)."""
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    long_text = "Tham mưu UBND tỉnh ban hành kế hoạch triển khai thực hiện nghị quyết " * 3
    ids = [await bot.add_task(f"{n}. {long_text}", "STC", date(2023, 3, 15)) for n in range(60)]
    bot.at(date(2023, 3, 8))
    return group, ids


async def test_a_long_digest_resumes_after_the_part_that_failed(bot: Harness) -> None:
    group, ids = await _a_long_digest(bot)
    # The first part goes through; the second meets a 500 once.
    bot.server.inject(Fault(200), method="sendMessage", chat_id=group["id"])
    bot.server.inject(Fault.server_error(), method="sendMessage", chat_id=group["id"])

    await bot.sweep()

    parts = [m for m in bot.server.sent_messages(group["id"]) if "⏰" in m.get("text", "")]
    assert len(parts) >= 3
    assert _listed(parts) == ids  # every task once, in order: part one was not sent again
    assert [("reply_markup" in m) for m in parts] == [False] * (len(parts) - 1) + [True]
    assert set(await _ledger(bot)) == {("d7:2023-03-15", ReminderStatus.SENT)}


async def test_a_long_digest_cut_short_sends_only_the_rest_when_tried_again(
    database_url: str,
) -> None:
    async with running_bot(database_url, start=START) as bot:
        group, ids = await _a_long_digest(bot)
        # The first part goes through; Telegram then fails the sweep's three tries of the second.
        bot.server.inject(Fault(200), method="sendMessage", chat_id=group["id"])
        bot.server.inject(Fault.bad_gateway(), method="sendMessage", chat_id=group["id"], times=3)

        await bot.sweep()
        first = [m for m in bot.server.sent_messages(group["id"]) if "⏰" in m.get("text", "")]
        assert len(first) == 1
        statuses = [status for _, status in await _ledger(bot)]
        assert statuses.count(ReminderStatus.SENT) == len(_listed(first))
        assert set(statuses) == {ReminderStatus.SENT, ReminderStatus.FAILED}

        await bot.sweep_again_later(RETRY_AFTER)

        parts = [m for m in bot.server.sent_messages(group["id"]) if "⏰" in m.get("text", "")]
        assert len(parts) > 1
        assert _listed(parts) == ids  # the rest, and only the rest
        assert set(await _ledger(bot)) == {("d7:2023-03-15", ReminderStatus.SENT)}


async def test_one_digest_a_day_a_task_added_after_the_morning_waits_for_tomorrow(
    database_url: str,
) -> None:
    async with running_bot(database_url, start=START) as bot:
        lan = bot.server.add_user("Lan")
        group = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, group, "STC")
        await bot.add_task("Kế hoạch A", "STC", date(2023, 3, 15))
        bot.at(date(2023, 3, 8))
        await bot.sweep()
        bot.at(date(2023, 3, 8), hour=10)
        later = await bot.add_task("Kế hoạch B", "STC", date(2023, 3, 10))  # imported mid-morning

        # Restarted in the afternoon (an upgrade): the sweep of a restart sends nothing more today.
        await bot.restart(datetime(2023, 3, 8, 15, 0, tzinfo=VIETNAM_TZ), sweep_at_start=False)
        await bot.sweep()
        assert _days(bot, group) == ["08/03/2023"]

        bot.at(date(2023, 3, 9))
        await bot.sweep()
        assert _days(bot, group) == ["08/03/2023", "09/03/2023"]
        assert f"#{later} Kế hoạch B" in bot.reminders_in(group)[-1]["text"]


async def test_coordinators_named_in_the_configuration_hear_the_escalations(
    database_url: str,
) -> None:
    coordinator_id = 700_000_001
    async with running_bot(database_url, start=START, coordinators=[coordinator_id]) as bot:
        bang = bot.server.add_user("Bằng", user_id=coordinator_id)
        office = bot.server.add_private_chat(bang)
        lan = bot.server.add_user("Lan")
        group = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, group, "STC")
        task = await bot.add_task("Kế hoạch", "STC", date(2023, 2, 28))

        await _sweep_every_day(bot, date(2023, 3, 7), date(2023, 3, 10))

        messages = [m["text"] for m in bot.server.sent_messages(office["id"])]
        assert len(messages) == 1  # once, on the fifth working day late (07/03 is the fifth)
        assert messages[0].splitlines()[0] == "⚠️ Nhiệm vụ quá hạn cần đôn đốc — 07/03/2023"
        assert f"#{task} Kế hoạch" in messages[0]


async def test_only_the_lead_agencys_digest_offers_to_close_a_task(bot: Harness) -> None:
    lan, mai, tuan = (bot.server.add_user(n) for n in ("Lan", "Mai", "Tuấn"))
    finance, health, police = (
        bot.server.add_group("Sở Tài chính", [lan]),
        bot.server.add_group("Sở Y tế", [mai]),
        bot.server.add_group("Công an tỉnh", [tuan]),
    )
    await bot.register(lan, finance, "STC")
    await bot.register(mai, health, "SYT")
    await bot.register(tuan, police, "CA tỉnh")
    shared = await bot.add_task(
        "Kế hoạch chung", "STC", date(2023, 3, 15), cooperating=("SYT", "CA tỉnh")
    )
    own = await bot.add_task("Báo cáo dịch bệnh", "SYT", date(2023, 3, 13))
    bot.at(date(2023, 3, 10))  # 3 days before the plan's deadline: its helpers are told too

    await bot.sweep()

    def buttons(chat: JSON) -> list[list[str]]:
        (digest,) = bot.reminders_in(chat)
        keyboard = digest["reply_markup"]["inline_keyboard"]
        return [[button["callback_data"] for button in row] for row in keyboard]

    assert buttons(finance) == [[f"done:{shared}", f"ext:{shared}", f"info:{shared}"]]
    assert buttons(health) == [[f"done:{own}", f"ext:{own}", f"info:{own}"], [f"info:{shared}"]]
    assert buttons(police) == [[f"info:{shared}"]]
    (told,) = bot.reminders_in(police)
    assert told["text"].endswith(
        "Đơn vị chủ trì báo hoàn thành các nhiệm vụ này; bấm ℹ️ để xem chi tiết."
    )


async def _finance_and_a_configured_coordinator(bot: Harness, coordinator_id: int) -> JSON:
    """Sở Tài chính's group, registered, and a coordinator of the configuration who has a
    private chat with the bot on Telegram (none in the database yet)."""
    bot.server.add_private_chat(bot.server.add_user("Bằng", user_id=coordinator_id))
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    return group


async def test_a_dry_run_counts_the_configured_coordinators_the_bot_has_not_written_to(
    database_url: str,
) -> None:
    coordinator_id = 700_000_002
    async with running_bot(database_url, start=START, coordinators=[coordinator_id]) as bot:
        group = await _finance_and_a_configured_coordinator(bot, coordinator_id)
        task = await bot.add_task("Kế hoạch", "STC", date(2023, 2, 28))
        sweep = services_of(bot.application).sweep
        bot.at(date(2023, 3, 7))  # the fifth working day late: the coordinators are told

        report = await sweep.run(date(2023, 3, 7), dry_run=True)

        # What the real sweep then sends: the digest to the group and the escalation in private.
        assert sorted(report.planned) == sorted([(group["id"], [task]), (coordinator_id, [task])])
        async with bot.database.session() as session:
            chats = (await session.exec(select(Chat.telegram_id))).all()
        assert coordinator_id not in chats  # a dry run writes nothing
        await bot.sweep()
        assert len(bot.server.sent_messages(coordinator_id)) == 1


async def test_a_dry_run_leaves_out_a_configured_coordinator_whose_chat_is_paused(
    database_url: str,
) -> None:
    coordinator_id = 700_000_003
    async with running_bot(database_url, start=START, coordinators=[coordinator_id]) as bot:
        await _finance_and_a_configured_coordinator(bot, coordinator_id)
        await bot.add_task("Kế hoạch", "STC", date(2023, 2, 28))
        await bot.add_task("Báo cáo", "STC", date(2023, 3, 1))
        sweep = services_of(bot.application).sweep
        bot.at(date(2023, 3, 7))  # the coordinator has blocked the bot: their chat is paused
        bot.server.inject(Fault.blocked(), method="sendMessage", chat_id=coordinator_id, times=5)
        await bot.sweep()
        bot.at(date(2023, 3, 8))

        planned = await sweep.run(date(2023, 3, 8), dry_run=True)
        sent = await sweep.run(date(2023, 3, 8))

        assert [chat for chat, _ in planned.planned] == [chat for chat, _, _ in sent.sent]
        assert coordinator_id not in [chat for chat, _ in planned.planned]


async def test_a_dry_run_reads_only_the_ledger_of_the_reminders_it_plans(sqlite_url: str) -> None:
    # `nhacviec remind --dry-run` (Sweep._preview) loads every row of the reminder ledger as an
    # ORM object to look up the few it plans: after a few years (some 50 000 rows a year for a
    # province) it takes seconds and hundreds of MB (200 000 rows: 6 s and 500 MB here, the real
    # sweep 0.01 s), where the real sweep asks only about the tasks it plans (ledger.sent_keys).
    upgrade(sqlite_url)
    engine = create_engine(sync_url(sqlite_url))
    at = "2021-01-04 01:00:00.000000"
    with engine.begin() as connection:  # a task closed long ago, with its years of reminders
        connection.execute(
            text(
                "INSERT INTO agency (id, name, aliases, created_at) "
                "VALUES (1, 'Sở Y tế', '[]', :at)"
            ),
            {"at": at},
        )
        connection.execute(
            text(
                "INSERT INTO chat (id, telegram_id, agency_id, purpose, active, created_at) "
                "VALUES (1, -100, 1, 'agency', true, :at)"
            ),
            {"at": at},
        )
        connection.execute(
            text(
                "INSERT INTO task (id, text, deadline, status, created_at, updated_at) "
                "VALUES (1, 'Báo cáo', '2021-01-15', 'done', :at, :at)"
            ),
            {"at": at},
        )
        connection.execute(
            text(
                "INSERT INTO reminder (task_id, chat_id, slot, status, attempts, claimed_at, "
                "claimed_by, sent_at, message_id) "
                "VALUES (1, 1, :slot, 'sent', 1, :at, 'old', :at, 1)"
            ),
            [{"slot": f"late{n}:2021-01-15", "at": at} for n in range(2000)],
        )
    engine.dispose()
    database = Database(sqlite_url)
    loaded = 0

    def count(target: Reminder, context: Any) -> None:
        nonlocal loaded
        loaded += 1

    event.listen(Reminder, "load", count)
    try:

        async def never(chat_id: int, digest: Digest) -> int:
            raise AssertionError("a dry run sends nothing")

        clock = ManualClock(datetime(2023, 3, 8, 8, 0, tzinfo=VIETNAM_TZ), VIETNAM_TZ)
        sweep = build_sweep(
            Settings(database=DatabaseSettings(url=sqlite_url)), database, clock, never
        )
        report = await sweep.run(date(2023, 3, 8), dry_run=True)
    finally:
        event.remove(Reminder, "load", count)
        await database.dispose()

    assert report.planned == []
    assert loaded == 0  # none of the 2 000 rows is about a reminder due today


class _RunningClock:
    """Real time, from a chosen morning: a sweep renews its claims on the event loop's time."""

    def __init__(self, start: datetime) -> None:
        self.tz = VIETNAM_TZ
        self._start = start.astimezone(UTC)
        self._began = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._began)

    def today(self) -> date:
        return self.now().astimezone(self.tz).date()


# The claim timeout scaled from ten minutes down to a second and a half, so that a sweep can be
# held up past it, and renew its claims meanwhile, while the test runs.
SHORT_CLAIMS = ledger.ClaimPolicy(stale_after=timedelta(seconds=1.5))


async def _two_agencies_with_a_task_each(db: Database, now: datetime) -> dict[int, int]:
    """Sở A and Sở B, each with a group (-1001, -1002) and a task due a week after 08/03/2023:
    the task of each group."""
    async with db.session() as session:
        rows = [agencies.AgencyRow("Sở A", "SA"), agencies.AgencyRow("Sở B", "SB")]
        await agencies.import_agencies(session=session, rows=rows, now=now)
        task_of = {}
        for short_name, chat_id in (("SA", -1001), ("SB", -1002)):
            agency = await agencies.find_agency(session=session, text=short_name)
            assert agency is not None and agency.id is not None
            code = await access.create_invite(
                session=session,
                agency_id=agency.id,
                role=Role.STAFF,
                now=now,
                valid_for=timedelta(days=7),
            )
            await access.redeem_invite(
                session=session,
                code=code,
                user_id=abs(chat_id) + 5,
                display_name=None,
                chat_id=chat_id,
                chat_title=short_name,
                now=now,
            )
            task = await tasks.add_task(
                session=session,
                text=f"Việc của {short_name}",
                lead_agency_id=agency.id,
                deadline=date(2023, 3, 15),
                now=now,
            )
            assert task.id is not None
            task_of[chat_id] = task.id
    return task_of


class _Instance:
    """A sweeping instance whose first digest to -1001 meets a flood wait until released."""

    def __init__(self, name: str, db: Database, clock: Clock, sent: list[tuple[str, int]]):
        self.held_up = asyncio.Event()
        self.flood_wait_over = asyncio.Event()
        self.sweep = Sweep(
            database=db,
            clock=clock,
            calendar=WorkingCalendar(),
            settings=ReminderSettings(),
            send=self._send,
            instance=name,
            claim_policy=SHORT_CLAIMS,
            retry_delays=(),
        )
        self._sent = sent

    async def _send(self, chat_id: int, digest: Digest) -> int:
        if chat_id == -1001 and not self.held_up.is_set():
            self.held_up.set()
            await self.flood_wait_over.wait()
        self._sent.append((self.sweep.instance, chat_id))
        return len(self._sent)


async def _sent_by(db: Database) -> dict[int, tuple[ReminderStatus, str | None]]:
    """What the ledger says of each task: its status and who claimed (and so sent) it."""
    async with db.session() as session:
        rows = (await session.exec(select(Reminder))).all()
    return {r.task_id: (r.status, r.claimed_by) for r in rows}


async def test_a_sweep_held_up_past_the_claim_timeout_keeps_its_claim_and_each_chat_hears_once(
    db: Database,
) -> None:
    clock = _RunningClock(datetime(2023, 3, 8, 8, 0, tzinfo=VIETNAM_TZ))
    task_of = await _two_agencies_with_a_task_each(db, clock.now())
    sent: list[tuple[str, int]] = []
    a, b = _Instance("A", db, clock, sent), _Instance("B", db, clock, sent)
    b.held_up.set()  # no flood wait for B
    a_sweeping = asyncio.create_task(a.sweep.run())
    await a.held_up.wait()  # A has claimed both chats and waits out a flood wait on the first

    assert (await b.sweep.run()).owed == 2  # B's morning sweep: all claimed, a retry owed
    await asyncio.sleep(SHORT_CLAIMS.stale_after.total_seconds() + 0.5)
    # B's retry, past the claim timeout: A has renewed the claim of the digest it is sending,
    # not that of the chat still waiting its turn, which B takes over.
    retry = await b.sweep.run()
    a.flood_wait_over.set()
    a_report = await a_sweeping

    assert sorted(sent) == [("A", -1001), ("B", -1002)]
    assert [(chat, tasks) for chat, tasks, _ in retry.sent] == [(-1002, [task_of[-1002]])]
    assert [(chat, tasks) for chat, tasks, _ in a_report.sent] == [(-1001, [task_of[-1001]])]
    assert await _sent_by(db) == {
        task_of[-1001]: (ReminderStatus.SENT, "A"),
        task_of[-1002]: (ReminderStatus.SENT, "B"),
    }


async def test_a_second_sweep_while_the_first_is_held_up_sends_each_digest_once(
    database_url: str,
) -> None:
    """A morning sweep held up by Telegram past the claims' stale time (a flood wait, a slow
    network; here the clock moves on meanwhile), and a second sweep of the same bot starting
    then (a resumed chat's catch-up, the retry job): each group gets its digest once. The two
    sweeps share the bot's name in the ledger, so the claims cannot tell them apart: one process
    runs one sweep at a time."""
    async with running_bot(database_url, start=START) as bot:
        groups = []
        for agency, name in (("STC", "Sở Tài chính"), ("SYT", "Sở Y tế")):
            member = bot.server.add_user(f"Cán bộ {agency}")
            groups.append(bot.server.add_group(name, [member]))
            await bot.register(member, groups[-1], agency)
            await bot.add_task(f"Báo cáo của {name}", agency, date(2023, 3, 15))
        sweep = services_of(bot.application).sweep
        bot.server.inject(Fault.retry_after(2), method="sendMessage")
        bot.at(date(2023, 3, 8))  # the seven-day reminders go out

        first = asyncio.ensure_future(sweep.run())
        await bot.wait_for_refusal(429)
        bot.clock.set(bot.clock.now() + sweep.claim_policy.stale_after + timedelta(minutes=1))
        await sweep.run()
        await first
        await bot.server.wait_until_idle()

        assert [_days(bot, group) for group in groups] == [["08/03/2023"]] * 2


async def test_a_task_closed_while_the_sweep_is_sending_is_left_out_of_the_digests_still_to_go(
    database_url: str,
) -> None:
    """The sweep plans every chat's digest, then sends them one after another (Telegram keeps
    it waiting on one chat). A head closes a task with /done meanwhile, in this instance or
    another: the digest still to go leaves the closed task out (and a digest left with nothing
    is not sent), instead of reminding the chat of a task it has just closed."""
    async with running_bot(database_url, start=START) as bot:
        health, finance, lan = await health_then_finance(bot)
        closed = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        kept = await bot.add_task("Báo cáo", "STC", date(2023, 3, 15))
        bot.at(date(2023, 3, 8))
        # Chats are swept in id order: the health group's digest keeps the sweep waiting.
        bot.server.inject(Fault.timeout(0.8), method="sendMessage", chat_id=health["id"])

        sweep = asyncio.create_task(bot.sweep())
        await bot.server.wait_for_messages(2, chat_id=health["id"])  # the welcome, the digest
        await bot.say(lan, finance, f"/done {closed}")
        await asyncio.wait_for(sweep, timeout=30)
        (digest,) = bot.reminders_in(finance)

    assert f"#{kept} " in digest["text"]
    assert f"#{closed} " not in digest["text"]


async def test_a_recurring_task_done_while_the_sweep_is_sending_is_left_out_of_the_digests_to_go(
    database_url: str,
) -> None:
    """As above, for a monthly report: /done does not close it but moves it to next month's
    deadline, so the task is still open when the finance group's turn comes. The digest leaves
    it out all the same: a reminder of the March report just sent would contradict the answer."""
    async with running_bot(database_url, start=START) as bot:
        health, finance, lan = await health_then_finance(bot)
        monthly = await bot.add_task(
            "Báo cáo tình hình thu ngân sách", "STC", date(2023, 3, 15), recurrence="monthly"
        )
        kept = await bot.add_task("Báo cáo", "STC", date(2023, 3, 15))
        bot.at(date(2023, 3, 8))
        bot.server.inject(Fault.timeout(0.8), method="sendMessage", chat_id=health["id"])

        sweep = asyncio.create_task(bot.sweep())
        await bot.server.wait_for_messages(2, chat_id=health["id"])
        await bot.say(lan, finance, f"/done {monthly}")
        await asyncio.wait_for(sweep, timeout=30)
        (digest,) = bot.reminders_in(finance)
        async with bot.database.session() as session:
            still_open = (await tasks.get_task(session=session, task_id=monthly)).task

    assert still_open.deadline == date(2023, 4, 15)  # the period moved on; the task is open
    assert f"#{kept} " in digest["text"]
    assert f"#{monthly} " not in digest["text"]


async def test_a_sweep_whose_claims_were_taken_back_sends_none_of_them(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = _RunningClock(datetime(2023, 3, 8, 8, 0, tzinfo=VIETNAM_TZ))
    task_of = await _two_agencies_with_a_task_each(db, clock.now())
    sent: list[tuple[str, int]] = []
    a = _Instance("A", db, clock, sent)
    # B's clock is eleven minutes ahead: to B, A has been silent past the claim timeout, as if A's
    # process had been frozen that long.
    b = _Instance("B", db, _RunningClock(datetime(2023, 3, 8, 8, 11, tzinfo=VIETNAM_TZ)), sent)
    b.held_up.set()  # no flood wait for B
    a_sweeping = asyncio.create_task(a.sweep.run())
    await a.held_up.wait()

    taken_back = await b.sweep.run()
    with caplog.at_level(logging.INFO, logger="jobs.sweep"):
        # A gives up the digest in flight once its next renewal finds the claim taken back, and
        # never starts the other; the flood wait ends all the same.
        await asyncio.wait((a_sweeping,), timeout=5)
        a.flood_wait_over.set()
        a_report = await a_sweeping

    assert sorted(sent) == [("B", -1002), ("B", -1001)]
    assert sorted(taken_back.sent) == [(-1002, [task_of[-1002]], 2), (-1001, [task_of[-1001]], 1)]
    assert a_report.sent == [] and a_report.failed == []
    assert await _sent_by(db) == {task: (ReminderStatus.SENT, "B") for task in task_of.values()}
    assert [r.getMessage() for r in caplog.records if "took back" in r.getMessage()] == [
        f"digest to chat {chat}: another instance took back the claims of ledger entries "
        f"[{ledger_id}]; not sending them"
        for chat, ledger_id in ((-1001, 1), (-1002, 2))
    ]


async def test_a_reminder_tried_afresh_the_next_morning_goes_out_once_from_two_instances(
    db: Database, database_url: str
) -> None:
    clock = ManualClock(datetime(2023, 3, 8, 8, 0, tzinfo=VIETNAM_TZ), VIETNAM_TZ)
    task_of = await _two_agencies_with_a_task_each(db, clock.now())
    sent: list[tuple[str, int]] = []

    async def unreachable(chat_id: int, digest: Digest) -> int:
        raise TransientError("502 Bad Gateway")

    def instance(name: str, database: Database, send: SendDigest) -> Sweep:
        return Sweep(
            database=database,
            clock=clock,
            calendar=WorkingCalendar(),
            settings=ReminderSettings(),
            send=send,
            instance=name,
            retry_delays=(),
        )

    # Wednesday 08/03: the 7-day reminders fail the morning sweep and the four retries.
    down = instance("A", db, unreachable)
    for _ in range(5):
        await down.run()
        clock.advance(RETRY_AFTER)
    assert {status for _, status, _ in await _tries(db)} == {ReminderStatus.FAILED}

    # Thursday 09/03: two instances, each on its own connections, sweep at the same moment.
    def deliver_as(name: str) -> SendDigest:
        async def send(chat_id: int, digest: Digest) -> int:
            await asyncio.sleep(0)  # let the other instance claim meanwhile
            sent.append((name, chat_id))
            return len(sent)

        return send

    clock.set(datetime(2023, 3, 9, 8, 0, tzinfo=VIETNAM_TZ))
    other = Database(database_url)
    try:
        a = instance("A", db, deliver_as("A"))
        b = instance("B", other, deliver_as("B"))
        reports = await asyncio.gather(a.run(), b.run())
    finally:
        await other.dispose()

    assert sorted(chat for _, chat in sent) == [-1002, -1001]  # each group once
    assert sum(len(report.sent) for report in reports) == 2
    # How many the second instance found claimed rather than sent depends on how the two
    # interleave (on a busy machine one may finish before the other looks): not asserted.
    assert await _tries(db) == [("d7:2023-03-15", ReminderStatus.SENT, 1)] * len(task_of)


async def test_a_group_the_sweep_finds_upgraded_takes_along_what_waits_under_its_old_id(
    db: Database,
) -> None:
    """The sweep meets Sở A's group upgraded to a supergroup before the bot reads Telegram's
    migration message: its binding moves, and with it the extension request asked there, whose
    answer would otherwise go to an id that takes no message any more."""
    clock = ManualClock(datetime(2023, 3, 8, 8, 0, tzinfo=VIETNAM_TZ), VIETNAM_TZ)
    task_of = await _two_agencies_with_a_task_each(db, clock.now())
    supergroup = -1_001_000_001_001
    async with db.session() as session:
        session.add(
            ExtensionRequest(
                task_id=task_of[-1001],
                requested_by=1006,
                requested_in_chat=-1001,
                current_deadline=date(2023, 3, 15),
                requested_deadline=date(2023, 3, 31),
                created_at=clock.now(),
            )
        )
    sent: list[int] = []

    async def send(chat_id: int, digest: Digest) -> int:
        if chat_id == -1001:
            raise ChatMoved(supergroup)
        sent.append(chat_id)
        return len(sent)

    sweep = Sweep(
        database=db,
        clock=clock,
        calendar=WorkingCalendar(),
        settings=ReminderSettings(),
        send=send,
        retry_delays=(),
    )
    await sweep.run()
    async with db.session() as session:
        chats = set((await session.exec(select(Chat.telegram_id))).all())
        asked = (await session.exec(select(ExtensionRequest))).one()

    assert sorted(sent) == [supergroup, -1002]
    assert chats == {supergroup, -1002}
    assert asked.requested_in_chat == supergroup


WEEKLY_START = datetime(2026, 2, 26, 7, 0, tzinfo=VIETNAM_TZ)
COORDINATOR_ID = 700_000_009


async def _periodic_report(
    bot: Harness, recurrence: str = "weekly", first: date = date(2026, 3, 6)
) -> tuple[JSON, JSON, JSON, JSON, JSON, int]:
    """Lan and her group at Sở Tài chính, its head's chat, a configured coordinator and his chat,
    and a periodic report (by default due each Friday from 06/03/2026)."""
    lan, hung = bot.server.add_user("Lan"), bot.server.add_user("Hùng")
    bang = bot.server.add_user("Bằng", user_id=COORDINATOR_ID)
    group, head = bot.server.add_group("Sở Tài chính", [lan]), bot.server.add_private_chat(hung)
    office = bot.server.add_private_chat(bang)
    await bot.register(lan, group, "STC")
    await bot.register(hung, head, "STC", Role.HEAD)
    async with bot.database.session() as session:
        task = await tasks.assign_task(
            session=session,
            text="Báo cáo tuần" if recurrence == "weekly" else "Báo cáo tháng",
            lead="STC",
            deadline=first,
            recurrence=recurrence,
            now=bot.clock.now(),
        )
    assert task.id is not None
    return lan, group, head, bang, office, task.id


def _deadlines(bot: Harness, chat: JSON) -> list[tuple[str, str]]:
    """Each digest's day and the deadline with what it says of it (one task a digest)."""
    found = []
    for message in bot.reminders_in(chat):
        line = next(li for li in message["text"].splitlines() if "⏰" in li)
        found.append((message["text"].splitlines()[0].rsplit(" ", 1)[-1], line.strip()))
    return found


async def test_a_missed_week_is_chased_and_escalated_before_it_is_recorded_as_missed(
    database_url: str,
) -> None:
    async with running_bot(database_url, start=WEEKLY_START, coordinators=[COORDINATOR_ID]) as bot:
        _, group, head, bang, office, report = await _periodic_report(bot)

        await _sweep_every_day(bot, date(2026, 2, 26), date(2026, 3, 10))
        (overdue,) = await bot.say(bang, office, "/overdue")
        await _sweep_every_day(bot, date(2026, 3, 11), date(2026, 3, 20))

        assert _deadlines(bot, group) == [
            ("27/02/2026", "⏰ hạn 06/03/2026, còn 7 ngày"),
            ("03/03/2026", "⏰ hạn 06/03/2026, còn 3 ngày"),
            ("05/03/2026", "⏰ hạn 06/03/2026, còn 1 ngày"),
            ("06/03/2026", "⏰ hạn 06/03/2026, hôm nay"),
            # Not "hạn 13/03, còn 4 ngày": the week of 06/03 is chased every two working days.
            ("09/03/2026", "⏰ hạn 06/03/2026, quá hạn 3 ngày"),
            ("11/03/2026", "⏰ hạn 06/03/2026, quá hạn 5 ngày"),
            ("13/03/2026", "⏰ hạn 06/03/2026, quá hạn 7 ngày"),
            # Escalated, it is recorded as missed; the week of 13/03, already late, is chased.
            ("16/03/2026", "⏰ hạn 13/03/2026, quá hạn 3 ngày"),
            ("18/03/2026", "⏰ hạn 13/03/2026, quá hạn 5 ngày"),
            ("20/03/2026", "⏰ hạn 13/03/2026, quá hạn 7 ngày"),
        ]
        assert _days(bot, head) == ["09/03/2026", "16/03/2026"]  # each week's first chase
        escalations = [
            m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
        ]
        assert [e.splitlines()[0] for e in escalations] == [
            "⚠️ Nhiệm vụ quá hạn cần đôn đốc — 13/03/2026",  # 06/03, five working days late
            "⚠️ Nhiệm vụ quá hạn cần đôn đốc — 20/03/2026",  # 13/03
        ]
        assert f"#{report} Báo cáo tuần" in overdue["text"]
        assert "hạn 06/03/2026" in overdue["text"]
        async with bot.database.session() as session:
            history = await tasks.periods(session=session, task_id=report)
        assert [(p.deadline, p.outcome) for p in history] == [(date(2026, 3, 6), "missed")]


async def test_a_missed_weeks_escalation_that_failed_goes_out_once_after_the_week_is_recorded(
    database_url: str,
) -> None:
    """The coordinator's chat cannot be reached on the escalation day of the week of 06/03, nor
    at the first sweep of Monday, which records the week as missed: the sweep later that day
    still escalates it, as it was (due 06/03, not the next week's 13/03), and only once."""
    async with running_bot(database_url, start=WEEKLY_START, coordinators=[COORDINATOR_ID]) as bot:
        _, group, _, _, office, report = await _periodic_report(bot)

        await _sweep_every_day(bot, date(2026, 3, 5), date(2026, 3, 12))
        for day in (date(2026, 3, 13), date(2026, 3, 16)):
            bot.server.inject(
                Fault.bad_gateway(), method="sendMessage", chat_id=office["id"], times=3
            )
            bot.at(day)
            await bot.sweep()
        async with bot.database.session() as session:
            history = await tasks.periods(session=session, task_id=report)
        assert [(p.deadline, p.outcome) for p in history] == [(date(2026, 3, 6), "missed")]
        await bot.sweep_again_later(RETRY_AFTER)
        await _sweep_every_day(bot, date(2026, 3, 17), date(2026, 3, 19))

        escalations = [
            m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
        ]
        assert [e.splitlines()[0] for e in escalations] == [
            "⚠️ Nhiệm vụ quá hạn cần đôn đốc — 16/03/2026"
        ]
        assert "⏰ hạn 06/03/2026, quá hạn 10 ngày" in escalations[0]
        # Meanwhile the agency is chased for the week it has moved on to.
        assert _deadlines(bot, group)[-3:] == [
            ("13/03/2026", "⏰ hạn 06/03/2026, quá hạn 7 ngày"),
            ("16/03/2026", "⏰ hạn 13/03/2026, quá hạn 3 ngày"),
            ("18/03/2026", "⏰ hạn 13/03/2026, quá hạn 5 ngày"),
        ]


async def test_a_missed_week_is_escalated_even_when_the_bot_was_down_on_its_escalation_day(
    database_url: str,
) -> None:
    """A weekly report due Friday 03/03 never comes. It is 5 working days late on Friday
    10/03, the day the coordinators should hear of it; the bot is down that day only. Monday's
    sweep must still tell them (a reminder is never lost to a day the bot was down), not
    record the week as missed first and move on, so that nobody is ever told."""
    async with running_bot(database_url, start=START, coordinators=[COORDINATOR_ID]) as bot:
        *_, office, weekly = await _periodic_report(bot, first=date(2023, 3, 3))
        for day in (6, 7, 8, 9, 13):  # down on Friday 10/03
            bot.at(date(2023, 3, day))
            await bot.sweep()

        escalations = [
            m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
        ]
    assert any("Báo cáo tuần" in text and "03/03/2023" in text for text in escalations), (
        escalations,
        weekly,
    )


def _digest_texts(bot: Harness, chat: JSON) -> list[str]:
    return [m["text"] for m in bot.reminders_in(chat)]


@pytest.fixture
async def tet_2025(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=datetime(2025, 1, 10, 9, 0, tzinfo=VIETNAM_TZ)) as bot:
        yield bot


async def test_a_weekly_report_due_the_first_day_after_tet_is_chased_before_it_is_escalated(
    tet_2025: Harness,
) -> None:
    """A weekly report of Sở Tài chính is due every Monday from 20/01/2025 and nobody closes it.
    Tết Ất Tỵ keeps offices shut 25/01-02/02/2025, so the weeks due 27/01 (a holiday) and 03/02
    both close on Monday 03/02. README: a period never closed "stays the task's current period:
    it is chased as overdue like any task (the first overdue reminder, ...) ", the next week
    "then chased as overdue at once". So the agency's group hears of the week due 03/02/2025 at
    least once before (or when) the coordinators are told it is late: the weeks of 27/01 and
    03/02 are not rolled past together, which would leave the group never told of "hạn
    03/02/2025" while the coordinators get an escalation for it."""
    bot = tet_2025
    lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
    group = bot.server.add_group("Sở Tài chính", [lan])
    office = bot.server.add_private_chat(bang)
    await bot.register(lan, group, "STC")
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Báo cáo tuần", "STC", date(2025, 1, 20), recurrence="weekly")

    await _sweep_every_day(bot, date(2025, 1, 13), date(2025, 2, 20))

    escalated = [
        m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
    ]
    assert any("hạn 03/02/2025" in text for text in escalated)  # the coordinators hear of it
    told = [text for text in _digest_texts(bot, group) if "hạn 03/02/2025" in text]
    assert told, "the agency's group was never reminded of the week due 03/02/2025"


async def test_a_late_done_closes_the_missed_week_and_the_next_week_is_reminded(
    database_url: str,
) -> None:
    async with running_bot(database_url, start=WEEKLY_START, coordinators=[COORDINATOR_ID]) as bot:
        lan, group, _, _, office, report = await _periodic_report(bot)

        await _sweep_every_day(bot, date(2026, 3, 5), date(2026, 3, 10))
        bot.at(date(2026, 3, 10), 9)
        (done,) = await bot.say(lan, group, f"/done {report} báo cáo tuần")
        await _sweep_every_day(bot, date(2026, 3, 11), date(2026, 3, 16))

        assert done["text"].startswith(
            f"✅ Đã hoàn thành kỳ hạn 06/03/2026 của nhiệm vụ số {report} (quá hạn 4 ngày). "
            "Kỳ tiếp theo: hạn 13/03/2026."
        )
        assert _deadlines(bot, group) == [
            ("05/03/2026", "⏰ hạn 06/03/2026, còn 1 ngày"),
            ("06/03/2026", "⏰ hạn 06/03/2026, hôm nay"),
            ("09/03/2026", "⏰ hạn 06/03/2026, quá hạn 3 ngày"),
            ("11/03/2026", "⏰ hạn 13/03/2026, còn 2 ngày"),
            ("12/03/2026", "⏰ hạn 13/03/2026, còn 1 ngày"),
            ("13/03/2026", "⏰ hạn 13/03/2026, hôm nay"),
            ("16/03/2026", "⏰ hạn 13/03/2026, quá hạn 3 ngày"),
        ]
        assert not [m for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")]
        async with bot.database.session() as session:
            history = await tasks.periods(session=session, task_id=report)
        assert [(p.deadline, p.outcome) for p in history] == [(date(2026, 3, 6), "late")]


async def test_a_week_made_current_by_a_late_done_is_chased_before_it_is_recorded_as_missed(
    database_url: str,
) -> None:
    """A weekly report is due every Monday from 20/01/2025; Tết Ất Tỵ closes the week due 27/01
    on 03/02, as the week due 03/02. On 10/02, after the morning's digest chased the week of
    27/01, Lan closes it late: the week of 03/02 becomes current, already past its escalation
    day (10/02). The next morning's sweep chases it (and the coordinators hear of it once),
    rather than record it as missed at once; it is recorded the day after, when the week of
    10/02 becomes current."""
    start = datetime(2025, 1, 13, 7, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(database_url, start=start, coordinators=[COORDINATOR_ID]) as bot:
        lan, group, _, _, office, report = await _periodic_report(bot, first=date(2025, 1, 20))

        await _sweep_every_day(bot, date(2025, 1, 13), date(2025, 2, 10))
        bot.at(date(2025, 2, 10), 9)
        await bot.say(lan, group, f"/done {report} báo cáo tuần")
        await _sweep_every_day(bot, date(2025, 2, 11), date(2025, 2, 12))

        in_tet = "⏰ hạn 27/01/2025 (ngày nghỉ, tính đến hết 03/02/2025)"
        assert _deadlines(bot, group)[-3:] == [
            ("10/02/2025", f"{in_tet}, quá hạn 7 ngày"),
            ("11/02/2025", "⏰ hạn 03/02/2025, quá hạn 8 ngày"),
            ("12/02/2025", "⏰ hạn 10/02/2025, quá hạn 2 ngày"),
        ]
        escalations = [
            m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
        ]
        assert [e.splitlines()[0] for e in escalations] == [
            "⚠️ Nhiệm vụ quá hạn cần đôn đốc — 03/02/2025",  # the week of 20/01
            "⚠️ Nhiệm vụ quá hạn cần đôn đốc — 10/02/2025",  # the week of 27/01
            "⚠️ Nhiệm vụ quá hạn cần đôn đốc — 11/02/2025",  # the week of 03/02, once
        ]
        assert "hạn 03/02/2025" in escalations[2]
        async with bot.database.session() as session:
            history = await tasks.periods(session=session, task_id=report)
        assert [(p.deadline, p.outcome) for p in history] == [
            (date(2025, 1, 20), "missed"),
            (date(2025, 1, 27), "late"),
            (date(2025, 2, 3), "missed"),
        ]


async def test_a_missed_month_is_chased_until_the_next_months_first_reminder(
    database_url: str,
) -> None:
    async with running_bot(database_url, start=START, coordinators=[COORDINATOR_ID]) as bot:
        _, group, _, _, office, report = await _periodic_report(bot, "monthly", date(2023, 3, 31))

        await _sweep_every_day(bot, date(2023, 3, 28), date(2023, 5, 2))

        # A month is longer than the chase: the escalation has gone out long before April's
        # first reminder, which is when March is recorded as missed. 30/04/2023 is a Sunday in
        # the holiday of 29/04-03/05: April's report closes on Thursday 04/05, so its first
        # reminder goes out on 27/04, seven days before.
        closes = "⏰ hạn 30/04/2023 (ngày nghỉ, tính đến hết 04/05/2023)"
        assert _deadlines(bot, group) == [
            ("28/03/2023", "⏰ hạn 31/03/2023, còn 3 ngày"),
            ("30/03/2023", "⏰ hạn 31/03/2023, còn 1 ngày"),
            ("31/03/2023", "⏰ hạn 31/03/2023, hôm nay"),
            ("03/04/2023", "⏰ hạn 31/03/2023, quá hạn 3 ngày"),
            ("05/04/2023", "⏰ hạn 31/03/2023, quá hạn 5 ngày"),
            ("07/04/2023", "⏰ hạn 31/03/2023, quá hạn 7 ngày"),
            ("11/04/2023", "⏰ hạn 31/03/2023, quá hạn 11 ngày"),
            ("13/04/2023", "⏰ hạn 31/03/2023, quá hạn 13 ngày"),
            ("17/04/2023", "⏰ hạn 31/03/2023, quá hạn 17 ngày"),
            ("19/04/2023", "⏰ hạn 31/03/2023, quá hạn 19 ngày"),
            ("21/04/2023", "⏰ hạn 31/03/2023, quá hạn 21 ngày"),
            ("25/04/2023", "⏰ hạn 31/03/2023, quá hạn 25 ngày"),
            ("27/04/2023", f"{closes}, còn 7 ngày"),
            ("28/04/2023", f"{closes}, còn 6 ngày"),  # the 1- and 3-day ones, before the days off
        ]
        escalations = [
            m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
        ]
        assert [e.splitlines()[0] for e in escalations] == [
            "⚠️ Nhiệm vụ quá hạn cần đôn đốc — 07/04/2023"
        ]
        async with bot.database.session() as session:
            history = await tasks.periods(session=session, task_id=report)
        assert [(p.deadline, p.outcome) for p in history] == [(date(2023, 3, 31), "missed")]


async def test_a_restart_escalating_a_missed_month_and_the_current_one_tells_both(
    sqlite_url: str,
) -> None:
    """A monthly report due 28/02/2023 and 28/03/2023 (a duty keeps the day it was given) never
    comes; the bot chases February on 01/03, then is down until 10/04. That morning both the
    missed February and the current March (five working days late on 07/04) are escalated, and
    the coordinators are told of both: March is not recorded as sent while their digest shows
    #1 once, as February."""
    start = datetime(2023, 2, 20, 9, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start, coordinators=[COORDINATOR_ID]) as bot:
        lan = bot.server.add_user("Lan")
        bang = bot.server.add_user("Bằng", user_id=COORDINATOR_ID)
        group, office = (
            bot.server.add_group("Sở Tài chính", [lan]),
            bot.server.add_private_chat(bang),
        )
        await bot.register(lan, group, "STC")
        report = await bot.add_task("Báo cáo tháng", "STC", date(2023, 2, 28), recurrence="monthly")

        # Down from 02/03; back on Monday 10/04, then daily until the end of April.
        await _sweep_every_day(bot, date(2023, 3, 1), date(2023, 3, 1))
        await _sweep_every_day(bot, date(2023, 4, 10), date(2023, 4, 28))

        escalations = [
            m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
        ]
        assert any("hạn 28/02/2023" in text for text in escalations), escalations
        assert any(
            f"#{report} Báo cáo tháng" in text and "hạn 28/03/2023" in text for text in escalations
        ), escalations


async def test_a_task_due_in_year_one_is_left_out_and_every_other_chat_hears_of_its_own(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """A deadline saved before such dates were refused (/fix 1 han 01/01/0001) cannot be counted
    from: the sweep leaves that task out, logs it once with its number, and sends the rest."""
    lan, hoa = bot.server.add_user("Lan"), bot.server.add_user("Hoa")
    finance, health = (
        bot.server.add_group("Sở Tài chính", [lan]),
        bot.server.add_group("Sở Y tế", [hoa]),
    )
    await bot.register(lan, finance, "STC")
    await bot.register(hoa, health, "Sở Y tế")
    slip = await bot.add_task("Rà soát kinh phí", "STC", date(1, 1, 1))
    await bot.add_task("Báo cáo cuối cùng", "STC", date(9999, 12, 31))  # far ahead: not due yet
    await bot.add_task("Báo cáo UBND tỉnh", "Sở Y tế", date(2023, 3, 9))
    bot.at(date(2023, 3, 6))  # Monday, three days before Sở Y tế's deadline

    with caplog.at_level(logging.INFO):
        await bot.sweep()

    (digest,) = bot.reminders_in(health)
    assert "Báo cáo UBND tỉnh" in digest["text"] and "còn 3 ngày" in digest["text"]
    assert bot.reminders_in(finance) == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        f"sweep 2023-03-06: task {slip} is due 0001-01-01, a date the reminders cannot count "
        "from: no reminder for it until its deadline is corrected"
    ]


async def test_a_six_monthly_report_is_reminded_in_june_then_in_december(sqlite_url: str) -> None:
    """A report due every six months from 15/06/2023 ("trước ngày 15/6 và 15/12 hằng năm") is
    reminded before 15 June; closed then, it is next due 15/12/2023 and reminded before that day,
    with nothing between: not a year later, as a yearly duty's June report would be."""
    start = datetime(2023, 6, 1, 7, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start) as bot:
        lan = bot.server.add_user("Lan")
        group = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, group, "STC")
        report = await bot.add_task(
            "Báo cáo 6 tháng", "STC", date(2023, 6, 15), recurrence="semiannual"
        )

        await _sweep_every_day(bot, date(2023, 6, 1), date(2023, 6, 13))
        bot.at(date(2023, 6, 13), 9)
        (done,) = await bot.say(lan, group, f"/done {report} đã gửi báo cáo")
        await _sweep_every_day(bot, date(2023, 6, 14), date(2023, 12, 15))

        assert "Kỳ tiếp theo: hạn 15/12/2023." in done["text"], done["text"]
        assert _deadlines(bot, group) == [
            ("08/06/2023", "⏰ hạn 15/06/2023, còn 7 ngày"),
            ("12/06/2023", "⏰ hạn 15/06/2023, còn 3 ngày"),
            ("08/12/2023", "⏰ hạn 15/12/2023, còn 7 ngày"),
            ("12/12/2023", "⏰ hạn 15/12/2023, còn 3 ngày"),
            ("14/12/2023", "⏰ hạn 15/12/2023, còn 1 ngày"),
            ("15/12/2023", "⏰ hạn 15/12/2023, hôm nay"),
        ]
