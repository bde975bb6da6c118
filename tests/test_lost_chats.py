"""An agency's chat the bot can no longer post in is paused, and the coordinators hear of it once.

A chat is lost when Telegram refuses a reminder for good (the bot kicked, blocked, or without the
right to post), or when Telegram tells the bot with a my_chat_member update that it was removed
or muted. The coordinators' notice is kept until it is delivered: one that fails is sent again
with the next sweep, as an extension request's notice is (storage.notices keeps both).

A paused chat resumes as registered; a registration that ended while it was paused (its owner
left the group or was removed) has ended there too.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date, datetime, timedelta

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.telegram_server import Fault
from storage import access, agencies, notices
from storage.db import Database
from storage.ledger import ClaimPolicy
from storage.models import Chat, Role
from tests.conftest import NOW
from tests.harness import JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday
DEADLINE = date(2023, 3, 15)  # the 7-day reminder goes out on Wed 08/03
POLICY = ClaimPolicy()
RESUMED = "✅ Bạn đã mở lại bot"
NOT_REGISTERED = "Cuộc trò chuyện này chưa được đăng ký với đơn vị nào"


@pytest.fixture
async def bot(database_url: str) -> AsyncIterator[Harness]:
    async with running_bot(database_url, start=START) as harness:
        yield harness


def _alerts(bot: Harness, chat: JSON) -> list[str]:
    return [m["text"] for m in bot.server.sent_messages(chat["id"]) if m["text"].startswith("⚠️")]


async def _office_and_finance(
    bot: Harness, *, supergroup: bool = False
) -> tuple[JSON, JSON, JSON, JSON]:
    """A coordinator (Bằng) in private, and the finance department's group (Lan in it) with a
    task: the office's chat, the group, Lan, Bằng."""
    lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
    finance = bot.server.add_group("Sở Tài chính", [lan], supergroup=supergroup)
    office = bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Ban hành Kế hoạch chung", "STC", DEADLINE)
    return office, finance, lan, bang


async def _active(bot: Harness, chat: JSON) -> bool:
    async with bot.database.session() as session:
        row = (await session.exec(select(Chat).where(Chat.telegram_id == chat["id"]))).one()
    return row.active


async def test_the_coordinators_hear_of_a_lost_chat_even_if_the_first_notice_fails(
    bot: Harness,
) -> None:
    """The notice of a lost chat is claimed like an extension request's: tried once when the
    sweep finds the chat gone, and sent again with the next sweep until it arrives, once."""
    office, finance, _, _ = await _office_and_finance(bot)
    bot.server.inject(Fault.kicked(), method="sendMessage", chat_id=finance["id"], times=10)
    bot.server.inject(Fault.server_error(), method="sendMessage", chat_id=office["id"], times=1)

    bot.at(date(2023, 3, 8))
    await bot.sweep()  # the group is found gone; telling the coordinator fails once
    assert _alerts(bot, office) == []

    bot.at(date(2023, 3, 8), hour=10)
    await bot.sweep()
    bot.at(date(2023, 3, 9))
    await bot.sweep()

    (alert,) = _alerts(bot, office)
    assert alert == (
        "⚠️ Bot không còn gửi được nhắc việc của Sở Tài chính tới “Sở Tài chính” nên đã tạm "
        "ngừng gửi tới đó. Lý do: bot đã bị xóa khỏi nhóm. Hãy thêm bot lại vào nhóm: nhắc việc "
        "sẽ tự gửi lại."
    )


