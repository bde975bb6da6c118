"""The monthly report: counted right, sent as a chart and an Excel file, coordinators only."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date, datetime, time
from itertools import pairwise

import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from openpyxl import load_workbook

from bot import reports as report_files
from bot.telegram_server import JSON, Fault
from bot.texts import Texts
from storage import agencies, reports, tasks
from storage.db import Database
from storage.models import Agency, PeriodOutcome, Role, Task
from storage.reports import AgencyLine, MonthReport, ReportRow
from storage.tasks import TaskView
from tests.conftest import SAMPLE
from tests.harness import CATALOGUE, COORDINATORS_ONLY, ERROR_TEXT, Harness, running_bot
from vncalendar import VIETNAM_TZ

PNG = b"\x89PNG\r\n\x1a\n"
CREATED = datetime(2023, 1, 2, 9, tzinfo=VIETNAM_TZ)


def task_rows(workbook: bytes) -> list[tuple[object, ...]]:
    """The task sheet's rows, date cells as dates (openpyxl reads them as naive datetimes)."""
    sheet = load_workbook(io.BytesIO(workbook))["Nhiệm vụ"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            assert not cell.is_date or cell.number_format == "dd/mm/yyyy", cell.number_format
    return [
        tuple(v.date() if isinstance(v, datetime) else v for v in row)
        for row in sheet.iter_rows(min_row=2, values_only=True)
    ]


@pytest.fixture
async def bot(sqlite_url: str) -> AsyncIterator[Harness]:
    async with running_bot(sqlite_url, start=CREATED) as harness:
        yield harness


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> list[Figure]:
    """The figures report_files.chart makes, as it makes them."""
    made: list[Figure] = []

    class Recorded(Figure):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            made.append(self)

    monkeypatch.setattr(report_files, "Figure", Recorded)
    return made


async def test_the_month_is_counted_by_agency_and_sent_as_chart_and_workbook(bot: Harness) -> None:
    lan, finance, bang, office = await _finance_and_coordinator(bot)
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

    assert refused["text"] == COORDINATORS_ONLY
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
    # Deadlines and days done are date cells, shown dd/mm/yyyy; empty cells read None.
    assert [row[2:-1] for row in task_rows(document.content)] == [
        ("Kế hoạch chung", date(2023, 1, 10), "Hoàn thành đúng hạn", date(2023, 1, 9), None),
        (
            "Báo cáo tuyển quân",
            date(2023, 1, 12),
            "Hoàn thành quá hạn",
            date(2023, 1, 16),
            "đã gửi",
        ),
        ("Phòng dịch dịp Tết", date(2023, 1, 13), "Quá hạn chưa hoàn thành", None, None),
    ]


async def test_a_month_without_tasks_or_written_wrong_gets_a_clear_answer(bot: Harness) -> None:
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)

    (empty,) = await bot.say(bang, office, "/report 03/2023")
    (wrong,) = await bot.say(bang, office, "/report 13/2023")
    (no_year,) = await bot.say(bang, office, "/report 01/0000")
    (far,) = await bot.say(bang, office, "/report 12/9999")

    assert empty["text"] == "Không có nhiệm vụ nào đến hạn trong tháng 03/2023."
    assert wrong["text"] == (
        "Cách dùng: /report (tháng này) hoặc /report mm/yyyy, năm từ 1945 đến 2100."
    )
    assert no_year["text"] == far["text"] == wrong["text"]  # there was no year 0


