"""The data step of quizzes 0002: quizzes that showed every answer move to the new default display."""

import importlib

import pytest
from django.apps import apps

from lms.quizzes.models import QuizPage, ResultDisplay
from tests.courses.factories import make_course

from .factories import make_quiz

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
