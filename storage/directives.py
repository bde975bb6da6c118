"""Directives: the documents tasks come from, saved once, updated on re-import."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from difflib import SequenceMatcher

from sqlalchemy import text
from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from storage.extensions import expire_outdated
from storage.models import AgencyRole, Directive, Task, TaskAgency, TaskStatus
from storage.names import fold
from storage.tasks import TaskView, add_task, audit, periods, views_of
from vncalendar.recurrence import Recurrence, next_occurrence


@dataclass(frozen=True)
class NewTask:
    """A task to save with a directive."""

    text: str
    lead_agency_id: int
    deadline: date | None
    cooperating_agency_ids: tuple[int, ...] = ()
    deadline_text: str | None = None
    recurrence: str | None = None
    summary: str | None = None
    schedule_day: int | None = None  # a recurring task's day of the month (see add_task)
    schedule_working_day: int | None = None  # or its working day of the month (see add_task)
    deadline_time: time | None = None  # the hour the deadline carries, if the text gives one


@dataclass
class Saved:
    """What saving or updating a directive did."""

    directive: Directive
    added: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    reworded: list[int] = field(default_factory=list)  # of changed and unchanged: new words
    # Of changed and unchanged: given cooperating agencies the document names (see _joins).
    joined: list[int] = field(default_factory=list)


# pg_advisory_xact_lock's key for "saving a directive": any constant of our own will do, other
# than storage.migrate's.
SAVING_LOCK = 0x6E68_6163_5F64_6972  # "nhac_dir"


async def hold_saving(*, session: AsyncSession) -> None:
    """Wait until no other transaction saves a directive, and keep the others waiting until this
    one ends: find_imported, then add_directive or save_tasks, is then one step.

    One lock for every directive, not one per file, text or number: find_imported also matches
    by a date an officer corrected, and by title when there is no number, and imports come at
    an officer's pace, so one save rarely waits for another, and then for a moment.
    """
    connection = await session.connection()
    if connection.dialect.name == "postgresql":
        await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SAVING_LOCK})
    else:
        # SQLite lets one transaction write at a time, and one becomes the writer at its first
        # write (the driver begins it there): a write of nothing makes this one the writer now,
        # so what it reads next stays as read until it commits.
        await connection.execute(text("UPDATE directive SET id = id WHERE 0"))


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
    text_sha256: str | None = None,
) -> Directive:
    """Record a directive; its tasks point at it."""
    directive = Directive(
        number=number,
        kind=kind,
        title=title,
        issued_on=issued_on,
        signer=signer,
        source_sha256=source_sha256,
        text_sha256=text_sha256,
        created_at=now,
    )
    session.add(directive)
    await session.flush()
    return directive


async def find_imported(
    *,
    session: AsyncSession,
    sha256: str,
    number: str | None,
    issued_on: date | None,
    text_sha256: str | None = None,
    kind: str | None = None,
    title: str | None = None,
    signer: str | None = None,
) -> Directive | None:
    """The directive already imported from the same file, the same text (saved again with other
    bytes), with the same number and date or, when the document has no number, the same kind,
    title (trích yếu), date and signer. The date is the one the directive was saved with or
    the one the document gave before an officer corrected it (kept_issue_date). Read as
    committed now, even those the session holds (see _in_order)."""
    same = [col(Directive.source_sha256) == sha256]
    if text_sha256:
        same.append(col(Directive.text_sha256) == text_sha256)
    if found := await _in_order(session, select(Directive).where(or_(*same))):
        return found[0]
    if issued_on is None:
        return None
    if number:
        candidates = select(Directive).where(col(Directive.number) == number)
        return next(
            (d for d in await _in_order(session, candidates) if issued_on in _dates_of(d)), None
        )
    if not title:
        return None
    # A document with no number (a web page, a notice printed without one): the same kind,
    # title and date, and signer where both name one, are the same document edited.
    candidates = select(Directive).where(
        col(Directive.number).is_(None), col(Directive.title).is_not(None)
    )
    for directive in await _in_order(session, candidates):
        if (
            fold(directive.title or "") == fold(title)
            and fold(directive.kind or "") == fold(kind or "")
            and issued_on in _dates_of(directive)
            and (not directive.signer or not signer or fold(directive.signer) == fold(signer))
        ):
            return directive
    return None


async def _in_order(session: AsyncSession, query: SelectOfScalar[Directive]) -> list[Directive]:
    # populate_existing: a directive the session read before another save committed (under
    # hold_saving, saving checks again what it planned) is read again, not kept as it was.
    query = query.order_by(col(Directive.id)).execution_options(populate_existing=True)
    return list((await session.exec(query)).all())


def kept_issue_date(directive: Directive) -> tuple[date | None, date] | None:
    """The date of issue an officer gave the directive when importing it (/fix ngay, --issued),
    with the date the document itself gave then (None: it gave none): (read, given)."""
    kept = (directive.corrections or {}).get("issued")
    if not kept or not kept.get("to"):
        return None
    read = date.fromisoformat(kept["read"]) if kept.get("read") else None
    return read, date.fromisoformat(kept["to"])


def _dates_of(directive: Directive) -> set[date]:
    """The dates a re-import of the directive may read from it: its own, and the one the
    document gave when an officer gave another."""
    kept = kept_issue_date(directive)
    read = kept[0] if kept is not None else None
    return {d for d in (directive.issued_on, read) if d is not None}


@dataclass(frozen=True)
class SavedTask:
    """A task saved under the directive, as a re-import's review names it to the officer."""

    id: int
    lead: str
    text: str