async def test_a_notice_kept_waiting_by_a_flood_wait_is_not_taken_back_and_sent_twice(
    bot: Harness,
) -> None:
    """A coordinators' notice (here: an agency's group was lost) is sent again by a sweep while
    Telegram makes the bot wait (429) longer than claim_timeout. The sweep holding it renews its
    claim while it waits, as it does a digest's, so the next sweep (the retry job, or another
    instance's) does not take it back and send it too: the coordinator hears of it once."""
    bot.settings.reminders.claim_timeout = 3  # renewed every second
    office, finance, _, _ = await _office_and_finance(bot)
    bot.server.inject(Fault.kicked(), method="sendMessage", chat_id=finance["id"], times=10)
    bot.server.inject(Fault.server_error(), method="sendMessage", chat_id=office["id"])
    bot.at(date(2023, 3, 8))
    await bot.sweep()  # the group is found lost; the first notice fails

    bot.at(date(2023, 3, 8), hour=10)
    bot.server.inject(Fault.retry_after(6), method="sendMessage", chat_id=office["id"])
    waiting = asyncio.create_task(bot.sweep())  # takes the notice back, then waits 6 s
    await bot.server.wait_for_call("sendMessage")
    await asyncio.sleep(0.2)
    bot.clock.set(datetime(2023, 3, 8, 10, 0, 5, tzinfo=VIETNAM_TZ))  # past claim_timeout
    await asyncio.sleep(2.5)  # the holder's renewals come due meanwhile
    await bot.sweep()  # the retry sweep, while the first still waits
    await asyncio.wait_for(waiting, timeout=30)

    assert len(_alerts(bot, office)) == 1


async def test_the_bot_removed_from_a_group_pauses_it_and_tells_the_coordinators_at_once(
    bot: Harness,
) -> None:
    """Telegram tells the bot it was removed with a my_chat_member update: the group is paused
    and the coordinators told then, while there is still time to add the bot back, rather than
    when the next reminder fails (that reminder lost)."""
    office, finance, lan, _ = await _office_and_finance(bot)

    bot.server.remove_bot(finance, removed_by=lan)
    _, alert = await bot.server.wait_for_messages(2, chat_id=office["id"])  # after the welcome

    assert alert["text"].startswith("⚠️") and "Sở Tài chính" in alert["text"]
    assert "bot đã bị xóa khỏi nhóm" in alert["text"]
    assert await _active(bot, finance) is False
    bot.at(date(2023, 3, 8))
    await bot.sweep()
    assert bot.server.calls("sendMessage")[-1].params["chat_id"] != finance["id"]
    assert len(_alerts(bot, office)) == 1


COORDINATOR_ID = 777_000_001  # a coordinator named in [access] coordinators only


async def test_a_renamed_group_is_named_as_it_is_now_when_the_coordinators_are_told(
    sqlite_url: str,
) -> None:
    """A group registered as "Tổ theo dõi Sở KH&ĐT", then renamed after the 2025 merger, is
    named by its current title when the bot is removed from it: the coordinators do not look
    for a group that no longer exists."""
    async with running_bot(sqlite_url, start=START, coordinators=[COORDINATOR_ID]) as bot:
        lan = bot.server.add_user("Lan")
        bang = bot.server.add_user("Bằng", user_id=COORDINATOR_ID)
        office = bot.server.add_private_chat(bang)
        finance = bot.server.add_group("Tổ theo dõi Sở KH&ĐT", [lan])
        await bot.register(lan, finance, "STC")

        bot.server.user_renames(finance, lan, "Tổ theo dõi Sở Tài chính")
        await bot.server.wait_until_idle()

        bot.server.remove_bot(finance, removed_by=lan)
        (alert,) = await bot.server.wait_for_messages(1, chat_id=office["id"])

    assert alert["text"].startswith("⚠️"), alert["text"]
    assert "“Tổ theo dõi Sở Tài chính”" in alert["text"], alert["text"]


async def test_a_configured_coordinator_who_never_opened_the_bot_is_explained_in_vietnamese(
    database_url: str,
) -> None:
    """Telegram lets a bot write to nobody who has not opened it first: it refuses 403 "bot
    can't initiate conversation with a user". Minh, a coordinator named in the configuration who
    never did, is paused, and the other coordinators are told in Vietnamese what to do: have him
    open the bot. The alert neither quotes Telegram's English nor says that he blocked it."""
    async with running_bot(database_url, start=START, coordinators=[COORDINATOR_ID]) as bot:
        office, *_ = await _office_and_finance(bot)
        await bot.add_task("Báo cáo quý IV", "STC", date(2023, 2, 28))  # escalated on 07/03
        minh_chat = bot.server.add_private_chat(bot.server.add_user("Minh", user_id=COORDINATOR_ID))
        never_opened = Fault(403, "Forbidden: bot can't initiate conversation with a user")
        bot.server.inject(never_opened, method="sendMessage", chat_id=minh_chat["id"], times=5)

        bot.at(date(2023, 3, 7))  # the fifth working day past the deadline
        await bot.sweep()

        (alert,) = [a for a in _alerts(bot, office) if a.startswith("⚠️ Bot")]  # not the escalation
    assert "Forbidden" not in alert and "initiate" not in alert, alert
    assert "chặn" not in alert, alert  # he blocked nothing
    assert alert.endswith(
        "Lý do: người này chưa từng mở bot nên Telegram không cho bot nhắn trước. Hãy nhờ họ mở "
        "bot và bấm Bắt đầu (/start): nhắc việc sẽ tự gửi lại."
    ), alert


