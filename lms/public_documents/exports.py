"""The completion list handed out as a public document: the reports' per-course columns (and their
CSV/XLSX writing, lms.reports.exports) without the withheld fields; as PDF by the certificates'
WeasyPrint pipeline, tagged (PDF/UA-1)."""

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy, pgettext_lazy

from lms.certificates.rendering import html_to_pdf
from lms.reports.exports import ReportSpreadsheet

from .models import WithheldField

# (row field, heading, the withheld field that leaves it out or None)
COLUMNS = [
    ("person__user__last_name", gettext_lazy("Last name"), WithheldField.NAME),
    ("person__user__first_name", gettext_lazy("First name"), WithheldField.NAME),
    ("person__user__email", gettext_lazy("E-mail"), WithheldField.EMAIL),
    ("person__employee_number", gettext_lazy("Employee number"), WithheldField.EMPLOYEE_NUMBER),
    ("person__org_unit__name", gettext_lazy("Unit"), None),
    ("person__audience", gettext_lazy("Audience"), WithheldField.AUDIENCE),
    ("course__title", gettext_lazy("Course"), None),
    ("cycle", gettext_lazy("Cycle"), None),
    ("status", gettext_lazy("Status"), None),
    ("due_date", gettext_lazy("Due date"), None),
    ("completed_at", pgettext_lazy("column", "Completed"), None),
]

PDF_VARIANT = "pdf/ua-1"


class CompletionListSpreadsheet(ReportSpreadsheet):
    export_filename = "allman-handling"

    def __init__(self, *, withheld: list[str]):
        self.export_columns = [(field, heading) for field, heading, key in COLUMNS if key not in withheld]

    @property
    def fields(self) -> list[str]:
        return [field for field, _heading in self.export_columns]


def completion_list_pdf(*, sheet: CompletionListSpreadsheet, rows: list[dict], title: str, reference: str) -> bytes:
    """The list as a tagged PDF: the same cells as the CSV (the spreadsheet's own formatting)."""
    headings = [str(heading) for _field, heading in sheet.export_columns]
    body = [[_cell(sheet, field, row[field]) for field in sheet.fields] for row in rows]
    html = render_to_string(
        "public_documents/completion_list_pdf.html",
        {
            "title": title,
            "reference": reference,
            "headings": headings,
            "rows": body,
            "made_at": timezone.localtime(),
            "language": translation.get_language() or "sv",
        },
    )
    return html_to_pdf(html, pdf_variant=PDF_VARIANT)


def _cell(sheet, field, value) -> str:
    return "" if value is None else str(sheet.preprocess_field_value(field, value, sheet.FORMAT_CSV))
