"""Celery tasks of surveys: thin wrappers around the services."""

from celery import shared_task
from django.contrib.auth import get_user_model

from . import selectors, services
from .models import SurveyPage


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def survey_remind_task(self, survey_id: int, user_id: int, base_url: str | None = None) -> dict:
    """Remind, as ``user_id`` asked and within what they may see; a retry sends nobody twice (ReminderLog).
    ``base_url`` is ignored (messages queued before the site's address came from lms.core.addresses)."""
    survey = SurveyPage.objects.filter(pk=survey_id).first()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if survey is None or user is None:
        return {}
    return services.survey_remind(survey=survey, user=user)


@shared_task(acks_late=True)
def survey_release_task(survey_id: int) -> bool:
    """One survey's release (``services.survey_release``): True if its figures were released."""
    return services.survey_release(survey_id=survey_id) is not None


@shared_task
def release_survey_results_task() -> int:
    """Nightly (beat): ask for the release of every survey with something to release, each in its
    own task and transaction. Never in a learner's request."""
    due = selectors.surveys_due_for_release()
    for survey_id in due:
        survey_release_task.delay(survey_id)
    return len(due)
