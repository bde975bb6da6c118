"""Directives: the documents tasks come from."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Directive


async def add_directive(
    *,
    session: AsyncSession,
    now: datetime,
    number: str | None = None,
    kind: str | None = None,
    title: str | None = None,
    issued_on: date | None = None,
    signer: str | None = None,
    source_sha256: str | None = None,
) -> Directive:
    """Record a directive; its tasks point at it."""
    directive = Directive(
        number=number,
        kind=kind,
        title=title,
        issued_on=issued_on,
        signer=signer,
        source_sha256=source_sha256,
        created_at=now,
    )
    session.add(directive)
    await session.flush()
    return directive
