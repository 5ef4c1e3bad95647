"""In CI against real PostgreSQL and Redis: the beat-scheduled work runs through a real Celery worker.

Each entry of CELERY_BEAT_SCHEDULE is sent by its task name over the Redis broker, as beat
would, and a worker consuming from that broker does the work in the database."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from lms.courses.models import Enrolment
from lms.requirements.models import ReminderLog, Requirement

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_beat_schedule_runs_through_a_real_worker(real_celery_worker, group, course):
    Requirement.objects.create(course=course, org_unit=group["a"], for_staff=True, due_days=3)
    person = group["a_staff"]
    person.user.email = "staff@example.se"
    person.user.save()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {e["task"] for e in schedule.values()} >= {
        "lms.requirements.tasks.assign_all_task",
        "lms.requirements.tasks.send_reminders_task",
    }

    real_celery_worker.send_task(schedule["assign-required-training"]["task"])
    assert wait_for(lambda: Enrolment.objects.filter(person=person, is_required=True).exists())

    enrolment = Enrolment.objects.get(person=person)
    assert enrolment.due_date == timezone.localdate() + timedelta(days=3)
    # The reminder before the due date goes out once, however often beat fires.
    for _ in range(2):
        real_celery_worker.send_task(schedule["send-reminders"]["task"])
    assert wait_for(lambda: ReminderLog.objects.filter(status="sent").count() == 1)
    time.sleep(1)
    assert ReminderLog.objects.count() == 1
    assert [m.to for m in mail.outbox] == [["staff@example.se"]]
