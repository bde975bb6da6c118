"""Every message, in both languages: the same placeholders, and HTML that Telegram accepts."""

from __future__ import annotations

import ast
import re
import string
from datetime import UTC, date, datetime
from html import escape
from pathlib import Path

import pytest

from bot.delivery import task_buttons
from bot.handlers import _REFUSALS, MAX_ID
from bot.importing import plan_import
from bot.telegram_html import parse_html, utf16_len
from bot.telegram_server import MAX_CALLBACK_ANSWER_LENGTH
from bot.texts import (
    CATALOGUE,
    CLI,
    COMMANDS,
    DEADLINE_KINDS,
    IMPORT_TITLE_PREVIEW,
    MAX_MESSAGE,
    RECURRENCE_NAMES,
    Section,
    Texts,
    import_preview,
    split_message,
)
from ingest.agencies import Catalogue
from ingest.deadlines import KINDS
from ingest.pipeline import DATE_SOURCES, WARNINGS, DraftWarning, read_directive
from ingest.text import MESSAGES as UNREADABLE
from jobs.policy import Urgency
from jobs.sweep import Digest, DigestItem
from storage.models import Agency, Task, TaskStatus
from storage.tasks import TaskView
from vncalendar.recurrence import Recurrence

HOSTILE = '<b>Sở & Ban</b> "x" <script>'


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_take_the_same_values(key: str) -> None:
    vietnamese, english = CATALOGUE[key]

    assert vietnamese and english
    assert _placeholders(vietnamese) == _placeholders(english)


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_message_is_valid_telegram_html_even_with_hostile_values(
    language: str, key: str
) -> None:
    template = CATALOGUE[key][0 if language == "vi" else 1]
    values = dict.fromkeys(_placeholders(template), HOSTILE)

    parsed = parse_html(Texts(language)(key, **values))  # raises on markup Telegram refuses

    assert ("<script>" in parsed.text) == bool(values)  # user text arrives as text, not markup


def test_vietnamese_is_the_default_and_english_an_option() -> None:
    assert Texts()("tasks_empty") == "Không có nhiệm vụ nào đang mở. 👍"
    assert Texts("en")("tasks_empty") == "No open tasks. 👍"
    assert (
        Texts("en").help().splitlines()[1]
        == f"/{COMMANDS[0].name} (/{COMMANDS[0].alias}) — {COMMANDS[0].en}"
    )


def test_every_reason_a_file_cannot_be_read_has_words_in_both_languages() -> None:
    for code in UNREADABLE:
        assert Texts("vi")(f"unreadable_{code}", limit="5 MB") == UNREADABLE[code].format(
            limit="5 MB"
        )
        assert Texts("en")(f"unreadable_{code}", limit="5 MB")


def test_every_warning_of_the_importer_has_words_in_both_languages() -> None:
    """In Vietnamese, the importer's own words (those the command line prints), escaped; in
    English, other words, for every code and every source of a date of issue guessed (a
    warning kept as words alone is shown as written in both)."""
    warnings = [
        DraftWarning(
            code,
            date=date(2024, 3, 1),
            source=source,
            count=2,
            names=("Sở Du lịch", "Sở KH&ĐT"),
            written="Cơ quan chưa có trong danh mục: Sở KH&ĐT.",
        )
        for code in WARNINGS
        for source in (DATE_SOURCES if code == "issue_date_guessed" else [""])
    ]

    for warning in warnings:
        vietnamese = Texts("vi").warning(warning)
        assert vietnamese == escape(warning.message_vi, quote=False)
        assert (Texts("en").warning(warning) == vietnamese) == (warning.code == "as_written")
    assert Texts("en").warning(DraftWarning("issue_date_guessed", date(2020, 3, 1), "month")) == (
        "The document gives no date of issue; deadlines are counted from 01/03/2020 (the "
        "document gives only the month, 03/2020) for now. Check it."
    )


