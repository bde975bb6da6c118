"""The rate limiter: python-telegram-bot's throttling, with a flood wait holding back one chat."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from bot.delivery import flood_wait

log = logging.getLogger(__name__)

Answer = bool | dict[str, Any] | list[dict[str, Any]]
# A request's chat (an id, or a channel's "@username"), or EVERY_CHAT for a request without one.
ChatKey = int | str | None
EVERY_CHAT: ChatKey = None
# Telegram counts its wait in whole seconds: a try right on the second may be refused again.
MARGIN = 0.1


@dataclass
class _Hold:
    """A chat (or the whole bot) held back while `waiting` requests wait out flood waits."""

    released: asyncio.Event = field(default_factory=asyncio.Event)
    waiting: int = 0


class ChatRateLimiter(AIORateLimiter):
    """AIORateLimiter's throttling (30 messages a second overall, 20 a minute in a group), but a
    flood wait (429 RetryAfter) holds back only the chat Telegram gave it for, and the whole bot
    only when the refused request had no chat: AIORateLimiter holds every request, so one busy
    group's minute-long wait would keep every other chat's replies and reminders waiting.
    Telegram's flood waits for a chat's limit are that chat's; the bot-wide limit is kept by the
    throttling. After `max_retries` tries again, the RetryAfter goes up to the caller."""

    def __init__(self, max_retries: int) -> None:
        # The parent makes one try per call: the flood waits, and the tries again, are ours.
        super().__init__(max_retries=0)
        self.max_retries = max_retries
        # How a flood wait is waited out; tests end one when they choose.
        self.sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
        self._holds: dict[ChatKey, _Hold] = {}

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Answer]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Answer:
        """Send the request when its chat and the bot are not held back, throttled by the parent;
        on a flood wait, hold its chat back for the time Telegram asked, then try again."""
        chat = _chat_of(data)
        # What PTB passes is the rate_limit_args= of the bot method's call, if any: how many
        # times to try again (none of ours passes it).
        tries_left = rate_limit_args or self.max_retries
        while True:
            await self._wait_until_released(chat)
            answer = await self._try_once(lambda: callback(*args, **kwargs), endpoint, data)
            if not isinstance(answer, RetryAfter):
                return answer
            if not tries_left:
                raise answer
            tries_left -= 1
            wait = flood_wait(answer) + MARGIN
            log.info("flood wait in chat %s: trying again in %.1f s", chat, wait)
            await self._hold(chat, wait)

    async def _try_once(
        self, send: Callable[[], Awaitable[Answer]], endpoint: str, data: dict[str, Any]
    ) -> Answer | RetryAfter:
        """One try, throttled by the parent; a flood wait is returned, not raised: seeing it, the
        parent would hold every chat back."""
        refusal: RetryAfter | None = None

        async def call() -> Answer:
            nonlocal refusal
            try:
                return await send()
            except RetryAfter as error:
                refusal = error
                return False  # ignored: the refusal is returned instead

        answer = await super().process_request(call, (), {}, endpoint, data, None)
        return answer if refusal is None else refusal

    async def _wait_until_released(self, chat: ChatKey) -> None:
        """Return when neither the chat nor the whole bot is held back."""
        while held := [h for key in {chat, EVERY_CHAT} if (h := self._holds.get(key))]:
            await held[0].released.wait()

    async def _hold(self, chat: ChatKey, seconds: float) -> None:
        """Hold the chat's requests (with EVERY_CHAT, all requests) back for that long."""
        hold = self._holds.setdefault(chat, _Hold())
        hold.waiting += 1
        try:
            await self.sleep(seconds)
        finally:
            hold.waiting -= 1
            if not hold.waiting:
                del self._holds[chat]
                hold.released.set()


def _chat_of(data: dict[str, Any]) -> ChatKey:
    """The request's chat, the same for an id given as a number or as digits, as the parent
    reads it for its throttling."""
    chat = data.get("chat_id")
    with contextlib.suppress(ValueError, TypeError):
        return int(chat)  # type: ignore[arg-type]
    return chat if isinstance(chat, str) else EVERY_CHAT
