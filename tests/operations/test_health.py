"""/healthz for monitoring, and the admin's "Väntande arbete" within the access rule."""

import socket
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from lms.certificates import services as certificate_services
from lms.certificates.models import Certificate
from lms.operations import selectors
from lms.organisation.models import StaffScope
from lms.organisation.roles import HR_GROUP
from tests.certificates.factories import complete, make_certificate_course, make_learner
from tests.factories import OrgUnitFactory
from tests.helpers import hr, status_and_location

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

    scoped = hr("hr-scoped-a")
    StaffScope.objects.create(user=scoped, org_unit=two_units["A"])
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
    hr_user = hr("hr-all")
    assert hr_user.groups.filter(name=HR_GROUP).exists() and selectors.may_view_waiting_work(hr_user)
