"""From a document to saved tasks: read it against the catalogue, plan what to save, save it.

The command line (`nhacviec import`) and the bot (a coordinator sends a file) share this, so a
file gives the same tasks whichever way it comes in. The bot reads in a worker process
(DocumentReader), with a time limit, so a document that takes long to read holds up no chat;
the draft it reads is kept with the preview, so /fix and save do not read the file again. The
rules of /fix (which task numbers, recorded how) and the version of a preview that its buttons
carry are here too: the handlers only parse and answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import json
import multiprocessing
import multiprocessing.connection
import re
import traceback
import unicodedata
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager
from dataclasses import astuple, dataclass, field
from datetime import date, datetime, time
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from ingest.agencies import AgencyMention, Catalogue, CatalogueEntry, group_members
from ingest.deadlines import Deadline
from ingest.metadata import DirectiveMeta
from ingest.pipeline import (
    DirectiveDraft,
    DraftWarning,
    draft_to_json,
    read_directive,
    unknown_agencies,
)
from ingest.tasks import TaskDraft
from ingest.text import Document, UnreadableDocument, extract_text
from storage import agencies, directives, imports
from storage.directives import Changes, NewTask, Saved, SavedTask
from storage.errors import AmbiguousAgency, UnknownAgency
from storage.models import Agency, Directive, ImportRequest
from storage.names import fold


def catalogue_of(known: list[Agency]) -> Catalogue:
    """The ingest catalogue for the agencies in the database (the names merged into one, and
    those it learned, included)."""
    return Catalogue([CatalogueEntry(a.name, a.short_name, agencies.aliases_of(a)) for a in known])


async def give_up_claimed_names(*, session: AsyncSession) -> tuple[agencies.GivenUp, ...]:
    """Take the learned names that another agency of the catalogue now answers to, as documents
    are read (with or without marks, dashes, "UBND" for "Ủy ban nhân dân"), from the agencies
    that learned them: a catalogue file's "Ủy ban nhân dân phường Tân An" takes the learned "UBND
    phường Tân An" from the office an officer had given it to meanwhile."""
    known = await agencies.list_agencies(session=session)
    given = Catalogue(
        [CatalogueEntry(a.name, a.short_name, (*a.aliases, *a.merged_names)) for a in known]
    )
    given_up = []
    for agency in known:
        for name in agency.learned_names:
            owner = given.lookup(name)
            if owner is not None and owner.name != agency.name:
                given_up.append(agencies.GivenUp(name, agency.name, owner.name))
        lost = {g.name for g in given_up if g.agency == agency.name}
        if lost:
            agency.learned_names = [n for n in agency.learned_names if n not in lost]
            session.add(agency)
    await session.flush()
    return tuple(given_up)


# --------------------------------------------------------------------------------------------
# Reading: in this process (the command line) or in a worker process (the bot)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReadJob:
    """A file to read, with everything the worker needs (it has no database)."""

    data: bytes
    filename: str
    catalogue: tuple[CatalogueEntry, ...]
    max_bytes: int
    issued_on: date | None = None
    before_is_inclusive: bool = True
    # With issued_on, the date the document itself gives (Reading.stated_issued_on), as an
    # earlier reading without it found.
    stated_issued_on: date | None = None


@dataclass(frozen=True)
class Reading:
    """A document as read: its draft and the hash of its text."""

    draft: DirectiveDraft
    text_sha256: str
    # The date the document gives of itself (or of its meeting, its web page), whatever date
    # an officer gave it: an officer's date is kept with the directive while the document gives
    # the one it gave then. None: it gives none.
    stated_issued_on: date | None = None


@dataclass(frozen=True)
class Unreadable:
    """UnreadableDocument as a worker returns it (the exception itself does not cross processes)."""

    reason_code: str
    message_vi: str
    # The hash of the text, when the text was read but not the directive (it gives no date of
    # issue): an earlier import of the same text is found by it.
    text_sha256: str | None = None


class NotRead(UnreadableDocument):
    """UnreadableDocument as a read raises it, with the hash of the text when there is one."""

    def __init__(self, unreadable: Unreadable) -> None:
        super().__init__(unreadable.reason_code, unreadable.message_vi)
        self.text_sha256 = unreadable.text_sha256


class ReadStopped(Exception):
    """The worker reading a document was stopped before it gave an answer."""


class ReadTimedOut(ReadStopped):
    """The document took longer than [importer] max_read_seconds to read; it was abandoned."""


class ReadCrashed(ReadStopped):
    """The worker died while reading (out of memory, killed)."""


_SPACES = re.compile(r"\s+")


def text_hash(document: Document) -> str:
    """A hash of the text as read, whatever line ends, spacing or file format carried it."""
    parts = [*document.paragraphs, *(f"{k} {v}" for k, v in sorted(document.footnotes.items()))]
    lines = (_SPACES.sub(" ", unicodedata.normalize("NFC", part)).strip() for part in parts)
    return hashlib.sha256("\n".join(line for line in lines if line).encode()).hexdigest()


def read_document(job: ReadJob) -> Reading | Unreadable:
    """Read a file into a draft (what the worker process runs)."""
    try:
        text = extract_text(job.data, job.filename, max_bytes=job.max_bytes)
    except UnreadableDocument as error:
        return Unreadable(error.reason_code, error.message_vi)
    fingerprint = text_hash(text)
    try:
        draft = read_directive(
            job.data,
            job.filename,
            catalogue=Catalogue(list(job.catalogue)),
            issued_on=job.issued_on,
            max_bytes=job.max_bytes,
            before_is_inclusive=job.before_is_inclusive,
        )
    except UnreadableDocument as error:
        return Unreadable(error.reason_code, error.message_vi, fingerprint)
    stated = draft.meta.issued_on if job.issued_on is None else job.stated_issued_on
    return Reading(draft, fingerprint, stated)


def read_now(job: ReadJob) -> Reading:
    """Read in this process; raises NotRead (an UnreadableDocument)."""
    result = read_document(job)
    if isinstance(result, Unreadable):
        raise NotRead(result)
    return result


def _worker_context() -> SpawnContext | ForkServerContext:
    # A fork of a process with threads (the database driver's) can deadlock: workers come from
    # a fork server that has imported the reader once, so each starts in milliseconds.
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return context
    return multiprocessing.get_context("spawn")


def _answer(work: Callable[[ReadJob], Reading | Unreadable], job: ReadJob, out: Connection) -> None:
    """Read in the worker process and send back the reading, or the error that stopped it."""
    try:
        answer: Reading | Unreadable | Exception = work(job)
    except Exception as error:
        error.add_note(traceback.format_exc())  # the traceback does not cross processes
        answer = error
    out.send(answer)


def _run_worker(
    worker: BaseProcess, out: Connection, answers: Connection, stopped: Connection, limit: float
) -> Reading | Unreadable | Exception:
    """Start the worker and wait for its answer, the time limit or a stop; end the worker."""
    with out, answers, stopped:
        worker.start()
        out.close()  # the worker holds the only sending end now: its end closes the pipe
        try:
            ready = multiprocessing.connection.wait([answers, stopped], timeout=limit)
            if answers in ready:
                return answers.recv()  # EOFError if the worker died instead
            raise ReadStopped() if ready else ReadTimedOut()
        except EOFError:
            raise ReadCrashed() from None
        finally:
            # Answered or not, the worker must not outlive the read: a runaway one would keep a
            # CPU and its memory. Joined, it leaves no zombie.
            worker.kill()
            worker.join()
            worker.close()


