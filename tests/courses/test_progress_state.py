"""The one definition of where a person stands on an enrolment (``EnrolmentState``): what starts
it, the SQL filters agreeing with the model, the quiz as the last step of the percentage, and the
migration that fills ``started_at`` for attempts made before a failed attempt counted."""

import importlib
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.apps import apps
from django.utils import timezone

from lms.courses import services
from lms.courses.models import ENROLMENT_STATE_FILTERS, Enrolment, EnrolmentState, LessonProgress
from lms.courses.selectors import ProgressSummary, course_progress, my_courses
from lms.quizzes import services as quiz_services
from lms.quizzes.models import Attempt
from tests.courses.factories import make_course
from tests.factories import PersonFactory
from tests.quizzes.factories import make_course_with_quiz, wrong_answers

pytestmark = pytest.mark.django_db

fill_started_at = importlib.import_module(
    "lms.courses.migrations.0002_started_from_lessons_and_attempts"
).fill_started_at
fill_started_from_attempts = importlib.import_module(
    "lms.quizzes.migrations.0003_enrolments_started_from_attempts"
).fill_started_from_attempts


def state_in_sql(enrolment: Enrolment) -> str:
    return next(s for s, q in ENROLMENT_STATE_FILTERS.items() if Enrolment.objects.filter(q, pk=enrolment.pk).exists())


def test_a_new_enrolment_is_not_started_a_lesson_starts_it_completion_completes_it(home_page):
    person = PersonFactory()
    course, lessons = make_course(lessons=2)
    enrolment = services.enrolment_assign(person=person, course=course, due_date=timezone.localdate())
    assert enrolment.state == state_in_sql(enrolment) == EnrolmentState.NOT_STARTED

    services.lesson_mark_done(person=person, lesson=lessons[0])
    enrolment.refresh_from_db()
    assert enrolment.state == state_in_sql(enrolment) == EnrolmentState.IN_PROGRESS

    services.lesson_mark_done(person=person, lesson=lessons[1])
    enrolment.refresh_from_db()
    assert enrolment.state == state_in_sql(enrolment) == EnrolmentState.COMPLETED


def test_a_quiz_attempt_begun_starts_the_enrolment_even_when_it_fails(home_page):
    person = PersonFactory()
    course, _lessons, quiz = make_course_with_quiz(lessons=2)
    enrolment = services.enrolment_assign(person=person, course=course, due_date=timezone.localdate())

    attempt = quiz_services.attempt_start(person=person, quiz=quiz, course=course)
    enrolment.refresh_from_db()
    assert enrolment.started_at is not None and enrolment.state == EnrolmentState.IN_PROGRESS
    first_start = enrolment.started_at

    attempt = quiz_services.attempt_submit(person=person, attempt_id=attempt.pk, answers=wrong_answers(attempt))
    assert attempt.passed is False
    quiz_services.attempt_start(person=person, quiz=quiz, course=course)
    enrolment.refresh_from_db()
    assert enrolment.state == state_in_sql(enrolment) == EnrolmentState.IN_PROGRESS
    assert enrolment.started_at == first_start  # the first moment stays


def test_a_refused_attempt_does_not_start_the_enrolment(home_page):
    person = PersonFactory()
    course, _lessons, quiz = make_course_with_quiz(lessons=1, quiz_fields={"questions": []})
    enrolment = services.enrolment_assign(person=person, course=course, due_date=timezone.localdate())
    with pytest.raises(quiz_services.QuizHasNoQuestions):
        quiz_services.attempt_start(person=person, quiz=quiz, course=course)
    enrolment.refresh_from_db()
    assert enrolment.state == EnrolmentState.NOT_STARTED


