from django import forms
from django.utils.translation import gettext_lazy as _

from .content import content_languages


class ContentLanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Course language"), choices=())
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [(item.code, item.name) for item in content_languages()]
