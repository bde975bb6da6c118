"""Who may do what: invites, chat and member bindings, and the rule for seeing a task."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.errors import (
    ChatRegisteredElsewhere,
    CoordinatorByConfiguration,
    InviteExpired,
    InviteInvalid,
    InviteUsed,
    LeadOnly,
    NotAllowed,
    NotRegistered,
    RegisteredAlready,
    RegistrationLapsed,
    StorageError,
)
from storage.models import (
    Agency,
    Chat,
    ChatPurpose,
    ExtensionRequest,
    ImportRequest,
    Invite,
    Member,
    Notice,
    Role,
)
from storage.tasks import TaskView, get_task

COORDINATOR_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR})
# An invite never lowers its holder: of two roles, the higher is kept.
_RANK = {Role.STAFF: 0, Role.HEAD: 1, Role.COORDINATOR: 2, Role.ADMIN: 3}
# What create_invite makes: 12 random bytes, URL-safe base64 (16 characters).
INVITE_CODE = re.compile(r"[A-Za-z0-9_-]{16}")


def hash_code(code: str) -> str:
    """Invites are stored hashed: a leaked database does not leak usable codes."""
    return hashlib.sha256(code.strip().encode()).hexdigest()


async def create_invite(
    *, session: AsyncSession, agency_id: int | None, role: Role, now: datetime, valid_for: timedelta
) -> str:
    """Make a single-use code for an agency (None for the coordinators) and return it."""
    if (agency_id is None) != (role in COORDINATOR_ROLES):
        # A coordinator's rights are province-wide: tied to an agency, they would look like
        # that agency's and give every agency's tasks.
        raise ValueError("an invite is for an agency's staff or head, or for the coordinators")
    # 96 bits: unguessable, and short enough for a t.me deep link (at most 64 characters).
    code = secrets.token_urlsafe(12)
    session.add(
        Invite(
            code_hash=hash_code(code),
            agency_id=agency_id,
            role=role,
            created_at=now,
            expires_at=now + valid_for,
        )
    )
    await session.flush()
    return code


@dataclass(frozen=True)
class Registration:
    """What a registration gave, or what leaving took: an agency (None: all) and a role."""

    agency: Agency | None
    role: Role


async def redeem_invite(
    *,
    session: AsyncSession,
    code: str,
    user_id: int | None,
    display_name: str | None,
    chat_id: int,
    chat_title: str | None,
    now: datetime,
    coordinator_ids: Collection[int] = (),
) -> Registration:
    """Bind the chat and the user to the invite's agency and role, and use the invite up.

    A chat registered for something else, paused or not, is not moved (ChatRegisteredElsewhere,
    the invite stays unused; typed in a group, see void_invite), except that a coordinator's
    invite raises the owner of a private chat. Nobody is lowered: a coordinator who types an
    agency's code in its group stays a coordinator.

    A used code raises InviteUsed, or, when the same person used it in this chat and the chat
    still speaks for what it gave (its owner opened the link again): RegisteredAlready while
    the person still has what it gave them, asking for a new code would gain nothing;
    RegistrationLapsed when their own registration ended since (they left the group and came
    back): the group needs nothing, and an invite is used once, so they need a new code for
    their private chat.

    A coordinator named in the configuration (coordinator_ids) holds that role from the
    configuration alone, so that taking him out of it ends it: a code he types in a group sets
    the group up (for an agency, or the coordinators) and registers the group, not him (a
    member row would keep the coordinator's role, or tie him to the agency, once the
    configuration drops him). Typed in his own private chat, an agency's code is his, and a
    coordinators' code raises CoordinatorByConfiguration and stays unused.

    user_id None: nobody in particular typed it (an anonymous administrator writes as the
    group, under a user id Telegram shares between every such group): the chat alone is
    registered.
    """
    invite = (
        await session.exec(
            select(Invite).where(Invite.code_hash == hash_code(code)).with_for_update()
        )
    ).first()
    if invite is None or (invite.agency_id is not None and invite.role in COORDINATOR_ROLES):
        raise InviteInvalid()  # (the second: made by an older version that let it be)
    purpose = ChatPurpose.AGENCY if invite.agency_id is not None else ChatPurpose.COORDINATORS
    chat = (
        await session.exec(select(Chat).where(Chat.telegram_id == chat_id).with_for_update())
    ).first()
    given = (invite.agency_id, purpose)
    registered_as_given = chat is not None and (chat.agency_id, chat.purpose) == given
    bound_as_given = chat is not None and registered_as_given and _bound(chat)
    configured = user_id in coordinator_ids
    if invite.used_at is not None:
        if bound_as_given and (invite.used_by, invite.used_in_chat) == (user_id, chat_id):
            agency_name = await _agency_name(session=session, agency_id=invite.agency_id)
            if (
                user_id is None
                or configured
                or _still_holds(await _locked_member(session=session, user_id=user_id), invite)
            ):
                raise RegisteredAlready(agency_name)
            raise RegistrationLapsed(agency_name)
        raise InviteUsed()
    if invite.expires_at <= now:
        raise InviteExpired()
    if configured and chat_id == user_id and invite.agency_id is None:
        raise CoordinatorByConfiguration()

    if chat is None:
        chat = Chat(telegram_id=chat_id, created_at=now)
    elif _registered(chat) and not registered_as_given:
        # Paused too: a paused chat resumes as registered (resume_chat), not as whatever a code
        # typed there meanwhile said (a muted group, where the bot could not even answer).
        promotes_owner = chat_id == user_id and invite.role in COORDINATOR_ROLES
        if not promotes_owner:
            raise ChatRegisteredElsewhere(
                await _agency_name(session=session, agency_id=chat.agency_id)
            )
    invite.used_at, invite.used_by, invite.used_in_chat = now, user_id, chat_id
    session.add(invite)
    chat.agency_id, chat.purpose, chat.title, chat.active = (
        invite.agency_id,
        purpose,
        chat_title,
        True,
    )
    session.add(chat)
    agency = await session.get(Agency, invite.agency_id) if invite.agency_id is not None else None
    if user_id is None:
        await session.flush()
        return Registration(agency=agency, role=invite.role)
    if configured and chat_id != user_id:
        await session.flush()
        return Registration(agency=agency, role=Role.COORDINATOR)

    member = await _locked_member(session=session, user_id=user_id)
    if member is None:
        member = Member(
            telegram_user_id=user_id, agency_id=invite.agency_id, role=invite.role, created_at=now
        )
    elif member.role in COORDINATOR_ROLES or member.agency_id == invite.agency_id:
        # A coordinator registering an agency's group for it, a head using a staff code.
        member.role = max(member.role, invite.role, key=_RANK.__getitem__)
    else:
        # Moved to another agency, or made a coordinator: the old agency's private chat ends.
        if member.agency_id is not None and chat_id != user_id:
            private = await _registered_private_chat(session=session, user_id=user_id)
            if private is not None and private.agency_id == member.agency_id:
                _release(session, private)
        member.agency_id, member.role = invite.agency_id, invite.role
    member.display_name = display_name
    session.add(member)
    await session.flush()
    return Registration(agency=agency, role=member.role)


async def void_invite(*, session: AsyncSession, code: str, now: datetime) -> None:
    """Make an unused code expire now: it was shown in a group it could not register (one
    registered for something else), where everyone has read it. Left valid, any of them could
    open it in their private chat and have what it gives: another agency's tasks, or with a
    coordinators' code every agency's. Whoever it was meant for asks for a new one."""
    invite = (
        await session.exec(
            select(Invite)
            .where(Invite.code_hash == hash_code(code), col(Invite.used_at).is_(None))
            .with_for_update()
        )
    ).first()
    if invite is None or invite.expires_at <= now:
        return
    invite.expires_at = now
    session.add(invite)
    await session.flush()


def _still_holds(member: Member | None, invite: Invite) -> bool:
    """Whether the person who used an invite still has what it gave them: its agency, or a
    coordinator's role (which sees every agency, that one included)."""
    if member is None:
        return False
    return member.role in COORDINATOR_ROLES or (
        invite.agency_id is not None and member.agency_id == invite.agency_id
    )


