"""The agency catalogue: one name answers for one agency, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from bot import importing
from ingest.agencies import Catalogue, CatalogueEntry
from storage import access, agencies, directives, extensions, tasks
from storage.agencies import AgencyRow, CatalogueError, GivenUp, Learned
from storage.db import Database
from storage.migrate import upgrade
from storage.models import ExtensionRequest, ExtensionStatus, Task, TaskStatus
from storage.names import name_key
from tests.conftest import NOW, Cli
from tests.harness import CATALOGUE
from tests.plans import letter


async def test_a_name_an_agency_of_the_catalogue_has_is_refused_and_nothing_saved(
    db: Database,
) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=CATALOGUE, now=NOW)
    rows = [
        AgencyRow("Sở Xây dựng", "SXD", ("Sở Giao thông vận tải",), line=2),
        AgencyRow("Sở Nội vụ", "SNV", ("Sở KH&ĐT",), line=3),  # Sở Tài chính's former name
    ]

    with pytest.raises(CatalogueError) as refused:
        async with db.session() as session:
            await agencies.import_agencies(session=session, rows=rows, now=NOW, source="new.csv")

    assert (refused.value.problem, refused.value.where, refused.value.details) == (
        "name_in_catalogue",
        "new.csv:3",
        {"name": "Sở KH&ĐT", "agency": "Sở Tài chính", "claimed_as": "alias"},
    )
    async with db.session() as session:
        listed = await agencies.list_agencies(session=session)
        found = await agencies.find_agency(session=session, text="Sở KH&ĐT")
    assert [agency.name for agency in listed] == ["Công an tỉnh", "Sở Tài chính", "Sở Y tế"]
    assert found.name == "Sở Tài chính"


async def test_an_agency_may_answer_to_its_own_name_twice_and_hand_one_over(db: Database) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=CATALOGUE, now=NOW)
    rows = [
        AgencyRow("Sở Tài chính", "STC", ("STC", "Sở Tài Chính")),  # its own names, repeated
        AgencyRow("Sở Xây dựng", "SXD", ("Sở KH&ĐT",)),  # which Sở Tài chính no longer has
    ]

    async with db.session() as session:
        result = await agencies.import_agencies(session=session, rows=rows, now=NOW)
        found = await agencies.find_agency(session=session, text="Sở KH&ĐT")

    assert (result.created, result.updated) == (1, 1)
    assert found.name == "Sở Xây dựng"


# A province's catalogue before the 2025 mergers, as its office keeps it in a spreadsheet.
BEFORE_2025 = [
    AgencyRow("Sở Tài chính", "STC", line=2),
    AgencyRow("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", ("SKHĐT",), line=3),
    AgencyRow("Sở Y tế", "SYT", line=4),
]
MERGED = ["Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "SKHĐT"]


async def _merged_in_2025(db: Database) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
    async with db.session() as session:
        await agencies.merge_agencies(
            session=session, old="Sở Kế hoạch và Đầu tư", into="Sở Tài chính", now=NOW
        )


async def _finance(db: Database, written: str) -> tuple[str, list[str], list[str]]:
    """The agency written names, with its aliases and the names merged into it."""
    async with db.session() as session:
        found = await agencies.find_agency(session=session, text=written)
    return found.name, found.aliases, found.merged_names


async def test_the_old_file_imported_after_a_merge_is_refused_and_the_merge_stands(
    db: Database,
) -> None:
    await _merged_in_2025(db)

    with pytest.raises(CatalogueError) as refused:
        async with db.session() as session:
            await agencies.import_agencies(
                session=session, rows=BEFORE_2025, now=NOW, source="agencies.csv"
            )

    assert (refused.value.problem, refused.value.where, refused.value.details) == (
        "merged_away",
        "agencies.csv:3",
        {"name": "Sở Kế hoạch và Đầu tư", "agency": "Sở Tài chính", "claimed_as": "name"},
    )
    async with db.session() as session:
        listed = [agency.name for agency in await agencies.list_agencies(session=session)]
    assert listed == ["Sở Tài chính", "Sở Y tế"]  # no empty "Sở Kế hoạch và Đầu tư" again
    assert await _finance(db, "SKHĐT") == ("Sở Tài chính", [], MERGED)


async def test_todays_file_sets_the_aliases_and_the_merged_names_stay(db: Database) -> None:
    await _merged_in_2025(db)
    today = [AgencyRow("Sở Tài chính", "STC", ("Sở TC",)), AgencyRow("Sở Y tế", "SYT")]

    async with db.session() as session:
        first = await agencies.import_agencies(session=session, rows=today, now=NOW)
    async with db.session() as session:
        second = await agencies.import_agencies(session=session, rows=today, now=NOW)

    assert (first.created, first.updated) == (0, 1)
    assert (second.created, second.updated) == (0, 0)
    assert await _finance(db, "Sở TC") == ("Sở Tài chính", ["Sở TC"], MERGED)
    assert await _finance(db, "so ke hoach va dau tu") == ("Sở Tài chính", ["Sở TC"], MERGED)


async def test_a_merged_name_is_todays_agencys_alone(db: Database) -> None:
    await _merged_in_2025(db)
    # The file changed as offices did before merges were kept: the old names as aliases.
    listed_as_alias = [AgencyRow("Sở Tài chính", "STC", ("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"))]
    given_away = [AgencyRow("Sở Xây dựng", "SXD", ("SKHĐT",), line=2)]

    async with db.session() as session:
        result = await agencies.import_agencies(session=session, rows=listed_as_alias, now=NOW)
    with pytest.raises(CatalogueError) as refused:
        async with db.session() as session:
            await agencies.import_agencies(
                session=session, rows=given_away, now=NOW, source="new.csv"
            )

    assert (result.created, result.updated) == (0, 1)
    assert (refused.value.problem, refused.value.where, refused.value.details) == (
        "merged_away",
        "new.csv:2",
        {"name": "SKHĐT", "agency": "Sở Tài chính", "claimed_as": "alias"},
    )
    assert await _finance(db, "SKHĐT") == (
        "Sở Tài chính",
        ["Sở Kế hoạch và Đầu tư", "Sở KH&ĐT"],
        MERGED,
    )


@pytest.mark.parametrize(
    ("catalogued", "written"),
    [
        ("Ủy ban nhân dân phường Tân An", "UBND phường Tân An"),
        ("UBND phường Tân An", "Ủy ban nhân dân phường Tân An"),
        ("Sở Văn hóa, Thể thao và Du lịch", "Sở Văn hóa – Thể thao và Du lịch"),
        ("Sở KH&ĐT", "Sở KH và ĐT"),
        ("So Tai chinh", "SỞ TÀI CHÍNH"),
        ("Sở Tài chính", unicodedata.normalize("NFD", "Sở Tài chính")),
        ("HĐND tỉnh", "Hội đồng nhân dân tỉnh"),
        ("Ủy ban MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc tỉnh"),
        ("UBND TP. Hà Tiên", "UBND thành phố Hà Tiên"),
        ("Sở Y tế", "Sở Yte"),
        ("Sở Y tế", "Sở Tài chính"),
        ("UBND phường Tân An", "UBND xã Tân An"),
        ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch"),
    ],
)
def test_the_catalogue_holds_alike_the_names_a_document_reads_alike(
    catalogued: str, written: str
) -> None:
    # storage cannot import the reader of documents: its key must give the reader's answers.
    # Either way round: the reader finds "Ủy ban Mặt trận Tổ quốc tỉnh" where a document
    # writes "Ủy ban MTTQ tỉnh", so a catalogue holding both could not tell them apart.
    read_alike = any(
        Catalogue([CatalogueEntry(name)]).lookup(other) is not None
        for name, other in ((catalogued, written), (written, catalogued))
    )

    assert (name_key(catalogued) == name_key(written)) is read_alike


async def test_an_alias_that_is_a_left_out_agencys_short_name_says_to_merge_it(
    db: Database,
) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
    today = [AgencyRow("Sở Tài chính", "STC", ("Sở KH và ĐT",), line=2)]

    with pytest.raises(CatalogueError) as refused:
        async with db.session() as session:
            await agencies.import_agencies(session=session, rows=today, now=NOW, source="c.csv")

    assert (refused.value.problem, refused.value.where, refused.value.details) == (
        "not_merged",
        "c.csv:2",
        {
            "name": "Sở KH và ĐT",
            "agency": "Sở Kế hoạch và Đầu tư",
            "into": "Sở Tài chính",
            "claimed_as": "short_name",
        },
    )


async def test_an_import_names_the_agencies_its_file_leaves_out(db: Database) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
    today = [AgencyRow("Sở Tài chính", "STC"), AgencyRow("Ủy ban nhân dân phường Tân An")]

    async with db.session() as session:
        result = await agencies.import_agencies(session=session, rows=today, now=NOW)

    assert (result.created, result.updated) == (1, 0)
    assert result.left_out == ("Sở Kế hoạch và Đầu tư", "Sở Y tế")


@pytest.mark.parametrize("todays_asked", [False, True])
async def test_a_merger_withdraws_the_copies_a_group_gave_each_agency(
    db: Database, todays_asked: bool
) -> None:
    # "Giao các sở, ban, ngành ..." saved one task per department; an extension request waits
    # on the old department's copy (and, in the second case, on today's own task too).
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=BEFORE_2025, now=NOW)
        by_short = {a.short_name: a for a in await agencies.list_agencies(session=session)}
        letter = await directives.add_directive(session=session, now=NOW, number="20/UBND-KT")
        ids: dict[str | None, list[int]] = {}
        for short, text in (
            ("STC", "Rà soát thủ tục hành chính"),
            ("Sở KH&ĐT", "Rà soát thủ tục hành chính"),
            ("SYT", "Rà soát thủ tục hành chính"),
            ("Sở KH&ĐT", "Báo cáo tình hình"),  # its own duty: no copy of Sở Tài chính's
        ):
            agency_id = by_short[short].id
            assert agency_id is not None
            task = await tasks.add_task(
                session=session,
                text=text,
                lead_agency_id=agency_id,
                deadline=date(2027, 12, 31),
                directive_id=letter.id,
                now=NOW,
            )
            assert task.id is not None
            ids.setdefault(short, []).append(task.id)
        requests = []
        for short in ("Sở KH&ĐT", "STC") if todays_asked else ("Sở KH&ĐT",):
            request, _ = await extensions.request_extension(
                session=session,
                caller=access.Caller(5, by_short[short], is_coordinator=False),
                chat_id=-100,
                task_id=ids[short][0],
                new_deadline=date(2028, 1, 31),
                reason=None,
                today=date(2027, 12, 1),
                now=NOW,
                lead_days=7,
                chased_until=lambda deadline: deadline,
            )
            requests.append(request.id)
    (finance,), (copy, own) = ids["STC"], ids["Sở KH&ĐT"]

    async with db.session() as session:
        merged = await agencies.merge_agencies(
            session=session,
            old="Sở KH&ĐT",
            into="Sở Tài chính",
            now=NOW,
            copy_reason=lambda kept: f"copy of #{kept}",
        )

    assert (merged.tasks, merged.copies) == (2, ((copy, finance),))
    assert merged.pending_extensions == 0 if todays_asked else 1
    async with db.session() as session:
        finance_id = (await agencies.find_agency(session=session, text="STC")).id
        still_open = await tasks.open_tasks(session=session, agency_id=finance_id)
        closed = await session.get(Task, copy)
        asked = await session.get(ExtensionRequest, requests[0])
        trail = await tasks.audit_trail(session=session, task_id=copy)
    assert [view.id for view in still_open] == [finance, own]
    # Withdrawn, not done: the month's report must not count the copy as done on time.
    assert closed is not None and (closed.status, closed.done_note) == (
        TaskStatus.WITHDRAWN,
        f"copy of #{finance}",
    )
    assert [(e.action, e.detail) for e in trail if e.action == "withdrawn"] == [
        ("withdrawn", f"copy of #{finance}")
    ]
    async with db.session() as session:
        kept_trail = await tasks.audit_trail(session=session, task_id=finance)
    assert [(e.action, e.detail) for e in kept_trail if e.action == "copy_withdrawn"] == [
        ("copy_withdrawn", f"#{copy} withdrawn as its copy")
    ]
    assert asked is not None
    if todays_asked:  # today's task has a request of its own: the copy's expires
        assert (asked.task_id, asked.status) == (copy, ExtensionStatus.EXPIRED)
    else:  # the same duty, the same deadline: the request waits on the task kept
        assert (asked.task_id, asked.status) == (finance, ExtensionStatus.PENDING)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('name,short_name,aliases\nSở Y tế,SYT,\n"Sở Tài chính,STC,\nSở Xây dựng,SXD,\n', 3),
        ('name,short_name,aliases\nSở Y tế,SYT,\n"Sở" Tài chính,STC,\n', 3),
    ],
)
def test_a_catalogue_with_a_quote_out_of_place_is_refused_at_its_row(
    tmp_path: Path, text: str, line: int
) -> None:
    (tmp_path / "c.csv").write_text(text, encoding="utf-8")

    with pytest.raises(CatalogueError) as refused:
        agencies.read_catalogue(tmp_path / "c.csv")

    assert (refused.value.problem, refused.value.where) == (
        "bad_quotes",
        f"{tmp_path}/c.csv:{line}",
    )


def test_a_catalogue_with_commas_in_its_header_keeps_semicolons_for_the_aliases(
    tmp_path: Path,
) -> None:
    (tmp_path / "c.csv").write_text(
        'name,short_name,aliases\nSở Tài chính;x,STC,"Sở KH&ĐT;Sở Kế hoạch và Đầu tư"\n',
        encoding="utf-8",
    )

    assert agencies.read_catalogue(tmp_path / "c.csv") == [
        AgencyRow("Sở Tài chính;x", "STC", ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"), line=2)
    ]


# --------------------------------------------------------------------------------------------
# The catalogue file as an office keeps it, imported again and again (nhacviec agencies import)
# --------------------------------------------------------------------------------------------


def _write(tmp_path: Path, name: str, text: str) -> str:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return name


def _listed(cli: Cli) -> list[str]:
    """The agencies' names, as `agencies list` prints them (id and other names left out)."""
    code, out, err = cli("agencies", "list")
    assert (code, err) == (0, "")
    return [line[6:].split("  ")[0] for line in out.splitlines()]


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


