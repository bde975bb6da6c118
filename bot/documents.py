"""Handlers of a document sent to the bot: read it, preview it, let the officer fix and save it.

The file is read once, in a worker process and in the background, so the bot goes on answering
every chat meanwhile; the draft is kept with the preview, for /fix and save. Each officer has
their own preview in a chat. A correction is answered with what it changed, in one short
message (a long preview takes a dozen; /fix xem sends it again), and the buttons carry the
version of the preview they were sent under: a save button from before a correction is refused.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from pathlib import PurePath
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import Application

from bot import importing
from bot.config import TELEGRAM_MAX_MEGABYTES
from bot.handlers import (
    Ctx,
    answer_press,
    parse_number,
    refusal,
    reply,
    request,
    unknown_button,
)
from bot.services import Services, services, services_of
from bot.texts import (
    Texts,
    fmt_date,
    import_change,
    import_preview,
    learned_names,
    number_ranges,
)
from ingest.text import UnreadableDocument, human_size, size_over
from storage import imports
from storage.agencies import find_agency, is_catalogue, list_agencies
from storage.errors import AmbiguousAgency, CoordinatorsOnly, StorageError, UnknownAgency
from storage.models import ImportRequest
from storage.names import fold
from vncalendar.dates import NotADate, parse_date

log = logging.getLogger(__name__)

# imp:ACTION:REQUEST:VERSION: VERSION is that of the preview the button was sent under
# (importing.plan_version). A button from before versions has none: it no longer saves.
_DECIDE = re.compile(r"imp:(save|expand|cancel|view):([0-9]+)(?::([0-9a-f]{1,16}))?")
DECIDE_PATTERN = rf"^{_DECIDE.pattern}$"
READER_KEY = "document_reader"  # in bot_data: the DocumentReader (tests put a slow one there)
# /fix [NUMBERS] WORD [VALUE]: the word says what is corrected. It is matched as an officer types
# it on a phone: any case, with or without diacritics or the space ("chủ trì", "chu tri",
# "chutri"), so each is written here folded (storage.names.fold) and without spaces.
_FIX_WORDS = {
    **dict.fromkeys(("han", "thoihan", "deadline"), "deadlines"),
    **dict.fromkeys(("chutri", "lead"), "leads"),
    **dict.fromkeys(("bo", "xoa", "drop"), "dropped"),
    **dict.fromkeys(("lai", "laylai", "giulai", "khoiphuc", "restore"), "restored"),
    **dict.fromkeys(("ten", "map"), "mappings"),
    **dict.fromkeys(("ngay", "ngaybanhanh", "date"), "issued"),
    **dict.fromkeys(("xem", "xemlai", "view"), "view"),
}
_FIX_WORD_LENGTH = 3  # words in a keyword at most: "ngày ban hành"
# What /fix 3 han takes for "no deadline" (a duty done all the time, or a date misread), folded
# and without spaces as the keywords are: "không", "không có hạn", "thường xuyên".
_NO_DEADLINE = frozenset(
    ("khong", "khonghan", "khongcohan", "khongthoihan", "khongcothoihan", "thuongxuyen", "none")
)
# What each takes: task numbers before the word, a value after it.
_FIX_TAKES = {
    "deadlines": (True, True),
    "leads": (True, True),
    "dropped": (True, False),
    "restored": (True, False),
    "mappings": (False, True),
    "issued": (False, True),
    "view": (False, False),
}
# The names a refused /fix ten lists, at most.
_NAMES_SHOWN = 10
# The characters of what an officer typed that a refusal repeats, at most.
_QUOTED = 100
# The tasks a re-import leaves open that its preview lists, at most (one message).
_LEFT_OPEN_SHOWN = 10
_MEGABYTE = 1024 * 1024
# Telegram keeps a message to 4096 characters: a note joins the preview's last part below this.
_ROOM = 4000
# Besides the read's time limit: the download, and the worker's start.
_READ_GRACE = timedelta(minutes=1)
# A caption that gives the document's date of issue, folded (storage.names.fold): "ngày
# 01/03/2024", "ngày ban hành: 01/03/2024", or as on the command line, "--issued 2024-03-01".
_CAPTION_DATE = re.compile(r"(?:--issued[= ]|(?:ngay ban hanh|ngay|issued|date)\s*:?)?\s*(\S+)")
# A photo sent "as a file" to keep its quality: answered as a photo, not as an unknown format.
_PICTURE_SUFFIXES = frozenset(
    (".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp", ".gif", ".bmp", ".tif", ".tiff")
)


def reader(context: Ctx) -> importing.DocumentReader:
    """The application's document reader."""
    found = context.bot_data.setdefault(READER_KEY, importing.DocumentReader())
    assert isinstance(found, importing.DocumentReader)
    return found


