from django import forms
from django.utils.translation import gettext_lazy as _

from .codes import normalise_code


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=40,
        help_text=_("The code printed on the certificate, e.g. 7KQ4-M2XD-9RTF-H3PA. Dashes and case do not matter."),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(_("A code has 16 letters and digits, e.g. 7KQ4-M2XD-9RTF-H3PA."))
        return code


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Shown to administrators and kept in the audit log; not shown on the public verification page."),
    )
