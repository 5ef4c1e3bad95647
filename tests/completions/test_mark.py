"""One completion marked by hand in the admin: within the marker's scope (the access rule), with a
reason, in the audit log, a certificate only when asked for; the learner sees it as registered."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms.access.models import StaffScope
from lms.certificates.models import Certificate
from lms.completions.apps import COMPLETION_RECORDERS_GROUP
from lms.completions.models import CompletionRecord
from lms.courses.models import CompletionRoute, Enrolment
from tests.factories import UserFactory, hr_user

pytestmark = pytest.mark.django_db
URL = "/admin/completions/mark/"


def mark(client, person, course, *, day="2025-09-01", reason="Gick kursen hos regionen, intyg uppvisat", **extra):
    data = {"person": person.pk, "course": course.pk, "completed_on": day, "reason": reason, **extra}
    return client.post(URL, data)


def test_hr_marks_a_completion_with_its_reason_in_the_audit_log(
    client, group, course, django_capture_on_commit_callbacks
):
    hr = hr_user()
    client.force_login(hr)
    assert client.get(URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = mark(client, group["anna"], course)
    assert response.status_code == 302 and response["Location"] == "/admin/completions/"
    enrolment = Enrolment.objects.get(person=group["anna"], course=course)
    assert enrolment.completed_via == CompletionRoute.MANUAL and enrolment.is_completed
    record = CompletionRecord.objects.get(enrolment=enrolment)
    assert record.reason.startswith("Gick kursen") and record.recorded_by == hr
    entry = ModelLogEntry.objects.get(action="completions.mark")
    assert entry.user == hr and entry.data["reason"] == record.reason and entry.data["completed_on"] == "2025-09-01"
    assert not Certificate.objects.exists()  # not asked for

    listing = client.get("/admin/completions/").content.decode()
    assert group["anna"].full_name in listing and "Markerad manuellt" in listing


def test_a_certificate_when_asked_for_saying_registered(client, group, course, django_capture_on_commit_callbacks):
    client.force_login(hr_user())
    with django_capture_on_commit_callbacks(execute=True):
        mark(client, group["anna"], course, certificate="on")
    certificate = Certificate.objects.get(person=group["anna"])
    assert certificate.is_registered and certificate.completed_on == date(2025, 9, 1)


@pytest.mark.parametrize(
    "fields, error",
    [
        ({"reason": "  "}, "reason"),
        ({"day": (timezone.localdate() + timedelta(days=1)).isoformat()}, "completed_on"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(client, group, course, fields, error):
    client.force_login(hr_user())
    response = mark(client, group["anna"], course, **fields)
    assert response.status_code == 400 and error in response.context["form"].errors
    assert not Enrolment.objects.exists() and not CompletionRecord.objects.exists()


def test_a_completion_already_stored_on_or_after_the_day_is_refused(
    client, group, course, django_capture_on_commit_callbacks
):
    client.force_login(hr_user())
    with django_capture_on_commit_callbacks(execute=True):
        mark(client, group["anna"], course, day="2025-09-01")
    response = mark(client, group["anna"], course, day="2025-08-01")
    assert (
        response.status_code == 400 and "har redan slutfört kursen 2025-09-01 eller senare" in response.content.decode()
    )
    assert CompletionRecord.objects.count() == 1


def test_a_manager_marks_only_within_their_scope(client, group, course):
    manager = UserFactory()
    manager.groups.add(Group.objects.get(name=COMPLETION_RECORDERS_GROUP))
    StaffScope.objects.create(user=manager, org_unit=group["a"])
    client.force_login(manager)
    form = client.get(URL).context["form"]
    assert set(form.fields["person"].queryset) == {group["anna"]}
    response = mark(client, group["bo"], course)  # outside the scope: not a choice
    assert response.status_code == 400 and "person" in response.context["form"].errors
    assert not Enrolment.objects.exists()
    assert mark(client, group["anna"], course).status_code == 302
    listing = client.get("/admin/completions/")
    assert [r.enrolment.person for r in listing.context["object_list"]] == [group["anna"]]


def test_without_the_permission_the_form_is_refused(client, group, course):
    client.force_login(UserFactory(is_staff=True))
    assert client.get(URL).status_code in (302, 403)
    assert mark(client, group["anna"], course).status_code in (302, 403)
    assert not Enrolment.objects.exists()


def test_the_learner_sees_a_registered_completion(client, group, course, django_capture_on_commit_callbacks):
    client.force_login(hr_user())
    with django_capture_on_commit_callbacks(execute=True):
        mark(client, group["anna"], course)
    client.force_login(group["anna"].user)
    page = client.get(course.url).content.decode()
    assert "Registrerad som slutförd 2025-09-01" in page and "markerad manuellt av din chef eller HR" in page
