"""The command line, as an administrator uses it: each command, and one clear line on bad input."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from telegram.error import NetworkError

from bot import cli as cli_module
from bot import importing
from bot.telegram_server import Fault, TelegramServer
from storage import access, agencies
from storage.db import Database, sync_url
from storage.migrate import current_revision, upgrade
from storage.models import Role
from tests.conftest import NOW, POSTGRES_ADMIN_URL, SAMPLE, Cli
from tests.harness import stop_service
from tests.plans import LETTER, food_safety_plan
from tests.test_ingest_text import make_pdf

CATALOGUE = """name,short_name,aliases
Sở Tài chính,STC,Sở Kế hoạch và Đầu tư; Sở KH&ĐT
Sở Y tế,SYT,
"""


TOKEN = "7123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"  # looks real; nothing is sent with it


@pytest.fixture(autouse=True)
def agencies_csv(tmp_path: Path) -> None:
    """CATALOGUE as agencies.csv, in the folder the cli fixture runs `nhacviec` in."""
    (tmp_path / "agencies.csv").write_text(CATALOGUE, encoding="utf-8")


def test_agencies_are_imported_once_and_listed(cli: Cli) -> None:
    assert cli("agencies", "import", "agencies.csv") == (
        0,
        "Đã thêm 2 đơn vị, cập nhật 0; tệp có 2 đơn vị.\n",
        "",
    )
    assert (
        cli("agencies", "import", "agencies.csv")[1]
        == "Đã thêm 0 đơn vị, cập nhật 0; tệp có 2 đơn vị.\n"
    )

    code, out, _ = cli("agencies", "list")

    assert code == 0
    assert out.splitlines() == [
        "   1  Sở Tài chính  [STC]  (Sở Kế hoạch và Đầu tư; Sở KH&ĐT)",
        "   2  Sở Y tế  [SYT]",
    ]


def test_an_invite_prints_a_code_and_a_deep_link(cli: Cli) -> None:
    cli("agencies", "import", "agencies.csv")

    code, out, _ = cli("invite", "so ke hoach va dau tu", "--role", "head")

    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "Mã mời của Sở Tài chính (vai trò: lãnh đạo đơn vị), dùng một lần, có hiệu lực 7 ngày."
    )
    invite_code = lines[1].removeprefix("Mã: ")
    assert re.fullmatch(r"[A-Za-z0-9_-]{16}", invite_code)
    assert lines[2] == f"Đường link: https://t.me/tinh_nhacviec_bot?start={invite_code}"
    assert lines[3] == f"Trong nhóm, gõ: /register {invite_code}"


def test_a_coordinators_invite_without_a_username_says_how_to_get_the_link(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NHACVIEC_BOT_USERNAME")

    code, out, _ = cli("invite", "--role", "coordinator", "--days", "3")

    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Mã mời (vai trò: theo dõi nhiệm vụ), dùng một lần, có hiệu lực 3 ngày."
    assert lines[2] == "Đường link: ghi [bot] username trong tệp cấu hình để có link t.me"


def test_a_coordinators_invite_names_no_agency(cli: Cli) -> None:
    """A coordinator sees every agency: an invite "of Sở Tài chính" would hide that."""
    cli("agencies", "import", "agencies.csv")

    code, out, err = cli("invite", "Sở Tài chính", "--role", "coordinator")

    assert (code, out) == (1, "")
    assert err.strip() == (
        "nhacviec: mã mời vai trò theo dõi nhiệm vụ dùng cho cả tỉnh, không gắn với đơn vị nào: "
        "bỏ tên đơn vị đi"
    )


def test_tasks_are_added_by_alias_and_listed_most_urgent_first(cli: Cli) -> None:
    cli("agencies", "import", "agencies.csv")

    assert cli("task", "add", "--agency", "Sở KH&ĐT", "--deadline", "31/01/2023", "Kế hoạch chung")[
        1
    ] == ("Đã thêm nhiệm vụ #1, hạn 31/01/2023.\n")
    assert cli("task", "add", "--agency", "SYT", "--deadline", "2023-01-15", "Phòng dịch")[1] == (
        "Đã thêm nhiệm vụ #2, hạn 15/01/2023.\n"
    )
    assert (
        cli("task", "add", "--agency", "SYT", "Kiểm tra")[1]
        == "Đã thêm nhiệm vụ #3, không có thời hạn.\n"
    )
    monthly = ("task", "add", "--agency", "STC", "--deadline", "20/02/2023", "--every", "monthly")
    assert (
        cli(*monthly, "Báo cáo")[1] == "Đã thêm nhiệm vụ #4, hạn 20/02/2023, định kỳ hằng tháng.\n"
    )
    code, out, _ = cli("tasks", "list")

    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == ["#2", "#1", "#4", "#3"]
    assert re.fullmatch(
        r"#1    hạn 31/01/2023, quá hạn \d+ ngày +Sở Tài chính: Kế hoạch chung", lines[1]
    )
    assert lines[3] == "#3    không có thời hạn               Sở Y tế: Kiểm tra"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("task", "add", "--agency", "STC", "--deadline", "31/02/2023", "x"),
            "không có ngày 31/02/2023",
        ),
        (
            ("task", "add", "--agency", "STC", "--deadline", "tháng sau", "x"),
            "“tháng sau” không phải là ngày: viết dd/mm/yyyy hoặc YYYY-MM-DD",
        ),
        (
            ("task", "add", "--agency", "Sở Ngoại vụ", "x"),
            "Không có đơn vị nào tên “Sở Ngoại vụ” trong danh mục.",
        ),
        (("invite", "Sở Ngoại vụ"), "Không có đơn vị nào tên “Sở Ngoại vụ” trong danh mục."),
        (("invite",), "hãy ghi tên đơn vị, hoặc dùng --role coordinator"),
        (
            ("task", "add", "--agency", "STC", "--every", "monthly", "x"),
            "--every cần có --deadline: hạn của kỳ đầu tiên",
        ),
        (("agencies", "import", "missing.csv"), "không tìm thấy tệp missing.csv"),
        (("import", "missing.txt"), "không tìm thấy tệp missing.txt"),
        (("import", "."), ". là một thư mục: hãy ghi tên một tệp .txt, .docx, .doc hoặc .pdf"),
        (("import", "agencies.csv", "--map", "Sở Y tế"), "--map viết theo dạng"),
        (("parse-deadline",), "hãy ghi một cụm từ hoặc một câu"),
        (
            ("report", "--month", "01/0000", "--out", "x.xlsx"),
            "“01/0000” không phải là tháng: viết mm/yyyy, năm từ 1945 đến 2100, ví dụ 01/2023",
        ),
        (
            ("report", "--month", "01/0001", "--out", "x.xlsx"),
            "“01/0001” không phải là tháng: viết mm/yyyy, năm từ 1945 đến 2100, ví dụ 01/2023",
        ),
        (
            ("report", "--month", "01/2023", "--out", "reports/x.xlsx"),
            "không ghi được reports/x.xlsx: không có thư mục reports",
        ),
        (
            ("report", "--month", "01/2023", "--out", "."),
            "không ghi được .: đó là một thư mục",
        ),
    ],
)
def test_bad_input_is_one_line_and_a_non_zero_exit(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    cli("agencies", "import", "agencies.csv")

    code, out, err = cli(*args)

    assert code == 1 and out == ""
    assert err.startswith("nhacviec: ") and message in err and err.count("\n") == 1


def test_an_agency_that_two_could_be_is_refused_with_both_names(cli: Cli, tmp_path: Path) -> None:
    cli("db", "upgrade")
    # A catalogue loaded before imports refused a name shared by two agencies.
    with sqlite3.connect(tmp_path / "db" / "n.db") as database:
        database.executemany(
            "INSERT INTO agency (name, short_name, aliases, created_at) "
            "VALUES (?, ?, '[\"Sở cũ\"]', '2023-01-02 02:00:00')",
            [("Sở Tài chính", "STC"), ("Sở Y tế", "SYT")],
        )
    database.close()

    code, _, err = cli("task", "add", "--agency", "Sở cũ", "x")

    assert (code, err) == (
        1,
        "nhacviec: “Sở cũ” có thể là: Sở Tài chính, Sở Y tế. Hãy ghi rõ hơn.\n",
    )


def test_a_bad_catalogue_names_its_line(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "bad.csv").write_text("name,short_name\nSở Y tế,SYT\n,STC\n", encoding="utf-8")

    code, _, err = cli("agencies", "import", "bad.csv")

    assert (code, err) == (1, "nhacviec: bad.csv:3: thiếu tên đơn vị; không lưu đơn vị nào\n")


LISTED = ["   1  Sở Tài chính  [STC]  (Sở Kế hoạch và Đầu tư; Sở KH&ĐT)", "   2  Sở Y tế  [SYT]"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "name,short_name,aliases\nSở Văn hóa, Thể thao và Du lịch,SVHTTDL,Sở VHTTDL\n",
            "new.csv:2: dòng có 4 ô mà tiêu đề chỉ có 3 cột: tên có dấu phẩy phải đặt trong "
            'ngoặc kép, ví dụ "Sở Văn hóa, Thể thao và Du lịch"',
        ),
        (
            "name,short_name,alias\nSở Xây dựng,SXD,Sở Giao thông vận tải\n",
            "new.csv:1: không có cột “alias”: các cột là name, short_name, aliases",
        ),
        (
            "name,short_name,aliases\nSở Xây dựng,SXD,\nSỞ XÂY DỰNG,SXD2,Sở GTVT\n",
            "new.csv:3: “SỞ XÂY DỰNG” đã có ở dòng 2: mỗi đơn vị chỉ một dòng",
        ),
        (
            "name,short_name,aliases\nSở Xây dựng,SXD,\nSở Nội vụ,SXD,\n",
            "new.csv:3: “SXD” đã là tên viết tắt của Sở Xây dựng (dòng 2): "
            "mỗi tên chỉ dùng cho một đơn vị",
        ),
        (
            "name,short_name,aliases\nSở Xây dựng,SXD,Sở Giao thông vận tải\n"
            "Sở Giao thông vận tải,SGTVT,\n",
            "new.csv:3: “Sở Giao thông vận tải” đã là tên gọi khác của Sở Xây dựng (dòng 2): "
            "mỗi tên chỉ dùng cho một đơn vị",
        ),
        (
            "name,short_name,aliases\nSở Nội vụ,SNV,\nSở Xây dựng,STC,\n",
            "new.csv:3: “STC” đã là tên viết tắt của Sở Tài chính trong danh mục: "
            "mỗi tên chỉ dùng cho một đơn vị",
        ),
        (
            "name,short_name,aliases\nSở Kế hoạch và Đầu tư,,\n",
            "new.csv:2: “Sở Kế hoạch và Đầu tư” đã là tên gọi khác của Sở Tài chính trong danh "
            "mục: mỗi tên chỉ dùng cho một đơn vị",
        ),
        (
            "name,short_name,aliases\nSở Xây dựng,SXD,Sở y te\n",
            "new.csv:2: “Sở y te” là tên của một đơn vị khác trong danh mục: "
            "mỗi tên chỉ dùng cho một đơn vị",
        ),
        (  # as Excel saves: a byte order mark, CRLF, blank lines, an empty last row
            "\ufeffname,short_name,aliases\r\n\r\nSở Xây dựng,SXD,\r\n\r\n,,\r\n",
            "new.csv:5: thiếu tên đơn vị",
        ),
    ],
)
def test_a_catalogue_that_would_mislead_is_refused_and_nothing_saved(
    cli: Cli, tmp_path: Path, content: str, message: str
) -> None:
    cli("agencies", "import", "agencies.csv")
    (tmp_path / "new.csv").write_bytes(content.encode("utf-8"))

    code, out, err = cli("agencies", "import", "new.csv")

    assert (code, out, err) == (1, "", f"nhacviec: {message}; không lưu đơn vị nào\n")
    assert cli("agencies", "list")[1].splitlines() == LISTED


def test_a_catalogue_is_checked_as_it_will_stand(cli: Cli, tmp_path: Path) -> None:
    cli("agencies", "import", "agencies.csv")
    # The header as people type it, a quoted comma, and a former name handed from one agency
    # to another in the same file: no two agencies answer to one name once it is loaded.
    (tmp_path / "new.csv").write_text(
        "name, short_name, aliases\n"
        '"Sở Văn hóa, Thể thao và Du lịch",SVHTTDL,Sở VHTTDL\n'
        "Sở Tài chính,STC,Sở KH&ĐT\n"
        "Sở Y tế,SYT,Sở Kế hoạch và Đầu tư\n",
        encoding="utf-8",
    )

    assert cli("agencies", "import", "new.csv")[:2] == (
        0,
        "Đã thêm 1 đơn vị, cập nhật 2; tệp có 3 đơn vị.\n",
    )
    assert cli("agencies", "list")[1].splitlines() == [
        "   1  Sở Tài chính  [STC]  (Sở KH&ĐT)",
        "   3  Sở Văn hóa, Thể thao và Du lịch  [SVHTTDL]  (Sở VHTTDL)",
        "   2  Sở Y tế  [SYT]  (Sở Kế hoạch và Đầu tư)",
    ]


def test_run_without_a_token_says_how_to_get_one(cli: Cli) -> None:
    code, _, err = cli("run")

    assert code == 2
    assert err.startswith("nhacviec: chưa có token của bot Telegram: tạo bot với @BotFather")


def test_db_upgrade_migrates_once(cli: Cli) -> None:
    assert cli("db", "upgrade") == (
        0,
        "Đã nâng cấp cơ sở dữ liệu: 0001, 0002, 0003, 0004, 0005, 0006, 0007, 0008, 0009, 0010, "
        "0011, 0012, 0013, 0014, 0015, 0016, 0017.\n",
        "",
    )
    assert cli("db", "upgrade") == (0, "Cơ sở dữ liệu đã ở phiên bản mới nhất.\n", "")


VERSIONS = Path(__file__).resolve().parents[1] / "storage" / "migrations" / "versions"


def test_db_revision_writes_no_empty_migration_when_the_models_did_not_change(cli: Cli) -> None:
    """`nhacviec db revision` tried on an installation (it is in --help) finds the models as
    the migrations built them: it writes nothing. An empty migration in the installed package
    would be the next start's, and the database, at a revision no release knows, would then
    refuse every upgrade as "migrated by a newer nhacviec"."""
    before = set(VERSIONS.iterdir())
    try:
        code, out, err = cli("db", "revision", "thử xem")
        written = set(VERSIONS.iterdir()) - before
    finally:
        for path in set(VERSIONS.iterdir()) - before:  # never left in the tree, even on failure
            path.unlink()

    assert written == set()
    assert (code, out) == (1, "")
    assert err == (
        "nhacviec: storage/models.py không khác gì cơ sở dữ liệu đã nâng cấp: không có "
        "migration nào để viết\n"
    )


DEMO_AGENCIES = Path(__file__).resolve().parents[1] / "bot" / "demo_data" / "agencies.csv"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    copy = tmp_path / "thong-bao.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    return copy


def test_import_shows_the_tasks_found_and_saves_them_once(cli: Cli, sample: Path) -> None:
    cli("agencies", "import", str(DEMO_AGENCIES))

    code, preview, _ = cli("import", str(sample), "--dry-run")
    assert code == 0
    lines = preview.splitlines()
    assert lines[0] == ("Thông báo kết luận (không số), ngày 05/01/2023, người ký: Đặng Vũ Bằng")
    assert "  2. Sở Tài chính — 31/01/2023\n" in preview  # written "Sở Kế hoạch và Đầu tư"
    assert "     (theo “hoàn thành trong tháng 01/2023”)\n" in preview
    assert "  5. ? — không có thời hạn\n" in preview
    assert (
        "     KHÔNG LƯU: “Tổ Công tác của Chủ tịch UBND tỉnh (Tổ 770)” chưa có trong danh mục: "
        "thêm vào danh mục, hoặc --map 'Tổ Công tác của Chủ tịch UBND tỉnh (Tổ 770)=TÊN ĐƠN VỊ'"
        in lines
    )
    assert lines[-1] == "5 nhiệm vụ sẵn sàng lưu, 10 cần sửa."
    assert cli("tasks", "list")[1] == ""  # a dry run saves nothing

    saved = cli(
        "import",
        str(sample),
        "--yes",
        "--map",
        "Tổ Công tác của Chủ tịch UBND tỉnh (Tổ 770)=VP UBND tỉnh",
    )
    again = cli(
        "import",
        str(sample),
        "--yes",
        "--map",
        "Tổ Công tác của Chủ tịch UBND tỉnh (Tổ 770)=VP UBND tỉnh",
    )

    assert saved[1].splitlines()[-2:] == [
        "Đã lưu (văn bản #1): 6 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước.",
        # The name the officer mapped is the catalogue's from now on.
        "Từ nay “Tổ Công tác của Chủ tịch UBND tỉnh (Tổ 770)” là Văn phòng UBND tỉnh (bỏ: "
        'nhacviec agencies forget "Tổ Công tác của Chủ tịch UBND tỉnh (Tổ 770)")',
    ]
    assert "! đã nhập trước đây (văn bản #1): lưu lần này chỉ thêm nhiệm vụ mới" in again[1]
    assert again[1].splitlines()[-2:] == [
        "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 6 đã có từ trước.",
        "Không có gì để lưu.",
    ]


def test_import_prints_the_importers_warnings_in_vietnamese(cli: Cli, tmp_path: Path) -> None:
    """A letter signed without its day ("ngày    tháng 3 năm 2024"), one task of it given to
    no agency, the other to one the catalogue lacks: each warning is a line of its own."""
    cli("agencies", "import", "agencies.csv")
    letter = tmp_path / "cong-van.txt"
    letter.write_text(
        "Số: 15/UBND-KT\nLai Châu, ngày    tháng 3 năm 2024\n"
        "1. Giao Sở Ngoại vụ rà soát các đoàn công tác, báo cáo trước ngày 20/3/2024.\n"
        "2. Tăng cường kiểm tra an toàn thực phẩm, hoàn thành trong tháng 4/2024.\n",
        encoding="utf-8",
    )

    preview = cli("import", str(letter), "--dry-run")[1]

    assert [line for line in preview.splitlines() if line.startswith("! ")] == [
        "! Văn bản không ghi ngày ban hành; tạm lấy ngày 01/03/2024 (văn bản chỉ ghi tháng "
        "03/2024) làm mốc tính hạn. Hãy kiểm tra lại.",
        "! 1 nhiệm vụ chưa xác định được cơ quan chủ trì.",
        "! Cơ quan chưa có trong danh mục: Sở Ngoại vụ.",
    ]


PLAN = """Số: 12/KH-UBND
Lai Châu, ngày 07 tháng 02 năm 2024
KẾ HOẠCH
Chuyển đổi số
TT | Nội dung | Cơ quan chủ trì | Thời gian
1 | Rà soát hồ sơ | Sở Y tế | {first}
2 | Kiểm tra cơ sở | Sở Tài chính | Quý III/2024
"""


def _answering(monkeypatch: pytest.MonkeyPatch, answer: str) -> list[str]:
    """A terminal where the officer gives this answer to every question; the questions asked."""
    asked: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return answer

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", ask)
    return asked


def _imported_plan(cli: Cli, tmp_path: Path) -> Path:
    """A plan of two tasks, imported and saved once."""
    cli("agencies", "import", "agencies.csv")
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN.format(first="Quý II/2024"), encoding="utf-8")
    cli("import", str(plan), "--yes")
    return plan


def test_importing_an_unchanged_file_again_saves_nothing_and_asks_nothing(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _imported_plan(cli, tmp_path)
    asked = _answering(monkeypatch, "c")

    code, out, _ = cli("import", str(plan))
    with_yes = cli("import", str(plan), "--yes")
    found = json.loads(cli("import", str(plan), "--json")[1])

    assert code == 0 and asked == []
    assert "! đã nhập trước đây (văn bản #1)" in out
    assert out.splitlines()[-3:] == [
        "2 nhiệm vụ sẵn sàng lưu, 0 cần sửa.",
        "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 2 đã có từ trước.",
        "Không có gì để lưu.",
    ]
    assert with_yes[:2] == (0, out)  # --yes saves nothing either
    assert found["would_save"] == {"imported_before": 1, "added": 0, "changed": 0, "unchanged": 2}
    assert len(cli("tasks", "list")[1].splitlines()) == 2


def test_importing_a_file_whose_deadline_moved_saves_only_the_move(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = _imported_plan(cli, tmp_path)
    plan.write_text(PLAN.format(first="Quý IV/2024"), encoding="utf-8")
    asked = _answering(monkeypatch, "c")

    dry_run = cli("import", str(plan), "--dry-run")[1]
    unmoved = cli("tasks", "list")[1]
    saved = cli("import", str(plan))[1]

    would = "Lưu lần này: 0 nhiệm vụ mới, 1 nhiệm vụ đổi hạn, 1 đã có từ trước."
    assert dry_run.splitlines()[-1] == would
    assert "hạn 30/06/2024" in unmoved  # a dry run moves nothing
    assert saved.splitlines()[-2:] == [
        would,
        "Đã lưu (văn bản #1): 0 nhiệm vụ mới, 1 nhiệm vụ đổi hạn, 1 đã có từ trước.",
    ]
    assert asked == ["Lưu 1 nhiệm vụ? [c/K] "]
    listed = cli("tasks", "list")[1]
    assert "hạn 31/12/2024" in listed and "hạn 30/06/2024" not in listed
    assert len(listed.splitlines()) == 2


def test_one_line_of_a_table_for_two_quarters_is_two_tasks_each_known_again(
    cli: Cli, tmp_path: Path
) -> None:
    cli("agencies", "import", "agencies.csv")
    plan = tmp_path / "ke-hoach.txt"
    twice = PLAN + "3 | Rà soát hồ sơ | Sở Y tế | {last}\n"
    plan.write_text(twice.format(first="Quý II/2024", last="Quý IV/2024"), encoding="utf-8")

    saved = cli("import", str(plan), "--yes")[1]
    again = cli("import", str(plan), "--yes")[1]
    plan.write_text(twice.format(first="Quý II/2024", last="Quý III/2024"), encoding="utf-8")
    moved = cli("import", str(plan), "--yes")[1]
    listed = cli("tasks", "list")[1]

    assert saved.splitlines()[-1] == (
        "Đã lưu (văn bản #1): 3 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )
    assert again.splitlines()[-1] == "Không có gì để lưu."
    assert moved.splitlines()[-1] == (
        "Đã lưu (văn bản #1): 0 nhiệm vụ mới, 1 nhiệm vụ đổi hạn, 2 đã có từ trước."
    )
    assert [line[:20] for line in listed.splitlines()] == [
        "#1    hạn 30/06/2024",
        "#2    hạn 30/09/2024",
        "#3    hạn 30/09/2024",
    ]


def test_import_json_of_a_plan_table_with_a_periodic_row_keeps_every_row(
    cli: Cli, tmp_path: Path
) -> None:
    """An officer runs `nhacviec import ke-hoach.txt --dry-run --json` on a plan written as a
    table (as tests/test_cli.py's PLAN), whose first row is due "định kỳ hằng quý" (every
    quarter). The JSON lists both rows as tasks, the first a quarterly duty, as a prose document
    with the same words is read. The next row's number stays that row's: read with "hằng quý" as
    "quý 2" (30/06/2024, not periodic), it would lose the second row, Sở Tài chính's task (the
    same with "hằng tháng": "tháng 2")."""
    cli("agencies", "import", "agencies.csv")
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN.format(first="định kỳ hằng quý"), encoding="utf-8")

    code, out, err = cli("import", str(plan), "--dry-run", "--json")

    assert code == 0, err
    found = json.loads(out)["tasks"]
    assert [task["lead"] for task in found] == ["Sở Y tế", "Sở Tài chính"], found
    assert found[0]["recurrence"] == "quarterly", found[0]


def test_import_drops_the_tasks_the_officer_says_are_not_tasks(
    cli: Cli, sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cli("agencies", "import", str(DEMO_AGENCIES))

    code, preview, _ = cli("import", str(sample), "--dry-run", "--drop", "2,3")
    assert code == 0
    assert "  1. " in preview and "  2. " not in preview and "  3. " not in preview
    assert "  4. " in preview  # the others keep their numbers
    with pytest.raises(SystemExit) as refused:  # argparse's own answer to a bad argument
        cli("import", str(sample), "--dry-run", "--drop", "two")
    assert refused.value.code == 2
    assert "cần số thứ tự nhiệm vụ, ví dụ 3,5; không phải “two”" in capsys.readouterr().err


def test_a_task_left_out_stays_out_alone_though_others_have_its_text(
    cli: Cli, tmp_path: Path
) -> None:
    cli("agencies", "import", str(DEMO_AGENCIES))
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(food_safety_plan("Sở Y tế", "Công an tỉnh"), encoding="utf-8")
    cli("import", str(plan), "--drop", "4", "--yes")  # Công an tỉnh's report: not theirs

    again = cli("import", str(plan), "--dry-run")[1]
    # A corrected version gives the same duty to one more agency, before Công an tỉnh.
    plan.write_text(
        food_safety_plan("Sở Y tế", "Bộ Chỉ huy Quân sự tỉnh", "Công an tỉnh"), encoding="utf-8"
    )
    corrected = cli("import", str(plan), "--dry-run")[1]

    assert "  2. Sở Y tế — 15/06/2024, định kỳ 6 tháng\n" in again and "  4. " not in again
    assert again.splitlines()[-1] == "Không có gì để lưu."
    assert "  4. Bộ Chỉ huy Quân sự tỉnh — 15/06/2024, định kỳ 6 tháng\n" in corrected
    assert "  5. Công an tỉnh — 30/09/2024\n" in corrected and "  6. " not in corrected
    assert corrected.splitlines()[-1] == (
        "Lưu lần này: 2 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 3 đã có từ trước."
    )


def test_import_warns_of_a_deadline_before_the_document_itself(cli: Cli, tmp_path: Path) -> None:
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(
        "Số: 12/KH-UBND\nLai Châu, ngày 07 tháng 02 năm 2024\nKẾ HOẠCH\nChuyển đổi số\n"
        "TT | Nội dung | Cơ quan chủ trì | Thời gian\n"
        "1 | Rà soát | Sở Y tế | 2023\n"
        "2 | Kiểm tra | Sở Y tế | Quý II/2024\n",
        encoding="utf-8",
    )
    code, preview, _ = cli("import", str(plan), "--dry-run")
    assert code == 0
    task_one, task_two = preview.split("  2. ")
    assert "     ! hạn trước ngày ban hành văn bản: kiểm tra lại\n" in task_one
    assert "hạn trước ngày ban hành" not in task_two


def test_import_json_prints_the_draft(cli: Cli, sample: Path) -> None:
    cli("agencies", "import", str(DEMO_AGENCIES))

    code, out, _ = cli("import", str(sample), "--json")

    draft = json.loads(out)
    assert code == 0
    assert draft["directive"]["issued_on"] == "2023-01-05"
    first_quarter = [t for t in draft["tasks"] if t["deadline"] == "2023-03-31"]
    assert [t["deadline_text"] for t in first_quarter] == ["trong quý I/2023"]
    army = next(t for t in draft["tasks"] if t["lead"] == "Bộ Chỉ huy Quân sự tỉnh")
    assert (army["deadline"], army["inherited"]) == ("2023-01-31", True)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.txt", "Tệp không có nội dung"),
        (b"PK\x03\x04 broken", "broken.docx", "Tệp bị hỏng hoặc không đúng định dạng"),
    ],
)
def test_a_bad_file_is_one_clear_line(
    cli: Cli, tmp_path: Path, content: bytes, name: str, message: str
) -> None:
    (tmp_path / name).write_bytes(content)

    code, out, err = cli("import", str(tmp_path / name))

    assert code == 1 and out == ""
    assert err.startswith(f"nhacviec: {tmp_path / name}: ") and message in err


# The text a digital signature (VGCA, Ban Cơ yếu Chính phủ) stamps on a signed scan: the only
# text of a directive published as a signed scanned PDF.
SIGNATURE_STAMP = [
    "Ký bởi: Ủy ban Nhân dân tỉnh Lai Châu",
    "Email: ubnd@laichau.gov.vn",
    "Cơ quan: Tỉnh Lai Châu",
    "Thời gian ký: 10.03.2024 09:15:03 +07:00",
]


def test_a_signed_scan_whose_only_text_is_the_signature_stamp_is_told_to_be_a_scan(
    cli: Cli, tmp_path: Path
) -> None:
    """Most directives published by provinces are scans, signed digitally: the signature's stamp
    ("Ký bởi: ... Thời gian ký: ...") is their only text. Such a PDF is told, as any scan is, to
    have no text layer to read, and nothing is imported: the stamp is not taken for a directive
    with one task, "Ký bởi: Ủy ban Nhân dân tỉnh Lai Châu Email: ..."."""
    scan = tmp_path / "125-UBND-TH.signed.pdf"
    scan.write_bytes(make_pdf([SIGNATURE_STAMP, [], []]))

    code, out, err = cli("import", str(scan), "--dry-run")

    assert (code, out) == (1, ""), out
    assert "bản quét" in err


@pytest.mark.parametrize(
    ("limit", "size", "shown"),
    [
        ("0.5", 512 * 1024 + 1, "(0,51 MB), giới hạn là 0,5 MB"),
        ("20", 20 * 1024 * 1024 + 1, "(20,01 MB), giới hạn là 20 MB"),
    ],
)
def test_a_file_over_the_size_limit_is_not_read_and_shows_over_it(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: str, size: int, shown: str
) -> None:
    monkeypatch.setenv("NHACVIEC_IMPORTER_MAX_MEGABYTES", limit)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * size)  # one byte over

    code, _, err = cli("import", str(big))

    assert code == 1
    assert err == f"nhacviec: {big}: tệp quá lớn {shown} ([importer] max_megabytes); không đọc\n"


def _piped(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Standard input a pipe of these bytes (`cat cv.txt | nhacviec import -`)."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_import_of_a_dash_reads_the_document_piped_in(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("agencies", "import", "agencies.csv")
    from_the_file = cli("import", str(sample), "--dry-run")
    _piped(monkeypatch, sample.read_bytes())

    code, preview, err = cli("import", "-", "--yes")

    assert (code, err) == (0, "")
    assert preview.startswith(from_the_file[1])  # the same tasks found, then saved
    assert "Sở Tài chính" in cli("tasks", "list")[1]


def test_a_document_piped_in_over_the_size_limit_is_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NHACVIEC_IMPORTER_MAX_MEGABYTES", "0.5")
    _piped(monkeypatch, b"a" * (512 * 1024 + 1))

    code, out, err = cli("import", "-", "--dry-run")

    assert (code, out) == (1, "")
    assert err == "nhacviec: -: dữ liệu quá giới hạn 0,5 MB ([importer] max_megabytes); không đọc\n"


def test_import_reads_a_named_pipe(cli: Cli, sample: Path, tmp_path: Path) -> None:
    """What /dev/stdin of a pipe and bash's <(...) are: not a regular file, but one to read."""
    from_the_file = cli("import", str(sample), "--dry-run")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(sample.read_bytes(),), daemon=True)
    writer.start()

    read = cli("import", str(fifo), "--dry-run")
    writer.join(timeout=10)

    assert read == from_the_file