async def _from_coordinator(update: Update, context: Ctx) -> bool:
    """Whether a file or photo comes from a coordinator (in their private chat, or in the
    coordinators' group); another person hears why it is not read in a private chat only."""
    app = services(context)
    message = update.effective_message
    assert message is not None
    async with request(update, context) as r:
        if r.caller.is_coordinator:
            return True
    # Files and photos are shared in agencies' groups all day: the group hears nothing.
    if message.chat.type == ChatType.PRIVATE:
        await reply(update, refusal(app, CoordinatorsOnly()))
    return False


def _sent_as_chat(update: Update) -> bool:
    """Whether a message was sent as a chat, not by a person: an anonymous administrator writes
    as the group, under Telegram's GroupAnonymousBot, one user for every such administrator.
    A preview is its sender's alone to correct, save or cancel; owned by that shared user, it
    would be every anonymous administrator's, so none is made or corrected from such a message."""
    message = update.effective_message
    return message is not None and message.sender_chat is not None


async def photo(update: Update, context: Ctx) -> None:
    """A coordinator sends a photo (of a signed directive, say): say it cannot be read and what
    to send instead, as for a scanned PDF, rather than leave them waiting for a preview."""
    if await _from_coordinator(update, context):
        await reply(update, services(context).texts("import_photo"))


async def document(update: Update, context: Ctx) -> None:
    """A coordinator sends a .txt, .docx, .doc or .pdf: read it aside, answer with a preview."""
    app = services(context)
    message = update.effective_message
    assert message is not None and message.document is not None
    if not await _from_coordinator(update, context):
        return
    if _sent_as_chat(update):
        await reply(update, app.texts("import_sent_as_chat"))
        return
    file, importer = message.document, app.settings.importer
    if _is_picture(file.mime_type, file.file_name):
        await reply(update, app.texts("import_photo"))
        return
    size = file.file_size or 0
    if size > importer.max_bytes:
        shown, limit = size_over(size, importer.max_bytes)
        await reply(update, app.texts("import_too_large", size=shown, limit=limit))
        return
    if size > TELEGRAM_MAX_MEGABYTES * _MEGABYTE:
        shown, limit = size_over(size, TELEGRAM_MAX_MEGABYTES * _MEGABYTE)
        await reply(update, app.texts("import_too_large_for_telegram", size=shown, limit=limit))
        return
    await _typing(update)
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    async with app.database.session() as session:
        read_beside = await importing.documents_being_read(
            session=session, chat_id=chat.id, user_id=user.id
        )
        sent = await imports.create_request(
            session=session,
            chat_id=chat.id,
            user_id=user.id,
            file_id=file.file_id,
            file_name=file.file_name or "document",
            now=app.clock.now(),
        )
    issued_on = _caption_date(message.caption)
    # Not awaited here: updates are handled one at a time, and the next chat must not wait.
    context.application.create_task(
        _read_new(update, context, sent, issued_on, read_beside), update=update
    )


def _is_picture(mime_type: str | None, file_name: str | None) -> bool:
    """Whether a file sent is a picture (of a page, say), by its type or its name."""
    named = PurePath(file_name or "").suffix.lower() in _PICTURE_SUFFIXES
    return named or (mime_type or "").startswith("image/")


def _caption_date(caption: str | None) -> date | None:
    """The date of issue a document's caption gives, as /fix ngay would take it; None when the
    caption is something else (a note to a colleague is not read)."""
    found = _CAPTION_DATE.fullmatch(fold(caption or "").strip())
    if found is None:
        return None
    try:
        return parse_date(found[1])
    except NotADate:
        return None


async def _download(context: Ctx, file_id: str) -> bytes:
    """The file a chat sent, fetched from Telegram."""
    return bytes(await (await context.bot.get_file(file_id)).download_as_bytearray())


