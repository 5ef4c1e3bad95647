"""What each report exports, in which columns and formats: shared by the admin views (inline
downloads through Wagtail's SpreadsheetExportMixin) and the Celery worker (large exports to a file)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from lms.core.spreadsheets import SafeSpreadsheetExportMixin
from lms.courses.models import CompletionRoute
from lms.languages.content import as_language
from lms.organisation.models import Audience

from . import selectors
from .forms import parse_filters


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _yes_no(value) -> str:
    return _("yes") if value else _("no")


def status_label(value: str) -> str:
    return str(selectors.Status(value).label) if value in selectors.Status.values else value


def route_label(value: str) -> str:
    return str(CompletionRoute(value).label) if value in CompletionRoute.values else value


def audience_label(value: str) -> str:
    return str(dict(Audience.choices).get(value, value or ""))


def language_label(value: str) -> str:
    """A completion's language by its name (in itself); empty where not completed or not recorded."""
    return as_language(value).name if value else ""


class ReportSpreadsheet(SafeSpreadsheetExportMixin):
    """Columns as (field, heading); dates as YYYY-MM-DD, times in Swedish local time. CSV cells that a
    spreadsheet would run as formulas are quoted (SafeSpreadsheetExportMixin, lms.core.spreadsheets)."""

    export_columns: list = []
    export_filename = "report"
    custom_value_preprocess = {
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda v: _local(v).strftime("%Y-%m-%d %H:%M"),
            SpreadsheetExportMixin.FORMAT_XLSX: lambda v: timezone.make_naive(_local(v)) if timezone.is_aware(v) else v,
        },
        datetime.date: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda v: v.isoformat(),
            SpreadsheetExportMixin.FORMAT_XLSX: None,
        },
        bool: {SpreadsheetExportMixin.FORMAT_CSV: _yes_no, SpreadsheetExportMixin.FORMAT_XLSX: _yes_no},
    }
    custom_field_preprocess = {
        "status": {SpreadsheetExportMixin.FORMAT_CSV: status_label, SpreadsheetExportMixin.FORMAT_XLSX: status_label},
        "audience": {
            SpreadsheetExportMixin.FORMAT_CSV: audience_label,
            SpreadsheetExportMixin.FORMAT_XLSX: audience_label,
        },
        "completed_via": {
            SpreadsheetExportMixin.FORMAT_CSV: route_label,
            SpreadsheetExportMixin.FORMAT_XLSX: route_label,
        },
        "person__audience": {
            SpreadsheetExportMixin.FORMAT_CSV: audience_label,
            SpreadsheetExportMixin.FORMAT_XLSX: audience_label,
        },
        "completed_language": {
            SpreadsheetExportMixin.FORMAT_CSV: language_label,
            SpreadsheetExportMixin.FORMAT_XLSX: language_label,
        },
    }

    @property
    def list_export(self) -> list[str]:
        return [name for name, _heading in self.export_columns]

    @property
    def export_headings(self) -> dict:
        return dict(self.export_columns)

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])


FIGURE_COLUMNS = [
    ("required", pgettext_lazy("figures", "Required")),
    ("completed", pgettext_lazy("figures", "Completed")),
    ("percent", gettext_lazy("Completion rate (%)")),
    ("in_progress", pgettext_lazy("figures", "In progress")),
    ("not_started", pgettext_lazy("figures", "Not started")),
    ("overdue", pgettext_lazy("figures", "Overdue")),
]
CERTIFICATE_COLUMNS = [
    ("cert_valid", gettext_lazy("Valid certificates")),
    ("cert_expiring", gettext_lazy("Certificates expiring within 60 days")),
    ("cert_expired", gettext_lazy("Expired certificates")),
]


def figure_values(figures: selectors.Figures) -> dict:
    return {**figures.as_dict(), "percent": figures.percent}


class EnrolmentSpreadsheet(ReportSpreadsheet):
    """One row per current required enrolment: the per-course report, and the full export."""

    report = "enrolments"
    overdue_only = False
    export_filename = "enrolments"
    export_columns = [
        ("person__user__last_name", gettext_lazy("Last name")),
        ("person__user__first_name", gettext_lazy("First name")),
        ("person__org_unit__name", gettext_lazy("Unit")),
        ("person__audience", gettext_lazy("Audience")),
        ("course__title", gettext_lazy("Course")),
        ("cycle", gettext_lazy("Cycle")),
        ("status", gettext_lazy("Status")),
        ("is_overdue", pgettext_lazy("column", "Overdue")),
        ("due_date", gettext_lazy("Due date")),
        ("started_at", gettext_lazy("Started")),
        ("completed_at", pgettext_lazy("column", "Completed")),
        ("completed_via", gettext_lazy("Completed via")),
        ("completed_language", gettext_lazy("Language completed in")),
        ("quiz_score", gettext_lazy("Quiz result (%)")),
    ]

    def export_rows(self, *, scope: selectors.Scope, params) -> "selectors.QuerySet":
        _form, filters = parse_filters(scope=scope, data=params)
        return selectors.enrolment_rows(
            scope=scope,
            unit=filters.unit,
            course_id=filters.course_id,
            audience=filters.audience,
            overdue_only=self.overdue_only,
            due_from=filters.date_from,
            due_to=filters.date_to,
        )


class OverdueSpreadsheet(EnrolmentSpreadsheet):
    report = "overdue"
    overdue_only = True
    export_filename = "overdue"


class BreakdownSpreadsheet(ReportSpreadsheet):
    """The overview: one row per unit and course (units one level below the top), with the figures."""

    export_filename = "completion-overview"
    export_columns = [
        ("unit", gettext_lazy("Unit")),
        ("kind", gettext_lazy("Kind")),
        ("course", gettext_lazy("Course")),
        *FIGURE_COLUMNS,
        *CERTIFICATE_COLUMNS,
    ]


class DrillDownSpreadsheet(ReportSpreadsheet):
    """The drill-down: the units below (rolled up), then the people directly in the unit by name."""

    export_filename = "completion-unit"
    export_columns = [
        ("row_type", gettext_lazy("Row")),
        ("name", gettext_lazy("Name")),
        ("unit", gettext_lazy("Unit")),
        ("audience", gettext_lazy("Audience")),
        *FIGURE_COLUMNS,
    ]


# Reports a worker can export in the background (the large ones).
EXPORTS = {"enrolments": EnrolmentSpreadsheet, "overdue": OverdueSpreadsheet}
