"""From a document to saved tasks: read it against the catalogue, plan what to save, save it.

The command line (`nhacviec import`) and the bot (a coordinator sends a file) share this, so a
file gives the same tasks whichever way it comes in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from ingest.agencies import AgencyMention, Catalogue, CatalogueEntry, group_members
from ingest.pipeline import DirectiveDraft, read_directive
from storage import agencies, directives
from storage.directives import NewTask, Saved
from storage.models import Agency, Directive
from storage.names import fold


def catalogue_of(known: list[Agency]) -> Catalogue:
    """The ingest catalogue for the agencies in the database."""
    return Catalogue([CatalogueEntry(a.name, a.short_name, tuple(a.aliases)) for a in known])


@dataclass(frozen=True)
class Problem:
    """Why a task cannot be saved yet: no lead, an unknown agency, a group to confirm."""

    kind: str  # "no_lead", "unknown_agency", "empty_group", "unconfirmed_group"
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
    leads: list[Agency] = field(default_factory=list)
    cooperating: list[Agency] = field(default_factory=list)
    lead_as_written: str | None = None
    problem: Problem | None = None  # None: ready to save


@dataclass
class ImportPlan:
    draft: DirectiveDraft
    tasks: list[PlannedTask]
    duplicate_of: Directive | None = None

    @property
    def ready(self) -> list[PlannedTask]:
        return [t for t in self.tasks if t.problem is None]

    def due_before_issue(self, task: PlannedTask) -> bool:
        """A deadline earlier than the document itself: most likely a slip in the text."""
        issued = self.draft.meta.issued_on
        return task.deadline is not None and issued is not None and task.deadline < issued


def _resolve(
    mention: AgencyMention, by_name: dict[str, Agency], mappings: dict[str, Agency], expand: bool
) -> tuple[list[Agency], Problem | None]:
    """The agencies a mention stands for, or the reason it stands for none yet."""
    if fold(mention.written) in mappings:
        return [mappings[fold(mention.written)]], None
    if mention.entry is not None:
        return [by_name[fold(mention.entry.name)]], None
    if mention.group is not None:
        members = group_members(mention.group, [CatalogueEntry(a.name) for a in by_name.values()])
        if not members:
            return [], Problem("empty_group", mention.written)
        if not expand:
            return [], Problem("unconfirmed_group", mention.written, len(members))
        return [by_name[fold(m.name)] for m in members], None
    return [], Problem("unknown_agency", mention.written)


def plan_import(
    draft: DirectiveDraft,
    known: list[Agency],
    *,
    mappings: dict[str, Agency] | None = None,
    expand_groups: bool = False,
    leads: dict[int, Agency] | None = None,
    deadlines: dict[int, date] | None = None,
    dropped: frozenset[int] = frozenset(),
) -> ImportPlan:
    """Decide, task by task, which agencies each will be saved for (with the officer's fixes:
    the tasks they dropped keep their numbers, so the others keep theirs)."""
    by_name = {fold(a.name): a for a in known}
    mapped = {fold(written): agency for written, agency in (mappings or {}).items()}
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
            lead_as_written=task.lead.written if task.lead else None,
        )
        if deadlines and number in deadlines:
            item.deadline, item.deadline_text = deadlines[number], None
        if leads and number in leads:
            item.leads = [leads[number]]
        elif task.lead is None:
            item.problem = Problem("no_lead")
        else:
            item.leads, item.problem = _resolve(task.lead, by_name, mapped, expand_groups)
        for mention in task.cooperating:
            helpers, _ = _resolve(mention, by_name, mapped, expand_groups)
            item.cooperating += [h for h in helpers if h not in item.leads]
        planned.append(item)
    return ImportPlan(draft, planned)


async def read_and_plan(
    *,
    session: AsyncSession,
    data: bytes,
    filename: str,
    issued_on: date | None = None,
    max_bytes: int,
    before_is_inclusive: bool = True,
    mappings: dict[str, str] | None = None,
    expand_groups: bool = False,
    leads: dict[int, str] | None = None,
    deadlines: dict[int, date] | None = None,
    dropped: frozenset[int] = frozenset(),
) -> ImportPlan:
    """Read a file against the catalogue and plan it; raises UnreadableDocument or UnknownAgency."""
    known = await agencies.list_agencies(session=session)
    draft = read_directive(
        data,
        filename,
        catalogue=catalogue_of(known),
        issued_on=issued_on,
        max_bytes=max_bytes,
        before_is_inclusive=before_is_inclusive,
    )
    targets = {
        written: await agencies.find_agency(session=session, text=name)
        for written, name in (mappings or {}).items()
    }
    lead_fixes = {
        number: await agencies.find_agency(session=session, text=name)
        for number, name in (leads or {}).items()
    }
    plan = plan_import(
        draft,
        known,
        mappings=targets,
        expand_groups=expand_groups,
        leads=lead_fixes,
        deadlines=deadlines,
        dropped=dropped,
    )
    meta = draft.meta
    plan.duplicate_of = await directives.find_imported(
        session=session, sha256=draft.sha256, number=meta.number, issued_on=meta.issued_on
    )
    return plan


async def save_plan(
    *, session: AsyncSession, plan: ImportPlan, now: datetime, actor: int | None = None
) -> Saved:
    """Save the ready tasks (under the directive already imported, if this is a re-import)."""
    meta = plan.draft.meta
    directive = plan.duplicate_of or await directives.add_directive(
        session=session,
        now=now,
        number=meta.number,
        kind=meta.kind,
        title=meta.title,
        issued_on=meta.issued_on,
        signer=meta.signer,
        source_sha256=plan.draft.sha256,
    )
    new_tasks = [
        NewTask(
            text=task.text,
            lead_agency_id=lead.id,
            deadline=task.deadline,
            cooperating_agency_ids=tuple(a.id for a in task.cooperating if a.id is not None),
            deadline_text=task.deadline_text,
            recurrence=task.recurrence,
            summary=task.summary,
        )
        for task in plan.ready
        for lead in task.leads
        if lead.id is not None
    ]
    return await directives.save_tasks(
        session=session, directive=directive, tasks=new_tasks, now=now, actor=actor
    )
