"""Celery wrappers: thin, each calls a service."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)  # idempotent: the files are replaced
def render_annex_task(annex_id: int) -> None:
    services.annex_render(annex_id=annex_id)
