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
    """The caller may not see or change that task."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} belongs to another agency")
        self.task_id = task_id


class AlreadyDone(StorageError):
    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id} is already done")
        self.task_id = task_id


class PeriodNotStarted(StorageError):
    """A recurring task's period was just closed; the next one has not begun (a second press of
    the same button, or /done twice, must not close it in advance)."""

    def __init__(self, task_id: int, deadline: date, starts: date) -> None:
        super().__init__(f"task {task_id}: the period due {deadline} starts on {starts}")
        self.task_id = task_id
        self.deadline = deadline
        self.starts = starts


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
    """A recurring task is extended for its current period only, not past the next one."""

    def __init__(self, task_id: int) -> None:
        super().__init__(f"task {task_id}: the new deadline must come before the next period's")
        self.task_id = task_id


class ChatRegisteredElsewhere(StorageError):
    """The chat is bound to another agency (or to the coordinators): an invite does not move it."""

    def __init__(self, agency: str | None) -> None:
        super().__init__(f"the chat is registered to {agency or 'the coordinators'}")
        self.agency = agency  # None: the coordinators
