"""Completion is decided in one service, inside a transaction, and is never undone."""

import pytest
from django.db import transaction

from lms.courses import services
from lms.courses.models import Enrolment, LessonProgress
from lms.courses.signals import enrolment_completed
from tests.courses.factories import add_lesson, make_course
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def completions():
    received = []

    def receiver(sender, enrolment, **kwargs):
        received.append(enrolment.pk)

    enrolment_completed.connect(receiver)
    yield received
    enrolment_completed.disconnect(receiver)


def finish(person, lessons):
    enrolment = None
    for lesson in lessons:
        enrolment = services.lesson_mark_done(person=person, lesson=lesson)
    return enrolment


def test_course_without_quiz_completes_when_every_lesson_is_done(django_capture_on_commit_callbacks, completions):
    person = PersonFactory()
    course, lessons = make_course(lessons=3)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = finish(person, lessons[:2])
        assert not enrolment.is_completed
        enrolment = finish(person, lessons[2:])
    assert enrolment.is_completed and enrolment.started_at is not None
    assert completions == [enrolment.pk]


def test_course_with_quiz_waits_for_the_quiz(django_capture_on_commit_callbacks, completions):
    person = PersonFactory()
    course, lessons = make_course(lessons=2, ends_with_quiz=True)
    enrolment = finish(person, lessons)
    assert not enrolment.is_completed
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = services.enrolment_record_quiz_pass(enrolment=enrolment)
    assert enrolment.is_completed and completions == [enrolment.pk]


def test_quiz_passed_before_the_last_lesson_completes_on_that_lesson():
    person = PersonFactory()
    course, lessons = make_course(lessons=2, ends_with_quiz=True)
    enrolment = services.enrolment_self_enrol(person=person, course=course)
    services.enrolment_record_quiz_pass(enrolment=enrolment)
    assert not Enrolment.objects.get(pk=enrolment.pk).is_completed
    assert finish(person, lessons).is_completed


def test_a_lesson_added_after_completion_does_not_uncomplete():
    person = PersonFactory()
    course, lessons = make_course(lessons=2)
    enrolment = finish(person, lessons)
    completed_at = enrolment.completed_at
    new_lesson = add_lesson(course, "Ny lektion")
    services.enrolment_try_complete(enrolment=enrolment)
    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at
    # Reading the new lesson afterwards changes nothing either.
    services.lesson_mark_done(person=person, lesson=new_lesson)
    assert Enrolment.objects.get(pk=enrolment.pk).completed_at == completed_at


def test_an_unpublished_lesson_is_not_required():
    person = PersonFactory()
    course, lessons = make_course(lessons=2)
    add_lesson(course, "Utkast", live=False)
    assert finish(person, lessons).is_completed


def test_a_course_completes_for_people_who_started_before_a_lesson_was_added_only_with_that_lesson():
    person = PersonFactory()
    course, lessons = make_course(lessons=2)
    finish(person, lessons[:1])
    extra = add_lesson(course, "Tillagd")
    assert not finish(person, lessons[1:]).is_completed
    assert finish(person, [extra]).is_completed


def test_marking_done_twice_is_a_no_op(completions, django_capture_on_commit_callbacks):
    person = PersonFactory()
    course, lessons = make_course(lessons=2)
    with django_capture_on_commit_callbacks(execute=True):
        finish(person, lessons[:1])
        finish(person, lessons[:1])
        assert LessonProgress.objects.count() == 1
        finish(person, lessons)
        finish(person, lessons)
    assert Enrolment.objects.count() == 1
    assert len(completions) == 1


def test_completion_signal_is_not_sent_when_the_transaction_rolls_back(completions, django_capture_on_commit_callbacks):
    person = PersonFactory()
    course, lessons = make_course(lessons=1)
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                finish(person, lessons)
                raise RuntimeError("boom")
        except RuntimeError:
            pass
    assert completions == []
    assert not Enrolment.objects.filter(completed_at__isnull=False).exists()


def test_assignment_keeps_progress_of_a_self_enrolment():
    person = PersonFactory()
    course, lessons = make_course(lessons=2)
    finish(person, lessons[:1])
    enrolment = services.enrolment_assign(person=person, course=course, due_date=None)
    assert enrolment.is_required and enrolment.source == "assigned"
    assert enrolment.lesson_progress.count() == 1
