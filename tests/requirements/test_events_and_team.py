"""Training events (sign-up, full seats, attendance completing the course) and the manager's view."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from lms.courses import services as course_services
from lms.courses.models import Enrolment
from lms.requirements import services
from lms.requirements.models import Registration, TrainingEvent
from tests.factories import PersonFactory, UserFactory, hr_user
from tests.helpers import status_and_location

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(course):
    start = timezone.now() + timedelta(days=7)
    return TrainingEvent.objects.create(
        title="Seminarium om likabehandling",
        course=course,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        place="Stadshuset, sal 2",
        seats=2,
    )


def test_sign_up_until_full(group, event):
    services.event_sign_up(event=event, person=group["a_staff"])
    services.event_sign_up(event=event, person=group["a_staff"])  # twice: still one registration
    services.event_sign_up(event=event, person=group["b_staff"])
    with pytest.raises(services.SignUpError, match="full"):
        services.event_sign_up(event=event, person=group["forv_staff"])
    assert Registration.objects.filter(event=event).count() == 2


def test_full_event_via_the_site_says_so(client, group, event):
    services.event_sign_up(event=event, person=group["a_staff"])
    services.event_sign_up(event=event, person=group["b_staff"])
    client.force_login(group["forv_staff"].user)
    response = client.post(f"/utbildningstillfallen/{event.pk}/anmal/", follow=True)
    assert "fullbokat" in response.content.decode()
    assert not Registration.objects.filter(person=group["forv_staff"]).exists()


def test_attendance_completes_the_enrolment(group, event, django_capture_on_commit_callbacks):
    services.event_sign_up(event=event, person=group["a_staff"])
    services.event_sign_up(event=event, person=group["b_staff"])
    course_services.enrolment_assign(person=group["a_staff"], course=event.course, due_date=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.event_record_attendance(event=event, attended_person_ids={group["a_staff"].pk}) == 1
    assert Enrolment.objects.get(person=group["a_staff"], course=event.course).is_completed
    assert not Enrolment.objects.filter(person=group["b_staff"], completed_at__isnull=False).exists()


def test_hr_records_attendance_in_the_admin_and_others_cannot(client, group, event):
    services.event_sign_up(event=event, person=group["a_staff"])
    url = f"/admin/required-training/events/{event.pk}/attendance/"
    hr = hr_user(username="hr")
    stranger = UserFactory(username="stranger", is_staff=True)
    client.force_login(stranger)  # is_staff, but no admin access
    assert status_and_location(client.post(url, {"attended": [group["a_staff"].pk]})) == (302, "/admin/login/")
    client.force_login(hr)
    assert client.get(url).status_code == 200
    bad = client.post(url, {"attended": ["x"]}, follow=True)
    assert bad.status_code == 200 and not Registration.objects.filter(attended=True).exists()
    client.post(url, {"attended": [group["b_staff"].pk]})  # not registered: nothing saved
    assert not Registration.objects.filter(attended=True).exists()
    client.post(url, {"attended": [group["a_staff"].pk]})
    assert Registration.objects.get().attended


def test_manager_sees_only_their_own_people(client, group, course):
    manager = group["a_manager"]
    report_elsewhere = PersonFactory(org_unit=group["bolag"], manager=manager)
    course_services.enrolment_assign(person=group["a_staff"], course=course, due_date=timezone.localdate())
    client.force_login(manager.user)
    html = BeautifulSoup(client.get("/min-grupp/").content, "html.parser")
    names = {th.get_text(strip=True) for th in html.select("tbody th")}
    assert names == {group["a_staff"].full_name, report_elsewhere.full_name}
    assert group["b_staff"].full_name not in html.get_text()


def test_staff_without_people_get_404(client, group):
    client.force_login(group["b_staff"].user)
    assert client.get("/min-grupp/").status_code == 404


def test_hr_limited_to_part_of_the_group_records_only_their_people(client, group, event):
    """The others' names are not shown, and their attendance stays as it was."""

    services.event_sign_up(event=event, person=group["a_staff"])
    services.event_sign_up(event=event, person=group["bolag_staff"])
    services.event_record_attendance(event=event, attended_person_ids={group["bolag_staff"].pk})
    hr = hr_user(username="hr-forv", scope=group["forv"])
    client.force_login(hr)
    url = f"/admin/required-training/events/{event.pk}/attendance/"
    html = client.get(url).content.decode()
    assert group["a_staff"].full_name in html and group["bolag_staff"].full_name not in html

    client.post(url, {"attended": [group["bolag_staff"].pk]})  # not theirs: refused, nothing saved
    assert set(Registration.objects.filter(attended=True).values_list("person_id", flat=True)) == {
        group["bolag_staff"].pk
    }
    client.post(url, {"attended": [group["a_staff"].pk]})
    assert set(Registration.objects.filter(attended=True).values_list("person_id", flat=True)) == {
        group["a_staff"].pk,
        group["bolag_staff"].pk,
    }


def test_naming_oneself_organiser_does_not_widen_the_scope(client, group, event):
    """HR may edit events, organiser included; a limited HR user stays limited as organiser, and
    chooses the organiser among the people in their part of the group."""

    services.event_sign_up(event=event, person=group["a_staff"])
    services.event_sign_up(event=event, person=group["bolag_staff"])
    hr = hr_user(username="hr-forv", scope=group["forv"])
    event.organiser = hr
    event.save()
    client.force_login(hr)
    html = client.get(f"/admin/required-training/events/{event.pk}/attendance/").content.decode()
    assert group["a_staff"].full_name in html and group["bolag_staff"].full_name not in html

    form = client.get(f"/admin/required-training/events/edit/{event.pk}/").context["form"]
    choices = set(form.fields["organiser"].queryset)
    assert group["a_staff"].user in choices and hr in choices  # in the scope; the current organiser
    assert group["bolag_staff"].user not in choices and group["politician"].user not in choices
