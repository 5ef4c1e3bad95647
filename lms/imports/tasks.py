"""Celery tasks of the HR import: thin wrappers around the services.

Their names are still the ones they had in lms.organisation: a dry run or real run queued by the version
before the move (its message names the task) is then run by the version after it, during an upgrade."""

from celery import shared_task

from . import services


@shared_task(name="lms.organisation.tasks.import_run_check_task", acks_late=False, soft_time_limit=600, time_limit=660)
def import_run_check_task(run_id: int) -> dict:
    """The dry run of an uploaded HR file. Acked on receipt: it may outlast the broker's visibility
    timeout; the waiting-work sweep asks again for a run left queued or checking (lms/operations)."""
    return services.import_run_check(run_id=run_id).counts


@shared_task(name="lms.organisation.tasks.import_run_apply_task", acks_late=False, soft_time_limit=600, time_limit=660)
def import_run_apply_task(run_id: int) -> dict:
    """The real run, once HR confirmed. Not acked late: a redelivery after a crash must not import twice
    (the run's status guards that too)."""
    return services.import_run_apply(run_id=run_id).counts
