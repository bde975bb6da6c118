"""The composition root: builds the Application and wires config, storage, jobs and handlers."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, time, timedelta
from typing import Any

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    JobQueue,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import documents, extensions, handlers
from bot.config import Settings
from bot.delivery import TelegramDigestSender
from bot.polling import GetUpdatesRequest
from bot.ratelimit import ChatRateLimiter
from bot.services import SERVICES_KEY, Services, services, services_of
from bot.texts import COMMANDS, Texts
from jobs.sweep import DATABASE_UNAVAILABLE, SendDigest, Sweep
from storage.db import Database
from storage.migrate import DatabaseTooNew, refuse_newer_schema
from vncalendar import Clock, SystemClock, WorkingCalendar

log = logging.getLogger(__name__)

SWEEP_JOB = "daily-sweep"
# In bot_data while bot.lifecycle.running() runs the application: the event that stops it.
STOP_KEY = "stop"
# Services.stop_reason when a sweep found the database migrated by a newer nhacviec.
STOPPED_DATABASE_TOO_NEW = "database_too_new"
# Vietnamese commands that do the same as the Latin ones: /xong is /done.
ALIASES = {c.name: (c.alias,) for c in COMMANDS} | {"start": ("batdau",)}
SWEEP_RETRY = timedelta(minutes=5)
RETRY_SWEEP = "sweep-retry"
# Sweeps again the same day (for a failed send, or a claim of a process that died) stop here:
# offices close, and what is still owed goes out in the next morning's digest.
RETRY_UNTIL = time(17, 0)
# What a person sent now, in their own name: not an edit, nor someone else's message forwarded.
NEW_OWN_MESSAGE = filters.UpdateType.MESSAGE & ~filters.FORWARDED
# Handlers that send to other chats, trying again for a while when Telegram is slow: they run
# beside the others (block=False), so that one request's notices keep no one else waiting.
TELLS_OTHER_CHATS = (extensions.extend,)


async def sweep_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Run the reminder sweep (daily, at start-up, and again while reminders are owed)."""
    app = services(context)
    try:
        # Another instance sharing the database may have been upgraded, and migrated it, since
        # this one started: then this code does not know its schema and must write nothing.
        await app.database.retrying(lambda session: refuse_newer_schema(session=session))
        await _resend_notices(context)
        report = await app.sweep.run()
    except DatabaseTooNew as error:
        _stop_for_newer_schema(context, error)
        return
    except Exception as error:
        if _stopping_with_database_away(context, error):
            log.warning(
                "the bot is stopping with the database out of reach: "
                "the reminders still owed are left to its next start"
            )
            return
        # The database was out of reach for longer than its own retries: the ledger makes a
        # second run safe, so run again later rather than lose the morning.
        log.exception("reminder sweep failed")
        _sweep_again(context, SWEEP_RETRY)
        return
    if app.sweep.stopping.is_set():
        log.info("the bot is stopping: reminders still owed are left to its next start")
        return
    if report.owed:
        # A failed reminder may be tried again at once; one claimed by a process that died
        # only once the claim goes stale: one delay serves both.
        _sweep_again(context, app.settings.claim_policy.stale_after + timedelta(minutes=1))