async def _agency_name(*, session: AsyncSession, agency_id: int | None) -> str | None:
    """The name of an agency; None for the coordinators (no agency)."""
    agency = await session.get(Agency, agency_id) if agency_id is not None else None
    return agency.name if agency else None


def _registered(chat: Chat) -> bool:
    """Whether a chat is registered for something, an agency or the coordinators, paused or
    not: a paused chat resumes as registered, so what ends a registration ends it there too."""
    return chat.agency_id is not None or chat.purpose == ChatPurpose.COORDINATORS


def _bound(chat: Chat) -> bool:
    """Whether a chat speaks for something now: registered, and not paused."""
    return chat.active and _registered(chat)


async def _registered_private_chat(*, session: AsyncSession, user_id: int) -> Chat | None:
    """A person's private chat, if it is registered for something (paused or not)."""
    chat = await chat_by_telegram_id(session=session, telegram_id=user_id)
    return chat if chat is not None and _registered(chat) else None


def _release(session: AsyncSession, chat: Chat) -> None:
    """The chat speaks for nothing any more."""
    chat.agency_id, chat.purpose = None, ChatPurpose.AGENCY
    session.add(chat)


async def _end_registration(*, session: AsyncSession, member: Member) -> Registration:
    """The member no longer speaks for anything, in their private chat neither; returns what
    they had.

    Their private chat is released whatever it speaks for: a coordinator who opened an
    agency's link there kept his role and no agency of his own, and once he is nobody's, the
    agency's tasks must not stay in his chat (no group of it would ever take them back)."""
    had = Registration(
        agency=await session.get(Agency, member.agency_id) if member.agency_id else None,
        role=member.role,
    )
    private = await _registered_private_chat(session=session, user_id=member.telegram_user_id)
    if private is not None:
        _release(session, private)
    member.agency_id, member.role = None, Role.STAFF
    session.add(member)
    await session.flush()
    return had