@dataclass(frozen=True)
class Changes:
    """What saving these tasks under a directive already imported would do, in numbers."""

    added: int
    changed: int
    unchanged: int


@dataclass(frozen=True)
class Review:
    """What saving these tasks under a directive already imported would do: the numbers; how
    many of the tasks saved take the document's new words, and how many the cooperating
    agencies it names that they lack; the open ones it does not write, left open as they were
    (the document no longer has them, or this import leaves them out or cannot save them yet);
    the withdrawn ones it writes again, which stay withdrawn."""

    changes: Changes
    reworded: int
    joined: int
    left_open: tuple[SavedTask, ...]
    still_withdrawn: tuple[SavedTask, ...]


Key = tuple[str, int | None]  # a task's text (folded) and lead agency


def _key(text: str, lead_agency_id: int | None) -> Key:
    return fold(text), lead_agency_id


async def _known_tasks(*, session: AsyncSession, directive_id: int) -> list[TaskView]:
    """The directive's tasks, in the order they were saved, as committed now (see _in_order)."""
    query = (
        select(Task)
        .where(Task.directive_id == directive_id)
        .order_by(col(Task.id))
        .execution_options(populate_existing=True)
    )
    return await views_of(session=session, tasks=(await session.exec(query)).all())


def _lead_id(view: TaskView) -> int | None:
    return view.lead.id if view.lead else None


def _moves(task: Task, new: NewTask) -> bool:
    """A re-import moves an open task's deadline only when the document now gives another one,
    or has it fall due another number of times (a monthly report made quarterly)."""
    return task.status == "open" and (
        task.imported_deadline != new.deadline or task.recurrence != new.recurrence
    )


def _joins(view: TaskView, new: NewTask) -> tuple[int, ...]:
    """The cooperating agencies the document names that an open task saved before lacks: one
    added to the catalogue since the first import, or named by a revision."""
    if view.task.status != "open":
        return ()  # a closed task's agencies are its history
    return tuple(
        agency_id
        for agency_id in dict.fromkeys(new.cooperating_agency_ids)
        if agency_id not in view.agency_ids
    )


# Two wordings of one task are this alike, or more, once their deadline phrases are left out
# (difflib's ratio of the folded texts): "kiểm tra an toàn thực phẩm" revised to "kiểm tra an
# toàn vệ sinh thực phẩm" is 0.91. Of the 1,607 pairs of different tasks of one lead in the
# 401 documents of tests/data, two reach 0.8, each one duty written twice for two groups
# ("nhóm I", "nhóm II"), and those are paired exactly first: the rest are below 0.8.
SAME_TASK_SIMILARITY = 0.8
# Dates in a task's words, folded: "15/3/2023", "15-3", "ngay 15 thang 3 nam 2023".
_DATES = re.compile(
    r"\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?"
    r"|ngay\s+\d{1,2}\s+thang\s+\d{1,2}(?:\s*,?\s*nam\s+\d{4})?"
)
_BLANKS = re.compile(r"\s+")


