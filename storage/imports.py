"""Documents sent to the bot, kept between the preview and the officer's decision.

Each officer has their own preview in a chat: two coordinators of one group work on their own
documents, and a new document replaces the sender's older preview only once it has been read,
never the preview of one they sent after it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, null, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from storage.models import ImportRequest

# READING: sent, not read yet (create_request); PENDING: previewed, waiting for a decision.
READING, PENDING, SAVED, CANCELLED = "reading", "pending", "saved", "cancelled"
# A reading lost in a restart that one instance, starting, is telling its chat about.
TELLING = "telling"


async def create_request(
    *,
    session: AsyncSession,
    chat_id: int,
    user_id: int,
    file_id: str,
    file_name: str,
    now: datetime,
) -> ImportRequest:
    """Remember a document as it is sent, before it is read (open_preview once it is): its id
    keeps its place among the sender's documents, which are previewed in the order they were
    sent, not in the order their readings end."""
    request = ImportRequest(
        chat_id=chat_id,
        user_id=user_id,
        file_id=file_id,
        file_name=file_name,
        status=READING,
        created_at=now,
    )
    session.add(request)
    await session.flush()
    return request


async def open_preview(
    *, session: AsyncSession, request: ImportRequest, draft: dict[str, Any] | None
) -> list[ImportRequest] | None:
    """Keep a document as read (draft None: its date is still to be given) for its preview;
    the sender's older previews in the chat lapse (returned, so the officer can be told), and
    their older documents still being read will not be previewed. None when a document they
    sent after it was previewed first: it is not previewed, and nothing lapses."""
    # Guarded like close(): a newer document previewed meanwhile, elsewhere, has closed it.
    opened = await session.exec(
        update(ImportRequest)
        .where(col(ImportRequest.id) == request.id, col(ImportRequest.status) == READING)
        .values(status=PENDING, draft=null() if draft is None else draft)
    )
    if opened.rowcount != 1:
        return None
    request.status, request.draft = PENDING, draft
    older = select(ImportRequest).where(
        ImportRequest.chat_id == request.chat_id,
        ImportRequest.user_id == request.user_id,
        col(ImportRequest.id) < request.id,
        col(ImportRequest.status).in_((PENDING, READING)),
    )
    lapsed = list((await session.exec(older)).all())
    replaced = [earlier for earlier in lapsed if earlier.status == PENDING]
    for earlier in lapsed:
        earlier.status, earlier.draft = CANCELLED, None
        session.add(earlier)
    await session.flush()
    return replaced


async def forget(*, session: AsyncSession, request: ImportRequest) -> None:
    """Forget a document sent that was not read (a catalogue, an unreadable file): it has no
    preview to keep."""
    await session.exec(delete(ImportRequest).where(col(ImportRequest.id) == request.id))


async def lost_readings(*, session: AsyncSession, read_by: datetime) -> list[ImportRequest]:
    """Documents sent before read_by and still not read: their reading was stopped with the bot
    that read them (every reading ends within the time limit that read_by leaves, so one still
    going on, on another instance, is of a document sent after it)."""
    lost = select(ImportRequest).where(
        ImportRequest.status == READING, col(ImportRequest.created_at) < read_by
    )
    return list((await session.exec(lost.order_by(col(ImportRequest.id)))).all())


async def claim_lost(*, session: AsyncSession, request: ImportRequest) -> bool:
    """Take a lost reading to tell its chat; False when another instance, starting at the same
    moment, took it first."""
    claimed = await session.exec(
        update(ImportRequest)
        .where(col(ImportRequest.id) == request.id, col(ImportRequest.status) == READING)
        .values(status=TELLING)
    )
    return claimed.rowcount == 1


async def give_back_lost(*, session: AsyncSession, request: ImportRequest) -> None:
    """A lost reading whose chat could not be told: kept, for the officer's /fix to tell."""
    await session.exec(
        update(ImportRequest)
        .where(col(ImportRequest.id) == request.id, col(ImportRequest.status) == TELLING)
        .values(status=READING)
    )


