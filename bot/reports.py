"""The monthly report as files: an Excel workbook and a bar chart, in the bot's language."""

from __future__ import annotations

import io

# The object API of matplotlib, not pyplot: no global state, no screen needed on a server.
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from openpyxl import Workbook
from openpyxl.styles import Font

from bot.texts import Texts
from storage.reports import MonthReport

OUTCOMES = ("on_time", "late", "overdue", "pending")
# Real date cells, shown as people write dates here: Excel sorts and filters them as dates.
DATE_FORMAT = "dd/mm/yyyy"
COLOURS = {"on_time": "#2e7d32", "late": "#f9a825", "overdue": "#c62828", "pending": "#90a4ae"}


def month_label(report: MonthReport) -> str:
    return f"{report.month:02d}/{report.year}"


def workbook(report: MonthReport, texts: Texts) -> bytes:
    """Two sheets: the count per agency, and every task with its outcome."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = texts("report_sheet_summary")
    summary.append([texts("report_title", month=month_label(report))])
    summary["A1"].font = Font(bold=True, size=13)
    header = [texts("report_agency"), texts("report_due")] + [
        texts(f"report_{o}") for o in OUTCOMES
    ]
    summary.append(header)
    for cell in summary[2]:
        cell.font = Font(bold=True)
    for line in report.lines:
        name = line.agency or texts("no_lead")
        summary.append([name, line.due, *(getattr(line, o) for o in OUTCOMES)])
    total = report.total
    summary.append([texts("report_total"), total.due, *(getattr(total, o) for o in OUTCOMES)])
    for cell in summary[summary.max_row]:
        cell.font = Font(bold=True)
    summary.column_dimensions["A"].width = 42

    listing = book.create_sheet(texts("report_sheet_tasks"))
    listing.append(
        [
            texts("report_number"),
            texts("report_agency"),
            texts("report_task"),
            texts("report_deadline"),
            texts("report_outcome"),
            texts("report_done_on"),
            texts("report_note"),
        ]
    )
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for row in report.tasks:
        view = row.view
        listing.append(
            [
                view.id,
                view.lead.name if view.lead else "",
                view.task.text,
                row.deadline,
                texts(f"report_{row.outcome}"),
                row.done_at.astimezone(report.tz).date() if row.done_at else None,
                row.note or "",
            ]
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


def chart(report: MonthReport, texts: Texts) -> bytes:
    """Stacked bars per agency: on time, late, overdue, not yet due."""
    names = [line.agency for line in report.lines]
    figure = Figure(figsize=(8, max(2.5, 0.45 * len(names) + 1.5)), dpi=120)
    axes = figure.subplots()
    left = [0] * len(names)
    for outcome in OUTCOMES:
        values = [getattr(line, outcome) for line in report.lines]
        axes.barh(
            names, values, left=left, color=COLOURS[outcome], label=texts(f"report_{outcome}")
        )
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_title(texts("report_title", month=month_label(report)))
    axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    axes.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()
