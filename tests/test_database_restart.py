"""PostgreSQL restarting or out of reach: nothing lost, nothing sent twice, one clear answer.

A restart stops the real cluster (pg_ctlcluster); an outage cuts this test's own link to it
(tests.harness.DatabaseLink), so that it can outlast the retries of Database.retrying.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from bot.app import SWEEP_RETRY
from bot.telegram_server import Fault
from storage.db import Database
from storage.models import Reminder, ReminderStatus, Role, Task
from tests.conftest import SAMPLE
from tests.harness import (
    ERROR_TEXT,
    JSON,
    Harness,
    health_then_finance,
    linked,
    running_bot,
)
from vncalendar import VIETNAM_TZ

pytestmark = pytest.mark.postgres


def _cluster(action: str) -> None:
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[0]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
        check=True,
        capture_output=True,
        timeout=60,
    )


@pytest.fixture
def restartable_postgres(postgres_url: str) -> str:
    if shutil.which("pg_ctlcluster") is None or not Path("/etc/postgresql").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("CI needs pg_ctlcluster to restart PostgreSQL in this test")
        pytest.skip("PostgreSQL is not managed by pg_ctlcluster here")
    return postgres_url


async def test_postgres_going_down_mid_sweep_delays_the_record_but_loses_nothing(
    restartable_postgres: str,
) -> None:
    async with running_bot(
        restartable_postgres, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)
    ) as bot:
        lan = bot.server.add_user("Lan")
        finance = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, finance, "STC")
        await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        bot.at(date(2023, 3, 8))
        # Telegram answers slowly, and while it does the database goes away.
        bot.server.inject(Fault.timeout(0.8), method="sendMessage", chat_id=finance["id"])

        sweep = asyncio.create_task(bot.sweep())
        await bot.server.wait_for_messages(2, chat_id=finance["id"])  # the welcome, the digest
        try:
            await asyncio.to_thread(_cluster, "stop")
            await asyncio.sleep(2)  # the sweep meets the dead database and waits
        finally:
            await asyncio.to_thread(_cluster, "start")
        await asyncio.wait_for(sweep, timeout=90)

        async with bot.database.session() as session:
            ledger = (await session.exec(select(Reminder))).all()
        assert len(bot.reminders_in(finance)) == 1
        assert [(r.status, r.attempts) for r in ledger] == [(ReminderStatus.SENT, 1)]


async def test_a_digest_sent_during_a_long_database_outage_is_not_sent_again_later(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram accepts the morning digest, then PostgreSQL stays unreachable longer than the
    retries of Database.retrying (about 90 s; shortened here): the sweep keeps the record of a
    message Telegram accepted until the database is back, so the retry sweep, once the claim
    has gone stale, does not send it again. The group gets one digest, recorded SENT."""
    # The retry window of the database, as a long outage outlasts it.
    shortened = {**(Database.retrying.__kwdefaults__ or {}), "delays": (0.05, 0.1, 0.2)}
    monkeypatch.setattr(Database.retrying, "__kwdefaults__", shortened)
    async with (
        linked(postgres_url) as (link, url),
        running_bot(url, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)) as bot,
    ):
        lan = bot.server.add_user("Lan")
        finance = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, finance, "STC")
        await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        bot.at(date(2023, 3, 8))
        bot.server.inject(Fault.timeout(0.8), method="sendMessage", chat_id=finance["id"])

        sweep = asyncio.create_task(bot.sweep())
        await bot.server.wait_for_messages(2, chat_id=finance["id"])  # the welcome, the digest
        await link.cut()
        await asyncio.sleep(3)  # longer than the retry window: the outage outlasts it
        await link.open()
        await asyncio.wait_for(sweep, timeout=60)

        # The retry sweep of the same morning, after the claim went stale.
        bot.clock.set(datetime(2023, 3, 8, 8, 20, tzinfo=VIETNAM_TZ))
        await bot.sweep()

        async with bot.database.session() as session:
            ledger = (await session.exec(select(Reminder))).all()
        assert len(bot.reminders_in(finance)) == 1
        assert [r.status for r in ledger] == [ReminderStatus.SENT]


