"""The loopback Bot API server, driven by the real python-telegram-bot `Bot` and `Application`.

Each test shows one behaviour of `bot.telegram_server.TelegramServer` as a bot experiences it.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import struct
import time
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)
from telegram.request import HTTPXRequest

from bot.telegram_server import Fault, TelegramServer

Context = ContextTypes.DEFAULT_TYPE


@pytest.fixture
async def server() -> AsyncIterator[TelegramServer]:
    async with TelegramServer() as running:
        yield running


@pytest.fixture
async def bot(server: TelegramServer) -> AsyncIterator[Bot]:
    async with Bot(server.token, base_url=server.base_url, base_file_url=server.base_file_url) as b:
        yield b


@asynccontextmanager
async def polling_app(
    server: TelegramServer, *handlers: BaseHandler[Any, Any, Any]
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """A real Application, long-polling the server, with `handlers` installed."""
    app = (
        ApplicationBuilder()
        .token(server.token)
        .base_url(server.base_url)
        .base_file_url(server.base_file_url)
        .build()
    )
    for handler in handlers:
        app.add_handler(handler)
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0)
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


def private_chat(
    server: TelegramServer, name: str = "Lan"
) -> tuple[dict[str, Any], dict[str, Any]]:
    user = server.add_user(name, username=name.lower())
    return server.add_private_chat(user), user


def png(width: int, height: int) -> bytes:
    """A valid, blank greyscale PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x00" * width for _ in range(height)))
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# --- identity and routing ------------------------------------------------------------------------


async def test_get_me_introduces_the_bot(server: TelegramServer, bot: Bot) -> None:
    me = await bot.get_me()

    assert me.is_bot
    assert me.username == "nhacviec_test_bot"
    assert server.calls("getMe")[0].response["result"]["username"] == "nhacviec_test_bot"


async def test_a_wrong_token_is_unauthorized(server: TelegramServer) -> None:
    connection = HTTPXRequest()
    intruder = Bot("654321:WRONG", base_url=server.base_url, request=connection)

    try:
        with pytest.raises(InvalidToken):
            await intruder.get_me()
    finally:
        await connection.shutdown()
    assert server.requests[-1].status == 401
    assert server.requests[-1].response == {
        "ok": False,
        "error_code": 401,
        "description": "Unauthorized",
    }


async def test_an_unknown_method_is_not_found(bot: Bot, server: TelegramServer) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("sendHologram", api_kwargs={"chat_id": 1})
    assert server.requests[-1].status == 404


async def test_json_bodies_and_query_strings_are_accepted_too(server: TelegramServer) -> None:
    chat, _ = private_chat(server)
    markup = {"inline_keyboard": [[{"text": "Xong", "callback_data": "done:1"}]]}
    async with aiohttp.ClientSession() as http:
        url = f"{server.base_url}{server.token}"
        async with http.get(f"{url}/getMe") as response:
            assert (await response.json())["result"]["is_bot"] is True
        payload = {"chat_id": chat["id"], "text": "JSON", "reply_markup": markup}
        async with http.post(f"{url}/sendMessage", json=payload) as response:
            assert response.status == 200
        async with http.get(f"{url}/sendMessage", params={"chat_id": chat["id"], "text": "GET"}):
            pass

    assert [m["text"] for m in server.sent_messages(chat["id"])] == ["JSON", "GET"]
    assert server.sent_messages()[0]["reply_markup"] == markup


# --- users talking to the bot through a real Application -----------------------------------------


