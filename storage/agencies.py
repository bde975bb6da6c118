"""The agency catalogue: import, list, find an agency by any of its names, merge two, and the
names it learns from the officers' corrections of imported documents (learn, forget)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import AmbiguousAgency, StorageError, UnknownAgency
from storage.models import (
    Agency,
    AgencyRole,
    Chat,
    Directive,
    ExtensionRequest,
    ExtensionStatus,
    Invite,
    Member,
    Task,
    TaskAgency,
    TaskStatus,
)
from storage.names import fold, name_key, vietnamese_order


@dataclass(frozen=True)
class AgencyRow:
    """One line of the catalogue file (line: where it stands in the file, for messages)."""

    name: str
    short_name: str | None = None
    aliases: tuple[str, ...] = field(default=())
    line: int | None = None


COLUMNS = ("name", "short_name", "aliases")
# Where a catalogue's first line is looked for: the file's beginning.
_HEADER_BYTES = 256


def is_catalogue(data: bytes) -> bool:
    """Whether a file is an agency catalogue: its first line names the columns of one (as
    read_catalogue reads it, saved by Excel with a BOM and ";" too). Passed round as directives
    are, it would be read as one: asked its date of issue and its rows previewed as tasks."""
    lines = data[:_HEADER_BYTES].decode("utf-8-sig", errors="replace").splitlines()
    columns = [c.strip().strip('"').lower() for c in re.split(r"[,;\t]", lines[0])] if lines else []
    return "name" in columns and set(columns) <= set(COLUMNS)


class CatalogueError(ValueError):
    """The catalogue cannot be loaded; where names the file and line, problem says what is wrong.

    problem is one of "no_header", "unknown_column", "not_utf8", "bad_quotes", "empty_name",
    "extra_fields", "duplicate_name", "duplicate_written_alike" (a row a document reads as an
    earlier one: "UBND" for "Ủy ban nhân dân"), "name_taken" (by another row of the file),
    "name_in_catalogue" (by an agency already in the database), "written_alike" (a name a
    document reads as another agency's, of the file or the database), "not_merged" (the name
    or short name of an agency the file no longer lists, given to one of the catalogue: merge
    it first) or "merged_away" (the name of an agency merged into another, which keeps it);
    details holds the values its message needs (a name, the other agency, its line, other: the
    name as the other has it, into: the agency to merge into, and claimed_as: "name",
    "short_name" or "alias", what the row, or for "not_merged" the agency left out, has it as).
    """

    def __init__(self, message: str, *, problem: str, where: str, **details: str) -> None:
        super().__init__(f"{where}: {message}")
        self.problem = problem
        self.where = where
        self.details = details


def read_catalogue(path: Path) -> list[AgencyRow]:
    """Read a CSV with columns name, short_name, aliases (separated by ';').

    The fields are separated by ',' or, as Excel saves a file under Vietnamese settings, by ';'
    (the header line tells which). A row with more fields than the header (an unquoted comma in
    a name) is refused, not split, and so is a quote left open.
    """
    try:
        # Unikey's "Unicode tổ hợp" and macOS write "ở" as "o" and two marks: stored as NFC, so
        # the catalogue's names are the same text as the documents' (which are read as NFC).
        text = unicodedata.normalize("NFC", path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise CatalogueError(
            f"not UTF-8 text ({error.reason})", problem="not_utf8", where=str(path)
        ) from error
    header = text.partition("\n")[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    # strict: a quote left open is an error, not a field that swallows the rest of the file.
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        if reader.fieldnames is None or "name" not in _columns(reader.fieldnames):
            raise CatalogueError(
                "the first line must name the columns: name,short_name,aliases",
                problem="no_header",
                where=str(path),
            )
        columns = reader.fieldnames = _columns(reader.fieldnames)
        for column in columns:
            if column not in COLUMNS:
                raise CatalogueError(
                    f"unknown column {column!r}",
                    problem="unknown_column",
                    where=f"{path}:1",
                    column=column,
                )
        return [_row(record, columns, reader.line_num, str(path)) for record in reader]
    except csv.Error as error:
        # line_num is the last line read whole: the row refused starts on the next one.
        raise CatalogueError(
            str(error), problem="bad_quotes", where=f"{path}:{reader.line_num + 1}"
        ) from error


def _row(record: dict[str | Any, Any], columns: list[str], line: int, path: str) -> AgencyRow:
    # line_num counts physical lines, blank ones and quoted line breaks included.
    where = f"{path}:{line}"
    if None in record:
        fields = len(columns) + len(record[None])
        raise CatalogueError(
            f"{fields} fields for {len(columns)} columns",
            problem="extra_fields",
            where=where,
            fields=str(fields),
            columns=str(len(columns)),
        )
    name = (record.get("name") or "").strip()
    if not name:
        raise CatalogueError("the name is empty", problem="empty_name", where=where)
    aliases = tuple(a.strip() for a in (record.get("aliases") or "").split(";") if a.strip())
    short_name = (record.get("short_name") or "").strip() or None
    return AgencyRow(name, short_name, aliases, line)


def _columns(header: Sequence[str]) -> list[str]:
    """The header's column names as people type them: "name, short_name" is name, short_name."""
    return [column.strip().lower() for column in header]


