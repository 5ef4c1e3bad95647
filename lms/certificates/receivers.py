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


def rerender_on_quiz_results(sender, enrolment_ids, by=None, **kwargs) -> None:
    """Sent on commit when the quiz result that counts changed for completed enrolments: their
    certificates print the score, so they are printed again."""
    from .services import certificates_rerender_for_results

    try:
        certificates_rerender_for_results(enrolment_ids=enrolment_ids, by=by)
    except Exception:
        # As above: the result is committed; the batch (if made) is finished by the waiting-work sweep.
        logger.exception("Re-rendering the certificates of enrolments %s failed", enrolment_ids)