async def test_a_group_where_the_bot_may_not_write_is_reported_to_the_coordinators(
    bot: Harness,
) -> None:
    """Telegram answers 400 "not enough rights to send text messages to the chat" when a group's
    admins take the right to post from the bot: the group is paused (not failed five times a
    day, silently, forever) and the coordinators told once, in the language they chose."""
    office, finance, _, bang = await _office_and_finance(bot)
    await bot.say(bang, office, "/lang en")
    bot.server.inject(Fault.no_rights(), method="sendMessage", chat_id=finance["id"], times=50)

    for day, hour in ((8, 8), (8, 10), (9, 8), (10, 8)):
        bot.at(date(2023, 3, day), hour=hour)
        await bot.sweep()

    assert bot.reminders_in(finance) == []
    assert await _active(bot, finance) is False
    (alert,) = _alerts(bot, office)
    assert alert == (
        "⚠️ Reminders for Sở Tài chính can no longer reach “Sở Tài chính”, so the bot has "
        "stopped sending them there. Reason: the bot may not send messages in the group. Give "
        "it that right: reminders resume by themselves."
    )


async def test_a_group_whose_general_topic_is_closed_is_reported_to_the_coordinators(
    sqlite_url: str,
) -> None:
    """An agency's group that turned on topics and closed "General" refuses every reminder with
    400 "TOPIC_CLOSED": as with a group that took the bot's right to post, the group is paused
    and the coordinators told once, not failed silently every sweep."""
    async with running_bot(sqlite_url, start=START) as bot:
        office, finance, _, _ = await _office_and_finance(bot, supergroup=True)
        closed = Fault(400, "Bad Request: TOPIC_CLOSED")
        bot.server.inject(closed, method="sendMessage", chat_id=finance["id"], times=50)

        for day, hour in ((8, 8), (8, 10), (9, 8), (10, 8)):
            bot.at(date(2023, 3, day), hour=hour)
            await bot.sweep()

        assert bot.reminders_in(finance) == []
        alerts = _alerts(bot, office)
        assert len(alerts) == 1, "the coordinators never heard that the group gets no reminders"
        assert "Sở Tài chính" in alerts[0]
        assert await _active(bot, finance) is False


async def test_a_group_whose_general_topic_is_reopened_has_its_reminders_again(
    sqlite_url: str,
) -> None:
    """Once "General" is open again, the group paused for TOPIC_CLOSED hears that it takes
    reminders again and gets the day's; nobody need register it anew."""
    async with running_bot(sqlite_url, start=START) as bot:
        _, finance, lan, _ = await _office_and_finance(bot, supergroup=True)
        closed = Fault(400, "Bad Request: TOPIC_CLOSED")
        bot.server.inject(closed, method="sendMessage", chat_id=finance["id"], times=1)
        bot.at(date(2023, 3, 8))
        await bot.sweep()
        assert await _active(bot, finance) is False

        bot.server.user_reopens_general_topic(finance, lan)
        *_, notice = await bot.server.wait_for_messages(2, chat_id=finance["id"])
        await bot.sweep()  # the sweep the bot runs again soon after a chat resumes

        assert await _active(bot, finance) is True
        assert notice["text"] == (
            "✅ Bot đã có thể gửi tin trở lại: nhóm tiếp tục nhận nhắc việc như trước."
        )
        assert "Ban hành Kế hoạch chung" in bot.reminders_in(finance)[-1]["text"]