@dataclass(frozen=True)
class GivenUp:
    """A learned name a row of a catalogue file claimed: agency learned it, the row of agency
    ``to`` (at line, when the file has lines) gives it as its own name, short name or alias."""

    name: str
    agency: str
    to: str
    line: int | None = None


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    given_up: tuple[GivenUp, ...] = ()  # learned names the file gave to another agency
    # Agencies of the catalogue the file has no row for: kept as they are, tasks and all (a
    # file of today's agencies leaves out those merged into one: merge_agencies moves them).
    left_out: tuple[str, ...] = ()


async def import_agencies(
    *, session: AsyncSession, rows: Sequence[AgencyRow], now: datetime, source: str = ""
) -> ImportResult:
    """Create new agencies and update the others by name; running it twice changes nothing.

    A row is an agency of the catalogue when a document reads their names alike (name_key):
    the row's name, as it writes it, becomes the agency's ("So Tai chinh" corrected to "Sở Tài
    chính", "Sở Văn hóa, Thể thao và Du lịch" written with a dash).

    A row gives an agency's short name and aliases; the names merged into it (merge_agencies)
    and the names it learned (learn_names) it keeps whatever the row says, but a learned name
    a row gives as its name, short name or alias is the row's: the agency that learned it gives
    it up (the result says which, when it was another agency's). Nothing is saved when two
    agencies would answer to one name (a name, short name or alias given twice in the rows, or
    one an agency of the catalogue already has): every lookup by that name would then be
    ambiguous; nor when a row gives the name of an agency merged into another (an old file's
    row would bring it back, empty).
    source is the file, for the error's where.
    """
    catalogue = await list_agencies(session=session)
    _check_names(rows, catalogue, source)
    in_rows = {name_key(row.name) for row in rows}
    left_out = tuple(a.name for a in catalogue if name_key(a.name) not in in_rows)
    created = updated = 0
    for row in rows:
        agency = _agency_of(row.name, catalogue)
        if agency is None:
            agency = Agency(
                name=row.name, short_name=row.short_name, aliases=list(row.aliases), created_at=now
            )
            session.add(agency)
            catalogue.append(agency)
            created += 1
        elif (agency.name, agency.short_name, agency.aliases) != (
            row.name,
            row.short_name,
            list(row.aliases),
        ):
            agency.name = row.name
            agency.short_name = row.short_name
            agency.aliases = list(row.aliases)
            session.add(agency)
            updated += 1
    given_up = _give_up_learned(rows, catalogue)
    await session.flush()
    return ImportResult(created, updated, given_up, left_out)


def _agency_of(name: str, catalogue: Sequence[Agency]) -> Agency | None:
    """The agency of the catalogue a row's name is: the one named so (as fold compares them),
    else one a document reads alike (a catalogue saved before _check_names compared names so
    may have two)."""
    for same in (fold, name_key):
        key = same(name)
        for agency in catalogue:
            if same(agency.name) == key:
                return agency
    return None


