"""Handlers of a document sent to the bot: read it, preview it, let the officer fix and save it.

The file is read once, in a worker process and in the background, so the bot goes on answering
every chat meanwhile; the draft is kept with the preview, for /fix and save. Each officer has
their own preview in a chat.
"""

from __future__ import annotations

from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Document, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatAction

from bot import importing
from bot.config import TELEGRAM_MAX_MEGABYTES
from bot.handlers import Ctx, parse_number, pressed, refusal, reply, request
from bot.services import Services, services
from bot.texts import import_preview
from ingest.text import UnreadableDocument
from storage import imports
from storage.agencies import find_agency, list_agencies
from storage.errors import AmbiguousAgency, CoordinatorsOnly, StorageError, UnknownAgency
from storage.models import ImportRequest
from vncalendar.dates import NotADate, parse_date

DECIDE_PATTERN = r"^imp:(save|expand|cancel):\d+$"
READER_KEY = "document_reader"  # in bot_data: the DocumentReader (tests put a slow one there)
_DEADLINE_WORDS = {"han", "hạn", "deadline"}
_LEAD_WORDS = {"chutri", "chủtrì", "lead"}
_DROP_WORDS = {"bo", "bỏ", "xoa", "xoá", "xóa", "drop"}
_ISSUED_WORDS = {"ngay", "ngày", "date"}
_MEGABYTE = 1024 * 1024
# Telegram keeps a message to 4096 characters: a note joins the preview's last part below this.
_ROOM = 4000


def reader(context: Ctx) -> importing.DocumentReader:
    """The application's document reader."""
    found = context.bot_data.setdefault(READER_KEY, importing.DocumentReader())
    assert isinstance(found, importing.DocumentReader)
    return found


def _megabytes(size: float) -> str:
    return f"{size:.1f}".replace(".", ",")


async def document(update: Update, context: Ctx) -> None:
    """A coordinator sends a .txt, .docx or .pdf: read it aside, then answer with its preview."""
    app = services(context)
    message = update.effective_message
    assert message is not None and message.document is not None
    async with request(update, context) as r:
        if not r.caller.is_coordinator:
            await reply(update, refusal(app, CoordinatorsOnly()))
            return
    file, importer = message.document, app.settings.importer
    size = file.file_size or 0
    if size > importer.max_bytes:
        limit = f"{importer.max_megabytes:g}".replace(".", ",")
        await reply(
            update, app.texts("import_too_large", size=_megabytes(size / _MEGABYTE), limit=limit)
        )
        return
    if size > TELEGRAM_MAX_MEGABYTES * _MEGABYTE:
        await reply(
            update,
            app.texts(
                "import_too_large_for_telegram",
                size=_megabytes(size / _MEGABYTE),
                limit=TELEGRAM_MAX_MEGABYTES,
            ),
        )
        return
    await _typing(update)
    # Not awaited here: updates are handled one at a time, and the next chat must not wait.
    context.application.create_task(_read_new(update, context, file), update=update)


async def _read(
    context: Ctx, app: Services, file_id: str, file_name: str, issued_on: date | None
) -> importing.Reading:
    """Fetch the file from Telegram and read it in a worker; raises UnreadableDocument or
    ReadStopped."""
    data = bytes(await (await context.bot.get_file(file_id)).download_as_bytearray())
    async with app.database.session() as session:
        known = await list_agencies(session=session)
    job = importing.ReadJob(
        data=data,
        filename=file_name,
        catalogue=tuple(importing.catalogue_of(known).entries),
        max_bytes=app.settings.importer.max_bytes,
        issued_on=issued_on,
        before_is_inclusive=app.settings.importer.before_is_inclusive,
    )
    return await reader(context).read(job, time_limit=app.settings.importer.max_read_seconds)


async def _unread(update: Update, app: Services, error: Exception) -> None:
    """Say why a document could not be read."""
    if isinstance(error, importing.ReadTimedOut):
        seconds = f"{app.settings.importer.max_read_seconds:g}".replace(".", ",")
        await reply(update, app.texts("import_read_too_long", seconds=seconds))
    elif isinstance(error, importing.ReadCrashed):
        await reply(update, app.texts("import_read_crashed"))
    elif isinstance(error, UnreadableDocument) and error.reason_code == "no_issue_date":
        # The importer's own message tells a command-line user of --issued; here, of /fix.
        await reply(update, app.texts("import_no_issue_date"))
    elif isinstance(error, UnreadableDocument):
        await reply(update, error.message_vi)


