"""Measure deadline-phrase accuracy: our grammar against plain dateparser, on the labelled set.

Usage: python bench/bench_deadlines.py [path/to/deadline_phrases.tsv] [--verbose]

A row counts as right when the date (or its absence) and the recurrence both match the label.
dateparser is measured two ways: ``search_dates`` over the phrase taking the last date it finds,
and ``parse`` on the whole phrase. It has no notion of recurrence, so rows labelled with one can
only be right for our grammar.

The labels know four steps (weekly, monthly, quarterly, yearly; tests/data/LABELLING.md): a
six-monthly duty is labelled with no recurrence (its date when the text gives one, else none).
So our "semiannual" is compared as no recurrence; no label is changed.
"""

from __future__ import annotations

import csv
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import dateparser
import dateparser.search

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.deadlines import parse_deadline  # noqa: E402 (after the path is set)
from vncalendar import WorkingCalendar  # noqa: E402

DEFAULT_TSV = ROOT / "tests" / "data" / "deadline_phrases.tsv"


@dataclass(frozen=True)
class Row:
    """One labelled phrase."""

    text: str
    ref: date
    expected: date | None
    recurrence: str | None
    source: str


def load_rows(path: Path) -> list[Row]:
    """Read the labelled TSV: text, ref, expected_deadline, expected_recurrence, source."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t")
        return [
            Row(
                text=record["text"],
                ref=date.fromisoformat(record["ref"]),
                expected=date.fromisoformat(record["expected_deadline"])
                if record["expected_deadline"]
                else None,
                recurrence=record["expected_recurrence"] or None,
                source=record["source"],
            )
            for record in reader
        ]


def _settings(ref: date) -> dict[str, object]:
    return {
        "RELATIVE_BASE": datetime.combine(ref, datetime.min.time()),
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
    }


Guess = tuple[date | None, str | None]


def as_labelled(recurrence: str | None) -> str | None:
    """A recurrence as the labels write it: they know four steps, and give a six-monthly duty
    none (tests/data/LABELLING.md)."""
    return None if recurrence == "semiannual" else recurrence


def ours(row: Row, calendar: WorkingCalendar) -> Guess:
    """Our grammar."""
    deadline = parse_deadline(row.text, row.ref, calendar=calendar)
    return deadline.date, as_labelled(deadline.recurrence)


def dateparser_search(row: Row, calendar: WorkingCalendar) -> Guess:
    """dateparser.search.search_dates, last date found."""
    found = dateparser.search.search_dates(row.text, languages=["vi"], settings=_settings(row.ref))
    return (found[-1][1].date() if found else None), None


def dateparser_parse(row: Row, calendar: WorkingCalendar) -> Guess:
    """dateparser.parse on the whole phrase."""
    parsed = dateparser.parse(row.text, languages=["vi"], settings=_settings(row.ref))
    return (parsed.date() if parsed else None), None


@dataclass
class Score:
    """Accuracy and time of one parser over the set."""

    name: str
    right: int = 0
    total: int = 0
    seconds: float = 0.0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0


def run(
    rows: list[Row], parser: Callable[[Row, WorkingCalendar], Guess], name: str
) -> tuple[Score, list[tuple[Row, Guess]]]:
    """Run one parser over every row, counting right answers and time."""
    calendar = WorkingCalendar()
    score = Score(name)
    misses: list[tuple[Row, Guess]] = []
    for row in rows:
        started = time.perf_counter()
        try:
            guess = parser(row, calendar)
        except Exception:  # a baseline that raises is simply wrong on that row
            guess = (None, "error")
        score.seconds += time.perf_counter() - started
        score.total += 1
        if guess == (row.expected, row.recurrence):
            score.right += 1
        else:
            misses.append((row, guess))
    return score, misses


def main(argv: list[str]) -> int:
    """Print the side-by-side accuracy table; --verbose lists our misses."""
    verbose = "--verbose" in argv
    paths = [a for a in argv if not a.startswith("--")]
    rows = load_rows(Path(paths[0]) if paths else DEFAULT_TSV)
    warnings.filterwarnings("ignore")  # dateparser warns about pytz/locale details
    results = [
        run(rows, ours, "nhacviec grammar"),
        run(rows, dateparser_search, "dateparser search_dates (last)"),
        run(rows, dateparser_parse, "dateparser.parse (whole text)"),
    ]
    dated = sum(1 for r in rows if r.expected is not None)
    recurring = sum(1 for r in rows if r.recurrence is not None)
    print(
        f"{len(rows)} phrases: {dated} with a date, {recurring} recurring, {len(rows) - dated} none"
    )
    print(f"{'parser':34} {'right':>9} {'accuracy':>9} {'ms/phrase':>10}")
    for score, _ in results:
        per_phrase = 1000 * score.seconds / score.total if score.total else 0.0
        print(
            f"{score.name:34} {score.right:>4}/{score.total:<4} {score.accuracy:>8.1%}"
            f" {per_phrase:>10.2f}"
        )
    if verbose:
        for row, guess in results[0][1]:
            print(
                f"MISS {row.ref} {row.text!r}: got {guess}, want {(row.expected, row.recurrence)}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
