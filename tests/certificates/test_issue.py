"""Issuing is idempotent: duplicates, retries and races end with one certificate, one PDF, one mail."""

import io
import threading
from datetime import date

import pytest
from django.core import mail
from django.db import connection
from pypdf import PdfReader

from lms.certificates import services, tasks
from lms.certificates.models import Certificate, RenderStatus
from tests.certificates.factories import CertificateTemplateFactory, complete, make_certificate_course, make_learner


@pytest.mark.django_db
def test_completion_issues_certificate_on_commit(course, learner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete(learner, course.test_lessons)
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.render_status == RenderStatus.RENDERED
    assert certificate.person == learner and certificate.course_id == course.pk
    assert certificate.valid_until == date(
        certificate.completed_on.year + 3, certificate.completed_on.month, certificate.completed_on.day
    )
    text = PdfReader(io.BytesIO(certificate.pdf.read())).pages[0].extract_text()
    assert "Anna Lindqvist" in text and course.title in text and certificate.display_code in text
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_course_without_template_gives_no_certificate(home_page, learner, django_capture_on_commit_callbacks):
    from tests.courses.factories import make_course

    course, lessons = make_course(title="Utan intyg", lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete(learner, lessons)
    assert enrolment.is_completed
    assert not Certificate.objects.exists()
    assert tasks.issue_certificate.delay(enrolment.pk).get() is None


@pytest.mark.django_db
def test_task_twice_gives_one_certificate_one_pdf_one_mail(enrolment, media_root):
    first = tasks.issue_certificate.delay(enrolment.pk).get()
    second = tasks.issue_certificate.delay(enrolment.pk).get()
    assert first == second
    assert Certificate.objects.count() == 1
    certificate = Certificate.objects.get()
    assert certificate.render_attempts == 1
    pdfs = list((media_root.parent / "private_media").rglob("*.pdf"))
    assert [p.name for p in pdfs] == [f"intyg-{certificate.code}.pdf"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["anna@example.se"]
    assert "Demokrati i vardagen" in mail.outbox[0].subject
    assert certificate.display_code in mail.outbox[0].body


@pytest.mark.django_db
def test_mail_in_the_persons_language(course, home_page):
    person = make_learner(username="eng", email="eng@example.se")
    person.language = "en"
    person.save()
    enrolment = complete(person, course.test_lessons)
    tasks.issue_certificate.delay(enrolment.pk)
    assert mail.outbox[0].subject == "Your certificate for Demokrati i vardagen is ready"
    swedish = make_learner(username="sv", email="sv@example.se")
    tasks.issue_certificate.delay(complete(swedish, course.test_lessons).pk)
    assert mail.outbox[1].subject == "Ditt intyg för Demokrati i vardagen är klart"


@pytest.mark.django_db
def test_rerender_replaces_the_file_in_place_and_sends_no_mail(certificate, media_root):
    name = certificate.pdf.name
    services.certificate_render(certificate=certificate, force=True)
    certificate.refresh_from_db()
    assert certificate.pdf.name == name
    assert certificate.render_attempts == 2
    assert len(list((media_root.parent / "private_media").rglob("*.pdf"))) == 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_worker_dying_mid_render_is_retried_cleanly(enrolment, monkeypatch):
    """acks_late redelivers the task; the first attempt left a pending certificate behind."""
    certificate = services.certificate_issue(enrolment=enrolment)  # the worker got this far, then died
    assert certificate.render_status == RenderStatus.PENDING
    tasks.issue_certificate.delay(enrolment.pk)  # redelivered
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.RENDERED
    assert Certificate.objects.count() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db
def test_render_failure_is_recorded_then_recovers(enrolment, monkeypatch):
    from lms.certificates import rendering

    certificate = services.certificate_issue(enrolment=enrolment)

    def broken(**kwargs):
        raise OSError("font missing")

    monkeypatch.setattr(rendering, "render_pdf", broken)
    with pytest.raises(OSError):
        services.certificate_render(certificate=certificate)
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.FAILED
    assert certificate.render_error == "OSError: font missing"
    assert certificate.render_attempts == 1
    assert mail.outbox == []
    monkeypatch.undo()
    services.certificate_render(certificate=certificate)
    certificate.refresh_from_db()
    assert (certificate.render_status, certificate.render_error, certificate.render_attempts) == ("rendered", "", 2)
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_task_retries_with_backoff():
    task = tasks.issue_certificate
    assert task.autoretry_for == (Exception,)
    assert task.retry_backoff and task.max_retries >= 3
    assert task.acks_late


@pytest.mark.django_db
def test_no_expiry_when_course_has_no_validity(home_page, learner):
    course, lessons = make_certificate_course(title="Evig", validity_months=None)
    certificate = services.certificate_issue(enrolment=complete(learner, lessons))
    assert certificate.valid_until is None


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_make_one_certificate(require_postgres, home_page):
    from lms.certificates.models import CourseCertificate
    from tests.courses.factories import make_course

    # Completed while the course gave no certificate, so the on-commit signal queues nothing;
    # the four "deliveries" below are the only ones.
    course, lessons = make_course(title="Kapplöpning", lessons=1)
    enrolment = complete(make_learner(username="race", email="race@example.se"), lessons)
    CourseCertificate.objects.create(course=course, template=CertificateTemplateFactory(), validity_months=12)
    assert not Certificate.objects.exists()
    barrier = threading.Barrier(4)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(tasks.issue_certificate.apply(args=[enrolment.pk]).get())
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert set(results) == {certificate.pk}
    assert certificate.render_attempts == 1
    assert len(mail.outbox) == 1
