"""Admin wiring of the democracy plan: its viewsets (the plan, commitments, indicators and their
figures, focus areas as a snippet, the units' yearly choices and activities), the follow-up pages
and the coordinator's dashboard panel.

Units' choices and activities are built on the access rule's base (ScopedModelViewSet): a unit's
manager sees and edits those of their subtree, a democracy guide those naming them. Plans,
commitments and focus areas are the council's content, not people's rows."""

from django.contrib import messages
from django.db import router
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView

from lms.access.viewsets import ScopedModelViewSet
from lms.core.spreadsheets import SafeModelViewSet, SafeSnippetViewSet

from . import admin_views, selectors
from .forms import (
    ActivityForm,
    CommitmentForm,
    CouncilReportForm,
    IndicatorForm,
    IndicatorValueForm,
    PlanForm,
    UnitYearPlanForm,
)
from .models import Activity, Commitment, CouncilReport, FocusArea, Indicator, IndicatorValue, Plan, UnitYearPlan


class FormFromClassMixin:
    form_class = None

    def get_form_class(self, for_update=False):
        return self.form_class


class RelatedIndexView(generic.IndexView):
    """A listing that reads the rows its columns name in the same query."""

    related: tuple[str, ...] = ()

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(*self.related)


class ProtectedDeleteView(generic.DeleteView):
    """A plan, commitment or focus area that activities still serve is not deleted: a message says so
    (deleting a plan would take its commitments, which activities refer to)."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _("“%(name)s” cannot be deleted: activities refer to it. Change or delete them first.")
                % {"name": self.object},
            )
            return redirect(self.request.path)


class PlanViewSet(FormFromClassMixin, SafeModelViewSet):
    name = "plans_plan"
    model = Plan
    form_class = PlanForm
    icon = "doc-full"
    menu_label = _("Plans")
    url_prefix = "democracy-plan/plans"
    list_display = ["name", "decision_reference", "decision_date", "start_year", "end_year"]
    copy_view_enabled = False
    delete_view_class = ProtectedDeleteView


class CommitmentViewSet(FormFromClassMixin, SafeModelViewSet):
    name = "plans_commitment_rows"
    model = Commitment
    form_class = CommitmentForm
    icon = "list-ol"
    menu_label = _("Commitments")
    url_prefix = "democracy-plan/commitments"
    index_view_class = type("CommitmentIndexView", (RelatedIndexView,), {"related": ("plan",)})
    list_display = ["number", "text", "group", "plan"]
    list_filter = ["plan", "group"]
    search_fields = ["text"]
    copy_view_enabled = False
    delete_view_class = ProtectedDeleteView


class IndicatorViewSet(FormFromClassMixin, ScopedModelViewSet):
    name = "plans_indicator"
    model = Indicator
    form_class = IndicatorForm
    icon = "crosshairs"
    menu_label = _("Indicators")
    url_prefix = "democracy-plan/indicators"
    index_view_class = type("IndicatorIndexView", (RelatedIndexView,), {"related": ("commitment",)})
    list_display = ["name", "commitment", "target_value", "target_year"]
    list_filter = ["commitment__plan"]
    search_fields = ["name"]


class IndicatorValueViewSet(FormFromClassMixin, ScopedModelViewSet):
    name = "plans_indicatorvalue"
    model = IndicatorValue
    form_class = IndicatorValueForm
    icon = "edit"
    menu_label = _("Indicator figures")
    url_prefix = "democracy-plan/figures"
    index_view_class = type("IndicatorValueIndexView", (RelatedIndexView,), {"related": ("indicator",)})
    list_display = ["indicator", "part", "value", "measured_on", "source"]
    list_filter = ["indicator"]
    list_export = ["indicator.name", "part", "value", "measured_on", "source"]


class UnitYearPlanViewSet(FormFromClassMixin, ScopedModelViewSet):
    name = "plans_unityearplan"
    model = UnitYearPlan
    form_class = UnitYearPlanForm
    icon = "site"
    menu_label = _("Units' focus areas")
    url_prefix = "democracy-plan/units"
    list_display = ["org_unit", "year", "focus_area", "guide"]
    list_filter = ["year", "focus_area"]
    search_fields = ["org_unit__name"]
    list_export = ["org_unit.name", "year", "focus_area.name", "guide"]

    index_view_class = type(
        "UnitYearPlanIndexView", (RelatedIndexView,), {"related": ("org_unit", "focus_area", "guide__user")}
    )


class ActivityViewSet(FormFromClassMixin, ScopedModelViewSet):
    name = "plans_activity"
    model = Activity
    form_class = ActivityForm
    icon = "date"
    menu_label = _("Activities")
    url_prefix = "democracy-plan/activities"
    list_display = ["title", "unit_plan", "commitment", "starts_on", "status"]
    list_filter = ["status", "unit_plan__year", "commitment", "focus_area"]
    search_fields = ["title", "description"]
    list_export = [
        "title",
        "unit_plan.org_unit.name",
        "commitment.number",
        "starts_on",
        "ends_on",
        "status",
        "participants",
    ]

    index_view_class = type(
        "ActivityIndexView",
        (RelatedIndexView,),
        {"related": ("unit_plan__org_unit", "unit_plan__focus_area", "commitment")},
    )


class CouncilReportSavedMixin:
    """After saving, the report's progress page: the PDF is being made in the background."""

    def get_success_url(self):
        return reverse("plans_council_report", args=[self.object.pk])