def _give_up_learned(rows: Sequence[AgencyRow], catalogue: list[Agency]) -> tuple[GivenUp, ...]:
    """Take the learned names the rows give as an agency's own from the agencies that learned
    them: what a file says of a name wins over what an officer's correction taught."""
    claimed: dict[str, AgencyRow] = {}
    for row in rows:
        for _claimed_as, written in _claims(row.name, row.short_name, row.aliases):
            claimed.setdefault(name_key(written), row)
    given_up = []
    for agency in catalogue:
        lost = [name for name in agency.learned_names if name_key(name) in claimed]
        if not lost:
            continue
        agency.learned_names = [n for n in agency.learned_names if n not in lost]  # a new list
        for name in lost:
            row = claimed[name_key(name)]
            if name_key(row.name) != name_key(agency.name):  # its own row keeps it as its own
                given_up.append(GivenUp(name, agency.name, row.name, row.line))
    return tuple(given_up)


@dataclass(frozen=True)
class _Claim:
    """Who answers to a name once the import is done, and as what."""

    written: str
    claimed_as: str  # "name", "short_name", "alias" or "merged" (a name merge_agencies moved)
    agency: str
    line: int | None  # the row of the file; None for an agency already in the catalogue


def _claims(name: str, short_name: str | None, aliases: Iterable[str]) -> list[tuple[str, str]]:
    named = [("name", name), *([("short_name", short_name)] if short_name else [])]
    return named + [("alias", alias) for alias in aliases]


def _check_names(rows: Sequence[AgencyRow], existing: list[Agency], source: str) -> None:
    """Refuse rows that would give one name to two agencies (see import_agencies): two names a
    document reads alike (name_key) are one name."""
    in_rows = {name_key(row.name) for row in rows}
    in_catalogue = {name_key(agency.name) for agency in existing}
    held: dict[str, _Claim] = {}
    # Names merged into an agency stay its own whatever the rows say.
    for agency in existing:
        for written in agency.merged_names:
            held.setdefault(name_key(written), _Claim(written, "merged", agency.name, None))
    # The catalogue as it will stand: agencies the rows do not update keep all their names.
    for agency in existing:
        if name_key(agency.name) not in in_rows:
            for claimed_as, written in _claims(agency.name, agency.short_name, agency.aliases):
                held.setdefault(name_key(written), _Claim(written, claimed_as, agency.name, None))
    names: dict[str, AgencyRow] = {}
    for row in rows:
        where = f"{source}:{row.line}" if row.line is not None else source or row.name
        kept = name_key(row.name) in in_catalogue  # the row updates an agency of the catalogue
        first = names.setdefault(name_key(row.name), row)
        if first is not row:
            alike = {"other": first.name} if fold(first.name) != fold(row.name) else {}
            raise CatalogueError(
                f"{row.name!r} is on line {first.line} already"
                + (f", written {first.name!r}" if alike else ""),
                problem="duplicate_written_alike" if alike else "duplicate_name",
                where=where,
                name=row.name,
                line=str(first.line),
                **alike,
            )
        for claimed_as, written in _claims(row.name, row.short_name, row.aliases):
            key = name_key(written)
            claim = held.setdefault(key, _Claim(written, claimed_as, row.name, row.line))
            if not key or name_key(claim.agency) == name_key(row.name):
                continue  # its own name given twice (an alias that is its short name)
            raise _taken(written, claimed_as, claim, where, into=row.name, kept=kept)


