"""In real Chromium: a demo learner (the test's own) completes a demo course, is offered its evaluation
("Vad tyckte du om kursen?") on the course page, answers it with the keyboard-operable form (no
JavaScript needed) and is thanked; the answers are stored without her, waiting for the night's
release, and the offer is gone.
(The lesson poll's part of issue 15's browser test comes with the polls app.)"""

import re

import pytest

from lms.organisation.demo import DEMO_PASSWORD
from lms.surveys.models import AnswerSet, Participation, PendingAnswerSet, SurveyPage

from .test_learner_journey import COURSE, answer_rightly

pytestmark = pytest.mark.browser


def test_demo_learner_completes_a_course_and_answers_its_evaluation(demo_learner, page):
    evaluation = SurveyPage.objects.get(kind="course_evaluation", course__title=COURSE)
    sets_before = AnswerSet.objects.filter(survey=evaluation).count()
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(demo_learner.user.username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    page.goto(evaluation.course.url)
    assert page.get_by_role("link", name=re.compile("Vad tyckte du om kursen")).count() == 0  # not before completion
    page.get_by_role("button", name=re.compile("Starta kursen|Fortsätt där du slutade")).click()
    while True:
        more = page.get_by_role("button", name="Markera som klar och fortsätt")
        if more.count():
            more.click()
            continue
        page.get_by_role("button", name="Markera som klar").click()
        break
    page.get_by_role("button", name="Starta testet").click()
    answer_rightly(page, demo_learner)
    page.get_by_role("button", name="Lämna in svaren").click()
    assert page.get_by_test_id("quiz-result").inner_text() == "Godkänt"

    # The result leads on (issue 34): to the certificate and to the evaluation.
    steps = page.get_by_test_id("next-steps")
    assert steps.get_by_role("link", name="Ladda ner ditt intyg (PDF)").is_visible()
    steps.get_by_role("link", name="Vad tyckte du om kursen? Svara på utvärderingen").click()
    assert page.get_by_role("heading", level=1, name=evaluation.title).is_visible()
    page.get_by_role("button", name="Skicka mina svar").click()  # the required question left out
    assert page.get_by_role("alert").is_visible()
    assert not Participation.objects.filter(person=demo_learner).exists()

    page.get_by_role("group", name=re.compile("Kursen var relevant för mitt arbete")).get_by_label(
        "5 – Instämmer helt"
    ).check()
    page.get_by_role("group", name="Hur lång var kursen?").get_by_label("Lagom").check()
    page.get_by_label("Vad kan bli bättre?").fill("Fler exempel från bolagen.")
    page.get_by_role("button", name="Skicka mina svar").click()
    assert page.get_by_text("Tack för att du svarade!").is_visible()
    assert page.get_by_test_id("survey-refusal").inner_text().startswith("Du har redan svarat")
    # And the end of the survey leads on too: back to the course, or to Mina kurser.
    assert page.get_by_test_id("next-steps").get_by_role("link", name=f"Tillbaka till kursen {COURSE}").is_visible()
    assert page.get_by_test_id("next-steps").get_by_role("link", name="Tillbaka till Mina kurser").is_visible()

    assert Participation.objects.filter(person=demo_learner, survey=evaluation).exists()
    # The answers wait for the night's release: no result moves in her request (issue 26).
    assert AnswerSet.objects.filter(survey=evaluation).count() == sets_before
    (waiting,) = PendingAnswerSet.objects.filter(survey=evaluation)
    assert ["better", "", "Fler exempel från bolagen."] in waiting.answers
    page.goto(evaluation.course.url)
    assert page.get_by_role("link", name=re.compile("Vad tyckte du om kursen")).count() == 0
