"""Admin forms of required training. Saving goes through services.py.

The requirement form offers only the units the signed-in user may see
(organisation.selectors.units_in_scope_of): a user limited to part of the group cannot set a
requirement for, or move one to, a unit outside it, nor one for assignment holders (who sit
anywhere in the group)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.forms.models import formfield_for_dbfield

from lms.access.rule import rows_within, scope_of, visible_rows
from lms.core.forms import BoundedModelChoiceField
from lms.courses.selectors import courses_to_choose
from lms.organisation.forms import OrgUnitChoiceField
from lms.organisation.models import OrgUnit
from lms.organisation.selectors import units_in_scope_of
from lms.politics.models import Body

from . import services
from .models import Requirement, TrainingEvent


class RequirementForm(WagtailAdminModelForm):
    course = BoundedModelChoiceField(queryset=courses_to_choose(live=True), label=_("Course"))
    org_unit = OrgUnitChoiceField(
        queryset=OrgUnit.objects.order_by("path"), label=_("Organisational unit"), required=False
    )
    bodies = forms.ModelMultipleChoiceField(
        queryset=Body.objects.filter(is_active=True).order_by("name"),
        label=_("Political bodies"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only assignments in these bodies. Empty: every body."),
    )

    class Meta:
        model = Requirement
        fields = [
            "course",
            "org_unit",
            "include_descendants",
            "for_staff",
            "for_managers",
            "for_politicians",
            "assignment_holders",
            "bodies",
            "due_days",
            "due_date",
            "renewal_months",
            "is_active",
            "note",
        ]
        widgets = {"due_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["org_unit"].queryset = units_in_scope_of(user=self.for_user)
            self.fields["bodies"].queryset = visible_rows(self.for_user, self.fields["bodies"].queryset)

    def clean_assignment_holders(self):
        # Assignment holders sit anywhere in the group: requiring training of them is for users who
        # see the whole group (such a requirement has no unit, and only they see it afterwards).
        value = self.cleaned_data.get("assignment_holders")
        if value and self.for_user is not None and scope_of(self.for_user).is_limited:
            raise forms.ValidationError(
                _("Only users who see the whole group may require training of the holders of political assignments.")
            )
        return value

    def save(self, commit=True):
        self.instance = services.requirement_save(requirement=self.instance, bodies=self.cleaned_data.get("bodies"))
        return self.instance


class TrainingEventForm(WagtailAdminModelForm):
    """A user limited to part of the group picks the organiser among the people in it (the event's
    current organiser stays a choice): the list of every account in the group is not theirs to read."""

    class Meta:
        model = TrainingEvent
        formfield_callback = formfield_for_dbfield  # Wagtail's admin widgets and overrides (lms/core/forms.py)
        fields = ["title", "course", "description", "starts_at", "ends_at", "place", "online_url", "seats", "organiser"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope = scope_of(self.for_user) if self.for_user is not None else None
        if scope is not None and scope.is_limited:
            field = self.fields["organiser"]
            in_scope = rows_within(scope, field.queryset, through="person")  # users, by their person
            field.queryset = field.queryset.filter(
                Q(pk__in=in_scope.values("pk")) | Q(pk=self.instance.organiser_id)
            ).order_by("last_name", "first_name")
