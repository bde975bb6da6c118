"""An extension request is never lost: its notice to the coordinators is tried again, sent by the
next sweep if Telegram kept refusing it, split when long, listed by /extensions and the CLI."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.app import sweep_job
from bot.cli import main
from bot.lifecycle import run_daily_sweep_now
from bot.services import services_of
from bot.telegram_server import Fault, RecordedRequest
from jobs.policy import ReminderSettings, chased_until
from storage import access, agencies, extensions, notices, tasks
from storage.db import Database
from storage.errors import BadExtensionDate, ExtensionBeyondPeriod
from storage.ledger import ClaimPolicy
from storage.migrate import upgrade
from storage.models import (
    Chat,
    ChatPurpose,
    ExtensionStatus,
    Notice,
    NoticeStatus,
    Role,
    Task,
)
from storage.notices import ExtensionNotice, Outgoing
from tests.conftest import NOW
from tests.harness import (
    COORDINATORS_ONLY,
    JSON,
    QUERY_TOO_OLD,
    Harness,
    finance_with_digest,
    running_bot,
)
from tests.test_database_restart import linked
from vncalendar import VIETNAM_TZ, WorkingCalendar

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday
DEADLINE = date(2023, 3, 15)
ASK = "/extend 1 30/04/2023 chờ ý kiến của Bộ"
NOTICE = "⏳ Đề nghị gia hạn — Sở Tài chính"
# The sweep's limits on a periodic task's extension (storage.extensions.latest_extension), with
# the default reminder settings.
LEAD_DAYS = max(ReminderSettings().before)


def _chased_until(deadline: date) -> date:
    return chased_until(deadline, ReminderSettings(), WorkingCalendar())


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=START) as harness:
        yield harness


async def _finance_and_office(bot: Harness, task: str = "Ban hành Kế hoạch chung") -> list[JSON]:
    """Lan in the finance group, Bằng the coordinator in private, and task 1 of finance."""
    lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
    finance, office = bot.server.add_group("Sở Tài chính", [lan]), bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.register(bang, office, None, Role.COORDINATOR)
    assert await bot.add_task(task, "STC", DEADLINE) == 1
    return [lan, finance, bang, office]


def _notices(bot: Harness, chat: JSON) -> list[JSON]:
    return [m for m in bot.server.sent_messages(chat["id"]) if m["text"].startswith("⏳")]


async def test_a_notice_refused_once_reaches_the_coordinator_once(bot: Harness) -> None:
    lan, finance, _, office = await _finance_and_office(bot)
    bot.server.inject(Fault.bad_gateway(), method="sendMessage", chat_id=office["id"])

    (told,) = await bot.say(lan, finance, ASK)
    await bot.server.wait_until_idle()
    for day in (date(2023, 3, 2), date(2023, 3, 3)):
        bot.at(day)
        await bot.sweep()

    assert told["text"].startswith("⏳ Đã gửi đề nghị gia hạn nhiệm vụ số 1")
    (notice,) = _notices(bot, office)
    assert notice["text"].startswith(NOTICE)
    assert "Lý do: chờ ý kiến của Bộ" in notice["text"]
    buttons = notice["reply_markup"]["inline_keyboard"][0]
    assert [b["callback_data"] for b in buttons] == ["approve:1", "reject:1"]


async def test_a_notice_refused_every_try_is_kept_listed_and_sent_by_the_next_sweep(
    bot: Harness,
) -> None:
    lan, finance, bang, office = await _finance_and_office(bot)
    bot.server.inject(Fault.bad_gateway(), method="sendMessage", chat_id=office["id"], times=3)

    (told,) = await bot.say(lan, finance, ASK)
    await bot.server.wait_until_idle()
    lost_meanwhile = _notices(bot, office)
    (again,) = await bot.say(lan, finance, ASK)
    (listed,) = await bot.say(bang, office, "/choduyet")  # /extensions
    (refused,) = await bot.say(lan, finance, "/extensions")
    bot.at(date(2023, 3, 2))
    await bot.sweep()
    bot.at(date(2023, 3, 3))
    await bot.sweep()

    assert told["text"].startswith(
        "⏳ Đã ghi nhận đề nghị gia hạn nhiệm vụ số 1 từ 15/03/2023 đến 30/04/2023, nhưng chưa "
        "gửi được tới Văn phòng UBND tỉnh."
    )
    assert lost_meanwhile == []
    assert again["text"] == "Nhiệm vụ số 1 đã có một đề nghị gia hạn đang chờ duyệt."
    assert listed["text"].splitlines()[:3] == [
        "⏳ Đề nghị gia hạn chờ duyệt (1)",
        "#1 Sở Tài chính: Ban hành Kế hoạch chung",
        "    15/03/2023 → 30/04/2023 (đề nghị ngày 01/03/2023)",
    ]
    assert listed["reply_markup"]["inline_keyboard"] == [
        [
            {"text": "✅ Duyệt #1", "callback_data": "approve:1"},
            {"text": "❌ Từ chối #1", "callback_data": "reject:1"},
        ]
    ]
    assert refused["text"] == COORDINATORS_ONLY
    (notice,) = _notices(bot, office)[1:]  # after the listing: the sweep's, once
    assert notice["text"].startswith(NOTICE)

    (approved,) = await bot.press(bang, office, listed, "approve:1")
    assert approved["text"] == "✅ Đã duyệt gia hạn nhiệm vụ số 1: hạn mới 30/04/2023."
    (empty,) = await bot.say(bang, office, "/extensions")
    assert empty["text"] == "Không có đề nghị gia hạn nào đang chờ duyệt."


async def test_an_extension_request_told_during_an_hour_without_telegram_still_reaches_the_office(
    database_url: str,
) -> None:
    """Telegram out of reach for an hour (502 to the coordinator's chat) while the bot sweeps
    again every few minutes: the notice of an extension request made then is tried with each
    sweep and reaches the coordinator once, when Telegram is back. Tries Telegram never answered
    do not use up the notice's five, as refusals would."""
    async with running_bot(database_url, start=START) as bot:
        lan, finance, _, office = await _finance_and_office(bot)
        tries = len(services_of(bot.application).sweep.retry_delays) + 1  # of one attempt
        outage = 6  # attempts: the request's own, then one with each sweep
        bot.server.inject(
            Fault.bad_gateway(), method="sendMessage", chat_id=office["id"], times=outage * tries
        )

        await bot.say(lan, finance, ASK)
        for retry in range(1, outage + 1):
            bot.clock.set(START + retry * timedelta(minutes=11))
            await bot.sweep()

        (notice,) = _notices(bot, office)
    assert notice["text"].startswith(NOTICE)


async def test_a_request_notice_that_failed_reaches_the_coordinators_group_after_its_upgrade(
    bot: Harness,
) -> None:
    """An extension request's notice to the coordinators' group that Telegram refused (5xx)
    waits for the next sweep; if the group becomes a supergroup meanwhile, the waiting notice
    follows it to its new id and arrives there once: the request is still put to them."""
    lan, finance, _, plan = await finance_with_digest(bot)
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_group("Văn phòng UBND tỉnh", [bang])
    await bot.register(bang, office, None, Role.COORDINATOR)
    bot.server.inject(Fault.server_error(), method="sendMessage", chat_id=office["id"], times=3)
    (recorded,) = await bot.say(lan, finance, f"/extend {plan} 31/03/2023 chờ ý kiến của Bộ")
    assert recorded["text"].startswith("⏳ Đã ghi nhận đề nghị gia hạn")  # kept, to be sent again
    assert not any("Lý do" in m.get("text", "") for m in bot.server.sent_messages(office["id"]))
    supergroup = bot.server.migrate_to_supergroup(office["id"])
    await bot.say(bang, supergroup, "/help")  # the bot has seen the upgrade and followed it

    bot.at(date(2023, 3, 8), hour=10)
    await bot.sweep()

    notices = [
        m for m in bot.server.sent_messages(supergroup["id"]) if "Lý do" in m.get("text", "")
    ]
    async with bot.database.session() as session:
        rows = (await session.exec(select(Notice).where(Notice.chat_id == office["id"]))).all()
    assert len(notices) == 1, [(r.chat_id, r.status, r.error) for r in rows]
    assert "chờ ý kiến của Bộ" in notices[0]["text"]


async def test_a_long_notice_arrives_in_parts_with_the_buttons_under_the_last(
    bot: Harness,
) -> None:
    long_task = " ".join(["Triển khai thực hiện"] * 200)  # over 4,096 characters
    lan, finance, _, office = await _finance_and_office(bot, long_task)

    (told,) = await bot.say(lan, finance, f"/extend 1 30/04/2023 {'chờ ý kiến ' * 300}")
    await bot.server.wait_until_idle()
    bot.at(date(2023, 3, 2))
    await bot.sweep()

    assert told["text"].startswith("⏳ Đã gửi đề nghị gia hạn nhiệm vụ số 1")
    sent = bot.server.sent_messages(office["id"])
    first = next(i for i, m in enumerate(sent) if m["text"].startswith(NOTICE))
    parts = sent[first:]
    assert len(parts) > 1 and all(len(p["text"]) <= 4096 for p in parts)
    assert [bool(p.get("reply_markup")) for p in parts] == [False] * (len(parts) - 1) + [True]
    said = " ".join(p["text"] for p in parts)  # Telegram trims each message
    assert said.count("Triển khai thực hiện") == 200
    assert said.count("chờ ý kiến") == 300
    assert len(_notices(bot, office)) == 1  # and the sweep sent nothing again


async def _asked_for_more_time(bot: Harness) -> tuple[JSON, JSON, int, JSON, JSON, JSON]:
    """Lan's finance group asks for more time; the coordinator Bằng's private chat gets the
    request (the last of its messages)."""
    lan, finance, _, plan = await finance_with_digest(bot)
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.say(lan, finance, f"/extend {plan} 31/03/2023 chờ ý kiến của Bộ")
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]
    return lan, finance, plan, bang, office, asked


