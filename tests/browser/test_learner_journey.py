"""In real Chromium: a demo learner (the test's own, anna stays as she is) takes a demo course from the
catalogue to its certificate.

Catalogue → course page → every lesson ("mark as done and continue") → the quiz → completed,
then "Mina intyg", the PDF download and the public verification page."""

import re

import pytest

from lms.certificates.models import Certificate
from lms.courses.models import Enrolment
from lms.organisation.demo import DEMO_PASSWORD
from lms.quizzes.models import Attempt, AttemptStatus
from lms.quizzes.scoring import correct_ids

pytestmark = pytest.mark.browser

COURSE = "Demokratins grundvärderingar"


def answer_rightly(page, person):
    """Tick the right choices of the open attempt; the form itself never says which they are."""
    attempt = Attempt.objects.get(person=person, status=AttemptStatus.OPEN)
    for question in attempt.questions:
        for choice_id in correct_ids(question):
            page.locator(f"#c-{choice_id}").check()


def test_demo_learner_completes_a_course_and_verifies_the_certificate(demo_learner, page):
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(demo_learner.user.username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Kurser", exact=True).click()
    page.get_by_role("link", name=COURSE).click()
    assert page.get_by_role("heading", level=1, name=COURSE).is_visible()
    page.get_by_role("button", name=re.compile("Starta kursen|Fortsätt där du slutade")).click()

    lessons_read = 0
    while True:
        assert page.get_by_role("heading", level=1).is_visible()
        more = page.get_by_role("button", name="Markera som klar och fortsätt")
        if more.count():
            more.click()
            lessons_read += 1
            continue
        page.get_by_role("button", name="Markera som klar").click()
        lessons_read += 1
        break
    assert lessons_read == 5

    # The last lesson leads on to the quiz.
    assert "Finish the course with the quiz" not in page.content()
    assert page.get_by_text("Du har läst alla lektioner. Avsluta kursen med kunskapstestet.").is_visible()
    page.get_by_role("button", name="Starta testet").click()
    answer_rightly(page, demo_learner)
    page.get_by_role("button", name="Lämna in svaren").click()
    assert page.get_by_test_id("quiz-result").inner_text() == "Godkänt"
    assert "Du har slutfört kursen" in page.get_by_test_id("course-completed").inner_text()

    enrolment = Enrolment.objects.get(person=demo_learner, course__title=COURSE)
    assert enrolment.completed_at is not None
    page.goto(enrolment.course.url)
    assert page.get_by_test_id("course-status").inner_text().startswith("Slutförd")

    # Celery runs eagerly here: the certificate was rendered when the completion committed.
    certificate = Certificate.objects.get(enrolment=enrolment)
    page.get_by_role("link", name="Mina intyg").first.click()
    row = page.get_by_role("row").filter(has_text=COURSE)
    assert "Giltigt" in row.inner_text()
    with page.expect_download() as download_info:
        row.get_by_role("link", name=re.compile("Ladda ner intyget")).click()
    with open(download_info.value.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"

    row.get_by_role("link", name=re.compile(certificate.display_code)).click()
    assert page.get_by_role("heading", name="Intyget är giltigt").is_visible()
    assert page.get_by_text(demo_learner.full_name).is_visible()


def test_a_lesson_works_on_a_phone_without_javascript(demo_learner, browser, demo_server):
    context = browser.new_context(
        locale="sv-SE",
        base_url=demo_server.url,
        java_script_enabled=False,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
    )
    tab = context.new_page()
    tab.goto("/konto/logga-in/?next=/mina-kurser/")
    tab.get_by_label("Användarnamn").fill(demo_learner.user.username)
    tab.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    tab.get_by_role("button", name="Logga in").click()
    assert tab.get_by_role("heading", level=1, name="Mina kurser").is_visible()

    tab.get_by_role("link", name=COURSE).first.click()
    tab.get_by_role("button", name=re.compile("Starta kursen|Fortsätt där du slutade")).click()
    first_lesson = tab.get_by_role("heading", level=1).inner_text()
    tab.get_by_role("button", name="Markera som klar och fortsätt").click()
    assert tab.get_by_role("heading", level=1).inner_text() != first_lesson
    # Nothing wider than the phone's screen: no sideways scrolling.
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