async def test_the_workbook_comes_when_telegram_refuses_the_chart(bot: Harness) -> None:
    """The workbook holds every figure of the chart: a photo refused keeps neither it nor the
    caption from the coordinator."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Kế hoạch chung", "STC", date(2023, 1, 10))
    refused = Fault(400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
    bot.server.inject(refused, method="sendPhoto", chat_id=office["id"])

    (workbook,) = await bot.say(bang, office, "/report 01/2023")

    assert workbook["document"]["file_name"] == "nhacviec-2023-01.xlsx"
    assert workbook["caption"].startswith("📊 Tháng 01/2023: 1 nhiệm vụ đến hạn")


async def test_a_report_whose_chart_meets_a_bad_gateway_is_still_sent(bot: Harness) -> None:
    """One 502 from Telegram on the chart is tried again, as text replies are: /report sends
    the coordinator the chart and the workbook, not "Xin lỗi, đã có lỗi…"."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Kế hoạch chung", "STC", date(2023, 3, 10))
    bot.server.inject(Fault.bad_gateway(), method="sendPhoto", chat_id=office["id"])

    before = len(bot.server.sent_messages(office["id"]))
    (first,) = await bot.say(bang, office, "/report 03/2023")

    assert first.get("text") != ERROR_TEXT, "one 502 and the coordinator gets no report"
    assert "photo" in first and first["caption"].startswith("📊 Tháng 03/2023")
    workbook = (await bot.server.wait_for_messages(before + 2, chat_id=office["id"]))[-1]
    assert workbook["document"]["file_name"] == "nhacviec-2023-03.xlsx"


async def test_a_report_whose_workbook_meets_a_server_error_is_still_sent(bot: Harness) -> None:
    """A 500 on the workbook after the chart went is tried again: the coordinator gets the
    Excel file after the chart, not "Xin lỗi, đã có lỗi…"."""
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task("Kế hoạch chung", "STC", date(2023, 3, 10))
    bot.server.inject(Fault.server_error(), method="sendDocument", chat_id=office["id"])

    chart, workbook = await bot.say(bang, office, "/report 03/2023", replies=2)

    assert "photo" in chart
    assert workbook.get("text") != ERROR_TEXT
    assert workbook["document"]["file_name"] == "nhacviec-2023-03.xlsx"


def test_the_workbook_keeps_what_people_wrote_as_text() -> None:
    """A task or a note is text whatever it begins with ("=", "#N/A"), and a control character
    saved before the importer turned them into spaces does not make openpyxl refuse the file."""
    now = datetime(2023, 1, 2, 9, tzinfo=VIETNAM_TZ)
    finance = Agency(id=1, name="=Sở Tài chính", created_at=now)
    report = MonthReport(2023, 1, date(2023, 2, 1), VIETNAM_TZ)
    report.lines = [AgencyLine(finance.name, overdue=2)]
    deadline = date(2023, 1, 10)
    for number, (text, note) in enumerate(
        [("=1+1", "#N/A"), ("ban hành\vKế hoạch", "=> đã gửi")], start=1
    ):
        task = Task(id=number, text=text, deadline=deadline, created_at=now, updated_at=now)
        report.tasks.append(
            ReportRow(TaskView(task, finance, (), None), "overdue", deadline, None, note)
        )

    written = report_files.workbook(report, Texts("vi"))

    cells = [
        c for sheet in load_workbook(io.BytesIO(written)) for r in sheet.iter_rows() for c in r
    ]
    # "f" a formula, "e" an error: the types openpyxl gives "=1+1" and "#N/A" written raw.
    assert {cell.data_type for cell in cells if isinstance(cell.value, str)} == {"s"}
    assert [row[1:3] + row[6:7] for row in task_rows(written)] == [
        ("=Sở Tài chính", "=1+1", "#N/A"),
        ("=Sở Tài chính", "ban hành Kế hoạch", "=> đã gửi"),
    ]