def test_import_json_in_a_terminal_asks_on_standard_error_and_saves(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Standard output holds the JSON alone, for a script to read, whatever follows it."""
    cli("agencies", "import", "agencies.csv")
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN.format(first="Quý II/2024"), encoding="utf-8")
    asked: list[tuple[str, object]] = []  # the question, and where input() writes it

    def answer(question: str) -> str:
        asked.append((question, sys.stdout))
        return "c"

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", answer)

    code, out, err = cli("import", str(plan), "--json")

    assert code == 0 and asked == [("Lưu 2 nhiệm vụ? [c/K] ", sys.stderr)]
    assert json.loads(out)["would_save"]["added"] == 2
    assert err.startswith("Đã lưu (văn bản #1): 2 nhiệm vụ mới")
    assert len(cli("tasks", "list")[1].splitlines()) == 2


def test_import_json_shows_the_corrections_kept_from_an_earlier_import(
    cli: Cli, tmp_path: Path
) -> None:
    """--json is what saving would save: a task left out before stays out, its number kept."""
    cli("agencies", "import", "agencies.csv")
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN.format(first="Quý II/2024"), encoding="utf-8")
    cli("import", str(plan), "--yes", "--drop", "2", "--deadline", "1=15/05/2024")

    code, out, _ = cli("import", str(plan), "--json")

    first, second = json.loads(out)["tasks"]
    assert code == 0 and second["dropped"] and not first["dropped"]
    assert (first["deadline"], first["deadline_text"]) == ("2024-05-15", None)


def test_import_json_out_of_a_terminal_saves_nothing_and_says_so(cli: Cli, tmp_path: Path) -> None:
    cli("agencies", "import", "agencies.csv")
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN.format(first="Quý II/2024"), encoding="utf-8")

    code, out, err = cli("import", str(plan), "--json")

    assert code == 0 and json.loads(out)["would_save"]["added"] == 2
    assert err == (
        "Chưa lưu gì: không chạy trong cửa sổ lệnh nên không hỏi được; thêm --yes để lưu luôn.\n"
    )
    assert cli("tasks", "list")[1] == ""


def test_import_with_json_and_yes_saves_the_tasks(cli: Cli, tmp_path: Path) -> None:
    """`--yes` means save without asking; `--json` only chooses the output's form."""
    cli("agencies", "import", "agencies.csv")
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN.format(first="Quý II/2024"), encoding="utf-8")
    code, out, err = cli("import", str(plan), "--json", "--yes")
    assert code == 0, err
    json.loads(out)

    _, listed, _ = cli("tasks", "list")

    assert "Sở Y tế" in listed and "Sở Tài chính" in listed, "--json --yes saved nothing"