def _pending_of(chat_id: int, user_id: int) -> SelectOfScalar[ImportRequest]:
    return (
        select(ImportRequest)
        .where(
            ImportRequest.chat_id == chat_id,
            ImportRequest.user_id == user_id,
            ImportRequest.status == PENDING,
        )
        .order_by(col(ImportRequest.id).desc())
    )


async def pending_of(*, session: AsyncSession, chat_id: int, user_id: int) -> ImportRequest | None:
    """The document this officer sent in this chat, still waiting for a decision."""
    return (await session.exec(_pending_of(chat_id, user_id))).first()


async def latest_of(*, session: AsyncSession, chat_id: int, user_id: int) -> ImportRequest | None:
    """The last document this officer sent in this chat, whatever became of it, or one sent
    after it by another officer, waiting for their decision (in the coordinators' group)."""
    return (
        await session.exec(
            select(ImportRequest)
            .where(
                ImportRequest.chat_id == chat_id,
                or_(col(ImportRequest.user_id) == user_id, col(ImportRequest.status) == PENDING),
            )
            .order_by(col(ImportRequest.id).desc())
        )
    ).first()


async def close(*, session: AsyncSession, request: ImportRequest, status: str) -> bool:
    """Mark a pending request saved or cancelled; False when it was no longer pending (a second
    press of the same button, on this instance or another, finds it closed and does nothing).

    Its draft goes: nothing reads a closed request's, and a long document's weighs a megabyte
    in the database and its backups, for every document ever sent."""
    result = await session.exec(
        update(ImportRequest)
        .where(col(ImportRequest.id) == request.id, col(ImportRequest.status) == PENDING)
        .values(status=status, draft=null())
    )
    closed: bool = result.rowcount == 1
    if closed:
        request.status = status
    return closed


class NoLongerPending(Exception):
    """A correction came after the preview was saved or cancelled (elsewhere, meanwhile): it
    would be lost, so none is recorded."""

    def __init__(self, status: str) -> None:
        super().__init__(f"the import request is {status}, no longer pending")
        self.status = status


async def correct(
    *, session: AsyncSession, request: ImportRequest, kind: str, key: str, value: str
) -> None:
    """Record one correction: kind is "mappings", "leads", "deadlines", "dropped" or "issued"
    (the document's date, under the key "on")."""
    await correct_many(session=session, request=request, kind=kind, keys=[key], value=value)


async def correct_many(
    *,
    session: AsyncSession,
    request: ImportRequest,
    kind: str,
    keys: Iterable[str],
    value: str,
) -> None:
    """Record one correction for many keys at once (task numbers: /fix 1-60 han ...), with one
    read and one write; request is one of this session. Under "dropped", "yes" leaves a task out
    and "no" brings it back (even one an earlier import of the document left out). Raises
    NoLongerPending when the request was saved or cancelled meanwhile."""
    # The corrections are read again, locked until the commit (PostgreSQL): the JSON is written
    # whole, so a /fix handled meanwhile elsewhere must be read, not overwritten. Only them: the
    # draft beside them may weigh a megabyte. The status with them: a save that committed since
    # the request was read has taken the corrections it saw, and one written now would be lost.
    stored, status = (
        await session.exec(
            select(ImportRequest.corrections, ImportRequest.status)
            .where(col(ImportRequest.id) == request.id)
            .with_for_update()
        )
    ).one()
    if status != PENDING:
        raise NoLongerPending(status)
    corrections = {name: dict(values) for name, values in stored.items()}
    corrections.setdefault(kind, {}).update(dict.fromkeys(keys, value))
    request.corrections = corrections  # a new dict, so the JSON column is written
    session.add(request)
    await session.flush()


async def keep_draft(
    *, session: AsyncSession, request: ImportRequest, draft: dict[str, Any]
) -> None:
    """Keep the document as read again (with the officer's date of issue)."""
    request.draft = draft
    session.add(request)
    await session.flush()