def _wording(text: str, deadline_text: str | None) -> str:
    """A task's words without its deadline, folded: what stays when a revision moves it."""
    folded = fold(text)
    if deadline_text:
        folded = folded.replace(fold(deadline_text), " ")
    return _BLANKS.sub(" ", _DATES.sub(" ", folded)).strip()


def _similarity(task: Task, new: NewTask) -> float:
    return _likeness(_wording(task.text, task.deadline_text), _wording(new.text, new.deadline_text))


def wording_likeness(one: str, other: str) -> float:
    """How alike two tasks' words are (0 to 1; 0 below SAME_TASK_SIMILARITY at a glance), read
    by _wording: a revision that adds a word to a task is above SAME_TASK_SIMILARITY."""
    return _likeness(_wording(one, None), _wording(other, None))


def _likeness(one: str, other: str) -> float:
    """SequenceMatcher's ratio of two wordings, skipped when it cannot reach the threshold."""
    matcher = SequenceMatcher(None, one, other)
    if matcher.real_quick_ratio() < SAME_TASK_SIMILARITY:
        return 0.0
    return matcher.ratio()


def _pair(known: Sequence[TaskView], tasks: Sequence[NewTask]) -> list[Task | int | None]:
    """Which saved task each new one is: a Task; the index of an earlier one of the list it
    repeats (the same text, lead and deadline: one task said twice); None for a new task.

    A task is the same when its text and lead agency are. One agency may have several tasks of
    one text (a plan's table gives it "Báo cáo kết quả" for two quarters): each is known by the
    deadline the document gave it, and those whose deadline the document moved take the others
    of their text and lead in the order they were saved. Then a revised document's tasks whose
    words changed (a deadline moved in a sentence, a word added) take the saved tasks of their
    lead left over, each the one worded most alike (SAME_TASK_SIMILARITY), in the document's
    order.
    """
    free: dict[Key, list[Task]] = {}
    for view in known:
        free.setdefault(_key(view.task.text, _lead_id(view)), []).append(view.task)
    pairs: list[Task | int | None] = [None] * len(tasks)
    first: dict[tuple[Key, date | None], int] = {}
    moved: list[tuple[int, Key]] = []  # the document gives another deadline, or it is new
    for index, new in enumerate(tasks):
        key = _key(new.text, new.lead_agency_id)
        if (key, new.deadline) in first:
            pairs[index] = first[key, new.deadline]
            continue
        first[key, new.deadline] = index
        candidates = free.get(key, [])
        same = next((t for t in candidates if t.imported_deadline == new.deadline), None)
        if same is None:
            moved.append((index, key))
        else:
            candidates.remove(same)
            pairs[index] = same
    for index, key in moved:
        if free.get(key):
            pairs[index] = free[key].pop(0)
    taken = {id(task) for found in free.values() for task in found}
    left = [(view.task, _lead_id(view)) for view in known if id(view.task) in taken]
    for index, new in enumerate(tasks):
        if pairs[index] is not None:
            continue
        alike = [
            (similarity, task)
            for task, lead in left
            if lead == new.lead_agency_id
            and (similarity := _similarity(task, new)) >= SAME_TASK_SIMILARITY
        ]
        if alike:
            best = max(alike, key=lambda found: found[0])[1]  # the earliest saved of equals
            pairs[index] = best
            left = [(task, lead) for task, lead in left if task is not best]
    return pairs


def _saved(view: TaskView) -> SavedTask:
    return SavedTask(view.id, view.lead.name if view.lead else "", view.task.text)


def _left_open(known: Sequence[TaskView], pairs: Sequence[Task | int | None]) -> list[SavedTask]:
    paired = {id(match) for match in pairs if isinstance(match, Task)}
    return [
        _saved(view)
        for view in known
        if id(view.task) not in paired and view.task.status == TaskStatus.OPEN
    ]


def _still_withdrawn(
    known: Sequence[TaskView], pairs: Sequence[Task | int | None]
) -> list[SavedTask]:
    paired = {id(match) for match in pairs if isinstance(match, Task)}
    return [
        _saved(view)
        for view in known
        if id(view.task) in paired and view.task.status == TaskStatus.WITHDRAWN
    ]


async def compare_tasks(
    *, session: AsyncSession, directive: Directive, tasks: Sequence[NewTask]
) -> Changes:
    """What save_tasks would add, move and leave, in numbers (review_tasks says more)."""
    return (await review_tasks(session=session, directive=directive, tasks=tasks)).changes