def test_a_province_s_chart_names_the_agencies_with_most_tasks_due_and_sums_the_rest(
    figures: list[Figure],
) -> None:
    """A province has 100-170 communes: the chart names the MAX_BARS - 1 agencies with most
    tasks due, in the report's order, and shows the others as one bar on its own scale."""
    report = MonthReport(2026, 1, date(2026, 2, 2), VIETNAM_TZ)
    report.lines = [AgencyLine(f"Sở số {n:02d}", on_time=3, overdue=n % 3) for n in range(1, 21)]
    report.lines += [AgencyLine(f"UBND xã số {n:03d}", on_time=1, overdue=1) for n in range(1, 151)]
    named = report_files.MAX_BARS - 1

    report_files.chart(report, Texts("en"))

    (figure,) = figures
    axes, rest = figure.axes
    labels = [label.get_text() for label in axes.get_yticklabels()]
    assert labels == [line.agency for line in report.lines[:named]]
    assert [label.get_text() for label in rest.get_yticklabels()] == [
        f"{len(report.lines) - named} other agencies"
    ]
    assert sum(bar.get_width() for bar in rest.patches if isinstance(bar, Rectangle)) == sum(
        line.due for line in report.lines[named:]
    )


async def test_report_workbook_keeps_task_text_and_notes_starting_with_equals_as_text(
    bot: Harness,
) -> None:
    """A task or a note that begins with "=" is what people wrote, not an Excel formula: written
    as a formula, "=> đã gửi" makes Excel call the file damaged, and '=HYPERLINK(...)' from a
    document becomes a live link in the coordinators' spreadsheet."""
    lan = bot.server.add_user("Lan")
    finance = bot.server.add_group("Sở Tài chính", [lan])
    await bot.register(lan, finance, "STC")
    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
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
    rows = task_rows(document.content)
    assert injected in [row[2] for row in rows]
    assert "=> đã gửi Sở Nội vụ" in [row[6] for row in rows]


async def test_report_is_sent_when_a_saved_task_holds_a_control_character(bot: Harness) -> None:
    """A .txt directive may carry a stray control character (a vertical tab, Word's manual
    line break when text is copied out of it): the importer keeps it in the task's text, and
    openpyxl refuses to write such a cell (IllegalCharacterError), so every /report of that
    month fails with "error" and neither the chart nor the Excel file arrives."""

    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
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

    bang = bot.server.add_user("Bằng")
    office = bot.server.add_private_chat(bang)
    await bot.register(bang, office, None, Role.COORDINATOR)
    await bot.add_task(
        "Báo cáo tuần tình hình dịch bệnh", "SYT", date(2023, 1, 6), recurrence="weekly"
    )

    answers = await bot.say(bang, office, "/report 12/9999")

    assert "lỗi" not in (answers[0].get("text") or ""), answers[0].get("text")


def test_report_chart_of_a_province_s_communes_stays_within_telegram_photo_limits() -> None:
    """Since 2025 a province's agencies are its departments and its 100-170 communes and
    wards: a monthly duty given to each makes a report of 170 agencies. Telegram refuses a
    photo whose width and height add up to more than 10000 pixels (or whose sides differ more
    than 20 times), and /report then sends neither the chart nor the Excel file."""

    report = MonthReport(2026, 1, date(2026, 2, 2), VIETNAM_TZ)
    report.lines = [AgencyLine(f"UBND xã số {n:03d}", on_time=1, overdue=1) for n in range(1, 171)]

    png = report_files.chart(report, Texts("vi"))

    width = int.from_bytes(png[16:20], "big")
    height = int.from_bytes(png[20:24], "big")
    assert width + height <= 10000, (width, height)
    assert max(width, height) / min(width, height) <= 20, (width, height)


def test_report_chart_legend_hides_no_agency_s_bar(figures: list[Figure]) -> None:
    """The legend sits inside the plot, at the lower right: where the last agency's longest
    bar ends with its overdue (red) and not-yet-due parts, which it covers."""
    report = MonthReport(2023, 1, date(2023, 2, 1), VIETNAM_TZ)
    report.lines = [
        AgencyLine("Công an tỉnh", on_time=2, overdue=1),
        AgencyLine("Sở Tài chính", on_time=3, late=1),
        AgencyLine("Sở Y tế", on_time=1, overdue=2),
        AgencyLine("UBND huyện Tân Phú", on_time=2, late=1, overdue=3, pending=1),
    ]

    report_files.chart(report, Texts("vi"))

    (figure,) = figures
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