async def _read_new(update: Update, context: Ctx, file: Document) -> None:
    """Read a document just sent; once it reads, it replaces the sender's older preview."""
    app = services(context)
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    reading: importing.Reading | None
    try:
        reading = await _read(context, app, file.file_id, file.file_name or "document", None)
    except UnreadableDocument as error:
        if error.reason_code != "no_issue_date":
            await _unread(update, app, error)
            return
        reading = None  # a good file, whose date the officer gives with /fix ngay
    except importing.ReadStopped as error:
        await _unread(update, app, error)
        return
    async with app.database.session() as session:
        pending, replaced = await imports.create_request(
            session=session,
            chat_id=chat.id,
            user_id=user.id,
            file_id=file.file_id,
            file_name=file.file_name or "document",
            draft=importing.reading_to_json(reading) if reading else None,
            now=app.clock.now(),
        )
        plan = await _plan(session, pending) if reading else None
    notes = [app.texts("import_replaced", name=older.file_name) for older in replaced]
    if plan is None:
        await reply(update, "\n".join([app.texts("import_no_issue_date"), *notes]))
        return
    await _show(update, app, pending, plan, notes)


async def _plan(session: AsyncSession, pending: ImportRequest) -> importing.ImportPlan:
    """The plan of a previewed document, from its draft and the officer's corrections."""
    assert pending.draft is not None
    fixes = pending.corrections
    return await importing.plan_reading(
        session=session,
        reading=importing.reading_from_json(pending.draft),
        corrections=importing.Corrections(
            mappings=fixes.get("mappings", {}),
            leads={int(n): name for n, name in fixes.get("leads", {}).items()},
            deadlines={
                int(n): date.fromisoformat(d) for n, d in fixes.get("deadlines", {}).items()
            },
            dropped=frozenset(int(n) for n in fixes.get("dropped", {})),
            expand_groups=pending.expand_groups,
        ),
    )


async def _show(
    update: Update,
    app: Services,
    pending: ImportRequest,
    plan: importing.ImportPlan,
    notes: list[str] | None = None,
) -> None:
    """Send the preview, with what a re-import would do, and its buttons."""
    texts, request_id = app.texts, pending.id
    count = sum(len(t.leads) for t in plan.ready)
    buttons = []
    if count:  # nothing to save: no button that would save an empty directive
        buttons.append(
            InlineKeyboardButton(
                texts("button_save", count=count), callback_data=f"imp:save:{request_id}"
            )
        )
    if any(t.problem is not None and t.problem.kind == "unconfirmed_group" for t in plan.tasks):
        buttons.append(
            InlineKeyboardButton(texts("button_expand"), callback_data=f"imp:expand:{request_id}")
        )
    buttons.append(
        InlineKeyboardButton(texts("button_cancel"), callback_data=f"imp:cancel:{request_id}")
    )
    extra = list(notes or [])
    if plan.kept:
        what = [
            texts(f"kept_{kind}", count=number)
            for kind, number in (
                ("dropped", plan.kept.dropped),
                ("leads", plan.kept.leads),
                ("deadlines", plan.kept.deadlines),
            )
            if number
        ]
        extra.append(texts("import_kept_fixes", what=", ".join(what)))
    if plan.changes is not None:
        changes = plan.changes
        extra.append(
            texts(
                "import_reimport_changes",
                added=changes.added,
                changed=changes.changed,
                unchanged=changes.unchanged,
            )
        )
    parts = import_preview(texts, plan)
    if extra:
        note = "\n".join(extra)
        if len(parts[-1]) + len(note) + 2 <= _ROOM:
            parts[-1] += "\n\n" + note
        else:
            parts.append(note)
    await reply(update, parts, InlineKeyboardMarkup([buttons]))


def _parse_fix(args: list[str]) -> tuple[str, int | None, str] | None:
    """(what, task number, value) of a /fix, or None when it is not one."""
    if len(args) == 2 and args[0].lower() in _ISSUED_WORDS:
        return "issued", None, args[1]  # "/fix ngay 15/03/2024": the document's date
    number = parse_number(args[0] if args else None)
    what = args[1].lower() if len(args) > 1 else ""
    if (
        number is None
        or what not in _DEADLINE_WORDS | _LEAD_WORDS | _DROP_WORDS
        or (len(args) < 3) != (what in _DROP_WORDS)
    ):
        return None
    return what, number, " ".join(args[2:])