def _taken(
    written: str, claimed_as: str, claim: _Claim, where: str, *, into: str, kept: bool
) -> CatalogueError:
    """The refusal of a row (of agency into, kept: one of the catalogue) that gives as its
    claimed_as a name written another agency already answers to as the claim says."""
    if claim.claimed_as == "merged":
        return CatalogueError(
            f"{written!r} was merged into {claim.agency!r}: the file cannot give it "
            f"as a {claimed_as}",
            problem="merged_away",
            where=where,
            name=written,
            agency=claim.agency,
            claimed_as=claimed_as,
        )
    if claim.line is None and kept and claim.claimed_as in ("name", "short_name"):
        # An agency the file no longer lists, whose own name a row gives to one of the
        # catalogue: most likely merged into it in 2025, with tasks, groups and members that
        # merge_agencies moves and an import would leave behind.
        return CatalogueError(
            f"{written!r} is the {claim.claimed_as} of {claim.agency!r}, which the file no "
            f"longer lists: merge it into {into!r} first",
            problem="not_merged",
            where=where,
            name=written,
            agency=claim.agency,
            into=into,
            claimed_as=claim.claimed_as,
        )
    other = {"line": str(claim.line)} if claim.line is not None else {}
    if fold(claim.written) != fold(written):
        return CatalogueError(
            f"{written!r} reads as {claim.written!r}, a name of {claim.agency!r}",
            problem="written_alike",
            where=where,
            name=written,
            other=claim.written,
            agency=claim.agency,
            **other,
        )
    return CatalogueError(
        f"{written!r} is already the {claim.claimed_as} of {claim.agency!r}",
        problem="name_taken" if claim.line is not None else "name_in_catalogue",
        where=where,
        name=written,
        agency=claim.agency,
        claimed_as=claim.claimed_as,
        **other,
    )


async def list_agencies(*, session: AsyncSession) -> list[Agency]:
    """Every agency, by name in the Vietnamese alphabet's order (a database's collation may
    not know it)."""
    found = (await session.exec(select(Agency))).all()
    return sorted(found, key=lambda agency: vietnamese_order(agency.name))


def _names(agency: Agency) -> list[str]:
    return [agency.name, *([agency.short_name] if agency.short_name else []), *aliases_of(agency)]


def _given_names(agency: Agency) -> list[str]:
    """The names an agency has from the catalogue file and mergers, not those it learned."""
    short = [agency.short_name] if agency.short_name else []
    return [agency.name, *short, *agency.aliases, *agency.merged_names]


def aliases_of(agency: Agency) -> tuple[str, ...]:
    """Every other name an agency answers to: its aliases, the names merged into it, then the
    names it learned."""
    return _once([*agency.aliases, *agency.merged_names, *agency.learned_names])


def _once(names: Iterable[str], *, besides: Iterable[str] = ()) -> tuple[str, ...]:
    """Names in their order, each once (as fold compares them), leaving out those besides has."""
    seen = {fold(name) for name in besides}
    kept = []
    for name in names:
        if fold(name) not in seen:
            seen.add(fold(name))
            kept.append(name)
    return tuple(kept)


# The largest id an agency may have: its column is an INTEGER (32 bits on PostgreSQL).
_MAX_ID = 2**31 - 1


async def find_agency(*, session: AsyncSession, text: str) -> Agency:
    """The agency whose id, name, short name or alias is text; raises when none or several match.

    A name is looked for as fold compares names, then, when no agency has it so, as a document
    reads it (name_key: "UBND phường Tân An" is "Ủy ban nhân dân phường Tân An"): an officer
    who types a name as the documents write it finds what the importer finds.
    """
    typed = text.strip()
    if typed.isascii() and typed.isdigit() and int(typed) <= _MAX_ID:
        by_id = await session.get(Agency, int(typed))
        if by_id is not None:
            return by_id
    catalogue = await list_agencies(session=session)
    matches: list[Agency] = []
    for same in (fold, name_key):
        key = same(typed)
        matches = [a for a in catalogue if key and key in {same(n) for n in _names(a)}]
        if matches:
            break
    if not matches:
        raise UnknownAgency(text)
    if len(matches) > 1:
        raise AmbiguousAgency(text, [a.name for a in matches])
    return matches[0]


class SameAgency(StorageError):
    """An agency cannot be merged into itself (two names of one agency were given)."""

    def __init__(self, name: str) -> None:
        super().__init__(f"{name!r} is the agency it would be merged into")
        self.name = name