LONG_NAMES = [
    "Ban Quản lý các Khu công nghiệp và Khu kinh tế tỉnh Đồng Nai",
    "Trung tâm Phục vụ hành chính công tỉnh / Văn phòng UBND tỉnh: bộ phận một cửa",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Ban Quản lý dự án đầu tư xây dựng các công trình dân dụng và công nghiệp tỉnh",
]


def test_the_chart_shows_its_title_whole_beside_long_agency_names(
    figures: list[Figure],
) -> None:
    """The title, which names the month, is centred on the whole picture: beside agencies whose
    names fill half of it, the title and every name stay within the picture, the long names
    wrapped, none running into the next."""
    report = MonthReport(2023, 1, date(2023, 2, 1), VIETNAM_TZ)
    report.lines = [AgencyLine(name, on_time=2, overdue=1) for name in LONG_NAMES]

    report_files.chart(report, Texts("vi"))

    (figure,) = figures
    renderer = figure._get_renderer()  # type: ignore[attr-defined]
    page = figure.bbox
    texts = [text for text in figure.findobj(Text) if isinstance(text, Text)]
    (title,) = [t for t in texts if t.get_visible() and "tháng 01/2023" in t.get_text()]
    box = title.get_window_extent(renderer)
    assert page.x0 <= box.x0 and box.x1 <= page.x1, (box.bounds, page.bounds)
    boxes = [label.get_window_extent(renderer) for label in figure.axes[0].get_yticklabels()]
    for box in boxes:
        assert page.x0 <= box.x0 and box.x1 <= page.x1, box.bounds
    for above, below in pairwise(boxes):
        assert not above.overlaps(below), (above.bounds, below.bounds)


def test_the_chart_draws_agency_names_with_dollar_signs_as_written(
    figures: list[Figure],
) -> None:
    """A name is text, not a formula: "Quỹ $1 triệu$" is drawn as written, not as TeX
    mathematics in italics, and "$\\ngành$", which TeX could not read, does not make the chart,
    and so /report, fail."""
    report = MonthReport(2023, 1, date(2023, 2, 1), VIETNAM_TZ)
    names = ["Quỹ hỗ trợ $1 triệu$ mỗi hộ", "Ban dự án $\\ngành$ giao thông"]
    report.lines = [AgencyLine(name, on_time=1) for name in names]

    png = report_files.chart(report, Texts("vi"))

    assert png.startswith(b"\x89PNG")
    (figure,) = figures
    labels = figure.axes[0].get_yticklabels()
    assert [label.get_text() for label in labels] == names
    assert not any(label.get_parse_math() for label in labels)


def test_every_heading_and_outcome_of_the_workbook_can_be_read_whole() -> None:
    """Excel cuts a text at the next cell that holds something ("Đến hạn" for "Đến hạn trong
    tháng" at its default width): each heading is wrapped in a column of at least its longest
    word, and the outcome column is as wide as its longest outcome ("Hoàn thành đúng hạn")."""
    report = MonthReport(2023, 1, date(2023, 2, 1), VIETNAM_TZ)
    report.lines = [AgencyLine("Sở Tài chính", on_time=1)]
    texts = Texts("vi")

    book = load_workbook(io.BytesIO(report_files.workbook(report, texts)))

    for sheet, heading_row in ((book["Tổng hợp"], 2), (book["Nhiệm vụ"], 1)):
        for cell in sheet[heading_row]:
            assert isinstance(cell.value, str)
            width = sheet.column_dimensions[cell.column_letter].width
            longest_word = max(len(word) for word in cell.value.split())
            fits = len(cell.value) <= width or (cell.alignment.wrap_text and longest_word <= width)
            assert fits, (sheet.title, cell.value, width)
    outcomes = [texts(f"report_{outcome}") for outcome in report_files.OUTCOMES]
    assert book["Nhiệm vụ"].column_dimensions["E"].width >= max(map(len, outcomes))


