"""Real processes: several instances on one database, a crash mid-sweep, two pollers on one token.

Each test starts `python -m bot` processes against the Telegram-compatible server of the test,
so every reminder crosses real HTTP and real database connections from separate processes.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.telegram_server import Fault, TelegramServer
from storage import access, agencies, tasks
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Reminder, ReminderStatus, Role
from tests.conftest import NOW
from tests.harness import stop_service

TOKEN = "7770001234:AAH-instances-test-token-xxxxxxxxxx"
SWEEP_DAY = date(2023, 3, 8)  # a Wednesday
DEADLINE = SWEEP_DAY + timedelta(days=7)


def _env(server: TelegramServer, database_url: str, **extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
    return {
        **base,
        "NHACVIEC_TELEGRAM_TOKEN": TOKEN,
        "NHACVIEC_TELEGRAM_BASE_URL": server.base_url,
        "NHACVIEC_DATABASE_URL": database_url,
        **extra,
    }


async def _nhacviec(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def _world(
    server: TelegramServer, database_url: str, agencies_count: int, tasks_each: int
) -> set[tuple[int, int]]:
    """Agencies with a group each and tasks due in a week: the (chat, task) pairs to remind."""
    expected = set()
    async with _agencies_with_groups(server, database_url, agencies_count) as (session, groups):
        for agency_id, name, group_id in groups:
            for n in range(tasks_each):
                task = await tasks.add_task(
                    session=session,
                    text=f"Việc {n} của {name}",
                    lead_agency_id=agency_id,
                    deadline=DEADLINE,
                    now=NOW,
                )
                assert task.id is not None
                expected.add((group_id, task.id))
    return expected


@asynccontextmanager
async def _agencies_with_groups(
    server: TelegramServer, database_url: str, count: int
) -> AsyncIterator[tuple[AsyncSession, list[tuple[int, str, int]]]]:
    """A new database with agencies "Sở số N", each with a group its member registered:
    (agency id, name, group's chat id) each, in a session to add their tasks in."""
    upgrade(database_url)
    database = Database(database_url)
    rows = [agencies.AgencyRow(f"Sở số {n}", f"S{n}") for n in range(count)]
    try:
        async with database.session() as session:
            await agencies.import_agencies(session=session, rows=rows, now=NOW)
            groups = []
            for row in rows:
                agency = await agencies.find_agency(session=session, text=row.name)
                assert agency.id is not None
                member = server.add_user(f"Cán bộ {row.short_name}")
                group = server.add_group(row.name, [member])
                code = await access.create_invite(
                    session=session,
                    agency_id=agency.id,
                    role=Role.STAFF,
                    now=NOW,
                    valid_for=timedelta(days=1),
                )
                await access.redeem_invite(
                    session=session,
                    code=code,
                    user_id=member["id"],
                    display_name=None,
                    chat_id=group["id"],
                    chat_title=row.name,
                    now=NOW,
                )
                groups.append((agency.id, row.name, group["id"]))
            yield session, groups
    finally:
        await database.dispose()


def _delivered(server: TelegramServer) -> Counter[tuple[int, int]]:
    """How many times each (chat, task) reached Telegram in a digest."""
    seen: Counter[tuple[int, int]] = Counter()
    for message in server.sent_messages():
        if message.get("text", "").startswith("🔔"):
            for task_id in re.findall(r"^#(\d+) ", message["text"], flags=re.MULTILINE):
                seen[(message["chat"]["id"], int(task_id))] += 1
    return seen


async def _ledger(database_url: str) -> Counter[ReminderStatus]:
    database = Database(database_url)
    async with database.session() as session:
        statuses = Counter(r.status for r in (await session.exec(select(Reminder))).all())
    await database.dispose()
    return statuses


async def test_two_instances_sweeping_at_once_send_every_reminder_exactly_once(
    postgres_url: str,
) -> None:
    async with TelegramServer(TOKEN) as server:
        expected = await _world(server, postgres_url, agencies_count=20, tasks_each=15)
        env = _env(server, postgres_url)
        sweeps = [await _nhacviec(env, "remind", "--date", SWEEP_DAY.isoformat()) for _ in range(3)]
        outputs = [await p.communicate() for p in sweeps]

        for process, (_, err) in zip(sweeps, outputs, strict=True):
            assert process.returncode == 0, err.decode()
        delivered = _delivered(server)

    assert len(expected) == 300
    assert set(delivered) == expected
    assert set(delivered.values()) == {1}
    assert await _ledger(postgres_url) == {ReminderStatus.SENT: 300}
    sent_lines = [
        line
        for out, _ in outputs
        for line in out.decode().splitlines()
        if line.startswith("đã gửi tới ")
    ]
    assert len(sent_lines) == 20  # one digest per group, whoever sent it


async def _recurring_world(server: TelegramServer, database_url: str, count: int) -> set[int]:
    """Agencies with a group each and a monthly report whose January and February went
    unreported: a sweep on SWEEP_DAY records them missed before reminding March."""
    async with _agencies_with_groups(server, database_url, count) as (session, groups):
        for agency_id, name, _ in groups:
            for n in range(5):
                await tasks.add_task(
                    session=session,
                    text=f"Báo cáo tháng {n} của {name}",
                    lead_agency_id=agency_id,
                    deadline=date(2023, 1, 15),
                    recurrence="monthly",
                    now=NOW,
                )
    return {group_id for _, _, group_id in groups}


async def _three_sweeps_at_once(database_url: str) -> tuple[set[int], Counter[int]]:
    """Three `nhacviec remind` at the same minute on _recurring_world, each of which must
    finish: the groups, and how many digests each of them got."""
    async with TelegramServer(TOKEN) as server:
        groups = await _recurring_world(server, database_url, count=10)
        env = _env(server, database_url)
        sweeps = [await _nhacviec(env, "remind", "--date", SWEEP_DAY.isoformat()) for _ in range(3)]
        outputs = [await p.communicate() for p in sweeps]
        digests = Counter(
            m["chat"]["id"] for m in server.sent_messages() if m.get("text", "").startswith("🔔")
        )

    for process, (_, err) in zip(sweeps, outputs, strict=True):
        assert process.returncode == 0, err.decode()
    return groups, digests


async def test_the_bot_and_nhacviec_remind_sweeping_one_sqlite_file_at_once_both_succeed(
    sqlite_url: str,
) -> None:
    """Sweeps at the same minute on one SQLite file (the bot's morning sweep and an operator's
    `nhacviec remind`), with monthly reports whose past months must be recorded missed: on
    SQLite, where SELECT ... FOR UPDATE locks nothing, they still do not record one period
    twice. Every sweep finishes, and every group is reminded once."""
    groups, digests = await _three_sweeps_at_once(sqlite_url)

    assert set(digests) == groups
    assert set(digests.values()) == {1}


@pytest.mark.postgres
async def test_instances_sweeping_one_postgres_database_at_once_record_each_missed_month_once(
    postgres_url: str,
) -> None:
    """Three sweeps at the same minute on one PostgreSQL database, with monthly reports whose
    past months must be recorded missed before March is reminded: every sweep finishes (no
    unique-key error, no deadlock left unhandled), and every group is reminded once."""
    groups, digests = await _three_sweeps_at_once(postgres_url)

    assert set(digests) == groups
    assert set(digests.values()) == {1}


async def test_a_sweep_killed_mid_way_is_finished_by_the_next_with_at_most_one_repeat(
    database_url: str,
) -> None:
    async with TelegramServer(TOKEN) as server:
        expected = await _world(server, database_url, agencies_count=3, tasks_each=2)
        groups = sorted({chat for chat, _ in expected}, reverse=True)  # chats are swept in id order
        stuck = groups[1]
        # Telegram takes the second group's digest but never answers: the process hangs there.
        server.inject(Fault.timeout(60), method="sendMessage", chat_id=stuck)
        env = _env(
            server,
            database_url,
            NHACVIEC_TELEGRAM_TIMEOUT="120",
            NHACVIEC_REMINDERS_CLAIM_TIMEOUT="1",
        )
        first = await _nhacviec(env, "remind", "--date", SWEEP_DAY.isoformat())
        await server.wait_for_messages(1, chat_id=stuck, timeout=30)
        first.send_signal(signal.SIGKILL)
        await first.wait()

        await asyncio.sleep(1.2)  # the dead process's claims go stale after claim_timeout
        second = await _nhacviec(env, "remind", "--date", SWEEP_DAY.isoformat())
        _, err = await second.communicate()
        delivered = _delivered(server)

    assert second.returncode == 0, err.decode()
    assert set(delivered) == expected  # nothing lost
    repeats = {pair for pair, times in delivered.items() if times > 1}
    assert {chat for chat, _ in repeats} <= {stuck}  # only the digest in flight at the crash
    assert set(delivered.values()) <= {1, 2}
    assert await _ledger(database_url) == {ReminderStatus.SENT: len(expected)}


async def test_a_second_poller_on_the_same_token_makes_the_first_stop_with_a_clear_message(
    sqlite_url: str, tmp_path: Path
) -> None:
    async with TelegramServer(TOKEN) as server:
        env = _env(server, sqlite_url)
        first = await _nhacviec(env, "run")
        await server.wait_for_poller(timeout=30)
        second = await _nhacviec(env, "run")
        try:
            await asyncio.wait_for(first.wait(), timeout=30)
            _, first_err = await first.communicate()
            user = server.add_user("Lan")
            server.user_sends(server.add_private_chat(user), user, "/help")
            (reply,) = await server.wait_for_messages(1, timeout=10)  # the second one serves
        finally:
            await stop_service(second)

    assert first.returncode == 1
    log = first_err.decode()
    assert "another process is polling Telegram with this bot token (409 Conflict)" in log
    assert (
        "nhacviec: một tiến trình khác đang nhận tin Telegram bằng token này; "
        "tiến trình này dừng lại" in log
    )
    assert reply["text"].startswith("Các lệnh")
    assert second.returncode == 0


async def test_a_sweep_only_instance_takes_no_updates_and_stops_on_sigterm(sqlite_url: str) -> None:
    async with TelegramServer(TOKEN) as server:
        process = await _nhacviec(
            _env(server, sqlite_url, NHACVIEC_TELEGRAM_MODE="sweep-only"), "run"
        )
        try:
            await server.wait_for_call("setMyCommands", timeout=30)
        finally:
            log = await stop_service(process)

    assert process.returncode == 0, log
    assert server.calls("getUpdates") == []
    assert "sweep-only: reminders are sent on schedule" in log


def _webhook_env(server: TelegramServer, database_url: str, port: int) -> dict[str, str]:
    return _env(
        server,
        database_url,
        NHACVIEC_TELEGRAM_MODE="webhook",
        NHACVIEC_TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{port}/telegram",
        NHACVIEC_TELEGRAM_WEBHOOK_LISTEN="127.0.0.1",
        NHACVIEC_TELEGRAM_WEBHOOK_PORT=str(port),
    )


async def test_webhook_mode_serves_commands_posted_by_telegram(
    sqlite_url: str, unused_tcp_port: int
) -> None:
    async with TelegramServer(TOKEN) as server:
        env = _webhook_env(server, sqlite_url, unused_tcp_port)
        env["NHACVIEC_TELEGRAM_WEBHOOK_SECRET"] = "s3cret-path-token"
        process = await _nhacviec(env, "run")
        try:
            registered = await server.wait_for_call("setWebhook", timeout=30)
            user = server.add_user("Lan")
            server.user_sends(server.add_private_chat(user), user, "/help")
            (reply,) = await server.wait_for_messages(1, timeout=15)
        finally:
            log = await stop_service(process)

    assert process.returncode == 0, log
    assert registered.params["secret_token"] == "s3cret-path-token"
    assert reply["text"].startswith("Các lệnh")
    assert server.calls("getUpdates") == []


async def test_webhook_mode_without_a_secret_refuses_to_start(
    sqlite_url: str, unused_tcp_port: int
) -> None:
    # Without a secret, anyone who reaches the port could post "/done 12" as a coordinator.
    async with TelegramServer(TOKEN) as server:
        env = _webhook_env(server, sqlite_url, unused_tcp_port)
        process = await _nhacviec(env, "run")
        try:
            _, err = await asyncio.wait_for(process.communicate(), timeout=30)
        finally:
            if process.returncode is None:
                await stop_service(process)

    assert process.returncode == 2
    (line,) = err.decode().splitlines()
    assert line.startswith('nhacviec: [telegram] mode = "webhook" cần webhook_secret')
    assert "NHACVIEC_TELEGRAM_WEBHOOK_SECRET" in line
    assert server.calls("setWebhook") == []


async def test_run_serves_commands_and_stops_cleanly_on_sigterm(sqlite_url: str) -> None:
    async with TelegramServer(TOKEN) as server:
        process = await _nhacviec(_env(server, sqlite_url), "run")
        try:
            await server.wait_for_poller(timeout=30)
            user = server.add_user("Lan")
            server.user_sends(server.add_private_chat(user), user, "/help")
            (reply,) = await server.wait_for_messages(1, timeout=10)
        finally:
            log = await stop_service(process)

    assert reply["text"].startswith("Các lệnh\n/tasks (/nhiemvu) — ")
    assert process.returncode == 0, log
    assert "database migrated: 0001" in log
    assert TOKEN not in log


async def test_a_refused_token_or_an_unreachable_telegram_is_one_clear_line(
    sqlite_url: str,
) -> None:
    async with TelegramServer(TOKEN) as server:
        wrong = await _nhacviec(
            _env(
                server,
                sqlite_url,
                NHACVIEC_TELEGRAM_TOKEN="7123456789:AAH-revoked-token-xxxxxxxxxxxxxxx",
            ),
            "run",
        )
        _, refused = await asyncio.wait_for(wrong.communicate(), timeout=30)
        closed_port = server.base_url.replace(f":{server.port}/", ":1/")
        away = await _nhacviec(
            _env(
                server,
                sqlite_url,
                NHACVIEC_TELEGRAM_BASE_URL=closed_port,
                NHACVIEC_TELEGRAM_TIMEOUT="2",
            ),
            "run",
        )
        _, unreachable = await asyncio.wait_for(away.communicate(), timeout=60)

    assert wrong.returncode == 2
    assert (
        refused.decode().splitlines()[-1].startswith("nhacviec: Telegram từ chối token của bot: ")
    )
    assert away.returncode == 3
    assert (
        unreachable.decode().splitlines()[-1].startswith("nhacviec: không kết nối được Telegram: ")
    )


async def test_a_revoked_token_at_start_up_is_one_line_without_a_traceback(
    sqlite_url: str,
) -> None:
    """A token revoked in @BotFather: `nhacviec run` exits 2 with its one line, as the README
    promises, and no traceback of python-telegram-bot's failed getMe before it (under systemd,
    one every RestartSec)."""
    async with TelegramServer(TOKEN) as server:
        revoked = "7123456789:AAH-revoked-token-xxxxxxxxxxxxxxx"
        env = _env(server, sqlite_url, NHACVIEC_TELEGRAM_TOKEN=revoked)
        process = await _nhacviec(env, "run")
        _, err = await asyncio.wait_for(process.communicate(), timeout=60)

    log = err.decode()
    assert process.returncode == 2, log
    assert log.strip().splitlines()[-1].startswith("nhacviec: Telegram từ chối token của bot: ")
    assert "Traceback" not in log, log


async def test_telegram_out_of_reach_at_start_up_is_one_line_without_a_traceback(
    sqlite_url: str,
) -> None:
    """At boot before the network is up, `nhacviec run` exits 3 (systemd restarts it every
    RestartSec) with its one line only, not after python-telegram-bot's ~100-line traceback of
    the failed connection."""
    async with TelegramServer(TOKEN) as server:
        closed_port = server.base_url.replace(f":{server.port}/", ":1/")
        env = _env(
            server,
            sqlite_url,
            NHACVIEC_TELEGRAM_BASE_URL=closed_port,
            NHACVIEC_TELEGRAM_TIMEOUT="2",
        )
    process = await _nhacviec(env, "run")
    _, err = await asyncio.wait_for(process.communicate(), timeout=60)

    log = err.decode()
    assert process.returncode == 3, log
    assert log.strip().splitlines()[-1].startswith("nhacviec: không kết nối được Telegram: ")
    assert "Traceback" not in log, log