async def _asked(db: Database) -> tuple[int, int]:
    """Task and request: finance asked to move its deadline."""
    async with db.session() as session:
        await agencies.import_agencies(
            session=session, rows=[agencies.AgencyRow("Sở Tài chính", "STC")], now=NOW
        )
        task = await tasks.assign_task(
            session=session, text="Kế hoạch", lead="STC", deadline=DEADLINE, now=NOW
        )
        finance = await agencies.find_agency(session=session, text="STC")
        request, _ = await extensions.request_extension(
            session=session,
            caller=access.Caller(1, finance, is_coordinator=False),
            chat_id=-100,
            task_id=task.id or 0,
            new_deadline=date(2023, 4, 30),
            reason="chờ ý kiến",
            today=NOW.date(),
            now=NOW,
            lead_days=LEAD_DAYS,
            chased_until=_chased_until,
        )
        assert request.id is not None
        return task.id or 0, request.id


POLICY = ClaimPolicy(max_attempts=3, stale_after=timedelta(minutes=10))
# The chats the notices below are queued to, all coordinators named in the configuration.
COORDINATORS = frozenset({-8, *range(1, 41)})


async def _queued(db: Database, chat_ids: list[int], instance: str = "a") -> list[ExtensionNotice]:
    """The pending request's notices, queued (claimed by instance) as /extend queues them."""
    async with db.session() as session:
        asked, view = (await extensions.pending_requests(session=session))[0]
        return await notices.extension_requested(
            session=session, request=asked, view=view, chat_ids=chat_ids, now=NOW, instance=instance
        )


def _take_back(
    db: Database, at: datetime, instance: str = "b"
) -> Callable[[AsyncSession], Awaitable[list[Outgoing]]]:
    return lambda session: notices.take_back(
        session=session, now=at, instance=instance, policy=POLICY, configured=COORDINATORS
    )