async def test_a_month_in_which_a_period_was_closed_is_reported(bot: Harness) -> None:
    lan, finance, bang, office = await _finance_and_coordinator(bot)
    monthly = await _monthly_of_finance(bot, "Báo cáo tháng về thu ngân sách", date(2023, 1, 20))
    bot.at(date(2023, 1, 18))
    await bot.say(lan, finance, f"/done {monthly.id} đã gửi báo cáo tháng 1")
    bot.at(date(2023, 2, 1))

    chart, _ = await bot.say(bang, office, "/report 01/2023", replies=2)

    assert chart["caption"].startswith("📊 Tháng 01/2023: 1 nhiệm vụ đến hạn — 1 đúng hạn,")
    (document,) = [c.params["document"] for c in bot.server.calls("sendDocument")]
    (row,) = task_rows(document.content)
    assert row[3:] == (
        date(2023, 1, 20),  # the period's deadline; the task is due 20/02 now
        "Hoàn thành đúng hạn",
        date(2023, 1, 18),
        "đã gửi báo cáo tháng 1",
        None,  # not extended
    )


async def test_each_period_of_a_weekly_duty_shows_its_own_deadline_and_closing(
    db: Database,
) -> None:
    now = datetime(2023, 1, 2, 9, tzinfo=VIETNAM_TZ)
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=CATALOGUE, now=now)
        weekly = await tasks.assign_task(
            session=session,
            text="Báo cáo tuần tình hình dịch bệnh",
            lead="SYT",
            deadline=date(2023, 1, 6),
            recurrence="weekly",
            now=now,
        )
        assert weekly.id is not None
        for closed_on in (date(2023, 1, 5), date(2023, 1, 14)):  # on time, then a day late
            moment = datetime.combine(closed_on, time(10), VIETNAM_TZ)
            await tasks.mark_done(
                session=session, task_id=weekly.id, actor=1, note=None, now=moment, today=closed_on
            )
        # The weeks of 20 and 27 January pass unreported, the first chased after Tết: missed,
        # and the duty moves on.
        for today in (date(2023, 1, 27), date(2023, 2, 1)):
            await tasks.roll_missed_periods(session=session, today=today, lead_days=7, now=now)
    async with db.session() as session:
        result = await reports.month_report(
            session=session, year=2023, month=1, today=date(2023, 2, 1), tz=VIETNAM_TZ
        )
        periods = await tasks.periods(session=session, task_id=weekly.id)

    # Read back as the enum the model declares, not as the string stored.
    assert [type(period.outcome) for period in periods] == [PeriodOutcome] * 4

    rows = task_rows(report_files.workbook(result, Texts("vi")))
    assert [row[3:6] for row in rows] == [
        (date(2023, 1, 6), "Hoàn thành đúng hạn", date(2023, 1, 5)),
        (date(2023, 1, 13), "Hoàn thành quá hạn", date(2023, 1, 14)),
        (date(2023, 1, 20), "Quá hạn chưa hoàn thành", None),
        (date(2023, 1, 27), "Quá hạn chưa hoàn thành", None),
    ]
    (line,) = result.lines
    assert (line.on_time, line.late, line.overdue, line.pending) == (1, 1, 2, 0)


