"""The result page never hands a learner who may still try again the right answers, in any display.

It says which questions were wrong; the right answers, explanations and feedback appear once the
learner has passed or has no attempts left."""

import pytest

from lms.quizzes.models import Attempt, ResultDisplay
from lms.quizzes.selectors import quiz_overview

from .factories import as_post, make_course_with_quiz, make_learner, multiple, right_answers, scenario, single

pytestmark = pytest.mark.django_db

EXPLANATION = "HEMLIG-FÖRKLARING"
FEEDBACK = "Återkoppling"  # every scenario choice's feedback starts with it (see the factory)


def mixed_questions():
    return [
        single("Vem bestämmer?", explanation=EXPLANATION),
        single("Vad gäller?", explanation=EXPLANATION),
        multiple("Vilka stämmer?"),
        scenario("Vad gör du?"),
    ]


def start(client, quiz) -> Attempt:
    assert client.post(quiz.sub_url("start")).status_code == 302
    return Attempt.objects.latest("pk")


def submit(client, quiz, attempt, answers) -> str:
    response = client.post(quiz.sub_url("take", attempt_id=attempt.pk), as_post(answers), follow=True)
    assert response.status_code == 200
    return response.content.decode()


def all_wrong(attempt) -> dict[str, list[str]]:
    return {q["id"]: [next(c["id"] for c in q["choices"] if not c["correct"])] for q in attempt.questions}


def right_choice_texts(attempt) -> list[str]:
    return [c["text"] for q in attempt.questions for c in q["choices"] if c["correct"]]


def assert_gives_nothing_away(html: str, attempt):
    assert "choice--right" not in html and "(rätt svar)" not in html
    assert EXPLANATION not in html and "Förklaring" not in html and FEEDBACK not in html
    for text in right_choice_texts(attempt):
        assert text not in html


@pytest.fixture
def learner_client(client):
    client.force_login(make_learner().user)
    return client


@pytest.mark.parametrize("display", [ResultDisplay.WRONG, ResultDisplay.ANSWERS, ResultDisplay.SCORE])
@pytest.mark.parametrize("max_attempts", [3, None])
def test_a_failed_attempt_with_attempts_left_shows_no_right_answer(learner_client, display, max_attempts):
    _course, _lessons, quiz = make_course_with_quiz(
        quiz_fields={"questions": mixed_questions(), "result_display": display, "max_attempts": max_attempts}
    )
    attempt = start(learner_client, quiz)
    html = submit(learner_client, quiz, attempt, all_wrong(attempt))
    assert 'data-testid="quiz-result">Inte godkänt<' in html
    assert_gives_nothing_away(html, attempt)
    assert "Försök igen" in html
    if display == ResultDisplay.WRONG:
        # Which questions were wrong, each with the learner's own answer.
        assert html.count("verdict--wrong") == 4 and "verdict--right" not in html
        for question in attempt.questions:
            assert question["text"] in html
        assert 'data-testid="answers-later"' in html
    elif display == ResultDisplay.ANSWERS:
        assert "quiz-review" not in html and 'data-testid="answers-later"' in html
    else:
        assert "quiz-review" not in html and 'data-testid="answers-later"' not in html


def test_a_partly_wrong_attempt_names_the_wrong_questions_only(learner_client):
    _course, _lessons, quiz = make_course_with_quiz(quiz_fields={"questions": mixed_questions(), "pass_mark": 100})
    attempt = start(learner_client, quiz)
    answers = right_answers(attempt)
    wrong_question = attempt.questions[1]
    answers[wrong_question["id"]] = all_wrong(attempt)[wrong_question["id"]]
    html = submit(learner_client, quiz, attempt, answers)
    assert html.count("verdict--wrong") == 1 and html.count("verdict--right") == 3
    assert EXPLANATION not in html and FEEDBACK not in html and "(rätt svar)" not in html
    # The wrong question's right answer stays hidden; the learner's own wrong choice is shown.
    right = next(c for c in wrong_question["choices"] if c["correct"])
    given = next(c for c in wrong_question["choices"] if c["id"] == answers[wrong_question["id"]][0])
    assert right["text"] not in html and given["text"] in html


@pytest.mark.parametrize("display", [ResultDisplay.WRONG, ResultDisplay.ANSWERS])
def test_a_passed_attempt_shows_the_review(learner_client, display):
    _course, _lessons, quiz = make_course_with_quiz(
        quiz_fields={"questions": mixed_questions(), "result_display": display}
    )
    attempt = start(learner_client, quiz)
    html = submit(learner_client, quiz, attempt, right_answers(attempt))
    assert 'data-testid="quiz-result">Godkänt<' in html
    assert EXPLANATION in html and "(rätt svar)" in html and FEEDBACK in html
    for text in right_choice_texts(attempt):
        assert text in html


@pytest.mark.parametrize("display", [ResultDisplay.WRONG, ResultDisplay.ANSWERS])
def test_out_of_attempts_shows_the_review(learner_client, display):
    _course, _lessons, quiz = make_course_with_quiz(
        quiz_fields={"questions": mixed_questions(), "result_display": display, "max_attempts": 1}
    )
    attempt = start(learner_client, quiz)
    html = submit(learner_client, quiz, attempt, all_wrong(attempt))
    assert 'data-testid="quiz-result">Inte godkänt<' in html and "Du har använt alla dina försök" in html
    assert EXPLANATION in html and "choice--right" in html and 'data-testid="answers-later"' not in html
    for text in right_choice_texts(attempt):
        assert text in html


def test_the_score_only_display_never_shows_a_review(learner_client):
    _course, _lessons, quiz = make_course_with_quiz(
        quiz_fields={"questions": mixed_questions(), "result_display": ResultDisplay.SCORE, "max_attempts": 1}
    )
    attempt = start(learner_client, quiz)
    html = submit(learner_client, quiz, attempt, all_wrong(attempt))
    assert_gives_nothing_away(html, attempt)
    assert "quiz-review" not in html


def test_an_earlier_result_stays_closed_while_the_last_attempt_is_open(learner_client):
    """Two attempts allowed: with the second one open, no attempt is left to start, yet the learner can
    still pass, so the first result must not show the answers."""
    _course, _lessons, quiz = make_course_with_quiz(quiz_fields={"questions": mixed_questions(), "max_attempts": 2})
    first = start(learner_client, quiz)
    submit(learner_client, quiz, first, all_wrong(first))
    second = start(learner_client, quiz)
    response = learner_client.get(quiz.sub_url("result", attempt_id=first.pk))
    html = response.content.decode()
    assert_gives_nothing_away(html, first)
    assert "Fortsätt ditt försök" in html
    # Once the last attempt is in, both results open up.
    submit(learner_client, quiz, second, all_wrong(second))
    html = learner_client.get(quiz.sub_url("result", attempt_id=first.pk)).content.decode()
    assert EXPLANATION in html and "(rätt svar)" in html


def test_review_unlocked_rule(learner_client):
    course, _lessons, quiz = make_course_with_quiz(quiz_fields={"max_attempts": 2})
    person = make_learner()
    learner_client.force_login(person.user)

    def overview():
        return quiz_overview(person=person, course=course, quiz=quiz)

    assert not overview().review_unlocked  # not enrolled, nothing tried
    attempt = start(learner_client, quiz)
    assert not overview().review_unlocked  # open
    submit(learner_client, quiz, attempt, all_wrong(attempt))
    assert not overview().review_unlocked  # failed, one attempt left
    attempt = start(learner_client, quiz)
    submit(learner_client, quiz, attempt, right_answers(attempt))
    assert overview().review_unlocked  # passed
