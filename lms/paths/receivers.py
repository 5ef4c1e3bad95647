"""Listeners on other apps' signals."""

import logging

from .models import LearningPathCourse

logger = logging.getLogger(__name__)


def issue_on_completion(sender, enrolment, **kwargs) -> None:
    """Sent on commit of a completion: if the course is in a path, the path may now be completed."""
    from .tasks import issue_path_certificates

    if not LearningPathCourse.objects.filter(course_id=enrolment.course_id).exists():
        return
    try:
        issue_path_certificates.delay(enrolment.pk)
    except Exception:
        # As for a course's certificate: the completion is committed, the learner's request must not fail.
        logger.exception("Issuing the path certificates after enrolment %s failed", enrolment.pk)


def requirements_follow_the_path(sender, instance, **kwargs) -> None:
    """Wagtail's ``page_published`` for a path: its requirements follow its courses as published."""
    from .models import LearningPathPage
    from .services import path_requirements_follow

    if isinstance(instance, LearningPathPage):
        path_requirements_follow(path=instance)
