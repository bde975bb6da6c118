"""Measure the monthly report: fetching a month, writing its workbook and drawing its chart.

Usage: python bench/bench_report.py [--tasks N ...]

For each N (1 000, 4 000 and 10 000 by default: a province's departments and its 100-170
communes), N tasks due in one month of a fresh SQLite file, spread over the catalogue's
agencies. Prints the milliseconds of each step and, for the workbook, per thousand tasks: about
the same for every N when writing is linear, as it must be for `/report`, which builds the file
on the bot's own event loop. Also the sizes of the workbook and of the chart.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlmodel import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot import reports as report_files  # noqa: E402
from bot.texts import Texts  # noqa: E402
from storage import agencies, reports  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Agency, AgencyRole, Task, TaskAgency  # noqa: E402
from tests.harness import CATALOGUE  # noqa: E402
from vncalendar import VIETNAM_TZ  # noqa: E402

NOW = datetime(2026, 1, 2, 9, tzinfo=VIETNAM_TZ)


async def _month_of(count: int, folder: Path) -> reports.MonthReport:
    url = f"sqlite:///{folder / f'report-{count}.db'}"
    upgrade(url)
    database = Database(url)
    try:
        async with database.session() as session:
            await agencies.import_agencies(session=session, rows=CATALOGUE, now=NOW)
            leads = [a.id for a in (await session.exec(select(Agency))).all() if a.id is not None]
            due = [
                Task(
                    text=f"Nhiệm vụ số {n}",
                    deadline=date(2026, 1, 1 + n % 31),
                    created_at=NOW,
                    updated_at=NOW,
                )
                for n in range(count)
            ]
            session.add_all(due)
            await session.flush()
            session.add_all(
                TaskAgency(task_id=task.id, agency_id=leads[n % len(leads)], role=AgencyRole.LEAD)
                for n, task in enumerate(due)
                if task.id is not None
            )
        started = time.perf_counter()
        async with database.session() as session:
            month = await reports.month_report(
                session=session, year=2026, month=1, today=date(2026, 1, 15), tz=VIETNAM_TZ
            )
        fetched = (time.perf_counter() - started) * 1000
        print(f"{count:>6} tasks: fetched in {fetched:6.0f} ms", end="")
        return month
    finally:
        await database.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, nargs="+", default=[1_000, 4_000, 10_000])
    counts = parser.parse_args().tasks
    texts = Texts("vi")
    with tempfile.TemporaryDirectory() as folder:
        for count in counts:
            month = asyncio.run(_month_of(count, Path(folder)))
            started = time.perf_counter()
            book = report_files.workbook(month, texts)
            written = (time.perf_counter() - started) * 1000
            started = time.perf_counter()
            picture = report_files.chart(month, texts)
            drawn = (time.perf_counter() - started) * 1000
            print(
                f", workbook {written:6.0f} ms ({written / count * 1000:5.0f} ms per 1 000 tasks,"
                f" {len(book) // 1024} KB), chart {drawn:5.0f} ms ({len(picture) // 1024} KB)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
