"""Handlers of the extension flow: ask with /extend or ⏳, coordinators approve or reject."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.handlers import Ctx, parse_number, pressed, refusal, reply, request
from bot.services import services, services_of
from bot.texts import Texts, fmt_date
from storage import access, extensions
from storage.errors import StorageError
from storage.models import ExtensionStatus
from vncalendar.dates import NotADate, parse_date

log = logging.getLogger(__name__)

ASK_PATTERN = r"^ext:\d+$"
DECIDE_PATTERN = r"^(approve|reject):\d+$"


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
            )
            coordinators = await access.coordinator_chat_ids(
                session=r.session, configured=app.settings.coordinator_ids
            )
    except StorageError as error:
        await reply(update, refusal(app, error))
        return
    old, new = fmt_date(asked.current_deadline), fmt_date(asked.requested_deadline)
    await reply(update, app.texts("extension_sent", task_id=task_id, old=old, new=new))
    request_id = asked.id
    assert request_id is not None

    def note(texts: Texts) -> tuple[str, InlineKeyboardMarkup | None]:
        text = texts(
            "extension_to_coordinators",
            agency=view.lead.name if view.lead else texts("no_lead"),
            task_id=task_id,
            text=view.task.text,
            old=old,
            new=new,
            reason=reason or texts("no_reason"),
        )
        approve = InlineKeyboardButton(
            texts("button_approve"), callback_data=f"approve:{request_id}"
        )
        reject = InlineKeyboardButton(texts("button_reject"), callback_data=f"reject:{request_id}")
        return text, InlineKeyboardMarkup([[approve, reject]])

    await _send_each(context, coordinators, note)


async def ask_button(update: Update, context: Ctx) -> None:
    """⏳ under a task: say how to ask, with the task's number and deadline filled in."""
    query = update.callback_query
    assert query is not None
    if (press := await pressed(update, context)) is None:
        return
    _, task_id = press
    app = services(context)
    try:
        async with request(update, context) as r:
            view = await access.task_to_act_on(session=r.session, caller=r.caller, task_id=task_id)
    except StorageError as error:
        await query.answer()
        await reply(update, refusal(app, error))
        return
    await query.answer()
    deadline = view.task.deadline
    if deadline is None:
        await reply(update, app.texts("nothing_to_extend", task_id=task_id))
        return
    await reply(update, app.texts("extend_how", task_id=task_id, deadline=fmt_date(deadline)))


async def decide_button(update: Update, context: Ctx) -> None:
    """✅ Duyệt / ❌ Từ chối under a request: coordinators only, checked again here."""
    query = update.callback_query
    assert query is not None
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
                now=app.clock.now(),
            )
    except StorageError as error:
        await query.answer(refusal(app, error), show_alert=True)
        return
    asked = decision.request
    if asked.status == ExtensionStatus.EXPIRED:
        old = fmt_date(asked.current_deadline)
        await query.answer(
            app.texts("extension_expired", task_id=asked.task_id, old=old), show_alert=True
        )
        return
    key = "extension_approved" if action == "approve" else "extension_rejected"

    def decided(texts: Texts) -> tuple[str, InlineKeyboardMarkup | None]:
        new, old = fmt_date(asked.requested_deadline), fmt_date(asked.current_deadline)
        return texts(key, task_id=asked.task_id, new=new, old=old), None

    await query.answer()
    await reply(update, decided(app.texts)[0])
    chat = update.effective_chat
    if chat is None or asked.requested_in_chat != chat.id:
        await _send_each(context, [asked.requested_in_chat], decided)


async def _send_each(
    context: Ctx,
    chat_ids: list[int],
    render: Callable[[Texts], tuple[str, InlineKeyboardMarkup | None]],
) -> None:
    """Tell several chats, each in its own language; one that cannot be reached does not stop
    the others."""
    app = services_of(context.application)
    async with app.database.session() as session:
        languages = {
            chat_id: await access.chat_language(session=session, telegram_id=chat_id)
            for chat_id in chat_ids
        }
    for chat_id in chat_ids:
        text, markup = render(app.texts_for(languages[chat_id]))
        try:
            await context.bot.send_message(chat_id, text, reply_markup=markup)
        except TelegramError as error:
            log.warning("could not tell chat %s: %s", chat_id, error)
