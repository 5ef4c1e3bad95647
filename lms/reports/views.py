"""Thin views of the reports area: resolve the user's scope, parse filters, call a selector, render
or export. The admin views are Wagtail ReportViews (registered in wagtail_hooks.py); the public
page at /resultat/ is a plain Django view (urls.py)."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import cache_control
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import HeaderButton

from lms.access.rule import user_may, visible_rows
from lms.certificates.filters import FILTER_PARAMS
from lms.certificates.models import Certificate
from lms.quizzes.models import Attempt
from lms.quizzes.selectors import course_quiz

from . import charts, selectors, services
from .exports import (
    BreakdownSpreadsheet,
    DrillDownSpreadsheet,
    EnrolmentSpreadsheet,
    OverdueSpreadsheet,
    figure_values,
)
from .forms import filters_to_params, parse_filters
from .models import ExportJob
from .public_sections import public_sections

# Exports of more rows than these are written by a Celery worker (progress, then a download when
# ready) instead of in the request. An XLSX workbook is built whole before it is sent. A CSV is
# written at 13,000-20,000 rows a second (bench/reports.py: the whole group's 930,000 rows took
# 45-70 s), and gunicorn stops a request after 30 s by default: 100,000 rows leave a wide margin.
INLINE_XLSX_MAX = getattr(settings, "LMS_REPORTS_INLINE_XLSX_MAX", 20_000)
INLINE_CSV_MAX = getattr(settings, "LMS_REPORTS_INLINE_CSV_MAX", 100_000)
PEOPLE_PER_PAGE = 100


class ScopedReportView(ReportView):
    """Every report: the scope from ``selectors.scope_for_user`` (403 without the permission,
    404 for a unit outside it), the filter form, export links; exports skip the listing."""

    header_icon = "table"
    paginate_by = None
    with_unit_filter = True
    with_date_filter = True
    report_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.scope = selectors.scope_for_user(user=request.user)
        self.setup_report(**kwargs)
        self.form, self.report_filters = parse_filters(
            scope=self.scope, data=request.GET, with_unit=self.with_unit_filter, with_dates=self.with_date_filter
        )
        return super().dispatch(request, *args, **kwargs)

    def setup_report(self, **kwargs):
        """What the report takes from its URL, once the scope is known (the drill-down: its unit)."""

    def get_breadcrumbs_items(self):
        items = [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("reports_overview"), "label": _("Completion")},
        ]
        return items + [{"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        if self.is_export:
            return self.export_response(request.GET["export"])
        return super().get(request, *args, **kwargs)

    def export_response(self, export_format: str):
        return self.as_spreadsheet(self.export_rows(), export_format)

    def export_rows(self):
        return self.get_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            report_filters=self.report_filters,
            scope=self.scope,
            report_name=self.report_name,
            csv_url=self.csv_export_url,
            xlsx_url=self.xlsx_export_url,
        )
        return context


class CompletionOverviewView(BreakdownSpreadsheet, ScopedReportView):
    """Completion per administration and company (the units below the top of the scope), per course,
    with targets and certificates: all from the roll-up, in a handful of queries."""

    template_name = "reports/admin/overview.html"
    page_title = _("Completion overview")
    report_name = "overview"
    with_date_filter = False

    @cached_property
    def breakdown(self) -> selectors.Breakdown:
        filters = self.report_filters
        return selectors.unit_breakdown(
            scope=self.scope, unit=filters.unit, course_id=filters.course_id, audience=filters.audience
        )

    def get_queryset(self):
        """Nothing for the page: its report is rendered in the cached part (overview.html), which reads the
        figures only when it is not cached. Exports read them (export_rows)."""
        return []

    def export_rows(self):
        rows = []
        titles = dict(self.breakdown.courses)
        for row in self.breakdown.rows:
            for course_id, title in self.breakdown.courses:
                figures = row.by_course.get(course_id)
                if figures is None:
                    continue
                name = str(_("%(unit)s (directly)") % {"unit": row.unit.name}) if row.is_direct else row.unit.name
                rows.append(
                    {"unit": name, "kind": row.unit.get_kind_display(), "course": title, **figure_values(figures)}
                )
        for course_id, figures in self.breakdown.course_totals.items():
            rows.append({"unit": str(_("Total")), "kind": "", "course": titles[course_id], **figure_values(figures)})
        return rows

    def get_context_data(self, **kwargs):
        """Each figure lazy: worked out when the template reads it, which it does on a cache miss only."""
        context = super().get_context_data(**kwargs)
        context.update(
            breakdown=SimpleLazyObject(lambda: self.breakdown),
            matrix=SimpleLazyObject(
                lambda: [
                    (row, [row.by_course.get(course_id) for course_id, _title in self.breakdown.courses])
                    for row in self.breakdown.rows
                ]
            ),
            chart=SimpleLazyObject(
                lambda: charts.bar_chart([(_row_label(r), r.figures.percent) for r in self.breakdown.rows])
            ),
            targets=SimpleLazyObject(
                lambda: selectors.target_progress(scope=self.scope, course_id=self.report_filters.course_id)
            ),
            top_unit=SimpleLazyObject(lambda: self.breakdown.unit),
        )
        return context


def _row_label(row: selectors.UnitRow) -> str:
    return str(_("%(unit)s (directly)") % {"unit": row.unit.name}) if row.is_direct else row.unit.name


class UnitDrillDownView(DrillDownSpreadsheet, ScopedReportView):
    """One unit: the units below it (rolled up), completions over time, and the people sitting
    directly in it by name (live). A unit outside the user's scope is a 404."""

    template_name = "reports/admin/unit.html"
    report_name = "unit"
    with_unit_filter = False
    paginate_by = PEOPLE_PER_PAGE

    def setup_report(self, **kwargs):
        self.unit = selectors.scoped_unit(scope=self.scope, unit_id=kwargs["unit_id"])

    def get_page_title(self):
        return self.unit.name

    @cached_property
    def breakdown(self) -> selectors.Breakdown:
        filters = self.report_filters
        return selectors.unit_breakdown(
            scope=self.scope, unit=self.unit, course_id=filters.course_id, audience=filters.audience
        )

    def get_queryset(self):
        """Everyone directly in the unit by name, lazily: the page shown is fetched, then counted (below)."""
        return selectors.people_in_unit(scope=self.scope, unit=self.unit, audience=self.report_filters.audience)

    def decorate_paginated_queryset(self, object_list):
        return selectors.people_figures(
            scope=self.scope, unit=self.unit, course_id=self.report_filters.course_id, people=object_list
        )

    @cached_property
    def people(self) -> list[selectors.PersonRow]:
        """Everyone directly in the unit with their figures, for the exports."""
        filters = self.report_filters
        return selectors.people_figures(
            scope=self.scope, unit=self.unit, course_id=filters.course_id, audience=filters.audience
        )

    def export_rows(self):
        rows = []
        for row in self.breakdown.rows:
            if row.is_direct:
                continue
            rows.append(
                {
                    "row_type": str(_("Unit")),
                    "name": row.unit.name,
                    "unit": self.unit.name,
                    "audience": "",
                    **figure_values(row.figures),
                }
            )
        for person in self.people:
            rows.append(
                {
                    "row_type": str(_("Person")),
                    "name": person.name,
                    "unit": person.unit_name,
                    "audience": person.audience,
                    **figure_values(person.figures),
                }
            )
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.report_filters
        breakdown = self.breakdown
        series = selectors.monthly_completions(
            scope=self.scope,
            unit=self.unit,
            course_id=filters.course_id,
            audience=filters.audience,
            date_from=filters.date_from,
            date_to=filters.date_to,
        )
        context.update(
            unit=self.unit,
            ancestors=selectors.scope_breadcrumbs(scope=self.scope, unit=self.unit)[:-1],
            breakdown=breakdown,
            child_rows=[r for r in breakdown.rows if not r.is_direct],
            chart=charts.bar_chart([(r.unit.name, r.figures.percent) for r in breakdown.rows if not r.is_direct]),
            series=series,
            line=charts.line_chart(series),
            people_total=context["paginator"].count,
        )
        return context


