"""Celery tasks of records management: thin wrappers around the services."""

from celery import shared_task

from . import services


@shared_task(acks_late=False, soft_time_limit=1800, time_limit=1900)
def apply_retention_decisions_task() -> int:
    """Nightly: apply the retention decisions in force (and nothing else). Acked on receipt (it may
    outlast the broker's visibility timeout); a run lost to a dying worker is made up the next night."""
    return sum(run.rows for run in services.retention_apply())
