"""Measure the deadline grammar on long texts: time against length must grow in a line.

Usage: python bench/bench_long_text.py

Each kind of text is read at 25, 50 and 100 KB; a text twice as long should take about twice as
long. Found by fuzzing: a 22 KB sentence of "trong 5 ngày làm việc" took 15 s (each phrase's
sentence searched anew for "để" and "do ... gửi", each phrase tested against all the others), a
22 KB run of digits 217 s (a document-number pattern trying every split of the run).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.deadlines import parse_deadline  # noqa: E402

REF = dt.date(2023, 3, 15)
KINDS = {
    "working days, no full stop": "trong 5 ngày làm việc ",
    "dates after commas": "trước ngày 15/3/2023, ",
    "monthly steps": "hằng tháng ",
    "a run of digits": "9",
    "agencies": "Sở Tài chính ",
}
SIZES_KB = (25, 50, 100)


def main() -> None:
    parse_deadline("trong 5 ngày làm việc", REF)  # loads what a process loads once
    print(f"{'text':30}" + "".join(f"{size:>8} KB" for size in SIZES_KB))
    for name, unit in KINDS.items():
        cells = []
        for size in SIZES_KB:
            text = unit * (size * 1000 // len(unit))
            start = time.perf_counter()
            parse_deadline(text, REF)
            cells.append(f"{time.perf_counter() - start:>9.2f}s")
        print(f"{name:30}" + " ".join(cells))


if __name__ == "__main__":
    main()
