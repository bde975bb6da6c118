"""Review of the agency catalogue over the years: imports of updated catalogue files, the
mergers of 2025, names as documents write them, group expansion in both eras."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from bot.cli import main
from storage.models import Role
from tests.harness import running_bot
from vncalendar import VIETNAM_TZ

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """Run `nhacviec ARGS` on a fresh SQLite file; returns (exit code, stdout, stderr)."""
    for name in [n for n in os.environ if n.startswith("NHACVIEC_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("NHACVIEC_DATABASE_URL", f"sqlite:///{tmp_path / 'db' / 'n.db'}")
    monkeypatch.setenv("NHACVIEC_BOT_USERNAME", "tinh_nhacviec_bot")
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


def _listed(cli: Cli) -> list[str]:
    """The agencies' names, as `agencies list` prints them (id and other names left out)."""
    code, out, err = cli("agencies", "list")
    assert (code, err) == (0, "")
    return [line[6:].split("  ")[0] for line in out.splitlines()]


# --------------------------------------------------------------------------------------------
# Re-importing a corrected catalogue file
# --------------------------------------------------------------------------------------------


def test_a_name_corrected_in_the_catalogue_file_is_corrected_in_the_catalogue(
    cli: Cli, tmp_path: Path
) -> None:
    # The first file came out of a spreadsheet that lost its marks; the office fixes it.
    first = _write(tmp_path, "v1.csv", "name,short_name,aliases\nSo Tai chinh,STC,\nSỞ Y TẾ,SYT,\n")
    fixed = _write(tmp_path, "v2.csv", "name,short_name,aliases\nSở Tài chính,STC,\nSở Y tế,SYT,\n")
    cli("agencies", "import", first)

    code, out, _ = cli("agencies", "import", fixed)

    assert code == 0
    assert out == "Đã thêm 0 đơn vị, cập nhật 2; tệp có 2 đơn vị.\n"
    assert _listed(cli) == ["Sở Tài chính", "Sở Y tế"]


def test_an_agency_written_with_a_dash_for_a_comma_is_not_made_twice(
    cli: Cli, tmp_path: Path
) -> None:
    # "Sở Văn hóa, Thể thao và Du lịch" is as often written "Sở Văn hóa - Thể thao và Du lịch":
    # a document reads both as one agency, so the catalogue must not hold two.
    first = _write(
        tmp_path, "v1.csv", 'name,short_name,aliases\n"Sở Văn hóa, Thể thao và Du lịch",,\n'
    )
    again = _write(
        tmp_path, "v2.csv", "name,short_name,aliases\nSở Văn hóa - Thể thao và Du lịch,,\n"
    )
    cli("agencies", "import", first)

    cli("agencies", "import", again)  # updates it, or is refused: either way, one agency

    assert len(_listed(cli)) == 1


def test_two_rows_a_document_cannot_tell_apart_are_refused(cli: Cli, tmp_path: Path) -> None:
    # Documents write "UBND" and "Ủy ban nhân dân", "&" and "và" alike: two rows (or an alias
    # of each) that differ only so would make every document's mention of them a coin toss.
    for rows in (
        "UBND huyện Tân Phú,,\nỦy ban nhân dân huyện Tân Phú,,\n",
        "Sở A,,Sở KH và ĐT\nSở B,,Sở KH&ĐT\n",
    ):
        name = _write(tmp_path, "c.csv", "name,short_name,aliases\n" + rows)

        code, out, err = cli("agencies", "import", name)

        assert (code, out) == (1, ""), rows
        assert err.startswith("nhacviec: c.csv:3: "), err
        assert _listed(cli) == []


# --------------------------------------------------------------------------------------------
# Groups ("UBND các xã, phường", "các địa phương") expanded to the catalogue's agencies
# --------------------------------------------------------------------------------------------


def _letter(issued: str, *tasks: str) -> str:
    return f"Số: 20/UBND-KT\nAn Giang, ngày {issued}\nV/v rà soát hộ nghèo\n" + "".join(
        f"{task}\n" for task in tasks
    )


