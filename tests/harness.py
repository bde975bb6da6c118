"""A whole bot for end-to-end tests: the Telegram-compatible server, a database, a movable clock,
and a link to PostgreSQL that a test can cut."""

from __future__ import annotations

import asyncio
import signal
import threading
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.engine import make_url
from telegram.ext import Application, BaseRateLimiter

from bot.app import RETRY_SWEEP, build_application
from bot.config import AccessSettings, BotSettings, DatabaseSettings, Settings, TelegramSettings
from bot.lifecycle import run_daily_sweep_now, running
from bot.ratelimit import ChatRateLimiter
from bot.services import services_of
from bot.telegram_server import Fault, TelegramServer
from storage import access, agencies, tasks
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Role
from vncalendar import VIETNAM_TZ, ManualClock

TOKEN = "5550001234:AAH-loopback-test-token-xxxxxxxxxxx"
JSON = dict[str, Any]
# What a chat that may not act for every agency hears from a coordinators' command.
COORDINATORS_ONLY = (
    "Lệnh này chỉ dành cho cán bộ theo dõi nhiệm vụ, khi nhắn riêng với bot hoặc trong nhóm "
    "theo dõi."
)
# What a chat hears when the bot failed on what was asked of it.
ERROR_TEXT = "Xin lỗi, đã có lỗi khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."
# What Telegram answers to answerCallbackQuery once the ~15 s to answer a press have passed
# (a bot back from a restart, a slow database, a flood wait in front of the answer).
QUERY_TOO_OLD = Fault(
    400, "Bad Request: query is too old and response timeout expired or query ID is invalid"
)

# Telegram's user for messages an anonymous group administrator sends "as the group".
GROUP_ANONYMOUS_BOT = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}

