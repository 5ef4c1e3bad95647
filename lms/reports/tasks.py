"""Celery tasks of the reports area: thin wrappers around the services."""

from celery import shared_task
from django.core.cache import cache

from . import services


@shared_task(acks_late=True)
def refresh_summary_task() -> int:
    """Every few minutes (beat), and a minute after enrolments changed: recompute the roll-up."""
    cache.delete("reports:summary-refresh-pending")
    return services.summary_refresh()


@shared_task(acks_late=True)
def snapshot_public_figures_task() -> int:
    """Daily: recompute the roll-up, then store the day's public figures."""
    services.summary_refresh()
    return services.public_snapshot_refresh()


@shared_task(acks_late=False, soft_time_limit=3600, time_limit=3700)
def run_export_job_task(job_id: str) -> str:
    """A large export: may take minutes for a million rows, hence its own time limits. Acked on
    receipt: it may outlast the broker's visibility timeout; the waiting-work sweep asks again for
    a job whose worker died (lms/operations)."""
    job = services.export_job_run(job_id=job_id)
    return job.status if job is not None else "deleted"


@shared_task(acks_late=True)
def expire_export_jobs_task() -> int:
    """Daily: delete background exports older than LMS_REPORTS_EXPORT_KEEP_DAYS, and their files."""
    return services.export_jobs_expire()