@pytest.mark.parametrize(
    "summary, percent, quiz_left, label",
    [
        (ProgressSummary(EnrolmentState.NOT_STARTED, 5, 0), 0, False, "Ej påbörjad"),
        (ProgressSummary(EnrolmentState.IN_PROGRESS, 5, 2), 40, False, "Pågår"),
        # Every lesson done, the quiz not passed: a step left, never 100 %.
        (ProgressSummary(EnrolmentState.IN_PROGRESS, 5, 5, has_quiz=True), 83, True, "Kunskapstest kvar"),
        (ProgressSummary(EnrolmentState.IN_PROGRESS, 0, 0, has_quiz=True), 0, True, "Kunskapstest kvar"),
        (ProgressSummary(EnrolmentState.IN_PROGRESS, 5, 2, has_quiz=True), 33, False, "Pågår"),
        (ProgressSummary(EnrolmentState.IN_PROGRESS, 5, 4, has_quiz=True, quiz_passed=True), 83, False, "Pågår"),
        # All steps done but not (yet) completed, e.g. a lesson published after: still not 100 %.
        (ProgressSummary(EnrolmentState.IN_PROGRESS, 200, 200), 99, False, "Pågår"),
        (ProgressSummary(EnrolmentState.COMPLETED, 5, 0, has_quiz=True), 100, False, "Genomförd"),
    ],
)
def test_the_percentage_counts_the_quiz_as_a_step_and_only_completion_is_100(summary, percent, quiz_left, label):
    assert summary.percent == percent
    assert summary.quiz_left is quiz_left
    assert str(summary.label) == label


def test_course_page_says_quiz_left_and_is_not_full_when_the_lessons_are_done(client, home_page):
    person = PersonFactory()
    course, lessons, quiz = make_course_with_quiz(lessons=2)
    for lesson in lessons:
        services.lesson_mark_done(person=person, lesson=lesson)
    progress = course_progress(person=person, course=course)
    assert progress.summary.quiz_left and progress.percent == 67

    client.force_login(person.user)
    html = BeautifulSoup(client.get(course.url).content, "html.parser")
    box = html.select_one(".course-status")
    assert box.select_one("[data-testid=course-state]").get_text(strip=True) == "Kunskapstest kvar"
    bar = box.select_one("progress")
    label = box.select_one(f"#{bar['aria-labelledby']}").get_text(" ", strip=True)
    assert bar["value"] == "67" and label.startswith("67 % klart")  # the bar and its words agree
    assert "2 av 2 lektioner, sedan kunskapstestet" in label


def test_my_courses_counts_in_the_headings_are_true(client, home_page):
    person = PersonFactory()
    today = timezone.localdate()
    for title, done in (("Ett", 0), ("Två", 1), ("Tre", 2)):
        course, lessons = make_course(title=title, lessons=3)
        services.enrolment_assign(person=person, course=course, due_date=today + timedelta(days=5))
        for lesson in lessons[:done]:
            services.lesson_mark_done(person=person, lesson=lesson)
    client.force_login(person.user)
    html = BeautifulSoup(client.get("/mina-kurser/").content, "html.parser")
    for group_id, titles in (("in-progress", {"Två", "Tre"}), ("not-started", {"Ett"})):
        heading = html.select_one(f"#{group_id}-heading .count").get_text()
        cards = html.select(f"[data-group={group_id}] .card")
        assert heading == f"({len(titles)})" and {c.h3.get_text(strip=True) for c in cards} == titles
        assert all(c.select_one("time") for c in cards)  # due dates stay visible
    assert html.select_one("#completed-heading .count").get_text() == "(0)"


def test_migration_fills_started_from_the_first_lesson_or_attempt(home_page):
    person = PersonFactory()
    course, lessons, quiz = make_course_with_quiz(lessons=1)
    only_attempt = services.enrolment_self_enrol(person=person, course=course)
    attempt = quiz_services.attempt_start(person=person, quiz=quiz, course=course)
    lesson_course, lesson_lessons = make_course(title="Med lektion", lessons=2)
    with_lesson = services.enrolment_self_enrol(person=person, course=lesson_course)
    progress = LessonProgress.objects.create(enrolment=with_lesson, lesson=lesson_lessons[0])
    untouched_course, _ = make_course(title="Orörd", lessons=1)
    untouched = services.enrolment_self_enrol(person=person, course=untouched_course)
    long_ago = timezone.now() - timedelta(days=100)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=long_ago)
    Enrolment.objects.update(started_at=None)  # as a failed attempt left them before

    fill_started_at(apps, None)  # courses' step: lessons
    fill_started_from_attempts(apps, None)  # quizzes' step: attempts

    for enrolment in (only_attempt, with_lesson, untouched):
        enrolment.refresh_from_db()
    assert only_attempt.started_at == long_ago
    assert with_lesson.started_at == progress.completed_at
    assert untouched.started_at is None
    groups = my_courses(person=person)
    assert {i.course.title for i in groups["in_progress"]} == {course.title, "Med lektion"}
