"""When the outside world misbehaves: Telegram slow or refusing, the clock jumping, the bot
stopped in the middle of a send. No reminder is lost or sent twice, and the bot stops when told.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
import time_machine

from bot.app import SWEEP_JOB, sweep_job
from bot.services import services_of
from bot.telegram_server import Fault
from storage.models import Role
from tests.harness import JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday
SWEEP_DAY = date(2023, 3, 8)  # the 7-day reminder of DEADLINE goes out that morning
DEADLINE = date(2023, 3, 15)
# How long stopping may take: systemd waits 90 s for a service to stop, then kills it.
STOPS_WITHIN = 15


@pytest.fixture
async def bot(database_url: str) -> AsyncIterator[Harness]:
    async with running_bot(database_url, start=START) as harness:
        yield harness


async def _two_groups(bot: Harness) -> tuple[JSON, JSON]:
    """The finance and health departments' groups, each with a task due in a week."""
    lan, hoa = bot.server.add_user("Lan"), bot.server.add_user("Hoa")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    health = bot.server.add_group("Sở Y tế", [hoa])
    await bot.register(lan, finance, "STC")
    await bot.register(hoa, health, "SYT")
    await bot.add_task("Ban hành Kế hoạch chung", "STC", DEADLINE)
    await bot.add_task("Kiểm tra an toàn thực phẩm", "SYT", DEADLINE)
    return finance, health


async def _first_refusal(bot: Harness, status: int) -> None:
    """Wait until Telegram has refused a sendMessage with this status."""
    await bot.server._wait_for(
        lambda: any(c.status == status for c in bot.server.calls("sendMessage")), timeout=5
    )


async def test_a_second_sweep_while_the_first_is_held_up_sends_each_digest_once(
    bot: Harness,
) -> None:
    """A morning sweep held up by Telegram past the claims' stale time (a flood wait, a slow
    network; here the clock moves on meanwhile), and a second sweep of the same bot starting
    then (a resumed chat's catch-up, the retry job): each group gets its digest once. The two
    sweeps share the bot's name in the ledger, so the claims cannot tell them apart."""
    finance, health = await _two_groups(bot)
    sweep = services_of(bot.application).sweep
    bot.server.inject(Fault.retry_after(2), method="sendMessage")
    bot.at(SWEEP_DAY)

    first = asyncio.ensure_future(sweep.run())
    await _first_refusal(bot, 429)
    bot.clock.set(bot.clock.now() + sweep.claim_policy.stale_after + timedelta(minutes=1))
    await sweep.run()
    await first
    await bot.server.wait_until_idle()

    assert len(bot.reminders_in(finance)) == 1
    assert len(bot.reminders_in(health)) == 1


async def test_the_bot_stopping_during_a_long_flood_wait_stops_at_once(bot: Harness) -> None:
    """Telegram asks the bot to wait a minute (429 retry_after; a flood wait can last much
    longer) in the middle of the morning's digests when systemd stops it: it stops within
    seconds, not after the wait (systemd kills a service that takes 90 s), and the digest not
    sent goes out after the restart, once."""
    finance, _ = await _two_groups(bot)
    services_of(bot.application).sweep.stop_grace = 0.5  # a send in flight ends within it
    bot.server.inject(Fault.retry_after(60), method="sendMessage", chat_id=finance["id"])
    bot.at(SWEEP_DAY)
    assert bot.application.job_queue is not None
    bot.application.job_queue.run_once(sweep_job, when=0)  # a job, as the morning's is
    await _first_refusal(bot, 429)

    stopping = asyncio.ensure_future(bot.stack.aclose())
    stopped_in_time, _ = await asyncio.wait((stopping,), timeout=STOPS_WITHIN)
    await stopping
    assert stopped_in_time, "the bot waited out Telegram's flood wait before stopping"

    told = len(bot.server.sent_messages(finance["id"]))
    await bot.restart(datetime(2023, 3, 8, 9, 0, tzinfo=VIETNAM_TZ))  # its start-up sweep
    await bot.server.wait_for_messages(told + 1, chat_id=finance["id"])
    await bot.server.wait_until_idle()
    assert len(bot.reminders_in(finance)) == 1


BANG, MINH = 700_000_001, 700_000_002  # coordinators named in [access] coordinators