class EnrolmentReportView(EnrolmentSpreadsheet, ScopedReportView):
    """The per-course report: every current required enrolment with its status, the course's
    figures and completions over time. Exports stream; above INLINE_CSV_MAX / INLINE_XLSX_MAX rows
    (or when asked) a Celery worker writes the file, with progress and a download when ready. The
    worker is started by a POST (a button, with a CSRF token), never by a GET a browser may prefetch."""

    template_name = "reports/admin/enrolments.html"
    page_title = _("Per course")
    report_name = "enrolments"
    paginate_by = 50

    def get_queryset(self):
        filters = self.report_filters
        return selectors.enrolment_rows(
            scope=self.scope,
            unit=filters.unit,
            course_id=filters.course_id,
            audience=filters.audience,
            overdue_only=self.overdue_only,
            due_from=filters.date_from,
            due_to=filters.date_to,
        )

    def export_response(self, export_format: str):
        """A download, streamed; a list too long for that (or ``background=1``) answers with a page
        offering to prepare the file in the background. A GET never starts a job: ``post`` does."""
        rows = self.get_queryset()
        too_long = _more_rows_than(rows, self.inline_max(export_format))
        if too_long or self.request.GET.get("background") == "1":
            return render(
                self.request,
                "reports/admin/export_start.html",
                {
                    "export_format": export_format,
                    "too_long": too_long,
                    "inline_max": self.inline_max(export_format),
                    "start_url": self.start_url,
                    "report_title": self.get_page_title(),
                    "header_title": _("Export"),
                    "breadcrumbs_items": [*self.get_breadcrumbs_items()[:-1], {"url": "", "label": _("Export")}],
                },
            )
        # A server-side cursor in chunks: memory stays flat however many rows stream out.
        return self.as_spreadsheet(rows.iterator(chunk_size=2000), export_format)

    def post(self, request, *args, **kwargs):
        """Start a background export of the report with the filters in the URL (``start_url``),
        from a form with a CSRF token, then show its progress."""
        export_format = request.POST.get("export")
        if export_format not in self.FORMATS:
            return HttpResponseBadRequest()
        job = services.export_job_create(
            user=request.user,
            report=self.report,
            params=filters_to_params(self.report_filters),
            export_format=export_format,
        )
        return redirect("reports_export_job", job_id=job.pk)

    def inline_max(self, export_format: str) -> int:
        return INLINE_XLSX_MAX if export_format == self.FORMAT_XLSX else INLINE_CSV_MAX

    @cached_property
    def start_url(self) -> str:
        """The report with its valid filters: where the background export form posts, and the way back."""
        params = {key: value for key, value in filters_to_params(self.report_filters).items() if value != ""}
        return f"{self.request.path}?{urlencode(params)}" if params else self.request.path

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = self.report_filters
        figures = selectors.rollup_figures(
            scope=self.scope, unit=filters.unit, course_id=filters.course_id, audience=filters.audience
        )[()]
        by_route, by_language = selectors.completion_splits(
            scope=self.scope, unit=filters.unit, course_id=filters.course_id, audience=filters.audience
        )
        context.update(
            figures=figures,
            by_route=by_route,
            by_language=by_language,
            refreshed_at=selectors.summary_refreshed_at(),
            background_export=True,
            start_url=self.start_url,
            inline_csv_max=INLINE_CSV_MAX,
            inline_xlsx_max=INLINE_XLSX_MAX,
        )
        if filters.course is not None:  # which attempt the list's quiz results are (lms.quizzes' grading method)
            quiz = course_quiz(course=filters.course)
            context.update(
                quiz=quiz, may_recount=quiz is not None and user_may(self.request.user, Attempt, "recount_results")
            )
        if not self.overdue_only:
            series = selectors.monthly_completions(
                scope=self.scope,
                unit=filters.unit,
                course_id=filters.course_id,
                audience=filters.audience,
                date_from=filters.date_from,
                date_to=filters.date_to,
            )
            context.update(series=series, line=charts.line_chart(series))
        return context