async def test_only_notices_failed_or_abandoned_are_claimed_again_after_their_last_part(
    db: Database,
) -> None:
    _, request_id = await _asked(db)
    sent, failed, abandoned = await _queued(db, [7, -8, 9])
    async with db.session() as session:

        async def part(notice: ExtensionNotice, number: int) -> bool:
            assert notice.row.id is not None
            return await notices.record_part(
                session=session,
                notice_id=notice.row.id,
                part=number,
                parts=2,
                instance="a",
                now=NOW,
            )

        assert await part(sent, 1) and await part(sent, 2)
        assert await part(failed, 1)
        assert failed.row.id is not None
        status = await notices.record_failure(
            session=session, notice_id=failed.row.id, error="502", instance="a", policy=POLICY
        )
    assert status == NoticeStatus.FAILED

    at_once = await db.retrying(_take_back(db, NOW))
    claimed_twice = await db.retrying(_take_back(db, NOW))
    stale = await db.retrying(_take_back(db, NOW + timedelta(minutes=11)))

    assert [(n.row.chat_id, n.row.parts_sent, n.row.attempts) for n in at_once] == [(-8, 1, 2)]
    assert isinstance(at_once[0], ExtensionNotice) and at_once[0].request.id == request_id
    assert claimed_twice == []  # the retry holds a fresh claim now
    # -8's claim went stale too: its sender died; so did 9's first.
    assert {(n.row.chat_id, n.row.parts_sent) for n in stale} == {(-8, 1), (9, 0)}
    assert abandoned.row.chat_id == 9
    async with db.session() as session:
        # The first sender comes back: its claims are no longer its own.
        assert abandoned.row.id is not None
        assert not await notices.record_part(
            session=session, notice_id=abandoned.row.id, part=1, parts=1, instance="a", now=NOW
        )
        for notice in stale:
            assert notice.row.id is not None
            await notices.record_failure(
                session=session, notice_id=notice.row.id, error="502", instance="b", policy=POLICY
            )
        rows = {n.chat_id: n for n in await notices.all_notices(session=session)}
    # -8 used its three tries and is given up; 9 has one left.
    assert (rows[7].status, rows[7].sent_at) == (NoticeStatus.SENT, NOW)
    assert (rows[-8].status, rows[-8].error) == (NoticeStatus.GIVEN_UP, "502")
    assert rows[9].status == NoticeStatus.FAILED
    assert [n.row.chat_id for n in await db.retrying(_take_back(db, NOW))] == [9]


async def test_a_notice_whose_sender_died_on_its_last_try_is_given_up(db: Database) -> None:
    await _asked(db)
    (notice,) = await _queued(db, [7])
    for minutes in (11, 22):  # two senders die holding it
        (taken,) = await db.retrying(_take_back(db, NOW + timedelta(minutes=minutes)))
    assert taken.row.attempts == POLICY.max_attempts

    later = NOW + timedelta(minutes=33)
    async with db.session() as session:
        spent = await notices.give_up_spent(session=session, now=later, policy=POLICY)
    assert [(n.id, n.status) for n in spent] == [(notice.row.id, NoticeStatus.GIVEN_UP)]
    assert await db.retrying(_take_back(db, later)) == []


async def test_a_decided_request_is_neither_listed_nor_sent_again(db: Database) -> None:
    _, request_id = await _asked(db)
    (notice,) = await _queued(db, [7])
    async with db.session() as session:
        assert notice.row.id is not None
        await notices.record_failure(
            session=session, notice_id=notice.row.id, error="502", instance="a", policy=POLICY
        )
        decision = await extensions.decide_extension(
            session=session,
            caller=access.Caller(3, None, is_coordinator=True),
            request_id=request_id,
            approve=False,
            today=NOW.date(),
            now=NOW,
        )
    assert decision.request.status == ExtensionStatus.REJECTED
    async with db.session() as session:
        assert await extensions.pending_requests(session=session) == []
    assert await db.retrying(_take_back(db, NOW)) == []


@pytest.mark.postgres
async def test_two_instances_taking_back_notices_at_once_send_each_once(postgres_url: str) -> None:
    """Two instances' sweeps start together, each on its own connections: every failed notice
    goes to one of them, none to both."""
    upgrade(postgres_url)
    first, second = Database(postgres_url), Database(postgres_url)
    try:
        await _asked(first)
        queued = await _queued(first, list(range(1, 41)))
        async with first.session() as session:
            for notice in queued:
                assert notice.row.id is not None
                await notices.record_failure(
                    session=session,
                    notice_id=notice.row.id,
                    error="502",
                    instance="a",
                    policy=POLICY,
                )
        for _ in range(POLICY.max_attempts - 1):  # each round: all failed, both take back
            one, other = await asyncio.gather(
                first.retrying(_take_back(first, NOW, "one")),
                second.retrying(_take_back(second, NOW, "other")),
            )
            ones = {n.row.chat_id for n in one}
            others = {n.row.chat_id for n in other}
            assert ones.isdisjoint(others)
            assert ones | others == set(range(1, 41))
            async with first.session() as session:
                for taken, instance in [(n, "one") for n in one] + [(n, "other") for n in other]:
                    assert taken.row.id is not None
                    await notices.record_failure(
                        session=session,
                        notice_id=taken.row.id,
                        error="502",
                        instance=instance,
                        policy=ClaimPolicy(max_attempts=10),
                    )
    finally:
        await first.dispose()
        await second.dispose()


def test_the_cli_lists_the_requests_awaiting_a_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", url)
    assert main(["extensions", "list"]) == 0
    empty = capsys.readouterr().out
    upgrade(url)  # a list only reads: the database is made by others

    async def ask() -> None:
        database = Database(url)
        await _asked(database)
        await database.dispose()

    asyncio.run(ask())
    assert main(["extensions", "list"]) == 0

    assert empty == "Không có đề nghị gia hạn nào đang chờ duyệt.\n"
    assert capsys.readouterr().out == (
        "#1    Sở Tài chính: hạn 15/03/2023 → đề nghị 30/04/2023 (ngày 05/01/2023); "
        "lý do: chờ ý kiến\n"
    )