def test_english_counts_one_in_the_singular() -> None:
    english = Texts("en")
    assert english("days_left", days=1) == "1 day left"
    assert english("days_left", days=21) == "21 days left"
    assert english("done_late", days=1) == " (1 day late)"
    assert english("button_save", count=1) == "💾 Save 1 task"
    assert english.plain("days_late", days=1) == "1 day late"
    assert Texts("vi")("days_left", days=1) == "còn 1 ngày"


def test_split_message_never_exceeds_the_limit_or_cuts_a_block() -> None:
    blocks = [f"<b>#{n}</b> " + "việc " * 40 for n in range(100)]

    chunks = split_message("<b>Tiêu đề</b>", blocks, limit=1000)

    assert all(len(chunk) <= 1000 for chunk in chunks)
    assert all(chunk.startswith("<b>Tiêu đề</b>") for chunk in chunks)
    assert "".join(chunks).count("<b>#") == 100
    for chunk in chunks:
        parse_html(chunk)


def test_a_long_block_is_cut_near_the_end_of_the_room_not_at_an_early_line_break() -> None:
    block = "Nhiệm vụ số 1\n" + "Triển khai thực hiện " * 30

    first, *_ = split_message("", [block], limit=200)

    assert first.startswith("Nhiệm vụ số 1\nTriển khai") and len(first) > 150
    assert first.split()[-1] in {"Triển", "khai", "thực", "hiện"}  # at a space, not in a word


def _texts_of(chunks: list[str], title: str) -> str:
    """What the chunks say under their title, joined: checks each chunk parses on its own."""
    heading = parse_html(title).text + "\n" if title else ""
    said = [parse_html(chunk).text for chunk in chunks]
    assert all(text.startswith(heading) for text in said)
    return "".join(text.removeprefix(heading) for text in said)


@pytest.mark.parametrize("room", range(20, 70))
def test_a_block_longer_than_a_message_is_cut_outside_tags_and_entities(room: int) -> None:
    title = "<b>Tiêu đề</b>"
    block = "<b>Sở A &amp; Sở B</b> <code>/fix 1 han</code> &lt;x&gt; " * 4  # no line breaks
    limit = len(title) + 1 + room

    chunks = split_message(title, [block], limit=limit)

    assert len(chunks) > 1
    assert all(len(chunk) <= limit for chunk in chunks)
    assert _texts_of(chunks, title) == parse_html(block).text


def test_a_title_longer_than_a_message_is_cut_like_a_block() -> None:
    title = "<b>" + "Kết luận của Chủ tịch &amp; Phó Chủ tịch " * 5 + "</b>"
    blocks = ["<b>1.</b> Sở Tài chính", "<b>2.</b> Sở Y tế"]

    chunks = split_message(title, blocks, limit=100)

    assert all(len(chunk) <= 100 for chunk in chunks)
    said = "".join(parse_html(chunk).text.replace("\n", "") for chunk in chunks)
    assert said == parse_html("".join([title, *blocks])).text


@pytest.mark.parametrize("limit", [-1, 0, 1, 2, 5])
def test_split_message_ends_even_without_room_for_a_character(limit: int) -> None:
    chunks = split_message("", ["<b>Sở &amp; Ban</b>"], limit=limit)

    assert "".join(parse_html(chunk).text for chunk in chunks) == "Sở & Ban"


@pytest.mark.parametrize("limit", range(150, 400, 7))
def test_a_section_heading_goes_with_its_first_block_and_again_where_the_section_goes_on(
    limit: int,
) -> None:
    title = "<b>Tiêu đề</b>"
    sections = [
        Section(f"\n<b>{name}</b>", [f"<b>#{n}</b> việc\n    ⏰ hạn" for n in range(8)], f"~{name}")
        for name in ("Quá hạn", "Sắp đến hạn")
    ]

    chunks = split_message(title, ["Mở đầu", *sections], limit=limit)

    assert all(len(chunk) <= limit for chunk in chunks)
    said = []
    for chunk in chunks:
        parse_html(chunk)
        lines = chunk.split("\n")
        assert lines[-1].startswith("    ⏰"), chunk  # no heading, no task left without its line
        heading = next(line for line in lines[1:] if line)
        assert heading.startswith(("Mở đầu", "~", "<b>Sắp đến hạn</b>")), chunk
        said += [line for line in lines if line.startswith("<b>#")]
    assert len(said) == 16