def _more_rows_than(rows, limit: int) -> bool:
    """Whether the list holds more than ``limit`` rows, counting no further than one past it: cheap
    even when the whole group's million enrolments are asked for."""
    return rows.order_by().values("pk")[: limit + 1].count() > limit


class OverdueReportView(OverdueSpreadsheet, EnrolmentReportView):
    """Required courses not completed by their due date, oldest first."""

    template_name = "reports/admin/overdue.html"
    page_title = pgettext_lazy("figures", "Overdue")
    report_name = "overdue"


def export_job_view(request, job_id):
    """The progress of a background export, refreshing itself (no JavaScript) until the file is ready."""
    selectors.scope_for_user(user=request.user)
    job = get_object_or_404(visible_rows(request.user, ExportJob.objects.all()), pk=job_id)
    return render(
        request,
        "reports/admin/export_job.html",
        {
            "job": job,
            "header_title": _("Export"),
            "breadcrumbs_items": [
                {"url": reverse("wagtailadmin_home"), "label": _("Home")},
                {"url": reverse("reports_overview"), "label": _("Completion")},
                {"url": "", "label": _("Export")},
            ],
        },
    )


def export_download_view(request, job_id):
    """The file of a finished export, only to the user who asked for it (others get a 404)."""
    selectors.scope_for_user(user=request.user)
    job = get_object_or_404(
        visible_rows(request.user, ExportJob.objects.all()), pk=job_id, status=ExportJob.Status.DONE
    )
    if not job.file:
        raise Http404
    filename = job.file.name.rsplit("/", 1)[-1]
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:  # removed from the disk by hand, or lost in a move: gone
        raise Http404 from None
    return FileResponse(handle, as_attachment=True, filename=filename)