async def test_an_extension_approved_after_the_day_it_asked_for_lapses(bot: Harness) -> None:
    """Asked on 10/03 to move 15/03 to 20/03, decided on 21/03: the deadline stays, the
    coordinator is told why, finance that it may ask again, and it may."""
    lan, finance, bang, office = await _finance_and_office(bot)
    bot.at(date(2023, 3, 10))
    await bot.say(lan, finance, "/extend 1 20/03/2023 chờ ý kiến của Bộ")
    (asked,) = _notices(bot, office)
    bot.at(date(2023, 3, 21))
    in_finance = len(bot.server.sent_messages(finance["id"]))

    refused = await bot.alert(bang, office, asked, "approve:1")
    told = (await bot.server.wait_for_messages(in_finance + 1, chat_id=finance["id"]))[-1]
    too_late = await bot.alert(bang, office, asked, "reject:1")  # set aside: nothing to reject
    (again,) = await bot.say(lan, finance, "/extend 1 31/03/2023 chờ ý kiến của Bộ")

    assert refused == (
        "Không duyệt được: ngày đề nghị 20/03/2023 đã qua. Nhiệm vụ số 1 vẫn có hạn 15/03/2023; "
        "đề nghị được bỏ qua, đơn vị có thể đề nghị một ngày mới."
    )
    assert told["text"].startswith(
        "⌛ Đề nghị gia hạn nhiệm vụ số 1 đến 20/03/2023 không còn hiệu lực"
    )
    assert "Hạn vẫn là 15/03/2023" in told["text"]
    assert too_late == "Đề nghị gia hạn này đã được xử lý."
    assert again["text"].startswith("⏳ Đã gửi đề nghị gia hạn nhiệm vụ số 1 từ 15/03/2023")
    async with bot.database.session() as session:
        task = await tasks.get_task(session=session, task_id=1)
    assert task.task.deadline == DEADLINE


async def test_an_approval_answered_too_late_still_tells_the_agency_that_asked(
    bot: Harness,
) -> None:
    """A coordinator approves an extension while the bot is slow (the callback query is too old
    to answer): the deadline moves, and both the coordinator and the agency that asked are told
    of it, as with a prompt answer."""
    _, finance, plan, bang, office, asked = await _asked_for_more_time(bot)
    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    in_finance = len(bot.server.sent_messages(finance["id"]))
    bot.server.inject(QUERY_TOO_OLD, method="answerCallbackQuery")

    (approved,) = await bot.press(bang, office, asked, approve)
    # The group is told after the coordinator, once the bot has read the group's language.
    await bot.server.wait_for_messages(in_finance + 1, chat_id=finance["id"])
    await bot.server.wait_until_idle()

    async with bot.database.session() as session:
        task = await session.get(Task, plan)
    assert task is not None and task.deadline == date(2023, 3, 31)  # approved...
    told = bot.server.sent_messages(finance["id"])[in_finance:]
    expected = f"✅ Đã duyệt gia hạn nhiệm vụ số {plan}: hạn mới 31/03/2023."
    assert approved["text"] == expected
    assert [m["text"] for m in told] == [expected], "the agency never heard of the approval"


async def test_an_agency_group_upgraded_to_a_supergroup_hears_the_answer_to_its_request(
    bot: Harness,
) -> None:
    """The agency asks for more time in its group, and the group then becomes a supergroup (the
    bot follows the registration): the coordinator's approval follows the group to its new id,
    as its reminders do, and the agency learns its new deadline."""
    lan, finance, plan, bang, office, asked = await _asked_for_more_time(bot)
    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    supergroup = bot.server.migrate_to_supergroup(finance["id"])
    (tasks_now,) = await bot.say(lan, supergroup, "/tasks")  # the bot has followed the group
    assert tasks_now["text"].splitlines()[0] == "Nhiệm vụ đang mở — Sở Tài chính"

    (approved,) = await bot.press(bang, office, asked, approve)
    # The group is told after the coordinator, once the bot has read the group's language.
    *_, told = await bot.server.wait_for_messages(2, chat_id=supergroup["id"])

    expected = f"✅ Đã duyệt gia hạn nhiệm vụ số {plan}: hạn mới 31/03/2023."
    assert approved["text"] == expected
    assert told["text"] == expected


async def test_an_extension_to_a_day_already_past_when_decided_does_not_move_the_deadline(
    bot: Harness,
) -> None:
    """On 10/03 finance asks to move 15/03 to 20/03. The coordinator decides only on 31/03:
    20/03 is past by then. Approving must not set a deadline already gone (the task would be
    told "new deadline 20/03" while 11 days late, and the coordinators, who were told of it
    once when it was 5 working days late, would be told of it again)."""
    lan, finance, bang, office = await _finance_and_office(bot)
    bot.at(date(2023, 3, 10))
    await bot.say(lan, finance, "/extend 1 20/03/2023 chờ ý kiến của Bộ")
    (asked,) = _notices(bot, office)
    for day in range(16, 32):
        bot.at(date(2023, 3, day))
        await bot.sweep()

    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    bot.server.press_button(office, bang, asked["message_id"], approve)
    await bot.server.wait_until_idle()
    for day in (3, 4, 5, 6):
        bot.at(date(2023, 4, day))
        await bot.sweep()

    after = [
        m for m in bot.server.sent_messages(office["id"]) if "Ban hành Kế hoạch chung" in m["text"]
    ]
    assert [m["text"].startswith("⚠️") for m in after].count(True) == 1  # escalated once
    async with bot.database.session() as session:
        task = await tasks.get_task(session=session, task_id=1)
    assert task.task.deadline == DEADLINE


