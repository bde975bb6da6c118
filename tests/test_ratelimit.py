"""The rate limiter: a flood wait holds back the chat Telegram gave it for, not the whole bot."""

from __future__ import annotations

import asyncio

import pytest
from telegram.error import RetryAfter

from bot.ratelimit import ChatKey, ChatRateLimiter
from tests.harness import FloodWaits

BUSY_GROUP = -1001234567890
OTHER_GROUP = -1009876543210
PRIVATE_CHAT = 123456789


class FakeTelegram:
    """Requests passed through the limiter: what each was for, as delivered, and Telegram's
    flood waits of 30 s for as many requests of a chat as the test sets."""

    def __init__(self, limiter: ChatRateLimiter) -> None:
        self.limiter = limiter
        self.delivered: list[ChatKey] = []
        self.refusals: dict[ChatKey, int] = {}

    async def request(self, chat: ChatKey) -> None:
        """sendMessage to the chat; with none, answerCallbackQuery (a request without a chat)."""

        async def call_telegram() -> bool:
            if self.refusals.get(chat):
                self.refusals[chat] -= 1
                raise RetryAfter(30)
            self.delivered.append(chat)
            return True

        data: dict[str, object]
        if chat is None:
            endpoint, data = "answerCallbackQuery", {"callback_query_id": "4242"}
        else:
            endpoint, data = "sendMessage", {"chat_id": chat, "text": "Nhắc việc"}
        await self.limiter.process_request(call_telegram, (), {}, endpoint, data, None)


@pytest.fixture
def limiter() -> ChatRateLimiter:
    return ChatRateLimiter(max_retries=3)


async def test_a_flood_wait_holds_back_only_the_chat_it_was_given_for(
    limiter: ChatRateLimiter,
) -> None:
    telegram, flood_waits = FakeTelegram(limiter), FloodWaits(limiter)
    telegram.refusals[BUSY_GROUP] = 1
    refused = asyncio.ensure_future(telegram.request(BUSY_GROUP))
    await flood_waits.begun.wait()

    next_in_busy_group = asyncio.ensure_future(telegram.request(BUSY_GROUP))
    async with asyncio.timeout(5):  # a guard: held back, they would wait for ever
        await telegram.request(PRIVATE_CHAT)
        await telegram.request(OTHER_GROUP)
        await telegram.request(None)
    await asyncio.sleep(0)  # the busy group's next message has had its turn
    assert telegram.delivered == [PRIVATE_CHAT, OTHER_GROUP, None]

    flood_waits.end()
    await asyncio.gather(refused, next_in_busy_group)
    assert telegram.delivered[3:] == [BUSY_GROUP, BUSY_GROUP]
    assert flood_waits.asked == [pytest.approx(30.1)]  # Telegram's seconds, and a margin


async def test_a_flood_wait_of_a_request_without_a_chat_holds_back_every_chat(
    limiter: ChatRateLimiter,
) -> None:
    telegram, flood_waits = FakeTelegram(limiter), FloodWaits(limiter)
    telegram.refusals[None] = 1
    refused = asyncio.ensure_future(telegram.request(None))
    await flood_waits.begun.wait()

    waiting = asyncio.ensure_future(telegram.request(PRIVATE_CHAT))
    await asyncio.sleep(0)  # it has had its turn
    assert telegram.delivered == []

    flood_waits.end()
    await asyncio.gather(refused, waiting)
    assert telegram.delivered == [None, PRIVATE_CHAT]


async def test_after_three_tries_again_the_flood_wait_goes_up_to_the_caller(
    limiter: ChatRateLimiter,
) -> None:
    telegram, flood_waits = FakeTelegram(limiter), FloodWaits(limiter)
    flood_waits.end()
    telegram.refusals[BUSY_GROUP] = 5

    with pytest.raises(RetryAfter):
        await telegram.request(BUSY_GROUP)

    assert len(flood_waits.asked) == 3
    assert telegram.refusals[BUSY_GROUP] == 1  # the first try and three more were refused
    assert telegram.delivered == []