CATALOGUE = [
    agencies.AgencyRow("Sở Tài chính", "STC", ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT")),
    agencies.AgencyRow("Sở Y tế", "SYT"),
    agencies.AgencyRow("Công an tỉnh", "CA tỉnh"),
]


@dataclass
class Harness:
    server: TelegramServer
    database: Database
    clock: ManualClock
    application: Application[Any, Any, Any, Any, Any, Any]
    settings: Settings
    stack: AsyncExitStack

    async def restart(self, at: datetime, *, sweep_at_start: bool = True) -> None:
        """Stop the bot, move the clock (it was down meanwhile), start a new process's worth."""
        await self.stack.aclose()
        self.clock.set(at)
        self.application = build_application(
            self.settings, clock=self.clock, sweep_at_start=sweep_at_start
        )
        self.stack = AsyncExitStack()
        await self.stack.enter_async_context(running(self.application))

    def at(self, day: date, hour: int = 8) -> None:
        """Move the clock to that day, at that hour in Hà Nội."""
        self.clock.set(datetime(day.year, day.month, day.day, hour, 0, tzinfo=VIETNAM_TZ))

    async def sweep(self) -> None:
        """Fire the daily sweep job now."""
        await run_daily_sweep_now(self.application)
        await self.server.wait_until_idle()

    async def sweep_again_later(self, after: timedelta) -> None:
        """Fire the sweep the bot scheduled for later today, the clock having moved on by then."""
        assert self.application.job_queue is not None
        (job,) = self.application.job_queue.get_jobs_by_name(RETRY_SWEEP)
        job.schedule_removal()
        self.clock.advance(after)
        await job.run(self.application)
        await self.server.wait_until_idle()

    async def say(self, user: JSON, chat: JSON, text: str, replies: int = 1) -> list[JSON]:
        """Send text as user in chat; return the bot's replies in that chat."""
        before = len(self.server.sent_messages(chat["id"]))
        self.server.user_sends(chat, user, text)
        messages = await self.server.wait_for_messages(before + replies, chat_id=chat["id"])
        return messages[before:]

    async def press(
        self, user: JSON, chat: JSON, message: JSON, data: str, replies: int = 1
    ) -> list[JSON]:
        """Press an inline button (or forge one: data is sent as given)."""
        before = len(self.server.sent_messages(chat["id"]))
        self.server.press_button(chat, user, message["message_id"], data)
        messages = await self.server.wait_for_messages(before + replies, chat_id=chat["id"])
        return messages[before:]

    async def alert(self, user: JSON, chat: JSON, message: JSON, data: str) -> str:
        """Press a button that the bot answers with a pop-up; return the pop-up's text."""
        query = self.server.press_button(chat, user, message["message_id"], data)
        answer = await self.server.wait_for_answer(query["id"])
        return str(answer.get("text", ""))

    async def invite(self, agency: str | None, role: Role = Role.STAFF, days: int = 7) -> str:
        async with self.database.session() as session:
            found = await agencies.find_agency(session=session, text=agency) if agency else None
            return await access.create_invite(
                session=session,
                agency_id=found.id if found else None,
                role=role,
                now=self.clock.now(),
                valid_for=timedelta(days=days),
            )

    async def register(
        self, user: JSON, chat: JSON, agency: str | None, role: Role = Role.STAFF
    ) -> None:
        """Register as users do: /start CODE in a private chat, /register CODE in a group."""
        code = await self.invite(agency, role)
        command = "/start" if chat["type"] == "private" else "/register"
        (reply,) = await self.say(user, chat, f"{command} {code}")
        assert reply["text"].startswith("✅"), reply["text"]

    async def add_task(
        self,
        text: str,
        lead: str,
        deadline: date | None,
        cooperating: tuple[str, ...] = (),
        recurrence: str | None = None,
    ) -> int:
        """A task of lead, due on deadline (the first period's, with a recurrence: "monthly")."""
        async with self.database.session() as session:
            task = await tasks.assign_task(
                session=session,
                text=text,
                lead=lead,
                cooperating=cooperating,
                deadline=deadline,
                recurrence=recurrence,
                now=self.clock.now(),
            )
            assert task.id is not None
            return task.id

    def reminders_in(self, chat: JSON) -> list[JSON]:
        """The digests the bot sent to a chat."""
        return [
            m for m in self.server.sent_messages(chat["id"]) if m.get("text", "").startswith("🔔")
        ]

    async def wait_for_refusal(self, status: int) -> None:
        """Wait until Telegram has refused one of the bot's messages with this HTTP status."""
        await self.server._wait_for(
            lambda: any(c.status == status for c in self.server.calls("sendMessage")), timeout=5
        )


class FloodWaits:
    """The rate limiter's flood waits, over when the test says rather than after Telegram's
    seconds: `asked` holds the seconds each one was to last, `begun` is set by the first."""

    def __init__(self, limiter: BaseRateLimiter[Any] | None) -> None:
        assert isinstance(limiter, ChatRateLimiter)
        limiter.sleep = self._wait
        self.asked: list[float] = []
        self.begun = asyncio.Event()
        self._over = asyncio.Event()

    async def _wait(self, seconds: float) -> None:
        self.asked.append(seconds)
        self.begun.set()
        await self._over.wait()

    def end(self) -> None:
        """End the flood waits that have begun, and let the later ones pass at once."""
        self._over.set()


def _fast_retries(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Tests wait milliseconds, not seconds, between tries of a failed send."""
    services_of(application).sweep.retry_delays = (0.01, 0.02)


@asynccontextmanager
async def running_bot(
    database_url: str,
    *,
    start: datetime,
    sweep_at_start: bool = False,
    coordinators: list[int] | None = None,
) -> AsyncIterator[Harness]:
    """A migrated database with the catalogue, a server, and the real Application polling it."""
    upgrade(database_url)
    clock = ManualClock(start, VIETNAM_TZ)
    database = Database(database_url)
    async with database.session() as session:
        await agencies.import_agencies(session=session, rows=CATALOGUE, now=clock.now())
    async with TelegramServer(TOKEN, bot_username="nhacviec_test_bot") as server:
        settings = Settings(
            telegram=TelegramSettings(token=TOKEN, base_url=server.base_url, timeout=1.0),
            database=DatabaseSettings(url=database_url),
            access=AccessSettings(coordinators=coordinators or []),
            bot=BotSettings(username="nhacviec_test_bot"),
        )
        application = build_application(settings, clock=clock, sweep_at_start=sweep_at_start)
        _fast_retries(application)
        stack = AsyncExitStack()
        await stack.enter_async_context(running(application))
        harness = Harness(server, database, clock, application, settings, stack)
        try:
            yield harness
        finally:
            await harness.stack.aclose()
    await database.dispose()


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


@asynccontextmanager
async def linked(postgres_url: str) -> AsyncIterator[tuple[ThreadedLink, str]]:
    """The database behind a link the test can cut: the link, and the URL that goes through it."""
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


async def stop_service(process: asyncio.subprocess.Process) -> str:
    """SIGTERM, as systemd stops a service; wait for it to exit (kill it if it will not); its
    log."""
    try:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        await asyncio.wait_for(process.wait(), timeout=20)
    finally:
        if process.returncode is None:
            process.kill()
    _, err = await process.communicate()
    return err.decode()


async def finance_with_digest(
    bot: Harness,
    text: str = "Kế hoạch",
    *,
    due: date = date(2023, 3, 15),
    on: date = date(2023, 3, 8),
) -> tuple[JSON, JSON, JSON, int]:
    """Lan's finance group, registered, with the digest of one task that the morning `on`
    brought it: (Lan, the group, the digest, the task's id)."""
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    task = await bot.add_task(text, "STC", due)
    bot.at(on)
    await bot.sweep()
    (digest,) = bot.reminders_in(finance)
    return lan, finance, digest, task


async def health_then_finance(bot: Harness) -> tuple[JSON, JSON, JSON]:
    """Two groups registered, swept in this order: Minh's health group, with a task due on
    15/03/2023, then Lan's finance group, with none yet: (the health group, the finance group,
    Lan)."""
    lan, minh = bot.server.add_user("Lan"), bot.server.add_user("Minh")
    health = bot.server.add_group("Sở Y tế", [minh])
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(minh, health, "SYT")
    await bot.register(lan, finance, "STC")
    await bot.add_task("Kế hoạch tiêm chủng", "SYT", date(2023, 3, 15))
    return health, finance, lan
