"""In real Chromium (issue 31, done when): a learner takes a SCORM 1.2 and a SCORM 2004 package (built
from the demo's sources) to completion; closing the browser halfway and coming back resumes the package
where it stopped; the course then completes, gives its certificate, and HR's overview counts it. The
packages run sandboxed: their frame has no origin of its own and cannot read the site's cookies."""

import json
import re

import pytest
from django.test import Client
from django.urls import reverse

from lms.certificates.models import Certificate
from lms.courses import services as course_services
from lms.courses.models import Enrolment, LessonProgress
from lms.packages.models import PackageAttempt, PackageLessonPage
from lms.reports.services import summary_refresh
from tests.certificates.factories import CertificateTemplateFactory
from tests.courses.factories import make_course
from tests.factories import PersonFactory, hr_user

from .helpers import stored_package

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"


@pytest.fixture
def course_and_learner():
    course, _lessons = make_course(lessons=0, title="Paketkursen", certificate_template=CertificateTemplateFactory())
    lessons = []
    for version in ("1.2", "2004"):
        lesson = PackageLessonPage(
            title=f"SCORM {version}", slug=f"scorm-{version.replace('.', '')}", package=stored_package(version)
        )
        lessons.append(course.add_child(instance=lesson))
    person = PersonFactory()
    course_services.enrolment_assign(person=person, course=course)
    return course, lessons, person


def sign_in(page, person):
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(person.user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def next_page(page, lesson, to: int):
    """Click the package's "Nästa" and wait for the answer to a commit of page ``to`` (or later): the commit
    of the page shown before may still be on its way (on a busy machine), and is not the one this click
    made; a commit asked for while one is on its way may go with the next (scorm-again's asynchronous
    commits), which then carries the later page."""
    commit_url = reverse("packages:commit", args=[lesson.pk])

    def of_this_page(response) -> bool:
        pages = re.findall(r'"sida-(\d+)"', response.request.post_data or "")
        return response.url.endswith(commit_url) and any(int(n) >= to for n in pages)

    with page.expect_response(of_this_page) as answer:
        page.frame_locator("#package-frame").get_by_role("button", name="Nästa").click()
    return answer.value.json()


def take_to_the_end(page, lesson, from_page: int) -> dict:
    frame = page.frame_locator("#package-frame")
    body = {}
    for number in range(from_page, 4):
        if number == 3:
            frame.get_by_label("Nej, man har rätt att vara anonym").check()
        body = next_page(page, lesson, to=number + 1)
    assert frame.get_by_role("heading", name="Klart!").is_visible()
    return body


def test_scorm_12_and_2004_to_the_certificate_resuming_after_the_browser_closed(
    browser, live_server, course_and_learner
):
    course, (scorm12, scorm2004), person = course_and_learner
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    sign_in(page, person)
    page.goto(scorm12.url)
    frame = page.frame_locator("#package-frame")
    assert frame.get_by_text("Sida 1 av 4").is_visible()
    # Sandboxed: the package's document has an opaque origin and no access to the session cookie.
    package_frame = page.frames[1]
    assert package_frame.evaluate("() => self.origin") == "null"
    assert (
        package_frame.evaluate("() => { try { return document.cookie; } catch (e) { return 'refused'; } }") == "refused"
    )
    assert (
        package_frame.evaluate("() => { try { return window.parent.document.title; } catch (e) { return 'refused'; } }")
        == "refused"
    )

    assert next_page(page, scorm12, to=2) == {"result": True, "errorCode": 0, "done": False, "problems": []}
    assert frame.get_by_text("Sida 2 av 4").is_visible()
    context.close()  # halfway: the browser closes

    attempt = PackageAttempt.objects.get(lesson_id=scorm12.pk)
    assert (attempt.location, attempt.completion_status) == ("sida-2", "incomplete")
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    sign_in(page, person)
    page.goto(scorm12.url)
    assert page.frame_locator("#package-frame").get_by_text("Sida 2 av 4").is_visible()  # resumed
    assert take_to_the_end(page, scorm12, from_page=2)["done"] is True
    assert page.get_by_role("status").filter(has_text="Du har gjort klart den här lektionen.").is_visible()
    enrolment = Enrolment.objects.get(person=person, course=course)
    assert LessonProgress.objects.filter(enrolment=enrolment, lesson_id=scorm12.pk).exists()
    assert enrolment.completed_at is None  # the 2004 lesson is left

    page.goto(scorm12.url)  # the answer, for the learner's own review
    page.get_by_text("Dina svar i lektionen").click()
    assert re.search(r"nej\s*Rätt", page.locator(".package-review").inner_text())

    page.goto(scorm2004.url)
    assert page.frame_locator("#package-frame").get_by_text("Sida 1 av 4").is_visible()
    assert take_to_the_end(page, scorm2004, from_page=1)["done"] is True
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    attempt = PackageAttempt.objects.get(lesson_id=scorm2004.pk)
    assert (attempt.completion_status, attempt.success_status, attempt.score_raw) == ("completed", "passed", 100)
    assert Certificate.objects.filter(enrolment=enrolment).exists()
    context.close()

    summary_refresh()
    hr = Client()
    hr.force_login(hr_user())
    total = hr.get(reverse("reports_overview"), {"course": course.pk}).context["breakdown"].total
    assert (total.required, total.completed) == (1, 1)


def test_an_h5p_interaction_to_completion(browser, live_server):
    from lms.packages import services
    from lms.packages.building import folder_zip
    from lms.packages.demo import H5P_SOURCE

    course, _lessons = make_course(lessons=0, title="H5P-kursen")
    package = services.package_store(upload=folder_zip(H5P_SOURCE, name="fraga.h5p"))
    lesson = course.add_child(instance=PackageLessonPage(title="Frågan", slug="fragan", package=package))
    person = PersonFactory()
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    sign_in(page, person)
    page.goto(lesson.url)
    frame = page.frame_locator("#package-frame")
    frame.get_by_label("Ja, det har expedierats och är därmed upprättat").check()
    commit_url = reverse("packages:commit", args=[lesson.pk])
    with (
        page.expect_response(lambda r: r.url.endswith(commit_url)) as first,
        page.expect_response(lambda r: r.url.endswith(commit_url) and '"state"' in (r.request.post_data or "")) as kept,
    ):
        frame.get_by_role("button", name="Svara").click()
    assert first.value.ok and kept.value.ok
    assert frame.get_by_text("Rätt! En handling som har skickats").is_visible()
    page.get_by_role("status").filter(has_text="Du har gjort klart den här lektionen.").wait_for()
    enrolment = Enrolment.objects.get(person=person, course=course)
    assert LessonProgress.objects.filter(enrolment=enrolment, lesson_id=lesson.pk).exists()
    assert enrolment.completed_at is not None
    attempt = PackageAttempt.objects.get(lesson_id=lesson.pk)
    assert attempt.success_status == "passed"
    assert attempt.interactions[0]["learner_response"] == "Ja, det har expedierats och är därmed upprättat"
    # The content type's own state (H5P's getCurrentState) was kept, in order, before the completion.
    assert json.loads(attempt.suspend_data) == {"svar": 0, "besvarad": True}
    context.close()

    # Another browser: the interaction starts where the learner left it (H5P's previousState).
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    page = context.new_page()
    sign_in(page, person)
    page.goto(lesson.url)
    frame = page.frame_locator("#package-frame")
    assert frame.get_by_label("Ja, det har expedierats och är därmed upprättat").is_checked()
    assert frame.get_by_text("Rätt! En handling som har skickats").is_visible()
    context.close()
