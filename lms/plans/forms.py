"""Admin forms of the democracy plan. Saving goes through services.py; the units and people a
user may choose come from the access rule."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.access.rule import rows_in_scope, visible_rows
from lms.core.forms import BoundedModelChoiceField
from lms.courses.selectors import courses_to_choose
from lms.organisation.forms import OrgUnitChoiceField
from lms.organisation.models import OrgUnit, Person

from . import measurements, services
from .models import Activity, Commitment, CouncilReport, FocusArea, Indicator, IndicatorValue, Plan, UnitYearPlan
from .selectors import may_follow_units

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceSavedForm(WagtailAdminModelForm):
    """The model's checks and the write in one transaction (services.row_save)."""

    def save(self, commit=True):
        self.instance = services.row_save(instance=self.instance, then=self._save_m2m)
        return self.instance


class PlanForm(ServiceSavedForm):
    class Meta:
        model = Plan
        fields = ["name", "decision_reference", "decision_date", "start_year", "end_year"]
        widgets = {"decision_date": DATE}


class CommitmentForm(ServiceSavedForm):
    class Meta:
        model = Commitment
        fields = ["plan", "number", "group", "text"]


class IndicatorForm(ServiceSavedForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=())
    courses = forms.ModelMultipleChoiceField(
        queryset=courses_to_choose(live=True),
        required=False,
        label=_("Courses"),
        help_text=_("For measured kinds: the course or courses counted."),
        widget=forms.CheckboxSelectMultiple,
    )
    org_unit = OrgUnitChoiceField(
        queryset=OrgUnit.objects.order_by("path"),
        required=False,
        label=_("Part of the group"),
        help_text=_("For measured kinds: counted in this unit and those below it. Empty: the whole group."),
    )

    class Meta:
        model = Indicator
        fields = [
            "commitment",
            "name",
            "kind",
            "courses",
            "org_unit",
            "audience",
            "survey",
            "question_key",
            "target_value",
            "target_year",
            "unit_label",
            "combine",
            "source",
        ]
        field_classes = {"commitment": BoundedModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = measurements.kind_choices()  # the registry: kinds added later appear
        self.fields["org_unit"].queryset = rows_in_scope(self.for_user, OrgUnit.objects.order_by("path"))

    def clean(self):
        cleaned = super().clean()
        kind = measurements.measurement_kinds().get(cleaned.get("kind"))
        if kind is not None and kind.needs_courses and not cleaned.get("courses"):
            self.add_error("courses", _("Choose the course or courses this indicator counts."))
        return cleaned


class UnitYearPlanForm(ServiceSavedForm):
    """A unit's manager chooses among the units of their scope; a democracy guide among the units
    whose plans name them (what the access rule lets each see)."""

    org_unit = OrgUnitChoiceField(queryset=OrgUnit.objects.order_by("path"), label=_("Unit"))
    guide = forms.ModelChoiceField(queryset=Person.objects.none(), required=False, label=_("Democracy guide"))

    class Meta:
        model = UnitYearPlan
        fields = ["org_unit", "year", "focus_area", "guide", "note"]
        field_classes = {"focus_area": BoundedModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        units = OrgUnit.objects.all()
        if may_follow_units(user):
            units = rows_in_scope(user, units)
        else:
            units = units.filter(pk__in=visible_rows(user, UnitYearPlan.objects.all()).values("org_unit_id"))
        self.fields["org_unit"].queryset = units.order_by("path")
        people = Person.objects.filter(is_active=True, erased_at__isnull=True, org_unit__in=units)
        if self.instance.guide_id:
            people = people | Person.objects.filter(pk=self.instance.guide_id)
        self.fields["guide"].queryset = people.select_related("user").order_by("user__last_name", "user__first_name")


class ActivityForm(ServiceSavedForm):
    unit_plan = forms.ModelChoiceField(queryset=UnitYearPlan.objects.none(), label=_("Unit and year"))

    class Meta:
        model = Activity
        fields = [
            "unit_plan",
            "title",
            "description",
            "focus_area",
            "commitment",
            "starts_on",
            "ends_on",
            "status",
            "participants",
            "evaluation",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        field_classes = {"focus_area": BoundedModelChoiceField, "commitment": BoundedModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit_plan"].queryset = visible_rows(
            self.for_user, UnitYearPlan.objects.select_related("org_unit", "focus_area")
        ).order_by("-year", "org_unit__path")
        self.fields["commitment"].queryset = Commitment.objects.select_related("plan").order_by("plan", "number")
        self.fields["focus_area"].queryset = FocusArea.objects.all()


class ValuesImportForm(forms.Form):
    """A file of figures for an entered indicator: checked first, stored only when confirmed."""

    file = forms.FileField(label=_("CSV or Excel file"))
    source = forms.CharField(
        label=_("Source"), max_length=200, help_text=_("Used for rows without a source column value.")
    )
    confirm = forms.BooleanField(
        label=_("Store the figures"),
        required=False,
        help_text=_("Leave unticked to check the file only (nothing is stored)."),
    )


class IndicatorValueForm(ServiceSavedForm):
    class Meta:
        model = IndicatorValue
        fields = ["indicator", "part", "value", "measured_on", "source"]
        widgets = {"measured_on": DATE}
        field_classes = {"indicator": BoundedModelChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Indicators are group-wide rows: a user limited to part of the group is offered none.
        self.fields["indicator"].queryset = visible_rows(self.for_user, Indicator.objects.order_by("name"))


class CouncilReportForm(WagtailAdminModelForm):
    """The year and the texts; saving asks for the PDF (services.council_report_request)."""

    class Meta:
        model = CouncilReport
        fields = ["plan", "year", "introduction", "conclusion"]
        field_classes = {"plan": BoundedModelChoiceField}

    def save(self, commit=True):
        self.instance = services.council_report_request(report=self.instance, by=self.for_user)
        return self.instance
