"""Adversarial review: what users do to tasks over time (done, undo, extensions, periods)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta

import pytest

from bot.telegram_server import Fault
from storage import agencies, directives, tasks
from storage.db import Database
from storage.migrate import upgrade
from storage.models import PeriodOutcome, Role, Task
from tests.conftest import NOW
from tests.harness import CATALOGUE, JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=START) as harness:
        yield harness


@pytest.fixture
async def db(sqlite_url: str) -> AsyncIterator[Database]:
    """A migrated SQLite database, empty of data."""
    upgrade(sqlite_url)
    database = Database(sqlite_url)
    yield database
    await database.dispose()


async def _monthly(bot: Harness) -> tuple[JSON, JSON, JSON, JSON, JSON, int]:
    """Lan in the finance group, Bằng a coordinator in private; a monthly report of finance,
    first due 31/03/2023."""
    lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
    hung = bot.server.add_user("Hùng")  # Lan's colleague, in the group, not registered himself
    finance = bot.server.add_group("Sở Tài chính", [lan, hung])
    office = bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.register(bang, office, None, Role.COORDINATOR)
    async with bot.database.session() as session:
        task = await tasks.assign_task(
            session=session,
            text="Báo cáo tháng",
            lead="STC",
            deadline=date(2023, 3, 31),
            recurrence="monthly",
            now=bot.clock.now(),
        )
    assert task.id is not None
    return lan, hung, finance, bang, office, task.id


async def _task(bot: Harness, task_id: int) -> Task:
    async with bot.database.session() as session:
        task = await session.get(Task, task_id)
    assert task is not None
    return task


async def test_a_digests_done_button_pressed_in_the_next_period_does_not_close_it(
    bot: Harness,
) -> None:
    """The digest of 31/03 lists March's report (due today) with ✅. Lan presses it that day;
    Hùng, who had not seen that, presses the same ✅ on Monday 03/04: the button was for the
    period due 31/03, which is closed, so it must not close April's period (due 30/04)."""
    lan, hung, finance, _, _, plan = await _monthly(bot)
    bot.at(date(2023, 3, 31))
    await bot.sweep()
    digest = bot.reminders_in(finance)[-1]
    assert "31/03/2023" in digest["text"]

    (done,) = [
        button["callback_data"]
        for row in digest["reply_markup"]["inline_keyboard"]
        for button in row
        if button["callback_data"].startswith("done:")
    ]
    (march,) = await bot.press(lan, finance, digest, done)
    assert march["text"].startswith(f"✅ Đã hoàn thành kỳ hạn 31/03/2023 của nhiệm vụ số {plan}")
    bot.at(date(2023, 4, 3))
    (again,) = await bot.press(hung, finance, digest, done)

    assert not again["text"].startswith("✅"), again["text"]
    assert (await _task(bot, plan)).deadline == date(2023, 4, 30)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=VIETNAM_TZ)


async def _catalogue(db: Database) -> dict[str, int]:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=CATALOGUE, now=NOW)
        return {
            a.short_name or a.name: a.id
            for a in await agencies.list_agencies(session=session)
            if a.id
        }


async def _import(
    db: Database, *new_tasks: directives.NewTask, now: datetime = NOW
) -> directives.Saved:
    """Save notice 12/TB-VP with these tasks: the first time, or again as a re-import does."""
    async with db.session() as session:
        directive = await directives.find_imported(
            session=session, sha256="a" * 64, number="12/TB-VP", issued_on=date(2023, 1, 5)
        ) or await directives.add_directive(
            session=session,
            now=NOW,
            number="12/TB-VP",
            issued_on=date(2023, 1, 5),
            source_sha256="a" * 64,
        )
        return await directives.save_tasks(
            session=session, directive=directive, tasks=new_tasks, now=now
        )


async def test_a_revised_day_of_a_monthly_duty_does_not_reopen_the_months_already_closed(
    db: Database,
) -> None:
    """A monthly report due on the 20th, January to March reported on time. In April the
    office re-imports the directive, revised: the report is now due on the 25th. The duty
    goes on from April (due 25/04); it must not go back to 25/01 and have the sweep record
    January, February and March as missed, nor chase them as overdue."""
    ids = await _catalogue(db)
    text = "Báo cáo tình hình hằng tháng"
    first = directives.NewTask(text, ids["STC"], date(2023, 1, 20), recurrence="monthly")
    (task_id,) = (await _import(db, first)).added
    for day in (date(2023, 1, 18), date(2023, 2, 17), date(2023, 3, 17)):
        async with db.session() as session:
            await tasks.mark_done(
                session=session, task_id=task_id, actor=1, note=None, now=_at(day), today=day
            )

    revised = directives.NewTask(text, ids["STC"], date(2023, 1, 25), recurrence="monthly")
    await _import(db, revised, now=_at(date(2023, 4, 10)))
    async with db.session() as session:
        await tasks.roll_missed_periods(
            session=session, today=date(2023, 4, 10), lead_days=7, now=_at(date(2023, 4, 10))
        )
    async with db.session() as session:
        task = await session.get(Task, task_id)
        history = await tasks.periods(session=session, task_id=task_id)

    assert [(p.deadline, p.outcome) for p in history] == [
        (date(2023, 1, 20), PeriodOutcome.ON_TIME),
        (date(2023, 2, 20), PeriodOutcome.ON_TIME),
        (date(2023, 3, 20), PeriodOutcome.ON_TIME),
    ]
    assert task is not None and task.deadline == date(2023, 4, 25)


