"""The waiting-work sweep asks again for work lost on the way, once it has waited past the stuck
threshold, and asking twice never makes a second certificate or mail (eager tasks, SQLite; the
same through a real broker and worker: test_faults.py)."""

from datetime import timedelta
from unittest import mock

import pytest
from celery import current_app
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from lms.certificates import services as certificate_services
from lms.certificates.models import Certificate, CertificateRenderBatch, RenderStatus
from lms.imports.models import ImportRun, ImportRunStatus
from lms.operations import selectors, services
from lms.organisation.models import Person
from lms.paths import services as path_services
from lms.paths.models import PathCertificate
from lms.reports.models import ExportJob
from tests.certificates.factories import complete, make_certificate_course, make_learner
from tests.factories import hr_user
from tests.paths.factories import make_chain, make_path

pytestmark = pytest.mark.django_db

LATER = timedelta(minutes=11)  # past LMS_WORK_STUCK_AFTER (10 minutes)


def later():
    return timezone.now() + LATER


@pytest.fixture
def completed_without_certificate(home_page, django_capture_on_commit_callbacks):
    """A completion whose certificate task could not be sent: the broker was unreachable."""
    course, lessons = make_certificate_course(title="Likabehandling")
    person = make_learner(username="sweep-learner", email="sweep@example.se")
    with (
        mock.patch("lms.certificates.tasks.issue_certificate.delay", side_effect=OperationalError("no broker")) as sent,
        django_capture_on_commit_callbacks(execute=True),
    ):
        enrolment = complete(person, lessons)
    assert sent.called  # the completion asked, on commit, and the ask was lost
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None and not Certificate.objects.exists()
    return enrolment


def test_the_stuck_threshold_outlasts_the_brokers_own_redelivery():
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert settings.LMS_WORK_STUCK_AFTER > timedelta(seconds=visibility)
    assert settings.LMS_WORK_STUCK_AFTER <= timedelta(minutes=15)  # within minutes, not an hour
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} >= {
        "lms.operations.tasks.sweep_waiting_work_task"
    }