async def _read(
    context: Ctx,
    app: Services,
    data: bytes,
    file_name: str,
    issued_on: date | None,
    stated_issued_on: date | None = None,
    *,
    given_on: date | None = None,
) -> importing.Reading:
    """Read a file in a worker, from the date of issue given (the document's own is
    stated_issued_on), or else as it was imported before (importing.read_as_imported, from
    given_on when the officer gave a date with the file); raises UnreadableDocument or
    ReadStopped."""
    async with app.database.session() as session:
        known = await list_agencies(session=session)

    async def read(on: date | None, stated: date | None) -> importing.Reading:
        job = importing.ReadJob(
            data=data,
            filename=file_name,
            catalogue=tuple(importing.catalogue_of(known).entries),
            max_bytes=app.settings.importer.max_bytes,
            issued_on=on,
            before_is_inclusive=app.settings.importer.before_is_inclusive,
            stated_issued_on=stated,
        )
        return await reader(context).read(job, time_limit=app.settings.importer.max_read_seconds)

    if issued_on is not None:
        return await read(issued_on, stated_issued_on)
    return await importing.read_as_imported(
        read, sessions=app.database.session, data=data, issued_on=given_on
    )


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
        limit = human_size(app.settings.importer.max_bytes)
        await reply(update, app.texts(f"unreadable_{error.reason_code}", limit=limit))


async def _read_new(
    update: Update,
    context: Ctx,
    sent: ImportRequest,
    issued_on: date | None,
    read_beside: set[int],
) -> None:
    """Read a document just sent (from issued_on, the date its caption gave, if any); once it
    reads, it replaces the sender's older preview, unless one they sent after it was read
    first, or it is the same file as one read beside it (read_beside: those still being read
    when it was sent)."""
    app = services(context)
    data = await _download(context, sent.file_id)
    if is_catalogue(data):  # loaded on the server, not read as a directive
        await _forget(app, sent)
        await reply(update, app.texts("import_catalogue_file", name=sent.file_name))
        return
    reading: importing.Reading | None
    try:
        reading = await _read(context, app, data, sent.file_name, None, given_on=issued_on)
    except UnreadableDocument as error:
        if error.reason_code != "no_issue_date":
            await _forget(app, sent)
            await _unread(update, app, error)
            return
        reading = None  # a good file, whose date the officer gives with /fix ngay
    except importing.ReadStopped as error:
        await _forget(app, sent)
        await _unread(update, app, error)
        return
    if reading is not None and not reading.draft.tasks:
        # Nothing to save or fix (a cover letter sent by mistake): the preview being corrected
        # stays open.
        await _forget(app, sent)
        await reply(update, app.texts("import_no_tasks", name=sent.file_name))
        return
    async with app.database.session() as session:
        # Sent twice (a second tap on a slow connection): the preview shown is kept, with its
        # corrections.
        twice = reading is not None and await importing.same_file_previewed(
            session=session, request=sent, sha256=reading.draft.sha256, read_beside=read_beside
        )
        if twice:
            await imports.forget(session=session, request=sent)
            replaced = None
        else:
            replaced = await imports.open_preview(
                session=session,
                request=sent,
                draft=importing.reading_to_json(reading) if reading else None,
            )
        if replaced is not None and issued_on is not None:
            # Kept as /fix ngay keeps it: saved with the directive, and shown as the officer's.
            await imports.correct(
                session=session,
                request=sent,
                kind="issued",
                key="on",
                value=issued_on.isoformat(),
            )
        plan = await _plan(session, sent) if reading and replaced is not None else None
    if twice:
        await reply(update, app.texts("import_sent_twice", name=sent.file_name))
        return
    if replaced is None:
        await reply(update, app.texts("import_sent_after", name=sent.file_name))
        return
    notes = [app.texts("import_replaced", name=older.file_name) for older in replaced]
    if plan is None:
        await reply(update, "\n".join([app.texts("import_no_issue_date"), *notes]))
        return
    await _show(update, app, sent, plan, notes)


async def _forget(app: Services, sent: ImportRequest) -> None:
    """Forget a document sent that gives no preview."""
    async with app.database.session() as session:
        await imports.forget(session=session, request=sent)


async def _plan(session: AsyncSession, pending: ImportRequest) -> importing.ImportPlan:
    """The plan of a previewed document, from its draft and the officer's corrections."""
    assert pending.draft is not None
    return await importing.plan_reading(
        session=session,
        reading=importing.reading_from_json(pending.draft),
        corrections=importing.corrections_of(pending),
    )


