"""Listeners on other apps' signals."""

import logging

from .models import EARNED_ROUTES, CourseCertificate

logger = logging.getLogger(__name__)


def issue_on_completion(sender, enrolment, **kwargs) -> None:
    """Sent on commit of the completion: queue the certificate, if the course gives one."""
    from .tasks import issue_certificate

    if enrolment.completed_via not in EARNED_ROUTES:
        return  # a completion from elsewhere: a certificate only if asked for (lms.completions)
    if not CourseCertificate.objects.filter(course_id=enrolment.course_id).exists():
        return
    try:
        issue_certificate.delay(enrolment.pk)
    except Exception:
        # The completion is already committed, so the learner's request must not fail here: with
        # eager tasks (no broker) a render failure surfaces here and is recorded on the certificate;
        # with a broker that cannot be reached the task was never sent, and the waiting-work sweep
        # (lms/operations) asks for it again within minutes of the broker coming back.
        logger.exception("Issuing the certificate of enrolment %s failed", enrolment.pk)
