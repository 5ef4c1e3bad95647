"""Admin wiring for required training: requirements (with a reach preview), events, mail texts.

Requirements declare their ``row_access`` (models.py) and their viewset is built on the access
rule's base: a user limited to part of the group sees and sets requirements only for units inside
it (the list, its search and exports, the form's units), and any other requirement is 404 in
every view of one object. Training events and mail
texts are group-wide (not people's data) and stay so."""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSetGroup

from lms.access.viewsets import ScopedModelViewSet
from lms.core.forms import PageChoiceFilter
from lms.core.spreadsheets import SafeModelViewSet
from lms.courses.selectors import courses_to_choose

from . import services
from .forms import RequirementForm, TrainingEventForm
from .models import MailTemplate, Requirement, TrainingEvent

PREVIEW_BUTTON = '<button type="submit" name="preview" value="1" class="button button-secondary">{}</button>'


def course_filter() -> PageChoiceFilter:
    return PageChoiceFilter(queryset=courses_to_choose(), label=gettext_lazy("course"))


class RequirementFilterSet(WagtailFilterSet):
    course = course_filter()

    class Meta:
        model = Requirement
        fields = ["is_active", "course", "assignment_holders"]


class TrainingEventFilterSet(WagtailFilterSet):
    course = course_filter()

    class Meta:
        model = TrainingEvent
        fields = ["course"]


class PreviewReachMixin:
    """ "Show reach" submits the form without saving: HR sees how many people it would cover first."""

    def form_valid(self, form):
        if "preview" not in self.request.POST:
            return super().form_valid(form)
        bodies = form.cleaned_data.get("bodies")
        reach = services.requirement_preview(
            requirement=form.instance, body_ids=[b.pk for b in bodies] if bodies is not None else None
        )
        messages.info(
            self.request,
            _("This requirement would reach %(total)s people, of whom %(done)s have already completed the course.")
            % {"total": reach["total"], "done": reach["already_completed"]},
        )
        return self.render_to_response(self.get_context_data(form=form))


class RequirementIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("course", "org_unit")


class RequirementCreateView(PreviewReachMixin, generic.CreateView):
    pass


class RequirementEditView(PreviewReachMixin, generic.EditView):
    pass


class RequirementViewSet(ScopedModelViewSet):
    model = Requirement
    icon = "tasks"
    menu_label = gettext_lazy("Requirements")
    url_prefix = "required-training/requirements"
    index_view_class = RequirementIndexView
    add_view_class = RequirementCreateView
    edit_view_class = RequirementEditView
    list_display = [
        "course",
        "org_unit",
        "get_audiences_display",
        "assignment_holders",
        "due_days",
        "due_date",
        "renewal_months",
        "is_active",
    ]
    export_headings = {"course.title": gettext_lazy("course"), "org_unit.name": gettext_lazy("organisational unit")}
    filterset_class = RequirementFilterSet
    list_export = [
        "course.title",
        "org_unit.name",
        "include_descendants",
        "for_staff",
        "for_managers",
        "for_politicians",
        "assignment_holders",
        "due_days",
        "due_date",
        "renewal_months",
        "is_active",
    ]
    search_fields = ["course__title", "org_unit__name", "note"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        return self.get_edit_handler().get_form_class()

    def get_edit_handler(self):
        return ObjectList(
            [
                FieldPanel("course"),
                MultiFieldPanel(
                    [FieldPanel("org_unit"), FieldPanel("include_descendants")], heading=gettext_lazy("Who")
                ),
                MultiFieldPanel(
                    [
                        FieldRowPanel(
                            [FieldPanel("for_staff"), FieldPanel("for_managers"), FieldPanel("for_politicians")]
                        )
                    ],
                    heading=gettext_lazy("Audiences"),
                ),
                MultiFieldPanel(
                    [FieldPanel("assignment_holders"), FieldPanel("bodies")],
                    heading=gettext_lazy("Elected representatives by assignment"),
                ),
                MultiFieldPanel(
                    [FieldRowPanel([FieldPanel("due_days"), FieldPanel("due_date")]), FieldPanel("renewal_months")],
                    heading=gettext_lazy("When"),
                ),
                FieldPanel("is_active"),
                FieldPanel("note"),
                HelpPanel(
                    content=PREVIEW_BUTTON.format(gettext_lazy("Show how many people it reaches, without saving"))
                ),
            ],
            base_form_class=RequirementForm,
        ).bind_to_model(Requirement)


class TrainingEventViewSet(SafeModelViewSet):
    model = TrainingEvent
    icon = "date"
    menu_label = gettext_lazy("Training events")
    url_prefix = "required-training/events"
    list_display = [
        "title",
        "course",
        "starts_at",
        "place",
        "seats",
        TitleColumn(
            "registrations",
            label=gettext_lazy("Attendance"),
            accessor=lambda event: _("Record attendance"),
            url_name="requirements_attendance",
        ),
    ]
    filterset_class = TrainingEventFilterSet
    list_export = ["title", "course.title", "starts_at", "ends_at", "place", "online_url", "seats"]
    export_headings = {"course.title": gettext_lazy("course")}
    search_fields = ["title", "place"]
    inspect_view_enabled = True

    def get_form_class(self, for_update=False):
        # A Wagtail admin form: its widgets (page chooser, date pickers), the bounded page id
        # field, and the organiser chosen within the user's scope.
        return TrainingEventForm


class MailTemplateViewSet(SafeModelViewSet):
    model = MailTemplate
    icon = "mail"
    menu_label = gettext_lazy("Reminder texts")
    url_prefix = "required-training/mail-templates"
    list_display = ["kind", "language", "subject"]
    list_filter = ["kind", "language"]
    form_fields = ["kind", "language", "subject", "body"]


class RequiredTrainingGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Required training")
    menu_icon = "tasks"
    menu_order = 310
    items = (RequirementViewSet, TrainingEventViewSet, MailTemplateViewSet)


@hooks.register("register_admin_viewset")
def register_required_training():
    return RequiredTrainingGroup()


@hooks.register("register_admin_urls")
def register_attendance_url():
    from django.urls import path

    from .admin_views import attendance_view

    return [
        path("required-training/events/<int:event_id>/attendance/", attendance_view, name="requirements_attendance")
    ]
