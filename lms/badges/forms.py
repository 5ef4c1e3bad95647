from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _


class VerifyBadgeForm(forms.Form):
    """A credential pasted or uploaded as a file (one of the two), at most LMS_OPEN_BADGE_MAX_BYTES."""

    credential = forms.CharField(
        label=_("Paste the credential"),
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "autocomplete": "off"}),
        help_text=_("The whole content of the file, a long line of letters and digits in three parts (eyJ…)."),
    )
    file = forms.FileField(
        label=_("Or choose the file"),
        required=False,
        help_text=_("The Open Badge file you downloaded (.jwt)."),
    )

    def clean(self):
        cleaned = super().clean()
        limit = settings.LMS_OPEN_BADGE_MAX_BYTES
        text, upload = cleaned.get("credential") or "", cleaned.get("file")
        if text and upload:
            raise forms.ValidationError(_("Paste the credential or choose a file, not both."))
        if upload is not None:
            if upload.size > limit:
                raise forms.ValidationError(
                    _("The file is too large for an Open Badge (at most %(size)s).") % {"size": filesizeformat(limit)}
                )
            try:
                text = upload.read(limit + 1).decode("utf-8").strip()
            except UnicodeDecodeError:
                raise forms.ValidationError(_("The file is not an Open Badge: it is not text.")) from None
        if len(text.encode()) > limit:
            raise forms.ValidationError(
                _("This is too long for an Open Badge (at most %(size)s).") % {"size": filesizeformat(limit)}
            )
        if not text:
            raise forms.ValidationError(_("Paste the credential or choose its file."))
        cleaned["text"] = text
        return cleaned