@dataclass
class DocumentReader:
    """Reads documents in a worker process each, abandoned (killed) past the time limit."""

    work: Callable[[ReadJob], Reading | Unreadable] = read_document

    async def read(self, job: ReadJob, *, time_limit: float) -> Reading:
        """The document's reading; raises UnreadableDocument, ReadTimedOut or ReadCrashed."""
        # A process of its own per document: one that runs away is killed with what it holds,
        # and nothing is left running between documents.
        context = _worker_context()
        answers, out = context.Pipe(duplex=False)
        stopped, stop = context.Pipe(duplex=False)
        worker = context.Process(target=_answer, args=(self.work, job, out), daemon=True)
        # Starting the worker (and the fork server, the first time: half a second) and waiting
        # for it block: a thread does both, so the event loop never waits. Its own thread: a read
        # may wait a minute, and the loop's shared threads are few (they also look up addresses).
        thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="document-reader")
        running = asyncio.wrap_future(
            thread.submit(_run_worker, worker, out, answers, stopped, time_limit)
        )
        thread.shutdown(wait=False)  # it ends once the read is done
        try:
            result = await asyncio.shield(running)
        except asyncio.CancelledError:
            # The bot is stopping: the read must not outlive it. Closing `stop` wakes the thread,
            # which ends the worker; once it has, the cancellation goes on.
            stop.close()
            await asyncio.gather(running, return_exceptions=True)
            raise
        finally:
            stop.close()
        if isinstance(result, Exception):
            raise result
        if isinstance(result, Unreadable):
            raise NotRead(result)
        return result


# --------------------------------------------------------------------------------------------
# The draft kept with the preview, as JSON
# --------------------------------------------------------------------------------------------


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _mention_to_json(mention: AgencyMention) -> dict[str, Any]:
    entry = mention.entry
    return {
        "written": mention.written,
        "start": mention.start,
        "end": mention.end,
        "group": mention.group,
        "entry": None
        if entry is None
        else {"name": entry.name, "short_name": entry.short_name, "aliases": list(entry.aliases)},
    }


def _mention(data: Mapping[str, Any]) -> AgencyMention:
    entry = data["entry"]
    return AgencyMention(
        written=data["written"],
        start=data["start"],
        end=data["end"],
        group=data["group"],
        entry=None
        if entry is None
        else CatalogueEntry(entry["name"], entry["short_name"], tuple(entry["aliases"])),
    )


def _deadline_to_json(deadline: Deadline) -> dict[str, Any]:
    return {
        "date": deadline.date.isoformat() if deadline.date else None,
        "kind": deadline.kind,
        "recurrence": deadline.recurrence,
        "phrase": deadline.phrase,
        "time": deadline.time.isoformat() if deadline.time else None,
        "schedule_day": deadline.schedule_day,
        "schedule_working_day": deadline.schedule_working_day,
    }


def _deadline(data: Mapping[str, Any]) -> Deadline:
    return Deadline(
        date=_day(data["date"]),
        kind=data["kind"],
        recurrence=data["recurrence"],
        phrase=data["phrase"],
        time=time.fromisoformat(data["time"]) if data["time"] else None,
        # A preview kept from before deadlines carried it: the first deadline's day.
        schedule_day=data.get("schedule_day"),
        schedule_working_day=data.get("schedule_working_day"),
    )


def reading_to_json(reading: Reading) -> dict[str, Any]:
    """The reading as JSON, to keep with the preview."""
    draft, meta = reading.draft, reading.draft.meta
    return {
        "sha256": draft.sha256,
        "text_sha256": reading.text_sha256,
        "stated_issued_on": _iso(reading.stated_issued_on),
        "warnings": [_warning_to_json(warning) for warning in draft.warnings],
        "meta": {
            "number": meta.number,
            "kind": meta.kind,
            "title": meta.title,
            "issued_on": meta.issued_on.isoformat() if meta.issued_on else None,
            "issuer": meta.issuer,
            "signer": meta.signer,
        },
        "tasks": [
            {
                "text": task.text,
                "summary": task.summary,
                "lead": _mention_to_json(task.lead) if task.lead else None,
                "cooperating": [_mention_to_json(m) for m in task.cooperating],
                "deadline": _deadline_to_json(task.deadline),
                "inherited": task.inherited,
                "unknown_agencies": list(task.unknown_agencies),
                "source_paragraph": task.source_paragraph,
                "other_deadlines": [_deadline_to_json(d) for d in task.other_deadlines],
            }
            for task in draft.tasks
        ],
    }


def reading_from_json(data: Mapping[str, Any]) -> Reading:
    """The reading kept with a preview."""
    meta = data["meta"]
    tasks = [
        TaskDraft(
            text=task["text"],
            summary=task["summary"],
            lead=_mention(task["lead"]) if task["lead"] else None,
            cooperating=[_mention(m) for m in task["cooperating"]],
            deadline=_deadline(task["deadline"]),
            inherited=task["inherited"],
            unknown_agencies=list(task["unknown_agencies"]),
            source_paragraph=task["source_paragraph"],
            # A preview kept from before the importer found them has none.
            other_deadlines=tuple(map(_deadline, task.get("other_deadlines", ()))),
        )
        for task in data["tasks"]
    ]
    draft = DirectiveDraft(
        meta=DirectiveMeta(
            number=meta["number"],
            kind=meta["kind"],
            title=meta["title"],
            issued_on=_day(meta["issued_on"]),
            issuer=meta["issuer"],
            signer=meta["signer"],
        ),
        tasks=tasks,
        sha256=data["sha256"],
        warnings=[_warning(item, tasks) for item in data["warnings"]],
    )
    # A preview kept from before the stated date was kept with it: the date it was read from.
    stated = data.get("stated_issued_on", meta["issued_on"])
    return Reading(draft, data["text_sha256"], _day(stated))


def _warning_to_json(warning: DraftWarning) -> dict[str, Any]:
    return {**dataclasses.asdict(warning), "date": _iso(warning.date)}


