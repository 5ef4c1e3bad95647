"""In real Chromium at 390 px (issue 34): every page a crawl reaches from the home page, as the anonymous
visitor, a learner, a manager, a politician and HR (the site and the admin), is no wider than the phone's
screen, and no visible text on it is one of Python's or Django's raw values: True, False, None, an ISO
time, an enum key. The four pages that were too wide are asked for by name, should the crawl not reach
them. The crawl only reads (GET, no downloads, no sign-out). The pages other browser tests make are
checked the same way when each of them ends (tests/conftest.py ``_tab``, tests/phone_fit.py ``MadePages``):
the last test here shows that a page a test makes too wide is found."""

from urllib.parse import urljoin, urlparse

import pytest
from django.http import HttpResponse

from home.models import HomePage, StandardPage
from lms.organisation.demo import DEMO_PASSWORD
from lms.surveys.models import SurveyKind, SurveyPage
from tests.phone_fit import NOT_FOLLOWED, phone_context, what_is_wrong

pytestmark = pytest.mark.browser

PAGES_PER_ROLE = 45  # enough to reach every kind of page; the crawl is breadth first
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
        wrong += what_is_wrong(tab, path)
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
    context = phone_context(browser, demo_server.url)
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


def test_a_page_a_test_makes_too_wide_is_found(demo_page, demo_server, browser, made_pages, monkeypatch):
    """The registry of made pages finds a page this test creates, and the check says it is too wide and
    shows a raw value, not a word marked as another language's (then the page goes again: the demo stays
    as it was)."""
    home = HomePage.objects.live().first()
    wide = home.add_child(instance=StandardPage(title="För bred med flit", slug="for-bred-med-flit", body=[]))
    try:
        too_wide = (
            '<!doctype html><html><head><meta name="viewport" content="width=device-width"></head>'
            '<body style="margin: 0"><div style="width: 640px">None <span lang="en">True</span></div></body></html>'
        )
        monkeypatch.setattr(StandardPage, "serve", lambda self, request, *args, **kwargs: HttpResponse(too_wide))
        assert wide.url in made_pages.urls(demo_server.url)
        wrong = made_pages.check(browser, demo_server.url)
        assert wrong == [f"{wide.url}: 640 px wide", f"{wide.url}: raw values ['None']"]
    finally:
        made_pages.forget()
        wide.delete()
