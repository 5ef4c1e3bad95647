"""In real Chromium, on the demo: the course in each language is accessible (axe, WCAG 2.1 AA) with the
right lang on its text, and a learner takes it in easy Swedish, switches to English mid-course and
completes it in English: one completion of the one course."""

import re

import pytest
from django.contrib.auth import get_user_model

from lms.courses.models import CoursePage, LessonPage
from lms.quizzes.models import QuizPage
from tests.browser.test_accessibility import sign_in, violations

pytestmark = pytest.mark.browser
User = get_user_model()

COURSE_SLUG = "demokratins-grundvarderingar"


def the_course():
    return CoursePage.objects.live().get(slug=COURSE_SLUG, locale__language_code="sv")


def test_the_course_in_each_language_is_accessible(demo_learner, demo_page):
    page = demo_page  # a tab on the demo's live server (tests/browser/conftest.py)
    sign_in(page, demo_learner.user.username)
    course = the_course()
    lesson = LessonPage.objects.child_of(course).live().order_by("path").first()
    quiz = QuizPage.objects.child_of(course).live().get()
    found = []
    for code, text_in in (("sv-x-ll", "sv-x-ll"), ("en", "en"), ("fi", "sv")):  # no Finnish yet: Swedish
        for url in (course.url, lesson.url, quiz.url):
            page.goto(f"{url}?sprak={code}")
            assert page.locator("html").get_attribute("lang") == "sv"  # the interface
            assert page.locator("h1").get_attribute("lang") == text_in, (code, url)
            if code == "fi":
                assert page.get_by_test_id("not-translated").is_visible()
            found += violations(page)
    assert found == []


def test_a_learner_switches_to_english_mid_course_and_completes_the_one_course_in_english(
    demo_learner, demo_page, demo_server
):
    page = demo_page  # a tab on the demo's live server (tests/browser/conftest.py)
    """The issue's journey, as the demo's anna would take it (a learner of the test's own, like her: anna
    stays as she is for the other demo tests): easy Swedish, English from lesson 3, the English quiz, an
    English certificate, and one completion of the course for HR, one in English in the per-language view."""
    from pypdf import PdfReader

    from lms.certificates.models import Certificate
    from lms.courses.models import Enrolment
    from lms.quizzes.models import Attempt, AttemptStatus
    from lms.quizzes.scoring import correct_ids
    from lms.reports.selectors import completions_by_language, scope_for_user

    course = the_course()
    hr = scope_for_user(user=User.objects.get(username="hr"))
    before = sum(row.completed for row in completions_by_language(scope=hr, course_id=course.pk))
    sign_in(page, demo_learner.user.username)
    page.goto(course.url)
    page.get_by_label("Kursspråk").select_option("sv-x-ll")
    page.get_by_role("button", name="Visa på det här språket").click()
    assert page.locator("h1").inner_text() == "Demokratins viktigaste värden"
    assert page.locator("h1").get_attribute("lang") == "sv-x-ll"
    page.get_by_role("button", name=re.compile("Starta kursen|Fortsätt där du slutade")).click()

    for number in range(1, 6):
        assert page.locator("h1").get_attribute("lang") == ("sv-x-ll" if number < 3 else "en"), number
        if number == 2:  # read lesson 2, then lesson 3 opens in easy Swedish: switch there
            page.get_by_role("button", name="Markera som klar och fortsätt").click()
            page.get_by_label("Kursspråk").select_option("en")
            page.get_by_role("button", name="Visa på det här språket").click()
            assert page.locator("h1").get_attribute("lang") == "en"
            continue
        name = "Markera som klar och fortsätt" if number < 5 else "Markera som klar"
        page.get_by_role("button", name=name, exact=True).click()
    enrolment = Enrolment.objects.get(person=demo_learner, course=course)
    assert enrolment.lesson_progress.count() == 5  # on the source lessons, whatever the language read in

    page.get_by_role("button", name="Starta testet").click()
    assert "Knowledge test" in page.locator("h1").inner_text()
    attempt = Attempt.objects.get(person=demo_learner, status=AttemptStatus.OPEN)
    for question in attempt.questions:
        for choice_id in correct_ids(question):
            page.locator(f"#c-{choice_id}").check()
    page.get_by_role("button", name="Lämna in svaren").click()
    assert page.get_by_test_id("quiz-result").inner_text() == "Godkänt"

    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None and enrolment.completed_language == "en"
    assert Enrolment.objects.filter(person=demo_learner, course__translation_key=course.translation_key).count() == 1
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.language == "en"
    page.get_by_role("link", name="Mina intyg").first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Ladda ner intyget")).first.click()
    text = " ".join(p.extract_text() for p in PdfReader(download_info.value.path()).pages)
    assert "The core values of democracy" in " ".join(text.split())

    # HR: one more completion of the one course, and it is the only one in English.
    after = completions_by_language(scope=hr, course_id=course.pk)
    assert sum(row.completed for row in after) == before + 1
    assert [row.completed for row in after if row.language and row.language.code == "en"] == [1]
    # In a tab of HR's own: the learner's stays signed in, for the check of the pages she was shown.
    hr_context = page.context.browser.new_context(base_url=demo_server.url, locale="sv-SE")
    hr_tab = hr_context.new_page()
    sign_in(hr_tab, "hr")
    hr_tab.goto(f"/admin/reports/completion/courses/?course={course.pk}")
    by_language = hr_tab.get_by_test_id("completions-by-language")
    assert re.search(r"English\s*1\b", by_language.inner_text())
    hr_context.close()