async def fix(update: Update, context: Ctx) -> None:
    """Correct the preview: /fix 3 han 30/04/2023, /fix 5 chutri Sở Y tế, /fix 7 bo, and the
    document's date, /fix ngay 15/03/2023."""
    app = services(context)
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    if (parsed := _parse_fix(context.args or [])) is None:
        await reply(update, app.texts("fix_usage"))
        return
    what, number, value = parsed
    try:
        async with request(update, context) as r:
            if not r.caller.is_coordinator:
                raise CoordinatorsOnly()
            pending = await imports.pending_of(session=r.session, chat_id=chat.id, user_id=user.id)
            if pending is None:
                await reply(update, app.texts("import_none_pending"))
                return
            if what == "issued":
                kind, key, stored = "issued", "on", parse_date(value).isoformat()
            elif pending.draft is None:  # the document's date is still to be given
                await reply(update, app.texts("import_no_issue_date"))
                return
            elif number is None or not 0 < number <= len(pending.draft["tasks"]):
                await reply(update, app.texts("fix_no_such_task", n=number))
                return
            elif what in _DROP_WORDS:
                kind, key, stored = "dropped", str(number), "yes"
            elif what in _DEADLINE_WORDS:
                kind, key, stored = "deadlines", str(number), parse_date(value).isoformat()
            else:
                agency = await find_agency(session=r.session, text=value)
                kind, key, stored = "leads", str(number), agency.name
            await imports.correct(
                session=r.session, request=pending, kind=kind, key=key, value=stored
            )
            plan = await _plan(r.session, pending) if kind != "issued" else None
    except NotADate as error:
        await reply(update, app.texts("bad_date", text=error.text))
        return
    except UnknownAgency as error:
        await reply(update, app.texts("unknown_agency", name=error.name))
        return
    except AmbiguousAgency as error:
        await reply(
            update,
            app.texts("ambiguous_agency", name=error.name, candidates="; ".join(error.candidates)),
        )
        return
    except StorageError as error:
        await reply(update, refusal(app, error))
        return
    if plan is None:  # deadlines are counted from the document's date: read it again
        await _typing(update)
        context.application.create_task(
            _read_dated(update, context, pending, date.fromisoformat(stored)), update=update
        )
        return
    await _show(update, app, pending, plan)


async def _typing(update: Update) -> None:
    """Show "typing…" while a document is read."""
    if update.effective_chat is not None:
        await update.effective_chat.send_action(ChatAction.TYPING)


async def _read_dated(
    update: Update, context: Ctx, pending: ImportRequest, issued_on: date
) -> None:
    """Read the document again from the date the officer gave, and show its preview."""
    app = services(context)
    try:
        reading = await _read(context, app, pending.file_id, pending.file_name, issued_on)
    except (UnreadableDocument, importing.ReadStopped) as error:
        await _unread(update, app, error)
        return
    async with app.database.session() as session:
        stored = await session.get(ImportRequest, pending.id)
        if stored is None or stored.status != imports.PENDING:
            return  # saved or cancelled meanwhile
        await imports.keep_draft(
            session=session, request=stored, draft=importing.reading_to_json(reading)
        )
        plan = await _plan(session, stored)
    await _show(update, app, stored, plan)


async def decide(update: Update, context: Ctx) -> None:
    """💾 save, 👥 expand groups, ✖️ cancel: coordinators only, in the preview's chat, checked
    again here."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    assert query is not None and chat is not None
    if (press := await pressed(update, context)) is None:
        return
    action, request_id = press[0].removeprefix("imp:"), press[1]
    app = services(context)
    async with request(update, context) as r:
        if not r.caller.is_coordinator:
            await query.answer(refusal(app, CoordinatorsOnly()), show_alert=True)
            return
        pending = await r.session.get(ImportRequest, request_id)
        if (
            pending is None
            or pending.status != imports.PENDING
            or pending.chat_id != chat.id
            or pending.draft is None
        ):
            await query.answer(app.texts("bad_button"), show_alert=True)
            return
        if action == "expand":
            pending.expand_groups = True
            r.session.add(pending)
        plan = await _plan(r.session, pending)
        if action == "save" and not plan.ready:
            await query.answer(app.texts("import_nothing_to_save"), show_alert=True)
            return
        saved = None
        if action != "expand":
            # One transaction marks it and saves: a second press finds it closed.
            status = imports.CANCELLED if action == "cancel" else imports.SAVED
            if not await imports.close(session=r.session, request=pending, status=status):
                await query.answer(app.texts("bad_button"), show_alert=True)
                return
        if action == "save":
            saved = await importing.save_plan(
                session=r.session, plan=plan, now=app.clock.now(), actor=user.id if user else None
            )
    await query.answer()
    if action == "cancel":
        await reply(update, app.texts("import_cancelled"))
    elif saved is None:
        await _show(update, app, pending, plan)
    else:
        await reply(
            update,
            app.texts(
                "import_saved",
                added=len(saved.added),
                changed=len(saved.changed),
                unchanged=len(saved.unchanged),
            ),
        )