class CouncilReportViewSet(FormFromClassMixin, ScopedModelViewSet):
    model = CouncilReport
    name = "plans_councilreport"
    form_class = CouncilReportForm
    icon = "doc-full-inverse"
    menu_label = _("Reports to the council")
    url_prefix = "democracy-plan/council-reports"
    add_view_class = type("CouncilReportCreateView", (CouncilReportSavedMixin, generic.CreateView), {})
    edit_view_class = type("CouncilReportEditView", (CouncilReportSavedMixin, generic.EditView), {})
    index_view_class = type("CouncilReportIndexView", (RelatedIndexView,), {"related": ("plan",)})
    list_display = [
        "__str__",
        "year",
        TitleColumn(
            "status",
            label=_("Status"),
            accessor=lambda report: report.get_status_display(),
            url_name="plans_council_report",
        ),
        "created_at",
    ]


class FocusAreaViewSet(SafeSnippetViewSet):
    model = FocusArea
    icon = "pick"
    menu_label = _("Focus areas")
    url_prefix = "democracy-plan/focus-areas"  # under snippets/
    list_display = ["name", "sort_order"]
    add_to_admin_menu = False
    delete_view_class = type("FocusAreaDeleteView", (ProtectedDeleteView, SnippetDeleteView), {})


register_snippet(FocusAreaViewSet)


def _still_referred_to(objects) -> list:
    """The objects that a deletion would refuse (PROTECT): what Django's own delete collects, without deleting."""
    refused = []
    for obj in objects:
        try:
            Collector(using=router.db_for_write(type(obj))).collect([obj])
        except ProtectedError:
            refused.append(obj)
    return refused


@hooks.register("register_bulk_action", order=100)
class FocusAreaDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete for focus areas, refusing as the single delete does (``ProtectedDeleteView``):
    a focus area that activities still serve is not deleted, and a message says why, instead of an error
    page. Ordered after Wagtail's, so it replaces it for focus areas."""

    models = [FocusArea]

    def prepare_action(self, objects, objects_without_access):
        refused = _still_referred_to(objects)
        if not refused:
            return None
        for obj in refused:
            messages.error(
                self.request,
                _("“%(name)s” cannot be deleted: activities refer to it. Change or delete them first.") % {"name": obj},
            )
        # Back to where the editor came from (the listing passes ``next``), else to the focus areas: Wagtail's
        # own fallback is this action's URL, which has no items left to act on.
        listing = reverse(self.model.snippet_viewset.get_url_name("list"))
        return redirect(get_valid_next_url_from_request(self.request) or listing)


class FollowUpMenuItem(MenuItem):
    def is_shown(self, request):
        return selectors.may_follow_plans(request.user)


class DemocracyPlanGroup(ModelViewSetGroup):
    menu_label = _("Democracy plan")
    menu_icon = "doc-full"
    menu_order = 320
    items = (
        PlanViewSet,
        CommitmentViewSet,
        IndicatorViewSet,
        IndicatorValueViewSet,
        UnitYearPlanViewSet,
        ActivityViewSet,
        CouncilReportViewSet,
    )

    def get_submenu_items(self):
        follow_up = FollowUpMenuItem(
            _("Follow-up"), reverse("plans_overview"), name="plans-follow-up", icon_name="table", order=0
        )
        return [follow_up, *super().get_submenu_items()]


@hooks.register("register_admin_viewset")
def register_plan_viewsets():
    return DemocracyPlanGroup()


@hooks.register("register_admin_urls")
def register_follow_up_urls():
    return [
        path("democracy-plan/follow-up/", admin_views.overview_view, name="plans_overview"),
        path("democracy-plan/follow-up/<int:plan_id>/", admin_views.overview_view, name="plans_overview_of"),
        path(
            "democracy-plan/follow-up/commitment/<int:commitment_id>/",
            admin_views.commitment_view,
            name="plans_commitment",
        ),
        path("democracy-plan/follow-up/units/", admin_views.units_view, name="plans_units"),
        path(
            "democracy-plan/council-reports/<int:report_id>/progress/",
            admin_views.council_report_status_view,
            name="plans_council_report",
        ),
        path(
            "democracy-plan/council-reports/<int:report_id>/download/",
            admin_views.council_report_download_view,
            name="plans_council_report_download",
        ),
        path(
            "democracy-plan/indicators/<int:indicator_id>/import/",
            admin_views.values_import_view,
            name="plans_values_import",
        ),
    ]


class PlanPanel(Component):
    """The coordinator's way in: each commitment of the plan in force, and the units without a
    focus area for this year and the next, one click from the dashboard."""

    name = "plans_follow_up"
    order = 95
    template_name = "plans/admin/dashboard_panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        plan = selectors.current_plan()
        year = timezone.localdate().year
        missing = []
        if selectors.may_follow_units(self.request.user):  # a democracy guide follows only their own units
            missing = [
                (y, selectors.units_overview(self.request.user, year=y).without_choice) for y in (year, year + 1)
            ]
        commitments = list(plan.commitments.order_by("number")) if plan else []
        return {"plan": plan, "commitments": commitments, "missing": missing}


@hooks.register("construct_homepage_panels")
def add_plan_panel(request, panels):
    if selectors.may_follow_plans(request.user):
        panels.append(PlanPanel(request))
