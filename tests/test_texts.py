"""Every message, in both languages: the same placeholders, and HTML that Telegram accepts."""

from __future__ import annotations

import re
import string

import pytest

from bot.importing import plan_import
from bot.telegram_html import parse_html
from bot.texts import (
    CATALOGUE,
    CLI,
    COMMANDS,
    DEADLINE_KINDS,
    RECURRENCE_NAMES,
    Texts,
    import_preview,
    split_message,
)
from ingest.agencies import Catalogue
from ingest.deadlines import KINDS
from ingest.pipeline import read_directive
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


def test_split_message_never_exceeds_the_limit_or_cuts_a_block() -> None:
    blocks = [f"<b>#{n}</b> " + "việc " * 40 for n in range(100)]

    chunks = split_message("<b>Tiêu đề</b>", blocks, limit=1000)

    assert all(len(chunk) <= 1000 for chunk in chunks)
    assert all(chunk.startswith("<b>Tiêu đề</b>") for chunk in chunks)
    assert "".join(chunks).count("<b>#") == 100
    for chunk in chunks:
        parse_html(chunk)


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
