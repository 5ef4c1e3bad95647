"""The statement's feedback form: bounded, and limited per client address like the other public forms."""

from urllib.parse import urlsplit

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited

MESSAGE_MAX_LENGTH = 4000


def feedback_rate(group, request) -> str:
    # Per client address. Generous, since a whole town hall may share one address behind its
    # proxy; enough to stop a script filling the editors' mailbox.
    return getattr(settings, "LMS_ACCESSIBILITY_FEEDBACK_RATE", "20/h")


def feedback_rate_limited(request) -> bool:
    """Counts this POST; True once the address has sent more than the rate allows."""
    return is_ratelimited(
        request, group="accessibility.feedback", key="ip", rate=feedback_rate, method="POST", increment=True
    )


class FeedbackForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write what your message is about.")},
        help_text=_("What did not work, or which content you need in another form. At most 4,000 characters."),
    )
    page_url = forms.CharField(
        label=_("Page concerned"),
        max_length=500,
        required=False,
        help_text=_("The web address or name of the page, if the message is about one."),
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        max_length=254,
        required=False,
        help_text=_("Give it if you want an answer."),
    )

    rate_limited_message = _(
        "You have sent many messages in a short time. Wait a while and try again, or write to the e-mail address "
        "above. Nothing was saved."
    )

    @staticmethod
    def thanks_message(*, with_reply: bool) -> str:
        if with_reply:
            return _("Thank you. We have received your message and will answer to the e-mail address you gave.")
        return _("Thank you. We have received your message.")

    @staticmethod
    def page_from_referer(request) -> str:
        """The page the reader came from on this site (the footer link), as its path; else empty."""
        referer = urlsplit(request.META.get("HTTP_REFERER", ""))
        if not referer.path or referer.netloc != request.get_host() or referer.path == request.path:
            return ""
        return referer.path[:500]