async def test_a_request_whose_day_passed_can_still_be_rejected(db: Database) -> None:
    _, request_id = await _asked(db)  # to 30/04/2023
    coordinator = access.Caller(3, None, is_coordinator=True)
    async with db.session() as session:
        decision = await extensions.decide_extension(
            session=session,
            caller=coordinator,
            request_id=request_id,
            approve=False,
            today=date(2023, 5, 2),
            now=NOW,
        )

    assert (decision.request.status, decision.lapsed) == (ExtensionStatus.REJECTED, False)
    assert decision.view.task.deadline == DEADLINE


async def _periodic(db: Database, first: date, recurrence: str) -> tuple[int, access.Caller]:
    """A report finance sends every week or month, first due on first."""
    async with db.session() as session:
        await agencies.import_agencies(
            session=session, rows=[agencies.AgencyRow("Sở Tài chính", "STC")], now=NOW
        )
        task = await tasks.assign_task(
            session=session,
            text="Báo cáo",
            lead="STC",
            deadline=first,
            recurrence=recurrence,
            now=NOW,
        )
        finance = await agencies.find_agency(session=session, text="STC")
    assert task.id is not None
    return task.id, access.Caller(1, finance, is_coordinator=False)


@pytest.mark.parametrize(
    ("recurrence", "first", "latest"),
    [
        # April's report is due 30/04, which closes on 04/05 (Reunification Day, May Day): it is
        # reminded from 27/04. March's, extended to 19/04 and missed, is escalated on 26/04;
        # extended to 20/04, on 27/04, and April would be reminded only once that chase is over.
        ("monthly", date(2023, 3, 31), date(2023, 4, 19)),
        # A weekly report is reminded 7 days ahead: the next week's reminders begin on this
        # week's deadline, no day is left.
        ("weekly", date(2023, 3, 3), None),
    ],
)
async def test_a_periodic_tasks_period_is_extended_no_later_than_leaves_the_next_reminded(
    db: Database, recurrence: str, first: date, latest: date | None
) -> None:
    task_id, lead = await _periodic(db, first, recurrence)

    async def ask(until: date) -> None:
        async with db.session() as session:
            await extensions.request_extension(
                session=session,
                caller=lead,
                chat_id=-100,
                task_id=task_id,
                new_deadline=until,
                reason=None,
                today=first - timedelta(days=1),
                now=NOW,
                lead_days=LEAD_DAYS,
                chased_until=_chased_until,
            )

    with pytest.raises(ExtensionBeyondPeriod) as refused:
        await ask((latest or first) + timedelta(days=1))
    if latest is not None:
        await ask(latest)

    assert refused.value.latest == latest
    assert refused.value.next_deadline == (
        date(2023, 4, 30) if latest else first + timedelta(days=7)
    )


async def test_with_reminders_in_working_days_a_period_is_extended_no_later_than_they_allow(
    db: Database,
) -> None:
    """Counted in working days, April's report (due 30/04/2023, closing 04/05) is first reminded
    on 20/04, a week earlier than in calendar days: March's may be extended to 12/04 (chased
    until 19/04), not to 19/04, whose chase would hold April back past its first reminder."""
    task_id, lead = await _periodic(db, date(2023, 3, 31), "monthly")
    settings = ReminderSettings(working_days=True)

    with pytest.raises(ExtensionBeyondPeriod) as refused:
        async with db.session() as session:
            await extensions.request_extension(
                session=session,
                caller=lead,
                chat_id=-100,
                task_id=task_id,
                new_deadline=date(2023, 4, 19),
                reason=None,
                today=date(2023, 3, 30),
                now=NOW,
                lead_days=max(settings.before),
                chased_until=lambda deadline: chased_until(deadline, settings, WorkingCalendar()),
                working_days=True,
            )

    assert refused.value.latest == date(2023, 4, 12)


@pytest.mark.parametrize(
    ("today", "accepted"), [(date(2023, 5, 4), True), (date(2023, 5, 5), False)]
)
async def test_a_day_off_still_running_may_be_asked_for(
    db: Database, today: date, accepted: bool
) -> None:
    """On Thursday 04/05/2023, the first working day after the holidays, a deadline of Sunday
    30/04 is still running (it closes that day): it may be asked for, as it may be approved;
    on 05/05 it is over."""
    async with db.session() as session:
        await agencies.import_agencies(
            session=session, rows=[agencies.AgencyRow("Sở Tài chính", "STC")], now=NOW
        )
        task = await tasks.assign_task(
            session=session, text="Kế hoạch", lead="STC", deadline=date(2023, 4, 28), now=NOW
        )
        finance = await agencies.find_agency(session=session, text="STC")
        assert task.id is not None
        ask = extensions.request_extension(
            session=session,
            caller=access.Caller(1, finance, is_coordinator=False),
            chat_id=-100,
            task_id=task.id,
            new_deadline=date(2023, 4, 30),
            reason=None,
            today=today,
            now=NOW,
            lead_days=LEAD_DAYS,
            chased_until=_chased_until,
        )
        if accepted:
            request, _ = await ask
            assert request.requested_deadline == date(2023, 4, 30)
        else:
            with pytest.raises(BadExtensionDate):
                await ask