async def test_a_group_that_mutes_the_bot_is_paused_at_once(bot: Harness) -> None:
    """A my_chat_member update that takes the bot's right to post pauses the group too."""
    office, finance, lan, _ = await _office_and_finance(bot)

    bot.server.restrict_bot(finance, restricted_by=lan)
    _, alert = await bot.server.wait_for_messages(2, chat_id=office["id"])

    assert "Lý do: bot không có quyền gửi tin nhắn trong nhóm." in alert["text"]
    assert await _active(bot, finance) is False


@pytest.mark.parametrize("lose", ["removed", "muted"])
async def test_a_group_that_takes_the_bot_back_has_its_reminders_again(
    bot: Harness, lose: str
) -> None:
    """Added back (or given back the right to post), the group takes reminders as registered
    before, and hears so: nobody need ask the coordinators for a new invite code."""
    office, finance, lan, _ = await _office_and_finance(bot)
    if lose == "removed":
        bot.server.remove_bot(finance, removed_by=lan)
    else:
        bot.server.restrict_bot(finance, restricted_by=lan)
    await bot.server.wait_for_messages(2, chat_id=office["id"])  # the welcome, the alert

    bot.server.add_bot_back(finance, added_by=lan)
    *_, welcome = await bot.server.wait_for_messages(2, chat_id=finance["id"])  # after /register
    bot.at(date(2023, 3, 8))
    await bot.sweep()

    assert welcome["text"] == (
        "✅ Bot đã có thể gửi tin trở lại: nhóm tiếp tục nhận nhắc việc như trước."
    )
    assert await _active(bot, finance) is True
    assert "Ban hành Kế hoạch chung" in bot.reminders_in(finance)[-1]["text"]
    assert len(_alerts(bot, office)) == 1


async def test_a_chat_lost_again_after_registering_anew_is_a_new_notice_once(
    db: Database,
) -> None:
    """The notices are queued where the chat is paused: a second finding of the same loss (the
    sweep after a my_chat_member update) queues nothing; a loss after registering again is a new
    notice, which replaces the one still owed of the first loss."""
    async with db.session() as session:
        await agencies.import_agencies(
            session=session, rows=[agencies.AgencyRow("Sở Tài chính", "STC")], now=NOW
        )
        finance = await agencies.find_agency(session=session, text="STC")
        assert finance is not None
        session.add(Chat(telegram_id=-100, agency_id=finance.id, title="STC", created_at=NOW))

    async def lose(at: datetime, reason: str) -> list[notices.ChatLostNotice] | None:
        return await db.retrying(
            lambda session: notices.lose_chat(
                session=session,
                telegram_id=-100,
                reason=reason,
                configured={7, -100},
                now=at,
                instance="a",
            )
        )

    (first,) = await lose(NOW, "kicked") or []
    assert first.row.id is not None
    async with db.session() as session:
        await notices.record_failure(
            session=session, notice_id=first.row.id, error="502", instance="a", policy=POLICY
        )
    found_again = await lose(NOW, "kicked")
    async with db.session() as session:
        chat = (await session.exec(select(Chat).where(Chat.telegram_id == -100))).one()
        chat.active = True  # registered again
        session.add(chat)
    (second,) = await lose(NOW + timedelta(hours=1), "blocked") or []

    def take_back(at: datetime) -> Callable[[AsyncSession], Awaitable[list[notices.Outgoing]]]:
        return lambda session: notices.take_back(
            session=session, now=at, instance="b", policy=POLICY, configured={7, -100}
        )

    at_once = await db.retrying(take_back(NOW + timedelta(hours=1)))
    stale = await db.retrying(take_back(NOW + timedelta(hours=2)))

    assert found_again is None
    assert (first.row.chat_id, first.row.reason, first.agency) == (7, "kicked", finance)
    assert second.row.reason == "blocked"
    assert at_once == []  # the first loss's notice is replaced, the second's freshly claimed
    assert [(n.row.id, n.row.reason) for n in stale] == [(second.row.id, "blocked")]


# --------------------------------------------------------------------------------------------
# A paused chat resumes as registered: never with an agency its owner lost meanwhile
# --------------------------------------------------------------------------------------------


