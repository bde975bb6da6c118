"""The monthly report: counted right, sent as a chart and an Excel file, coordinators only."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from storage.models import Role
from tests.harness import Harness, running_bot
from vncalendar import VIETNAM_TZ

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=datetime(2023, 1, 2, 9, tzinfo=VIETNAM_TZ)) as harness:
        yield harness


async def test_the_month_is_counted_by_agency_and_sent_as_chart_and_workbook(bot: Harness) -> None:
    lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
    finance, office = bot.server.add_group("Sở Tài chính", [lan]), bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.register(bang, office, None, Role.COORDINATOR)
    on_time = await bot.add_task("Kế hoạch chung", "STC", date(2023, 1, 10))
    late = await bot.add_task("Báo cáo tuyển quân", "STC", date(2023, 1, 12))
    await bot.add_task("Phòng dịch dịp Tết", "SYT", date(2023, 1, 13))  # never closed
    await bot.add_task("Việc tháng sau", "SYT", date(2023, 2, 10))  # another month
    bot.at(date(2023, 1, 9), hour=6)  # 06:00 in Hà Nội, still 8 January in UTC
    await bot.say(lan, finance, f"/done {on_time}")
    bot.at(date(2023, 1, 16))
    await bot.say(lan, finance, f"/done {late} đã gửi")

    (refused,) = await bot.say(lan, finance, "/report 01/2023")
    chart, workbook = await bot.say(bang, office, "/report 01/2023", replies=2)

    assert (
        refused["text"] == "Lệnh này chỉ dành cho cán bộ theo dõi nhiệm vụ của Văn phòng UBND tỉnh."
    )
    assert chart["caption"] == (
        "📊 Tháng 01/2023: 3 nhiệm vụ đến hạn — 1 đúng hạn, 1 quá hạn đã xong, "
        "1 quá hạn chưa xong, 0 chưa đến hạn."
    )
    (photo,) = [c.params["photo"] for c in bot.server.calls("sendPhoto")]
    (document,) = [c.params["document"] for c in bot.server.calls("sendDocument")]
    assert photo.content.startswith(PNG)
    assert workbook["document"]["file_name"] == "nhacviec-2023-01.xlsx"
    sheets = load_workbook(io.BytesIO(document.content))
    rows = [list(row) for row in sheets["Tổng hợp"].iter_rows(min_row=2, values_only=True)]
    assert rows == [
        [
            "Cơ quan chủ trì",
            "Đến hạn trong tháng",
            "Hoàn thành đúng hạn",
            "Hoàn thành quá hạn",
            "Quá hạn chưa hoàn thành",
            "Chưa đến hạn",
        ],
        ["Sở Tài chính", 2, 1, 1, 0, 0],
        ["Sở Y tế", 1, 0, 0, 1, 0],
        ["Tổng cộng", 3, 1, 1, 1, 0],
    ]
    tasks = [row for row in sheets["Nhiệm vụ"].iter_rows(min_row=2, values_only=True)]
    assert [(row[2], row[4], row[5], row[6]) for row in tasks] == [
        ("Kế hoạch chung", "Hoàn thành đúng hạn", "09/01/2023", None),  # empty cells read None
        ("Báo cáo tuyển quân", "Hoàn thành quá hạn", "16/01/2023", "đã gửi"),
        ("Phòng dịch dịp Tết", "Quá hạn chưa hoàn thành", None, None),
    ]


async def test_a_month_without_tasks_or_written_wrong_gets_a_clear_answer(bot: Harness) -> None:
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)

    (empty,) = await bot.say(bang, office, "/report 03/2023")
    (wrong,) = await bot.say(bang, office, "/report 13/2023")

    assert empty["text"] == "Không có nhiệm vụ nào đến hạn trong tháng 03/2023."
    assert wrong["text"].startswith("Cách dùng: /report (tháng này) hoặc /report mm/yyyy.")
