"""Admin wiring of the reports area: URLs, the Reports menu, the dashboard panel, targets and scopes."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.forms import BoundedModelChoiceField

from . import selectors, views
from .models import CourseTarget, ReportScope


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/completion/", views.CompletionOverviewView.as_view(), name="reports_overview"),
        path("reports/completion/unit/<int:unit_id>/", views.UnitDrillDownView.as_view(), name="reports_unit"),
        path("reports/completion/courses/", views.EnrolmentReportView.as_view(), name="reports_enrolments"),
        path("reports/completion/overdue/", views.OverdueReportView.as_view(), name="reports_overdue"),
        path("reports/completion/exports/<uuid:job_id>/", views.export_job_view, name="reports_export_job"),
        path(
            "reports/completion/exports/<uuid:job_id>/download/",
            views.export_download_view,
            name="reports_export_download",
        ),
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


class ReportsPermissionPolicy(ModelPermissionPolicy):
    """Whoever may view the reports may set targets, but only the targets within their scope
    (``selectors.target_in_scope``): any other target answers no for every action, so no view
    that asks about an instance (copy, and Wagtail's own checks) reaches it."""

    def user_has_permission(self, user, action):
        return selectors.user_may_view_reports(user)

    def user_has_any_permission(self, user, actions):
        return selectors.user_may_view_reports(user)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(["view_reports"])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not selectors.user_may_view_reports(user):
            return False
        return selectors.target_in_scope(scope=selectors.scope_for_user(user=user), target=instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not selectors.user_may_view_reports(user):
            return self.model._default_manager.none()
        return selectors.targets_in_scope(scope=selectors.scope_for_user(user=user))


register_permission_policy(CourseTarget, ReportsPermissionPolicy(CourseTarget), exact_class=True)


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


class ScopedTargetsMixin:
    """Every view of one target or of the list reads only the targets in the user's scope: any
    other target is a 404, as if it did not exist (Wagtail's own views fetch by key from the whole table)."""

    def scoped_targets(self):
        return selectors.targets_in_scope(scope=selectors.scope_for_user(user=self.request.user))

    def get_scoped_object(self):
        pk = unquote(str(self.kwargs[self.pk_url_kwarg]))
        return get_object_or_404(self.scoped_targets(), pk=pk)


class TargetIndexView(ScopedTargetsMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.scoped_targets()


class TargetEditView(ScopedTargetsMixin, generic.EditView):
    def get_queryset(self):
        return self.scoped_targets()


class TargetDeleteView(ScopedTargetsMixin, generic.DeleteView):
    def get_queryset(self):
        return self.scoped_targets()


class TargetCopyView(ScopedTargetsMixin, generic.CopyView):
    """A copy starts from a target in scope (e.g. the same course for another unit)."""

    def get_object(self, queryset=None):
        return self.get_scoped_object()


class TargetHistoryView(ScopedTargetsMixin, HistoryView):
    def get_base_object_queryset(self):
        return self.scoped_targets()


class TargetUsageView(ScopedTargetsMixin, UsageView):
    def get_base_object_queryset(self):
        return self.scoped_targets()


class TargetInspectView(ScopedTargetsMixin, generic.InspectView):
    """Not enabled (the edit view shows everything); scoped should it ever be."""

    def get_object(self, queryset=None):
        return self.get_scoped_object()


class CourseTargetViewSet(ModelViewSet):
    model = CourseTarget
    icon = "crosshairs"
    url_prefix = "reports/completion/targets"
    name = "reports_coursetarget"
    add_to_admin_menu = False
    menu_label = _("Training targets")
    form_fields = ["course", "audience", "percent", "by_date", "org_unit", "note"]
    list_display = ["course", "audience", "percent", "by_date", "org_unit"]
    index_view_class = TargetIndexView
    edit_view_class = TargetEditView
    delete_view_class = TargetDeleteView
    copy_view_class = TargetCopyView
    history_view_class = TargetHistoryView
    usage_view_class = TargetUsageView
    inspect_view_class = TargetInspectView

    def get_form_class(self, for_update=False):
        return CourseTargetForm


class ReportScopeViewSet(ModelViewSet):
    """Who sees which part of the group. Administrators only (model permissions), never HR itself."""

    model = ReportScope
    icon = "lock"
    url_prefix = "reports/completion/scopes"
    name = "reports_reportscope"
    add_to_admin_menu = False
    menu_label = _("Report scopes")
    form_fields = ["user", "org_unit"]
    list_display = ["user", "org_unit"]


@hooks.register("register_admin_viewset")
def register_report_viewsets():
    return [CourseTargetViewSet(), ReportScopeViewSet()]


@hooks.register("register_settings_menu_item")
def register_scopes_menu_item():
    class SuperuserMenuItem(MenuItem):
        def is_shown(self, request):
            return request.user.has_perm("reports.change_reportscope")

    return SuperuserMenuItem(
        _("Report scopes"), reverse("reports_reportscope:index"), name="report-scopes", icon_name="lock", order=900
    )
