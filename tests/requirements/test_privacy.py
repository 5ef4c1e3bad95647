"""The required-training section of the register extract, and what erasure removes from it."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from lms.access import privacy
from lms.courses import services as course_services
from lms.courses.models import Enrolment
from lms.organisation import services as org_services
from lms.requirements import services
from lms.requirements.models import MailPreference, Registration, ReminderLog, TrainingEvent
from tests.courses.factories import make_course

pytestmark = pytest.mark.django_db


def requirements_data(person) -> dict:
    extract = privacy.person_extract(person)
    json.dumps(extract)
    return next(s for s in extract["sections"] if s["key"] == "requirements")["data"]


def make_event(course, title, *, days, **fields):
    start = timezone.now() + timedelta(days=days)
    return TrainingEvent.objects.create(
        title=title, course=course, starts_at=start, ends_at=start + timedelta(hours=2), seats=10, **fields
    )


@pytest.fixture
def person(group, course, django_capture_on_commit_callbacks):
    """Signed up for two events (attended the first, which is over), reminded once about another
    course, opted out of optional reminders, and organiser of a third event."""
    person = group["a_staff"]
    person.user.email = "a@example.se"
    person.user.save()
    past = make_event(course, "Seminarium i mars", days=3, place="Stadshuset")
    coming = make_event(course, "Workshop i maj", days=30, online_url="https://meet.example.se/abc")
    make_event(course, "Frukostmöte", days=60, place="Biblioteket", organiser=person.user)
    services.event_sign_up(event=past, person=person)
    services.event_sign_up(event=coming, person=person)
    TrainingEvent.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=2) + timedelta(hours=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.event_record_attendance(event=past, attended_person_ids={person.pk})
    other, _lessons = make_course(title="Mänskliga rättigheter", lessons=1)
    course_services.enrolment_assign(person=person, course=other, due_date=timezone.localdate())
    services.reminders_send()
    services.mail_preference_set(person=person, optional_reminders=False)
    return person


def test_section_lists_registrations_reminders_preferences_and_events_organised(person):
    data = requirements_data(person)
    past, coming = data["event_registrations"]
    assert (past["event"], past["course"], past["place"]) == ("Seminarium i mars", "Likabehandling", "Stadshuset")
    assert past["attended"] is True and past["attendance_recorded_at"] and past["registered_at"]
    assert coming["event"] == "Workshop i maj" and coming["attended"] is False
    assert coming["place"] == "https://meet.example.se/abc" and coming["starts_at"] and coming["ends_at"]
    (reminder,) = data["reminders"]
    assert reminder["course"] == "Mänskliga rättigheter" and reminder["occasion"] and reminder["sent_at"]
    assert reminder["kind"] == str(ReminderLog(kind="on_due").get_kind_display())
    assert data["mail_preference"] == {"optional_reminders": False}
    assert [e["event"] for e in data["events_organised"]] == ["Frukostmöte"]


def test_someone_else_sees_none_of_it(person, group):
    assert requirements_data(group["b_staff"]) == {
        "event_registrations": [],
        "reminders": [],
        "mail_preference": None,
        "events_organised": [],
    }


def test_the_readable_page_shows_the_section(client, person):
    client.force_login(person.user)
    html = client.get("/konto/mina-uppgifter/").content.decode()
    assert "Utbildningstillfällen, påminnelser och val om e-post" in html
    assert "Seminarium i mars" in html and "Påminnelser som skickats till dig" in html


def test_erasure_removes_reminders_preferences_and_coming_sign_ups_but_keeps_attendance(person, course):
    completed = Enrolment.objects.get(person=person, course=course)
    assert completed.completed_at is not None
    org_services.person_erase(person=person)
    assert not ReminderLog.objects.filter(recipient=person).exists()
    assert not MailPreference.objects.filter(person=person).exists()
    (registration,) = Registration.objects.filter(person=person)
    assert registration.event.title == "Seminarium i mars" and registration.attended
    assert Enrolment.objects.get(pk=completed.pk).completed_at == completed.completed_at
    data = requirements_data(person)
    assert data["reminders"] == [] and data["mail_preference"] is None
    assert [r["event"] for r in data["event_registrations"]] == ["Seminarium i mars"]