async def test_an_extension_to_a_holiday_is_still_approvable_on_the_day_it_closes(
    sqlite_url: str,
) -> None:
    """On 25/04/2023 finance asks to move its deadline to Sunday 30/04, in the 29/04-03/05
    holiday: that deadline runs until the end of Thursday 04/05 (the bot itself says "ngày nghỉ,
    tính đến hết 04/05/2023"). The coordinator, back on 04/05, taps approve and the deadline
    moves, as it is still running that day: not refused as "ngày đề nghị 30/04/2023 đã qua"."""
    start = datetime(2023, 4, 20, 9, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start) as bot:
        lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
        finance = bot.server.add_group("Sở Tài chính", [lan])
        office = bot.server.add_private_chat(bang)
        await bot.register(lan, finance, "STC")
        await bot.register(bang, office, None, Role.COORDINATOR)
        task = await bot.add_task("Ban hành Kế hoạch chung", "STC", date(2023, 4, 25))
        bot.at(date(2023, 4, 25), 9)
        (asked_reply,) = await bot.say(lan, finance, f"/extend {task} 30/04/2023 chờ ý kiến Bộ")
        assert asked_reply["text"].startswith("⏳"), asked_reply["text"]
        (asked,) = [m for m in bot.server.sent_messages(office["id"]) if "reply_markup" in m]

        bot.at(date(2023, 5, 4), 9)
        approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        answer = await bot.alert(bang, office, asked, approve)

        assert "đã qua" not in answer, answer
        async with bot.database.session() as session:
            view = await tasks.get_task(session=session, task_id=task)
        assert view.task.deadline == date(2023, 4, 30)


async def test_the_latest_day_a_period_may_be_extended_to_is_named(bot: Harness) -> None:
    lan, finance, _, _ = await _finance_and_office(bot)
    weekly = await bot.add_task("Báo cáo tuần", "STC", date(2023, 3, 3), recurrence="weekly")
    monthly = await bot.add_task("Báo cáo tháng", "STC", date(2023, 3, 31), recurrence="monthly")

    (too_late,) = await bot.say(lan, finance, f"/extend {monthly} 28/04/2023 chờ số liệu")
    (none_left,) = await bot.say(lan, finance, f"/extend {weekly} 06/03/2023")

    assert too_late["text"] == (
        f"Nhiệm vụ số {monthly} là nhiệm vụ định kỳ: kỳ này chỉ gia hạn được chậm nhất đến "
        "19/04/2023, để kỳ sau (hạn 30/04/2023) vẫn được nhắc đủ trước hạn, kể cả khi kỳ này "
        "vẫn chậm."
    )
    assert none_left["text"].startswith(
        f"Nhiệm vụ số {weekly} là nhiệm vụ định kỳ: kỳ này không gia hạn được"
    )
    assert "(hạn 10/03/2023)" in none_left["text"]


async def test_the_next_period_is_reminded_before_its_deadline_when_this_one_was_extended(
    bot: Harness,
) -> None:
    """March's report (due 31/03) is extended to 28/04, a day before April's deadline (30/04),
    as the rules allow; March's report never comes. April's report is still due 30/04: finance
    must be reminded of it before that day (28/04 is the last working day before it, Reunification
    Day and May Day follow), not hear of it for the first time as overdue in May."""
    lan, finance, bang, office = await _finance_and_office(bot)
    plan = await bot.add_task("Báo cáo tháng", "STC", date(2023, 3, 31), recurrence="monthly")
    bot.at(date(2023, 3, 20))
    await bot.say(lan, finance, f"/extend {plan} 28/04/2023 chờ số liệu")
    await bot.server.wait_until_idle()
    for asked in _notices(bot, office):  # approved, if it could be asked at all
        approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        bot.server.press_button(office, bang, asked["message_id"], approve)
        await bot.server.wait_until_idle()
    day = date(2023, 3, 21)
    while day <= date(2023, 4, 28):
        bot.at(day)
        await bot.sweep()
        day += timedelta(days=1)

    texts = [m["text"] for m in bot.reminders_in(finance)]
    assert any("30/04/2023" in text for text in texts), texts[-3:]


async def test_a_notice_to_a_chat_no_longer_a_coordinators_is_given_up_not_sent(
    db: Database,
) -> None:
    await _asked(db)
    queued = await _queued(db, [7, 9])  # 9 was configured a coordinator when it was asked
    async with db.session() as session:
        for notice in queued:
            assert notice.row.id is not None
            await notices.record_failure(
                session=session, notice_id=notice.row.id, error="502", instance="a", policy=POLICY
            )

    taken = await db.retrying(
        lambda session: notices.take_back(
            session=session, now=NOW, instance="b", policy=POLICY, configured={7}
        )
    )
    async with db.session() as session:
        rows = {n.chat_id: n for n in await notices.all_notices(session=session)}

    assert [n.row.chat_id for n in taken] == [7]
    assert (rows[9].status, rows[9].error, rows[9].attempts) == (
        NoticeStatus.GIVEN_UP,
        notices.NO_LONGER_A_COORDINATOR,
        1,
    )


async def test_a_coordinator_who_left_is_not_sent_the_requests_he_can_no_longer_decide(
    bot: Harness,
) -> None:
    """Bằng is a coordinator through the coordinators' group. Finance's request could not reach
    his private chat at first (Telegram failed); then he leaves the group, and with it the
    office. The next sweep sends the notice again: not to him, who may no longer decide it
    (nor see finance's tasks)."""
    lan, bang, tuan = (bot.server.add_user(name) for name in ("Lan", "Bằng", "Tuấn"))
    assert tuan["id"] != bang["id"]  # the office goes on without him
    finance = bot.server.add_group("Sở Tài chính", [lan])
    office_group = bot.server.add_group("Văn phòng UBND tỉnh", [bang, tuan])
    await bot.register(lan, finance, "STC")
    await bot.register(bang, office_group, None, Role.COORDINATOR)
    bang_chat = bot.server.add_private_chat(bang)
    plan = await bot.add_task("Ban hành Kế hoạch chung", "STC", DEADLINE)
    bot.server.inject(Fault.bad_gateway(), method="sendMessage", chat_id=bang_chat["id"], times=3)
    await bot.say(lan, finance, f"/extend {plan} 30/04/2023 chờ ý kiến của Bộ")
    await bot.server.wait_until_idle()
    assert bot.server.sent_messages(bang_chat["id"]) == []

    bot.server.user_leaves(office_group, bang)
    await bot.server.wait_until_idle()
    (refused,) = await bot.say(bang, bang_chat, "/extensions")
    assert not refused["text"].startswith("⏳"), refused["text"]  # he is no coordinator now
    bot.at(date(2023, 3, 2))
    await bot.sweep()

    assert _notices(bot, bang_chat) == []


