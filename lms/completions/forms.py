"""The form a manager or HR marks one completion with. Every choice of person is one the signed-in
user's scope holds (the access rule); saving goes through ``services.completion_mark``."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.access.rule import rows_in_scope
from lms.core.forms import BoundedModelChoiceField
from lms.courses.models import CoursePage
from lms.courses.selectors import courses_to_choose
from lms.organisation.models import Person

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PersonChoiceField(BoundedModelChoiceField):
    def label_from_instance(self, obj):
        number = f" ({obj.employee_number})" if obj.employee_number else ""
        return f"{obj.full_name}{number}"


class CompletionMarkForm(forms.Form):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("Person"))
    course = BoundedModelChoiceField(queryset=CoursePage.objects.none(), label=_("Course"))
    completed_on = forms.DateField(
        label=_("Completed on"), widget=DATE, help_text=_("The day the person completed the course elsewhere.")
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the completion is marked by hand, e.g. “took the course at the region, certificate seen”."),
    )
    certificate = forms.BooleanField(
        label=_("Issue a certificate"),
        required=False,
        help_text=_("The certificate says the completion was registered, not completed on the platform."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The people in the user's scope (their view permission is not needed: marking has its own).
        people = Person.objects.filter(erased_at__isnull=True, is_active=True).select_related("user")
        self.fields["person"].queryset = rows_in_scope(user, people).order_by("user__last_name", "user__first_name")
        self.fields["course"].queryset = courses_to_choose(live=True)

    def clean_completed_on(self):
        day = self.cleaned_data["completed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The completion date lies in the future."))
        return day
