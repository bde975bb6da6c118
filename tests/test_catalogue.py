"""The agency catalogue: one name answers for one agency, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from storage import agencies
from storage.agencies import AgencyRow, CatalogueError
from storage.db import Database
from tests.conftest import NOW
from tests.harness import CATALOGUE


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
