"""The tables: agencies, directives, tasks, chats, members, invites, the reminder ledger, the
notices to the coordinators, audit."""

from __future__ import annotations

from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Enum,
    ForeignKey,
    Index,
    Integer,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime


class Role(StrEnum):
    """What a member may do: coordinators and admins see every agency."""

    ADMIN = "admin"
    COORDINATOR = "coordinator"
    HEAD = "head"
    STAFF = "staff"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    # No longer in force (a revised directive dropped it, or it is a copy a merger made
    # redundant): never reminded, listed or counted, and kept with its history.
    WITHDRAWN = "withdrawn"


class AgencyRole(StrEnum):
    """An agency's part in a task: the lead answers for it, cooperating agencies help."""

    LEAD = "lead"
    COOPERATING = "cooperating"


class ChatPurpose(StrEnum):
    AGENCY = "agency"
    COORDINATORS = "coordinators"


class ReminderStatus(StrEnum):
    CLAIMED = "claimed"
    SENT = "sent"
    FAILED = "failed"


def _fk(
    target: str, *, nullable: bool = False, index: bool = True, cascade: bool = False
) -> Column[int]:
    ondelete = "CASCADE" if cascade else None
    return Column(Integer, ForeignKey(target, ondelete=ondelete), nullable=nullable, index=index)


