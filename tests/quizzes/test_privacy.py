"""The quizzes section of the register extract: each attempt with the answers given, as text."""

import json

import pytest

from lms.access import privacy
from lms.organisation import services as org_services
from lms.quizzes import services
from lms.quizzes.models import Attempt, AttemptStatus
from lms.quizzes.selectors import question_statistics

from .factories import make_course_with_quiz, make_learner, right_answers, single, wrong_answers

pytestmark = pytest.mark.django_db


def attempts_data(person) -> list[dict]:
    extract = privacy.person_extract(person)
    json.dumps(extract)
    return next(s for s in extract["sections"] if s["key"] == "quizzes")["data"]["attempts"]


@pytest.fixture
def attempts(learner):
    course, _lessons, quiz = make_course_with_quiz(
        title="Likabehandling", quiz_fields={"questions": [single("Vad gäller?", right=1), single("Och sedan?")]}
    )
    first = services.attempt_start(person=learner, quiz=quiz, course=course)
    first = services.attempt_submit(person=learner, attempt_id=first.pk, answers=wrong_answers(first))
    second = services.attempt_start(person=learner, quiz=quiz, course=course)
    services.attempt_submit(person=learner, attempt_id=second.pk, answers=right_answers(second))
    return quiz


def test_section_lists_each_attempt_with_the_answers_as_text(attempts, learner):
    first, second = attempts_data(learner)
    assert (first["course"], first["quiz"], first["number"]) == ("Likabehandling", "Kunskapstest", 1)
    assert first["passed"] is False and first["score"] == 0 and first["submitted_at"] and first["started_at"]
    assert second["passed"] is True and second["score"] == 100 and second["number"] == 2
    assert (first["counted"], second["counted"]) == (False, True)  # the first passing attempt counts
    assert first["status"] == str(AttemptStatus.SUBMITTED.label)
    assert [a["question"] for a in second["answers"]] == ["Vad gäller?", "Och sedan?"]
    assert second["answers"][0]["answer"] == ["Vad gäller? svar 1"]  # the choice's text, not its id
    assert first["answers"][0]["answer"] == ["Vad gäller? svar 0"]


def test_an_open_attempt_shows_no_answers_and_not_the_right_ones(attempts):
    course = attempts.get_parent().specific
    person = make_learner()
    services.attempt_start(person=person, quiz=attempts, course=course)
    (attempt,) = attempts_data(person)
    assert attempt["status"] == str(AttemptStatus.OPEN.label)
    assert attempt["score"] is None and attempt["passed"] is None and attempt["submitted_at"] is None
    assert len(attempt["answers"]) == 2 and all(a["answer"] == [] for a in attempt["answers"])
    assert "correct" not in json.dumps(attempt) and "svar 1" not in json.dumps(attempt)


def test_the_readable_page_shows_the_attempts(client, attempts, learner):
    client.force_login(learner.user)
    html = client.get("/konto/mina-uppgifter/").content.decode()
    assert "Kunskapstest: försök och svar" in html and "Ditt svar" in html and "Vad gäller? svar 1" in html


def test_someone_elses_attempts_are_not_in_the_extract(attempts):
    assert attempts_data(make_learner()) == []


def test_erasure_keeps_attempts_scores_and_statistics(attempts, learner, admin_user):
    before_attempts = list(Attempt.objects.order_by("pk").values("score", "passed", "answers", "status"))
    before_stats = question_statistics(quiz=attempts, viewer=admin_user)
    org_services.person_erase(person=learner)
    assert list(Attempt.objects.order_by("pk").values("score", "passed", "answers", "status")) == before_attempts
    assert question_statistics(quiz=attempts, viewer=admin_user) == before_stats
