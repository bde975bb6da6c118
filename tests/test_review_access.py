"""Adversarial review: who sees and changes what (invites, registrations, callers, logs)."""

from __future__ import annotations

import io
import logging
from collections.abc import AsyncIterator
from datetime import date, datetime

import pytest

from bot.logs import setup_logging
from storage.models import Role, Task
from tests.harness import JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday
DEADLINE = date(2023, 3, 15)
COORDINATOR_ID = 777_000_001
# Telegram's user for messages an anonymous group administrator sends "as the group".
GROUP_ANONYMOUS_BOT = {
    "id": 1087968824,
    "is_bot": True,
    "first_name": "Group",
    "username": "GroupAnonymousBot",
}


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=START, coordinators=[COORDINATOR_ID]) as harness:
        yield harness


def _forward(bot: Harness, chat: JSON, user: JSON, original: JSON) -> JSON:
    """`user` forwards `original` (a message of someone else's) into `chat`, as Telegram does:
    the text and its entities are kept, with forward_origin naming the original sender."""
    server = bot.server
    state = server._chat_for_user(chat, user)
    message = server._new_message(
        state,
        **{"from": user},
        text=original["text"],
        entities=original.get("entities", []),
        forward_origin={
            "type": "user",
            "sender_user": original["from"],
            "date": original["date"],
        },
        forward_date=original["date"],
    )
    server._queue_update({"message": message})
    return message


async def test_a_forwarded_done_command_does_not_close_the_task_again(bot: Harness) -> None:
    """Now a coordinator who forwards an agency's old "/done 12" message to the bot (to ask
    about it) closes task 12 again in his own name; a forwarded message is someone else's words,
    not a command of the forwarder, and must change nothing."""
    lan = bot.server.add_user("Lan")
    bang = bot.server.add_user("Bằng", user_id=COORDINATOR_ID)
    finance = bot.server.add_group("Sở Tài chính", [lan])
    office = bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    plan = await bot.add_task("Ban hành Kế hoạch", "STC", DEADLINE)

    before = len(bot.server.sent_messages(finance["id"]))
    original = bot.server.user_sends(finance, lan, f"/done {plan} đã trình")
    await bot.server.wait_for_messages(before + 1, chat_id=finance["id"])
    (undone,) = await bot.say(lan, finance, f"/undo {plan}")  # closed by mistake: reopened
    assert str(plan) in undone["text"], undone["text"]

    _forward(bot, office, bang, original)
    # Updates are handled in order: once this reply is in, the forward has been seen.
    await bot.say(bang, office, "/help")
    await bot.server.wait_until_idle()

    async with bot.database.session() as session:
        task = await session.get(Task, plan)
    assert task is not None and task.status == "open", "a forwarded /done closed the task"
    texts = [m.get("text", "") for m in bot.server.sent_messages(office["id"])]
    assert not any(t.startswith("✅ Đã đánh dấu") for t in texts), texts


async def test_a_refused_invite_code_that_stays_valid_is_not_in_the_debug_log(
    sqlite_url: str,
) -> None:
    """Now with --verbose (DEBUG) the log holds "/register CODE" of a code the bot refused
    (typed in a group registered to another agency), which stays unused and valid for a week:
    anyone who reads the log can take the agency's chat. Invite codes must be redacted."""
    stream = io.StringIO()
    setup_logging(logging.DEBUG)
    logging.getLogger().handlers[0].setStream(stream)  # type: ignore[attr-defined]
    try:
        async with running_bot(sqlite_url, start=START) as bot:
            lan = bot.server.add_user("Lan")
            finance = bot.server.add_group("Sở Tài chính", [lan])
            await bot.register(lan, finance, "STC")
            code = await bot.invite("SYT")
            (refused,) = await bot.say(lan, finance, f"/register {code}")
            assert "Sở Tài chính" in refused["text"], refused["text"]  # registered elsewhere
            await bot.server.wait_until_idle()
    finally:
        logging.getLogger().handlers.clear()
        logging.getLogger().setLevel(logging.WARNING)
    logged = stream.getvalue()
    assert "getUpdates" in logged  # PTB logged the updates it fetched...
    assert code not in logged  # ...but not the code, still usable


