"""An extension request is never lost: its notice to the coordinators is tried again, sent by the
next sweep if Telegram kept refusing it, split when long, listed by /extensions and the CLI."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.cli import main
from bot.telegram_server import Fault
from storage import access, agencies, extensions, tasks
from storage.db import Database
from storage.ledger import ClaimPolicy
from storage.models import ExtensionStatus, Role
from tests.conftest import NOW
from tests.harness import COORDINATORS_ONLY, JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

START = datetime(2023, 3, 1, 9, 0, tzinfo=VIETNAM_TZ)  # a Wednesday
DEADLINE = date(2023, 3, 15)
ASK = "/extend 1 30/04/2023 chờ ý kiến của Bộ"
NOTICE = "⏳ Đề nghị gia hạn — Sở Tài chính"


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
        )
        assert request.id is not None
        return task.id or 0, request.id


async def test_only_notices_failed_or_abandoned_are_claimed_again(db: Database) -> None:
    _, request_id = await _asked(db)
    policy = ClaimPolicy(max_attempts=2, stale_after=timedelta(minutes=10))
    async with db.session() as session:
        asked, view = (await extensions.pending_requests(session=session))[0]
        sent, failed, abandoned = extensions.claim_notices(
            session=session, request=asked, view=view, chat_ids=[7, -8, 9], now=NOW
        )
        await extensions.record_part(session=session, notice=sent, part=1, parts=2, now=NOW)
        await extensions.record_part(session=session, notice=sent, part=2, parts=2, now=NOW)
        await extensions.record_part(session=session, notice=failed, part=1, parts=2, now=NOW)
        await extensions.record_failure(session=session, notice=failed, error="502", now=NOW)

    def reclaim(at: datetime) -> Callable[[AsyncSession], Awaitable[list[extensions.AnyNotice]]]:
        return lambda session: extensions.reclaim_notices(session=session, now=at, policy=policy)

    at_once = await db.retrying(reclaim(NOW))
    claimed_twice = await db.retrying(reclaim(NOW))
    stale = await db.retrying(reclaim(NOW + timedelta(minutes=11)))

    assert [(n.key, n.parts_sent) for n in at_once] == [(f"{request_id}>-8", 1)]
    assert claimed_twice == []  # the retry holds a fresh claim now
    assert {(n.chat_id, n.parts_sent) for n in stale} == {(-8, 1), (9, 0)}
    assert abandoned.chat_id == 9
    async with db.session() as session:
        for notice in stale:
            await extensions.record_failure(session=session, notice=notice, error="502", now=NOW)
    # -8 used its two tries; 9 has one left.
    assert [n.chat_id for n in await db.retrying(reclaim(NOW))] == [9]


async def test_a_decided_request_is_neither_listed_nor_sent_again(db: Database) -> None:
    _, request_id = await _asked(db)
    async with db.session() as session:
        asked, view = (await extensions.pending_requests(session=session))[0]
        (notice,) = extensions.claim_notices(
            session=session, request=asked, view=view, chat_ids=[7], now=NOW
        )
        await extensions.record_failure(session=session, notice=notice, error="502", now=NOW)
        decision = await extensions.decide_extension(
            session=session,
            caller=access.Caller(3, None, is_coordinator=True),
            request_id=request_id,
            approve=False,
            now=NOW,
        )
    assert decision.request.status == ExtensionStatus.REJECTED
    async with db.session() as session:
        assert await extensions.pending_requests(session=session) == []
        assert (
            await extensions.reclaim_notices(session=session, now=NOW, policy=ClaimPolicy()) == []
        )


def test_the_cli_lists_the_requests_awaiting_a_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", url)
    assert main(["extensions", "list"]) == 0
    empty = capsys.readouterr().out

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