def test_a_quote_left_open_refuses_the_file_rather_than_swallow_its_rows(
    cli: Cli, tmp_path: Path
) -> None:
    # A quote opened and not closed (a typo in a spreadsheet cell) runs to the end of the file:
    # the rows after it must not become one agency whose name is the rest of the file.
    catalogue = (
        'name,short_name,aliases\n"Sở Tài chính,STC,\nSở Y tế,SYT,\nSở Xây dựng,SXD,Sở GTVT\n'
    )

    code, out, err = cli("agencies", "import", _write(tmp_path, "c.csv", catalogue))

    assert err.startswith("nhacviec: c.csv:2"), err
    assert (code, out) == (1, ""), out
    assert _listed(cli) == []


def test_a_catalogue_typed_in_combining_unicode_is_read_as_any_other(
    cli: Cli, tmp_path: Path
) -> None:
    # Unikey's "Unicode tổ hợp" (and macOS) write "ở" as "o" + horn + hook: the same names, to
    # the eye and to a document. The groups of a document must find these agencies too.
    catalogue = "name,short_name,aliases\nSở Tài chính,STC,\nSở Y tế,SYT,\nUBND phường Tân An,,\n"
    (tmp_path / "c.csv").write_text(unicodedata.normalize("NFD", catalogue), encoding="utf-8")
    cli("agencies", "import", "c.csv")
    to_all = letter(
        "10 tháng 3 năm 2026",
        "Giao các sở, ban, ngành rà soát hộ nghèo, báo cáo trước ngày 31/3/2026.",
        "Giao UBND các xã, phường kiểm tra, báo cáo trước ngày 15/4/2026.",
    )

    code, out, err = cli(
        "import", _write(tmp_path, "cv.txt", to_all), "--dry-run", "--expand-groups"
    )

    assert (code, err) == (0, "")
    assert "  1. Sở Tài chính, Sở Y tế — 31/03/2026\n" in out, out
    assert "  2. UBND phường Tân An — 15/04/2026\n" in out, out
    assert _listed(cli) == ["Sở Tài chính", "Sở Y tế", "UBND phường Tân An"]  # as NFC


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


