"""Admin wiring for the elected representatives: bodies, terms of office, assignments, and the
import from the register of elected representatives.

All three models declare their ``row_access`` (models.py) and their viewsets are built on the
access rule's base: bodies and terms are scoped by the unit the body governs, assignments by the
unit the person is placed in. Bodies and terms are never deleted (they hold history: a body is
wound up by unticking "active", a term's dates are edited); an assignment entered by mistake is
deleted through the service, so required training is brought in line."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup

from lms.access.rule import visible_rows
from lms.access.viewsets import ScopedModelViewSet
from lms.core.forms import BoundedFilterField

from . import services
from .forms import AssignmentForm, BodyForm, TermForm
from .models import Assignment, AssignmentRole, Body, Term


class BodyChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = BoundedFilterField


def visible_bodies(request):
    """The terms filter's choices: the bodies the user may see (the access rule), not every body's name."""
    return visible_rows(request.user, Body.objects.order_by("name"))


def bodies_of_visible_assignments(request):
    """The assignments filter's choices: the bodies the user may see, and those of the assignments they
    may see (a unit's people sit on the council, which governs the whole group)."""
    seen = visible_rows(request.user, Assignment.objects.all()).values("term__body_id")
    return (visible_bodies(request) | Body.objects.filter(pk__in=seen)).order_by("name")


class TermFilterSet(WagtailFilterSet):
    body = BodyChoiceFilter(queryset=visible_bodies, label=_("Body"))
    current = django_filters.BooleanFilter(label=_("Current term"), method="filter_current")

    class Meta:
        model = Term
        fields = ["body", "election_year"]

    def filter_current(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.current(today) if value else queryset.exclude(pk__in=Term.objects.current(today))


class AssignmentFilterSet(WagtailFilterSet):
    body = BodyChoiceFilter(queryset=bodies_of_visible_assignments, field_name="term__body", label=_("Body"))
    election_year = django_filters.NumberFilter(field_name="term__election_year", label=_("Election year"))
    role = django_filters.ChoiceFilter(choices=AssignmentRole.choices, label=_("Role"))
    current = django_filters.BooleanFilter(label=_("Running today"), method="filter_current")

    class Meta:
        model = Assignment
        fields = ["body", "election_year", "role"]

    def filter_current(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.current(today) if value else queryset.exclude(pk__in=Assignment.objects.current(today))


class AssignmentIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("person__user", "term__body")


class AssignmentDeleteView(generic.DeleteView):
    def delete_action(self):
        person_id = self.object.person_id
        super().delete_action()
        services.announce_changed([person_id])


class BodyViewSet(ScopedModelViewSet):
    model = Body
    icon = "group"
    menu_label = _("Political bodies")
    url_prefix = "politics/bodies"
    list_display = ["name", "kind", "org_unit", "is_active"]
    list_filter = ["kind", "is_active"]
    list_export = ["name", "code", "kind", "org_unit.name", "is_active"]
    export_headings = {"org_unit.name": _("Governs")}
    search_fields = ["name", "code"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return BodyForm


class TermViewSet(ScopedModelViewSet):
    model = Term
    icon = "date"
    menu_label = _("Terms of office")
    url_prefix = "politics/terms"
    list_display = ["body", "label", "starts_on", "ends_on"]
    filterset_class = TermFilterSet
    list_export = ["body.name", "election_year", "starts_on", "ends_on"]
    export_headings = {"body.name": _("Body")}
    search_fields = ["body__name"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return TermForm


class AssignmentViewSet(ScopedModelViewSet):
    model = Assignment
    icon = "user"
    menu_label = _("Assignments")
    url_prefix = "politics/assignments"
    index_view_class = AssignmentIndexView
    delete_view_class = AssignmentDeleteView
    list_display = ["person", "role", "term", "starts_on", "ends_on", "end_reason"]
    filterset_class = AssignmentFilterSet
    list_export = [
        "person.full_name",
        "person.user.email",
        "term.body.name",
        "term.label",
        "role",
        "starts_on",
        "ends_on",
        "end_reason",
    ]
    export_headings = {
        "person.full_name": _("Name"),
        "person.user.email": _("E-mail"),
        "term.body.name": _("Body"),
        "term.label": _("Term of office"),
    }
    search_fields = ["person__user__first_name", "person__user__last_name", "term__body__name"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return AssignmentForm


class PoliticsGroup(ModelViewSetGroup):
    menu_label = _("Elected representatives")
    menu_icon = "group"
    menu_order = 305
    items = (AssignmentViewSet, BodyViewSet, TermViewSet)


@hooks.register("register_admin_viewset")
def register_politics():
    return PoliticsGroup()
