"""Documents sent to the bot, kept between the preview and the officer's decision."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from storage.models import ImportRequest

PENDING, SAVED, CANCELLED = "pending", "saved", "cancelled"


async def create_request(
    *,
    session: AsyncSession,
    chat_id: int,
    user_id: int,
    file_id: str,
    file_name: str,
    now: datetime,
) -> ImportRequest:
    """Remember a document until it is saved or cancelled; older pending ones in the chat lapse."""
    for older in (await session.exec(_pending_in(chat_id))).all():
        older.status = CANCELLED
        session.add(older)
    request = ImportRequest(
        chat_id=chat_id, user_id=user_id, file_id=file_id, file_name=file_name, created_at=now
    )
    session.add(request)
    await session.flush()
    return request


def _pending_in(chat_id: int) -> SelectOfScalar[ImportRequest]:
    return (
        select(ImportRequest)
        .where(ImportRequest.chat_id == chat_id, ImportRequest.status == PENDING)
        .order_by(col(ImportRequest.id).desc())
    )


async def pending_in_chat(*, session: AsyncSession, chat_id: int) -> ImportRequest | None:
    """The document of this chat still waiting for a decision."""
    return (await session.exec(_pending_in(chat_id))).first()


async def correct(
    *, session: AsyncSession, request: ImportRequest, kind: str, key: str, value: str
) -> None:
    """Record one correction: kind is "mappings", "leads", "deadlines", "dropped" or "issued"
    (the document's date, under the key "on")."""
    corrections = {name: dict(values) for name, values in request.corrections.items()}
    corrections.setdefault(kind, {})[key] = value
    request.corrections = corrections  # a new dict, so the JSON column is written
    session.add(request)
    await session.flush()