def test_late_acked_tasks_fit_the_visibility_timeout():
    """A late-acked task still running when the timeout passes would be handed to a second worker:
    every late-acked task's hard limit must fit twice, and anything longer must ack early."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    assert 300 <= visibility <= 900
    lms_tasks = {name: task for name, task in current_app.tasks.items() if name.startswith("lms.")}
    assert "lms.reports.tasks.run_export_job_task" in lms_tasks
    for name, task in lms_tasks.items():
        acks_late = task.acks_late if task.acks_late is not None else settings.CELERY_TASK_ACKS_LATE
        limit = task.time_limit or settings.CELERY_TASK_TIME_LIMIT
        if acks_late:
            assert 2 * limit + 60 <= visibility, f"{name} acks late but may run {limit} s"


def test_sweep_issues_a_certificate_lost_with_the_broker_once(completed_without_certificate):
    enrolment = completed_without_certificate
    assert services.waiting_work_sweep()["certificates_issued"] == 0  # too early: it may still be on its way
    assert not Certificate.objects.exists()

    asked = services.waiting_work_sweep(now=later())

    assert asked["certificates_issued"] == 1
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.render_status == RenderStatus.RENDERED
    assert [m.to for m in mail.outbox] == [["sweep@example.se"]]
    # Nothing is waiting any more, and sweeping again (or asking the task again) changes nothing.
    assert services.waiting_work_sweep(now=later())["certificates_issued"] == 0
    from lms.certificates.tasks import issue_certificate

    issue_certificate.delay(enrolment.pk)
    assert Certificate.objects.count() == 1 and len(mail.outbox) == 1
    certificate.refresh_from_db()
    assert certificate.render_attempts == 1


def test_sweep_renders_a_certificate_left_pending(completed_without_certificate):
    certificate = certificate_services.certificate_issue(enrolment=completed_without_certificate)
    assert certificate.render_status == RenderStatus.PENDING
    assert services.waiting_work_sweep(now=later())["certificates_issued"] == 1
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.RENDERED


def test_sweep_tries_a_failed_certificate_again_until_it_gives_up(completed_without_certificate):
    certificate = certificate_services.certificate_issue(enrolment=completed_without_certificate)
    Certificate.objects.filter(pk=certificate.pk).update(render_status=RenderStatus.FAILED, render_attempts=7)

    with mock.patch("lms.certificates.rendering.render_pdf", side_effect=RuntimeError("font missing")):
        asked = services.waiting_work_sweep(now=later())
    assert asked["certificates_rendered"] == 1
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.FAILED and certificate.render_attempts == 8

    # At the limit the machines stop; the admin page lists it for a person.
    Certificate.objects.filter(pk=certificate.pk).update(render_attempts=selectors.RENDER_ATTEMPTS_BEFORE_GIVING_UP)
    assert services.waiting_work_sweep(now=later())["certificates_rendered"] == 0
    assert list(selectors.certificates_failed(given_up=True)) == [certificate]

    Certificate.objects.filter(pk=certificate.pk).update(render_attempts=3)
    assert services.waiting_work_sweep(now=later())["certificates_rendered"] == 1
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.RENDERED


def test_sweep_finishes_a_rerender_batch(completed_without_certificate):
    services.waiting_work_sweep(now=later())
    certificate = Certificate.objects.get()
    batch = CertificateRenderBatch.objects.create(total=1)
    Certificate.objects.filter(pk=certificate.pk).update(render_batch=batch)  # its task was lost

    assert services.waiting_work_sweep(now=later())["render_batch_certificates"] == 1
    batch.refresh_from_db()
    assert (batch.done, batch.failed) == (1, 0)
    assert services.waiting_work_sweep(now=later())["render_batch_certificates"] == 0
    batch.refresh_from_db()
    assert batch.done == 1


def test_sweep_runs_export_jobs_and_dry_runs_left_queued(db):
    user = hr_user(username="sweep-hr")
    job = ExportJob.objects.create(user=user, report="enrolments", params={"language": "sv"}, export_format="csv")
    run = ImportRun.objects.create(filename="hr.csv", content=b"", created_by=user)
    # A confirmed run (importing) is never applied again unattended.
    confirmed = ImportRun.objects.create(filename="hr2.csv", content=b"x", status=ImportRunStatus.IMPORTING)

    asked = services.waiting_work_sweep(now=later())

    assert (asked["export_jobs"], asked["import_runs"]) == (1, 1)
    job.refresh_from_db()
    run.refresh_from_db()
    confirmed.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    assert run.status == ImportRunStatus.INVALID  # checked: the file was empty
    assert confirmed.status == ImportRunStatus.IMPORTING
    # A job still running within its task's time limit is not asked for; one long past it is.
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    assert services.waiting_work_sweep(now=later())["export_jobs"] == 0
    assert services.waiting_work_sweep(now=timezone.now() + timedelta(hours=2))["export_jobs"] == 1


def test_sweep_waits_while_the_queue_is_long(completed_without_certificate):
    with mock.patch.object(selectors, "broker_queue_length", return_value=10_000):
        assert services.waiting_work_sweep(now=later()) == {"skipped_for_backlog": 10_000}
    assert not Certificate.objects.exists()


def test_sweep_stops_when_the_broker_stops_answering(completed_without_certificate):
    with mock.patch("lms.certificates.tasks.issue_certificate.delay", side_effect=OperationalError("gone")):
        asked = services.waiting_work_sweep(now=later())
    assert asked["broker_unreachable"] == 1
    assert not Certificate.objects.exists()


def test_every_worker_sweeps_when_it_starts_and_beat_names_a_real_task():
    from celery.signals import worker_ready

    from lms.operations.tasks import sweep_waiting_work_task

    name = settings.CELERY_BEAT_SCHEDULE["sweep-waiting-work"]["task"]
    assert current_app.tasks[name].name == sweep_waiting_work_task.name == name
    with mock.patch.object(sweep_waiting_work_task, "delay") as delay:
        worker_ready.send(sender=None)
    delay.assert_called_once_with()


def test_sweep_renders_a_path_certificate_whose_render_was_lost(home_page, client, django_capture_on_commit_callbacks):
    """Path certificates join the sweep through the certificates' kinds (lms.certificates.kinds)."""
    chain = make_chain(2)
    path = make_path(*(course for course, _lessons in chain), title="Introduktion")
    person = make_learner(username="path-learner", email="path@example.se")
    with (
        mock.patch("lms.paths.tasks.issue_path_certificates.delay") as lost,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for _course, lessons in chain:
            complete(person, lessons)
    assert lost.called
    certificate = path_services.path_certificate_issue(person=person, path=path)  # issued; its render never ran
    assert certificate.render_status == RenderStatus.PENDING
    assert services.waiting_work_sweep()["path_certificates_rendered"] == 0  # too early: it may still be on its way

    # The admin page and /healthz count it as the machines' work.
    assert selectors.oldest_waiting(later()) is not None
    hr = hr_user()
    (section,) = [s for s in selectors.waiting_work_for(hr) if s["kind"].key == "path_certificates_pending"]
    assert section["count"] == 1
    client.force_login(hr)
    page = client.get(reverse("operations_waiting_work"))
    assert page.status_code == 200
    assert f"{person.full_name} – Introduktion ({certificate.display_code})" in page.content.decode()

    assert services.waiting_work_sweep(now=later())["path_certificates_rendered"] == 1
    certificate.refresh_from_db()
    assert certificate.render_status == RenderStatus.RENDERED and certificate.pdf
    assert services.waiting_work_sweep(now=later())["path_certificates_rendered"] == 0
    assert selectors.oldest_waiting(later()) is None


def test_sweep_leaves_an_erased_persons_path_certificate(home_page, django_capture_on_commit_callbacks):
    chain = make_chain(1)
    path = make_path(chain[0][0], title="Introduktion")
    person = make_learner(username="erased-learner", email="erased@example.se")
    with mock.patch("lms.paths.tasks.issue_path_certificates.delay"), django_capture_on_commit_callbacks(execute=True):
        complete(person, chain[0][1])
    path_services.path_certificate_issue(person=person, path=path)
    Person.objects.filter(pk=person.pk).update(erased_at=timezone.now())
    assert services.waiting_work_sweep(now=later())["path_certificates_rendered"] == 0


def test_sweep_issues_a_path_certificate_lost_with_the_broker_once(home_page, django_capture_on_commit_callbacks):
    chain = make_chain(2)
    path = make_path(*(course for course, _lessons in chain), title="Introduktion")
    make_path(*(course for course, _lessons in chain), title="Utan intyg", template=None)  # gives none: never asked
    person = make_learner(username="path-learner", email="path@example.se")
    halfway = make_learner(username="halfway", email="halfway@example.se")
    with (
        mock.patch("lms.paths.tasks.issue_path_certificates.delay", side_effect=OperationalError("no broker")) as sent,
        django_capture_on_commit_callbacks(execute=True),
    ):
        for _course, lessons in chain:
            complete(person, lessons)
        complete(halfway, chain[0][1])
    assert sent.called and not PathCertificate.objects.exists()
    assert services.waiting_work_sweep()["path_certificates_issued"] == 0  # too early: it may still be on its way

    asked = services.waiting_work_sweep(now=later())
    assert asked["path_certificates_issued"] == 1
    certificate = PathCertificate.objects.get()
    assert (certificate.person, certificate.path) == (person, path)
    assert certificate.render_status == RenderStatus.RENDERED
    assert services.waiting_work_sweep(now=later())["path_certificates_issued"] == 0
    # Completions older than the lookback are not asked for (a path given a template today mails nobody).
    PathCertificate.objects.all().delete()
    assert services.waiting_work_sweep(now=timezone.now() + timedelta(days=31))["path_certificates_issued"] == 0