async def review_tasks(
    *, session: AsyncSession, directive: Directive, tasks: Sequence[NewTask]
) -> Review:
    """What save_tasks would do, without saving anything."""
    assert directive.id is not None
    known = await _known_tasks(session=session, directive_id=directive.id)
    pairs = _pair(known, tasks)
    views = {id(view.task): view for view in known}
    added = changed = unchanged = reworded = joined = 0
    for new, match in zip(tasks, pairs, strict=True):
        if match is None:
            added += 1
            continue
        if isinstance(match, Task) and _moves(match, new):
            changed += 1
        else:
            unchanged += 1
        reworded += isinstance(match, Task) and match.text != new.text
        joined += isinstance(match, Task) and bool(_joins(views[id(match)], new))
    return Review(
        Changes(added, changed, unchanged),
        reworded,
        joined,
        tuple(_left_open(known, pairs)),
        tuple(_still_withdrawn(known, pairs)),
    )


async def saved_state(*, session: AsyncSession, directive: Directive) -> list[list[str]]:
    """What saving under the directive again depends on, of each task saved under it: its id,
    agencies, the deadline the document gave it and how often it falls due, its status and its
    words (a preview's version carries it, so a save shown before another import of the
    directive was saved is refused)."""
    assert directive.id is not None
    known = await _known_tasks(session=session, directive_id=directive.id)
    return sorted(
        [
            str(view.id),
            str(_lead_id(view)),
            str(sorted(view.agency_ids)),
            str(view.task.imported_deadline),
            str(view.task.recurrence),
            str(view.task.status),
            view.task.text,
        ]
        for view in known
    )


async def save_tasks(
    *,
    session: AsyncSession,
    directive: Directive,
    tasks: Sequence[NewTask],
    now: datetime,
    actor: int | None = None,
) -> Saved:
    """Add the directive's tasks; on a re-import, only the new ones, and new deadlines of old ones.

    A task is the same when its text and lead agency are, and among several of both the same,
    its deadline as the document gave it; or, in a revised document, when its lead is and its
    words are alike (see _pair), and it takes the new words: nothing is ever duplicated, and
    tasks already closed keep their history. Its deadline changes only when the document now
    gives another one than it did: the deadline it has may be an approved extension's or a
    later period's, which a re-import of the same document keeps; so does how often it falls
    due, unless the document now says another. An open task takes the cooperating agencies
    the document names that it lacks, and keeps those it has: the re-import may be of an
    earlier version, and the officer withdraws what a revision dropped, as with tasks. The
    open tasks that no new one is stay open, as they were (compare_tasks tells them first):
    the officer closes those the revision withdrew.
    """
    assert directive.id is not None
    known = await _known_tasks(session=session, directive_id=directive.id)
    pairs = _pair(known, tasks)
    views = {id(view.task): view for view in known}
    saved = Saved(directive)
    saved_as: list[Task] = []  # what each of `tasks` is saved as
    for new, match in zip(tasks, pairs, strict=True):
        if isinstance(match, int):  # said twice: the task saved for its first time
            task = saved_as[match]
            assert task.id is not None
            saved.unchanged.append(task.id)
        elif match is None:
            task = await add_task(
                session=session,
                text=new.text,
                lead_agency_id=new.lead_agency_id,
                cooperating_agency_ids=new.cooperating_agency_ids,
                deadline=new.deadline,
                deadline_text=new.deadline_text,
                recurrence=new.recurrence,
                summary=new.summary,
                directive_id=directive.id,
                actor=actor,
                now=now,
                schedule_day=new.schedule_day,
                schedule_working_day=new.schedule_working_day,
                deadline_time=new.deadline_time,
            )
            task.imported_deadline = new.deadline
            assert task.id is not None
            saved.added.append(task.id)
        elif _moves(match, new):
            task = match
            assert task.id is not None
            deadline = await _moved_deadline(session, task, new)
            if deadline != task.deadline:  # a new recurrence may keep the date
                audit(
                    session,
                    task_id=task.id,
                    action="deadline_changed",
                    actor=actor,
                    now=now,
                    detail=f"{task.deadline} -> {deadline} (re-import)",
                )
            if task.recurrence != new.recurrence:
                audit(
                    session,
                    task_id=task.id,
                    action="recurrence_changed",
                    actor=actor,
                    now=now,
                    detail=f"{task.recurrence} -> {new.recurrence} (re-import)",
                )
            # The document's new deadline replaces an extension of the old one, and restarts
            # a periodic duty's schedule from it (from its open period, once it has closed some).
            task.deadline, task.deadline_text, task.imported_deadline = (
                deadline,
                new.deadline_text,
                new.deadline,
            )
            task.deadline_time = new.deadline_time if deadline == new.deadline else None
            task.recurrence = Recurrence(new.recurrence).value if new.recurrence else None
            task.schedule_day = _schedule_day(new) if task.recurrence and new.deadline else None
            task.schedule_working_day = (
                new.schedule_working_day if task.recurrence and new.deadline else None
            )
            task.scheduled_deadline, task.updated_at = None, now
            # The moved period has not been chased yet: roll_missed_periods waits for a sweep.
            task.period_current_from = None
            session.add(task)
            await expire_outdated(session=session, task=task, actor=actor, now=now)
            saved.changed.append(task.id)
        else:
            task = match
            assert task.id is not None
            saved.unchanged.append(task.id)
        if isinstance(match, Task) and task.text != new.text:
            _reword(task, new, actor=actor, now=now, session=session)
            saved.reworded.append(task.id)
        if isinstance(match, Task) and (joining := _joins(views[id(match)], new)):
            _join(task, joining, actor=actor, now=now, session=session)
            saved.joined.append(task.id)
        saved_as.append(task)
    await session.flush()
    return saved


