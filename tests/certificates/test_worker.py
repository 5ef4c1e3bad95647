"""Against real PostgreSQL and Redis: a real Celery worker issues the certificate after a completion.

The completion commits, ``enrolment_completed`` fires on commit, the receiver sends
``issue_certificate`` over the Redis broker, and a worker thread consuming from it renders the PDF."""

import io
import time

import pytest
from django.core import mail
from pypdf import PdfReader

from lms.certificates.models import Certificate, RenderStatus
from tests.certificates.factories import complete, make_certificate_course, make_learner

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, pytest.mark.redis]


def wait_for(condition, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_real_worker_issues_certificate_after_completion(real_celery_worker, home_page):
    assert not real_celery_worker.conf.task_always_eager
    course, lessons = make_certificate_course(title="Demokrati på riktigt")
    person = make_learner(username="worker-learner", email="worker@example.se")

    enrolment = complete(person, lessons)  # commits (transaction=True): the signal sends the task

    assert wait_for(
        lambda: Certificate.objects.filter(enrolment=enrolment, render_status=RenderStatus.RENDERED).exists()
    )
    certificate = Certificate.objects.get(enrolment=enrolment)
    text = PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text()
    assert "Demokrati på riktigt" in text and certificate.display_code in text
    assert wait_for(lambda: len(mail.outbox) == 1, seconds=10)

    # A duplicate delivery through the broker changes nothing.
    real_celery_worker.send_task("lms.certificates.tasks.issue_certificate", args=[enrolment.pk])
    time.sleep(2)
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    certificate.refresh_from_db()
    assert certificate.render_attempts == 1
    assert len(mail.outbox) == 1