def test_a_section_whose_heading_would_crowd_out_its_blocks_is_split_like_blocks() -> None:
    section = Section("<b>" + "Sở " * 40 + "</b>", ["<b>#1</b> việc", "<b>#2</b> việc"], "~")

    chunks = split_message("", [section], limit=100)

    assert all(len(chunk) <= 100 for chunk in chunks)
    said = "".join(parse_html(chunk).text.replace("\n", "") for chunk in chunks)
    assert said == parse_html(section.heading).text + "#1 việc#2 việc"


def test_details_say_a_duty_is_periodic() -> None:
    task = Task(
        id=7,
        text="Báo cáo tình hình thu ngân sách",
        deadline=date(2023, 1, 16),
        recurrence=Recurrence.MONTHLY,
        created_at=datetime(2023, 1, 2, tzinfo=UTC),
        updated_at=datetime(2023, 1, 2, tzinfo=UTC),
    )
    view = TaskView(task, None, (), None)

    for language, words in (("vi", "Lặp lại: định kỳ hằng tháng"), ("en", "Repeats: every month")):
        assert words in Texts(language).detail(view, date(2023, 1, 5), UTC).split("\n")


def test_details_of_a_closed_task_give_its_deadline_without_counting_days() -> None:
    """Done on time in January, it is not "120 days late" when looked at in May."""
    task = Task(
        id=8,
        text="Ban hành Kế hoạch",
        deadline=date(2023, 1, 31),
        status=TaskStatus.DONE,
        done_at=datetime(2023, 1, 30, 3, tzinfo=UTC),
        created_at=datetime(2023, 1, 2, tzinfo=UTC),
        updated_at=datetime(2023, 1, 30, tzinfo=UTC),
    )

    lines = Texts().detail(TaskView(task, None, (), None), date(2023, 5, 31), UTC).split("\n")

    assert "⏰ hạn 31/01/2023" in lines
    assert "Trạng thái: đã hoàn thành ngày 30/01/2023" in lines


def test_the_preview_shows_the_beginning_of_a_very_long_title() -> None:
    text = (
        "Số: 12/TB-VP\nTHÔNG BÁO\n"
        + "KẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH VỀ KINH TẾ & XÃ HỘI " * 40
        + "\nNgày 05 tháng 01 năm 2023\n1. Giao Sở Y tế rà soát, báo cáo trước ngày 15/3/2023.\n"
    )
    draft = read_directive(text.encode(), "thong-bao.txt", catalogue=Catalogue([]))

    (preview,) = import_preview(Texts(), plan_import(draft, []))

    title = parse_html(preview).text.splitlines()[1]
    assert title.startswith("KẾT LUẬN CỦA CHỦ TỊCH UBND TỈNH VỀ KINH TẾ & XÃ HỘI")
    assert title.endswith("…") and len(title) <= IMPORT_TITLE_PREVIEW


def test_the_preview_warns_of_a_deadline_before_the_document_itself() -> None:
    text = (
        "Số: 12/KH-UBND\nLai Châu, ngày 07 tháng 02 năm 2024\nKẾ HOẠCH\nChuyển đổi số\n"
        "TT | Nội dung | Cơ quan chủ trì | Thời gian\n"
        "1 | Rà soát | Sở Y tế | 2023\n"
        "2 | Kiểm tra | Sở Y tế | Quý II/2024\n"
    )
    draft = read_directive(text.encode(), "ke-hoach.txt", catalogue=Catalogue([]))
    (preview,) = import_preview(Texts(), plan_import(draft, []))
    task_one, task_two = preview.split("\n<b>2.</b> ")
    assert "⚠️ hạn trước ngày ban hành văn bản, kiểm tra lại: " in task_one
    assert "hạn trước ngày ban hành" not in task_two