def _schedule_day(new: NewTask) -> int:
    """The day of the month a recurring task's periods keep by the document (see add_task)."""
    assert new.deadline is not None
    return new.schedule_day or new.deadline.day


async def _moved_deadline(session: AsyncSession, task: Task, new: NewTask) -> date | None:
    """The deadline a re-import that gives a task another one moves it to: the document's; for
    a periodic duty with periods recorded, its open period's by the document's schedule.

    The periods recorded, closed or missed, are history the revision does not reopen: the open
    period keeps its place, on the schedule's date nearest to the one it had (a monthly report
    due the 20th, closed January to March and revised in April to the 25th, is next due 25/04,
    not 25/01 with three months owed again, nor 25/03, the month closed on the 20th). That date
    falls after the last period recorded, and never before the document's first. So it is when
    the revision changes how often the duty falls due: a monthly report closed to April and
    made quarterly is next due 30/06, for the quarter it is in.
    """
    assert task.id is not None
    if not new.recurrence or new.deadline is None:
        return new.deadline
    recorded = await periods(session=session, task_id=task.id)
    if not recorded or task.deadline is None:
        return new.deadline
    last = recorded[-1]
    closed_until = max(last.deadline, last.scheduled_deadline or last.deadline)
    open_period = task.scheduled_deadline or task.deadline  # by the old schedule, not extended
    step = functools.partial(
        next_occurrence,
        recurrence=new.recurrence,
        day=_schedule_day(new),
        working_day=new.schedule_working_day,
    )
    due = new.deadline
    while due <= closed_until:
        due = step(due)
    # Of two dates as near, the later: the earlier may be the closed period's on the new day.
    following = step(due)
    while abs(following - open_period) <= abs(due - open_period):
        due, following = following, step(following)
    return due


def _join(
    task: Task,
    agency_ids: Sequence[int],
    *,
    actor: int | None,
    now: datetime,
    session: AsyncSession,
) -> None:
    """Give a saved task cooperating agencies the document names (see _joins)."""
    assert task.id is not None
    for agency_id in agency_ids:
        session.add(TaskAgency(task_id=task.id, agency_id=agency_id, role=AgencyRole.COOPERATING))
    audit(
        session,
        task_id=task.id,
        action="agencies_added",
        actor=actor,
        now=now,
        detail=", ".join(map(str, agency_ids)),
    )
    task.updated_at = now
    session.add(task)


def _reword(
    task: Task, new: NewTask, *, actor: int | None, now: datetime, session: AsyncSession
) -> None:
    """Give a task the words a revised document now has for it (the old ones go to the audit)."""
    assert task.id is not None
    audit(session, task_id=task.id, action="text_changed", actor=actor, now=now, detail=task.text)
    task.text, task.summary, task.updated_at = new.text, new.summary, now
    if task.deadline == new.deadline:  # an extension's or a later period's keeps its words
        task.deadline_text = new.deadline_text
    session.add(task)
