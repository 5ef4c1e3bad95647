"""Reminders: timing across the due date and overdue weeks, exactly once, in the person's language."""

from datetime import date, datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from lms.courses import services as course_services
from lms.requirements import reminders, services
from lms.requirements.models import MailTemplate, ReminderLog
from lms.requirements.tasks import send_reminders_task

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Europe/Stockholm")
DUE = date(2026, 5, 20)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 5, 10), None),  # 10 days left: too early
        (date(2026, 5, 13), ("before_due", "2026-05-20")),
        (date(2026, 5, 19), ("before_due", "2026-05-20")),  # same occasion all week: sent once
        (date(2026, 5, 20), ("on_due", "2026-05-20")),
        (date(2026, 5, 21), ("overdue", "2026-05-20:w1")),
        (date(2026, 5, 27), ("overdue", "2026-05-20:w1")),
        (date(2026, 5, 28), ("overdue", "2026-05-20:w2")),
        (date(2026, 7, 1), ("overdue", "2026-05-20:w6")),
    ],
)
def test_occasions(today, expected):
    assert reminders.occasion_for(due_date=DUE, today=today, days_before=7) == expected


@pytest.fixture
def assigned(group, course):
    person = group["a_staff"]
    person.user.email = "a@example.se"
    person.user.save()
    return course_services.enrolment_assign(person=person, course=course, due_date=DUE)


def run_days(start: date, end: date):
    day = start
    while day <= end:
        with time_machine.travel(datetime(day.year, day.month, day.day, 7, tzinfo=TZ), tick=False):
            services.reminders_send()
        day += timedelta(days=1)


def test_a_learner_gets_one_mail_per_occasion_over_five_weeks(assigned):
    run_days(date(2026, 5, 1), date(2026, 6, 10))
    subjects = [m.subject for m in mail.outbox]
    # before due once, on the due date once, then overdue weeks 1..3 (21 May, 28 May, 4 June)
    assert len([s for s in subjects if s.startswith("Påminnelse")]) == 1
    assert len([s for s in subjects if s.startswith("I dag")]) == 1
    assert len([s for s in subjects if s.startswith("Försenad")]) == 3
    assert "Likabehandling" in mail.outbox[0].body


def test_completed_courses_get_no_reminders(assigned, course):
    course_services.lesson_mark_done(person=assigned.person, lesson=course.test_lessons[0])
    run_days(date(2026, 5, 15), date(2026, 5, 30))
    assert mail.outbox == []


def test_beat_fired_twice_and_task_retried_send_once(assigned):
    with time_machine.travel(datetime(2026, 5, 20, 7, tzinfo=TZ), tick=False):
        send_reminders_task.delay()
        send_reminders_task.delay()
        send_reminders_task.apply()  # a retry of the same task
    assert len(mail.outbox) == 1
    assert ReminderLog.objects.get().status == "sent"


def test_a_failed_send_is_retried_and_then_sent_once(assigned):
    with time_machine.travel(datetime(2026, 5, 20, 7, tzinfo=TZ), tick=False):
        with mock.patch("lms.requirements.services.send_mail", side_effect=OSError("smtp down")):
            with pytest.raises(OSError):
                services.reminders_send()
        assert not ReminderLog.objects.exists()  # the claim was released
        services.reminders_send()
        services.reminders_send()
    assert len(mail.outbox) == 1


def test_a_claim_in_progress_is_not_sent_again_until_stale(assigned):
    with time_machine.travel(datetime(2026, 5, 20, 7, tzinfo=TZ), tick=False):
        ReminderLog.objects.create(kind="on_due", recipient=assigned.person, enrolment=assigned, occasion="2026-05-20")
        services.reminders_send()
        assert mail.outbox == []
    with time_machine.travel(datetime(2026, 5, 20, 8, tzinfo=TZ), tick=False):  # the first worker died an hour ago
        services.reminders_send()
    assert len(mail.outbox) == 1


def test_mail_is_in_the_persons_language_and_uses_hr_templates(assigned):
    person = assigned.person
    person.language = "en"
    person.save()
    with time_machine.travel(datetime(2026, 5, 20, 7, tzinfo=TZ), tick=False):
        services.reminders_send()
    assert mail.outbox[0].subject == "Likabehandling is due today"
    MailTemplate.objects.create(kind="overdue", language="en", subject="Late: {course}", body="Dear {name}, {due_date}")
    with time_machine.travel(datetime(2026, 5, 22, 7, tzinfo=TZ), tick=False):
        services.reminders_send()
    assert mail.outbox[1].subject == "Late: Likabehandling"
    assert mail.outbox[1].body.endswith("2026-05-20")


def test_opt_out_applies_only_to_courses_one_chose(group, course):
    person = group["a_staff"]
    services.mail_preference_set(person=person, optional_reminders=False)
    enrolment = course_services.enrolment_self_enrol(person=person, course=course)
    enrolment.due_date = DUE
    enrolment.save()
    with time_machine.travel(datetime(2026, 5, 20, 7, tzinfo=TZ), tick=False):
        services.reminders_send()
    assert mail.outbox == []
    assert ReminderLog.objects.get().status == "skipped"
    course_services.enrolment_assign(person=person, course=course, due_date=DUE + timedelta(days=1))
    with time_machine.travel(datetime(2026, 5, 21, 7, tzinfo=TZ), tick=False):
        services.reminders_send()
    assert len(mail.outbox) == 1  # required: mandatory mail


def test_manager_digest_after_two_overdue_weeks_once_a_week(group, course, settings):
    settings.LMS_MANAGER_DIGEST_AFTER_WEEKS = 2
    manager = group["a_manager"]
    for key in ("a_staff", "b_staff"):
        person = group[key]
        person.manager = manager
        person.save()
        course_services.enrolment_assign(person=person, course=course, due_date=DUE)
    run_days(date(2026, 5, 21), date(2026, 6, 2))  # up to 13 days overdue: no digest yet
    assert not [m for m in mail.outbox if manager.user.email in m.to]
    run_days(date(2026, 6, 3), date(2026, 6, 14))  # ISO weeks 23 and 24, both with >= 2 overdue weeks
    digests = [m for m in mail.outbox if manager.user.email in m.to]
    assert len(digests) == 2
    assert group["a_staff"].full_name in digests[0].body and group["b_staff"].full_name in digests[0].body


def test_placeholders_are_checked():
    assert reminders.check_placeholders("Hej {name}, {course}") == []
    assert "{namn}" in reminders.check_placeholders("Hej {namn}")[0]
    assert reminders.check_placeholders("Hej {name")
    # Format specs and conversions would fail (or leak) at send time: refused when saving.
    for text in ("{name:d}", "{due_date:%Y}", "{name:>99999999999999999999}", "{name!r}", "{name.upper}"):
        assert reminders.check_placeholders(text), text
    with pytest.raises(ValidationError):
        MailTemplate(kind="overdue", language="sv", subject="{name:d}", body="Hej").full_clean()


def test_a_broken_stored_template_falls_back_to_the_built_in_text(assigned):
    # Saved around the form (e.g. in the database): the run must not stop for everyone.
    MailTemplate.objects.create(kind="on_due", language="sv", subject="{name:d}", body="Hej {name}")
    with time_machine.travel(datetime(2026, 5, 20, 7, tzinfo=TZ), tick=False):
        services.reminders_send()
    assert len(mail.outbox) == 1
    assert "Likabehandling" in mail.outbox[0].subject
    assert ReminderLog.objects.get().status == "sent"
