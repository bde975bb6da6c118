"""The monthly report as files: an Excel workbook and a bar chart, in the bot's language."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from textwrap import fill

# The object API of matplotlib, not pyplot: no global state, no screen needed on a server.
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from bot.texts import Texts
from storage.reports import AgencyLine, MonthReport

OUTCOMES = ("on_time", "late", "overdue", "pending")
# What the files are, by the endings their names must have: an Excel workbook under another
# name (report.txt) is a file nothing opens as the report.
WORKBOOK_SUFFIX = ".xlsx"
CHART_SUFFIX = ".png"
# Real date cells, shown as people write dates here: Excel sorts and filters them as dates.
DATE_FORMAT = "dd/mm/yyyy"
COLOURS = {"on_time": "#2e7d32", "late": "#f9a825", "overdue": "#c62828", "pending": "#90a4ae"}
# Bars the chart shows at most, the last summing the agencies with fewest tasks due: a province
# has 100-170 communes, and a chart for all of them is a photo Telegram refuses (sides adding up
# to over 10000 px) or shrinks until no name can be read. The workbook lists every agency.
MAX_BARS = 25
# The characters of an agency's name on one line of the chart: "Ban Quản lý các Khu công
# nghiệp và Khu kinh tế tỉnh" on one line leaves the bars a quarter of the picture.
LABEL_WIDTH = 32


def month_label(report: MonthReport) -> str:
    return f"{report.month:02d}/{report.year}"


def _append(sheet: Worksheet, values: Iterable[object]) -> None:
    """Add a row, each string in it written as text and each date as a date cell."""
    row: list[object] = []
    for value in values:
        if isinstance(value, str):
            # Control characters make openpyxl refuse the whole file (a vertical tab copied out
            # of Word); and a string is text even when it begins with "=" ("=> đã gửi",
            # '=HYPERLINK(...)' in a document), which openpyxl would write as a live formula.
            value = cell = Cell(sheet, value=ILLEGAL_CHARACTERS_RE.sub(" ", value))
            cell.data_type = "s"
        elif isinstance(value, date):
            # Formatted as it is added: finding the row afterwards (sheet.max_row) reads every
            # cell of the sheet, and a month of 10 000 tasks took half a minute.
            value = cell = Cell(sheet, value=value)
            cell.number_format = DATE_FORMAT
        row.append(value)
    sheet.append(row)


def _headings(sheet: Worksheet, columns: list[tuple[str, int]]) -> None:
    """Add a row of headings in bold, each wrapped in a column of the width given (wider for a
    longer word): Excel cuts a text at the next cell that holds something."""
    _append(sheet, [heading for heading, _ in columns])
    for cell, (heading, width) in zip(sheet[sheet.max_row], columns, strict=True):
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        longest_word = max(len(word) for word in heading.split())
        sheet.column_dimensions[cell.column_letter].width = max(width, longest_word + 2)


def workbook(report: MonthReport, texts: Texts) -> bytes:
    """Two sheets: the count per agency, and every task with its outcome."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = texts("report_sheet_summary")
    _append(summary, [texts("report_title", month=month_label(report))])
    summary["A1"].font = Font(bold=True, size=13)
    counts = [(texts(f"report_{o}"), 14) for o in OUTCOMES]
    _headings(summary, [(texts("report_agency"), 42), (texts("report_due"), 14), *counts])
    for line in report.lines:
        name = line.agency or texts("no_lead")
        _append(summary, [name, line.due, *(getattr(line, o) for o in OUTCOMES)])
    total = report.total
    _append(summary, [texts("report_total"), total.due, *(getattr(total, o) for o in OUTCOMES)])
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)

    listing = book.create_sheet(texts("report_sheet_tasks"))
    # Next to a date, an outcome is cut at its column's edge: the column holds the longest.
    outcome_width = max(len(texts(f"report_{o}")) for o in OUTCOMES) + 2
    _headings(
        listing,
        [
            (texts("report_number"), 8),
            (texts("report_agency"), 30),
            (texts("report_task"), 80),
            (texts("report_deadline"), 12),
            (texts("report_outcome"), outcome_width),
            (texts("report_done_on"), 12),
            (texts("report_note"), 40),
            (texts("report_extended_from"), 14),
        ],
    )
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
                row.extended_from,
            ],
        )
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


def _label(line: AgencyLine, texts: Texts) -> str:
    """An agency's name as the chart draws it: a long one on several lines, not across the
    bars' width."""
    return fill(line.agency or texts("no_lead"), LABEL_WIDTH)


def _bars_tall(lines: list[AgencyLine], texts: Texts) -> float:
    """The room the agencies' bars take, in bars of a one- or two-line name: a name of three
    lines needs more, or it runs into the next."""
    return sum(max(2, _label(line, texts).count("\n") + 1) for line in lines) / 2


def _stack(axes: Axes, lines: list[AgencyLine], texts: Texts) -> None:
    """One bar per agency, its outcomes stacked left to right."""
    rows = range(len(lines))
    left = [0] * len(lines)
    for outcome in OUTCOMES:
        values = [getattr(line, outcome) for line in lines]
        axes.barh(rows, values, left=left, color=COLOURS[outcome], label=texts(f"report_{outcome}"))
        left = [a + b for a, b in zip(left, values, strict=True)]
    # A name is drawn as written: between two "$" matplotlib would read TeX mathematics, and
    # fail on what it cannot read.
    axes.set_yticks(rows, [_label(line, texts) for line in lines], parse_math=False)
    axes.invert_yaxis()  # the first agency at the top
    axes.margins(y=0.01)
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))


def chart(report: MonthReport, texts: Texts) -> bytes:
    """Stacked bars per agency: on time, late, overdue, not yet due."""
    named, rest = _shown(report, texts)
    tall = _bars_tall(named, texts)
    height = max(3, 0.45 * (tall + (2 if rest else 0)) + 1.8)
    # Constrained layout makes room for the legend below the plot: inside it, the legend
    # covers the end of some agency's bar.
    figure = Figure(figsize=(8, height), dpi=120, layout="constrained")
    if rest is None:
        axes = figure.subplots()
    else:
        # The rest on its own scale: the sum of a hundred communes' tasks would dwarf every
        # named agency's bar on theirs.
        axes, rest_axes = figure.subplots(2, 1, height_ratios=[tall, 1.5])
        _stack(rest_axes, [rest], texts)
    _stack(axes, named, texts)
    # Centred on the picture, not on the bars: beside long names, the month ran off its edge.
    figure.suptitle(texts("report_title", month=month_label(report)))
    figure.legend(
        *axes.get_legend_handles_labels(), loc="outside lower center", ncols=2, fontsize="small"
    )
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
