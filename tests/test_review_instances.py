"""Review: several instances on one database, and the database going away under them."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import threading
from collections import Counter
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import make_url
from sqlmodel import select

from bot.telegram_server import Fault, TelegramServer
from storage import access, agencies, tasks
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Reminder, ReminderStatus, Role
from tests.conftest import NOW
from tests.harness import running_bot
from tests.test_instances import SWEEP_DAY, TOKEN, _env, _nhacviec
from vncalendar import VIETNAM_TZ


class DatabaseLink:
    """A TCP relay between the bot and PostgreSQL that the test can cut (connections dropped,
    new ones refused) and restore: the database going away for this test's process only."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.listen_port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except (ConnectionError, OSError):
            pass
        finally:
            writer.close()

    async def _serve(self, client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            server_r, server_w = await asyncio.open_connection(self.host, self.port)
        except OSError:
            client_w.close()
            return
        self._writers |= {client_w, server_w}
        await asyncio.gather(self._relay(client_r, server_w), self._relay(server_r, client_w))

    async def open(self) -> None:
        self._server = await asyncio.start_server(
            self._serve, "127.0.0.1", self.listen_port or 0, reuse_address=True
        )
        self.listen_port = self._server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        assert self._server is not None
        self._server.close()
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()
        await self._server.wait_closed()
        self._server = None

    async def close(self) -> None:
        if self._server is not None:
            await self.cut()


class ThreadedLink:
    """The relay in a thread of its own, so that blocking connections (Alembic's) pass too."""

    def __init__(self, host: str, port: int) -> None:
        self.link = DatabaseLink(host, port)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def _call(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=10)

    async def open(self) -> None:
        await asyncio.to_thread(self._call, self.link.open())

    async def cut(self) -> None:
        await asyncio.to_thread(self._call, self.link.cut())

    def stop(self) -> None:
        self._call(self.link.close())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


@contextlib.asynccontextmanager
async def linked(postgres_url: str) -> AsyncIterator[tuple[ThreadedLink, str]]:
    url = make_url(postgres_url)
    link = ThreadedLink(url.host or "127.0.0.1", url.port or 5432)
    await link.open()
    try:
        yield (
            link,
            url.set(host="127.0.0.1", port=link.link.listen_port).render_as_string(
                hide_password=False
            ),
        )
    finally:
        link.stop()


@pytest.mark.postgres
async def test_a_digest_sent_during_a_long_database_outage_is_not_sent_again_later(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram accepts the morning digest, then PostgreSQL stays unreachable longer than the
    retries of Database.retrying (about 90 s; shortened here): the "sent" record is given up,
    the claim goes stale and the retry sweep sends the same digest again, so the group gets it
    twice. The sweep should keep the record of a message Telegram accepted until the database
    is back (or otherwise never resend it): one digest, recorded SENT."""
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


async def _recurring_world(server: TelegramServer, database_url: str, count: int) -> set[int]:
    """Agencies with a group each and a monthly report whose January and February went
    unreported: a sweep on SWEEP_DAY records them missed before reminding March."""
    upgrade(database_url)
    database = Database(database_url)
    groups = set()
    rows = [agencies.AgencyRow(f"Sở số {n}", f"S{n}") for n in range(count)]
    async with database.session() as session:
        await agencies.import_agencies(session=session, rows=rows, now=NOW)
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
            for n in range(5):
                await tasks.add_task(
                    session=session,
                    text=f"Báo cáo tháng {n} của {row.name}",
                    lead_agency_id=agency.id,
                    deadline=date(2023, 1, 15),
                    recurrence="monthly",
                    now=NOW,
                )
            groups.add(group["id"])
    await database.dispose()
    return groups


async def test_the_bot_and_nhacviec_remind_sweeping_one_sqlite_file_at_once_both_succeed(
    sqlite_url: str,
) -> None:
    """Two sweeps at the same minute on one SQLite file (the bot's morning sweep and an
    operator's `nhacviec remind`), with monthly reports whose past months must be recorded
    missed: both read the same open periods (SELECT ... FOR UPDATE locks nothing on SQLite) and
    the later one fails on the unique period key, so a sweep exits with an error (a misleading
    "not a database" line) instead of finishing. Both should finish, every group reminded once."""
    async with TelegramServer(TOKEN) as server:
        groups = await _recurring_world(server, sqlite_url, count=10)
        env = _env(server, sqlite_url)
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
async def test_a_command_while_the_database_is_unreachable_gets_one_apology(
    postgres_url: str,
) -> None:
    """PostgreSQL refuses connections while a head types /done 1 in their private chat: the
    bot answers "Xin lỗi, đã có lỗi..." three times (the paused-chat check, the language
    lookup and the command each fail and each apologise). One command should get one clear
    answer."""
    async with (
        linked(postgres_url) as (link, url),
        running_bot(url, start=datetime(2023, 3, 1, 9, tzinfo=VIETNAM_TZ)) as bot,
    ):
        lan = bot.server.add_user("Lan")
        private = bot.server.add_private_chat(lan)
        await bot.register(lan, private, "STC", Role.HEAD)
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


@pytest.mark.postgres
async def test_a_button_pressed_while_the_database_is_unreachable_is_answered(
    postgres_url: str,
) -> None:
    """PostgreSQL refuses connections while a member of a group presses ✅ under a task: the
    group gets the apology, twice (the language lookup and the button each fail), but the press
    is never answered and its button keeps spinning. The press should be answered, and the
    group told once."""
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


async def test_two_commands_migrating_one_new_sqlite_file_at_once_both_succeed(
    tmp_path: Path,
) -> None:
    """A new release (or a fresh install) on SQLite: the service starts and migrates while the
    operator runs another command (`nhacviec agencies list`), which migrates too. One of them
    often fails with "không kết nối được cơ sở dữ liệu: database is locked" (exit 3): nothing
    makes the second migration wait on SQLite. The second should wait, find the database
    migrated, and do its work."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
    failures = []
    for round_ in range(3):
        url = f"sqlite:///{tmp_path / f'round{round_}' / 'nhacviec.db'}"
        env = {**base, "NHACVIEC_DATABASE_URL": url}
        processes = [
            await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                *command,
                env=env,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
            )
            for command in (("db", "upgrade"), ("agencies", "list"), ("db", "upgrade"))
        ]
        for process in processes:
            _, err = await process.communicate()
            if process.returncode != 0:
                failures.append(err.decode().strip())
    assert failures == []