def _expanded(cli: Cli, tmp_path: Path, catalogue: str, letter: str) -> list[set[str]]:
    """The agencies of each task of the preview, the groups expanded."""
    cli("agencies", "import", _write(tmp_path, "c.csv", "name,short_name,aliases\n" + catalogue))
    code, out, err = cli(
        "import", _write(tmp_path, "cv.txt", letter), "--dry-run", "--expand-groups"
    )
    assert (code, err) == (0, ""), err
    lines = [line.strip() for line in out.splitlines() if line[:5].strip().rstrip(".").isdigit()]
    return [set(line.split(". ", 1)[1].split(" — ")[0].split(", ")) for line in lines]


def test_communes_and_towns_named_in_full_are_members_of_their_groups(
    cli: Cli, tmp_path: Path
) -> None:
    # A catalogue may write "Ủy ban nhân dân" in full, as the commune's seal does: "UBND các xã,
    # phường" and "UBND các huyện, thị xã, thành phố" stand for those too.
    catalogue = (
        "UBND xã Phú Lộc,,\nỦy ban nhân dân phường Tân An,,\n"
        "UBND huyện Tân Phú,,\nỦy ban nhân dân thành phố Biên Hòa,,\n"
    )
    letter = _letter(
        "10 tháng 3 năm 2023",
        "Giao UBND các xã, phường rà soát hộ nghèo, báo cáo trước ngày 31/3/2023.",
        "Giao UBND các huyện, thị xã, thành phố kiểm tra, báo cáo trước ngày 15/4/2023.",
    )

    lines = _expanded(cli, tmp_path, catalogue, letter)

    assert lines == [
        {"UBND xã Phú Lộc", "Ủy ban nhân dân phường Tân An"},
        {"UBND huyện Tân Phú", "Ủy ban nhân dân thành phố Biên Hòa"},
    ]


def test_the_special_zones_of_2025_are_among_ubnd_cac_xa_phuong_dac_khu(
    cli: Cli, tmp_path: Path
) -> None:
    # Since 1 July 2025 the level below the province is communes, wards and special zones (đặc
    # khu Phú Quốc): a 2026 letter to "UBND các xã, phường, đặc khu" is theirs.
    catalogue = "UBND xã Phú Lộc,,\nUBND phường Rạch Giá,,\nUBND đặc khu Phú Quốc,,\n"
    letter = _letter(
        "10 tháng 3 năm 2026",
        "Giao UBND các xã, phường, đặc khu rà soát hộ nghèo, báo cáo trước ngày 31/3/2026.",
    )

    lines = _expanded(cli, tmp_path, catalogue, letter)

    assert lines == [{"UBND xã Phú Lộc", "UBND phường Rạch Giá", "UBND đặc khu Phú Quốc"}]


def test_a_2026_letter_to_the_localities_is_not_given_to_the_abolished_districts(
    cli: Cli, tmp_path: Path
) -> None:
    # The districts kept in the catalogue for their 2023 tasks were abolished on 1 July 2025
    # (and nothing removes an agency from the catalogue): "các địa phương" of a 2026 letter
    # are the communes and wards.
    catalogue = "UBND huyện Tân Phú,,\nUBND xã Phú Lộc,,\nUBND phường Tân An,,\n"
    letter = _letter(
        "10 tháng 3 năm 2026",
        "Giao các địa phương kiểm tra an toàn thực phẩm, báo cáo trước ngày 15/4/2026.",
    )

    lines = _expanded(cli, tmp_path, catalogue, letter)

    assert lines == [{"UBND xã Phú Lộc", "UBND phường Tân An"}]


# --------------------------------------------------------------------------------------------
# Commands find an agency by its names as documents write them
# --------------------------------------------------------------------------------------------


