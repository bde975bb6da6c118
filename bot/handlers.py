"""Command and button handlers: parse the update, call one business rule, reply."""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import (
    Chat,
    ChatMember,
    ChatMemberRestricted,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Update,
    User,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Conflict, NetworkError, TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot import reports as report_files
from bot.delivery import flood_wait, is_transient, task_buttons
from bot.services import LANGUAGE_KEY, Services, services, services_of
from bot.texts import LANGUAGES, Texts, fmt_date, split_message
from storage import access, agencies, reports, tasks
from storage.access import Caller
from storage.errors import (
    AlreadyDecided,
    AlreadyDone,
    BadExtensionDate,
    ChatRegisteredElsewhere,
    ClosedAgain,
    CoordinatorByConfiguration,
    CoordinatorsOnly,
    DoneNotWithdrawn,
    ExtensionBeyondPeriod,
    ExtensionPending,
    InviteExpired,
    InviteInvalid,
    InviteUsed,
    LeadOnly,
    NoDeadline,
    NotAllowed,
    NotDone,
    NotRegistered,
    NotWithdrawn,
    PeriodClosed,
    PeriodNotOpen,
    PeriodNotStarted,
    RegisteredAlready,
    RegistrationLapsed,
    RequestNotFound,
    StorageError,
    TaskNotFound,
    Withdrawn,
)
from storage.models import Task
from vncalendar.dates import parse_month

log = logging.getLogger(__name__)
Ctx = ContextTypes.DEFAULT_TYPE

# StorageError subclasses -> message keys; every refusal a user can cause has words here.
_REFUSALS: dict[type[StorageError], str] = {
    NotRegistered: "not_registered",
    TaskNotFound: "task_not_found",
    NotAllowed: "not_allowed",
    LeadOnly: "lead_only",
    AlreadyDone: "already_done",
    PeriodNotStarted: "period_not_started",
    PeriodClosed: "period_closed",
    PeriodNotOpen: "period_not_open",
    NotDone: "not_done",
    ClosedAgain: "closed_again",
    InviteInvalid: "invite_invalid",
    InviteUsed: "invite_used",
    InviteExpired: "invite_expired",
    CoordinatorByConfiguration: "coordinator_by_configuration",
    NoDeadline: "nothing_to_extend",
    BadExtensionDate: "bad_extension_date",
    ExtensionBeyondPeriod: "extension_beyond_period",
    ExtensionPending: "extension_pending",
    RequestNotFound: "request_not_found",
    AlreadyDecided: "already_decided",
    CoordinatorsOnly: "coordinators_only",
    tasks.PeriodMissed: "period_missed",
    tasks.StaleUndo: "stale_undo",
    Withdrawn: "withdrawn_task",
    DoneNotWithdrawn: "done_not_withdrawn",
    NotWithdrawn: "not_withdrawn",
}


# Pauses before the second and third tries of a part Telegram failed to take (5xx, timeout,
# network): short, someone is waiting. A 429 is waited out by the rate limiter (bot/app.py).
REPLY_RETRY_DELAYS: tuple[float, ...] = (1.0, 3.0)


class ReplyNotDelivered(Exception):
    """Telegram kept failing on a part of a reply: the parts before it were delivered."""

    def __init__(self, delivered: int, total: int) -> None:
        super().__init__(f"{delivered} of {total} parts delivered")
        self.delivered = delivered
        self.total = total


async def reply(
    update: Update, text: str | list[str], markup: InlineKeyboardMarkup | None = None
) -> None:
    """Send one or more HTML messages back to the chat; buttons go under the last.

    A part that fails for a transient reason is tried again, and the reply goes on from it:
    the parts already delivered are not sent twice.
    """
    message = update.effective_message
    assert message is not None
    # A reply that quotes what users wrote (a long note, a long task) may outgrow one message.
    chunks = split_message("", [text]) if isinstance(text, str) else text
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        send = partial(
            message.reply_html, chunk, reply_markup=markup if last else None, do_quote=False
        )
        await send_part(send, index, len(chunks))


async def send_part(send: Callable[[], Awaitable[object]], index: int, total: int) -> None:
    """Send part index (from 0) of a reply of total parts, trying again after each of
    REPLY_RETRY_DELAYS while Telegram fails for a transient reason; ReplyNotDelivered when they
    are spent."""
    delays = list(REPLY_RETRY_DELAYS)
    while True:
        try:
            await send()
            return
        except TelegramError as error:
            if not is_transient(error):
                raise
            if not delays:
                raise ReplyNotDelivered(index, total) from error
            delay = max(delays.pop(0), flood_wait(error))
            log.info("reply part %d/%d: %r; trying again", index + 1, total, error)
            await asyncio.sleep(delay)


async def answer_press(update: Update, alert: str | None = None) -> None:
    """Answer a button press: stop its spinner, or show alert in a pop-up.

    Telegram refuses an answer that comes late ("query is too old", ~15 s after the press: a
    slow database, a restart, a flood wait); by then the press has done its work, so what
    follows the answer still goes. A pop-up that cannot be shown is said in the chat instead.
    """
    query = update.callback_query
    assert query is not None
    try:
        await query.answer(alert, show_alert=alert is not None)
    except TelegramError as error:
        log.warning("button press %s left unanswered: %s", query.id, error)
        if alert is not None:
            await reply(update, alert)


_FIX_COMMANDS = ("/fix", "/sua")  # its name and its Vietnamese alias (bot.texts.COMMANDS)


def _lost_reply_hint(update: object) -> str:
    """What to say when a reply could not be delivered whole: for a document's preview (a file,
    a /fix or an import button), how to get it back."""
    if not isinstance(update, Update):
        return "reply_not_delivered"
    message, query = update.effective_message, update.callback_query
    words = (message.text or "").split(maxsplit=1) if message is not None else []
    command = words[0].partition("@")[0] if words else ""  # "/fix@nhacviec_bot xem" in a group
    about_import = (
        (query is not None and (query.data or "").startswith("imp:"))
        or (query is None and message is not None and message.document is not None)
        or (query is None and command in _FIX_COMMANDS)
    )
    return "preview_not_delivered" if about_import else "reply_not_delivered"


def refusal(app: Services, error: StorageError) -> str:
    """The user's words for a refused action."""
    if isinstance(error, NotAllowed) and error.group_of is not None:
        # "Not your agency's" is false for a member of another agency typing in the group.
        return app.texts("not_allowed_in_group", task_id=error.task_id, agency=error.group_of)
    days = {name: fmt_date(value) for name, value in vars(error).items() if isinstance(value, date)}
    return app.texts(_REFUSALS[type(error)], task_id=getattr(error, "task_id", ""), **days)


@dataclass
class Request:
    """The caller of one update, with a session for its unit of work."""

    app: Services
    session: AsyncSession
    caller: Caller


@asynccontextmanager
async def request(update: Update, context: Ctx) -> AsyncIterator[Request]:
    """Open a session and identify who is asking."""
    app = services(context)
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    async with app.database.session() as session:
        caller = await access.identify(
            session=session,
            user_id=user.id,
            chat_id=chat.id,
            coordinator_ids=app.settings.coordinator_ids,
        )
        yield Request(app, session, caller)


# Ids are 32-bit integers in the database: a longer number is no id, not a database error.
MAX_ID = 2**31 - 1


def parse_number(text: str | None) -> int | None:
    """A task or request number as typed ("12" or "#12"), or None if it is not one."""
    digits = (text or "").strip().lstrip("#")
    # ASCII only: str.isdigit() also takes "²" or "١", which int() refuses or reads unexpectedly.
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 10 or int(digits) > MAX_ID:
        return None
    return int(digits)


def parse_numbers(args: Sequence[str]) -> tuple[list[int], list[str]] | None:
    """Task numbers typed with commas ("12,15", "12, 15") and the words after them, or None
    when they are not numbers. A space without a comma ends the numbers: in "/withdraw 12 2
    bản trùng" the 2 is the reason's, not a task to withdraw."""
    taken = 0
    while taken < len(args) and (taken == 0 or args[taken - 1].endswith(",")):
        taken += 1
    pieces = [piece for arg in args[:taken] for piece in arg.split(",") if piece.strip()]
    numbers = [parse_number(piece) for piece in pieces]
    if not numbers or None in numbers:
        return None
    return list(dict.fromkeys(n for n in numbers if n is not None)), list(args[taken:])


async def start(update: Update, context: Ctx) -> None:
    """Greet, or register with the code of a t.me/<bot>?start=<code> deep link."""
    if context.args:
        await register(update, context)
        return
    await reply(update, services(context).texts("welcome"))


async def register(update: Update, context: Ctx) -> None:
    """Bind this chat and this user to the agency of an invite code: /register CODE."""
    if not context.args:
        await reply(update, services(context).texts("register_usage"))
        return
    await _redeem(update, context, context.args[0])


# What a chat bound already hears of a code, by what redeem_invite found.
_BOUND_ALREADY: dict[type[StorageError], str] = {
    ChatRegisteredElsewhere: "registered_elsewhere",
    RegisteredAlready: "registered_already",
    RegistrationLapsed: "registration_lapsed",
}


# A message that is an invite code alone, or labelled as the command line prints it ("Mã: CODE").
PASTED_INVITE = re.compile(rf"^\s*(?:\w+\s*:\s*)?(?P<code>{access.INVITE_CODE.pattern})\s*$")


async def invite_pasted(update: Update, context: Ctx) -> None:
    """An invite code pasted alone in a private chat: register with it, as its link would."""
    assert context.matches
    await _redeem(update, context, context.matches[0].group("code"))


async def _redeem(update: Update, context: Ctx, code: str) -> None:
    """Bind this chat, and the person who sent the code, to the agency of the invite."""
    app = services(context)
    user, chat, message = update.effective_user, update.effective_chat, update.effective_message
    assert user is not None and chat is not None and message is not None
    # Sent as a chat (an anonymous administrator writes as the group): no person to register,
    # only Telegram's stand-in user, shared by every such group.
    person = None if message.sender_chat is not None else user
    try:
        async with app.database.session() as session:
            registration = await access.redeem_invite(
                session=session,
                code=code,
                user_id=person.id if person is not None else None,
                display_name=person.full_name if person is not None else None,
                chat_id=chat.id,
                chat_title=chat.title or user.full_name,
                now=app.clock.now(),
                coordinator_ids=app.settings.coordinator_ids,
            )
    except (ChatRegisteredElsewhere, RegisteredAlready, RegistrationLapsed) as error:
        key = _BOUND_ALREADY[type(error)]
        if isinstance(error, ChatRegisteredElsewhere) and chat.type != ChatType.PRIVATE:
            # Everyone in the group has read the code, and it is not theirs to use.
            async with app.database.session() as session:
                await access.void_invite(session=session, code=code, now=app.clock.now())
            key = "registered_elsewhere_code_void"
        bound_to = error.agency or app.texts("the_coordinators")
        await reply(update, app.texts(key, agency=bound_to))
        return
    except StorageError as error:
        await reply(update, refusal(app, error))
        return
    role = app.texts.role(registration.role)
    if registration.agency is None:
        await reply(update, app.texts("registered_coordinator", role=role))
    else:
        await reply(
            update, app.texts("registered_agency", agency=registration.agency.name, role=role)
        )


async def chat_migrated(update: Update, context: Ctx) -> None:
    """A group became a supergroup: its registration follows it to the new chat id."""
    message = update.effective_message
    assert message is not None
    if message.migrate_to_chat_id is not None:
        old, new = message.chat.id, message.migrate_to_chat_id
    elif message.migrate_from_chat_id is not None:
        old, new = message.migrate_from_chat_id, message.chat.id
    else:
        return
    async with services(context).database.session() as session:
        moved = await access.move_chat(session=session, old_telegram_id=old, new_telegram_id=new)
    if moved is not None:
        log.info("chat %s became supergroup %s: binding moved", old, new)


async def chat_renamed(update: Update, context: Ctx) -> None:
    """A group was renamed: the bot names it as it is now."""
    message = update.effective_message
    assert message is not None and message.new_chat_title is not None
    async with services(context).database.session() as session:
        await access.rename_chat(
            session=session, telegram_id=message.chat.id, title=message.new_chat_title
        )


async def topic_reopened(update: Update, context: Ctx) -> None:
    """A forum reopened its General topic: a group paused because it was closed (Telegram
    refused the reminders with TOPIC_CLOSED) takes reminders again, and hears so."""
    message = update.effective_message
    assert message is not None
    if message.is_topic_message:  # another topic: the bot posts in General
        return
    await resume_and_tell(context, message.chat, "its General topic was reopened")


def _in_chat(member: ChatMember) -> bool:
    """Whether a chat member's status keeps them in the chat (a restricted member may be in)."""
    if isinstance(member, ChatMemberRestricted):
        return member.is_member
    return member.status in (ChatMember.OWNER, ChatMember.ADMINISTRATOR, ChatMember.MEMBER)


def who_left(update: Update) -> tuple[int, User] | None:
    """The chat and the person who left it or was removed, from either way Telegram tells: the
    left_chat_member service message, or a chat_member update (to a bot that is an administrator
    and asked for them; Telegram does not always post the message)."""
    message = update.message
    if message is not None and message.left_chat_member is not None:
        return message.chat.id, message.left_chat_member
    change = update.chat_member
    if change is None or not _in_chat(change.old_chat_member) or _in_chat(change.new_chat_member):
        return None
    return change.chat.id, change.new_chat_member.user


async def member_left(update: Update, context: Ctx) -> None:
    """Someone left a registered group, or was removed: they stop speaking for what it is for."""
    if (left := who_left(update)) is None:
        return
    chat_id, user = left
    async with services(context).database.session() as session:
        lost = await access.leave_chat(session=session, chat_id=chat_id, user_id=user.id)
    if lost is not None:
        log.info(
            "user %s (%s) left chat %s: no longer registered with %s (was %s)",
            user.id,
            user.full_name,
            chat_id,
            lost.agency.name if lost.agency else "the coordinators",
            lost.role,
        )


def _may_post(member: ChatMember) -> bool:
    """Whether the bot, as this chat member, may still send messages there."""
    if isinstance(member, ChatMemberRestricted):
        return member.is_member and member.can_send_messages
    return _in_chat(member)


def _refusal(chat_type: str, member: ChatMember) -> str:
    """Why the bot may no longer post, in Telegram's own words for a message refused so."""
    if chat_type == ChatType.PRIVATE:
        return "Forbidden: bot was blocked by the user"
    if member.status == ChatMember.LEFT:
        return "Forbidden: bot is not a member of the group chat"
    if member.status == ChatMember.BANNED:
        return "Forbidden: bot was kicked from the group chat"
    return "Bad Request: not enough rights to send text messages to the chat"


async def bot_standing_changed(update: Update, context: Ctx) -> None:
    """The bot was removed from a chat, blocked, or may no longer post there: pause the chat
    and tell the coordinators now, as the sweep does when a reminder is refused. Added back,
    unblocked or allowed to post again: a chat paused for it takes reminders again, and hears
    so (the coordinators were told how to bring it back; nobody need register it anew)."""
    change = update.my_chat_member
    if change is None:
        return
    if not _may_post(change.new_chat_member):
        reason = _refusal(change.chat.type, change.new_chat_member)
        # The notices are queued in the transaction that pauses the chat, and sent with the
        # sweep's.
        if await services(context).sweep.lose_chat(change.chat.id, reason):
            log.warning("chat %s: %s (by %s): paused", change.chat.id, reason, change.from_user.id)
        return
    await resume_and_tell(
        context, change.chat, f"the bot may post again (by {change.from_user.id})"
    )


async def resume_and_tell(context: Ctx, chat: Chat, why: str) -> None:
    """Take reminders to a chat paused because they were refused there, if it was: the day's
    go out today, and the chat hears that it takes them again (why: for the log)."""
    app = services_of(context.application)
    async with app.database.session() as session:
        if not await access.resume_chat(session=session, telegram_id=chat.id):
            return
        # Read here: a private chat is resumed before load_language has read it.
        chosen = await access.chat_language(session=session, telegram_id=chat.id)
    log.warning("chat %s: %s: resumed", chat.id, why)
    # Before the notice, which may fail to go: the day's reminders are owed to the chat anyway.
    app.catch_up_resumed_chat(context)
    key = "reminders_resumed" if chat.type == ChatType.PRIVATE else "reminders_resumed_group"
    await send_part(partial(context.bot.send_message, chat.id, app.texts_for(chosen)(key)), 0, 1)


async def resume_if_paused(update: Update, context: Ctx) -> None:
    """Before any handler: a private chat paused because its owner had blocked the bot takes
    reminders again once they write to it (they have unblocked it, or they could not)."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE or update.effective_message is None:
        return
    await resume_and_tell(context, chat, "its owner wrote again after blocking the bot")


async def load_language(update: Update, context: Ctx) -> None:
    """Before any handler: the language this chat chose, read afresh (another instance, or an
    earlier run, may have changed it)."""
    chat = update.effective_chat
    if chat is None or context.chat_data is None:
        return
    app = services_of(context.application)
    async with app.database.session() as session:
        chosen = await access.chat_language(session=session, telegram_id=chat.id)
    if chosen is None:
        context.chat_data.pop(LANGUAGE_KEY, None)
    else:
        context.chat_data[LANGUAGE_KEY] = chosen


async def language(update: Update, context: Ctx) -> None:
    """/lang vi|en: the language of this chat's replies and reminders."""
    chosen = (context.args or [""])[0].lower()
    app = services(context)
    if chosen not in LANGUAGES or len(context.args or ()) != 1:
        await reply(update, app.texts("language_usage"))
        return
    chat = update.effective_chat
    assert chat is not None and context.chat_data is not None
    # Wherever the commands answer the caller: a registered group, or the private chat of
    # anyone registered (in their group, say) or named a coordinator in the configuration.
    async with request(update, context) as r:
        if not r.caller.is_known:
            await reply(update, app.texts("not_registered"))
            return
        try:
            await access.set_chat_language(
                session=r.session, telegram_id=chat.id, language=chosen, now=app.clock.now()
            )
        except StorageError as error:
            await reply(update, refusal(app, error))
            return
    context.chat_data[LANGUAGE_KEY] = chosen
    await reply(update, Texts(chosen)("language_set"))


async def help_command(update: Update, context: Ctx) -> None:
    """List the commands."""
    await reply(update, services(context).texts.help())


async def list_tasks(update: Update, context: Ctx) -> None:
    """Open tasks of the caller's agency (every agency for coordinators)."""
    async with request(update, context) as r:
        if not r.caller.is_known:
            await reply(update, r.app.texts("not_registered"))
            return
        agency = access.listed_agency(r.caller)
        views = await tasks.open_tasks(session=r.session, agency_id=agency.id if agency else None)
    texts, today = r.app.texts, r.app.clock.today()
    if not views:
        await reply(update, texts("tasks_empty"))
        return
    title = texts("tasks_title", agency=agency.name) if agency else texts("tasks_title_all")
    await reply(update, texts.task_list(title, views, today, by_agency=agency is None))


async def due(update: Update, context: Ctx) -> None:
    """What the caller's agency must finish this calendar month."""
    async with request(update, context) as r:
        if not r.caller.is_known:
            await reply(update, r.app.texts("not_registered"))
            return
        today, agency = r.app.clock.today(), access.listed_agency(r.caller)
        views = await tasks.due_in_month(
            session=r.session,
            agency_id=agency.id if agency else None,
            year=today.year,
            month=today.month,
        )
    texts, month = r.app.texts, today.strftime("%m/%Y")
    name = agency.name if agency else texts("all_agencies")
    if not views:
        await reply(update, texts("due_empty", month=month))
        return
    title = texts("due_title", month=month, agency=name)
    await reply(update, texts.task_list(title, views, today, by_agency=agency is None))


async def overdue(update: Update, context: Ctx) -> None:
    """Coordinators: overdue tasks of every agency, grouped by lead agency."""
    async with request(update, context) as r:
        if not r.caller.is_coordinator:
            await reply(update, r.app.texts("coordinators_only"))
            return
        today = r.app.clock.today()
        grouped = await tasks.overdue_by_agency(session=r.session, today=today)
    await reply(update, r.app.texts.overdue(grouped, today))


async def forget(update: Update, context: Ctx) -> None:
    """Coordinators: forget a name the catalogue learned from a saved import (/forget TÊN)."""
    app = services(context)
    name = " ".join(context.args or ()).strip().strip("\"“”'")
    if not name:
        await reply(update, app.texts("forget_usage"))
        return
    async with request(update, context) as r:
        if not r.caller.is_coordinator:
            await reply(update, app.texts("coordinators_only"))
            return
        try:
            forgotten = await agencies.forget_name(session=r.session, name=name)
        except agencies.NotLearned as error:
            key = "forget_not_learned" if error.agency is None else "forget_not_learned_but_named"
            await reply(update, app.texts(key, name=error.name, agency=error.agency or ""))
            return
    await reply(update, app.texts("forgot", name=forgotten.name, agency=forgotten.agency))


async def report(update: Update, context: Ctx) -> None:
    """Coordinators: the month's results as a chart and an Excel file (/report 01/2023)."""
    app = services(context)
    today = app.clock.today()
    try:
        month = parse_month(context.args[0]) if context.args else (today.year, today.month)
    except ValueError:
        await reply(update, app.texts("report_usage"))
        return
    async with request(update, context) as r:
        if not r.caller.is_coordinator:
            await reply(update, app.texts("coordinators_only"))
            return
        result = await reports.month_report(
            session=r.session, year=month[0], month=month[1], today=today, tz=app.settings.tz
        )
    label = f"{month[1]:02d}/{month[0]}"
    if not result.tasks:
        await reply(update, app.texts("report_empty", month=label))
        return
    message = update.effective_message
    assert message is not None
    total = result.total
    caption = app.texts(
        "report_caption",
        month=label,
        due=total.due,
        on_time=total.on_time,
        late=total.late,
        overdue=total.overdue,
        pending=total.pending,
    )
    # Both files are made once, in a worker thread (a province's month takes seconds, and the
    # event loop answers every chat meanwhile): a part Telegram fails to take is sent again as
    # it was.
    chart = await asyncio.to_thread(report_files.chart, result, app.texts)
    workbook = await asyncio.to_thread(report_files.workbook, result, app.texts)
    send_chart = partial(message.reply_photo, chart, caption=caption, do_quote=False)
    under_workbook = None
    try:
        await send_part(send_chart, 0, 2)
    except BadRequest as error:
        # A chart Telegram refuses (PHOTO_INVALID_DIMENSIONS) must not keep the workbook from
        # the coordinator: it holds every figure, and takes the chart's caption.
        log.warning("report chart refused: %s", error)
        under_workbook = caption
    send_workbook = partial(
        message.reply_document,
        workbook,
        filename=f"nhacviec-{month[0]}-{month[1]:02d}.xlsx",
        caption=under_workbook,
        do_quote=False,
    )
    await send_part(send_workbook, 1, 2)


# The tasks one /done closes at most. Each closing has a reply of its own, and Telegram takes 20
# messages a minute in a group: while the rate limiter holds the rest, the bot answers no chat.
MAX_DONE_AT_ONCE = 20


async def done(update: Update, context: Ctx) -> None:
    """Close tasks: /done 12 đã trình UBND tỉnh, or /done 12,15 with one note for both."""
    texts = services(context).texts
    parsed = parse_numbers(context.args or ())
    if parsed is None:
        await reply(update, texts("done_usage"))
        return
    if len(parsed[0]) > MAX_DONE_AT_ONCE:
        await reply(update, texts("done_too_many", count=MAX_DONE_AT_ONCE))
        return
    note = " ".join(parsed[1]).strip()
    refusals: list[str] = []
    for task_id in parsed[0]:
        text, markup = await close_task(update, context, task_id, note or None)
        if markup is None:  # refused: no undo to keep
            refusals.append(text)
        else:
            # A reply each, so that each closing keeps an undo button of its own.
            await reply(update, text, markup)
    if refusals:
        # In one reply, each said once: a stranger's "/done 1,2,...,20" is one answer.
        await reply(update, "\n".join(dict.fromkeys(refusals)))


async def withdraw(update: Update, context: Ctx) -> None:
    """Coordinators: withdraw tasks no longer in force: /withdraw 12,15 văn bản sửa đổi đã bỏ."""
    app = services(context)
    parsed = parse_numbers(context.args or ())
    reason = " ".join(parsed[1]).strip() if parsed is not None else ""
    if parsed is None or not reason:
        await reply(update, app.texts("withdraw_usage"))
        return

    async def withdraw_one(session: AsyncSession, caller: Caller, task_id: int) -> str:
        await tasks.withdraw_task(
            session=session,
            task_id=task_id,
            actor=caller.user_id,
            reason=reason,
            now=app.clock.now(),
        )
        return app.texts("withdrawn", task_id=task_id)

    acted = await _coordinator_acts_on(update, context, parsed[0], withdraw_one)
    if acted is not None:
        lines, withdrawn = acted
        if withdrawn:
            lines.append(app.texts("withdrawn_reason", reason=reason))
        await reply(update, "\n".join(lines))


async def restore(update: Update, context: Ctx) -> None:
    """Coordinators: put withdrawn tasks back in force: /restore 12,15."""
    app = services(context)
    parsed = parse_numbers(context.args or ())
    if parsed is None or parsed[1]:
        await reply(update, app.texts("restore_usage"))
        return

    async def restore_one(session: AsyncSession, caller: Caller, task_id: int) -> str:
        today = app.clock.today()
        task = await tasks.restore_task(
            session=session, task_id=task_id, actor=caller.user_id, now=app.clock.now(), today=today
        )
        return app.texts(
            "restored",
            task_id=task_id,
            when=app.texts.when(task.deadline, today, task.deadline_time),
        )

    acted = await _coordinator_acts_on(update, context, parsed[0], restore_one)
    if acted is not None:
        await reply(update, "\n".join(acted[0]))


async def _coordinator_acts_on(
    update: Update,
    context: Ctx,
    task_ids: Sequence[int],
    act: Callable[[AsyncSession, Caller, int], Awaitable[str]],
) -> tuple[list[str], int] | None:
    """A coordinator's action on each task named, in one unit of work: a line for each, what
    was done or why not (refused before changing anything: the rest go on), and how many were
    done. None, the caller told, when they are no coordinator."""
    app = services(context)
    async with request(update, context) as r:
        if not r.caller.is_coordinator:
            await reply(update, app.texts("coordinators_only"))
            return None
        lines, done = [], 0
        for task_id in task_ids:
            try:
                lines.append(await act(r.session, r.caller, task_id))
            except StorageError as error:
                lines.append(refusal(app, error))
            else:
                done += 1
        return lines, done


async def close_task(
    update: Update, context: Ctx, task_id: int, note: str | None, button: Aim | None = None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The shared rule of /done and the ✅ button: authorise, close, and offer an undo. A
    button closes the period it was sent for (button.period), and only while it is open."""
    try:
        async with request(update, context) as r:
            view = await access.task_to_act_on(session=r.session, caller=r.caller, task_id=task_id)
            if button is not None and button.period is None and view.task.recurrence:
                # A ✅ made before buttons named their period ("done:12", still in chats):
                # nothing says which period it was sent for, and that one may have closed since.
                # It closes nothing, and says how to close the open one.
                return r.app.texts("done_button_outdated", task_id=task_id), None
            closed = await tasks.mark_done(
                session=r.session,
                task_id=task_id,
                actor=r.caller.user_id,
                note=note,
                now=r.app.clock.now(),
                today=r.app.clock.today(),
                period=button.period if button is not None else None,
            )
    except StorageError as error:
        return refusal(services(context), error), None
    texts = r.app.texts
    data = (
        undo_data(task_id, period=closed.deadline)
        if closed.task.recurrence
        else undo_data(task_id, closed_at=tasks.closing_second(closed.task))
    )
    undo = InlineKeyboardButton(texts("button_undo"), callback_data=data)
    text = texts.done(closed, r.app.clock.today(), note)
    return text, InlineKeyboardMarkup([[undo]])


async def reopen_task(update: Update, context: Ctx, task_id: int, button: Aim | None = None) -> str:
    """The shared rule of /undo and the undo button: /undo reopens the last closing, a button
    the closing it names (a period, or a one-off task's closing), and only while that closing
    is still the last one."""
    try:
        async with request(update, context) as r:
            view = await access.task_to_act_on(session=r.session, caller=r.caller, task_id=task_id)
            if button is not None and not button.names_closing_of(view.task):
                # A ↩️ made before buttons named their closing ("undo:12", still in chats):
                # nothing says which closing it was under, and the last one may be a
                # colleague's later one, with their note. It reopens nothing, and says how to
                # reopen the last.
                key = (
                    "undo_button_outdated" if view.task.recurrence else "undo_button_outdated_task"
                )
                return r.app.texts(key, task_id=task_id)
            reopened = await tasks.undo_done(
                session=r.session,
                task_id=task_id,
                actor=r.caller.user_id,
                now=r.app.clock.now(),
                period=button.period if button is not None else None,
                closed_at=button.closed_at if button is not None else None,
            )
    except StorageError as error:
        return refusal(services(context), error)
    if reopened.recurrence and reopened.deadline is not None:
        return r.app.texts("undone_period", task_id=task_id, period=fmt_date(reopened.deadline))
    return r.app.texts("undone", task_id=task_id)


async def task_detail(
    update: Update, context: Ctx, task_id: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    """One task in full, if the caller may see it."""
    try:
        async with request(update, context) as r:
            view = await access.visible_task(session=r.session, caller=r.caller, task_id=task_id)
    except StorageError as error:
        return refusal(services(context), error), None
    # Buttons to close or extend only for those who may: not for a cooperating agency.
    acts = view.task.done_at is None and access.may_act(r.caller, view)
    detail = r.app.texts.detail(view, r.app.clock.today(), r.app.settings.tz)
    return detail, task_buttons(r.app.texts, [view] if acts else [], may_close={view.id})


async def undo(update: Update, context: Ctx) -> None:
    """Reopen a task closed by mistake: /undo 12."""
    task_id = parse_number(context.args[0] if context.args else None)
    if task_id is None:
        await reply(update, services(context).texts("undo_usage"))
        return
    await reply(update, await reopen_task(update, context, task_id))


async def show_task(update: Update, context: Ctx) -> None:
    """Show one task: /task 12."""
    task_id = parse_number(context.args[0] if context.args else None)
    if task_id is None:
        await reply(update, services(context).texts("task_usage"))
        return
    text, markup = await task_detail(update, context, task_id)
    await reply(update, text, markup)


# ✅, ↩️ and ℹ️ under a task. ✅ of a recurring task names the period it closes (by its
# schedule's deadline: "done:12:20230331"); ↩️ names the closing it undoes, a recurring task's
# period (by its deadline: "undo:12:20230331") or the second a one-off task was closed
# ("undo:12:t1680238800"). Buttons from before they named them ("done:12", "undo:12") remain.
BUTTON_PATTERN = r"^(done|undo|info):\d+$|^(done|undo):\d+:\d{8}$|^undo:\d+:t\d{1,11}$"


@dataclass(frozen=True)
class Aim:
    """What a pressed ✅ or ↩️ was made for: a recurring task's period, or (↩️) the closing of
    a one-off task; neither for a button from before buttons named them."""

    period: date | None = None
    closed_at: datetime | None = None

    def names_closing_of(self, task: Task) -> bool:
        """Whether a ↩️ says which of the task's closings it undoes."""
        return (self.period if task.recurrence else self.closed_at) is not None


def undo_data(
    task_id: int, *, period: date | None = None, closed_at: datetime | None = None
) -> str:
    """The ↩️ button's data: the task, and the closing it undoes, by the deadline of a recurring
    task's period or the second a one-off task was closed (at most 28 bytes, under Telegram's
    64)."""
    if period is not None:
        return f"undo:{task_id}:{period:%Y%m%d}"
    if closed_at is not None:
        return f"undo:{task_id}:t{int(closed_at.timestamp())}"
    return f"undo:{task_id}"


def button_target(data: str) -> tuple[str, int, Aim] | None:
    """The action, task and aim of a ✅ or ↩️ button's data ("done:12:20230331" -> "done", 12,
    the period due 31/03/2023), or None for data that is not one."""
    action, _, rest = data.partition(":")
    raw_id, _, raw_aim = rest.partition(":")
    task_id = parse_number(raw_id)
    if action not in ("done", "undo") or task_id is None:
        return None
    if not raw_aim:
        return action, task_id, Aim()
    if action == "undo" and raw_aim.startswith("t"):
        seconds = raw_aim[1:]
        if not (seconds.isascii() and seconds.isdigit() and len(seconds) <= 11):
            return None
        return action, task_id, Aim(closed_at=datetime.fromtimestamp(int(seconds), UTC))
    if not (raw_aim.isascii() and raw_aim.isdigit() and len(raw_aim) == 8):
        return None
    try:
        return (
            action,
            task_id,
            Aim(period=date(int(raw_aim[:4]), int(raw_aim[4:6]), int(raw_aim[6:]))),
        )
    except ValueError:  # 20230231
        return None


async def pressed(update: Update, context: Ctx) -> tuple[str, int] | None:
    """A button's action and number ("done:12" -> ("done", 12)); a forged one is told so."""
    query = update.callback_query
    assert query is not None and query.data is not None
    action, _, raw_id = query.data.rpartition(":")
    number = parse_number(raw_id)
    if number is None:
        await unknown_button(update, context)
        return None
    return action, number


async def button(update: Update, context: Ctx) -> None:
    """A press of ✅, ↩️ or ℹ️ under a task, authorised again as if typed."""
    query = update.callback_query
    assert query is not None and query.data is not None
    if query.data.startswith(("done:", "undo:")):
        await closing_button(update, context)
        return
    if (press := await pressed(update, context)) is None:
        return
    text, markup = await task_detail(update, context, press[1])
    await answer_press(update)
    await reply(update, text, markup)


async def closing_button(update: Update, context: Ctx) -> None:
    """A press of ✅ (close the period it was sent for, if still open) or of ↩️ under a "done"
    reply (reopen the closing it was made for, if still the last)."""
    query = update.callback_query
    assert query is not None and query.data is not None
    if (target := button_target(query.data)) is None:
        await unknown_button(update, context)
        return
    action, task_id, aim = target
    markup: InlineKeyboardMarkup | None = None
    if action == "done":
        text, markup = await close_task(update, context, task_id, None, aim)
    else:
        text = await reopen_task(update, context, task_id, aim)
    await answer_press(update)
    await reply(update, text, markup)


async def unknown_button(update: Update, context: Ctx) -> None:
    """Any other button data: old, or forged."""
    await answer_press(update, services(context).texts("bad_button"))


async def on_error(update: object, context: Ctx) -> None:
    """Log the failure with its trace, tell the user politely, and handle the update no further:
    one update, one answer."""
    error = context.error
    if isinstance(error, Conflict):
        # Telegram gives updates to one poller per token: the newer one wins, we give way.
        log.error(
            "another process is polling Telegram with this bot token (409 Conflict); stopping. "
            'Run one poller per token: use webhook mode, or mode = "sweep-only" for the others.'
        )
        app = services(context)
        app.stop_reason = "conflict"
        app.updates_request.given_way = True
        context.application.stop_running()
        return
    if update is None and isinstance(error, NetworkError):
        log.warning("cannot reach Telegram (%s); trying again", error)
        return
    log.error("error while handling an update", exc_info=error)
    if not isinstance(update, Update):
        return
    if update.callback_query is not None:
        await answer_press(update)  # its spinner stops; what went wrong is said in the chat
    if update.effective_message is not None:
        key = _lost_reply_hint(update) if isinstance(error, ReplyNotDelivered) else "error"
        try:
            await update.effective_message.reply_text(
                services(context).texts(key), parse_mode=ParseMode.HTML
            )
        except Exception:
            log.warning("could not tell the user about the error", exc_info=True)
    # One update, one answer: the handlers of the later groups (the command, after the language
    # lookup failed with the database away) would fail the same way and apologise again.
    raise ApplicationHandlerStop