def test_every_recurrence_and_every_kind_of_deadline_has_a_name() -> None:
    assert set(RECURRENCE_NAMES) == {r.value for r in Recurrence}
    assert Texts().every("monthly") == "định kỳ hằng tháng"
    assert Texts("en").every("quarterly") == "every quarter"
    assert set(DEADLINE_KINDS) == set(KINDS)


@pytest.mark.parametrize("key", sorted(CLI))
def test_the_command_line_prints_plain_text(key: str) -> None:
    assert not re.search(r"</?[a-z]+>|&[a-z]+;", CLI[key])


def test_every_part_of_a_digest_fits_a_message_its_footer_included() -> None:
    # Digests of 1 to 80 tasks: for some the last part is nearly full before its footer.
    texts = Texts("vi")
    today = date(2023, 3, 8)
    now = datetime(2023, 3, 1, 8, 0, tzinfo=UTC)

    def task(n: int) -> Task:
        text = f"Nhiệm vụ {n}: " + "rà soát, báo cáo kết quả " * (n % 7 + 1)
        return Task(id=n, text=text, deadline=date(2023, 3, 15), created_at=now, updated_at=now)

    for count in range(1, 81):
        items = [
            DigestItem(TaskView(task(n), None, (), None), Urgency.SOON, 7, may_close=True)
            for n in range(1, count + 1)
        ]
        parts = texts.digest(Digest(items, today))
        assert all(len(part) <= MAX_MESSAGE for part in parts), count
        assert parts[-1].endswith("hoặc gõ <code>/done SỐ ghi chú</code>.")


FINANCE = Agency(id=1, name="Sở Tài chính", created_at=datetime(2023, 1, 2, 2, tzinfo=UTC))


def _overdue_and_soon(overdue: int, soon: int, words: str = "") -> list[DigestItem]:
    """Finance's tasks for a digest of 01/02/2023: overdue ones due 03/01, then soon ones due
    08/02, each task's text its number and words."""
    today, now = date(2023, 2, 1), FINANCE.created_at
    items = []
    for n in range(1, overdue + soon + 1):
        urgency = Urgency.OVERDUE if n <= overdue else Urgency.SOON
        deadline = date(2023, 1, 3) if urgency is Urgency.OVERDUE else date(2023, 2, 8)
        text = f"Báo cáo kết quả thực hiện nhiệm vụ số {n}" + words
        task = Task(id=n, text=text, deadline=deadline, created_at=now, updated_at=now)
        view = TaskView(task, FINANCE, (), None)
        items.append(DigestItem(view, urgency, (deadline - today).days, may_close=True))
    return items


def test_overdue_lists_by_agency_keep_each_task_whole_whatever_their_length() -> None:
    """The same for every count of one agency's overdue tasks, in /overdue and in the
    coordinators' escalation digest (both list tasks under their agency)."""

    today = date(2023, 2, 1)
    broken = []
    for count in range(20, 121):
        items = _overdue_and_soon(count, 0)
        views = [item.view for item in items]
        texts = Texts("vi")
        for kind, parts in (
            ("/overdue", texts.overdue({FINANCE.name: views}, today)),
            ("escalation", texts.digest(Digest(items, today, escalation=True))),
        ):
            for part in parts:
                lines = part.split("\n")
                for number, line in enumerate(lines):
                    if line.lstrip().startswith("⏰") and not lines[number - 1].startswith("<b>#"):
                        broken.append((kind, count, lines[:3]))
    assert broken == [], broken[:3]