async def _locked_member(*, session: AsyncSession, user_id: int) -> Member | None:
    return (
        await session.exec(
            select(Member).where(Member.telegram_user_id == user_id).with_for_update()
        )
    ).first()


async def leave_chat(*, session: AsyncSession, chat_id: int, user_id: int) -> Registration | None:
    """Someone left a registered group, or was removed: their own registration with what the
    group speaks for (its agency, or the coordinators) ends, in their private chat too.

    Returns what they lost, or None when the group gave them nothing. Whether they are in
    another group of the same agency is not asked: a group speaks for its agency to whoever is
    in it, so there they still see its tasks; what ends is what they see as a person.
    """
    chat = await chat_by_telegram_id(session=session, telegram_id=chat_id)
    if chat_id == user_id or chat is None or not _registered(chat):
        return None
    member = await _locked_member(session=session, user_id=user_id)
    if member is None:
        return None
    is_coordinator = member.role in COORDINATOR_ROLES
    if chat.purpose == ChatPurpose.COORDINATORS:
        if not is_coordinator:
            return None
    elif is_coordinator or member.agency_id != chat.agency_id:
        return None
    return await _end_registration(session=session, member=member)


class NotAMember(StorageError):
    """Nobody with this Telegram user id is registered (known: the bot met them once)."""

    def __init__(self, user_id: int, *, known: bool) -> None:
        super().__init__(f"user {user_id} has no registration")
        self.user_id = user_id
        self.known = known


@dataclass(frozen=True)
class Removal:
    """What remove_member took: the registration, and whether their private chat lost it."""

    registration: Registration
    display_name: str | None
    private_chat: bool


async def remove_member(*, session: AsyncSession, user_id: int) -> Removal:
    """An operator ends a person's registration, as leaving its group would: their agency and
    role, and what their private chat speaks for. Raises NotAMember when there is none."""
    member = await _locked_member(session=session, user_id=user_id)
    if member is None:
        raise NotAMember(user_id, known=False)
    speaks = await _registered_private_chat(session=session, user_id=user_id) is not None
    if member.agency_id is None and member.role not in COORDINATOR_ROLES and not speaks:
        raise NotAMember(user_id, known=True)
    had = await _end_registration(session=session, member=member)
    return Removal(had, member.display_name, speaks)


@dataclass(frozen=True)
class MemberRow:
    """A registered person, for the operator's list."""

    user_id: int
    display_name: str | None
    agency: Agency | None  # None: a coordinator, who sees every agency
    role: Role


