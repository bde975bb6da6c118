"""Handlers of the extension flow: ask with /extend or ⏳, coordinators approve or reject, and
see with /extensions what waits for them; and the sending of the notices to the coordinators
(of a request, of an agency's chat lost), kept in storage.notices until delivered."""

from __future__ import annotations

import asyncio
import logging
import textwrap
from collections.abc import Awaitable, Callable, Sequence
from datetime import tzinfo
from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import ChatMigrated, TelegramError

from bot.delivery import MAX_BUTTON_ROWS, flood_wait, is_transient, why_unavailable
from bot.handlers import (
    Ctx,
    answer_press,
    parse_number,
    pressed,
    refusal,
    reply,
    request,
)
from bot.services import Services, services, services_of
from bot.texts import TASK_TEXT_PREVIEW, Texts, fmt_date, fmt_local_date, split_message
from jobs.policy import chased_until
from jobs.sweep import DATABASE_UNAVAILABLE, TransientError
from storage import access, extensions, notices
from storage.errors import ExtensionBeyondPeriod, StorageError
from storage.models import ExtensionRequest, ExtensionStatus, NoticeStatus
from storage.notices import ChatLostNotice, Outgoing
from storage.tasks import TaskView
from vncalendar.dates import NotADate, parse_date

log = logging.getLogger(__name__)

ASK_PATTERN = r"^ext:\d+$"
DECIDE_PATTERN = r"^(approve|reject):\d+$"
# A reason in the list of waiting requests is cut here; the notice itself carries it whole.
REASON_PREVIEW = 300


async def extend(update: Update, context: Ctx) -> None:
    """Ask for a later deadline: /extend 12 30/04/2023 chờ ý kiến của Bộ."""
    app = services(context)
    args = context.args or []
    task_id = parse_number(args[0]) if args else None
    if len(args) < 2 or task_id is None:
        await reply(update, app.texts("extend_usage"))
        return
    try:
        new_deadline = parse_date(args[1])
    except NotADate as error:
        await reply(update, app.texts("bad_date", text=error.text))
        return
    reason = " ".join(args[2:]).strip() or None
    chat = update.effective_chat
    assert chat is not None
    try:
        async with request(update, context) as r:
            asked, view = await extensions.request_extension(
                session=r.session,
                caller=r.caller,
                chat_id=chat.id,
                task_id=task_id,
                new_deadline=new_deadline,
                reason=reason,
                today=app.clock.today(),
                now=app.clock.now(),
                # The sweep's own limits for moving past a missed period (jobs.sweep).
                lead_days=max(app.sweep.settings.before, default=0),
                chased_until=lambda deadline: chased_until(
                    deadline, app.sweep.settings, app.sweep.calendar
                ),
                working_days=app.sweep.settings.working_days,
            )
            coordinators = await access.coordinator_chat_ids(
                session=r.session, configured=app.settings.coordinator_ids
            )
            queued = await notices.extension_requested(
                session=r.session,
                request=asked,
                view=view,
                chat_ids=coordinators,
                now=app.clock.now(),
                instance=app.sweep.instance,
            )
    except ExtensionBeyondPeriod as error:
        await reply(update, _beyond_period(app.texts, error))
        return
    except StorageError as error:
        await reply(update, refusal(app, error))
        return
    delivered = await send_notices(services_of(context.application), context.bot, queued)
    # Told the truth: undelivered, the request is kept, sent again, and listed by /extensions.
    key = "extension_sent" if delivered else "extension_recorded"
    old, new = fmt_date(asked.current_deadline), fmt_date(asked.requested_deadline)
    await reply(update, app.texts(key, task_id=task_id, old=old, new=new))


def _beyond_period(texts: Texts, error: ExtensionBeyondPeriod) -> str:
    """Name the latest day a periodic task's period may be extended to, or say none will do."""
    following = fmt_date(error.next_deadline)
    if error.latest is None:
        return texts("extension_no_room", task_id=error.task_id, next=following)
    latest = fmt_date(error.latest)
    return texts("extension_latest", task_id=error.task_id, latest=latest, next=following)


