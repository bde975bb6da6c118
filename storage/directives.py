"""Directives: the documents tasks come from, saved once, updated on re-import."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.extensions import expire_outdated
from storage.models import Directive, Task
from storage.names import fold
from storage.tasks import add_task, audit, views_of


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


@dataclass
class Saved:
    """What saving or updating a directive did."""

    directive: Directive
    added: list[int] = field(default_factory=list)
    changed: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)


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
) -> Directive | None:
    """The directive already imported from the same file, the same text (saved again with other
    bytes), or with the same number and date."""
    same = [col(Directive.source_sha256) == sha256]
    if text_sha256:
        same.append(col(Directive.text_sha256) == text_sha256)
    if number and issued_on:
        same.append((col(Directive.number) == number) & (col(Directive.issued_on) == issued_on))
    query = select(Directive).where(or_(*same))
    return (await session.exec(query.order_by(col(Directive.id)))).first()


@dataclass(frozen=True)
class Changes:
    """What saving these tasks under a directive already imported would do, in numbers."""

    added: int
    changed: int
    unchanged: int


Key = tuple[str, int | None]  # a task's text (folded) and lead agency


def _key(text: str, lead_agency_id: int | None) -> Key:
    return fold(text), lead_agency_id


async def _known_tasks(*, session: AsyncSession, directive_id: int) -> dict[Key, list[Task]]:
    """The directive's tasks by text and lead, in the order they were saved."""
    query = select(Task).where(Task.directive_id == directive_id).order_by(col(Task.id))
    known: dict[Key, list[Task]] = {}
    for view in await views_of(session=session, tasks=(await session.exec(query)).all()):
        known.setdefault(_key(view.task.text, view.lead.id if view.lead else None), []).append(
            view.task
        )
    return known


def _moves(task: Task, new: NewTask) -> bool:
    """A re-import moves an open task's deadline only when the document now gives another one."""
    return task.imported_deadline != new.deadline and task.status == "open"


def _pair(known: Mapping[Key, list[Task]], tasks: Sequence[NewTask]) -> list[Task | int | None]:
    """Which saved task each new one is: a Task; the index of an earlier one of the list it
    repeats (the same text, lead and deadline: one task said twice); None for a new task.

    A task is the same when its text and lead agency are. One agency may have several tasks of
    one text (a plan's table gives it "Báo cáo kết quả" for two quarters): each is known by the
    deadline the document gave it, and those whose deadline the document moved take the others
    of their text and lead in the order they were saved.
    """
    free = {key: list(found) for key, found in known.items()}
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
    return pairs


async def compare_tasks(
    *, session: AsyncSession, directive: Directive, tasks: Sequence[NewTask]
) -> Changes:
    """What save_tasks would add, move and leave, without saving anything."""
    assert directive.id is not None
    known = await _known_tasks(session=session, directive_id=directive.id)
    added = changed = unchanged = 0
    for new, match in zip(tasks, _pair(known, tasks), strict=True):
        if match is None:
            added += 1
        elif isinstance(match, Task) and _moves(match, new):
            changed += 1
        else:
            unchanged += 1
    return Changes(added, changed, unchanged)


async def saved_state(*, session: AsyncSession, directive: Directive) -> list[list[str]]:
    """What saving under the directive again depends on, of each task saved under it: its id,
    lead, the deadline the document gave it and its status (a preview's version carries it, so a
    save shown before another import of the directive was saved is refused)."""
    assert directive.id is not None
    known = await _known_tasks(session=session, directive_id=directive.id)
    return sorted(
        [str(task.id), str(lead), str(task.imported_deadline), str(task.status)]
        for (_, lead), tasks in known.items()
        for task in tasks
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
    its deadline as the document gave it (see _pair): nothing is ever duplicated, and tasks
    already closed keep their history. Its deadline changes only when the document now
    gives another one than it did: the deadline it has may be an approved extension's or a
    later period's, which a re-import of the same document keeps.
    """
    assert directive.id is not None
    known = await _known_tasks(session=session, directive_id=directive.id)
    saved = Saved(directive)
    saved_as: list[Task] = []  # what each of `tasks` is saved as
    for new, match in zip(tasks, _pair(known, tasks), strict=True):
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
            )
            task.imported_deadline = new.deadline
            assert task.id is not None
            saved.added.append(task.id)
        elif _moves(match, new):
            task = match
            assert task.id is not None
            audit(
                session,
                task_id=task.id,
                action="deadline_changed",
                actor=actor,
                now=now,
                detail=f"{task.deadline} -> {new.deadline} (re-import)",
            )
            # The document's new deadline replaces an extension of the old one, and restarts
            # a periodic duty's schedule from it.
            task.deadline, task.deadline_text, task.imported_deadline = (
                new.deadline,
                new.deadline_text,
                new.deadline,
            )
            task.scheduled_deadline, task.updated_at = None, now
            session.add(task)
            await expire_outdated(session=session, task=task, actor=actor, now=now)
            saved.changed.append(task.id)
        else:
            task = match
            assert task.id is not None
            saved.unchanged.append(task.id)
        saved_as.append(task)
    await session.flush()
    return saved
