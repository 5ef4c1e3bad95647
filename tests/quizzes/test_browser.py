"""In real Chromium: a learner who has read every lesson fails the quiz once, passes, and completes the course."""

import pytest
from django.urls import reverse

from lms.courses.models import Enrolment
from lms.courses.services import lesson_mark_done
from lms.quizzes.models import Attempt, AttemptStatus

from .factories import make_course_with_quiz, make_learner, single

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer(page, person, right: bool):
    """Tick a right or a wrong choice of each question, read from the open attempt's snapshot (the form
    never says which is right, and the order may be shuffled)."""
    attempt = Attempt.objects.get(person=person, status=AttemptStatus.OPEN)
    for question in attempt.questions:
        choice = next(c for c in question["choices"] if c["correct"] is right)
        page.locator(f"#c-{choice['id']}").check()


def test_fail_then_pass_completes_the_course(page, live_server):
    course, lessons, quiz = make_course_with_quiz(
        lessons=2,
        quiz_fields={
            "questions": [single(f"Fråga {i}?") for i in range(4)],
            "max_attempts": 3,
            "questions_to_draw": 3,
            "shuffle_questions": True,
            "shuffle_choices": True,
        },
    )
    person = make_learner(user__username="quizzer")
    for lesson in lessons:
        lesson_mark_done(person=person, lesson=lesson)

    page.goto(f"{reverse('accounts:login')}?next={quiz.url}")
    page.get_by_label("Användarnamn").fill("quizzer")
    page.get_by_label("Lösenord").fill("secret-pass-123")
    page.get_by_role("button", name="Logga in").click()

    page.goto(quiz.url)
    page.get_by_role("button", name="Starta testet").click()
    answer(page, person, right=False)
    page.get_by_role("button", name="Lämna in svaren").click()
    assert page.get_by_test_id("quiz-result").inner_text() == "Inte godkänt"
    # Which questions were wrong, but not the right answers while attempts are left.
    assert page.locator(".verdict--wrong").count() == 3
    assert page.get_by_text("(rätt svar)").count() == 0 and page.get_by_text("Förklaring till").count() == 0

    page.get_by_role("button", name="Försök igen").click()
    answer(page, person, right=True)
    page.get_by_role("button", name="Lämna in svaren").click()
    assert page.get_by_test_id("quiz-result").inner_text() == "Godkänt"
    assert "Du har slutfört kursen" in page.get_by_test_id("course-completed").inner_text()
    assert Enrolment.objects.get(person=person, course=course).completed_at is not None


def test_under_highest_a_learner_who_passed_improves_their_result(page, live_server):
    course, lessons, quiz = make_course_with_quiz(
        quiz_fields={
            "questions": [single(f"Fråga {i}?") for i in range(3)],
            "max_attempts": 3,
            "grading_method": "highest",
        }
    )
    person = make_learner(user__username="improver")
    lesson_mark_done(person=person, lesson=lessons[0])

    page.goto(f"{reverse('accounts:login')}?next={quiz.url}")
    page.get_by_label("Användarnamn").fill("improver")
    page.get_by_label("Lösenord").fill("secret-pass-123")
    page.get_by_role("button", name="Logga in").click()
    assert "Ditt högsta resultat räknas" in page.get_by_test_id("grading-method").inner_text()

    page.get_by_role("button", name="Starta testet").click()
    attempt = Attempt.objects.get(person=person, status=AttemptStatus.OPEN)
    for index, question in enumerate(attempt.questions):  # two of three right: 67 %, passed
        choice = next(c for c in question["choices"] if c["correct"] is (index < 2))
        page.locator(f"#c-{choice['id']}").check()
    page.get_by_role("button", name="Lämna in svaren").click()
    assert page.get_by_test_id("quiz-result").inner_text() == "Godkänt"
    assert Enrolment.objects.get(person=person, course=course).completed_at is not None
    assert page.get_by_text("(rätt svar)").count() == 0  # a retake could still use them

    page.get_by_role("button", name="Försök igen för att förbättra ditt resultat").click()
    answer(page, person, right=True)
    page.get_by_role("button", name="Lämna in svaren").click()
    assert "Det här försöket räknas." in page.get_by_test_id("counts-or-not").inner_text()
    page.goto(quiz.url)
    assert "100 procent, från försök 2, godkänt" in page.get_by_test_id("counted-result").inner_text()
    assert page.get_by_test_id("counted-attempt").count() == 1
