"""Admin wiring of records management: the record types with their decisions, the decisions, and
the run log. Decisions and runs are group-wide rows about no person or unit (plain model viewsets,
Django's model permissions); the run log is written by the nightly run only."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from lms.core.spreadsheets import SafeModelViewSet

from . import admin_views
from .forms import RetentionDecisionForm
from .models import RetentionDecision, RetentionRun


def describe(decision) -> str:
    return decision.describe()


class RecordTypesViewSet(ViewSet):
    name = "records_types"
    icon = "list-ul"
    menu_label = _("Record types")
    menu_order = 100
    url_prefix = "records/types"

    def get_urlpatterns(self):
        return [path("", admin_views.RecordTypesView.as_view(), name="index")]

    @property
    def menu_item_class(self):
        base = super().menu_item_class

        class RecordTypesMenuItem(base):
            def is_shown(self, request):
                return admin_views.may_view_decisions(request.user)

        return RecordTypesMenuItem


class RetentionDecisionViewSet(SafeModelViewSet):
    model = RetentionDecision
    icon = "calendar-check"
    menu_label = _("Retention decisions")
    menu_order = 200
    url_prefix = "records/decisions"
    copy_view_enabled = False
    inspect_view_enabled = True
    delete_view_class = admin_views.RetentionDecisionDeleteView
    list_display = [
        "reference",
        Column("record_type", label=_("Record type"), accessor="record_type_label"),
        Column("describe", label=_("Decision"), accessor=describe),
        "decided_on",
        "decided_by",
        "in_force",
    ]
    list_filter = ["in_force", "record_type"]
    search_fields = ["reference", "decided_by", "notes"]
    edit_handler = ObjectList(
        [
            MultiFieldPanel(
                [FieldPanel("reference"), FieldRowPanel([FieldPanel("decided_on"), FieldPanel("decided_by")])],
                heading=_("The decision"),
            ),
            FieldPanel("record_type"),
            MultiFieldPanel(
                [
                    FieldPanel("keep_permanently"),
                    FieldRowPanel([FieldPanel("keep_for"), FieldPanel("keep_unit"), FieldPanel("counted_from")]),
                ],
                heading=_("How long"),
            ),
            FieldPanel("in_force"),
            FieldPanel("notes"),
        ],
        base_form_class=RetentionDecisionForm,
    )


class RetentionRunViewSet(SafeModelViewSet):
    model = RetentionRun
    icon = "history"
    menu_label = _("Retention runs")
    menu_order = 300
    url_prefix = "records/runs"
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "started_at",
        "decision_reference",
        Column("record_type", label=_("Record type"), accessor="record_type_label"),
        "rows",
        "status",
    ]
    list_filter = ["status", "record_type"]
    inspect_view_fields = [
        "decision",
        "decision_reference",
        "record_type",
        "disposal",
        "cutoff",
        "rows",
        "status",
        "error",
        "started_at",
        "finished_at",
    ]
    form_fields = []


class RecordsViewSetGroup(ViewSetGroup):
    menu_label = _("Records management")
    menu_icon = "folder-inverse"
    menu_order = 850
    items = (RecordTypesViewSet, RetentionDecisionViewSet, RetentionRunViewSet)


@hooks.register("register_admin_viewset")
def register_records():
    return RecordsViewSetGroup()
