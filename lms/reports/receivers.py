"""Refresh the roll-up soon after enrolments change: when a course is completed, and when the
required-training assignment has run (its Celery tasks). Both are debounced in services."""

import logging

from celery.signals import task_postrun
from django.dispatch import receiver

from lms.courses.signals import enrolment_completed

logger = logging.getLogger(__name__)

ASSIGNMENT_TASKS = {
    "lms.requirements.tasks.assign_course_task",
    "lms.requirements.tasks.assign_people_task",
    "lms.requirements.tasks.assign_all_task",
}


def _refresh_soon() -> None:
    # Reports must never break the app that changed the enrolments (tasks run in-process when eager).
    from .services import summary_refresh_soon

    try:
        summary_refresh_soon()
    except Exception:
        logger.exception("could not schedule a refresh of the completion roll-up")


@receiver(enrolment_completed, dispatch_uid="reports.refresh_after_completion")
def refresh_after_completion(sender, **kwargs):
    _refresh_soon()


@task_postrun.connect(dispatch_uid="reports.refresh_after_assignment")
def refresh_after_assignment(sender=None, state=None, **kwargs):
    if sender is not None and getattr(sender, "name", None) in ASSIGNMENT_TASKS and state == "SUCCESS":
        _refresh_soon()