# Named constraints, so that later migrations can drop them on SQLite (batch mode) and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _enum(kind: type[StrEnum]) -> Enum:
    """A column that keeps an enum's value as a short string and gives the enum back.

    A native PostgreSQL ENUM would need a migration per new value; a plain String would give
    back "on_time", not PeriodOutcome.ON_TIME, and code that trusts the annotation breaks.
    """
    return Enum(
        kind,
        native_enum=False,
        create_constraint=False,
        length=20,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


class Agency(SQLModel, table=True):
    """A department, board or local committee that receives tasks."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, max_length=300)
    short_name: str | None = Field(default=None, max_length=100)
    # Former and informal names ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư" after the 2025 merger),
    # as the catalogue file gives them: an import replaces them.
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # The names of the agencies merged into this one (storage.agencies.merge_agencies): found
    # like aliases, but no import replaces them, and no row of a catalogue file may take them.
    merged_names: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    # Names documents write for it that an officer gave it when saving an import (/fix ten,
    # --map: storage.agencies.learn_names): found like aliases, kept by an import of the
    # catalogue file unless a row of it claims one, and removed by `nhacviec agencies forget`.
    learned_names: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    created_at: datetime = Field(sa_type=UTCDateTime)


class Directive(SQLModel, table=True):
    """A conclusion notice, directive or official letter that assigns tasks."""

    id: int | None = Field(default=None, primary_key=True)
    number: str | None = Field(default=None, max_length=100, index=True)
    kind: str | None = Field(default=None, max_length=100)
    title: str | None = Field(default=None)
    issued_on: date | None = Field(default=None)
    signer: str | None = Field(default=None, max_length=200)
    source_sha256: str | None = Field(default=None, unique=True, max_length=64)
    # The hash of its text as read, whitespace and line ends aside: the same document saved
    # again (other line ends, a .docx re-saved) is the same directive.
    text_sha256: str | None = Field(default=None, index=True, max_length=64)
    # What the officer corrected when importing it, applied again when it is imported again:
    # {"dropped": [folded task text], "leads": {folded text: agency id}, "expand_groups": bool,
    #  "deadlines": {folded text: {"read": iso date or None, "to": iso date}}}
    corrections: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    created_at: datetime = Field(sa_type=UTCDateTime)


class Task(SQLModel, table=True):
    """One duty with a deadline (or none, for ongoing work)."""

    id: int | None = Field(default=None, primary_key=True)
    directive_id: int | None = Field(default=None, sa_column=_fk("directive.id", nullable=True))
    text: str
    summary: str | None = Field(default=None, max_length=300)  # for phone screens; else text
    deadline: date | None = Field(default=None, index=True)
    deadline_text: str | None = Field(default=None)
    # The hour a deadline carries ("trước 14 giờ ngày 15/3/2024"), shown with its day: the day's
    # reminder goes out in the morning, before it. None for a whole day (or a day set by hand).
    deadline_time: time | None = Field(default=None)
    # "monthly", "quarterly", ...: the deadline moves to the next period when one closes.
    recurrence: str | None = Field(default=None, max_length=20)
    # A recurring task whose current period was extended: the period's deadline by the
    # schedule, from which the next period's is counted (None when not extended).
    scheduled_deadline: date | None = Field(default=None)
    # A recurring task's day of the month: each period is due that day, or on the last day of a
    # shorter month (31: the month's end). Kept apart from the deadline because a clamped
    # deadline (29/02 for "ngày 30") no longer says which day the next period falls on.
    schedule_day: int | None = Field(default=None)
    # A recurring task on the nth working day of its month ("ngày làm việc thứ 3 hằng tháng"):
    # that n, which each period keeps in place of schedule_day, weekends and public holidays
    # skipped (the 6th in January 2026, the 4th in February). None: the day of the month rules.
    schedule_working_day: int | None = Field(default=None)
    # A recurring task's current period: the day from which the sweep counts it as chased. The
    # day the sweep moved the task on to it (recording the one before as missed), or, when
    # something else made it current (/done, a new task, an undo, a restore: None until then),
    # the first day a sweep found it past its deadline. It is recorded missed no earlier than
    # the next day: a period made current after that morning's digest is chased once first.
    period_current_from: date | None = Field(default=None)
    # The deadline its directive gave, as last imported: a re-import that gives the same one
    # changes nothing (an approved extension, a periodic duty's later period stay).
    imported_deadline: date | None = Field(default=None)
    status: TaskStatus = Field(default=TaskStatus.OPEN, sa_type=_enum(TaskStatus), index=True)
    # When, by whom and with what note it was closed: done, or withdrawn (the note is then the
    # reason). One set of columns for both, as a task is closed one way or the other.
    done_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    done_by: int | None = Field(default=None, sa_type=BigInteger)
    done_note: str | None = Field(default=None)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class PeriodOutcome(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    MISSED = "missed"


class TaskPeriod(SQLModel, table=True):
    """One closed period of a recurring task: its deadline and what became of it."""

    __tablename__ = "task_period"
    __table_args__ = (UniqueConstraint("task_id", "deadline", name="uq_task_period_task_deadline"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(sa_column=_fk("task.id", cascade=True))
    deadline: date  # the one met or missed: the extended deadline, if the period had one
    scheduled_deadline: date | None = Field(default=None)  # the schedule's, if extended
    outcome: PeriodOutcome = Field(sa_type=_enum(PeriodOutcome))
    closed_at: datetime = Field(sa_type=UTCDateTime)
    closed_by: int | None = Field(default=None, sa_type=BigInteger)
    note: str | None = Field(default=None)


class TaskAgency(SQLModel, table=True):
    """Which agencies a task is assigned to, and as what."""

    __tablename__ = "task_agency"

    task_id: int = Field(
        sa_column=Column(Integer, ForeignKey("task.id", ondelete="CASCADE"), primary_key=True)
    )
    agency_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("agency.id", ondelete="CASCADE"), primary_key=True, index=True
        )
    )
    role: AgencyRole = Field(sa_type=_enum(AgencyRole))


class Chat(SQLModel, table=True):
    """A Telegram chat bound to an agency (or to the coordinators)."""

    id: int | None = Field(default=None, primary_key=True)
    telegram_id: int = Field(sa_type=BigInteger, unique=True)
    agency_id: int | None = Field(default=None, sa_column=_fk("agency.id", nullable=True))
    purpose: ChatPurpose = Field(default=ChatPurpose.AGENCY, sa_type=_enum(ChatPurpose))
    title: str | None = Field(default=None, max_length=300)
    active: bool = Field(default=True)
    language: str | None = Field(default=None, max_length=5)  # None: the bot's own language
    created_at: datetime = Field(sa_type=UTCDateTime)


class Member(SQLModel, table=True):
    """A Telegram user known to the bot, with the agency they speak for and their role."""

    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int = Field(sa_type=BigInteger, unique=True)
    agency_id: int | None = Field(default=None, sa_column=_fk("agency.id", nullable=True))
    role: Role = Field(sa_type=_enum(Role))
    display_name: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Invite(SQLModel, table=True):
    """A one-time registration code; only its hash is kept."""

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(unique=True, max_length=64)
    agency_id: int | None = Field(default=None, sa_column=_fk("agency.id", nullable=True))
    role: Role = Field(sa_type=_enum(Role))
    created_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by: int | None = Field(default=None, sa_type=BigInteger)
    used_in_chat: int | None = Field(default=None, sa_type=BigInteger)


class Reminder(SQLModel, table=True):
    """The ledger: one row per (task, chat, slot), claimed before sending, so nothing goes twice."""

    __table_args__ = (
        UniqueConstraint("task_id", "chat_id", "slot", name="uq_reminder_task_chat_slot"),
        Index("ix_reminder_status_claimed_at", "status", "claimed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(sa_column=_fk("task.id", index=False, cascade=True))
    chat_id: int = Field(sa_column=_fk("chat.id", cascade=True))
    slot: str = Field(max_length=60)
    status: ReminderStatus = Field(sa_type=_enum(ReminderStatus))
    attempts: int = Field(default=0)
    claimed_at: datetime = Field(sa_type=UTCDateTime)
    claimed_by: str = Field(max_length=100)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    message_id: int | None = Field(default=None, sa_type=BigInteger)
    error: str | None = Field(default=None)


class ExtensionStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    EXPIRED = "expired"  # the deadline it would move changed (closed, extended, re-imported)


class ExtensionRequest(SQLModel, table=True):
    """An agency asks for a later deadline; a coordinator approves or rejects it."""

    __tablename__ = "extension_request"

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(sa_column=_fk("task.id", cascade=True))
    requested_by: int = Field(sa_type=BigInteger)
    requested_in_chat: int = Field(sa_type=BigInteger)
    current_deadline: date
    requested_deadline: date
    reason: str | None = Field(default=None)
    status: ExtensionStatus = Field(default=ExtensionStatus.PENDING, sa_type=_enum(ExtensionStatus))
    created_at: datetime = Field(sa_type=UTCDateTime)
    decided_by: int | None = Field(default=None, sa_type=BigInteger)
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ImportRequest(SQLModel, table=True):
    """A document a coordinator sent to the bot, waiting for the preview to be confirmed.

    Telegram keeps the file: we keep its id and the officer's corrections, so a restart
    between the preview and "save" loses nothing.
    """

    __tablename__ = "import_request"

    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_type=BigInteger, index=True)
    user_id: int = Field(sa_type=BigInteger)
    file_id: str = Field(max_length=300)
    file_name: str = Field(max_length=300)
    # {"mappings": {written: agency}, "leads": {task number: agency}, "deadlines": {n: iso date}}
    corrections: dict[str, dict[str, str]] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False)
    )
    expand_groups: bool = Field(default=False)
    # The document as read (bot.importing.draft_to_stored), so /fix and save do not read it again.
    draft: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    status: str = Field(default="pending", max_length=20)
    created_at: datetime = Field(sa_type=UTCDateTime)


class NoticeKind(StrEnum):
    EXTENSION_REQUEST = "extension_request"  # subject: the request's id
    CHAT_LOST = "chat_lost"  # subject: the paused chat's row id


class NoticeStatus(StrEnum):
    CLAIMED = "claimed"  # an instance is sending it (claimed_by), or died doing so
    SENT = "sent"
    FAILED = "failed"  # tried and refused: taken again while tries remain
    GIVEN_UP = "given_up"  # its tries ran out


class Notice(SQLModel, table=True):
    """The outbox of notices to the coordinators: one row per notice and coordinator chat,
    claimed before sending like a reminder (see storage.notices)."""

    __table_args__ = (
        # created_at tells one occasion from the next: a chat lost again after registering
        # anew is a new notice, queued at its own time.
        UniqueConstraint(
            "kind", "subject_id", "chat_id", "created_at", name="uq_notice_kind_subject_chat"
        ),
        Index("ix_notice_status_claimed_at", "status", "claimed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    kind: NoticeKind = Field(sa_type=_enum(NoticeKind))
    # No foreign key: the subject is a request or a chat, by kind.
    subject_id: int
    chat_id: int = Field(sa_type=BigInteger)  # the coordinator chat's Telegram id
    reason: str | None = Field(default=None)  # a lost chat's: Telegram's refusal
    parts_sent: int = Field(default=0)  # a retry resumes after these
    status: NoticeStatus = Field(sa_type=_enum(NoticeStatus))
    attempts: int = Field(default=0)
    claimed_at: datetime = Field(sa_type=UTCDateTime)
    claimed_by: str = Field(max_length=100)
    created_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str | None = Field(default=None)


class AuditEntry(SQLModel, table=True):
    """Who changed a task, when and how: kept forever."""

    __tablename__ = "audit_entry"

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(sa_column=_fk("task.id", cascade=True))
    at: datetime = Field(sa_type=UTCDateTime)
    actor: int | None = Field(default=None, sa_type=BigInteger)
    action: str = Field(max_length=40)
    detail: str | None = Field(default=None)
