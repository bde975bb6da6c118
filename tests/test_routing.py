"""Who hears which reminder: agency chats, a head's private chat, the coordinators."""

from __future__ import annotations

from datetime import date

from jobs.policy import DueReminder, Urgency
from jobs.sweep import route
from storage.models import Chat, ChatPurpose
from tests.conftest import NOW

FINANCE, HEALTH = 1, 2
HEAD_OF_FINANCE = 501


def _chat(
    telegram_id: int, agency_id: int | None, purpose: ChatPurpose = ChatPurpose.AGENCY
) -> Chat:
    return Chat(
        id=telegram_id,
        telegram_id=telegram_id,
        agency_id=agency_id,
        purpose=purpose,
        created_at=NOW,
    )


def _due(slot: str, agency_id: int = FINANCE) -> DueReminder:
    return DueReminder(7, agency_id, slot, date(2023, 3, 8), Urgency.SOON, 7)


GROUP = _chat(-100, FINANCE)
HEAD = _chat(HEAD_OF_FINANCE, FINANCE)
HEALTH_GROUP = _chat(-200, HEALTH)
OFFICE = _chat(-300, None, ChatPurpose.COORDINATORS)
HEADS = {FINANCE: {HEAD_OF_FINANCE}}


def _heard(
    due: list[DueReminder], escalations: list[DueReminder], chats: list[Chat]
) -> list[tuple[int, str]]:
    return [(p.chat.telegram_id, p.reminder.slot) for p in route(due, escalations, chats, HEADS)]


def test_the_agency_group_hears_everything_and_the_head_only_the_first_overdue() -> None:
    chats = [GROUP, HEAD, HEALTH_GROUP, OFFICE]

    assert _heard([_due("d7:2023-03-15")], [], chats) == [(-100, "d7:2023-03-15")]
    assert _heard([_due("late0:2023-03-15")], [], chats) == [
        (-100, "late0:2023-03-15"),
        (HEAD_OF_FINANCE, "late0:2023-03-15"),
    ]
    assert _heard([_due("late1:2023-03-15")], [], chats) == [(-100, "late1:2023-03-15")]


def test_a_head_whose_agency_has_no_group_hears_everything() -> None:
    assert _heard([_due("d7:2023-03-15")], [], [HEAD]) == [(HEAD_OF_FINANCE, "d7:2023-03-15")]


def test_escalations_go_to_the_coordinators_only() -> None:
    chats = [GROUP, HEAD, OFFICE]

    assert _heard([], [_due("esc:2023-03-15")], chats) == [(-300, "esc:2023-03-15")]


def test_an_agency_without_chats_hears_nothing() -> None:
    assert _heard([_due("d7:2023-03-15", agency_id=HEALTH)], [], [GROUP, OFFICE]) == []


def test_coordinators_named_in_the_configuration_hear_the_escalations_in_private() -> None:
    bang = _chat(601, None)  # known to the bot only from [access] coordinators
    routed = route([], [_due("esc:2023-03-15")], [GROUP, OFFICE, bang], HEADS, {601, -300})

    assert [(p.chat.telegram_id, p.reminder.slot) for p in routed] == [
        (-300, "esc:2023-03-15"),  # once, though the group is also named
        (601, "esc:2023-03-15"),
    ]


def test_a_head_who_is_also_a_coordinator_hears_both_in_one_chat() -> None:
    routed = route(
        [_due("late0:2023-03-15")], [_due("esc:2023-03-10")], [HEAD], HEADS, {HEAD_OF_FINANCE}
    )

    assert [(p.chat.telegram_id, p.reminder.slot) for p in routed] == [
        (HEAD_OF_FINANCE, "late0:2023-03-15"),
        (HEAD_OF_FINANCE, "esc:2023-03-10"),
    ]


def test_a_private_chat_that_only_chose_a_language_hears_nothing() -> None:
    """/lang gives the private chat of someone registered in their group a row of its own,
    bound to nothing: the group keeps hearing the agency's reminders, that chat none."""
    staff = _chat(502, None)  # a finance officer's own chat, after /lang en there

    assert _heard([_due("d7:2023-03-15")], [_due("esc:2023-03-15")], [GROUP, staff]) == [
        (-100, "d7:2023-03-15")
    ]


def test_a_head_hears_the_first_chase_the_bot_was_down_for_beside_the_groups_later_one() -> None:
    """The first chase's days passed with the bot down: the group hears the current chase, the
    head the first (jobs.policy.first_chases_missed); a head's chat as the agency's only one
    hears the current chase alone."""
    later, first = _due("late1:2023-03-15"), _due("late0:2023-03-15")

    def heard(chats: list[Chat]) -> list[tuple[int, str]]:
        routed = route([later], [], chats, HEADS, first_chases=[first])
        return [(p.chat.telegram_id, p.reminder.slot) for p in routed]

    assert heard([GROUP, HEAD, OFFICE]) == [
        (-100, "late1:2023-03-15"),
        (HEAD_OF_FINANCE, "late0:2023-03-15"),
    ]
    assert heard([HEAD]) == [(HEAD_OF_FINANCE, "late1:2023-03-15")]
