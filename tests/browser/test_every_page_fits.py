"""In real Chromium at 390 px (issue 34): every page a crawl reaches from the home page, as the anonymous
visitor, a learner, a manager, a politician and HR (the site and the admin), is no wider than the phone's
screen, and no visible text on it is one of Python's or Django's raw values: True, False, None, an ISO
time, an enum key. The four pages that were too wide are asked for by name, should the crawl not reach
them. The crawl only reads (GET, no downloads, no sign-out)."""

import re
from urllib.parse import urljoin, urlparse

import pytest

from lms.organisation.demo import DEMO_PASSWORD
from lms.surveys.models import SurveyKind, SurveyPage

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGES_PER_ROLE = 45  # enough to reach every kind of page; the crawl is breadth first
# Links the crawl does not follow: signing out, files, and admin actions that are forms, not pages.
NOT_FOLLOWED = re.compile(
    r"logga-ut|logout|ladda-ner|download|\.(pdf|json|csv|xlsx)|export|/delete/|/unpublish|/revisions/|/history/"
    r"|/usage/|/copy/|/move/|/media/|/static/|/documents/|/images/|/erase|/oidc/"
)
# Raw values: Python's constants, an ISO 8601 time, a key in snake_case (an enum's value, a field's name).
RAW = re.compile(r"\b(True|False|None)\b|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|\b[a-z]+_[a-z_]+\b")
ONCE_TOO_WIDE = ["/mina-kurser/krav/", "/konto/mina-uppgifter/", "/tillganglighet/"]


def sign_in(tab, username: str) -> None:
    tab.goto("/konto/logga-in/")
    tab.get_by_label("Användarnamn").fill(username)
    tab.get_by_label("Lösenord").fill(DEMO_PASSWORD)
    tab.get_by_role("button", name="Logga in").click()


def crawl(tab, base: str, start: list[str], *, within: str) -> tuple[list[str], list[str]]:
    """(the pages visited, what is wrong on them)."""
    host = urlparse(base).netloc
    seen, queue, wrong = [], list(start), []
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.append(path)
        response = tab.goto(path)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        width = tab.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wrong.append(f"{path}: {width} px wide")
        raw = sorted({m.group(0) for m in RAW.finditer(tab.evaluate("document.body.innerText"))})
        if raw:
            wrong.append(f"{path}: raw values {raw[:5]}")
        for href in tab.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))"):
            url = urlparse(urljoin(base + path, href))
            found = url.path + (f"?{url.query}" if url.query else "")
            if url.netloc == host and found.startswith(within) and not NOT_FOLLOWED.search(found):
                if within == "/" and found.startswith("/admin"):
                    continue
                queue.append(found)
    return seen, wrong


@pytest.fixture
def phone(browser, demo_server, demo):
    context = browser.new_context(base_url=demo_server.url, viewport=PHONE, locale="sv-SE", is_mobile=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("username", [None, "anna", "chef", "politiker", "hr"])
def test_every_page_of_the_site_fits_a_phone_and_shows_no_raw_values(phone, demo_server, username):
    start = ["/"]
    if username:
        sign_in(phone, username)
        start += ONCE_TOO_WIDE
        survey = SurveyPage.objects.live().filter(kind=SurveyKind.ATTITUDE).order_by("-title").first()
        start.append(survey.url)  # a survey page, its title the longest word on it
    seen, wrong = crawl(phone, demo_server.url, start, within="/")
    assert len(seen) >= (8 if username is None else 15), seen  # the crawl did reach the site
    assert wrong == []


def test_every_page_of_the_admin_fits_a_phone_for_hr(phone, demo_server):
    sign_in(phone, "hr")
    seen, wrong = crawl(
        phone, demo_server.url, ["/admin/", "/admin/organisation/people/?is_active=true"], within="/admin"
    )
    assert len(seen) >= 20, seen
    assert wrong == []
