"""The waiting-work sweep as a Celery task: every few minutes (beat) and at every worker start."""

from celery import shared_task
from celery.signals import worker_ready

from . import services


@shared_task(acks_late=True)
def sweep_waiting_work_task() -> dict:
    return services.waiting_work_sweep()


@worker_ready.connect
def sweep_at_worker_start(sender=None, **kwargs) -> None:
    """A worker that starts (after a crash, a deploy, Redis coming back) looks for lost work at once,
    through the broker like any task, so that a web process never does it."""
    sweep_waiting_work_task.delay()
