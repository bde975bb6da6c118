"""The agency catalogue: import, list, and find an agency by any of its names."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import AmbiguousAgency, UnknownAgency
from storage.models import Agency
from storage.names import fold


@dataclass(frozen=True)
class AgencyRow:
    """One line of the catalogue file."""

    name: str
    short_name: str | None = None
    aliases: tuple[str, ...] = field(default=())


class CatalogueError(ValueError):
    """The catalogue file cannot be read; the message names the line, problem says what is wrong.

    problem is "no_header", "empty_name" or "not_utf8"; where is the file, or file:line.
    """

    def __init__(self, message: str, *, problem: str, where: str) -> None:
        super().__init__(f"{where}: {message}")
        self.problem = problem
        self.where = where


def read_catalogue(path: Path) -> list[AgencyRow]:
    """Read a CSV with columns name, short_name, aliases (separated by ';')."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or "name" not in reader.fieldnames:
                raise CatalogueError(
                    "the first line must name the columns: name,short_name,aliases",
                    problem="no_header",
                    where=str(path),
                )
            rows = []
            for line_number, record in enumerate(reader, start=2):
                name = (record.get("name") or "").strip()
                if not name:
                    raise CatalogueError(
                        "the name is empty", problem="empty_name", where=f"{path}:{line_number}"
                    )
                aliases = tuple(
                    a.strip() for a in (record.get("aliases") or "").split(";") if a.strip()
                )
                rows.append(
                    AgencyRow(name, (record.get("short_name") or "").strip() or None, aliases)
                )
            return rows
    except UnicodeDecodeError as error:
        raise CatalogueError(
            f"not UTF-8 text ({error.reason})", problem="not_utf8", where=str(path)
        ) from error


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


async def import_agencies(
    *, session: AsyncSession, rows: Iterable[AgencyRow], now: datetime
) -> ImportResult:
    """Create new agencies and update the others by name; running it twice changes nothing."""
    existing = {fold(a.name): a for a in await list_agencies(session=session)}
    created = updated = 0
    for row in rows:
        agency = existing.get(fold(row.name))
        if agency is None:
            agency = Agency(
                name=row.name, short_name=row.short_name, aliases=list(row.aliases), created_at=now
            )
            session.add(agency)
            existing[fold(row.name)] = agency
            created += 1
        elif (agency.short_name, agency.aliases) != (row.short_name, list(row.aliases)):
            agency.short_name = row.short_name
            agency.aliases = list(row.aliases)
            session.add(agency)
            updated += 1
    await session.flush()
    return ImportResult(created, updated)


async def list_agencies(*, session: AsyncSession) -> list[Agency]:
    """Every agency, by name."""
    return list((await session.exec(select(Agency).order_by(col(Agency.name)))).all())


def _names(agency: Agency) -> list[str]:
    return [agency.name, *([agency.short_name] if agency.short_name else []), *agency.aliases]


async def find_agency(*, session: AsyncSession, text: str) -> Agency:
    """The agency whose name, short name or alias is text; raises when none or several match."""
    key = fold(text)
    if text.strip().isascii() and text.strip().isdigit():
        by_id = await session.get(Agency, int(text))
        if by_id is not None:
            return by_id
    matches = [
        a for a in await list_agencies(session=session) if key in {fold(n) for n in _names(a)}
    ]
    if not matches:
        raise UnknownAgency(text)
    if len(matches) > 1:
        raise AmbiguousAgency(text, [a.name for a in matches])
    return matches[0]
