"""Admin forms of the elected representatives. Saving goes through services.py; every choice
offered (units, bodies, terms, people) is one the signed-in user may see."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.access.rule import visible_rows
from lms.core.forms import BoundedModelChoiceField
from lms.organisation.forms import OrgUnitChoiceField
from lms.organisation.models import OrgUnit, Person
from lms.organisation.selectors import people_in_scope_of, units_in_scope_of

from . import services
from .models import Assignment, Body, Term

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class BodyForm(WagtailAdminModelForm):
    org_unit = OrgUnitChoiceField(queryset=OrgUnit.objects.order_by("path"), label=_("Governs"))

    class Meta:
        model = Body
        fields = ["name", "code", "kind", "org_unit", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["org_unit"].queryset = units_in_scope_of(user=self.for_user)

    def save(self, commit=True):
        self.instance = services.body_save(body=self.instance)
        return self.instance


class TermForm(WagtailAdminModelForm):
    body = BoundedModelChoiceField(queryset=Body.objects.all(), label=_("Body"))

    class Meta:
        model = Term
        fields = ["body", "election_year", "starts_on", "ends_on"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            self.fields["body"].queryset = visible_rows(self.for_user, Body.objects.all())

    def save(self, commit=True):
        self.instance = services.term_save(term=self.instance)
        return self.instance


class AssignmentForm(WagtailAdminModelForm):
    person = BoundedModelChoiceField(queryset=Person.objects.none(), label=_("Person"))
    term = BoundedModelChoiceField(queryset=Term.objects.none(), label=_("Term of office"))

    class Meta:
        model = Assignment
        fields = ["person", "term", "role", "starts_on", "ends_on", "end_reason"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_on"].required = self.fields["ends_on"].required = False
        self.fields["starts_on"].help_text = _("Empty: the term's first day.")
        self.fields["ends_on"].help_text = _("Empty: the term's last day.")
        people = Person.objects.select_related("user").order_by("user__last_name", "user__first_name")
        terms = Term.objects.select_related("body").order_by("body__name", "-starts_on")
        if self.for_user is not None:
            people = people_in_scope_of(user=self.for_user, queryset=people)
            terms = visible_rows(self.for_user, terms) | terms.filter(pk=self.instance.term_id or 0)
        self.fields["person"].queryset = people
        self.fields["term"].queryset = terms

    def _post_clean(self):
        # The term's dates fill empty from/to before the model's rules are checked.
        term = self.cleaned_data.get("term")
        if term is not None:
            self.instance.term = term
            self.cleaned_data["starts_on"] = self.cleaned_data.get("starts_on") or term.starts_on
            self.cleaned_data["ends_on"] = self.cleaned_data.get("ends_on") or term.ends_on
        super()._post_clean()

    def save(self, commit=True):
        self.instance = services.assignment_save(assignment=self.instance)
        return self.instance
