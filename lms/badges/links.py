"""The link to a certificate's Open Badge, beside its PDF (registered with lms.certificates.extensions)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .sources import source_of


def badge_link(certificate, user) -> dict | None:
    """For the certificate's owner or whoever may see it; none for a revoked certificate (its badge would
    only say so) or an erased person's."""
    source = source_of(certificate)
    if source is None or certificate.revoked_at is not None or certificate.person.erased_at is not None:
        return None
    if not source.may_view(user, certificate):
        return None
    return {
        "url": reverse("badges:download", args=[source.key, certificate.pk]),
        "label": _("Download as Open Badge"),
        "description": _("the certificate for %(subject)s as a signed digital credential")
        % {"subject": certificate.subject_title},
        "testid": "open-badge",
    }


def verify_link() -> dict:
    return {"url": reverse("badges:verify"), "label": _("Verify an Open Badge (a certificate as a file)")}
