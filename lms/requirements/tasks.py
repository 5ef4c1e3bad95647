"""Celery tasks of required training: thin wrappers around the services."""

from celery import shared_task

from . import services
from .assignment import assign_all, assign_course


@shared_task(acks_late=True)
def assign_course_task(course_id: int) -> dict:
    return vars(assign_course(course_id=course_id)) | {"courses": [course_id]}


@shared_task(acks_late=True)
def assign_people_task(person_ids: list[int]) -> int:
    return services.assign_for_people(person_ids=person_ids).rows_written


@shared_task(acks_late=True)
def assign_all_task() -> int:
    """Nightly: new people, renewals coming due, requirements changed without a save hook."""
    return assign_all().rows_written


@shared_task(bind=True, acks_late=True, autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_reminders_task(self) -> dict:
    return services.reminders_send()
