"""The certificate among what a learner is offered once a course is completed (courses.offers), so the
quiz's result page, the course page and "Mina kurser" all lead on to it. Imported from ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from lms.courses.offers import Offer, register_completion_offers

from .models import Certificate


def certificate_offers(*, person, course_ids) -> dict[int, list[Offer]]:
    """One query: the download when the PDF is there, else "Mina intyg", which says it is being made."""
    offers: dict[int, list[Offer]] = {}
    for certificate in Certificate.objects.filter(person=person, course_id__in=course_ids, revoked_at__isnull=True):
        if certificate.is_ready:
            offer = Offer(
                text=_("Download your certificate (PDF)"), url=reverse("certificates:download", args=[certificate.pk])
            )
        else:
            offer = Offer(
                text=_("Your certificate is being made: find it under My certificates"),
                url=reverse("certificates:mine"),
            )
        offers.setdefault(certificate.course_id, []).append(offer)
    return offers


register_completion_offers("certificates", certificate_offers)