async def waiting(update: Update, context: Ctx) -> None:
    """Coordinators: the extension requests waiting for a decision, with their buttons."""
    async with request(update, context) as r:
        if not r.caller.is_coordinator:
            await reply(update, r.app.texts("coordinators_only"))
            return
        pending = await extensions.pending_requests(session=r.session)
    texts, tz = r.app.texts, r.app.settings.tz
    if not pending:
        await reply(update, texts("extensions_empty"))
        return
    title = texts("extensions_title", count=len(pending))
    lines = [_waiting_line(texts, asked, view, tz) for asked, view in pending]
    # Telegram caps a keyboard's buttons: the oldest requests get theirs.
    rows = [_decision_row(texts, asked, numbered=True) for asked, _ in pending[:MAX_BUTTON_ROWS]]
    await reply(update, split_message(title, lines), InlineKeyboardMarkup(rows))


async def resend_notices(context: Ctx) -> None:
    """Send again the notices to coordinators that failed or were abandoned, of extension
    requests and of lost chats (run by the sweep's job, so each morning, at start-up and with
    the same day's retries); give up, and say so, those whose tries ran out."""
    app = services_of(context.application)
    now, policy = app.clock.now(), app.settings.claim_policy

    async def take(session: AsyncSession) -> list[Outgoing]:
        for spent in await notices.give_up_spent(session=session, now=now, policy=policy):
            _given_up(spent.id, spent.kind, spent.chat_id, spent.attempts, spent.error)
        return await notices.take_back(
            session=session,
            now=now,
            instance=app.sweep.instance,
            policy=policy,
            configured=app.settings.coordinator_ids,
        )

    taken = await app.database.retrying(take)
    if taken:
        delivered = await send_notices(app, context.bot, taken)
        log.info("notices to coordinators sent again: %d of %d delivered", delivered, len(taken))


def _given_up(
    notice_id: int | None, kind: str, chat_id: int, tries: int, error: str | None
) -> None:
    log.error(
        "notice %s (%s) to chat %s given up after %d tries: %s",
        notice_id,
        kind,
        chat_id,
        tries,
        error,
    )


async def tell_chat_lost(app: Services, bot: Bot, queued: Sequence[ChatLostNotice]) -> None:
    """Tell the coordinators that an agency's chat, just paused, stopped taking reminders.

    The notices were queued in the transaction that paused the chat (storage.notices.lose_chat);
    they are tried once now (the sweep that found the chat lost is holding the other agencies'
    digests meanwhile); what fails is sent again with the next sweep, as long as the chat stays
    paused.
    """
    await send_notices(app, bot, queued, delays=())


async def send_notices(
    app: Services,
    bot: Bot,
    claimed: Sequence[Outgoing],
    *,
    delays: Sequence[float] | None = None,
) -> int:
    """Send claimed notices, each in its chat's language, trying a part again after each of
    delays (the sweep's by default); a chat that cannot be reached does not stop the others.
    How many arrived whole.

    Their claims are renewed while they wait their turn and while Telegram keeps them waiting
    (a flood wait can outlast the claims' stale time), as a digest's are: otherwise the next
    sweep, of this instance or another, would take one back and send it too."""
    languages = await _languages(app, [notice.row.chat_id for notice in claimed])
    unsent = {notice.row.id for notice in claimed if notice.row.id is not None}
    lost: set[int] = set()
    holding = asyncio.ensure_future(_hold_notices(app, unsent, lost))
    delivered = 0
    try:
        for notice in claimed:
            if notice.row.id in lost:
                log.info("notice %s: another instance took it back; not sending it", notice.row.id)
                continue
            texts = app.texts_for(languages[notice.row.chat_id])
            pauses = app.sweep.retry_delays if delays is None else delays
            delivered += await _send_notice(app, bot, notice, texts, pauses)
            unsent.discard(notice.row.id)
    finally:
        holding.cancel()
        await asyncio.wait((holding,))
    return delivered


async def _hold_notices(app: Services, unsent: set[int], lost: set[int]) -> None:
    """Renew this instance's claims of the unsent notices every renew_after, and note in lost
    those another instance took back (this one went quiet past the stale time)."""

    async def renew(session: AsyncSession, ids: set[int]) -> set[int]:
        return await notices.hold_notices(
            session=session, ids=ids, instance=app.sweep.instance, now=app.clock.now()
        )

    while True:
        await asyncio.sleep(app.settings.claim_policy.renew_after.total_seconds())
        ids = set(unsent)
        try:
            held = await app.database.retrying(partial(renew, ids=ids))
        except DATABASE_UNAVAILABLE:
            continue  # no instance takes a claim back while the database is away
        lost |= ids - held