def test_commands_find_an_agency_written_as_documents_write_it(cli: Cli, tmp_path: Path) -> None:
    # The importer reads "UBND phường Tân An" and "Sở Văn hóa - Thể thao và Du lịch" as these
    # agencies of the catalogue; an officer typing them so (invite, task add --agency, /fix
    # chutri) must find them too, not hear that there is no such agency.
    catalogue = (
        "name,short_name,aliases\nỦy ban nhân dân phường Tân An,,\n"
        '"Sở Văn hóa, Thể thao và Du lịch",,\nSở Tài chính,STC,Sở KH&ĐT\n'
    )
    cli("agencies", "import", _write(tmp_path, "c.csv", catalogue))

    for typed, agency in (
        ("UBND phường Tân An", "Ủy ban nhân dân phường Tân An"),
        ("Sở Văn hóa - Thể thao và Du lịch", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở KH và ĐT", "Sở Tài chính"),
    ):
        code, out, err = cli("invite", typed)

        assert (code, err) == (0, ""), err
        assert out.startswith(f"Mã mời của {agency} (vai trò: chuyên viên)"), out


# --------------------------------------------------------------------------------------------
# The 2025 mergers, as an office meets them: its updated catalogue file
# --------------------------------------------------------------------------------------------


def test_an_updated_file_that_makes_an_agency_an_alias_says_to_merge_it(
    cli: Cli, tmp_path: Path
) -> None:
    # The office's 2023 catalogue has Sở Kế hoạch và Đầu tư, with its tasks; the province's
    # 2025 file makes it a former name of Sở Tài chính. The import is refused (rightly: its
    # tasks, groups and members would stay with an agency no document names any more), and
    # the refusal must say the way out, not only that a name is "another agency's".
    before = "name,short_name,aliases\nSở Tài chính,STC,\nSở Kế hoạch và Đầu tư,Sở KH&ĐT,\n"
    after = "name,short_name,aliases\nSở Tài chính,STC,Sở Kế hoạch và Đầu tư;Sở KH&ĐT\n"
    cli("agencies", "import", _write(tmp_path, "2023.csv", before))
    cli("task", "add", "--agency", "Sở KH&ĐT", "--deadline", "31/01/2026", "Ban hành kế hoạch")

    code, out, err = cli("agencies", "import", _write(tmp_path, "2025.csv", after))

    assert (code, out) == (1, "")
    assert 'nhacviec agencies merge "Sở Kế hoạch và Đầu tư" "Sở Tài chính"' in err, err


# --------------------------------------------------------------------------------------------
# Catalogue files as offices make them
# --------------------------------------------------------------------------------------------


def test_a_quote_left_open_refuses_the_file_rather_than_swallow_its_rows(
    cli: Cli, tmp_path: Path
) -> None:
    # A quote opened and not closed (a typo in a spreadsheet cell) runs to the end of the file:
    # the rows after it must not become one agency whose name is the rest of the file.
    catalogue = (
        'name,short_name,aliases\n"Sở Tài chính,STC,\nSở Y tế,SYT,\nSở Xây dựng,SXD,Sở GTVT\n'
    )

    code, out, err = cli("agencies", "import", _write(tmp_path, "c.csv", catalogue))

    assert (code, out) == (1, ""), out
    assert err.startswith("nhacviec: c.csv:2"), err
    assert _listed(cli) == []


def test_a_catalogue_typed_in_combining_unicode_is_read_as_any_other(
    cli: Cli, tmp_path: Path
) -> None:
    # Unikey's "Unicode tổ hợp" (and macOS) write "ở" as "o" + horn + hook: the same names, to
    # the eye and to a document. The groups of a document must find these agencies too.
    catalogue = "name,short_name,aliases\nSở Tài chính,STC,\nSở Y tế,SYT,\nUBND phường Tân An,,\n"
    (tmp_path / "c.csv").write_text(unicodedata.normalize("NFD", catalogue), encoding="utf-8")
    cli("agencies", "import", "c.csv")
    letter = _letter(
        "10 tháng 3 năm 2026",
        "Giao các sở, ban, ngành rà soát hộ nghèo, báo cáo trước ngày 31/3/2026.",
        "Giao UBND các xã, phường kiểm tra, báo cáo trước ngày 15/4/2026.",
    )

    code, out, err = cli(
        "import", _write(tmp_path, "cv.txt", letter), "--dry-run", "--expand-groups"
    )

    assert (code, err) == (0, "")
    assert "  1. Sở Tài chính, Sở Y tế — 31/03/2026\n" in out, out
    assert "  2. UBND phường Tân An — 15/04/2026\n" in out, out
    assert _listed(cli) == ["Sở Tài chính", "Sở Y tế", "UBND phường Tân An"]  # as NFC


def test_a_merger_leaves_todays_agency_one_task_where_a_group_gave_each_a_copy(
    cli: Cli, tmp_path: Path
) -> None:
    # "Giao các sở, ban, ngành ..." was saved as one task for each department. Once Sở Kế hoạch
    # và Đầu tư is merged into Sở Tài chính, Sở Tài chính has the same duty of the same
    # directive twice: two reminders a morning, and closing one leaves the other chased as
    # overdue and escalated.
    catalogue = (
        "name,short_name,aliases\nSở Tài chính,STC,\nSở Kế hoạch và Đầu tư,Sở KH&ĐT,\n"
        "Sở Y tế,SYT,\n"
    )
    letter = _letter(
        "10 tháng 3 năm 2025",
        "Giao các sở, ban, ngành rà soát thủ tục hành chính, báo cáo trước ngày 31/12/2027.",
    )
    cli("agencies", "import", _write(tmp_path, "c.csv", catalogue))
    saved = cli("import", _write(tmp_path, "cv.txt", letter), "--yes", "--expand-groups")
    assert saved[1].splitlines()[-1].startswith("Đã lưu (văn bản #1): 3 nhiệm vụ mới"), saved

    code, _, err = cli("agencies", "merge", "Sở KH&ĐT", "Sở Tài chính")
    listed = cli("tasks", "list", "--agency", "Sở Tài chính")[1]

    assert (code, err) == (0, "")
    assert len(listed.splitlines()) == 1, listed


def test_an_invite_for_an_empty_agency_name_is_refused_in_one_line(
    cli: Cli, tmp_path: Path
) -> None:
    # `nhacviec invite "$AGENCY"` from a script whose variable is empty: one line, no trace.
    cli("agencies", "import", _write(tmp_path, "c.csv", "name,short_name,aliases\nSở Y tế,SYT,\n"))

    code, out, err = cli("invite", "")

    assert (code, out) == (1, "")
    assert err.startswith("nhacviec: ") and err.count("\n") == 1, err


def test_a_catalogue_saved_by_excel_with_vietnamese_settings_is_read(
    cli: Cli, tmp_path: Path
) -> None:
    # Excel under Vietnamese regional settings (list separator ";") saves "CSV UTF-8" with a BOM,
    # CRLF and semicolons, quoting a cell that holds one (the aliases). The office's first file.
    catalogue = (
        "\ufeffname;short_name;aliases\r\n"
        'Sở Tài chính;STC;"Sở Kế hoạch và Đầu tư;Sở KH&ĐT"\r\n'
        "Sở Văn hóa, Thể thao và Du lịch;SVHTTDL;\r\n"
        "Sở Y tế;SYT;\r\n"
    )
    (tmp_path / "c.csv").write_bytes(catalogue.encode("utf-8"))

    code, out, err = cli("agencies", "import", "c.csv")

    assert (code, err) == (0, ""), err
    assert out == "Đã thêm 3 đơn vị, cập nhật 0; tệp có 3 đơn vị.\n"
    assert cli("agencies", "list")[1].splitlines() == [
        "   1  Sở Tài chính  [STC]  (Sở Kế hoạch và Đầu tư; Sở KH&ĐT)",
        "   2  Sở Văn hóa, Thể thao và Du lịch  [SVHTTDL]",
        "   3  Sở Y tế  [SYT]",
    ]


def test_an_agency_given_as_a_number_too_big_for_an_id_is_refused_in_one_line(
    cli: Cli, tmp_path: Path
) -> None:
    # A number is taken as an agency's id (agencies list shows them); one no database can hold
    # (a phone number and a user id pasted together) is no agency, said in one line.
    cli("agencies", "import", _write(tmp_path, "c.csv", "name,short_name,aliases\nSở Y tế,SYT,\n"))

    for args in (("invite", "99999999999999999999"), ("tasks", "list", "--agency", "1" * 20)):
        code, out, err = cli(*args)

        assert (code, out) == (1, ""), args
        assert err.startswith("nhacviec: ") and err.count("\n") == 1, err


def test_a_task_for_ubnd_cac_dac_khu_is_found_and_given_to_the_special_zones(
    cli: Cli, tmp_path: Path
) -> None:
    # A 2026 letter to the special zones alone ("UBND các đặc khu"): today the importer finds
    # no agency in it, so no task at all ("Không tìm thấy nhiệm vụ nào").
    catalogue = "UBND đặc khu Phú Quốc,,\nUBND đặc khu Kiên Hải,,\nUBND xã Phú Lộc,,\n"
    letter = _letter(
        "10 tháng 3 năm 2026",
        "Giao UBND các đặc khu rà soát quy hoạch ven biển, báo cáo trước ngày 31/3/2026.",
    )

    lines = _expanded(cli, tmp_path, catalogue, letter)

    assert lines == [{"UBND đặc khu Phú Quốc", "UBND đặc khu Kiên Hải"}]


async def test_a_catalogue_file_sent_to_the_bot_is_not_read_as_a_directive(sqlite_url: str) -> None:
    # A coordinator on the phone sends the province's updated agencies.csv to the bot. It is
    # not a directive: asking for its date of issue (and then previewing its rows as tasks)
    # misleads; the answer says how a catalogue is loaded.
    catalogue = (
        "name,short_name,aliases\nSở Tài chính,STC,Sở Kế hoạch và Đầu tư;Sở KH&ĐT\n"
        "Sở Xây dựng,SXD,Sở Giao thông vận tải;Sở GTVT\n"
    )
    start = datetime(2026, 3, 6, 9, tzinfo=VIETNAM_TZ)
    async with running_bot(sqlite_url, start=start) as bot:
        bang = bot.server.add_user("Bằng")
        office = bot.server.add_private_chat(bang)
        await bot.register(bang, office, None, Role.COORDINATOR)
        before = len(bot.server.sent_messages(office["id"]))

        bot.server.user_sends_document(office, bang, "agencies.csv", catalogue.encode())
        sent = await bot.server.wait_for_messages(before + 1, chat_id=office["id"], timeout=15)

    answer = sent[before]["text"]
    assert "/fix ngay" not in answer, answer
    assert "nhacviec agencies import" in answer, answer


def test_an_updated_file_that_leaves_an_agency_out_says_so(cli: Cli, tmp_path: Path) -> None:
    # The province's 2025 file lists today's departments only. Sở Kế hoạch và Đầu tư, left
    # out, stays in the catalogue with its open tasks, groups and members: it is still
    # reminded, documents naming it still go to it, "các sở, ban, ngành" still includes it.
    # The import must at least say which agencies the file no longer has (and how to merge).
    before = "name,short_name,aliases\nSở Tài chính,STC,\nSở Kế hoạch và Đầu tư,Sở KH&ĐT,\n"
    after = "name,short_name,aliases\nSở Tài chính,STC,\nSở Nội vụ,SNV,\n"
    cli("agencies", "import", _write(tmp_path, "2023.csv", before))
    cli("task", "add", "--agency", "Sở KH&ĐT", "--deadline", "31/01/2026", "Ban hành kế hoạch")

    code, out, err = cli("agencies", "import", _write(tmp_path, "2025.csv", after))

    assert (code, err) == (0, "")
    assert out.startswith("Đã thêm 1 đơn vị, cập nhật 0; tệp có 2 đơn vị.\n")
    assert "Sở Kế hoạch và Đầu tư" in out, out