def _conclusions(tmp_path: Path, *tasks: str) -> str:
    """A notice of the chairman's conclusions of 05/01/2023 giving these tasks, one a line,
    written as tb.txt in the folder the cli fixture runs `nhacviec` in: its file name."""
    heading = "Số: 31/TB-UBND\nKiên Giang, ngày 05 tháng 01 năm 2023\nTHÔNG BÁO\n"
    text = heading + "Kết luận của Chủ tịch UBND tỉnh\n" + "".join(f"{task}\n" for task in tasks)
    (tmp_path / "tb.txt").write_text(text, encoding="utf-8")
    return "tb.txt"


def test_import_json_shows_the_corrections_given_on_the_command_line(
    cli: Cli, tmp_path: Path
) -> None:
    """`--json` shows the draft with `--map`, `--deadline` and `--drop` applied, as the table
    and "would_save" (2 tasks) take them: the JSON is what would be saved."""
    cli("agencies", "import", "agencies.csv")
    notice = _conclusions(
        tmp_path,
        "1. Giao Sở Ngoại vụ rà soát, hoàn thành trước ngày 30/4/2023.",
        "2. Giao Sở Y tế báo cáo trước ngày 31/4/2023.",
        "3. Giao Sở Tài chính báo cáo trước ngày 15/3/2023.",
    )
    code, out, err = cli(
        "import",
        notice,
        "--json",
        "--map",
        "Sở Ngoại vụ=Sở Y tế",
        "--deadline",
        "2=30/04/2023",
        "--drop",
        "3",
    )
    assert code == 0, err
    found = json.loads(out)
    assert found["would_save"]["added"] == 2
    kept = [t for t in found["tasks"] if not t.get("dropped")]

    def task(start: str) -> dict[str, object]:
        (one,) = [t for t in kept if t["text"].startswith(start)]
        return one

    assert not [t for t in kept if t["text"].startswith("3. ") or "15/3/2023" in t["text"]]
    assert task("Giao Sở Ngoại vụ")["lead"] == "Sở Y tế"
    assert task("Giao Sở Y tế")["deadline"] == "2023-04-30"


