"""Review: reminders are short, correct and never spam (policy, sweep and digests end to end)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bot.app import SWEEP_JOB
from storage import tasks
from storage.models import Role
from tests.harness import JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

COORDINATOR_ID = 700_000_019


async def _sweep_every_day(bot: Harness, first: date, last: date) -> None:
    day = first
    while day <= last:
        bot.at(day)
        await bot.sweep()
        day += timedelta(days=1)


def _escalations(bot: Harness, chat: JSON) -> list[str]:
    return [m["text"] for m in bot.server.sent_messages(chat["id"]) if m["text"].startswith("⚠️")]


async def test_a_restart_escalating_a_missed_month_and_the_current_one_tells_both(
    sqlite_url: str,
) -> None:
    """A monthly report due 28/02/2023 and 28/03/2023 (a duty keeps the day it was given) never
    comes; the bot is down from 20/02
    to 10/04. That morning the missed February and the current March (five working days late on
    07/04) are both escalated, but the coordinators' digest shows #1 once, as February, and the
    March escalation is recorded as sent: they are never told March is overdue. They should be
    (in that digest or a later one)."""
    start = datetime(2023, 2, 20, 9, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start, coordinators=[COORDINATOR_ID]) as bot:
        lan = bot.server.add_user("Lan")
        bang = bot.server.add_user("Bằng", user_id=COORDINATOR_ID)
        group, office = (
            bot.server.add_group("Sở Tài chính", [lan]),
            bot.server.add_private_chat(bang),
        )
        await bot.register(lan, group, "STC")
        report = await bot.add_task("Báo cáo tháng", "STC", date(2023, 2, 28), recurrence="monthly")

        # Down from 20/02; back on Monday 10/04, then daily until the end of April.
        await _sweep_every_day(bot, date(2023, 4, 10), date(2023, 4, 28))

        escalations = _escalations(bot, office)
        assert any("hạn 28/02/2023" in text for text in escalations), escalations
        assert any(
            f"#{report} Báo cáo tháng" in text and "hạn 28/03/2023" in text for text in escalations
        ), escalations


def _digest_of(bot: Harness, chat: JSON, day: str) -> str:
    found = [m["text"] for m in bot.reminders_in(chat) if m["text"].splitlines()[0].endswith(day)]
    assert len(found) <= 1, found
    return found[0] if found else ""


async def test_a_monthly_report_after_tet_is_announced_before_tet_even_when_december_was_missed(
    sqlite_url: str,
) -> None:
    """A monthly report missed in December, due again 31/01/2023: its first reminder falls on
    Thursday 19/01, the last working day before Tết (as a one-off task due 31/01 shows). Now the
    19/01 digest says nothing of it (the roll waits for 24/01, seven calendar days before, which is
    in Tết) and the group first hears of January on 27/01, "còn 4 ngày". It should be announced on
    19/01."""
    start = datetime(2022, 12, 20, 9, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start) as bot:
        lan = bot.server.add_user("Lan")
        group = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, group, "STC")
        report = await bot.add_task(
            "Báo cáo tháng", "STC", date(2022, 12, 31), recurrence="monthly"
        )
        plan = await bot.add_task("Kế hoạch", "STC", date(2023, 1, 31))

        await _sweep_every_day(bot, date(2023, 1, 9), date(2023, 1, 27))

        before_tet = _digest_of(bot, group, "19/01/2023")
        assert f"#{plan} Kế hoạch\n    ⏰ hạn 31/01/2023, còn 12 ngày" in before_tet
        assert f"#{report} Báo cáo tháng\n    ⏰ hạn 31/01/2023, còn 12 ngày" in before_tet, (
            before_tet
        )


async def test_an_extension_to_a_holiday_is_still_approvable_on_the_day_it_closes(
    sqlite_url: str,
) -> None:
    """On 25/04/2023 finance asks to move its deadline to Sunday 30/04, in the 29/04-03/05
    holiday: that deadline runs until the end of Thursday 04/05 (the bot itself says "ngày nghỉ,
    tính đến hết 04/05/2023"). The coordinator, back on 04/05, taps approve and is told "ngày đề
    nghị 30/04/2023 đã qua"; the deadline should move, as it is still running that day."""
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


async def test_a_head_hears_of_a_task_gone_overdue_even_when_the_bot_was_down_that_day(
    sqlite_url: str,
) -> None:
    """Heads hear in private only of a task that has just gone overdue (its first chase). The
    task is due Wednesday 15/03/2023; the bot is down on Thursday and Friday and back on Monday
    20/03: the group gets its catch-up digest, but the head's private chat gets nothing, ever
    (the first chase's turn has passed). A reminder is never lost to the bot being down: the head
    should be told on 20/03."""
    start = datetime(2023, 3, 13, 9, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start) as bot:
        lan, hung = bot.server.add_user("Lan"), bot.server.add_user("Hùng")
        group, head = bot.server.add_group("Sở Tài chính", [lan]), bot.server.add_private_chat(hung)
        await bot.register(lan, group, "STC")
        await bot.register(hung, head, "STC", Role.HEAD)
        task = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        await _sweep_every_day(bot, date(2023, 3, 14), date(2023, 3, 15))
        in_group = len(bot.reminders_in(group))

        await bot.restart(datetime(2023, 3, 20, 8, 30, tzinfo=VIETNAM_TZ))  # down 16/03-19/03
        await bot.server.wait_for_messages(
            len(bot.server.sent_messages(group["id"])) + 1, chat_id=group["id"], timeout=10
        )
        await _sweep_every_day(bot, date(2023, 3, 20), date(2023, 3, 24))

        assert len(bot.reminders_in(group)) > in_group  # the group was chased
        told = [m["text"] for m in bot.reminders_in(head)]
        assert any(f"#{task} Kế hoạch" in text and "quá hạn" in text for text in told), told


async def _run_jobs_scheduled_today(bot: Harness) -> None:
    """Fire whatever the bot scheduled besides its daily sweep (a sweep again later today)."""
    assert bot.application.job_queue is not None
    for job in bot.application.job_queue.jobs():
        if job.name != SWEEP_JOB:
            job.schedule_removal()
            await job.run(bot.application)
    await bot.server.wait_until_idle()


async def test_a_group_given_back_the_right_to_post_gets_that_days_reminder(
    sqlite_url: str,
) -> None:
    """Lan takes the bot's right to post in her group at 07:50 on 15/03/2023 by mistake and gives
    it back at 09:00; the bot answers "nhóm tiếp tục nhận nhắc việc như trước". The task due that
    day is never told "hôm nay": the group next hears of it on 16/03, already "quá hạn 1 ngày". It
    should get that morning's digest once it may post again, the same day."""
    start = datetime(2023, 3, 13, 9, 0, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start) as bot:
        lan = bot.server.add_user("Lan")
        group = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, group, "STC")
        task = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))
        await _sweep_every_day(bot, date(2023, 3, 14), date(2023, 3, 14))

        bot.at(date(2023, 3, 15), 7)
        bot.server.restrict_bot(group, lan)
        await bot.server.wait_until_idle()
        bot.at(date(2023, 3, 15), 8)
        await bot.sweep()
        bot.at(date(2023, 3, 15), 9)
        before = len(bot.server.sent_messages(group["id"]))
        bot.server.add_bot_back(group, lan)
        messages = await bot.server.wait_for_messages(before + 1, chat_id=group["id"])
        (resumed,) = messages[before:]
        assert resumed["text"].startswith("✅ Bot đã có thể gửi tin trở lại"), resumed["text"]
        bot.at(date(2023, 3, 15), 10)
        await _run_jobs_scheduled_today(bot)
        await _sweep_every_day(bot, date(2023, 3, 16), date(2023, 3, 16))

        on_the_day = _digest_of(bot, group, "15/03/2023")
        assert f"#{task} Kế hoạch\n    ⏰ hạn 15/03/2023, hôm nay" in on_the_day, [
            m["text"] for m in bot.reminders_in(group)
        ]