async def test_the_periods_of_a_duty_still_to_come_are_counted_in_their_month(
    db: Database,
) -> None:
    """Seen on 06/01: the weekly report's other Fridays are due in January, the monthly one's
    next period in February."""
    now = datetime(2023, 1, 6, 9, tzinfo=VIETNAM_TZ)
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=CATALOGUE, now=now)
        for text, deadline, every in (
            ("Báo cáo tuần", date(2023, 1, 6), "weekly"),
            ("Báo cáo tháng", date(2023, 1, 31), "monthly"),
        ):
            await tasks.assign_task(
                session=session, text=text, lead="SYT", deadline=deadline, recurrence=every, now=now
            )
    async with db.session() as session:
        january = await reports.month_report(
            session=session, year=2023, month=1, today=date(2023, 1, 6), tz=VIETNAM_TZ
        )
        february = await reports.month_report(
            session=session, year=2023, month=2, today=date(2023, 1, 6), tz=VIETNAM_TZ
        )

    assert [(row.view.task.text, row.deadline) for row in january.tasks] == [
        ("Báo cáo tuần", date(2023, 1, 6)),
        ("Báo cáo tuần", date(2023, 1, 13)),
        ("Báo cáo tuần", date(2023, 1, 20)),
        ("Báo cáo tuần", date(2023, 1, 27)),
        ("Báo cáo tháng", date(2023, 1, 31)),
    ]
    assert january.total.pending == 5
    assert [(row.view.task.text, row.deadline) for row in february.tasks] == [
        ("Báo cáo tuần", date(2023, 2, 3)),
        ("Báo cáo tuần", date(2023, 2, 10)),
        ("Báo cáo tuần", date(2023, 2, 17)),
        ("Báo cáo tuần", date(2023, 2, 24)),
        ("Báo cáo tháng", date(2023, 2, 28)),
    ]


async def test_a_deadline_on_a_day_off_is_met_on_the_next_working_day(db: Database) -> None:
    """Sunday 31/03/2024: the time limit ends on Monday 01/04 (Civil Code, art. 148.5). Work
    handed in that Monday is on time, and the task is overdue only from Tuesday."""
    now = datetime(2024, 3, 1, 9, tzinfo=VIETNAM_TZ)
    monday, tuesday = date(2024, 4, 1), date(2024, 4, 2)
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=CATALOGUE, now=now)
        ids = {}
        for text, every in (
            ("Báo cáo quý I", None),
            ("Báo cáo tháng", "monthly"),
            ("Kế hoạch chưa nộp", None),
        ):
            added = await tasks.assign_task(
                session=session,
                text=text,
                lead="SYT",
                deadline=date(2024, 3, 31),
                recurrence=every,
                now=now,
            )
            assert added.id is not None
            ids[text] = added.id
        on_monday = datetime.combine(monday, time(16), VIETNAM_TZ)
        for text in ("Báo cáo quý I", "Báo cáo tháng"):
            await tasks.mark_done(
                session=session, task_id=ids[text], actor=1, note=None, now=on_monday, today=monday
            )
    async with db.session() as session:
        overdue_monday = await tasks.overdue_by_agency(session=session, today=monday)
        overdue_tuesday = await tasks.overdue_by_agency(session=session, today=tuesday)
        march = await reports.month_report(
            session=session, year=2024, month=3, today=tuesday, tz=VIETNAM_TZ
        )
        (monthly,) = await tasks.periods(session=session, task_id=ids["Báo cáo tháng"])

    assert overdue_monday == {}
    assert [v.task.text for v in overdue_tuesday["Sở Y tế"]] == ["Kế hoạch chưa nộp"]
    assert monthly.outcome == PeriodOutcome.ON_TIME
    assert [(row.view.task.text, row.outcome) for row in march.tasks] == [
        ("Báo cáo quý I", "on_time"),
        ("Báo cáo tháng", "on_time"),
        ("Kế hoạch chưa nộp", "overdue"),
    ]
    texts = Texts("vi")
    assert texts.when(date(2024, 3, 31), date(2024, 3, 29)) == (
        "hạn 31/03/2024 (ngày nghỉ, tính đến hết 01/04/2024), còn 3 ngày"
    )
    assert texts.when(date(2024, 3, 31), monday).endswith(", hôm nay")
    assert texts.when(date(2024, 3, 31), tuesday).endswith(", quá hạn 1 ngày")