# The 2025 mergers, as an office meets them: its updated catalogue file.
BEFORE_2025_CSV = "name,short_name,aliases\nSở Tài chính,STC,\nSở Kế hoạch và Đầu tư,Sở KH&ĐT,\n"


def _updated_after_tasks_of_2023(cli: Cli, tmp_path: Path, after: str) -> tuple[int, str, str]:
    """The 2023 catalogue imported, a task given to Sở KH&ĐT, then the 2025 file (after)."""
    cli("agencies", "import", _write(tmp_path, "2023.csv", BEFORE_2025_CSV))
    cli("task", "add", "--agency", "Sở KH&ĐT", "--deadline", "31/01/2026", "Ban hành kế hoạch")
    return cli("agencies", "import", _write(tmp_path, "2025.csv", after))


def test_an_updated_file_that_makes_an_agency_an_alias_says_to_merge_it(
    cli: Cli, tmp_path: Path
) -> None:
    # The office's 2023 catalogue has Sở Kế hoạch và Đầu tư, with its tasks; the province's
    # 2025 file makes it a former name of Sở Tài chính. The import is refused (rightly: its
    # tasks, groups and members would stay with an agency no document names any more), and
    # the refusal must say the way out, not only that a name is "another agency's".
    after = "name,short_name,aliases\nSở Tài chính,STC,Sở Kế hoạch và Đầu tư;Sở KH&ĐT\n"

    code, out, err = _updated_after_tasks_of_2023(cli, tmp_path, after)

    assert (code, out) == (1, "")
    assert 'nhacviec agencies merge "Sở Kế hoạch và Đầu tư" "Sở Tài chính"' in err, err


