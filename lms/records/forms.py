"""The decision form: the record type chosen among those the installed apps declare."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .registry import record_type_choices


class RetentionDecisionForm(WagtailAdminModelForm):
    record_type = forms.ChoiceField(
        label=_("record type"),
        choices=record_type_choices,
        help_text=_("What the decision is about, as the records-management plan names it."),
    )
