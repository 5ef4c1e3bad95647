"""WCAG 2.1 A and AA in real Chromium: axe-core (bundled with axe-playwright-python, nothing
downloaded) checks every page of the learner's way, the manager's page and the public pages of
the demo, signed in as the people who use them."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from lms.badges.credentials import badge_for
from lms.badges.sources import COURSE
from lms.certificates.models import Certificate
from lms.courses.models import CoursePage
from lms.organisation.demo import DEMO_PASSWORD
from lms.quizzes.models import Attempt, AttemptStatus

pytestmark = pytest.mark.browser

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list[str]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert len(results.response["passes"]) > 10, "axe did not run its WCAG rules"
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def sign_in(page, username: str) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def test_public_pages(demo, page):
    certificate = Certificate.objects.filter(revoked_at__isnull=True).first()
    code = certificate.display_code
    found = []
    pages = ("/", "/konto/logga-in/", "/resultat/", "/intyg/verifiera/", f"/intyg/verifiera/{code}/")
    for url in (*pages, "/intyg/open-badges/verifiera/"):
        page.goto(url)
        found += violations(page)
    # The badge page with its answer (a certificate's Open Badge pasted), and with its form's errors.
    page.get_by_label("Klistra in intyget").fill(badge_for(COURSE, certificate))
    page.get_by_role("button", name="Kontrollera").click()
    found += violations(page)
    page.get_by_role("button", name="Kontrollera").click()
    found += violations(page)
    assert found == []


def test_the_learners_pages(demo_learner, page):
    sign_in(page, demo_learner.user.username)  # like anna, one course overdue; fresh, for the lesson marked done
    course = CoursePage.objects.live().get(title="Demokratins grundvärderingar")
    found = []
    for url in ("/mina-kurser/", "/kurser/", "/kurser/?q=demokrati", course.url, "/intyg/", "/konto/mina-uppgifter/"):
        page.goto(url)
        found += violations(page)
    page.goto(course.url)
    page.get_by_role("button", name="Starta kursen").click()  # the first lesson
    found += violations(page)
    lesson_url = page.url
    page.get_by_role("button", name="Markera som klar och fortsätt").click()
    found += violations(page)
    page.goto(lesson_url)
    assert found == []


def test_the_quiz(demo_learner, page):
    sign_in(page, demo_learner.user.username)
    course = CoursePage.objects.live().get(title="Demokratins grundvärderingar")
    page.goto(course.url)
    page.get_by_role("button", name="Starta kursen").click()
    while page.get_by_role("button", name="Markera som klar och fortsätt").count():
        page.get_by_role("button", name="Markera som klar och fortsätt").click()
    page.get_by_role("button", name="Markera som klar").click()
    page.get_by_role("button", name="Starta testet").click()
    found = violations(page)  # the question form
    page.get_by_role("button", name="Lämna in svaren").click()  # nothing ticked: the form says so
    found += violations(page)
    attempt = Attempt.objects.get(person=demo_learner, status=AttemptStatus.OPEN)
    for question in attempt.questions:  # all wrong: the result lists the wrong questions, no answers
        page.locator(f"#c-{next(c['id'] for c in question['choices'] if not c['correct'])}").check()
    page.get_by_role("button", name="Lämna in svaren").click()
    assert page.get_by_test_id("quiz-result").inner_text() == "Inte godkänt"
    found += violations(page)
    assert found == []


def test_the_managers_page(demo, page):
    sign_in(page, "chef")
    page.goto("/min-grupp/")
    assert violations(page) == []


def test_hrs_reports_in_the_admin(demo, page):
    """Our pages inside the Wagtail admin: the reports area and the people list."""
    from lms.organisation.models import OrgUnit

    page.goto("/admin/login/")
    page.fill("#id_username", "hr")
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    unit = OrgUnit.objects.get(depth=2, kind="administration", name__startswith="Social")
    found = []
    for url in (
        "/admin/",
        "/admin/reports/completion/",
        f"/admin/reports/completion/unit/{unit.pk}/",
        "/admin/reports/completion/courses/",
        "/admin/reports/completion/overdue/",
        "/admin/organisation/people/",
    ):
        page.goto(url)
        found += violations(page)
    assert found == []
