"""The reminder engine end to end: who hears what, on which days, after outages and holidays."""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator
from datetime import date, datetime, timedelta

import pytest

from storage.models import Role
from tests.harness import JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=START) as harness:
        yield harness


def _days(bot: Harness, chat: JSON) -> list[str]:
    """The dates of the digests a chat received."""
    return [m["text"].splitlines()[0].rsplit(" ", 1)[-1] for m in bot.reminders_in(chat)]


async def _sweep_every_day(bot: Harness, first: date, last: date) -> None:
    day = first
    while day <= last:
        bot.at(day)
        await bot.sweep()
        day += timedelta(days=1)


async def test_the_head_hears_only_the_first_overdue_and_coordinators_the_escalation(
    bot: Harness,
) -> None:
    lan, hung, bang = (bot.server.add_user(n) for n in ("Lan", "Hùng", "Bằng"))
    group, head, office = (
        bot.server.add_group("Sở Tài chính", [lan]),
        bot.server.add_private_chat(hung),
        bot.server.add_private_chat(bang),
    )
    await bot.register(lan, group, "STC")
    await bot.register(hung, head, "STC", Role.HEAD)
    await bot.register(bang, office, None, Role.COORDINATOR)
    task = await bot.add_task("Kế hoạch", "STC", date(2023, 3, 15))

    await _sweep_every_day(bot, date(2023, 3, 6), date(2023, 3, 24))

    assert _days(bot, group) == [
        "08/03/2023",
        "10/03/2023",
        "14/03/2023",
        "15/03/2023",
        "16/03/2023",
        "20/03/2023",
        "22/03/2023",
        "24/03/2023",
    ]
    assert _days(bot, head) == ["16/03/2023"]
    escalations = [
        m["text"] for m in bot.server.sent_messages(office["id"]) if m["text"].startswith("⚠️")
    ]
    assert len(escalations) == 1
    assert escalations[0].splitlines()[0] == "⚠️ Nhiệm vụ quá hạn cần đôn đốc — 22/03/2023"
    assert f"#{task} Kế hoạch" in escalations[0] and "quá hạn 7 ngày" in escalations[0]


async def test_nothing_goes_out_over_tet_and_a_deadline_after_it_is_announced_before(
    bot: Harness,
) -> None:
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    # Tết Giáp Thìn: offices closed from Thursday 08/02/2024 to Wednesday 14/02/2024.
    await bot.add_task("Báo cáo sau Tết", "STC", date(2024, 2, 16))

    await _sweep_every_day(bot, date(2024, 2, 1), date(2024, 2, 16))

    days = _days(bot, group)
    assert days == ["07/02/2024", "15/02/2024", "16/02/2024"]
    assert "còn 9 ngày" in bot.reminders_in(group)[0]["text"]  # the 7- and 3-day reminders, merged


async def test_after_ten_days_down_one_digest_with_what_still_matters(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    await bot.add_task("Đã quá hạn", "STC", date(2023, 3, 10))
    await bot.add_task("Sắp đến hạn", "STC", date(2023, 3, 22))
    await bot.add_task("Còn xa", "STC", date(2023, 4, 28))
    bot.at(date(2023, 3, 6))
    await bot.sweep()

    await bot.restart(datetime(2023, 3, 20, 8, 30, tzinfo=VIETNAM_TZ))  # down from 07/03 to 19/03
    await bot.server.wait_for_messages(2 + 1, chat_id=group["id"], timeout=10)
    await bot.sweep()  # the morning sweep after the start-up one sends nothing more

    catch_up = bot.reminders_in(group)[-1]["text"]
    assert _days(bot, group) == ["06/03/2023", "20/03/2023"]
    assert "Đã quá hạn" in catch_up and "quá hạn 10 ngày" in catch_up
    assert "Sắp đến hạn" in catch_up and "còn 2 ngày" in catch_up
    assert "Còn xa" not in catch_up


async def test_a_long_digest_is_split_cleanly_under_telegrams_limit(bot: Harness) -> None:
    lan = bot.server.add_user("Lan")
    group = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, group, "STC")
    long_text = "Tham mưu UBND tỉnh ban hành kế hoạch triển khai thực hiện nghị quyết " * 3
    ids = [await bot.add_task(f"{n}. {long_text}", "STC", date(2023, 3, 15)) for n in range(60)]
    bot.at(date(2023, 3, 8))

    await bot.sweep()

    parts = [m for m in bot.server.sent_messages(group["id"]) if "⏰" in m.get("text", "")]
    assert len(parts) >= 2
    assert all(len(m["text"]) <= 4096 for m in parts)
    sent_at = [
        c.time for c in bot.server.calls("sendMessage") if c.params["chat_id"] == group["id"]
    ]
    parts_sent_at = sent_at[-len(parts) :]
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(parts_sent_at))  # ~1 message/s a chat
    listed = [int(n) for m in parts for n in re.findall(r"^#(\d+) ", m["text"], flags=re.MULTILINE)]
    assert listed == ids  # every task once, in order
    assert [("reply_markup" in m) for m in parts] == [False] * (len(parts) - 1) + [True]
    assert len(parts[-1]["reply_markup"]["inline_keyboard"]) == 20  # the most urgent get buttons
