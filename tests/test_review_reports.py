"""Adversarial review of what users read: lists, details, digests, the monthly report."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from openpyxl import load_workbook

from bot import reports as report_files
from bot.telegram_server import Fault
from bot.texts import Texts
from jobs.policy import Urgency
from jobs.sweep import Digest, DigestItem
from storage import tasks
from storage.models import Agency, Role, Task
from storage.reports import AgencyLine, MonthReport
from storage.tasks import TaskView
from tests.conftest import SAMPLE
from tests.harness import JSON, Harness, running_bot
from vncalendar import VIETNAM_TZ

CREATED = datetime(2023, 1, 2, 9, tzinfo=VIETNAM_TZ)


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=CREATED) as harness:
        yield harness


async def _coordinator(bot: Harness) -> tuple[JSON, JSON]:
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    return bang, office


async def test_report_workbook_keeps_task_text_and_notes_starting_with_equals_as_text(
    bot: Harness,
) -> None:
    """A task or a note that begins with "=" is what people wrote, not an Excel formula: written
    as a formula, "=> đã gửi" makes Excel call the file damaged, and '=HYPERLINK(...)' from a
    document becomes a live link in the coordinators' spreadsheet."""
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    bang, office = await _coordinator(bot)
    injected = '=HYPERLINK("http://example.com/x","Bấm vào đây")'
    await bot.add_task(injected, "STC", date(2023, 1, 10))
    noted = await bot.add_task("Báo cáo tuyển quân", "STC", date(2023, 1, 12))
    await bot.say(lan, finance, f"/done {noted} => đã gửi Sở Nội vụ")

    await bot.say(bang, office, "/report 01/2023", replies=2)

    (document,) = [c.params["document"] for c in bot.server.calls("sendDocument")]
    sheet = load_workbook(io.BytesIO(document.content))["Nhiệm vụ"]
    formulas = [
        cell.value for row in sheet.iter_rows(min_row=2) for cell in row if cell.data_type == "f"
    ]
    # What openpyxl reads back as a formula ("f") is what Excel would compute.
    assert formulas == []
    texts = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    notes = [row[6] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert injected in texts
    assert "=> đã gửi Sở Nội vụ" in notes


async def test_overdue_never_parts_a_task_from_its_deadline_line(bot: Harness) -> None:
    """45 overdue tasks of one agency outgrow one message: /overdue splits them, but each task's
    "⏰ hạn ..., quá hạn N ngày" line must stay in the message of its task."""
    bang, office = await _coordinator(bot)
    for n in range(1, 46):
        await bot.add_task(f"Báo cáo kết quả thực hiện nhiệm vụ số {n}", "STC", date(2023, 1, 3))
    bot.at(date(2023, 2, 1))

    parts = await bot.say(bang, office, "/overdue", replies=2)

    for part in parts:
        lines = part["text"].split("\n")
        for number, line in enumerate(lines):
            if line.lstrip().startswith("⏰"):
                assert number > 0 and lines[number - 1].startswith("#"), (
                    f"a deadline without its task at the top of a message: {lines[:3]}"
                )


def test_overdue_lists_by_agency_keep_each_task_whole_whatever_their_length() -> None:
    """The same for every count of one agency's overdue tasks, in /overdue and in the
    coordinators' escalation digest (both list tasks under their agency)."""

    finance = Agency(id=1, name="Sở Tài chính", created_at=CREATED)
    today = date(2023, 2, 1)
    broken = []
    for count in range(20, 121):
        views = [
            TaskView(
                Task(
                    id=n,
                    text=f"Báo cáo kết quả thực hiện nhiệm vụ số {n}",
                    deadline=date(2023, 1, 3),
                    created_at=CREATED,
                    updated_at=CREATED,
                ),
                finance,
                (),
                None,
            )
            for n in range(1, count + 1)
        ]
        items = [DigestItem(v, Urgency.OVERDUE, -29, may_close=True) for v in views]
        texts = Texts("vi")
        for kind, parts in (
            ("/overdue", texts.overdue({finance.name: views}, today)),
            ("escalation", texts.digest(Digest(items, today, escalation=True))),
        ):
            for part in parts:
                lines = part.split("\n")
                for number, line in enumerate(lines):
                    if line.lstrip().startswith("⏰") and not lines[number - 1].startswith("<b>#"):
                        broken.append((kind, count, lines[:3]))
    assert broken == [], broken[:3]


async def test_coordinators_lists_of_every_agency_name_each_tasks_lead_agency(
    bot: Harness,
) -> None:
    """/tasks and /due in a coordinator's chat list every agency's tasks: a list that does not
    say whose each task is cannot be followed up without opening every task."""
    bang, office = await _coordinator(bot)
    await bot.add_task("Kế hoạch chung về đầu tư công", "STC", date(2023, 1, 20))
    await bot.add_task("Phòng dịch dịp Tết", "SYT", date(2023, 1, 25))

    (open_tasks,) = await bot.say(bang, office, "/tasks")
    (due,) = await bot.say(bang, office, "/due")

    for answer in (open_tasks, due):
        assert "Sở Tài chính" in answer["text"], answer["text"]
        assert "Sở Y tế" in answer["text"], answer["text"]


def test_report_chart_of_a_province_s_communes_stays_within_telegram_photo_limits() -> None:
    """Since 2025 a province's agencies are its departments and its 100-170 communes and
    wards: a monthly duty given to each makes a report of 170 agencies. Telegram refuses a
    photo whose width and height add up to more than 10000 pixels (or whose sides differ more
    than 20 times), and /report then sends neither the chart nor the Excel file."""

    report = MonthReport(2026, 1, date(2026, 2, 2), ZoneInfo("Asia/Ho_Chi_Minh"))
    report.lines = [AgencyLine(f"UBND xã số {n:03d}", on_time=1, overdue=1) for n in range(1, 171)]

    png = report_files.chart(report, Texts("vi"))

    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert width + height <= 10000, (width, height)
    assert max(width, height) / min(width, height) <= 20, (width, height)


def test_a_long_digest_never_ends_a_message_with_an_empty_section_heading() -> None:
    """Overdue and soon-due tasks that fill more than one message (32 overdue and 10 due in a
    week, say): the "Sắp đến hạn" heading must never be left alone at the foot of one message,
    its tasks headless in the next. Told for every count from 10 to 80 overdue tasks, so that
    the lengths of the lines do not decide."""

    finance = Agency(id=1, name="Sở Tài chính", created_at=CREATED)
    today = date(2023, 2, 1)
    headings = ("Quá hạn", "Đến hạn hôm nay", "Sắp đến hạn")
    orphans = []
    for overdue in range(10, 81):
        items = []
        for n in range(1, overdue + 11):
            urgency = Urgency.OVERDUE if n <= overdue else Urgency.SOON
            deadline = date(2023, 1, 3) if urgency is Urgency.OVERDUE else date(2023, 2, 8)
            task = Task(
                id=n,
                text=f"Báo cáo kết quả thực hiện nhiệm vụ số {n}" + " về công tác" * 3,
                deadline=deadline,
                created_at=CREATED,
                updated_at=CREATED,
            )
            view = TaskView(task, finance, (), None)
            items.append(DigestItem(view, urgency, (deadline - today).days, may_close=True))
        for part in Texts("vi").digest(Digest(items, today)):
            lines = [line for line in part.split("\n") if line.strip()]
            for number, line in enumerate(lines):
                if line.removeprefix("<b>").removesuffix("</b>") in headings:
                    following = lines[number + 1] if number + 1 < len(lines) else ""
                    if not following.startswith("<b>#"):
                        orphans.append((overdue, line, part[-120:]))
    assert orphans == [], orphans[:3]


async def test_task_details_say_a_duty_is_periodic_in_the_chat_s_language(bot: Harness) -> None:
    """/task of a monthly report duty (nhacviec task add --every monthly) must say it comes back
    every month: shown as a one-off deadline, a head takes it for done once closed. The words
    exist (the import preview's "định kỳ hằng tháng" / "every month") but the details omit them."""

    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    async with bot.database.session() as session:
        monthly = await tasks.assign_task(
            session=session,
            text="Báo cáo tình hình thu ngân sách",
            lead="STC",
            deadline=date(2023, 1, 16),
            recurrence="monthly",
            now=bot.clock.now(),
        )

    (vi,) = await bot.say(lan, finance, f"/task {monthly.id}")
    await bot.say(lan, finance, "/lang en")
    (en,) = await bot.say(lan, finance, f"/task {monthly.id}")

    assert "định kỳ hằng tháng" in vi["text"], vi["text"]
    assert "every month" in en["text"], en["text"]


async def test_report_is_sent_when_a_saved_task_holds_a_control_character(bot: Harness) -> None:
    """A .txt directive may carry a stray control character (a vertical tab, Word's manual
    line break when text is copied out of it): the importer keeps it in the task's text, and
    openpyxl refuses to write such a cell (IllegalCharacterError), so every /report of that
    month fails with "error" and neither the chart nor the Excel file arrives."""

    bang, office = await _coordinator(bot)
    sample = SAMPLE.read_text(encoding="utf-8")
    sample = sample.replace(
        "tham mưu UBND tỉnh ban hành Kế hoạch triển khai",
        "tham mưu UBND tỉnh ban hành\vKế hoạch triển khai",
    )
    bot.server.user_sends_document(office, bang, "thong-bao.txt", sample.encode("utf-8"))
    preview = (await bot.server.wait_for_messages(2, chat_id=office["id"], timeout=15))[-1]
    while "reply_markup" not in preview:
        count = len(bot.server.sent_messages(office["id"])) + 1
        preview = (await bot.server.wait_for_messages(count, chat_id=office["id"], timeout=15))[-1]
    save = preview["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
    (saved,) = await bot.press(bang, office, preview, save)
    assert saved["text"].startswith("✅ Đã lưu"), saved["text"]

    answers = await bot.say(bang, office, "/report 01/2023", replies=2)

    assert "photo" in answers[0], answers[0].get("text")
    assert "document" in answers[1], answers[1].get("text")


async def test_report_of_a_far_month_answers_instead_of_failing(bot: Harness) -> None:
    """/report accepts any month up to 12/9999 (a slip of the keyboard: 12/9023): with a
    weekly duty open, counting its periods up to that month steps past the last date Python
    knows (OverflowError) and the coordinator gets only "đã có lỗi"."""

    bang, office = await _coordinator(bot)
    async with bot.database.session() as session:
        await tasks.assign_task(
            session=session,
            text="Báo cáo tuần tình hình dịch bệnh",
            lead="SYT",
            deadline=date(2023, 1, 6),
            recurrence="weekly",
            now=bot.clock.now(),
        )

    answers = await bot.say(bang, office, "/report 12/9999")

    assert "lỗi" not in (answers[0].get("text") or ""), answers[0].get("text")


def test_report_chart_legend_hides_no_agency_s_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    """The legend sits inside the plot, at the lower right: where the last agency's longest
    bar ends with its overdue (red) and not-yet-due parts, which it covers."""

    made: list[Figure] = []

    class Recorded(Figure):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            made.append(self)

    monkeypatch.setattr(report_files, "Figure", Recorded)
    report = MonthReport(2023, 1, date(2023, 2, 1), ZoneInfo("Asia/Ho_Chi_Minh"))
    report.lines = [
        AgencyLine("Công an tỉnh", on_time=2, overdue=1),
        AgencyLine("Sở Tài chính", on_time=3, late=1),
        AgencyLine("Sở Y tế", on_time=1, overdue=2),
        AgencyLine("UBND huyện Tân Phú", on_time=2, late=1, overdue=3, pending=1),
    ]

    report_files.chart(report, Texts("vi"))

    (figure,) = made
    renderer = figure._get_renderer()  # type: ignore[attr-defined]
    legends = [legend for a in figure.axes if (legend := a.get_legend()) is not None]
    legends += list(figure.legends)
    boxes = [legend.get_window_extent(renderer) for legend in legends]
    hidden = [
        bar.get_window_extent(renderer).bounds
        for axes in figure.axes
        for bar in axes.patches
        if isinstance(bar, Rectangle)
        and bar.get_width() > 0
        and any(bar.get_window_extent(renderer).overlaps(box) for box in boxes)
    ]
    assert hidden == [], hidden


async def test_done_on_the_working_day_after_a_weekend_deadline_is_answered_on_time(
    bot: Harness,
) -> None:
    """Sunday 31/03/2024 closes on Monday 01/04 (Civil Code art. 148.5): the task's details say
    "tính đến hết 01/04/2024", the report counts a Monday closing as on time, and so must the
    answer to /done that Monday, not "quá hạn 1 ngày" (nor, for a periodic duty's period)."""

    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    bang, office = await _coordinator(bot)
    once = await bot.add_task("Báo cáo quý I", "STC", date(2024, 3, 31))
    async with bot.database.session() as session:
        monthly = await tasks.assign_task(
            session=session,
            text="Báo cáo tháng",
            lead="STC",
            deadline=date(2024, 3, 31),
            recurrence="monthly",
            now=bot.clock.now(),
        )
    bot.at(date(2024, 4, 1), hour=10)

    (closed,) = await bot.say(lan, finance, f"/done {once}")
    (period,) = await bot.say(lan, finance, f"/done {monthly.id}")
    chart, _ = await bot.say(bang, office, "/report 03/2024", replies=2)

    assert chart["caption"].startswith("📊 Tháng 03/2024: 2 nhiệm vụ đến hạn — 2 đúng hạn,")
    assert "(đúng hạn)" in closed["text"], closed["text"]
    assert "quá hạn" not in period["text"], period["text"]


async def test_due_this_month_lists_a_task_whose_weekend_deadline_closes_today(
    bot: Harness,
) -> None:
    """Saturday 31/01/2026 closes on Monday 02/02/2026. That Monday the morning digest says
    "Đến hạn hôm nay" and /tasks "hôm nay", but /due (due this month) answers that nothing is
    due in 02/2026 and /overdue has it neither: the one list meant for this month's work
    misses the task due today."""
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    task = await bot.add_task("Báo cáo tháng 01/2026", "STC", date(2026, 1, 31))
    bot.at(date(2026, 2, 2))
    await bot.sweep()
    (digest,) = bot.reminders_in(finance)
    assert "Đến hạn hôm nay" in digest["text"] and f"#{task}" in digest["text"], digest["text"]

    (due,) = await bot.say(lan, finance, "/due")

    assert f"#{task}" in due["text"], due["text"]


async def test_a_private_chat_in_english_is_told_in_english_that_reminders_resume(
    bot: Harness,
) -> None:
    """Hùng reads the bot in English (/lang en). After he had blocked it and writes again, the
    bot greets him in Vietnamese (the bot's default): resume_if_paused runs before the chat's
    language is loaded and speaks the application's language; his /tasks answer that follows
    is in English."""

    hung = bot.server.add_user("Hùng")
    health = bot.server.add_private_chat(hung)
    await bot.register(hung, health, "SYT")
    await bot.say(hung, health, "/lang en")
    await bot.add_task("Phòng dịch", "SYT", date(2023, 3, 15))
    bot.server.inject(Fault.blocked(), method="sendMessage", chat_id=health["id"])
    bot.at(date(2023, 3, 8))
    await bot.sweep()  # he had blocked the bot: his chat is paused

    resumed, answer = await bot.say(hung, health, "/tasks", replies=2)

    assert answer["text"].startswith("Open tasks"), answer["text"]
    assert resumed["text"] == "✅ You unblocked the bot: reminders will reach this chat again."