async def _send_notice(
    app: Services, bot: Bot, notice: Outgoing, texts: Texts, delays: Sequence[float]
) -> bool:
    """Send one notice from the first part not yet delivered, recording each part Telegram
    takes (a later try resumes after it), or the failure (a later try may start at once)."""
    chunks, markup = _notice(texts, notice)
    row, instance = notice.row, app.sweep.instance
    assert row.id is not None
    notice_id = row.id

    async def record(part: int) -> bool:
        return await app.sweep.keep_record(
            lambda session: notices.record_part(
                session=session,
                notice_id=notice_id,
                part=part,
                parts=len(chunks),
                instance=instance,
                now=app.clock.now(),
            ),
            f"part {part} of notice {notice_id} ({row.kind})",
        )

    try:
        # Cut short as a digest is when the bot stops: a flood wait can outlast systemd's patience.
        whole = await app.sweep.within_stop_grace(
            lambda: _send_parts(
                app,
                bot,
                row.chat_id,
                chunks,
                markup,
                delays=delays,
                start=row.parts_sent,
                on_part=record,
            )
        )
    except (TelegramError, TransientError) as error:
        problem, counted = repr(error), not is_transient(error)
        log.warning(
            "notice %s (%s): could not tell chat %s: %s", notice_id, row.kind, row.chat_id, problem
        )
        status = await app.database.retrying(
            lambda session: notices.record_failure(
                session=session,
                notice_id=notice_id,
                error=problem,
                instance=instance,
                policy=app.settings.claim_policy,
                counted=counted,
            )
        )
        if status == NoticeStatus.GIVEN_UP:
            _given_up(notice_id, row.kind, row.chat_id, row.attempts, problem)
        return False
    if not whole:
        log.warning(
            "notice %s (%s): another instance took it back while it was on its way to chat %s",
            notice_id,
            row.kind,
            row.chat_id,
        )
    return whole


def _notice(texts: Texts, notice: Outgoing) -> tuple[list[str], InlineKeyboardMarkup | None]:
    """A notice as the coordinators get it: in parts if long, a request's buttons under the
    last."""
    if isinstance(notice, ChatLostNotice):
        reason = notice.row.reason or ""
        text = texts.chat_lost(
            chat=notice.chat.title,
            telegram_id=notice.chat.telegram_id,
            agency=notice.agency.name if notice.agency else None,
            kind=why_unavailable(reason),
            reason=reason,
        )
        return split_message("", [text]), None
    asked, view = notice.request, notice.view
    text = texts(
        "extension_to_coordinators",
        agency=view.lead.name if view.lead else texts("no_lead"),
        task_id=asked.task_id,
        text=view.task.text,
        old=fmt_date(asked.current_deadline),
        new=fmt_date(asked.requested_deadline),
        reason=asked.reason or texts("no_reason"),
    )
    return split_message("", [text]), InlineKeyboardMarkup([_decision_row(texts, asked)])


def _decision_row(
    texts: Texts, asked: ExtensionRequest, *, numbered: bool = False
) -> list[InlineKeyboardButton]:
    """✅ and ❌ for one request; numbered with its task where several share a keyboard."""
    words = (
        ("button_approve_task", "button_reject_task")
        if numbered
        else ("button_approve", "button_reject")
    )
    return [
        InlineKeyboardButton(texts(word, task_id=asked.task_id), callback_data=f"{act}:{asked.id}")
        for word, act in zip(words, ("approve", "reject"), strict=True)
    ]


def _waiting_line(texts: Texts, asked: ExtensionRequest, view: TaskView, tz: tzinfo) -> str:
    text = view.task.summary or view.task.text
    return texts(
        "extensions_line",
        task_id=asked.task_id,
        agency=view.lead.name if view.lead else texts("no_lead"),
        text=textwrap.shorten(text, TASK_TEXT_PREVIEW, placeholder="…"),
        old=fmt_date(asked.current_deadline),
        new=fmt_date(asked.requested_deadline),
        asked=fmt_local_date(asked.created_at, tz),
        reason=textwrap.shorten(
            asked.reason or texts("no_reason"), REASON_PREVIEW, placeholder="…"
        ),
    )


async def ask_button(update: Update, context: Ctx) -> None:
    """⏳ under a task: say how to ask, with the task's number and deadline filled in; or why
    not, as /extend would (a button stays under a task done or withdrawn since)."""
    if (press := await pressed(update, context)) is None:
        return
    _, task_id = press
    app = services(context)
    try:
        async with request(update, context) as r:
            view = await extensions.task_to_extend(
                session=r.session, caller=r.caller, task_id=task_id
            )
    except StorageError as error:
        await answer_press(update)
        await reply(update, refusal(app, error))
        return
    await answer_press(update)
    deadline = view.task.deadline
    assert deadline is not None
    await reply(update, app.texts("extend_how", task_id=task_id, deadline=fmt_date(deadline)))


