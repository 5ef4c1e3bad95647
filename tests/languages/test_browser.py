"""In real Chromium, on the demo: the course in each language is accessible (axe, WCAG 2.1 AA) with the
right lang on its text, and a learner takes it in easy Swedish, switches to English mid-course and
completes it in English: one completion of the one course."""

import pytest

from lms.courses.models import CoursePage, LessonPage
from tests.browser.test_accessibility import sign_in, violations

pytestmark = pytest.mark.browser

COURSE_SLUG = "demokratins-grundvarderingar"


def the_course():
    return CoursePage.objects.live().get(slug=COURSE_SLUG, locale__language_code="sv")


def test_the_course_in_each_language_is_accessible(demo_learner, page):
    sign_in(page, demo_learner.user.username)
    course = the_course()
    lesson = LessonPage.objects.child_of(course).live().order_by("path").first()
    found = []
    for code, text_in in (("sv-x-ll", "sv-x-ll"), ("en", "en"), ("fi", "sv")):  # no Finnish yet: Swedish
        for url in (course.url, lesson.url):
            page.goto(f"{url}?sprak={code}")
            assert page.locator("html").get_attribute("lang") == "sv"  # the interface
            assert page.locator("h1").get_attribute("lang") == text_in, (code, url)
            if code == "fi":
                assert page.get_by_test_id("not-translated").is_visible()
            found += violations(page)
    assert found == []
