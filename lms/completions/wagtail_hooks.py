"""Admin wiring: the list of completions recorded from elsewhere (historical, marked by hand), the
form that marks one, and the audit-log action. The list is built on the access rule's viewset base:
a user limited to part of the group sees only their people's records."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, FilterSet, ModelChoiceFilter
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.widgets.button import HeaderButton

from lms.access.viewsets import ScopedModelViewSet
from lms.courses.models import CompletionRoute
from lms.courses.selectors import courses_to_choose

from . import admin_views
from .models import CompletionRecord

OUTSIDE_ROUTES = [
    (CompletionRoute.HISTORICAL, CompletionRoute.HISTORICAL.label),
    (CompletionRoute.MANUAL, CompletionRoute.MANUAL.label),
]


class CompletionRecordFilterSet(FilterSet):
    route = ChoiceFilter(field_name="enrolment__completed_via", choices=OUTSIDE_ROUTES, label=_("Recorded as"))
    course = ModelChoiceFilter(
        field_name="enrolment__course", queryset=lambda request: courses_to_choose(), label=_("Course")
    )

    class Meta:
        model = CompletionRecord
        fields = []


class CompletionRecordIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("enrolment__person__user", "enrolment__course", "recorded_by")

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if admin_views.may_mark(self.request.user):
            buttons.append(
                HeaderButton(_("Mark a completion by hand"), url=reverse("completions_mark"), icon_name="tick")
            )
        return buttons


def person_name(record) -> str:
    return record.enrolment.person.full_name


def course_title(record) -> str:
    return record.enrolment.course.title


def route_label(record) -> str:
    return record.enrolment.get_completed_via_display()


class CompletionRecordViewSet(ScopedModelViewSet):
    model = CompletionRecord
    name = "completion_records"
    icon = "tick"
    menu_label = _("Completions from elsewhere")
    url_prefix = "completions"
    add_to_admin_menu = True
    menu_order = 352
    index_view_class = CompletionRecordIndexView
    inspect_view_enabled = True
    filterset_class = CompletionRecordFilterSet
    form_fields: list[str] = []  # never added or edited here (row_access: view only)
    list_display = [
        Column("person", label=_("Person"), accessor=person_name),
        Column("course", label=_("Course"), accessor=course_title),
        Column("route", label=_("Recorded as"), accessor=route_label),
        "completed_on",
        "source",
        "recorded_by",
        "recorded_at",
    ]
    list_export = [
        "enrolment.person.full_name",
        "enrolment.course.title",
        "enrolment.completed_via",
        "completed_on",
        "score",
        "source",
        "reason",
        "recorded_by",
        "recorded_at",
    ]
    export_headings = {
        "enrolment.person.full_name": _("Name"),
        "enrolment.course.title": _("Course"),
        "enrolment.completed_via": _("Recorded as"),
    }
    search_fields = ["enrolment__person__user__first_name", "enrolment__person__user__last_name", "source", "reason"]
    inspect_view_fields = [
        "enrolment",
        "completed_on",
        "score",
        "source",
        "reason",
        "certificate_requested",
        "recorded_by",
        "recorded_at",
    ]


@hooks.register("register_admin_viewset")
def register_completion_records():
    return CompletionRecordViewSet()


@hooks.register("register_admin_urls")
def register_completion_admin_urls():
    return [path("completions/mark/", admin_views.completion_mark_view, name="completions_mark")]


@hooks.register("register_log_actions")
def register_completion_log_actions(actions):
    actions.register_action("completions.mark", _("Mark a completion by hand"), _("Completion marked by hand"))