async def test_an_extended_task_shows_the_deadline_it_had_before(bot: Harness) -> None:
    """A task extended twice, 15/03 to 30/04 then to 15/05, is reported in May with the deadline
    it was first given beside its own; a task never extended leaves that cell empty."""
    lan, finance, bang, office = await _finance_and_coordinator(bot)
    extended = await bot.add_task("Đề án chuyển đổi số", "STC", date(2023, 3, 15))
    await bot.add_task("Báo cáo tháng 5", "STC", date(2023, 5, 10))
    for request, new_deadline in enumerate(("30/04/2023", "15/05/2023"), start=1):
        await _extended(bot, [lan, finance, bang, office], extended, new_deadline, request)

    await bot.say(bang, office, "/report 05/2023", replies=2)

    (document,) = [c.params["document"] for c in bot.server.calls("sendDocument")]
    assert [(row[2], row[3], row[-1]) for row in task_rows(document.content)] == [
        ("Báo cáo tháng 5", date(2023, 5, 10), None),
        ("Đề án chuyển đổi số", date(2023, 5, 15), date(2023, 3, 15)),
    ]
    heading = load_workbook(io.BytesIO(document.content))["Nhiệm vụ"]["H1"].value
    assert heading == "Hạn trước khi gia hạn"


async def test_an_extended_period_of_a_monthly_duty_shows_its_day_by_the_schedule(
    bot: Harness,
) -> None:
    """May's report of a monthly duty extended from 05/05 to 12/05: the period, done on 11/05,
    was due 12/05, 05/05 by the schedule."""
    lan, finance, bang, office = await _finance_and_coordinator(bot)
    monthly = await _monthly_of_finance(bot, "Báo cáo tháng", date(2023, 5, 5))
    bot.at(date(2023, 5, 2))
    await _extended(bot, [lan, finance, bang, office], monthly.id, "12/05/2023", 1)
    bot.at(date(2023, 5, 11))
    await bot.say(lan, finance, f"/done {monthly.id}")

    await bot.say(bang, office, "/report 05/2023", replies=2)

    (document,) = [c.params["document"] for c in bot.server.calls("sendDocument")]
    (row,) = task_rows(document.content)
    assert (row[3], row[4], row[-1]) == (date(2023, 5, 12), "Hoàn thành đúng hạn", date(2023, 5, 5))


async def _finance_and_coordinator(bot: Harness) -> list[JSON]:
    """Lan in the finance group, Bằng the coordinator in private."""
    lan, bang = bot.server.add_user("Lan"), bot.server.add_user("Bằng")
    finance, office = bot.server.add_group("Sở Tài chính", [lan]), bot.server.add_private_chat(bang)
    await bot.register(lan, finance, "STC")
    await bot.register(bang, office, None, Role.COORDINATOR)
    return [lan, finance, bang, office]


async def _monthly_of_finance(bot: Harness, text: str, deadline: date) -> Task:
    async with bot.database.session() as session:
        return await tasks.assign_task(
            session=session,
            text=text,
            lead="STC",
            deadline=deadline,
            recurrence="monthly",
            now=bot.clock.now(),
        )


async def _extended(
    bot: Harness, people: list[JSON], task_id: int | None, new_deadline: str, request: int
) -> None:
    """Lan asks for a later deadline and Bằng approves request number `request`; Lan has heard
    of it when this returns."""
    lan, finance, bang, office = people
    await bot.say(lan, finance, f"/extend {task_id} {new_deadline} chờ ý kiến của Bộ")
    notice = (await bot.server.wait_for_messages(1, chat_id=office["id"]))[-1]
    told = len(bot.server.sent_messages(finance["id"]))
    await bot.press(bang, office, notice, f"approve:{request}")
    await bot.server.wait_for_messages(told + 1, chat_id=finance["id"])
