"""The annex's form: the employer and year, the texts HR writes, and what the annex counts. Saving asks
for its files (services.annex_request); the employers offered are those inside the user's scope."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from lms.core.forms import BoundedModelChoiceField
from lms.courses.selectors import courses_to_choose
from lms.languages.selectors import in_source_language
from lms.plans.models import Commitment
from lms.surveys.models import SurveyKind, SurveyPage

from . import selectors, services
from .models import Annex


class AnnexForm(WagtailAdminModelForm):
    class Meta:
        model = Annex
        fields = ["employer", "year", "introduction", "analysis", "measures", "courses", "surveys", "commitments"]
        field_classes = {"employer": BoundedModelChoiceField}
        help_texts = {
            "introduction": _("Why and how training is part of the employer's active measures. Name no one."),
            "analysis": _("What the figures show: where the training reaches, where it does not, and why."),
            "measures": _("What the employer will do next, by whom and by when."),
            "courses": _(
                "The courses that concern equal treatment and discrimination; a new annex starts from the last."
            ),
        }
        widgets = {
            "courses": forms.CheckboxSelectMultiple,
            "surveys": forms.CheckboxSelectMultiple,
            "commitments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employer"].queryset = selectors.employers_for(user=self.for_user)
        self.fields["courses"].queryset = courses_to_choose()
        surveys = in_source_language(SurveyPage.objects.filter(kind=SurveyKind.ATTITUDE))
        self.fields["surveys"].queryset = surveys.order_by("opens_on", "pk")
        self.fields["commitments"].queryset = Commitment.objects.select_related("plan").order_by("plan", "number")
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("year", timezone.localdate().year - 1)  # the annex follows a year up
            # A new annex counts what the previous one did: the choice is the employer's, year after year.
            for name, ids in selectors.previous_choices(employer=None).items():
                self.initial.setdefault(name, ids)
        if self.instance.pk is not None:
            self.fields["employer"].disabled = True  # an annex belongs to its employer; ask for another instead

    def clean(self):
        cleaned = super().clean()
        if self.instance.is_archived:
            raise ValidationError(services.ARCHIVED_REFUSAL)
        return cleaned

    def save(self, commit=True):
        self.instance = services.annex_request(annex=self.instance, by=self.for_user, then=self._save_m2m)
        return self.instance