def _buttons(
    texts: Texts, request_id: int | None, plan: importing.ImportPlan, *, view: bool = False
) -> InlineKeyboardMarkup:
    """💾 save (when saving would write something), 👥 expand (when a group waits), ✖️ cancel,
    and 📄 the whole preview under a short answer; each carries the preview's version."""
    key = f"{request_id}:{importing.plan_version(plan)}"
    row = []
    # Nothing to save (no task ready, or a re-import that changes nothing): no button that
    # would promise to save an empty directive, or tasks saved already.
    if plan.saves_something:
        label = (
            texts("button_save", count=sum(len(t.leads) for t in plan.ready))
            if plan.changes is None
            # A re-import: the preview's last line says what is new and what moves.
            else texts("button_save_changes")
        )
        row.append(InlineKeyboardButton(label, callback_data=f"imp:save:{key}"))
    if any(_waits_for_group(t) for t in plan.tasks):
        row.append(InlineKeyboardButton(texts("button_expand"), callback_data=f"imp:expand:{key}"))
    row.append(InlineKeyboardButton(texts("button_cancel"), callback_data=f"imp:cancel:{key}"))
    rows = [row]
    if view:
        rows.append([InlineKeyboardButton(texts("button_view"), callback_data=f"imp:view:{key}")])
    return InlineKeyboardMarkup(rows)


async def _show(
    update: Update,
    app: Services,
    pending: ImportRequest,
    plan: importing.ImportPlan,
    notes: list[str] | None = None,
) -> None:
    """Send the whole preview, with what a re-import would do, and its buttons."""
    texts = app.texts
    extra = list(notes or [])
    if plan.same_by_title and plan.duplicate_of is not None:
        extra.append(texts("import_same_title", id=plan.duplicate_of.id))
    extra += _reimport_notes(texts, plan)
    if plan.kept:
        what = [
            texts(f"kept_{kind}", count=number)
            for kind, number in (
                ("dropped", plan.kept.dropped),
                ("leads", plan.kept.leads),
                ("deadlines", plan.kept.deadlines),
                ("mappings", plan.kept.mappings),
                ("issued", plan.kept.issued),
            )
            if number
        ]
        extra.append(texts("import_kept_fixes", what=", ".join(what)))
    if plan.changes is not None:
        extra.append(texts("import_reimport_changes", **asdict(plan.changes)))
    parts = import_preview(texts, plan)
    if extra:
        note = "\n".join(extra)
        if len(parts[-1]) + len(note) + 2 <= _ROOM:
            parts[-1] += "\n\n" + note
        else:
            parts.append(note)
    await reply(update, parts, _buttons(texts, pending.id, plan))


def _reimport_notes(texts: Texts, plan: importing.ImportPlan) -> list[str]:
    """What a re-import does besides adding and moving: the saved tasks that take the new
    wording or the cooperating agencies the document names; those it leaves open without
    writing them, so that the officer can withdraw those the document dropped; the withdrawn
    ones it writes again, which the officer may restore (the first few of each, with their
    numbers)."""
    notes = [
        texts(key, count=count)
        for key, count in (("import_reworded", plan.reworded), ("import_joined", plan.joined))
        if count
    ]
    for key, saved in (
        ("import_left_open", plan.left_open),
        ("import_still_withdrawn", plan.still_withdrawn),
    ):
        if not saved:
            continue
        lines = [texts(key, count=len(saved))]
        lines += [
            texts("import_left_open_task", id=task.id, lead=task.lead, text=_quoted(task.text))
            for task in saved[:_LEFT_OPEN_SHOWN]
        ]
        if len(saved) > _LEFT_OPEN_SHOWN:
            more = len(saved) - _LEFT_OPEN_SHOWN
            lines.append(texts("import_left_open_more", count=more))
        notes.append("\n".join(lines))
    return notes


async def _show_change(
    update: Update,
    app: Services,
    pending: ImportRequest,
    plan: importing.ImportPlan,
    heading: str,
    numbers: list[int],
    note: str | None = None,
) -> None:
    """Answer a correction in one short message, not the whole preview again: the tasks it
    changed, the counts, and the buttons (a button to see the whole preview among them)."""
    text = import_change(app.texts, plan, heading, numbers, note=note)
    await reply(update, text, _buttons(app.texts, pending.id, plan, view=True))


@dataclass(frozen=True)
class _FixCommand:
    """A /fix as typed: what it corrects ("deadlines", "leads", "dropped", "restored", an agency
    as written: "mappings", the document's date: "issued", or nothing: "view"), of which tasks,
    to what (and, of a mapping, the agency as the document writes it)."""

    what: str
    spans: list[importing.Span]
    value: str = ""
    written: str = ""


def _fix_word(args: list[str]) -> tuple[int, int, str] | None:
    """Where the first keyword of a /fix is among its arguments (from, to) and what it corrects;
    the longest wins ("xem lại" is not "xem" and a value "lại")."""
    for start in range(len(args)):
        for size in range(min(_FIX_WORD_LENGTH, len(args) - start), 0, -1):
            typed = fold(" ".join(args[start : start + size]).rstrip(":"))
            if (what := _FIX_WORDS.get(typed.replace(" ", ""))) is not None:
                return start, start + size, what
    return None


