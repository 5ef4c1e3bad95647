"""Celery tasks of certificates: thin wrappers around the services.

acks_late is on, so a worker that dies mid-render leaves the message to be delivered again;
the services make that (and any duplicate delivery) harmless."""

from celery import shared_task

from lms.courses.models import Enrolment

from . import services
from .models import Certificate

RETRY = {
    "autoretry_for": (Exception,),
    "retry_backoff": 30,  # 30 s, 60 s, 120 s … with jitter
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 6,
}


@shared_task(bind=True, acks_late=True, **RETRY)
def issue_certificate(self, enrolment_id: int) -> int | None:
    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None:
        return None
    certificate = services.certificate_issue(enrolment=enrolment)
    if certificate is None:
        return None
    services.certificate_render(certificate=certificate)
    return certificate.pk


@shared_task(bind=True, acks_late=True, **RETRY)
def render_certificate(self, certificate_id: int, batch_id: int | None = None) -> int | None:
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return None
    try:
        services.certificate_render(certificate=certificate, force=True)
    except Exception:
        if batch_id is not None and self.request.retries >= self.max_retries:
            services.render_batch_record(certificate_id=certificate_id, batch_id=batch_id, ok=False)
        raise
    if batch_id is not None:
        services.render_batch_record(certificate_id=certificate_id, batch_id=batch_id, ok=True)
    return certificate_id


@shared_task(acks_late=True)
def render_certificate_once(certificate_id: int) -> int | None:
    """One more attempt at a certificate whose rendering failed, asked for by the waiting-work sweep
    (lms/operations). No retries of its own: the sweep spaces the attempts and stops after a limit,
    so a template that cannot be rendered does not keep the workers busy."""
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return None
    services.certificate_render(certificate=certificate)
    return certificate_id
