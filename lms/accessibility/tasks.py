"""Celery tasks of the accessibility statement: thin wrappers around the services."""

from celery import shared_task

from . import services


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def notify_feedback_task(feedback_id: int) -> bool:
    return services.feedback_notify(feedback_id=feedback_id)
