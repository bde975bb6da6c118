"""Handlers of a document sent to the bot: read it, preview it, let the officer fix and save it."""

from __future__ import annotations

from datetime import date

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot import importing
from bot.handlers import Ctx, parse_number, pressed, refusal, reply, request
from bot.services import Services, services
from bot.texts import import_preview
from ingest.text import UnreadableDocument
from storage import imports
from storage.agencies import find_agency
from storage.errors import AmbiguousAgency, CoordinatorsOnly, StorageError, UnknownAgency
from storage.models import ImportRequest
from vncalendar.dates import NotADate, parse_date

DECIDE_PATTERN = r"^imp:(save|expand|cancel):\d+$"
_DEADLINE_WORDS = {"han", "hạn", "deadline"}
_LEAD_WORDS = {"chutri", "chủtrì", "lead"}
_DROP_WORDS = {"bo", "bỏ", "xoa", "xoá", "xóa", "drop"}
_ISSUED_WORDS = {"ngay", "ngày", "date"}


async def document(update: Update, context: Ctx) -> None:
    """A coordinator sends a .txt, .docx or .pdf: answer with the preview of its tasks."""
    app = services(context)
    message, chat, user = update.effective_message, update.effective_chat, update.effective_user
    assert message is not None and message.document is not None
    assert chat is not None and user is not None
    async with request(update, context) as r:
        if not r.caller.is_coordinator:
            await reply(update, refusal(app, CoordinatorsOnly()))
            return
    file = message.document
    limit = app.settings.importer.max_bytes
    if file.file_size is not None and file.file_size > limit:
        size, megabyte = file.file_size, 1024 * 1024
        await reply(
            update,
            app.texts(
                "import_too_large",
                size=f"{size / megabyte:.1f}".replace(".", ","),
                limit=f"{app.settings.importer.max_megabytes:g}".replace(".", ","),
            ),
        )
        return
    async with app.database.session() as session:
        pending = await imports.create_request(
            session=session,
            chat_id=chat.id,
            user_id=user.id,
            file_id=file.file_id,
            file_name=file.file_name or "document",
            now=app.clock.now(),
        )
    await _show_preview(update, context, pending)


async def _plan(context: Ctx, app: Services, pending: ImportRequest) -> importing.ImportPlan:
    """Fetch the file from Telegram again and plan it with the officer's corrections."""
    data = bytes(await (await context.bot.get_file(pending.file_id)).download_as_bytearray())
    fixes = pending.corrections
    async with app.database.session() as session:
        return await importing.read_and_plan(
            session=session,
            data=data,
            filename=pending.file_name,
            max_bytes=app.settings.importer.max_bytes,
            before_is_inclusive=app.settings.importer.before_is_inclusive,
            mappings=fixes.get("mappings"),
            leads={int(n): name for n, name in fixes.get("leads", {}).items()},
            deadlines={
                int(n): date.fromisoformat(d) for n, d in fixes.get("deadlines", {}).items()
            },
            dropped=frozenset(int(n) for n in fixes.get("dropped", {})),
            expand_groups=pending.expand_groups,
            issued_on=date.fromisoformat(issued)
            if (issued := fixes.get("issued", {}).get("on"))
            else None,
        )


async def _show_preview(update: Update, context: Ctx, pending: ImportRequest) -> None:
    app = services(context)
    try:
        plan = await _plan(context, app, pending)
    except UnreadableDocument as error:
        # The importer's own message tells a command-line user of --issued; here, of /fix.
        no_date = error.reason_code == "no_issue_date"
        await reply(update, app.texts("import_no_issue_date") if no_date else error.message_vi)
        return
    texts, request_id = app.texts, pending.id
    buttons = [
        InlineKeyboardButton(
            texts("button_save", count=sum(len(t.leads) for t in plan.ready)),
            callback_data=f"imp:save:{request_id}",
        )
    ]
    if any(t.problem is not None and t.problem.kind == "unconfirmed_group" for t in plan.tasks):
        buttons.append(
            InlineKeyboardButton(texts("button_expand"), callback_data=f"imp:expand:{request_id}")
        )
    buttons.append(
        InlineKeyboardButton(texts("button_cancel"), callback_data=f"imp:cancel:{request_id}")
    )
    await reply(update, import_preview(texts, plan), InlineKeyboardMarkup([buttons]))


async def fix(update: Update, context: Ctx) -> None:
    """Correct the preview: /fix 3 han 30/04/2023, /fix 5 chutri Sở Y tế, /fix 7 bo, and the
    document's date, /fix ngay 15/03/2023."""
    app = services(context)
    args = context.args or []
    chat = update.effective_chat
    assert chat is not None
    what = args[1].lower() if len(args) > 1 else ""
    if len(args) == 2 and args[0].lower() in _ISSUED_WORDS:
        what, number, value = "issued", "on", args[1]  # "/fix ngay 15/03/2024": the document's
    elif (
        parse_number(args[0] if args else None) is None
        or what not in _DEADLINE_WORDS | _LEAD_WORDS | _DROP_WORDS
        or (len(args) < 3) != (what in _DROP_WORDS)
    ):
        await reply(update, app.texts("fix_usage"))
        return
    else:
        number, value = args[0], " ".join(args[2:])
    try:
        async with request(update, context) as r:
            if not r.caller.is_coordinator:
                raise CoordinatorsOnly()
            pending = await imports.pending_in_chat(session=r.session, chat_id=chat.id)
            if pending is None:
                await reply(update, app.texts("import_none_pending"))
                return
            if what in _DROP_WORDS:
                kind, stored = "dropped", "yes"
            elif what == "issued":
                kind, stored = "issued", parse_date(value).isoformat()
            elif what in _DEADLINE_WORDS:
                kind, stored = "deadlines", parse_date(value).isoformat()
            else:
                kind, stored = "leads", (await find_agency(session=r.session, text=value)).name
            await imports.correct(
                session=r.session, request=pending, kind=kind, key=number, value=stored
            )
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
    await _show_preview(update, context, pending)


async def decide(update: Update, context: Ctx) -> None:
    """💾 save, 👥 expand groups, ✖️ cancel: coordinators only, checked again here."""
    query = update.callback_query
    assert query is not None
    if (press := await pressed(update, context)) is None:
        return
    action, request_id = press[0].removeprefix("imp:"), press[1]
    app = services(context)
    async with request(update, context) as r:
        pending = await r.session.get(ImportRequest, request_id)
        if not r.caller.is_coordinator:
            await query.answer(refusal(app, CoordinatorsOnly()), show_alert=True)
            return
        if pending is None or pending.status != imports.PENDING:
            await query.answer(app.texts("bad_button"), show_alert=True)
            return
        if action == "cancel":
            pending.status = imports.CANCELLED
        elif action == "expand":
            pending.expand_groups = True
        r.session.add(pending)
    await query.answer()
    if action == "cancel":
        await reply(update, app.texts("import_cancelled"))
    elif action == "expand":
        await _show_preview(update, context, pending)
    else:
        await _save(update, context, pending)


async def _save(update: Update, context: Ctx, pending: ImportRequest) -> None:
    app = services(context)
    user = update.effective_user
    plan = await _plan(context, app, pending)
    async with app.database.session() as session:
        saved = await importing.save_plan(
            session=session, plan=plan, now=app.clock.now(), actor=user.id if user else None
        )
        stored = await session.get(ImportRequest, pending.id)
        assert stored is not None
        stored.status = imports.SAVED
        session.add(stored)
    await reply(
        update,
        app.texts(
            "import_saved",
            added=len(saved.added),
            changed=len(saved.changed),
            unchanged=len(saved.unchanged),
        ),
    )
