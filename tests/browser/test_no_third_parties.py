"""Nothing leaves the site, and the Content-Security-Policy breaks nothing: in real Chromium, every request
a page makes (documents, styles, scripts, fonts, images, fetches) goes to the site's own host, and the
console shows no CSP violation, on the learner's, the public and the admin's pages of the demo, signed
in as the people who use them."""

import contextlib
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lms.courses.models import CoursePage, LessonPage
from lms.organisation.demo import DEMO_PASSWORD
from lms.quizzes.models import QuizPage

pytestmark = pytest.mark.browser


class Recorder:
    """Every request and every CSP message of one tab, from the moment it is attached."""

    def __init__(self, page, base_url: str):
        self.host = urlsplit(base_url).netloc
        self.elsewhere: list[str] = []
        self.csp: list[str] = []
        self.visited: list[str] = []
        page.on("request", self.on_request)
        page.on("console", self.on_console)

    def on_request(self, request):
        url = urlsplit(request.url)
        if url.scheme in ("data", "blob", "about"):  # inside the page, nothing is sent
            return
        if url.netloc != self.host:
            self.elsewhere.append(request.url)

    def on_console(self, message):
        if "Content Security Policy" in message.text:
            self.csp.append(f"{message.text} (on {self.visited[-1] if self.visited else '?'})")

    def visit(self, page, url: str) -> None:
        self.visited.append(url)
        page.goto(url)
        # What scripts fetch after the load; a page that keeps polling: what it asked for so far is recorded.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_load_state("networkidle", timeout=5_000)

    def assert_clean(self) -> None:
        assert self.elsewhere == [], f"requests to other hosts: {sorted(set(self.elsewhere))}"
        assert self.csp == [], f"Content Security Policy violations: {self.csp}"


@pytest.fixture
def recorder(page, demo_server):
    return Recorder(page, demo_server.url)


def sign_in(page, username: str) -> None:
    page.goto("/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()


def sign_in_to_admin(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def test_public_and_learner_pages(demo, page, recorder):
    for url in ("/", "/resultat/", "/intyg/verifiera/", "/konto/logga-in/"):
        recorder.visit(page, url)
    sign_in(page, "anna")
    course = CoursePage.objects.live().get(title="Demokratins grundvärderingar")
    lesson = LessonPage.objects.live().descendant_of(course).first()
    quiz = QuizPage.objects.live().descendant_of(course).first()
    for url in ("/", "/mina-kurser/", course.url, lesson.url, quiz.url, "/intyg/"):
        recorder.visit(page, url)
    assert "Logga ut" in page.content()  # the learner's pages were seen signed in
    recorder.assert_clean()


def test_admin_pages(demo, page, recorder):
    course = CoursePage.objects.live().get(title="Demokratins grundvärderingar")
    admin_pages = {
        "admin": (
            "/admin/",
            "/admin/pages/",
            f"/admin/pages/{course.get_parent().pk}/",
            f"/admin/pages/{course.pk}/edit/",
            "/admin/organisation/people/",
            "/admin/reports/completion/",
            "/admin/account/",
        ),
        "redaktor": ("/admin/", "/admin/pages/", f"/admin/pages/{course.pk}/edit/", "/admin/account/"),
        "hr": ("/admin/", "/admin/organisation/people/", "/admin/reports/completion/", "/admin/account/"),
    }
    for username, urls in admin_pages.items():
        sign_in_to_admin(page, username)
        for url in urls:
            recorder.visit(page, url)
            assert "/admin/login/" not in page.url, f"{username} was sent to sign in at {url}"
    recorder.assert_clean()