async def _answers(bot: Harness, user: JSON, chat: JSON, text: str) -> str:
    """The bot's answer to a command in chat, after the notice that the chat was resumed."""
    before = len(bot.server.sent_messages(chat["id"]))
    bot.server.user_sends(chat, user, text)
    for _ in range(100):
        said = [m.get("text", "") for m in bot.server.sent_messages(chat["id"])[before:]]
        answers = [t for t in said if not t.startswith(RESUMED)]
        if answers:
            return "\n".join(answers)
        await asyncio.sleep(0.05)
    raise TimeoutError(f"no answer to {text}: {said}")


async def _pause(bot: Harness, telegram_id: int) -> None:
    """What the sweep does when Telegram refuses a reminder there (blocked, removed, muted)."""
    async with bot.database.session() as session:
        assert await access.pause_chat(session=session, telegram_id=telegram_id) is not None
        await session.commit()


async def _speaks_for_no_agency(bot: Harness, user: JSON, chat: JSON) -> None:
    """What /tasks answers in a paused private chat, resuming it: none of the agency's tasks,
    and that the chat is registered with no agency."""
    listing = await _answers(bot, user, chat, "/tasks")
    assert "Báo cáo tài chính mật" not in listing
    assert NOT_REGISTERED in listing


async def _head_who_blocked_the_bot(bot: Harness, head: JSON) -> JSON:
    """The head's private chat, registered for Sở Tài chính (a task of its own), then paused:
    he blocked the bot. The chat."""
    chat = bot.server.add_private_chat(head)
    await bot.register(head, chat, "STC", Role.HEAD)
    await bot.add_task("Báo cáo tài chính mật", "STC", DEADLINE)
    await _pause(bot, head["id"])
    return chat


async def test_a_head_who_left_the_group_while_his_chat_was_paused_gets_nothing_back(
    bot: Harness,
) -> None:
    """A head registered in private, who had blocked the bot (his chat paused), leaves the
    agency's group: his registration ends, his private chat with it. Once he writes to the bot
    again, the chat resumes, speaking for no agency: not the one he left."""
    lan, hung = bot.server.add_user("Lan"), bot.server.add_user("Hùng")
    finance = bot.server.add_group("Sở Tài chính", [lan, hung])
    await bot.register(lan, finance, "STC")
    hung_chat = await _head_who_blocked_the_bot(bot, hung)

    bot.server.user_leaves(finance, hung, removed_by=lan)  # removed from the agency meanwhile
    await bot.server.wait_until_idle()

    await _speaks_for_no_agency(bot, hung, hung_chat)


async def test_a_member_removed_by_the_operator_while_his_chat_was_paused_stays_removed(
    bot: Harness,
) -> None:
    """remove_member (nhacviec members remove) ends a person's registration and what their
    private chat speaks for; a paused private chat keeps no agency to resume with."""
    hung = bot.server.add_user("Hùng")
    hung_chat = await _head_who_blocked_the_bot(bot, hung)

    async with bot.database.session() as session:
        await access.remove_member(session=session, user_id=hung["id"])
        await session.commit()

    await _speaks_for_no_agency(bot, hung, hung_chat)


async def test_a_member_removed_from_a_group_where_the_bot_is_muted_loses_the_agency(
    bot: Harness,
) -> None:
    """The bot may not post in the agency's group (paused, still registered: it resumes when
    the right is given back). Someone removed from it meanwhile loses the agency as from a
    group where the bot may post: in their private chat they no longer see its tasks."""
    lan, hung = bot.server.add_user("Lan"), bot.server.add_user("Hùng")
    finance = bot.server.add_group("Sở Tài chính", [lan, hung])
    hung_chat = bot.server.add_private_chat(hung)
    await bot.register(hung, finance, "STC")  # Hùng registered the group: a member of STC
    await bot.add_task("Báo cáo tài chính mật", "STC", DEADLINE)

    bot.server.restrict_bot(finance, restricted_by=lan)  # the bot muted there: the chat paused
    await bot.server.wait_until_idle()
    bot.server.user_leaves(finance, hung, removed_by=lan)
    await bot.server.wait_until_idle()

    (listing,) = await bot.say(hung, hung_chat, "/tasks")
    assert "Báo cáo tài chính mật" not in listing["text"]
    assert NOT_REGISTERED in listing["text"]