async def _resend_notices(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send again the notices to coordinators that failed earlier (of extension requests, of
    lost chats), before the sweep: one that fails during this sweep waits for the next rather
    than being tried again at once, when Telegram or the network is likely still down."""
    try:
        await extensions.resend_notices(context)
    except Exception as error:
        if _stopping_with_database_away(context, error):
            raise  # sweep_job says what is left, in one line
        # The database out of reach, say: the notices stay in the outbox for the next sweep,
        # and the morning's reminders (and the retry of a failed sweep) must not wait for them.
        log.exception("notices to coordinators not sent again; they wait for the next sweep")


def _stopping_with_database_away(context: ContextTypes.DEFAULT_TYPE, error: Exception) -> bool:
    """Whether the sweep's job failed because the bot is stopping while the database is out of
    reach: Database.retrying then gives up at once, and the ledger and the notices' outbox keep
    what was not done (claims left go stale and are taken back) for the next start."""
    return services(context).database.stopping.is_set() and isinstance(error, DATABASE_UNAVAILABLE)


def _stop_for_newer_schema(context: ContextTypes.DEFAULT_TYPE, error: DatabaseTooNew) -> None:
    """Send nothing and stop, with exit code 2 as at start-up: another instance sharing the
    database was upgraded and migrated it, and this code does not know its schema."""
    log.error(
        "a newer nhacviec migrated the database to revision %s (this one knows up to %s); "
        "stopping without sending: upgrade this instance too (pip install -U) and start it again",
        error.revision,
        error.head,
    )
    services_of(context.application).stop_reason = STOPPED_DATABASE_TOO_NEW
    stop_application(context.application)


def stop_application(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop the application from one of its jobs, however it was started."""
    stop = application.bot_data.get(STOP_KEY)
    if isinstance(stop, asyncio.Event):
        stop.set()  # run by bot.lifecycle.running(), in a loop of its caller's
    else:
        # run_polling and run_webhook: this stops the loop they own.
        application.stop_running()


def _sweep_again(context: ContextTypes.DEFAULT_TYPE, after: timedelta) -> None:
    """Schedule one more sweep today, unless the working day will be over by then, or has not
    begun (a chat resumed before the morning's send time: the daily sweep is still to come)."""
    app = services(context)
    if app.sweep.stopping.is_set():
        return
    now = app.clock.now().astimezone(app.settings.tz)
    then = now + after
    if then.date() != now.date() or not app.settings.reminders.time <= then.time() < RETRY_UNTIL:
        log.info("reminders still owed are left to the next morning's sweep")
        return
    log.info("sweeping again in %s", after)
    assert context.job_queue is not None
    context.job_queue.run_once(
        sweep_job,
        when=after,
        name=RETRY_SWEEP,
        # One pending retry at most, however many sweeps asked for it.
        job_kwargs={"id": RETRY_SWEEP, "replace_existing": True},
    )


class _JobQueue(JobQueue[ContextTypes.DEFAULT_TYPE]):
    """PTB's JobQueue, telling a running sweep, and whatever waits for the database to come
    back, to end as soon as it is asked to stop: stopping waits for the running jobs, and
    systemd kills a process that takes 90 s."""

    async def start(self) -> None:
        services_of(self.application).database.stopping.clear()
        await super().start()

    async def stop(self, wait: bool = True) -> None:
        services_of(self.application).database.stopping.set()
        await super().stop(wait)


def build_application(
    settings: Settings, *, clock: Clock | None = None, sweep_at_start: bool = True
) -> Application:
    """The bot, ready to run: handlers, the daily sweep, the database opened and closed with it."""
    token = settings.require_token()
    clock = clock or SystemClock(settings.tz)
    updates_request = GetUpdatesRequest()
    builder = (
        ApplicationBuilder()
        .token(token)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.tz))
        .rate_limiter(ChatRateLimiter(max_retries=3))
        .read_timeout(settings.telegram.timeout)
        .write_timeout(settings.telegram.timeout)
        .get_updates_request(updates_request)
        .job_queue(_JobQueue())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram.base_url:
        base = settings.telegram.base_url.rstrip("/")
        # Files are at <server>/file/bot<token>/...: only the trailing /bot changes (the host
        # may be "bot-api" or "bot.tinh.gov.vn"; the setting is checked to end in /bot).
        file_url = base.removesuffix("/bot") + "/file/bot"
        builder = builder.base_url(base).base_file_url(file_url)
    application = builder.build()

    texts = Texts(settings.bot.language)
    database = Database(settings.database_url)
    sweep = build_sweep(settings, database, clock, TelegramDigestSender(application.bot, texts))
    app_services = Services(settings, database, clock, texts, sweep, updates_request, _sweep_again)
    # A chat the sweep finds lost, or the bot is removed from, is paused and the coordinators'
    # notices queued with it; they are told now, and again with later sweeps until they have heard.
    sweep.on_chat_lost = lambda queued: extensions.tell_chat_lost(
        app_services, application.bot, queued
    )
    application.bot_data[SERVICES_KEY] = app_services

    # Every update first learns the language its chat chose (group -1 runs before the others).
    application.add_handler(TypeHandler(Update, handlers.resume_if_paused), group=-2)
    application.add_handler(TypeHandler(Update, handlers.load_language), group=-1)
    for name, callback in (
        ("start", handlers.start),
        ("register", handlers.register),
        ("help", handlers.help_command),
        ("lang", handlers.language),
        ("tasks", handlers.list_tasks),
        ("due", handlers.due),
        ("overdue", handlers.overdue),
        ("extensions", extensions.waiting),
        ("report", handlers.report),
        ("forget", handlers.forget),
        ("withdraw", handlers.withdraw),
        ("restore", handlers.restore),
        ("done", handlers.done),
        ("undo", handlers.undo),
        ("task", handlers.show_task),
        ("extend", extensions.extend),
        ("fix", documents.fix),
    ):
        # An edited message is not a new command: "/done 1" edited to "/done 2" must not close
        # both. Nor is a forwarded one: it is someone else's words, shown to ask about them.
        application.add_handler(
            CommandHandler(
                [name, *ALIASES.get(name, ())],
                callback,
                filters=NEW_OWN_MESSAGE,
                block=callback not in TELLS_OTHER_CHATS,
            )
        )
    application.add_handler(
        MessageHandler(
            filters.ChatType.PRIVATE & NEW_OWN_MESSAGE & filters.Regex(handlers.PASTED_INVITE),
            handlers.invite_pasted,
        )
    )
    application.add_handler(CallbackQueryHandler(handlers.button, pattern=handlers.BUTTON_PATTERN))
    application.add_handler(
        CallbackQueryHandler(extensions.ask_button, pattern=extensions.ASK_PATTERN)
    )
    application.add_handler(
        CallbackQueryHandler(
            extensions.decide_button, pattern=extensions.DECIDE_PATTERN, block=False
        )
    )
    application.add_handler(
        CallbackQueryHandler(documents.decide, pattern=documents.DECIDE_PATTERN)
    )
    application.add_handler(
        MessageHandler(filters.Document.ALL & filters.UpdateType.MESSAGE, documents.document)
    )
    application.add_handler(
        MessageHandler(filters.PHOTO & filters.UpdateType.MESSAGE, documents.photo)
    )
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, handlers.chat_migrated))
    application.add_handler(
        MessageHandler(filters.StatusUpdate.NEW_CHAT_TITLE, handlers.chat_renamed)
    )
    application.add_handler(
        MessageHandler(filters.StatusUpdate.FORUM_TOPIC_REOPENED, handlers.topic_reopened)
    )
    # Someone leaves a registered group: the service message, or a chat_member update (for a bot
    # that is an administrator; Telegram does not always post the message). Polling and the
    # webhook ask for every kind of update, chat_member included.
    application.add_handler(
        MessageHandler(filters.StatusUpdate.LEFT_CHAT_MEMBER, handlers.member_left)
    )
    application.add_handler(ChatMemberHandler(handlers.member_left, ChatMemberHandler.CHAT_MEMBER))
    # The bot itself removed from a group, blocked, or deprived of the right to post.
    application.add_handler(
        ChatMemberHandler(handlers.bot_standing_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    application.add_handler(CallbackQueryHandler(handlers.unknown_button))
    application.add_error_handler(handlers.on_error)

    assert application.job_queue is not None
    application.job_queue.run_daily(
        sweep_job,
        time=settings.reminders.time.replace(tzinfo=settings.tz),
        name=SWEEP_JOB,
        job_kwargs={
            "id": SWEEP_JOB,
            "replace_existing": True,
            "coalesce": True,
            "misfire_grace_time": _sweep_misfire_grace(settings),
        },
    )
    if sweep_at_start and _past_send_time(clock, settings):
        # Reminders of a morning the bot missed go out now; the ledger skips any already sent.
        application.job_queue.run_once(sweep_job, when=timedelta(seconds=1), name="start-up-sweep")
    return application


def build_sweep(settings: Settings, database: Database, clock: Clock, send: SendDigest) -> Sweep:
    """The reminder sweep as configured."""
    return Sweep(
        database=database,
        clock=clock,
        calendar=WorkingCalendar(),
        settings=settings.reminder_policy,
        send=send,
        claim_policy=settings.claim_policy,
        coordinator_ids=settings.access.coordinators,
    )


def _sweep_misfire_grace(settings: Settings) -> int:
    """Seconds a morning sweep may run late: one the running bot slept through (the machine
    suspended, its clock stepped forward) still runs the same working day, until RETRY_UNTIL;
    runs of a backlog coalesce into one, and a later start is left to the start-up catch-up."""

    def seconds(of: time) -> int:
        return of.hour * 3600 + of.minute * 60 + of.second

    late = seconds(RETRY_UNTIL) - seconds(settings.reminders.time)
    return max(late, int(SWEEP_RETRY.total_seconds()))


def _past_send_time(clock: Clock, settings: Settings) -> bool:
    """Whether a start-up now falls in the working day after the morning's send time: a start
    in the evening leaves what is owed to the next morning (no reminders at night)."""
    local: datetime = clock.now().astimezone(settings.tz)
    return settings.reminders.time <= local.time() < RETRY_UNTIL


async def _post_init(application: Application) -> None:
    app = services_of(application)
    await app.database.engine.dispose()  # a fresh pool in this event loop
    for language, texts in (("", app.texts), ("en", Texts("en")), ("vi", Texts("vi"))):
        commands = [BotCommand(name, text) for name, text in texts.command_descriptions()]
        await application.bot.set_my_commands(commands, language_code=language or None)
    await documents.tell_lost_readings(application)
    log.info("bot @%s ready", application.bot.username)


async def _post_shutdown(application: Application) -> None:
    await services_of(application).database.dispose()