@dataclass(frozen=True)
class Merged:
    """What merge_agencies moved from the old agency to today's (tasks done included)."""

    old: str
    into: str
    tasks: int
    pending_extensions: int
    groups: int
    members: int
    merged_names: tuple[str, ...]  # the old agency's names, by which today's is now found
    learned_names: tuple[str, ...] = ()  # the names the old agency had learned, today's now
    # (copy, task kept): the old agency's tasks withdrawn as copies of today's (merge_agencies)
    copies: tuple[tuple[int, int], ...] = ()


async def merge_agencies(
    *,
    session: AsyncSession,
    old: str,
    into: str,
    now: datetime,
    actor: int | None = None,
    copy_reason: Callable[[int], str] | None = None,
) -> Merged:
    """Move everything of a merged-away agency to the one that took it over, then remove it.

    Its tasks (as lead or cooperating; where both agencies were on a task, today's takes the
    stronger part, so it never cooperates on its own task), its chats, members and invites,
    and the leads the officers corrected to it in imported directives go to ``into``; its
    name, short name, aliases and merged names become merged names of ``into``, so documents
    that name it still find today's agency, and no later import of a catalogue file replaces
    them or brings the old agency back; the names it learned (learn_names) become names
    ``into`` learned. Each task's change is audited. Raises UnknownAgency,
    AmbiguousAgency or SameAgency. Pending extension requests stay with their tasks, and so
    move with them.

    A task a group gave each agency a copy of ("Giao các sở, ban, ngành ...": one task per
    department) would leave today's agency leading the same duty twice, reminded twice and,
    one closed, chased for the other: an open task of the old agency that today's leads
    another open one of, of the same directive, words, deadline and schedule, is withdrawn as
    a copy of it (copy_reason: the reason, from the id of the task kept), audited on both; its
    pending extension request goes to the task kept when that has none, else it expires. It is
    withdrawn, not closed as done: the month's report would count it done on time.
    """
    # storage.tasks imports this module for find_agency: imported here, not at the top.
    from storage.tasks import audit

    gone = await find_agency(session=session, text=old)
    kept = await find_agency(session=session, text=into)
    if gone.id == kept.id:
        raise SameAgency(gone.name)
    assert gone.id is not None and kept.id is not None

    parts = {
        row.task_id: row
        for row in (
            await session.exec(select(TaskAgency).where(TaskAgency.agency_id == kept.id))
        ).all()
    }
    led_before = {task_id for task_id, row in parts.items() if row.role == AgencyRole.LEAD}
    moved = (await session.exec(select(TaskAgency).where(TaskAgency.agency_id == gone.id))).all()
    for row in moved:
        other = parts.get(row.task_id)
        if other is None:
            session.add(TaskAgency(task_id=row.task_id, agency_id=kept.id, role=row.role))
        elif AgencyRole.LEAD in (row.role, other.role):
            other.role = AgencyRole.LEAD
            session.add(other)
        await session.delete(row)
        audit(
            session,
            task_id=row.task_id,
            action="agency_merged",
            actor=actor,
            now=now,
            detail=f"{gone.name} -> {kept.name} ({row.role})",
        )
    task_ids = [row.task_id for row in moved]
    waiting = (
        await session.exec(
            select(ExtensionRequest).where(
                col(ExtensionRequest.task_id).in_(task_ids),
                ExtensionRequest.status == ExtensionStatus.PENDING,
            )
        )
    ).all()
    await session.flush()  # today's agency leads the moved tasks before its copies are sought
    copies = await _withdraw_copies(
        session=session,
        agency_id=kept.id,
        led_before=led_before,
        moved=set(task_ids),
        now=now,
        actor=actor,
        reason=copy_reason or _copy_of,
    )

    members = (await session.exec(select(Member).where(Member.agency_id == gone.id))).all()
    people = {member.telegram_user_id for member in members}
    chats = (await session.exec(select(Chat).where(Chat.agency_id == gone.id))).all()
    invites = (await session.exec(select(Invite).where(Invite.agency_id == gone.id))).all()
    for bound in (*members, *chats, *invites):
        bound.agency_id = kept.id
        session.add(bound)
    await _move_corrected_leads(session=session, gone=gone.id, kept=kept.id)

    # Its aliases are the file's, which a later import may change: a name merged in is kept
    # apart even when today's agency has it as an alias already.
    taken_over = _once(_given_names(gone), besides=[kept.name, *kept.merged_names])
    learned = _once(gone.learned_names, besides=[*_names(kept), *taken_over])
    kept.merged_names = [*kept.merged_names, *taken_over]  # a new list: JSON is saved
    merged_in = {fold(name) for name in taken_over}
    kept.learned_names = [
        *(name for name in kept.learned_names if fold(name) not in merged_in),
        *learned,
    ]
    session.add(kept)
    await session.flush()  # everything points at today's agency before the old one goes
    await session.delete(gone)
    await session.flush()
    return Merged(
        old=gone.name,
        into=kept.name,
        tasks=len(moved),
        pending_extensions=sum(request.status == ExtensionStatus.PENDING for request in waiting),
        # A private chat is its owner's (its id is theirs): counted with the members.
        groups=sum(chat.telegram_id not in people for chat in chats),
        members=len(members),
        merged_names=taken_over,
        learned_names=learned,
        copies=copies,
    )