async def test_a_code_typed_in_a_paused_group_does_not_move_it_to_another_agency(
    bot: Harness,
) -> None:
    """Sở Tài chính's group muted the bot (the chat is paused, still registered), and Minh typed
    Sở Y tế's code there meanwhile: the group stays Sở Tài chính's, as a group the bot may post
    in would. Given back the right to post, it lists Sở Tài chính's tasks again."""
    lan, minh = bot.server.add_user("Lan"), bot.server.add_user("Minh")
    finance = bot.server.add_group("Sở Tài chính", [lan, minh])
    await bot.register(lan, finance, "STC")
    plan = await bot.add_task("Kế hoạch chung", "STC", DEADLINE)
    await bot.add_task("Kiểm tra an toàn thực phẩm", "SYT", DEADLINE)
    health_code = await bot.invite("SYT")

    # Queued together, handled in turn: muted (paused), the code, the right given back, /tasks.
    bot.server.restrict_bot(finance, restricted_by=lan)
    bot.server.user_sends(finance, minh, f"/register {health_code}")
    bot.server.add_bot_back(finance, added_by=lan)
    bot.server.user_sends(finance, lan, "/tasks")
    _, refused, resumed = (await bot.server.wait_for_messages(3, chat_id=finance["id"]))[:3]
    assert refused["text"].startswith("Cuộc trò chuyện này đã được đăng ký cho Sở Tài chính.")
    assert resumed["text"].startswith("✅ Bot đã có thể gửi tin trở lại")
    *_, listing = await bot.server.wait_for_messages(4, chat_id=finance["id"])

    assert listing["text"].splitlines()[0] == "Nhiệm vụ đang mở — Sở Tài chính"
    assert f"#{plan} Kế hoạch chung" in listing["text"]
    assert "an toàn thực phẩm" not in listing["text"]


async def test_a_coordinator_removed_from_the_office_while_his_chat_was_paused_sees_nothing(
    bot: Harness,
) -> None:
    """The same with a coordinator's private chat: removed from the coordinators' group while
    he had blocked the bot, he gets no agency's tasks back by writing to it."""
    chi, bang = bot.server.add_user("Chi"), bot.server.add_user("Bằng")
    office = bot.server.add_group("Văn phòng UBND tỉnh", [chi, bang])
    bang_chat = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.register(bang, bang_chat, None, Role.COORDINATOR)
    await bot.add_task("Báo cáo tài chính mật", "STC", DEADLINE)

    await _pause(bot, bang["id"])  # Bằng blocked the bot
    bot.server.user_leaves(office, bang, removed_by=chi)
    await bot.server.wait_until_idle()

    await _speaks_for_no_agency(bot, bang, bang_chat)


async def test_a_configured_coordinators_lost_private_chat_is_named_as_a_person(
    database_url: str,
) -> None:
    """A coordinator named in the configuration has a private chat with no title: when it is
    lost, the other coordinators hear of a coordinator, by the Telegram id under which the
    configuration names him, not of a chat called “700000002”."""
    bang_id, minh_id = 700_000_001, 700_000_002  # [access] coordinators
    async with running_bot(database_url, start=START, coordinators=[bang_id, minh_id]) as bot:
        office = bot.server.add_private_chat(bot.server.add_user("Bằng", user_id=bang_id))
        minh_chat = bot.server.add_private_chat(bot.server.add_user("Minh", user_id=minh_id))
        lan = bot.server.add_user("Lan")
        finance = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, finance, "STC")
        await bot.add_task("Ban hành Kế hoạch chung", "STC", date(2023, 2, 28))
        bot.server.inject(Fault.blocked(), method="sendMessage", chat_id=minh_chat["id"], times=5)

        bot.at(date(2023, 3, 7))  # the fifth working day late: the coordinators hear of it
        await bot.sweep()

        alert = next(t for t in _alerts(bot, office) if t.startswith("⚠️ Bot"))
    assert alert == (
        "⚠️ Bot không còn nhắn riêng được cho cán bộ theo dõi nhiệm vụ có mã Telegram "
        "700000002 nên đã tạm ngừng gửi nhắc việc cho người này. Lý do: người dùng đã chặn bot. "
        "Nhắc việc sẽ được gửi lại khi họ bỏ chặn và nhắn cho bot."
    )
