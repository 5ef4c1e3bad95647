"""Admin wiring of the reports area: URLs, the Reports menu, the dashboard panel, targets.

Targets declare their ``row_access`` (models.py): a user limited to part of the group sees and
sets targets only for units inside it; group-wide targets only users who see the whole group."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from lms.access.viewsets import ScopedModelViewSet
from lms.core.forms import BoundedModelChoiceField

from . import body_views, selectors, views
from .models import CourseTarget


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/completion/", views.CompletionOverviewView.as_view(), name="reports_overview"),
        path("reports/completion/unit/<int:unit_id>/", views.UnitDrillDownView.as_view(), name="reports_unit"),
        path("reports/completion/courses/", views.EnrolmentReportView.as_view(), name="reports_enrolments"),
        path("reports/completion/overdue/", views.OverdueReportView.as_view(), name="reports_overdue"),
        path("reports/completion/bodies/", body_views.BodyCompletionView.as_view(), name="reports_bodies"),
        path(
            "reports/completion/bodies/attendance/",
            body_views.BodyAttendanceView.as_view(),
            name="reports_body_attendance",
        ),
        path("reports/completion/exports/<uuid:job_id>/", views.export_job_view, name="reports_export_job"),
        path(
            "reports/completion/exports/<uuid:job_id>/download/",
            views.export_download_view,
            name="reports_export_download",
        ),
        path("reports/certificates-zip/", views.certificates_zip_view, name="reports_certificates_zip"),
    ]


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.user_may_view_reports(request.user)


@hooks.register("register_reports_menu_item")
def register_overview_menu_item():
    return ReportsMenuItem(
        _("Completion overview"), reverse("reports_overview"), name="completion-overview", icon_name="table", order=100
    )


@hooks.register("register_reports_menu_item")
def register_courses_menu_item():
    return ReportsMenuItem(
        _("Completion per course"),
        reverse("reports_enrolments"),
        name="completion-courses",
        icon_name="list-ul",
        order=110,
    )


@hooks.register("register_reports_menu_item")
def register_overdue_menu_item():
    return ReportsMenuItem(
        _("Overdue training"), reverse("reports_overdue"), name="completion-overdue", icon_name="warning", order=120
    )


@hooks.register("register_reports_menu_item")
def register_bodies_menu_item():
    return ReportsMenuItem(
        _("Elected representatives"), reverse("reports_bodies"), name="completion-bodies", icon_name="group", order=125
    )


@hooks.register("register_reports_menu_item")
def register_targets_menu_item():
    return ReportsMenuItem(
        _("Training targets"),
        reverse("reports_coursetarget:index"),
        name="completion-targets",
        icon_name="crosshairs",
        order=130,
    )


# --- Dashboard panel ----------------------------------------------------------------------------


class CompletionPanel(Component):
    """Headline figures on the admin home for HR, within their scope, from the roll-up (one query)."""

    name = "reports_completion"
    order = 90
    template_name = "reports/admin/dashboard_panel.html"

    def __init__(self, scope: selectors.Scope):
        self.scope = scope

    def get_context_data(self, parent_context=None):
        figures, refreshed_at = selectors.headline(scope=self.scope)
        return {"figures": figures, "refreshed_at": refreshed_at, "scope": self.scope}

    class Media:
        css = {"all": ["css/reports.css"]}


@hooks.register("construct_homepage_panels")
def add_completion_panel(request, panels):
    if selectors.user_may_view_reports(request.user):
        panels.append(CompletionPanel(selectors.scope_for_user(user=request.user)))


# --- Targets: HR sets them, within their scope ------------------------------------------------------


class CourseTargetForm(WagtailAdminModelForm):
    """Units limited to the user's scope; a user limited to one part of the group must pick a unit in it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope = selectors.scope_for_user(user=self.for_user)
        field = self.fields["org_unit"]
        field.queryset = selectors.scoped_units(scope=scope)
        field.label_from_instance = lambda unit: unit.indented_name
        if scope.unit is not None:
            field.required = True

    class Meta:
        model = CourseTarget
        fields = ["course", "audience", "percent", "by_date", "org_unit", "note"]
        # A course's key is a page's: a value out of the database's range is an invalid choice, not a 500.
        field_classes = {"course": BoundedModelChoiceField, "org_unit": BoundedModelChoiceField}


class CourseTargetViewSet(ScopedModelViewSet):
    model = CourseTarget
    icon = "crosshairs"
    url_prefix = "reports/completion/targets"
    name = "reports_coursetarget"
    add_to_admin_menu = False
    menu_label = _("Training targets")
    form_fields = ["course", "audience", "percent", "by_date", "org_unit", "note"]
    list_display = ["course", "audience", "percent", "by_date", "org_unit"]
    # A copy starts from a target in scope (e.g. the same course for another unit); the form
    # saves a new row, so copying is safe here.
    copy_view_enabled = True

    def get_form_class(self, for_update=False):
        return CourseTargetForm


@hooks.register("register_admin_viewset")
def register_report_viewsets():
    return [CourseTargetViewSet()]