def test_a_long_digest_never_ends_a_message_with_an_empty_section_heading() -> None:
    """Overdue and soon-due tasks that fill more than one message (32 overdue and 10 due in a
    week, say): the "Sắp đến hạn" heading must never be left alone at the foot of one message,
    its tasks headless in the next. Told for every count from 10 to 80 overdue tasks, so that
    the lengths of the lines do not decide."""

    today = date(2023, 2, 1)
    headings = ("Quá hạn", "Đến hạn hôm nay", "Sắp đến hạn")
    orphans = []
    for overdue in range(10, 81):
        items = _overdue_and_soon(overdue, 10, " về công tác" * 3)
        for part in Texts("vi").digest(Digest(items, today)):
            lines = [line for line in part.split("\n") if line.strip()]
            for number, line in enumerate(lines):
                if line.removeprefix("<b>").removesuffix("</b>") in headings:
                    following = lines[number + 1] if number + 1 < len(lines) else ""
                    if not following.startswith("<b>#"):
                        orphans.append((overdue, line, part[-120:]))
    assert orphans == [], orphans[:3]


# Pop-ups whose key the scan below cannot read, being chosen in the code: the two answers of an
# extension request that expired (bot/extensions.py decide_button), and the refusals
# decide_extension raises there.
_POP_UPS_CHOSEN = {
    "extension_lapsed_alert",
    "extension_expired",
    "coordinators_only",
    "request_not_found",
    "already_decided",
}


def _pop_ups() -> set[str]:
    """Every text the bot shows in a button's pop-up (handlers.answer_press with an alert): the
    keys written where it is called, and those it chooses (_POP_UPS_CHOSEN)."""
    refusals = {error.__name__: key for error, key in _REFUSALS.items()}
    found = set(_POP_UPS_CHOSEN)
    for source in (Path(__file__).parents[1] / "bot").glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and ast.unparse(node.func) == "answer_press"):
                continue
            if len(node.args) < 2 or not isinstance(alert := node.args[1], ast.Call):
                continue
            first = alert.args[0] if alert.args else None
            key = first.value if isinstance(first, ast.Constant) else None
            if ast.unparse(alert.func).endswith("texts") and isinstance(key, str):
                found.add(key)
            elif ast.unparse(alert.func) == "refusal" and isinstance(alert.args[1], ast.Call):
                found.add(refusals[ast.unparse(alert.args[1].func)])
    return found


def test_every_pop_up_fits_telegrams_200_characters_whatever_its_values() -> None:
    """Telegram refuses a button's pop-up (answerCallbackQuery, show_alert) longer than 200
    characters: the officer would see nothing, or the words in the chat instead."""
    pop_ups = _pop_ups()
    assert {"bad_button", "import_saved_meanwhile", "extension_lapsed_alert"} <= pop_ups
    longest = {"task_id": MAX_ID, "new": "31/12/2026", "old": "31/12/2026"}
    for key in sorted(pop_ups):
        for language in ("vi", "en"):
            template = CATALOGUE[key][language == "en"]
            text = Texts(language)(key, **{n: longest[n] for n in _placeholders(template)})
            assert "<" not in text, (key, language, text)  # a pop-up shows no markup
            assert utf16_len(text) <= MAX_CALLBACK_ANSWER_LENGTH, (key, language, text)


def test_a_task_shown_beside_its_missed_period_gets_one_row_of_buttons_for_the_open_one() -> None:
    # The sweep escalates February, recorded missed, beside March, the period now open.
    now = datetime(2023, 1, 2, tzinfo=UTC)
    march = Task(
        id=7,
        text="Báo cáo tình hình thu ngân sách",
        deadline=date(2023, 3, 16),
        scheduled_deadline=date(2023, 3, 15),
        recurrence=Recurrence.MONTHLY,
        created_at=now,
        updated_at=now,
    )
    february = march.model_copy(
        update={"deadline": date(2023, 2, 15), "scheduled_deadline": date(2023, 2, 15)}
    )
    views = [TaskView(february, None, (), None), TaskView(march, None, (), None)]

    markup = task_buttons(Texts("vi"), views, may_close={7})

    assert markup is not None
    assert [[b.callback_data for b in row] for row in markup.inline_keyboard] == [
        ["done:7:20230315", "ext:7", "info:7"]
    ]
