"""What can go wrong in a business rule, as exceptions the bot and the CLI turn into words."""

from __future__ import annotations

from datetime import date


class StorageError(Exception):
    """Base of the errors a user can cause; each carries the values its message needs."""


class TaskNotFound(StorageError):
    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} not found")
        self.task_id = task_id


class NotRegistered(StorageError):
    """The chat is not bound to an agency and the user is no coordinator."""


class NotAllowed(StorageError):
    """The caller may not see or change that task; group_of: the agency of the group asked in,
    which speaks for it alone whoever types there (None: asked in a private chat)."""

    def __init__(self, task_id: int, *, group_of: str | None = None) -> None:
        super().__init__(f"task {task_id} belongs to another agency")
        self.task_id = task_id
        self.group_of = group_of


class AlreadyDone(StorageError):
    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} is already done")
        self.task_id = task_id


class Withdrawn(StorageError):
    """The task was withdrawn (no longer in force): it is not closed, reopened, extended or
    withdrawn again."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} was withdrawn")
        self.task_id = task_id


class DoneNotWithdrawn(StorageError):
    """A done task is not withdrawn: it was in force, and done; its closing stays counted."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} is done: a done task is not withdrawn")
        self.task_id = task_id


class NotWithdrawn(StorageError):
    """Only a withdrawn task is restored."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} is not withdrawn")
        self.task_id = task_id


class PeriodNotStarted(StorageError):
    """A recurring task's period was just closed; the next one has not begun (a second press of
    the same button, or /done twice, must not close it in advance)."""

    def __init__(self, task_id: int, deadline: date, starts: date) -> None:
        super().__init__(f"task {task_id}: the period due {deadline} starts on {starts}")
        self.task_id = task_id
        self.deadline = deadline
        self.starts = starts


class PeriodClosed(StorageError):
    """A ✅ named a period of a recurring task that has closed since it was sent (done, or
    recorded missed): pressed again, or by a colleague who had not seen the closing, it must not
    close the open period, weeks before its time."""

    def __init__(self, task_id: int, period: date, deadline: date) -> None:
        super().__init__(f"task {task_id}: the period due {period} is closed (open: {deadline})")
        self.task_id = task_id
        self.period = period
        self.deadline = deadline  # the open period's


class PeriodNotOpen(StorageError):
    """A ✅ named a period of a recurring task that is not the open one and has not closed
    either: an earlier period was reopened since it was sent (or a revised document moved the
    schedule). Closing the open period instead would close one the button was not for."""

    def __init__(self, task_id: int, period: date, deadline: date) -> None:
        super().__init__(f"task {task_id}: the period due {period} is not open ({deadline} is)")
        self.task_id = task_id
        self.period = period
        self.deadline = deadline  # the open period's


class NotDone(StorageError):
    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} is not done")
        self.task_id = task_id


class UnknownAgency(StorageError):
    def __init__(self, name: str) -> None:
        super().__init__(f"no agency called {name!r}")
        self.name = name


class AmbiguousAgency(StorageError):
    def __init__(self, name: str, candidates: list[str]) -> None:
        super().__init__(f"{name!r} could be any of: {', '.join(candidates)}")
        self.name = name
        self.candidates = candidates


class InviteInvalid(StorageError):
    """Unknown code."""


class InviteUsed(StorageError):
    """The code was redeemed already."""


class RegisteredAlready(InviteUsed):
    """The code was redeemed already, by the same person in this very chat, which still speaks
    for what it gave (a deep link opened again): nothing to ask a new code for."""

    def __init__(self, agency: str | None) -> None:
        super().__init__(f"the chat is registered to {agency or 'the coordinators'} already")
        self.agency = agency  # None: the coordinators


class RegistrationLapsed(InviteUsed):
    """The code was redeemed already, by the same person in this very chat, which still speaks
    for what it gave; but the person's own registration ended since (they left the group and
    came back, or an operator removed them). The group needs nothing; the person, for their
    private chat, a new code: a used one does not bring them back."""

    def __init__(self, agency: str | None) -> None:
        super().__init__(f"the chat is registered to {agency or 'the coordinators'} already")
        self.agency = agency  # None: the coordinators


class CoordinatorByConfiguration(StorageError):
    """A coordinator named in the configuration opened a coordinators' code in his private chat:
    he is one already, and the code stays unused (taken, it would keep him one after the
    configuration drops him)."""


class InviteExpired(StorageError):
    """The code is past its expiry."""


class NoDeadline(StorageError):
    """An extension was asked for a task without a deadline."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} has no deadline")
        self.task_id = task_id


class BadExtensionDate(StorageError):
    """The new deadline is not after the current one, or is already past."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id}: the new deadline must be later than the current one")
        self.task_id = task_id


class ExtensionPending(StorageError):
    """The task already has an extension request waiting for a decision."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} already has a pending extension request")
        self.task_id = task_id


class RequestNotFound(StorageError):
    def __init__(self, request_id: int) -> None:
        super().__init__(f"extension request {request_id} not found")
        self.request_id = request_id


class AlreadyDecided(StorageError):
    def __init__(self, request_id: int) -> None:
        super().__init__(f"extension request {request_id} was decided already")
        self.request_id = request_id


class CoordinatorsOnly(StorageError):
    """Only coordinators may do this."""


class LeadOnly(StorageError):
    """A cooperating agency sees the task; only the lead agency closes, reopens or extends it."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} is closed and extended by its lead agency only")
        self.task_id = task_id


class ExtensionBeyondPeriod(StorageError):
    """A recurring task is extended for its current period only, and no later than leaves the
    next period reminded in time (storage.extensions.latest_extension): latest, or None when
    no day will do."""

    def __init__(self, task_id: int, *, next_deadline: date, latest: date | None) -> None:
        super().__init__(
            f"task {task_id}: the period due {next_deadline} comes next; "
            f"latest day allowed: {latest or 'none'}"
        )
        self.task_id = task_id
        self.next_deadline = next_deadline
        self.latest = latest


class ChatRegisteredElsewhere(StorageError):
    """The chat is bound to another agency (or to the coordinators): an invite does not move it."""

    def __init__(self, agency: str | None) -> None:
        super().__init__(f"the chat is registered to {agency or 'the coordinators'}")
        self.agency = agency  # None: the coordinators


class ClosedAgain(StorageError):
    """An undo named a closing of a task that was undone since, and the task has been closed
    again: reopening it would undo a later closing (a colleague's, with their note)."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} was closed again after the closing named")
        self.task_id = task_id