async def list_members(*, session: AsyncSession, agency_id: int | None = None) -> list[MemberRow]:
    """Everyone registered (with an agency, or as a coordinator), or one agency's members;
    by agency, then role, then user id."""
    query = select(Member, Agency).outerjoin(Agency, col(Member.agency_id) == col(Agency.id))
    if agency_id is not None:
        query = query.where(Member.agency_id == agency_id)
    else:
        query = query.where(
            col(Member.agency_id).is_not(None) | col(Member.role).in_(list(COORDINATOR_ROLES))
        )
    rows = [
        MemberRow(member.telegram_user_id, member.display_name, agency, member.role)
        for member, agency in (await session.exec(query)).all()
    ]
    return sorted(
        rows,
        key=lambda row: (
            row.agency is not None,
            row.agency.name if row.agency else "",
            -_RANK[row.role],
            row.user_id,
        ),
    )


async def chat_by_telegram_id(*, session: AsyncSession, telegram_id: int) -> Chat | None:
    """The chat row for a Telegram chat id, bound or not."""
    return (await session.exec(select(Chat).where(Chat.telegram_id == telegram_id))).first()


async def move_chat(
    *, session: AsyncSession, old_telegram_id: int, new_telegram_id: int
) -> Chat | None:
    """Follow a group that became a supergroup: its binding moves to the new chat id, and so
    does everything kept under the old one (extension requests to answer there, notices to
    send there, documents previewed there, the invites used there, by which a member typing
    her code again hears it registered the group): the old id takes no message any more.

    Returns the moved chat, or None when its binding had nothing to move: the old id was never
    registered, or the move was already made (Telegram announces it in both chats, and a
    sweep that met the new id first moves the binding alone). What is kept under the old id
    moves all the same.
    """
    await session.exec(
        update(ExtensionRequest)
        .where(col(ExtensionRequest.requested_in_chat) == old_telegram_id)
        .values(requested_in_chat=new_telegram_id)
    )
    await session.exec(
        update(Notice).where(col(Notice.chat_id) == old_telegram_id).values(chat_id=new_telegram_id)
    )
    await session.exec(
        update(ImportRequest)
        .where(col(ImportRequest.chat_id) == old_telegram_id)
        .values(chat_id=new_telegram_id)
    )
    await session.exec(
        update(Invite)
        .where(col(Invite.used_in_chat) == old_telegram_id)
        .values(used_in_chat=new_telegram_id)
    )
    chat = (
        await session.exec(
            select(Chat).where(Chat.telegram_id == old_telegram_id).with_for_update()
        )
    ).first()
    if chat is None or await chat_by_telegram_id(session=session, telegram_id=new_telegram_id):
        return None
    chat.telegram_id = new_telegram_id
    session.add(chat)
    await session.flush()
    return chat


async def rename_chat(*, session: AsyncSession, telegram_id: int, title: str) -> bool:
    """A group was renamed: keep its title as it is now, the name its people know it by (the
    coordinators are told of a lost chat by it). Whether the bot knew the chat."""
    chat = await chat_by_telegram_id(session=session, telegram_id=telegram_id)
    if chat is None:
        return False
    chat.title = title
    session.add(chat)
    await session.flush()
    return True


async def resume_chat(*, session: AsyncSession, telegram_id: int) -> bool:
    """The bot may post in a paused chat again (someone who had blocked it writes to it, a
    group adds it back or gives it back the right to post): the chat takes reminders again, as
    registered before. Whether it was paused."""
    chat = (
        await session.exec(select(Chat).where(Chat.telegram_id == telegram_id).with_for_update())
    ).first()
    if chat is None or chat.active:
        return False
    chat.active = True
    session.add(chat)
    await session.flush()
    return True


async def pause_chat(
    *, session: AsyncSession, telegram_id: int, configured: Collection[int] = ()
) -> Chat | None:
    """The bot may no longer post in a chat (removed from the group, blocked, muted): it takes
    no reminders until registered again. The chat, if this paused it; None when it was paused
    already (the coordinators were told then) or spoke for nothing.

    configured: the coordinators named in the configuration, whose private chats take
    escalations without being registered. The caller queues the coordinators' notice in the
    same transaction (storage.notices.lose_chat).
    """
    chat = (
        await session.exec(select(Chat).where(Chat.telegram_id == telegram_id).with_for_update())
    ).first()
    if chat is None or not (_bound(chat) or (chat.active and telegram_id in configured)):
        return None
    chat.active = False
    session.add(chat)
    await session.flush()
    return chat