def _parse_fix(args: list[str]) -> _FixCommand | None:
    """The /fix typed, or None when it is not one: /fix 3 han 30/04/2023, /fix 3,5,7-9 chủ trì
    Sở Y tế, /fix 3 bo, /fix 3 lai, /fix ten UBND các xã = UBND huyện, /fix ngay 15/03/2023,
    /fix xem."""
    if (found := _fix_word(args)) is None:
        return None
    start, end, what = found
    # The numbers come before the word: "3,5", or "3, 5" (two arguments) when typed so.
    spans = importing.task_spans(" ".join(args[:start])) if start else []
    value = " ".join(args[end:])
    takes_numbers, takes_value = _FIX_TAKES[what]
    if spans is None or bool(spans) != takes_numbers or bool(value) != takes_value:
        return None
    if what != "mappings":
        return _FixCommand(what, spans, value)
    if (mapping := importing.parse_mapping(value)) is None:
        return None
    written, agency = mapping
    return _FixCommand(what, spans, agency, written)


async def fix(update: Update, context: Ctx) -> None:
    """Correct the preview: /fix 3 han 30/04/2023, /fix 3,5,7-9 chutri Sở Y tế, /fix 7 bo (and
    /fix 7 lai), /fix ten UBND các xã = UBND huyện, the document's date (/fix ngay 15/03/2023);
    or see it whole again (/fix xem)."""
    app = services(context)
    chat, user = update.effective_chat, update.effective_user
    assert chat is not None and user is not None
    if (command := _parse_fix(context.args or [])) is None:
        await reply(update, app.texts("fix_usage"))
        return
    try:
        async with request(update, context) as r:
            if not r.caller.is_coordinator:
                raise CoordinatorsOnly()
            if _sent_as_chat(update):
                await reply(update, app.texts("import_sent_as_chat"))
                return
            pending = await imports.pending_of(session=r.session, chat_id=chat.id, user_id=user.id)
            if pending is None:
                latest = await imports.latest_of(
                    session=r.session, chat_id=chat.id, user_id=user.id
                )
                key = _none_pending(latest, user.id, _read_by(app))
                name = latest.file_name if latest is not None else ""
                await reply(update, app.texts(key, name=name))
                return
            if command.what == "issued":
                issued_on = parse_date(command.value)
                await imports.correct(
                    session=r.session,
                    request=pending,
                    kind="issued",
                    key="on",
                    value=issued_on.isoformat(),
                )
            elif pending.draft is None:  # the document's date is still to be given
                await reply(update, app.texts("import_no_issue_date"))
                return
            elif command.what == "view":
                plan = await _plan(r.session, pending)
            else:
                change = await _correct(app.texts, r.session, pending, command)
                plan = await _plan(r.session, pending)
    except (
        importing.NoSuchTasks,
        importing.NotLeftOut,
        importing.LeftOutBefore,
        importing.AgencyIsANumber,
        importing.NotWritten,
        NotADate,
        UnknownAgency,
        AmbiguousAgency,
        StorageError,
    ) as error:
        await reply(update, _fix_refused(app, error))
        return
    except imports.NoLongerPending as error:
        await reply(update, app.texts(f"import_already_{error.status}"))
        return
    if command.what == "issued":  # deadlines are counted from the document's date: read it again
        await _typing(update)
        context.application.create_task(
            _read_dated(update, context, pending, issued_on), update=update
        )
    elif command.what == "view":
        await _show(update, app, pending, plan)
    else:
        await _show_change(update, app, pending, plan, change.heading, change.numbers, change.note)


def _read_by(app: Services) -> datetime:
    """A document sent before this, and still not read, never will be: its reading (on any
    instance) would have ended or been abandoned by now."""
    limit = timedelta(seconds=app.settings.importer.max_read_seconds)
    return app.clock.now() - limit - _READ_GRACE


