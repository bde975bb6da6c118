"""Sends a digest through Telegram, and turns Telegram's refusals into the sweep's terms."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Sequence
from datetime import date, timedelta

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter

from bot.texts import Texts
from jobs.sweep import ChatMoved, ChatUnavailable, Digest, TransientError
from storage.tasks import TaskView, open_period

# Telegram caps a keyboard at 100 buttons; the most urgent tasks come first and get theirs.
MAX_BUTTON_ROWS = 20
# Telegram's words for a chat that will not take our messages until people there act, and
# what the coordinators are told of it (bot.texts: "chat_lost_" + the kind). A 403 always means
# that; a 400 only with these words (a bad request otherwise is our own fault, and logged).
_UNAVAILABLE = (
    ("bot was kicked", "kicked"),
    ("bot is not a member", "kicked"),
    ("bot was blocked", "blocked"),
    # A private chat whose owner never opened the bot (a coordinator named in the configuration).
    ("bot can't initiate conversation", "not_started"),
    ("not enough rights to send", "muted"),
    ("have no rights to send", "muted"),
    ("chat_write_forbidden", "muted"),
    ("chat_restricted", "muted"),
    # A forum whose "General" topic was closed: nothing posted outside a topic gets in.
    ("topic_closed", "topic_closed"),
    ("chat not found", "gone"),
    ("group chat was deactivated", "gone"),
    ("user is deactivated", "gone"),
)


def why_unavailable(reason: str) -> str | None:
    """Which kind of lost chat Telegram's refusal describes: kicked, blocked, not_started, muted,
    topic_closed or gone."""
    reason = reason.lower()
    return next((kind for words, kind in _UNAVAILABLE if words in reason), None)


def done_data(view: TaskView) -> str:
    """The ✅ button's data: the task, and for a recurring one the period it was sent for (its
    schedule's deadline, at most 24 bytes): pressed once that period has closed, by a colleague
    or a second time, it must not close the next one."""
    period = open_period(view.task) if view.task.recurrence else None
    return f"done:{view.id}" if period is None else f"done:{view.id}:{period:%Y%m%d}"


def task_buttons(
    texts: Texts, views: Sequence[TaskView], *, may_close: Collection[int]
) -> InlineKeyboardMarkup | None:
    """A row per task: done and extend where the chat may close it (storage.access.may_act),
    details everywhere. Callback data is re-checked on the server when pressed."""
    if not views:
        return None
    rows = []
    for view in _open_periods(views)[:MAX_BUTTON_ROWS]:
        task_id = view.id
        info = InlineKeyboardButton(texts("button_info"), callback_data=f"info:{task_id}")
        if task_id in may_close:
            done = InlineKeyboardButton(
                texts("button_done", task_id=task_id), callback_data=done_data(view)
            )
            extend = InlineKeyboardButton(texts("button_extend"), callback_data=f"ext:{task_id}")
            rows.append([done, extend, info])
        else:
            rows.append([info])
    return InlineKeyboardMarkup(rows)


def _open_periods(views: Sequence[TaskView]) -> list[TaskView]:
    """One view per task, in the order the tasks first appear: a task shown at a missed period
    beside its open one (jobs.sweep) gets one row of buttons, for the open period (the later:
    a missed one's ✅ would be refused)."""
    latest: dict[int, TaskView] = {}
    for view in views:
        shown = latest.get(view.id)
        if shown is None or _period(view) > _period(shown):
            latest[view.id] = view
    return list(latest.values())


def _period(view: TaskView) -> date:
    return open_period(view.task) or date.min


def is_transient(error: BaseException) -> bool:
    """Whether another try may get through: 5xx, timeouts and connection errors (NetworkError,
    except a 400 Bad Request), a flood wait longer than the rate limiter's own retries, and a
    send the bot's stopping cut short (jobs.sweep.TransientError)."""
    if isinstance(error, RetryAfter | TransientError):
        return True
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


def flood_wait(error: BaseException) -> float:
    """The wait a 429 asked for, in seconds (none for other errors)."""
    if not isinstance(error, RetryAfter):
        return 0.0
    wait = error.retry_after
    return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)


# Telegram asks for no more than about one message a second in one chat; the rate limiter
# spaces messages overall and per group, this spaces the parts of one long digest.
PAUSE_BETWEEN_PARTS = 1.0


class TelegramDigestSender:
    """The sweep's DigestSender, for a real (or test) Bot API server."""

    def __init__(self, bot: Bot, texts: Texts) -> None:
        self.bot = bot
        self.texts = texts

    async def __call__(self, telegram_chat_id: int, digest: Digest) -> int:
        texts = Texts(digest.language) if digest.language else self.texts
        chunks = texts.digest(digest)
        # Buttons go under the last part so that they follow the whole list.
        buttons = task_buttons(
            texts,
            [i.view for i in digest.items],
            may_close={i.view.id for i in digest.items if i.may_close},
        )
        carried = _tasks_per_part(texts, digest, chunks)
        first_id: int | None = None
        try:
            # A retry starts after the parts an earlier try got through.
            for index in range(digest.progress.parts, len(chunks)):
                if first_id is not None:
                    await asyncio.sleep(PAUSE_BETWEEN_PARTS)
                markup = buttons if index == len(chunks) - 1 else None
                message = await self.bot.send_message(
                    telegram_chat_id, chunks[index], parse_mode=ParseMode.HTML, reply_markup=markup
                )
                first_id = first_id or message.message_id
                await digest.progress.part_sent(message.message_id, carried[index])
        except ChatMigrated as moved:
            raise ChatMoved(moved.new_chat_id) from moved
        except Forbidden as refused:
            raise ChatUnavailable(refused.message) from refused
        except BadRequest as bad:
            if why_unavailable(bad.message) is not None:
                raise ChatUnavailable(bad.message) from bad
            raise
        except (NetworkError, RetryAfter) as error:
            if not is_transient(error):
                raise
            raise TransientError(
                f"{type(error).__name__}: {error}", retry_after=flood_wait(error)
            ) from error
        assert first_id is not None
        return first_id


def _tasks_per_part(texts: Texts, digest: Digest, chunks: list[str]) -> list[list[int]]:
    """Which tasks each part carries: the part with the task's whole line. A line cut across
    parts (a last resort of the splitter) counts with the last part, so that a failure before
    the end sends it again rather than leave it half told."""
    carried: list[list[int]] = [[] for _ in chunks]
    for item in digest.items:
        line = texts.task_line(item.view, digest.today)
        part = next((n for n, chunk in enumerate(chunks) if line in chunk), len(chunks) - 1)
        carried[part].append(item.view.id)
    return carried