async def test_a_command_round_trip(server: TelegramServer) -> None:
    async def start(update: Update, context: Context) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"Xin chào! Mã: {' '.join(context.args or [])}")

    chat, user = private_chat(server)
    async with polling_app(server, CommandHandler("start", start)):
        sent = server.user_sends(chat, user, "/start ABC123")
        [reply] = await server.wait_for_messages(1, chat_id=chat["id"])

    assert sent["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert reply["text"] == "Xin chào! Mã: ABC123"
    assert reply["from"]["username"] == "nhacviec_test_bot"
    assert reply["message_id"] == sent["message_id"] + 1


async def test_commands_addressed_to_another_bot_are_not_ours(server: TelegramServer) -> None:
    async def due(update: Update, context: Context) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Nhiệm vụ tháng này: 0")

    user = server.add_user("Minh")
    group = server.add_group("Sở Tài chính", [user])
    async with polling_app(server, CommandHandler("due", due)):
        server.user_sends(group, user, "/due@some_other_bot")
        server.user_sends(group, user, "/due@nhacviec_test_bot")
        await server.wait_until_idle()

        assert [m["text"] for m in server.sent_messages(group["id"])] == ["Nhiệm vụ tháng này: 0"]


async def test_a_button_press_reaches_the_callback_handler(
    server: TelegramServer, bot: Bot
) -> None:
    async def tasks(update: Update, context: Context) -> None:
        assert update.effective_message is not None
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Xong", callback_data="done:12")]])
        await update.effective_message.reply_text("Nhiệm vụ 12", reply_markup=keyboard)

    async def done(update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Đã đóng")
        await query.edit_message_text(f"Nhiệm vụ 12 — hoàn thành ({query.data})")

    chat, user = private_chat(server)
    async with polling_app(server, CommandHandler("tasks", tasks), CallbackQueryHandler(done)):
        server.user_sends(chat, user, "/tasks")
        [card] = await server.wait_for_messages(1, chat_id=chat["id"])
        button = card["reply_markup"]["inline_keyboard"][0][0]
        query = server.press_button(chat, user, card["message_id"], button["callback_data"])
        await server.wait_until_idle()

        [card] = server.sent_messages(chat["id"])
        assert card["text"] == "Nhiệm vụ 12 — hoàn thành (done:12)"
        assert "reply_markup" not in card  # editing without reply_markup removes the keyboard
        assert server.callback_answers == {query["id"]: {"text": "Đã đóng"}}
    with pytest.raises(BadRequest, match="Query is too old"):  # a query is answered once
        await bot.answer_callback_query(query["id"])


async def test_wait_until_idle_waits_for_requests_in_flight(server: TelegramServer) -> None:
    async def report(update: Update, context: Context) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Đang lập báo cáo…")  # answered slowly
        await update.effective_message.reply_text("Báo cáo tháng 3")

    chat, user = private_chat(server)
    server.inject(Fault.timeout(0.3), method="sendMessage")
    async with polling_app(server, CommandHandler("report", report)):
        server.user_sends(chat, user, "/report")
        await server.wait_until_idle()

        assert [m["text"] for m in server.sent_messages(chat["id"])] == [
            "Đang lập báo cáo…",
            "Báo cáo tháng 3",
        ]


async def test_a_document_sent_by_a_user_can_be_downloaded(server: TelegramServer) -> None:
    async def receive(update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None and message.document is not None
        data = await (await message.document.get_file()).download_as_bytearray()
        await message.reply_text(f"{message.document.file_name}: {data.decode()}")

    chat, user = private_chat(server)
    async with polling_app(server, MessageHandler(filters.Document.ALL, receive)):
        server.user_sends_document(
            chat, user, "thong-bao.txt", "Thông báo kết luận".encode(), mime_type="text/plain"
        )
        [reply] = await server.wait_for_messages(1, chat_id=chat["id"])

    assert reply["text"] == "thong-bao.txt: Thông báo kết luận"
    assert len(server.downloads) == 1


# --- sending and editing -------------------------------------------------------------------------


async def test_the_bot_uploads_a_document_and_a_photo(server: TelegramServer, bot: Bot) -> None:
    chat, _ = private_chat(server)

    caption = "<b>Báo cáo</b>"
    excel = b"PK\x03\x04 excel"
    document = await bot.send_document(
        chat["id"], excel, filename="bao-cao.xlsx", caption=caption, parse_mode=ParseMode.HTML
    )
    photo = await bot.send_photo(chat["id"], png(3, 2), filename="chart.png")

    assert document.document is not None and document.document.file_name == "bao-cao.xlsx"
    assert document.caption == "Báo cáo"
    assert document.caption_entities == (MessageEntity(MessageEntity.BOLD, 0, 7),)
    upload = server.calls("sendDocument")[0].params["document"]  # an UploadedFile
    assert (upload.file_name, upload.size) == ("bao-cao.xlsx", len(excel))
    assert (photo.photo[-1].width, photo.photo[-1].height) == (3, 2)
    downloaded = await (await bot.get_file(document.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == excel


async def test_a_photo_must_be_an_image(server: TelegramServer, bot: Bot) -> None:
    chat, _ = private_chat(server)

    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(chat["id"], b"not an image", filename="x.png")


async def test_sending_to_an_unknown_chat_fails(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "Alo")


async def test_empty_and_too_long_texts_are_refused(server: TelegramServer, bot: Bot) -> None:
    chat, _ = private_chat(server)

    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(chat["id"], "   \n")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(chat["id"], "a" * 4097)
    # The limit counts the text after entity parsing, not the markup.
    await bot.send_message(chat["id"], f"<b>{'a' * 4096}</b>", parse_mode=ParseMode.HTML)
    assert len(server.sent_messages(chat["id"])[0]["text"]) == 4096


async def test_html_becomes_text_and_entities(server: TelegramServer, bot: Bot) -> None:
    chat, _ = private_chat(server)

    message = await bot.send_message(
        chat["id"],
        '🔔 <b>Hạn:</b> 15/3/2023 &lt;gấp&gt; <a href="https://example.vn/nv?id=12">chi tiết</a>',
        parse_mode=ParseMode.HTML,
    )

    assert message.text == "🔔 Hạn: 15/3/2023 <gấp> chi tiết"
    bold, link = message.entities
    assert (bold.type, bold.offset, bold.length) == (MessageEntity.BOLD, 3, 4)  # 🔔 is 2 units
    assert message.parse_entity(bold) == "Hạn:"
    assert link.url == "https://example.vn/nv?id=12"
    assert message.parse_entity(link) == "chi tiết"


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        ("<p>Kính gửi</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("<b>Hạn: 15/3", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>Hạn</i>", 'Unmatched end tag at byte offset 8, expected "</b>", found "</i>"'),
        ("Hạn </b>", "Unexpected end tag at byte offset 6"),
        ("tiến độ < 50%", 'Unsupported start tag "" at byte offset 13'),
        ("Sở KH&ĐT", 'Unescaped "&" at byte offset 7'),
    ],
)
async def test_invalid_html_is_a_bad_request(
    server: TelegramServer, bot: Bot, markup: str, reason: str
) -> None:
    chat, _ = private_chat(server)

    with pytest.raises(BadRequest):
        await bot.send_message(chat["id"], markup, parse_mode=ParseMode.HTML)

    description = server.requests[-1].response["description"]
    assert description == f"Bad Request: can't parse entities: {reason}"
    assert server.sent_messages() == []


async def test_editing_checks_the_message_and_the_change(server: TelegramServer, bot: Bot) -> None:
    chat, _ = private_chat(server)
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Gia hạn", callback_data="extend:3")]])
    message = await bot.send_message(chat["id"], "Nhiệm vụ 3", reply_markup=keyboard)

    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "Nhiệm vụ 3", chat["id"], message.message_id, reply_markup=keyboard
        )
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("Nhiệm vụ 3", chat["id"], message.message_id + 99)
    await bot.edit_message_reply_markup(chat["id"], message.message_id, reply_markup=None)

    [current] = server.sent_messages(chat["id"])
    assert current["text"] == "Nhiệm vụ 3" and "reply_markup" not in current
    assert "edit_date" in current


async def test_callback_data_is_limited_to_64_bytes(server: TelegramServer, bot: Bot) -> None:
    chat, _ = private_chat(server)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("Xong", callback_data="đ" * 33)]])

    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(chat["id"], "Nhiệm vụ", reply_markup=too_long)


