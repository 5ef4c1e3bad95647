"""Listeners on other apps' signals."""

import logging

from lms.courses.models import CoursePage

logger = logging.getLogger(__name__)


def issue_on_completion(sender, enrolment, **kwargs) -> None:
    """Sent on commit of the completion: queue the certificate, if the course gives one."""
    from .tasks import issue_certificate

    if not CoursePage.objects.filter(pk=enrolment.course_id, certificate_template__isnull=False).exists():
        return
    try:
        issue_certificate.delay(enrolment.pk)
    except Exception:
        # With eager tasks (no broker) a render failure surfaces here; the completion is already
        # committed and the failure is recorded on the certificate for administrators, so the
        # learner's request must not fail because of it.
        logger.exception("Issuing the certificate of enrolment %s failed", enrolment.pk)
