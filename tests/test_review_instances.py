"""Review of several instances on one database: concurrent sweeps, restarts, claims."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import date, datetime

import pytest
from sqlmodel import select

from bot.app import SWEEP_RETRY
from bot.telegram_server import Fault, TelegramServer
from storage.db import Database
from storage.models import Role, Task
from tests.conftest import SAMPLE
from tests.harness import ERROR_TEXT, running_bot
from tests.test_database_restart import linked
from tests.test_instances import SWEEP_DAY, TOKEN, _env, _nhacviec, _recurring_world
from tests.test_reminders import _sweep_again_later
from vncalendar import VIETNAM_TZ


@pytest.mark.postgres
async def test_instances_sweeping_one_postgres_database_at_once_record_each_missed_month_once(
    postgres_url: str,
) -> None:
    """Three sweeps at the same minute on one PostgreSQL database, with monthly reports whose
    past months must be recorded missed before March is reminded: every sweep finishes (no
    unique-key error, no deadlock left unhandled), and every group is reminded once."""
    async with TelegramServer(TOKEN) as server:
        groups = await _recurring_world(server, postgres_url, count=10)
        env = _env(server, postgres_url)
        sweeps = [await _nhacviec(env, "remind", "--date", SWEEP_DAY.isoformat()) for _ in range(3)]
        outputs = [await p.communicate() for p in sweeps]
        digests = Counter(
            m["chat"]["id"] for m in server.sent_messages() if m.get("text", "").startswith("🔔")
        )

    for process, (_, err) in zip(sweeps, outputs, strict=True):
        assert process.returncode == 0, err.decode()
    assert set(digests) == groups
    assert set(digests.values()) == {1}


@pytest.mark.postgres
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
        lan = bot.server.add_user("Lan")
        private = bot.server.add_private_chat(lan)
        await bot.register(lan, private, "STC", Role.HEAD)
        first = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        second = await bot.add_task("Báo cáo", "STC", date(2023, 3, 15))
        (answer,) = await bot.say(lan, private, f"/done {first}")
        assert answer["text"].startswith(f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {first}")

        await link.cut()  # every pooled connection dies, as in a restart
        await link.open()
        (answer,) = await bot.say(lan, private, f"/done {second}")

    assert answer["text"].startswith(f"✅ Đã đánh dấu hoàn thành nhiệm vụ số {second}")


async def test_a_notice_kept_waiting_by_a_flood_wait_is_not_taken_back_and_sent_twice(
    database_url: str,
) -> None:
    """A coordinators' notice (here: an agency's group was lost) is sent again by a sweep while
    Telegram makes the bot wait (429) longer than claim_timeout. The sweep holding it renews its
    claim while it waits, as it does a digest's, so the next sweep (the retry job, or another
    instance's) does not take it back and send it too: the coordinator hears of it once."""
    async with running_bot(database_url, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)) as bot:
        bot.settings.reminders.claim_timeout = 3  # renewed every second
        lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
        finance = bot.server.add_group("Sở Tài chính", [lan])
        office = bot.server.add_private_chat(bang)
        await bot.register(lan, finance, "STC")
        await bot.register(bang, office, None, Role.COORDINATOR)
        await bot.add_task("Ban hành Kế hoạch chung", "STC", date(2023, 3, 15))
        bot.server.inject(Fault.kicked(), method="sendMessage", chat_id=finance["id"], times=10)
        bot.server.inject(Fault.server_error(), method="sendMessage", chat_id=office["id"])
        bot.at(date(2023, 3, 8))
        await bot.sweep()  # the group is found lost; the first notice fails

        bot.at(date(2023, 3, 8), hour=10)
        bot.server.inject(Fault.retry_after(6), method="sendMessage", chat_id=office["id"])
        waiting = asyncio.create_task(bot.sweep())  # takes the notice back, then waits 6 s
        await bot.server.wait_for_call("sendMessage")
        await asyncio.sleep(0.2)
        bot.clock.set(datetime(2023, 3, 8, 10, 0, 5, tzinfo=VIETNAM_TZ))  # past claim_timeout
        await asyncio.sleep(2.5)  # the holder's renewals come due meanwhile
        await bot.sweep()  # the retry sweep, while the first still waits
        await asyncio.wait_for(waiting, timeout=30)

    alerts = [m for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")]
    assert len(alerts) == 1


@pytest.mark.postgres
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
    assert saved["text"] == "✅ Đã lưu: 3 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    assert len(saved_tasks) == 3


async def test_a_task_closed_while_the_sweep_is_sending_is_left_out_of_the_digests_still_to_go(
    database_url: str,
) -> None:
    """The sweep plans every chat's digest, then sends them one after another (Telegram keeps
    it waiting on one chat). A head closes a task with /done meanwhile, in this instance or
    another: the digest still to go leaves the closed task out (and a digest left with nothing
    is not sent), instead of reminding the chat of a task it has just closed."""
    async with running_bot(database_url, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)) as bot:
        lan, minh = bot.server.add_user("Lan"), bot.server.add_user("Minh")
        health = bot.server.add_group("Sở Y tế", [minh])
        finance = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(minh, health, "SYT")
        await bot.register(lan, finance, "STC")
        await bot.add_task("Kế hoạch tiêm chủng", "SYT", date(2023, 3, 15))
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


@pytest.mark.postgres
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
        lan, minh = bot.server.add_user("Lan"), bot.server.add_user("Minh")
        health = bot.server.add_group("Sở Y tế", [minh])
        finance = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(minh, health, "SYT")
        await bot.register(lan, finance, "STC")
        await bot.add_task("Kế hoạch tiêm chủng", "SYT", date(2023, 3, 15))
        await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        bot.at(date(2023, 3, 8))
        # Chats are swept in id order: the health group's digest fails, slowly, three times.
        slow_failure = Fault(500, "Internal Server Error", delay=0.5)
        bot.server.inject(slow_failure, method="sendMessage", chat_id=health["id"], times=3)

        sweep = asyncio.create_task(bot.sweep())
        await bot.server._wait_for(
            lambda: any(
                call.status == 500 and call.params.get("chat_id") == health["id"]
                for call in bot.server.calls("sendMessage")
            ),
            timeout=10,
        )  # the digest's first try, answered half a second later
        await link.cut()
        try:
            await asyncio.wait_for(sweep, timeout=30)
        finally:
            await link.open()
        assert bot.reminders_in(health) == bot.reminders_in(finance) == []

        await _sweep_again_later(bot, SWEEP_RETRY)

        assert len(bot.reminders_in(health)) == 1
        assert len(bot.reminders_in(finance)) == 1
