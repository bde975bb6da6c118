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