def _copy_of(kept: int) -> str:
    return f"copy of #{kept}"


async def _withdraw_copies(
    *,
    session: AsyncSession,
    agency_id: int,
    led_before: set[int],
    moved: set[int],
    now: datetime,
    actor: int | None,
    reason: Callable[[int], str],
) -> tuple[tuple[int, int], ...]:
    """Withdraw the moved tasks the agency now leads that are copies of one it led before (see
    merge_agencies); returns (copy, task kept) pairs."""
    from storage.tasks import audit, withdraw_task

    led = (
        await session.exec(
            select(Task)
            .join(TaskAgency, col(TaskAgency.task_id) == col(Task.id))
            .where(
                TaskAgency.agency_id == agency_id,
                TaskAgency.role == AgencyRole.LEAD,
                Task.status == TaskStatus.OPEN,
                col(Task.directive_id).is_not(None),
            )
            .order_by(col(Task.id))
        )
    ).all()
    kept: dict[tuple[object, ...], Task] = {}
    for task in led:
        if task.id in led_before:
            kept.setdefault(_duty(task), task)
    pending: dict[int, list[ExtensionRequest]] = {}
    for request in (
        await session.exec(
            select(ExtensionRequest).where(
                col(ExtensionRequest.task_id).in_([task.id for task in led]),
                ExtensionRequest.status == ExtensionStatus.PENDING,
            )
        )
    ).all():
        pending.setdefault(request.task_id, []).append(request)
    withdrawn = []
    for copy in led:
        original = kept.get(_duty(copy))
        if copy.id not in moved or copy.id in led_before or original is None:
            continue
        assert copy.id is not None and original.id is not None
        asked = pending.pop(copy.id, [])
        if asked and not pending.get(original.id):
            # The same deadline of the same duty: the request still asks what it asked.
            asked[0].task_id = original.id
            session.add(asked[0])
            pending[original.id] = asked[:1]
            audit(
                session,
                task_id=original.id,
                action="extension_moved",
                actor=actor,
                now=now,
                detail=f"{asked[0].id}: from #{copy.id}, its copy",
            )
        # Its pending request, not moved above, expires with it.
        await withdraw_task(
            session=session, task_id=copy.id, actor=actor, reason=reason(original.id), now=now
        )
        audit(
            session,
            task_id=original.id,
            action="copy_withdrawn",
            actor=actor,
            now=now,
            detail=f"#{copy.id} withdrawn as its copy",
        )
        withdrawn.append((copy.id, original.id))
    await session.flush()
    return tuple(withdrawn)


def _duty(task: Task) -> tuple[object, ...]:
    """What makes two tasks one duty given twice: directive, words, deadline and schedule."""
    return (task.directive_id, fold(task.text), task.deadline, task.recurrence)


