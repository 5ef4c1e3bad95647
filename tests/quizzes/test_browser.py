"""In real Chromium: a learner who has read every lesson fails the quiz once, passes, and completes the course."""

import pytest
from django.urls import reverse

from lms.courses.models import Enrolment
from lms.courses.services import lesson_mark_done

from .factories import make_course_with_quiz, make_learner, single

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer(page, right: bool):
    for fieldset in page.locator("fieldset").all():
        # Each question's right answer is "… svar 0" (see the factory); the form itself never says which.
        fieldset.locator("label", has_text="svar 0" if right else "svar 1").click()


def test_fail_then_pass_completes_the_course(page, live_server):
    course, lessons, quiz = make_course_with_quiz(
        lessons=2, quiz_fields={"questions": [single(f"Fråga {i}?") for i in range(3)], "max_attempts": 3}
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
    answer(page, right=False)
    page.get_by_role("button", name="Lämna in svaren").click()
    assert page.get_by_test_id("quiz-result").inner_text() == "Inte godkänt"

    page.get_by_role("button", name="Försök igen").click()
    answer(page, right=True)
    page.get_by_role("button", name="Lämna in svaren").click()
    assert page.get_by_test_id("quiz-result").inner_text() == "Godkänt"
    assert "Du har slutfört kursen" in page.get_by_test_id("course-completed").inner_text()
    assert Enrolment.objects.get(person=person, course=course).completed_at is not None
