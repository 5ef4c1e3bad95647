"""The manager's view counts each person's required courses in the states Mina kurser and the
reports use, in a number of queries that does not grow with the people or their courses."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.courses import services as course_services
from lms.requirements.selectors import team_status
from tests.courses.factories import make_course
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def queries(manager) -> int:
    with CaptureQueriesContext(connection) as ctx:
        rows = team_status(manager=manager)
        [(r.done, r.in_progress, r.not_started, [c.progress.percent for c in r.due_soon]) for r in rows]
    return len(ctx.captured_queries)


def test_team_status_counts_states_in_constant_queries(group, course):
    manager, today = group["a_manager"], timezone.localdate()
    person = group["a_staff"]
    other, other_lessons = make_course(title="Demokrati", lessons=2)
    course_services.enrolment_assign(person=person, course=course, due_date=today)
    course_services.enrolment_assign(person=person, course=other, due_date=today)
    course_services.lesson_mark_done(person=person, lesson=other_lessons[0])
    few = queries(manager)
    row = next(r for r in team_status(manager=manager) if r.person == person)
    assert (row.required, row.done, row.in_progress, row.not_started) == (2, 0, 1, 1)
    assert [(c.enrolment.course.title, c.progress.percent) for c in row.due_soon] == [
        ("Demokrati", 50),
        ("Likabehandling", 0),
    ]

    for i in range(5):
        newcomer = PersonFactory(org_unit=group["a"])
        extra, lessons = make_course(title=f"Extra {i}", lessons=3)
        course_services.enrolment_assign(person=newcomer, course=extra, due_date=today)
        course_services.lesson_mark_done(person=newcomer, lesson=lessons[0])
    assert queries(manager) == few <= 4


def test_a_latest_cycle_no_longer_required_is_not_counted_as_in_the_reports(group, course):
    from lms.courses.models import Enrolment

    person = group["a_staff"]
    course_services.enrolment_assign(person=person, course=course, due_date=timezone.localdate())
    Enrolment.objects.create(person=person, course=course, cycle=2, is_required=False)  # moved out of the requirement
    row = next(r for r in team_status(manager=group["a_manager"]) if r.person == person)
    assert row.required == 0 and row.due_soon == []