async def tell_lost_readings(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """At start-up: tell each chat whose document was being read when the bot stopped to send
    it again, and forget it. One that cannot be told is kept, for its /fix to tell."""
    app = services_of(application)
    async with app.database.session() as session:
        lost = await imports.lost_readings(session=session, read_by=_read_by(app))
    for sent in lost:
        async with app.database.session() as session:
            if not await imports.claim_lost(session=session, request=sent):
                continue  # another instance, starting too, tells this one
        text = app.texts("import_read_lost_at_start", name=sent.file_name)
        try:
            await application.bot.send_message(sent.chat_id, text, parse_mode=ParseMode.HTML)
        except TelegramError as error:
            log.warning("chat %s: could not ask for %s again: %s", sent.chat_id, sent.id, error)
            async with app.database.session() as session:
                await imports.give_back_lost(session=session, request=sent)
            continue
        await _forget(app, sent)


def _none_pending(latest: ImportRequest | None, user_id: int, read_by: datetime) -> str:
    """The answer to a /fix from an officer with no preview waiting (the key of its text); a
    document sent before read_by and still not read was not finished (the bot stopped)."""
    if latest is not None and latest.user_id != user_id:
        # In the coordinators' group, typed under a colleague's preview.
        return "import_not_yours"
    if latest is not None and latest.status in (imports.SAVED, imports.CANCELLED):
        # Typed a moment after 💾 or ✖️: say what became of the preview.
        return f"import_already_{latest.status}"
    if latest is not None and latest.status in (imports.READING, imports.TELLING):
        # Typed before the preview came: not "send a document", which would read it twice.
        return "import_still_reading" if latest.created_at >= read_by else "import_read_lost"
    return "import_none_pending"


@dataclass(frozen=True)
class _Change:
    """What a correction of tasks did, for its answer: a heading, the tasks it changed, a hint."""

    heading: str
    numbers: list[int]
    note: str | None = None


async def _correct(
    texts: Texts, session: AsyncSession, pending: ImportRequest, command: _FixCommand
) -> _Change:
    """Record a correction of the preview's tasks, every number and value checked first; raises
    NoSuchTasks, NotLeftOut, NotWritten, NotADate, UnknownAgency or AmbiguousAgency."""
    assert pending.draft is not None
    if command.what == "mappings":
        return await _map(texts, session, pending, command)
    numbers = importing.task_numbers(command.spans, len(pending.draft["tasks"]))
    shown = number_ranges(numbers)
    value = await _fix_value(session, command)
    written, note = numbers, None
    if command.what in ("dropped", "restored"):
        plan = await _plan(session, pending)
        # Left out by an earlier import of the document, not by this preview's corrections.
        before = plan.dropped - importing.corrections_of(pending).dropped
        if command.what == "dropped":
            # Only what this correction leaves out is recorded, and undone by its hint: a task
            # an earlier import left out stays out when the hint's range is brought back.
            written = [n for n in numbers if n not in plan.dropped]
        else:
            importing.check_left_out(plan, numbers)
            written = importing.restored_by(command.spans, numbers, before)
            if kept_out := sorted(set(numbers) - set(written)):
                note = texts("fix_left_out_before", numbers=_typed(kept_out))
            if not written:
                raise importing.LeftOutBefore(kept_out)
    await importing.correct_tasks(
        session=session,
        request=pending,
        kind="dropped" if command.what == "restored" else command.what,
        numbers=written,
        value=value,
    )
    if command.what == "dropped":
        # A range typed by mistake (/fix 1-50 bo) is undone as easily.
        undo = texts("fix_undrop", numbers=_typed(written)) if written else None
        return _Change(texts("fix_dropped", numbers=shown), numbers, undo)
    if command.what == "restored":
        return _Change(texts("fix_restored", numbers=number_ranges(written)), written, note)
    return _Change(texts("fix_corrected", numbers=shown), numbers)


def _typed(numbers: list[int]) -> str:
    """Task numbers as a /fix takes them: "1,3-4"."""
    return number_ranges(numbers).replace(", ", ",").replace("–", "-")


async def _map(
    texts: Texts, session: AsyncSession, pending: ImportRequest, command: _FixCommand
) -> _Change:
    """/fix ten WRITTEN = AGENCY: every task whose agency is written so is that agency's, as
    `nhacviec import --map WRITTEN=AGENCY` does; raises NotWritten or UnknownAgency."""
    numbers = importing.tasks_written(await _plan(session, pending), command.written)
    agency = await find_agency(session=session, text=importing.check_agency_name(command.value))
    await imports.correct(
        session=session,
        request=pending,
        kind="mappings",
        key=importing.mapping_key(command.written),
        value=agency.name,
    )
    heading = texts(
        "fix_mapped",
        written=_quoted(command.written),
        agency=agency.name,
        numbers=number_ranges(numbers),
    )
    return _Change(heading, numbers)


async def _fix_value(session: AsyncSession, command: _FixCommand) -> str:
    """What a /fix sets, as kept with the preview: a date (or importing.NO_DEADLINE), an
    agency's name, or "yes" (left out); raises NotADate, UnknownAgency or AmbiguousAgency."""
    if command.what == "deadlines":
        if fold(command.value).replace(" ", "") in _NO_DEADLINE:
            return importing.NO_DEADLINE
        return parse_date(command.value).isoformat()
    if command.what == "leads":
        typed = importing.check_agency_name(command.value)
        return (await find_agency(session=session, text=typed)).name
    return "no" if command.what == "restored" else "yes"


def _quoted(typed: str) -> str:
    """What the officer typed, repeated in an answer: its beginning only, so that the answer
    stays within one Telegram message."""
    typed = typed.strip()
    return typed if len(typed) <= _QUOTED else typed[:_QUOTED].rstrip() + "…"


def _fix_refused(app: Services, error: Exception) -> str:
    """The officer's words for a /fix that changed nothing."""
    if isinstance(error, importing.NoSuchTasks):
        return app.texts("fix_no_such_task", numbers=number_ranges(error.wrong), count=error.count)
    if isinstance(error, importing.NotLeftOut) and error.dropped:
        return app.texts(
            "fix_not_dropped",
            numbers=number_ranges(error.wrong),
            dropped=number_ranges(error.dropped),
        )
    if isinstance(error, importing.NotLeftOut):
        return app.texts("fix_none_dropped")
    if isinstance(error, importing.AgencyIsANumber):
        return app.texts("fix_agency_number", typed=_quoted(error.typed))
    if isinstance(error, importing.LeftOutBefore):
        return app.texts("fix_left_out_before", numbers=_typed(error.numbers))
    if isinstance(error, importing.NotWritten):
        names = ", ".join(f"“{_quoted(name)}”" for name in error.names[:_NAMES_SHOWN])
        more = "…" if len(error.names) > _NAMES_SHOWN else ""
        key = "fix_not_written_among" if names else "fix_not_written"
        return app.texts(key, written=_quoted(error.written), names=names + more)
    if isinstance(error, NotADate):
        return app.texts("bad_date", text=_quoted(error.text))
    if isinstance(error, UnknownAgency):
        return app.texts("unknown_agency", name=_quoted(error.name))
    if isinstance(error, AmbiguousAgency):
        return app.texts(
            "ambiguous_agency", name=_quoted(error.name), candidates="; ".join(error.candidates)
        )
    assert isinstance(error, StorageError)
    return refusal(app, error)


async def _typing(update: Update) -> None:
    """Show "typing…" while a document is read: a courtesy, so one Telegram fails to show is
    logged and the reading goes on."""
    if update.effective_chat is None:
        return
    try:
        await update.effective_chat.send_action(ChatAction.TYPING)
    except TelegramError as error:
        log.info("chat %s: could not show typing: %s", update.effective_chat.id, error)


async def _read_dated(
    update: Update, context: Ctx, pending: ImportRequest, issued_on: date
) -> None:
    """Read the document again from the date the officer gave, and show its preview."""
    app = services(context)
    stated = importing.reading_from_json(pending.draft).stated_issued_on if pending.draft else None
    try:
        data = await _download(context, pending.file_id)
        reading = await _read(context, app, data, pending.file_name, issued_on, stated)
    except (UnreadableDocument, importing.ReadStopped) as error:
        await _unread(update, app, error)
        return
    async with app.database.session() as session:
        stored = await session.get(ImportRequest, pending.id)
        if stored is None or stored.status != imports.PENDING:
            # Saved or cancelled while it was read again: the date given came too late.
            status = stored.status if stored is not None else imports.CANCELLED
            await reply(
                update, app.texts(f"import_date_too_late_{status}", date=fmt_date(issued_on))
            )
            return
        given = importing.corrections_of(stored).issued_on
        if given is not None and given != issued_on:
            # Another /fix ngay came while it was read: the last date typed stands, whichever
            # reading ends last.
            await reply(
                update,
                app.texts(
                    "import_date_given_since", date=fmt_date(issued_on), given=fmt_date(given)
                ),
            )
            return
        if not reading.draft.tasks:  # answered as a dated document with no tasks
            await imports.forget(session=session, request=stored)
            plan = None
        else:
            await imports.keep_draft(
                session=session, request=stored, draft=importing.reading_to_json(reading)
            )
            plan = await _plan(session, stored)
    if plan is None:
        await reply(update, app.texts("import_no_tasks", name=stored.file_name))
        return
    await _show(update, app, stored, plan)


async def decide(update: Update, context: Ctx) -> None:
    """💾 save, 👥 expand groups, ✖️ cancel, 📄 see the whole preview: coordinators only, in the
    preview's chat, checked again here; save only the preview its message showed."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    assert query is not None and query.data is not None and chat is not None
    press = _DECIDE.fullmatch(query.data)
    request_id = parse_number(press[2]) if press else None
    if press is None or request_id is None:
        await unknown_button(update, context)
        return
    action, version = press[1], press[3]
    app = services(context)
    try:
        async with request(update, context) as r:
            if not r.caller.is_coordinator:
                await answer_press(update, refusal(app, CoordinatorsOnly()))
                return
            pending = await r.session.get(ImportRequest, request_id)
            if pending is not None and _closed_for(pending, chat.id, user):
                # A second tap (the first seemed not to take): say what the first did.
                await answer_press(update, app.texts(f"import_pressed_{pending.status}"))
                return
            if (
                pending is None
                or pending.status != imports.PENDING
                or pending.chat_id != chat.id
                or pending.draft is None
            ):
                await answer_press(update, app.texts("bad_button"))
                return
            if user is None or pending.user_id != user.id:
                # Each coordinator decides on their own preview, as each corrects their own.
                await answer_press(update, app.texts("import_not_yours"))
                return
            grouped: list[int] = []
            if action == "expand":
                before = await _plan(r.session, pending)
                grouped = [t.number for t in before.tasks if _waits_for_group(t)]
                pending.expand_groups = True
                r.session.add(pending)
            plan = await _plan(r.session, pending)
            if action == "save" and version != importing.plan_version(plan):
                # Pressed under a message sent before a correction: it would not save what it
                # showed.
                await answer_press(update, app.texts("import_stale_button"))
                return
            if action == "save" and not plan.saves_something:
                await answer_press(update, app.texts("import_nothing_to_save"))
                return
            saved = None
            if action in ("save", "cancel"):
                # One transaction marks it and saves: a second press finds it closed.
                status = imports.CANCELLED if action == "cancel" else imports.SAVED
                if not await imports.close(session=r.session, request=pending, status=status):
                    # Closed by a tap handled meanwhile elsewhere.
                    await r.session.refresh(pending)
                    await answer_press(update, app.texts(f"import_pressed_{pending.status}"))
                    return
            if action == "save":
                saved = await importing.save_plan(
                    session=r.session,
                    plan=plan,
                    now=app.clock.now(),
                    actor=user.id if user else None,
                )
    except importing.SavedMeanwhile:
        # The same directive saved elsewhere at the same moment: nothing was saved, and the
        # preview is pending again with the officer's corrections. Shown again, it says what
        # saving would do now.
        await answer_press(update, app.texts("import_saved_meanwhile"))
        await _show_again(update, app, request_id)
        return
    await answer_press(update)
    if action == "cancel":
        await reply(update, app.texts("import_cancelled"))
    elif action == "view":
        await _show(update, app, pending, plan)
    elif action == "expand":
        await _show_change(update, app, pending, plan, app.texts("groups_expanded"), grouped)
    elif saved is not None:
        done = saved.saved
        lines = [
            app.texts(
                "import_saved",
                added=len(done.added),
                changed=len(done.changed),
                unchanged=len(done.unchanged),
            ),
            learned_names(app.texts, saved.learned),
        ]
        unfixed = len(plan.tasks) - len(plan.ready)
        if unfixed:
            lines.append(app.texts("import_saved_unfixed", count=unfixed))
        await reply(update, "\n".join(line for line in lines if line))


def _closed_for(pending: ImportRequest, chat_id: int, user: User | None) -> bool:
    """Whether a preview of this officer in this chat was saved or cancelled already."""
    return (
        pending.status in (imports.SAVED, imports.CANCELLED)
        and pending.chat_id == chat_id
        and user is not None
        and pending.user_id == user.id
    )


async def _show_again(update: Update, app: Services, request_id: int) -> None:
    """The whole preview again, planned anew (after a save elsewhere changed it)."""
    async with app.database.session() as session:
        pending = await session.get(ImportRequest, request_id)
        if pending is None or pending.status != imports.PENDING or pending.draft is None:
            return  # cancelled or saved since, by another press: that press answered
        plan = await _plan(session, pending)
    await _show(update, app, pending, plan)


def _waits_for_group(task: importing.PlannedTask) -> bool:
    """Whether a task is given to a group ("các sở, ban, ngành") not yet given to each member."""
    return task.problem is not None and task.problem.kind == "unconfirmed_group"
