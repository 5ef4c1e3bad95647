"""The annex as files: a tagged PDF (PDF/A-2a, declaring PDF/UA-1) through the certificates' WeasyPrint
pipeline, as the report to the council is made (lms/plans/rendering.py), and an XLSX of the same figures,
one sheet a section. Both in the organisation's language; every cell's words come from ``cell_text``, so the
two files say the same."""

from __future__ import annotations

import io

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from lms.certificates.rendering import pdf_language
from lms.plans.rendering import report_html, report_pdf, written_text
from lms.reports import disclosure
from lms.reports.models import PublicFigure
from lms.reports.templatetags.reports_tags import pct

from .selectors import AnnexData, ReachCell

PDF_TEMPLATE = "active_measures/pdf/annex.html"
PDF_STYLESHEET = "active_measures/pdf/annex.css"


def cell_text(reach_cell: ReachCell) -> str:
    """One unit's reach on one course, in words: "12 / 20", a band ("at least 90 % (30)"), why it is hidden,
    or a dash where nobody is required."""
    cell = reach_cell.cell
    if cell.suppressed:
        return str(PublicFigure.Reason(cell.reason).label)
    if not cell.required:
        return "–"
    if cell.band:
        return f"{disclosure.band_label(cell.required, cell.band)} ({cell.required})"
    return f"{cell.completed} / {cell.required}"


def share_text(reach_cell: ReachCell) -> str:
    cell = reach_cell.cell
    if cell.suppressed or cell.band or not cell.required:
        return ""
    return pct(int(100 * cell.completed / cell.required))


def annex_html(*, data: AnnexData) -> str:
    with translation.override(pdf_language()):  # the cells' words, in the PDF's language
        rows = [
            (row, [(cell_text(c), c) for c in row.cells])
            for row in data.reach.rows
            if any(c.cell.required for c in row.cells)
        ]
        totals = [(cell_text(c), c) for c in data.reach.totals]
        courses = [(course, total, cell_text(total), share_text(total)) for course, total in data.course_lines]
    annex = data.annex
    return report_html(
        PDF_TEMPLATE,
        {
            "annex": annex,
            "data": data,
            "rows": rows,
            "totals": totals,
            "courses": courses,
            "texts": {name: written_text(getattr(annex, name)) for name in ("introduction", "analysis", "measures")},
            "made_on": timezone.localdate(),
        },
    )


def annex_pdf(*, data: AnnexData) -> bytes:
    return report_pdf(annex_html(data=data), PDF_STYLESHEET)


def _sheet(workbook, title: str, headings: list[str], rows: list[list], empty: str = "") -> None:
    """One section: its headings, its rows, or what the PDF says in their place (``empty``)."""
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(headings)
    if not rows and empty:
        rows = [[empty]]
    for row in rows:
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # a text that looks like a formula is written as text
                cell.data_type = "s"
            elif cell.is_date:
                cell.number_format = "yyyy-mm-dd"  # dates as ÅÅÅÅ-MM-DD
    for column, heading in zip(sheet.columns, headings, strict=False):
        sheet.column_dimensions[column[0].column_letter].width = max(12, min(60, len(heading) + 4))


def annex_xlsx(*, data: AnnexData) -> bytes:
    """The same figures as the PDF, a sheet a section: courses, reach per unit, surveys, activities."""
    with translation.override(pdf_language()):
        workbook = Workbook()
        workbook.remove(workbook.active)
        annex = data.annex
        _sheet(
            workbook,
            _("Annex"),
            [_("Employer"), _("Year"), _("Made on")],
            [[annex.employer.name, annex.year, timezone.localdate()]],
        )
        _sheet(
            workbook,
            _("Courses"),
            [
                _("Course"),
                _("Offered"),
                _("Required"),
                _("Completed"),
                _("Share"),
                _("In the year, individually"),
                _("In the year, in group sessions"),
            ],
            [
                [
                    course.title,
                    _("yes") if course.live else _("no"),
                    *_figures(total),
                ]
                for course, total in data.course_lines
            ],
            empty=_("No course was chosen for this annex."),
        )
        reach_rows = []
        for row in data.reach.rows:
            label = _unit_label(row)
            for course, cell in zip(data.reach.courses, row.cells, strict=True):
                if cell.cell.required:
                    reach_rows.append([label, course.title, *_figures(cell)])
        _sheet(
            workbook,
            _("Reach per unit"),
            [
                _("Unit"),
                _("Course"),
                _("Required"),
                _("Completed"),
                _("Share"),
                _("In the year, individually"),
                _("In the year, in group sessions"),
            ],
            reach_rows,
            empty=_("None of the chosen courses is required of anyone at this employer."),
        )
        survey_rows = []
        for line in data.surveys:
            for question in line.questions:
                for choice in question.choices or [None]:
                    survey_rows.append(
                        [
                            line.survey.title,
                            line.respondents if not line.hidden else None,
                            question.text,
                            question.answered if not question.hidden else None,
                            choice.label if choice else "",
                            choice.percent if choice and not question.hidden else None,
                            _("Fewer than five answered: not shown.") if question.hidden else "",
                        ]
                    )
            if not line.questions:
                survey_rows.append([line.survey.title, None, "", None, "", None, _survey_note(line)])
        _sheet(
            workbook,
            _("Surveys"),
            [
                _("Survey"),
                _("Answered"),
                _("Question"),
                _("Answered the question"),
                _("Answer"),
                _("Share (%)"),
                _("Note"),
            ],
            survey_rows,
            empty=_("No attitude survey was chosen for this annex."),
        )
        _sheet(
            workbook,
            _("Activities"),
            [_("Unit"), _("Activity"), _("Commitment"), _("Starts"), _("Ends"), _("Status"), _("Participants")],
            [
                [
                    a.unit_plan.org_unit.name,
                    a.title,
                    a.commitment.number,
                    a.starts_on,
                    a.ends_on,
                    a.get_status_display(),
                    a.participants,
                ]
                for a in data.activities
            ],
            empty=_("No activity in %(year)s serves the chosen commitments.") % {"year": annex.year},
        )
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()


def _figures(cell: ReachCell) -> list:
    """Required, completed, share, and the year's split: numbers only where the small-group rule shows them
    exactly (the split: ``ReachCell.split_shown``); else the words of ``cell_text`` in the first column."""
    if cell.shown_exactly:
        share = int(100 * cell.cell.completed / cell.cell.required) if cell.cell.required else None
        split = [cell.individually, cell.in_group] if cell.split_shown else [None, None]
        return [cell.cell.required, cell.cell.completed, share, *split]
    return [cell_text(cell), None, None, None, None]


def _unit_label(row) -> str:
    return _("%(unit)s (placed directly)") % {"unit": row.unit.name} if row.is_direct else row.unit.name


def _survey_note(line) -> str:
    if not line.keeps_units:
        return _("The survey keeps no units: its results cannot be given per employer.")
    return _("Fewer than five answered: not shown.")