async def all_chats(*, session: AsyncSession) -> list[Chat]:
    """Every chat the bot knows, active or not."""
    return list((await session.exec(select(Chat).order_by(col(Chat.id)))).all())


@dataclass(frozen=True)
class Caller:
    """Who is asking, from where: the agency they act for, and whether they see everything."""

    user_id: int
    agency: Agency | None
    is_coordinator: bool
    # Asking in a group: the group's registration speaks, not the person typing in it.
    in_group: bool = False

    @property
    def is_known(self) -> bool:
        return self.is_coordinator or self.agency is not None


def listed_agency(caller: Caller) -> Agency | None:
    """Whose tasks the caller's lists (/tasks, /due) show: every agency's (None) to a
    coordinator, one who also heads an agency included (its tasks are among them), else the
    agency the caller acts for."""
    return None if caller.is_coordinator else caller.agency


def standing(
    *,
    user_id: int,
    chat_id: int,
    chat: Chat | None,
    member: Member | None,
    coordinators: Collection[int],
) -> tuple[bool, int | None]:
    """Whether the caller acts as a coordinator here, and the agency they act for: where one
    asks decides what one sees.

    A registered group speaks for what it was registered for, whoever types in it: the
    coordinators' group for every agency, an agency's group for that agency alone (a
    coordinator in it included). A private chat speaks for its owner: a coordinator sees every
    agency, a member their own. A group that is not registered speaks for nobody.
    """
    if chat is not None and not chat.active:
        chat = None
    if chat_id != user_id:  # a group: the person typing does not count
        if chat is None:
            return False, None
        return chat.purpose == ChatPurpose.COORDINATORS, chat.agency_id
    is_coordinator = (
        user_id in coordinators
        or (member is not None and member.role in COORDINATOR_ROLES)
        or (chat is not None and chat.purpose == ChatPurpose.COORDINATORS)
    )
    agency_id = chat.agency_id if chat is not None else None
    if agency_id is None and member is not None:
        agency_id = member.agency_id
    return is_coordinator, agency_id


async def identify(
    *,
    session: AsyncSession,
    user_id: int,
    chat_id: int,
    coordinator_ids: frozenset[int] = frozenset(),
) -> Caller:
    """Work out who is asking: a registered chat speaks for its agency, else the member's own."""
    chat = (
        await session.exec(
            select(Chat).where(Chat.telegram_id == chat_id, col(Chat.active).is_(True))
        )
    ).first()
    member = (await session.exec(select(Member).where(Member.telegram_user_id == user_id))).first()
    is_coordinator, agency_id = standing(
        user_id=user_id, chat_id=chat_id, chat=chat, member=member, coordinators=coordinator_ids
    )
    agency = await session.get(Agency, agency_id) if agency_id is not None else None
    return Caller(
        user_id=user_id,
        agency=agency,
        is_coordinator=is_coordinator,
        in_group=chat_id != user_id,
    )


async def chats_as_callers(
    *, session: AsyncSession, chats: Sequence[Chat], coordinator_ids: Collection[int] = ()
) -> dict[int, Caller]:
    """What each of these active chats may do by itself, by the chat's row id: as identify sees
    a private chat's owner, and anyone in a group by the group's registration alone."""
    telegram_ids = [chat.telegram_id for chat in chats]
    members = {
        m.telegram_user_id: m
        for m in (
            await session.exec(select(Member).where(col(Member.telegram_user_id).in_(telegram_ids)))
        ).all()
    }
    agencies = {a.id: a for a in (await session.exec(select(Agency))).all()}
    callers = {}
    for chat in chats:
        assert chat.id is not None
        is_coordinator, agency_id = standing(
            user_id=chat.telegram_id,
            chat_id=chat.telegram_id,
            chat=chat,
            member=members.get(chat.telegram_id),
            coordinators=coordinator_ids,
        )
        callers[chat.id] = Caller(chat.telegram_id, agencies.get(agency_id), is_coordinator)
    return callers