async def test_the_answer_to_an_extension_does_not_go_to_a_former_members_private_chat(
    bot: Harness,
) -> None:
    """Hùng, head of Sở Y tế, asks in his private chat for an extension of his agency's task,
    then is removed from the agency's group: he is no longer registered, and his private chat no
    longer speaks for Sở Y tế (README: "no longer registered with its agency ... in their
    private chat too"; /tasks there says the chat is not registered). When the coordinator
    approves the request, Hùng's private chat is not told the agency's task number and its new
    deadline: a chat that may no longer see the agency's tasks does not hear of them (the
    agency's own chats do)."""
    lan, hung, bang = (bot.server.add_user(n) for n in ("Lan", "Hùng", "Bằng"))
    health = bot.server.add_group("Sở Y tế", [lan, hung])
    hung_chat, office = bot.server.add_private_chat(hung), bot.server.add_private_chat(bang)
    await bot.register(lan, health, "SYT")
    await bot.register(hung, hung_chat, "SYT", Role.HEAD)
    await bot.register(bang, office, None, Role.COORDINATOR)
    plan = await bot.add_task("Khuyến cáo phòng dịch", "SYT", DEADLINE)

    (sent,) = await bot.say(hung, hung_chat, f"/extend {plan} 31/03/2023 chờ ý kiến của Bộ")
    assert sent["text"].startswith("⏳"), sent["text"]
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]
    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    bot.server.user_leaves(health, hung, removed_by=lan, service_message=False)
    (listing,) = await bot.say(hung, hung_chat, "/tasks")
    assert listing["text"].startswith("Cuộc trò chuyện này chưa được đăng ký")  # no longer his

    before = len(bot.server.sent_messages(hung_chat["id"]))
    (approved,) = await bot.press(bang, office, asked, approve)
    assert approved["text"].startswith("✅ Đã duyệt gia hạn")
    await bot.say(bang, office, "/help")  # updates are handled in turn: the press is done

    told = bot.server.sent_messages(hung_chat["id"])[before:]
    assert not any(f"nhiệm vụ số {plan}" in m.get("text", "") for m in told), told


@pytest.mark.postgres
async def test_a_notice_sent_during_a_long_database_outage_is_not_sent_again_later(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Telegram takes the notice of finance's request, then PostgreSQL stays away longer than
    the retries of Database.retrying (shortened here): the record waits for the database
    instead of being given up, so the next sweep finds the notice sent, not abandoned, and the
    coordinator gets it once."""
    shortened = {**(Database.retrying.__kwdefaults__ or {}), "delays": (0.05, 0.1, 0.2)}
    monkeypatch.setattr(Database.retrying, "__kwdefaults__", shortened)
    async with linked(postgres_url) as (link, url), running_bot(url, start=START) as bot:
        lan, finance, _, office = await _finance_and_office(bot)
        bot.server.inject(Fault.timeout(0.8), method="sendMessage", chat_id=office["id"])
        before = len(bot.server.sent_messages(finance["id"]))
        welcomed = len(bot.server.sent_messages(office["id"]))

        bot.server.user_sends(finance, lan, ASK)
        await bot.server.wait_for_messages(welcomed + 1, chat_id=office["id"])
        await link.cut()
        await asyncio.sleep(3)  # longer than the retries: the outage outlasts them
        await link.open()
        told = (await bot.server.wait_for_messages(before + 1, chat_id=finance["id"]))[before]
        bot.at(date(2023, 3, 2))  # the notice's claim long stale, had it not been recorded
        await bot.sweep()
        async with bot.database.session() as session:
            statuses = [n.status for n in await notices.all_notices(session=session)]

    assert told["text"].startswith("⏳ Đã gửi đề nghị gia hạn nhiệm vụ số 1")
    assert len(_notices(bot, office)) == 1
    assert statuses == [NoticeStatus.SENT]


async def test_extend_counts_in_working_days_when_the_reminders_do(bot: Harness) -> None:
    """With working_days = true, April's report is first reminded on 20/04/2023: /extend allows
    March's to 12/04 at the latest, as storage.extensions counts it, not to 19/04 (the latest
    counted in calendar days)."""
    services_of(bot.application).sweep.settings = ReminderSettings(working_days=True)
    lan, finance, _, _ = await _finance_and_office(bot)
    monthly = await bot.add_task("Báo cáo tháng", "STC", date(2023, 3, 31), recurrence="monthly")

    (too_late,) = await bot.say(lan, finance, f"/extend {monthly} 19/04/2023 chờ số liệu")

    assert "chậm nhất đến 12/04/2023" in too_late["text"]


async def test_the_bot_stopping_while_a_notice_waits_out_a_flood_wait_stops_at_once(
    bot: Harness,
) -> None:
    """The sweep's job sends again a request's notice that failed, and Telegram asks the bot to
    wait a minute (429 retry_after) as systemd stops it: it stops within seconds, as during a
    digest, and the notice arrives after the restart, once."""
    lan, finance, _, office = await _finance_and_office(bot)
    sweep = services_of(bot.application).sweep
    tries = len(sweep.retry_delays) + 1
    bot.server.inject(Fault.bad_gateway(), method="sendMessage", chat_id=office["id"], times=tries)
    (recorded,) = await bot.say(lan, finance, ASK)
    assert recorded["text"].startswith("⏳ Đã ghi nhận đề nghị gia hạn")
    sweep.stop_grace = 0.5  # a send in flight ends within it
    bot.server.inject(Fault.retry_after(60), method="sendMessage", chat_id=office["id"])
    assert bot.application.job_queue is not None
    bot.application.job_queue.run_once(sweep_job, when=0)  # a job, as the morning's is
    await bot.server._wait_for(
        lambda: any(c.status == 429 for c in bot.server.calls("sendMessage")), timeout=5
    )

    stopping = asyncio.ensure_future(bot.stack.aclose())
    stopped_in_time, _ = await asyncio.wait((stopping,), timeout=15)
    await stopping
    assert stopped_in_time, "the bot waited out Telegram's flood wait before stopping"

    told = len(bot.server.sent_messages(office["id"]))
    await bot.restart(START + timedelta(minutes=5))  # its start-up sweep
    await bot.server.wait_for_messages(told + 1, chat_id=office["id"])
    await bot.server.wait_until_idle()
    (notice,) = _notices(bot, office)
    assert notice["text"].startswith(NOTICE)


async def test_a_notice_follows_the_coordinators_group_to_a_supergroup_the_bot_did_not_see(
    bot: Harness,
) -> None:
    """The coordinators' group became a supergroup, and this bot did not hear it (an instance
    that does not poll Telegram, or one down when Telegram said so): sending again a request's
    notice that failed, Telegram answers that the group moved. The notice follows it there,
    with the group's registration, as a digest does."""
    lan, finance, _, plan = await finance_with_digest(bot)
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_group("Văn phòng UBND tỉnh", [bang])
    await bot.register(bang, office, None, Role.COORDINATOR)
    tries = len(services_of(bot.application).sweep.retry_delays) + 1
    bot.server.inject(Fault.server_error(), method="sendMessage", chat_id=office["id"], times=tries)
    (recorded,) = await bot.say(lan, finance, f"/extend {plan} 31/03/2023 chờ ý kiến của Bộ")
    assert recorded["text"].startswith("⏳ Đã ghi nhận đề nghị gia hạn")
    assert bot.application.updater is not None
    await bot.application.updater.stop()  # the bot hears nothing from Telegram from now on
    supergroup = bot.server.migrate_to_supergroup(office["id"])

    bot.at(date(2023, 3, 8), hour=10)
    await run_daily_sweep_now(bot.application)

    (notice,) = [m for m in bot.server.sent_messages(supergroup["id"]) if "Lý do" in m["text"]]
    assert "chờ ý kiến của Bộ" in notice["text"]
    async with bot.database.session() as session:
        moved = (await session.exec(select(Chat).where(Chat.telegram_id == supergroup["id"]))).one()
    assert moved.purpose == ChatPurpose.COORDINATORS


