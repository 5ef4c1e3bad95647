"""HR manages requirements in the admin: clear validation messages, and a reach preview that saves nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.admin.widgets import AdminPageChooser

from lms.courses.models import Enrolment
from lms.requirements.models import Requirement, TrainingEvent
from tests.factories import hr_user

pytestmark = pytest.mark.django_db
URL = "/admin/required-training/requirements/new/"


@pytest.fixture
def hr_client(client):
    client.force_login(hr_user(username="hr"))
    return client


def form(course, unit, **overrides):
    data = {
        "course": course.pk,
        "org_unit": unit.pk,
        "include_descendants": "on",
        "for_staff": "on",
        "due_days": "30",
        "due_date": "",
        "renewal_months": "",
        "is_active": "on",
        "note": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def errors(response):
    return {k: " ".join(v) for k, v in response.context["form"].errors.items()}


def test_no_audience_is_refused(hr_client, group, course):
    response = hr_client.post(URL, form(course, group["a"], for_staff=None))
    assert response.status_code == 200
    assert "minst en målgrupp" in errors(response)["for_staff"]
    assert not Requirement.objects.exists()


def test_due_date_in_the_past_is_refused(hr_client, group, course):
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = hr_client.post(URL, form(course, group["a"], due_days="", due_date=past))
    assert "redan passerat" in errors(response)["due_date"]


def test_both_or_neither_due_kind_is_refused(hr_client, group, course):
    future = (timezone.localdate() + timedelta(days=10)).isoformat()
    assert "inte båda" in errors(hr_client.post(URL, form(course, group["a"], due_date=future)))["due_date"]
    assert "antal dagar" in errors(hr_client.post(URL, form(course, group["a"], due_days="")))["due_days"]


def test_renewal_shorter_than_due_period_is_refused(hr_client, group, course):
    response = hr_client.post(URL, form(course, group["a"], due_days="90", renewal_months="2"))
    assert "kortare än" in errors(response)["renewal_months"]
    assert not Requirement.objects.exists()


def test_preview_counts_without_saving(hr_client, group, course):
    response = hr_client.post(URL, {**form(course, group["forv"]), "preview": "1"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "skulle nå 3 personer" in text
    assert not Requirement.objects.exists() and not Enrolment.objects.exists()


def test_saving_assigns_at_once(hr_client, group, course, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = hr_client.post(URL, form(course, group["forv"]))
    assert response.status_code == 302, errors(response)
    assert Enrolment.objects.filter(is_required=True).count() == 3


def test_learners_cannot_reach_the_requirements(client, group):
    client.force_login(group["a_staff"].user)
    assert client.get("/admin/required-training/requirements/").status_code == 302


def test_absurd_periods_are_refused(hr_client, group, course):
    # Thousands of years would overflow the date arithmetic of every later assignment run.
    response = hr_client.post(URL, form(course, group["a"], due_days="3000000"))
    assert "due_days" in errors(response)
    response = hr_client.post(URL, form(course, group["a"], renewal_months="5000000"))
    assert "renewal_months" in errors(response)
    assert not Requirement.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_requirement_and_event_lists_export(hr_client, group, course, fmt):
    Requirement.objects.create(course=course, org_unit=group["a"], for_staff=True, due_days=30)
    TrainingEvent.objects.create(
        title="Workshop", course=course, starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=2), seats=5
    )
    for url in ("/admin/required-training/requirements/", "/admin/required-training/events/"):
        response = hr_client.get(url, {"export": fmt})
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if fmt == "csv":
            assert "Likabehandling" in body.decode()
        else:
            assert body[:2] == b"PK"  # a zip container: the XLSX


HUGE_ID = "9" * 25  # beyond any database integer (SQLite raised OverflowError on it)


def test_an_absurd_course_id_in_the_forms_is_an_invalid_choice(hr_client, group, course):
    response = hr_client.post(URL, {**form(course, group["kommun"]), "course": HUGE_ID})
    assert response.status_code == 200 and "course" in response.context["form"].errors
    event = {
        "title": "Workshop",
        "course": HUGE_ID,
        "starts_at": "2030-01-10 09:00",
        "ends_at": "2030-01-10 11:00",
        "seats": "5",
        "place": "Stadshuset, sal 2",
    }
    response = hr_client.post("/admin/required-training/events/new/", event)
    assert response.status_code == 200 and "course" in response.context["form"].errors
    assert not Requirement.objects.exists() and not TrainingEvent.objects.exists()


def test_events_are_made_with_the_page_chooser(hr_client, course):
    form_page = hr_client.get("/admin/required-training/events/new/")
    assert isinstance(form_page.context["form"].fields["course"].widget, AdminPageChooser)
    event = {
        "title": "Workshop",
        "course": course.pk,
        "starts_at": "2030-01-10 09:00",
        "ends_at": "2030-01-10 11:00",
        "seats": "5",
        "place": "Stadshuset, sal 2",
    }
    assert hr_client.post("/admin/required-training/events/new/", event).status_code == 302
    assert TrainingEvent.objects.get().course.specific == course


@pytest.mark.parametrize("url", ["/admin/required-training/requirements/", "/admin/required-training/events/"])
@pytest.mark.parametrize("value", [HUGE_ID, "-1", "abc"])
def test_an_absurd_course_in_the_list_filter_shows_the_list(hr_client, group, course, url, value):
    response = hr_client.get(url, {"course": value})
    assert response.status_code == 200
