"""`nhacviec demo`: the real bot, offline, on a local Telegram-compatible server, with a script.

In a throw-away database it loads an agency catalogue, registers a few chats by invite, lets
the coordinator send the sample conclusion notice to the bot and save the tasks it finds, then
moves the clock through January 2023 (Tết included) so that you see the morning reminders,
/due, /done, a button press, a refusal and /overdue.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

from bot.app import build_application
from bot.config import BotSettings, DatabaseSettings, Settings, TelegramSettings
from bot.lifecycle import run_daily_sweep_now, running
from bot.telegram_server import TelegramServer
from bot.texts import fmt_date
from storage import access, agencies, tasks
from storage.db import Database
from storage.migrate import upgrade
from storage.models import Role
from vncalendar import VIETNAM_TZ, ManualClock

SAMPLE = "thong-bao-ket-luan-2023.txt"
DEMO_TOKEN = "7000000001:demo-token-that-never-leaves-this-machine"
DEMO_BOT = "nhacviec_demo_bot"
START = datetime(2023, 1, 5, 9, 0, tzinfo=VIETNAM_TZ)

JSON = dict[str, Any]


def preview_save(preview: JSON) -> str:
    """The callback data of the preview's save button."""
    return str(preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"])


class Transcript:
    """Prints the conversation as it happens: what people type and what the bot answers."""

    def __init__(self, server: TelegramServer, chat_names: dict[int, str]) -> None:
        self.server = server
        self.chat_names = chat_names
        self.shown = 0

    def scene(self, clock: ManualClock, title: str) -> None:
        local = clock.now().astimezone(VIETNAM_TZ)
        print(f"\n━━ {fmt_date(local.date())} {local:%H:%M} · {title}")

    def says(self, who: JSON, chat: JSON, text: str) -> None:
        print(f"👤 {who['first_name']} ({self.chat_names[chat['id']]}): {text}")
        self.server.user_sends(chat, who, text)

    def opens_link(self, who: JSON, chat: JSON, code: str) -> None:
        """Opening t.me/<bot>?start=CODE makes Telegram send /start CODE in the private chat."""
        print(f"👤 {who['first_name']} mở link mời https://t.me/{DEMO_BOT}?start={code}")
        self.server.user_sends(chat, who, f"/start {code}")

    def sends(self, who: JSON, chat: JSON, name: str, content: bytes) -> None:
        print(f"📎 {who['first_name']} ({self.chat_names[chat['id']]}) gửi tệp {name}")
        self.server.user_sends_document(chat, who, name, content)

    async def replies_until_buttons(self) -> list[JSON]:
        """Bot messages up to one with buttons (a long preview comes in parts)."""
        shown: list[JSON] = []
        while not shown or "reply_markup" not in shown[-1]:
            shown += await self.replies(1)
        return shown

    def presses(self, who: JSON, chat: JSON, message: JSON, data: str) -> None:
        label = next(
            b["text"]
            for row in message["reply_markup"]["inline_keyboard"]
            for b in row
            if b.get("callback_data") == data
        )
        print(f"👆 {who['first_name']} ({self.chat_names[chat['id']]}) bấm [{label}]")
        self.server.press_button(chat, who, message["message_id"], data)

    async def replies(self, count: int) -> list[JSON]:
        """Wait for count more bot messages and print them."""
        messages = await self.server.wait_for_messages(self.shown + count, timeout=15)
        new = messages[self.shown :]
        self.shown = len(messages)
        for message in new:
            where = self.chat_names.get(message["chat"]["id"], str(message["chat"]["id"]))
            body = "\n   ".join(message.get("text", "").splitlines())
            print(f"🤖 → {where}:\n   {body}")
            # One line a row of buttons, as a phone shows them.
            for row in message.get("reply_markup", {}).get("inline_keyboard", []):
                print("   " + " ".join(f"[{button['text']}]" for button in row))
        return new

    def nothing_new(self) -> None:
        if len(self.server.sent_messages()) != self.shown:
            raise RuntimeError("the bot sent something it should not have")
        print("🤖 (không gửi gì thêm: nhắc việc hôm nay đã gửi rồi)")


def _demo_file(name: str) -> bytes:
    return (resources.files("bot") / "demo_data" / name).read_bytes()


async def _load_catalogue(database: Database, now: datetime) -> None:
    """What a coordinator does first: load the province's agencies."""
    with resources.as_file(resources.files("bot") / "demo_data" / "agencies.csv") as catalogue:
        rows = agencies.read_catalogue(Path(catalogue))
    async with database.session() as session:
        await agencies.import_agencies(session=session, rows=rows, now=now)


async def _task_of(database: Database, agency: str) -> int:
    """The number of the first open task of an agency (the ids depend on what was imported)."""
    async with database.session() as session:
        found = await agencies.find_agency(session=session, text=agency)
        (first, *_) = await tasks.open_tasks(session=session, agency_id=found.id)
    return first.id


async def _invite(database: Database, agency: str | None, role: Role, now: datetime) -> str:
    async with database.session() as session:
        found = await agencies.find_agency(session=session, text=agency) if agency else None
        return await access.create_invite(
            session=session,
            agency_id=found.id if found else None,
            role=role,
            now=now,
            valid_for=timedelta(days=7),
        )


async def demo(folder: Path) -> None:
    clock = ManualClock(START, VIETNAM_TZ)
    async with TelegramServer(DEMO_TOKEN, bot_username=DEMO_BOT) as server:
        settings = Settings(
            telegram=TelegramSettings(token=DEMO_TOKEN, base_url=server.base_url),
            database=DatabaseSettings(url=f"sqlite:///{folder / 'demo.db'}"),
            bot=BotSettings(username=DEMO_BOT),
        )
        upgrade(settings.database_url)
        seed_db = Database(settings.database_url)
        await _load_catalogue(seed_db, clock.now())
        codes = {
            "finance": await _invite(seed_db, "Sở Tài chính", Role.STAFF, clock.now()),
            "health": await _invite(seed_db, "Sở Y tế", Role.HEAD, clock.now()),
            "army": await _invite(seed_db, "BCHQS tỉnh", Role.STAFF, clock.now()),
            "office": await _invite(seed_db, None, Role.COORDINATOR, clock.now()),
        }

        lan = server.add_user("Lan", username="lan_stc")
        hung = server.add_user("Hùng", username="gd_syt")
        minh = server.add_user("Minh", username="minh_bchqs")
        bang = server.add_user("Bằng", username="cvp_ubnd")
        stranger = server.add_user("Người lạ")
        finance = server.add_group("Sở Tài chính — theo dõi nhiệm vụ", [lan])
        army = server.add_group("BCHQS tỉnh — văn phòng", [minh])
        hung_chat, bang_chat, stranger_chat = (
            server.add_private_chat(u) for u in (hung, bang, stranger)
        )
        show = Transcript(
            server,
            {
                finance["id"]: "nhóm Sở Tài chính",
                army["id"]: "nhóm BCHQS tỉnh",
                hung_chat["id"]: "riêng: GĐ Sở Y tế",
                bang_chat["id"]: "riêng: Chánh VP UBND tỉnh",
                stranger_chat["id"]: "riêng: người lạ",
            },
        )
        application = build_application(settings, clock=clock, sweep_at_start=False)
        async with running(application):
            show.scene(clock, "Các đơn vị mở mã mời của Văn phòng UBND tỉnh")
            show.says(lan, finance, f"/register {codes['finance']}")
            await show.replies(1)
            show.opens_link(hung, hung_chat, codes["health"])
            await show.replies(1)
            show.says(minh, army, f"/register {codes['army']}")
            await show.replies(1)
            show.opens_link(bang, bang_chat, codes["office"])
            await show.replies(1)
            show.says(stranger, stranger_chat, "/tasks")
            await show.replies(1)
            show.says(stranger, stranger_chat, f"/start {codes['finance']}")
            await show.replies(1)

            show.scene(clock, "Chánh Văn phòng gửi Thông báo kết luận cho bot")
            show.sends(bang, bang_chat, SAMPLE, _demo_file(SAMPLE))
            *_, preview = await show.replies_until_buttons()
            show.presses(bang, bang_chat, preview, preview_save(preview))
            await show.replies(1)
            plan = await _task_of(seed_db, "STC")
            army_task = await _task_of(seed_db, "BCHQS tỉnh")

            clock.set(datetime(2023, 1, 19, 8, 0, tzinfo=VIETNAM_TZ))
            show.scene(
                clock,
                "08:00, ngày làm việc cuối trước Tết Quý Mão: mốc nhắc 7 ngày trước hạn (24/01) "
                "rơi vào Tết nên nhắc sớm",
            )
            await run_daily_sweep_now(application)
            await show.replies(3)
            show.says(lan, finance, "/due")
            await show.replies(1)
            show.says(lan, finance, f"/done {plan} đã trình UBND tỉnh ban hành Kế hoạch")
            await show.replies(1)
            show.says(hung, hung_chat, f"/done {plan}")
            await show.replies(1)
            await run_daily_sweep_now(application)
            await server.wait_until_idle()
            show.nothing_new()

            clock.set(datetime(2023, 1, 27, 8, 0, tzinfo=VIETNAM_TZ))
            show.scene(
                clock,
                "08:00, ngày đầu đi làm sau Tết: mốc nhắc 3 ngày trước hạn (28/01) là thứ Bảy nên "
                "nhắc sớm một ngày",
            )
            await run_daily_sweep_now(application)
            *_, digest_army = await show.replies(3)
            show.presses(minh, army, digest_army, f"done:{army_task}")
            await show.replies(1)

            clock.set(datetime(2023, 2, 1, 8, 0, tzinfo=VIETNAM_TZ))
            show.scene(clock, "08:00, hạn đã qua: nhắc các nhiệm vụ quá hạn")
            await run_daily_sweep_now(application)
            await show.replies(2)
            show.says(bang, bang_chat, "/overdue")
            await show.replies(1)
        await seed_db.dispose()
    address = server.base_url.rsplit("/", 1)[0]
    print(f"\nXong: bot thật, chạy trên máy chủ Telegram giả lập tại {address}.")
    print("Chạy thật: đặt NHACVIEC_TELEGRAM_TOKEN rồi `nhacviec run` (xem README).")


def run_demo(*, verbose: bool = False) -> int:
    """Run the scripted demo in a temporary folder; never touches the user's database."""
    logging.getLogger().setLevel(logging.DEBUG if verbose else logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="nhacviec-demo-") as folder:
        asyncio.run(demo(Path(folder)))
    return 0