async def test_an_anonymous_admin_registering_does_not_make_telegrams_shared_user_a_coordinator(
    bot: Harness,
) -> None:
    """Now /register CODE with a coordinators' invite, sent by an anonymous administrator of
    the coordinators' group, makes Telegram's shared GroupAnonymousBot user (1087968824) a
    coordinator: every notice to the coordinators (an extension request here) is also sent to
    that user, and fails, and is retried. Only the group should be registered."""
    lan = bot.server.add_user("Lan")
    bang = bot.server.add_user("Bằng", user_id=COORDINATOR_ID)
    finance = bot.server.add_group("Sở Tài chính", [lan])
    office = bot.server.add_group("Văn phòng UBND tỉnh", [bang, GROUP_ANONYMOUS_BOT])
    await bot.register(lan, finance, "STC")
    plan = await bot.add_task("Báo cáo quý I", "STC", DEADLINE)
    code = await bot.invite(None, Role.COORDINATOR)
    state = bot.server._chat_for_user(office, GROUP_ANONYMOUS_BOT)
    message = bot.server._new_message(
        state,
        **{"from": GROUP_ANONYMOUS_BOT},
        sender_chat=dict(office),
        text=f"/register {code}",
        entities=[{"type": "bot_command", "offset": 0, "length": len("/register")}],
    )
    before = len(bot.server.sent_messages(office["id"]))
    bot.server._queue_update({"message": message})
    (registered,) = (await bot.server.wait_for_messages(before + 1, chat_id=office["id"]))[before:]
    assert registered["text"].startswith("✅"), registered["text"]

    await bot.say(lan, finance, f"/extend {plan} 31/03/2023 chờ số liệu")
    await bot.server.wait_for_messages(before + 2, chat_id=office["id"])  # the group is told
    await bot.server.wait_until_idle()

    targets = [c.params["chat_id"] for c in bot.server.calls("sendMessage")]
    assert GROUP_ANONYMOUS_BOT["id"] not in targets, targets


async def test_an_invite_code_pasted_alone_in_a_private_chat_gets_an_answer(bot: Harness) -> None:
    """The command line prints "Mã: CODE" for the coordinator to pass on; someone who opens the
    bot and pastes just the code now hears nothing at all. The bot should answer: register them,
    or say to type /start CODE (or open the link)."""
    hung = bot.server.add_user("Hùng")
    private = bot.server.add_private_chat(hung)
    code = await bot.invite("SYT", Role.HEAD)

    replies = await bot.say(hung, private, code)

    assert replies and replies[0]["text"], replies


async def test_a_renamed_group_is_named_as_it_is_now_when_the_coordinators_are_told(
    bot: Harness,
) -> None:
    """A group registered as "Tổ theo dõi Sở KH&ĐT", then renamed after the 2025 merger, is
    named by its old title when the bot is removed from it: the coordinators look for a group
    that no longer exists. They should read the group's current title."""
    lan = bot.server.add_user("Lan")
    bang = bot.server.add_user("Bằng", user_id=COORDINATOR_ID)
    office = bot.server.add_private_chat(bang)
    finance = bot.server.add_group("Tổ theo dõi Sở KH&ĐT", [lan])
    await bot.register(lan, finance, "STC")

    state = bot.server._chat_for_user(finance, lan)
    state.info["title"] = "Tổ theo dõi Sở Tài chính"
    renamed = bot.server._new_message(
        state, **{"from": lan}, new_chat_title="Tổ theo dõi Sở Tài chính"
    )
    bot.server._queue_update({"message": renamed})
    await bot.server.wait_until_idle()

    bot.server.remove_bot(finance, removed_by=lan)
    (alert,) = await bot.server.wait_for_messages(1, chat_id=office["id"])

    assert alert["text"].startswith("⚠️"), alert["text"]
    assert "“Tổ theo dõi Sở Tài chính”" in alert["text"], alert["text"]
