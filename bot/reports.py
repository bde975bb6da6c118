"""The monthly report as files: an Excel workbook and a bar chart, in the bot's language."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import replace

# The object API of matplotlib, not pyplot: no global state, no screen needed on a server.
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from bot.texts import Texts
from storage.reports import AgencyLine, MonthReport

OUTCOMES = ("on_time", "late", "overdue", "pending")
# Real date cells, shown as people write dates here: Excel sorts and filters them as dates.
DATE_FORMAT = "dd/mm/yyyy"
COLOURS = {"on_time": "#2e7d32", "late": "#f9a825", "overdue": "#c62828", "pending": "#90a4ae"}
# Bars the chart shows at most, the last summing the agencies with fewest tasks due: a province
# has 100-170 communes, and a chart for all of them is a photo Telegram refuses (sides adding up
# to over 10000 px) or shrinks until no name can be read. The workbook lists every agency.
MAX_BARS = 25


def month_label(report: MonthReport) -> str:
    return f"{report.month:02d}/{report.year}"


def _append(sheet: Worksheet, values: Iterable[object]) -> None:
    """Add a row, each string in it written as text."""
    row: list[object] = []
    for value in values:
        if isinstance(value, str):
            # Control characters make openpyxl refuse the whole file (a vertical tab copied out
            # of Word); and a string is text even when it begins with "=" ("=> đã gửi",
            # '=HYPERLINK(...)' in a document), which openpyxl would write as a live formula.
            value = cell = Cell(sheet, value=ILLEGAL_CHARACTERS_RE.sub(" ", value))
            cell.data_type = "s"
        row.append(value)
    sheet.append(row)


def workbook(report: MonthReport, texts: Texts) -> bytes:
    """Two sheets: the count per agency, and every task with its outcome."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = texts("report_sheet_summary")
    _append(summary, [texts("report_title", month=month_label(report))])
    summary["A1"].font = Font(bold=True, size=13)
    header = [texts("report_agency"), texts("report_due")] + [
        texts(f"report_{o}") for o in OUTCOMES
    ]
    _append(summary, header)
    for cell in summary[2]:
        cell.font = Font(bold=True)
    for line in report.lines:
        name = line.agency or texts("no_lead")
        _append(summary, [name, line.due, *(getattr(line, o) for o in OUTCOMES)])
    total = report.total
    _append(summary, [texts("report_total"), total.due, *(getattr(total, o) for o in OUTCOMES)])
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = 42

    listing = book.create_sheet(texts("report_sheet_tasks"))
    _append(
        listing,
        [
            texts("report_number"),
            texts("report_agency"),
            texts("report_task"),
            texts("report_deadline"),
            texts("report_outcome"),
            texts("report_done_on"),
            texts("report_note"),
        ],
    )
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for row in report.tasks:
        view = row.view
        _append(
            listing,
            [
                view.id,
                view.lead.name if view.lead else "",
                view.task.text,
                row.deadline,
                texts(f"report_{row.outcome}"),
                row.done_at.astimezone(report.tz).date() if row.done_at else None,
                row.note or "",
            ],
        )
        for column in ("D", "F"):
            listing[f"{column}{listing.max_row}"].number_format = DATE_FORMAT
    listing.column_dimensions["D"].width = 12
    listing.column_dimensions["F"].width = 12
    listing.column_dimensions["B"].width = 30
    listing.column_dimensions["C"].width = 80
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _shown(report: MonthReport, texts: Texts) -> tuple[list[AgencyLine], AgencyLine | None]:
    """The agencies the chart shows by name (those with most tasks due), and the rest summed."""
    if len(report.lines) <= MAX_BARS:
        return report.lines, None
    ranked = sorted(report.lines, key=lambda line: line.due, reverse=True)  # stable: by name
    named = {id(line) for line in ranked[: MAX_BARS - 1]}
    rest = replace(report, lines=ranked[MAX_BARS - 1 :]).total
    rest.agency = texts("report_others", count=len(ranked) - len(named))
    # In the report's order, as the workbook's summary lists them.
    return [line for line in report.lines if id(line) in named], rest


def _stack(axes: Axes, lines: list[AgencyLine], texts: Texts) -> None:
    """One bar per agency, its outcomes stacked left to right."""
    rows = range(len(lines))
    left = [0] * len(lines)
    for outcome in OUTCOMES:
        values = [getattr(line, outcome) for line in lines]
        axes.barh(rows, values, left=left, color=COLOURS[outcome], label=texts(f"report_{outcome}"))
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.set_yticks(rows, [line.agency or texts("no_lead") for line in lines])
    axes.invert_yaxis()  # the first agency at the top
    axes.margins(y=0.01)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))


def chart(report: MonthReport, texts: Texts) -> bytes:
    """Stacked bars per agency: on time, late, overdue, not yet due."""
    named, rest = _shown(report, texts)
    height = max(3, 0.45 * (len(named) + (2 if rest else 0)) + 1.8)
    # Constrained layout makes room for the legend below the plot: inside it, the legend
    # covers the end of some agency's bar.
    figure = Figure(figsize=(8, height), dpi=120, layout="constrained")
    if rest is None:
        axes = figure.subplots()
    else:
        # The rest on its own scale: the sum of a hundred communes' tasks would dwarf every
        # named agency's bar on theirs.
        axes, rest_axes = figure.subplots(2, 1, height_ratios=[len(named), 1.5])
        _stack(rest_axes, [rest], texts)
    _stack(axes, named, texts)
    axes.set_title(texts("report_title", month=month_label(report)))
    figure.legend(
        *axes.get_legend_handles_labels(), loc="outside lower center", ncols=2, fontsize="small"
    )
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