async def test_an_extension_to_a_day_already_past_when_decided_does_not_move_the_deadline(
    bot: Harness,
) -> None:
    """On 10/03 finance asks to move 15/03 to 20/03. The coordinator decides only on 31/03:
    20/03 is past by then. Approving must not set a deadline already gone (the task would be
    told "new deadline 20/03" while 11 days late, and the coordinators, who were told of it
    once when it was 5 working days late, would be told of it again)."""
    lan, _, finance, bang, office, _ = await _monthly(bot)
    plan = await bot.add_task("Ban hành Kế hoạch chung", "STC", date(2023, 3, 15))
    bot.at(date(2023, 3, 10))
    await bot.say(lan, finance, f"/extend {plan} 20/03/2023 chờ ý kiến của Bộ")
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]
    assert asked["text"].startswith("⏳")
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
    assert (await _task(bot, plan)).deadline == date(2023, 3, 15)


async def test_a_missed_week_is_escalated_even_when_the_bot_was_down_on_its_escalation_day(
    bot: Harness,
) -> None:
    """A weekly report due Friday 03/03 never comes. It is 5 working days late on Friday
    10/03, the day the coordinators should hear of it; the bot is down that day only. Monday's
    sweep must still tell them (a reminder is never lost to a day the bot was down), not
    record the week as missed first and move on, so that nobody is ever told."""
    _, _, _, _, office, _ = await _monthly(bot)
    async with bot.database.session() as session:
        weekly = await tasks.assign_task(
            session=session,
            text="Báo cáo tuần",
            lead="STC",
            deadline=date(2023, 3, 3),
            recurrence="weekly",
            now=bot.clock.now(),
        )
    for day in (6, 7, 8, 9, 13):  # down on Friday 10/03
        bot.at(date(2023, 3, day))
        await bot.sweep()

    escalations = [
        m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
    ]
    assert any("Báo cáo tuần" in text and "03/03/2023" in text for text in escalations), (
        escalations,
        weekly.id,
    )


async def test_reopening_and_closing_again_a_period_keeps_the_next_periods_approved_extension(
    bot: Harness,
) -> None:
    """March's report is closed on 28/03; in April the coordinator approves moving April's
    deadline from 30/04 to 05/05. On 20/04 Lan reopens March (the report was incomplete) and
    closes it again on 21/04: April is due 05/05 as approved, not 30/04 again."""
    lan, _, finance, bang, office, plan = await _monthly(bot)
    bot.at(date(2023, 3, 28))
    (march,) = await bot.say(lan, finance, f"/done {plan} báo cáo tháng 3")
    bot.at(date(2023, 4, 10))
    await bot.say(lan, finance, f"/extend {plan} 05/05/2023 chờ số liệu")
    asked = (await bot.server.wait_for_messages(2, chat_id=office["id"]))[-1]
    approve = asked["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    in_finance = len(bot.server.sent_messages(finance["id"]))
    (approved,) = await bot.press(bang, office, asked, approve)
    assert approved["text"].endswith("hạn mới 05/05/2023.")
    await bot.server.wait_for_messages(in_finance + 1, chat_id=finance["id"])  # finance is told

    bot.at(date(2023, 4, 20))
    undo_march = march["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    (reopened,) = await bot.press(lan, finance, march, undo_march)
    if reopened["text"].startswith("↩️"):  # (refusing to reopen March would keep it too)
        bot.at(date(2023, 4, 21))
        (closed,) = await bot.say(lan, finance, f"/done {plan} báo cáo tháng 3, bổ sung")
        assert "Kỳ tiếp theo: hạn 05/05/2023" in closed["text"], closed["text"]

    assert (await _task(bot, plan)).deadline == date(2023, 5, 5)


async def test_the_next_period_is_reminded_before_its_deadline_when_this_one_was_extended(
    bot: Harness,
) -> None:
    """March's report (due 31/03) is extended to 28/04, a day before April's deadline (30/04),
    as the rules allow; March's report never comes. April's report is still due 30/04: finance
    must be reminded of it before that day (28/04 is the last working day before it, Reunification
    Day and May Day follow), not hear of it for the first time as overdue in May."""
    lan, _, finance, bang, office, plan = await _monthly(bot)
    bot.at(date(2023, 3, 20))
    before = len(bot.server.sent_messages(office["id"]))
    await bot.say(lan, finance, f"/extend {plan} 28/04/2023 chờ số liệu")
    await bot.server.wait_until_idle()
    notices = [
        m for m in bot.server.sent_messages(office["id"])[before:] if m["text"].startswith("⏳")
    ]
    for asked in notices:  # approved, if it could be asked at all
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
    plan = await bot.add_task("Ban hành Kế hoạch chung", "STC", date(2023, 3, 15))
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

    assert [
        m["text"] for m in bot.server.sent_messages(bang_chat["id"]) if m["text"].startswith("⏳")
    ] == []


async def test_an_old_undo_button_does_not_reopen_a_colleagues_later_closing(bot: Harness) -> None:
    """Lan closes task 2 by mistake and reopens it with ↩️. On 10/03 Hùng closes it for real,
    with his note. Lan's old ↩️, pressed again (its closing was undone long ago), must not
    reopen Hùng's closing and erase his note."""
    lan, hung, finance, _, _, _ = await _monthly(bot)
    plan = await bot.add_task("Ban hành Kế hoạch chung", "STC", date(2023, 3, 15))
    (mistake,) = await bot.say(lan, finance, f"/done {plan}")
    undo = mistake["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    (reopened,) = await bot.press(lan, finance, mistake, undo)
    assert reopened["text"].startswith("↩️")
    bot.at(date(2023, 3, 10))
    (closed,) = await bot.say(hung, finance, f"/done {plan} đã trình UBND tỉnh")
    assert closed["text"].startswith("✅")

    bot.at(date(2023, 3, 13))
    await bot.press(lan, finance, mistake, undo)

    task = await _task(bot, plan)
    assert (task.status, task.done_note) == ("done", "đã trình UBND tỉnh")
