"""The learner's quiz pages over HTTP: access, integrity of the form, refusals, query counts."""

import pytest
from django.urls import reverse

from lms.courses.models import Enrolment
from lms.quizzes import services
from lms.quizzes.models import Attempt, AttemptStatus

from .factories import (
    as_post,
    make_course_with_quiz,
    make_learner,
    multiple,
    right_answers,
    scenario,
    single,
    true_false,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


def start_url(quiz):
    return quiz.sub_url("start")


def take_url(quiz, attempt):
    return quiz.sub_url("take", attempt_id=attempt.pk)


def started(client, quiz) -> Attempt:
    response = client.post(start_url(quiz))
    assert response.status_code == 302
    return Attempt.objects.latest("pk")


def test_anonymous_is_sent_to_sign_in(client, course_quiz):
    quiz = course_quiz[2]
    response = client.get(quiz.url)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_course_not_for_the_person_is_404(client, db):
    _course, _lessons, quiz = make_course_with_quiz(for_staff=False, for_managers=False, for_politicians=True)
    client.force_login(make_learner().user)
    assert client.get(quiz.url).status_code == 404
    assert client.post(start_url(quiz)).status_code == 404
    assert not Attempt.objects.exists()


def test_overview_then_start_then_take(learner_client, course_quiz):
    quiz = course_quiz[2]
    response = learner_client.get(quiz.url)
    assert response.status_code == 200 and "Starta" in response.content.decode()
    attempt = started(learner_client, quiz)
    response = learner_client.get(take_url(quiz, attempt))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<fieldset") == 3 and html.count("<legend") == 3
    assert html.count('type="radio"') == 9


@pytest.fixture
def mixed_quiz(db):
    questions = [single(explanation="HEMLIG-FÖRKLARING"), multiple(), true_false(), scenario()]
    return make_course_with_quiz(quiz_fields={"questions": questions})


def test_the_form_never_reveals_answers(client, mixed_quiz):
    person = make_learner()
    client.force_login(person.user)
    course, _lessons, quiz = mixed_quiz
    attempt = started(client, quiz)
    html = client.get(take_url(quiz, attempt)).content.decode()
    assert 'type="checkbox"' in html and 'type="radio"' in html
    assert "correct" not in html.lower()
    assert "HEMLIG-FÖRKLARING" not in html and "Förklaring" not in html and "Återkoppling" not in html
    for question in attempt.questions:
        for c in question["choices"]:
            assert f'value="{c["id"]}"' in html  # ids only, in the snapshot's order
    # After submitting, the result shows the right answers and the explanation.
    response = client.post(take_url(quiz, attempt), as_post(right_answers(attempt)), follow=True)
    assert "HEMLIG-FÖRKLARING" in response.content.decode()


def test_fail_then_pass_completes_the_course(learner_client, learner, course_quiz, lessons_done):
    course, _lessons, quiz = course_quiz
    attempt = started(learner_client, quiz)
    response = learner_client.post(take_url(quiz, attempt), as_post(wrong_answers(attempt)), follow=True)
    assert "Inte godkänt" in response.content.decode()
    attempt = started(learner_client, quiz)
    response = learner_client.post(take_url(quiz, attempt), as_post(right_answers(attempt)), follow=True)
    html = response.content.decode()
    assert 'data-testid="course-completed"' in html
    assert Enrolment.objects.get(person=learner, course=course).completed_at is not None


def _forged(kind, attempt, other):
    answers = right_answers(attempt)
    first, second = attempt.questions[0], attempt.questions[1]
    body = as_post(answers)
    if kind == "unknown choice":
        body[f"q-{first['id']}"] = ["00000000-0000-0000-0000-000000000000"]
    elif kind == "choice of another question":
        body[f"q-{first['id']}"] = [second["choices"][0]["id"]]
    elif kind == "choice of another quiz":
        body[f"q-{first['id']}"] = [other.questions[0]["choices"][0]["id"]]
    elif kind == "question of another quiz":
        body[f"q-{other.questions[0]['id']}"] = [other.questions[0]["choices"][0]["id"]]
    elif kind == "duplicated ids":
        body[f"q-{first['id']}"] = answers[first["id"]] * 2
    elif kind == "two answers to a single choice":
        body[f"q-{first['id']}"] = [c["id"] for c in first["choices"][:2]]
    elif kind == "stray field":
        body["score"] = ["100"]
    return body


@pytest.mark.parametrize(
    "kind",
    [
        "unknown choice",
        "choice of another question",
        "choice of another quiz",
        "question of another quiz",
        "duplicated ids",
        "two answers to a single choice",
        "stray field",
    ],
)
def test_forged_submissions_are_refused_with_a_message(client, course_quiz, kind):
    course, _lessons, quiz = course_quiz
    person = make_learner()
    other_course, _l, other_quiz = make_course_with_quiz(title="Annan kurs")
    other = services.attempt_start(person=person, quiz=other_quiz, course=other_course)
    client.force_login(person.user)
    attempt = started(client, quiz)
    response = client.post(take_url(quiz, attempt), _forged(kind, attempt, other))
    assert response.status_code == 400
    assert 'data-testid="quiz-error"' in response.content.decode()
    assert "base.html" in [t.name for t in response.templates]
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN and attempt.answers == {}


def test_missing_answer_reshows_the_form_with_an_error_summary(learner_client, course_quiz):
    quiz = course_quiz[2]
    attempt = started(learner_client, quiz)
    answers = right_answers(attempt)
    missing = attempt.questions[1]
    del answers[missing["id"]]
    response = learner_client.post(take_url(quiz, attempt), as_post(answers))
    html = response.content.decode()
    assert response.status_code == 400
    assert 'class="error-summary"' in html and f'href="#c-{missing["choices"][0]["id"]}"' in html
    kept = answers[attempt.questions[0]["id"]][0]
    assert f'value="{kept}" checked' in html
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN


def test_oversized_body_is_refused(learner_client, course_quiz):
    quiz = course_quiz[2]
    attempt = started(learner_client, quiz)
    body = as_post(right_answers(attempt))
    body["q-padding"] = ["x" * 70_000]
    response = learner_client.post(take_url(quiz, attempt), body)
    assert response.status_code == 400 and 'data-testid="quiz-error"' in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN


def test_replayed_submission_is_refused(learner_client, course_quiz):
    quiz = course_quiz[2]
    attempt = started(learner_client, quiz)
    assert learner_client.post(take_url(quiz, attempt), as_post(wrong_answers(attempt))).status_code == 302
    response = learner_client.post(take_url(quiz, attempt), as_post(right_answers(attempt)))
    assert response.status_code == 400 and "redan" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.passed is False


def test_expired_submission_is_refused(learner_client, db):
    import time_machine
    from django.utils import timezone

    _course, _lessons, quiz = make_course_with_quiz(quiz_fields={"time_limit_minutes": 5})
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        attempt = started(learner_client, quiz)
        traveller.shift(60 * 6)
        response = learner_client.post(take_url(quiz, attempt), as_post(right_answers(attempt)))
    assert response.status_code == 400 and "tidsgränsen" in response.content.decode().lower()
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN and attempt.score is None


def test_another_persons_attempt_is_404(client, course_quiz):
    course, _lessons, quiz = course_quiz
    owner = make_learner()
    attempt = services.attempt_start(person=owner, quiz=quiz, course=course)
    client.force_login(make_learner().user)
    assert client.get(take_url(quiz, attempt)).status_code == 404
    assert client.post(take_url(quiz, attempt), as_post(right_answers(attempt))).status_code == 404
    assert client.get(quiz.sub_url("result", attempt_id=attempt.pk)).status_code == 404
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.OPEN


def test_attempt_limit_over_http(learner_client, db):
    _course, _lessons, quiz = make_course_with_quiz(quiz_fields={"max_attempts": 1})
    attempt = started(learner_client, quiz)
    learner_client.post(take_url(quiz, attempt), as_post(wrong_answers(attempt)))
    response = learner_client.post(start_url(quiz))
    assert response.status_code == 403 and 'data-testid="quiz-error"' in response.content.decode()
    assert Attempt.objects.count() == 1


def test_result_shows_score_only_when_so_configured(learner_client, db):
    _course, _lessons, quiz = make_course_with_quiz(quiz_fields={"result_display": "score"})
    attempt = started(learner_client, quiz)
    response = learner_client.post(take_url(quiz, attempt), as_post(wrong_answers(attempt)), follow=True)
    html = response.content.decode()
    assert "Förklaring" not in html and "quiz-review" not in html


def _quiz_with(n):
    course, _lessons, quiz = make_course_with_quiz(
        title=f"Kurs {n}", quiz_fields={"questions": [single() if i % 2 else multiple() for i in range(n)]}
    )
    return quiz


def _queries(client, n, assert_max):
    """Queries to show and to score an attempt at an n-question quiz (after one warm-up request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    quiz = _quiz_with(n)
    client.force_login(make_learner().user)
    attempt = started(client, quiz)
    # Warm the caches (site content, content types): twice, as the very first request also creates the
    # site's settings, a write that retires the cached site content (lms.core.sitecache).
    client.get(take_url(quiz, attempt))
    client.get(take_url(quiz, attempt))
    with assert_max(MAX_SHOW_QUERIES), CaptureQueriesContext(connection) as shown:
        assert client.get(take_url(quiz, attempt)).status_code == 200
    with assert_max(MAX_SUBMIT_QUERIES), CaptureQueriesContext(connection) as scored:
        assert client.post(take_url(quiz, attempt), as_post(wrong_answers(attempt))).status_code == 302
    return len(shown), len(scored)


# Mostly Wagtail's routing below the cached root page, the session, user, person and the userbar; the site
# chrome comes from the cache and the questions from the attempt's snapshot, so the counts do not depend
# on the number of questions.
MAX_SHOW_QUERIES = 16
MAX_SUBMIT_QUERIES = 24


def test_showing_and_scoring_take_a_constant_number_of_queries(client, django_assert_max_num_queries):
    assert _queries(client, 10, django_assert_max_num_queries) == _queries(client, 40, django_assert_max_num_queries)