async def chats_to_answer(
    *,
    session: AsyncSession,
    chat_id: int,
    task_id: int,
    coordinator_ids: frozenset[int] = frozenset(),
) -> list[int]:
    """Where to say what became of a request about a task asked in chat_id: that chat while it
    may still see the task (as the chat by itself, like chats_as_callers), else the active
    chats of the task's lead agency, which still waits for the answer (a member who asked in
    private has left it since: his chat no longer sees its tasks)."""
    view = await get_task(session=session, task_id=task_id)
    asker = await identify(
        session=session, user_id=chat_id, chat_id=chat_id, coordinator_ids=coordinator_ids
    )
    if may_see(asker, view):
        return [chat_id]
    if view.lead is None:
        return []
    chats = await session.exec(
        select(Chat.telegram_id).where(
            Chat.agency_id == view.lead.id,
            Chat.purpose == ChatPurpose.AGENCY,
            col(Chat.active).is_(True),
        )
    )
    return sorted(chats.all())


async def chat_language(*, session: AsyncSession, telegram_id: int) -> str | None:
    """The language a chat chose, None for the bot's own.

    A paused chat keeps its choice: the people who chose it read what the bot says there when
    it resumes (its owner unblocked the bot) or is registered again."""
    return (
        await session.exec(select(Chat.language).where(Chat.telegram_id == telegram_id))
    ).first()


async def set_chat_language(
    *, session: AsyncSession, telegram_id: int, language: str, now: datetime
) -> None:
    """Make a chat's messages (replies and reminders) speak ``language``.

    Who may choose is the caller's to check (someone the bot knows there). A private chat whose
    owner registered elsewhere (in the agency's group) or only in the configuration has no row
    yet: it gets one, bound to nothing, as the sweep gives a configured coordinator. A paused
    chat is refused (NotRegistered).
    """
    chat = await chat_by_telegram_id(session=session, telegram_id=telegram_id)
    if chat is None:
        chat = Chat(telegram_id=telegram_id, created_at=now)
    elif not chat.active:
        raise NotRegistered()
    chat.language = language
    session.add(chat)
    await session.commit()


def may_see(caller: Caller, view: TaskView) -> bool:
    """Coordinators see every task; others only their agency's (as lead or cooperating).

    Seeing is not acting: see may_act."""
    if caller.is_coordinator:
        return True
    return caller.agency is not None and caller.agency.id in view.agency_ids


def may_act(caller: Caller, view: TaskView) -> bool:
    """Coordinators and the lead agency close, reopen and extend a task; cooperating agencies
    only follow it (they answer to the lead, not for the task)."""
    if caller.is_coordinator:
        return True
    return caller.agency is not None and view.lead is not None and caller.agency.id == view.lead.id


def check_may_see(caller: Caller, view: TaskView) -> None:
    """Raise NotAllowed unless the caller may see the task."""
    if not may_see(caller, view):
        group_of = caller.agency.name if caller.in_group and caller.agency else None
        raise NotAllowed(view.id, group_of=group_of)


async def visible_task(*, session: AsyncSession, caller: Caller, task_id: int) -> TaskView:
    """The task if the caller may see it; raises NotRegistered, TaskNotFound or NotAllowed."""
    if not caller.is_known:
        raise NotRegistered()
    view = await get_task(session=session, task_id=task_id)
    check_may_see(caller, view)
    return view


async def task_to_act_on(*, session: AsyncSession, caller: Caller, task_id: int) -> TaskView:
    """The task if the caller may close, reopen or extend it; raises as visible_task does, or
    LeadOnly for a cooperating agency."""
    view = await visible_task(session=session, caller=caller, task_id=task_id)
    if not may_act(caller, view):
        raise LeadOnly(task_id)
    return view


async def coordinator_chat_ids(*, session: AsyncSession, configured: frozenset[int]) -> list[int]:
    """Where coordinators are told things: their groups, their members and the configured ids."""
    groups = await session.exec(
        select(Chat.telegram_id).where(
            Chat.purpose == ChatPurpose.COORDINATORS, col(Chat.active).is_(True)
        )
    )
    people = await session.exec(
        select(Member.telegram_user_id).where(col(Member.role).in_(list(COORDINATOR_ROLES)))
    )
    return sorted({*groups.all(), *people.all(), *configured})