async def test_a_pop_up_is_limited_to_200_characters(server: TelegramServer, bot: Bot) -> None:
    """Telegram refuses an answer whose text is longer than 200 characters, and the query can
    still be answered (with a shorter text)."""
    chat, user = private_chat(server)
    await bot.send_message(
        chat["id"],
        "Nhiệm vụ 12",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Xong", callback_data="d:12")]]),
    )
    [card] = server.sent_messages(chat["id"])
    query = server.press_button(chat, user, card["message_id"], "d:12")

    with pytest.raises(BadRequest, match="Message_too_long"):
        await bot.answer_callback_query(query["id"], "đ" * 201, show_alert=True)
    assert await bot.answer_callback_query(query["id"], "đ" * 200, show_alert=True)
    assert server.callback_answers == {query["id"]: {"text": "đ" * 200, "show_alert": True}}


async def test_a_stale_callback_query_cannot_be_answered(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("4711")


async def test_bot_commands_are_validated_and_stored(bot: Bot) -> None:
    commands = [BotCommand("done", "Đóng nhiệm vụ"), BotCommand("due", "Hạn trong tháng")]
    await bot.set_my_commands(commands)

    assert await bot.get_my_commands() == tuple(commands)
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Xong", "Đóng nhiệm vụ")])
    with pytest.raises(BadRequest, match="Bot_command_description_invalid"):
        await bot.set_my_commands([BotCommand("done", "")])
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


# --- faults --------------------------------------------------------------------------------------


async def test_flood_control_raises_retry_after(
    server: TelegramServer, bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    chat, _ = private_chat(server)
    server.inject(Fault.retry_after(7), method="sendMessage")

    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(chat["id"], "Nhắc việc")

    assert raised.value.retry_after == dtm.timedelta(seconds=7)
    assert server.requests[-1].response["parameters"] == {"retry_after": 7}
    assert server.sent_messages() == []
    await bot.send_message(chat["id"], "Nhắc việc")  # the fault was used up
    assert len(server.sent_messages()) == 1


async def test_blocked_and_kicked_are_forbidden(server: TelegramServer, bot: Bot) -> None:
    chat, user = private_chat(server)
    group = server.add_group("UBND xã An Phú", [user])
    server.inject(Fault.blocked(), chat_id=chat["id"])

    await bot.send_message(group["id"], "Nhắc việc")  # the fault is for the private chat only
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(chat["id"], "Nhắc việc")
    server.inject(Fault.kicked(), chat_id=group["id"], times=2)
    for _ in range(2):
        with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
            await bot.send_message(group["id"], "Nhắc việc")
    await bot.send_message(group["id"], "Nhắc việc")
    assert [m["chat"]["id"] for m in server.sent_messages()] == [group["id"], group["id"]]


async def test_server_errors_and_bad_gateways_are_network_errors(
    server: TelegramServer, bot: Bot
) -> None:
    chat, _ = private_chat(server)
    server.inject(Fault.server_error())
    server.inject(Fault.bad_gateway())

    with pytest.raises(NetworkError, match="Internal Server Error"):
        await bot.send_message(chat["id"], "1")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(chat["id"], "2")
    assert [request.status for request in server.calls("sendMessage")] == [500, 502]


async def test_a_slow_answer_times_out_but_the_message_was_sent(
    server: TelegramServer, bot: Bot
) -> None:
    chat, _ = private_chat(server)
    server.inject(Fault.timeout(3.0), method="sendMessage")

    with pytest.raises(TimedOut):
        await bot.send_message(chat["id"], "Nhắc việc", read_timeout=0.2)

    [message] = await server.wait_for_messages(1, chat_id=chat["id"])
    assert message["text"] == "Nhắc việc"


async def test_a_migrated_group_answers_with_its_new_id(server: TelegramServer, bot: Bot) -> None:
    user = server.add_user("Hùng")
    group = server.add_group("Sở Xây dựng", [user])
    supergroup = server.migrate_to_supergroup(group["id"])

    with pytest.raises(ChatMigrated) as raised:
        await bot.send_message(group["id"], "Nhắc việc")

    assert raised.value.new_chat_id == supergroup["id"]
    assert str(supergroup["id"]).startswith("-100")
    await bot.send_message(raised.value.new_chat_id, "Nhắc việc")
    assert [m["chat"]["id"] for m in server.sent_messages()] == [supergroup["id"]]
    migration_notices = [u.message for u in await bot.get_updates() if u.message]
    assert [m.migrate_to_chat_id for m in migration_notices] == [supergroup["id"], None]
    assert [m.migrate_from_chat_id for m in migration_notices] == [None, group["id"]]


# --- getting updates -----------------------------------------------------------------------------


async def test_long_polling_holds_the_request_until_an_update_arrives(
    server: TelegramServer, bot: Bot
) -> None:
    chat, user = private_chat(server)
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await server.wait_for_poller()
    assert not poll.done()

    started = time.monotonic()
    server.user_sends(chat, user, "chào bot")
    [update] = await poll

    assert time.monotonic() - started < 5
    assert update.message is not None and update.message.text == "chào bot"
    assert await bot.get_updates(timeout=0) == (update,)  # not confirmed yet: delivered again
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_an_empty_long_poll_ends_after_its_timeout(bot: Bot) -> None:
    started = time.monotonic()

    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 5


async def test_a_second_poller_terminates_the_first(server: TelegramServer, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=30))
    await server.wait_for_poller()
    async with Bot(server.token, base_url=server.base_url) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()

    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


async def test_webhook_delivery_with_secret_and_retry(server: TelegramServer, bot: Bot) -> None:
    received: list[tuple[str | None, dict[str, Any]]] = []
    arrived = asyncio.Event()

    async def hook(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        if len(received) == 1:
            return web.Response(status=500)  # the first delivery fails and is retried
        arrived.set()
        return web.Response()

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
        chat, user = private_chat(server)
        server.user_sends(chat, user, "/overdue")
        await asyncio.wait_for(arrived.wait(), 5)
        await server.wait_until_idle()

        with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
            await bot.get_updates()
        info = await bot.get_webhook_info()
    finally:
        await runner.cleanup()

    assert [secret for secret, _ in received] == ["s3cret", "s3cret"]
    assert received[0][1] == received[1][1]
    assert received[1][1]["message"]["text"] == "/overdue"
    assert info.url == f"http://127.0.0.1:{port}/hook"
    assert info.pending_update_count == 0
    assert info.last_error_message is not None and "500" in info.last_error_message
    await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == ()


async def test_wait_for_messages_explains_a_timeout(server: TelegramServer, bot: Bot) -> None:
    chat, _ = private_chat(server)
    await bot.send_message(chat["id"], "Một tin nhắn")

    with pytest.raises(TimeoutError) as raised:
        await server.wait_for_messages(2, chat_id=chat["id"], timeout=0.1)

    assert "expected at least 2 bot message(s)" in str(raised.value)
    assert "'Một tin nhắn'" in str(raised.value)
