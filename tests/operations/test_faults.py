"""Fault tests against real PostgreSQL, a real Redis and real workers (CI: LMS_REQUIRE_SERVICES=1).

Each test starts a redis-server of its own on a free port, so that it can take the broker or the
cache away and bring it back; the broker's visibility timeout is cut to seconds (worker_settings.py),
so the redelivery the production settings promise within minutes is seen within the test."""

import time
from datetime import timedelta

import pytest
from celery.signals import task_prerun
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lms.certificates.models import Certificate, RenderStatus
from lms.operations import services as operations_services
from tests.certificates.factories import complete, make_certificate_course, make_learner

from .conftest import TEST_VISIBILITY_TIMEOUT, breaking_cache, thread_worker, wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgres, pytest.mark.redis]


def rendered(enrolment) -> bool:
    return Certificate.objects.filter(enrolment=enrolment, render_status=RenderStatus.RENDERED).exists()


def test_a_worker_killed_mid_render_has_the_certificate_rendered_once(
    celery_on, redis_server, worker_processes, home_page, tmp_path
):
    course, lessons = make_certificate_course(title="Demokrati under press")
    person = make_learner(username="killed-worker", email="killed@example.se")
    started = tmp_path / "render-started"
    first = worker_processes(redis_server.url, LMS_TEST_RENDER_STARTED=str(started))

    enrolment = complete(person, lessons)  # commits; issue_certificate goes to the broker on commit

    assert wait_for(started.exists, seconds=60), f"the render never started:\n{first.output()}"
    first.kill_hard()
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.render_status == RenderStatus.PENDING  # the render's transaction died with it
    assert certificate.render_attempts == 0

    killed_at = time.monotonic()
    second = worker_processes(redis_server.url)
    # The message was never acknowledged: Redis hands it out again after the visibility timeout.
    # The ready mail is claimed in its own transaction just after the render's: wait for both.
    assert wait_for(
        lambda: (
            rendered(enrolment)
            and Certificate.objects.filter(enrolment=enrolment, ready_mail_sent_at__isnull=False).exists()
        ),
        seconds=60,
    ), f"not rendered and announced again:\n{second.output()}"
    assert time.monotonic() - killed_at >= TEST_VISIBILITY_TIMEOUT - 1  # redelivered, not run twice at once
    certificate.refresh_from_db()
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert certificate.render_attempts == 1
    assert certificate.ready_mail_sent_at is not None
    assert certificate.pdf.storage.exists(certificate.pdf.name)


def test_b_a_completion_while_the_broker_is_away_gets_its_certificate_from_the_sweep(
    celery_on, redis_server, home_page
):
    course, lessons = make_certificate_course(title="Likabehandling i praktiken")
    person = make_learner(username="no-broker", email="no-broker@example.se")
    learner = Client()
    learner.force_login(person.user)
    for lesson in lessons[:-1]:
        complete(person, [lesson])

    redis_server.stop()
    response = learner.post(reverse("courses:lesson_mark_done", args=[lessons[-1].pk]))
    # The learner's request succeeds and the completion is kept; the certificate could not be asked for.
    assert response.status_code == 302
    enrolment = person.enrolments.get(course=course)
    assert enrolment.completed_at is not None
    assert not Certificate.objects.filter(enrolment=enrolment).exists()
    health = Client().get("/healthz")
    assert health.status_code == 503 and health.json()["broker"] is False

    redis_server.start()  # back, and empty: whatever was queued before is gone too
    with thread_worker(celery_on):
        assert operations_services.waiting_work_sweep()["certificates_issued"] == 0  # not yet "lost"
        asked = operations_services.waiting_work_sweep(now=timezone.now() + timedelta(minutes=11))
        assert asked["certificates_issued"] == 1
        assert wait_for(lambda: rendered(enrolment) and len(mail.outbox) == 1, seconds=60)
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert [m.to for m in mail.outbox] == [["no-broker@example.se"]]


def test_c_pages_answer_while_the_cache_is_away(redis_server, settings, home_page):
    settings.CACHES = breaking_cache(redis_server.url)  # production's cache, on the test's own Redis
    course, lessons = make_certificate_course(title="Demokratins vardag", lessons=2)
    person = make_learner(username="no-cache")
    person.user.set_password("ett-bra-losenord-42")
    person.user.save()
    learner = Client()
    learner.force_login(person.user)
    pages = [(Client(), "/"), (Client(), reverse("accounts:login")), (learner, lessons[0].url)]

    for client, url in pages:
        assert client.get(url).status_code == 200
    from django_redis import get_redis_connection

    assert get_redis_connection("default").dbsize() > 0  # the pages did use the cache while it was there

    redis_server.stop()
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code} without the cache"
    # Signing in works too: sign-in throttling counts in the database, not in the cache.
    response = Client().post(reverse("accounts:login"), {"username": "no-cache", "password": "ett-bra-losenord-42"})
    assert response.status_code == 302
    assert Client().get("/healthz").status_code == 503


def test_d_a_task_delivered_twice_makes_one_certificate_and_one_mail(celery_on, home_page):
    """A retry's countdown longer than the visibility timeout: Redis hands the waiting message out
    again while the first copy still waits for its time, and both run. Harmless by design."""
    course, lessons = make_certificate_course(title="Demokrati två gånger")
    person = make_learner(username="twice", email="twice@example.se")
    from lms.certificates.tasks import issue_certificate

    enrolment = complete(person, lessons)
    celery_on.connection_for_write().default_channel.client.flushdb()  # only the task sent below, not the one on commit
    runs = []

    def count(sender=None, task_id=None, **kwargs):
        if sender is not None and sender.name == issue_certificate.name:
            runs.append(task_id)

    task_prerun.connect(count, weak=False)
    try:
        with thread_worker(celery_on):
            issue_certificate.apply_async(args=[enrolment.pk], countdown=TEST_VISIBILITY_TIMEOUT + 3)
            assert wait_for(lambda: len(runs) >= 2, seconds=30), f"delivered {len(runs)} time(s), expected twice"
            assert wait_for(lambda: rendered(enrolment) and len(mail.outbox) >= 1, seconds=30)
    finally:
        task_prerun.disconnect(count)
    assert len(set(runs)) == 1  # the same task, delivered twice
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.render_attempts == 1
    assert [m.to for m in mail.outbox] == [["twice@example.se"]]
