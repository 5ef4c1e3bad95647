"""The form HR fills in for a public-document request: the request, the list asked for, what is withheld."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lms.courses.models import CoursePage
from lms.courses.selectors import courses_to_choose
from lms.organisation.models import OrgUnit
from lms.reports import selectors as report_selectors
from lms.reports.forms import CourseChoiceField, UnitChoiceField

from .models import WithheldField

FORMATS = [("csv", "CSV"), ("xlsx", "XLSX (Excel)"), ("pdf", "PDF")]


class PublicDocumentRequestForm(forms.Form):
    reference = forms.CharField(
        label=_("Request reference"),
        max_length=100,
        help_text=_("The request's registration number (diarienummer)."),
    )
    requested_by = forms.CharField(
        label=_("Requested by"),
        max_length=200,
        required=False,
        help_text=_("Only if the requester gave it: anyone may ask for a public document without saying who they are."),
    )
    course = CourseChoiceField(
        label=_("Course"), queryset=CoursePage.objects.none(), required=False, empty_label=_("All courses")
    )
    unit = UnitChoiceField(
        label=_("Organisational unit"), queryset=OrgUnit.objects.none(), required=False, empty_label=_("All units")
    )
    withheld = forms.MultipleChoiceField(
        label=_("Withhold"),
        choices=WithheldField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The fields left out after the secrecy assessment of this request."),
    )
    export_format = forms.ChoiceField(label=_("Format"), choices=FORMATS, initial="csv", widget=forms.RadioSelect)

    def __init__(self, *args, scope, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("withheld", list(settings.LMS_PUBLIC_DOCUMENT_WITHHOLD))
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses_to_choose()
        self.fields["unit"].queryset = report_selectors.scoped_units(scope=scope)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("course") and not cleaned.get("unit") and not self.errors:
            raise forms.ValidationError(_("Choose a course or a unit (or both): the list of which completions?"))
        return cleaned