async def decide_button(update: Update, context: Ctx) -> None:
    """✅ Duyệt / ❌ Từ chối under a request: coordinators only, checked again here."""
    if (press := await pressed(update, context)) is None:
        return
    action, request_id = press
    app = services(context)
    try:
        async with request(update, context) as r:
            decision = await extensions.decide_extension(
                session=r.session,
                caller=r.caller,
                request_id=request_id,
                approve=action == "approve",
                today=app.clock.today(),
                now=app.clock.now(),
            )
    except StorageError as error:
        await answer_press(update, refusal(app, error))
        return
    asked = decision.request
    if asked.status == ExtensionStatus.EXPIRED:
        key = "extension_lapsed_alert" if decision.lapsed else "extension_expired"
        await answer_press(update, app.texts(key, **_dates(asked)))
        if decision.lapsed:  # the agency still waits for an answer: its deadline did not move
            await _tell_requester(update, context, asked, "extension_lapsed")
        return
    key = "extension_approved" if action == "approve" else "extension_rejected"
    await answer_press(update)
    await reply(update, app.texts(key, **_dates(asked)))
    await _tell_requester(update, context, asked, key)


def _dates(asked: ExtensionRequest) -> dict[str, object]:
    """The values every answer about a request takes."""
    return {
        "task_id": asked.task_id,
        "new": fmt_date(asked.requested_deadline),
        "old": fmt_date(asked.current_deadline),
    }


async def _tell_requester(update: Update, context: Ctx, asked: ExtensionRequest, key: str) -> None:
    """Tell the chat that asked what became of its request, or the agency's chats when it may
    no longer see the task (storage.access.chats_to_answer); not the chat where the decision
    was made, which has heard it."""
    app, here = services(context), update.effective_chat
    async with app.database.session() as session:
        chat_ids = await access.chats_to_answer(
            session=session,
            chat_id=asked.requested_in_chat,
            task_id=asked.task_id,
            coordinator_ids=app.settings.coordinator_ids,
        )
    for chat_id in chat_ids:
        if here is None or chat_id != here.id:
            await _tell(context, chat_id, lambda texts: texts(key, **_dates(asked)))


async def _tell(context: Ctx, chat_id: int, render: Callable[[Texts], str]) -> None:
    """Tell another chat, in its language, trying again a while; one that cannot be reached is
    logged (the decision stands, and /task shows the deadline)."""
    app = services_of(context.application)
    language = (await _languages(app, [chat_id]))[chat_id]
    try:
        await _send_parts(
            app,
            context.bot,
            chat_id,
            [render(app.texts_for(language))],
            None,
            delays=app.sweep.retry_delays,
        )
    except TelegramError as error:
        log.warning("could not tell chat %s: %s", chat_id, error)


async def _languages(app: Services, chat_ids: Sequence[int]) -> dict[int, str | None]:
    async with app.database.session() as session:
        return {
            chat_id: await access.chat_language(session=session, telegram_id=chat_id)
            for chat_id in chat_ids
        }


async def _send_parts(
    app: Services,
    bot: Bot,
    chat_id: int,
    chunks: Sequence[str],
    markup: InlineKeyboardMarkup | None,
    *,
    delays: Sequence[float],
    start: int = 0,
    on_part: Callable[[int], Awaitable[bool]] | None = None,
) -> bool:
    """Send the parts from start on, the buttons under the last, following a group that became
    a supergroup (its binding moved as the sweep moves it); a part refused for a passing reason
    (network, 5xx, 429) is tried again after each of delays, unless the bot stops meanwhile.
    on_part hears of each part Telegram took, counted from 1, and says whether to go on.
    Whether every part went."""
    for index in range(start, len(chunks)):
        pauses = list(delays)
        while True:
            try:
                last = index == len(chunks) - 1
                await bot.send_message(
                    chat_id, chunks[index], reply_markup=markup if last else None
                )
                break
            except ChatMigrated as moved:
                await app.sweep.move_chat(chat_id, moved.new_chat_id)
                chat_id = moved.new_chat_id
            except TelegramError as error:
                if not is_transient(error) or not pauses:
                    raise
                pause = max(pauses.pop(0), flood_wait(error))
                log.info("message to chat %s: %r; trying again in %.0fs", chat_id, error, pause)
                if not await app.sweep.pause(pause):
                    raise
        if on_part is not None and not await on_part(index + 1):
            return False
    return True