async def test_a_sweep_cut_short_by_the_database_is_finished_by_its_retry_five_minutes_later(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram fails the first group's digest, and PostgreSQL is out of reach when the sweep
    records that failure, past its retries: the sweep stops there, its claims of the other
    group's digest made but never sent, and the bot sweeps again 5 minutes later. That retry
    takes back the claims its own process left (no other sweep of the process is sending), so
    both groups get their digest then, once, not only once the claims have gone stale."""
    shortened = {**(Database.retrying.__kwdefaults__ or {}), "delays": (0.05, 0.1)}
    monkeypatch.setattr(Database.retrying, "__kwdefaults__", shortened)
    async with (
        linked(postgres_url) as (link, url),
        running_bot(url, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)) as bot,
    ):
        health, finance, _ = await health_then_finance(bot)
        await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        bot.at(date(2023, 3, 8))
        # Chats are swept in id order: the health group's digest fails, slowly, three times.
        slow_failure = Fault(500, "Internal Server Error", delay=0.5)
        bot.server.inject(slow_failure, method="sendMessage", chat_id=health["id"], times=3)

        sweep = asyncio.create_task(bot.sweep())
        await bot.wait_for_refusal(500)  # the digest's first try, answered half a second later
        await link.cut()
        try:
            await asyncio.wait_for(sweep, timeout=30)
        finally:
            await link.open()
        assert bot.reminders_in(health) == bot.reminders_in(finance) == []

        await bot.sweep_again_later(SWEEP_RETRY)

        assert len(bot.reminders_in(health)) == 1
        assert len(bot.reminders_in(finance)) == 1


async def _head_in_private(bot: Harness) -> tuple[JSON, JSON]:
    """Lan, head of the finance department, registered in her private chat: (Lan, the chat)."""
    lan = bot.server.add_user("Lan")
    private = bot.server.add_private_chat(lan)
    await bot.register(lan, private, "STC", Role.HEAD)
    return lan, private


async def test_a_command_while_the_database_is_unreachable_gets_one_apology(
    postgres_url: str,
) -> None:
    """PostgreSQL refuses connections while a head types /done 1 in their private chat: one
    command gets one clear answer, the apology, not one for each step that failed (the
    paused-chat check, the language lookup and the command)."""
    async with (
        linked(postgres_url) as (link, url),
        running_bot(url, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)) as bot,
    ):
        lan, private = await _head_in_private(bot)
        task_id = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        before = len(bot.server.sent_messages(private["id"]))

        await link.cut()
        try:
            bot.server.user_sends(private, lan, f"/done {task_id}")
            await bot.server.wait_for_messages(before + 1, chat_id=private["id"], timeout=15)
            await asyncio.sleep(2)
            await bot.server.wait_until_idle()
            answers = bot.server.sent_messages(private["id"])[before:]
        finally:
            await link.open()

    assert [m["text"] for m in answers] == [
        "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."
    ]


async def test_after_the_database_comes_back_the_next_command_is_served_without_an_apology(
    postgres_url: str,
) -> None:
    """The connections in the pool die with the database (a restart, a fail-over); once it is
    back, the next /done is served at once: the pool checks a connection before lending it
    (pool_pre_ping), so no user meets a dead one and an apology."""
    async with (
        linked(postgres_url) as (link, url),
        running_bot(url, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)) as bot,
    ):
        lan, private = await _head_in_private(bot)
        first = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        second = await bot.add_task("Báo cáo", "STC", date(2023, 3, 15))
        (answer,) = await bot.say(lan, private, f"/done {first}")
        assert answer["text"].startswith(f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {first}")

        await link.cut()  # every pooled connection dies, as in a restart
        await link.open()
        (answer,) = await bot.say(lan, private, f"/done {second}")

    assert answer["text"].startswith(f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {second}")


async def test_a_button_pressed_while_the_database_is_unreachable_is_answered(
    postgres_url: str,
) -> None:
    """PostgreSQL refuses connections while a member of a group presses ✅ under a task: the
    press is answered (its button stops spinning), and the group gets the apology once, not
    once for the language lookup and again for the button."""
    async with (
        linked(postgres_url) as (link, url),
        running_bot(url, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)) as bot,
    ):
        lan = bot.server.add_user("Lan")
        finance = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, finance, "STC")
        task_id = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        (detail,) = await bot.say(lan, finance, f"/task {task_id}")
        before = len(bot.server.sent_messages(finance["id"]))

        await link.cut()
        try:
            query = bot.server.press_button(finance, lan, detail["message_id"], f"done:{task_id}")
            await bot.server.wait_for_messages(before + 1, chat_id=finance["id"], timeout=15)
            answer = await bot.server.wait_for_answer(query["id"], timeout=5)
            await asyncio.sleep(2)
            await bot.server.wait_until_idle()
            answers = bot.server.sent_messages(finance["id"])[before:]
        finally:
            await link.open()

    assert answer.get("show_alert") is not True
    assert [m["text"] for m in answers] == [
        "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."
    ]


async def test_an_import_saved_while_the_database_is_away_can_be_saved_again_once(
    postgres_url: str,
) -> None:
    """A coordinator presses 💾 while PostgreSQL is out of reach: the press is answered and the
    chat gets the apology; the preview is kept, so the same button pressed again once the
    database is back saves the tasks, once."""
    async with (
        linked(postgres_url) as (link, url),
        running_bot(url, start=datetime(2023, 1, 6, 9, tzinfo=VIETNAM_TZ)) as bot,
    ):
        bang = bot.server.add_user("Bằng")
        office = bot.server.add_private_chat(bang)
        await bot.register(bang, office, None, Role.COORDINATOR)
        before = len(bot.server.sent_messages(office["id"]))
        bot.server.user_sends_document(office, bang, "thong-bao.txt", SAMPLE.read_bytes())
        messages = await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15)
        while "reply_markup" not in messages[-1]:
            messages = await bot.server.wait_for_messages(
                len(messages) + 1, chat_id=office["id"], timeout=15
            )
        preview = messages[-1]
        save = preview["reply_markup"]["inline_keyboard"][0][0]
        assert save["text"] == "💾 Lưu 3 nhiệm vụ"

        await link.cut()
        try:
            (apology,) = await bot.press(bang, office, preview, save["callback_data"])
        finally:
            await link.open()
        (saved,) = await bot.press(bang, office, preview, save["callback_data"])
        async with bot.database.session() as session:
            saved_tasks = (await session.exec(select(Task))).all()

    assert apology["text"] == ERROR_TEXT
    assert (
        saved["text"].split("\n")[0]
        == "✅ Đã lưu: 3 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )
    assert len(saved_tasks) == 3
