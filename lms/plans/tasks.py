"""Celery wrappers: thin, each calls a service."""

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task
def record_indicator_measurements_task() -> int:
    return services.indicator_measurements_record(on=timezone.localdate())
