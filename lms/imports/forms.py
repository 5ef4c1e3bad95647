"""The HR import's upload form."""

from django import forms
from django.utils.translation import gettext_lazy

from lms.core import tables

from . import kinds


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "The HR system's export as CSV (UTF-8 or Windows-1252, comma or semicolon) or XLSX. People: "
            "employee number, first name, last name, e-mail, org unit code, audience, manager's employee number, "
            "committee, and optionally the language they read courses in (“språk”: a content language's code or "
            "name, e.g. fi or Suomi; their own choice on their profile wins). Units: code, name, kind, parent code."
        ),
    )
    kind = forms.ChoiceField(label=gettext_lazy("The file lists"), choices=kinds.kind_choices, initial="people")
    full = forms.BooleanField(
        label=gettext_lazy("Full export"),
        required=False,
        help_text=gettext_lazy(
            "Tick if the file lists everyone: people with an employee number who are missing from it are "
            "deactivated (never deleted). Leave unticked to change only the people listed."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            tables.check_size(upload.size)  # before reading it
        except tables.ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload
