"""Celery wrappers: thin, each calls a service."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(acks_late=True)  # idempotent: a figure of the day, a PDF replaced
def record_indicator_measurements_task() -> int:
    return services.indicator_measurements_record(on=timezone.localdate())


@shared_task(acks_late=True)  # idempotent: a figure of the day, a PDF replaced
def render_council_report_task(report_id: int) -> None:
    services.council_report_render(report_id=report_id)