def test_an_updated_file_that_leaves_an_agency_out_says_so(cli: Cli, tmp_path: Path) -> None:
    # The province's 2025 file lists today's departments only. Sở Kế hoạch và Đầu tư, left
    # out, stays in the catalogue with its open tasks, groups and members: it is still
    # reminded, documents naming it still go to it, "các sở, ban, ngành" still includes it.
    # The import must at least say which agencies the file no longer has (and how to merge).
    today = "name,short_name,aliases\nSở Tài chính,STC,\nSở Nội vụ,SNV,\n"

    imported = _updated_after_tasks_of_2023(cli, tmp_path, today)

    code, out, err = imported
    assert (code, err) == (0, "")
    assert out.startswith("Đã thêm 1 đơn vị, cập nhật 0; tệp có 2 đơn vị.\n")
    assert "Sở Kế hoạch và Đầu tư" in out, out


def test_a_merger_leaves_todays_agency_one_task_where_a_group_gave_each_a_copy(
    cli: Cli, tmp_path: Path
) -> None:
    # "Giao các sở, ban, ngành ..." was saved as one task for each department. Once Sở Kế hoạch
    # và Đầu tư is merged into Sở Tài chính, Sở Tài chính has the same duty of the same
    # directive twice: two reminders a morning, and closing one leaves the other chased as
    # overdue and escalated.
    to_departments = letter(
        "10 tháng 3 năm 2025",
        "Giao các sở, ban, ngành rà soát thủ tục hành chính, báo cáo trước ngày 31/12/2027.",
    )
    cli("agencies", "import", _write(tmp_path, "c.csv", BEFORE_2025_CSV + "Sở Y tế,SYT,\n"))
    saved = cli("import", _write(tmp_path, "cv.txt", to_departments), "--yes", "--expand-groups")
    assert saved[1].splitlines()[-1].startswith("Đã lưu (văn bản #1): 3 nhiệm vụ mới"), saved

    code, _, err = cli("agencies", "merge", "Sở KH&ĐT", "Sở Tài chính")
    listed = cli("tasks", "list", "--agency", "Sở Tài chính")[1]

    assert (code, err) == (0, "")
    assert len(listed.splitlines()) == 1, listed


