"""Adversarial review: who may see and change an agency's tasks, end to end."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, datetime

import pytest

from storage import access
from storage.models import Role
from tests.harness import JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday
DEADLINE = date(2023, 3, 15)
RESUMED = "✅ Bạn đã mở lại bot"
NOT_REGISTERED = "Cuộc trò chuyện này chưa được đăng ký với đơn vị nào"


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=START) as harness:
        yield harness


async def _answers(bot: Harness, user: JSON, chat: JSON, text: str) -> str:
    """The bot's answer to a command in chat, after the notice that the chat was resumed."""
    before = len(bot.server.sent_messages(chat["id"]))
    bot.server.user_sends(chat, user, text)
    for _ in range(100):
        said = [m.get("text", "") for m in bot.server.sent_messages(chat["id"])[before:]]
        answers = [t for t in said if not t.startswith(RESUMED)]
        if answers:
            return "\n".join(answers)
        await asyncio.sleep(0.05)
    raise TimeoutError(f"no answer to {text}: {said}")


async def _pause(bot: Harness, telegram_id: int) -> None:
    """What the sweep does when Telegram refuses a reminder there (blocked, removed, muted)."""
    async with bot.database.session() as session:
        assert await access.pause_chat(session=session, telegram_id=telegram_id) is not None
        await session.commit()


async def test_a_head_who_left_the_group_while_his_chat_was_paused_gets_nothing_back(
    bot: Harness,
) -> None:
    """A head registered in private, who had blocked the bot (his chat paused), leaves the
    agency's group: his registration ends, his private chat with it. Once he writes to the bot
    again, the chat resumes, and must not speak for the agency he left."""
    lan, hung = bot.server.add_user("Lan"), bot.server.add_user("Hùng")
    finance = bot.server.add_group("Sở Tài chính", [lan, hung])
    hung_chat = bot.server.add_private_chat(hung)
    await bot.register(lan, finance, "STC")
    await bot.register(hung, hung_chat, "STC", Role.HEAD)
    await bot.add_task("Báo cáo tài chính mật", "STC", DEADLINE)

    await _pause(bot, hung["id"])  # Hùng blocked the bot
    bot.server.user_leaves(finance, hung, removed_by=lan)  # and is removed from the agency
    await bot.server.wait_until_idle()

    listing = await _answers(bot, hung, hung_chat, "/tasks")
    assert "Báo cáo tài chính mật" not in listing
    assert NOT_REGISTERED in listing


async def test_a_member_removed_by_the_operator_while_his_chat_was_paused_stays_removed(
    bot: Harness,
) -> None:
    """remove_member (nhacviec members remove) ends a person's registration and what their
    private chat speaks for; a paused private chat must not keep its agency to resume with."""
    hung = bot.server.add_user("Hùng")
    hung_chat = bot.server.add_private_chat(hung)
    await bot.register(hung, hung_chat, "STC", Role.HEAD)
    await bot.add_task("Báo cáo tài chính mật", "STC", DEADLINE)

    await _pause(bot, hung["id"])  # Hùng blocked the bot
    async with bot.database.session() as session:
        await access.remove_member(session=session, user_id=hung["id"])
        await session.commit()

    listing = await _answers(bot, hung, hung_chat, "/tasks")
    assert "Báo cáo tài chính mật" not in listing
    assert NOT_REGISTERED in listing


async def test_a_member_removed_from_a_group_where_the_bot_is_muted_loses_the_agency(
    bot: Harness,
) -> None:
    """The bot may not post in the agency's group (paused, still registered: it resumes when
    the right is given back). Someone removed from it meanwhile must lose the agency as from a
    group where the bot may post: in their private chat they no longer see its tasks."""
    lan, hung = bot.server.add_user("Lan"), bot.server.add_user("Hùng")
    finance = bot.server.add_group("Sở Tài chính", [lan, hung])
    hung_chat = bot.server.add_private_chat(hung)
    await bot.register(hung, finance, "STC")  # Hùng registered the group: a member of STC
    await bot.add_task("Báo cáo tài chính mật", "STC", DEADLINE)

    bot.server.restrict_bot(finance, lan)  # the bot is muted there: the chat is paused
    await bot.server.wait_until_idle()
    bot.server.user_leaves(finance, hung, removed_by=lan)
    await bot.server.wait_until_idle()

    (listing,) = await bot.say(hung, hung_chat, "/tasks")
    assert "Báo cáo tài chính mật" not in listing["text"]
    assert NOT_REGISTERED in listing["text"]


async def test_a_coordinator_removed_from_the_office_while_his_chat_was_paused_sees_nothing(
    bot: Harness,
) -> None:
    """The same with a coordinator's private chat: removed from the coordinators' group while
    he had blocked the bot, he must not get every agency's tasks back by writing to it."""
    chi, bang = bot.server.add_user("Chi"), bot.server.add_user("Bằng")
    office = bot.server.add_group("Văn phòng UBND tỉnh", [chi, bang])
    bang_chat = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.register(bang, bang_chat, None, Role.COORDINATOR)
    await bot.add_task("Báo cáo tài chính mật", "STC", DEADLINE)

    await _pause(bot, bang["id"])  # Bằng blocked the bot
    bot.server.user_leaves(office, bang, removed_by=chi)
    await bot.server.wait_until_idle()

    listing = await _answers(bot, bang, bang_chat, "/tasks")
    assert "Báo cáo tài chính mật" not in listing
    assert NOT_REGISTERED in listing