def test_a_dry_run_without_a_database_plans_against_an_empty_catalogue(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    code, preview, err = cli("import", str(sample), "--dry-run")

    assert code == 0 and "Sở Tài chính" not in preview  # no agency known: none recognised
    assert err == (
        "Chưa có cơ sở dữ liệu: xem thử với danh mục đơn vị trống, không tạo cơ sở dữ liệu.\n"
    )
    assert not (tmp_path / "db").exists()


def test_a_dry_run_on_an_older_database_says_to_upgrade_it_first(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    upgrade(f"sqlite:///{tmp_path / 'db' / 'n.db'}", to="0013")

    code, out, err = cli("import", str(sample), "--dry-run")

    assert (code, out) == (1, "")
    assert err.startswith("nhacviec: cơ sở dữ liệu còn ở phiên bản cũ (bản 0013, phiên bản này")
    assert err.endswith("--dry-run không nâng cấp: hãy chạy nhacviec db upgrade trước\n")


def test_a_dry_run_creates_no_database(cli: Cli, sample: Path, tmp_path: Path) -> None:
    code, _, err = cli("import", str(sample), "--dry-run")

    assert code == 0, err
    assert not (tmp_path / "db" / "n.db").exists(), "--dry-run created and migrated a database"


def test_a_dry_run_does_not_upgrade_an_older_database(
    cli: Cli, sample: Path, tmp_path: Path
) -> None:
    """A dry run of a new release against the production database leaves it as it is: migrated,
    it would stop the older instances still running on it (exit code 2)."""
    url = f"sqlite:///{tmp_path / 'db' / 'n.db'}"
    upgrade(url, to="0013")
    assert current_revision(url) == "0013"

    cli("import", str(sample), "--dry-run")

    assert current_revision(url) == "0013"


def test_parse_deadline_reads_a_sentence(cli: Cli) -> None:
    sentence = "Sở Tài chính báo cáo UBND tỉnh trong 10 ngày làm việc"

    assert (
        cli("parse-deadline", "--ref", "2023-01-05", sentence)[1]
        == "hạn 19/01/2023 (tính theo ngày làm việc)\n"
    )
    assert (
        cli("parse-deadline", "--ref", "2023-01-05", "hoàn thành trong tháng 01/2023")[1]
        == "hạn 31/01/2023 (hết tháng)\n"
    )
    assert (
        cli("parse-deadline", "--ref", "2023-01-05", "trước ngày 20 hằng tháng")[1]
        == "hạn 20/01/2023 (định kỳ hằng tháng)\n"
    )
    assert (
        cli("parse-deadline", "--ref", "2023-01-05", "thường xuyên")[1]
        == "không có thời hạn (thường xuyên)\n"
    )
    assert json.loads(
        cli("parse-deadline", "--json", "--ref", "05/01/2023", "trước ngày 20 hằng tháng")[1]
    ) == {
        "text": "trước ngày 20 hằng tháng",
        "ref": "2023-01-05",
        "deadline": "2023-01-20",
        "recurrence": "monthly",
        "kind": "recurring",
    }


def test_parse_deadline_says_a_span_of_hours_is_counted_in_hours(cli: Cli) -> None:
    """ "báo cáo trong vòng 24 giờ" in a directive of 05/01/2023 is due the next day, and the
    officer is told how it was read: in hours."""
    assert (
        cli("parse-deadline", "--ref", "2023-01-05", "báo cáo trong vòng 24 giờ")[1]
        == "hạn 06/01/2023 (tính theo giờ)\n"
    )


def test_parse_deadline_names_the_day_taken_for_the_start_or_middle_of_a_month(cli: Cli) -> None:
    """ "đầu tháng 3" is read as the 10th and "giữa tháng 3" as the 15th: the officer is told
    so, not "(hết tháng)", the month's end, which these dates are not."""
    assert (
        cli("parse-deadline", "--ref", "2023-01-05", "đầu tháng 3")[1]
        == "hạn 10/03/2023 (đầu tháng: đến ngày 10)\n"
    )
    assert (
        cli("parse-deadline", "--ref", "2023-01-05", "giữa tháng 3")[1]
        == "hạn 15/03/2023 (giữa tháng: đến ngày 15)\n"
    )


def test_parse_deadline_says_why_a_year_out_of_range_gives_no_date(cli: Cli) -> None:
    """A date in a year the calendar does not count, in any spelling (solar, lunar, Tết), gives
    no deadline and says why: the year, not "a date that does not exist"."""
    for phrase in (
        "trước ngày 15/3/2101",
        "trước Tết Nguyên đán 2101",
        "trước Rằm tháng Tám năm 2101",
    ):
        assert (
            cli("parse-deadline", "--ref", "2023-01-05", phrase)[1]
            == "không có thời hạn (năm nằm ngoài 1945–2100)\n"
        ), phrase


def test_a_yearly_duty_keeps_its_recurrence(cli: Cli) -> None:
    """A yearly duty with no day named ("định kỳ hằng năm") is a "recurring" kind, as
    "định kỳ hằng tháng" and "hằng quý" are: kind "none" would be no deadline at all to the
    importer."""
    code, out, err = cli("parse-deadline", "--ref", "2023-01-05", "--json", "định kỳ hằng năm")
    assert code == 0, err
    found = json.loads(out)

    assert found["recurrence"] == "yearly"
    assert found["kind"] == "recurring"


def test_a_time_of_day_deadline_stays_on_its_day_when_before_is_exclusive(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The phrase "trước 14 giờ ngày 15/3/2024" is due on the 15th at 14:00: "trước" is of the hour,
    so `before_is_inclusive = false` does not move it to the 14th."""
    monkeypatch.setenv("NHACVIEC_IMPORTER_BEFORE_IS_INCLUSIVE", "false")
    code, out, err = cli(
        "parse-deadline", "--ref", "2023-01-05", "--json", "trước 14 giờ ngày 15/3/2024"
    )
    assert code == 0, err

    assert json.loads(out)["deadline"] == "2024-03-15"


def _jsonl(cli: Cli, monkeypatch: pytest.MonkeyPatch, lines: str, *args: str) -> list[Any]:
    """`nhacviec parse-deadline --jsonl ARGS` of these lines piped in: what it says of each."""
    # A pipe, as the command reads it: bytes (sys.stdin.buffer), each line decoded on its own.
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(lines.encode()), encoding="utf-8"))
    code, out, err = cli("parse-deadline", "--jsonl", *args)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_parse_deadline_jsonl_answers_every_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = (
        '{"text": "quý I/2023", "ref": "2023-01-05"}\n'
        "not json\n"
        '{"text": "thường xuyên", "ref": "2023-01-05"}\n'
    )

    results = _jsonl(cli, monkeypatch, lines)

    assert [r.get("deadline", "error") for r in results] == ["2023-03-31", "error", None]
    assert results[2]["kind"] == "ongoing"


def test_parse_deadline_jsonl_says_what_is_wrong_with_a_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = '["quý I/2023"]\n{"ref": "2023-01-05"}\n{"text": "quý I/2023", "ref": "31/02/2023"}\n'

    assert [result["error"] for result in _jsonl(cli, monkeypatch, lines)] == [
        'dòng này không phải JSON dạng {"text": "...", "ref": "YYYY-MM-DD"}',
        'thiếu "text": cụm từ hoặc câu cần đọc hạn',
        '"ref" không dùng được: không có ngày 31/02/2023',
    ]


def test_jsonl_lines_without_ref_use_the_ref_option(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With `--jsonl`, `--ref` is the date of issue of each line that gives no "ref" of its
    own."""
    (result,) = _jsonl(cli, monkeypatch, '{"text": "trong 02 tuần"}\n', "--ref", "2023-01-05")

    assert result.get("deadline") == "2023-01-19", result


def test_jsonl_from_a_file_saved_with_a_byte_order_mark_reads_its_first_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Notepad saves UTF-8 with a BOM: the first line is read like any other, not an error."""
    lines = (
        '\ufeff{"text": "quý I/2023", "ref": "2023-01-05"}\n'
        '{"text": "quý I/2023", "ref": "2023-01-05"}\n'
    )
    first, second = _jsonl(cli, monkeypatch, lines)

    assert second["deadline"] == "2023-03-31"
    assert first.get("deadline") == "2023-03-31", first


ROOT = Path(__file__).resolve().parents[1]


def _piped_nhacviec(
    tmp_path: Path, *args: str | bytes, stdin: bytes = b""
) -> tuple[int, bytes, str]:
    """Run `nhacviec ARGS` as a process (a script's pipe on stdin): exit code, the raw bytes of
    standard output, standard error."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
    env["NHACVIEC_DATABASE_URL"] = f"sqlite:///{tmp_path / 'db' / 'n.db'}"
    env["PYTHONPATH"] = str(ROOT)
    env["LC_ALL"] = env["LANG"] = "C.UTF-8"
    done = subprocess.run(
        [
            sys.executable.encode(),
            b"-m",
            b"bot",
            *(a if isinstance(a, bytes) else a.encode() for a in args),
        ],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "replace")


def _results(out: bytes) -> list[dict[str, object]]:
    """Each line of a --jsonl answer, as a script reads it: UTF-8 JSON, one object a line."""
    return [json.loads(line) for line in out.decode("utf-8").splitlines()]


def test_jsonl_line_with_an_escaped_lone_surrogate_answers_every_line(tmp_path: Path) -> None:
    """A script pipes three lines to `nhacviec parse-deadline --jsonl`; the middle one is valid
    JSON whose text holds an escaped half of a surrogate pair ("\\ud800", what a JavaScript
    exporter writes when it cuts a string in the middle of an emoji). Such a text cannot be
    written back as UTF-8, so the middle line gets an error answer like any bad line: the
    officer gets three answers and exit code 0, not a UnicodeEncodeError traceback that leaves
    the third line unanswered."""
    lines = (
        b'{"text": "trong qu\xc3\xbd I/2023", "ref": "2023-01-05"}\n'
        b'{"text": "\\ud800 trong qu\xc3\xbd II/2023", "ref": "2023-01-05"}\n'
        b'{"text": "trong qu\xc3\xbd III/2023", "ref": "2023-01-05"}\n'
    )

    code, out, err = _piped_nhacviec(tmp_path, "parse-deadline", "--jsonl", stdin=lines)

    assert "Traceback" not in err, err
    assert code == 0, err
    results = _results(out)
    assert len(results) == 3, results
    assert results[0]["deadline"] == "2023-03-31"
    assert results[2]["deadline"] == "2023-09-30"


def test_jsonl_line_of_deeply_nested_brackets_answers_every_line(tmp_path: Path) -> None:
    """A broken exporter writes a line of 100 000 "[" between two good lines piped to
    `nhacviec parse-deadline --jsonl`. It is a bad line like any other not-JSON line: it gets
    its {"error", "line"} answer and the next line its reading. json.loads gives up on it with
    RecursionError rather than JSONDecodeError; left uncaught, that would be a traceback and the
    third line never answered."""
    lines = (
        b'{"text": "trong qu\xc3\xbd I/2023", "ref": "2023-01-05"}\n'
        + b"[" * 100_000
        + b'\n{"text": "trong qu\xc3\xbd III/2023", "ref": "2023-01-05"}\n'
    )

    code, out, err = _piped_nhacviec(tmp_path, "parse-deadline", "--jsonl", stdin=lines)

    assert "Traceback" not in err, err[-300:]
    assert code == 0, err[-300:]
    results = _results(out)
    assert len(results) == 3, results
    assert "error" in results[1]
    assert results[2]["deadline"] == "2023-09-30"


def test_jsonl_line_in_a_legacy_encoding_gives_valid_utf8_json(tmp_path: Path) -> None:
    """A JSONL file where one line was saved in a legacy single-byte encoding (Windows-1258 /
    Latin-1: "quý" as the byte 0xFD, as old Vietnamese office software writes it) is piped to
    `nhacviec parse-deadline --jsonl`. Each output line is valid UTF-8 JSON: the bad line is
    answered with an error, the others are read. One raw 0xFD byte echoed into the output would
    keep the script reading the answers as UTF-8 from decoding any of them."""
    lines = (
        b'{"text": "trong qu\xc3\xbd I/2023", "ref": "2023-01-05"}\n'
        b'{"text": "trong qu\xfd II/2023", "ref": "2023-01-05"}\n'
        b'{"text": "trong qu\xc3\xbd III/2023", "ref": "2023-01-05"}\n'
    )

    code, out, err = _piped_nhacviec(tmp_path, "parse-deadline", "--jsonl", stdin=lines)

    assert "Traceback" not in err, err
    assert code == 0, err
    out.decode("utf-8")  # the whole answer is UTF-8, as the script reads it
    results = _results(out)
    assert len(results) == 3, results
    assert results[0]["deadline"] == "2023-03-31"
    assert results[2]["deadline"] == "2023-09-30"


def test_parse_deadline_json_of_a_non_utf8_argument_is_valid_utf8(tmp_path: Path) -> None:
    """A script on a server whose terminal is not UTF-8 runs
    `nhacviec parse-deadline --json "trong quý I/2023"` with "ý" as the Latin-1 byte 0xFD. The
    argument is refused in one Vietnamese line (or, were it read, `--json` would print valid
    UTF-8 JSON): the byte 0xFD written as is inside the JSON would leave no UTF-8 reader able to
    decode it."""
    code, out, err = _piped_nhacviec(
        tmp_path, "parse-deadline", "--ref", "2023-01-05", "--json", b"trong qu\xfd I/2023"
    )

    assert "Traceback" not in err, err
    if code == 0:
        json.loads(out.decode("utf-8"))  # UTF-8 JSON, as the script reads it
    else:
        assert err.startswith("nhacviec: ") and len(err.strip().splitlines()) == 1, err


def test_parse_deadline_with_an_empty_ref_is_refused(cli: Cli) -> None:
    """A script runs `nhacviec parse-deadline --json --ref "$NGAY" "trong quý I"` with $NGAY
    empty. The date of issue is what every relative deadline is counted from: an empty one is
    refused in one line, as "ref": "" on a --jsonl line is ('"ref" không dùng được'). Counted
    from today, the command would answer a quarter of next year, with exit code 0."""
    code, out, err = cli("parse-deadline", "--json", "--ref", "", "trong quý I")

    assert code != 0, out
    assert err.startswith("nhacviec: "), err


def test_report_writes_the_workbook_and_the_chart(cli: Cli, tmp_path: Path) -> None:
    cli("agencies", "import", "agencies.csv")
    cli("task", "add", "--agency", "STC", "--deadline", "31/01/2023", "Kế hoạch chung")

    code, out, _ = cli("report", "--month", "01/2023", "--out", "jan.xlsx", "--chart", "jan.png")

    assert code == 0
    assert out == (
        "📊 Tháng 01/2023: 1 nhiệm vụ đến hạn — 0 đúng hạn, 0 quá hạn đã xong, "
        "1 quá hạn chưa xong, 0 chưa đến hạn.\n"
        "Đã ghi tệp: jan.xlsx, jan.png.\n"
    )
    assert (tmp_path / "jan.xlsx").read_bytes().startswith(b"PK")  # a zip: .xlsx
    assert (tmp_path / "jan.png").read_bytes().startswith(b"\x89PNG")
    assert cli("report", "--month", "13/2023", "--out", "x.xlsx")[2] == (
        "nhacviec: “13/2023” không phải là tháng: viết mm/yyyy, năm từ 1945 đến 2100, "
        "ví dụ 01/2023\n"
    )


@pytest.mark.parametrize(
    "files", [("--out", "bao-cao.txt"), ("--out", "bao-cao.xlsx", "--chart", "bieu-do.jpg")]
)
def test_report_to_a_kind_of_file_it_cannot_write_names_the_kinds_and_writes_nothing(
    cli: Cli, tmp_path: Path, files: tuple[str, ...]
) -> None:
    """`--out bao-cao.txt` once got an Excel workbook under a .txt name, which no editor opens
    as a report: the command says what it writes, before any work."""
    cli("agencies", "import", "agencies.csv")
    cli("task", "add", "--agency", "STC", "--deadline", "31/01/2023", "Kế hoạch chung")
    before = sorted(tmp_path.rglob("*"))

    code, out, err = cli("report", "--month", "01/2023", *files)

    assert (code, out) == (1, "")
    assert err == (
        f"nhacviec: báo cáo không ghi được tệp {files[-1]}: --out ghi bảng Excel .xlsx, --chart "
        "ghi biểu đồ .png\n"
    )
    assert sorted(tmp_path.rglob("*")) == before


def test_report_takes_the_kinds_of_file_in_capitals(cli: Cli, tmp_path: Path) -> None:
    code, _, err = cli("report", "--month", "01/2023", "--out", "BC.XLSX", "--chart", "BC.PNG")

    assert (code, err) == (0, "")
    assert (tmp_path / "BC.XLSX").read_bytes().startswith(b"PK")


def test_report_with_the_chart_on_the_workbook_path_keeps_the_workbook(
    cli: Cli, tmp_path: Path
) -> None:
    """An officer types `nhacviec report --month 01/2023 --out bc.xlsx --chart bc.xlsx` (the
    same name twice, a slip of tab completion). They are told in one line that the two files
    cannot share one name (non-zero exit), before any work: otherwise the chart's PNG would be
    written over the workbook, and the Excel report they send on would be a picture."""
    cli("agencies", "import", "agencies.csv")
    cli("task", "add", "--agency", "STC", "--deadline", "31/01/2023", "Kế hoạch chung")

    code, out, err = cli("report", "--month", "01/2023", "--out", "bc.xlsx", "--chart", "bc.xlsx")

    if code == 0:
        assert (tmp_path / "bc.xlsx").read_bytes()[:2] == b"PK", out  # a workbook is a zip
    else:
        assert err.startswith("nhacviec: "), err


def test_an_unreachable_database_is_one_line_not_a_trace(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/nhacviec")

    code, out, err = cli("tasks", "list")

    assert (code, out) == (3, "")
    assert err.startswith("nhacviec: không kết nối được cơ sở dữ liệu: ")
    assert err.count("\n") == 1


def test_a_file_that_is_no_database_is_one_line_not_a_trace(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "junk.db").write_text("garbage", encoding="utf-8")
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", f"sqlite:///{tmp_path / 'junk.db'}")

    code, out, err = cli("db", "upgrade")

    assert (code, out) == (2, "")
    assert err == (
        "nhacviec: tệp hoặc địa chỉ trong database_url không phải cơ sở dữ liệu dùng được: "
        "file is not a database\n"
    )


def test_a_database_of_a_newer_version_is_refused_untouched(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NHACVIEC_TELEGRAM_TOKEN", TOKEN)
    cli("db", "upgrade")
    with sqlite3.connect(tmp_path / "db" / "n.db") as database:  # as a later release leaves it
        database.execute("UPDATE alembic_version SET version_num = '9999_future'")
    database.close()

    code, out, err = cli("run")

    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "nhacviec: cơ sở dữ liệu đã được một phiên bản nhacviec mới hơn nâng cấp (bản "
        "9999_future, phiên bản này chỉ biết đến 0017): hãy dùng lại phiên bản nhacviec mới đó"
    ]
    with sqlite3.connect(tmp_path / "db" / "n.db") as database:
        assert database.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("9999_future",)
        ]
    database.close()


def test_a_database_that_holds_someone_elses_tables_is_called_so(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "db").mkdir()
    with sqlite3.connect(tmp_path / "db" / "n.db") as database:
        database.execute("CREATE TABLE agency (id INTEGER PRIMARY KEY, code TEXT)")
    database.close()

    code, _, err = cli("agencies", "list")

    assert code == 2
    assert err == (
        "nhacviec: cơ sở dữ liệu đã có bảng agency không do nhacviec tạo (không có bảng "
        "alembic_version): hãy dành cho nhacviec một cơ sở dữ liệu trống ([database] url hoặc "
        "NHACVIEC_DATABASE_URL)\n"
    )


@pytest.mark.parametrize(
    ("setting", "args", "message"),
    [
        (
            ("NHACVIEC_REMINDERS_TIME", "08:00+07:00"),
            ("run",),
            "biến môi trường NHACVIEC_REMINDERS_TIME: “08:00+07:00”: ghi giờ không kèm múi giờ",
        ),
        (
            ("NHACVIEC_DATABASE_URL", "mysql://nhacviec@db/nhacviec"),
            ("agencies", "list"),
            "biến môi trường NHACVIEC_DATABASE_URL: nhacviec không dùng được cơ sở dữ liệu “mysql”",
        ),
        (
            ("NHACVIEC_DATABASE_URL", "not a url"),
            ("agencies", "list"),
            "biến môi trường NHACVIEC_DATABASE_URL: không phải địa chỉ cơ sở dữ liệu",
        ),
        (None, ("--config", ".", "agencies", "list"), ". là một thư mục, không phải tệp cấu hình"),
        (
            None,
            ("--config", "windows-1258.toml", "agencies", "list"),
            "windows-1258.toml: tệp cấu hình phải là văn bản UTF-8",
        ),
    ],
)
def test_a_configuration_that_cannot_work_is_one_line_and_exit_2(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    setting: tuple[str, str] | None,
    args: tuple[str, ...],
    message: str,
) -> None:
    monkeypatch.setenv("NHACVIEC_TELEGRAM_TOKEN", TOKEN)
    if setting is not None:
        monkeypatch.setenv(*setting)
    (tmp_path / "windows-1258.toml").write_bytes(b'[bot]\nusername = "Nh\xe0c"\n')

    code, out, err = cli(*args)

    assert (code, out) == (2, "")
    assert err.startswith(f"nhacviec: {message}") and err.count("\n") == 1


def test_an_invite_is_not_made_when_it_could_not_be_printed(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("agencies", "import", "agencies.csv")
    monkeypatch.delenv("NHACVIEC_BOT_USERNAME")  # asked from Telegram, with the token
    monkeypatch.setenv("NHACVIEC_TELEGRAM_TOKEN", "<paste token>")

    code, out, err = cli("invite", "STC")

    assert (code, out) == (2, "")
    assert err.startswith("nhacviec: token của bot Telegram có vẻ là giá trị mẫu: ")
    with sqlite3.connect(tmp_path / "db" / "n.db") as database:
        assert database.execute("SELECT count(*) FROM invite").fetchone() == (0,)
    database.close()


def test_import_saves_a_recurring_duty_whose_day_is_not_written(cli: Cli, tmp_path: Path) -> None:
    cli("agencies", "import", str(DEMO_AGENCIES))
    letter = tmp_path / "cong-van.txt"
    letter.write_text(
        "Số: 45/UBND-TH\nKiên Giang, ngày 06 tháng 9 năm 2023\nV/v báo cáo\n"
        "Kính gửi: Sở Tài chính.\n"
        "Giao Sở Tài chính rà soát, báo cáo UBND tỉnh tại phiên họp thường kỳ hằng quý.\n",
        encoding="utf-8",
    )
    code, preview, _ = cli("import", str(letter), "--yes")
    assert code == 0, preview
    code, listed, _ = cli("tasks", "list")
    assert code == 0 and "Giao Sở Tài chính rà soát" in listed


def test_a_yearly_duty_in_a_document_is_imported_as_yearly(cli: Cli, tmp_path: Path) -> None:
    cli("agencies", "import", "agencies.csv")
    notice = _conclusions(
        tmp_path,
        "1. Giao Sở Y tế báo cáo UBND tỉnh định kỳ hằng năm.",
        "2. Giao Sở Tài chính báo cáo định kỳ hằng tháng.",
    )
    code, out, err = cli("import", notice, "--json", "--dry-run")
    assert code == 0, err
    yearly, monthly = json.loads(out)["tasks"]

    assert monthly["recurrence"] == "monthly"
    assert yearly["recurrence"] == "yearly", "the yearly duty became an ongoing task"


def test_a_yearly_duty_that_names_no_day_waits_for_the_first_one(cli: Cli, tmp_path: Path) -> None:
    """ "định kỳ hằng năm" says how often, not when: the officer gives the first period's day,
    and the task is saved yearly from it."""
    cli("agencies", "import", "agencies.csv")
    notice = _conclusions(tmp_path, "1. Giao Sở Y tế báo cáo UBND tỉnh định kỳ hằng năm.")

    _, unsaved, _ = cli("import", notice, "--yes")
    _, saved, _ = cli("import", notice, "--deadline", "1=15/12/2023", "--yes")

    assert (
        "     KHÔNG LƯU: “định kỳ hằng năm” không nói ngày nào: dùng --deadline SỐ=dd/mm/yyyy "
        "(hạn kỳ đầu)"
    ) in unsaved.splitlines()
    assert "  1. Sở Y tế — 15/12/2023, định kỳ hằng năm" in saved.splitlines()
    assert saved.splitlines()[-1].startswith("Đã lưu (văn bản #1): 1 nhiệm vụ mới")


def test_a_six_monthly_duty_is_added_and_listed_every_six_months(cli: Cli) -> None:
    """`--every semiannual` (a report "định kỳ 6 tháng") is a periodic duty like the others:
    added from its first deadline and named as the bot names it."""
    cli("agencies", "import", "agencies.csv")
    added = ("task", "add", "--agency", "STC", "--deadline", "15/06/2023", "--every", "semiannual")

    code, out, err = cli(*added, "Báo cáo kết quả 6 tháng")

    assert code == 0, err
    assert out == "Đã thêm nhiệm vụ #1, hạn 15/06/2023, định kỳ 6 tháng.\n"


def test_a_six_monthly_duty_in_a_document_is_imported_as_semiannual(
    cli: Cli, tmp_path: Path
) -> None:
    """A report due "trước ngày 20/6 và 20/12 hằng năm" comes every six months from the next
    of the two days; one due "06 tháng/lần" names no day, so the officer gives the first
    period's, and it is saved six-monthly from it."""
    cli("agencies", "import", "agencies.csv")
    notice = _conclusions(
        tmp_path,
        "1. Giao Sở Y tế báo cáo UBND tỉnh kết quả thực hiện trước ngày 20/6 và 20/12 hằng năm.",
        "2. Giao Sở Tài chính rà soát, báo cáo UBND tỉnh 06 tháng/lần.",
    )

    code, out, err = cli("import", notice, "--json", "--dry-run")
    _, saved, _ = cli("import", notice, "--deadline", "2=30/06/2023", "--yes")

    assert code == 0, err
    named, step = json.loads(out)["tasks"]
    assert (named["deadline"], named["recurrence"]) == ("2023-06-20", "semiannual")
    assert (step["deadline"], step["recurrence"]) == (None, "semiannual")
    assert "  1. Sở Y tế — 20/06/2023, định kỳ 6 tháng" in saved.splitlines()
    assert "  2. Sở Tài chính — 30/06/2023, định kỳ 6 tháng" in saved.splitlines()
    assert saved.splitlines()[-1].startswith("Đã lưu (văn bản #1): 2 nhiệm vụ mới")


def test_import_asks_before_saving_and_takes_a_vietnamese_yes(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("agencies", "import", str(DEMO_AGENCIES))
    asked: list[str] = []
    answers = iter(["k", "có"])

    def answer(question: str) -> str:
        asked.append(question)
        return next(answers)

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", answer)

    declined = cli("import", str(sample))
    accepted = cli("import", str(sample))

    assert asked == ["Lưu 5 nhiệm vụ? [c/K] "] * 2
    assert declined[1].splitlines()[-1] == "Đã hủy, không lưu gì."
    assert accepted[1].splitlines()[-1].startswith("Đã lưu (văn bản #1): 5 nhiệm vụ mới")


def test_import_takes_yes_typed_with_a_combining_accent(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An officer imports a plan at the terminal and answers the question "Lưu 2 nhiệm vụ?
    [c/K]" with "có", typed with a Vietnamese keyboard set to Unicode tổ hợp (decomposed: "o"
    then a combining acute, as Unikey's "Unicode tổ hợp" and some macOS input write it). "có" is
    one of the answers the command takes as yes, however its accent is encoded: the tasks are
    saved, not cancelled with "Đã hủy, không lưu gì"."""
    cli("agencies", "import", "agencies.csv")
    plan = tmp_path / "ke-hoach.txt"
    plan.write_text(PLAN.format(first="Quý II/2024"), encoding="utf-8")
    _answering(monkeypatch, "co\u0301")

    code, out, err = cli("import", str(plan))

    assert code == 0, err
    assert "Đã lưu" in out, out
    assert len(cli("tasks", "list")[1].splitlines()) == 2


def test_import_outside_a_terminal_needs_yes(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("agencies", "import", str(DEMO_AGENCIES))
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)

    code, _, err = cli("import", str(sample))

    assert (code, err) == (
        1,
        "nhacviec: không hỏi được vì không chạy trong cửa sổ lệnh: thêm --yes để lưu luôn\n",
    )


def test_import_of_a_file_it_may_not_read_is_one_line(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # chmod 000 does not stop root (CI runs as root): the file system refuses here instead.
    def refuse(path: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "read_bytes", refuse)

    code, out, err = cli("import", str(sample))

    assert (code, out) == (1, "")
    assert err == f"nhacviec: không đọc được tệp {sample}: không có quyền đọc\n"


@pytest.mark.parametrize(
    ("failure", "line"),
    [
        (
            PermissionError(13, "Permission denied"),
            "không đọc được tệp agencies.csv: không có quyền đọc",
        ),
        (OSError(5, "Input/output error"), "không đọc được tệp agencies.csv: Input/output error"),
        (FileNotFoundError(2, "No such file or directory"), "không tìm thấy tệp agencies.csv"),
    ],
)
def test_an_agency_catalogue_it_cannot_read_is_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, failure: OSError, line: str
) -> None:
    # chmod 000 does not stop root (CI runs as root): the file system refuses here instead.
    def refuse(path: Path, *args: Any, **kwargs: Any) -> Any:
        raise failure

    monkeypatch.setattr(Path, "open", refuse)

    assert cli("agencies", "import", "agencies.csv") == (1, "", f"nhacviec: {line}\n")


def test_an_agency_catalogue_that_is_a_folder_says_a_csv_file_is_meant(
    cli: Cli, tmp_path: Path
) -> None:
    assert cli("agencies", "import", str(tmp_path)) == (
        1,
        "",
        f"nhacviec: {tmp_path} là một thư mục: hãy ghi tên tệp danh mục đơn vị (.csv, các cột "
        "name,short_name,aliases)\n",
    )


def test_an_agency_catalogue_that_is_a_folder_is_one_clear_line(cli: Cli, tmp_path: Path) -> None:
    # `nhacviec agencies import /etc/nhacviec` (the folder, not the file in it): a traceback
    # ending in IsADirectoryError, where `nhacviec import FOLDER` says it is a folder.
    (tmp_path / "catalogue").mkdir()

    code, _, err = cli("agencies", "import", "catalogue")

    assert "Traceback" not in err
    assert err.startswith("nhacviec: ") and err.count("\n") == 1, err
    assert code == 1


def test_import_takes_end_of_input_at_the_question_as_no(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("agencies", "import", str(DEMO_AGENCIES))

    def ctrl_d(question: str) -> str:
        raise EOFError

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", ctrl_d)

    code, out, err = cli("import", str(sample))

    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "Đã hủy, không lưu gì."
    assert cli("tasks", "list")[1] == ""


def test_ctrl_c_at_the_import_question_ends_its_line_and_saves_nothing(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C at "Lưu 5 nhiệm vụ? [c/K]" stops the command (exit 130, as an interrupt) with
    the question's line ended, as Ctrl-D ends it: the shell's prompt does not follow the
    question on the same line. Nothing is saved, and no traceback."""
    cli("agencies", "import", str(DEMO_AGENCIES))

    def ctrl_c(question: str) -> str:
        print(question, end="")  # as input() writes it
        raise KeyboardInterrupt

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", ctrl_c)

    code, out, err = cli("import", str(sample))

    assert (code, err) == (130, "")
    assert out.endswith("? [c/K] \n")
    assert cli("tasks", "list")[1] == ""


def test_remind_says_what_it_would_send_and_skips_days_off(cli: Cli) -> None:
    assert cli("remind", "--dry-run", "--date", "21/01/2023") == (
        0,
        "21/01/2023 không phải ngày làm việc: không gửi nhắc việc.\n",
        "",
    )
    assert cli("remind", "--dry-run", "--date", "2023-01-19") == (
        0,
        "19/01/2023: sẽ gửi 0 tin nhắc việc, 0 lỗi; 0 lời nhắc đã gửi từ trước.\n",
        "",
    )


def test_remind_names_a_configured_coordinators_private_chat(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NHACVIEC_ACCESS_COORDINATORS", "111")
    cli("agencies", "import", str(DEMO_AGENCIES))
    cli("task", "add", "--agency", "STC", "--deadline", "2023-02-28", "Kế hoạch")

    code, out, _ = cli("remind", "--dry-run", "--date", "2023-03-07")  # five working days late

    assert (code, out.splitlines()[0]) == (0, "sẽ gửi tới chat riêng 111: nhiệm vụ #1")


def test_agencies_merge_moves_tasks_groups_and_members_and_keeps_the_old_names(
    cli: Cli, tmp_path: Path
) -> None:
    (tmp_path / "before-2025.csv").write_text(
        "name,short_name,aliases\nSở Tài chính,STC,\nSở Kế hoạch và Đầu tư,Sở KH&ĐT,\n",
        encoding="utf-8",
    )
    cli("agencies", "import", "before-2025.csv")
    cli("task", "add", "--agency", "Sở KH&ĐT", "--cooperating", "STC", "Kế hoạch chung")
    cli("task", "add", "--agency", "STC", "Dự toán ngân sách")
    _register(tmp_path, "Sở KH&ĐT", Role.STAFF, user_id=5, chat_id=-100, name="Lan")
    _register(tmp_path, "Sở KH&ĐT", Role.HEAD, user_id=6, chat_id=6, name="Minh")

    code, out, err = cli("agencies", "merge", "Sở Kế hoạch và Đầu tư", "Sở Tài chính")

    assert (code, err) == (0, "")
    assert out == (
        "Đã gộp Sở Kế hoạch và Đầu tư vào Sở Tài chính: 1 nhiệm vụ, 1 nhóm, 2 thành viên; "
        "tên cũ thành tên gọi khác.\n"
    )
    assert cli("agencies", "list")[1] == (
        "   1  Sở Tài chính  [STC]  (đã gộp: Sở Kế hoạch và Đầu tư; Sở KH&ĐT)\n"
    )
    assert cli("tasks", "list")[1].splitlines() == [
        "#1    không có thời hạn               Sở Tài chính: Kế hoạch chung",
        "#2    không có thời hạn               Sở Tài chính: Dự toán ngân sách",
    ]
    assert cli("member", "list", "--agency", "Sở KH&ĐT")[1].splitlines() == [
        "           6  Sở Tài chính  (lãnh đạo đơn vị)  Minh",
        "           5  Sở Tài chính  (chuyên viên)  Lan",
    ]


def test_agencies_merge_says_which_copies_of_one_duty_it_withdrew(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "before-2025.csv").write_text(
        "name,short_name,aliases\nSở Tài chính,STC,\nSở Kế hoạch và Đầu tư,Sở KH&ĐT,\n",
        encoding="utf-8",
    )
    (tmp_path / "cv.txt").write_text(
        "Số: 20/UBND-KT\nAn Giang, ngày 10 tháng 3 năm 2025\nV/v rà soát thủ tục\n"
        "Giao các sở, ban, ngành rà soát thủ tục hành chính, báo cáo trước ngày 31/12/2027.\n",
        encoding="utf-8",
    )
    cli("agencies", "import", "before-2025.csv")
    cli("import", "cv.txt", "--yes", "--expand-groups")
    # One task per department, saved in the catalogue's order: Sở KH&ĐT's, then Sở Tài chính's.
    copy, kept = (int(line.split()[0][1:]) for line in cli("tasks", "list")[1].splitlines())

    code, out, err = cli("agencies", "merge", "Sở KH&ĐT", "Sở Tài chính")

    assert (code, err) == (0, "")
    assert out.splitlines()[1] == (
        "1 nhiệm vụ Sở Tài chính được giao hai lần (cùng văn bản, nội dung và hạn) đã gộp làm "
        f"một: #{copy} thu hồi, giữ #{kept}."
    )
    assert [line.split()[0] for line in cli("tasks", "list")[1].splitlines()] == [f"#{kept}"]


@pytest.mark.parametrize(
    "args",
    [("invite", " "), ("tasks", "list", "--agency", ""), ("member", "list", "--agency", "")],
)
def test_an_agency_left_blank_is_refused_not_taken_for_every_agency(
    cli: Cli, args: tuple[str, ...]
) -> None:
    # `--agency "$AGENCY"` from a script whose variable is empty: not every agency's tasks.
    cli("agencies", "import", "agencies.csv")

    assert cli(*args) == (
        1,
        "",
        "nhacviec: tên đơn vị để trống: hãy ghi tên hoặc mã số đơn vị (nhacviec agencies list)\n",
    )


def test_task_add_with_an_empty_deadline_is_refused(cli: Cli) -> None:
    """A coordinator's script runs `nhacviec task add --agency STC --deadline "$HAN" TEXT` and
    $HAN came out empty. An empty --deadline is bad input: it is refused in one line (as an
    empty --agency is: "tên đơn vị để trống"), adding nothing. Taken for no deadline, it would
    save the task as ongoing work, never reminded and never counted overdue."""
    cli("agencies", "import", "agencies.csv")

    code, out, err = cli("task", "add", "--agency", "STC", "--deadline", "", "Báo cáo quý")

    assert code != 0, out
    assert err.startswith("nhacviec: "), err
    assert cli("tasks", "list")[1] == ""  # nothing was added


def test_an_invite_for_an_empty_agency_name_is_refused_in_one_line(cli: Cli) -> None:
    # `nhacviec invite "$AGENCY"` from a script whose variable is empty: one line, no trace.
    cli("agencies", "import", "agencies.csv")

    code, out, err = cli("invite", "")

    assert (code, out) == (1, "")
    assert err.startswith("nhacviec: ") and err.count("\n") == 1, err


def test_an_agency_given_as_a_number_too_big_for_an_id_is_refused_in_one_line(cli: Cli) -> None:
    # A number is taken as an agency's id (agencies list shows them); one no database can hold
    # (a phone number and a user id pasted together) is no agency, said in one line.
    cli("agencies", "import", "agencies.csv")

    for args in (("invite", "99999999999999999999"), ("tasks", "list", "--agency", "1" * 20)):
        code, out, err = cli(*args)

        assert (code, out) == (1, ""), args
        assert err.startswith("nhacviec: ") and err.count("\n") == 1, err


def test_a_merge_outlasts_the_catalogue_files_imported_after_it(cli: Cli, tmp_path: Path) -> None:
    before = "name,short_name,aliases\nSở Tài chính,STC,\nSở Kế hoạch và Đầu tư,Sở KH&ĐT,SKHĐT\n"
    (tmp_path / "before-2025.csv").write_text(before, encoding="utf-8")
    (tmp_path / "2026.csv").write_text(
        "name,short_name,aliases\nSở Tài chính,STC,Sở TC\nSở Y tế,SYT,\n", encoding="utf-8"
    )
    (tmp_path / "cong-van.txt").write_text(
        "Số: 15/UBND-KT\nĐà Nẵng, ngày 10 tháng 3 năm 2026\nV/v rà soát dự án đầu tư công\n"
        "Giao Sở Kế hoạch và Đầu tư rà soát các dự án đầu tư công chậm tiến độ, báo cáo UBND "
        "tỉnh trước ngày 31/3/2026.\n",
        encoding="utf-8",
    )
    cli("agencies", "import", "before-2025.csv")
    cli("agencies", "merge", "Sở Kế hoạch và Đầu tư", "Sở Tài chính")
    merged = "(đã gộp: Sở Kế hoạch và Đầu tư; Sở KH&ĐT; SKHĐT)"

    # The office loads its old spreadsheet again: the merged-away agency does not come back.
    assert cli("agencies", "import", "before-2025.csv") == (
        1,
        "",
        "nhacviec: before-2025.csv:3: “Sở Kế hoạch và Đầu tư” đã được gộp vào Sở Tài chính "
        "(nhacviec agencies merge): bỏ dòng này khỏi tệp; không lưu đơn vị nào\n",
    )
    (tmp_path / "xay-dung.csv").write_text(
        "name,short_name,aliases\nSở Xây dựng,SXD,SKHĐT\n", encoding="utf-8"
    )
    assert cli("agencies", "import", "xay-dung.csv")[2] == (
        "nhacviec: xay-dung.csv:2: “SKHĐT” đã được gộp vào Sở Tài chính nên không thể là tên gọi "
        "khác của đơn vị khác: bỏ tên này khỏi dòng; không lưu đơn vị nào\n"
    )
    assert cli("agencies", "list")[1].splitlines() == [f"   1  Sở Tài chính  [STC]  {merged}"]
    # Today's file gives Sở Tài chính other aliases: the names merged into it stay.
    assert cli("agencies", "import", "2026.csv")[1] == (
        "Đã thêm 1 đơn vị, cập nhật 1; tệp có 2 đơn vị.\n"
    )
    assert cli("agencies", "import", "2026.csv")[1] == (
        "Đã thêm 0 đơn vị, cập nhật 0; tệp có 2 đơn vị.\n"
    )
    assert cli("agencies", "list")[1].splitlines() == [
        f"   1  Sở Tài chính  [STC]  (Sở TC)  {merged}",
        "   2  Sở Y tế  [SYT]",
    ]
    # And a letter still written to the old department goes to today's.
    code, preview, _ = cli("import", "cong-van.txt", "--dry-run")
    assert code == 0
    assert "  1. Sở Tài chính — 31/03/2026\n" in preview
    assert preview.splitlines()[-1] == "1 nhiệm vụ sẵn sàng lưu, 0 cần sửa."


# A district's catalogue, and two of its letters that write the economy office their own way.
DISTRICT = """name,short_name,aliases
Phòng Kinh tế - Hạ tầng,,
Sở Tài chính,STC,Sở Kế hoạch và Đầu tư; Sở KH&ĐT
"""
FIRST_LETTER = """Số: 15/UBND-KT
Tân Phú, ngày 01 tháng 03 năm 2024
V/v rà soát công trình
Giao Phòng KT-HT huyện A rà soát các công trình xây dựng, báo cáo trước ngày 15/4/2024.
"""
NEXT_LETTER = """Số: 16/UBND-KT
Tân Phú, ngày 05 tháng 03 năm 2024
V/v kiểm tra đường giao thông
Giao Phòng KT-HT huyện A chủ trì, phối hợp Sở Tài chính kiểm tra đường giao thông, báo cáo \
trước ngày 30/4/2024.
"""
LEARNED = (
    "Từ nay “Phòng KT-HT huyện A” là Phòng Kinh tế - Hạ tầng (bỏ: nhacviec agencies forget "
    '"Phòng KT-HT huyện A")'
)


def _district(cli: Cli, tmp_path: Path) -> None:
    for name, text in (
        ("district.csv", DISTRICT),
        ("first.txt", FIRST_LETTER),
        ("next.txt", NEXT_LETTER),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    cli("agencies", "import", "district.csv")


def test_a_name_mapped_on_import_is_learned_listed_and_forgotten(cli: Cli, tmp_path: Path) -> None:
    _district(cli, tmp_path)
    mapping = "Phòng KT-HT huyện A=Phòng Kinh tế - Hạ tầng"

    asked = cli("import", "next.txt", "--dry-run")[1]
    saved = cli("import", "first.txt", "--yes", "--map", mapping)
    known = cli("import", "next.txt", "--dry-run")[1]
    listed = cli("agencies", "list")[1]
    wrong = cli("agencies", "forget", "Phòng KT-HT huyện B")
    alias = cli("agencies", "forget", "sở kh&đt")
    forgotten = cli("agencies", "forget", "phong kt-ht huyen a")  # as typed on any keyboard

    assert "“Phòng KT-HT huyện A” chưa có trong danh mục" in asked
    assert saved[0] == 0
    assert saved[1].splitlines()[-2:] == [
        "Đã lưu (văn bản #1): 1 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước.",
        LEARNED,
    ]
    # The next letter that writes it finds the office, with no --map.
    assert "  1. Phòng Kinh tế - Hạ tầng — 30/04/2024\n" in known
    assert known.splitlines()[-1] == "1 nhiệm vụ sẵn sàng lưu, 0 cần sửa."
    assert listed.splitlines() == [
        "   1  Phòng Kinh tế - Hạ tầng  (đã học: Phòng KT-HT huyện A)",
        "   2  Sở Tài chính  [STC]  (Sở Kế hoạch và Đầu tư; Sở KH&ĐT)",
    ]
    assert wrong == (
        1,
        "",
        "nhacviec: “Phòng KT-HT huyện B” không phải tên đã học của đơn vị nào (xem nhacviec "
        "agencies list): không có gì để bỏ\n",
    )
    assert alias == (
        1,
        "",
        "nhacviec: “sở kh&đt” là tên gọi khác của Sở Tài chính trong tệp danh mục, không phải "
        "tên đã học: muốn bỏ, sửa tệp rồi nhacviec agencies import\n",
    )
    assert forgotten == (
        0,
        "Đã bỏ “Phòng KT-HT huyện A”: văn bản ghi tên này không còn được hiểu là Phòng Kinh tế - "
        "Hạ tầng nữa.\n",
        "",
    )
    assert cli("agencies", "list")[1].splitlines()[0] == "   1  Phòng Kinh tế - Hạ tầng"
    assert (
        "“Phòng KT-HT huyện A” chưa có trong danh mục" in cli("import", "next.txt", "--dry-run")[1]
    )
    assert cli("agencies", "forget", "Phòng KT-HT huyện A")[0] == 1  # forgotten already


def test_an_import_that_needs_no_mapping_learns_nothing_and_says_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    _district(cli, tmp_path)
    cli("import", "first.txt", "--yes", "--map", "Phòng KT-HT huyện A=Phòng Kinh tế - Hạ tầng")

    # Written as the catalogue knows it now: the --map changes nothing, and teaches nothing.
    code, out, _ = cli("import", "next.txt", "--yes", "--map", "Sở Tài chính=STC")

    assert code == 0
    assert out.splitlines()[-1] == (
        "Đã lưu (văn bản #2): 1 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 0 đã có từ trước."
    )


def test_a_learned_name_mapped_to_another_agency_is_learned_again(cli: Cli, tmp_path: Path) -> None:
    _district(cli, tmp_path)
    cli("import", "first.txt", "--yes", "--map", "Phòng KT-HT huyện A=Phòng Kinh tế - Hạ tầng")

    # The officer of the next letter knows better: the --map says where the name belongs now.
    code, out, _ = cli("import", "next.txt", "--yes", "--map", "Phòng KT-HT huyện A=STC")

    assert code == 0
    assert out.splitlines()[-1] == (
        "Từ nay “Phòng KT-HT huyện A” là Sở Tài chính (không còn là Phòng Kinh tế - Hạ tầng) "
        '(bỏ: nhacviec agencies forget "Phòng KT-HT huyện A")'
    )
    assert "(đã học: Phòng KT-HT huyện A)" in cli("agencies", "list")[1].splitlines()[1]


def _learned_then_given_in_a_file(cli: Cli, tmp_path: Path, short_name: str) -> None:
    """ "Phòng KT-HT huyện A" learned by the district's office, then a catalogue file
    (huyen-a.csv) with a row of its own for that office, short name as given."""
    _district(cli, tmp_path)
    cli("import", "first.txt", "--yes", "--map", "Phòng KT-HT huyện A=Phòng Kinh tế - Hạ tầng")
    (tmp_path / "huyen-a.csv").write_text(
        DISTRICT + f"Phòng Kinh tế - Hạ tầng huyện A,{short_name},\n", encoding="utf-8"
    )


def test_a_catalogue_file_keeps_the_learned_names_unless_a_row_claims_one(
    cli: Cli, tmp_path: Path
) -> None:
    _learned_then_given_in_a_file(cli, tmp_path, "Phòng KT-HT huyện A")

    again = cli("agencies", "import", "district.csv")
    kept = cli("agencies", "list")[1].splitlines()[0]
    claimed = cli("agencies", "import", "huyen-a.csv")

    assert again == (0, "Đã thêm 0 đơn vị, cập nhật 0; tệp có 2 đơn vị.\n", "")
    assert kept == "   1  Phòng Kinh tế - Hạ tầng  (đã học: Phòng KT-HT huyện A)"
    assert claimed == (
        0,
        "Đã thêm 1 đơn vị, cập nhật 0; tệp có 3 đơn vị.\n"
        "huyen-a.csv:4: “Phòng KT-HT huyện A” nay thuộc về Phòng Kinh tế - Hạ tầng huyện A, "
        "không còn là tên đã học của Phòng Kinh tế - Hạ tầng\n",
        "",
    )
    assert cli("agencies", "list")[1].splitlines()[:2] == [
        "   1  Phòng Kinh tế - Hạ tầng",
        "   3  Phòng Kinh tế - Hạ tầng huyện A  [Phòng KT-HT huyện A]",
    ]
    assert (
        "  1. Phòng Kinh tế - Hạ tầng huyện A — 30/04/2024\n"
        in (cli("import", "next.txt", "--dry-run")[1])
    )


def test_a_row_that_writes_a_learned_name_another_way_takes_it_too(
    cli: Cli, tmp_path: Path
) -> None:
    # The file writes the dash as a word processor does, the learned name as a short name.
    _learned_then_given_in_a_file(cli, tmp_path, "Phòng KT–HT huyện A")

    code, out, _ = cli("agencies", "import", "huyen-a.csv")

    assert code == 0
    # A document reads the two alike (storage.names.name_key): the import finds its row.
    assert out.splitlines()[1] == (
        "huyen-a.csv:4: “Phòng KT-HT huyện A” nay thuộc về Phòng Kinh tế - Hạ tầng huyện A, "
        "không còn là tên đã học của Phòng Kinh tế - Hạ tầng"
    )
    assert (
        "  1. Phòng Kinh tế - Hạ tầng huyện A — 30/04/2024\n"
        in (cli("import", "next.txt", "--dry-run")[1])
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("agencies", "merge", "Sở Ngoại vụ", "STC"),
            "Không có đơn vị nào tên “Sở Ngoại vụ” trong danh mục.",
        ),
        (
            ("agencies", "merge", "SYT", "Sở Nội vụ"),
            "Không có đơn vị nào tên “Sở Nội vụ” trong danh mục.",
        ),
        (
            ("agencies", "merge", "Sở KH&ĐT", "STC"),  # already one of its former names
            "hai tên đều là Sở Tài chính: không có gì để gộp",
        ),
        (
            ("member", "remove", "5"),
            "không có người dùng 5 trong danh sách thành viên: xem mã người dùng bằng "
            "nhacviec member list",
        ),
    ],
)
def test_a_merge_or_removal_that_cannot_be_done_is_refused_in_one_line(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    cli("agencies", "import", "agencies.csv")

    assert cli(*args) == (1, "", f"nhacviec: {message}\n")
    assert cli("agencies", "list")[1].splitlines() == LISTED


def test_member_remove_ends_a_registration_and_says_what_it_was(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("agencies", "import", "agencies.csv")
    _register(tmp_path, "STC", Role.HEAD, user_id=6, chat_id=6, name="Minh")
    _register(tmp_path, "SYT", Role.STAFF, user_id=7, chat_id=-200, name=None)
    _register(tmp_path, None, Role.COORDINATOR, user_id=8, chat_id=8, name="Bằng")
    monkeypatch.setenv("NHACVIEC_ACCESS_COORDINATORS", "8")

    assert cli("member", "list")[1].splitlines() == [
        "           8  mọi đơn vị  (theo dõi nhiệm vụ)  Bằng",
        "           6  Sở Tài chính  (lãnh đạo đơn vị)  Minh",
        "           7  Sở Y tế  (chuyên viên)",
    ]
    assert cli("member", "remove", "6") == (
        0,
        "Đã xóa đăng ký của Minh (6): Sở Tài chính, vai trò lãnh đạo đơn vị; cuộc trò chuyện "
        "riêng với bot không còn nhận nhắc việc.\n",
        "",
    )
    assert cli("member", "remove", "7")[1] == (
        "Đã xóa đăng ký của người dùng 7: Sở Y tế, vai trò chuyên viên.\n"
    )
    assert cli("member", "remove", "8")[1].splitlines() == [
        "Đã xóa đăng ký của Bằng (8): vai trò theo dõi nhiệm vụ; cuộc trò chuyện riêng với bot "
        "không còn nhận nhắc việc.",
        "Người dùng 8 vẫn là cán bộ theo dõi nhiệm vụ vì có trong [access] coordinators: bỏ mã "
        "đó khỏi tệp cấu hình.",
    ]
    assert cli("member", "list")[1] == "Chưa có ai đăng ký.\n"
    assert cli("member", "remove", "6") == (
        1,
        "",
        "nhacviec: người dùng 6 không còn đăng ký với đơn vị nào: không có gì để xóa\n",
    )


def test_member_remove_takes_a_user_id_only(cli: Cli, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as refused:
        cli("member", "remove", "@lan")

    assert refused.value.code == 2
    assert "cần mã người dùng Telegram (một số), không phải “@lan”" in capsys.readouterr().err


def _refused_by_argparse(
    cli: Cli, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int | str | None, str]:
    """The exit code and stderr of arguments argparse refuses (it exits, as `nhacviec` does)."""
    with pytest.raises(SystemExit) as refused:
        cli(*args)
    return refused.value.code, capsys.readouterr().err


def test_a_user_id_too_large_for_telegram_is_refused_in_one_line(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    """`nhacviec member remove` with a number no Telegram user has (a pasted phone number
    twice, say) is told so, not a database overflow's traceback."""
    code, err = _refused_by_argparse(cli, capsys, "member", "remove", "99999999999999999999999")

    assert code == 2
    assert err == (
        "nhacviec: cần mã người dùng Telegram (một số), không phải “99999999999999999999999”\n"
    )


def _register(
    tmp_path: Path, agency: str | None, role: Role, *, user_id: int, chat_id: int, name: str | None
) -> None:
    """Someone opens a fresh invite in a chat, as the bot would record it (the database the
    cli fixture uses)."""

    async def go() -> None:
        database = Database(f"sqlite:///{tmp_path / 'db' / 'n.db'}")
        try:
            async with database.session() as session:
                found = await agencies.find_agency(session=session, text=agency) if agency else None
                code = await access.create_invite(
                    session=session,
                    agency_id=found.id if found else None,
                    role=role,
                    now=NOW,
                    valid_for=timedelta(days=1),
                )
                await access.redeem_invite(
                    session=session,
                    code=code,
                    user_id=user_id,
                    display_name=name,
                    chat_id=chat_id,
                    chat_title=None,
                    now=NOW,
                )
        finally:
            await database.dispose()

    asyncio.run(go())


SAVED_MEANWHILE = (
    "nhacviec: văn bản đã được lưu ở nơi khác trong lúc chờ xác nhận, nên không lưu gì: "
    "chạy lại lệnh để xem những gì còn phải lưu\n"
)


def test_import_saves_nothing_when_the_document_was_saved_elsewhere_while_it_asked(
    cli: Cli, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("agencies", "import", str(DEMO_AGENCIES))
    # The same notice saved again with Windows line ends: other bytes, the same text.
    windows = tmp_path / "thong-bao-windows.txt"
    windows.write_bytes(sample.read_bytes().replace(b"\n", b"\r\n"))
    saved_meanwhile: list[tuple[int, str, str]] = []

    def a_colleague_imports_it_first(question: str) -> str:
        saved_meanwhile.append(cli("import", str(windows), "--yes"))
        return "c"

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", a_colleague_imports_it_first)

    code, _, err = cli("import", str(sample))

    assert saved_meanwhile[0][0] == 0
    assert (code, err) == (1, SAVED_MEANWHILE)
    added = re.search(r"(\d+) nhiệm vụ mới", saved_meanwhile[0][1])
    assert added is not None and int(added[1]) > 0
    assert len(cli("tasks", "list")[1].splitlines()) == int(added[1])  # each task once


@pytest.mark.parametrize("line_ends", [b"\n", b"\r\n"], ids=["the-same-file", "other-line-ends"])
def test_import_saves_nothing_when_another_saves_the_same_document_at_the_same_moment(
    cli: Cli, sample: Path, monkeypatch: pytest.MonkeyPatch, line_ends: bytes
) -> None:
    """The bot, or another `nhacviec import`, saves the notice (the same file, or the same text
    with other line ends) as this one saves it: this one waits, finds it, saves nothing."""
    cli("agencies", "import", str(DEMO_AGENCIES))
    elsewhere = sample.read_bytes().replace(b"\n", line_ends)
    save_plan = importing.save_plan

    async def another_process_saves_first(**arguments: Any) -> Any:
        other = Database(os.environ["NHACVIEC_DATABASE_URL"])
        try:
            async with other.session() as session:
                plan = await importing.read_and_plan(
                    session=session, data=elsewhere, filename="tb.txt", max_bytes=20_000_000
                )
                await save_plan(session=session, plan=plan, now=arguments["now"])
        finally:
            await other.dispose()
        return await save_plan(**arguments)

    monkeypatch.setattr(importing, "save_plan", another_process_saves_first)

    code, _, err = cli("import", str(sample), "--yes")

    assert (code, err) == (1, SAVED_MEANWHILE)
    monkeypatch.setattr(importing, "save_plan", save_plan)
    assert cli("import", str(sample), "--dry-run")[1].splitlines()[-1] == "Không có gì để lưu."
    assert len(cli("tasks", "list")[1].splitlines()) == 5  # each task once


def test_import_says_the_catalogue_changed_when_only_it_did_while_it_asked(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("agencies", "import", str(DEMO_AGENCIES))
    (tmp_path / "this.txt").write_text(
        "Số: 40/UBND-KT\nNgày 01 tháng 03 năm 2024\nV/v rà soát\n"
        "1. Giao Sở Tài chính rà soát kinh phí, báo cáo trước ngày 15/4/2024.\n"
        "2. Giao Phòng QLĐT huyện A rà soát công trình, báo cáo trước ngày 20/4/2024.\n",
        encoding="utf-8",
    )
    (tmp_path / "other.txt").write_text(
        "Số: 41/UBND-KT\nNgày 02 tháng 03 năm 2024\nV/v kiểm tra\n"
        "Giao Phòng QLĐT huyện A kiểm tra đường giao thông, báo cáo trước ngày 30/4/2024.\n",
        encoding="utf-8",
    )

    def a_colleague_teaches_the_name(question: str) -> str:
        cli("import", "other.txt", "--yes", "--map", "Phòng QLĐT huyện A=Sở Y tế")
        return "c"

    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", a_colleague_teaches_the_name)

    code, _, err = cli("import", "this.txt")

    assert (code, err) == (
        1,
        "nhacviec: danh mục đơn vị đã thay đổi trong lúc chờ xác nhận, nên không lưu gì: chạy lại "
        "lệnh để xem bản xem trước mới\n",
    )
    assert "40/UBND-KT" not in cli("tasks", "list")[1]


NOTICE_OF_TWO_DATES = """Số: 30/TB-UBND
Lai Châu, ngày 01 tháng 12 năm 2023
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh
1. Giao Sở Tài chính hoàn thiện Đề án, trình UBND tỉnh trước ngày 10/12/2023; gửi Ban Tổ chức \
Tỉnh ủy trước ngày 15 tháng 12 năm 2023.
2. Giao Sở Y tế kiểm tra an toàn thực phẩm, báo cáo UBND tỉnh trước ngày 20/12/2023.
"""


def test_import_shows_the_other_due_dates_a_task_gives(cli: Cli, tmp_path: Path) -> None:
    cli("agencies", "import", "agencies.csv")
    notice = tmp_path / "thong-bao.txt"
    notice.write_text(NOTICE_OF_TWO_DATES, encoding="utf-8")

    code, preview, _ = cli("import", str(notice), "--dry-run")
    found = json.loads(cli("import", str(notice), "--json")[1])

    assert code == 0
    task_one, task_two = preview.split("  2. ")
    assert "  1. Sở Tài chính — 10/12/2023\n" in task_one
    assert "     còn hạn khác: 15/12/2023 (“trước ngày 15 tháng 12 năm 2023”)\n" in task_one
    assert "còn hạn khác" not in task_two
    assert [task["other_deadlines"] for task in found["tasks"]] == [
        [{"date": "2023-12-15", "text": "trước ngày 15 tháng 12 năm 2023"}],
        [],
    ]


NOTICE_OF_A_DAY_THAT_DOES_NOT_EXIST = """Số: 31/TB-UBND
Lai Châu, ngày 05 tháng 01 năm 2023
THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh
1. Giao Sở Tài chính rà soát, hoàn thành trước ngày 31/4/2023.
2. Giao Sở Y tế báo cáo UBND tỉnh trước ngày 15/3/2023.
"""


def test_a_day_that_does_not_exist_is_not_saved_until_the_officer_gives_one(
    cli: Cli, tmp_path: Path
) -> None:
    """A slip for 30/4 or 31/5: saved as "no deadline", it would never be reminded."""
    cli("agencies", "import", "agencies.csv")
    notice = tmp_path / "thong-bao.txt"
    notice.write_text(NOTICE_OF_A_DAY_THAT_DOES_NOT_EXIST, encoding="utf-8")

    _, preview, _ = cli("import", str(notice), "--dry-run")
    _, fixed, _ = cli("import", str(notice), "--deadline", "1=30/04/2023", "--yes")
    code, _, refused = cli("import", str(notice), "--deadline", "1=31/04/2023", "--dry-run")

    assert "  1. Sở Tài chính — không có thời hạn\n" in preview
    assert "KHÔNG LƯU: “hoàn thành trước ngày 31/4/2023” không phải ngày có thật" in preview
    assert "1 nhiệm vụ sẵn sàng lưu, 1 cần sửa." in preview
    assert "  1. Sở Tài chính — 30/04/2023\n" in fixed
    assert "2 nhiệm vụ sẵn sàng lưu, 0 cần sửa." in fixed
    assert (code, refused.strip()) == (1, "nhacviec: không có ngày 31/04/2023")


NOTICE_OF_AN_IMPOSSIBLE_FIRST_STEP = """UBND TỈNH ĐỒNG NAI
Số: 16/TB-UBND
Đồng Nai, ngày 05 tháng 01 năm 2023

THÔNG BÁO
Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban

Chủ tịch UBND tỉnh kết luận, giao nhiệm vụ như sau:
1. Sở Tài chính xây dựng kế hoạch trước ngày 31/4/2023, tổ chức thực hiện trong quý II/2023.
2. Sở Y tế báo cáo kết quả trước ngày 31/6/2023 và trước ngày 31/12/2023.
"""


def test_an_impossible_first_step_is_flagged_not_replaced_by_a_later_date(
    cli: Cli, tmp_path: Path
) -> None:
    """An officer imports a notice whose task 1 reads "xây dựng kế hoạch trước ngày 31/4/2023,
    tổ chức thực hiện trong quý II/2023" and task 2 "báo cáo kết quả trước ngày 31/6/2023 và
    trước ngày 31/12/2023". April and June have 30 days: 31/4 and 31/6 do not exist. The
    grammar's rule for a task given in steps is the first step's day (so no reminder comes after
    a deadline); here that day does not exist, so, as for "hoàn thành trước ngày 31/4/2023"
    alone, the preview says the date is not real and asks for one (KHÔNG LƯU ... "không phải
    ngày có thật"). A later step's date does not stand in for it silently: task 1 saved with
    30/06/2023 (end of quarter II) and task 2 with 31/12/2023 would have the first report's
    reminders come two and six months late."""
    (tmp_path / "tb.txt").write_text(NOTICE_OF_AN_IMPOSSIBLE_FIRST_STEP, encoding="utf-8")
    code, _out, err = cli("agencies", "import", "agencies.csv")
    assert code == 0, err
    code, out, err = cli("import", "tb.txt", "--dry-run")
    assert code == 0, err
    first, second = out.split("  2. ", 1)
    assert "có thật" in first, out
    assert "có thật" in second, out


def test_a_deadline_whose_year_is_out_of_range_is_not_saved(cli: Cli, tmp_path: Path) -> None:
    """`--deadline`, `/fix han` and `task add` refuse years outside 1945-2100; a document's
    typo does not slip such a deadline in either (the sweep could not count from it). The
    preview asks for the date and says why: the year (not "not a real date"), Tết's as a
    day's."""
    cli("agencies", "import", "agencies.csv")
    notice = _conclusions(
        tmp_path,
        "1. Giao Sở Tài chính rà soát, hoàn thành trước ngày 15/3/9999.",
        "2. Giao Sở Y tế báo cáo UBND tỉnh trước ngày 15/3/1900.",
        "3. Giao Sở Y tế tổng hợp, hoàn thành trước ngày 15/3/2023.",
        "4. Giao Sở Tài chính chuẩn bị, hoàn thành trước Tết Nguyên đán 2101.",
    )
    code, out, err = cli("import", notice, "--yes")
    assert code == 0, err
    for written in ("ngày 15/3/9999", "ngày 15/3/1900", "Tết Nguyên đán 2101"):
        assert f"trước {written}”: năm nằm ngoài 1945–2100" in out, out
    assert "1 nhiệm vụ sẵn sàng lưu, 3 cần sửa." in out

    _, listed, _ = cli("tasks", "list")

    assert "15/03/2023" in listed
    assert "9999" not in listed and "1900" not in listed


def test_a_correction_that_matches_nothing_saves_nothing(cli: Cli, tmp_path: Path) -> None:
    """A mistyped --drop 3 or --map on a two-task document is a slip, not something to ignore."""
    cli("agencies", "import", "agencies.csv")
    notice = tmp_path / "thong-bao.txt"
    notice.write_text(NOTICE_OF_A_DAY_THAT_DOES_NOT_EXIST, encoding="utf-8")

    dropped = cli("import", str(notice), "--drop", "3", "--yes")
    dated = cli("import", str(notice), "--deadline", "4=01/04/2023", "--yes")
    mapped = cli("import", str(notice), "--map", "Phòng KT huyện A=Sở Y tế", "--yes")

    no_such = "nhacviec: văn bản có 2 nhiệm vụ, không có nhiệm vụ số {}: chưa lưu gì, hãy sửa "
    assert dropped == (1, "", no_such.format(3) + "--drop hoặc --deadline\n")
    assert dated == (1, "", no_such.format(4) + "--drop hoặc --deadline\n")
    assert mapped == (
        1,
        "",
        "nhacviec: không nhiệm vụ nào ghi cơ quan là “Phòng KT huyện A”: chưa lưu gì, hãy sửa "
        "--map\n",
    )
    assert "Sở Y tế" not in cli("tasks", "list")[1]


NOTICE = (
    "UBND TỈNH X\nSố: 12/TB-VP\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh\n"
    "X, ngày 05 tháng 01 năm 2023\n"
    "1. Giao Sở Tài chính rà soát đầu tư công, báo cáo trước ngày 15/3/2023.\n"
    "2. Giao Sở Y tế kiểm tra an toàn thực phẩm, hoàn thành trước ngày 20/3/2023.\n"
)


def test_importing_a_revised_notice_moves_its_deadline_and_takes_its_words(
    cli: Cli, tmp_path: Path
) -> None:
    cli("agencies", "import", "agencies.csv")
    notice = tmp_path / "tb.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    cli("import", str(notice), "--yes")
    revised = tmp_path / "tb-sua.txt"
    revised.write_text(
        NOTICE.replace("15/3/2023", "31/3/2023").replace(
            "an toàn thực phẩm", "an toàn vệ sinh thực phẩm"
        ),
        encoding="utf-8",
    )

    code, out, _ = cli("import", str(revised), "--yes")
    listed = cli("tasks", "list")[1]

    assert code == 0
    assert out.splitlines()[-3:] == [
        "2 nhiệm vụ đã lưu được cập nhật lời văn theo văn bản này.",
        "Lưu lần này: 0 nhiệm vụ mới, 1 nhiệm vụ đổi hạn, 1 đã có từ trước.",
        "Đã lưu (văn bản #1): 0 nhiệm vụ mới, 1 nhiệm vụ đổi hạn, 1 đã có từ trước.",
    ]
    assert len(listed.splitlines()) == 2
    assert "31/03/2023" in listed and "vệ sinh" in listed


def _catalogue(tmp_path: Path, *names: str) -> Path:
    """A catalogue of these agencies only, as agencies.csv."""
    csv = tmp_path / "agencies.csv"
    csv.write_text("name,short_name,aliases\n" + "".join(f"{n},,\n" for n in names), "utf-8")
    return csv


def test_reimport_after_adding_a_cooperating_agency_gives_it_the_task(
    cli: Cli, tmp_path: Path
) -> None:
    """The first import warns that "Sở Tài chính" is not in the catalogue and saves task 1
    without it; once the officer adds it, importing the letter again (the issue's "offers to
    update") gives the cooperating agency it now recognises the task already saved: Sở Tài
    chính is reminded of it and sees it."""
    letter = tmp_path / "cv-125.txt"
    letter.write_text(LETTER, encoding="utf-8")
    cli("agencies", "import", str(_catalogue(tmp_path, "Sở Y tế")))
    first = cli("import", str(letter), "--yes")
    assert "Sở Tài chính" in first[1]  # the warning: not in the catalogue
    cli("agencies", "import", str(_catalogue(tmp_path, "Sở Y tế", "Sở Tài chính")))

    preview = cli("import", str(letter), "--dry-run")[1]
    assert "phối hợp: Sở Tài chính" in preview  # the preview shows the cooperating agency now
    cli("import", str(letter), "--yes")

    finance = cli("tasks", "list", "--agency", "Sở Tài chính")[1]
    assert "kiểm tra an toàn thực phẩm" in finance, finance


def _recurrences(tmp_path: Path) -> list[tuple[str | None, str]]:
    with contextlib.closing(sqlite3.connect(tmp_path / "db" / "n.db")) as db:
        return list(db.execute("SELECT recurrence, text FROM task ORDER BY id"))


def test_a_revision_that_makes_a_monthly_report_quarterly_changes_how_often_it_is_due(
    cli: Cli, tmp_path: Path
) -> None:
    """The office revises letter 125/UBND-TH (same number and date): the Finance department now
    reports "hằng quý" instead of "hằng tháng". The re-import pairs the task, gives it the new
    words ("định kỳ hằng quý") and makes it quarterly: the department is no longer chased every
    month for a quarterly report."""
    cli("agencies", "import", "agencies.csv")
    monthly = LETTER.replace(
        "2. Sở Y tế tổ chức tập huấn cho các cơ sở sản xuất, hoàn thành trong tháng 5/2024.",
        "2. Sở Tài chính định kỳ hằng tháng báo cáo UBND tỉnh kết quả thực hiện.",
    )
    letter = tmp_path / "cv-125.txt"
    letter.write_text(monthly, encoding="utf-8")
    cli("import", str(letter), "--yes")
    revised = tmp_path / "cv-125-sua.txt"
    revised.write_text(monthly.replace("hằng tháng", "hằng quý"), encoding="utf-8")

    preview = cli("import", str(revised), "--dry-run")[1]
    cli("import", str(revised), "--yes")

    assert "31/03/2024, định kỳ hằng quý" in preview
    report = [row for row in _recurrences(tmp_path) if "báo cáo UBND tỉnh" in row[1]]
    assert report == [
        ("quarterly", "Sở Tài chính định kỳ hằng quý báo cáo UBND tỉnh kết quả thực hiện.")
    ]


def test_a_date_of_issue_given_with_issued_is_kept_when_the_file_is_imported_again(
    cli: Cli, tmp_path: Path
) -> None:
    cli("agencies", "import", "agencies.csv")
    notice = tmp_path / "tb.txt"
    notice.write_text(
        "UBND TỈNH X\nSố: 21/TB-VP\nTHÔNG BÁO\nHà Nội, ngày 01 tháng 03 năm 2024\n"
        "1. Giao Sở Tài chính báo cáo kết quả rà soát trong 10 ngày làm việc.\n",
        encoding="utf-8",
    )
    cli("import", str(notice), "--yes", "--issued", "05/03/2024")

    code, out, _ = cli("import", str(notice), "--yes")

    assert code == 0
    assert "Thông báo 21/TB-VP, ngày 05/03/2024" in out.splitlines()[0]
    assert "19/03/2024" in out
    assert out.splitlines()[-2:] == [
        "Lưu lần này: 0 nhiệm vụ mới, 0 nhiệm vụ đổi hạn, 1 đã có từ trước.",
        "Không có gì để lưu.",
    ]


def test_telegram_unreachable_is_one_line_without_the_token(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The error may hold the request's URL, and Telegram's URLs carry the token."""
    leaked = "5550001234:AAH-loopback-test-token-xxxxxxxxxxx"

    def unreachable(settings: object, args: object) -> int:
        raise NetworkError(f"httpx.InvalidURL: Invalid port: '8081{leaked}'")

    monkeypatch.setattr(cli_module, "cmd_tasks_list", unreachable)

    code, _, err = cli("tasks", "list")

    assert code == 3
    assert leaked not in err and "<token>" in err


def test_an_invites_days_out_of_range_is_said_in_one_line(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:  # argparse's own answer to a bad argument
        cli("invite", "--role", "coordinator", "--days", "0")

    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert "--days là số ngày mã mời còn hiệu lực, từ 1 đến 90, không phải “0”" in err
    assert "choose from" not in err  # not the ninety values allowed


@pytest.mark.parametrize(
    "args",
    [
        ("task", "add", "--agency", "STC", "--every", "hằng tháng", "Báo cáo"),
        ("import",),
    ],
    ids=["every-not-a-choice", "import-without-file"],
)
def test_a_bad_argument_is_answered_in_vietnamese(
    cli: Cli, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    """An officer writes `--every "hằng tháng"` (as the document says it), or `nhacviec import`
    forgetting the file. The README: what the commands print is in Vietnamese, bad input is one
    line on stderr; so argparse's own errors are worded in Vietnamese too, as the project's
    argument errors are ("cần số nhiệm vụ ..."), not in English ("invalid choice: 'hằng tháng'
    (choose from 'weekly', ...)", "the following arguments are required: file")."""
    with pytest.raises(SystemExit) as refused:
        cli(*args)

    assert refused.value.code != 0
    err = capsys.readouterr().err
    assert "invalid choice" not in err and "arguments are required" not in err, err


@pytest.mark.parametrize("group", ["db", "agencies", "member", "task", "tasks", "extensions"])
def test_a_command_group_without_its_command_names_what_is_missing_in_the_help_s_words(
    cli: Cli, capsys: pytest.CaptureFixture[str], group: str
) -> None:
    """`nhacviec db` alone says a COMMAND is missing, as `nhacviec` alone does, not the
    program's internal name for it (db_command)."""
    code, err = _refused_by_argparse(cli, capsys, group)

    assert code == 2
    assert err == f"nhacviec: còn thiếu COMMAND (xem nhacviec {group} -h)\n"


def test_a_wrong_command_in_a_group_is_refused_in_the_help_s_words(
    cli: Cli, capsys: pytest.CaptureFixture[str]
) -> None:
    """`nhacviec db upgade` lists the group's commands, under the name the help shows."""
    code, err = _refused_by_argparse(cli, capsys, "db", "upgade")

    assert code == 2
    assert err == (
        "nhacviec: COMMAND không nhận “upgade”: hãy chọn một trong upgrade, revision "
        "(xem nhacviec db -h)\n"
    )


# --- Running it for real: what an operator meets following the README on a server ---------------

WEBHOOK_SECRET = "OperatorReviewWebhookSecret-0123456789abcdef"


def _webhook_env(server: TelegramServer, database_url: str, port: int) -> dict[str, str]:
    """`nhacviec run` in webhook mode against the test's Telegram server, as systemd starts it."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
    return {
        **base,
        "NHACVIEC_TELEGRAM_TOKEN": TOKEN,
        "NHACVIEC_TELEGRAM_BASE_URL": server.base_url,
        "NHACVIEC_DATABASE_URL": database_url,
        "NHACVIEC_TELEGRAM_MODE": "webhook",
        "NHACVIEC_TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
        "NHACVIEC_TELEGRAM_WEBHOOK_LISTEN": "127.0.0.1",
        "NHACVIEC_TELEGRAM_WEBHOOK_PORT": str(port),
        "NHACVIEC_TELEGRAM_WEBHOOK_SECRET": WEBHOOK_SECRET,
    }


async def _nhacviec(env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, stderr=asyncio.subprocess.PIPE
    )


async def test_the_webhook_secret_never_reaches_the_debug_log(
    sqlite_url: str, unused_tcp_port: int
) -> None:
    """`-v` is what an operator turns on to see why webhook mode does not work: at DEBUG,
    python-telegram-bot logs setWebhook's parameters, the secret among them. Like the token,
    it is written as <secret>."""
    async with TelegramServer(TOKEN) as server:
        process = await _nhacviec(_webhook_env(server, sqlite_url, unused_tcp_port), "-v", "run")
        try:
            registered = await server.wait_for_call("setWebhook", timeout=30)
            await asyncio.sleep(0.5)  # the debug line of the call's answer
        finally:
            log = await stop_service(process)

    assert registered.params["secret_token"] == WEBHOOK_SECRET  # webhook mode was really on
    assert "setWebhook" in log and "<secret>" in log
    assert TOKEN not in log and WEBHOOK_SECRET not in log


async def test_a_labelled_code_refused_in_webhook_mode_is_not_in_the_debug_log(
    sqlite_url: str, unused_tcp_port: int, tmp_path: Path
) -> None:
    """In webhook mode with -v, python-telegram-bot logs each update as Telegram posted it
    ("Webhook received data: {...}"), JSON with Vietnamese letters escaped ("M\\u00e3"). A head
    whose private chat already speaks for Sở Tài chính pastes the Sở Y tế code as the command
    line prints it, "Mã: CODE": it is refused (registered elsewhere) and stays valid for a week.
    README: invite codes are written as <invite> in the log, at every level; so the redaction
    knows the label "Mã:" escaped as well as as typed."""
    upgrade(sqlite_url)
    database = Database(sqlite_url)
    now = datetime.now(UTC)
    async with database.session() as session:
        await agencies.import_agencies(
            session=session, rows=agencies.read_catalogue(tmp_path / "agencies.csv"), now=now
        )
        codes = {}
        for name in ("STC", "SYT"):
            agency = await agencies.find_agency(session=session, text=name)
            codes[name] = await access.create_invite(
                session=session,
                agency_id=agency.id,
                role=Role.HEAD,
                now=now,
                valid_for=timedelta(days=7),
            )
    await database.dispose()
    async with TelegramServer(TOKEN) as server:
        process = await _nhacviec(_webhook_env(server, sqlite_url, unused_tcp_port), "-v", "run")
        try:
            await server.wait_for_call("setWebhook", timeout=30)
            hung = server.add_user("Hùng")
            private = server.add_private_chat(hung)
            server.user_sends(private, hung, f"/start {codes['STC']}")
            (registered,) = await server.wait_for_messages(1, chat_id=private["id"], timeout=20)
            server.user_sends(private, hung, f"Mã: {codes['SYT']}")
            refused = (await server.wait_for_messages(2, chat_id=private["id"], timeout=20))[-1]
        finally:
            log = await stop_service(process)

    assert registered["text"].startswith("✅"), registered["text"]
    assert "Sở Tài chính" in refused["text"], refused["text"]  # registered elsewhere: unused
    assert "Webhook received data" in log  # the updates were logged...
    assert codes["SYT"] not in log  # ...but not the code, still usable


async def test_a_webhook_telegram_refuses_is_a_configuration_error_not_an_outage(
    sqlite_url: str, unused_tcp_port: int
) -> None:
    """Telegram refuses (400) a webhook it will not post to: plain http, a port other than
    443, 80, 88 or 8443. That is the operator's to fix: exit 2 (systemd's Restart= would retry
    for ever on 3, "cannot reach Telegram"), one line naming the setting, no traceback."""
    async with TelegramServer(TOKEN) as server:
        server.inject(
            Fault(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"),
            method="setWebhook",
            times=10,
        )
        process = await _nhacviec(_webhook_env(server, sqlite_url, unused_tcp_port), "run")
        try:
            _, err = await asyncio.wait_for(process.communicate(), timeout=60)
        finally:
            if process.returncode is None:
                await stop_service(process)

    log = err.decode()
    assert process.returncode == 2
    assert "Traceback" not in log
    assert log.strip().splitlines()[-1] == (
        "nhacviec: Telegram từ chối webhook: Bad webhook: an https url must be provided for "
        "webhook. Kiểm tra [telegram] webhook_url (hoặc NHACVIEC_TELEGRAM_WEBHOOK_URL): Telegram "
        "chỉ gửi tới địa chỉ https:// có chứng chỉ hợp lệ, cổng 443, 80, 88 hoặc 8443"
    )


def test_a_sqlite_folder_that_cannot_be_made_is_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A file where the folder should be: the same OSError from the same mkdir as /var/lib for
    the service's user (which a test run as root could not meet)."""
    (tmp_path / "not-a-folder").write_text("x", encoding="utf-8")
    folder = tmp_path / "not-a-folder" / "db"
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", f"sqlite:///{folder / 'n.db'}")

    # Any command that makes the database (a list only reads it, and needs no folder).
    assert cli("db", "upgrade") == (
        2,
        "",
        f"nhacviec: không tạo được thư mục {folder} cho cơ sở dữ liệu: Not a directory\n",
    )


def test_a_sqlite_folder_without_permission_is_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """config.example.toml's own /var/lib/nhacviec/nhacviec.db, run as User=nhacviec: the
    folder is the operator's to make (or to give the service: StateDirectory=nhacviec)."""

    def denied(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", denied)
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", "sqlite:////var/lib/nhacviec/nhacviec.db")

    assert cli("db", "upgrade") == (
        2,
        "",
        "nhacviec: không tạo được thư mục /var/lib/nhacviec cho cơ sở dữ liệu: Permission denied\n",
    )


def test_a_sqlite_database_that_cannot_be_written_is_the_operator_s_to_fix(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A SQLite file the service's user may only read (made by root when the installer ran
    the README's commands before the service's first start, or on a read-only disk) is said so
    with the file and what it needs, exit 2: restarting every ten seconds would not help. Here
    SQLite is asked to open it read-only, as it must for a file the user cannot write."""
    assert cli("db", "upgrade")[0] == 0
    database = tmp_path / "db" / "n.db"
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", f"sqlite:///file:{database}?mode=ro&uri=true")

    code, out, err = cli("task", "add", "--agency", "STC", "Báo cáo")

    assert (code, out) == (2, "")
    assert err == (
        f"nhacviec: không ghi được vào cơ sở dữ liệu SQLite {database} (attempt to write a "
        "readonly database): người dùng chạy nhacviec cần quyền ghi tệp này và thư mục chứa nó "
        "(SQLite ghi thêm các tệp -wal, -shm bên cạnh)\n"
    )


@pytest.fixture
def role_without_rights(postgres_url: str) -> Iterator[str]:
    """A PostgreSQL login role that owns nothing: what `createuser nhacviec` gives."""
    name = f"nhacviec_role_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{name}" LOGIN')
    try:
        yield name
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP ROLE IF EXISTS "{name}"')


@pytest.mark.postgres
def test_a_postgresql_user_without_rights_on_the_database_is_told_how_to_give_them(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, postgres_url: str, role_without_rights: str
) -> None:
    """A database made by `postgres` for a role that does not own it (PostgreSQL 15 gives it
    no right to create tables): `db upgrade` says which user lacks the rights and how to give
    them, exit 2 (a restart will not help), no traceback."""
    database = make_url(postgres_url).database
    url = make_url(postgres_url).set(username=role_without_rights, password="pw")
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", url.render_as_string(hide_password=False))

    code, out, err = cli("db", "upgrade")

    assert (code, out) == (2, "")
    assert err == (
        f"nhacviec: người dùng {role_without_rights} của PostgreSQL không có quyền trên cơ sở "
        f"dữ liệu {database} (permission denied for schema public): hãy cho người dùng này làm "
        f"chủ cơ sở dữ liệu, ví dụ ALTER DATABASE {database} OWNER TO {role_without_rights}\n"
    )


@pytest.mark.postgres
def test_a_postgresql_database_that_does_not_exist_is_a_configuration_error(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, postgres_url: str
) -> None:
    """A URL naming a database nobody created (a typo, or `createdb` forgotten) is for the
    operator to fix, exit 2 as a user without rights is: exit 3 ("out of reach, a restart may
    cure") would have systemd restart the bot for ever."""
    missing = f"{make_url(postgres_url).database}_chua_tao"
    url = make_url(postgres_url).set(database=missing)
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", url.render_as_string(hide_password=False))
    user = make_url(postgres_url).username

    for command in (("tasks", "list"), ("db", "upgrade")):
        code, out, err = cli(*command)

        assert (code, out) == (2, ""), command
        assert err == (
            f"nhacviec: máy chủ PostgreSQL không có cơ sở dữ liệu {missing}: hãy tạo nó, với "
            f"người dùng {user} làm chủ (ví dụ createdb -O {user} {missing}), hoặc sửa "
            "[database] url\n"
        ), command


def test_a_database_url_naming_a_folder_is_a_configuration_error(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The administrator writes the folder instead of the file:
    NHACVIEC_DATABASE_URL=sqlite:////var/lib/nhacviec. Nothing but the operator can fix that, so
    the command says so in one line and exits 2, the README's "a configuration the operator must
    fix", which tells systemd not to hope. Exit code 3 ("the database out of reach, which a
    restart may cure") would have `run` under Restart=always restart for ever."""
    folder = tmp_path / "var-lib-nhacviec"
    folder.mkdir()
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", f"sqlite:///{folder}")

    code, _, err = cli("db", "upgrade")

    assert code == 2, err
    assert err.startswith("nhacviec: "), err


def test_a_list_on_a_database_url_naming_a_folder_says_something_is_wrong(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With NHACVIEC_DATABASE_URL naming a folder (the file name forgotten), an officer runs
    `nhacviec tasks list`. The list cannot be read, so they get one line saying so and a
    non-zero exit. The folder is not taken for "no database yet": printing nothing with exit
    code 0 would read as if the province had no open task."""
    folder = tmp_path / "var-lib-nhacviec"
    folder.mkdir()
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", f"sqlite:///{folder}")

    code, out, err = cli("tasks", "list")

    assert code != 0, (out, err)
    assert err.startswith("nhacviec: "), err


def test_no_secret_of_the_settings_is_repeated_in_an_error(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not only the token: the webhook's secret and the database's password are kept out too."""
    monkeypatch.setenv("NHACVIEC_TELEGRAM_WEBHOOK_SECRET", WEBHOOK_SECRET)

    def unreachable(settings: object, args: object) -> int:
        raise NetworkError(f"refused: secret_token={WEBHOOK_SECRET}")

    monkeypatch.setattr(cli_module, "cmd_tasks_list", unreachable)

    code, _, err = cli("tasks", "list")

    assert code == 3
    assert err == "nhacviec: không kết nối được Telegram: refused: secret_token=<secret>\n"


def test_remind_sends_nothing_for_a_day_still_to_come(cli: Cli) -> None:
    """A real sweep dated ahead would send days early, for good, what is due then: only a dry
    run may look ahead."""
    cli("agencies", "import", "agencies.csv")
    cli("task", "add", "--agency", "STC", "--deadline", "2099-12-31", "Kế hoạch")

    assert cli("remind", "--date", "2099-12-24") == (
        1,
        "",
        "nhacviec: 24/12/2099 chưa đến: chỉ xem trước được những gì sẽ gửi hôm đó, với "
        "--dry-run; không gửi gì.\n",
    )
    code, out, _ = cli("remind", "--dry-run", "--date", "2099-12-24")
    assert (code, out.splitlines()[-1]) == (
        0,
        "24/12/2099: sẽ gửi 0 tin nhắc việc, 0 lỗi; 0 lời nhắc đã gửi từ trước.",
    )


# The instance was started (and its start-up check passed) before another one, upgraded first,
# migrated the database; its start-up sweep runs at once, whatever the time of day.
_STARTED_BEFORE_THE_UPGRADE = """
import sys

import bot.app
from bot import cli

cli.upgrade = lambda url: []
bot.app._past_send_time = lambda clock, settings: True
sys.exit(cli.main(["run"]))
"""


@pytest.mark.parametrize("mode", ["polling", "sweep-only"])
async def test_a_running_bot_stops_with_exit_2_once_a_newer_version_migrated_its_database(
    sqlite_url: str, mode: str
) -> None:
    """As at start-up (DatabaseTooNew), exit 2: a restart will not help, the operator must
    upgrade this instance too; until then it writes nothing to a schema it does not know."""
    upgrade(sqlite_url)
    engine = sa.create_engine(sync_url(sqlite_url))
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0018'"))
    engine.dispose()
    async with TelegramServer(TOKEN) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
        env |= {
            "NHACVIEC_TELEGRAM_TOKEN": TOKEN,
            "NHACVIEC_TELEGRAM_BASE_URL": server.base_url,
            "NHACVIEC_TELEGRAM_MODE": mode,
            "NHACVIEC_DATABASE_URL": sqlite_url,
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            _STARTED_BEFORE_THE_UPGRADE,
            env=env,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            _, err = await asyncio.wait_for(process.communicate(), timeout=60)
        finally:
            if process.returncode is None:
                await stop_service(process)

    log = err.decode()
    assert process.returncode == 2, log
    assert "Traceback" not in log
    assert (
        "a newer nhacviec migrated the database to revision 0018 (this one knows up to 0017); "
        "stopping without sending: upgrade this instance too" in log
    )
    assert server.calls("sendMessage") == []


def test_a_catalogue_given_as_a_directive_is_told_where_it_goes(cli: Cli) -> None:
    assert cli("import", "agencies.csv", "--yes") == (
        1,
        "",
        "nhacviec: agencies.csv là danh mục đơn vị, không phải văn bản: nạp bằng nhacviec "
        "agencies import agencies.csv\n",
    )
    assert cli("tasks", "list")[1] == ""


# The commands that only look: the lists, a month's report, a dry-run sweep.
READ_ONLY_LISTS = [
    ("tasks", "list"),
    ("agencies", "list"),
    ("member", "list"),
    ("extensions", "list"),
    ("report", "--month", "01/2023", "--out", "report.xlsx"),
    ("remind", "--dry-run"),
]


@pytest.mark.parametrize("command", READ_ONLY_LISTS, ids=" ".join)
def test_a_list_leaves_an_older_database_to_its_instances_and_says_to_upgrade_it(
    cli: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    """A list is only reading: on the shared database an older release left, migrating it would
    stop the instances still running on it, as the import's dry run knows."""
    url = f"sqlite:///{tmp_path / 'db' / 'n.db'}"
    upgrade(url, to="0013")

    code, out, err = cli(*command)

    assert current_revision(url) == "0013"
    assert (code, out) == (1, "")
    assert err.startswith("nhacviec: cơ sở dữ liệu còn ở phiên bản cũ (bản 0013, phiên bản này")
    assert err.endswith(": hãy chạy nhacviec db upgrade trước\n") and err.count("\n") == 1


@pytest.mark.parametrize("command", READ_ONLY_LISTS, ids=" ".join)
def test_a_list_refuses_a_newer_database_untouched(
    cli: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    cli("db", "upgrade")
    with sqlite3.connect(tmp_path / "db" / "n.db") as database:  # as a later release leaves it
        database.execute("UPDATE alembic_version SET version_num = '9999_future'")
    database.close()

    code, out, err = cli(*command)

    assert (code, out) == (2, "")
    assert err.startswith("nhacviec: cơ sở dữ liệu đã được một phiên bản nhacviec mới hơn")
    assert err.count("\n") == 1


@pytest.mark.parametrize("command", READ_ONLY_LISTS, ids=" ".join)
def test_a_list_without_a_database_creates_none(
    cli: Cli, tmp_path: Path, command: tuple[str, ...]
) -> None:
    code, _, err = cli(*command)

    assert (code, err) == (0, "")
    assert not (tmp_path / "db").exists(), f"{' '.join(command)} created a database"


async def test_with_v_a_failed_start_up_keeps_its_trace_for_whoever_must_see_where(
    sqlite_url: str,
) -> None:
    """Without -v a token Telegram refuses is one line (tests/test_instances.py); `-v` is
    what an operator turns on to see more, and sees python-telegram-bot's trace, token hidden."""
    revoked = "7123456789:AAH-revoked-token-xxxxxxxxxxxxxxx"
    async with TelegramServer(TOKEN) as server:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NHACVIEC_")}
        env |= {
            "NHACVIEC_TELEGRAM_TOKEN": revoked,
            "NHACVIEC_TELEGRAM_BASE_URL": server.base_url,
            "NHACVIEC_DATABASE_URL": sqlite_url,
        }
        process = await _nhacviec(env, "-v", "run")
        _, err = await asyncio.wait_for(process.communicate(), timeout=60)

    log = err.decode()
    assert process.returncode == 2, log
    assert "Traceback" in log and "telegram.error.InvalidToken" in log
    assert log.strip().splitlines()[-1].startswith("nhacviec: Telegram từ chối token của bot: ")
    assert revoked not in log