# --------------------------------------------------------------------------------------------
# Names learned from the officers' mappings when an import is saved
# --------------------------------------------------------------------------------------------

DISTRICT = [
    AgencyRow("Phòng Kinh tế - Hạ tầng", "Phòng KTHT"),
    AgencyRow("UBND huyện Tân Phú", "UBND huyện"),
]
# A district's letter that writes its own name for the office, and gives the communes' committees
# ("UBND các xã", a group) and Sở Y tế (in the catalogue) work.
LETTER = """Số: 15/UBND-KT
Tân Phú, ngày 01 tháng 03 năm 2024
V/v rà soát công trình
1. Giao Phòng KT-HT huyện A rà soát các công trình xây dựng, báo cáo trước ngày 15/4/2024.
2. Giao UBND các xã rà soát hộ nghèo, báo cáo trước ngày 20/4/2024.
3. Giao Sở Y tế kiểm tra an toàn thực phẩm, báo cáo trước ngày 25/4/2024.
"""
NEXT_LETTER = """Số: 16/UBND-KT
Tân Phú, ngày 05 tháng 03 năm 2024
V/v kiểm tra đường giao thông
Giao Phòng KT-HT huyện A chủ trì, phối hợp Sở Tài chính kiểm tra đường giao thông nông thôn, \
báo cáo trước ngày 30/4/2024.
"""


async def _plan(db: Database, text: str, **mappings: str) -> importing.ImportPlan:
    async with db.session() as session:
        return await importing.read_and_plan(
            session=session,
            data=text.encode(),
            filename="cong-van.txt",
            max_bytes=1_000_000,
            corrections=importing.Corrections(mappings=mappings),
        )


async def _save(db: Database, text: str, mappings: dict[str, str]) -> importing.SavedImport:
    """Import a document with the officer's mappings (WRITTEN: AGENCY) and save it."""
    async with db.session() as session:
        plan = await importing.read_and_plan(
            session=session,
            data=text.encode(),
            filename="cong-van.txt",
            max_bytes=1_000_000,
            corrections=importing.Corrections(mappings=mappings),
        )
        return await importing.save_plan(session=session, plan=plan, now=NOW)


