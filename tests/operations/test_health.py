"""/healthz for monitoring, and the admin's "Väntande arbete" within the access rule."""

import socket
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from lms.access.roles import HR_GROUP
from lms.certificates import services as certificate_services
from lms.certificates.models import Certificate
from lms.operations import selectors
from tests import factories
from tests.certificates.factories import complete, make_certificate_course, make_learner
from tests.factories import OrgUnitFactory
from tests.helpers import status_and_location

pytestmark = pytest.mark.django_db

HEALTH_KEYS = {"ok", "database", "cache", "broker", "queue_length", "oldest_waiting_seconds"}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def unreachable_cache(settings):
    """The production cache settings (django-redis, IGNORE_EXCEPTIONS) on a port where nothing listens."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/1",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }


def test_healthz_reports_every_service_without_a_session(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    report = response.json()
    assert set(report) == HEALTH_KEYS
    assert report["ok"] and report["database"] and report["cache"] and report["broker"]
    assert report["oldest_waiting_seconds"] is None
    assert not response.cookies  # no session, no CSRF cookie
    assert client.post("/healthz").status_code == 405


def test_healthz_is_503_while_the_cache_is_away_and_pages_still_work(client, home_page, unreachable_cache):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] is False and response.json()["database"] is True
    # A cache that cannot be reached is a miss: Wagtail's site lookup and the pages go to the database.
    assert client.get("/").status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200
    assert client.get(reverse("certificates:verify")).status_code == 200  # the rate limit fails open


def test_healthz_is_503_when_work_waits_too_long(client, home_page, django_capture_on_commit_callbacks):
    course, lessons = make_certificate_course()
    person = make_learner(username="vilma", first_name="Vilma", last_name="Väntare")
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete(person, lessons)
    certificate = Certificate.objects.get(enrolment=enrolment)
    Certificate.objects.filter(pk=certificate.pk).update(
        render_status="pending", pdf="", issued_at=timezone.now() - timedelta(hours=1)
    )
    response = client.get("/healthz")
    assert response.status_code == 503
    report = response.json()
    assert report["database"] and report["cache"] and report["broker"]
    assert 3590 <= report["oldest_waiting_seconds"] <= 3700
    text = response.content.decode()
    for detail in ("Vilma", "Väntare", "vilma", certificate.code, certificate.display_code):  # nothing about anyone
        assert detail not in text


@pytest.fixture
def two_units(home_page, django_capture_on_commit_callbacks):
    """One pending certificate in unit A and one in unit B."""
    course, lessons = make_certificate_course(title="Demokratins grunder")
    unit_a, unit_b = OrgUnitFactory(name="Enhet A"), OrgUnitFactory(name="Enhet B")
    people = {}
    for unit, name in ((unit_a, "Astrid"), (unit_b, "Berit")):
        person = make_learner(username=name.lower(), first_name=name, last_name="Väntesson")
        person.org_unit = unit
        person.save()
        people[name] = person
    with django_capture_on_commit_callbacks(execute=False):  # the certificate tasks are never sent
        for person in people.values():
            complete(person, lessons)
    for enrolment in [p.enrolments.get() for p in people.values()]:
        certificate_services.certificate_issue(enrolment=enrolment)
    return {"A": unit_a, "B": unit_b, **people}


def test_waiting_work_page_lists_only_rows_the_user_may_see(client, two_units, admin_user):
    url = reverse("operations_waiting_work")
    client.force_login(admin_user)
    page = client.get(url).content.decode()
    assert "Astrid Väntesson" in page and "Berit Väntesson" in page

    scoped = factories.hr_user(username="hr-scoped-a", scope=two_units["A"])
    client.force_login(scoped)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Astrid Väntesson" in page and "Berit Väntesson" not in page
    sections = {s["kind"].key: s for s in selectors.waiting_work_for(scoped)}
    assert sections["certificates_pending"]["count"] == 1
    assert sections["import_runs"]["count"] == 0  # imports: for those who see the whole group


def test_waiting_work_page_is_refused_without_a_permission(client, two_units):
    url = reverse("operations_waiting_work")
    assert status_and_location(client.get(url)) == (302, "/admin/login/")
    # Admin access, but no permission on any of the rows: refused (Wagtail sends it to the dashboard).
    editor = make_learner(username="editor").user
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(url)
    assert status_and_location(response) == (302, "/admin/")
    assert not selectors.may_view_waiting_work(editor)
    hr_user = factories.hr_user(username="hr-all")
    assert hr_user.groups.filter(name=HR_GROUP).exists() and selectors.may_view_waiting_work(hr_user)


# --- Who sees what, and what it costs (issue 27, item 5) ---------------------------------------------

OUTSIDE = "203.0.113.7"  # a visitor on the internet (TEST-NET-3)


@pytest.fixture
def no_broker_asked(monkeypatch):
    """The plain answer must not ping the broker, read the queue or count waiting work."""

    def asked(*args, **kwargs):
        raise AssertionError("the plain /healthz asked for details")

    monkeypatch.setattr(selectors, "broker_queue_length", asked)
    monkeypatch.setattr(selectors, "oldest_waiting", asked)


def test_anyone_gets_a_plain_ok_for_one_query(client, no_broker_asked, django_assert_max_num_queries):
    client.get("/healthz", REMOTE_ADDR=OUTSIDE)  # the request's site, read once into the cache by the middleware
    with django_assert_max_num_queries(1):  # SELECT 1
        response = client.get("/healthz", REMOTE_ADDR=OUTSIDE)
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"].startswith("text/plain") and "no-cache" in response["Cache-Control"]
    assert not response.cookies


def test_anyone_gets_a_plain_503_while_the_cache_is_away(client, unreachable_cache, no_broker_asked):
    response = client.get("/healthz", REMOTE_ADDR=OUTSIDE)
    assert (response.status_code, response.content) == (503, b"unavailable\n")


def test_the_details_need_the_token(client, settings):
    settings.LMS_HEALTHZ_TOKEN = "a-long-random-monitoring-token"
    right = client.get("/healthz", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer a-long-random-monitoring-token")
    assert right.status_code == 200 and set(right.json()) == HEALTH_KEYS
    for wrong in ("Bearer a-long-random-monitoring-toke", "Bearer ", "Basic a-long-random-monitoring-token", ""):
        response = client.get("/healthz", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION=wrong)
        assert response.content == b"ok\n", wrong
    settings.LMS_HEALTHZ_TOKEN = ""  # unset: no bearer opens them, not even an empty one
    assert client.get("/healthz", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer ").content == b"ok\n"


def test_this_machine_sees_the_details_but_not_through_a_proxy(client):
    assert set(client.get("/healthz", REMOTE_ADDR="127.0.0.1").json()) == HEALTH_KEYS
    assert set(client.get("/healthz", REMOTE_ADDR="::1").json()) == HEALTH_KEYS
    proxied = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OUTSIDE)
    assert proxied.content == b"ok\n"  # nginx on this machine, a visitor from anywhere
    # A proxy that sends only the scheme production requires (SECURE_PROXY_SSL_HEADER) is a proxy too.
    assert client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https").content == b"ok\n"


def test_healthz_is_throttled_per_client_address(client, settings):
    settings.LMS_HEALTHZ_RATE = "3/m"
    answers = [client.get("/healthz", REMOTE_ADDR=OUTSIDE).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert client.get("/healthz", REMOTE_ADDR="203.0.113.8").status_code == 200  # another address


def test_monitoring_with_the_token_is_not_limited_by_others_traffic_nor_uses_up_theirs(client, settings):
    settings.LMS_HEALTHZ_RATE = "3/m"
    settings.LMS_HEALTHZ_TOKEN = "a-long-random-monitoring-token"
    token = "Bearer a-long-random-monitoring-token"
    # Anonymous requests and wrong tokens from the monitoring's own address (a shared NAT, a proxy) use up
    # that address's budget, and stay limited...
    others = [
        client.get("/healthz", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION=wrong).status_code
        for wrong in ("", "Bearer wrong", "Bearer a-long-random-monitoring-toke", "Bearer wrong")
    ]
    assert others == [200, 200, 200, 429]
    # ...but the token is checked first: monitoring still gets its details.
    monitoring = client.get("/healthz", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION=token)
    assert monitoring.status_code == 200 and set(monitoring.json()) == HEALTH_KEYS
    # Nor does monitoring use up the budget of the address it asks from.
    for _ in range(2):
        assert client.get("/healthz", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION=token).status_code == 200
    assert client.get("/healthz", REMOTE_ADDR="203.0.113.9").status_code == 200
    # Monitoring has a budget of its own, at the same rate.
    assert client.get("/healthz", REMOTE_ADDR="203.0.113.10", HTTP_AUTHORIZATION=token).status_code == 429


def test_a_long_export_or_a_confirmed_import_still_running_is_not_late(client, admin_user):
    """Running work is late only past its task's time limit; a confirmed import counts from its confirmation."""
    from lms.imports.models import ImportRun, ImportRunStatus
    from lms.reports.models import ExportJob

    now = timezone.now()
    job = ExportJob.objects.create(user=admin_user, report="enrolments", export_format="csv", status="running")
    ExportJob.objects.filter(pk=job.pk).update(created_at=now - timedelta(minutes=45))  # an hour is allowed
    run = ImportRun.objects.create(filename="hr.csv", status=ImportRunStatus.IMPORTING, confirmed_at=now)
    ImportRun.objects.filter(pk=run.pk).update(created_at=now - timedelta(days=1))  # read for a day first
    assert selectors.oldest_waiting() is None
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json()["oldest_waiting_seconds"] is None

    ImportRun.objects.filter(pk=run.pk).update(confirmed_at=now - timedelta(hours=1))  # limit 11 min: 49 late
    assert 48 * 60 <= selectors.oldest_waiting().total_seconds() <= 50 * 60
    assert client.get("/healthz").status_code == 503
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRunStatus.DONE)
    ExportJob.objects.filter(pk=job.pk).update(status="pending")  # not started for 45 minutes: late
    assert client.get("/healthz").status_code == 503
    ExportJob.objects.filter(pk=job.pk).update(status="running", created_at=now - timedelta(minutes=100))
    assert client.get("/healthz").status_code == 503  # past its hour (and a bit): lost
