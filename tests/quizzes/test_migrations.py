"""The data step of quizzes 0002: quizzes that showed every answer move to the new default display."""

import importlib

import pytest
from django.apps import apps

from lms.quizzes.models import QuizPage, ResultDisplay
from tests.courses.factories import make_course

from .factories import make_course_with_quiz, make_learner, make_quiz

pytestmark = pytest.mark.django_db

step = importlib.import_module("lms.quizzes.migrations.0002_result_display_review_later")


def test_answers_move_to_wrong_and_score_stays():
    first, _ = make_course(lessons=1, ends_with_quiz=True, title="Kurs ett")
    second, _ = make_course(lessons=1, ends_with_quiz=True, title="Kurs två")
    answers = make_quiz(first, result_display=ResultDisplay.ANSWERS)
    answers.result_display = ResultDisplay.ANSWERS
    answers.save_revision()  # a pending draft keeps the old display too
    score = make_quiz(second, result_display=ResultDisplay.SCORE)

    step.answers_to_review_later(apps, None)

    answers = QuizPage.objects.get(pk=answers.pk)
    assert answers.result_display == ResultDisplay.WRONG
    assert answers.latest_revision.content["result_display"] == ResultDisplay.WRONG
    assert QuizPage.objects.get(pk=score.pk).result_display == ResultDisplay.SCORE

    step.wrong_to_answers(apps, None)
    assert QuizPage.objects.get(pk=answers.pk).result_display == ResultDisplay.ANSWERS


counting = importlib.import_module("lms.quizzes.migrations.0006_count_first_passing_attempts")


def test_existing_attempts_count_as_before_the_grading_method():
    from lms.quizzes.models import Attempt

    from .test_grading import take

    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"grading_method": "highest", "max_attempts": None})
    passed_late, never, passed_twice = make_learner(), make_learner(), make_learner()
    for person, rights in ((passed_late, (0, 2, 1)), (never, (1, 0)), (passed_twice, (3, 2))):
        for right in rights:
            take(person, course, quiz, right)
    take_open = make_learner()
    from lms.quizzes import services

    services.attempt_start(person=take_open, quiz=quiz, course=course)  # open: never counted
    Attempt.objects.update(counted=False)  # as the attempts were before 0005

    counting.count_first_passing_attempts(apps, None)

    counted = dict(Attempt.objects.counted().values_list("person_id", "number"))
    assert counted == {passed_late.pk: 2, never.pk: 2, passed_twice.pk: 1}  # the first pass, else the latest