async def _learned(db: Database) -> dict[str, list[str]]:
    async with db.session() as session:
        return {
            agency.name: agency.learned_names
            for agency in await agencies.list_agencies(session=session)
            if agency.learned_names
        }


async def _district(db: Database) -> None:
    async with db.session() as session:
        await agencies.import_agencies(session=session, rows=[*CATALOGUE, *DISTRICT], now=NOW)


async def test_a_name_an_officer_maps_is_learned_when_the_import_is_saved(db: Database) -> None:
    await _district(db)
    before = await _plan(db, NEXT_LETTER)

    saved = await _save(db, LETTER, {"Phòng KT-HT huyện A": "Phòng Kinh tế - Hạ tầng"})
    after = await _plan(db, NEXT_LETTER)
    async with db.session() as session:
        found = await agencies.find_agency(session=session, text="phong kt-ht huyen a")

    assert before.tasks[0].problem == importing.Problem("unknown_agency", "Phòng KT-HT huyện A")
    assert len(saved.saved.added) == 2  # the communes' task waits for the officer
    assert saved.learned == (Learned("Phòng KT-HT huyện A", "Phòng Kinh tế - Hạ tầng"),)
    assert await _learned(db) == {"Phòng Kinh tế - Hạ tầng": ["Phòng KT-HT huyện A"]}
    # The next document that writes it needs no mapping, and commands find it too.
    assert [(a.name, t.problem) for t in after.tasks for a in t.leads] == [
        ("Phòng Kinh tế - Hạ tầng", None)
    ]
    assert found.name == "Phòng Kinh tế - Hạ tầng"


async def test_a_group_or_a_name_an_agency_answers_to_is_not_learned(db: Database) -> None:
    await _district(db)
    mappings = {
        "UBND các xã": "UBND huyện Tân Phú",  # a group: these communes, in this letter
        "Sở Y tế": "Sở Tài chính",  # another agency's name: for this letter only
        "Phòng KT-HT huyện A": "Phòng Kinh tế - Hạ tầng",  # a name no agency has
    }

    saved = await _save(db, LETTER, mappings)
    plan = await _plan(db, LETTER.replace("Số: 15/", "Số: 17/"))  # the next letter, alike

    assert len(saved.saved.added) == 3
    assert saved.learned == (Learned("Phòng KT-HT huyện A", "Phòng Kinh tế - Hạ tầng"),)
    assert await _learned(db) == {"Phòng Kinh tế - Hạ tầng": ["Phòng KT-HT huyện A"]}
    assert plan.tasks[2].leads[0].name == "Sở Y tế"  # as the document writes it, again
    assert plan.tasks[1].problem is not None  # the communes' committees: a group again


async def test_a_name_every_district_or_commune_has_is_not_learned(db: Database) -> None:
    await _district(db)
    letter = LETTER.replace("Phòng KT-HT huyện A", "Phòng Kinh tế hạ tầng huyện")

    saved = await _save(db, letter, {"Phòng Kinh tế hạ tầng huyện": "Phòng Kinh tế - Hạ tầng"})

    assert len(saved.saved.added) == 2  # mapped for this letter, where it means its district
    assert saved.learned == ()  # but another letter may mean another district's
    assert await _learned(db) == {}

    # Nor a kind of unit every district has, which would take another district's tasks.
    generic = LETTER.replace("Số: 15/", "Số: 18/").replace("Phòng KT-HT huyện A", "Trung tâm Y tế")
    saved = await _save(db, generic, {"Trung tâm Y tế": "Phòng Kinh tế - Hạ tầng"})
    assert saved.learned == ()


async def test_only_a_name_no_agency_answers_to_is_learned(db: Database) -> None:
    await _district(db)
    async with db.session() as session:
        ids = {a.name: a.id for a in await agencies.list_agencies(session=session) if a.id}
        await agencies.merge_agencies(
            session=session, old="UBND huyện Tân Phú", into="Sở Y tế", now=NOW
        )
    office, finance = ids["Phòng Kinh tế - Hạ tầng"], ids["Sở Tài chính"]

    async with db.session() as session:
        first = await agencies.learn_names(
            session=session,
            names={
                "sở kh&đt": office,  # Sở Tài chính's alias, in other letters
                "Phòng KTHT": finance,  # the office's short name
                "UBND huyện": office,  # merged into Sở Y tế
                " Phòng KT-HT huyện A ": office,
                "PHÒNG KT-HT HUYỆN A": finance,  # the same name, twice in one save
            },
        )
    async with db.session() as session:
        again = await agencies.learn_names(session=session, names={"Phong KT-HT huyen A": office})

    assert first == (Learned("Phòng KT-HT huyện A", "Phòng Kinh tế - Hạ tầng"),)
    assert again == ()  # learned by the office already
    assert await _learned(db) == {"Phòng Kinh tế - Hạ tầng": ["Phòng KT-HT huyện A"]}


