"""Celery tasks of learning paths: thin wrappers around the services (acks_late: a worker that dies
mid-render leaves the message to be delivered again, which the services make harmless)."""

from celery import shared_task

from lms.courses.models import Enrolment

from . import services
from .models import PathCertificate

RETRY = {"autoretry_for": (Exception,), "retry_backoff": 30, "retry_jitter": True, "max_retries": 6}


@shared_task(bind=True, acks_late=True, **RETRY)
def issue_path_certificates(self, enrolment_id: int) -> list[int]:
    enrolment = Enrolment.objects.select_related("person").filter(pk=enrolment_id).first()
    if enrolment is None or not enrolment.is_completed:
        return []
    return [c.pk for c in services.path_certificates_issue_after(enrolment=enrolment)]


@shared_task(bind=True, acks_late=True, **RETRY)
def render_path_certificate(self, certificate_id: int) -> int | None:
    certificate = PathCertificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return None
    services.path_certificate_render(certificate=certificate)
    return certificate_id