@cache_control(public=True, max_age=600)
def public_results_view(request):
    """Public, anonymous figures: completion of the required courses per administration and company,
    from the daily snapshot. Groups under five people were suppressed when the snapshot was stored.
    The apps above add their sections after it (public_sections.py)."""
    table = selectors.public_table()
    titles = [title for _course_id, title in table.courses]
    # Each cell with its course's title: on a phone a row is a card and each cell names its course.
    rows = [(first, list(zip(titles, cells, strict=True))) for first, cells in table.rows]
    # The headline: the whole group's figure per course (the total row), first on the page.
    headline = next((labelled for first, labelled in rows if first.is_total), [])
    context = {
        "table": table,
        "rows": rows,
        "headline": [(title, cell) for title, cell in headline if cell is not None],
        "min_group": selectors.PUBLIC_MIN_GROUP,
        "sections": public_sections(request),
    }
    return render(request, "reports/public_results.html", context)


def certificates_zip_view(request):
    """From the certificates' list: how many certificates its filters hold for this user, and a
    button (POST) that asks a worker for their ZIP; then the export's progress page."""
    selectors.scope_for_user(user=request.user)  # the reports' permission: the job is an export
    if not user_may(request.user, Certificate, "view"):
        raise PermissionDenied
    params = request.POST if request.method == "POST" else request.GET
    if request.method == "POST":
        job = services.certificate_archive_create(user=request.user, params=params.dict())
        return redirect("reports_export_job", job_id=job.pk)
    certificates = services.certificate_archive_queryset(user=request.user, params=params.dict())
    kept = {key: value for key, value in params.items() if key in FILTER_PARAMS and value}
    return render(
        request,
        "reports/admin/certificates_zip.html",
        {
            "count": certificates.count(),
            "params": kept,
            "list_url": f"{reverse('wagtailsnippets_certificates_certificate:list')}?{urlencode(kept)}",
            "header_title": _("Certificates as a ZIP"),
            "keep_days": settings.LMS_REPORTS_EXPORT_KEEP_DAYS,
        },
    )


def certificates_zip_button(request):
    """The button above the certificates' list (``certificates.extensions``), for whoever may ask."""
    if not (selectors.user_may_view_reports(request.user) and user_may(request.user, Certificate, "view")):
        return None
    kept = {key: value for key, value in request.GET.items() if key in FILTER_PARAMS and value}
    url = reverse("reports_certificates_zip") + (f"?{urlencode(kept)}" if kept else "")
    return HeaderButton(_("Download as ZIP"), url=url, icon_name="download")