async def _move_corrected_leads(*, session: AsyncSession, gone: int, kept: int) -> None:
    """A lead an officer corrected to the old agency is today's when the directive comes again."""
    corrected = await session.exec(select(Directive).where(col(Directive.corrections).is_not(None)))
    for directive in corrected.all():
        corrections = directive.corrections or {}
        leads: dict[str, int] = corrections.get("leads", {})
        if gone in leads.values():
            fixed = {text: kept if agency == gone else agency for text, agency in leads.items()}
            directive.corrections = {**corrections, "leads": fixed}  # a new dict: JSON is saved
            session.add(directive)


# --------------------------------------------------------------------------------------------
# Names learned from the officers: an agency as a document writes it, given to one of the
# catalogue when an import was saved (/fix ten, nhacviec import --map)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Learned:
    """A name an agency learned, as the document wrote it, and the agency's name; instead_of,
    the agency that had learned it before, when an officer gave it to another."""

    name: str
    agency: str
    instead_of: str | None = None


async def learn_names(*, session: AsyncSession, names: Mapping[str, int]) -> tuple[Learned, ...]:
    """Make each name (as a document writes it) a learned name of the agency (by id) an officer
    gave it to, so that later documents and commands find the agency by it. A name another
    agency learned moves to this one: the officer's latest word corrects the earlier. A name
    some agency answers to otherwise (its name, short name, alias or merged name, as fold
    compares them) or this one learned already, the second of two names written alike, and a
    name of an agency no longer there are left as they are. Returns what was learned, in the
    order given.

    The agencies are read locked (PostgreSQL): two imports saved at the same moment learn one
    after the other, so the second sees the names the first took."""
    locked = select(Agency).order_by(col(Agency.id)).with_for_update()
    known = list((await session.exec(locked.execution_options(populate_existing=True))).all())
    by_id = {agency.id: agency for agency in known}
    taken = {fold(name) for agency in known for name in _given_names(agency)}
    learned_by = {fold(name): agency for agency in known for name in agency.learned_names}
    learned = []
    for written, agency_id in names.items():
        name, agency = written.strip(), by_id.get(agency_id)
        key = fold(name)
        before = learned_by.get(key)
        if agency is None or not key or key in taken or before is agency:
            continue
        taken.add(key)
        if before is not None:
            before.learned_names = [n for n in before.learned_names if fold(n) != key]
            session.add(before)
        learned_by[key] = agency
        agency.learned_names = [*agency.learned_names, name]  # a new list: JSON is saved
        session.add(agency)
        learned.append(Learned(name, agency.name, before.name if before is not None else None))
    await session.flush()
    return tuple(learned)


class NotLearned(StorageError):
    """No agency learned the name `nhacviec agencies forget` was given. When an agency answers
    to it otherwise, agency is that agency and claimed_as says how: "name", "short_name",
    "alias" (the catalogue file's) or "merged" (merge_agencies)."""

    def __init__(self, name: str, agency: str | None = None, claimed_as: str | None = None) -> None:
        super().__init__(f"no agency learned {name!r}")
        self.name = name
        self.agency = agency
        self.claimed_as = claimed_as


async def forget_name(*, session: AsyncSession, name: str) -> Learned:
    """Remove a learned name (in any case, with or without diacritics) from the agency that
    learned it: documents that write it are read as before it was learned. Raises NotLearned."""
    key = fold(name)
    catalogue = await list_agencies(session=session)
    forgotten: Learned | None = None
    for agency in catalogue:
        held = [learned for learned in agency.learned_names if fold(learned) == key]
        if held and key:
            agency.learned_names = [n for n in agency.learned_names if fold(n) != key]
            session.add(agency)
            forgotten = forgotten or Learned(held[0], agency.name)
    if forgotten is not None:
        await session.flush()
        return forgotten
    for agency in catalogue:
        claims = _claims(agency.name, agency.short_name, agency.aliases)
        claims += [("merged", merged) for merged in agency.merged_names]
        for claimed_as, written in claims:
            if key and fold(written) == key:
                raise NotLearned(name, agency.name, claimed_as)
    raise NotLearned(name)
