"""The secretariat's reports on elected representatives (reads in bodies.py): completion per body
and role in the current term with the named people behind each figure, and attendance at training
events per body, both exportable (CSV, XLSX)."""

from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from lms.access.rule import visible_rows
from lms.core.forms import BoundedModelChoiceField
from lms.politics.models import Assignment, Body

from . import bodies, selectors
from .exports import ReportSpreadsheet


class BodyFilterForm(forms.Form):
    body = BoundedModelChoiceField(queryset=Body.objects.none(), required=False, label=_("Political body"))
    course = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label=_("Course"))
    date_from = forms.DateField(required=False, label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, user, with_course: bool, with_dates: bool, **kwargs):
        super().__init__(*args, **kwargs)
        # The bodies where the user sees at least one assignment.
        seen = visible_rows(user, Assignment.objects.all()).values("term__body_id")
        self.fields["body"].queryset = Body.objects.filter(pk__in=seen).order_by("name")
        if with_course:
            self.fields["course"].choices = [("", _("Every course")), *bodies.politician_courses()]
        else:
            del self.fields["course"]
        if not with_dates:
            del self.fields["date_from"], self.fields["date_to"]


class BodyReportView(ReportSpreadsheet, ReportView):
    header_icon = "group"
    paginate_by = None
    with_course = True
    with_dates = False
    report_name = "bodies"

    def dispatch(self, request, *args, **kwargs):
        self.scope = selectors.scope_for_user(user=request.user)  # 403 without the reports permission
        self.form = BodyFilterForm(
            request.GET or None, user=request.user, with_course=self.with_course, with_dates=self.with_dates
        )
        self.chosen = self.form.cleaned_data if self.form.is_valid() else {}
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("reports_overview"), "label": _("Completion")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            form=self.form,
            scope=self.scope,
            report_name=self.report_name,
            csv_url=self.csv_export_url,
            xlsx_url=self.xlsx_export_url,
        )
        return context


class BodyCompletionView(BodyReportView):
    """Per body and role, how many of the current term's holders have done each course required of
    them; with a body chosen, the people behind the figures, by name."""

    template_name = "reports/admin/bodies.html"
    page_title = _("Elected representatives")
    export_filename = "completion-bodies"
    export_columns = [
        ("body", _("Political body")),
        ("group_label", _("Role")),
        ("course", _("Course")),
        ("completed", _("Completed")),
        ("total", _("Holders")),
        ("percent", _("Completion rate (%)")),
    ]

    @cached_property
    def figures(self):
        body = self.chosen.get("body")
        return bodies.body_completion(
            user=self.request.user, course_id=self.chosen.get("course"), body_id=body.pk if body else None
        )

    def get_queryset(self):
        return self.figures

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["named"] = self.chosen.get("body") is not None
        return context


class BodyAttendanceView(BodyReportView):
    """Who attended which training event while holding an assignment, per body: for compensation."""

    template_name = "reports/admin/body_attendance.html"
    page_title = _("Attendance per political body")
    with_course = False
    with_dates = True
    report_name = "body_attendance"
    export_filename = "attendance-bodies"
    export_columns = [
        ("body", _("Political body")),
        ("name", _("Name")),
        ("role", _("Role")),
        ("event", _("Training event")),
        ("course", _("Course")),
        ("starts_at", _("Starts")),
        ("ends_at", _("Ends")),
        ("hours", _("Hours")),
    ]

    def get_queryset(self):
        body = self.chosen.get("body")
        return bodies.body_attendance(
            user=self.request.user,
            body_id=body.pk if body else None,
            date_from=self.chosen.get("date_from"),
            date_to=self.chosen.get("date_to"),
        )
