"""Refresh the roll-up soon after enrolments change: when a course is completed, and when the
required-training assignment has run (the courses app's signals). Both are debounced in services."""

import logging

from django.dispatch import receiver

from lms.courses.signals import enrolment_completed, enrolments_assigned

logger = logging.getLogger(__name__)


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


@receiver(enrolments_assigned, dispatch_uid="reports.refresh_after_assignment")
def refresh_after_assignment(sender, **kwargs):
    _refresh_soon()