async def test_a_learned_name_the_officer_gives_to_another_agency_moves_there(
    db: Database,
) -> None:
    await _district(db)
    await _save(db, LETTER, {"Phòng KT-HT huyện A": "Phòng Kinh tế - Hạ tầng"})
    learned = await _plan(db, NEXT_LETTER)

    # The next letter's officer knows better: that office is now part of Sở Tài chính.
    saved = await _save(db, NEXT_LETTER, {"Phòng KT-HT huyện A": "Sở Tài chính"})
    after = await _plan(db, LETTER.replace("Số: 15/", "Số: 19/"))

    assert learned.tasks[0].leads[0].name == "Phòng Kinh tế - Hạ tầng"
    assert saved.learned == (
        Learned("Phòng KT-HT huyện A", "Sở Tài chính", instead_of="Phòng Kinh tế - Hạ tầng"),
    )
    assert await _learned(db) == {"Sở Tài chính": ["Phòng KT-HT huyện A"]}
    assert after.tasks[0].leads[0].name == "Sở Tài chính"


async def _learned_by_the_office(db: Database) -> None:
    await _district(db)
    await _save(db, LETTER, {"Phòng KT-HT huyện A": "Phòng Kinh tế - Hạ tầng"})


async def test_a_catalogue_file_keeps_the_learned_names(db: Database) -> None:
    await _learned_by_the_office(db)
    today = [AgencyRow("Phòng Kinh tế - Hạ tầng", "Phòng KT&HT"), AgencyRow("Sở Y tế", "SYT")]

    async with db.session() as session:
        result = await agencies.import_agencies(session=session, rows=today, now=NOW)

    assert (result.created, result.updated, result.given_up) == (0, 1, ())
    assert await _learned(db) == {"Phòng Kinh tế - Hạ tầng": ["Phòng KT-HT huyện A"]}


async def test_a_row_that_claims_a_learned_name_takes_it_and_the_import_says_so(
    db: Database,
) -> None:
    await _learned_by_the_office(db)
    # The district's own office, now in the catalogue, under the name the letters gave it.
    rows = [AgencyRow("Phòng Kinh tế - Hạ tầng huyện A", "phòng KT-HT huyện A", line=4)]

    async with db.session() as session:
        result = await agencies.import_agencies(
            session=session, rows=rows, now=NOW, source="agencies.csv"
        )
    plan = await _plan(db, NEXT_LETTER)

    assert (result.created, result.updated) == (1, 0)
    assert result.given_up == (
        GivenUp(
            "Phòng KT-HT huyện A", "Phòng Kinh tế - Hạ tầng", "Phòng Kinh tế - Hạ tầng huyện A", 4
        ),
    )
    assert await _learned(db) == {}
    assert plan.tasks[0].leads[0].name == "Phòng Kinh tế - Hạ tầng huyện A"


async def test_an_agencys_own_row_that_gives_its_learned_name_keeps_it_as_an_alias(
    db: Database,
) -> None:
    await _learned_by_the_office(db)
    assert await _learned(db) == {"Phòng Kinh tế - Hạ tầng": ["Phòng KT-HT huyện A"]}
    rows = [AgencyRow("Phòng Kinh tế - Hạ tầng", "Phòng KTHT", ("Phòng KT-HT huyện A",))]

    async with db.session() as session:
        result = await agencies.import_agencies(session=session, rows=rows, now=NOW)
        found = await agencies.find_agency(session=session, text="Phòng KT-HT huyện A")

    assert (result.updated, result.given_up) == (1, ())  # it gave up nothing
    assert await _learned(db) == {}
    assert (found.name, found.aliases) == ("Phòng Kinh tế - Hạ tầng", ["Phòng KT-HT huyện A"])