def _warning(item: str | Mapping[str, Any], tasks: list[TaskDraft]) -> DraftWarning:
    if isinstance(item, str):
        # A preview kept from before warnings had codes: their words, as written; the one of
        # the agencies not in the catalogue, known by its words, to be counted again like any.
        unknown = DraftWarning("unknown_agencies", names=unknown_agencies(tasks))
        return unknown if item == unknown.message_vi else DraftWarning("as_written", written=item)
    return DraftWarning(
        code=item["code"],
        date=_day(item["date"]),
        source=item["source"],
        count=item["count"],
        names=tuple(item["names"]),
        written=item["written"],
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


# --------------------------------------------------------------------------------------------
# Planning and saving
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """Why a task cannot be saved yet: no lead, an unknown agency, a group to confirm, a date
    that does not exist."""

    # "no_lead", "unknown_agency", "empty_group", "unconfirmed_group", "impossible_date",
    # "year_out_of_range" (a date the sweep could not count from: "trước ngày 15/3/2101"),
    # "first_date" (a duty that recurs names no day to begin: "định kỳ hằng năm")
    kind: str
    written: str = ""
    count: int = 0


@dataclass
class PlannedTask:
    """One task of the draft: the agencies it will be saved for, or why it cannot be."""

    number: int
    text: str
    summary: str
    deadline: date | None
    deadline_text: str | None
    recurrence: str | None
    schedule_day: int | None = None  # a recurring duty's day of the month, as the text gives it
    schedule_working_day: int | None = None  # or its working day of the month ("thứ 3")
    deadline_time: time | None = None  # "trước 14 giờ ngày 15/3": the hour, with the day
    leads: list[Agency] = field(default_factory=list)
    cooperating: list[Agency] = field(default_factory=list)
    lead_as_written: str | None = None
    problem: Problem | None = None  # None: ready to save
    other_deadlines: tuple[tuple[date, str], ...] = ()  # the text's other dates, with their words


@dataclass(frozen=True)
class Kept:
    """Corrections the officer made when the directive was first imported, applied again."""

    dropped: int = 0
    leads: int = 0
    deadlines: int = 0
    mappings: int = 0  # agencies as written given to a catalogue agency (/fix ten, --map)
    issued: int = 0  # the date of issue (/fix ngay, --issued)

    def __bool__(self) -> bool:
        return bool(self.dropped or self.leads or self.deadlines or self.mappings or self.issued)


@dataclass
class ImportPlan:
    draft: DirectiveDraft
    tasks: list[PlannedTask]
    duplicate_of: Directive | None = None
    text_sha256: str | None = None
    stated_issued_on: date | None = None  # Reading.stated_issued_on: find_imported is given it
    # The corrections in effect, by task number: kept with the directive when it is saved.
    dropped: frozenset[int] = frozenset()
    lead_fixes: dict[int, Agency] = field(default_factory=dict)
    deadline_fixes: dict[int, date | None] = field(default_factory=dict)  # None: no deadline
    expand_groups: bool = False
    restored: frozenset[int] = frozenset()  # brought back, though an earlier import left them out
    # Agencies as written (mapping_key) given to a catalogue agency, this import's and those kept.
    mappings: dict[str, Agency] = field(default_factory=dict)
    # Of this import's, the names as the document writes them that saving teaches the catalogue
    # (_learnable, agencies.learn_names).
    learnable: dict[str, Agency] = field(default_factory=dict)
    kept: Kept = field(default_factory=Kept)  # those that came from an earlier import
    changes: Changes | None = None  # what saving would do to a directive imported before
    reworded: int = 0  # of its tasks, those that take the document's new words
    joined: int = 0  # of its tasks, those given cooperating agencies the document names
    left_open: tuple[SavedTask, ...] = ()  # its open tasks this import leaves as they are
    still_withdrawn: tuple[SavedTask, ...] = ()  # its withdrawn tasks this import writes again
    saved_state: list[list[str]] = field(default_factory=list)  # of that directive's tasks
    # The directive imported before was found by its kind, title, date and signer alone: the
    # document has no number, and its text is not the same.
    same_by_title: bool = False
    # The officer's date of issue, now or kept from an earlier import: (the date the document
    # gives, None if none; the officer's).
    issued_fix: tuple[date | None, date] | None = None

    @property
    def ready(self) -> list[PlannedTask]:
        return [t for t in self.tasks if t.problem is None]

    @property
    def saves_something(self) -> bool:
        """Whether saving would write anything: a new directive's tasks ready; of a directive
        imported before, a task new, moved, reworded or given its cooperating agencies."""
        if self.changes is None:
            return bool(self.ready)
        return bool(self.changes.added or self.changes.changed or self.reworded or self.joined)

    def due_before_issue(self, task: PlannedTask) -> bool:
        """A deadline earlier than the document itself: most likely a slip in the text."""
        issued = self.draft.meta.issued_on
        return task.deadline is not None and issued is not None and task.deadline < issued


# WRITTEN=AGENCY, as the command line's --map and the bot's /fix ten take it. Telegram on a
# phone turns the quotes people put around a name into typographic ones.
_QUOTES = "\"'“”‘’«»"


def parse_mapping(text: str) -> tuple[str, str] | None:
    """The agency as the document writes it and the catalogue agency it is, from
    "WRITTEN=AGENCY" (quotes around either are left out); None when text is not so written."""
    written, sep, agency = text.partition("=")
    written, agency = written.strip().strip(_QUOTES).strip(), agency.strip().strip(_QUOTES).strip()
    if not sep or not written or not agency:
        return None
    return written, agency


def mapping_key(written: str) -> str:
    """What an agency as written is known by in a mapping (plan_import), and kept under: neither
    case nor diacritics count."""
    return fold(written)


def _resolve(
    mention: AgencyMention,
    by_name: dict[str, Agency],
    mappings: dict[str, Agency],
    *,
    expand: bool,
    issued_on: date | None,
) -> tuple[list[Agency], Problem | None]:
    """The agencies a mention of a document issued on issued_on stands for, or the reason it
    stands for none yet."""
    if mapping_key(mention.written) in mappings:
        return [mappings[mapping_key(mention.written)]], None
    if mention.entry is not None and fold(mention.entry.name) in by_name:
        return [by_name[fold(mention.entry.name)]], None
    if mention.group is not None:
        members = group_members(
            mention.group, [CatalogueEntry(a.name) for a in by_name.values()], issued_on=issued_on
        )
        if not members:
            return [], Problem("empty_group", mention.written)
        if not expand:
            return [], Problem("unconfirmed_group", mention.written, len(members))
        return [by_name[fold(m.name)] for m in members], None
    # Unknown, or renamed in the catalogue since the document was read.
    return [], Problem("unknown_agency", mention.written)


# The problem of a deadline whose day the officer must give, by the kind the grammar read.
_UNKNOWN_DAY = {"impossible": "impossible_date", "out_of_range": "year_out_of_range"}
# The problems of a task whose deadline is still to be given (not one without a deadline).
DAY_TO_GIVE = frozenset((*_UNKNOWN_DAY.values(), "first_date"))


def plan_import(
    draft: DirectiveDraft,
    known: list[Agency],
    *,
    mappings: dict[str, Agency] | None = None,
    expand_groups: bool = False,
    leads: dict[int, Agency] | None = None,
    deadlines: Mapping[int, date | None] | None = None,
    dropped: frozenset[int] = frozenset(),
) -> ImportPlan:
    """Decide, task by task, which agencies each will be saved for (with the officer's fixes:
    the tasks they dropped keep their numbers, so the others keep theirs)."""
    by_name = {fold(a.name): a for a in known}
    mapped = {mapping_key(written): agency for written, agency in (mappings or {}).items()}
    # A group stands for the agencies of its document's day: not for the districts abolished
    # before it.
    issued_on = draft.meta.issued_on
    corrected = deadlines or {}
    planned = []
    for number, task in enumerate(draft.tasks, start=1):
        if number in dropped:
            continue
        item = PlannedTask(
            number=number,
            text=task.text,
            summary=task.summary,
            deadline=task.deadline.date,
            deadline_text=task.deadline.phrase or None,
            recurrence=task.deadline.recurrence,
            schedule_day=task.deadline.schedule_day,
            schedule_working_day=task.deadline.schedule_working_day,
            deadline_time=task.deadline.time if task.deadline.date else None,
            lead_as_written=task.lead.written if task.lead else None,
        )
        if number in corrected:
            item.deadline, item.deadline_text, item.schedule_day = corrected[number], None, None
            item.schedule_working_day = item.deadline_time = None
            if item.deadline is None:  # an ongoing duty: no day to remind of, nor to repeat from
                item.recurrence = None
        item.other_deadlines = _other_dates(task, item.deadline)
        if leads and number in leads:
            item.leads = [leads[number]]
        elif task.lead is None:
            item.problem = Problem("no_lead")
        else:
            item.leads, item.problem = _resolve(
                task.lead, by_name, mapped, expand=expand_groups, issued_on=issued_on
            )
        unknown_day = _UNKNOWN_DAY.get(task.deadline.kind) if number not in corrected else None
        if item.problem is None and unknown_day and item.deadline is None:
            item.problem = Problem(unknown_day, task.deadline.phrase)
        if item.problem is None and item.recurrence and item.deadline is None:
            item.problem = Problem("first_date", task.deadline.phrase)
        for mention in task.cooperating:
            helpers, _ = _resolve(
                mention, by_name, mapped, expand=expand_groups, issued_on=issued_on
            )
            item.cooperating += [h for h in helpers if h not in item.leads]
        planned.append(item)
    return ImportPlan(
        draft,
        planned,
        dropped=dropped,
        lead_fixes=dict(leads or {}),
        deadline_fixes=dict(corrected),
        expand_groups=expand_groups,
    )


def _other_dates(task: TaskDraft, deadline: date | None) -> tuple[tuple[date, str], ...]:
    """The dates a task's text gives besides the deadline it is to be saved with, and their
    words: once the officer has corrected it, the one the importer read (to go back to) too."""
    stated = task.other_deadlines
    if deadline != task.deadline.date and not task.inherited:
        stated = (task.deadline, *stated)
    return tuple((d.date, d.phrase) for d in stated if d.date is not None and d.date != deadline)


@dataclass(frozen=True)
class Corrections:
    """What the officer said of a preview, agencies by name: written names mapped to an
    agency, groups given to each member, leads and deadlines of task numbers, tasks left out."""

    mappings: Mapping[str, str] = field(default_factory=dict)
    expand_groups: bool = False
    leads: Mapping[int, str] = field(default_factory=dict)
    deadlines: Mapping[int, date | None] = field(default_factory=dict)  # None: no deadline
    dropped: frozenset[int] = frozenset()
    restored: frozenset[int] = frozenset()  # brought back: an earlier import's drop is not kept
    issued_on: date | None = None  # the date of issue given (/fix ngay, --issued)


@dataclass
class _Fixes:
    leads: dict[int, Agency]
    deadlines: dict[int, date | None]
    dropped: set[int]
    restored: frozenset[int] = frozenset()
    kept: Kept = field(default_factory=Kept)


def _correction_keys(draft: DirectiveDraft) -> list[str]:
    """What each task's corrections are kept under with the directive, in the draft's order: its
    text, its lead as the document writes it, and its rank among the tasks with both the same,
    folded, one a line ("dinh ky 6 thang, bao cao ...\\ncong an tinh\\n1")."""
    # A plan gives one duty, word for word, to several agencies: the text alone would carry a
    # correction of one of them to all. The lead as written, not the task's number nor its rank
    # among the tasks of its text: a corrected version that gains or loses a task elsewhere (one
    # more agency given the same duty) changes those, and would carry the correction to another
    # agency's task. As written, not the agency it stands for: the lead may be what was
    # corrected, and the catalogue changes. A lead the document now writes otherwise is news, as
    # a deadline it now gives otherwise is.
    seen: Counter[tuple[str, str]] = Counter()
    keys = []
    for task in draft.tasks:
        text, lead = fold(task.text), fold(task.lead.written) if task.lead else ""
        seen[text, lead] += 1
        keys.append(f"{text}\n{lead}\n{seen[text, lead]}")
    return keys


@dataclass
class _KeptFixes:
    """The corrections kept with a directive, under the keys of one reading of its document."""

    dropped: set[str]
    leads: dict[str, int]
    deadlines: dict[str, dict[str, str | None]]


def _kept_fixes(kept: Mapping[str, Any] | None, keys: list[str]) -> _KeptFixes:
    """The corrections kept with a directive, under these keys (_correction_keys). An earlier
    version kept them under the text alone, when the importer made one task, the first agency's,
    of a duty written under several: such a key is the first task's of its text (one the
    document no longer has stays as it is), and a key of today's form wins over it."""
    first: dict[str, str] = {}
    for key in keys:
        first.setdefault(key.partition("\n")[0], key)  # folded text has no line break

    def by_task(key: str) -> str:
        return key if "\n" in key else first.get(key, key)

    def ordered(items: Mapping[str, Any]) -> list[tuple[str, Any]]:
        return sorted(items.items(), key=lambda item: "\n" in item[0])  # the older form first

    kept = kept or {}
    corrected = [
        by_task(key) for part in ("dropped", "leads", "deadlines") for key in kept.get(part, ())
    ]
    reworded = _reworded(corrected, keys)

    def task_of(key: str) -> str:
        return reworded.get(by_task(key), by_task(key))

    return _KeptFixes(
        dropped={task_of(key) for key in kept.get("dropped", [])},
        leads={task_of(key): agency for key, agency in ordered(kept.get("leads", {}))},
        deadlines={task_of(key): fix for key, fix in ordered(kept.get("deadlines", {}))},
    )


def _reworded(corrected: Sequence[str], keys: Sequence[str]) -> dict[str, str]:
    """The keys of the draft's tasks that a revision reworded, by the key their corrections are
    kept under: a corrected key no task of the draft has goes to the task of the same lead as
    written whose words are most alike (storage.directives.SAME_TASK_SIMILARITY), each once, in
    the draft's order, as saving pairs a reworded task with the one saved."""
    present, own = set(keys), set(corrected)
    orphans = [key for key in dict.fromkeys(corrected) if key not in present and "\n" in key]
    found: dict[str, str] = {}
    for key in keys:
        text, lead, _ = key.split("\n")
        if key in own or not orphans:
            continue
        alike = [
            (likeness, orphan)
            for orphan in orphans
            if orphan.split("\n")[1] == lead
            and (likeness := directives.wording_likeness(text, orphan.split("\n")[0]))
            >= directives.SAME_TASK_SIMILARITY
        ]
        if alike:
            best = max(alike, key=lambda pair: pair[0])[1]
            found[best] = key
            orphans.remove(best)
    return found


async def _earlier_fixes(
    *, session: AsyncSession, directive: Directive, draft: DirectiveDraft, fixes: _Fixes
) -> _Fixes:
    """Add the corrections kept with the directive to the officer's own (theirs win), each to
    the task it was made for (_correction_keys). A corrected deadline is kept while the document
    gives the deadline it gave then; when it now gives another, the document's is the news."""
    keys = _correction_keys(draft)
    kept = _kept_fixes(directive.corrections, keys)
    counts = {"dropped": 0, "leads": 0, "deadlines": 0}
    for number, (task, key) in enumerate(zip(draft.tasks, keys, strict=True), start=1):
        if key in kept.dropped and number not in fixes.dropped | fixes.restored:
            fixes.dropped.add(number)
            counts["dropped"] += 1
            continue
        if key in kept.leads and number not in fixes.leads:
            agency = await session.get(Agency, kept.leads[key])
            if agency is not None:
                fixes.leads[number] = agency
                counts["leads"] += 1
        fix = kept.deadlines.get(key)
        read = task.deadline.date.isoformat() if task.deadline.date else None
        # "to" None: the officer said the task has no deadline.
        if fix and "to" in fix and fix.get("read") == read and number not in fixes.deadlines:
            fixes.deadlines[number] = _day(fix["to"])
            counts["deadlines"] += 1
    fixes.kept = Kept(**counts)
    return fixes


def _warnings_now(
    draft: DirectiveDraft, known: list[Agency], mapped: Mapping[str, Agency]
) -> list[DraftWarning]:
    """The draft's warnings, the agencies not in the catalogue counted against today's and
    without those the officer mapped (mapping_key) to one of it."""
    catalogue = catalogue_of(known)
    unknown = tuple(
        name
        for name in unknown_agencies(draft.tasks)
        if catalogue.lookup(name) is None and mapping_key(name) not in mapped
    )
    now = [w for w in draft.warnings if w.code != "unknown_agencies"]
    if unknown and len(now) < len(draft.warnings):
        now.append(DraftWarning("unknown_agencies", names=unknown))
    return now


def _in_catalogue_now(draft: DirectiveDraft, known: list[Agency]) -> dict[str, Agency]:
    """The agencies, as written, that the catalogue has now but did not have as it was when the
    document was read (added, or merged into another since): a preview kept open while the
    catalogue changes is planned, shown and saved against today's."""
    catalogue, by_name = catalogue_of(known), {fold(a.name): a for a in known}
    found: dict[str, Agency] = {}
    for task in draft.tasks:
        for mention in [task.lead, *task.cooperating]:
            if mention is None or (mention.entry is None and mention.group is not None):
                continue  # a group is given to the catalogue's members as they are today
            if mention.entry is not None and fold(mention.entry.name) in by_name:
                continue
            names = [mention.entry.name] if mention.entry is not None else []
            for name in [*names, mention.written]:
                entry = catalogue.lookup(name)
                if entry is not None and fold(entry.name) in by_name:
                    found.setdefault(mapping_key(mention.written), by_name[fold(entry.name)])
                    break
    return found


def _learnable(
    draft: DirectiveDraft, known: list[Agency], mapped: Mapping[str, Agency]
) -> dict[str, Agency]:
    """The names this import's mappings (/fix ten, --map) give to a catalogue agency that saving
    teaches the catalogue, as the document writes them. Not a group ("các sở, ban, ngành",
    "UBND các xã" are several agencies, not a name of one), nor a name that every district or
    commune has ("UBND xã"), nor a name some agency answers to
    already, as the importer's catalogue reads names (one the officer gave to another agency
    for this document only), unless that agency only learned it (the officer corrects what was
    learned), nor a name the document does not write (a mistyped --map); those a mapping kept
    from an earlier import of the directive gives are taught by none."""
    catalogue = catalogue_of(known)
    written: dict[str, list[AgencyMention]] = {}
    for task in draft.tasks:
        for mention in [task.lead, *task.cooperating]:
            if mention is not None:
                written.setdefault(mapping_key(mention.written), []).append(mention)
    learnable: dict[str, Agency] = {}
    for key, agency in mapped.items():
        mentions = written.get(key, [])
        if not mentions or any(mention.group is not None for mention in mentions):
            continue
        name = mentions[0].written
        found = catalogue.lookup(name)
        free = found is None or _learned_by_another(name, found.name, agency, known)
        if free and _singles_out(name):
            learnable[name] = agency
    return learnable


def _learned_by_another(name: str, found: str, agency: Agency, known: list[Agency]) -> bool:
    """Whether the agency the catalogue finds by a name (found) is not the one the officer gave
    it to and answers to it only because it learned it."""
    key = fold(name)
    return any(
        other.name == found
        and other.id != agency.id
        and any(fold(learned) == key for learned in other.learned_names)
        for other in known
    )


def _singles_out(name: str) -> bool:
    """Whether a name is one unit's: it ends in a proper name or an acronym ("Phòng KT-HT huyện
    A", "UBND phường Tân An", "Sở KHĐT"). "Trung tâm Y tế", "UBND xã" or "Phòng Tài chính huyện"
    are every district's or commune's (in a document, the one it means), "Phòng GD&ĐT các huyện"
    several; learned, they would take another unit's tasks."""
    last = name.split()[-1].strip(".,;:()") if name.split() else ""
    return (
        bool(last)
        and (last[0].isupper() or last[0].isdigit())
        and not _NOT_ONE_UNIT.search(fold(name))
    )


# Names of every district's or commune's unit, and groups.
_NOT_ONE_UNIT = re.compile(
    r"(?<![a-z])(?:cac|nhung|moi)\s|\s(?:huyen|xa|phuong|quan|thi\s+tran|thi\s+xa|thanh\s+pho"
    r"|cap\s+\w+)$"
)


async def _kept_mappings(
    *,
    session: AsyncSession,
    directive: Directive,
    draft: DirectiveDraft,
    besides: Mapping[str, Any],
) -> dict[str, Agency]:
    """The agencies as written that an earlier import of the directive gave to a catalogue
    agency (/fix ten), for those the document writes and the officer has not mapped now: kept by
    the agency's name, which a merge leaves with the agency that took it over."""
    kept: Mapping[str, str] = (directive.corrections or {}).get("mappings", {})
    written = {
        mapping_key(m.written) for task in draft.tasks for m in [task.lead, *task.cooperating] if m
    }
    found = {}
    for key, name in kept.items():
        if key in written and key not in besides:
            try:
                found[key] = await agencies.find_agency(session=session, text=name)
            except (UnknownAgency, AmbiguousAgency):
                continue  # no longer in the catalogue: the document's name is read as it is
    return found


async def _imported_before(session: AsyncSession, reading: Reading) -> Directive | None:
    """The directive imported before that the document read is (directives.find_imported)."""
    return await _found(session, reading.draft, reading.text_sha256, reading.stated_issued_on)


async def _found(
    session: AsyncSession, draft: DirectiveDraft, text_sha256: str | None, stated: date | None
) -> Directive | None:
    meta = draft.meta
    return await directives.find_imported(
        session=session,
        sha256=draft.sha256,
        number=meta.number,
        issued_on=stated or meta.issued_on,
        text_sha256=text_sha256,
        kind=meta.kind,
        title=meta.title,
        signer=meta.signer,
    )


def _same_by_title_only(directive: Directive, reading: Reading) -> bool:
    return (
        not directive.number
        and directive.source_sha256 != reading.draft.sha256
        and directive.text_sha256 != reading.text_sha256
    )


def _kept_issue_date(directive: Directive, reading: Reading) -> tuple[date | None, date] | None:
    """The officer's date of issue kept with the directive, while the document gives the date
    it gave then (None: none, then and now)."""
    kept = directives.kept_issue_date(directive)
    return kept if kept is not None and kept[0] == reading.stated_issued_on else None


async def date_to_read_again(*, session: AsyncSession, reading: Reading) -> date | None:
    """The date of issue an officer gave an earlier import of the document, when it was read
    from another: deadlines are counted from it, so the document is to be read again from it
    (the bot and the command line do, before planning)."""
    directive = await _imported_before(session, reading)
    kept = _kept_issue_date(directive, reading) if directive is not None else None
    return kept[1] if kept is not None and kept[1] != reading.draft.meta.issued_on else None


async def earlier_issue_date(
    *, session: AsyncSession, data: bytes, text_sha256: str | None = None
) -> date | None:
    """The date a file that gives none was imported with before (an officer gave it), found by
    its bytes or its text (text_hash: saved again with other line ends): read again, it is
    read from that date rather than asked for."""
    directive = await directives.find_imported(
        session=session,
        sha256=hashlib.sha256(data).hexdigest(),
        number=None,
        issued_on=None,
        text_sha256=text_sha256,
    )
    return directive.issued_on if directive is not None else None


async def plan_reading(
    *, session: AsyncSession, reading: Reading, corrections: Corrections = Corrections()
) -> ImportPlan:
    """Plan a document read, with the officer's corrections and, when the same directive was
    imported before, those made then; raises UnknownAgency."""
    draft, meta = reading.draft, reading.draft.meta
    known = await agencies.list_agencies(session=session)
    targets = {
        written: await agencies.find_agency(session=session, text=name)
        for written, name in corrections.mappings.items()
    }
    fixes = _Fixes(
        leads={
            number: await agencies.find_agency(session=session, text=name)
            for number, name in corrections.leads.items()
        },
        deadlines=dict(corrections.deadlines),
        dropped=set(corrections.dropped),
        restored=corrections.restored,
    )
    expand_groups = corrections.expand_groups
    duplicate_of = await _imported_before(session, reading)
    mapped = {mapping_key(written): agency for written, agency in targets.items()}
    kept_mappings: dict[str, Agency] = {}
    if duplicate_of is not None:
        fixes = await _earlier_fixes(
            session=session, directive=duplicate_of, draft=draft, fixes=fixes
        )
        expand_groups = expand_groups or bool((duplicate_of.corrections or {}).get("expand_groups"))
        kept_mappings = await _kept_mappings(
            session=session, directive=duplicate_of, draft=draft, besides=mapped
        )
    plan = plan_import(
        draft,
        known,
        mappings={**_in_catalogue_now(draft, known), **kept_mappings, **mapped},
        expand_groups=expand_groups,
        leads=fixes.leads,
        deadlines=fixes.deadlines,
        dropped=frozenset(fixes.dropped),
    )
    plan.duplicate_of, plan.text_sha256 = duplicate_of, reading.text_sha256
    plan.stated_issued_on = reading.stated_issued_on
    kept_issued = _kept_issue_date(duplicate_of, reading) if duplicate_of is not None else None
    if corrections.issued_on is not None and corrections.issued_on == meta.issued_on:
        # Once read from it: until then (the bot reads again) the preview is what it was.
        plan.issued_fix = (reading.stated_issued_on, corrections.issued_on)
    elif kept_issued is not None and kept_issued[1] == meta.issued_on:
        plan.issued_fix = kept_issued
    plan.kept = dataclasses.replace(
        fixes.kept,
        mappings=len(kept_mappings),
        issued=int(plan.issued_fix is not None and plan.issued_fix == kept_issued),
    )
    plan.same_by_title = duplicate_of is not None and _same_by_title_only(duplicate_of, reading)
    plan.mappings = {**kept_mappings, **mapped}
    plan.learnable = _learnable(draft, known, mapped)
    plan.draft = dataclasses.replace(draft, warnings=_warnings_now(draft, known, plan.mappings))
    plan.restored = fixes.restored
    if duplicate_of is not None:
        review = await directives.review_tasks(
            session=session, directive=duplicate_of, tasks=_new_tasks(plan)
        )
        plan.changes, plan.reworded, plan.joined = review.changes, review.reworded, review.joined
        plan.left_open, plan.still_withdrawn = review.left_open, review.still_withdrawn
        plan.saved_state = await directives.saved_state(session=session, directive=duplicate_of)
    return plan


async def read_and_plan(
    *,
    session: AsyncSession,
    data: bytes,
    filename: str,
    issued_on: date | None = None,
    max_bytes: int,
    before_is_inclusive: bool = True,
    corrections: Corrections = Corrections(),
) -> ImportPlan:
    """Read a file here and plan it (the command line), from the date of issue given, or else
    the one an officer gave an earlier import of it; raises UnreadableDocument or
    UnknownAgency."""
    known = await agencies.list_agencies(session=session)

    async def read(on: date | None, stated: date | None) -> Reading:
        return read_now(
            ReadJob(
                data=data,
                filename=filename,
                catalogue=tuple(catalogue_of(known).entries),
                max_bytes=max_bytes,
                issued_on=on,
                before_is_inclusive=before_is_inclusive,
                stated_issued_on=stated,
            )
        )

    reading = await read_as_imported(
        read, sessions=lambda: contextlib.nullcontext(session), data=data, issued_on=issued_on
    )
    if issued_on is not None:
        corrections = dataclasses.replace(corrections, issued_on=issued_on)
    return await plan_reading(session=session, reading=reading, corrections=corrections)


def plan_to_json(plan: ImportPlan) -> dict[str, Any]:
    """The JSON of `nhacviec import --json`: the document's draft as the plan would save it,
    with the officer's corrections (--map, --deadline, --drop and those kept from an earlier
    import). A task left out stays, marked "dropped", so the others keep the numbers that
    --deadline and --drop take."""
    found = draft_to_json(plan.draft)
    planned = {task.number: task for task in plan.tasks}
    for number, (task, shown) in enumerate(
        zip(plan.draft.tasks, found["tasks"], strict=True), start=1
    ):
        shown["dropped"] = number not in planned
        if shown["dropped"]:
            continue
        item = planned[number]
        if len(item.leads) == 1:  # several: a group given to each member, shown as written
            shown["lead"] = item.leads[0].name
        shown["cooperating"] = [
            agency.name if (agency := plan.mappings.get(mapping_key(m.written))) else m.display
            for m in task.cooperating
        ]
        shown["unknown_agencies"] = [
            name for name in task.unknown_agencies if mapping_key(name) not in plan.mappings
        ]
        shown["deadline"] = _iso(item.deadline)
        shown["deadline_text"] = item.deadline_text
        shown["other_deadlines"] = [
            {"date": day.isoformat(), "text": phrase} for day, phrase in item.other_deadlines
        ]
    return found


ReadFrom = Callable[[date | None, date | None], Awaitable[Reading]]


async def read_as_imported(
    read: ReadFrom,
    *,
    sessions: Callable[[], AbstractAsyncContextManager[AsyncSession]],
    data: bytes,
    issued_on: date | None = None,
) -> Reading:
    """Read a document (read: from a date of issue, and the date the document gives) from the
    date given, or else its own, or else the one an officer gave an earlier import of it: a
    document imported before is neither asked its date again nor has its deadlines moved back
    to its own date. Raises what read raises. A session is opened only between reads (a read
    may take a minute)."""
    try:
        reading = await read(None, None)
    except UnreadableDocument as error:
        if error.reason_code != "no_issue_date":
            raise
        if issued_on is None:
            text_sha256 = error.text_sha256 if isinstance(error, NotRead) else None
            async with sessions() as session:
                issued_on = await earlier_issue_date(
                    session=session, data=data, text_sha256=text_sha256
                )
        if issued_on is None:
            raise
        return await read(issued_on, None)
    if issued_on is None:
        async with sessions() as session:
            issued_on = await date_to_read_again(session=session, reading=reading)
    if issued_on is None or issued_on == reading.draft.meta.issued_on:
        return reading
    return await read(issued_on, reading.stated_issued_on)


def _new_tasks(plan: ImportPlan) -> list[NewTask]:
    return [
        NewTask(
            text=task.text,
            lead_agency_id=lead.id,
            deadline=task.deadline,
            cooperating_agency_ids=tuple(a.id for a in task.cooperating if a.id is not None),
            deadline_text=task.deadline_text,
            recurrence=task.recurrence,
            summary=task.summary,
            schedule_day=task.schedule_day,
            schedule_working_day=task.schedule_working_day,
            deadline_time=task.deadline_time,
        )
        for task in plan.ready
        for lead in task.leads
        if lead.id is not None
    ]


def _corrections(plan: ImportPlan, earlier: dict[str, Any] | None) -> dict[str, Any]:
    """The directive's corrections with this import's added, by task (_correction_keys: numbers
    change when a document is read again); those kept in an earlier version's form are written
    in today's."""
    keys = _correction_keys(plan.draft)
    kept = _kept_fixes(earlier, keys)

    def of(numbers: Iterable[int]) -> dict[int, str]:
        return {n: keys[n - 1] for n in numbers if 0 < n <= len(keys)}

    dropped = (kept.dropped | set(of(plan.dropped).values())) - set(of(plan.restored).values())
    for number, key in of(plan.lead_fixes).items():
        if (agency_id := plan.lead_fixes[number].id) is not None:
            kept.leads[key] = agency_id
    for number, key in of(plan.deadline_fixes).items():
        read = plan.draft.tasks[number - 1].deadline.date
        kept.deadlines[key] = {
            "read": read.isoformat() if read else None,
            "to": _iso(plan.deadline_fixes[number]),
        }
    mappings = dict((earlier or {}).get("mappings", {}))
    mappings.update((key, agency.name) for key, agency in plan.mappings.items())
    issued = (earlier or {}).get("issued")
    if plan.issued_fix is not None:
        read, given = plan.issued_fix
        issued = {"read": _iso(read), "to": given.isoformat()}
    return {
        "dropped": sorted(dropped),
        "leads": kept.leads,
        "deadlines": kept.deadlines,
        "mappings": mappings,
        "expand_groups": plan.expand_groups or bool((earlier or {}).get("expand_groups")),
        **({"issued": issued} if issued else {}),
    }


@dataclass(frozen=True)
class SavedImport:
    """What saving an import did: to the directive's tasks, and to the catalogue."""

    saved: Saved
    learned: tuple[agencies.Learned, ...] = ()  # names the officer's mappings taught it


def _id(directive: Directive | None) -> int | None:
    return directive.id if directive is not None else None


class SavedMeanwhile(Exception):
    """Another import of the document was saved after this one was planned (at the same moment,
    by another instance or the command line): saving the plan would save the directive twice,
    or what its preview did not show. Nothing was saved; planned again, it shows what is left."""

    def __init__(self, directive_id: int | None) -> None:
        super().__init__(f"directive {directive_id} saved meanwhile")
        self.directive_id = directive_id  # the directive the document is now (None: none)


async def save_plan(
    *, session: AsyncSession, plan: ImportPlan, now: datetime, actor: int | None = None
) -> SavedImport:
    """Save the ready tasks (under the directive already imported, if this is a re-import),
    keep the officer's corrections with the directive for the next import of it, and teach the
    catalogue the names this import's mappings gave to its agencies (ImportPlan.learnable), so
    that the next document that writes them needs no mapping. Raises SavedMeanwhile, saving
    nothing, when another import of the document was saved since the plan was made."""
    meta = plan.draft.meta
    earlier = plan.duplicate_of
    # Looked for again once no other save can run until this one commits: one that committed
    # since the plan was made is found, and the directive is saved once, as its preview said.
    await directives.hold_saving(session=session)
    now_imported = await _found(session, plan.draft, plan.text_sha256, plan.stated_issued_on)
    moved_on = _id(now_imported) != _id(earlier)
    if now_imported is not None and not moved_on:
        state = await directives.saved_state(session=session, directive=now_imported)
        moved_on = state != plan.saved_state
    if moved_on:
        raise SavedMeanwhile(_id(now_imported))
    # Of this session: the plan may come from another (the command line plans, asks, saves).
    directive = now_imported or await directives.add_directive(
        session=session,
        now=now,
        number=meta.number,
        kind=meta.kind,
        title=meta.title,
        issued_on=meta.issued_on,
        signer=meta.signer,
        source_sha256=plan.draft.sha256,
        text_sha256=plan.text_sha256,
    )
    directive.corrections = _corrections(plan, directive.corrections)
    if plan.issued_fix is not None:
        directive.issued_on = meta.issued_on  # what its tasks' deadlines are counted from
    directive.text_sha256 = directive.text_sha256 or plan.text_sha256
    session.add(directive)
    saved = await directives.save_tasks(
        session=session, directive=directive, tasks=_new_tasks(plan), now=now, actor=actor
    )
    names = {name: agency.id for name, agency in plan.learnable.items() if agency.id is not None}
    learned = await agencies.learn_names(session=session, names=names) if names else ()
    return SavedImport(saved, learned)


# --------------------------------------------------------------------------------------------
# The officer's corrections in the bot (/fix), and the version of a preview its buttons carry
# --------------------------------------------------------------------------------------------

Span = tuple[int, int]  # task numbers first..last, as typed: (3, 3) for "3", (7, 9) for "7-9"

# "3", "#3", "7-9": ten digits at most, like any number typed to the bot. A phone's keyboard may
# turn "-" into a dash, and people put spaces around it.
_SPAN = re.compile(r"#?([0-9]{1,10})(?:-#?([0-9]{1,10}))?")
_DASH = re.compile(r"\s*[-‐‑–—]\s*")
_BETWEEN_NUMBERS = re.compile(r"[,;\s]+")


def task_spans(text: str) -> list[Span] | None:
    """The task numbers of a /fix ("3", "3,5,7-9", "3, 5, 7 - 9") as spans; None when the text
    is not a list of numbers and ranges."""
    spans = []
    for piece in _BETWEEN_NUMBERS.split(_DASH.sub("-", text.strip())):
        if not piece:
            continue
        if (match := _SPAN.fullmatch(piece)) is None:
            return None
        first, last = int(match[1]), int(match[2] or match[1])
        spans.append((min(first, last), max(first, last)))
    return spans or None


class NoSuchTasks(Exception):
    """A /fix named task numbers the document does not have; nothing was corrected."""

    def __init__(self, wrong: list[Span], count: int) -> None:
        super().__init__(f"no task {wrong} among {count}")
        self.wrong = wrong
        self.count = count


def task_numbers(spans: list[Span], count: int) -> list[int]:
    """The numbers the spans stand for, among a document's count tasks; raises NoSuchTasks with
    every span, or part of one, the document has no task for (so that none is corrected)."""
    wrong = set()
    for first, last in spans:
        if first < 1:
            wrong.add((first, min(last, 0)))
        if last > count:
            wrong.add((max(first, count + 1), last))
    if wrong:
        raise NoSuchTasks(sorted(wrong), count)
    return sorted({number for first, last in spans for number in range(first, last + 1)})


async def correct_tasks(
    *, session: AsyncSession, request: ImportRequest, kind: str, numbers: list[int], value: str
) -> None:
    """Record one correction of several tasks of a preview: kind is "leads", "deadlines" or
    "dropped" (value "yes": left out, "no": brought back); the caller has checked the numbers
    (task_numbers, check_left_out) and the value."""
    await imports.correct_many(
        session=session, request=request, kind=kind, keys=map(str, numbers), value=value
    )


class NotLeftOut(Exception):
    """A /fix brought back tasks that were not left out; nothing was changed."""

    def __init__(self, wrong: list[int], dropped: list[int]) -> None:
        super().__init__(f"tasks {wrong} are not left out (those left out: {dropped})")
        self.wrong = wrong
        self.dropped = dropped


def check_left_out(plan: ImportPlan, numbers: list[int]) -> None:
    """Raise NotLeftOut, naming them, unless every number is a task the preview leaves out (by
    /fix, or as an earlier import of the document did)."""
    if wrong := [n for n in numbers if n not in plan.dropped]:
        raise NotLeftOut(wrong, sorted(plan.dropped))


class LeftOutBefore(Exception):
    """A range of a /fix ... lai covered only tasks an earlier import of the document left out:
    those come back only when named one by one; nothing was changed."""

    def __init__(self, numbers: list[int]) -> None:
        super().__init__(f"tasks {numbers} were left out by an earlier import")
        self.numbers = numbers


def restored_by(spans: list[Span], numbers: list[int], before: frozenset[int]) -> list[int]:
    """The tasks a /fix ... lai brings back: a range only those this preview left out; a task an
    earlier import left out (before) only when it is named alone ("/fix 2 lai")."""
    named = {first for first, last in spans if first == last}
    return [n for n in numbers if n not in before or n in named]


# A /fix ... han that leaves a task without a deadline (a duty done all the time, a date misread),
# as kept with the preview.
NO_DEADLINE = "none"


async def documents_being_read(*, session: AsyncSession, chat_id: int, user_id: int) -> set[int]:
    """The ids of the documents a person sent in a chat that are still being read: one sent
    now beside them was sent while they were read (same_file_previewed)."""
    being_read = select(ImportRequest.id).where(
        ImportRequest.chat_id == chat_id,
        ImportRequest.user_id == user_id,
        ImportRequest.status == imports.READING,
    )
    return {id_ for id_ in (await session.exec(being_read)).all() if id_ is not None}


async def same_file_previewed(
    *, session: AsyncSession, request: ImportRequest, sha256: str, read_beside: set[int]
) -> bool:
    """Whether the sender of a document just read has a preview open in its chat of the same
    file (sha256: the file's hash), sent twice by a second tap on a slow connection: a copy
    read while this one was (sent after it, or in read_beside, those still being read when it
    was sent). The same file sent again once its preview was shown (after a /withdraw the
    preview asked for, say) is read again. The sender's documents there are locked first: of
    two copies read at the same moment, the second to ask sees the preview of the first."""
    theirs = (
        select(ImportRequest)
        .where(
            ImportRequest.chat_id == request.chat_id,
            ImportRequest.user_id == request.user_id,
            col(ImportRequest.status).in_((imports.READING, imports.PENDING)),
        )
        .with_for_update()
    )
    return any(
        other.status == imports.PENDING
        and (other.draft or {}).get("sha256") == sha256
        and other.id is not None
        and request.id is not None
        and (other.id > request.id or other.id in read_beside)
        for other in (await session.exec(theirs)).all()
    )


def corrections_of(request: ImportRequest) -> Corrections:
    """The officer's corrections of a preview, as kept with it (imports.correct_many)."""
    fixes = request.corrections
    dropped = fixes.get("dropped", {})
    return Corrections(
        mappings=fixes.get("mappings", {}),
        leads={int(n): name for n, name in fixes.get("leads", {}).items()},
        deadlines={
            int(n): None if d == NO_DEADLINE else date.fromisoformat(d)
            for n, d in fixes.get("deadlines", {}).items()
        },
        dropped=frozenset(int(n) for n, value in dropped.items() if value != "no"),
        restored=frozenset(int(n) for n, value in dropped.items() if value == "no"),
        expand_groups=request.expand_groups,
        issued_on=_day(fixes.get("issued", {}).get("on")),
    )


class AgencyIsANumber(Exception):
    """A /fix gave an agency as a bare number: an officer names an agency (its name, short name
    or another name of the catalogue), never its number in the database; nothing was changed."""

    def __init__(self, typed: str) -> None:
        super().__init__(f"{typed!r} is a number, not an agency's name")
        self.typed = typed


def check_agency_name(typed: str) -> str:
    """The agency as an officer typed it; raises AgencyIsANumber when it is only a number."""
    if typed.strip().lstrip("#").strip().isdigit():
        raise AgencyIsANumber(typed)
    return typed


class NotWritten(Exception):
    """A /fix ten named an agency no task of the document is written with; nothing was changed.
    names: those the preview has that stand for no catalogue agency yet, which it may have
    meant."""

    def __init__(self, written: str, names: list[str]) -> None:
        super().__init__(f"no task's agency is written {written!r}")
        self.written = written
        self.names = names


def tasks_written(plan: ImportPlan, written: str) -> list[int]:
    """The tasks whose lead or cooperating agency the document writes as `written` (in any case,
    with or without diacritics): those a mapping of it changes; raises NotWritten when none."""
    key = mapping_key(written)
    numbers = [
        number
        for number, task in enumerate(plan.draft.tasks, start=1)
        if any(mapping_key(m.written) == key for m in [task.lead, *task.cooperating] if m)
    ]
    if not numbers:
        unresolved = (t.problem.written for t in plan.tasks if t.problem is not None)
        raise NotWritten(written, list(dict.fromkeys(name for name in unresolved if name)))
    return numbers


def plan_version(plan: ImportPlan) -> str:
    """A short fingerprint of what saving the plan would write (the directive, its tasks and
    the corrections kept with it) and of the directive's tasks saved already: a save button
    carries it, so that a button sent before a correction, or before another import of the
    directive was saved, cannot save what its message showed once the preview has changed."""
    meta = plan.draft.meta
    content = {
        "directive": plan.duplicate_of.id if plan.duplicate_of is not None else None,
        "sha256": plan.draft.sha256,
        "meta": [meta.number, meta.kind, meta.title, meta.issued_on, meta.signer],
        "tasks": [astuple(task) for task in _new_tasks(plan)],
        "corrections": _corrections(plan, None),
        # What is saved under the directive already: another import of it saved meanwhile
        # (a newer version that moved deadlines) changes what this save would do.
        "saved": plan.saved_state,
        "changes": astuple(plan.changes) if plan.changes is not None else None,
        "left_open": [task.id for task in plan.left_open],
    }
    data = json.dumps(content, default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(data.encode()).hexdigest()[:12]