async def test_a_configured_coordinator_who_never_opened_the_bot_is_explained_in_vietnamese(
    database_url: str,
) -> None:
    """Telegram lets a bot write to nobody who has not opened it first: it refuses 403 "bot
    can't initiate conversation with a user". A coordinator named in the configuration who never
    did is paused, and the other coordinators are told in Vietnamese what to do (have him open
    the bot), not given Telegram's English words, nor told he blocked it."""
    overdue = date(2023, 2, 28)  # the escalation goes out on 07/03, the fifth working day late
    async with running_bot(database_url, start=START, coordinators=[BANG, MINH]) as bot:
        bang = bot.server.add_user("Bằng", user_id=BANG)
        minh = bot.server.add_user("Minh", user_id=MINH)
        office, minh_chat = bot.server.add_private_chat(bang), bot.server.add_private_chat(minh)
        lan = bot.server.add_user("Lan")
        finance = bot.server.add_group("Sở Tài chính", [lan])
        await bot.register(lan, finance, "STC")
        await bot.add_task("Ban hành Kế hoạch chung", "STC", overdue)
        never_opened = Fault(403, "Forbidden: bot can't initiate conversation with a user")
        bot.server.inject(never_opened, method="sendMessage", chat_id=minh_chat["id"], times=5)

        bot.at(date(2023, 3, 7))
        await bot.sweep()

        alert = next(
            m["text"] for m in bot.server.sent_messages(office["id"]) if "⚠️ Bot" in m["text"]
        )
    assert "Forbidden" not in alert and "initiate" not in alert, alert
    assert "chặn" not in alert, alert  # he blocked nothing
    assert alert.endswith(
        "Lý do: người này chưa từng mở bot nên Telegram không cho bot nhắn trước. Hãy nhờ họ mở "
        "bot và bấm Bắt đầu (/start): nhắc việc sẽ tự gửi lại."
    ), alert


async def test_a_flood_wait_that_outlasts_the_rate_limiters_tries_is_waited_out_again(
    bot: Harness,
) -> None:
    """Telegram answers 429 "retry after N" to every try the rate limiter makes: the sweep's own
    next try still waits the N seconds Telegram asked for (one sent sooner is refused again, and
    Telegram lengthens the wait of a bot that ignores it), and the digest goes out once."""
    finance, _ = await _two_groups(bot)
    refusals = 5  # the rate limiter's first try and its three retries, then the sweep's own
    bot.server.inject(
        Fault.retry_after(1), method="sendMessage", chat_id=finance["id"], times=refusals
    )
    bot.at(SWEEP_DAY)

    await bot.sweep()

    tries = [c for c in bot.server.calls("sendMessage") if c.params["chat_id"] == finance["id"]]
    tries = tries[-(refusals + 1) :]
    assert [c.status for c in tries] == [429] * refusals + [200]
    assert all(later.time - earlier.time >= 1.0 for earlier, later in pairwise(tries))
    assert len(bot.reminders_in(finance)) == 1


async def test_an_extension_request_told_during_an_hour_without_telegram_still_reaches_the_office(
    bot: Harness,
) -> None:
    """Telegram out of reach for an hour (502 to the coordinator's chat) while reminders are owed,
    so the bot sweeps again every few minutes: the notice of an extension request made then is
    tried with each sweep, and reaches the coordinator once Telegram is back. Tries Telegram never
    answered do not use up the notice's five, as a refusal would."""
    lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    office = bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Ban hành Kế hoạch chung", "STC", DEADLINE)
    tries = len(services_of(bot.application).sweep.retry_delays) + 1  # of one attempt
    outage = 6  # attempts: the request's own, then one with each sweep
    bot.server.inject(
        Fault.bad_gateway(), method="sendMessage", chat_id=office["id"], times=outage * tries
    )

    await bot.say(lan, finance, "/extend 1 30/04/2023 chờ ý kiến của Bộ")
    for retry in range(1, outage + 1):  # the sweeps again while reminders are owed
        bot.clock.set(START + retry * timedelta(minutes=11))
        await bot.sweep()

    notices = [m for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⏳")]
    assert len(notices) == 1
    assert notices[0]["text"].startswith("⏳ Đề nghị gia hạn — Sở Tài chính")


async def test_a_morning_sweep_the_running_bot_slept_through_goes_out_when_it_wakes(
    bot: Harness,
) -> None:
    """The bot keeps running while the machine sleeps through 08:00 (a suspended virtual
    machine), or while its clock is stepped forward by hours (NTP correcting a clock read from a
    hardware clock kept in local time: 7 hours in Việt Nam). When it wakes at 13:00, within
    office hours, the morning's digest goes out then: no process restarted, so no start-up
    catch-up will send it, and tomorrow's would miss the day's reminder."""
    finance, _ = await _two_groups(bot)
    assert bot.application.job_queue is not None
    (job,) = bot.application.job_queue.get_jobs_by_name(SWEEP_JOB)
    assert job.next_t is not None
    told = len(bot.server.sent_messages(finance["id"]))
    bot.clock.set(datetime(2023, 3, 8, 13, 0, tzinfo=VIETNAM_TZ))

    # The machine's clock (APScheduler reads it) is five hours past the morning's sweep.
    with time_machine.travel(job.next_t + timedelta(hours=5), tick=True):
        bot.application.job_queue.scheduler.wakeup()
        await bot.server.wait_for_messages(told + 1, chat_id=finance["id"])

    assert len(bot.reminders_in(finance)) == 1