async def test_a_merger_hands_the_learned_names_to_todays_agency(db: Database) -> None:
    await _learned_by_the_office(db)

    async with db.session() as session:
        merged = await agencies.merge_agencies(
            session=session, old="Phòng Kinh tế - Hạ tầng", into="UBND huyện Tân Phú", now=NOW
        )
    plan = await _plan(db, NEXT_LETTER)

    assert merged.merged_names == ("Phòng Kinh tế - Hạ tầng", "Phòng KTHT")
    assert merged.learned_names == ("Phòng KT-HT huyện A",)
    assert await _learned(db) == {"UBND huyện Tân Phú": ["Phòng KT-HT huyện A"]}
    assert plan.tasks[0].leads[0].name == "UBND huyện Tân Phú"


async def test_a_learned_name_is_forgotten_and_only_a_learned_one(db: Database) -> None:
    await _learned_by_the_office(db)

    async with db.session() as session:
        forgotten = await agencies.forget_name(session=session, name="phong kt-ht huyen a")
    refusals = []
    for name in ("Phòng KT-HT huyện A", "Sở KH&ĐT", "Phòng Kinh tế - Hạ tầng", "Sở Ngoại vụ"):
        with pytest.raises(agencies.NotLearned) as refused:
            async with db.session() as session:
                await agencies.forget_name(session=session, name=name)
        refusals.append((refused.value.agency, refused.value.claimed_as))
    plan = await _plan(db, NEXT_LETTER)

    assert forgotten == Learned("Phòng KT-HT huyện A", "Phòng Kinh tế - Hạ tầng")
    assert refusals == [
        (None, None),  # forgotten already
        ("Sở Tài chính", "alias"),
        ("Phòng Kinh tế - Hạ tầng", "name"),
        (None, None),
    ]
    assert await _learned(db) == {}
    assert plan.tasks[0].problem == importing.Problem("unknown_agency", "Phòng KT-HT huyện A")


async def test_two_saves_at_the_same_moment_teach_a_name_to_one_agency_only(
    postgres_url: str,
) -> None:
    upgrade(postgres_url)
    database = Database(postgres_url)
    try:
        async with database.session() as session:
            await agencies.import_agencies(session=session, rows=[*CATALOGUE, *DISTRICT], now=NOW)
            ids = {a.name: a.id for a in await agencies.list_agencies(session=session) if a.id}
        first_learned = asyncio.Event()

        async def learn(agency: str, wait: bool) -> tuple[Learned, ...]:
            async with database.session() as session:
                learned = await agencies.learn_names(
                    session=session, names={"Phòng KT-HT huyện A": ids[agency]}
                )
                if wait:  # hold the transaction open while the other one tries
                    first_learned.set()
                    await asyncio.sleep(0.5)
                return learned

        async def second() -> tuple[Learned, ...]:
            await first_learned.wait()
            return await learn("UBND huyện Tân Phú", wait=False)

        one, other = await asyncio.gather(learn("Phòng Kinh tế - Hạ tầng", wait=True), second())

        # The second waited for the first, saw the name taken and moved it: one agency has it.
        assert one == (Learned("Phòng KT-HT huyện A", "Phòng Kinh tế - Hạ tầng"),)
        assert other == (
            Learned("Phòng KT-HT huyện A", "UBND huyện Tân Phú", "Phòng Kinh tế - Hạ tầng"),
        )
        assert await _learned(database) == {"UBND huyện Tân Phú": ["Phòng KT-HT huyện A"]}
    finally:
        await database.dispose()


async def test_agencies_are_listed_in_the_vietnamese_alphabets_order(db: Database) -> None:
    """Đ after D, Ư after U, Ơ after O, and tones only where the letters are alike: a code-point
    sort (or a database's collation) would put "Ủy ban" after "Văn phòng" and "Đài" after "Y"."""
    names = [
        "Văn phòng UBND tỉnh",
        "Ủy ban nhân dân huyện Tân Hiệp",
        "Sở Y tế",
        "Đài Phát thanh và Truyền hình",
        "Sở Nội vụ",
        "Sở Ngoại vụ",
        "Công an tỉnh",
        "Cục Thuế tỉnh",
        "Sở Tư pháp",
        "Sở Tài chính",
    ]
    async with db.session() as session:
        await agencies.import_agencies(
            session=session, rows=[AgencyRow(name) for name in names], now=NOW
        )
        listed = [agency.name for agency in await agencies.list_agencies(session=session)]

    assert listed == [
        "Công an tỉnh",
        "Cục Thuế tỉnh",
        "Đài Phát thanh và Truyền hình",
        "Sở Ngoại vụ",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Sở Tư pháp",
        "Sở Y tế",
        "Ủy ban nhân dân huyện Tân Hiệp",
        "Văn phòng UBND tỉnh",
    ]