async def test_everyone_else_is_answered_while_telegram_keeps_a_notice_waiting(
    bot: Harness,
) -> None:
    """Telegram keeps every try of the coordinator's notice waiting past the bot's timeout (a
    slow network): meanwhile the bot goes on answering, here Lan's own /tasks, and tells her
    afterwards that her request is recorded and will be sent again."""
    lan, finance, _, office = await _finance_and_office(bot)
    tries = len(services_of(bot.application).sweep.retry_delays) + 1
    bot.server.inject(Fault.hold(), method="sendMessage", chat_id=office["id"], times=tries)
    welcomed = len(bot.server.sent_messages(office["id"]))

    bot.server.user_sends(finance, lan, ASK)
    await bot.server.wait_for_messages(welcomed + 1, chat_id=office["id"])  # the first try
    listed, told = await bot.say(lan, finance, "/tasks", replies=2)
    bot.server.release()

    assert "Ban hành Kế hoạch chung" in listed["text"]
    assert told["text"].startswith("⏳ Đã ghi nhận đề nghị gia hạn nhiệm vụ số 1")


async def test_the_coordinator_is_answered_while_telegram_keeps_the_agency_waiting(
    bot: Harness,
) -> None:
    """Bằng approves finance's request while Telegram keeps every try of the agency's news
    waiting: the bot answers Bằng's next command meanwhile, not after the tries."""
    _, finance, plan, bang, office, asked = await _asked_for_more_time(bot)
    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    tries = len(services_of(bot.application).sweep.retry_delays) + 1
    bot.server.inject(Fault.hold(), method="sendMessage", chat_id=finance["id"], times=tries)
    in_finance = len(bot.server.sent_messages(finance["id"]))
    tried_before = len(_tries(bot, finance))

    (approved,) = await bot.press(bang, office, asked, approve)
    await bot.server.wait_for_messages(in_finance + 1, chat_id=finance["id"])  # the first try
    (empty,) = await bot.say(bang, office, "/extensions")
    tried_meanwhile = len(_tries(bot, finance)) - tried_before
    bot.server.release()

    assert approved["text"] == f"✅ Đã duyệt gia hạn nhiệm vụ số {plan}: hạn mới 31/03/2023."
    assert empty["text"] == "Không có đề nghị gia hạn nào đang chờ duyệt."
    assert tried_meanwhile < tries, "Bằng waited for every try to the agency"


def _tries(bot: Harness, chat: JSON) -> list[RecordedRequest]:
    """The bot's sendMessage requests to a chat, those Telegram refused or kept waiting too."""
    return [
        call for call in bot.server.calls("sendMessage") if call.params["chat_id"] == chat["id"]
    ]


async def test_an_approved_extension_gives_a_whole_day(bot: Harness) -> None:
    """A task due "trước 14 giờ ngày 15/3": extended to 30/04, it is due that whole day (the
    hour was the old day's)."""
    lan, finance, bang, office = await _finance_and_office(bot)
    async with bot.database.session() as session:
        task = await session.get(Task, 1)
        assert task is not None
        task.deadline_time = time(14)
        session.add(task)
    (before,) = await bot.say(lan, finance, "/task 1")
    await bot.say(lan, finance, ASK)
    notice = _notices(bot, office)[-1]
    told = len(bot.server.sent_messages(finance["id"]))
    await bot.press(bang, office, notice, "approve:1")
    await bot.server.wait_for_messages(told + 1, chat_id=finance["id"])  # the approval
    (after,) = await bot.say(lan, finance, "/task 1")

    assert "hạn 14:00 ngày 15/03/2023" in before["text"]
    assert "hạn 30/04/2023" in after["text"] and "14:00" not in after["text"]
